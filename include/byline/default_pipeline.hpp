// byline — the default English news pipeline.
//
//   const byline::news_pipeline nlp;                       // tokens, paragraphs, sentences
//   const byline::pipeline nlp2;                           // the same: deduced from no arguments
//   auto mine = byline::news_pipeline{}.then(my_component{});   // extended in one line
//
// Later layers (entities, quotes, stances) join this list as their components arrive.
#pragma once

#include <byline/document/paragraphs.hpp>
#include <byline/pipeline.hpp>
#include <byline/tokenize/sentences.hpp>
#include <byline/tokenize/tokenizer.hpp>

namespace byline {

using news_pipeline = pipeline<tokenizer, paragraph_segmenter, sentence_splitter>;

}  // namespace byline
