// The value-entity rules (entity/value_rules.hpp): each label with cases that must and must not be
// found, the conventions the header documents, and robustness (empty input, huge and adversarial
// sentences, every encoding, threads). All sentences are our own.
#include <byline/byline.hpp>
#include <byline/entity/value_rules.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <random>
#include <string>
#include <thread>
#include <vector>

using byline::entity_label;

namespace {

const byline::news_pipeline nlp;

// The mentions of a text as "text|LABEL", sentence by sentence.
template <class Doc>
std::vector<std::string> mentions_of(const Doc& doc) {
  std::vector<std::string> out;
  for (const auto& m : byline::value_mentions(doc.base())) {
    const auto s = typename Doc::span(doc.node(), m.first.value, m.end.value);
    out.push_back(byline::unicode::to_utf8(s.text()) + "|" + std::string(byline::name(m.label)));
  }
  return out;
}

std::vector<std::string> values(const std::string& text) {
  const auto doc = nlp(text);
  return mentions_of(doc);
}

using strings = std::vector<std::string>;

// Mentions in order, disjoint, inside [first, end).
void check_well_formed(const std::vector<byline::value_mention>& ms, std::uint32_t first, std::uint32_t end) {
  std::uint32_t at = first;
  std::size_t bad = 0;  // counted, not checked one by one: a million mentions make a million assertions
  for (const auto& m : ms) {
    bad += m.first.value < at || m.first.value >= m.end.value || m.end.value > end;
    at = m.end.value;
  }
  CHECK(bad == 0);
}

}  // namespace

TEST_CASE("value rules: DATE", "[value_rules]") {
  CHECK(values("The talks resumed on Monday.") == strings{"Monday|DATE"});
  CHECK(values("It was signed Jan. 5 and ratified in March 2024.") == strings{"Jan. 5|DATE", "March 2024|DATE"});
  CHECK(values("The vote was held on 5 March 2024.") == strings{"5 March 2024|DATE"});
  CHECK(values("The law took effect on 2024-05-19.") == strings{"2024-05-19|DATE"});
  // "weeks" alone is no date
  CHECK(values("The Berlin Wall fell on November 9, 1989, after weeks of protest.") == strings{"November 9, 1989|DATE"});
  CHECK(values("Prices rose in 2024 and fell in 1991.") == strings{"2024|DATE", "1991|DATE"});
  CHECK(values("Grunge ruled the 1990s and faded by the ’90s end.") == strings{"the 1990s|DATE", "the ’90s|DATE"});
  CHECK(values("Shares fell yesterday and last week.") == strings{"yesterday|DATE", "last week|DATE"});
  CHECK(values("Growth slowed this year and may recover next month.") == strings{"this year|DATE", "next month|DATE"});
  CHECK(values("She left two years ago, after the past decade of work.") ==
        strings{"two years ago|DATE", "the past decade|DATE"});
  CHECK(values("Repairs take 30 days; one day they will finish.") == strings{"30 days|DATE", "one day|DATE"});
  CHECK(values("Engineers promised a fix within a day.") == strings{"a day|DATE"});  // "within" is a preposition
  CHECK(values("Both sides agreed to a 30-day truce.") == strings{"30-day|DATE"});
  CHECK(values("Earlier this year, late last year and in the next five years.") ==
        strings{"Earlier this year|DATE", "late last year|DATE", "the next five years|DATE"});
  CHECK(values("In recent years, over the coming weeks, for a few days.") ==
        strings{"recent years|DATE", "the coming weeks|DATE", "a few days|DATE"});
  CHECK(values("By the end of the year and the end of March it was over.") ==
        strings{"the end of the year|DATE", "the end of March|DATE"});
  CHECK(values("Output peaked in mid-2024, in early May and in the mid-1990s.") ==
        strings{"mid-2024|DATE", "early May|DATE", "the mid-1990s|DATE"});
  CHECK(values("Between 2020 and 2024 the seasons 2023-24 and 2020-2024 ran.") ==
        strings{"Between 2020 and 2024|DATE", "2023-24|DATE", "2020-2024|DATE"});
  CHECK(values("The 20th century ended; the first quarter of 2024 began.") ==
        strings{"The 20th century|DATE", "the first quarter of 2024|DATE"});
  CHECK(values("On Monday, March 4, 2024, the council met.") == strings{"Monday, March 4, 2024|DATE"});
  CHECK(values("A 5-year-old boy and his 30 years old uncle.") == strings{"5-year-old|DATE", "30 years old|DATE"});
  CHECK(values("Fires burned last summer and in the summer of 2021.") ==
        strings{"last summer|DATE", "the summer of 2021|DATE"});
  CHECK(values("Monday's meeting was moved to today.") == strings{"Monday|DATE", "today|DATE"});  // no 's
  CHECK(values("Years ago and decades later, nothing changed.") == strings{"Years ago|DATE", "decades later|DATE"});
  CHECK(values("Polls ran September 16-19 and Sept. 19 to 22, 2016.") ==
        strings{"September 16-19|DATE", "Sept. 19 to 22, 2016|DATE"});
  CHECK(values("Rents soared in the 1980’s and the early 80's; the 1980's boom faded.") ==
        strings{"the 1980’s|DATE", "the early 80's|DATE", "the 1980's|DATE"});
  CHECK(values("The city's 1980's plan and 2016’s vote.") == strings{"1980|DATE", "2016|DATE"});  // possessives
  CHECK(values("An 18th-century church was built in 1789.") == strings{"18th-century|DATE", "1789|DATE"});
  CHECK(values("They voted in 2016 or 2020.") == strings{"2016|DATE", "2020|DATE"});
  CHECK(values("She told the Senate Tuesday that shops open on Good Friday.") == strings{"Tuesday|DATE"});
  CHECK(values("Back in the sixties and the late seventies; now she is in her forties.") ==
        strings{"the sixties|DATE", "the late seventies|DATE"});
  CHECK(values("A survey of 1709 pupils; the charter of 1215; the town burned in 1666.") ==
        strings{"1709|CARDINAL", "1215|CARDINAL", "1666|DATE"});  // before 1800 only after a date word

  SECTION("not dates") {
    CHECK(values("Theresa May said the plan may work.").empty());
    CHECK(values("May said nothing.").empty());  // May alone before a verb: a name
    CHECK(values("June Carter sang and April Ryan asked.").empty());
    CHECK(values("Supporters waved Trump 2024 flags.").empty());  // a number in a name
    CHECK(values("They flew a Boeing 747 through the COVID-19 crisis.").empty());
    CHECK(values("The day was long and the years were hard.").empty());
    CHECK(values("Leaves fall and a hot spring bubbles.").empty());
    CHECK(values("Organisers of the March planned more.").empty());
    CHECK(values("Rugby fans watch Saturday Night Live.").empty());
    CHECK(values("The Sun. The Sat. exam.").empty());  // weekday abbreviations only in dates
    CHECK(values("Hundreds marched in Jan square.") == strings{"Hundreds|CARDINAL"});  // "Jan" needs a number
  }
  SECTION("May and March need a date word or a number") {
    CHECK(values("The vote is in May.") == strings{"May|DATE"});
    CHECK(values("It was delayed until March.") == strings{"March|DATE"});
    CHECK(values("The March 4 rally drew crowds.") == strings{"March 4|DATE"});
  }
}

TEST_CASE("value rules: TIME", "[value_rules]") {
  CHECK(values("The call lasted approximately two hours.") == strings{"approximately two hours|TIME"});
  CHECK(values("It ended at 10:30 a.m. and resumed at 2 p.m. tonight.") ==
        strings{"10:30 a.m.|TIME", "2 p.m.|TIME", "tonight|TIME"});
  CHECK(values("She spoke this morning and again last night.") == strings{"this morning|TIME", "last night|TIME"});
  CHECK(values("Talks ran Monday night and yesterday afternoon.") ==
        strings{"Monday night|TIME", "yesterday afternoon|TIME"});
  CHECK(values("Doors open at 5pm, 10.30am or 7:30 p.m. ET.") == strings{"5pm|TIME", "10.30am|TIME", "7:30 p.m. ET|TIME"});
  CHECK(values("A 24-hour strike, an hour and a half, half an hour.") ==
        strings{"24-hour|TIME", "an hour and a half|TIME", "half an hour|TIME"});
  CHECK(values("The bridge closed around midnight for 45 minutes.") ==
        strings{"around midnight|TIME", "45 minutes|TIME"});
  CHECK(values("Wait a second.") == strings{"a second|TIME"});
  CHECK(values("It airs from 6:00 a.m. to 9:00 a.m. and again 5-7pm.") ==
        strings{"6:00 a.m. to 9:00 a.m.|TIME", "5-7pm|TIME"});
  CHECK(values("A 30-second advert ran.") == strings{"30-second|TIME"});
  SECTION("not times") {
    CHECK(values("He won a second term.") == strings{"second|ORDINAL"});
    CHECK(values("The morning was cold and I am tired.").empty());
    CHECK(values("She hosts This Morning on weekdays.").empty());
    CHECK(values("He told USA TODAY about it.").empty());
  }
}

TEST_CASE("value rules: CARDINAL and ORDINAL", "[value_rules]") {
  CHECK(values("There were two, then 1,000, then millions.") ==
        strings{"two|CARDINAL", "1,000|CARDINAL", "millions|CARDINAL"});
  CHECK(values("Dozens of people and a dozen police came.") == strings{"Dozens|CARDINAL", "a dozen|CARDINAL"});
  CHECK(values("Twenty-five people, ninety-nine balloons and one hundred and five chairs.") ==
        strings{"Twenty-five|CARDINAL", "ninety-nine|CARDINAL", "one hundred and five|CARDINAL"});
  CHECK(values("About 20 people, at least 12 cars, up to 50 troops and as many as 300 soldiers.") ==
        strings{"About 20|CARDINAL", "at least 12|CARDINAL", "up to 50|CARDINAL", "as many as 300|CARDINAL"});
  CHECK(values("More than 3,000 came; some 90 left; over 100 stayed.") ==
        strings{"More than 3,000|CARDINAL", "some 90|CARDINAL", "over 100|CARDINAL"});
  CHECK(values("Hundreds of thousands marched and a million watched.") ==
        strings{"Hundreds of thousands|CARDINAL", "a million|CARDINAL"});
  CHECK(values("Two-thirds agreed, a third of voters did not, and half of them abstained.") ==
        strings{"Two-thirds|CARDINAL", "a third|CARDINAL", "half|CARDINAL"});
  CHECK(values("The score was 3-2 and the shop is open 24/7.") == strings{"3-2|CARDINAL", "24/7|CARDINAL"});
  CHECK(values("Two or three aides, 10 or so guards.") == strings{"Two or three|CARDINAL", "10 or so|CARDINAL"});
  CHECK(values("She finished 11th; it was the eleventh grandchild and the 1st place.") ==
        strings{"11th|ORDINAL", "eleventh|ORDINAL", "1st|ORDINAL"});
  CHECK(values("The twenty-first of May and the twenty-first century.") ==
        strings{"The twenty-first of May|DATE", "the twenty-first century|DATE"});
  SECTION("one") {
    CHECK(values("One of them left.") == strings{"One|CARDINAL"});  // as spaCy marks it
    CHECK(values("No one came, this one stayed, the only one left, and they hate one another.").empty());
    CHECK(values("It was one's duty.").empty());
  }
  SECTION("names and numbers") {
    CHECK(values("They cited Article 5 and No. 10.").empty());
    CHECK(values("Article 5 was cited.") == strings{"5|CARDINAL"});  // a sentence's first word tells nothing
    CHECK(values("The First Lady spoke first.") == strings{"first|ORDINAL"});
    CHECK(values("Only a million alone: million.") == strings{"a million|CARDINAL"});
  }
}

TEST_CASE("value rules: PERCENT, MONEY and QUANTITY", "[value_rules]") {
  CHECK(values("Inflation was 3.5% and unemployment 3.5 percent, up half a percent.") ==
        strings{"3.5%|PERCENT", "3.5 percent|PERCENT", "half a percent|PERCENT"});
  CHECK(values("Rates rose 5 per cent, or 3 percentage points, from 5 to 10 percent.") ==
        strings{"5 per cent|PERCENT", "3 percentage points|PERCENT", "5 to 10 percent|PERCENT"});
  CHECK(values("Nearly 30% voted and 3.5pc abstained.") == strings{"Nearly 30%|PERCENT", "3.5pc|PERCENT"});
  CHECK(values("The firm raised $1.2bn, then $1.2 billion, €300 million and £5.") ==
        strings{"$1.2bn|MONEY", "$1.2 billion|MONEY", "€300 million|MONEY", "£5|MONEY"});
  CHECK(values("It cost 5 dollars, 300 million euros and 50 cents.") ==
        strings{"5 dollars|MONEY", "300 million euros|MONEY", "50 cents|MONEY"});
  CHECK(values("US$5, USD 5 million and 5 million U.S. dollars.") ==
        strings{"US$5|MONEY", "USD 5 million|MONEY", "5 million U.S. dollars|MONEY"});
  CHECK(values("More than $5 million to $10 million was spent, millions of dollars in all.") ==
        strings{"More than $5 million to $10 million|MONEY", "millions of dollars|MONEY"});
  CHECK(values("They walked 5 km, then 10 kilometres, carried 20 tons for 3 miles.") ==
        strings{"5 km|QUANTITY", "10 kilometres|QUANTITY", "20 tons|QUANTITY", "3 miles|QUANTITY"});
  CHECK(values("A 10-km race at 30°C and 100 km/h, 1 million barrels a day.") ==
        strings{"10-km|QUANTITY", "30°C|QUANTITY", "100 km/h|QUANTITY", "1 million barrels a day|QUANTITY"});
  CHECK(values("He weighs 200 pounds; the fine was 5 million pounds.") ==
        strings{"200 pounds|QUANTITY", "5 million pounds|MONEY"});
  CHECK(values("Donors giving $200 or less make up 5 or 6 percent.") ==
        strings{"$200 or less|MONEY", "5 or 6 percent|PERCENT"});
  SECTION("not amounts") {
    CHECK(values("The dollar fell and percent signs vanished.").empty());
    CHECK(values("He stole a handful of $20s.").empty());  // banknotes, not the decade
    CHECK(values("A $ sign alone.").empty());
  }
}

TEST_CASE("value rules: all-caps text", "[value_rules]") {
  CHECK(values("TWO YEARS AGO, ON MAY 5, 2024, THE VOTE FAILED.") ==
        strings{"TWO YEARS AGO|DATE", "MAY 5, 2024|DATE"});
  CHECK(values("TRUMP MAY VISIT THE 1990S MUSEUM IN MARCH.") == strings{"THE 1990S|DATE", "MARCH|DATE"});
  CHECK(values("markets may march on in january").empty());  // lower-case months are not read
}

TEST_CASE("value rules: API", "[value_rules]") {
  const auto doc = nlp(std::string("Sales rose 5% on Monday. They fell 2% on Tuesday."));
  const auto& base = doc.base();
  const auto n = static_cast<std::uint32_t>(base.token_count());
  SECTION("callback and vector agree") {
    std::vector<byline::value_mention> a, b;
    byline::find_value_mentions(base, 0, n, a);
    byline::find_value_mentions(base, 0, n, [&](byline::token_id f, byline::token_id e, entity_label l) {
      b.push_back({f, e, l});
    });
    CHECK(a == b);
    REQUIRE(a.size() == 4);
    CHECK(a[0].label == entity_label::percent);
    CHECK(a[1].label == entity_label::date);
    check_well_formed(a, 0, n);
  }
  SECTION("a range is respected") {
    const auto s = doc.sentences()[1];
    std::vector<byline::value_mention> m;
    byline::find_value_mentions(base, s.first_token(), s.end_token(), m);
    REQUIRE(m.size() == 2);
    check_well_formed(m, s.first_token(), s.end_token());
    // A range cut in the middle of "5%" reports nothing across the cut.
    std::vector<byline::value_mention> cut;
    byline::find_value_mentions(base, 0, 3, cut);  // Sales rose 5
    check_well_formed(cut, 0, 3);
  }
  SECTION("out-of-range bounds are clipped") {
    std::vector<byline::value_mention> m;
    byline::find_value_mentions(base, n, n + 100, m);
    byline::find_value_mentions(base, 5, 2, m);
    CHECK(m.empty());
    byline::find_value_mentions(base, 0, 0xFFFFFFFFu, m);
    CHECK(m.size() == 4);
  }
}

TEST_CASE("value rules: every encoding gives the same mentions", "[value_rules]") {
  const std::string text = "On Monday, March 4, 2024, the €300 million deal – 3.5% of ’90s output – closed at 10:30 a.m.";
  const auto u8 = nlp(text);
  const auto u16s = byline::unicode::to_utf16(text);
  const auto u16 = nlp(u16s);
  const auto u32 = nlp(byline::unicode::to_utf32(text));
  const auto want = mentions_of(u8);
  CHECK(want == strings{"Monday, March 4, 2024|DATE", "€300 million|MONEY", "3.5%|PERCENT", "’90s|DATE", "10:30 a.m.|TIME"});
  CHECK(mentions_of(u16) == want);
  CHECK(mentions_of(u32) == want);
}

TEST_CASE("value rules: robustness", "[value_rules][robustness]") {
  SECTION("empty documents") {
    CHECK(values("").empty());
    const byline::document none;
    CHECK(byline::value_mentions(none.base()).empty());
    std::vector<byline::value_mention> m;
    byline::find_value_mentions(none.base(), 0, 10, m);
    CHECK(m.empty());
  }
  SECTION("a 1 MB line of digits is one number") {
    const std::string digits(1u << 20, '7');
    const auto got = byline::value_mentions(nlp(std::string(digits)).base());
    REQUIRE(got.size() == 1);
    CHECK(got[0].label == entity_label::cardinal);
  }
  const byline::pipeline tokens_only{byline::tokenizer{}};
  // Inputs where every token is an anchor, one sentence each: the cost must stay linear.
  auto run = [&](const std::string& text) {
    const auto doc = tokens_only(text);
    const auto n = static_cast<std::uint32_t>(doc.base().token_count());
    std::vector<byline::value_mention> m;
    const auto t0 = std::chrono::steady_clock::now();
    byline::find_value_mentions(doc.base(), 0, n, m);
    const auto s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    check_well_formed(m, 0, n);
    CHECK(s < 20.0);  // linear: well under a second even in a sanitizer build; quadratic would take hours
    return std::pair{n, m.size()};
  };
  SECTION("a sentence of a million numbers") {
    std::string s;
    s.reserve(5u << 20);
    for (int i = 0; i < 1000000; ++i) s += std::to_string(i % 2500) + ' ';
    const auto [n, found] = run(s);
    CHECK(n == 1000000);
    CHECK(found == n);  // each number a mention of its own: none joins the next
  }
  SECTION("long runs of words that chain") {
    for (const char* word : {"million ", "hundred ", "twenty ", "twenty-", "the past ", "May ", "half a ", "and ",
                             "between 5 and ", "$5 to ", "5 - ", "a few ", "of ", "1st ", "Monday, "}) {
      std::string s;
      for (int i = 0; i < 100000; ++i) s += word;
      run(s);
    }
  }
  SECTION("random soup of lexicon words and numbers") {
    const char* words[] = {"May", "March", "the", "past", "two", "years", "ago", "$", "5", "million", "%", "-", "to",
                           "between", "and", "a", "half", "of", "Monday", ",", "2024", "10:30", "a.m.", "one", "first",
                           "century", "km", "per", "hour", "Jan.", "mid", "early", "fiscal", "THE", "1990s", "’90s",
                           "hundreds", "dozen", "last", "night", "US", "€", "pounds", "end", "at", "least", "."};
    std::mt19937 rng(12345);
    for (int round = 0; round < 50; ++round) {
      std::string s;
      const int len = static_cast<int>(rng() % 400);
      for (int i = 0; i < len; ++i) {
        s += words[rng() % std::size(words)];
        s += (rng() % 4 == 0) ? "" : " ";
      }
      const auto doc = nlp(s);
      const auto all = byline::value_mentions(doc.base());
      for (const auto& sent : doc.sentences()) {
        std::vector<byline::value_mention> m;
        byline::find_value_mentions(doc.base(), sent.first_token(), sent.end_token(), m);
        check_well_formed(m, sent.first_token(), sent.end_token());
      }
      check_well_formed(all, 0, static_cast<std::uint32_t>(doc.base().token_count()));
    }
  }
}

TEST_CASE("value rules: one document read from many threads", "[value_rules][threads]") {
  std::string text;
  for (int i = 0; i < 200; ++i)
    text += "On Monday, shares fell 3.5% to $1.2bn, the lowest in two years, and 300 people left by 10:30 a.m. ";
  const auto doc = nlp(text);
  const auto want = byline::value_mentions(doc.base());
  REQUIRE(want.size() == 200 * 6);
  std::vector<std::vector<byline::value_mention>> got(4);
  std::vector<std::thread> threads;
  for (auto& g : got) threads.emplace_back([&] { g = byline::value_mentions(doc.base()); });
  for (auto& t : threads) t.join();
  for (const auto& g : got) CHECK(g == want);
}

TEST_CASE("value canonical names: ordinals as digits, durations written out", "[value_rules]") {
  const auto doc = nlp(std::string(
      "It was the eleventh round of talks and the first in Riyadh. Kyiv backed a 30-day truce and a "
      "24-hour pause, and the envoy spoke for approximately two hours. Talks resume within a day, "
      "on the 22nd."));
  std::vector<std::string> got;
  for (auto e : doc.entities())
    if (!byline::is_name(e.label())) got.push_back(std::string(e.text()) + "=" + std::string(e.entity().canonical()));
  CHECK(got == std::vector<std::string>{"eleventh=11th", "first=1st", "30-day=30 days", "24-hour=24 hours",
                                        "approximately two hours=two hours", "a day=one day", "22nd=22nd"});
  using sv = std::string_view;
  auto canon = [](std::initializer_list<sv> w, entity_label l) {
    return byline::value_canonical(std::span<const sv>(w.begin(), w.size()), l);
  };
  CHECK(canon({"twenty"}, entity_label::ordinal).empty());  // a number word is no ordinal
  CHECK(canon({"twelfth"}, entity_label::ordinal) == "12th");
  CHECK(canon({"third"}, entity_label::ordinal) == "3rd");
  CHECK(canon({"1-year"}, entity_label::date) == "1 year");
  CHECK(canon({"5-year-old"}, entity_label::date).empty());  // an age: left as written
  CHECK(canon({"two", "weeks"}, entity_label::date).empty());  // already canonical
  CHECK(canon({"about", "a", "century"}, entity_label::date) == "one century");
  CHECK(canon({"Monday"}, entity_label::date).empty());
  CHECK(canon({"30-day"}, entity_label::cardinal).empty());
}
