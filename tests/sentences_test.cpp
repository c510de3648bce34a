// News sentences on text of our own with the traps scraped articles have.
#include <byline/default_pipeline.hpp>
#include <byline/pipeline.hpp>
#include <byline/tokenize/sentences.hpp>
#include <byline/tokenize/tokenizer.hpp>
#include <byline/segment/sentences.hpp>
#include <byline/unicode/utf.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <list>
#include <stdexcept>
#include <random>
#include <string>
#include <vector>

namespace {

const byline::news_pipeline nlp;

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

namespace {

// Every sentence lies in one paragraph, and a paragraph boundary is a sentence boundary.
template <class Doc>
void check_sentences_nest(const Doc& doc) {
  const auto& ps = doc.template get<byline::paragraph_layer>().items;
  for (auto s : doc.sentences()) {
    INFO("sentence " << s.index() << ": " << byline::unicode::to_utf8(s.text()));
    const auto in = std::ranges::count_if(
        ps, [&](const auto& p) { return p.first_token <= s.first_token() && s.end_token() <= p.end_token; });
    CHECK(in == 1);
  }
}

}  // namespace

TEST_CASE("a change of script at a single line break ends the sentence with the paragraph", "[sentences][paragraphs]") {
  // The menu line runs on into a lower-case line; without the paragraph they would be one sentence.
  const std::string text = "\u0627\u0644\u0631\u0626\u064A\u0633\u064A\u0629 | \u0633\u064A\u0627\u0633\u0629\n"
                           "ports reopen after a week of strikes, officials said.\n";
  auto doc = nlp(text);
  REQUIRE(doc.paragraphs().size() == 2);
  check_sentences_nest(doc);
  CHECK(sentences_of(doc) == strings{"\u0627\u0644\u0631\u0626\u064A\u0633\u064A\u0629 | \u0633\u064A\u0627\u0633\u0629",
                                     "ports reopen after a week of strikes, officials said."});
  CHECK(doc.paragraphs()[0].sentences().size() == 1);
  CHECK(doc.paragraphs()[1].sentences().size() == 1);
}

TEST_CASE("a line of invisible characters ends the sentence with the paragraph", "[sentences][paragraphs]") {
  for (const std::string invisible : {"\u200B", "\u200E", "\uFEFF"}) {
    auto doc = nlp("Observers said the deal was fragile and\n" + invisible + "\ncould collapse within weeks.");
    REQUIRE(doc.paragraphs().size() == 2);
    check_sentences_nest(doc);
    CHECK(sentences_of(doc) == strings{"Observers said the deal was fragile and", "could collapse within weeks."});
  }
}

TEST_CASE("an ellipsis character ends a sentence as three full stops do", "[sentences]") {
  for (const std::string dots : {"...", "\u2026"}) {
    INFO("ellipsis: " << dots);
    CHECK(sentences_of(nlp("Talks stalled" + dots + " Then the envoys left.")) ==
          strings{"Talks stalled" + dots, "Then the envoys left."});
    CHECK(sentences_of(nlp("Talks stalled" + dots + " and then the envoys left.")) ==
          strings{"Talks stalled" + dots + " and then the envoys left."});
    // A closing quote after it goes with it.
    CHECK(sentences_of(nlp("\u201CWe waited" + dots + "\u201D The envoys left.")) ==
          strings{"\u201CWe waited" + dots + "\u201D", "The envoys left."});
    CHECK(sentences_of(nlp("\u201CWe waited" + dots + "\u201D he said.")) ==
          strings{"\u201CWe waited" + dots + "\u201D he said."});
    // Numbers do not start a sentence before a lower-case word (UAX #29's SB8).
    CHECK(sentences_of(nlp("They counted" + dots + " 5 people left.")) ==
          strings{"They counted" + dots + " 5 people left."});
    // At the end of a line, as at the end of the text.
    CHECK(sentences_of(nlp("Talks stalled" + dots + "\nand then the envoys left.")) ==
          strings{"Talks stalled" + dots, "and then the envoys left."});
  }
}

TEST_CASE("random text: tokens, paragraphs and sentences nest", "[sentences][paragraphs][random]") {
  static const char* const pieces[] = {
      "The", "talks", "ended", "Mr.", "U.S.", "Kyiv", "and", "a", "1990s", "3.5", "$1.2bn",
      ".", ".", "!", "?", ",", "\u2026", "...", "\u201C", "\u201D", "'", "(", ")", "-", "|",
      " ", " ", " ", " ", "\n", "\n", "\n\n", "\r\n", "\u2029", "\u2028", "\u0085", "\t", "\u00A0",
      "\u200B", "\u200E", "\u200F", "\uFEFF", "\u2060", "\u0301", "\u200D", "\u3000",
      "\u0627\u0644\u0631\u0626\u064A\u0633", "\u0633\u064A\u0627\u0633\u0629", "\u041D\u043E\u0432\u043E\u0441\u0442\u0438",
      "\u6771\u4EAC", "\u3053\u308C", "\u05E9\u05DC\u05D5\u05DD", "\U0001F600", "\xFF"};
#if defined(__SANITIZE_ADDRESS__) || !defined(NDEBUG)
  constexpr int iterations = 5'000;
#else
  constexpr int iterations = 50'000;
#endif
  std::mt19937 rng(7);
  int failures = 0;
  std::size_t paragraphs = 0, sentences = 0;  // so that the test cannot pass on empty layers
  for (int it = 0; it < iterations && failures < 3; ++it) {
    std::string text;
    const int n = static_cast<int>(rng() % 40) + 1;
    for (int k = 0; k < n; ++k) text += pieces[rng() % std::size(pieces)];
    auto check = [&](const auto& doc) {
      const auto& t = doc.template get<byline::token_layer>();
      const auto& ps = doc.template get<byline::paragraph_layer>().items;
      const auto& ss = doc.template get<byline::sentence_layer>().items;
      bool ok = true;
      // Tokens sorted and disjoint.
      for (std::size_t i = 0; i < t.size(); ++i)
        ok = ok && t.begin[i] < t.end[i] && (i == 0 || t.end[i - 1] <= t.begin[i]);
      // Every token in exactly one paragraph, which covers it.
      std::vector<int> in_paragraphs(t.size(), 0), in_sentences(t.size(), 0);
      for (const auto& p : ps)
        for (auto i = p.first_token; i < p.end_token && i < t.size(); ++i) {
          ++in_paragraphs[i];
          ok = ok && p.begin <= t.begin[i] && t.end[i] <= p.end;
        }
      // Every sentence inside one paragraph; sentences cover every token exactly once.
      for (const auto& s : ss) {
        ok = ok && s.first_token < s.end_token;
        ok = ok && std::ranges::count_if(ps, [&](const auto& p) {
                     return p.first_token <= s.first_token && s.end_token <= p.end_token;
                   }) == 1;
        for (auto i = s.first_token; i < s.end_token && i < t.size(); ++i) ++in_sentences[i];
      }
      ok = ok && std::ranges::all_of(in_paragraphs, [](int c) { return c == 1; }) &&
           std::ranges::all_of(in_sentences, [](int c) { return c == 1; });
      paragraphs += ps.size();
      sentences += ss.size();
      return ok;
    };
    const auto u16 = byline::unicode::to_utf16(text);
    if (!check(nlp(std::string_view(text))) || !check(nlp(std::u16string_view(u16)))) {
      ++failures;
      FAIL_CHECK("tokens, paragraphs and sentences do not nest in \"" << text << "\"");
    }
  }
  CHECK(failures == 0);
  CHECK(paragraphs > static_cast<std::size_t>(iterations));
  CHECK(sentences > paragraphs);
}

// ----------------------------------------------------------------------------------------------
// detail::uax_sentence_gaps finds the gaps that hold a UAX #29 sentence boundary without running the
// rules over the whole text; it must find exactly those the rules over the whole text give.

namespace {

// Tokens of any shape: random runs of code points with random gaps, so that tokens may end in white
// space or hold terminators, and gaps may hold anything (someone else's tokenizer).
struct scatter_tokenizer {
  using needs = byline::layers<>;
  using provides = byline::layers<byline::token_layer>;
  template <class Doc>
  void operator()(Doc& doc, byline::workspace&) const {
    const auto text = doc.text();
    auto& t = doc.template edit<byline::token_layer>();
    t.clear();
    std::vector<std::uint32_t> starts;
    for (auto it = text.begin(); it != text.end(); it = byline::unicode::decode(it, text.end()).next)
      starts.push_back(static_cast<std::uint32_t>(it - text.begin()));
    starts.push_back(static_cast<std::uint32_t>(text.size()));
    std::minstd_rand rng(static_cast<unsigned>(text.size()) + 1);
    for (std::size_t k = rng() % 3; k + 1 < starts.size(); k += rng() % 3) {
      const std::size_t e = std::min(starts.size() - 1, k + 1 + rng() % 5);
      t.push_back(starts[k], starts[e], byline::token_kind::word, byline::token_rule::word_boundary, 0);
      k = e;
    }
  }
};

// The gaps (by the index of the token after them) that hold a boundary of segment::sentences.
template <class C>
std::vector<std::uint32_t> gaps_by_rules(std::basic_string_view<C> text, const byline::token_layer& t) {
  std::vector<std::uint32_t> out;
  for (auto s : byline::segment::sentences(text)) {
    const auto b = s.offsets().end;
    const auto k = static_cast<std::uint32_t>(std::lower_bound(t.begin.begin(), t.begin.end(), b) - t.begin.begin());
    if (k == 0 || k >= t.size() || t.end[k - 1] > b) continue;
    if (out.empty() || out.back() != k) out.push_back(k);
  }
  return out;
}

template <class C>
std::vector<std::uint32_t> gaps_found(std::basic_string_view<C> text, const byline::token_layer& t) {
  std::vector<std::uint32_t> out;
  byline::detail::uax_sentence_gaps<C> gaps(text, t);
  const auto n = static_cast<std::uint32_t>(t.size());
  for (auto i = n > 0 ? gaps.next_candidate(1) : n; i < n; i = gaps.next_candidate(i + 1))
    if (gaps.in_gap(i)) out.push_back(i);
  return out;
}

}  // namespace

TEST_CASE("the gaps that hold a UAX #29 sentence boundary are those the rules give", "[sentences][random]") {
  static const char* const pieces[] = {
      ".", ".", "!", "?", " ", " ", " ", "  ", "\n", "\r", "\r\n", "\t", "\"", "\u201C", "\u201D", "'", "(", ")",
      "a", "b", "A", "B", "Mr.", "U.S.", "5", "3.5", ",", ";", ":", "-", "\u0301", "\u00AD", "\u00A0", "\u200B",
      "\u2029", "\u0085", "\u2026", "\u3002", "\u00E9", "\u0645", "\u2019", "|", "\xFF", "\x80", "\xE2\x80"};
#if defined(__SANITIZE_ADDRESS__) || !defined(NDEBUG)
  constexpr int iterations = 10'000;
#else
  constexpr int iterations = 100'000;
#endif
  const byline::pipeline ours{byline::tokenizer{}};
  const byline::pipeline scattered{scatter_tokenizer{}};
  std::mt19937 rng(11);
  std::size_t found = 0;
  for (int it = 0; it < iterations; ++it) {
    std::string text;
    const int n = static_cast<int>(rng() % 30) + 1;
    for (int k = 0; k < n; ++k) text += pieces[rng() % std::size(pieces)];
    INFO("text \"" << text << "\"");
    for (const auto& doc : {ours(std::string_view(text)), scattered(std::string_view(text))}) {
      const auto& t = doc.get<byline::token_layer>();
      const auto want = gaps_by_rules(std::string_view(text), t);
      REQUIRE(gaps_found(std::string_view(text), t) == want);
      found += want.size();
    }
    if (it % 4 == 0) {
      const auto u16 = byline::unicode::to_utf16(text);
      const auto doc = scattered(std::u16string_view(u16));
      const auto& t = doc.get<byline::token_layer>();
      REQUIRE(gaps_found(std::u16string_view(u16), t) == gaps_by_rules(std::u16string_view(u16), t));
    }
  }
  CHECK(found > static_cast<std::size_t>(iterations));
}

TEST_CASE("finding the sentence gaps stays linear on text built against it", "[sentences][adversarial]") {
  // Closers after spaces, a look for a lower-case letter past many non-letters, gaps with no ASCII
  // white space to start the engine after: each gap could send the engine far ahead or back, but
  // none may send it over the same text again and again (which would take hours here).
  const std::size_t n = 200'000;
  std::vector<std::string> texts(7);
  texts[0] = "He left. ";
  texts[1] = "He left. ";
  texts[3] = "No. ";
  for (std::size_t i = 0; i < n; ++i) {
    texts[0] += ") ";
    texts[1] += "( ";
    texts[2] += "Y.\u200B";  // a gap of a zero width space: the engine decides each
    texts[3] += "5 ";
    texts[4] += "\u201C ";
    texts[5] += "y.\u200B";
    texts[6] += "x\u00A0y.\u00A0(";
  }
  texts[1] += "b.";
  for (const auto& text : texts) {
    const auto doc = nlp(std::string_view(text));
    const auto& t = doc.get<byline::token_layer>();
    REQUIRE(gaps_found(std::string_view(text), t) == gaps_by_rules(std::string_view(text), t));
  }
}

TEST_CASE("tokens out of order are refused, not read past", "[sentences]") {
  // Tokens that break the invariants, as someone else's tokenizer might make them: the splitter reads
  // gaps straight from the text, so it says so instead of reading where it should not.
  const std::string text = "Two words.";
  byline::token_layer overlapping, past_the_end, empty;
  overlapping.push_back(0, 4, byline::token_kind::word, byline::token_rule::word_boundary, 0);
  overlapping.push_back(2, 9, byline::token_kind::word, byline::token_rule::word_boundary, 0);
  past_the_end.push_back(0, 3, byline::token_kind::word, byline::token_rule::word_boundary, 0);
  past_the_end.push_back(5, 500, byline::token_kind::word, byline::token_rule::word_boundary, 0);
  empty.push_back(0, 0, byline::token_kind::word, byline::token_rule::word_boundary, 0);
  empty.push_back(4, 9, byline::token_kind::word, byline::token_rule::word_boundary, 0);
  const byline::sentence_splitter split;
  for (const auto* t : {&overlapping, &past_the_end, &empty}) {
    std::vector<byline::sentence_record> out;
    CHECK_THROWS_AS(split.split(std::string_view(text), *t, {}, out), std::invalid_argument);
  }
}

TEST_CASE("a token out of order is refused wherever it lies in a long layer", "[sentences]") {
  // The check reads tokens four at a time: a bad one at every position, and in the tail.
  std::string text;
  for (int i = 0; i < 13; ++i) text += "word ";
  const auto good = [&] {
    byline::token_layer t;
    for (std::uint32_t i = 0; i < 13; ++i)
      t.push_back(5 * i, 5 * i + 4, byline::token_kind::word, byline::token_rule::word_boundary, 0);
    return t;
  };
  const byline::sentence_splitter split;
  {
    std::vector<byline::sentence_record> out;
    CHECK_NOTHROW(split.split(std::string_view(text), good(), {}, out));
  }
  for (std::size_t k = 0; k < 13; ++k) {
    auto empty = good(), overlapping = good(), huge = good();
    empty.end[k] = empty.begin[k];
    if (k > 0) overlapping.begin[k] = overlapping.end[k - 1] - 1;
    huge.begin[k] = 0x80000000u;  // past the end before it, as the SIMD compare's bias must see
    huge.end[k] = 0x80000001u;
    for (const auto* t : {&empty, &overlapping, &huge}) {
      if (t == &overlapping && k == 0) continue;
      std::vector<byline::sentence_record> out;
      CHECK_THROWS_AS(split.split(std::string_view(text), *t, {}, out), std::invalid_argument);
    }
  }
}
