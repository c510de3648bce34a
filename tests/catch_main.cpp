// Catch2 (v2) main() for all byline unit tests; built once as byline_catch_main.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
