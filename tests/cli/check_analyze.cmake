# `byline analyze`: the full default pipeline (tokens, paragraphs, news sentences) as JSON, JSON Lines
# and a readable summary; several files in order; a missing file among others; standard input.
# tests/cli/check_json.py parses the JSON strictly and checks every offset against the input.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

file(READ "${SAMPLE}" contents)
file(SIZE "${SAMPLE}" sample_size)

# The sample with its page chrome set off by blank lines, so that each chrome line is a paragraph
# of its own: in the sample itself the Arabic menu and section line share a paragraph with the
# headline and the byline line, which are longer, so that paragraph is Latin.
string(REGEX MATCH "^([^\n]*)\n([^\n]*)\n([^\n]*)\n" _ "${contents}")
set(menu "${CMAKE_MATCH_1}")
set(section "${CMAKE_MATCH_2}")
set(headline "${CMAKE_MATCH_3}")
string(LENGTH "${menu}\n${section}\n${headline}\n" head_length)
string(SUBSTRING "${contents}" ${head_length} -1 rest)
string(FIND "${rest}" "Leave a comment\n" trailer_at)
string(SUBSTRING "${rest}" 0 ${trailer_at} story)
string(SUBSTRING "${rest}" ${trailer_at} -1 trailer)
string(REPLACE "\n" "\n\n" trailer "${trailer}")
string(REGEX REPLACE "\n\n$" "\n" trailer "${trailer}")
set(chrome "${WORK_DIR}/chrome.txt")
file(WRITE "${chrome}" "${menu}\n\n${section}\n\n${headline}\n\n${story}${trailer}")

# --- JSON ----------------------------------------------------------------------------------------
byline_run(j analyze "${SAMPLE}")
expect_equal("json: exit code" "${j_rc}" "0")
expect_equal("json: nothing on stderr" "${j_err}" "")
expect_contains("json: pretty, one object" "${j_out}" "{\n  \"file\": \"${SAMPLE}\",\n  \"length\": ${sample_size},\n  \"unit\": \"utf-8\",\n")
file(WRITE "${WORK_DIR}/sample.json" "${j_out}")
expect_json("json of the sample" "${WORK_DIR}/sample.json" --format json --sample)

byline_run(jf analyze --format=json "${SAMPLE}")
expect_equal("--format=json is the default" "${jf_out}" "${j_out}")

byline_run(c analyze --format json "${chrome}")
expect_equal("json (chrome set off): exit code" "${c_rc}" "0")
file(WRITE "${WORK_DIR}/chrome.json" "${c_out}")
expect_json("json: the Arabic chrome is boilerplate, the story is not" "${WORK_DIR}/chrome.json"
  --format json --sample --chrome)

byline_run(nt analyze --no-tokens "${SAMPLE}")
expect_equal("--no-tokens: exit code" "${nt_rc}" "0")
expect_lacks("--no-tokens: no tokens" "${nt_out}" "\"tokens\"")
file(WRITE "${WORK_DIR}/no-tokens.json" "${nt_out}")
expect_json("json --no-tokens" "${WORK_DIR}/no-tokens.json" --format json --no-tokens --sample)

# Several files: one array, in the order given (analysed in parallel).
byline_run(arr analyze "${SAMPLE}" "${chrome}" "${SAMPLE}")
expect_equal("json, three files: exit code" "${arr_rc}" "0")
expect_contains("json, three files: an array" "${arr_out}" "[\n  {\n    \"file\": \"${SAMPLE}\",\n")
string(REGEX MATCHALL "\"file\": \"[^\"]*\"" files "${arr_out}")
expect_equal("json, three files: in order" "${files}"
  "\"file\": \"${SAMPLE}\";\"file\": \"${chrome}\";\"file\": \"${SAMPLE}\"")
file(WRITE "${WORK_DIR}/array.json" "${arr_out}")
expect_json("json array of three" "${WORK_DIR}/array.json" --format json --files 3 --sample)

# --- JSON Lines ----------------------------------------------------------------------------------
set(many "${SAMPLE}" "${chrome}" "${chrome}" "${SAMPLE}" "${chrome}" "${SAMPLE}" "${SAMPLE}")
byline_run(l analyze --format jsonl ${many})
expect_equal("jsonl: exit code" "${l_rc}" "0")
expect_equal("jsonl: nothing on stderr" "${l_err}" "")
string(REGEX MATCHALL "\n" newlines "${l_out}")
list(LENGTH newlines line_count)
expect_equal("jsonl: one line per file" "${line_count}" "7")
string(REGEX MATCHALL "(^|\n)\\{\"file\":\"[^\"]*\"" files "${l_out}")
string(REPLACE "\n" "" files "${files}")
set(expected_files "")
foreach(f IN LISTS many)
  list(APPEND expected_files "{\"file\":\"${f}\"")
endforeach()
expect_equal("jsonl: files in the order given" "${files}" "${expected_files}")
file(WRITE "${WORK_DIR}/many.jsonl" "${l_out}")
expect_json("jsonl of seven" "${WORK_DIR}/many.jsonl" --format jsonl --files 7 --sample)

# Standard input: the same document, named "-".
byline_run(one analyze --format jsonl "${SAMPLE}")
byline_run(stdin analyze --format jsonl - INPUT_FILE "${SAMPLE}")
expect_equal("jsonl -: exit code" "${stdin_rc}" "0")
string(REPLACE "{\"file\":\"${SAMPLE}\"" "{\"file\":\"-\"" from_file "${one_out}")
expect_equal("jsonl - prints what jsonl FILE prints, named '-'" "${stdin_out}" "${from_file}")

# --- Text ----------------------------------------------------------------------------------------
byline_run(t analyze --format text "${SAMPLE}")
expect_equal("text: exit code" "${t_rc}" "0")
expect_equal("text: nothing on stderr" "${t_err}" "")
if(NOT t_out MATCHES "^== [^\n]*: ${sample_size} bytes, [0-9]+ tokens, [0-9]+ sentences, [0-9]+ paragraphs \\([0-9]+ boilerplate, [0-9]+ headings?\\)\n\nparagraphs:\n")
  fail("text: header line and paragraphs heading\n      output: [${t_out}]")
endif()
expect_contains("text: sentences heading" "${t_out}" "\n\nsentences:\n")
expect_contains("text: the comment form is boilerplate" "${t_out}" "  Latin       boilerplate  Leave a comment\n")
# The Arabic menu lines right above the headline form a paragraph of their own, flagged as chrome.
expect_contains("text: the Arabic menu above the headline is boilerplate" "${t_out}"
  "paragraphs:\n   1  [0, 167)      Arabic      boilerplate  ")
string(FIND "${contents}" "“Nobody here" at)
expect_contains("text: a sentence in full, with its offsets" "${t_out}"
  "  [${at}, ")
expect_contains("text: 'said Mr. Karim Haddad' in one sentence" "${t_out}"
  "  “Nobody here pretends this is peace,” said Mr. Karim Haddad, the Maltese foreign ministry official who chaired the final session.\n")
# Long paragraphs are shortened in the list of paragraphs.
expect_contains("text: paragraphs shortened" "${t_out}" "  VALLETTA, Malta — Negotiators from eleven governments agreed late on Tue…\n")

byline_run(tc analyze --format text "${chrome}" "${SAMPLE}")
expect_equal("text, two files: exit code" "${tc_rc}" "0")
expect_contains("text, two files: both, in order, a blank line apart" "${tc_out}" "\n\n== ${SAMPLE}: ")
if(NOT tc_out MATCHES "^== ${chrome}: ")
  fail("text, two files: the first file first")
endif()
expect_contains("text: the Arabic menu is boilerplate" "${tc_out}" "  Arabic      boilerplate  ${menu}\n")
expect_contains("text: the Arabic section line is boilerplate" "${tc_out}" "  Arabic      boilerplate  ${section}\n")
expect_contains("text: the headline is a heading" "${tc_out}" "  Latin       heading      Harbour talks in")
# No English paragraph but the page's own footer lines is boilerplate.
byline_lines(tc_lines "${tc_out}")
foreach(line IN LISTS tc_lines)
  if(line MATCHES "Latin +boilerplate" AND NOT line MATCHES "boilerplate  (Leave a comment|©)")
    fail("text: an English paragraph is boilerplate: [${line}]")
  endif()
endforeach()

# --- Missing and unreadable files among others -----------------------------------------------------
set(missing "${WORK_DIR}/no-such-file.txt")
byline_run(m analyze --format jsonl "${missing}" "${SAMPLE}")
expect_equal("missing + sample (jsonl): exit code" "${m_rc}" "2")
expect_equal("missing + sample (jsonl): message" "${m_err}"
  "byline: cannot open '${missing}': No such file or directory\n")
expect_equal("missing + sample (jsonl): the sample is still analysed" "${m_out}" "${one_out}")

byline_run(m analyze "${SAMPLE}" "${missing}")
expect_equal("sample + missing (json): exit code" "${m_rc}" "2")
expect_equal("sample + missing (json): message" "${m_err}"
  "byline: cannot open '${missing}': No such file or directory\n")
file(WRITE "${WORK_DIR}/with-missing.json" "${m_out}")
expect_json("sample + missing (json): an array of the one readable file" "${WORK_DIR}/with-missing.json"
  --format json --files 1 --sample)

byline_run(m analyze --format text "${missing}" "${WORK_DIR}" "${SAMPLE}")
expect_equal("missing + directory + sample (text): exit code" "${m_rc}" "2")
expect_equal("missing + directory + sample (text): messages" "${m_err}"
  "byline: cannot open '${missing}': No such file or directory\nbyline: cannot read '${WORK_DIR}': Is a directory\n")
expect_contains("missing + directory + sample (text): the sample" "${m_out}" "== ${SAMPLE}: ")

byline_run(m analyze "${missing}")
expect_equal("only a missing file: exit code" "${m_rc}" "2")
expect_equal("only a missing file: no output" "${m_out}" "")

byline_run(m analyze "${missing}" "${missing}")
expect_equal("two missing files (json): exit code" "${m_rc}" "2")
expect_equal("two missing files (json): an empty array" "${m_out}" "[]\n")

# Nothing of the progress bar when stderr is not a terminal.
foreach(run IN ITEMS j c arr l t tc m)
  expect_no_terminal_codes("${run}" "${${run}_err}")
endforeach()

finish()
