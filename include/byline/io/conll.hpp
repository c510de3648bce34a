// byline — reading and writing CoNLL-style tagged files, and converting tag sequences to spans.
//
// Two layouts are read, told apart by the first token line of the file:
//
//  * CoNLL-2003 (conll_format::conll2003): columns separated by spaces or tabs, token first, gold tag
//    last (`EU NNP I-NP I-ORG`); `-DOCSTART-` lines separate documents; IOB1 tags in the original
//    files, though any scheme is kept as written.
//  * IOB2 TSV as Universal NER ships it (conll_format::iob2_tsv): tab-separated, the first column a
//    token number (`7<TAB>tampa<TAB>B-LOC<TAB>-<TAB>-`); the token is the second column and the gold
//    tag the third, because the columns after it are annotators' notes, not tags. `#` lines are
//    comments; `# newdoc` starts a document. A line whose first column is a CoNLL-U range or empty
//    node (`3-4`, `3.1`) is not a token and is skipped.
//
// In both, blank lines separate sentences, and a file without document markers is one document.
//
// The writer (write_conll) prints each token's original line up to and including its gold column,
// then the predicted tag, with the line's own separator: the last two columns are gold and predicted,
// which is what CoNLL's conlleval (and ../shared/eval/conlleval.py) read. Document markers are
// written as they were; comment lines are not (a scorer would take them for tokens).
//
// Tags to spans (spans_from_tags) reads IOB1, IOB2, BILOU and IOBES alike, the way conlleval does:
// B-/U-/S- start a span; I-/L-/E- continue the open span when it has the same type and is not closed,
// else start one; L-/E-/U-/S- close it; O and anything unreadable end it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <istream>
#include <ostream>
#include <span>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace byline::io {

enum class conll_format : std::uint8_t {
  conll2003,  // token first, gold tag last, -DOCSTART- separates documents
  iob2_tsv,   // index, token, gold tag, notes...; '#' comments, '# newdoc' separates documents
};

struct conll_sentence {
  std::vector<std::string> tokens;  // one per token line
  std::vector<std::string> tags;    // the gold tag of each token, as written
  std::vector<std::string> lines;   // each token's whole original line (no line break)
};

struct conll_document {
  std::string header;                    // the -DOCSTART- or `# newdoc` line; empty when none
  std::vector<conll_sentence> sentences;
  std::size_t token_count() const noexcept {
    std::size_t n = 0;
    for (const auto& s : sentences) n += s.tokens.size();
    return n;
  }
};

struct conll_corpus {
  conll_format format = conll_format::conll2003;
  std::vector<conll_document> documents;
  std::size_t token_count() const noexcept {
    std::size_t n = 0;
    for (const auto& d : documents) n += d.token_count();
    return n;
  }
  std::size_t sentence_count() const noexcept {
    std::size_t n = 0;
    for (const auto& d : documents) n += d.sentences.size();
    return n;
  }
};

// A line the reader cannot make sense of (a token line without a tag column).
class conll_error : public std::runtime_error {
 public:
  conll_error(std::size_t line, const std::string& what)
      : std::runtime_error("line " + std::to_string(line) + ": " + what), line_(line) {}
  std::size_t line() const noexcept { return line_; }

 private:
  std::size_t line_;
};

namespace detail {

inline bool conll_is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

// Columns separated by runs of spaces or tabs (CoNLL-2003), or by single tabs (TSV, whose columns
// may in principle hold spaces).
inline void conll_split(std::string_view line, bool tabs_only, std::vector<std::string_view>& out) {
  out.clear();
  if (tabs_only) {
    std::size_t b = 0;
    while (true) {
      const auto e = line.find('\t', b);
      out.push_back(line.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b));
      if (e == std::string_view::npos) break;
      b = e + 1;
    }
    return;
  }
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && conll_is_space(line[i])) ++i;
    const auto b = i;
    while (i < line.size() && !conll_is_space(line[i])) ++i;
    if (i > b) out.push_back(line.substr(b, i - b));
  }
}

inline bool conll_all_digits(std::string_view s) noexcept {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

inline bool conll_blank(std::string_view s) noexcept {
  for (char c : s)
    if (!conll_is_space(c)) return false;
  return true;
}

}  // namespace detail

// Reads a whole file's text. Lines may end in \n or \r\n. Throws conll_error for a token line with
// fewer than two columns (CoNLL-2003) or three (TSV).
inline conll_corpus read_conll(std::string_view text) {
  conll_corpus out;
  std::vector<std::string_view> cols;
  bool format_known = false;
  conll_sentence sentence;
  auto end_sentence = [&] {
    if (sentence.tokens.empty()) return;
    if (out.documents.empty()) out.documents.emplace_back();
    out.documents.back().sentences.push_back(std::move(sentence));
    sentence = {};
  };
  auto new_document = [&](std::string_view header) {
    end_sentence();
    // Markers before any sentence of the current document replace its header rather than leave an
    // empty document behind (a file that starts with a marker).
    if (out.documents.empty() || !out.documents.back().sentences.empty()) out.documents.emplace_back();
    out.documents.back().header = std::string(header);
  };

  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (detail::conll_blank(line)) {
      end_sentence();
      continue;
    }
    if (line.starts_with("-DOCSTART-")) {
      new_document(line);
      continue;
    }
    // '#' starts a comment in TSV files (whose token lines start with a number). In a CoNLL-2003
    // file "# NN O O" is a token, so once the format is known to be CoNLL-2003 it is read as one.
    if (line.front() == '#' && (!format_known || out.format == conll_format::iob2_tsv)) {
      if (line.starts_with("# newdoc")) new_document(line);
      continue;
    }
    if (!format_known) {
      detail::conll_split(line, true, cols);
      out.format = (cols.size() >= 3 && detail::conll_all_digits(cols[0])) ? conll_format::iob2_tsv
                                                                             : conll_format::conll2003;
      format_known = true;
    }
    if (out.format == conll_format::iob2_tsv) {
      detail::conll_split(line, true, cols);
      if (cols.size() < 3) throw conll_error(line_no, "expected index, token and tag columns");
      if (!detail::conll_all_digits(cols[0])) continue;  // 3-4 or 3.1: not a token of the text
      sentence.tokens.emplace_back(cols[1]);
      sentence.tags.emplace_back(cols[2]);
    } else {
      detail::conll_split(line, false, cols);
      if (cols.size() < 2) throw conll_error(line_no, "expected a token and a tag column");
      sentence.tokens.emplace_back(cols.front());
      sentence.tags.emplace_back(cols.back());
    }
    sentence.lines.emplace_back(line);
  }
  end_sentence();
  return out;
}

inline conll_corpus read_conll(std::istream& in) {
  std::ostringstream ss;
  ss << in.rdbuf();
  return read_conll(std::string_view(ss.view()));
}

// Throws std::runtime_error when the file cannot be read.
inline conll_corpus read_conll_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path.string());
  return read_conll(in);
}

// Writes every document of `corpus` with one predicted tag per token, `predicted` holding the tags in
// file order (documents, sentences, tokens). Throws std::invalid_argument when the count differs.
inline void write_conll(std::ostream& out, const conll_corpus& corpus, std::span<const std::string> predicted) {
  if (predicted.size() != corpus.token_count())
    throw std::invalid_argument("write_conll: " + std::to_string(predicted.size()) + " predicted tags for " +
                                std::to_string(corpus.token_count()) + " tokens");
  std::vector<std::string_view> cols;
  std::size_t k = 0;
  const bool tsv = corpus.format == conll_format::iob2_tsv;
  for (const auto& doc : corpus.documents) {
    if (!doc.header.empty() && !tsv) out << doc.header << "\n\n";
    for (const auto& s : doc.sentences) {
      for (const auto& line : s.lines) {
        std::string_view l = line;
        char sep = ' ';
        if (tsv) {
          // Cut after the third column (index, token, gold).
          std::size_t cut = 0;
          for (int c = 0; c < 3 && cut != std::string_view::npos; ++c) {
            cut = l.find('\t', cut);
            if (cut != std::string_view::npos && c < 2) ++cut;
          }
          if (cut != std::string_view::npos) l = l.substr(0, cut);
          sep = '\t';
        } else {
          while (!l.empty() && detail::conll_is_space(l.back())) l.remove_suffix(1);
          if (l.find(' ') == std::string_view::npos && l.find('\t') != std::string_view::npos) sep = '\t';
        }
        out << l << sep << predicted[k++] << '\n';
      }
      out << '\n';
    }
  }
}

// --- Tags and spans -------------------------------------------------------------------------------

enum class tag_scheme : std::uint8_t {
  iob1,   // I-X inside and at the start; B-X only to start a span right after one of the same type
  iob2,   // B-X at every start, I-X inside
  bilou,  // B-X begin, I-X inside, L-X last, U-X a one-token span
};

// A typed run of tokens [begin, end) within one sentence.
struct tag_span {
  std::string type;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  friend bool operator==(const tag_span&, const tag_span&) = default;
};

namespace detail {
// Splits "B-PER" into 'B' and "PER"; 'O' for "O" and for anything without a one-letter prefix.
inline char tag_prefix(std::string_view tag, std::string_view& type) noexcept {
  if (tag.size() >= 3 && tag[1] == '-') {
    type = tag.substr(2);
    return tag[0];
  }
  type = {};
  return 'O';
}
}  // namespace detail

// The spans of one sentence's tags, in order; reads IOB1, IOB2, BILOU and IOBES (see the top).
template <class Tag>
std::vector<tag_span> spans_from_tags(std::span<const Tag> tags) {
  std::vector<tag_span> out;
  bool open = false;
  std::string_view open_type;
  std::uint32_t start = 0;
  auto close = [&](std::uint32_t at) {
    if (open) out.push_back({std::string(open_type), start, at});
    open = false;
  };
  for (std::uint32_t i = 0; i < tags.size(); ++i) {
    std::string_view type;
    const char p = detail::tag_prefix(std::string_view(tags[i]), type);
    switch (p) {
      case 'B': case 'U': case 'S':
        close(i);
        open = true, open_type = type, start = i;
        break;
      case 'I': case 'L': case 'E':
        if (!open || type != open_type) {
          close(i);
          open = true, open_type = type, start = i;
        }
        break;
      default:
        close(i);
        continue;
    }
    if (p == 'L' || p == 'E' || p == 'U' || p == 'S') close(i + 1);
  }
  close(static_cast<std::uint32_t>(tags.size()));
  return out;
}

inline std::vector<tag_span> spans_from_tags(std::span<const std::string> tags) {
  return spans_from_tags<std::string>(tags);
}

// The tags of `n` tokens in `scheme` for non-overlapping `spans` sorted by begin. Spans that reach
// past `n`, are empty, or overlap an earlier one are ignored.
inline std::vector<std::string> tags_from_spans(std::span<const tag_span> spans, std::size_t n, tag_scheme scheme) {
  std::vector<std::string> out(n, "O");
  std::size_t covered = 0;  // tokens before this are taken
  std::uint32_t prev_end = 0;
  std::string_view prev_type;
  bool have_prev = false;
  for (const auto& s : spans) {
    if (s.begin >= s.end || s.end > n || s.begin < covered) continue;
    const bool adjacent_same = have_prev && prev_end == s.begin && prev_type == s.type;
    for (auto i = s.begin; i < s.end; ++i) {
      char p = 'I';
      if (scheme == tag_scheme::iob2) {
        p = i == s.begin ? 'B' : 'I';
      } else if (scheme == tag_scheme::iob1) {
        p = (i == s.begin && adjacent_same) ? 'B' : 'I';
      } else {
        if (s.end - s.begin == 1) p = 'U';
        else if (i == s.begin) p = 'B';
        else if (i + 1 == s.end) p = 'L';
      }
      out[i] = std::string(1, p) + "-" + s.type;
    }
    covered = s.end;
    prev_end = s.end;
    prev_type = s.type;
    have_prev = true;
  }
  return out;
}

// Rewrites one sentence's tags from any scheme into `scheme`.
inline std::vector<std::string> convert_tags(std::span<const std::string> tags, tag_scheme scheme) {
  const auto spans = spans_from_tags(tags);
  return tags_from_spans(spans, tags.size(), scheme);
}

}  // namespace byline::io
