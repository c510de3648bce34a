// eval_ner: the default NER model's scores and speed.
//
//   build/default/tools/eval_ner --conll ../shared/data/conll2003/eng.testa
//       --uner ../shared/data/uner/en_ewt-ud-dev.iob2 --speed ../shared/data/polnear/data/train/text
//
//   --conll FILE   exact-span P/R/F1 per type, as conlleval (CoNLL-2003 layout, or any file
//                  io::read_conll reads)
//   --uner FILE    the same on Universal NER, which has PER, ORG and LOC only: the model's MISC
//                  spans are read as O there (neither right nor wrong), since UNER leaves
//                  nationalities, events and works unmarked rather than calling them something else
//   --model-only   score the sequence model alone; by default the whole entity extractor runs over
//                  the file's tokens, exactly as `byline tag-conll` does (so the figures agree with
//                  conlleval.py on its output)
//   --predictions F  also write the last file's predictions in CoNLL layout (for conlleval.py)
//   --speed DIR    tokens per second of the model alone (ner_model::tag, one thread, one workspace)
//                  over every *.txt in DIR, tokenized and split into sentences by byline first
//   --repeat N     passes over the speed corpus (default 5; the best pass is reported)
//   --weights H    a weights header written by tools/train_ner --out, in place of the default
//                  model (for both the model alone and the extractor): candidates are scored
//                  without recompiling
#include "ner_common.hpp"

#include <byline/byline.hpp>
#include <byline/entity/conll_tagging.hpp>
#include <byline/entity/default_model.hpp>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

using namespace byline;

namespace {

// The weights of a header written by train_ner: its string literals, base64.
ner_weights read_weights_header(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string t = ss.str();
  std::string bytes;
  for (std::size_t k = t.find("#pragma once"); k != std::string::npos && (k = t.find('"', k)) != std::string::npos;) {
    const auto e = t.find('"', k + 1);
    if (e == std::string::npos) break;
    base64_decode_append(std::string_view(t).substr(k + 1, e - k - 1), bytes);
    k = e + 1;
  }
  return load_ner_weights(bytes);
}

void evaluate(const ner_model& m, const std::string& path, const std::set<std::string>& ignore,
              const std::string& pred_path, bool model_only) {
  const auto c = io::read_conll_file(path);
  const auto t0 = std::chrono::steady_clock::now();
  // The whole extractor over the file's tokens (what `byline tag-conll` prints), or the model alone.
  const auto pred = model_only ? tools::tag_corpus(m, c) : byline::predict_conll_tags(c, entity_extractor(m));
  const auto t1 = std::chrono::steady_clock::now();
  const auto s = tools::score_corpus(c, pred, ignore);
  tools::print_scores(std::cout, path + (ignore.empty() ? "" : " (MISC predictions read as O)") + ": " +
                                     std::to_string(c.token_count()) + " tokens in " +
                                     std::to_string(std::chrono::duration<double>(t1 - t0).count()) + " s",
                      s);
  if (!pred_path.empty()) {
    std::ofstream out(pred_path);
    io::write_conll(out, c, pred);
  }
}

void speed(const ner_model& m, const std::string& dir, int repeat) {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  const byline::pipeline nlp{byline::tokenizer{}, byline::paragraph_segmenter{}, byline::sentence_splitter{}};
  struct doc_words {
    std::vector<std::string_view> words;
    std::vector<std::uint32_t> starts;
  };
  std::vector<byline::document> docs;
  std::vector<doc_words> words;
  std::size_t tokens = 0, bytes = 0;
  std::vector<std::string> texts;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    bytes += ss.str().size();
    texts.push_back(ss.str());
  }
  // The default pipeline alone, for scale (best of `repeat`, CPU time).
  double pipeline_cpu = 1e300;
  for (int r = 0; r < repeat; ++r) {
    docs.clear();
    timespec a{}, b{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
    for (const auto& t : texts) docs.push_back(nlp(t));
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b);
    pipeline_cpu = std::min(pipeline_cpu, static_cast<double>(b.tv_sec - a.tv_sec) + 1e-9 * static_cast<double>(b.tv_nsec - a.tv_nsec));
  }
  for (const auto& d : docs) {
    doc_words w;
    for (auto t : d.tokens()) w.words.push_back(t.text());
    for (auto s : d.sentences()) w.starts.push_back(s.first_token());
    tokens += w.words.size();
    words.push_back(std::move(w));
  }
  ner_workspace ws;
  std::vector<ner_tag> out;
  double best = 1e300, best_cpu = 1e300;
  std::size_t entities = 0;
  // CPU time of this thread as well as wall time: the machine is shared, and a descheduled thread's
  // wall time says little about the model.
  const auto cpu_now = [] {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
  };
  for (int r = 0; r < repeat; ++r) {
    entities = 0;
    const double c0 = cpu_now();
    const auto t0 = std::chrono::steady_clock::now();
    for (const auto& w : words) {
      out.resize(w.words.size());
      m.tag(w.words, w.starts, {}, out, ws);
      for (auto t : out) entities += t.position() == 'B' || t.position() == 'U';
    }
    const auto t1 = std::chrono::steady_clock::now();
    best_cpu = std::min(best_cpu, cpu_now() - c0);
    best = std::min(best, std::chrono::duration<double>(t1 - t0).count());
  }
  std::printf("speed: %zu documents, %zu tokens (%zu bytes), %zu entities; best of %d passes: %.3f s wall, %.0f "
              "tokens/s (%.0f ns per token); %.3f s CPU, %.0f tokens/s (%.0f ns per token); %zu word types cached\n",
              words.size(), tokens, bytes, entities, repeat, best, static_cast<double>(tokens) / best,
              1e9 * best / static_cast<double>(tokens), best_cpu, static_cast<double>(tokens) / best_cpu,
              1e9 * best_cpu / static_cast<double>(tokens), ws.cached_types());
  std::printf("for scale: the default pipeline (tokens, paragraphs, sentences) took %.3f s CPU, %.0f ns per token; "
              "pipeline and model together %.0f tokens/s\n",
              pipeline_cpu, 1e9 * pipeline_cpu / static_cast<double>(tokens),
              static_cast<double>(tokens) / (pipeline_cpu + best_cpu));
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::pair<std::string, bool>> files;  // path, is UNER
  std::string speed_dir, pred_path, weights_path;
  bool model_only = false;
  int repeat = 5;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << a << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--conll") files.emplace_back(next(), false);
    else if (a == "--uner") files.emplace_back(next(), true);
    else if (a == "--speed") speed_dir = next();
    else if (a == "--predictions") pred_path = next();
    else if (a == "--model-only") model_only = true;
    else if (a == "--weights") weights_path = next();
    else if (a == "--repeat") repeat = std::max(1, std::stoi(next()));
    else {
      std::cerr << "unknown option " << a << '\n';
      return 2;
    }
  }
  const auto t0 = std::chrono::steady_clock::now();
  std::optional<ner_model> loaded;
  if (!weights_path.empty()) loaded.emplace(read_weights_header(weights_path));
  const auto& m = loaded ? *loaded : ner_model::default_model();
  const auto t1 = std::chrono::steady_clock::now();
  std::printf("model: %zu features, %zu bytes in memory, loaded in %.1f ms\n", m.feature_count(),
              m.memory_bytes(), 1e3 * std::chrono::duration<double>(t1 - t0).count());
  for (const auto& [path, uner] : files)
    evaluate(m, path, uner ? std::set<std::string>{"MISC"} : std::set<std::string>{}, pred_path, model_only);
  if (!speed_dir.empty()) speed(m, speed_dir, repeat);
  return 0;
}
