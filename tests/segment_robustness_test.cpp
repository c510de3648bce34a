// Robustness of byline::segment::words, sentences and graphemes on bad, huge and hostile input.
//
// For every segmenter:
// * empty input gives no segments, in every code unit type and range kind;
// * segments tile the input exactly (contiguous, non-empty, from 0 to the size) on random bytes,
//   random UTF-16/UTF-32 units, every code point 0..0x10FFFF concatenated (surrogates included, as
//   ill-formed units) in UTF-8, UTF-16 and UTF-32, adversarial inputs, and a 100 MB text;
// * a boundary never falls inside a code point or inside a maximal ill-formed subpart, and an
//   ill-formed subpart behaves exactly like the U+FFFD it decodes to: the boundaries and statuses of
//   any input, mapped to code point indices, equal those of its UTF-32 transcoding (where every
//   subpart has become one U+FFFD). So invalid bytes change nothing around them beyond the units
//   they replace;
// * adversarial inputs (a million combining marks, regional indicators, closing brackets after a
//   full stop, apostrophes, ZWJs, ...) are linear: a counting iterator proves the number of code
//   unit reads stays within a small constant times the input size;
// * a single-pass istreambuf range gives the same segments as the string.
#include <byline/segment/graphemes.hpp>
#include <byline/segment/sentences.hpp>
#include <byline/segment/words.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <list>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>
#include "support/input_only_range.hpp"

// The asan preset is a Debug (-O0) build, where walking 100 MB three times takes about a minute;
// under AddressSanitizer the "huge input" case uses 8 MB instead (same checks, same text), and the
// adversarial inputs are 250 000 long instead of a million (see adversarial_cases()).
#if defined(__SANITIZE_ADDRESS__)
#define BYLINE_TEST_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BYLINE_TEST_UNDER_ASAN 1
#endif
#endif
#ifndef BYLINE_TEST_UNDER_ASAN
#define BYLINE_TEST_UNDER_ASAN 0
#endif

namespace u = byline::unicode;
namespace seg = byline::segment;

namespace {

// Calls f(segmenter, name) for words, sentences and graphemes.
template <class F>
void for_each_segmenter(F&& f) {
  f(seg::words, "words");
  f(seg::sentences, "sentences");
  f(seg::graphemes, "graphemes");
}

// The segments of a text: where each ends and its status. `problem` says how tiling failed, if it did.
struct segment_list {
  std::vector<std::size_t> ends;
  std::vector<std::uint8_t> statuses;
  std::string problem;
  bool operator==(const segment_list& o) const { return ends == o.ends && statuses == o.statuses; }
};

// Walks a segmenter over r and checks that the segments tile [0, total).
template <class Segmenter, class R>
segment_list segment_all(Segmenter s, R&& r, std::size_t total) {
  segment_list out;
  std::size_t prev = 0;
  auto note = [&](const std::string& what) {
    if (out.problem.empty()) out.problem = what + " at segment " + std::to_string(out.ends.size());
  };
  auto view = s(std::forward<R>(r));
  using Seg = std::ranges::range_value_t<decltype(view)>;
  Seg first{};
  bool have_first = false;
  for (auto x : view) {
    const auto o = x.offsets();
    if (o.begin != prev) note("gap or overlap: begins at " + std::to_string(o.begin) + ", previous ended at " +
                              std::to_string(prev));
    if (o.end <= o.begin) note("empty segment");
    if (x.size() != o.end - o.begin) note("size() disagrees with offsets()");
    if (static_cast<std::size_t>(std::ranges::distance(x.begin(), x.end())) != o.size())
      note("iterators disagree with offsets()");
    if constexpr (std::contiguous_iterator<decltype(x.begin())>) {
      if (!have_first) {
        first = x;
        have_first = true;
      }
      if (static_cast<std::size_t>(x.text().data() - first.text().data()) != o.begin || x.text().size() != o.size())
        note("text() disagrees with offsets()");
    }
    prev = o.end;
    out.ends.push_back(o.end);
    out.statuses.push_back(static_cast<std::uint8_t>(x.status()));
  }
  if (prev != total) note("segments end at " + std::to_string(prev) + ", text at " + std::to_string(total));
  return out;
}

// Offsets at which each code point starts, then the size.
template <class C>
std::vector<std::size_t> code_point_starts(const std::basic_string<C>& s) {
  std::vector<std::size_t> out;
  out.reserve(s.size() + 1);
  for (auto cp : u::code_points(s)) out.push_back(cp.offset);
  out.push_back(s.size());
  return out;
}

// Checks tiling, that no boundary splits a code point or an ill-formed subpart, and that the
// segmentation equals that of the UTF-32 transcoding (ill-formed subparts replaced by U+FFFD).
// Returns the number of segments; an empty string in `problem` when all is well.
template <class Segmenter, class C>
std::size_t check_segmenter(Segmenter s, const std::basic_string<C>& text, std::string& problem) {
  const segment_list got = segment_all(s, text, text.size());
  if (!got.problem.empty()) {
    problem = "tiling: " + got.problem;
    return got.ends.size();
  }
  const std::u32string as32 = u::to_utf32(text);
  const segment_list want = segment_all(s, as32, as32.size());
  if (!want.problem.empty()) {
    problem = "tiling of the UTF-32 transcoding: " + want.problem;
    return got.ends.size();
  }
  const auto starts = code_point_starts(text);
  std::size_t j = 0;
  segment_list mapped;
  mapped.statuses = got.statuses;
  for (std::size_t e : got.ends) {
    while (starts[j] < e) ++j;
    if (starts[j] != e) {
      problem = "a boundary at " + std::to_string(e) + " splits a code point or an ill-formed subpart";
      return got.ends.size();
    }
    mapped.ends.push_back(j);
  }
  if (!(mapped == want)) {
    std::size_t k = 0;
    while (k < mapped.ends.size() && k < want.ends.size() && mapped.ends[k] == want.ends[k] &&
           mapped.statuses[k] == want.statuses[k])
      ++k;
    problem = "differs from the UTF-32 transcoding at segment " + std::to_string(k) + " (code point " +
              (k < want.ends.size() ? std::to_string(want.ends[k]) : std::string("end")) + ")";
  }
  return got.ends.size();
}

template <class C>
void check_all_segmenters(const std::basic_string<C>& text, const char* what) {
  for_each_segmenter([&](auto s, const char* name) {
    std::string problem;
    const std::size_t n = check_segmenter(s, text, problem);
    INFO(what << ", " << name << ": " << n << " segments over " << text.size() << " code units");
    CHECK(problem == "");
  });
}

// A forward iterator (not sized, not contiguous) that counts every code unit it reads.
template <class C>
struct counting_iterator {
  const C* p = nullptr;
  std::size_t* reads = nullptr;
  using value_type = C;
  using difference_type = std::ptrdiff_t;
  C operator*() const {
    ++*reads;
    return *p;
  }
  counting_iterator& operator++() {
    ++p;
    return *this;
  }
  counting_iterator operator++(int) {
    auto t = *this;
    ++p;
    return t;
  }
  bool operator==(const counting_iterator& o) const { return p == o.p; }
};
static_assert(std::forward_iterator<counting_iterator<char>>);
static_assert(!std::sized_sentinel_for<counting_iterator<char>, counting_iterator<char>>);

using byline::testing::input_only_range;

std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

// A surrogate written out in UTF-8's bit pattern (ill-formed: three replacement characters).
std::string raw_utf8_surrogate(char32_t c) {
  return {static_cast<char>(0xE0 | (c >> 12)), static_cast<char>(0x80 | ((c >> 6) & 0x3F)),
          static_cast<char>(0x80 | (c & 0x3F))};
}

// Text of news-like tokens, valid and not, for the random and single-pass tests.
std::string token_soup(std::size_t size, std::uint32_t seed) {
  static const char* const tokens[] = {
      "The", " ", "  ", "quick", "Mr.", "U.S.", "3.14", "1,000", "don't", "O'Neil", "\"", "(", ")", ".", "!", "?",
      "...", ",", ";", ":", "\n", "\r\n", "\r", "\t", "e.g.", "caf\xC3\xA9", "na\xC3\xAFve", "e\xCC\x81",
      "\xE2\x80\x94", "\xE2\x80\x99", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xC2\xA0", "\xE3\x80\x82",
      "\xE6\x97\xA5\xE6\x9C\xAC", "\xE3\x82\xAB\xE3\x82\xBF", "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D", "\xD7\xB4",
      "\xF0\x9F\x87\xBA\xF0\x9F\x87\xB8", "\xF0\x9F\x87\xBA", "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD",
      "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB", "\xE2\x80\x8D", "\xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8",
      "\xEA\xB0\x80", "\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xB7", "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7",
      "\xEF\xBC\x8E", "\xC2\xAD", "_", "'", "a", "Z", "7",
      // ill-formed
      "\xFF", "\x80", "\xC3", "\xE2\x82", "\xF0\x9F\x98", "\xED\xA0\x80", "\xC0\xAF", "\xF4\x90\x80\x80",
      "\xE0\x80\xAF"};
  std::mt19937 rng(seed);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(tokens) - 1);
  std::string s;
  s.reserve(size + 16);
  while (s.size() < size) s += tokens[pick(rng)];
  return s;
}

}  // namespace

// ==============================================================================================

TEST_CASE("empty input has no segments", "[segment][robustness]") {
  auto none = [](auto&& view) { return view.begin() == view.end(); };
  for_each_segmenter([&](auto s, const char* name) {
    INFO(name);
    const std::string s8;
    const std::u8string s8u;
    const std::u16string s16;
    const std::u32string s32;
    const std::wstring sw;
    const std::list<char> list;
    CHECK(none(s(s8)));
    CHECK(none(s(s8u)));
    CHECK(none(s(s16)));
    CHECK(none(s(s32)));
    CHECK(none(s(sw)));
    CHECK(none(s(list)));
    CHECK(none(s("")));
    CHECK(none(s(std::string_view())));
    std::istringstream in("");
    CHECK(none(s(std::ranges::subrange(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()))));
    CHECK(std::ranges::distance(s(s8)) == 0);
  });
}

TEST_CASE("segments tile random bytes and random code units", "[segment][robustness]") {
  std::mt19937 rng(1234567);
  std::uniform_int_distribution<int> byte(0, 255);

  // 3 MB of uniformly random bytes: mostly ill-formed UTF-8.
  std::string random_bytes(3u << 20, '\0');
  for (auto& c : random_bytes) c = static_cast<char>(byte(rng));
  check_all_segmenters(random_bytes, "3 MB random bytes");

  // Random bytes with mostly ASCII, so that the rules get real text to work on.
  std::string mostly_ascii(1u << 20, '\0');
  const char ascii[] = "aaaaeeettnnoo AAZ   ...,,!?'\"()\r\n\n:-_1234";
  std::uniform_int_distribution<std::size_t> pick(0, sizeof ascii - 2);
  for (auto& c : mostly_ascii) c = byte(rng) < 16 ? static_cast<char>(byte(rng)) : ascii[pick(rng)];
  check_all_segmenters(mostly_ascii, "1 MB mostly-ASCII random bytes");

  // 2 MB of news-like tokens, valid and not.
  check_all_segmenters(token_soup(2u << 20, 99), "2 MB token soup");

  // Random UTF-16 units (lone surrogates galore) and random 32-bit values.
  std::uniform_int_distribution<std::uint32_t> unit16(0, 0xFFFF);
  std::u16string random16(1u << 20, u'\0');
  for (auto& c : random16) c = static_cast<char16_t>(unit16(rng));
  check_all_segmenters(random16, "1 M random UTF-16 units");

  std::uniform_int_distribution<std::uint32_t> unit32(0, 0xFFFFFFFF);
  std::uniform_int_distribution<std::uint32_t> scalar(0, 0x10FFFF + 0x1000);
  std::u32string random32(1u << 20, U'\0');
  for (auto& c : random32) c = static_cast<char32_t>(byte(rng) < 32 ? unit32(rng) : scalar(rng));
  check_all_segmenters(random32, "1 M random UTF-32 units");

  // The token soup in every encoding gives the same segments, mapped to code points (checked above
  // against UTF-32), and the same number of them.
  const std::string soup = token_soup(1u << 18, 5);
  const std::u16string soup16 = u::to_utf16(soup);
  const std::wstring soupw = u::transcode<wchar_t>(soup);
  check_all_segmenters(soup16, "token soup in UTF-16");
  check_all_segmenters(soupw, "token soup in wchar_t");
}

TEST_CASE("segments tile every code point 0..0x10FFFF in UTF-8, UTF-16 and UTF-32", "[segment][robustness]") {
  // Surrogates are included as the ill-formed units each encoding can carry: ED A0..BF xx in UTF-8,
  // lone units in UTF-16 (where DBFF DC00 happens to form a valid pair), raw values in UTF-32.
  std::string all8;
  std::u16string all16;
  std::u32string all32;
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) {
      all8 += raw_utf8_surrogate(c);
      all16.push_back(static_cast<char16_t>(c));
    } else {
      u::encode_utf8<char>(c, std::back_inserter(all8));
      u::encode_utf16(c, std::back_inserter(all16));
    }
    all32.push_back(c);
  }
  // Values above U+10FFFF at the end of the UTF-32 text.
  for (char32_t c : {0x110000u, 0x7FFFFFFFu, 0xFFFFFFFFu}) all32.push_back(c);
  check_all_segmenters(all8, "every code point in UTF-8");
  check_all_segmenters(all16, "every code point in UTF-16");
  check_all_segmenters(all32, "every code point in UTF-32");
  // And in reverse order, which puts different neighbours next to each other.
  const std::u32string rev(all32.rbegin(), all32.rend());
  check_all_segmenters(rev, "every code point in UTF-32, reversed");
}

TEST_CASE("ill-formed UTF-8 changes nothing beyond the units it replaces", "[segment][robustness]") {
  auto ends = [](auto s, const std::string& t) {
    std::vector<std::size_t> out;
    for (auto x : s(t)) out.push_back(x.offsets().end);
    return out;
  };
  using V = std::vector<std::size_t>;
  // Words: the invalid byte is a segment of its own, like U+FFFD; the words around it are untouched.
  CHECK(ends(seg::words, "Hello \xFF world.") == V{5, 6, 7, 8, 13, 14});
  CHECK(ends(seg::words, "Hello \xEF\xBF\xBD world.") == V{5, 6, 9, 10, 15, 16});
  CHECK(ends(seg::words, "it\xE2\x80\x99s \xF0\x9F\x98 fine") == V{6, 7, 10, 11, 15});  // truncated emoji
  CHECK(ends(seg::words, "3.5\xC0\xAF%") == V{3, 4, 5, 6});  // C0 AF: two replacements
  // Sentences: an invalid byte inside a sentence does not move its boundaries.
  CHECK(ends(seg::sentences, "First one. Sec\xC3ond one. Third\xFF one.") == V{11, 24, 35});
  CHECK(ends(seg::sentences, "First one. Second one. Third one.") == V{11, 23, 33});
  CHECK(ends(seg::sentences, "He said \xED\xA0\x80. Then left.") == V{13, 23});
  // Graphemes: a combining mark attaches to the replacement before it, as to U+FFFD.
  CHECK(ends(seg::graphemes, "e\xCC\x81") == V{3});
  CHECK(ends(seg::graphemes, "e\xCC") == V{1, 2});
  CHECK(ends(seg::graphemes, "a\x80\xCC\x81" "b") == V{1, 4, 5});
  CHECK(ends(seg::graphemes, "\xF0\x9F\x87\xBA\xF0\x9F\x87") == V{4, 7});  // a flag cut short
  CHECK(ends(seg::graphemes, "\r\xFF\n") == V{1, 2, 3});

  // Systematically: every ill-formed sequence at every code point boundary of a few sentences.
  const std::string texts[] = {
      "Mr. O'Neil, 52, said: \"It's 3.5% (really).\" Then left.\r\nCaf\xC3\xA9 na\xC3\xAFve \xF0\x9F\x87\xBA"
      "\xF0\x9F\x87\xB8 e\xCC\x81 \xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB!",
      "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x80\x82\xE3\x82\xAB\xE3\x82\xBF\xE3\x82\xAB\xE3\x83\x8A "
      "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D\"\xD7\x90 1,000.5 a_b",
  };
  const std::string bad[] = {"\xFF", "\x80", "\xC3", "\xE2\x82", "\xF0\x9F\x98", "\xED\xA0\x80", "\xC0\xAF",
                             "\xF4\x90\x80\x80", "\xE0\x80\xAF", "\x80\x80\x80"};
  std::size_t cases = 0;
  for (const auto& t : texts) {
    std::vector<std::size_t> cuts;
    for (auto cp : u::code_points(t)) cuts.push_back(cp.offset);
    cuts.push_back(t.size());
    for (const auto& b : bad)
      for (std::size_t at : cuts) {
        const std::string x = t.substr(0, at) + b + t.substr(at);
        for_each_segmenter([&](auto s, const char* name) {
          std::string problem;
          check_segmenter(s, x, problem);
          // The same with each subpart already replaced: must be the same boundaries after mapping.
          const std::string replaced = u::to_utf8(x);
          std::string problem2;
          check_segmenter(s, replaced, problem2);
          if (!problem.empty() || !problem2.empty()) {
            INFO(name << ": bad bytes inserted at " << at << ": " << problem << problem2);
            CHECK(false);
          }
        });
        ++cases;
      }
  }
  CHECK(cases > 500);
}

// ----------------------------------------------------------------------------------------------
// Adversarial inputs: linear time, proved by counting reads.

namespace {

struct adversarial_case {
  std::string name;
  std::string text;
  std::size_t words, sentences, graphemes;  // expected segment counts; 0: do not check
};

std::vector<adversarial_case> adversarial_cases() {
  // A million of each. Under AddressSanitizer (the Debug asan preset, where a counting iterator at
  // -O0 is slow) a quarter of that: linearity is proved by the read counts, which do not depend on
  // the build, and the default build runs the full million.
  constexpr std::size_t N = BYLINE_TEST_UNDER_ASAN ? 250'000 : 1'000'000;
  const std::string acute = "\xCC\x81";             // U+0301 COMBINING ACUTE ACCENT
  const std::string ri_u = "\xF0\x9F\x87\xBA";      // U+1F1FA REGIONAL INDICATOR SYMBOL LETTER U
  const std::string zwj = "\xE2\x80\x8D";           // U+200D ZERO WIDTH JOINER
  const std::string thumbs = "\xF0\x9F\x91\x8D";    // U+1F44D
  const std::string alef = "\xD7\x90";              // U+05D0 HEBREW LETTER ALEF
  const std::string hangul_l = "\xE1\x84\x80";      // U+1100 HANGUL CHOSEONG KIYEOK
  std::vector<adversarial_case> v;
  v.push_back({"'a' then N combining marks", "a" + repeat(acute, N), 1, 1, 1});
  v.push_back({"N combining marks, no base", repeat(acute, N), 1, 1, 1});
  v.push_back({"N regional indicators", repeat(ri_u, N), N / 2, 1, N / 2});
  v.push_back({"N+1 regional indicators", repeat(ri_u, N + 1), N / 2 + 1, 1, N / 2 + 1});
  v.push_back({"'a.' then N ')' then 'A'", "a." + std::string(N, ')') + "A", N + 3, 2, N + 3});
  v.push_back({"'a.' then N ')', N ' ', then 'b'", "a." + std::string(N, ')') + std::string(N, ' ') + "b",
               N + 4, 1, 2 * N + 3});
  v.push_back({"'a.' then N ' ' then 'A'", "a." + std::string(N, ' ') + "A", 4, 2, N + 3});
  v.push_back({"'a.' then N '\"' then '1'", "a." + std::string(N, '"') + "1", N + 3, 2, N + 3});
  v.push_back({"'a.)' then N digits then 'A'", "a.)" + std::string(N, '7') + "A", 4, 2, N + 4});
  v.push_back({"'a. ' then N combining marks then 'A'", "a. " + repeat(acute, N) + "A", 4, 2, 4});
  v.push_back({"N '.'", std::string(N, '.'), N, 1, N});
  v.push_back({"N '. '", repeat(". ", N), 2 * N, 1, 2 * N});  // SB8a: one sentence
  v.push_back({"'a' then N apostrophes then 'b'", "a" + std::string(N, '\'') + "b", N + 2, 1, N + 2});
  v.push_back({"\"a'\" repeated N/2 times then 'a'", repeat("a'", N / 2) + "a", 1, 1, N + 1});
  v.push_back({"'a\\'' then N combining marks then 'b'", "a'" + repeat(acute, N) + "b", 1, 1, 3});
  v.push_back({"'a' then (\"'\" + 1e3 marks) x 1e3", "a" + repeat("'" + repeat(acute, 1000), 1000), 1001, 1, 1001});
  v.push_back({"'1' then N ',' then '1'", "1" + std::string(N, ',') + "1", N + 2, 1, N + 2});
  v.push_back({"\"1,\" repeated N/2 times then '1'", repeat("1,", N / 2) + "1", 1, 1, N + 1});
  v.push_back({"alef then N '\"' then alef", alef + std::string(N, '"') + alef, N + 2, 1, N + 2});
  v.push_back({"N ZWJ", repeat(zwj, N), 1, 1, 1});
  v.push_back({"thumbs-up joined by N ZWJs", thumbs + repeat(zwj + thumbs, N), 1, 1, 1});
  v.push_back({"N CR LF", repeat("\r\n", N), N, N, N});
  v.push_back({"N spaces then a combining mark", std::string(N, ' ') + acute, 1, 1, N});
  v.push_back({"N letters then a combining mark", std::string(N, 'x') + acute, 1, 1, N});
  v.push_back({"1000 letters then U+00E9, 1000 times", repeat(std::string(1000, 'x') + "\xC3\xA9", 1000), 1, 1,
               1001 * 1000});
  v.push_back({"N Hangul leading jamo", repeat(hangul_l, N), 1, 1, 1});
  v.push_back({"N invalid bytes", std::string(N, '\xFF'), N, 1, N});
  v.push_back({"N/3 truncated 4-byte sequences", repeat("\xF0\x9F\x98", N / 3), N / 3, 1, N / 3});
  v.push_back({"N lone continuation bytes after a letter", "a" + std::string(N, '\x80'), N + 1, 1, N + 1});
  return v;
}

}  // namespace

TEST_CASE("adversarial inputs stay linear", "[segment][robustness][adversarial]") {
  // Reads per code unit: each unit is read a few times (a fast path, the rules, a look-ahead), never
  // a number that grows with the input.
  constexpr double max_reads_per_unit = 8.0;
  for (const auto& c : adversarial_cases()) {
    const std::string& t = c.text;
    for_each_segmenter([&](auto s, const char* name) {
      INFO(c.name << ", " << name << ", " << t.size() << " bytes");
      const auto t0 = std::chrono::steady_clock::now();
      const segment_list got = segment_all(s, t, t.size());
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      CHECK(got.problem == "");
      const std::size_t want = std::string_view(name) == "words"       ? c.words
                               : std::string_view(name) == "sentences" ? c.sentences
                                                                       : c.graphemes;
      if (want != 0) CHECK(got.ends.size() == want);

      // The same through an iterator that counts its reads (and is neither sized nor contiguous).
      std::size_t reads = 0;
      counting_iterator<char> b{t.data(), &reads}, e{t.data() + t.size(), &reads};
      const segment_list counted = segment_all(s, std::ranges::subrange(b, e), t.size());
      CHECK(counted == got);
      const double per_unit = static_cast<double>(reads) / static_cast<double>(t.size());
      INFO(reads << " reads, " << per_unit << " per code unit, " << seconds << " s over the string");
      CHECK(per_unit <= max_reads_per_unit);
      if (std::getenv("BYLINE_PRINT_READS")) std::printf("%-50s %-10s %.2f reads/unit\n", c.name.c_str(), name, per_unit);
    });
  }
  // UTF-16 and UTF-32 versions of a few: tiling and equivalence.
  for (const auto& c : adversarial_cases()) {
    if (c.name.find("regional") == std::string::npos && c.name.find("'a.'") == std::string::npos) continue;
    const std::u16string t16 = u::to_utf16(c.text);
    const std::u32string t32 = u::to_utf32(c.text);
    for_each_segmenter([&](auto s, const char* name) {
      INFO(c.name << ", " << name);
      std::size_t reads = 0;
      counting_iterator<char16_t> b{t16.data(), &reads}, e{t16.data() + t16.size(), &reads};
      const segment_list a = segment_all(s, std::ranges::subrange(b, e), t16.size());
      CHECK(a.problem == "");
      CHECK(static_cast<double>(reads) / static_cast<double>(t16.size()) <= max_reads_per_unit);
      std::string problem;
      check_segmenter(s, t32, problem);
      CHECK(problem == "");
    });
  }
}

// ----------------------------------------------------------------------------------------------

TEST_CASE("a 100 MB text with invalid bytes: tiling and segment counts", "[segment][robustness][huge]") {
  // One paragraph, ending with a line feed so that every segmenter breaks after it: the segments of
  // the big text are those of the paragraph, repeated. Checking that costs one comparison a segment.
  const std::string paragraph =
      "WASHINGTON (Reuters) - The U.S. Senate on Tuesday passed a $1.2 trillion bill, 69-30, sending it "
      "to the House. \"It's a good day,\" said Sen. O'Neil (D-N.Y.), who'd pushed for it since 2021. "
      "Critics weren't convinced\xE2\x80\x94they called it \xE2\x80\x9C" "bloated\xE2\x80\x9D and \xC3" "a "
      "gift to lobbyists\xFF. Shares of Caf\xC3\xA9 Corp. rose 3.5% to $12.80; the na\xC3\xAFve estimate, "
      "e.g. 1,000,000 jobs, was \xED\xA0\x80revised. \xF0\x9F\x87\xBA\xF0\x9F\x87\xB8 \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD "
      "What next? Nobody knows!\xF0\x9F\x98 The end...\r\n";
  REQUIRE(!u::validate(paragraph).empty());
  constexpr std::size_t target = BYLINE_TEST_UNDER_ASAN ? (8u << 20) : (100u << 20);
  const std::size_t copies = target / paragraph.size() + 1;
  const std::string big = repeat(paragraph, copies);
  const std::size_t L = paragraph.size();

  for_each_segmenter([&](auto s, const char* name) {
    const segment_list one = segment_all(s, paragraph, L);
    REQUIRE(one.problem == "");
    const std::size_t m = one.ends.size();
    const auto t0 = std::chrono::steady_clock::now();
    std::size_t k = 0, prev = 0, mismatches = 0, first_bad = 0;
    for (auto x : s(big)) {
      const auto o = x.offsets();
      const std::size_t rep = k / m, i = k % m;
      const bool ok = o.begin == prev && o.end > o.begin && o.end == rep * L + one.ends[i] &&
                      static_cast<std::uint8_t>(x.status()) == one.statuses[i];
      if (!ok && mismatches++ == 0) first_bad = k;
      prev = o.end;
      ++k;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("%-10s %zu bytes: %zu segments in %.2f s\n", name, big.size(), k, seconds);
    INFO(name << ": first mismatch at segment " << first_bad);
    CHECK(mismatches == 0);
    CHECK(prev == big.size());
    CHECK(k == m * copies);
  });
}

// ----------------------------------------------------------------------------------------------

TEST_CASE("a single-pass istreambuf range gives the same segments as the string", "[segment][robustness]") {
  const std::string samples[] = {
      token_soup(1u << 20, 31),
      "a",
      "\xF0\x9F\x98",
      "Mr. Smith went to Washington. He said \"hi.\" (Really.) The end",
      "\r\n\r\n\xFF\r",
  };
  for (const auto& text : samples) {
    for_each_segmenter([&](auto s, const char* name) {
      INFO(name << ", " << text.size() << " bytes");
      const segment_list want = segment_all(s, text, text.size());
      REQUIRE(want.problem == "");
      std::istringstream in(text);
      auto once = s(std::ranges::subrange(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
      // Walk the buffered view itself (begin() reads the stream once), twice.
      segment_list a, b;
      for (auto x : once) {
        a.ends.push_back(x.offsets().end);
        a.statuses.push_back(static_cast<std::uint8_t>(x.status()));
      }
      for (auto x : once) {
        b.ends.push_back(x.offsets().end);
        b.statuses.push_back(static_cast<std::uint8_t>(x.status()));
      }
      CHECK(a == want);
      CHECK(b == want);
      CHECK(once.buffer() == text);
      // A std::list<char> (forward, not sized, not contiguous) agrees too.
      const std::list<char> list(text.begin(), text.end());
      CHECK(segment_all(s, list, text.size()) == want);
    });
  }
  // Single-pass UTF-16 and UTF-32 ranges.
  const std::u16string s16 = u::to_utf16(samples[0]);
  const std::u32string s32 = u::to_utf32(samples[0]);
  for_each_segmenter([&](auto s, const char* name) {
    INFO(name);
    const input_only_range<char16_t> r16{s16.data(), s16.data() + s16.size()};
    const input_only_range<char32_t> r32{s32.data(), s32.data() + s32.size()};
    CHECK(segment_all(s, r16, s16.size()) == segment_all(s, s16, s16.size()));
    CHECK(segment_all(s, r32, s32.size()) == segment_all(s, s32, s32.size()));
  });
}
