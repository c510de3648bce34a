// byline — the command-line demo: prints the UAX #29 sentences and words of a UTF-8 text, one
// segment per line, as BEGIN<TAB>END<TAB>STATUS<TAB>TEXT with byte offsets into the input.
//
//   byline segment examples/data/harbour-talks.txt
//   curl -s https://example.com/story | byline words -
//
// The input is segmented exactly as read. byline's views decode invalid UTF-8 as U+FFFD internally
// and keep counting the original bytes, so the offsets printed always index the caller's file, even
// when it is damaged; only the TEXT column shows the replacement.
#include <byline/segment/sentences.hpp>
#include <byline/segment/words.hpp>
#include <byline/unicode/utf.hpp>
#include <byline/version.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace seg = byline::segment;
namespace uni = byline::unicode;

// Exit codes: 2 follows grep and diff for unreadable input, 64 is sysexits' EX_USAGE.
constexpr int exit_ok = 0;
constexpr int exit_output_error = 1;
constexpr int exit_input_error = 2;
constexpr int exit_usage = 64;

constexpr std::string_view usage_text =
    "usage: byline segment [--all] FILE|-\n"
    "       byline words [--all] FILE|-\n"
    "       byline sentences [--all] FILE|-\n"
    "       byline --help | --version\n";

constexpr std::string_view help_details =
    "\n"
    "Prints the UAX #29 segments of a UTF-8 text, one per line:\n"
    "\n"
    "  BEGIN<TAB>END<TAB>STATUS<TAB>TEXT\n"
    "\n"
    "BEGIN and END are byte offsets into the input (END is one past the segment's\n"
    "last byte). TEXT is escaped so that every segment stays on one line:\n"
    "backslash, line feed, carriage return and tab as \\\\, \\n, \\r and \\t; other\n"
    "control characters, U+2028 and U+2029 as \\uXXXX. Invalid UTF-8 is shown as\n"
    "U+FFFD (a warning on stderr counts it); the offsets still refer to the\n"
    "original bytes.\n"
    "\n"
    "Commands:\n"
    "  segment    sentences, then words, under the headings '# sentences' and '# words'\n"
    "  words      word segments; STATUS is letter, number, punctuation, emoji, kana,\n"
    "             ideographic, other (or whitespace, with --all)\n"
    "  sentences  sentence segments; STATUS is terminated (ends with . ! ? or\n"
    "             another terminator), separated (ends at a line break) or\n"
    "             unterminated (runs to the end of the input)\n"
    "\n"
    "Options:\n"
    "  --all      also print segments that are only whitespace (spaces between\n"
    "             words, blank lines), so that the segments cover every byte\n"
    "  -          read standard input instead of a file\n"
    "  --         end of options (for a file whose name starts with '-')\n"
    "\n"
    "Exit status: 0 success, 1 output error, 2 unreadable input, 64 bad usage.\n";

enum class command { segment, words, sentences };

struct options {
  command cmd = command::segment;
  bool all = false;     // print whitespace-only segments too
  std::string path;     // "-" is standard input
};

// What the command line asks for: a run, or one of the answers that need no input.
struct parsed_args {
  enum { run, help, version, usage_error } action = usage_error;
  options opts;
  std::string error;  // for usage_error
};

std::optional<command> command_named(std::string_view s) {
  if (s == "segment") return command::segment;
  if (s == "words") return command::words;
  if (s == "sentences") return command::sentences;
  return std::nullopt;
}

parsed_args parse_args(const std::vector<std::string_view>& args) {
  parsed_args r;
  std::vector<std::string_view> operands;
  bool options_done = false;
  for (auto a : args) {
    if (options_done || a == "-" || !a.starts_with('-')) {
      operands.push_back(a);
    } else if (a == "--") {
      options_done = true;
    } else if (a == "--help" || a == "-h") {
      r.action = parsed_args::help;
      return r;
    } else if (a == "--version") {
      r.action = parsed_args::version;
      return r;
    } else if (a == "--all") {
      r.opts.all = true;
    } else {
      r.error = fmt::format("unknown option '{}'", a);
      return r;
    }
  }
  if (operands.empty()) {
    r.error = "no command given";
    return r;
  }
  const auto cmd = command_named(operands[0]);
  if (!cmd) {
    r.error = fmt::format("unknown command '{}'", operands[0]);
    return r;
  }
  if (operands.size() < 2) {
    r.error = fmt::format("'{}' needs a FILE (or - for standard input)", operands[0]);
    return r;
  }
  if (operands.size() > 2) {
    r.error = fmt::format("'{}' takes one FILE, got {}", operands[0], operands.size() - 1);
    return r;
  }
  r.opts.cmd = *cmd;
  r.opts.path = std::string(operands[1]);
  r.action = parsed_args::run;
  return r;
}

// Reads all of `f`. Binary mode and fread keep the bytes exactly as stored (no newline
// translation, NULs kept), which the byte offsets depend on.
bool read_stream(std::FILE* f, std::string& out) {
  char chunk[1 << 16];
  std::size_t n;
  while ((n = std::fread(chunk, 1, sizeof chunk, f)) > 0) out.append(chunk, n);
  return !std::ferror(f);
}

// The whole input named by `path`, or nullopt after printing why it could not be read.
std::optional<std::string> read_input(const std::string& path) {
  std::string text;
  if (path == "-") {
    if (!read_stream(stdin, text)) {
      fmt::print(stderr, "byline: cannot read standard input: {}\n", std::strerror(errno));
      return std::nullopt;
    }
    return text;
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    fmt::print(stderr, "byline: cannot open '{}': {}\n", path, std::strerror(errno));
    return std::nullopt;
  }
  // A directory opens fine on Linux; reading it is what fails (EISDIR).
  const bool ok = read_stream(f, text);
  const int read_errno = errno;
  std::fclose(f);
  if (!ok) {
    fmt::print(stderr, "byline: cannot read '{}': {}\n", path, std::strerror(read_errno));
    return std::nullopt;
  }
  return text;
}

// Tells the user that the TEXT column shows U+FFFD for some bytes, and where to look first.
void warn_about_invalid_utf8(std::string_view text) {
  std::size_t count = 0, first = 0;
  uni::for_each_error(text, [&](const uni::decode_issue& e) {
    if (count++ == 0) first = e.offset;
  });
  if (count == 0) return;
  fmt::print(stderr, "byline: warning: {} invalid UTF-8 sequence{} replaced (first at byte {})\n", count,
             count == 1 ? "" : "s", first);
}

// Characters that would break the one-segment-per-line format, or act on a terminal, when printed
// as they are: C0 controls and DEL, C1 controls (U+0085 is a line break), and U+2028 and U+2029,
// which Unicode-aware readers treat as line and paragraph breaks.
constexpr bool needs_escape(char32_t c) noexcept {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029;
}

// Appends `text` so that it stays on one line and is valid UTF-8: \\, \n, \r and \t as in C, other
// characters that needs_escape() names as \uXXXX, and each ill-formed sequence as U+FFFD, the same
// replacement the segmenters made when they read it.
void append_escaped(fmt::memory_buffer& out, std::string_view text) {
  auto it = text.begin();
  const auto end = text.end();
  while (it != end) {
    // Most text is printable ASCII: copy such runs whole.
    auto run = it;
    while (run != end && static_cast<unsigned char>(*run) >= 0x20 && static_cast<unsigned char>(*run) < 0x7F &&
           *run != '\\')
      ++run;
    out.append(it, run);
    if (run == end) break;
    it = run;

    const auto d = uni::decode<uni::encoding::utf8>(it, end);
    if (d.error != uni::decode_error::none) {
      out.append(std::string_view("\xEF\xBF\xBD"));  // U+FFFD in UTF-8
    } else if (d.code_point == U'\\') {
      out.append(std::string_view("\\\\"));
    } else if (d.code_point == U'\n') {
      out.append(std::string_view("\\n"));
    } else if (d.code_point == U'\r') {
      out.append(std::string_view("\\r"));
    } else if (d.code_point == U'\t') {
      out.append(std::string_view("\\t"));
    } else if (needs_escape(d.code_point)) {
      fmt::format_to(std::back_inserter(out), "\\u{:04X}", static_cast<std::uint32_t>(d.code_point));
    } else {
      out.append(it, d.next);  // well-formed and printable: the original bytes
    }
    it = d.next;
  }
}

void append_line(fmt::memory_buffer& out, byline::span_offsets o, std::string_view status, std::string_view text) {
  fmt::format_to(std::back_inserter(out), "{}\t{}\t{}\t", o.begin, o.end, status);
  append_escaped(out, text);
  out.push_back('\n');
}

// A sentence that holds nothing but whitespace: the empty line between two paragraphs, which
// UAX #29 reports as a sentence of its own.
bool is_blank(std::string_view sentence) {
  auto ws = seg::words(sentence);
  return std::ranges::all_of(ws, [](const auto& w) { return w.is_whitespace(); });
}

void append_sentences(fmt::memory_buffer& out, std::string_view text, bool all) {
  for (const auto& s : seg::sentences(text))
    if (all || !is_blank(s.text())) append_line(out, s.offsets(), name(s.status()), s.text());
}

void append_words(fmt::memory_buffer& out, std::string_view text, bool all) {
  for (const auto& w : seg::words(text))
    if (all || !w.is_whitespace()) append_line(out, w.offsets(), name(w.status()), w.text());
}

// Writes everything at once; a full disk or a closed pipe must not pass for success.
bool write_stdout(const fmt::memory_buffer& out) {
  const bool ok = std::fwrite(out.data(), 1, out.size(), stdout) == out.size() && std::fflush(stdout) == 0;
  if (!ok) fmt::print(stderr, "byline: cannot write output: {}\n", std::strerror(errno));
  return ok;
}

int run_command(const options& opts) {
  const auto text = read_input(opts.path);
  if (!text) return exit_input_error;
  warn_about_invalid_utf8(*text);

  fmt::memory_buffer out;
  switch (opts.cmd) {
    case command::segment:
      out.append(std::string_view("# sentences\n"));
      append_sentences(out, *text, opts.all);
      out.append(std::string_view("\n# words\n"));
      append_words(out, *text, opts.all);
      break;
    case command::words:
      append_words(out, *text, opts.all);
      break;
    case command::sentences:
      append_sentences(out, *text, opts.all);
      break;
  }
  return write_stdout(out) ? exit_ok : exit_output_error;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string_view> args(argv + std::min(argc, 1), argv + argc);
  const auto parsed = parse_args(args);
  switch (parsed.action) {
    case parsed_args::help:
      fmt::print("{}{}", usage_text, help_details);
      return std::fflush(stdout) == 0 ? exit_ok : exit_output_error;
    case parsed_args::version:
      fmt::print("byline {}\n", byline::version);
      return std::fflush(stdout) == 0 ? exit_ok : exit_output_error;
    case parsed_args::usage_error:
      fmt::print(stderr, "byline: {}\n{}Try 'byline --help' for more information.\n", parsed.error, usage_text);
      return exit_usage;
    case parsed_args::run:
      break;
  }
  return run_command(parsed.opts);
}
