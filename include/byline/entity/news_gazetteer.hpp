// byline — the default English news gazetteer, built once from the generated resources, and
// what the entity extractor and the model's features ask of a match.
//
//   const byline::gazetteer& g = byline::news_gazetteer();   // built on first use, then shared
//
// It holds countries and territories (with their Arabic names), regions, demonyms and groups,
// cities (GeoNames), capitals, international and news organisations and seats of government.
// Person names, titles and calendar words are not in it: they are features and rule words, not
// entities by themselves. Every entry is case-sensitive, so "US" never matches "us".
#pragma once

#include <byline/entity/data/capitals.hpp>
#include <byline/entity/data/cities.hpp>
#include <byline/entity/data/countries.hpp>
#include <byline/entity/data/demonyms.hpp>
#include <byline/entity/data/organisations.hpp>
#include <byline/entity/data/seats.hpp>
#include <byline/entity/gazetteer.hpp>
#include <byline/entity/labels.hpp>
#include <byline/entity/resources.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace byline {

// What kind of thing a gazetteer entry names, read from the entry itself (label, id, the seats
// table), so that users' entries get a kind too.
enum class gazetteer_kind : std::uint8_t { other, country, city, region, norp, org, seat, fac, person };

inline gazetteer_kind kind_of(const gazetteer_entry_view& e) {
  const auto id = e.id();
  if (!resources::lookup(resources::seats(), e.surface()).empty()) return gazetteer_kind::seat;
  switch (e.label()) {
    case entity_label::gpe:
      if (id.starts_with("geonames:")) return gazetteer_kind::city;
      if (id.size() == 2) return gazetteer_kind::country;
      return gazetteer_kind::region;
    case entity_label::loc: return gazetteer_kind::region;
    case entity_label::norp: return gazetteer_kind::norp;
    case entity_label::org: return gazetteer_kind::org;
    case entity_label::fac: return gazetteer_kind::fac;
    case entity_label::person: return gazetteer_kind::person;
    default: return gazetteer_kind::other;
  }
}

inline std::string_view name(gazetteer_kind k) noexcept {
  constexpr std::string_view n[] = {"other", "country", "city", "region", "norp", "org", "seat", "fac", "person"};
  return n[static_cast<std::size_t>(k)];
}

// For a seat of government or a capital: the country whose government it can stand for, and that
// country's ISO code; empty when the entry is neither.
struct stands_for_info {
  std::string_view country;
  std::string_view country_id;
  bool seat = false;     // always stands for the government
  bool capital = false;  // stands for it where it acts or speaks
};

inline stands_for_info stands_for_of(const gazetteer_entry_view& e) {
  for (const auto& s : resources::lookup(resources::seats(), e.surface()))
    if (!s.stands_for.empty()) return {s.stands_for, s.id, true, false};
  if (e.label() == entity_label::gpe)
    for (const auto& c : resources::lookup(resources::capitals(), e.surface()))
      if (!c.stands_for.empty()) return {c.stands_for, c.id, false, true};
  return {};
}

namespace detail {

inline void add_resource_entries(gazetteer_builder& b) {
  auto add_table = [&](auto table) {
    for (const auto& r : table) {
      if (r.surface.empty()) continue;
      b.add({.surface = std::string(r.surface),
             .label = r.label,
             .canonical = std::string(r.canonical),
             .id = std::string(r.id),
             .case_sensitive = true,
             .flags = r.flags});
    }
  };
  add_table(resources::countries());
  add_table(resources::regions());
  add_table(resources::demonyms());
  add_table(resources::groups());
  add_table(resources::organisations());
  // Seats: their own id (the resource's id is the country's), their country found by kind_of().
  for (const auto& r : resources::seats())
    b.add({.surface = std::string(r.surface),
           .label = r.label,
           .canonical = std::string(r.canonical),
           .id = {},
           .case_sensitive = true,
           .flags = r.flags});
  for (const auto& c : resources::cities())
    b.add({.surface = std::string(c.surface),
           .label = entity_label::gpe,
           .canonical = std::string(c.canonical),
           .id = "geonames:" + std::to_string(c.geonames_id),
           .case_sensitive = true,
           .flags = c.flags});
}

}  // namespace detail

// The default news gazetteer: built on first use (thread-safe), immutable, shared.
inline const gazetteer& news_gazetteer() {
  static const gazetteer g = [] {
    gazetteer_builder b;
    detail::add_resource_entries(b);
    return std::move(b).build();
  }();
  return g;
}

}  // namespace byline
