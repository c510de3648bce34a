// byline — linking entity mentions into clusters within one document, and resolving metonyms.
//
// The extractor hands over its mentions as candidates (sorted, disjoint), each with what the
// gazetteer knew of it (canonical name, id, whether it is a seat of government or a capital). The
// linker then, in text order (as GATE's OrthoMatcher does after its gazetteer pass):
//   1. joins mentions the gazetteer gave the same canonical name (U.S. = United States = America;
//      Russian (NORP) = Russia, as "same canonical = same real-world entity");
//   2. joins a person's shorter forms to a longer one seen before or after (Putin = Vladimir Putin;
//      Trump's = Donald Trump), when exactly one person cluster fits;
//   3. joins an acronym to an expansion (NATO = North Atlantic Treaty Organization);
//   4. otherwise joins mentions of the same label group whose normalised texts are equal (case,
//      a leading "the" and a possessive clitic aside);
// then names each cluster (the longest person name; the gazetteer's canonical; the text otherwise)
// and gives it an id (the gazetteer's, else "byline:<label>/<slug>"). A seat of government (the
// Kremlin) stands for its country's government; a capital (Moscow, Washington) does so only where
// it is not used as a place: everywhere but after a locative preposition or before a place noun
// ("Washington had promoted", "pressure on Moscow", "Moscow's readiness", but "talks in Moscow").
#pragma once

#include <byline/document/document.hpp>
#include <byline/document/records.hpp>
#include <byline/entity/entities.hpp>
#include <byline/entity/labels.hpp>
#include <byline/entity/value_rules.hpp>
#include <byline/unicode/properties.hpp>
#include <byline/unicode/utf.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace byline::detail {

struct entity_candidate {
  std::uint32_t first = 0, end = 0;  // tokens
  entity_label label = entity_label::org;
  std::uint8_t flags = 0;            // mention_flag bits
  std::uint32_t title_first = 0, title_end = 0;
  std::string_view canonical{};      // the gazetteer's, empty when none
  std::string_view kb_id{};          // the gazetteer's, empty when none
  std::string_view country{};        // for a seat of government or a capital: the country's canonical name
  std::string_view country_id{};     // and its ISO code
  bool seat = false;                 // a seat of government: always stands for the government
  bool capital = false;              // a capital: stands for the government where it acts or speaks
  bool division = false;             // a city's name used for its province ("the Kharkiv region")
};

// Lower case with curly apostrophes folded, as UTF-8.
inline std::string fold(std::string_view s) {
  // Most names are ASCII: lower-case them bytewise (the decoder below cost a fifth of linking).
  if (std::ranges::all_of(s, [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    std::string out(s);
    for (char& c : out) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    return out;
  }
  std::string out;
  out.reserve(s.size());
  for (auto cp : unicode::code_points(s)) {
    char32_t c = cp.code_point;
    if (c == U'\u2019' || c == U'\u2018') c = U'\'';
    unicode::encode_utf8<char>(unicode::simple_lowercase(c), std::back_inserter(out));
  }
  return out;
}

inline bool is_possessive_clitic(std::string_view folded) { return folded == "'s" || folded == "'"; }

// is_possessive_clitic(fold(token)) without making the folded string: ' or ’ or ‘, alone or
// before s or S (no other character folds to either).
inline bool is_possessive_token(std::string_view t) {
  const auto quote_len = [](std::string_view x) -> std::size_t {
    if (!x.empty() && x[0] == '\'') return 1;
    if (x.size() >= 3 && x[0] == '\xE2' && x[1] == '\x80' && (x[2] == '\x98' || x[2] == '\x99')) return 3;
    return 0;
  };
  const auto q = quote_len(t);
  return q != 0 && (t.size() == q || (t.size() == q + 1 && (t[q] == 's' || t[q] == 'S')));
}

// fold(token) == "the" without making the folded string.
inline bool is_the_token(std::string_view t) {
  return t.size() == 3 && (t[0] | 0x20) == 't' && (t[1] | 0x20) == 'h' && (t[2] | 0x20) == 'e';
}

// Whether a place name is used as a place here: after a locative preposition or a verb of going
// ("in Moscow", "arrived in", "flew to Kyiv"), or before a noun that makes it a place ("Moscow
// region", "Kyiv residents"). Elsewhere a capital in political news names its government
// ("pressure on Moscow", "Washington had promoted", "Moscow's readiness"): the place-for-people
// reading that metonymy studies (Markert and Nissim) find the commonest for capitals.
inline bool literal_place_context(const document_base& doc, std::uint32_t first, std::uint32_t end) {
  static constexpr std::string_view before[] = {
      "in",      "near",    "outside", "around",   "across",    "at",      "into",     "to",       "from",
      "visit",   "visited", "visiting", "visits",  "arrived",   "arrive",  "flew",     "travelled", "traveled",
      "returned", "downtown", "central", "suburbs", "streets",  "toward",  "towards",  "through",  "inside",
      "via",     "between", "reached", "entered",  "northern",  "southern", "eastern", "western",  "outskirts"};
  static constexpr std::string_view after[] = {
      "region",  "oblast",  "province", "residents", "resident",  "mayor",   "airport",  "metro",    "city",
      "streets", "street",  "suburb",   "suburbs",   "apartment", "office",  "offices",  "hotel",    "river",
      "area",    "district", "skyline", "neighborhood", "neighbourhood", "time", "university", "court", "police"};
  if (first > 0) {
    const auto w = fold(doc.token_utf8(token_id{first - 1}));
    // "From Moscow's perspective": a possessive after it names the government whatever comes before.
    const bool possessive = end < doc.token_count() && is_possessive_clitic(fold(doc.token_utf8(token_id{end})));
    const bool according_to = w == "to" && first > 1 && fold(doc.token_utf8(token_id{first - 2})) == "according";
    if (!possessive && !according_to && std::ranges::find(before, w) != std::end(before)) return true;
  }
  if (end < doc.token_count()) {
    const auto w = fold(doc.token_utf8(token_id{end}));
    if (std::ranges::find(after, w) != std::end(after)) return true;
  }
  return false;
}

// Labels that may share a cluster by equal text.
inline int label_group(entity_label l) {
  switch (l) {
    case entity_label::person: return 0;
    case entity_label::org: return 1;
    case entity_label::gpe:
    case entity_label::loc:
    case entity_label::fac:
    case entity_label::norp: return 2;
    default: return 3 + static_cast<int>(l);
  }
}

inline std::string slug(std::string_view s) {
  std::string out;
  bool dash = false;
  for (auto cp : unicode::code_points(s)) {
    const char32_t c = unicode::simple_lowercase(cp.code_point);
    const bool keep = (c >= U'a' && c <= U'z') || (c >= U'0' && c <= U'9') || c >= 0x80;
    if (keep) {
      if (dash && !out.empty()) out += '-';
      dash = false;
      unicode::encode_utf8<char>(c, std::back_inserter(out));
    } else {
      dash = true;
    }
  }
  return out;
}

inline std::string_view label_slug(entity_label l) {
  constexpr std::string_view s[] = {"person", "norp",   "fac",  "org",     "gpe",   "loc",
                                    "product", "event", "work_of_art", "law", "language", "date",
                                    "time",   "percent", "money", "quantity", "ordinal", "cardinal"};
  return s[static_cast<std::size_t>(l)];
}

// Links candidates (sorted by first token, disjoint) into the two layers, which must be empty.
inline void link_entities(const document_base& doc, const std::vector<entity_candidate>& cands,
                          entity_cluster_layer& clusters, entity_mention_layer& mentions) {
  struct cluster_info {
    entity_label label;
    std::string canonical;          // the best name so far
    std::string kb_id;
    std::vector<std::string> words; // a person's name words (folded), of the longest form
    std::string key;                // folded normalised text, for equal-text joins
    bool from_gazetteer = false;
  };
  std::vector<cluster_info> info;
  std::vector<std::uint32_t> of_mention(cands.size());
  std::unordered_map<std::string, std::uint32_t> by_canonical;  // folded gazetteer canonical -> cluster
  std::unordered_map<std::string, std::uint32_t> by_key;        // group + folded text -> cluster
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_last_name;  // person clusters by last word
  std::unordered_map<std::string, std::uint32_t> org_by_initials;  // "nato" -> North Atlantic Treaty Organization
  std::unordered_map<std::string, std::uint32_t> org_by_word;      // one-word organisations: "nato"

  // A mention's words: folded tokens without a trailing possessive clitic or a leading "the".
  auto words_of = [&](const entity_candidate& c) {
    std::vector<std::string> w;
    for (auto t = c.first; t < c.end; ++t) w.push_back(fold(doc.token_utf8(token_id{t})));
    while (!w.empty() && is_possessive_clitic(w.back())) w.pop_back();
    if (w.size() > 1 && w.front() == "the") w.erase(w.begin());
    return w;
  };
  auto text_of = [&](const entity_candidate& c, bool drop_the) {
    std::uint32_t f = c.first, e = c.end;
    while (e > f + 1 && is_possessive_token(doc.token_utf8(token_id{e - 1}))) --e;
    if (drop_the && e > f + 1 && is_the_token(doc.token_utf8(token_id{f}))) ++f;
    const auto& tl = doc.token_records();
    const auto b = doc.utf8_offset(tl.begin[f]), en = doc.utf8_offset(tl.end[e - 1]);
    return std::string(doc.utf8().substr(b, en - b));
  };
  auto join = [](const std::vector<std::string>& sep) {
    std::string k;
    for (const auto& s : sep) {
      if (!k.empty()) k += ' ';
      k += s;
    }
    return k;
  };

  for (std::size_t m = 0; m < cands.size(); ++m) {
    const auto& c = cands[m];
    const auto w = words_of(c);
    const int group = label_group(c.label);
    // A province named after its city is not the city: "Kharkiv" and "the Kharkiv region" differ.
    const std::string key = std::to_string(group) + (c.division ? "p:" : ":") + join(w);
    std::uint32_t found = detail::no_index;

    if (!c.canonical.empty()) {
      if (auto it = by_canonical.find(fold(c.canonical)); it != by_canonical.end()) found = it->second;
    }
    if (found == detail::no_index && c.label == entity_label::person && !w.empty()) {
      // A shorter or longer form of one person seen before: the candidates share the last word.
      std::uint32_t hit = detail::no_index;
      int hits = 0;
      const auto pit = by_last_name.find(w.back());
      const std::vector<std::uint32_t> none;
      for (std::uint32_t k : pit == by_last_name.end() ? none : pit->second) {
        if (info[k].label != entity_label::person) continue;
        const auto& cw = info[k].words;
        const auto& shorter = w.size() <= cw.size() ? w : cw;
        const auto& longer = w.size() <= cw.size() ? cw : w;
        if (shorter.empty() || shorter.back() != longer.back()) continue;
        const bool all_in = std::ranges::all_of(shorter, [&](const std::string& x) {
          return std::ranges::find(longer, x) != longer.end();
        });
        if (all_in) {
          if (hit != k) ++hits;
          hit = k;
        }
      }
      if (hits == 1) found = hit;
    }
    if (found == detail::no_index && c.label == entity_label::org && !w.empty()) {
      // An acronym and its expansion, either way round.
      auto initials = [](const std::vector<std::string>& ws) {
        std::string s;
        for (const auto& x : ws)
          if (x != "of" && x != "the" && x != "and" && x != "for" && !x.empty() && x[0] >= 'a' && x[0] <= 'z') s += x[0];
        return s;
      };
      // Organisations are indexed by their acronym and, when one word, by that word.
      if (w.size() == 1 && w[0].size() >= 2) {
        if (auto it = org_by_initials.find(w[0]); it != org_by_initials.end()) found = it->second;
      } else if (w.size() >= 2) {
        if (auto it = org_by_word.find(initials(w)); it != org_by_word.end()) found = it->second;
      }
    }
    if (found == detail::no_index)
      if (auto it = by_key.find(key); it != by_key.end()) found = it->second;

    if (found == detail::no_index) {
      found = static_cast<std::uint32_t>(info.size());
      cluster_info ci;
      ci.label = c.label;
      ci.from_gazetteer = !c.canonical.empty();
      if (ci.from_gazetteer) {
        ci.canonical = std::string(c.canonical);
      } else {
        if (!is_name(c.label)) {  // a value: "eleventh" -> "11th", "30-day" -> "30 days"
          std::vector<std::string_view> vw;
          for (auto t = c.first; t < c.end; ++t) vw.push_back(doc.token_utf8(token_id{t}));
          ci.canonical = value_canonical(vw, c.label);
        }
        if (ci.canonical.empty()) ci.canonical = text_of(c, c.label != entity_label::person);
      }
      ci.kb_id = std::string(c.kb_id);
      ci.words = w;
      ci.key = key;
      info.push_back(std::move(ci));
    } else {
      auto& ci = info[found];
      // A person's canonical name is the longest form met.
      if (c.label == entity_label::person && ci.label == entity_label::person && !ci.from_gazetteer &&
          w.size() > ci.words.size()) {
        ci.words = w;
        ci.canonical = text_of(c, false);
      }
      if (ci.kb_id.empty() && !c.kb_id.empty()) ci.kb_id = std::string(c.kb_id);
    }
    if (!c.canonical.empty()) by_canonical.try_emplace(fold(c.canonical), found);
    by_key.try_emplace(key, found);
    if (c.label == entity_label::person && !w.empty()) {
      auto& v = by_last_name[w.back()];
      if (std::ranges::find(v, found) == v.end() && v.size() < 64) v.push_back(found);
    }
    if (c.label == entity_label::org && w.size() >= 2) {
      std::string ini;
      for (const auto& x : w)
        if (x != "of" && x != "the" && x != "and" && x != "for" && !x.empty() && x[0] >= 'a' && x[0] <= 'z') ini += x[0];
      if (ini.size() >= 2) org_by_initials.try_emplace(ini, found);
    }
    if (c.label == entity_label::org && w.size() == 1) org_by_word.try_emplace(w[0], found);
    of_mention[m] = found;
  }

  for (const auto& ci : info) {
    const std::string id = !ci.kb_id.empty() ? ci.kb_id
                                             : "byline:" + std::string(label_slug(ci.label)) + "/" + slug(ci.canonical);
    clusters.add(ci.label, ci.canonical, id);
  }

  // The country a metonym stands for: its cluster, made when the text never names the country.
  auto country_cluster = [&](const entity_candidate& c) {
    if (auto it = by_canonical.find(fold(c.country)); it != by_canonical.end()) return it->second;
    const auto k = static_cast<std::uint32_t>(clusters.size());
    clusters.add(entity_label::gpe, c.country, c.country_id.empty() ? "byline:gpe/" + slug(c.country) : std::string(c.country_id));
    by_canonical.try_emplace(fold(c.country), k);
    return k;
  };

  // Exactly sized: a document's layers are kept as long as the document, slack and all.
  mentions.first.reserve(cands.size());
  mentions.end.reserve(cands.size());
  mentions.label.reserve(cands.size());
  mentions.cluster.reserve(cands.size());
  mentions.title_first.reserve(cands.size());
  mentions.title_end.reserve(cands.size());
  mentions.stands_for.reserve(cands.size());
  mentions.flags.reserve(cands.size());
  for (std::size_t m = 0; m < cands.size(); ++m) {
    const auto& c = cands[m];
    auto f = mention_flags(c.flags);
    std::uint32_t gov = detail::no_index;
    if (!c.country.empty() && fold(c.country) != fold(c.canonical) &&  // not a city state
        (c.seat || (c.capital && !literal_place_context(doc, c.first, c.end)))) {
      gov = country_cluster(c);
      f = mention_flags(static_cast<std::uint8_t>(f.bits() | mention_flag::metonym));
      if (c.seat) clusters.stands_for[of_mention[m]] = gov;
    }
    if (c.end < doc.token_count() && is_possessive_token(doc.token_utf8(token_id{c.end})))
      f = mention_flags(static_cast<std::uint8_t>(f.bits() | mention_flag::possessive));
    const auto id = mentions.add(c.first, c.end, c.label, cluster_id{of_mention[m]}, f);
    mentions.title_first[id.value] = c.title_first;
    mentions.title_end[id.value] = c.title_end;
    mentions.stands_for[id.value] = gov;
  }
  mentions.index_tokens(doc.token_count());
  clusters.finish(mentions.cluster);
}

}  // namespace byline::detail
