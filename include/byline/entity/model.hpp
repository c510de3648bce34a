// byline — the named-entity sequence model: a linear model over BILOU tags for CoNLL-2003's four
// types, with hashed features, trained as an averaged perceptron and decoded by Viterbi (or
// greedily, for models trained that way).
//
//   const auto& m = byline::ner_model::default_model();   // needs <byline/entity/default_model.hpp>
//   std::vector<std::string_view> words{"Vladimir", "Putin", "met", "Donald", "Trump", "in", "Alaska"};
//   auto tags = m.tag(words);            // B-PER L-PER O B-PER L-PER O U-LOC
//   for (auto s : byline::ner_spans(tags)) use(s.type, s.begin, s.end);
//
// Tags. A tag is O or a position (B begin, I inside, L last, U unit) and a type (PER ORG LOC MISC):
// 17 tags. Ratinov and Roth (2009, "Design challenges and misconceptions in named entity
// recognition") found BILOU better than IOB, and greedy decoding with previous-tag features as good
// as Viterbi. Measured here on CoNLL-2003's eng.testa, Viterbi over first-order transitions won:
// F1 90.35 against 89.02 greedy for the baseline features, 91.55 against 90.48 with the document
// history (tools/train_ner.cpp --features ...,viterbi or not). The default model is the Viterbi one;
// greedy models still load and run (ner_feature::viterbi in their weights says which).
//
// Features. Each is a 64-bit hash of a template and its values, looked up in a table of weight rows
// (one weight per tag). Of the word itself: the word, lower case, shape (Xxxx, dd-dd), short shape
// (Xx, d-d), prefixes and suffixes up to 4, Brown-cluster bit-string prefixes (when the model has
// clusters). Of its neighbours at -2..+2: lower case, short shape, cluster. Of the sentence: the
// capitalisation classes of the previous, this and the next word; sentence-initial position with
// this word's class; headline (an all-caps sentence) with this word's class. Transitions: the
// previous tag, alone and with this word's class (greedy models: also the two previous tags). Of
// the document: how earlier occurrences of this word (case-insensitively) were tagged in this
// document (Ratinov and Roth's "extended prediction history"). And any number of "extra" features
// per token that the caller supplies as 64-bit ids (gazetteer membership, say): the model only needs
// to have been trained with them (ner_training_document::extra_ids).
//
// Speed. Everything that depends only on a word's spelling — the sum of its own features' weights
// and of its features as a neighbour at each offset — is computed once per word type and kept in the
// caller's ner_workspace, across documents (16-bit sums, about 260 bytes per type); a token then
// costs the sum of a few cached vectors and small tables, prefetched ahead, and one Viterbi step.
//
// Threads. A ner_model is immutable after construction: share one between threads freely, each
// with its own ner_workspace (the overloads without one use a thread_local workspace).
#pragma once

#include <byline/entity/labels.hpp>
#include <byline/unicode/properties.hpp>
#include <byline/unicode/utf.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

// Viterbi's SSE2 paths; BYLINE_NO_SIMD keeps the portable loops beside them.
#if defined(__SSE2__) && !defined(BYLINE_NO_SIMD)
#define BYLINE_NER_SSE2 1
#include <xmmintrin.h>
#endif

namespace byline {

// ---------------------------------------------------------------------------------------------------
// Tags

struct ner_tag {
  static constexpr std::size_t count = 17;
  std::uint8_t value = 0;  // 0 is O; else 1 + 4 * (type - 1) + position (B 0, I 1, L 2, U 3)

  constexpr ner_tag() = default;
  constexpr explicit ner_tag(std::uint8_t v) noexcept : value(v < count ? v : 0) {}
  // position: 'B', 'I', 'L' or 'U'; anything else (or type none) makes O.
  static constexpr ner_tag make(conll_type type, char position) noexcept {
    const auto t = static_cast<unsigned>(type);
    if (t == 0 || t > 4) return {};
    const int p = position == 'B' ? 0 : position == 'I' ? 1 : position == 'L' ? 2 : position == 'U' ? 3 : -1;
    if (p < 0) return {};
    return ner_tag(static_cast<std::uint8_t>(1 + 4 * (t - 1) + static_cast<unsigned>(p)));
  }
  constexpr conll_type type() const noexcept {
    return value == 0 ? conll_type::none : static_cast<conll_type>(1 + (value - 1) / 4);
  }
  // 'O', 'B', 'I', 'L' or 'U'.
  constexpr char position() const noexcept { return value == 0 ? 'O' : "BILU"[(value - 1) % 4]; }
  constexpr bool is_outside() const noexcept { return value == 0; }
  // Whether a span is open after this tag (B or I), so the next tag must be I or L of its type.
  constexpr bool continues() const noexcept { return value != 0 && (value - 1) % 4 < 2; }
  friend constexpr bool operator==(ner_tag, ner_tag) = default;
};

// "O", "B-PER", "U-LOC", ...
inline std::string to_string(ner_tag t) {
  if (t.is_outside()) return "O";
  std::string s(1, t.position());
  s += '-';
  s += name(t.type());
  return s;
}

// Whether `next` may follow `prev` in a well-formed BILOU sequence (prev == nullopt: sentence start).
constexpr bool ner_transition_allowed(ner_tag prev, ner_tag next) noexcept {
  if (prev.continues())
    return next.type() == prev.type() && (next.position() == 'I' || next.position() == 'L');
  return next.is_outside() || next.position() == 'B' || next.position() == 'U';
}

// A typed run of tokens [begin, end).
struct ner_span {
  conll_type type = conll_type::none;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  friend constexpr bool operator==(const ner_span&, const ner_span&) = default;
};

// The spans of a tag sequence, reading it as leniently as conlleval: B or U starts a span; I or L
// continues an open span of its type (else starts one); L and U close it; O ends it.
inline std::vector<ner_span> ner_spans(std::span<const ner_tag> tags) {
  std::vector<ner_span> out;
  bool open = false;
  ner_span cur;
  for (std::uint32_t i = 0; i < tags.size(); ++i) {
    const auto t = tags[i];
    const char p = t.position();
    if (p == 'O') {
      if (open) cur.end = i, out.push_back(cur), open = false;
      continue;
    }
    if (p == 'B' || p == 'U' || !open || cur.type != t.type()) {
      if (open) cur.end = i, out.push_back(cur);
      cur = {t.type(), i, i};
      open = true;
    }
    if (p == 'L' || p == 'U') cur.end = i + 1, out.push_back(cur), open = false;
  }
  if (open) cur.end = static_cast<std::uint32_t>(tags.size()), out.push_back(cur);
  return out;
}

// BILOU tags for `n` tokens from sorted, non-overlapping spans (others are skipped).
inline std::vector<ner_tag> ner_tags_from_spans(std::span<const ner_span> spans, std::size_t n) {
  std::vector<ner_tag> out(n);
  std::size_t covered = 0;
  for (const auto& s : spans) {
    if (s.begin >= s.end || s.end > n || s.begin < covered || s.type == conll_type::none) continue;
    if (s.end - s.begin == 1) {
      out[s.begin] = ner_tag::make(s.type, 'U');
    } else {
      out[s.begin] = ner_tag::make(s.type, 'B');
      for (auto i = s.begin + 1; i + 1 < s.end; ++i) out[i] = ner_tag::make(s.type, 'I');
      out[s.end - 1] = ner_tag::make(s.type, 'L');
    }
    covered = s.end;
  }
  return out;
}

// IOB2 strings ("B-PER", "I-PER", "O") for the spans of a tag sequence, as CoNLL scorers read them.
inline std::vector<std::string> to_iob2(std::span<const ner_tag> tags) {
  std::vector<std::string> out(tags.size(), "O");
  for (const auto& s : ner_spans(tags))
    for (auto i = s.begin; i < s.end; ++i) out[i] = std::string(i == s.begin ? "B-" : "I-") + std::string(name(s.type));
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Feature templates and hashing (shared by the model and the trainer).

// Which feature groups a model uses; saved with its weights.
namespace ner_feature {
inline constexpr std::uint32_t word = 1u << 0;         // word, lower case
inline constexpr std::uint32_t shape = 1u << 1;        // shape and short shape
inline constexpr std::uint32_t affixes = 1u << 2;      // prefixes and suffixes 1..4
inline constexpr std::uint32_t neighbours = 1u << 3;   // lower case and short shape at -2..+2
inline constexpr std::uint32_t cap_window = 1u << 4;   // capitalisation classes at -1, 0, +1
inline constexpr std::uint32_t position = 1u << 5;     // sentence-initial x class, headline x class
inline constexpr std::uint32_t prev_tags = 1u << 6;    // previous tag, two previous, previous x class
inline constexpr std::uint32_t history = 1u << 7;      // earlier tags of this word in the document
inline constexpr std::uint32_t clusters = 1u << 8;     // word-cluster prefixes, own and neighbours'
inline constexpr std::uint32_t extra = 1u << 9;        // caller-supplied ids
inline constexpr std::uint32_t doc_case = 1u << 10;    // how this word is capitalised elsewhere in the document
// Not a feature group: decode each sentence by Viterbi over first-order transitions (the previous
// tag, alone and with this word's class) instead of greedily; the history then counts earlier
// sentences only. Kept to compare the two (tools/train_ner --features ...,viterbi).
inline constexpr std::uint32_t viterbi = 1u << 11;
inline constexpr std::uint32_t baseline = word | shape | affixes | neighbours | cap_window | position | prev_tags;
inline constexpr std::uint32_t all = baseline | history | clusters | extra | doc_case;
}  // namespace ner_feature

namespace detail::ner {

// A hint to fetch memory that will be read soon: tagging reads per-word-type tables in an order
// known in advance, and their cache misses were most of its time.
inline void prefetch(const void* p) noexcept {
#if defined(__GNUC__) || defined(__clang__)
  __builtin_prefetch(p);
#else
  (void)p;
#endif
}

inline constexpr std::size_t tags = ner_tag::count;
inline constexpr std::size_t pad = 24;       // a score vector's length (17 rounded up for SIMD)
inline constexpr std::size_t start_tag = 17;  // "previous tag" before a sentence's first token
inline constexpr std::size_t prev_states = 18;
inline constexpr std::size_t cap_classes = 6;  // 0 none (padding), 1 lower, 2 Initial, 3 ALLCAPS, 4 digits, 5 other
inline constexpr std::size_t hist_types = 5;   // O PER ORG LOC MISC
inline constexpr std::size_t max_sentence = 4096;  // longer sentences are tagged in parts
// Cached per-word sums are 16-bit multiples of this, in steps of 1/32, against decisions whose
// margins are rarely below 0.1. Each is held to a fifth of the 16-bit range (+-204.8) so that a
// token's five (its own and four neighbours') add up in 16 bits without overflow; the largest
// role sum seen over PolNeAR, CoNLL-2003 and UNER (3.8M tokens) was 167.
inline constexpr float entry_unit = 1.0f / 32.0f;
inline constexpr long max_role_units = 32767 / 5;
// std::lround, inline (it was a call into libm for every new word): halves away from zero. In
// double, adding 0.5 to a float's value is exact, so truncating gives lround's answer.
inline std::int16_t to_units(float x) noexcept {
  const double y = static_cast<double>(x / entry_unit);
  const double r = y >= 0 ? y + 0.5 : y - 0.5;
  const double c = std::clamp(r, -static_cast<double>(max_role_units), static_cast<double>(max_role_units));
  return static_cast<std::int16_t>(static_cast<long>(c));
}

constexpr std::uint64_t mix64(std::uint64_t x) noexcept {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// FNV-1a over the bytes, seeded, then mixed: stable across platforms, since saved weights are keyed
// by it.
constexpr std::uint64_t hash_bytes(std::string_view s, std::uint64_t seed) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ULL ^ seed;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return mix64(h ^ s.size());
}

enum tmpl : std::uint64_t {
  t_bias = 1, t_word, t_lower, t_shape, t_short_shape, t_prefix, t_suffix = t_prefix + 8, t_cluster = t_suffix + 8,
  t_nb_lower = t_cluster + 8, t_nb_shape = t_nb_lower + 8, t_nb_cluster = t_nb_shape + 8,
  t_cap_window = t_nb_cluster + 40, t_initial, t_headline, t_prev1, t_prev2, t_prev1_cap, t_hist, t_extra,
  t_doc_case,
};

// Feature ids are never 0 (the lookup table's empty slot).
constexpr std::uint64_t nonzero(std::uint64_t h) noexcept { return h ? h : 1; }
constexpr std::uint64_t fid(std::uint64_t t, std::string_view s) noexcept { return nonzero(hash_bytes(s, mix64(t))); }
constexpr std::uint64_t fid(std::uint64_t t, std::uint64_t a, std::uint64_t b = 0, std::uint64_t c = 0) noexcept {
  // Chained rather than summed, so that no two templates' values can cancel out.
  std::uint64_t h = mix64(t * 0x9E3779B97F4A7C15ULL + 0x51ED27ULL);
  h = mix64(h ^ a);
  h = mix64((h + 0xC2B2AE3D27D4EB4FULL) ^ b);
  h = mix64((h + 0x165667B19E3779F9ULL) ^ c);
  return nonzero(h);
}
// Neighbour offsets -2, -1, +1, +2 as 0..3.
constexpr std::uint64_t nb_index(int d) noexcept { return d < 0 ? static_cast<std::uint64_t>(d + 2) : static_cast<std::uint64_t>(d + 1); }

// What the features need from one word.
struct word_info {
  std::string norm;         // quotes and dashes made ASCII
  std::string lower;        // norm lower-cased, digits as 0
  std::string shape;        // X x d per character, runs cut at 4; others as themselves
  std::string short_shape;  // runs cut at 1
  std::vector<std::uint32_t> lower_cps_end;  // byte end of each code point of `lower`
  std::uint8_t cap = 0;     // capitalisation class
};

inline void append_utf8(std::string& s, char32_t c) { unicode::encode_utf8<char>(c, std::back_inserter(s)); }

inline void analyse(std::string_view w, word_info& out) {
  out.norm.clear();
  out.lower.clear();
  out.shape.clear();
  out.short_shape.clear();
  out.lower_cps_end.clear();
  std::size_t letters = 0, uppers = 0, digits = 0;
  bool first_upper = false;
  char last_shape = 0;
  std::size_t run = 0;
  auto put_shape = [&](char c) {
    if (c == last_shape) {
      ++run;
    } else {
      last_shape = c, run = 1;
      out.short_shape += c;
    }
    if (run <= 4) out.shape += c;
  };
  const char* p = w.data();
  const char* const e = w.data() + w.size();
  bool first = true;
  while (p < e) {
    char32_t c;
    const auto b = static_cast<unsigned char>(*p);
    if (b < 0x80) {
      c = b;
      ++p;
    } else {
      const auto d = unicode::decode<unicode::encoding::utf8>(p, e);
      c = d.code_point;
      p = d.next;
    }
    switch (c) {  // curly quotes, dashes: as the ASCII that CoNLL's text has
      case U'\u2018': case U'\u2019': case U'\u201A': case U'\u2032': c = U'\''; break;
      case U'\u201C': case U'\u201D': case U'\u201E': case U'\u00AB': case U'\u00BB': c = U'"'; break;
      case U'\u2010': case U'\u2011': case U'\u2012': case U'\u2013': case U'\u2014': case U'\u2212': c = U'-'; break;
      default: break;
    }
    char32_t lc = c;
    char sh;
    if (c < 0x80) {
      if (c >= 'A' && c <= 'Z') {
        lc = c + 32, sh = 'X', ++letters, ++uppers;
        if (first) first_upper = true;
      } else if (c >= 'a' && c <= 'z') {
        sh = 'x', ++letters;
      } else if (c >= '0' && c <= '9') {
        lc = '0', sh = 'd', ++digits;
      } else {
        sh = static_cast<char>(c);
      }
    } else {
      const auto gc = unicode::general_category_of(c);
      if (gc == unicode::general_category::lu || gc == unicode::general_category::lt) {
        lc = unicode::simple_lowercase(c), sh = 'X', ++letters, ++uppers;
        if (first) first_upper = true;
      } else if (unicode::is_letter(gc) || unicode::is_mark(gc)) {
        sh = 'x', ++letters;
      } else if (gc == unicode::general_category::nd) {
        lc = '0', sh = 'd', ++digits;
      } else {
        sh = '*';
      }
    }
    first = false;
    if (c < 0x80) out.norm += static_cast<char>(c);
    else append_utf8(out.norm, c);
    if (lc < 0x80) out.lower += static_cast<char>(lc);
    else append_utf8(out.lower, lc);
    out.lower_cps_end.push_back(static_cast<std::uint32_t>(out.lower.size()));
    put_shape(sh);
  }
  if (letters == 0) out.cap = digits > 0 ? 4 : 5;
  else if (first_upper && uppers == letters && letters >= 2) out.cap = 3;
  else if (first_upper) out.cap = 2;
  else out.cap = 1;
}

// A word's place in a hierarchy of word clusters: the bit string from the root, as bits (first bit
// highest of `length`) — at most 32 levels.
struct cluster_path {
  std::uint32_t bits = 0;
  std::uint8_t length = 0;  // 0: not in any cluster
};
inline constexpr std::uint8_t cluster_prefixes[] = {4, 6, 10, 20};

// The features of a word by itself.
inline void self_features(const word_info& w, cluster_path cl, std::uint32_t groups, std::vector<std::uint64_t>& out) {
  out.push_back(fid(t_bias, 0));
  if (groups & ner_feature::word) {
    out.push_back(fid(t_word, w.norm));
    out.push_back(fid(t_lower, w.lower));
  }
  if (groups & ner_feature::shape) {
    out.push_back(fid(t_shape, w.shape));
    out.push_back(fid(t_short_shape, w.short_shape));
  }
  if (groups & ner_feature::affixes) {
    const auto n = w.lower_cps_end.size();
    for (std::size_t k = 1; k <= 4 && k < n; ++k) {
      const std::string_view l = w.lower;
      out.push_back(fid(t_prefix + k, l.substr(0, w.lower_cps_end[k - 1])));
      out.push_back(fid(t_suffix + k, l.substr(w.lower_cps_end[n - k - 1])));
    }
  }
  if ((groups & ner_feature::clusters) && cl.length > 0) {
    for (std::size_t k = 0; k < std::size(cluster_prefixes); ++k) {
      const auto len = std::min<std::uint32_t>(cluster_prefixes[k], cl.length);
      out.push_back(fid(t_cluster + k, cl.bits >> (cl.length - len), len));
      if (len == cl.length) break;
    }
  }
}

// The features of a word seen from a token `d` places away (d = -2, -1, +1, +2); `w` is null for
// the padding beyond a sentence's ends.
inline void neighbour_features(const word_info* w, cluster_path cl, int d, std::uint32_t groups,
                               std::vector<std::uint64_t>& out) {
  if (!(groups & ner_feature::neighbours)) return;
  const auto k = nb_index(d);
  if (!w) {
    out.push_back(fid(t_nb_lower + k, "\x01pad"));
    return;
  }
  out.push_back(fid(t_nb_lower + k, w->lower));
  out.push_back(fid(t_nb_shape + k, w->short_shape));
  if ((groups & ner_feature::clusters) && cl.length > 0) {
    for (std::size_t j = 0; j < 2; ++j) {  // the 4- and 6-bit prefixes only
      const auto len = std::min<std::uint32_t>(cluster_prefixes[j], cl.length);
      out.push_back(fid(t_nb_cluster + k * 8 + j, cl.bits >> (cl.length - len), len));
    }
  }
}

// Small-domain features, looked up in dense tables at run time.
constexpr std::uint64_t cap_window_id(unsigned l, unsigned c, unsigned r) noexcept { return fid(t_cap_window, l, c, r); }
constexpr std::uint64_t initial_id(unsigned c) noexcept { return fid(t_initial, c); }
constexpr std::uint64_t headline_id(unsigned c) noexcept { return fid(t_headline, c); }
constexpr std::uint64_t prev1_id(unsigned p) noexcept { return fid(t_prev1, p); }
constexpr std::uint64_t prev2_id(unsigned pp, unsigned p) noexcept { return fid(t_prev2, pp, p); }
constexpr std::uint64_t prev1_cap_id(unsigned p, unsigned c) noexcept { return fid(t_prev1_cap, p, c); }
constexpr std::uint64_t hist_id(unsigned type, unsigned c) noexcept { return fid(t_hist, type, c); }
constexpr std::uint64_t extra_key(std::uint64_t id) noexcept { return fid(t_extra, id); }
constexpr std::uint64_t doc_case_id(unsigned k, unsigned c) noexcept { return fid(t_doc_case, k, c); }

// How a word is written elsewhere in its document, away from sentence starts and headlines, where
// capitals say nothing: 0 nowhere else, 1 only Capitalised, 2 only lower case, 3 both. It tells a
// name in an all-caps headline or at a sentence's start from a common word (Ratinov and Roth's
// non-local features, and an old trick of truecasers).
inline constexpr std::size_t doc_case_classes = 4;
struct case_counts {
  std::uint32_t upper = 0, lower = 0;
};
// Whether token i of a sentence [b, e) counts for the casing of its word.
constexpr bool counts_for_case(std::size_t i, std::size_t b, bool headline) noexcept { return i != b && !headline; }
// The class for a token of cap class `c`, given its word's counts in the document (its own
// occurrence included when it counts, and taken out here).
constexpr unsigned doc_case_class(case_counts k, unsigned c, bool counted) noexcept {
  if (counted) {
    if (c == 2 && k.upper > 0) --k.upper;
    if (c == 1 && k.lower > 0) --k.lower;
  }
  return (k.upper > 0 ? 1u : 0u) | (k.lower > 0 ? 2u : 0u);
}

// A sentence is a headline when most of its words are in capitals (CoNLL's sports results and
// titles, wire-service datelines).
template <class CapAt>
bool is_headline(std::size_t n, CapAt cap_at) {
  std::size_t caps = 0, words = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = cap_at(i);
    if (c == 1 || c == 2 || c == 3) ++words;
    if (c == 3) ++caps;
  }
  return caps >= 2 && caps * 2 > words;
}

// The history feature's type index for a tag: 0 O, 1 PER, 2 ORG, 3 LOC, 4 MISC.
constexpr unsigned hist_type(ner_tag t) noexcept { return static_cast<unsigned>(t.type()); }

// Whether `t` is allowed after `prev` (start_tag at a sentence start) and, on the sentence's last
// token, leaves no span open.
constexpr bool allowed(std::size_t prev, std::size_t t, bool last) noexcept {
  const ner_tag next(static_cast<std::uint8_t>(t));
  if (last && next.continues()) return false;
  if (prev == start_tag) return !next.continues() || next.position() == 'B';
  return ner_transition_allowed(ner_tag(static_cast<std::uint8_t>(prev)), next);
}

// allowed_mask[prev][last]: bit t set when tag t may follow prev (start_tag at a sentence's start),
// and, for the sentence's last token, leaves no span open.
struct transition_masks {
  std::uint32_t m[prev_states][2];
};
constexpr transition_masks make_masks() noexcept {
  transition_masks out{};
  for (std::size_t p = 0; p < prev_states; ++p)
    for (int last = 0; last < 2; ++last)
      for (std::size_t t = 0; t < tags; ++t)
        if (allowed(p, t, last != 0)) out.m[p][last] |= 1u << t;
  return out;
}
inline constexpr transition_masks allowed_mask = make_masks();

}  // namespace detail::ner

// ---------------------------------------------------------------------------------------------------
// Weights: what training makes and a model is built from.

struct ner_weights {
  std::uint32_t features = ner_feature::baseline;  // ner_feature groups
  std::vector<std::uint64_t> keys;                 // feature hashes, one per row
  std::vector<float> values;                       // keys.size() * 17 weights, row after row
  // Word clusters, when `features` has ner_feature::clusters: word (lower case) and bit string.
  std::vector<std::pair<std::string, detail::ner::cluster_path>> clusters;
  // Loaded from saved weights, whose keys keep only their top 40 bits: lookups mask theirs too.
  bool truncated_keys = false;

  std::size_t size() const noexcept { return keys.size(); }
};

// Saved weights: a byte string, what the generated header holds (as base64 text).
//
//   "BYNER\1" u16 0, u32 features, u32 rows, u32 cluster words
//   rows, sorted by key: key >> 24 (40 bits) as the difference from the previous one (LEB128);
//     3 bytes: which of the 17 tags have a weight (bit t); 1 byte: the row's scale, 2^((b - 160) / 8);
//     one signed byte per weight, weight = byte * scale
//   clusters: word, 0, length byte, bits as 4 bytes (little-endian)
//
// Keys keep 40 bits: with 10^5 rows, a feature that was not kept matches one by chance once in 10^7
// lookups. Weights are rounded to 8 bits of a per-row scale; weights smaller than `prune` (in the
// units of the model's scores) are dropped first, and rows left without weights with them.
namespace detail::ner {
inline constexpr std::uint64_t key_shift = 24;
inline void put_u32(std::string& s, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) s += static_cast<char>((v >> (8 * i)) & 0xFF);
}
inline std::uint32_t get_u32(std::string_view s, std::size_t& at) {
  if (at + 4 > s.size()) throw std::runtime_error("ner weights: truncated");
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + i])) << (8 * i);
  at += 4;
  return v;
}
inline std::uint64_t get_leb(std::string_view s, std::size_t& at) {
  std::uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (at >= s.size()) throw std::runtime_error("ner weights: truncated");
    const auto b = static_cast<unsigned char>(s[at++]);
    v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) return v;
  }
  throw std::runtime_error("ner weights: bad number");
}
}  // namespace detail::ner

inline std::string save_ner_weights(const ner_weights& w, float prune = 0.0f) {
  namespace n = detail::ner;
  std::vector<std::pair<std::uint64_t, std::size_t>> order;
  for (std::size_t r = 0; r < w.keys.size(); ++r) {
    bool any = false;
    for (std::size_t t = 0; t < n::tags; ++t) any |= std::fabs(w.values[r * n::tags + t]) > prune;
    if (any) order.emplace_back(w.keys[r] >> n::key_shift, r);
  }
  std::sort(order.begin(), order.end());
  std::string out = "BYNER\1";
  out += '\0', out += '\0';
  n::put_u32(out, w.features);
  const auto rows_at = out.size();
  n::put_u32(out, 0);
  n::put_u32(out, static_cast<std::uint32_t>(w.clusters.size()));
  std::uint64_t prev = 0;
  std::uint32_t rows = 0;
  for (std::size_t i = 0; i < order.size(); ++i) {
    const auto [key, r] = order[i];
    if (i > 0 && key == prev) continue;  // two features in 40 bits: keep the first
    const float* v = &w.values[r * n::tags];
    float mx = 0;
    for (std::size_t t = 0; t < n::tags; ++t) mx = std::max(mx, std::fabs(v[t]));
    // The smallest scale step that keeps the largest weight within 127.
    int b = static_cast<int>(std::ceil(8.0 * std::log2(std::max(mx, 1e-30f) / 127.0f))) + 160;
    b = std::clamp(b, 0, 255);
    const float scale = std::exp2((static_cast<float>(b) - 160.0f) / 8.0f);
    std::uint32_t mask = 0;
    std::int8_t q[n::tags];
    for (std::size_t t = 0; t < n::tags; ++t) {
      const float x = std::fabs(v[t]) > prune ? std::round(v[t] / scale) : 0.0f;
      q[t] = static_cast<std::int8_t>(std::clamp(x, -127.0f, 127.0f));
      if (q[t] != 0) mask |= 1u << t;
    }
    if (mask == 0) continue;
    for (auto d = key - prev; ; ) {  // LEB128
      const auto byte = static_cast<unsigned char>(d & 0x7F);
      d >>= 7;
      out += static_cast<char>(byte | (d ? 0x80 : 0));
      if (!d) break;
    }
    prev = key;
    out += static_cast<char>(mask & 0xFF), out += static_cast<char>((mask >> 8) & 0xFF), out += static_cast<char>(mask >> 16);
    out += static_cast<char>(b);
    for (std::size_t t = 0; t < n::tags; ++t)
      if (mask & (1u << t)) out += static_cast<char>(q[t]);
    ++rows;
  }
  for (int i = 0; i < 4; ++i) out[rows_at + i] = static_cast<char>((rows >> (8 * i)) & 0xFF);
  for (const auto& [word, path] : w.clusters) {
    out += word;
    out += '\0';
    out += static_cast<char>(path.length);
    n::put_u32(out, path.bits);
  }
  return out;
}

// Throws std::runtime_error on bytes that save_ner_weights did not make.
inline ner_weights load_ner_weights(std::string_view s) {
  namespace n = detail::ner;
  if (s.size() < 20 || s.substr(0, 6) != "BYNER\1") throw std::runtime_error("ner weights: not a weights file");
  std::size_t at = 8;
  ner_weights w;
  w.features = n::get_u32(s, at);
  const auto rows = n::get_u32(s, at);
  const auto words = n::get_u32(s, at);
  if (rows > s.size()) throw std::runtime_error("ner weights: bad row count");
  w.keys.reserve(rows);
  w.values.assign(static_cast<std::size_t>(rows) * n::tags, 0.0f);
  std::uint64_t key = 0;
  for (std::uint32_t r = 0; r < rows; ++r) {
    key += n::get_leb(s, at);
    if (at + 4 > s.size()) throw std::runtime_error("ner weights: truncated");
    const std::uint32_t mask = static_cast<unsigned char>(s[at]) | static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 1])) << 8 |
                               static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 2])) << 16;
    const float scale = std::exp2((static_cast<float>(static_cast<unsigned char>(s[at + 3])) - 160.0f) / 8.0f);
    at += 4;
    // The 40 kept bits go back to the top; lookups compare only those (see ner_model::find).
    w.keys.push_back(key << n::key_shift);
    for (std::size_t t = 0; t < n::tags; ++t)
      if (mask & (1u << t)) {
        if (at >= s.size()) throw std::runtime_error("ner weights: truncated");
        w.values[static_cast<std::size_t>(r) * n::tags + t] = static_cast<float>(static_cast<signed char>(s[at++])) * scale;
      }
  }
  for (std::uint32_t i = 0; i < words; ++i) {
    const auto z = s.find('\0', at);
    if (z == std::string_view::npos || z + 6 > s.size()) throw std::runtime_error("ner weights: truncated clusters");
    std::string word(s.substr(at, z - at));
    at = z + 1;
    n::cluster_path p;
    p.length = static_cast<std::uint8_t>(s[at++]);
    p.bits = n::get_u32(s, at);
    w.clusters.emplace_back(std::move(word), p);
  }
  w.truncated_keys = true;
  return w;
}

// Base64 (RFC 4648, no line breaks) for the generated header; decoding skips anything else.
inline std::string base64_encode(std::string_view s) {
  static constexpr char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((s.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < s.size(); i += 3) {
    const std::uint32_t v = static_cast<unsigned char>(s[i]) << 16 | static_cast<unsigned char>(s[i + 1]) << 8 | static_cast<unsigned char>(s[i + 2]);
    out += a[v >> 18], out += a[(v >> 12) & 63], out += a[(v >> 6) & 63], out += a[v & 63];
  }
  if (i + 1 == s.size()) {
    const std::uint32_t v = static_cast<unsigned char>(s[i]) << 16;
    out += a[v >> 18], out += a[(v >> 12) & 63], out += "==";
  } else if (i + 2 == s.size()) {
    const std::uint32_t v = static_cast<unsigned char>(s[i]) << 16 | static_cast<unsigned char>(s[i + 1]) << 8;
    out += a[v >> 18], out += a[(v >> 12) & 63], out += a[(v >> 6) & 63], out += '=';
  }
  return out;
}

inline void base64_decode_append(std::string_view s, std::string& out) {
  std::uint32_t v = 0;
  int bits = 0;
  for (char c : s) {
    int d;
    if (c >= 'A' && c <= 'Z') d = c - 'A';
    else if (c >= 'a' && c <= 'z') d = c - 'a' + 26;
    else if (c >= '0' && c <= '9') d = c - '0' + 52;
    else if (c == '+') d = 62;
    else if (c == '/') d = 63;
    else continue;
    v = (v << 6) | static_cast<std::uint32_t>(d);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((v >> bits) & 0xFF);
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Scratch space for tagging: the per-word-type cache and per-document buffers. One per thread; it
// may be reused for any number of documents and models (a different model clears it).

class ner_workspace {
 public:
  ner_workspace() = default;
  ner_workspace(const ner_workspace&) = delete;
  ner_workspace& operator=(const ner_workspace&) = delete;
  ner_workspace(ner_workspace&&) = default;
  ner_workspace& operator=(ner_workspace&&) = default;

  // How many word types may be kept between documents (each costs about 260 bytes): past this the
  // cache is emptied before the next document.
  std::size_t max_cached_types = 1u << 16;
  std::size_t cached_types() const noexcept { return entries_.size(); }
  // After ner_model::index(): each word's type id, below cached_types(). Ids stay the same words'
  // until the cache is emptied, which changes generation().
  std::span<const std::uint32_t> word_types() const noexcept { return tok_entry_; }
  std::uint64_t generation() const noexcept { return generation_; }

 private:
  friend class ner_model;
  // A word type's weights: its own features' sum (v[0]), and its features' sums as a neighbour at
  // -2, -1, +1, +2 (v[1..4]), in units of detail::ner::entry_unit. Kept together and small (three
  // cache lines), since fetching these was most of the time of tagging.
  struct alignas(64) entry {
    std::int16_t v[5][detail::ner::pad];
  };
  struct slot {
    std::uint64_t hash;
    std::uint32_t id;  // entry index + 1; 0: empty
    std::uint32_t length;
    std::uint64_t head;  // the key's first 8 bytes, zero-padded: most words are compared here alone
  };
  struct history {  // one lower-case form in the current document
    std::uint32_t stamp;
    float counts[detail::ner::hist_types];  // the tags given to it so far
    detail::ner::case_counts cases;         // how it is written
  };
  std::uint64_t model_serial_ = 0;
  std::vector<entry> entries_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> entry_key_;  // (begin, length) in keys_
  std::vector<std::uint8_t> entry_cap_;
  std::vector<std::uint32_t> entry_lower_;  // index into lowers_ (for the history)
  std::vector<slot> slots_;
  std::string keys_;  // the cached words' bytes
  std::vector<slot> lower_slots_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> lowers_;  // (begin, length) in lower_keys_
  std::string lower_keys_;
  std::vector<history> hist_;  // per lower-case form
  std::uint32_t doc_stamp_ = 0;
  std::uint64_t generation_ = 0;
  std::size_t indexed_ = static_cast<std::size_t>(-1);  // words index() saw last
  // Per document.
  std::vector<std::uint32_t> tok_entry_;
  std::vector<std::uint64_t> hashes_;
  std::vector<std::int16_t> emission_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> sentences_;  // [begin, end)
  std::vector<std::uint8_t> headline_;
  std::vector<float> scores_;        // Viterbi: a sentence's emissions
  // Analysis scratch.
  detail::ner::word_info info_;
  std::vector<std::uint64_t> ids_;

  void clear_types() {
    ++generation_;
    entries_.clear();
    entry_key_.clear();
    entry_cap_.clear();
    entry_lower_.clear();
    std::fill(slots_.begin(), slots_.end(), slot{});
    keys_.clear();
    lowers_.clear();
    std::fill(lower_slots_.begin(), lower_slots_.end(), slot{});
    lower_keys_.clear();
    hist_.clear();
  }
};

// ---------------------------------------------------------------------------------------------------
// The model.

class ner_model {
 public:
  using tag_t = ner_tag;

  // Extra features per token, supplied by the caller: token i's ids are
  // ids[offsets[i] .. offsets[i + 1]). Empty offsets: none. Make ids with extra_feature_id().
  struct extra_features {
    std::span<const std::uint64_t> ids{};
    std::span<const std::uint32_t> offsets{};
  };

  // A stable id for a named extra feature ("gazetteer:person:B", ...).
  static constexpr std::uint64_t extra_feature_id(std::string_view feature_name) noexcept {
    return detail::ner::hash_bytes(feature_name, 0x6578747261ULL);
  }

  explicit ner_model(const ner_weights& w) : features_(w.features), serial_(next_serial()) { build(w); }

  // The model trained on CoNLL-2003 that byline ships. Defined in <byline/entity/default_model.hpp>,
  // which holds the weights (a large header, kept out of byline.hpp); built on first use.
  static inline const ner_model& default_model();

  std::uint32_t features() const noexcept { return features_; }
  std::size_t feature_count() const noexcept { return row_begin_.empty() ? 0 : row_begin_.size() - 1; }
  std::size_t memory_bytes() const noexcept {
    return table_.size() * sizeof(table_[0]) + row_begin_.size() * 4 + row_tags_.size() + row_values_.size() * 4 +
           clusters_.size() * 48;
  }

  // Tags one document: `words` are its tokens, `sentence_starts` the index of each sentence's first
  // token in increasing order (empty: one sentence; 0 is implied). Writes one tag per word to `out`.
  // Throws std::invalid_argument when `out` or the extra features' offsets have the wrong size or
  // the sentence starts are not increasing and within the document.
  void tag(std::span<const std::string_view> words, std::span<const std::uint32_t> sentence_starts,
           extra_features extra, std::span<ner_tag> out, ner_workspace& ws) const {
    index(words, ws);
    tag_indexed(words, sentence_starts, extra, out, ws);
  }

  // tag() in two steps, for callers that want each word's type before tagging (the extractor
  // keeps its own facts per word type by these ids instead of hashing every word again):
  // index() looks each word up in the workspace's per-type cache, adding the new ones, after which
  // ws.word_types() gives each word's type id; tag_indexed() must then get the same words.
  void index(std::span<const std::string_view> words, ner_workspace& ws) const;
  void tag_indexed(std::span<const std::string_view> words, std::span<const std::uint32_t> sentence_starts,
                   extra_features extra, std::span<ner_tag> out, ner_workspace& ws) const;

  // Convenience: a thread_local workspace, no extra features.
  std::vector<ner_tag> tag(std::span<const std::string_view> words,
                           std::span<const std::uint32_t> sentence_starts = {}) const {
    std::vector<ner_tag> out(words.size());
    tag(words, sentence_starts, {}, out, thread_workspace());
    return out;
  }
  std::vector<ner_tag> tag(std::initializer_list<std::string_view> words) const {
    return tag(std::span<const std::string_view>(words.begin(), words.size()));
  }

  // Everything that follows is for the trainer and tests: the weight of a feature for a tag.
  float weight(std::uint64_t key, std::size_t tag) const noexcept {
    const auto r = find(key);
    if (r == npos) return 0;
    for (auto k = row_begin_[r]; k < row_begin_[r + 1]; ++k)
      if (row_tags_[k] == tag) return row_values_[k];
    return 0;
  }
  detail::ner::cluster_path cluster_of(std::string_view lower) const {
    const auto it = clusters_.find(std::string(lower));
    return it == clusters_.end() ? detail::ner::cluster_path{} : it->second;
  }

 private:
  using vec = std::array<float, detail::ner::pad>;
  static constexpr std::uint32_t npos = std::numeric_limits<std::uint32_t>::max();

  std::uint32_t features_;
  std::uint64_t serial_;
  std::uint64_t key_mask_ = ~std::uint64_t{0};
  // Open-addressing table of (key, row); rows sparse: tags and values in row_begin_[r]..[r + 1).
  std::vector<std::pair<std::uint64_t, std::uint32_t>> table_;
  std::uint64_t mask_ = 0;
  std::vector<std::uint32_t> row_begin_;
  std::vector<std::uint8_t> row_tags_;
  std::vector<float> row_values_;
  std::unordered_map<std::string, detail::ner::cluster_path> clusters_;
  // Dense tables for the small-domain features.
  vec cap_window_[detail::ner::cap_classes][detail::ner::cap_classes][detail::ner::cap_classes]{};
  vec initial_[detail::ner::cap_classes]{};
  vec headline_[detail::ner::cap_classes]{};
  vec prev_[detail::ner::prev_states][detail::ner::prev_states][detail::ner::cap_classes]{};  // pp, p, cap
  vec hist_[detail::ner::hist_types][detail::ner::cap_classes]{};
  vec doc_case_[detail::ner::doc_case_classes][detail::ner::cap_classes]{};
  std::array<std::int16_t, detail::ner::pad> pad_at_[4]{};  // the padding word as a neighbour

  static std::uint64_t next_serial() {
    static std::atomic<std::uint64_t> n{0};
    return ++n;
  }
  static ner_workspace& thread_workspace() {
    thread_local ner_workspace ws;
    return ws;
  }

  // The table slot where a (masked) key's probe starts.
  std::size_t home_slot(std::uint64_t key) const noexcept { return (key >> 40 ^ key) & mask_; }
  std::uint32_t find(std::uint64_t key) const noexcept {
    key &= key_mask_;
    if (table_.empty() || key == 0) return npos;
    for (auto i = home_slot(key);; i = (i + 1) & mask_) {
      const auto& s = table_[i];
      if (s.first == key) return s.second;
      if (s.first == 0) return npos;
    }
  }
  // Row r (from find) into acc.
  void add_row_at(std::uint32_t r, float* acc, float scale = 1.0f) const noexcept {
    for (auto k = row_begin_[r]; k < row_begin_[r + 1]; ++k) acc[row_tags_[k]] += scale * row_values_[k];
  }
  void add_row(std::uint64_t key, float* acc, float scale = 1.0f) const noexcept {
    if (const auto r = find(key); r != npos) add_row_at(r, acc, scale);
  }
  void add_rows(std::span<const std::uint64_t> keys, float* acc) const noexcept {
    for (auto k : keys) add_row(k, acc);
  }

  void build(const ner_weights& w) {
    namespace n = detail::ner;
    if (w.values.size() != w.keys.size() * n::tags) throw std::invalid_argument("ner_weights: values size");
    if (w.truncated_keys) key_mask_ = ~std::uint64_t{0} << n::key_shift;
    // Rows: nonzero weights only.
    row_begin_.reserve(w.keys.size() + 1);
    std::vector<std::pair<std::uint64_t, std::uint32_t>> kept;
    kept.reserve(w.keys.size());
    row_begin_.push_back(0);
    for (std::size_t r = 0; r < w.keys.size(); ++r) {
      if (w.keys[r] == 0) continue;
      const auto before = row_tags_.size();
      for (std::size_t t = 0; t < n::tags; ++t)
        if (const float v = w.values[r * n::tags + t]; v != 0) row_tags_.push_back(static_cast<std::uint8_t>(t)), row_values_.push_back(v);
      if (row_tags_.size() == before) continue;
      kept.emplace_back(w.keys[r], static_cast<std::uint32_t>(row_begin_.size() - 1));
      row_begin_.push_back(static_cast<std::uint32_t>(row_tags_.size()));
    }
    std::size_t cap = 16;
    while (cap < kept.size() * 2) cap *= 2;
    table_.assign(cap, {0, 0});
    mask_ = cap - 1;
    for (auto [key, row] : kept) {
      key &= key_mask_;
      if (key == 0) continue;
      auto i = home_slot(key);
      while (table_[i].first != 0 && table_[i].first != key) i = (i + 1) & mask_;
      if (table_[i].first == key) {
        // The same key twice: add the second row into the first by re-pointing is not possible with
        // contiguous rows, so keep the first (weights files never repeat keys).
        continue;
      }
      table_[i] = {key, row};
    }
    for (const auto& [word, path] : w.clusters) clusters_.emplace(word, path);

    const bool caps = features_ & ner_feature::cap_window, pos = features_ & ner_feature::position;
    for (unsigned l = 0; l < n::cap_classes; ++l)
      for (unsigned c = 0; c < n::cap_classes; ++c)
        for (unsigned r = 0; r < n::cap_classes; ++r)
          if (caps) add_row(n::cap_window_id(l, c, r), cap_window_[l][c][r].data());
    for (unsigned c = 0; c < n::cap_classes; ++c) {
      if (pos) add_row(n::initial_id(c), initial_[c].data());
      if (pos) add_row(n::headline_id(c), headline_[c].data());
    }
    if (features_ & ner_feature::prev_tags)
      for (unsigned pp = 0; pp < n::prev_states; ++pp)
        for (unsigned p = 0; p < n::prev_states; ++p)
          for (unsigned c = 0; c < n::cap_classes; ++c) {
            add_row(n::prev2_id(pp, p), prev_[pp][p][c].data());
            add_row(n::prev1_id(p), prev_[pp][p][c].data());
            add_row(n::prev1_cap_id(p, c), prev_[pp][p][c].data());
          }
    if (features_ & ner_feature::doc_case)
      for (unsigned k = 0; k < n::doc_case_classes; ++k)
        for (unsigned c = 0; c < n::cap_classes; ++c) add_row(n::doc_case_id(k, c), doc_case_[k][c].data());
    if (features_ & ner_feature::history)
      for (unsigned k = 0; k < n::hist_types; ++k)
        for (unsigned c = 0; c < n::cap_classes; ++c) add_row(n::hist_id(k, c), hist_[k][c].data());
    build_transitions();
    std::vector<std::uint64_t> ids;
    for (int d : {-2, -1, 1, 2}) {
      ids.clear();
      n::neighbour_features(nullptr, {}, d, features_, ids);
      float sum[n::pad] = {};
      add_rows(ids, sum);
      for (std::size_t t = 0; t < n::tags; ++t) pad_at_[n::nb_index(d)][t] = n::to_units(sum[t]);
    }
  }

  vec zero_{};
  // Viterbi's transitions: trans_[cap][prev][t], -inf where BILOU forbids t after prev.
  vec trans_[detail::ner::cap_classes][detail::ner::prev_states]{};

  // The tags that may follow a closed tag (O, L-X, U-X): O, then B-X and U-X for each type, padded
  // to 12 lanes. Viterbi's forward pass maximises over closed predecessors into these lanes only,
  // half of the 24 it would otherwise carry through nine predecessors.
  static constexpr std::uint8_t open_tags[9] = {0, 1, 4, 5, 8, 9, 12, 13, 16};
  static constexpr std::uint8_t closed_tags[9] = {0, 3, 4, 7, 8, 11, 12, 15, 16};
  static constexpr std::size_t open_lanes = 12;
  // open_trans_[cap][k][j]: the transition from closed_tags[k] to open_tags[j] (-inf padding).
  alignas(16) float open_trans_[detail::ner::cap_classes][9][open_lanes]{};
  // closed_into_[cap][t][k]: the transition from closed_tags[k] to tag t (-inf padding), for the way
  // back; il_trans_[cap]: B->I, I->I, B->L, I->L for the four types, four lanes each.
  alignas(16) float closed_into_[detail::ner::cap_classes][detail::ner::tags][open_lanes]{};
  alignas(16) float il_trans_[detail::ner::cap_classes][4][4]{};

  void build_transitions() {
    namespace n = detail::ner;
    constexpr float ninf = -std::numeric_limits<float>::infinity();
    for (unsigned c = 0; c < n::cap_classes; ++c)
      for (std::size_t p = 0; p < n::prev_states; ++p)
        for (std::size_t t = 0; t < n::pad; ++t)
          trans_[c][p][t] = t < n::tags && (n::allowed_mask.m[p][0] >> t & 1) ? prev_[n::start_tag][p][c][t] : ninf;
    for (unsigned c = 0; c < n::cap_classes; ++c)
      for (std::size_t k = 0; k < 9; ++k)
        for (std::size_t j = 0; j < open_lanes; ++j)
          open_trans_[c][k][j] = j < 9 ? trans_[c][closed_tags[k]][open_tags[j]] : ninf;
    for (unsigned c = 0; c < n::cap_classes; ++c)
      for (std::size_t t = 0; t < n::tags; ++t)
        for (std::size_t k = 0; k < open_lanes; ++k) closed_into_[c][t][k] = k < 9 ? trans_[c][closed_tags[k]][t] : ninf;
    for (unsigned c = 0; c < n::cap_classes; ++c)
      for (std::size_t k = 0; k < 4; ++k) {
        const std::size_t B = 1 + 4 * k, I = B + 1, L = B + 2;
        il_trans_[c][0][k] = trans_[c][B][I];
        il_trans_[c][1][k] = trans_[c][I][I];
        il_trans_[c][2][k] = trans_[c][B][L];
        il_trans_[c][3][k] = trans_[c][I][L];
      }
  }

  // Viterbi over `len` tokens' emissions (pad floats each), which it overwrites with the best
  // scores of paths ending in each tag. BILOU leaves few transitions: after O, L or U (and at the
  // start) any of O, B, U; after B-X or I-X only I-X or L-X. So the forward pass is a max over nine
  // whole vectors (forbidden transitions are -inf) and sixteen scalars; the way back recomputes the
  // one argmax it needs per token instead of storing back pointers, which kept the loop from being
  // vectorised.
  template <class CapAt>
  void decode_viterbi(float* em, std::size_t len, CapAt cap_at, std::span<ner_tag> out) const {
    namespace n = detail::ner;
    constexpr float ninf = -std::numeric_limits<float>::infinity();
    constexpr std::uint8_t closed[] = {0, 3, 4, 7, 8, 11, 12, 15, 16};  // O, L-*, U-*
    {
      const float* tr = trans_[cap_at(0)][n::start_tag].data();
      for (std::size_t t = 0; t < n::pad; ++t) em[t] += tr[t];
    }
    for (std::size_t i = 1; i < len; ++i) {
      const unsigned c = cap_at(i);
      const float* delta = em + (i - 1) * n::pad;
      float* e = em + i * n::pad;
      // O, B-X, U-X: from the closed tags (all others' transitions into them are -inf).
#if defined(BYLINE_NER_SSE2)
      // In three registers: the portable loop kept `next` in memory, and each of the nine steps
      // waited on the store of the one before (12% of the tagger's time).
      {
        static_assert(open_lanes == 12);
        __m128 d = _mm_set1_ps(delta[closed_tags[0]]);
        const float* tr = open_trans_[c][0];
        __m128 n0 = _mm_add_ps(d, _mm_load_ps(tr)), n1 = _mm_add_ps(d, _mm_load_ps(tr + 4)),
               n2 = _mm_add_ps(d, _mm_load_ps(tr + 8));
        for (std::size_t k = 1; k < 9; ++k) {
          d = _mm_set1_ps(delta[closed_tags[k]]);
          tr = open_trans_[c][k];
          n0 = _mm_max_ps(_mm_add_ps(d, _mm_load_ps(tr)), n0);
          n1 = _mm_max_ps(_mm_add_ps(d, _mm_load_ps(tr + 4)), n1);
          n2 = _mm_max_ps(_mm_add_ps(d, _mm_load_ps(tr + 8)), n2);
        }
        // next[j] belongs to tag open_tags[j]: lanes 0-1 of each group of four tags (0, 1 | 4, 5 |
        // ... | 16), so each group takes two lanes of next and adds zero to the others.
        static_assert(open_tags[1] == 1 && open_tags[2] == 4 && open_tags[8] == 16 && n::pad >= 20);
        const __m128 z = _mm_setzero_ps();
        _mm_storeu_ps(e, _mm_add_ps(_mm_loadu_ps(e), _mm_movelh_ps(n0, z)));
        _mm_storeu_ps(e + 4, _mm_add_ps(_mm_loadu_ps(e + 4), _mm_movehl_ps(z, n0)));
        _mm_storeu_ps(e + 8, _mm_add_ps(_mm_loadu_ps(e + 8), _mm_movelh_ps(n1, z)));
        _mm_storeu_ps(e + 12, _mm_add_ps(_mm_loadu_ps(e + 12), _mm_movehl_ps(z, n1)));
        _mm_storeu_ps(e + 16, _mm_add_ps(_mm_loadu_ps(e + 16), _mm_move_ss(z, n2)));
      }
#else
      alignas(16) float next[open_lanes];
      {
        const float d0 = delta[closed_tags[0]];
        const float* tr = open_trans_[c][0];
        for (std::size_t j = 0; j < open_lanes; ++j) next[j] = d0 + tr[j];
      }
      for (std::size_t k = 1; k < 9; ++k) {
        const float dp = delta[closed_tags[k]];
        const float* tr = open_trans_[c][k];
        for (std::size_t j = 0; j < open_lanes; ++j) next[j] = std::max(next[j], dp + tr[j]);
      }
      for (std::size_t j = 0; j < 9; ++j) e[open_tags[j]] += next[j];
#endif
      // I-X and L-X: from B-X and I-X only.
#if defined(BYLINE_NER_SSE2)
      {
        // Tags 4k..4k+3 are U-(k-1) (O for k = 0), B-k, I-k, L-k: transposed, the B, I and L of the
        // four types each fill a register. std::max(a, b) is _mm_max_ps(b, a).
        __m128 g0 = _mm_loadu_ps(delta), gb = _mm_loadu_ps(delta + 4), gi = _mm_loadu_ps(delta + 8),
               g3 = _mm_loadu_ps(delta + 12);
        _MM_TRANSPOSE4_PS(g0, gb, gi, g3);
        const auto& it = il_trans_[c];
        const __m128 add_i = _mm_max_ps(_mm_add_ps(gi, _mm_load_ps(it[1])), _mm_add_ps(gb, _mm_load_ps(it[0])));
        const __m128 add_l = _mm_max_ps(_mm_add_ps(gi, _mm_load_ps(it[3])), _mm_add_ps(gb, _mm_load_ps(it[2])));
        __m128 e0 = _mm_loadu_ps(e), e1 = _mm_loadu_ps(e + 4), e2 = _mm_loadu_ps(e + 8), e3 = _mm_loadu_ps(e + 12);
        _MM_TRANSPOSE4_PS(e0, e1, e2, e3);
        e2 = _mm_add_ps(e2, add_i);
        e3 = _mm_add_ps(e3, add_l);
        _MM_TRANSPOSE4_PS(e0, e1, e2, e3);
        _mm_storeu_ps(e, e0), _mm_storeu_ps(e + 4, e1), _mm_storeu_ps(e + 8, e2), _mm_storeu_ps(e + 12, e3);
      }
#else
      for (std::size_t k = 0; k < 4; ++k) {
        const std::size_t B = 1 + 4 * k, I = B + 1, L = B + 2;
        e[I] += std::max(delta[B] + trans_[c][B][I], delta[I] + trans_[c][I][I]);
        e[L] += std::max(delta[B] + trans_[c][B][L], delta[I] + trans_[c][I][L]);
      }
#endif
    }
    const float* last = em + (len - 1) * n::pad;
    std::size_t best = 0;
    for (const auto t : closed)
      if (last[t] > last[best]) best = t;
    out[len - 1] = ner_tag(static_cast<std::uint8_t>(best));
    for (std::size_t i = len - 1; i > 0; --i) {
      const float* delta = em + (i - 1) * n::pad;
      const unsigned c = cap_at(i);
      // Only B-X and I-X come before I-X and L-X; only O, L and U before the others (the others'
      // transitions are -inf). In increasing order, as a scan of all tags would break ties.
      std::size_t arg = 0;
      float v = ninf;
      if (best != 0 && (best - 1) % 4 != 0 && (best - 1) % 4 != 3) {
        const std::size_t B = best - (best - 1) % 4;
        for (const std::size_t p : {B, B + 1}) {
          const float x = delta[p] + trans_[c][p][best];
          if (x > v) v = x, arg = p;
        }
      } else {
#if defined(BYLINE_NER_SSE2)
        // The nine closed tags' scores in three registers; the first lane holding the maximum wins,
        // as the scan in increasing order does (all -inf: lane 0, tag O, as the scan leaves it).
        const __m128 d0 = _mm_loadu_ps(delta), d1 = _mm_loadu_ps(delta + 4), d2 = _mm_loadu_ps(delta + 8),
                     d3 = _mm_loadu_ps(delta + 12), d4 = _mm_loadu_ps(delta + 16);
        const float* ct = closed_into_[c][best];
        const __m128 x0 = _mm_add_ps(_mm_shuffle_ps(d0, d1, _MM_SHUFFLE(3, 0, 3, 0)), _mm_load_ps(ct));
        const __m128 x1 = _mm_add_ps(_mm_shuffle_ps(d2, d3, _MM_SHUFFLE(3, 0, 3, 0)), _mm_load_ps(ct + 4));
        const __m128 x2 = _mm_add_ps(_mm_move_ss(_mm_set1_ps(ninf), d4), _mm_load_ps(ct + 8));
        __m128 m = _mm_max_ps(x0, _mm_max_ps(x1, x2));
        m = _mm_max_ps(m, _mm_shuffle_ps(m, m, _MM_SHUFFLE(1, 0, 3, 2)));
        m = _mm_max_ps(m, _mm_shuffle_ps(m, m, _MM_SHUFFLE(2, 3, 0, 1)));
        const unsigned hit = static_cast<unsigned>(_mm_movemask_ps(_mm_cmpeq_ps(x0, m))) |
                             static_cast<unsigned>(_mm_movemask_ps(_mm_cmpeq_ps(x1, m))) << 4 |
                             static_cast<unsigned>(_mm_movemask_ps(_mm_cmpeq_ps(x2, m))) << 8;
        arg = closed_tags[std::countr_zero(hit)];
#else
        for (const std::size_t p : closed) {
          const float x = delta[p] + trans_[c][p][best];
          if (x > v) v = x, arg = p;
        }
#endif
      }
      best = arg;
      out[i - 1] = ner_tag(static_cast<std::uint8_t>(best));
    }
  }

  // The cache entry of a word, made on first sight.
  std::uint32_t entry_of(std::string_view word, std::uint64_t hash, ner_workspace& ws) const;
  std::uint32_t lower_id_of(std::string_view lower, ner_workspace& ws) const;
};

// ---------------------------------------------------------------------------------------------------

namespace detail::ner {
inline std::uint64_t cache_hash(std::string_view s) noexcept { return hash_bytes(s, 0x5eed); }

// Equal bytes, compared inline: words are short, and a call to memcmp per token was 6% of the
// pipeline's time.
inline bool same_bytes(const char* a, const char* b, std::size_t n) noexcept {
  for (; n >= 8; a += 8, b += 8, n -= 8) {
    std::uint64_t x, y;
    std::memcpy(&x, a, 8);
    std::memcpy(&y, b, 8);
    if (x != y) return false;
  }
  for (; n > 0; --n)
    if (*a++ != *b++) return false;
  return true;
}

// A key's first 8 bytes, zero-padded, kept in its slot.
inline std::uint64_t key_head(std::string_view key) noexcept {
  std::uint64_t x = 0;
  if (!key.empty()) std::memcpy(&x, key.data(), key.size() < 8 ? key.size() : 8);
  return x;
}

// Finds `key` in an open-addressing table whose ids index (begin, length) pairs into `arena`, or
// the empty slot where it belongs. Grows the table first so that it stays at most half full.
template <class Slot>
Slot& probe(std::vector<Slot>& slots, std::size_t count, std::uint64_t h, std::string_view key,
            const std::vector<std::pair<std::uint32_t, std::uint32_t>>& where, const std::string& arena) {
  if (slots.empty() || count * 2 + 2 > slots.size()) {
    std::size_t cap = slots.empty() ? 1024 : slots.size() * 2;
    while (cap < count * 2 + 2) cap *= 2;
    std::vector<Slot> ns(cap, Slot{});
    for (const auto& s : slots) {
      if (s.id == 0) continue;
      auto j = s.hash & (cap - 1);
      while (ns[j].id != 0) j = (j + 1) & (cap - 1);
      ns[j] = s;
    }
    slots.swap(ns);
  }
  const auto mask = slots.size() - 1;
  const std::uint64_t head = key_head(key);
  for (auto i = h & mask;; i = (i + 1) & mask) {
    auto& s = slots[i];
    if (s.id == 0) return s;
    if (s.hash == h && s.length == key.size() && s.head == head) {
      if (key.size() <= 8) return s;
      const auto b = where[s.id - 1].first;
      if (same_bytes(arena.data() + b + 8, key.data() + 8, key.size() - 8)) return s;
    }
  }
}


}  // namespace detail::ner

inline std::uint32_t ner_model::lower_id_of(std::string_view lower, ner_workspace& ws) const {
  namespace n = detail::ner;
  const auto h = n::cache_hash(lower);
  auto& slot = n::probe(ws.lower_slots_, ws.lowers_.size(), h, lower, ws.lowers_, ws.lower_keys_);
  if (slot.id != 0) return slot.id - 1;
  const auto id = static_cast<std::uint32_t>(ws.lowers_.size());
  ws.lowers_.emplace_back(static_cast<std::uint32_t>(ws.lower_keys_.size()), static_cast<std::uint32_t>(lower.size()));
  ws.lower_keys_ += lower;
  slot = {h, id + 1, static_cast<std::uint32_t>(lower.size()), n::key_head(lower)};
  ws.hist_.push_back({});
  return id;
}

inline std::uint32_t ner_model::entry_of(std::string_view word, std::uint64_t h, ner_workspace& ws) const {
  namespace n = detail::ner;
  auto* slot = &n::probe(ws.slots_, ws.entries_.size(), h, word, ws.entry_key_, ws.keys_);
  if (slot->id != 0) return slot->id - 1;
  const auto slot_index = static_cast<std::size_t>(slot - ws.slots_.data());

  auto& info = ws.info_;
  n::analyse(word, info);
  auto& e = ws.entries_.emplace_back();
  n::cluster_path cl{};
  if ((features_ & ner_feature::clusters) && !clusters_.empty()) cl = cluster_of(info.lower);
  // All five roles' keys first, then their table slots prefetched together: a new word's ~50
  // lookups into a table bigger than L2 were each a cache miss waited on in turn, which made
  // first sight of a word cost ~4 us.
  auto& ids = ws.ids_;
  ids.clear();
  std::size_t ends[5];
  constexpr int roles[5] = {0, -2, -1, 1, 2};
  for (std::size_t k = 0; k < 5; ++k) {
    if (roles[k] == 0) n::self_features(info, cl, features_, ids);
    else n::neighbour_features(&info, cl, roles[k], features_, ids);
    ends[k] = ids.size();
  }
  for (auto& key : ids) {
    key &= key_mask_;
    if (!table_.empty()) n::prefetch(&table_[home_slot(key)]);
  }
  for (auto& key : ids) {
    const auto r = find(key);
    key = r;  // reused: the row, or npos
    if (r != npos) n::prefetch(&row_begin_[r]);
  }
  for (const auto r : ids)
    if (r != npos) n::prefetch(&row_tags_[row_begin_[r]]), n::prefetch(&row_values_[row_begin_[r]]);
  float sum[n::pad];
  for (std::size_t k = 0, b = 0; k < 5; b = ends[k++]) {
    std::fill(std::begin(sum), std::end(sum), 0.0f);
    for (std::size_t j = b; j < ends[k]; ++j)
      if (const auto r = ids[j]; r != npos) add_row_at(static_cast<std::uint32_t>(r), sum);
    auto* v = e.v[roles[k] == 0 ? 0 : 1 + n::nb_index(roles[k])];
    for (std::size_t t = 0; t < n::pad; ++t) v[t] = t < n::tags ? n::to_units(sum[t]) : std::int16_t{0};
  }
  ws.entry_key_.emplace_back(static_cast<std::uint32_t>(ws.keys_.size()), static_cast<std::uint32_t>(word.size()));
  ws.keys_ += word;
  ws.entry_cap_.push_back(info.cap);
  // lower_id_of does not touch ws.slots_, so the slot found above is still the one to fill.
  ws.entry_lower_.push_back((features_ & (ner_feature::history | ner_feature::doc_case)) ? lower_id_of(info.lower, ws)
                                                                                         : 0);
  const auto id = static_cast<std::uint32_t>(ws.entries_.size() - 1);
  ws.slots_[slot_index] = {h, id + 1, static_cast<std::uint32_t>(word.size()), n::key_head(word)};
  return id;
}

inline void ner_model::index(std::span<const std::string_view> words, ner_workspace& ws) const {
  namespace n = detail::ner;
  const std::size_t nw = words.size();
  if (ws.model_serial_ != serial_) {
    ws.clear_types();
    ws.model_serial_ = serial_;
  }
  // Emptied between documents once over its bound (a document's own new types may take it past
  // the bound: they are at most its tokens). Clearing before a document that merely *might* go
  // past it threw away every cached type before each long document.
  if (ws.entries_.size() > ws.max_cached_types) ws.clear_types();
  auto& te = ws.tok_entry_;
  te.resize(nw);
  auto& hs = ws.hashes_;
  hs.resize(nw);
  for (std::size_t i = 0; i < nw; ++i) hs[i] = n::cache_hash(words[i]);
  constexpr std::size_t ahead = 8;
  for (std::size_t i = 0; i < nw; ++i) {
    if (i + ahead < nw && !ws.slots_.empty()) n::prefetch(&ws.slots_[hs[i + ahead] & (ws.slots_.size() - 1)]);
    te[i] = entry_of(words[i], hs[i], ws);
  }
  ws.indexed_ = nw;
}

inline void ner_model::tag_indexed(std::span<const std::string_view> words,
                                   std::span<const std::uint32_t> sentence_starts, extra_features extra,
                                   std::span<ner_tag> out, ner_workspace& ws) const {
  namespace n = detail::ner;
  const std::size_t nw = words.size();
  if (ws.model_serial_ != serial_ || ws.indexed_ != nw)
    throw std::invalid_argument("ner_model::tag_indexed: index() these words with this model first");
  if (out.size() != nw) throw std::invalid_argument("ner_model::tag: out must have one tag per word");
  const bool use_extra = !extra.offsets.empty() && (features_ & ner_feature::extra);
  if (!extra.offsets.empty()) {
    if (extra.offsets.size() != nw + 1) throw std::invalid_argument("ner_model::tag: extra offsets must be words + 1");
    for (std::size_t i = 0; i < nw; ++i)
      if (extra.offsets[i] > extra.offsets[i + 1] || extra.offsets[i + 1] > extra.ids.size())
        throw std::invalid_argument("ner_model::tag: extra offsets out of order or range");
  }
  for (std::size_t i = 0; i < sentence_starts.size(); ++i)
    if (sentence_starts[i] > nw || (i > 0 && sentence_starts[i] <= sentence_starts[i - 1]))
      throw std::invalid_argument("ner_model::tag: sentence starts must increase within the document");
  if (nw == 0) return;

  // A new document: histories of earlier documents no longer count.
  if (++ws.doc_stamp_ == 0) {
    for (auto& h : ws.hist_) h.stamp = 0;
    ws.doc_stamp_ = 1;
  }
  const auto& te = ws.tok_entry_;
  constexpr std::size_t ahead = 8;
  // entry_of may have moved the entries: take pointers only now.
  const auto* E = ws.entries_.data();
  const auto* cap = ws.entry_cap_.data();
  const bool use_hist = features_ & ner_feature::history, use_case = features_ & ner_feature::doc_case;

  // Sentences, headlines, and (for the document features) each word's record reset for this document.
  auto& sents = ws.sentences_;
  auto& heads = ws.headline_;
  sents.clear();
  heads.clear();
  for (std::size_t b = 0, si = 0; b < nw;) {
    while (si < sentence_starts.size() && sentence_starts[si] <= b) ++si;
    // A sentence longer than max_sentence words (a table or a list run together) is tagged in parts,
    // so that the per-sentence buffers stay small whatever the input.
    const std::size_t e = std::min(si < sentence_starts.size() ? sentence_starts[si] : nw, b + n::max_sentence);
    sents.emplace_back(static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e));
    heads.push_back((features_ & ner_feature::position) &&
                    n::is_headline(e - b, [&](std::size_t i) { return cap[te[b + i]]; }));
    b = e;
  }
  if (use_hist || use_case) {
    for (std::size_t i = 0; i < nw; ++i) {
      auto& h = ws.hist_[ws.entry_lower_[te[i]]];
      if (h.stamp != ws.doc_stamp_) h = {ws.doc_stamp_, {}, {}};
    }
    if (use_case)
      for (std::size_t k = 0; k < sents.size(); ++k)
        for (std::size_t i = sents[k].first; i < sents[k].second; ++i)
          if (n::counts_for_case(i, sents[k].first, heads[k])) {
            auto& h = ws.hist_[ws.entry_lower_[te[i]]];
            if (cap[te[i]] == 2) ++h.cases.upper;
            else if (cap[te[i]] == 1) ++h.cases.lower;
          }
  }

  // Emissions: each word's own sums, and its neighbours' sums as neighbours. Entries are prefetched
  // four words ahead, front to back: a token whose neighbours' entries were each fetched on demand
  // waited on five scattered cache misses.
  auto& em = ws.emission_;
  // In 16 bits (to_units keeps five within range): widening each neighbour to 32 bits first cost
  // as much as the rest of the gather.
  const auto add16 = [](std::int16_t* __restrict dst, const std::int16_t* __restrict src) {
    for (std::size_t t = 0; t < n::pad; ++t) dst[t] = static_cast<std::int16_t>(dst[t] + src[t]);
  };
  const auto add = [](float* __restrict dst, const float* __restrict src) {
    for (std::size_t t = 0; t < n::pad; ++t) dst[t] += src[t];
  };
  alignas(16) float s[n::pad];
  for (std::size_t si = 0; si < sents.size(); ++si) {
    const std::size_t b = sents[si].first, e = sents[si].second;
    const std::size_t len = e - b;
    em.resize(len * n::pad);
    std::int16_t* const eb = em.data();
    // Each row gathered from the five words around it (their entries were fetched ahead, so the
    // neighbours' are still in L1), written once: no zeroing pass over the sentence's rows.
    for (std::size_t j = 0; j < len; ++j) {
      if (b + j + 4 < nw) {
        const auto* next = reinterpret_cast<const char*>(&E[te[b + j + 4]]);
        for (std::size_t k = 0; k < sizeof(ner_workspace::entry); k += 64) n::prefetch(next + k);
      }
      std::int16_t* row = eb + j * n::pad;
      const std::int16_t* own = E[te[b + j]].v[0];
      std::memcpy(row, own, n::pad * sizeof(std::int16_t));  // the element loop was not vectorised
      add16(row, j >= 2 ? E[te[b + j - 2]].v[1] : pad_at_[0].data());  // the word 2 before, as such
      add16(row, j >= 1 ? E[te[b + j - 1]].v[2] : pad_at_[1].data());
      add16(row, j + 1 < len ? E[te[b + j + 1]].v[3] : pad_at_[2].data());
      add16(row, j + 2 < len ? E[te[b + j + 2]].v[4] : pad_at_[3].data());
    }

    const bool headline = heads[si];
    const bool viterbi = features_ & ner_feature::viterbi;
    if (viterbi) ws.scores_.resize(len * n::pad);
    std::size_t p1 = n::start_tag, p2 = n::start_tag;
    for (std::size_t i = b; i < e; ++i) {
      if ((use_hist || use_case) && i + ahead < nw) n::prefetch(&ws.hist_[ws.entry_lower_[te[i + ahead]]]);
      const unsigned c0 = cap[te[i]];
      const unsigned cl = i > b ? cap[te[i - 1]] : 0, cr = i + 1 < e ? cap[te[i + 1]] : 0;
      const std::int16_t* ei = em.data() + (i - b) * n::pad;
      const float* cw = cap_window_[cl][c0][cr].data();
      const float* pv = viterbi ? zero_.data() : prev_[p2][p1][c0].data();
      for (std::size_t t = 0; t < n::pad; ++t) s[t] = static_cast<float>(ei[t]) * n::entry_unit + cw[t] + pv[t];
      if (i == b) add(s, initial_[c0].data());
      if (headline) add(s, headline_[c0].data());
      ner_workspace::history* h = nullptr;
      if (use_hist) {
        h = &ws.hist_[ws.entry_lower_[te[i]]];
        float total = 0;
        for (float c : h->counts) total += c;
        if (total > 0)
          for (unsigned k = 0; k < n::hist_types; ++k)
            if (h->counts[k] > 0) {
              const float f = h->counts[k] / total;
              const float* hw = hist_[k][c0].data();
              for (std::size_t t = 0; t < n::pad; ++t) s[t] += f * hw[t];
            }
      }
      if (use_case) {
        const auto& hc = ws.hist_[ws.entry_lower_[te[i]]];
        add(s, doc_case_[n::doc_case_class(hc.cases, c0, n::counts_for_case(i, b, headline))][c0].data());
      }
      if (use_extra)
        for (auto k = extra.offsets[i]; k < extra.offsets[i + 1]; ++k) add_row(n::extra_key(extra.ids[k]), s);
      if (viterbi) {
        std::copy(s, s + n::pad, ws.scores_.data() + (i - b) * n::pad);
        continue;
      }
      std::uint32_t allowed = n::allowed_mask.m[p1][i + 1 == e];
      std::size_t best = static_cast<std::size_t>(std::countr_zero(allowed));
      float best_score = s[best];
      for (allowed &= allowed - 1; allowed; allowed &= allowed - 1) {
        const auto t = static_cast<std::size_t>(std::countr_zero(allowed));
        if (s[t] > best_score) best = t, best_score = s[t];
      }
      out[i] = ner_tag(static_cast<std::uint8_t>(best));
      p2 = p1, p1 = best;
      if (h) h->counts[n::hist_type(out[i])] += 1;
    }
    if (viterbi) {
      decode_viterbi(ws.scores_.data(), len, [&](std::size_t j) { return cap[te[b + j]]; }, out.subspan(b, len));
      if (use_hist)
        for (std::size_t i = b; i < e; ++i) ws.hist_[ws.entry_lower_[te[i]]].counts[n::hist_type(out[i])] += 1;
    }
  }
}

}  // namespace byline
