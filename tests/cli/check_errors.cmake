# byline's exit codes and messages: unreadable input (2), bad usage (64), --help and --version (0),
# and standard input read with '-'.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

# Unreadable input: exit 2, the reason on stderr, nothing on stdout.
set(missing "${WORK_DIR}/no-such-file.txt")
byline_run(r segment "${missing}")
expect_equal("missing file: exit code" "${r_rc}" "2")
expect_equal("missing file: message" "${r_err}"
  "byline: cannot open '${missing}': No such file or directory\n")
expect_equal("missing file: no output" "${r_out}" "")

byline_run(r words "${WORK_DIR}")
expect_equal("directory: exit code" "${r_rc}" "2")
expect_equal("directory: message" "${r_err}" "byline: cannot read '${WORK_DIR}': Is a directory\n")

# Bad usage: exit 64, what was wrong and the usage on stderr, nothing on stdout.
foreach(_case IN ITEMS
    "|no command given"
    "frobnicate${_cli_semicolon}x.txt|unknown command 'frobnicate'"
    "words|'words' needs a FILE"
    "words${_cli_semicolon}a.txt${_cli_semicolon}b.txt|'words' takes one FILE, got 2"
    "words${_cli_semicolon}--bogus${_cli_semicolon}a.txt|unknown option '--bogus'"
    "tokens${_cli_semicolon}a.txt${_cli_semicolon}b.txt|'tokens' takes one FILE, got 2"
    "tokens${_cli_semicolon}--all${_cli_semicolon}a.txt|'--all' applies only to 'segment', 'words' and 'sentences --uax29', not to 'tokens'"
    "sentences${_cli_semicolon}--all${_cli_semicolon}a.txt|'--all' applies only to 'segment', 'words' and 'sentences --uax29', not to 'sentences' without --uax29"
    "words${_cli_semicolon}--uax29${_cli_semicolon}a.txt|'--uax29' applies only to 'sentences'"
    "sentences${_cli_semicolon}--format${_cli_semicolon}json${_cli_semicolon}a.txt|'--format' applies only to 'analyze'"
    "tokens${_cli_semicolon}--no-tokens${_cli_semicolon}a.txt|'--no-tokens' applies only to 'analyze'"
    "analyze|'analyze' needs a FILE"
    "analyze${_cli_semicolon}--format${_cli_semicolon}xml${_cli_semicolon}a.txt|unknown format 'xml' (json, jsonl or text)"
    "analyze${_cli_semicolon}--format=yaml${_cli_semicolon}a.txt|unknown format 'yaml'"
    "analyze${_cli_semicolon}a.txt${_cli_semicolon}--format|'--format' needs a value"
    "analyze${_cli_semicolon}-${_cli_semicolon}a.txt${_cli_semicolon}-|standard input ('-') can be read only once")
  string(REPLACE "|" ";" _case "${_case}")
  list(GET _case 0 _args)
  list(GET _case 1 _message)
  string(REPLACE "${_cli_semicolon}" ";" _args "${_args}")
  byline_run(r ${_args})
  expect_equal("usage error [${_args}]: exit code" "${r_rc}" "64")
  expect_contains("usage error [${_args}]: message" "${r_err}" "byline: ${_message}")
  expect_contains("usage error [${_args}]: usage" "${r_err}" "usage: byline segment [--all] FILE|-\n")
  expect_equal("usage error [${_args}]: no output" "${r_out}" "")
endforeach()

# --version and --help answer on stdout and succeed.
byline_run(r --version)
expect_equal("--version: exit code" "${r_rc}" "0")
if(DEFINED VERSION)
  expect_equal("--version: output" "${r_out}" "byline ${VERSION}\n")
endif()
expect_equal("--version: stderr" "${r_err}" "")

byline_run(r --help)
expect_equal("--help: exit code" "${r_rc}" "0")
expect_contains("--help: usage" "${r_out}" "usage: byline segment [--all] FILE|-\n")
expect_contains("--help: documents --all" "${r_out}" "--all")
foreach(_documented IN ITEMS "byline tokens FILE" "byline analyze [--format json|jsonl|text] [--no-tokens] FILE...|-"
    "--uax29" "--no-tokens" "progress bar")
  expect_contains("--help: documents ${_documented}" "${r_out}" "${_documented}")
endforeach()
expect_equal("--help: stderr" "${r_err}" "")

# '-' reads standard input, with the same result as naming the file.
foreach(_command IN ITEMS segment words sentences tokens)
  byline_run(from_file ${_command} "${SAMPLE}")
  byline_run(from_stdin ${_command} - INPUT_FILE "${SAMPLE}")
  expect_equal("${_command} -: exit code" "${from_stdin_rc}" "0")
  expect_equal("${_command} - prints what ${_command} FILE prints" "${from_stdin_out}" "${from_file_out}")
endforeach()

# Empty input is no error.
file(WRITE "${WORK_DIR}/empty.txt" "")
byline_run(r segment - INPUT_FILE "${WORK_DIR}/empty.txt")
expect_equal("empty input: exit code" "${r_rc}" "0")
expect_equal("empty input: output" "${r_out}" "# sentences\n\n# words\n")
expect_equal("empty input: stderr" "${r_err}" "")

finish()
