// byline — the document: the caller's text and every layer of annotation over it.
//
// basic_document<Text> holds the text as Text says: a basic_string_view (borrowed: the caller's
// contiguous text, never copied, must outlive the document) or a basic_string (owned: moved in from an
// rvalue string, or copied once from a non-contiguous or single-pass range). Offsets everywhere are
// [begin, end) in the caller's code units; to_code_points() and to_utf16() convert explicitly.
//
// Tokens, spans, sentences and paragraphs are views: a pointer to the document and indices, cheap
// to copy, valid while the document lives and is not changed.
#pragma once

#include <byline/document/records.hpp>
#include <byline/segment/segment.hpp>
#include <byline/unicode/utf.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <ranges>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

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
}  // namespace detail

template <class T>
concept text_storage = detail::text_storage_traits<T>::value;

// A random-access range of views over indices [0, n) of a document layer.
template <class Doc, class View>
class index_range : public std::ranges::view_interface<index_range<Doc, View>> {
  const Doc* doc_ = nullptr;
  std::uint32_t first_ = 0, last_ = 0;

 public:
  class iterator {
    const Doc* doc_ = nullptr;
    std::uint32_t i_ = 0;

   public:
    using value_type = View;
    using difference_type = std::ptrdiff_t;
    using iterator_concept = std::random_access_iterator_tag;
    using iterator_category = std::input_iterator_tag;
    iterator() = default;
    constexpr iterator(const Doc* d, std::uint32_t i) : doc_(d), i_(i) {}
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
  constexpr index_range(const Doc& d, std::uint32_t first, std::uint32_t last) : doc_(&d), first_(first), last_(last) {}
  constexpr iterator begin() const { return {doc_, first_}; }
  constexpr iterator end() const { return {doc_, last_}; }
  constexpr std::size_t size() const { return last_ - first_; }
};

// ----------------------------------------------------------------------------------------------

template <class Doc>
class basic_token {
  const Doc* doc_ = nullptr;
  std::uint32_t i_ = 0;

  const token_layer& layer() const { return doc_->annotations().tokens; }

 public:
  using char_type = typename Doc::char_type;
  basic_token() = default;
  constexpr basic_token(const Doc& d, std::uint32_t i) : doc_(&d), i_(i) {}

  std::uint32_t index() const noexcept { return i_; }
  span_offsets offsets() const { return {layer().begin[i_], layer().end[i_]}; }
  std::basic_string_view<char_type> text() const { return doc_->text().substr(layer().begin[i_], offsets().size()); }
  token_kind kind() const { return layer().kind[i_]; }
  token_rule rule() const { return layer().rule[i_]; }
  std::uint16_t flags() const { return layer().flags[i_]; }
  bool has(std::uint16_t flag) const { return (flags() & flag) == flag; }

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

  const Doc& doc() const { return *doc_; }
  friend bool operator==(const basic_token& a, const basic_token& b) { return a.doc_ == b.doc_ && a.i_ == b.i_; }
};

// A run of tokens [first, end).
template <class Doc>
class basic_span {
 protected:
  const Doc* doc_ = nullptr;
  std::uint32_t first_ = 0, end_ = 0;

 public:
  using char_type = typename Doc::char_type;
  using token = basic_token<Doc>;
  basic_span() = default;
  constexpr basic_span(const Doc& d, std::uint32_t first, std::uint32_t end) : doc_(&d), first_(first), end_(end) {}

  std::uint32_t first_token() const noexcept { return first_; }
  std::uint32_t end_token() const noexcept { return end_; }
  std::size_t size() const noexcept { return end_ - first_; }
  bool empty() const noexcept { return first_ == end_; }
  index_range<Doc, token> tokens() const { return {*doc_, first_, end_}; }
  auto begin() const { return tokens().begin(); }
  auto end() const { return tokens().end(); }
  token operator[](std::size_t i) const { return token(*doc_, static_cast<std::uint32_t>(first_ + i)); }

  span_offsets offsets() const {
    if (empty()) return {};
    const auto& t = doc_->annotations().tokens;
    return {t.begin[first_], t.end[end_ - 1]};
  }
  std::basic_string_view<char_type> text() const {
    auto o = offsets();
    return doc_->text().substr(o.begin, o.size());
  }
  const Doc& doc() const { return *doc_; }
  friend bool operator==(const basic_span& a, const basic_span& b) {
    return a.doc_ == b.doc_ && a.first_ == b.first_ && a.end_ == b.end_;
  }
};

template <class Doc>
class basic_sentence : public basic_span<Doc> {
  std::uint32_t i_ = 0;

 public:
  basic_sentence() = default;
  basic_sentence(const Doc& d, std::uint32_t i)
      : basic_span<Doc>(d, d.annotations().sentences[i].first_token, d.annotations().sentences[i].end_token), i_(i) {}
  std::uint32_t index() const noexcept { return i_; }
};

template <class Doc>
class basic_paragraph : public basic_span<Doc> {
  std::uint32_t i_ = 0;
  const paragraph_record& rec() const { return this->doc_->annotations().paragraphs[i_]; }

 public:
  basic_paragraph() = default;
  basic_paragraph(const Doc& d, std::uint32_t i)
      : basic_span<Doc>(d, d.annotations().paragraphs[i].first_token, d.annotations().paragraphs[i].end_token),
        i_(i) {}
  std::uint32_t index() const noexcept { return i_; }
  // The paragraph's lines, without the line break after the last.
  span_offsets offsets() const { return {rec().begin, rec().end}; }
  std::basic_string_view<typename Doc::char_type> text() const {
    return this->doc_->text().substr(rec().begin, rec().end - rec().begin);
  }
  unicode::script script() const { return rec().script; }
  bool is_boilerplate() const { return (rec().flags & paragraph_flag::boilerplate) != 0; }
  bool is_heading() const { return (rec().flags & paragraph_flag::heading) != 0; }
  // The sentences inside it.
  index_range<Doc, basic_sentence<Doc>> sentences() const {
    const auto& s = this->doc_->annotations().sentences;
    auto lo = std::ranges::partition_point(s, [&](const sentence_record& r) { return r.end_token <= this->first_; });
    auto hi = std::ranges::partition_point(s, [&](const sentence_record& r) { return r.first_token < this->end_; });
    return {*this->doc_, static_cast<std::uint32_t>(lo - s.begin()), static_cast<std::uint32_t>(hi - s.begin())};
  }
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
  static_assert(text_storage<Text>, "Text is std::basic_string_view<C> (borrowed) or std::basic_string<C> (owned)");

 public:
  using char_type = typename detail::text_storage_traits<Text>::char_type;
  using text_type = Text;
  // True when the document owns a copy of its text; false when it reads the caller's in place.
  static constexpr bool owns_text = detail::text_storage_traits<Text>::owned;
  using token = basic_token<basic_document>;
  using span = basic_span<basic_document>;
  using sentence = basic_sentence<basic_document>;
  using paragraph = basic_paragraph<basic_document>;

  basic_document() = default;
  explicit basic_document(Text text) : text_(std::move(text)) {}
  // Views point into the document: copying one would leave them pointing at the original.
  basic_document(const basic_document&) = delete;
  basic_document& operator=(const basic_document&) = delete;
  basic_document(basic_document&&) noexcept = default;
  basic_document& operator=(basic_document&&) noexcept = default;

  std::basic_string_view<char_type> text() const noexcept { return text_; }
  std::size_t size() const noexcept { return text_.size(); }

  index_range<basic_document, token> tokens() const { return {*this, 0, static_cast<std::uint32_t>(ann_.tokens.size())}; }
  index_range<basic_document, sentence> sentences() const {
    return {*this, 0, static_cast<std::uint32_t>(ann_.sentences.size())};
  }
  index_range<basic_document, paragraph> paragraphs() const {
    return {*this, 0, static_cast<std::uint32_t>(ann_.paragraphs.size())};
  }
  token operator[](std::size_t i) const { return token(*this, static_cast<std::uint32_t>(i)); }

  // The token that covers `offset`, if any (whitespace belongs to no token).
  std::optional<token> token_at(std::size_t offset) const {
    const auto& t = ann_.tokens;
    auto it = std::ranges::upper_bound(t.begin, offset);
    if (it == t.begin.begin()) return std::nullopt;
    const auto i = static_cast<std::uint32_t>(it - t.begin.begin() - 1);
    if (offset >= t.end[i]) return std::nullopt;
    return token(*this, i);
  }

  // The tokens that [begin, end) covers. strict: the offsets must fall on token boundaries;
  // contract: only tokens wholly inside; expand: every token touched. nullopt when no token results
  // or (strict) an offset falls inside a token.
  std::optional<span> char_span(std::size_t begin, std::size_t end, alignment a = alignment::strict) const {
    const auto& t = ann_.tokens;
    if (begin >= end || end > text_.size()) return std::nullopt;
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
    return span(*this, first, last);
  }

  // The sentence that holds token i.
  std::optional<sentence> sentence_of(std::uint32_t token_index) const {
    const auto& s = ann_.sentences;
    auto it = std::ranges::partition_point(s, [&](const sentence_record& r) { return r.end_token <= token_index; });
    if (it == s.end() || it->first_token > token_index) return std::nullopt;
    return sentence(*this, static_cast<std::uint32_t>(it - s.begin()));
  }

  // Offset conversion. For many conversions build one converter and keep it.
  offset_converter<char_type> converter() const { return offset_converter<char_type>(text_); }
  std::uint64_t to_code_points(std::size_t offset) const { return converter().to_code_points(offset); }
  std::uint64_t to_utf16(std::size_t offset) const { return converter().to_utf16(offset); }

  // Every layer, for components and writers.
  const byline::annotations& annotations() const noexcept { return ann_; }
  byline::annotations& annotations() noexcept { return ann_; }
  bool has(layers l) const noexcept { return ann_.present.contains(l); }

  // Bytes the annotations take (capacity of their arrays), without the text.
  std::size_t memory_bytes() const noexcept { return ann_.memory_bytes(); }

 private:
  Text text_{};
  byline::annotations ann_;
};

using document = basic_document<std::string_view>;

}  // namespace byline
