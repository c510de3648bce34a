// byline — what each layer of a document stores, independent of the text's code unit type.
//
// Storage is struct-of-arrays: a token is 12 bytes spread over five arrays (offsets, kind, rule and
// shape flags); its normalised form and its trailing whitespace are derived from the text when asked
// for, not stored. Offsets are 32-bit code unit offsets into the caller's text, so one document
// holds at most 4 GiB of code units; the tokenizer reports longer input instead of wrapping.
#pragma once

#include <byline/unicode/marks.hpp>
#include <byline/unicode/properties.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace byline {

// ----------------------------------------------------------------------------------------------
// Layers: what a component needs and what it provides, checked when a pipeline is composed.

struct layers {
  std::uint32_t bits = 0;

  constexpr layers operator|(layers o) const noexcept { return {bits | o.bits}; }
  constexpr layers operator&(layers o) const noexcept { return {bits & o.bits}; }
  constexpr bool contains(layers o) const noexcept { return (bits & o.bits) == o.bits; }
  constexpr bool empty() const noexcept { return bits == 0; }
  friend constexpr bool operator==(layers, layers) = default;

  static const layers none, tokens, sentences, paragraphs, entities, quotes, stances;
  // Layers of users' own components: user(0) .. user(15).
  static constexpr layers user(unsigned n) noexcept { return {1u << (16 + n)}; }
};
inline constexpr layers layers::none{0};
inline constexpr layers layers::tokens{1u << 0};
inline constexpr layers layers::sentences{1u << 1};
inline constexpr layers layers::paragraphs{1u << 2};
inline constexpr layers layers::entities{1u << 3};
inline constexpr layers layers::quotes{1u << 4};
inline constexpr layers layers::stances{1u << 5};

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

// Shape flags of a token, computed once by the tokenizer.
namespace token_flag {
enum : std::uint16_t {
  has_alpha = 1u << 0,    // contains a letter
  has_digit = 1u << 1,    // contains a decimal digit
  all_upper = 1u << 2,    // has cased letters, all upper case (NATO, U.S.)
  all_lower = 1u << 3,    // has cased letters, all lower case
  title = 1u << 4,        // first cased letter upper, the rest lower (Putin, Mr.)
  ascii = 1u << 5,        // every code point is ASCII
  open_quote = 1u << 6,   // a quotation mark that opens (“ ‘ « „ or a straight one before a word)
  close_quote = 1u << 7,  // a quotation mark that closes
  replaced = 1u << 8,     // contains ill-formed input, read as U+FFFD
  space_before = 1u << 9, // whitespace precedes the token (the tokenizer knows it cheaply)
};
}

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

struct token_layer {
  std::vector<std::uint32_t> begin, end;
  std::vector<token_kind> kind;
  std::vector<token_rule> rule;
  std::vector<std::uint16_t> flags;

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
};

// ----------------------------------------------------------------------------------------------
// Sentences and paragraphs

// A sentence is a run of tokens [first, last); its text runs from the first token's begin to the last
// token's end, without the whitespace after it.
struct sentence_record {
  std::uint32_t first_token;
  std::uint32_t end_token;
};

namespace paragraph_flag {
enum : std::uint8_t {
  boilerplate = 1u << 0,  // page chrome: navigation, comment forms, "show more", other-script menus
  heading = 1u << 1,      // a single short line without a final stop (a headline)
};
}

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

// ----------------------------------------------------------------------------------------------
// Spans that users' components add: a named group of labelled token runs (like spaCy's doc.spans).

struct labeled_span {
  std::uint32_t first_token;
  std::uint32_t end_token;
  std::uint32_t label;  // index into span_group::labels
};

struct span_group {
  std::string name;
  std::vector<std::string> labels;
  std::vector<labeled_span> spans;

  std::uint32_t label_id(std::string_view label) {
    for (std::size_t i = 0; i < labels.size(); ++i)
      if (labels[i] == label) return static_cast<std::uint32_t>(i);
    labels.emplace_back(label);
    return static_cast<std::uint32_t>(labels.size() - 1);
  }
  void add(std::uint32_t first_token, std::uint32_t end_token, std::string_view label) {
    spans.push_back({first_token, end_token, label_id(label)});
  }
};

// Every layer of one document. The entity, quote and stance layers are added by their components.
struct annotations {
  token_layer tokens;
  std::vector<sentence_record> sentences;
  std::vector<paragraph_record> paragraphs;
  std::vector<span_group> groups;
  layers present;                  // the layers filled so far
  std::size_t invalid_sequences = 0;  // ill-formed code unit sequences met in the text

  span_group& group(std::string_view name) {
    for (auto& g : groups)
      if (g.name == name) return g;
    groups.push_back(span_group{std::string(name), {}, {}});
    return groups.back();
  }
  const span_group* find_group(std::string_view name) const {
    for (auto& g : groups)
      if (g.name == name) return &g;
    return nullptr;
  }
  std::size_t memory_bytes() const noexcept {
    std::size_t n = tokens.memory_bytes() + sentences.capacity() * sizeof(sentence_record) +
                    paragraphs.capacity() * sizeof(paragraph_record);
    for (auto& g : groups) n += g.spans.capacity() * sizeof(labeled_span);
    return n;
  }
};

}  // namespace byline
