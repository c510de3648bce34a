// libFuzzer harness for the news pipeline: the tokenizer, paragraphs, sentences and the JSON writer
// over arbitrary bytes, read as UTF-8 and as UTF-16. Checks what every later layer relies on:
//   * byline::validate(doc): tokens non-empty, in order, disjoint and inside the text; paragraphs
//     and sentences each hold every token once, and every sentence lies inside one paragraph;
//   * the tokens are the same whether the text is read as UTF-8 or as the same text in UTF-32;
//   * the tokenizer's general path (no ASCII fast paths) makes the same tokens, kinds, rules and
//     flags as the pipeline's tokenizer;
//   * the JSON output is well-formed UTF-8 with no raw control character.
#include "fuzz_common.hpp"

#include <byline/byline.hpp>
#include <byline/io/json.hpp>

namespace {

const byline::pipeline nlp;

template <class Doc>
void check(const Doc& doc) {
  // Every invariant of the document model (byline::validate), checked independently of the
  // pipeline's own debug check.
  const auto problems = byline::validate(doc);
  FUZZ_CHECK(problems.empty());
  const std::string json = byline::io::to_json(doc);
  FUZZ_CHECK(fuzz::u::validate(json).empty());
  for (char c : json) FUZZ_CHECK(static_cast<unsigned char>(c) >= 0x20 || c == '\n');
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string utf8(reinterpret_cast<const char*>(data), size);
  auto doc = nlp(byline::borrow(utf8));
  check(doc);
  // The same text as UTF-32: the same tokens, offsets converted to code points.
  const std::u32string utf32 = byline::unicode::to_utf32(utf8);
  const auto doc32 = nlp(utf32);
  check(doc32);
  FUZZ_CHECK(doc32.tokens().size() == doc.tokens().size());
  const auto conv = doc.converter();
  for (std::size_t i = 0; i < doc.tokens().size() && i < doc32.tokens().size(); ++i) {
    FUZZ_CHECK(conv.to_code_points(doc[i].offsets().begin) == doc32[i].offsets().begin);
    FUZZ_CHECK(doc[i].kind() == doc32[i].kind());
  }

  // The fast paths read ASCII in any code unit type; the general path runs without them.
  byline::token_layer general;
  byline::detail::tokenizer_paths::general(byline::tokenizer{}, std::string_view(utf8), general);
  const auto& fast = doc.get<byline::token_layer>();
  FUZZ_CHECK(general.begin == fast.begin && general.end == fast.end && general.kind == fast.kind &&
             general.rule == fast.rule && general.flags == fast.flags);

  std::u16string utf16(size / 2, u'\0');
  for (std::size_t i = 0; i + 1 < size; i += 2)
    utf16[i / 2] = static_cast<char16_t>(data[i] | (data[i + 1] << 8));
  const auto doc16 = nlp(std::move(utf16));
  check(doc16);
  return 0;
}
