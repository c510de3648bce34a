// byline — the command-line front end: UAX #29 segments, news tokens and sentences, and the full
// analysis (paragraphs with their script and page-chrome flags, sentences, tokens) as JSON, JSON
// Lines or a readable summary.
//
//   byline tokens examples/data/harbour-talks.txt
//   byline sentences examples/data/harbour-talks.txt
//   byline analyze --format jsonl stories/*.txt > stories.jsonl
//   curl -s https://example.com/story | byline words -
//
// The input is analysed exactly as read. byline decodes invalid UTF-8 as U+FFFD internally and
// keeps counting the original bytes, so the offsets printed always index the caller's file, even
// when it is damaged; only the text shows the replacement.
#include <byline/byline.hpp>
#include <byline/fmt.hpp>
#include <byline/entity/conll_tagging.hpp>
#include <byline/io/json.hpp>

#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <mutex>
#include <optional>
#include <ranges>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

namespace seg = byline::segment;
namespace uni = byline::unicode;

// The default pipeline: tokens, paragraphs, news sentences.
const byline::pipeline nlp;
// What `tokens` needs.
const byline::pipeline token_nlp{byline::tokenizer{}};

// Exit codes: 2 follows grep and diff for unreadable input, 64 is sysexits' EX_USAGE.
constexpr int exit_ok = 0;
constexpr int exit_output_error = 1;
constexpr int exit_input_error = 2;
constexpr int exit_usage = 64;

constexpr std::string_view usage_text =
    "usage: byline segment [--all] FILE|-\n"
    "       byline words [--all] FILE|-\n"
    "       byline sentences [--uax29 [--all]] FILE|-\n"
    "       byline tokens FILE|-\n"
    "       byline analyze [--format json|jsonl|text] [--no-tokens] FILE...|-\n"
    "       byline tag-conll FILE|-\n"
    "       byline --help | --version\n";

constexpr std::string_view help_details =
    "\n"
    "Reads UTF-8 text. Offsets are byte offsets into the input, [BEGIN, END): END is\n"
    "one past the last byte. Invalid UTF-8 is read as U+FFFD (a warning on stderr\n"
    "counts it); the offsets still refer to the original bytes.\n"
    "\n"
    "Line-per-item commands print TEXT escaped so that every item stays on one line:\n"
    "backslash, line feed, carriage return and tab as \\\\, \\n, \\r and \\t; other\n"
    "control characters, U+2028 and U+2029 as \\uXXXX.\n"
    "\n"
    "Commands:\n"
    "  tokens     the news tokens, one a line: BEGIN<TAB>END<TAB>KIND<TAB>RULE<TAB>TEXT.\n"
    "             \"U.S.\", \"Mr.\", \"$4.2bn\" -> \"$ 4.2 bn\", \"10:30\", clitics split off\n"
    "             (\"region’s\" -> \"region ’s\"); RULE says which rule made the token\n"
    "  sentences  the news sentences, one a line: BEGIN<TAB>END<TAB>TEXT. No break after\n"
    "             titles and abbreviations (\"said Mr. Karim Haddad\"), a line break ends\n"
    "             a headline. With --uax29, the plain UAX #29 sentence segments instead,\n"
    "             as BEGIN<TAB>END<TAB>STATUS<TAB>TEXT (STATUS: terminated, separated,\n"
    "             unterminated)\n"
    "  words      UAX #29 word segments: BEGIN<TAB>END<TAB>STATUS<TAB>TEXT, STATUS one of\n"
    "             letter, number, punctuation, emoji, kana, ideographic, other (or\n"
    "             whitespace, with --all)\n"
    "  segment    the UAX #29 sentences, then the words, under the headings\n"
    "             '# sentences' and '# words'\n"
    "  analyze    the full analysis of each FILE: paragraphs (script, boilerplate and\n"
    "             heading flags), sentences and tokens. Several files are analysed in\n"
    "             parallel and printed in the order given. A file that cannot be read is\n"
    "             reported and skipped; the others are still analysed (exit status 2).\n"
    "  tag-conll  entities over the tokens of a CoNLL-2003 or IOB2 file (token first, gold\n"
    "             tag last; -DOCSTART- or '# newdoc' separates documents, a file\n"
    "             without either is one document): every line with a predicted IOB2\n"
    "             tag appended, in CoNLL types (PER ORG LOC MISC), for conlleval\n"
    "\n"
    "Options:\n"
    "  --format F   analyze: json (default; one pretty object, or an array of them for\n"
    "               several files), jsonl (one compact object a line) or text (a readable\n"
    "               summary). Each object has a \"file\" member; the schema is described in\n"
    "               include/byline/io/json.hpp\n"
    "  --no-tokens  analyze: leave the tokens out of the JSON\n"
    "  --uax29      sentences: plain UAX #29 sentence segments\n"
    "  --all        segment, words, sentences --uax29: also print segments that are only\n"
    "               whitespace, so that the segments cover every byte\n"
    "  -            read standard input instead of a file\n"
    "  --           end of options (for a file whose name starts with '-')\n"
    "\n"
    "analyze shows a progress bar on stderr when stderr is a terminal and the work takes\n"
    "a while.\n"
    "\n"
    "Exit status: 0 success, 1 output error, 2 unreadable input, 64 bad usage.\n";

enum class command { segment, words, sentences, tokens, analyze, tag_conll };
enum class output_format { json, jsonl, text };

struct options {
  command cmd = command::segment;
  bool all = false;        // print whitespace-only segments too
  bool uax29 = false;      // sentences: the raw UAX #29 view
  bool no_tokens = false;  // analyze: no tokens in the JSON
  output_format format = output_format::json;
  std::vector<std::string> paths;  // "-" is standard input
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
  if (s == "tokens") return command::tokens;
  if (s == "analyze" || s == "analyse") return command::analyze;
  if (s == "tag-conll") return command::tag_conll;
  return std::nullopt;
}

std::optional<output_format> format_named(std::string_view s) {
  if (s == "json") return output_format::json;
  if (s == "jsonl") return output_format::jsonl;
  if (s == "text") return output_format::text;
  return std::nullopt;
}

parsed_args parse_args(const std::vector<std::string_view>& args) {
  parsed_args r;
  std::vector<std::string_view> operands;
  bool options_done = false, saw_format = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto a = args[i];
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
    } else if (a == "--uax29") {
      r.opts.uax29 = true;
    } else if (a == "--no-tokens") {
      r.opts.no_tokens = true;
    } else if (a == "--format" || a.starts_with("--format=")) {
      std::string_view value;
      if (a == "--format") {
        if (i + 1 == args.size()) {
          r.error = "'--format' needs a value: json, jsonl or text";
          return r;
        }
        value = args[++i];
      } else {
        value = a.substr(std::string_view("--format=").size());
      }
      const auto f = format_named(value);
      if (!f) {
        r.error = fmt::format("unknown format '{}' (json, jsonl or text)", value);
        return r;
      }
      r.opts.format = *f;
      saw_format = true;
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
  const auto name = operands[0];
  // Options that the command does not take.
  if ((saw_format || r.opts.no_tokens) && *cmd != command::analyze) {
    r.error = fmt::format("'{}' applies only to 'analyze'", saw_format ? "--format" : "--no-tokens");
    return r;
  }
  if (r.opts.uax29 && *cmd != command::sentences) {
    r.error = "'--uax29' applies only to 'sentences'";
    return r;
  }
  if (r.opts.all && !(*cmd == command::segment || *cmd == command::words ||
                      (*cmd == command::sentences && r.opts.uax29))) {
    r.error = fmt::format("'--all' applies only to 'segment', 'words' and 'sentences --uax29', not to '{}'{}", name,
                          *cmd == command::sentences ? " without --uax29" : "");
    return r;
  }
  if (operands.size() < 2) {
    r.error = fmt::format("'{}' needs a FILE (or - for standard input)", name);
    return r;
  }
  if (operands.size() > 2 && *cmd != command::analyze) {
    r.error = fmt::format("'{}' takes one FILE, got {}", name, operands.size() - 1);
    return r;
  }
  if (std::count(operands.begin() + 1, operands.end(), std::string_view("-")) > 1) {
    r.error = "standard input ('-') can be read only once";
    return r;
  }
  r.opts.cmd = *cmd;
  for (auto it = operands.begin() + 1; it != operands.end(); ++it) r.opts.paths.emplace_back(*it);
  r.action = parsed_args::run;
  return r;
}

// ----------------------------------------------------------------------------------------------
// stderr: messages and the progress bar share it, so both go through here.

class progress_display;
progress_display* active_progress = nullptr;
std::mutex stderr_mutex;

// ----------------------------------------------------------------------------------------------
// A progress bar for `analyze`, drawn on stderr by a thread of its own, at most ten times a
// second, once the work has run for a second or its input is large. Never drawn when stderr is not
// a terminal. Lines printed to stderr meanwhile clear it first; it is cleared at the end.

class progress_display {
 public:
  progress_display(std::size_t files, std::uint64_t total_bytes)
      : files_(files), total_bytes_(total_bytes), start_(clock::now()) {
    if (!::isatty(STDERR_FILENO)) return;
    active_progress = this;
    thread_ = std::thread([this] { loop(); });
  }
  ~progress_display() { finish(); }
  progress_display(const progress_display&) = delete;
  progress_display& operator=(const progress_display&) = delete;

  void done_one(std::uint64_t bytes) {
    files_done_.fetch_add(1, std::memory_order_relaxed);
    bytes_done_.fetch_add(bytes, std::memory_order_relaxed);
  }

  // Clears the bar before another line is printed on stderr; the caller holds stderr_mutex.
  void clear_locked() {
    if (shown_) {
      std::fputs("\r\033[K", stderr);
      std::fflush(stderr);
      shown_ = false;
    }
  }

  void finish() {
    if (!thread_.joinable()) return;
    {
      std::lock_guard lock(m_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
    std::lock_guard lock(stderr_mutex);
    clear_locked();
    active_progress = nullptr;
  }

 private:
  using clock = std::chrono::steady_clock;
  static constexpr std::uint64_t large_input = 8u << 20;  // bytes: show the bar from the start

  void loop() {
    std::unique_lock lock(m_);
    while (!cv_.wait_for(lock, std::chrono::milliseconds(100), [&] { return stop_; })) {
      const auto elapsed = clock::now() - start_;
      if (elapsed < std::chrono::seconds(1) && total_bytes_ < large_input) continue;
      std::lock_guard out(stderr_mutex);
      draw(std::chrono::duration<double>(elapsed).count());
    }
  }

  void draw(double seconds) {
    const auto files = files_done_.load(std::memory_order_relaxed);
    const auto bytes = bytes_done_.load(std::memory_order_relaxed);
    constexpr int width = 24;
    const double fraction = total_bytes_ ? std::min(1.0, static_cast<double>(bytes) / static_cast<double>(total_bytes_))
                                         : static_cast<double>(files) / static_cast<double>(std::max<std::size_t>(files_, 1));
    const int filled = static_cast<int>(fraction * width);
    std::string bar(static_cast<std::size_t>(filled), '=');
    if (filled < width) bar += '>';
    bar.resize(width, ' ');
    fmt::print(stderr, "\r\033[Kbyline: [{}] {:3.0f}%  {}/{} files  {:.1f} MB  {:.1f} s", bar, fraction * 100, files,
               files_, static_cast<double>(bytes) / 1e6, seconds);
    std::fflush(stderr);
    shown_ = true;
  }

  std::size_t files_;
  std::uint64_t total_bytes_;
  clock::time_point start_;
  std::atomic<std::size_t> files_done_{0};
  std::atomic<std::uint64_t> bytes_done_{0};
  std::mutex m_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool shown_ = false;  // guarded by stderr_mutex
  std::thread thread_;
};

// Prints one message line on stderr, clearing the progress bar first.
template <class... Args>
void message(fmt::format_string<Args...> f, Args&&... args) {
  std::lock_guard lock(stderr_mutex);
  if (active_progress) active_progress->clear_locked();
  fmt::print(stderr, f, std::forward<Args>(args)...);
  std::fflush(stderr);
}

// ----------------------------------------------------------------------------------------------
// Input

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
      message("byline: cannot read standard input: {}\n", std::strerror(errno));
      return std::nullopt;
    }
    return text;
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    message("byline: cannot open '{}': {}\n", path, std::strerror(errno));
    return std::nullopt;
  }
  // A directory opens fine on Linux; reading it is what fails (EISDIR).
  const bool ok = read_stream(f, text);
  const int read_errno = errno;
  std::fclose(f);
  if (!ok) {
    message("byline: cannot read '{}': {}\n", path, std::strerror(read_errno));
    return std::nullopt;
  }
  return text;
}

// Tells the user that the text shows U+FFFD for some bytes, and where to look first. `file` names
// the input when several are read.
void warn_about_invalid_utf8(std::string_view text, std::string_view file = {}) {
  std::size_t count = 0, first = 0;
  uni::for_each_error(text, [&](const uni::decode_issue& e) {
    if (count++ == 0) first = e.offset;
  });
  if (count == 0) return;
  const std::string where = file.empty() ? std::string() : fmt::format("'{}': ", file);
  message("byline: warning: {}{} invalid UTF-8 sequence{} replaced (first at byte {})\n", where, count,
          count == 1 ? "" : "s", first);
}

// ----------------------------------------------------------------------------------------------
// Output

// Characters that would break the one-item-per-line format, or act on a terminal, when printed
// as they are: C0 controls and DEL, C1 controls (U+0085 is a line break), and U+2028 and U+2029,
// which Unicode-aware readers treat as line and paragraph breaks.
constexpr bool needs_escape(char32_t c) noexcept {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029;
}

// Appends `text` so that it stays on one line and is valid UTF-8: \\, \n, \r and \t as in C, other
// characters that needs_escape() names as \uXXXX, and each ill-formed sequence as U+FFFD, the same
// replacement the segmenters made when they read it. At most `max_code_points` code points are
// written; a longer text ends in "…".
void append_escaped(fmt::memory_buffer& out, std::string_view text, std::size_t max_code_points = SIZE_MAX) {
  auto it = text.begin();
  const auto end = text.end();
  std::size_t written = 0;
  while (it != end) {
    if (written == max_code_points) {
      out.append(std::string_view("…"));
      return;
    }
    // Most text is printable ASCII: copy such runs whole.
    auto run = it;
    while (run != end && static_cast<unsigned char>(*run) >= 0x20 && static_cast<unsigned char>(*run) < 0x7F &&
           *run != '\\' && written < max_code_points) {
      ++run;
      ++written;
    }
    out.append(it, run);
    if (run == end || written == max_code_points) {
      it = run;
      continue;
    }
    it = run;

    const auto d = uni::decode<uni::encoding::utf8>(it, end);
    if (d.error != uni::decode_error::none) {
      uni::encode_utf8<char>(uni::replacement_character, std::back_inserter(out));
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
    ++written;
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

void append_uax29_sentences(fmt::memory_buffer& out, std::string_view text, bool all) {
  for (const auto& s : seg::sentences(text))
    if (all || !is_blank(s.text())) append_line(out, s.offsets(), name(s.status()), s.text());
}

void append_words(fmt::memory_buffer& out, std::string_view text, bool all) {
  for (const auto& w : seg::words(text))
    if (all || !w.is_whitespace()) append_line(out, w.offsets(), name(w.status()), w.text());
}

void append_tokens(fmt::memory_buffer& out, std::string_view text) {
  const auto doc = token_nlp(byline::borrow(text));
  for (auto t : doc.tokens()) {
    const auto o = t.offsets();
    fmt::format_to(std::back_inserter(out), "{}\t{}\t{}\t{}\t", o.begin, o.end, t.kind(), t.rule());
    append_escaped(out, t.text());
    out.push_back('\n');
  }
}

void append_news_sentences(fmt::memory_buffer& out, std::string_view text) {
  const auto doc = nlp(byline::borrow(text));
  for (auto s : doc.sentences()) {
    const auto o = s.offsets();
    fmt::format_to(std::back_inserter(out), "{}\t{}\t", o.begin, o.end);
    append_escaped(out, s.text());
    out.push_back('\n');
  }
}

// Writes everything at once; a full disk or a closed pipe must not pass for success.
bool write_stdout(std::string_view out) {
  const bool ok = std::fwrite(out.data(), 1, out.size(), stdout) == out.size() && std::fflush(stdout) == 0;
  if (!ok) message("byline: cannot write output: {}\n", std::strerror(errno));
  return ok;
}
bool write_stdout(const fmt::memory_buffer& out) { return write_stdout(std::string_view(out.data(), out.size())); }

int run_single(const options& opts) {
  const auto text = read_input(opts.paths.front());
  if (!text) return exit_input_error;
  warn_about_invalid_utf8(*text);

  fmt::memory_buffer out;
  switch (opts.cmd) {
    case command::segment:
      out.append(std::string_view("# sentences\n"));
      append_uax29_sentences(out, *text, opts.all);
      out.append(std::string_view("\n# words\n"));
      append_words(out, *text, opts.all);
      break;
    case command::words:
      append_words(out, *text, opts.all);
      break;
    case command::sentences:
      if (opts.uax29)
        append_uax29_sentences(out, *text, opts.all);
      else
        append_news_sentences(out, *text);
      break;
    case command::tokens:
      append_tokens(out, *text);
      break;
    case command::analyze:
    case command::tag_conll:
      break;
  }
  return write_stdout(out) ? exit_ok : exit_output_error;
}

// ----------------------------------------------------------------------------------------------
// analyze

using analysed = byline::document;

// The readable summary of one document: a header line, the paragraphs with their script and
// flags (text shortened), then every sentence in full.
void append_text_summary(fmt::memory_buffer& out, const analysed& doc, std::string_view file) {
  const auto paragraphs = doc.paragraphs();
  const auto boilerplate = std::ranges::count_if(paragraphs, [](const auto& p) { return p.is_boilerplate(); });
  const auto headings = std::ranges::count_if(paragraphs, [](const auto& p) { return p.is_heading(); });
  auto o = std::back_inserter(out);
  auto count = [](auto n, std::string_view what) { return fmt::format("{} {}{}", n, what, n == 1 ? "" : "s"); };
  fmt::format_to(o, "== {}: {}, {}, {}, {} ({} boilerplate, {})", file, count(doc.size(), "byte"),
                 count(doc.tokens().size(), "token"), count(doc.sentences().size(), "sentence"),
                 count(paragraphs.size(), "paragraph"), boilerplate, count(headings, "heading"));
  if (const auto bad = doc.invalid_sequences())
    fmt::format_to(o, ", {}", count(bad, "invalid UTF-8 sequence"));
  out.append(std::string_view("\n"));

  // Offsets as [BEGIN, END), padded to the widest.
  const auto width = fmt::formatted_size("{}", byline::span_offsets{doc.size(), doc.size()});
  out.append(std::string_view("\nparagraphs:\n"));
  for (auto p : paragraphs) {
    std::string marks;
    if (p.is_boilerplate()) marks = "boilerplate";
    if (p.is_heading()) marks += marks.empty() ? "heading" : ",heading";
    fmt::format_to(o, "{:>4}  {:<{}}  {:<10}  {:<11}  ", p.index() + 1, p.offsets(), width, p.script(),
                   marks.empty() ? "-" : marks);
    append_escaped(out, p.text(), 72);
    out.push_back('\n');
  }
  out.append(std::string_view("\nsentences:\n"));
  for (auto s : doc.sentences()) {
    fmt::format_to(o, "{:>4}  {:<{}}  ", s.index() + 1, s.offsets(), width);
    append_escaped(out, s.text());
    out.push_back('\n');
  }
}

int run_analyze(const options& opts) {
  const auto& paths = opts.paths;
  std::vector<bool> failed(paths.size(), false);

  // The total size, for the progress bar (standard input counts as unknown).
  std::uint64_t total = 0;
  for (const auto& p : paths) {
    std::error_code ec;
    if (p != "-") {
      const auto n = std::filesystem::file_size(p, ec);
      if (!ec) total += n;
    }
  }
  progress_display progress(paths.size(), total);

  // Files are read lazily, on this thread, as the pipeline asks for more; one that cannot be read
  // is reported and analysed as an empty text, whose document is then skipped.
  auto texts = std::views::iota(std::size_t{0}, paths.size()) | std::views::transform([&](std::size_t i) {
                 auto t = read_input(paths[i]);
                 if (!t) {
                   failed[i] = true;
                   return std::string();
                 }
                 return std::move(*t);
               });

  const bool array = opts.format == output_format::json && paths.size() > 1;
  std::size_t written = 0;
  bool output_ok = true;
  if (array) output_ok = write_stdout("[");

  byline::io::json_options json;
  json.tokens = !opts.no_tokens;
  json.depth = array ? 1 : 0;

  std::string buf;
  fmt::memory_buffer text_out;
  std::size_t i = 0;
  bool analysis_failed = false;
  for (auto& result : nlp.pipe(texts)) {
    const std::size_t index = i++;
    if (failed[index]) {
      progress.done_one(0);
      continue;
    }
    const std::string_view shown = paths[index];
    if (!result) {
      // One file's failure is that file's: the others are still analysed and printed.
      message("byline: cannot analyse '{}': {}\n", shown, result.error_message());
      analysis_failed = true;
      progress.done_one(0);
      continue;
    }
    const auto& doc = *result;
    warn_about_invalid_utf8(doc.text(), paths.size() > 1 ? shown : std::string_view());
    buf.clear();
    json.metadata = {{"file", shown}};
    switch (opts.format) {
      case output_format::json:
        if (array) buf += written ? ",\n  " : "\n  ";
        byline::io::write_json(doc, buf, json);
        if (!array) buf += '\n';
        break;
      case output_format::jsonl:
        byline::io::write_jsonl(doc, buf, json);
        break;
      case output_format::text:
        text_out.clear();
        if (written) text_out.push_back('\n');
        append_text_summary(text_out, doc, shown);
        buf.assign(text_out.data(), text_out.size());
        break;
    }
    ++written;
    output_ok = write_stdout(buf);
    if (!output_ok) break;  // what is in flight finishes; nothing more is printed
    progress.done_one(doc.size());
  }
  if (array && output_ok) output_ok = write_stdout(written ? "\n]\n" : "]\n");
  progress.finish();

  if (!output_ok) return exit_output_error;
  return std::ranges::find(failed, true) != failed.end() || analysis_failed ? exit_input_error : exit_ok;
}

// ----------------------------------------------------------------------------------------------
// tag-conll: each document processed whole, over the file's own tokens.

int run_tag_conll(const options& opts) {
  const auto text = read_input(opts.paths.front());
  if (!text) return exit_input_error;
  byline::io::conll_corpus corpus;
  try {
    corpus = byline::io::read_conll(*text);
  } catch (const std::exception& e) {
    message("byline: {}\n", e.what());
    return exit_input_error;
  }
  const auto predicted = byline::predict_conll_tags(corpus);
  std::ostringstream out;
  byline::io::write_conll(out, corpus, predicted);
  return write_stdout(out.str()) ? exit_ok : exit_output_error;
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
  if (parsed.opts.cmd == command::analyze) return run_analyze(parsed.opts);
  if (parsed.opts.cmd == command::tag_conll) return run_tag_conll(parsed.opts);
  return run_single(parsed.opts);
}
