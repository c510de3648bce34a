// byline — {fmt} formatters (fmt 9.1 and later) for byline's values and views.
//
//   fmt::print("{} {}\n", tok, tok.offsets());          // Putin [24, 29)
//   fmt::print("{:d}\n", tok);                          // Putin/word@24:29
//   fmt::print("{:>12}|{:<10}|\n", tok.kind(), tok);    // widths, fill and alignment as for strings
//
// What each type prints:
//   span_offsets                    [3, 8)
//   token_kind, token_rule          their names: word, abbreviation, ...; initials, special_case, ...
//   segment::word_status,           letter, punctuation, ...; terminated, separated, unterminated
//   segment::sentence_status
//   unicode::decode_error           its description ("truncated sequence")
//   unicode::script                 its Unicode name ("Latin", "Old_Italic")
//   token, span, sentence,          the text, as UTF-8 whatever the document's code unit type,
//   paragraph, labeled_span of any  with U+FFFD for ill-formed input;
//   document
//                                   {:d} the debug form TEXT/TAG@BEGIN:END with offsets in code
//                                   units: Putin/word@24:29, “Nobody ... peace,”/sentence@190:230,
//                                   Harbour talks .../Latin,heading@120:198 (a paragraph's tag is
//                                   its script and its flags), a span's tag is "span", a
//                                   labelled span's its label
//   word, sentence and grapheme     the segment's text as UTF-8; {:d} TEXT/STATUS@BEGIN:END
//   segments of any code units      (Putin/letter@24:29; a grapheme's status is "cluster")
//
// Every formatter takes the standard string specifications (fill, alignment, width, precision);
// {:d} takes none. The views are not formatted as ranges even when <fmt/ranges.h> is included
// (it is, here, to say so).
#pragma once

#include <byline/document/document.hpp>
#include <byline/document/records.hpp>
#include <byline/segment/graphemes.hpp>
#include <byline/segment/segment.hpp>
#include <byline/segment/sentences.hpp>
#include <byline/segment/words.hpp>
#include <byline/unicode/properties.hpp>
#include <byline/unicode/utf.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <iterator>
#include <string>
#include <string_view>
#include <type_traits>

namespace byline::detail::fmt_support {

// Text in any encoding as UTF-8: valid UTF-8 is passed through, anything else is transcoded into
// `buf` with U+FFFD for each ill-formed sequence.
template <unicode::code_unit C>
std::string_view as_utf8(std::basic_string_view<C> text, std::string& buf) {
  if constexpr (sizeof(C) == 1) {
    const std::string_view bytes(reinterpret_cast<const char*>(text.data()), text.size());
    bool ascii = true;
    for (char c : bytes)
      if (static_cast<unsigned char>(c) >= 0x80) {
        ascii = false;
        break;
      }
    if (ascii || unicode::for_each_error(bytes, [](const unicode::decode_issue&) {}) == 0) return bytes;
  }
  buf = unicode::to_utf8(text);
  return buf;
}

// A string formatter that also accepts the presentation type 'd' alone, for a debug form.
struct text_formatter : fmt::formatter<fmt::string_view> {
  bool debug = false;

  template <class ParseContext>
  constexpr auto parse(ParseContext& ctx) -> decltype(ctx.begin()) {
    auto it = ctx.begin();
    if (it != ctx.end() && *it == 'd') {
      auto next = it;
      ++next;
      if (next == ctx.end() || *next == '}') {
        debug = true;
        return next;
      }
    }
    return fmt::formatter<fmt::string_view>::parse(ctx);
  }

  // TEXT/TAG@BEGIN:END
  template <class C, class FormatContext>
  auto write_debug(std::basic_string_view<C> text, std::string_view tag, span_offsets o, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    std::string buf;
    const auto t = as_utf8(text, buf);
    return fmt::format_to(ctx.out(), "{}/{}@{}:{}", t, tag, o.begin, o.end);
  }

  template <class C, class FormatContext>
  auto write_text(std::basic_string_view<C> text, FormatContext& ctx) const -> decltype(ctx.out()) {
    std::string buf;
    return fmt::formatter<fmt::string_view>::format(as_utf8(text, buf), ctx);
  }
};

// Formats an enum by its name, with string specifications.
template <class E>
struct named_formatter : fmt::formatter<fmt::string_view> {
  template <class FormatContext>
  auto format(E e, FormatContext& ctx) const -> decltype(ctx.out()) {
    const std::string_view n = name(e);
    return fmt::formatter<fmt::string_view>::format(fmt::string_view(n.data(), n.size()), ctx);
  }
};

template <class I>
auto segment_text(const I& first, const I& last, std::size_t size) {
  using C = std::remove_cv_t<std::iter_value_t<I>>;
  if constexpr (std::contiguous_iterator<I>) {
    return std::basic_string_view<C>(std::to_address(first), size);
  } else {
    return std::basic_string<C>(first, last);
  }
}

template <class I, class Status>
struct segment_formatter : text_formatter {
  template <class Segment, class FormatContext>
  auto format_segment(const Segment& s, FormatContext& ctx) const -> decltype(ctx.out()) {
    using C = std::remove_cv_t<std::iter_value_t<I>>;
    const auto text = segment_text(s.begin(), s.end(), s.size());
    const std::basic_string_view<C> view(text);
    if (debug) {
      if constexpr (std::is_same_v<Status, segment::grapheme_status>)
        return write_debug(view, "cluster", s.offsets(), ctx);
      else
        return write_debug(view, name(s.status()), s.offsets(), ctx);
    }
    return write_text(view, ctx);
  }
};

}  // namespace byline::detail::fmt_support

// ----------------------------------------------------------------------------------------------

template <>
struct fmt::formatter<byline::span_offsets> : fmt::formatter<fmt::string_view> {
  template <class FormatContext>
  auto format(const byline::span_offsets& o, FormatContext& ctx) const -> decltype(ctx.out()) {
    fmt::basic_memory_buffer<char, 48> buf;
    fmt::format_to(std::back_inserter(buf), "[{}, {})", o.begin, o.end);
    return fmt::formatter<fmt::string_view>::format(fmt::string_view(buf.data(), buf.size()), ctx);
  }
};

template <>
struct fmt::formatter<byline::token_kind> : byline::detail::fmt_support::named_formatter<byline::token_kind> {};
template <>
struct fmt::formatter<byline::token_rule> : byline::detail::fmt_support::named_formatter<byline::token_rule> {};
template <>
struct fmt::formatter<byline::segment::word_status>
    : byline::detail::fmt_support::named_formatter<byline::segment::word_status> {};
template <>
struct fmt::formatter<byline::segment::sentence_status>
    : byline::detail::fmt_support::named_formatter<byline::segment::sentence_status> {};
template <>
struct fmt::formatter<byline::unicode::decode_error>
    : byline::detail::fmt_support::named_formatter<byline::unicode::decode_error> {};
template <>
struct fmt::formatter<byline::unicode::script> : byline::detail::fmt_support::named_formatter<byline::unicode::script> {
};

// Views of a document.

template <class Doc>
struct fmt::formatter<byline::basic_token<Doc>> : byline::detail::fmt_support::text_formatter {
  template <class FormatContext>
  auto format(const byline::basic_token<Doc>& t, FormatContext& ctx) const -> decltype(ctx.out()) {
    if (debug) return write_debug(t.text(), name(t.kind()), t.offsets(), ctx);
    return write_text(t.text(), ctx);
  }
};

template <class Doc>
struct fmt::formatter<byline::basic_span<Doc>> : byline::detail::fmt_support::text_formatter {
  template <class FormatContext>
  auto format(const byline::basic_span<Doc>& s, FormatContext& ctx) const -> decltype(ctx.out()) {
    if (debug) return write_debug(s.text(), "span", s.offsets(), ctx);
    return write_text(s.text(), ctx);
  }
};

template <class Doc>
struct fmt::formatter<byline::basic_sentence<Doc>> : byline::detail::fmt_support::text_formatter {
  template <class FormatContext>
  auto format(const byline::basic_sentence<Doc>& s, FormatContext& ctx) const -> decltype(ctx.out()) {
    if (debug) return write_debug(s.text(), "sentence", s.offsets(), ctx);
    return write_text(s.text(), ctx);
  }
};

template <class Doc>
struct fmt::formatter<byline::basic_paragraph<Doc>> : byline::detail::fmt_support::text_formatter {
  template <class FormatContext>
  auto format(const byline::basic_paragraph<Doc>& p, FormatContext& ctx) const -> decltype(ctx.out()) {
    if (debug) {
      std::string tag(byline::unicode::name(p.script()));
      if (p.is_boilerplate()) tag += ",boilerplate";
      if (p.is_heading()) tag += ",heading";
      return write_debug(p.text(), tag, p.offsets(), ctx);
    }
    return write_text(p.text(), ctx);
  }
};

template <class Doc>
struct fmt::formatter<byline::basic_labeled_span<Doc>> : byline::detail::fmt_support::text_formatter {
  template <class FormatContext>
  auto format(const byline::basic_labeled_span<Doc>& s, FormatContext& ctx) const -> decltype(ctx.out()) {
    if (debug) return write_debug(s.text(), s.label(), s.offsets(), ctx);
    return write_text(s.text(), ctx);
  }
};

// Segments of the UAX #29 views.

template <class I, class Status>
struct fmt::formatter<byline::segment::basic_segment<I, Status>>
    : byline::detail::fmt_support::segment_formatter<I, Status> {
  template <class FormatContext>
  auto format(const byline::segment::basic_segment<I, Status>& s, FormatContext& ctx) const -> decltype(ctx.out()) {
    return this->format_segment(s, ctx);
  }
};

template <class I>
struct fmt::formatter<byline::segment::word_segment<I>>
    : byline::detail::fmt_support::segment_formatter<I, byline::segment::word_status> {
  template <class FormatContext>
  auto format(const byline::segment::word_segment<I>& s, FormatContext& ctx) const -> decltype(ctx.out()) {
    return this->format_segment(s, ctx);
  }
};

// Spans, sentences, paragraphs and segments are ranges (of tokens, of code units); they print as
// text, not as "[...]" lists, with <fmt/ranges.h> too.
template <class Doc>
struct fmt::range_format_kind<byline::basic_span<Doc>, char>
    : std::integral_constant<fmt::range_format, fmt::range_format::disabled> {};
template <class Doc>
struct fmt::range_format_kind<byline::basic_sentence<Doc>, char>
    : std::integral_constant<fmt::range_format, fmt::range_format::disabled> {};
template <class Doc>
struct fmt::range_format_kind<byline::basic_paragraph<Doc>, char>
    : std::integral_constant<fmt::range_format, fmt::range_format::disabled> {};
template <class Doc>
struct fmt::range_format_kind<byline::basic_labeled_span<Doc>, char>
    : std::integral_constant<fmt::range_format, fmt::range_format::disabled> {};
template <class I, class Status>
struct fmt::range_format_kind<byline::segment::basic_segment<I, Status>, char>
    : std::integral_constant<fmt::range_format, fmt::range_format::disabled> {};
template <class I>
struct fmt::range_format_kind<byline::segment::word_segment<I>, char>
    : std::integral_constant<fmt::range_format, fmt::range_format::disabled> {};
