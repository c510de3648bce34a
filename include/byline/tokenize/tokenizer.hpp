// byline — the news tokenizer: UAX #29 word segments, tailored for English news.
//
// The word segmenter does most of the work; the tokenizer then
//   - joins abbreviations and initials with their period (U.S.  Mr.  J.D.  e.g.), from a list
//     generated from CLDR plus our own, and from the shape of initials;
//   - splits clitics and possessives off words (Trump’s -> Trump ’s, don't -> do n't);
//   - splits units off numbers ($1.2bn -> $ 1.2 bn) and joins ISO dates and clock times;
//   - matches URLs, e-mail addresses, @handles and #hashtags as single tokens;
//   - joins "..." and "--", and gives quotation marks, dashes and ellipses kinds of their own.
// Each token records the rule that made it; explain() lists them.
//
// The tokenizer is immutable once built and cheap to copy (its tables are shared), so one instance
// serves every thread. Users add abbreviations and special cases before building a pipeline.
#pragma once

#include <byline/document/records.hpp>
#include <byline/segment/words.hpp>
#include <byline/tokenize/detail/abbreviations.hpp>
#include <byline/unicode/properties.hpp>
#include <byline/unicode/utf.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace byline {

class workspace;

namespace detail {

struct string_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

// Compares text in any encoding with UTF-8, code point by code point.
template <class C>
bool equals_utf8(std::basic_string_view<C> text, std::string_view utf8) {
  if constexpr (sizeof(C) == 1) {
    return text.size() == utf8.size() &&
           std::equal(text.begin(), text.end(), utf8.begin(), [](C a, char b) { return static_cast<char>(a) == b; });
  } else {
    auto a = unicode::code_points(text);
    auto b = unicode::code_points(utf8);
    auto i = a.begin();
    auto j = b.begin();
    for (; i != a.end() && j != b.end(); ++i, ++j)
      if ((*i).code_point != (*j).code_point) return false;
    return i == a.end() && j == b.end();
  }
}

// Text in any encoding as UTF-8, into a reused buffer.
template <class C>
std::string_view as_utf8(std::basic_string_view<C> text, std::string& buf) {
  if constexpr (sizeof(C) == 1) {
    return {reinterpret_cast<const char*>(text.data()), text.size()};
  } else {
    buf.clear();
    auto o = std::back_inserter(buf);
    for (auto cp : unicode::code_points(text)) o = unicode::encode_utf8<char>(cp.code_point, o);
    return buf;
  }
}

constexpr char ascii_lower(char32_t c) noexcept {
  return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
}

constexpr bool is_apostrophe(char32_t c) noexcept { return c == U'\'' || c == U'\u2019' || c == U'\u02BC'; }

// Quotation marks: whether each opens, closes, or depends on context (straight quotes).
enum class quote_side : std::uint8_t { none, open, close, either };

constexpr quote_side quote_side_of(char32_t c) noexcept {
  switch (c) {
    case U'"': case U'\'': return quote_side::either;
    case U'\u201C': case U'\u2018': case U'\u00AB': case U'\u2039': case U'\u201E': case U'\u201A':
    case U'\u300C': case U'\u300E': case U'\u201F': case U'\u201B': return quote_side::open;
    case U'\u201D': case U'\u2019': case U'\u00BB': case U'\u203A': case U'\u300D': case U'\u300F':
      return quote_side::close;
    default: return quote_side::none;
  }
}

inline constexpr std::string_view number_units[] = {
    "am", "b", "bbl", "bn", "c", "cm", "f", "ft", "g", "gb", "gw", "gwh", "h", "ha", "hrs", "in", "k", "kb",
    "kg", "km", "kmh", "kph", "kw", "kwh", "l", "lb", "lbs", "m", "mb", "mg", "mi", "min", "ml", "mm", "mn",
    "mph", "ms", "mw", "oz", "pc", "pct", "pm", "s", "sec", "t", "tb", "tn", "tr", "trn", "tw", "yrs"};
inline constexpr std::string_view ordinal_suffixes[] = {"nd", "rd", "st", "th"};
inline constexpr std::string_view url_tlds[] = {
    "ai", "app", "at", "au", "be", "biz", "ca", "ch", "cn", "co", "com", "de", "dev", "dk", "edu", "es", "eu",
    "fi", "fr", "gov", "ie", "in", "info", "int", "io", "it", "jp", "ly", "me", "mil", "net", "news", "nl", "no",
    "nz", "org", "pl", "ru", "se", "tv", "ua", "uk", "us"};

template <std::size_t N>
constexpr bool in_sorted(const std::string_view (&list)[N], std::string_view s) {
  return std::binary_search(std::begin(list), std::end(list), s);
}

// What the tokenizer learns of a piece of text in one pass over it.
struct shape {
  std::uint16_t flags = 0;
  std::size_t invalid = 0;        // ill-formed sequences
  std::size_t last_apostrophe = std::string_view::npos;  // offset of the last one, if any
  char32_t first = 0, last = 0;   // first and last code points
  std::size_t code_points = 0;
};

template <class C>
shape shape_of(std::basic_string_view<C> t) {
  shape s;
  bool cased_seen = false, upper = true, lower = true, title = true, ascii = true;
  std::uint16_t f = 0;
  auto cased = [&](bool is_up, bool is_low) {
    if (!cased_seen) {
      title = is_up;
      cased_seen = true;
    } else if (is_up) {
      title = false;
    }
    upper = upper && is_up;
    lower = lower && is_low;
  };
  // ASCII text, most of news, without decoding.
  std::size_t i = 0;
  for (; i < t.size(); ++i) {
    const auto u = unicode::detail::unit_value(t[i]);
    if (u >= 0x80) break;
    if (u >= 'a' && u <= 'z') {
      f |= token_flag::has_alpha;
      cased(false, true);
    } else if (u >= 'A' && u <= 'Z') {
      f |= token_flag::has_alpha;
      cased(true, false);
    } else if (u >= '0' && u <= '9') {
      f |= token_flag::has_digit;
    } else if (u == '\'') {
      s.last_apostrophe = i;
    }
    if (i == 0) s.first = u;
    s.last = u;
  }
  s.code_points = i;
  if (i < t.size()) {
    ascii = false;
    for (auto cp : unicode::code_points(t.substr(i))) {
      const char32_t c = cp.code_point;
      if (cp.error != unicode::decode_error::none) {
        ++s.invalid;
        f |= token_flag::replaced;
      }
      const auto gc = unicode::general_category_of(c);
      if (unicode::is_letter(gc)) {
        f |= token_flag::has_alpha;
        if (unicode::is_cased_letter(gc)) cased(gc != unicode::general_category::ll, gc == unicode::general_category::ll);
      } else if (gc == unicode::general_category::nd) {
        f |= token_flag::has_digit;
      } else if (is_apostrophe(c)) {
        s.last_apostrophe = i + cp.offset;
      }
      if (s.code_points == 0) s.first = c;
      s.last = c;
      ++s.code_points;
    }
  }
  if (cased_seen) {
    if (upper) f |= token_flag::all_upper;
    if (lower) f |= token_flag::all_lower;
    if (title && !upper) f |= token_flag::title;
    if (title && upper && s.code_points == 1) f |= token_flag::title;
  }
  if (ascii) f |= token_flag::ascii;
  s.flags = f;
  return s;
}

}  // namespace detail

// One token as explain() reports it.
struct token_explanation {
  std::string text;  // UTF-8
  span_offsets offsets;
  token_kind kind;
  token_rule rule;
};

class tokenizer {
  struct special_case {
    std::string text;                 // UTF-8
    std::vector<std::size_t> cuts;    // code point offsets where pieces end, the last == size
    bool user;
  };
  struct tables {
    std::unordered_set<std::string, detail::string_hash, std::equal_to<>> abbreviations;
    std::unordered_set<std::string, detail::string_hash, std::equal_to<>> user_abbreviations;
    std::vector<special_case> specials;
    std::array<bool, 128> special_first{};  // an ASCII first code point that begins some special case
    bool special_non_ascii = false;
  };
  std::shared_ptr<tables> t_;

  tables& own() {
    // Copy on write: tokenizers copied before a change keep their tables.
    if (t_.use_count() > 1) t_ = std::make_shared<tables>(*t_);
    return *t_;
  }

 public:
  static constexpr layers needs = layers::none;
  static constexpr layers provides = layers::tokens;

  // The English news rules with the bundled abbreviation list.
  tokenizer() : t_(std::make_shared<tables>()) {
    for (auto a : detail::default_abbreviations) t_->abbreviations.emplace(a);
  }

  // Adds an abbreviation, written with its final period ("Gov.", "Sask."), as UTF-8.
  tokenizer& add_abbreviation(std::string_view abbreviation) {
    if (abbreviation.size() < 2 || abbreviation.back() != '.')
      throw std::invalid_argument("byline::tokenizer::add_abbreviation: an abbreviation ends with '.'");
    own().user_abbreviations.emplace(abbreviation);
    return *this;
  }

  // Makes `text` (UTF-8, matched exactly, where a word segment begins and another ends) into the
  // given pieces, which must spell it out: add_special_case("gonna", {"gon", "na"}).
  tokenizer& add_special_case(std::string_view text, const std::vector<std::string_view>& pieces) {
    std::string joined;
    for (auto p : pieces) joined += p;
    if (text.empty() || joined != text || pieces.empty())
      throw std::invalid_argument("byline::tokenizer::add_special_case: the pieces must spell out the text");
    special_case sc{std::string(text), {}, true};
    std::size_t at = 0;
    for (auto p : pieces) {
      if (p.empty()) throw std::invalid_argument("byline::tokenizer::add_special_case: empty piece");
      at += p.size();
      sc.cuts.push_back(at);
    }
    auto& t = own();
    const auto first = static_cast<unsigned char>(text[0]);
    if (first < 0x80)
      t.special_first[first] = true;
    else
      t.special_non_ascii = true;
    // Longest first, so that the longest special case starting at a place wins.
    auto pos = std::ranges::find_if(t.specials, [&](const special_case& s) { return s.text.size() < sc.text.size(); });
    t.specials.insert(pos, std::move(sc));
    return *this;
  }

  bool is_abbreviation(std::string_view utf8) const {
    return t_->abbreviations.contains(utf8) || t_->user_abbreviations.contains(utf8);
  }

  template <class Doc>
  void operator()(Doc& doc, workspace&) const {
    auto& ann = doc.annotations();
    ann.invalid_sequences += tokenize(doc.text(), ann.tokens);
  }

  // Appends the tokens of `text` to `out`; returns the number of ill-formed sequences met.
  template <unicode::code_unit C>
  std::size_t tokenize(std::basic_string_view<C> text, token_layer& out) const;

  // Which rule made each token of `text` (any text a document accepts).
  template <class R>
  std::vector<token_explanation> explain(R&& text) const {
    auto v = unicode::detail::as_text_view(std::forward<R>(text));
    using C = unicode::code_unit_of<decltype(v)>;
    std::basic_string<C> owned(std::ranges::begin(v), std::ranges::end(v));
    token_layer t;
    tokenize(std::basic_string_view<C>(owned), t);
    std::vector<token_explanation> out;
    std::string buf;
    for (std::size_t i = 0; i < t.size(); ++i) {
      auto piece = std::basic_string_view<C>(owned).substr(t.begin[i], t.end[i] - t.begin[i]);
      out.push_back({std::string(detail::as_utf8(piece, buf)), {t.begin[i], t.end[i]}, t.kind[i], t.rule[i]});
    }
    return out;
  }

 private:
  template <class C>
  struct run;
};

// ----------------------------------------------------------------------------------------------
// The work of one tokenize() call.

template <class C>
struct tokenizer::run {
  using view = std::basic_string_view<C>;
  const tokenizer::tables& t;
  view text;
  token_layer& out;
  std::size_t base;      // tokens already in `out` before this call
  std::size_t invalid = 0;
  std::string utf8;      // scratch for lookups in UTF-8

  std::uint32_t last_end() const { return out.size() > base ? out.end.back() : 0; }
  bool adjacent(std::size_t k_from_back, std::uint32_t to) const {
    // Whether token back()-k ends where `to` begins.
    return out.size() > base + k_from_back && out.end[out.size() - 1 - k_from_back] == to;
  }
  std::size_t count() const { return out.size() - base; }
  std::size_t back_index(std::size_t k) const { return out.size() - 1 - k; }
  view text_of(std::size_t i) const { return text.substr(out.begin[i], out.end[i] - out.begin[i]); }
  char32_t single(std::size_t i) const {
    // The code point of a one-code-point token, or 0.
    auto v = text_of(i);
    auto d = unicode::decode(v.begin(), v.end());
    return d.next == v.end() ? d.code_point : 0;
  }
  bool is_digits(std::size_t i, std::size_t min, std::size_t max) const {
    auto v = text_of(i);
    if (v.size() < min || v.size() > max) return false;
    return std::all_of(v.begin(), v.end(), [](C c) { return c >= C('0') && c <= C('9'); });
  }

  void pop() {
    out.begin.pop_back();
    out.end.pop_back();
    out.kind.pop_back();
    out.rule.pop_back();
    out.flags.pop_back();
  }

  // Joins the last n tokens into one of the given kind and rule.
  void join_last(std::size_t n, token_kind k, token_rule r) {
    const std::size_t first = out.size() - n;
    const std::uint32_t b = out.begin[first], e = out.end.back();
    std::uint16_t f = static_cast<std::uint16_t>(out.flags[first] & token_flag::space_before);
    while (out.size() > first) pop();
    push(b, e, k, r, f);
  }

  void push(std::uint32_t b, std::uint32_t e, token_kind k, token_rule r, std::uint16_t extra = 0) {
    auto s = detail::shape_of(text.substr(b, e - b));
    invalid += s.invalid;
    std::uint16_t f = s.flags | extra;
    if (b > last_end() || (count() == 0 && b > 0)) f |= token_flag::space_before;
    out.push_back(b, e, k, r, f);
  }

  token_kind kind_of_symbol(char32_t c) const {
    using gc = unicode::general_category;
    if (c == U'\u2026') return token_kind::ellipsis;
    if (detail::quote_side_of(c) != detail::quote_side::none) return token_kind::quote;
    const auto g = unicode::general_category_of(c);
    if (g == gc::pd) return token_kind::dash;
    if (g == gc::sc) return token_kind::currency;
    if (unicode::is_symbol(g)) return token_kind::symbol;
    if (unicode::is_punctuation(g)) return token_kind::punctuation;
    return token_kind::other;
  }

  // After pushing a token: the merges that look back (abbreviations, dates, times, ...).
  void merge_back() {
    const std::size_t n = count();
    const std::size_t i = back_index(0);
    const auto k = out.kind[i];
    const std::uint32_t b = out.begin[i];

    if (k == token_kind::punctuation && single(i) == U'.' && n >= 2 && adjacent(1, b)) {
      const std::size_t w = back_index(1);
      // "..." -> ellipsis
      if (out.kind[w] == token_kind::punctuation && single(w) == U'.' && n >= 3 && adjacent(2, out.begin[w]) &&
          out.kind[back_index(2)] == token_kind::punctuation && single(back_index(2)) == U'.') {
        join_last(3, token_kind::ellipsis, token_rule::ellipsis);
        return;
      }
      if (out.kind[w] == token_kind::ellipsis && out.rule[w] == token_rule::ellipsis) {
        join_last(2, token_kind::ellipsis, token_rule::ellipsis);
        return;
      }
      if (out.kind[w] == token_kind::word) {
        const auto r = abbreviation_rule(out.begin[w], out.end[i]);
        if (r) join_last(2, token_kind::abbreviation, *r);
      }
      return;
    }
    if (k == token_kind::dash && single(i) == U'-' && n >= 2 && adjacent(1, b) &&
        out.kind[back_index(1)] == token_kind::dash && single(back_index(1)) == U'-' &&
        out.rule[back_index(1)] == token_rule::word_boundary) {
      join_last(2, token_kind::dash, token_rule::dash);
      return;
    }
    if (k == token_kind::number && n >= 3 && adjacent(1, b) && adjacent(2, out.begin[back_index(1)])) {
      const char32_t sep = single(back_index(1));
      const std::size_t p = back_index(2);
      // 2024-05-19
      if (sep == U'-' && is_digits(i, 2, 2) && n >= 5 && out.kind[p] == token_kind::number && is_digits(p, 2, 2) &&
          adjacent(3, out.begin[p]) && single(back_index(3)) == U'-' && adjacent(4, out.begin[back_index(3)]) &&
          is_digits(back_index(4), 4, 4)) {
        join_last(5, token_kind::date, token_rule::date);
        return;
      }
      // 19/05/2024
      if (sep == U'/' && (is_digits(i, 2, 2) || is_digits(i, 4, 4)) && n >= 5 && is_digits(p, 1, 2) &&
          adjacent(3, out.begin[p]) && single(back_index(3)) == U'/' && adjacent(4, out.begin[back_index(3)]) &&
          is_digits(back_index(4), 1, 2)) {
        join_last(5, token_kind::date, token_rule::date);
        return;
      }
      // 10:30 and 10:30:15
      if (sep == U':' && is_digits(i, 2, 2)) {
        if (out.kind[p] == token_kind::time && std::ranges::count(text_of(p), C(':')) == 1) {
          join_last(3, token_kind::time, token_rule::time);
          return;
        }
        if (out.kind[p] == token_kind::number && is_digits(p, 1, 2)) {
          join_last(3, token_kind::time, token_rule::time);
          return;
        }
      }
      return;
    }
    if ((k == token_kind::word || k == token_kind::number || k == token_kind::url) && n >= 2 && adjacent(1, b)) {
      const std::size_t s = back_index(1);
      const char32_t c = single(s);
      const bool glued_before = n >= 3 && adjacent(2, out.begin[s]);
      const auto before_kind = glued_before ? out.kind[back_index(2)] : token_kind::other;
      const bool word_before = glued_before && (before_kind == token_kind::word || before_kind == token_kind::number);
      if (c == U'#' && !word_before && k != token_kind::url && (out.flags[i] & token_flag::has_alpha)) {
        join_last(2, token_kind::hashtag, token_rule::hashtag);
        return;
      }
      if (c == U'@') {
        if (word_before && email_domain(i)) {
          // Walk back over the local part: words, numbers, . - _ + glued together.
          std::size_t m = 3;
          while (count() > m && adjacent(m, out.begin[back_index(m - 1)]) && local_part_piece(back_index(m))) ++m;
          join_last(m, token_kind::email, token_rule::email);
          return;
        }
        if (!word_before && k != token_kind::url) {
          join_last(2, token_kind::handle, token_rule::handle);
          return;
        }
      }
    }
  }

  bool local_part_piece(std::size_t i) const {
    const auto k = out.kind[i];
    if (k == token_kind::word || k == token_kind::number) return true;
    const char32_t c = single(i);
    return c == U'.' || c == U'-' || c == U'_' || c == U'+';
  }
  bool email_domain(std::size_t i) const {
    auto v = text_of(i);
    return v.find(C('.')) != view::npos && v.back() != C('.');
  }

  // Whether word [b, dot) + "." is an abbreviation: from the lists, or initials by shape.
  std::optional<token_rule> abbreviation_rule(std::uint32_t b, std::uint32_t e) {
    auto key = detail::as_utf8(text.substr(b, e - b), utf8);
    if (t.abbreviations.contains(key)) return token_rule::abbreviation;
    if (t.user_abbreviations.contains(key)) return token_rule::user_abbreviation;
    // Initials: one capital (J.), or letters each followed by a period (J.D., e.g. not listed).
    const auto w = key.substr(0, key.size() - 1);
    if (w.size() == 1) {
      if (w[0] >= 'A' && w[0] <= 'Z') return token_rule::initials;
      return std::nullopt;
    }
    if (w.size() % 2 == 0) return std::nullopt;
    for (std::size_t j = 0; j < w.size(); ++j) {
      const char c = w[j];
      const bool ok = j % 2 == 0 ? ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) : c == '.';
      if (!ok) return std::nullopt;
    }
    return token_rule::initials;
  }

  // A URL starting at b ("https://", "http://", "ftp://", "www."); returns its end or b.
  std::size_t url_end(std::size_t b) const {
    auto rest = text.substr(b);
    auto starts = [&](std::string_view p) {
      if (rest.size() < p.size()) return false;
      for (std::size_t j = 0; j < p.size(); ++j)
        if (detail::ascii_lower(static_cast<char32_t>(unicode::detail::unit_value(rest[j]))) != p[j]) return false;
      return true;
    };
    std::size_t e;
    if (starts("https://"))
      e = 8;
    else if (starts("http://"))
      e = 7;
    else if (starts("ftp://"))
      e = 6;
    else if (starts("www."))
      e = 4;
    else
      return b;
    const std::size_t head = e;
    int parens = 0;
    while (e < rest.size()) {
      const auto u = unicode::detail::unit_value(rest[e]);
      if (u <= 0x20 || u == '"' || u == '<' || u == '>' || u == '`' || u == 0x7F) break;
      if (u >= 0x80) {
        // Stop at curly quotes, guillemets and any space; other characters (IRIs) belong.
        auto d = unicode::decode(rest.begin() + static_cast<std::ptrdiff_t>(e), rest.end());
        const auto c = d.code_point;
        if (detail::quote_side_of(c) != detail::quote_side::none) break;
        const auto g = unicode::general_category_of(c);
        if (unicode::is_separator(g) || c == U'\u2026' || g == unicode::general_category::pd) break;
        e = static_cast<std::size_t>(d.next - rest.begin());
        continue;
      }
      if (u == '(') ++parens;
      if (u == ')') {
        if (parens == 0) break;
        --parens;
      }
      ++e;
    }
    // Sentence punctuation after a URL is not part of it.
    while (e > head) {
      const auto u = unicode::detail::unit_value(rest[e - 1]);
      if (u == '.' || u == ',' || u == ';' || u == ':' || u == '!' || u == '?' || u == '\'') --e;
      else break;
    }
    return e > head ? b + e : b;
  }

  bool bare_domain(view w) const {
    // example.com, news.example.co.uk: lower-case labels ending in a known top-level domain.
    const auto dot = w.rfind(C('.'));
    if (dot == view::npos || dot == 0 || dot + 1 >= w.size()) return false;
    std::string tld;
    for (auto c : w.substr(dot + 1)) {
      const auto u = unicode::detail::unit_value(c);
      if (u < 'a' || u > 'z') return false;
      tld.push_back(static_cast<char>(u));
    }
    for (auto c : w.substr(0, dot)) {
      const auto u = unicode::detail::unit_value(c);
      if (!((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '.' || u == '-')) return false;
    }
    return detail::in_sorted(detail::url_tlds, tld);
  }

  // A special case that starts at b and ends where a word segment ends (`ends` tells).
  template <class EndsAtBoundary>
  const special_case* special_at(std::size_t b, EndsAtBoundary ends) const {
    const auto u = unicode::detail::unit_value(text[b]);
    if (u < 0x80 ? !t.special_first[u] : !t.special_non_ascii) return nullptr;
    for (const auto& sc : t.specials) {
      // Compare code point by code point; stop at the first mismatch.
      std::size_t e = b;
      bool ok = true;
      auto want = unicode::code_points(std::string_view(sc.text));
      for (auto w : want) {
        if (e >= text.size()) {
          ok = false;
          break;
        }
        auto d = unicode::decode(text.begin() + static_cast<std::ptrdiff_t>(e), text.end());
        if (d.code_point != w.code_point) {
          ok = false;
          break;
        }
        e = static_cast<std::size_t>(d.next - text.begin());
      }
      if (ok && ends(e)) return &sc;
    }
    return nullptr;
  }

  // Pushes the pieces of a special case; its cuts are UTF-8 offsets, mapped to this encoding.
  void push_special(std::size_t b, const special_case& sc) {
    std::size_t u8 = 0, at = b, cut = 0;
    std::uint32_t piece_begin = static_cast<std::uint32_t>(b);
    const auto rule = sc.user ? token_rule::user_special_case : token_rule::special_case;
    for (auto cp : unicode::code_points(std::string_view(sc.text))) {
      auto d = unicode::decode(text.begin() + static_cast<std::ptrdiff_t>(at), text.end());
      at = static_cast<std::size_t>(d.next - text.begin());
      u8 += cp.length;
      if (u8 == sc.cuts[cut]) {
        const auto k = piece_kind(piece_begin, static_cast<std::uint32_t>(at));
        push(piece_begin, static_cast<std::uint32_t>(at), k, rule);
        piece_begin = static_cast<std::uint32_t>(at);
        ++cut;
      }
    }
  }

  token_kind piece_kind(std::uint32_t b, std::uint32_t e) const {
    auto s = detail::shape_of(text.substr(b, e - b));
    if (s.flags & token_flag::has_alpha) return token_kind::word;
    if (s.flags & token_flag::has_digit) return token_kind::number;
    return s.code_points == 1 ? kind_of_symbol(s.first) : token_kind::punctuation;
  }

  // A letter or number segment: clitics, units, domains.
  void word_segment(std::uint32_t b, std::uint32_t e, segment::word_status st) {
    const auto w = text.substr(b, e - b);
    auto s = detail::shape_of(w);
    // Clitics: the last apostrophe starts 's 'm 'd 're 've 'll, or n't ends the word.
    if (s.last_apostrophe != view::npos && s.last_apostrophe > 0) {
      const std::size_t a = s.last_apostrophe;
      const auto after = w.substr(a);
      std::string tail;  // lower case, apostrophe folded
      bool ascii_tail = true;
      for (auto cp : unicode::code_points(after)) {
        if (cp.offset == 0) continue;
        if (cp.code_point >= 0x80) ascii_tail = false;
        tail.push_back(detail::ascii_lower(cp.code_point));
      }
      if (ascii_tail && (tail == "s" || tail == "m" || tail == "d" || tail == "re" || tail == "ve" || tail == "ll")) {
        // n't: "don't" is do + n't; the n belongs to the clitic.
        push(b, static_cast<std::uint32_t>(b + a), token_kind::word, token_rule::clitic);
        push(static_cast<std::uint32_t>(b + a), e, token_kind::clitic, token_rule::clitic);
        return;
      }
      if (ascii_tail && tail == "t" && a >= 2) {
        const auto n = unicode::detail::unit_value(w[a - 1]);
        if ((n == 'n' || n == 'N') && a - 1 > 0) {
          push(b, static_cast<std::uint32_t>(b + a - 1), token_kind::word, token_rule::clitic);
          push(static_cast<std::uint32_t>(b + a - 1), e, token_kind::clitic, token_rule::clitic);
          return;
        }
      }
    }
    // Numbers with a unit: 1.2bn -> 1.2 bn; ordinals (30th) stay whole.
    const auto first = unicode::detail::unit_value(w[0]);
    if (first >= '0' && first <= '9' && (s.flags & token_flag::has_alpha)) {
      std::size_t j = 0;
      while (j < w.size()) {
        const auto u = unicode::detail::unit_value(w[j]);
        if ((u >= '0' && u <= '9') || ((u == '.' || u == ',') && j + 1 < w.size() &&
                                       unicode::detail::unit_value(w[j + 1]) >= '0' &&
                                       unicode::detail::unit_value(w[j + 1]) <= '9'))
          ++j;
        else
          break;
      }
      std::string suffix;
      bool ascii_letters = j < w.size();
      for (std::size_t q = j; q < w.size(); ++q) {
        const auto u = unicode::detail::unit_value(w[q]);
        if (!((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z'))) {
          ascii_letters = false;
          break;
        }
        suffix.push_back(detail::ascii_lower(u));
      }
      if (ascii_letters && detail::in_sorted(detail::ordinal_suffixes, suffix)) {
        push(b, e, token_kind::number, token_rule::word_boundary);
        return;
      }
      if (ascii_letters && detail::in_sorted(detail::number_units, suffix)) {
        push(b, static_cast<std::uint32_t>(b + j), token_kind::number, token_rule::number_unit);
        merge_back();  // the number may end a time (10:30pm)
        push(static_cast<std::uint32_t>(b + j), e, token_kind::unit, token_rule::number_unit);
        return;
      }
    }
    if (st == segment::word_status::letter && (s.flags & token_flag::ascii) && bare_domain(w)) {
      push(b, e, token_kind::url, token_rule::url);
      merge_back();  // the domain of an e-mail address
      return;
    }
    const bool number = st == segment::word_status::number;
    push(b, e, number ? token_kind::number : token_kind::word, token_rule::word_boundary);
    merge_back();
  }

  void punctuation_segment(std::uint32_t b, std::uint32_t e) {
    auto w = text.substr(b, e - b);
    auto d = unicode::decode(w.begin(), w.end());
    const char32_t c = d.code_point;
    if (d.next != w.end()) {
      // More than one code point (a mark on punctuation, a replaced sequence): keep it whole.
      push(b, e, kind_of_symbol(c), token_rule::word_boundary);
      return;
    }
    const auto k = kind_of_symbol(c);
    std::uint16_t side = 0;
    token_kind kind = k;
    if (k == token_kind::quote) {
      auto q = detail::quote_side_of(c);
      const bool after_word = count() > 0 && last_end() == b &&
                              (out.kind.back() == token_kind::word || out.kind.back() == token_kind::number);
      const bool before_space = e >= text.size() || is_space_or_punct_at(e);
      // A possessive apostrophe after a plural: "the allies’ plan".
      if (detail::is_apostrophe(c) && after_word && before_space) {
        auto prev = text_of(back_index(0));
        const auto l = unicode::detail::unit_value(prev.back());
        if (l == 's' || l == 'S') {
          push(b, e, token_kind::clitic, token_rule::clitic);
          return;
        }
      }
      if (q == detail::quote_side::either) q = (after_word || (count() > 0 && last_end() == b && !before_space) || before_space) &&
                                                       !(b == 0 || b > last_end())
                                                   ? detail::quote_side::close
                                                   : detail::quote_side::open;
      side = q == detail::quote_side::open ? token_flag::open_quote : token_flag::close_quote;
    }
    push(b, e, kind, token_rule::word_boundary, side);
    merge_back();
  }

  bool is_space_or_punct_at(std::size_t at) const {
    auto d = unicode::decode(text.begin() + static_cast<std::ptrdiff_t>(at), text.end());
    const auto g = unicode::general_category_of(d.code_point);
    return unicode::is_separator(g) || unicode::is_punctuation(g) || d.code_point < 0x20;
  }

  void operator()() {
    std::size_t skip_until = 0;  // a URL or special case already covered the text up to here
    auto segs = segment::words(text);
    auto it = segs.begin();
    for (; it != segs.end(); ++it) {
      const auto seg = *it;
      const auto [b, e] = seg.offsets();
      if (e <= skip_until) continue;
      if (b < skip_until) {
        // A segment that straddles the end of a URL: its rest is a token of its own.
        push(static_cast<std::uint32_t>(skip_until), static_cast<std::uint32_t>(e),
             piece_kind(static_cast<std::uint32_t>(skip_until), static_cast<std::uint32_t>(e)),
             token_rule::split_punctuation);
        continue;
      }
      const auto st = seg.status();
      if (st == segment::word_status::whitespace) continue;
      if (!t.specials.empty()) {
        // Ends where some segment ends: walk a copy of the iterator.
        auto ends_at_boundary = [&](std::size_t at) {
          for (auto j = it; j != segs.end(); ++j) {
            const auto end = (*j).offsets().end;
            if (end == at) return true;
            if (end > at) return false;
          }
          return false;
        };
        if (const auto* sc = special_at(b, ends_at_boundary)) {
          const std::size_t before = out.size();
          push_special(b, *sc);
          skip_until = before < out.size() ? out.end.back() : b;
          continue;
        }
      }
      if (st == segment::word_status::letter) {
        const auto u = unicode::detail::unit_value(text[b]);
        if (u == 'h' || u == 'H' || u == 'w' || u == 'W' || u == 'f' || u == 'F') {
          const auto ue = url_end(b);
          if (ue > b) {
            push(static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(ue), token_kind::url, token_rule::url);
            skip_until = ue;
            continue;
          }
        }
      }
      switch (st) {
        case segment::word_status::letter:
        case segment::word_status::number:
          word_segment(static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e), st);
          break;
        case segment::word_status::kana:
        case segment::word_status::ideographic:
          push(static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e), token_kind::word, token_rule::word_boundary);
          break;
        case segment::word_status::emoji:
          push(static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e), token_kind::emoji, token_rule::word_boundary);
          break;
        case segment::word_status::punctuation:
          punctuation_segment(static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e));
          break;
        default:
          push(static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e), token_kind::other, token_rule::word_boundary);
          break;
      }
    }
  }
};

template <unicode::code_unit C>
std::size_t tokenizer::tokenize(std::basic_string_view<C> text, token_layer& out) const {
  if (text.size() > 0xFFFFFFFFu)
    throw std::length_error("byline::tokenizer: a document holds at most 4 GiB of code units");
  // News averages about five code units a token; reserving near that avoids most regrowth.
  out.reserve(out.size() + text.size() / 5 + 16);
  run<C> r{*t_, text, out, out.size(), 0, {}};
  r();
  out.trim();
  return r.invalid;
}

}  // namespace byline
