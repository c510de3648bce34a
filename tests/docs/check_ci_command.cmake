# README.md's test command ("Quick start", the block after "It is what CI runs") and the command in
# .ci/run must be the same, so that what the README promises is what CI checks.
#   cmake -DSOURCE_DIR=<repo root> -P check_ci_command.cmake
cmake_minimum_required(VERSION 3.25)

file(READ "${SOURCE_DIR}/README.md" readme)
string(FIND "${readme}" "It is what CI runs" at)
if(at EQUAL -1)
  message(FATAL_ERROR "README.md: no \"It is what CI runs\" paragraph before the test command")
endif()
string(SUBSTRING "${readme}" ${at} -1 readme)
if(NOT readme MATCHES "```sh\n([^\n]+)\n```")
  message(FATAL_ERROR "README.md: no one-line ```sh block after \"It is what CI runs\"")
endif()
set(readme_command "${CMAKE_MATCH_1}")

file(STRINGS "${SOURCE_DIR}/.ci/run" run_lines REGEX "^sh tools/bootstrap-debian.sh")
list(LENGTH run_lines n)
if(NOT n EQUAL 1)
  message(FATAL_ERROR ".ci/run: expected one line starting \"sh tools/bootstrap-debian.sh\", found ${n}")
endif()

if(NOT readme_command STREQUAL run_lines)
  message(FATAL_ERROR "README.md and .ci/run run different commands:\n"
    "  README.md: ${readme_command}\n  .ci/run:   ${run_lines}")
endif()
message(STATUS "README.md and .ci/run: ${readme_command}")
