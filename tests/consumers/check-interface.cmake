# Shared by the consumer projects: byline's usage requirements must not leak
# warning flags (e.g. -Werror) into consumers.
function(byline_consumer_check_interface target)
  get_target_property(_opts ${target} INTERFACE_COMPILE_OPTIONS)
  if(_opts AND _opts MATCHES "(-Werror|/WX|-Wall|-Wextra|-Wpedantic)")
    message(FATAL_ERROR "${target} leaks warning flags to consumers: ${_opts}")
  endif()
endfunction()
