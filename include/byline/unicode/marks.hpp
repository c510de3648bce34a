// byline — quotation marks and apostrophes: the one table that the tokenizer (quote kinds, open and
// close flags, clitics), token norms (records.hpp, the JSON writer) and the paragraph rules' phrase
// matching all read, so that they cannot disagree on which marks there are.
//
//   quote_side_of(c)     open, close, either (straight marks, decided by context) or none
//   is_quotation_mark(c) quote_side_of(c) != none
//   is_apostrophe(c)     ' ’ ʼ : elisions and possessives (don’t, Moscow’s, ’90s)
//   straight_form(c)     ' or " for every mark of the table, c itself for anything else
//
// Single marks (‘ ’ ‚ ‛ ‹ › 『 』) fold to ', double ones (“ ” „ ‟ « » 「 」) to ". The primes ′ ″
// are no quotation marks, but scraped text often has them for ' and ", so they fold too.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>

namespace byline::unicode {

enum class quote_side : std::uint8_t { none, open, close, either };

struct mark_info {
  char32_t code_point;
  quote_side side;   // none: not a quotation mark
  bool apostrophe;   // an apostrophe (the right single quotation mark is both)
  char32_t straight; // what it folds to
};

// Sorted by code point.
inline constexpr mark_info marks[] = {
    {U'"', quote_side::either, false, U'"'},
    {U'\'', quote_side::either, true, U'\''},
    {U'\u00AB', quote_side::open, false, U'"'},    // « LEFT-POINTING DOUBLE ANGLE QUOTATION MARK
    {U'\u00BB', quote_side::close, false, U'"'},   // »
    {U'\u02BC', quote_side::none, true, U'\''},    // ʼ MODIFIER LETTER APOSTROPHE
    {U'\u2018', quote_side::open, false, U'\''},   // ‘
    {U'\u2019', quote_side::close, true, U'\''},   // ’ also the apostrophe of typeset text
    {U'\u201A', quote_side::open, false, U'\''},   // ‚ SINGLE LOW-9
    {U'\u201B', quote_side::open, false, U'\''},   // ‛ SINGLE HIGH-REVERSED-9
    {U'\u201C', quote_side::open, false, U'"'},    // “
    {U'\u201D', quote_side::close, false, U'"'},   // ”
    {U'\u201E', quote_side::open, false, U'"'},    // „ DOUBLE LOW-9
    {U'\u201F', quote_side::open, false, U'"'},    // ‟ DOUBLE HIGH-REVERSED-9
    {U'\u2032', quote_side::none, false, U'\''},   // ′ PRIME
    {U'\u2033', quote_side::none, false, U'"'},    // ″ DOUBLE PRIME
    {U'\u2039', quote_side::open, false, U'\''},   // ‹ SINGLE LEFT-POINTING ANGLE QUOTATION MARK
    {U'\u203A', quote_side::close, false, U'\''},  // ›
    {U'\u300C', quote_side::open, false, U'"'},    // 「 LEFT CORNER BRACKET (CJK quotation)
    {U'\u300D', quote_side::close, false, U'"'},   // 」
    {U'\u300E', quote_side::open, false, U'\''},   // 『 LEFT WHITE CORNER BRACKET (quote in a quote)
    {U'\u300F', quote_side::close, false, U'\''},  // 』
};

namespace detail {

inline constexpr mark_info no_mark{0, quote_side::none, false, 0};

// ASCII by a table made from `marks`; the rest by binary search (most text never gets that far).
inline constexpr auto ascii_marks = [] {
  std::array<std::int8_t, 128> t{};
  t.fill(-1);
  for (std::size_t i = 0; i < std::size(marks); ++i)
    if (marks[i].code_point < 0x80) t[marks[i].code_point] = static_cast<std::int8_t>(i);
  return t;
}();

static_assert(std::ranges::is_sorted(marks, {}, &mark_info::code_point), "find_mark searches marks by code point");

}  // namespace detail

// The table's entry for c, or an entry with side none, no apostrophe and no straight form.
constexpr const mark_info& find_mark(char32_t c) noexcept {
  if (c < 0x80) {
    const auto i = detail::ascii_marks[c];
    return i < 0 ? detail::no_mark : marks[i];
  }
  const auto* it = std::ranges::lower_bound(marks, c, {}, &mark_info::code_point);
  return it != std::end(marks) && it->code_point == c ? *it : detail::no_mark;
}

constexpr quote_side quote_side_of(char32_t c) noexcept { return find_mark(c).side; }
constexpr bool is_quotation_mark(char32_t c) noexcept { return quote_side_of(c) != quote_side::none; }
constexpr bool is_apostrophe(char32_t c) noexcept { return find_mark(c).apostrophe; }
constexpr char32_t straight_form(char32_t c) noexcept {
  const auto& m = find_mark(c);
  return m.straight ? m.straight : c;
}

}  // namespace byline::unicode
