// The benchmark corpora, read once from the shared data directory beside the repository
// (BYLINE_SOURCE_DIR "/../shared", or $BYLINE_SHARED_DIR when set). Nothing from it is copied into the
// repository.
//   seed      corpus/seed-article.txt repeated to about 20 MB (one news article, mostly ASCII)
//   polnear   every data/polnear/data/train/text/*.txt in sorted order, each followed by "\n\n"
//             (840 news articles, ~3.9 MB of varied real English)
#pragma once

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#ifndef BYLINE_SOURCE_DIR
#define BYLINE_SOURCE_DIR "."
#endif

namespace byline::bench {

namespace fs = std::filesystem;

struct corpus {
  std::string name;
  std::string utf8;
  std::string missing;  // why it could not be loaded; empty when loaded
};

inline fs::path shared_dir() {
  if (const char* env = std::getenv("BYLINE_SHARED_DIR"); env && *env) return env;
  return fs::path(BYLINE_SOURCE_DIR) / ".." / "shared";
}

inline bool read_file(const fs::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = std::move(ss).str();
  return true;
}

inline corpus load_seed(std::size_t target = 20u << 20) {
  corpus c{"seed", {}, {}};
  const fs::path p = shared_dir() / "corpus" / "seed-article.txt";
  std::string one;
  if (!read_file(p, one) || one.empty()) {
    c.missing = "cannot read " + p.string();
    return c;
  }
  c.utf8.reserve(target + one.size());
  while (c.utf8.size() < target) c.utf8 += one;  // whole copies only
  return c;
}

// The PolNeAR article texts, one string each, in sorted file order.
inline std::vector<std::string> polnear_articles(std::string* missing = nullptr) {
  const fs::path dir = shared_dir() / "data" / "polnear" / "data" / "train" / "text";
  std::error_code ec;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".txt") files.push_back(it->path());
  std::vector<std::string> out;
  if (ec || files.empty()) {
    if (missing) *missing = "cannot list " + dir.string();
    return out;
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::string text;
    if (!read_file(f, text)) {
      if (missing) *missing = "cannot read " + f.string();
      return {};
    }
    out.push_back(std::move(text));
  }
  return out;
}

inline corpus load_polnear() {
  corpus c{"polnear", {}, {}};
  for (auto& a : polnear_articles(&c.missing)) {
    c.utf8 += a;
    c.utf8 += "\n\n";
  }
  return c;
}

inline void say_missing(const char* program, const corpus& c) {
  if (!c.missing.empty())
    std::fprintf(stderr,
                 "%s: corpus '%s' not available (%s); its benchmarks are skipped. Set BYLINE_SHARED_DIR to the "
                 "shared data directory.\n",
                 program, c.name.c_str(), c.missing.c_str());
}

}  // namespace byline::bench
