// libFuzzer harness for the news pipeline: the tokenizer, paragraphs, sentences and the JSON writer
// over arbitrary bytes, read as UTF-8 and as UTF-16. Checks what every later layer relies on:
//   * tokens are non-empty, in order, do not overlap and stay inside the text;
//   * sentences partition the tokens, in order; paragraphs are in order, their token ranges too;
//   * the tokenizer's explain() agrees with the pipeline's tokens;
//   * the JSON output is well-formed UTF-8 with no raw control character.
#include "fuzz_common.hpp"

#include <byline/byline.hpp>
#include <byline/io/json.hpp>

namespace {

const byline::pipeline nlp;

template <class Doc>
void check(const Doc& doc) {
  const auto& t = doc.annotations().tokens;
  const std::size_t n = t.size();
  for (std::size_t i = 0; i < n; ++i) {
    FUZZ_CHECK(t.begin[i] < t.end[i]);
    FUZZ_CHECK(t.end[i] <= doc.text().size());
    if (i > 0) FUZZ_CHECK(t.end[i - 1] <= t.begin[i]);
  }
  std::uint32_t next = 0;
  for (const auto& s : doc.annotations().sentences) {
    FUZZ_CHECK(s.first_token == next);
    FUZZ_CHECK(s.first_token < s.end_token);
    next = s.end_token;
  }
  FUZZ_CHECK(next == n);
  std::uint32_t prev_end = 0, prev_tok = 0;
  for (const auto& p : doc.annotations().paragraphs) {
    FUZZ_CHECK(p.begin <= p.end && p.end <= doc.text().size());
    FUZZ_CHECK(p.begin >= prev_end);
    FUZZ_CHECK(p.first_token >= prev_tok && p.first_token <= p.end_token && p.end_token <= n);
    prev_end = p.end;
    prev_tok = p.end_token;
  }
  const std::string json = byline::io::to_json(doc);
  FUZZ_CHECK(fuzz::u::validate(json).empty());
  for (char c : json) FUZZ_CHECK(static_cast<unsigned char>(c) >= 0x20 || c == '\n');
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string utf8(reinterpret_cast<const char*>(data), size);
  auto doc = nlp(std::string_view(utf8));
  check(doc);
  const auto explained = byline::tokenizer{}.explain(std::string_view(utf8));
  FUZZ_CHECK(explained.size() == doc.tokens().size());
  for (std::size_t i = 0; i < explained.size(); ++i) FUZZ_CHECK(explained[i].offsets == doc[i].offsets());

  std::u16string utf16(size / 2, u'\0');
  for (std::size_t i = 0; i + 1 < size; i += 2)
    utf16[i / 2] = static_cast<char16_t>(data[i] | (data[i + 1] << 8));
  check(nlp(std::u16string_view(utf16)));
  return 0;
}
