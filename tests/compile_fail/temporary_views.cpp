// Must NOT compile: views of a temporary document dangle at the end of the statement (finding 2).
#include <byline/byline.hpp>

int main() {
  const byline::news_pipeline nlp;
  int n = 0;
  for (auto s : nlp("Kyiv agreed. Moscow did not.").sentences()) n += static_cast<int>(s.size());
  return n;
}
