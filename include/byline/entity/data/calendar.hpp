// GENERATED. DO NOT EDIT.
// Months, weekdays, seasons and relative days for DATE rules.
// Generator: tools/gen_entity_resources.py
// Sources and licences:
//   - byline's own lists in tools/data/entity/ (calendar.tsv); MIT, like byline.
// 63 rows.
// Remake:
//   python3 tools/gen_entity_resources.py --cldr /usr/share/unicode/cldr --lexicons ../shared/data/lexicons --data tools/data/entity --out-dir include/byline/entity/data
#pragma once

#include <byline/entity/resources.hpp>

namespace byline::resources {

namespace detail {
inline constexpr term_entry calendar_table[] = {
    {"Apr", "April", term_kind::month, 4, flag::abbreviation},
    {"Apr.", "April", term_kind::month, 4, flag::abbreviation},
    {"April", "April", term_kind::month, 4, 0},
    {"Aug", "August", term_kind::month, 8, flag::abbreviation},
    {"Aug.", "August", term_kind::month, 8, flag::abbreviation},
    {"August", "August", term_kind::month, 8, 0},
    {"Autumn", "autumn", term_kind::season, 3, 0},
    {"Dec", "December", term_kind::month, 12, flag::abbreviation},
    {"Dec.", "December", term_kind::month, 12, flag::abbreviation},
    {"December", "December", term_kind::month, 12, 0},
    {"Fall", "autumn", term_kind::season, 3, flag::ambiguous},
    {"Feb", "February", term_kind::month, 2, flag::abbreviation},
    {"Feb.", "February", term_kind::month, 2, flag::abbreviation},
    {"February", "February", term_kind::month, 2, 0},
    {"Fri.", "Friday", term_kind::weekday, 5, flag::abbreviation},
    {"Friday", "Friday", term_kind::weekday, 5, 0},
    {"Jan", "January", term_kind::month, 1, flag::abbreviation},
    {"Jan.", "January", term_kind::month, 1, flag::abbreviation},
    {"January", "January", term_kind::month, 1, 0},
    {"Jul.", "July", term_kind::month, 7, flag::abbreviation},
    {"July", "July", term_kind::month, 7, 0},
    {"Jun.", "June", term_kind::month, 6, flag::abbreviation},
    {"June", "June", term_kind::month, 6, 0},
    {"Mar.", "March", term_kind::month, 3, flag::abbreviation},
    {"March", "March", term_kind::month, 3, flag::ambiguous},
    {"May", "May", term_kind::month, 5, flag::ambiguous},
    {"Mon.", "Monday", term_kind::weekday, 1, flag::abbreviation},
    {"Monday", "Monday", term_kind::weekday, 1, 0},
    {"Nov", "November", term_kind::month, 11, flag::abbreviation},
    {"Nov.", "November", term_kind::month, 11, flag::abbreviation},
    {"November", "November", term_kind::month, 11, 0},
    {"Oct", "October", term_kind::month, 10, flag::abbreviation},
    {"Oct.", "October", term_kind::month, 10, flag::abbreviation},
    {"October", "October", term_kind::month, 10, 0},
    {"Sat.", "Saturday", term_kind::weekday, 6, flag::abbreviation|flag::ambiguous},
    {"Saturday", "Saturday", term_kind::weekday, 6, 0},
    {"Sep", "September", term_kind::month, 9, flag::abbreviation},
    {"Sep.", "September", term_kind::month, 9, flag::abbreviation},
    {"Sept", "September", term_kind::month, 9, flag::abbreviation},
    {"Sept.", "September", term_kind::month, 9, flag::abbreviation},
    {"September", "September", term_kind::month, 9, 0},
    {"Spring", "spring", term_kind::season, 1, flag::ambiguous},
    {"Summer", "summer", term_kind::season, 2, 0},
    {"Sun.", "Sunday", term_kind::weekday, 7, flag::abbreviation|flag::ambiguous},
    {"Sunday", "Sunday", term_kind::weekday, 7, 0},
    {"Thu.", "Thursday", term_kind::weekday, 4, flag::abbreviation},
    {"Thur.", "Thursday", term_kind::weekday, 4, flag::abbreviation},
    {"Thurs.", "Thursday", term_kind::weekday, 4, flag::abbreviation},
    {"Thursday", "Thursday", term_kind::weekday, 4, 0},
    {"Tue.", "Tuesday", term_kind::weekday, 2, flag::abbreviation},
    {"Tues.", "Tuesday", term_kind::weekday, 2, flag::abbreviation},
    {"Tuesday", "Tuesday", term_kind::weekday, 2, 0},
    {"Wed.", "Wednesday", term_kind::weekday, 3, flag::abbreviation|flag::ambiguous},
    {"Wednesday", "Wednesday", term_kind::weekday, 3, 0},
    {"Winter", "winter", term_kind::season, 4, 0},
    {"autumn", "autumn", term_kind::season, 3, 0},
    {"fall", "autumn", term_kind::season, 3, flag::ambiguous},
    {"spring", "spring", term_kind::season, 1, flag::ambiguous},
    {"summer", "summer", term_kind::season, 2, 0},
    {"today", "today", term_kind::relative_day, 0, 0},
    {"tomorrow", "tomorrow", term_kind::relative_day, 1, 0},
    {"winter", "winter", term_kind::season, 4, 0},
    {"yesterday", "yesterday", term_kind::relative_day, -1, 0},
};
}  // namespace detail

// Month (value 1-12), weekday (1-7, Monday = 1), season (1 spring .. 4 winter) and
// relative-day (offset in days) words, with abbreviations. Sorted by surface (bytes).
constexpr std::span<const term_entry> calendar() noexcept { return detail::calendar_table; }


}  // namespace byline::resources
