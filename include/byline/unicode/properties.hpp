// byline/unicode/properties.hpp - Unicode character properties (Unicode 15.0.0).
//
// Hand-written public API over the generated tables in detail/tables.hpp
// (remake those with tools/gen_unicode_tables.py). Everything here is
// constexpr, noexcept and uses the standard library only.
//
//   properties(cp)        one lookup: Word_Break, Sentence_Break,
//                         Grapheme_Cluster_Break, Extended_Pictographic and
//                         General_Category packed in 32 bits
//   script_of(cp)         Script (Scripts.txt; unlisted -> script::unknown)
//   simple_lowercase(cp)  UnicodeData.txt simple mappings (identity if none)
//   simple_uppercase(cp)
//   simple_case_fold(cp)  CaseFolding.txt, statuses C + S
//
// Code points above U+10FFFF behave like an unassigned code point: all
// properties default, script unknown, case mappings the identity.
#pragma once

#include <cstdint>
#include <string_view>

#include "byline/unicode/detail/tables.hpp"

namespace byline::unicode {

inline constexpr std::string_view unicode_version = "15.0.0";
static_assert(unicode_version == detail::generated_unicode_version,
              "detail/tables.hpp was generated from a different Unicode version");

inline constexpr char32_t max_code_point = 0x10FFFF;

// General_Category (UnicodeData.txt field 2). cn is also every unlisted code point.
enum class general_category : std::uint8_t {
    cn = 0, lu, ll, lt, lm, lo, mn, mc, me, nd, nl, no, pc, pd, ps, pe, pi, pf, po,
    sm, sc, sk, so, zs, zl, zp, cc, cf, cs, co
};

// Word_Break (UAX #29, auxiliary/WordBreakProperty.txt).
enum class word_break : std::uint8_t {
    other = 0, cr, lf, newline, extend, zwj, regional_indicator, format, katakana,
    hebrew_letter, aletter, single_quote, double_quote, midnumlet, midletter, midnum,
    numeric, extendnumlet, wsegspace
};

// Sentence_Break (UAX #29, auxiliary/SentenceBreakProperty.txt).
enum class sentence_break : std::uint8_t {
    other = 0, cr, lf, extend, sep, format, sp, lower, upper, oletter, numeric, aterm,
    sterm, close, scontinue
};

// Grapheme_Cluster_Break (UAX #29, auxiliary/GraphemeBreakProperty.txt).
enum class grapheme_break : std::uint8_t {
    other = 0, cr, lf, control, extend, zwj, regional_indicator, prepend, spacingmark,
    l, v, t, lv, lvt
};

// enum class script is generated (one enumerator per script of Scripts.txt):
// see detail/tables.hpp.

static_assert(static_cast<unsigned>(general_category::co) + 1 == detail::general_category_count);
static_assert(static_cast<unsigned>(word_break::wsegspace) + 1 == detail::word_break_count);
static_assert(static_cast<unsigned>(sentence_break::scontinue) + 1 ==
              detail::sentence_break_count);
static_assert(static_cast<unsigned>(grapheme_break::lvt) + 1 == detail::grapheme_break_count);

// Everything segmentation needs about one code point, packed in 32 bits.
struct char_properties {
    std::uint32_t bits;

    constexpr word_break word() const noexcept {
        return static_cast<word_break>((bits >> detail::wb_shift) & detail::wb_mask);
    }
    constexpr sentence_break sentence() const noexcept {
        return static_cast<sentence_break>((bits >> detail::sb_shift) & detail::sb_mask);
    }
    constexpr grapheme_break grapheme() const noexcept {
        return static_cast<grapheme_break>((bits >> detail::gcb_shift) & detail::gcb_mask);
    }
    constexpr bool extended_pictographic() const noexcept {
        return ((bits >> detail::extpict_shift) & 1u) != 0;
    }
    constexpr general_category category() const noexcept {
        return static_cast<general_category>((bits >> detail::gc_shift) & detail::gc_mask);
    }

    friend constexpr bool operator==(char_properties, char_properties) noexcept = default;
};

namespace detail {
// Out-of-range code points are looked up as U+10FFFF, which is unassigned
// with all-default properties (the generator checks this).
constexpr char32_t clamp_code_point(char32_t cp) noexcept {
    return cp > max_code_point ? max_code_point : cp;
}
} // namespace detail

constexpr char_properties properties(char32_t cp) noexcept {
    if (cp < 0x80) return char_properties{detail::ascii_properties[cp]};
    return char_properties{detail::property_records[detail::property_lookup(detail::clamp_code_point(cp))]};
}

constexpr word_break word_break_of(char32_t cp) noexcept { return properties(cp).word(); }
constexpr sentence_break sentence_break_of(char32_t cp) noexcept {
    return properties(cp).sentence();
}
constexpr grapheme_break grapheme_break_of(char32_t cp) noexcept {
    return properties(cp).grapheme();
}
constexpr bool is_extended_pictographic(char32_t cp) noexcept {
    return properties(cp).extended_pictographic();
}
constexpr general_category general_category_of(char32_t cp) noexcept {
    return properties(cp).category();
}

constexpr script script_of(char32_t cp) noexcept {
    return static_cast<script>(detail::script_lookup(detail::clamp_code_point(cp)));
}

constexpr char32_t simple_lowercase(char32_t cp) noexcept {
    const auto i = detail::case_lookup(detail::clamp_code_point(cp));
    return static_cast<char32_t>(static_cast<std::int32_t>(cp) + detail::case_lower_delta[i]);
}
constexpr char32_t simple_uppercase(char32_t cp) noexcept {
    const auto i = detail::case_lookup(detail::clamp_code_point(cp));
    return static_cast<char32_t>(static_cast<std::int32_t>(cp) + detail::case_upper_delta[i]);
}
constexpr char32_t simple_case_fold(char32_t cp) noexcept {
    const auto i = detail::case_lookup(detail::clamp_code_point(cp));
    return static_cast<char32_t>(static_cast<std::int32_t>(cp) + detail::case_fold_delta[i]);
}

// --- General_Category groups --------------------------------------------------
constexpr bool is_letter(general_category c) noexcept {  // L = Lu | Ll | Lt | Lm | Lo
    return c >= general_category::lu && c <= general_category::lo;
}
constexpr bool is_cased_letter(general_category c) noexcept {  // LC = Lu | Ll | Lt
    return c >= general_category::lu && c <= general_category::lt;
}
constexpr bool is_upper(general_category c) noexcept { return c == general_category::lu; }
constexpr bool is_lower(general_category c) noexcept { return c == general_category::ll; }
constexpr bool is_mark(general_category c) noexcept {  // M = Mn | Mc | Me
    return c >= general_category::mn && c <= general_category::me;
}
constexpr bool is_number(general_category c) noexcept {  // N = Nd | Nl | No
    return c >= general_category::nd && c <= general_category::no;
}
constexpr bool is_punctuation(general_category c) noexcept {  // P = Pc .. Po
    return c >= general_category::pc && c <= general_category::po;
}
constexpr bool is_symbol(general_category c) noexcept {  // S = Sm | Sc | Sk | So
    return c >= general_category::sm && c <= general_category::so;
}
constexpr bool is_separator(general_category c) noexcept {  // Z = Zs | Zl | Zp
    return c >= general_category::zs && c <= general_category::zp;
}
constexpr bool is_other(general_category c) noexcept {  // C = Cc | Cf | Cs | Co | Cn
    return c == general_category::cn || c >= general_category::cc;
}

// --- Names, as spelled in the UCD -------------------------------------------------
namespace detail {
inline constexpr std::string_view general_category_names[] = {
    "Cn", "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd", "Ps",
    "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co"};
inline constexpr std::string_view word_break_names[] = {
    "Other", "CR", "LF", "Newline", "Extend", "ZWJ", "Regional_Indicator", "Format",
    "Katakana", "Hebrew_Letter", "ALetter", "Single_Quote", "Double_Quote", "MidNumLet",
    "MidLetter", "MidNum", "Numeric", "ExtendNumLet", "WSegSpace"};
inline constexpr std::string_view sentence_break_names[] = {
    "Other", "CR", "LF", "Extend", "Sep", "Format", "Sp", "Lower", "Upper", "OLetter",
    "Numeric", "ATerm", "STerm", "Close", "SContinue"};
inline constexpr std::string_view grapheme_break_names[] = {
    "Other", "CR", "LF", "Control", "Extend", "ZWJ", "Regional_Indicator", "Prepend",
    "SpacingMark", "L", "V", "T", "LV", "LVT"};
static_assert(std::size(general_category_names) == general_category_count);
static_assert(std::size(word_break_names) == word_break_count);
static_assert(std::size(sentence_break_names) == sentence_break_count);
static_assert(std::size(grapheme_break_names) == grapheme_break_count);

template <std::size_t N>
constexpr std::string_view name_at(const std::string_view (&names)[N], unsigned i) noexcept {
    return i < N ? names[i] : std::string_view{};
}
} // namespace detail

// Short General_Category alias ("Lu").
constexpr std::string_view name(general_category c) noexcept {
    return detail::name_at(detail::general_category_names, static_cast<unsigned>(c));
}
// Long property value names ("ALetter", "STerm", "SpacingMark", "Old_Italic").
constexpr std::string_view name(word_break v) noexcept {
    return detail::name_at(detail::word_break_names, static_cast<unsigned>(v));
}
constexpr std::string_view name(sentence_break v) noexcept {
    return detail::name_at(detail::sentence_break_names, static_cast<unsigned>(v));
}
constexpr std::string_view name(grapheme_break v) noexcept {
    return detail::name_at(detail::grapheme_break_names, static_cast<unsigned>(v));
}
constexpr std::string_view name(script s) noexcept {
    return detail::name_at(detail::script_names, static_cast<unsigned>(s));
}

} // namespace byline::unicode
