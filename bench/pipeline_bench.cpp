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
//   default_pipeline     the news pipeline: tokenizer + paragraphs + sentences + entities + pronouns +
//                        quotations + attributions, one document
//                        per text (borrowing the text; default_pipeline_owned: copying it, as
//                        nlp(text) does); items are tokens, so items_per_second is tokens/s
//   without_entities     tokenizer + paragraphs + sentences (the pipeline before the entity extractor)
//   default_pipeline_articles  the news pipeline over the PolNeAR articles one document each, one
//                        thread, one workspace (a stream of articles; items are tokens)
//   scaling_polnear/N    the news pipeline over PolNeAR repeated to N MiB (1, 4, 16, 64), one document:
//                        time per MB should not grow with N (issue 7)
//   scaling_one_line     1 MiB of PolNeAR with every line break a space (one line, one paragraph)
//   scaling_one_name     "Donald Trump " 100,000 times, one document (1.3 MB)
//   scaling_one_name_sentences  "Donald Trump said. " 100,000 times, one document (1.9 MB)
//   scaling_all_caps     4 MiB of PolNeAR upper-cased (ASCII)
//   scaling_pronouns/K   "Donald Trump met Vladimir Putin and he told him that his plan " K thousand
//                        times, one line with no sentence end (1.5 and 6.2 MB)
// plus document memory per token, and the cost of a pipeline with no components on a short text.
#include "bench_common.hpp"

#include <byline/byline.hpp>

#include <benchmark/benchmark.h>
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <ctime>
#include <map>
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
  // Untimed, so that the model's per-type cache holds this text's words, as it does in a process
  // that keeps its workspace. Google Benchmark runs a document this long once or a few times per
  // repetition, so without this the figures were mostly a first sight of every word
  // (default_pipeline_cold measures that).
  (void)nlp(byline::borrow(c.utf8), ws);
  std::size_t n = 0;
  for (auto _ : state) {
    auto doc = nlp(byline::borrow(c.utf8), ws);
    n = doc.tokens().size();
    benchmark::DoNotOptimize(n);
  }
  byline::bench::report(state, c.utf8.size(), static_cast<std::int64_t>(n), "tokens");
}

// A new workspace for each document: every word type's model entry is computed on first sight, as
// in a program that reads one document and exits.
void BM_default_pipeline_cold(benchmark::State& state, int which) {
  const corpus& c = pick(which);
  if (!usable(state, c)) return;
  const byline::pipeline nlp;
  std::size_t n = 0;
  for (auto _ : state) {
    byline::workspace ws;
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
// over the stream; each article's document features are its own). The workspace has first read
// the 84 PolNeAR dev articles, untimed: other articles, so the train articles' words it has not
// met are computed in the timed pass. One pass per repetition (Iterations(1)), so that a second
// pass over words already cached is never part of the figure.
void BM_default_pipeline_articles(benchmark::State& state) {
  std::size_t bytes = 0;
  const auto* list = articles_or_skip(state, bytes);
  if (!list) return;
  const auto& articles = *list;
  static const auto warm = byline::bench::polnear_articles(nullptr, "dev");
  const byline::pipeline nlp;
  byline::workspace ws;
  for (auto& a : warm) (void)nlp(byline::borrow(a), ws);
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

// --- Scaling (issue 7): time per MB must stay flat as a document grows, and adversarial documents
// must run at a per-MB speed like news. Each runs the default pipeline with entities over one
// document, as BM_default_pipeline does; texts are made from the PolNeAR corpus once, before timing.

enum class scaled { polnear, one_line, one_name, one_name_sentences, all_caps, pronouns };

// The text of a scaling benchmark: `mib` MiB (2^20 bytes) of PolNeAR, cut at white space; the same
// with every line break a space (one line, one paragraph); 100,000 times "Donald Trump " (one
// sentence) or "Donald Trump said. " (100,000 sentences); or PolNeAR upper-cased. Empty when PolNeAR
// is missing.
const std::string& scaled_text(scaled what, std::size_t mib) {
  static std::map<std::pair<scaled, std::size_t>, std::string> made;
  auto& text = made[{what, mib}];
  if (!text.empty()) return text;
  const std::string& polnear = data().polnear.utf8;
  if (polnear.empty()) return text;
  switch (what) {
    case scaled::polnear: text = byline::bench::repeated_to(polnear, mib << 20); break;
    case scaled::one_line: text = byline::bench::one_line(byline::bench::repeated_to(polnear, mib << 20)); break;
    case scaled::all_caps: text = byline::bench::ascii_upper(byline::bench::repeated_to(polnear, mib << 20)); break;
    case scaled::one_name:
    case scaled::one_name_sentences: {
      const std::string_view one = what == scaled::one_name ? "Donald Trump " : "Donald Trump said. ";
      text.reserve(100'000 * one.size());
      for (int i = 0; i < 100'000; ++i) text += one;
      break;
    }
    case scaled::pronouns: {
      // Names and pronouns with no sentence end: every pronoun has thousands of names before it in
      // its sentence. `mib` counts repetitions in thousands here.
      const std::string_view one = "Donald Trump met Vladimir Putin and he told him that his plan ";
      for (std::size_t i = 0; i < mib * 1000; ++i) text += one;
      break;
    }
  }
  return text;
}

// Reports bytes/s, tokens/s, and the document's entity mentions and clusters (so that a change that
// makes it faster can be seen not to have changed what it finds). The timed runs reuse a workspace
// that has seen the text once, as a service's does; that first, untimed run (the model's word-type
// cache filled, the per-document buffers grown) is reported as cold_bytes/s, in CPU time.
void scaling_bench(benchmark::State& state, scaled what, std::size_t mib) {
  if (!usable(state, data().polnear)) return;
  const std::string& text = scaled_text(what, mib);
  const byline::pipeline nlp;
  byline::workspace ws;
  const std::clock_t start = std::clock();
  {
    const auto doc = nlp(byline::borrow(text), ws);
    benchmark::DoNotOptimize(doc.tokens().size());
  }
  const double cold = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
  std::size_t tokens = 0, mentions = 0, clusters = 0;
  for (auto _ : state) {
    auto doc = nlp(byline::borrow(text), ws);
    tokens = doc.tokens().size();
    mentions = doc.entities().size();
    clusters = doc.entity_clusters().size();
    benchmark::DoNotOptimize(tokens);
  }
  byline::bench::report(state, text.size(), static_cast<std::int64_t>(tokens), "tokens");
  state.counters["mentions"] = static_cast<double>(mentions);
  state.counters["clusters"] = static_cast<double>(clusters);
  state.counters["cold_bytes/s"] = static_cast<double>(text.size()) / cold;
}

// PolNeAR repeated to 1, 4, 16 and 64 MiB (the argument).
void BM_scaling_polnear(benchmark::State& state) {
  scaling_bench(state, scaled::polnear, static_cast<std::size_t>(state.range(0)));
}
// 1 MiB of PolNeAR as one line.
void BM_scaling_one_line(benchmark::State& state) { scaling_bench(state, scaled::one_line, 1); }
// 100,000 repetitions of one name, one document: as one sentence (1.3 MB; the model tags it in parts
// of 4096 words), and in 100,000 sentences of their own (1.9 MB, 100,000 mentions for the linker).
void BM_scaling_one_name(benchmark::State& state) { scaling_bench(state, scaled::one_name, 0); }
void BM_scaling_one_name_sentences(benchmark::State& state) {
  scaling_bench(state, scaled::one_name_sentences, 0);
}
// 4 MiB of PolNeAR in ASCII capitals.
void BM_scaling_all_caps(benchmark::State& state) { scaling_bench(state, scaled::all_caps, 4); }
void BM_scaling_pronouns(benchmark::State& state) {
  scaling_bench(state, scaled::pronouns, static_cast<std::size_t>(state.range(0)));
}

}  // namespace

BENCHMARK_CAPTURE(BM_tokenizer, seed, 0)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_icu_words, seed, 0)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_sentence_splitter, seed, 0)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_default_pipeline_owned, seed, 0)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_icu_sentences, seed, 0)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_default_pipeline, seed, 0)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_default_pipeline_cold, seed, 0)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_without_entities, seed, 0)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_document_memory, seed, 0)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_CAPTURE(BM_tokenizer, polnear, 1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_icu_words, polnear, 1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_sentence_splitter, polnear, 1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_default_pipeline_owned, polnear, 1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_icu_sentences, polnear, 1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_default_pipeline, polnear, 1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_default_pipeline_cold, polnear, 1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_without_entities, polnear, 1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_document_memory, polnear, 1)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_default_pipeline_articles)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_empty_pipeline);
BENCHMARK(BM_empty_pipeline_thread_workspace);
BENCHMARK(BM_pipe_articles)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_scaling_polnear)->Arg(1)->Arg(4)->Arg(16)->Arg(64)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_scaling_one_line)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_scaling_one_name)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_scaling_one_name_sentences)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_scaling_all_caps)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_scaling_pronouns)->Arg(25)->Arg(100)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
