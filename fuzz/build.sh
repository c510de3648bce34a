#!/bin/sh
# Builds byline's libFuzzer harnesses with clang-16 (libFuzzer + AddressSanitizer + UBSan).
#
#   sh fuzz/build.sh [output-dir]        default output dir: build-fuzz/ (git-ignored)
#
# Environment: CXX (default clang++-16), EXTRA_CXXFLAGS (extra compiler flags).
# clang-16 compiles libstdc++ 12's <ranges> as is; no -stdlib=libc++ is needed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out=${1:-"$root/build-fuzz"}
cxx=${CXX:-clang++-16}
mkdir -p "$out"
for f in utf_fuzzer segment_fuzzer pipeline_fuzzer; do
  echo "building $out/$f"
  # shellcheck disable=SC2086
  "$cxx" -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
    -Wall -Wextra -Werror ${EXTRA_CXXFLAGS:-} -I"$root/include" \
    "$here/$f.cpp" -o "$out/$f"
done
