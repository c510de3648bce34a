# The progress bar of `byline analyze`: drawn on stderr only when stderr is a terminal and the work
# is long or large, and cleared at the end. util-linux `script` gives byline a terminal; without it
# (or without pseudo-terminals) this test only checks that no bar reaches a pipe.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

file(READ "${SAMPLE}" contents)
# More than 8 MiB: large enough for the bar to show from the first tick.
string(REPEAT "${contents}" 2200 big_contents)
set(big "${WORK_DIR}/big.txt")
file(WRITE "${big}" "${big_contents}")
string(ASCII 27 esc)

# Not a terminal: nothing but the output.
byline_run(r analyze --format jsonl --no-tokens "${big}" "${SAMPLE}")
expect_equal("pipe: exit code" "${r_rc}" "0")
expect_equal("pipe: nothing on stderr" "${r_err}" "")

find_program(SCRIPT_PROGRAM script)
set(have_pty FALSE)
if(SCRIPT_PROGRAM)
  execute_process(COMMAND "${SCRIPT_PROGRAM}" --version OUTPUT_VARIABLE _version ERROR_QUIET RESULT_VARIABLE _rc)
  if(_rc EQUAL 0 AND _version MATCHES "util-linux")
    execute_process(COMMAND "${SCRIPT_PROGRAM}" -qec "echo pty-ok" /dev/null
      OUTPUT_VARIABLE _out ERROR_QUIET RESULT_VARIABLE _rc)
    if(_rc EQUAL 0 AND _out MATCHES "pty-ok")
      set(have_pty TRUE)
    endif()
  endif()
endif()
if(NOT have_pty)
  message(STATUS "skipped the terminal checks: no util-linux script(1) or no pseudo-terminal")
  finish()
  return()
endif()

# Runs byline under script(1) with stdout sent to /dev/null, so that what script relays is what
# byline wrote on its terminal stderr.
function(byline_on_terminal prefix)
  set(_command "'${BYLINE}'")
  foreach(_arg IN LISTS ARGN)
    string(APPEND _command " '${_arg}'")
  endforeach()
  execute_process(COMMAND "${SCRIPT_PROGRAM}" -qec "${_command} >/dev/null" /dev/null
    RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
  set(${prefix}_rc "${_rc}" PARENT_SCOPE)
  set(${prefix}_out "${_out}" PARENT_SCOPE)
endfunction()

byline_on_terminal(big analyze --format jsonl "${big}" "${SAMPLE}")
expect_equal("terminal, large input: exit code" "${big_rc}" "0")
expect_contains("terminal, large input: a bar" "${big_out}" "\r${esc}[Kbyline: [")
expect_contains("terminal, large input: files counted" "${big_out}" "/2 files")
if(NOT big_out MATCHES "\r${esc}\\[K$")
  fail("terminal, large input: the bar is not cleared at the end: [${big_out}]")
endif()

byline_on_terminal(small analyze --format jsonl "${SAMPLE}" "${SAMPLE}")
expect_equal("terminal, small input: exit code" "${small_rc}" "0")
expect_equal("terminal, small input: no bar" "${small_out}" "")

# A message in the middle of the bar starts on a line of its own.
set(missing "${WORK_DIR}/no-such-file.txt")
byline_on_terminal(m analyze --format jsonl "${big}" "${missing}")
expect_equal("terminal, missing file: exit code" "${m_rc}" "2")
expect_contains("terminal, missing file: the message" "${m_out}"
  "byline: cannot open '${missing}': No such file or directory")

finish()
