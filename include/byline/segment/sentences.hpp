// byline — UAX #29 sentence boundaries (Unicode 15.0) as a lazy view over any range of code units.
//
// These are the standard's rules alone (SB1-SB998), as ICU's sentence BreakIterator applies them
// without its suppression list: "Mr. Smith" is two sentences here. The news tokenizer builds on this
// and suppresses breaks after abbreviations and initials.
//
// Most text is neither a terminator nor a separator; an ASCII inner loop skips it without decoding,
// so the cost per byte is close to that of a scan.
#pragma once

#include <byline/segment/segment.hpp>
#include <byline/unicode/properties.hpp>

#include <array>
#include <cstdint>
#include <string_view>

namespace byline::segment {

enum class sentence_status : std::uint8_t {
  terminated,    // ends after . ! ? or another terminator, with closing punctuation and spaces (ICU: UBRK_SENTENCE_TERM)
  separated,     // ends at a paragraph separator without a terminator (UBRK_SENTENCE_SEP)
  unterminated,  // runs to the end of the text
};

constexpr std::string_view name(sentence_status s) noexcept {
  constexpr std::string_view names[] = {"terminated", "separated", "unterminated"};
  return names[static_cast<int>(s)];
}

template <class I>
using sentence_segment = basic_segment<I, sentence_status>;

namespace detail {

using unicode::sentence_break;

struct ascii_sentence_tables {
  std::array<bool, 128> stops{};  // may end a sentence or a paragraph: the loop must look closer
  std::array<sentence_break, 128> sb{};
};

constexpr ascii_sentence_tables make_ascii_sentence_tables() {
  ascii_sentence_tables t{};
  for (char32_t c = 0; c < 128; ++c) {
    const auto sb = unicode::properties(c).sentence();
    t.sb[c] = sb;
    t.stops[c] = sb == sentence_break::aterm || sb == sentence_break::sterm || sb == sentence_break::cr ||
                 sb == sentence_break::lf || sb == sentence_break::sep;
  }
  return t;
}

inline constexpr ascii_sentence_tables ascii_sentences = make_ascii_sentence_tables();

constexpr bool is_parasep(sentence_break s) noexcept {
  return s == sentence_break::sep || s == sentence_break::cr || s == sentence_break::lf;
}
constexpr bool is_saterm(sentence_break s) noexcept {
  return s == sentence_break::aterm || s == sentence_break::sterm;
}

struct sentence_engine {
  using status_type = sentence_status;
  template <class I>
  using segment = sentence_segment<I>;

  template <unicode::encoding E, class I, class S>
  static constexpr step<I, sentence_status> next(I first, S last) {
    using sb = sentence_break;
    const auto& t = ascii_sentences;
    reader<E, I, S> r{first, last};

    // Where we are after the last terminator: SATerm, then Close*, then Sp*.
    enum phase_t : std::uint8_t { normal, term, close, space } phase = normal;
    bool aterm = false;       // the terminator was ATerm (SB6, SB7, SB8 apply only then)
    sb before_term = sb::other;  // what preceded it, for SB7
    sb prev = sb::other;      // the previous code point that SB5 does not skip
    // SB8 looks ahead for a lower-case letter; once a look has failed, it fails up to where it stopped.
    std::size_t sb8_checked_until = 0;
    std::size_t pos = 0;  // code units consumed so far, for the SB8 memo

    // The terminator's Close* Sp* tail and the first code point: consumed by the loop below.
    auto end_with_separator = [&](char32_t c, sentence_status s) {
      if (c == U'\r' && !r.at_end() && r.unit() == 0x0A) r.bump();  // SB3
      return r.done(first, s);                                   // SB4
    };

    {
      const char32_t c = r.take();
      pos = r.length_from(first);
      const auto s = unicode::properties(c).sentence();
      if (is_parasep(s)) return end_with_separator(c, sentence_status::separated);
      prev = s;
      if (is_saterm(s)) {
        phase = term;
        aterm = s == sb::aterm;
      }
    }

    while (!r.at_end()) {
      if (phase == normal) {
        // Skip what cannot end a sentence. prev follows along for SB7.
        std::uint32_t u;
        while ((u = r.unit()) < 0x80 && !t.stops[u]) {
          prev = t.sb[u];
          r.bump();
          if (r.at_end()) return r.done(first, sentence_status::unterminated);
        }
      }
      I next;
      std::uint8_t len;
      const char32_t c = r.peek(next, len);
      const auto s = unicode::properties(c).sentence();
      pos = r.length_from(first);

      if (s == sb::extend || s == sb::format) {  // SB5
        r.jump(next, len);
        continue;
      }
      if (phase == normal) {
        r.jump(next, len);
        if (is_parasep(s)) return end_with_separator(c, sentence_status::separated);
        if (is_saterm(s)) {
          phase = term;
          aterm = s == sb::aterm;
          before_term = prev;
        }
        prev = s;
        continue;
      }

      // After a terminator: decide whether this code point continues the sentence.
      if (is_parasep(s)) {  // SB9, SB10, then SB4
        r.jump(next, len);
        return end_with_separator(c, sentence_status::terminated);
      }
      bool join = false;
      phase_t to = normal;
      if (phase == term && aterm && s == sb::numeric) {
        join = true;  // SB6
      } else if (phase == term && aterm && s == sb::upper && (before_term == sb::upper || before_term == sb::lower)) {
        join = true;  // SB7
      } else if (aterm && pos >= sb8_checked_until) {
        // SB8: ATerm Close* Sp* × (¬(OLetter | Upper | Lower | ParaSep | SATerm))* Lower
        I it = r.it;
        std::size_t n = pos;
        bool lower = false;
        while (it != last) {
          auto d = unicode::decode<E>(it, last);
          const auto k = unicode::properties(d.code_point).sentence();
          if (k == sb::lower) {
            lower = true;
            break;
          }
          if (k == sb::oletter || k == sb::upper || is_parasep(k) || is_saterm(k)) break;
          it = d.next;
          n += d.length;
        }
        if (lower) {
          // Everything up to the lower-case letter joins; the sentence goes on as normal text.
          r.it = it;
          if constexpr (reader<E, I, S>::counts) r.n = n;
          phase = normal;
          continue;
        }
        sb8_checked_until = n + 1;
      }
      if (!join) {
        if (s == sb::scontinue || is_saterm(s)) {
          join = true;  // SB8a
          if (is_saterm(s)) {
            to = term;
            aterm = s == sb::aterm;
            before_term = prev;
          }
        } else if (s == sb::close && phase != space) {
          join = true;  // SB9
          to = close;
        } else if (s == sb::sp) {
          join = true;  // SB9, SB10
          to = space;
        }
      }
      if (!join) return r.done(first, sentence_status::terminated);  // SB11
      r.jump(next, len);
      phase = to;
      prev = s;
    }
    return r.done(first, phase == normal ? sentence_status::unterminated : sentence_status::terminated);
  }
};

}  // namespace detail

// sentences(text): the UAX #29 sentence segments of `text`, a lazy view of sentence_segment.
inline constexpr detail::segmenter_fn<detail::sentence_engine> sentences{};

}  // namespace byline::segment
