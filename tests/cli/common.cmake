# Helpers for the command-line tests in this directory. Each check_*.cmake runs as
#   cmake -DBYLINE=<path to byline> -DSOURCE_DIR=<repository root> -DWORK_DIR=<scratch dir>
#         -DVERSION=<project version> -P tests/cli/check_<name>.cmake
# records every failed expectation, and fails once at the end with all of them, so that one run
# shows everything that is wrong.
cmake_minimum_required(VERSION 3.25)

foreach(_var IN ITEMS BYLINE SOURCE_DIR WORK_DIR)
  if(NOT DEFINED ${_var})
    message(FATAL_ERROR "${CMAKE_CURRENT_LIST_FILE}: pass -D${_var}=...")
  endif()
endforeach()
file(MAKE_DIRECTORY "${WORK_DIR}")
set(SAMPLE "${SOURCE_DIR}/examples/data/harbour-talks.txt")
set(_cli_failures "")

# Runs byline with the given arguments (and INPUT_FILE as standard input) and sets
# <prefix>_rc, <prefix>_out and <prefix>_err in the caller's scope.
function(byline_run prefix)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "INPUT_FILE" "")
  set(_input "")
  if(arg_INPUT_FILE)
    set(_input INPUT_FILE "${arg_INPUT_FILE}")
  endif()
  execute_process(COMMAND "${BYLINE}" ${arg_UNPARSED_ARGUMENTS}
    ${_input}
    RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
  set(${prefix}_rc "${_rc}" PARENT_SCOPE)
  set(${prefix}_out "${_out}" PARENT_SCOPE)
  set(${prefix}_err "${_err}" PARENT_SCOPE)
endfunction()

function(fail what)
  set(_cli_failures "${_cli_failures}\n  - ${what}" PARENT_SCOPE)
endfunction()

# expect_equal(<what> <actual> <expected>)
function(expect_equal what actual expected)
  if(NOT actual STREQUAL expected)
    set(_cli_failures "${_cli_failures}\n  - ${what}\n      expected: [${expected}]\n      actual:   [${actual}]"
      PARENT_SCOPE)
  endif()
endfunction()

# expect_contains(<what> <haystack> <needle>): needle is a plain string, not a regex.
function(expect_contains what haystack needle)
  string(FIND "${haystack}" "${needle}" _at)
  if(_at EQUAL -1)
    set(_cli_failures "${_cli_failures}\n  - ${what}\n      missing: [${needle}]" PARENT_SCOPE)
  endif()
endfunction()

function(expect_lacks what haystack needle)
  string(FIND "${haystack}" "${needle}" _at)
  if(NOT _at EQUAL -1)
    set(_cli_failures "${_cli_failures}\n  - ${what}\n      found: [${needle}]" PARENT_SCOPE)
  endif()
endfunction()

# byline's TEXT column for the given bytes (enough of the escaping for text without other
# control characters).
function(byline_escape out text)
  string(REPLACE "\\" "\\\\" text "${text}")
  string(REPLACE "\n" "\\n" text "${text}")
  string(REPLACE "\r" "\\r" text "${text}")
  string(REPLACE "\t" "\\t" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# Splits byline's output into a CMake list of lines. ';', '[', ']' and '\' have meanings in CMake
# lists, so they are swapped for control bytes 1-4 first: byline escapes every control character,
# so its output never holds those bytes itself. byline_list_encode() does the same to other text
# that is compared with the lines.
string(ASCII 1 _cli_semicolon)
string(ASCII 2 _cli_lbracket)
string(ASCII 3 _cli_rbracket)
string(ASCII 4 _cli_backslash)
function(byline_list_encode out text)
  string(REPLACE "\\" "${_cli_backslash}" text "${text}")
  string(REPLACE ";" "${_cli_semicolon}" text "${text}")
  string(REPLACE "[" "${_cli_lbracket}" text "${text}")
  string(REPLACE "]" "${_cli_rbracket}" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()
function(byline_lines out text)
  byline_list_encode(text "${text}")
  string(REGEX REPLACE "\n$" "" text "${text}")
  string(REPLACE "\n" ";" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# expect_tiling(<what> <output> <file contents>): the lines of <output> (as printed with --all)
# cover the bytes of the file one after another, and each line's TEXT is exactly the bytes its
# offsets name.
function(expect_tiling what output contents)
  byline_lines(_lines "${output}")
  string(LENGTH "${contents}" _size)
  set(_expected_begin 0)
  set(_problems "")
  foreach(_line IN LISTS _lines)
    if(NOT _line MATCHES "^([0-9]+)\t([0-9]+)\t[a-z]+\t(.*)$")
      string(APPEND _problems "\n      malformed line: [${_line}]")
      break()
    endif()
    set(_begin "${CMAKE_MATCH_1}")
    set(_end "${CMAKE_MATCH_2}")
    set(_text "${CMAKE_MATCH_3}")
    if(NOT _begin EQUAL _expected_begin)
      string(APPEND _problems "\n      gap or overlap: segment starts at ${_begin}, expected ${_expected_begin}")
      break()
    endif()
    math(EXPR _length "${_end} - ${_begin}")
    string(SUBSTRING "${contents}" ${_begin} ${_length} _bytes)
    byline_escape(_bytes "${_bytes}")
    byline_list_encode(_bytes "${_bytes}")
    if(NOT _text STREQUAL _bytes)
      string(APPEND _problems "\n      bytes ${_begin}..${_end} are [${_bytes}], line says [${_text}]")
      break()
    endif()
    set(_expected_begin "${_end}")
  endforeach()
  if(_problems STREQUAL "" AND NOT _expected_begin EQUAL _size)
    string(APPEND _problems "\n      segments end at byte ${_expected_begin}, the file has ${_size}")
  endif()
  if(NOT _problems STREQUAL "")
    set(_cli_failures "${_cli_failures}\n  - ${what}${_problems}" PARENT_SCOPE)
  endif()
endfunction()

macro(finish)
  if(NOT _cli_failures STREQUAL "")
    message(FATAL_ERROR "${CMAKE_CURRENT_LIST_FILE}: failed:${_cli_failures}")
  endif()
  message(STATUS "all checks passed")
endmacro()

# expect_json(<what> <output file> <check_json.py arguments>...): tests/cli/check_json.py accepts
# the JSON that byline wrote to <output file>. Skipped (with a note) when the test was not given
# -DPYTHON=<python3>.
function(expect_json what output_file)
  if(NOT PYTHON)
    message(STATUS "skipped (no python3): ${what}")
    return()
  endif()
  execute_process(COMMAND "${PYTHON}" "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/check_json.py" ${ARGN} "${output_file}"
    RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
  if(NOT _rc EQUAL 0)
    set(_cli_failures "${_cli_failures}\n  - ${what}: check_json.py ${ARGN}\n${_out}${_err}" PARENT_SCOPE)
  endif()
endfunction()

# expect_no_terminal_codes(<what> <stderr>): nothing of the progress bar (carriage returns, escape
# sequences) reaches a stderr that is not a terminal.
function(expect_no_terminal_codes what err)
  string(ASCII 27 _esc)
  if(err MATCHES "[\r${_esc}]")
    set(_cli_failures "${_cli_failures}\n  - ${what}: terminal codes on a stderr that is not a terminal: [${err}]"
      PARENT_SCOPE)
  endif()
endfunction()

# byline_locate(<begin-var> <end-var> <contents> <text> <context>): the byte offsets [begin, end) of
# <text> where <context> first occurs in <contents>; both -1 when either is not found.
function(byline_locate begin_var end_var contents text context)
  string(FIND "${contents}" "${context}" _at)
  string(FIND "${context}" "${text}" _within)
  if(_at EQUAL -1 OR _within EQUAL -1)
    set(${begin_var} -1 PARENT_SCOPE)
    set(${end_var} -1 PARENT_SCOPE)
    return()
  endif()
  math(EXPR _b "${_at} + ${_within}")
  string(LENGTH "${text}" _l)
  math(EXPR _e "${_b} + ${_l}")
  set(${begin_var} ${_b} PARENT_SCOPE)
  set(${end_var} ${_e} PARENT_SCOPE)
endfunction()
