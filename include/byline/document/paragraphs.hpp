// byline — paragraphs: runs of non-blank lines, the script of each, and two flags, heading and
// boilerplate (page chrome).
//
//   byline::pipeline nlp{byline::tokenizer{}, byline::paragraph_segmenter{}};
//   auto doc = nlp(text);
//   for (auto p : doc.paragraphs())
//     if (!p.is_boilerplate()) use(p.text());
//
// Lines end at LF, CR LF, CR, VT, FF, NEL, U+2028 and U+2029. A blank line (whitespace only) ends a
// paragraph, and U+2029 PARAGRAPH SEPARATOR always does. A paragraph's [begin, end) runs from its
// first to its last non-whitespace code unit; its tokens are those that begin inside it.
//
// Paragraphs and tokens nest: a line break inside a token (a user's special case) ends no line, and
// a line where a token begins is not blank, so every paragraph boundary falls between two tokens and
// every token lies in exactly one paragraph, which stretches to cover it when the token begins or
// ends in white space. With byline::tokenizer that never happens: it makes no tokens of the
// invisible characters that count as white space here (unicode/spaces.hpp).
//
// The flags come from a few deterministic rules, each on features counted in one pass over the
// text (letters by script, words, sentence ends, separators per line):
//
//   body script   the script with the most letters over the paragraphs with >= body_min_letters
//                 letters (over all paragraphs when none is that long). Story text is long; menus are
//                 not, so a page's chrome cannot outvote its story.
//   prose guard   a paragraph in the body script with a sentence end (. ! ? and the like followed by
//                 a space or the end of a line) and >= prose_min_words words is never boilerplate,
//                 whatever it contains: a story may say "Read more" or "Share this" in a sentence.
//   boilerplate   any of
//     (a) other script: its script is a real one (not Common) that differs from the body's, and it
//         has < other_script_max_letters letters: menus and comment forms of the site around a story
//         in another language (Arabic or Cyrillic navigation around an English article).
//     (b) phrase: one of its lines starts, case-insensitively and at a word boundary, with one of
//         boilerplate_phrases ("Leave a comment", "Read more", "©", "Tags:" ...), after any bullets.
//         When the phrase runs on into more words, the longer the phrase the surer the match: one
//         word starts too many story lines ("Close race in Ohio", "Share prices fell.") and counts
//         only alone or before a number, colon or bracket ("Close", "Comments (12)", "Related:",
//         "Copyright 2024"); two words count unless the line ends as a sentence ("Sign up for our
//         newsletter" but not "Posted in March, the video went viral."); three or more always do
//         ("We use cookies to improve your experience.").
//     (c) navigation: a line of >= nav_min_items short items (<= nav_item_max_words words each)
//         separated by | • » › · ¦ ∙ and not ending as a sentence ("Home | World | Sport"), or a run
//         of >= menu_min_lines consecutive lines of <= menu_item_max_words words each with no sentence
//         end (a menu laid out one item a line).
//   heading       not boilerplate, one line, in the body script, <= heading_max_words words and
//                 <= heading_max_code_points code points, not ending in sentence-final punctuation
//                 (closing quotes and brackets after it are looked through): a headline.
//
// Scripts are compared as writing systems: Han goes with Hiragana, Katakana, Hangul and Bopomofo,
// and Hiragana with Katakana, so Japanese or Korean text is never "another script" of itself.
//
// Scratch space lives in the workspace: a steady stream of documents allocates only the output.
//
// Speed: runs of ASCII (most of a news story) are counted up to 64 code units at a time from bit
// masks of their classes (SSE2 makes the masks 16 bytes a step on x86-64; define BYLINE_NO_SIMD to
// build without it). In UTF-8 the runs also take the curly quotes, dashes and no-break spaces that
// fill news text, as units of the class their code points have. Other code points go one at a time
// through the same rules. Tests check that both ways count the same (detail::paragraph_paths).
#pragma once

#include <byline/detail/config.hpp>
#include <byline/document/document.hpp>
#include <byline/pipeline.hpp>
#include <byline/unicode/properties.hpp>
#include <byline/unicode/spaces.hpp>
#include <byline/unicode/utf.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__) && !defined(BYLINE_NO_SIMD)
#include <emmintrin.h>
#define BYLINE_PARAGRAPHS_SSE2 1
#endif

namespace byline {

namespace detail {
struct paragraph_paths;
}

namespace detail::paragraphs {

using unicode::general_category;
using unicode::script;
using unicode::sentence_break;

constexpr bool is_line_break(char32_t c) noexcept {
  return (c >= 0x0A && c <= 0x0D) || c == 0x85 || c == 0x2028 || c == 0x2029;
}

// White_Space, plus the invisible format characters that scraped pages leave on otherwise empty
// lines (zero width space, LRM, RLM, word joiner, BOM): a line of them looks blank and is blank. The
// tokenizer makes no tokens of them either (unicode/spaces.hpp).
constexpr bool is_space(char32_t c) noexcept {
  if (c == 0x20 || c == 0x09 || is_line_break(c)) return true;
  if (c < 0x80) return false;
  if (unicode::is_invisible_space(c)) return true;
  return unicode::general_category_of(c) == general_category::zs;
}

// Characters that separate navigation items on one line. '|' always does; the others only when
// whitespace (or the start of the line) comes before them, so that a closing guillemet (« da »
// written «da») or a Catalan middle dot (col·legi) inside a word is not taken for one.
constexpr bool is_nav_separator(char32_t c, bool after_space) noexcept {
  if (c == U'|' || c == U'\u00A6') return true;
  return after_space && (c == U'\u2022' || c == U'\u00BB' || c == U'\u203A' || c == U'\u00B7' || c == U'\u2219');
}

// Bullets and arrows that may come before a line's text ("• Read more", "> Share this").
constexpr bool is_bullet(char32_t c) noexcept {
  switch (c) {
    case U'-': case U'*': case U'>': case U'|': case U'\u2013': case U'\u2014': case U'\u2022':
    case U'\u2023': case U'\u25E6': case U'\u25AA': case U'\u25BA': case U'\u25B6': case U'\u2192':
    case U'\u00B7': case U'\u00BB': case U'\u203A':
      return true;
    default:
      return false;
  }
}

// Case-folded, with curly quotes and apostrophes as straight ones, for phrase matching: as token
// norms fold them.
constexpr char32_t fold(char32_t c) noexcept {
  if (c < 0x80) return c >= 'A' && c <= 'Z' ? c + 0x20 : c;  // the tables' answer for ASCII, checked below
  return byline::detail::norm_code_point(c);
}
constexpr bool ascii_fold_is_the_tables() {
  for (char32_t c = 0; c < 0x80; ++c)
    if (fold(c) != byline::detail::norm_code_point(c)) return false;
  return true;
}
static_assert(ascii_fold_is_the_tables());

// Marks an empty phrase in scratch::phrase_first: no code point folds to it.
inline constexpr char32_t no_phrase = 0xFFFFFFFF;

constexpr bool is_real_script(script s) noexcept {
  return s != script::common && s != script::inherited && s != script::unknown;
}

constexpr bool is_cjk_kana_or_hangul(script s) noexcept {
  return s == script::hiragana || s == script::katakana || s == script::hangul || s == script::bopomofo;
}

// Whether two scripts write the same language family of text (see the header comment).
constexpr bool same_writing_system(script a, script b) noexcept {
  if (a == b) return true;
  if (a == script::han) return is_cjk_kana_or_hangul(b);
  if (b == script::han) return is_cjk_kana_or_hangul(a);
  const bool kana_a = a == script::hiragana || a == script::katakana;
  const bool kana_b = b == script::hiragana || b == script::katakana;
  return kana_a && kana_b;
}

// What one non-blank line holds.
struct line_info {
  std::uint32_t begin = 0, end = 0;  // its first and past its last non-whitespace code unit
  std::uint32_t words = 0;           // runs of non-whitespace with a letter or digit
  std::uint32_t letters = 0;
  // Where its text lies as the scanner saw it, before tokens widen [begin, end): its code points are
  // counted there when a rule asks (only a heading's length does).
  std::uint32_t text_begin = 0, text_end = 0;
  std::uint32_t sentence_ends = 0;   // . ! ? (Sentence_Break ATerm/STerm), closers, then space or end
  std::uint32_t nav_separators = 0;
  std::uint32_t nav_items = 0;           // items between separators that have letters
  std::uint32_t nav_max_item_words = 0;  // words in the longest of them
  bool ends_sentence = false;            // its last character (closers looked through) is . ! ? ...
};

struct paragraph_info {
  std::uint32_t begin = 0, end = 0;
  std::uint32_t first_line = 0, end_line = 0;  // into scratch::lines
  std::uint32_t first_token = 0, end_token = 0;  // the tokens of its lines
  std::uint32_t words = 0, letters = 0, sentence_ends = 0;
  script majority = script::common;
};

using script_counts = std::array<std::uint32_t, 256>;

struct scratch {
  std::vector<line_info> lines;
  std::vector<paragraph_info> paras;
  // Letters per script in the current paragraph, in the long paragraphs and in all of them, with
  // the scripts in the order first seen (ties go to the first).
  script_counts para_counts{}, long_counts{}, all_counts{}, line_counts{};
  std::vector<script> para_seen, long_seen, all_seen, line_seen;
  // The phrases, decoded and folded, one after another; phrase i is [starts[i], starts[i + 1]).
  std::u32string phrase_text;
  std::vector<std::uint32_t> phrase_starts;
  std::vector<char32_t> phrase_first;  // each phrase's first code point (no_phrase when it is empty)
  std::vector<std::uint32_t> phrase_order;  // the phrases by their first code point
  std::vector<std::string> phrases_folded;  // what phrase_text was made from, to fold it again only on change

  void reset() {
    lines.clear();
    paras.clear();
    para_counts.fill(0);
    long_counts.fill(0);
    all_counts.fill(0);
    line_counts.fill(0);
    para_seen.clear();
    long_seen.clear();
    all_seen.clear();
    line_seen.clear();
  }
};

inline void add_letters(script_counts& counts, std::vector<script>& seen, script s, std::uint32_t n) {
  auto& c = counts[static_cast<std::uint8_t>(s)];
  if (c == 0) seen.push_back(s);
  c += n;
}

inline script majority(const script_counts& counts, const std::vector<script>& seen) {
  script best = script::common;
  std::uint32_t n = 0;
  for (auto s : seen)
    if (counts[static_cast<std::uint8_t>(s)] > n) {
      best = s;
      n = counts[static_cast<std::uint8_t>(s)];
    }
  return best;
}

// std::popcount is a library call on x86-64 without -mpopcnt; this is a few multiplies and shifts.
constexpr unsigned popcount64(std::uint64_t x) noexcept {
#if defined(__POPCNT__) || defined(__ARM_NEON)
  return static_cast<unsigned>(std::popcount(x));
#else
  x = x - ((x >> 1) & 0x5555555555555555ull);
  x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
  return static_cast<unsigned>((x * 0x0101010101010101ull) >> 56);
#endif
}

// ASCII, most of news text, takes a fast path: runs of up to 64 code units are classified at once
// into bit masks (one bit a unit), and the line's features are counted from the masks with a few
// word operations instead of a step a code unit. The classes are read off the same rules that
// line_scanner::feed applies a code point at a time, so the two paths count the same.
enum ascii_class : std::uint8_t {
  a_space,    // white space within a line: ends a word, and a sentence end when a terminator waits
  a_letter,   // a Latin letter, not a terminator
  a_digit,    // a number, not a terminator
  a_term,     // . ! ? (Sentence_Break ATerm, STerm)
  a_close,    // " ' ( ) [ ] { }: looked through after a terminator (Close; Extend, Format)
  a_other,    // anything else that is not white space: part of a word, ends a waiting terminator
  a_special,  // line breaks and the navigation separator '|': the code point path decides them
};

constexpr std::array<std::uint8_t, 128> make_ascii_classes() {
  std::array<std::uint8_t, 128> t{};
  for (char32_t c = 0; c < 128; ++c) {
    std::uint8_t k = a_other;
    if (is_line_break(c) || is_nav_separator(c, true) || is_nav_separator(c, false)) {
      k = a_special;
    } else if (is_space(c)) {
      k = a_space;
    } else {
      const auto props = unicode::properties(c);
      const auto sb = props.sentence();
      const bool term = sb == sentence_break::aterm || sb == sentence_break::sterm;
      const bool keeps = sb == sentence_break::close || sb == sentence_break::extend || sb == sentence_break::format;
      if (unicode::is_letter(props.category()))
        k = term || keeps ? a_special : a_letter;  // none in ASCII; the code point path would take them
      else if (unicode::is_number(props.category()))
        k = term || keeps ? a_special : a_digit;
      else if (term)
        k = a_term;
      else if (keeps)
        k = a_close;
    }
    t[c] = k;
  }
  return t;
}

inline constexpr std::array<std::uint8_t, 128> ascii_classes = make_ascii_classes();

// The SIMD classifier below tests these sets directly; they must be the table's.
constexpr bool ascii_classes_are_the_simple_sets() {
  for (unsigned c = 0; c < 128; ++c) {
    std::uint8_t k = a_other;
    if ((c >= 0x0A && c <= 0x0D) || c == '|')
      k = a_special;
    else if (c == ' ' || c == '\t')
      k = a_space;
    else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
      k = a_letter;
    else if (c >= '0' && c <= '9')
      k = a_digit;
    else if (c == '.' || c == '!' || c == '?')
      k = a_term;
    const bool close = ascii_classes[c] == a_close;
    if (close ? k != a_other : ascii_classes[c] != k) return false;
  }
  return true;
}
static_assert(ascii_classes_are_the_simple_sets(), "paragraphs: the fast path's byte sets no longer match the rules");

// The marks other than ASCII that fill news text (curly quotes, dashes, no-break spaces), which the
// fast path takes inside a run of ASCII as if they were ASCII units of one class: their length in
// UTF-8 and that class (a_close, a_other, a_space), or length 0 for any other bytes. They are
// none of the things the code point path decides for itself (letters, terminators, line breaks,
// navigation separators, marks that extend white space); common_marks_are_plain checks that.
struct common_mark_info {
  unsigned length = 0;
  std::uint8_t kind = a_other;
};

constexpr common_mark_info common_mark(const unsigned char* p, std::size_t avail) noexcept {
  if (avail >= 2 && p[0] == 0xC2 && p[1] == 0xA0) return {2, a_space};  // U+00A0 NO-BREAK SPACE
  if (avail >= 3 && p[0] == 0xE2 && p[1] == 0x80) {
    switch (p[2]) {
      case 0x98: case 0x99: case 0x9C: case 0x9D:  // U+2018 U+2019 U+201C U+201D
        return {3, a_close};
      case 0x93: case 0x94:  // U+2013 U+2014
        return {3, a_other};
      default:
        break;
    }
  }
  return {};
}

// That each mark's class is what line_scanner::feed makes of its code point.
constexpr bool common_marks_are_plain() {
  constexpr char32_t marks[] = {0xA0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2013, 0x2014};
  for (char32_t c : marks) {
    unsigned char u[3] = {0, 0, 0};
    if (c < 0x800) {
      u[0] = static_cast<unsigned char>(0xC0 | (c >> 6));
      u[1] = static_cast<unsigned char>(0x80 | (c & 0x3F));
    } else {
      u[0] = static_cast<unsigned char>(0xE0 | (c >> 12));
      u[1] = static_cast<unsigned char>(0x80 | ((c >> 6) & 0x3F));
      u[2] = static_cast<unsigned char>(0x80 | (c & 0x3F));
    }
    const auto m = common_mark(u, 3);
    if (m.length != (c < 0x800 ? 2u : 3u)) return false;
    const auto props = unicode::properties(c);
    if (is_line_break(c) || is_nav_separator(c, true)) return false;
    if (unicode::is_letter(props.category()) || unicode::is_number(props.category())) return false;
    const auto wb = props.word();
    if (wb == unicode::word_break::extend || wb == unicode::word_break::format || wb == unicode::word_break::zwj)
      return false;
    const auto sb = props.sentence();
    if (sb == sentence_break::aterm || sb == sentence_break::sterm) return false;
    const bool keeps = sb == sentence_break::close || sb == sentence_break::extend || sb == sentence_break::format;
    const std::uint8_t k = is_space(c) ? a_space : keeps ? a_close : a_other;
    if (k != m.kind) return false;
  }
  return true;
}
static_assert(common_marks_are_plain(), "paragraphs: a common mark's class no longer matches the rules");

// A run of code units from one place: bit j of each mask is unit j of the run. The run ends before
// the first unit that is not ASCII or is a_special, or after 64 units, or at the end of the text.
struct ascii_run {
  std::uint64_t space = 0, alnum = 0, term = 0;  // alnum: letters and digits
  unsigned letters = 0;                          // how many units are letters
  unsigned length = 0;
};

template <class C>
BYLINE_ALWAYS_INLINE ascii_run ascii_run_at(const C* d, std::size_t at, std::size_t n) noexcept {
  ascii_run r;
  const unsigned limit = static_cast<unsigned>(std::min<std::size_t>(64, n - at));
  unsigned j = 0;
#if defined(BYLINE_PARAGRAPHS_SSE2)
  if constexpr (sizeof(C) == 1) {
    if (limit == 64) {
      // 16 bytes a step. A signed compare after a shift tests a range: [lo, lo + count) moves to
      // [0x80, 0x80 + count), the lowest signed bytes.
      const __m128i k_space = _mm_set1_epi8(' '), k_tab = _mm_set1_epi8('\t'), k_case = _mm_set1_epi8(0x20);
      const __m128i k_letter = _mm_set1_epi8(static_cast<char>(0x80 - 'a')),
                    k_letter_n = _mm_set1_epi8(static_cast<char>(0x80 + 26));
      const __m128i k_digit = _mm_set1_epi8(static_cast<char>(0x80 - '0')),
                    k_digit_n = _mm_set1_epi8(static_cast<char>(0x80 + 10));
      const __m128i k_lb = _mm_set1_epi8(static_cast<char>(0x80 - 0x0A)),
                    k_lb_n = _mm_set1_epi8(static_cast<char>(0x80 + 4));
      const __m128i k_bar = _mm_set1_epi8('|'), k_dot = _mm_set1_epi8('.'), k_bang = _mm_set1_epi8('!'),
                    k_query = _mm_set1_epi8('?');
      const auto mask = [](__m128i v) {
        return static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(v)));
      };
      // Line breaks and '|' stop the loop. Bytes from 0x80 up (`high`) stop the run only where they
      // are not one of the marks that news text is full of (common_mark), resolved after the loop.
      std::uint64_t special = 0, high = 0, letter = 0;
      // Letters are also counted in the vector (each lane subtracts its compare's -1, at most 4 a
      // lane), which a run that is not cut sums once: no popcount, a library call or a dozen
      // instructions without POPCNT.
      __m128i letters = _mm_setzero_si128();
      for (; j < 64; j += 16) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + at + j));
        const std::uint64_t sp =
            mask(_mm_or_si128(_mm_cmpeq_epi8(x, k_bar), _mm_cmplt_epi8(_mm_add_epi8(x, k_lb), k_lb_n)));
        const __m128i is_letter = _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(x, k_case), k_letter), k_letter_n);
        high |= mask(x) << j;
        r.space |= mask(_mm_or_si128(_mm_cmpeq_epi8(x, k_space), _mm_cmpeq_epi8(x, k_tab))) << j;
        r.alnum |= mask(_mm_or_si128(is_letter, _mm_cmplt_epi8(_mm_add_epi8(x, k_digit), k_digit_n))) << j;
        r.term |= mask(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, k_dot), _mm_cmpeq_epi8(x, k_bang)),
                                    _mm_cmpeq_epi8(x, k_query)))
                  << j;
        letter |= mask(is_letter) << j;
        letters = _mm_sub_epi8(letters, is_letter);
        if (sp) {
          special = sp << j;
          j += 16;
          break;
        }
      }
      // The marks, each whole within the bytes read (one cut by the end of them stops the run, and
      // the code point path takes it).
      for (std::uint64_t h = high & (special ? (special & (~special + 1)) - 1 : ~std::uint64_t{0}); h;) {
        const auto q = static_cast<unsigned>(std::countr_zero(h));
        const auto mark = common_mark(reinterpret_cast<const unsigned char*>(d + at + q), j - q);
        if (mark.length == 0) {
          special |= std::uint64_t{1} << q;
          break;
        }
        const std::uint64_t bits = ((std::uint64_t{1} << mark.length) - 1) << q;
        if (mark.kind == a_space) r.space |= bits;  // closers and dashes are text of no class here
        h &= ~bits;
      }
      const unsigned stop = special ? static_cast<unsigned>(std::countr_zero(special)) : 64;
      const std::uint64_t keep = stop == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << stop) - 1;
      r.space &= keep;
      r.alnum &= keep;
      r.term &= keep;
      if (stop == 64) {
        const __m128i sums = _mm_sad_epu8(letters, _mm_setzero_si128());
        r.letters = static_cast<unsigned>(_mm_cvtsi128_si32(sums) + _mm_cvtsi128_si32(_mm_unpackhi_epi64(sums, sums)));
      } else {
        r.letters = popcount64(letter & keep);
      }
      r.length = stop;
      return r;
    }
  }
#endif
  for (; j < limit; ++j) {
    const auto u = unicode::detail::unit_value(d[at + j]);
    if (u >= 0x80) break;
    const auto k = ascii_classes[u];
    if (k == a_special) break;
    const std::uint64_t bit = std::uint64_t{1} << j;
    if (k == a_space) r.space |= bit;
    if (k == a_letter) ++r.letters;
    if (k == a_letter || k == a_digit) r.alnum |= bit;
    if (k == a_term) r.term |= bit;
  }
  r.length = j;
  return r;
}

// The first k in [from, n) with begin[k] >= at (n when none), for sorted `begin`, reading forwards.
// `also` is an array read at k - 1 next (the tokens' ends): it is fetched along.
inline std::size_t first_at_or_after(const std::uint32_t* begin, const std::uint32_t* also, std::size_t from,
                                     std::size_t n, std::size_t at) noexcept {
  if (at > std::numeric_limits<std::uint32_t>::max()) return n;  // every offset is below it
  const auto a = static_cast<std::uint32_t>(at);
  std::size_t k = from;
#if defined(BYLINE_PARAGRAPHS_SSE2)
  // Four at a time: SSE2 compares signed 32-bit lanes, so both sides are shifted by 2^31.
  const __m128i bias = _mm_set1_epi32(static_cast<int>(0x80000000u));
  const __m128i limit = _mm_xor_si128(_mm_set1_epi32(static_cast<int>(a)), bias);
  for (; k + 4 <= n; k += 4) {
    _mm_prefetch(reinterpret_cast<const char*>(also + k), _MM_HINT_T0);
    const __m128i v = _mm_xor_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(begin + k)), bias);
    const auto below = static_cast<unsigned>(_mm_movemask_ps(_mm_castsi128_ps(_mm_cmplt_epi32(v, limit))));
    if (below != 0xF) return k + static_cast<unsigned>(std::countr_one(below));
  }
#else
  (void)also;  // only prefetched
#endif
  while (k < n && begin[k] < a) ++k;
  return k;
}

// Counts the features of one line: a run of ASCII at a time (feed_ascii), or a code point at a time
// (feed).
class line_scanner {
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  line_info li_{};
  bool has_text_ = false;
  bool in_word_ = false, word_has_alnum_ = false;
  bool pending_term_ = false;  // a sentence terminator, perhaps followed by closers, waits for a space
  bool last_term_ = false;     // the last non-space character (closers looked through) ends a sentence
  bool after_space_ = true;
  std::uint32_t item_words_ = 0;
  bool item_has_letter_ = false;

  void end_word() {
    if (in_word_ && word_has_alnum_) {
      ++li_.words;
      ++item_words_;
    }
    in_word_ = false;
  }
  void end_item() {
    if (item_has_letter_) {
      ++li_.nav_items;
      li_.nav_max_item_words = std::max(li_.nav_max_item_words, item_words_);
    }
    item_words_ = 0;
    item_has_letter_ = false;
  }

 public:
  bool has_text() const noexcept { return has_text_; }

  // Ready for the next line. Field by field: `*this = {}` built the object on the stack and copied it
  // with loads that straddled the stores just made, a store-forwarding stall at every line.
  void reset() noexcept {
    li_ = line_info{};
    has_text_ = in_word_ = word_has_alnum_ = pending_term_ = last_term_ = false;
    after_space_ = true;
    item_words_ = 0;
    item_has_letter_ = false;
  }

  // Returns the code point's script when it is a letter of a real script, common otherwise.
  BYLINE_ALWAYS_INLINE script feed(char32_t c, std::size_t offset, std::size_t length) {
    if (is_space(c)) {
      end_word();
      if (pending_term_) ++li_.sentence_ends;
      pending_term_ = false;
      after_space_ = true;
      return script::common;
    }
    const auto props = unicode::properties(c);
    // Marks that extend white space (WB4: Extend, Format, ZWJ) are white space, as to the tokenizer.
    if (after_space_ && c >= 0x80) {
      const auto wb = props.word();
      if (wb == unicode::word_break::extend || wb == unicode::word_break::format || wb == unicode::word_break::zwj)
        return script::common;
    }
    if (!has_text_) {
      has_text_ = true;
      li_.begin = static_cast<std::uint32_t>(offset);
    }
    li_.end = static_cast<std::uint32_t>(offset + length);
    const bool was_after_space = after_space_;
    after_space_ = false;
    if (is_nav_separator(c, was_after_space)) {
      end_word();
      end_item();
      ++li_.nav_separators;
      pending_term_ = last_term_ = false;
      return script::common;
    }
    const auto gc = props.category();
    if (!in_word_) {
      in_word_ = true;
      word_has_alnum_ = false;
    }
    script s = script::common;
    if (unicode::is_letter(gc)) {
      word_has_alnum_ = true;
      item_has_letter_ = true;
      ++li_.letters;
      // ASCII letters, most of a story, are Latin: no table needed.
      s = c < 0x80 ? script::latin : unicode::script_of(c);
      if (!is_real_script(s)) s = script::common;
    } else if (unicode::is_number(gc)) {
      word_has_alnum_ = true;
    }
    switch (props.sentence()) {
      case sentence_break::aterm:
      case sentence_break::sterm:
        pending_term_ = last_term_ = true;
        break;
      case sentence_break::close:  // quotes and brackets after a stop: "... frank.”
      case sentence_break::extend:
      case sentence_break::format:
        break;
      default:
        pending_term_ = last_term_ = false;
        break;
    }
    return s;
  }

  // What feed would do for each unit of the ASCII stretch at d[at] (which must be ASCII and not
  // a_special), up to the next unit that is not, all at once; returns the stretch's length. Its
  // Latin letters go to `counts`.
  template <class C>
  std::size_t feed_ascii(const C* d, std::size_t at, std::size_t n, script_counts& counts, std::vector<script>& seen) {
    // The class of a unit of the stretch: ASCII, or a byte of a common mark (whose first byte is
    // found by stepping back over continuation bytes; the stretch begins with ASCII).
    auto cls = [&](std::size_t k) -> std::uint8_t {
      const auto u = unicode::detail::unit_value(d[k]);
      if (u < 0x80) return ascii_classes[u];
      if constexpr (sizeof(C) == 1) {
        while ((unicode::detail::unit_value(d[k]) & 0xC0) == 0x80) --k;
        return common_mark(reinterpret_cast<const unsigned char*>(d + k), n - k).kind;
      } else {
        return a_special;  // never: a run of another encoding holds ASCII only
      }
    };
    // The state, in registers for the stretch.
    bool in_word = in_word_, word_alnum = word_has_alnum_, pending = pending_term_;
    std::uint32_t letters = 0, words = 0, ends = li_.sentence_ends;
    std::size_t last_text = npos;  // the stretch's last unit that is not white space
    std::size_t p = at;
    for (;;) {
      const ascii_run r = ascii_run_at(d, p, n);
      const unsigned k = r.length;
      if (k == 0) break;
      const std::uint64_t valid = k == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << k) - 1;
      const std::uint64_t text = valid & ~r.space;  // every unit that is not white space
      const std::uint64_t last_bit = std::uint64_t{1} << (k - 1);
      if (text) {
        if (!has_text_) {
          has_text_ = true;
          li_.begin = static_cast<std::uint32_t>(p + static_cast<unsigned>(std::countr_zero(text)));
        }
        last_text = p + 63 - static_cast<unsigned>(std::countl_zero(text));
      }
      letters += r.letters;

      // Words: runs of `text`, counted where they end if they hold a letter or digit. `plain` are
      // the units without one; adding a run's first unit to them carries through the run's plain
      // prefix, so the bits that change are that prefix, and the rest of the run (`has`) has seen a
      // letter or digit.
      const std::uint64_t plain = text & ~r.alnum;
      const std::uint64_t starts = text & ~((text << 1) | (in_word ? 1u : 0u));
      std::uint64_t plain_starts = starts & plain;
      if (in_word && !word_alnum) plain_starts |= plain & 1;  // the word goes on, without one so far
      const std::uint64_t has = text & ~(((plain + plain_starts) ^ plain) & plain);
      const std::uint64_t word_ends = text & ~(text >> 1) & (valid >> 1);  // the last unit's may go on
      words += popcount64(word_ends & has);
      if (in_word && word_alnum && !(text & 1)) ++words;  // the word before ends where this begins
      in_word = (text & last_bit) != 0;
      if (in_word) word_alnum = (has & last_bit) != 0;

      // Sentence ends: a terminator (or one waiting from before), closers, then white space. A
      // terminator whose closers run to the end of the block waits on.
      if (r.term || pending) {
        bool waits = false;
        auto land = [&](unsigned from) {
          while (from < k && cls(p + from) == a_close) ++from;
          if (from >= k)
            waits = true;
          else if (r.space >> from & 1)
            ++ends;
        };
        if (pending) land(0);
        for (std::uint64_t t = r.term; t; t &= t - 1) land(static_cast<unsigned>(std::countr_zero(t)) + 1);
        pending = waits;
      }
      p += k;
      if (k < 64) break;
    }
    if (last_text != npos) {
      li_.end = static_cast<std::uint32_t>(last_text + 1);
      // Whether the line so far ends a sentence: its last unit that is neither a closer nor white
      // space (white space never comes last here, but closers may).
      std::size_t j = last_text + 1;
      while (j > at && cls(j - 1) == a_close) --j;
      while (j > at && (cls(j - 1) == a_close || cls(j - 1) == a_space)) --j;
      if (j > at) last_term_ = cls(j - 1) == a_term;
    }
    if (letters) {
      li_.letters += letters;
      item_has_letter_ = true;
      add_letters(counts, seen, script::latin, letters);
    }
    li_.words += words;
    item_words_ += words;
    li_.sentence_ends = ends;
    in_word_ = in_word;
    word_has_alnum_ = word_alnum;
    pending_term_ = pending;
    after_space_ = cls(p - 1) == a_space;
    return p - at;
  }

  // The line's features, into `out` field by field: a copy of the whole struct read the fields
  // just stored one by one with wider loads, which stalls until the stores are done.
  void finish(line_info& out) {
    end_word();
    end_item();
    if (pending_term_) ++li_.sentence_ends;
    out.begin = out.text_begin = li_.begin;
    out.end = out.text_end = li_.end;
    out.words = li_.words;
    out.letters = li_.letters;
    out.sentence_ends = li_.sentence_ends;
    out.nav_separators = li_.nav_separators;
    out.nav_items = li_.nav_items;
    out.nav_max_item_words = li_.nav_max_item_words;
    out.ends_sentence = last_term_;
  }
};

}  // namespace detail::paragraphs

// Splits a document into paragraphs (runs of non-blank lines), gives each its script, and flags
// headlines and page chrome. See the top of this header for the rules.
struct paragraph_segmenter {
  using needs = layers<token_layer>;
  using provides = layers<paragraph_layer>;

  // Lines that start with one of these (case-insensitive, at a word boundary) mark their paragraph
  // as boilerplate; add your site's own. UTF-8.
  std::vector<std::string> boilerplate_phrases = default_boilerplate_phrases();

  std::uint32_t body_min_letters = 40;           // paragraphs that vote for the body script
  std::uint32_t prose_min_words = 20;            // prose guard: at least this many words ...
  std::uint32_t other_script_max_letters = 200;  // (a): shorter than this in another script
  std::uint32_t nav_min_items = 3;               // (c): items on a separated line
  std::uint32_t nav_item_max_words = 4;
  std::uint32_t menu_min_lines = 3;              // (c): run of very short lines
  std::uint32_t menu_item_max_words = 3;
  std::uint32_t heading_max_words = 20;
  std::uint32_t heading_max_code_points = 150;

  static std::vector<std::string> default_boilerplate_phrases() {
    return {
        // comment forms
        "Leave a comment", "Leave a reply", "Post a comment", "Add a comment", "Comments", "Comments are closed",
        "Your email address will not be published", "Required fields are marked",
        // sharing and following
        "Share this", "Share on Facebook", "Share on Twitter", "Share on X", "Share via", "Share", "Follow us",
        // teasers and lists of other articles
        "Read more", "Show more", "Load more", "See more", "Related", "Related articles", "Related posts",
        "Related stories", "You may also like", "Recommended", "Most read", "Most popular", "More from",
        "Previous article", "Next article", "Previous post", "Next post",
        // subscriptions, accounts, ads, cookies
        "Sign up", "Sign in", "Log in", "Subscribe", "Subscribe to", "Subscribe now", "Newsletter",
        "Advertisement", "Sponsored", "Cookie", "Cookies", "Cookie policy", "Cookie settings", "We use cookies",
        "Accept all", "Privacy policy", "Terms of use",
        // legal lines
        "All rights reserved", "Copyright", "\u00A9",
        // page furniture
        "Back to top", "Skip to content", "Skip to main content", "Close", "Print", "Menu", "Search",
        "Toggle navigation", "Tags:", "Filed under", "Posted in", "Categories:",
    };
  }

  template <class Doc>
  void operator()(Doc& doc, workspace& ws) const {
    segment<true>(doc, ws);
  }

 private:
  friend struct detail::paragraph_paths;

  // Fast: runs of ASCII through line_scanner::feed_ascii; else every code point through feed. Only the
  // tests ask for the slow way, to check that the fast one counts the same.
  template <bool Fast, class Doc>
  void segment(Doc& doc, workspace& ws) const {
    namespace dp = detail::paragraphs;
    const auto text = doc.text();
    if (text.size() > std::numeric_limits<std::uint32_t>::max())
      throw std::length_error("byline::paragraph_segmenter: text longer than 2^32 code units");
    auto& s = ws.get<dp::scratch>(*this);
    s.reset();
    fold_phrases(s);
    scan<Fast>(text, doc.template get<token_layer>(), s);

    // The body script: most letters over the long paragraphs, or over all when none is long.
    auto body = dp::majority(s.long_counts, s.long_seen);
    if (s.long_seen.empty()) body = dp::majority(s.all_counts, s.all_seen);

    auto& out = doc.template edit<paragraph_layer>().items;
    out.clear();
    out.reserve(s.paras.size());
    for (const auto& p : s.paras) {
      out.push_back({p.begin, p.end, p.first_token, p.end_token, p.majority, flags_of(text, s, p, body)});
    }
  }

  void fold_phrases(detail::paragraphs::scratch& s) const {
    namespace dp = detail::paragraphs;
    if (!s.phrase_starts.empty() && s.phrases_folded == boilerplate_phrases) return;
    s.phrase_text.clear();
    s.phrase_starts.clear();
    s.phrase_first.clear();
    for (const auto& ph : boilerplate_phrases) {
      s.phrase_starts.push_back(static_cast<std::uint32_t>(s.phrase_text.size()));
      bool space = false;
      for (auto cp : unicode::code_points(std::string_view(ph))) {
        if (dp::is_space(cp.code_point)) {
          space = true;  // runs of whitespace, as one space; leading and trailing ones dropped
          continue;
        }
        if (space && s.phrase_text.size() > s.phrase_starts.back()) s.phrase_text.push_back(U' ');
        space = false;
        s.phrase_text.push_back(dp::fold(cp.code_point));
      }
    }
    s.phrase_starts.push_back(static_cast<std::uint32_t>(s.phrase_text.size()));
    for (std::size_t k = 0; k + 1 < s.phrase_starts.size(); ++k)
      s.phrase_first.push_back(s.phrase_starts[k] < s.phrase_starts[k + 1] ? s.phrase_text[s.phrase_starts[k]]
                                                                            : dp::no_phrase);
    s.phrase_order.resize(s.phrase_first.size());
    for (std::uint32_t k = 0; k < s.phrase_order.size(); ++k) s.phrase_order[k] = k;
    std::stable_sort(s.phrase_order.begin(), s.phrase_order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return s.phrase_first[a] < s.phrase_first[b]; });
    s.phrases_folded = boilerplate_phrases;
  }

  // Lines and paragraphs in one pass. The tokens decide where they may end: a line break inside a
  // token (a special case, a URL) ends no line, and a line where a token begins is not blank, so
  // every paragraph boundary falls between tokens and every token begins in some paragraph, which
  // then stretches to cover it.
  template <bool Fast, class C>
  void scan(std::basic_string_view<C> text, const token_layer& tokens, detail::paragraphs::scratch& s) const {
    namespace dp = detail::paragraphs;
    dp::line_scanner line;
    bool open = false;
    auto prev_line_script = dp::script::common;
    const auto& tb = tokens.begin;
    const auto& te = tokens.end;
    const std::size_t n_tokens = tb.size();
    std::size_t line_tokens = 0;  // the first token that begins in the current line

    // The first token at or after line_tokens that begins at or after `at`. A line holds a few dozen
    // tokens, and a search that jumps through them misses the cache at every line; reading their
    // starts in order lets the hardware fetch ahead.
    auto tokens_before = [&](std::size_t at) { return dp::first_at_or_after(tb.data(), te.data(), line_tokens, n_tokens, at); };

    // The open paragraph is the last of s.paras, built in place (see line_scanner::finish).
    auto close_paragraph = [&](std::size_t end_line) {
      if (!open) return;
      open = false;
      auto& cur = s.paras.back();
      cur.end_line = static_cast<std::uint32_t>(end_line);
      cur.majority = dp::majority(s.para_counts, s.para_seen);
      const bool is_long = cur.letters >= body_min_letters;
      for (auto sc : s.para_seen) {
        auto& n = s.para_counts[static_cast<std::uint8_t>(sc)];
        dp::add_letters(s.all_counts, s.all_seen, sc, n);
        if (is_long) dp::add_letters(s.long_counts, s.long_seen, sc, n);
        n = 0;
      }
      s.para_seen.clear();
    };
    // Ends the line at `at` (the text's size at the end), whose tokens are [line_tokens, next_tokens).
    auto end_line = [&](bool ends_paragraph, std::size_t next_tokens) {
      const bool has_tokens = next_tokens > line_tokens;
      if (line.has_text() || has_tokens) {
        const auto line_index = static_cast<std::uint32_t>(s.lines.size());
        auto& li = s.lines.emplace_back();
        line.finish(li);
        if (has_tokens) {
          const auto first = tb[line_tokens], last = te[next_tokens - 1];
          li.begin = line.has_text() ? std::min(li.begin, first) : first;
          li.end = line.has_text() ? std::max(li.end, last) : last;
        }
        const auto line_first_token = static_cast<std::uint32_t>(line_tokens);
        line_tokens = next_tokens;
        // A line in another writing system than the line before it starts a paragraph of its own:
        // scraped pages often put a menu line in the site's language right above the headline.
        const auto line_script = dp::majority(s.line_counts, s.line_seen);
        if (open && dp::is_real_script(line_script) && dp::is_real_script(prev_line_script) &&
            !dp::same_writing_system(line_script, prev_line_script))
          close_paragraph(line_index);
        if (dp::is_real_script(line_script)) prev_line_script = line_script;
        for (auto sc : s.line_seen) {
          auto& n = s.line_counts[static_cast<std::uint8_t>(sc)];
          dp::add_letters(s.para_counts, s.para_seen, sc, n);
          n = 0;
        }
        s.line_seen.clear();
        if (!open) {
          open = true;
          auto& p = s.paras.emplace_back();
          p.begin = li.begin;
          p.first_line = line_index;
          p.first_token = line_first_token;
        }
        auto& cur = s.paras.back();
        cur.end = li.end;
        cur.end_token = static_cast<std::uint32_t>(next_tokens);
        cur.words += li.words;
        cur.letters += li.letters;
        cur.sentence_ends += li.sentence_ends;
      } else {
        ends_paragraph = true;  // a blank line
      }
      if (ends_paragraph) {
        close_paragraph(s.lines.size());
        prev_line_script = dp::script::common;
      }
      line.reset();
    };

    bool after_cr = false;
    const std::size_t n = text.size();
    for (std::size_t i = 0; i < n;) {
      // ASCII, most of the text, needs no decoding, and runs of it take the fast path.
      char32_t c = unicode::detail::unit_value(text[i]);
      if (Fast && c < 0x80 && dp::ascii_classes[c] != dp::a_special) {
        i += line.feed_ascii(text.data(), i, n, s.line_counts, s.line_seen);
        after_cr = false;
        continue;
      }
      std::size_t len = 1;
      if (c >= 0x80) {
        const auto d = unicode::decode(text.begin() + static_cast<std::ptrdiff_t>(i), text.end());
        c = d.code_point;
        len = d.length;
      }
      const std::size_t at = i;
      i += len;
      if (c == U'\n' && after_cr) {  // CR LF is one line break
        after_cr = false;
        continue;
      }
      after_cr = false;
      if (dp::is_line_break(c)) {
        const auto next_tokens = tokens_before(at);
        if (next_tokens == line_tokens || te[next_tokens - 1] <= at) {
          after_cr = c == U'\r';
          end_line(c == U'\u2029', next_tokens);
          continue;
        }
        // Inside a token: white space within the line.
      }
      const auto sc = line.feed(c, at, len);
      if (sc != dp::script::common) dp::add_letters(s.line_counts, s.line_seen, sc, 1);
    }
    end_line(true, n_tokens);
  }

  template <class C>
  std::uint8_t flags_of(std::basic_string_view<C> text, const detail::paragraphs::scratch& s,
                        const detail::paragraphs::paragraph_info& p, unicode::script body) const {
    namespace dp = detail::paragraphs;
    const bool body_script = dp::same_writing_system(p.majority, body);
    const std::uint32_t n_lines = p.end_line - p.first_line;
    const auto& last = s.lines[p.end_line - 1];

    // Prose guard: story text is never chrome.
    const bool prose = body_script && p.sentence_ends > 0 && p.words >= prose_min_words;
    bool chrome = false;
    if (!prose) {
      // (a) a short paragraph in another script than the story's.
      chrome = dp::is_real_script(p.majority) && dp::is_real_script(body) && !body_script &&
               p.letters < other_script_max_letters;
      // (b) a known chrome phrase; (c) a separated navigation line.
      for (auto i = p.first_line; !chrome && i < p.end_line; ++i) {
        const auto& li = s.lines[i];
        chrome = (li.nav_separators + 1 >= nav_min_items && li.nav_items >= nav_min_items &&
                  li.nav_max_item_words <= nav_item_max_words && !li.ends_sentence) ||
                 starts_with_phrase(text.substr(li.begin, li.end - li.begin), li, s);
      }
      // (c) a menu laid out one item a line.
      std::uint32_t run = 0;
      for (auto i = p.first_line; !chrome && n_lines >= menu_min_lines && i < p.end_line; ++i) {
        const auto& li = s.lines[i];
        const bool item = li.words >= 1 && li.words <= menu_item_max_words && li.sentence_ends == 0;
        run = item ? run + 1 : 0;
        chrome = run >= menu_min_lines;
      }
    }
    std::uint8_t flags = chrome ? paragraph_flag::boilerplate : 0;
    if (!chrome && n_lines == 1 && body_script && p.letters > 0 && p.words <= heading_max_words &&
        !last.ends_sentence && at_most_code_points(text.substr(last.text_begin, last.text_end - last.text_begin),
                                                   heading_max_code_points))
      flags |= paragraph_flag::heading;
    return flags;
  }

  // Whether `line` has at most `limit` code points (counted as the scanner decodes them).
  template <class C>
  static bool at_most_code_points(std::basic_string_view<C> line, std::size_t limit) {
    if (line.size() <= limit) return true;  // a code point takes at least one code unit
    std::size_t count = 0;
    for (auto cp : unicode::code_points(line)) {
      (void)cp;
      if (++count > limit) return false;
    }
    return true;
  }

  // Rule (b) on one line (trimmed): whether it starts with a phrase at a word boundary, and the
  // phrase does not merely begin a sentence ("Close to 300 people died.").
  template <class C>
  static bool starts_with_phrase(std::basic_string_view<C> line, const detail::paragraphs::line_info& li,
                                 const detail::paragraphs::scratch& s) {
    namespace dp = detail::paragraphs;
    auto cps = unicode::code_points(line);
    auto start = cps.begin();
    // Skip bullets and the spaces after them.
    while (start != std::default_sentinel && (dp::is_bullet((*start).code_point) || dp::is_space((*start).code_point)))
      ++start;
    if (start == std::default_sentinel) return false;
    // Only the phrases that begin with the line's first character can match.
    const char32_t first = dp::fold((*start).code_point);
    const auto from = std::lower_bound(s.phrase_order.begin(), s.phrase_order.end(), first,
                                       [&](std::uint32_t k, char32_t f) { return s.phrase_first[k] < f; });
    for (auto at = from; at != s.phrase_order.end() && s.phrase_first[*at] == first; ++at) {
      const std::uint32_t k = *at;
      const std::u32string_view phrase =
          std::u32string_view(s.phrase_text).substr(s.phrase_starts[k], s.phrase_starts[k + 1] - s.phrase_starts[k]);
      if (phrase.empty()) continue;
      auto it = start;
      bool ok = true;
      for (std::size_t i = 0; ok && i < phrase.size(); ++i) {
        if (phrase[i] == U' ') {
          ok = it != std::default_sentinel && dp::is_space((*it).code_point);
          while (it != std::default_sentinel && dp::is_space((*it).code_point)) ++it;
        } else {
          ok = it != std::default_sentinel && dp::fold((*it).code_point) == phrase[i];
          if (ok) ++it;
        }
      }
      if (!ok) continue;
      const auto gc_last = unicode::general_category_of(phrase.back());
      const bool ends_alnum = unicode::is_letter(gc_last) || unicode::is_number(gc_last);
      if (it == std::default_sentinel) return true;  // the whole line
      const char32_t next = (*it).code_point;
      const auto gc_next = unicode::general_category_of(next);
      // "Print" must not match "Printing"; "Tags:" and "©" need no boundary after them.
      if (ends_alnum && (unicode::is_letter(gc_next) || unicode::is_number(gc_next) || unicode::is_mark(gc_next)))
        continue;
      // Does the phrase run on into more words? Then its length decides (see the top of the header).
      bool flows = false;
      if (ends_alnum && dp::is_space(next)) {
        while (it != std::default_sentinel && dp::is_space((*it).code_point)) ++it;
        flows = it != std::default_sentinel && unicode::is_letter(unicode::general_category_of((*it).code_point));
      }
      if (!flows) return true;
      const auto words = 1 + std::count(phrase.begin(), phrase.end(), U' ');
      if (words >= 3 || (words == 2 && !li.ends_sentence)) return true;
    }
    return false;
  }
};

namespace detail {

// The segmenter's two ways through a text, for the tests that check they agree.
struct paragraph_paths {
  template <class Doc>
  static void fast(const paragraph_segmenter& p, Doc& doc, workspace& ws) {
    p.template segment<true>(doc, ws);
  }
  template <class Doc>
  static void code_point_at_a_time(const paragraph_segmenter& p, Doc& doc, workspace& ws) {
    p.template segment<false>(doc, ws);
  }
};

}  // namespace detail

}  // namespace byline
