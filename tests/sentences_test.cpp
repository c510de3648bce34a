// News sentences on text of our own with the traps scraped articles have.
#include <byline/pipeline.hpp>
#include <byline/tokenize/sentences.hpp>
#include <byline/tokenize/tokenizer.hpp>

#include <catch2/catch.hpp>

#include <list>
#include <string>
#include <vector>

namespace {

const byline::pipeline nlp{byline::tokenizer{}, byline::sentence_splitter{}};

template <class Doc>
std::vector<std::string> sentences_of(const Doc& doc) {
  std::vector<std::string> out;
  for (auto s : doc.sentences()) out.push_back(byline::unicode::to_utf8(s.text()));
  return out;
}

using strings = std::vector<std::string>;

// Our own page: Cyrillic chrome, a headline, abbreviations, initials, quotes, a soft-wrapped line.
const std::string page =
    "Главная | Новости | Мир\n"
    "\n"
    "Envoys agree on a grain corridor as Ankara talks end\n"
    "\n"
    "ISTANBUL — Mr. Fidan said the U.S. delegation left early. The U.S. Navy will escort ships from Jan. 5, "
    "said Gen. Laura Kim, who met J.R. Ellis and R.F. Kennedy Jr. at 10:30 a.m. on Monday.\n"
    "“We will not back away.” The talks resume in Geneva.\n"
    "“Why now?” asked one diplomat. “Because the harvest cannot wait!” another replied.\n"
    "Observers said the deal was fragile and\n"
    "could collapse within weeks. Prices rose 3.5 pct. on the news...\n"
    "\n"
    "Оставить комментарий\n";

}  // namespace

TEST_CASE("news sentences: abbreviations, initials, quotes, lines and paragraphs", "[sentences]") {
  auto doc = nlp(page);
  CHECK(sentences_of(doc) ==
        strings{"Главная | Новости | Мир",
                "Envoys agree on a grain corridor as Ankara talks end",
                "ISTANBUL — Mr. Fidan said the U.S. delegation left early.",
                "The U.S. Navy will escort ships from Jan. 5, said Gen. Laura Kim, who met J.R. Ellis and R.F. Kennedy "
                "Jr. at 10:30 a.m. on Monday.",
                "“We will not back away.”",
                "The talks resume in Geneva.",
                "“Why now?” asked one diplomat.",
                "“Because the harvest cannot wait!” another replied.",
                "Observers said the deal was fragile and\ncould collapse within weeks.",
                "Prices rose 3.5 pct. on the news...",
                "Оставить комментарий"});
}

TEST_CASE("no sentence ever splits inside an abbreviation or a quotation", "[sentences]") {
  auto doc = nlp(page);
  for (auto s : doc.sentences()) {
    const auto t = byline::unicode::to_utf8(s.text());
    CHECK((t.find("U.S") == std::string::npos || t.find("U.S.") != std::string::npos));
    // Quotation marks balance within each sentence.
    std::size_t open = 0, close = 0;
    for (std::size_t i = 0; i + 2 < t.size(); ++i) {
      open += t.compare(i, 3, "“") == 0;
      close += t.compare(i, 3, "”") == 0;
    }
    CHECK(open == close);
  }
}

TEST_CASE("sentence offsets are the same text in every encoding", "[sentences][encodings]") {
  const auto want = sentences_of(nlp(page));
  const auto u16 = byline::unicode::to_utf16(page);
  const auto u32 = byline::unicode::to_utf32(page);
  const auto w = byline::unicode::transcode<wchar_t>(page);
  const std::list<char> l(page.begin(), page.end());
  CHECK(sentences_of(nlp(std::u16string_view(u16))) == want);
  CHECK(sentences_of(nlp(std::u32string_view(u32))) == want);
  CHECK(sentences_of(nlp(std::wstring_view(w))) == want);
  CHECK(sentences_of(nlp(l)) == want);
  // The third sentence starts after 23 code points of chrome, the 52 of the headline and 4 line breaks.
  auto doc16 = nlp(std::u16string_view(u16));
  auto third = doc16.sentences()[2];
  auto doc8 = nlp(page);
  auto third8 = doc8.sentences()[2];
  CHECK(doc8.to_utf16(third8.offsets().begin) == third.offsets().begin);
  CHECK(doc8.to_code_points(third8.offsets().begin) == 79);
}

TEST_CASE("a sentence splitter over an unterminated or empty text", "[sentences]") {
  CHECK(sentences_of(nlp(std::string_view("no stop at the end"))) == strings{"no stop at the end"});
  CHECK(sentences_of(nlp(std::string_view(""))).empty());
  CHECK(sentences_of(nlp(std::string_view("\n\n \n"))).empty());
  // Every token belongs to exactly one sentence, in order.
  auto doc = nlp(page);
  std::uint32_t next = 0;
  for (auto s : doc.sentences()) {
    CHECK(s.first_token() == next);
    CHECK(s.size() > 0);
    next = s.end_token();
  }
  CHECK(next == doc.tokens().size());
  REQUIRE(doc.sentence_of(5).has_value());
  CHECK(doc.sentence_of(5)->index() == 1);
}

TEST_CASE("only real line breaks count as lines, in every encoding", "[sentences]") {
  // U+2005 FOUR-PER-EM SPACE ends in the byte 0x85 in UTF-8, which is NEL's code point: a space here.
  const std::string text = "Mr.\u2005Smith left. Prices rose and\u0085fell. It ended.\u0085Then talks began.";
  const strings want = {"Mr.\u2005Smith left.", "Prices rose and\u0085fell.", "It ended.", "Then talks began."};
  CHECK(sentences_of(nlp(text)) == want);
  const auto u16 = byline::unicode::to_utf16(text);
  CHECK(sentences_of(nlp(std::u16string_view(u16))) == want);
}
