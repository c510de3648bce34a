// libFuzzer harness for byline::segment::words, sentences and graphemes.
//
// The input is segmented as UTF-8 (the bytes), as UTF-16 (pairs of bytes, native order), as UTF-32
// (quads), and as the UTF-16 transcoding of the bytes (so that valid surrogate pairs occur), each in
// an exactly sized heap buffer so that AddressSanitizer sees any read past the end. For each
// segmenter and each of those texts it checks that:
//   * the segments tile the text: each begins where the previous ended, is non-empty (so offsets
//     strictly increase), and the last ends at the size; empty text has no segment; size(), the
//     segment's iterators and text() agree with offsets();
//   * no boundary falls inside a code point or an ill-formed subpart, and the boundaries and
//     statuses, mapped to code point indices, equal those of the text's UTF-32 transcoding (where
//     every ill-formed subpart is one U+FFFD);
//   * a forward iterator that is neither sized nor contiguous gives the same segments, never reads
//     at or past the end (it traps), and reads at most 16 units per unit plus a constant (linear);
//   * a single-pass range (std::istreambuf_iterator for UTF-8, an input-only range otherwise) gives
//     the same segments.
#include "fuzz_common.hpp"

#include <byline/segment/graphemes.hpp>
#include <byline/segment/sentences.hpp>
#include <byline/segment/words.hpp>

#include <cstring>
#include <iterator>
#include <memory>
#include <ranges>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace fuzz;
namespace seg = byline::segment;

struct segments {
  std::vector<std::size_t> ends;
  std::vector<std::uint8_t> statuses;
  bool operator==(const segments&) const = default;
};

// Walks a view, checking the tiling invariants; `base` is the first code unit for contiguous views.
template <class View>
segments walk(View&& view, std::size_t total, const void* base) {
  segments out;
  std::size_t prev = 0;
  for (auto x : view) {
    const auto o = x.offsets();
    FUZZ_CHECK(o.begin == prev);
    FUZZ_CHECK(o.end > o.begin);
    FUZZ_CHECK(o.end <= total);
    FUZZ_CHECK(x.size() == o.end - o.begin);
    FUZZ_CHECK(static_cast<std::size_t>(std::ranges::distance(x.begin(), x.end())) == o.size());
    if constexpr (std::contiguous_iterator<decltype(x.begin())>) {
      using C = std::remove_cv_t<std::iter_value_t<decltype(x.begin())>>;
      if (base) FUZZ_CHECK(x.text().data() == static_cast<const C*>(base) + o.begin);
      FUZZ_CHECK(x.text().size() == o.size());
    }
    prev = o.end;
    out.ends.push_back(o.end);
    out.statuses.push_back(static_cast<std::uint8_t>(x.status()));
  }
  FUZZ_CHECK(prev == total);
  if (total == 0) FUZZ_CHECK(out.ends.empty());
  return out;
}

template <class Segmenter, class C>
void check_segmenter(Segmenter s, std::basic_string_view<C> t) {
  const segments got = walk(s(t), t.size(), t.data());

  // Boundaries on code point starts; equal to the UTF-32 transcoding's, mapped.
  std::vector<std::size_t> starts;
  for (auto cp : u::code_points(t)) starts.push_back(cp.offset);
  starts.push_back(t.size());
  const std::u32string t32 = u::to_utf32(t);
  const segments want = walk(s(std::u32string_view(t32)), t32.size(), t32.data());
  segments mapped;
  mapped.statuses = got.statuses;
  std::size_t j = 0;
  for (std::size_t e : got.ends) {
    while (starts[j] < e) ++j;
    FUZZ_CHECK(starts[j] == e);  // not inside a code point or an ill-formed subpart
    mapped.ends.push_back(j);
  }
  FUZZ_CHECK(mapped == want);

  // A forward, unsized, non-contiguous iterator: same segments, bounded reads, nothing past the end.
  std::size_t reads = 0;
  counting_iterator<C> b{t.data(), t.data() + t.size(), &reads}, e{t.data() + t.size(), t.data() + t.size(), &reads};
  const segments counted = walk(s(std::ranges::subrange(b, e)), t.size(), nullptr);
  FUZZ_CHECK(counted == got);
  FUZZ_CHECK(reads <= 16 * t.size() + 64);

  // A single-pass range.
  if constexpr (std::is_same_v<C, char>) {
    std::istringstream in{std::string(t)};
    auto once = s(std::ranges::subrange(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
    FUZZ_CHECK(walk(once, t.size(), nullptr) == got);
    FUZZ_CHECK(once.buffer() == t);
    FUZZ_CHECK(walk(once, t.size(), nullptr) == got);  // a second walk reads the buffer, not the stream
  } else {
    const input_only_range<C> once{t.data(), t.data() + t.size()};
    FUZZ_CHECK(walk(s(once), t.size(), nullptr) == got);
  }
}

template <class C>
void check_text(std::basic_string_view<C> t) {
  check_segmenter(seg::words, t);
  check_segmenter(seg::sentences, t);
  check_segmenter(seg::graphemes, t);
}

template <class C>
void check_reinterpreted(const std::uint8_t* data, std::size_t size) {
  const std::size_t n = size / sizeof(C);
  auto buf = std::make_unique<C[]>(n);  // exactly n units: ASan flags buf[n]
  if (n) std::memcpy(buf.get(), data, n * sizeof(C));
  check_text(std::basic_string_view<C>(buf.get(), n));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > (1u << 16)) return 0;
  const std::string_view t8(reinterpret_cast<const char*>(data), size);
  check_text(t8);
  check_reinterpreted<char16_t>(data, size);
  check_reinterpreted<char32_t>(data, size);
  const std::u16string t16 = u::to_utf16(t8);
  auto buf = std::make_unique<char16_t[]>(t16.size());
  if (!t16.empty()) std::memcpy(buf.get(), t16.data(), t16.size() * sizeof(char16_t));
  check_text(std::u16string_view(buf.get(), t16.size()));
  return 0;
}
