// Tests for byline/unicode/properties.hpp.
//
// (a) Exhaustive: every code point 0..0x10FFFF is compared against values parsed
//     here, at test time, straight from the UCD files in BYLINE_UCD_DIR. The
//     parser and the name -> enumerator tables below are deliberately
//     independent of the generator (tools/gen_unicode_tables.py).
// (b) Spot checks with real characters.
#include <byline/unicode/properties.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#ifndef BYLINE_UCD_DIR
#define BYLINE_UCD_DIR "/usr/share/unicode"
#endif

namespace u = byline::unicode;

namespace {

constexpr char32_t n_code_points = 0x110000;

std::string ucd_path(const std::string& rel) { return std::string(BYLINE_UCD_DIR) + "/" + rel; }

std::string trim(std::string s) {
    const auto b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos) return {};
    const auto e = s.find_last_not_of(" \t\r");
    return s.substr(b, e - b + 1);
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (c == sep) {
            out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    out.push_back(cur);
    return out;
}

std::vector<std::string> read_lines(const std::string& path) {
    std::ifstream in(path);
    INFO("reading " << path);
    REQUIRE(in.good());
    std::vector<std::string> lines;
    std::string line;
    while (std::getline(in, line)) lines.push_back(line);
    REQUIRE(!lines.empty());
    return lines;
}

struct range_entry {
    char32_t first, last;
    std::vector<std::string> fields;  // fields after the code point column, trimmed
};

// "XXXX[..YYYY] ; f1 [; f2 ...] # comment"
std::vector<range_entry> read_ranges(const std::string& rel) {
    std::vector<range_entry> out;
    for (const auto& raw : read_lines(ucd_path(rel))) {
        const std::string line = trim(raw.substr(0, raw.find('#')));
        if (line.empty()) continue;
        auto f = split(line, ';');
        REQUIRE(f.size() >= 2);
        const std::string cps = trim(f[0]);
        range_entry e{};
        const auto dots = cps.find("..");
        if (dots == std::string::npos) {
            e.first = e.last = static_cast<char32_t>(std::stoul(cps, nullptr, 16));
        } else {
            e.first = static_cast<char32_t>(std::stoul(cps.substr(0, dots), nullptr, 16));
            e.last = static_cast<char32_t>(std::stoul(cps.substr(dots + 2), nullptr, 16));
        }
        for (std::size_t i = 1; i < f.size(); ++i) e.fields.push_back(trim(f[i]));
        out.push_back(std::move(e));
    }
    return out;
}

template <class E>
std::vector<E> enum_property(const std::string& rel, const std::map<std::string, E>& names) {
    std::vector<E> v(n_code_points, E{});
    for (const auto& e : read_ranges(rel)) {
        const auto it = names.find(e.fields.at(0));
        INFO(rel << ": value " << e.fields.at(0));
        REQUIRE(it != names.end());
        for (char32_t cp = e.first; cp <= e.last; ++cp) v[cp] = it->second;
    }
    return v;
}

const std::map<std::string, u::word_break> wb_names = {
    {"Other", u::word_break::other},
    {"CR", u::word_break::cr},
    {"LF", u::word_break::lf},
    {"Newline", u::word_break::newline},
    {"Extend", u::word_break::extend},
    {"ZWJ", u::word_break::zwj},
    {"Regional_Indicator", u::word_break::regional_indicator},
    {"Format", u::word_break::format},
    {"Katakana", u::word_break::katakana},
    {"Hebrew_Letter", u::word_break::hebrew_letter},
    {"ALetter", u::word_break::aletter},
    {"Single_Quote", u::word_break::single_quote},
    {"Double_Quote", u::word_break::double_quote},
    {"MidNumLet", u::word_break::midnumlet},
    {"MidLetter", u::word_break::midletter},
    {"MidNum", u::word_break::midnum},
    {"Numeric", u::word_break::numeric},
    {"ExtendNumLet", u::word_break::extendnumlet},
    {"WSegSpace", u::word_break::wsegspace},
};

const std::map<std::string, u::sentence_break> sb_names = {
    {"Other", u::sentence_break::other},
    {"CR", u::sentence_break::cr},
    {"LF", u::sentence_break::lf},
    {"Extend", u::sentence_break::extend},
    {"Sep", u::sentence_break::sep},
    {"Format", u::sentence_break::format},
    {"Sp", u::sentence_break::sp},
    {"Lower", u::sentence_break::lower},
    {"Upper", u::sentence_break::upper},
    {"OLetter", u::sentence_break::oletter},
    {"Numeric", u::sentence_break::numeric},
    {"ATerm", u::sentence_break::aterm},
    {"STerm", u::sentence_break::sterm},
    {"Close", u::sentence_break::close},
    {"SContinue", u::sentence_break::scontinue},
};

const std::map<std::string, u::grapheme_break> gcb_names = {
    {"Other", u::grapheme_break::other},
    {"CR", u::grapheme_break::cr},
    {"LF", u::grapheme_break::lf},
    {"Control", u::grapheme_break::control},
    {"Extend", u::grapheme_break::extend},
    {"ZWJ", u::grapheme_break::zwj},
    {"Regional_Indicator", u::grapheme_break::regional_indicator},
    {"Prepend", u::grapheme_break::prepend},
    {"SpacingMark", u::grapheme_break::spacingmark},
    {"L", u::grapheme_break::l},
    {"V", u::grapheme_break::v},
    {"T", u::grapheme_break::t},
    {"LV", u::grapheme_break::lv},
    {"LVT", u::grapheme_break::lvt},
};

const std::map<std::string, u::general_category> gc_names = {
    {"Cn", u::general_category::cn}, {"Lu", u::general_category::lu},
    {"Ll", u::general_category::ll}, {"Lt", u::general_category::lt},
    {"Lm", u::general_category::lm}, {"Lo", u::general_category::lo},
    {"Mn", u::general_category::mn}, {"Mc", u::general_category::mc},
    {"Me", u::general_category::me}, {"Nd", u::general_category::nd},
    {"Nl", u::general_category::nl}, {"No", u::general_category::no},
    {"Pc", u::general_category::pc}, {"Pd", u::general_category::pd},
    {"Ps", u::general_category::ps}, {"Pe", u::general_category::pe},
    {"Pi", u::general_category::pi}, {"Pf", u::general_category::pf},
    {"Po", u::general_category::po}, {"Sm", u::general_category::sm},
    {"Sc", u::general_category::sc}, {"Sk", u::general_category::sk},
    {"So", u::general_category::so}, {"Zs", u::general_category::zs},
    {"Zl", u::general_category::zl}, {"Zp", u::general_category::zp},
    {"Cc", u::general_category::cc}, {"Cf", u::general_category::cf},
    {"Cs", u::general_category::cs}, {"Co", u::general_category::co},
};

struct unicode_data {
    std::vector<u::general_category> gc;
    std::vector<char32_t> upper, lower;
};

unicode_data read_unicode_data() {
    unicode_data d;
    d.gc.assign(n_code_points, u::general_category::cn);
    d.upper.resize(n_code_points);
    d.lower.resize(n_code_points);
    for (char32_t cp = 0; cp < n_code_points; ++cp) d.upper[cp] = d.lower[cp] = cp;
    char32_t range_first = 0;
    bool in_range = false;
    for (const auto& line : read_lines(ucd_path("UnicodeData.txt"))) {
        if (line.empty()) continue;
        const auto f = split(line, ';');
        REQUIRE(f.size() == 15);
        const auto cp = static_cast<char32_t>(std::stoul(f[0], nullptr, 16));
        const auto it = gc_names.find(f[2]);
        REQUIRE(it != gc_names.end());
        const std::string& nm = f[1];
        if (nm.size() > 8 && nm.compare(nm.size() - 8, 8, ", First>") == 0) {
            range_first = cp;
            in_range = true;
            continue;
        }
        if (nm.size() > 7 && nm.compare(nm.size() - 7, 7, ", Last>") == 0) {
            REQUIRE(in_range);
            for (char32_t c = range_first; c <= cp; ++c) d.gc[c] = it->second;
            in_range = false;
            continue;
        }
        d.gc[cp] = it->second;
        if (!f[12].empty()) d.upper[cp] = static_cast<char32_t>(std::stoul(f[12], nullptr, 16));
        if (!f[13].empty()) d.lower[cp] = static_cast<char32_t>(std::stoul(f[13], nullptr, 16));
    }
    REQUIRE(!in_range);
    return d;
}

// Counts mismatches; reports the first few with the code point.
class mismatch_log {
public:
    explicit mismatch_log(const char* what) : what_(what) {}
    template <class A, class B>
    void check(char32_t cp, const A& got, const B& want) {
        if (got == want) return;
        if (++count_ <= 10) {
            std::ostringstream os;
            os << what_ << " mismatch at U+" << std::hex << std::uppercase
               << static_cast<std::uint32_t>(cp) << ": got " << std::dec << +as_int(got)
               << ", expected " << +as_int(want);
            FAIL_CHECK(os.str());
        }
    }
    std::size_t count() const { return count_; }

private:
    template <class T>
    static long long as_int(const T& v) {
        return static_cast<long long>(v);
    }
    const char* what_;
    std::size_t count_ = 0;
};

}  // namespace

TEST_CASE("unicode_version matches the UCD files", "[unicode][properties]") {
    CHECK(u::unicode_version == "15.0.0");
    const auto first_line = [](const std::string& rel) { return read_lines(ucd_path(rel)).at(0); };
    CHECK(first_line("auxiliary/WordBreakProperty.txt").find("-15.0.0.txt") != std::string::npos);
    CHECK(first_line("auxiliary/SentenceBreakProperty.txt").find("-15.0.0.txt") !=
          std::string::npos);
    CHECK(first_line("auxiliary/GraphemeBreakProperty.txt").find("-15.0.0.txt") !=
          std::string::npos);
    CHECK(first_line("Scripts.txt").find("-15.0.0.txt") != std::string::npos);
    CHECK(first_line("CaseFolding.txt").find("-15.0.0.txt") != std::string::npos);
}

TEST_CASE("properties() matches the UCD for every code point", "[unicode][properties][exhaustive]") {
    const auto wb = enum_property("auxiliary/WordBreakProperty.txt", wb_names);
    const auto sb = enum_property("auxiliary/SentenceBreakProperty.txt", sb_names);
    const auto gcb = enum_property("auxiliary/GraphemeBreakProperty.txt", gcb_names);
    std::vector<bool> ep(n_code_points, false);
    std::size_t ep_count = 0;
    for (const auto& e : read_ranges("emoji/emoji-data.txt")) {
        if (e.fields.at(0) != "Extended_Pictographic") continue;
        for (char32_t cp = e.first; cp <= e.last; ++cp) {
            ep[cp] = true;
            ++ep_count;
        }
    }
    REQUIRE(ep_count > 3000);
    const auto ud = read_unicode_data();

    mismatch_log wb_log("Word_Break"), sb_log("Sentence_Break"), gcb_log("Grapheme_Cluster_Break"),
        ep_log("Extended_Pictographic"), gc_log("General_Category"), wrap_log("wrappers");
    for (char32_t cp = 0; cp < n_code_points; ++cp) {
        const auto p = u::properties(cp);
        wb_log.check(cp, p.word(), wb[cp]);
        sb_log.check(cp, p.sentence(), sb[cp]);
        gcb_log.check(cp, p.grapheme(), gcb[cp]);
        ep_log.check(cp, p.extended_pictographic(), static_cast<bool>(ep[cp]));
        gc_log.check(cp, p.category(), ud.gc[cp]);
        wrap_log.check(cp, u::word_break_of(cp), p.word());
        wrap_log.check(cp, u::sentence_break_of(cp), p.sentence());
        wrap_log.check(cp, u::grapheme_break_of(cp), p.grapheme());
        wrap_log.check(cp, u::is_extended_pictographic(cp), p.extended_pictographic());
        wrap_log.check(cp, u::general_category_of(cp), p.category());
        // Nothing outside the documented fields is set.
        wrap_log.check(cp, p.bits >> 19, 0u);
    }
    CHECK(wb_log.count() == 0);
    CHECK(sb_log.count() == 0);
    CHECK(gcb_log.count() == 0);
    CHECK(ep_log.count() == 0);
    CHECK(gc_log.count() == 0);
    CHECK(wrap_log.count() == 0);
}

TEST_CASE("script_of() matches Scripts.txt for every code point", "[unicode][script][exhaustive]") {
    // Script long name -> enumerator, through name(script), which the enum's
    // own order is checked against (alphabetical after unknown/common/inherited).
    std::map<std::string, u::script> by_name;
    std::vector<std::string> listed;
    for (unsigned i = 0; i < 256; ++i) {
        const auto s = static_cast<u::script>(i);
        const auto nm = u::name(s);
        if (nm.empty()) break;
        by_name.emplace(std::string(nm), s);
        listed.emplace_back(nm);
    }
    REQUIRE(listed.size() > 160);
    CHECK(listed[0] == "Unknown");
    CHECK(listed[1] == "Common");
    CHECK(listed[2] == "Inherited");
    for (std::size_t i = 4; i < listed.size(); ++i) CHECK(listed[i - 1] < listed[i]);

    std::vector<u::script> want(n_code_points, u::script::unknown);
    std::map<std::string, int> seen;
    for (const auto& e : read_ranges("Scripts.txt")) {
        const auto it = by_name.find(e.fields.at(0));
        INFO("script " << e.fields.at(0));
        REQUIRE(it != by_name.end());
        seen[e.fields.at(0)] = 1;
        for (char32_t cp = e.first; cp <= e.last; ++cp) want[cp] = it->second;
    }
    CHECK(seen.size() + 1 == listed.size());  // every enumerator except unknown is used

    mismatch_log log("Script");
    for (char32_t cp = 0; cp < n_code_points; ++cp) log.check(cp, u::script_of(cp), want[cp]);
    CHECK(log.count() == 0);
}

TEST_CASE("simple case mappings match the UCD for every code point", "[unicode][case][exhaustive]") {
    const auto ud = read_unicode_data();
    std::vector<char32_t> fold(n_code_points);
    for (char32_t cp = 0; cp < n_code_points; ++cp) fold[cp] = cp;
    for (const auto& e : read_ranges("CaseFolding.txt")) {
        const auto& status = e.fields.at(0);
        if (status == "C" || status == "S") {
            REQUIRE(e.first == e.last);
            fold[e.first] = static_cast<char32_t>(std::stoul(e.fields.at(1), nullptr, 16));
        }
    }
    mismatch_log lower("simple_lowercase"), upper("simple_uppercase"), folded("simple_case_fold");
    for (char32_t cp = 0; cp < n_code_points; ++cp) {
        lower.check(cp, u::simple_lowercase(cp), ud.lower[cp]);
        upper.check(cp, u::simple_uppercase(cp), ud.upper[cp]);
        folded.check(cp, u::simple_case_fold(cp), fold[cp]);
    }
    CHECK(lower.count() == 0);
    CHECK(upper.count() == 0);
    CHECK(folded.count() == 0);
}

TEST_CASE("spot checks", "[unicode][properties]") {
    using gc = u::general_category;
    using wb = u::word_break;
    using sb = u::sentence_break;
    using gb = u::grapheme_break;

    SECTION("ASCII") {
        const auto a = u::properties(U'A');
        CHECK(a.word() == wb::aletter);
        CHECK(a.sentence() == sb::upper);
        CHECK(a.grapheme() == gb::other);
        CHECK(a.category() == gc::lu);
        CHECK_FALSE(a.extended_pictographic());
        CHECK(u::script_of(U'A') == u::script::latin);
        CHECK(u::simple_lowercase(U'A') == U'a');
        CHECK(u::simple_uppercase(U'z') == U'Z');
        CHECK(u::simple_case_fold(U'Q') == U'q');
        CHECK(u::sentence_break_of(U'a') == sb::lower);
        CHECK(u::word_break_of(U'7') == wb::numeric);
        CHECK(u::general_category_of(U'7') == gc::nd);
        CHECK(u::word_break_of(U'\'') == wb::single_quote);
        CHECK(u::word_break_of(U'"') == wb::double_quote);
        CHECK(u::word_break_of(U'.') == wb::midnumlet);
        CHECK(u::sentence_break_of(U'.') == sb::aterm);
        CHECK(u::sentence_break_of(U'?') == sb::sterm);
        CHECK(u::word_break_of(U':') == wb::midletter);
        CHECK(u::word_break_of(U',') == wb::midnum);
        CHECK(u::word_break_of(U'_') == wb::extendnumlet);
        CHECK(u::word_break_of(U' ') == wb::wsegspace);
        CHECK(u::sentence_break_of(U' ') == sb::sp);
        CHECK(u::word_break_of(U'\r') == wb::cr);
        CHECK(u::word_break_of(U'\n') == wb::lf);
        CHECK(u::grapheme_break_of(U'\t') == gb::control);
        CHECK(u::sentence_break_of(U')') == sb::close);
        CHECK(u::sentence_break_of(U',') == sb::scontinue);
        CHECK(u::script_of(U'1') == u::script::common);
        CHECK(u::is_extended_pictographic(U'\u00A9'));  // ©
    }
    SECTION("punctuation used in news text") {
        const auto rsq = u::properties(U'\u2019');  // RIGHT SINGLE QUOTATION MARK
        CHECK(rsq.word() == wb::midnumlet);
        CHECK(rsq.sentence() == sb::close);
        CHECK(rsq.category() == gc::pf);
        CHECK(u::general_category_of(U'\u2018') == gc::pi);
        CHECK(u::general_category_of(U'\u201C') == gc::pi);
        CHECK(u::general_category_of(U'\u2014') == gc::pd);  // EM DASH
        CHECK(u::sentence_break_of(U'\u2014') == sb::scontinue);
        CHECK(u::word_break_of(U'\u2024') == wb::midnumlet);  // ONE DOT LEADER
        CHECK(u::word_break_of(U'\u00B7') == wb::midletter);  // MIDDLE DOT
        CHECK(u::word_break_of(U'\u202F') == wb::extendnumlet);
        CHECK(u::word_break_of(U'\u00A0') == wb::other);  // NBSP is not WSegSpace
        CHECK(u::sentence_break_of(U'\u00A0') == sb::sp);
        CHECK(u::word_break_of(U'\u3000') == wb::wsegspace);
        CHECK(u::sentence_break_of(U'\u2029') == sb::sep);
        CHECK(u::word_break_of(U'\u2028') == wb::newline);
        CHECK(u::general_category_of(U'\u2028') == gc::zl);
        CHECK(u::general_category_of(U'\u20AC') == gc::sc);  // EURO SIGN
        CHECK(u::general_category_of(U'\u00AD') == gc::cf);  // SOFT HYPHEN
        CHECK(u::word_break_of(U'\u00AD') == wb::format);
    }
    SECTION("CJK") {
        const auto stop = u::properties(U'\u3002');  // IDEOGRAPHIC FULL STOP
        CHECK(stop.sentence() == sb::sterm);
        CHECK(stop.category() == gc::po);
        CHECK(u::script_of(U'\u3002') == u::script::common);
        CHECK(u::script_of(U'\u4E2D') == u::script::han);
        CHECK(u::general_category_of(U'\u4E2D') == gc::lo);  // inside a First/Last range
        CHECK(u::sentence_break_of(U'\u4E2D') == sb::oletter);
        CHECK(u::script_of(U'\u3042') == u::script::hiragana);
        CHECK(u::script_of(U'\u30A2') == u::script::katakana);
        CHECK(u::word_break_of(U'\u30A2') == wb::katakana);
        CHECK(u::general_category_of(U'\U00031350') == gc::lo);  // CJK Ext. H (new in 15.0)
        CHECK(u::script_of(U'\U00031350') == u::script::han);
        CHECK(u::grapheme_break_of(U'\uAC00') == gb::lv);   // HANGUL SYLLABLE GA
        CHECK(u::grapheme_break_of(U'\uAC01') == gb::lvt);  // GAG
        CHECK(u::grapheme_break_of(U'\u1100') == gb::l);
        CHECK(u::grapheme_break_of(U'\u1161') == gb::v);
        CHECK(u::grapheme_break_of(U'\u11A8') == gb::t);
        CHECK(u::script_of(U'\uAC00') == u::script::hangul);
    }
    SECTION("other scripts") {
        CHECK(u::script_of(U'\u0627') == u::script::arabic);  // ARABIC LETTER ALEF
        CHECK(u::word_break_of(U'\u0627') == wb::aletter);
        CHECK(u::general_category_of(U'\u0627') == gc::lo);
        CHECK(u::grapheme_break_of(U'\u0600') == gb::prepend);
        CHECK(u::word_break_of(U'\u05D0') == wb::hebrew_letter);
        CHECK(u::script_of(U'\u05D0') == u::script::hebrew);
        CHECK(u::script_of(U'\u0416') == u::script::cyrillic);
        CHECK(u::simple_lowercase(U'\u0416') == U'\u0436');
        CHECK(u::script_of(U'\u0301') == u::script::inherited);
        CHECK(u::script_of(U'\U00010300') == u::script::old_italic);
        CHECK(u::name(u::script::old_italic) == "Old_Italic");
        CHECK(u::script_of(U'\U00011F00') == u::script::kawi);  // new in 15.0
        CHECK(u::grapheme_break_of(U'\u093F') == gb::spacingmark);
        CHECK(u::script_of(U'\u093F') == u::script::devanagari);
        CHECK(u::sentence_break_of(U'\u0964') == sb::sterm);  // DEVANAGARI DANDA
    }
    SECTION("emoji and joiners") {
        const auto grin = u::properties(U'\U0001F600');
        CHECK(grin.extended_pictographic());
        CHECK(grin.category() == gc::so);
        CHECK(grin.word() == wb::other);
        CHECK(u::script_of(U'\U0001F600') == u::script::common);
        CHECK(u::properties(U'\u200D').word() == wb::zwj);
        CHECK(u::properties(U'\u200D').grapheme() == gb::zwj);
        CHECK(u::grapheme_break_of(U'\U0001F1FA') == gb::regional_indicator);
        CHECK(u::word_break_of(U'\U0001F1FA') == wb::regional_indicator);
        CHECK(u::grapheme_break_of(U'\U0001F3FB') == gb::extend);  // skin tone modifier
        CHECK(u::grapheme_break_of(U'\uFE0F') == gb::extend);
        CHECK(u::is_extended_pictographic(U'\U0001FAE8'));  // SHAKING FACE, new in 15.0
        CHECK(u::is_extended_pictographic(U'\U0001FFFD'));  // reserved, still ExtPict
        CHECK(u::general_category_of(U'\U0001FFFD') == gc::cn);
        CHECK_FALSE(u::is_extended_pictographic(U'\U0001F1E6'));
    }
    SECTION("case mappings") {
        CHECK(u::simple_uppercase(U'\u00DF') == U'\u00DF');  // ß: no simple uppercase
        CHECK(u::simple_lowercase(U'\u1E9E') == U'\u00DF');  // ẞ
        CHECK(u::simple_case_fold(U'\u1E9E') == U'\u00DF');  // status S
        CHECK(u::simple_case_fold(U'\u00DF') == U'\u00DF');  // only an F folding
        CHECK(u::simple_case_fold(U'\u03A3') == U'\u03C3');
        CHECK(u::simple_case_fold(U'\u03C2') == U'\u03C3');  // final sigma
        CHECK(u::simple_uppercase(U'\u03C2') == U'\u03A3');
        CHECK(u::simple_lowercase(U'\u0130') == U'i');  // İ
        CHECK(u::simple_case_fold(U'\u0130') == U'\u0130');  // only F/T foldings
        CHECK(u::simple_lowercase(U'\u01C5') == U'\u01C6');  // Dž titlecase
        CHECK(u::simple_uppercase(U'\u01C5') == U'\u01C4');
        CHECK(u::simple_lowercase(U'\U00010400') == U'\U00010428');  // Deseret
        CHECK(u::simple_uppercase(U'\U0001E922') == U'\U0001E900');  // Adlam
        CHECK(u::simple_lowercase(U'\u2C6F') == U'\u0250');
        CHECK(u::simple_uppercase(U'\u0250') == U'\u2C6F');
        CHECK(u::simple_case_fold(U'\u13F8') == U'\u13F0');  // Cherokee folds to upper
    }
    SECTION("out of range and unassigned") {
        const auto unassigned = u::properties(U'\U00050000');  // plane 5: unassigned
        CHECK(unassigned.bits == 0);
        CHECK(u::properties(0x10FFFF) == unassigned);
        CHECK(u::properties(0x110000) == unassigned);
        CHECK(u::properties(0xFFFFFFFF) == unassigned);
        CHECK(u::properties(0x110000).category() == gc::cn);
        CHECK(u::script_of(0x110000) == u::script::unknown);
        CHECK(u::script_of(0x50000) == u::script::unknown);
        CHECK(u::simple_lowercase(0x110041) == 0x110041);
        CHECK(u::simple_uppercase(0xFFFFFFFF) == 0xFFFFFFFF);
        CHECK(u::simple_case_fold(0x7FFFFFFF) == 0x7FFFFFFF);
        CHECK(u::general_category_of(U'\uE000') == gc::co);
        CHECK(u::general_category_of(U'\U0010FFFD') == gc::co);
        CHECK(u::general_category_of(0xD800) == gc::cs);
        CHECK(u::grapheme_break_of(0xD800) == gb::other);  // surrogates: not Control since 11.0
        CHECK(u::grapheme_break_of(U'\U000E0080') == gb::control);  // unassigned, yet Control
        CHECK(u::general_category_of(U'\U000E0080') == gc::cn);
        CHECK(u::grapheme_break_of(U'\U000E0001') == gb::control);
        CHECK(u::grapheme_break_of(U'\U000E0020') == gb::extend);  // TAG SPACE
    }
}

TEST_CASE("names and category groups", "[unicode][names]") {
    for (const auto& [n, v] : wb_names) CHECK(u::name(v) == n);
    for (const auto& [n, v] : sb_names) CHECK(u::name(v) == n);
    for (const auto& [n, v] : gcb_names) CHECK(u::name(v) == n);
    for (const auto& [n, v] : gc_names) CHECK(u::name(v) == n);
    CHECK(u::name(u::script::unknown) == "Unknown");
    CHECK(u::name(u::script::latin) == "Latin");
    CHECK(u::name(u::script::nko) == "Nko");
    CHECK(u::name(static_cast<u::word_break>(200)).empty());

    using gc = u::general_category;
    CHECK(u::is_letter(gc::lo));
    CHECK_FALSE(u::is_letter(gc::mn));
    CHECK(u::is_cased_letter(gc::lt));
    CHECK_FALSE(u::is_cased_letter(gc::lm));
    CHECK(u::is_upper(gc::lu));
    CHECK(u::is_lower(gc::ll));
    CHECK(u::is_mark(gc::mc));
    CHECK(u::is_number(gc::nl));
    CHECK(u::is_punctuation(gc::pi));
    CHECK_FALSE(u::is_punctuation(gc::sm));
    CHECK(u::is_symbol(gc::sk));
    CHECK(u::is_separator(gc::zp));
    CHECK(u::is_other(gc::cn));
    CHECK(u::is_other(gc::co));
    CHECK_FALSE(u::is_other(gc::zp));
}

// Compile-time usability.
static_assert(u::word_break_of(U'A') == u::word_break::aletter);
static_assert(u::properties(U'\u2019').sentence() == u::sentence_break::close);
static_assert(u::script_of(U'\u0627') == u::script::arabic);
static_assert(u::simple_case_fold(U'\u1E9E') == U'\u00DF');
static_assert(u::name(u::general_category::lu) == "Lu");
static_assert(u::name(u::word_break::aletter) == "ALetter");
static_assert(noexcept(u::properties(U'x')));
