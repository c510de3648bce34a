# Warning flags for byline's OWN targets (tests, examples, benchmarks).
# Always applied PRIVATE, never to the `byline` INTERFACE target, so nothing
# here reaches code that consumes byline.
include_guard(GLOBAL)

function(byline_enable_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
    # GCC 12 reports a false -Wrestrict ("accessing 9223372036854775810 or more bytes ... may
    # overlap") when it inlines "literal" + std::string at -O3, e.g. in tests/segment_test.cpp
    # (GCC bug 105329, still in 12.3). CMake's Release is -O3, so a plain Release build would
    # warn, and fail with BYLINE_WERROR. The warning is of little use in this code otherwise.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU"
        AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12
        AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
      target_compile_options(${target} PRIVATE -Wno-restrict)
    endif()
    if(BYLINE_WERROR)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
  elseif(MSVC)
    target_compile_options(${target} PRIVATE /W4 /permissive-)
    if(BYLINE_WERROR)
      target_compile_options(${target} PRIVATE /WX)
    endif()
  endif()
endfunction()
