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

static_assert(std::ranges::is_sorted(marks, {}, &mark_info::code_point), "marks is sorted by code point");
static_assert(std::size(marks) < 127, "mark indices fit in an int8_t");

// A two-level table made from `marks`, so that no lookup searches: the tokenizer and the token norms
// ask about every code point of non-ASCII words, and a binary search for each (most are letters,
// Arabic or accented Latin, and no mark) cost the tokenizer several per cent. The BMP in blocks of
// 128 code points: block_page gives each block a page of indices into `marks`, page 0 for ASCII and
// one shared page of -1 for every block without a mark (all but a handful).
inline constexpr std::size_t mark_block_bits = 7, mark_blocks = 0x10000 >> mark_block_bits;

constexpr std::size_t count_mark_pages() {
  // Page 0: ASCII; page 1: no marks; then one page per other block that holds a mark.
  std::size_t pages = 2;
  for (std::size_t i = 0; i < std::size(marks); ++i) {
    const auto blk = marks[i].code_point >> mark_block_bits;
    if (blk != 0 && (i == 0 || (marks[i - 1].code_point >> mark_block_bits) != blk)) ++pages;
  }
  return pages;
}

struct mark_trie {
  std::array<std::uint8_t, mark_blocks> block_page{};
  std::array<std::array<std::int8_t, std::size_t{1} << mark_block_bits>, count_mark_pages()> pages{};
};

inline constexpr mark_trie mark_table = [] {
  static_assert(std::size(marks) > 0 && marks[std::size(marks) - 1].code_point < 0x10000, "marks are in the BMP");
  mark_trie t;
  for (auto& page : t.pages) page.fill(-1);
  t.block_page.fill(1);
  t.block_page[0] = 0;
  std::size_t next = 2;
  for (std::size_t i = 0; i < std::size(marks); ++i) {
    const auto c = marks[i].code_point;
    const auto blk = c >> mark_block_bits;
    if (t.block_page[blk] == 1) t.block_page[blk] = static_cast<std::uint8_t>(next++);
    t.pages[t.block_page[blk]][c & ((1u << mark_block_bits) - 1)] = static_cast<std::int8_t>(i);
  }
  return t;
}();

constexpr int mark_index(char32_t c) noexcept {
  if (c < 0x80) return mark_table.pages[0][c];  // one load for ASCII, the usual case
  if (c >= 0x10000) return -1;
  return mark_table.pages[mark_table.block_page[c >> mark_block_bits]][c & ((1u << mark_block_bits) - 1)];
}

}  // namespace detail

// The table's entry for c, or an entry with side none, no apostrophe and no straight form.
constexpr const mark_info& find_mark(char32_t c) noexcept {
  const int i = detail::mark_index(c);
  return i < 0 ? detail::no_mark : marks[i];
}

// The table must find every mark it holds, and nothing else near them.
// Indices, not addresses: g++ under -fsanitize=address will not compare the addresses of two
// distinct objects in a constant expression.
static_assert([] {
  for (std::size_t i = 0; i < std::size(marks); ++i)
    if (detail::mark_index(marks[i].code_point) != static_cast<int>(i)) return false;
  // Every code point up to the end of the last block with a mark, walking the sorted list alongside
  // (a search for each would pass clang's constexpr step limit).
  std::size_t k = 0;
  for (char32_t c = 0; c < 0x3100; ++c) {
    while (k < std::size(marks) && marks[k].code_point < c) ++k;
    const bool listed = k < std::size(marks) && marks[k].code_point == c;
    if (listed != (detail::mark_index(c) >= 0)) return false;
  }
  return detail::mark_index(0x10FFFF) < 0 && detail::mark_index(0xFFFF) < 0;
}());

constexpr quote_side quote_side_of(char32_t c) noexcept { return find_mark(c).side; }
constexpr bool is_quotation_mark(char32_t c) noexcept { return quote_side_of(c) != quote_side::none; }
constexpr bool is_apostrophe(char32_t c) noexcept { return find_mark(c).apostrophe; }
constexpr char32_t straight_form(char32_t c) noexcept {
  const auto& m = find_mark(c);
  return m.straight ? m.straight : c;
}

}  // namespace byline::unicode
