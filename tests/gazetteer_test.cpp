// The gazetteer: keys made by the tokenizer, matching rules, the TSV reader, the byte layout and its
// checks, and the costs that must stay linear.
#include <byline/byline.hpp>
#include <byline/entity/gazetteer.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

using byline::entity_label;
using byline::gazetteer;
using byline::gazetteer_builder;
using byline::gazetteer_match;

namespace {

// A small gazetteer of real names, the way a resource would give them.
gazetteer sample() {
  gazetteer_builder b;
  b.add({.surface = "United States", .label = entity_label::gpe, .id = "US", .flags = 1});
  b.add({.surface = "United States of America", .label = entity_label::gpe, .canonical = "United States", .id = "US"});
  b.add({.surface = "U.S.", .label = entity_label::gpe, .canonical = "United States", .id = "US"});
  b.add({.surface = "US", .label = entity_label::gpe, .canonical = "United States", .id = "US", .case_sensitive = true});
  b.add({.surface = "Georgia", .label = entity_label::gpe, .id = "GE"});
  b.add({.surface = "Georgia", .label = entity_label::gpe, .canonical = "Georgia (U.S. state)", .id = "US-GA"});
  b.add({.surface = "the Kremlin", .label = entity_label::fac, .canonical = "Moscow Kremlin"});
  b.add({.surface = "Russia", .label = entity_label::gpe, .id = "RU"});
  b.add({.surface = "New York", .label = entity_label::gpe});
  b.add({.surface = "New York City", .label = entity_label::gpe, .canonical = "New York City"});
  b.add({.surface = "York", .label = entity_label::gpe});
  b.add({.surface = "Côte d’Ivoire", .label = entity_label::gpe, .id = "CI"});
  b.add({.surface = "Truth Social", .label = entity_label::org});
  b.add({.surface = "O’Brien", .label = entity_label::person, .case_sensitive = true});
  return std::move(b).build();
}

const byline::pipeline nlp;

// Matches as (first, end, canonical) triples, for readable comparisons.
struct found {
  std::uint32_t first, end;
  std::string canonical;
  friend bool operator==(const found&, const found&) = default;
};
std::ostream& operator<<(std::ostream& os, const found& f) {
  return os << '[' << f.first << ',' << f.end << ' ' << f.canonical << ']';
}

std::vector<found> described(const byline::gazetteer_view& g, const std::vector<gazetteer_match>& ms) {
  std::vector<found> out;
  for (auto m : ms) out.push_back({m.first, m.end, std::string(g.entry(m.entry).canonical())});
  return out;
}

std::vector<found> on(const byline::gazetteer_view& g, const std::string& text) {
  auto doc = nlp(text);
  return described(g, g.match(doc));
}

std::vector<std::string> token_strings(const std::string& text) {
  auto doc = nlp(text);
  std::vector<std::string> out;
  for (auto t : doc.tokens()) out.emplace_back(t.text());
  return out;
}

}  // namespace

TEST_CASE("gazetteer: multi-token names, with their entries' fields") {
  const auto g = sample();
  auto doc = nlp(std::string("Officials in the United States of America said so."));
  const auto ms = g.match(doc);
  REQUIRE(described(g, ms) == std::vector<found>{{3, 5, "United States"}, {3, 7, "United States"}});
  const auto e = g.entry(ms[0].entry);
  CHECK(e.surface() == "United States");
  CHECK(e.label() == entity_label::gpe);
  CHECK(e.canonical() == "United States");
  CHECK(e.id() == "US");
  CHECK(e.has_id());
  CHECK(e.flags() == 1);
  CHECK_FALSE(e.case_sensitive());
  CHECK(e.token_count() == 2);
  CHECK(e.to_entry() == byline::gazetteer_entry{"United States", entity_label::gpe, "United States", "US", false, 1});
  CHECK(g.entry(ms[1].entry).surface() == "United States of America");
  CHECK_FALSE(g.entry(g.size() - 1).has_id());
  CHECK_THROWS_AS(g.entry(g.size()), std::out_of_range);
}

TEST_CASE("gazetteer: overlapping names are all reported; longest_leftmost keeps the longest") {
  const auto g = sample();
  auto doc = nlp(std::string("She moved to New York City in May."));
  const auto all = g.match(doc);
  CHECK(described(g, all) ==
        std::vector<found>{{3, 5, "New York"}, {3, 6, "New York City"}, {4, 5, "York"}});
  CHECK(described(g, byline::longest_leftmost(all)) == std::vector<found>{{3, 6, "New York City"}});
  // Leftmost wins over longer: "York City" does not exist, but "New York" before "York" must.
  CHECK(described(g, byline::longest_leftmost(g.match(std::vector<std::string>{"New", "York", "York"}))) ==
        std::vector<found>{{0, 2, "New York"}, {2, 3, "York"}});
}

TEST_CASE("gazetteer: a surface with several entries reports each") {
  const auto g = sample();
  const auto ms = on(g, "Tbilisi is the capital of Georgia, not Atlanta.");
  CHECK(ms == std::vector<found>{{5, 6, "Georgia"}, {5, 6, "Georgia (U.S. state)"}});
  auto doc = nlp(std::string("Georgia"));
  CHECK(byline::longest_leftmost(g.match(doc)).size() == 2);
}

TEST_CASE("gazetteer: case-insensitive entries match any case, case-sensitive ones only theirs") {
  const auto g = sample();
  CHECK(on(g, "The Kremlin said.") == std::vector<found>{{0, 2, "Moscow Kremlin"}});
  CHECK(on(g, "THE KREMLIN SAID") == std::vector<found>{{0, 2, "Moscow Kremlin"}});
  CHECK(on(g, "the kremlin said") == std::vector<found>{{0, 2, "Moscow Kremlin"}});
  CHECK(on(g, "RUSSIA and russia").size() == 2);
  // "US" is case-sensitive: the pronoun is not the country.
  CHECK(on(g, "The US told us to wait.") == std::vector<found>{{1, 2, "United States"}});
  CHECK(on(g, "Us and us and uS").empty());
  // Case-insensitive folding is Unicode's, not ASCII's.
  CHECK(on(g, "CÔTE D’IVOIRE").size() == 1);
  // Case-sensitive entries still fold quotes.
  CHECK(on(g, "O'Brien said") == std::vector<found>{{0, 1, "O’Brien"}});
  CHECK(on(g, "O’BRIEN said").empty());
}

TEST_CASE("gazetteer: curly and straight apostrophes are the same key") {
  const auto g = sample();
  CHECK(on(g, "Côte d'Ivoire won.") == std::vector<found>{{0, 2, "Côte d’Ivoire"}});
  CHECK(on(g, "Côte d’Ivoire won.") == std::vector<found>{{0, 2, "Côte d’Ivoire"}});
  gazetteer_builder b;
  b.add({.surface = "Côte d'Ivoire", .label = entity_label::gpe});
  const auto straight = b.build();
  CHECK(on(straight, "Côte d’Ivoire won.").size() == 1);
}

TEST_CASE("gazetteer: U.S. and US are different keys; tokens split as in documents") {
  const auto g = sample();
  CHECK(on(g, "U.S. troops") == std::vector<found>{{0, 1, "United States"}});
  CHECK(g.entry(g.match(nlp(std::string("U.S. troops")).base())[0].entry).surface() == "U.S.");
  CHECK(g.entry(g.match(std::vector<std::string>{"US", "troops"})[0].entry).surface() == "US");
  // "U.S.-led" is U.S. - led; "Russia's" and "Russia’s" are Russia and a clitic.
  CHECK(on(g, "a U.S.-led coalition") == std::vector<found>{{1, 2, "United States"}});
  CHECK(on(g, "Russia's economy and Russia’s army") == std::vector<found>{{0, 1, "Russia"}, {4, 5, "Russia"}});
  CHECK(on(g, "Truth Social's owner") == std::vector<found>{{0, 2, "Truth Social"}});
  // A surface written with a clitic is split the same way.
  gazetteer_builder b;
  b.add({.surface = "Macy's", .label = entity_label::org});
  const auto macys = b.build();
  CHECK(on(macys, "Macy’s parade") == std::vector<found>{{0, 2, "Macy's"}});
}

TEST_CASE("gazetteer: the builder's tokenizer splits surfaces") {
  gazetteer_builder b(byline::tokenizer{}.add_abbreviation("Sask."));
  b.add({.surface = "Regina, Sask.", .label = entity_label::gpe});
  const auto g = b.build();
  const byline::pipeline mine{byline::tokenizer{}.add_abbreviation("Sask."), byline::paragraph_segmenter{},
                              byline::sentence_splitter{}};
  auto doc = mine(std::string("Rain in Regina, Sask. today."));
  CHECK(described(g, g.match(doc)) == std::vector<found>{{2, 5, "Regina, Sask."}});
}

TEST_CASE("gazetteer: strings, sentences and documents of other encodings") {
  const auto g = sample();
  const std::vector<std::string_view> conll = {"Leaders", "of", "Russia", "and", "the", "United", "States", "met"};
  CHECK(described(g, g.match(conll)) == std::vector<found>{{2, 3, "Russia"}, {5, 7, "United States"}});
  std::size_t calls = 0;
  g.for_each_match(std::span<const std::string_view>(conll), [&](const gazetteer_match&) { ++calls; });
  CHECK(calls == 2);

  auto doc = nlp(std::string("Russia spoke. Then the United States replied."));
  const auto second = doc.sentences()[1];
  CHECK(described(g, g.match(doc, second)) == std::vector<found>{{5, 7, "United States"}});
  CHECK(g.match(doc.base(), byline::token_id{0u}, byline::token_id{1u}).size() == 1);
  CHECK(g.match(doc.base(), byline::token_id{5u}, byline::token_id{6u}).empty());  // "United" alone
  CHECK(g.match(doc.base(), byline::token_id{9u}, byline::token_id{3u}).empty());
  CHECK(g.match(doc.base(), byline::token_id{0u}, byline::token_id{1000u}).size() == 2);

  auto wide = nlp(std::u16string(u"Côte d’Ivoire and Georgia"));
  CHECK(described(g, g.match(wide)) ==
        std::vector<found>{{0, 2, "Côte d’Ivoire"}, {3, 4, "Georgia"}, {3, 4, "Georgia (U.S. state)"}});
}

TEST_CASE("gazetteer: empty gazetteer, empty input, odd input") {
  const gazetteer none_built = gazetteer_builder{}.build();
  CHECK(none_built.empty());
  CHECK(none_built.match(std::vector<std::string>{"Russia"}).empty());
  const auto again = gazetteer::load(none_built.bytes());
  CHECK(again.empty());
  const gazetteer nothing;
  CHECK(nothing.empty());
  CHECK(nothing.bytes().empty());
  CHECK(nothing.match(std::vector<std::string>{"Russia"}).empty());
  CHECK(byline::gazetteer_view{}.match(std::vector<std::string>{"Russia"}).empty());

  const auto g = sample();
  CHECK(g.match(std::vector<std::string>{}).empty());
  auto empty_doc = nlp(std::string());
  CHECK(g.match(empty_doc).empty());
  CHECK(g.match(std::vector<std::string>{"", "\xFF\xFE", "Rus\xC3", std::string(5000, 'a'), "Russia"}) ==
        std::vector<gazetteer_match>{{4, 5, g.match(std::vector<std::string>{"Russia"})[0].entry}});
  CHECK(byline::longest_leftmost({}).empty());
}

TEST_CASE("gazetteer: builder errors") {
  gazetteer_builder b;
  CHECK_THROWS_AS(b.add({.surface = "", .label = entity_label::gpe}), byline::gazetteer_error);
  CHECK_THROWS_AS(b.add({.surface = "   ", .label = entity_label::gpe}), byline::gazetteer_error);
  CHECK_THROWS_AS(b.add({.surface = "Bad \xFF name", .label = entity_label::gpe}), byline::gazetteer_error);
  CHECK_THROWS_AS(b.add({.surface = "Fine", .label = entity_label::gpe, .canonical = "\xC3"}), byline::gazetteer_error);
  std::string long_name;
  for (int i = 0; i < 65; ++i) long_name += "word ";
  CHECK_THROWS_AS(b.add({.surface = long_name, .label = entity_label::work_of_art}), byline::gazetteer_error);
  CHECK_THROWS_AS(b.add({.surface = std::string(300, 'x'), .label = entity_label::org}), byline::gazetteer_error);
  CHECK(b.size() == 0);
  long_name.resize(64 * 5);  // exactly 64 tokens is allowed
  b.add({.surface = long_name, .label = entity_label::work_of_art});
  const auto g = b.build();
  std::vector<std::string> words(70, "WORD");
  CHECK(g.match(words).size() == 70 - 64 + 1);
}

TEST_CASE("gazetteer: TSV files") {
  const std::string good =
      "\xEF\xBB\xBF# names for the politics desk\n"
      "Volodymyr Zelensky\tPERSON\t\tQ3881612\n"
      "\n"
      "   \n"
      "Kyiv\tGPE\tKyiv\t703448\r\n"
      "Kiev\tGPE\tKyiv\t703448\tci\t0x2\n"
      "NATO\tORG\t\t\tcs\t7\n"
      "Reuters\tORG\n"
      "White House\tLOC\tWhite House\t\t\t16\n";
  gazetteer_builder b;
  std::istringstream in(good);
  b.add_tsv(in, "desk.tsv");
  REQUIRE(b.size() == 6);
  const auto g = b.build();
  const auto ms = g.match(std::vector<std::string>{"Kiev", "and", "nato", "NATO", "White", "House", "Kyiv"});
  REQUIRE(ms.size() == 4);
  CHECK(g.entry(ms[0].entry).canonical() == "Kyiv");
  CHECK(g.entry(ms[0].entry).id() == "703448");
  CHECK(g.entry(ms[0].entry).flags() == 2);
  CHECK(ms[1].first == 3);  // "nato" is not the case-sensitive NATO
  CHECK(g.entry(ms[1].entry).flags() == 7);
  CHECK(g.entry(ms[2].entry).label() == entity_label::loc);
  CHECK(g.entry(ms[2].entry).flags() == 16);
  CHECK(g.entry(ms[3].entry).surface() == "Kyiv");  // the CR is not part of the line
  CHECK(g.entry(0).canonical() == "Volodymyr Zelensky");
  CHECK(g.entry(0).id() == "Q3881612");

  struct bad_case {
    std::string text;
    std::size_t line;
    std::string says;
  };
  const std::vector<bad_case> bad = {
      {"Kyiv\tGPE\nParis\tPLACE\n", 2, "unknown label 'PLACE'"},
      {"# header\n\nParis GPE\n", 3, "at least 2 tab-separated columns"},
      {"Paris\tGPE\t\t\tmaybe\n", 1, "case must be"},
      {"Paris\tGPE\t\t\tcs\t12x\n", 1, "flags must be"},
      {"Paris\tGPE\t\t\tcs\t99999999999\n", 1, "flags must be"},
      {"Paris\tGPE\ta\tb\tcs\t1\textra\n", 1, "at most 6"},
      {"Paris\tGPE\n \tGPE\n", 2, "has no tokens"},
      {"Paris\tGPE\nPar\xFFis\tGPE\n", 2, "not valid UTF-8"},
  };
  for (const auto& c : bad) {
    CAPTURE(c.text);
    gazetteer_builder bb;
    bb.add({.surface = "Lyon", .label = entity_label::gpe});
    std::istringstream s(c.text);
    try {
      bb.add_tsv(s, "mine.tsv");
      FAIL("no error");
    } catch (const byline::gazetteer_error& e) {
      CHECK(e.line() == c.line);
      CHECK(e.source() == "mine.tsv");
      CHECK_THAT(e.what(), Catch::Contains("mine.tsv:" + std::to_string(c.line) + ": ") && Catch::Contains(c.says));
    }
    CHECK(bb.size() == 1);  // nothing of the bad file was kept
    CHECK(bb.build().size() == 1);
  }
}

TEST_CASE("gazetteer: sources combine; repeated entries are dropped") {
  const auto builtin = sample();
  gazetteer_builder b;
  b.add(builtin);
  std::istringstream user("Truth Social\tORG\n"                   // the same as the built-in entry
                          "the kremlin\tFAC\tMoscow Kremlin\n"     // the same but for the surface's case
                          "Georgia\tGPE\tGeorgia\tGE\t\t5\n"       // differs in flags: kept
                          "Kyiv Independent\tORG\n");
  b.add_tsv(user, "user.tsv");
  const auto g = b.build();
  CHECK(g.size() == builtin.size() + 2);
  CHECK(on(g, "Truth Social").size() == 1);
  CHECK(on(g, "the Kremlin").size() == 1);
  CHECK(on(g, "Georgia").size() == 3);
  CHECK(on(g, "The Kyiv Independent reported") == std::vector<found>{{1, 3, "Kyiv Independent"}});
  // Indices follow the order of addition: the built-in ones first, unchanged.
  for (std::size_t i = 0; i < builtin.size(); ++i) CHECK(g.entry(i).to_entry() == builtin.entry(i).to_entry());
}

TEST_CASE("gazetteer: bytes round trip, views, copies and moves") {
  const auto g = sample();
  const std::vector<std::string> tokens = token_strings(
      "The Kremlin and the U.S. spoke of Georgia, New York City, Côte d'Ivoire and O’Brien; US aides agreed.");
  const auto expected = g.match(tokens);
  REQUIRE(expected.size() >= 8);

  const std::vector<std::byte> bytes = g.serialize();
  CHECK(bytes.size() == g.bytes().size());
  const auto loaded = gazetteer::load(bytes);
  CHECK(loaded.match(tokens) == expected);
  const byline::gazetteer_view view(bytes);
  CHECK(view.match(tokens) == expected);
  CHECK(view.size() == g.size());
  CHECK(view.vocabulary_size() == g.vocabulary_size());
  for (std::size_t i = 0; i < g.size(); ++i) CHECK(view.entry(i).to_entry() == g.entry(i).to_entry());
  // Building twice gives the same bytes.
  CHECK(std::ranges::equal(sample().bytes(), g.bytes()));
  // A view works over bytes at any alignment.
  std::vector<std::byte> shifted(bytes.size() + 1);
  std::copy(bytes.begin(), bytes.end(), shifted.begin() + 1);
  CHECK(byline::gazetteer_view(std::span<const std::byte>(shifted).subspan(1)).match(tokens) == expected);

  gazetteer copy = loaded;
  CHECK(copy.match(tokens) == expected);
  gazetteer moved = std::move(copy);
  CHECK(moved.match(tokens) == expected);
  CHECK(copy.empty());  // NOLINT: a moved-from gazetteer is empty, not dangling
  CHECK(copy.match(tokens).empty());
  copy = moved;
  CHECK(copy.match(tokens) == expected);
  std::vector<gazetteer> many;
  for (int i = 0; i < 20; ++i) many.push_back(moved);  // reallocation moves them
  for (const auto& m : many) CHECK(m.match(tokens) == expected);
}

TEST_CASE("gazetteer: truncated and corrupted bytes are rejected, never read out of bounds") {
  const auto g = sample();
  const std::vector<std::byte> good = g.serialize();
  for (std::size_t n = 0; n < good.size(); ++n)
    CHECK_THROWS_AS(byline::gazetteer_view(std::span<const std::byte>(good.data(), n)), byline::gazetteer_format_error);
  std::vector<std::byte> longer = good;
  longer.push_back(std::byte{0});
  CHECK_THROWS_AS(gazetteer::load(longer), byline::gazetteer_format_error);

  // Every single flipped bit is caught (by the checksum, or before it by the header checks).
  std::size_t caught = 0;
  for (std::size_t i = 0; i < good.size(); ++i) {
    std::vector<std::byte> bad = good;
    bad[i] ^= std::byte{1} << (i % 8);
    try {
      (void)byline::gazetteer_view(bad);
    } catch (const byline::gazetteer_format_error&) {
      ++caught;
    }
  }
  CHECK(caught == good.size());

  // A writer that gets the checksum right but the contents wrong: the structural checks must reject
  // the bytes or leave them safe to match over (ASan and UBSan builds watch the reads).
  const auto tokens = token_strings("The Kremlin, the United States of America, U.S. and US aides met in Georgia "
                                    "and New York City with O'Brien from Côte d’Ivoire and Truth Social.");
  std::mt19937 rng(20240519);
  std::size_t rejected = 0, survived = 0;
  for (int round = 0; round < 3000; ++round) {
    std::vector<std::byte> bad = good;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < edits; ++k) {
      const std::size_t at = 32 + rng() % (bad.size() - 32);
      switch (rng() % 3) {
        case 0: bad[at] = static_cast<std::byte>(rng()); break;
        case 1: bad[at] ^= std::byte{0x80}; break;
        default: bad[at] = std::byte{0xFF}; break;
      }
    }
    byline::detail::gaz::wr64(bad.data() + 24, byline::detail::gaz::hash_bytes(reinterpret_cast<const char*>(bad.data() + 32),
                                                                                 bad.size() - 32));
    try {
      const byline::gazetteer_view v(bad);
      for (auto m : v.match(tokens)) {
        const auto e = v.entry(m.entry);
        CHECK(m.first < m.end);
        CHECK(m.end <= tokens.size());
        CHECK(e.surface().size() + e.canonical().size() + e.id().size() <= bad.size());
      }
      for (std::size_t i = 0; i < v.size(); ++i) (void)v.entry(i).to_entry();
      ++survived;
    } catch (const byline::gazetteer_format_error&) {
      ++rejected;
    }
  }
  CHECK(rejected + survived == 3000);
  CHECK(rejected > 0);
  CHECK(survived > 0);  // mutations in strings and padding load, and must match safely
}

TEST_CASE("gazetteer: one name repeated over a megabyte stays linear") {
  gazetteer_builder b;
  b.add({.surface = "New York", .label = entity_label::gpe});
  b.add({.surface = "York", .label = entity_label::gpe});
  b.add({.surface = "New York, New York", .label = entity_label::work_of_art});
  std::string a64;
  for (int i = 0; i < 64; ++i) a64 += "a ";
  b.add({.surface = a64, .label = entity_label::work_of_art});  // the longest name there can be
  b.add({.surface = "a", .label = entity_label::person});
  const auto g = b.build();

  std::string line;
  while (line.size() < (1u << 20)) line += "New York, ";
  auto doc = nlp(line);
  const std::size_t reps = line.size() / 10;
  std::size_t count = 0;
  auto t0 = std::chrono::steady_clock::now();
  g.for_each_match(doc.base(), [&](const gazetteer_match&) { ++count; });
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  // Each "New York" and each "York", and every "New York, New York" (a pair of neighbours).
  CHECK(count == 2 * reps + (reps - 1));
  CHECK(seconds < 10.0);  // generous: sanitizer builds; linear work is a few milliseconds

  // The deepest walks: 64-token names over a long run of "a" (bounded by 64 steps a token).
  std::vector<std::string_view> as(200000, "a");
  count = 0;
  t0 = std::chrono::steady_clock::now();
  g.for_each_match(std::span<const std::string_view>(as), [&](const gazetteer_match&) { ++count; });
  CHECK(count == as.size() + (as.size() - 63));
  CHECK(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() < 10.0);
}

TEST_CASE("gazetteer: matches what a brute-force reference finds") {
  // Random names over a small vocabulary with case and apostrophe variants, so that prefixes,
  // overlaps and both case rules meet often; every entry differs (its flags), so none is dropped.
  const std::vector<std::string> words = {"New", "new", "NEW", "York", "york", "O'Brien", "O’Brien", "o’brien",
                                          "U.S.", "US", "us", "the", "The", "of", "Bank", "Côte", "CÔTE", "d’Ivoire"};
  std::mt19937 rng(7);
  const byline::tokenizer tok;
  auto forms = [](std::string_view t, bool fold) {
    char buf[byline::detail::gaz::max_token_bytes];
    const auto n = byline::detail::gaz::key_form(t, fold, buf, sizeof buf);
    return std::string(buf, n);
  };
  struct ref_entry {
    std::vector<std::string> folded, exact;
    bool cs;
  };
  for (int round = 0; round < 20; ++round) {
    gazetteer_builder b;
    std::vector<ref_entry> ref;
    const int entries = 1 + static_cast<int>(rng() % 60);
    for (int e = 0; e < entries; ++e) {
      std::string surface;
      const int len = 1 + static_cast<int>(rng() % 4);
      for (int k = 0; k < len; ++k) surface += (k ? " " : "") + words[rng() % words.size()];
      const bool cs = rng() % 3 == 0;
      b.add({.surface = surface, .label = entity_label::org, .case_sensitive = cs, .flags = static_cast<std::uint32_t>(e)});
      byline::token_layer l;
      tok.tokenize(std::string_view(surface), l);
      ref_entry r{{}, {}, cs};
      for (std::size_t k = 0; k < l.size(); ++k) {
        const auto piece = std::string_view(surface).substr(l.begin[k], l.end[k] - l.begin[k]);
        r.folded.push_back(forms(piece, true));
        r.exact.push_back(forms(piece, false));
      }
      ref.push_back(std::move(r));
    }
    const auto g = b.build();
    REQUIRE(g.size() == ref.size());
    std::vector<std::string> input(200);
    for (auto& t : input) t = words[rng() % words.size()];
    std::vector<gazetteer_match> want;
    for (std::size_t i = 0; i < input.size(); ++i)
      for (std::size_t e = 0; e < ref.size(); ++e) {
        const auto& r = ref[e];
        if (i + r.folded.size() > input.size()) continue;
        bool ok = true;
        for (std::size_t k = 0; ok && k < r.folded.size(); ++k)
          ok = forms(input[i + k], true) == r.folded[k] && (!r.cs || forms(input[i + k], false) == r.exact[k]);
        if (ok) want.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + r.folded.size()),
                                static_cast<std::uint32_t>(e)});
      }
    std::sort(want.begin(), want.end(), [](const gazetteer_match& a, const gazetteer_match& c) {
      return std::tie(a.first, a.end, a.entry) < std::tie(c.first, c.end, c.entry);
    });
    CHECK(g.match(input) == want);
  }
}

TEST_CASE("gazetteer: the padded hash is the stored hash") {
  std::mt19937 rng(3);
  for (std::size_t n = 0; n < 40; ++n) {
    char buf[48] = {};
    for (std::size_t k = 0; k < n; ++k) buf[k] = static_cast<char>(rng());
    CHECK(byline::detail::gaz::hash_padded(buf, n) == byline::detail::gaz::hash_bytes(buf, n));
  }
}

TEST_CASE("gazetteer: several threads match the same const gazetteer") {
  const gazetteer g = sample();
  const auto tokens =
      token_strings("In New York City the U.S. and Russia met; the Kremlin and Georgia's leaders and US aides "
                    "spoke to O'Brien of Truth Social about Côte d'Ivoire and the United States of America.");
  const auto expected = g.match(tokens);
  REQUIRE(expected.size() >= 10);
  std::vector<int> ok(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      bool same = true;
      for (int i = 0; i < 500; ++i) same = same && g.match(tokens) == expected;
      ok[static_cast<std::size_t>(t)] = same ? 1 : 0;
    });
  for (auto& t : threads) t.join();
  CHECK(ok == std::vector<int>{1, 1, 1, 1});
}
