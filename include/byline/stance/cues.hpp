// byline — the cue lexicon: words that report speech or thought, and words that take a side.
//
//   if (auto c = byline::cue_at(doc, t)) ...   // the longest cue that starts at token t
//   c->entry->cls == byline::cue_class::report; c->end - c->first == words
//
// The rows are generated from byline's own list (tools/data/stance/cues.tsv, by tools/gen_cues.py)
// with every inflected form written out, so a lookup is a binary search, no stemming.
#pragma once

#include <byline/document/document.hpp>
#include <byline/stance/cue_types.hpp>
#include <byline/stance/data/cues.hpp>

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <optional>
#include <span>
#include <string_view>

namespace byline {

// The lexicon's rows, sorted by form.
inline std::span<const cue_entry> cue_lexicon() noexcept { return stance_data::cue_table; }

// The rows whose form is exactly `phrase` (lower case, one space between words).
inline std::span<const cue_entry> lookup_cue(std::string_view phrase) noexcept {
  const auto all = cue_lexicon();
  const auto lo = std::partition_point(all.begin(), all.end(), [&](const cue_entry& e) { return e.form < phrase; });
  auto hi = lo;
  while (hi != all.end() && hi->form == phrase) ++hi;
  return {lo, hi};
}

struct cue_match {
  std::uint32_t first = 0, end = 0;  // tokens
  const cue_entry* entry = nullptr;  // the first row of the form; rows of one form are adjacent
  std::size_t rows = 0;              // how many rows share the form ("claim": a verb and a noun)
  // The row of this class, if the form has one.
  const cue_entry* of(cue_class c) const noexcept {
    for (std::size_t i = 0; i < rows; ++i)
      if (entry[i].cls == c) return entry + i;
    return nullptr;
  }
};

namespace detail::cues {

// The words of the lexicon are at most this long, and its phrases at most three words.
inline constexpr std::size_t max_word = 16;
inline constexpr std::size_t max_words = 3;

// Lower-cases an ASCII letter word into out; false when it cannot be in the lexicon.
inline bool fold(std::string_view w, char* out) noexcept {
  if (w.empty() || w.size() > max_word) return false;
  for (std::size_t i = 0; i < w.size(); ++i) {
    const char c = w[i];
    if (c >= 'A' && c <= 'Z') out[i] = static_cast<char>(c - 'A' + 'a');
    else if (c >= 'a' && c <= 'z') out[i] = c;
    else return false;
  }
  return true;
}

// Which first words the lexicon has, by length, first and last letter: one bit each. Most words
// of a text fail this test, so most lookups end before any string is compared.
struct first_word_filter {
  std::uint32_t bits[max_word + 1][26] = {};   // any form starts with such a word
  std::uint32_t multi[max_word + 1][26] = {};  // a form of two words or more does
  constexpr first_word_filter() {
    for (const auto& e : stance_data::cue_table) {
      const auto sp = e.form.find(' ');
      const auto w = e.form.substr(0, sp);
      if (w.empty() || w.size() > max_word) continue;
      const auto f = static_cast<unsigned>(w.front() - 'a'), l = static_cast<unsigned>(w.back() - 'a');
      if (f >= 26 || l >= 26) continue;
      bits[w.size()][f] |= 1u << l;
      if (sp != std::string_view::npos) multi[w.size()][f] |= 1u << l;
    }
  }
  static constexpr bool test(const std::uint32_t (&b)[max_word + 1][26], std::string_view lower) noexcept {
    if (lower.empty() || lower.size() > max_word) return false;
    const auto f = static_cast<unsigned>(lower.front() - 'a'), l = static_cast<unsigned>(lower.back() - 'a');
    return f < 26 && l < 26 && ((b[lower.size()][f] >> l) & 1u);
  }
  constexpr bool may_start(std::string_view lower) const noexcept { return test(bits, lower); }
  constexpr bool may_start_phrase(std::string_view lower) const noexcept { return test(multi, lower); }
};
inline constexpr first_word_filter first_words{};

}  // namespace detail::cues

// The longest cue that starts at token t and ends at or before `limit` (a token id; the document's
// end by default).
inline std::optional<cue_match> cue_at(const document_base& doc, std::uint32_t t,
                                       std::uint32_t limit = std::numeric_limits<std::uint32_t>::max()) {
  const auto n = static_cast<std::uint32_t>(std::min<std::size_t>(doc.token_count(), limit));
  if (t >= n) return std::nullopt;
  char buf[detail::cues::max_words * (detail::cues::max_word + 1)];
  std::size_t len = 0;
  std::size_t ends[detail::cues::max_words];
  std::size_t words = 0;
  for (std::uint32_t u = t; u < n && words < detail::cues::max_words; ++u) {
    const auto w = doc.token_utf8(token_id{u});
    if (words > 0) buf[len++] = ' ';
    if (!detail::cues::fold(w, buf + len)) break;
    if (words == 0) {
      const std::string_view first(buf, w.size());
      if (!detail::cues::first_words.may_start(first)) return std::nullopt;
      if (!detail::cues::first_words.may_start_phrase(first)) {  // one word is all it can be
        ends[words++] = w.size();
        break;
      }
    }
    len += w.size();
    ends[words++] = len;
  }
  for (std::size_t k = words; k > 0; --k) {
    const auto rows = lookup_cue(std::string_view(buf, ends[k - 1]));
    if (!rows.empty())
      return cue_match{t, t + static_cast<std::uint32_t>(k), rows.data(), rows.size()};
  }
  return std::nullopt;
}

// The same, for a document (byline::document and its kin).
template <class Doc>
  requires requires(const Doc& d) {
    { d.base() } -> std::convertible_to<const document_base&>;
  }
std::optional<cue_match> cue_at(const Doc& doc, std::uint32_t t, std::uint32_t limit = std::numeric_limits<std::uint32_t>::max()) {
  return cue_at(doc.base(), t, limit);
}

}  // namespace byline
