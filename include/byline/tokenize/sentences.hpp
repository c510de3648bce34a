// byline — news sentences: UAX #29 sentence boundaries, moved to token boundaries and tailored.
//
// On top of the standard's rules:
//   - no break after a title (Mr. Gen. Sen.), nor after another abbreviation or an initial unless
//     the next word usually starts sentences ("the U.S. President" stays whole, "the U.S. The" breaks);
//   - no break before a lower-case word, even after ? or ! and a closing quote ("“Why?” he asked.");
//   - … (U+2026) ends a sentence as "..." does, though UAX #29 has no boundary after it;
//   - a paragraph always ends a sentence (the splitter reads the paragraph layer, so sentences nest in
//     paragraphs); a single line break ends one (a headline, a menu item stands alone) unless the line
//     runs on into a lower-case word (text wrapped at a fixed width).
#pragma once

#include <byline/detail/config.hpp>
#include <byline/document/records.hpp>
#include <byline/segment/sentences.hpp>
#include <byline/tokenize/tokenizer.hpp>
#include <byline/unicode/utf.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace byline {

class workspace;

namespace detail {

// Titles that precede a name: a sentence does not end after them.
inline constexpr std::string_view title_abbreviations[] = {
    "Adm.",  "Amb.",  "Atty.", "Brig.", "Capt.", "Cmdr.", "Col.",  "Cpl.",  "Det.",   "Dr.",  "Fr.",
    "Gen.",  "Gov.",  "Hon.",  "Insp.", "Lt.",   "Maj.",  "Messrs.", "Mlle.", "Mme.", "Mr.",  "Mrs.",
    "Ms.",   "Msgr.", "Pres.", "Prof.", "Pvt.",  "Rep.",  "Rev.",  "Sen.",  "Sgt.",   "St.",  "Supt."};

// Capitalised words that usually begin a sentence: after an abbreviation, they mean a new one.
inline constexpr std::string_view sentence_starters[] = {
    "A",       "After",  "Again",    "Also",   "An",     "And",    "As",      "At",     "But",   "By",
    "During",  "For",    "From",     "He",     "Her",    "Here",   "His",     "How",    "However", "I",
    "If",      "In",     "It",       "Its",    "Meanwhile", "Most", "My",     "No",     "Nor",   "Now",
    "On",      "One",    "Our",      "She",    "Since",  "So",     "Some",    "Still",  "That",  "The",
    "Their",   "Then",   "There",    "These",  "They",   "This",   "Those",   "Though", "Thus",  "To",
    "Under",   "We",     "What",     "When",   "Where",  "While",  "Who",     "Why",    "With",  "Yet",
    "You"};

static_assert(std::ranges::is_sorted(title_abbreviations) && std::ranges::is_sorted(sentence_starters),
              "in_sorted needs these sorted");

// Whether every token is non-empty and inside the text, each ending at or before the next begins.
inline bool tokens_in_order(const token_layer& t, std::size_t size) noexcept {
  const std::size_t n = t.size();
  if (n == 0) return true;
  if (t.end.size() != n || t.kind.size() != n || t.rule.size() != n || t.flags.size() != n) return false;
  const auto* b = t.begin.data();
  const auto* e = t.end.data();
  bool ok = e[n - 1] <= size && b[0] < e[0];
  std::size_t i = 1;
  // No early exit, and four tokens at a time where SSE2 is there: this pass reads every token.
#if defined(BYLINE_TOKENIZER_SSE2)
  // Unsigned compares as signed ones of the values shifted by 2^31.
  const __m128i bias = _mm_set1_epi32(static_cast<int>(0x80000000u));
  __m128i bad = _mm_setzero_si128();
  for (; i + 4 <= n; i += 4) {
    const __m128i bi = _mm_xor_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(b + i)), bias);
    const __m128i ei = _mm_xor_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(e + i)), bias);
    const __m128i prev = _mm_xor_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(e + i - 1)), bias);
    // Bad where begin >= end (not begin < end) or the end before > begin.
    bad = _mm_or_si128(bad, _mm_or_si128(_mm_andnot_si128(_mm_cmplt_epi32(bi, ei), _mm_set1_epi32(-1)),
                                         _mm_cmpgt_epi32(prev, bi)));
  }
  ok &= _mm_movemask_epi8(bad) == 0;
#endif
  for (; i < n; ++i) ok &= (b[i] < e[i]) & (e[i - 1] <= b[i]);
  return ok;
}

// ASCII code units that, ending the token before a gap, may leave a UAX #29 terminator open at the
// gap: a terminator (SB11), a closer or mark that may follow one (Close, Extend, Format: SB5, SB9),
// or white space after one (SB10; a token of someone else's tokenizer may end in it).
constexpr std::array<bool, 128> make_ascii_open_ends() {
  std::array<bool, 128> t{};
  for (char32_t c = 0; c < 128; ++c) {
    using sb = unicode::sentence_break;
    const auto k = unicode::properties(c).sentence();
    t[c] = k == sb::aterm || k == sb::sterm || k == sb::close || k == sb::extend || k == sb::format ||
           k == sb::sp || k == sb::cr || k == sb::lf || k == sb::sep;
  }
  return t;
}
inline constexpr std::array<bool, 128> ascii_open_ends = make_ascii_open_ends();

// The same for a UTF-8 byte, and every byte from 0x80 up (a code point that is not ASCII may be
// any of those): one load and no branch a token in uax_sentence_gaps::next_candidate.
constexpr std::array<bool, 256> make_utf8_open_ends() {
  std::array<bool, 256> t{};
  for (unsigned b = 0; b < 256; ++b) t[b] = b >= 0x80 || ascii_open_ends[b];
  return t;
}
inline constexpr std::array<bool, 256> utf8_open_ends = make_utf8_open_ends();


// Which gaps between tokens hold a UAX #29 sentence boundary (one at either end of the gap counts),
// gap after gap, without running the rules over the whole text.
//
// A boundary comes after a paragraph separator (SB4) or after a terminator, the closers and marks
// after it and the spaces after those (SB11). So a gap of ASCII spaces (most are one space or none)
// after a token that ends in a letter, a digit, a comma... holds none: the only candidates are the
// gaps after a terminator or closer, and gaps that hold something else, such as a line break. For
// those the UAX #29 engine runs where they are. It starts afresh after the last ASCII white space
// before the gap that has a character other than a space or a mark (Sp, Extend, Format) between it
// and the gap. A run over the whole text may be in another state there (a terminator before the
// white space still open), but only until that character, where both engines either end a sentence
// or go on as plain text; from there on they agree, so they agree on the gap. Boundaries found on
// the way are kept, so no stretch of text is read by the engine twice, and the cost goes by tokens
// and sentences rather than by bytes.
template <class C>
class uax_sentence_gaps {
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  std::basic_string_view<C> text_;
  const token_layer& t_;
  std::size_t from_ = 0;     // the engine may start here afresh (a boundary, or a point as above)
  std::size_t next_ = npos;  // the first boundary after from_, when known

  std::uint32_t unit(std::size_t k) const { return unicode::detail::unit_value(text_[k]); }
  static constexpr bool ascii_white(std::uint32_t u) { return u == ' ' || (u >= 0x09 && u <= 0x0D); }
  unicode::decoded<typename std::basic_string_view<C>::const_iterator> decode_at(std::size_t k) const {
    return unicode::decode(text_.begin() + static_cast<std::ptrdiff_t>(k), text_.end());
  }

  // What [ge, gb) holds: a paragraph separator that SB4 ends a sentence after within [ge, gb] (all
  // but a CR whose LF begins the next token: SB3 keeps them together), only spaces (Sp), or else.
  enum class gap_holds { separator, spaces, other };
  gap_holds scan_gap(std::size_t ge, std::size_t gb) const {
    bool spaces = true;
    for (std::size_t k = ge; k < gb;) {
      const auto u = unit(k);
      if (u < 0x80) {
        if (u == '\n') return gap_holds::separator;
        if (u == '\r' && (k + 1 < gb || gb >= text_.size() || unit(gb) != '\n')) return gap_holds::separator;
        if (!ascii_white(u)) spaces = false;
        ++k;
        continue;
      }
      const auto d = decode_at(k);
      const auto sb = unicode::properties(d.code_point).sentence();
      if (segment::detail::is_parasep(sb)) return gap_holds::separator;
      if (sb != unicode::sentence_break::sp) spaces = false;
      k += d.length;
    }
    return spaces ? gap_holds::spaces : gap_holds::other;
  }

  // Whether [at, end) has a character other than Sp, Extend or Format.
  bool has_solid(std::size_t at, std::size_t end) const {
    using sb = unicode::sentence_break;
    while (at < end) {
      const auto u = unit(at);
      if (u < 0x80) {
        if (u != ' ' && u != '\t' && u != 0x0B && u != 0x0C) return true;
        ++at;
        continue;
      }
      const auto d = decode_at(at);
      const auto k = unicode::properties(d.code_point).sentence();
      if (k != sb::sp && k != sb::extend && k != sb::format) return true;
      at += d.length;
    }
    return false;
  }

  // The terminator that the text before `at` leaves open, looking back through closers and marks.
  // None when the first other character met is solid (a letter, a digit, a comma: whatever the
  // engine was doing, it has decided by then), or white space with a closer after it (a closer
  // after spaces ends the sentence before it, SB11, or SB8 carries the sentence on past it), or
  // the start of the text. Unsure when it is white space with only marks after it (SB5 makes them
  // spaces), or when the look goes far or meets ill-formed text.
  enum class open_term { none, aterm, sterm, unsure };
  open_term open_before(std::size_t at) const {
    using sb = unicode::sentence_break;
    bool closer = false;
    for (int steps = 0; steps < 8; ++steps) {
      if (at == 0) return open_term::none;
      sb k;
      const auto u = unit(at - 1);
      if (u < 0x80) {
        k = segment::detail::ascii_sentences.sb[u];
        --at;
      } else {
        // The last code point: back to its first code unit, then decoded forwards to check.
        std::size_t p = at - 1;
        if constexpr (unicode::encoding_of<C> == unicode::encoding::utf8) {
          while (p > 0 && at - p < 4 && (unit(p) & 0xC0) == 0x80) --p;
        } else if constexpr (unicode::encoding_of<C> == unicode::encoding::utf16) {
          if (p > 0 && (u & 0xFC00) == 0xDC00 && (unit(p - 1) & 0xFC00) == 0xD800) --p;
        }
        const auto d = decode_at(p);
        if (d.length != at - p) return open_term::unsure;
        k = unicode::properties(d.code_point).sentence();
        at = p;
      }
      if (k == sb::aterm) return open_term::aterm;
      if (k == sb::sterm) return open_term::sterm;
      if (k == sb::close) closer = true;
      if (k == sb::close || k == sb::extend || k == sb::format) continue;
      return (k == sb::sp || segment::detail::is_parasep(k)) && !closer ? open_term::unsure : open_term::none;
    }
    return open_term::unsure;
  }

  // After a terminator (ATerm when `aterm`), perhaps closers, and spaces up to `gb`: whether a
  // sentence ends at gb (yes), goes on (no), or something the engine had better decide comes first.
  enum class verdict { yes, no, unsure };
  verdict after_spaces(std::size_t gb, bool aterm) const {
    using sb = unicode::sentence_break;
    auto class_at = [&](std::size_t& k) {
      const auto u = unit(k);
      if (u < 0x80) {
        ++k;
        return segment::detail::ascii_sentences.sb[u];
      }
      const auto d = decode_at(k);
      k += d.length;
      return unicode::properties(d.code_point).sentence();
    };
    std::size_t k = gb;
    const auto first = class_at(k);
    if (first == sb::sp || first == sb::extend || first == sb::format || segment::detail::is_parasep(first))
      return verdict::unsure;
    if (first == sb::scontinue || first == sb::aterm || first == sb::sterm) return verdict::no;  // SB8a
    if (!aterm) return verdict::yes;                                                         // SB11
    // SB8: ATerm Close* Sp* × (¬(OLetter | Upper | Lower | ParaSep | SATerm))* Lower
    for (auto c = first;; c = class_at(k)) {
      if (c == sb::lower) return verdict::no;
      if (c == sb::oletter || c == sb::upper || c == sb::aterm || c == sb::sterm || segment::detail::is_parasep(c))
        return verdict::yes;
      if (k >= text_.size()) return verdict::yes;
    }
  }

  // Whether the engine puts a boundary in [ge, gb].
  bool engine_says(std::size_t ge, std::size_t gb) {
    for (;;) {
      if (next_ == npos) {
        std::size_t at = ge;
        for (;;) {
          while (at > from_ && !ascii_white(unit(at - 1))) --at;
          if (at <= from_ || has_solid(at, ge)) break;
          --at;
        }
        from_ = std::max(from_, at);
        if (from_ >= text_.size()) return false;
        next_ = from_ + segment::detail::engine_next<segment::detail::sentence_engine>(
                            text_.begin() + static_cast<std::ptrdiff_t>(from_), text_.end())
                            .length;
      }
      if (next_ >= ge) return next_ <= gb;
      from_ = next_;  // a boundary before the gap (inside a token, or a gap already passed)
      next_ = npos;
    }
  }

 public:
  uax_sentence_gaps(std::basic_string_view<C> text, const token_layer& t) : text_(text), t_(t) {}

  // The first gap from the one before token i on that may hold a boundary: the others are gaps of
  // one space or none after a token that ends in a character that leaves no terminator open. Returns
  // the number of tokens when there is none.
  BYLINE_ALWAYS_INLINE std::uint32_t next_candidate(std::uint32_t i) const {
    const auto* tb = t_.begin.data();
    const auto* te = t_.end.data();
    const C* d = text_.data();
    const auto n = static_cast<std::uint32_t>(t_.size());
    for (; i < n; ++i) {
      const std::uint32_t ge = te[i - 1], gb = tb[i];
      const auto last = unicode::detail::unit_value(d[ge - 1]);
      // Token i begins inside the text, so d[ge] is there. The gap is dull when it is no longer than
      // one space: (gb - ge) > (d[ge] == ' ') says otherwise, without a branch.
      bool open;
      if constexpr (sizeof(C) == 1)
        open = utf8_open_ends[last];
      else
        open = last >= 0x80 || ascii_open_ends[last];
      if (open | ((gb - ge) > static_cast<std::uint32_t>(unicode::detail::unit_value(d[ge]) == ' '))) return i;
    }
    return n;
  }

  // Whether the gap before token i (0 < i < tokens) holds a boundary; ask gap after gap.
  bool in_gap(std::uint32_t i) {
    const std::size_t ge = t_.end[i - 1], gb = t_.begin[i];
    const auto holds = scan_gap(ge, gb);
    if (holds == gap_holds::separator) return true;
    const auto last = unit(ge - 1);
    const auto open = last >= 0x80 || ascii_open_ends[last] ? open_before(ge) : open_term::none;
    if (open == open_term::none && holds == gap_holds::spaces) return false;
    // A terminator (and closers) glued to the next token, which begins with a closer, a space or a
    // mark: no boundary between them (SB9, SB5), as after ." or .” that a tokenizer splits.
    if (gb == ge && (open == open_term::aterm || open == open_term::sterm) && gb < text_.size()) {
      using sb = unicode::sentence_break;
      const auto u = unit(gb);
      const auto k = u < 0x80 ? segment::detail::ascii_sentences.sb[u]
                              : unicode::properties(decode_at(gb).code_point).sentence();
      if (k == sb::close || k == sb::sp || k == sb::extend || k == sb::format || segment::detail::is_parasep(k))
        return false;
    }
    // The usual sentence end: a terminator (and closers), then spaces: decided by what follows.
    if ((open == open_term::aterm || open == open_term::sterm) && holds == gap_holds::spaces && gb > ge &&
        gb < text_.size()) {
      const auto v = after_spaces(gb, open == open_term::aterm);
      if (v != verdict::unsure) return v == verdict::yes;
    }
    return engine_says(ge, gb);
  }
};

}  // namespace detail

struct sentence_splitter {
  using needs = layers<token_layer, paragraph_layer>;
  using provides = layers<sentence_layer>;

  template <class Doc>
  void operator()(Doc& doc, workspace&) const {
    auto& out = doc.template edit<sentence_layer>().items;
    out.clear();
    split(doc.text(), doc.template get<token_layer>(), doc.template get<paragraph_layer>().items, out);
  }

  // Appends the sentences of tokens `t` over `text` to `out`. Every paragraph boundary (a paragraph's
  // first or end token) ends a sentence, so that each sentence lies in one paragraph.
  //
  // Only the gaps between tokens where UAX #29 puts a boundary can end a sentence, besides paragraph
  // boundaries and the gaps after "…", and every line break is such a boundary (SB4). Which gaps
  // those are comes from detail::uax_sentence_gaps, which looks at a byte or two of most gaps and
  // runs the UAX #29 rules only around terminators and closers.
  template <class C>
  void split(std::basic_string_view<C> text, const token_layer& t, const std::vector<paragraph_record>& paragraphs,
             std::vector<sentence_record>& out) const {
    const std::size_t n = t.size();
    if (n == 0) return;
    // The gaps are read straight from the text, so the tokens must keep their invariants (byline's
    // tokenizer does; someone else's might not).
    if (!detail::tokens_in_order(t, text.size()))
      throw std::invalid_argument(
          "byline::sentence_splitter: tokens must be non-empty, sorted, disjoint and inside the text");
    out.reserve(out.size() + n / 16 + 1);
    std::uint32_t first = 0;    // the current sentence's first token
    std::uint32_t decided = 0;  // every gap up to this one is decided
    std::string buf;
    auto end_sentence = [&](std::uint32_t gap) {
      if (gap <= first) return;
      out.push_back({first, gap});
      first = gap;
    };

    // Paragraph boundaries: the first and end tokens of the paragraphs, in order.
    // The next one is kept at hand: settle asks for it at every boundary.
    std::size_t cut_at = 0;
    const std::size_t cuts = 2 * paragraphs.size();
    auto cut_value = [&](std::size_t k) -> std::uint32_t {
      if (k >= cuts) return static_cast<std::uint32_t>(n);
      const auto& p = paragraphs[k / 2];
      return k % 2 == 0 ? p.first_token : p.end_token;
    };
    std::uint32_t next_cut = cut_value(0);
    // The gaps after "…": found by the token kinds, a byte each.
    std::uint32_t ellipsis_from = 0;
    std::uint32_t ellipsis_gap = next_ellipsis_gap(text, t, ellipsis_from);
    // Decides the paragraph boundaries and the gaps after "…" up to `limit`, in order.
    auto settle = [&](std::size_t limit) {
      for (;;) {
        while (next_cut <= decided) next_cut = cut_value(++cut_at);
        while (ellipsis_gap <= decided) ellipsis_gap = next_ellipsis_gap(text, t, ellipsis_from);
        const std::uint32_t c = next_cut, gap = std::min(c, ellipsis_gap);
        if (gap > limit || gap >= n) return;
        if (gap == c || ends_after_ellipsis(text, t, gap, buf)) end_sentence(gap);
        decided = gap;
      }
    };

    detail::uax_sentence_gaps<C> boundaries(text, t);
    for (auto i = boundaries.next_candidate(1); i < n; i = boundaries.next_candidate(i + 1)) {
      if (!boundaries.in_gap(i)) continue;
      settle(i);
      if (i > decided) {
        const std::uint32_t gap_begin = t.end[i - 1], gap_end = t.begin[i];
        const auto lines = line_breaks(text.substr(gap_begin, gap_end - gap_begin));
        bool brk;
        if (lines >= 2)
          brk = true;  // a blank line: a paragraph ends
        else if (lines == 1)
          brk = !runs_on(text, t, i);
        else
          brk = !suppressed(text, t, i, buf);
        if (brk) end_sentence(i);
        decided = i;
      }
    }
    settle(n);
    out.push_back({first, static_cast<std::uint32_t>(n)});
  }

 private:
  template <class C>
  static std::size_t line_breaks(std::basic_string_view<C> gap) {
    std::size_t lines = 0;
    for (std::size_t k = 0; k < gap.size();) {
      char32_t c = unicode::detail::unit_value(gap[k]);
      std::size_t len = 1;
      if (c >= 0x80) {
        // Decoded, not matched by bytes: in UTF-8 a continuation byte can look like NEL (0x85).
        const auto d = unicode::decode(gap.begin() + static_cast<std::ptrdiff_t>(k), gap.end());
        c = d.code_point;
        len = d.length;
      }
      if (c == U'\n' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028)
        ++lines;
      else if (c == U'\r' && !(k + 1 < gap.size() && unicode::detail::unit_value(gap[k + 1]) == '\n'))
        ++lines;
      else if (c == 0x2029)
        lines = std::max<std::size_t>(lines + 1, 2);  // a paragraph separator is a paragraph break by itself
      k += len;
    }
    return lines;
  }

  // The next gap after a "…" token (and the closing quotes and brackets glued to it) that holds white
  // space, searching tokens from `from`, which moves past it; the number of tokens when none is left.
  // UAX #29 gives U+2026 no Sentence_Break of a terminator, so these gaps are no boundaries of its.
  template <class C>
  static std::uint32_t next_ellipsis_gap(std::basic_string_view<C> text, const token_layer& t, std::uint32_t& from) {
    const auto n = static_cast<std::uint32_t>(t.size());
    while (from < n) {
      // memchr: the kinds are bytes, and a vectorised search over them beats a loop.
      const void* hit = std::memchr(t.kind.data() + from, static_cast<int>(token_kind::ellipsis), n - from);
      const auto k = hit ? static_cast<std::uint32_t>(static_cast<const token_kind*>(hit) - t.kind.data()) : n;
      from = k + 1;
      if (k >= n) break;
      if (t.rule[k] != token_rule::word_boundary) continue;  // "...": UAX #29 sees its full stops
      std::uint32_t g = k + 1;
      while (g < n && t.begin[g] == t.end[g - 1] && is_closer(text, t, g)) ++g;
      if (g < n && t.begin[g] > t.end[g - 1]) return g;
    }
    return n;
  }

  template <class C>
  static bool is_closer(std::basic_string_view<C> text, const token_layer& t, std::uint32_t i) {
    if (t.kind[i] == token_kind::quote) return (t.flags[i] & token_flag::close_quote) != 0;
    const char32_t c = single(text, t, i);
    return c == U')' || c == U']' || c == U'}';
  }

  // Whether the gap before token i, after a "…", ends a sentence: as UAX #29 and the rules above
  // would decide after "...", where SB8 goes on past numbers and punctuation to a lower-case letter.
  template <class C>
  bool ends_after_ellipsis(std::basic_string_view<C> text, const token_layer& t, std::uint32_t i, std::string& buf) const {
    const auto lines = line_breaks(text.substr(t.end[i - 1], t.begin[i] - t.end[i - 1]));
    if (lines >= 2) return true;
    if (lines == 1) return !runs_on(text, t, i);
    if (suppressed(text, t, i, buf)) return false;
    for (std::uint32_t k = i; k < t.size() && k < i + 16; ++k) {
      if (k > i && line_breaks(text.substr(t.end[k - 1], t.begin[k] - t.end[k - 1])) > 0) break;
      if (t.flags[k] & token_flag::has_alpha) return !(t.flags[k] & token_flag::all_lower);
      if (is_terminator(t.kind[k], single(text, t, k))) break;
    }
    return true;
  }

  static bool is_terminator(token_kind k, char32_t c) {
    return k == token_kind::abbreviation || k == token_kind::ellipsis || c == U'.' || c == U'!' || c == U'?' ||
           c == U'\u3002' || c == U'\u061F' || c == U'\u06D4';
  }

  template <class C>
  static char32_t single(std::basic_string_view<C> text, const token_layer& t, std::uint32_t i) {
    auto v = text.substr(t.begin[i], t.end[i] - t.begin[i]);
    auto d = unicode::decode(v.begin(), v.end());
    return d.next == v.end() ? d.code_point : 0;
  }

  // A single line break inside a sentence: the line does not end in a terminator (or a closing quote
  // after one) and the next starts with a lower-case word.
  template <class C>
  static bool runs_on(std::basic_string_view<C> text, const token_layer& t, std::uint32_t i) {
    if (!(t.flags[i] & token_flag::all_lower) || !(t.flags[i] & token_flag::has_alpha)) return false;
    std::uint32_t p = i - 1;
    if (t.kind[p] == token_kind::quote && p > 0) --p;
    return !is_terminator(t.kind[p], single(text, t, p));
  }

  template <class C>
  bool suppressed(std::basic_string_view<C> text, const token_layer& t, std::uint32_t i, std::string& buf) const {
    // A lower-case word never starts a news sentence.
    if ((t.flags[i] & token_flag::all_lower) && (t.flags[i] & token_flag::has_alpha) && t.kind[i] == token_kind::word)
      return true;
    const std::uint32_t p = i - 1;
    if (t.kind[p] != token_kind::abbreviation) return false;
    const auto prev = detail::as_utf8(text.substr(t.begin[p], t.end[p] - t.begin[p]), buf);
    if (detail::in_sorted(detail::title_abbreviations, prev)) return true;
    // After other abbreviations and initials, a new sentence shows in its first word.
    if (t.kind[i] == token_kind::quote && (t.flags[i] & token_flag::open_quote)) return false;
    if (t.kind[i] != token_kind::word && t.kind[i] != token_kind::number) return false;
    const auto next = detail::as_utf8(text.substr(t.begin[i], t.end[i] - t.begin[i]), buf);
    return !detail::in_sorted(detail::sentence_starters, next);
  }
};

}  // namespace byline
