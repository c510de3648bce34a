// Must NOT compile: a component written for UTF-8 documents only (byline::document&) cannot run on
// UTF-16 text, and the error says how to fix it (finding 16).
#include <byline/byline.hpp>

struct utf8_only {
  using needs = byline::layers<byline::token_layer>;
  using provides = byline::layers<>;
  void operator()(byline::document&, byline::workspace&) const {}
};

int main() {
  const auto nlp = byline::news_pipeline{}.then(utf8_only{});
  auto doc = nlp(u"Kyiv agreed.");
  return static_cast<int>(doc.size());
}
