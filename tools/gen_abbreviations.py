#!/usr/bin/env python3
"""Generates include/byline/tokenize/detail/abbreviations.hpp.

Sources: the English sentence-break suppressions of CLDR (common/segments/en.xml, Unicode licence,
from Debian's unicode-cldr-core at /usr/share/unicode/cldr) and byline's own list
tools/data/abbreviations.txt, whose "-" lines remove CLDR entries that are usually ordinary words.
Single letters with a period ("A.", "J.") are left out: the tokenizer treats every initial alike.

  python3 tools/gen_abbreviations.py --cldr /usr/share/unicode/cldr \
      --extra tools/data/abbreviations.txt --out include/byline/tokenize/detail/abbreviations.hpp
  add --check to compare with the committed file instead of writing it.
"""
import argparse
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def cldr_suppressions(cldr_dir):
    path = Path(cldr_dir) / "common" / "segments" / "en.xml"
    root = ET.parse(path).getroot()
    out = []
    for s in root.iter("suppression"):
        if s.text and s.text.strip():
            out.append(s.text.strip())
    if not out:
        sys.exit(f"gen_abbreviations: no suppressions in {path}")
    return out


def extra(path):
    add, remove = [], set()
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("-"):
            remove.add(line[1:])
        else:
            add.append(line)
    return add, remove


def render(entries, cldr_count, extra_count):
    lines = [
        "// GENERATED. DO NOT EDIT.",
        "// Generator: tools/gen_abbreviations.py",
        "// Sources: CLDR common/segments/en.xml sentence-break suppressions (Unicode licence, Debian",
        "//   unicode-cldr-core, /usr/share/unicode/cldr) and byline's tools/data/abbreviations.txt.",
        "// Remake: python3 tools/gen_abbreviations.py --cldr /usr/share/unicode/cldr",
        "//   --extra tools/data/abbreviations.txt --out include/byline/tokenize/detail/abbreviations.hpp",
        f"// {len(entries)} entries ({cldr_count} from CLDR kept, {extra_count} from byline's list).",
        "#pragma once",
        "",
        "#include <string_view>",
        "",
        "namespace byline::detail {",
        "",
        "// Sorted by code unit, each with its final period.",
        "inline constexpr std::string_view default_abbreviations[] = {",
    ]
    for e in entries:
        lines.append('    "' + e.replace("\\", "\\\\").replace('"', '\\"') + '",')
    lines += ["};", "", "}  // namespace byline::detail", ""]
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cldr", default="/usr/share/unicode/cldr")
    ap.add_argument("--extra", default="tools/data/abbreviations.txt")
    ap.add_argument("--out", default="include/byline/tokenize/detail/abbreviations.hpp")
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    cldr = cldr_suppressions(a.cldr)
    add, remove = extra(a.extra)
    initial = re.compile(r"^[A-Za-z]\.$")
    kept = [c for c in cldr if c not in remove and not initial.match(c)]
    entries = sorted(set(kept) | set(add), key=lambda s: s.encode("utf-8"))
    text = render(entries, len(set(kept)), len(set(add) - set(kept)))
    out = Path(a.out)
    if a.check:
        if not out.exists() or out.read_text(encoding="utf-8") != text:
            print(f"gen_abbreviations: {out} differs from what the generator makes; remake it", file=sys.stderr)
            return 1
        return 0
    out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
