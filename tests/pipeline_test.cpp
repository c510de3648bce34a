// The pipeline: composition with users' components, thread safety, workspaces, pipe().
#include <byline/document/paragraphs.hpp>
#include <byline/pipeline.hpp>
#include <byline/tokenize/sentences.hpp>
#include <byline/tokenize/tokenizer.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <list>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

// A user's component: marks runs of all-caps words (NATO, EU) as "acronym" spans.
struct acronym_marker {
  static constexpr byline::layers needs = byline::layers::tokens;
  static constexpr byline::layers provides = byline::layers::user(0);
  std::size_t min_length = 2;

  template <class Doc>
  void operator()(Doc& doc, byline::workspace& ws) const {
    // Scratch from the workspace: reused across calls on one thread.
    auto& seen = ws.get<std::vector<std::uint32_t>>();
    seen.clear();
    for (auto t : doc.tokens())
      if (t.kind() == byline::token_kind::word && t.is_upper() && t.text().size() >= min_length)
        seen.push_back(t.index());
    auto& group = doc.annotations().group("acronyms");
    for (auto i : seen) group.add(i, i + 1, "acronym");
  }
};

// Counts how many times it ran, to show the pipeline calls each component once per document.
struct call_counter {
  static constexpr byline::layers needs = byline::layers::none;
  static constexpr byline::layers provides = byline::layers::none;
  std::atomic<int>* calls;
  template <class Doc>
  void operator()(Doc&, byline::workspace&) const {
    ++*calls;
  }
};

template <class Doc>
std::vector<std::string> acronyms(const Doc& doc) {
  std::vector<std::string> out;
  if (const auto* g = doc.annotations().find_group("acronyms"))
    for (auto s : g->spans) out.push_back(byline::unicode::to_utf8(doc[s.first_token].text()));
  return out;
}

}  // namespace

TEST_CASE("a user's component composes with the built-in ones", "[pipeline]") {
  const byline::pipeline nlp{byline::tokenizer{}, byline::paragraph_segmenter{}, byline::sentence_splitter{},
                             acronym_marker{}};
  STATIC_REQUIRE(byline::component<acronym_marker>);
  STATIC_REQUIRE(decltype(nlp)::provides.contains(byline::layers::tokens | byline::layers::sentences |
                                                   byline::layers::user(0)));
  auto doc = nlp(std::string_view("NATO and the EU met. The UN did not."));
  CHECK(acronyms(doc) == std::vector<std::string>{"NATO", "EU", "UN"});
  CHECK(doc.has(byline::layers::user(0)));
  CHECK(doc.has(byline::layers::sentences));
  CHECK(!doc.has(byline::layers::entities));
  CHECK(nlp.get<acronym_marker>().min_length == 2);
}

TEST_CASE("an empty pipeline makes a document and nothing else", "[pipeline]") {
  const byline::pipeline<> nothing;
  auto doc = nothing(std::string_view("text"));
  CHECK(doc.text() == "text");
  CHECK(doc.tokens().size() == 0);
  CHECK(doc.annotations().present == byline::layers::none);
}

TEST_CASE("documents borrow contiguous text and own everything else", "[pipeline]") {
  const byline::pipeline nlp{byline::tokenizer{}};
  const std::string s = "Kyiv agreed.";
  auto borrowed = nlp(s);
  STATIC_REQUIRE(!decltype(borrowed)::owns_text);
  CHECK(borrowed.text().data() == s.data());
  auto moved = nlp(std::string("Kyiv agreed."));
  STATIC_REQUIRE(decltype(moved)::owns_text);
  auto from_list = nlp(std::list<char>(s.begin(), s.end()));
  STATIC_REQUIRE(decltype(from_list)::owns_text);
  CHECK(from_list.text() == s);
  auto from_u16 = nlp(u"Kyiv agreed.");
  STATIC_REQUIRE(std::is_same_v<decltype(from_u16), byline::basic_document<std::u16string_view>>);
  CHECK(from_u16.tokens().size() == 3);
}

TEST_CASE("a const pipeline gives the same answers from many threads at once", "[pipeline][threads]") {
  const byline::pipeline nlp{byline::tokenizer{}, byline::paragraph_segmenter{}, byline::sentence_splitter{},
                             acronym_marker{}};
  const std::string text = "The U.S. and NATO said on Jan. 5 that the EU’s plan “is not enough.” Kyiv agreed.";
  const auto want = acronyms(nlp(text));
  const auto want_tokens = nlp(text).tokens().size();
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int k = 0; k < 8; ++k)
    threads.emplace_back([&] {
      byline::workspace ws;  // the explicit-workspace overload on half the calls
      for (int i = 0; i < 200; ++i) {
        auto doc = i % 2 ? nlp(text, ws) : nlp(text);
        if (acronyms(doc) != want || doc.tokens().size() != want_tokens) ++mismatches;
      }
    });
  for (auto& t : threads) t.join();
  CHECK(mismatches == 0);
}

TEST_CASE("pipe() analyses many texts on all cores and yields them in input order", "[pipeline][pipe]") {
  std::atomic<int> calls{0};
  const byline::pipeline nlp{byline::tokenizer{}, call_counter{&calls}};
  std::vector<std::string> texts;
  for (int i = 0; i < 300; ++i) texts.push_back(std::string(static_cast<std::size_t>(i % 17), 'x') + " story " + std::to_string(i));

  SECTION("over a vector of strings, borrowed") {
    int i = 0;
    for (auto& doc : nlp.pipe(texts, 4)) {
      STATIC_REQUIRE(!std::remove_reference_t<decltype(doc)>::owns_text);
      CHECK(doc.text() == texts[static_cast<std::size_t>(i)]);
      ++i;
    }
    CHECK(i == 300);
    CHECK(calls == 300);
  }
  SECTION("over strings made on the fly, owned") {
    auto made = texts | std::views::transform([](const std::string& s) { return s + "!"; });
    int i = 0;
    for (auto& doc : nlp.pipe(made)) {
      STATIC_REQUIRE(std::remove_reference_t<decltype(doc)>::owns_text);
      CHECK(doc.text() == texts[static_cast<std::size_t>(i)] + "!");
      ++i;
    }
    CHECK(i == 300);
  }
  SECTION("over a single-pass range of lines") {
    std::string all;
    for (auto& t : texts) all += t + "\n";
    std::istringstream in(all);
    auto lines = std::views::istream<std::string>(in);  // words, read once
    int n = 0;
    for (auto& doc : nlp.pipe(lines, 2)) {
      STATIC_REQUIRE(std::remove_reference_t<decltype(doc)>::owns_text);
      n += doc.tokens().size() > 0;
    }
    CHECK(n > 300);
  }
  SECTION("leaving early finishes the work in flight") {
    int n = 0;
    for (auto& doc : nlp.pipe(texts, 3)) {
      (void)doc;
      if (++n == 5) break;
    }
    CHECK(n == 5);
  }
  SECTION("an empty range") {
    std::vector<std::string> none;
    int n = 0;
    for (auto& doc : nlp.pipe(none)) n += static_cast<int>(doc.size());
    CHECK(n == 0);
  }
}

TEST_CASE("workspaces keep components' scratch per type", "[pipeline]") {
  byline::workspace ws;
  ws.get<std::vector<int>>().push_back(7);
  ws.get<std::string>() = "scratch";
  CHECK(ws.get<std::vector<int>>() == std::vector<int>{7});
  CHECK(ws.get<std::string>() == "scratch");
}
