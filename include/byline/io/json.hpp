// byline — documents as JSON and JSON Lines.
//
//   std::string json = byline::io::to_json(doc);                 // pretty, two-space indent
//   byline::io::write_jsonl(doc, out);                            // one compact object and '\n'
//   byline::io::write_json(doc, out, {.tokens = false, .compact = true});
//
// Standard library only; every writer appends to one std::string (numbers by std::to_chars, no
// streams), so writing costs about as much as reading the text once more.
//
// Schema. Offsets ("start", "end", "length") are in the document's own code units: bytes of a
// UTF-8 document, 16-bit units of a UTF-16 one, code points of a UTF-32 one; "unit" says which.
// Token indices ("first_token", "end_token") are half-open ranges into "tokens". A layer appears
// only when the document has it (doc.has(layers::X)); "tokens" is also left out when
// json_options::tokens is false, while sentences and paragraphs keep their token indices.
//
//   {
//     "file": "story.txt",                  json_options::metadata: string members, first, as given
//     "length": 5123,                       the text's size in code units
//     "unit": "utf-8",                      "utf-8" | "utf-16" | "utf-32"
//     "invalid_sequences": 0,               ill-formed code unit sequences (each read as U+FFFD)
//     "text": "...",                        only with json_options::document_text
//     "tokens": [
//       {"start": 0, "end": 5, "text": "Putin", "kind": "word", "rule": "word_boundary",
//        "norm": "putin", "space_after": true, "flags": ["has_alpha", "title", "ascii"]}
//     ],
//     "sentences": [
//       {"start": 0, "end": 42, "first_token": 0, "end_token": 9, "text": "..."}
//     ],
//     "paragraphs": [
//       {"start": 0, "end": 120, "first_token": 0, "end_token": 30, "script": "Latin",
//        "boilerplate": false, "heading": true, "text": "..."}
//     ],
//     "groups": {                           users' span groups (annotations().groups), when any
//       "entities": [
//         {"start": 0, "end": 5, "first_token": 0, "end_token": 1, "label": "PERSON", "text": "Putin"}
//       ]
//     }
//   }
//
//   kind, rule     the names of token_kind and token_rule ("abbreviation", "initials", ...)
//   norm           token::norm(): simple case folding, curly quotes and apostrophes made straight
//   space_after    whether whitespace follows the token; with json_options::whitespace, the
//                  whitespace itself as a string ("" when none), so that the text is rebuilt exactly
//                  by concatenating text + space_after of every token (after the text before the
//                  first token, if any)
//   flags          the token_flag names that are set, in bit order: has_alpha, has_digit,
//                  all_upper, all_lower, title, ascii, open_quote, close_quote, replaced,
//                  space_before
//   script         unicode::name(script): "Latin", "Arabic", "Common", ...
//   "text" members are left out with json_options::text = false (and "norm" with norm = false,
//   "flags" with flags = false).
//
// Strings. Every string is written as UTF-8, whatever the document's code unit type, and is valid
// UTF-8 even when the text is not: each ill-formed sequence is written as U+FFFD (the same maximal
// subparts that the tokenizer counted in "invalid_sequences"), never copied through. Escaped:
// '"' and '\' ; U+0008, U+0009, U+000A, U+000C, U+000D as \b \t \n \f \r ; every other C0 control,
// DEL (U+007F) and the C1 controls (U+0080..U+009F) as \u00XX ; U+2028 and U+2029 as \u2028 and
// \u2029 (valid in JSON, but line terminators to JavaScript and to many line-oriented tools).
// Everything else is written as itself, so the output of write_jsonl never holds a raw line break
// or control character and each line is one object.
#pragma once

#include <byline/document/document.hpp>
#include <byline/document/records.hpp>
#include <byline/unicode/properties.hpp>
#include <byline/unicode/utf.hpp>

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace byline::io {

struct json_options {
  bool tokens = true;          // write the token layer (when the document has it)
  bool text = true;            // write the "text" of tokens, sentences, paragraphs and spans
  bool compact = false;        // no spaces or line breaks (write_jsonl always writes compact)
  bool norm = true;            // write each token's "norm"
  bool flags = true;           // write each token's "flags"
  bool whitespace = false;     // "space_after" as the whitespace string rather than a bool
  bool document_text = false;  // write the whole text as a top-level "text"
  int indent = 2;              // spaces per level when not compact
  int depth = 0;               // levels to indent the whole object by (for nesting it in an array)
  // String members written first, in order, as "key": "value" (UTF-8), e.g. {{"file", path}}.
  // The views must stay valid during the call.
  std::vector<std::pair<std::string_view, std::string_view>> metadata{};
};

namespace detail {

inline constexpr char hex_digits[] = "0123456789abcdef";

constexpr bool json_needs_escape(char32_t c) noexcept {
  return c < 0x20 || c == U'"' || c == U'\\' || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029;
}

// Appends one code point, escaped if JSON or line-oriented readers need it.
inline void append_json_code_point(std::string& out, char32_t c) {
  if (!json_needs_escape(c)) {
    unicode::encode_utf8<char>(c, std::back_inserter(out));
    return;
  }
  switch (c) {
    case U'"': out += "\\\""; return;
    case U'\\': out += "\\\\"; return;
    case U'\b': out += "\\b"; return;
    case U'\f': out += "\\f"; return;
    case U'\n': out += "\\n"; return;
    case U'\r': out += "\\r"; return;
    case U'\t': out += "\\t"; return;
    default: break;
  }
  const char u[6] = {'\\',
                     'u',
                     hex_digits[(c >> 12) & 0xF],
                     hex_digits[(c >> 8) & 0xF],
                     hex_digits[(c >> 4) & 0xF],
                     hex_digits[c & 0xF]};
  out.append(u, 6);
}

// Appends the escaped body of a JSON string (without the quotes).
template <unicode::code_unit C>
void append_json_string_body(std::string& out, std::basic_string_view<C> s) {
  if constexpr (sizeof(C) == 1) {
    // UTF-8: copy runs of printable ASCII and well-formed sequences as they are; decode only to
    // check what is not plain ASCII.
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n) {
      std::size_t run = i;
      while (run < n && p[run] >= 0x20 && p[run] < 0x7F && p[run] != '"' && p[run] != '\\') ++run;
      out.append(reinterpret_cast<const char*>(p + i), run - i);
      if (run == n) break;
      i = run;
      if (p[i] < 0x80) {
        append_json_code_point(out, p[i]);
        ++i;
        continue;
      }
      const auto d = unicode::decode<unicode::encoding::utf8>(p + i, p + n);
      const auto len = static_cast<std::size_t>(d.next - (p + i));
      if (d.error != unicode::decode_error::none)
        unicode::encode_utf8<char>(unicode::replacement_character, std::back_inserter(out));
      else if (json_needs_escape(d.code_point))
        append_json_code_point(out, d.code_point);
      else
        out.append(reinterpret_cast<const char*>(p + i), len);
      i += len;
    }
  } else {
    for (auto cp : unicode::code_points(s)) append_json_code_point(out, cp.code_point);
  }
}

// The body of a token's norm: basic_token::norm() written straight into the output, without a
// string per token (both map code points with detail::norm_code_point).
template <unicode::code_unit C>
void append_json_norm_body(std::string& out, std::basic_string_view<C> s) {
  for (auto cp : unicode::code_points(s)) append_json_code_point(out, byline::detail::norm_code_point(cp.code_point));
}

inline constexpr std::string_view token_flag_names[] = {"has_alpha", "has_digit",  "all_upper",   "all_lower",
                                                        "title",     "ascii",      "open_quote",  "close_quote",
                                                        "replaced",  "space_before"};

template <class Doc>
class json_writer {
  using C = typename Doc::char_type;
  using view = std::basic_string_view<C>;

  const Doc& doc_;
  std::string& out_;
  const json_options& o_;

 public:
  json_writer(const Doc& doc, std::string& out, const json_options& o) : doc_(doc), out_(out), o_(o) {}

  void write() {
    const auto& a = doc_.annotations();
    const int d = o_.depth;
    out_ += '{';
    bool first = true;
    auto member = [&](std::string_view key) {
      if (!first) out_ += ',';
      first = false;
      newline(d + 1);
      string(key);
      out_ += o_.compact ? ":" : ": ";
    };
    for (const auto& [k, v] : o_.metadata) {
      member(k);
      string(v);
    }
    member("length");
    number(doc_.size());
    member("unit");
    string(unicode::encoding_of<C> == unicode::encoding::utf8    ? std::string_view("utf-8")
           : unicode::encoding_of<C> == unicode::encoding::utf16 ? std::string_view("utf-16")
                                                                  : std::string_view("utf-32"));
    member("invalid_sequences");
    number(a.invalid_sequences);
    if (o_.document_text) {
      member("text");
      string(doc_.text());
    }
    const bool has_tokens = doc_.has(layers::tokens);
    if (has_tokens && o_.tokens) {
      member("tokens");
      array(d + 1, a.tokens.size(), [&](std::size_t i) { token(i); });
    }
    if (has_tokens && doc_.has(layers::sentences)) {
      member("sentences");
      array(d + 1, a.sentences.size(), [&](std::size_t i) {
        const auto& s = a.sentences[i];
        span(s.first_token, s.end_token);
        record_end();
      });
    }
    if (doc_.has(layers::paragraphs)) {
      member("paragraphs");
      array(d + 1, a.paragraphs.size(), [&](std::size_t i) { paragraph(a.paragraphs[i]); });
    }
    if (has_tokens && !a.groups.empty()) {
      member("groups");
      out_ += '{';
      bool first_group = true;
      for (const auto& g : a.groups) {
        if (!first_group) out_ += ',';
        first_group = false;
        newline(d + 2);
        string(g.name);
        out_ += o_.compact ? ":" : ": ";
        array(d + 2, g.spans.size(), [&](std::size_t i) {
          const auto& s = g.spans[i];
          span(s.first_token, s.end_token, false);
          field("label");
          string(s.label < g.labels.size() ? std::string_view(g.labels[s.label]) : std::string_view());
          if (o_.text) {
            field("text");
            string(text_between(offsets_of(s.first_token, s.end_token)));
          }
          out_ += '}';
        });
      }
      if (!a.groups.empty()) newline(d + 1);
      out_ += '}';
    }
    newline(d);
    out_ += '}';
  }

 private:
  void newline(int depth) {
    if (o_.compact) return;
    out_ += '\n';
    out_.append(static_cast<std::size_t>(depth < 0 ? 0 : depth) * static_cast<std::size_t>(o_.indent < 0 ? 0 : o_.indent),
                ' ');
  }

  void number(std::uint64_t v) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out_.append(buf, static_cast<std::size_t>(r.ptr - buf));
  }
  void boolean(bool b) { out_ += b ? "true" : "false"; }

  template <class T>
  void string(std::basic_string_view<T> s) {
    out_ += '"';
    append_json_string_body(out_, s);
    out_ += '"';
  }
  void string(std::string_view s) { string<char>(s); }
  void string(const std::string& s) { string<char>(std::string_view(s)); }

  // Opens a record with its first key; `field` adds the next.
  void open(std::string_view key) {
    out_ += "{\"";
    out_ += key;
    out_ += o_.compact ? "\":" : "\": ";
  }
  void field(std::string_view key) {
    out_ += o_.compact ? ",\"" : ", \"";
    out_ += key;
    out_ += o_.compact ? "\":" : "\": ";
  }
  void record_end() { out_ += '}'; }

  // An array of n records, one a line when pretty.
  template <class F>
  void array(int depth, std::size_t n, F&& each) {
    out_ += '[';
    for (std::size_t i = 0; i < n; ++i) {
      if (i) out_ += ',';
      newline(depth + 1);
      each(i);
    }
    if (n) newline(depth);
    out_ += ']';
  }

  view text_between(span_offsets o) const { return doc_.text().substr(o.begin, o.end - o.begin); }

  span_offsets offsets_of(std::uint32_t first, std::uint32_t end) const {
    const auto& t = doc_.annotations().tokens;
    if (first < end && end <= t.size()) return {t.begin[first], t.end[end - 1]};
    // An empty run sits where its first token would start.
    const std::size_t at = first < t.size() ? t.begin[first] : doc_.size();
    return {at, at};
  }

  // start, end, first_token, end_token and (optionally) text of a run of tokens, left open.
  void span(std::uint32_t first, std::uint32_t end, bool with_text = true) {
    const auto o = offsets_of(first, end);
    open("start");
    number(o.begin);
    field("end");
    number(o.end);
    field("first_token");
    number(first);
    field("end_token");
    number(end);
    if (with_text && o_.text) {
      field("text");
      string(text_between(o));
    }
  }

  void token(std::size_t i) {
    const auto& t = doc_.annotations().tokens;
    const auto text = doc_.text();
    const view piece = text.substr(t.begin[i], t.end[i] - t.begin[i]);
    open("start");
    number(t.begin[i]);
    field("end");
    number(t.end[i]);
    if (o_.text) {
      field("text");
      string(piece);
    }
    field("kind");
    string(name(t.kind[i]));
    field("rule");
    string(name(t.rule[i]));
    if (o_.norm) {
      field("norm");
      out_ += '"';
      append_json_norm_body(out_, piece);
      out_ += '"';
    }
    field("space_after");
    const std::size_t next = i + 1 < t.size() ? t.begin[i + 1] : text.size();
    if (o_.whitespace)
      string(text.substr(t.end[i], next - t.end[i]));
    else
      boolean(next > t.end[i]);
    if (o_.flags) {
      field("flags");
      out_ += '[';
      bool first = true;
      for (std::size_t b = 0; b < std::size(token_flag_names); ++b)
        if (t.flags[i] & (1u << b)) {
          if (!first) out_ += o_.compact ? "," : ", ";
          first = false;
          out_ += '"';
          out_ += token_flag_names[b];
          out_ += '"';
        }
      out_ += ']';
    }
    record_end();
  }

  void paragraph(const paragraph_record& p) {
    open("start");
    number(p.begin);
    field("end");
    number(p.end);
    field("first_token");
    number(p.first_token);
    field("end_token");
    number(p.end_token);
    field("script");
    string(unicode::name(p.script));
    field("boilerplate");
    boolean(p.flags & paragraph_flag::boilerplate);
    field("heading");
    boolean(p.flags & paragraph_flag::heading);
    if (o_.text) {
      field("text");
      string(text_between({p.begin, p.end}));
    }
    record_end();
  }
};

}  // namespace detail

// Appends `text` (any encoding) as a JSON string, quotes included, escaped as described above.
template <unicode::code_unit C>
void write_json_string(std::basic_string_view<C> text, std::string& out) {
  out += '"';
  detail::append_json_string_body(out, text);
  out += '"';
}
inline void write_json_string(std::string_view text, std::string& out) { write_json_string<char>(text, out); }

// Appends the document as one JSON object (pretty unless options.compact), without a final newline.
template <class Doc>
void write_json(const Doc& doc, std::string& out, const json_options& options = {}) {
  detail::json_writer<Doc>(doc, out, options).write();
}

template <class Doc>
std::string to_json(const Doc& doc, const json_options& options = {}) {
  std::string out;
  out.reserve(doc.size() * (options.tokens ? 12 : 3) + 256);
  write_json(doc, out, options);
  return out;
}

// Appends the document as one line of JSON Lines: a compact object and '\n'.
template <class Doc>
void write_jsonl(const Doc& doc, std::string& out, json_options options = {}) {
  options.compact = true;
  options.depth = 0;
  write_json(doc, out, options);
  out += '\n';
}

}  // namespace byline::io
