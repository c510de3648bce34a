// byline — the default NER model: ner_model::default_model(), built on first use from the weights
// in data/ner_weights.hpp (trained on CoNLL-2003 eng.train by tools/train_ner.cpp).
//
// The weights are a large header, so they are not part of byline.hpp: include this header where
// the default model is used.
#pragma once

#include <byline/entity/data/ner_weights.hpp>
#include <byline/entity/model.hpp>

#include <string>

namespace byline {

inline const ner_model& ner_model::default_model() {
  // A function-local static: built once, by whichever thread asks first, and never changed after.
  static const ner_model model = [] {
    std::string bytes;
    for (const char* chunk : data::ner_weights_base64) base64_decode_append(chunk, bytes);
    return ner_model(load_ner_weights(bytes));
  }();
  return model;
}

}  // namespace byline
