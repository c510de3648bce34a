// Must NOT compile: the sentence splitter needs tokens, and nothing before it provides them.
// tests/CMakeLists.txt compiles this and expects the pipeline's static_assert message.
#include <byline/pipeline.hpp>
#include <byline/tokenize/sentences.hpp>
#include <byline/tokenize/tokenizer.hpp>

int main() {
  const byline::pipeline wrong_order{byline::sentence_splitter{}, byline::tokenizer{}};
  (void)wrong_order;
}
