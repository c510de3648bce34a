#!/usr/bin/env python3
"""How precise would the generated city list be at other population thresholds?

A precision proxy for tools/gen_entity_resources.py's city selection: every capitalised, exact
occurrence of a chosen city name in CoNLL-2003 eng.train, counted by the gold tag of the whole
match (LOC when the match is exactly one LOC entity, else the type of its first token, O if
untagged). Reads the data set in place and prints counts only; nothing is copied.

  python3 tools/measure_city_threshold.py --conll ../shared/data/conll2003/eng.train \
      --lexicons ../shared/data/lexicons --data tools/data/entity
"""
import argparse
import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen_entity_resources as gen  # noqa: E402


def conll_sentences(path):
    sent = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("-DOCSTART-"):
            if sent:
                yield sent
            sent = []
            continue
        cols = line.split(" ")
        sent.append((cols[0], cols[-1]))
    if sent:
        yield sent


def count(sentences, names):
    by_first = collections.defaultdict(set)
    for n in names:
        t = tuple(n.split())
        by_first[t[0]].add(t)
    tally = collections.Counter()
    for s in sentences:
        words = [w for w, _ in s]
        for i, w in enumerate(words):
            for seq in by_first.get(w, ()):
                if tuple(words[i:i + len(seq)]) != seq:
                    continue
                tags = [t for _, t in s[i:i + len(seq)]]
                whole = (all(t.endswith("LOC") for t in tags)
                         and (i + len(seq) >= len(s) or s[i + len(seq)][1] != "I-LOC"))
                tally["LOC" if whole else tags[0][2:] if tags[0] != "O" else "O"] += 1
    return tally


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--conll", default="../shared/data/conll2003/eng.train")
    ap.add_argument("--lexicons", default="../shared/data/lexicons")
    ap.add_argument("--data", default="tools/data/entity")
    a = ap.parse_args()
    sentences = list(conll_sentences(a.conll))
    census = gen.Census(a.lexicons)
    cities = gen.geonames_cities(a.lexicons)
    flags = gen.Flags(gen.read_flag_names(Path(__file__).resolve().parent.parent / "include" / "byline"
                                          / "entity" / "resources.hpp"))
    for city_min, seat_min in [(15_000, 15_000), (50_000, 50_000), (100_000, 50_000), (200_000, 100_000),
                               (500_000, 200_000)]:
        gen.CITY_MIN, gen.ADMIN_SEAT_MIN = city_min, seat_min
        rows, n, _ = gen.select_cities(cities, census, a.data, flags)
        names = {k[0] for k in rows}
        t = count(sentences, names)
        total = sum(t.values())
        non_org = total - t["ORG"]
        print(f"{city_min:>7}/{seat_min:<7} cities {n:6} surfaces {len(names):6}  "
              + " ".join(f"{k} {t[k]}" for k in ("LOC", "ORG", "PER", "MISC", "O"))
              + f"  LOC share {t['LOC'] / max(1, total):.3f}, without ORG {t['LOC'] / max(1, non_org):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
