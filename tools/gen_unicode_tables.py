#!/usr/bin/env python3
"""Generate include/byline/unicode/detail/tables.hpp from the Unicode Character Database.

Usage:
    python3 tools/gen_unicode_tables.py --ucd /usr/share/unicode \
        --out include/byline/unicode/detail/tables.hpp
    python3 tools/gen_unicode_tables.py --ucd /usr/share/unicode \
        --check include/byline/unicode/detail/tables.hpp

Inputs (all from the UCD directory, Unicode 15.0.0 expected; the script fails
loudly on any other version):
    UnicodeData.txt                          General_Category, simple case mappings
    Scripts.txt                              Script
    CaseFolding.txt                          simple case folding (status C + S)
    auxiliary/WordBreakProperty.txt          Word_Break
    auxiliary/SentenceBreakProperty.txt      Sentence_Break
    auxiliary/GraphemeBreakProperty.txt      Grapheme_Cluster_Break
    emoji/emoji-data.txt                     Extended_Pictographic
    DerivedAge.txt, ReadMe.txt               version cross-checks for UnicodeData.txt

Output is deterministic: the same inputs always give a byte-identical header.
Standard library only.
"""

import argparse
import difflib
import os
import re
import sys

UNICODE_VERSION = "15.0.0"
MAX_CP = 0x10FFFF
N_CP = MAX_CP + 1
REGEN_COMMAND = ("python3 tools/gen_unicode_tables.py --ucd /usr/share/unicode "
                 "--out include/byline/unicode/detail/tables.hpp")

# ---------------------------------------------------------------------------
# Enumerations. These orders MUST match the hand-written enums in
# include/byline/unicode/properties.hpp (the exhaustive test checks this
# independently against the UCD files).
# ---------------------------------------------------------------------------
GENERAL_CATEGORY = ["Cn", "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd",
                    "Nl", "No", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm",
                    "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co"]
WORD_BREAK = ["Other", "CR", "LF", "Newline", "Extend", "ZWJ", "Regional_Indicator",
              "Format", "Katakana", "Hebrew_Letter", "ALetter", "Single_Quote",
              "Double_Quote", "MidNumLet", "MidLetter", "MidNum", "Numeric",
              "ExtendNumLet", "WSegSpace"]
SENTENCE_BREAK = ["Other", "CR", "LF", "Extend", "Sep", "Format", "Sp", "Lower",
                  "Upper", "OLetter", "Numeric", "ATerm", "STerm", "Close",
                  "SContinue"]
GRAPHEME_BREAK = ["Other", "CR", "LF", "Control", "Extend", "ZWJ",
                  "Regional_Indicator", "Prepend", "SpacingMark", "L", "V", "T",
                  "LV", "LVT"]

# Bit layout of the 32-bit char_properties record.
WB_SHIFT, WB_BITS = 0, 5
SB_SHIFT, SB_BITS = 5, 4
GCB_SHIFT, GCB_BITS = 9, 4
EXTPICT_SHIFT = 13
GC_SHIFT, GC_BITS = 14, 5

assert len(WORD_BREAK) <= 1 << WB_BITS
assert len(SENTENCE_BREAK) <= 1 << SB_BITS
assert len(GRAPHEME_BREAK) <= 1 << GCB_BITS
assert len(GENERAL_CATEGORY) <= 1 << GC_BITS


class UcdError(Exception):
    pass


# ---------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------
def read_text(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError as e:
        raise UcdError("cannot read %s: %s" % (path, e))


def check_header_version(path, text, stem):
    """UCD property files start with '# <Stem>-15.0.0.txt'."""
    first = text.split("\n", 1)[0].strip()
    m = re.match(r"#\s*%s-(\d+\.\d+\.\d+)\.txt$" % re.escape(stem), first)
    if not m:
        raise UcdError("%s: cannot find version header (first line: %r)" % (path, first))
    if m.group(1) != UNICODE_VERSION:
        raise UcdError("%s: Unicode version %s, expected %s" % (path, m.group(1), UNICODE_VERSION))


def parse_property_file(path, text):
    """Yield (first, last, value) for 'XXXX[..YYYY] ; Value # comment' lines."""
    for lineno, raw in enumerate(text.split("\n"), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        fields = [f.strip() for f in line.split(";")]
        if len(fields) < 2:
            raise UcdError("%s:%d: malformed line %r" % (path, lineno, raw))
        rng = fields[0]
        if ".." in rng:
            a, b = rng.split("..")
            first, last = int(a, 16), int(b, 16)
        else:
            first = last = int(rng, 16)
        if not (0 <= first <= last <= MAX_CP):
            raise UcdError("%s:%d: bad range %r" % (path, lineno, rng))
        yield first, last, fields[1:], lineno


def load_enum_property(ucd, relpath, stem, names, default):
    path = os.path.join(ucd, relpath)
    text = read_text(path)
    check_header_version(path, text, stem)
    index = {n: i for i, n in enumerate(names)}
    values = [default] * N_CP
    seen = bytearray(N_CP)
    for first, last, fields, lineno in parse_property_file(path, text):
        name = fields[0]
        if name not in index:
            raise UcdError("%s:%d: unknown value %r" % (path, lineno, name))
        v = index[name]
        for cp in range(first, last + 1):
            if seen[cp]:
                raise UcdError("%s:%d: U+%04X listed twice" % (path, lineno, cp))
            seen[cp] = 1
            values[cp] = v
    return values


def load_extended_pictographic(ucd):
    path = os.path.join(ucd, "emoji", "emoji-data.txt")
    text = read_text(path)
    # emoji-data.txt has no '-15.0.0' header; it says 'Used with Emoji Version 15.0'.
    m = re.search(r"^#\s*Used with Emoji Version (\d+\.\d+)", text, re.M)
    if not m:
        raise UcdError("%s: cannot find 'Used with Emoji Version' header" % path)
    if m.group(1) != UNICODE_VERSION.rsplit(".", 1)[0]:
        raise UcdError("%s: Emoji version %s, expected %s" % (path, m.group(1), UNICODE_VERSION))
    values = bytearray(N_CP)
    count = 0
    for first, last, fields, _ in parse_property_file(path, text):
        if fields[0] == "Extended_Pictographic":
            for cp in range(first, last + 1):
                values[cp] = 1
            count += 1
    if count == 0:
        raise UcdError("%s: no Extended_Pictographic entries" % path)
    return values


def load_derived_age_assigned(ucd):
    path = os.path.join(ucd, "DerivedAge.txt")
    text = read_text(path)
    check_header_version(path, text, "DerivedAge")
    assigned = bytearray(N_CP)
    for first, last, fields, _ in parse_property_file(path, text):
        for cp in range(first, last + 1):
            assigned[cp] = 1
    return assigned


def is_noncharacter(cp):
    return 0xFDD0 <= cp <= 0xFDEF or (cp & 0xFFFE) == 0xFFFE


def load_unicode_data(ucd):
    """Return (general_category[], upper[], lower[]) for all code points."""
    path = os.path.join(ucd, "UnicodeData.txt")
    text = read_text(path)
    gc_index = {n: i for i, n in enumerate(GENERAL_CATEGORY)}
    gc = bytearray(N_CP)  # 0 == Cn
    upper = list(range(N_CP))
    lower = list(range(N_CP))
    range_start = None
    prev = -1
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        f = line.split(";")
        if len(f) != 15:
            raise UcdError("%s:%d: expected 15 fields, got %d" % (path, lineno, len(f)))
        cp = int(f[0], 16)
        if cp <= prev or cp > MAX_CP:
            raise UcdError("%s:%d: code points out of order" % (path, lineno))
        prev = cp
        name, cat = f[1], f[2]
        if cat not in gc_index or cat == "Cn":
            raise UcdError("%s:%d: bad General_Category %r" % (path, lineno, cat))
        g = gc_index[cat]
        if name.endswith(", First>"):
            if range_start is not None:
                raise UcdError("%s:%d: nested range" % (path, lineno))
            range_start = (cp, g, name[1:-len(", First>")])
            continue
        if name.endswith(", Last>"):
            if range_start is None or range_start[2] != name[1:-len(", Last>")] \
                    or range_start[1] != g:
                raise UcdError("%s:%d: unmatched range end" % (path, lineno))
            for c in range(range_start[0], cp + 1):
                gc[c] = g
            range_start = None
            continue
        if range_start is not None:
            raise UcdError("%s:%d: unterminated range" % (path, lineno))
        gc[cp] = g
        if f[12]:
            upper[cp] = int(f[12], 16)
        if f[13]:
            lower[cp] = int(f[13], 16)
    if range_start is not None:
        raise UcdError("%s: unterminated range at end of file" % path)

    # UnicodeData.txt carries no version line. Check the directory's ReadMe.txt
    # and that the set of assigned code points equals DerivedAge-15.0.0.txt's.
    readme = os.path.join(ucd, "ReadMe.txt")
    rtext = read_text(readme)
    m = re.search(r"for Version (\d+\.\d+\.\d+) of the Unicode Standard", rtext)
    if not m or m.group(1) != UNICODE_VERSION:
        raise UcdError("%s: does not describe Unicode %s (found %s)"
                       % (readme, UNICODE_VERSION, m.group(1) if m else "nothing"))
    age = load_derived_age_assigned(ucd)
    for cp in range(N_CP):
        expect = bool(age[cp]) and not is_noncharacter(cp)
        if bool(gc[cp]) != expect:
            raise UcdError("%s: U+%04X assignment disagrees with DerivedAge.txt "
                           "(UnicodeData.txt is not version %s?)" % (path, cp, UNICODE_VERSION))
    return gc, upper, lower


def load_scripts(ucd):
    path = os.path.join(ucd, "Scripts.txt")
    text = read_text(path)
    check_header_version(path, text, "Scripts")
    entries = list(parse_property_file(path, text))
    names = sorted({fields[0] for _, _, fields, _ in entries})
    for n in ("Common", "Inherited"):
        if n not in names:
            raise UcdError("%s: script %s missing" % (path, n))
    if "Unknown" in names:
        raise UcdError("%s: Unknown must not be listed explicitly" % path)
    ordered = ["Unknown", "Common", "Inherited"] + \
        [n for n in names if n not in ("Common", "Inherited")]
    if len(ordered) > 256:
        raise UcdError("too many scripts for uint8_t")
    index = {n: i for i, n in enumerate(ordered)}
    values = bytearray(N_CP)
    seen = bytearray(N_CP)
    for first, last, fields, lineno in entries:
        v = index[fields[0]]
        for cp in range(first, last + 1):
            if seen[cp]:
                raise UcdError("%s:%d: U+%04X listed twice" % (path, lineno, cp))
            seen[cp] = 1
            values[cp] = v
    return ordered, values


def load_case_folding(ucd):
    path = os.path.join(ucd, "CaseFolding.txt")
    text = read_text(path)
    check_header_version(path, text, "CaseFolding")
    fold = list(range(N_CP))
    seen = bytearray(N_CP)
    for first, last, fields, lineno in parse_property_file(path, text):
        if first != last:
            raise UcdError("%s:%d: unexpected range" % (path, lineno))
        status = fields[0]
        if status not in ("C", "F", "S", "T"):
            raise UcdError("%s:%d: unknown status %r" % (path, lineno, status))
        if status in ("C", "S"):
            mapping = fields[1].split()
            if len(mapping) != 1:
                raise UcdError("%s:%d: simple folding must map to one code point" % (path, lineno))
            if seen[first]:
                raise UcdError("%s:%d: U+%04X folded twice" % (path, lineno, first))
            seen[first] = 1
            fold[first] = int(mapping[0], 16)
    return fold


# ---------------------------------------------------------------------------
# Multi-stage table compression
# ---------------------------------------------------------------------------
def int_type(max_value):
    if max_value < 1 << 8:
        return "std::uint8_t", 1
    if max_value < 1 << 16:
        return "std::uint16_t", 2
    return "std::uint32_t", 4


def split_blocks(values, shift):
    """Deduplicate blocks of 2**shift entries. Returns (index_per_block, flat_unique)."""
    size = 1 << shift
    seen = {}
    index = []
    flat = []
    for start in range(0, len(values), size):
        blk = tuple(values[start:start + size])
        i = seen.get(blk)
        if i is None:
            i = len(seen)
            seen[blk] = i
            flat.extend(blk)
        index.append(i)
    return index, flat


class Trie:
    """A 2- or 3-stage lookup table over code points 0..0x10FFFF.

    shifts: log2 of the block sizes, leaf stage first.
      2 stages: leaf[(top[cp >> s0] << s0) | (cp & m0)]
      3 stages: leaf[(mid[(top[cp >> (s0+s1)] << s1) | ((cp >> s0) & m1)] << s0) | (cp & m0)]
    stages: the arrays, top stage first; the last one holds the values.
    """

    def __init__(self, shifts, stages):
        self.shifts = shifts
        self.stages = stages

    def elem_bytes(self, k, leaf_bytes):
        if k == len(self.stages) - 1:
            return leaf_bytes
        return int_type(max(self.stages[k]))[1]

    def total_bytes(self, leaf_bytes):
        return sum(self.elem_bytes(k, leaf_bytes) * len(st) for k, st in enumerate(self.stages))


def best_trie(values, leaf_bytes):
    """Try every 2- and 3-stage split and keep the one with the fewest bytes.

    Ties go to fewer stages, then to the first candidate tried, so the choice
    is deterministic."""
    best = None
    for s0 in range(3, 12):
        top, leaf = split_blocks(values, s0)
        t = Trie([s0], [top, leaf])
        cost = t.total_bytes(leaf_bytes)
        if best is None or cost < best[0]:
            best = (cost, t)
    for s0 in range(2, 10):
        leaf_index, leaf = split_blocks(values, s0)
        for s1 in range(2, 10):
            top, mid = split_blocks(leaf_index, s1)
            t = Trie([s0, s1], [top, mid, leaf])
            cost = t.total_bytes(leaf_bytes)
            if cost < best[0]:
                best = (cost, t)
    return best[1]


# ---------------------------------------------------------------------------
# Emission
# ---------------------------------------------------------------------------
def format_array(name, ctype, data, width=100):
    items = [str(v) for v in data]
    lines = []
    cur = "    "
    for it in items:
        piece = it + ","
        if len(cur) + len(piece) > width:
            lines.append(cur.rstrip())
            cur = "    "
        cur += piece
    if cur.strip():
        lines.append(cur.rstrip())
    return "inline constexpr %s %s[%d] = {\n%s\n};\n" % (ctype, name, len(data), "\n".join(lines))


def emit_trie(out, prefix, trie, leaf_type):
    """Emit the stage arrays and '<prefix>_lookup(cp)' returning the leaf value."""
    names = []
    for k, data in enumerate(trie.stages):
        ctype = leaf_type if k == len(trie.stages) - 1 else int_type(max(data))[0]
        nm = "%s_stage%d" % (prefix, k + 1)
        names.append(nm)
        out.append(format_array(nm, ctype, data))
    if len(trie.shifts) == 1:
        s0 = trie.shifts[0]
        expr = "%s[(std::uint32_t{%s[cp >> %d]} << %d) | (cp & 0x%X)]" % (
            names[1], names[0], s0, s0, (1 << s0) - 1)
    else:
        s0, s1 = trie.shifts
        mid = "%s[(std::uint32_t{%s[cp >> %d]} << %d) | ((cp >> %d) & 0x%X)]" % (
            names[1], names[0], s0 + s1, s1, s0, (1 << s1) - 1)
        expr = "%s[(std::uint32_t{%s} << %d) | (cp & 0x%X)]" % (
            names[2], mid, s0, (1 << s0) - 1)
    out.append("// Requires cp <= 0x10FFFF.\n"
               "constexpr %s %s_lookup(char32_t cp) noexcept {\n    return %s;\n}\n"
               % (leaf_type, prefix, expr))


def describe_trie(trie, leaf_bytes):
    parts = []
    for k, data in enumerate(trie.stages):
        b = leaf_bytes if k == len(trie.stages) - 1 else int_type(max(data))[1]
        parts.append("%d x %d B" % (len(data), b))
    return "%d stages, block sizes %s (top to leaf): %s = %d bytes" % (
        len(trie.stages), "/".join(str(1 << x) for x in reversed(trie.shifts)),
        " + ".join(parts), trie.total_bytes(leaf_bytes))


def cpp_ident(script_name):
    ident = script_name.lower()
    if not re.match(r"^[a-z][a-z0-9_]*$", ident):
        raise UcdError("script name %r is not a valid identifier" % script_name)
    return ident


def generate(ucd):
    gc, upper, lower = load_unicode_data(ucd)
    wb = load_enum_property(ucd, "auxiliary/WordBreakProperty.txt", "WordBreakProperty",
                            WORD_BREAK, 0)
    sb = load_enum_property(ucd, "auxiliary/SentenceBreakProperty.txt",
                            "SentenceBreakProperty", SENTENCE_BREAK, 0)
    gcb = load_enum_property(ucd, "auxiliary/GraphemeBreakProperty.txt",
                             "GraphemeBreakProperty", GRAPHEME_BREAK, 0)
    ep = load_extended_pictographic(ucd)
    script_names, scripts = load_scripts(ucd)
    fold = load_case_folding(ucd)

    # --- packed break/category records -----------------------------------
    packed = [(wb[cp] << WB_SHIFT) | (sb[cp] << SB_SHIFT) | (gcb[cp] << GCB_SHIFT)
              | (ep[cp] << EXTPICT_SHIFT) | (gc[cp] << GC_SHIFT) for cp in range(N_CP)]
    if packed[MAX_CP] != 0:
        raise UcdError("U+10FFFF is expected to have all-default properties")
    # Record 0 is the all-default record; the rest in order of first appearance.
    records = [0]
    rec_index = {0: 0}
    prop_idx = []
    for v in packed:
        i = rec_index.get(v)
        if i is None:
            i = len(records)
            rec_index[v] = i
            records.append(v)
        prop_idx.append(i)
    rec_type, rec_idx_bytes = int_type(len(records) - 1)
    prop_trie = best_trie(prop_idx, rec_idx_bytes)

    # --- script -------------------------------------------------------------
    script_trie = best_trie(list(scripts), 1)

    # --- case mappings: index into a table of (lower, upper, fold) deltas -----
    triples = [(lower[cp] - cp, upper[cp] - cp, fold[cp] - cp) for cp in range(N_CP)]
    case_records = [(0, 0, 0)]
    case_index = {(0, 0, 0): 0}
    case_idx = []
    for t in triples:
        i = case_index.get(t)
        if i is None:
            i = len(case_records)
            case_index[t] = i
            case_records.append(t)
        case_idx.append(i)
    case_type, case_idx_bytes = int_type(len(case_records) - 1)
    case_trie = best_trie(case_idx, case_idx_bytes)
    max_delta = max(abs(d) for t in case_records for d in t)
    delta_type = "std::int16_t" if max_delta < 1 << 15 else "std::int32_t"
    delta_bytes = 2 if delta_type == "std::int16_t" else 4

    # --- emit --------------------------------------------------------------------
    out = []
    out.append("// GENERATED. DO NOT EDIT.\n"
               "//\n"
               "// Generator: tools/gen_unicode_tables.py\n"
               "// Source:    Unicode Character Database %s, from Debian's unicode-data package\n"
               "//            at /usr/share/unicode: UnicodeData.txt, Scripts.txt, CaseFolding.txt,\n"
               "//            auxiliary/WordBreakProperty.txt, auxiliary/SentenceBreakProperty.txt,\n"
               "//            auxiliary/GraphemeBreakProperty.txt, emoji/emoji-data.txt\n"
               "//            (version cross-checked with DerivedAge.txt and ReadMe.txt).\n"
               "// Remake:    %s\n"
               "// Verify:    python3 tools/gen_unicode_tables.py --ucd /usr/share/unicode --check "
               "include/byline/unicode/detail/tables.hpp\n"
               "//\n"
               "// Use through <byline/unicode/properties.hpp>; everything in detail:: is internal.\n"
               % (UNICODE_VERSION, REGEN_COMMAND))
    out.append("#pragma once\n\n#include <cstdint>\n#include <string_view>\n")

    out.append("namespace byline::unicode {\n")
    out.append("// Script values of Scripts.txt: unknown, common, inherited, then the other\n"
               "// scripts alphabetically by long name.\n"
               "enum class script : std::uint8_t {")
    enum_lines = []
    cur = "   "
    for i, n in enumerate(script_names):
        piece = " %s%s," % (cpp_ident(n), " = 0" if i == 0 else "")
        if len(cur) + len(piece) > 100:
            enum_lines.append(cur)
            cur = "   "
        cur += piece
    enum_lines.append(cur)
    out.append("\n".join(enum_lines) + "\n};\n} // namespace byline::unicode\n")

    out.append("namespace byline::unicode::detail {\n")
    out.append("inline constexpr std::string_view generated_unicode_version = \"%s\";\n"
               % UNICODE_VERSION)
    out.append("// Layout of the 32-bit char_properties record.\n"
               "inline constexpr unsigned wb_shift = %d, wb_mask = 0x%X;\n"
               "inline constexpr unsigned sb_shift = %d, sb_mask = 0x%X;\n"
               "inline constexpr unsigned gcb_shift = %d, gcb_mask = 0x%X;\n"
               "inline constexpr unsigned extpict_shift = %d;\n"
               "inline constexpr unsigned gc_shift = %d, gc_mask = 0x%X;\n"
               "inline constexpr unsigned word_break_count = %d, sentence_break_count = %d,\n"
               "    grapheme_break_count = %d, general_category_count = %d, script_count = %d;\n"
               % (WB_SHIFT, (1 << WB_BITS) - 1, SB_SHIFT, (1 << SB_BITS) - 1,
                  GCB_SHIFT, (1 << GCB_BITS) - 1, EXTPICT_SHIFT, GC_SHIFT, (1 << GC_BITS) - 1,
                  len(WORD_BREAK), len(SENTENCE_BREAK), len(GRAPHEME_BREAK),
                  len(GENERAL_CATEGORY), len(script_names)))

    parts, cur = [], "    "
    for n in script_names:
        piece = '"%s",' % n
        if len(cur) + len(piece) > 100:
            parts.append(cur)
            cur = "    "
        cur += piece
    parts.append(cur)
    out.append("inline constexpr std::string_view script_names[%d] = {\n%s\n};\n"
               % (len(script_names), "\n".join(parts)))

    out.append("// Packed records for U+0000..U+007F (one load on the ASCII fast path).\n")
    out.append(format_array("ascii_properties", "std::uint32_t", packed[:0x80]))
    out.append("// Every distinct packed record; record 0 is the all-default (unassigned) one.\n")
    out.append(format_array("property_records", "std::uint32_t", records))
    out.append("// Code point -> index into property_records. %s.\n"
               % describe_trie(prop_trie, rec_idx_bytes))
    emit_trie(out, "property", prop_trie, rec_type)

    out.append("// Code point -> script. %s.\n" % describe_trie(script_trie, 1))
    emit_trie(out, "script", script_trie, "std::uint8_t")

    out.append("// Distinct (lowercase, uppercase, case fold) deltas; entry 0 is identity.\n")
    out.append(format_array("case_lower_delta", delta_type, [t[0] for t in case_records]))
    out.append(format_array("case_upper_delta", delta_type, [t[1] for t in case_records]))
    out.append(format_array("case_fold_delta", delta_type, [t[2] for t in case_records]))
    out.append("// Code point -> index into the case delta tables. %s.\n"
               % describe_trie(case_trie, case_idx_bytes))
    emit_trie(out, "case", case_trie, case_type)

    sizes = {
        "ascii_properties": 0x80 * 4,
        "property_records": len(records) * 4,
        "property trie": prop_trie.total_bytes(rec_idx_bytes),
        "script trie": script_trie.total_bytes(1),
        "case deltas": len(case_records) * 3 * delta_bytes,
        "case trie": case_trie.total_bytes(case_idx_bytes),
    }
    out.append("// Table sizes in bytes: %s; total %d.\n"
               % (", ".join("%s %d" % kv for kv in sizes.items()), sum(sizes.values())))
    out.append("} // namespace byline::unicode::detail\n")
    return "\n".join(out), sizes, (prop_trie, script_trie, case_trie, len(records), len(case_records))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--ucd", default="/usr/share/unicode",
                    help="UCD directory (default: /usr/share/unicode)")
    ap.add_argument("--out", help="write the generated header here")
    ap.add_argument("--check", metavar="HEADER",
                    help="regenerate in memory and exit 1 if HEADER differs")
    ap.add_argument("--verbose", action="store_true", help="print table statistics")
    args = ap.parse_args(argv)
    if not args.out and not args.check:
        ap.error("one of --out or --check is required")

    try:
        text, sizes, info = generate(args.ucd)
    except UcdError as e:
        print("gen_unicode_tables.py: error: %s" % e, file=sys.stderr)
        return 2

    if args.verbose:
        for k, v in sizes.items():
            print("%-18s %8d bytes" % (k, v))
        print("%-18s %8d bytes" % ("total", sum(sizes.values())))
        print("distinct property records: %d, case records: %d" % (info[3], info[4]))
        print("generated source: %d bytes" % len(text.encode("utf-8")))

    status = 0
    if args.check:
        try:
            with open(args.check, encoding="utf-8", newline="") as f:
                current = f.read()
        except OSError as e:
            print("gen_unicode_tables.py: --check: cannot read %s: %s" % (args.check, e),
                  file=sys.stderr)
            return 1
        if current != text:
            diff = list(difflib.unified_diff(current.splitlines(), text.splitlines(),
                                             args.check, "regenerated", lineterm="", n=1))
            changed = sum(1 for l in diff if l[:1] in "+-" and l[:3] not in ("+++", "---"))
            print("%s is out of date: %d line(s) differ. First differences:" % (args.check, changed))
            for l in diff[:40]:
                print(l[:200])
            print("Regenerate with: %s" % REGEN_COMMAND)
            status = 1
        else:
            print("%s is up to date." % args.check)
    if args.out:
        tmp = args.out + ".tmp"
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, args.out)
    return status


if __name__ == "__main__":
    sys.exit(main())
