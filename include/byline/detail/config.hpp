// byline — compiler switches shared by the headers.
#pragma once

// The segmenters' and the tokenizer's per-segment steps are small and hot; inlining them keeps
// registers live across a segment instead of saving them at every call.
#if defined(__GNUC__) || defined(__clang__)
#define BYLINE_ALWAYS_INLINE __attribute__((always_inline)) inline
#elif defined(_MSC_VER)
#define BYLINE_ALWAYS_INLINE __forceinline
#else
#define BYLINE_ALWAYS_INLINE inline
#endif
