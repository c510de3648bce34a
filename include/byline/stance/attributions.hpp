// byline — attributions: who said, thinks or wants what, quoted or not, as PolNeAR annotates it:
// a source span, a cue span and a content span.
//
//   const byline::pipeline nlp;                  // the news pipeline finds attributions
//   auto doc = nlp(article);
//   for (auto a : doc.attributions()) {
//     if (auto s = a.source()) std::cout << s->text();           // "Putin", "he", "a spokesman"
//     if (auto c = a.cue()) std::cout << " [" << c->text() << "] ";  // "said", "according to"
//     if (auto t = a.content()) std::cout << t->text();          // what was said
//     if (auto e = a.entity()) std::cout << " = " << e->canonical();  // the source's entity
//   }
//
// How. Sources and cues come from rules over our cue lexicon (stance/cues.hpp) and the layers
// before: a lexicon cue (a verb of saying, writing, asking, thinking, showing, supporting or
// opposing, in a form that can have a subject) with its subject right before it ("Trump said",
// "the report found", "officials have warned"), or after it when it follows a comma or a
// quotation ("“…,” said Lavrov"), or the nearest name before an -ing cue after a comma ("…,
// telling Putin"); "according to" and the name after it; a quotation's cue and speaker from the
// quote layer; a name and a colon before a quotation. A user's model (a ner_model whose PER
// spans are sources and ORG spans cues, trained on their own data with
// tools/train_attributions.cpp) may take the rules' place: attribution_tagger{.model = &m}.
// Each cue then has a source (the rules': the one found with it; a model's: the one right before
// it, else right after it, else the nearest before it in its sentence) and a content by rule:
//   - the quotation that ends just before it or its source ("“…,” he said"): that quotation, marks
//     included;
//   - else the rest of its sentence when two words or more follow ("Trump said (that) …"), without
//     the sentence's final full stop;
//   - else the start of its sentence up to the source or cue ("The talks failed, he said.").
// A source that no cue takes is kept as an attribution with a source alone.
#pragma once

#include <byline/document/document.hpp>
#include <byline/document/ids.hpp>
#include <byline/document/layer.hpp>
#include <byline/document/records.hpp>
#include <byline/entity/coreference.hpp>
#include <byline/entity/entities.hpp>
#include <byline/entity/model.hpp>
#include <byline/io/json_out.hpp>
#include <byline/pipeline.hpp>
#include <byline/stance/attribution_features.hpp>
#include <byline/stance/quotes.hpp>
#include <byline/stance/subjects.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <ranges>
#include <string>
#include <string_view>
#include <vector>

namespace byline {

struct attribution_layer;
using attribution_id = id<attribution_layer>;

// Attributions: one record per cue (and one per source no cue took), in text order of their cue
// or source. Each span is a token run; first == end means none.
struct attribution_layer {
  static constexpr std::string_view name = "attributions";

  std::vector<std::uint32_t> source_first, source_end, cue_first, cue_end, content_first, content_end;
  std::vector<std::uint32_t> source_cluster;  // the source's entity, or none

  std::size_t size() const noexcept { return source_first.size(); }
  attribution_id add(std::uint32_t sf, std::uint32_t se, std::uint32_t cf, std::uint32_t ce, std::uint32_t tf,
                     std::uint32_t te, std::uint32_t cluster) {
    source_first.push_back(sf);
    source_end.push_back(se);
    cue_first.push_back(cf);
    cue_end.push_back(ce);
    content_first.push_back(tf);
    content_end.push_back(te);
    source_cluster.push_back(cluster);
    return attribution_id{static_cast<std::uint32_t>(size() - 1)};
  }
  void clear() {
    for (auto* v : {&source_first, &source_end, &cue_first, &cue_end, &content_first, &content_end, &source_cluster})
      v->clear();
  }

  void write_json(io::json_out& j) const;
  void validate(const document_base& doc, std::vector<std::string>& problems) const;
  std::size_t memory_bytes() const noexcept {
    return (source_first.capacity() + source_end.capacity() + cue_first.capacity() + cue_end.capacity() +
            content_first.capacity() + content_end.capacity() + source_cluster.capacity()) *
           sizeof(std::uint32_t);
  }
};

// ----------------------------------------------------------------------------------------------
// Views

template <class Node>
class basic_attribution {
  const Node* doc_ = nullptr;
  std::uint32_t i_ = 0;
  const attribution_layer& rec() const { return doc_->template get<attribution_layer>(); }
  std::optional<basic_span<Node>> run(std::uint32_t f, std::uint32_t e) const {
    if (f == e) return std::nullopt;
    return basic_span<Node>(*doc_, f, e);
  }

 public:
  basic_attribution() = default;
  basic_attribution(const Node& d, std::uint32_t i) : doc_(&d), i_(i) {}
  std::uint32_t index() const noexcept { return i_; }
  attribution_id id() const noexcept { return attribution_id{i_}; }
  std::optional<basic_span<Node>> source() const { return run(rec().source_first[i_], rec().source_end[i_]); }
  std::optional<basic_span<Node>> cue() const { return run(rec().cue_first[i_], rec().cue_end[i_]); }
  std::optional<basic_span<Node>> content() const { return run(rec().content_first[i_], rec().content_end[i_]); }
  // The entity the source names, through a mention or a resolved pronoun.
  std::optional<basic_entity_cluster<Node>> entity() const {
    const auto c = rec().source_cluster[i_];
    if (c == detail::no_index) return std::nullopt;
    return basic_entity_cluster<Node>(*doc_, c);
  }
};

// doc.attributions(): see basic_document. Empty when the document has no attribution layer.
template <class Node>
auto attribution_range(const Node& d) {
  const auto* l = d.template find<attribution_layer>();
  const std::uint32_t n = l ? static_cast<std::uint32_t>(l->size()) : 0u;
  return std::views::iota(std::uint32_t{0}, n) |
         std::views::transform([&d](std::uint32_t i) { return basic_attribution<Node>(d, i); });
}

// ----------------------------------------------------------------------------------------------
// JSON and invariants

// "attributions": [{"source": {"start", "end", "text", "entity", "canonical"} or null,
//                   "cue": {"start", "end", "text"} or null, "content": {...} or null}]
inline void attribution_layer::write_json(io::json_out& j) const {
  const document_base* doc = j.document();
  const entity_cluster_layer* cl = doc ? doc->template find<entity_cluster_layer>() : nullptr;
  j.begin_array();
  for (std::size_t a = 0; a < size(); ++a) {
    j.item();
    j.open("source");
    if (source_first[a] != source_end[a]) {
      j.offsets(source_first[a], source_end[a]);
      j.field("entity");
      const auto c = source_cluster[a];
      if (c != detail::no_index) j.number(c);
      else j.null();
      j.field("canonical");
      if (cl && c < cl->size()) j.string(cl->canonical[c]);
      else j.null();
      j.close();
    } else {
      j.null();
    }
    j.field("cue");
    if (cue_first[a] != cue_end[a]) {
      j.offsets(cue_first[a], cue_end[a]);
      j.close();
    } else {
      j.null();
    }
    j.field("content");
    if (content_first[a] != content_end[a]) {
      j.offsets(content_first[a], content_end[a]);
      j.close();
    } else {
      j.null();
    }
    j.close();
  }
  j.end_array();
}

inline void attribution_layer::validate(const document_base& doc, std::vector<std::string>& problems) const {
  const std::size_t n = doc.token_count(), k = size();
  const auto* cl = doc.find<entity_cluster_layer>();
  if (source_end.size() != k || cue_first.size() != k || cue_end.size() != k || content_first.size() != k ||
      content_end.size() != k || source_cluster.size() != k) {
    problems.push_back("attributions: the arrays differ in length");
    return;
  }
  for (std::size_t a = 0; a < k; ++a) {
    const std::string at = "attribution " + std::to_string(a) + ": ";
    if (source_first[a] > source_end[a] || source_end[a] > n) problems.push_back(at + "source out of range");
    if (cue_first[a] > cue_end[a] || cue_end[a] > n) problems.push_back(at + "cue out of range");
    if (content_first[a] > content_end[a] || content_end[a] > n) problems.push_back(at + "content out of range");
    if (source_first[a] == source_end[a] && cue_first[a] == cue_end[a]) problems.push_back(at + "neither source nor cue");
    if (source_cluster[a] != detail::no_index && (!cl || source_cluster[a] >= cl->size()))
      problems.push_back(at + "entity out of range");
  }
}

// ----------------------------------------------------------------------------------------------
// The model and the component

namespace detail::attr {

struct workspace_data {
  attribution_feature_buffer features;
  ner_workspace model_ws;
  std::vector<std::string_view> words;
  std::vector<std::uint32_t> starts;
  std::vector<ner_tag> tags;
  std::vector<std::uint32_t> quote_of;  // the speech quotation each token is in, or none
  std::vector<detail::stance::run> runs, stack;
};

using span = detail::stance::span;

}  // namespace detail::attr

// The component: sources, cues and contents. Needs the quotations (and through them entities and
// pronouns).
class attribution_tagger {
 public:
  static constexpr std::string_view name = "attribution_tagger";
  using needs = layers<token_layer, paragraph_layer, sentence_layer, entity_cluster_layer, entity_mention_layer,
                       pronoun_layer, quote_layer>;
  using provides = layers<attribution_layer>;

  // A model that tags sources (PER spans) and cues (ORG spans) in place of the rules, with the
  // extra features of stance/attribution_features.hpp: a user's, trained on their own data by
  // tools/train_attributions.cpp. None (the default): the rules.
  const ner_model* model = nullptr;

  void operator()(document_base& doc, workspace& ws) const {
    namespace a = detail::attr;
    auto& w = ws.get<a::workspace_data>(*this);
    auto& out = doc.edit<attribution_layer>();
    out.clear();
    const auto n = static_cast<std::uint32_t>(doc.token_count());
    if (n == 0) return;
    const auto& tokens = doc.token_records();
    const auto& sentences = doc.sentence_records().items;
    w.words.resize(n);
    for (std::uint32_t t = 0; t < n; ++t) w.words[t] = doc.token_utf8(token_id{t});
    std::vector<a::span> sources, cues;
    std::vector<std::pair<a::span, a::span>> pairs;  // (source, cue) the rules found together
    if (model) {
      attribution_features(doc, w.features);
      w.starts.clear();
      for (const auto& s : sentences) w.starts.push_back(s.first_token);
      if (!w.starts.empty() && w.starts.front() != 0) w.starts.insert(w.starts.begin(), 0);
      w.tags.assign(n, ner_tag{});
      model->tag(w.words, w.starts, {w.features.ids, w.features.offsets}, w.tags, w.model_ws);
      for (const auto& s : ner_spans(w.tags)) {
        if (s.type == conll_type::per) sources.push_back({s.begin, s.end});
        else if (s.type == conll_type::org) cues.push_back({s.begin, s.end});
      }
    } else {
      detail::stance::speech_quote_of_tokens(doc.find<quote_layer>(), n, w.quote_of, w.runs, w.stack);
      find_by_rules(doc, w.words, w.quote_of, sources, cues, pairs);
    }
    const auto* ql = doc.find<quote_layer>();
    auto sentence_of = [&](std::uint32_t t) {
      return static_cast<std::uint32_t>(std::max<std::int64_t>(0, detail::record_of_token(sentences, t)));
    };
    auto word = [&](std::uint32_t t) { return w.words[t]; };
    const detail::stance::subject_reader subjects(doc, w.words);
    auto entity_of = [&](a::span s) { return subjects.entity_of(s); };
    // Quotations that are speech, by the tokens of their closing marks.
    std::vector<std::pair<std::uint32_t, a::span>> closing;
    if (ql)
      for (std::size_t q = 0; q < ql->size(); ++q) {
        if (ql->flags[q] & quote_flag::scare) continue;
        // Every part's closing mark stands for the whole quotation ("“…,” she said, “…”").
        const auto lp = ql->part_begin[q + 1] - 1;
        const auto end = ql->part_close[lp] != detail::no_index ? ql->part_close[lp] + 1 : ql->part_end[lp];
        for (auto p = ql->part_begin[q]; p <= lp; ++p)
          if (ql->part_close[p] != detail::no_index)
            closing.push_back({ql->part_close[p], a::span{ql->part_open[ql->part_begin[q]], end}});
      }
    std::ranges::sort(closing, {}, [](const auto& x) { return x.first; });
    auto quote_ending_before = [&](std::uint32_t t, std::uint32_t sb) -> std::optional<a::span> {
      // A closing mark within three tokens before t (",” he said": the mark, maybe a comma).
      for (std::uint32_t back = 1; back <= 3 && t >= sb + back; ++back) {
        const auto c = t - back;
        if (tokens.kind[c] != token_kind::quote) continue;
        const auto it = std::ranges::lower_bound(closing, c, {}, [](const auto& x) { return x.first; });
        if (it != closing.end() && it->first == c) return it->second;
        return std::nullopt;
      }
      return std::nullopt;
    };
    struct record {
      a::span source, cue, content;
      std::uint32_t cluster;
    };
    std::vector<record> found;

    std::vector<std::uint8_t> source_used(sources.size(), 0);
    std::size_t si = 0;  // first source not wholly before the current cue's sentence
    for (const auto& cue : cues) {
      const auto s = sentence_of(cue.first);
      const auto sb = sentences.empty() ? 0u : sentences[s].first_token;
      const auto se = sentences.empty() ? n : std::min(n, sentences[s].end_token);
      while (si < sources.size() && sources[si].end <= sb) ++si;
      // The source: with the rules, the one found with this cue; with a model, the one right
      // before (up to 4 tokens between), else right after (up to 3), else the nearest before in
      // the sentence.
      std::uint32_t chosen = detail::no_index;
      if (!model) {
        const auto pit = std::ranges::lower_bound(pairs, cue.first, {}, [](const auto& pr) { return pr.second.first; });
        if (pit != pairs.end() && pit->second.first == cue.first) {
          const auto sit = std::ranges::lower_bound(sources, pit->first.first, {}, [](const a::span& x) { return x.first; });
          for (auto it = sit; it != sources.end() && it->first == pit->first.first; ++it)
            if (it->end == pit->first.end) chosen = static_cast<std::uint32_t>(it - sources.begin());
        }
      } else {
        for (auto k = si; k < sources.size() && sources[k].first < se; ++k) {
          const auto& src = sources[k];
          if (src.end <= cue.first && cue.first - src.end <= 4) chosen = static_cast<std::uint32_t>(k);
        }
        if (chosen == detail::no_index)
          for (auto k = si; k < sources.size() && sources[k].first < se; ++k)
            if (sources[k].first >= cue.end && sources[k].first - cue.end <= 3) {
              chosen = static_cast<std::uint32_t>(k);
              break;
            }
        if (chosen == detail::no_index)
          for (auto k = si; k < sources.size() && sources[k].first < se; ++k)
            if (sources[k].end <= cue.first) chosen = static_cast<std::uint32_t>(k);
      }
      a::span src{0, 0};
      if (chosen != detail::no_index) {
        src = sources[chosen];
        source_used[chosen] = 1;
      }
      const bool source_before = src.first != src.end && src.end <= cue.first;
      const bool source_after = src.first != src.end && src.first >= cue.end;
      // The content.
      a::span content{0, 0};
      const auto lead = source_before ? src.first : cue.first;
      // A dash cue ("“…” ― Name") follows a quotation that ends the sentence before it.
      const bool dash_cue = cue.end == cue.first + 1 && tokens.kind[cue.first] == token_kind::dash;
      if (auto q = quote_ending_before(lead, dash_cue ? 0 : sb)) {
        content = *q;
      } else {
        auto from = source_after ? src.end : cue.end;
        while (from < se && (word(from) == "," || word(from) == ":")) ++from;
        auto to = se;
        if (to > from && detail::quotes::is_terminator(word(to - 1))) --to;
        // A relative clause ("the growers, many of whom say the tariffs hurt, met …") ends at its comma.
        // So does the question of "Asked about the tariffs, Trump said …".
        const bool question = src.first == src.end && cue.first == sb &&
                              detail::quotes::ascii_word_in(word(cue.first), {"Asked", "When"});
        if (question || (source_before && detail::quotes::ascii_word_in(word(src.end - 1), {"who", "whom", "which"})))
          for (auto t = from; t < to; ++t)
            if (word(t) == "," || tokens.kind[t] == token_kind::dash) {
              to = t;
              break;
            }
        std::uint32_t words_after = 0;
        for (auto t = from; t < to; ++t) words_after += (tokens.flags[t] & token_flag::has_alpha) != 0;
        // One word is enough when it names someone: "The union endorses Clinton."
        const auto one_name = [&] {
          if (words_after != 1 || !subjects.mentions()) return false;
          for (auto t = from; t < to; ++t)
            if (const auto m = subjects.mention_at(t); m != detail::no_index && subjects.speaking_mention(m)) return true;
          return false;
        };
        if (words_after >= 2 || one_name()) {
          content = {from, to};
        } else {
          auto end = lead;
          while (end > sb && (word(end - 1) == "," || tokens.kind[end - 1] == token_kind::dash)) --end;
          if (end > sb) content = {sb, end};
        }
      }
      found.push_back({src, cue, content, src.first != src.end ? entity_of(src) : detail::no_index});
    }
    // Sources no cue took.
    for (std::size_t k = 0; k < sources.size(); ++k)
      if (!source_used[k]) found.push_back({sources[k], {0, 0}, {0, 0}, entity_of(sources[k])});
    // In text order of the cue, or of the source when there is no cue.
    std::ranges::stable_sort(found, {}, [](const record& r) { return r.cue.first != r.cue.end ? r.cue.first : r.source.first; });
    for (const auto& r : found)
      out.add(r.source.first, r.source.end, r.cue.first, r.cue.end, r.content.first, r.content.end, r.cluster);
  }

 private:
  // Sources and cues by rule; both come out sorted by first token.
  // Each cue found with its source is also recorded as a pair, so that the tying step keeps it.
  static void find_by_rules(const document_base& doc, const std::vector<std::string_view>& words,
                            const std::vector<std::uint32_t>& quote_of,
                            std::vector<detail::attr::span>& sources, std::vector<detail::attr::span>& cues,
                            std::vector<std::pair<detail::attr::span, detail::attr::span>>& pairs) {
    namespace a = detail::attr;
    namespace q = detail::quotes;
    const auto n = static_cast<std::uint32_t>(words.size());
    const auto& tokens = doc.token_records();
    const auto& sentences = doc.sentence_records().items;
    const auto* ml = doc.find<entity_mention_layer>();
    const auto* pl = doc.find<pronoun_layer>();
    const auto* ql = doc.find<quote_layer>();
    auto emit = [&](detail::attr::span src, detail::attr::span cue) {
      cues.push_back(cue);
      if (src.first != src.end) {
        sources.push_back(src);
        pairs.push_back({src, cue});
      }
    };
    const detail::stance::subject_reader subjects(doc, words);
    auto word = [&](std::uint32_t t) { return words[t]; };
    auto personal_pronoun = [](std::string_view x) { return q::is_pronoun(x) || x == "it" || x == "It"; };
    auto mention_at = [&](std::uint32_t t) { return subjects.mention_at(t); };
    auto speaking_mention = [&](std::uint32_t m) { return subjects.speaking_mention(m); };
    auto is_role = [&](std::string_view w) { return subjects.is_role(w); };
    auto subject_ending_at = [&](std::uint32_t e, std::uint32_t floor) { return subjects.ending_at(e, floor); };
    auto subject_starting_at = [&](std::uint32_t f, std::uint32_t limit) { return subjects.starting_at(f, limit); };
    // Whether the words before token f are a reporting verb and what introduces its clause:
    // "said (that) f", "told reporters (that) f".
    auto reported_by_cue = [&](std::uint32_t f, std::uint32_t sb) {
      auto v = f;
      if (v > sb && word(v - 1) == "that") --v;
      auto reports = [&](std::uint32_t u) {
        const auto c = cue_at(doc, u, v);
        return c && c->end == v && c->of(cue_class::report);
      };
      if (v > sb && reports(v - 1)) return true;
      // "told reporters that she", "told police officials that he".
      for (auto u = v; u > sb && v - u < 4; --u)
        if (q::ascii_word_in(word(u - 1), {"told", "tells", "tell", "telling", "assured", "warned", "reminded"}))
          return u < v;
      return false;
    };
    // Quotations' cues and speakers, by the cue's first token.
    std::vector<std::uint32_t> quote_at_cue;
    if (ql)
      for (std::uint32_t k = 0; k < ql->size(); ++k)
        if (ql->cue_first[k] != ql->cue_end[k] && !(ql->flags[k] & quote_flag::scare)) quote_at_cue.push_back(k);
    std::ranges::sort(quote_at_cue, {}, [&](std::uint32_t k) { return ql->cue_first[k]; });
    std::size_t qi = 0;

    for (const auto& sent : sentences) {
      const auto sb = sent.first_token, se = std::min(sent.end_token, n);
      // A headline in title case ("New Poll Shows Bump For Clinton"): its verbs are capitalised too.
      bool headline = false;
      if (se - sb <= 25) {
        std::uint32_t words_seen = 0, capital = 0;
        for (auto u = sb; u < se; ++u) {
          if (!(tokens.flags[u] & token_flag::has_alpha) || tokens.kind[u] != token_kind::word) continue;
          if (q::ascii_word_in(word(u), {"a", "an", "the", "of", "to", "for", "in", "on", "and", "or", "at", "by", "with"}))
            continue;
          ++words_seen;
          if (tokens.flags[u] & (token_flag::title | token_flag::all_upper)) ++capital;
        }
        headline = words_seen >= 3 && capital * 10 >= words_seen * 9;
      }
      for (auto t = sb; t < se; ++t) {
        while (qi < quote_at_cue.size() && ql->cue_first[quote_at_cue[qi]] < t) ++qi;
        if (qi < quote_at_cue.size() && ql->cue_first[quote_at_cue[qi]] == t) {
          const auto k = quote_at_cue[qi];
          emit({ql->speaker_first[k], ql->speaker_end[k]}, {ql->cue_first[k], ql->cue_end[k]});
          t = ql->cue_end[k] - 1;
          continue;
        }
        const auto w = word(t);
        // "Peskov: “…”", and a transcript's or headline's "PENCE: …" / "Pence: …" that opens its
        // sentence: the colon is the cue.
        if (w == ":" && t > sb) {
          const auto m = mention_at(t - 1);
          auto lead = sb;  // the sentence's first word, after any opening marks ("\"PENCE:")
          while (lead < t && tokens.kind[lead] == token_kind::quote) ++lead;
          const bool named = m != detail::no_index && speaking_mention(m);
          const bool opens = (named ? ml->first[m] : t - 1) == lead;
          const bool caps = !named && (tokens.flags[t - 1] & token_flag::all_upper) && word(t - 1).size() >= 3;
          const bool quote_after = t + 1 < se && tokens.kind[t + 1] == token_kind::quote;
          // "Poll: Clinton and Trump in dead heat".
          const bool role = !named && opens && is_role(word(t - 1)) && (tokens.flags[t - 1] & token_flag::title);
          // "told Fox News: “…”": the name is who was told.
          const bool told = named && ml->first[m] > sb &&
                            q::ascii_word_in(word(ml->first[m] - 1), {"told", "tells", "telling", "tell", "to", "with"});
          if ((named && !told && (quote_after || opens)) || (caps && opens) || role) {
            emit(named ? a::span{ml->first[m], ml->end[m]} : a::span{t - 1, t}, {t, t + 1});
          }
          continue;
        }
        // "“…” ― Karen Bobadilla": a dash after a quotation and a name after it.
        if ((w == "\u2015" || w == "\u2014") && t > 0 && tokens.kind[t - 1] == token_kind::quote &&
            (tokens.flags[t - 1] & token_flag::close_quote) && t + 1 < n) {
          const auto m = mention_at(t + 1);
          if (m != detail::no_index && ml->label[m] == entity_label::person) {
            emit({ml->first[m], ml->end[m]}, {t, t + 1});
            continue;
          }
        }
        if (tokens.kind[t] != token_kind::word || !(tokens.flags[t] & token_flag::has_alpha)) continue;
        // A title-case headline's verb is often read into a name ("Obama Says African-American Museum"):
        // a capitalised verb inside a mention may still be a cue there.
        const bool in_mention = mention_at(t) != detail::no_index;
        if (in_mention && !(headline && (tokens.flags[t] & token_flag::title) && t > ml->first[mention_at(t)])) continue;
        // Inside quoted speech a cue is the speaker's words, not an attribution of the article's:
        // PolNeAR annotates 0.2% of its cues there (34 of 19,835 in train).
        if (quote_of[t] != detail::no_index) continue;
        if (!(tokens.flags[t] & token_flag::all_lower) && t != sb && !(headline && (tokens.flags[t] & token_flag::title)))
          continue;
        const auto c = cue_at(doc, t, se);
        if (!c) continue;
        // The row that reports or takes a side; words that only judge ("excellent") or blame
        // ("encroach"), and acts rather than words (push, reduce, vote for), are the stance tagger's.
        const cue_entry* row = nullptr;
        for (std::size_t r = 0; r < c->rows && !row; ++r)
          if (c->entry[r].cls <= cue_class::according &&
              !q::ascii_word_in(c->entry[r].lemma, {"push", "reduce", "curb", "vote for", "vote against"}))
            row = c->entry + r;
        if (!row) continue;
        const auto& e = *row;
        if (in_mention) {
          if (!(e.forms & (cue_form::third | cue_form::past))) continue;
          // The name is what comes before the verb, whatever the entity layer took it for.
          emit({subjects.mention_first(mention_at(t)), t}, {c->first, c->end});
          t = c->end - 1;
          continue;
        }
        // A past form after a determiner is an adjective: "a planned attack", "the reported deal".
        if ((e.forms & cue_form::past) && t > sb && q::is_determiner(word(t - 1))) continue;
        // After an article or a possessive the word is a noun: "the report", "his remarks", "a leading
        // advocate", "Kim's mental state" is caught by the subject test below.
        if (t > sb && q::ascii_word_in(word(t - 1), {"a", "an", "the", "A", "An", "The", "his", "His", "its", "Its",
                                                     "their", "Their", "our", "Our", "my", "My", "your", "Your",
                                                     "her", "Her", "'s", "\u2019s"}) &&
            // "He's claiming": after a pronoun, 's is "is" or "has".
            !(t > sb + 1 && (word(t - 1) == "'s" || word(t - 1) == "\u2019s") && personal_pronoun(word(t - 2))))
          continue;
        // The second half of a compound: "so-called", "self-described".
        if (t > sb && word(t - 1) == "-" && tokens.begin[t] == tokens.end[t - 1]) continue;
        // "called an emergency meeting", "called into the show", "called him on Friday": calls that are
        // acts, not naming.
        if (e.lemma == "call" && c->end == t + 1 && c->end < se &&
            (q::ascii_word_in(word(c->end), {"into", "in", "up", "off", "back"}) ||
             (c->end + 1 < se && q::is_determiner(word(c->end)) &&
              q::ascii_word_in(word(c->end + 1), {"meeting", "vote", "election", "strike", "halt", "press", "news",
                                                  "emergency", "special", "snap", "recess", "timeout"}))))
          continue;
        // Seeming, planning and seeking report a stance only with what follows: "appeared to",
        // "seems that", "plans to" ("Trump appeared at the debate" reports nothing).
        if (q::ascii_word_in(e.lemma, {"seem", "appear", "plan", "seek", "intend", "wish"}) &&
            !(c->end < se && (word(c->end) == "to" || word(c->end) == "that")))
          continue;
        // "the court ruled that"; "GOP rules require" is a noun.
        if (e.lemma == "rule" && !(e.forms & cue_form::past) && !(t > sb && tokens.flags[t] & token_flag::title)) continue;
        // "continued" reports speech only with nothing after it: "“…,” he continued." / "He continued:".
        if (e.lemma == "continue" &&
            !(c->end >= se || word(c->end) == "," || word(c->end) == ":" || word(c->end) == "." ||
              tokens.kind[c->end] == token_kind::quote))
          continue;
        if (e.cls == cue_class::according) {
          auto src = subject_starting_at(c->end, se);
          emit(src, {c->first, c->end});
          t = c->end - 1;
          continue;
        }
        if (!(e.forms & (cue_form::base | cue_form::past | cue_form::participle | cue_form::third | cue_form::ing)))
          continue;
        // A participle that is no past form ("written", "shown") reports only after has/have/had:
        // "a truce written by …" is no attribution.
        if ((e.forms & cue_form::participle) && !(e.forms & (cue_form::past | cue_form::base | cue_form::third)) &&
            !(t > sb && q::ascii_word_in(word(t - 1), {"has", "have", "had", "'s", "\u2019s", "having"})))
          continue;
        const bool finite = e.forms & (cue_form::past | cue_form::third | cue_form::participle | cue_form::base);
        const bool after_comma = t > sb && (word(t - 1) == "," || tokens.kind[t - 1] == token_kind::quote);
        // Words that are nouns as often as verbs ("the state", "a question", "his support") need a
        // name, a pronoun or a role noun before them; believing needs a third person ("I think" in
        // an interview is talk, not a report).
        const bool noun_too = (e.forms & (cue_form::base | cue_form::third)) && !(e.forms & cue_form::past) &&
                              q::ascii_word_in(e.lemma, {"state", "question", "report", "back", "support", "post",
                                                          "call", "claim", "veto", "show", "plan", "comment",
                                                          "charge", "promise", "protest", "block", "counter",
                                                          "note", "demand", "sign", "hope", "fear", "doubt",
                                                          "favor", "favour", "champion", "welcome", "find",
                                                          "attack", "challenge", "answer", "tweet", "appeal",
                                                          "request", "voice", "order", "quote", "email", "chant",
                                                          "yell", "regard", "rule"}) &&
                              // a verb after all when "that" or an object pronoun follows: "Video shows that"
                              !(c->end < se && q::ascii_word_in(word(c->end), {"that", "him", "them", "us", "me", "it"}));
        auto plausible = [&](a::span src) {
          const auto last = word(src.end - 1);
          const bool named = mention_at(src.end - 1) != detail::no_index;
          const bool pronoun = src.end - src.first == 1 && detail::stance::subject_reader::is_subject_pronoun(last);
          if (noun_too && !named && !pronoun && !is_role(last)) return false;
          // "rely less on U.S. support", "85 percent support": a noun after its modifier.
          if (noun_too && (last == "percent" || (src.first > sb && q::ascii_word_in(word(src.first - 1), {
                                                   "on", "of", "in", "for", "with", "from", "by", "at", "about",
                                                   "among", "against", "without", "toward", "towards"}))))
            return false;
          // "Western hopes", "the Trump-Putin call": a name that modifies a noun.
          if (noun_too && named) {
            const auto m = mention_at(src.end - 1);
            if (ml->label[m] == entity_label::norp) return false;
            // "the Trump campaign", "the Obama plan"; but an organisation's name takes its article: "the
            // Daily News claims".
            if (src.first > sb && word(src.first - 1) == "-") return false;
            if (src.first > sb && q::is_determiner(word(src.first - 1)) &&
                !(ml->label[m] == entity_label::org && src.end - src.first >= 2))
              return false;
          }
          if (e.cls == cue_class::belief && pronoun && !q::ascii_word_in(last, {"he", "she", "He", "She", "they", "They", "who"}))
            return false;
          return true;
        };
        if (finite) {
          // Evidence needs no speaker: "Polling averages show", "records compiled by … show".
          auto src = subjects.ending_at(t, sb, e.cls == cue_class::show);
          // A headline's subject is capitalised as well: "New Poll Shows".
          if (src.first == src.end && headline && t > sb && t - sb <= 3 && is_role(word(t - 1))) src = {sb, t};
          if (src.first != src.end && plausible(src)) {
            // "She said (that) she plans to …": the speaker's own thought inside what she said is
            // part of that content, not an attribution of its own (PolNeAR: 2 of 1,449 in train).
            if (src.end - src.first == 1 && q::is_pronoun(word(src.first)) && reported_by_cue(src.first, sb)) continue;
            // "what she calls a war of words": a naming inside a phrase, no attribution of its own.
            if (e.lemma == "call" && src.first > sb && q::ascii_word_in(word(src.first - 1), {"what"})) continue;
            // A base form needs a plural or first-person subject or an auxiliary ("they say",
            // "will say"); "to say" is no attribution of its own.
            if ((e.forms & ~cue_form::base) == 0 && src.end == t && t > sb && word(t - 1) == "to") continue;
            emit(src, {c->first, c->end});
            t = c->end - 1;
            continue;
          }
          // Past fillers: "Clinton, a Democrat, did not mention", "Bush, …, also attacked".
          auto vt = t;
          while (vt > sb + 1 && detail::stance::subject_reader::is_filler(word(vt - 1))) --vt;
          // "Dmitry Peskov, the Kremlin's spokesman, said": the name before the apposition.
          // A base form after an auxiliary counts: "…, a Democrat, did not mention".
          bool auxiliary = false;
          for (auto u = vt; u < t; ++u)
            auxiliary = auxiliary || q::ascii_word_in(word(u), {"did", "does", "do", "will", "would", "could", "can",
                                                                "may", "might", "should", "must"});
          const bool finite_form = (e.forms & (cue_form::past | cue_form::third)) || ((e.forms & cue_form::base) && auxiliary);
          if (vt > sb + 1 && word(vt - 1) == "," && finite_form) {
            std::uint32_t commas = 0;
            bool found = false;
            for (auto v = vt - 1; v-- > sb && commas < 2;) {
              if (word(v) == ",") {
                ++commas;
                continue;
              }
              const auto m = mention_at(v);
              if (m == detail::no_index || !speaking_mention(m) || ml->label[m] == entity_label::norp) continue;
              // After the name: a suffix or a party and state ("Newkirk II,", "Jim Jordan (R-Ohio),").
              auto after = ml->end[m];
              if (after < vt && q::ascii_word_in(word(after), {"II", "III", "IV", "Jr", "Jr.", "Sr", "Sr."})) ++after;
              if (after < vt && word(after) == "(") {
                auto close = after;
                while (close < vt && close < after + 8 && word(close) != ")") ++close;
                if (close < vt && word(close) == ")") after = close + 1;
              }
              // "Name, role, said", or a person's name as the apposition: "A lawyer for the outlets,
              // David Schulz, said".
              if ((commas == 1 || (commas == 0 && ml->label[m] == entity_label::person && after == vt - 1)) &&
                  after < n && word(after) == ",") {
                emit({subjects.mention_first(m), ml->end[m]}, {c->first, c->end});
                found = true;
                break;
              }
            }
            // "Turkish officials, wary of …, said": a role-headed phrase before the first comma.
            if (!found && commas == 1) {
              auto u = vt - 1;
              while (u > sb && word(u - 1) != ",") --u;
              if (u > sb + 1 && word(u - 1) == ",") {
                const auto src = subject_ending_at(u - 1, sb);
                if (src.end - src.first >= 2 && is_role(word(src.end - 1)) && mention_at(src.end - 1) == detail::no_index) {
                  emit(src, {c->first, c->end});
                  found = true;
                }
              }
            }
            if (found) {
              t = c->end - 1;
              continue;
            }
          }
          // "… and said": the subject the sentence opens with.
          if (vt > sb + 1 && (word(vt - 1) == "and" || word(vt - 1) == "but") && finite_form) {
            a::span src{0, 0};
            for (auto v = sb; v + 1 < vt && v < sb + 8; ++v) {
              const auto m = mention_at(v);
              if (m != detail::no_index && speaking_mention(m)) {
                if (ml->end[m] < n && (word(ml->end[m]) == "'s" || word(ml->end[m]) == "\u2019s")) break;
                src = {ml->first[m], ml->end[m]};
                break;
              }
              if (q::is_pronoun(word(v)) && v == sb) {
                src = {v, v + 1};
                break;
              }
            }
            if (src.first != src.end) {
              emit(src, {c->first, c->end});
              t = c->end - 1;
              continue;
            }
          }
          if ((after_comma || t == sb) && (e.forms & (cue_form::past | cue_form::third))) {
            // After a comma (not a quotation), a pronoun after the cue is the subject of what was
            // said ("…, said they may accept"), not an inverted speaker.
            const bool after_quote = t > sb && tokens.kind[t - 1] == token_kind::quote;
            if (auto src = subject_starting_at(c->end, se);
                src.first != src.end && (after_quote || t == sb || !q::is_pronoun(word(src.first)))) {
              emit(src, {c->first, c->end});
              t = c->end - 1;
              continue;
            }
          }
        }
        // "Asked about the tariffs, Trump said …", "When asked if …": the question is an attribution of
        // its own, with no source named.
        if (e.lemma == "ask" && (e.forms & cue_form::participle) &&
            (t == sb || (t == sb + 1 && q::ascii_word_in(word(sb), {"When", "when", "If", "Once"})))) {
          emit({0, 0}, {t == sb ? t : sb, c->end});
          t = c->end - 1;
          continue;
        }
        // A passive of saying or thinking: "The vote is expected to …", "he was asked about …". The
        // cue is the auxiliary and the participle; the source, when named, follows "by".
        if ((e.forms & cue_form::participle) && t > sb &&
            q::ascii_word_in(word(t - 1), {"is", "are", "was", "were", "been", "be", "being"}) &&
            q::ascii_word_in(e.lemma, {"expect", "believe", "think", "say", "report", "ask", "tell", "know",
                                       "consider", "see", "predict", "estimate", "rumor", "allege"})) {
          a::span src{0, 0};
          if (c->end + 1 < se && word(c->end) == "by") src = subject_starting_at(c->end + 1, se);
          emit(src, {t - 1, c->end});
          t = c->end - 1;
          continue;
        }
        // "Clinton is stressing …", "the campaign was promising …": the auxiliary starts the cue.
        // "He's claiming", "Trump isn't saying", "they are still pushing": past a negation or an adverb.
        if ((e.forms & cue_form::ing) && t > sb + 1) {
          auto aux = t - 1;
          while (aux > sb + 1 && aux + 3 > t && detail::stance::subject_reader::is_filler(word(aux)) &&
                 !q::ascii_word_in(word(aux), {"has", "have", "had", "would", "will"}))
            --aux;
          const bool full = q::ascii_word_in(word(aux), {"is", "are", "was", "were", "been", "am"});
          const bool clitic = q::ascii_word_in(word(aux), {"'s", "\u2019s", "'re", "\u2019re", "'m", "\u2019m"}) &&
                              personal_pronoun(word(aux - 1));
          if (full || clitic) {
            if (auto src = subject_ending_at(aux, sb); src.first != src.end && plausible(src)) {
              emit(src, {aux, c->end});
              t = c->end - 1;
              continue;
            }
          }
        }
        if ((e.forms & cue_form::ing) && t > sb &&
            (word(t - 1) == "," || (tokens.kind[t - 1] == token_kind::quote && (tokens.flags[t - 1] & token_flag::close_quote)))) {
          // "Trump has tried to use the ad against Clinton, accusing her …": the subject the sentence
          // opens with (after an opening phrase and its comma), else the nearest name or pronoun
          // before the cue ("…, telling Putin").
          auto open = sb;
          while (open < t && tokens.kind[open] == token_kind::quote) ++open;
          for (auto u = open; u < t && u < open + 6; ++u)
            if (word(u) == ",") {
              open = u + 1;
              break;
            }
          if (open + 1 < t) {
            const auto m = mention_at(open);
            const bool poss = m != detail::no_index && ml->end[m] < n && subjects.possessive_after(ml->end[m]);
            if (m != detail::no_index && speaking_mention(m) && !poss && ml->end[m] + 1 < t) {
              emit({subjects.mention_first(m), ml->end[m]}, {c->first, c->end});
              t = c->end - 1;
              continue;
            }
            if (m == detail::no_index && q::is_pronoun(word(open))) {
              emit({open, open + 1}, {c->first, c->end});
              t = c->end - 1;
              continue;
            }
            // "the mayor met …, saying": an article and a role noun.
            if (m == detail::no_index && open + 2 < t && q::is_determiner(word(open)) && is_role(word(open + 1)) &&
                mention_at(open + 1) == detail::no_index && tokens.kind[open + 2] == token_kind::word &&
                (tokens.flags[open + 2] & token_flag::all_lower)) {
              emit({open, open + 2}, {c->first, c->end});
              t = c->end - 1;
              continue;
            }
          }
          for (auto v = t - 1; v-- > sb;) {
            const auto m = mention_at(v);
            if (v + 1 < n && (word(v + 1) == "'s" || word(v + 1) == "\u2019s")) continue;
            if (m != detail::no_index && ml->label[m] == entity_label::person) {
              emit({ml->first[m], ml->end[m]}, {c->first, c->end});
              break;
            }
            if (pl && pl->pronoun_of_token(v) != detail::no_index) {
              emit({v, v + 1}, {c->first, c->end});
              break;
            }
          }
          t = c->end - 1;
        }
      }
    }
    auto by_first = [](const a::span& x) { return x.first; };
    std::ranges::sort(pairs, {}, [](const auto& pr) { return pr.second.first; });
    std::ranges::sort(sources, {}, by_first);
    std::ranges::sort(cues, {}, by_first);
    // One source span per place: a quotation's speaker and a cue's subject may be the same words.
    sources.erase(std::unique(sources.begin(), sources.end(),
                              [](const a::span& x, const a::span& y) { return x.first == y.first && x.end == y.end; }),
                  sources.end());
    cues.erase(std::unique(cues.begin(), cues.end(),
                           [](const a::span& x, const a::span& y) { return x.first == y.first && x.end == y.end; }),
               cues.end());
  }
};

}  // namespace byline
