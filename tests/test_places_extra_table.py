"""sitrep/data/places_extra.csv: Pakistan's and Afghanistan's districts, towns and landmarks
that no package carries, checked with scripts/check_places_extra.py."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("check_places_extra", ROOT / "scripts" / "check_places_extra.py")
checker = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(checker)

HEADER = ",".join(checker.COLUMNS)


@pytest.fixture(scope="module")
def rows():
    return checker.read(checker.TABLE)[1]


def row(rows, name, kind=None):
    found = [r for r in rows if r["name"] == name and (kind is None or r["kind"] == kind)]
    assert len(found) == 1, f"{name}: {len(found)} rows"
    return found[0]


def test_table_passes_validation_with_geonames():
    errors, _ = checker.validate(checker.TABLE)
    assert errors == []


def test_kech_is_turbat(rows):
    kech = row(rows, "Kech", "district")
    assert kech["admin1"] == "Balochistan" and kech["admin2"] == "Kech"
    assert kech["hq"] == "Turbat" and "Turbat" in kech["aliases"].split("|")
    assert abs(float(kech["lat"]) - 26.0) < 0.05 and abs(float(kech["lon"]) - 63.05) < 0.05
    assert kech["source"] == "geonames:1163054"


def test_spellings_reporters_use(rows):
    assert "Musakhail" in row(rows, "Musakhel")["aliases"].split("|")
    assert "Bolan" in row(rows, "Kachhi")["aliases"].split("|")
    assert "Las Bela" in row(rows, "Lasbela")["aliases"].split("|")
    assert {"D.I. Khan", "DI Khan"} <= set(row(rows, "Dera Ismail Khan")["aliases"].split("|"))
    nw = row(rows, "North Waziristan")
    assert nw["hq"] == "Miranshah" and nw["admin1"] == "Khyber Pakhtunkhwa"
    assert abs(float(nw["lat"]) - 33.0) < 0.05 and abs(float(nw["lon"]) - 70.07) < 0.05


def test_towns_and_landmarks_no_package_has(rows):
    tump, kolpur = row(rows, "Tump", "town"), row(rows, "Kolpur", "town")
    assert (tump["admin2"], kolpur["admin2"]) == ("Kech", "Kachhi")
    assert all(r["source"].startswith("manual: ") for r in (tump, kolpur))
    assert 25.5 < float(tump["lat"]) < 26.5 and 29.5 < float(kolpur["lat"]) < 30.2
    assert "Coastal Highway" in row(rows, "Makran Coastal Highway", "landmark")["aliases"].split("|")
    assert row(rows, "Gwadar Port", "landmark")["admin2"] == "Gwadar"


def test_acled_afghan_spellings_are_names(rows):
    nad_ali = row(rows, "Nad Ali", "district")
    assert nad_ali["admin1"] == "Helmand" and "Nad-e Ali" in nad_ali["aliases"].split("|")


def _bad(tmp_path, *lines, header=HEADER):
    p = tmp_path / "bad.csv"
    p.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return checker.validate(p, check_geonames=False)[0]


GOOD = "PK,Balochistan,Kech,Kech,district,26.0,63.05,Turbat,Turbat,manual: a test row"


def test_good_row_passes(tmp_path):
    assert _bad(tmp_path, GOOD) == []


@pytest.mark.parametrize("line, complaint", [
    ("PK,Balochistan,Turbat,Kech,district,26.0,63.05,,Turbat,manual: a test row", "admin2 must equal"),
    ("PK,Balochistan,Kech,Kech,district,46.0,63.05,,Turbat,manual: a test row", "bounding box"),
    ("PK,Balochistan,Kech,Kech,county,26.0,63.05,,Turbat,manual: a test row", "kind"),
    ("PK,Baluchistan,Kech,Kech,district,26.0,63.05,,Turbat,manual: a test row", "admin1"),
    ("PK,Balochistan,Kech,Kech,district,26.0,63.05,,Turbat,somewhere", "source"),
    ("PK,Balochistan,Kech,Kech,district,,,,Turbat,manual: a test row", "lat/lon"),
    ("PK,Balochistan,Kech,Kech,district,26.0,63.05,March,Turbat,manual: a test row", "common word"),
    ("PK,Balochistan,Kech,Kech,district,26.0,63.05,,,manual: a test row", "hq"),
])
def test_checker_rejects_a_broken_row(tmp_path, line, complaint):
    errors = _bad(tmp_path, line)
    assert errors and complaint in " ".join(errors)


def test_checker_rejects_duplicates_and_a_bad_header(tmp_path):
    assert "duplicate" in " ".join(_bad(tmp_path, GOOD, GOOD))
    assert "header" in " ".join(_bad(tmp_path, GOOD, header=HEADER.replace("hq,", "")))


def test_checker_rejects_geonames_coordinates_that_moved(tmp_path):
    p = tmp_path / "moved.csv"
    p.write_text(HEADER + "\nPK,Balochistan,Kech,Kech,district,26.1,63.05,,Turbat,geonames:1163054\n",
                 encoding="utf-8")
    errors = checker.validate(p)[0]
    assert len(errors) == 1 and "km from geonames:1163054" in errors[0]
