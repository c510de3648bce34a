#!/usr/bin/env python3
"""Generates include/byline/stance/data/cues.hpp, byline's cue lexicon, from tools/data/stance/cues.tsv.

Source: byline's own list tools/data/stance/cues.tsv (MIT, like byline). Verbs are inflected here
(third person -s, past -ed, -ing, by the usual spelling rules, irregular forms from the list);
nouns get their plural. Every form becomes one row, sorted by its bytes, for binary search.

  python3 tools/gen_cues.py --data tools/data/stance/cues.tsv --out include/byline/stance/data/cues.hpp
  add --check to compare with the committed file instead of writing it.
"""
import argparse
import sys
from pathlib import Path

CLASSES = ["report", "write", "ask", "belief", "show", "support", "oppose", "according", "positive", "negative", "harm"]
VOWELS = set("aeiou")


def third(w):
    if w.endswith(("s", "x", "z", "ch", "sh", "o")):
        return w + "es"
    if len(w) > 1 and w.endswith("y") and w[-2] not in VOWELS:
        return w[:-1] + "ies"
    return w + "s"


def past(w):
    if w.endswith("e"):
        return w + "d"
    if len(w) > 1 and w.endswith("y") and w[-2] not in VOWELS:
        return w[:-1] + "ied"
    return w + "ed"


def ing(w):
    if w.endswith("ie"):
        return w[:-2] + "ying"
    if w.endswith("e") and not w.endswith(("ee", "ye", "oe")):
        return w[:-1] + "ing"
    return w + "ing"


def plural(w):
    return third(w)


def rows(path):
    out = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 3:
            sys.exit(f"gen_cues: {path}:{n}: expected lemma, class, part of speech")
        lemma, cls, pos = cols[0], cols[1], cols[2]
        extra = cols[3] if len(cols) > 3 else ""
        if cls not in CLASSES:
            sys.exit(f"gen_cues: {path}:{n}: unknown class {cls}")
        head, _, rest = lemma.partition(" ")
        tail = " " + rest if rest else ""
        forms = []  # (form, kind)
        if pos == "verb":
            given = extra.split("|") if extra else []
            given += [""] * (4 - len(given))
            # A multi-word irregular form is written whole ("ruled out").
            def pick(i, made):
                return given[i] if given[i] else made + tail
            forms = [(lemma, "base"), (pick(0, past(head)), "past"), (pick(1, past(head)), "participle"),
                     (pick(2, third(head)), "third"), (pick(3, ing(head)), "ing")]
        elif pos == "noun":
            forms = [(lemma, "noun"), (extra if extra else plural(head) + tail, "plural")]
        elif pos == "fixed":
            forms = [(lemma, "fixed")]
        else:
            sys.exit(f"gen_cues: {path}:{n}: unknown part of speech {pos}")
        for f, kind in forms:
            out.append((f, lemma, cls, kind))
    return out


def render(entries, src):
    # One row per (form, lemma, class); the kinds of a form merge into a bit set (said: past|participle).
    merged = {}
    for f, lemma, cls, kind in entries:
        merged.setdefault((f, lemma, cls), []).append(kind)
    keys = sorted(merged, key=lambda k: (k[0].encode("utf-8"), k[1], k[2]))
    lines = [
        "// GENERATED. DO NOT EDIT.",
        "// byline's cue lexicon: words that report speech or thought, and words that take a side.",
        "// Generator: tools/gen_cues.py",
        "// Sources and licences:",
        f"//   - byline's own list {src}; MIT, like byline.",
        f"// {len(keys)} forms.",
        "// Remake:",
        "//   python3 tools/gen_cues.py --data tools/data/stance/cues.tsv --out include/byline/stance/data/cues.hpp",
        "#pragma once",
        "",
        "#include <byline/stance/cue_types.hpp>",
        "",
        "namespace byline::stance_data {",
        "",
        "// Sorted by form (bytes), so that lookups can search it.",
        "inline constexpr cue_entry cue_table[] = {",
    ]
    for k in keys:
        f, lemma, cls = k
        kinds = "|".join("cue_form::" + x for x in sorted(set(merged[k]), key=["base", "past", "participle", "third", "ing", "noun", "plural", "fixed"].index))
        words = f.count(" ") + 1
        lines.append(f'    {{"{f}", "{lemma}", cue_class::{cls}, {kinds}, {words}}},')
    lines += ["};", "", "}  // namespace byline::stance_data", ""]
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    text = render(rows(a.data), "tools/data/stance/cues.tsv")
    if a.check:
        old = Path(a.out).read_text(encoding="utf-8")
        if old != text:
            sys.exit(f"gen_cues: {a.out} differs from what {a.data} makes; run tools/gen_cues.py")
        print("gen_cues: up to date")
        return
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(text, encoding="utf-8")
    print(f"gen_cues: wrote {a.out}")


if __name__ == "__main__":
    main()
