// byline — training ner_model: an averaged perceptron over the model's own features. With
// ner_feature::viterbi (the default model's choice) it is the structured perceptron of Collins
// (2002): each sentence decoded by Viterbi, every wrongly tagged token updated. Without, each token
// is decided greedily and updated on its own, the previous-tag features seeing the gold tags.
// The document history counts the gold tags of earlier tokens when gold_history is set (what the
// default model was trained with: eng.testa F1 93.05 against 92.92 when counting its own).
//
//   std::vector<byline::ner_training_document> docs = ...;   // e.g. from_conll() of each document
//   byline::ner_trainer tr(std::move(docs), {.features = byline::ner_feature::baseline |
//                                                        byline::ner_feature::viterbi});
//   for (int e = 0; e < 10; ++e) tr.train_epoch();
//   byline::ner_model model(tr.weights());
//
// tools/train_ner.cpp trains the default model with it on CoNLL-2003.
#pragma once

#include <byline/entity/model.hpp>
#include <byline/io/conll.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

namespace byline {

struct ner_training_document {
  std::vector<std::string> words;
  std::vector<std::uint32_t> sentence_starts;  // index of each sentence's first word (0 first)
  std::vector<ner_tag> gold;                   // BILOU
  // Extra features per token, as for ner_model::tag: token i's ids are extra_ids[extra_offsets[i]
  // .. extra_offsets[i + 1]); empty offsets: none.
  std::vector<std::uint64_t> extra_ids;
  std::vector<std::uint32_t> extra_offsets;
};

// A document read by io::read_conll, its gold tags (any scheme) as BILOU.
inline ner_training_document from_conll(const io::conll_document& doc) {
  ner_training_document out;
  for (const auto& s : doc.sentences) {
    out.sentence_starts.push_back(static_cast<std::uint32_t>(out.words.size()));
    const auto spans = io::spans_from_tags(std::span<const std::string>(s.tags));
    std::vector<ner_span> ns;
    for (const auto& sp : spans)
      if (auto t = parse_conll_type(sp.type); t && *t != conll_type::none) ns.push_back({*t, sp.begin, sp.end});
    const auto tags = ner_tags_from_spans(ns, s.tokens.size());
    out.words.insert(out.words.end(), s.tokens.begin(), s.tokens.end());
    out.gold.insert(out.gold.end(), tags.begin(), tags.end());
  }
  return out;
}

struct ner_training_options {
  std::uint32_t features = ner_feature::baseline;
  // While training, the previous-tag features see the gold tags (teacher forcing) rather than the
  // model's own decisions: on CoNLL-2003 this gave 2 points more (dev F1 88.79 against 86.61 for
  // the baseline), since an update after a wrong decision often targets a tag that the wrong
  // decision has made impossible.
  bool gold_previous = true;
  // The same for the document history features.
  bool gold_history = false;
  std::uint64_t seed = 1;  // document order of each epoch
};

class ner_trainer {
 public:
  ner_trainer(std::vector<ner_training_document> docs, ner_training_options opt,
              std::vector<std::pair<std::string, detail::ner::cluster_path>> clusters = {})
      : opt_(opt), clusters_(std::move(clusters)), rng_(opt.seed) {
    namespace n = detail::ner;
    for (const auto& [w, p] : clusters_) cluster_map_.emplace(w, p);
    for (unsigned p = 0; p < n::prev_states; ++p) {
      prev1_[p] = row(n::prev1_id(p));
      for (unsigned pp = 0; pp < n::prev_states; ++pp) prev2_[pp][p] = row(n::prev2_id(pp, p));
      for (unsigned c = 0; c < n::cap_classes; ++c) prev1_cap_[p][c] = row(n::prev1_cap_id(p, c));
    }
    for (unsigned k = 0; k < n::hist_types; ++k)
      for (unsigned c = 0; c < n::cap_classes; ++c) hist_[k][c] = row(n::hist_id(k, c));
    for (auto& d : docs) prepare(d);
  }

  std::size_t feature_count() const noexcept { return keys_.size(); }
  std::size_t token_count() const noexcept { return tokens_; }

  // One pass over the documents in a new random order. Returns the tokens mistagged during it.
  std::size_t train_epoch() {
    std::vector<std::size_t> order(docs_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng_() % i]);  // portable
    std::size_t errors = 0;
    for (auto d : order)
      errors += (opt_.features & ner_feature::viterbi) ? train_document_viterbi(docs_[d]) : train_document(docs_[d]);
    return errors;
  }

  // The averaged weights (every feature seen in training, zeros included).
  ner_weights weights() const {
    namespace n = detail::ner;
    ner_weights out;
    out.features = opt_.features;
    out.keys = keys_;
    out.values.resize(w_.size());
    const double c = static_cast<double>(c_);
    for (std::size_t i = 0; i < w_.size(); ++i) out.values[i] = static_cast<float>(w_[i] - u_[i] / c);
    out.clusters = clusters_;
    return out;
  }

 private:
  struct prepared {
    std::vector<std::uint32_t> starts;      // sentence starts, then the word count
    std::vector<ner_tag> gold;
    std::vector<std::uint32_t> feat_begin;  // static feature rows of token i: rows[feat_begin[i]..[i+1])
    std::vector<std::uint32_t> rows;
    std::vector<std::uint8_t> cap;
    std::vector<std::uint32_t> lower_id;    // document-local
    std::uint32_t lowers = 0;
  };

  ner_training_options opt_;
  std::vector<std::pair<std::string, detail::ner::cluster_path>> clusters_;
  std::unordered_map<std::string, detail::ner::cluster_path> cluster_map_;
  std::mt19937_64 rng_;
  std::unordered_map<std::uint64_t, std::uint32_t> index_;
  std::vector<std::uint64_t> keys_;
  std::vector<double> w_, u_;
  std::uint64_t c_ = 1;
  std::size_t tokens_ = 0;
  std::vector<prepared> docs_;
  std::uint32_t prev1_[detail::ner::prev_states];
  std::uint32_t prev2_[detail::ner::prev_states][detail::ner::prev_states];
  std::uint32_t prev1_cap_[detail::ner::prev_states][detail::ner::cap_classes];
  std::uint32_t hist_[detail::ner::hist_types][detail::ner::cap_classes];

  std::uint32_t row(std::uint64_t key) {
    auto [it, fresh] = index_.try_emplace(key, static_cast<std::uint32_t>(keys_.size()));
    if (fresh) {
      keys_.push_back(key);
      w_.resize(w_.size() + detail::ner::tags, 0.0);
      u_.resize(u_.size() + detail::ner::tags, 0.0);
    }
    return it->second;
  }

  void prepare(const ner_training_document& d) {
    namespace n = detail::ner;
    const std::uint32_t fs = opt_.features;
    prepared p;
    p.gold = d.gold;
    p.starts = d.sentence_starts;
    if (p.starts.empty() || p.starts[0] != 0) p.starts.insert(p.starts.begin(), 0);
    p.starts.push_back(static_cast<std::uint32_t>(d.words.size()));
    const auto nw = d.words.size();
    std::vector<n::word_info> info(nw);
    std::vector<n::cluster_path> cl(nw);
    std::unordered_map<std::string, std::uint32_t> lowers;
    for (std::size_t i = 0; i < nw; ++i) {
      n::analyse(d.words[i], info[i]);
      if (fs & ner_feature::clusters) {
        if (auto it = cluster_map_.find(info[i].lower); it != cluster_map_.end()) cl[i] = it->second;
      }
      p.cap.push_back(info[i].cap);
      p.lower_id.push_back(lowers.try_emplace(info[i].lower, static_cast<std::uint32_t>(lowers.size())).first->second);
    }
    p.lowers = static_cast<std::uint32_t>(lowers.size());
    std::vector<n::case_counts> cases(p.lowers);
    for (std::size_t s = 0; s + 1 < p.starts.size(); ++s) {
      const std::size_t b = p.starts[s], e = p.starts[s + 1];
      const bool headline = (fs & ner_feature::position) && n::is_headline(e - b, [&](std::size_t i) { return info[b + i].cap; });
      for (std::size_t i = b; i < e; ++i)
        if (n::counts_for_case(i, b, headline)) {
          if (info[i].cap == 2) ++cases[p.lower_id[i]].upper;
          else if (info[i].cap == 1) ++cases[p.lower_id[i]].lower;
        }
    }
    std::vector<std::uint64_t> ids;
    p.feat_begin.push_back(0);
    for (std::size_t s = 0; s + 1 < p.starts.size(); ++s) {
      const std::size_t b = p.starts[s], e = p.starts[s + 1];
      const bool headline = (fs & ner_feature::position) && n::is_headline(e - b, [&](std::size_t i) { return info[b + i].cap; });
      for (std::size_t i = b; i < e; ++i) {
        ids.clear();
        n::self_features(info[i], cl[i], fs, ids);
        for (int dd : {-2, -1, 1, 2}) {
          const auto j = static_cast<std::ptrdiff_t>(i) + dd;
          const bool inside = j >= static_cast<std::ptrdiff_t>(b) && j < static_cast<std::ptrdiff_t>(e);
          n::neighbour_features(inside ? &info[static_cast<std::size_t>(j)] : nullptr,
                                inside ? cl[static_cast<std::size_t>(j)] : n::cluster_path{}, dd, fs, ids);
        }
        const unsigned cl_ = i > b ? info[i - 1].cap : 0, cr = i + 1 < e ? info[i + 1].cap : 0;
        if (fs & ner_feature::cap_window) ids.push_back(n::cap_window_id(cl_, info[i].cap, cr));
        if ((fs & ner_feature::position) && i == b) ids.push_back(n::initial_id(info[i].cap));
        if (headline) ids.push_back(n::headline_id(info[i].cap));
        if (fs & ner_feature::doc_case) {
          const bool counted = n::counts_for_case(i, b, headline);
          ids.push_back(n::doc_case_id(n::doc_case_class(cases[p.lower_id[i]], info[i].cap, counted), info[i].cap));
        }
        if ((fs & ner_feature::extra) && !d.extra_offsets.empty())
          for (auto k = d.extra_offsets[i]; k < d.extra_offsets[i + 1]; ++k) ids.push_back(n::extra_key(d.extra_ids[k]));
        for (auto id : ids) p.rows.push_back(row(id));
        p.feat_begin.push_back(static_cast<std::uint32_t>(p.rows.size()));
      }
    }
    tokens_ += nw;
    docs_.push_back(std::move(p));
  }

  void update(std::uint32_t r, std::size_t t, double v) {
    const auto i = static_cast<std::size_t>(r) * detail::ner::tags + t;
    w_[i] += v;
    u_[i] += static_cast<double>(c_) * v;
  }

  // The structured perceptron over first-order transitions: decode each sentence by Viterbi, then
  // update every token whose tag or previous tag was wrong.
  std::size_t train_document_viterbi(const prepared& p) {
    namespace n = detail::ner;
    constexpr std::size_t T = n::tags;
    const std::uint32_t fs = opt_.features;
    const bool prev_on = fs & ner_feature::prev_tags, hist_on = fs & ner_feature::history;
    std::vector<std::array<float, n::hist_types>> hist(p.lowers, std::array<float, n::hist_types>{});
    std::size_t errors = 0;
    std::vector<double> em;
    std::vector<std::uint8_t> back;
    std::vector<std::size_t> pred;
    std::vector<std::array<std::pair<std::uint32_t, double>, n::hist_types>> dyn;
    std::vector<std::size_t> ndyn;
    const auto trans = [&](std::size_t prev, unsigned cap, std::size_t t) {
      if (!prev_on) return 0.0;
      return w_[static_cast<std::size_t>(prev1_[prev]) * T + t] + w_[static_cast<std::size_t>(prev1_cap_[prev][cap]) * T + t];
    };
    for (std::size_t s = 0; s + 1 < p.starts.size(); ++s) {
      const std::size_t b = p.starts[s], e = p.starts[s + 1], len = e - b;
      if (len == 0) continue;
      em.assign(len * T, 0.0);
      dyn.resize(len);
      ndyn.assign(len, 0);
      for (std::size_t i = b; i < e; ++i) {
        double* sc = &em[(i - b) * T];
        for (auto k = p.feat_begin[i]; k < p.feat_begin[i + 1]; ++k) {
          const double* w = &w_[static_cast<std::size_t>(p.rows[k]) * T];
          for (std::size_t t = 0; t < T; ++t) sc[t] += w[t];
        }
        if (hist_on) {
          const auto& h = hist[p.lower_id[i]];
          float total = 0;
          for (float c : h) total += c;
          for (unsigned k = 0; k < n::hist_types; ++k)
            if (h[k] > 0) dyn[i - b][ndyn[i - b]++] = {hist_[k][p.cap[i]], h[k] / total};
          for (std::size_t k = 0; k < ndyn[i - b]; ++k) {
            const double* w = &w_[static_cast<std::size_t>(dyn[i - b][k].first) * T];
            for (std::size_t t = 0; t < T; ++t) sc[t] += dyn[i - b][k].second * w[t];
          }
        }
      }
      // Viterbi.
      constexpr double ninf = -std::numeric_limits<double>::infinity();
      back.assign(len * T, 0);
      double delta[T], next[T];
      for (std::size_t t = 0; t < T; ++t)
        delta[t] = n::allowed(n::start_tag, t, len == 1) ? em[t] + trans(n::start_tag, p.cap[b], t) : ninf;
      for (std::size_t i = 1; i < len; ++i) {
        for (std::size_t t = 0; t < T; ++t) next[t] = ninf;
        for (std::size_t q = 0; q < T; ++q) {
          if (delta[q] == ninf) continue;
          for (std::size_t t = 0; t < T; ++t) {
            if (!n::allowed(q, t, i + 1 == len)) continue;
            const double v = delta[q] + trans(q, p.cap[b + i], t);
            if (v > next[t]) next[t] = v, back[i * T + t] = static_cast<std::uint8_t>(q);
          }
        }
        for (std::size_t t = 0; t < T; ++t) delta[t] = next[t] == ninf ? ninf : next[t] + em[i * T + t];
      }
      std::size_t best = 0;
      for (std::size_t t = 1; t < T; ++t)
        if (delta[t] > delta[best]) best = t;
      pred.assign(len, 0);
      for (std::size_t i = len; i-- > 0;) {
        pred[i] = best;
        if (i > 0) best = back[i * T + best];
      }
      // Updates.
      for (std::size_t i = 0; i < len; ++i) {
        const std::size_t g = p.gold[b + i].value, q = pred[i];
        const std::size_t gp = i ? p.gold[b + i - 1].value : n::start_tag, qp = i ? pred[i - 1] : n::start_tag;
        if (g != q) {
          ++errors;
          for (auto k = p.feat_begin[b + i]; k < p.feat_begin[b + i + 1]; ++k) update(p.rows[k], g, 1.0), update(p.rows[k], q, -1.0);
          for (std::size_t k = 0; k < ndyn[i]; ++k) update(dyn[i][k].first, g, dyn[i][k].second), update(dyn[i][k].first, q, -dyn[i][k].second);
        }
        if (prev_on && (g != q || gp != qp)) {
          update(prev1_[gp], g, 1.0), update(prev1_[qp], q, -1.0);
          update(prev1_cap_[gp][p.cap[b + i]], g, 1.0), update(prev1_cap_[qp][p.cap[b + i]], q, -1.0);
        }
        ++c_;
      }
      if (hist_on)
        for (std::size_t i = 0; i < len; ++i) {
          const std::size_t seen = opt_.gold_history ? p.gold[b + i].value : pred[i];
          hist[p.lower_id[b + i]][n::hist_type(ner_tag(static_cast<std::uint8_t>(seen)))] += 1;
        }
    }
    return errors;
  }

  std::size_t train_document(const prepared& p) {
    namespace n = detail::ner;
    const std::uint32_t fs = opt_.features;
    const bool prev_on = fs & ner_feature::prev_tags, hist_on = fs & ner_feature::history;
    std::vector<std::array<float, n::hist_types>> hist(p.lowers, std::array<float, n::hist_types>{});
    std::size_t errors = 0;
    std::array<std::pair<std::uint32_t, double>, 3 + n::hist_types> dyn;
    for (std::size_t s = 0; s + 1 < p.starts.size(); ++s) {
      const std::size_t b = p.starts[s], e = p.starts[s + 1];
      std::size_t p1 = n::start_tag, p2 = n::start_tag;
      for (std::size_t i = b; i < e; ++i) {
        const unsigned cap = p.cap[i];
        std::size_t nd = 0;
        if (prev_on) {
          dyn[nd++] = {prev1_[p1], 1.0};
          dyn[nd++] = {prev2_[p2][p1], 1.0};
          dyn[nd++] = {prev1_cap_[p1][cap], 1.0};
        }
        if (hist_on) {
          const auto& h = hist[p.lower_id[i]];
          float total = 0;
          for (float c : h) total += c;
          for (unsigned k = 0; k < n::hist_types; ++k)
            if (h[k] > 0) dyn[nd++] = {hist_[k][cap], h[k] / total};
        }
        double sc[n::tags] = {};
        for (auto k = p.feat_begin[i]; k < p.feat_begin[i + 1]; ++k) {
          const double* w = &w_[static_cast<std::size_t>(p.rows[k]) * n::tags];
          for (std::size_t t = 0; t < n::tags; ++t) sc[t] += w[t];
        }
        for (std::size_t k = 0; k < nd; ++k) {
          const double* w = &w_[static_cast<std::size_t>(dyn[k].first) * n::tags];
          for (std::size_t t = 0; t < n::tags; ++t) sc[t] += dyn[k].second * w[t];
        }
        const bool last = i + 1 == e;
        std::size_t best = 0;
        double best_score = -std::numeric_limits<double>::infinity();
        for (std::size_t t = 0; t < n::tags; ++t)
          if (n::allowed(p1, t, last) && sc[t] > best_score) best = t, best_score = sc[t];
        const std::size_t gold = p.gold[i].value;
        if (best != gold) {
          ++errors;
          for (auto k = p.feat_begin[i]; k < p.feat_begin[i + 1]; ++k) update(p.rows[k], gold, 1.0), update(p.rows[k], best, -1.0);
          for (std::size_t k = 0; k < nd; ++k) update(dyn[k].first, gold, dyn[k].second), update(dyn[k].first, best, -dyn[k].second);
        }
        ++c_;
        const std::size_t taken = opt_.gold_previous ? gold : best;
        p2 = p1, p1 = taken;
        const std::size_t seen = opt_.gold_history ? gold : best;
        if (hist_on) hist[p.lower_id[i]][n::hist_type(ner_tag(static_cast<std::uint8_t>(seen)))] += 1;
      }
    }
    return errors;
  }
};

}  // namespace byline
