// Runs every case of the Unicode 15.0 break tests (GraphemeBreakTest, WordBreakTest,
// SentenceBreakTest) through byline's segmenters, over UTF-8, UTF-16 and UTF-32 input and over a
// non-contiguous range, and prints how many pass.
#include <byline/segment/graphemes.hpp>
#include <byline/segment/sentences.hpp>
#include <byline/segment/words.hpp>

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <list>
#include <sstream>
#include <string>
#include <vector>

#ifndef BYLINE_UCD_DIR
#define BYLINE_UCD_DIR "/usr/share/unicode"
#endif

namespace {

struct break_case {
  std::u32string text;
  std::vector<std::size_t> boundaries;  // in code points, including 0 and the end
  int line;
};

std::vector<break_case> load(const std::string& file) {
  std::ifstream in(std::string(BYLINE_UCD_DIR) + "/auxiliary/" + file);
  REQUIRE(in.good());
  std::vector<break_case> cases;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    line = line.substr(0, line.find('#'));
    std::istringstream ss(line);
    std::string tok;
    break_case c{{}, {}, n};
    while (ss >> tok) {
      if (tok == "\xC3\xB7")  // ÷
        c.boundaries.push_back(c.text.size());
      else if (tok == "\xC3\x97")  // ×
        continue;
      else
        c.text.push_back(static_cast<char32_t>(std::stoul(tok, nullptr, 16)));
    }
    if (!c.text.empty()) cases.push_back(std::move(c));
  }
  return cases;
}

// Code point boundaries in units of the encoding of CharT.
template <class CharT>
std::vector<std::size_t> to_units(const break_case& c) {
  std::vector<std::size_t> offsets(c.text.size() + 1, 0);
  for (std::size_t i = 0; i < c.text.size(); ++i) {
    std::size_t len = sizeof(CharT) == 1   ? byline::unicode::utf8_length(c.text[i])
                      : sizeof(CharT) == 2 ? byline::unicode::utf16_length(c.text[i])
                                           : 1;
    offsets[i + 1] = offsets[i] + len;
  }
  std::vector<std::size_t> out;
  for (auto b : c.boundaries) out.push_back(offsets[b]);
  return out;
}

template <class Container, class Segmenter>
std::vector<std::size_t> boundaries_of(const Container& text, Segmenter seg) {
  std::vector<std::size_t> out{0};
  for (auto s : seg(text)) out.push_back(s.offsets().end);
  return out;
}

template <class Segmenter>
void run(const char* file, std::size_t expected_cases, Segmenter seg) {
  const auto cases = load(file);
  CHECK(cases.size() == expected_cases);
  std::size_t pass8 = 0, pass16 = 0, pass32 = 0, pass_list = 0;
  for (const auto& c : cases) {
    const auto u8 = byline::unicode::to_utf8(c.text);
    const auto u16 = byline::unicode::to_utf16(c.text);
    const std::list<char> as_list(u8.begin(), u8.end());
    auto got8 = boundaries_of(u8, seg);
    auto got16 = boundaries_of(u16, seg);
    auto got32 = boundaries_of(c.text, seg);
    auto got_list = boundaries_of(as_list, seg);
    pass8 += got8 == to_units<char>(c);
    pass16 += got16 == to_units<char16_t>(c);
    pass32 += got32 == to_units<char32_t>(c);
    pass_list += got_list == to_units<char>(c);
    INFO(file << " line " << c.line);
    CHECK(got8 == to_units<char>(c));
    CHECK(got16 == to_units<char16_t>(c));
    CHECK(got32 == to_units<char32_t>(c));
    CHECK(got_list == to_units<char>(c));
  }
  std::printf("%-22s UTF-8 %zu/%zu  UTF-16 %zu/%zu  UTF-32 %zu/%zu  std::list<char> %zu/%zu\n", file, pass8,
              cases.size(), pass16, cases.size(), pass32, cases.size(), pass_list, cases.size());
}

}  // namespace

TEST_CASE("GraphemeBreakTest.txt passes over every encoding", "[conformance][grapheme]") {
  run("GraphemeBreakTest.txt", 602, byline::segment::graphemes);
}

TEST_CASE("WordBreakTest.txt passes over every encoding", "[conformance][word]") {
  run("WordBreakTest.txt", 1823, byline::segment::words);
}

TEST_CASE("SentenceBreakTest.txt passes over every encoding", "[conformance][sentence]") {
  run("SentenceBreakTest.txt", 502, byline::segment::sentences);
}
