"""sitrep/data/admin1.csv (built by scripts/build_admin1.py): shape and spot checks."""
import csv
import math
import re
import unicodedata
from pathlib import Path

import pytest

CSV = Path(__file__).resolve().parent.parent / "sitrep" / "data" / "admin1.csv"
COLUMNS = ["country_code", "admin1_code", "name", "iso_3166_2", "lat", "lon",
           "min_lat", "min_lon", "max_lat", "max_lon", "aliases"]


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).casefold().strip()


@pytest.fixture(scope="module")
def rows():
    with CSV.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == COLUMNS
        return list(reader)


def find(rows, cc, name):
    """Rows of country cc whose name or an alias folds to `name`."""
    n = fold(name)
    return [r for r in rows if r["country_code"] == cc
            and (fold(r["name"]) == n or n in {fold(a) for a in r["aliases"].split("|") if a})]


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371 * math.asin(math.sqrt(a))


def test_size_and_unique_keys(rows):
    assert 3000 < len(rows) < 6000
    keys = [(r["country_code"], r["admin1_code"]) for r in rows]
    assert len(keys) == len(set(keys))
    assert all(len(r["country_code"]) == 2 and r["country_code"].isupper() for r in rows)
    assert all(r["admin1_code"] and r["name"] for r in rows)
    assert CSV.stat().st_size < 1_000_000


def test_coordinates_inside_bounding_box(rows):
    for r in rows:
        lat, lon = float(r["lat"]), float(r["lon"])
        lo_lat, lo_lon, hi_lat, hi_lon = (float(r[k]) for k in
                                          ("min_lat", "min_lon", "max_lat", "max_lon"))
        assert -90 <= lo_lat <= lat <= hi_lat <= 90, r
        assert -180 <= lo_lon <= lon <= hi_lon <= 180, r
        assert r["lat"] == f"{lat:.4f}"  # 4 decimals


def test_iso_codes_have_the_country_prefix(rows):
    for r in rows:
        if r["iso_3166_2"]:
            assert re.match(r"^[A-Z]{2}-[A-Z0-9]{1,3}$", r["iso_3166_2"]), r


def test_balochistan(rows):
    r = next(r for r in rows if (r["country_code"], r["admin1_code"]) == ("PK", "02"))
    assert r["name"] == "Balochistan" and r["iso_3166_2"] == "PK-BA"
    assert km(float(r["lat"]), float(r["lon"]), 28.5, 65.1) < 120
    # Quetta and Gwadar lie in its bounding box, Karachi (Sindh) does not
    box = [float(r[k]) for k in ("min_lat", "min_lon", "max_lat", "max_lon")]
    inside = lambda la, lo: box[0] <= la <= box[2] and box[1] <= lo <= box[3]  # noqa: E731
    assert inside(30.18, 67.00) and inside(25.12, 62.33)
    assert find(rows, "PK", "Baluchistan") == [r]


def test_pakistan_units(rows):
    pk = {r["admin1_code"]: r for r in rows if r["country_code"] == "PK"}
    assert len(pk) == 7  # FATA merged into Khyber Pakhtunkhwa
    for name in ("Balochistan", "Khyber Pakhtunkhwa", "Punjab", "Sindh", "Islamabad",
                 "Gilgit-Baltistan", "Azad Kashmir"):
        assert len(find(rows, "PK", name)) == 1, name
    assert find(rows, "PK", "NWFP")[0]["admin1_code"] == "03"
    assert find(rows, "PK", "FATA")[0]["admin1_code"] == "03"
    assert find(rows, "PK", "Khyber-Pakhtunkhwa")[0]["admin1_code"] == "03"
    assert 33 < float(pk["03"]["lat"]) < 35.5  # KP, not pulled south by FATA's old shape


def test_afghanistan_34_provinces(rows):
    af = [r for r in rows if r["country_code"] == "AF"]
    assert len(af) == 34
    assert all(29 < float(r["lat"]) < 39 and 60 < float(r["lon"]) < 75 for r in af)
    names = {r["name"] for r in af}
    assert {"Panjshir", "Daykundi", "Parwan", "Urozgan", "Kabul", "Helmand"} <= names
    assert len({r["iso_3166_2"] for r in af}) == 34


def test_kandahar_by_alias(rows):
    (r,) = find(rows, "AF", "Kandahār")
    assert find(rows, "AF", "Kandahar") == [r] and find(rows, "AF", "qandahar") == [r]
    assert r["admin1_code"] == "23"
    assert km(float(r["lat"]), float(r["lon"]), 31.0, 65.7) < 100


def test_names_are_per_country(rows):
    # Punjab exists in India and Pakistan, as two rows; lookups do not leak across countries
    assert len(find(rows, "IN", "Punjab")) == 1 and len(find(rows, "PK", "Punjab")) == 1
    assert find(rows, "PK", "Kandahar") == []
    assert find(rows, "AF", "Atlantis") == []


def test_geonames_codes_of_reorganised_countries(rows):
    def codes(cc):
        return {r["admin1_code"] for r in rows if r["country_code"] == cc}
    assert len(codes("KE")) == 47                       # counties, not the 8 old provinces
    assert codes("BF") == {f"{i:02d}" for i in range(1, 14)}  # 13 regions
    assert {"40", "41", "52"} <= codes("IN")            # Telangana, Ladakh, DNH & DD
    assert {"19", "20", "21", "22"} <= codes("SO")      # Somaliland's regions
    assert find(rows, "KE", "Elgeyo-Marakwet") and find(rows, "BF", "Centre-Nord")


@pytest.mark.parametrize("cc", "PK AF IN NG KE UA BF YE MX BD SY SD SO ML US FR BR".split())
def test_country_present(rows, cc):
    assert sum(r["country_code"] == cc for r in rows) >= 5


def test_aliases_are_clean(rows):
    for r in rows:
        aliases = r["aliases"].split("|") if r["aliases"] else []
        assert all(a.strip() == a and a for a in aliases), r
        assert r["name"] not in aliases


def test_altai_krai_is_not_named_after_its_neighbour(rows):
    # Natural Earth's name_en calls both "Altai Republic"; Barnaul is the krai's capital.
    assert [r["name"] for r in find(rows, "RU", "Altai Krai")] == ["Altai Krai"]
    assert [r["admin1_code"] for r in find(rows, "RU", "Altai Republic")] == ["03"]
