// who_said_what: a report of an article's quotations by speaker, its attributions by source, and for
// each target who is for it and who against.
//
//   who_said_what examples/data/harbour-talks.txt
//
// Quotations come from byline's quote finder (split ones joined, scare quotes listed apart), with
// the entity of each speaker; attributions (quoted or not) from the attribution tagger; stances from
// the stance tagger, grouped by target with doc.stance_summary(). Each line names its evidence: the
// words quoted or reported, with their cue.
#include <byline/byline.hpp>

#include <fmt/core.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::string shorten(std::string_view s, std::size_t max = 110) {
  if (s.size() <= max) return std::string(s);
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 sequence
  return std::string(s.substr(0, cut)) + "…";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: who_said_what ARTICLE.txt\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "who_said_what: cannot read %s\n", argv[1]);
    return 1;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  const byline::pipeline nlp;
  const auto doc = nlp(ss.str());

  // Quotations by speaker: the entity's canonical name, else the speaker's words.
  std::map<std::string, std::vector<std::string>> by_speaker;
  std::vector<std::string> scare, unattributed;
  for (auto q : doc.quotes()) {
    if (q.outer()) continue;  // a quotation inside another is part of it
    if (q.is_scare()) {
      scare.emplace_back(q.text());
      continue;
    }
    std::string line = "“";
    bool first = true;
    for (auto part : q.parts()) {
      if (!first) line += " … ";
      line += part.text();
      first = false;
    }
    line += "”";
    if (auto c = q.cue()) line += fmt::format("  [{}]", c->text());
    if (auto e = q.speaker()) by_speaker[std::string(e->canonical())].push_back(shorten(line));
    else if (auto w = q.speaker_span()) by_speaker[std::string(w->text())].push_back(shorten(line));
    else unattributed.push_back(shorten(line));
  }
  fmt::print("Quotations by speaker\n");
  for (const auto& [speaker, lines] : by_speaker) {
    fmt::print("  {} ({})\n", speaker, lines.size());
    for (const auto& l : lines) fmt::print("    {}\n", l);
  }
  if (!unattributed.empty()) {
    fmt::print("  (speaker not found) ({})\n", unattributed.size());
    for (const auto& l : unattributed) fmt::print("    {}\n", l);
  }
  if (!scare.empty()) {
    fmt::print("Scare quotes and titles (no speech):");
    for (const auto& s : scare) fmt::print(" “{}”", s);
    fmt::print("\n");
  }

  // Attributions by source, quoted or not.
  std::map<std::string, std::vector<std::string>> by_source;
  for (auto a : doc.attributions()) {
    if (!a.cue() || !a.source()) continue;
    const std::string who = a.entity() ? std::string(a.entity()->canonical()) : std::string(a.source()->text());
    by_source[who].push_back(
        shorten(fmt::format("{}: {}", a.cue()->text(), a.content() ? a.content()->text() : std::string_view("—"))));
  }
  fmt::print("\nWho said, thinks or wants what\n");
  for (const auto& [who, lines] : by_source) {
    fmt::print("  {}\n", who);
    for (const auto& l : lines) fmt::print("    {}\n", l);
  }

  // For and against, by target: each holder with the cue and the evidence.
  fmt::print("\nWho is for and who against what\n");
  const auto stances = doc.stances();
  auto line_of = [&](std::uint32_t k) {
    const auto s = stances[k];
    std::string notes;
    if (s.negated()) notes += ", negated";
    if (s.modality() != byline::stance_modality::asserted) notes += fmt::format(", {}", name(s.modality()));
    if (s.intensity() != byline::stance_intensity::plain) notes += fmt::format(", {}", name(s.intensity()));
    return shorten(fmt::format("[{}{}] {}", s.cue().text(), notes, s.evidence().text()), 140);
  };
  for (const auto& t : doc.stance_summary().by_target) {
    fmt::print("  {}\n", t.target);
    for (const auto* side : {&t.favor, &t.against})
      for (const auto& h : *side) {
        fmt::print("    {} {}\n", side == &t.favor ? "for:    " : "against:", h.holder);
        for (const auto k : h.stances) fmt::print("      {}\n", line_of(k));
      }
  }
  return 0;
}
