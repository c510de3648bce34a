# Shared by the consumer projects: byline's usage requirements must not leak
# warning flags (e.g. -Werror) into consumers, and must carry the thread library
# that pipeline::pipe() needs.
function(byline_consumer_check_interface target)
  get_target_property(_opts ${target} INTERFACE_COMPILE_OPTIONS)
  if(_opts AND _opts MATCHES "(-Werror|/WX|-Wall|-Wextra|-Wpedantic)")
    message(FATAL_ERROR "${target} leaks warning flags to consumers: ${_opts}")
  endif()
  get_target_property(_libs ${target} INTERFACE_LINK_LIBRARIES)
  if(NOT _libs MATCHES "(^|;)Threads::Threads(;|$)")
    message(FATAL_ERROR "${target} does not link Threads::Threads: ${_libs}")
  endif()
endfunction()
