// Must NOT compile: borrowing a temporary string would leave the document reading freed memory.
#include <byline/byline.hpp>

#include <string>

int main() {
  const byline::news_pipeline nlp;
  auto doc = nlp(byline::borrow(std::string("Kyiv agreed.")));
  return static_cast<int>(doc.size());
}
