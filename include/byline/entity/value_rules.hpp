// byline — rules for value entities: DATE, TIME, PERCENT, MONEY, QUANTITY, ORDINAL and CARDINAL
// mentions over the token layer, with the spans OntoNotes 5 gives them (as spaCy's en_core_web
// models produce them).
//
//   std::vector<byline::value_mention> found;
//   for (auto s : doc.sentences())
//     byline::find_value_mentions(doc.base(), s.first_token(), s.end_token(), found);
//   // or byline::value_mentions(doc.base()) for every sentence, or a callback:
//   byline::find_value_mentions(doc.base(), 0, n, [](byline::token_id b, byline::token_id e, byline::entity_label l) {...});
//
// Mentions come in order, never overlap, and each is the longest the rules know from its leftmost
// anchor. Anchors are number, date, time and currency tokens and the words of a small lexicon
// (months, weekdays, number words, time units, ...); every other token is passed over after a kind
// check, or for words a Bloom filter over their letters and length (few words get as far as a hash
// probe), so the cost is a few ns a token. Rules look back at most a few tokens (never before the previous mention or the range) and
// forward only over tokens they then consume, so the work is linear in the tokens however long the
// sentence. Everything here is constant data: one thread's call never touches another's.
//
// Conventions (OntoNotes 5 practice; where it is unclear the choice is written here):
//   - Modifiers of amount belong to the value: "about 20", "more than $5 million", "at least 12",
//     "approximately two hours", "nearly 30%", "$200 or less". Ranges are one mention: "5 to 10
//     percent", "two or three", "3-2", "September 16-19", "6 a.m. to 9 a.m.". Prepositions are not
//     part of a value: "in 1991" -> "1991",
//     "within a day" -> "a day", "on Monday" -> "Monday", "at 10:30 a.m." -> "10:30 a.m.".
//     "over"/"under" count as modifiers before amounts, not before durations ("over two days").
//   - Relative dates keep their determiner and modifier: "last week", "this year", "the past decade",
//     "the next five years", "two years ago", "a year earlier", "earlier this year", "the 1990s",
//     "the end of March". A bare unit is no date ("years", "the day"), but "years ago" is.
//   - Durations are DATE from a day up ("30 days", "a day", "one day", "30-day", "5-year-old") and
//     TIME below it ("two hours", "24-hour", "a second" said alone). Parts of a day with a modifier
//     are TIME ("this morning", "last night", "Monday night", "tonight").
//   - A four-digit number from 1800 to 2099 (from 1000 after in/since/by/...) with nothing after it
//     that makes it an amount is a year (DATE); "2020-2024", "2023-24" and "between 2020 and 2024"
//     are one DATE. Decades: "the 1990s", "’90s", "the 1980's", "the sixties" (not "her sixties").
//   - A number right after a capitalised word that is not sentence-initial and not a lexicon word is
//     part of a name and not reported: "Boeing 747", "Article 5", "Trump 2024", "No. 10" (at the
//     start of a sentence the capital tells nothing, so "Trump 2024 ..." gives a DATE). So are
//     numbers glued to a word by a hyphen ("COVID-19", "F-16").
//   - "May" and "March" are months only beside a number or after a date word ("in May", "last
//     March", "May 5"); any month after a capitalised word or before one is a name ("Theresa May",
//     "June Carter"). Month abbreviations need a number ("Jan. 5", "Sept. 11"). Weekdays are dates
//     after any word ("told the Senate Tuesday") but a holiday's ("Good Friday", "Cyber Monday"),
//     and not before a capitalised part of the day ("Saturday Night Live").
//   - "one" is CARDINAL ("one of them", as spaCy marks it) but not in "no one", "the one", "this
//     one", "one another", "one's". "first" and the other ordinals are ORDINAL, except as part of a
//     capitalised name ("First Lady") or of a date ("the first quarter", "the 20th century").
//   - "N pounds" is a weight (QUANTITY) unless it is "N million pounds" or "pounds sterling".
//   - "1.2m" and "5bn" without a currency sign are CARDINAL (m read as million, not metres).
//   - Possessives are left out: "Monday's" -> "Monday".
#pragma once

#include <byline/document/document.hpp>
#include <byline/document/records.hpp>
#include <byline/entity/labels.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace byline {

// A value mention: tokens [first, end) and its label.
struct value_mention {
  token_id first;
  token_id end;
  entity_label label = entity_label::cardinal;
  friend bool operator==(const value_mention&, const value_mention&) = default;
};

namespace detail::values {

// ----------------------------------------------------------------------------------------------
// The lexicon: lower-case ASCII keys (an abbreviation without its final period), a class and a value.

enum class wc : std::uint8_t {
  none,
  // Anchors: a mention can be built around them.
  month,          // value 1..12
  month_abbr,     // jan feb ... (needs a number after it)
  weekday,        // value 1..7
  weekday_abbr,   // mon tue ... (only written with a period: Mon.)
  day_word,       // yesterday today tomorrow
  time_word,      // tonight noon midnight midday overnight
  part_of_day,    // morning afternoon evening night
  date_unit,      // day week weekend fortnight month year decade century (value: unit_* below)
  time_unit,      // seconds minute(s) hour(s)
  season,         // spring summer autumn fall winter
  number,         // zero .. ninety (value)
  scale,          // hundred thousand million billion trillion bn mn (value: power of ten)
  plural_scale,   // hundreds thousands millions billions trillions dozens tens
  dozen,          // dozen
  ordinal,        // first .. millionth (value; "second" is also a time unit)
  fraction,       // half (2), quarter(s) (4), thirds (3)
  currency_code,  // USD EUR GBP ... (upper case only)
  decade_word,    // twenties .. nineties (value: the decade), read after "the", early, late, mid-
  anchor_end_,    // not a class: every class before it is an anchor
  // Context words: read around anchors.
  percent_word,   // percent pct pc
  per,            // per
  cent,           // cent cents (per cent; or a currency)
  percentage,     // percentage (points)
  point,          // point points
  currency_word,  // dollars euros ... (value 1: "pounds", also a weight)
  unit_word,      // km miles tonnes ...
  unit_prefix,    // square cubic nautical
  temp_scale,     // celsius fahrenheit
  ampm,           // am pm a.m p.m
  zone,           // GMT UTC ET ... (upper case only)
  oclock,         // o'clock
  rel,            // value: rel_* below
  edge,           // value: edge_* below
  ago,            // ago
  old,            // old
  approx,         // about approximately around roughly nearly almost some; over under (value 1)
  than_head,      // more less fewer
  than,           // than
  at,             // at
  least,          // least most
  up,             // up
  as,             // as
  much,           // much little (as much as)
  few,            // few (1) several (2) many (3)
  couple,         // couple
  close,          // close (close to)
  no,             // no
  just,           // just well
  estimated,      // estimated
  upwards,        // upwards
  the,            // the
  a,              // a an
  of,             // of
  and_,           // and
  to,             // to through
  or_,            // or
  between,        // between
  end_word,       // end beginning start middle turn
  fiscal,         // fiscal
  date_prep,      // in on since until till by from during before after
  det,            // any every each which another: not before a CARDINAL "one"
  day_name,       // black cyber good ...: a capitalised one before a weekday makes a name (Good Friday)
};

enum : std::uint8_t { f_plural = 1, f_ambiguous = 2 };

enum : std::uint8_t { unit_day = 1, unit_week, unit_weekend, unit_fortnight, unit_month, unit_year, unit_decade, unit_century };
enum : std::uint8_t { rel_last = 1, rel_next, rel_this, rel_past, rel_coming, rel_previous, rel_following, rel_recent, rel_that, rel_these };
enum : std::uint8_t { edge_early = 1, edge_late, edge_mid, edge_earlier, edge_later };

struct entry {
  std::string_view key;
  wc cls;
  std::uint8_t value = 0;
  std::uint8_t flags = 0;
};

// clang-format off
inline constexpr entry lexicon[] = {
    {"january", wc::month, 1}, {"february", wc::month, 2}, {"march", wc::month, 3, f_ambiguous},
    {"april", wc::month, 4}, {"may", wc::month, 5, f_ambiguous}, {"june", wc::month, 6}, {"july", wc::month, 7},
    {"august", wc::month, 8}, {"september", wc::month, 9}, {"october", wc::month, 10},
    {"november", wc::month, 11}, {"december", wc::month, 12},
    {"jan", wc::month_abbr, 1}, {"feb", wc::month_abbr, 2}, {"mar", wc::month_abbr, 3}, {"apr", wc::month_abbr, 4},
    {"jun", wc::month_abbr, 6}, {"jul", wc::month_abbr, 7}, {"aug", wc::month_abbr, 8}, {"sep", wc::month_abbr, 9},
    {"sept", wc::month_abbr, 9}, {"oct", wc::month_abbr, 10}, {"nov", wc::month_abbr, 11}, {"dec", wc::month_abbr, 12},
    {"monday", wc::weekday, 1}, {"tuesday", wc::weekday, 2}, {"wednesday", wc::weekday, 3},
    {"thursday", wc::weekday, 4}, {"friday", wc::weekday, 5}, {"saturday", wc::weekday, 6}, {"sunday", wc::weekday, 7},
    {"mon", wc::weekday_abbr, 1}, {"tue", wc::weekday_abbr, 2}, {"tues", wc::weekday_abbr, 2},
    {"wed", wc::weekday_abbr, 3}, {"thu", wc::weekday_abbr, 4}, {"thur", wc::weekday_abbr, 4},
    {"thurs", wc::weekday_abbr, 4}, {"fri", wc::weekday_abbr, 5}, {"sat", wc::weekday_abbr, 6}, {"sun", wc::weekday_abbr, 7},
    {"yesterday", wc::day_word}, {"today", wc::day_word}, {"tomorrow", wc::day_word},
    {"tonight", wc::time_word}, {"noon", wc::time_word}, {"midnight", wc::time_word}, {"midday", wc::time_word},
    {"overnight", wc::time_word},
    {"morning", wc::part_of_day}, {"afternoon", wc::part_of_day}, {"evening", wc::part_of_day}, {"night", wc::part_of_day},
    {"day", wc::date_unit, unit_day}, {"days", wc::date_unit, unit_day, f_plural},
    {"week", wc::date_unit, unit_week}, {"weeks", wc::date_unit, unit_week, f_plural},
    {"weekend", wc::date_unit, unit_weekend}, {"weekends", wc::date_unit, unit_weekend, f_plural},
    {"fortnight", wc::date_unit, unit_fortnight}, {"fortnights", wc::date_unit, unit_fortnight, f_plural},
    {"month", wc::date_unit, unit_month}, {"months", wc::date_unit, unit_month, f_plural},
    {"year", wc::date_unit, unit_year}, {"years", wc::date_unit, unit_year, f_plural},
    {"decade", wc::date_unit, unit_decade}, {"decades", wc::date_unit, unit_decade, f_plural},
    {"century", wc::date_unit, unit_century}, {"centuries", wc::date_unit, unit_century, f_plural},
    {"seconds", wc::time_unit, 1, f_plural}, {"secs", wc::time_unit, 1, f_plural},
    {"minute", wc::time_unit, 2}, {"minutes", wc::time_unit, 2, f_plural}, {"mins", wc::time_unit, 2, f_plural},
    {"hour", wc::time_unit, 3}, {"hours", wc::time_unit, 3, f_plural}, {"hrs", wc::time_unit, 3, f_plural},
    {"spring", wc::season}, {"summer", wc::season}, {"autumn", wc::season}, {"fall", wc::season, 0, f_ambiguous},
    {"winter", wc::season},
    {"zero", wc::number, 0}, {"one", wc::number, 1}, {"two", wc::number, 2}, {"three", wc::number, 3},
    {"four", wc::number, 4}, {"five", wc::number, 5}, {"six", wc::number, 6}, {"seven", wc::number, 7},
    {"eight", wc::number, 8}, {"nine", wc::number, 9}, {"ten", wc::number, 10}, {"eleven", wc::number, 11},
    {"twelve", wc::number, 12}, {"thirteen", wc::number, 13}, {"fourteen", wc::number, 14},
    {"fifteen", wc::number, 15}, {"sixteen", wc::number, 16}, {"seventeen", wc::number, 17},
    {"eighteen", wc::number, 18}, {"nineteen", wc::number, 19}, {"twenty", wc::number, 20},
    {"thirty", wc::number, 30}, {"forty", wc::number, 40}, {"fifty", wc::number, 50}, {"sixty", wc::number, 60},
    {"seventy", wc::number, 70}, {"eighty", wc::number, 80}, {"ninety", wc::number, 90},
    {"hundred", wc::scale, 2}, {"thousand", wc::scale, 3}, {"million", wc::scale, 6}, {"billion", wc::scale, 9},
    {"trillion", wc::scale, 12}, {"bn", wc::scale, 9}, {"mn", wc::scale, 6}, {"trn", wc::scale, 12},
    {"hundreds", wc::plural_scale, 2}, {"thousands", wc::plural_scale, 3}, {"millions", wc::plural_scale, 6},
    {"billions", wc::plural_scale, 9}, {"trillions", wc::plural_scale, 12}, {"dozens", wc::plural_scale, 1},
    {"tens", wc::plural_scale, 1, f_ambiguous},
    {"dozen", wc::dozen},
    {"first", wc::ordinal, 1}, {"second", wc::ordinal, 2, f_ambiguous}, {"third", wc::ordinal, 3},
    {"fourth", wc::ordinal, 4}, {"fifth", wc::ordinal, 5}, {"sixth", wc::ordinal, 6}, {"seventh", wc::ordinal, 7},
    {"eighth", wc::ordinal, 8}, {"ninth", wc::ordinal, 9}, {"tenth", wc::ordinal, 10}, {"eleventh", wc::ordinal, 11},
    {"twelfth", wc::ordinal, 12}, {"thirteenth", wc::ordinal, 13}, {"fourteenth", wc::ordinal, 14},
    {"fifteenth", wc::ordinal, 15}, {"sixteenth", wc::ordinal, 16}, {"seventeenth", wc::ordinal, 17},
    {"eighteenth", wc::ordinal, 18}, {"nineteenth", wc::ordinal, 19}, {"twentieth", wc::ordinal, 20},
    {"thirtieth", wc::ordinal, 30}, {"fortieth", wc::ordinal, 40}, {"fiftieth", wc::ordinal, 50},
    {"sixtieth", wc::ordinal, 60}, {"seventieth", wc::ordinal, 70}, {"eightieth", wc::ordinal, 80},
    {"ninetieth", wc::ordinal, 90}, {"hundredth", wc::ordinal, 100}, {"thousandth", wc::ordinal, 200},
    {"millionth", wc::ordinal, 201},
    {"half", wc::fraction, 2}, {"thirds", wc::fraction, 3, f_plural}, {"quarter", wc::fraction, 4},
    {"quarters", wc::fraction, 4, f_plural},
    {"usd", wc::currency_code}, {"eur", wc::currency_code}, {"gbp", wc::currency_code}, {"jpy", wc::currency_code},
    {"cny", wc::currency_code}, {"rmb", wc::currency_code}, {"inr", wc::currency_code}, {"rub", wc::currency_code},
    {"chf", wc::currency_code}, {"aud", wc::currency_code}, {"cad", wc::currency_code}, {"uah", wc::currency_code},
    {"hkd", wc::currency_code},
    {"percent", wc::percent_word}, {"pct", wc::percent_word}, {"pc", wc::percent_word}, {"per", wc::per},
    {"cent", wc::cent}, {"cents", wc::cent}, {"percentage", wc::percentage}, {"point", wc::point},
    {"points", wc::point},
    {"dollar", wc::currency_word}, {"dollars", wc::currency_word}, {"euro", wc::currency_word},
    {"euros", wc::currency_word}, {"pound", wc::currency_word, 1}, {"pounds", wc::currency_word, 1},
    {"sterling", wc::currency_word}, {"yen", wc::currency_word}, {"yuan", wc::currency_word},
    {"renminbi", wc::currency_word}, {"rupee", wc::currency_word}, {"rupees", wc::currency_word},
    {"rouble", wc::currency_word}, {"roubles", wc::currency_word}, {"ruble", wc::currency_word},
    {"rubles", wc::currency_word}, {"franc", wc::currency_word}, {"francs", wc::currency_word},
    {"peso", wc::currency_word}, {"pesos", wc::currency_word}, {"pence", wc::currency_word},
    {"hryvnia", wc::currency_word}, {"hryvnias", wc::currency_word}, {"lira", wc::currency_word},
    {"shekel", wc::currency_word}, {"shekels", wc::currency_word}, {"dinar", wc::currency_word},
    {"dinars", wc::currency_word}, {"riyal", wc::currency_word}, {"riyals", wc::currency_word},
    {"dirham", wc::currency_word}, {"dirhams", wc::currency_word}, {"baht", wc::currency_word},
    {"ringgit", wc::currency_word}, {"zloty", wc::currency_word}, {"zlotys", wc::currency_word},
    {"krona", wc::currency_word}, {"kronor", wc::currency_word}, {"krone", wc::currency_word},
    {"kroner", wc::currency_word}, {"naira", wc::currency_word}, {"rand", wc::currency_word},
    {"won", wc::currency_word}, {"bucks", wc::currency_word},
    {"km", wc::unit_word}, {"kms", wc::unit_word}, {"kilometre", wc::unit_word}, {"kilometres", wc::unit_word},
    {"kilometer", wc::unit_word}, {"kilometers", wc::unit_word}, {"mile", wc::unit_word}, {"miles", wc::unit_word},
    {"metre", wc::unit_word}, {"metres", wc::unit_word}, {"meter", wc::unit_word}, {"meters", wc::unit_word},
    {"centimetre", wc::unit_word}, {"centimetres", wc::unit_word}, {"centimeter", wc::unit_word},
    {"centimeters", wc::unit_word}, {"cm", wc::unit_word}, {"millimetre", wc::unit_word},
    {"millimetres", wc::unit_word}, {"millimeter", wc::unit_word}, {"millimeters", wc::unit_word},
    {"mm", wc::unit_word}, {"foot", wc::unit_word}, {"feet", wc::unit_word}, {"ft", wc::unit_word},
    {"inch", wc::unit_word}, {"inches", wc::unit_word}, {"yard", wc::unit_word}, {"yards", wc::unit_word},
    {"ton", wc::unit_word}, {"tons", wc::unit_word}, {"tonne", wc::unit_word}, {"tonnes", wc::unit_word},
    {"kilogram", wc::unit_word}, {"kilograms", wc::unit_word}, {"kg", wc::unit_word}, {"kilo", wc::unit_word},
    {"kilos", wc::unit_word}, {"gram", wc::unit_word}, {"grams", wc::unit_word}, {"lb", wc::unit_word},
    {"lbs", wc::unit_word}, {"ounce", wc::unit_word}, {"ounces", wc::unit_word}, {"oz", wc::unit_word},
    {"litre", wc::unit_word}, {"litres", wc::unit_word}, {"liter", wc::unit_word}, {"liters", wc::unit_word},
    {"gallon", wc::unit_word}, {"gallons", wc::unit_word}, {"barrel", wc::unit_word}, {"barrels", wc::unit_word},
    {"bbl", wc::unit_word}, {"acre", wc::unit_word}, {"acres", wc::unit_word}, {"hectare", wc::unit_word},
    {"hectares", wc::unit_word}, {"degree", wc::unit_word}, {"degrees", wc::unit_word},
    {"megawatt", wc::unit_word}, {"megawatts", wc::unit_word}, {"mw", wc::unit_word}, {"gigawatt", wc::unit_word},
    {"gigawatts", wc::unit_word}, {"gw", wc::unit_word}, {"kilowatt", wc::unit_word}, {"kilowatts", wc::unit_word},
    {"kw", wc::unit_word}, {"kwh", wc::unit_word}, {"watt", wc::unit_word}, {"watts", wc::unit_word},
    {"mph", wc::unit_word}, {"kph", wc::unit_word}, {"knot", wc::unit_word}, {"knots", wc::unit_word},
    {"bpd", wc::unit_word}, {"calorie", wc::unit_word}, {"calories", wc::unit_word},
    {"square", wc::unit_prefix}, {"cubic", wc::unit_prefix}, {"nautical", wc::unit_prefix},
    {"celsius", wc::temp_scale}, {"fahrenheit", wc::temp_scale},
    {"am", wc::ampm}, {"pm", wc::ampm}, {"a.m", wc::ampm}, {"p.m", wc::ampm},
    {"gmt", wc::zone}, {"utc", wc::zone}, {"et", wc::zone}, {"est", wc::zone}, {"edt", wc::zone}, {"bst", wc::zone},
    {"cet", wc::zone}, {"cest", wc::zone}, {"pt", wc::zone}, {"pst", wc::zone}, {"pdt", wc::zone},
    {"ct", wc::zone}, {"cst", wc::zone}, {"cdt", wc::zone},
    {"o'clock", wc::oclock},
    {"last", wc::rel, rel_last}, {"next", wc::rel, rel_next}, {"this", wc::rel, rel_this}, {"past", wc::rel, rel_past},
    {"coming", wc::rel, rel_coming}, {"previous", wc::rel, rel_previous}, {"following", wc::rel, rel_following},
    {"recent", wc::rel, rel_recent}, {"that", wc::rel, rel_that}, {"these", wc::rel, rel_these},
    {"early", wc::edge, edge_early}, {"late", wc::edge, edge_late}, {"mid", wc::edge, edge_mid},
    {"earlier", wc::edge, edge_earlier}, {"later", wc::edge, edge_later},
    {"ago", wc::ago}, {"old", wc::old},
    {"about", wc::approx}, {"approximately", wc::approx}, {"around", wc::approx}, {"roughly", wc::approx},
    {"nearly", wc::approx}, {"almost", wc::approx}, {"some", wc::approx}, {"approx", wc::approx},
    {"circa", wc::approx}, {"over", wc::approx, 1}, {"under", wc::approx, 1},
    {"more", wc::than_head}, {"less", wc::than_head}, {"fewer", wc::than_head}, {"than", wc::than},
    {"at", wc::at}, {"least", wc::least}, {"most", wc::least}, {"up", wc::up}, {"as", wc::as},
    {"much", wc::much}, {"little", wc::much}, {"few", wc::few, 1}, {"several", wc::few, 2}, {"many", wc::few, 3},
    {"couple", wc::couple}, {"close", wc::close}, {"no", wc::no}, {"just", wc::just}, {"well", wc::just},
    {"estimated", wc::estimated}, {"upwards", wc::upwards},
    {"the", wc::the}, {"a", wc::a}, {"an", wc::a}, {"of", wc::of}, {"and", wc::and_}, {"or", wc::or_}, {"to", wc::to},
    {"through", wc::to}, {"between", wc::between},
    {"end", wc::end_word}, {"beginning", wc::end_word}, {"start", wc::end_word}, {"middle", wc::end_word},
    {"turn", wc::end_word}, {"fiscal", wc::fiscal},
    {"in", wc::date_prep}, {"on", wc::date_prep}, {"since", wc::date_prep}, {"until", wc::date_prep},
    {"till", wc::date_prep}, {"by", wc::date_prep}, {"from", wc::date_prep}, {"during", wc::date_prep},
    {"before", wc::date_prep}, {"after", wc::date_prep},
    {"any", wc::det}, {"every", wc::det}, {"each", wc::det}, {"which", wc::det}, {"another", wc::det},
    {"only", wc::det},
    {"black", wc::day_name}, {"cyber", wc::day_name}, {"super", wc::day_name}, {"good", wc::day_name},
    {"ash", wc::day_name}, {"easter", wc::day_name}, {"bloody", wc::day_name}, {"holy", wc::day_name},
    {"palm", wc::day_name}, {"shrove", wc::day_name}, {"maundy", wc::day_name}, {"giving", wc::day_name},
    {"twenties", wc::decade_word, 20}, {"thirties", wc::decade_word, 30}, {"forties", wc::decade_word, 40},
    {"fifties", wc::decade_word, 50}, {"sixties", wc::decade_word, 60}, {"seventies", wc::decade_word, 70},
    {"eighties", wc::decade_word, 80}, {"nineties", wc::decade_word, 90},
};
// clang-format on

inline constexpr std::size_t max_key = 15;

constexpr std::uint32_t hash_step(std::uint32_t h, unsigned char c) noexcept { return (h ^ c) * 16777619u; }
constexpr std::uint32_t hash_key(std::string_view s) noexcept {
  std::uint32_t h = 2166136261u;
  for (char c : s) h = hash_step(h, static_cast<unsigned char>(c));
  return h;
}

inline constexpr std::size_t table_size = 1024;  // a power of two, over twice the lexicon

// Open addressing over the lexicon: slot -> entry index + 1 (0 is empty).
inline constexpr auto table = [] {
  std::array<std::uint16_t, table_size> t{};
  for (std::size_t i = 0; i < std::size(lexicon); ++i) {
    std::size_t at = hash_key(lexicon[i].key) & (table_size - 1);
    while (t[at] != 0) at = (at + 1) & (table_size - 1);
    t[at] = static_cast<std::uint16_t>(i + 1);
  }
  return t;
}();

// Per lower-case first byte: a bit for each key length present. Most words fail here, before any
// hashing.
inline constexpr auto first_len = [] {
  std::array<std::uint16_t, 128> t{};
  for (const auto& e : lexicon) t[static_cast<unsigned char>(e.key[0])] |= static_cast<std::uint16_t>(1u << e.key.size());
  return t;
}();

constexpr bool is_anchor(wc c) noexcept { return c != wc::none && c < wc::anchor_end_; }

// The main scan asks of every word whether it is an anchor; most words are not, and many of the
// commonest ("the", "and", "this", "has") are context words of the lexicon or look like anchors
// ("tue", "aud", "hrs"), so a Bloom filter (two bits in 4096) over the first, second and last
// letters and the length of the anchors alone rejects them before any hashing: about 1.5% of other
// words pass it. A letter counts by its low five bits, so case does not matter; other bytes share
// slots, which only lets more through.
constexpr std::uint32_t anchor_key(unsigned char first, unsigned char second, unsigned char last, std::size_t n) noexcept {
  return (((first & 31u) * 32u + (second & 31u)) * 32u + (last & 31u)) * 16u + static_cast<std::uint32_t>(n);
}
constexpr std::uint32_t anchor_bit1(std::uint32_t k) noexcept { return (k * 2654435761u) >> 20; }
constexpr std::uint32_t anchor_bit2(std::uint32_t k) noexcept { return (k * 0x9E3779B1u + 0x7F4A7C15u) >> 9 & 4095u; }
inline constexpr auto anchor_filter = [] {
  std::array<std::uint64_t, 64> t{};
  for (const auto& e : lexicon)
    if (is_anchor(e.cls)) {
      const auto k = anchor_key(static_cast<unsigned char>(e.key[0]), static_cast<unsigned char>(e.key[1]),
                                static_cast<unsigned char>(e.key.back()), e.key.size());
      t[anchor_bit1(k) >> 6] |= std::uint64_t{1} << (anchor_bit1(k) & 63);
      t[anchor_bit2(k) >> 6] |= std::uint64_t{1} << (anchor_bit2(k) & 63);
    }
  return t;
}();
// Whether the word s (an abbreviation without its period) may be an anchor.
inline bool may_anchor(std::string_view s) noexcept {
  const std::size_t n = s.size();
  if (n < 2 || n > max_key) return false;
  const auto k = anchor_key(static_cast<unsigned char>(s[0]), static_cast<unsigned char>(s[1]),
                            static_cast<unsigned char>(s[n - 1]), n);
  const auto b1 = anchor_bit1(k), b2 = anchor_bit2(k);
  return ((anchor_filter[b1 >> 6] >> (b1 & 63)) & (anchor_filter[b2 >> 6] >> (b2 & 63)) & 1u) != 0;
}

constexpr bool lexicon_is_sound() {
  for (std::size_t i = 0; i < std::size(lexicon); ++i) {
    const auto k = lexicon[i].key;
    if (k.size() < 2 && is_anchor(lexicon[i].cls)) return false;  // may_anchor reads two letters
    if (k.empty() || k.size() > max_key) return false;
    for (char c : k)
      if (!((c >= 'a' && c <= 'z') || c == '.' || c == '\'')) return false;
    for (std::size_t j = 0; j < i; ++j)
      if (lexicon[j].key == k) return false;  // duplicate key
  }
  return std::size(lexicon) * 2 < table_size;
}
static_assert(lexicon_is_sound(), "value lexicon: keys are 1-15 lower-case ASCII letters, distinct");

struct hit {
  wc cls = wc::none;
  std::uint8_t value = 0;
  std::uint8_t flags = 0;
};

// The lexicon entry of a word (UTF-8, any case; a curly apostrophe reads as a straight one).
inline hit lookup(std::string_view s) noexcept {
  const std::size_t n = s.size();
  if (n == 0 || n > max_key + 2) return {};
  const auto c0 = static_cast<unsigned char>(s[0]);
  if (c0 >= 0x80) return {};
  const unsigned char l0 = (c0 >= 'A' && c0 <= 'Z') ? static_cast<unsigned char>(c0 + 32) : c0;
  // The key is n bytes long, or n - 2 when a curly apostrophe (3 bytes) folds to a straight one.
  const bool maybe = (n <= max_key && ((first_len[l0] >> n) & 1u)) || (n > 2 && n - 2 <= max_key && ((first_len[l0] >> (n - 2)) & 1u));
  if (!maybe) return {};
  char buf[max_key];
  std::size_t m = 0;
  std::uint32_t h = 2166136261u;
  for (std::size_t i = 0; i < n; ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      // U+2019 RIGHT SINGLE QUOTATION MARK (E2 80 99) as an apostrophe: o’clock.
      if (c == 0xE2 && i + 2 < n && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
          static_cast<unsigned char>(s[i + 2]) == 0x99) {
        c = '\'';
        i += 2;
      } else {
        return {};
      }
    } else if (c >= 'A' && c <= 'Z') {
      c = static_cast<unsigned char>(c + 32);
    }
    if (m == max_key) return {};
    buf[m++] = static_cast<char>(c);
    h = hash_step(h, c);
  }
  const std::string_view key(buf, m);
  for (std::size_t at = h & (table_size - 1);; at = (at + 1) & (table_size - 1)) {
    const auto k = table[at];
    if (k == 0) return {};
    const auto& e = lexicon[k - 1];
    if (e.key == key) return {e.cls, e.value, e.flags};
  }
}

// What a number token says of itself.
struct number_shape {
  bool plain = false;     // digits only, perhaps with thousands commas and a decimal part
  bool integer = false;   // plain without a decimal part
  bool comma = false;     // has a thousands comma
  bool ordinal = false;   // 11th 1st
  bool decade = false;    // 1990s ’90s
  std::uint32_t int_digits = 0, frac_digits = 0;
  std::uint64_t value = 0;  // the integer part (capped)
};

inline number_shape shape_number(std::string_view s) noexcept {
  number_shape r;
  if (s.empty() || s.size() > 40) {
    r.plain = !s.empty();  // a very long run of digits: an amount, nothing more to learn
    return r;
  }
  std::size_t i = 0;
  bool apostrophe = false;
  if (s[0] == '\'') {
    apostrophe = true;
    i = 1;
  } else if (s.size() > 3 && static_cast<unsigned char>(s[0]) == 0xE2 && static_cast<unsigned char>(s[1]) == 0x80 &&
             (static_cast<unsigned char>(s[2]) == 0x99 || static_cast<unsigned char>(s[2]) == 0x98)) {
    apostrophe = true;
    i = 3;
  }
  bool in_frac = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      if (in_frac) {
        ++r.frac_digits;
      } else {
        ++r.int_digits;
        if (r.value < 100000000000000ull) r.value = r.value * 10 + static_cast<unsigned>(c - '0');
      }
    } else if (c == ',' && !in_frac && r.int_digits > 0 && i + 1 < s.size()) {
      r.comma = true;
    } else if (c == '.' && !in_frac && r.int_digits > 0 && i + 1 < s.size()) {
      in_frac = true;
    } else {
      break;
    }
  }
  if (i == s.size()) {
    r.plain = !apostrophe && r.int_digits > 0 && (!in_frac || r.frac_digits > 0);
    r.integer = r.plain && !in_frac;
    return r;
  }
  // A letter suffix: an ordinal or a decade (the tokenizer keeps only these whole).
  const auto rest = s.substr(i);
  auto lower = [](char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); };
  if (rest.size() == 1 && lower(rest[0]) == 's' && r.int_digits >= 2 && !in_frac && !r.comma) {
    r.decade = true;
  } else if (rest.size() == 2 && !apostrophe && !in_frac && !r.comma && r.int_digits > 0) {
    const char a = lower(rest[0]), b = lower(rest[1]);
    r.ordinal = (a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') || (a == 't' && b == 'h');
  }
  return r;
}

struct match {
  std::uint32_t b = 0, e = 0;
  entity_label label = entity_label::cardinal;
  bool ok = false;
};

inline match make(std::uint32_t b, std::uint32_t e, entity_label l) { return {b, e, l, true}; }

// A numeric expression: digits (with a scale), number words, or a plural scale.
struct num {
  bool ok = false;
  std::uint32_t b = 0, e = 0;
  bool digits = false;      // started with a number token
  bool words = false;       // number words
  bool scaled = false;      // has a scale (million, bn, k)
  bool plural = false;      // hundreds, thousands of ...
  bool starts_scale = false;  // its first token is a scale, dozen or fraction word ("a million", "a dozen")
  bool fraction_only = false;  // just "half" / "quarter"
  bool lone_one = false;    // the single word "one"
  bool ordinal = false;     // "twenty-first"
  number_shape shape{};     // of the first token, for digits
  std::uint64_t value = 0;  // small values of word numbers
};

// ----------------------------------------------------------------------------------------------
// The scan over one range of tokens.

class scanner {
 public:
  scanner(const document_base& doc, std::uint32_t lo, std::uint32_t hi)
      : doc_(doc),
        u8_(doc.utf8()),
        direct_(doc.encoding() == unicode::encoding::utf8),
        tb_(doc.token_records().begin.data()),
        te_(doc.token_records().end.data()),
        tk_(doc.token_records().kind.data()),
        tf_(doc.token_records().flags.data()),
        lo_(lo),
        hi_(hi),
        floor_(lo) {}

  template <class Out>
  void run(Out& out) {
    for (std::uint32_t i = lo_; i < hi_;) {
      match m;
      switch (tk_[i]) {
        case token_kind::number: m = at_number(i); break;
        case token_kind::date: m = make(i, i + 1, entity_label::date); break;
        case token_kind::time: m = at_clock(i); break;
        case token_kind::currency: m = at_currency(i); break;
        case token_kind::word:
        case token_kind::abbreviation: {
          auto t = text(i);
          if (tk_[i] == token_kind::abbreviation && t.size() > 1 && t.back() == '.') t.remove_suffix(1);
          if (!may_anchor(t)) break;  // most words end here
          const hit h = lex(i);
          if (is_anchor(h.cls)) m = at_word(i, h);
          break;
        }
        default: break;
      }
      if (m.ok && m.e > i && m.b >= floor_ && m.e <= hi_) {
        out(token_id{m.b}, token_id{m.e}, m.label);
        floor_ = i = m.e;
      } else {
        ++i;
      }
    }
  }

 private:
  const document_base& doc_;
  std::string_view u8_;
  bool direct_;
  const std::uint32_t* tb_;
  const std::uint32_t* te_;
  const token_kind* tk_;
  const std::uint16_t* tf_;
  std::uint32_t lo_, hi_;
  std::uint32_t floor_;  // the end of the last mention: nothing looks back past it
  static constexpr std::size_t cache_size = 16;
  struct cached {
    std::uint32_t token = 0xFFFFFFFFu;
    hit h;
  };
  mutable std::array<cached, cache_size> cache_{};

  // --- tokens --------------------------------------------------------------------------------

  std::string_view text(std::uint32_t j) const {
    if (direct_) return {u8_.data() + tb_[j], te_[j] - tb_[j]};
    const auto b = doc_.utf8_offset(tb_[j]), e = doc_.utf8_offset(te_[j]);
    return u8_.substr(b, e - b);
  }
  bool has(std::uint32_t j, token_flag::type f) const { return (tf_[j] & f) != 0; }
  bool spaced(std::uint32_t j) const { return has(j, token_flag::space_before); }
  bool is(std::uint32_t j, std::string_view s) const { return text(j) == s; }
  bool is_word(std::uint32_t j) const { return tk_[j] == token_kind::word || tk_[j] == token_kind::abbreviation; }

  // The lexicon class of token j, with the case and spelling each class asks for. Rules ask of the
  // same few tokens around an anchor many times; a small direct-mapped cache answers the repeats.
  hit lex(std::uint32_t j) const {
    const auto k = tk_[j];
    if (k != token_kind::word && k != token_kind::abbreviation) return {};
    auto& slot = cache_[j & (cache_size - 1)];
    if (slot.token == j) return slot.h;
    slot.token = j;
    slot.h = lex_uncached(j, k);
    return slot.h;
  }
  hit lex_uncached(std::uint32_t j, token_kind k) const {
    auto s = text(j);
    const bool abbr = k == token_kind::abbreviation;
    if (abbr && s.size() > 1 && s.back() == '.') s.remove_suffix(1);
    hit h = lookup(s);
    switch (h.cls) {
      case wc::month:
      case wc::month_abbr:
      case wc::weekday:
      case wc::season:
        if (has(j, token_flag::all_lower) && h.cls != wc::season) return {};
        break;
      case wc::weekday_abbr:
        if (!abbr || has(j, token_flag::all_lower)) return {};
        break;
      case wc::currency_code:
      case wc::zone:
        if (!has(j, token_flag::all_upper)) return {};
        break;
      default: break;
    }
    return h;
  }
  wc cls(std::uint32_t j) const { return lex(j).cls; }
  // Token j exists (inside the range, at or after the floor when looking back).
  bool back_ok(std::uint32_t j) const { return j >= floor_ && j < hi_; }
  bool cls_back(std::uint32_t s, std::size_t k, wc c) const {
    // Whether the token k before s is of class c (and may be taken).
    return s >= floor_ + k && cls(static_cast<std::uint32_t>(s - k)) == c;
  }
  bool cls_at(std::uint32_t p, wc c) const { return p < hi_ && cls(p) == c; }

  bool is_dash(std::uint32_t j) const { return tk_[j] == token_kind::dash; }
  // A hyphen glued on both sides: "30-day", "mid-March".
  bool glued_dash(std::uint32_t j) const { return j + 1 < hi_ && is_dash(j) && !spaced(j) && !spaced(j + 1); }

  // A capitalised word before j that is neither the range's first token nor a lexicon word: j is
  // part of a name (Boeing 747, Theresa May).
  bool name_before(std::uint32_t j) const {
    if (j <= lo_ + 1) return false;
    const auto p = j - 1;
    if (!is_word(p) || !has(p, token_flag::title)) return false;
    const wc c = cls(p);
    // An abbreviation such as "No." (number) or "Art." names what follows unless it is a month.
    if (tk_[p] == token_kind::abbreviation) return c != wc::month && c != wc::month_abbr && c != wc::weekday_abbr;
    return c == wc::none;
  }
  bool name_after(std::uint32_t j) const {
    const auto p = j + 1;
    if (p >= hi_ || !is_word(p) || !has(p, token_flag::title)) return false;
    return cls(p) == wc::none;
  }
  // A number glued by a hyphen to a word before it: COVID-19, F-16.
  bool glued_to_word(std::uint32_t j) const {
    if (j < lo_ + 2 || spaced(j)) return false;
    const auto d = j - 1;
    if (!is_dash(d) || spaced(d) || !is_word(d - 1)) return false;
    return cls(d - 1) != wc::edge;
  }

  // The longest run of number or scale words read as one number (two hundred and forty-five
  // thousand six hundred is 10 tokens).
  static constexpr std::uint32_t max_chain = 16;

  number_shape shape_of(std::uint32_t j) const { return shape_number(text(j)); }
  // A year: four digits from 1800 to 2099; from 1000 where the context says it is a year (after a
  // month, "in 1789", "of 1780"), as four-digit counts below 1800 are mostly numbers of laws,
  // sections and houses.
  static bool is_year(const number_shape& s, std::uint64_t from = 1800) {
    return s.integer && !s.comma && s.int_digits == 4 && s.value >= from && s.value <= 2099;
  }
  bool year_at(std::uint32_t p) const { return p < hi_ && tk_[p] == token_kind::number && is_year(shape_of(p), 1000); }
  // A day of the month after a month name: 5, 05, 5th.
  bool day_at(std::uint32_t p) const {
    if (p >= hi_ || tk_[p] != token_kind::number) return false;
    const auto s = shape_of(p);
    return (s.integer || s.ordinal) && !s.comma && s.int_digits <= 2 && s.value >= 1 && s.value <= 31;
  }
  bool month_at(std::uint32_t p) const {
    if (p >= hi_) return false;
    const auto c = cls(p);
    return c == wc::month || c == wc::month_abbr;
  }
  // A token that ends a phrase: the range's end, punctuation, a quote.
  bool phrase_end(std::uint32_t p) const {
    if (p >= hi_) return true;
    const auto k = tk_[p];
    if (k == token_kind::dash) return spaced(p) || p + 1 >= hi_ || spaced(p + 1);  // not the hyphen of "second-place"
    return k == token_kind::punctuation || k == token_kind::quote || k == token_kind::ellipsis;
  }

  // --- looking back ----------------------------------------------------------------------------

  // Modifiers of an amount before s: about, more than, at least, up to, as many as, ... `amount`
  // lets over/under in (not before a duration: "over two days" is a preposition).
  std::uint32_t approx_back(std::uint32_t s, bool amount) const {
    for (int round = 0; round < 2; ++round) {
      const std::uint32_t before = s;
      if (s > floor_) {
        const hit h = lex(s - 1);
        if (h.cls == wc::approx && (amount || h.value == 0)) {
          s -= 1;
        } else if (h.cls == wc::than && cls_back(s, 2, wc::than_head)) {
          s -= 2;
          if (cls_back(s, 1, wc::no)) s -= 1;
        } else if (h.cls == wc::least && cls_back(s, 2, wc::at)) {
          s -= 2;
        } else if (h.cls == wc::to && is(s - 1, "to") && cls_back(s, 2, wc::up)) {
          s -= 2;
        } else if (h.cls == wc::to && is(s - 1, "to") && cls_back(s, 2, wc::close)) {
          s -= 2;
        } else if (h.cls == wc::as && s >= floor_ + 3 && cls(s - 3) == wc::as &&
                   (cls(s - 2) == wc::much || (cls(s - 2) == wc::few && lex(s - 2).value != 2))) {
          s -= 3;
        } else if (h.cls == wc::estimated && cls_back(s, 2, wc::a)) {
          s -= 2;
        } else if (h.cls == wc::of && cls_back(s, 2, wc::upwards)) {
          s -= 2;
        }
      }
      if (s == before) break;
      // "just over", "well more than"
      if (s > floor_ && cls(s - 1) == wc::just) s -= 1;
    }
    return s;
  }

  // [the] last/past/next/... before a duration: "the past two years", "the next five years".
  std::uint32_t rel_back(std::uint32_t s) const {
    if (s <= floor_) return s;
    const hit h = lex(s - 1);
    const bool rel = h.cls == wc::rel && (h.value == rel_last || h.value == rel_past || h.value == rel_next ||
                                          h.value == rel_coming || h.value == rel_previous ||
                                          h.value == rel_following || h.value == rel_recent);
    const bool first = h.cls == wc::ordinal && h.value == 1;
    if (!rel && !first) return s;
    s -= 1;
    if (cls_back(s, 1, wc::the)) s -= 1;
    return s;
  }

  // "the end of" before a date: "the end of March", "by the end of this year" -> "the end of this year".
  std::uint32_t end_of_back(std::uint32_t s) const {
    if (s >= floor_ + 3 && cls(s - 1) == wc::of && cls(s - 2) == wc::end_word && cls(s - 3) == wc::the) return s - 3;
    return s;
  }

  // early/late/mid- (and the) before a year, month or decade.
  std::uint32_t edge_back(std::uint32_t s, bool allow_the) const {
    if (s > floor_) {
      // mid-2024, mid-March: "mid" and a glued hyphen.
      if (s >= floor_ + 2 && is_dash(s - 1) && !spaced(s) && !spaced(s - 1) && lex(s - 2).cls == wc::edge) {
        s -= 2;
      } else {
        const hit h = lex(s - 1);
        if (h.cls == wc::edge && (h.value == edge_early || h.value == edge_late || h.value == edge_mid)) s -= 1;
      }
    }
    if (allow_the && cls_back(s, 1, wc::the)) s -= 1;
    return s;
  }

  // --- numeric expressions -----------------------------------------------------------------------

  // A scale after a number: "1.2 billion", "5bn" (a unit token glued on), "1.2 bn".
  bool scale_at(std::uint32_t p) const {
    if (p >= hi_) return false;
    if (tk_[p] == token_kind::unit) {
      const auto t = text(p);
      if (t.size() > 3) return false;
      char l[3] = {0, 0, 0};
      for (std::size_t k = 0; k < t.size(); ++k) l[k] = static_cast<char>(t[k] | 0x20);
      const std::string_view s(l, t.size());
      return s == "bn" || s == "b" || s == "m" || s == "mn" || s == "k" || s == "tn" || s == "tr" || s == "trn";
    }
    return cls(p) == wc::scale;
  }

  num parse_num(std::uint32_t j) const {
    num n;
    if (j >= hi_) return n;
    n.b = j;
    if (tk_[j] == token_kind::number) {
      n.shape = shape_of(j);
      if (!n.shape.plain) return n;
      n.digits = true;
      n.value = n.shape.value;
      std::uint32_t p = j + 1;
      // At most a few scales ("5 hundred thousand"): a rule that fails must not have read far, or a
      // run of scale words would be read again from each of its tokens.
      while (p < j + 1 + max_chain && scale_at(p)) {
        n.scaled = true;
        ++p;
      }
      // "5-million" written with a hyphen
      if (!n.scaled && p + 1 < hi_ && glued_dash(p) && cls(p + 1) == wc::scale) {
        n.scaled = true;
        p += 2;
      }
      n.e = p;
      n.ok = true;
      return n;
    }
    const hit h = lex(j);
    if (h.cls == wc::plural_scale) {
      std::uint32_t p = j + 1;
      // hundreds of thousands, tens of millions
      if (p + 1 < hi_ && cls(p) == wc::of && cls(p + 1) == wc::plural_scale && lex(p + 1).value > 1) p += 2;
      else if (h.flags & f_ambiguous) return n;  // "tens" alone
      n.e = p;
      n.plural = n.words = n.ok = true;
      n.starts_scale = true;
      return n;
    }
    if (h.cls == wc::fraction) {
      if (h.flags & f_plural) return n;  // "thirds" alone
      std::uint32_t p = j + 1;
      n.words = true;
      // half a million
      if (p + 1 < hi_ && cls(p) == wc::a && cls(p + 1) == wc::scale) {
        n.scaled = true;
        p += 2;
      } else {
        n.fraction_only = true;
      }
      n.e = p;
      n.ok = true;
      return n;
    }
    if (h.cls != wc::number && h.cls != wc::scale && h.cls != wc::dozen) return n;
    // Number words: tens then units (twenty-five, twenty five), a scale after a number, "and" after a
    // scale (one hundred and five), a dozen after a number (two dozen).
    enum { none, units, tens, scale, dozen } last = none;
    std::uint32_t p = j;
    std::uint64_t value = 0;
    int count = 0;
    while (p < hi_ && p < j + max_chain) {
      const hit w = lex(p);
      if (w.cls == wc::number) {
        const bool after_tens = last == tens && w.value < 10 && w.value > 0;
        if (!(last == none || last == scale || after_tens)) break;
        value = after_tens ? value + w.value : w.value;
        last = (w.value >= 20 && w.value % 10 == 0) ? tens : units;
        ++p;
      } else if (w.cls == wc::scale && (last == units || last == tens || last == scale || last == none)) {
        if (last == none) n.starts_scale = true;
        n.scaled = true;
        last = scale;
        ++p;
      } else if (w.cls == wc::dozen && (last == none || last == units)) {
        if (last == none) n.starts_scale = true;
        last = dozen;
        ++p;
      } else if (last == tens && glued_dash(p) && p + 1 < hi_) {
        const hit u = lex(p + 1);
        if (u.cls == wc::number && u.value > 0 && u.value < 10) {
          value += u.value;
          last = units;
          p += 2;
        } else if (u.cls == wc::ordinal && u.value > 0 && u.value < 10) {
          n.ordinal = true;  // twenty-first
          value += u.value;
          p += 2;
          break;
        } else {
          break;
        }
      } else if (last == scale && w.cls == wc::and_ && p + 1 < hi_ && lex(p + 1).cls == wc::number) {
        ++p;  // one hundred and five
        last = none;
      } else {
        break;
      }
      ++count;
    }
    if (p == j) return n;
    // one-third, two-thirds, one-half
    if (!n.ordinal && (last == units) && glued_dash(p) && p + 1 < hi_) {
      const hit f = lex(p + 1);
      if (f.cls == wc::fraction || (f.cls == wc::ordinal && f.value >= 3 && f.value <= 10)) p += 2;
    } else if (!n.ordinal && last == units && p < hi_ && lex(p).cls == wc::fraction && (lex(p).flags & f_plural)) {
      p += 1;  // two thirds, three quarters
    }
    // two and a half
    if (!n.ordinal && p + 2 < hi_ && cls(p) == wc::and_ && cls(p + 1) == wc::a && lex(p + 2).cls == wc::fraction &&
        lex(p + 2).value == 2)
      p += 3;
    n.e = p;
    n.words = n.ok = true;
    n.value = value;
    n.lone_one = count == 1 && p == j + 1 && last == units && value == 1;
    return n;
  }

  // After an amount: a percent sign or word. Returns the end, or 0.
  std::uint32_t percent_after(std::uint32_t p) const {
    if (p >= hi_) return 0;
    if (tk_[p] == token_kind::punctuation || tk_[p] == token_kind::symbol) return is(p, "%") ? p + 1 : 0;
    if (tk_[p] == token_kind::unit) {
      const auto t = text(p);
      return (t == "pct" || t == "pc") ? p + 1 : 0;
    }
    const wc c = cls(p);
    if (c == wc::percent_word) return p + 1;
    if (c == wc::per && p + 1 < hi_ && cls(p + 1) == wc::cent) return p + 2;
    if (c == wc::percentage && p + 1 < hi_ && cls(p + 1) == wc::point) return p + 2;
    if (glued_dash(p) && cls(p + 1) == wc::percent_word) return p + 2;  // 5-percent
    return 0;
  }

  // After an amount: a currency. Returns the end, or 0; `weight` is set for "N pounds".
  std::uint32_t currency_after(std::uint32_t p, const num& n, bool& weight) const {
    weight = false;
    if (p >= hi_) return 0;
    if (tk_[p] == token_kind::currency) return p + 1;  // 5 €
    const hit h = lex(p);
    if (h.cls == wc::currency_word) {
      if (h.value == 1 && !n.scaled && !n.plural && !(p + 1 < hi_ && is(p + 1, "sterling"))) weight = true;
      return (p + 1 < hi_ && is(p + 1, "sterling")) ? p + 2 : p + 1;
    }
    if (h.cls == wc::currency_code) return p + 1;
    if (h.cls == wc::cent && !(p > lo_ && cls(p - 1) == wc::per)) return p + 1;
    // U.S. dollars, Canadian dollars, Hong Kong dollars
    if (is_word(p) && (has(p, token_flag::title) || has(p, token_flag::all_upper)) && h.cls == wc::none) {
      for (std::uint32_t q = p + 1; q < hi_ && q <= p + 2; ++q) {
        const hit w = lex(q);
        if (w.cls == wc::currency_word && w.value == 0) return q + 1;
        if (!is_word(q) || !has(q, token_flag::title) || w.cls != wc::none) break;
      }
    }
    return 0;
  }

  // A unit of measure after an amount. Returns the end, or 0.
  std::uint32_t unit_after(std::uint32_t p) const {
    if (p >= hi_) return 0;
    std::uint32_t e = 0;
    if (tk_[p] == token_kind::unit) {
      e = p + 1;  // glued: 5km, 1.5C (scales, times and percents are read before this)
    } else if (tk_[p] == token_kind::symbol && is(p, "\xC2\xB0")) {
      // 30°C, 30 °F
      e = (p + 1 < hi_ && (is(p + 1, "C") || is(p + 1, "F"))) ? p + 2 : p + 1;
    } else {
      const wc c = cls(p);
      if (c == wc::unit_word) e = p + 1;
      else if (c == wc::unit_prefix && p + 1 < hi_ && cls(p + 1) == wc::unit_word) e = p + 2;
      else if (glued_dash(p) && cls(p + 1) == wc::unit_word) e = p + 2;  // 10-km
      if (e && e < hi_ && cls(e) == wc::temp_scale) ++e;               // 30 degrees Celsius
    }
    if (!e) return 0;
    // km/h
    if (e + 1 < hi_ && is(e, "/") && !spaced(e) && !spaced(e + 1) && is_word(e + 1) && text(e + 1).size() <= 3) e += 2;
    // 50 km per hour, 1 million barrels a day
    if (e + 1 < hi_ && (cls(e) == wc::per || cls(e) == wc::a)) {
      const hit u = lex(e + 1);
      if ((u.cls == wc::time_unit || u.cls == wc::date_unit) && !(u.flags & f_plural)) e += 2;
    }
    return e;
  }

  // The unit token's reading: a time (am/pm, h, min, s) or a year count (yrs).
  enum class unit_reading { other, clock, seconds, years, percent, scale };
  unit_reading read_unit(std::uint32_t p) const {
    const auto t = text(p);
    if (t.size() > 3) return unit_reading::other;
    char l[3] = {0, 0, 0};
    for (std::size_t k = 0; k < t.size(); ++k) l[k] = static_cast<char>(t[k] | 0x20);
    const std::string_view s(l, t.size());
    if (s == "am" || s == "pm") return unit_reading::clock;
    if (s == "h" || s == "hrs" || s == "min" || s == "s" || s == "sec" || s == "ms") return unit_reading::seconds;
    if (s == "yrs") return unit_reading::years;
    if (s == "pct" || s == "pc") return unit_reading::percent;
    return unit_reading::other;
  }

  // ago, earlier, later (and "old" after years) after a duration.
  std::uint32_t post_after(std::uint32_t p, bool years) const {
    if (p >= hi_) return p;
    const hit h = lex(p);
    if (h.cls == wc::ago) return p + 1;
    if (h.cls == wc::edge && (h.value == edge_earlier || h.value == edge_later)) return p + 1;
    if (years && h.cls == wc::old) return p + 1;
    return p;
  }
  // "and a half" after a duration: two and a half years is read by parse_num; this is "an hour and a half".
  std::uint32_t and_a_half(std::uint32_t p) const {
    if (p + 2 < hi_ && cls(p) == wc::and_ && cls(p + 1) == wc::a && lex(p + 2).cls == wc::fraction &&
        lex(p + 2).value == 2)
      return p + 3;
    return p;
  }
  // am/pm (and a time zone) after a clock time or an hour. Returns the end, or 0.
  std::uint32_t clock_after(std::uint32_t p) const {
    if (p >= hi_) return 0;
    std::uint32_t e = 0;
    if (tk_[p] == token_kind::unit) {
      if (read_unit(p) == unit_reading::clock) e = p + 1;
    } else {
      const wc c = cls(p);
      if (c == wc::ampm || c == wc::oclock) e = p + 1;
    }
    if (!e) return 0;
    if (e < hi_ && cls(e) == wc::zone) ++e;
    return e;
  }

  // A date after a day number or ordinal: "5 March (2024)", "5th of March".
  std::uint32_t month_after_day(std::uint32_t p) const {
    if (p < hi_ && cls(p) == wc::of && month_at(p + 1)) ++p;
    if (!month_at(p)) return 0;
    std::uint32_t e = p + 1;
    if (year_at(e)) ++e;
    else if (e + 1 < hi_ && is(e, ",") && year_at(e + 1)) e += 2;
    return e;
  }

  // --- anchors -----------------------------------------------------------------------------------

  match at_number(std::uint32_t i) const {
    const auto s = shape_of(i);
    if (s.decade) {
      // "a handful of $20s": banknotes, not a decade
      if (i > lo_ && !spaced(i) && tk_[i - 1] == token_kind::currency) return {};
      // the 1990s, the early ’90s, the mid-1990s
      return make(edge_back(i, true), i + 1, entity_label::date);
    }
    // the 1980's, the 80's: a decade written with an apostrophe, which the tokenizer leaves as
    // number, quote, "s". Only after "the": "1980's boom" and "2016's vote" are possessives.
    if (s.integer && !s.comma && s.value % 10 == 0 && (s.int_digits == 2 || (s.int_digits == 4 && is_year(s, 1000))) &&
        i + 2 < hi_ && tk_[i + 1] == token_kind::quote && !spaced(i + 1) && !spaced(i + 2) && i > floor_) {
      const auto q = text(i + 1), t = text(i + 2);
      const std::uint32_t b = edge_back(i, true);
      if ((q == "'" || q == "\xE2\x80\x99") && (t == "s" || t == "S") && b < i && cls(b) == wc::the)
        return make(b, i + 3, entity_label::date);
    }
    if (s.ordinal) return at_ordinal(i, i + 1, s.value);
    const num n = parse_num(i);
    if (!n.ok) return {};
    return after_amount(n);
  }

  // The label of an amount from what follows it, and the span with what precedes it.
  match after_amount(num n) const {
    if (n.ordinal) return at_ordinal(n.b, n.e, n.value);  // twenty-first (century)
    std::uint32_t b = n.b, e = n.e;
    bool range = false, between = false;
    num last = n;
    // Ranges: 5 to 10, 5-10, between 5 and 10.
    if (e + 1 < hi_) {
      const hit c = lex(e);
      // 3-2, 24/7: a hyphen, or a slash glued between two numbers
      const bool dash = (is_dash(e) && (n.digits || n.words)) ||
                        (n.digits && is(e, "/") && !spaced(e) && !spaced(e + 1) && tk_[e + 1] == token_kind::number);
      const bool and_between = c.cls == wc::and_ && b > floor_ && cls(b - 1) == wc::between;
      // two or three, 5 or 6 percent (not years: "2016 or 2020" are two dates)
      const bool alternative = c.cls == wc::or_ && !(n.digits && n.shape.int_digits == 4);
      if (c.cls == wc::to || dash || and_between || alternative) {
        const num m = parse_num(e + 1);
        if (m.ok && m.digits == n.digits && !m.fraction_only) {
          last = m;
          e = m.e;
          range = true;
          between = and_between;
        }
      }
    }
    const std::uint32_t p = e;
    entity_label label = entity_label::cardinal;
    bool amount = true, duration = false, found = false;
    bool weight = false;
    std::uint32_t x;
    if (p < hi_) {
      if ((x = percent_after(p))) {
        label = entity_label::percent, e = x, found = true;
      } else if ((x = currency_after(p, last, weight))) {
        label = weight ? entity_label::quantity : entity_label::money, e = x, found = true;
      } else if (n.plural && p + 1 < hi_ && cls(p) == wc::of) {
        // millions of dollars, thousands of years, hundreds of miles
        const hit w = lex(p + 1);
        if (w.cls == wc::currency_word) label = entity_label::money, e = p + 2, found = true;
        else if (w.cls == wc::date_unit && (w.flags & f_plural)) label = entity_label::date, e = post_after(p + 2, false), found = true, amount = false;
        else if (w.cls == wc::unit_word) label = entity_label::quantity, e = p + 2, found = true;
      }
      if (!found && tk_[p] == token_kind::unit && !spaced(p)) {
        switch (read_unit(p)) {
          case unit_reading::clock:
            if ((x = clock_after(p)) && hour_like(n))
              label = entity_label::time, e = clock_range_after(x), found = true, amount = false;
            break;
          case unit_reading::seconds: label = entity_label::time, e = p + 1, found = true, amount = false; break;
          case unit_reading::years: label = entity_label::date, e = p + 1, found = true, amount = false; break;
          default:
            if ((x = unit_after(p))) label = entity_label::quantity, e = x, found = true;
            break;
        }
      }
      if (!found) {
        const hit w = lex(p);
        if (w.cls == wc::date_unit || w.cls == wc::time_unit ||
            (w.cls == wc::ordinal && (w.flags & f_ambiguous) && n.value == 1 && !range && !n.scaled)) {
          // 30 days, two hours, one second
          label = w.cls == wc::date_unit ? entity_label::date : entity_label::time;
          e = and_a_half(p + 1);
          e = post_after(e, w.cls == wc::date_unit && w.value == unit_year);
          found = true, amount = false, duration = true;
        } else if (glued_dash(p)) {
          // 30-day, 24-hour, 5-year-old
          const hit u = lex(p + 1);
          const bool second = u.cls == wc::ordinal && (u.flags & f_ambiguous);  // a 30-second ad
          if (((u.cls == wc::date_unit || u.cls == wc::time_unit) && !(u.flags & f_plural)) || second) {
            label = u.cls == wc::date_unit ? entity_label::date : entity_label::time;
            e = p + 2;
            if (u.value == unit_year && glued_dash(e) && cls(e + 1) == wc::old) e += 2;
            found = true, amount = false;
          }
        }
        if (!found && (x = unit_after(p))) {
          label = entity_label::quantity, e = x, found = true;
        } else if (!found && (x = clock_after(p)) && hour_like(n) && !range) {
          label = entity_label::time, e = clock_range_after(x), found = true, amount = false;
        } else if (!found && !range && n.digits && n.e == n.b + 1 && day_like(n) && (x = month_after_day(p))) {
          label = entity_label::date, e = x, found = true, amount = false;
        }
      }
    }
    if (!found) {
      // A bare amount: a year, a count, or nothing.
      // "in 1789" (not "of 1709": a survey of 1709 children)
      const bool year_context = n.b > floor_ && cls(n.b - 1) == wc::date_prep;
      const bool year = n.digits && !n.scaled && is_year(n.shape, year_context ? 1000 : 1800) &&
                        (!range || (last.digits && (is_year(last.shape, 1000) || (last.shape.integer && last.shape.int_digits == 2))));
      if (year) {
        if (name_before(n.b) || glued_to_word(n.b)) return {};
        b = edge_back(n.b, false);
        if (b == n.b && cls_back(b, 1, wc::fiscal)) b -= 1;
        if (between) b = n.b - 1;
        return make(end_of_back(b), e, entity_label::date);
      }
      if (n.fraction_only) {
        // half of, half the: a share, CARDINAL; "half a percent", "half an hour", "half a day".
        const std::uint32_t q = n.e;
        if (q + 1 < hi_ && cls(q) == wc::a) {
          const hit w = lex(q + 1);
          entity_label l = entity_label::cardinal;
          bool ok = true;
          std::uint32_t end = q + 2;
          if (w.cls == wc::percent_word) l = entity_label::percent;
          else if (w.cls == wc::date_unit && !(w.flags & f_plural)) l = entity_label::date;
          else if (w.cls == wc::time_unit && !(w.flags & f_plural)) l = entity_label::time;
          else if (w.cls == wc::unit_word) l = entity_label::quantity;
          else if (w.cls == wc::dozen) l = entity_label::cardinal;
          else ok = false;
          if (ok) return make(approx_back(cls_back(n.b, 1, wc::a) ? n.b - 1 : n.b, true), end, l);
        }
        if (lex(n.b).value == 2 && q < hi_ && (cls(q) == wc::of || cls(q) == wc::the))
          return make(approx_back(n.b, true), q, entity_label::cardinal);
        // a quarter of: a share
        if (lex(n.b).value == 4 && q < hi_ && cls(q) == wc::of && cls_back(n.b, 1, wc::a))
          return make(n.b - 1, q, entity_label::cardinal);
        return {};
      }
      if (n.words && n.starts_scale && !n.plural && !cls_back(n.b, 1, wc::a) && !cls_back(n.b, 1, wc::few))
        return {};  // "million" alone
      if (n.lone_one && !range) {
        if (n.b > lo_) {
          const hit pr = lex(n.b - 1);
          if (pr.cls == wc::the || pr.cls == wc::det || pr.cls == wc::no || pr.cls == wc::a ||
              (pr.cls == wc::rel && (pr.value == rel_this || pr.value == rel_that)) || pr.cls == wc::few)
            return {};
        }
        if (n.e < hi_ && (cls(n.e) == wc::det || tk_[n.e] == token_kind::clitic)) return {};  // one another, one's
      }
      if (n.digits && n.e == n.b + 1 && (name_before(n.b) || glued_to_word(n.b))) return {};
    }
    // What comes before.
    b = n.b;
    if (n.starts_scale && b > floor_) {
      // a million, a dozen, several hundred, a few thousand
      if (cls(b - 1) == wc::a) b -= 1;
      else if (cls(b - 1) == wc::few) {
        b -= 1;
        if (cls_back(b, 1, wc::a)) b -= 1;
      }
    }
    if (between) {
      b = n.b - 1;
    } else if (duration || label == entity_label::date || label == entity_label::time) {
      const std::uint32_t r = rel_back(b);
      b = r != b ? r : approx_back(b, amount && !duration);
    } else {
      b = approx_back(b, true);
    }
    if (label == entity_label::date) b = end_of_back(b);
    if (amount) e = or_more_after(e);
    return make(b, e, label);
  }

  // "or more", "or less", "or so" after an amount: $200 or less, 10 or so.
  std::uint32_t or_more_after(std::uint32_t e) const {
    if (e + 1 < hi_ && cls(e) == wc::or_ && (cls(e + 1) == wc::than_head || is(e + 1, "so"))) return e + 2;
    return e;
  }

  static bool hour_like(const num& n) {
    if (!n.digits || n.scaled) return false;
    const auto& s = n.shape;
    if (s.integer) return s.value >= 1 && s.value <= 12 && s.int_digits <= 2;
    return s.plain && !s.comma && s.value <= 12 && s.int_digits <= 2 && s.frac_digits == 2;  // 10.30am
  }
  static bool day_like(const num& n) {
    const auto& s = n.shape;
    return s.integer && !s.comma && !n.scaled && s.int_digits <= 2 && s.value >= 1 && s.value <= 31;
  }

  // An ordinal, tokens [i, p): the 20th century, the 5th of March, the first 100 days, or just 11th.
  match at_ordinal(std::uint32_t i, std::uint32_t p, std::uint64_t value) const {
    // an 18th-century church
    if (glued_dash(p) && lex(p + 1).cls == wc::date_unit && !(lex(p + 1).flags & f_plural))
      return make(i, p + 2, entity_label::date);
    // the 20th century, the first quarter (of 2024), the third day
    if (p < hi_) {
      const hit u = lex(p);
      if ((u.cls == wc::date_unit && !(u.flags & f_plural) && u.value != unit_weekend) ||
          (u.cls == wc::fraction && !(u.flags & f_plural) && (u.value == 2 || u.value == 4))) {
        std::uint32_t e = p + 1;
        if (e + 1 < hi_ && cls(e) == wc::of && year_at(e + 1)) e += 2;
        const std::uint32_t b = cls_back(i, 1, wc::the) ? i - 1 : i;
        return make(end_of_back(b), e, entity_label::date);
      }
      // the 5th of March, 5th March 2024
      if (value >= 1 && value <= 31) {
        if (const auto e = month_after_day(p)) return make(cls_back(i, 1, wc::the) ? i - 1 : i, e, entity_label::date);
      }
      // the first 100 days, the first two years
      const num n = parse_num(p);
      if (n.ok && n.e < hi_) {
        const hit u2 = lex(n.e);
        if (u2.cls == wc::date_unit || u2.cls == wc::time_unit)
          return make(cls_back(i, 1, wc::the) ? i - 1 : i, n.e + 1,
                      u2.cls == wc::date_unit ? entity_label::date : entity_label::time);
      }
    }
    return make(i, p, entity_label::ordinal);
  }

  match at_clock(std::uint32_t i) const {
    std::uint32_t e = i + 1;
    if (const auto x = clock_after(e)) e = x;
    else if (e < hi_ && cls(e) == wc::zone) ++e;
    return make(approx_back(i, false), clock_range_after(e), entity_label::time);
  }

  // "to 9:00 a.m." or "-11:30" after a clock time: one TIME from 6:00 a.m. to 9:00 a.m.
  std::uint32_t clock_range_after(std::uint32_t e) const {
    if (e + 1 >= hi_ || !(is_dash(e) || is(e, "to"))) return e;
    const std::uint32_t q = e + 1;
    if (tk_[q] == token_kind::time) {
      const auto x = clock_after(q + 1);
      return x ? x : q + 1;
    }
    if (tk_[q] == token_kind::number) {
      const num n = parse_num(q);
      if (n.ok && hour_like(n))
        if (const auto x = clock_after(n.e)) return x;
    }
    return e;
  }

  // $5, US$1.2bn, €300 million, $5 million to $10 million.
  match at_currency(std::uint32_t i) const {
    if (i + 1 >= hi_) return {};
    num n = parse_num(i + 1);
    if (!n.ok || !n.digits) return {};
    std::uint32_t e = n.e;
    bool between = false;
    if (e + 1 < hi_) {
      const hit c = lex(e);
      const bool and_between = c.cls == wc::and_ && i > floor_ && cls(i - 1) == wc::between;
      if (c.cls == wc::to || is_dash(e) || and_between) {
        std::uint32_t q = e + 1;
        if (q < hi_ && tk_[q] == token_kind::currency) ++q;
        const num m = parse_num(q);
        if (m.ok && m.digits) {
          e = m.e;
          between = and_between;
        }
      }
    }
    std::uint32_t b = i;
    // US$, HK$, C$: a short capitalised prefix glued on
    if (b > floor_ && !spaced(b) && is_word(b - 1) && has(b - 1, token_flag::all_upper) && text(b - 1).size() <= 3) b -= 1;
    b = between ? b - 1 : approx_back(b, true);
    return make(b, or_more_after(e), entity_label::money);
  }

  match at_word(std::uint32_t i, hit h) const {
    switch (h.cls) {
      case wc::month:
      case wc::month_abbr: return at_month(i, h);
      case wc::weekday:
      case wc::weekday_abbr: return at_weekday(i, h.cls == wc::weekday_abbr);
      case wc::day_word: {
        // "USA TODAY": capitals after a capitalised name, in text that is not all capitals
        if (has(i, token_flag::all_upper) && i > lo_ && is_word(i - 1) && has(i - 1, token_flag::all_upper) &&
            cls(i - 1) == wc::none && !(i + 1 < hi_ && is_word(i + 1) && has(i + 1, token_flag::all_upper)))
          return {};
        // yesterday, today; "yesterday morning" is a time
        if (i + 1 < hi_ && cls(i + 1) == wc::part_of_day && has(i + 1, token_flag::all_lower))
          return make(i, i + 2, entity_label::time);
        return make(i, i + 1, entity_label::date);
      }
      case wc::time_word: return make(approx_back(i, false), i + 1, entity_label::time);
      case wc::part_of_day: {
        // this morning, last night, early this morning; "This Morning" capitalised is a programme
        if (i <= floor_ || has(i, token_flag::title) || has(i, token_flag::all_upper)) return {};
        const hit r = lex(i - 1);
        if (r.cls == wc::rel && (r.value == rel_this || r.value == rel_last || r.value == rel_that ||
                                 r.value == rel_next || r.value == rel_previous || r.value == rel_following)) {
          std::uint32_t b = i - 1;
          if ((r.value == rel_previous || r.value == rel_following) && cls_back(b, 1, wc::the)) b -= 1;
          else if (b > floor_ && lex(b - 1).cls == wc::edge) b -= 1;
          return make(b, i + 1, entity_label::time);
        }
        return {};
      }
      case wc::date_unit:
      case wc::time_unit: return at_unit(i, h);
      case wc::season: return at_season(i, h);
      case wc::decade_word: {
        // the sixties, the late seventies, the mid-eighties; "in her sixties" is an age, left alone
        const std::uint32_t b = edge_back(i, true);
        if (b == i || cls(b) != wc::the) return {};
        return make(b, i + 1, entity_label::date);
      }
      case wc::ordinal: return at_ordinal_word(i, h);
      case wc::currency_code: {
        // USD 5 million
        const num n = parse_num(i + 1);
        if (!n.ok || !n.digits) return {};
        return make(approx_back(i, true), n.e, entity_label::money);
      }
      case wc::number:
      case wc::scale:
      case wc::plural_scale:
      case wc::dozen:
      case wc::fraction: {
        const num n = parse_num(i);
        if (!n.ok) return {};
        return after_amount(n);
      }
      default: return {};
    }
  }

  match at_ordinal_word(std::uint32_t i, hit h) const {
    // Part of a capitalised name: First Lady, Second Avenue.
    if (i > lo_ && has(i, token_flag::title) && name_after(i)) return {};
    if (h.value == 2 && (h.flags & f_ambiguous)) {
      // "a second" said alone is a time; "a second term" an ordinal.
      if (i > floor_ && cls(i - 1) == wc::a && (phrase_end(i + 1) || post_after(i + 1, false) != i + 1))
        return make(approx_back(i - 1, false), post_after(i + 1, false), entity_label::time);
    }
    // a third of: a share
    if (h.value >= 3 && h.value <= 10 && i > floor_ && cls(i - 1) == wc::a && i + 1 < hi_ && cls(i + 1) == wc::of)
      return make(approx_back(i - 1, true), i + 1, entity_label::cardinal);
    return at_ordinal(i, i + 1, h.value);
  }

  // Year after a month or season: "March 2024", "March of 2024", "March 5, 2024".
  std::uint32_t year_after(std::uint32_t p) const {
    if (year_at(p)) return p + 1;
    if (p + 1 < hi_ && cls(p) == wc::of && year_at(p + 1)) return p + 2;
    return p;
  }

  match at_month(std::uint32_t i, hit h) const {
    std::uint32_t e = i + 1;
    bool number = false;
    if (day_at(e)) {
      ++e;
      number = true;
      // September 16-19, Sept. 19 to 22
      if (e + 1 < hi_ && (is_dash(e) || cls(e) == wc::to) && day_at(e + 1) && !year_at(e + 1)) e += 2;
      if (year_at(e)) ++e;
      else if (e + 1 < hi_ && is(e, ",") && year_at(e + 1)) e += 2;
    } else {
      const auto y = year_after(e);
      number = y != e;
      e = y;
    }
    const bool abbr = h.cls == wc::month_abbr;
    if (!number) {
      if (abbr) return {};
      if (name_before(i) || name_after(i)) return {};
      if (h.flags & f_ambiguous) {
        // May and March need a date word before them: in May, last March, early May.
        if (i <= lo_) return {};
        const hit pr = lex(i - 1);
        const bool date_word = pr.cls == wc::date_prep || pr.cls == wc::rel || pr.cls == wc::edge ||
                               pr.cls == wc::of || pr.cls == wc::and_ || pr.cls == wc::to || pr.cls == wc::between ||
                               (is_dash(i - 1) && i >= lo_ + 2 && lex(i - 2).cls == wc::edge);
        if (!date_word) return {};
      }
    } else if (name_before(i) && !abbr) {
      return {};  // Theresa May 2024? a name and a number: leave it
    }
    std::uint32_t b = edge_back(i, false);
    if (b == i && i > floor_) {
      const hit r = lex(i - 1);
      if (r.cls == wc::rel && (r.value == rel_last || r.value == rel_next || r.value == rel_this || r.value == rel_past))
        b = i - 1;
    }
    return make(end_of_back(b), e, entity_label::date);
  }

  match at_weekday(std::uint32_t i, bool abbr) const {
    // Cyber Monday, Good Friday: names of days, left to the name rules. Any other capitalised word
    // before a weekday is not part of it: "told the Senate Tuesday".
    if (i > lo_ && has(i - 1, token_flag::title) && cls(i - 1) == wc::day_name) return {};
    std::uint32_t b = i;
    if (i > floor_) {
      const hit r = lex(i - 1);
      if (r.cls == wc::rel && r.value != rel_recent && r.value != rel_these) {
        b = i - 1;
        if ((r.value == rel_following || r.value == rel_previous) && cls_back(b, 1, wc::the)) b -= 1;
      }
    }
    std::uint32_t p = i + 1;
    if (p < hi_ && cls(p) == wc::part_of_day) {
      // Monday night; but "Saturday Night Live", "CBS Sunday Morning" are names
      if (has(p, token_flag::title) || has(p, token_flag::all_upper)) return {};
      return make(b, p + 1, entity_label::time);
    }
    // Monday, March 5(, 2024); Monday 5 March 2024
    std::uint32_t q = (p < hi_ && is(p, ",")) ? p + 1 : p;
    if (month_at(q) && day_at(q + 1)) {
      std::uint32_t e = q + 2;
      if (year_at(e)) ++e;
      else if (e + 1 < hi_ && is(e, ",") && year_at(e + 1)) e += 2;
      return make(b, e, entity_label::date);
    }
    if (day_at(q)) {
      if (const auto e = month_after_day(q + 1)) return make(b, e, entity_label::date);
    }
    if (abbr) return {};  // "Sun." alone may be a newspaper; Mon., Tue. are written in dates
    return make(b, p, entity_label::date);
  }

  // A unit word with no number before it: last week, this year, a day, the past decade, recent
  // years, a few days, years ago, the end of the year, an hour.
  match at_unit(std::uint32_t i, hit h) const {
    const bool plural = h.flags & f_plural;
    const bool time = h.cls == wc::time_unit;
    std::uint32_t b = i;
    bool quantity = false;  // a/few/several before it: a duration, which modifiers of amount may precede
    if (i > floor_) {
      const hit pr = lex(i - 1);
      if (!plural && pr.cls == wc::a) {
        b = i - 1;
        quantity = true;
      } else if (plural && pr.cls == wc::few) {
        b = i - 1;
        if (pr.value == 1 && cls_back(b, 1, wc::a)) b -= 1;
        quantity = true;
      } else if (plural && pr.cls == wc::of && cls_back(i - 1, 1, wc::couple)) {
        b = i - 2;
        if (cls_back(b, 1, wc::a)) b -= 1;
        quantity = true;
      } else if (pr.cls == wc::rel && (plural ? (pr.value == rel_recent || pr.value == rel_past || pr.value == rel_last ||
                                                  pr.value == rel_next || pr.value == rel_coming ||
                                                  pr.value == rel_these || pr.value == rel_previous ||
                                                  pr.value == rel_following)
                                               : pr.value != rel_recent && pr.value != rel_these)) {
        b = i - 1;
        if (pr.value != rel_this && pr.value != rel_that && cls_back(b, 1, wc::the)) {
          b -= 1;
        } else if (b > floor_) {
          // earlier this year, late last year
          const hit ed = lex(b - 1);
          if (ed.cls == wc::edge && ed.value != edge_mid) b -= 1;
        }
      } else if (!plural && pr.cls == wc::the && h.value == unit_weekend) {
        b = i - 1;
      } else if (!plural && pr.cls == wc::the && !time && i >= floor_ + 4 && cls(i - 2) == wc::of &&
                 cls(i - 3) == wc::end_word && cls(i - 4) == wc::the) {
        b = i - 4;  // the end of the year
      }
    }
    // the past few years, the next several months
    if (quantity && b > floor_) {
      const std::uint32_t r = rel_back(b);
      b = r != b ? r : approx_back(b, false);
    }
    std::uint32_t e = and_a_half(i + 1);
    const std::uint32_t post = post_after(e, false);
    if (b == i) {
      // years ago, decades later
      if (!(plural && post != e)) return {};
    }
    e = post;
    return make(b, e, time ? entity_label::time : entity_label::date);
  }

  match at_season(std::uint32_t i, hit h) const {
    std::uint32_t b = i;
    if (i > floor_) {
      const hit pr = lex(i - 1);
      if (pr.cls == wc::rel && (pr.value == rel_this || pr.value == rel_last || pr.value == rel_next ||
                                pr.value == rel_past || pr.value == rel_coming || pr.value == rel_that)) {
        b = i - 1;
        if (pr.value != rel_this && pr.value != rel_that && cls_back(b, 1, wc::the)) b -= 1;
      }
    }
    const std::uint32_t e = year_after(i + 1);
    // the summer, the early spring; "the fall" only with a year after it (the fall of Rome)
    if (b == i) b = edge_back(i, !(h.flags & f_ambiguous) || e != i + 1);
    if (b == i && e == i + 1) return {};  // a season alone: "spring" may be water, "fall" a verb
    if ((h.flags & f_ambiguous) && e == i + 1 && b + 1 == i && cls(b) == wc::the) return {};
    return make(end_of_back(b), e, entity_label::date);
  }
};

}  // namespace detail::values

// Finds the value mentions in tokens [first, end) of `doc` (a sentence, or any run of tokens) and
// calls out(token_id first, token_id end, entity_label) for each, in order. Out-of-range bounds are
// clipped to the token layer.
template <class Out>
  requires std::is_invocable_v<Out&, token_id, token_id, entity_label>
void find_value_mentions(const document_base& doc, std::uint32_t first, std::uint32_t end, Out&& out) {
  const auto n = static_cast<std::uint32_t>(doc.token_count());
  if (end > n) end = n;
  if (first >= end) return;
  detail::values::scanner s(doc, first, end);
  s.run(out);
}

// The same, appended to a vector.
inline void find_value_mentions(const document_base& doc, std::uint32_t first, std::uint32_t end,
                                std::vector<value_mention>& out) {
  find_value_mentions(doc, first, end,
                      [&](token_id b, token_id e, entity_label l) { out.push_back(value_mention{b, e, l}); });
}

// Every value mention of a document, sentence by sentence (the whole token layer as one run when it
// has no sentences).
inline std::vector<value_mention> value_mentions(const document_base& doc) {
  std::vector<value_mention> out;
  const auto& s = doc.sentence_records().items;
  if (s.empty()) {
    find_value_mentions(doc, 0, static_cast<std::uint32_t>(doc.token_count()), out);
  } else {
    for (const auto& r : s) find_value_mentions(doc, r.first_token, r.end_token, out);
  }
  return out;
}


// The canonical form of a value mention, from its words (the mention's tokens as UTF-8):
//   ORDINAL: digits and suffix ("eleventh" -> "11th", "first" -> "1st", "22nd" stays);
//   DATE and TIME: an amount and its unit written out ("30-day" -> "30 days", "24-hour" -> "24
//   hours", "a day" -> "one day"), modifiers of amount dropped ("approximately two hours" -> "two
//   hours", "about a week" -> "one week");
// empty when none of these applies (the mention's own text is then its canonical name).
inline std::string value_canonical(std::span<const std::string_view> words, entity_label label) {
  namespace v = detail::values;
  auto suffixed = [](unsigned n) {
    const unsigned t = n % 100, u = n % 10;
    const char* suf = (t >= 11 && t <= 13) ? "th" : u == 1 ? "st" : u == 2 ? "nd" : u == 3 ? "rd" : "th";
    return std::to_string(n) + suf;
  };
  if (label == entity_label::ordinal) {
    if (words.size() != 1) return {};
    const auto h = v::lookup(words[0]);
    if (h.cls == v::wc::ordinal && h.value >= 1 && h.value <= 100) return suffixed(h.value);
    return {};
  }
  if (label != entity_label::date && label != entity_label::time) return {};
  auto is_unit = [](v::hit h) { return h.cls == v::wc::date_unit || h.cls == v::wc::time_unit; };
  auto plural_of = [](std::string_view unit) {
    if (unit == "century") return std::string("centuries");
    std::string u(unit);
    if (u.empty() || u.back() != 's') u += 's';
    return u;
  };
  std::size_t b = 0;
  while (b + 1 < words.size() && v::lookup(words[b]).cls == v::wc::approx) ++b;
  const auto rest = words.subspan(b);
  // "30-day", "24-hour": amount and unit joined by a hyphen, as one token or as three.
  if (rest.size() == 1 || (rest.size() == 3 && rest[1] == "-")) {
    std::string_view amount, unit;
    if (rest.size() == 3) {
      amount = rest[0], unit = rest[2];
    } else {
      const auto w = rest[0];
      const auto dash = w.find('-');
      if (dash == std::string_view::npos || dash == 0 || w.find('-', dash + 1) != std::string_view::npos) return {};
      amount = w.substr(0, dash), unit = w.substr(dash + 1);
    }
    const auto uh = v::lookup(unit);
    if (!is_unit(uh) || (uh.flags & v::f_plural)) return {};
    bool digits = !amount.empty();
    for (char c : amount) digits = digits && c >= '0' && c <= '9';
    const auto ah = v::lookup(amount);
    if (!digits && ah.cls != v::wc::number) return {};
    const bool one = amount == "1" || (ah.cls == v::wc::number && ah.value == 1);
    return std::string(amount) + ' ' + (one ? std::string(unit) : plural_of(unit));
  }
  // "a day", "an hour", "approximately two hours": amount and unit as two words.
  if (rest.size() == 2 && is_unit(v::lookup(rest[1]))) {
    const auto a = v::lookup(rest[0]);
    const bool article = a.cls == v::wc::a;
    if (!article && b == 0) return {};  // nothing to change
    if (!article && a.cls != v::wc::number) {
      bool digits = !rest[0].empty();
      for (char c : rest[0]) digits = digits && c >= '0' && c <= '9';
      if (!digits) return {};
    }
    return (article ? std::string("one") : std::string(rest[0])) + ' ' + std::string(rest[1]);
  }
  return {};
}

}  // namespace byline
