// Scores the default pipeline's attributions on a PolNeAR split as ../shared/eval/polnear.py does:
// per role (source, cue, content), spans matched one to one when they overlap, and exact F1.
//
//   eval_attributions ../shared/data/polnear/data/dev [--model WEIGHTS]
//
// --model: a model saved by train_attributions --save, in place of the rules.
#include "polnear.hpp"

#include <byline/byline.hpp>

#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

int main(int argc, char** argv) {
  if (argc != 2 && !(argc == 4 && std::string(argv[2]) == "--model")) {
    std::fprintf(stderr, "usage: eval_attributions SPLIT_DIR [--model WEIGHTS]   (SPLIT_DIR with text/ and attributions/)\n");
    return 2;
  }
  const auto articles = byline::tools::read_polnear(argv[1]);
  std::optional<byline::ner_model> model;
  if (argc == 4) {
    std::ifstream in(argv[3], std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    model.emplace(byline::load_ner_weights(ss.str()));
  }
  const byline::pipeline nlp{byline::tokenizer{}, byline::paragraph_segmenter{}, byline::sentence_splitter{},
                             byline::entity_extractor{}, byline::pronoun_resolver{}, byline::quote_finder{},
                             byline::attribution_tagger{model ? &*model : nullptr}};
  std::array<byline::tools::role_score, 3> score;
  for (const auto& a : articles) {
    auto doc = nlp(a.text);
    std::array<std::vector<byline::tools::byte_span>, 3> pred;
    for (auto at : doc.attributions()) {
      const std::array spans{at.source(), at.cue(), at.content()};
      for (std::size_t r = 0; r < 3; ++r)
        if (spans[r]) {
          const auto o = spans[r]->offsets();
          pred[r].push_back({static_cast<std::uint32_t>(o.begin), static_cast<std::uint32_t>(o.end)});
        }
    }
    for (std::size_t r = 0; r < 3; ++r) score[r].add(pred[r], a.gold[r]);
  }
  for (std::size_t r = 0; r < 3; ++r)
    std::printf("%-8s P=%.3f R=%.3f F1=%.3f exact F1=%.3f (pred %zu, gold %zu)\n", byline::tools::roles[r], score[r].p(),
                score[r].r(), score[r].f1(), score[r].exact_f1(), score[r].predicted, score[r].gold);
  std::string split = argv[1];
  while (!split.empty() && split.back() == '/') split.pop_back();
  std::printf("polnear %s: cue F1=%.3f source F1=%.3f content F1=%.3f\n", split.substr(split.rfind('/') + 1).c_str(),
              score[1].f1(), score[0].f1(), score[2].f1());
  return 0;
}
