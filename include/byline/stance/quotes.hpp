// byline — quotations: speech in quotation marks, with its speaker and cue; scare quotes kept apart.
//
//   const byline::pipeline nlp;                   // the news pipeline finds quotations
//   auto doc = nlp(article);
//   for (auto q : doc.quotes()) {
//     if (q.is_scare()) continue;                  // so-called “denazification”: no speech
//     for (auto part : q.parts()) std::cout << part.text() << " … ";
//     if (auto s = q.speaker()) std::cout << "— " << s->canonical();   // the entity who spoke
//     else if (auto w = q.speaker_span()) std::cout << "— " << w->text(); // "a spokesman", no entity
//   }
//
// Pairing. The marks “ ” ‘ ’ « » ‹ › „ and straight " and ' are paired by a stack, each with marks
// of its own family (curly double, straight double, curly single, straight single, guillemets,
// single guillemets, and two glued apostrophes '' … '' as some newspapers' archives write a double
// mark), so quotations nest (“He said ‘no’”). „ is closed by “ or ” (German), and
// » … « pairs as well as « … » (German, French). A closing mark with no opener of its family open
// is left alone: ’ is far more often an apostrophe (“the players’ union”) than a stray closer.
// A straight mark's side comes from the tokenizer (glued to the word before it: closing), except
// that a straight " closes the straight " that is open.
//
// Paragraphs. No quotation crosses a paragraph end unless the paragraph convention says so: a
// quotation still open at the end of its paragraph continues when the next paragraph opens with a
// mark of its family (news writes a long quotation over paragraphs that way, with no closing mark
// until the last). Otherwise the outermost quotation still open is closed at the paragraph end
// (it is flagged unclosed) and the inner ones are dropped; an unclosed straight mark is dropped
// too (it is more often an inch or a typo than a quotation).
//
// Split quotations (“If nothing happens,” he said, “I’m going to back away.”): two quotations of
// one paragraph become one in two parts when the first ends with a comma or dash and the words
// between them are a cue and its speaker, with no end of sentence.
//
// Speakers, tried in this order, all within the quotation's paragraph:
//   1. after the quotation: “…,” said Trump / “…,” Trump said / “…,” he told reporters;
//   2. before it, in its sentence: the nearest cue before the opening mark and the subject before
//      that cue (Trump said: “…” / Putin described the talks as “…” / Trump responded, telling
//      Putin, “…”), or "according to" and the name after it;
//   3. a name before a colon right before the opening mark (Peskov: “…”);
//   4. a quotation with no cue of its own that follows one by a speaker in the same paragraph
//      continues that speaker.
// A speaker is an entity mention (its entity), a pronoun the pronoun layer resolved (its entity),
// or else a short noun phrase kept as a span ("a spokesman for the ministry", "they").
//
// Scare quotes: a quotation is not speech when a naming word stands before it (so-called, dubbed,
// nicknamed, known as, titled), or when it is short (four words or fewer, no end of sentence inside)
// and no cue or speaker was found for it. A quotation nested in another is the outer speaker's
// business: it is kept, flagged nested, with no speaker of its own.
#pragma once

#include <byline/document/document.hpp>
#include <byline/document/ids.hpp>
#include <byline/document/layer.hpp>
#include <byline/document/records.hpp>
#include <byline/entity/coreference.hpp>
#include <byline/entity/entities.hpp>
#include <byline/entity/labels.hpp>
#include <byline/io/json_out.hpp>
#include <byline/pipeline.hpp>
#include <byline/stance/cues.hpp>
#include <byline/unicode/utf.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <ranges>
#include <string>
#include <string_view>
#include <vector>

namespace byline {

struct quote_layer;
using quote_id = id<quote_layer>;

struct quote_flag_tag;
using quote_flags = flag_set<quote_flag_tag, std::uint8_t>;
namespace quote_flag {
using type = flag<quote_flag_tag, std::uint8_t>;
inline constexpr type scare{1u << 0};      // reports no speech: so-called “denazification”, a title
inline constexpr type nested{1u << 1};     // inside another quotation
inline constexpr type unclosed{1u << 2};   // no closing mark: closed at its paragraph's end
inline constexpr type paragraphs{1u << 3}; // runs over paragraphs (one part a paragraph)
inline constexpr type split{1u << 4};      // in parts, split by its cue
}  // namespace quote_flag

inline constexpr std::string_view quote_flag_names[] = {"scare", "nested", "unclosed", "paragraphs", "split"};

// Quotations: one record per quotation, each with one part or more (the words between a pair of
// marks, marks left out), in the order of their first opening mark.
struct quote_layer {
  static constexpr std::string_view name = "quotes";

  // Parts: content tokens [part_first, part_end), and the marks around them (the closing mark is
  // none for a part that runs to its paragraph's end).
  std::vector<std::uint32_t> part_first, part_end, part_open, part_close;
  // Quotation q has parts [part_begin[q], part_begin[q + 1]).
  std::vector<std::uint32_t> part_begin{0};
  std::vector<std::uint8_t> flags;                       // quote_flag bits
  std::vector<std::uint32_t> outer;                      // the quotation it is nested in, or none
  std::vector<std::uint32_t> speaker_first, speaker_end; // tokens; equal when no speaker was found
  std::vector<std::uint32_t> speaker_cluster;            // the speaker's entity, or none
  std::vector<std::uint32_t> cue_first, cue_end;         // tokens; equal when none

  std::size_t size() const noexcept { return flags.size(); }
  std::size_t part_count() const noexcept { return part_first.size(); }
  std::uint32_t first_token(std::size_t q) const { return part_first[part_begin[q]]; }
  std::uint32_t end_token(std::size_t q) const { return part_end[part_begin[q + 1] - 1]; }

  void clear() {
    for (auto* v : {&part_first, &part_end, &part_open, &part_close, &outer, &speaker_first, &speaker_end,
                    &speaker_cluster, &cue_first, &cue_end})
      v->clear();
    part_begin.assign(1, 0);
    flags.clear();
  }
  void add_part(std::uint32_t open, std::uint32_t first, std::uint32_t end, std::uint32_t close) {
    part_open.push_back(open);
    part_first.push_back(first);
    part_end.push_back(end);
    part_close.push_back(close);
  }
  // Closes a quotation over the parts added since the last one.
  quote_id finish(std::uint8_t f) {
    part_begin.push_back(static_cast<std::uint32_t>(part_first.size()));
    flags.push_back(f);
    outer.push_back(detail::no_index);
    speaker_first.push_back(0);
    speaker_end.push_back(0);
    speaker_cluster.push_back(detail::no_index);
    cue_first.push_back(0);
    cue_end.push_back(0);
    return quote_id{static_cast<std::uint32_t>(flags.size() - 1)};
  }

  void write_json(io::json_out& j) const;
  void validate(const document_base& doc, std::vector<std::string>& problems) const;
  std::size_t memory_bytes() const noexcept {
    return (part_first.capacity() + part_end.capacity() + part_open.capacity() + part_close.capacity() +
            part_begin.capacity() + outer.capacity() + speaker_first.capacity() + speaker_end.capacity() +
            speaker_cluster.capacity() + cue_first.capacity() + cue_end.capacity()) *
               sizeof(std::uint32_t) +
           flags.capacity();
  }
};

// ----------------------------------------------------------------------------------------------
// Views

// A quotation: its whole run of tokens (from the first part's first word to the last part's last,
// marks left out), its parts, its speaker and cue.
template <class Node>
class basic_quote : public basic_span<Node> {
  std::uint32_t i_ = 0;
  const quote_layer& rec() const { return this->doc_->template get<quote_layer>(); }

 public:
  basic_quote() = default;
  basic_quote(const Node& d, std::uint32_t i)
      : basic_span<Node>(d, d.template get<quote_layer>().first_token(i), d.template get<quote_layer>().end_token(i)),
        i_(i) {}
  std::uint32_t index() const noexcept { return i_; }
  quote_id id() const noexcept { return quote_id{i_}; }
  quote_flags flags() const { return quote_flags(rec().flags[i_]); }
  bool is_scare() const { return flags().has(quote_flag::scare); }
  bool is_speech() const { return !is_scare(); }
  // The words between each pair of marks.
  auto parts() const {
    const auto& r = rec();
    const Node* d = this->doc_;
    return std::views::iota(r.part_begin[i_], r.part_begin[i_ + 1]) | std::views::transform([d](std::uint32_t p) {
             const auto& l = d->template get<quote_layer>();
             return basic_span<Node>(*d, l.part_first[p], l.part_end[p]);
           });
  }
  // The entity who spoke, when the speaker is a mention or a resolved pronoun.
  std::optional<basic_entity_cluster<Node>> speaker() const {
    const auto c = rec().speaker_cluster[i_];
    if (c == detail::no_index) return std::nullopt;
    return basic_entity_cluster<Node>(*this->doc_, c);
  }
  // The words that name the speaker ("President Trump", "he", "a Kremlin spokesman").
  std::optional<basic_span<Node>> speaker_span() const {
    const auto& r = rec();
    if (r.speaker_first[i_] == r.speaker_end[i_]) return std::nullopt;
    return basic_span<Node>(*this->doc_, r.speaker_first[i_], r.speaker_end[i_]);
  }
  // The words that introduce it (said, told, described ... as, according to).
  std::optional<basic_span<Node>> cue() const {
    const auto& r = rec();
    if (r.cue_first[i_] == r.cue_end[i_]) return std::nullopt;
    return basic_span<Node>(*this->doc_, r.cue_first[i_], r.cue_end[i_]);
  }
  // The quotation this one is nested in.
  std::optional<basic_quote> outer() const {
    const auto o = rec().outer[i_];
    if (o == detail::no_index) return std::nullopt;
    return basic_quote(*this->doc_, o);
  }
};

// doc.quotes(): see basic_document. Empty when the document has no quote layer.
template <class Node>
auto quote_range(const Node& d) {
  const auto* l = d.template find<quote_layer>();
  const std::uint32_t n = l ? static_cast<std::uint32_t>(l->size()) : 0u;
  return std::views::iota(std::uint32_t{0}, n) |
         std::views::transform([&d](std::uint32_t i) { return basic_quote<Node>(d, i); });
}

// ----------------------------------------------------------------------------------------------
// JSON and invariants

// "quotes": [{"start", "end", "first_token", "end_token", "text" (first part's first word to the
//            last part's last), "parts": [{"start", "end", "text"}], "scare", "flags",
//            "nested_in" (quotation index or null), "speaker": {"start", "end", "text", "entity",
//            "canonical", "stands_for"} or null, "cue": {"start", "end", "text"} or null}]
inline void quote_layer::write_json(io::json_out& j) const {
  const document_base* doc = j.document();
  const entity_cluster_layer* cl = doc ? doc->template find<entity_cluster_layer>() : nullptr;
  j.begin_array();
  for (std::size_t q = 0; q < size(); ++q) {
    j.item();
    j.span(first_token(q), end_token(q));
    j.field("parts");
    j.buffer() += '[';
    for (auto p = part_begin[q]; p < part_begin[q + 1]; ++p) {
      if (p > part_begin[q]) j.buffer() += j.compact() ? "," : ", ";
      j.offsets(part_first[p], part_end[p]);
      j.close();
    }
    j.buffer() += ']';
    j.field("scare");
    j.boolean(flags[q] & quote_flag::scare);
    j.field("flags");
    j.buffer() += '[';
    bool any = false;
    for (std::size_t b = 0; b < std::size(quote_flag_names); ++b)
      if (flags[q] & (1u << b)) {
        if (any) j.buffer() += ',';
        j.string(quote_flag_names[b]);
        any = true;
      }
    j.buffer() += ']';
    j.field("nested_in");
    if (outer[q] != detail::no_index) j.number(outer[q]);
    else j.null();
    j.field("speaker");
    if (speaker_first[q] != speaker_end[q]) {
      j.offsets(speaker_first[q], speaker_end[q]);
      j.field("entity");
      const auto c = speaker_cluster[q];
      if (c != detail::no_index) j.number(c);
      else j.null();
      j.field("canonical");
      if (cl && c < cl->size()) j.string(cl->canonical[c]);
      else j.null();
      j.field("stands_for");
      if (cl && c < cl->size() && cl->stands_for[c] < cl->size()) j.string(cl->canonical[cl->stands_for[c]]);
      else j.null();
      j.close();
    } else {
      j.null();
    }
    j.field("cue");
    if (cue_first[q] != cue_end[q]) {
      j.offsets(cue_first[q], cue_end[q]);
      j.close();
    } else {
      j.null();
    }
    j.close();
  }
  j.end_array();
}

inline void quote_layer::validate(const document_base& doc, std::vector<std::string>& problems) const {
  const std::size_t n = doc.token_count();
  const std::size_t k = size();
  const auto* cl = doc.find<entity_cluster_layer>();
  if (part_begin.size() != k + 1 || outer.size() != k || speaker_first.size() != k || speaker_end.size() != k ||
      speaker_cluster.size() != k || cue_first.size() != k || cue_end.size() != k || part_end.size() != part_count() ||
      part_open.size() != part_count() || part_close.size() != part_count() || part_begin.back() != part_count()) {
    problems.push_back("quotes: the arrays differ in length");
    return;
  }
  for (std::size_t p = 0; p < part_count(); ++p) {
    const std::string at = "quote part " + std::to_string(p) + ": ";
    if (part_first[p] > part_end[p] || part_end[p] > n) problems.push_back(at + "tokens out of range");
    if (part_open[p] >= part_first[p]) problems.push_back(at + "opening mark not before its words");
    if (part_close[p] != detail::no_index && (part_close[p] < part_end[p] || part_close[p] >= n))
      problems.push_back(at + "closing mark not after its words");
  }
  for (std::size_t q = 0; q < k; ++q) {
    const std::string at = "quote " + std::to_string(q) + ": ";
    if (part_begin[q + 1] <= part_begin[q]) {
      problems.push_back(at + "no parts");
      continue;
    }
    for (auto p = part_begin[q] + 1; p < part_begin[q + 1]; ++p)
      if (part_open[p] < part_end[p - 1]) problems.push_back(at + "parts out of order");
    if (q > 0 && part_open[part_begin[q]] <= part_open[part_begin[q - 1]])
      problems.push_back(at + "not after the quotation before");
    if (speaker_first[q] > speaker_end[q] || speaker_end[q] > n) problems.push_back(at + "speaker out of range");
    if (cue_first[q] > cue_end[q] || cue_end[q] > n) problems.push_back(at + "cue out of range");
    if (speaker_cluster[q] != detail::no_index && (!cl || speaker_cluster[q] >= cl->size()))
      problems.push_back(at + "speaker entity out of range");
    if (outer[q] != detail::no_index && outer[q] >= k) problems.push_back(at + "outer quotation out of range");
  }
}

// ----------------------------------------------------------------------------------------------
// Finding them

namespace detail::quotes {

// The families of marks: a closer closes only an opener of its own family.
enum class family : std::uint8_t {
  none, curly_double, straight_double, curly_single, straight_single, guillemet, single_guillemet,
  doubled_single  // '' … '': two apostrophes for a double mark, as some newspapers' archives write it
};
// The code point that stands for a doubled mark in the pairing (none in Unicode).
inline constexpr char32_t doubled_mark = 0x110001;

struct mark {
  family fam = family::none;
  bool can_open = false, can_close = false;
  char32_t cp = 0;
};

inline mark classify(const token_layer& t, std::uint32_t i, std::string_view w) {
  if (t.kind[i] != token_kind::quote || w.empty()) return {};
  const auto d = unicode::decode(w.data(), w.data() + w.size());
  const char32_t c = d.code_point;
  const bool open_flag = (t.flags[i] & token_flag::open_quote) != 0;
  const bool close_flag = (t.flags[i] & token_flag::close_quote) != 0;
  switch (c) {
    case U'\u201C': return {family::curly_double, true, true, c};   // closes „ (German), else opens
    case U'\u201D': return {family::curly_double, open_flag, true, c};
    case U'\u201E': return {family::curly_double, true, false, c};
    case U'"': return {family::straight_double, open_flag, close_flag, c};
    case U'\u2018': return {family::curly_single, true, false, c};
    case U'\u2019': return {family::curly_single, false, true, c};
    case U'\'': return {family::straight_single, open_flag, close_flag, c};
    case U'\u00AB':
    case U'\u00BB': return {family::guillemet, true, true, c};
    case U'\u2039':
    case U'\u203A': return {family::single_guillemet, true, true, c};
    default: return {};
  }
}

// Whether `closer` closes an opener `opener` of the same family.
inline bool closes(char32_t opener, char32_t closer) {
  if (closer == doubled_mark) return opener == doubled_mark;
  switch (closer) {
    case U'\u201C': return opener == U'\u201E';  // „ … “
    case U'\u201D': return opener == U'\u201C' || opener == U'\u201E' || opener == U'\u201D';
    case U'"': return opener == U'"';
    case U'\u2019': return opener == U'\u2018';
    case U'\'': return opener == U'\'';
    case U'\u00BB': return opener == U'\u00AB';
    case U'\u00AB': return opener == U'\u00BB';
    case U'\u203A': return opener == U'\u2039';
    case U'\u2039': return opener == U'\u203A';
    default: return false;
  }
}

struct open_mark {
  std::uint32_t token;
  char32_t cp;
  family fam;
};

// A pair of marks (or an opener and its paragraph's end) found by the scan.
struct segment {
  std::uint32_t open, first, end, close;  // close: none when it runs to the paragraph end
  std::uint32_t depth;                    // openers below it on the stack
  std::uint32_t outer_open = no_index;    // the opening mark of the quotation it is nested in
  bool unclosed = false;
  bool continues = false;  // runs on into the next paragraph's first quotation
};

inline bool ascii_word_in(std::string_view w, std::initializer_list<std::string_view> l) {
  return std::find(l.begin(), l.end(), w) != l.end();
}
inline bool is_terminator(std::string_view w) { return w == "." || w == "?" || w == "!" || w == "..." || w == "\u2026"; }
inline bool is_comma_or_dash(std::string_view w) {
  return w == "," || w == "\u2014" || w == "\u2013" || w == "--" || w == "-";
}
// Words that may stand between a speaker and its cue: "Trump also said", "he has said".
inline bool is_filler(std::string_view w) {
  if (w.size() > 3 && w.ends_with("ly")) return true;  // later, firmly, reportedly
  return ascii_word_in(w, {"also", "later", "then", "again", "once", "has", "had", "have", "would", "will", "had",
                           "previously", "recently", "earlier", "just", "still", "even", "often", "always",
                           "never", "further", "quickly"});
}
inline bool is_determiner(std::string_view w) {
  return ascii_word_in(w, {"a", "an", "the", "A", "An", "The", "one", "One", "another", "Another", "his", "her",
                           "their", "His", "Her", "Their", "its", "Its", "two", "three", "several", "some"});
}
inline bool is_pronoun(std::string_view w) {
  return ascii_word_in(w, {"he", "she", "they", "we", "I", "He", "She", "They", "We", "you", "You"});
}
// Words that cannot begin or end a speaker's noun phrase.
inline bool is_function_word(std::string_view w) {
  return ascii_word_in(w, {"and", "or", "but", "that", "which", "who", "whom", "what", "when", "where", "as", "if",
                           "than", "so", "to", "of", "in", "on", "at", "for", "with", "by", "from", "it", "this",
                           "there", "not", "is", "was", "are", "were", "be", "been"});
}
// Words before a quotation that say it names rather than quotes.
inline bool is_naming(std::string_view w) {
  return ascii_word_in(w, {"so-called", "So-called", "dubbed", "nicknamed", "titled", "entitled", "named", "word",
                           "term", "phrase", "slogan", "motto", "hashtag", "label", "headline", "headlined",
                           "branded", "labeled", "labelled"});
}
// The cue classes that introduce quoted speech.
inline bool speech_cue(const cue_match& m) {
  return m.of(cue_class::report) || m.of(cue_class::write) || m.of(cue_class::ask) ||
         m.of(cue_class::according);
}

}  // namespace detail::quotes

// The component: needs the entity and pronoun layers (speakers are entities), provides quotations.
class quote_finder {
 public:
  static constexpr std::string_view name = "quote_finder";
  using needs =
      layers<token_layer, paragraph_layer, sentence_layer, entity_cluster_layer, entity_mention_layer, pronoun_layer>;
  using provides = layers<quote_layer>;

  // Quotations at most this many words long with no cue are scare quotes.
  std::uint32_t scare_words = 4;
  // How far after a closing mark a cue is looked for ("…,” Russian Foreign Minister Sergey Lavrov said).
  std::uint32_t after_reach = 10;

  void operator()(document_base& doc, workspace&) const {
    namespace q = detail::quotes;
    auto& out = doc.edit<quote_layer>();
    out.clear();
    const auto n = static_cast<std::uint32_t>(doc.token_count());
    const auto& tokens = doc.token_records();
    const auto& paragraphs = doc.paragraph_records().items;
    const auto& sentences = doc.sentence_records().items;
    auto word = [&](std::uint32_t t) { return doc.token_utf8(token_id{t}); };

    // 1. Pair the marks paragraph by paragraph.
    std::vector<q::segment> segs;
    std::vector<q::open_mark> stack;
    // A mark at t, two glued apostrophes ('') read as one double mark of two tokens.
    auto mark_at = [&](std::uint32_t t, std::uint32_t end) {
      auto m = q::classify(tokens, t, word(t));
      const auto w = word(t);
      if (w == "'" && t + 1 < end && tokens.kind[t + 1] == token_kind::quote && word(t + 1) == w &&
          tokens.begin[t + 1] == tokens.end[t]) {
        const bool opens = (tokens.flags[t] & token_flag::open_quote) != 0;
        m = {q::family::doubled_single, opens, !opens, q::doubled_mark};
      }
      return m;
    };
    auto width = [](const q::mark& m) -> std::uint32_t { return m.fam == q::family::doubled_single ? 2u : 1u; };
    for (std::size_t pi = 0; pi < paragraphs.size(); ++pi) {
      const auto& para = paragraphs[pi];
      stack.clear();
      for (auto t = para.first_token; t < para.end_token && t < n; ++t) {
        if (tokens.kind[t] != token_kind::quote) continue;
        const auto m = mark_at(t, std::min<std::uint32_t>(para.end_token, n));
        if (m.fam == q::family::none) continue;
        bool closed = false;
        if (m.can_close)
          for (std::size_t k = stack.size(); k-- > 0;) {
            if (stack[k].fam != m.fam || !q::closes(stack[k].cp, m.cp)) continue;
            // A pair with no word between its marks ("" or “ ”) quotes nothing.
            bool words = false;
            for (auto u = stack[k].token + 1; u < t && !words; ++u)
              words = (tokens.flags[u] & (token_flag::has_alpha | token_flag::has_digit)) != 0;
            if (words)
              segs.push_back({stack[k].token, stack[k].token + (stack[k].cp == q::doubled_mark ? 2u : 1u), t,
                              t + width(m) - 1, static_cast<std::uint32_t>(k),
                              k > 0 ? stack[k - 1].token : detail::no_index});
            stack.resize(k);  // openers above it were never closed: dropped
            closed = true;
            break;
          }
        if (!closed && m.can_open && !(m.fam == q::family::curly_double && m.cp == U'\u201D' && !stack.empty()))
          stack.push_back({t, m.cp, m.fam});
        t += width(m) - 1;
      }
      if (stack.empty()) continue;
      const auto& bottom = stack.front();
      // The next paragraph opens with a mark of this family: the quotation goes on there.
      bool goes_on = false;
      if (pi + 1 < paragraphs.size()) {
        const auto f = paragraphs[pi + 1].first_token;
        if (f < paragraphs[pi + 1].end_token && f < n) {
          const auto m = mark_at(f, std::min<std::uint32_t>(paragraphs[pi + 1].end_token, n));
          goes_on = m.fam == bottom.fam && m.can_open;
        }
      }
      if (!goes_on && (bottom.fam == q::family::straight_double || bottom.fam == q::family::straight_single ||
                       bottom.fam == q::family::doubled_single))
        continue;  // an unclosed straight mark: an inch, a typo
      q::segment s{bottom.token, bottom.token + (bottom.cp == q::doubled_mark ? 2u : 1u), std::min(para.end_token, n),
                   detail::no_index, 0};
      s.unclosed = !goes_on;
      s.continues = goes_on;
      segs.push_back(s);
    }
    std::ranges::sort(segs, {}, &q::segment::open);

    // 2. Quotations: a paragraph-spanning run of segments is one; so is a split quotation.
    struct draft {
      std::vector<std::uint32_t> segs;
      std::uint8_t flags = 0;
      std::uint32_t outer = detail::no_index;
      std::uint32_t speaker_first = 0, speaker_end = 0, cluster = detail::no_index, cue_first = 0, cue_end = 0;
    };
    std::vector<draft> drafts;
    std::vector<std::uint32_t> draft_of_seg(segs.size(), detail::no_index);
    auto paragraph_of = [&](std::uint32_t t) {
      return static_cast<std::uint32_t>(std::max<std::int64_t>(0, detail::record_of_token(paragraphs, t)));
    };
    auto sentence_of = [&](std::uint32_t t) -> std::int64_t { return detail::record_of_token(sentences, t); };
    for (std::uint32_t s = 0; s < segs.size(); ++s) {
      if (draft_of_seg[s] != detail::no_index) continue;
      draft d;
      d.segs.push_back(s);
      draft_of_seg[s] = static_cast<std::uint32_t>(drafts.size());
      if (segs[s].unclosed) d.flags |= quote_flag::unclosed;
      if (segs[s].depth > 0) d.flags |= quote_flag::nested;
      // Follow a quotation over paragraphs: the next segment opens its paragraph's first token.
      for (auto cur = s; segs[cur].continues;) {
        const auto next_para = paragraph_of(segs[cur].open) + 1;
        if (next_para >= paragraphs.size()) break;
        const auto f = paragraphs[next_para].first_token;
        auto it = std::ranges::lower_bound(segs, f, {}, &q::segment::open);
        if (it == segs.end() || it->open != f) break;
        cur = static_cast<std::uint32_t>(it - segs.begin());
        if (draft_of_seg[cur] != detail::no_index) break;
        draft_of_seg[cur] = draft_of_seg[s];
        d.segs.push_back(cur);
        d.flags |= quote_flag::paragraphs;
        d.flags &= static_cast<std::uint8_t>(~quote_flag::unclosed);
        if (segs[cur].unclosed && !segs[cur].continues) d.flags |= quote_flag::unclosed;
      }
      drafts.push_back(std::move(d));
    }

    const auto* ml = doc.find<entity_mention_layer>();
    const auto* pl = doc.find<pronoun_layer>();
    auto mention_at = [&](std::uint32_t t) { return ml ? ml->mention_of_token(t) : detail::no_index; };
    auto is_quote_mark = [&](std::uint32_t t) { return tokens.kind[t] == token_kind::quote; };
    auto first_seg = [&](const draft& d) -> const q::segment& { return segs[d.segs.front()]; };
    auto last_seg = [&](const draft& d) -> const q::segment& { return segs[d.segs.back()]; };

    // A speaker named by the words [f, e): its entity, through a mention or a resolved pronoun.
    // A speech cue at token u: lower case (or first in its sentence), not part of a name ("State
    // Department" holds no "state").
    auto speech_cue_at = [&](std::uint32_t u, std::uint32_t limit) -> std::optional<cue_match> {
      if (mention_at(u) != detail::no_index) return std::nullopt;
      if (!(tokens.flags[u] & token_flag::all_lower)) {
        const auto si = sentence_of(u);
        if (si < 0 || sentences[static_cast<std::size_t>(si)].first_token != u) return std::nullopt;
      }
      // "so-called", "secretary of state", "the report": a compound's half or a noun.
      if (u > 0 && word(u - 1) == "-" && tokens.begin[u] == tokens.end[u - 1]) return std::nullopt;
      if (u > 0 && q::ascii_word_in(word(u - 1), {"of", "the", "a", "an", "The", "A", "An", "his", "her", "their", "its",
                                                  "our", "my", "your"}))
        return std::nullopt;
      auto c = cue_at(doc, u, limit);
      if (!c || !q::speech_cue(*c)) return std::nullopt;
      return c;
    };
    // A person wins over the organisation or country named with it ("Russian Foreign Minister
    // Sergey Lavrov", "Kremlin spokesman Dmitry Peskov").
    auto cluster_of = [&](std::uint32_t f, std::uint32_t e) -> std::uint32_t {
      std::uint32_t other = detail::no_index;
      for (auto t = f; t < e; ++t) {
        const auto m = mention_at(t);
        if (m != detail::no_index) {
          const auto l = ml->label[m];
          if (l == entity_label::person) return ml->cluster[m];
          // An organisation or place speaks only as the head of the words ("the Kremlin said"),
          // not as a modifier ("a State Department spokesperson", "one Filipino engineer").
          if (other == detail::no_index && ml->end[m] == e &&
              (l == entity_label::org || l == entity_label::gpe || l == entity_label::norp || l == entity_label::fac))
            other = ml->cluster[m];
        }
        if (pl && other == detail::no_index) {
          const auto p = pl->pronoun_of_token(t);
          if (p != detail::no_index) return pl->cluster[p];
        }
      }
      return other;
    };
    // The speaker that ends at token e (exclusive; before a cue), not before `floor`: a mention, a
    // pronoun, or a noun phrase back to its determiner. Returns [first, end) or first == end.
    auto speaker_ending_at = [&](std::uint32_t e, std::uint32_t floor) -> std::pair<std::uint32_t, std::uint32_t> {
      while (e > floor && q::is_filler(word(e - 1))) --e;
      if (e <= floor) return {e, e};
      const auto last = e - 1;
      if (const auto m = mention_at(last); m != detail::no_index) {
        const auto f = std::max(floor, std::min(ml->first[m], ml->title_first[m] < ml->title_end[m] ? ml->title_first[m] : ml->first[m]));
        return {f, e};
      }
      const auto w = word(last);
      if (q::is_pronoun(w)) return {last, e};
      // A noun phrase in lower case ("a spokesman", "the ministry's press office", "officials").
      // Back to its determiner, over "of" and "for" ("a spokesperson for one of the states").
      std::uint32_t f = e;
      while (f > floor && e - f < 10) {
        const auto u = word(f - 1);
        if (tokens.kind[f - 1] != token_kind::word || !(tokens.flags[f - 1] & token_flag::has_alpha)) break;
        if (speech_cue_at(f - 1, e)) break;
        --f;
        if (q::is_determiner(u)) {
          if (f > floor + 1 && q::ascii_word_in(word(f - 1), {"of", "for"}) && tokens.kind[f - 2] == token_kind::word)
            --f;
          else
            break;
        }
      }
      if (f < e && (q::is_determiner(word(f)) || (e - f <= 2 && !q::is_function_word(word(f)) &&
                                                  !q::is_function_word(word(e - 1)))))
        return {f, e};
      return {e, e};
    };
    // The speaker that starts at token f (after a cue: "said Trump", "according to Russia's TASS").
    auto speaker_starting_at = [&](std::uint32_t f, std::uint32_t limit) -> std::pair<std::uint32_t, std::uint32_t> {
      // The first mention, or the person a run of names and titles ends in ("Ohio Gov. John
      // Kasich", "Russian Foreign Minister Sergey Lavrov").
      std::uint32_t found = detail::no_index;
      for (auto t = f; t < limit && t < f + 8; ++t) {
        const auto w = word(t);
        if (q::is_terminator(w) || w == "," || is_quote_mark(t)) break;
        if (const auto m = mention_at(t); m != detail::no_index) {
          if (found == detail::no_index || ml->label[m] == entity_label::person) found = m;
          if (ml->label[m] == entity_label::person) break;
          t = ml->end[m] - 1;
          continue;
        }
        if (t == f && q::is_pronoun(w)) return {t, t + 1};
        if (found != detail::no_index && (!(tokens.flags[t] & token_flag::has_alpha) || q::is_function_word(w)))
          break;
      }
      if (found != detail::no_index) return {f, ml->end[found]};
      // "said a spokesman for the ministry": up to the comma or end.
      std::uint32_t e = f;
      while (e < limit && e < f + 6 && tokens.kind[e] == token_kind::word) ++e;
      if (e > f && q::is_determiner(word(f))) return {f, e};
      return {f, f};
    };
    auto set_speaker = [&](draft& d, std::pair<std::uint32_t, std::uint32_t> sp, std::uint32_t cf, std::uint32_t ce) {
      d.speaker_first = sp.first;
      d.speaker_end = sp.second;
      d.cluster = sp.first < sp.second ? cluster_of(sp.first, sp.second) : detail::no_index;
      d.cue_first = cf;
      d.cue_end = ce;
    };

    // After a closing mark: ", said X" / "X said" within the paragraph, before any end of sentence.
    // Returns whether a cue was found; `limit` bounds the search (the next quotation's mark).
    auto speaker_after = [&](draft& d, std::uint32_t from, std::uint32_t limit) {
      std::uint32_t t = from;
      if (t < limit && word(t) == ",") ++t;
      const auto stop = std::min(limit, t + after_reach);
      for (auto u = t; u < stop; ++u) {
        const auto w = word(u);
        if (q::is_terminator(w) || is_quote_mark(u) || (w == "," && u > t)) {
          // "…,” said Sergey Lavrov, Russia's foreign minister." ends at the comma after the name.
          break;
        }
        const auto c = speech_cue_at(u, limit);
        if (!c) continue;
        if (!(c->entry->forms & (cue_form::past | cue_form::third | cue_form::base | cue_form::fixed))) continue;
        if (u == t) {  // "…,” said Trump
          auto sp = speaker_starting_at(c->end, limit);
          if (sp.first == sp.second) return false;
          set_speaker(d, sp, c->first, c->end);
          return true;
        }
        auto sp = speaker_ending_at(u, t);  // "…,” Trump said
        if (sp.first != t) return false;    // words between the mark and the speaker: not this pattern
        if (sp.first == sp.second) return false;
        set_speaker(d, sp, c->first, c->end);
        return true;
      }
      return false;
    };
    // Before an opening mark, in its sentence: the nearest cue and the subject before it.
    auto speaker_before = [&](draft& d, std::uint32_t open, std::uint32_t floor) {
      const auto si = sentence_of(open);
      if (si < 0) return false;
      const auto sb = std::max(floor, sentences[static_cast<std::size_t>(si)].first_token);
      // A name and a colon: "Peskov: “…”".
      if (open >= sb + 2 && word(open - 1) == ":") {
        const auto m = mention_at(open - 2);
        const bool speaks = m != detail::no_index &&
                            (ml->label[m] == entity_label::person || ml->label[m] == entity_label::org ||
                             ml->label[m] == entity_label::gpe);
        if (speaks && !cue_at(doc, open - 2, open)) {
          set_speaker(d, {ml->first[m], ml->end[m]}, open - 1, open);
          // The colon is no cue: keep the cue empty.
          d.cue_first = d.cue_end = 0;
          return true;
        }
      }
      // Skip back over quotation marks closed in the sentence: a cue inside another quotation is
      // not this one's.
      std::uint32_t depth = 0;
      for (auto u = open; u-- > sb;) {
        if (is_quote_mark(u)) {
          const auto m = q::classify(tokens, u, word(u));
          if (m.can_close && !m.can_open) ++depth;
          else if (m.can_open && !m.can_close && depth > 0) --depth;
          continue;
        }
        if (depth > 0) continue;
        const auto c = speech_cue_at(u, open);
        if (!c) continue;
        if (c->of(cue_class::according)) {  // "according to X, “…”"
          auto sp = speaker_starting_at(c->end, open);
          if (sp.first == sp.second) return false;
          set_speaker(d, sp, c->first, c->end);
          return true;
        }
        if (c->entry->forms & (cue_form::noun | cue_form::plural)) continue;
        // The subject: right before the cue, or for "…, telling Putin, “" the nearest name or
        // pronoun before it in the sentence, not in the possessive.
        auto sp = speaker_ending_at(u, sb);
        if (sp.first == sp.second) {
          for (auto v = u; v-- > sb;) {
            const auto m = mention_at(v);
            const bool poss = v + 1 < n && (word(v + 1) == "'s" || word(v + 1) == "\u2019s");
            if (poss) continue;
            if (m != detail::no_index) {
              const auto l = ml->label[m];
              if (l != entity_label::person && l != entity_label::org && l != entity_label::gpe) continue;
              sp = {ml->title_first[m] < ml->title_end[m] ? ml->title_first[m] : ml->first[m], ml->end[m]};
              break;
            }
            if (q::is_pronoun(word(v)) && pl && pl->pronoun_of_token(v) != detail::no_index) {
              sp = {v, v + 1};
              break;
            }
          }
        }
        // Else the noun phrase the sentence opens with ("His British counterpart was more
        // cautious, describing the deal as “…”").
        if (sp.first == sp.second && q::is_determiner(word(sb))) {
          auto e = sb + 1;
          while (e < u && e < sb + 5 && tokens.kind[e] == token_kind::word && !q::is_function_word(word(e))) ++e;
          if (e > sb + 1 && e < u) sp = std::pair{sb, e};
        }
        // Else the noun phrase the sentence opens with ("His British counterpart was more
        // cautious, describing the deal as “…”").
        if (sp.first == sp.second && q::is_determiner(word(sb))) {
          auto e = sb + 1;
          while (e < u && e < sb + 5 && tokens.kind[e] == token_kind::word && !q::is_function_word(word(e))) ++e;
          if (e > sb + 1 && e < u) sp = std::pair{sb, e};
        }
        if (sp.first == sp.second) return false;
        set_speaker(d, sp, c->first, c->end);
        return true;
      }
      return false;
    };

    // 3. Split quotations: “…,” he said, “…” — join the two when the gap is a cue and a speaker.
    std::vector<std::uint8_t> gone(drafts.size(), 0);
    for (std::size_t a = 0; a + 1 < drafts.size(); ++a) {
      if (gone[a] || (drafts[a].flags & quote_flag::nested)) continue;
      std::size_t b = a + 1;
      while (b < drafts.size() && (drafts[b].flags & quote_flag::nested)) ++b;
      if (b >= drafts.size()) break;
      const auto& sa = last_seg(drafts[a]);
      const auto& sb = first_seg(drafts[b]);
      if (sa.close == detail::no_index || sa.end <= sa.first) continue;
      if (paragraph_of(sa.close) != paragraph_of(sb.open) || sb.open - sa.close > after_reach + 2) continue;
      if (!q::is_comma_or_dash(word(sa.end - 1)) && !(sa.close + 1 < sb.open && q::is_comma_or_dash(word(sa.close + 1))))
        continue;
      bool terminated = false;
      for (auto u = sa.close + 1; u < sb.open; ++u) terminated |= q::is_terminator(word(u));
      if (terminated) continue;
      draft trial = drafts[a];
      if (!speaker_after(trial, sa.close + 1, sb.open)) continue;
      trial.segs.insert(trial.segs.end(), drafts[b].segs.begin(), drafts[b].segs.end());
      for (auto sg : drafts[b].segs) draft_of_seg[sg] = static_cast<std::uint32_t>(a);
      trial.flags |= quote_flag::split;
      drafts[a] = std::move(trial);
      gone[b] = 1;
    }

    // 4. Speakers and scare quotes, in text order.
    std::uint32_t last_speaker_draft = detail::no_index;
    for (std::size_t i = 0; i < drafts.size(); ++i) {
      if (gone[i]) continue;
      auto& d = drafts[i];
      const auto& f = first_seg(d);
      const auto& l = last_seg(d);
      const bool has_speaker = d.speaker_first != d.speaker_end;
      if (d.flags & quote_flag::nested) continue;
      const auto para = paragraph_of(f.open);
      const auto para_begin = paragraphs[para].first_token;
      const auto lpara = paragraph_of(l.open);
      const auto para_end = std::min(n, paragraphs[lpara].end_token);
      // The next quotation's opening mark bounds the search after this one.
      std::uint32_t next_open = para_end;
      const auto after = l.close != detail::no_index ? l.close : l.end;
      for (auto j = i + 1; j < drafts.size(); ++j)
        if (!gone[j] && first_seg(drafts[j]).open > after) {
          next_open = std::min(next_open, first_seg(drafts[j]).open);
          break;
        }
      std::uint32_t prev_close = para_begin;
      for (auto j = i; j-- > 0;)
        if (!gone[j] && !(drafts[j].flags & quote_flag::nested)) {
          const auto& ls = last_seg(drafts[j]);
          if (ls.close != detail::no_index && ls.close + 1 > prev_close && ls.close < f.open) prev_close = ls.close + 1;
          break;
        }
      bool naming = f.open > para_begin && q::is_naming(word(f.open - 1));
      // "so-called" in three tokens
      if (!naming && f.open >= para_begin + 3 && word(f.open - 1) == "called" && word(f.open - 2) == "-")
        naming = q::ascii_word_in(word(f.open - 3), {"so", "So"});
      if (!naming && f.open > para_begin + 1 && word(f.open - 1) == "as" && q::ascii_word_in(word(f.open - 2), {"known", "referred", "described"}))
        naming = word(f.open - 2) == "known";
      bool found = has_speaker;
      if (!found && !naming && l.close != detail::no_index) found = speaker_after(d, l.close + 1, next_open);
      if (!found && !naming) found = speaker_before(d, f.open, prev_close);
      // Words: the quotation's tokens that hold letters or digits.
      std::uint32_t words = 0;
      bool sentence_inside = false;
      // An end of sentence inside, not just the full stop American style puts before the mark
      // ("… called it “chaos.”").
      for (auto s : d.segs)
        for (auto t = segs[s].first; t < segs[s].end; ++t) {
          if (tokens.flags[t] & (token_flag::has_alpha | token_flag::has_digit)) ++words;
          if (q::is_terminator(word(t)) && t + 1 < segs[s].end) sentence_inside = true;
        }
      if (naming || (!found && words <= scare_words && !sentence_inside)) {
        d.flags |= quote_flag::scare;
        d.speaker_first = d.speaker_end = 0;
        d.cluster = detail::no_index;
        d.cue_first = d.cue_end = 0;
        continue;
      }
      // A quotation with no cue of its own continues the speaker of the one before it in its
      // paragraph.
      if (!found && last_speaker_draft != detail::no_index &&
          paragraph_of(last_seg(drafts[last_speaker_draft]).open) == para) {
        const auto& p = drafts[last_speaker_draft];
        d.speaker_first = p.speaker_first;
        d.speaker_end = p.speaker_end;
        d.cluster = p.cluster;
        found = true;
      }
      if (d.speaker_first != d.speaker_end) last_speaker_draft = static_cast<std::uint32_t>(i);
    }

    // 5. Out, in the order of first opening marks; nested quotations point at their outer one.
    std::vector<std::uint32_t> index_of(drafts.size(), detail::no_index);
    std::vector<std::uint32_t> order;
    for (std::uint32_t i = 0; i < drafts.size(); ++i)
      if (!gone[i]) order.push_back(i);
    // drafts are in the order of their first segment's opening mark already
    for (auto i : order) {
      auto& d = drafts[i];
      for (auto s : d.segs) out.add_part(segs[s].open, segs[s].first, segs[s].end, segs[s].close);
      index_of[i] = static_cast<std::uint32_t>(out.size());
      out.finish(d.flags);
      const auto k = out.size() - 1;
      out.speaker_first[k] = d.speaker_first;
      out.speaker_end[k] = d.speaker_end;
      out.speaker_cluster[k] = d.cluster;
      out.cue_first[k] = d.cue_first;
      out.cue_end[k] = d.cue_end;
    }
    // The outer quotation of a nested one: the quotation of the opener below it on the stack (a
    // lookup, so that many quotations nested in one stay linear).
    for (auto i : order) {
      const auto& f = first_seg(drafts[i]);
      if (f.outer_open == detail::no_index) continue;
      auto it = std::ranges::lower_bound(segs, f.outer_open, {}, &q::segment::open);
      if (it == segs.end() || it->open != f.outer_open) continue;  // the outer pair was dropped
      const auto dr = draft_of_seg[static_cast<std::size_t>(it - segs.begin())];
      if (dr != detail::no_index && index_of[dr] != detail::no_index) out.outer[index_of[i]] = index_of[dr];
    }
  }
};

}  // namespace byline
