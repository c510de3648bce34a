// byline — reading the subject of a cue: who said, or who takes a side. Shared by the attribution
// tagger (stance/attributions.hpp) and the stance tagger (stance/stances.hpp), so that a source
// and a holder are found by the same rules.
//
// A subject is a name (with its title: "German Chancellor Friedrich Merz"), a pronoun, or a noun
// phrase back to its determiner or headed by a role noun ("a spokesman", "officials from France").
// Its entity is the mention's cluster (a person's first, then a name that is the whole phrase), or
// a resolved pronoun's.
#pragma once

#include <byline/document/document.hpp>
#include <byline/entity/coreference.hpp>
#include <byline/entity/data/titles.hpp>
#include <byline/entity/entities.hpp>
#include <byline/entity/resources.hpp>
#include <byline/stance/quotes.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace byline::detail::stance {

// A token run [first, end); first == end: none.
struct span {
  std::uint32_t first = 0, end = 0;
  bool empty() const noexcept { return first == end; }
};

// A run of tokens [first, end) that belongs to record `id` (a quotation's part, an attribution's
// content).
struct run {
  std::uint32_t first, end, id;
};

// of[t]: the id of the run over t that started last and is still open (none where no run is).
// Runs need not nest; each is pushed and popped once.
inline void innermost(std::vector<run>& runs, std::uint32_t n, std::vector<std::uint32_t>& of, std::vector<run>& stack) {
  of.assign(n, no_index);
  std::ranges::sort(runs, [](const run& a, const run& b) { return a.first != b.first ? a.first < b.first : a.end > b.end; });
  stack.clear();
  std::size_t next = 0;
  for (std::uint32_t t = 0; t < n; ++t) {
    while (next < runs.size() && runs[next].first <= t) stack.push_back(runs[next++]);
    while (!stack.empty() && stack.back().end <= t) stack.pop_back();
    if (!stack.empty()) of[t] = stack.back().id;
    else if (next == runs.size()) break;
  }
}

// For each token, the speech quotation (not a scare quote) it is inside, or none.
inline void speech_quote_of_tokens(const quote_layer* ql, std::uint32_t n, std::vector<std::uint32_t>& of,
                                   std::vector<run>& runs, std::vector<run>& stack) {
  runs.clear();
  if (ql)
    for (std::uint32_t k = 0; k < ql->size(); ++k)
      if (!(ql->flags[k] & quote_flag::scare))
        for (auto p = ql->part_begin[k]; p < ql->part_begin[k + 1]; ++p)
          if (ql->part_first[p] < ql->part_end[p]) runs.push_back({ql->part_first[p], ql->part_end[p], k});
  innermost(runs, n, of, stack);
}

class subject_reader {
  const std::vector<std::string_view>& words_;
  const token_layer& tokens_;
  const entity_mention_layer* ml_;
  const pronoun_layer* pl_;
  mutable std::string buf_;

  std::string_view lower(std::string_view w) const {
    buf_.assign(w);
    for (auto& c : buf_)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return buf_;
  }

 public:
  // words[t] is token t's UTF-8 text.
  subject_reader(const document_base& doc, const std::vector<std::string_view>& words)
      : words_(words),
        tokens_(doc.token_records()),
        ml_(doc.find<entity_mention_layer>()),
        pl_(doc.find<pronoun_layer>()) {}

  std::uint32_t size() const noexcept { return static_cast<std::uint32_t>(words_.size()); }
  std::string_view word(std::uint32_t t) const { return words_[t]; }
  const entity_mention_layer* mentions() const noexcept { return ml_; }
  const pronoun_layer* pronouns() const noexcept { return pl_; }
  std::uint32_t mention_at(std::uint32_t t) const { return ml_ ? ml_->mention_of_token(t) : no_index; }
  // People, organisations, places and nationalities can speak or take a side.
  bool speaking_mention(std::uint32_t m) const {
    const auto l = ml_->label[m];
    return l == entity_label::person || l == entity_label::org || l == entity_label::gpe || l == entity_label::norp;
  }
  // The mention's first token, its title included ("President Trump").
  std::uint32_t mention_first(std::uint32_t m) const {
    return ml_->title_first[m] < ml_->title_end[m] ? std::min(ml_->title_first[m], ml_->first[m]) : ml_->first[m];
  }
  bool possessive_after(std::uint32_t e) const {
    return e < size() && (word(e) == "'s" || word(e) == "\u2019s" || word(e) == "'" || word(e) == "\u2019");
  }

  // A role noun ("spokesman", "officials", "aide"): its singular in the titles table, or a body that
  // speaks ("the report", "the administration").
  bool is_role(std::string_view w) const {
    namespace q = detail::quotes;
    const auto l = std::string(lower(w));
    // Ranks that are adjectives as often: "the private email server", "the general public".
    if (q::ascii_word_in(l, {"private", "general", "major", "chief", "first", "deputy", "acting", "senior", "former",
                             "top", "special", "high", "grand", "lead", "principal", "master", "elder"}))
      return false;
    // Titles are written capitalised in the table ("Commissioner"), roles in lower case ("aide").
    for (std::string_view form : {std::string_view(l), l.ends_with('s') && l.size() > 3 ? std::string_view(l).substr(0, l.size() - 1) : std::string_view(l)}) {
      if (!resources::lookup(resources::titles(), form).empty()) return true;
      std::string cap(form);
      if (!cap.empty() && cap[0] >= 'a' && cap[0] <= 'z') cap[0] = static_cast<char>(cap[0] - 'a' + 'A');
      if (!resources::lookup(resources::titles(), cap).empty()) return true;
    }
    const std::string_view sing = l.ends_with('s') && l.size() > 3 ? std::string_view(l).substr(0, l.size() - 1) : std::string_view(l);
    return q::ascii_word_in(sing, {"group", "leader"}) || q::ascii_word_in(l, {"officials", "official", "experts", "analysts", "critics", "supporters", "aides",
                                "sources", "voters", "people", "report", "poll", "survey", "study", "statement",
                                "campaign", "administration", "government", "party", "committee", "group",
                                "leaders", "leadership", "authorities", "lawmakers", "police", "prosecutors",
                                "investigators", "residents", "protesters", "demonstrators", "activists",
                                "advocates", "opponents", "allies", "rivals", "donors", "delegates", "conservatives",
                                "liberals", "progressives", "insiders", "advisers", "advisors", "operatives",
                                "observers", "politicians", "executives", "employees", "attendees", "pollsters",
                                "economists", "scientists", "researchers", "lawyers", "attorneys", "witnesses",
                                "organizers", "candidates", "members", "unions", "union", "court", "team", "camp", "polls",
                                "surveys", "crowd", "audience", "agency", "board"});
  }
  // Words between a subject and its verb: "Trump also said", "he did not say", "they repeatedly warned".
  static bool is_filler(std::string_view w) {
    namespace q = detail::quotes;
    return q::is_filler(w) || q::ascii_word_in(w, {"not", "did", "does", "do", "could", "can", "may", "might",
                                                    "should", "must", "repeatedly", "publicly", "privately", "now",
                                                    "already", "long", "n't", "n\u2019t", "first", "soon", "too"});
  }
  static bool is_subject_pronoun(std::string_view w) {
    return detail::quotes::is_pronoun(w) || w == "who" || w == "which" || w == "it" || w == "It";
  }

  // The subject that ends at e (exclusive), not before `floor`: a name, a pronoun, or a noun phrase
  // back to its determiner whose head is a role noun or that opens with a determiner.
  // bare: a noun phrase with no determiner and no role noun counts too ("Polling averages show").
  span ending_at(std::uint32_t e, std::uint32_t floor, bool bare = false) const {
    namespace q = detail::quotes;
    while (e > floor && is_filler(word(e - 1))) --e;
    // A party and state in brackets after a name: "Rep. Jim Jordan (R-Ohio) said".
    if (e > floor + 2 && word(e - 1) == ")") {
      auto o = e - 1;
      while (o > floor && e - o < 8 && word(o - 1) != "(") --o;
      if (o > floor + 1 && word(o - 1) == "(") {
        const auto m = mention_at(o - 2);
        if (m != no_index && speaking_mention(m)) return {std::max(floor, mention_first(m)), ml_->end[m]};
      }
    }
    if (e <= floor) return {e, e};
    // A date between the subject and its verb: "A report published Wednesday said".
    if (const auto m = mention_at(e - 1); m != no_index && (ml_->label[m] == entity_label::date || ml_->label[m] == entity_label::time) &&
                                          ml_->first[m] > floor + 1) {
      auto b = ml_->first[m];
      if (detail::quotes::ascii_word_in(word(b - 1), {"on", "last", "this", "earlier", "late"}) && b - 1 > floor) --b;
      // "Priebus later Thursday told": fillers before the date too.
      while (b > floor + 1 && is_filler(word(b - 1))) --b;
      if (!is_filler(word(b - 1)) && (tokens_.kind[b - 1] == token_kind::word)) e = b;
    }
    const auto last = e - 1;
    if (const auto m = mention_at(last); m != no_index) {
      // "Twenty-four percent said", "four in 10 say": a share of people polled.
      bool share = ml_->label[m] == entity_label::percent;
      for (auto u = ml_->first[m]; u < ml_->end[m] && !share; ++u) share = ml_->label[m] == entity_label::cardinal && word(u) == "in";
      if (share) return {std::max(floor, ml_->first[m]), e};
      if (!speaking_mention(m)) return {e, e};
      auto f = mention_first(m);
      // "Officials from the U.K. and France", "Analysts in London": the name ends a phrase
      // headed by a role noun before a preposition.
      auto u = f;
      for (int hops = 0; hops < 6 && u > floor; ++hops) {
        const auto pw = word(u - 1);
        if (q::ascii_word_in(pw, {"from", "in", "at", "of", "for", "with"})) {
          if (u - 1 > floor && is_role(word(u - 2)) && tokens_.kind[u - 2] == token_kind::word) f = u - 2;
          break;
        }
        if (pw == "and" || pw == "the" || pw == "," || mention_at(u - 1) != no_index) --u;
        else break;
      }
      return {std::max(floor, f), e};
    }
    const auto w = word(last);
    if (is_subject_pronoun(w)) return {last, e};
    // "…, many of whom say": the share of the people before.
    if (w == "whom" && last >= floor + 2 && word(last - 1) == "of") return {last - 2, e};
    // Shares and groups with no noun: "Nearly half said", "three-quarters said", "most say".
    if (detail::quotes::ascii_word_in(w, {"half", "third", "thirds", "quarter", "quarters", "three-quarters",
                                          "two-thirds", "majority", "minority", "most", "many", "some", "few",
                                          "others", "both", "all", "Most", "Many", "Some", "Others", "Both", "All"})) {
      auto f = last;
      while (f > floor && e - f < 5 && tokens_.kind[f - 1] == token_kind::word && !detail::quotes::is_function_word(word(f - 1))) --f;
      if (f > floor && detail::quotes::ascii_word_in(word(f - 1), {"than", "the", "a", "The", "A"})) --f;
      return {f, e};
    }
    if (tokens_.kind[last] != token_kind::word) return {e, e};
    if (!(tokens_.flags[last] & token_flag::all_lower)) {
      // A name the entity layer does not know, alone at the start of the sentence: "McLenney said".
      if (last == floor && e == floor + 1 && (tokens_.flags[last] & token_flag::has_alpha) && !is_filler(w) &&
          !q::is_function_word(lower(w)) && !q::is_determiner(w) && word(last).size() > 2)
        return {last, e};
      if (last != floor) return {e, e};
    }
    if (q::is_function_word(w)) return {e, e};
    std::uint32_t f = last;
    while (f > floor && e - f < 6) {
      const auto u = word(f - 1);
      if (tokens_.kind[f - 1] != token_kind::word || q::is_function_word(u)) break;
      --f;
      if (q::is_determiner(u)) break;
    }
    // A role's possessor: "Flight attendants' union endorses".
    if (f > floor + 1 && e - f <= 2 && is_role(w) && possessive_after(f - 1) && tokens_.kind[f - 2] == token_kind::word &&
        !q::is_function_word(word(f - 2))) {
      auto g = f - 2;
      while (g > floor && f - g < 4 && tokens_.kind[g - 1] == token_kind::word && !q::is_function_word(word(g - 1))) --g;
      return {g, e};
    }
    if (q::is_determiner(word(f)) || is_role(w) || (bare && !is_filler(w))) return {f, e};
    // A name's possession: "Ivana Trump's brief said", "Clinton's campaign says".
    if (f > floor + 1 && e - f <= 3 && possessive_after(f - 1)) {
      if (const auto m = mention_at(f - 2); m != no_index && speaking_mention(m))
        return {std::max(floor, mention_first(m)), e};
    }
    return role_before_phrase(e, floor);
  }

  // A role noun at the start of the sentence with a phrase after it: "Experts on North Korea and
  // nuclear nonproliferation said", "Residents of the town say".
  span role_before_phrase(std::uint32_t e, std::uint32_t floor) const {
    namespace q = detail::quotes;
    if (e - floor > 10) return {e, e};
    auto r = floor;
    while (r < e && r < floor + 2 && !is_role(word(r)) && tokens_.kind[r] == token_kind::word &&
           !q::is_function_word(lower(word(r))))
      ++r;
    if (r + 2 >= e || !is_role(word(r)) || !q::ascii_word_in(word(r + 1), {"on", "of", "from", "in", "at", "for", "with"}))
      return {e, e};
    for (auto u = r + 2; u < e; ++u)
      if (tokens_.kind[u] != token_kind::word && word(u) != "-") return {e, e};
    return {floor, e};
  }

  // The subject that starts at f, after an inverted cue ("said Trump", "said a spokesman").
  span starting_at(std::uint32_t f, std::uint32_t limit) const {
    namespace q = detail::quotes;
    if (f >= limit) return {f, f};
    if (q::is_pronoun(word(f))) return {f, f + 1};
    std::uint32_t found = no_index;
    for (auto t = f; t < limit && t < f + 8; ++t) {
      const auto w = word(t);
      if (q::is_terminator(w) || w == "," || tokens_.kind[t] == token_kind::quote) break;
      if (const auto m = mention_at(t); m != no_index) {
        if (speaking_mention(m) && (found == no_index || ml_->label[m] == entity_label::person)) found = m;
        if (ml_->label[m] == entity_label::person) break;
        t = ml_->end[m] - 1;
        continue;
      }
      if (found != no_index && q::is_function_word(w)) break;
    }
    if (found != no_index) return {f, ml_->end[found]};
    if (q::is_determiner(word(f))) {
      auto e = f + 1;
      while (e < limit && e < f + 6 && tokens_.kind[e] == token_kind::word && !q::is_function_word(word(e))) ++e;
      if (e > f + 1) return {f, e};
    }
    return {f, f};
  }

  // The entity a subject names: a person in it, else an organisation, place or nationality that is
  // all of it ("the Kremlin", not "officials from France"), else a resolved pronoun in it.
  std::uint32_t entity_of(span s) const {
    std::uint32_t other = no_index;
    for (auto t = s.first; t < s.end; ++t) {
      if (ml_) {
        const auto k = ml_->mention_of_token(t);
        if (k != no_index) {
          if (ml_->label[k] == entity_label::person) return ml_->cluster[k];
          const auto mf = mention_first(k);
          const bool whole = mf <= s.first || (mf == s.first + 1 && detail::quotes::is_determiner(word(s.first)));
          if (other == no_index && ml_->end[k] == s.end && whole &&
              (ml_->label[k] == entity_label::org || ml_->label[k] == entity_label::gpe ||
               ml_->label[k] == entity_label::norp))
            other = ml_->cluster[k];
        }
      }
      if (pl_ && other == no_index) {
        const auto p = pl_->pronoun_of_token(t);
        if (p != no_index && pl_->cluster[p] != no_index) return pl_->cluster[p];
      }
    }
    return other;
  }
};

}  // namespace byline::detail::stance
