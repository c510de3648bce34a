// byline — UAX #29 word boundaries (Unicode 15.0) as a lazy view over any range of code units.
//
//   for (auto w : byline::segment::words(text))
//     if (w.is_word()) use(w.offsets(), w.text());
//
// Every boundary of the standard's rules WB1-WB999 is reported, spaces and punctuation included, as
// ICU's word BreakIterator does; each segment carries a status like ICU's rule status. Runs of ASCII
// letters, digits and spaces take a fast path that decides the common boundaries without
// decoding; anything it is unsure of is left to the full rules, which start again at the segment.
#pragma once

#include <byline/detail/config.hpp>
#include <byline/segment/segment.hpp>
#include <byline/unicode/properties.hpp>

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace byline::segment {

// What a word segment holds, in the spirit of ICU's UBRK_WORD_* rule status.
enum class word_status : std::uint8_t {
  whitespace,   // spaces, tabs, line breaks
  punctuation,  // punctuation and symbols
  letter,       // contains letters (ICU: UBRK_WORD_LETTER)
  number,       // digits, with no letter (UBRK_WORD_NUMBER)
  kana,         // Katakana or Hiragana (UBRK_WORD_KANA)
  ideographic,  // Han ideographs (UBRK_WORD_IDEO)
  emoji,        // Extended_Pictographic sequences and regional-indicator flags
  other,        // anything else: a lone combining mark, a control or format character, unassigned
};

constexpr std::string_view name(word_status s) noexcept {
  constexpr std::string_view names[] = {"whitespace", "punctuation", "letter", "number",
                                        "kana",       "ideographic", "emoji",  "other"};
  return names[static_cast<int>(s)];
}

template <class I>
class word_segment : public basic_segment<I, word_status> {
 public:
  using basic_segment<I, word_status>::basic_segment;
  // A word in ICU's sense: letters, numbers, kana or ideographs.
  constexpr bool is_word() const noexcept {
    auto s = this->status();
    return s == word_status::letter || s == word_status::number || s == word_status::kana ||
           s == word_status::ideographic;
  }
  constexpr bool is_whitespace() const noexcept { return this->status() == word_status::whitespace; }
  constexpr bool is_punctuation() const noexcept { return this->status() == word_status::punctuation; }
  constexpr bool is_emoji() const noexcept { return this->status() == word_status::emoji; }
};

namespace detail {

using unicode::word_break;

// Kinds of content, or-ed over a segment to give its status.
enum : std::uint8_t {
  k_letter = 1,
  k_number = 2,
  k_kana = 4,
  k_ideo = 8,
  k_emoji = 16,
  k_space = 32,
  k_punct = 64,
};

constexpr std::uint8_t content_kind(char32_t c, unicode::char_properties p) noexcept {
  using unicode::general_category;
  const auto wb = p.word();
  switch (wb) {
    case word_break::aletter:
    case word_break::hebrew_letter: return k_letter;
    case word_break::numeric: return k_number;
    case word_break::katakana: return k_kana;
    case word_break::regional_indicator: return k_emoji;
    case word_break::cr:
    case word_break::lf:
    case word_break::newline:
    case word_break::wsegspace: return k_space;
    default: break;
  }
  // ©, ®, ™ and ‼ are Extended_Pictographic too, but in text they are symbols and punctuation.
  if (p.extended_pictographic() && c >= 0x2190) return k_emoji;
  switch (p.category()) {
    case general_category::lo: {
      const auto sc = unicode::script_of(c);
      if (sc == unicode::script::han) return k_ideo;
      if (sc == unicode::script::hiragana || sc == unicode::script::katakana) return k_kana;
      return k_letter;
    }
    case general_category::lu:
    case general_category::ll:
    case general_category::lt:
    case general_category::lm: return k_letter;
    case general_category::nd:
    case general_category::nl:
    case general_category::no: return k_number;
    case general_category::zs:
    case general_category::zl:
    case general_category::zp: return k_space;
    case general_category::cc: return (c >= 0x09 && c <= 0x0D) ? k_space : 0;
    case general_category::pc:
    case general_category::pd:
    case general_category::ps:
    case general_category::pe:
    case general_category::pi:
    case general_category::pf:
    case general_category::po:
    case general_category::sm:
    case general_category::sc:
    case general_category::sk:
    case general_category::so: return k_punct;
    default: return 0;
  }
}

constexpr word_status status_of(std::uint8_t kinds) noexcept {
  if (kinds & k_letter) return word_status::letter;
  if (kinds & k_kana) return word_status::kana;
  if (kinds & k_ideo) return word_status::ideographic;
  if (kinds & k_number) return word_status::number;
  if (kinds & k_emoji) return word_status::emoji;
  if (kinds & k_space) return word_status::whitespace;
  if (kinds & k_punct) return word_status::punctuation;
  return word_status::other;
}

// ASCII classes for the fast path, derived from the generated tables so that they cannot disagree.
enum ascii_word_class : std::uint8_t { a_letter, a_digit, a_underscore, a_space, a_cr, a_lf, a_mid, a_other };

struct ascii_word_tables {
  std::array<std::uint8_t, 128> cls{};
  std::array<std::uint8_t, 128> kind{};
  // Which middle characters join letter-mid-letter (WB6/7) and digit-mid-digit (WB11/12).
  std::array<bool, 128> joins_letters{};
  std::array<bool, 128> joins_digits{};
};

constexpr ascii_word_tables make_ascii_word_tables() {
  ascii_word_tables t{};
  for (char32_t c = 0; c < 128; ++c) {
    const auto p = unicode::properties(c);
    const auto wb = p.word();
    std::uint8_t cls = a_other;
    switch (wb) {
      case word_break::aletter: cls = a_letter; break;
      case word_break::numeric: cls = a_digit; break;
      case word_break::extendnumlet: cls = a_underscore; break;
      case word_break::wsegspace: cls = a_space; break;
      case word_break::cr: cls = a_cr; break;
      case word_break::lf:
      case word_break::newline: cls = a_lf; break;
      case word_break::midletter:
      case word_break::midnumlet:
      case word_break::single_quote:
      case word_break::midnum: cls = a_mid; break;
      default: break;
    }
    t.cls[c] = cls;
    t.kind[c] = content_kind(c, p);
    t.joins_letters[c] = wb == word_break::midletter || wb == word_break::midnumlet || wb == word_break::single_quote;
    t.joins_digits[c] = wb == word_break::midnum || wb == word_break::midnumlet || wb == word_break::single_quote;
  }
  return t;
}

inline constexpr ascii_word_tables ascii_words = make_ascii_word_tables();


constexpr bool is_ahletter(word_break w) noexcept {
  return w == word_break::aletter || w == word_break::hebrew_letter;
}
constexpr bool is_midnumletq(word_break w) noexcept {
  return w == word_break::midnumlet || w == word_break::single_quote;
}
constexpr bool is_ignorable(word_break w) noexcept {
  return w == word_break::extend || w == word_break::format || w == word_break::zwj;
}
constexpr bool is_newline(word_break w) noexcept {
  return w == word_break::cr || w == word_break::lf || w == word_break::newline;
}

// The full rules, one code point at a time, from a boundary at `first`.
template <unicode::encoding E, class I, class S>
constexpr step<I, word_status> word_rules(I first, S last) {
  reader<E, I, S> r{first, last};
  const word_break none = static_cast<word_break>(0xFF);
  char32_t c = r.take();
  auto p = unicode::properties(c);
  word_break raw = p.word();  // the previous code point, as it is
  word_break prev = raw;      // the previous one that WB4 does not skip
  word_break prev2 = none;    // the one before that
  unsigned ri = raw == word_break::regional_indicator ? 1 : 0;
  std::uint8_t kinds = content_kind(c, p);

  // After CR, LF or a newline the segment ends at once (WB3, WB3a), except CR LF.
  if (is_newline(raw)) {
    if (raw == word_break::cr && !r.at_end() && r.unit() == 0x0A) r.bump();
    return r.done(first, word_status::whitespace);
  }

  while (!r.at_end()) {
    I next;
    std::uint8_t len;
    c = r.peek(next, len);
    p = unicode::properties(c);
    const word_break cur = p.word();

    bool join;
    if (is_newline(cur)) {
      join = false;  // WB3b
    } else if (raw == word_break::zwj && p.extended_pictographic()) {
      join = true;  // WB3c
    } else if (raw == word_break::wsegspace && cur == word_break::wsegspace) {
      join = true;  // WB3d
    } else if (is_ignorable(cur)) {
      // WB4: absorbed into what precedes; the context rules see through it.
      r.jump(next, len);
      raw = cur;
      kinds |= content_kind(c, p);
      continue;
    } else {
      // The next code point that WB4 does not skip, for WB6, WB7b and WB12.
      auto lookahead = [&]() {
        I it = next;
        while (it != last) {
          auto d = unicode::decode<E>(it, last);
          const auto w = unicode::properties(d.code_point).word();
          if (!is_ignorable(w)) return w;
          it = d.next;
        }
        return none;
      };
      using wb = word_break;
      if (is_ahletter(prev) && is_ahletter(cur))
        join = true;  // WB5
      else if (is_ahletter(prev) && (cur == wb::midletter || is_midnumletq(cur)))
        join = (prev == wb::hebrew_letter && cur == wb::single_quote) || is_ahletter(lookahead());  // WB7a, WB6
      else if (is_ahletter(prev2) && (prev == wb::midletter || is_midnumletq(prev)) && is_ahletter(cur))
        join = true;  // WB7
      else if (prev == wb::hebrew_letter && cur == wb::single_quote)
        join = true;  // WB7a
      else if (prev == wb::hebrew_letter && cur == wb::double_quote)
        join = lookahead() == wb::hebrew_letter;  // WB7b
      else if (prev2 == wb::hebrew_letter && prev == wb::double_quote && cur == wb::hebrew_letter)
        join = true;  // WB7c
      else if ((prev == wb::numeric || is_ahletter(prev)) && cur == wb::numeric)
        join = true;  // WB8, WB9
      else if (prev == wb::numeric && is_ahletter(cur))
        join = true;  // WB10
      else if (prev2 == wb::numeric && (prev == wb::midnum || is_midnumletq(prev)) && cur == wb::numeric)
        join = true;  // WB11
      else if (prev == wb::numeric && (cur == wb::midnum || is_midnumletq(cur)))
        join = lookahead() == wb::numeric;  // WB12
      else if (prev == wb::katakana && cur == wb::katakana)
        join = true;  // WB13
      else if ((is_ahletter(prev) || prev == wb::numeric || prev == wb::katakana || prev == wb::extendnumlet) &&
               cur == wb::extendnumlet)
        join = true;  // WB13a
      else if (prev == wb::extendnumlet && (is_ahletter(cur) || cur == wb::numeric || cur == wb::katakana))
        join = true;  // WB13b
      else if (prev == wb::regional_indicator && cur == wb::regional_indicator)
        join = (ri & 1) != 0;  // WB15, WB16
      else
        join = false;  // WB999
    }
    if (!join) break;
    r.jump(next, len);
    kinds |= content_kind(c, p);
    ri = cur == word_break::regional_indicator ? ri + 1 : 0;
    prev2 = prev;
    prev = cur;
    raw = cur;
  }
  return r.done(first, status_of(kinds));
}

// Eight bytes of UTF-8 at once (SWAR): how many of them, from the first, are ASCII letters, digits
// or underscores, and what those hold. The tokenizer reads words this way on real news text, where
// it beats a byte loop's branches; the plain word view keeps the byte loop, which measured no slower.
enum : std::uint32_t { sw_alpha = 1, sw_digit = 2, sw_upper = 4, sw_lower = 8, sw_underscore = 64 };
struct swar_run {
  std::uint32_t length;  // 0..8
  std::uint32_t shape;   // sw_* bits of the bytes in the run (the tokenizer's shape bits agree)
};

BYLINE_ALWAYS_INLINE swar_run swar_word_run(const void* p) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull, low7 = 0x7F7F7F7F7F7F7F7Full;
  std::uint64_t x;
  std::memcpy(&x, p, 8);
  if constexpr (std::endian::native == std::endian::big) {
    // The first byte must be the lowest, as on little-endian machines.
    std::uint64_t r = 0;
    for (int k = 0; k < 8; ++k) r |= ((x >> (8 * k)) & 0xFF) << (8 * (7 - k));
    x = r;
  }
  const std::uint64_t ascii = ~x & high;  // high bit set where the byte is ASCII
  const std::uint64_t x7 = x & low7;
  // Bytes in [lo, hi] (with the high bit cleared, so no carry crosses a byte).
  auto in_range = [&](std::uint64_t v, unsigned lo, unsigned hi) {
    const std::uint64_t ge = (v + ones * (0x80 - lo)) & high;  // v >= lo
    const std::uint64_t gt = (v + ones * (0x7F - hi)) & high;  // v > hi
    return ge & ~gt;
  };
  // Letters of either case: with bit 5 set, A-Z become a-z. Bit 5 itself then tells the case.
  const std::uint64_t letter = in_range(x7 | (ones * 0x20), 'a', 'z') & ascii;
  const std::uint64_t case_bit = (x << 2) & high;  // bit 5 of each byte, moved to bit 7
  const std::uint64_t lower = letter & case_bit;
  const std::uint64_t upper = letter & ~case_bit;
  const std::uint64_t digit = in_range(x7, '0', '9') & ascii;
  const std::uint64_t under = in_range(x7, '_', '_') & ascii;
  const std::uint64_t word = letter | digit | under;
  const std::uint64_t stop = ~word & high;
  const unsigned length = stop ? static_cast<unsigned>(std::countr_zero(stop)) / 8 : 8u;
  const std::uint64_t in = length == 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * length)) - 1;
  std::uint32_t shape = 0;
  if (letter & in) shape |= sw_alpha;
  if (lower & in) shape |= sw_lower;
  if (upper & in) shape |= sw_upper;
  if (digit & in) shape |= sw_digit;
  if (under & in) shape |= sw_underscore;
  return {length, shape};
}

// The fast path: decides a segment made of ASCII alone, followed by ASCII or the end. Returns false
// when anything else could matter (a non-ASCII code point may be an extending mark, a letter...).
template <unicode::encoding E, class I, class S>
constexpr bool word_fast(const I& first, const S& last, step<I, word_status>& out) {
  reader<E, I, S> r{first, last};
  const auto u0 = r.unit();
  if (u0 >= 0x80) return false;
  const auto& t = ascii_words;
  const std::uint8_t c0 = t.cls[u0];
  r.bump();
  switch (c0) {
    case a_letter:
    case a_digit:
    case a_underscore: {
      std::uint8_t kinds = t.kind[u0];
      std::uint8_t tail = c0;  // class of the last code unit, for the middle-letter rules
      for (;;) {
        std::uint32_t u = 0;
        while (!r.at_end() && (u = r.unit()) < 0x80 && t.cls[u] <= a_underscore) {
          tail = t.cls[u];
          kinds |= t.kind[u];
          r.bump();
        }
        if (r.at_end()) break;
        if (u >= 0x80) return false;
        if (t.cls[u] != a_mid || tail == a_underscore) break;
        // A middle character joins only between two letters (WB6/7) or two digits (WB11/12).
        I after = r.it;
        ++after;
        if (after == last) break;
        const auto v = unicode::detail::unit_value(*after);
        if (v >= 0x80) return false;
        const bool joined = (tail == a_letter && t.cls[v] == a_letter && t.joins_letters[u]) ||
                            (tail == a_digit && t.cls[v] == a_digit && t.joins_digits[u]);
        if (!joined) break;
        r.bump();
        r.bump();
        tail = t.cls[v];
        kinds |= t.kind[v];
      }
      out = r.done(first, status_of(kinds));
      return true;
    }
    case a_space:
      while (!r.at_end() && r.unit() == u0) r.bump();  // WB3d: only U+0020 is WSegSpace in ASCII
      if (!r.at_end() && r.unit() >= 0x80) return false;
      out = r.done(first, word_status::whitespace);
      return true;
    case a_cr:
      if (!r.at_end() && r.unit() == 0x0A) r.bump();
      out = r.done(first, word_status::whitespace);
      return true;
    case a_lf:
      out = r.done(first, word_status::whitespace);
      return true;
    default:
      if (!r.at_end() && r.unit() >= 0x80) return false;
      out = r.done(first, status_of(t.kind[u0]));
      return true;
  }
}

struct word_engine {
  using status_type = word_status;
  template <class I>
  using segment = word_segment<I>;
  template <unicode::encoding E, class I, class S>
  static constexpr step<I, word_status> next(I first, S last) {
    step<I, word_status> s;
    if (word_fast<E>(first, last, s)) return s;
    return word_rules<E>(std::move(first), std::move(last));
  }
};

}  // namespace detail

// words(text): the UAX #29 word segments of `text`, a lazy view whose elements are word_segment.
inline constexpr detail::segmenter_fn<detail::word_engine> words{};

}  // namespace byline::segment
