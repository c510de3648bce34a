// byline — the built-in layers of a document (tokens, sentences, paragraphs, span groups), independent
// of the text's code unit type.
//
// Storage is struct-of-arrays: a token is 12 bytes spread over five arrays (offsets, kind, rule and
// shape flags); its normalised form and its trailing whitespace are derived from the text when asked
// for, not stored. Offsets are 32-bit code unit offsets into the caller's text, so one document
// holds at most 4 GiB of code units; the tokenizer reports longer input instead of wrapping.
#pragma once

#include <byline/document/ids.hpp>
#include <byline/document/layer.hpp>
#include <byline/io/json_out.hpp>
#include <byline/segment/segment.hpp>
#include <byline/unicode/marks.hpp>
#include <byline/unicode/properties.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace byline {

// ----------------------------------------------------------------------------------------------
// Tokens

enum class token_kind : std::uint8_t {
  word,          // letters, possibly with digits, hyphens are separate tokens
  abbreviation,  // U.S.  Mr.  Gen.  Jan.  e.g.  J.D.  and single initials (J.)
  clitic,        // 's  ’s  n't  ’m  're  've  'll  'd  split off a word
  number,        // 1,000.50  3.5  30
  date,          // 2024-05-19
  time,          // 10:30  10:30:15
  unit,          // bn  km  pm  split off a number ($1.2bn -> $ 1.2 bn)
  punctuation,   // , ; : ! ? . ( ) and other P* characters not listed below
  quote,         // “ ” ‘ ’ " ' « » „ ‹ ›
  dash,          // - – — ‒ ―  and --
  ellipsis,      // …  ...
  currency,      // $ € £ ¥ and other Sc characters
  symbol,        // % & + = / and other S* characters
  url,           // https://example.com/path  www.example.org
  email,         // press@example.com
  handle,        // @example
  hashtag,       // #Ukraine
  emoji,         // emoji, ZWJ sequences, flags
  other,         // anything else (controls, unassigned, lone marks)
};

constexpr std::string_view name(token_kind k) noexcept {
  constexpr std::string_view names[] = {"word",     "abbreviation", "clitic", "number",  "date",  "time",
                                        "unit",     "punctuation",  "quote",  "dash",    "ellipsis", "currency",
                                        "symbol",   "url",          "email",  "handle",  "hashtag", "emoji",
                                        "other"};
  return static_cast<std::size_t>(k) < std::size(names) ? names[static_cast<std::size_t>(k)] : "?";
}

// Shape flags of a token, computed once by the tokenizer. Typed: token.has() takes only these.
struct token_flag_tag;
using token_flags = flag_set<token_flag_tag, std::uint16_t>;
namespace token_flag {
using type = flag<token_flag_tag, std::uint16_t>;
inline constexpr type has_alpha{1u << 0};     // contains a letter
inline constexpr type has_digit{1u << 1};     // contains a decimal digit
inline constexpr type all_upper{1u << 2};     // has cased letters, all upper case (NATO, U.S.)
inline constexpr type all_lower{1u << 3};     // has cased letters, all lower case
inline constexpr type title{1u << 4};         // first cased letter upper, the rest lower (Putin, Mr.)
inline constexpr type ascii{1u << 5};         // every code point is ASCII
inline constexpr type open_quote{1u << 6};    // a quotation mark that opens (“ ‘ « „ or a straight one before a word)
inline constexpr type close_quote{1u << 7};   // a quotation mark that closes
inline constexpr type replaced{1u << 8};      // contains ill-formed input, read as U+FFFD
inline constexpr type space_before{1u << 9};  // whitespace precedes the token (the tokenizer knows it cheaply)
}  // namespace token_flag

inline constexpr std::string_view token_flag_names[] = {"has_alpha", "has_digit",  "all_upper",   "all_lower",
                                                        "title",     "ascii",      "open_quote",  "close_quote",
                                                        "replaced",  "space_before"};

namespace detail {

// A code point of a token's normalised form: simple case folding, with curly apostrophes and quotes
// folded to straight ones, so that "Moscow’s" and "moscow's" match.
constexpr char32_t norm_code_point(char32_t c) noexcept {
  // Which marks fold, and to what, is unicode/marks.hpp's table, shared with the tokenizer.
  return unicode::straight_form(unicode::simple_case_fold(c));
}

}  // namespace detail

// Which tokenizer rule made a token: what explain() reports.
enum class token_rule : std::uint8_t {
  word_boundary,     // a UAX #29 word segment taken as it is
  abbreviation,      // an abbreviation from the list (CLDR + ours) joined with its period
  initials,          // J.D.  J.  joined with their periods
  special_case,      // a built-in special case
  user_special_case, // added by the user at run time
  user_abbreviation, // an abbreviation added by the user at run time
  clitic,            // a clitic or possessive split off a word
  number_unit,       // a unit split off a number
  date,              // digits and hyphens joined as an ISO date
  time,              // digits and colons joined as a time
  url,               // matched as a URL
  email,             // matched as an e-mail address
  handle,            // @ and a name joined
  hashtag,           // # and a word joined
  ellipsis,          // three periods joined
  dash,              // two hyphens joined
  split_punctuation, // punctuation split off a word segment
};

constexpr std::string_view name(token_rule r) noexcept {
  constexpr std::string_view names[] = {"word_boundary", "abbreviation", "initials",     "special_case",
                                        "user_special_case", "user_abbreviation", "clitic", "number_unit",
                                        "date",          "time",         "url",          "email",
                                        "handle",        "hashtag",      "ellipsis",     "dash",
                                        "split_punctuation"};
  return static_cast<std::size_t>(r) < std::size(names) ? names[static_cast<std::size_t>(r)] : "?";
}

// The token layer: tokens sorted by offset and disjoint.
struct token_layer {
  static constexpr std::string_view name = "tokens";

  std::vector<std::uint32_t> begin, end;
  std::vector<token_kind> kind;
  std::vector<token_rule> rule;
  std::vector<std::uint16_t> flags;
  std::size_t invalid_sequences = 0;  // ill-formed code unit sequences met in the text

  std::size_t size() const noexcept { return begin.size(); }
  void reserve(std::size_t n) {
    begin.reserve(n);
    end.reserve(n);
    kind.reserve(n);
    rule.reserve(n);
    flags.reserve(n);
  }
  void push_back(std::uint32_t b, std::uint32_t e, token_kind k, token_rule r, std::uint16_t f) {
    begin.push_back(b);
    end.push_back(e);
    kind.push_back(k);
    rule.push_back(r);
    flags.push_back(f);
  }
  void clear() noexcept {
    begin.clear();
    end.clear();
    kind.clear();
    rule.clear();
    flags.clear();
    invalid_sequences = 0;
  }
  // Give back what the estimate over-reserved, when it is worth a copy.
  void trim() {
    if (begin.capacity() > begin.size() + begin.size() / 4 + 64) {
      begin.shrink_to_fit();
      end.shrink_to_fit();
      kind.shrink_to_fit();
      rule.shrink_to_fit();
      flags.shrink_to_fit();
    }
  }
  std::size_t memory_bytes() const noexcept {
    return begin.capacity() * 4 + end.capacity() * 4 + kind.capacity() + rule.capacity() + flags.capacity() * 2;
  }

  void write_json(io::json_out& j) const {
    const auto& o = j.options();
    j.begin_array();
    for (std::size_t i = 0; i < size(); ++i) {
      j.item();
      j.open("start");
      j.number(begin[i]);
      j.field("end");
      j.number(end[i]);
      if (o.text) {
        j.field("text");
        j.text(begin[i], end[i]);
      }
      j.field("kind");
      j.string(name_of(kind[i]));
      j.field("rule");
      j.string(name_of(rule[i]));
      if (o.norm) {
        j.field("norm");
        j.norm(begin[i], end[i]);
      }
      j.field("space_after");
      const std::size_t next = i + 1 < size() ? begin[i + 1] : j.text_size();
      if (o.whitespace)
        j.text(end[i], next);
      else
        j.boolean(next > end[i]);
      if (o.flags) {
        j.field("flags");
        auto& out = j.buffer();
        out += '[';
        bool first = true;
        for (std::size_t b = 0; b < std::size(token_flag_names); ++b)
          if (flags[i] & (1u << b)) {
            if (!first) out += o.compact ? "," : ", ";
            first = false;
            out += '"';
            out += token_flag_names[b];
            out += '"';
          }
        out += ']';
      }
      j.close();
    }
    j.end_array();
  }

 private:
  static std::string_view name_of(token_kind k) noexcept { return byline::name(k); }
  static std::string_view name_of(token_rule r) noexcept { return byline::name(r); }
};

inline std::pair<std::size_t, std::size_t> io::json_out::token_run(std::uint32_t first, std::uint32_t end) const {
  if (!tokens_) return {0, 0};
  const auto& t = *tokens_;
  if (first < end && end <= t.size()) return {t.begin[first], t.end[end - 1]};
  const std::size_t at = first < t.size() ? t.begin[first] : size_;
  return {at, at};
}

// ----------------------------------------------------------------------------------------------
// Sentences and paragraphs

// A sentence is a run of tokens [first, last); its text runs from the first token's begin to the last
// token's end, without the whitespace after it.
struct sentence_record {
  std::uint32_t first_token;
  std::uint32_t end_token;
};

// Sentences in order, each inside one paragraph; together they hold every token once.
struct sentence_layer {
  static constexpr std::string_view name = "sentences";
  std::vector<sentence_record> items;

  std::size_t size() const noexcept { return items.size(); }
  std::size_t memory_bytes() const noexcept { return items.capacity() * sizeof(sentence_record); }
  void write_json(io::json_out& j) const {
    j.begin_array();
    for (const auto& s : items) {
      j.item();
      j.span(s.first_token, s.end_token);
      j.close();
    }
    j.end_array();
  }
};

struct paragraph_flag_tag;
using paragraph_flags = flag_set<paragraph_flag_tag, std::uint8_t>;
namespace paragraph_flag {
using type = flag<paragraph_flag_tag, std::uint8_t>;
inline constexpr type boilerplate{1u << 0};  // page chrome: navigation, comment forms, "show more", other-script menus
inline constexpr type heading{1u << 1};      // a single short line without a final stop (a headline)
}  // namespace paragraph_flag

// A paragraph is a run of non-blank lines. [begin, end) covers its text without the line break after
// it; its tokens are [first_token, end_token).
struct paragraph_record {
  std::uint32_t begin;
  std::uint32_t end;
  std::uint32_t first_token;
  std::uint32_t end_token;
  unicode::script script;  // the script of most of its letters (common when it has none)
  std::uint8_t flags;
};

// Paragraphs in order; together they hold every token once.
struct paragraph_layer {
  static constexpr std::string_view name = "paragraphs";
  std::vector<paragraph_record> items;

  std::size_t size() const noexcept { return items.size(); }
  std::size_t memory_bytes() const noexcept { return items.capacity() * sizeof(paragraph_record); }
  void write_json(io::json_out& j) const {
    j.begin_array();
    for (const auto& p : items) {
      j.item();
      j.open("start");
      j.number(p.begin);
      j.field("end");
      j.number(p.end);
      j.field("first_token");
      j.number(p.first_token);
      j.field("end_token");
      j.number(p.end_token);
      j.field("script");
      j.string(unicode::name(p.script));
      j.field("boilerplate");
      j.boolean(p.flags & paragraph_flag::boilerplate);
      j.field("heading");
      j.boolean(p.flags & paragraph_flag::heading);
      if (j.options().text) {
        j.field("text");
        j.text(p.begin, p.end);
      }
      j.close();
    }
    j.end_array();
  }
};

// ----------------------------------------------------------------------------------------------
// Span groups: labelled token runs that users' components add (like spaCy's doc.spans). Each group
// is a layer type of its own, so it has needs and provides like any other:
//
//   struct shouts : byline::span_group { static constexpr std::string_view name = "shouts"; };
//   ...  doc.template edit<shouts>().add(first, end, "SHOUT");
//   for (auto s : doc.spans("shouts")) use(s.label(), s.text());
//
// In JSON the groups sit together under "spans", by name.

namespace detail {
struct span_group_data {
  std::vector<std::string> labels;             // the distinct labels, in order of first use
  std::vector<std::uint32_t> first, end, label;  // per span: its tokens [first, end) and label index

  std::size_t size() const noexcept { return first.size(); }
  std::uint32_t label_id(std::string_view l) {
    for (std::size_t i = 0; i < labels.size(); ++i)
      if (labels[i] == l) return static_cast<std::uint32_t>(i);
    labels.emplace_back(l);
    return static_cast<std::uint32_t>(labels.size() - 1);
  }
  std::string_view label_of(std::size_t i) const noexcept {
    return label[i] < labels.size() ? std::string_view(labels[label[i]]) : std::string_view();
  }
};
}  // namespace detail

struct span_group : detail::span_group_data {
  // Adds the tokens [first, end) with a label.
  void add(token_id first_token, token_id end_token, std::string_view label_name) {
    first.push_back(first_token.value);
    end.push_back(end_token.value);
    label.push_back(label_id(label_name));
  }
  const detail::span_group_data* span_data() const noexcept { return this; }
  std::size_t memory_bytes() const noexcept { return (first.capacity() + end.capacity() + label.capacity()) * 4; }
  void write_json(io::json_out& j) const {
    j.begin_array();
    for (std::size_t i = 0; i < size(); ++i) {
      j.item();
      j.span(first[i], end[i], false);
      j.field("label");
      j.string(label_of(i));
      if (j.options().text) {
        const auto [b, e] = j.token_run(first[i], end[i]);
        j.field("text");
        j.text(b, e);
      }
      j.close();
    }
    j.end_array();
  }
};

}  // namespace byline
