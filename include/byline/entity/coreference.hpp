// byline — third-person singular pronouns linked to the person they refer to, where the text makes
// it clear.
//
//   const byline::pipeline nlp;                      // the news pipeline ends with the resolver
//   auto doc = nlp("Donald Trump spoke on Monday. He took to his platform.");
//   for (auto p : doc.pronouns())                    // every he/him/his/himself, she/her/hers/herself
//     if (auto e = p.entity()) std::cout << p << " -> " << e->canonical() << '\n';
//   if (auto e = doc.referent_of(doc[7])) ...        // the entity a token refers to as a pronoun, O(1)
//
// Pronouns are a layer of their own ("pronouns"), never entity mentions: the mention layer, its
// JSON and the CoNLL output list names only, as gold entity annotations do.
//
// Resolution prefers precision to recall. A pronoun is linked to a PERSON entity mentioned before
// it in its own sentence or the two before it, and only:
//   1. when exactly one such entity agrees with it in gender: known gender (a title or honorific
//      that says it: Mr, Mrs, Ms, Queen, Prince, spokeswoman; a given name that the 1990 US census
//      gives to one sex at least four times as often as the other) or unknown gender, which is
//      allowed only for the one candidate left once the other gender is set aside;
//   2. or, when several compete, for the entity of known, agreeing gender that is the subject of
//      the pronoun's own sentence before it ("Trump said he ...", with no other candidate in that
//      sentence before the pronoun), or the subject or speaker of the sentence before ("Trump called
//      Putin. He said ...", with no other candidate in the pronoun's sentence before it).
// A subject here is a person named at the start of its sentence (after quotes, determiners, other
// names and titles: "Ukraine's President X"), or right after a leading phrase closed by a comma
// ("On Monday, X"), and not in the possessive; a speaker is a person named just before or after a
// verb of saying. A resolved pronoun counts as a mention of its entity for the pronouns after it.
// Pronouns inside quotation marks are left unresolved (their referent is the speaker's business).
// Plural pronouns (they, their) are not resolved.
#pragma once

#include <byline/document/document.hpp>
#include <byline/document/ids.hpp>
#include <byline/document/layer.hpp>
#include <byline/document/records.hpp>
#include <byline/entity/data/first_names.hpp>
#include <byline/entity/data/titles.hpp>
#include <byline/entity/entities.hpp>
#include <byline/entity/labels.hpp>
#include <byline/entity/resources.hpp>
#include <byline/io/json_out.hpp>
#include <byline/pipeline.hpp>

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <ranges>
#include <string>
#include <string_view>
#include <vector>

namespace byline {

struct pronoun_layer;
using pronoun_id = id<pronoun_layer>;

enum class gender : std::uint8_t { unknown, male, female };

inline constexpr std::string_view name(gender g) noexcept {
  return g == gender::male ? "male" : g == gender::female ? "female" : "unknown";
}

// The gender of a third-person singular personal pronoun (he, him, his, himself; she, her, hers,
// herself, written in lower case or with a capital first letter), or unknown for any other word.
inline gender pronoun_gender(std::string_view w) noexcept {
  if (w.size() < 2 || w.size() > 7) return gender::unknown;
  if (const char c = static_cast<char>(w[0] | 0x20); c != 'h' && c != 's') return gender::unknown;
  char buf[8] = {};
  for (std::size_t i = 0; i < w.size(); ++i) {
    char c = w[i];
    if (c >= 'A' && c <= 'Z') {
      if (i > 0) return gender::unknown;  // HE, HIS: more often an acronym than a pronoun
      c = static_cast<char>(c - 'A' + 'a');
    }
    buf[i] = c;
  }
  const std::string_view l(buf, w.size());
  if (l == "he" || l == "him" || l == "his" || l == "himself") return gender::male;
  if (l == "she" || l == "her" || l == "hers" || l == "herself") return gender::female;
  return gender::unknown;
}

// Pronouns: one record per third-person singular pronoun token, resolved or not.
struct pronoun_layer {
  static constexpr std::string_view name = "pronouns";

  std::vector<std::uint32_t> token;       // token ids, ascending
  std::vector<gender> gender_of;          // the pronoun's gender
  std::vector<std::uint32_t> cluster;     // the entity it refers to, or none
  std::vector<std::uint32_t> antecedent;  // the nearest mention of that entity before it, or none
  // "Which entity does this pronoun refer to" in O(1) with a bit a token, not an index a token:
  // pronouns are one token in fifty or so. Bit t of words[t / 64] marks a pronoun; rank[w] counts
  // the marks before word w, so a marked token's record is rank + the marks before it in its word.
  std::vector<std::uint64_t> marks;
  std::vector<std::uint32_t> rank;

  std::size_t size() const noexcept { return token.size(); }
  pronoun_id add(std::uint32_t t, gender g) {
    token.push_back(t);
    gender_of.push_back(g);
    cluster.push_back(detail::no_index);
    antecedent.push_back(detail::no_index);
    return pronoun_id{static_cast<std::uint32_t>(token.size() - 1)};
  }
  void index_tokens(std::size_t n) {
    marks.assign((n + 63) / 64, 0);
    rank.assign(marks.size(), 0);
    for (std::uint32_t p = 0; p < size(); ++p)
      if (token[p] < n) marks[token[p] / 64] |= std::uint64_t{1} << (token[p] % 64);
    std::uint32_t before = 0;
    for (std::size_t w = 0; w < marks.size(); ++w) {
      rank[w] = before;
      before += static_cast<std::uint32_t>(std::popcount(marks[w]));
    }
  }
  std::uint32_t pronoun_of_token(std::uint32_t t) const noexcept {
    const std::size_t w = t / 64;
    if (w >= marks.size() || !((marks[w] >> (t % 64)) & 1)) return detail::no_index;
    return rank[w] + static_cast<std::uint32_t>(std::popcount(marks[w] & ((std::uint64_t{1} << (t % 64)) - 1)));
  }

  void write_json(io::json_out& j) const;
  void validate(const document_base& doc, std::vector<std::string>& problems) const;
  std::size_t memory_bytes() const noexcept {
    return (token.capacity() + cluster.capacity() + antecedent.capacity() + rank.capacity()) *
               sizeof(std::uint32_t) +
           marks.capacity() * sizeof(std::uint64_t) + gender_of.capacity();
  }
};

// ----------------------------------------------------------------------------------------------
// Views

// A pronoun: one token, its gender and, when resolved, the entity it refers to.
template <class Node>
class basic_pronoun : public basic_span<Node> {
  std::uint32_t i_ = 0;
  const pronoun_layer& rec() const { return this->doc_->template get<pronoun_layer>(); }

 public:
  basic_pronoun() = default;
  basic_pronoun(const Node& d, std::uint32_t i)
      : basic_span<Node>(d, d.template get<pronoun_layer>().token[i], d.template get<pronoun_layer>().token[i] + 1),
        i_(i) {}
  std::uint32_t index() const noexcept { return i_; }
  pronoun_id id() const noexcept { return pronoun_id{i_}; }
  byline::gender gender() const { return rec().gender_of[i_]; }
  bool resolved() const { return rec().cluster[i_] != detail::no_index; }
  // The entity it refers to; nullopt when the text does not make it clear.
  std::optional<basic_entity_cluster<Node>> entity() const {
    const auto c = rec().cluster[i_];
    if (c == detail::no_index) return std::nullopt;
    return basic_entity_cluster<Node>(*this->doc_, c);
  }
  // The nearest mention of that entity before the pronoun.
  std::optional<basic_entity<Node>> antecedent() const {
    const auto m = rec().antecedent[i_];
    if (m == detail::no_index) return std::nullopt;
    return basic_entity<Node>(*this->doc_, m);
  }
};

// doc.pronouns() and doc.referent_of(token): see basic_document. Empty when the document has no
// pronoun layer.
template <class Node>
auto pronoun_range(const Node& d) {
  const auto* l = d.template find<pronoun_layer>();
  const std::uint32_t n = l ? static_cast<std::uint32_t>(l->size()) : 0u;
  return std::views::iota(std::uint32_t{0}, n) |
         std::views::transform([&d](std::uint32_t i) { return basic_pronoun<Node>(d, i); });
}
template <class Node>
std::optional<basic_entity_cluster<Node>> referent_of_token(const Node& d, std::uint32_t token) {
  const auto* l = d.template find<pronoun_layer>();
  if (!l) return std::nullopt;
  const auto p = l->pronoun_of_token(token);
  if (p == detail::no_index || l->cluster[p] == detail::no_index) return std::nullopt;
  return basic_entity_cluster<Node>(d, l->cluster[p]);
}

// ----------------------------------------------------------------------------------------------
// JSON and invariants

// "pronouns": [{"start", "end", "first_token", "end_token", "text", "gender", "entity" (cluster
//              index or null), "canonical" (or null), "antecedent" (mention index or null)}]
inline void pronoun_layer::write_json(io::json_out& j) const {
  const entity_cluster_layer* cl = j.document() ? j.document()->template find<entity_cluster_layer>() : nullptr;
  j.begin_array();
  for (std::size_t p = 0; p < size(); ++p) {
    j.item();
    j.span(token[p], token[p] + 1);
    j.field("gender");
    j.string(byline::name(gender_of[p]));
    j.field("entity");
    if (cluster[p] != detail::no_index) j.number(cluster[p]);
    else j.null();
    j.field("canonical");
    if (cl && cluster[p] < cl->size()) j.string(cl->canonical[cluster[p]]);
    else j.null();
    j.field("antecedent");
    if (antecedent[p] != detail::no_index) j.number(antecedent[p]);
    else j.null();
    j.close();
  }
  j.end_array();
}

inline void pronoun_layer::validate(const document_base& doc, std::vector<std::string>& problems) const {
  const std::size_t n = doc.token_count();
  const auto* cl = doc.find<entity_cluster_layer>();
  const auto* ml = doc.find<entity_mention_layer>();
  const std::size_t k = size();
  if (gender_of.size() != k || cluster.size() != k || antecedent.size() != k) {
    problems.push_back("pronouns: the arrays differ in length");
    return;
  }
  for (std::size_t p = 0; p < k; ++p) {
    const std::string at = "pronoun " + std::to_string(p) + ": ";
    if (token[p] >= n) problems.push_back(at + "token out of range");
    if (p > 0 && token[p] <= token[p - 1]) problems.push_back(at + "not after the one before");
    if (cluster[p] != detail::no_index && (!cl || cluster[p] >= cl->size()))
      problems.push_back(at + "entity out of range");
    if (antecedent[p] != detail::no_index &&
        (!ml || antecedent[p] >= ml->size() || ml->cluster[antecedent[p]] != cluster[p] ||
         ml->end[antecedent[p]] > token[p]))
      problems.push_back(at + "antecedent is not a mention of its entity before it");
    if (ml && token[p] < ml->of_token.size() && ml->of_token[token[p]] != detail::no_index)
      problems.push_back(at + "inside an entity mention");
  }
  if ((marks.size() != (n + 63) / 64 || rank.size() != marks.size()) && !(k == 0 && marks.empty()))
    problems.push_back("pronouns: token index not built");
  else
    for (std::size_t t = 0; t < n && !marks.empty(); ++t) {
      const auto p = pronoun_of_token(static_cast<std::uint32_t>(t));
      if (p != detail::no_index && (p >= k || token[p] != t)) {
        problems.push_back("pronouns: token " + std::to_string(t) + " indexed to the wrong pronoun");
        break;
      }
    }
  for (std::size_t p = 0; p < k; ++p)
    if (token[p] < n && pronoun_of_token(token[p]) != p) {
      problems.push_back("pronouns: pronoun " + std::to_string(p) + " missing from the token index");
      break;
    }
}

// ----------------------------------------------------------------------------------------------
// Resolution

namespace detail::coref {

// The gender a title, honorific or role noun says ("Mrs.", "Queen", "spokesman"), if any.
inline gender title_gender(std::string_view w) {
  gender g = gender::unknown;
  for (const auto& t : resources::lookup(resources::titles(), w)) {
    if (resources::has(t.flags, resources::flag::male)) g = g == gender::female ? gender::unknown : gender::male;
    if (resources::has(t.flags, resources::flag::female)) g = g == gender::male ? gender::unknown : gender::female;
  }
  return g;
}

// The gender a given name says: one the 1990 US census gives to one sex at least four times as
// often as to the other and to at least 3 in 100,000 of that sex ("Yuri" and "Marine" are rare
// women's names there, too rare to say anything).
inline gender given_name_gender(std::string_view w) {
  for (const auto& e : resources::lookup_folded(resources::first_names(), w)) {
    if (e.male_per_100k >= 3 && e.male_per_100k >= 4 * e.female_per_100k) return gender::male;
    if (e.female_per_100k >= 3 && e.female_per_100k >= 4 * e.male_per_100k) return gender::female;
  }
  return gender::unknown;
}

inline bool is_ascii_word(std::string_view w, std::initializer_list<std::string_view> l) {
  return std::find(l.begin(), l.end(), w) != l.end();
}

inline bool is_speech_verb(std::string_view w) {
  return is_ascii_word(w, {"said",      "says",     "say",      "told",     "tells",     "added",    "adds",
                           "stated",    "wrote",    "writes",   "noted",    "argued",    "insisted", "explained",
                           "warned",    "asked",    "replied",  "acknowledged", "suggested", "claimed", "declared",
                           "announced", "posted",   "recalled", "stressed", "emphasised", "emphasized",
                           "continued", "concluded", "confirmed"});
}

inline bool is_quote_open(std::string_view w) { return w == "\u201C" || w == "\u2018" || w == "\u00AB"; }
inline bool is_quote_close(std::string_view w) { return w == "\u201D" || w == "\u2019" || w == "\u00BB"; }

struct reference {
  std::uint32_t first, end;  // tokens
  std::uint32_t cluster;
};

}  // namespace detail::coref

// The component: needs the entity layers, provides the pronoun layer.
class pronoun_resolver {
 public:
  static constexpr std::string_view name = "pronoun_resolver";
  using needs = layers<token_layer, paragraph_layer, sentence_layer, entity_cluster_layer, entity_mention_layer>;
  using provides = layers<pronoun_layer>;

  // How many sentences before the pronoun's own are searched for its antecedent.
  std::uint32_t window = 2;
  // And at most how many tokens back: a text with no sentence ends (a table, a run-on scrape)
  // would otherwise make every pronoun read all the names before it.
  std::uint32_t reach = 150;

  void operator()(document_base& doc, workspace&) const {
    namespace c = detail::coref;
    auto& out = doc.edit<pronoun_layer>();
    const auto n = static_cast<std::uint32_t>(doc.token_count());
    const auto& ml = doc.get<entity_mention_layer>();
    const auto& cl = doc.get<entity_cluster_layer>();
    const auto& sentences = doc.sentence_records().items;
    const auto& paragraphs = doc.paragraph_records().items;
    auto word = [&](std::uint32_t t) { return doc.token_utf8(token_id{t}); };
    const auto& tokens = doc.token_records();

    // Each person entity's gender, from the titles and given names of all its mentions.
    std::vector<gender> cluster_gender(cl.size(), gender::unknown);
    std::vector<std::uint8_t> evidence(cl.size(), 0);  // bit 1 male, bit 2 female
    for (std::size_t m = 0; m < ml.size(); ++m) {
      if (ml.label[m] != entity_label::person || ml.cluster[m] >= cl.size()) continue;
      auto note = [&](gender g) {
        if (g == gender::male) evidence[ml.cluster[m]] |= 1;
        if (g == gender::female) evidence[ml.cluster[m]] |= 2;
      };
      for (auto t = ml.title_first[m]; t < ml.title_end[m]; ++t) note(c::title_gender(word(t)));
      if (ml.end[m] - ml.first[m] >= 2) note(c::given_name_gender(word(ml.first[m])));
    }
    for (std::size_t k = 0; k < cl.size(); ++k)
      cluster_gender[k] = evidence[k] == 1 ? gender::male : evidence[k] == 2 ? gender::female : gender::unknown;

    // Sentence of each token, and the references to persons (mentions, then resolved pronouns) by
    // first token.
    std::vector<std::uint32_t> sentence_of(n, 0);
    for (std::uint32_t s = 0; s < sentences.size(); ++s)
      for (auto t = sentences[s].first_token; t < sentences[s].end_token && t < n; ++t) sentence_of[t] = s;
    // Whether each token stands inside quotation marks opened in its paragraph.
    std::vector<std::uint8_t> quoted(n, 0);
    for (const auto& para : paragraphs) {
      bool open = false;
      for (auto u = para.first_token; u < para.end_token && u < n; ++u) {
        quoted[u] = open;
        if (tokens.kind[u] != token_kind::quote && tokens.kind[u] != token_kind::punctuation) continue;
        const auto w = word(u);
        if (c::is_quote_open(w)) open = true;
        else if (c::is_quote_close(w)) open = false;
        else if (w == "\"") open = !open;
      }
    }

    std::vector<c::reference> refs;  // mentions, in text order
    std::vector<c::reference> pronoun_refs;  // resolved pronouns, appended in text order
    for (std::uint32_t m = 0; m < ml.size(); ++m)
      if (ml.label[m] == entity_label::person && ml.cluster[m] < cl.size())
        refs.push_back({ml.title_first[m] < ml.title_end[m] ? ml.title_first[m] : ml.first[m], ml.end[m], ml.cluster[m]});
    std::ranges::stable_sort(refs, {}, [](const c::reference& r) { return r.first; });

    auto not_person_name = [&](std::uint32_t t) {
      const auto m = ml.mention_of_token(t);
      return m != detail::no_index && ml.label[m] != entity_label::person;
    };
    auto leading_ok = [&](std::uint32_t t) {  // what may stand before a subject in its sentence
      const auto w = word(t);
      const auto k = doc.token_records().kind[t];
      return k == token_kind::quote || k == token_kind::dash || w == "The" || w == "the" || w == "'s" ||
             w == "\u2019s" || not_person_name(t);
    };
    auto possessive_after = [&](std::uint32_t e) {
      return e < n && (word(e) == "'s" || word(e) == "\u2019s" || word(e) == "'" || word(e) == "\u2019");
    };
    // Whether a reference [first, end) is the subject or the speaker of sentence s.
    auto subject_or_speaker = [&](const c::reference& r, std::uint32_t s) {
      const auto sb = sentences[s].first_token;
      if (r.end < n && c::is_speech_verb(word(r.end))) return true;                      // "Trump said"
      if (r.first > sb && c::is_speech_verb(word(r.first - 1)) && r.first - 1 > sb &&
          (word(r.first - 2) == "," || doc.token_records().kind[r.first - 2] == token_kind::quote))
        return true;  // "..., said Trump"
      if (possessive_after(r.end)) return false;
      if (r.first - sb > reach) return false;  // far into a run-on sentence: no subject there
      // Named first: only quotes, determiners and other names before it.
      std::uint32_t t = sb;
      while (t < r.first && leading_ok(t)) ++t;
      if (t == r.first) return true;
      // Named right after a leading phrase closed by a comma, with no person in it.
      const auto w0 = word(sb);
      if (w0 == "According" || w0 == "according") return false;
      std::uint32_t comma = r.first;
      while (comma > sb && word(comma - 1) != ",") --comma;
      if (comma == sb) return false;
      for (std::uint32_t u = sb; u < comma; ++u) {
        const auto m = ml.mention_of_token(u);
        if (m != detail::no_index && ml.label[m] == entity_label::person) return false;
      }
      t = comma;
      while (t < r.first && leading_ok(t)) ++t;
      return t == r.first;
    };

    // Pronoun tokens, outside names.
    for (std::uint32_t t = 0; t < n; ++t) {
      if (tokens.end[t] - tokens.begin[t] > 7 || tokens.end[t] - tokens.begin[t] < 2) continue;  // he .. himself
      const auto g = pronoun_gender(word(t));
      if (g != gender::unknown && ml.mention_of_token(t) == detail::no_index) out.add(t, g);
    }

    for (std::uint32_t p = 0; p < out.size(); ++p) {
      const auto t = out.token[p];
      const auto g = out.gender_of[p];
      if (sentences.empty()) break;
      const auto s = sentence_of[t];
      if (quoted[t]) continue;  // inside quotation marks: left alone
      const auto from_sentence = s >= window ? s - window : 0;
      const auto from = std::max(sentences[from_sentence].first_token, t > reach ? t - reach : 0u);
      // The references with first token in [lo, hi), mentions and resolved pronouns merged in text
      // order, until f returns true.
      const auto by_first = [](const c::reference& r) { return r.first; };
      auto each_ref = [&](std::uint32_t lo, std::uint32_t hi, auto&& f) {
        auto i = std::ranges::lower_bound(refs, lo, {}, by_first);
        auto j = std::ranges::lower_bound(pronoun_refs, lo, {}, by_first);
        for (;;) {
          const bool mi = i != refs.end() && i->first < hi, pj = j != pronoun_refs.end() && j->first < hi;
          if (!mi && !pj) return;
          const auto& r = (mi && (!pj || i->first <= j->first)) ? *i++ : *j++;
          if (f(r)) return;
        }
      };
      // The references in the window, before the pronoun.
      struct cand {
        std::uint32_t cluster;
        gender g;
        bool in_own_sentence = false;
      };
      std::vector<cand> cands;
      each_ref(from, t, [&](const c::reference& r) {
        if (r.end > t) return false;
        const auto rg = cluster_gender[r.cluster];
        if (rg != gender::unknown && rg != g) return false;
        auto it = std::ranges::find(cands, r.cluster, &cand::cluster);
        if (it == cands.end()) cands.push_back({r.cluster, rg}), it = cands.end() - 1;
        if (sentence_of[r.first] == s) it->in_own_sentence = true;
        return false;
      });
      std::uint32_t chosen = detail::no_index;
      if (cands.size() == 1) {
        chosen = cands[0].cluster;
      } else if (cands.size() > 1) {
        auto only_own = [&](std::uint32_t k) {  // no other candidate in the pronoun's sentence
          return std::ranges::none_of(cands, [&](const cand& x) { return x.cluster != k && x.in_own_sentence; });
        };
        auto subject_of = [&](std::uint32_t sent, bool before_pronoun) -> std::uint32_t {
          std::uint32_t found = detail::no_index;
          each_ref(std::max(sentences[sent].first_token, from), std::min(sentences[sent].end_token, t), [&](const c::reference& r) {
            if (before_pronoun && r.end > t) return false;
            if (!subject_or_speaker(r, sent)) return false;
            found = r.cluster;
            return true;
          });
          return found;
        };
        auto known = [&](std::uint32_t k) {
          auto it = std::ranges::find(cands, k, &cand::cluster);
          return it != cands.end() && it->g == g;
        };
        if (const auto k = subject_of(s, true); k != detail::no_index && known(k) && only_own(k)) chosen = k;
        else if (s > 0)
          if (const auto k2 = subject_of(s - 1, false); k2 != detail::no_index && known(k2) && only_own(k2)) chosen = k2;
      }
      if (chosen == detail::no_index) continue;
      out.cluster[p] = chosen;
      // The cluster's last mention before the pronoun (its mentions are in text order).
      const auto* mb = cl.mention_index.data() + cl.mention_begin[chosen];
      const auto* me = cl.mention_index.data() + cl.mention_begin[chosen + 1];
      const auto* after = std::partition_point(mb, me, [&](auto m) { return ml.end[m] <= t; });
      if (after != mb) out.antecedent[p] = *(after - 1);
      // The pronoun now refers too, for the pronouns after it.
      pronoun_refs.push_back({t, t + 1, chosen});
    }
    out.index_tokens(n);
  }
};

}  // namespace byline
