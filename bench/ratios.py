#!/usr/bin/env python3
"""Reads Google Benchmark JSON (from --benchmark_format=json) on stdin and prints byline/peer ratios.

Pairs are named in PAIRS: (byline benchmark, peer benchmark). Medians are used when the run has
repetitions, otherwise the single result. Throughput is bytes_per_second.
"""
import json
import sys

PAIRS = [
    ("BM_tokenizer", "BM_icu_words", "tokenizer vs ICU words"),
    ("BM_sentence_splitter", "BM_icu_sentences", "sentence splitter vs ICU sentences"),
    ("BM_default_pipeline_owned", "BM_icu_words", "default pipeline, owned text, vs ICU words"),
    ("BM_default_pipeline", "BM_icu_words", "default pipeline (with entities) vs ICU words"),
    ("BM_without_entities", "BM_icu_words", "tokens + paragraphs + sentences vs ICU words"),
    ("BM_byline_words", "BM_icu_words", "words vs ICU words"),
    ("BM_byline_sentences", "BM_icu_sentences", "sentences vs ICU sentences"),
    ("BM_byline_words_utf16", "BM_icu_words_utf16", "words (UTF-16) vs ICU words (UTF-16)"),
    ("BM_byline_sentences_utf16", "BM_icu_sentences_utf16", "sentences (UTF-16) vs ICU (UTF-16)"),
]


def main():
    data = json.load(sys.stdin)
    best = {}
    items = {}
    for b in data["benchmarks"]:
        name = b.get("run_name", b["name"])
        if b.get("run_type") == "aggregate" and b.get("aggregate_name") != "median":
            continue
        base, _, corpus = name.partition("/")
        if "bytes_per_second" in b:
            best[(base, corpus)] = b["bytes_per_second"] / 1e6
        if "items_per_second" in b:
            items[(base, corpus)] = b["items_per_second"] / 1e6
    for ours, peer, label in PAIRS:
        for (base, corpus), mbs in sorted(best.items()):
            if base != ours or (peer, corpus) not in best:
                continue
            theirs = best[(peer, corpus)]
            extra = f"  ({items[(base, corpus)]:.2f} M items/s)" if (base, corpus) in items else ""
            print(f"{label:40s} {corpus:8s} {mbs:9.1f} MB/s vs {theirs:8.1f} MB/s  x{mbs / theirs:5.2f}{extra}")


if __name__ == "__main__":
    main()
