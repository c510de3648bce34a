// train_ner: trains byline's NER model on CoNLL-2003 and writes its weights header.
//
//   build/default/tools/train_ner --train ../shared/data/conll2003/eng.train
//       --dev ../shared/data/conll2003/eng.testa --epochs 12
//       --out include/byline/entity/data/ner_weights.hpp
//
// Each epoch it prints the dev F1 per type (exact spans, as conlleval). Options:
//   --features LIST    feature groups (tools/ner_common.hpp: baseline, history, clusters, extra,
//                      ... , -name removes one); default: the model's defaults. extra: the entity
//                      extractor's features (byline/entity/features.hpp: gazetteer, name lists),
//                      computed for training and dev documents by the extractor's own call
//   --uner FILE        also score the final model on Universal NER (MISC read as O; see eval_ner)
//   --clusters FILE    word clusters (word<TAB>bits per line), for the clusters group
//   --predicted-previous  previous-tag features from the model's decisions while training
//   --gold-history     document history from the gold tags while training
//   --predictions F    write the last epoch's dev predictions in CoNLL layout (for conlleval.py)
//   --check HEADER     fail unless HEADER holds the weights trained now (its data; comments aside)
//   --prune W          drop weights smaller than W from the saved weights
//   --seed N           the first model's document order
//   --models K         train K models on K document orders and average their weights (default 3):
//                      one perceptron's dev F1 moves by +-0.5 with the order alone; the average of
//                      three is steadier and better
#include "ner_common.hpp"

#include <byline/entity/features.hpp>
#include <byline/entity/news_gazetteer.hpp>
#include <byline/entity/ner_trainer.hpp>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <iostream>
#include <string>

using namespace byline;

int main(int argc, char** argv) {
  std::string check_path, train_path, dev_path, uner_path, out_path, pred_path, clusters_path;
  std::uint32_t features = ner_feature::baseline;
  int epochs = 10;
  float prune = 0.0f;
  int models = 3;
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
    else if (a == "--uner") uner_path = next();
    else if (a == "--out") out_path = next();
    else if (a == "--check") check_path = next();
    else if (a == "--predictions") pred_path = next();
    else if (a == "--clusters") clusters_path = next();
    else if (a == "--features") features = tools::parse_features(next());
    else if (a == "--epochs") epochs = std::stoi(next());
    else if (a == "--prune") prune = std::stof(next());
    else if (a == "--seed") opt.seed = std::stoull(next());
    else if (a == "--models") models = std::max(1, std::stoi(next()));
    else if (a == "--gold-history") opt.gold_history = true;
    else if (a == "--predicted-previous") opt.gold_previous = false;
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
  {
    // The extra features (gazetteer membership, name lists) by the very call the entity extractor
    // makes at run time, so training sees what tagging will; used when the extra group is on.
    const gazetteer_view& news = news_gazetteer();
    entity_feature_buffer buf;
    std::vector<std::string_view> words;
    for (const auto& d : train.documents) {
      auto doc = from_conll(d);
      words.assign(doc.words.begin(), doc.words.end());
      byline::entity_features(words, news, buf);
      doc.extra_ids = buf.ids;
      doc.extra_offsets = buf.offsets;
      docs.push_back(std::move(doc));
    }
  }
  std::vector<std::pair<std::string, detail::ner::cluster_path>> clusters;
  std::vector<std::string> clusters_notes;
  if (!clusters_path.empty()) {
    std::ifstream in(clusters_path);
    std::string w, bits;
    for (std::string line; in.peek() == '#' && std::getline(in, line);) clusters_notes.push_back(line.substr(1));
    while (in >> w >> bits) {
      detail::ner::cluster_path p;
      for (char c : bits.substr(0, 32)) p.bits = (p.bits << 1) | (c == '1' ? 1u : 0u);
      p.length = static_cast<std::uint8_t>(std::min<std::size_t>(bits.size(), 32));
      clusters.emplace_back(w, p);
    }
    std::cerr << "clusters: " << clusters.size() << " words\n";
  }
  std::vector<ner_trainer> trainers;
  for (int k = 0; k < models; ++k) {
    auto o = opt;
    o.seed = opt.seed + static_cast<std::uint64_t>(k);
    trainers.emplace_back(docs, o, clusters);
  }
  auto& tr = trainers.front();
  // The trainers prepared the same documents in the same order, so their rows line up.
  const auto averaged = [&] {
    auto w = trainers[0].weights();
    for (std::size_t k = 1; k < trainers.size(); ++k) {
      const auto o = trainers[k].weights();
      for (std::size_t i = 0; i < w.values.size(); ++i) w.values[i] += o.values[i];
    }
    for (auto& v : w.values) v /= static_cast<float>(trainers.size());
    return w;
  };
  const auto t1 = std::chrono::steady_clock::now();
  std::cerr << "train: " << train.documents.size() << " documents, " << tr.token_count() << " tokens, "
            << tr.feature_count() << " features; prepared in "
            << std::chrono::duration<double>(t1 - t0).count() << " s\n";
  std::vector<std::string> last_pred;
  for (int e = 1; e <= epochs; ++e) {
    const auto a = std::chrono::steady_clock::now();
    std::size_t errors = 0;
    for (auto& t : trainers) errors += t.train_epoch();
    const auto b = std::chrono::steady_clock::now();
    std::cerr << "epoch " << e << ": " << errors << " training errors, " << std::chrono::duration<double>(b - a).count()
              << " s";
    if (!dev_path.empty()) {
      const ner_model m(averaged());
      last_pred = tools::tag_corpus(m, dev);
      const auto s = tools::score_corpus(dev, last_pred);
      std::cerr << "; dev " << s.summary();
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
  if (!uner_path.empty()) {
    const auto uner = io::read_conll_file(uner_path);
    const ner_model m(averaged());
    const auto s = tools::score_corpus(uner, tools::tag_corpus(m, uner), {"MISC"});
    std::cerr << "UNER " << s.summary() << '\n';
    tools::print_scores(std::cout, "UNER " + uner_path + " (MISC read as O)", s);
  }
  if (!out_path.empty() || !check_path.empty()) {
    const auto w = averaged();
    const auto bytes = save_ner_weights(w, prune);
    const auto loaded = load_ner_weights(bytes);
    std::cerr << "saved: " << loaded.size() << " of " << w.size() << " features kept (prune " << prune << "), "
              << bytes.size() << " bytes\n";
    std::string dev_line;
    if (!dev_path.empty()) {
      // Score what was saved (pruned and rounded), not the weights in memory.
      const ner_model m(loaded);
      const auto s = tools::score_corpus(dev, tools::tag_corpus(m, dev));
      dev_line = "eng.testa " + s.summary() + " with these weights";
      std::cerr << dev_line << '\n';
    }
    std::string cmd = "build/default/tools/train_ner";
    for (int i = 1; i < argc; ++i) cmd += std::string(" ") + argv[i];
    std::ostringstream out;
    out << "// GENERATED. DO NOT EDIT.\n"
           "// The weights of byline's default NER model (byline/entity/model.hpp), saved by\n"
           "// byline::save_ner_weights and held as base64 text. Remake them, from the repository's root, with\n"
           "//   " << cmd << "\n"
           "// Source: CoNLL-2003 English, eng.train (Reuters RCV1 news of 1996, for research use; the\n"
           "// annotations are free); see ../shared/data/README.md.\n";
    if (!clusters_path.empty()) {
      out << "// With word clusters (tools/word_clusters.cpp) read from " << clusters_path << ",\n";
      for (const auto& note : clusters_notes) out << "//  " << note << "\n";
      out << "// (unlabelled text: the tokens of eng.train, and the 24 Wikinews articles of the GUM corpus,\n"
             "// text CC BY 2.5 by Wikinews, annotations CC BY 4.0, Zeldes 2017).\n";
    }
    out << "// " << loaded.size() << " features, " << bytes.size() << " bytes. " << dev_line << "\n"
           "#pragma once\n\n"
           "namespace byline::data {\n\n"
           "// Chunks of at most 8 KB (some compilers limit a string literal's length).\n"
           "inline constexpr const char* ner_weights_base64[] = {\n";
    const auto b64 = base64_encode(bytes);
    constexpr std::size_t line = 120, lines_per_chunk = 64;
    for (std::size_t i = 0; i < b64.size(); i += line) {
      if ((i / line) % lines_per_chunk == 0 && i > 0) out << ",\n";
      out << "\"" << b64.substr(i, line) << "\"\n";
    }
    out << "};\n\n}  // namespace byline::data\n";
    if (!out_path.empty()) std::ofstream(out_path, std::ios::binary) << out.str();
    if (!check_path.empty()) {
      // The data must match; the comments name paths and scores that may differ.
      std::ifstream in(check_path, std::ios::binary);
      std::stringstream old;
      old << in.rdbuf();
      const auto from = [](const std::string& t) {
        const auto k = t.find("#pragma once");
        return k == std::string::npos ? std::string() : t.substr(k);
      };
      if (from(old.str()) != from(out.str())) {
        std::cerr << check_path << " differs from the weights trained now\n";
        return 1;
      }
      std::cerr << check_path << " matches\n";
    }
  }
  return 0;
}
