// Must NOT compile: README's old composition example. The sentence splitter needs paragraphs, and
// nothing before it provides them; the error names the component and the missing layer.
#include <byline/byline.hpp>

int main() {
  const byline::pipeline nlp{byline::tokenizer{}, byline::sentence_splitter{}};
  auto doc = nlp("Kyiv agreed.");
  (void)doc;
}
