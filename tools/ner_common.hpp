// Shared by tools/train_ner.cpp and tools/eval_ner.cpp: tagging a CoNLL corpus with a model and
// scoring it as conlleval does (exact spans per sentence, micro-averaged, per type).
#pragma once

#include <byline/entity/features.hpp>
#include <byline/entity/model.hpp>
#include <byline/entity/news_gazetteer.hpp>
#include <byline/io/conll.hpp>

#include <cstdio>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace byline::tools {

// Tags every document; returns IOB2 tags in file order (what io::write_conll takes). Each document
// gets the extra features the entity extractor gives the model (entity_features over the news
// gazetteer), so that a model trained with them is scored as it runs; a model trained without the
// extra group ignores them.
inline std::vector<std::string> tag_corpus(const ner_model& m, const io::conll_corpus& c) {
  std::vector<std::string> out;
  out.reserve(c.token_count());
  ner_workspace ws;
  std::vector<std::string_view> words;
  std::vector<std::uint32_t> starts;
  std::vector<ner_tag> tags;
  entity_feature_buffer extra;
  const gazetteer_view& news = news_gazetteer();
  for (const auto& d : c.documents) {
    words.clear();
    starts.clear();
    for (const auto& s : d.sentences) {
      starts.push_back(static_cast<std::uint32_t>(words.size()));
      for (const auto& t : s.tokens) words.push_back(t);
    }
    tags.assign(words.size(), ner_tag{});
    entity_features(words, news, extra);
    m.tag(words, starts, extra.view(), tags, ws);
    // Per sentence, so that a span never crosses a sentence end in the IOB2 output.
    std::size_t k = 0;
    for (const auto& s : d.sentences) {
      const auto iob = to_iob2(std::span<const ner_tag>(tags).subspan(k, s.tokens.size()));
      out.insert(out.end(), iob.begin(), iob.end());
      k += s.tokens.size();
    }
  }
  return out;
}

struct prf {
  std::size_t gold = 0, pred = 0, correct = 0;
  double p() const { return pred ? 100.0 * static_cast<double>(correct) / static_cast<double>(pred) : 0; }
  double r() const { return gold ? 100.0 * static_cast<double>(correct) / static_cast<double>(gold) : 0; }
  double f() const { return p() + r() > 0 ? 2 * p() * r() / (p() + r()) : 0; }
};

struct scores {
  std::map<std::string, prf> by_type;
  prf all;
  double f(const std::string& type) const {
    const auto it = by_type.find(type);
    return it == by_type.end() ? 0.0 : it->second.f();
  }
  // "F1 90.50 (PER 93.19 ORG 85.27 LOC 93.95 MISC 85.71)"
  std::string summary() const {
    char buf[200];
    std::snprintf(buf, sizeof buf, "F1 %.2f (PER %.2f ORG %.2f LOC %.2f MISC %.2f)", all.f(), f("PER"), f("ORG"),
                  f("LOC"), f("MISC"));
    return buf;
  }
};

// Scores predicted IOB tags (file order) against the corpus's gold tags. Predicted types in
// `ignore` (e.g. MISC on Universal NER, which has no MISC) are read as O.
inline scores score_corpus(const io::conll_corpus& c, const std::vector<std::string>& pred,
                           const std::set<std::string>& ignore = {}) {
  scores out;
  std::size_t k = 0;
  for (const auto& d : c.documents)
    for (const auto& s : d.sentences) {
      std::vector<std::string> p(pred.begin() + static_cast<std::ptrdiff_t>(k),
                                 pred.begin() + static_cast<std::ptrdiff_t>(k + s.tokens.size()));
      k += s.tokens.size();
      for (auto& t : p)
        if (t.size() > 2 && ignore.count(t.substr(2))) t = "O";
      const auto gs = io::spans_from_tags(std::span<const std::string>(s.tags));
      const auto ps = io::spans_from_tags(std::span<const std::string>(p));
      std::set<std::tuple<std::uint32_t, std::uint32_t, std::string>> g;
      for (const auto& x : gs) g.emplace(x.begin, x.end, x.type), ++out.by_type[x.type].gold, ++out.all.gold;
      for (const auto& x : ps) {
        ++out.by_type[x.type].pred, ++out.all.pred;
        if (g.count({x.begin, x.end, x.type})) ++out.by_type[x.type].correct, ++out.all.correct;
      }
    }
  return out;
}

inline void print_scores(std::ostream& os, const std::string& title, const scores& s) {
  char buf[160];
  os << title << '\n';
  for (const auto& [type, x] : s.by_type) {
    std::snprintf(buf, sizeof buf, "  %-6s P=%6.2f R=%6.2f F1=%6.2f  gold=%zu pred=%zu\n", type.c_str(), x.p(), x.r(),
                  x.f(), x.gold, x.pred);
    os << buf;
  }
  std::snprintf(buf, sizeof buf, "  overall P=%.2f R=%.2f F1=%.2f\n", s.all.p(), s.all.r(), s.all.f());
  os << buf;
}

// "baseline,history" -> bits. Names: the ner_feature constants.
inline std::uint32_t parse_features(std::string_view list) {
  static const std::pair<std::string_view, std::uint32_t> names[] = {
      {"word", ner_feature::word},           {"shape", ner_feature::shape},
      {"affixes", ner_feature::affixes},     {"neighbours", ner_feature::neighbours},
      {"cap_window", ner_feature::cap_window}, {"position", ner_feature::position},
      {"prev_tags", ner_feature::prev_tags}, {"history", ner_feature::history},
      {"clusters", ner_feature::clusters},   {"extra", ner_feature::extra},
      {"doc_case", ner_feature::doc_case},   {"viterbi", ner_feature::viterbi},
      {"baseline", ner_feature::baseline},   {"all", ner_feature::all}};
  std::uint32_t out = 0;
  while (!list.empty()) {
    const auto c = list.find(',');
    auto item = list.substr(0, c);
    list = c == std::string_view::npos ? std::string_view{} : list.substr(c + 1);
    bool neg = !item.empty() && item[0] == '-';
    if (neg) item.remove_prefix(1);
    bool found = false;
    for (const auto& [n, bit] : names)
      if (n == item) {
        out = neg ? (out & ~bit) : (out | bit);
        found = true;
      }
    if (!found) throw std::invalid_argument("unknown feature group: " + std::string(item));
  }
  return out;
}

}  // namespace byline::tools
