// byline — news text analysis (tokenizer, entities, stances).
// SPDX-License-Identifier: MIT
//
// Library version. Keep in sync with `project(byline VERSION ...)` in the
// top-level CMakeLists.txt; configuring fails if the two disagree.
#pragma once

#include <string_view>

#define BYLINE_VERSION_MAJOR 0
#define BYLINE_VERSION_MINOR 1
#define BYLINE_VERSION_PATCH 0

// Single number for preprocessor comparisons: MAJOR * 10000 + MINOR * 100 + PATCH.
#define BYLINE_VERSION \
    (BYLINE_VERSION_MAJOR * 10000 + BYLINE_VERSION_MINOR * 100 + BYLINE_VERSION_PATCH)

namespace byline {

inline constexpr std::string_view version = "0.1.0";

} // namespace byline
