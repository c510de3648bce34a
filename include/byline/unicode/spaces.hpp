// byline — the invisible characters that byline reads as white space, beyond White_Space itself.
//
// Scraped pages leave zero width spaces, bidi marks, word joiners and byte order marks between words
// and on lines that look empty. The paragraph rules count such a line as blank, so the tokenizer must
// not make tokens of them either: a token on a "blank" line would belong to no paragraph.
#pragma once

namespace byline::unicode {

// ZERO WIDTH SPACE, LEFT-TO-RIGHT MARK, RIGHT-TO-LEFT MARK, WORD JOINER, ZERO WIDTH NO-BREAK SPACE (BOM).
constexpr bool is_invisible_space(char32_t c) noexcept {
  return c == 0x200B || c == 0x200E || c == 0x200F || c == 0x2060 || c == 0xFEFF;
}

}  // namespace byline::unicode
