// byline — a document made from tokens given by someone else (a CoNLL file, a treebank), so that
// components after the tokenizer run on exactly those tokens.
//
//   std::vector<std::vector<std::string>> sentences = {{"EU", "rejects", "German", "call"}, {"..."}};
//   byline::document doc = byline::document_from_tokens(sentences);
//   byline::pipeline{byline::entity_extractor{}}.run(doc);     // entities over the given tokens
//
// The text is the tokens joined by one space, sentences by a line break; it is one paragraph.
// Each token's kind and shape flags are what byline's tokenizer says of its text: the tokenizer
// runs over the joined text once, and a given token that it would split (a CoNLL "U.S.-based")
// takes the kind of its first piece and the shape of all its pieces together.
#pragma once

#include <byline/document/document.hpp>
#include <byline/document/records.hpp>
#include <byline/pipeline.hpp>
#include <byline/tokenize/tokenizer.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace byline {

template <class Sentences>
document document_from_tokens(const Sentences& sentences, const tokenizer& tok = tokenizer{}) {
  std::string text;
  std::vector<std::uint32_t> begin, end, sentence_end;
  for (const auto& s : sentences) {
    for (const auto& t : s) {
      if (!text.empty()) text += begin.size() > 0 && !sentence_end.empty() && sentence_end.back() == begin.size() ? '\n' : ' ';
      begin.push_back(static_cast<std::uint32_t>(text.size()));
      text += std::string_view(t);
      end.push_back(static_cast<std::uint32_t>(text.size()));
    }
    if (sentence_end.empty() || sentence_end.back() != begin.size()) sentence_end.push_back(static_cast<std::uint32_t>(begin.size()));
  }
  // The tokenizer's reading of the same text: every piece lies inside one given token, as no given
  // token holds a space.
  document pieces = pipeline{tok}(text);
  const auto& pt = pieces.base().token_records();

  document doc(std::move(text));
  auto& tl = doc.edit<token_layer>();
  tl.reserve(begin.size());
  std::size_t p = 0;
  for (std::size_t i = 0; i < begin.size(); ++i) {
    while (p < pt.size() && pt.end[p] <= begin[i]) ++p;
    token_kind kind = token_kind::other;
    token_rule rule = token_rule{};
    std::uint16_t flags = 0;
    bool first = true;
    std::uint16_t and_mask = token_flag::all_upper | token_flag::all_lower | token_flag::ascii;
    for (std::size_t q = p; q < pt.size() && pt.begin[q] < end[i]; ++q) {
      if (first) {
        kind = pt.kind[q];
        rule = pt.rule[q];
        flags = pt.flags[q];
        first = false;
      } else {
        // Case and ASCII hold for the whole only when they hold for every cased piece.
        const std::uint16_t f = pt.flags[q];
        const std::uint16_t cased = f & (token_flag::all_upper | token_flag::all_lower);
        if (cased) and_mask &= static_cast<std::uint16_t>(f | ~std::uint16_t(token_flag::all_upper | token_flag::all_lower));
        if (!(f & token_flag::ascii)) and_mask &= static_cast<std::uint16_t>(~std::uint16_t(token_flag::ascii));
        flags |= static_cast<std::uint16_t>(f & (token_flag::has_alpha | token_flag::has_digit | token_flag::replaced));
        if (cased) flags |= cased;
      }
    }
    if (!first) {
      const std::uint16_t keep = static_cast<std::uint16_t>(~(token_flag::all_upper | token_flag::all_lower | token_flag::ascii));
      flags = static_cast<std::uint16_t>((flags & keep) | (flags & and_mask));
      if ((flags & token_flag::all_upper) && (flags & token_flag::all_lower))
        flags &= static_cast<std::uint16_t>(~(token_flag::all_upper | token_flag::all_lower));
    }
    flags &= static_cast<std::uint16_t>(~std::uint16_t(token_flag::space_before));
    if (i > 0) flags |= token_flag::space_before;
    tl.push_back(begin[i], end[i], kind, rule, flags);
  }
  auto& sl = doc.edit<sentence_layer>().items;
  std::uint32_t at = 0;
  for (auto e : sentence_end) {
    if (e > at) sl.push_back({at, e});
    at = e;
  }
  auto& pl = doc.edit<paragraph_layer>().items;
  if (!begin.empty())
    pl.push_back({0, static_cast<std::uint32_t>(doc.size()), 0, static_cast<std::uint32_t>(begin.size()),
                  unicode::script::common, 0});
  return doc;
}

}  // namespace byline
