#!/bin/sh
# Install everything byline needs to build, test and benchmark on Debian 12.
# Idempotent: when every package is already installed (per `dpkg -s`) it does
# nothing and needs no network. Run as root (uses sudo if available otherwise).
#   sh tools/bootstrap-debian.sh
set -eu

# clang-16 is for the `clang` and `fuzz` presets. libclang-rt-16-dev is only a
# Recommends of clang-16 (skipped with --no-install-recommends below) but holds
# the sanitizer and libFuzzer runtimes, so it is listed on its own.
PACKAGES="cmake make g++ libfmt-dev catch2 unicode-data unicode-cldr-core python3
libbenchmark-dev libicu-dev pkg-config ca-certificates git
clang-16 libclang-rt-16-dev"

missing=""
for pkg in $PACKAGES; do
    if ! dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed$'; then
        missing="$missing $pkg"
    fi
done

if [ -z "$missing" ]; then
    echo "bootstrap-debian: all packages already installed"
    exit 0
fi

echo "bootstrap-debian: installing:$missing"

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "bootstrap-debian: must run as root (or with sudo available)" >&2
    exit 1
fi

$SUDO apt-get update
# shellcheck disable=SC2086  # word splitting of $missing is intended
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
