// byline — typed record ids and typed flag sets.
//
// Records refer to records of other layers by id, never by pointer or reference, so layers can grow
// and documents can move. An id names the layer it indexes: id<token_layer> (token_id) cannot be
// passed where an id<sentence_layer> (sentence_id) is expected.
#pragma once

#include <compare>
#include <cstdint>
#include <limits>

namespace byline {

template <class Layer>
struct id {
  std::uint32_t value = std::numeric_limits<std::uint32_t>::max();

  constexpr id() = default;
  constexpr explicit id(std::uint32_t v) noexcept : value(v) {}
  constexpr explicit id(std::size_t v) noexcept : value(static_cast<std::uint32_t>(v)) {}
  constexpr explicit id(int v) noexcept : value(static_cast<std::uint32_t>(v)) {}

  // The id that means "none" (default-constructed).
  static constexpr id none() noexcept { return id{}; }
  constexpr bool valid() const noexcept { return value != std::numeric_limits<std::uint32_t>::max(); }
  constexpr std::uint32_t index() const noexcept { return value; }

  constexpr id& operator++() noexcept { return ++value, *this; }
  constexpr id operator+(std::uint32_t n) const noexcept { return id{value + n}; }
  friend constexpr auto operator<=>(id, id) = default;
};

struct token_layer;
struct sentence_layer;
struct paragraph_layer;
using token_id = id<token_layer>;
using sentence_id = id<sentence_layer>;
using paragraph_id = id<paragraph_layer>;

// A set of flags of one kind: flag_set<token_flag_tag> does not accept a paragraph flag.
template <class Tag, class Bits>
struct flag {
  Bits bits;
  // Implicitly the bits, for the code that stores and combines them in arrays.
  constexpr operator Bits() const noexcept { return bits; }
  friend constexpr flag operator|(flag a, flag b) noexcept { return {static_cast<Bits>(a.bits | b.bits)}; }
};

template <class Tag, class Bits>
class flag_set {
  Bits bits_ = 0;

 public:
  using flag_type = flag<Tag, Bits>;
  constexpr flag_set() = default;
  constexpr explicit flag_set(Bits b) noexcept : bits_(b) {}
  constexpr flag_set(flag_type f) noexcept : bits_(f.bits) {}
  // Whether every flag in f is set.
  constexpr bool has(flag_type f) const noexcept { return (bits_ & f.bits) == f.bits; }
  constexpr bool any(flag_type f) const noexcept { return (bits_ & f.bits) != 0; }
  constexpr Bits bits() const noexcept { return bits_; }
  friend constexpr bool operator==(flag_set, flag_set) = default;
};

}  // namespace byline
