// Pronouns linked to people (byline/entity/coreference.hpp), in the default pipeline, on news
// paragraphs written for these tests: what is resolved, what is left alone, and that pronouns stay
// out of the entity mentions.
#include <byline/byline.hpp>
#include <byline/entity/coreference.hpp>
#include <byline/io/json.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

namespace {

// Each pronoun with the canonical name of the entity it refers to ("" when unresolved).
template <class Doc>
std::vector<std::pair<std::string, std::string>> pronouns_of(const Doc& doc) {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto p : doc.pronouns()) out.emplace_back(std::string(p.text()), p.entity() ? std::string(p.entity()->canonical()) : "");
  return out;
}

using resolved = std::vector<std::pair<std::string, std::string>>;

const byline::pipeline nlp;

}  // namespace

TEST_CASE("pronoun_gender reads he/him/his/himself and she/her/hers/herself") {
  using byline::gender;
  CHECK(byline::pronoun_gender("he") == gender::male);
  CHECK(byline::pronoun_gender("His") == gender::male);
  CHECK(byline::pronoun_gender("himself") == gender::male);
  CHECK(byline::pronoun_gender("She") == gender::female);
  CHECK(byline::pronoun_gender("hers") == gender::female);
  CHECK(byline::pronoun_gender("HE") == gender::unknown);  // an acronym more often than not
  CHECK(byline::pronoun_gender("they") == gender::unknown);
  CHECK(byline::pronoun_gender("hero") == gender::unknown);
  CHECK(byline::pronoun_gender("") == gender::unknown);
}

TEST_CASE("the subject of the sentence before, of the pronoun's gender, is its referent") {
  auto doc = nlp(std::string("Donald Trump called Vladimir Putin on Tuesday. He later took to his social media "
                             "platform to praise the call."));
  REQUIRE(byline::validate(doc).empty());
  CHECK(pronouns_of(doc) == resolved{{"He", "Donald Trump"}, {"his", "Donald Trump"}});
  const auto p = *doc.pronouns().begin();
  CHECK(p.gender() == byline::gender::male);
  REQUIRE(p.antecedent());
  CHECK(p.antecedent()->text() == "Donald Trump");
}

TEST_CASE("a given name or an honorific gives a woman's gender") {
  auto doc = nlp(std::string("Britain's Prime Minister Theresa May arrived in Brussels on Thursday. She said her "
                             "government would not give ground."));
  CHECK(pronouns_of(doc) == resolved{{"She", "Theresa May"}, {"her", "Theresa May"}});
  auto doc2 = nlp(std::string("On Monday, Mr. Kowalski told reporters that he would resign. Ms. Nowak said she would "
                              "stay, and Mr. Kowalski thanked her."));
  CHECK(pronouns_of(doc2) == resolved{{"he", "Kowalski"}, {"she", "Nowak"}, {"her", "Nowak"}});
}

TEST_CASE("a person of unknown gender is the referent only when no one else is a candidate") {
  auto doc = nlp(std::string("Vladimir Putin spoke in Moscow on Friday. He said the offensive would go on."));
  CHECK(pronouns_of(doc) == resolved{{"He", "Vladimir Putin"}});
  // Xi Jinping's gender is not known to the lexicon, Trump's is: both are candidates, neither wins.
  auto doc2 = nlp(std::string("Chinese President Xi Jinping met Donald Trump in Beijing. Officials said he was "
                              "pleased."));
  CHECK(pronouns_of(doc2) == resolved{{"he", ""}});
}

TEST_CASE("two men in the window and neither the subject: unresolved") {
  auto doc = nlp(std::string("The meeting between Joe Biden and Emmanuel Macron ran late. Aides said he was tired."));
  CHECK(pronouns_of(doc) == resolved{{"he", ""}});
  // The pronoun's own sentence names one of them as its subject: that one.
  auto doc2 = nlp(std::string("Joe Biden met Donald Trump at the White House. Biden said he hoped for a smooth "
                              "handover."));
  CHECK(pronouns_of(doc2) == resolved{{"he", "Joe Biden"}});
}

TEST_CASE("she with only men to refer to: unresolved") {
  auto doc = nlp(std::string("Joe Biden met Donald Trump at the White House. She said the talks were useful."));
  CHECK(pronouns_of(doc) == resolved{{"She", ""}});
}

TEST_CASE("a pronoun before any name, far from it, or inside quotation marks: unresolved") {
  auto doc = nlp(std::string("He arrived late. Later, Joe Biden spoke."));
  CHECK(pronouns_of(doc) == resolved{{"He", ""}});
  auto doc2 = nlp(std::string("Joe Biden landed in Warsaw. The weather was cold. Crowds lined the streets. The "
                              "motorcade was slow. He then met soldiers."));
  CHECK(pronouns_of(doc2) == resolved{{"He", ""}});
  auto doc3 = nlp(std::string("\u201CHe will not win,\u201D Joe Biden said."));
  CHECK(pronouns_of(doc3) == resolved{{"He", ""}});
}

TEST_CASE("pronouns are a layer of their own: the entity mentions do not change") {
  const std::string text = "Angela Merkel visited Kyiv on Friday. She said her country would help.";
  auto doc = nlp(text);
  const byline::pipeline names_only{byline::tokenizer{}, byline::paragraph_segmenter{}, byline::sentence_splitter{},
                                    byline::entity_extractor{}};
  auto plain = names_only(text);
  CHECK(!plain.has<byline::pronoun_layer>());
  std::vector<std::string> a, b;
  for (auto e : doc.entities()) a.emplace_back(e.text());
  for (auto e : plain.entities()) b.emplace_back(e.text());
  CHECK(a == b);
  for (auto p : doc.pronouns()) CHECK(!doc.entity_of(doc[p.first_token()]));
  CHECK(pronouns_of(doc) == resolved{{"She", "Angela Merkel"}, {"her", "Angela Merkel"}});
}

TEST_CASE("the entity a token refers to, in O(1), and in JSON") {
  auto doc = nlp(std::string("Angela Merkel visited Kyiv on Friday. She said her country would help."));
  std::size_t resolved_tokens = 0;
  for (auto t : doc.tokens()) {
    const auto e = doc.referent_of(t);
    if (t.text() == "She" || t.text() == "her") {
      REQUIRE(e);
      CHECK(e->canonical() == "Angela Merkel");
      ++resolved_tokens;
    } else {
      CHECK(!e);
    }
  }
  CHECK(resolved_tokens == 2);
  const auto json = byline::io::to_json(doc, {.tokens = false, .compact = true});
  CHECK(json.find(R"("pronouns":[{"start":38,"end":41,"first_token":7,"end_token":8,"text":"She","gender":"female",)"
                  R"("entity":0,"canonical":"Angela Merkel","antecedent":0})") != std::string::npos);
}

TEST_CASE("the token index holds across many pronouns and its 64-token words") {
  std::string text;
  for (int i = 0; i < 30; ++i)
    text += "Angela Merkel visited Kyiv on Friday. She said her country would help, and he agreed. ";
  auto doc = nlp(text);
  REQUIRE(byline::validate(doc).empty());
  std::size_t pronouns = 0, referring = 0;
  for (auto p : doc.pronouns()) {
    ++pronouns;
    const auto e = doc.referent_of(doc.tokens()[p.first_token()]);
    CHECK(e.has_value() == p.resolved());
    if (e) CHECK(e->id() == p.entity()->id());
  }
  for (auto t : doc.tokens()) referring += doc.referent_of(t).has_value();
  CHECK(pronouns == 90);
  CHECK(referring == 60);  // she and her; "he" has no man to refer to
}

TEST_CASE("validate() finds a broken pronoun layer") {
  auto doc = nlp(std::string("Angela Merkel visited Kyiv on Friday. She said her country would help."));
  REQUIRE(byline::validate(doc).empty());
  SECTION("an antecedent after the pronoun") {
    doc.edit<byline::pronoun_layer>().antecedent[0] = 1;  // Kyiv, another entity
    CHECK(!byline::validate(doc).empty());
  }
  SECTION("a pronoun inside a name") {
    auto& l = doc.edit<byline::pronoun_layer>();
    l.token[0] = 0;
    l.index_tokens(doc.tokens().size());
    CHECK(!byline::validate(doc).empty());
  }
}

TEST_CASE("the resolver copes with documents without names or sentences") {
  for (std::string s : {std::string(), std::string("he she his her"), std::string("\xff He \xc3"),
                        std::string(3000, 'x') + " he"}) {
    auto doc = nlp(s);
    CHECK(byline::validate(doc).empty());
    for (auto p : doc.pronouns()) CHECK(!p.resolved());
  }
  std::string many;
  for (int i = 0; i < 2000; ++i) many += "Joe Biden spoke. He left. ";
  auto doc = nlp(many);
  CHECK(byline::validate(doc).empty());
  CHECK(std::ranges::all_of(doc.pronouns(), [](auto p) { return p.resolved(); }));
}
