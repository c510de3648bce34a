// What the Google Benchmark programs share: skipping a missing corpus and reporting throughput.
#pragma once

#include "corpus.hpp"

#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>

namespace byline::bench {

// False, with the reason shown in the benchmark's row, when the corpus could not be read.
inline bool usable(benchmark::State& state, const corpus& c) {
  if (c.missing.empty()) return true;
  state.SkipWithError(("corpus '" + c.name + "' not available: " + c.missing).c_str());
  return false;
}

// Bytes per second, `what`/s as a rate, and `what` per iteration (so two sides can be seen to count
// the same thing).
inline void report(benchmark::State& state, std::size_t bytes, std::int64_t items, const std::string& what) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(bytes));
  state.counters[what + "/s"] = benchmark::Counter(
      static_cast<double>(items) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters[what] = static_cast<double>(items);
}

}  // namespace byline::bench
