# byline's UAX #29 commands on the sample article: the output is well formed, covers the file, and
# a few segments that the sample was written to exercise come out as UAX #29 says they should.
#
# Only what plain UAX #29 does is asserted here: `segment`, `words` and `sentences --uax29` are the
# standard's rules alone, which break sentences after "Mr. ", "Gen. " and "U.S. Navy". The news
# sentences (`byline sentences`) are checked in check_sentences.cmake.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

file(READ "${SAMPLE}" contents)

byline_run(seg segment "${SAMPLE}")
byline_run(sent sentences --uax29 "${SAMPLE}")
byline_run(words words "${SAMPLE}")
byline_run(sent_all sentences --uax29 --all "${SAMPLE}")
byline_run(words_all words --all "${SAMPLE}")
foreach(_run IN ITEMS seg sent words sent_all words_all)
  expect_equal("${_run}: exit code" "${${_run}_rc}" "0")
  expect_equal("${_run}: nothing on stderr (the sample is valid UTF-8)" "${${_run}_err}" "")
endforeach()

# `segment` is the two commands' output under headings.
expect_equal("segment = '# sentences', sentences --uax29, blank line, '# words', words" "${seg_out}"
  "# sentences\n${sent_out}\n# words\n${words_out}")

# With --all the segments tile the file, each line naming its own bytes.
expect_tiling("sentences --all tiles the sample" "${sent_all_out}" "${contents}")
expect_tiling("words --all tiles the sample" "${words_all_out}" "${contents}")

# Without --all, exactly the whitespace-only segments are left out.
byline_lines(words_all_lines "${words_all_out}")
byline_lines(words_lines "${words_out}")
list(FILTER words_all_lines EXCLUDE REGEX "\twhitespace\t")
expect_equal("words = words --all without whitespace segments" "${words_lines}" "${words_all_lines}")
byline_lines(sent_all_lines "${sent_all_out}")
byline_lines(sent_lines "${sent_out}")
list(FILTER sent_all_lines EXCLUDE REGEX "\t(${_cli_backslash}[nrt]| )+$")
expect_equal("sentences = sentences --all without blank lines" "${sent_lines}" "${sent_all_lines}")
list(LENGTH sent_lines sentence_count)
list(LENGTH words_lines word_count)
list(LENGTH words_all_lines nonblank_count)
message(STATUS "sample: ${sentence_count} sentences, ${word_count} words and punctuation")

# expect_segment(<output var> <status> <text> [<context>]): the segment <text> (raw bytes), found
# where <context> first occurs in the sample (default: <text> itself), is a line of the output.
function(expect_segment output status text)
  set(_context "${text}")
  if(ARGC GREATER 3)
    set(_context "${ARGV3}")
  endif()
  byline_locate(_begin _end "${contents}" "${text}" "${_context}")
  if(_begin EQUAL -1)
    fail("test bug: [${text}] in [${_context}] is not in the sample")
    set(_cli_failures "${_cli_failures}" PARENT_SCOPE)
    return()
  endif()
  byline_escape(_escaped "${text}")
  expect_contains("${output}: segment [${text}]" "\n${${output}}"
    "\n${_begin}\t${_end}\t${status}\t${_escaped}\n")
  set(_cli_failures "${_cli_failures}" PARENT_SCOPE)
endfunction()

# --- Sentences ---------------------------------------------------------------------------------
# Page chrome and the headline have no terminator: each line is a sentence of its own.
string(REGEX MATCH "^[^\n]*\n" first_line "${contents}")
expect_segment(sent_out separated "${first_line}")
expect_segment(sent_out separated "آخر الأخبار: النسخة الإنجليزية\n")
expect_segment(sent_out separated
  "Harbour talks in Valletta yield 30-day pause in Mediterranean shipping dispute\n")
expect_segment(sent_out separated "Leave a comment\n")
# U+06D4 ARABIC FULL STOP ends a sentence like '.'.
expect_segment(sent_out terminated "اكتب تعليقك هنا، ولن يُنشر بريدك الإلكتروني۔\n")
# Closing quotes and the spaces after them stay with the sentence they close (SB9, SB10), and an
# opening quote starts the next one.
expect_segment(sent_out terminated
  "If the ships keep moving for a month, I think both sides will find it harder to back away.” ")
expect_segment(sent_out terminated "“It is a timetable. ")
expect_segment(sent_out terminated
  "His British counterpart was more cautious, describing the deal as “a pause, not a settlement.”\n")
expect_lacks("no sentence starts with a closing quote" "${sent_out}" "\tterminated\t”")
# A full stop followed by a lower-case word does not end a sentence (SB8), abbreviation or not.
foreach(_inside IN ITEMS "e.g. family-owned" "the U.S. welcomed" "since Jan. 3, will keep")
  string(REPLACE "." "[.]" _pattern "${_inside}")
  string(REGEX MATCH "\t[^\t\n]*${_pattern}[^\n]*\n" _line "${sent_out}")
  if(_line STREQUAL "")
    fail("sentences: [${_inside}] is not inside one sentence")
  endif()
endforeach()

# --- Words -------------------------------------------------------------------------------------
expect_segment(words_out letter "U.S" "U.S.-led")
expect_segment(words_out punctuation "." ".-led")
expect_segment(words_out punctuation "-" "-led")
expect_segment(words_out letter "led" "U.S.-led")
expect_segment(words_out letter "U.K" "U.K.")
expect_segment(words_out letter "e.g" "e.g.")
expect_segment(words_out letter "Macron" "Macron-Scholz")
expect_segment(words_out punctuation "-" "-Scholz")
expect_segment(words_out letter "Scholz" "Macron-Scholz")
expect_segment(words_out number "1,200")
expect_segment(words_out number "3.5" "3.5%")
expect_segment(words_out punctuation "%" "3.5%")
expect_segment(words_out punctuation "$" "$4.2bn")
expect_segment(words_out letter "4.2bn" "$4.2bn")
expect_segment(words_out number "30" "30-day pause in naval")
expect_segment(words_out letter "day" "30-day pause in naval")
# ':' joins letters (WB6, WB7) but not digits: 10:30 is three segments.
expect_segment(words_out number "10" "10:30 on Wednesday")
expect_segment(words_out punctuation ":" ":30 on Wednesday")
expect_segment(words_out number "30" "30 on Wednesday")
# Possessives, with the curly and with the straight apostrophe.
expect_segment(words_out letter "region’s")
expect_segment(words_out letter "Berlin’s")
expect_segment(words_out letter "Malta's")
expect_segment(words_out letter "diplomats" "diplomats’ custom")
expect_segment(words_out punctuation "’" "’ custom")
expect_segment(words_out punctuation "“" "“Nobody")
expect_segment(words_out punctuation "—" "— Negotiators")
expect_segment(words_out letter "cafés")
# A combining mark (U+064F ARABIC DAMMA) stays inside its word.
expect_segment(words_out letter "يُنشر")
expect_segment(words_out punctuation "۔")

finish()
