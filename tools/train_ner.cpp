// train_ner: trains byline's NER model on CoNLL-2003 and writes its weights header.
//
//   build/default/tools/train_ner --train ../shared/data/conll2003/eng.train
//       --dev ../shared/data/conll2003/eng.testa --epochs 12
//       --out include/byline/entity/data/ner_weights.hpp
//
// Each epoch it prints the dev F1 per type (exact spans, as conlleval). Options:
//   --features LIST    feature groups (tools/ner_common.hpp: baseline, history, clusters, ... ,
//                      -name removes one); default: the model's defaults
//   --clusters FILE    word clusters (word<TAB>bits per line), for the clusters group
//   --gold-history     previous tags from the gold tags while training
//   --predictions F    write the last epoch's dev predictions in CoNLL layout (for conlleval.py)
//   --seed N
#include "ner_common.hpp"

#include <byline/entity/ner_trainer.hpp>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

using namespace byline;

int main(int argc, char** argv) {
  std::string train_path, dev_path, out_path, pred_path, clusters_path;
  std::uint32_t features = ner_feature::baseline;
  int epochs = 10;
  ner_training_options opt;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << a << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--train") train_path = next();
    else if (a == "--dev") dev_path = next();
    else if (a == "--out") out_path = next();
    else if (a == "--predictions") pred_path = next();
    else if (a == "--clusters") clusters_path = next();
    else if (a == "--features") features = tools::parse_features(next());
    else if (a == "--epochs") epochs = std::stoi(next());
    else if (a == "--seed") opt.seed = std::stoull(next());
    else if (a == "--gold-history") opt.gold_history = true;
    else {
      std::cerr << "unknown option " << a << '\n';
      return 2;
    }
  }
  if (train_path.empty()) {
    std::cerr << "usage: train_ner --train FILE [--dev FILE] [--epochs N] [--out HEADER]\n";
    return 2;
  }
  opt.features = features;
  const auto t0 = std::chrono::steady_clock::now();
  const auto train = io::read_conll_file(train_path);
  io::conll_corpus dev;
  if (!dev_path.empty()) dev = io::read_conll_file(dev_path);
  std::vector<ner_training_document> docs;
  for (const auto& d : train.documents) docs.push_back(from_conll(d));
  std::vector<std::pair<std::string, detail::ner::cluster_path>> clusters;
  if (!clusters_path.empty()) {
    std::ifstream in(clusters_path);
    std::string w, bits;
    while (in >> w >> bits) {
      detail::ner::cluster_path p;
      for (char c : bits.substr(0, 32)) p.bits = (p.bits << 1) | (c == '1' ? 1u : 0u);
      p.length = static_cast<std::uint8_t>(std::min<std::size_t>(bits.size(), 32));
      clusters.emplace_back(w, p);
    }
    std::cerr << "clusters: " << clusters.size() << " words\n";
  }
  ner_trainer tr(std::move(docs), opt, std::move(clusters));
  const auto t1 = std::chrono::steady_clock::now();
  std::cerr << "train: " << train.documents.size() << " documents, " << tr.token_count() << " tokens, "
            << tr.feature_count() << " features; prepared in "
            << std::chrono::duration<double>(t1 - t0).count() << " s\n";
  std::vector<std::string> last_pred;
  for (int e = 1; e <= epochs; ++e) {
    const auto a = std::chrono::steady_clock::now();
    const auto errors = tr.train_epoch();
    const auto b = std::chrono::steady_clock::now();
    std::cerr << "epoch " << e << ": " << errors << " training errors, " << std::chrono::duration<double>(b - a).count()
              << " s";
    if (!dev_path.empty()) {
      const ner_model m(tr.weights());
      last_pred = tools::tag_corpus(m, dev);
      const auto s = tools::score_corpus(dev, last_pred);
      char buf[200];
      std::snprintf(buf, sizeof buf, "; dev F1 %.2f (PER %.2f ORG %.2f LOC %.2f MISC %.2f)", s.all.f(),
                    s.by_type.count("PER") ? s.by_type.at("PER").f() : 0.0,
                    s.by_type.count("ORG") ? s.by_type.at("ORG").f() : 0.0,
                    s.by_type.count("LOC") ? s.by_type.at("LOC").f() : 0.0,
                    s.by_type.count("MISC") ? s.by_type.at("MISC").f() : 0.0);
      std::cerr << buf;
    }
    std::cerr << '\n';
  }
  const auto t2 = std::chrono::steady_clock::now();
  std::cerr << "training took " << std::chrono::duration<double>(t2 - t0).count() << " s\n";
  if (!pred_path.empty() && !last_pred.empty()) {
    std::ofstream out(pred_path);
    io::write_conll(out, dev, last_pred);
  }
  if (!dev_path.empty()) tools::print_scores(std::cout, "dev " + dev_path, tools::score_corpus(dev, last_pred));
  (void)out_path;
  return 0;
}
