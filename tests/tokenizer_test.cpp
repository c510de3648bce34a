// The news tokenizer, case by case, over every kind of input the pipeline accepts.
#include <byline/pipeline.hpp>
#include <byline/tokenize/tokenizer.hpp>
#include <byline/unicode/marks.hpp>

#include <catch2/catch.hpp>

#include <list>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

using byline::token_kind;
using byline::token_rule;
namespace flag = byline::token_flag;

namespace {

const byline::pipeline tokenize_only{byline::tokenizer{}};

// The tokens of a document as UTF-8 strings, whatever its encoding.
template <class Doc>
std::vector<std::string> texts(const Doc& doc) {
  std::vector<std::string> out;
  for (auto t : doc.tokens()) out.push_back(byline::unicode::to_utf8(t.text()));
  return out;
}

std::vector<std::string> toks(std::string_view s) { return texts(tokenize_only(s)); }

using strings = std::vector<std::string>;

// Runs `check(doc, reference_utf8_text)` over the text in every encoding and range type.
template <class F>
void over_every_input(const std::string& utf8, F check) {
  SECTION("std::string") { check(tokenize_only(utf8)); }
  SECTION("std::u8string") {
    const std::u8string s(utf8.begin(), utf8.end());
    check(tokenize_only(s));
  }
  SECTION("std::u16string_view") {
    const auto s = byline::unicode::to_utf16(utf8);
    check(tokenize_only(std::u16string_view(s)));
  }
  SECTION("char32_t array") {
    const auto s = byline::unicode::to_utf32(utf8);
    std::vector<char32_t> arr(s.begin(), s.end());
    arr.push_back(0);
    check(tokenize_only(arr.data()));
  }
  SECTION("std::wstring") { check(tokenize_only(byline::unicode::transcode<wchar_t>(utf8))); }
  SECTION("std::list<char>") {
    const std::list<char> l(utf8.begin(), utf8.end());
    auto doc = tokenize_only(l);
    STATIC_REQUIRE(decltype(doc)::owns_text);
    check(doc);
  }
  SECTION("istreambuf_iterator") {
    std::istringstream in(utf8);
    check(tokenize_only(std::ranges::subrange(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>())));
  }
}

// Checks the tokens' texts, and that their offsets are the caller's code units: the prefix before
// each token, in the document's encoding, is as long as the token's begin.
template <class Doc>
void check_tokens(const Doc& doc, const std::string& utf8, const strings& want) {
  CHECK(texts(doc) == want);
  using C = typename Doc::char_type;
  // Where each token starts in the UTF-8 original, found by searching forward.
  std::size_t from = 0;
  for (auto t : doc.tokens()) {
    const auto piece = byline::unicode::to_utf8(t.text());
    const auto at = utf8.find(piece, from);
    REQUIRE(at != std::string::npos);
    const auto prefix = byline::unicode::transcode<C>(std::string_view(utf8).substr(0, at));
    CHECK(t.offsets().begin == prefix.size());
    from = at + piece.size();
  }
}

}  // namespace

TEST_CASE("abbreviations and initials keep their period", "[tokenizer]") {
  const std::string text = "The U.S. and U.K. envoys, Mr. Haddad and Gen. Ruiz, met on Jan. 5 with J.D. Vance and R.F. Kennedy, e.g. in Rome.";
  const strings want = {"The", "U.S.", "and", "U.K.", "envoys", ",",    "Mr.", "Haddad", "and",   "Gen.",
                        "Ruiz", ",",   "met", "on",   "Jan.",   "5",    "with", "J.D.",  "Vance", "and",
                        "R.F.", "Kennedy", ",", "e.g.", "in",  "Rome", "."};
  over_every_input(text, [&](const auto& doc) {
    check_tokens(doc, text, want);
    for (auto t : doc.tokens()) {
      const auto s = byline::unicode::to_utf8(t.text());
      if (s == "U.S." || s == "Mr." || s == "Jan." || s == "e.g.") CHECK(t.rule() == token_rule::abbreviation);
      if (s == "R.F.") CHECK(t.rule() == token_rule::initials);
      if (s.size() > 1 && s.back() == '.') CHECK(t.kind() == token_kind::abbreviation);
    }
  });
}

TEST_CASE("hyphens split compounds and U.S.-led", "[tokenizer]") {
  const std::string text = "the U.S.-led call after the Trump-Putin talks for a 30-day pause";
  over_every_input(text, [&](const auto& doc) {
    check_tokens(doc, text,
                 {"the", "U.S.", "-", "led", "call", "after", "the", "Trump", "-", "Putin", "talks", "for", "a", "30",
                  "-", "day", "pause"});
    CHECK(doc[2].kind() == token_kind::dash);
  });
}

TEST_CASE("possessives and clitics split, straight and curly", "[tokenizer]") {
  const std::string text = "Trump’s aides don't say I’m wrong; Putin's can’t, they'll, we’ve, she'd, the allies’ plan";
  over_every_input(text, [&](const auto& doc) {
    check_tokens(doc, text,
                 {"Trump", "’s", "aides", "do", "n't", "say", "I", "’m", "wrong", ";", "Putin", "'s", "ca", "n’t", ",",
                  "they", "'ll", ",", "we", "’ve", ",", "she", "'d", ",", "the", "allies", "’", "plan"});
    for (auto t : doc.tokens())
      if (t.rule() == token_rule::clitic && t.kind() != token_kind::word) CHECK(t.kind() == token_kind::clitic);
  });
  // Apostrophes inside names are not clitics.
  CHECK(toks("O'Brien met D’Angelo") == strings{"O'Brien", "met", "D’Angelo"});
}

TEST_CASE("numbers, units, dates and times", "[tokenizer]") {
  const std::string text = "It cost 1,000.50 euros, up 3.5% to $1.2bn at 10:30 on 2024-05-19, the 30th time since 19/05/2023.";
  over_every_input(text, [&](const auto& doc) {
    check_tokens(doc, text,
                 {"It", "cost", "1,000.50", "euros", ",", "up", "3.5", "%", "to", "$", "1.2", "bn", "at", "10:30", "on",
                  "2024-05-19", ",", "the", "30th", "time", "since", "19/05/2023", "."});
    std::vector<std::pair<std::string, token_kind>> kinds;
    for (auto t : doc.tokens()) kinds.emplace_back(byline::unicode::to_utf8(t.text()), t.kind());
    CHECK(kinds[2].second == token_kind::number);
    CHECK(kinds[9].second == token_kind::currency);
    CHECK(kinds[10].second == token_kind::number);
    CHECK(kinds[11].second == token_kind::unit);
    CHECK(kinds[13].second == token_kind::time);
    CHECK(kinds[15].second == token_kind::date);
    CHECK(kinds[21].second == token_kind::date);
  });
  CHECK(toks("at 10:30:15 or 9:05pm") == strings{"at", "10:30:15", "or", "9:05", "pm"});
  CHECK(toks("a 3D film, a G7 summit, an F-16") == strings{"a", "3D", "film", ",", "a", "G7", "summit", ",", "an", "F", "-", "16"});
}

TEST_CASE("URLs, e-mail addresses, handles, hashtags and emoji are single tokens", "[tokenizer]") {
  const std::string text =
      "See https://example.org/news/2024/talks?id=7&x=(a). Write to press.office+eu@mail.example.co.uk or "
      "@ByLine_News about #Ukraine2024 👩‍👩‍👧 🇺🇦🇫🇷 at www.example.com, or example.net.";
  over_every_input(text, [&](const auto& doc) {
    check_tokens(doc, text,
                 {"See", "https://example.org/news/2024/talks?id=7&x=(a)", ".", "Write", "to",
                  "press.office+eu@mail.example.co.uk", "or", "@ByLine_News", "about", "#Ukraine2024", "👩‍👩‍👧", "🇺🇦",
                  "🇫🇷", "at", "www.example.com", ",", "or", "example.net", "."});
    std::vector<token_kind> k;
    for (auto t : doc.tokens()) k.push_back(t.kind());
    CHECK(k[1] == token_kind::url);
    CHECK(k[5] == token_kind::email);
    CHECK(k[7] == token_kind::handle);
    CHECK(k[9] == token_kind::hashtag);
    CHECK(k[10] == token_kind::emoji);
    CHECK(k[11] == token_kind::emoji);
    CHECK(k[14] == token_kind::url);
    CHECK(k[17] == token_kind::url);
  });
}

TEST_CASE("quotation marks, dashes and ellipses have kinds of their own", "[tokenizer]") {
  const std::string text = "“No,” he said — twice... ‘Fine’ -- \"maybe\" … «non»";
  over_every_input(text, [&](const auto& doc) {
    check_tokens(doc, text,
                 {"“", "No", ",", "”", "he", "said", "—", "twice", "...", "‘", "Fine", "’", "--", "\"", "maybe", "\"",
                  "…", "«", "non", "»"});
    std::vector<std::pair<token_kind, std::uint16_t>> k;
    for (auto t : doc.tokens())
      k.emplace_back(t.kind(), static_cast<std::uint16_t>(t.flags().bits() & (flag::open_quote | flag::close_quote)));
    CHECK(k[0] == std::pair{token_kind::quote, std::uint16_t{flag::open_quote}});
    CHECK(k[3] == std::pair{token_kind::quote, std::uint16_t{flag::close_quote}});
    CHECK(k[6].first == token_kind::dash);
    CHECK(k[8].first == token_kind::ellipsis);
    CHECK(k[9] == std::pair{token_kind::quote, std::uint16_t{flag::open_quote}});
    CHECK(k[11] == std::pair{token_kind::quote, std::uint16_t{flag::close_quote}});
    CHECK(k[12].first == token_kind::dash);
    CHECK(k[13] == std::pair{token_kind::quote, std::uint16_t{flag::open_quote}});
    CHECK(k[15] == std::pair{token_kind::quote, std::uint16_t{flag::close_quote}});
    CHECK(k[16].first == token_kind::ellipsis);
    CHECK(k[17] == std::pair{token_kind::quote, std::uint16_t{flag::open_quote}});
    CHECK(k[19] == std::pair{token_kind::quote, std::uint16_t{flag::close_quote}});
  });
}

TEST_CASE("shape flags, norm and whitespace rebuild the text", "[tokenizer]") {
  const std::string text = "  NATO’s Chief, Mark RUTTE, said:\t“Ça va” in 2024.\n";
  auto doc = tokenize_only(text);
  std::string rebuilt(doc.text().substr(0, doc[0].offsets().begin));
  for (auto t : doc.tokens()) rebuilt += std::string(t.text()) + std::string(t.whitespace_after());
  CHECK(rebuilt == text);

  CHECK(doc[0].text() == "NATO");
  CHECK(doc[0].is_upper());
  CHECK(doc[0].has(flag::ascii));
  CHECK(doc[1].norm() == "'s");
  CHECK(doc[2].is_title());
  CHECK(doc[2].norm() == "chief");
  CHECK(doc[5].text() == "RUTTE");
  CHECK(doc[5].norm() == "rutte");
  CHECK(doc[8].text() == ":");
  CHECK(doc[8].whitespace_after() == "\t");
  CHECK(doc[9].norm() == "\"");
  CHECK(doc[10].text() == "Ça");
  CHECK(doc[10].is_title());
  CHECK(!doc[10].has(flag::ascii));
  CHECK(doc[10].norm() == "ça");
  CHECK(doc[14].text() == "2024");
  CHECK(doc[14].has(flag::has_digit));
  CHECK(!doc[14].has(flag::has_alpha));
  CHECK(doc[0].has(flag::space_before));
  CHECK(!doc[1].has(flag::space_before));
}

TEST_CASE("invalid input is flagged and counted, never read past", "[tokenizer]") {
  const std::string text = "Kyiv \xFF\xFEsaid \xE2\x80";
  auto doc = tokenize_only(text);
  CHECK(doc.invalid_sequences() == 3);
  bool any_replaced = false;
  for (auto t : doc.tokens()) any_replaced |= t.has(flag::replaced);
  CHECK(any_replaced);
  CHECK(doc.tokens().size() >= 3);
}

TEST_CASE("explain() names the rule behind each token", "[tokenizer]") {
  const byline::tokenizer tok;
  const auto ex = tok.explain("Mr. Vance’s 3.5bn #deal");
  REQUIRE(ex.size() == 6);
  CHECK(ex[0].text == "Mr.");
  CHECK(ex[0].rule == token_rule::abbreviation);
  CHECK(ex[1].rule == token_rule::clitic);
  CHECK(ex[2].text == "’s");
  CHECK(ex[3].text == "3.5");
  CHECK(ex[3].rule == token_rule::number_unit);
  CHECK(ex[4].kind == token_kind::unit);
  CHECK(ex[5].text == "#deal");
  CHECK(ex[5].rule == token_rule::hashtag);
  CHECK(ex[5].offsets == byline::span_offsets{20, 25});
  CHECK(byline::name(ex[5].rule) == "hashtag");
}

TEST_CASE("users add abbreviations and special cases at run time", "[tokenizer]") {
  byline::tokenizer tok;
  const byline::tokenizer before = tok;
  tok.add_abbreviation("Sask.").add_special_case("gonna", {"gon", "na"}).add_special_case(":-)", {":-)"});
  const byline::pipeline nlp{tok};
  auto doc = nlp(std::string_view("Regina, Sask. is gonna win :-) ok"));
  CHECK(texts(doc) == strings{"Regina", ",", "Sask.", "is", "gon", "na", "win", ":-)", "ok"});
  CHECK(doc[2].rule() == token_rule::user_abbreviation);
  CHECK(doc[4].rule() == token_rule::user_special_case);
  // The copy made before the changes keeps the old rules.
  const byline::pipeline old{before};
  CHECK(texts(old(std::string_view("Sask. gonna"))) == strings{"Sask", ".", "gonna"});
  // Special cases match only whole segments: "gonnabe" is one word.
  CHECK(texts(nlp(std::string_view("gonnabe"))) == strings{"gonnabe"});
  CHECK_THROWS_AS(tok.add_special_case("gonna", {"go", "nna", "x"}), std::invalid_argument);
  CHECK_THROWS_AS(tok.add_abbreviation("Sask"), std::invalid_argument);
}

TEST_CASE("empty and whitespace-only text has no tokens", "[tokenizer]") {
  CHECK(toks("").empty());
  CHECK(toks(" \n\t\r\n ").empty());
}

namespace {

// Random news-like text: ASCII letters, digits and punctuation, the marks the rules look at, spaces,
// line breaks, a few non-ASCII letters, marks and invisible characters that send the fast path back
// to the full rules, an ill-formed byte, and pieces that the tokenizer's rules join.
std::string random_text(std::mt19937& rng) {
  static const char* const pieces[] = {
      "a", "e", "s", "t", "K", "Z", "Kyiv", "the", "don", "s", "th", "bn", "km", "pm", "www", "http", "com",
      "0", "1", "9", "30", "1990", "2024",
      "#", "@", ".", "_", "-", "'", "\u2019", "\u201C", "\u201D", ",", ";", ":", "/", "!", "?", "(", ")", "$",
      "%", "&", "+", "\"", "*", "\\", "^", "`", "|", "~",
      " ", " ", " ", "  ", "\t", "\n", "\r\n", "\n\n",
      "\u00E9", "\u0416", "\u05D0", "\u0627", "\u4E2D", "\u3042", "\u0301", "\u200B", "\u200E", "\u00A0",
      "\u2026", "\u2014", "\u2013", "\U0001F600", "\u200D", "\u3000", "\u0085", "\xFF",
      "Mr.", "U.S.", "e.g.", "n't", "...", "10:30", "x.com", "https://", " Jan.", " etc.", " I.", " x.", " 3.",
      " plan.", " Sen.", " ab.cd."};
  std::string s;
  const int n = static_cast<int>(rng() % 16) + 1;
  for (int i = 0; i < n; ++i) s += pieces[rng() % std::size(pieces)];
  return s;
}

std::string describe(const std::string& text, const byline::token_layer& t) {
  std::ostringstream o;
  for (std::size_t i = 0; i < t.size(); ++i)
    o << "[" << text.substr(t.begin[i], t.end[i] - t.begin[i]) << " " << t.begin[i] << "-" << t.end[i] << " "
      << byline::name(t.kind[i]) << " " << byline::name(t.rule[i]) << " 0x" << std::hex << t.flags[i] << std::dec
      << "] ";
  return o.str();
}

bool same(const byline::token_layer& a, const byline::token_layer& b) {
  return a.begin == b.begin && a.end == b.end && a.kind == b.kind && a.rule == b.rule && a.flags == b.flags;
}

// Whether the fast paths and the general path make the same tokens of `text`; a failed check
// shows both when not.
bool paths_agree(const byline::tokenizer& tok, const std::string& text) {
  using paths = byline::detail::tokenizer_paths;
  byline::token_layer fast, general;
  const auto n_fast = paths::fast(tok, std::string_view(text), fast);
  const auto n_general = paths::general(tok, std::string_view(text), general);
  if (same(fast, general) && n_fast == n_general) return true;
  FAIL_CHECK("text: \"" << text << "\"\n fast:    " << describe(text, fast) << "\n general: "
                        << describe(text, general));
  return false;
}

}  // namespace

TEST_CASE("the ASCII fast paths and the general path make the same tokens", "[tokenizer][paths]") {
  // A million texts in a normal build; sanitizers and unoptimised builds try fewer.
#if defined(__SANITIZE_ADDRESS__) || !defined(NDEBUG)
  constexpr int iterations = 100'000;
#else
  constexpr int iterations = 1'000'000;
#endif
  using paths = byline::detail::tokenizer_paths;
  const byline::tokenizer plain;
  // A special case that never matches still turns the fast paths off where one may begin.
  const byline::tokenizer special = byline::tokenizer{}.add_special_case("\u00A7\u00A7", {"\u00A7", "\u00A7"});
  std::mt19937 rng(20240519);
  int failures = 0;
  for (int it = 0; it < iterations && failures < 5; ++it) {
    const std::string text = random_text(rng);
    byline::token_layer fast, general, with_special;
    const auto n_fast = paths::fast(plain, std::string_view(text), fast);
    const auto n_general = paths::general(plain, std::string_view(text), general);
    special.tokenize(std::string_view(text), with_special);
    if (!same(fast, general) || !same(fast, with_special) || n_fast != n_general) {
      ++failures;
      FAIL_CHECK("text: \"" << text << "\"\n fast:    " << describe(text, fast) << "\n general: "
                            << describe(text, general) << "\n special: " << describe(text, with_special));
    }
    if (it % 16 == 0) {
      // The other code unit types take the same paths over their own units.
      const auto u16 = byline::unicode::to_utf16(text);
      byline::token_layer f16, g16;
      paths::fast(plain, std::u16string_view(u16), f16);
      paths::general(plain, std::u16string_view(u16), g16);
      if (!same(f16, g16)) {
        ++failures;
        FAIL_CHECK("UTF-16 paths differ on \"" << text << "\"");
      }
    }
  }
  CHECK(failures == 0);
}

TEST_CASE("64-byte blocks: the mask path and the general path make the same tokens", "[tokenizer][paths]") {
  // plain_run cuts tokens from bit masks only where 64 bytes of text lie ahead: texts here are long
  // and mostly plain words, so that the blocks' edges fall everywhere.
#if defined(__SANITIZE_ADDRESS__) || !defined(NDEBUG)
  constexpr int iterations = 5'000;
#else
  constexpr int iterations = 50'000;
#endif
  const byline::tokenizer plain;
  static const char* const words[] = {"Kyiv", "the", "ceasefire", "said", "Trump", "NATO", "2024", "30", "aB3",
                                      "Zelenskyy", "talks", "a", "Internationalisation", "x"};
  std::mt19937 rng(20261203);
  int failures = 0;
  for (int it = 0; it < iterations && failures < 5; ++it) {
    std::string text;
    const int n = static_cast<int>(rng() % 60) + 10;
    for (int i = 0; i < n; ++i) {
      if (rng() % 4 == 0) text += random_text(rng);
      else text += words[rng() % std::size(words)];
      text += (rng() % 8 == 0) ? "" : " ";
    }
    if (!paths_agree(plain, text)) ++failures;
  }
  CHECK(failures == 0);
}

TEST_CASE("64-byte blocks: curly double quotes and dashes, glued or not, make the same tokens", "[tokenizer][paths]") {
  // The mask path takes U+201C, U+201D, U+2013 and U+2014 itself when ASCII follows them; here they
  // sit next to words, numbers, marks, spaces, other marks that are not ASCII and the blocks' edges.
#if defined(__SANITIZE_ADDRESS__) || !defined(NDEBUG)
  constexpr int iterations = 3'000;
#else
  constexpr int iterations = 30'000;
#endif
  const byline::tokenizer plain;
  static const char* const pieces[] = {"\u201C", "\u201D", "\u2014", "\u2013", "\u2019", "\u2018", "\u0301",
                                       "Putin", "said", "ceasefire", "U.S.", "30", "1990s", "#", "@", ".", ",",
                                       "-", "'", "\"", "(", ")", "?", "_", ":", " ", " ", " ", "\n", "\u00A0"};
  std::mt19937 rng(20261204);
  int failures = 0;
  for (int it = 0; it < iterations && failures < 5; ++it) {
    std::string text;
    const int n = static_cast<int>(rng() % 80) + 20;
    for (int i = 0; i < n; ++i) text += pieces[rng() % std::size(pieces)];
    if (!paths_agree(plain, text)) ++failures;
  }
  CHECK(failures == 0);
}

TEST_CASE("the SIMD byte classes agree with the byte-at-a-time ones", "[tokenizer][paths]") {
  std::mt19937 rng(641);
  unsigned char block[64];
  for (int it = 0; it < 20'000; ++it) {
    for (auto& c : block) c = static_cast<unsigned char>(it % 2 ? rng() : rng() % 128);
    const auto simd = byline::detail::classify64(block);
    const auto bytes = byline::detail::classify64_bytes(block);
    REQUIRE(simd == bytes);
  }
  unsigned char all[64];
  for (int c = 0; c < 256; c += 64) {
    for (int i = 0; i < 64; ++i) all[i] = static_cast<unsigned char>(c + i);
    REQUIRE(byline::detail::classify64(all) == byline::detail::classify64_bytes(all));
  }
}

TEST_CASE("a run of underscores is punctuation on every path", "[tokenizer][paths]") {
  const byline::tokenizer with_special = byline::tokenizer{}.add_special_case("gonna", {"gon", "na"});
  for (const auto* tok : {&tokenize_only.get<byline::tokenizer>(), &with_special}) {
    const auto ex = tok->explain("Name: ______ and _ but snake_case");
    REQUIRE(ex.size() == 7);
    CHECK(ex[2].text == "______");
    CHECK(ex[2].kind == token_kind::punctuation);
    CHECK(ex[4].text == "_");
    CHECK(ex[4].kind == token_kind::punctuation);
    CHECK(ex[6].text == "snake_case");
    CHECK(ex[6].kind == token_kind::word);
  }
}

TEST_CASE("hashtags and handles stay whole when the tokenizer has special cases", "[tokenizer][paths]") {
  auto kinds = [](const byline::tokenizer& tok, std::string_view text) {
    std::vector<std::pair<std::string, token_kind>> out;
    for (const auto& e : tok.explain(text)) out.emplace_back(e.text, e.kind);
    return out;
  };
  using v = std::vector<std::pair<std::string, token_kind>>;
  const v want = {{"Protests", token_kind::word}, {"in", token_kind::word}, {"#Kyiv", token_kind::hashtag},
                  {"and", token_kind::word},      {"@Kyiv", token_kind::handle}};
  const std::string_view text = "Protests in #Kyiv and @Kyiv";
  CHECK(kinds(byline::tokenizer{}, text) == want);
  // Special cases elsewhere change nothing here.
  CHECK(kinds(byline::tokenizer{}.add_special_case("gonna", {"gon", "na"}), text) == want);
  CHECK(kinds(byline::tokenizer{}.add_special_case("#", {"#"}), text) == want);
  // A special case that keeps the word whole still makes a hashtag with the # before it.
  CHECK(kinds(byline::tokenizer{}.add_special_case("Kyiv", {"Kyiv"}), text) == want);
  // One that splits it keeps the user's pieces.
  CHECK(kinds(byline::tokenizer{}.add_special_case("Kyiv", {"Ky", "iv"}), "#Kyiv") ==
        v{{"#", token_kind::punctuation}, {"Ky", token_kind::word}, {"iv", token_kind::word}});
}

TEST_CASE("one table of quotation marks and apostrophes: kinds, sides, clitics and norms agree", "[tokenizer][marks]") {
  namespace u = byline::unicode;
  const byline::tokenizer tok;
  for (const auto& m : u::marks) {
    std::string mark;
    u::encode_utf8<char>(m.code_point, std::back_inserter(mark));
    INFO("U+" << std::hex << static_cast<std::uint32_t>(m.code_point) << " " << mark);
    // Between spaces, a quotation mark is a quote token whose norm is its straight form.
    auto doc = tokenize_only("x " + mark + " y");
    REQUIRE(doc.tokens().size() == 3);
    CHECK(doc[1].norm() == std::string(1, static_cast<char>(m.straight)));
    if (m.side != u::quote_side::none) {
      CHECK(doc[1].kind() == token_kind::quote);
      const auto side = doc[1].flags().bits() & (flag::open_quote | flag::close_quote);
      if (m.side == u::quote_side::open) CHECK(side == flag::open_quote);
      if (m.side == u::quote_side::close) CHECK(side == flag::close_quote);
      CHECK(side != 0);
    } else {
      CHECK(doc[1].kind() != token_kind::quote);
    }
    // An apostrophe starts a clitic: Moscow’s -> Moscow ’s.
    if (m.apostrophe) {
      auto clitic = tokenize_only("Moscow" + mark + "s plan");
      CHECK(texts(clitic) == strings{"Moscow", mark + "s", "plan"});
      if (clitic.tokens().size() == 3) {
        CHECK(clitic[1].kind() == token_kind::clitic);
        CHECK(clitic[1].norm() == "'s");
      }
    }
  }
  // Anything else folds to itself.
  CHECK(u::straight_form(U'a') == U'a');
  CHECK(u::straight_form(U'\u2026') == U'\u2026');
  CHECK(!u::is_quotation_mark(U'\u2032'));
  CHECK(u::is_apostrophe(U'\u2019'));
  CHECK(!u::is_apostrophe(U'\u2018'));
}

TEST_CASE("decades stay whole, units split off, ordinals stay whole", "[tokenizer][numbers]") {
  const std::string text = "In the 1960s and 1990s, the ’90s and the '60s, $1.2bn on the 30th, a 5km race, 1800s, 2020s.";
  over_every_input(text, [&](const auto& doc) {
    check_tokens(doc, text,
                 {"In", "the", "1960s", "and", "1990s", ",", "the", "’90s", "and", "the", "'60s", ",", "$", "1.2",
                  "bn", "on", "the", "30th", ",", "a", "5", "km", "race", ",", "1800s", ",", "2020s", "."});
    // A decade is a number, like an ordinal; the rule is the word boundary that made it.
    for (std::size_t i : {2, 4, 7, 10, 24, 26}) {
      CHECK(doc[i].kind() == token_kind::number);
      CHECK(doc[i].rule() == token_rule::word_boundary);
    }
    CHECK(doc[7].has(flag::space_before));
    CHECK(doc[13].kind() == token_kind::number);
    CHECK(doc[14].kind() == token_kind::unit);
    CHECK(doc[17].kind() == token_kind::number);
    CHECK(doc[20].kind() == token_kind::number);
    CHECK(doc[21].kind() == token_kind::unit);
  });
  // Not decades: a number of seconds, other tens, and an apostrophe that is a word's.
  CHECK(toks("a 5s delay, 15s, 1995s") == strings{"a", "5", "s", "delay", ",", "15", "s", ",", "1995", "s"});
  CHECK(toks("the allies' 90s") == strings{"the", "allies", "'", "90s"});
  CHECK(toks("the \u201890s") == strings{"the", "\u201890s"});
}

TEST_CASE("invisible spaces are white space, never tokens", "[tokenizer]") {
  // Zero width space, LRM, RLM, word joiner and BOM: the paragraph rules read them as white space.
  const std::string text = "\uFEFFKyiv\u200Bagreed \u200E\u200Ftoday\n\u200B\n\u2060and \u200B\u0301then.";
  over_every_input(text, [&](const auto& doc) {
    check_tokens(doc, text, {"Kyiv", "agreed", "today", "and", "then", "."});
    CHECK(doc[1].has(flag::space_before));
  });
  // A URL ends before one, and before a C1 control such as NEL.
  CHECK(toks("see www.example.org/a\u200Bb") == strings{"see", "www.example.org/a", "b"});
  CHECK(toks("see www.example.org/a\u0085b") == strings{"see", "www.example.org/a", "b"});
}

namespace {

// The code points of a UTF-8 text that no token covers, other than white space, the invisible
// spaces (unicode/spaces.hpp), controls, and the marks and format characters that extend them.
std::string uncovered(const std::string& utf8, const byline::token_layer& tokens) {
  using gc = byline::unicode::general_category;
  std::vector<bool> in_token(utf8.size(), false);
  for (std::size_t i = 0; i < tokens.size(); ++i)
    for (auto k = tokens.begin[i]; k < tokens.end[i]; ++k) in_token[k] = true;
  std::string out;
  for (auto cp : byline::unicode::code_points(std::string_view(utf8))) {
    const auto c = cp.code_point;
    const auto g = byline::unicode::general_category_of(c);
    const bool blank = byline::unicode::is_invisible_space(c) || g == gc::zs || g == gc::zl || g == gc::zp ||
                       g == gc::cc || g == gc::cf || g == gc::mn || g == gc::me;
    if (!blank && !in_token[cp.offset]) byline::unicode::encode_utf8<char>(c, std::back_inserter(out));
  }
  return out;
}

}  // namespace

TEST_CASE("a URL that ends inside a word segment leaves no character out of the tokens", "[tokenizer]") {
  // UAX #29 joins "page.\uFEFF한국" into one word segment (WB4 ignores the format character, WB6/7 join
  // letters across the full stop); the URL ends before the full stop (sentence punctuation) or at the
  // invisible space, inside that segment. What follows the URL must still be tokens.
  using paths = byline::detail::tokenizer_paths;
  const byline::tokenizer tok;
  const char* const urls[] = {"https://example.com/page", "http://example.com", "www.example.com/page", "www.example.com",
                              "www.example"};
  const char* const ends[] = {"", ".", ",", "'", "\u2019"};
  const char* const formats[] = {"\uFEFF", "\u200B", "\u200D", "\u2060", "\u200E", "\u00AD", ""};
  const char* const afters[] = {"\ud55c\uad6d", "abc", "Kyiv", "30", "\u0416"};
  for (auto url : urls)
    for (auto end : ends)
      for (auto format : formats)
        for (auto after : afters) {
          const std::string text = std::string("see ") + url + end + format + after + " news";
          byline::token_layer fast, general;
          paths::fast(tok, std::string_view(text), fast);
          paths::general(tok, std::string_view(text), general);
          INFO("text: \"" << text << "\"\n tokens: " << describe(text, fast));
          CHECK(uncovered(text, fast).empty());
          CHECK(same(fast, general));
          // Nor does a token begin with an invisible space.
          for (std::size_t i = 0; i < fast.size(); ++i)
            CHECK_FALSE(byline::unicode::is_invisible_space(
                byline::unicode::decode(text.begin() + fast.begin[i], text.end()).code_point));
        }
  // The case of the report, in every encoding: the URL, the full stop, then the Hangul word.
  for (const char* format : {"\uFEFF", "\u200B", "\u2060"}) {
    const std::string text = std::string("see www.example.com.") + format + "\ud55c\uad6d news";
    over_every_input(text, [&](const auto& doc) {
      const auto got = texts(doc);
      REQUIRE(got.size() >= 4);
      CHECK(got[1] == "www.example.com");
      CHECK(got[got.size() - 2] == "\ud55c\uad6d");
      CHECK(got.back() == "news");
    });
  }
}
