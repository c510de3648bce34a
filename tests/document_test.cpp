// The document: views, lookups by offset, offset conversion, storage.
#include <byline/byline.hpp>

#include <catch2/catch.hpp>

#include <list>
#include <sstream>
#include <string>

using byline::alignment;
using byline::span_offsets;

namespace {

const byline::pipeline nlp;

// “Kyiv’s” puts three-byte quotes in front; 😀 needs four bytes and two UTF-16 units.
const std::string article =
    "Ukraine’s envoy 😀 met “Kyiv’s” allies.\n"
    "\n"
    "Talks resume on Monday. The U.S. will attend.\n";

}  // namespace

TEST_CASE("token_at finds the token covering an offset, and none in whitespace", "[document]") {
  auto doc = nlp(article);
  REQUIRE(doc.token_at(0).has_value());
  CHECK(doc.token_at(0)->text() == "Ukraine");
  CHECK(doc.token_at(7)->text() == "’s");  // the clitic starts at byte 7
  CHECK(doc.token_at(9)->text() == "’s");  // inside the three-byte apostrophe
  CHECK(!doc.token_at(11).has_value());    // the space
  CHECK(doc.token_at(article.size() - 2)->text() == ".");
  CHECK(!doc.token_at(article.size()).has_value());
  CHECK(!doc.token_at(article.size() + 100).has_value());
}

TEST_CASE("char_span aligns character offsets to tokens", "[document]") {
  auto doc = nlp(article);
  const auto envoy_begin = article.find("envoy");
  const auto met_end = article.find("met") + 3;
  auto strict = doc.char_span(envoy_begin, met_end);
  REQUIRE(strict.has_value());
  CHECK(strict->text() == "envoy 😀 met");
  CHECK(strict->size() == 3);
  // Inside a token: strict refuses, contract drops it, expand takes it whole.
  CHECK(!doc.char_span(envoy_begin + 1, met_end).has_value());
  auto contract = doc.char_span(envoy_begin + 1, met_end, alignment::contract);
  REQUIRE(contract.has_value());
  CHECK(contract->text() == "😀 met");
  auto expand = doc.char_span(envoy_begin + 1, met_end - 1, alignment::expand);
  REQUIRE(expand.has_value());
  CHECK(expand->text() == "envoy 😀 met");
  CHECK(!doc.char_span(5, 5).has_value());
  CHECK(!doc.char_span(0, article.size() + 1).has_value());
  CHECK(!doc.char_span(envoy_begin + 1, envoy_begin + 2, alignment::contract).has_value());
}

TEST_CASE("offsets convert explicitly to code points and UTF-16", "[document]") {
  auto doc = nlp(article);
  const auto emoji = article.find("😀");
  CHECK(doc.to_code_points(emoji) == 16);
  CHECK(doc.to_utf16(emoji) == 16);
  CHECK(doc.to_code_points(emoji + 4) == 17);
  CHECK(doc.to_utf16(emoji + 4) == 18);
  // Against the same text read as UTF-16 and UTF-32: every token's begin agrees.
  const auto u16 = byline::unicode::to_utf16(article);
  const auto u32 = byline::unicode::to_utf32(article);
  auto d16 = nlp(std::u16string_view(u16));
  auto d32 = nlp(std::u32string_view(u32));
  REQUIRE(d16.tokens().size() == doc.tokens().size());
  REQUIRE(d32.tokens().size() == doc.tokens().size());
  const auto conv = doc.converter();
  for (std::size_t i = 0; i < doc.tokens().size(); ++i) {
    CHECK(conv.to_utf16(doc[i].offsets().begin) == d16[i].offsets().begin);
    CHECK(conv.to_code_points(doc[i].offsets().end) == d32[i].offsets().end);
  }
  // Long text: conversions read from the nearest block, not from the start.
  std::string big;
  for (int i = 0; i < 2000; ++i) big += "é😀a";
  const byline::offset_converter<char> c(big);
  CHECK(c.to_code_points(big.size()) == 6000);
  CHECK(c.to_utf16(big.size()) == 8000);
  CHECK(c.to_code_points(7 * 1000) == 3000);
}

TEST_CASE("sentences, paragraphs and spans are cheap views", "[document]") {
  auto doc = nlp(article);
  STATIC_REQUIRE(sizeof(decltype(doc)::token) <= 16);
  STATIC_REQUIRE(std::is_trivially_copyable_v<decltype(doc)::token>);
  STATIC_REQUIRE(std::ranges::random_access_range<decltype(doc.tokens())>);
  REQUIRE(doc.paragraphs().size() == 2);
  auto p = doc.paragraphs()[1];
  CHECK(p.text() == "Talks resume on Monday. The U.S. will attend.");
  CHECK(p.script() == byline::unicode::script::latin);
  REQUIRE(p.sentences().size() == 2);
  CHECK(p.sentences()[1].text() == "The U.S. will attend.");
  std::vector<std::string> first;
  for (auto t : doc.sentences()[0]) first.emplace_back(t.text());
  CHECK(first.front() == "Ukraine");
  CHECK(first.back() == ".");
}

TEST_CASE("the type says whether the document owns its text", "[document]") {
  const std::string s = article;
  auto borrowed = nlp(s);
  STATIC_REQUIRE(std::is_same_v<decltype(borrowed), byline::basic_document<std::string_view>>);
  CHECK(borrowed.text().data() == s.data());
  auto owned = nlp(std::string(article));
  STATIC_REQUIRE(std::is_same_v<decltype(owned), byline::basic_document<std::string>>);
  std::istringstream in(article);
  auto streamed = nlp(std::ranges::subrange(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
  STATIC_REQUIRE(decltype(streamed)::owns_text);
  CHECK(streamed.text() == article);
  CHECK(streamed.tokens().size() == borrowed.tokens().size());
  // Moving an owned document keeps its views' text valid (the string moves with it).
  auto moved = std::move(owned);
  CHECK(moved.tokens()[0].text() == "Ukraine");
}

TEST_CASE("document memory stays under 16 bytes a token", "[document][memory]") {
  std::string big;
  while (big.size() < 2'000'000) big += article;
  auto doc = nlp(big);
  const double per_token = static_cast<double>(doc.memory_bytes()) / static_cast<double>(doc.tokens().size());
  INFO("bytes per token: " << per_token);
  CHECK(per_token <= 16.0);
}
