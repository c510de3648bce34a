// byline — the extra features the attribution models see beside a word's own (stance/attributions.hpp):
// the cue lexicon, quotations, entities and pronouns, and where the nearest speech cue stands.
// tools/train_attributions.cpp trains with exactly these, so they live in one place.
#pragma once

#include <byline/document/document.hpp>
#include <byline/entity/coreference.hpp>
#include <byline/entity/entities.hpp>
#include <byline/entity/model.hpp>
#include <byline/stance/cues.hpp>
#include <byline/stance/quotes.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace byline {

// Extra feature ids per token, for ner_model::tag: token i's ids are ids[offsets[i] .. offsets[i + 1]).
struct attribution_feature_buffer {
  std::vector<std::uint64_t> ids;
  std::vector<std::uint32_t> offsets;
  // scratch
  std::vector<std::uint8_t> cue_class_at;   // 0 none, else 1 + cue_class of a lexicon cue starting here
  std::vector<std::uint8_t> cue_inside;     // 1 inside a multi-word lexicon cue (not its first word)
  std::vector<std::uint8_t> cue_forms;      // the form bits of the cue starting here
  std::vector<std::uint8_t> quoted;         // 1 inside a quotation that is speech, 2 scare
};

namespace detail::attr {

inline constexpr std::size_t classes = static_cast<std::size_t>(cue_class::according) + 1;  // attribution cue classes

// Feature ids, made once: a name hashed as ner_model::extra_feature_id does.
struct ids {
  std::array<std::uint64_t, classes> cue_begin{}, cue_in{}, left{}, right{};
  std::array<std::uint64_t, 8> forms{};
  std::array<std::array<std::uint64_t, 6>, 2> dist{};  // left/right speech cue distance buckets
  std::uint64_t no_left = 0, no_right = 0;
  std::array<std::uint64_t, 3> quote{};  // outside, inside speech, inside scare
  std::uint64_t quote_open = 0, quote_close = 0, quote_speaker = 0, quote_cue = 0;
  std::array<std::uint64_t, 20> entity_b{}, entity_i{};
  std::uint64_t pronoun = 0, resolved_pronoun = 0;
  std::uint64_t sentence_has_quote = 0, sentence_has_cue = 0;
  std::uint64_t after_that = 0, after_colon = 0, after_comma_cue = 0;
  std::array<std::uint64_t, 4> position{};  // first, second, third, later in the sentence
  std::uint64_t subject_before = 0;            // a name or pronoun right before (skipping adverbs)
  std::array<std::uint64_t, 8> next_kind{};    // what follows: that, quote, colon, comma, to, name, other

  ids() {
    auto id = [](std::string s) { return ner_model::extra_feature_id(s); };
    for (std::size_t c = 0; c < classes; ++c) {
      const std::string n(name(static_cast<cue_class>(c)));
      cue_begin[c] = id("attr:cue:B:" + n);
      cue_in[c] = id("attr:cue:I:" + n);
      left[c] = id("attr:left:" + n);
      right[c] = id("attr:right:" + n);
    }
    for (std::size_t f = 0; f < 8; ++f) forms[f] = id("attr:form:" + std::to_string(f));
    for (std::size_t s = 0; s < 2; ++s)
      for (std::size_t b = 0; b < 6; ++b) dist[s][b] = id("attr:dist:" + std::to_string(s) + ":" + std::to_string(b));
    no_left = id("attr:no_left");
    no_right = id("attr:no_right");
    for (std::size_t q = 0; q < 3; ++q) quote[q] = id("attr:quote:" + std::to_string(q));
    quote_open = id("attr:quote_open");
    quote_close = id("attr:quote_close");
    quote_speaker = id("attr:quote_speaker");
    quote_cue = id("attr:quote_cue");
    for (std::size_t l = 0; l < 20; ++l) {
      entity_b[l] = id("attr:ent:B:" + std::to_string(l));
      entity_i[l] = id("attr:ent:I:" + std::to_string(l));
    }
    pronoun = id("attr:pronoun");
    resolved_pronoun = id("attr:pronoun:resolved");
    sentence_has_quote = id("attr:sent_quote");
    sentence_has_cue = id("attr:sent_cue");
    after_that = id("attr:after_that");
    after_colon = id("attr:after_colon");
    after_comma_cue = id("attr:after_comma_cue");
    for (std::size_t p = 0; p < 4; ++p) position[p] = id("attr:pos:" + std::to_string(p));
    subject_before = id("attr:subject_before");
    for (std::size_t k = 0; k < 8; ++k) next_kind[k] = id("attr:next:" + std::to_string(k));
  }
};

inline const ids& feature_ids() {
  static const ids i;
  return i;
}

// A crude stem of a lower-case ASCII word, so that inflections share weight (said/says stay
// apart; their rows are in the lexicon): decided, decides, deciding -> decid.
inline std::string_view stem(std::string_view w) {
  for (std::string_view suf : {"ing", "ed", "es", "s"})
    if (w.size() > suf.size() + 2 && w.ends_with(suf)) return w.substr(0, w.size() - suf.size());
  if (w.size() > 3 && w.ends_with('e')) return w.substr(0, w.size() - 1);
  return w;
}
inline std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
  std::uint64_t h = a ^ (b + 0x9E3779B97F4A7C15ULL + (a << 6) + (a >> 2));
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ULL;
  return h ^ (h >> 32);
}

inline std::size_t bucket(std::uint32_t d) { return d <= 1 ? 0 : d == 2 ? 1 : d == 3 ? 2 : d <= 6 ? 3 : d <= 12 ? 4 : 5; }

// The speech cue classes: the ones whose words report what someone said or thinks.
inline bool speech_class(std::uint8_t c) {
  return c != 0 && static_cast<cue_class>(c - 1) != cue_class::support && static_cast<cue_class>(c - 1) != cue_class::oppose;
}

}  // namespace detail::attr

// Fills `out` with the extra features of every token of `doc` (which has tokens, sentences, both
// entity layers, pronouns and quotations).
inline void attribution_features(const document_base& doc, attribution_feature_buffer& out) {
  namespace a = detail::attr;
  const auto& f = a::feature_ids();
  const auto n = static_cast<std::uint32_t>(doc.token_count());
  const auto& tokens = doc.token_records();
  out.ids.clear();
  out.offsets.assign(1, 0);
  out.cue_class_at.assign(n, 0);
  out.cue_inside.assign(n, 0);
  out.cue_forms.assign(n, 0);
  out.quoted.assign(n, 0);

  // The lexicon's cues: a lookup only at lower-case words and sentence-initial ones.
  for (std::uint32_t t = 0; t < n; ++t) {
    if (!(tokens.flags[t] & token_flag::has_alpha) || tokens.kind[t] != token_kind::word) continue;
    const auto c = cue_at(doc, t);
    if (!c) continue;
    // The row of an attribution class (report … according): the judging and harm classes are the
    // stance tagger's, and the feature tables have a slot for the first eight classes only.
    const cue_entry* row = nullptr;
    for (std::size_t r = 0; r < c->rows && !row; ++r)
      if (c->entry[r].cls <= cue_class::according) row = c->entry + r;
    if (!row) continue;
    out.cue_class_at[t] = static_cast<std::uint8_t>(1 + static_cast<std::uint8_t>(row->cls));
    out.cue_forms[t] = row->forms;
    for (auto u = c->first + 1; u < c->end; ++u) out.cue_inside[u] = 1;
  }
  const auto* ql = doc.find<quote_layer>();
  std::vector<std::uint8_t> mark(n, 0);  // 1 open, 2 close, 4 speaker, 8 cue
  if (ql)
    for (std::size_t q = 0; q < ql->size(); ++q) {
      const std::uint8_t v = (ql->flags[q] & quote_flag::scare) ? 2 : 1;
      for (auto p = ql->part_begin[q]; p < ql->part_begin[q + 1]; ++p) {
        for (auto t = ql->part_first[p]; t < ql->part_end[p] && t < n; ++t)
          if (out.quoted[t] == 0) out.quoted[t] = v;
        if (ql->part_open[p] < n) mark[ql->part_open[p]] |= 1;
        if (ql->part_close[p] < n) mark[ql->part_close[p]] |= 2;
      }
      for (auto t = ql->speaker_first[q]; t < ql->speaker_end[q] && t < n; ++t) mark[t] |= 4;
      for (auto t = ql->cue_first[q]; t < ql->cue_end[q] && t < n; ++t) mark[t] |= 8;
    }
  const auto* ml = doc.find<entity_mention_layer>();
  const auto* pl = doc.find<pronoun_layer>();

  const auto& sentences = doc.sentence_records().items;
  std::vector<std::uint32_t> left_cue, right_cue;  // nearest speech cue start at or before / after, per token
  for (const auto& s : sentences) {
    const auto sb = s.first_token, se = std::min<std::uint32_t>(s.end_token, n);
    bool has_quote = false, has_cue = false;
    for (auto t = sb; t < se; ++t) {
      has_quote |= mark[t] & 1;
      has_cue |= a::speech_class(out.cue_class_at[t]);
    }
    // Nearest speech cues on either side, within the sentence.
    left_cue.assign(se - sb, detail::no_index);
    right_cue.assign(se - sb, detail::no_index);
    std::uint32_t last = detail::no_index;
    for (auto t = sb; t < se; ++t) {
      left_cue[t - sb] = last;
      if (a::speech_class(out.cue_class_at[t])) last = t;
    }
    last = detail::no_index;
    for (auto t = se; t-- > sb;) {
      right_cue[t - sb] = last;
      if (a::speech_class(out.cue_class_at[t])) last = t;
    }
    bool seen_that = false, seen_colon = false, comma_after_cue = false;
    for (auto t = sb; t < se; ++t) {
      auto add = [&](std::uint64_t id) { out.ids.push_back(id); };
      const auto c = out.cue_class_at[t];
      if (c) {
        add(f.cue_begin[c - 1]);
        for (unsigned b = 0; b < 8; ++b)
          if (out.cue_forms[t] & (1u << b)) add(f.forms[b]);
      }
      if (out.cue_inside[t]) add(f.cue_in[0]);
      add(f.quote[out.quoted[t]]);
      if (mark[t] & 1) add(f.quote_open);
      if (mark[t] & 2) add(f.quote_close);
      if (mark[t] & 4) add(f.quote_speaker);
      if (mark[t] & 8) add(f.quote_cue);
      if (ml) {
        const auto m = ml->mention_of_token(t);
        if (m != detail::no_index) {
          const auto l = static_cast<std::size_t>(ml->label[m]) % 20;
          add(ml->first[m] == t ? f.entity_b[l] : f.entity_i[l]);
        }
      }
      if (pl) {
        const auto p = pl->pronoun_of_token(t);
        if (p != detail::no_index) add(pl->cluster[p] != detail::no_index ? f.resolved_pronoun : f.pronoun);
      }
      if (has_quote) add(f.sentence_has_quote);
      if (has_cue) add(f.sentence_has_cue);
      add(f.position[std::min<std::uint32_t>(t - sb, 3)]);
      const auto l = left_cue[t - sb], r = right_cue[t - sb];
      if (l == detail::no_index) add(f.no_left);
      else {
        add(f.dist[0][a::bucket(t - l)]);
        add(f.left[out.cue_class_at[l] - 1]);
      }
      if (r == detail::no_index) add(f.no_right);
      else {
        add(f.dist[1][a::bucket(r - t)]);
        add(f.right[out.cue_class_at[r] - 1]);
      }
      // Word-level conjunctions the linear model cannot make itself: the stem, and the stem with a
      // subject before it and with what follows.
      const auto w0 = doc.token_utf8(token_id{t});
      std::size_t next = 6;
      if (t + 1 < se) {
        const auto nw = doc.token_utf8(token_id{t + 1});
        next = nw == "that" ? 0 : (mark[t + 1] & 1) ? 1 : nw == ":" ? 2 : nw == "," ? 3 : nw == "to" ? 4 : 6;
        if (next == 6 && ml && ml->mention_of_token(t + 1) != detail::no_index) next = 5;
      } else {
        next = 7;
      }
      add(f.next_kind[next]);
      bool subject = false;
      if (t > sb) {
        auto u = t - 1;
        while (u > sb && doc.token_utf8(token_id{u}).ends_with("ly")) --u;
        subject = (ml && ml->mention_of_token(u) != detail::no_index) ||
                  (pl && pl->pronoun_of_token(u) != detail::no_index) ||
                  detail::quotes::is_pronoun(doc.token_utf8(token_id{u})) || doc.token_utf8(token_id{u}) == "who";
      }
      if (subject) add(f.subject_before);
      if ((tokens.flags[t] & token_flag::all_lower) && w0.size() <= 24 && (tokens.flags[t] & token_flag::has_alpha)) {
        const auto st = a::stem(w0);
        const auto h = ner_model::extra_feature_id(st);
        add(a::mix(h, 1));
        add(a::mix(h, 2 + next));
        if (subject) add(a::mix(h, 20));
      }
      if (seen_that) add(f.after_that);
      if (seen_colon) add(f.after_colon);
      if (comma_after_cue) add(f.after_comma_cue);
      out.offsets.push_back(static_cast<std::uint32_t>(out.ids.size()));
      // What the words after this one see.
      const auto w = doc.token_utf8(token_id{t});
      if (a::speech_class(c)) seen_that = seen_colon = comma_after_cue = false;
      if (w == "that" && l != detail::no_index) seen_that = true;
      if (w == ":") seen_colon = true;
      if (w == "," && (a::speech_class(c) || (t > sb && a::speech_class(out.cue_class_at[t - 1]))))
        comma_after_cue = true;
    }
  }
  // Tokens in no sentence (none in a well-formed document) get no features.
  while (out.offsets.size() < static_cast<std::size_t>(n) + 1) out.offsets.push_back(static_cast<std::uint32_t>(out.ids.size()));
}

}  // namespace byline
