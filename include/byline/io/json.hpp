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
// Token indices ("first_token", "end_token") are half-open ranges into "tokens". Each layer the
// document has is written by the layer itself (its write_json, see io/json_out.hpp) as a member
// named by the layer, in the order the layers were made; span groups sit together under "spans".
// "tokens" is left out when json_options::tokens is false, while the other layers keep their token
// indices. Layers without a write_json are not written.
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
//     "spans": {                            users' span group layers, by name, when any
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
#include <byline/io/json_out.hpp>
#include <byline/unicode/properties.hpp>
#include <byline/unicode/utf.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace byline::io {

namespace detail {

// The body of a token's norm: basic_token::norm() written straight into the output, without a
// string per token (both map code points with detail::norm_code_point).
template <unicode::code_unit C>
void append_json_norm_body(std::string& out, std::basic_string_view<C> s) {
  for (auto cp : unicode::code_points(s)) append_json_code_point(out, byline::detail::norm_code_point(cp.code_point));
}

// json_out's window on a text of code unit type C.
template <unicode::code_unit C>
void write_text_slice(std::string& out, const void* text, std::size_t begin, std::size_t end, bool norm) {
  const auto& t = *static_cast<const std::basic_string_view<C>*>(text);
  begin = std::min(begin, t.size());
  end = std::min(std::max(begin, end), t.size());
  const auto piece = t.substr(begin, end - begin);
  if (norm)
    append_json_norm_body(out, piece);
  else
    append_json_string_body(out, piece);
}

template <class Doc>
void write_document(const Doc& doc, std::string& out, const json_options& o) {
  using C = typename Doc::char_type;
  const std::basic_string_view<C> text = doc.text();
  const auto& base = doc.base();
  json_out j(out, o, &write_text_slice<C>, &text, text.size(),
             base.template has<token_layer>() ? &base.token_records() : nullptr, &base);
  j.begin_object();
  for (const auto& [k, v] : o.metadata) {
    j.key(k);
    j.string(v);
  }
  j.key("length");
  j.number(text.size());
  j.key("unit");
  j.string(unicode::encoding_of<C> == unicode::encoding::utf8    ? std::string_view("utf-8")
           : unicode::encoding_of<C> == unicode::encoding::utf16 ? std::string_view("utf-16")
                                                                  : std::string_view("utf-32"));
  j.key("invalid_sequences");
  j.number(base.invalid_sequences());
  if (o.document_text) {
    j.key("text");
    j.text(0, text.size());
  }
  bool any_spans = false;
  for (const auto& e : base.layer_table().entries()) {
    if (e.node->spans()) {
      any_spans = true;
      continue;
    }
    if (!e.node->has_json()) continue;
    if (e.key == byline::detail::layer_key<token_layer>() && !o.tokens) continue;
    j.key(e.name);
    e.node->write_json(j);
  }
  if (any_spans) {
    j.key("spans");
    j.begin_object();
    for (const auto& e : base.layer_table().entries())
      if (e.node->spans()) {
        j.key(e.name);
        e.node->write_json(j);
      }
    j.end_object();
  }
  j.end_object();
}

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
template <class Text>
void write_json(const basic_document<Text>& doc, std::string& out, const json_options& options = {}) {
  detail::write_document(doc, out, options);
}

template <class Text>
std::string to_json(const basic_document<Text>& doc, const json_options& options = {}) {
  std::string out;
  out.reserve(doc.size() * (options.tokens ? 12 : 3) + 256);
  write_json(doc, out, options);
  return out;
}

// Appends the document as one line of JSON Lines: a compact object and '\n'.
template <class Text>
void write_jsonl(const basic_document<Text>& doc, std::string& out, json_options options = {}) {
  options.compact = true;
  options.depth = 0;
  write_json(doc, out, options);
  out += '\n';
}

}  // namespace byline::io
