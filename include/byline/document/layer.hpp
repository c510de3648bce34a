// byline — layers: what a document holds besides its text, keyed by type.
//
// A layer is a type: a movable, default-constructible struct with a name.
//
//   struct shout_layer {
//     static constexpr std::string_view name = "shouts";      // its JSON member, its error messages
//     std::vector<byline::token_id> token;                    // struct of arrays, ids into other layers
//     void write_json(byline::io::json_out& j) const;         // optional: its JSON value
//     void validate(const byline::document_base&, std::vector<std::string>& problems) const;  // optional
//     std::size_t memory_bytes() const;                       // optional
//   };
//
// Components say which layers they need and provide as type lists (byline::layers<...>). The
// document keeps each layer in a node of its own, so a layer stays where it is while others are
// added, and remembers which layers each was built on, so that replacing a layer clears the layers
// built on it.
#pragma once

#include <byline/document/ids.hpp>

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace byline {

namespace io {
class json_out;
}
class document_base;

template <class L>
concept layer_type = std::is_class_v<L> && std::default_initializable<L> && std::movable<L> && requires {
  { L::name } -> std::convertible_to<std::string_view>;
};

// A list of layer types: what a component needs or provides.
template <layer_type... Ls>
struct layers {
  static constexpr std::size_t size = sizeof...(Ls);
};

// Thrown when a component runs on a document that lacks a layer it needs, or when a layer that is
// not there is asked for.
class missing_layer : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

namespace detail {

// One address per layer type: the key of its node in the document.
template <class L>
inline constexpr char layer_key_v = 0;
template <class L>
constexpr const void* layer_key() noexcept {
  return &layer_key_v<L>;
}

// The name of a type as the compiler spells it, for error messages.
template <class T>
constexpr std::string_view type_name() noexcept {
#if defined(__clang__) || defined(__GNUC__)
  std::string_view p = __PRETTY_FUNCTION__;
  const auto at = p.find("T = ");
  if (at == std::string_view::npos) return p;
  p.remove_prefix(at + 4);
  const auto stop = p.find_first_of(";]");
  return p.substr(0, stop);
#else
  return "component";
#endif
}

template <class C>
constexpr std::string_view component_name() noexcept {
  if constexpr (requires { { C::name } -> std::convertible_to<std::string_view>; })
    return C::name;
  else
    return type_name<C>();
}

struct span_group_data;

class layer_node_base {
 public:
  virtual ~layer_node_base() = default;
  virtual std::unique_ptr<layer_node_base> clone() const = 0;
  virtual bool has_json() const noexcept = 0;
  virtual void write_json(io::json_out&) const = 0;
  virtual void validate(const document_base&, std::vector<std::string>&) const = 0;
  virtual std::size_t memory_bytes() const noexcept = 0;
  // The labelled spans of a span group layer, nullptr for other layers.
  virtual const span_group_data* spans() const noexcept { return nullptr; }
  virtual void* get() noexcept = 0;
  virtual const void* get() const noexcept = 0;
};

template <layer_type L>
class layer_node final : public layer_node_base {
 public:
  L layer;

  std::unique_ptr<layer_node_base> clone() const override {
    auto n = std::make_unique<layer_node>();
    n->layer = layer;
    return n;
  }
  bool has_json() const noexcept override { return requires(const L& l, io::json_out& j) { l.write_json(j); }; }
  void write_json(io::json_out& j) const override {
    if constexpr (requires(io::json_out& jj) { layer.write_json(jj); }) layer.write_json(j);
  }
  void validate(const document_base& d, std::vector<std::string>& problems) const override {
    if constexpr (requires { layer.validate(d, problems); }) layer.validate(d, problems);
  }
  std::size_t memory_bytes() const noexcept override {
    if constexpr (requires { { layer.memory_bytes() } -> std::convertible_to<std::size_t>; })
      return layer.memory_bytes();
    else
      return sizeof(L);
  }
  const span_group_data* spans() const noexcept override {
    if constexpr (requires { { layer.span_data() } -> std::convertible_to<const span_group_data*>; })
      return layer.span_data();
    else
      return nullptr;
  }
  void* get() noexcept override { return &layer; }
  const void* get() const noexcept override { return &layer; }
};

// The layers of one document, in the order they were added.
class layer_table {
 public:
  struct entry {
    const void* key;
    std::string_view name;
    std::unique_ptr<layer_node_base> node;
    std::vector<const void*> built_on;  // the layers it was made from
  };

  layer_table() = default;
  layer_table(layer_table&&) noexcept = default;
  layer_table& operator=(layer_table&&) noexcept = default;
  layer_table clone() const {
    layer_table t;
    t.entries_.reserve(entries_.size());
    for (const auto& e : entries_) t.entries_.push_back({e.key, e.name, e.node->clone(), e.built_on});
    return t;
  }

  const entry* find(const void* key) const noexcept {
    for (const auto& e : entries_)
      if (e.key == key) return &e;
    return nullptr;
  }
  bool has(const void* key) const noexcept { return find(key) != nullptr; }

  template <layer_type L>
  const L* find() const noexcept {
    const entry* e = find(layer_key<L>());
    return e ? static_cast<const L*>(e->node->get()) : nullptr;
  }
  template <layer_type L>
  L* find_mutable() noexcept {
    const entry* e = find(layer_key<L>());
    return e ? static_cast<L*>(e->node->get()) : nullptr;
  }

  // Makes L anew (empty), built on `built_on`; clears the layers built on an older L.
  template <layer_type L>
  L& replace(std::vector<const void*> built_on) {
    erase(layer_key<L>());
    auto node = std::make_unique<layer_node<L>>();
    L& l = node->layer;
    entries_.push_back({layer_key<L>(), L::name, std::move(node), std::move(built_on)});
    return l;
  }

  // Removes the layer with this key and every layer built on it, directly or not. Returns the keys
  // removed.
  std::vector<const void*> erase(const void* key) {
    std::vector<const void*> gone;
    if (!has(key)) return gone;
    gone.push_back(key);
    // Entries are in the order they were made, so one pass forwards finds every dependant.
    for (const auto& e : entries_)
      for (auto k : e.built_on)
        if (std::find(gone.begin(), gone.end(), k) != gone.end() &&
            std::find(gone.begin(), gone.end(), e.key) == gone.end()) {
          gone.push_back(e.key);
          break;
        }
    std::erase_if(entries_, [&](const entry& e) { return std::find(gone.begin(), gone.end(), e.key) != gone.end(); });
    return gone;
  }

  const std::vector<entry>& entries() const noexcept { return entries_; }

 private:
  std::vector<entry> entries_;
};

}  // namespace detail
}  // namespace byline
