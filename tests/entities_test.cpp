// The entity layers (byline/entity/entities.hpp): mentions and clusters as typed layers, their
// views, the token -> mention index, JSON and validate(). The mentions here are set by hand, so
// that the layers are tested apart from the extractor that fills them.
#include <byline/byline.hpp>
#include <byline/entity/entities.hpp>
#include <byline/io/json.hpp>

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace {

// The index of the first token whose text is `word`.
template <class Doc>
std::uint32_t token_index(const Doc& doc, std::string_view word) {
  for (auto t : doc.tokens())
    if (t.text() == word) return t.index();
  FAIL("no token " << word);
  return 0;
}

// Marks "President Vladimir Putin", "the Kremlin" (standing for Russia's government), "Russia" and
// "Putin" in the document, in two clusters plus Russia.
template <class Doc>
void annotate(Doc& doc) {
  auto& clusters = doc.template edit<byline::entity_cluster_layer>();
  auto& mentions = doc.template edit<byline::entity_mention_layer>();
  const auto putin = clusters.add(byline::entity_label::person, "Vladimir Putin", "byline:person/vladimir-putin");
  const auto kremlin = clusters.add(byline::entity_label::org, "Kremlin", "byline:org/kremlin");
  const auto russia = clusters.add(byline::entity_label::gpe, "Russia", "RU");
  clusters.stands_for[kremlin.value] = russia.value;

  const auto vladimir = token_index(doc, "Vladimir");
  auto m = mentions.add(vladimir, vladimir + 2, byline::entity_label::person, putin, byline::mention_flag::model);
  mentions.title_first[m.value] = vladimir - 1;
  mentions.title_end[m.value] = vladimir;
  const auto k = token_index(doc, "Kremlin");
  m = mentions.add(k, k + 1, byline::entity_label::org, kremlin, byline::mention_flag::gazetteer | byline::mention_flag::metonym);
  mentions.stands_for[m.value] = russia.value;
  const auto r = token_index(doc, "Russia");
  mentions.add(r, r + 1, byline::entity_label::gpe, russia, byline::mention_flag::gazetteer);
  std::uint32_t last = 0;
  for (auto t : doc.tokens())
    if (t.text() == "Putin") last = t.index();
  mentions.add(last, last + 1, byline::entity_label::person, putin, byline::mention_flag::model);
  mentions.index_tokens(doc.base().token_count());
  clusters.finish(mentions.cluster);
}

const std::string story =
    "President Vladimir Putin met envoys on Tuesday. The Kremlin said Russia would wait. Putin left.";

}  // namespace

TEST_CASE("entity views read mentions, titles, clusters and metonyms") {
  const byline::pipeline nlp{byline::tokenizer{}, byline::paragraph_segmenter{}, byline::sentence_splitter{}};
  auto doc = nlp(story);
  annotate(doc);
  REQUIRE(byline::validate(doc).empty());

  std::vector<std::string> seen;
  for (auto e : doc.entities()) seen.push_back(std::string(e.text()) + "/" + std::string(name(e.label())));
  CHECK(seen == std::vector<std::string>{"Vladimir Putin/PERSON", "Kremlin/ORG", "Russia/GPE", "Putin/PERSON"});

  auto first = *doc.entities().begin();
  CHECK(first.title().text() == "President");
  CHECK(first.entity().canonical() == "Vladimir Putin");
  CHECK(first.has(byline::mention_flag::model));
  CHECK_FALSE(first.stands_for());

  auto kremlin = doc.entities()[1];
  REQUIRE(kremlin.stands_for());
  CHECK(kremlin.stands_for()->canonical() == "Russia");
  CHECK(kremlin.stands_for()->id() == "RU");
  CHECK(kremlin.entity().stands_for()->canonical() == "Russia");
  CHECK(kremlin.title().empty());

  auto putin = first.entity();
  std::vector<std::string> ms;
  for (auto m : putin.mentions()) ms.emplace_back(m.text());
  CHECK(ms == std::vector<std::string>{"Vladimir Putin", "Putin"});
  CHECK(std::ranges::distance(doc.entity_clusters()) == 3);
}

TEST_CASE("the mention a token is part of, in O(1)") {
  const byline::pipeline nlp{byline::tokenizer{}, byline::paragraph_segmenter{}, byline::sentence_splitter{}};
  auto doc = nlp(story);
  annotate(doc);
  auto e = doc.entity_of(doc[token_index(doc, "Vladimir") + 1]);
  REQUIRE(e);
  CHECK(e->text() == "Vladimir Putin");
  CHECK_FALSE(doc.entity_of(doc[token_index(doc, "met")]));
  CHECK_FALSE(doc.entity_of(doc[0]));  // "President" is the title, not the mention
}

TEST_CASE("a document without entities has empty entity views") {
  const byline::pipeline nlp{byline::tokenizer{}, byline::paragraph_segmenter{}, byline::sentence_splitter{}};
  auto doc = byline::pipeline{byline::tokenizer{}}(std::string("No names here."));
  CHECK(std::ranges::empty(doc.entities()));
  CHECK(std::ranges::empty(doc.entity_clusters()));
  CHECK_FALSE(doc.entity_of(doc[0]));
}

TEST_CASE("entity views survive moving the document into a vector") {
  const byline::pipeline nlp{byline::tokenizer{}, byline::paragraph_segmenter{}, byline::sentence_splitter{}};
  std::vector<byline::document> docs;
  auto doc = nlp(story);
  annotate(doc);
  auto e = *doc.entities().begin();
  docs.push_back(std::move(doc));
  for (int i = 0; i < 40; ++i) docs.push_back(nlp(std::string("Filler text ") + std::to_string(i) + "."));
  CHECK(e.text() == "Vladimir Putin");
  CHECK(e.entity().canonical() == "Vladimir Putin");
}

TEST_CASE("entities and clusters are written as JSON") {
  const byline::pipeline nlp{byline::tokenizer{}, byline::paragraph_segmenter{}, byline::sentence_splitter{}};
  auto doc = nlp(story);
  annotate(doc);
  const auto json = byline::io::to_json(doc, {.tokens = false, .compact = true});
  CHECK(json.find(R"("entities":[{"start":10,"end":24,"first_token":1,"end_token":3,"text":"Vladimir Putin","label":"PERSON","entity":0,"canonical":"Vladimir Putin","title":"President","stands_for":null,"source":["model"]})") != std::string::npos);
  CHECK(json.find(R"("canonical":"government of Russia","title":null,"stands_for":"government of Russia","source":["gazetteer","metonym"])") != std::string::npos);
  CHECK(json.find(R"("entity_clusters":[{"entity":0,"canonical":"Vladimir Putin","id":"byline:person/vladimir-putin","label":"PERSON","stands_for":null,"mentions":[0,3]})") != std::string::npos);
}

TEST_CASE("validate() reports broken entity layers") {
  const byline::pipeline nlp{byline::tokenizer{}, byline::paragraph_segmenter{}, byline::sentence_splitter{}};
  auto doc = nlp(story);
  annotate(doc);
  auto& m = doc.edit<byline::entity_mention_layer>();
  m.first[2] = m.first[1];  // overlaps the Kremlin
  auto problems = byline::validate(doc);
  REQUIRE_FALSE(problems.empty());
  CHECK(problems.front().find("entity 2") != std::string::npos);
}
