// byline — the JSON sink that each layer writes its own value to.
//
// Layers (the built-in ones and users') write themselves through json_out, which is not a template:
// it reaches the document's text through a function that io/json.hpp makes for the text's code unit
// type. So a new layer brings its own JSON and no core file learns about it.
//
//   void my_layer::write_json(byline::io::json_out& j) const {
//     j.begin_array();
//     for (std::size_t i = 0; i < token.size(); ++i) {
//       j.item();
//       j.open("token");  j.number(token[i].value);
//       j.field("text");  j.text(begin[i], end[i]);
//       j.close();
//     }
//     j.end_array();
//   }
#pragma once

#include <byline/unicode/utf.hpp>

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace byline {
struct token_layer;
class document_base;
}

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

}  // namespace detail

class json_out {
 public:
  // Writes the document's text between two offsets as an escaped JSON string body; `norm` writes
  // each token's normalised form instead.
  using text_writer = void (*)(std::string& out, const void* text, std::size_t begin, std::size_t end, bool norm);

  json_out(std::string& out, const json_options& o, text_writer tw, const void* text, std::size_t text_size,
           const token_layer* tokens, const document_base* doc = nullptr) noexcept
      : out_(out), o_(o), tw_(tw), text_(text), size_(text_size), tokens_(tokens), doc_(doc) {}

  const json_options& options() const noexcept { return o_; }
  bool compact() const noexcept { return o_.compact; }
  std::size_t text_size() const noexcept { return size_; }
  // The document's tokens (nullptr when it has none): layers of token runs read their offsets here.
  const token_layer* tokens() const noexcept { return tokens_; }
  // The document being written (nullptr when the writer has none): a layer whose records point at
  // another layer's records (a mention at its cluster) reads that layer here.
  const document_base* document() const noexcept { return doc_; }
  std::string& buffer() noexcept { return out_; }

  // Values.
  void number(std::uint64_t v) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out_.append(buf, static_cast<std::size_t>(r.ptr - buf));
  }
  void signed_number(std::int64_t v) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out_.append(buf, static_cast<std::size_t>(r.ptr - buf));
  }
  void real(double v) {
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out_.append(buf, static_cast<std::size_t>(r.ptr - buf));
  }
  void boolean(bool b) { out_ += b ? "true" : "false"; }
  void null() { out_ += "null"; }
  // A UTF-8 string, escaped (ill-formed input becomes U+FFFD).
  void string(std::string_view utf8) {
    out_ += '"';
    detail::append_json_string_body(out_, utf8);
    out_ += '"';
  }
  // The document's text in [begin, end), as a string.
  void text(std::size_t begin, std::size_t end) {
    out_ += '"';
    tw_(out_, text_, begin, end, false);
    out_ += '"';
  }
  // The normalised form (byline::token::norm) of the text in [begin, end), as a string.
  void norm(std::size_t begin, std::size_t end) {
    out_ += '"';
    tw_(out_, text_, begin, end, true);
    out_ += '"';
  }

  // An object over several lines: begin_object(); key("a"); <value>; key("b"); <value>; end_object().
  void begin_object() {
    out_ += '{';
    first_.push_back(true);
  }
  void key(std::string_view k) {
    next();
    string(k);
    out_ += o_.compact ? ":" : ": ";
  }
  void end_object() { close_level('}'); }

  // An array, one item a line: begin_array(); item(); <value>; item(); <value>; end_array().
  void begin_array() {
    out_ += '[';
    first_.push_back(true);
  }
  void item() { next(); }
  void end_array() { close_level(']'); }

  // A record on one line: open("start"); <value>; field("end"); <value>; close().
  void open(std::string_view k) {
    out_ += "{\"";
    out_ += k;
    out_ += o_.compact ? "\":" : "\": ";
  }
  void field(std::string_view k) {
    out_ += o_.compact ? ",\"" : ", \"";
    out_ += k;
    out_ += o_.compact ? "\":" : "\": ";
  }
  void close() { out_ += '}'; }

  // The offsets of tokens [first, end): from the first's begin to the last's end; an empty run sits
  // where its first token would start.
  std::pair<std::size_t, std::size_t> token_run(std::uint32_t first, std::uint32_t end) const;

  // "start", "end", "first_token", "end_token" and (unless options().text is off and with_text)
  // "text" of a token run, left open for more fields.
  // "start", "end" and (unless options().text is off) "text" of a token run, left open: the
  // shorter form for spans nested in a record (a quotation's parts, an attribution's cue).
  void offsets(std::uint32_t first, std::uint32_t end) {
    const auto [b, e] = token_run(first, end);
    open("start");
    number(b);
    field("end");
    number(e);
    if (o_.text) {
      field("text");
      text(b, e);
    }
  }

  void span(std::uint32_t first, std::uint32_t end, bool with_text = true) {
    const auto [b, e] = token_run(first, end);
    open("start");
    number(b);
    field("end");
    number(e);
    field("first_token");
    number(first);
    field("end_token");
    number(end);
    if (with_text && o_.text) {
      field("text");
      text(b, e);
    }
  }

 private:
  void newline() {
    if (o_.compact) return;
    out_ += '\n';
    const std::size_t depth = static_cast<std::size_t>(o_.depth < 0 ? 0 : o_.depth) + first_.size();
    out_.append(depth * static_cast<std::size_t>(o_.indent < 0 ? 0 : o_.indent), ' ');
  }
  void next() {
    if (!first_.back()) out_ += ',';
    first_.back() = false;
    newline();
  }
  void close_level(char c) {
    const bool empty = first_.back();
    first_.pop_back();
    if (!empty) newline();
    out_ += c;
  }

  std::string& out_;
  const json_options& o_;
  text_writer tw_;
  const void* text_;
  std::size_t size_;
  const token_layer* tokens_;
  const document_base* doc_;
  std::vector<bool> first_;
};

}  // namespace byline::io
