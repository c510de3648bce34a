// byline — what the segmenters have in common: a segment (a view of the caller's code units with
// its offsets and a status) and the lazy view that walks from one boundary to the next.
//
// Lifetime and threading: a boundary view over a forward range reads the caller's text in place and
// must not outlive it; a view over a single-pass range (std::istreambuf_iterator, a generator)
// copies the text once, on the first begin(), into a buffer the view owns, and its segments point
// into that buffer. Views are cheap to copy; two threads may walk copies of one view at once.
#pragma once

#include <byline/unicode/utf.hpp>

#include <cstddef>
#include <iterator>
#include <memory>
#include <ranges>
#include <string>
#include <string_view>
#include <utility>

namespace byline {

// A half-open range [begin, end) of code units of the caller's text.
struct span_offsets {
  std::size_t begin = 0;
  std::size_t end = 0;
  constexpr std::size_t size() const noexcept { return end - begin; }
  constexpr bool empty() const noexcept { return begin == end; }
  friend constexpr bool operator==(const span_offsets&, const span_offsets&) = default;
};

}  // namespace byline

namespace byline::segment {

// One segment: iterable as the code units it covers.
template <class I, class Status>
class basic_segment {
  I first_{}, last_{};
  span_offsets offsets_{};
  Status status_{};

 public:
  using status_type = Status;
  basic_segment() = default;
  constexpr basic_segment(I first, I last, span_offsets o, Status s)
      : first_(std::move(first)), last_(std::move(last)), offsets_(o), status_(s) {}

  constexpr I begin() const { return first_; }
  constexpr I end() const { return last_; }
  constexpr span_offsets offsets() const noexcept { return offsets_; }
  constexpr std::size_t size() const noexcept { return offsets_.size(); }
  constexpr Status status() const noexcept { return status_; }

  // The segment's text, without copying, when the source is contiguous.
  constexpr auto text() const
    requires std::contiguous_iterator<I>
  {
    using C = std::remove_cv_t<std::iter_value_t<I>>;
    return std::basic_string_view<C>(std::to_address(first_), offsets_.size());
  }
};

namespace detail {

// What an engine says about the segment that starts at a boundary: where it ends, how many code units
// it spans, and its status.
template <class I, class Status>
struct step {
  I last;
  std::size_t length;
  Status status;
};

// Walks code units and counts them only when the iterator cannot count for itself.
template <unicode::encoding E, std::forward_iterator I, std::sentinel_for<I> S>
struct reader {
  static constexpr bool counts = !std::sized_sentinel_for<I, I>;
  I it;
  S end;
  std::size_t n = 0;

  constexpr bool at_end() const { return it == end; }
  constexpr std::uint32_t unit() const { return unicode::detail::unit_value(*it); }
  constexpr void bump() {
    ++it;
    if constexpr (counts) ++n;
  }
  // Decodes the code point at `it`; `next` and `len` say where it ends.
  constexpr char32_t peek(I& next, std::uint8_t& len) const {
    auto d = unicode::decode<E>(it, end);
    next = d.next;
    len = d.length;
    return d.code_point;
  }
  constexpr void jump(I next, std::uint8_t len) {
    it = std::move(next);
    if constexpr (counts) n += len;
  }
  constexpr char32_t take() {
    auto d = unicode::decode<E>(it, end);
    it = d.next;
    if constexpr (counts) n += d.length;
    return d.code_point;
  }
  constexpr std::size_t length_from(const I& first) const {
    if constexpr (counts)
      return n;
    else
      return static_cast<std::size_t>(it - first);
  }
  template <class Status>
  constexpr step<I, Status> done(const I& first, Status s) const {
    return {it, length_from(first), s};
  }
};

template <class Engine, class I, class S>
constexpr auto engine_next(I first, S last) {
  using C = std::remove_cv_t<std::iter_value_t<I>>;
  return Engine::template next<unicode::encoding_of<C>>(std::move(first), std::move(last));
}

}  // namespace detail

// A lazy view of the segments of a forward range of code units. Engine decides where each ends.
template <std::ranges::forward_range V, class Engine>
  requires std::ranges::view<V> && unicode::text_range<V>
class boundary_view : public std::ranges::view_interface<boundary_view<V, Engine>> {
  V base_{};
  using I = std::ranges::iterator_t<const V>;
  using S = std::ranges::sentinel_t<const V>;
  using Status = typename Engine::status_type;

 public:
  using segment_type = typename Engine::template segment<I>;

  class iterator {
    I cur_{};
    S end_{};
    std::size_t offset_ = 0;
    detail::step<I, Status> next_{};

    constexpr void load() {
      if (cur_ != end_) next_ = detail::engine_next<Engine>(cur_, end_);
    }

   public:
    using value_type = segment_type;
    using difference_type = std::ptrdiff_t;
    using iterator_concept = std::forward_iterator_tag;
    using iterator_category = std::input_iterator_tag;  // yields values, not references
    iterator() = default;
    constexpr iterator(I first, S last) : cur_(std::move(first)), end_(std::move(last)) { load(); }

    constexpr segment_type operator*() const {
      return {cur_, next_.last, {offset_, offset_ + next_.length}, next_.status};
    }
    constexpr iterator& operator++() {
      cur_ = next_.last;
      offset_ += next_.length;
      load();
      return *this;
    }
    constexpr iterator operator++(int) {
      auto t = *this;
      ++*this;
      return t;
    }
    // Offset of the segment this iterator is at (the text's length at the end).
    constexpr std::size_t offset() const noexcept { return offset_; }
    friend constexpr bool operator==(const iterator& a, const iterator& b) { return a.offset_ == b.offset_; }
    friend constexpr bool operator==(const iterator& a, std::default_sentinel_t) { return a.cur_ == a.end_; }
  };

  boundary_view() requires std::default_initializable<V> = default;
  constexpr explicit boundary_view(V base) : base_(std::move(base)) {}
  constexpr iterator begin() const { return iterator(std::ranges::begin(base_), std::ranges::end(base_)); }
  constexpr std::default_sentinel_t end() const noexcept { return {}; }
  constexpr const V& base() const& noexcept { return base_; }
};

// The same over a single-pass range: the text is read once, on the first begin(), into a buffer
// that copies of the view share, because the range itself cannot be read twice.
template <std::ranges::input_range V, class Engine>
  requires std::ranges::view<V> && unicode::text_range<V>
class buffered_boundary_view : public std::ranges::view_interface<buffered_boundary_view<V, Engine>> {
  using C = unicode::code_unit_of<V>;
  using inner = boundary_view<std::basic_string_view<C>, Engine>;
  struct state {
    V base;
    std::basic_string<C> text;
    bool read = false;
  };
  std::shared_ptr<state> state_;

 public:
  using segment_type = typename inner::segment_type;
  using iterator = typename inner::iterator;

  buffered_boundary_view() = default;
  explicit buffered_boundary_view(V base) : state_(std::make_shared<state>(state{std::move(base), {}, false})) {}

  iterator begin() const {
    if (!state_->read) {
      for (auto&& u : state_->base) state_->text.push_back(static_cast<C>(u));
      state_->read = true;
    }
    return inner(std::basic_string_view<C>(state_->text)).begin();
  }
  std::default_sentinel_t end() const noexcept { return {}; }
  // The copied text that the segments point into.
  std::basic_string_view<C> buffer() const {
    (void)begin();
    return state_->text;
  }
};

namespace detail {

// The function object behind words(), sentences() and graphemes(): picks the in-place or the
// buffered view by what the range allows.
template <class Engine>
struct segmenter_fn {
  template <class R>
    requires unicode::text_range<unicode::text_view_t<R>>
  constexpr auto operator()(R&& r) const {
    auto v = unicode::detail::as_text_view(std::forward<R>(r));
    using VT = decltype(v);
    if constexpr (std::ranges::forward_range<const VT>)
      return boundary_view<VT, Engine>(std::move(v));
    else
      return buffered_boundary_view<VT, Engine>(std::move(v));
  }
};

}  // namespace detail
}  // namespace byline::segment

template <class V, class E>
inline constexpr bool std::ranges::enable_borrowed_range<byline::segment::boundary_view<V, E>> =
    std::ranges::enable_borrowed_range<V>;
