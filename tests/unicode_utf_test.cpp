// Tests for byline/unicode/utf.hpp: how ill-formed input is decoded.
//
// * Every ill-formed UTF-8 class, with the exact U+FFFD count and the exact issue list (offset,
//   length, error) that Unicode's "U+FFFD Substitution of Maximal Subparts" practice (Unicode 15,
//   section 3.9, Tables 3-8 to 3-11) prescribes; the same bytes as char and char8_t.
// * Exhaustively, every 1- and 2-byte sequence and many 3- and 4-byte sequences, against a reference
//   decoder written here from Table 3-7 alone.
// * UTF-16 lone surrogates, UTF-32 values above U+10FFFF and surrogates, wchar_t.
// * No read at or past the end: a guard iterator that records any such read, and exactly sized heap
//   buffers that AddressSanitizer watches (the asan preset).
// * validate() over a single-pass range (std::istreambuf_iterator) reports what it reports over the
//   string.
// * Every code point 0..0x10FFFF encoded and decoded in UTF-8, UTF-16 and UTF-32; round trips.
#include <byline/unicode/utf.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>
#include "support/input_only_range.hpp"

namespace u = byline::unicode;
using E = u::decode_error;
using issues_t = std::vector<u::decode_issue>;

namespace Catch {
template <>
struct StringMaker<u::decode_issue> {
  static std::string convert(const u::decode_issue& i) {
    return "{" + std::to_string(i.offset) + ", " + std::to_string(i.length) + ", " + std::string(u::name(i.error)) +
           "}";
  }
};
}  // namespace Catch

namespace {

constexpr char32_t FFFD = U'\uFFFD';

std::string bytes(std::initializer_list<int> list) {
  std::string s;
  for (int b : list) s.push_back(static_cast<char>(b));
  return s;
}

std::string hex(std::string_view s) {
  std::string out;
  char buf[4];
  for (unsigned char c : s) {
    std::snprintf(buf, sizeof buf, "%02X ", c);
    out += buf;
  }
  return out;
}

// What a range decodes to, through code_points().
struct decoding {
  std::u32string text;
  issues_t issues;
  bool operator==(const decoding&) const = default;
};

template <class R>
decoding decode_all(const R& r) {
  decoding d;
  std::size_t expected_offset = 0;
  for (auto cp : u::code_points(r)) {
    REQUIRE(cp.offset == expected_offset);  // code points tile the input
    REQUIRE(cp.length >= 1);
    expected_offset += cp.length;
    d.text.push_back(cp.code_point);
    if (cp.error != E::none) {
      REQUIRE(cp.code_point == FFFD);
      d.issues.push_back({cp.offset, cp.length, cp.error});
    }
  }
  REQUIRE(expected_offset == static_cast<std::size_t>(std::ranges::distance(r)));
  return d;
}

// The same through decode() called by hand, iterator by iterator.
template <class I>
decoding decode_loop(I it, I end) {
  decoding d;
  std::size_t offset = 0;
  while (it != end) {
    auto r = u::decode(it, end);
    REQUIRE(static_cast<std::size_t>(std::distance(it, r.next)) == r.length);
    d.text.push_back(r.code_point);
    if (r.error != E::none) d.issues.push_back({offset, r.length, r.error});
    offset += r.length;
    it = r.next;
  }
  return d;
}

// A single-pass view of a string: std::istreambuf_iterator over a std::istringstream.
struct istream_text {
  std::istringstream in;
  explicit istream_text(const std::string& s) : in(s) {}
  auto range() {
    return std::ranges::subrange(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
};

using byline::testing::input_only_range;

// A forward iterator that records every dereference at or past the end instead of performing it.
template <class C>
struct guarded_iterator {
  const C* p = nullptr;
  const C* end = nullptr;
  std::size_t* bad_reads = nullptr;
  using value_type = C;
  using difference_type = std::ptrdiff_t;
  C operator*() const {
    if (p >= end) {
      ++*bad_reads;
      return C{};
    }
    return *p;
  }
  guarded_iterator& operator++() {
    ++p;
    return *this;
  }
  guarded_iterator operator++(int) {
    auto t = *this;
    ++p;
    return t;
  }
  bool operator==(const guarded_iterator& o) const { return p == o.p; }
};
static_assert(std::forward_iterator<guarded_iterator<char>>);

// One table case: input bytes, expected code points, expected issues.
struct utf8_case {
  const char* name;
  std::string in;
  std::u32string out;
  issues_t issues;
};

// Checks one UTF-8 case through every API that reports errors.
void check_utf8_case(const utf8_case& c) {
  INFO(c.name << ": " << hex(c.in));
  const decoding expected{c.out, c.issues};
  const std::size_t fffd_count = static_cast<std::size_t>(std::count(c.out.begin(), c.out.end(), FFFD));
  CHECK(fffd_count == c.issues.size());

  CHECK(decode_all(c.in) == expected);
  CHECK(decode_loop(c.in.begin(), c.in.end()) == expected);
  CHECK(u::validate(c.in) == c.issues);

  // char8_t: the same bytes, the same result.
  const std::u8string in8(c.in.begin(), c.in.end());
  CHECK(decode_all(in8) == expected);
  CHECK(u::validate(in8) == c.issues);

  // Transcoding reports the same issues and writes one U+FFFD per issue.
  issues_t got;
  CHECK(u::to_utf32(c.in, &got) == c.out);
  CHECK(got == c.issues);
  got.clear();
  CHECK(u::to_utf8(c.in, &got) == u::to_utf8(c.out));
  CHECK(got == c.issues);
  got.clear();
  CHECK(u::to_utf16(in8, &got) == u::to_utf16(c.out));
  CHECK(got == c.issues);

  // for_each_error counts and reports the same.
  got.clear();
  CHECK(u::for_each_error(c.in, [&](const u::decode_issue& i) { got.push_back(i); }) == c.issues.size());
  CHECK(got == c.issues);

  // A single-pass range: the same issues.
  istream_text s(c.in);
  CHECK(u::validate(s.range()) == c.issues);

  // An exactly sized heap buffer (ASan catches a read at [size]) and a guard iterator.
  const std::size_t n = c.in.size();
  auto heap = std::make_unique<char[]>(n);
  std::copy(c.in.begin(), c.in.end(), heap.get());
  const std::string_view exact(heap.get(), n);
  CHECK(decode_all(exact) == expected);
  CHECK(u::validate(exact) == c.issues);
  std::size_t bad_reads = 0;
  guarded_iterator<char> gb{heap.get(), heap.get() + n, &bad_reads}, ge{heap.get() + n, heap.get() + n, &bad_reads};
  CHECK(decode_loop(gb, ge) == expected);
  CHECK(decode_all(std::ranges::subrange(gb, ge)) == expected);
  CHECK(bad_reads == 0);
}

// ----------------------------------------------------------------------------------------------
// A reference UTF-8 decoder written from Table 3-7 ("Well-Formed UTF-8 Byte Sequences") alone.

int ref_sequence_length(unsigned b0) {
  if (b0 <= 0x7F) return 1;
  if (b0 >= 0xC2 && b0 <= 0xDF) return 2;
  if (b0 >= 0xE0 && b0 <= 0xEF) return 3;
  if (b0 >= 0xF0 && b0 <= 0xF4) return 4;
  return 0;
}

bool ref_byte_ok(unsigned b0, int k, unsigned b) {
  if (k == 1) {
    switch (b0) {
      case 0xE0: return b >= 0xA0 && b <= 0xBF;
      case 0xED: return b >= 0x80 && b <= 0x9F;
      case 0xF0: return b >= 0x90 && b <= 0xBF;
      case 0xF4: return b >= 0x80 && b <= 0x8F;
      default: break;
    }
  }
  return b >= 0x80 && b <= 0xBF;
}

decoding ref_decode(std::string_view s) {
  decoding d;
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned b0 = static_cast<unsigned char>(s[i]);
    const int len = ref_sequence_length(b0);
    if (len == 0) {
      const E why = b0 <= 0xBF ? E::unexpected_continuation : b0 <= 0xC1 ? E::overlong : E::invalid_byte;
      d.text.push_back(FFFD);
      d.issues.push_back({i, 1, why});
      i += 1;
      continue;
    }
    int k = 1;
    while (k < len && i + static_cast<std::size_t>(k) < s.size() &&
           ref_byte_ok(b0, k, static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)])))
      ++k;
    if (k == len) {
      char32_t cp = len == 1 ? b0 : len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
      for (int j = 1; j < len; ++j) cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(j)]) & 0x3F);
      d.text.push_back(cp);
      i += static_cast<std::size_t>(len);
      continue;
    }
    E why = E::truncated;
    if (k == 1 && i + 1 < s.size()) {
      const unsigned b1 = static_cast<unsigned char>(s[i + 1]);
      if (b1 >= 0x80 && b1 <= 0xBF) {
        why = b0 == 0xE0 || b0 == 0xF0 ? E::overlong : b0 == 0xED ? E::surrogate : b0 == 0xF4 ? E::too_large : why;
      }
    }
    d.text.push_back(FFFD);
    d.issues.push_back({i, static_cast<std::size_t>(k), why});
    i += static_cast<std::size_t>(k);
  }
  return d;
}

// Bytes that stand for every distinct row and column of Table 3-7.
constexpr unsigned char interesting_bytes[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0,
                                               0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEF, 0xF0, 0xF1, 0xF4,
                                               0xF5, 0xFF};

// A reference UTF-16 decoder.
decoding ref_decode16(std::u16string_view s) {
  decoding d;
  for (std::size_t i = 0; i < s.size();) {
    const char16_t a = s[i];
    if (a >= 0xD800 && a <= 0xDBFF && i + 1 < s.size() && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF) {
      d.text.push_back(0x10000 + ((static_cast<char32_t>(a) - 0xD800) << 10) + (s[i + 1] - 0xDC00));
      i += 2;
    } else if (a >= 0xD800 && a <= 0xDFFF) {
      d.text.push_back(FFFD);
      d.issues.push_back({i, 1, E::lone_surrogate});
      i += 1;
    } else {
      d.text.push_back(a);
      i += 1;
    }
  }
  return d;
}

}  // namespace

// ==============================================================================================
// UTF-8: every ill-formed class

TEST_CASE("UTF-8: the standard's maximal-subpart example", "[utf][utf8]") {
  // Unicode 15, section 3.9, "U+FFFD Substitution of Maximal Subparts".
  check_utf8_case({"61 F1 80 80 E1 80 C2 62 80 63 80 BF 64",
                   bytes({0x61, 0xF1, 0x80, 0x80, 0xE1, 0x80, 0xC2, 0x62, 0x80, 0x63, 0x80, 0xBF, 0x64}),
                   U"a\uFFFD\uFFFD\uFFFDb\uFFFDc\uFFFD\uFFFDd",
                   {{1, 3, E::truncated},
                    {4, 2, E::truncated},
                    {6, 1, E::truncated},
                    {8, 1, E::unexpected_continuation},
                    {10, 1, E::unexpected_continuation},
                    {11, 1, E::unexpected_continuation}}});
}

TEST_CASE("UTF-8: Tables 3-8 to 3-11 of the standard", "[utf][utf8]") {
  // Table 3-8, non-shortest forms: C0 AF E0 80 BF F0 81 82 41 -> 8 x FFFD, 41.
  check_utf8_case({"Table 3-8", bytes({0xC0, 0xAF, 0xE0, 0x80, 0xBF, 0xF0, 0x81, 0x82, 0x41}),
                   U"\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFDA",
                   {{0, 1, E::overlong},
                    {1, 1, E::unexpected_continuation},
                    {2, 1, E::overlong},
                    {3, 1, E::unexpected_continuation},
                    {4, 1, E::unexpected_continuation},
                    {5, 1, E::overlong},
                    {6, 1, E::unexpected_continuation},
                    {7, 1, E::unexpected_continuation}}});
  // Table 3-9, surrogates: ED A0 80 ED BF BF ED AF 41 -> 8 x FFFD, 41.
  check_utf8_case({"Table 3-9", bytes({0xED, 0xA0, 0x80, 0xED, 0xBF, 0xBF, 0xED, 0xAF, 0x41}),
                   U"\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFDA",
                   {{0, 1, E::surrogate},
                    {1, 1, E::unexpected_continuation},
                    {2, 1, E::unexpected_continuation},
                    {3, 1, E::surrogate},
                    {4, 1, E::unexpected_continuation},
                    {5, 1, E::unexpected_continuation},
                    {6, 1, E::surrogate},
                    {7, 1, E::unexpected_continuation}}});
  // Table 3-10, other ill-formed: F4 91 92 93 FF 41 80 BF 42 -> 5 x FFFD, 41, 2 x FFFD, 42.
  check_utf8_case({"Table 3-10", bytes({0xF4, 0x91, 0x92, 0x93, 0xFF, 0x41, 0x80, 0xBF, 0x42}),
                   U"\uFFFD\uFFFD\uFFFD\uFFFD\uFFFDA\uFFFD\uFFFDB",
                   {{0, 1, E::too_large},
                    {1, 1, E::unexpected_continuation},
                    {2, 1, E::unexpected_continuation},
                    {3, 1, E::unexpected_continuation},
                    {4, 1, E::invalid_byte},
                    {6, 1, E::unexpected_continuation},
                    {7, 1, E::unexpected_continuation}}});
  // Table 3-11, truncated: E1 80 E2 F0 91 92 F1 BF 41 -> 4 x FFFD, 41.
  check_utf8_case({"Table 3-11", bytes({0xE1, 0x80, 0xE2, 0xF0, 0x91, 0x92, 0xF1, 0xBF, 0x41}),
                   U"\uFFFD\uFFFD\uFFFD\uFFFDA",
                   {{0, 2, E::truncated}, {2, 1, E::truncated}, {3, 3, E::truncated}, {6, 2, E::truncated}}});
}

TEST_CASE("UTF-8: overlong forms", "[utf][utf8]") {
  check_utf8_case({"C0 AF", bytes({0xC0, 0xAF}), U"\uFFFD\uFFFD",
                   {{0, 1, E::overlong}, {1, 1, E::unexpected_continuation}}});
  check_utf8_case({"C1 BF", bytes({0xC1, 0xBF}), U"\uFFFD\uFFFD",
                   {{0, 1, E::overlong}, {1, 1, E::unexpected_continuation}}});
  check_utf8_case({"C0 80 (overlong NUL)", bytes({0xC0, 0x80}), U"\uFFFD\uFFFD",
                   {{0, 1, E::overlong}, {1, 1, E::unexpected_continuation}}});
  check_utf8_case({"E0 80 AF", bytes({0xE0, 0x80, 0xAF}), U"\uFFFD\uFFFD\uFFFD",
                   {{0, 1, E::overlong}, {1, 1, E::unexpected_continuation}, {2, 1, E::unexpected_continuation}}});
  check_utf8_case({"E0 9F BF", bytes({0xE0, 0x9F, 0xBF}), U"\uFFFD\uFFFD\uFFFD",
                   {{0, 1, E::overlong}, {1, 1, E::unexpected_continuation}, {2, 1, E::unexpected_continuation}}});
  check_utf8_case({"F0 80 80 AF", bytes({0xF0, 0x80, 0x80, 0xAF}), U"\uFFFD\uFFFD\uFFFD\uFFFD",
                   {{0, 1, E::overlong},
                    {1, 1, E::unexpected_continuation},
                    {2, 1, E::unexpected_continuation},
                    {3, 1, E::unexpected_continuation}}});
  check_utf8_case({"F0 8F BF BF", bytes({0xF0, 0x8F, 0xBF, 0xBF}), U"\uFFFD\uFFFD\uFFFD\uFFFD",
                   {{0, 1, E::overlong},
                    {1, 1, E::unexpected_continuation},
                    {2, 1, E::unexpected_continuation},
                    {3, 1, E::unexpected_continuation}}});
  // The shortest forms next to them are fine.
  check_utf8_case({"C2 80", bytes({0xC2, 0x80}), U"\u0080", {}});
  check_utf8_case({"E0 A0 80", bytes({0xE0, 0xA0, 0x80}), U"\u0800", {}});
  check_utf8_case({"F0 90 80 80", bytes({0xF0, 0x90, 0x80, 0x80}), U"\U00010000", {}});
}

TEST_CASE("UTF-8: encoded surrogates", "[utf][utf8]") {
  check_utf8_case({"ED A0 80", bytes({0xED, 0xA0, 0x80}), U"\uFFFD\uFFFD\uFFFD",
                   {{0, 1, E::surrogate}, {1, 1, E::unexpected_continuation}, {2, 1, E::unexpected_continuation}}});
  check_utf8_case({"ED BF BF", bytes({0xED, 0xBF, 0xBF}), U"\uFFFD\uFFFD\uFFFD",
                   {{0, 1, E::surrogate}, {1, 1, E::unexpected_continuation}, {2, 1, E::unexpected_continuation}}});
  // A CESU-8 pair (U+1F600 as two encoded surrogates): six replacements.
  check_utf8_case({"ED A0 BD ED B8 80", bytes({0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80}),
                   U"\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD",
                   {{0, 1, E::surrogate},
                    {1, 1, E::unexpected_continuation},
                    {2, 1, E::unexpected_continuation},
                    {3, 1, E::surrogate},
                    {4, 1, E::unexpected_continuation},
                    {5, 1, E::unexpected_continuation}}});
  // The neighbours of the surrogate block are fine.
  check_utf8_case({"ED 9F BF", bytes({0xED, 0x9F, 0xBF}), U"\uD7FF", {}});
  check_utf8_case({"EE 80 80", bytes({0xEE, 0x80, 0x80}), U"\uE000", {}});
}

TEST_CASE("UTF-8: above U+10FFFF and bytes that never occur", "[utf][utf8]") {
  check_utf8_case({"F4 90 80 80", bytes({0xF4, 0x90, 0x80, 0x80}), U"\uFFFD\uFFFD\uFFFD\uFFFD",
                   {{0, 1, E::too_large},
                    {1, 1, E::unexpected_continuation},
                    {2, 1, E::unexpected_continuation},
                    {3, 1, E::unexpected_continuation}}});
  check_utf8_case({"F4 8F BF BF (U+10FFFF)", bytes({0xF4, 0x8F, 0xBF, 0xBF}), U"\U0010FFFF", {}});
  for (int b = 0xF5; b <= 0xFF; ++b) {
    check_utf8_case({"single F5..FF", bytes({b}), U"\uFFFD", {{0, 1, E::invalid_byte}}});
    check_utf8_case({"F5..FF between letters", bytes({'x', b, 'y'}), U"x\uFFFDy", {{1, 1, E::invalid_byte}}});
    check_utf8_case({"F5..FF followed by continuations", bytes({b, 0x80, 0x80, 0x80}), U"\uFFFD\uFFFD\uFFFD\uFFFD",
                     {{0, 1, E::invalid_byte},
                      {1, 1, E::unexpected_continuation},
                      {2, 1, E::unexpected_continuation},
                      {3, 1, E::unexpected_continuation}}});
  }
  // Old 5- and 6-byte forms: one replacement per byte.
  check_utf8_case({"F8 88 80 80 80", bytes({0xF8, 0x88, 0x80, 0x80, 0x80}), std::u32string(5, FFFD),
                   {{0, 1, E::invalid_byte},
                    {1, 1, E::unexpected_continuation},
                    {2, 1, E::unexpected_continuation},
                    {3, 1, E::unexpected_continuation},
                    {4, 1, E::unexpected_continuation}}});
  check_utf8_case({"FC 84 80 80 80 80", bytes({0xFC, 0x84, 0x80, 0x80, 0x80, 0x80}), std::u32string(6, FFFD),
                   {{0, 1, E::invalid_byte},
                    {1, 1, E::unexpected_continuation},
                    {2, 1, E::unexpected_continuation},
                    {3, 1, E::unexpected_continuation},
                    {4, 1, E::unexpected_continuation},
                    {5, 1, E::unexpected_continuation}}});
}

TEST_CASE("UTF-8: truncated sequences, at the end and inside", "[utf][utf8]") {
  check_utf8_case({"C3 at the end", bytes({'a', 0xC3}), U"a\uFFFD", {{1, 1, E::truncated}}});
  check_utf8_case({"E2 82 at the end", bytes({'a', 0xE2, 0x82}), U"a\uFFFD", {{1, 2, E::truncated}}});
  check_utf8_case({"F0 9F 98 at the end", bytes({0xF0, 0x9F, 0x98}), U"\uFFFD", {{0, 3, E::truncated}}});
  check_utf8_case({"F0 at the end", bytes({0xF0}), U"\uFFFD", {{0, 1, E::truncated}}});
  check_utf8_case({"E0 at the end", bytes({0xE0}), U"\uFFFD", {{0, 1, E::truncated}}});
  check_utf8_case({"E2 82 then a letter", bytes({0xE2, 0x82, 'a'}), U"\uFFFDa", {{0, 2, E::truncated}}});
  check_utf8_case({"C3 then a letter", bytes({0xC3, 'a'}), U"\uFFFDa", {{0, 1, E::truncated}}});
  check_utf8_case({"F0 9F 98 then a full sequence", bytes({0xF0, 0x9F, 0x98, 0xF0, 0x9F, 0x98, 0x80}),
                   U"\uFFFD\U0001F600", {{0, 3, E::truncated}}});
  check_utf8_case({"C3 then C3 A9", bytes({0xC3, 0xC3, 0xA9}), U"\uFFFD\u00E9", {{0, 1, E::truncated}}});
  check_utf8_case({"E0 then a continuation out of its range, at the end", bytes({0xE0, 0x80}), U"\uFFFD\uFFFD",
                   {{0, 1, E::overlong}, {1, 1, E::unexpected_continuation}}});
  check_utf8_case({"F4 8F then the end", bytes({0xF4, 0x8F}), U"\uFFFD", {{0, 2, E::truncated}}});
}

TEST_CASE("UTF-8: lone continuation bytes", "[utf][utf8]") {
  check_utf8_case({"80", bytes({0x80}), U"\uFFFD", {{0, 1, E::unexpected_continuation}}});
  check_utf8_case({"BF between letters", bytes({'a', 0xBF, 'b'}), U"a\uFFFDb", {{1, 1, E::unexpected_continuation}}});
  check_utf8_case({"a run of continuations", bytes({0x80, 0x81, 0xBF, 0x90}), std::u32string(4, FFFD),
                   {{0, 1, E::unexpected_continuation},
                    {1, 1, E::unexpected_continuation},
                    {2, 1, E::unexpected_continuation},
                    {3, 1, E::unexpected_continuation}}});
  check_utf8_case({"a fifth continuation after a full 4-byte sequence", bytes({0xF0, 0x9F, 0x98, 0x80, 0x80}),
                   U"\U0001F600\uFFFD", {{4, 1, E::unexpected_continuation}}});
  check_utf8_case({"a valid mixed line", bytes({'C', 'a', 'f', 0xC3, 0xA9, ' ', 0xE2, 0x80, 0x94, ' ', 0xF0, 0x9F,
                                                0x93, 0xB0}),
                   U"Caf\u00E9 \u2014 \U0001F4F0", {}});
  check_utf8_case({"empty", std::string(), U"", {}});
}

TEST_CASE("UTF-8: every 1- and 2-byte sequence, and 3- and 4-byte ones, against a reference decoder",
          "[utf][utf8][exhaustive]") {
  std::size_t checked = 0, failures = 0;
  std::string first_failure;
  auto check = [&](const std::string& s) {
    ++checked;
    const decoding want = ref_decode(s);
    const decoding got = decode_all(s);
    if (got != want && failures++ == 0) first_failure = hex(s);
  };
  std::string s;
  for (int a = 0; a < 256; ++a) {
    check(bytes({a}));
    for (int b = 0; b < 256; ++b) check(bytes({a, b}));
  }
  for (int a = 0; a < 256; ++a)
    for (auto b : interesting_bytes)
      for (auto c : interesting_bytes) {
        check(bytes({a, b, c}));
        if (a >= 0xC0)
          for (auto d : interesting_bytes) check(bytes({a, b, c, d}));
      }
  INFO("first failure: " << first_failure);
  CHECK(failures == 0);
  CHECK(checked > 500'000);
}

TEST_CASE("UTF-8: random byte soup agrees with the reference decoder in every API", "[utf][utf8]") {
  std::mt19937 rng(20240229);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(interesting_bytes) - 1);
  std::uniform_int_distribution<int> any(0, 255);
  std::string s;
  for (int i = 0; i < 200'000; ++i)
    s.push_back(static_cast<char>(i % 3 == 0 ? any(rng) : interesting_bytes[pick(rng)]));
  const decoding want = ref_decode(s);
  REQUIRE(!want.issues.empty());
  CHECK(decode_all(s) == want);
  CHECK(decode_loop(s.begin(), s.end()) == want);
  CHECK(u::validate(s) == want.issues);
  istream_text in(s);
  CHECK(u::validate(in.range()) == want.issues);
  issues_t got;
  CHECK(u::to_utf32(s, &got) == want.text);
  CHECK(got == want.issues);
  // What transcoding writes is well-formed and transcodes to itself.
  const std::string clean = u::to_utf8(s);
  CHECK(u::validate(clean).empty());
  CHECK(u::to_utf8(clean) == clean);
  CHECK(u::to_utf32(clean) == want.text);
}

// ==============================================================================================
// UTF-16, UTF-32, wchar_t

TEST_CASE("UTF-16: lone surrogates", "[utf][utf16]") {
  auto check16 = [](std::u16string in, std::u32string out, issues_t issues) {
    INFO("UTF-16 input of " << in.size() << " units");
    CHECK(decode_all(in) == decoding{out, issues});
    CHECK(decode_loop(in.begin(), in.end()) == decoding{out, issues});
    CHECK(ref_decode16(in) == decoding{out, issues});
    CHECK(u::validate(in) == issues);
    issues_t got;
    CHECK(u::to_utf32(in, &got) == out);
    CHECK(got == issues);
    // Exactly sized buffer and guard iterator: a high surrogate at the end must not look further.
    auto heap = std::make_unique<char16_t[]>(in.size());
    std::copy(in.begin(), in.end(), heap.get());
    std::size_t bad_reads = 0;
    guarded_iterator<char16_t> b{heap.get(), heap.get() + in.size(), &bad_reads},
        e{heap.get() + in.size(), heap.get() + in.size(), &bad_reads};
    CHECK(decode_loop(b, e) == decoding{out, issues});
    CHECK(u::validate(std::u16string_view(heap.get(), in.size())) == issues);
    CHECK(bad_reads == 0);
  };
  check16(u"a\xD800" u"b", U"a\uFFFDb", {{1, 1, E::lone_surrogate}});                // lone high
  check16(u"a\xDC00" u"b", U"a\uFFFDb", {{1, 1, E::lone_surrogate}});                // lone low
  check16(u"ab\xDBFF", U"ab\uFFFD", {{2, 1, E::lone_surrogate}});                    // high at the end
  check16(u"\xDBFF", U"\uFFFD", {{0, 1, E::lone_surrogate}});                        // only a high
  check16(u"\xDC00\xD800", U"\uFFFD\uFFFD", {{0, 1, E::lone_surrogate}, {1, 1, E::lone_surrogate}});  // reversed
  check16(u"\xD800\xD800\xDC00", U"\uFFFD\U00010000", {{0, 1, E::lone_surrogate}});  // high, then a pair
  check16(u"\xD800\xDC00\xDC00", U"\U00010000\uFFFD", {{2, 1, E::lone_surrogate}});  // a pair, then a low
  check16(u"\xD83D\xDE00", U"\U0001F600", {});
  check16(u"\xDBFF\xDFFF", U"\U0010FFFF", {});
  check16(u"\xD7FF\xE000\xFFFF", U"\uD7FF\uE000\uFFFF", {});

  // Every sequence of up to four units drawn from the values around the surrogate block.
  const char16_t units[] = {0x0000, 0x0041, 0xD7FF, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xE000, 0xFFFD, 0xFFFF};
  std::size_t failures = 0;
  std::u16string s;
  auto rec = [&](auto& self, int depth) -> void {
    if (decode_all(s) != ref_decode16(s) || u::validate(s) != ref_decode16(s).issues) ++failures;
    if (depth == 4) return;
    for (auto c : units) {
      s.push_back(c);
      self(self, depth + 1);
      s.pop_back();
    }
  };
  rec(rec, 0);
  CHECK(failures == 0);
}

TEST_CASE("UTF-32: values above U+10FFFF and surrogates", "[utf][utf32]") {
  const std::u32string in = {U'a', 0x110000, 0xD800, 0xDFFF, 0x10FFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0xD7FF,
                             0xE000, 0};
  const std::u32string out = {U'a', FFFD, FFFD, FFFD, 0x10FFFF, FFFD, FFFD, FFFD, 0xD7FF, 0xE000, 0};
  const issues_t issues = {{1, 1, E::too_large}, {2, 1, E::surrogate},  {3, 1, E::surrogate},
                           {5, 1, E::too_large}, {6, 1, E::too_large}, {7, 1, E::too_large}};
  CHECK(decode_all(in) == decoding{out, issues});
  CHECK(decode_loop(in.begin(), in.end()) == decoding{out, issues});
  CHECK(u::validate(in) == issues);
  issues_t got;
  CHECK(u::to_utf8(in, &got) == u::to_utf8(out));
  CHECK(got == issues);
  // Single pass.
  input_only_range<char32_t> once{in.data(), in.data() + in.size()};
  static_assert(!std::ranges::forward_range<decltype(once)>);
  CHECK(u::validate(once) == issues);
}

TEST_CASE("wchar_t is UTF-32 or UTF-16 by its size", "[utf][wchar_t]") {
  if constexpr (sizeof(wchar_t) == 4) {
    const std::wstring in = {L'a', static_cast<wchar_t>(0x110000), static_cast<wchar_t>(0xD800),
                             static_cast<wchar_t>(-1), static_cast<wchar_t>(0x1F600)};
    const issues_t issues = {{1, 1, E::too_large}, {2, 1, E::surrogate}, {3, 1, E::too_large}};
    CHECK(decode_all(in) == decoding{U"a\uFFFD\uFFFD\uFFFD\U0001F600", issues});
    CHECK(u::validate(in) == issues);
    CHECK(u::to_utf8(in) == u::to_utf8(U"a\uFFFD\uFFFD\uFFFD\U0001F600"));
    const std::u32string cafe = U"caf\u00E9 \U0001F600";
    CHECK(u::transcode<wchar_t>(cafe) == std::wstring(L"caf\u00E9 \U0001F600"));
  } else {
    const std::wstring in = {L'a', static_cast<wchar_t>(0xD800), L'b', static_cast<wchar_t>(0xD83D),
                             static_cast<wchar_t>(0xDE00)};
    const issues_t issues = {{1, 1, E::lone_surrogate}};
    CHECK(decode_all(in) == decoding{U"a\uFFFDb\U0001F600", issues});
    CHECK(u::validate(in) == issues);
  }
  const std::wstring naive = L"na\u00EFve \U0001F4F0";
  CHECK(u::to_utf32(naive) == U"na\u00EFve \U0001F4F0");
}

// ==============================================================================================
// Reading past the end

TEST_CASE("no decoder reads at or past the end", "[utf][bounds]") {
  // Every proper prefix of every multi-byte sequence, alone in an exactly sized buffer, and after
  // text; AddressSanitizer (asan preset) flags a read of heap[size], the guard iterator counts one.
  const std::string full[] = {bytes({0xC3, 0xA9}), bytes({0xE2, 0x80, 0x94}), bytes({0xED, 0x9F, 0xBF}),
                              bytes({0xF0, 0x9F, 0x93, 0xB0}), bytes({0xF4, 0x8F, 0xBF, 0xBF}),
                              bytes({0xE0, 0xA0, 0x80})};
  for (const auto& seq : full)
    for (std::size_t k = 1; k <= seq.size(); ++k)
      for (const std::string prefix : {"", "ab"}) {
        const std::string s = prefix + seq.substr(0, k);
        INFO(hex(s));
        std::vector<char> v(s.begin(), s.end());
        v.shrink_to_fit();
        CHECK(decode_loop(v.cbegin(), v.cend()) == ref_decode(s));
        CHECK(u::validate(v) == ref_decode(s).issues);
        auto heap = std::make_unique<char[]>(s.size());
        std::copy(s.begin(), s.end(), heap.get());
        std::size_t bad_reads = 0;
        guarded_iterator<char> b{heap.get(), heap.get() + s.size(), &bad_reads},
            e{heap.get() + s.size(), heap.get() + s.size(), &bad_reads};
        CHECK(decode_loop(b, e) == ref_decode(s));
        CHECK(u::validate(std::ranges::subrange(b, e)) == ref_decode(s).issues);
        CHECK(u::to_utf32(std::ranges::subrange(b, e)) == ref_decode(s).text);
        CHECK(bad_reads == 0);
      }
  // decode() at the very last unit of a buffer, one unit long, for every byte value.
  for (int b = 0; b < 256; ++b) {
    auto one = std::make_unique<char[]>(1);
    one[0] = static_cast<char>(b);
    auto d = u::decode(one.get(), one.get() + 1);
    CHECK(d.next == one.get() + 1);
    CHECK(d.length == 1);
  }
  // A UTF-16 high surrogate as the last unit.
  auto hi = std::make_unique<char16_t[]>(1);
  hi[0] = 0xD800;
  auto d = u::decode(hi.get(), hi.get() + 1);
  CHECK(d.error == E::lone_surrogate);
  CHECK(d.next == hi.get() + 1);
}

// ==============================================================================================
// Single-pass ranges

TEST_CASE("validate() over an istreambuf range gives the same issues as over the string", "[utf][single-pass]") {
  const std::string samples[] = {
      bytes({0x61, 0xF1, 0x80, 0x80, 0xE1, 0x80, 0xC2, 0x62, 0x80, 0x63, 0x80, 0xBF, 0x64}),
      bytes({0xE1, 0x80, 0xE2, 0xF0, 0x91, 0x92, 0xF1, 0xBF, 0x41}),
      bytes({0xF4, 0x91, 0x92, 0x93, 0xFF, 0x41, 0x80, 0xBF, 0x42}),
      bytes({'a', 0xF0, 0x9F, 0x98}),
      bytes({0xF0, 0x9F, 0x98, 0xF0, 0x9F, 0x98, 0x80}),
      "clean ASCII",
      "Caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x93\xB0",
      "",
  };
  for (const auto& s : samples) {
    INFO(hex(s));
    istream_text in(s);
    auto r = in.range();
    static_assert(!std::ranges::forward_range<decltype(r)>);
    CHECK(u::validate(r) == u::validate(s));
    CHECK(u::validate(s) == ref_decode(s).issues);
  }
  // Random bytes, each chunk through a fresh stream.
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> any(0, 255);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(interesting_bytes) - 1);
  std::size_t mismatches = 0;
  for (int round = 0; round < 2000; ++round) {
    std::string s;
    const int n = round % 40;
    for (int i = 0; i < n; ++i) s.push_back(static_cast<char>(round & 1 ? any(rng) : interesting_bytes[pick(rng)]));
    istream_text in(s);
    if (u::validate(in.range()) != u::validate(s)) ++mismatches;
  }
  CHECK(mismatches == 0);
}

TEST_CASE("validate() over a single-pass UTF-32 range", "[utf][single-pass]") {
  const std::u32string s = {U'a', 0xD800, U'b', 0x110000, 0x1F600};
  input_only_range<char32_t> once{s.data(), s.data() + s.size()};
  CHECK(u::validate(once) == u::validate(s));
}

// A UTF-16 high surrogate read from a single-pass range waits for its low half before it is judged.
TEST_CASE("validate() over a single-pass UTF-16 range accepts surrogate pairs", "[utf][single-pass]") {
  const std::u16string s = u"a\xD83D\xDE00" u"b\xD800";
  input_only_range<char16_t> once{s.data(), s.data() + s.size()};
  static_assert(!std::ranges::forward_range<decltype(once)>);
  CHECK(u::validate(s) == issues_t{{4, 1, E::lone_surrogate}});
  CHECK(u::validate(once) == u::validate(s));
}

// ==============================================================================================
// Every code point, every encoding

TEST_CASE("every code point 0..0x10FFFF encodes and decodes in UTF-8, UTF-16 and UTF-32", "[utf][exhaustive]") {
  std::size_t failures = 0;
  char32_t first_failure = 0;
  std::string failed_what;
  auto fail = [&](char32_t cp, const char* what) {
    if (failures++ == 0) {
      first_failure = cp;
      failed_what = what;
    }
  };
  std::string all8;
  std::u16string all16;
  std::u32string all32, expected;
  all8.reserve(0x110000 * 4);
  all16.reserve(0x110000 * 2);
  all32.reserve(0x110000);
  expected.reserve(0x110000);
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    const bool scalar = u::is_scalar_value(cp);
    const char32_t want = scalar ? cp : FFFD;
    expected.push_back(want);

    char b8[4];
    char* e8 = u::encode_utf8<char>(cp, b8);
    const auto n8 = static_cast<std::size_t>(e8 - b8);
    if (n8 != u::utf8_length(cp)) fail(cp, "utf8_length");
    if (n8 != (want < 0x80 ? 1u : want < 0x800 ? 2u : want < 0x10000 ? 3u : 4u)) fail(cp, "UTF-8 length");
    auto d8 = u::decode(static_cast<const char*>(b8), static_cast<const char*>(e8));
    if (d8.code_point != want || d8.error != E::none || d8.length != n8 || d8.next != e8) fail(cp, "UTF-8 decode");
    all8.append(b8, n8);

    char16_t b16[2];
    char16_t* e16 = u::encode_utf16(cp, b16);
    const auto n16 = static_cast<std::size_t>(e16 - b16);
    if (n16 != u::utf16_length(cp) || n16 != (want < 0x10000 ? 1u : 2u)) fail(cp, "UTF-16 length");
    auto d16 = u::decode(static_cast<const char16_t*>(b16), static_cast<const char16_t*>(e16));
    if (d16.code_point != want || d16.error != E::none || d16.length != n16 || d16.next != e16)
      fail(cp, "UTF-16 decode");
    all16.append(b16, n16);

    char32_t b32[1];
    char32_t* e32 = u::encode<char32_t>(cp, b32);
    auto d32 = u::decode(static_cast<const char32_t*>(b32), static_cast<const char32_t*>(e32));
    if (e32 != b32 + 1 || d32.code_point != want || d32.error != E::none) fail(cp, "UTF-32");
    all32.push_back(b32[0]);

    // The raw value in UTF-32 is refused exactly when it is not a scalar value.
    const char32_t raw[1] = {cp};
    auto dr = u::decode(raw + 0, raw + 1);
    if (scalar ? (dr.error != E::none || dr.code_point != cp) : (dr.error != E::surrogate || dr.code_point != FFFD))
      fail(cp, "raw UTF-32");
    if (!scalar) {
      // A surrogate written out in UTF-8's bit pattern (ED A0..BF xx) is three replacements.
      const char raw8[3] = {static_cast<char>(0xE0 | (cp >> 12)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                            static_cast<char>(0x80 | (cp & 0x3F))};
      const auto issues = u::validate(std::string_view(raw8, 3));
      if (issues != issues_t{{0, 1, E::surrogate}, {1, 1, E::unexpected_continuation},
                             {2, 1, E::unexpected_continuation}})
        fail(cp, "UTF-8 encoded surrogate");
      // A surrogate alone in UTF-16 is a lone surrogate.
      const char16_t raw16[1] = {static_cast<char16_t>(cp)};
      auto d = u::decode(raw16 + 0, raw16 + 1);
      if (d.error != E::lone_surrogate || d.code_point != FFFD) fail(cp, "UTF-16 lone surrogate");
    }
  }
  INFO("first failure at U+" << std::hex << static_cast<std::uint32_t>(first_failure) << ": " << failed_what);
  CHECK(failures == 0);

  // The concatenations: decode to the expected text, are well-formed, and transcode into each other.
  CHECK(u::validate(all8).empty());
  CHECK(u::validate(all16).empty());
  CHECK(u::validate(all32).empty());
  CHECK(all32 == expected);
  CHECK(u::to_utf32(all8) == expected);
  CHECK(u::to_utf32(all16) == expected);
  CHECK(u::to_utf8(all16) == all8);
  CHECK(u::to_utf8(all32) == all8);
  CHECK(u::to_utf16(all8) == all16);
  CHECK(u::to_utf16(all32) == all16);
  const std::u8string all8u(all8.begin(), all8.end());
  CHECK(u::transcode<char8_t>(all32) == all8u);
  CHECK(u::to_utf32(all8u) == expected);
  CHECK(u::transcode<wchar_t>(all8) == u::transcode<wchar_t>(all16));
  const std::wstring allw = u::transcode<wchar_t>(all8);
  CHECK(u::to_utf32(allw) == expected);
  std::size_t n = 0;
  for (auto cp : u::code_points(all8)) n += cp.error == E::none;
  CHECK(n == 0x110000);
}

TEST_CASE("random scalar text round-trips through every encoding and code unit type", "[utf][round-trip]") {
  std::mt19937 rng(42);
  std::uniform_int_distribution<std::uint32_t> plane(0, 16);
  std::uniform_int_distribution<std::uint32_t> low(0, 0xFFFF);
  std::uniform_int_distribution<std::uint32_t> ascii(0, 0x7F);
  for (int round = 0; round < 200; ++round) {
    std::u32string s;
    for (int i = 0; i < 500; ++i) {
      char32_t c = (i % 4 == 0) ? ascii(rng) : (round % 2 ? plane(rng) << 16 : 0) | low(rng);
      if (!u::is_scalar_value(c)) c = U'x';
      s.push_back(c);
    }
    const std::string s8 = u::to_utf8(s);
    const std::u8string s8u = u::transcode<char8_t>(s);
    const std::u16string s16 = u::to_utf16(s);
    const std::wstring sw = u::transcode<wchar_t>(s);
    INFO("round " << round);
    CHECK(u::to_utf32(s8) == s);
    CHECK(u::to_utf32(s8u) == s);
    CHECK(u::to_utf32(s16) == s);
    CHECK(u::to_utf32(sw) == s);
    CHECK(u::to_utf16(s8) == s16);
    CHECK(u::to_utf8(s16) == s8);
    CHECK(u::to_utf8(sw) == s8);
    CHECK(std::string(s8u.begin(), s8u.end()) == s8);
    CHECK(u::validate(s8).empty());
    CHECK(u::validate(s16).empty());
    // Offsets that code_points() gives are where each code point's encoding starts.
    std::size_t i = 0, off = 0;
    bool offsets_ok = true;
    for (auto cp : u::code_points(s16)) {
      offsets_ok = offsets_ok && cp.offset == off && cp.code_point == s[i];
      off += u::utf16_length(s[i]);
      ++i;
    }
    CHECK(offsets_ok);
    CHECK(i == s.size());
  }
}

TEST_CASE("the UTF functions take temporary containers", "[utf]") {
  CHECK(u::validate(std::string("a\xFF")) == issues_t{{1, 1, E::invalid_byte}});
  CHECK(u::to_utf8(std::u32string(U"a\U0001F600")) == "a\xF0\x9F\x98\x80");
  CHECK(u::to_utf16(std::string("\xC3\xA9")) == u"\u00E9");
  std::size_t n = 0;
  for (auto cp : u::code_points(std::string("ab"))) n += cp.code_point == U'a' || cp.code_point == U'b';
  CHECK(n == 2);
}
