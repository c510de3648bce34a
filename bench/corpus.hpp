// The benchmark corpora, read once from the shared data directory beside the repository
// (BYLINE_SOURCE_DIR "/../shared", or $BYLINE_SHARED_DIR when set). Nothing from it is copied into the
// repository.
//   seed      corpus/seed-article.txt repeated to about 20 MB (one news article, mostly ASCII)
//   polnear   every data/polnear/data/train/text/*.txt in sorted order, each followed by "\n\n"
//             (840 news articles, ~3.9 MB of varied real English)
// and texts made from them for the scaling benchmarks (repeated_to, one_line, ascii_upper).
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
// `part` is "train" (840 articles, the benchmarks' text) or "dev" (84 others, used to warm caches).
inline std::vector<std::string> polnear_articles(std::string* missing = nullptr, const char* part = "train") {
  const fs::path dir = shared_dir() / "data" / "polnear" / "data" / part / "text";
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

// Scaled and adversarial texts made from a loaded corpus, for the scaling benchmarks.

// `text` repeated as often as needed and cut to at most `target` bytes, at the last white space
// byte before the cut (never inside a token, nor inside a UTF-8 sequence).
inline std::string repeated_to(const std::string& text, std::size_t target) {
  std::string out;
  if (text.empty()) return out;
  out.reserve(target + text.size());
  while (out.size() < target) out += text;
  out.resize(target);
  const auto cut = out.find_last_of(" \t\n");
  out.resize(cut == std::string::npos ? 0 : cut + 1);
  return out;
}

// Every line break (CR, LF) replaced by a space: the text as one line, one paragraph.
inline std::string one_line(std::string text) {
  std::replace_if(text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return text;
}

// ASCII letters upper-cased; every other byte (UTF-8 sequences included) kept.
inline std::string ascii_upper(std::string text) {
  for (auto& c : text)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return text;
}

inline void say_missing(const char* program, const corpus& c) {
  if (!c.missing.empty())
    std::fprintf(stderr,
                 "%s: corpus '%s' not available (%s); its benchmarks are skipped. Set BYLINE_SHARED_DIR to the "
                 "shared data directory.\n",
                 program, c.name.c_str(), c.missing.c_str());
}

}  // namespace byline::bench
