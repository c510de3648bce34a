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

#include <byline/document/records.hpp>
#include <byline/segment/sentences.hpp>
#include <byline/tokenize/tokenizer.hpp>
#include <byline/unicode/utf.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
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
              "binary_search needs these sorted");

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
  // boundaries and the gaps after "…", and every line break is such a boundary (SB4), so the work
  // goes by boundaries (one every sentence or line) rather than by tokens: each boundary finds its
  // gap by a galloping search from the last one.
  template <class C>
  void split(std::basic_string_view<C> text, const token_layer& t, const std::vector<paragraph_record>& paragraphs,
             std::vector<sentence_record>& out) const {
    const std::size_t n = t.size();
    if (n == 0) return;
    out.reserve(out.size() + n / 16 + 1);
    std::uint32_t first = 0;    // the current sentence's first token
    std::uint32_t i = 1;        // candidate gap: between tokens i-1 and i
    std::uint32_t decided = 0;  // every gap up to this one is decided
    std::string buf;
    const auto& begins = t.begin;
    auto end_sentence = [&](std::uint32_t gap) {
      if (gap <= first) return;
      out.push_back({first, gap});
      first = gap;
    };

    // Paragraph boundaries: the first and end tokens of the paragraphs, in order.
    std::size_t cut_at = 0;
    auto cut = [&]() -> std::uint32_t {
      if (cut_at >= 2 * paragraphs.size()) return static_cast<std::uint32_t>(n);
      const auto& p = paragraphs[cut_at / 2];
      return cut_at % 2 == 0 ? p.first_token : p.end_token;
    };
    // The gaps after "…": found by the token kinds, a byte each.
    std::uint32_t ellipsis_from = 0;
    std::uint32_t ellipsis_gap = next_ellipsis_gap(text, t, ellipsis_from);
    // Decides the paragraph boundaries and the gaps after "…" up to `limit`, in order.
    auto settle = [&](std::size_t limit) {
      for (;;) {
        while (cut() <= decided) ++cut_at;
        while (ellipsis_gap <= decided) ellipsis_gap = next_ellipsis_gap(text, t, ellipsis_from);
        const std::uint32_t c = cut(), gap = std::min(c, ellipsis_gap);
        if (gap > limit || gap >= n) return;
        if (gap == c || ends_after_ellipsis(text, t, gap, buf)) end_sentence(gap);
        decided = gap;
      }
    };

    for (auto seg : segment::sentences(text)) {
      const std::size_t boundary = seg.offsets().end;
      if (boundary <= begins[i - 1]) continue;  // in a gap already decided (or before the first token)
      // The first token that begins at or after the boundary, found from i onwards.
      std::uint32_t step = 1, lo = i;
      while (lo + step < n && begins[lo + step] < boundary) {
        lo += step;
        step *= 2;
      }
      const auto hi = static_cast<std::uint32_t>(std::min<std::size_t>(n, lo + step + 1));
      i = static_cast<std::uint32_t>(std::lower_bound(begins.begin() + lo, begins.begin() + hi, boundary) - begins.begin());
      if (i >= n) break;
      if (t.end[i - 1] > boundary) continue;  // inside a token
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
      ++i;  // this gap is decided; the next boundary lies further on
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
      const auto k = static_cast<std::uint32_t>(std::find(t.kind.begin() + from, t.kind.end(), token_kind::ellipsis) -
                                                t.kind.begin());
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
    if (std::binary_search(std::begin(detail::title_abbreviations), std::end(detail::title_abbreviations), prev))
      return true;
    // After other abbreviations and initials, a new sentence shows in its first word.
    if (t.kind[i] == token_kind::quote && (t.flags[i] & token_flag::open_quote)) return false;
    if (t.kind[i] != token_kind::word && t.kind[i] != token_kind::number) return false;
    const auto next = detail::as_utf8(text.substr(t.begin[i], t.end[i] - t.begin[i]), buf);
    return !std::binary_search(std::begin(detail::sentence_starters), std::end(detail::sentence_starters), next);
  }
};

}  // namespace byline
