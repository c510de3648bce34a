// byline — UAX #29 extended grapheme clusters (Unicode 15.0) as a lazy view over any range of code
// units: what a reader sees as one character (e + combining acute, a flag, a family emoji).
#pragma once

#include <byline/segment/segment.hpp>
#include <byline/unicode/properties.hpp>

#include <cstdint>

namespace byline::segment {

// Grapheme clusters carry no status; the type keeps the segment shape shared by all views.
enum class grapheme_status : std::uint8_t { cluster };

template <class I>
using grapheme_segment = basic_segment<I, grapheme_status>;

namespace detail {

struct grapheme_engine {
  using status_type = grapheme_status;
  template <class I>
  using segment = grapheme_segment<I>;

  template <unicode::encoding E, class I, class S>
  static constexpr step<I, grapheme_status> next(I first, S last) {
    using gb = unicode::grapheme_break;
    reader<E, I, S> r{first, last};
    // ASCII followed by ASCII (or the end) is a cluster of its own, except CR LF.
    {
      const auto u = r.unit();
      if (u < 0x80) {
        r.bump();
        if (r.at_end()) return r.done(first, grapheme_status::cluster);
        const auto v = r.unit();
        if (v < 0x80) {
          if (u == 0x0D && v == 0x0A) r.bump();
          return r.done(first, grapheme_status::cluster);
        }
        r = reader<E, I, S>{first, last};
      }
    }
    auto p = unicode::properties(r.take());
    gb prev = p.grapheme();
    unsigned ri = prev == gb::regional_indicator ? 1 : 0;
    // GB11: ExtPict Extend* ZWJ × ExtPict. 1: inside ExtPict Extend*; 2: just after its ZWJ.
    int emoji = p.extended_pictographic() ? 1 : 0;
    while (!r.at_end()) {
      I next;
      std::uint8_t len;
      p = unicode::properties(r.peek(next, len));
      const gb cur = p.grapheme();
      bool join;
      if (prev == gb::cr && cur == gb::lf)
        join = true;  // GB3
      else if (prev == gb::control || prev == gb::cr || prev == gb::lf)
        join = false;  // GB4
      else if (cur == gb::control || cur == gb::cr || cur == gb::lf)
        join = false;  // GB5
      else if (prev == gb::l && (cur == gb::l || cur == gb::v || cur == gb::lv || cur == gb::lvt))
        join = true;  // GB6
      else if ((prev == gb::lv || prev == gb::v) && (cur == gb::v || cur == gb::t))
        join = true;  // GB7
      else if ((prev == gb::lvt || prev == gb::t) && cur == gb::t)
        join = true;  // GB8
      else if (cur == gb::extend || cur == gb::zwj || cur == gb::spacingmark || prev == gb::prepend)
        join = true;  // GB9, GB9a, GB9b
      else if (emoji == 2 && p.extended_pictographic())
        join = true;  // GB11
      else if (prev == gb::regional_indicator && cur == gb::regional_indicator)
        join = (ri & 1) != 0;  // GB12, GB13
      else
        join = false;  // GB999
      if (!join) break;
      r.jump(next, len);
      if (p.extended_pictographic())
        emoji = 1;
      else if (emoji == 1 && cur == gb::extend)
        emoji = 1;
      else if (emoji == 1 && cur == gb::zwj)
        emoji = 2;
      else
        emoji = 0;
      ri = cur == gb::regional_indicator ? ri + 1 : 0;
      prev = cur;
    }
    return r.done(first, grapheme_status::cluster);
  }
};

}  // namespace detail

// graphemes(text): the extended grapheme clusters of `text`, a lazy view of grapheme_segment.
inline constexpr detail::segmenter_fn<detail::grapheme_engine> graphemes{};

}  // namespace byline::segment
