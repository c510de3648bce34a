// Minimal byline consumer: compiles against the public headers and links
// byline::byline. Keep it trivial; more headers may be included later.
#include <byline/version.hpp>

int main() {
    return byline::version.empty() ? 1 : 0;
}
