// Compares byline's word and sentence boundaries with ICU's on the same UTF-8 bytes and prints a
// report: for each corpus and each kind of boundary, how many boundaries each side finds, how many
// they share, and the differences grouped by what surrounds them, with examples in context.
//
// Not a Google Benchmark program: it has its own main and is named *_bench.cpp only so that
// bench/CMakeLists.txt builds it. Run:
//   build/release/bench/icu_boundary_diff_bench [max-examples-per-group (default 10)]
// The corpora are those of segment_bench (BYLINE_SOURCE_DIR "/../shared", or $BYLINE_SHARED_DIR):
// corpus/seed-article.txt (once: repeating it adds no new boundary) and the 840 PolNeAR training
// articles concatenated in sorted order, each followed by "\n\n".
//
// A boundary is an offset in bytes, 0 < offset <= size (the start of the text is a boundary for
// both and is left out). ICU's iterators are created for icu::Locale::getEnglish(); byline applies
// plain UAX #29 (Unicode 15.0), as ICU 72 does apart from its tailorings.
//
// Where the two disagree they agree again at the next common boundary; the bytes between the common
// boundaries around a difference (its region) are searched for a known cause (see "Known causes"),
// and the differences are reported by cause, with the code points on either side of each difference
// ("Other U+0040 '@' | ALetter") and up to N example regions segmented both ways. A final section
// runs minimal inputs for each cause through both.
#include "corpus.hpp"

#include <byline/segment/sentences.hpp>
#include <byline/segment/words.hpp>
#include <byline/unicode/properties.hpp>
#include <byline/unicode/utf.hpp>

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#ifndef BYLINE_SOURCE_DIR
#define BYLINE_SOURCE_DIR "."
#endif

namespace {

namespace bu = byline::unicode;

// The seed article once (not repeated: the comparison needs every boundary once), and PolNeAR.
struct corpus {
  std::string name;
  std::string text;
  std::string missing;
};

corpus load_seed() {
  auto c = byline::bench::load_seed(1);  // at least one byte: exactly one copy
  return {c.name, std::move(c.utf8), std::move(c.missing)};
}

corpus load_polnear() {
  auto c = byline::bench::load_polnear();
  return {c.name, std::move(c.utf8), std::move(c.missing)};
}

// --- Boundaries ----------------------------------------------------------------------------------

enum class kind { word, sentence };

std::vector<std::size_t> byline_boundaries(std::string_view text, kind k) {
  std::vector<std::size_t> out;
  if (k == kind::word)
    for (auto s : byline::segment::words(text)) out.push_back(s.offsets().end);
  else
    for (auto s : byline::segment::sentences(text)) out.push_back(s.offsets().end);
  return out;
}

std::vector<std::size_t> icu_boundaries(std::string_view text, kind k) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> bi(
      k == kind::word ? icu::BreakIterator::createWordInstance(icu::Locale::getEnglish(), status)
                      : icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), status));
  if (U_FAILURE(status)) {
    std::fprintf(stderr, "ICU BreakIterator: %s\n", u_errorName(status));
    std::exit(2);
  }
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<std::int64_t>(text.size()), &status);
  bi->setText(ut, status);
  std::vector<std::size_t> out;
  bi->first();
  for (std::int32_t p; (p = bi->next()) != icu::BreakIterator::DONE;) out.push_back(static_cast<std::size_t>(p));
  utext_close(ut);
  if (U_FAILURE(status)) {
    std::fprintf(stderr, "ICU: %s\n", u_errorName(status));
    std::exit(2);
  }
  return out;
}

// --- Describing a position -----------------------------------------------------------------------

// The code point that ends just before byte `at` (at > 0), and its first byte.
std::pair<char32_t, std::size_t> cp_before(std::string_view t, std::size_t at) {
  std::size_t b = at - 1;
  while (b > 0 && (static_cast<unsigned char>(t[b]) & 0xC0) == 0x80 && at - b < 4) --b;
  auto d = bu::decode<bu::encoding::utf8>(t.begin() + static_cast<std::ptrdiff_t>(b), t.end());
  return {d.code_point, b};
}

char32_t cp_at(std::string_view t, std::size_t at) {
  if (at >= t.size()) return 0xFFFFFFFF;
  return bu::decode<bu::encoding::utf8>(t.begin() + static_cast<std::ptrdiff_t>(at), t.end()).code_point;
}

std::string cp_name(char32_t c) {
  char buf[40];
  if (c == 0xFFFFFFFF) return "<end>";
  if (c >= 0x21 && c < 0x7F)
    std::snprintf(buf, sizeof buf, "U+%04X '%c'", static_cast<unsigned>(c), static_cast<char>(c));
  else
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
  return buf;
}

std::string prop_name(char32_t c, kind k) {
  if (c == 0xFFFFFFFF) return "eot";
  const auto p = bu::properties(c);
  return std::string(k == kind::word ? bu::name(p.word()) : bu::name(p.sentence()));
}

// Printable context: ASCII as is, \n \r \t escaped, everything else as \u{XXXX}; the boundary is
// shown as a bold bar "┃" (written as "[|]" to stay ASCII).
std::string escape(std::string_view t, std::size_t from, std::size_t to) {
  std::string out;
  auto it = t.begin() + static_cast<std::ptrdiff_t>(from);
  const auto end = t.begin() + static_cast<std::ptrdiff_t>(to);
  while (it < end) {
    auto d = bu::decode<bu::encoding::utf8>(it, end);
    const char32_t c = d.code_point;
    if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '\t')
      out += "\\t";
    else if (c == '\\')
      out += "\\\\";
    else if (c >= 0x20 && c < 0x7F)
      out += static_cast<char>(c);
    else {
      char buf[16];
      std::snprintf(buf, sizeof buf, "\\u{%04X}", static_cast<unsigned>(c));
      out += buf;
    }
    it = d.next;
  }
  return out;
}

// Moves `at` back to the start of the code point it is in, for context windows.
std::size_t align(std::string_view t, std::size_t at) {
  while (at > 0 && at < t.size() && (static_cast<unsigned char>(t[at]) & 0xC0) == 0x80) --at;
  return at;
}


// --- Known causes --------------------------------------------------------------------------------
//
// Where the two segmentations disagree, they agree again at the next common boundary: the bytes
// between the common boundaries before and after a difference (its "region") hold what caused it.
// A region is put down to the first of these that it contains, in this order:
//   ICU's dictionary scripts: ICU 72's word.txt takes Line_Break=Complex_Context (Thai, Lao, Khmer,
//     Myanmar...), Han, Hiragana, Katakana and Hangul syllables out of its rule classes and breaks
//     runs of them with dictionaries. In UAX #29 Hangul syllables are ALetter (so they join adjacent
//     Latin letters and digits), Katakana joins runs of Katakana (WB13), and Han, Hiragana and
//     Complex_Context letters are Other: every code point is a word of its own (marks attached).
//   '@': ICU 72 adds U+0040 to ALetter ($ALetter = [\p{Word_Break = ALetter} @], CLDR-15767, so that
//     e-mail addresses and handles stay one word); in UAX #29 '@' is Other and always breaks.
//   ':': ICU's word.txt (from CLDR root) removes U+003A, U+FE55 and U+FF1A from MidLetter, so ICU
//     breaks "a:b" where UAX #29 WB6/WB7 join it (CLDR keeps the colon for Swedish and Finnish).
// A region with none of these is "unexplained": a byline bug or a tailoring not listed here.

enum class cause { dictionary, at_sign, colon, unexplained };

std::string_view describe(cause c) {
  switch (c) {
    case cause::dictionary:
      return "ICU dictionary segmentation (Complex_Context scripts, Han, Hiragana, Katakana, Hangul "
             "syllables): UAX #29 rules in byline, dictionary words in ICU";
    case cause::at_sign:
      return "ICU 72 tailoring: '@' (U+0040) is ALetter in ICU's word.txt (CLDR-15767, keeps e-mail "
             "addresses and @handles whole); Word_Break=Other in UAX #29, so byline breaks on both sides";
    case cause::colon:
      return "ICU/CLDR root tailoring: ':' (U+003A, U+FE55, U+FF1A) removed from MidLetter, so ICU breaks "
             "letter:letter where UAX #29 WB6/WB7 join it";
    case cause::unexplained: return "unexplained: no known ICU tailoring in the region (check for a byline bug)";
  }
  return {};
}

bool icu_dictionary_char(char32_t c) {
  const auto ch = static_cast<UChar32>(c);
  if (u_getIntPropertyValue(ch, UCHAR_LINE_BREAK) == U_LB_COMPLEX_CONTEXT) return true;
  if (c >= 0xAC00 && c <= 0xD7A3) return true;  // Hangul syllables
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode sc = uscript_getScript(ch, &status);
  return sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA;
}

cause classify(std::string_view t, std::size_t from, std::size_t to, kind k) {
  if (k == kind::sentence) return cause::unexplained;  // ICU's "en" sentence rules are untailored
  bool dict = false, at = false, colon = false;
  auto it = t.begin() + static_cast<std::ptrdiff_t>(from);
  const auto end = t.begin() + static_cast<std::ptrdiff_t>(to);
  while (it < end) {
    auto d = bu::decode<bu::encoding::utf8>(it, end);
    const char32_t c = d.code_point;
    dict = dict || icu_dictionary_char(c);
    at = at || c == U'@';
    colon = colon || c == U':' || c == U'\uFE55' || c == U'\uFF1A';
    it = d.next;
  }
  return dict ? cause::dictionary : at ? cause::at_sign : colon ? cause::colon : cause::unexplained;
}

// --- Report --------------------------------------------------------------------------------------

// The bytes [from, to) with a bar at each of `cuts` inside them.
std::string segmented(std::string_view t, std::size_t from, std::size_t to, const std::vector<std::size_t>& cuts) {
  std::string out;
  std::size_t at = from;
  for (auto it = std::upper_bound(cuts.begin(), cuts.end(), from); it != cuts.end() && *it < to; ++it) {
    out += escape(t, at, *it) + "|";
    at = *it;
  }
  return out + escape(t, at, to);
}

struct cause_report {
  std::size_t only_byline = 0, only_icu = 0, regions = 0;
  std::map<std::string, std::size_t> contexts;  // "before | after" property pairs of each difference
  std::vector<std::pair<std::size_t, std::size_t>> examples;  // regions
};

std::string context_key(std::string_view t, std::size_t at, kind k, bool only_byline) {
  const auto [before, bstart] = cp_before(t, at);
  (void)bstart;
  const char32_t after = cp_at(t, at);
  auto side = [&](char32_t c) {
    const std::string p = prop_name(c, k);
    // Letters and digits by their property alone; anything else by code point too.
    if (c != 0xFFFFFFFF && ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
      return p;
    return p + " " + cp_name(c);
  };
  return std::string(only_byline ? "only byline  " : "only ICU     ") + side(before) + " | " + side(after);
}

void compare(const corpus& c, kind k, std::size_t max_examples) {
  const std::string_view t = c.text;
  const auto mine = byline_boundaries(t, k);
  const auto theirs = icu_boundaries(t, k);
  std::vector<std::size_t> common, only_mine, only_theirs;
  std::set_intersection(mine.begin(), mine.end(), theirs.begin(), theirs.end(), std::back_inserter(common));
  std::set_difference(mine.begin(), mine.end(), theirs.begin(), theirs.end(), std::back_inserter(only_mine));
  std::set_difference(theirs.begin(), theirs.end(), mine.begin(), mine.end(), std::back_inserter(only_theirs));
  std::printf("\n== %s, %s boundaries (%zu bytes)\n", c.name.c_str(), k == kind::word ? "word" : "sentence",
              t.size());
  std::printf("   byline %zu, ICU %zu, common %zu, only byline %zu, only ICU %zu\n", mine.size(), theirs.size(),
              common.size(), only_mine.size(), only_theirs.size());
  if (only_mine.empty() && only_theirs.empty()) {
    std::printf("   identical\n");
    return;
  }

  // Every difference, in text order, with the region between the common boundaries around it.
  std::vector<std::pair<std::size_t, bool>> diffs;  // offset, only byline
  for (auto x : only_mine) diffs.emplace_back(x, true);
  for (auto x : only_theirs) diffs.emplace_back(x, false);
  std::sort(diffs.begin(), diffs.end());
  std::map<cause, cause_report> reports;
  std::size_t last_region = static_cast<std::size_t>(-1);
  for (const auto& [at, only_byline] : diffs) {
    auto hi = std::lower_bound(common.begin(), common.end(), at);  // first common boundary > at
    const std::size_t to = hi == common.end() ? t.size() : *hi;
    const std::size_t from = hi == common.begin() ? 0 : *(hi - 1);
    const cause why = classify(t, from, to, k);
    auto& r = reports[why];
    (only_byline ? r.only_byline : r.only_icu)++;
    ++r.contexts[context_key(t, at, k, only_byline)];
    if (from != last_region) {
      ++r.regions;
      if (r.examples.size() < max_examples) r.examples.emplace_back(from, to);
      last_region = from;
    }
  }
  for (const auto& [why, r] : reports) {
    std::printf("\n   cause: %s\n", std::string(describe(why)).c_str());
    std::printf("     %zu only byline, %zu only ICU, in %zu regions; at each difference (before | after):\n",
                r.only_byline, r.only_icu, r.regions);
    std::vector<std::pair<std::string, std::size_t>> ctx(r.contexts.begin(), r.contexts.end());
    std::stable_sort(ctx.begin(), ctx.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    for (const auto& [key, n] : ctx) std::printf("       %7zu  %s\n", n, key.c_str());
    std::printf("     examples (region between common boundaries, then each side's segmentation of it):\n");
    for (const auto& [from, to] : r.examples) {
      const std::size_t cfrom = align(t, from > 24 ? from - 24 : 0);
      const std::size_t cto = align(t, std::min(t.size(), to + 24));
      std::printf("       @%-9zu ...%s[[%s]]%s...\n", from, escape(t, cfrom, from).c_str(), escape(t, from, to).c_str(),
                  escape(t, to, cto).c_str());
      std::printf("                  byline: %s\n", segmented(t, from, to, mine).c_str());
      std::printf("                  ICU:    %s\n", segmented(t, from, to, theirs).c_str());
    }
  }
}

// Minimal inputs for each known cause (and a few where the two agree), segmented by both.
void probes() {
  struct probe {
    kind k;
    const char* text;
    const char* note;
  };
  const probe list[] = {
      {kind::word, "email a@b.com", "'@' is ALetter in ICU 72"},
      {kind::word, "@user @ 1@2", "'@' is ALetter in ICU 72"},
      {kind::word, "text-align:left", "':' is not MidLetter in ICU/CLDR root"},
      {kind::word, "a\xEF\xBC\x9A" "b", "U+FF1A FULLWIDTH COLON, likewise"},
      {kind::word, "10:30", "':' is MidNum in neither: both break"},
      {kind::word, "a\xEA\xB0\x80 \xEA\xB0\x80\xEB\x82\x98", "Hangul syllables: ALetter in UAX #29, dictionary in ICU"},
      {kind::word, "\xE0\xB8\xA0\xE0\xB8\xB2\xE0\xB8\xA9\xE0\xB8\xB2\xE0\xB9\x84\xE0\xB8\x97\xE0\xB8\xA2",
       "Thai: Word_Break=Other in UAX #29 (one letter a word), dictionary words in ICU"},
      {kind::word, "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x81\xA7\xE3\x81\x99", "Han and Hiragana: one code point each in UAX #29"},
      {kind::word, "can't U.S. 3.14 e.g. a_b \xE2\x80\x99tis", "plain UAX #29: both agree"},
      {kind::sentence, "Mr. Smith went. He said \xE2\x80\x9CHi.\xE2\x80\x9D Then e.g. this.", "no suppression for \"en\": both break after \"Mr.\""},
  };
  std::printf("\n== probes: minimal inputs for each cause ('|' marks a boundary)\n");
  for (const auto& p : list) {
    const std::string_view t = p.text;
    const auto mine = byline_boundaries(t, p.k);
    const auto theirs = icu_boundaries(t, p.k);
    std::printf("   %-8s %s  [%s]\n", p.k == kind::word ? "word" : "sentence", mine == theirs ? "same" : "DIFF", p.note);
    std::printf("            byline: %s\n", segmented(t, 0, t.size(), mine).c_str());
    std::printf("            ICU:    %s\n", segmented(t, 0, t.size(), theirs).c_str());
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t max_examples = 10;
  if (argc > 1) max_examples = static_cast<std::size_t>(std::strtoul(argv[1], nullptr, 10));
  std::printf("byline vs ICU %s boundaries, locale en; shared data: %s\n", U_ICU_VERSION,
              byline::bench::shared_dir().string().c_str());
  std::printf("non-ASCII shown as \\u{XXXX}; [[...]] marks a region, '|' a boundary\n");
  int missing = 0;
  for (const corpus& c : {load_seed(), load_polnear()}) {
    if (!c.missing.empty()) {
      std::printf("\n== %s: skipped, corpus not available (%s); set BYLINE_SHARED_DIR\n", c.name.c_str(),
                  c.missing.c_str());
      ++missing;
      continue;
    }
    compare(c, kind::word, max_examples);
    compare(c, kind::sentence, max_examples);
  }
  probes();
  return missing == 2 ? 1 : 0;
}
