// Stances (byline/stance/stances.hpp) in the default pipeline, on news sentences written for these
// tests: holders through names, metonyms, quotations and reported speech; negation, modality and
// intensity; targets and their heads; the aggregation; JSON; and documents of random pieces.
#include <byline/byline.hpp>
#include <byline/io/json.hpp>
#include <byline/stance/stances.hpp>

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

namespace {

const byline::pipeline nlp;

struct seen {
  std::string holder, entity, polarity, head, cue;
  friend bool operator==(const seen&, const seen&) = default;
};

std::ostream& operator<<(std::ostream& os, const seen& s) {
  return os << "{" << s.holder << " | " << s.entity << " | " << s.polarity << " | " << s.head << " | " << s.cue << "}";
}

template <class Doc>
std::vector<seen> stances_of(const Doc& doc) {
  std::vector<seen> out;
  for (auto s : doc.stances())
    out.push_back({std::string(s.holder().text()), s.holder_entity() ? std::string(s.holder_entity()->canonical()) : "",
                   std::string(name(s.polarity())), std::string(s.target_head().text()), std::string(s.cue().text())});
  return out;
}

}  // namespace

TEST_CASE("support and opposition verbs: holder, polarity, target head, cue, intensity") {
  auto doc = nlp(std::string(
      "Russian President Vladimir Putin firmly rejected the proposed ceasefire on Tuesday.\n\n"
      "Finland's foreign minister Elina Valtonen welcomed the new sanctions package.\n\n"
      "Senator Ruth Hale described the spending bill as “reckless,” and vowed to fight it."));
  REQUIRE(byline::validate(doc).empty());
  const auto s = stances_of(doc);
  REQUIRE(s.size() == 3);
  CHECK(s[0] == seen{"Russian President Vladimir Putin", "Vladimir Putin", "against", "ceasefire", "rejected"});
  CHECK(s[1].entity == "Elina Valtonen");
  CHECK(s[1].polarity == "favor");
  CHECK(s[1].head == "package");
  CHECK(s[2].holder == "Senator Ruth Hale");
  CHECK(s[2].polarity == "against");
  CHECK(s[2].head == "bill");
  CHECK(s[2].cue == "described the spending bill as “reckless,”");
  const auto first = *doc.stances().begin();
  CHECK(first.intensity() == byline::stance_intensity::strong);
  CHECK(first.modality() == byline::stance_modality::asserted);
  CHECK(first.source_type() == byline::stance_source::narrated);
  CHECK(!first.negated());
  CHECK(first.target().text() == "the proposed ceasefire");
  CHECK(first.evidence().text() == "Russian President Vladimir Putin firmly rejected the proposed ceasefire on Tuesday.");
  CHECK(first.confidence() > 0.5f);
  CHECK(first.confidence() <= 1.0f);
}

TEST_CASE("negation: declining to endorse is against, not rejecting takes no side") {
  auto doc = nlp(std::string(
      "The Kremlin declined to endorse the peace plan drafted in Geneva.\n\n"
      "Turkey did not reject the plan.\n\n"
      "Moscow has shown no sign of accepting the offer."));
  REQUIRE(byline::validate(doc).empty());
  const auto s = stances_of(doc);
  REQUIRE(s.size() == 2);
  CHECK(s[0].holder == "Kremlin");
  CHECK(s[0].entity == "Russia");  // the metonym: the Kremlin stands for Russia's government
  CHECK(s[0].polarity == "against");
  CHECK(s[0].head == "plan");
  CHECK(s[0].cue == "declined to endorse");
  CHECK((*doc.stances().begin()).negated());
  CHECK(s[1].holder == "Moscow");
  CHECK(s[1].polarity == "against");
  CHECK(s[1].head == "offer");
}

TEST_CASE("modality: hedged by a modal, conditional by an if clause") {
  auto doc = nlp(std::string(
      "Germany may reduce its military aid next year.\n\n"
      "If the talks fail, the European Union could back new tariffs.\n\n"
      "Italy backed the tariffs, but Spain opposed them if they hit farmers."));
  REQUIRE(byline::validate(doc).empty());
  std::vector<byline::stance_modality> m;
  std::vector<std::string> heads;
  for (auto s : doc.stances()) {
    m.push_back(s.modality());
    heads.emplace_back(s.target_head().text());
  }
  REQUIRE(m.size() == 4);
  CHECK(heads[0] == "aid");
  CHECK(m[0] == byline::stance_modality::hedged);
  CHECK(heads[1] == "tariffs");
  CHECK(m[1] == byline::stance_modality::conditional);
  CHECK(heads[2] == "tariffs");
  CHECK(m[2] == byline::stance_modality::asserted);  // the condition is after "but", in Spain's clause
  CHECK(m[3] == byline::stance_modality::conditional);
}

TEST_CASE("holders in quotations and in reported speech") {
  auto doc = nlp(std::string(
      "“We welcome the agreement,” said Finnish Prime Minister Petteri Orpo.\n\n"
      "The minister, Anna Kowalska, highlighted Poland's willingness to host the talks.\n\n"
      "Turkish officials, wary of a permanent Maltese role, said they may accept the timetable."));
  REQUIRE(byline::validate(doc).empty());
  const auto s = stances_of(doc);
  REQUIRE(s.size() == 4);
  CHECK(s[0].holder == "We");
  CHECK(s[0].entity == "Petteri Orpo");
  CHECK(s[0].head == "agreement");
  CHECK(s[1].holder == "Poland");
  CHECK(s[1].head == "talks");
  CHECK(s[1].cue == "willingness to host");
  CHECK(s[2].polarity == "against");
  CHECK(s[2].head == "role");
  CHECK(s[3].holder == "they");
  CHECK(s[3].entity == s[2].entity);  // the officials who said it
  CHECK(s[3].head == "timetable");
  std::vector<byline::stance_source> src;
  for (auto st : doc.stances()) src.push_back(st.source_type());
  CHECK(src[0] == byline::stance_source::direct_quote);
  CHECK(src[1] == byline::stance_source::indirect);
  CHECK(src[3] == byline::stance_source::indirect);
  const auto q = *doc.stances().begin();
  CHECK(q.evidence().text() == "“We welcome the agreement,”");
}

TEST_CASE("the author is never a holder, and a passive with no agent has none") {
  auto doc = nlp(std::string(
      "The proposal was rejected on Friday. It is a welcome step, and a rejected plan is no plan.\n\n"
      "Opposition to the deal grew."));
  REQUIRE(byline::validate(doc).empty());
  CHECK(stances_of(doc).empty());
}

TEST_CASE("aggregation: who is for and who against each target") {
  auto doc = nlp(std::string(
      "Ukraine accepted the ceasefire on Monday. Russia rejected the ceasefire a day later.\n\n"
      "Poland welcomed the ceasefire and Hungary criticized it."));
  REQUIRE(byline::validate(doc).empty());
  const auto& summary = doc.stance_summary();
  const auto it = std::ranges::find(summary.by_target, std::string("ceasefire"), &byline::target_stances::target);
  REQUIRE(it != summary.by_target.end());
  std::vector<std::string> favor, against;
  for (const auto& h : it->favor) favor.push_back(h.holder);
  for (const auto& h : it->against) against.push_back(h.holder);
  CHECK(favor == std::vector<std::string>{"Ukraine", "Poland"});
  CHECK(against == std::vector<std::string>{"Russia"});
  const auto pair = std::ranges::find_if(summary.by_holder_target, [](const auto& h) { return h.holder == "Russia"; });
  REQUIRE(pair != summary.by_holder_target.end());
  CHECK(pair->position() == "against");
  CHECK(pair->target == "ceasefire");
  REQUIRE(pair->against.size() == 1);
  CHECK(stances_of(doc)[pair->against[0]].holder == "Russia");
}

TEST_CASE("stances and their aggregation in the JSON") {
  auto doc = nlp(std::string("Russian President Vladimir Putin firmly rejected the proposed ceasefire on Tuesday."));
  const auto j = byline::io::to_json(doc, {.tokens = false, .compact = true});
  CHECK(j.find("\"stances\":[{\"holder\":{\"start\":0,\"end\":32,\"text\":\"Russian President Vladimir Putin\"") != std::string::npos);
  CHECK(j.find("\"polarity\":\"against\"") != std::string::npos);
  CHECK(j.find("\"head\":\"ceasefire\"") != std::string::npos);
  CHECK(j.find("\"modality\":\"asserted\",\"intensity\":\"strong\",\"source_type\":\"narrated\"") != std::string::npos);
  CHECK(j.find("\"stance_summary\":{\"by_target\":[{\"target\":\"ceasefire\"") != std::string::npos);
  CHECK(j.find("\"position\":\"against\"") != std::string::npos);
}

TEST_CASE("documents of random pieces keep the stance layer valid") {
  const std::vector<std::string> pieces = {
      "Putin", " rejected", " the", " ceasefire", ",", " “", "”", " said", " declined", " to", " endorse", " not",
      " may", " if", " which", " Washington", " had", " promoted", " wary", " of", " willingness", " Russia's",
      ".", "\n\n", " the Kremlin", " readiness", " described", " as", " excellent", " positively", " encroach",
      " urged", " that", " accept", " push", " toward", " demands", " including", " he", " they"};
  std::mt19937 rng(20261205);
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const int len = static_cast<int>(rng() % 80);
    for (int i = 0; i < len; ++i) text += pieces[rng() % pieces.size()];
    const auto doc = nlp(text);
    INFO(text);
    REQUIRE(byline::validate(doc).empty());
    for (auto s : doc.stances()) {
      CHECK(s.holder().size() > 0);
      CHECK(s.target().size() > 0);
    }
  }
}

TEST_CASE("documents moved into a vector keep their stances and summaries") {
  std::vector<decltype(nlp(std::string()))> docs;
  for (int i = 0; i < 20; ++i)  // the vector reallocates: each document moves several times
    docs.push_back(nlp(std::string("Poland welcomed the ceasefire. Hungary criticized the ceasefire.")));
  for (const auto& d : docs) {
    REQUIRE(byline::validate(d).empty());
    const auto s = stances_of(d);
    REQUIRE(s.size() == 2);
    CHECK(s[0].polarity == "favor");
    CHECK(s[1].polarity == "against");
    REQUIRE(d.stance_summary().by_target.size() == 1);
    CHECK(d.stance_summary().by_target[0].target == "ceasefire");
  }
  auto moved = std::move(docs.front());
  CHECK(stances_of(moved).size() == 2);
}

TEST_CASE("a nationality before a body of people is its country; before one person it is not") {
  auto doc = nlp(std::string(
      "European leaders rejected the tariff plan.\n\n"
      "The South Carolina senator rejected the tariff plan.\n\n"
      "Human rights groups urged the company to disclose the contracts."));
  REQUIRE(byline::validate(doc).empty());
  const auto s = stances_of(doc);
  REQUIRE(s.size() == 3);
  CHECK(s[0].entity == "Europe");
  CHECK(s[1].holder == "The South Carolina senator");
  CHECK(s[1].entity.empty());
  CHECK(s[2].head == "contracts");
  CHECK(s[2].cue == "urged the company to disclose");
}
