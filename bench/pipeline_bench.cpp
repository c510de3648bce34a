// The news tokenizer, the sentence splitter and the pipeline, against ICU's word and sentence
// BreakIterators over the same UTF-8 bytes (through UText, no copy), in the same binary.
//
//   build/release/bench/pipeline_bench --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
//       --benchmark_format=json | python3 bench/ratios.py      (one command line)
//
// What each measures, per iteration over a whole corpus (seed: the seed article repeated to 20 MB;
// polnear: 840 real articles, 3.9 MB):
//   tokenizer            byline::tokenizer::tokenize into a reused token layer (all news rules)
//   icu_words            ICU word BreakIterator, counting boundaries (its peer)
//   sentence_splitter    byline::sentence_splitter over tokens and paragraphs made beforehand (the
//                        splitter alone)
//   icu_sentences        ICU sentence BreakIterator (the peer of both)
//   default_pipeline     the news pipeline: tokenizer + paragraphs + sentences + entities, one document
//                        per text (borrowing the text; default_pipeline_owned: copying it, as
//                        nlp(text) does); items are tokens, so items_per_second is tokens/s
//   without_entities     tokenizer + paragraphs + sentences (the pipeline before the entity extractor)
//   default_pipeline_articles  the news pipeline over the PolNeAR articles one document each, one
//                        thread, one workspace (a stream of articles; items are tokens)
// plus document memory per token, and the cost of a pipeline with no components on a short text.
#include "bench_common.hpp"

#include <byline/byline.hpp>

#include <benchmark/benchmark.h>
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace {

using byline::bench::corpus;

struct corpora {
  corpus seed = byline::bench::load_seed();
  corpus polnear = byline::bench::load_polnear();
  corpora() {
    byline::bench::say_missing("pipeline_bench", seed);
    byline::bench::say_missing("pipeline_bench", polnear);
  }
};

const corpora& data() {
  static const corpora d;
  return d;
}
[[maybe_unused]] const corpora& loaded_at_start = data();

const corpus& pick(int which) { return which == 0 ? data().seed : data().polnear; }


using byline::bench::usable;

void BM_tokenizer(benchmark::State& state, int which) {
  const corpus& c = pick(which);
  if (!usable(state, c)) return;
  const byline::tokenizer tok;
  byline::token_layer layer;
  for (auto _ : state) {
    layer.clear();
    tok.tokenize(std::string_view(c.utf8), layer);
    benchmark::DoNotOptimize(layer.end.data());
  }
  byline::bench::report(state, c.utf8.size(), static_cast<std::int64_t>(layer.size()), "tokens");
}

std::size_t icu_count(icu::BreakIterator& it, UText* text) {
  UErrorCode e = U_ZERO_ERROR;
  it.setText(text, e);
  std::size_t n = 0;
  for (auto p = it.next(); p != icu::BreakIterator::DONE; p = it.next()) ++n;
  return n;
}

template <class Make>
void icu_bench(benchmark::State& state, int which, Make make, const char* what) {
  const corpus& c = pick(which);
  if (!usable(state, c)) return;
  UErrorCode e = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(make(e));
  UText* text = utext_openUTF8(nullptr, c.utf8.data(), static_cast<int64_t>(c.utf8.size()), &e);
  if (U_FAILURE(e)) {
    state.SkipWithError("ICU failed to open the text");
    return;
  }
  std::size_t n = 0;
  for (auto _ : state) {
    n = icu_count(*it, text);
    benchmark::DoNotOptimize(n);
  }
  utext_close(text);
  byline::bench::report(state, c.utf8.size(), static_cast<std::int64_t>(n), what);
}

void BM_icu_words(benchmark::State& state, int which) {
  icu_bench(
      state, which, [](UErrorCode& e) { return icu::BreakIterator::createWordInstance(icu::Locale::getEnglish(), e); },
      "segments");
}

void BM_icu_sentences(benchmark::State& state, int which) {
  icu_bench(
      state, which,
      [](UErrorCode& e) { return icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), e); },
      "sentences");
}

void BM_sentence_splitter(benchmark::State& state, int which) {
  const corpus& c = pick(which);
  if (!usable(state, c)) return;
  const byline::pipeline before{byline::tokenizer{}, byline::paragraph_segmenter{}};
  const auto doc = before(byline::borrow(c.utf8));
  const byline::sentence_splitter split;
  std::vector<byline::sentence_record> out;
  for (auto _ : state) {
    out.clear();
    split.split(std::string_view(c.utf8), doc.get<byline::token_layer>(), doc.get<byline::paragraph_layer>().items,
                out);
    benchmark::DoNotOptimize(out.data());
  }
  byline::bench::report(state, c.utf8.size(), static_cast<std::int64_t>(out.size()), "sentences");
}

void BM_default_pipeline(benchmark::State& state, int which) {
  const corpus& c = pick(which);
  if (!usable(state, c)) return;
  const byline::pipeline nlp;
  byline::workspace ws;
  std::size_t n = 0;
  for (auto _ : state) {
    auto doc = nlp(byline::borrow(c.utf8), ws);
    n = doc.tokens().size();
    benchmark::DoNotOptimize(n);
  }
  byline::bench::report(state, c.utf8.size(), static_cast<std::int64_t>(n), "tokens");
}

void BM_without_entities(benchmark::State& state, int which) {
  const corpus& c = pick(which);
  if (!usable(state, c)) return;
  const byline::pipeline nlp{byline::tokenizer{}, byline::paragraph_segmenter{}, byline::sentence_splitter{}};
  byline::workspace ws;
  std::size_t n = 0;
  for (auto _ : state) {
    auto doc = nlp(byline::borrow(c.utf8), ws);
    n = doc.tokens().size();
    benchmark::DoNotOptimize(n);
  }
  byline::bench::report(state, c.utf8.size(), static_cast<std::int64_t>(n), "tokens");
}

// The same, the way most users will call it: the document copies the text and owns it.
void BM_default_pipeline_owned(benchmark::State& state, int which) {
  const corpus& c = pick(which);
  if (!usable(state, c)) return;
  const byline::pipeline nlp;
  byline::workspace ws;
  std::size_t n = 0;
  for (auto _ : state) {
    auto doc = nlp(c.utf8, ws);
    n = doc.tokens().size();
    benchmark::DoNotOptimize(n);
  }
  byline::bench::report(state, c.utf8.size(), static_cast<std::int64_t>(n), "tokens");
}

// Bytes of annotation arrays per token for the default pipeline's document.
void BM_document_memory(benchmark::State& state, int which) {
  const corpus& c = pick(which);
  if (!usable(state, c)) return;
  const byline::pipeline nlp;
  double per_token = 0;
  for (auto _ : state) {
    auto doc = nlp(byline::borrow(c.utf8));
    per_token = static_cast<double>(doc.memory_bytes()) / static_cast<double>(doc.tokens().size());
    benchmark::DoNotOptimize(per_token);
  }
  state.counters["bytes/token"] = per_token;
}

// A pipeline with no components: what the pipeline itself costs per document.
void BM_empty_pipeline(benchmark::State& state) {
  const byline::pipeline<> nothing;
  byline::workspace ws;
  const std::string text = "Putin firmly rejected the 30-day ceasefire, aides said on Monday.";
  for (auto _ : state) {
    auto doc = nothing(byline::borrow(text), ws);
    benchmark::DoNotOptimize(doc.text().data());
  }
}

void BM_empty_pipeline_thread_workspace(benchmark::State& state) {
  const byline::pipeline<> nothing;
  const std::string text = "Putin firmly rejected the 30-day ceasefire, aides said on Monday.";
  for (auto _ : state) {
    auto doc = nothing(byline::borrow(text));
    benchmark::DoNotOptimize(doc.text().data());
  }
}

// The PolNeAR articles, one string each, loaded once; empty (and the benchmark skipped) when missing.
const std::vector<std::string>* articles_or_skip(benchmark::State& state, std::size_t& bytes) {
  static const auto articles = byline::bench::polnear_articles();
  if (articles.empty()) {
    state.SkipWithError("PolNeAR articles not available");
    return nullptr;
  }
  bytes = 0;
  for (auto& a : articles) bytes += a.size();
  return &articles;
}

// The news pipeline over the 840 PolNeAR articles one at a time, one document each, on one thread
// with one workspace: how a service reads a stream of articles (the model's per-word cache warms
// over the stream; each article's document features are its own).
void BM_default_pipeline_articles(benchmark::State& state) {
  std::size_t bytes = 0;
  const auto* list = articles_or_skip(state, bytes);
  if (!list) return;
  const auto& articles = *list;
  const byline::pipeline nlp;
  byline::workspace ws;
  std::size_t tokens = 0;
  for (auto _ : state) {
    tokens = 0;
    for (auto& a : articles) {
      const auto doc = nlp(byline::borrow(a), ws);
      tokens += doc.tokens().size();
    }
    benchmark::DoNotOptimize(tokens);
  }
  byline::bench::report(state, bytes, static_cast<std::int64_t>(tokens), "tokens");
}

// pipe() over the 840 PolNeAR articles, one document each, on all cores.
void BM_pipe_articles(benchmark::State& state) {
  std::size_t bytes = 0;
  const auto* list = articles_or_skip(state, bytes);
  if (!list) return;
  const auto& articles = *list;
  const byline::pipeline nlp;
  for (auto _ : state) {
    std::size_t n = 0;
    for (auto& r : nlp.pipe(articles)) n += r->tokens().size();
    benchmark::DoNotOptimize(n);
  }
  byline::bench::report(state, bytes, static_cast<std::int64_t>(articles.size()), "documents");
}

}  // namespace

BENCHMARK_CAPTURE(BM_tokenizer, seed, 0)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_icu_words, seed, 0)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_sentence_splitter, seed, 0)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_default_pipeline_owned, seed, 0)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_icu_sentences, seed, 0)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_default_pipeline, seed, 0)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_without_entities, seed, 0)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_document_memory, seed, 0)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_CAPTURE(BM_tokenizer, polnear, 1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_icu_words, polnear, 1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_sentence_splitter, polnear, 1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_default_pipeline_owned, polnear, 1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_icu_sentences, polnear, 1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_default_pipeline, polnear, 1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_without_entities, polnear, 1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_document_memory, polnear, 1)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_default_pipeline_articles)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_empty_pipeline);
BENCHMARK(BM_empty_pipeline_thread_workspace);
BENCHMARK(BM_pipe_articles)->Unit(benchmark::kMillisecond)->UseRealTime();

BENCHMARK_MAIN();
