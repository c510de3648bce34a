// byline — the entity extractor over a CoNLL file's own tokens: one IOB2 tag per token, in CoNLL
// types, each document processed whole. `byline tag-conll` and tools/eval_ner both use this, so the
// project's evaluation scores exactly what the scorers in ../shared/eval see.
#pragma once

#include <byline/document/from_tokens.hpp>
#include <byline/entity/extractor.hpp>
#include <byline/io/conll.hpp>
#include <byline/pipeline.hpp>

#include <string>
#include <vector>

namespace byline {

inline std::vector<std::string> predict_conll_tags(const io::conll_corpus& corpus,
                                                   const entity_extractor& extractor = entity_extractor{}) {
  const pipeline entities{extractor};
  std::vector<std::string> predicted;
  predicted.reserve(corpus.token_count());
  for (const auto& d : corpus.documents) {
    std::vector<std::vector<std::string>> sentences;
    sentences.reserve(d.sentences.size());
    for (const auto& s : d.sentences) sentences.push_back(s.tokens);
    auto doc = document_from_tokens(sentences);
    entities.run(doc);
    std::vector<std::string> tags(doc.base().token_count(), "O");
    for (auto e : doc.entities()) {
      const auto type = to_conll(e.label());
      if (type == conll_type::none) continue;
      for (auto t = e.first_token(); t < e.end_token(); ++t)
        tags[t] = std::string(t == e.first_token() ? "B-" : "I-") + std::string(name(type));
    }
    predicted.insert(predicted.end(), tags.begin(), tags.end());
  }
  return predicted;
}

}  // namespace byline
