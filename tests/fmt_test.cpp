// byline/fmt.hpp: {fmt} formatters for offsets, enums, document views and segments.
#include <byline/document/paragraphs.hpp>
#include <byline/fmt.hpp>
#include <byline/pipeline.hpp>
#include <byline/segment/graphemes.hpp>
#include <byline/segment/sentences.hpp>
#include <byline/segment/words.hpp>
#include <byline/tokenize/sentences.hpp>
#include <byline/tokenize/tokenizer.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <list>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace uni = byline::unicode;
namespace seg = byline::segment;

const byline::pipeline nlp{byline::tokenizer{}, byline::paragraph_segmenter{}, byline::sentence_splitter{}};

template <class Doc>
auto find_token(const Doc& doc, std::string_view utf8) {
  for (auto t : doc.tokens())
    if (uni::to_utf8(t.text()) == utf8) return t;
  FAIL("no token " << utf8);
  return doc.tokens()[0];
}

}  // namespace

TEST_CASE("fmt: offsets and enums", "[fmt]") {
  CHECK(fmt::format("{}", byline::span_offsets{3, 8}) == "[3, 8)");
  CHECK(fmt::format("{:>10}|", byline::span_offsets{3, 8}) == "    [3, 8)|");
  CHECK(fmt::format("{}", byline::token_kind::abbreviation) == "abbreviation");
  CHECK(fmt::format("{:<8}|", byline::token_kind::word) == "word    |");
  CHECK(fmt::format("{:*^9}", byline::token_kind::date) == "**date***");
  CHECK(fmt::format("{}", byline::token_rule::initials) == "initials");
  CHECK(fmt::format("{}", byline::token_rule::user_special_case) == "user_special_case");
  CHECK(fmt::format("{}", seg::word_status::letter) == "letter");
  CHECK(fmt::format("{}", seg::sentence_status::unterminated) == "unterminated");
  CHECK(fmt::format("{}", uni::decode_error::truncated) == "truncated sequence");
  CHECK(fmt::format("{}", uni::script::latin) == "Latin");
  CHECK(fmt::format("{}", uni::script::arabic) == "Arabic");
  CHECK(fmt::format("{:.3}", uni::script::arabic) == "Ara");
  // Runtime format strings take the same specifications.
  CHECK(fmt::format(fmt::runtime("{:>6}"), byline::token_kind::url) == "   url");
  CHECK_THROWS_AS(fmt::format(fmt::runtime("{:d}"), byline::token_kind::url), fmt::format_error);
}

TEST_CASE("fmt: tokens, sentences and spans of a UTF-8 document", "[fmt]") {
  const std::string text = "“Nobody here pretends,” said Mr. Karim Haddad. Putin left.";
  const auto doc = nlp(text);
  const auto mr = find_token(doc, "Mr.");
  CHECK(fmt::format("{}", mr) == "Mr.");
  CHECK(fmt::format("{:d}", mr) == fmt::format("Mr./abbreviation@{}:{}", text.find("Mr."), text.find("Mr.") + 3));
  const auto putin = find_token(doc, "Putin");
  CHECK(fmt::format("{:d}", putin) == fmt::format("Putin/word@{}:{}", text.find("Putin"), text.find("Putin") + 5));
  CHECK(fmt::format("[{:>7}]", putin) == "[  Putin]");
  CHECK(fmt::format("[{:<7.3}]", putin) == "[Put    ]");
  CHECK(fmt::format("{}", find_token(doc, "“")) == "“");
  CHECK(fmt::format("{:d}", find_token(doc, "“")) == "“/quote@0:3");

  REQUIRE(doc.sentences().size() == 2);
  const auto s0 = doc.sentences()[0];
  CHECK(fmt::format("{}", s0) == "“Nobody here pretends,” said Mr. Karim Haddad.");
  CHECK(fmt::format("{:d}", s0) == fmt::format("“Nobody here pretends,” said Mr. Karim Haddad./sentence@0:{}",
                                               text.find(" Putin")));
  CHECK(fmt::format("{}", doc.sentences()[1]) == "Putin left.");

  const auto name = doc.char_span(text.find("Karim"), text.find("Haddad") + 6);
  REQUIRE(name);
  CHECK(fmt::format("{}", *name) == "Karim Haddad");
  CHECK(fmt::format("{:d}", *name) ==
        fmt::format("Karim Haddad/span@{}:{}", text.find("Karim"), text.find("Haddad") + 6));
  CHECK(fmt::format("{}", name->offsets()) == fmt::format("[{}, {})", text.find("Karim"), text.find("Haddad") + 6));

  // fmt::join over views.
  CHECK(fmt::format("{}", fmt::join(doc.sentences()[1].tokens(), " ")) == "Putin left .");
  CHECK(fmt::format("{:d}", fmt::join(doc.sentences()[1].tokens(), " ")) ==
        fmt::format("Putin/word@{0}:{1} left/word@{2}:{3} ./punctuation@{3}:{4}", text.find("Putin"),
                    text.find("Putin") + 5, text.find("left"), text.find("left") + 4, text.size()));
}

TEST_CASE("fmt: views of UTF-16 and UTF-32 documents print UTF-8", "[fmt]") {
  const std::string text = "Café in Valletta \U0001F600 ok.";
  const auto u16 = uni::to_utf16(text);
  const auto u32 = uni::to_utf32(text);
  const auto d16 = nlp(std::u16string_view(u16));
  const auto d32 = nlp(u32);  // owned
  CHECK(fmt::format("{}", d16.tokens()[0]) == "Café");
  CHECK(fmt::format("{}", d32.tokens()[0]) == "Café");
  CHECK(fmt::format("{:d}", d16.tokens()[0]) == "Café/word@0:4");
  CHECK(fmt::format("{}", d16.sentences()[0]) == text);
  CHECK(fmt::format("{}", d32.sentences()[0]) == text);
  // Offsets in each document's own code units: the emoji is two UTF-16 units, one code point.
  CHECK(fmt::format("{:d}", d16.tokens()[4]) == "ok/word@20:22");
  CHECK(fmt::format("{:d}", d32.tokens()[4]) == "ok/word@19:21");
  CHECK(fmt::format("{:d}", d16.tokens()[3]) == "\U0001F600/emoji@17:19");
  // Width counts code points, as for any UTF-8 string.
  CHECK(fmt::format("{:>6}|", d32.tokens()[0]) == "  Café|");
}

TEST_CASE("fmt: ill-formed input prints as U+FFFD", "[fmt]") {
  const std::string text = "ok \xFF then \xC3 end";
  const auto doc = nlp(text);
  CHECK(fmt::format("{}", doc.sentences()[0]) == "ok \uFFFD then \uFFFD end");
  CHECK(fmt::format("{}", doc.tokens()[1]) == "\uFFFD");
  const std::u16string lone = u"a\xD800z";
  const auto d16 = nlp(std::u16string_view(lone));
  CHECK(fmt::format("{}", d16.sentences()[0]) == "a\uFFFDz");
}

TEST_CASE("fmt: paragraphs", "[fmt]") {
  auto doc = nlp(std::string_view("Harbour talks\n\nHome | World\n\nBody text."));
  auto& a = doc.annotations();
  a.paragraphs.clear();  // the segmenter's, replaced by ones with every flag
  a.paragraphs.push_back({0, 13, 0, 2, uni::script::latin, byline::paragraph_flag::heading});
  a.paragraphs.push_back({15, 27, 2, 5, uni::script::latin, byline::paragraph_flag::boilerplate});
  a.paragraphs.push_back({29, 39, 5, 8, uni::script::latin, 0});
  const auto ps = doc.paragraphs();
  CHECK(fmt::format("{}", ps[0]) == "Harbour talks");
  CHECK(fmt::format("{:d}", ps[0]) == "Harbour talks/Latin,heading@0:13");
  CHECK(fmt::format("{:d}", ps[1]) == "Home | World/Latin,boilerplate@15:27");
  CHECK(fmt::format("{:d}", ps[2]) == "Body text./Latin@29:39");
  CHECK(fmt::format("{:>12}", ps[2]) == "  Body text.");
}

TEST_CASE("fmt: UAX #29 segments", "[fmt]") {
  const std::string text = "Mr. Putin’s “deal” — 3.5% 👍🏽!";
  std::vector<std::string> plain, debug;
  for (auto w : seg::words(text)) {
    if (w.is_whitespace()) continue;
    plain.push_back(fmt::format("{}", w));
    debug.push_back(fmt::format("{:d}", w));
  }
  CHECK(plain == std::vector<std::string>{"Mr", ".", "Putin’s", "“", "deal", "”", "—", "3.5", "%", "👍🏽", "!"});
  CHECK(debug[0] == "Mr/letter@0:2");
  CHECK(debug[2] == "Putin’s/letter@4:13");
  CHECK(debug[7] == fmt::format("3.5/number@{}:{}", text.find("3.5"), text.find("3.5") + 3));

  std::vector<std::string> sentences;
  for (auto s : seg::sentences(std::string_view("One. Two\nThree"))) sentences.push_back(fmt::format("{:d}", s));
  CHECK(sentences == std::vector<std::string>{"One. /terminated@0:5", "Two\n/separated@5:9", "Three/unterminated@9:14"});

  std::vector<std::string> clusters;
  for (auto g : seg::graphemes(std::string_view("e\u0301👍🏽"))) clusters.push_back(fmt::format("{:d}", g));
  CHECK(clusters == std::vector<std::string>{"e\u0301/cluster@0:3", "👍🏽/cluster@3:11"});

  // Over other code units and ranges that are not contiguous.
  const std::u16string u16 = u"Hello, world";
  std::vector<std::string> w16;
  for (auto w : seg::words(u16)) w16.push_back(fmt::format("{}", w));
  CHECK(w16 == std::vector<std::string>{"Hello", ",", " ", "world"});
  const std::list<char> l{'a', 'b', ' ', 'c'};
  std::vector<std::string> wl;
  for (auto w : seg::words(l)) wl.push_back(fmt::format("{:d}", w));
  CHECK(wl == std::vector<std::string>{"ab/letter@0:2", " /whitespace@2:3", "c/letter@3:4"});
  // With width.
  CHECK(fmt::format("[{:^7}]", *seg::words(std::string_view("abc")).begin()) == "[  abc  ]");
}
