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

TEST_CASE("a document owns its text unless it is told to borrow", "[document]") {
  const std::string s = article;
  auto owned = nlp(s);
  STATIC_REQUIRE(std::is_same_v<decltype(owned), byline::document>);
  STATIC_REQUIRE(decltype(owned)::owns_text);
  CHECK(owned.text() == s);
  CHECK(owned.text().data() != s.data());
  // A string_view is a reference to someone's text: the document copies it too.
  auto from_view = nlp(std::string_view(s));
  STATIC_REQUIRE(std::is_same_v<decltype(from_view), byline::document>);
  CHECK(from_view.text().data() != s.data());
  // Borrowing is explicit, and reads the caller's text in place.
  auto borrowed = nlp(byline::borrow(s));
  STATIC_REQUIRE(std::is_same_v<decltype(borrowed), byline::borrowed_document>);
  STATIC_REQUIRE(!decltype(borrowed)::owns_text);
  CHECK(borrowed.text().data() == s.data());
  CHECK(borrowed.tokens().size() == owned.tokens().size());
  // An rvalue string is moved in, not copied.
  std::string moving = article;
  const char* const buffer = moving.data();
  auto moved_in = nlp(std::move(moving));
  CHECK(moved_in.text().data() == buffer);
  std::istringstream in(article);
  auto streamed = nlp(std::ranges::subrange(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
  STATIC_REQUIRE(decltype(streamed)::owns_text);
  CHECK(streamed.text() == article);
  CHECK(streamed.tokens().size() == owned.tokens().size());
}

TEST_CASE("documents built from lines in a loop stay valid in a vector (finding 1)", "[document][safety]") {
  // The reproducer: a vector of documents made from a line buffer that is overwritten.
  std::istringstream in("Putin rejected the ceasefire.\nZelensky welcomed it.\nThe Kremlin declined to comment.\n");
  std::vector<byline::document> docs;
  std::string line;
  while (std::getline(in, line)) docs.push_back(nlp(line));
  line = "overwritten overwritten overwritten overwritten";
  REQUIRE(docs.size() == 3);
  CHECK(docs[0].tokens()[0].text() == "Putin");
  CHECK(docs[1].sentences()[0].text() == "Zelensky welcomed it.");
  CHECK(docs[2].tokens()[1].text() == "Kremlin");
}

TEST_CASE("views taken before a move stay valid after it (finding 5)", "[document][safety]") {
  // A short text fits in std::string's inline buffer, which moves with the string object; the
  // document keeps its text in a heap node, so views taken before the move still read it.
  auto doc = nlp(std::string("Kyiv agreed."));
  const auto text_before = doc.text();
  const auto first = doc.tokens()[0];
  const auto sentence = doc.sentences()[0];
  const auto paragraph = doc.paragraphs()[0];
  std::vector<byline::document> docs;
  docs.push_back(std::move(doc));
  for (int i = 0; i < 100; ++i) {
    std::string filler = "Filler text number ";
    filler += std::to_string(i);
    docs.push_back(nlp(filler));
  }
  CHECK(text_before == "Kyiv agreed.");
  CHECK(first.text() == "Kyiv");
  CHECK(sentence.text() == "Kyiv agreed.");
  CHECK(paragraph.text() == "Kyiv agreed.");
  CHECK(docs[0].tokens()[0] == first);
  // A moved-from document is empty, not broken.
  CHECK(doc.size() == 0);            // NOLINT(bugprone-use-after-move): the point of the test
  CHECK(doc.tokens().size() == 0);   // NOLINT(bugprone-use-after-move)
  CHECK(doc.text().empty());         // NOLINT(bugprone-use-after-move)
  // An explicit copy is a separate document.
  auto copy = docs[0].clone();
  CHECK(copy.text() == "Kyiv agreed.");
  CHECK(copy.text().data() != docs[0].text().data());
  CHECK(copy.tokens().size() == docs[0].tokens().size());
  CHECK(copy.tokens()[0] != first);
}

TEST_CASE("a character array is read up to its first NUL (finding 11)", "[document]") {
  char buf[64] = "Kyiv agreed.";
  auto doc = nlp(buf);
  CHECK(doc.size() == 12);
  CHECK(doc.tokens().size() == 3);
  const char16_t wide[32] = u"Kyiv agreed.";
  CHECK(nlp(wide).size() == 12);
  const auto d16 = nlp(wide);
  CHECK(d16.text() == u"Kyiv agreed.");
}

TEST_CASE("token, sentence and paragraph know each other", "[document]") {
  auto doc = nlp(article);
  const auto us = *doc.token_at(article.find("U.S."));
  CHECK(us.text() == "U.S.");
  CHECK(us.sentence().text() == "The U.S. will attend.");
  CHECK(us.paragraph().index() == 1);
  CHECK(us.sentence().paragraph().index() == 1);
  CHECK(doc.tokens()[0].lower() == "ukraine");
  CHECK(doc.tokens()[1].lower() == "’s");  // lower() keeps the curly apostrophe; norm() folds it
  CHECK(doc.tokens()[1].norm() == "'s");
  CHECK(doc.token_of(us.id()) == us);
  CHECK(doc.sentence_of(us.sentence().id()).text() == "The U.S. will attend.");
  // Without sentences there is no sentence to ask for.
  auto tokens_only = byline::pipeline{byline::tokenizer{}}(article);
  CHECK_THROWS_AS(tokens_only.tokens()[0].sentence(), byline::missing_layer);
}

TEST_CASE("views print with operator<<", "[document]") {
  auto doc = nlp(article);
  std::ostringstream os;
  os << doc.tokens()[0] << '|' << doc.tokens()[0].kind() << '|' << doc.tokens()[1].rule() << '|'
     << doc.tokens()[0].offsets() << '|' << doc.sentences()[1] << '|' << doc.paragraphs()[1].sentences()[0];
  CHECK(os.str() == "Ukraine|word|clitic|[0, 7)|Talks resume on Monday.|Talks resume on Monday.");
  const auto u16 = byline::unicode::to_utf16(article);
  auto d16 = nlp(u16);
  std::ostringstream os16;
  os16 << d16.tokens()[1] << d16.sentences()[0].tokens()[2];
  CHECK(os16.str() == "’senvoy");
}

TEST_CASE("document memory stays under 16 bytes a token, 29 with entities and quotations", "[document][memory]") {
  std::string big;
  while (big.size() < 2'000'000) big += article;
  const byline::pipeline without_entities{byline::tokenizer{}, byline::paragraph_segmenter{},
                                          byline::sentence_splitter{}};
  auto doc = without_entities(big);
  const double per_token = static_cast<double>(doc.memory_bytes()) / static_cast<double>(doc.tokens().size());
  INFO("bytes per token: " << per_token);
  CHECK(per_token <= 16.0);
  // Entities add a mention index per token (4 bytes) and 30 bytes of records per mention; this
  // article names something every six or seven tokens, news' densest. Quotations add 45 bytes
  // each, and this article quotes a word every 20 tokens (2.3 bytes a token; news quotes far less).
  auto full = nlp(big);
  const double with_entities = static_cast<double>(full.memory_bytes()) / static_cast<double>(full.tokens().size());
  INFO("bytes per token with entities: " << with_entities);
  CHECK(with_entities <= 29.0);
}

TEST_CASE("document_base reads any document as UTF-8", "[document]") {
  const auto u16 = byline::unicode::to_utf16(article);
  auto d16 = nlp(u16);
  const byline::document_base& base = d16.base();
  CHECK(base.encoding() == byline::unicode::encoding::utf16);
  CHECK(base.utf8() == article);
  CHECK(base.token_utf8(byline::token_id{1}) == "’s");
  CHECK(base.token_utf8(byline::token_id{3}) == "😀");
  // UTF-16 offsets map to UTF-8 ones.
  const auto emoji16 = d16.tokens()[3].offsets();
  CHECK(base.utf8_offset(emoji16.begin) == article.find("😀"));
  CHECK(base.utf8_offset(emoji16.end) == article.find("😀") + 4);
  // A UTF-8 document is its own UTF-8, not a copy.
  auto d8 = nlp(article);
  CHECK(d8.base().utf8().data() == d8.text().data());
}
