// libFuzzer harness for byline/entity/gazetteer.hpp: the TSV reader, the builder, the byte layout's
// checks and matching over whatever the checks let through.
//
// The input is used three ways:
//   * as TSV text: add_tsv either throws gazetteer_error with a line inside the text or adds
//     entries; the gazetteer built from them matches the input's own words, and its bytes loaded
//     back (gazetteer::load, gazetteer_view) match the same;
//   * as the raw bytes of a gazetteer: the view must throw gazetteer_format_error (never anything
//     else, never a bad read);
//   * as patches to a valid gazetteer's bytes, with the checksum then made right (as a writer with
//     a bug would): the view throws gazetteer_format_error or matches within the bounds: every
//     match's tokens inside the input, every entry's strings inside the bytes.
#include "fuzz_common.hpp"

#include <byline/entity/gazetteer.hpp>

#include <algorithm>
#include <cstring>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

const std::vector<std::byte>& base_bytes() {
  static const std::vector<std::byte> bytes = [] {
    byline::gazetteer_builder b;
    std::istringstream in(
        "United States\tGPE\t\tUS\n"
        "US\tGPE\tUnited States\tUS\tcs\t1\n"
        "Georgia\tGPE\t\tGE\n"
        "Georgia\tGPE\tGeorgia (U.S. state)\tUS-GA\n"
        "the Kremlin\tFAC\tMoscow Kremlin\n"
        "New York\tGPE\n"
        "New York City\tGPE\n"
        "O’Brien\tPERSON\t\t\tcs\n"
        "Côte d'Ivoire\tGPE\t\tCI\n");
    b.add_tsv(in, "base");
    return b.build().serialize();
  }();
  return bytes;
}

std::vector<std::string_view> words_of(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t at = 0;
  while (at < text.size()) {
    const auto k = text.find_first_of(" \t\n", at);
    const auto e = k == std::string_view::npos ? text.size() : k;
    if (e > at) out.push_back(text.substr(at, e - at));
    at = e + 1;
  }
  return out;
}

const std::vector<std::string_view> probe_tokens = {"The", "Kremlin", "said", "the", "United", "States", "and",
                                                    "US", "us", "Georgia", "New", "York", "City", "O'Brien",
                                                    "Côte", "d’Ivoire", "\xFF", ""};

void check_matches(const byline::gazetteer_view& g, std::span<const std::string_view> tokens) {
  const auto bytes = g.bytes();
  for (const auto& m : g.match(tokens)) {
    FUZZ_CHECK(m.first < m.end && m.end <= tokens.size());
    FUZZ_CHECK(m.end - m.first <= 64);
    FUZZ_CHECK(m.entry < g.size());
    const auto e = g.entry(m.entry);
    for (auto s : {e.surface(), e.canonical(), e.id()})
      FUZZ_CHECK(s.empty() || (reinterpret_cast<const std::byte*>(s.data()) >= bytes.data() &&
                               reinterpret_cast<const std::byte*>(s.data()) + s.size() <= bytes.data() + bytes.size()));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto words = words_of(text);

  // As TSV.
  {
    byline::gazetteer_builder b;
    std::istringstream in(text);
    std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
    bool ok = true;
    try {
      b.add_tsv(in, "fuzz");
    } catch (const byline::gazetteer_error& e) {
      FUZZ_CHECK(e.line() >= 1 && e.line() <= lines);
      FUZZ_CHECK(b.size() == 0);
      ok = false;
    }
    if (ok) {
      const auto g = b.build();
      FUZZ_CHECK(g.size() <= b.size());
      const auto ms = g.match(words);
      check_matches(g, words);
      const auto again = byline::gazetteer::load(g.bytes());
      FUZZ_CHECK(again.match(words) == ms);
      FUZZ_CHECK(byline::gazetteer_view(g.bytes()).match(words) == ms);
    }
  }

  // As raw bytes: rejected, but cleanly.
  {
    std::vector<std::byte> raw(size);
    if (size) std::memcpy(raw.data(), data, size);
    try {
      const byline::gazetteer_view v(raw);
      check_matches(v, probe_tokens);
    } catch (const byline::gazetteer_format_error&) {
    }
  }

  // As patches (offset: 2 bytes, value: 1 byte) to a valid gazetteer, checksum made right.
  {
    std::vector<std::byte> bytes = base_bytes();
    for (std::size_t i = 0; i + 3 <= size; i += 3) {
      const std::size_t at = 32 + (data[i] | (data[i + 1] << 8)) % (bytes.size() - 32);
      bytes[at] = static_cast<std::byte>(data[i + 2]);
    }
    byline::detail::gaz::wr64(bytes.data() + 24, byline::detail::gaz::hash_bytes(
                                                     reinterpret_cast<const char*>(bytes.data() + 32), bytes.size() - 32));
    try {
      const byline::gazetteer_view v(bytes);
      check_matches(v, probe_tokens);
      check_matches(v, words);
      for (std::size_t i = 0; i < v.size(); ++i) (void)v.entry(i).to_entry();
    } catch (const byline::gazetteer_format_error&) {
    }
  }
  return 0;
}
