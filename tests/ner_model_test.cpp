#include <byline/entity/default_model.hpp>
#include <byline/entity/ner_trainer.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace byline;

namespace {

std::vector<std::string_view> split(const std::string& s, std::vector<std::string>& store) {
  std::istringstream in(s);
  store.clear();
  for (std::string w; in >> w;) store.push_back(w);
  return {store.begin(), store.end()};
}

// "PER 0 2, PER 3 5" style: the spans of a tagging.
std::vector<ner_span> spans_of(const std::vector<ner_tag>& tags) { return ner_spans(tags); }

bool well_formed(std::span<const ner_tag> tags) {
  ner_tag prev;
  for (auto t : tags) {
    if (!ner_transition_allowed(prev, t)) return false;
    prev = t;
  }
  return !prev.continues();
}

}  // namespace

TEST_CASE("ner_tag: 17 BILOU tags over CoNLL's types") {
  const auto b = ner_tag::make(conll_type::per, 'B');
  CHECK(b.type() == conll_type::per);
  CHECK(b.position() == 'B');
  CHECK(to_string(b) == "B-PER");
  CHECK(to_string(ner_tag::make(conll_type::misc, 'U')) == "U-MISC");
  CHECK(ner_tag::make(conll_type::misc, 'U').value == 16);
  CHECK(ner_tag::make(conll_type::none, 'B').is_outside());
  CHECK(ner_tag::make(conll_type::loc, 'X').is_outside());
  CHECK(ner_tag(200).is_outside());
  CHECK(ner_transition_allowed(b, ner_tag::make(conll_type::per, 'L')));
  CHECK_FALSE(ner_transition_allowed(b, ner_tag::make(conll_type::org, 'L')));
  CHECK_FALSE(ner_transition_allowed(ner_tag{}, ner_tag::make(conll_type::per, 'I')));
}

TEST_CASE("ner_spans and ner_tags_from_spans round-trip; to_iob2 writes what conlleval reads") {
  const std::vector<ner_span> s{{conll_type::per, 0, 2}, {conll_type::loc, 3, 4}, {conll_type::org, 4, 7}};
  const auto tags = ner_tags_from_spans(s, 8);
  CHECK(ner_spans(tags) == s);
  CHECK(to_iob2(tags) == std::vector<std::string>{"B-PER", "I-PER", "O", "B-LOC", "B-ORG", "I-ORG", "I-ORG", "O"});
  // Lenient reading of ill-formed sequences, as conlleval.
  const std::vector<ner_tag> odd{ner_tag::make(conll_type::per, 'I'), ner_tag::make(conll_type::loc, 'L'),
                                 ner_tag::make(conll_type::loc, 'I')};
  CHECK(ner_spans(odd) ==
        std::vector<ner_span>{{conll_type::per, 0, 1}, {conll_type::loc, 1, 2}, {conll_type::loc, 2, 3}});
}

TEST_CASE("the default model finds people and places in sentences we wrote") {
  const auto& m = ner_model::default_model();
  std::vector<std::string> store;
  auto tag = [&](const std::string& s) { return spans_of(m.tag(split(s, store))); };

  CHECK(tag("Vladimir Putin met Donald Trump in Alaska on Friday .") ==
        std::vector<ner_span>{{conll_type::per, 0, 2}, {conll_type::per, 3, 5}, {conll_type::loc, 6, 7}});
  CHECK(tag("Angela Merkel said Germany would back the European Union plan .") ==
        std::vector<ner_span>{{conll_type::per, 0, 2}, {conll_type::loc, 3, 4}, {conll_type::org, 7, 9}});
  CHECK(tag("Prime Minister Keir Starmer spoke in London on Tuesday .") ==
        std::vector<ner_span>{{conll_type::per, 2, 4}, {conll_type::loc, 6, 7}});
  CHECK(tag("the weather was fine and nobody was there .").empty());
}

TEST_CASE("the default model: empty documents, empty words, odd bytes") {
  const auto& m = ner_model::default_model();
  CHECK(m.tag(std::span<const std::string_view>{}).empty());
  ner_workspace ws;
  std::vector<ner_tag> out;
  m.tag({}, {}, {}, out, ws);
  // Empty words, invalid UTF-8, NUL bytes, a lone continuation byte.
  const std::vector<std::string_view> odd{"", std::string_view("\xff\xfe", 2), std::string_view("a\0b", 3), "\x80",
                                          "\xe2\x80", "Z\xc3\xa9rich"};
  const auto t = m.tag(odd);
  CHECK(t.size() == odd.size());
  CHECK(well_formed(t));
}

TEST_CASE("the default model: curly quotes and dashes read like CoNLL's ASCII") {
  const auto& m = ner_model::default_model();
  std::vector<std::string> store;
  const auto a = m.tag(split("\"Boris Johnson\" – he said in Paris .", store));
  const auto b = m.tag(split("\xe2\x80\x9c" "Boris Johnson\xe2\x80\x9d \xe2\x80\x93 he said in Paris .", store));
  CHECK(a == b);
}

TEST_CASE("the default model on all-caps text and a very long sentence stays well formed") {
  const auto& m = ner_model::default_model();
  std::vector<std::string> store;
  const auto caps = m.tag(split("VLADIMIR PUTIN MET DONALD TRUMP IN ALASKA ON FRIDAY .", store));
  CHECK(well_formed(caps));
  CHECK(std::count_if(caps.begin(), caps.end(), [](ner_tag t) { return !t.is_outside(); }) >= 1);

  // 200,000 words in one sentence.
  std::vector<std::string> words;
  const char* vocab[] = {"Reuters", "said", "the", "minister", "Paris", "of", "Anna", "Schmidt", ",", "and", "."};
  for (std::size_t i = 0; i < 200000; ++i) words.push_back(vocab[(i * 7 + i / 3) % std::size(vocab)]);
  const std::vector<std::string_view> v(words.begin(), words.end());
  const auto t = m.tag(v);
  CHECK(t.size() == v.size());
  CHECK(well_formed(t));
}

TEST_CASE("100,000 repetitions of one name cost one cached word type") {
  const auto& m = ner_model::default_model();
  std::vector<std::string_view> words;
  std::vector<std::uint32_t> starts;
  for (std::uint32_t i = 0; i < 100000; ++i) {
    starts.push_back(static_cast<std::uint32_t>(words.size()));
    for (const char* w : {"Clinton", "said", "."}) words.push_back(w);
  }
  ner_workspace ws;
  std::vector<ner_tag> out(words.size());
  m.tag(words, starts, {}, out, ws);
  CHECK(ws.cached_types() == 3);
  CHECK(well_formed(out));
  CHECK(out[0].type() == conll_type::per);
  CHECK(out[words.size() - 3].type() == conll_type::per);
  // The name alone, 100,000 times in one sentence: linear, well formed.
  words.assign(100000, "Clinton");
  out.resize(words.size());
  m.tag(words, {}, {}, out, ws);
  CHECK(well_formed(out));
}

TEST_CASE("tag() checks its arguments") {
  const auto& m = ner_model::default_model();
  ner_workspace ws;
  const std::vector<std::string_view> w{"Anna", "ran", "."};
  std::vector<ner_tag> out(2);
  CHECK_THROWS_AS(m.tag(w, {}, {}, out, ws), std::invalid_argument);
  out.resize(3);
  const std::vector<std::uint32_t> bad_starts{0, 2, 1};
  CHECK_THROWS_AS(m.tag(w, bad_starts, {}, out, ws), std::invalid_argument);
  const std::vector<std::uint32_t> far_starts{0, 9};
  CHECK_THROWS_AS(m.tag(w, far_starts, {}, out, ws), std::invalid_argument);
  const std::vector<std::uint64_t> ids{1, 2};
  const std::vector<std::uint32_t> short_offsets{0, 1};
  CHECK_THROWS_AS(m.tag(w, {}, {ids, short_offsets}, out, ws), std::invalid_argument);
  const std::vector<std::uint32_t> past_end{0, 1, 2, 5};
  CHECK_THROWS_AS(m.tag(w, {}, {ids, past_end}, out, ws), std::invalid_argument);
  const std::vector<std::uint32_t> ok_offsets{0, 1, 2, 2};
  CHECK_NOTHROW(m.tag(w, {}, {ids, ok_offsets}, out, ws));
  // Sentence starts without 0, or ending at the document's end, are fine.
  const std::vector<std::uint32_t> starts{1, 3};
  CHECK_NOTHROW(m.tag(w, starts, {}, out, ws));
}

TEST_CASE("one model, many threads: the same tags as one thread") {
  const auto& m = ner_model::default_model();
  std::vector<std::string> store;
  const std::string text =
      "Emmanuel Macron flew to Berlin to meet Olaf Scholz . The United Nations said talks in Geneva would "
      "resume . Toyota and Volkswagen reported results on Monday .";
  const auto words = split(text, store);
  const auto expected = m.tag(words);
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int k = 0; k < 4; ++k)
    threads.emplace_back([&, k] {
      ner_workspace ws;
      std::vector<ner_tag> out(words.size());
      int good = 1;
      for (int r = 0; r < 200; ++r) {
        m.tag(words, {}, {}, out, ws);
        good &= out == expected;
        good &= m.tag(words) == expected;  // the thread_local workspace
      }
      ok[static_cast<std::size_t>(k)] = good;
    });
  for (auto& t : threads) t.join();
  CHECK(ok == std::vector<int>(4, 1));
}

TEST_CASE("a workspace moves between models") {
  // Two models of different weights, one workspace: each answers as with a fresh workspace.
  const auto& m = ner_model::default_model();
  ner_weights w;  // an empty model: everything O
  const ner_model empty(w);
  std::vector<std::string> store;
  const auto words = split("Angela Merkel visited Paris .", store);
  ner_workspace ws;
  std::vector<ner_tag> a(words.size()), b(words.size());
  m.tag(words, {}, {}, a, ws);
  empty.tag(words, {}, {}, b, ws);
  CHECK(b == std::vector<ner_tag>(words.size()));
  m.tag(words, {}, {}, b, ws);
  CHECK(a == b);
}

TEST_CASE("saved weights load back and tag the same; broken bytes are refused") {
  // A small model, trained here on sentences we wrote.
  std::vector<ner_training_document> docs;
  auto add = [&](std::vector<std::string> words, std::vector<ner_span> spans) {
    ner_training_document d;
    d.gold = ner_tags_from_spans(spans, words.size());
    d.words = std::move(words);
    d.sentence_starts = {0};
    docs.push_back(std::move(d));
  };
  add({"Maria", "Lopez", "lives", "in", "Lisbon", "."}, {{conll_type::per, 0, 2}, {conll_type::loc, 4, 5}});
  add({"Peter", "Novak", "visited", "Oslo", "."}, {{conll_type::per, 0, 2}, {conll_type::loc, 3, 4}});
  add({"The", "bank", "Nordea", "opened", "."}, {{conll_type::org, 2, 3}});
  ner_trainer tr(docs, {.features = ner_feature::all});
  for (int e = 0; e < 5; ++e) tr.train_epoch();
  const auto w = tr.weights();
  const auto bytes = save_ner_weights(w);
  const auto loaded = load_ner_weights(bytes);
  CHECK(loaded.features == w.features);
  const ner_model a(w), b(loaded);
  std::vector<std::string> store;
  for (const char* s : {"Maria Lopez visited Oslo .", "Peter Novak lives in Lisbon .", "The bank Nordea ."}) {
    const auto words = split(s, store);
    CHECK(a.tag(words) == b.tag(words));
  }
  // Base64 round trip.
  std::string back;
  base64_decode_append(base64_encode(bytes), back);
  CHECK(back == bytes);
  // Every truncation is refused or loads; none crashes.
  for (std::size_t n = 0; n < bytes.size(); n += 7) {
    try {
      (void)load_ner_weights(std::string_view(bytes).substr(0, n));
    } catch (const std::runtime_error&) {
    }
  }
  CHECK_THROWS_AS(load_ner_weights("not weights at all, really"), std::runtime_error);
}

TEST_CASE("extra features: a caller's ids steer a model trained with them") {
  // Words that say nothing by themselves (all lower case, unseen shapes alike); an extra feature
  // marks the names, as a gazetteer would.
  const auto gaz = ner_model::extra_feature_id("gazetteer:person");
  // Names and other words alike: random lower-case letters, in random places.
  std::uint64_t state = 12345;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state >> 33);
  };
  auto random_word = [&] {
    std::string w;
    for (std::uint32_t k = 0, n = 5 + next() % 3; k < n; ++k) w += static_cast<char>('a' + next() % 26);
    return w;
  };
  std::vector<ner_training_document> docs;
  for (int d = 0; d < 60; ++d) {
    ner_training_document doc;
    doc.sentence_starts = {0};
    for (int i = 0; i < 10; ++i) {
      const bool is_name = next() % 3 == 0;
      doc.words.push_back(random_word());
      doc.gold.push_back(is_name ? ner_tag::make(conll_type::per, 'U') : ner_tag{});
      doc.extra_offsets.push_back(static_cast<std::uint32_t>(doc.extra_ids.size()));
      if (is_name) doc.extra_ids.push_back(gaz);
    }
    doc.extra_offsets.push_back(static_cast<std::uint32_t>(doc.extra_ids.size()));
    docs.push_back(std::move(doc));
  }
  ner_trainer tr(docs, {.features = ner_feature::baseline | ner_feature::extra});
  for (int e = 0; e < 10; ++e) tr.train_epoch();
  const ner_model m(load_ner_weights(save_ner_weights(tr.weights())));

  // Words it never saw: only the extra feature can tell.
  const std::vector<std::string_view> words{"blorp", "and", "snerk", "went", "home"};
  const std::vector<std::uint64_t> ids{gaz, gaz};
  const std::vector<std::uint32_t> offsets{0, 1, 1, 2, 2, 2};
  ner_workspace ws;
  std::vector<ner_tag> with(words.size()), without(words.size());
  m.tag(words, {}, {ids, offsets}, with, ws);
  m.tag(words, {}, {}, without, ws);
  CHECK(with[0] == ner_tag::make(conll_type::per, 'U'));
  CHECK(with[2] == ner_tag::make(conll_type::per, 'U'));
  CHECK(with[1].is_outside());
  CHECK(std::none_of(without.begin(), without.end(), [](ner_tag t) { return t.type() == conll_type::per; }));
  // The shipped model is trained with the group (the extractor's features.hpp ids, which it passes).
  CHECK(ner_model::default_model().features() & ner_feature::extra);
}

TEST_CASE("the document history: a word tagged earlier in a document counts later") {
  // With the default model, a surname alone is more often PER after the full name came first in the
  // same document; at least it must not change tags across documents (each starts afresh).
  const auto& m = ner_model::default_model();
  std::vector<std::string> store;
  const auto words = split("Anna Kowalczyk spoke . Kowalczyk spoke .", store);
  const std::vector<std::uint32_t> starts{0, 4};
  ner_workspace ws;
  std::vector<ner_tag> first(words.size()), again(words.size());
  m.tag(words, starts, {}, first, ws);
  m.tag(words, starts, {}, again, ws);
  CHECK(first == again);
  CHECK(first[1].type() == conll_type::per);
  CHECK(first[4].type() == conll_type::per);
}

TEST_CASE("cached sums round as lround does and stay within a fifth of the 16-bit range") {
  namespace n = byline::detail::ner;
  const auto expected = [](float x) {
    return static_cast<std::int16_t>(std::clamp(std::lround(x / n::entry_unit), -n::max_role_units, n::max_role_units));
  };
  // Halves in both directions, values just either side of them, zero, and the clamp's edges.
  std::vector<float> xs = {0.0f, -0.0f, 1.0f / 64, -1.0f / 64, 3.0f / 64, -3.0f / 64, 204.8f, -204.8f, 204.9f,
                           -205.0f, 1000.0f, -1e6f, 1e6f, 0.4999999f / 32, -0.4999999f / 32};
  for (float x = -210.0f; x <= 210.0f; x += 0.0078125f / 3) xs.push_back(x);
  for (float base : {1.0f / 64, 3.0f / 64, 101.0f / 64})
    for (float x = base, y = base, k = 0; k < 4; ++k) {
      x = std::nextafter(x, 10.0f), y = std::nextafter(y, -10.0f);
      xs.insert(xs.end(), {x, y, -x, -y});
    }
  for (const float x : xs) {
    INFO(x);
    CHECK(n::to_units(x) == expected(x));
  }
  // Past what lround can return (it gives no defined answer there), the sums still saturate.
  CHECK(n::to_units(1e30f) == n::max_role_units);
  CHECK(n::to_units(-1e30f) == -n::max_role_units);
  CHECK(5 * n::max_role_units <= 32767);
}
