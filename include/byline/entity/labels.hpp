// byline — entity labels: OntoNotes 5 as spaCy names them, and CoNLL-2003's four types.
//
// Every layer, resource and rule speaks entity_label. CoNLL types exist for reading and writing
// CoNLL files and for the sequence model, which is trained on CoNLL-2003; the mapping between the
// two is the one in docs/architecture.md (PERSON -> PER, ORG -> ORG, GPE/LOC/FAC -> LOC,
// NORP/EVENT/PRODUCT/WORK_OF_ART/LAW/LANGUAGE -> MISC, numbers and dates -> none).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string_view>

namespace byline {

enum class entity_label : std::uint8_t {
  person,       // PERSON
  norp,         // NORP: nationalities, religious and political groups
  fac,          // FAC: buildings, airports, bridges
  org,          // ORG
  gpe,          // GPE: countries, cities, states
  loc,          // LOC: non-GPE locations, mountains, seas
  product,      // PRODUCT
  event,        // EVENT
  work_of_art,  // WORK_OF_ART
  law,          // LAW
  language,     // LANGUAGE
  date,         // DATE
  time,         // TIME
  percent,      // PERCENT
  money,        // MONEY
  quantity,     // QUANTITY
  ordinal,      // ORDINAL
  cardinal,     // CARDINAL
};

inline constexpr std::size_t entity_label_count = 18;

inline constexpr std::string_view entity_label_names[entity_label_count] = {
    "PERSON", "NORP", "FAC",  "ORG",  "GPE",     "LOC",   "PRODUCT",  "EVENT",   "WORK_OF_ART",
    "LAW",    "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"};

constexpr std::string_view name(entity_label l) noexcept {
  const auto i = static_cast<std::size_t>(l);
  return i < entity_label_count ? entity_label_names[i] : "?";
}

// The label spelled as spaCy spells it ("PERSON", "GPE"); also accepts CoNLL's PER, LOC, ORG and
// MISC (MISC reads as NORP, the commonest MISC in news) so that users' gazetteers written for
// either scheme load.
constexpr std::optional<entity_label> parse_entity_label(std::string_view s) noexcept {
  for (std::size_t i = 0; i < entity_label_count; ++i)
    if (entity_label_names[i] == s) return static_cast<entity_label>(i);
  if (s == "PER") return entity_label::person;
  if (s == "LOC") return entity_label::loc;
  if (s == "MISC") return entity_label::norp;
  return std::nullopt;
}

inline std::ostream& operator<<(std::ostream& os, entity_label l) { return os << name(l); }

// Whether a label names a thing (a name) rather than a value (a date or a number).
constexpr bool is_name(entity_label l) noexcept { return l <= entity_label::language; }

// CoNLL-2003's types. `none` is O: the value labels have no CoNLL type.
enum class conll_type : std::uint8_t { none, per, org, loc, misc };

inline constexpr std::string_view conll_type_names[] = {"O", "PER", "ORG", "LOC", "MISC"};

constexpr std::string_view name(conll_type t) noexcept {
  const auto i = static_cast<std::size_t>(t);
  return i < std::size(conll_type_names) ? conll_type_names[i] : "?";
}

constexpr std::optional<conll_type> parse_conll_type(std::string_view s) noexcept {
  for (std::size_t i = 0; i < std::size(conll_type_names); ++i)
    if (conll_type_names[i] == s) return static_cast<conll_type>(i);
  return std::nullopt;
}

inline std::ostream& operator<<(std::ostream& os, conll_type t) { return os << name(t); }

constexpr conll_type to_conll(entity_label l) noexcept {
  switch (l) {
    case entity_label::person: return conll_type::per;
    case entity_label::org: return conll_type::org;
    case entity_label::gpe:
    case entity_label::loc:
    case entity_label::fac: return conll_type::loc;
    case entity_label::norp:
    case entity_label::event:
    case entity_label::product:
    case entity_label::work_of_art:
    case entity_label::law:
    case entity_label::language: return conll_type::misc;
    default: return conll_type::none;
  }
}

}  // namespace byline
