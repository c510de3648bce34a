// Shared helpers of byline's libFuzzer harnesses: an invariant check that traps, iterators that
// count reads and catch reads past the end, and reference decoders written from the standard's
// tables (independently of include/byline/unicode/utf.hpp).
#pragma once

#include <byline/unicode/utf.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>
#include "../tests/support/input_only_range.hpp"

// A violated invariant: say which, then trap so that libFuzzer saves the input.
#define FUZZ_CHECK(cond)                                                             \
  do {                                                                               \
    if (!(cond)) {                                                                   \
      std::fprintf(stderr, "invariant violated: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
      __builtin_trap();                                                              \
    }                                                                                \
  } while (0)

namespace fuzz {

namespace u = byline::unicode;
using E = u::decode_error;

// A forward iterator (neither sized nor contiguous) that counts the code units it reads and traps
// on a read at or past the end instead of performing it.
template <class C>
struct counting_iterator {
  const C* p = nullptr;
  const C* end = nullptr;
  std::size_t* reads = nullptr;
  using value_type = C;
  using difference_type = std::ptrdiff_t;
  C operator*() const {
    FUZZ_CHECK(p < end);  // no read at or past the end
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

using byline::testing::input_only_range;

// One decoded code point: what, where, how long, why it was replaced.
struct ref_cp {
  char32_t cp;
  std::size_t offset;
  std::size_t length;
  E error;
  bool operator==(const ref_cp&) const = default;
};

// UTF-8 from Table 3-7 ("Well-Formed UTF-8 Byte Sequences") and the maximal-subpart practice.
inline std::vector<ref_cp> ref_decode8(std::string_view s) {
  auto len_of = [](unsigned b) {
    return b <= 0x7F ? 1 : (b >= 0xC2 && b <= 0xDF) ? 2 : (b >= 0xE0 && b <= 0xEF) ? 3 : (b >= 0xF0 && b <= 0xF4) ? 4 : 0;
  };
  auto ok = [](unsigned b0, std::size_t k, unsigned b) {
    if (k == 1) {
      if (b0 == 0xE0) return b >= 0xA0 && b <= 0xBF;
      if (b0 == 0xED) return b >= 0x80 && b <= 0x9F;
      if (b0 == 0xF0) return b >= 0x90 && b <= 0xBF;
      if (b0 == 0xF4) return b >= 0x80 && b <= 0x8F;
    }
    return b >= 0x80 && b <= 0xBF;
  };
  std::vector<ref_cp> out;
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned b0 = static_cast<unsigned char>(s[i]);
    const std::size_t len = static_cast<std::size_t>(len_of(b0));
    if (len == 0) {
      out.push_back({U'\uFFFD', i, 1,
                     b0 <= 0xBF ? E::unexpected_continuation : b0 <= 0xC1 ? E::overlong : E::invalid_byte});
      ++i;
      continue;
    }
    std::size_t k = 1;
    while (k < len && i + k < s.size() && ok(b0, k, static_cast<unsigned char>(s[i + k]))) ++k;
    if (k == len) {
      char32_t cp = len == 1 ? b0 : len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
      for (std::size_t j = 1; j < len; ++j) cp = (cp << 6) | (static_cast<unsigned char>(s[i + j]) & 0x3F);
      out.push_back({cp, i, len, E::none});
    } else {
      E why = E::truncated;
      if (k == 1 && i + 1 < s.size()) {
        const unsigned b1 = static_cast<unsigned char>(s[i + 1]);
        if (b1 >= 0x80 && b1 <= 0xBF)
          why = (b0 == 0xE0 || b0 == 0xF0) ? E::overlong : b0 == 0xED ? E::surrogate : b0 == 0xF4 ? E::too_large : why;
      }
      out.push_back({U'\uFFFD', i, k, why});
    }
    i += k;
  }
  return out;
}

inline std::vector<ref_cp> ref_decode16(std::u16string_view s) {
  std::vector<ref_cp> out;
  for (std::size_t i = 0; i < s.size();) {
    const char32_t a = s[i];
    if (a >= 0xD800 && a <= 0xDBFF && i + 1 < s.size() && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF) {
      out.push_back({0x10000 + ((a - 0xD800) << 10) + (s[i + 1] - 0xDC00u), i, 2, E::none});
      i += 2;
    } else {
      const bool sur = a >= 0xD800 && a <= 0xDFFF;
      out.push_back({sur ? U'\uFFFD' : a, i, 1, sur ? E::lone_surrogate : E::none});
      i += 1;
    }
  }
  return out;
}

inline std::vector<ref_cp> ref_decode32(std::u32string_view s) {
  std::vector<ref_cp> out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char32_t a = s[i];
    const E e = a > 0x10FFFF ? E::too_large : (a >= 0xD800 && a <= 0xDFFF) ? E::surrogate : E::none;
    out.push_back({e == E::none ? a : U'\uFFFD', i, 1, e});
  }
  return out;
}

template <class C>
std::vector<ref_cp> ref_decode(std::basic_string_view<C> s) {
  if constexpr (sizeof(C) == 1)
    return ref_decode8(std::string_view(reinterpret_cast<const char*>(s.data()), s.size()));
  else if constexpr (sizeof(C) == 2)
    return ref_decode16(std::u16string_view(reinterpret_cast<const char16_t*>(s.data()), s.size()));
  else
    return ref_decode32(std::u32string_view(reinterpret_cast<const char32_t*>(s.data()), s.size()));
}

}  // namespace fuzz
