// GENERATED. DO NOT EDIT.
// Organisation name suffixes and heads.
// Generator: tools/gen_entity_resources.py
// Sources and licences:
//   - byline's own lists in tools/data/entity/ (org_words.tsv); MIT, like byline.
// 107 rows.
// Remake:
//   python3 tools/gen_entity_resources.py --cldr /usr/share/unicode/cldr --lexicons ../shared/data/lexicons --data tools/data/entity --out-dir include/byline/entity/data
#pragma once

#include <byline/entity/resources.hpp>

namespace byline::resources {

namespace detail {
inline constexpr term_entry org_words_table[] = {
    {"AB", "aktiebolag", term_kind::org_suffix, 0, flag::abbreviation},
    {"AG", "Aktiengesellschaft", term_kind::org_suffix, 0, flag::abbreviation},
    {"ASA", "allmennaksjeselskap", term_kind::org_suffix, 0, flag::abbreviation},
    {"Academy", "Academy", term_kind::org_head, 0, flag::of_pattern|flag::after_name},
    {"Administration", "Administration", term_kind::org_head, 0, flag::of_pattern|flag::after_name},
    {"Agency", "Agency", term_kind::org_head, 0, flag::of_pattern|flag::after_name},
    {"Air Force", "Air Force", term_kind::org_head, 0, flag::military|flag::after_name},
    {"Airlines", "Airlines", term_kind::org_head, 0, flag::plural|flag::business|flag::after_name},
    {"Airways", "Airways", term_kind::org_head, 0, flag::plural|flag::business|flag::after_name},
    {"Alliance", "Alliance", term_kind::org_head, 0, flag::of_pattern|flag::after_name},
    {"Army", "Army", term_kind::org_head, 0, flag::military|flag::after_name},
    {"Assembly", "Assembly", term_kind::org_head, 0, flag::legislature|flag::of_pattern|flag::after_name},
    {"Association", "Association", term_kind::org_head, 0, flag::of_pattern|flag::after_name},
    {"Authority", "Authority", term_kind::org_head, 0, flag::of_pattern|flag::after_name},
    {"B.V.", "besloten vennootschap", term_kind::org_suffix, 0, flag::abbreviation},
    {"BV", "besloten vennootschap", term_kind::org_suffix, 0, flag::abbreviation},
    {"Bank", "Bank", term_kind::org_head, 0, flag::of_pattern|flag::after_name},
    {"Board", "Board", term_kind::org_head, 0, flag::of_pattern|flag::after_name},
    {"Brigade", "Brigade", term_kind::org_head, 0, flag::military|flag::after_name},
    {"Broadcasting", "Broadcasting", term_kind::org_head, 0, flag::media|flag::after_name},
    {"Bureau", "Bureau", term_kind::org_head, 0, flag::of_pattern|flag::after_name},
    {"Capital", "Capital", term_kind::org_head, 0, flag::business|flag::after_name},
    {"Center", "Center", term_kind::org_head, 0, flag::of_pattern|flag::after_name},
    {"Centre", "Centre", term_kind::org_head, 0, flag::of_pattern|flag::after_name},
    {"Church", "Church", term_kind::org_head, 0, flag::religious|flag::of_pattern|flag::after_name},
    {"Club", "Club", term_kind::org_head, 0, flag::after_name},
    {"Co.", "Company", term_kind::org_suffix, 0, flag::abbreviation},
    {"College", "College", term_kind::org_head, 0, flag::of_pattern|flag::after_name},
    {"Commission", "Commission", term_kind::org_head, 0, flag::of_pattern|flag::after_name},
    {"Committee", "Committee", term_kind::org_head, 0, flag::of_pattern|flag::after_name},
    {"Company", "Company", term_kind::org_head, 0, flag::business|flag::after_name},
    {"Congress", "Congress", term_kind::org_head, 0, flag::of_pattern|flag::after_name},
    {"Corp", "Corporation", term_kind::org_suffix, 0, flag::abbreviation},
    {"Corp.", "Corporation", term_kind::org_suffix, 0, flag::abbreviation},
    {"Corporation", "Corporation", term_kind::org_head, 0, flag::business|flag::after_name},
    {"Corporation", "Corporation", term_kind::org_suffix, 0, 0},
    {"Cos.", "Companies", term_kind::org_suffix, 0, flag::abbreviation|flag::plural},
    {"Council", "Council", term_kind::org_head, 0, flag::of_pattern|flag::after_name},
    {"Court", "Court", term_kind::org_head, 0, flag::judiciary|flag::of_pattern|flag::after_name},
    {"Department", "Department", term_kind::org_head, 0, flag::executive|flag::of_pattern|flag::after_name},
    {"Energy", "Energy", term_kind::org_head, 0, flag::business|flag::after_name},
    {"Federation", "Federation", term_kind::org_head, 0, flag::of_pattern|flag::after_name},
    {"Forces", "Forces", term_kind::org_head, 0, flag::plural|flag::military|flag::after_name},
    {"Foundation", "Foundation", term_kind::org_head, 0, flag::of_pattern|flag::after_name},
    {"Front", "Front", term_kind::org_head, 0, flag::political|flag::of_pattern|flag::after_name},
    {"Fund", "Fund", term_kind::org_head, 0, flag::after_name},
    {"GmbH", "Gesellschaft mit beschränkter Haftung", term_kind::org_suffix, 0, flag::abbreviation},
    {"Group", "Group", term_kind::org_suffix, 0, flag::after_name},
    {"Guard", "Guard", term_kind::org_head, 0, flag::military|flag::after_name},
    {"Guards", "Guards", term_kind::org_head, 0, flag::plural|flag::military|flag::after_name},
    {"Herald", "Herald", term_kind::org_head, 0, flag::media|flag::after_name},
    {"Holdings", "Holdings", term_kind::org_suffix, 0, 0},
    {"Hospital", "Hospital", term_kind::org_head, 0, flag::after_name},
    {"Inc", "Incorporated", term_kind::org_suffix, 0, flag::abbreviation},
    {"Inc.", "Incorporated", term_kind::org_suffix, 0, flag::abbreviation},
    {"Incorporated", "Incorporated", term_kind::org_suffix, 0, 0},
    {"Industries", "Industries", term_kind::org_head, 0, flag::plural|flag::business|flag::after_name},
    {"Institute", "Institute", term_kind::org_head, 0, flag::of_pattern|flag::after_name},
    {"Institution", "Institution", term_kind::org_head, 0, flag::after_name},
    {"Journal", "Journal", term_kind::org_head, 0, flag::media|flag::after_name},
    {"KK", "kabushiki kaisha", term_kind::org_suffix, 0, flag::abbreviation},
    {"L.L.C.", "limited liability company", term_kind::org_suffix, 0, flag::abbreviation},
    {"LLC", "limited liability company", term_kind::org_suffix, 0, flag::abbreviation},
    {"LLP", "limited liability partnership", term_kind::org_suffix, 0, flag::abbreviation},
    {"LP", "limited partnership", term_kind::org_suffix, 0, flag::abbreviation},
    {"Limited", "Limited", term_kind::org_suffix, 0, 0},
    {"Ltd", "Limited", term_kind::org_suffix, 0, flag::abbreviation},
    {"Ltd.", "Limited", term_kind::org_suffix, 0, flag::abbreviation},
    {"Ministry", "Ministry", term_kind::org_head, 0, flag::executive|flag::of_pattern|flag::after_name},
    {"Motors", "Motors", term_kind::org_head, 0, flag::plural|flag::business|flag::after_name},
    {"Movement", "Movement", term_kind::org_head, 0, flag::political|flag::of_pattern|flag::after_name},
    {"N.V.", "naamloze vennootschap", term_kind::org_suffix, 0, flag::abbreviation},
    {"NV", "naamloze vennootschap", term_kind::org_suffix, 0, flag::abbreviation},
    {"Navy", "Navy", term_kind::org_head, 0, flag::military|flag::after_name},
    {"Network", "Network", term_kind::org_head, 0, flag::media|flag::after_name},
    {"News", "News", term_kind::org_head, 0, flag::media|flag::after_name},
    {"Office", "Office", term_kind::org_head, 0, flag::of_pattern|flag::after_name},
    {"Organisation", "Organization", term_kind::org_head, 0, flag::of_pattern|flag::after_name},
    {"Organization", "Organization", term_kind::org_head, 0, flag::of_pattern|flag::after_name},
    {"PLC", "public limited company", term_kind::org_suffix, 0, flag::abbreviation},
    {"Parliament", "Parliament", term_kind::org_head, 0, flag::legislature|flag::of_pattern|flag::after_name},
    {"Partners", "Partners", term_kind::org_head, 0, flag::plural|flag::business|flag::after_name},
    {"Party", "Party", term_kind::org_head, 0, flag::political|flag::of_pattern|flag::after_name},
    {"Pharmaceuticals", "Pharmaceuticals", term_kind::org_head, 0, flag::plural|flag::business|flag::after_name},
    {"Police", "Police", term_kind::org_head, 0, flag::security|flag::after_name},
    {"Post", "Post", term_kind::org_head, 0, flag::media|flag::after_name},
    {"Press", "Press", term_kind::org_head, 0, flag::media|flag::after_name},
    {"Pty", "proprietary company", term_kind::org_suffix, 0, flag::abbreviation},
    {"Pty Ltd", "proprietary limited company", term_kind::org_suffix, 0, flag::abbreviation},
    {"S.A.", "société anonyme", term_kind::org_suffix, 0, flag::abbreviation},
    {"S.p.A.", "società per azioni", term_kind::org_suffix, 0, flag::abbreviation},
    {"SA", "société anonyme", term_kind::org_suffix, 0, flag::abbreviation},
    {"SE", "Societas Europaea", term_kind::org_suffix, 0, flag::abbreviation},
    {"School", "School", term_kind::org_head, 0, flag::of_pattern|flag::after_name},
    {"Securities", "Securities", term_kind::org_head, 0, flag::plural|flag::business|flag::after_name},
    {"Senate", "Senate", term_kind::org_head, 0, flag::legislature|flag::after_name},
    {"Service", "Service", term_kind::org_head, 0, flag::after_name},
    {"Society", "Society", term_kind::org_head, 0, flag::of_pattern|flag::after_name},
    {"SpA", "società per azioni", term_kind::org_suffix, 0, flag::abbreviation},
    {"Systems", "Systems", term_kind::org_head, 0, flag::plural|flag::business|flag::after_name},
    {"Technologies", "Technologies", term_kind::org_head, 0, flag::plural|flag::business|flag::after_name},
    {"Times", "Times", term_kind::org_head, 0, flag::media|flag::after_name},
    {"Tribunal", "Tribunal", term_kind::org_head, 0, flag::judiciary|flag::after_name},
    {"Tribune", "Tribune", term_kind::org_head, 0, flag::media|flag::after_name},
    {"Union", "Union", term_kind::org_head, 0, flag::of_pattern|flag::after_name},
    {"University", "University", term_kind::org_head, 0, flag::of_pattern|flag::after_name},
    {"plc", "public limited company", term_kind::org_suffix, 0, flag::abbreviation},
};
}  // namespace detail

// Legal-form suffixes (term_kind::org_suffix: Inc., plc) and heads of organisation
// names (term_kind::org_head: Ministry, Party) with flag::of_pattern ("Ministry of X")
// and/or flag::after_name ("X Party"). Sorted by surface (bytes).
constexpr std::span<const term_entry> org_words() noexcept { return detail::org_words_table; }


}  // namespace byline::resources
