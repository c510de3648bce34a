// byline — the umbrella header: everything the library offers, and the default pipeline.
//
//   const byline::pipeline nlp;   // tokenizer, paragraphs, sentences (English news)
//   auto doc = nlp(article);
#pragma once

#include <byline/version.hpp>

#include <byline/unicode/properties.hpp>
#include <byline/unicode/utf.hpp>

#include <byline/segment/graphemes.hpp>
#include <byline/segment/segment.hpp>
#include <byline/segment/sentences.hpp>
#include <byline/segment/words.hpp>

#include <byline/document/document.hpp>
#include <byline/document/paragraphs.hpp>
#include <byline/document/records.hpp>
#include <byline/entity/entities.hpp>
#include <byline/tokenize/sentences.hpp>
#include <byline/tokenize/tokenizer.hpp>

#include <byline/default_pipeline.hpp>
#include <byline/pipeline.hpp>
