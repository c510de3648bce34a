// byline — default English news resources for the entity extractor: row types, flags, lookups.
//
// The data lives in generated headers under byline/entity/data/, one per family, so a program
// pays only for what it includes (tools/gen_entity_resources.py makes them; README.md names the
// sources and licences). Each header defines its accessors in byline::resources:
//
//   data/countries.hpp          countries(), regions()                      resource_entry
//   data/demonyms.hpp           demonyms(), groups()                        resource_entry
//   data/cities.hpp             cities()                                    city_entry
//   data/capitals.hpp           capitals()                                  resource_entry
//   data/organisations.hpp      organisations()                             resource_entry
//   data/seats.hpp              seats()                                     resource_entry
//   data/titles.hpp             titles()                                    term_entry
//   data/org_words.hpp          org_words()                                 term_entry
//   data/calendar.hpp           calendar()                                  term_entry
//   data/first_names.hpp        first_names()                               first_name_entry
//   data/surnames.hpp           surnames()                                  surname_entry
//
// Every table is sorted by `surface` as bytes (std::string_view's order), so lookup() is a binary
// search and all rows of one surface are adjacent. Surfaces are as written in running text and
// never include a leading "the" (flag::takes_the says one is usual); matching is case-sensitive
// except for the person-name tables, which are lower-case (use lookup_folded()).
#pragma once

#include <byline/entity/labels.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace byline::resources {

// Row flags, one bit set shared by every table (the generator reads the names from this list).
namespace flag {
// How the surface is written or used.
inline constexpr std::uint32_t abbreviation = 1u << 0;    // U.S., NATO, Sen., Jan.
inline constexpr std::uint32_t takes_the = 1u << 1;       // usually "the Kremlin", "the United States"
inline constexpr std::uint32_t official = 1u << 2;        // official long form (Russian Federation)
inline constexpr std::uint32_t arabic = 1u << 3;          // an Arabic name (from CLDR)
inline constexpr std::uint32_t plural = 1u << 4;          // Russians, officials
inline constexpr std::uint32_t ambiguous = 1u << 5;       // also an ordinary word or a name: needs context
inline constexpr std::uint32_t alias = 1u << 6;           // another spelling of the canonical name
inline constexpr std::uint32_t person_noun = 1u << 7;     // names a person (a Russian, Briton)
// NORP kinds.
inline constexpr std::uint32_t nationality = 1u << 8;
inline constexpr std::uint32_t political = 1u << 9;
inline constexpr std::uint32_t religious = 1u << 10;
inline constexpr std::uint32_t ethnic = 1u << 11;
inline constexpr std::uint32_t regional = 1u << 12;       // European, Western
// Which institution (seats, organisations, titles).
inline constexpr std::uint32_t executive = 1u << 13;
inline constexpr std::uint32_t legislature = 1u << 14;
inline constexpr std::uint32_t defence = 1u << 15;
inline constexpr std::uint32_t foreign_affairs = 1u << 16;
inline constexpr std::uint32_t judiciary = 1u << 17;
inline constexpr std::uint32_t security = 1u << 18;       // police and intelligence
inline constexpr std::uint32_t central_bank = 1u << 19;
// Cities.
inline constexpr std::uint32_t capital = 1u << 20;        // national capital (GeoNames PPLC)
inline constexpr std::uint32_t admin_seat = 1u << 21;     // seat of a first-order division (PPLA)
// Titles and organisations.
inline constexpr std::uint32_t military = 1u << 22;
inline constexpr std::uint32_t royal = 1u << 23;
inline constexpr std::uint32_t diplomatic = 1u << 24;
inline constexpr std::uint32_t business = 1u << 25;
inline constexpr std::uint32_t media = 1u << 26;          // news organisations, press roles
inline constexpr std::uint32_t intergovernmental = 1u << 27;
inline constexpr std::uint32_t of_pattern = 1u << 28;     // "Ministry of X"
inline constexpr std::uint32_t after_name = 1u << 29;     // "X Party"
inline constexpr std::uint32_t female = 1u << 30;
inline constexpr std::uint32_t male = 1u << 31;
}  // namespace flag

constexpr bool has(std::uint32_t flags, std::uint32_t f) noexcept { return (flags & f) == f; }

// A name with its label. `canonical` is the same string for every surface of one real-world
// entity; `id` is an ISO 3166 code for places and states, a UN M49 code for CLDR's regions, else a
// slug of ours; `stands_for` is the canonical name of the state a seat of government or a capital
// can stand for ("the Kremlin said" -> Russia), empty otherwise.
struct resource_entry {
  std::string_view surface;
  entity_label label;
  std::string_view canonical;
  std::string_view id;
  std::uint32_t flags;
  std::string_view stands_for;
};

// A city (always GPE): canonical is GeoNames' name, country its ISO 3166-1 alpha-2 code.
struct city_entry {
  std::string_view surface;
  std::string_view canonical;
  std::string_view country;
  std::uint32_t geonames_id;
  std::uint32_t population;
  std::uint32_t flags;
};

// A given name (lower-case): rank in the 1990 census male and female lists (0: not in that list)
// and frequency per 100,000 men and per 100,000 women.
struct first_name_entry {
  std::string_view surface;
  std::uint16_t male_rank;
  std::uint16_t female_rank;
  std::uint16_t male_per_100k;
  std::uint16_t female_per_100k;
};

constexpr bool likely_male(const first_name_entry& e) noexcept { return e.male_per_100k > e.female_per_100k; }
constexpr bool likely_female(const first_name_entry& e) noexcept { return e.female_per_100k > e.male_per_100k; }

// A surname (lower-case) with its 1990 census rank and frequency per 100,000 people.
struct surname_entry {
  std::string_view surface;
  std::uint32_t rank;
  std::uint16_t per_100k;
};

// What a word list entry is (titles, organisation words, calendar words).
enum class term_kind : std::uint8_t {
  title,         // "Vice President", "Sen." before a name
  honorific,     // "Mr.", "Dr."
  role,          // "aide", "spokeswoman" (lower-case)
  org_suffix,    // "Inc.", "plc"
  org_head,      // "Ministry", "Party"
  month,         // value 1-12
  weekday,       // value 1-7, Monday = 1
  season,        // value 1 spring, 2 summer, 3 autumn, 4 winter
  relative_day,  // value: days from the day of writing (yesterday = -1)
};

struct term_entry {
  std::string_view surface;
  std::string_view canonical;  // the expansion of an abbreviation, else the word
  term_kind kind;
  std::int16_t value;
  std::uint32_t flags;
};

// All rows of `table` whose surface is `surface` (empty if none). `table` must be sorted by
// surface, as every generated table is.
template <class Entry>
constexpr std::span<const Entry> lookup(std::span<const Entry> table, std::string_view surface) noexcept {
  std::size_t lo = 0, hi = table.size();
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (table[mid].surface < surface)
      lo = mid + 1;
    else
      hi = mid;
  }
  std::size_t end = lo;
  while (end < table.size() && table[end].surface == surface) ++end;
  return table.subspan(lo, end - lo);
}

namespace detail {
constexpr char ascii_lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Compares a lower-case table surface with `word` as if `word` were ASCII-lower-cased.
constexpr int compare_folded(std::string_view lower, std::string_view word) noexcept {
  const std::size_t n = lower.size() < word.size() ? lower.size() : word.size();
  for (std::size_t i = 0; i < n; ++i) {
    const auto a = static_cast<unsigned char>(lower[i]);
    const auto b = static_cast<unsigned char>(ascii_lower(word[i]));
    if (a != b) return a < b ? -1 : 1;
  }
  return lower.size() < word.size() ? -1 : lower.size() > word.size() ? 1 : 0;
}
}  // namespace detail

// lookup() for the lower-case tables (first_names(), surnames()): "SMITH", "Smith" and "smith"
// all find "smith". Only ASCII letters are folded, which is all the census lists hold.
template <class Entry>
constexpr std::span<const Entry> lookup_folded(std::span<const Entry> table, std::string_view word) noexcept {
  std::size_t lo = 0, hi = table.size();
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (detail::compare_folded(table[mid].surface, word) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  std::size_t end = lo;
  while (end < table.size() && detail::compare_folded(table[end].surface, word) == 0) ++end;
  return table.subspan(lo, end - lo);
}

}  // namespace byline::resources
