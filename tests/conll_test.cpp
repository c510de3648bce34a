#include <byline/io/conll.hpp>

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

using namespace byline::io;

namespace {

// Our own sentences, in CoNLL-2003's layout (IOB1).
constexpr std::string_view conll_text =
    "-DOCSTART- -X- O O\n"
    "\n"
    "Angela NNP I-NP I-PER\n"
    "Merkel NNP I-NP I-PER\n"
    "visited VBD I-VP O\n"
    "Paris NNP I-NP I-LOC\n"
    ". . O O\n"
    "\n"
    "Siemens NNP I-NP I-ORG\n"
    "Bosch NNP I-NP B-ORG\n"
    "# NN I-NP O\n"
    "\n"
    "-DOCSTART- -X- O O\n"
    "\n"
    "RUGBY NNP I-NP O\n"
    "\n";

// The same kind of thing in Universal NER's IOB2 TSV layout.
constexpr std::string_view tsv_text =
    "# newdoc id = ours-1\n"
    "# sent_id = ours-1-0001\n"
    "# text = we flew to new york with delta\n"
    "1\twe\tO\t-\t-\n"
    "2\tflew\tO\t-\t-\n"
    "3\tto\tO\t-\t-\n"
    "4\tnew\tB-LOC\t-\tnote\n"
    "5\tyork\tI-LOC\t-\tnote\n"
    "6\twith\tO\t-\t-\n"
    "7\tdelta\tB-ORG\t-\t-\n"
    "\n"
    "# sent_id = ours-1-0002\n"
    "1\tgreat\tO\t-\t-\n"
    "1-2\tgreat\t_\t_\t_\n"
    "2\ttrip\tO\t-\t-\n"
    "\n"
    "# newdoc id = ours-2\n"
    "1\tbye\tO\t-\t-\n";

}  // namespace

TEST_CASE("read_conll reads CoNLL-2003 documents, sentences, tokens and gold tags") {
  const auto c = read_conll(conll_text);
  CHECK(c.format == conll_format::conll2003);
  REQUIRE(c.documents.size() == 2);
  CHECK(c.documents[0].header == "-DOCSTART- -X- O O");
  REQUIRE(c.documents[0].sentences.size() == 2);
  const auto& s = c.documents[0].sentences[0];
  CHECK(s.tokens == std::vector<std::string>{"Angela", "Merkel", "visited", "Paris", "."});
  CHECK(s.tags == std::vector<std::string>{"I-PER", "I-PER", "O", "I-LOC", "O"});
  CHECK(s.lines[3] == "Paris NNP I-NP I-LOC");
  CHECK(c.documents[0].sentences[1].tokens[2] == "#");  // a '#' token, not a comment
  CHECK(c.documents[1].sentences.size() == 1);
  CHECK(c.token_count() == 9);
  CHECK(c.sentence_count() == 3);
}

TEST_CASE("read_conll reads Universal NER's TSV: token from column 2, tag from column 3") {
  const auto c = read_conll(tsv_text);
  CHECK(c.format == conll_format::iob2_tsv);
  REQUIRE(c.documents.size() == 2);
  CHECK(c.documents[0].header == "# newdoc id = ours-1");
  REQUIRE(c.documents[0].sentences.size() == 2);
  const auto& s = c.documents[0].sentences[0];
  CHECK(s.tokens == std::vector<std::string>{"we", "flew", "to", "new", "york", "with", "delta"});
  CHECK(s.tags[3] == "B-LOC");
  CHECK(s.tags[4] == "I-LOC");
  CHECK(c.documents[0].sentences[1].tokens == std::vector<std::string>{"great", "trip"});  // 1-2 skipped
  CHECK(c.documents[1].sentences[0].tokens == std::vector<std::string>{"bye"});
}

TEST_CASE("read_conll: no document marker is one document; CRLF; no final newline; empty input") {
  auto c = read_conll("Oslo NNP I-NP I-LOC\r\nis VBZ I-VP O\r\n\r\nYes UH O O");
  REQUIRE(c.documents.size() == 1);
  CHECK(c.documents[0].header.empty());
  REQUIRE(c.documents[0].sentences.size() == 2);
  CHECK(c.documents[0].sentences[0].tags[0] == "I-LOC");
  CHECK(c.documents[0].sentences[1].tokens[0] == "Yes");
  CHECK(read_conll("").documents.empty());
  CHECK(read_conll("\n\n\n").documents.empty());
  CHECK(read_conll("-DOCSTART- -X- O O\n\n").documents.size() == 1);
}

TEST_CASE("read_conll rejects a token line without a tag, naming the line") {
  try {
    (void)read_conll("Oslo I-LOC\nlonely\n");
    FAIL("no exception");
  } catch (const conll_error& e) {
    CHECK(e.line() == 2);
  }
  CHECK_THROWS_AS(read_conll("1\tok\tO\n2\tshort\n"), conll_error);
}

TEST_CASE("write_conll appends the predicted tag; the gold tag stays second to last") {
  const auto c = read_conll(conll_text);
  std::vector<std::string> pred(c.token_count(), "O");
  pred[0] = "B-PER";
  std::ostringstream out;
  write_conll(out, c, pred);
  const auto s = out.str();
  CHECK(s.starts_with("-DOCSTART- -X- O O\n\nAngela NNP I-NP I-PER B-PER\nMerkel NNP I-NP I-PER O\n"));
  CHECK(s.find("RUGBY NNP I-NP O O\n\n") != std::string::npos);
  // Reading the output again gives the predictions as the gold column.
  const auto back = read_conll(s);
  CHECK(back.documents[0].sentences[0].tags[0] == "B-PER");
  CHECK(back.token_count() == c.token_count());

  pred.pop_back();
  CHECK_THROWS_AS(write_conll(out, c, pred), std::invalid_argument);
}

TEST_CASE("write_conll on TSV keeps index, token and gold, drops notes and comments") {
  const auto c = read_conll(tsv_text);
  std::vector<std::string> pred(c.token_count(), "O");
  std::ostringstream out;
  write_conll(out, c, pred);
  const auto s = out.str();
  CHECK(s.starts_with("1\twe\tO\tO\n"));
  CHECK(s.find("4\tnew\tB-LOC\tO\n") != std::string::npos);
  CHECK(s.find('#') == std::string::npos);
}

TEST_CASE("spans_from_tags reads IOB1, IOB2 and BILOU like conlleval") {
  using v = std::vector<std::string>;
  auto spans = [](const v& t) { return spans_from_tags(std::span<const std::string>(t)); };
  // IOB1: B- only between two adjacent spans of one type.
  CHECK(spans(v{"I-ORG", "B-ORG", "O", "I-PER", "I-PER"}) ==
        std::vector<tag_span>{{"ORG", 0, 1}, {"ORG", 1, 2}, {"PER", 3, 5}});
  // IOB2.
  CHECK(spans(v{"B-PER", "I-PER", "B-PER", "O", "B-LOC"}) ==
        std::vector<tag_span>{{"PER", 0, 2}, {"PER", 2, 3}, {"LOC", 4, 5}});
  // A type change inside a run starts a new span.
  CHECK(spans(v{"B-PER", "I-LOC"}) == std::vector<tag_span>{{"PER", 0, 1}, {"LOC", 1, 2}});
  // BILOU.
  CHECK(spans(v{"U-LOC", "B-ORG", "I-ORG", "L-ORG", "U-ORG", "O"}) ==
        std::vector<tag_span>{{"LOC", 0, 1}, {"ORG", 1, 4}, {"ORG", 4, 5}});
  // After L- an I- starts anew.
  CHECK(spans(v{"B-ORG", "L-ORG", "I-ORG"}) == std::vector<tag_span>{{"ORG", 0, 2}, {"ORG", 2, 3}});
  CHECK(spans(v{}).empty());
  CHECK(spans(v{"O", "weird", "X-"}).empty());
}

TEST_CASE("tags_from_spans writes each scheme, and conversions round-trip") {
  const std::vector<tag_span> s{{"ORG", 0, 1}, {"ORG", 1, 3}, {"PER", 4, 5}};
  CHECK(tags_from_spans(s, 6, tag_scheme::iob1) ==
        std::vector<std::string>{"I-ORG", "B-ORG", "I-ORG", "O", "I-PER", "O"});
  CHECK(tags_from_spans(s, 6, tag_scheme::iob2) ==
        std::vector<std::string>{"B-ORG", "B-ORG", "I-ORG", "O", "B-PER", "O"});
  CHECK(tags_from_spans(s, 6, tag_scheme::bilou) ==
        std::vector<std::string>{"U-ORG", "B-ORG", "L-ORG", "O", "U-PER", "O"});
  for (auto scheme : {tag_scheme::iob1, tag_scheme::iob2, tag_scheme::bilou}) {
    const auto t = tags_from_spans(s, 6, scheme);
    CHECK(spans_from_tags(std::span<const std::string>(t)) == s);
  }
  // Out of range, empty and overlapping spans are ignored.
  const std::vector<tag_span> bad{{"X", 0, 2}, {"Y", 1, 3}, {"Z", 3, 3}, {"W", 2, 9}};
  CHECK(tags_from_spans(bad, 3, tag_scheme::iob2) == std::vector<std::string>{"B-X", "I-X", "O"});
  const std::vector<std::string> iob1{"I-LOC", "I-LOC", "B-LOC", "O"};
  CHECK(convert_tags(iob1, tag_scheme::iob2) == std::vector<std::string>{"B-LOC", "I-LOC", "B-LOC", "O"});
}
