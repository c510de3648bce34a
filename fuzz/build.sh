#!/bin/sh
# Builds byline's libFuzzer harnesses with clang-16 (libFuzzer + AddressSanitizer + UBSan) through
# CMake: the `clang` preset with its target byline_fuzzers, into build/clang/fuzz/. The same as
#   cmake --preset clang && cmake --build --preset clang --target byline_fuzzers
# fuzz/CMakeLists.txt has the flags; fuzz/README.md says how to run the harnesses.
set -eu
cd "$(dirname "$0")/.."
cmake --preset clang
cmake --build --preset clang --target byline_fuzzers
echo "fuzzers: build/clang/fuzz/utf_fuzzer build/clang/fuzz/segment_fuzzer build/clang/fuzz/pipeline_fuzzer"
