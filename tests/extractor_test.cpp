// The entity extractor in the default pipeline, on news text written for these tests: labels,
// titles, linking, metonyms, values, users' gazetteers, given tokens, and bad input.
#include <byline/byline.hpp>
#include <byline/document/from_tokens.hpp>
#include <byline/entity/extractor.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <vector>

namespace {

struct seen {
  std::string text, label, canonical, title, stands_for;
};

template <class Doc>
std::vector<seen> entities_of(const Doc& doc) {
  std::vector<seen> out;
  for (auto e : doc.entities())
    out.push_back({std::string(e.text()), std::string(name(e.label())), std::string(e.entity().canonical()),
                   std::string(e.title().text()), e.stands_for() ? std::string(e.stands_for()->canonical()) : ""});
  return out;
}

const seen* find(const std::vector<seen>& v, std::string_view text, std::size_t nth = 0) {
  for (const auto& s : v)
    if (s.text == text && nth-- == 0) return &s;
  return nullptr;
}

const std::string story =
    "German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on Tuesday.\n\n"
    "Scholz said Germany would send 5,000 helmets to Ukraine, and Macron promised 3.5% more. "
    "The Kremlin said Moscow would answer. According to Kyiv, the talks lasted two hours.\n";

}  // namespace

TEST_CASE("the default pipeline finds people, places, groups and values with OntoNotes labels") {
  const byline::pipeline nlp;
  auto doc = nlp(story);
  REQUIRE(byline::validate(doc).empty());
  const auto es = entities_of(doc);
  REQUIRE(find(es, "Olaf Scholz"));
  CHECK(find(es, "Olaf Scholz")->label == "PERSON");
  CHECK(find(es, "Olaf Scholz")->title == "German Chancellor");
  CHECK(find(es, "Emmanuel Macron")->title == "French President");
  REQUIRE(find(es, "Paris"));
  CHECK(find(es, "Paris")->label == "GPE");
  CHECK(find(es, "Germany")->label == "GPE");
  CHECK(find(es, "Tuesday")->label == "DATE");
  CHECK(find(es, "5,000")->label == "CARDINAL");
  CHECK(find(es, "3.5%")->label == "PERCENT");
  CHECK(find(es, "two hours")->label == "TIME");
}

TEST_CASE("mentions of one person are one entity, named by the full name") {
  const byline::pipeline nlp;
  auto doc = nlp(story);
  const auto es = entities_of(doc);
  REQUIRE(find(es, "Scholz"));
  CHECK(find(es, "Scholz")->canonical == "Olaf Scholz");
  CHECK(find(es, "Macron")->canonical == "Emmanuel Macron");
  auto first = *doc.entities().begin();
  CHECK(std::ranges::distance(first.entity().mentions()) >= 1);
}

TEST_CASE("seats of government and acting capitals stand for their governments") {
  const byline::pipeline nlp;
  auto doc = nlp(story);
  const auto es = entities_of(doc);
  REQUIRE(find(es, "Kremlin"));
  CHECK(find(es, "Kremlin")->stands_for == "Russia");
  REQUIRE(find(es, "Moscow"));
  CHECK(find(es, "Moscow")->stands_for == "Russia");
  REQUIRE(find(es, "Kyiv"));
  CHECK(find(es, "Kyiv")->stands_for == "Ukraine");
  CHECK(find(es, "Paris")->stands_for.empty());  // "in Paris" is the place
}

TEST_CASE("countries get ISO codes and cities GeoNames ids") {
  const byline::pipeline nlp;
  auto doc = nlp(story);
  for (auto e : doc.entities()) {
    if (e.text() == "Germany") CHECK(e.entity().id() == "DE");
    if (e.text() == "Paris") CHECK(e.entity().id().starts_with("geonames:"));
    if (e.text() == "Olaf Scholz") CHECK(e.entity().id() == "byline:person/olaf-scholz");
  }
}

TEST_CASE("which entity a token is part of") {
  const byline::pipeline nlp;
  auto doc = nlp(story);
  for (auto t : doc.tokens())
    if (t.text() == "Emmanuel") {
      auto e = doc.entity_of(t);
      REQUIRE(e);
      CHECK(e->text() == "Emmanuel Macron");
    }
}

TEST_CASE("a user's gazetteer comes first") {
  byline::gazetteer_builder b;
  b.add({.surface = "Truth Social", .label = byline::entity_label::product, .canonical = "Truth Social", .id = "x:ts"});
  b.add({.surface = "Scholz", .label = byline::entity_label::org, .canonical = "Scholz GmbH"});
  const auto nlp = byline::pipeline{byline::tokenizer{}, byline::paragraph_segmenter{}, byline::sentence_splitter{},
                                    byline::entity_extractor{std::move(b).build()}};
  auto doc = nlp(std::string("He posted on Truth Social that Scholz had won."));
  const auto es = entities_of(doc);
  REQUIRE(find(es, "Truth Social"));
  CHECK(find(es, "Truth Social")->label == "PRODUCT");
  REQUIRE(find(es, "Scholz"));
  CHECK(find(es, "Scholz")->canonical == "Scholz GmbH");
}

TEST_CASE("entities over given tokens") {
  std::vector<std::vector<std::string>> sentences = {
      {"Angela", "Merkel", "visited", "Washington", "on", "Friday", "."}, {"Merkel", "left", "."}};
  auto doc = byline::document_from_tokens(sentences);
  REQUIRE(doc.base().token_count() == 10);
  byline::pipeline{byline::entity_extractor{}}.run(doc);
  const auto es = entities_of(doc);
  REQUIRE(find(es, "Angela Merkel"));
  CHECK(find(es, "Merkel")->canonical == "Angela Merkel");
  CHECK(find(es, "Friday")->label == "DATE");
}

TEST_CASE("bad and degenerate input: nothing found, nothing broken") {
  const byline::pipeline nlp;
  for (std::string s : {std::string(), std::string("   \n\n  "), std::string("\xff\xfe\x80 Putin \xc3"),
                        std::string(200000, 'A'), std::string("SCHOLZ MACRON PUTIN BIDEN\n") + std::string(5000, '.')}) {
    auto doc = nlp(s);
    CHECK(byline::validate(doc).empty());
  }
  std::string names;
  for (int i = 0; i < 20000; ++i) names += "Putin ";
  auto doc = nlp(names);
  CHECK(byline::validate(doc).empty());
  CHECK(std::ranges::distance(doc.entity_clusters()) <= 2);
}

TEST_CASE("one extractor serves many threads") {
  const byline::pipeline nlp;
  std::vector<std::thread> ts;
  std::vector<std::size_t> counts(4);
  for (int k = 0; k < 4; ++k)
    ts.emplace_back([&, k] {
      for (int i = 0; i < 5; ++i) counts[k] = entities_of(nlp(story)).size();
    });
  for (auto& t : ts) t.join();
  CHECK(counts[0] > 5);
  CHECK(std::ranges::all_of(counts, [&](auto c) { return c == counts[0]; }));
}

TEST_CASE("a surname the model left out is the person the text names in full elsewhere") {
  const byline::pipeline nlp;
  // A headline opening the text: "Trump" there could be a verb, the body says who it is.
  auto doc = nlp(std::string("Trump and Xi trade warnings over tariffs\n\n"
                             "Former President Donald Trump told Chinese leader Xi Jinping that tariffs would rise."));
  const auto es = entities_of(doc);
  REQUIRE(find(es, "Trump"));
  CHECK(find(es, "Trump")->label == "PERSON");
  CHECK(find(es, "Trump")->canonical == "Donald Trump");
  CHECK(byline::validate(doc).empty());
}

TEST_CASE("a name that opens a sentence and is an ordinary word in the same text stays a word") {
  const byline::pipeline nlp;
  auto doc = nlp(std::string("Condoleezza Rice visited a farm in Iowa. The rice harvest there was poor. "
                             "Rice exports fell sharply."));
  const auto es = entities_of(doc);
  CHECK(find(es, "Condoleezza Rice"));
  CHECK(!find(es, "Rice"));
}

TEST_CASE("a city's name before a word for a province names the province, not the city") {
  const byline::pipeline nlp;
  auto doc = nlp(std::string("Drones struck the Kharkiv and Sumy regions overnight. Officials in Kharkiv said "
                             "two power stations were hit, and the Zaporizhzhia region lost power too."));
  REQUIRE(byline::validate(doc).empty());
  struct cluster {
    std::uint32_t index;
    std::string canonical, id;
  };
  std::vector<cluster> kharkiv;
  for (auto e : doc.entities()) {
    if (e.text() == "Kharkiv")
      kharkiv.push_back({e.entity().index(), std::string(e.entity().canonical()), std::string(e.entity().id())});
    if (e.text() == "Sumy" || e.text() == "Zaporizhzhia") {
      CHECK(e.label() == byline::entity_label::gpe);
      CHECK(e.entity().canonical() == e.text());  // the spelling the text uses, not GeoNames' city
      CHECK(!e.entity().id().starts_with("geonames:"));
    }
  }
  REQUIRE(kharkiv.size() == 2);
  CHECK(kharkiv[0].canonical == "Kharkiv");
  CHECK(!kharkiv[0].id.starts_with("geonames:"));  // the region
  CHECK(kharkiv[1].id.starts_with("geonames:"));   // the city
  CHECK(kharkiv[0].index != kharkiv[1].index);
}
