// byline — the umbrella header: everything the library offers.
#pragma once

#include <byline/version.hpp>

#include <byline/unicode/properties.hpp>
#include <byline/unicode/utf.hpp>

#include <byline/segment/graphemes.hpp>
#include <byline/segment/segment.hpp>
#include <byline/segment/sentences.hpp>
#include <byline/segment/words.hpp>
