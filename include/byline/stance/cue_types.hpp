// byline — the types of the cue lexicon (stance/data/cues.hpp holds its rows).
#pragma once

#include <cstdint>
#include <string_view>

namespace byline {

// What a cue says about the words it introduces or the position it takes.
enum class cue_class : std::uint8_t {
  report,     // speech: say, tell, add, describe ... as
  write,      // written or posted: write, tweet
  ask,        // a question: ask, wonder
  belief,     // thought or feeling: think, believe, hope, fear
  show,       // evidence: show, find
  support,    // a position for: endorse, back, welcome, call for
  oppose,     // a position against: reject, decline, refuse, condemn
  according,  // "according to"
  positive,   // a word that praises what it describes: excellent, warmly, praise for
  negative,   // a word that finds fault: unacceptable, harshly, criticism of
  harm,       // a verb that blames its subject when someone reports it: encroach, meddle
};

inline constexpr std::string_view name(cue_class c) noexcept {
  constexpr std::string_view names[] = {"report", "write", "ask", "belief", "show", "support", "oppose", "according", "positive", "negative", "harm"};
  return names[static_cast<std::uint8_t>(c)];
}

// Which forms of its lemma a row is (a bit set: "said" is past and participle).
namespace cue_form {
inline constexpr std::uint8_t base = 1u << 0;        // say, call for
inline constexpr std::uint8_t past = 1u << 1;        // said
inline constexpr std::uint8_t participle = 1u << 2;  // said, rejected (by ...)
inline constexpr std::uint8_t third = 1u << 3;       // says
inline constexpr std::uint8_t ing = 1u << 4;         // saying
inline constexpr std::uint8_t noun = 1u << 5;        // statement
inline constexpr std::uint8_t plural = 1u << 6;      // statements
inline constexpr std::uint8_t fixed = 1u << 7;       // according to, willingness to
}  // namespace cue_form

struct cue_entry {
  std::string_view form;   // lower case, words separated by one space
  std::string_view lemma;  // "say", "call for"
  cue_class cls;
  std::uint8_t forms;  // cue_form bits
  std::uint8_t words;  // words in form
};

}  // namespace byline
