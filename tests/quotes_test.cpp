// Quotations (byline/stance/quotes.hpp) in the default pipeline, on news paragraphs written for
// these tests: pairing and nesting of marks, paragraphs, split quotations, speakers and cues, scare
// quotes, and documents made of nothing but marks.
#include <byline/byline.hpp>
#include <byline/io/json.hpp>
#include <byline/stance/cues.hpp>
#include <byline/stance/quotes.hpp>

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

namespace {

const byline::pipeline nlp;

struct seen {
  std::string text;     // the whole quotation, marks left out
  std::string speaker;  // the entity's canonical name, else the speaker's words, else ""
  std::string cue;
  bool scare;
};

template <class Doc>
std::vector<seen> quotes_of(const Doc& doc) {
  std::vector<seen> out;
  for (auto q : doc.quotes()) {
    seen s{std::string(q.text()), "", "", q.is_scare()};
    if (auto e = q.speaker()) s.speaker = std::string(e->canonical());
    else if (auto w = q.speaker_span()) s.speaker = std::string(w->text());
    if (auto c = q.cue()) s.cue = std::string(c->text());
    out.push_back(s);
  }
  return out;
}

template <class Doc>
auto all_quotes(const Doc& doc) {
  std::vector<std::ranges::range_value_t<decltype(doc.quotes())>> out;
  for (auto q : doc.quotes()) out.push_back(q);
  return out;
}

}  // namespace

TEST_CASE("the cue lexicon holds every inflected form, sorted") {
  const auto all = byline::cue_lexicon();
  REQUIRE(all.size() > 300);
  for (std::size_t i = 1; i < all.size(); ++i) CHECK(all[i - 1].form <= all[i].form);
  auto classes = [](std::string_view w) {
    std::vector<byline::cue_class> out;
    for (const auto& e : byline::lookup_cue(w)) out.push_back(e.cls);
    return out;
  };
  using byline::cue_class;
  CHECK(classes("said") == std::vector{cue_class::report});
  CHECK(classes("tweeted") == std::vector{cue_class::write});
  CHECK(classes("denied") == std::vector{cue_class::report});
  CHECK(classes("vetoes") == std::vector{cue_class::oppose});
  CHECK(classes("ruling out") == std::vector{cue_class::oppose});
  CHECK(classes("agreeing to") == std::vector{cue_class::support});
  CHECK(classes("according to") == std::vector{cue_class::according});
  CHECK(classes("statements") == std::vector{cue_class::report});
  CHECK(classes("sayed").empty());
  CHECK(classes("Said").empty());  // lookups take folded words; cue_at folds
  const auto said = byline::lookup_cue("said");
  REQUIRE(said.size() == 1);
  CHECK((said[0].forms & byline::cue_form::past) != 0);
  CHECK((said[0].forms & byline::cue_form::participle) != 0);
  CHECK(said[0].lemma == "say");
}

TEST_CASE("cue_at finds the longest cue at a token") {
  auto doc = nlp(std::string("Kyiv Agreed To the plan, according to officials, and Moscow ruled out talks."));
  const auto c = byline::cue_at(doc, 1);
  REQUIRE(c);
  CHECK(c->end - c->first == 2);
  CHECK(c->entry->lemma == "agree to");
  const auto a = byline::cue_at(doc, 6);
  REQUIRE(a);
  CHECK(a->of(byline::cue_class::according) != nullptr);
  CHECK(!byline::cue_at(doc, 0));
  const auto r = byline::cue_at(doc, 12);
  REQUIRE(r);
  CHECK(r->entry->lemma == "rule out");
  const auto alone = byline::cue_at(doc, 12, 13);  // up to the limit: "ruled" alone
  REQUIRE(alone);
  CHECK(alone->end == 13);
  CHECK(alone->entry->lemma == "rule");
  CHECK(!byline::cue_at(doc, 1000));
}

TEST_CASE("speakers after the quotation, before it, and by a colon") {
  auto doc = nlp(std::string(
      "Russia sent a delegation to Istanbul on Friday.\n\n"
      "“We will not accept any ultimatum,” said Russian Foreign Minister Sergey Lavrov.\n\n"
      "“The door is open,” Volodymyr Zelensky told reporters in Kyiv.\n\n"
      "Emmanuel Macron said on Saturday: “Europe must be ready to act alone.”\n\n"
      "Keir Starmer: “Our support is unwavering.”\n\n"
      "According to Kremlin spokesman Dmitry Peskov, “no date has been set for a meeting.”"));
  REQUIRE(byline::validate(doc).empty());
  const auto q = quotes_of(doc);
  REQUIRE(q.size() == 5);
  CHECK(q[0].text == "We will not accept any ultimatum,");
  CHECK(q[0].speaker == "Sergey Lavrov");
  CHECK(q[0].cue == "said");
  CHECK(q[1].speaker == "Volodymyr Zelensky");
  CHECK(q[1].cue == "told");
  CHECK(q[2].speaker == "Emmanuel Macron");
  CHECK(q[2].cue == "said");
  CHECK(q[3].speaker == "Keir Starmer");
  CHECK(q[3].cue.empty());  // a colon introduces it; no word does
  CHECK(q[4].speaker == "Dmitry Peskov");
  CHECK(q[4].cue == "According to");
  for (const auto& x : q) CHECK(!x.scare);
}

TEST_CASE("a speaker named by a pronoun is the entity it refers to; one with no name keeps its words") {
  auto doc = nlp(std::string(
      "Angela Merkel arrived in Washington on Monday. “If the talks fail,” she said, “we will act together.”\n\n"
      "\"We are ready to talk,\" a government spokesman said.\n\n"
      "“Nobody expected this,” they said."));
  REQUIRE(byline::validate(doc).empty());
  const auto q = quotes_of(doc);
  REQUIRE(q.size() == 3);
  CHECK(q[0].speaker == "Angela Merkel");
  CHECK(q[0].cue == "said");
  CHECK(q[1].text == "We are ready to talk,");
  CHECK(q[1].speaker == "a government spokesman");
  CHECK(q[2].speaker == "they");
  const auto first = *doc.quotes().begin();
  CHECK(first.flags().has(byline::quote_flag::split));
  std::vector<std::string> parts;
  for (auto p : first.parts()) parts.emplace_back(p.text());
  CHECK(parts == std::vector<std::string>{"If the talks fail,", "we will act together."});
  REQUIRE(first.speaker_span());
  CHECK(first.speaker_span()->text() == "she");
}

TEST_CASE("scare quotes and titles are not speech") {
  auto doc = nlp(std::string(
      "Moscow repeated its demand for the so-called “denazification” of Ukraine.\n\n"
      "The film “Oppenheimer” won seven awards.\n\n"
      "Donald Trump called the meeting “very productive” on Tuesday.\n\n"
      "The plan, dubbed “Operation Sunrise,” was never carried out."));
  REQUIRE(byline::validate(doc).empty());
  const auto q = quotes_of(doc);
  REQUIRE(q.size() == 4);
  CHECK(q[0].scare);
  CHECK(q[0].speaker.empty());
  CHECK(q[1].scare);
  CHECK(!q[2].scare);  // short, but a cue and its speaker govern it
  CHECK(q[2].speaker == "Donald Trump");
  CHECK(q[3].scare);  // a naming word before it, though a cue might be found
}

TEST_CASE("half a compound and a noun after an article or 'of' are no speech cues") {
  auto doc = nlp(std::string(
      "On “The Morning Show,” the former secretary of state said she wanted to speak.\n\n"
      "Merkel once described the so-called Minsk format as “the only way forward” for talks."));
  REQUIRE(byline::validate(doc).empty());
  const auto q = quotes_of(doc);
  REQUIRE(q.size() == 2);
  CHECK(q[0].cue != "state");
  CHECK(q[1].cue == "described");
  CHECK(q[1].speaker == "Merkel");
}

TEST_CASE("nested quotations point at their outer one") {
  auto doc = nlp(std::string(
      "“He told me ‘never again,’ and I believed him,” said French President Emmanuel Macron."));
  REQUIRE(byline::validate(doc).empty());
  const auto qs = all_quotes(doc);
  REQUIRE(qs.size() == 2);
  CHECK(qs[0].text() == "He told me ‘never again,’ and I believed him,");
  REQUIRE(qs[0].speaker());
  CHECK(qs[0].speaker()->canonical() == "Emmanuel Macron");
  CHECK(qs[1].text() == "never again,");
  CHECK(qs[1].flags().has(byline::quote_flag::nested));
  REQUIRE(qs[1].outer());
  CHECK(qs[1].outer()->index() == 0);
  CHECK(!qs[1].speaker());
}

TEST_CASE("a quotation runs over paragraphs only by the paragraph convention") {
  SECTION("open at the end of a paragraph, the next opening with a mark: one quotation") {
    auto doc = nlp(std::string(
        "Joe Biden spoke at length. “We have sent more aid than any other nation.\n\n"
        "“And we will keep sending it,” Biden said."));
    REQUIRE(byline::validate(doc).empty());
    const auto qs = all_quotes(doc);
    REQUIRE(qs.size() == 1);
    CHECK(qs[0].flags().has(byline::quote_flag::paragraphs));
    CHECK(!qs[0].flags().has(byline::quote_flag::unclosed));
    CHECK(std::ranges::distance(qs[0].parts()) == 2);
    REQUIRE(qs[0].speaker());
    CHECK(qs[0].speaker()->canonical() == "Joe Biden");
  }
  SECTION("otherwise it ends at its paragraph's end, flagged unclosed") {
    auto doc = nlp(std::string(
        "“The ceasefire must hold for everyone in the region and beyond it.\n\n"
        "Talks resume on Monday in Geneva."));
    REQUIRE(byline::validate(doc).empty());
    const auto qs = all_quotes(doc);
    REQUIRE(qs.size() == 1);
    CHECK(qs[0].flags().has(byline::quote_flag::unclosed));
    CHECK(qs[0].text() == "The ceasefire must hold for everyone in the region and beyond it.");
    CHECK(qs[0].end_token() <= doc.paragraphs()[0].end_token());
  }
  SECTION("an unclosed straight mark is dropped") {
    auto doc = nlp(std::string("The 12\" pipe burst, and \"nobody came for hours\n\nThe crew arrived at noon."));
    REQUIRE(byline::validate(doc).empty());
    CHECK(quotes_of(doc).empty());
  }
}

TEST_CASE("apostrophes are not quotation marks; other scripts' marks pair") {
  auto doc = nlp(std::string(
      "The players’ union said the ’90s rules were gone.\n\n"
      "Olaf Scholz sagte: „Wir stehen an der Seite der Ukraine.“\n\n"
      "Le ministre a déclaré : « Nous sommes prêts. »"));
  REQUIRE(byline::validate(doc).empty());
  const auto q = quotes_of(doc);
  REQUIRE(q.size() == 2);
  CHECK(q[0].text == "Wir stehen an der Seite der Ukraine.");
  CHECK(q[1].text == "Nous sommes prêts.");
}

TEST_CASE("two glued apostrophes are one double mark, as newspaper archives write them") {
  auto doc = nlp(std::string(
      "''We will not sign this,'' Senator Ruth Hale said. ''It punishes the farmers who feed this country.''\n\n"
      "The fans' chant and the '90s songs are no quotations."));
  REQUIRE(byline::validate(doc).empty());
  const auto q = quotes_of(doc);
  REQUIRE(q.size() == 2);
  CHECK(q[0].text == "We will not sign this,");
  CHECK(q[0].speaker == "Ruth Hale");
  CHECK(q[0].cue == "said");
  CHECK(q[1].text == "It punishes the farmers who feed this country.");
  CHECK(q[1].speaker == "Ruth Hale");  // the next quotation in the paragraph, with no cue, goes on
}

TEST_CASE("quotations in JSON") {
  auto doc = nlp(std::string("“We will not accept any ultimatum,” said Sergey Lavrov."));
  const auto json = byline::io::to_json(doc, {.tokens = false, .compact = true});
  CHECK(json.find(R"("quotes":[{"start":3,"end":36,"first_token":1,"end_token":8,)"
                  R"("text":"We will not accept any ultimatum,","parts":[{"start":3,"end":36,)"
                  R"("text":"We will not accept any ultimatum,"}],"scare":false,"flags":[],"nested_in":null,)"
                  R"("speaker":{"start":45,"end":58,"text":"Sergey Lavrov","entity":0,)"
                  R"("canonical":"Sergey Lavrov","stands_for":null},"cue":{"start":40,"end":44,"text":"said"}}])") !=
        std::string::npos);
}

TEST_CASE("validate() finds a broken quote layer") {
  auto doc = nlp(std::string("“We are ready,” said Sergey Lavrov."));
  REQUIRE(byline::validate(doc).empty());
  SECTION("a part that ends before it starts") {
    auto& l = doc.edit<byline::quote_layer>();
    l.part_end[0] = 0;
    CHECK(!byline::validate(doc).empty());
  }
  SECTION("a speaker entity that does not exist") {
    doc.edit<byline::quote_layer>().speaker_cluster[0] = 99;
    CHECK(!byline::validate(doc).empty());
  }
}

TEST_CASE("documents of marks, words and paragraph breaks in any order stay valid") {
  const std::vector<std::string> pieces = {"“", "”", "‘", "’", "\"", "'", "«", "»", "„", "‹", "›", " ", " ",
                                           "said", "Trump", " he ", ",", ".", "\n\n", "according to", "so-called",
                                           "Vladimir Putin", " told ", ":", "x", "’s"};
  std::mt19937 rng(7);
  for (int round = 0; round < 400; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 60);
    for (int i = 0; i < n; ++i) text += pieces[rng() % pieces.size()];
    auto doc = nlp(text);
    const auto problems = byline::validate(doc);
    INFO(text);
    CHECK(problems.empty());
    for (auto q : doc.quotes()) {
      for (auto p : q.parts()) CHECK(p.end_token() <= doc.tokens().size());
      if (q.is_scare()) CHECK(!q.speaker_span());
    }
  }
}

TEST_CASE("many quotations nested in one, and many marks in one sentence, stay linear") {
  std::string text = "“";
  for (int i = 0; i < 40000; ++i) text += "he said ‘no’ and ";
  text += "then left,” said Olaf Scholz.";
  auto doc = nlp(text);
  REQUIRE(byline::validate(doc).empty());
  const auto qs = all_quotes(doc);
  REQUIRE(qs.size() == 40001);
  REQUIRE(qs[0].speaker());
  CHECK(qs[0].speaker()->canonical() == "Olaf Scholz");
  CHECK(qs[40000].outer()->index() == 0);
  std::string flat;
  for (int i = 0; i < 40000; ++i) flat += "“x” ";
  auto doc2 = nlp(flat);
  REQUIRE(byline::validate(doc2).empty());
  CHECK(all_quotes(doc2).size() == 40000);
}
