// The entity linker (byline/entity/linker.hpp) on mentions given by hand: the extractor's
// tests cover the whole chain; these pin down the linking rules themselves.
#include <byline/byline.hpp>
#include <byline/entity/linker.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace {

using byline::entity_label;
using byline::detail::entity_candidate;

// Candidates for every listed (surface, label) in the text, in order; each surface is looked up
// as a run of tokens after the previous one.
struct marker {
  const byline::document& doc;
  std::uint32_t at = 0;
  std::vector<entity_candidate> out;
  entity_candidate& mark(std::string_view surface, entity_label l) {
    const auto& tl = doc.base().token_records();
    for (std::uint32_t t = at; t < tl.size(); ++t) {
      std::string run;
      for (std::uint32_t e = t; e < tl.size(); ++e) {
        run = std::string(doc.text().substr(tl.begin[t], tl.end[e] - tl.begin[t]));
        if (run == surface) {
          entity_candidate c;
          c.first = t;
          c.end = e + 1;
          c.label = l;
          at = e + 1;
          out.push_back(c);
          return out.back();
        }
        if (run.size() > surface.size()) break;
      }
    }
    FAIL("not found: " << surface);
    return out.back();
  }
};

struct linked {
  byline::document doc;
  std::vector<std::string> canon;  // each mention's cluster canonical
  std::vector<std::string> ids;
  std::vector<std::string> stands;
};

template <class F>
linked link(std::string text, F&& mark_all) {
  const byline::pipeline nlp{byline::tokenizer{}, byline::paragraph_segmenter{}, byline::sentence_splitter{}};
  linked r{nlp(std::move(text)), {}, {}, {}};
  marker m{r.doc, 0, {}};
  mark_all(m);
  auto& clusters = r.doc.edit<byline::entity_cluster_layer>();
  auto& mentions = r.doc.edit<byline::entity_mention_layer>();
  byline::detail::link_entities(r.doc.base(), m.out, clusters, mentions);
  REQUIRE(byline::validate(r.doc).empty());
  for (auto e : r.doc.entities()) {
    r.canon.emplace_back(e.entity().canonical());
    r.ids.emplace_back(e.entity().id());
    r.stands.emplace_back(e.stands_for() ? std::string(e.stands_for()->canonical()) : "");
  }
  return r;
}

}  // namespace

TEST_CASE("a person's shorter and longer forms join, the longest names the cluster") {
  auto r = link("Putin spoke first. Vladimir Putin then met Donald Trump. Trump's aides left, and Putin stayed.",
                [](marker& m) {
                  m.mark("Putin", entity_label::person);
                  m.mark("Vladimir Putin", entity_label::person);
                  m.mark("Donald Trump", entity_label::person);
                  m.mark("Trump", entity_label::person);
                  m.mark("Putin", entity_label::person);
                });
  CHECK(r.canon == std::vector<std::string>{"Vladimir Putin", "Vladimir Putin", "Donald Trump", "Donald Trump", "Vladimir Putin"});
  CHECK(r.ids[0] == "byline:person/vladimir-putin");
  auto trump = r.doc.entities()[3];
  CHECK(trump.has(byline::mention_flag::possessive));
  CHECK(std::ranges::distance(r.doc.entity_clusters()) == 2);
}

TEST_CASE("a surname shared by two people stays apart") {
  auto r = link("Donald Trump and Melania Trump arrived. Trump spoke.", [](marker& m) {
    m.mark("Donald Trump", entity_label::person);
    m.mark("Melania Trump", entity_label::person);
    m.mark("Trump", entity_label::person);
  });
  CHECK(r.canon[0] != r.canon[1]);
  CHECK(r.canon[2] == "Trump");
}

TEST_CASE("gazetteer canonical names join different spellings and labels") {
  auto r = link("The U.S. and the United States are one; Russian troops left Russia.", [](marker& m) {
    m.mark("U.S.", entity_label::gpe).canonical = "United States";
    m.mark("United States", entity_label::gpe).canonical = "United States";
    auto& ru = m.mark("Russian", entity_label::norp);
    ru.canonical = "Russia";
    ru.kb_id = "RU";
    m.mark("Russia", entity_label::gpe).canonical = "Russia";
  });
  CHECK(r.canon == std::vector<std::string>{"United States", "United States", "Russia", "Russia"});
  CHECK(r.ids[3] == "RU");
}

TEST_CASE("an acronym joins its expansion") {
  auto r = link("The North Atlantic Treaty Organization met. NATO said no.", [](marker& m) {
    m.mark("North Atlantic Treaty Organization", entity_label::org);
    m.mark("NATO", entity_label::org);
  });
  CHECK(r.canon[0] == r.canon[1]);
  CHECK(r.canon[0] == "North Atlantic Treaty Organization");
}

TEST_CASE("a capital stands for its government except where it is used as a place") {
  auto r = link("It snowed in Moscow. Moscow firmly rejected the plan, and Washington had promoted it, "
                "according to Kyiv. The Kremlin declined.",
                [](marker& m) {
                  for (int i = 0; i < 2; ++i) {
                    auto& c = m.mark("Moscow", entity_label::gpe);
                    c.capital = true;
                    c.country = "Russia";
                    c.country_id = "RU";
                  }
                  auto& w = m.mark("Washington", entity_label::gpe);
                  w.capital = true;
                  w.country = "United States";
                  w.country_id = "US";
                  auto& k = m.mark("Kyiv", entity_label::gpe);
                  k.capital = true;
                  k.country = "Ukraine";
                  auto& kr = m.mark("Kremlin", entity_label::org);
                  kr.seat = true;
                  kr.country = "Russia";
                  kr.country_id = "RU";
                });
  CHECK(r.stands == std::vector<std::string>{"", "Russia", "United States", "Ukraine", "Russia"});
  CHECK(r.canon[0] == "Moscow");  // the literal cluster stays
  auto kremlin = r.doc.entities()[4];
  CHECK(kremlin.entity().stands_for()->id() == "RU");
  CHECK(kremlin.has(byline::mention_flag::metonym));
  CHECK_FALSE(r.doc.entities()[0].has(byline::mention_flag::metonym));
}

TEST_CASE("a province named after its city is an entity apart from the city") {
  auto r = link("Shelling hit Kherson. Villages across the Kherson region lost power. Kherson is dark.",
                [](marker& m) {
                  m.mark("Kherson", entity_label::gpe);
                  m.mark("Kherson", entity_label::gpe).division = true;
                  m.mark("Kherson", entity_label::gpe);
                });
  const auto city = r.doc.entities()[0].entity(), province = r.doc.entities()[1].entity();
  CHECK(!(city == province));
  CHECK(r.doc.entities()[2].entity() == city);
  CHECK(r.canon == std::vector<std::string>{"Kherson", "Kherson", "Kherson"});
}

TEST_CASE("the linker's byte checks agree with folding the token first") {
  using byline::detail::fold;
  const std::vector<std::string> tokens = {"'s",  "'S",   "\u2019s", "\u2019S", "\u2018s", "'",    "\u2019", "\u2018",
                                           "s",   "'t",   "\u2019ss", "''",     "\u201Cs", "\u2019\u2019", "",
                                           "The", "THE",  "the",     "then",    "th",      "tHe",  "\u00DEhe", "Th\u00E9"};
  for (const auto& t : tokens) {
    INFO(t);
    CHECK(byline::detail::is_possessive_token(t) == byline::detail::is_possessive_clitic(fold(t)));
    CHECK(byline::detail::is_the_token(t) == (fold(t) == "the"));
  }
  CHECK(byline::detail::is_possessive_token("\u2019S"));
  CHECK(byline::detail::is_the_token("THE"));
}
