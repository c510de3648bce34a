// byline — the news tokenizer: UAX #29 word segments, tailored for English news.
//
// The word segmenter does most of the work; the tokenizer then
//   - joins abbreviations and initials with their period (U.S.  Mr.  J.D.  e.g.), from a list
//     generated from CLDR plus our own, and from the shape of initials;
//   - splits clitics and possessives off words (Trump’s -> Trump ’s, don't -> do n't);
//   - splits units off numbers ($1.2bn -> $ 1.2 bn, 5km -> 5 km) but keeps ordinals (30th) and
//     decades (1990s, ’90s) whole, as tokens of kind number; joins ISO dates and clock times;
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
#include <byline/unicode/marks.hpp>
#include <byline/unicode/properties.hpp>
#include <byline/unicode/spaces.hpp>
#include <byline/unicode/utf.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstring>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#if defined(__SSE2__) && !defined(BYLINE_NO_SIMD)
#include <emmintrin.h>
#define BYLINE_TOKENIZER_SSE2 1
#endif

namespace byline {

class workspace;

namespace detail {

struct tokenizer_paths;

struct string_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

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

constexpr token_kind symbol_kind(char32_t c) noexcept {
  using gc = unicode::general_category;
  if (c == U'\u2026') return token_kind::ellipsis;
  if (unicode::is_quotation_mark(c)) return token_kind::quote;
  const auto g = unicode::general_category_of(c);
  if (g == gc::pd) return token_kind::dash;
  if (g == gc::sc) return token_kind::currency;
  if (unicode::is_symbol(g)) return token_kind::symbol;
  if (unicode::is_punctuation(g)) return token_kind::punctuation;
  return token_kind::other;
}

inline constexpr auto ascii_symbol_kind = [] {
  std::array<token_kind, 128> t{};
  for (char32_t c = 0; c < 128; ++c) t[c] = symbol_kind(c);
  return t;
}();

// For the tokenizer's 64-byte path, by a token's first byte: a letter begins a word, a digit a
// number (a run that begins with a digit and holds a letter goes elsewhere), a mark is its symbol.
inline constexpr auto ascii_token_kind = [] {
  std::array<token_kind, 128> t = ascii_symbol_kind;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = t[c - 'a' + 'A'] = token_kind::word;
  for (int c = '0'; c <= '9'; ++c) t[c] = token_kind::number;
  return t;
}();

// First bytes of the tokens that the 64-byte path hands to its token-at-a-time step: control
// characters, DEL and underscores (which stop it), straight quotes (their side depends on what is
// around them), hyphens (which may merge with the token before), '#' and '@' (the word glued after
// them merges), and every byte that is not ASCII. Full stops, which may merge with the word before
// them, are sorted by a mask in the block instead (block_tokens).
inline constexpr auto ascii_mark_attention = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x21; ++c) t[c] = true;
  for (int c = 0x7F; c < 0x100; ++c) t[c] = true;
  for (char c : {'_', '"', '\'', '-', '#', '@'}) t[static_cast<unsigned char>(c)] = true;
  return t;
}();

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
  // The same order as string_view's <, with the first bytes compared inline: memcmp is called only
  // between words that share one.
  const auto less = [](std::string_view a, std::string_view b) {
    if (!a.empty() && !b.empty() && a[0] != b[0])
      return static_cast<unsigned char>(a[0]) < static_cast<unsigned char>(b[0]);
    return a < b;
  };
  return std::binary_search(std::begin(list), std::end(list), s, less);
}

// What the tokenizer learns of a piece of text in one pass over it.
struct shape {
  static constexpr std::uint32_t none = 0xFFFFFFFFu;
  std::uint16_t flags = 0;
  bool has_period = false;             // an ASCII full stop inside (domains, initials)
  std::uint32_t invalid = 0;           // ill-formed sequences
  std::uint32_t last_apostrophe = none;  // offset of the last one, if any
  char32_t first = 0;                  // the first code point
  std::uint32_t code_points = 0;
};

// Per ASCII byte: what it adds to a token's shape. One table load per byte keeps shape_of branch-light
// on the text that dominates news.
enum : std::uint8_t { sh_alpha = 1, sh_digit = 2, sh_upper = 4, sh_lower = 8, sh_apostrophe = 16, sh_period = 32 };
inline constexpr auto ascii_shape = [] {
  std::array<std::uint8_t, 128> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = sh_alpha | sh_lower;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = sh_alpha | sh_upper;
  for (int c = '0'; c <= '9'; ++c) t[c] = sh_digit;
  t['\''] = sh_apostrophe;
  t['.'] = sh_period;
  return t;
}();

// Flags from the or-ed shape bits (alpha, digit, upper, lower; apostrophe and period ignored).
inline constexpr auto shape_flags = [] {
  std::array<std::uint16_t, 64> t{};
  for (unsigned m = 0; m < 64; ++m) {
    std::uint16_t f = 0;
    if (m & sh_alpha) f |= token_flag::has_alpha;
    if (m & sh_digit) f |= token_flag::has_digit;
    if ((m & sh_upper) && !(m & sh_lower)) f |= token_flag::all_upper;
    if ((m & sh_lower) && !(m & sh_upper)) f |= token_flag::all_lower;
    t[m] = f;
  }
  return t;
}();

// For the fused word scan: per byte value, the word segmenter's ASCII class in the high byte and the
// shape bits in the low one, so one load a byte decides both. Bytes from 0x80 up (UTF-8 lead and
// continuation bytes) have a class above every word class, which ends the fast scan.
inline constexpr auto ascii_word_shape = [] {
  std::array<std::uint16_t, 256> t{};
  for (unsigned c = 0; c < 256; ++c)
    t[c] = c < 0x80 ? static_cast<std::uint16_t>((segment::detail::ascii_words.cls[c] << 8) | ascii_shape[c])
                    : static_cast<std::uint16_t>(0xFF00);
  return t;
}();

// Title case (records.hpp: the first cased letter is upper case, and no other letter is) of ASCII
// text that starts with something other than a letter: "3D", "_Kyiv". Rare, so a second pass.
template <class C>
bool ascii_title_after_start(std::basic_string_view<C> t) {
  bool first_upper = false, seen = false;
  int uppers = 0;
  for (auto c : t) {
    const auto u = unicode::detail::unit_value(c);
    const bool up = u >= 'A' && u <= 'Z';
    if (!up && !(u >= 'a' && u <= 'z')) continue;
    if (!seen) first_upper = up;
    seen = true;
    uppers += up;
  }
  return first_upper && uppers == 1;
}

// Title case from the shape bits of the first code unit and of the rest (ASCII letters only).
template <class C>
BYLINE_ALWAYS_INLINE bool ascii_title(std::uint32_t first, std::uint32_t rest, std::basic_string_view<C> t) {
  if (first & sh_alpha) return (first & sh_upper) && !(rest & sh_upper);
  return (rest & sh_upper) && ascii_title_after_start(t);
}

template <class C>
shape shape_of(std::basic_string_view<C> t) {
  shape s;
  const std::size_t n = t.size();
  if (n == 0) return s;
  // ASCII first: one table load and an OR a byte. The first byte is kept apart for title case.
  const auto u0 = unicode::detail::unit_value(t[0]);
  std::uint32_t first = u0 < 0x80 ? ascii_shape[u0] : 0x80u, rest = 0;
  for (std::size_t i = 1; i < n; ++i) {
    const auto u = unicode::detail::unit_value(t[i]);
    rest |= u < 0x80 ? ascii_shape[u] : 0x80u;
  }
  std::uint32_t m = first | rest;
  std::uint16_t f = 0;
  if (!(m & 0x80u)) {
    s.first = u0;
    s.code_points = static_cast<std::uint32_t>(n);
    f |= token_flag::ascii;
    // Title case: the first letter is the only capital (Putin, Mr., I); all_upper wins for NATO.
    if (ascii_title(first, rest, t)) f |= token_flag::title;
    if (m & sh_apostrophe)
      for (std::size_t i = n; i-- > 0;)
        if (unicode::detail::unit_value(t[i]) == '\'') {
          s.last_apostrophe = static_cast<std::uint32_t>(i);
          break;
        }
  } else {
    // Anything else: decode, and read categories from the tables.
    m = 0;
    std::uint32_t uppers = 0;
    int first_cased = -1;
    for (auto cp : unicode::code_points(t)) {
      const char32_t c = cp.code_point;
      if (cp.error != unicode::decode_error::none) ++s.invalid;
      const auto gc = unicode::general_category_of(c);
      if (unicode::is_letter(gc)) {
        m |= sh_alpha;
        if (unicode::is_cased_letter(gc)) {
          const bool up = gc != unicode::general_category::ll;
          m |= up ? sh_upper : sh_lower;
          uppers += up;
          if (first_cased < 0) first_cased = up;
        }
      } else if (gc == unicode::general_category::nd) {
        m |= sh_digit;
      } else if (c == U'.') {
        m |= sh_period;
      }
      // Apart from the categories: ʼ (U+02BC) is a letter and an apostrophe.
      if (unicode::is_apostrophe(c)) s.last_apostrophe = static_cast<std::uint32_t>(cp.offset);
      if (s.code_points == 0) s.first = c;
      ++s.code_points;
    }
    if (first_cased == 1 && uppers == 1) f |= token_flag::title;
  }
  if (m & sh_alpha) f |= token_flag::has_alpha;
  if (m & sh_digit) f |= token_flag::has_digit;
  if ((m & sh_upper) && !(m & sh_lower)) f |= token_flag::all_upper;
  if ((m & sh_lower) && !(m & sh_upper)) f |= token_flag::all_lower;
  if (s.invalid) f |= token_flag::replaced;
  s.has_period = (m & sh_period) != 0;
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
    // A Bloom filter over both abbreviation sets: most words before a full stop are not
    // abbreviations, and a miss here costs a few instructions instead of two hash-set lookups.
    std::array<std::uint64_t, 64> bloom{};
    std::size_t longest = 0;

    // The key's first and last bytes (up to 8 of each, in two loads that may overlap) and its
    // length, mixed: no loop over the key, whose length varies from word to word, and so no branch
    // that the processor mispredicts at every word before a full stop. Longer keys share a hash
    // when their ends agree: the filter then lets them through to the exact lookup.
    static std::uint32_t hash(std::string_view s) noexcept {
      const std::size_t n = s.size();
      const char* p = s.data();
      std::uint64_t a = 0, b = 0;
      if (n >= 8) {
        std::memcpy(&a, p, 8);
        std::memcpy(&b, p + n - 8, 8);
      } else if (n >= 4) {
        std::uint32_t x, y;
        std::memcpy(&x, p, 4);
        std::memcpy(&y, p + n - 4, 4);
        a = x;
        b = y;
      } else if (n > 0) {
        a = static_cast<unsigned char>(p[0]) | static_cast<std::uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8 |
            static_cast<std::uint64_t>(static_cast<unsigned char>(p[n - 1])) << 16;
      }
      std::uint64_t h = (a * 0x9E3779B97F4A7C15ull) ^ (b * 0xC2B2AE3D27D4EB4Full) ^ (n * 0x165667B19E3779F9ull);
      h ^= h >> 29;
      h *= 0xBF58476D1CE4E5B9ull;
      return static_cast<std::uint32_t>(h >> 32);
    }
    void remember(std::string_view a) {
      const auto h = hash(a);
      bloom[(h & 4095) >> 6] |= std::uint64_t{1} << (h & 63);
      bloom[((h >> 12) & 4095) >> 6] |= std::uint64_t{1} << ((h >> 12) & 63);
      longest = std::max(longest, a.size());
    }
    bool may_hold(std::string_view a) const noexcept {
      if (a.size() > longest) return false;
      const auto h = hash(a);
      return (bloom[(h & 4095) >> 6] >> (h & 63) & 1) && (bloom[((h >> 12) & 4095) >> 6] >> ((h >> 12) & 63) & 1);
    }
  };
  std::shared_ptr<tables> t_;

  tables& own() {
    // Copy on write: tokenizers copied before a change keep their tables.
    if (t_.use_count() > 1) t_ = std::make_shared<tables>(*t_);
    return *t_;
  }

 public:
  using needs = layers<>;
  using provides = layers<token_layer>;

  // The English news rules with the bundled abbreviation list.
  tokenizer() : t_(std::make_shared<tables>()) {
    for (auto a : detail::default_abbreviations) {
      t_->abbreviations.emplace(a);
      t_->remember(a);
    }
  }

  // Adds an abbreviation, written with its final period ("Gov.", "Sask."), as UTF-8.
  tokenizer& add_abbreviation(std::string_view abbreviation) {
    if (abbreviation.size() < 2 || abbreviation.back() != '.')
      throw std::invalid_argument("byline::tokenizer::add_abbreviation: an abbreviation ends with '.'");
    own().user_abbreviations.emplace(abbreviation);
    t_->remember(abbreviation);
    return *this;
  }

  // Makes `text` (UTF-8, matched exactly, where a word segment begins and another ends) into the
  // given pieces, which must spell it out: add_special_case("gonna", {"gon", "na"}).
  tokenizer& add_special_case(std::string_view text, const std::vector<std::string_view>& pieces) {
    std::string joined;
    for (auto p : pieces) joined += p;
    if (text.empty() || joined != text || pieces.empty())
      throw std::invalid_argument("byline::tokenizer::add_special_case: the pieces must spell out the text");
    if (pieces.size() > 1000)  // the tokenizer's batch keeps room for 2048 tokens of one segment
      throw std::invalid_argument("byline::tokenizer::add_special_case: at most 1000 pieces");
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
    auto& tokens = doc.template edit<token_layer>();
    tokens.clear();
    tokens.invalid_sequences = tokenize(doc.text(), tokens);
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
  friend struct detail::tokenizer_paths;

  // General: no ASCII fast paths, every segment from the UAX #29 rules and every token through the
  // general rules. Only the tests ask for it, to check that the fast paths change nothing.
  template <class C, bool General = false>
  struct run;

  template <bool General, unicode::code_unit C>
  std::size_t tokenize_with(std::basic_string_view<C> text, token_layer& out) const;
};

namespace detail {

// The tokenizer's two ways through a text, for the tests that check they agree.
struct tokenizer_paths {
  template <unicode::code_unit C>
  static std::size_t general(const tokenizer& t, std::basic_string_view<C> text, token_layer& out) {
    return t.tokenize_with<true>(text, out);
  }
  template <unicode::code_unit C>
  static std::size_t fast(const tokenizer& t, std::basic_string_view<C> text, token_layer& out) {
    return t.tokenize_with<false>(text, out);
  }
};

}  // namespace detail

namespace detail {

// 64 bytes of text as bit masks, bit i for byte i: what the plain-run loop needs to cut tokens
// without looking at each byte (SSE2: 16 bytes a step; elsewhere a byte loop that gives the same).
struct byte_masks {
  std::uint64_t alpha = 0, upper = 0, digit = 0, space = 0, high = 0;  // high: not ASCII
  std::uint64_t dot = 0;                                               // full stops
  friend bool operator==(const byte_masks&, const byte_masks&) = default;
};
// Byte at a time: the portable way, and the reference the tests hold the SIMD one to.
inline byte_masks classify64_bytes(const unsigned char* d) noexcept {
  byte_masks m;
  for (int i = 0; i < 64; ++i) {
    const unsigned c = d[i];
    const std::uint64_t b = std::uint64_t{1} << i;
    if (c >= 0x80) m.high |= b;
    else if (c >= 'A' && c <= 'Z') m.upper |= b, m.alpha |= b;
    else if (c >= 'a' && c <= 'z') m.alpha |= b;
    else if (c >= '0' && c <= '9') m.digit |= b;
    else if (c == ' ' || (c >= '\t' && c <= '\r')) m.space |= b;
    else if (c == '.') m.dot |= b;
  }
  return m;
}

inline byte_masks classify64(const unsigned char* d) noexcept {
#if defined(BYLINE_TOKENIZER_SSE2)
  byte_masks m;
  const auto in = [](__m128i x, char lo, char hi) {
    // One signed compare after a shift: [lo, hi] moves to the lowest signed bytes, where nothing
    // else lands (bytes from 0x80 up land above them).
    return _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8(static_cast<char>(0x80 - lo))),
                          _mm_set1_epi8(static_cast<char>(0x80 + (hi - lo) + 1)));
  };
  for (int k = 0; k < 4; ++k) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + 16 * k));
    const __m128i up = in(x, 'A', 'Z');
    const __m128i lo = in(x, 'a', 'z');
    const __m128i dg = in(x, '0', '9');
    const __m128i sp = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')), in(x, '\t', '\r'));
    const auto bits = [&](__m128i v) {
      return static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm_movemask_epi8(v))) << (16 * k);
    };
    m.alpha |= bits(_mm_or_si128(up, lo));
    m.upper |= bits(up);
    m.digit |= bits(dg);
    m.space |= bits(sp);
    m.high |= bits(x);
    m.dot |= bits(_mm_cmpeq_epi8(x, _mm_set1_epi8('.')));
  }
  return m;
#else
  return classify64_bytes(d);
#endif
}

}  // namespace detail

// ----------------------------------------------------------------------------------------------
// The work of one tokenize() call.

template <class C, bool General>
struct tokenizer::run {
  using view = std::basic_string_view<C>;
  const tokenizer::tables& t;
  view text;
  // Tokens are built in a small buffer of the layer's shape, which merges can rewrite at the back
  // and which moves to the layer in batches (flush): it stays in cache however long the text.
  static constexpr std::size_t flush_at = 1u << 13, keep_back = 32, capacity = flush_at + 2048;
  struct batch {
    std::uint32_t begin[capacity], end[capacity];
    token_kind kind[capacity];
    token_rule rule[capacity];
    std::uint16_t flags[capacity];
    std::size_t n = 0;
  };
  batch& buf;
  token_layer& out;
  std::size_t invalid = 0;
  std::string utf8;      // scratch for lookups in UTF-8

  std::uint32_t last_end() const { return (buf.n == 0) ? 0 : buf.end[buf.n - 1]; }
  bool adjacent(std::size_t k_from_back, std::uint32_t to) const {
    // Whether token back()-k ends where `to` begins.
    return buf.n > k_from_back && buf.end[buf.n - 1 - k_from_back] == to;
  }
  std::size_t count() const { return buf.n; }
  std::size_t back_index(std::size_t k) const { return buf.n - 1 - k; }
  // The text in [b, e), offsets that the run made itself and so never out of range: no checks, and
  // nothing that throws (string_view::substr's check kept it from inlining in the hot loop).
  view piece(std::size_t b, std::size_t e) const noexcept { return view(text.data() + b, e - b); }
  view text_of(std::size_t i) const { return piece(buf.begin[i], buf.end[i]); }
  char32_t single(std::size_t i) const {
    // The code point of a one-code-point token, or 0.
    if (buf.end[i] - buf.begin[i] == 1) {
      const auto u = unicode::detail::unit_value(text[buf.begin[i]]);
      if (u < 0x80) return u;
    }
    auto v = text_of(i);
    auto d = unicode::decode(v.begin(), v.end());
    return d.next == v.end() ? d.code_point : 0;
  }
  bool is_digits(std::size_t i, std::size_t min, std::size_t max) const {
    auto v = text_of(i);
    if (v.size() < min || v.size() > max) return false;
    return std::all_of(v.begin(), v.end(), [](C c) { return c >= C('0') && c <= C('9'); });
  }

  void pop() { --buf.n; }

  // Joins the last n tokens into one of the given kind and rule.
  void join_last(std::size_t n, token_kind k, token_rule r) {
    const std::size_t first = buf.n - n;
    const std::uint32_t b = buf.begin[first], e = buf.end[buf.n - 1];
    std::uint16_t f = static_cast<std::uint16_t>(buf.flags[first] & token_flag::space_before);
    while (buf.n > first) pop();
    push(b, e, k, r, f);
  }

  void push(std::uint32_t b, std::uint32_t e, token_kind k, token_rule r, std::uint16_t extra = 0) {
    push(b, e, k, r, detail::shape_of(piece(b, e)), extra);
  }
  BYLINE_ALWAYS_INLINE void push(std::uint32_t b, std::uint32_t e, token_kind k, token_rule r,
                                 const detail::shape& s, std::uint16_t extra = 0) {
    invalid += s.invalid;
    std::uint16_t f = s.flags | extra;
    // Without a branch: whether a space comes before a token is as good as random.
    const std::uint32_t before = buf.n == 0 ? 0 : buf.end[buf.n - 1];
    f |= static_cast<std::uint16_t>(-static_cast<std::uint16_t>(b > before) & token_flag::space_before);
    const std::size_t i = buf.n++;
    buf.begin[i] = b;
    buf.end[i] = e;
    buf.kind[i] = k;
    buf.rule[i] = r;
    buf.flags[i] = f;
  }

  static token_kind kind_of_symbol(char32_t c) { return c < 0x80 ? detail::ascii_symbol_kind[c] : detail::symbol_kind(c); }

  // After pushing a token: the merges that look back (abbreviations, dates, times, ...).
  // Every merge joins a token to the one right before it: most tokens follow a space and stop here.
  BYLINE_ALWAYS_INLINE void merge_back() {
    const std::size_t n = buf.n;
    if (n >= 2 && buf.end[n - 2] == buf.begin[n - 1]) merge_glued();
  }

  // The merges of a token glued to the one before it.
  void merge_glued() {
    const std::size_t n = count();
    const std::size_t i = back_index(0);
    const std::uint32_t b = buf.begin[i];
    const auto k = buf.kind[i];

    if (k == token_kind::punctuation && single(i) == U'.' && n >= 2 && adjacent(1, b)) {
      const std::size_t w = back_index(1);
      // "..." -> ellipsis
      if (buf.kind[w] == token_kind::punctuation && single(w) == U'.' && n >= 3 && adjacent(2, buf.begin[w]) &&
          buf.kind[back_index(2)] == token_kind::punctuation && single(back_index(2)) == U'.') {
        join_last(3, token_kind::ellipsis, token_rule::ellipsis);
        return;
      }
      if (buf.kind[w] == token_kind::ellipsis && buf.rule[w] == token_rule::ellipsis) {
        join_last(2, token_kind::ellipsis, token_rule::ellipsis);
        return;
      }
      if (buf.kind[w] == token_kind::word) {
        const auto r = abbreviation_rule(buf.begin[w], buf.end[i]);
        if (r) join_last(2, token_kind::abbreviation, *r);
      }
      return;
    }
    if (k == token_kind::dash && single(i) == U'-' && n >= 2 && adjacent(1, b) &&
        buf.kind[back_index(1)] == token_kind::dash && single(back_index(1)) == U'-' &&
        buf.rule[back_index(1)] == token_rule::word_boundary) {
      join_last(2, token_kind::dash, token_rule::dash);
      return;
    }
    if (k == token_kind::number && n >= 3 && adjacent(1, b) && adjacent(2, buf.begin[back_index(1)])) {
      const char32_t sep = single(back_index(1));
      const std::size_t p = back_index(2);
      // 2024-05-19
      if (sep == U'-' && is_digits(i, 2, 2) && n >= 5 && buf.kind[p] == token_kind::number && is_digits(p, 2, 2) &&
          adjacent(3, buf.begin[p]) && single(back_index(3)) == U'-' && adjacent(4, buf.begin[back_index(3)]) &&
          is_digits(back_index(4), 4, 4)) {
        join_last(5, token_kind::date, token_rule::date);
        return;
      }
      // 19/05/2024
      if (sep == U'/' && (is_digits(i, 2, 2) || is_digits(i, 4, 4)) && n >= 5 && is_digits(p, 1, 2) &&
          adjacent(3, buf.begin[p]) && single(back_index(3)) == U'/' && adjacent(4, buf.begin[back_index(3)]) &&
          is_digits(back_index(4), 1, 2)) {
        join_last(5, token_kind::date, token_rule::date);
        return;
      }
      // 10:30 and 10:30:15
      if (sep == U':' && is_digits(i, 2, 2)) {
        if (buf.kind[p] == token_kind::time && std::ranges::count(text_of(p), C(':')) == 1) {
          join_last(3, token_kind::time, token_rule::time);
          return;
        }
        if (buf.kind[p] == token_kind::number && is_digits(p, 1, 2)) {
          join_last(3, token_kind::time, token_rule::time);
          return;
        }
      }
      return;
    }
    if ((k == token_kind::word || k == token_kind::number || k == token_kind::url) && n >= 2 && adjacent(1, b)) {
      const std::size_t s = back_index(1);
      const char32_t c = single(s);
      const bool glued_before = n >= 3 && adjacent(2, buf.begin[s]);
      const auto before_kind = glued_before ? buf.kind[back_index(2)] : token_kind::other;
      const bool word_before = glued_before && (before_kind == token_kind::word || before_kind == token_kind::number);
      if (c == U'#' && !word_before && k != token_kind::url && (buf.flags[i] & token_flag::has_alpha)) {
        join_last(2, token_kind::hashtag, token_rule::hashtag);
        return;
      }
      if (c == U'@') {
        if (word_before && email_domain(i)) {
          // Walk back over the local part: words, numbers, . - _ + glued together.
          std::size_t m = 3;
          while (count() > m && adjacent(m, buf.begin[back_index(m - 1)]) && local_part_piece(back_index(m))) ++m;
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
    const auto k = buf.kind[i];
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
    auto key = detail::as_utf8(piece(b, e), utf8);
    if (t.may_hold(key)) {
      if (t.abbreviations.contains(key)) return token_rule::abbreviation;
      if (t.user_abbreviations.contains(key)) return token_rule::user_abbreviation;
    }
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

  // Whether the word segment [b, e) can begin a URL: http, https or ftp right before "://" (UAX #29
  // ends the segment at the colon), or a segment starting "www." (the dots join it). Exactly what
  // url_end needs to find one, so that "have", "for" and "which" stay on the fast paths.
  // Inlined for its first test, which nearly every word fails; the rest is out of line.
  BYLINE_ALWAYS_INLINE bool may_start_url(std::size_t b, std::size_t e) const {
    const auto u = unicode::detail::unit_value(text[b]) | 0x20;  // a letter, so this lowers it
    return (u == 'h' || u == 'f' || u == 'w') && url_start_at(b, e);
  }
  bool url_start_at(std::size_t b, std::size_t e) const {
    const auto n = e - b;
    const auto lower = [&](std::size_t i) { return unicode::detail::unit_value(text[i]) | 0x20; };
    const auto u = lower(b);
    if ((u == 'h' && (n == 4 || n == 5)) || (u == 'f' && n == 3))
      return e < text.size() && unicode::detail::unit_value(text[e]) == ':';
    if (u == 'w') return n > 4 && lower(b + 1) == 'w' && lower(b + 2) == 'w' && text[b + 3] == C('.');
    return false;
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
        // Stop at curly quotes, guillemets, any space (invisible ones too) and C1 controls, NEL among
        // them; other characters (IRIs) belong.
        auto d = unicode::decode(rest.begin() + static_cast<std::ptrdiff_t>(e), rest.end());
        const auto c = d.code_point;
        if (unicode::is_quotation_mark(c) || unicode::is_invisible_space(c) || c < 0xA0) break;
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

  // Pushes the pieces of a special case; its cuts are UTF-8 offsets, mapped to this encoding. Returns
  // where it ends.
  std::size_t push_special(std::size_t b, const special_case& sc) {
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
    // Kept whole, it is a word like any other to a # or @ before it: "#Kyiv" stays a hashtag when
    // "Kyiv" is a special case. Split, the user's pieces stand.
    if (sc.cuts.size() == 1) merge_back();
    return at;
  }

  token_kind piece_kind(std::uint32_t b, std::uint32_t e) const {
    auto s = detail::shape_of(piece(b, e));
    if (s.flags & token_flag::has_alpha) return token_kind::word;
    if (s.flags & token_flag::has_digit) return token_kind::number;
    return s.code_points == 1 ? kind_of_symbol(s.first) : token_kind::punctuation;
  }

  // A letter or number segment: clitics, units, domains.
  // Most words have no apostrophe, start with no digit and hold no period: they are tokens as they are.
  static BYLINE_ALWAYS_INLINE bool is_plain(const detail::shape& s) {
    return s.last_apostrophe == detail::shape::none && !s.has_period &&
           !(s.first >= '0' && s.first <= '9' && (s.flags & token_flag::has_alpha));
  }

  BYLINE_ALWAYS_INLINE void word_segment(std::uint32_t b, std::uint32_t e, segment::word_status st,
                                         const detail::shape& s) {
    if (is_plain(s)) {
      push(b, e, st == segment::word_status::number ? token_kind::number : token_kind::word, token_rule::word_boundary,
           s);
      merge_back();
      return;
    }
    word_segment_rules(b, e, st, s);
  }

  void word_segment_rules(std::uint32_t b, std::uint32_t e, segment::word_status st, const detail::shape& s) {
    const auto w = piece(b, e);
    // Clitics: the last apostrophe starts 's 'm 'd 're 've 'll, or n't ends the word.
    if (s.last_apostrophe != detail::shape::none && s.last_apostrophe > 0) {
      const std::size_t a = s.last_apostrophe;
      const auto after = w.substr(a);
      std::string tail;  // lower case, apostrophe folded
      bool ascii_tail = true;
      for (auto cp : unicode::code_points(after)) {
        if (cp.offset == 0) continue;
        if (cp.code_point >= 0x80) ascii_tail = false;
        tail.push_back(detail::ascii_lower(cp.code_point));
      }
      // As a view: std::string == "s" calls strlen and compare out of line, at every clitic.
      const std::string_view tv = tail;
      if (ascii_tail && (tv == "s" || tv == "m" || tv == "d" || tv == "re" || tv == "ve" || tv == "ll")) {
        // n't: "don't" is do + n't; the n belongs to the clitic.
        push(b, static_cast<std::uint32_t>(b + a), token_kind::word, token_rule::clitic);
        push(static_cast<std::uint32_t>(b + a), e, token_kind::clitic, token_rule::clitic);
        return;
      }
      if (ascii_tail && tv == "t" && a >= 2) {
        const auto n = unicode::detail::unit_value(w[a - 1]);
        if ((n == 'n' || n == 'N') && a - 1 > 0) {
          push(b, static_cast<std::uint32_t>(b + a - 1), token_kind::word, token_rule::clitic);
          push(static_cast<std::uint32_t>(b + a - 1), e, token_kind::clitic, token_rule::clitic);
          return;
        }
      }
    }
    // Numbers with a unit: 1.2bn -> 1.2 bn; ordinals (30th) and decades (1990s) stay whole.
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
        push(b, e, token_kind::number, token_rule::word_boundary, s);
        return;
      }
      // Tens of years before "s" are a decade, not a number of seconds: 1990s, 1800s, the ’60s.
      if (ascii_letters && std::string_view(suffix) == "s" && (j == 2 || j == 4) &&
          unicode::detail::unit_value(w[j - 1]) == '0' &&
          std::all_of(w.begin(), w.begin() + static_cast<std::ptrdiff_t>(j), [](C c) { return c >= C('0') && c <= C('9'); })) {
        push_decade(b, e, j == 2);
        return;
      }
      if (ascii_letters && detail::in_sorted(detail::number_units, suffix)) {
        push(b, static_cast<std::uint32_t>(b + j), token_kind::number, token_rule::number_unit);
        merge_back();  // the number may end a time (10:30pm)
        push(static_cast<std::uint32_t>(b + j), e, token_kind::unit, token_rule::number_unit);
        return;
      }
    }
    if (st == segment::word_status::letter && s.has_period && (s.flags & token_flag::ascii) && bare_domain(w)) {
      push(b, e, token_kind::url, token_rule::url, s);
      merge_back();  // the domain of an e-mail address
      return;
    }
    const bool number = st == segment::word_status::number;
    push(b, e, number ? token_kind::number : token_kind::word, token_rule::word_boundary, s);
    merge_back();
  }

  // A decade is one number token. Written with two digits, an apostrophe glued before it stands for
  // the century and belongs to it: ’90s, '90s, and ‘90s as autocorrect leaves it after a space. One
  // glued to a word before it is that word's (the allies' 90s).
  void push_decade(std::uint32_t b, std::uint32_t e, bool two_digits) {
    if (two_digits && buf.n > 0 && buf.end[buf.n - 1] == b) {
      const std::size_t a = buf.n - 1;
      const char32_t c = single(a);
      const bool after_word = a > 0 && buf.end[a - 1] == buf.begin[a] &&
                              (buf.kind[a - 1] == token_kind::word || buf.kind[a - 1] == token_kind::number);
      if ((unicode::is_apostrophe(c) || c == U'\u2018') && !after_word) {
        const std::uint32_t from = buf.begin[a];
        pop();
        push(from, e, token_kind::number, token_rule::word_boundary);
        return;
      }
    }
    push(b, e, token_kind::number, token_rule::word_boundary);
  }

  BYLINE_ALWAYS_INLINE void punctuation_segment(std::uint32_t b, std::uint32_t e) {
    if (e - b == 1) {
      const auto u = unicode::detail::unit_value(text[b]);
      if (u < 0x80) {
        push_ascii_mark(b, u);
        return;
      }
    }
    punctuation_rules(b, e);
  }

  // One ASCII mark: its kind from the table, its shape known (no letters, no digits); straight quotes
  // need their context.
  BYLINE_ALWAYS_INLINE void push_ascii_mark(std::uint32_t b, std::uint32_t u) {
    detail::shape s;
    s.flags = token_flag::ascii;
    s.first = u;
    s.code_points = 1;
    const bool glued = buf.n > 0 && buf.end[buf.n - 1] == b;
    if (u == '"' || u == '\'') {
      // A straight quote glued to the token before it closes; after a space, or first, it opens.
      if (u == '\'' && glued && (buf.kind[buf.n - 1] == token_kind::word || buf.kind[buf.n - 1] == token_kind::number) &&
          (b + 1 >= text.size() || is_space_or_punct_at(b + 1))) {
        // A possessive apostrophe after a plural: "the allies' plan".
        const auto l = unicode::detail::unit_value(text[buf.end[buf.n - 1] - 1]);
        if (l == 's' || l == 'S') {
          push(b, b + 1, token_kind::clitic, token_rule::clitic, s);
          return;
        }
      }
      push(b, b + 1, token_kind::quote, token_rule::word_boundary, s,
           glued ? token_flag::close_quote : token_flag::open_quote);
      return;
    }
    push(b, b + 1, detail::ascii_symbol_kind[u], token_rule::word_boundary, s);
    // A glued mark merges only as a full stop (abbreviations, "...") or a hyphen ("--"): merge_glued
    // does nothing for the others.
    if (glued & ((u == '.') | (u == '-'))) merge_glued();
  }

  void punctuation_rules(std::uint32_t b, std::uint32_t e) {
    auto w = piece(b, e);
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
      auto q = unicode::quote_side_of(c);
      const bool after_word = count() > 0 && last_end() == b &&
                              (buf.kind[buf.n - 1] == token_kind::word || buf.kind[buf.n - 1] == token_kind::number);
      const bool before_space = e >= text.size() || is_space_or_punct_at(e);
      // A possessive apostrophe after a plural: "the allies’ plan".
      if (unicode::is_apostrophe(c) && after_word && before_space) {
        auto prev = text_of(back_index(0));
        const auto l = unicode::detail::unit_value(prev.back());
        if (l == 's' || l == 'S') {
          push(b, e, token_kind::clitic, token_rule::clitic);
          return;
        }
      }
      // A straight quote glued to the token before it closes; after a space, or first, it opens.
      if (q == unicode::quote_side::either)
        q = count() > 0 && last_end() == b ? unicode::quote_side::close : unicode::quote_side::open;
      side = q == unicode::quote_side::open ? token_flag::open_quote : token_flag::close_quote;
    }
    push(b, e, kind, token_rule::word_boundary, side);
    merge_back();
  }

  bool is_space_or_punct_at(std::size_t at) const {
    const auto u = unicode::detail::unit_value(text[at]);
    if (u < 0x80) return u <= 0x20 || segment::detail::ascii_words.cls[u] >= segment::detail::a_space;
    auto d = unicode::decode(text.begin() + static_cast<std::ptrdiff_t>(at), text.end());
    const auto g = unicode::general_category_of(d.code_point);
    return unicode::is_separator(g) || unicode::is_punctuation(g) || d.code_point < 0x20;
  }

  // The word segmenter's ASCII fast path (segment/words.hpp, word_fast) fused with the token's shape:
  // one table load a byte decides both. A middle character between two letters or two digits joins
  // them (WB6/7, WB11/12), the curly apostrophe of news text included ("Moscow’s"). Returns false,
  // having decided nothing, where anything else non-ASCII could change the segment (an extending
  // mark, a letter); the caller then asks the full engine.
  BYLINE_ALWAYS_INLINE bool scan_ascii_word(std::size_t b, std::size_t& e, segment::word_status& st,
                                            detail::shape& s) const {
    using namespace segment::detail;
    const auto& w = ascii_words;
    const std::size_t n = text.size();
    const auto u0 = unicode::detail::unit_value(text[b]);
    std::uint8_t tail = w.cls[u0];
    if (tail > a_underscore) return false;
    const std::uint32_t first = detail::ascii_shape[u0];
    std::uint32_t rest = 0, wide_units = 0;  // code units beyond one per code point
    std::size_t q = b + 1;
    for (;;) {
      std::uint32_t v = 0;
      if constexpr (sizeof(C) == 1) {
        const auto* d = text.data();
        // Eight bytes at a time while they are all letters, digits or underscores.
        while (q + 8 <= n) {
          const auto r = segment::detail::swar_word_run(d + q);
          rest |= r.shape;
          q += r.length;
          if (r.length < 8) break;
        }
        // Then, or near the end, one load a byte: class and shape together; bytes from 0x80 up stop it.
        std::uint32_t c = 0;
        while (q < n && ((c = detail::ascii_word_shape[static_cast<unsigned char>(d[q])]) >> 8) <= a_underscore) {
          rest |= c;
          ++q;
        }
        if (q < n) v = static_cast<unsigned char>(d[q]);
        tail = w.cls[static_cast<unsigned char>(d[q - 1])];  // the last word character read
      } else {
        while (q < n && (v = unicode::detail::unit_value(text[q])) < 0x80 && w.cls[v] <= a_underscore) {
          rest |= detail::ascii_shape[v];
          tail = w.cls[v];
          ++q;
        }
      }
      if (q == n) break;
      if (tail == a_underscore) {
        if (v >= 0x80) return false;  // a letter may follow (WB13b), or a mark extend it (WB4)
        break;
      }
      // A middle character: ASCII, or a non-ASCII one whose Word_Break says so.
      std::size_t after = q + 1;
      bool letters = false, digits = false;
      char32_t mid = v;
      if (v < 0x80) {
        if (w.cls[v] != a_mid) break;
        letters = w.joins_letters[v];
        digits = w.joins_digits[v];
      } else {
        auto d = unicode::decode(text.begin() + static_cast<std::ptrdiff_t>(q), text.end());
        mid = d.code_point;
        const auto wb = unicode::properties(d.code_point).word();
        using unicode::word_break;
        if (wb == word_break::midletter || wb == word_break::midnumlet || wb == word_break::single_quote) letters = true;
        if (wb == word_break::midnum || wb == word_break::midnumlet || wb == word_break::single_quote) digits = true;
        if (!letters && !digits) {
          // Other code points end the word unless they extend it or are letters and digits themselves.
          if (wb == word_break::other || wb == word_break::double_quote || wb == word_break::wsegspace ||
              wb == word_break::cr || wb == word_break::lf || wb == word_break::newline)
            break;
          return false;
        }
        after = static_cast<std::size_t>(d.next - text.begin());
      }
      if (!((tail == a_letter && letters) || (tail == a_digit && digits)) || after >= n) break;
      const auto x = unicode::detail::unit_value(text[after]);
      if (x >= 0x80) return false;  // what follows might be a letter, or might extend the middle
      const bool joined = (tail == a_letter && w.cls[x] == a_letter && letters) ||
                          (tail == a_digit && w.cls[x] == a_digit && digits);
      if (!joined) break;
      if (v == '.') rest |= detail::sh_period;
      if (unicode::is_apostrophe(mid)) s.last_apostrophe = static_cast<std::uint32_t>(q - b);
      wide_units += static_cast<std::uint32_t>(after - q - 1);
      if (v >= 0x80) rest |= 0x80;  // not ASCII
      rest |= detail::ascii_shape[x];
      tail = w.cls[x];
      q = after + 1;
    }
    e = q;
    const std::uint32_t m = (first | rest) & 0xFF;
    st = (m & detail::sh_alpha)   ? segment::word_status::letter
         : (m & detail::sh_digit) ? segment::word_status::number
                                  : segment::word_status::punctuation;
    std::uint16_t f = detail::shape_flags[m & 0x3F];
    if (!(m & 0x80)) f |= token_flag::ascii;
    if (detail::ascii_title(first, rest, piece(b, q))) f |= token_flag::title;
    s.flags = f;
    s.has_period = (m & detail::sh_period) != 0;
    s.first = u0;
    s.code_points = static_cast<std::uint32_t>(q - b) - wide_units;
    return true;
  }

  // A lone ASCII mark that the segmenter would not join to anything: not a letter, digit, underscore,
  // space or line break, and followed by ASCII (or the end), so no extending mark can attach to it.
  bool ascii_punct_alone(std::size_t b) const {
    const auto u = unicode::detail::unit_value(text[b]);
    if (segment::detail::ascii_words.cls[u] != segment::detail::a_other &&
        segment::detail::ascii_words.cls[u] != segment::detail::a_mid)
      return false;
    if (u < 0x21 || u == 0x7F) return false;  // controls and space take the full path
    return b + 1 == text.size() || unicode::detail::unit_value(text[b + 1]) < 0x80 || !extends_at(b + 1);
  }

  // Whether the code point at i extends what precedes it (WB4: Extend, Format, ZWJ).
  bool extends_at(std::size_t i) const {
    auto d = unicode::decode(text.begin() + static_cast<std::ptrdiff_t>(i), text.end());
    return segment::detail::is_ignorable(unicode::properties(d.code_point).word());
  }

  // A non-ASCII code point that forms a segment of its own: its Word_Break joins nothing that
  // follows it (quotes, dashes, most punctuation) and ASCII follows it, so no mark extends it.
  bool mark_alone(std::size_t b, std::size_t& e, segment::word_status& st) const {
    using unicode::word_break;
    auto d = unicode::decode(text.begin() + static_cast<std::ptrdiff_t>(b), text.end());
    const auto next = static_cast<std::size_t>(d.next - text.begin());
    if (next < text.size() && unicode::detail::unit_value(text[next]) >= 0x80 && extends_at(next)) return false;
    const auto p = unicode::properties(d.code_point);
    const auto wb = p.word();
    if (!(wb == word_break::other || wb == word_break::midnumlet || wb == word_break::midletter ||
          wb == word_break::midnum || wb == word_break::single_quote || wb == word_break::double_quote) ||
        p.extended_pictographic() || d.error != unicode::decode_error::none)
      return false;
    e = next;
    st = segment::detail::status_of(segment::detail::content_kind(d.code_point, p));
    return true;
  }

  // White space to the tokenizer: a space, a tab, a line break, or an invisible space (spaces.hpp).
  static bool is_space_code_point(char32_t c, unicode::char_properties p) {
    return unicode::is_invisible_space(c) || segment::detail::content_kind(c, p) == segment::detail::k_space;
  }

  // Whether the code point at i is white space.
  bool starts_with_space(std::size_t i) const {
    auto d = unicode::decode(text.begin() + static_cast<std::ptrdiff_t>(i), text.end());
    return is_space_code_point(d.code_point, unicode::properties(d.code_point));
  }

  // Past the white space at i and the marks that extend it (WB4).
  std::size_t after_space(std::size_t i) const {
    bool space = true;
    while (i < text.size()) {
      auto d = unicode::decode(text.begin() + static_cast<std::ptrdiff_t>(i), text.end());
      const auto p = unicode::properties(d.code_point);
      const bool s = is_space_code_point(d.code_point, p);
      if (!(s && space) && !segment::detail::is_ignorable(p.word())) break;
      space = s;
      i = static_cast<std::size_t>(d.next - text.begin());
    }
    return i;
  }

  // Whether a code unit is ASCII white space, which never joins a token.
  static constexpr bool ascii_space(std::uint32_t u) { return u == ' ' || (u >= 0x09 && u <= 0x0D); }

  // Moves all but the last `keep` tokens to the layer. Merges look back a few tokens only.
  void flush(std::size_t keep) {
    if (buf.n <= keep) return;
    const std::size_t m = buf.n - keep;
    out.begin.insert(out.begin.end(), buf.begin, buf.begin + m);
    out.end.insert(out.end.end(), buf.end, buf.end + m);
    out.kind.insert(out.kind.end(), buf.kind, buf.kind + m);
    out.rule.insert(out.rule.end(), buf.rule, buf.rule + m);
    out.flags.insert(out.flags.end(), buf.flags, buf.flags + m);
    std::copy(buf.begin + m, buf.begin + buf.n, buf.begin);
    std::copy(buf.end + m, buf.end + buf.n, buf.end);
    std::copy(buf.kind + m, buf.kind + buf.n, buf.kind);
    std::copy(buf.rule + m, buf.rule + buf.n, buf.rule);
    std::copy(buf.flags + m, buf.flags + buf.n, buf.flags);
    buf.n = keep;
  }

  // plain_run's way through 64 bytes of ASCII at once: tokens cut from bit masks, with the same
  // decisions as the byte-at-a-time step below, which takes whatever this leaves (a word that may
  // join across a middle character, an underscore, a possible URL, anything not ASCII but curly
  // double quotes and dashes, a token that reaches the end of the block). Returns where it stopped.
  // It visits token starts only (the first byte of a letter-digit run, and every other byte that is
  // not white space), so white space costs nothing. Called with fewer than flush_at tokens in the
  // batch, it adds at most 64: the batch has room for them.
  std::size_t block_tokens(std::size_t base) {
    static_assert(capacity >= flush_at + 64);
    using namespace segment::detail;
    const auto* d = reinterpret_cast<const unsigned char*>(text.data()) + base;
    const detail::byte_masks m = detail::classify64(d);
    const std::uint64_t word = m.alpha | m.digit;
    // Curly double quotes and dashes (U+201C, U+201D, U+2013, U+2014, UTF-8 E2 80 xx) with ASCII after
    // them, the marks of news text that is not ASCII: bit r where one begins. They join nothing on
    // either side (Word_Break Other) and nothing after them can extend them, so they are tokens here
    // rather than reasons to hand over.
    std::uint64_t curly = 0;
    if (m.high) {
      constexpr std::uint64_t third = (std::uint64_t{1} << 0x13) | (std::uint64_t{1} << 0x14) |
                                      (std::uint64_t{1} << 0x1C) | (std::uint64_t{1} << 0x1D);
      for (std::uint64_t q = m.high & ~(m.high << 1) & ((std::uint64_t{1} << 61) - 1); q; q &= q - 1) {
        const auto r = static_cast<unsigned>(std::countr_zero(q));
        const unsigned x = d[r + 2] - 0x80u;
        if (d[r] == 0xE2 && d[r + 1] == 0x80 && x < 64 && ((third >> x) & 1) && d[r + 3] < 0x80)
          curly |= std::uint64_t{1} << r;
      }
    }
    const std::uint64_t curly_tail = (curly << 1) | (curly << 2);
    const std::uint64_t high = m.high & ~(curly | curly_tail);  // what is not ASCII and not those
    std::uint64_t starts = ((word & ~(word << 1)) | ~(word | m.space)) & ~curly_tail;
    // Bit e: a letter-digit run that ends right before byte e goes to the step below. Either a byte
    // that is not ASCII follows it (a letter may join, or a mark extend it: WB4), or an ASCII mark
    // that the run might join: an underscore (WB13a-b), a colon (a URL may begin, or it joins two
    // letters), or a middle character that joins the run to the next one ("U.S", "don't", "3,000":
    // WB6-7, WB11-12) or is followed by a byte that is not ASCII. Only marks right after a run are
    // looked at, a few a block; a run that reaches byte 63 goes over anyway.
    std::uint64_t run_hands_over = high;
    for (std::uint64_t q = ~(word | m.space | m.high) & (word << 1) & (~std::uint64_t{0} >> 1); q; q &= q - 1) {
      const auto e = static_cast<unsigned>(std::countr_zero(q));
      const unsigned v = d[e];
      const auto c = ascii_words.cls[v];
      bool h = c == a_underscore || v == ':';
      if (c == a_mid && !h) {
        const unsigned x = d[e + 1];
        h = x >= 0x80 || (((m.alpha >> (e - 1)) & 1) ? ascii_words.joins_letters[v] && ascii_words.cls[x] == a_letter
                                                       : ascii_words.joins_digits[v] && ascii_words.cls[x] == a_digit);
      }
      run_hands_over |= static_cast<std::uint64_t>(h) << e;
    }
    // A mark with a byte that is not ASCII after it goes over too: that byte may extend it.
    const std::uint64_t mark_hands_over = high | (high >> 1);
    unsigned last = 0;  // where the last token taken here ended: white space at most lies between
    // Where to hand over at the start r: before the white space that precedes something not ASCII
    // (marks may extend it: WB4), else at r itself.
    const auto stop = [&](unsigned r) -> std::size_t {
      const bool space_then_high = r > 0 && ((m.high >> r) & 1) && ((m.space >> (r - 1)) & 1);
      return base + (space_then_high ? last : r);
    };

    // Most tokens need none of the checks below: they are cut straight from the masks, without a
    // branch on what they are. Token k begins at the k-th bit of `starts` and ends before the k-th
    // bit of `ends` (a token that reaches byte 63 has none, and is last). Bit e of `care` marks the
    // tokens that end before byte e and take the careful step: it stops, merges or looks around.
    const std::uint64_t run_start = word & ~(word << 1);
    const std::uint64_t run_end = (word & ~(word >> 1)) << 1;  // after a run's last byte
    const std::uint64_t mark = ~(word | m.space);
    std::uint64_t ends = (run_end | (mark << 1)) & ~curly_tail;
    // Whether a run holds none of `bits` (a subset of `word`), at the bit after the run: adding the
    // run's first bit to its other bits carries out of the run only when they are all set.
    const auto none_in_run = [&](std::uint64_t bits) { return ((word & ~bits) + run_start) & run_end; };
    const auto any_in_run = [&](std::uint64_t bits) { return run_end & ~none_in_run(bits); };
    const std::uint64_t has_alpha = any_in_run(m.alpha);
    const std::uint64_t digit_first = any_in_run(run_start & m.digit);
    std::uint64_t care = (std::uint64_t{1} << 63) | (run_end & run_hands_over) | (has_alpha & digit_first) |
                         ((mark_hands_over & mark) << 1) | (curly << 3) |
                         any_in_run(run_start & m.digit & (mark << 1));  // a glued number may merge
    // The first token, glued to the last one before the block, may merge with it.
    std::uint32_t prev = buf.n == 0 ? 0 : buf.end[buf.n - 1];
    if ((starts & 1) && buf.n > 0 && prev == base) care |= ends & (~ends + 1);
    // A full stop glued to a word may join it (abbreviation_rule: "Mr.", "Jan.", "J."). Right after
    // a plain word token of this block that follows white space, it is known to be the whole word
    // before it, and when that is no initial and the abbreviation filter says no, the full stop
    // stays a token of its own: it is cut here like any mark. Every other full stop takes the
    // careful step (a word segment there, "e.g" or "U.S", may have run up to it).
    std::uint64_t plain_dots = 0;
    for (std::uint64_t q = m.dot & run_end & ~care; q; q &= q - 1) {
      const auto e = static_cast<unsigned>(std::countr_zero(q));
      const auto rs = static_cast<unsigned>(63 - std::countl_zero(run_start & ((std::uint64_t{1} << e) - 1)));
      if (rs == 0 || !((m.space >> (rs - 1)) & 1)) continue;
      if ((has_alpha >> e) & 1) {
        if (e - rs == 1 && ((m.upper >> rs) & 1)) continue;  // an initial
        if (t.may_hold(std::string_view(reinterpret_cast<const char*>(d + rs), e - rs + 1))) continue;
      }
      plain_dots |= q & (~q + 1);
    }
    care |= (m.dot & ~plain_dots) << 1;
    const std::uint64_t has_digit = any_in_run(m.digit);
    const std::uint64_t has_upper = any_in_run(m.upper);
    const std::uint64_t has_lower = any_in_run(m.alpha & ~m.upper);
    const std::uint64_t all_upper = has_upper & ~has_lower, all_lower = has_lower & ~has_upper;
    // Title case: the first letter the only capital.
    const std::uint64_t title = any_in_run(run_start & m.upper) & ~any_in_run(m.upper & ~run_start);
    // A token's shape flags are the bits e of these masks (all clear for a mark). Pairs of masks
    // sit in SSE registers, so one shift and one sign-bit extraction read two flags.
#if defined(BYLINE_TOKENIZER_SSE2)
    const __m128i flag01 = _mm_set_epi64x(static_cast<long long>(has_digit), static_cast<long long>(has_alpha));
    const __m128i flag23 = _mm_set_epi64x(static_cast<long long>(all_lower), static_cast<long long>(all_upper));
    const __m128i flag4 = _mm_set_epi64x(0, static_cast<long long>(title));
    static_assert(token_flag::has_alpha.bits == 1 && token_flag::has_digit.bits == 2 && token_flag::all_upper.bits == 4 &&
                  token_flag::all_lower.bits == 8 && token_flag::title.bits == 16);
    const auto shape_at = [&](unsigned e) -> unsigned {
      const __m128i k = _mm_cvtsi32_si128(static_cast<int>(63 - e));
      return static_cast<unsigned>(_mm_movemask_pd(_mm_castsi128_pd(_mm_sll_epi64(flag01, k)))) |
             static_cast<unsigned>(_mm_movemask_pd(_mm_castsi128_pd(_mm_sll_epi64(flag23, k)))) << 2 |
             static_cast<unsigned>(_mm_movemask_pd(_mm_castsi128_pd(_mm_sll_epi64(flag4, k)))) << 4;
    };
#else
    const auto shape_at = [&](unsigned e) -> unsigned {
      return static_cast<unsigned>(((has_alpha >> e) & 1) * token_flag::has_alpha.bits |
                                   ((has_digit >> e) & 1) * token_flag::has_digit.bits |
                                   ((all_upper >> e) & 1) * token_flag::all_upper.bits |
                                   ((all_lower >> e) & 1) * token_flag::all_lower.bits |
                                   ((title >> e) & 1) * token_flag::title.bits);
    };
#endif

    for (;;) {
      const auto cut = static_cast<unsigned>(std::countr_zero(care));  // bit 63 stays: never 64
      std::size_t n = buf.n;
      for (;; ++n) {
        const auto e = static_cast<unsigned>(std::countr_zero(ends));
        if (e >= cut) break;
        const auto r = static_cast<unsigned>(std::countr_zero(starts));
        const unsigned u = d[r];
        if (detail::ascii_mark_attention[u]) break;  // rare but for full stops, and cheaper than a mask
        const auto at = static_cast<std::uint32_t>(base + r);
        const auto f = static_cast<std::uint16_t>(shape_at(e) | token_flag::ascii.bits |
                                                  static_cast<unsigned>(at > prev) * token_flag::space_before.bits);
        buf.begin[n] = at;
        buf.end[n] = prev = static_cast<std::uint32_t>(base + e);
        buf.kind[n] = detail::ascii_token_kind[u];
        buf.rule[n] = token_rule::word_boundary;
        buf.flags[n] = f;
        last = e;
        starts &= starts - 1;
        ends &= ends - 1;
      }
      buf.n = n;
      if (!starts) break;
      // The careful step, for one token.
      const auto r = static_cast<unsigned>(std::countr_zero(starts));
      if (r >= 62) return stop(r);
      const std::uint64_t bit = std::uint64_t{1} << r;
      const auto at = static_cast<std::uint32_t>(base + r);
      // Glued to the token before: only then can a merge look back (merge_glued).
      const bool glued = buf.n > 0 && buf.end[buf.n - 1] == at;
      unsigned e;
      if (word & bit) {
        const auto len = static_cast<unsigned>(std::countr_zero(~(word >> r)));
        e = r + len;
        if (e >= 63) return stop(r);
        const bool alpha = (has_alpha >> e) & 1;
        if (((run_hands_over >> e) & 1) || (alpha && ((m.digit >> r) & 1))) {
          // A word segment that goes on across a middle character ("U.S", "don't", "3,000",
          // "Moscow’s"), or a number with letters ("1990s", "3rd"): the step below's scan and rules,
          // as it would take them, unless the segment might not be decided (scan_ascii_word), might
          // be a URL, or leaves the block.
          std::size_t we;
          segment::word_status st;
          detail::shape s;
          if (!scan_ascii_word(at, we, st, s) || st == segment::word_status::punctuation || we - base >= 63 ||
              (st == segment::word_status::letter && may_start_url(at, we)))
            return stop(r);
          word_segment(at, static_cast<std::uint32_t>(we), st, s);
          e = static_cast<unsigned>(we - base);
        } else {
          detail::shape s;
          s.flags = static_cast<std::uint16_t>(shape_at(e) | token_flag::ascii);
          s.first = d[r];
          s.code_points = len;
          push(at, static_cast<std::uint32_t>(base + e), alpha ? token_kind::word : token_kind::number,
               token_rule::word_boundary, s);
          // A glued word merges only after '#' or '@' (hashtags, handles, e-mail addresses); numbers
          // into dates and times.
          if (glued) {
            const auto before = unicode::detail::unit_value(text[at - 1]);
            if (!alpha || before == '#' || before == '@') merge_glued();
          }
        }
      } else if ((curly >> r) & 1) {
        // As the step below takes a lone mark that is not ASCII (mark_alone).
        punctuation_rules(at, at + 3);
        e = r + 3;
      } else {
        // A lone ASCII mark (ascii_punct_alone): not a control character or an underscore.
        if ((mark_hands_over >> r) & 1) return stop(r);
        const unsigned u = d[r];
        if (u < 0x21 || u == 0x7F || u == '_') return stop(r);
        push_ascii_mark(at, u);
        e = r + 1;
        // The word glued after '#' or '@' may merge with it: it takes this step too.
        if ((u == '#' || u == '@') && ((word >> e) & 1))
          care |= std::uint64_t{1} << std::min(63u, e + static_cast<unsigned>(std::countr_zero(~(word >> e))));
      }
      // Past what the step took, [r, e): one token, or a word segment's several.
      last = e;
      prev = buf.end[buf.n - 1];
      starts &= ~((std::uint64_t{1} << e) - 1);
      ends &= ~((std::uint64_t{2} << e) - 1);  // e is at most 63: 2 << 63 is 0, and all go
      care &= ~((std::uint64_t{2} << e) - 1) | (std::uint64_t{1} << 63);
    }
    // White space at most after the last token: the step below skips it, and reads what follows.
    return base + last;
  }

  // The common run of news text: single spaces, plain ASCII words, lone ASCII marks, line breaks.
  // The same decisions as the loop below takes for them, in a function of its own so that the
  // compiler keeps this loop's state in registers (in the big loop it was reloaded from the stack
  // and through pointers at every token). Returns where it stopped: at anything else, before a
  // URL or special case could begin, or when the batch is full.
  std::size_t plain_run(std::size_t p) {
    using segment::word_status;
    const std::size_t n = text.size();
    while (p < n && buf.n < flush_at) {
      if constexpr (sizeof(C) == 1) {
        if (p + 64 <= n) {
          const auto q = block_tokens(p);
          if (q != p) {
            p = q;
            continue;
          }
        }
      }
      std::size_t b = p;
      auto u = unicode::detail::unit_value(text[p]);
      if (u == ' ' && p + 1 < n) {
        const auto next = unicode::detail::unit_value(text[p + 1]);
        if (next < 0x80 && !ascii_space(next)) b = ++p, u = next;
      }
      if (u >= 0x80) return p;
      if (ascii_space(u)) {
        std::size_t q = p;
        while (q < n && ascii_space(unicode::detail::unit_value(text[q]))) ++q;
        if (q < n && unicode::detail::unit_value(text[q]) >= 0x80) return p;  // marks may extend it
        p = q;
        continue;
      }
      std::size_t e;
      word_status st;
      detail::shape s;
      if (scan_ascii_word(p, e, st, s)) {
        if (st == word_status::punctuation || !is_plain(s) || (st == word_status::letter && may_start_url(b, e)))
          return b;
        push(static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e),
             st == word_status::number ? token_kind::number : token_kind::word, token_rule::word_boundary, s);
        merge_back();
        p = e;
        continue;
      }
      if (!ascii_punct_alone(p)) return b;
      push_ascii_mark(static_cast<std::uint32_t>(b), u);
      p = b + 1;
    }
    return p;
  }

  // The segments of the text, one at a time. ASCII text, most of news, takes a fused path: spaces are
  // skipped, letters and digits are segmented and shaped in one pass, and single punctuation marks go
  // straight to their rule; everything else goes through the full UAX #29 engine. With General, all
  // of it does: tests run both and compare (tests/tokenizer_test.cpp), as the fast paths must only
  // be faster.
  void operator()() {
    using segment::word_status;
    using It = typename view::const_iterator;
    const It first = text.begin(), last = text.end();
    auto at = [&](std::size_t i) { return first + static_cast<std::ptrdiff_t>(i); };
    std::size_t p = 0;
    const std::size_t n = text.size();
    std::size_t skip_until = 0;  // a URL or special case already covered the text up to here
    while (p < n) {
      if (buf.n >= flush_at) flush(keep_back);
      if constexpr (!General && sizeof(C) == 1) {
        if (p >= skip_until && t.specials.empty()) {
          p = plain_run(p);
          if (p >= n) break;
          if (buf.n >= flush_at) continue;
        }
      }
      std::size_t b = p, e;
      word_status st;
      detail::shape fast_shape;
      bool shaped = false;
      if constexpr (General) {
        auto step = segment::detail::word_rules<unicode::encoding_of<C>>(at(p), last);
        e = b + step.length;
        st = step.status;
      } else {
        auto u = unicode::detail::unit_value(text[p]);
        if (u == ' ' && p + 1 < n) {
          // One space before a token, the usual case: step over it here.
          const auto next = unicode::detail::unit_value(text[p + 1]);
          if (next < 0x80 && !ascii_space(next)) {
            b = ++p;
            u = next;
          }
        }
        if (u < 0x80 && ascii_space(u)) {
          // Skip white space; marks that extend it (WB4) belong to it too, unless a line break precedes.
          while (p < n && ascii_space(unicode::detail::unit_value(text[p]))) ++p;
          if (p < n && unicode::detail::unit_value(text[p]) >= 0x80 &&
              !is_newline_unit(unicode::detail::unit_value(text[p - 1]))) {
            while (p < n) {
              auto d = unicode::decode(at(p), last);
              if (!segment::detail::is_ignorable(unicode::properties(d.code_point).word())) break;
              p = static_cast<std::size_t>(d.next - first);
            }
          }
          continue;
        }
        if (u < 0x80 && scan_ascii_word(p, e, st, fast_shape)) {
          // The common case, straight to its token: a plain word (not a run of underscores, which is
          // punctuation) where no special case may begin, outside any URL, that cannot start one.
          if (b >= skip_until && t.specials.empty() && st != word_status::punctuation && is_plain(fast_shape) &&
              !(st == word_status::letter && may_start_url(b, e))) {
            push(static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e),
                 st == word_status::number ? token_kind::number : token_kind::word, token_rule::word_boundary,
                 fast_shape);
            merge_back();
            p = e;
            continue;
          }
          shaped = true;
        } else if (u < 0x80 && ascii_punct_alone(p)) {
          e = p + 1;
          st = word_status::punctuation;
          if (b >= skip_until && t.specials.empty()) {
            push_ascii_mark(static_cast<std::uint32_t>(b), u);
            p = e;
            continue;
          }
        } else if (u >= 0x80 && mark_alone(p, e, st)) {
          // a curly quote, a dash: one code point, nothing to join
        } else {
          auto step = segment::detail::word_engine::template next<unicode::encoding_of<C>>(at(p), last);
          e = b + step.length;
          st = step.status;
        }
      }
      p = e;
      if ((st == word_status::emoji || st == word_status::other) && starts_with_space(b)) {
        // White space never begins a token, nor do the invisible characters that the paragraph rules
        // read as white space (a zero width space, a bidi mark alone: unicode/spaces.hpp). Skip them
        // and the marks that extend them, and start anew: WB3c joins a ZWJ to the pictograph after it
        // even where WB4 has given the ZWJ to a space before.
        p = after_space(b);
        continue;
      }
      if (e <= skip_until) continue;
      if (b < skip_until) {
        // A segment that straddles the end of a URL or special case: its rest is segmented anew.
        p = skip_until;
        continue;
      }
      if (st == word_status::whitespace) continue;
      if (!t.specials.empty()) {
        // A special case must end where some segment ends: walk the segments from here.
        auto ends_at_boundary = [&](std::size_t end) {
          for (std::size_t q = b; q < n;) {
            q += segment::detail::word_engine::template next<unicode::encoding_of<C>>(at(q), last).length;
            if (q == end) return true;
            if (q > end) return false;
          }
          return false;
        };
        if (const auto* sc = special_at(b, ends_at_boundary)) {
          skip_until = push_special(b, *sc);
          continue;
        }
      }
      if (st == word_status::letter && may_start_url(b, e)) {
        const auto ue = url_end(b);
        if (ue > b) {
          push(static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(ue), token_kind::url, token_rule::url);
          // Segment anew from the URL's end. It may end inside a word segment, even this one: UAX #29
          // joins "www.example.com.\uFEFF한국" (WB4 ignores the format character, WB6/7 join letters
          // across the full stop), and the URL ends at the invisible space, before the full stop.
          skip_until = ue;
          p = ue;
          continue;
        }
      }
      switch (st) {
        case word_status::letter:
        case word_status::number:
          word_segment(static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e), st,
                       shaped ? fast_shape : detail::shape_of(piece(b, e)));
          break;
        case word_status::kana:
        case word_status::ideographic:
          push(static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e), token_kind::word, token_rule::word_boundary);
          break;
        case word_status::emoji:
          push(static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e), token_kind::emoji, token_rule::word_boundary);
          break;
        case word_status::punctuation:
          punctuation_segment(static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e));
          break;
        default:
          push(static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e), token_kind::other, token_rule::word_boundary);
          break;
      }
    }
  }

  static constexpr bool is_newline_unit(std::uint32_t u) { return u == '\n' || u == '\r' || u == 0x0B || u == 0x0C; }
};

template <unicode::code_unit C>
std::size_t tokenizer::tokenize(std::basic_string_view<C> text, token_layer& out) const {
  return tokenize_with<false>(text, out);
}

template <bool General, unicode::code_unit C>
std::size_t tokenizer::tokenize_with(std::basic_string_view<C> text, token_layer& out) const {
  if (text.size() > 0xFFFFFFFFu)
    throw std::length_error("byline::tokenizer: a document holds at most 4 GiB of code units");
  // News averages about six code units a token; reserving near that avoids most regrowth.
  out.reserve(out.size() + text.size() / 5 + 16);
  thread_local std::unique_ptr<typename run<C, General>::batch> batch;
  if (!batch) batch = std::make_unique<typename run<C, General>::batch>();
  batch->n = 0;
  run<C, General> r{*t_, text, *batch, out, 0, {}};
  r();
  r.flush(0);
  out.trim();
  return r.invalid;
}

}  // namespace byline
