// The value-entity rules (entity/value_rules.hpp) per token, over real news already tokenized, with
// two peers measured in the same run: the tokenizer over the same texts (the cheapest layer we
// have), and a bare pass that reads each token's kind and flags (the floor of any per-token pass).
//
//   build/default/bench/value_rules_bench --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
//
// Corpus: every PolNeAR article, train and dev (data/polnear/data/{train,dev}/text/*.txt), each made
// into a document by the default pipeline before timing. "ns/token" is the time per iteration over
// the corpus divided by its tokens. Adversarial inputs follow: one sentence of a million numbers, and
// a million all-caps words, to show the cost stays linear and flat.
#include "bench_common.hpp"

#include <byline/byline.hpp>
#include <byline/entity/value_rules.hpp>

#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct corpus_docs {
  std::vector<std::string> texts;
  std::vector<byline::document> docs;
  std::size_t tokens = 0, bytes = 0;
  std::string missing;
  corpus_docs() {
    const fs::path root = byline::bench::shared_dir() / "data" / "polnear" / "data";
    for (const char* part : {"train", "dev"}) {
      std::vector<fs::path> files;
      std::error_code ec;
      for (fs::directory_iterator it(root / part / "text", ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".txt") files.push_back(it->path());
      std::sort(files.begin(), files.end());
      for (const auto& f : files) {
        std::string t;
        if (byline::bench::read_file(f, t)) texts.push_back(std::move(t));
      }
    }
    if (texts.empty()) {
      missing = "cannot read " + root.string() + "/{train,dev}/text/*.txt";
      std::fprintf(stderr, "value_rules_bench: %s; the corpus benchmarks are skipped\n", missing.c_str());
      return;
    }
    const byline::news_pipeline nlp;
    for (const auto& t : texts) {
      docs.push_back(nlp(byline::document::text_type(t)));
      tokens += docs.back().base().token_count();
      bytes += t.size();
    }
  }
};

const corpus_docs& polnear() {
  static const corpus_docs c;
  return c;
}

bool usable(benchmark::State& state) {
  if (polnear().missing.empty()) return true;
  state.SkipWithError(polnear().missing.c_str());
  return false;
}

void per_token(benchmark::State& state, std::size_t tokens, std::int64_t mentions) {
  state.counters["tokens"] = static_cast<double>(tokens);
  state.counters["mentions"] = static_cast<double>(mentions);
  state.counters["ns/token"] =
      benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsIterationInvariantRate |
                                                          benchmark::Counter::kInvert);  // seconds a token: "37n" is 37 ns
}

// The rules over every sentence of every document.
void BM_value_rules(benchmark::State& state) {
  if (!usable(state)) return;
  std::int64_t found = 0;
  for (auto _ : state) {
    found = 0;
    for (const auto& d : polnear().docs)
      for (const auto& s : d.base().sentence_records().items)
        byline::find_value_mentions(d.base(), s.first_token, s.end_token,
                                    [&](byline::token_id, byline::token_id, byline::entity_label) { ++found; });
    benchmark::DoNotOptimize(found);
  }
  per_token(state, polnear().tokens, found);
}
BENCHMARK(BM_value_rules)->Unit(benchmark::kMillisecond);

// Peer: the tokenizer over the same texts (into a reused layer).
void BM_tokenizer_peer(benchmark::State& state) {
  if (!usable(state)) return;
  const byline::tokenizer tok;
  byline::token_layer layer;
  for (auto _ : state) {
    for (const auto& t : polnear().texts) {
      layer.clear();
      tok.tokenize(std::string_view(t), layer);
    }
    benchmark::DoNotOptimize(layer.end.data());
  }
  per_token(state, polnear().tokens, 0);
}
BENCHMARK(BM_tokenizer_peer)->Unit(benchmark::kMillisecond);

// Floor: one pass that reads each token's kind and flags and counts the numbers.
void BM_kind_scan_floor(benchmark::State& state) {
  if (!usable(state)) return;
  std::int64_t n = 0;
  for (auto _ : state) {
    n = 0;
    for (const auto& d : polnear().docs) {
      const auto& t = d.base().token_records();
      for (std::size_t i = 0; i < t.size(); ++i)
        n += (t.kind[i] == byline::token_kind::number) + ((t.flags[i] & byline::token_flag::title) != 0);
    }
    benchmark::DoNotOptimize(n);
  }
  per_token(state, polnear().tokens, 0);
}
BENCHMARK(BM_kind_scan_floor)->Unit(benchmark::kMillisecond);

// Adversarial: one "sentence" (the whole token layer) of a million numbers, then of a million
// all-caps words with number words and months among them.
const byline::document& adversarial(int which) {
  static const byline::document docs[2] = {
      [] {
        std::string s;
        for (int i = 0; i < 1000000; ++i) s += std::to_string(i % 3000) + (i % 7 == 0 ? " - " : " ");
        return byline::pipeline{byline::tokenizer{}}(std::move(s));
      }(),
      [] {
        std::string s;
        const char* words[] = {"MAY ", "TWO ", "HUNDRED ", "MILLION ", "THE ", "PAST ", "YEARS ", "AGO ", "MONDAY "};
        for (int i = 0; i < 1000000; ++i) s += words[(i * 7 + i / 3) % 9];
        return byline::pipeline{byline::tokenizer{}}(std::move(s));
      }()};
  return docs[which];
}

void BM_value_rules_adversarial(benchmark::State& state) {
  const auto& d = adversarial(static_cast<int>(state.range(0)));
  const auto n = static_cast<std::uint32_t>(d.base().token_count());
  std::int64_t found = 0;
  for (auto _ : state) {
    found = 0;
    byline::find_value_mentions(d.base(), 0, n,
                                [&](byline::token_id, byline::token_id, byline::entity_label) { ++found; });
    benchmark::DoNotOptimize(found);
  }
  per_token(state, n, found);
}
BENCHMARK(BM_value_rules_adversarial)->Arg(0)->Arg(1)->ArgNames({"numbers0_caps1"})->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
