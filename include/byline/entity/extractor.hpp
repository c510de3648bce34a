// byline — the entity extractor: a trained sequence model, gazetteers and rules combined into
// entity mentions, linked into entities.
//
//   const byline::pipeline nlp;                      // the news pipeline ends with it
//   auto doc = nlp(article);
//   for (auto e : doc.entities()) ...                // see byline/entity/entities.hpp
//
//   byline::gazetteer_builder b;                     // users' own names, at run time
//   b.add_tsv(my_file, "names.tsv");
//   auto mine = byline::pipeline{byline::tokenizer{}, byline::paragraph_segmenter{},
//                                byline::sentence_splitter{},
//                                byline::entity_extractor{std::move(b).build()}};
//
// How the sources combine, in this order of precedence (a later source fills only tokens that no
// earlier one took; mentions never overlap):
//   1. the user's gazetteer: its matches (longest first) are taken as they are, label and all;
//   2. the model's names (CoNLL PER ORG LOC MISC), with OntoNotes labels by what is known of them:
//      PER -> PERSON; LOC -> the gazetteer's label for the same words (GPE for a country or city,
//      LOC for a region), LOC for a sea, river or mountain, else GPE (most unknown places in news
//      are towns and provinces); ORG -> ORG (FAC or ORG as the gazetteer says for a seat); MISC ->
//      NORP for a demonym or group, EVENT, LAW or LANGUAGE by its head word, PRODUCT with digits,
//      else NORP for one word and EVENT for several. An organisation pattern ("Ministry of
//      Defence", "Labour Party", "Acme Inc.") that covers a model ORG widens it;
//   3. rules: a title followed by capitalised words the model missed is a PERSON ("Sen. Jane
//      Doe"); organisation patterns the model missed are ORG;
//   4. the news gazetteer where the model found nothing: unambiguous countries, cities, regions,
//      demonyms, organisations and seats, capitalised as listed (Arabic names too);
//   5. value rules: DATE, TIME, PERCENT, MONEY, QUANTITY, ORDINAL, CARDINAL.
// Then each PERSON gets the title written before it ("President", "top Russian aide"), each mention
// the gazetteer's canonical name and id where the gazetteer knows its words, and the linker joins
// mentions into entities and resolves metonyms (byline/entity/linker.hpp).
#pragma once

#include <byline/document/document.hpp>
#include <byline/document/layer.hpp>
#include <byline/document/paragraphs.hpp>
#include <byline/document/records.hpp>
#include <byline/entity/data/demonyms.hpp>
#include <byline/entity/data/org_words.hpp>
#include <byline/entity/data/titles.hpp>
#include <byline/entity/default_model.hpp>
#include <byline/entity/entities.hpp>
#include <byline/entity/features.hpp>
#include <byline/entity/gazetteer.hpp>
#include <byline/entity/labels.hpp>
#include <byline/entity/linker.hpp>
#include <byline/entity/model.hpp>
#include <byline/entity/news_gazetteer.hpp>
#include <byline/entity/resources.hpp>
#include <byline/entity/value_rules.hpp>
#include <byline/pipeline.hpp>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace byline {

struct entity_extractor_options {
  bool model = true;           // the sequence model's names
  bool news_gazetteer = true;  // the default gazetteer, for names the model missed and for canonical names
  bool rules = true;           // titles + names, organisation patterns
  bool values = true;          // DATE, TIME, PERCENT, MONEY, QUANTITY, ORDINAL, CARDINAL
};

namespace detail::extract {

inline bool is_cap(std::string_view w) { return !w.empty() && ((w[0] >= 'A' && w[0] <= 'Z') || static_cast<unsigned char>(w[0]) >= 0xC3); }

inline bool in_list(std::string_view w, std::initializer_list<std::string_view> l) {
  return std::find(l.begin(), l.end(), w) != l.end();
}

// The OntoNotes label of a MISC name, by its words.
inline entity_label misc_label(std::span<const std::string_view> w, bool after_in) {
  if (w.empty()) return entity_label::norp;
  const auto last = w.back();
  if (in_list(last, {"War", "Cup", "Games", "Olympics", "Olympic", "Championship", "Championships", "Open", "Prix",
                     "Summit", "Revolution", "Festival", "Series", "Tour", "Derby", "Marathon", "Crisis", "Election",
                     "Elections", "Conference", "Rally", "Spring", "Uprising", "Massacre", "Holocaust", "Trophy"}))
    return entity_label::event;
  if (in_list(last, {"Act", "Treaty", "Accord", "Accords", "Agreement", "Convention", "Amendment", "Constitution",
                     "Charter", "Protocol", "Code", "Bill", "Doctrine"}))
    return entity_label::law;
  if (w.size() == 1 && after_in &&
      in_list(last, {"English", "French", "German", "Spanish", "Arabic", "Russian", "Chinese", "Mandarin", "Ukrainian",
                     "Hebrew", "Persian", "Farsi", "Turkish", "Japanese", "Korean", "Italian", "Portuguese", "Hindi",
                     "Urdu", "Polish", "Dutch", "Greek", "Latin", "Swahili"}))
    return entity_label::language;
  for (auto x : w)
    for (char c : x)
      if (c >= '0' && c <= '9') return entity_label::product;
  return w.size() == 1 ? entity_label::norp : entity_label::event;
}

inline bool is_natural_feature_word(std::string_view w) {
  return in_list(w, {"Sea", "Ocean", "River", "Mountains", "Mount", "Mt.", "Lake", "Gulf", "Bay", "Valley", "Desert",
                     "Peninsula", "Strait", "Straits", "Channel", "Basin", "Coast", "Range", "Alps", "Himalayas"});
}

// Title words: "President", "Vice President", "Mr.", "aide", "spokeswoman".
inline bool is_title_word(std::string_view w) {
  for (const auto& t : resources::lookup(resources::titles(), w))
    if (t.kind == resources::term_kind::title || t.kind == resources::term_kind::honorific ||
        t.kind == resources::term_kind::role)
      return true;
  return false;
}
inline bool is_title_proper(std::string_view w) {  // capitalised titles and honorifics, not role nouns
  for (const auto& t : resources::lookup(resources::titles(), w))
    if (t.kind == resources::term_kind::title || t.kind == resources::term_kind::honorific) return true;
  return false;
}
// Words that may stand inside a title before a name: "top Russian aide", "former Secretary of State".
inline bool is_title_modifier(std::string_view w) {
  if (in_list(w, {"top", "senior", "former", "chief", "deputy", "acting", "then", "then-", "longtime", "veteran", "new",
                  "outgoing", "incoming", "special", "first", "late", "leading", "prominent", "key", "close",
                  "Kremlin", "White", "House", "presidential", "foreign", "policy", "security", "national", "military",
                  "of", "State", "Foreign", "Defense", "Defence", "Affairs", "Prime", "Vice", "General", "Deputy",
                  "U.S.", "US", "UK", "EU", "-"}))
    return true;
  for (const auto& d : resources::lookup(resources::demonyms(), w))
    if (d.label == entity_label::norp) return true;
  return false;
}

enum class org_word { none, head_of, head_after, suffix };
inline org_word org_word_kind(std::string_view w) {
  for (const auto& t : resources::lookup(resources::org_words(), w)) {
    if (t.kind == resources::term_kind::org_suffix) return org_word::suffix;
    if (t.kind == resources::term_kind::org_head)
      return resources::has(t.flags, resources::flag::of_pattern) ? org_word::head_of : org_word::head_after;
  }
  return org_word::none;
}

// What the rules ask of a word, worked out once per word type (the answers are binary searches in
// the word lists, which were a quarter of the extractor's time when asked per token).
struct word_facts {
  std::uint16_t cls = 0;  // detail::feat::word_class
  bool title_word = false, title_proper = false, title_modifier = false;
  org_word org = org_word::none;
};

inline word_facts facts_of(std::string_view w) {
  return {feat::word_class(w), is_title_word(w), is_title_proper(w), is_title_modifier(w), org_word_kind(w)};
}

// word_facts by the model's word type ids (ner_workspace::word_types()), so that a word's facts are
// found by the same lookup that finds its weights.
struct facts_by_type {
  std::uint64_t generation = static_cast<std::uint64_t>(-1);
  std::vector<word_facts> facts;
  std::vector<std::uint8_t> known;
};

struct workspace_data {
  std::vector<std::string_view> words;
  std::vector<word_facts> facts;       // per token
  std::vector<std::uint16_t> classes;  // per token: facts[i].cls, as entity_features takes them
  std::vector<gazetteer_match> matches;  // the news gazetteer's, every one, by first token
  std::vector<std::uint32_t> sentence_starts;
  std::vector<ner_tag> tags;
  entity_feature_buffer features;
  ner_workspace model_ws;
  facts_by_type type_facts;
  std::vector<std::uint8_t> taken;
  std::vector<detail::entity_candidate> cands;
};

}  // namespace detail::extract

class entity_extractor {
 public:
  static constexpr std::string_view name = "entity_extractor";
  using needs = layers<token_layer, paragraph_layer, sentence_layer>;
  using provides = layers<entity_cluster_layer, entity_mention_layer>;

  // The model trained on CoNLL-2003 and the news gazetteer.
  entity_extractor() : entity_extractor(entity_extractor_options{}) {}
  explicit entity_extractor(entity_extractor_options o) : opts_(o), model_(&ner_model::default_model()) {}
  // With the user's own names, taken before anything else finds them.
  explicit entity_extractor(gazetteer user, entity_extractor_options o = {})
      : opts_(o), model_(&ner_model::default_model()), user_(std::make_shared<const gazetteer>(std::move(user))) {}
  // With another model (trained with tools/train_ner), which must outlive the extractor.
  entity_extractor(const ner_model& model, std::shared_ptr<const gazetteer> user = {}, entity_extractor_options o = {})
      : opts_(o), model_(&model), user_(std::move(user)) {}

  const entity_extractor_options& options() const noexcept { return opts_; }

  void operator()(document_base& doc, workspace& ws) const {
    auto& w = ws.get<detail::extract::workspace_data>(*this);
    find(doc, w);
    std::vector<const void*> built_on = {byline::detail::layer_key<token_layer>(),
                                         byline::detail::layer_key<sentence_layer>()};
    auto& clusters = doc.replace<entity_cluster_layer>(built_on);
    built_on.push_back(byline::detail::layer_key<entity_cluster_layer>());
    auto& mentions = doc.replace<entity_mention_layer>(built_on);
    detail::link_entities(doc, w.cands, clusters, mentions);
  }

 private:
  entity_extractor_options opts_;
  const ner_model* model_;
  std::shared_ptr<const gazetteer> user_;

  using cand = detail::entity_candidate;

  // Fills w.cands: sorted, disjoint candidates with their gazetteer knowledge.
  void find(const document_base& doc, detail::extract::workspace_data& w) const {
    namespace x = detail::extract;
    const auto n = static_cast<std::uint32_t>(doc.token_count());
    w.words.resize(n);
    for (std::uint32_t i = 0; i < n; ++i) w.words[i] = doc.token_utf8(token_id{i});
    w.taken.assign(n, 0);
    const auto& words = w.words;
    w.facts.resize(n);
    w.classes.resize(n);
    if (opts_.model && n > 0) {
      model_->index(words, w.model_ws);
      auto& tf = w.type_facts;
      if (tf.generation != w.model_ws.generation()) {
        tf.facts.clear();
        tf.known.clear();
        tf.generation = w.model_ws.generation();
      }
      tf.facts.resize(w.model_ws.cached_types());
      tf.known.resize(w.model_ws.cached_types(), 0);
      const auto types = w.model_ws.word_types();
      for (std::uint32_t i = 0; i < n; ++i) {
        const auto t = types[i];
        if (!tf.known[t]) tf.facts[t] = x::facts_of(words[i]), tf.known[t] = 1;
        w.facts[i] = tf.facts[t];
      }
    } else {
      for (std::uint32_t i = 0; i < n; ++i) w.facts[i] = x::facts_of(words[i]);
    }
    for (std::uint32_t i = 0; i < n; ++i) w.classes[i] = w.facts[i].cls;
    const gazetteer_view& news = news_gazetteer();
    // One pass of the news gazetteer serves the model's features, step 4 and annotate().
    w.matches.clear();
    news.for_each_match(std::span<const std::string_view>(words), [&](const gazetteer_match& m) { w.matches.push_back(m); });
    auto& found = w.cands;
    found.clear();

    auto free = [&](std::uint32_t b, std::uint32_t e) {
      for (auto t = b; t < e; ++t)
        if (w.taken[t]) return false;
      return b < e;
    };
    auto take = [&](cand c) {
      for (auto t = c.first; t < c.end; ++t) w.taken[t] = 1;
      found.push_back(c);
    };

    // 1. The user's names.
    if (user_)
      for (const auto& m : longest_leftmost(user_->match(doc)))
        if (free(m.first, m.end)) {
          const auto e = user_->entry(m.entry);
          cand c{.first = m.first, .end = m.end, .label = e.label(), .flags = mention_flag::user};
          c.canonical = e.canonical();
          c.kb_id = e.id();
          take(c);
        }

    // 2. The model.
    if (opts_.model && n > 0) {
      w.sentence_starts.clear();
      for (const auto& s : doc.sentence_records().items) w.sentence_starts.push_back(s.first_token);
      if (!w.sentence_starts.empty() && w.sentence_starts.front() == 0) w.sentence_starts.erase(w.sentence_starts.begin());
      w.tags.assign(n, ner_tag{});
      // Only a model trained with the extra features reads them.
      ner_model::extra_features extra{};
      if (model_->features() & ner_feature::extra) {
        entity_features(words, news, w.matches, w.classes, w.features);
        extra = w.features.view();
      }
      model_->tag_indexed(words, w.sentence_starts, extra, w.tags, w.model_ws);
      for (const auto& s : ner_spans(w.tags)) {
        if (!free(s.begin, s.end)) continue;
        cand c{.first = s.begin, .end = s.end, .flags = mention_flag::model};
        const std::span<const std::string_view> sw(words.data() + s.begin, s.end - s.begin);
        switch (s.type) {
          case conll_type::per: c.label = entity_label::person; break;
          case conll_type::org: c.label = entity_label::org; break;
          case conll_type::loc: c.label = x::is_natural_feature_word(sw.back()) ? entity_label::loc : entity_label::gpe; break;
          default: c.label = x::misc_label(sw, s.begin > 0 && words[s.begin - 1] == "in"); break;
        }
        if (c.label == entity_label::org && opts_.rules) widen_org(doc, w, c);
        // "Donetsk Oblast", "Sichuan Province": the division word belongs to the name.
        if ((c.label == entity_label::gpe || c.label == entity_label::loc) && c.end < n &&
            x::in_list(words[c.end], {"Oblast", "Province", "Region", "Governorate", "Krai", "Prefecture", "County",
                                      "District", "Raion", "Canton", "Voivodeship"}))
          c.end += 1;
        if (!free(c.first, c.end)) c.first = s.begin, c.end = s.end;
        take(c);
      }
    }

    // 3. Rules: title + capitalised words; organisation patterns.
    if (opts_.rules) {
      for (std::uint32_t i = 0; i + 1 < n; ++i) {
        if (w.taken[i + 1] || !w.facts[i].title_proper || !x::is_cap(words[i])) continue;
        std::uint32_t e = i + 1;
        while (e < n && e < i + 4 && !w.taken[e] && x::is_cap(words[e]) && has_alpha(doc, e) &&
               !w.facts[e].title_word)
          ++e;
        if (e > i + 1) take(cand{.first = i + 1, .end = e, .label = entity_label::person, .flags = mention_flag::rule});
      }
      for (std::uint32_t i = 0; i < n; ++i) {
        if (w.taken[i] || !x::is_cap(words[i])) continue;
        cand c{.first = i, .end = i + 1, .label = entity_label::org, .flags = mention_flag::rule};
        if (widen_org(doc, w, c) && free(c.first, c.end)) take(c);
      }
    }

    // 3b. One name, one reading per document: a capitalised word (or words) the model left out
    // that is the surname or the whole name of a person named in full elsewhere in the text is that
    // person ("Trump and Putin engage ..." opening a headline, where "Trump" could be a verb). Not
    // when it runs into other capitalised words ("Trump Tower"), is a calendar or title word, or
    // opens a sentence while the text also uses it as an ordinary lower-case word ("Rice prices").
    if (opts_.model && opts_.rules) {
      // Full names as their words joined by U+001F, in a set: a document that names one person
      // thousands of times must not compare every capitalised word with every mention.
      constexpr std::uint32_t longest_name = 6;
      const auto join = [&](std::string& key, std::uint32_t t) {
        if (!key.empty()) key += '\x1f';
        key += words[t];
      };
      std::unordered_set<std::string> full_names;
      std::unordered_set<std::string_view> last_words;
      std::uint32_t longest = 0;
      std::string key;
      for (const auto& c : found)
        if (c.label == entity_label::person && c.end - c.first >= 2 && c.end - c.first <= longest_name) {
          key.clear();
          for (auto t = c.first; t < c.end; ++t) join(key, t);
          full_names.insert(key);
          last_words.insert(words[c.end - 1]);
          longest = std::max(longest, c.end - c.first);
        }
      if (!full_names.empty()) {
        std::vector<std::uint8_t> opens(n, 0);
        for (const auto& s : doc.sentence_records().items)
          for (auto t = s.first_token; t < s.end_token && t < n; ++t) {
            opens[t] = 1;
            if (doc.token_records().kind[t] != token_kind::quote) break;
          }
        // The text's lower-case words (views into it), gathered only when a sentence opens with a
        // candidate: most documents have none, and hashing every word was a tenth of the extractor.
        std::unordered_set<std::string_view> lower_words;
        bool gathered = false;
        auto used_in_lower_case = [&](std::string_view folded) {
          if (!gathered) {
            gathered = true;
            // Each word type once (the model's type ids): hashing all of a long document's
            // lower-case tokens was 6% of the pipeline on the PolNeAR texts as one document.
            const auto types = w.model_ws.word_types();
            std::vector<std::uint8_t> seen(w.model_ws.cached_types(), 0);
            for (std::uint32_t k = 0; k < n; ++k)
              if (!seen[types[k]] && token_flags(doc.token_records().flags[k]).has(token_flag::all_lower)) {
                seen[types[k]] = 1;
                lower_words.insert(words[k]);
              }
          }
          return lower_words.contains(folded);
        };
        auto word_like = [&](std::uint32_t t) { return t < n && has_alpha(doc, t) && x::is_cap(words[t]); };
        for (std::uint32_t i = 0; i < n; ++i) {
          if (w.taken[i] || !word_like(i) || w.facts[i].title_word || (w.facts[i].cls & detail::feat::calendar)) continue;
          std::uint32_t e = i;
          key.clear();
          join(key, i);
          for (std::uint32_t len = 2; len <= longest && i + len <= n; ++len) {
            join(key, i + len - 1);
            if (full_names.contains(key)) e = i + len;  // the longest name that matches
          }
          if (e == i && last_words.contains(words[i])) e = i + 1;
          if (e == i || !free(i, e)) continue;
          if ((!opens[i] && word_like(i - 1)) || word_like(e)) continue;
          if (opens[i] && used_in_lower_case(detail::fold(words[i]))) continue;
          take(cand{.first = i, .end = e, .label = entity_label::person, .flags = mention_flag::rule});
          i = e - 1;
        }
      }
    }

    // 4. The news gazetteer where nothing else was found.
    if (opts_.news_gazetteer)
      for (const auto& m : longest_leftmost(w.matches)) {
        if (!free(m.first, m.end)) continue;
        const auto e = news.entry(m.entry);
        if (resources::has(e.flags(), resources::flag::ambiguous)) continue;
        // A one-word name at the start of a sentence might be an ordinary capitalised word.
        take(cand{.first = m.first, .end = m.end, .label = e.label(), .flags = mention_flag::gazetteer});
      }

    // 5. Values.
    if (opts_.values) {
      auto add_value = [&](token_id b, token_id e, entity_label l) {
        if (free(b.value, e.value)) take(cand{.first = b.value, .end = e.value, .label = l, .flags = mention_flag::rule});
      };
      const auto& ss = doc.sentence_records().items;
      if (ss.empty())
        find_value_mentions(doc, 0, n, add_value);
      else
        for (const auto& s : ss) find_value_mentions(doc, s.first_token, s.end_token, add_value);
    }

    std::sort(found.begin(), found.end(), [](const cand& a, const cand& b) { return a.first < b.first; });
    // One word, one reading per document: a lone word the model labelled otherwise but that ends a
    // person's full name elsewhere in the text is that person ("Trump-Putin summit" in a headline).
    std::unordered_set<std::string_view> surnames;
    for (const auto& c : found)
      if (c.label == entity_label::person && c.end - c.first >= 2) surnames.insert(words[c.end - 1]);
    for (auto& c : found)
      if ((c.flags & mention_flag::model) && c.end - c.first == 1 && c.label != entity_label::person &&
          is_name(c.label) && surnames.contains(words[c.first]))
        c.label = entity_label::person;
    annotate(news, w, found);
  }

  static bool has_alpha(const document_base& doc, std::uint32_t t) {
    return token_flags(doc.token_records().flags[t]).has(token_flag::has_alpha);
  }

  // Widens c to an organisation pattern around it: "Ministry of Defence", "Labour Party",
  // "Acme Inc.". Returns whether a pattern was found.
  static bool widen_org(const document_base& doc, const detail::extract::workspace_data& w, cand& c) {
    namespace x = detail::extract;
    const auto n = static_cast<std::uint32_t>(w.words.size());
    auto word = [&](std::uint32_t t) { return w.words[t]; };
    bool found = false;
    // "Ministry of X [and Y]"
    if (w.facts[c.first].org == x::org_word::head_of && c.end < n && word(c.end) == "of" &&
        c.end + 1 < n && x::is_cap(word(c.end + 1))) {
      std::uint32_t e = c.end + 1;
      while (e < n && x::is_cap(word(e)) && has_alpha(doc, e)) ++e;
      if (e + 1 < n && word(e) == "and" && x::is_cap(word(e + 1)))
        for (e = e + 1; e < n && x::is_cap(word(e)); ++e) {
        }
      c.end = e;
      found = true;
    }
    // "X Party", "X Inc."
    if (c.end < n) {
      const auto k = w.facts[c.end].org;
      if ((k == x::org_word::suffix || k == x::org_word::head_after) && x::is_cap(word(c.first))) {
        c.end += 1;
        found = true;
      }
    }
    return found;
  }

  // Whether the names ending before token e are followed by a word for a province ("region",
  // "oblast"): at once, or, when the word is plural, after more names joined by commas and
  // "and"/"or" ("the Donetsk, Luhansk, and Kherson regions").
  static bool names_a_division(std::span<const std::string_view> words, std::uint32_t e) {
    namespace x = detail::extract;
    const auto n = words.size();
    if (e < n && x::in_list(words[e], {"region", "province", "oblast", "governorate", "prefecture"})) return true;
    for (std::uint32_t j = e; j < n && j < e + 24; ++j) {
      const auto v = words[j];
      if (x::in_list(v, {"regions", "provinces", "oblasts", "governorates", "prefectures"})) return true;
      if (v != "," && v != "and" && v != "or" && !x::is_cap(v)) return false;
    }
    return false;
  }

  // Titles, canonical names, ids and metonym information.
  static void annotate(const gazetteer_view& news, const detail::extract::workspace_data& w, std::vector<cand>& cs) {
    namespace x = detail::extract;
    auto word = [&](std::uint32_t t) { return w.words[t]; };
    // Gazetteer matches by first token, for the exact-span lookups below.
    const auto& matches = w.matches;
    auto exact = [&](std::uint32_t b, std::uint32_t e, entity_label l) -> const gazetteer_match* {
      const gazetteer_match* best = nullptr;
      auto it = std::lower_bound(matches.begin(), matches.end(), b,
                                 [](const gazetteer_match& m, std::uint32_t f) { return m.first < f; });
      for (; it != matches.end() && it->first == b; ++it)
        if (it->end == e) {
          const auto el = news.entry(it->entry).label();
          if (el == l) return &*it;
          if (!best && detail::label_group(el) == detail::label_group(l)) best = &*it;
        }
      return best;
    };
    auto any_entry = [&](std::uint32_t b, std::uint32_t e) -> const gazetteer_match* {
      auto it = std::lower_bound(matches.begin(), matches.end(), b,
                                 [](const gazetteer_match& m, std::uint32_t f) { return m.first < f; });
      for (; it != matches.end() && it->first == b; ++it)
        if (it->end == e) return &*it;
      return nullptr;
    };
    std::uint32_t prev_end = 0;
    const cand* prev = nullptr;
    for (auto& c : cs) {
      // Titles before a person: "President", "Vice President", "top Russian aide".
      if (c.label == entity_label::person) {
        while (c.end - c.first > 1 && w.facts[c.first].title_proper) ++c.first;
        std::uint32_t b = c.first;
        bool any = false;
        // A nationality may stand inside the title ("top Russian aide"): it stays a mention too.
        const std::uint32_t limit = prev && prev->label == entity_label::norp ? prev->first : prev_end;
        while (b > limit && b > 0) {
          const auto& fb = w.facts[b - 1];
          if (fb.title_word) any = true;
          else if (!fb.title_modifier) break;
          --b;
        }
        while (b < c.first && !w.facts[b].title_word && !x::is_cap(word(b)) && x::in_list(word(b), {"of", "-"})) ++b;
        if (any) c.title_first = b, c.title_end = c.first;
        else c.title_first = c.title_end = c.first;
      } else {
        c.title_first = c.title_end = c.first;
      }
      prev_end = c.end;
      prev = &c;
      if (!is_name(c.label) || (c.flags & mention_flag::user)) continue;
      // What the gazetteer knows of the same words (without a leading "the").
      std::uint32_t b = c.first;
      if (c.end - b > 1 && (word(b) == "the" || word(b) == "The")) ++b;
      const gazetteer_match* m = exact(b, c.end, c.label);
      if (!m) m = any_entry(b, c.end);
      if (!m) continue;
      const auto e = news.entry(m->entry);
      const auto kind = kind_of(e);
      const bool known_name = e.label() == c.label || detail::label_group(e.label()) == detail::label_group(c.label);
      if (!known_name) {
        // The model and the gazetteer disagree. A seat of government is what the gazetteer says (the
        // model reads "Kremlin" as a place); a country or capital the model took for a person is a
        // place. Otherwise the model read the context: keep its label and take nothing from the entry.
        const bool place_for_person = c.label == entity_label::person && c.end - c.first == 1 &&
                                      (kind == gazetteer_kind::country || kind == gazetteer_kind::city) &&
                                      !resources::has(e.flags(), resources::flag::ambiguous) &&
                                      !(w.facts[c.first].cls &
                                        (detail::feat::first_name | detail::feat::surname_common));
        if (kind == gazetteer_kind::seat || place_for_person)
          c.label = e.label();
        else
          continue;
      } else if (c.label == entity_label::gpe || c.label == entity_label::loc || kind == gazetteer_kind::seat) {
        // The gazetteer knows a region from a state, and a demonym from a place.
        c.label = e.label();
      }
      // "the Kharkiv region", "the Donetsk and Luhansk regions": a city's name before a word for a
      // province names the province, which is not the city GeoNames knows by that name.
      if (kind == gazetteer_kind::city && names_a_division(w.words, c.end)) {
        c.division = true;
        continue;
      }
      c.canonical = e.canonical();
      c.kb_id = e.id();
      const auto sf = stands_for_of(e);
      c.country = sf.country;
      c.country_id = sf.country_id;
      c.seat = sf.seat;
      c.capital = sf.capital;
    }
  }
};

}  // namespace byline
