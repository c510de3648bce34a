// libFuzzer harness for byline/unicode/utf.hpp.
//
// The input is decoded as UTF-8 (the bytes), UTF-16 (pairs of bytes, native order) and UTF-32
// (quads), each copied into an exactly sized heap buffer so that AddressSanitizer sees any read past
// the end. For each it checks that:
//   * code_points() tiles the input, with lengths 1..4 (UTF-8) / 1..2 (UTF-16) / 1 (UTF-32), and
//     agrees code point by code point (value, offset, length, error) with a reference decoder
//     written from the standard's tables;
//   * decode() called by hand, over pointers and over a counting forward iterator that traps on a
//     read at or past the end, agrees too;
//   * validate(), for_each_error() and transcode()'s issue list report exactly the ill-formed
//     subsequences code_points() reports; validate() over a single-pass range agrees (UTF-8 through
//     std::istreambuf_iterator; UTF-16 and UTF-32 through an input-only range);
//   * transcoding UTF-8 -> UTF-32 -> UTF-8 (and through UTF-16, char8_t, wchar_t) round-trips
//     well-formed input exactly, and turns any input into well-formed text that transcodes to itself.
#include "fuzz_common.hpp"

#include <cstring>
#include <iterator>
#include <memory>
#include <ranges>
#include <sstream>
#include <string>

namespace {

using namespace fuzz;

std::vector<u::decode_issue> issues_of(const std::vector<ref_cp>& cps) {
  std::vector<u::decode_issue> out;
  for (const auto& c : cps)
    if (c.error != E::none) out.push_back({c.offset, c.length, c.error});
  return out;
}

template <class C>
void check_encoding(std::basic_string_view<C> t) {
  constexpr std::size_t max_len = sizeof(C) == 1 ? 4 : sizeof(C) == 2 ? 2 : 1;
  const std::vector<ref_cp> want = ref_decode(t);

  // code_points() against the reference.
  std::vector<ref_cp> got;
  std::size_t next = 0;
  for (auto cp : u::code_points(t)) {
    FUZZ_CHECK(cp.offset == next);
    FUZZ_CHECK(cp.length >= 1 && cp.length <= max_len);
    if (cp.error != E::none) {
      FUZZ_CHECK(cp.code_point == U'\uFFFD');
    } else {
      // A scalar value, in its one shortest form.
      FUZZ_CHECK(u::is_scalar_value(cp.code_point));
      FUZZ_CHECK(cp.length == (sizeof(C) == 1   ? u::utf8_length(cp.code_point)
                               : sizeof(C) == 2 ? u::utf16_length(cp.code_point)
                                                : 1));
    }
    next += cp.length;
    got.push_back({cp.code_point, cp.offset, cp.length, cp.error});
  }
  FUZZ_CHECK(next == t.size());
  FUZZ_CHECK(got == want);

  // decode() by hand over pointers and over a counting iterator.
  {
    const C* p = t.data();
    const C* end = t.data() + t.size();
    std::size_t i = 0, reads = 0;
    counting_iterator<C> it{p, end, &reads}, ie{end, end, &reads};
    while (p != end) {
      auto d = u::decode(p, end);
      auto d2 = u::decode(it, ie);
      FUZZ_CHECK(i < want.size());
      FUZZ_CHECK(d.code_point == want[i].cp && d.length == want[i].length && d.error == want[i].error);
      FUZZ_CHECK(d.next == p + d.length && d.next <= end);
      FUZZ_CHECK(d2.code_point == d.code_point && d2.length == d.length && d2.error == d.error);
      FUZZ_CHECK(d2.next.p == d.next);
      p = d.next;
      it = d2.next;
      ++i;
    }
    FUZZ_CHECK(i == want.size());
    FUZZ_CHECK(reads <= t.size() * 2);  // a unit is read at most twice (UTF-16 peeks at a copy)
  }

  // Every error API reports the same issues.
  const auto issues = issues_of(want);
  FUZZ_CHECK(u::validate(t) == issues);
  std::vector<u::decode_issue> seen;
  FUZZ_CHECK(u::for_each_error(t, [&](const u::decode_issue& e) { seen.push_back(e); }) == issues.size());
  FUZZ_CHECK(seen == issues);
  std::vector<u::decode_issue> tr;
  const std::u32string as32 = u::to_utf32(t, &tr);
  FUZZ_CHECK(tr == issues);
  FUZZ_CHECK(as32.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) FUZZ_CHECK(as32[i] == want[i].cp);

  // Single-pass ranges.
  if constexpr (sizeof(C) == 1) {
    std::istringstream in(std::string(reinterpret_cast<const char*>(t.data()), t.size()));
    auto once = std::ranges::subrange(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    FUZZ_CHECK(u::validate(once) == issues);
  } else {
    const input_only_range<C> once{t.data(), t.data() + t.size()};
    FUZZ_CHECK(u::validate(once) == issues);
  }

  // Transcoding: well-formed output, idempotent, lossless on well-formed input.
  const std::string as8 = u::to_utf8(t);
  const std::u16string as16 = u::to_utf16(t);
  FUZZ_CHECK(u::validate(as8).empty());
  FUZZ_CHECK(u::validate(as16).empty());
  FUZZ_CHECK(u::validate(as32).empty());
  FUZZ_CHECK(u::to_utf8(as32) == as8);
  FUZZ_CHECK(u::to_utf8(as16) == as8);
  FUZZ_CHECK(u::to_utf8(as8) == as8);
  FUZZ_CHECK(u::to_utf32(as8) == as32);
  FUZZ_CHECK(u::to_utf16(as8) == as16);
  FUZZ_CHECK(u::to_utf16(as32) == as16);
  const std::u8string as8u = u::transcode<char8_t>(as32);
  FUZZ_CHECK(as8u.size() == as8.size() && std::memcmp(as8u.data(), as8.data(), as8.size()) == 0);
  const std::wstring asw = u::transcode<wchar_t>(as8);
  FUZZ_CHECK(u::to_utf32(asw) == as32);
  // Lengths add up.
  std::size_t n8 = 0, n16 = 0;
  for (char32_t c : as32) {
    n8 += u::utf8_length(c);
    n16 += u::utf16_length(c);
  }
  FUZZ_CHECK(n8 == as8.size() && n16 == as16.size());
  if (issues.empty()) {
    const std::basic_string<C> back = u::transcode<C>(as32);
    FUZZ_CHECK(back.size() == t.size() && std::memcmp(back.data(), t.data(), t.size() * sizeof(C)) == 0);
  }
}

template <class C>
void check_reinterpreted(const std::uint8_t* data, std::size_t size) {
  const std::size_t n = size / sizeof(C);
  auto buf = std::make_unique<C[]>(n);  // exactly n units: ASan flags buf[n]
  if (n) std::memcpy(buf.get(), data, n * sizeof(C));
  check_encoding(std::basic_string_view<C>(buf.get(), n));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > (1u << 16)) return 0;
  // UTF-8 over libFuzzer's own, exactly sized copy of the input.
  check_encoding(std::string_view(reinterpret_cast<const char*>(data), size));
  check_reinterpreted<char8_t>(data, size);
  check_reinterpreted<char16_t>(data, size);
  check_reinterpreted<char32_t>(data, size);
  check_reinterpreted<wchar_t>(data, size);
  return 0;
}
