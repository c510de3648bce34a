// Tests of byline::paragraph_segmenter: paragraphs from lines, scripts, headings and page chrome.
#include <byline/document/paragraphs.hpp>
#include <byline/pipeline.hpp>
#include <byline/segment/words.hpp>
#include <byline/tokenize/tokenizer.hpp>
#include <byline/unicode/marks.hpp>
#include <byline/unicode/utf.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

using byline::unicode::script;

// Every non-whitespace UAX #29 word segment a token, zero width spaces and lone bidi marks included:
// a tokenizer other than byline's, to show that paragraphs nest tokens whatever made them.
struct segment_tokenizer {
  using needs = byline::layers<>;
  using provides = byline::layers<byline::token_layer>;
  template <class Doc>
  void operator()(Doc& doc, byline::workspace&) const {
    auto& t = doc.template edit<byline::token_layer>();
    t.clear();
    for (auto w : byline::segment::words(doc.text()))
      if (!w.is_whitespace())
        t.push_back(static_cast<std::uint32_t>(w.offsets().begin), static_cast<std::uint32_t>(w.offsets().end),
                    byline::token_kind::word, byline::token_rule::word_boundary, 0);
  }
};

const byline::pipeline nlp{byline::tokenizer{}, byline::paragraph_segmenter{}};

constexpr std::uint8_t B = byline::paragraph_flag::boilerplate;
constexpr std::uint8_t H = byline::paragraph_flag::heading;

struct expected {
  std::string text;  // the paragraph's text, UTF-8
  script sc;
  std::uint8_t flags;
};

// Our own sample page: an English story with an Arabic site's menus before it and its comment form
// and "back to top" link after it. `menu`, `form` and `top` are the other-script lines.
struct page {
  std::string text;
  std::vector<expected> paragraphs;
};

page make_page(const std::string& home, const std::string& menu, const std::string& form, const std::string& top,
               script other) {
  const std::string headline = "Harbour town opens its first public library in a century";
  const std::string story1 =
      "The small harbour town of Kelmouth opened a public library on Saturday, the first new one in more "
      "than a hundred years. Hundreds of residents queued in the rain before the doors opened at nine.";
  const std::string story2 =
      "The building, a former fish market, was restored by volunteers over three winters. \u201CWe wanted a "
      "place where anyone can sit and read more than a headline,\u201D said the head librarian, Mara Quist.";
  // Starts with chrome words, but is a story paragraph: the prose guard keeps it.
  const std::string story3 =
      "Comments from visitors were warm. Several said the children's room, with its view of the boats, was "
      "the best part of the building, and asked for longer opening hours on weekends.";
  const std::string story4 =
      "Read more widely, the council's report argues, and the town's schools will follow: the library plans "
      "reading clubs for every age group this autumn.";
  const std::string story5 = "The library will open six days a week.";
  page p;
  p.text = home + "\n\n" + menu + "\n\n" + headline + "\n\n" + story1 + "\n\n" + story2 + "\n\n" + story3 +
           "\n\n" + story4 + "\n\n" + story5 + "\n\n" + form + "\n\nLeave a comment\n\n" + top + "\n";
  p.paragraphs = {
      {home, other, B},          {menu, other, B},          {headline, script::latin, H},
      {story1, script::latin, 0}, {story2, script::latin, 0}, {story3, script::latin, 0},
      {story4, script::latin, 0}, {story5, script::latin, 0}, {form, other, B},
      {"Leave a comment", script::latin, B}, {top, other, B},
  };
  return p;
}

page arabic_page() {
  return make_page("\u0627\u0644\u0631\u0626\u064A\u0633\u064A\u0629",  // Home
                   // Local news / Sports / Culture and arts: one item a line, one paragraph.
                   "\u0623\u062E\u0628\u0627\u0631 \u0645\u062D\u0644\u064A\u0629\n"
                   "\u0631\u064A\u0627\u0636\u0629\n"
                   "\u062B\u0642\u0627\u0641\u0629 \u0648\u0641\u0646\u0648\u0646",
                   // Add your comment. Name and email are required
                   "\u0623\u0636\u0641 \u062A\u0639\u0644\u064A\u0642\u0643. \u0627\u0644\u0627\u0633\u0645 "
                   "\u0648\u0627\u0644\u0628\u0631\u064A\u062F \u0627\u0644\u0625\u0644\u0643\u062A\u0631\u0648\u0646"
                   "\u064A \u0645\u0637\u0644\u0648\u0628\u0627\u0646",
                   // Return to top
                   "\u0627\u0644\u0639\u0648\u062F\u0629 \u0625\u0644\u0649 \u0627\u0644\u0623\u0639\u0644\u0649",
                   script::arabic);
}

page cyrillic_page() {
  return make_page("Главная", "Новости\nСпорт\nКультура", "Оставьте комментарий. Имя и почта обязательны", "Наверх",
                   script::cyrillic);
}

template <class C>
std::basic_string<C> to(const std::string& s) {
  return byline::unicode::transcode<C>(s);
}

// Checks a document against the expected paragraphs; offsets are found in the UTF-8 text and
// converted to the document's code units.
template <class Doc>
void check(const Doc& doc, const std::string& utf8, const std::vector<expected>& want) {
  using C = typename Doc::char_type;
  REQUIRE(doc.template get<byline::paragraph_layer>().items.size() == want.size());
  std::size_t from = 0;
  std::uint32_t next_token = 0;
  for (std::size_t i = 0; i < want.size(); ++i) {
    INFO("paragraph " << i << ": " << want[i].text);
    const auto at = utf8.find(want[i].text, from);
    REQUIRE(at != std::string::npos);
    from = at + want[i].text.size();
    const auto begin = to<C>(utf8.substr(0, at)).size();
    const auto end = begin + to<C>(want[i].text).size();
    const auto p = doc.paragraphs()[static_cast<std::ptrdiff_t>(i)];
    CHECK(p.offsets().begin == begin);
    CHECK(p.offsets().end == end);
    CHECK(byline::unicode::to_utf8(p.text()) == want[i].text);
    CHECK(p.script() == want[i].sc);
    CHECK(static_cast<int>(doc.template get<byline::paragraph_layer>().items[i].flags) == static_cast<int>(want[i].flags));
    // Its tokens are those that begin inside it; here every token is inside some paragraph.
    CHECK(p.first_token() == next_token);
    CHECK(!p.empty());
    for (auto t : p.tokens()) {
      CHECK(t.offsets().begin >= begin);
      CHECK(t.offsets().begin < end);
    }
    next_token = p.end_token();
  }
  CHECK(next_token == doc.tokens().size());
}

struct para {
  std::size_t begin, end;
  script sc;
  std::uint8_t flags;
  friend bool operator==(const para&, const para&) = default;
};

template <class R>
std::vector<para> paragraphs_of(R&& text) {
  auto doc = nlp(std::forward<R>(text));
  std::vector<para> out;
  for (const auto& r : doc.template get<byline::paragraph_layer>().items) out.push_back({r.begin, r.end, r.script, r.flags});
  return out;
}

std::string flags_of(const std::string& text) {
  // The flags of the paragraph that starts the text, beside a long English story paragraph that sets
  // the body script.
  const std::string story =
      "The council met on Tuesday evening to discuss the budget for the coming year, and members agreed to "
      "spend more on roads and schools.";
  auto doc = nlp(text + "\n\n" + story);
  REQUIRE(doc.template get<byline::paragraph_layer>().items.size() == 2);
  CHECK(doc.template get<byline::paragraph_layer>().items[1].flags == 0);
  const auto f = doc.template get<byline::paragraph_layer>().items[0].flags;
  return f == B ? "boilerplate" : f == H ? "heading" : f == 0 ? "-" : "both?";
}

}  // namespace

TEST_CASE("paragraph_segmenter is a component", "[paragraphs]") {
  STATIC_REQUIRE(byline::component<byline::paragraph_segmenter>);
  STATIC_REQUIRE(std::is_same_v<decltype(nlp)::provides, byline::layers<byline::token_layer, byline::paragraph_layer>>);
  auto doc = nlp(std::string_view("One line."));
  CHECK(doc.has<byline::paragraph_layer>());
}

TEST_CASE("an English story between Arabic page chrome", "[paragraphs]") {
  const auto pg = arabic_page();
  auto doc = nlp(pg.text);
  check(doc, pg.text, pg.paragraphs);
  // The page's last paragraph ends before the final line break.
  CHECK(doc.template get<byline::paragraph_layer>().items.back().end + 1 == pg.text.size());
}

TEST_CASE("an English story between Cyrillic page chrome", "[paragraphs]") {
  const auto pg = cyrillic_page();
  check(nlp(pg.text), pg.text, pg.paragraphs);
}

TEST_CASE("the same paragraphs over every code unit type", "[paragraphs]") {
  for (const auto& pg : {arabic_page(), cyrillic_page()}) {
    const std::u8string u8(pg.text.begin(), pg.text.end());
    const auto u16 = to<char16_t>(pg.text);
    const auto u32 = to<char32_t>(pg.text);
    const auto w = to<wchar_t>(pg.text);
    check(nlp(u8), pg.text, pg.paragraphs);
    check(nlp(u16), pg.text, pg.paragraphs);
    check(nlp(u32), pg.text, pg.paragraphs);
    check(nlp(w), pg.text, pg.paragraphs);
    // Owned texts (moved in) give the same.
    check(nlp(to<char16_t>(pg.text)), pg.text, pg.paragraphs);
  }
}

TEST_CASE("line breaks", "[paragraphs]") {
  using v = std::vector<para>;
  const auto L = script::latin;
  SECTION("empty and whitespace-only text has no paragraphs") {
    CHECK(paragraphs_of(std::string_view("")).empty());
    CHECK(paragraphs_of(std::string_view(" \t\n \r\n\u00A0\u3000\n\r\r\u2029  \u200B\n")).empty());
    CHECK(paragraphs_of(std::u16string_view(u" \n\t\r\n ")).empty());
  }
  SECTION("text without a trailing line break") {
    CHECK(paragraphs_of(std::string_view("Hello world")) == v{{0, 11, L, H}});
    CHECK(paragraphs_of(std::string_view("  Hello world.  ")) == v{{2, 14, L, 0}});
  }
  SECTION("LF, CR LF and CR") {
    CHECK(paragraphs_of(std::string_view("One.\nTwo.\n\nThree.\n")) == v{{0, 9, L, 0}, {11, 17, L, 0}});
    CHECK(paragraphs_of(std::string_view("One.\r\nTwo.\r\n\r\nThree.\r\n")) == v{{0, 10, L, 0}, {14, 20, L, 0}});
    CHECK(paragraphs_of(std::string_view("One.\rTwo.\r\rThree.")) == v{{0, 9, L, 0}, {11, 17, L, 0}});
    // A blank line may hold spaces and tabs.
    CHECK(paragraphs_of(std::string_view("One.\r\n \t \r\nTwo.")) == v{{0, 4, L, 0}, {11, 15, L, 0}});
  }
  SECTION("U+2029 always ends a paragraph; U+2028, VT, FF and NEL end lines") {
    // Offsets in UTF-8: U+2028 and U+2029 take three bytes, NEL two.
    CHECK(paragraphs_of(std::string_view("One.\u2029Two.")) == v{{0, 4, L, 0}, {7, 11, L, 0}});
    CHECK(paragraphs_of(std::string_view("One.\u2028Two.")) == v{{0, 11, L, 0}});
    CHECK(paragraphs_of(std::string_view("One.\vTwo.\fThree.\u0085Four.")) == v{{0, 23, L, 0}});
    CHECK(paragraphs_of(std::string_view("One.\f\fTwo.")) == v{{0, 4, L, 0}, {6, 10, L, 0}});
    CHECK(paragraphs_of(std::u16string_view(u"One.\u2029Two.\u2028Three.")) == v{{0, 4, L, 0}, {5, 16, L, 0}});
  }
  SECTION("tokens follow the paragraphs") {
    auto doc = nlp(std::string_view("Alpha beta.\n\n  Gamma\n"));
    REQUIRE(doc.paragraphs().size() == 2);
    CHECK(doc.paragraphs()[0].first_token() == 0);
    CHECK(doc.paragraphs()[0].end_token() == 3);  // Alpha beta .
    CHECK(doc.paragraphs()[1].first_token() == 3);
    CHECK(doc.paragraphs()[1].end_token() == 4);
    CHECK(doc.paragraphs()[1].text() == "Gamma");
  }
  SECTION("ill-formed input is read as U+FFFD, not as a line break") {
    CHECK(paragraphs_of(std::string_view("\xFF\n\nOk.")) == v{{0, 1, script::common, 0}, {3, 6, L, 0}});
  }
}

TEST_CASE("scripts", "[paragraphs]") {
  using v = std::vector<para>;
  // The script of most letters; ties go to the one seen first; no letters is common.
  CHECK(paragraphs_of(std::string_view("abc \u0430\u0431")) == v{{0, 8, script::latin, H}});
  CHECK(paragraphs_of(std::string_view("\u0430\u0431 ab")) == v{{0, 7, script::cyrillic, H}});
  // A line without letters is no headline.
  CHECK(paragraphs_of(std::string_view("12:30 - 2024")) == v{{0, 12, script::common, 0}});
  // Japanese mixes Han and kana: a Han headline is no other script than a kana-heavy story.
  const std::string story =
      "\u3053\u308C\u306F\u3068\u3066\u3082\u9577\u3044\u6587\u7AE0\u3067\u3059\u3002"
      "\u308F\u305F\u3057\u305F\u3061\u306F\u304D\u306E\u3046\u3042\u305F\u3089\u3057\u3044\u3068\u3057"
      "\u3087\u304B\u3093\u306B\u3044\u304D\u307E\u3057\u305F\u3002\u305D\u3053\u306B\u306F\u307B\u3093"
      "\u304C\u305F\u304F\u3055\u3093\u3042\u308A\u307E\u3057\u305F\u3002";
  auto doc = nlp("\u6771\u4EAC\u90FD\u77E5\u4E8B\u9078\u6319\n\n" + story);
  REQUIRE(doc.paragraphs().size() == 2);
  CHECK(doc.paragraphs()[0].script() == script::han);
  CHECK(doc.paragraphs()[1].script() == script::hiragana);
  CHECK(!doc.paragraphs()[0].is_boilerplate());
  CHECK(doc.paragraphs()[0].is_heading());
}

TEST_CASE("page chrome in the body's script", "[paragraphs]") {
  // (b) phrases
  CHECK(flags_of("Leave a Reply") == "boilerplate");
  CHECK(flags_of("LEAVE A COMMENT") == "boilerplate");
  CHECK(flags_of("Leave a Reply Cancel reply") == "boilerplate");
  CHECK(flags_of("Your email address will not be published. Required fields are marked *") == "boilerplate");
  CHECK(flags_of("Share this:") == "boilerplate");
  CHECK(flags_of("Share on Facebook") == "boilerplate");
  CHECK(flags_of("Read more: Harbour town opens its first public library") == "boilerplate");
  CHECK(flags_of("\u2022 Read more") == "boilerplate");
  CHECK(flags_of("Show more") == "boilerplate");
  CHECK(flags_of("Related articles") == "boilerplate");
  CHECK(flags_of("Sign up for our newsletter") == "boilerplate");
  CHECK(flags_of("We use cookies to improve your experience.") == "boilerplate");
  CHECK(flags_of("Advertisement") == "boilerplate");
  CHECK(flags_of("\u00A9 2024 Kelmouth Gazette. All rights reserved.") == "boilerplate");
  CHECK(flags_of("Copyright 2024 Kelmouth Gazette") == "boilerplate");
  CHECK(flags_of("Comments (12)") == "boilerplate");
  CHECK(flags_of("Close") == "boilerplate");
  CHECK(flags_of("Back to top") == "boilerplate");
  CHECK(flags_of("Skip to content") == "boilerplate");
  CHECK(flags_of("Tags: library, Kelmouth, culture") == "boilerplate");
  CHECK(flags_of("Previous article") == "boilerplate");
  // (c) navigation
  CHECK(flags_of("Home | World | Business | Sport") == "boilerplate");
  CHECK(flags_of("Home \u203A World \u203A Europe") == "boilerplate");
  CHECK(flags_of("Home\nWorld\nBusiness\nSport") == "boilerplate");
  CHECK(flags_of("Share this:\nFacebook\nTwitter\nEmail") == "boilerplate");

  // Not chrome: story lines that start with chrome words, headlines, short sentences.
  CHECK(flags_of("Close race expected in Kelmouth mayoral vote") == "heading");
  CHECK(flags_of("Share prices fell sharply on Monday.") == "-");
  CHECK(flags_of("Comments by the minister drew criticism.") == "-");
  CHECK(flags_of("Printing presses fell silent.") == "-");
  CHECK(flags_of("Posted in March, the video went viral.") == "-");
  CHECK(flags_of("\u201CRead more,\u201D she told them.") == "-");
  CHECK(flags_of("Kelmouth \u00BBold town\u00AB reopens") == "heading");
  CHECK(flags_of("The library will open six days a week.") == "-");
  CHECK(flags_of("Who pays for the new library?") == "-");
  CHECK(flags_of("Mayor: \u201CWe are ready\u201D") == "heading");
  CHECK(flags_of("Mayor says: \u201CWe are ready.\u201D") == "-");
  // A wrapped story paragraph: short lines, but prose.
  CHECK(flags_of("Read more about the plan, the mayor said,\nbecause the council has published\nevery "
                 "page of it online.\nResidents can comment until Friday.") == "-");
}

TEST_CASE("a long paragraph in the body script with sentence punctuation is never boilerplate", "[paragraphs]") {
  CHECK(flags_of("Share this story with your friends, the mayor urged residents on Tuesday, because the library "
                 "needs more volunteers. Sign up at the front desk.") == "-");
  CHECK(flags_of("Advertisement revenue at the Kelmouth Gazette fell by a third last year, its editor said, and "
                 "the paper will cut its print edition to three days a week.") == "-");
  CHECK(flags_of("Home | Away | Draw: the three results bettors can choose from were all offered at long odds, "
                 "the bookmaker said on Monday, after the storm.") == "-");
}

TEST_CASE("users add their own chrome phrases", "[paragraphs]") {
  byline::paragraph_segmenter seg;
  seg.boilerplate_phrases.push_back("  Kelmouth   Gazette  ");
  const byline::pipeline mine{byline::tokenizer{}, seg};
  const std::string text = "KELMOUTH GAZETTE\n\nThe library opened on Saturday.";
  auto a = nlp(text);
  auto b = mine(text);
  CHECK(a.paragraphs()[0].is_heading());
  CHECK(b.paragraphs()[0].is_boilerplate());
  CHECK(!b.paragraphs()[1].is_boilerplate());
}

TEST_CASE("chrome phrases match whatever quotation marks and apostrophes the page uses", "[paragraphs][marks]") {
  // The marks are unicode/marks.hpp's table, as token norms fold them.
  byline::paragraph_segmenter seg;
  seg.boilerplate_phrases = {"Editor's picks", "Our \"Daily\" digest"};
  const byline::pipeline mine{byline::tokenizer{}, seg};
  for (const auto& m : byline::unicode::marks) {
    std::string mark;
    byline::unicode::encode_utf8<char>(m.code_point, std::back_inserter(mark));
    INFO("U+" << std::hex << static_cast<std::uint32_t>(m.code_point) << " " << mark);
    const std::string line = m.straight == U'\'' ? "EDITOR" + mark + "S PICKS" : "Our " + mark + "daily" + mark + " digest";
    auto doc = mine(line + "\n\nThe library opened on Saturday, and hundreds of residents queued in the rain.");
    REQUIRE(doc.paragraphs().size() == 2);
    CHECK(doc.paragraphs()[0].is_boilerplate());
    CHECK(!doc.paragraphs()[1].is_boilerplate());
  }
}

TEST_CASE("a workspace is reused across documents", "[paragraphs]") {
  byline::workspace ws;
  const auto pg = arabic_page();
  const auto first = paragraphs_of(pg.text);
  for (int i = 0; i < 3; ++i) {
    auto d1 = nlp(std::string_view("Short.\n\nAnother one."), ws);
    CHECK(d1.paragraphs().size() == 2);
    auto d2 = nlp(std::string_view(pg.text), ws);
    std::vector<para> got;
    for (const auto& r : d2.template get<byline::paragraph_layer>().items) got.push_back({r.begin, r.end, r.script, r.flags});
    CHECK(got == first);
  }
}

TEST_CASE("the seed article: Arabic page chrome around an English story", "[paragraphs][corpus]") {
  const std::string dir = BYLINE_SOURCE_DIR "/../shared/corpus/";
  std::ifstream in(dir + "seed-article.txt", std::ios::binary);
  if (!in) {
    FAIL(dir << "seed-article.txt not found (the tests read the shared corpus beside the repository)");
  }
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  auto doc = nlp(text);
  const auto conv = doc.converter();

  std::size_t latin = 0, arabic = 0;
  for (auto p : doc.paragraphs()) {
    INFO("paragraph " << p.index() << " [" << p.offsets().begin << ", " << p.offsets().end << ") "
                      << byline::unicode::name(p.script()) << ": " << p.text());
    CHECK((p.script() == script::latin || p.script() == script::arabic));
    if (p.script() == script::latin) {
      ++latin;
      CHECK(!p.is_boilerplate());
    } else {
      ++arabic;
      CHECK(p.is_boilerplate());
    }
  }
  CHECK(latin >= 10);
  CHECK(arabic >= 5);
  REQUIRE(doc.paragraphs().size() >= 3);
  CHECK(doc.paragraphs()[0].script() == script::arabic);
  CHECK(doc.paragraphs()[0].is_boilerplate());
  CHECK(doc.paragraphs()[1].script() == script::latin);
  CHECK(doc.paragraphs()[1].is_heading());
  CHECK(doc.paragraphs()[doc.paragraphs().size() - 1].script() == script::arabic);
  CHECK(doc.paragraphs()[doc.paragraphs().size() - 1].is_boilerplate());
  for (std::size_t i = 2; i < doc.paragraphs().size(); ++i)
    if (doc.paragraphs()[static_cast<std::ptrdiff_t>(i)].script() == script::latin)
      CHECK(!doc.paragraphs()[static_cast<std::ptrdiff_t>(i)].is_heading());

  // Paragraphs start and end where gold sentences do (the gold offsets are in code points).
  std::ifstream gold(dir + "seed-article.sentences.tsv");
  REQUIRE(gold);
  std::set<std::uint64_t> starts, ends;
  for (std::string line; std::getline(gold, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::uint64_t b = 0, e = 0;
    if (fields >> b >> e) {
      starts.insert(b);
      ends.insert(e);
    }
  }
  for (auto p : doc.paragraphs()) {
    INFO("paragraph " << p.index() << ": " << p.text());
    CHECK(starts.count(conv.to_code_points(p.offsets().begin)) == 1);
    CHECK(ends.count(conv.to_code_points(p.offsets().end)) == 1);
  }
}

TEST_CASE("a line in another script starts a paragraph of its own", "[paragraphs]") {
  // A menu line in the site's language right above the headline, with no blank line between them.
  const std::string text =
      "الرئيسية | سياسة | رياضة\n"
      "Ports reopen after a week of strikes\n"
      "Dockworkers in Valletta returned to work on Monday after unions and port operators agreed on a new "
      "shift pattern, ending a week of strikes that had stranded dozens of container ships offshore.\n";
  auto doc = nlp(std::string_view(text));
  REQUIRE(doc.paragraphs().size() == 2);
  auto menu = doc.paragraphs()[0];
  auto story = doc.paragraphs()[1];
  CHECK(menu.script() == byline::unicode::script::arabic);
  CHECK(menu.is_boilerplate());
  CHECK(story.script() == byline::unicode::script::latin);
  CHECK(!story.is_boilerplate());
  CHECK(story.text().substr(0, 12) == "Ports reopen");
  // Lines in one script stay together, and a line of digits and punctuation has no script to differ.
  auto one = nlp(std::string_view("First line of a story\nsecond line, 2024 —\n12:30 | 14:00\nthird line."));
  CHECK(one.paragraphs().size() == 1);
}

namespace {

// Tokens are sorted and disjoint; paragraphs are in order, disjoint, cover their tokens, and take
// every token exactly once.
template <class Doc>
void check_nesting(const Doc& doc) {
  const auto& t = doc.template get<byline::token_layer>();
  const auto& ps = doc.template get<byline::paragraph_layer>().items;
  for (std::size_t i = 0; i < t.size(); ++i) {
    CHECK(t.begin[i] < t.end[i]);
    if (i > 0) CHECK(t.end[i - 1] <= t.begin[i]);
  }
  std::uint32_t next = 0;
  for (std::size_t k = 0; k < ps.size(); ++k) {
    const auto& p = ps[k];
    INFO("paragraph " << k << " [" << p.begin << ", " << p.end << ") tokens [" << p.first_token << ", "
                      << p.end_token << ")");
    CHECK(p.first_token == next);
    CHECK(p.begin < p.end);
    if (k > 0) CHECK(ps[k - 1].end <= p.begin);
    for (auto i = p.first_token; i < p.end_token; ++i) {
      CHECK(p.begin <= t.begin[i]);
      CHECK(t.end[i] <= p.end);
    }
    next = p.end_token;
  }
  CHECK(next == t.size());
}

}  // namespace

TEST_CASE("a line of invisible characters is blank, and holds no token", "[paragraphs][nesting]") {
  for (const std::string invisible : {"\u200B", "\u200E", "\uFEFF", "\u200F\u2060", " \u200B ", "\u200B\u0301"}) {
    INFO("invisible line: " << invisible);
    const std::string text = "the deal was fragile and\n" + invisible + "\ncould collapse within weeks.";
    auto doc = nlp(text);
    check_nesting(doc);
    REQUIRE(doc.paragraphs().size() == 2);
    CHECK(doc.paragraphs()[0].text() == "the deal was fragile and");
    CHECK(doc.paragraphs()[1].text() == "could collapse within weeks.");
    CHECK(doc.tokens().size() == 10);
  }
  // Between words they are white space too.
  auto doc = nlp(std::string_view("Kyiv\u200Bagreed \uFEFFtoday."));
  check_nesting(doc);
  std::vector<std::string> words;
  for (auto t : doc.tokens()) words.emplace_back(t.text());
  CHECK(words == std::vector<std::string>{"Kyiv", "agreed", "today", "."});
}

TEST_CASE("paragraphs nest tokens whatever the tokenizer makes", "[paragraphs][nesting]") {
  SECTION("a token on a line that would be blank starts no paragraph of its own, and lies in one") {
    const byline::pipeline segments{segment_tokenizer{}, byline::paragraph_segmenter{}};
    auto doc = segments(std::string_view("the deal was fragile and\n\u200B\ncould collapse.\n\n\u200E\n\nEnd."));
    check_nesting(doc);
    CHECK(doc.paragraphs().size() == 3);
  }
  SECTION("a line break inside a token ends no line") {
    const byline::pipeline special{byline::tokenizer{}.add_special_case("x\n\ny", {"x\n\ny"}),
                                   byline::paragraph_segmenter{}};
    const std::string text = "Before.\n\nx\n\ny after.\n\nEnd.\u2029x\n\ny";
    for (const auto& doc : {special(std::string_view(text))}) {
      check_nesting(doc);
      REQUIRE(doc.paragraphs().size() == 4);
      CHECK(doc.paragraphs()[1].text() == "x\n\ny after.");
      CHECK(doc.paragraphs()[3].text() == "x\n\ny");
    }
    const auto u16 = to<char16_t>(text);
    auto doc16 = special(std::u16string_view(u16));
    check_nesting(doc16);
    CHECK(doc16.paragraphs().size() == 4);
  }
  SECTION("a URL stops at a line break") {
    auto doc = nlp(std::string_view("See https://example.org/a\u0085\u0085b now."));
    check_nesting(doc);
    CHECK(doc.paragraphs().size() == 2);
    CHECK(doc.tokens()[1].text() == "https://example.org/a");
  }
}

// ----------------------------------------------------------------------------------------------
// The ASCII fast path (masks over runs of up to 64 code units) must count exactly what the code point
// path counts: every line's features, and so every paragraph.

namespace {

namespace dp = byline::detail::paragraphs;

// Random text from pieces of our own that provoke the rules: words, terminators and closers at run
// edges, separators, bullets, line breaks of every kind, marks after spaces, other scripts.
std::string fast_path_text(std::mt19937& rng) {
  static const std::vector<std::string> pieces = {
      "word", "Word", "WORD", "a", "I", "42", "3.5", "x1", "_", " ", " ", " ", "  ", "\t", "\n", "\n", "\r\n", "\r",
      "\n\n", "\v", "\f", "\u0085", "\u2028", "\u2029", ".", ".", "!", "?", ",", ";", ":", "-", "\"", "'", "(", ")",
      "[", "]", "{", "}", "|", "||", "...", "&", "$", "%", "*", ">", "\x01", "\x7f", "\u201C", "\u201D", "\u2019",
      "\u2018", "\u2014", "\u2013", "\u00A0", "\u00A0\u00A0", "\xc2", "\u200B", "\u0301", "\u200D", "\u00AD",
      "\u2022", "\u00B7", "\u00BB", "\u00A6", "\u3002",
      "\u0645\u0631\u062D\u0628\u0627", "\u041C\u0438\u0440", "\u65E5\u672C", "caf\u00E9", "\xff", "\xe2\x80",
      "Read more", "Share", "Comments (12)", "Tags:", "Home | World | Sport", "\u2022 Sign up for our newsletter",
      "The council voted on Monday.", "\u201CWe will not back away,\u201D she said.", "Close to 300 people came."};
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(0, 400);
  std::string s;
  const int n = length(rng);
  for (int i = 0; i < n; ++i) {
    s += pieces[pick(rng)];
    if (rng() % 3 != 0) s += ' ';
  }
  return s;
}

template <class Doc>
std::vector<dp::line_info> lines_by(bool fast, const byline::paragraph_segmenter& p, Doc& doc, byline::workspace& ws,
                                    std::vector<byline::paragraph_record>& paragraphs) {
  doc.template remove<byline::paragraph_layer>();
  if (fast)
    byline::detail::paragraph_paths::fast(p, doc, ws);
  else
    byline::detail::paragraph_paths::code_point_at_a_time(p, doc, ws);
  paragraphs = doc.template get<byline::paragraph_layer>().items;
  return ws.get<dp::scratch>(p).lines;
}

template <class Doc>
void require_same_paths(Doc& doc, const std::string& what) {
  const byline::paragraph_segmenter p;
  byline::workspace ws;
  std::vector<byline::paragraph_record> fast_paragraphs, slow_paragraphs;
  const auto fast = lines_by(true, p, doc, ws, fast_paragraphs);
  const auto slow = lines_by(false, p, doc, ws, slow_paragraphs);
  INFO(what);
  REQUIRE(fast.size() == slow.size());
  for (std::size_t i = 0; i < fast.size(); ++i) {
    INFO("line " << i);
    const auto &a = fast[i], &b = slow[i];
    CHECK(a.begin == b.begin);
    CHECK(a.end == b.end);
    CHECK(a.text_begin == b.text_begin);
    CHECK(a.text_end == b.text_end);
    CHECK(a.words == b.words);
    CHECK(a.letters == b.letters);
    CHECK(a.sentence_ends == b.sentence_ends);
    CHECK(a.nav_separators == b.nav_separators);
    CHECK(a.nav_items == b.nav_items);
    CHECK(a.nav_max_item_words == b.nav_max_item_words);
    CHECK(a.ends_sentence == b.ends_sentence);
  }
  REQUIRE(fast_paragraphs.size() == slow_paragraphs.size());
  for (std::size_t i = 0; i < fast_paragraphs.size(); ++i) {
    const auto &a = fast_paragraphs[i], &b = slow_paragraphs[i];
    CHECK(a.begin == b.begin);
    CHECK(a.end == b.end);
    CHECK(a.first_token == b.first_token);
    CHECK(a.end_token == b.end_token);
    CHECK(a.script == b.script);
    CHECK(a.flags == b.flags);
  }
}

}  // namespace

TEST_CASE("the ASCII fast path classifies every byte as the rules do", "[paragraphs][fast]") {
  // Every byte value at every place of a 64-byte run, over UTF-8 (16 bytes a step where SIMD is
  // there) and over UTF-32 (a code unit at a time): the same masks and the same length.
  for (unsigned b = 0; b < 256; ++b) {
    for (unsigned j = 0; j < 70; ++j) {
      std::string bytes(80, 'a');
      for (std::size_t k = 0; k < bytes.size(); k += 7) bytes[k] = static_cast<char>(" .)9Z!\"?"[k % 8]);
      bytes[j] = static_cast<char>(b);
      const std::u32string units(bytes.begin(), bytes.end());
      for (std::size_t at : {std::size_t{0}, std::size_t{3}}) {
        for (std::size_t n : {bytes.size(), std::size_t{40}, std::size_t{at + 17}}) {
          const auto r8 = dp::ascii_run_at(bytes.data(), at, n);
          std::u32string widened(units);
          for (auto& u : widened) u = static_cast<unsigned char>(u);
          const auto r32 = dp::ascii_run_at(widened.data(), at, n);
          INFO("byte " << b << " at " << j << ", from " << at << " to " << n);
          REQUIRE(r8.length == r32.length);
          REQUIRE(r8.space == r32.space);
          REQUIRE(r8.alnum == r32.alnum);
          REQUIRE(r8.letters == r32.letters);
          REQUIRE(r8.term == r32.term);
        }
      }
    }
  }
}

TEST_CASE("the ASCII fast path counts what the code point path counts", "[paragraphs][fast][random]") {
  std::mt19937 rng(20261203);
  const byline::pipeline tokens{byline::tokenizer{}};
  const byline::pipeline segments{segment_tokenizer{}};
  for (int i = 0; i < 1500; ++i) {
    const auto text = fast_path_text(rng);
    auto doc = tokens(text);
    require_same_paths(doc, "text " + std::to_string(i));
    auto other = segments(text);
    require_same_paths(other, "text " + std::to_string(i) + ", word segments as tokens");
    if (i % 5 == 0) {
      auto doc16 = tokens(byline::unicode::to_utf16(text));
      require_same_paths(doc16, "text " + std::to_string(i) + " as UTF-16");
    }
  }
}
