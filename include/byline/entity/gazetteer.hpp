// byline — the gazetteer: a dictionary of multi-token names (places, people, organisations, ...)
// matched over sequences of tokens.
//
//   byline::gazetteer_builder b;                       // splits surfaces with byline's tokenizer
//   b.add({.surface = "United States", .label = byline::entity_label::gpe, .id = "US"});
//   b.add({.surface = "US", .label = byline::entity_label::gpe, .canonical = "United States",
//          .id = "US", .case_sensitive = true});       // "US" but never the pronoun "us"
//   std::ifstream f("my-names.tsv");                   // the user's own names, at run time
//   b.add_tsv(f, "my-names.tsv");                      // throws gazetteer_error naming file and line
//   const byline::gazetteer g = std::move(b).build();  // immutable; share it across threads
//
//   auto doc = nlp(article);
//   for (auto m : g.match(doc))                        // every match, overlapping ones too
//     use(m.first, m.end, g.entry(m.entry).canonical(), g.entry(m.entry).label());
//   auto best = byline::longest_leftmost(g.match(doc)); // or the longest-leftmost, non-overlapping
//   std::vector<std::string_view> conll = {"Moscow", "’s", "mayor"};
//   auto ms = g.match(conll);                          // tokens given as UTF-8 strings
//
// Entries. An entry has a surface (the name as written), a label (entity_label), a canonical name
// (the surface when left empty), an optional id (an ISO code, a GeoNames id; empty for none), a case
// rule and a 32-bit payload (`flags`) whose meaning the resource that made the entry decides ("a
// seat of government", "a first name"). A surface may have several entries (Georgia the country and
// Georgia the US state): a match reports each of them. Entries that repeat another at the same
// surface in everything but the surface's spelling (label, canonical, id, case rule, flags, and for
// case-sensitive ones the exact tokens) are dropped at build, keeping the first: merging resources
// that overlap does not report a name twice. Entry indices follow the order of addition.
//
// Keys. A surface is split into tokens by the builder's tokenizer (the one documents are made with:
// pass yours to the builder if you added abbreviations), so "Russia" matches the first token of
// "Russia's" and "U.S." and "US" are different keys. Each token is compared in its normalised form:
// curly and straight apostrophes and quotes are the same (token::norm()'s folding). A
// case-insensitive entry also ignores case (simple case folding, as token::norm()); a case-sensitive
// one matches only tokens with exactly its case.
//
// Adding your own names. A builder takes entries from any number of sources: add() one by one,
// add_tsv() for a file, add(const gazetteer_view&) for every entry of a gazetteer built before (say,
// one shipped with your program, viewed over its bytes):
//
//   byline::gazetteer_builder b;
//   b.add(shipped);                                    // a gazetteer_view or gazetteer
//   std::ifstream f("my-names.tsv");
//   b.add_tsv(f, "my-names.tsv");
//   const auto g = b.build();                          // the shipped names and yours
//
// The TSV format, one entry a line:
//
//   surface<TAB>label[<TAB>canonical[<TAB>id[<TAB>case[<TAB>flags]]]]
//
// label as entity_label names it (PERSON, GPE, ORG, ... or CoNLL's PER, LOC, ORG, MISC); canonical
// empty for the surface; id empty for none; case `cs` (case-sensitive) or `ci` (the default: ignore
// case); flags an unsigned 32-bit number (decimal, or hexadecimal after 0x). Lines starting with '#'
// are comments (so a hashtag surface must be added with add()); blank lines are skipped; a UTF-8 BOM
// and CR line ends are accepted. A bad line throws gazetteer_error naming the source and the line,
// and none of that file's entries are kept.
//
// Bytes. A built gazetteer is one flat byte layout (bytes(), serialize()), little-endian on every
// host: a 128-byte header (magic, format version, size, checksum, counts, section offsets), then the
// vocabulary's hash table, the trie's hash table of edges, entry references, entry records, exact
// forms, a string pool and two Bloom filters, linked by offsets, never pointers. Each trie node's data
// sits in the slot that leads to it, so there is no node array. gazetteer::load(bytes) copies and
// checks them; gazetteer_view(bytes) checks them and matches over them in place, at any alignment
// (the caller keeps them alive: a file read into memory, a mapped file, a resource compiled into the
// program). Checking reads the bytes once (magic, version, sizes, a 64-bit checksum, every offset and
// index in range, an empty slot in each table) and rebuilds nothing: about 1 GB/s. Bad bytes throw
// gazetteer_format_error, and matching over checked bytes never reads outside them.
//
// Cost. Matching computes each token's normalised form once (ASCII without decoding) and hashes it
// once; a Bloom filter that stays in cache turns away most tokens that are in no entry; the others
// read one vocabulary slot, which holds the first step of the walk too. A walk from a token takes one
// probe of the edge table per further token (after its own filter, and only for tokens that come
// second or later in some entry). Tokens are looked up in blocks of 32 so that the cache misses of a
// block overlap. A name has at most 64 tokens, so the work per token is bounded whatever the input.
// Building hashes each entry's tokens once: a million two- and three-token names build in under two
// seconds and take about 86 bytes each (bench/gazetteer_bench.cpp).
#pragma once

#include <byline/document/document.hpp>
#include <byline/document/records.hpp>
#include <byline/entity/labels.hpp>
#include <byline/tokenize/tokenizer.hpp>
#include <byline/unicode/marks.hpp>
#include <byline/unicode/properties.hpp>
#include <byline/unicode/utf.hpp>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <istream>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace byline {

// A bad entry or TSV line given to a gazetteer_builder. line() is 1-based within source(); both are
// empty/0 for entries given to add().
class gazetteer_error : public std::runtime_error {
 public:
  explicit gazetteer_error(const std::string& reason, std::string source = {}, std::size_t line = 0)
      : std::runtime_error(compose(reason, source, line)), reason_(reason), source_(std::move(source)), line_(line) {}
  const std::string& reason() const noexcept { return reason_; }
  const std::string& source() const noexcept { return source_; }
  std::size_t line() const noexcept { return line_; }

 private:
  static std::string compose(const std::string& reason, const std::string& source, std::size_t line) {
    std::string s = "byline::gazetteer_builder: ";
    if (line != 0) s += (source.empty() ? std::string("line ") : source + ":") + std::to_string(line) + ": ";
    return s + reason;
  }
  std::string reason_, source_;
  std::size_t line_;
};

// Bytes that are not a gazetteer this version can read: wrong magic or version, truncated, or
// corrupted.
class gazetteer_format_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// An entry as given to the builder.
struct gazetteer_entry {
  // Default member initializers throughout, so that designated initializers may leave any out.
  std::string surface{};                      // the name as written: "United States", "the Kremlin"
  entity_label label = entity_label::person;  //
  std::string canonical{};                    // empty: the surface
  std::string id{};                           // optional: "US", a GeoNames id; empty for none
  bool case_sensitive = false;                // true: only tokens with exactly this case match
  std::uint32_t flags = 0;                    // the resource's own payload
  friend bool operator==(const gazetteer_entry&, const gazetteer_entry&) = default;
};

// One match: tokens [first, end) (indices into the tokens given, or token ids of the document) and
// the index of the entry.
struct gazetteer_match {
  std::uint32_t first;
  std::uint32_t end;
  std::uint32_t entry;
  friend constexpr bool operator==(const gazetteer_match&, const gazetteer_match&) = default;
};

namespace detail::gaz {

inline constexpr std::uint32_t none = 0xFFFFFFFFu;
inline constexpr std::size_t max_tokens = 64;        // tokens in one surface: bounds the work per token
inline constexpr std::size_t max_token_bytes = 256;  // bytes of one token's key form
inline constexpr std::uint32_t format_version = 1;
inline constexpr std::size_t header_size = 128;
inline constexpr std::size_t record_size = 36;       // one entry record
inline constexpr std::size_t checksum_from = 32;     // the checksum covers [32, total)
// "bylgaz" and CR LF, so that a text-mode copy that mangles line ends is caught at the magic.
inline constexpr unsigned char magic[8] = {'b', 'y', 'l', 'g', 'a', 'z', '\r', '\n'};

// Header fields (byte offsets).
enum : std::size_t {
  h_version = 8, h_header_size = 12, h_total = 16, h_checksum = 24,
  h_entries = 32, h_vocab = 36, h_nodes = 40, h_vocab_slots = 44, h_edge_slots = 48, h_refs = 52,
  h_exact = 56, h_pool = 60, h_max_depth = 64, h_max_token = 68,
  h_sections = 72,  // eight u32 offsets, in the order of `section`
  h_vocab_bloom = 104, h_edge_bloom = 108,  // 64-bit words in each Bloom filter (powers of two)
};
enum section : std::size_t { s_vocab_slots, s_edges, s_refs, s_entries, s_exact, s_pool, s_vocab_bloom, s_edge_bloom, s_count };

// Blocked Bloom filters in front of the two hash tables: three bits in one 64-bit word per key, 12
// to 24 bits a key. They are small enough to stay in cache, so that the tokens of no entry (most
// of a news text) and the steps that lead nowhere (most walks' last) are turned away without
// touching the large tables. Any bit pattern is safe: a wrong filter only loses matches.
inline std::uint64_t bloom_bits(std::uint64_t h) noexcept {
  return (std::uint64_t{1} << (h & 63)) | (std::uint64_t{1} << ((h >> 6) & 63)) | (std::uint64_t{1} << ((h >> 12) & 63));
}
inline std::size_t bloom_word(std::uint64_t h, std::uint32_t mask) noexcept { return (h >> 24) & mask; }

// What a trie node holds, kept in the slot that leads to it (its vocabulary slot for a first token,
// its edge slot for the others), so that a step of a match reads one slot and nothing else: `info`
// says whether the node has children and either holds its one entry reference inline (in `extra`;
// the usual case) or begins its run of references [info's value, extra).
inline constexpr std::uint32_t has_children = 0x80000000u;
inline constexpr std::uint32_t inline_ref = 0x40000000u;
inline constexpr std::uint32_t info_value = 0x3FFFFFFFu;

// A vocabulary slot holds all that the first step of a match needs, in half a cache line: the key's
// first 8 bytes (zero-padded), its length (with `follows` set when the token comes second or later
// in some entry: a walk stops at a token without it, before probing the edges) and a tag of its hash, the token id + 1 (0: an empty slot),
// where the whole key sits in the pool (read only for keys longer than 8 bytes), and the node the
// token leads to from the root (0: none) with that node's info and extra.
inline constexpr std::size_t vocab_slot_size = 32;
inline constexpr std::uint16_t follows = 0x8000u, len_mask = 0x7FFFu;
enum : std::size_t { v_head = 0, v_len = 8, v_tag = 10, v_id = 12, v_off = 16, v_node = 20, v_info = 24, v_extra = 28 };
// An edge slot: (parent node, token id) -> child node (0: an empty slot), with the child's info and
// extra.
inline constexpr std::size_t edge_size = 20;
enum : std::size_t { e_parent = 0, e_token = 4, e_child = 8, e_info = 12, e_extra = 16 };
// An entry reference: the entry's index, and this bit when it is case-sensitive (so that the common
// case-insensitive report reads no entry record).
inline constexpr std::uint32_t ref_case_bit = 0x80000000u;

// Entry record fields.
enum : std::size_t {
  r_surface = 0, r_surface_len = 4, r_canonical = 8, r_canonical_len = 12, r_id = 16, r_id_len = 20,
  r_flags = 24, r_exact = 28, r_label = 32, r_case = 33, r_tokens = 34,
};

constexpr std::uint32_t bswap32(std::uint32_t v) noexcept {
  return (v >> 24) | ((v >> 8) & 0xFF00u) | ((v << 8) & 0xFF0000u) | (v << 24);
}
constexpr std::uint64_t bswap64(std::uint64_t v) noexcept {
  return (std::uint64_t{bswap32(static_cast<std::uint32_t>(v))} << 32) | bswap32(static_cast<std::uint32_t>(v >> 32));
}

// The layout is little-endian whatever the host; on little-endian hosts these are plain loads.
inline std::uint32_t rd32(const void* p) noexcept {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  if constexpr (std::endian::native == std::endian::big) v = bswap32(v);
  return v;
}
inline std::uint16_t rd16(const void* p) noexcept {
  const auto* b = static_cast<const unsigned char*>(p);
  return static_cast<std::uint16_t>(b[0] | (b[1] << 8));
}
inline std::uint64_t rd64(const void* p) noexcept {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  if constexpr (std::endian::native == std::endian::big) v = bswap64(v);
  return v;
}
inline void wr32(void* p, std::uint32_t v) noexcept {
  if constexpr (std::endian::native == std::endian::big) v = bswap32(v);
  std::memcpy(p, &v, 4);
}
inline void wr16(void* p, std::uint16_t v) noexcept {
  auto* b = static_cast<unsigned char*>(p);
  b[0] = static_cast<unsigned char>(v & 0xFF);
  b[1] = static_cast<unsigned char>(v >> 8);
}
inline void wr64(void* p, std::uint64_t v) noexcept {
  if constexpr (std::endian::native == std::endian::big) v = bswap64(v);
  std::memcpy(p, &v, 8);
}

constexpr std::uint64_t mix(std::uint64_t x) noexcept {
  x ^= x >> 32;
  x *= 0xD6E8FEB86659FD93ull;
  x ^= x >> 32;
  x *= 0xD6E8FEB86659FD93ull;
  x ^= x >> 32;
  return x;
}

// The hash stored in the layout: fixed here (not std::hash), so bytes built by one program match in
// another. Eight bytes a step.
inline std::uint64_t hash_bytes(const char* p, std::size_t n) noexcept {
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ (n * 0xFF51AFD7ED558CCDull);
  while (n >= 8) {
    h = (h ^ rd64(p)) * 0xBF58476D1CE4E5B9ull;
    h ^= h >> 31;
    p += 8;
    n -= 8;
  }
  if (n) {
    std::uint64_t v = 0;
    for (std::size_t k = 0; k < n; ++k) v |= std::uint64_t{static_cast<unsigned char>(p[k])} << (8 * k);
    h = (h ^ v) * 0xBF58476D1CE4E5B9ull;
  }
  return mix(h);
}

// hash_bytes over a buffer whose bytes [n, n + 8) are zero: the same value, by whole words.
inline std::uint64_t hash_padded(const char* p, std::size_t n) noexcept {
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ (n * 0xFF51AFD7ED558CCDull);
  std::size_t k = 0;
  for (; k + 8 <= n; k += 8) {
    h = (h ^ rd64(p + k)) * 0xBF58476D1CE4E5B9ull;
    h ^= h >> 31;
  }
  if (k < n) h = (h ^ rd64(p + k)) * 0xBF58476D1CE4E5B9ull;
  return mix(h);
}

inline std::uint64_t edge_hash(std::uint32_t parent, std::uint32_t token) noexcept {
  return mix((std::uint64_t{parent} << 32 | token) * 0x9E3779B97F4A7C15ull);
}

// A token's key form into out[0, limit): with `fold`, token::norm()'s form (simple case folding,
// curly quotes and apostrophes straight); without, only the quotes folded (the exact form that
// case-sensitive entries compare). Returns the length, or `none` when the form is longer than
// `limit` (no entry can have it). Ill-formed UTF-8 reads as U+FFFD, as in documents.
inline std::size_t key_form(std::string_view t, bool fold, char* out, std::size_t limit) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(t.data());
  const std::size_t n = t.size();
  std::size_t i = 0;
  if (n <= limit) {
    // ASCII, the bulk of news: fold by arithmetic, no decoding.
    if (fold) {
      for (; i < n && p[i] < 0x80; ++i) out[i] = static_cast<char>(p[i] + ((static_cast<unsigned>(p[i]) - 'A' < 26u) << 5));
    } else {
      for (; i < n && p[i] < 0x80; ++i) out[i] = static_cast<char>(p[i]);
    }
    if (i == n) return n;
  }
  std::size_t o = i;
  const char* s = t.data() + i;
  const char* const e = t.data() + n;
  while (s != e) {
    const auto d = unicode::decode<unicode::encoding::utf8>(s, e);
    const char32_t c = fold ? byline::detail::norm_code_point(d.code_point) : unicode::straight_form(d.code_point);
    if (o + unicode::utf8_length(c) > limit) return none;
    o = static_cast<std::size_t>(unicode::encode_utf8<char>(c, out + o) - out);
    s = d.next;
  }
  return o;
}

// The two tables are sized exactly (not to a power of two, which would waste up to half of the
// largest section): a hash's low half scaled to the table's size picks the first slot, and probes
// wrap at the end.
constexpr std::uint32_t first_slot(std::uint64_t h, std::uint32_t size) noexcept {
  return static_cast<std::uint32_t>((std::uint64_t{static_cast<std::uint32_t>(h)} * size) >> 32);
}
constexpr std::uint32_t next_slot(std::uint32_t s, std::uint32_t size) noexcept { return s + 1 == size ? 0 : s + 1; }
// Slots for n keys at a load of at most 4/5, and always one empty slot.
constexpr std::uint32_t table_size(std::uint64_t n) noexcept { return static_cast<std::uint32_t>(n * 5 / 4 + 1); }

constexpr std::uint32_t next_pow2(std::uint64_t n) noexcept {
  std::uint64_t c = 1;
  while (c < n) c <<= 1;
  return static_cast<std::uint32_t>(c);
}

}  // namespace detail::gaz

class gazetteer_view;

// One entry of a built gazetteer. Its strings point into the gazetteer's bytes: valid while they are.
class gazetteer_entry_view {
  const std::byte* rec_ = nullptr;
  const std::byte* pool_ = nullptr;
  std::uint32_t index_ = 0;

  std::string_view str(std::size_t off) const noexcept {
    using detail::gaz::rd32;
    return {reinterpret_cast<const char*>(pool_) + rd32(rec_ + off), rd32(rec_ + off + 4)};
  }

 public:
  gazetteer_entry_view() = default;
  gazetteer_entry_view(const std::byte* rec, const std::byte* pool, std::uint32_t index) noexcept
      : rec_(rec), pool_(pool), index_(index) {}

  std::uint32_t index() const noexcept { return index_; }
  std::string_view surface() const noexcept { return str(detail::gaz::r_surface); }
  std::string_view canonical() const noexcept { return str(detail::gaz::r_canonical); }
  std::string_view id() const noexcept { return str(detail::gaz::r_id); }
  bool has_id() const noexcept { return !id().empty(); }
  entity_label label() const noexcept { return static_cast<entity_label>(rec_[detail::gaz::r_label]); }
  bool case_sensitive() const noexcept { return rec_[detail::gaz::r_case] != std::byte{0}; }
  std::uint32_t flags() const noexcept { return detail::gaz::rd32(rec_ + detail::gaz::r_flags); }
  std::size_t token_count() const noexcept { return detail::gaz::rd16(rec_ + detail::gaz::r_tokens); }

  // The entry as the builder takes it (canonical spelled out).
  gazetteer_entry to_entry() const {
    return {std::string(surface()), label(), std::string(canonical()), std::string(id()), case_sensitive(), flags()};
  }
};

// A gazetteer over bytes that the caller keeps alive. Cheap to copy; every member is const and
// thread-safe. A default-constructed view is empty and matches nothing.
class gazetteer_view {
 public:
  gazetteer_view() = default;

  // Checks the bytes (gazetteer_format_error when they are not a gazetteer) and reads them in place.
  explicit gazetteer_view(std::span<const std::byte> bytes) { open(bytes, true); }

  std::size_t size() const noexcept { return entries_n_; }
  bool empty() const noexcept { return entries_n_ == 0; }
  // The entry with index i (std::out_of_range past the end).
  gazetteer_entry_view entry(std::size_t i) const {
    if (i >= entries_n_) throw std::out_of_range("byline::gazetteer: no entry " + std::to_string(i));
    return {entries_ + i * detail::gaz::record_size, pool_, static_cast<std::uint32_t>(i)};
  }
  // The distinct normalised tokens of all surfaces, and the trie's nodes (the root included).
  std::size_t vocabulary_size() const noexcept { return vocab_n_; }
  std::size_t node_count() const noexcept { return nodes_n_; }
  // The whole layout, to write to a file and load or view later.
  std::span<const std::byte> bytes() const noexcept { return {base_, size_}; }

  // Calls f(gazetteer_match) for every match over tokens given as UTF-8 strings, in order of first
  // token, then of end; the entries of one span in index order.
  template <class F>
  void for_each_match(std::span<const std::string_view> tokens, F&& f) const {
    scan(tokens.size(), [&](std::size_t j) { return tokens[j]; }, [&](const gazetteer_match& m) { f(m); });
  }
  // Over the document's tokens [first, end) (clamped to its tokens); matches carry token ids.
  template <class F>
  void for_each_match(const document_base& doc, token_id first, token_id end, F&& f) const {
    const auto& t = doc.token_records();
    const std::size_t b = std::min<std::size_t>(first.value, t.size()), e = std::min<std::size_t>(end.value, t.size());
    if (b >= e || empty()) return;
    const std::string_view text = doc.utf8();
    const bool direct = doc.encoding() == unicode::encoding::utf8;
    auto shifted = [&](gazetteer_match m) {
      m.first += static_cast<std::uint32_t>(b);
      m.end += static_cast<std::uint32_t>(b);
      f(m);
    };
    // Offsets are clamped so that a hand-edited token layer cannot lead outside the text.
    auto piece = [&](std::size_t s, std::size_t en) {
      s = std::min(s, text.size());
      en = std::min(std::max(en, s), text.size());
      return std::string_view(text.data() + s, en - s);
    };
    if (direct)
      scan(e - b, [&](std::size_t j) { return piece(t.begin[b + j], t.end[b + j]); }, shifted);
    else
      scan(e - b, [&](std::size_t j) { return piece(doc.utf8_offset(t.begin[b + j]), doc.utf8_offset(t.end[b + j])); },
           shifted);
  }
  template <class F>
  void for_each_match(const document_base& doc, F&& f) const {
    for_each_match(doc, token_id{0u}, token_id{static_cast<std::uint32_t>(doc.token_count())}, std::forward<F>(f));
  }

  template <class Text, class F>
  void for_each_match(const basic_document<Text>& doc, F&& f) const {
    for_each_match(doc.base(), std::forward<F>(f));
  }

  // Every match (overlapping ones too), in the order for_each_match gives them.
  std::vector<gazetteer_match> match(std::span<const std::string_view> tokens) const {
    std::vector<gazetteer_match> out;
    for_each_match(tokens, [&](const gazetteer_match& m) { out.push_back(m); });
    return out;
  }
  std::vector<gazetteer_match> match(const std::vector<std::string>& tokens) const {
    std::vector<gazetteer_match> out;
    scan(tokens.size(), [&](std::size_t j) { return std::string_view(tokens[j]); },
         [&](const gazetteer_match& m) { out.push_back(m); });
    return out;
  }
  std::vector<gazetteer_match> match(const document_base& doc, token_id first, token_id end) const {
    std::vector<gazetteer_match> out;
    for_each_match(doc, first, end, [&](const gazetteer_match& m) { out.push_back(m); });
    return out;
  }
  std::vector<gazetteer_match> match(const document_base& doc) const {
    return match(doc, token_id{0u}, token_id{static_cast<std::uint32_t>(doc.token_count())});
  }
  template <class Text>
  std::vector<gazetteer_match> match(const basic_document<Text>& doc) const {
    return match(doc.base());
  }
  // Within a span of the document (a sentence, a paragraph).
  template <class Text, class Node>
  std::vector<gazetteer_match> match(const basic_document<Text>& doc, const basic_span<Node>& s) const {
    return match(doc.base(), token_id{s.first_token()}, token_id{s.end_token()});
  }

 protected:
  // Reads the header's sections; with `check`, first proves every offset and index in range.
  void open(std::span<const std::byte> bytes, bool check);

 private:
  template <class TokenAt, class Report>
  void scan(std::size_t n, const TokenAt& token_at, const Report& report) const;
  // A node reached: its id (0: none) and what it holds (see detail::gaz::has_children).
  struct step {
    std::uint32_t node, info, extra;
  };
  struct first_step {
    std::uint32_t token;  // the token's id, or none
    bool follows;         // whether the token comes second or later in some entry
    step to;              // the node it leads to from the root
  };
  // Tokens [from, to) of a scan, looked up into the ring.
  template <class TokenAt>
  void lookup_block(std::size_t from, std::size_t to, const TokenAt& token_at, first_step* ring) const noexcept;
  step child(std::uint32_t node, std::uint32_t token) const noexcept;
  void check_node(const std::byte* info_and_extra, const char* where, std::uint64_t slot) const;
  template <class TokenAt>
  bool exact_case(const std::byte* rec, std::size_t first, std::size_t count, const TokenAt& token_at) const noexcept;
  void validate() const;

  const std::byte* base_ = nullptr;
  std::size_t size_ = 0;
  const std::byte* vslots_ = nullptr;
  const std::byte* edges_ = nullptr;
  const std::byte* refs_ = nullptr;
  const std::byte* entries_ = nullptr;
  const std::byte* exact_ = nullptr;
  const std::byte* pool_ = nullptr;
  std::uint32_t entries_n_ = 0, vocab_n_ = 0, nodes_n_ = 0, refs_n_ = 0, exact_n_ = 0, pool_n_ = 0;
  std::uint32_t vsize_ = 0, esize_ = 0, max_depth_ = 0, max_token_ = 0;
  const std::byte* vbloom_ = nullptr;
  const std::byte* ebloom_ = nullptr;
  std::uint32_t vbmask_ = 0, ebmask_ = 0;
};

// A gazetteer that owns its bytes. Everything gazetteer_view offers, and copies and moves as a
// value. Made by gazetteer_builder::build() or by load().
class gazetteer : public gazetteer_view {
 public:
  gazetteer() = default;
  gazetteer(const gazetteer& o) : gazetteer_view(), bytes_(o.bytes_) { rebind(); }
  gazetteer(gazetteer&& o) noexcept : gazetteer_view(), bytes_(std::move(o.bytes_)) {
    // The buffer moved with the vector, so the view's offsets still hold; the source is left empty.
    static_cast<gazetteer_view&>(*this) = static_cast<const gazetteer_view&>(o);
    static_cast<gazetteer_view&>(o) = gazetteer_view();
    o.bytes_.clear();
  }
  gazetteer& operator=(const gazetteer& o) {
    if (this != &o) *this = gazetteer(o);
    return *this;
  }
  gazetteer& operator=(gazetteer&& o) noexcept {
    if (this != &o) {
      bytes_ = std::move(o.bytes_);
      static_cast<gazetteer_view&>(*this) = static_cast<const gazetteer_view&>(o);
      static_cast<gazetteer_view&>(o) = gazetteer_view();
      o.bytes_.clear();
    }
    return *this;
  }

  // A copy of bytes made by bytes()/serialize(), checked (gazetteer_format_error).
  static gazetteer load(std::span<const std::byte> bytes) {
    return load(std::vector<std::byte>(bytes.begin(), bytes.end()));
  }
  static gazetteer load(std::vector<std::byte>&& bytes) {
    gazetteer g;
    g.bytes_ = std::move(bytes);
    g.open(g.bytes_, true);
    return g;
  }
  // The bytes, as a vector of their own.
  std::vector<std::byte> serialize() const { return bytes_; }

 private:
  friend class gazetteer_builder;
  struct trusted {};
  // Bytes this process built: no need to check them again.
  gazetteer(std::vector<std::byte>&& bytes, trusted) : bytes_(std::move(bytes)) { rebind(); }
  void rebind() {
    if (bytes_.empty())
      static_cast<gazetteer_view&>(*this) = gazetteer_view();
    else
      open(bytes_, false);
  }
  std::vector<std::byte> bytes_;
};

// From all matches, the longest-leftmost non-overlapping ones: left to right, the match that starts
// first wins, then the longest; every entry of a chosen span is kept (Georgia the country and the
// state). Sorted by first token, then entry.
inline std::vector<gazetteer_match> longest_leftmost(std::span<const gazetteer_match> all) {
  std::vector<gazetteer_match> v(all.begin(), all.end());
  std::sort(v.begin(), v.end(), [](const gazetteer_match& a, const gazetteer_match& b) {
    if (a.first != b.first) return a.first < b.first;
    if (a.end != b.end) return a.end > b.end;
    return a.entry < b.entry;
  });
  std::vector<gazetteer_match> out;
  std::uint32_t cursor = 0;
  for (std::size_t i = 0; i < v.size();) {
    std::size_t k = i;
    while (k < v.size() && v[k].first == v[i].first) ++k;
    if (v[i].first >= cursor && v[i].end > v[i].first) {
      for (std::size_t q = i; q < k && v[q].end == v[i].end; ++q) out.push_back(v[q]);
      cursor = v[i].end;
    }
    i = k;
  }
  return out;
}

// ----------------------------------------------------------------------------------------------
// Matching

namespace detail::gaz {
// Tokens looked up together: their hashes first, each slot's cache line requested at once, then the
// probes, so that the misses of a block overlap instead of following one another.
inline constexpr std::size_t block = 32, ring_size = 128;  // ring: a walk's 64 tokens and a block ahead
inline void prefetch([[maybe_unused]] const void* p) noexcept {
#if defined(__GNUC__) || defined(__clang__)
  __builtin_prefetch(p);
#endif
}
}  // namespace detail::gaz

template <class TokenAt>
void gazetteer_view::lookup_block(std::size_t from, std::size_t to, const TokenAt& token_at, first_step* ring) const noexcept {
  using namespace detail::gaz;
  struct key {
    std::uint64_t hash;
    std::size_t n;
    char text[max_token_bytes + 8];
  };
  key keys[block];
  const std::size_t count = to - from;
  // Three passes, each starting the memory reads that the next one needs: keys and hashes (and the
  // Bloom filter's words requested), then the filter (and the slots requested), then the probes.
  for (std::size_t k = 0; k < count; ++k) {
    key& x = keys[k];
    x.n = key_form(token_at(from + k), true, x.text, max_token_);
    if (x.n == none) continue;
    std::memset(x.text + x.n, 0, 8);  // the head is zero-padded
    x.hash = hash_padded(x.text, x.n);
    prefetch(vbloom_ + bloom_word(x.hash, vbmask_) * 8);
  }
  for (std::size_t k = 0; k < count; ++k) {
    key& x = keys[k];
    if (x.n == none) continue;
    const std::uint64_t bits = bloom_bits(x.hash);
    if ((rd64(vbloom_ + bloom_word(x.hash, vbmask_) * 8) & bits) != bits)
      x.n = none;
    else
      prefetch(vslots_ + std::size_t{first_slot(x.hash, vsize_)} * vocab_slot_size);
  }
  for (std::size_t k = 0; k < count; ++k) {
    const key& x = keys[k];
    first_step& out = ring[(from + k) & (ring_size - 1)];
    out = {none, false, {0, 0, 0}};
    if (x.n == none) continue;
    const auto tag = static_cast<std::uint16_t>(x.hash >> 48);
    // Validation proved an empty slot exists, so the probe ends.
    for (std::uint32_t s = first_slot(x.hash, vsize_);; s = next_slot(s, vsize_)) {
      const std::byte* slot = vslots_ + std::size_t{s} * vocab_slot_size;
      const std::uint32_t id1 = rd32(slot + v_id);
      if (id1 == 0) break;
      const std::uint16_t len = rd16(slot + v_len);
      if ((len & len_mask) == x.n && rd16(slot + v_tag) == tag && std::memcmp(slot + v_head, x.text, 8) == 0 &&
          (x.n <= 8 || std::memcmp(pool_ + rd32(slot + v_off) + 8, x.text + 8, x.n - 8) == 0)) {
        out = {id1 - 1, (len & follows) != 0, {rd32(slot + v_node), rd32(slot + v_info), rd32(slot + v_extra)}};
        break;
      }
    }
  }
}

inline gazetteer_view::step gazetteer_view::child(std::uint32_t node, std::uint32_t token) const noexcept {
  using namespace detail::gaz;
  const std::uint64_t h = edge_hash(node, token), bits = bloom_bits(h);
  if ((rd64(ebloom_ + bloom_word(h, ebmask_) * 8) & bits) != bits) return {0, 0, 0};
  for (std::uint32_t s = first_slot(h, esize_);; s = next_slot(s, esize_)) {
    const std::byte* slot = edges_ + std::size_t{s} * edge_size;
    const std::uint32_t c = rd32(slot + e_child);
    if (c == 0) return {0, 0, 0};
    if (rd32(slot + e_parent) == node && rd32(slot + e_token) == token)
      return {c, rd32(slot + e_info), rd32(slot + e_extra)};
  }
}

template <class TokenAt>
bool gazetteer_view::exact_case(const std::byte* rec, std::size_t first, std::size_t count,
                                const TokenAt& token_at) const noexcept {
  using namespace detail::gaz;
  if (rd16(rec + r_tokens) != count) return false;
  const std::uint32_t x = rd32(rec + r_exact);
  char buf[max_token_bytes];
  for (std::size_t q = 0; q < count; ++q) {
    const std::uint32_t b = rd32(exact_ + (std::size_t{x} + q) * 4), e = rd32(exact_ + (std::size_t{x} + q + 1) * 4);
    const std::size_t n = key_form(token_at(first + q), false, buf, e - b);
    if (n != e - b || std::memcmp(buf, pool_ + b, n) != 0) return false;
  }
  return true;
}

template <class TokenAt, class Report>
void gazetteer_view::scan(std::size_t n, const TokenAt& token_at, const Report& report) const {
  using namespace detail::gaz;
  if (n == 0 || entries_n_ == 0) return;
  // The first steps of the tokens from the oldest that a walk still needs: a walk from token i reads
  // at most i .. i+63, and each token is looked up once however many walks cross it.
  static_assert(ring_size >= max_tokens + block && (ring_size & (ring_size - 1)) == 0);
  first_step ring[ring_size];
  std::size_t known = 0;
  auto step_at = [&](std::size_t j) -> const first_step& {
    if (j >= known) {
      // j == known: walks ask for tokens in order. The block ends at most 95 past the oldest token a
      // walk still needs, inside the ring.
      const std::size_t to = std::min(n, known + block);
      lookup_block(known, to, token_at, ring);
      // Request the first edge of every walk in the block (a token that starts some entry followed
      // by one that can come after it), so that those misses overlap too.
      for (std::size_t p = known == 0 ? 0 : known - 1; p + 1 < to; ++p) {
        const first_step& a = ring[p & (ring_size - 1)];
        const first_step& b = ring[(p + 1) & (ring_size - 1)];
        if ((a.to.info & has_children) && b.follows) {
          const std::uint64_t h = edge_hash(a.to.node, b.token);
          prefetch(ebloom_ + bloom_word(h, ebmask_) * 8);
          prefetch(edges_ + std::size_t{first_slot(h, esize_)} * edge_size);
        }
      }
      known = to;
    }
    return ring[j & (ring_size - 1)];
  };
  auto report_one = [&](std::uint32_t ref, std::size_t i, std::size_t j) {
    if (ref & ref_case_bit) {
      ref &= ~ref_case_bit;
      if (!exact_case(entries_ + std::size_t{ref} * record_size, i, j + 1 - i, token_at)) return;
    }
    report(gazetteer_match{static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j + 1), ref});
  };
  for (std::size_t i = 0; i < n; ++i) {
    step at = step_at(i).to;
    if (at.node == 0) continue;
    for (std::size_t j = i;;) {
      if (at.info & inline_ref)
        report_one(at.extra, i, j);
      else
        for (std::uint32_t k = at.info & info_value; k < at.extra; ++k) report_one(rd32(refs_ + std::size_t{k} * 4), i, j);
      if (!(at.info & has_children) || j + 1 - i >= max_depth_ || j + 1 >= n) break;
      const first_step& next = step_at(++j);
      if (!next.follows) break;  // also when the token is in no entry
      at = child(at.node, next.token);
      if (at.node == 0) break;
    }
  }
}

// ----------------------------------------------------------------------------------------------
// Reading and checking the layout

inline void gazetteer_view::open(std::span<const std::byte> bytes, bool check) {
  using namespace detail::gaz;
  auto fail = [](const std::string& why) -> void { throw gazetteer_format_error("byline::gazetteer: " + why); };
  const std::byte* p = bytes.data();
  if (check) {
    if (bytes.size() < header_size) fail("too short for a header (" + std::to_string(bytes.size()) + " bytes)");
    if (std::memcmp(p, magic, 8) != 0) fail("not a gazetteer (bad magic)");
    if (rd32(p + h_version) != format_version)
      fail("format version " + std::to_string(rd32(p + h_version)) + ", this build reads " + std::to_string(format_version));
    if (rd32(p + h_header_size) != header_size) fail("bad header size");
    if (rd64(p + h_total) != bytes.size())
      fail("truncated or padded: the header says " + std::to_string(rd64(p + h_total)) + " bytes, there are " +
           std::to_string(bytes.size()));
    if (hash_bytes(reinterpret_cast<const char*>(p + checksum_from), bytes.size() - checksum_from) != rd64(p + h_checksum))
      fail("checksum mismatch (corrupted bytes)");
  }
  gazetteer_view v;
  v.base_ = p;
  v.size_ = bytes.size();
  v.entries_n_ = rd32(p + h_entries);
  v.vocab_n_ = rd32(p + h_vocab);
  v.nodes_n_ = rd32(p + h_nodes);
  const std::uint32_t vslots = rd32(p + h_vocab_slots), eslots = rd32(p + h_edge_slots);
  v.refs_n_ = rd32(p + h_refs);
  v.exact_n_ = rd32(p + h_exact);
  v.pool_n_ = rd32(p + h_pool);
  v.max_depth_ = rd32(p + h_max_depth);
  v.max_token_ = rd32(p + h_max_token);
  v.vsize_ = vslots;
  v.esize_ = eslots;
  const std::uint32_t vbloom = rd32(p + h_vocab_bloom), ebloom = rd32(p + h_edge_bloom);
  v.vbmask_ = vbloom - 1;
  v.ebmask_ = ebloom - 1;
  if (check) {
    if (vbloom == 0 || !std::has_single_bit(vbloom) || ebloom == 0 || !std::has_single_bit(ebloom))
      fail("bad Bloom filter size");
    if (vslots == 0 || vslots <= v.vocab_n_) fail("bad vocabulary table size");
    if (eslots == 0) fail("bad edge table size");
    if (v.nodes_n_ == 0) fail("bad node count");
    if (v.max_depth_ > max_tokens) fail("bad maximum depth");
    if (v.max_token_ > max_token_bytes) fail("bad maximum token length");
  }
  const std::uint64_t sizes[s_count] = {std::uint64_t{vslots} * vocab_slot_size, std::uint64_t{eslots} * edge_size,
                                        std::uint64_t{v.refs_n_} * 4,
                                        std::uint64_t{v.entries_n_} * record_size, std::uint64_t{v.exact_n_} * 4,
                                        std::uint64_t{v.pool_n_}, std::uint64_t{vbloom} * 8, std::uint64_t{ebloom} * 8};
  const std::byte* sec[s_count];
  for (std::size_t s = 0; s < s_count; ++s) {
    const std::uint64_t off = rd32(p + h_sections + 4 * s);
    if (check && (off < header_size || off > bytes.size() || sizes[s] > bytes.size() - off))
      fail("section " + std::to_string(s) + " lies outside the bytes");
    sec[s] = p + off;
  }
  v.vslots_ = sec[s_vocab_slots];
  v.vbloom_ = sec[s_vocab_bloom];
  v.ebloom_ = sec[s_edge_bloom];
  v.edges_ = sec[s_edges];
  v.refs_ = sec[s_refs];
  v.entries_ = sec[s_entries];
  v.exact_ = sec[s_exact];
  v.pool_ = sec[s_pool];
  if (check) v.validate();
  *this = v;
}

// A node's info and extra: an inline reference to an entry, or a run of references, in range.
inline void gazetteer_view::check_node(const std::byte* p, const char* where, std::uint64_t slot) const {
  using namespace detail::gaz;
  const std::uint32_t info = rd32(p), extra = rd32(p + 4);
  const bool ok = (info & inline_ref) ? (extra & ~ref_case_bit) < entries_n_ &&
                                            ((extra & ref_case_bit) != 0) ==
                                                (entries_[std::size_t{extra & ~ref_case_bit} * record_size + r_case] != std::byte{0})
                                      : (info & info_value) <= extra && extra <= refs_n_;
  if (!ok) throw gazetteer_format_error("byline::gazetteer: " + std::string(where) + std::to_string(slot) + ": bad entries");
}

// Every index and offset in range, and each hash table with an empty slot (so probes end): after
// this, matching cannot read outside the bytes or loop, whatever they hold. One pass, no hashing.
inline void gazetteer_view::validate() const {
  using namespace detail::gaz;
  auto fail = [](const std::string& why) -> void { throw gazetteer_format_error("byline::gazetteer: " + why); };
  bool empty_slot = false;
  for (std::uint64_t s = 0; s < vsize_; ++s) {
    const std::byte* slot = vslots_ + s * vocab_slot_size;
    const std::uint32_t id1 = rd32(slot + v_id);
    if (id1 == 0) {
      empty_slot = true;
    } else if (const std::uint32_t len = rd16(slot + v_len) & len_mask;
               id1 > vocab_n_ || len > max_token_ || std::uint64_t{rd32(slot + v_off)} + len > pool_n_ ||
               rd32(slot + v_node) >= nodes_n_) {
      fail("vocabulary slot " + std::to_string(s) + " out of range");
    } else {
      check_node(slot + v_info, "vocabulary slot ", s);
    }
  }
  if (!empty_slot) fail("vocabulary table has no empty slot");
  empty_slot = false;
  for (std::uint64_t s = 0; s < esize_; ++s) {
    const std::byte* slot = edges_ + s * edge_size;
    const std::uint32_t c = rd32(slot + e_child);
    if (c == 0) {
      empty_slot = true;
    } else if (rd32(slot + e_parent) >= nodes_n_ || rd32(slot + e_token) >= vocab_n_ || c >= nodes_n_) {
      fail("edge slot " + std::to_string(s) + " out of range");
    } else {
      check_node(slot + e_info, "edge slot ", s);
    }
  }
  if (!empty_slot) fail("edge table has no empty slot");
  for (std::uint64_t k = 0; k < refs_n_; ++k) {
    const std::uint32_t r = rd32(refs_ + k * 4), e = r & ~ref_case_bit;
    if (e >= entries_n_ || ((r & ref_case_bit) != 0) != (entries_[std::size_t{e} * record_size + r_case] != std::byte{0}))
      fail("entry reference " + std::to_string(k) + " out of range");
  }
  for (std::uint64_t e = 0; e < entries_n_; ++e) {
    const std::byte* r = entries_ + e * record_size;
    for (std::size_t f : {r_surface, r_canonical, r_id})
      if (std::uint64_t{rd32(r + f)} + rd32(r + f + 4) > pool_n_) fail("entry " + std::to_string(e) + ": string out of range");
    if (static_cast<std::size_t>(r[r_label]) >= entity_label_count) fail("entry " + std::to_string(e) + ": bad label");
    const auto cs = static_cast<unsigned>(r[r_case]);
    const std::uint32_t n = rd16(r + r_tokens), x = rd32(r + r_exact);
    if (cs > 1 || n == 0 || n > max_depth_) fail("entry " + std::to_string(e) + ": bad case or token count");
    if (cs == 1 ? (x == none || std::uint64_t{x} + n + 1 > exact_n_) : x != none)
      fail("entry " + std::to_string(e) + ": bad exact forms");
    if (cs == 1)
      for (std::uint64_t q = x; q < std::uint64_t{x} + n; ++q) {
        const std::uint32_t b = rd32(exact_ + q * 4), z = rd32(exact_ + q * 4 + 4);
        if (b > z || z > pool_n_ || z - b > max_token_bytes) fail("entry " + std::to_string(e) + ": exact form out of range");
      }
  }
}

// ----------------------------------------------------------------------------------------------
// Building

class gazetteer_builder {
 public:
  // Surfaces are split by `tok`: give the tokenizer your documents are made with.
  explicit gazetteer_builder(tokenizer tok = {}) : tok_(std::move(tok)) { vtable_.assign(1024, vocab_slot{0, 0}); }

  // Adds one entry (gazetteer_error when its surface has no tokens, more than 64, or a token over
  // 256 bytes, or a string is not UTF-8).
  gazetteer_builder& add(const gazetteer_entry& e) {
    add_one(e.surface, e.label, e.canonical, e.id, e.case_sensitive, e.flags);
    return *this;
  }
  // Adds every entry of a gazetteer (a built-in one, one loaded from bytes).
  gazetteer_builder& add(const gazetteer_view& g) {
    for (std::size_t i = 0; i < g.size(); ++i) {
      const auto e = g.entry(i);
      add_one(e.surface(), e.label(), e.canonical(), e.id(), e.case_sensitive(), e.flags());
    }
    return *this;
  }
  // Adds the entries of a TSV stream (the format is in the header comment). On a bad line, throws
  // gazetteer_error naming `source` and the line, and keeps none of this stream's entries.
  gazetteer_builder& add_tsv(std::istream& in, std::string_view source = {});

  // Entries added so far (before duplicates are dropped).
  std::size_t size() const noexcept { return entries_.size(); }

  // The gazetteer of every entry added. The builder is left as it was (build again after adding more).
  gazetteer build() const;

 private:
  struct pending {
    std::uint32_t key;         // into keys_: the entry's token ids
    std::uint32_t strings;     // into strings_: the surface, the canonical name unless the same, the id
    std::uint32_t canonical_at, id_at;
    std::uint32_t surface_len, canonical_len, id_len;
    std::uint32_t exact;       // into exact_off_ (case-sensitive entries), or none
    std::uint32_t flags;
    std::uint16_t tokens;
    entity_label label;
    bool case_sensitive;
  };

  void add_one(std::string_view surface, entity_label label, std::string_view canonical, std::string_view id,
               bool case_sensitive, std::uint32_t flags);
  std::uint32_t intern(const char* s, std::size_t n);
  void grow_vocab();
  std::string_view vocab_string(std::uint32_t t) const {
    return std::string_view(vocab_chars_).substr(vocab_off_[t], vocab_off_[t + 1] - vocab_off_[t]);
  }
  int compare_entries(const pending& a, const pending& b) const;
  bool canonical_differs(const pending& p) const { return p.canonical_at != p.strings; }
  std::string_view surface_of(const pending& p) const { return std::string_view(strings_).substr(p.strings, p.surface_len); }
  std::string_view canonical_of(const pending& p) const {
    return std::string_view(strings_).substr(p.canonical_at, p.canonical_len);
  }
  std::string_view id_of(const pending& p) const { return std::string_view(strings_).substr(p.id_at, p.id_len); }

  tokenizer tok_;
  token_layer scratch_;
  // The vocabulary: each distinct key form once, with its hash (kept, so that building the final
  // table hashes nothing again).
  std::string vocab_chars_;
  std::vector<std::uint32_t> vocab_off_{0};
  std::vector<std::uint64_t> vocab_hash_;
  struct vocab_slot {
    std::uint64_t tag_id;  // 24 bits of the hash, 8 of the length | token id + 1; 0: empty
    std::uint64_t head;    // the key's first 8 bytes, zero-padded
  };
  std::vector<vocab_slot> vtable_;
  // The entries so far.
  std::vector<pending> entries_;
  std::vector<std::uint32_t> keys_;
  std::string strings_;
  std::string exact_chars_;
  std::vector<std::uint32_t> exact_off_;  // per case-sensitive entry: tokens + 1 offsets into exact_chars_
};

inline void gazetteer_builder::grow_vocab() {
  std::vector<vocab_slot> t(vtable_.size() * 2, vocab_slot{0, 0});
  const std::size_t mask = t.size() - 1;
  for (const auto& v : vtable_)
    if (v.tag_id != 0) {
      std::size_t s = vocab_hash_[static_cast<std::uint32_t>(v.tag_id) - 1] & mask;
      while (t[s].tag_id != 0) s = (s + 1) & mask;
      t[s] = v;
    }
  vtable_ = std::move(t);
}

inline std::uint32_t gazetteer_builder::intern(const char* s, std::size_t n) {
  // A slot holds 24 bits of the hash, the key's length (up to 255), the id + 1 and the key's first 8
  // bytes, so that a probe for a key of 8 bytes or less (most names) settles inside the table.
  const std::uint64_t h = detail::gaz::hash_bytes(s, n);
  const std::uint64_t high = ((h >> 40) << 40) | (std::uint64_t{std::min<std::size_t>(n, 255)} << 32);
  std::uint64_t head = 0;
  std::memcpy(&head, s, std::min<std::size_t>(n, 8));
  const std::string_view key(s, n);
  const std::size_t mask = vtable_.size() - 1;
  std::size_t slot = h & mask;
  for (; vtable_[slot].tag_id != 0; slot = (slot + 1) & mask) {
    const vocab_slot& v = vtable_[slot];
    if ((v.tag_id & ~std::uint64_t{0xFFFFFFFFu}) == high && v.head == head) {
      const auto id = static_cast<std::uint32_t>(v.tag_id) - 1;
      if (n <= 8 || vocab_string(id) == key) return id;
    }
  }
  const auto id = static_cast<std::uint32_t>(vocab_hash_.size());
  vocab_chars_.append(key);
  vocab_off_.push_back(static_cast<std::uint32_t>(vocab_chars_.size()));
  vocab_hash_.push_back(h);
  vtable_[slot] = vocab_slot{high | (id + 1), head};
  if (vocab_hash_.size() * 4 > vtable_.size() * 3) grow_vocab();
  return id;
}

inline void gazetteer_builder::add_one(std::string_view surface, entity_label label, std::string_view canonical,
                                       std::string_view id, bool case_sensitive, std::uint32_t flags) {
  using namespace detail::gaz;
  if (static_cast<std::size_t>(label) >= entity_label_count) throw gazetteer_error("bad label");
  auto ascii = [](std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  };
  for (auto [what, s] : {std::pair{"surface", surface}, std::pair{"canonical", canonical}, std::pair{"id", id}})
    if (!ascii(s) && unicode::for_each_error(s, [](const auto&) {}) != 0)
      throw gazetteer_error(std::string(what) + " is not valid UTF-8");
  if (canonical.empty()) canonical = surface;
  scratch_.clear();
  tok_.tokenize(surface, scratch_);
  const std::size_t n = scratch_.size();
  if (n == 0) throw gazetteer_error("the surface '" + std::string(surface) + "' has no tokens");
  if (n > max_tokens)
    throw gazetteer_error("the surface has " + std::to_string(n) + " tokens; at most " + std::to_string(max_tokens));
  if (strings_.size() + surface.size() + canonical.size() + id.size() + vocab_chars_.size() + exact_chars_.size() >
      0xF0000000u)
    throw gazetteer_error("the gazetteer would exceed 4 GiB");
  pending p{};
  p.key = static_cast<std::uint32_t>(keys_.size());
  char buf[max_token_bytes];
  const std::size_t key_mark = keys_.size(), exact_mark = exact_off_.size(), chars_mark = exact_chars_.size();
  try {
    for (std::size_t k = 0; k < n; ++k) {
      const auto tok = surface.substr(scratch_.begin[k], scratch_.end[k] - scratch_.begin[k]);
      const std::size_t len = key_form(tok, true, buf, max_token_bytes);
      if (len == none) throw gazetteer_error("the token '" + std::string(tok) + "' is longer than 256 bytes");
      keys_.push_back(intern(buf, len));
    }
    p.exact = none;
    if (case_sensitive) {
      p.exact = static_cast<std::uint32_t>(exact_off_.size());
      exact_off_.push_back(static_cast<std::uint32_t>(exact_chars_.size()));
      for (std::size_t k = 0; k < n; ++k) {
        const auto tok = surface.substr(scratch_.begin[k], scratch_.end[k] - scratch_.begin[k]);
        const std::size_t len = key_form(tok, false, buf, max_token_bytes);
        if (len == none) throw gazetteer_error("the token '" + std::string(tok) + "' is longer than 256 bytes");
        exact_chars_.append(buf, len);
        exact_off_.push_back(static_cast<std::uint32_t>(exact_chars_.size()));
      }
    }
  } catch (...) {
    keys_.resize(key_mark);
    exact_off_.resize(exact_mark);
    exact_chars_.resize(chars_mark);
    throw;
  }
  p.strings = static_cast<std::uint32_t>(strings_.size());
  strings_.append(surface);
  p.canonical_at = p.strings;
  if (canonical != surface) {
    p.canonical_at = static_cast<std::uint32_t>(strings_.size());
    strings_.append(canonical);
  }
  p.id_at = static_cast<std::uint32_t>(strings_.size());
  strings_.append(id);
  p.surface_len = static_cast<std::uint32_t>(surface.size());
  p.canonical_len = static_cast<std::uint32_t>(canonical.size());
  p.id_len = static_cast<std::uint32_t>(id.size());
  p.flags = flags;
  p.tokens = static_cast<std::uint16_t>(n);
  p.label = label;
  p.case_sensitive = case_sensitive;
  entries_.push_back(p);
}

inline gazetteer_builder& gazetteer_builder::add_tsv(std::istream& in, std::string_view source) {
  // Rolled back on a bad line, so that a file goes in whole or not at all. (Tokens interned for the
  // lines before stay in the vocabulary: harmless, nothing refers to them.)
  const std::size_t entries_mark = entries_.size(), keys_mark = keys_.size(), strings_mark = strings_.size(),
                    exact_mark = exact_off_.size(), chars_mark = exact_chars_.size();
  auto rollback = [&] {
    entries_.resize(entries_mark);
    keys_.resize(keys_mark);
    strings_.resize(strings_mark);
    exact_off_.resize(exact_mark);
    exact_chars_.resize(chars_mark);
  };
  std::string line;
  std::size_t line_no = 0;
  auto trim = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
  };
  try {
    while (std::getline(in, line)) {
      ++line_no;
      std::string_view l(line);
      if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
      if (line_no == 1 && l.substr(0, 3) == "\xEF\xBB\xBF") l.remove_prefix(3);
      if (trim(l).empty() || l.front() == '#') continue;
      std::string_view f[7];
      std::size_t nf = 0;
      for (std::size_t at = 0;;) {
        const auto tab = l.find('\t', at);
        if (nf < 7) f[nf] = l.substr(at, tab == std::string_view::npos ? std::string_view::npos : tab - at);
        ++nf;
        if (tab == std::string_view::npos) break;
        at = tab + 1;
      }
      if (nf < 2) throw gazetteer_error("expected at least 2 tab-separated columns (surface, label), found 1");
      if (nf > 6) throw gazetteer_error("expected at most 6 tab-separated columns, found " + std::to_string(nf));
      const auto label_name = trim(f[1]);
      const auto label = parse_entity_label(label_name);
      if (!label) throw gazetteer_error("unknown label '" + std::string(label_name) + "'");
      bool cs = false;
      if (nf > 4) {
        const auto c = trim(f[4]);
        if (c == "cs") cs = true;
        else if (!c.empty() && c != "ci") throw gazetteer_error("case must be 'cs', 'ci' or empty, not '" + std::string(c) + "'");
      }
      std::uint32_t flags = 0;
      if (nf > 5) {
        auto v = trim(f[5]);
        int base = 10;
        if (v.size() > 2 && v[0] == '0' && (v[1] == 'x' || v[1] == 'X')) {
          v.remove_prefix(2);
          base = 16;
        }
        if (!v.empty()) {
          const auto r = std::from_chars(v.data(), v.data() + v.size(), flags, base);
          if (r.ec != std::errc{} || r.ptr != v.data() + v.size())
            throw gazetteer_error("flags must be an unsigned 32-bit number, not '" + std::string(trim(f[5])) + "'");
        }
      }
      add_one(f[0], *label, nf > 2 ? f[2] : std::string_view(), nf > 3 ? f[3] : std::string_view(), cs, flags);
    }
    if (in.bad()) throw gazetteer_error("read error after line " + std::to_string(line_no));
  } catch (const gazetteer_error& e) {
    rollback();
    throw gazetteer_error(e.reason(), std::string(source), line_no);
  } catch (...) {
    rollback();
    throw;
  }
  return *this;
}

// Orders entries of one trie node by everything but the surface's spelling; 0 for repeats.
inline int gazetteer_builder::compare_entries(const pending& a, const pending& b) const {
  auto cmp = [](auto x, auto y) { return x < y ? -1 : y < x ? 1 : 0; };
  if (int c = cmp(a.label, b.label)) return c;
  if (int c = cmp(a.case_sensitive, b.case_sensitive)) return c;
  if (int c = cmp(a.flags, b.flags)) return c;
  if (int c = canonical_of(a).compare(canonical_of(b))) return c;
  if (int c = id_of(a).compare(id_of(b))) return c;
  if (!a.case_sensitive) return 0;
  // Same trie node, so the same number of tokens: compare the exact forms' lengths, then their text.
  for (std::size_t q = 1; q <= a.tokens; ++q)
    if (int c = cmp(exact_off_[a.exact + q] - exact_off_[a.exact], exact_off_[b.exact + q] - exact_off_[b.exact]))
      return c;
  const std::string_view x(exact_chars_);
  return x.substr(exact_off_[a.exact], exact_off_[a.exact + a.tokens] - exact_off_[a.exact])
      .compare(x.substr(exact_off_[b.exact], exact_off_[b.exact + b.tokens] - exact_off_[b.exact]));
}

inline gazetteer gazetteer_builder::build() const {
  using namespace detail::gaz;
  const auto vocab_n = static_cast<std::uint32_t>(vocab_hash_.size());
  const std::size_t n = entries_.size();

  // The trie: the first step is an array by token id, the others a hash table of (parent, token).
  std::vector<std::uint32_t> root(vocab_n, 0);
  struct edge {
    std::uint32_t parent, token, child;
  };
  // Sized once for the most edges there can be (every token after an entry's first), at a load of
  // at most 4/5: growing it would rehash every edge, and a build of a million names spent a fifth of
  // its time there.
  const std::uint32_t edge_slots = table_size(keys_.size() - n);
  std::vector<edge> edges(edge_slots, edge{0, 0, 0});
  std::size_t edge_n = 0;
  std::vector<std::uint8_t> branches{0};  // per node: has children
  std::uint32_t nodes = 1;
  std::uint32_t max_depth = 0;
  std::vector<std::uint32_t> node_of(n);
  std::vector<std::uint8_t> later(vocab_n, 0);  // tokens that come second or later in some entry
  for (std::size_t i = 0; i < n; ++i) {
    const pending& p = entries_[i];
    const std::uint32_t* key = keys_.data() + p.key;
    std::uint32_t& r = root[key[0]];
    if (r == 0) {
      r = nodes++;
      branches.push_back(0);
    }
    std::uint32_t node = r;
    for (std::size_t k = 1; k < p.tokens; ++k) {
      later[key[k]] = 1;
      std::uint32_t s = first_slot(edge_hash(node, key[k]), edge_slots);
      while (edges[s].child && !(edges[s].parent == node && edges[s].token == key[k])) s = next_slot(s, edge_slots);
      if (edges[s].child) {
        node = edges[s].child;
        continue;
      }
      edges[s] = edge{node, key[k], nodes};
      branches[node] = 1;
      branches.push_back(0);
      node = nodes++;
      ++edge_n;
    }
    node_of[i] = node;
    max_depth = std::max<std::uint32_t>(max_depth, p.tokens);
  }
  if (n > info_value) throw gazetteer_error("too many entries");

  // Each node's entries, in order of addition (a counting sort), without repeats.
  std::vector<std::uint32_t> first(std::size_t{nodes} + 1, 0);
  for (std::size_t i = 0; i < n; ++i) ++first[node_of[i] + 1];
  for (std::size_t k = 0; k < nodes; ++k) first[k + 1] += first[k];
  std::vector<std::uint32_t> refs(n);
  {
    std::vector<std::uint32_t> at(first.begin(), first.end() - 1);
    for (std::size_t i = 0; i < n; ++i) refs[at[node_of[i]]++] = static_cast<std::uint32_t>(i);
  }
  // Repeats sort next to each other, the first added first; each one after the first is dropped.
  std::vector<std::uint8_t> dropped(n, 0);
  std::vector<std::uint32_t> order;
  for (std::size_t k = 0; k < nodes; ++k) {
    const std::uint32_t a = first[k], z = first[k + 1];
    if (z - a < 2) continue;
    order.assign(refs.begin() + a, refs.begin() + z);
    std::sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
      const int c = compare_entries(entries_[x], entries_[y]);
      return c != 0 ? c < 0 : x < y;
    });
    for (std::size_t x = 1; x < order.size(); ++x)
      if (compare_entries(entries_[order[x]], entries_[order[x - 1]]) == 0) dropped[order[x]] = 1;
  }
  std::vector<std::uint32_t> renumber(n, none);
  std::uint32_t kept = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (!dropped[i]) renumber[i] = kept++;

  // Each node's info and extra (see detail::gaz::has_children): one entry inline, more as a run of
  // references.
  std::vector<std::uint32_t> info(nodes), extra(nodes), out_refs;
  for (std::uint32_t k = 0; k < nodes; ++k) {
    const auto ref = [&](std::uint32_t q) {
      return renumber[refs[q]] | (entries_[refs[q]].case_sensitive ? ref_case_bit : 0u);
    };
    std::uint32_t c = 0, only = 0;
    for (std::uint32_t q = first[k]; q < first[k + 1]; ++q)
      if (!dropped[refs[q]]) ++c, only = q;
    const std::uint32_t bit = branches[k] ? has_children : 0u;
    if (c == 1) {
      info[k] = bit | inline_ref;
      extra[k] = ref(only);
      continue;
    }
    info[k] = bit | static_cast<std::uint32_t>(out_refs.size());
    for (std::uint32_t q = first[k]; q < first[k + 1]; ++q)
      if (!dropped[refs[q]]) out_refs.push_back(ref(q));
    extra[k] = static_cast<std::uint32_t>(out_refs.size());
  }

  // Sizes.
  // Linear probing at a load of 0.4 to 0.8: a miss reads on along one or two cache lines.
  const std::uint32_t vslots = table_size(vocab_n), eslots = table_size(edge_n);
  const std::uint32_t vbloom = next_pow2(std::uint64_t{vocab_n} * 12 / 64 + 1);
  const std::uint32_t ebloom = next_pow2(std::uint64_t{edge_n} * 12 / 64 + 1);
  std::uint64_t exact_n = 0, pool = vocab_chars_.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (dropped[i]) continue;
    const pending& p = entries_[i];
    pool += p.surface_len + p.id_len;
    if (canonical_differs(p)) pool += p.canonical_len;
    if (p.case_sensitive) {
      exact_n += p.tokens + 1u;
      pool += exact_off_[p.exact + p.tokens] - exact_off_[p.exact];
    }
  }
  std::uint64_t sizes[s_count] = {std::uint64_t{vslots} * vocab_slot_size, std::uint64_t{eslots} * edge_size,
                                  std::uint64_t{out_refs.size()} * 4,
                                  std::uint64_t{kept} * record_size,      exact_n * 4,
                                  pool,                                   std::uint64_t{vbloom} * 8,
                                  std::uint64_t{ebloom} * 8};
  std::uint64_t off[s_count];
  std::uint64_t total = header_size;
  for (std::size_t s = 0; s < s_count; ++s) {
    off[s] = total;
    total += (sizes[s] + 7) & ~std::uint64_t{7};
  }
  if (total > 0xFFFFFFFFu || pool > 0xFFFFFFFFu) throw gazetteer_error("the gazetteer would exceed 4 GiB");

  std::vector<std::byte> out(static_cast<std::size_t>(total), std::byte{0});
  std::byte* const b = out.data();
  std::memcpy(b, magic, 8);
  wr32(b + h_version, format_version);
  wr32(b + h_header_size, header_size);
  wr64(b + h_total, total);
  wr32(b + h_entries, kept);
  wr32(b + h_vocab, vocab_n);
  wr32(b + h_nodes, nodes);
  wr32(b + h_vocab_slots, vslots);
  wr32(b + h_edge_slots, eslots);
  wr32(b + h_refs, static_cast<std::uint32_t>(out_refs.size()));
  wr32(b + h_exact, static_cast<std::uint32_t>(exact_n));
  wr32(b + h_pool, static_cast<std::uint32_t>(pool));
  wr32(b + h_max_depth, max_depth);
  std::uint32_t max_token = 0;
  for (std::uint32_t t = 0; t < vocab_n; ++t) max_token = std::max(max_token, vocab_off_[t + 1] - vocab_off_[t]);
  wr32(b + h_max_token, max_token);
  wr32(b + h_vocab_bloom, vbloom);
  wr32(b + h_edge_bloom, ebloom);
  auto set_bloom = [&](std::size_t section, std::uint32_t words, std::uint64_t h) {
    std::byte* w = b + off[section] + bloom_word(h, words - 1) * 8;
    wr64(w, rd64(w) | bloom_bits(h));
  };
  for (std::uint32_t t = 0; t < vocab_n; ++t) set_bloom(s_vocab_bloom, vbloom, vocab_hash_[t]);
  for (const auto& e : edges)
    if (e.child) set_bloom(s_edge_bloom, ebloom, edge_hash(e.parent, e.token));
  for (std::size_t s = 0; s < s_count; ++s) wr32(b + h_sections + 4 * s, static_cast<std::uint32_t>(off[s]));

  // Vocabulary: the slots; the keys open the pool.
  {
    std::byte* vs = b + off[s_vocab_slots];
    for (std::uint32_t t = 0; t < vocab_n; ++t) {
      std::uint32_t s = first_slot(vocab_hash_[t], vslots);
      while (rd32(vs + std::size_t{s} * vocab_slot_size + v_id) != 0) s = next_slot(s, vslots);
      std::byte* slot = vs + std::size_t{s} * vocab_slot_size;
      const std::uint32_t len = vocab_off_[t + 1] - vocab_off_[t];
      std::memcpy(slot + v_head, vocab_chars_.data() + vocab_off_[t], std::min<std::uint32_t>(len, 8));
      wr16(slot + v_len, static_cast<std::uint16_t>(len | (later[t] ? follows : 0u)));
      wr16(slot + v_tag, static_cast<std::uint16_t>(vocab_hash_[t] >> 48));
      wr32(slot + v_id, t + 1);
      wr32(slot + v_node, root[t]);
      if (root[t] != 0) {
        wr32(slot + v_info, info[root[t]]);
        wr32(slot + v_extra, extra[root[t]]);
      }
      wr32(slot + v_off, vocab_off_[t]);
    }
  }
  {
    std::byte* es = b + off[s_edges];
    for (const auto& e : edges)
      if (e.child) {
        std::uint32_t s = first_slot(edge_hash(e.parent, e.token), eslots);
        while (rd32(es + std::size_t{s} * edge_size + e_child) != 0) s = next_slot(s, eslots);
        std::byte* slot = es + std::size_t{s} * edge_size;
        wr32(slot + e_parent, e.parent);
        wr32(slot + e_token, e.token);
        wr32(slot + e_child, e.child);
        wr32(slot + e_info, info[e.child]);
        wr32(slot + e_extra, extra[e.child]);
      }
  }
  for (std::size_t q = 0; q < out_refs.size(); ++q) wr32(b + off[s_refs] + 4 * q, out_refs[q]);
  // Entries and the pool.
  {
    std::byte* pl = b + off[s_pool];
    std::memcpy(pl, vocab_chars_.data(), vocab_chars_.size());
    std::uint32_t at = static_cast<std::uint32_t>(vocab_chars_.size());
    std::uint32_t xi = 0;
    auto put = [&](std::string_view s) {
      const std::uint32_t o = at;
      if (!s.empty()) std::memcpy(pl + at, s.data(), s.size());
      at += static_cast<std::uint32_t>(s.size());
      return o;
    };
    for (std::size_t i = 0; i < n; ++i) {
      if (dropped[i]) continue;
      const pending& p = entries_[i];
      std::byte* r = b + off[s_entries] + std::size_t{renumber[i]} * record_size;
      const auto surface = surface_of(p), canonical = canonical_of(p), id = id_of(p);
      const std::uint32_t so = put(surface);
      wr32(r + r_surface, so);
      wr32(r + r_surface_len, p.surface_len);
      wr32(r + r_canonical, canonical_differs(p) ? put(canonical) : so);
      wr32(r + r_canonical_len, p.canonical_len);
      wr32(r + r_id, put(id));
      wr32(r + r_id_len, p.id_len);
      wr32(r + r_flags, p.flags);
      r[r_label] = static_cast<std::byte>(p.label);
      r[r_case] = std::byte{p.case_sensitive ? std::uint8_t{1} : std::uint8_t{0}};
      wr16(r + r_tokens, p.tokens);
      if (p.case_sensitive) {
        wr32(r + r_exact, xi);
        for (std::size_t q = 0; q <= p.tokens; ++q)
          wr32(b + off[s_exact] + 4 * std::size_t{xi++}, at + (exact_off_[p.exact + q] - exact_off_[p.exact]));
        put(std::string_view(exact_chars_).substr(exact_off_[p.exact], exact_off_[p.exact + p.tokens] - exact_off_[p.exact]));
      } else {
        wr32(r + r_exact, none);
      }
    }
  }
  wr64(b + h_checksum, hash_bytes(reinterpret_cast<const char*>(b + checksum_from), out.size() - checksum_from));
  return gazetteer(std::move(out), gazetteer::trusted{});
}

}  // namespace byline
