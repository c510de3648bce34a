# Warning flags for byline's OWN targets (tests, examples, benchmarks).
# Always applied PRIVATE, never to the `byline` INTERFACE target, so nothing
# here reaches code that consumes byline.
include_guard(GLOBAL)

function(byline_enable_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
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
