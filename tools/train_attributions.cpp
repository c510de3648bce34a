// Trains the attribution models (byline/stance/attributions.hpp) on PolNeAR: sequence taggers of
// the NER machinery (entity/ner_trainer.hpp) over our own tokens and sentences, with the extra
// features of stance/attribution_features.hpp. The default layout ("joint") trains the one model
// the library runs, sources and cues together; "separate" trains one model a role, content too,
// for comparison. Scores dev after each epoch as
// ../shared/eval/polnear.py does (spans matched one to one when they overlap).
//
//   train_attributions --train ../shared/data/polnear/data/train --dev ../shared/data/polnear/data/dev
//       [--epochs 8] [--layout joint|separate] [--features baseline,history,extra,viterbi]
//       [--save WEIGHTS] [--dump PREDICTIONS.tsv]
//
// PolNeAR may be used for research and evaluation only, and nothing derived from it ships: the
// weights this writes are for eval_attributions --model on this machine, never for the
// repository. The library's default attribution tagger is rule-based (stance/attributions.hpp).
// A user with attribution data of their own may train on it with this program (same format) and
// pass the model to attribution_tagger{.model = &m}.
#include "ner_common.hpp"
#include "polnear.hpp"

#include <byline/byline.hpp>
#include <byline/entity/ner_trainer.hpp>
#include <byline/stance/attribution_features.hpp>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

using namespace byline;

namespace {

// A model tags some roles, each as one CoNLL type.
struct model_spec {
  std::string name;
  std::array<conll_type, 3> type_of_role;  // none: the model does not tag that role
};

struct prepared {
  std::vector<std::string> words;
  std::vector<std::uint32_t> starts;
  std::vector<std::uint32_t> tok_begin, tok_end;
  std::vector<std::uint64_t> extra_ids;
  std::vector<std::uint32_t> extra_offsets;
};

prepared prepare(const byline::document& doc) {
  prepared p;
  const auto& t = doc.base().token_records();
  for (std::uint32_t i = 0; i < t.size(); ++i) {
    p.words.emplace_back(doc.base().token_utf8(token_id{i}));
    p.tok_begin.push_back(t.begin[i]);
    p.tok_end.push_back(t.end[i]);
  }
  for (const auto& s : doc.base().sentence_records().items) p.starts.push_back(s.first_token);
  if (!p.starts.empty() && p.starts.front() != 0) p.starts.insert(p.starts.begin(), 0);
  attribution_feature_buffer buf;
  attribution_features(doc.base(), buf);
  p.extra_ids = buf.ids;
  p.extra_offsets = buf.offsets;
  return p;
}

// The tokens a byte span touches.
std::pair<std::uint32_t, std::uint32_t> token_span(const prepared& p, tools::byte_span s) {
  const auto first = static_cast<std::uint32_t>(std::upper_bound(p.tok_end.begin(), p.tok_end.end(), s.begin) - p.tok_end.begin());
  const auto last = static_cast<std::uint32_t>(std::lower_bound(p.tok_begin.begin(), p.tok_begin.end(), s.end) - p.tok_begin.begin());
  return {first, last};
}

ner_training_document training_doc(const prepared& p, const tools::polnear_article& a, const model_spec& m) {
  ner_training_document d;
  d.words = p.words;
  d.sentence_starts = p.starts;
  d.extra_ids = p.extra_ids;
  d.extra_offsets = p.extra_offsets;
  std::vector<ner_span> spans;
  for (std::size_t r = 0; r < 3; ++r) {
    if (m.type_of_role[r] == conll_type::none) continue;
    for (const auto& g : a.gold[r]) {
      const auto [f, e] = token_span(p, g);
      if (f < e) spans.push_back({m.type_of_role[r], f, e});
    }
  }
  // Sorted by start, longer first; overlapping spans after the first are skipped by the tagger's
  // encoding (ner_tags_from_spans).
  std::sort(spans.begin(), spans.end(), [](const ner_span& x, const ner_span& y) {
    return x.begin != y.begin ? x.begin < y.begin : x.end > y.end;
  });
  d.gold = ner_tags_from_spans(spans, p.words.size());
  return d;
}

}  // namespace

int main(int argc, char** argv) {
  std::string train_dir, dev_dir, save_path, dump_path, layout = "joint";
  std::uint32_t features = ner_feature::baseline | ner_feature::extra | ner_feature::viterbi;
  int epochs = 8;
  float prune = 0.0f;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << a << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--train") train_dir = next();
    else if (a == "--dev") dev_dir = next();
    else if (a == "--save") save_path = next();
    else if (a == "--layout") layout = next();
    else if (a == "--dump") dump_path = next();
    else if (a == "--features") features = tools::parse_features(next());
    else if (a == "--epochs") epochs = std::stoi(next());
    else if (a == "--prune") prune = std::stof(next());
    else {
      std::cerr << "unknown option " << a << '\n';
      return 2;
    }
  }
  if (train_dir.empty()) {
    std::cerr << "usage: train_attributions --train DIR [--dev DIR] [--epochs N] [--layout joint|separate] [--out HEADER]\n";
    return 2;
  }
  std::vector<model_spec> specs;
  if (layout == "joint")
    specs = {{"source_cue", {conll_type::per, conll_type::org, conll_type::none}}};
  else
    specs = {{"source", {conll_type::per, conll_type::none, conll_type::none}},
             {"cue", {conll_type::none, conll_type::org, conll_type::none}},
             {"content", {conll_type::none, conll_type::none, conll_type::loc}}};

  const auto t0 = std::chrono::steady_clock::now();
  const byline::pipeline nlp;
  auto load = [&](const std::string& dir, std::vector<tools::polnear_article>& arts, std::vector<prepared>& preps) {
    arts = tools::read_polnear(dir);
    for (const auto& a : arts) preps.push_back(prepare(nlp(a.text)));
  };
  std::vector<tools::polnear_article> train, dev;
  std::vector<prepared> train_p, dev_p;
  load(train_dir, train, train_p);
  if (!dev_dir.empty()) load(dev_dir, dev, dev_p);
  std::cerr << "read " << train.size() << " train and " << dev.size() << " dev articles in "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() << " s\n";

  std::array<tools::role_score, 3> final_scores;
  std::ofstream dump;
  if (!dump_path.empty()) dump.open(dump_path);
  for (const auto& spec : specs) {
    std::vector<ner_training_document> docs;
    for (std::size_t k = 0; k < train.size(); ++k) docs.push_back(training_doc(train_p[k], train[k], spec));
    ner_training_options opt;
    opt.features = features;
    ner_trainer tr(std::move(docs), opt);
    std::cerr << spec.name << ": " << tr.token_count() << " tokens, " << tr.feature_count() << " features\n";
    for (int e = 1; e <= epochs; ++e) {
      const auto a = std::chrono::steady_clock::now();
      const auto errors = tr.train_epoch();
      std::cerr << "  epoch " << e << ": " << errors << " errors, "
                << std::chrono::duration<double>(std::chrono::steady_clock::now() - a).count() << " s";
      if (!dev.empty()) {
        const ner_model m(tr.weights());
        ner_workspace ws;
        std::array<tools::role_score, 3> sc;
        for (std::size_t k = 0; k < dev.size(); ++k) {
          const auto& p = dev_p[k];
          std::vector<std::string_view> words(p.words.begin(), p.words.end());
          std::vector<ner_tag> tags(words.size());
          m.tag(words, p.starts, {p.extra_ids, p.extra_offsets}, tags, ws);
          std::array<std::vector<tools::byte_span>, 3> pred;
          for (const auto& s : ner_spans(tags))
            for (std::size_t r = 0; r < 3; ++r)
              if (spec.type_of_role[r] == s.type) pred[r].push_back({p.tok_begin[s.begin], p.tok_end[s.end - 1]});
          for (std::size_t r = 0; r < 3; ++r)
            if (spec.type_of_role[r] != conll_type::none) {
              sc[r].add(pred[r], dev[k].gold[r]);
              if (dump.is_open() && e == epochs)
                for (const auto& x : pred[r]) dump << dev[k].name << '\t' << tools::roles[r] << '\t' << x.begin << '\t' << x.end << '\n';
            }
        }
        for (std::size_t r = 0; r < 3; ++r)
          if (spec.type_of_role[r] != conll_type::none) {
            std::fprintf(stderr, "; %s P %.3f R %.3f F1 %.3f exact %.3f", tools::roles[r], sc[r].p(), sc[r].r(),
                         sc[r].f1(), sc[r].exact_f1());
            final_scores[r] = sc[r];
          }
      }
      std::cerr << '\n';
    }
    if (!save_path.empty() && spec.name == "source_cue") {
      // Raw weights (save_ner_weights) for eval_attributions --model. A model trained on PolNeAR is
      // for research and evaluation only: it stays on this machine and never ships.
      const auto bytes = save_ner_weights(tr.weights(), prune);
      std::ofstream(save_path, std::ios::binary) << bytes;
      std::cerr << "wrote " << save_path << ": " << bytes.size() << " bytes\n";
    }
  }
  for (std::size_t r = 0; r < 3; ++r)
    std::printf("%-8s P=%.3f R=%.3f F1=%.3f exact F1=%.3f (pred %zu, gold %zu)\n", tools::roles[r], final_scores[r].p(),
                final_scores[r].r(), final_scores[r].f1(), final_scores[r].exact_f1(), final_scores[r].predicted,
                final_scores[r].gold);
}
