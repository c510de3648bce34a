// byline — what the entity extractor tells the sequence model besides the words: gazetteer
// membership and name lists, as the model's extra features. The trainer (tools/train_ner) and the
// extractor both call this, so a model trained with these features sees the same ones at run time.
//
// Per token: for every gazetteer match over it, "g:<kind>:<B|I|L|U>" (kind: country, city, region,
// norp, org, seat, fac, ...); whether the word is a census first name or a frequent surname (by
// frequency band); whether it is a title or honorific ("President", "Mr."), a role word ("aide"),
// an organisation word ("Ministry", "Inc."), a month or weekday; and whether the token before it is
// a title and the token after it an organisation suffix.
#pragma once

#include <byline/entity/data/calendar.hpp>
#include <byline/entity/data/first_names.hpp>
#include <byline/entity/data/org_words.hpp>
#include <byline/entity/data/surnames.hpp>
#include <byline/entity/data/titles.hpp>
#include <byline/entity/model.hpp>
#include <byline/entity/news_gazetteer.hpp>
#include <byline/entity/resources.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace byline {

// The extra feature ids of a run of words, in the layout ner_model::extra_features takes.
struct entity_feature_buffer {
  std::vector<std::uint64_t> ids;
  std::vector<std::uint32_t> offsets;
  std::vector<std::pair<std::uint32_t, std::uint64_t>> scratch;  // reused between documents
  std::vector<std::uint32_t> cursor;                              // likewise
  ner_model::extra_features view() const { return {ids, offsets}; }
};

namespace detail::feat {

enum word_bits : std::uint16_t {
  first_name = 1 << 0,
  surname_common = 1 << 1,  // among the 5,000 commonest
  surname = 1 << 2,
  title = 1 << 3,
  role = 1 << 4,
  org_head = 1 << 5,
  org_suffix = 1 << 6,
  calendar = 1 << 7,
};

inline std::uint16_t word_class(std::string_view w) {
  std::uint16_t b = 0;
  if (w.empty()) return b;
  const bool upper_initial = w[0] >= 'A' && w[0] <= 'Z';
  if (upper_initial) {
    if (!resources::lookup_folded(resources::first_names(), w).empty()) b |= first_name;
    for (const auto& s : resources::lookup_folded(resources::surnames(), w)) b |= s.rank <= 5000 ? surname_common : surname;
  }
  for (const auto& t : resources::lookup(resources::titles(), w)) {
    if (t.kind == resources::term_kind::title || t.kind == resources::term_kind::honorific) b |= title;
    if (t.kind == resources::term_kind::role) b |= role;
  }
  for (const auto& t : resources::lookup(resources::org_words(), w))
    b |= t.kind == resources::term_kind::org_suffix ? org_suffix : org_head;
  if (!resources::lookup(resources::calendar(), w).empty()) b |= calendar;
  return b;
}

inline constexpr std::string_view word_bit_names[] = {"fn", "sn5k", "sn", "title", "role", "orghead", "orgsuffix", "cal"};

}  // namespace detail::feat

namespace detail::feat {
// Feature ids, hashed at compile time.
inline constexpr std::size_t kinds = 9;
inline constexpr auto gazetteer_ids = [] {
  constexpr std::string_view k[kinds] = {"other", "country", "city", "region", "norp", "org", "seat", "fac", "person"};
  constexpr std::string_view pos[4] = {"B", "I", "L", "U"};
  std::array<std::array<std::uint64_t, 4>, kinds> ids{};
  for (std::size_t i = 0; i < kinds; ++i)
    for (std::size_t p = 0; p < 4; ++p) {
      char buf[32]{};
      std::size_t n = 0;
      for (char c : std::string_view("g:")) buf[n++] = c;
      for (char c : k[i]) buf[n++] = c;
      buf[n++] = ':';
      buf[n++] = pos[p][0];
      ids[i][p] = ner_model::extra_feature_id(std::string_view(buf, n));
    }
  return ids;
}();
inline constexpr auto word_ids = [] {
  std::array<std::uint64_t, std::size(word_bit_names)> ids{};
  for (std::size_t b = 0; b < ids.size(); ++b) {
    char buf[32]{};
    std::size_t n = 0;
    buf[n++] = 'w';
    buf[n++] = ':';
    for (char c : word_bit_names[b]) buf[n++] = c;
    ids[b] = ner_model::extra_feature_id(std::string_view(buf, n));
  }
  return ids;
}();
inline constexpr std::uint64_t prev_title_id = ner_model::extra_feature_id("prev:title");
inline constexpr std::uint64_t next_orgsuffix_id = ner_model::extra_feature_id("next:orgsuffix");
}  // namespace detail::feat

// Fills `out` with the extra features of `words` given what is already known of them: every
// gazetteer match over the words (as gazetteer_view::for_each_match gives them) and each word's
// detail::feat::word_class. The extractor computes both once per document (and the classes once per
// word type) and shares them with its other steps.
inline void entity_features(std::span<const std::string_view> words, const gazetteer_view& g,
                            std::span<const gazetteer_match> matches, std::span<const std::uint16_t> cls,
                            entity_feature_buffer& out) {
  namespace f = detail::feat;
  const std::size_t n = words.size();
  auto& pairs = out.scratch;  // (token, feature id)
  pairs.clear();
  for (const auto& m : matches) {
    const auto kind = static_cast<std::size_t>(kind_of(g.entry(m.entry)));
    for (auto t = m.first; t < m.end; ++t) {
      const std::size_t pos = m.end - m.first == 1 ? 3 : t == m.first ? 0 : t + 1 == m.end ? 2 : 1;
      pairs.emplace_back(t, f::gazetteer_ids[kind][pos]);
    }
  }
  for (std::uint32_t i = 0; i < n; ++i) {
    for (std::size_t b = 0; b < f::word_ids.size(); ++b)
      if (cls[i] & (1u << b)) pairs.emplace_back(i, f::word_ids[b]);
    if (i > 0 && (cls[i - 1] & f::title)) pairs.emplace_back(i, f::prev_title_id);
    if (i + 1 < n && (cls[i + 1] & f::org_suffix)) pairs.emplace_back(i, f::next_orgsuffix_id);
  }
  // By token, each token's ids in increasing order; an id twice on one token (a name in two
  // entries of one kind) counts once. Bucketed by token, then each token's few ids sorted: a sort
  // of all the pairs was 2% of the pipeline.
  auto& off = out.offsets;
  off.assign(n + 1, 0);
  for (const auto& pr : pairs) ++off[pr.first + 1];
  for (std::size_t i = 0; i < n; ++i) off[i + 1] += off[i];
  auto& ids = out.ids;
  ids.resize(pairs.size());
  {
    auto& cursor = out.cursor;
    cursor.assign(off.begin(), off.end() - 1);
    for (const auto& [t, id] : pairs) ids[cursor[t]++] = id;
  }
  std::uint32_t w = 0;  // never past the read position: compacting in place is safe
  for (std::size_t i = 0; i < n; ++i) {
    const auto b = off[i], e = off[i + 1];
    std::sort(ids.begin() + b, ids.begin() + e);
    off[i] = w;
    for (auto j = b; j < e; ++j)
      if (j == b || ids[j] != ids[j - 1]) ids[w++] = ids[j];
  }
  off[n] = w;
  ids.resize(w);
}

// Fills `out` with the extra features of `words` (a whole document's tokens, as UTF-8).
inline void entity_features(std::span<const std::string_view> words, const gazetteer_view& g,
                            entity_feature_buffer& out) {
  std::vector<gazetteer_match> matches;
  g.for_each_match(words, [&](const gazetteer_match& m) { matches.push_back(m); });
  std::vector<std::uint16_t> cls(words.size());
  for (std::size_t i = 0; i < words.size(); ++i) cls[i] = detail::feat::word_class(words[i]);
  entity_features(words, g, matches, cls, out);
}

}  // namespace byline
