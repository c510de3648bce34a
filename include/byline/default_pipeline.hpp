// byline — the default English news pipeline.
//
//   const byline::news_pipeline nlp;                       // tokens, paragraphs, sentences, entities, pronouns, quotations, attributions, stances
//   const byline::pipeline nlp2;                           // the same: deduced from no arguments
//   auto mine = byline::news_pipeline{}.then(my_component{});   // extended in one line
//
// The entity extractor
// brings its model weights and resources (byline/entity/data/), the heavy part of this header: a
// program that wants only tokens includes byline/tokenize/tokenizer.hpp.
#pragma once

#include <byline/document/paragraphs.hpp>
#include <byline/entity/coreference.hpp>
#include <byline/entity/extractor.hpp>
#include <byline/pipeline.hpp>
#include <byline/stance/attributions.hpp>
#include <byline/stance/quotes.hpp>
#include <byline/stance/stances.hpp>
#include <byline/tokenize/sentences.hpp>
#include <byline/tokenize/tokenizer.hpp>

namespace byline {

using news_pipeline = pipeline<tokenizer, paragraph_segmenter, sentence_splitter, entity_extractor, pronoun_resolver,
                               quote_finder, attribution_tagger, stance_tagger>;

}  // namespace byline
