// Must NOT compile: without <byline/default_pipeline.hpp>, `byline::pipeline nlp;` would be an
// empty pipeline that silently finds nothing (finding 10); it names the news pipeline instead,
// whose components this file has not included.
#include <byline/pipeline.hpp>

int main() {
  const byline::pipeline nlp;
  auto doc = nlp("Kyiv agreed.");
  return static_cast<int>(doc.size());
}
