// byline — UTF-8, UTF-16 and UTF-32 decoding and encoding over any range of code units.
//
// The encoding is chosen by the code unit type: char and char8_t are UTF-8, char16_t is UTF-16,
// char32_t is UTF-32 and wchar_t is UTF-16 or UTF-32 by its size. Ill-formed input decodes to
// U+FFFD one "maximal subpart" at a time (Unicode 15, section 3.9, "U+FFFD Substitution of Maximal
// Subparts"), so every decoder here agrees with ICU, WHATWG and Python on how many replacement
// characters a bad sequence yields. No function reads a code unit at or past the end it is given.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <ranges>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace byline::unicode {

inline constexpr char32_t replacement_character = U'\uFFFD';


enum class encoding : std::uint8_t { utf8, utf16, utf32 };

template <class T>
concept code_unit = std::same_as<T, char> || std::same_as<T, char8_t> || std::same_as<T, char16_t> ||
                    std::same_as<T, char32_t> || std::same_as<T, wchar_t>;

template <code_unit T>
inline constexpr encoding encoding_of = sizeof(T) == 1   ? encoding::utf8
                                        : sizeof(T) == 2 ? encoding::utf16
                                                         : encoding::utf32;

// A range whose elements are code units (after removing cv-qualifiers).
template <class R>
concept text_range = std::ranges::input_range<R> && code_unit<std::remove_cv_t<std::ranges::range_value_t<R>>>;

template <text_range R>
using code_unit_of = std::remove_cv_t<std::ranges::range_value_t<R>>;

// Why a code unit sequence was replaced by U+FFFD.
enum class decode_error : std::uint8_t {
  none = 0,
  unexpected_continuation,  // UTF-8 byte 80..BF where a sequence should start
  invalid_byte,             // UTF-8 byte F5..FF, which can never occur
  overlong,                 // UTF-8 C0, C1, E0 80..9F, F0 80..8F: a shorter form exists
  surrogate,                // UTF-8 ED A0..BF or a UTF-32 value D800..DFFF
  too_large,                // UTF-8 F4 90..BF, or a UTF-32 value above U+10FFFF
  truncated,                // a well-formed prefix cut short by the end or by a non-continuation unit
  lone_surrogate,           // UTF-16 high surrogate without a low one, or a low one alone
};

constexpr std::string_view name(decode_error e) noexcept {
  switch (e) {
    case decode_error::none: return "none";
    case decode_error::unexpected_continuation: return "unexpected continuation byte";
    case decode_error::invalid_byte: return "invalid byte";
    case decode_error::overlong: return "overlong encoding";
    case decode_error::surrogate: return "encoded surrogate";
    case decode_error::too_large: return "code point above U+10FFFF";
    case decode_error::truncated: return "truncated sequence";
    case decode_error::lone_surrogate: return "lone surrogate";
  }
  return "unknown";
}

// One ill-formed subsequence: where it starts in the caller's code units, how long it is.
struct decode_issue {
  std::size_t offset;
  std::size_t length;
  decode_error error;
  friend constexpr bool operator==(const decode_issue&, const decode_issue&) = default;
};

// The result of decoding one code point starting at some iterator.
template <class I>
struct decoded {
  I next;                     // first code unit after this one
  char32_t code_point;        // U+FFFD when error != none
  std::uint8_t length;        // code units consumed (>= 1 unless the input was empty)
  decode_error error;
};

namespace detail {

template <class T>
constexpr std::uint32_t unit_value(T u) noexcept {
  if constexpr (sizeof(T) == 1)
    return static_cast<unsigned char>(u);
  else if constexpr (sizeof(T) == 2)
    return static_cast<std::uint16_t>(u);
  else
    return static_cast<std::uint32_t>(u);
}

constexpr bool is_continuation(std::uint32_t b) noexcept { return (b & 0xC0) == 0x80; }

}  // namespace detail

namespace detail {

// decode's whole rules: every encoding, every iterator, every ill-formed sequence.
template <encoding E, std::input_iterator I, std::sentinel_for<I> S>
constexpr decoded<I> decode_all(I it, S end) {
  const std::uint32_t b0 = detail::unit_value(*it);
  ++it;
  if constexpr (E == encoding::utf32) {
    if (b0 > 0x10FFFF) return {it, replacement_character, 1, decode_error::too_large};
    if (b0 >= 0xD800 && b0 <= 0xDFFF) return {it, replacement_character, 1, decode_error::surrogate};
    return {it, static_cast<char32_t>(b0), 1, decode_error::none};
  } else if constexpr (E == encoding::utf16) {
    if (b0 < 0xD800 || b0 > 0xDFFF) return {it, static_cast<char32_t>(b0), 1, decode_error::none};
    if (b0 >= 0xDC00 || it == end) return {it, replacement_character, 1, decode_error::lone_surrogate};
    // Only a low surrogate may follow; anything else starts the next code point, so it must not be
    // consumed, which a single-pass iterator cannot undo. Forward iterators peek at a copy.
    if constexpr (std::forward_iterator<I>) {
      const std::uint32_t b1 = detail::unit_value(*it);
      if (b1 < 0xDC00 || b1 > 0xDFFF) return {it, replacement_character, 1, decode_error::lone_surrogate};
      ++it;
      return {it, static_cast<char32_t>(0x10000 + ((b0 - 0xD800) << 10) + (b1 - 0xDC00)), 2, decode_error::none};
    } else {
      static_assert(std::forward_iterator<I>, "decoding needs a forward iterator; buffer single-pass input first");
    }
  } else {
    if (b0 < 0x80) return {it, static_cast<char32_t>(b0), 1, decode_error::none};
    // Table 3-7 of the Unicode Standard: the valid range of the second byte depends on the first.
    std::uint32_t lo = 0x80, hi = 0xBF, need, cp;
    if (b0 < 0xC2) {
      return {it, replacement_character, 1,
              b0 < 0xC0 ? decode_error::unexpected_continuation : decode_error::overlong};
    } else if (b0 < 0xE0) {
      need = 1;
      cp = b0 & 0x1F;
    } else if (b0 < 0xF0) {
      need = 2;
      cp = b0 & 0x0F;
      if (b0 == 0xE0) lo = 0xA0;
      if (b0 == 0xED) hi = 0x9F;
    } else if (b0 < 0xF5) {
      need = 3;
      cp = b0 & 0x07;
      if (b0 == 0xF0) lo = 0x90;
      if (b0 == 0xF4) hi = 0x8F;
    } else {
      return {it, replacement_character, 1, decode_error::invalid_byte};
    }
    if (it == end) return {it, replacement_character, 1, decode_error::truncated};
    std::uint32_t b = detail::unit_value(*it);
    if (b < lo || b > hi) {
      // The lead byte alone is the maximal subpart; name the reason the second byte was refused.
      decode_error why = decode_error::truncated;
      if (detail::is_continuation(b)) {
        if (b0 == 0xE0 || b0 == 0xF0)
          why = decode_error::overlong;
        else if (b0 == 0xED)
          why = decode_error::surrogate;
        else if (b0 == 0xF4)
          why = decode_error::too_large;
      }
      return {it, replacement_character, 1, why};
    }
    std::uint8_t len = 1;
    for (;;) {
      ++it;
      ++len;
      cp = (cp << 6) | (b & 0x3F);
      if (--need == 0) return {it, static_cast<char32_t>(cp), len, decode_error::none};
      if (it == end) return {it, replacement_character, len, decode_error::truncated};
      b = detail::unit_value(*it);
      if (!detail::is_continuation(b)) return {it, replacement_character, len, decode_error::truncated};
    }
  }
}

}  // namespace detail

// Decodes the code point at `it`. Precondition: it != end. Reads at most four code units and
// never the one at `end`.
//
// UTF-8 over random access takes ASCII and the two- and three-byte sequences whose every byte is
// in the plain ranges of Table 3-7 (C2-DF 80-BF; E1-EC and EE-EF, 80-BF 80-BF: Latin, Cyrillic,
// Arabic, curly quotes, dashes) in a few instructions inlined where it is called; the rest, and
// every error, goes through the whole rules.
template <encoding E, std::input_iterator I, std::sentinel_for<I> S>
constexpr decoded<I> decode(I it, S end) {
  if constexpr (E == encoding::utf8 && std::random_access_iterator<I> && std::sized_sentinel_for<S, I>) {
    const std::uint32_t b0 = detail::unit_value(*it);
    if (b0 < 0x80) return {it + 1, static_cast<char32_t>(b0), 1, decode_error::none};
    const auto left = end - it;
    if (b0 >= 0xC2 && b0 <= 0xDF && left >= 2) {
      const std::uint32_t b1 = detail::unit_value(it[1]);
      if (detail::is_continuation(b1))
        return {it + 2, static_cast<char32_t>(((b0 & 0x1F) << 6) | (b1 & 0x3F)), 2, decode_error::none};
    } else if (b0 >= 0xE1 && b0 <= 0xEF && b0 != 0xED && left >= 3) {
      const std::uint32_t b1 = detail::unit_value(it[1]), b2 = detail::unit_value(it[2]);
      if (detail::is_continuation(b1) && detail::is_continuation(b2))
        return {it + 3, static_cast<char32_t>(((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F)), 3,
                decode_error::none};
    }
  }
  return detail::decode_all<E>(std::move(it), end);
}

template <std::forward_iterator I, std::sentinel_for<I> S>
constexpr decoded<I> decode(I it, S end) {
  return decode<encoding_of<std::remove_cv_t<std::iter_value_t<I>>>>(std::move(it), end);
}

// Encoding. Each writes the code units of one scalar value to `out` and returns the advanced output
// iterator; a surrogate or a value above U+10FFFF is written as U+FFFD.
constexpr bool is_scalar_value(char32_t c) noexcept { return c <= 0x10FFFF && (c < 0xD800 || c > 0xDFFF); }

template <class CharT = char8_t, std::output_iterator<CharT> O>
constexpr O encode_utf8(char32_t c, O out) {
  if (!is_scalar_value(c)) c = replacement_character;
  auto put = [&](std::uint32_t v) { *out++ = static_cast<CharT>(v); };
  if (c < 0x80) {
    put(c);
  } else if (c < 0x800) {
    put(0xC0 | (c >> 6));
    put(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    put(0xE0 | (c >> 12));
    put(0x80 | ((c >> 6) & 0x3F));
    put(0x80 | (c & 0x3F));
  } else {
    put(0xF0 | (c >> 18));
    put(0x80 | ((c >> 12) & 0x3F));
    put(0x80 | ((c >> 6) & 0x3F));
    put(0x80 | (c & 0x3F));
  }
  return out;
}

template <class CharT = char16_t, std::output_iterator<CharT> O>
constexpr O encode_utf16(char32_t c, O out) {
  if (!is_scalar_value(c)) c = replacement_character;
  if (c < 0x10000) {
    *out++ = static_cast<CharT>(c);
  } else {
    c -= 0x10000;
    *out++ = static_cast<CharT>(0xD800 + (c >> 10));
    *out++ = static_cast<CharT>(0xDC00 + (c & 0x3FF));
  }
  return out;
}

// Encodes in the encoding of CharT.
template <code_unit CharT, std::output_iterator<CharT> O>
constexpr O encode(char32_t c, O out) {
  if constexpr (encoding_of<CharT> == encoding::utf8)
    return encode_utf8<CharT>(c, std::move(out));
  else if constexpr (encoding_of<CharT> == encoding::utf16)
    return encode_utf16<CharT>(c, std::move(out));
  else {
    *out++ = static_cast<CharT>(is_scalar_value(c) ? c : replacement_character);
    return out;
  }
}

constexpr std::size_t utf8_length(char32_t c) noexcept {
  if (!is_scalar_value(c)) c = replacement_character;
  return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}
constexpr std::size_t utf16_length(char32_t c) noexcept { return is_scalar_value(c) && c >= 0x10000 ? 2 : 1; }

// ---------------------------------------------------------------------------------------------
// code_points(range): a view of the code points of a range of code units, each with its offset.

struct code_point_info {
  char32_t code_point;  // U+FFFD for ill-formed input
  std::size_t offset;   // in code units of the source
  std::uint8_t length;  // in code units
  decode_error error;
};

template <std::ranges::forward_range V>
  requires std::ranges::view<V> && text_range<V> && std::ranges::forward_range<const V>
class code_point_view : public std::ranges::view_interface<code_point_view<V>> {
  V base_;
  using I = std::ranges::iterator_t<const V>;
  using S = std::ranges::sentinel_t<const V>;
  static constexpr encoding E = encoding_of<code_unit_of<V>>;

 public:
  class iterator {
    I it_{};
    S end_{};
    std::size_t offset_ = 0;
    decoded<I> cur_{};

    constexpr void load() {
      if (it_ != end_) cur_ = unicode::decode<E>(it_, end_);
    }

   public:
    using value_type = code_point_info;
    using difference_type = std::ptrdiff_t;
    using iterator_concept = std::forward_iterator_tag;
    iterator() = default;
    constexpr iterator(I it, S end) : it_(std::move(it)), end_(std::move(end)) { load(); }
    constexpr code_point_info operator*() const { return {cur_.code_point, offset_, cur_.length, cur_.error}; }
    constexpr iterator& operator++() {
      it_ = cur_.next;
      offset_ += cur_.length;
      load();
      return *this;
    }
    constexpr iterator operator++(int) {
      auto t = *this;
      ++*this;
      return t;
    }
    constexpr I base() const { return it_; }
    friend constexpr bool operator==(const iterator& a, const iterator& b) { return a.offset_ == b.offset_; }
    friend constexpr bool operator==(const iterator& a, std::default_sentinel_t) { return a.it_ == a.end_; }
  };

  code_point_view() = default;
  constexpr explicit code_point_view(V base) : base_(std::move(base)) {}
  constexpr iterator begin() const { return iterator(std::ranges::begin(base_), std::ranges::end(base_)); }
  constexpr std::default_sentinel_t end() const noexcept { return {}; }
  constexpr const V& base() const& noexcept { return base_; }
};

namespace detail {

// Character arrays are taken to be string literals: a trailing NUL is not text.
template <class R>
constexpr auto as_text_view(R&& r) {
  using T = std::remove_cvref_t<R>;
  if constexpr (std::is_array_v<T> && code_unit<std::remove_cv_t<std::remove_extent_t<T>>>) {
    using C = std::remove_cv_t<std::remove_extent_t<T>>;
    // A character array holds a C string: it ends at its first NUL, as a const C* would
    // (char buf[64] = "Kyiv agreed." is 12 code units, not 63).
    std::size_t n = 0;
    while (n < std::extent_v<T> && r[n] != C{}) ++n;
    return std::basic_string_view<C>(r, n);
  } else if constexpr (std::is_pointer_v<T> && code_unit<std::remove_cv_t<std::remove_pointer_t<T>>>) {
    return std::basic_string_view<std::remove_cv_t<std::remove_pointer_t<T>>>(r);
  } else {
    return std::views::all(std::forward<R>(r));
  }
}

}  // namespace detail

template <class R>
using text_view_t = decltype(detail::as_text_view(std::declval<R>()));

// code_points(text): the code points of any forward range of code units, with offsets.
struct code_points_fn {
  template <class R>
    requires std::ranges::forward_range<text_view_t<R>> && text_range<text_view_t<R>>
  constexpr auto operator()(R&& r) const {
    return code_point_view<text_view_t<R>>(detail::as_text_view(std::forward<R>(r)));
  }
};
inline constexpr code_points_fn code_points{};

// Reports every ill-formed subsequence of a range of code units (any input range).
template <class R, class F>
  requires text_range<text_view_t<R>>
constexpr std::size_t for_each_error(R&& r, F&& on_error) {
  auto v = detail::as_text_view(std::forward<R>(r));
  using C = code_unit_of<decltype(v)>;
  std::size_t count = 0;
  if constexpr (std::ranges::forward_range<const decltype(v)>) {
    for (auto cp : code_point_view<decltype(v)>(std::move(v)))
      if (cp.error != decode_error::none) {
        ++count;
        on_error(decode_issue{cp.offset, cp.length, cp.error});
      }
  } else {
    // A single-pass range cannot be re-read: keep the code units of one sequence and decode them.
    C buf[4];
    std::size_t n = 0, offset = 0;
    auto flush = [&](bool at_end) {
      std::size_t i = 0;
      while (i < n) {
        auto d = unicode::decode<encoding_of<C>>(buf + i, buf + n);
        const auto used = static_cast<std::size_t>(d.next - (buf + i));
        // A sequence that may still complete waits for more input: a truncated UTF-8 sequence, or a
        // UTF-16 high surrogate whose low half has not been read yet.
        if (!at_end && i + used == n &&
            (d.error == decode_error::truncated ||
             (d.error == decode_error::lone_surrogate && encoding_of<C> == encoding::utf16 && used == 1 &&
              unicode::detail::unit_value(buf[i]) >= 0xD800 && unicode::detail::unit_value(buf[i]) <= 0xDBFF)))
          break;
        if (d.error != decode_error::none) {
          ++count;
          on_error(decode_issue{offset, used, d.error});
        }
        offset += used;
        i += used;
      }
      for (std::size_t k = i; k < n; ++k) buf[k - i] = buf[k];
      n -= i;
    };
    for (auto it = std::ranges::begin(v); it != std::ranges::end(v); ++it) {
      buf[n++] = *it;
      flush(false);
    }
    flush(true);
  }
  return count;
}

template <class R>
  requires text_range<text_view_t<R>>
std::vector<decode_issue> validate(R&& r) {
  std::vector<decode_issue> out;
  for_each_error(std::forward<R>(r), [&](const decode_issue& e) { out.push_back(e); });
  return out;
}

// Transcoding: ill-formed input becomes U+FFFD; `issues`, when given, receives each replacement with
// its offset in the source.
template <code_unit To, class R>
  requires std::ranges::forward_range<text_view_t<R>> && text_range<text_view_t<R>>
std::basic_string<To> transcode(R&& r, std::vector<decode_issue>* issues = nullptr) {
  auto v = detail::as_text_view(std::forward<R>(r));
  std::basic_string<To> out;
  if constexpr (std::ranges::sized_range<decltype(v)>) out.reserve(std::ranges::size(v));
  auto o = std::back_inserter(out);
  for (auto cp : code_point_view<decltype(v)>(std::move(v))) {
    if (cp.error != decode_error::none && issues) issues->push_back({cp.offset, cp.length, cp.error});
    o = unicode::encode<To>(cp.code_point, o);
  }
  return out;
}

template <class R>
std::string to_utf8(R&& r, std::vector<decode_issue>* issues = nullptr) {
  return transcode<char>(std::forward<R>(r), issues);
}
template <class R>
std::u16string to_utf16(R&& r, std::vector<decode_issue>* issues = nullptr) {
  return transcode<char16_t>(std::forward<R>(r), issues);
}
template <class R>
std::u32string to_utf32(R&& r, std::vector<decode_issue>* issues = nullptr) {
  return transcode<char32_t>(std::forward<R>(r), issues);
}

}  // namespace byline::unicode
