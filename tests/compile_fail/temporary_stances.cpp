// Must NOT compile: stances and their aggregation live in the document; a temporary document's
// would dangle at the end of the statement.
#include <byline/byline.hpp>

int main() {
  const byline::news_pipeline nlp;
  int n = 0;
  for (auto s : nlp("Kyiv agreed to the terms. Moscow rejected them.").stances()) n += s.negated() ? 1 : 2;
  const auto& summary = nlp("Kyiv agreed to the terms.").stance_summary();
  return n + static_cast<int>(summary.by_target.size());
}
