# Invalid UTF-8 is segmented as U+FFFD, one per maximal subpart (as byline::unicode decodes it),
# with offsets into the original bytes; byline warns once on stderr and succeeds.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

# "ok <FF> then <C3> and <ED A0 80> end\n": a byte that never occurs in UTF-8 (at byte 3), a lead
# byte cut short by a space (10), and an encoded surrogate, which is three maximal subparts (16-18).
string(ASCII 255 ff)
string(ASCII 195 c3)
string(ASCII 237 160 128 surrogate)
set(bad "${WORK_DIR}/invalid-utf8.txt")
file(WRITE "${bad}" "ok ${ff} then ${c3} and ${surrogate} end\n")
string(ASCII 239 191 189 fffd)

set(warning "byline: warning: 5 invalid UTF-8 sequences replaced (first at byte 3)\n")

byline_run(r words "${bad}")
expect_equal("words: exit code" "${r_rc}" "0")
expect_equal("words: warning" "${r_err}" "${warning}")
expect_equal("words: segments keep the original offsets" "${r_out}" "\
0\t2\tletter\tok
3\t4\tpunctuation\t${fffd}
5\t9\tletter\tthen
10\t11\tpunctuation\t${fffd}
12\t15\tletter\tand
16\t17\tpunctuation\t${fffd}
17\t18\tpunctuation\t${fffd}
18\t19\tpunctuation\t${fffd}
20\t23\tletter\tend
")

byline_run(r sentences --uax29 - INPUT_FILE "${bad}")
expect_equal("sentences --uax29 -: exit code" "${r_rc}" "0")
expect_equal("sentences --uax29 -: warning" "${r_err}" "${warning}")
expect_equal("sentences --uax29 -: output" "${r_out}"
  "0\t24\tseparated\tok ${fffd} then ${fffd} and ${fffd}${fffd}${fffd} end\\n\n")

# The news sentence ends at its last token, before the line break.
byline_run(r sentences - INPUT_FILE "${bad}")
expect_equal("sentences -: exit code" "${r_rc}" "0")
expect_equal("sentences -: warning" "${r_err}" "${warning}")
expect_equal("sentences -: output" "${r_out}" "0\t23\tok ${fffd} then ${fffd} and ${fffd}${fffd}${fffd} end\n")

byline_run(r tokens "${bad}")
expect_equal("tokens: exit code" "${r_rc}" "0")
expect_equal("tokens: warning" "${r_err}" "${warning}")
expect_equal("tokens: each replacement a token, at its bytes" "${r_out}" "\
0\t2\tword\tword_boundary\tok
3\t4\tsymbol\tword_boundary\t${fffd}
5\t9\tword\tword_boundary\tthen
10\t11\tsymbol\tword_boundary\t${fffd}
12\t15\tword\tword_boundary\tand
16\t17\tsymbol\tword_boundary\t${fffd}
17\t18\tsymbol\tword_boundary\t${fffd}
18\t19\tsymbol\tword_boundary\t${fffd}
20\t23\tword\tword_boundary\tend
")

# analyze: one warning per damaged file (naming it when there are several), the count in the
# JSON, U+FFFD in every string, offsets into the original bytes.
byline_run(r analyze "${bad}")
expect_equal("analyze: exit code" "${r_rc}" "0")
expect_equal("analyze: warning" "${r_err}" "${warning}")
expect_contains("analyze: count in the JSON" "${r_out}" "\n  \"invalid_sequences\": 5,\n")
expect_contains("analyze: U+FFFD in the JSON" "${r_out}"
  "{\"start\": 0, \"end\": 23, \"first_token\": 0, \"end_token\": 9, \"text\": \"ok ${fffd} then ${fffd} and ${fffd}${fffd}${fffd} end\"}")
file(WRITE "${WORK_DIR}/invalid.json" "${r_out}")
expect_json("analyze: strict JSON, valid UTF-8, offsets into the bytes" "${WORK_DIR}/invalid.json" --format json)

byline_run(r analyze --format jsonl "${SAMPLE}" "${bad}" "${bad}")
expect_equal("analyze, three files: exit code" "${r_rc}" "0")
expect_equal("analyze, three files: a warning per damaged file, named" "${r_err}"
  "byline: warning: '${bad}': 5 invalid UTF-8 sequences replaced (first at byte 3)\n\
byline: warning: '${bad}': 5 invalid UTF-8 sequences replaced (first at byte 3)\n")
file(WRITE "${WORK_DIR}/invalid.jsonl" "${r_out}")
expect_json("analyze --format jsonl, three files" "${WORK_DIR}/invalid.jsonl" --format jsonl --files 3)

byline_run(r analyze --format text "${bad}")
expect_contains("analyze --format text: the count in the header" "${r_out}" ", 5 invalid UTF-8 sequences\n")

# One Latin-1 byte in the middle of the sample: one replacement, at its offset.
file(READ "${SAMPLE}" contents)
string(FIND "${contents}" "VALLETTA" at)
string(SUBSTRING "${contents}" 0 ${at} head)
string(SUBSTRING "${contents}" ${at} -1 tail)
string(ASCII 233 e9)
file(WRITE "${WORK_DIR}/latin1.txt" "${head}${e9}${tail}")
byline_run(r segment "${WORK_DIR}/latin1.txt")
expect_equal("one bad byte: exit code" "${r_rc}" "0")
expect_equal("one bad byte: warning" "${r_err}"
  "byline: warning: 1 invalid UTF-8 sequence replaced (first at byte ${at})\n")
math(EXPR after "${at} + 1")
math(EXPR after_end "${after} + 8")
expect_contains("one bad byte: its sentence starts at it" "${r_out}" "\n${at}\t")
expect_contains("one bad byte: it is a segment of its own" "${r_out}" "\n${at}\t${after}\tpunctuation\t${fffd}\n")
expect_contains("one bad byte: the next word keeps its offset" "${r_out}"
  "\n${after}\t${after_end}\tletter\tVALLETTA\n")

finish()
