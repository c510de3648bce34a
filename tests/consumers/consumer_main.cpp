// A user's program: the umbrella header and the default pipeline, nothing else.
#include <byline/byline.hpp>

#include <string_view>

int main() {
  const byline::pipeline nlp;
  auto doc = nlp(std::string_view("The U.S. envoy met Mr. Haddad in Valletta. Talks resume today.\n"));
  // Two sentences, U.S. and Mr. single tokens: the installed headers and their data are whole.
  if (doc.sentences().size() != 2) return 1;
  if (doc[1].text() != "U.S.") return 2;
  return byline::version.empty() ? 3 : 0;
}
