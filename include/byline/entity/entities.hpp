// byline — the entity layers: mentions (runs of tokens with a label) and clusters (the real-world
// entities the mentions name), and their views.
//
//   auto doc = nlp(article);
//   for (auto e : doc.entities())
//     std::cout << e.label() << ' ' << e << " -> " << e.entity().canonical() << '\n';
//   for (auto c : doc.entity_clusters())
//     std::cout << c.canonical() << " (" << c.id() << "): " << c.mentions().size() << " mentions\n";
//   if (auto e = doc.entity_of(doc[7])) ...     // the mention a token is part of, in O(1)
//
// Mentions are sorted by their first token and do not overlap. A mention belongs to exactly one
// cluster; a cluster has a canonical name, a label and an id: an ISO 3166 code for a country, a
// GeoNames id ("geonames:524901") for a city, our own otherwise ("byline:person/vladimir-putin").
// A mention may stand for something other than what it names (metonymy: "the Kremlin declined",
// "Moscow said"): it keeps its literal label and cluster, and stands_for() names the cluster of the
// country whose government it stands for. Titles and roles written with a name ("President",
// "top Russian aide") are an attribute of the mention, not a mention of their own.
#pragma once

#include <byline/document/document.hpp>
#include <byline/document/ids.hpp>
#include <byline/document/layer.hpp>
#include <byline/document/records.hpp>
#include <byline/entity/labels.hpp>
#include <byline/io/json_out.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <ranges>
#include <string>
#include <string_view>
#include <vector>

namespace byline {

struct entity_mention_layer;
struct entity_cluster_layer;
using mention_id = id<entity_mention_layer>;
using cluster_id = id<entity_cluster_layer>;

// Where a mention came from. Typed: mention.has() takes only these.
struct mention_flag_tag;
using mention_flags = flag_set<mention_flag_tag, std::uint8_t>;
namespace mention_flag {
using type = flag<mention_flag_tag, std::uint8_t>;
inline constexpr type model{1u << 0};       // the sequence model proposed it
inline constexpr type gazetteer{1u << 1};   // a gazetteer entry matched it
inline constexpr type rule{1u << 2};        // a pattern rule made it (titles, values, organisation names)
inline constexpr type user{1u << 3};        // a user's gazetteer or rule
inline constexpr type metonym{1u << 4};     // it stands for a government (stands_for() is set)
inline constexpr type possessive{1u << 5};  // written with a possessive clitic after it (Russia's)
}  // namespace mention_flag

inline constexpr std::string_view mention_flag_names[] = {"model", "gazetteer", "rule", "user", "metonym", "possessive"};

namespace detail {
inline constexpr std::uint32_t no_index = std::numeric_limits<std::uint32_t>::max();

// Strings of one layer in one buffer: a string is [offset[i], offset[i + 1]).
struct string_pool {
  std::string chars;
  std::vector<std::uint32_t> offset{0};
  std::uint32_t add(std::string_view s) {
    chars.append(s);
    offset.push_back(static_cast<std::uint32_t>(chars.size()));
    return static_cast<std::uint32_t>(offset.size() - 2);
  }
  std::string_view operator[](std::size_t i) const {
    return std::string_view(chars).substr(offset[i], offset[i + 1] - offset[i]);
  }
  std::size_t size() const noexcept { return offset.size() - 1; }
  std::size_t memory_bytes() const noexcept { return chars.capacity() + offset.capacity() * sizeof(std::uint32_t); }
};
}  // namespace detail

// Entity clusters: one record per real-world entity named in the document.
struct entity_cluster_layer {
  static constexpr std::string_view name = "entity_clusters";

  std::vector<entity_label> label;
  detail::string_pool canonical;  // "Vladimir Putin", "Russia"
  detail::string_pool kb_id;      // "RU", "geonames:524901", "byline:person/vladimir-putin"
  // For a cluster that stands for a government (the Kremlin): the country's cluster; else none.
  std::vector<std::uint32_t> stands_for;
  // Mentions by cluster (filled by finish()): the mentions of cluster c are
  // mention_index[mention_begin[c] .. mention_begin[c + 1]).
  std::vector<std::uint32_t> mention_begin;
  std::vector<std::uint32_t> mention_index;

  std::size_t size() const noexcept { return label.size(); }
  cluster_id add(entity_label l, std::string_view canon, std::string_view id) {
    label.push_back(l);
    canonical.add(canon);
    kb_id.add(id);
    stands_for.push_back(detail::no_index);
    return cluster_id{static_cast<std::uint32_t>(label.size() - 1)};
  }
  // Builds the cluster -> mentions index from the mentions' cluster ids.
  void finish(const std::vector<std::uint32_t>& mention_cluster) {
    mention_begin.assign(size() + 1, 0);
    for (auto c : mention_cluster)
      if (c < size()) ++mention_begin[c + 1];
    for (std::size_t c = 0; c < size(); ++c) mention_begin[c + 1] += mention_begin[c];
    mention_index.assign(mention_begin.back(), 0);
    std::vector<std::uint32_t> at(mention_begin.begin(), mention_begin.end() - 1);
    for (std::uint32_t m = 0; m < mention_cluster.size(); ++m)
      if (mention_cluster[m] < size()) mention_index[at[mention_cluster[m]]++] = m;
  }

  void write_json(io::json_out& j) const;
  void validate(const document_base& doc, std::vector<std::string>& problems) const;
  std::size_t memory_bytes() const noexcept {
    return label.capacity() + canonical.memory_bytes() + kb_id.memory_bytes() +
           (stands_for.capacity() + mention_begin.capacity() + mention_index.capacity()) * sizeof(std::uint32_t);
  }
};

// Entity mentions: runs of tokens [first, end) with a label, sorted and disjoint.
struct entity_mention_layer {
  static constexpr std::string_view name = "entities";

  std::vector<std::uint32_t> first, end;              // token ids
  std::vector<entity_label> label;
  std::vector<std::uint32_t> cluster;                 // cluster ids
  std::vector<std::uint32_t> title_first, title_end;  // the title written with it; equal when none
  std::vector<std::uint32_t> stands_for;              // the government's country cluster, or none
  std::vector<std::uint8_t> flags;                    // mention_flag bits
  // The mention each token is part of, or none: "which entity is this token part of" in O(1).
  std::vector<std::uint32_t> of_token;

  std::size_t size() const noexcept { return first.size(); }

  // Appends a mention; mentions must be added in token order and must not overlap.
  mention_id add(std::uint32_t first_token, std::uint32_t end_token, entity_label l, cluster_id c,
                 mention_flags f = {}) {
    first.push_back(first_token);
    end.push_back(end_token);
    label.push_back(l);
    cluster.push_back(c.value);
    title_first.push_back(first_token);
    title_end.push_back(first_token);
    stands_for.push_back(detail::no_index);
    flags.push_back(f.bits());
    return mention_id{static_cast<std::uint32_t>(first.size() - 1)};
  }
  // Fills of_token for a document of n tokens.
  void index_tokens(std::size_t n) {
    of_token.assign(n, detail::no_index);
    for (std::uint32_t m = 0; m < size(); ++m)
      for (auto t = first[m]; t < end[m] && t < n; ++t) of_token[t] = m;
  }
  std::uint32_t mention_of_token(std::uint32_t t) const noexcept {
    return t < of_token.size() ? of_token[t] : detail::no_index;
  }

  void write_json(io::json_out& j) const;
  void validate(const document_base& doc, std::vector<std::string>& problems) const;
  std::size_t memory_bytes() const noexcept {
    return (first.capacity() + end.capacity() + cluster.capacity() + title_first.capacity() + title_end.capacity() +
            stands_for.capacity() + of_token.capacity()) *
               sizeof(std::uint32_t) +
           label.capacity() + flags.capacity();
  }
};

// "government of Russia": what a metonym stands for, in words.
inline std::string government_of(std::string_view country) { return "government of " + std::string(country); }

// ----------------------------------------------------------------------------------------------
// Views

template <class Node>
class basic_entity_cluster;

// A mention: a run of tokens naming an entity (or a date, a number, ...).
template <class Node>
class basic_entity : public basic_span<Node> {
  std::uint32_t i_ = 0;
  const entity_mention_layer& rec() const { return this->doc_->template get<entity_mention_layer>(); }

 public:
  basic_entity() = default;
  basic_entity(const Node& d, std::uint32_t i)
      : basic_span<Node>(d, d.template get<entity_mention_layer>().first[i], d.template get<entity_mention_layer>().end[i]),
        i_(i) {}
  std::uint32_t index() const noexcept { return i_; }
  mention_id id() const noexcept { return mention_id{i_}; }
  entity_label label() const { return rec().label[i_]; }
  mention_flags flags() const { return mention_flags(rec().flags[i_]); }
  bool has(mention_flag::type f) const { return flags().has(f); }
  // The title or role written with the name ("President", "top Russian aide"); empty when none.
  basic_span<Node> title() const { return {*this->doc_, rec().title_first[i_], rec().title_end[i_]}; }
  // The entity it names.
  basic_entity_cluster<Node> entity() const;
  // For a metonym, the country whose government it stands for.
  std::optional<basic_entity_cluster<Node>> stands_for() const;
};

template <class Node>
class basic_entity_cluster {
  const Node* doc_ = nullptr;
  std::uint32_t i_ = 0;
  const entity_cluster_layer& rec() const { return doc_->template get<entity_cluster_layer>(); }

 public:
  basic_entity_cluster() = default;
  basic_entity_cluster(const Node& d, std::uint32_t i) : doc_(&d), i_(i) {}
  std::uint32_t index() const noexcept { return i_; }
  cluster_id cluster() const noexcept { return cluster_id{i_}; }
  entity_label label() const { return rec().label[i_]; }
  std::string_view canonical() const { return rec().canonical[i_]; }
  // An ISO 3166 code for a country, "geonames:<id>" for a city, "byline:<label>/<name>" otherwise.
  std::string_view id() const { return rec().kb_id[i_]; }
  std::optional<basic_entity_cluster> stands_for() const {
    const auto s = rec().stands_for[i_];
    if (s == detail::no_index) return std::nullopt;
    return basic_entity_cluster(*doc_, s);
  }
  // Its mentions, in text order.
  auto mentions() const {
    const auto& r = rec();
    const Node* d = doc_;
    const std::uint32_t* p = r.mention_index.data();
    return std::views::iota(r.mention_begin[i_], r.mention_begin[i_ + 1]) |
           std::views::transform([d, p](std::uint32_t k) { return basic_entity<Node>(*d, p[k]); });
  }
  friend bool operator==(const basic_entity_cluster& a, const basic_entity_cluster& b) {
    return a.doc_ == b.doc_ && a.i_ == b.i_;
  }
  template <class CharT, class Traits>
  friend std::basic_ostream<CharT, Traits>& operator<<(std::basic_ostream<CharT, Traits>& os, const basic_entity_cluster& c) {
    return os << c.canonical();
  }
};

template <class Node>
basic_entity_cluster<Node> basic_entity<Node>::entity() const {
  return {*this->doc_, rec().cluster[i_]};
}
template <class Node>
std::optional<basic_entity_cluster<Node>> basic_entity<Node>::stands_for() const {
  const auto s = rec().stands_for[i_];
  if (s == detail::no_index) return std::nullopt;
  return basic_entity_cluster<Node>(*this->doc_, s);
}

// doc.entities(), doc.entity_clusters() and doc.entity_of(token): see basic_document. They are
// empty when the document has no entity layers.
template <class Node>
auto entity_range(const Node& d) {
  const auto* l = d.template find<entity_mention_layer>();
  const std::uint32_t n = l ? static_cast<std::uint32_t>(l->size()) : 0u;
  return std::views::iota(std::uint32_t{0}, n) |
         std::views::transform([&d](std::uint32_t i) { return basic_entity<Node>(d, i); });
}
template <class Node>
auto entity_cluster_range(const Node& d) {
  const auto* l = d.template find<entity_cluster_layer>();
  const std::uint32_t n = l ? static_cast<std::uint32_t>(l->size()) : 0u;
  return std::views::iota(std::uint32_t{0}, n) |
         std::views::transform([&d](std::uint32_t i) { return basic_entity_cluster<Node>(d, i); });
}
template <class Node>
std::optional<basic_entity<Node>> entity_of_token(const Node& d, std::uint32_t token) {
  const auto* l = d.template find<entity_mention_layer>();
  if (!l) return std::nullopt;
  const auto m = l->mention_of_token(token);
  if (m == detail::no_index) return std::nullopt;
  return basic_entity<Node>(d, m);
}

// ----------------------------------------------------------------------------------------------
// JSON and invariants

// "entities": [{"start", "end", "first_token", "end_token", "text", "label", "entity", "canonical",
//               "id", "title" (text or null), "stands_for" ("government of X" or null), "source"}]
// "canonical" names what the mention refers to where it stands: for a metonym, the government.
inline void entity_mention_layer::write_json(io::json_out& j) const {
  const token_layer* t = j.tokens();
  const entity_cluster_layer* cl = j.document() ? j.document()->template find<entity_cluster_layer>() : nullptr;
  j.begin_array();
  for (std::size_t m = 0; m < size(); ++m) {
    j.item();
    j.span(first[m], end[m]);
    j.field("label");
    j.string(byline::name(label[m]));
    j.field("entity");
    j.number(cluster[m]);
    const bool has_cluster = cl && cluster[m] < cl->size();
    const bool metonym = cl && stands_for[m] < cl->size();
    j.field("canonical");
    if (metonym)
      j.string(government_of(cl->canonical[stands_for[m]]));
    else if (has_cluster)
      j.string(cl->canonical[cluster[m]]);
    else
      j.null();
    j.field("title");
    if (t && title_first[m] < title_end[m] && title_end[m] <= t->size())
      j.text(t->begin[title_first[m]], t->end[title_end[m] - 1]);
    else
      j.null();
    j.field("stands_for");
    if (metonym)
      j.string(government_of(cl->canonical[stands_for[m]]));
    else
      j.null();
    j.field("source");
    j.buffer() += '[';
    bool any = false;
    for (std::size_t b = 0; b < std::size(mention_flag_names); ++b)
      if (flags[m] & (1u << b)) {
        if (any) j.buffer() += ',';
        any = true;
        j.string(mention_flag_names[b]);
      }
    j.buffer() += ']';
    j.close();
  }
  j.end_array();
}

// "entity_clusters": [{"entity", "canonical", "id", "label", "stands_for", "mentions": [indices]}]
inline void entity_cluster_layer::write_json(io::json_out& j) const {
  j.begin_array();
  for (std::size_t c = 0; c < size(); ++c) {
    j.item();
    j.open("entity");
    j.number(c);
    j.field("canonical");
    j.string(canonical[c]);
    j.field("id");
    j.string(kb_id[c]);
    j.field("label");
    j.string(byline::name(label[c]));
    j.field("stands_for");
    if (stands_for[c] < size())
      j.string(government_of(canonical[stands_for[c]]));
    else
      j.null();
    j.field("mentions");
    j.buffer() += '[';
    if (c + 1 < mention_begin.size())
      for (auto k = mention_begin[c]; k < mention_begin[c + 1]; ++k) {
        if (k > mention_begin[c]) j.buffer() += ',';
        j.number(mention_index[k]);
      }
    j.buffer() += ']';
    j.close();
  }
  j.end_array();
}

inline void entity_mention_layer::validate(const document_base& doc, std::vector<std::string>& problems) const {
  const std::size_t n = doc.token_count();
  const auto* cl = doc.find<entity_cluster_layer>();
  const std::size_t m = size();
  if (end.size() != m || label.size() != m || cluster.size() != m || title_first.size() != m ||
      title_end.size() != m || stands_for.size() != m || flags.size() != m) {
    problems.push_back("entities: the arrays differ in length");
    return;
  }
  for (std::size_t i = 0; i < m; ++i) {
    const std::string at = "entity " + std::to_string(i) + ": ";
    if (first[i] >= end[i] || end[i] > n) problems.push_back(at + "bad token range");
    if (i > 0 && first[i] < end[i - 1]) problems.push_back(at + "overlaps or precedes the one before");
    if (static_cast<std::size_t>(label[i]) >= entity_label_count) problems.push_back(at + "bad label");
    if (cl && cluster[i] >= cl->size()) problems.push_back(at + "cluster out of range");
    if (title_first[i] > title_end[i] || title_end[i] > n) problems.push_back(at + "bad title range");
    if (stands_for[i] != detail::no_index && (!cl || stands_for[i] >= cl->size()))
      problems.push_back(at + "stands_for out of range");
  }
  if (of_token.size() != n && !(m == 0 && of_token.empty())) problems.push_back("entities: token index not built");
  else
    for (std::size_t t = 0; t < of_token.size(); ++t) {
      const auto k = of_token[t];
      if (k != detail::no_index && (k >= m || t < first[k] || t >= end[k])) {
        problems.push_back("entities: token " + std::to_string(t) + " indexed to the wrong mention");
        break;
      }
    }
}

inline void entity_cluster_layer::validate(const document_base& doc, std::vector<std::string>& problems) const {
  const std::size_t c = size();
  if (canonical.size() != c || kb_id.size() != c || stands_for.size() != c)
    problems.push_back("entity_clusters: the arrays differ in length");
  const auto* ml = doc.find<entity_mention_layer>();
  if (mention_begin.size() != c + 1 || (ml && mention_index.size() != ml->size()))
    problems.push_back("entity_clusters: mention index not built (call finish())");
  for (std::size_t i = 0; i < c && i < stands_for.size(); ++i)
    if (stands_for[i] != detail::no_index && stands_for[i] >= c)
      problems.push_back("entity cluster " + std::to_string(i) + ": stands_for out of range");
}

}  // namespace byline
