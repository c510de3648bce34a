#!/usr/bin/env python3
"""Checks the JSON that `byline analyze` prints, against the files it names.

    check_json.py --format json|jsonl [--files N] [--sample] [--chrome] OUTPUT

Strict parsing (no duplicate keys, no NaN), the schema of include/byline/io/json.hpp, and that every
offset names the bytes of the input that the text member holds (decoded as byline decodes: invalid
UTF-8 as U+FFFD, one per maximal subpart, which is what Python's 'replace' handler does).
--files N: the output holds N documents. --sample: expectations on examples/data/harbour-talks.txt.
--chrome: expectations on the sample with its page chrome set off by blank lines (check_analyze).
Exits 1 with every problem listed.
"""
import argparse
import json
import sys

problems = []


def fail(msg):
    problems.append(msg)


def no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError(f"duplicate keys in {keys}")
    return dict(pairs)


def reject_constant(name):
    raise ValueError(f"non-JSON constant {name}")


def loads(text):
    return json.loads(text, object_pairs_hook=no_duplicates, parse_constant=reject_constant)


TOKEN_KEYS = ["start", "end", "text", "kind", "rule", "norm", "space_after", "flags"]
ONTONOTES = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE",
             "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
SENTENCE_KEYS = ["start", "end", "first_token", "end_token", "text"]
PARAGRAPH_KEYS = ["start", "end", "first_token", "end_token", "script", "boilerplate", "heading", "text"]
FLAGS = {"has_alpha", "has_digit", "all_upper", "all_lower", "title", "ascii", "open_quote", "close_quote",
         "replaced", "space_before"}
WHITESPACE = set(" \t\n\r\v\f\u0085\u00a0\u1680\u2028\u2029\u202f\u205f\u3000") | {chr(c) for c in range(0x2000, 0x200b)}


def check_doc(doc, with_tokens=True):
    name = doc.get("file", "?")
    where = f"[{name}]"
    try:
        data = open(name, "rb").read()
    except OSError as e:
        fail(f"{where} cannot read the file the JSON names: {e}")
        return
    keys = list(doc.keys())
    want = ["file", "length", "unit", "invalid_sequences"] + (["tokens"] if with_tokens else []) + \
        ["paragraphs", "sentences", "entity_clusters", "entities", "pronouns", "quotes", "attributions",
         "stances", "stance_summary"]  # the order the layers were made in
    if keys != want:
        fail(f"{where} top-level keys {keys}, expected {want}")
        return
    if doc["length"] != len(data):
        fail(f"{where} length {doc['length']} != {len(data)} bytes")
    if doc["unit"] != "utf-8":
        fail(f"{where} unit {doc['unit']}")
    replaced = data.decode("utf-8", errors="replace").count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    if doc["invalid_sequences"] != replaced:
        fail(f"{where} invalid_sequences {doc['invalid_sequences']}, Python counts {replaced}")

    def piece(start, end):
        return data[start:end].decode("utf-8", errors="replace")

    tokens = doc.get("tokens")
    if tokens is not None:
        prev_end = 0
        for i, t in enumerate(tokens):
            if list(t.keys()) != TOKEN_KEYS:
                fail(f"{where} token {i} keys {list(t.keys())}")
                return
            if not (prev_end <= t["start"] < t["end"] <= len(data)):
                fail(f"{where} token {i} offsets {t['start']}..{t['end']} after {prev_end}")
                return
            gap = piece(prev_end, t["start"])
            if any(c not in WHITESPACE for c in gap):
                fail(f"{where} non-whitespace {gap!r} between tokens before token {i}")
            if t["text"] != piece(t["start"], t["end"]):
                fail(f"{where} token {i} text {t['text']!r} != bytes {piece(t['start'], t['end'])!r}")
            nxt = tokens[i + 1]["start"] if i + 1 < len(tokens) else len(data)
            if t["space_after"] != (nxt > t["end"]):
                fail(f"{where} token {i} space_after {t['space_after']}")
            if not set(t["flags"]) <= FLAGS or not isinstance(t["norm"], str):
                fail(f"{where} token {i} flags {t['flags']} / norm {t['norm']!r}")
            prev_end = t["end"]
        if any(c not in WHITESPACE for c in piece(prev_end, len(data))):
            fail(f"{where} text after the last token")

    def check_span(kind, i, s, keys):
        if list(s.keys()) != keys:
            fail(f"{where} {kind} {i} keys {list(s.keys())}")
            return False
        if not (0 <= s["start"] <= s["end"] <= len(data)):
            fail(f"{where} {kind} {i} offsets {s['start']}..{s['end']}")
            return False
        if s["text"] != piece(s["start"], s["end"]):
            fail(f"{where} {kind} {i} text != its bytes")
        if tokens is not None and s["first_token"] < s["end_token"]:
            if kind == "sentence" and (tokens[s["first_token"]]["start"] != s["start"] or
                                       tokens[s["end_token"] - 1]["end"] != s["end"]):
                fail(f"{where} sentence {i} offsets do not match its tokens")
            if kind == "paragraph" and not (s["start"] <= tokens[s["first_token"]]["start"] and
                                            tokens[s["end_token"] - 1]["end"] <= s["end"]):
                fail(f"{where} paragraph {i}'s tokens are not inside it")
        return True

    prev = 0
    for i, s in enumerate(doc["sentences"]):
        if check_span("sentence", i, s, SENTENCE_KEYS):
            if s["first_token"] != prev:
                fail(f"{where} sentence {i} starts at token {s['first_token']}, expected {prev}")
            prev = s["end_token"]
    if tokens is not None and prev != len(tokens):
        fail(f"{where} sentences end at token {prev} of {len(tokens)}")
    prev = 0
    for i, p in enumerate(doc["paragraphs"]):
        if check_span("paragraph", i, p, PARAGRAPH_KEYS):
            if p["first_token"] != prev:
                fail(f"{where} paragraph {i} starts at token {p['first_token']}, expected {prev}")
            prev = p["end_token"]
    # Entities: in order, disjoint, their text the bytes they cover, labels OntoNotes', each in a
    # cluster that lists it.
    clusters = doc["entity_clusters"]
    prev_end = 0
    for i, e in enumerate(doc["entities"]):
        if e["start"] < prev_end or e["end"] <= e["start"] or e["end"] > len(data):
            fail(f"{where} entity {i} at [{e['start']}, {e['end']}) overlaps or is out of range")
        prev_end = e["end"]
        if e["text"] != piece(e["start"], e["end"]):
            fail(f"{where} entity {i} text {e['text']!r} is not its bytes")
        if e["label"] not in ONTONOTES:
            fail(f"{where} entity {i} label {e['label']!r}")
        if not (0 <= e["entity"] < len(clusters)) or i not in clusters[e["entity"]]["mentions"]:
            fail(f"{where} entity {i} is not a mention of its cluster {e['entity']}")
    # Pronouns: one token each, in order, outside every entity, referring to a person's cluster or
    # to none.
    taken = {t for e in doc["entities"] for t in range(e["first_token"], e["end_token"])}
    prev_end = 0
    for i, p in enumerate(doc["pronouns"]):
        if p["end_token"] != p["first_token"] + 1 or p["start"] < prev_end or p["text"] != piece(p["start"], p["end"]):
            fail(f"{where} pronoun {i} at [{p['start']}, {p['end']}) is not one token in order")
        prev_end = p["end"]
        if p["first_token"] in taken:
            fail(f"{where} pronoun {i} is inside an entity")
        if p["gender"] not in ("male", "female"):
            fail(f"{where} pronoun {i} gender {p['gender']!r}")
        if p["entity"] is not None and (not (0 <= p["entity"] < len(clusters)) or
                                        clusters[p["entity"]]["label"] != "PERSON" or
                                        p["canonical"] != clusters[p["entity"]]["canonical"]):
            fail(f"{where} pronoun {i} refers to {p['entity']}, not a person's cluster")
    # Quotations: offsets and text agree, parts included; a scare quote has no speaker.
    for i, q in enumerate(doc["quotes"]):
        if q["text"] != piece(q["start"], q["end"]) or any(p["text"] != piece(p["start"], p["end"]) for p in q["parts"]):
            fail(f"{where} quote {i}: text and offsets disagree")
        if q["scare"] and q["speaker"] is not None:
            fail(f"{where} quote {i}: a scare quote with a speaker")


    # Stances: offsets and text agree; the aggregation points at stances that exist and agree.
    stances = doc.get("stances", [])
    for i, st in enumerate(stances):
        for part in ("holder", "target", "cue", "evidence"):
            sp = st[part]
            if sp["text"] != piece(sp["start"], sp["end"]):
                fail(f"{where} stance {i}: {part} text and offsets disagree")
        if not (st["evidence"]["start"] <= st["cue"]["start"] < st["cue"]["end"] <= st["evidence"]["end"]):
            fail(f"{where} stance {i}: the evidence does not hold the cue")
        if st["polarity"] not in ("favor", "against") or st["modality"] not in ("asserted", "hedged", "conditional") \
                or st["source_type"] not in ("narrated", "direct_quote", "indirect") \
                or st["intensity"] not in ("weak", "plain", "strong") or not (0 <= st["confidence"] <= 1):
            fail(f"{where} stance {i}: a field out of its range: {st}")
    summary = doc.get("stance_summary", {"by_target": [], "by_holder_target": []})
    counted = 0
    for t in summary["by_target"]:
        for side in ("favor", "against"):
            for h in t[side]:
                for k in h["stances"]:
                    counted += 1
                    if not (0 <= k < len(stances)) or stances[k]["polarity"] != side:
                        fail(f"{where} stance_summary: {t['target']} {side} points at stance {k}")
    if counted != len(stances):
        fail(f"{where} stance_summary counts {counted} stances by target, the layer has {len(stances)}")


def sample_expectations(doc):
    where = f"[{doc['file']}]"
    # Quotations: the sample's first is Haddad's.
    speakers = {q["text"]: (q["speaker"] or {}).get("canonical") for q in doc["quotes"]}
    if speakers.get("Nobody here pretends this is peace,") != "Karim Haddad":
        fail(f"{where} Haddad's quotation has speaker {speakers.get('Nobody here pretends this is peace,')!r}")
    sentences = [s["text"] for s in doc["sentences"]]
    for inside in ["said Mr. Karim Haddad, the Maltese", "Gen. Laura Whitfield, who commands",
                   "which U.S. Navy officers", "the U.S. welcomed", "since Jan. 3, will keep",
                   "e.g. family-owned", "on Feb. 12."]:
        if not any(inside in s for s in sentences):
            fail(f"{where} no sentence holds {inside!r}")
    against = [(st["holder"]["canonical"], st["target"]["head"]) for st in doc["stances"] if st["polarity"] == "against"]
    if ("Cyprus", "rules") not in against:
        fail(f"{where} Cyprus against the boarding rules is not among the stances against: {against}")
    if "Harbour talks in Valletta yield 30-day pause in Mediterranean shipping dispute" not in sentences:
        fail(f"{where} the headline is not a sentence of its own")
    if "tokens" in doc:
        kinds = {}
        for t in doc["tokens"]:
            kinds.setdefault(t["text"], set()).add(t["kind"])
        for text, kind in [("U.S.", "abbreviation"), ("Mr.", "abbreviation"), ("Gen.", "abbreviation"),
                           ("U.K.", "abbreviation"), ("e.g.", "abbreviation"), ("10:30", "time"),
                           ("$", "currency"), ("4.2", "number"), ("bn", "unit"), ("’s", "clitic"),
                           ("“", "quote"), ("—", "dash")]:
            if kinds.get(text) != {kind}:
                fail(f"{where} token {text!r} has kinds {kinds.get(text)}, expected {{{kind!r}}}")
    paragraphs = doc["paragraphs"]
    # The story's paragraphs (long, Latin) are never page chrome; the comment form at the end is.
    for p in paragraphs:
        if p["script"] == "Latin" and len(p["text"].split()) >= 20 and p["boilerplate"]:
            fail(f"{where} story paragraph marked boilerplate: {p['text'][:60]!r}")
    if not any(p["boilerplate"] and p["text"].startswith("Leave a comment") for p in paragraphs):
        fail(f"{where} 'Leave a comment' is not in a boilerplate paragraph")


def chrome_expectations(doc):
    where = f"[{doc['file']}]"
    paragraphs = doc["paragraphs"]
    arabic = [p for p in paragraphs if p["script"] == "Arabic"]
    if len(arabic) != 3:
        fail(f"{where} {len(arabic)} Arabic paragraphs, expected 3 (menu, section line, comment form)")
    for p in arabic:
        if not p["boilerplate"]:
            fail(f"{where} Arabic chrome not boilerplate: {p['text'][:40]!r}")
    for p in paragraphs:
        if p["script"] == "Latin" and p["boilerplate"] and not (
                p["text"].startswith("Leave a comment") or p["text"].startswith("\u00a9")):
            fail(f"{where} English paragraph marked boilerplate: {p['text'][:60]!r}")
    headline = [p for p in paragraphs if p["text"].startswith("Harbour talks")]
    if len(headline) != 1 or not headline[0]["heading"] or headline[0]["boilerplate"]:
        fail(f"{where} the headline is not a heading paragraph: {headline}")
    body = [p for p in paragraphs if p["text"].startswith("VALLETTA")]
    if len(body) != 1 or body[0]["heading"] or body[0]["boilerplate"]:
        fail(f"{where} the first story paragraph is flagged: {body}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--format", choices=["json", "jsonl"], required=True)
    ap.add_argument("--files", type=int, default=1)
    ap.add_argument("--sample", action="store_true")
    ap.add_argument("--chrome", action="store_true")
    ap.add_argument("--no-tokens", action="store_true")
    ap.add_argument("output")
    args = ap.parse_args()
    raw = open(args.output, "rb").read()
    try:
        out = raw.decode("utf-8")  # strict: the output must be valid UTF-8
    except UnicodeDecodeError as e:
        print(f"output is not valid UTF-8: {e}")
        return 1
    for c in out:
        if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F or c in "\u2028\u2029":
            print(f"raw U+{ord(c):04X} in the output")
            return 1
    try:
        if args.format == "jsonl":
            if not out.endswith("\n") and out:
                fail("jsonl output does not end with a line break")
            docs = [loads(line) for line in out.split("\n")[:-1]]
        else:
            value = loads(out)
            if args.files == 1 and isinstance(value, dict):
                docs = [value]
            elif isinstance(value, list):
                docs = value
            else:
                fail(f"json output is a {type(value).__name__}")
                docs = []
    except ValueError as e:
        print(f"output is not strict JSON: {e}")
        return 1
    if len(docs) != args.files:
        fail(f"{len(docs)} documents, expected {args.files}")
    for doc in docs:
        check_doc(doc, with_tokens=not args.no_tokens)
        if args.sample:
            sample_expectations(doc)
        if args.chrome:
            chrome_expectations(doc)
    if problems:
        print("\n".join(problems))
        return 1
    print(f"ok: {len(docs)} document(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
