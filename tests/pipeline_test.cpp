// The pipeline: composition with users' components and layers, incremental runs, thread safety,
// workspaces.
#include <byline/byline.hpp>
#include <byline/io/json.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <list>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

// A user's span group: runs of all-caps words (NATO, EU).
struct acronyms : byline::span_group {
  static constexpr std::string_view name = "acronyms";
};

// A user's component: marks all-caps words as "acronym" spans.
struct acronym_marker {
  using needs = byline::layers<byline::token_layer>;
  using provides = byline::layers<acronyms>;
  std::size_t min_length = 2;

  template <class Doc>
  void operator()(Doc& doc, byline::workspace& ws) const {
    // Scratch from the workspace, reused across calls on one thread and keyed by this component.
    auto& seen = ws.get<std::vector<std::uint32_t>>(*this);
    seen.clear();
    for (auto t : doc.tokens())
      if (t.kind() == byline::token_kind::word && t.is_upper() && t.text().size() >= min_length)
        seen.push_back(t.index());
    auto& group = doc.template edit<acronyms>();
    for (auto i : seen) group.add(byline::token_id{i}, byline::token_id{i + 1}, "acronym");
  }
};

template <class Doc>
std::vector<std::string> acronyms_of(const Doc& doc) {
  std::vector<std::string> out;
  for (auto s : doc.spans("acronyms")) out.push_back(byline::unicode::to_utf8(s.text()));
  return out;
}

}  // namespace

TEST_CASE("a user's component composes with the built-in ones", "[pipeline]") {
  const byline::pipeline nlp{byline::tokenizer{}, byline::paragraph_segmenter{}, byline::sentence_splitter{},
                             acronym_marker{}};
  STATIC_REQUIRE(byline::component<acronym_marker>);
  STATIC_REQUIRE(std::is_same_v<decltype(nlp)::provides, byline::layers<byline::token_layer, byline::paragraph_layer,
                                                                         byline::sentence_layer, acronyms>>);
  auto doc = nlp("NATO and the EU met. The UN did not.");
  CHECK(acronyms_of(doc) == std::vector<std::string>{"NATO", "EU", "UN"});
  CHECK(doc.has<acronyms>());
  CHECK(doc.has<byline::sentence_layer>());
  CHECK(doc.spans("nothing by this name").size() == 0);
  CHECK(nlp.get<acronym_marker>().min_length == 2);
  // The layer writes itself into the JSON, under "spans".
  const auto json = byline::io::to_json(doc, {.tokens = false, .compact = true});
  CHECK(json.find("\"spans\":{\"acronyms\":[{\"start\":0,\"end\":4,\"first_token\":0,\"end_token\":1,"
                  "\"label\":\"acronym\",\"text\":\"NATO\"}") != std::string::npos);
}

TEST_CASE("the default pipeline has a name and extends in one line (finding 10)", "[pipeline]") {
  const byline::pipeline deduced;
  STATIC_REQUIRE(std::is_same_v<std::remove_const_t<decltype(deduced)>, byline::news_pipeline>);
  const auto mine = byline::news_pipeline{}.then(acronym_marker{.min_length = 3});
  STATIC_REQUIRE(std::is_same_v<std::remove_const_t<decltype(mine)>,
                                byline::pipeline<byline::tokenizer, byline::paragraph_segmenter,
                                                 byline::sentence_splitter, byline::entity_extractor,
                                                 byline::pronoun_resolver, byline::quote_finder,
                                                 byline::attribution_tagger, byline::stance_tagger,
                                                 acronym_marker>>);
  auto doc = mine("NATO and the EU met.\n\nThe UN did not.");
  CHECK(acronyms_of(doc) == std::vector<std::string>{"NATO"});
  CHECK(doc.paragraphs().size() == 2);
  CHECK(doc.sentences().size() == 2);
}

TEST_CASE("an empty pipeline makes a document and nothing else", "[pipeline]") {
  const byline::pipeline<> nothing;
  auto doc = nothing("text");
  CHECK(doc.text() == "text");
  CHECK(doc.tokens().size() == 0);
  CHECK(doc.base().layer_table().entries().empty());
}

TEST_CASE("documents own their text whatever the input", "[pipeline]") {
  const byline::pipeline nlp{byline::tokenizer{}};
  const std::string s = "Kyiv agreed.";
  auto from_list = nlp(std::list<char>(s.begin(), s.end()));
  STATIC_REQUIRE(std::is_same_v<decltype(from_list), byline::document>);
  CHECK(from_list.text() == s);
  auto from_u16 = nlp(u"Kyiv agreed.");
  STATIC_REQUIRE(std::is_same_v<decltype(from_u16), byline::basic_document<std::u16string>>);
  CHECK(from_u16.tokens().size() == 3);
  const std::u16string u16 = u"Kyiv agreed.";
  auto borrowed16 = nlp(byline::borrow(u16));
  STATIC_REQUIRE(std::is_same_v<decltype(borrowed16), byline::basic_document<std::u16string_view>>);
  CHECK(borrowed16.text().data() == u16.data());
}

// ----------------------------------------------------------------------------------------------
// Typed layers whose records refer to other layers' records by id.

namespace {

// Words in capitals, one record a token: a layer keyed by token ids.
struct shout_layer {
  static constexpr std::string_view name = "shouts";
  std::vector<byline::token_id> token;
  void write_json(byline::io::json_out& j) const {
    j.begin_array();
    for (auto t : token) {
      j.item();
      j.number(t.value);
    }
    j.end_array();
  }
};
using shout_id = byline::id<shout_layer>;

// Pairs of shouts in one sentence: records that point at another user layer's records.
struct shout_pair_layer {
  static constexpr std::string_view name = "shout_pairs";
  std::vector<shout_id> first, second;
  std::vector<byline::sentence_id> sentence;
  void validate(const byline::document_base& doc, std::vector<std::string>& problems) const {
    const auto* shouts = doc.find<shout_layer>();
    for (std::size_t i = 0; i < first.size(); ++i)
      if (!shouts || first[i].value >= shouts->token.size() || second[i].value >= shouts->token.size())
        problems.push_back("shout_pairs: a shout id out of range");
  }
};

struct shout_finder {
  using needs = byline::layers<byline::token_layer>;
  using provides = byline::layers<shout_layer>;
  template <class Doc>
  void operator()(Doc& doc, byline::workspace&) const {
    auto& out = doc.template edit<shout_layer>();
    for (auto t : doc.tokens())
      if (t.is_upper() && t.is_word()) out.token.push_back(t.id());
  }
};

// Written as ordinary code against document_base: one function for every encoding.
struct shout_pairer {
  using needs = byline::layers<shout_layer, byline::sentence_layer>;
  using provides = byline::layers<shout_pair_layer>;
  std::atomic<int>* calls = nullptr;
  void operator()(byline::document_base& doc, byline::workspace&) const {
    if (calls) ++*calls;
    const auto& shouts = doc.get<shout_layer>();
    const auto& sentences = doc.sentence_records().items;
    auto& out = doc.edit<shout_pair_layer>();
    for (std::size_t i = 0; i + 1 < shouts.token.size(); ++i) {
      const auto a = shouts.token[i].value, b = shouts.token[i + 1].value;
      for (std::size_t s = 0; s < sentences.size(); ++s)
        if (sentences[s].first_token <= a && b < sentences[s].end_token) {
          out.first.push_back(shout_id{i});
          out.second.push_back(shout_id{i + 1});
          out.sentence.push_back(byline::sentence_id{s});
        }
    }
  }
};

}  // namespace

TEST_CASE("layers are types whose records point at other layers' records by id", "[pipeline][layers]") {
  std::atomic<int> calls{0};
  const auto nlp = byline::news_pipeline{}.then(shout_finder{}, shout_pairer{&calls});
  const std::string text = "NATO and the EU met. Only the UN came.\n\nThe IMF and the WTO said no.";
  auto doc = nlp(text);
  const auto& pairs = doc.get<shout_pair_layer>();
  const auto& shouts = doc.get<shout_layer>();
  REQUIRE(pairs.first.size() == 2);
  // Follow the ids: pair -> shout -> token, and pair -> sentence.
  CHECK(doc.token_of(shouts.token[pairs.first[0].value]).text() == "NATO");
  CHECK(doc.token_of(shouts.token[pairs.second[0].value]).text() == "EU");
  CHECK(doc.token_of(shouts.token[pairs.first[1].value]).text() == "IMF");
  CHECK(doc.sentence_of(pairs.sentence[1]).text() == "The IMF and the WTO said no.");
  CHECK(byline::validate(doc).empty());
  // The same ordinary-code component runs on a UTF-16 document and finds the same.
  auto doc16 = nlp(byline::unicode::to_utf16(text));
  CHECK(doc16.get<shout_pair_layer>().first == pairs.first);
  CHECK(calls == 2);
  // A layer with a write_json appears in the JSON by its name; one without, not at all.
  const auto json = byline::io::to_json(doc, {.tokens = false, .compact = true});
  CHECK(json.find("\"shouts\":[0,3,8,12,15]") != std::string::npos);
  CHECK(json.find("shout_pairs") == std::string::npos);
  // A layer's own validate() is part of byline::validate.
  doc.edit<shout_pair_layer>().first.push_back(shout_id{99});
  doc.edit<shout_pair_layer>().second.push_back(shout_id{0});
  const auto problems = byline::validate(doc);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] == "shout_pairs: a shout id out of range");
}

namespace {
struct people : byline::span_group {
  static constexpr std::string_view name = "people";
};
struct quotes : byline::span_group {
  static constexpr std::string_view name = "quotes";
};
struct places : byline::span_group {
  static constexpr std::string_view name = "places";
};
struct some_group : byline::span_group {
  static constexpr std::string_view name = "g";
};
}  // namespace

TEST_CASE("a reference to one layer survives adding others (finding 6)", "[pipeline][layers][safety]") {
  auto doc = byline::news_pipeline{}("Karim Haddad said “no” in Valletta.");
  auto& a = doc.edit<people>();
  doc.edit<quotes>().add(byline::token_id{3}, byline::token_id{6}, "QUOTE");
  doc.edit<places>().add(byline::token_id{7}, byline::token_id{8}, "GPE");
  a.add(byline::token_id{0}, byline::token_id{2}, "PERSON");  // the reference is still good
  REQUIRE(doc.spans("people").size() == 1);
  CHECK((*doc.spans("people").begin()).text() == "Karim Haddad");
  CHECK((*doc.spans("people").begin()).label() == "PERSON");
  CHECK((*doc.spans("quotes").begin()).text() == "“no”");
  CHECK(byline::validate(doc).empty());
}

// ----------------------------------------------------------------------------------------------
// Incremental pipelines

TEST_CASE("run() adds only what is missing, and twice changes nothing (finding 8)", "[pipeline][incremental]") {
  const byline::news_pipeline nlp;
  const std::string text = "The U.S. and NATO met. Kyiv agreed.\n\nMoscow did not.";
  auto doc = nlp(text);
  const auto tokens = doc.tokens().size();
  const auto sentences = doc.sentences().size();
  const auto json = byline::io::to_json(doc);
  nlp.run(doc);
  nlp.run(doc);
  CHECK(doc.tokens().size() == tokens);
  CHECK(doc.sentences().size() == sentences);
  CHECK(byline::io::to_json(doc) == json);
  CHECK(byline::validate(doc).empty());
  // A second pipeline adds its layers later, to the same document.
  std::atomic<int> calls{0};
  const byline::pipeline later{shout_finder{}, shout_pairer{&calls}};
  later.run(doc);
  later.run(doc);
  CHECK(calls == 1);
  CHECK(doc.get<shout_layer>().token.size() == 2);  // U.S. and NATO
  CHECK(doc.tokens().size() == tokens);
}

TEST_CASE("run() says which layer a component lacks", "[pipeline][incremental]") {
  const byline::pipeline later{shout_finder{}, shout_pairer{}};
  auto bare = byline::pipeline{byline::tokenizer{}}("NATO and the EU met.");
  try {
    later.run(bare);
    FAIL("run() should have thrown");
  } catch (const byline::missing_layer& e) {
    const std::string what = e.what();
    CHECK(what.find("needs the 'sentences' layer") != std::string::npos);
    CHECK(what.find("shout_pairer") != std::string::npos);
  }
  // The component before it ran; the failed one left nothing behind.
  CHECK(bare.has<shout_layer>());
  CHECK(!bare.has<shout_pair_layer>());
  CHECK_THROWS_AS(bare.get<byline::sentence_layer>(), byline::missing_layer);
}

TEST_CASE("providing a layer again replaces it and clears what was built on it", "[pipeline][incremental]") {
  const auto nlp = byline::news_pipeline{}.then(shout_finder{}, shout_pairer{});
  auto doc = nlp("NATO and the EU met. The UN did not.");
  REQUIRE(doc.has<shout_pair_layer>());
  // Re-tokenising invalidates every layer made from the tokens.
  const byline::pipeline retokenize{byline::tokenizer{}.add_special_case("NATO", {"NA", "TO"})};
  retokenize.rerun(doc);
  CHECK(doc.has<byline::token_layer>());
  CHECK(!doc.has<byline::paragraph_layer>());
  CHECK(!doc.has<byline::sentence_layer>());
  CHECK(!doc.has<shout_layer>());
  CHECK(!doc.has<shout_pair_layer>());
  CHECK(doc.tokens()[0].text() == "NA");
  // Running the whole chain again rebuilds what is missing, on the new tokens.
  nlp.run(doc);
  CHECK(doc.has<shout_pair_layer>());
  CHECK(doc.sentences().size() == 2);
  CHECK(byline::validate(doc).empty());
  // Removing a layer removes its dependants too.
  doc.remove<shout_layer>();
  CHECK(!doc.has<shout_pair_layer>());
  CHECK(doc.has<byline::sentence_layer>());
}

TEST_CASE("a component that throws leaves no half-made layer", "[pipeline][incremental]") {
  struct flaky {
    using needs = byline::layers<byline::token_layer>;
    using provides = byline::layers<shout_layer>;
    void operator()(byline::document_base& doc, byline::workspace&) const {
      doc.edit<shout_layer>().token.push_back(byline::token_id{0});
      throw std::runtime_error("model file missing");
    }
  };
  const auto nlp = byline::pipeline{byline::tokenizer{}, flaky{}};
  CHECK_THROWS_WITH(nlp("NATO met."), "model file missing");
  auto doc = byline::pipeline{byline::tokenizer{}}("NATO met.");
  CHECK_THROWS_AS(nlp.run(doc), std::runtime_error);
  CHECK(!doc.has<shout_layer>());
  CHECK(doc.has<byline::token_layer>());
}

// ----------------------------------------------------------------------------------------------
// Invariants

TEST_CASE("validate() reports a broken document", "[pipeline][validate]") {
  auto doc = byline::news_pipeline{}("One two. Three four.\n\nFive six.");
  REQUIRE(byline::validate(doc).empty());
  SECTION("overlapping tokens") {
    auto& t = doc.edit<byline::token_layer>();
    t.begin[1] = t.begin[0];
    CHECK(!byline::validate(doc).empty());
  }
  SECTION("a sentence across two paragraphs") {
    auto& s = doc.edit<byline::sentence_layer>().items;
    s[1].end_token = s[2].end_token;
    s.erase(s.begin() + 2);
    const auto problems = byline::validate(doc);
    REQUIRE(!problems.empty());
    CHECK(problems[0] == "sentence 1: not inside one paragraph");
  }
  SECTION("a token in no paragraph") {
    doc.edit<byline::paragraph_layer>().items.back().end_token -= 1;
    CHECK(!byline::validate(doc).empty());
  }
  SECTION("a span past the last token") {
    doc.edit<some_group>().add(byline::token_id{2}, byline::token_id{1000}, "X");
    CHECK(!byline::validate(doc).empty());
  }
}

// ----------------------------------------------------------------------------------------------
// Threads and workspaces

TEST_CASE("a const pipeline gives the same answers from many threads at once", "[pipeline][threads]") {
  const auto nlp = byline::news_pipeline{}.then(acronym_marker{});
  const std::string text = "The U.S. and NATO said on Jan. 5 that the EU’s plan “is not enough.” Kyiv agreed.";
  const auto reference = nlp(text);
  const auto want = acronyms_of(reference);
  const auto want_tokens = reference.tokens().size();
  REQUIRE(want == std::vector<std::string>{"NATO", "EU"});
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int k = 0; k < 8; ++k)
    threads.emplace_back([&] {
      byline::workspace ws;  // the explicit-workspace overload on half the calls
      for (int i = 0; i < 200; ++i) {
        auto doc = i % 2 ? nlp(text, ws) : nlp(text);
        if (acronyms_of(doc) != want || doc.tokens().size() != want_tokens) ++mismatches;
      }
    });
  for (auto& t : threads) t.join();
  CHECK(mismatches == 0);
}

TEST_CASE("workspace slots are keyed by component, not only by type (finding 13)", "[pipeline]") {
  struct first_component {};
  struct second_component {};
  byline::workspace ws;
  ws.get<std::vector<int>>(first_component{}).push_back(7);
  ws.get<std::vector<int>>(second_component{}).push_back(8);
  ws.get<std::string>(first_component{}) = "scratch";
  CHECK(ws.get<std::vector<int>>(first_component{}) == std::vector<int>{7});
  CHECK(ws.get<std::vector<int>>(second_component{}) == std::vector<int>{8});
  CHECK(ws.get<std::string>(first_component{}) == "scratch");
}
