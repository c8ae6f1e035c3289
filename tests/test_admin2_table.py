"""sitrep/data/admin2.csv (scripts/build_admin2.py) and admin1_spellings.csv
(scripts/train_admin1_names.py): every row joins the province table and is where it says."""
import csv
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "sitrep" / "data"


def read(name):
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def provinces():
    return {(r["country_code"], r["admin1_code"]): r for r in read("admin1.csv")}


def test_every_district_lies_in_a_known_province_and_inside_its_box(provinces):
    rows = read("admin2.csv")
    assert len(rows) > 500
    assert len({r["iso_3166_2"] for r in rows}) == len(rows)
    outside = []
    for r in rows:
        parent = provinces[(r["country_code"], r["admin1_code"])]
        assert r["iso_3166_2"].startswith(r["country_code"] + "-")
        if r["lat"]:
            lat, lon = float(r["lat"]), float(r["lon"])
            margin = 0.25   # degrees, as scripts/build_admin2.py allows
            if not (float(parent["min_lat"]) - margin <= lat <= float(parent["max_lat"]) + margin
                    and float(parent["min_lon"]) - margin <= lon <= float(parent["max_lon"]) + margin):
                outside.append(r["name"])
        else:
            assert r["coords"] == ""
    assert outside == []


def test_spot_checks():
    by_name = {(r["country_code"], r["name"]): r for r in read("admin2.csv")}
    sanmatenga = by_name[("BF", "Sanmatenga")]
    assert (sanmatenga["admin1_code"], sanmatenga["coords"]) == ("05", "naturalearth")   # Centre-Nord
    jashore = by_name[("BD", "Jashore")]
    assert "Jessore" in jashore["aliases"].split("|") and jashore["coords"].startswith("geonames:")


def test_acled_spellings_name_known_provinces_and_differ_from_the_table(provinces):
    rows = read("admin1_spellings.csv")
    assert rows
    for r in rows:
        own = provinces[(r["country_code"], r["admin1_code"])]["name"]
        assert r["spelling"] and r["spelling"] != own
    assert {(r["country_code"], r["spelling"]) for r in rows} >= {("BD", "Chittagong"), ("SY", "Idleb")}
