// The segment views as a user meets them: statuses, offsets in the caller's code units, and every
// kind of input range.
#include <byline/segment/graphemes.hpp>
#include <byline/segment/sentences.hpp>
#include <byline/segment/words.hpp>

#include <catch2/catch.hpp>

#include <deque>
#include <forward_list>
#include <iterator>
#include <list>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

using namespace std::literals;
using byline::span_offsets;
using byline::segment::sentence_status;
using byline::segment::word_status;

namespace Catch {
template <>
struct StringMaker<span_offsets> {
  static std::string convert(const span_offsets& o) {
    return "[" + std::to_string(o.begin) + ", " + std::to_string(o.end) + ")";
  }
};
}  // namespace Catch

namespace {

std::vector<std::string> texts_of(auto&& view) {
  std::vector<std::string> out;
  for (auto s : view) out.emplace_back(s.begin(), s.end());
  return out;
}

template <class View>
std::vector<span_offsets> offsets_of(View&& view) {
  std::vector<span_offsets> out;
  for (auto s : view) out.push_back(s.offsets());
  return out;
}

}  // namespace

TEST_CASE("words of a news sentence, with statuses", "[words]") {
  const std::string text = "Kyiv’s 30-day plan, worth $1.2bn, isn't U.S.-led.";
  std::vector<std::pair<std::string, word_status>> got;
  for (auto w : byline::segment::words(text)) got.emplace_back(std::string(w.text()), w.status());
  using enum word_status;
  const std::vector<std::pair<std::string, word_status>> want = {
      {"Kyiv’s", letter}, {" ", whitespace}, {"30", number},      {"-", punctuation}, {"day", letter},
      {" ", whitespace},  {"plan", letter},  {",", punctuation},  {" ", whitespace},  {"worth", letter},
      {" ", whitespace},  {"$", punctuation}, {"1.2bn", letter},  {",", punctuation}, {" ", whitespace},
      {"isn't", letter},  {" ", whitespace}, {"U.S", letter},     {".", punctuation}, {"-", punctuation},
      {"led", letter},    {".", punctuation}};
  CHECK(got == want);
}

TEST_CASE("word statuses for numbers, scripts and emoji", "[words]") {
  auto statuses = [](std::u32string_view t) {
    std::vector<std::pair<std::u32string, word_status>> out;
    for (auto w : byline::segment::words(t)) out.emplace_back(std::u32string(w.text()), w.status());
    return out;
  };
  using enum word_status;
  CHECK(statuses(U"1,000.50 3.5") ==
        std::vector<std::pair<std::u32string, word_status>>{{U"1,000.50", number}, {U" ", whitespace}, {U"3.5", number}});
  CHECK(statuses(U"東京 カタカナ") ==
        std::vector<std::pair<std::u32string, word_status>>{
            {U"東", ideographic}, {U"京", ideographic}, {U" ", whitespace}, {U"カタカナ", kana}});
  CHECK(statuses(U"👩‍👩‍👧 🇺🇦🇷🇺") ==
        std::vector<std::pair<std::u32string, word_status>>{
            {U"👩‍👩‍👧", emoji}, {U" ", whitespace}, {U"🇺🇦", emoji}, {U"🇷🇺", emoji}});
  CHECK(statuses(U"العالم أمريكا") ==
        std::vector<std::pair<std::u32string, word_status>>{
            {U"العالم", letter}, {U" ", whitespace}, {U"أمريكا", letter}});
  CHECK(statuses(U"\t\r\n") ==
        std::vector<std::pair<std::u32string, word_status>>{{U"\t", whitespace}, {U"\r\n", whitespace}});
}

TEST_CASE("is_word and friends", "[words]") {
  std::size_t words = 0, spaces = 0, punct = 0;
  for (auto w : byline::segment::words("Putin said: “No.”"sv)) {
    words += w.is_word();
    spaces += w.is_whitespace();
    punct += w.is_punctuation();
  }
  CHECK(words == 3);
  CHECK(spaces == 2);
  CHECK(punct == 4);  // : “ . ”
}

TEST_CASE("plain UAX #29 sentences, before any news tailoring", "[sentences]") {
  const std::string text =
      "The talks ended at 10:30. “We will not back away,” he said. Really?! Yes.\n"
      "Headline without a stop\n\nNext paragraph";
  std::vector<std::pair<std::string, sentence_status>> got;
  for (auto s : byline::segment::sentences(text)) got.emplace_back(std::string(s.text()), s.status());
  using enum sentence_status;
  const std::vector<std::pair<std::string, sentence_status>> want = {
      {"The talks ended at 10:30. ", terminated},
      {"“We will not back away,” he said. ", terminated},
      {"Really?! ", terminated},
      {"Yes.\n", terminated},
      {"Headline without a stop\n", separated},
      {"\n", separated},
      {"Next paragraph", unterminated}};
  CHECK(got == want);
}

TEST_CASE("sentence rules SB6 to SB8a on news text", "[sentences]") {
  auto split = [](std::string_view t) { return texts_of(byline::segment::sentences(t)); };
  // SB6: a full stop before a digit; SB7: between capitals ("U.S."); SB8: a lower-case word after.
  CHECK(split("It rose 3.5 points. Then fell.") == std::vector<std::string>{"It rose 3.5 points. ", "Then fell."});
  CHECK(split("the U.S.A. team") == std::vector<std::string>{"the U.S.A. team"});
  CHECK(split("e.g. the talks") == std::vector<std::string>{"e.g. the talks"});
  // Without the tailoring of the tokenizer, UAX #29 breaks after "Mr." before a capital.
  CHECK(split("Mr. Smith left.") == std::vector<std::string>{"Mr. ", "Smith left."});
  // SB8a: a comma after the terminator continues the sentence.
  CHECK(split("“Stop!”, she said.") == std::vector<std::string>{"“Stop!”, she said."});
  // SB9/SB10: closing quotes and spaces stay with the sentence they close.
  CHECK(split("He left.”  She stayed.") == std::vector<std::string>{"He left.”  ", "She stayed."});
}

TEST_CASE("graphemes keep user-perceived characters whole", "[graphemes]") {
  CHECK(texts_of(byline::segment::graphemes("e\u0301te\u0301\r\n🇫🇷👍🏽"sv)) ==
        std::vector<std::string>{"e\u0301", "t", "e\u0301", "\r\n", "🇫🇷", "👍🏽"});
  CHECK(texts_of(byline::segment::graphemes("한국어"sv)).size() == 3);
}

TEST_CASE("offsets are in the caller's code units for every encoding", "[words][encodings]") {
  // “Moscow’s”: curly quotes are 3 bytes in UTF-8 and one unit in UTF-16 and UTF-32.
  CHECK(offsets_of(byline::segment::words("“Moscow’s”"sv)) ==
        std::vector<span_offsets>{{0, 3}, {3, 13}, {13, 16}});
  CHECK(offsets_of(byline::segment::words(u8"“Moscow’s”"sv)) ==
        std::vector<span_offsets>{{0, 3}, {3, 13}, {13, 16}});
  CHECK(offsets_of(byline::segment::words(u"“Moscow’s”"sv)) == std::vector<span_offsets>{{0, 1}, {1, 9}, {9, 10}});
  CHECK(offsets_of(byline::segment::words(U"“Moscow’s”"sv)) == std::vector<span_offsets>{{0, 1}, {1, 9}, {9, 10}});
  CHECK(offsets_of(byline::segment::words(L"“Moscow’s”"sv)) == std::vector<span_offsets>{{0, 1}, {1, 9}, {9, 10}});
  // Supplementary characters take two UTF-16 units.
  CHECK(offsets_of(byline::segment::words(u"𝐀b 😀"sv)) == std::vector<span_offsets>{{0, 3}, {3, 4}, {4, 6}});
}

TEST_CASE("every kind of input range gives the same segments", "[words][sentences][ranges]") {
  const std::string text = "Trump–Putin call: “meaningful and frank.” Kyiv agreed. Moscow didn’t.";
  const auto want_words = offsets_of(byline::segment::words(text));
  const auto want_sentences = offsets_of(byline::segment::sentences(text));
  REQUIRE(want_sentences.size() == 3);

  SECTION("string literal: the terminating NUL is not text") {
    CHECK(offsets_of(byline::segment::words("Trump–Putin call: “meaningful and frank.” Kyiv agreed. Moscow didn’t.")) ==
          want_words);
  }
  SECTION("pointer to a NUL-terminated string") {
    const char* p = text.c_str();
    CHECK(offsets_of(byline::segment::words(p)) == want_words);
  }
  SECTION("std::list<char>, a bidirectional range") {
    const std::list<char> l(text.begin(), text.end());
    CHECK(offsets_of(byline::segment::words(l)) == want_words);
    CHECK(offsets_of(byline::segment::sentences(l)) == want_sentences);
  }
  SECTION("std::forward_list<char8_t>, a forward range without size") {
    const std::forward_list<char8_t> l(text.begin(), text.end());
    CHECK(offsets_of(byline::segment::words(l)) == want_words);
    CHECK(offsets_of(byline::segment::sentences(l)) == want_sentences);
  }
  SECTION("std::deque<char>, random access but not contiguous") {
    const std::deque<char> d(text.begin(), text.end());
    CHECK(offsets_of(byline::segment::words(d)) == want_words);
  }
  SECTION("istreambuf_iterator, a single-pass range, buffered once") {
    std::istringstream in(text);
    auto view = byline::segment::sentences(
        std::ranges::subrange(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
    CHECK(offsets_of(view) == want_sentences);
    // A second pass reads the buffer, not the exhausted stream.
    CHECK(offsets_of(view) == want_sentences);
    CHECK(view.buffer() == text);
  }
  SECTION("a temporary string is owned by the view") {
    auto view = byline::segment::words(std::string(text));
    CHECK(offsets_of(view) == want_words);
  }
  SECTION("a view of the text composes with std::views") {
    auto first_three = byline::segment::words(text) | std::views::filter([](auto w) { return w.is_word(); }) |
                       std::views::take(3) | std::views::transform([](auto w) { return std::string(w.text()); });
    std::vector<std::string> got;
    for (auto w : first_three) got.push_back(w);
    CHECK(got == std::vector<std::string>{"Trump", "Putin", "call"});
  }
}

TEST_CASE("invalid UTF-8 is segmented as U+FFFD with the original offsets", "[words][invalid]") {
  const std::string bad = "Kyiv\xFF\xC0 says\xE2\x80";  // invalid byte, overlong lead, truncated quote
  std::vector<std::pair<span_offsets, word_status>> got;
  for (auto w : byline::segment::words(bad)) got.emplace_back(w.offsets(), w.status());
  using enum word_status;
  CHECK(got == std::vector<std::pair<span_offsets, word_status>>{
                   {{0, 4}, letter}, {{4, 5}, punctuation}, {{5, 6}, punctuation}, {{6, 7}, whitespace},
                   {{7, 11}, letter}, {{11, 13}, punctuation}});
}

TEST_CASE("views are borrowed over borrowed text and cheap to copy", "[ranges]") {
  using V = decltype(byline::segment::words(std::string_view{}));
  STATIC_REQUIRE(std::ranges::borrowed_range<V>);
  STATIC_REQUIRE(std::ranges::forward_range<V>);
  STATIC_REQUIRE(std::ranges::view<V>);
  using O = decltype(byline::segment::words(std::string{}));
  STATIC_REQUIRE(!std::ranges::borrowed_range<O>);
  const std::string_view sv = "one two";
  auto it = std::ranges::begin(byline::segment::words(sv));  // no dangling: the text outlives the view
  CHECK((*it).text() == "one");
}
