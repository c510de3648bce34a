// pipe(): many documents on all cores, in input order, surviving errors, temporaries and early exits.
#include <byline/byline.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

namespace {

struct call_counter {
  using needs = byline::layers<>;
  using provides = byline::layers<>;
  std::atomic<int>* calls;
  template <class Doc>
  void operator()(Doc&, byline::workspace&) const {
    ++*calls;
  }
};

// Throws on any document that mentions "poison".
struct poison_detector {
  using needs = byline::layers<byline::token_layer>;
  using provides = byline::layers<>;
  template <class Doc>
  void operator()(Doc& doc, byline::workspace&) const {
    for (auto t : doc.tokens())
      if (t.text() == "poison") throw std::runtime_error("poisoned at byte " + std::to_string(t.offsets().begin));
  }
};

std::vector<std::string> stories(int n) {
  std::vector<std::string> texts;
  for (int i = 0; i < n; ++i)
    texts.push_back(std::string(static_cast<std::size_t>(i % 17), 'x') + " story " + std::to_string(i) + ".");
  return texts;
}

std::vector<std::string> load() { return stories(100); }

}  // namespace

TEST_CASE("pipe() yields every document in input order", "[pipe]") {
  std::atomic<int> calls{0};
  const byline::pipeline nlp{byline::tokenizer{}, call_counter{&calls}};
  const auto texts = stories(300);

  SECTION("over a vector of strings: the documents own copies") {
    std::size_t i = 0;
    for (auto& r : nlp.pipe(texts, 4)) {
      REQUIRE(r);
      STATIC_REQUIRE(std::is_same_v<std::remove_cvref_t<decltype(*r)>, byline::document>);
      CHECK(r->text() == texts[i]);
      CHECK(r->text().data() != texts[i].data());
      ++i;
    }
    CHECK(i == texts.size());
    CHECK(calls == 300);
  }
  SECTION("over borrowed texts: the documents read them in place") {
    std::vector<byline::borrowed_text<char>> borrowed;
    for (const auto& t : texts) borrowed.push_back(byline::borrow(t));
    std::size_t i = 0;
    for (auto& r : nlp.pipe(borrowed)) {
      STATIC_REQUIRE(std::is_same_v<std::remove_cvref_t<decltype(*r)>, byline::borrowed_document>);
      CHECK(r->text().data() == texts[i].data());
      ++i;
    }
    CHECK(i == texts.size());
  }
  SECTION("over strings made on the fly") {
    auto made = texts | std::views::transform([](const std::string& s) { return s + "!"; });
    std::size_t i = 0;
    for (auto& r : nlp.pipe(made)) {
      CHECK(r->text() == texts[i] + "!");
      ++i;
    }
    CHECK(i == texts.size());
  }
  SECTION("over a single-pass range of words") {
    std::string all;
    for (auto& t : texts) all += t + "\n";
    std::istringstream in(all);
    auto words = std::views::istream<std::string>(in);  // read once
    std::vector<std::string> got;
    for (auto& r : nlp.pipe(words, 2)) got.emplace_back(r->text());
    std::istringstream again(all);
    std::vector<std::string> want;
    for (std::string w; again >> w;) want.push_back(w);
    CHECK(got == want);
  }
  SECTION("an empty range") {
    std::vector<std::string> none;
    int n = 0;
    for (auto& r : nlp.pipe(none)) n += static_cast<int>(r->size());
    CHECK(n == 0);
    CHECK(calls == 0);
  }
}

TEST_CASE("pipe(): leaving early stops handing out work and waits for what is in flight", "[pipe]") {
  std::atomic<int> calls{0};
  const byline::pipeline nlp{byline::tokenizer{}, call_counter{&calls}};
  const auto texts = stories(2000);
  {
    auto view = nlp.pipe(texts, 2);
    int seen = 0;
    for (auto& r : view) {
      (void)r;
      if (++seen == 5) break;
    }
  }  // the view is gone: no worker may still be running
  const int after = calls.load();
  // Two threads keep at most two batches of eight each in flight, plus the batch being read.
  CHECK(after >= 5);
  CHECK(after <= 5 * 8 + 8);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CHECK(calls.load() == after);
}

TEST_CASE("pipe(): a component that throws fails its document, not the batch (finding 3)", "[pipe]") {
  const byline::pipeline nlp{byline::tokenizer{}, poison_detector{}};
  auto texts = stories(50);
  texts[3] = "a poison pill";
  texts[17] = "more poison here";
  texts[49] = "poison at the end";

  std::vector<std::size_t> failed;
  std::size_t i = 0, ok = 0;
  for (auto& r : nlp.pipe(texts, 2)) {
    if (!r) {
      failed.push_back(i);
      CHECK(r.error_message().rfind("poisoned at byte", 0) == 0);
      CHECK_THROWS_AS(r.value(), std::runtime_error);  // the error, rethrown when asked for
    } else {
      CHECK(r->text() == texts[i]);
      ++ok;
    }
    ++i;
  }
  CHECK(failed == std::vector<std::size_t>{3, 17, 49});
  CHECK(ok == 47);

  SECTION("the exception reaches a caller who does not check") {
    std::size_t reached = 0;
    try {
      for (auto& r : nlp.pipe(texts)) {
        (void)r->text();  // throws at document 3
        ++reached;
      }
      FAIL("the poisoned document should have thrown");
    } catch (const std::runtime_error& e) {
      CHECK(std::string(e.what()) == "poisoned at byte 2");
    }
    CHECK(reached == 3);
  }
  SECTION("leaving the loop at the error is clean") {
    for (auto& r : nlp.pipe(texts))
      if (!r) break;
  }
}

TEST_CASE("pipe() on a temporary pipeline and a temporary container (finding 4)", "[pipe]") {
  std::size_t n = 0;
  for (auto& r : byline::pipeline{byline::tokenizer{}, byline::paragraph_segmenter{}, byline::sentence_splitter{}}.pipe(
           load(), 2)) {
    CHECK(r->sentences().size() == 1);
    CHECK(r->text() == "" + std::string(n % 17, 'x') + " story " + std::to_string(n) + ".");
    ++n;
  }
  CHECK(n == 100);
  // Kept for later: the view owns the pipeline and the texts.
  auto later = byline::news_pipeline{}.pipe(load(), 2);
  std::size_t m = 0;
  for (auto& r : later) m += r->tokens().size() > 0;
  CHECK(m == 100);
}

TEST_CASE("pipe(): a thread that cannot start is an exception, not the end of the process", "[pipe]") {
  const byline::news_pipeline nlp;
  const auto texts = stories(10);
  byline::detail::before_thread_start = [](unsigned index) {
    if (index == 1) throw std::system_error(std::make_error_code(std::errc::resource_unavailable_try_again));
  };
  CHECK_THROWS_AS(nlp.pipe(texts, 4), std::system_error);
  byline::detail::before_thread_start = nullptr;
  std::size_t n = 0;
  for (auto& r : nlp.pipe(texts, 4)) n += r.has_value();
  CHECK(n == 10);
}
