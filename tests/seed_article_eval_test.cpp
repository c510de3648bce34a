// The seed article as a measuring stick: the default pipeline's sentences against the gold
// sentences beside it (../shared/corpus, read at run time, never copied here), and its page chrome.
// Fails when the shared corpus is not there: a measuring stick that is missing measures nothing.
#include <byline/byline.hpp>

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>

#ifndef BYLINE_SOURCE_DIR
#define BYLINE_SOURCE_DIR "."
#endif

namespace {

bool read(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

const std::string corpus_dir = std::string(BYLINE_SOURCE_DIR) + "/../shared/corpus/";

}  // namespace

TEST_CASE("seed article: sentences match the gold boundaries", "[eval][sentences]") {
  std::string text, gold_tsv;
  if (!read(corpus_dir + "seed-article.txt", text) || !read(corpus_dir + "seed-article.sentences.tsv", gold_tsv)) {
    FAIL("../shared/corpus/seed-article.* not found (the tests read the shared corpus beside the repository)");
  }
  // Gold: code point offsets, half-open, one sentence a line after '#' comments.
  std::set<std::pair<std::uint64_t, std::uint64_t>> gold;
  std::istringstream lines(gold_tsv);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream f(line);
    std::uint64_t b = 0, e = 0;
    f >> b >> e;
    gold.emplace(b, e);
  }
  REQUIRE(gold.size() > 10);

  const byline::pipeline nlp;
  auto doc = nlp(text);
  const auto conv = doc.converter();
  std::set<std::pair<std::uint64_t, std::uint64_t>> ours;
  for (auto s : doc.sentences())
    ours.emplace(conv.to_code_points(s.offsets().begin), conv.to_code_points(s.offsets().end));

  std::size_t hit = 0;
  for (const auto& g : gold) hit += ours.count(g);
  const double precision = static_cast<double>(hit) / static_cast<double>(ours.size());
  const double recall = static_cast<double>(hit) / static_cast<double>(gold.size());
  const double f1 = 2 * precision * recall / (precision + recall);
  std::printf("seed article sentences: %zu gold, %zu ours, %zu exact; P %.3f R %.3f F1 %.3f\n", gold.size(),
              ours.size(), hit, precision, recall, f1);
  CHECK(f1 >= 0.98);
}

TEST_CASE("seed article: page chrome is flagged, the story is not", "[eval][paragraphs]") {
  std::string text;
  if (!read(corpus_dir + "seed-article.txt", text)) {
    FAIL("../shared/corpus/seed-article.txt not found (the tests read the shared corpus beside the repository)");
  }
  const byline::pipeline nlp;
  auto doc = nlp(text);
  std::size_t arabic = 0, latin = 0;
  for (auto p : doc.paragraphs()) {
    if (p.script() == byline::unicode::script::arabic) {
      ++arabic;
      CHECK(p.is_boilerplate());
    } else {
      ++latin;
      CHECK(!p.is_boilerplate());
    }
  }
  CHECK(arabic >= 2);
  CHECK(latin >= 10);
}
