// A single-pass range over an array of code units: what a generator or a socket reader gives.
// Shared by the tests and the fuzz harnesses, which check that byline reads such ranges once.
#pragma once

#include <cstddef>

namespace byline::testing {

template <class C>
struct input_only_range {
  const C* first;
  const C* last;
  struct iterator {
    const C* p = nullptr;
    using value_type = C;
    using difference_type = std::ptrdiff_t;
    C operator*() const { return *p; }
    iterator& operator++() {
      ++p;
      return *this;
    }
    void operator++(int) { ++p; }
    bool operator==(const iterator& o) const { return p == o.p; }
  };
  iterator begin() const { return {first}; }
  iterator end() const { return {last}; }
};

}  // namespace byline::testing
