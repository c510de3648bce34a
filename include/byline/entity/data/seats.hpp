// GENERATED. DO NOT EDIT.
// Seats of government and national bodies and the state each stands for.
// Generator: tools/gen_entity_resources.py
// Sources and licences:
//   - CLDR 41 common/main/{en,ar}.xml territory names and common/validity/region.xml, from
//     Debian's unicode-cldr-core (/usr/share/unicode/cldr). Copyright (c) 1991-2022 Unicode, Inc.;
//     Unicode License Agreement - Data Files and Software (Unicode-DFS-2016).
//   - byline's own lists in tools/data/entity/ (seats.tsv); MIT, like byline.
// Country names from CLDR (see countries.hpp).
// 49 rows.
// Remake:
//   python3 tools/gen_entity_resources.py --cldr /usr/share/unicode/cldr --lexicons ../shared/data/lexicons --data tools/data/entity --out-dir include/byline/entity/data
#pragma once

#include <byline/entity/resources.hpp>

namespace byline::resources {

namespace detail {
inline constexpr resource_entry seats_table[] = {
    {"10 Downing Street", entity_label::org, "Downing Street", "GB", flag::executive, "United Kingdom"},
    {"Bankova", entity_label::org, "Bankova", "UA", flag::executive, "Ukraine"},
    {"Berlaymont", entity_label::org, "Berlaymont", "EU", flag::takes_the|flag::executive, "European Union"},
    {"Blue House", entity_label::org, "Blue House", "KR", flag::takes_the|flag::executive, "South Korea"},
    {"Brussels", entity_label::gpe, "Brussels", "EU", flag::ambiguous|flag::executive, "European Union"},
    {"Bundestag", entity_label::org, "Bundestag", "DE", flag::takes_the|flag::legislature, "Germany"},
    {"Capitol", entity_label::fac, "United States Capitol", "US", flag::takes_the|flag::ambiguous|flag::legislature, "United States"},
    {"Capitol Hill", entity_label::org, "Capitol Hill", "US", flag::legislature, "United States"},
    {"Casa Rosada", entity_label::org, "Casa Rosada", "AR", flag::takes_the|flag::executive, "Argentina"},
    {"Chancellery", entity_label::org, "Chancellery", "DE", flag::takes_the|flag::ambiguous|flag::executive, "Germany"},
    {"Downing Street", entity_label::org, "Downing Street", "GB", flag::executive, "United Kingdom"},
    {"Duma", entity_label::org, "State Duma", "RU", flag::takes_the|flag::legislature, "Russia"},
    {"Elysee", entity_label::org, "Élysée", "FR", flag::takes_the|flag::executive, "France"},
    {"Elysee Palace", entity_label::org, "Élysée", "FR", flag::takes_the|flag::executive, "France"},
    {"Foggy Bottom", entity_label::org, "Foggy Bottom", "US", flag::foreign_affairs, "United States"},
    {"Great Hall of the People", entity_label::fac, "Great Hall of the People", "CN", flag::takes_the|flag::legislature, "China"},
    {"Holy See", entity_label::gpe, "Vatican City", "VA", flag::takes_the|flag::religious|flag::executive, "Vatican City"},
    {"Holyrood", entity_label::org, "Holyrood", "GB-SCT", flag::legislature, "Scotland"},
    {"Kantei", entity_label::org, "Kantei", "JP", flag::takes_the|flag::executive, "Japan"},
    {"Knesset", entity_label::org, "Knesset", "IL", flag::takes_the|flag::legislature, "Israel"},
    {"Kremlin", entity_label::org, "Kremlin", "RU", flag::takes_the|flag::executive, "Russia"},
    {"Langley", entity_label::org, "Langley", "US", flag::ambiguous|flag::security, "United States"},
    {"Lubyanka", entity_label::org, "Lubyanka", "RU", flag::takes_the|flag::security, "Russia"},
    {"Matignon", entity_label::org, "Matignon", "FR", flag::executive, "France"},
    {"Moncloa", entity_label::org, "Moncloa", "ES", flag::takes_the|flag::executive, "Spain"},
    {"National People's Congress", entity_label::org, "National People's Congress", "CN", flag::takes_the|flag::legislature, "China"},
    {"No. 10", entity_label::org, "Downing Street", "GB", flag::ambiguous|flag::executive, "United Kingdom"},
    {"Number 10", entity_label::org, "Downing Street", "GB", flag::ambiguous|flag::executive, "United Kingdom"},
    {"Oval Office", entity_label::fac, "Oval Office", "US", flag::takes_the|flag::executive, "United States"},
    {"Palazzo Chigi", entity_label::org, "Palazzo Chigi", "IT", flag::executive, "Italy"},
    {"Parliament Hill", entity_label::org, "Parliament Hill", "CA", flag::legislature, "Canada"},
    {"Pentagon", entity_label::org, "Pentagon", "US", flag::takes_the|flag::defence, "United States"},
    {"Planalto", entity_label::org, "Planalto", "BR", flag::takes_the|flag::executive, "Brazil"},
    {"Quai d'Orsay", entity_label::org, "Quai d'Orsay", "FR", flag::takes_the|flag::foreign_affairs, "France"},
    {"Quirinale", entity_label::org, "Quirinale", "IT", flag::takes_the|flag::executive, "Italy"},
    {"Rada", entity_label::org, "Verkhovna Rada", "UA", flag::takes_the|flag::legislature, "Ukraine"},
    {"Raisina Hill", entity_label::org, "Raisina Hill", "IN", flag::executive, "India"},
    {"Scotland Yard", entity_label::org, "Scotland Yard", "GB", flag::security, "United Kingdom"},
    {"State Duma", entity_label::org, "State Duma", "RU", flag::takes_the|flag::legislature, "Russia"},
    {"Stormont", entity_label::org, "Stormont", "GB-NIR", flag::legislature, "Northern Ireland"},
    {"Threadneedle Street", entity_label::org, "Bank of England", "GB", flag::central_bank, "United Kingdom"},
    {"Vatican", entity_label::gpe, "Vatican City", "VA", flag::takes_the|flag::religious|flag::executive, "Vatican City"},
    {"Verkhovna Rada", entity_label::org, "Verkhovna Rada", "UA", flag::takes_the|flag::legislature, "Ukraine"},
    {"Westminster", entity_label::org, "Westminster", "GB", flag::ambiguous|flag::legislature, "United Kingdom"},
    {"White House", entity_label::org, "White House", "US", flag::takes_the|flag::executive, "United States"},
    {"Whitehall", entity_label::org, "Whitehall", "GB", flag::executive, "United Kingdom"},
    {"Zhongnanhai", entity_label::org, "Zhongnanhai", "CN", flag::executive, "China"},
    {"Élysée", entity_label::org, "Élysée", "FR", flag::takes_the|flag::executive, "France"},
    {"Élysée Palace", entity_label::org, "Élysée", "FR", flag::takes_the|flag::executive, "France"},
};
}  // namespace detail

// Seats of government: surface (Kremlin, White House, Downing Street) -> label as
// OntoNotes uses it, id the ISO code of the state, stands_for its canonical name; flags
// say which institution (executive, legislature, defence, ...). Sorted by surface.
constexpr std::span<const resource_entry> seats() noexcept { return detail::seats_table; }


}  // namespace byline::resources
