// Attributions (byline/stance/attributions.hpp) in the default pipeline, on news sentences written
// for these tests: sources, cues and contents by rule; words that are nouns as often as verbs; a
// user's model in place of the rules; JSON; and documents of random pieces.
#include <byline/byline.hpp>
#include <byline/entity/ner_trainer.hpp>
#include <byline/io/json.hpp>
#include <byline/stance/attributions.hpp>

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

namespace {

const byline::pipeline nlp;

struct seen {
  std::string source, cue, content, entity;
  friend bool operator==(const seen&, const seen&) = default;
};

std::ostream& operator<<(std::ostream& os, const seen& s) {
  return os << "{" << s.source << " | " << s.cue << " | " << s.content << " | " << s.entity << "}";
}

template <class Doc>
std::vector<seen> attributions_of(const Doc& doc) {
  std::vector<seen> out;
  for (auto a : doc.attributions())
    out.push_back({a.source() ? std::string(a.source()->text()) : "", a.cue() ? std::string(a.cue()->text()) : "",
                   a.content() ? std::string(a.content()->text()) : "",
                   a.entity() ? std::string(a.entity()->canonical()) : ""});
  return out;
}

}  // namespace

TEST_CASE("sources, cues and contents in the common news patterns") {
  auto doc = nlp(std::string(
      "Kremlin spokesman Dmitry Peskov said on Monday that no date had been set.\n\n"
      "“We are ready to talk,” Volodymyr Zelensky told reporters in Kyiv.\n\n"
      "According to the Pentagon, the shipment left on Friday.\n\n"
      "Sen. Lindsey Graham (R-S.C.) said the plan was weak.\n\n"
      "Keir Starmer, the British prime minister, said the deal would hold.\n\n"
      "The talks will resume in Geneva, officials said."));
  REQUIRE(byline::validate(doc).empty());
  const auto a = attributions_of(doc);
  REQUIRE(a.size() == 6);
  CHECK(a[0] == seen{"spokesman Dmitry Peskov", "said", "on Monday that no date had been set", "Dmitry Peskov"});
  CHECK(a[1] == seen{"Volodymyr Zelensky", "told", "“We are ready to talk,”", "Volodymyr Zelensky"});
  CHECK(a[2].cue == "According to");
  CHECK(a[2].source == "the Pentagon");
  CHECK(a[2].content == "the shipment left on Friday");
  CHECK(a[3] == seen{"Sen. Lindsey Graham", "said", "the plan was weak", "Lindsey Graham"});
  CHECK(a[4].source == "Keir Starmer");
  CHECK(a[4].cue == "said");
  CHECK(a[4].content == "the deal would hold");
  CHECK(a[5] == seen{"officials", "said", "The talks will resume in Geneva", ""});
}

TEST_CASE("cue words inside quoted speech are the speaker's words, not attributions") {
  auto doc = nlp(std::string(
      "“People want change, and they think we can win,” Sanders said.\n\n"
      "''I say we fight,'' she told supporters."));
  REQUIRE(byline::validate(doc).empty());
  const auto a = attributions_of(doc);
  REQUIRE(a.size() == 2);
  CHECK(a[0].cue == "said");
  CHECK(a[0].source == "Sanders");
  CHECK(a[0].content == "“People want change, and they think we can win,”");
  CHECK(a[1].cue == "told");
  CHECK(a[1].source == "she");
  CHECK(a[1].content == "''I say we fight,''");
}

TEST_CASE("transcripts' speaker labels and a dash before a name are cues") {
  auto doc = nlp(std::string(
      "\"WALLACE: Let's start with the debate.\n\n"
      "\"PENCE: Donald Trump will be ready.\n\n"
      "“We can build a better deal than this one.” ― Maria Lopez, a reader in Tucson."));
  REQUIRE(byline::validate(doc).empty());
  const auto a = attributions_of(doc);
  REQUIRE(a.size() == 3);
  CHECK(a[0] == seen{"WALLACE", ":", "Let's start with the debate", ""});
  CHECK(a[1].source == "PENCE");
  CHECK(a[1].content == "Donald Trump will be ready");
  CHECK(a[2] == seen{"Maria Lopez", "―", "“We can build a better deal than this one.”", "Maria Lopez"});
}

TEST_CASE("a pronoun source is the entity it refers to; a quotation's speaker and cue are an attribution") {
  auto doc = nlp(std::string(
      "Angela Merkel arrived in Washington on Monday. She said the alliance would stand firm. "
      "“If the talks fail,” she said, “we will act together.”"));
  REQUIRE(byline::validate(doc).empty());
  const auto a = attributions_of(doc);
  REQUIRE(a.size() == 2);
  CHECK(a[0] == seen{"She", "said", "the alliance would stand firm", "Angela Merkel"});
  CHECK(a[1].source == "she");
  CHECK(a[1].entity == "Angela Merkel");
  CHECK(a[1].content == "“If the talks fail,” she said, “we will act together.”");  // the whole quotation
}

TEST_CASE("words that are nouns as often as verbs are cues only after a speaker") {
  auto doc = nlp(std::string(
      "The state will pay for the repairs. It is a question of time. Western support has grown. "
      "The Trump-Putin call lasted two hours. I think the plan is sound."));
  REQUIRE(byline::validate(doc).empty());
  CHECK(attributions_of(doc).empty());
  auto doc2 = nlp(std::string("Governors state their case in Albany. Critics question the deal."));
  const auto a = attributions_of(doc2);
  REQUIRE(a.size() == 2);
  CHECK(a[0].cue == "state");
  CHECK(a[1].cue == "question");
  CHECK(a[1].source == "Critics");
}

TEST_CASE("nouns after an article, a possessive or a preposition, compounds and calls that are acts are no cues") {
  auto doc = nlp(std::string(
      "The report was released in March. His remarks drew applause. The bloc will rely less on U.S. support. "
      "Mayor Adams now has 40 percent support in the city. The so-called peace plan stalled. "
      "The governor called an emergency meeting on Tuesday. She called into a radio show."));
  REQUIRE(byline::validate(doc).empty());
  CHECK(attributions_of(doc).empty());
}

TEST_CASE("a speaker's own thought inside what she said is part of that content") {
  auto doc = nlp(std::string(
      "Jill Stein said she plans to join the protest. The senator told reporters that he believes the bill "
      "will pass. Stein said the campaign hopes to win Ohio."));
  REQUIRE(byline::validate(doc).empty());
  const auto a = attributions_of(doc);
  REQUIRE(a.size() == 4);
  CHECK(a[0].cue == "said");
  CHECK(a[0].content == "she plans to join the protest");
  CHECK(a[1].cue == "told");
  CHECK(a[2].cue == "said");
  // Another source inside the content is an attribution of its own.
  CHECK(a[3].cue == "hopes");
  CHECK(a[3].source == "the campaign");
}

TEST_CASE("sources in appositions, unknown names, phrases headed by a role noun and evidence") {
  auto doc = nlp(std::string(
      "A lawyer for the two newspapers, David Schulz, said no decision had been made.\n\n"
      "Rep. Jim Jordan (R-Ohio), a member of the oversight panel, said the deal was a mistake.\n\n"
      "Okonkwo said the river had flooded twice.\n\n"
      "Experts on Iran and nuclear weapons said the test could change that.\n\n"
      "Video shows that the officer fired first.\n\n"
      "The growers, many of whom say the tariffs hurt them, met in Fresno.\n\n"
      "Poll: Harris and Trump tied in Michigan"));
  REQUIRE(byline::validate(doc).empty());
  const auto a = attributions_of(doc);
  REQUIRE(a.size() == 7);
  CHECK(a[0].source == "David Schulz");
  CHECK(a[0].content == "no decision had been made");
  CHECK(a[1].source == "Rep. Jim Jordan");
  CHECK(a[1].content == "the deal was a mistake");
  CHECK(a[2].source == "Okonkwo");
  CHECK(a[3].source == "Experts on Iran and nuclear weapons");
  CHECK(a[4].source == "Video");
  CHECK(a[4].cue == "shows");
  CHECK(a[5].source == "many of whom");
  CHECK(a[5].content == "the tariffs hurt them");
  CHECK(a[6].source == "Poll");
  CHECK(a[6].cue == ":");
}

TEST_CASE("subjects past auxiliaries, negations and dates; relative pronouns; a name's possession; coordinated cues") {
  auto doc = nlp(std::string(
      "Senator Sherrod Brown, a Democrat from Ohio, did not mention the tariffs.\n\n"
      "The European Commission, which contended that Ireland undertaxed Apple, appealed on Monday.\n\n"
      "He\u2019s claiming that the count was rigged.\n\n"
      "Angela Merkel isn't saying much about the talks.\n\n"
      "The delay angered farmers across the state, police said.\n\n"
      "Priebus later Thursday told Fox News: \u201cWe are united.\u201d\n\n"
      "Kerry's memo said that the program would grow.\n\n"
      "Boris Johnson praised the deal but described its timing as poor."));
  REQUIRE(byline::validate(doc).empty());
  const auto a = attributions_of(doc);
  auto with_cue = [&](std::string_view cue) {
    for (const auto& x : a)
      if (x.cue == cue) return x;
    return seen{};
  };
  CHECK(with_cue("mention").source == "Senator Sherrod Brown");
  CHECK(with_cue("contended") == seen{"which", "contended", "that Ireland undertaxed Apple", ""});
  CHECK(with_cue("\u2019s claiming").source == "He");
  CHECK(with_cue("isn't saying").source == "Angela Merkel");
  CHECK(with_cue("isn't saying").content == "much about the talks");
  CHECK(with_cue("said").source == "police");  // the first "said"
  CHECK(with_cue("said").content == "The delay angered farmers across the state");
  CHECK(with_cue("told").source == "Priebus");
  for (const auto& x : a) CHECK(x.source != "Fox News");  // who was told is no source
  CHECK(with_cue("described").source == "Boris Johnson");
  CHECK(with_cue("described").content == "its timing as poor");
  bool memo = false;
  for (const auto& x : a) memo = memo || (x.source == "Kerry's memo" && x.cue == "said");
  CHECK(memo);
}

TEST_CASE("a title-case headline's verb, a role's possessor, one named object and a question asked") {
  auto doc = nlp(std::string(
      "Obama Says African-American Museum Will Tell of Suffering and Delight\n\n"
      "Flight attendants' union endorses Clinton.\n\n"
      "Asked about the tariffs, Trump said they were working.\n\n"
      "The Supreme Court ruled that the map was illegal."));
  REQUIRE(byline::validate(doc).empty());
  const auto a = attributions_of(doc);
  REQUIRE(a.size() == 5);
  CHECK(a[0].source == "Obama");
  CHECK(a[0].cue == "Says");
  CHECK(a[1].source == "Flight attendants' union");
  CHECK(a[1].content == "Clinton");
  CHECK(a[2].source.empty());
  CHECK(a[2].cue == "Asked");
  CHECK(a[2].content == "about the tariffs");
  CHECK(a[3] == seen{"Trump", "said", "they were working", "Trump"});
  CHECK(a[4].source == "Supreme Court");
  CHECK(a[4].cue == "ruled");
}

TEST_CASE("an -ing cue after a comma belongs to the subject the sentence opens with") {
  auto doc = nlp(std::string(
      "Trump has tried to use the ad against Clinton, accusing her of weakness.\n\n"
      "On Friday, the mayor met Governor Roy Cooper in Raleigh, saying the curfew would end.\n\n"
      "The ad ran in Ohio on Tuesday, and Sherrod Brown answered it within hours, telling Portman to apologise."));
  REQUIRE(byline::validate(doc).empty());
  const auto a = attributions_of(doc);
  REQUIRE(a.size() >= 3);
  CHECK(a[0] == seen{"Trump", "accusing", "her of weakness", "Trump"});
  CHECK(a[1].source == "the mayor");
  CHECK(a[1].cue == "saying");
  CHECK(a[1].content == "the curfew would end");
  CHECK(a.back().cue == "telling");
  CHECK(a.back().source == "Sherrod Brown");  // no name opens the sentence: the nearest person before
}

TEST_CASE("a user's model takes the rules' place") {
  // A tiny model: "grumbled" (no word of our lexicon) is a cue, the name before it a source.
  std::vector<byline::ner_training_document> docs;
  const std::vector<std::string> names = {"Alice Walker", "Bob Marley", "Carol King", "David Bowie"};
  for (const auto& nm : names) {
    auto d = nlp(nm + " grumbled that the weather was bad.");
    byline::attribution_feature_buffer buf;
    byline::attribution_features(d.base(), buf);
    byline::ner_training_document td;
    for (auto t : d.tokens()) td.words.emplace_back(t.text());
    td.sentence_starts = {0};
    td.extra_ids = buf.ids;
    td.extra_offsets = buf.offsets;
    const std::vector<byline::ner_span> spans = {{byline::conll_type::per, 0, 2}, {byline::conll_type::org, 2, 3}};
    td.gold = byline::ner_tags_from_spans(spans, td.words.size());
    docs.push_back(td);
  }
  byline::ner_trainer tr(docs, {.features = byline::ner_feature::baseline | byline::ner_feature::extra});
  for (int e = 0; e < 5; ++e) tr.train_epoch();
  const byline::ner_model m(tr.weights());
  const byline::pipeline with_model{byline::tokenizer{}, byline::paragraph_segmenter{}, byline::sentence_splitter{},
                                    byline::entity_extractor{}, byline::pronoun_resolver{}, byline::quote_finder{},
                                    byline::attribution_tagger{&m}};
  const std::string text = "Elton John grumbled that the tour was long.";
  auto with = with_model(text);
  auto without = nlp(text);
  REQUIRE(byline::validate(with).empty());
  CHECK(attributions_of(without).empty());  // the rules do not know the word
  const auto a = attributions_of(with);
  REQUIRE(a.size() == 1);
  CHECK(a[0].cue == "grumbled");
  CHECK(a[0].source == "Elton John");
  CHECK(a[0].content == "that the tour was long");
}

TEST_CASE("attributions in JSON") {
  auto doc = nlp(std::string("Dmitry Peskov said the talks had failed."));
  const auto json = byline::io::to_json(doc, {.tokens = false, .compact = true});
  CHECK(json.find(R"("attributions":[{"source":{"start":0,"end":13,"text":"Dmitry Peskov","entity":0,)"
                  R"("canonical":"Dmitry Peskov"},"cue":{"start":14,"end":18,"text":"said"},)"
                  R"("content":{"start":19,"end":39,"text":"the talks had failed"}}])") != std::string::npos);
}

TEST_CASE("validate() finds a broken attribution layer") {
  auto doc = nlp(std::string("Dmitry Peskov said the talks had failed."));
  REQUIRE(byline::validate(doc).empty());
  SECTION("a cue past the end") {
    doc.edit<byline::attribution_layer>().cue_end[0] = 1000;
    CHECK(!byline::validate(doc).empty());
  }
  SECTION("neither source nor cue") {
    auto& l = doc.edit<byline::attribution_layer>();
    l.source_first[0] = l.source_end[0] = 0;
    l.cue_first[0] = l.cue_end[0] = 0;
    CHECK(!byline::validate(doc).empty());
  }
}

TEST_CASE("documents of cues, names, marks and breaks in any order stay valid") {
  const std::vector<std::string> pieces = {"said", " said ", "Trump", " he ", ",", ".", "“", "”", "\"", ":", "\n\n",
                                           "according to", " the report found ", "Vladimir Putin", " told ",
                                           " and said ", "(R-Ohio)", " officials ", "saying", " x "};
  std::mt19937 rng(11);
  for (int round = 0; round < 400; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 50);
    for (int i = 0; i < n; ++i) text += pieces[rng() % pieces.size()];
    auto doc = nlp(text);
    INFO(text);
    CHECK(byline::validate(doc).empty());
  }
}
