# `byline sentences`: the news sentences of the sample, one a line as BEGIN<TAB>END<TAB>TEXT. Unlike
# plain UAX #29 (`sentences --uax29`, checked in check_output.cmake), no sentence ends after a title
# or an abbreviation that runs on ("said Mr. Karim Haddad", "U.S. Navy officers"), and a line break
# ends a headline.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

file(READ "${SAMPLE}" contents)

byline_run(sent sentences "${SAMPLE}")
expect_equal("sentences: exit code" "${sent_rc}" "0")
expect_equal("sentences: nothing on stderr" "${sent_err}" "")

byline_run(stdin sentences - INPUT_FILE "${SAMPLE}")
expect_equal("sentences -: exit code" "${stdin_rc}" "0")
expect_equal("sentences - prints what sentences FILE prints" "${stdin_out}" "${sent_out}")

byline_run(uax sentences --uax29 "${SAMPLE}")
expect_equal("sentences --uax29: exit code" "${uax_rc}" "0")

# Every line names its own bytes, in order.
byline_lines(lines "${sent_out}")
set(last_end 0)
set(problems "")
foreach(line IN LISTS lines)
  if(NOT line MATCHES "^([0-9]+)\t([0-9]+)\t(.*)$")
    string(APPEND problems "\n      malformed line: [${line}]")
    break()
  endif()
  set(b "${CMAKE_MATCH_1}")
  set(e "${CMAKE_MATCH_2}")
  set(text "${CMAKE_MATCH_3}")
  if(b LESS last_end OR NOT e GREATER b)
    string(APPEND problems "\n      offsets ${b}..${e} after ${last_end}")
    break()
  endif()
  math(EXPR length "${e} - ${b}")
  string(SUBSTRING "${contents}" ${b} ${length} bytes)
  byline_escape(bytes "${bytes}")
  byline_list_encode(bytes "${bytes}")
  if(NOT text STREQUAL bytes)
    string(APPEND problems "\n      bytes ${b}..${e} are [${bytes}], line says [${text}]")
    break()
  endif()
  set(last_end "${e}")
endforeach()
if(NOT problems STREQUAL "")
  fail("sentences name their bytes:${problems}")
endif()
list(LENGTH lines count)
message(STATUS "sample: ${count} news sentences")

# expect_sentence(<text>): <text> (raw bytes) is exactly one sentence, at its place in the sample.
function(expect_sentence text)
  string(FIND "${contents}" "${text}" _at)
  if(_at EQUAL -1)
    fail("test bug: [${text}] is not in the sample")
    set(_cli_failures "${_cli_failures}" PARENT_SCOPE)
    return()
  endif()
  string(LENGTH "${text}" _length)
  math(EXPR _end "${_at} + ${_length}")
  byline_escape(_escaped "${text}")
  expect_contains("sentence [${text}]" "\n${sent_out}" "\n${_at}\t${_end}\t${_escaped}\n")
  set(_cli_failures "${_cli_failures}" PARENT_SCOPE)
endfunction()

# Page chrome and the headline: a line break ends each.
expect_sentence("الرئيسية | أخبار العالم | سياسة | اقتصاد | رياضة | رأي | اتصل بنا")
expect_sentence("Harbour talks in Valletta yield 30-day pause in Mediterranean shipping dispute")
expect_sentence("By our diplomatic correspondent | Jan. 14, 2025, 10:30 GMT")
# Titles before a name.
expect_sentence("“Nobody here pretends this is peace,” said Mr. Karim Haddad, the Maltese foreign ministry official who chaired the final session.")
expect_sentence("Gen. Laura Whitfield, who commands the task force, told a briefing at 10:30 on Wednesday that her crews would “hold position and keep the radios on.”")
expect_sentence("Until then, Mr. Haddad said, the harbour’s cafés would have to manage without the diplomats’ custom.")
# Abbreviations that do not end the sentence, before capitals and lower case alike.
expect_sentence("The statement did not mention the boarding rules, which U.S. Navy officers have defended as necessary to stop the smuggling of weapons.")
expect_sentence("In Washington, a State Department spokesperson said the U.S. welcomed “any step that gets cargo moving again” and would review the text with allies.")
expect_sentence("The U.S.-led maritime task force, which has patrolled the area since Jan. 3, will keep its ships at sea but suspend boarding operations except in cases of “immediate danger,” according to a summary of the text seen by reporters.")
# A sentence that ends in a number and a full stop, and one after a closing quote.
expect_sentence("The delegations are due to meet again in Valletta on Feb. 12.")
expect_sentence("“It is a timetable.")
expect_sentence("His British counterpart was more cautious, describing the deal as “a pause, not a settlement.”")
expect_sentence("Leave a comment")

foreach(title IN ITEMS "Mr." "Gen.")
  expect_lacks("no news sentence ends with '${title}'" "${sent_out}" "${title}\n")
  # ... while plain UAX #29 does end one there.
  expect_contains("sentences --uax29 ends one after '${title}'" "${uax_out}" "${title} \n")
endforeach()

finish()
