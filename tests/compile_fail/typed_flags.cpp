// Must NOT compile: a paragraph flag is not a token flag (finding 13).
#include <byline/byline.hpp>

int main() {
  const byline::news_pipeline nlp;
  auto doc = nlp("Kyiv agreed.");
  return doc.tokens()[0].has(byline::paragraph_flag::boilerplate) ? 1 : 0;
}
