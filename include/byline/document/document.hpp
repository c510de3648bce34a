// byline — the document: the caller's text and every layer of annotation over it.
//
// basic_document<Text> holds the text as Text says: a basic_string (owned: the default, moved in
// from an rvalue string or copied once from anything else) or a basic_string_view (borrowed, only
// when asked for with byline::borrow(text); the text must outlive the document). Offsets everywhere
// are [begin, end) in the caller's code units; to_code_points() and to_utf16() convert explicitly.
//
// The text and the layers live in one heap node that the document owns, so moving a document (into
// a vector, out of a function) moves a pointer: views taken before the move stay valid. Views are a
// pointer to that node and an index, cheap to copy, valid while the document lives and its layers
// are not replaced. Views cannot be taken from a temporary document (nlp(text).sentences() does not
// compile): they would dangle at the end of the statement.
//
// document_base is the same node seen without its code unit type: components written as ordinary
// (non-template) code read the text as UTF-8 and the layers through it.
#pragma once

#include <byline/document/ids.hpp>
#include <byline/document/layer.hpp>
#include <byline/document/records.hpp>
#include <byline/segment/segment.hpp>
#include <byline/unicode/utf.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <iterator>
#include <memory>
#include <mutex>
#include <optional>
#include <ranges>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace byline {

template <class Text>
class basic_document;

namespace detail {
template <class T>
struct text_storage_traits : std::false_type {};
template <unicode::code_unit C>
struct text_storage_traits<std::basic_string_view<C>> : std::true_type {
  using char_type = C;
  static constexpr bool owned = false;
};
template <unicode::code_unit C>
struct text_storage_traits<std::basic_string<C>> : std::true_type {
  using char_type = C;
  static constexpr bool owned = true;
};

inline const token_layer empty_tokens{};
inline const sentence_layer empty_sentences{};
inline const paragraph_layer empty_paragraphs{};
}  // namespace detail

template <class T>
concept text_storage = detail::text_storage_traits<T>::value;

// ----------------------------------------------------------------------------------------------
// The document without its code unit type: the layers, and the text as UTF-8.

class document_base {
 public:
  virtual ~document_base() = default;
  document_base() = default;
  document_base(const document_base&) = delete;
  document_base& operator=(const document_base&) = delete;

  // The text's size in its own code units, and which encoding they are.
  virtual std::size_t size() const noexcept = 0;
  virtual unicode::encoding encoding() const noexcept = 0;
  // The text as UTF-8: the text itself for a UTF-8 document; for others a copy made on first use
  // (ill-formed input as U+FFFD). Safe to call from several threads.
  virtual std::string_view utf8() const = 0;
  // The UTF-8 offset of an offset in the document's own code units (a code point boundary).
  virtual std::size_t utf8_offset(std::size_t offset) const = 0;

  // Layers by type.
  template <layer_type L>
  bool has() const noexcept {
    return layers_.has(detail::layer_key<L>());
  }
  bool has(std::string_view layer_name) const noexcept {
    return std::ranges::any_of(layers_.entries(), [&](const auto& e) { return e.name == layer_name; });
  }
  template <layer_type L>
  const L* find() const noexcept {
    return layers_.find<L>();
  }
  // The layer, or missing_layer if the document has none.
  template <layer_type L>
  const L& get() const {
    if (const L* l = layers_.find<L>()) return *l;
    throw missing_layer("byline: the document has no '" + std::string(L::name) + "' layer");
  }
  // The layer to change, made empty (built on nothing) when the document has none yet.
  template <layer_type L>
  L& edit() {
    if (L* l = layers_.find_mutable<L>()) return *l;
    return replace<L>({});
  }
  // A new, empty L in place of the old one; the layers built on the old one are removed. `built_on`
  // lists the keys (detail::layer_key<X>()) of the layers it is made from.
  template <layer_type L>
  L& replace(std::vector<const void*> built_on = {}) {
    L& l = layers_.replace<L>(std::move(built_on));
    refresh();
    return l;
  }
  // Removes L and every layer built on it.
  template <layer_type L>
  void remove() {
    layers_.erase(detail::layer_key<L>());
    refresh();
  }
  const detail::layer_table& layer_table() const noexcept { return layers_; }

  // The built-in layers' records (empty when the document does not have them).
  const token_layer& token_records() const noexcept { return *tokens_; }
  const sentence_layer& sentence_records() const noexcept { return *sentences_; }
  const paragraph_layer& paragraph_records() const noexcept { return *paragraphs_; }
  std::size_t token_count() const noexcept { return tokens_->size(); }

  // Ill-formed code unit sequences met in the text (each read as U+FFFD).
  std::size_t invalid_sequences() const noexcept { return tokens_->invalid_sequences; }

  // A token's text as UTF-8.
  std::string_view token_utf8(token_id t) const {
    const auto& tl = *tokens_;
    const auto b = utf8_offset(tl.begin[t.value]), e = utf8_offset(tl.end[t.value]);
    return utf8().substr(b, e - b);
  }

  // Bytes the layers take (capacity of their arrays), without the text.
  std::size_t memory_bytes() const noexcept {
    std::size_t n = 0;
    for (const auto& e : layers_.entries()) n += e.node->memory_bytes();
    return n;
  }

 protected:
  void copy_layers_from(const document_base& o) {
    layers_ = o.layers_.clone();
    refresh();
  }

 private:
  void refresh() noexcept {
    const auto* t = layers_.find<token_layer>();
    const auto* s = layers_.find<sentence_layer>();
    const auto* p = layers_.find<paragraph_layer>();
    tokens_ = t ? t : &detail::empty_tokens;
    sentences_ = s ? s : &detail::empty_sentences;
    paragraphs_ = p ? p : &detail::empty_paragraphs;
  }

  detail::layer_table layers_;
  // The built-in layers, found once: views read them on every call.
  const token_layer* tokens_ = &detail::empty_tokens;
  const sentence_layer* sentences_ = &detail::empty_sentences;
  const paragraph_layer* paragraphs_ = &detail::empty_paragraphs;
};

namespace detail {

// The heap node a basic_document owns: its text and its layers.
template <class Text>
class document_node final : public document_base {
 public:
  using char_type = typename text_storage_traits<Text>::char_type;

  document_node() = default;
  explicit document_node(Text t) : text_(std::move(t)) {}

  std::basic_string_view<char_type> text() const noexcept { return text_; }
  std::size_t size() const noexcept override { return text_.size(); }
  unicode::encoding encoding() const noexcept override { return unicode::encoding_of<char_type>; }

  std::string_view utf8() const override {
    if constexpr (unicode::encoding_of<char_type> == unicode::encoding::utf8 && std::is_same_v<char_type, char>) {
      return text_;
    } else if constexpr (unicode::encoding_of<char_type> == unicode::encoding::utf8) {
      return {reinterpret_cast<const char*>(text_.data()), text_.size()};
    } else {
      std::call_once(utf8_once_, [this] { make_utf8(); });
      return utf8_;
    }
  }
  std::size_t utf8_offset(std::size_t offset) const override {
    if constexpr (unicode::encoding_of<char_type> == unicode::encoding::utf8) {
      return offset;
    } else {
      std::call_once(utf8_once_, [this] { make_utf8(); });
      return utf8_offsets_[std::min(offset, text_.size())];
    }
  }

  std::unique_ptr<document_node> clone() const {
    auto n = std::make_unique<document_node>(text_);
    n->copy_layers_from(*this);
    return n;
  }

 private:
  void make_utf8() const {
    utf8_offsets_.assign(text_.size() + 1, 0);
    for (auto cp : unicode::code_points(std::basic_string_view<char_type>(text_))) {
      for (std::size_t k = 0; k < cp.length; ++k) utf8_offsets_[cp.offset + k] = utf8_.size();
      unicode::encode_utf8<char>(cp.code_point, std::back_inserter(utf8_));
    }
    utf8_offsets_[text_.size()] = utf8_.size();
  }

  Text text_{};
  mutable std::once_flag utf8_once_;
  mutable std::string utf8_;
  mutable std::vector<std::size_t> utf8_offsets_;
};

}  // namespace detail

// A random-access range of views over indices [first, last) of a document layer.
template <class Node, class View>
class index_range : public std::ranges::view_interface<index_range<Node, View>> {
  const Node* doc_ = nullptr;
  std::uint32_t first_ = 0, last_ = 0;

 public:
  class iterator {
    const Node* doc_ = nullptr;
    std::uint32_t i_ = 0;

   public:
    using value_type = View;
    using difference_type = std::ptrdiff_t;
    using iterator_concept = std::random_access_iterator_tag;
    using iterator_category = std::input_iterator_tag;
    iterator() = default;
    constexpr iterator(const Node* d, std::uint32_t i) : doc_(d), i_(i) {}
    constexpr View operator*() const { return View(*doc_, i_); }
    constexpr View operator[](difference_type n) const { return View(*doc_, static_cast<std::uint32_t>(i_ + n)); }
    constexpr iterator& operator++() { return ++i_, *this; }
    constexpr iterator operator++(int) { auto t = *this; ++i_; return t; }
    constexpr iterator& operator--() { return --i_, *this; }
    constexpr iterator operator--(int) { auto t = *this; --i_; return t; }
    constexpr iterator& operator+=(difference_type n) { i_ = static_cast<std::uint32_t>(i_ + n); return *this; }
    constexpr iterator& operator-=(difference_type n) { i_ = static_cast<std::uint32_t>(i_ - n); return *this; }
    friend constexpr iterator operator+(iterator a, difference_type n) { return a += n; }
    friend constexpr iterator operator+(difference_type n, iterator a) { return a += n; }
    friend constexpr iterator operator-(iterator a, difference_type n) { return a -= n; }
    friend constexpr difference_type operator-(const iterator& a, const iterator& b) {
      return static_cast<difference_type>(a.i_) - static_cast<difference_type>(b.i_);
    }
    friend constexpr bool operator==(const iterator& a, const iterator& b) { return a.i_ == b.i_; }
    friend constexpr auto operator<=>(const iterator& a, const iterator& b) { return a.i_ <=> b.i_; }
  };

  index_range() = default;
  constexpr index_range(const Node& d, std::uint32_t first, std::uint32_t last) : doc_(&d), first_(first), last_(last) {}
  constexpr iterator begin() const { return {doc_, first_}; }
  constexpr iterator end() const { return {doc_, last_}; }
  constexpr std::size_t size() const { return last_ - first_; }
};

namespace detail {
// Writes text of any code unit type to a narrow stream as UTF-8.
template <class Os, class C>
Os& write_utf8(Os& os, std::basic_string_view<C> s) {
  if constexpr (std::is_same_v<C, char>) {
    os << s;
  } else if constexpr (sizeof(C) == 1) {
    os << std::string_view(reinterpret_cast<const char*>(s.data()), s.size());
  } else {
    std::string u;
    for (auto cp : unicode::code_points(s)) unicode::encode_utf8<char>(cp.code_point, std::back_inserter(u));
    os << u;
  }
  return os;
}
}  // namespace detail

template <class CharT, class Traits>
std::basic_ostream<CharT, Traits>& operator<<(std::basic_ostream<CharT, Traits>& os, token_kind k) {
  return os << name(k);
}
template <class CharT, class Traits>
std::basic_ostream<CharT, Traits>& operator<<(std::basic_ostream<CharT, Traits>& os, token_rule r) {
  return os << name(r);
}
template <class CharT, class Traits>
std::basic_ostream<CharT, Traits>& operator<<(std::basic_ostream<CharT, Traits>& os, span_offsets o) {
  return os << '[' << o.begin << ", " << o.end << ')';
}

template <class Node>
class basic_sentence;
template <class Node>
class basic_paragraph;

// ----------------------------------------------------------------------------------------------
// Views

template <class Node>
class basic_token {
  const Node* doc_ = nullptr;
  std::uint32_t i_ = 0;

  const token_layer& layer() const { return doc_->token_records(); }

 public:
  using char_type = typename Node::char_type;
  basic_token() = default;
  constexpr basic_token(const Node& d, std::uint32_t i) : doc_(&d), i_(i) {}

  std::uint32_t index() const noexcept { return i_; }
  token_id id() const noexcept { return token_id{i_}; }
  span_offsets offsets() const { return {layer().begin[i_], layer().end[i_]}; }
  std::basic_string_view<char_type> text() const { return doc_->text().substr(layer().begin[i_], offsets().size()); }
  token_kind kind() const { return layer().kind[i_]; }
  token_rule rule() const { return layer().rule[i_]; }
  token_flags flags() const { return token_flags(layer().flags[i_]); }
  bool has(token_flag::type flag) const { return flags().has(flag); }

  bool is_word() const { return kind() == token_kind::word || kind() == token_kind::abbreviation; }
  bool is_punctuation() const {
    auto k = kind();
    return k == token_kind::punctuation || k == token_kind::quote || k == token_kind::dash ||
           k == token_kind::ellipsis;
  }
  bool like_number() const {
    auto k = kind();
    return k == token_kind::number || k == token_kind::date || k == token_kind::time;
  }
  bool is_title() const { return has(token_flag::title); }
  bool is_upper() const { return has(token_flag::all_upper); }
  bool is_lower() const { return has(token_flag::all_lower); }

  // The whitespace between this token and the next (or the end of the text): with it, the text is
  // rebuilt exactly from its tokens.
  std::basic_string_view<char_type> whitespace_after() const {
    const auto& t = layer();
    const std::size_t next = i_ + 1 < t.size() ? t.begin[i_ + 1] : doc_->text().size();
    return doc_->text().substr(t.end[i_], next - t.end[i_]);
  }

  // Lower case (simple case folding), curly apostrophes and quotes folded to straight ones, ill-formed
  // input as U+FFFD; in the document's encoding.
  std::basic_string<char_type> norm() const {
    std::basic_string<char_type> out;
    auto o = std::back_inserter(out);
    for (auto cp : unicode::code_points(text())) o = unicode::encode<char_type>(detail::norm_code_point(cp.code_point), o);
    return out;
  }
  // Lower case (simple lower-case mapping), nothing else changed; in the document's encoding.
  std::basic_string<char_type> lower() const {
    std::basic_string<char_type> out;
    auto o = std::back_inserter(out);
    for (auto cp : unicode::code_points(text())) o = unicode::encode<char_type>(unicode::simple_lowercase(cp.code_point), o);
    return out;
  }

  // The sentence and the paragraph that hold the token (missing_layer when the document has none).
  basic_sentence<Node> sentence() const;
  basic_paragraph<Node> paragraph() const;

  friend bool operator==(const basic_token& a, const basic_token& b) { return a.doc_ == b.doc_ && a.i_ == b.i_; }
  template <class CharT, class Traits>
  friend std::basic_ostream<CharT, Traits>& operator<<(std::basic_ostream<CharT, Traits>& os, const basic_token& t) {
    return detail::write_utf8(os, t.text());
  }
};

// A run of tokens [first, end).
template <class Node>
class basic_span {
 protected:
  const Node* doc_ = nullptr;
  std::uint32_t first_ = 0, end_ = 0;

 public:
  using char_type = typename Node::char_type;
  using token = basic_token<Node>;
  basic_span() = default;
  constexpr basic_span(const Node& d, std::uint32_t first, std::uint32_t end) : doc_(&d), first_(first), end_(end) {}

  std::uint32_t first_token() const noexcept { return first_; }
  std::uint32_t end_token() const noexcept { return end_; }
  std::size_t size() const noexcept { return end_ - first_; }
  bool empty() const noexcept { return first_ == end_; }
  index_range<Node, token> tokens() const { return {*doc_, first_, end_}; }
  auto begin() const { return tokens().begin(); }
  auto end() const { return tokens().end(); }
  token operator[](std::size_t i) const { return token(*doc_, static_cast<std::uint32_t>(first_ + i)); }

  span_offsets offsets() const {
    if (empty()) return {};
    const auto& t = doc_->token_records();
    return {t.begin[first_], t.end[end_ - 1]};
  }
  std::basic_string_view<char_type> text() const {
    auto o = offsets();
    return doc_->text().substr(o.begin, o.size());
  }
  friend bool operator==(const basic_span& a, const basic_span& b) {
    return a.doc_ == b.doc_ && a.first_ == b.first_ && a.end_ == b.end_;
  }
  template <class CharT, class Traits>
  friend std::basic_ostream<CharT, Traits>& operator<<(std::basic_ostream<CharT, Traits>& os, const basic_span& s) {
    return detail::write_utf8(os, s.text());
  }
};

template <class Node>
class basic_sentence : public basic_span<Node> {
  std::uint32_t i_ = 0;

 public:
  basic_sentence() = default;
  basic_sentence(const Node& d, std::uint32_t i)
      : basic_span<Node>(d, d.sentence_records().items[i].first_token, d.sentence_records().items[i].end_token),
        i_(i) {}
  std::uint32_t index() const noexcept { return i_; }
  sentence_id id() const noexcept { return sentence_id{i_}; }
  // The paragraph that holds it (missing_layer when the document has no paragraphs).
  basic_paragraph<Node> paragraph() const;
};

template <class Node>
class basic_paragraph : public basic_span<Node> {
  std::uint32_t i_ = 0;
  const paragraph_record& rec() const { return this->doc_->paragraph_records().items[i_]; }

 public:
  basic_paragraph() = default;
  basic_paragraph(const Node& d, std::uint32_t i)
      : basic_span<Node>(d, d.paragraph_records().items[i].first_token, d.paragraph_records().items[i].end_token),
        i_(i) {}
  std::uint32_t index() const noexcept { return i_; }
  paragraph_id id() const noexcept { return paragraph_id{i_}; }
  // The paragraph's lines, without the line break after the last.
  span_offsets offsets() const { return {rec().begin, rec().end}; }
  std::basic_string_view<typename Node::char_type> text() const {
    return this->doc_->text().substr(rec().begin, rec().end - rec().begin);
  }
  unicode::script script() const { return rec().script; }
  paragraph_flags flags() const { return paragraph_flags(rec().flags); }
  bool has(paragraph_flag::type f) const { return flags().has(f); }
  bool is_boilerplate() const { return has(paragraph_flag::boilerplate); }
  bool is_heading() const { return has(paragraph_flag::heading); }
  // The sentences inside it.
  index_range<Node, basic_sentence<Node>> sentences() const {
    const auto& s = this->doc_->sentence_records().items;
    auto lo = std::ranges::partition_point(s, [&](const sentence_record& r) { return r.end_token <= this->first_; });
    auto hi = std::ranges::partition_point(s, [&](const sentence_record& r) { return r.first_token < this->end_; });
    return {*this->doc_, static_cast<std::uint32_t>(lo - s.begin()), static_cast<std::uint32_t>(hi - s.begin())};
  }
  template <class CharT, class Traits>
  friend std::basic_ostream<CharT, Traits>& operator<<(std::basic_ostream<CharT, Traits>& os, const basic_paragraph& p) {
    return detail::write_utf8(os, p.text());
  }
};

namespace detail {
// The index of the record whose token run [first_token, end_token) holds token i, or -1.
template <class Records>
std::int64_t record_of_token(const Records& r, std::uint32_t i) {
  auto it = std::ranges::partition_point(r, [&](const auto& x) { return x.end_token <= i; });
  if (it == r.end() || it->first_token > i) return -1;
  return it - r.begin();
}
}  // namespace detail

template <class Node>
basic_sentence<Node> basic_token<Node>::sentence() const {
  if (!doc_->template has<sentence_layer>()) throw missing_layer("byline: token::sentence(): the document has no sentences");
  const auto k = detail::record_of_token(doc_->sentence_records().items, i_);
  if (k < 0) throw std::logic_error("byline: token::sentence(): the token lies in no sentence");
  return {*doc_, static_cast<std::uint32_t>(k)};
}
template <class Node>
basic_paragraph<Node> basic_token<Node>::paragraph() const {
  if (!doc_->template has<paragraph_layer>()) throw missing_layer("byline: token::paragraph(): the document has no paragraphs");
  const auto k = detail::record_of_token(doc_->paragraph_records().items, i_);
  if (k < 0) throw std::logic_error("byline: token::paragraph(): the token lies in no paragraph");
  return {*doc_, static_cast<std::uint32_t>(k)};
}
template <class Node>
basic_paragraph<Node> basic_sentence<Node>::paragraph() const {
  if (this->empty()) throw std::logic_error("byline: sentence::paragraph(): an empty sentence");
  return (*this)[0].paragraph();
}

// A labelled run of tokens of a span group.
template <class Node>
class basic_labeled_span : public basic_span<Node> {
  const detail::span_group_data* g_ = nullptr;
  std::uint32_t i_ = 0;

 public:
  basic_labeled_span() = default;
  basic_labeled_span(const Node& d, const detail::span_group_data& g, std::uint32_t i)
      : basic_span<Node>(d, g.first[i], g.end[i]), g_(&g), i_(i) {}
  std::string_view label() const { return g_->label_of(i_); }
  std::uint32_t index() const noexcept { return i_; }
};

template <class Node>
class span_group_range : public std::ranges::view_interface<span_group_range<Node>> {
  const Node* doc_ = nullptr;
  const detail::span_group_data* g_ = nullptr;

 public:
  class iterator {
    const Node* doc_ = nullptr;
    const detail::span_group_data* g_ = nullptr;
    std::uint32_t i_ = 0;

   public:
    using value_type = basic_labeled_span<Node>;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    iterator(const Node* d, const detail::span_group_data* g, std::uint32_t i) : doc_(d), g_(g), i_(i) {}
    value_type operator*() const { return value_type(*doc_, *g_, i_); }
    iterator& operator++() { return ++i_, *this; }
    iterator operator++(int) { auto t = *this; ++i_; return t; }
    friend bool operator==(const iterator& a, const iterator& b) { return a.i_ == b.i_; }
  };
  span_group_range() = default;
  span_group_range(const Node& d, const detail::span_group_data* g) : doc_(&d), g_(g) {}
  iterator begin() const { return {doc_, g_, 0}; }
  iterator end() const { return {doc_, g_, g_ ? static_cast<std::uint32_t>(g_->size()) : 0u}; }
  std::size_t size() const { return g_ ? g_->size() : 0; }
};

// How char_span treats offsets that fall inside tokens (spaCy's alignment_mode).
enum class alignment { strict, contract, expand };

// Converts code unit offsets of a text to code point and UTF-16 offsets. Built once in O(n), each
// conversion then reads at most one block of 256 code units.
template <unicode::code_unit C>
class offset_converter {
  static constexpr std::size_t block = 256;
  std::basic_string_view<C> text_;
  std::vector<std::size_t> anchors_;       // the first code point boundary at or after each block start
  std::vector<std::uint64_t> cps_, u16s_;  // code points and UTF-16 units before each anchor

  // Counts within [from, to); `from` is an anchor, so no sequence is split.
  std::pair<std::uint64_t, std::uint64_t> count(std::size_t from, std::size_t to) const {
    std::uint64_t cp = 0, u16 = 0;
    for (auto c : unicode::code_points(text_.substr(from))) {
      if (c.offset >= to - from) break;
      ++cp;
      u16 += unicode::utf16_length(c.code_point);
    }
    return {cp, u16};
  }

 public:
  explicit offset_converter(std::basic_string_view<C> text) : text_(text) {
    // Decode once, noting the counts at an anchor in each block.
    std::uint64_t cp = 0, u16 = 0;
    std::size_t next = 0;
    for (auto c : unicode::code_points(text_)) {
      while (c.offset >= next) {
        cps_.push_back(cp);
        u16s_.push_back(u16);
        anchors_.push_back(c.offset);
        next += block;
      }
      ++cp;
      u16 += unicode::utf16_length(c.code_point);
    }
    cps_.push_back(cp);
    u16s_.push_back(u16);
    anchors_.push_back(text_.size());
  }
  // The number of code points before `offset` (a code point boundary, or the text's size).
  std::uint64_t to_code_points(std::size_t offset) const { return convert(offset).first; }
  std::uint64_t to_utf16(std::size_t offset) const { return convert(offset).second; }

 private:
  std::pair<std::uint64_t, std::uint64_t> convert(std::size_t offset) const {
    offset = std::min(offset, text_.size());
    // The last anchor at or before offset.
    auto it = std::ranges::upper_bound(anchors_, offset);
    const auto k = static_cast<std::size_t>(it - anchors_.begin()) - 1;
    auto [cp, u16] = count(anchors_[k], offset);
    return {cps_[k] + cp, u16s_[k] + u16};
  }
};

// ----------------------------------------------------------------------------------------------

template <class Text>
class basic_document {
  static_assert(text_storage<Text>, "Text is std::basic_string<C> (owned) or std::basic_string_view<C> (borrowed)");

 public:
  using node_type = detail::document_node<Text>;
  using char_type = typename detail::text_storage_traits<Text>::char_type;
  using text_type = Text;
  // True when the document owns its text; false when it reads the caller's in place (byline::borrow).
  static constexpr bool owns_text = detail::text_storage_traits<Text>::owned;
  using token = basic_token<node_type>;
  using span = basic_span<node_type>;
  using sentence = basic_sentence<node_type>;
  using paragraph = basic_paragraph<node_type>;
  using labeled_span = basic_labeled_span<node_type>;

  // An empty document (no text, no layers).
  basic_document() : p_(std::make_unique<node_type>()) {}
  explicit basic_document(Text text) : p_(std::make_unique<node_type>(std::move(text))) {}
  // Moving keeps every view valid: they point into the node, which does not move. A moved-from
  // document is empty.
  basic_document(basic_document&& o) noexcept : p_(std::move(o.p_)) {}
  basic_document& operator=(basic_document&& o) noexcept {
    p_ = std::move(o.p_);
    return *this;
  }
  // Copies are explicit (clone()): a copy's views are not the original's.
  basic_document(const basic_document&) = delete;
  basic_document& operator=(const basic_document&) = delete;
  basic_document clone() const {
    basic_document d;
    if (p_) d.p_ = p_->clone();
    return d;
  }

  std::basic_string_view<char_type> text() const& noexcept { return p_ ? p_->text() : std::basic_string_view<char_type>(); }
  // The text of a temporary document would dangle; keep the document in a variable.
  std::basic_string_view<char_type> text() const&& = delete;
  std::size_t size() const noexcept { return p_ ? p_->size() : 0; }

  index_range<node_type, token> tokens() const& { return {node(), 0, static_cast<std::uint32_t>(node().token_count())}; }
  index_range<node_type, sentence> sentences() const& {
    return {node(), 0, static_cast<std::uint32_t>(node().sentence_records().size())};
  }
  index_range<node_type, paragraph> paragraphs() const& {
    return {node(), 0, static_cast<std::uint32_t>(node().paragraph_records().size())};
  }
  // Views of a temporary document would dangle at the end of the statement: keep the document in a
  // variable (auto doc = nlp(text); for (auto s : doc.sentences()) ...).
  void tokens() const&& = delete;
  void sentences() const&& = delete;
  void paragraphs() const&& = delete;

  token operator[](std::size_t i) const& { return token(node(), static_cast<std::uint32_t>(i)); }
  token operator[](std::size_t i) const&& = delete;
  token token_of(token_id id) const& { return token(node(), id.value); }
  sentence sentence_of(sentence_id id) const& { return sentence(node(), id.value); }
  paragraph paragraph_of(paragraph_id id) const& { return paragraph(node(), id.value); }

  // The labelled spans of the span group layer with this name (empty when there is none).
  span_group_range<node_type> spans(std::string_view group) const& {
    for (const auto& e : node().layer_table().entries())
      if (e.name == group)
        if (const auto* g = e.node->spans()) return {node(), g};
    return {node(), nullptr};
  }
  void spans(std::string_view) const&& = delete;

  // Entity mentions, the entities they name, and the mention a token is part of (O(1)). Defined in
  // <byline/entity/entities.hpp> (byline.hpp includes it); empty when the document has no entities.
  template <class N = node_type>
  auto entities() const& {
    return entity_range(static_cast<const N&>(node()));
  }
  template <class N = node_type>
  auto entity_clusters() const& {
    return entity_cluster_range(static_cast<const N&>(node()));
  }
  template <class N = node_type>
  auto entity_of(const token& t) const& {
    return entity_of_token(static_cast<const N&>(node()), t.index());
  }
  void entities() const&& = delete;
  void entity_clusters() const&& = delete;

  // Third-person singular pronouns, and the entity a pronoun token refers to (O(1); nullopt when it
  // is no pronoun or the text does not make its referent clear). Defined in
  // <byline/entity/coreference.hpp>; empty when the document has no pronoun layer.
  template <class N = node_type>
  auto pronouns() const& {
    return pronoun_range(static_cast<const N&>(node()));
  }
  template <class N = node_type>
  auto referent_of(const token& t) const& {
    return referent_of_token(static_cast<const N&>(node()), t.index());
  }
  void pronouns() const&& = delete;

  // Quotations: their parts, speakers and cues; scare quotes flagged. Defined in
  // <byline/stance/quotes.hpp>; empty when the document has no quote layer.
  template <class N = node_type>
  auto quotes() const& {
    return quote_range(static_cast<const N&>(node()));
  }
  void quotes() const&& = delete;

  // Attributions: source, cue and content spans (PolNeAR's scheme). Defined in
  // <byline/stance/attributions.hpp>; empty when the document has no attribution layer.
  template <class N = node_type>
  auto attributions() const& {
    return attribution_range(static_cast<const N&>(node()));
  }
  void attributions() const&& = delete;

  // Stances: holder, polarity, target, cue, negation, modality, intensity, source type, evidence
  // and confidence. Defined in <byline/stance/stances.hpp>; empty when the document has no stance
  // layer.
  template <class N = node_type>
  auto stances() const& {
    return stance_range(static_cast<const N&>(node()));
  }
  void stances() const&& = delete;
  // Who is for and who against each target, and each holder's stances on each target.
  template <class N = node_type>
  const auto& stance_summary() const& {
    return stance_summary_of(static_cast<const N&>(node()));
  }
  void stance_summary() const&& = delete;

  // The token that covers `offset`, if any (whitespace belongs to no token).
  std::optional<token> token_at(std::size_t offset) const& {
    const auto& t = node().token_records();
    auto it = std::ranges::upper_bound(t.begin, offset);
    if (it == t.begin.begin()) return std::nullopt;
    const auto i = static_cast<std::uint32_t>(it - t.begin.begin() - 1);
    if (offset >= t.end[i]) return std::nullopt;
    return token(node(), i);
  }
  void token_at(std::size_t) const&& = delete;

  // The tokens that [begin, end) covers. strict: the offsets must fall on token boundaries;
  // contract: only tokens wholly inside; expand: every token touched. nullopt when no token results
  // or (strict) an offset falls inside a token.
  std::optional<span> char_span(std::size_t begin, std::size_t end, alignment a = alignment::strict) const& {
    const auto& t = node().token_records();
    if (begin >= end || end > size()) return std::nullopt;
    // First token that ends after begin; first token that begins at or after end.
    auto first = static_cast<std::uint32_t>(std::ranges::upper_bound(t.end, begin) - t.end.begin());
    auto last = static_cast<std::uint32_t>(std::ranges::lower_bound(t.begin, end) - t.begin.begin());
    if (first >= last) return std::nullopt;
    switch (a) {
      case alignment::strict:
        if (t.begin[first] < begin || t.end[last - 1] > end) return std::nullopt;
        break;
      case alignment::contract:
        if (t.begin[first] < begin) ++first;
        if (first < last && t.end[last - 1] > end) --last;
        if (first >= last) return std::nullopt;
        break;
      case alignment::expand: break;
    }
    return span(node(), first, last);
  }
  void char_span(std::size_t, std::size_t, alignment = alignment::strict) const&& = delete;

  // The sentence that holds token i.
  std::optional<sentence> sentence_of(std::uint32_t token_index) const& {
    const auto k = detail::record_of_token(node().sentence_records().items, token_index);
    if (k < 0) return std::nullopt;
    return sentence(node(), static_cast<std::uint32_t>(k));
  }
  void sentence_of(std::uint32_t) const&& = delete;

  // Offset conversion. For many conversions build one converter and keep it.
  offset_converter<char_type> converter() const& { return offset_converter<char_type>(text()); }
  std::uint64_t to_code_points(std::size_t offset) const { return converter().to_code_points(offset); }
  std::uint64_t to_utf16(std::size_t offset) const { return converter().to_utf16(offset); }

  // Layers by type (see document_base).
  template <layer_type L>
  bool has() const noexcept {
    return node().template has<L>();
  }
  template <layer_type L>
  const L* find() const& noexcept {
    return node().template find<L>();
  }
  template <layer_type L>
  const L& get() const& {
    return node().template get<L>();
  }
  template <layer_type L>
  L& edit() & {
    return mutable_node().template edit<L>();
  }
  template <layer_type L>
  void remove() {
    mutable_node().template remove<L>();
  }
  std::size_t invalid_sequences() const noexcept { return node().invalid_sequences(); }

  // The document without its code unit type, for components written as ordinary code.
  const document_base& base() const& noexcept { return node(); }
  document_base& base() & { return mutable_node(); }
  const node_type& node() const noexcept { return p_ ? *p_ : empty_node(); }
  node_type& mutable_node() {
    if (!p_) p_ = std::make_unique<node_type>();
    return *p_;
  }

  // Bytes the layers take (capacity of their arrays), without the text.
  std::size_t memory_bytes() const noexcept { return node().memory_bytes(); }

 private:
  static const node_type& empty_node() {
    static const node_type n;
    return n;
  }
  std::unique_ptr<node_type> p_;
};

// The default: UTF-8 text that the document owns.
using document = basic_document<std::string>;
// UTF-8 text that the caller keeps alive (nlp(byline::borrow(text))).
using borrowed_document = basic_document<std::string_view>;

// ----------------------------------------------------------------------------------------------
// Borrowing: nlp(byline::borrow(text)) reads contiguous text in place instead of copying it. The
// text must outlive the document; borrowing a temporary does not compile.

template <unicode::code_unit C>
struct borrowed_text {
  std::basic_string_view<C> text;
};

template <class R>
  requires std::ranges::contiguous_range<R> && std::ranges::sized_range<R> &&
           unicode::code_unit<std::remove_cv_t<std::ranges::range_value_t<R>>> &&
           (!std::is_array_v<std::remove_cvref_t<R>>)
constexpr auto borrow(const R& text) noexcept {
  using C = std::remove_cv_t<std::ranges::range_value_t<R>>;
  return borrowed_text<C>{std::basic_string_view<C>(std::ranges::data(text), std::ranges::size(text))};
}
template <unicode::code_unit C, std::size_t N>
constexpr auto borrow(const C (&text)[N]) noexcept {
  return borrowed_text<C>{unicode::detail::as_text_view(text)};
}
template <unicode::code_unit C>
constexpr auto borrow(const C* text) noexcept {
  return borrowed_text<C>{std::basic_string_view<C>(text)};
}
// A temporary string dies at the end of the statement: there is nothing to borrow from it.
template <class C>
void borrow(std::basic_string<C>&&) = delete;

// ----------------------------------------------------------------------------------------------
// Invariants.

// What is wrong with a document, one line each; empty when nothing is. Checks: tokens inside the
// text, non-empty, sorted and disjoint; paragraphs and sentences sorted, disjoint, together holding
// every token exactly once, and every sentence inside one paragraph; span groups' token ids in
// range; and whatever each layer's own validate() checks.
inline std::vector<std::string> validate(const document_base& doc) {
  std::vector<std::string> problems;
  auto say = [&](std::string s) {
    if (problems.size() < 50) problems.push_back(std::move(s));
  };
  const auto& t = doc.token_records();
  const std::size_t n = t.size();
  if (t.end.size() != n || t.kind.size() != n || t.rule.size() != n || t.flags.size() != n)
    say("tokens: the arrays differ in length");
  else
    for (std::size_t i = 0; i < n; ++i) {
      if (t.begin[i] >= t.end[i] || t.end[i] > doc.size())
        say("token " + std::to_string(i) + ": bad offsets [" + std::to_string(t.begin[i]) + ", " +
            std::to_string(t.end[i]) + ")");
      if (i > 0 && t.begin[i] < t.end[i - 1]) say("token " + std::to_string(i) + ": overlaps or precedes the one before");
    }

  // A layer of token runs must tile the tokens: run k starts where run k-1 ended; the first starts
  // at 0, the last ends at n.
  auto tiles = [&](std::string_view what, const auto& items) {
    std::uint32_t at = 0;
    for (std::size_t k = 0; k < items.size(); ++k) {
      const auto& r = items[k];
      if (r.first_token != at || r.end_token < r.first_token || r.end_token > n) {
        say(std::string(what) + " " + std::to_string(k) + ": tokens [" + std::to_string(r.first_token) + ", " +
            std::to_string(r.end_token) + ") after token " + std::to_string(at));
        if (r.end_token <= n && r.end_token >= r.first_token) at = r.end_token;
        continue;
      }
      at = r.end_token;
    }
    if (at != n) say(std::string(what) + ": tokens from " + std::to_string(at) + " on lie in none");
  };
  if (doc.has<paragraph_layer>()) {
    tiles("paragraph", doc.paragraph_records().items);
    for (std::size_t k = 0; k < doc.paragraph_records().size(); ++k) {
      const auto& p = doc.paragraph_records().items[k];
      if (p.begin > p.end || p.end > doc.size()) say("paragraph " + std::to_string(k) + ": bad offsets");
      if (p.first_token < p.end_token && p.end_token <= n &&
          (t.begin[p.first_token] < p.begin || t.end[p.end_token - 1] > p.end))
        say("paragraph " + std::to_string(k) + ": a token reaches outside its text");
    }
  }
  if (doc.has<sentence_layer>()) {
    tiles("sentence", doc.sentence_records().items);
    if (doc.has<paragraph_layer>()) {
      const auto& ps = doc.paragraph_records().items;
      for (std::size_t k = 0; k < doc.sentence_records().size(); ++k) {
        const auto& s = doc.sentence_records().items[k];
        if (s.first_token >= s.end_token) continue;
        const auto p = detail::record_of_token(ps, s.first_token);
        if (p < 0 || ps[static_cast<std::size_t>(p)].end_token < s.end_token)
          say("sentence " + std::to_string(k) + ": not inside one paragraph");
      }
    }
  }
  for (const auto& e : doc.layer_table().entries()) {
    if (const auto* g = e.node->spans())
      for (std::size_t k = 0; k < g->size(); ++k)
        if (g->first[k] > g->end[k] || g->end[k] > n || g->label[k] >= g->labels.size())
          say(std::string(e.name) + " " + std::to_string(k) + ": token ids out of range");
    e.node->validate(doc, problems);
  }
  return problems;
}

template <class Text>
std::vector<std::string> validate(const basic_document<Text>& doc) {
  return validate(doc.base());
}

}  // namespace byline
