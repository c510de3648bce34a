// Property test: every document the news pipeline makes keeps the model's invariants
// (byline::validate), over random text built to provoke the edge cases and over real articles from
// ../shared (which must be there), in UTF-8 and UTF-16.
#include <byline/byline.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

const byline::news_pipeline nlp;

// Pieces that meet at every kind of boundary the model has: scripts changing at a single line
// break, lines holding only invisible characters, quotes, abbreviations, blank lines, chrome.
const std::vector<std::string> pieces = {
    "Putin", "firmly", "rejected", "the", "30-day", "ceasefire", ".", ",", " ", " ", " ", "\n", "\n", "\n\n",
    "\r\n", "U.S.", "Mr.", "J.D.", "“", "”", "‘", "’s", "\"", "'", "...", "…", "?", "!", "—", "-",
    "الرئيسية", "أخبار", "Москва", "заявил", "東京", "😀", "🇺🇦", "\u200B", "\u200E", "\uFEFF", "\u00AD",
    "\u2028", "\t", "Leave a comment", "Share", "1,000.50", "$1.2bn", "2024-05-19", "#Kyiv", "@nato",
    "https://example.com/a", "\xC3", "\xFF", "\xE2\x80", "a", "B", "ÉTÉ", "x\u0301"};

std::string random_text(std::mt19937& rng, std::size_t n) {
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += pieces[pick(rng)];
  return s;
}

template <class Doc>
void require_valid(const Doc& doc, const std::string& what) {
  const auto problems = byline::validate(doc);
  std::string all;
  for (const auto& p : problems) all += p + "\n";
  INFO(what << ":\n" << all);
  CHECK(problems.empty());
  if (!problems.empty()) return;
  // Every token lies in the sentence and the paragraph that the lookups name.
  for (auto t : doc.tokens()) {
    const auto s = t.sentence();
    const auto p = t.paragraph();
    if (s.first_token() > t.index() || t.index() >= s.end_token() || p.first_token() > t.index() ||
        t.index() >= p.end_token() || s.first_token() < p.first_token() || s.end_token() > p.end_token()) {
      FAIL_CHECK(what << ": token " << t.index() << " is not inside its sentence and paragraph");
      break;
    }
  }
}

std::filesystem::path shared_dir() { return std::filesystem::path(BYLINE_SOURCE_DIR) / ".." / "shared"; }

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("random text keeps every invariant", "[property][validate]") {
  std::mt19937 rng(20261202);
#if defined(__SANITIZE_ADDRESS__)
  const int rounds = 300;
#else
  const int rounds = 2000;
#endif
  for (int i = 0; i < rounds; ++i) {
    const auto text = random_text(rng, 1 + static_cast<std::size_t>(i % 97));
    const auto doc = nlp(text);
    require_valid(doc, "random text " + std::to_string(i));
    const auto doc16 = nlp(byline::unicode::to_utf16(text));
    require_valid(doc16, "random text " + std::to_string(i) + " as UTF-16");
  }
}

TEST_CASE("real articles keep every invariant", "[property][validate][corpus]") {
  const auto seed = shared_dir() / "corpus" / "seed-article.txt";
  const auto polnear = shared_dir() / "data" / "polnear" / "data" / "dev" / "text";
  REQUIRE(std::filesystem::exists(seed));
  REQUIRE(std::filesystem::is_directory(polnear));
  std::vector<std::filesystem::path> files{seed};
  for (const auto& e : std::filesystem::directory_iterator(polnear))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin() + 1, files.end());
  REQUIRE(files.size() > 20);
  for (const auto& f : files) {
    const auto text = read_file(f);
    const auto doc = nlp(text);
    require_valid(doc, f.filename().string());
    CHECK(doc.tokens().size() > 0);
  }
}
