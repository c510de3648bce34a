// byline — the default English news pipeline: `const byline::pipeline nlp;` deduces it.
//
// Later layers (entities, quotes, stances) join this list as their components arrive.
#pragma once

#include <byline/document/paragraphs.hpp>
#include <byline/pipeline.hpp>
#include <byline/tokenize/sentences.hpp>
#include <byline/tokenize/tokenizer.hpp>

namespace byline {

using english_news_pipeline = pipeline<tokenizer, paragraph_segmenter, sentence_splitter>;

// `byline::pipeline nlp;` with no components is the default pipeline, not an empty one; an empty
// chain is spelled byline::pipeline<>.
pipeline() -> pipeline<tokenizer, paragraph_segmenter, sentence_splitter>;

}  // namespace byline
