// Segmentation throughput: byline's UAX #29 word and sentence views against ICU's BreakIterator.
//
// Two corpora, read once at start-up from the shared data directory that sits beside the
// repository (BYLINE_SOURCE_DIR "/../shared", or $BYLINE_SHARED_DIR when set):
//   seed      corpus/seed-article.txt repeated to about 20 MB (one news article, mostly ASCII)
//   polnear   every data/polnear/data/train/text/*.txt in sorted order, each followed by "\n\n"
//             (840 news articles, ~3.9 MB: varied real English with curly quotes, dashes, NBSP)
// A corpus that cannot be read is reported once on stderr and its benchmarks are skipped.
//
// Each benchmark walks the whole corpus once per iteration and counts the segments (byline) or the
// boundaries that next() returns until DONE (ICU; the same number). Reported: bytes/s of the input
// encoding (UTF-8, or UTF-16 for the *_utf16 pairs), a "segments/s" rate and, per iteration,
// "segments". ICU's iterators are created once, for icu::Locale::getEnglish(), outside the timed
// loop; the timed loop includes only setText() over a UText that wraps the same bytes in place.
//
//   build/release/bench/segment_bench --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
#include "bench_common.hpp"

#include <byline/segment/sentences.hpp>
#include <byline/segment/words.hpp>
#include <byline/unicode/utf.hpp>

#include <benchmark/benchmark.h>
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#ifndef BYLINE_SOURCE_DIR
#define BYLINE_SOURCE_DIR "."
#endif

namespace {

// A corpus with its UTF-16 copy for the *_utf16 pairs.
struct corpus : byline::bench::corpus {
  std::u16string utf16;
  corpus(byline::bench::corpus c) : byline::bench::corpus(std::move(c)) {}
};

struct corpora {
  corpus seed{byline::bench::load_seed()};
  corpus polnear{byline::bench::load_polnear()};
  corpora() {
    for (corpus* c : {&seed, &polnear}) {
      if (!c->missing.empty()) {
        byline::bench::say_missing("segment_bench", *c);
        continue;
      }
      c->utf16 = byline::unicode::to_utf16(std::string_view(c->utf8));
      std::fprintf(stderr, "segment_bench: corpus '%s': %zu UTF-8 bytes, %zu UTF-16 code units\n",
                   c->name.c_str(), c->utf8.size(), c->utf16.size());
    }
  }
};

// Loaded at start-up, before any benchmark runs.
const corpora& data() {
  static const corpora d;
  return d;
}
[[maybe_unused]] const corpora& loaded_at_start = data();

const corpus& pick(int which) { return which == 0 ? data().seed : data().polnear; }


using byline::bench::usable;

// --- byline ------------------------------------------------------------------------------------

// Counts the segments and folds each one's status and end into a checksum, so that the compiler
// can drop neither the boundary search nor the status computation.
template <class View, class Text>
std::int64_t count_segments(const Text& text, View make) {
  std::int64_t n = 0;
  std::uint64_t check = 0;
  for (auto s : make(text)) {
    check += static_cast<std::uint64_t>(s.status()) + s.offsets().end;
    ++n;
  }
  benchmark::DoNotOptimize(check);
  return n;
}

// One byline benchmark: a segmenter over the corpus's UTF-8 or UTF-16 text.
template <class Text, class Segmenter>
void byline_bench(benchmark::State& state, int which, Segmenter seg) {
  const corpus& c = pick(which);
  if (!usable(state, c)) return;
  Text text;
  if constexpr (std::is_same_v<Text, std::string_view>)
    text = c.utf8;
  else
    text = c.utf16;
  std::int64_t n = 0;
  for (auto _ : state) {
    n = count_segments(text, seg);
    benchmark::DoNotOptimize(n);
  }
  byline::bench::report(state, text.size() * sizeof(typename Text::value_type), n, "segments");
}

void BM_byline_words(benchmark::State& state, int which) {
  byline_bench<std::string_view>(state, which, byline::segment::words);
}
void BM_byline_sentences(benchmark::State& state, int which) {
  byline_bench<std::string_view>(state, which, byline::segment::sentences);
}
void BM_byline_words_utf16(benchmark::State& state, int which) {
  byline_bench<std::u16string_view>(state, which, byline::segment::words);
}
void BM_byline_sentences_utf16(benchmark::State& state, int which) {
  byline_bench<std::u16string_view>(state, which, byline::segment::sentences);
}

// --- ICU ---------------------------------------------------------------------------------------

enum class icu_kind { word, sentence };

std::unique_ptr<icu::BreakIterator> make_icu(benchmark::State& state, icu_kind kind) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> bi(
      kind == icu_kind::word ? icu::BreakIterator::createWordInstance(icu::Locale::getEnglish(), status)
                             : icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), status));
  if (U_FAILURE(status) || !bi) {
    state.SkipWithError((std::string("ICU BreakIterator: ") + u_errorName(status)).c_str());
    return nullptr;
  }
  return bi;
}

std::int64_t count_icu(icu::BreakIterator& bi) {
  std::int64_t n = 0;
  bi.first();
  while (bi.next() != icu::BreakIterator::DONE) ++n;
  return n;
}

// ICU over a UText that reads the corpus in place: UTF-8 bytes, or the UTF-16 copy (what
// setText(UnicodeString) does internally too, without the copy into a UnicodeString).
template <class Text>
void icu_bench(benchmark::State& state, icu_kind kind, int which) {
  const corpus& c = pick(which);
  if (!usable(state, c)) return;
  auto bi = make_icu(state, kind);
  if (!bi) return;
  const Text& text = [&]() -> const Text& {
    if constexpr (std::is_same_v<Text, std::string>)
      return c.utf8;
    else
      return c.utf16;
  }();
  std::int64_t n = 0;
  for (auto _ : state) {
    UErrorCode status = U_ZERO_ERROR;
    UText* ut = std::is_same_v<Text, std::string>
                    ? utext_openUTF8(nullptr, c.utf8.data(), static_cast<std::int64_t>(c.utf8.size()), &status)
                    : utext_openUChars(nullptr, c.utf16.data(), static_cast<std::int64_t>(c.utf16.size()), &status);
    bi->setText(ut, status);
    n = count_icu(*bi);
    benchmark::DoNotOptimize(n);
    utext_close(ut);
    if (U_FAILURE(status)) {
      state.SkipWithError(u_errorName(status));
      return;
    }
  }
  byline::bench::report(state, text.size() * sizeof(typename Text::value_type), n, "segments");
}

void BM_icu_words(benchmark::State& state, int which) { icu_bench<std::string>(state, icu_kind::word, which); }
void BM_icu_sentences(benchmark::State& state, int which) { icu_bench<std::string>(state, icu_kind::sentence, which); }
void BM_icu_words_utf16(benchmark::State& state, int which) { icu_bench<std::u16string>(state, icu_kind::word, which); }
void BM_icu_sentences_utf16(benchmark::State& state, int which) { icu_bench<std::u16string>(state, icu_kind::sentence, which); }

constexpr int seed = 0;     // ~20 MB
constexpr int polnear = 1;  // ~3.9 MB

}  // namespace

// One iteration is a whole corpus; each run lasts at least --benchmark_min_time (0.5 s by default),
// so a run is a handful of passes.
#define BYLINE_BENCH(fn)                                        \
  BENCHMARK_CAPTURE(fn, seed, seed)->Unit(benchmark::kMillisecond); \
  BENCHMARK_CAPTURE(fn, polnear, polnear)->Unit(benchmark::kMillisecond)

BYLINE_BENCH(BM_byline_words);
BYLINE_BENCH(BM_icu_words);
BYLINE_BENCH(BM_byline_sentences);
BYLINE_BENCH(BM_icu_sentences);
BYLINE_BENCH(BM_byline_words_utf16);
BYLINE_BENCH(BM_icu_words_utf16);
BYLINE_BENCH(BM_byline_sentences_utf16);
BYLINE_BENCH(BM_icu_sentences_utf16);

BENCHMARK_MAIN();
