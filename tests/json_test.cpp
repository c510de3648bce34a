// byline::io::write_json / to_json / write_jsonl: the output is parsed back with a small strict JSON
// parser (RFC 8259, no extensions) and compared with the document it came from.
#include <byline/default_pipeline.hpp>
#include <byline/io/json.hpp>
#include <byline/pipeline.hpp>
#include <byline/tokenize/sentences.hpp>
#include <byline/tokenize/tokenizer.hpp>
#include <byline/unicode/utf.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace uni = byline::unicode;
using byline::io::json_options;

// ---------------------------------------------------------------------------------------------
// A strict JSON parser: the whole input is one value; strings must be valid UTF-8 with no raw
// control character; escapes are the eight of RFC 8259 and \uXXXX, surrogates only in pairs;
// numbers follow the grammar; no trailing commas, no duplicate keys, no leading zeros.

struct json_value {
  enum kind_t { null, boolean, number, string, array, object } kind = null;
  bool b = false;
  double num = 0;
  std::string str;
  std::vector<json_value> items;      // array items, or object values
  std::vector<std::string> keys;      // object keys, in order

  bool has(std::string_view key) const {
    for (const auto& k : keys)
      if (k == key) return true;
    return false;
  }
  const json_value& operator[](std::string_view key) const {
    if (kind != object) throw std::runtime_error("not an object");
    for (std::size_t i = 0; i < keys.size(); ++i)
      if (keys[i] == key) return items[i];
    throw std::runtime_error("no member " + std::string(key));
  }
  const json_value& operator[](std::size_t i) const {
    if (kind != array || i >= items.size()) throw std::runtime_error("no array item");
    return items[i];
  }
  std::size_t size() const { return items.size(); }
  std::uint64_t u() const {
    if (kind != number) throw std::runtime_error("not a number");
    return static_cast<std::uint64_t>(num);
  }
};

bool operator==(const json_value& a, const json_value& b) {
  return a.kind == b.kind && a.b == b.b && a.num == b.num && a.str == b.str && a.items == b.items && a.keys == b.keys;
}

class json_parser {
  std::string_view s_;
  std::size_t i_ = 0;

  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("JSON error at " + std::to_string(i_) + ": " + what);
  }
  void ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }
  char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  void expect(char c) {
    if (peek() != c || i_ >= s_.size()) fail(std::string("expected '") + c + "'");
    ++i_;
  }
  void literal(std::string_view w) {
    if (s_.substr(i_, w.size()) != w) fail("bad literal");
    i_ += w.size();
  }
  unsigned hex4() {
    if (i_ + 4 > s_.size()) fail("short \\u escape");
    unsigned v = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = s_[i_++];
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f')
        v |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        v |= static_cast<unsigned>(c - 'A' + 10);
      else
        fail("bad hex digit");
    }
    return v;
  }
  std::string string() {
    expect('"');
    std::string out;
    for (;;) {
      if (i_ >= s_.size()) fail("unterminated string");
      const auto c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') {
        ++i_;
        return out;
      }
      if (c < 0x20) fail("raw control character in string");
      if (c != '\\') {
        out += static_cast<char>(c);
        ++i_;
        continue;
      }
      ++i_;
      if (i_ >= s_.size()) fail("unterminated escape");
      const char e = s_[i_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          char32_t cp = hex4();
          if (cp >= 0xDC00 && cp <= 0xDFFF) fail("lone low surrogate");
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (s_.substr(i_, 2) != "\\u") fail("lone high surrogate");
            i_ += 2;
            const char32_t lo = hex4();
            if (lo < 0xDC00 || lo > 0xDFFF) fail("high surrogate without low");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          uni::encode_utf8<char>(cp, std::back_inserter(out));
          break;
        }
        default: fail("bad escape");
      }
    }
  }
  double number() {
    const std::size_t start = i_;
    if (peek() == '-') ++i_;
    auto digit = [&] { return peek() >= '0' && peek() <= '9'; };
    if (peek() == '0') {
      ++i_;
    } else if (digit()) {
      while (digit()) ++i_;
    } else {
      fail("bad number");
    }
    if (peek() == '.') {
      ++i_;
      if (!digit()) fail("bad fraction");
      while (digit()) ++i_;
    }
    if (peek() == 'e' || peek() == 'E') {
      ++i_;
      if (peek() == '+' || peek() == '-') ++i_;
      if (!digit()) fail("bad exponent");
      while (digit()) ++i_;
    }
    return std::strtod(std::string(s_.substr(start, i_ - start)).c_str(), nullptr);
  }
  json_value value(int depth) {
    if (depth > 64) fail("too deep");
    ws();
    json_value v;
    const char c = peek();
    if (c == '{') {
      ++i_;
      v.kind = json_value::object;
      ws();
      if (peek() == '}') {
        ++i_;
        return v;
      }
      for (;;) {
        ws();
        auto k = string();
        if (v.has(k)) fail("duplicate key " + k);
        ws();
        expect(':');
        v.keys.push_back(std::move(k));
        v.items.push_back(value(depth + 1));
        ws();
        if (peek() == ',') {
          ++i_;
          continue;
        }
        expect('}');
        return v;
      }
    }
    if (c == '[') {
      ++i_;
      v.kind = json_value::array;
      ws();
      if (peek() == ']') {
        ++i_;
        return v;
      }
      for (;;) {
        v.items.push_back(value(depth + 1));
        ws();
        if (peek() == ',') {
          ++i_;
          continue;
        }
        expect(']');
        return v;
      }
    }
    if (c == '"') {
      v.kind = json_value::string;
      v.str = string();
      return v;
    }
    if (c == 't') {
      literal("true");
      v.kind = json_value::boolean;
      v.b = true;
      return v;
    }
    if (c == 'f') {
      literal("false");
      v.kind = json_value::boolean;
      return v;
    }
    if (c == 'n') {
      literal("null");
      return v;
    }
    v.kind = json_value::number;
    v.num = number();
    return v;
  }

 public:
  explicit json_parser(std::string_view s) : s_(s) {}
  json_value parse() {
    auto v = value(0);
    ws();
    if (i_ != s_.size()) fail("trailing characters");
    return v;
  }
};

// Parses `out`, first checking what every byline JSON output promises: valid UTF-8, and no raw
// C0 control other than the line breaks of pretty printing, no DEL, C1 control, U+2028 or U+2029.
json_value parse(std::string_view out) {
  INFO(out);
  REQUIRE(uni::validate(out).empty());
  for (auto cp : uni::code_points(out)) {
    const char32_t c = cp.code_point;
    const bool ok = !(c < 0x20 && c != '\n' && c != ' ') && !(c >= 0x7F && c <= 0x9F) && c != 0x2028 && c != 0x2029;
    if (!ok) FAIL("raw U+" << std::hex << static_cast<std::uint32_t>(c) << " at byte " << std::dec << cp.offset);
  }
  return json_parser(out).parse();
}

const byline::news_pipeline nlp;
const byline::pipeline tokens_only{byline::tokenizer{}};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A document's text as the JSON writer writes it: UTF-8, with U+FFFD for ill-formed input.
template <class View>
std::string utf8(View v) {
  return uni::to_utf8(v);
}

// Checks the parsed JSON against the document it was written from.
template <class Doc>
void check_against(const Doc& doc, const json_value& j, const json_options& o = {}) {
  REQUIRE(j.kind == json_value::object);
  CHECK(j["length"].u() == doc.size());
  CHECK(j["invalid_sequences"].u() == doc.invalid_sequences());
  CHECK(j.has("tokens") == (doc.template has<byline::token_layer>() && o.tokens));
  CHECK(j.has("sentences") == doc.template has<byline::sentence_layer>());
  CHECK(j.has("paragraphs") == doc.template has<byline::paragraph_layer>());
  if (j.has("tokens")) {
    const auto& toks = j["tokens"];
    REQUIRE(toks.size() == doc.tokens().size());
    std::string rebuilt;
    if (doc.tokens().size()) rebuilt = utf8(doc.text().substr(0, doc.tokens()[0].offsets().begin));
    for (auto t : doc.tokens()) {
      const auto& jt = toks[t.index()];
      CHECK(jt["start"].u() == t.offsets().begin);
      CHECK(jt["end"].u() == t.offsets().end);
      CHECK(jt["text"].str == utf8(t.text()));
      CHECK(jt["kind"].str == name(t.kind()));
      CHECK(jt["rule"].str == name(t.rule()));
      CHECK(jt["norm"].str == utf8(std::basic_string_view<typename Doc::char_type>(t.norm())));
      if (o.whitespace) {
        CHECK(jt["space_after"].str == utf8(t.whitespace_after()));
        rebuilt += jt["text"].str + jt["space_after"].str;
      } else {
        CHECK(jt["space_after"].b == !t.whitespace_after().empty());
      }
      std::uint16_t flags = 0;
      for (const auto& f : jt["flags"].items) {
        const auto& names = byline::token_flag_names;
        auto it = std::find(std::begin(names), std::end(names), f.str);
        REQUIRE(it != std::end(names));
        flags |= static_cast<std::uint16_t>(1u << (it - std::begin(names)));
      }
      CHECK(flags == t.flags().bits());
    }
    if (o.whitespace) CHECK(rebuilt == utf8(doc.text()));
  }
  if (j.has("sentences")) {
    const auto& ss = j["sentences"];
    REQUIRE(ss.size() == doc.sentences().size());
    for (auto s : doc.sentences()) {
      const auto& js = ss[s.index()];
      CHECK(js["start"].u() == s.offsets().begin);
      CHECK(js["end"].u() == s.offsets().end);
      CHECK(js["first_token"].u() == s.first_token());
      CHECK(js["end_token"].u() == s.end_token());
      CHECK(js.has("text") == o.text);
      if (o.text) CHECK(js["text"].str == utf8(s.text()));
    }
  }
}

template <class Doc>
json_value round_trip(const Doc& doc, const json_options& o = {}) {
  const auto out = byline::io::to_json(doc, o);
  auto j = parse(out);
  check_against(doc, j, o);
  return j;
}

}  // namespace

TEST_CASE("json: the parser in this test is strict", "[json]") {
  for (std::string_view bad : {"", "{", "{\"a\":1,}", "[1,]", "\"\x01\"", "\"\\x\"", "01", "1.", "{\"a\":1,\"a\":2}",
                               "\"\\ud800\"", "\"\\udc00\"", "tru", "[1] 2", "{a:1}", "'a'"})
    CHECK_THROWS(json_parser(bad).parse());
  CHECK(json_parser("{\"a\": [1, -2.5e3, true, false, null, \"\\u00e9\\ud83d\\ude00\"]}").parse()["a"][5].str ==
        "\u00e9\U0001F600");
}

TEST_CASE("json: the sample article, pretty and compact, agrees with the document", "[json]") {
  const auto text = read_file(BYLINE_SOURCE_DIR "/examples/data/harbour-talks.txt");
  REQUIRE(text.size() > 1000);
  const auto doc = nlp(text);
  const auto pretty = byline::io::to_json(doc);
  const auto compact = byline::io::to_json(doc, {.compact = true});
  CHECK(compact.find('\n') == std::string::npos);
  CHECK(pretty.find("\n  \"tokens\": [\n    {\"start\": 0, \"end\": ") != std::string::npos);
  const auto j = parse(pretty);
  check_against(doc, j);
  CHECK(parse(compact) == j);
  CHECK(j["unit"].str == "utf-8");
  CHECK(j["invalid_sequences"].u() == 0);

  // A few tokens that the sample was written for.
  bool us = false, mr = false;
  for (const auto& t : j["tokens"].items) {
    if (t["text"].str == "U.S.") us = t["kind"].str == "abbreviation";
    if (t["text"].str == "Mr.") mr = t["kind"].str == "abbreviation" && t["norm"].str == "mr.";
  }
  CHECK(us);
  CHECK(mr);

  SECTION("whitespace strings rebuild the text") { round_trip(doc, {.whitespace = true}); }
  SECTION("no tokens, no text") {
    const auto k = round_trip(doc, {.tokens = false, .text = false});
    CHECK(!k.has("tokens"));
    CHECK(!k["sentences"][0].has("text"));
  }
  SECTION("no norm, no flags") {
    const auto k = parse(byline::io::to_json(doc, {.norm = false, .flags = false}));
    CHECK(!k["tokens"][0].has("norm"));
    CHECK(!k["tokens"][0].has("flags"));
    CHECK(k["tokens"][0].has("space_after"));
  }
}

TEST_CASE("json: every control character is escaped", "[json]") {
  std::string text = "start ";
  for (int c = 0; c < 0x20; ++c) {
    text += "x";
    text += static_cast<char>(c);
    text += "y ";
  }
  text += "del\x7F end \xC2\x80\xC2\x9F";
  const auto doc = tokens_only(text);
  std::string out;
  byline::io::write_json_string(std::string_view(text), out);
  CHECK(json_parser(out).parse().str == text);
  // The short escapes where JSON has them, \u00XX for the rest.
  for (std::string_view e : {"\\u0000", "\\u0001", "\\b", "\\t", "\\n", "\\u000b", "\\f", "\\r", "\\u000e",
                             "\\u001f", "\\u007f", "\\u0080", "\\u009f"})
    CHECK(out.find(e) != std::string::npos);
  for (unsigned char c : out) CHECK((c >= 0x20 && c != 0x7F));

  const auto j = parse(byline::io::to_json(doc, {.whitespace = true, .document_text = true}));
  CHECK(j["text"].str == text);
  check_against(doc, j, {.whitespace = true});
  const auto l = [&] {
    std::string s;
    byline::io::write_jsonl(doc, s);
    return s;
  }();
  CHECK(l.find('\n') == l.size() - 1);
  CHECK(parse(l) == parse(byline::io::to_json(doc)));
}

TEST_CASE("json: quotes, backslashes, U+2028 and U+2029", "[json]") {
  const std::string text = "He said \"C:\\dir\\\" and \\\\ then\xE2\x80\xA8line\xE2\x80\xA9para / end.";
  const auto doc = nlp(text);
  const auto out = byline::io::to_json(doc, {.document_text = true});
  CHECK(out.find("\\u2028") != std::string::npos);
  CHECK(out.find("\\u2029") != std::string::npos);
  CHECK(out.find("\xE2\x80\xA8") == std::string::npos);
  CHECK(out.find("\xE2\x80\xA9") == std::string::npos);
  CHECK(out.find("\\\"C:\\\\dir\\\\\\\"") != std::string::npos);
  const auto j = parse(out);
  CHECK(j["text"].str == text);
  check_against(doc, j);
  bool saw_quote = false;
  for (const auto& t : j["tokens"].items) saw_quote = saw_quote || t["text"].str == "\"";
  CHECK(saw_quote);
}

TEST_CASE("json: ill-formed input is written as U+FFFD", "[json]") {
  // A byte that never occurs in UTF-8, a lead byte cut short, an encoded surrogate (3 subparts),
  // and a truncated sequence at the very end.
  const std::string text = "ok \xFF then \xC3 and \xED\xA0\x80 end \xE2\x82";
  const auto doc = nlp(text);
  REQUIRE(doc.invalid_sequences() == 6);
  const auto out = byline::io::to_json(doc, {.whitespace = true, .document_text = true});
  REQUIRE(uni::validate(out).empty());
  const auto j = parse(out);
  CHECK(j["invalid_sequences"].u() == 6);
  CHECK(j["text"].str == "ok \uFFFD then \uFFFD and \uFFFD\uFFFD\uFFFD end \uFFFD");
  check_against(doc, j, {.whitespace = true});
  // Offsets stay those of the original bytes.
  for (const auto& t : j["tokens"].items)
    if (t["text"].str == "then") CHECK(t["start"].u() == 5);

  // write_json_string alone, over every input encoding.
  std::string s;
  byline::io::write_json_string(std::u16string_view(u"a\xD800" u"b\xDC00"), s);
  CHECK(s == "\"a\uFFFDb\uFFFD\"");
  s.clear();
  byline::io::write_json_string(std::u32string_view(U"x\x110000y\xD800"), s);
  CHECK(s == "\"x\uFFFDy\uFFFD\"");
}

TEST_CASE("json: UTF-16 and UTF-32 documents write the same strings with their own offsets", "[json]") {
  const std::string text = "“Nobody pretends,” said Mr. Haddad \U0001F600 in Valletta. Tabs\there.\n\nNext para.";
  const auto u16 = uni::to_utf16(text);
  const auto u32 = uni::to_utf32(text);
  const auto d8 = nlp(text);
  const auto d16 = nlp(std::u16string_view(u16));
  const auto d32 = nlp(std::u32string_view(u32));
  const json_options o{.whitespace = true, .document_text = true};
  const auto j8 = parse(byline::io::to_json(d8, o));
  const auto j16 = parse(byline::io::to_json(d16, o));
  const auto j32 = parse(byline::io::to_json(d32, o));
  check_against(d16, j16, o);
  check_against(d32, j32, o);
  CHECK(j8["unit"].str == "utf-8");
  CHECK(j16["unit"].str == "utf-16");
  CHECK(j32["unit"].str == "utf-32");
  CHECK(j8["length"].u() == text.size());
  CHECK(j16["length"].u() == u16.size());
  CHECK(j32["length"].u() == u32.size());
  CHECK(j16["text"].str == text);
  CHECK(j32["text"].str == text);
  REQUIRE(j8["tokens"].size() == j16["tokens"].size());
  REQUIRE(j8["tokens"].size() == j32["tokens"].size());
  for (std::size_t i = 0; i < j8["tokens"].size(); ++i) {
    for (auto key : {"text", "kind", "rule", "norm", "space_after"}) {
      CHECK(j8["tokens"][i][key] == j16["tokens"][i][key]);
      CHECK(j8["tokens"][i][key] == j32["tokens"][i][key]);
    }
  }
  REQUIRE(j8["sentences"].size() == j32["sentences"].size());
  for (std::size_t i = 0; i < j8["sentences"].size(); ++i) CHECK(j8["sentences"][i]["text"] == j32["sentences"][i]["text"]);
  // The emoji is 4 UTF-8 bytes, 2 UTF-16 units, 1 code point: offsets after it differ.
  const auto last = j8["tokens"].size() - 1;
  CHECK(j8["tokens"][last]["end"].u() == text.size());
  CHECK(j16["tokens"][last]["end"].u() == u16.size());
  CHECK(j32["tokens"][last]["end"].u() == u32.size());
  CHECK(j8["tokens"][last]["end"].u() != j32["tokens"][last]["end"].u());
}

TEST_CASE("json: layers appear only when the document has them", "[json]") {
  SECTION("no layer at all") {
    const byline::document doc("plain text");
    const auto j = parse(byline::io::to_json(doc));
    CHECK(j.keys == std::vector<std::string>{"length", "unit", "invalid_sequences"});
    CHECK(j["length"].u() == 10);
  }
  SECTION("tokens only") {
    const auto doc = tokens_only(std::string_view("Two words."));
    const auto j = round_trip(doc);
    CHECK(j.keys == std::vector<std::string>{"length", "unit", "invalid_sequences", "tokens"});
    CHECK(j["tokens"].size() == 3);
    const auto k = round_trip(doc, {.tokens = false});
    CHECK(k.keys == std::vector<std::string>{"length", "unit", "invalid_sequences"});
  }
  SECTION("tokens, paragraphs and sentences in the order they were made, metadata first") {
    const auto doc = nlp(std::string_view("One. Two."));
    const auto j = parse(byline::io::to_json(doc, {.metadata = {{"file", "a \"b\".txt"}, {"id", "7"}}}));
    CHECK(j.keys ==
          std::vector<std::string>{"file", "id", "length", "unit", "invalid_sequences", "tokens", "paragraphs",
                                   "sentences", "entity_clusters", "entities", "pronouns", "quotes", "attributions",
                                   "stances", "stance_summary"});
    CHECK(j["file"].str == "a \"b\".txt");
    CHECK(j["sentences"].size() == 2);
    CHECK(j["sentences"][1]["text"].str == "Two.");
    CHECK(j["sentences"][1]["first_token"].u() == 2);
  }
  SECTION("empty text") {
    const auto doc = nlp(std::string_view(""));
    const auto out = byline::io::to_json(doc);
    CHECK(out == "{\n  \"length\": 0,\n  \"unit\": \"utf-8\",\n  \"invalid_sequences\": 0,\n  \"tokens\": [],\n"
                 "  \"paragraphs\": [],\n  \"sentences\": [],\n  \"entity_clusters\": [],\n  \"entities\": [],\n"
                 "  \"pronouns\": [],\n  \"quotes\": [],\n  \"attributions\": [],\n  \"stances\": [],\n"
                 "  \"stance_summary\": {\n    \"by_target\": [],\n    \"by_holder_target\": []\n  }\n}");
    parse(out);
  }
  SECTION("paragraphs, added by hand") {
    auto doc = tokens_only("Headline here\n\nBody text. More.");
    auto& a = doc.edit<byline::paragraph_layer>().items;
    a.push_back({0, 13, 0, 2, uni::script::latin, byline::paragraph_flag::heading});
    a.push_back({15, 31, 2, 7, uni::script::latin, byline::paragraph_flag::boilerplate});
    const auto j = round_trip(doc);
    REQUIRE(j["paragraphs"].size() == 2);
    const auto& p0 = j["paragraphs"][0];
    CHECK(p0.keys == std::vector<std::string>{"start", "end", "first_token", "end_token", "script", "boilerplate",
                                              "heading", "text"});
    CHECK(p0["script"].str == "Latin");
    CHECK(p0["heading"].b);
    CHECK(!p0["boilerplate"].b);
    CHECK(p0["text"].str == "Headline here");
    CHECK(j["paragraphs"][1]["boilerplate"].b);
    CHECK(j["paragraphs"][1]["text"].str == "Body text. More.");
    CHECK(j["paragraphs"][1]["end_token"].u() == 7);
  }
}

namespace {
struct names_group : byline::span_group {
  static constexpr std::string_view name = "entities";
};
struct empty_group : byline::span_group {
  static constexpr std::string_view name = "empty \"one\"";
};
}  // namespace

TEST_CASE("json: users' span groups", "[json]") {
  auto doc = nlp(std::string_view("Karim Haddad met Laura Whitfield in Valletta."));
  auto& g = doc.edit<names_group>();
  g.add(byline::token_id{0}, byline::token_id{2}, "PERSON");
  g.add(byline::token_id{3}, byline::token_id{5}, "PERSON");
  g.add(byline::token_id{6}, byline::token_id{7}, "GPE");
  doc.edit<empty_group>();
  const auto out = byline::io::to_json(doc);
  const auto j = parse(out);
  check_against(doc, j);
  REQUIRE(j.has("spans"));
  const auto& groups = j["spans"];
  CHECK(groups.keys == std::vector<std::string>{"entities", "empty \"one\""});
  const auto& e = groups["entities"];
  REQUIRE(e.size() == 3);
  CHECK(e[0]["label"].str == "PERSON");
  CHECK(e[0]["text"].str == "Karim Haddad");
  CHECK(e[0]["start"].u() == 0);
  CHECK(e[0]["end"].u() == 12);
  CHECK(e[1]["text"].str == "Laura Whitfield");
  CHECK(e[2]["label"].str == "GPE");
  CHECK(e[2]["text"].str == "Valletta");
  CHECK(e[2]["first_token"].u() == 6);
  CHECK(e[2]["end_token"].u() == 7);
  CHECK(groups["empty \"one\""].size() == 0);
  // The same in one compact line.
  std::string line;
  byline::io::write_jsonl(doc, line);
  CHECK(parse(line) == j);
}

TEST_CASE("json: write_jsonl appends one line per document", "[json]") {
  std::string out;
  const std::vector<std::string> texts = {"First.\nLine two.", "Second \"doc\".", ""};
  for (const auto& t : texts) byline::io::write_jsonl(nlp(t), out, {.tokens = false});
  std::vector<std::string> lines;
  std::size_t at = 0;
  while (at < out.size()) {
    const auto nl = out.find('\n', at);
    REQUIRE(nl != std::string::npos);
    lines.push_back(out.substr(at, nl - at));
    at = nl + 1;
  }
  REQUIRE(lines.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    const auto j = parse(lines[i]);
    CHECK(j["length"].u() == texts[i].size());
    CHECK(!j.has("tokens"));
  }
}

TEST_CASE("json: nested at a depth for an array of documents", "[json]") {
  const auto a = nlp(std::string_view("One."));
  std::string out = "[\n  ";
  byline::io::write_json(a, out, {.depth = 1});
  out += "\n]";
  const auto j = parse(out);
  REQUIRE(j.size() == 1);
  CHECK(out.find("\n    \"tokens\": [\n      {\"start\": 0") != std::string::npos);
  CHECK(out.find("\n  }\n]") != std::string::npos);
}
