// byline — stances: who takes which position toward what.
//
//   const byline::pipeline nlp;                   // the news pipeline finds stances
//   auto doc = nlp(article);
//   for (auto s : doc.stances()) {
//     std::cout << s.holder().text() << ' ' << name(s.polarity()) << ' ' << s.target().text();
//     if (auto h = s.holder_entity()) std::cout << " (" << h->canonical() << ')';  // Russia for "the Kremlin"
//     std::cout << " [" << s.cue().text() << "] " << name(s.modality()) << '\n';
//   }
//   for (const auto& t : doc.stance_summary().by_target)  // who is for, who against the ceasefire
//     ...
//
// A stance is a record: a holder (an entity when one is named, through pronouns and metonyms: "the
// Kremlin" and "Moscow" as actors stand for Russia's government), a polarity (favor or against), a
// target (a noun phrase, its head word, its entity when it names one), the cue (the words that
// carry it), whether the cue was negated, the modality (asserted, hedged, conditional), the
// intensity (weak, plain, strong), the source type (narrated by the article, in a direct quotation,
// or reported indirectly: "Putin highlighted Russia's willingness to …"), the evidence (the
// quotation, else the sentence) and a confidence in [0, 1] (a fixed figure for the rule that found
// it: a verb with its named subject scores higher than a holder read from the clause around it).
// The article's author is never a holder: a stance with no holder in the text is not recorded.
//
// How (rules over the cue lexicon of stance/cues.hpp and the layers before it):
//   - support and opposition verbs with their object (endorse, reject, agree to, call for, …):
//     "Putin firmly rejected the call for a ceasefire"; "decline"/"refuse" + "to" + a support verb
//     is against ("declined to endorse"); "demand that X accept Y", "urge X to accept Y": Y;
//     "push X toward Y": Y; an object-less verb in a relative clause takes the noun phrase before
//     its subject ("an initiative Washington had promoted");
//   - nouns and adjectives of readiness and wariness (openness to, willingness to, wary of,
//     warmth toward, criticism of), their holder the possessor ("Russia's willingness") or the
//     clause's subject, their target what follows (through a verb: "readiness to discuss a roadmap");
//   - a reporting verb with a judging complement ("described the talks as “excellent”") or adverb
//     ("responded positively", "spoke highly of Trump");
//   - "suggest"/"propose" + a clause with a modal ("suggested Trump could offer incentives"): hedged;
//   - a verb of harm in reported speech ("Its leaders argue that … attempt to encroach upon …"):
//     the source is against the harm's agent;
//   - a negation before the cue ("not", "never", "no signs of") turns favor into against and drops
//     a negated opposition ("did not reject" takes no side).
// Aggregation (doc.stance_summary(), JSON "stance_summary"): per target, the holders for and
// against; per holder and target, the stances of each side. Holders and targets are grouped by
// entity when they have one, else by their words (the target's head word, lower case).
#pragma once

#include <byline/document/document.hpp>
#include <byline/document/ids.hpp>
#include <byline/document/layer.hpp>
#include <byline/document/records.hpp>
#include <byline/entity/coreference.hpp>
#include <byline/entity/entities.hpp>
#include <byline/io/json_out.hpp>
#include <byline/pipeline.hpp>
#include <byline/stance/attributions.hpp>
#include <byline/stance/cues.hpp>
#include <byline/stance/quotes.hpp>
#include <byline/stance/subjects.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <ranges>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace byline {

struct stance_layer;
using stance_id = id<stance_layer>;

enum class stance_polarity : std::uint8_t { favor, against };
enum class stance_modality : std::uint8_t { asserted, hedged, conditional };
enum class stance_source : std::uint8_t { narrated, direct_quote, indirect };
enum class stance_intensity : std::uint8_t { weak, plain, strong };

inline constexpr std::string_view name(stance_polarity p) noexcept { return p == stance_polarity::favor ? "favor" : "against"; }
inline constexpr std::string_view name(stance_modality m) noexcept {
  constexpr std::string_view n[] = {"asserted", "hedged", "conditional"};
  return n[static_cast<std::uint8_t>(m)];
}
inline constexpr std::string_view name(stance_source s) noexcept {
  constexpr std::string_view n[] = {"narrated", "direct_quote", "indirect"};
  return n[static_cast<std::uint8_t>(s)];
}
inline constexpr std::string_view name(stance_intensity i) noexcept {
  constexpr std::string_view n[] = {"weak", "plain", "strong"};
  return n[static_cast<std::uint8_t>(i)];
}

// One stance. Token runs are [first, end); clusters are none (detail::no_index) when no entity.
struct stance_record {
  std::uint32_t holder_first = 0, holder_end = 0;
  std::uint32_t holder_cluster = detail::no_index;  // what the holder stands for: Russia for "the Kremlin"
  std::uint32_t holder_named = detail::no_index;    // the cluster of the words themselves (the Kremlin)
  std::uint32_t target_first = 0, target_end = 0, target_head = 0;
  std::uint32_t target_cluster = detail::no_index;
  std::uint32_t cue_first = 0, cue_end = 0;
  std::uint32_t evidence_first = 0, evidence_end = 0;
  std::uint32_t attribution = detail::no_index;  // the attribution that reports it
  std::uint32_t quote = detail::no_index;        // the quotation it is in
  float confidence = 0;
  stance_polarity polarity = stance_polarity::favor;
  stance_modality modality = stance_modality::asserted;
  stance_source source = stance_source::narrated;
  stance_intensity intensity = stance_intensity::plain;
  bool negated = false;
};

// Stances, in text order of their cue.
struct stance_layer {
  static constexpr std::string_view name = "stances";
  std::vector<stance_record> items;

  std::size_t size() const noexcept { return items.size(); }
  void clear() { items.clear(); }
  void write_json(io::json_out& j) const;
  void validate(const document_base& doc, std::vector<std::string>& problems) const;
  std::size_t memory_bytes() const noexcept { return items.capacity() * sizeof(stance_record); }
};

// The aggregation: who is for and who against each target, and each holder's stances on each target.
struct stance_side {
  std::string holder;                             // the holder's canonical name, else its words
  std::uint32_t holder_cluster = detail::no_index;
  std::vector<std::uint32_t> stances;             // indices into the stance layer
};
struct target_stances {
  std::string target;                             // the target's canonical name, else its head word
  std::uint32_t target_cluster = detail::no_index;
  std::vector<stance_side> favor, against;
};
struct holder_target_stances {
  std::string holder, target;
  std::uint32_t holder_cluster = detail::no_index, target_cluster = detail::no_index;
  std::vector<std::uint32_t> favor, against;      // indices into the stance layer
  // "favor", "against", or "mixed" when the text reports both.
  std::string_view position() const noexcept {
    return favor.empty() ? "against" : against.empty() ? "favor" : "mixed";
  }
};
struct stance_summary_layer {
  static constexpr std::string_view name = "stance_summary";
  std::vector<target_stances> by_target;                 // in order of each target's first stance
  std::vector<holder_target_stances> by_holder_target;   // in order of each pair's first stance

  void clear() {
    by_target.clear();
    by_holder_target.clear();
  }
  void write_json(io::json_out& j) const;
  std::size_t memory_bytes() const noexcept {
    std::size_t b = by_target.capacity() * sizeof(target_stances) +
                    by_holder_target.capacity() * sizeof(holder_target_stances);
    for (const auto& t : by_target) {
      b += t.target.capacity() + (t.favor.capacity() + t.against.capacity()) * sizeof(stance_side);
      for (const auto* side : {&t.favor, &t.against})
        for (const auto& s : *side) b += s.holder.capacity() + s.stances.capacity() * sizeof(std::uint32_t);
    }
    for (const auto& h : by_holder_target)
      b += h.holder.capacity() + h.target.capacity() + (h.favor.capacity() + h.against.capacity()) * sizeof(std::uint32_t);
    return b;
  }
};

// ----------------------------------------------------------------------------------------------
// Views

template <class Node>
class basic_stance {
  const Node* doc_ = nullptr;
  std::uint32_t i_ = 0;
  const stance_record& rec() const { return doc_->template get<stance_layer>().items[i_]; }
  std::optional<basic_entity_cluster<Node>> cluster(std::uint32_t c) const {
    if (c == detail::no_index) return std::nullopt;
    return basic_entity_cluster<Node>(*doc_, c);
  }

 public:
  basic_stance() = default;
  basic_stance(const Node& d, std::uint32_t i) : doc_(&d), i_(i) {}
  std::uint32_t index() const noexcept { return i_; }
  stance_id id() const noexcept { return stance_id{i_}; }
  const stance_record& record() const { return rec(); }

  // The words that name the holder ("the Kremlin", "he", "European leaders").
  basic_span<Node> holder() const { return basic_span<Node>(*doc_, rec().holder_first, rec().holder_end); }
  // The holder's entity, metonyms resolved: Russia for "the Kremlin" and for "Moscow" as an actor.
  std::optional<basic_entity_cluster<Node>> holder_entity() const { return cluster(rec().holder_cluster); }
  stance_polarity polarity() const { return rec().polarity; }
  // The target noun phrase, its head word, and its entity when it names one.
  basic_span<Node> target() const { return basic_span<Node>(*doc_, rec().target_first, rec().target_end); }
  basic_token<Node> target_head() const { return basic_token<Node>(*doc_, rec().target_head); }
  std::optional<basic_entity_cluster<Node>> target_entity() const { return cluster(rec().target_cluster); }
  basic_span<Node> cue() const { return basic_span<Node>(*doc_, rec().cue_first, rec().cue_end); }
  bool negated() const { return rec().negated; }
  stance_modality modality() const { return rec().modality; }
  stance_intensity intensity() const { return rec().intensity; }
  stance_source source_type() const { return rec().source; }
  // The quotation that holds it, else its sentence.
  basic_span<Node> evidence() const { return basic_span<Node>(*doc_, rec().evidence_first, rec().evidence_end); }
  float confidence() const { return rec().confidence; }
  // The attribution that reports it ("Putin highlighted …"), if any.
  std::optional<basic_attribution<Node>> attribution() const {
    if (rec().attribution == detail::no_index) return std::nullopt;
    return basic_attribution<Node>(*doc_, rec().attribution);
  }
};

// doc.stances(): see basic_document. Empty when the document has no stance layer.
template <class Node>
auto stance_range(const Node& d) {
  const auto* l = d.template find<stance_layer>();
  const std::uint32_t n = l ? static_cast<std::uint32_t>(l->size()) : 0u;
  return std::views::iota(std::uint32_t{0}, n) |
         std::views::transform([&d](std::uint32_t i) { return basic_stance<Node>(d, i); });
}

// doc.stance_summary(): see basic_document. Empty when the document has no stances.
template <class Node>
const stance_summary_layer& stance_summary_of(const Node& d) {
  static const stance_summary_layer none{};
  const auto* l = d.template find<stance_summary_layer>();
  return l ? *l : none;
}

// ----------------------------------------------------------------------------------------------
// JSON and invariants

namespace detail::stance {

inline void write_cluster(io::json_out& j, const entity_cluster_layer* cl, std::uint32_t c) {
  j.field("entity");
  if (cl && c < cl->size()) j.number(c);
  else j.null();
}

}  // namespace detail::stance

// "stances": [{"holder": {"start", "end", "text", "entity", "canonical", "named"}, "polarity",
//              "target": {"start", "end", "text", "head", "entity", "canonical"},
//              "cue": {"start", "end", "text"}, "negated", "modality", "intensity", "source_type",
//              "evidence": {"start", "end", "text"}, "confidence", "attribution", "quote"}]
// A holder's "canonical" is its entity's canonical name (Russia for "the Kremlin"; "named" is the
// name the words give, "Kremlin"), or its words when it names no entity; a target's is its
// entity's, or null.
inline void stance_layer::write_json(io::json_out& j) const {
  const document_base* doc = j.document();
  const entity_cluster_layer* cl = doc ? doc->template find<entity_cluster_layer>() : nullptr;
  auto in = [&](std::uint32_t c) { return cl && c < cl->size(); };
  j.begin_array();
  for (const auto& s : items) {
    j.item();
    j.open("holder");
    j.offsets(s.holder_first, s.holder_end);
    detail::stance::write_cluster(j, cl, s.holder_cluster);
    j.field("canonical");
    if (in(s.holder_cluster)) {
      j.string(cl->canonical[s.holder_cluster]);
    } else if (j.tokens() && s.holder_first < s.holder_end) {
      const auto [b, e] = j.token_run(s.holder_first, s.holder_end);
      j.text(b, e);
    } else {
      j.null();
    }
    j.field("named");
    if (in(s.holder_named)) j.string(cl->canonical[s.holder_named]);
    else j.null();
    j.close();
    j.field("polarity");
    j.string(byline::name(s.polarity));
    j.field("target");
    j.offsets(s.target_first, s.target_end);
    j.field("head");
    if (j.tokens() && s.target_head < j.tokens()->size()) {
      const auto [b, e] = j.token_run(s.target_head, s.target_head + 1);
      j.text(b, e);
    } else {
      j.null();
    }
    detail::stance::write_cluster(j, cl, s.target_cluster);
    j.field("canonical");
    if (in(s.target_cluster)) j.string(cl->canonical[s.target_cluster]);
    else j.null();
    j.close();
    j.field("cue");
    j.offsets(s.cue_first, s.cue_end);
    j.close();
    j.field("negated");
    j.boolean(s.negated);
    j.field("modality");
    j.string(byline::name(s.modality));
    j.field("intensity");
    j.string(byline::name(s.intensity));
    j.field("source_type");
    j.string(byline::name(s.source));
    j.field("evidence");
    j.offsets(s.evidence_first, s.evidence_end);
    j.close();
    j.field("confidence");
    j.real(static_cast<double>(static_cast<int>(s.confidence * 100.0f + 0.5f)) / 100.0);
    j.field("attribution");
    if (s.attribution != detail::no_index) j.number(s.attribution);
    else j.null();
    j.field("quote");
    if (s.quote != detail::no_index) j.number(s.quote);
    else j.null();
    j.close();
  }
  j.end_array();
}

inline void stance_layer::validate(const document_base& doc, std::vector<std::string>& problems) const {
  const std::size_t n = doc.token_count();
  const auto* cl = doc.find<entity_cluster_layer>();
  const auto* al = doc.find<attribution_layer>();
  const auto* ql = doc.find<quote_layer>();
  auto cluster_ok = [&](std::uint32_t c) { return c == detail::no_index || (cl && c < cl->size()); };
  for (std::size_t k = 0; k < items.size(); ++k) {
    const auto& s = items[k];
    const std::string at = "stance " + std::to_string(k) + ": ";
    if (s.holder_first >= s.holder_end || s.holder_end > n) problems.push_back(at + "holder out of range");
    if (s.target_first >= s.target_end || s.target_end > n) problems.push_back(at + "target out of range");
    else if (s.target_head < s.target_first || s.target_head >= s.target_end) problems.push_back(at + "head outside its target");
    if (s.cue_first >= s.cue_end || s.cue_end > n) problems.push_back(at + "cue out of range");
    if (s.evidence_first >= s.evidence_end || s.evidence_end > n || s.cue_first < s.evidence_first ||
        s.cue_end > s.evidence_end)
      problems.push_back(at + "evidence does not hold the cue");
    if (!cluster_ok(s.holder_cluster) || !cluster_ok(s.holder_named) || !cluster_ok(s.target_cluster))
      problems.push_back(at + "entity out of range");
    if (s.attribution != detail::no_index && (!al || s.attribution >= al->size())) problems.push_back(at + "attribution out of range");
    if (s.quote != detail::no_index && (!ql || s.quote >= ql->size())) problems.push_back(at + "quotation out of range");
    if (!(s.confidence >= 0.0f && s.confidence <= 1.0f)) problems.push_back(at + "confidence outside [0, 1]");
    if (k > 0 && items[k - 1].cue_first > s.cue_first) problems.push_back(at + "out of order");
  }
}

// "stance_summary": {"by_target": [{"target", "entity", "favor": [{"holder", "entity", "stances"}],
//                                   "against": [...]}],
//                    "by_holder_target": [{"holder", "holder_entity", "target", "target_entity",
//                                          "position", "favor": [stances], "against": [stances]}]}
inline void stance_summary_layer::write_json(io::json_out& j) const {
  auto cluster = [&](std::uint32_t c) {
    if (c != detail::no_index) j.number(c);
    else j.null();
  };
  auto indices = [&](const std::vector<std::uint32_t>& v) {
    j.buffer() += '[';
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i) j.buffer() += ',';
      j.number(v[i]);
    }
    j.buffer() += ']';
  };
  j.begin_object();
  j.key("by_target");
  j.begin_array();
  for (const auto& t : by_target) {
    j.item();
    j.open("target");
    j.string(t.target);
    j.field("entity");
    cluster(t.target_cluster);
    for (const auto* side : {&t.favor, &t.against}) {
      j.field(side == &t.favor ? "favor" : "against");
      j.buffer() += '[';
      for (std::size_t i = 0; i < side->size(); ++i) {
        if (i) j.buffer() += j.compact() ? "," : ", ";
        const auto& s = (*side)[i];
        j.open("holder");
        j.string(s.holder);
        j.field("entity");
        cluster(s.holder_cluster);
        j.field("stances");
        indices(s.stances);
        j.close();
      }
      j.buffer() += ']';
    }
    j.close();
  }
  j.end_array();
  j.key("by_holder_target");
  j.begin_array();
  for (const auto& h : by_holder_target) {
    j.item();
    j.open("holder");
    j.string(h.holder);
    j.field("holder_entity");
    cluster(h.holder_cluster);
    j.field("target");
    j.string(h.target);
    j.field("target_entity");
    cluster(h.target_cluster);
    j.field("position");
    j.string(h.position());
    j.field("favor");
    indices(h.favor);
    j.field("against");
    indices(h.against);
    j.close();
  }
  j.end_array();
  j.end_object();
}

// ----------------------------------------------------------------------------------------------
// The rules

namespace detail::stance {

namespace q = detail::quotes;

// Words that end a target noun phrase or cannot be in one.
inline bool np_stop(std::string_view w) {
  return q::ascii_word_in(w, {"of", "for", "to", "in", "on", "at", "with", "by", "from", "as", "into", "toward",
                              "towards", "about", "over", "under", "between", "against", "through", "during",
                              "after", "before", "including", "than", "upon", "within", "without", "amid",
                              "and", "or", "but", "nor", "that", "which", "who", "whom", "whose", "where", "when",
                              "while", "because", "if", "unless", "is", "was", "are", "were", "be", "been", "being",
                              "has", "have", "had", "will", "would", "could", "should", "can", "may", "might",
                              "must", "do", "does", "did", "not", "so", "it", "he", "she", "they", "we", "I",
                              "you", "there", "then", "also", "even", "instead", "only", "just"});
}
inline bool np_determiner(std::string_view w) {
  return q::is_determiner(w) || q::ascii_word_in(w, {"this", "these", "those", "any", "such", "our", "my", "your",
                                                      "no", "This", "These", "Those", "Any", "Such", "Our"});
}
inline bool is_negator(std::string_view w) {
  return q::ascii_word_in(w, {"not", "n't", "never", "no", "without", "cannot", "nor", "Not", "Never", "No"});
}
inline bool is_hedge(std::string_view w) {
  return q::ascii_word_in(w, {"may", "might", "could", "possibly", "perhaps", "probably", "likely", "maybe"});
}
inline bool is_strong(std::string_view w) {
  return q::ascii_word_in(w, {"firmly", "strongly", "flatly", "categorically", "vehemently", "fiercely", "heavily",
                              "sharply", "adamantly", "unequivocally", "emphatically", "forcefully", "resolutely",
                              "staunchly", "vigorously", "fully", "wholeheartedly", "outright", "bitterly"});
}
inline bool is_weak(std::string_view w) {
  return q::ascii_word_in(w, {"cautiously", "tentatively", "partially", "partly", "reluctantly", "somewhat",
                              "grudgingly", "quietly", "conditionally"});
}
inline bool is_condition(std::string_view w) {
  return q::ascii_word_in(w, {"if", "If", "unless", "Unless", "provided", "Provided"});
}
inline bool is_modal(std::string_view w) {
  return q::ascii_word_in(w, {"could", "should", "would", "must", "might", "may", "can", "will", "to"});
}

// Whether an attribution's cue reports speech or thought (not a stance or evidence of its own).
inline bool reports(const document_base& doc, std::uint32_t first, std::uint32_t end) {
  if (first >= end) return false;
  const auto c = cue_at(doc, first, end);
  if (!c) return first + 1 == end && doc.token_utf8(token_id{first}) == ":";  // "Peskov: …"
  return c->of(cue_class::report) || c->of(cue_class::write) || c->of(cue_class::ask) || c->of(cue_class::belief) ||
         c->of(cue_class::according);
}

struct workspace_data {
  std::vector<run> runs, stack;
  std::vector<std::uint32_t> conditions;
  std::vector<std::string_view> words;
  std::vector<std::uint32_t> quote_of;    // innermost speech quotation over each token, or none
  std::vector<std::uint32_t> content_of;  // the attribution whose content holds each token, or none
  std::vector<std::uint32_t> cue_of;      // the attribution whose cue starts at each token, or none
};

// One pass over a document; see the header comment for the rules.
class tagger {
  const document_base& doc_;
  const workspace_data& w_;
  const subject_reader& subj_;
  const token_layer& tokens_;
  const entity_mention_layer* ml_;
  const entity_cluster_layer* cl_;
  const pronoun_layer* pl_;
  const quote_layer* ql_;
  const attribution_layer* al_;
  std::uint32_t n_;
  std::uint32_t sb_ = 0, se_ = 0;  // the current sentence
  std::uint32_t prev_sentence_start_ = 0;

 public:
  struct found {
    span holder, target, cue;
    std::uint32_t head = 0;
    stance_polarity polarity = stance_polarity::favor;
    bool negated = false;
    bool hedged = false;
    float confidence = 0.8f;
    std::uint32_t holder_attribution = no_index;  // the attribution the holder came from
    std::uint32_t about = no_index;               // the person a quality belongs to ("his courage")
  };

  tagger(const document_base& doc, const workspace_data& w, const subject_reader& s)
      : doc_(doc),
        w_(w),
        subj_(s),
        tokens_(doc.token_records()),
        ml_(doc.find<entity_mention_layer>()),
        cl_(doc.find<entity_cluster_layer>()),
        pl_(doc.find<pronoun_layer>()),
        ql_(doc.find<quote_layer>()),
        al_(doc.find<attribution_layer>()),
        n_(static_cast<std::uint32_t>(doc.token_count())) {}

  std::string_view word(std::uint32_t t) const { return w_.words[t]; }
  bool is_word(std::uint32_t t) const {
    return t < n_ && tokens_.kind[t] == token_kind::word && (tokens_.flags[t] & token_flag::has_alpha);
  }
  bool lower_word(std::uint32_t t) const { return is_word(t) && (tokens_.flags[t] & token_flag::all_lower); }
  bool possessive(std::uint32_t t) const {
    return t < n_ && (word(t) == "'s" || word(t) == "\u2019s" || word(t) == "'" || word(t) == "\u2019");
  }
  std::uint32_t mention_at(std::uint32_t t) const { return subj_.mention_at(t); }

  void sentence(std::uint32_t sb, std::uint32_t se) {
    prev_sentence_start_ = sb_;
    sb_ = sb;
    se_ = se;
  }

  // A noun phrase from p: determiners first, then words, names and hyphens, up to 8 tokens; it stops
  // at a preposition, conjunction, auxiliary, punctuation or quotation mark. The head is its last
  // word. Empty when nothing nominal is there.
  span np_after(std::uint32_t p, std::uint32_t& head) const {
    if (p < se_ && tokens_.kind[p] == token_kind::quote && (tokens_.flags[p] & token_flag::open_quote)) ++p;
    const auto f = p;
    auto e = p;
    while (e < se_ && e < f + 8) {
      const auto wd = word(e);
      const auto k = tokens_.kind[e];
      if (const auto m = mention_at(e); m != no_index) {
        // A date or an amount after the head is an adverbial ("the ceasefire a day later").
        if (e > f && ml_->label[m] >= entity_label::date && !(e > f && possessive(e - 1))) break;
        e = std::max(e + 1, std::min(se_, ml_->end[m]));
        continue;
      }
      if (possessive(e) && e > f) {
        ++e;
        continue;
      }
      if ((wd == "-" || wd == "\u2010" || wd == "\u2011") && e > f && e + 1 < se_ && is_word(e + 1)) {
        ++e;
        continue;
      }
      if (k == token_kind::number) {
        ++e;
        continue;
      }
      if (!is_word(e) || np_stop(wd)) break;
      if (np_determiner(wd) && e > f && !possessive(e - 1)) break;
      // An -ing word after a noun starts a clause ("its involvement, leaving …").
      if (e > f + 1 && wd.size() > 5 && wd.ends_with("ing") && (tokens_.flags[e] & token_flag::all_lower)) break;
      // A participle after a noun starts a reduced relative clause ("the plan drafted in Geneva");
      // after a determiner or an adverb it is an adjective ("the proposed truce").
      if (e > f && wd.size() > 4 && wd.ends_with("ed") && lower_word(e - 1) && !np_determiner(word(e - 1)) &&
          !word(e - 1).ends_with("ly") && !possessive(e - 1))
        break;
      if (e > f && q::ascii_word_in(wd, {"next", "last", "later", "earlier", "ago", "yesterday", "today", "tomorrow",
                                         "tonight", "now", "again", "too", "either"}))
        break;
      ++e;
    }
    // Trailing determiners or possessives make no head.
    while (e > f && (np_determiner(word(e - 1)) || possessive(e - 1) || word(e - 1) == "-")) --e;
    if (e == f) return {p, p};
    head = e - 1;
    if (const auto m = mention_at(head); m != no_index) head = ml_->end[m] - 1;
    return {f, e};
  }

  // The noun phrase that ends at e (exclusive): back over words and names to a determiner, at most 6.
  span np_ending_at(std::uint32_t e, std::uint32_t floor) const {
    auto f = e;
    while (f > floor && e - f < 6) {
      const auto u = f - 1;
      if (const auto m = mention_at(u); m != no_index) {
        f = std::max(floor, ml_->first[m]);
        continue;
      }
      if (possessive(u) || ((word(u) == "-") && u > floor)) {
        --f;
        continue;
      }
      if (!is_word(u) || np_stop(word(u))) break;
      --f;
      if (np_determiner(word(u))) break;
    }
    return {f, e};
  }

  // A relative pronoun's antecedent: the noun phrase before ", which", and the one it belongs to
  // when a preposition joins them ("the statement on maritime security, which …").
  span antecedent(std::uint32_t rel) const {
    auto e = rel;
    if (e > sb_ && word(e - 1) == ",") --e;
    auto a = np_ending_at(e, sb_);
    if (!a.empty() && a.first > sb_ + 1 && q::ascii_word_in(word(a.first - 1), {"on", "of", "for", "about"}) &&
        lower_word(a.first - 2) && !np_stop(word(a.first - 2))) {
      const auto outer = np_ending_at(a.first - 1, sb_);
      if (!outer.empty()) a = {outer.first, a.end};
    }
    return a;
  }

  // The cluster a target names: the mention at its head, or a resolved pronoun.
  std::uint32_t target_cluster(span t, std::uint32_t head) const {
    if (const auto m = mention_at(head); m != no_index) return ml_->cluster[m];
    if (pl_ && t.end - t.first == 1) {
      const auto p = pl_->pronoun_of_token(t.first);
      if (p != no_index) return pl_->cluster[p];
    }
    return no_index;
  }

  // The holder's entity, metonyms resolved (the Kremlin, Moscow as an actor: Russia), or a
  // nationality or country before a collective noun ("European leaders", "the Russian
  // leadership", "American rhetoric"). named: the words' own cluster.
  std::uint32_t holder_cluster(span h, std::uint32_t& named) const {
    auto c = subj_.entity_of(h);
    std::uint32_t mention = no_index;
    if (ml_)
      for (auto t = h.first; t < h.end; ++t)
        if (const auto m = mention_at(t); m != no_index && ml_->cluster[m] == c) {
          mention = m;
          break;
        }
    if (c == no_index && ml_) {
      // A country or nationality followed only by lower-case nouns.
      for (auto t = h.first; t < h.end; ++t) {
        const auto m = mention_at(t);
        if (m == no_index) continue;
        const auto l = ml_->label[m];
        if (l != entity_label::norp && l != entity_label::gpe && l != entity_label::loc) break;
        bool rest_lower = ml_->end[m] < h.end;
        for (auto u = ml_->end[m]; u < h.end; ++u) rest_lower = rest_lower && lower_word(u) && !possessive(u);
        // A body of people or its voice ("leaders", "the leadership", "rhetoric"), not one person
        // ("the South Carolina senator").
        const auto head = word(h.end - 1);
        const bool collective = (head.size() > 3 && head.ends_with("s") && !head.ends_with("ss")) ||
                                q::ascii_word_in(head, {"leadership", "government", "administration", "rhetoric",
                                                        "military", "public", "camp", "side", "establishment"});
        if (rest_lower && collective) {
          c = ml_->cluster[m];
          mention = m;
        }
        break;
      }
    }
    if (c == no_index && ml_ && h.end > h.first &&
        q::ascii_word_in(word(h.first), {"its", "Its", "their", "Their"}) && (!pl_ || pl_->pronoun_of_token(h.first) == no_index)) {
      // "Its leaders": the organisation or country named last before it, within this sentence and
      // the one before.
      const auto floor = prev_sentence_start_;
      for (auto u = h.first; u-- > floor;) {
        const auto m = mention_at(u);
        if (m == no_index) continue;
        const auto l = ml_->label[m];
        if (l == entity_label::gpe || l == entity_label::org) {
          c = ml_->cluster[m];
          mention = m;
          break;
        }
        u = ml_->first[m];
      }
    }
    named = c;
    if (c == no_index) return c;
    if (mention != no_index && ml_->stands_for[mention] != no_index) return ml_->stands_for[mention];
    if (cl_ && c < cl_->size() && cl_->stands_for[c] != no_index) return cl_->stands_for[c];
    // A capital or a country as the actor of a stance stands for its government: its country's
    // cluster when the entity layer linked the two elsewhere in the text.
    return c;
  }

  // The subject of the clause that ends before t: the nearest name or subject pronoun before t in
  // the sentence that is followed (past adverbs and auxiliaries) by a lower-case word that can be
  // a verb.
  span clause_subject_before(std::uint32_t t) const {
    for (auto p = t; p-- > sb_;) {
      const auto wd = word(p);
      if (wd == ";" || wd == ":") break;
      const auto m = mention_at(p);
      const bool name_end = m != no_index && ml_->end[m] == p + 1 && subj_.speaking_mention(m);
      if (!name_end && !q::is_pronoun(wd)) continue;
      // "The Russian leadership has stressed": a nationality before a role noun.
      if (name_end && p + 1 < t && lower_word(p + 1) && subj_.is_role(word(p + 1)) &&
          (ml_->label[m] == entity_label::norp || ml_->label[m] == entity_label::gpe)) {
        auto v = p + 2;
        while (v < t && subject_reader::is_filler(word(v))) ++v;
        if (v < n_ && lower_word(v) && !np_stop(word(v)) && word(v) != "to") {
          auto f = subj_.mention_first(m);
          if (f > sb_ && np_determiner(word(f - 1))) --f;
          return {std::max(sb_, f), p + 2};
        }
      }
      auto v = p + 1;
      while (v < t && subject_reader::is_filler(word(v))) ++v;
      if (v >= n_ || !lower_word(v) || np_stop(word(v)) || possessive(p + 1) || word(v) == "to") continue;
      if (name_end) return {std::max(sb_, subj_.mention_first(m)), p + 1};
      return {p, p + 1};
    }
    return {t, t};
  }

  // The possessor right before a noun cue, past adjectives ("Russia's willingness", "Moscow's
  // readiness", "his country's full openness").
  span possessor_before(std::uint32_t t) const {
    auto u = t;
    for (int adj = 0; adj < 2 && u > sb_ && lower_word(u - 1) && !possessive(u - 1) && !np_stop(word(u - 1)) &&
                      !np_determiner(word(u - 1));
         ++adj)
      --u;
    if (u > sb_ && (word(u - 1) == "its" || word(u - 1) == "their" || word(u - 1) == "his" || word(u - 1) == "her" ||
                    word(u - 1) == "Its" || word(u - 1) == "Their" || word(u - 1) == "His" || word(u - 1) == "Her"))
      return {u - 1, u};
    if (u < sb_ + 2 || !possessive(u - 1)) return {t, t};
    const auto m = mention_at(u - 2);
    if (m != no_index && (subj_.speaking_mention(m) || ml_->label[m] == entity_label::loc))
      return {std::max(sb_, subj_.mention_first(m)), ml_->end[m]};
    return {t, t};
  }

  // The holder of a verb cue at t: the attribution that has it as its cue (its source), else its
  // subject, else a relative pronoun's antecedent, else the clause's subject.
  span verb_holder(std::uint32_t t, found& f) const {
    const bool infinitive = t > sb_ && word(t - 1) == "to";
    if (!infinitive && al_ && w_.cue_of[t] != no_index) {
      const auto a = w_.cue_of[t];
      if (al_->source_first[a] < al_->source_end[a]) {
        f.holder_attribution = a;
        const span src{al_->source_first[a], al_->source_end[a]};
        // "…rhetoric, which called for …": a relative pronoun holds through its antecedent.
        if (src.end == src.first + 1 && q::ascii_word_in(word(src.first), {"which", "who", "that"})) {
          if (auto ante = antecedent(src.first); !ante.empty()) {
            f.confidence = 0.7f;
            return ante;
          }
        }
        return src;
      }
    }
    if (!infinitive) {
      auto s = subj_.ending_at(t, sb_);
      if (!s.empty()) {
        const auto last = word(s.end - 1);
        if (last == "who" || last == "that" || last == "which") {
          s = antecedent(s.end - 1);
          f.confidence = 0.7f;
        }
        if (!s.empty()) return s;
      }
      // "…, which called for …": the antecedent.
      auto v = t;
      while (v > sb_ && subject_reader::is_filler(word(v - 1))) --v;
      // An apposition between commas: "Greece's minister, Eleni Markou, rejected …" (the name in
      // it) or "Dmitry Peskov, the Kremlin's spokesman, said …" (the name before it).
      if (v > sb_ + 2 && word(v - 1) == ",") {
        auto u = v - 1;
        while (u > sb_ && v - u < 10 && word(u - 1) != ",") --u;
        if (u > sb_ && word(u - 1) == ",") {
          for (auto x = u; x < v - 1; ++x)
            if (const auto m = mention_at(x); m != no_index && ml_->label[m] == entity_label::person && ml_->end[m] == v - 1) {
              f.confidence = 0.75f;
              return {x, ml_->end[m]};
            }
          auto s2 = subj_.ending_at(u - 1, sb_);
          if (!s2.empty() && mention_at(s2.end - 1) != no_index) {
            f.confidence = 0.75f;
            return s2;
          }
        }
      }
      if (v > sb_ && (word(v - 1) == "which" || word(v - 1) == "who")) {
        auto a = antecedent(v - 1);
        if (!a.empty()) {
          f.confidence = 0.7f;
          return a;
        }
      }
    }
    f.confidence = 0.65f;
    return clause_subject_before(t);
  }

  // Negation in the few words before a cue, within its clause: "did not reject", "no signs of
  // yielding", "never accepted".
  bool negated_before(std::uint32_t t) const {
    for (std::uint32_t back = 1; back <= 4 && t >= sb_ + back; ++back) {
      const auto wd = word(t - back);
      if (!is_word(t - back) && wd != "n't" && wd != "\u2019t") return false;
      if (is_negator(wd) || wd == "n't") return true;
      if (q::ascii_word_in(wd, {"and", "but", "or", "that", "which", "who"})) return false;
    }
    return false;
  }
  bool hedged_before(std::uint32_t t) const {
    for (std::uint32_t back = 1; back <= 3 && t >= sb_ + back; ++back) {
      const auto wd = word(t - back);
      if (is_hedge(wd)) return true;
      if (!is_word(t - back) || np_stop(wd)) {
        if (wd == "not" || wd == "be" || wd == "have") continue;
        return false;
      }
    }
    return false;
  }

  // What a clause after p is about: "(that) Putin accept the proposed truce", "Trump could offer
  // economic incentives", "X to accept Y": the object of its verb. modal: a hedge in it.
  span clause_object(std::uint32_t p, std::uint32_t& head, bool& modal_hedge, std::uint32_t& verb) const {
    if (p < se_ && word(p) == "that") ++p;
    // The clause's subject: a name, a pronoun or a short noun phrase.
    auto v = p;
    if (v < se_) {
      if (const auto m = mention_at(v); m != no_index) v = ml_->end[m];
      else if (q::is_pronoun(word(v))) ++v;
      else {
        std::uint32_t h = 0;
        const auto np = np_after(v, h);
        if (np.empty()) return {p, p};
        v = np.end;
      }
    }
    modal_hedge = false;
    while (v < se_ && (is_modal(word(v)) || subject_reader::is_filler(word(v)))) {
      modal_hedge = modal_hedge || is_hedge(word(v));
      ++v;
    }
    if (v >= se_ || !lower_word(v) || np_stop(word(v))) return {p, p};
    verb = v;
    auto o = v + 1;
    if (const auto c = cue_at(doc_, v, se_)) o = c->end;
    return np_after(o, head);
  }

  // The stance a cue at t starts, if the rules find one.
  std::optional<found> at(std::uint32_t t, const cue_match& c) const {
    found f;
    const cue_entry* sup = c.of(cue_class::support);
    const cue_entry* opp = c.of(cue_class::oppose);
    const cue_entry* pos = c.of(cue_class::positive);
    const cue_entry* neg = c.of(cue_class::negative);
    const cue_entry* harm = c.of(cue_class::harm);
    const cue_entry* rep = c.of(cue_class::report);
    constexpr std::uint8_t verb_forms =
        cue_form::base | cue_form::past | cue_form::participle | cue_form::third | cue_form::ing;
    auto lemma_is = [&](std::initializer_list<std::string_view> l) {
      for (std::size_t r = 0; r < c.rows; ++r)
        if (q::ascii_word_in(c.entry[r].lemma, l)) return true;
      return false;
    };
    f.cue = {c.first, c.end};

    // Judging words: adverbs after a verb ("responded positively", "spoke highly of"), nouns with
    // their preposition ("warmth toward", "criticism of"). Adjectives count only after "as".
    if ((pos || neg) && !sup && !opp) {
      const auto* e = pos ? pos : neg;
      f.polarity = pos ? stance_polarity::favor : stance_polarity::against;
      const auto wd = e->form;
      if (e->words == 1 && (wd.ends_with("ly") || wd == "highly")) {
        // After a verb of speaking or reacting: "responded positively", "spoke highly of".
        if (t == sb_ || !lower_word(t - 1)) return std::nullopt;
        const auto v = word(t - 1);
        if (!(v.ends_with("ed") || q::ascii_word_in(v, {"spoke", "spoken", "speak", "speaks", "speaking", "talk", "talks",
                                                        "wrote", "written", "write", "writes", "think", "thinks", "thought",
                                                        "view", "views", "regard", "regards", "react", "reacts"})))
          return std::nullopt;
        f.cue = {t - 1, c.end};
        f.holder = verb_holder(t - 1, f);
        auto p = c.end;
        if (p < se_ && q::ascii_word_in(word(p), {"of", "about", "on", "toward", "towards", "to"})) {
          f.target = np_after(p + 1, f.head);
        } else {
          // "responded positively, telling Putin": the next person named in the sentence.
          const auto hc = subj_.entity_of(f.holder);
          for (auto u = p; u < se_; ++u) {
            const auto m = mention_at(u);
            if (m != no_index && ml_->label[m] == entity_label::person && ml_->cluster[m] != hc) {
              f.target = {ml_->first[m], ml_->end[m]};
              f.head = ml_->end[m] - 1;
              break;
            }
            if (tokens_.kind[u] == token_kind::quote) break;
          }
          f.confidence = 0.6f;
        }
      } else if (e->words >= 2) {
        f.holder = possessor_before(t);
        if (f.holder.empty()) {
          f.holder = clause_subject_before(t);
          f.confidence = 0.7f;
        }
        f.target = np_after(c.end, f.head);
      } else {
        return std::nullopt;
      }
      f.negated = negated_before(f.cue.first);
      return f;
    }

    // Verbs of harm in reported speech: the source is against the harm's agent.
    if (harm && (harm->forms & verb_forms) && !sup && !opp) {
      if (!al_ || w_.content_of[t] == no_index) return std::nullopt;
      const auto a = w_.content_of[t];
      if (al_->source_first[a] == al_->source_end[a]) return std::nullopt;
      f.holder = {al_->source_first[a], al_->source_end[a]};
      f.holder_attribution = a;
      f.polarity = stance_polarity::against;
      if (t > sb_ && word(t - 1) == "to") f.target = np_ending_at(t - 1, sb_);
      else f.target = subj_.ending_at(t, sb_);
      if (f.target.empty()) return std::nullopt;
      f.head = f.target.end - 1;
      f.confidence = 0.6f;
      // The harm's agent is often named within it: "a broader Western attempt".
      return f;
    }

    // A reporting verb with a judging complement: "described the discussion as “excellent,”".
    if (rep && (rep->forms & verb_forms) &&
        lemma_is({"describe", "characterize", "characterise", "call", "praise", "hail", "label", "brand", "dub"})) {
      std::uint32_t head = 0;
      const auto obj = np_after(c.end, head);
      auto p = obj.empty() ? c.end : obj.end;
      if (!obj.empty() && p < se_ && word(p) == "as") {
        ++p;
        while (p < se_ && tokens_.kind[p] == token_kind::quote) ++p;
        while (p < se_ && q::ascii_word_in(word(p), {"very", "extremely", "highly", "quite", "really", "most", "truly"})) ++p;
        if (p < se_) {
          if (const auto a = cue_at(doc_, p, se_); a && (a->of(cue_class::positive) || a->of(cue_class::negative))) {
            f.polarity = a->of(cue_class::positive) ? stance_polarity::favor : stance_polarity::against;
            auto end = a->end;
            // The closing mark and comma of a quoted word belong to the cue as written.
            while (end < se_ && end < a->end + 2 && (tokens_.kind[end] == token_kind::quote || word(end) == ",")) ++end;
            f.cue = {t, end};
            f.target = obj;
            f.head = head;
            f.holder = verb_holder(t, f);
            f.confidence = std::min(f.confidence, 0.85f);
            f.negated = negated_before(t);
            return f;
          }
        }
      }
      if (!sup) return std::nullopt;
    }

    // "suggested (that) Trump could offer incentives": a proposal, hedged by its modal.
    if (rep && !sup && !opp && (rep->forms & (cue_form::past | cue_form::third | cue_form::base)) &&
        lemma_is({"suggest"})) {
      bool modal = false;
      std::uint32_t verb = 0;
      f.target = clause_object(c.end, f.head, modal, verb);
      if (f.target.empty() || !modal) return std::nullopt;
      f.hedged = true;
      f.cue = {t, verb + 1};
      f.holder = verb_holder(t, f);
      return f;
    }

    if (!sup && !opp) return std::nullopt;
    const auto* e = sup ? sup : opp;
    f.polarity = sup ? stance_polarity::favor : stance_polarity::against;

    // A form that is a noun as well as a verb ("demands") is the noun after a determiner,
    // possessive or adjective ("longstanding demands").
    const bool noun_reading =
        (e->forms & (cue_form::noun | cue_form::plural)) && t > sb_ &&
        (np_determiner(word(t - 1)) || possessive(t - 1) ||
         (lower_word(t - 1) && !np_stop(word(t - 1)) && !subject_reader::is_filler(word(t - 1)) && !q::is_pronoun(word(t - 1))));
    // Nouns and adjectives with their preposition: "openness to", "willingness to", "wary of".
    if (noun_reading || (e->forms & (cue_form::fixed | cue_form::noun | cue_form::plural) && !(e->forms & verb_forms))) {
      const bool adjective = lemma_is({"wary of", "opposed to", "unwilling to", "reluctant to"});
      auto p = c.end;
      // "readiness to discuss a roadmap": the object of the verb after "to".
      if (e->form.ends_with(" to") && p < se_ && lower_word(p) && !np_determiner(word(p)) && !np_stop(word(p))) {
        if (const auto inner = cue_at(doc_, p, se_); inner && (inner->of(cue_class::support) || inner->of(cue_class::oppose))) {
          if (inner->of(cue_class::oppose) && !inner->of(cue_class::support))
            f.polarity = f.polarity == stance_polarity::favor ? stance_polarity::against : stance_polarity::favor;
          p = inner->end;
        } else {
          ++p;
        }
        f.cue = {t, p};
      }
      f.target = np_after(p, f.head);
      if (f.target.empty() && p < se_ && q::ascii_word_in(word(p), {"for", "of", "including"}))
        f.target = np_after(p + 1, f.head);
      if (f.target.empty() && p + 1 < se_ && word(p) == "," && word(p + 1) == "including")
        f.target = np_after(p + 2, f.head);
      if (adjective) {
        // "European leaders, wary of …," / "Moscow is wary of …".
        auto u = t;
        while (u > sb_ && (q::ascii_word_in(word(u - 1), {"is", "are", "was", "were", "remain", "remains", "remained", "been", "became"}) ||
                           subject_reader::is_filler(word(u - 1))))
          --u;
        if (u > sb_ && word(u - 1) == ",") f.holder = subj_.ending_at(u - 1, sb_);
        else f.holder = subj_.ending_at(u, sb_);
        if (f.holder.empty()) f.holder = np_ending_at(u > sb_ && word(u - 1) == "," ? u - 1 : u, sb_);
        f.confidence = 0.75f;
      } else {
        // A stance that is put in question is not taken: "questions about the West's commitment".
        for (auto u = t; u-- > sb_ && t - u <= 5;) {
          if (q::ascii_word_in(word(u), {"about", "over"}) && u > sb_ &&
              q::ascii_word_in(word(u - 1), {"questions", "doubts", "question", "doubt", "concerns", "uncertainty"}))
            return std::nullopt;
          if (!is_word(u) && !possessive(u)) break;
        }
        f.holder = possessor_before(t);
        f.confidence = 0.8f;
        if (f.holder.end - f.holder.first == 1 && subj_.entity_of(f.holder) == no_index &&
            q::ascii_word_in(word(f.holder.first), {"his", "her", "His", "Her"}))
          f.holder = {t, t};  // an unresolved "his": the clause's subject below
        if (f.holder.empty()) {
          f.holder = clause_subject_before(t);
          f.confidence = 0.65f;
        }
        // "Central to Russia's position are longstanding demands": a possessor in the clause.
        for (auto u = t; f.holder.empty() && u-- > sb_;) {
          if (word(u) == "," || word(u) == ";") break;
          if (possessive(u) && u > sb_) {
            const auto m = mention_at(u - 1);
            if (m != no_index && subj_.speaking_mention(m)) f.holder = {ml_->first[m], ml_->end[m]};
          }
        }
      }
      f.negated = negated_before(t);
      return f;
    }

    if (!(e->forms & verb_forms)) return std::nullopt;
    // A base form alone needs an auxiliary, "to" or a pronoun before it ("will back", "to back",
    // "they back"): "Western support" is a noun.
    if ((e->forms & verb_forms) == cue_form::base) {
      auto u = t;
      while (u > sb_ && q::ascii_word_in(word(u - 1), {"not", "also", "still", "never", "firmly", "strongly", "fully"})) --u;
      if (u == sb_ || !(is_modal(word(u - 1)) || q::is_pronoun(word(u - 1)) ||
                        q::ascii_word_in(word(u - 1), {"do", "does", "did", "n't", "who"})))
        return std::nullopt;
    }
    // "back away", "back down": a particle makes it another verb.
    if (lemma_is({"back"}) && c.end < se_ &&
        q::ascii_word_in(word(c.end), {"away", "down", "off", "out", "up", "into", "from", "in", "to", "on"}))
      return std::nullopt;    // A participle with no auxiliary before it modifies a noun ("a proposed ceasefire").
    if ((e->forms & cue_form::participle) && !(e->forms & (cue_form::base | cue_form::third)) && t > sb_ &&
        (np_determiner(word(t - 1)) || q::ascii_word_in(word(t - 1), {"-", "\u2010"})))
      return std::nullopt;
    // "declined to endorse", "refused to accept": against what the inner verb supports.
    if (lemma_is({"decline", "refuse"}) && opp) {
      if (c.end < se_ && word(c.end) == "to") {
        const auto inner = cue_at(doc_, c.end + 1, se_);
        if (!inner || !inner->of(cue_class::support)) return std::nullopt;
        f.polarity = stance_polarity::against;
        f.negated = true;
        f.cue = {t, inner->end};
        f.target = np_after(inner->end, f.head);
        if (f.target.empty()) return std::nullopt;
        f.holder = verb_holder(t, f);
        return f;
      }
    }
    auto p = c.end;
    while (p < se_ && is_word(p) && word(p).size() > 3 && word(p).ends_with("ly")) ++p;  // "rejected outright"
    // "demanded that Putin accept the truce", "urged Congress to pass the bill", "called on Russia to …".
    if (sup && lemma_is({"demand", "urge", "call on", "press for", "push for"}) &&
        p < se_ && (word(p) == "that" || mention_at(p) != no_index)) {
      bool modal = false;
      std::uint32_t verb = 0;
      const auto obj = clause_object(p, f.head, modal, verb);
      if (!obj.empty()) {
        if (const auto inner = cue_at(doc_, verb, se_); inner && inner->of(cue_class::oppose) && !inner->of(cue_class::support))
          f.polarity = stance_polarity::against;
        f.target = obj;
        f.cue = {t, verb + 1};  // "demanded that Putin accept": the inner verb is no stance of its own
      }
    }
    // "push Russia toward a ceasefire": what it is pushed toward.
    if (f.target.empty() && lemma_is({"push", "urge", "press"})) {
      std::uint32_t h = 0;
      const auto obj = np_after(p, h);
      if (!obj.empty() && obj.end < se_ && q::ascii_word_in(word(obj.end), {"toward", "towards", "into", "to"})) {
        auto from = obj.end + 1;
        // "urged employees to report violations": past the verb after "to".
        if (word(obj.end) == "to" && from < se_ && lower_word(from) && !np_determiner(word(from)) &&
            mention_at(from) == no_index)
          ++from;
        f.target = np_after(from, f.head);
        if (!f.target.empty()) f.cue = {t, from};
      }
      if (f.target.empty() && lemma_is({"push"})) return std::nullopt;  // pushed the door
    }
    if (f.target.empty()) {
      f.target = np_after(p, f.head);
      // Praise or blame of a person's quality is of the person: "praising his courage".
      if (!f.target.empty() && lemma_is({"praise", "commend", "hail", "applaud", "criticize", "criticise", "mock", "ridicule"}) &&
          f.target.end - f.target.first >= 2) {
        const auto d = f.target.first;
        std::uint32_t person = no_index;
        if (pl_ && q::ascii_word_in(word(d), {"his", "her"})) {
          const auto pr = pl_->pronoun_of_token(d);
          if (pr != no_index) person = pl_->cluster[pr];
        }
        if (const auto m = mention_at(d); m != no_index && ml_->label[m] == entity_label::person && possessive(ml_->end[m]))
          person = ml_->cluster[m];
        if (person != no_index) f.about = person;
      }
    }
    f.holder = verb_holder(t, f);
    if (f.target.empty() && !f.holder.empty() && f.holder.first > sb_ + 1 && f.confidence > 0.65f &&
        (e->forms & (cue_form::past | cue_form::third))) {
      // "an initiative Washington had promoted heavily": the object is the noun before the subject.
      const auto before = f.holder.first;
      const bool no_object = p >= se_ || !is_word(p) || word(p).ends_with("ly") || word(p) == "as";
      if (no_object && lower_word(before - 1) && !np_stop(word(before - 1)) && !np_determiner(word(before - 1))) {
        f.target = np_ending_at(before, sb_);
        f.head = before - 1;
        f.confidence = std::min(f.confidence, 0.7f);
      } else if (auto b = before; no_object) {
        // "the boarding rules, which (U.S. Navy) officers have defended": the antecedent.
        while (b > sb_ + 1 && mention_at(b - 1) != no_index) b = ml_->first[mention_at(b - 1)];
        if (b > sb_ + 1 && q::ascii_word_in(word(b - 1), {"which", "that"})) f.target = antecedent(b - 1);
        if (!f.target.empty()) f.head = f.target.end - 1;
        f.confidence = std::min(f.confidence, 0.7f);
      }
    }
    f.negated = negated_before(t);
    if (f.negated) {
      if (f.polarity == stance_polarity::against) return std::nullopt;  // "did not reject": no side
      f.polarity = stance_polarity::against;
    }
    f.hedged = hedged_before(t);
    return f;
  }
};

}  // namespace detail::stance

// The component: stance records and their aggregation. Needs the attributions (and through them
// quotations, pronouns and entities).
class stance_tagger {
 public:
  static constexpr std::string_view name = "stance_tagger";
  using needs = layers<token_layer, paragraph_layer, sentence_layer, entity_cluster_layer, entity_mention_layer,
                       pronoun_layer, quote_layer, attribution_layer>;
  using provides = layers<stance_layer, stance_summary_layer>;

  void operator()(document_base& doc, workspace& ws) const {
    namespace s = detail::stance;
    namespace q = detail::quotes;
    auto& w = ws.get<s::workspace_data>(*this);
    auto& out = doc.edit<stance_layer>();
    out.clear();
    auto& summary = doc.edit<stance_summary_layer>();
    summary.clear();
    const auto n = static_cast<std::uint32_t>(doc.token_count());
    if (n == 0) return;
    const auto& tokens = doc.token_records();
    const auto& sentences = doc.sentence_records().items;
    const auto* ql = doc.find<quote_layer>();
    const auto* al = doc.find<attribution_layer>();
    const auto* ml = doc.find<entity_mention_layer>();
    const auto* cl = doc.find<entity_cluster_layer>();
    w.words.resize(n);
    for (std::uint32_t t = 0; t < n; ++t) w.words[t] = doc.token_utf8(token_id{t});
    // Which quotation and which attribution's content each token is in: the innermost, by a sweep
    // over the runs sorted by start with a stack of the open ones, so that nested quotations
    // (however deep) cost time linear in the text.
    s::speech_quote_of_tokens(ql, n, w.quote_of, w.runs, w.stack);
    w.runs.clear();
    w.cue_of.assign(n, detail::no_index);
    if (al)
      for (std::uint32_t a = 0; a < al->size(); ++a) {
        if (al->content_first[a] < al->content_end[a]) w.runs.push_back({al->content_first[a], al->content_end[a], a});
        if (al->cue_first[a] < al->cue_end[a] && w.cue_of[al->cue_first[a]] == detail::no_index)
          w.cue_of[al->cue_first[a]] = a;
      }
    s::innermost(w.runs, n, w.content_of, w.stack);
    const s::subject_reader subjects(doc, w.words);
    s::tagger tg(doc, w, subjects);
    auto word = [&](std::uint32_t t) { return w.words[t]; };
    auto key_of_target = [&](const stance_record& r) {
      if (cl && r.target_cluster < cl->size()) return std::string(cl->canonical[r.target_cluster]);
      std::string k(word(r.target_head));
      for (auto& ch : k)
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
      return k;
    };
    auto key_of_holder = [&](const stance_record& r) {
      if (cl && r.holder_cluster < cl->size()) return std::string(cl->canonical[r.holder_cluster]);
      // The holder's words as written (UTF-8 offsets of the document's text).
      const auto f = word(r.holder_first), l = word(r.holder_end - 1);
      return std::string(f.data(), static_cast<std::size_t>(l.data() + l.size() - f.data()));
    };

    for (const auto& sent : sentences) {
      const auto sb = sent.first_token, se = std::min(sent.end_token, n);
      tg.sentence(sb, se);
      // Conditions in the sentence: "if", "unless", "provided", "but only", an opening "Should".
      // A stance is conditional when no "but" or ";" stands between its cue and one of them.
      w.conditions.clear();
      for (auto t = sb; t < se; ++t)
        if (s::is_condition(word(t)) || (t == sb && word(t) == "Should")) w.conditions.push_back(t);
        else if (word(t) == "only" && t > sb && word(t - 1) == "but") w.conditions.push_back(t - 1);
      auto conditional_at = [&](std::uint32_t first, std::uint32_t end) {
        for (const auto c : w.conditions) {
          const auto from = c < first ? c + 1 : end, to = c < first ? first : c;
          bool cut = false;
          // A reporting verb between them ends the clause: "X, wary of Y, said they may … if …".
          for (auto u = from; u < to && !cut; ++u)
            cut = word(u) == "but" || word(u) == ";" || word(u) == "while" ||
                  ((tokens.flags[u] & token_flag::all_lower) && s::reports(doc, u, u + 1));
          if (!cut) return true;
        }
        return false;
      };
      const auto first_out = out.items.size();
      for (auto t = sb; t < se; ++t) {
        if (!tg.is_word(t) || (ml && ml->mention_of_token(t) != detail::no_index)) continue;
        if (!(tokens.flags[t] & token_flag::all_lower) && t != sb) continue;
        const auto c = cue_at(doc, t, se);
        if (!c) continue;
        auto f = tg.at(t, *c);
        if (!f || f->holder.empty() || f->target.empty() || f->cue.empty()) continue;
        stance_record r;
        r.holder_first = f->holder.first;
        r.holder_end = f->holder.end;
        r.holder_cluster = tg.holder_cluster(f->holder, r.holder_named);
        r.target_first = f->target.first;
        r.target_end = f->target.end;
        r.target_head = std::clamp(f->head, f->target.first, f->target.end - 1);
        r.target_cluster = f->about != detail::no_index ? f->about : tg.target_cluster(f->target, r.target_head);
        r.cue_first = std::min(f->cue.first, t);
        r.cue_end = std::max(f->cue.end, c->end);
        r.polarity = f->polarity;
        r.negated = f->negated;
        r.confidence = f->confidence;
        // The holder inside a quotation speaking of itself ("we reject …") is the speaker.
        const auto qk = w.quote_of[t];
        if (qk != detail::no_index && r.holder_cluster == detail::no_index && r.holder_end - r.holder_first == 1 &&
            q::ascii_word_in(word(r.holder_first), {"I", "we", "We"}) && ql->speaker_cluster[qk] != detail::no_index)
          r.holder_cluster = r.holder_named = ql->speaker_cluster[qk];
        // A pronoun the resolver left, in what a source said, is that source: "Turkish officials
        // said they may accept …".
        if (r.holder_cluster == detail::no_index && r.holder_end - r.holder_first == 1 && al &&
            q::ascii_word_in(word(r.holder_first), {"they", "They", "he", "He", "she", "She", "we", "We"}))
          if (const auto a = w.content_of[t]; a != detail::no_index && al->source_first[a] < al->source_end[a] &&
                                              al->source_end[a] <= r.holder_first && s::reports(doc, al->cue_first[a], al->cue_end[a]))
            r.holder_cluster = tg.holder_cluster({al->source_first[a], al->source_end[a]}, r.holder_named);
        // A holder that is the target itself says nothing ("Russia's willingness to defend Russia").
        if (r.holder_cluster != detail::no_index && r.holder_cluster == r.target_cluster) continue;
        // Intensity: an adverb right before or after the cue.
        for (auto u : {r.cue_first >= sb + 1 ? r.cue_first - 1 : detail::no_index, r.cue_first >= sb + 2 ? r.cue_first - 2 : detail::no_index,
                       r.cue_end < se ? r.cue_end : detail::no_index, r.cue_end + 1 < se ? r.cue_end + 1 : detail::no_index}) {
          if (u == detail::no_index) continue;
          if (s::is_strong(word(u))) r.intensity = stance_intensity::strong;
          else if (s::is_weak(word(u))) r.intensity = stance_intensity::weak;
        }
        for (auto u = r.cue_first; u < r.cue_end; ++u)
          if (s::is_strong(word(u))) r.intensity = stance_intensity::strong;
        r.modality = conditional_at(r.cue_first, r.cue_end) ? stance_modality::conditional
                     : f->hedged ? stance_modality::hedged
                                 : stance_modality::asserted;
        // Source type and evidence.
        r.evidence_first = sb;
        r.evidence_end = se;
        if (qk != detail::no_index) {
          r.source = stance_source::direct_quote;
          r.quote = qk;
          const auto lp = ql->part_begin[qk + 1] - 1;
          r.evidence_first = ql->part_open[ql->part_begin[qk]];
          r.evidence_end = ql->part_close[lp] != detail::no_index ? ql->part_close[lp] + 1 : ql->part_end[lp];
          if (r.cue_first < r.evidence_first || r.cue_end > r.evidence_end) {
            r.evidence_first = sb;
            r.evidence_end = se;
          }
          if (ql->speaker_first[qk] < ql->speaker_end[qk]) {
            const auto ak = al ? w.cue_of[ql->cue_first[qk]] : detail::no_index;
            if (ql->cue_first[qk] < ql->cue_end[qk] && ak != detail::no_index) r.attribution = ak;
          }
        } else if (const auto a = al ? w.content_of[t] : detail::no_index;
                   a != detail::no_index && (al->cue_first[a] < r.cue_first || al->cue_first[a] >= r.cue_end) &&
                   s::reports(doc, al->cue_first[a], al->cue_end[a])) {
          // Inside what someone said or thinks ("Putin highlighted Russia's willingness …").
          r.source = stance_source::indirect;
          r.attribution = a;
        } else if (f->holder_attribution != detail::no_index) {
          r.attribution = f->holder_attribution;
        }
        if (r.holder_cluster == detail::no_index) r.confidence *= 0.85f;
        // One stance per holder, polarity and target in a sentence (among its last few).
        bool dup = false;
        for (auto k = std::max(first_out, out.items.size() - std::min<std::size_t>(out.items.size(), 8)); k < out.items.size() && !dup; ++k) {
          const auto& o = out.items[k];
          dup = o.polarity == r.polarity && key_of_holder(o) == key_of_holder(r) && key_of_target(o) == key_of_target(r);
        }
        if (dup) continue;
        out.items.push_back(r);
        t = std::max(t, r.cue_end - 1);
      }
    }
    // The aggregation, by hashing: a long document may hold many stances.
    std::unordered_map<std::string, std::size_t> target_at, pair_at;
    std::unordered_map<std::string, std::size_t> side_at;  // target \0 polarity \0 holder
    for (std::uint32_t k = 0; k < out.items.size(); ++k) {
      const auto& r = out.items[k];
      const auto tk = key_of_target(r), hk = key_of_holder(r);
      auto [tit, tnew] = target_at.try_emplace(tk, summary.by_target.size());
      if (tnew) summary.by_target.push_back({tk, r.target_cluster, {}, {}});
      auto& target = summary.by_target[tit->second];
      const bool favor = r.polarity == stance_polarity::favor;
      auto& side = favor ? target.favor : target.against;
      auto [sit, snew] = side_at.try_emplace(tk + '\0' + (favor ? 'f' : 'a') + '\0' + hk, side.size());
      if (snew) side.push_back({hk, r.holder_cluster, {}});
      side[sit->second].stances.push_back(k);
      auto [pit, pnew] = pair_at.try_emplace(hk + '\0' + tk, summary.by_holder_target.size());
      if (pnew) summary.by_holder_target.push_back({hk, tk, r.holder_cluster, r.target_cluster, {}, {}});
      (favor ? summary.by_holder_target[pit->second].favor : summary.by_holder_target[pit->second].against).push_back(k);
    }
  }
};

}  // namespace byline
