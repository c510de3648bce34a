// Must NOT compile: a component's call operator must be const; the error says so in one line
// (finding 16).
#include <byline/byline.hpp>

struct counter {
  using needs = byline::layers<byline::token_layer>;
  using provides = byline::layers<>;
  int calls = 0;
  template <class Doc>
  void operator()(Doc&, byline::workspace&) {
    ++calls;
  }
};

int main() {
  const auto nlp = byline::news_pipeline{}.then(counter{});
  auto doc = nlp("Kyiv agreed.");
  return static_cast<int>(doc.size());
}
