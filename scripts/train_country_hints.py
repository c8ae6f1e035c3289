"""Learn which words point to one country, from ACLED's train split (reproducible).

ACLED's analyst notes often name no country ("presumed JNIM militants attacked the
Koglweogo in Pobe-Mengao"), yet their words say where they are: Koglweogo, VDP and
Ansaroul Islam are Burkina Faso's, "upazila" is Bangladesh's, "boda boda" and "county"
Kenya's. This script counts, for every word of the train notes, the countries of the
notes it occurs in, and keeps the words that nearly always come from one country. The
result, sitrep/data/country_hints.csv, holds word statistics only (no note, no row).

    python scripts/train_country_hints.py [../shared/data/acled/train.jsonl.gz] [-o sitrep/data/country_hints.csv]

The geocoder uses the hints only for a report that names no country and no province.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from sitrep.geo.countries import BY_NAME, country_by_name

WORD = re.compile(r"[a-z][a-z'-]{2,}")
MIN_NOTES = 4        # a word seen in fewer notes says too little
MIN_SHARE = 0.85     # ... or one spread over several countries (dev: the words' vote is right 1,604 times, wrong 37)
STOP = frozenset("""the and was were are for with from that this have has had been their they them its his her
into over after before during about against near between while when where which who whom also other others
said reported according police forces military people civilians killed injured attack attacked village town
city district province region area state country government members member group groups armed unknown
unidentified suspected presumed two three four five six seven eight nine ten one several many fatalities
coded size report no not on in at of to by an as it be or""".split())


def country_code(name: str) -> str | None:
    country = BY_NAME.get(name.lower()) or country_by_name(name)
    return country.iso2 if country else None


def train(rows) -> list[tuple[str, str, float, int]]:
    notes_with: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        code = country_code(row.get("country") or "")
        if not code:
            continue
        for word in set(WORD.findall((row.get("notes") or "").lower())):
            if word not in STOP:
                notes_with[word][code] += 1
    hints = []
    for word, by_country in notes_with.items():
        total = sum(by_country.values())
        code, n = by_country.most_common(1)[0]
        if total >= MIN_NOTES and n / total >= MIN_SHARE:
            hints.append((word, code, round(n / total, 3), total))
    return sorted(hints)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("train", nargs="?", default=str(Path(__file__).parents[1] / ".." / "shared" / "data" / "acled" / "train.jsonl.gz"))
    ap.add_argument("-o", "--output", default=str(Path(__file__).parents[1] / "sitrep" / "data" / "country_hints.csv"))
    a = ap.parse_args()
    with gzip.open(a.train, "rt", encoding="utf-8") as fh:
        hints = train(json.loads(line) for line in fh if line.strip())
    with open(a.output, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["word", "country_code", "share", "notes"])
        w.writerows(hints)
    print(f"{len(hints)} words written to {a.output}")


if __name__ == "__main__":
    main()
