"""sitrep.query (incident rows out of the store) and sitrep.export (the file formats)."""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
import uuid

import duckdb
import pytest
from sqlalchemy import create_engine, make_url, text

from sitrep.export import ExportError, FORMATS, acled_columns, export, inter_code, interaction
from sitrep.extract.pipeline import extract
from sitrep.model import Document
from sitrep.query import IncidentCache, IncidentRow, incident_rows
from sitrep.store import Store, schema

PUBLISHED = dt.date(2026, 3, 4)  # a Wednesday: "Tuesday" is 3 March, "Monday" 2 March
REPORTS = {
    "dawn-1": ("Dawn", "QUETTA: Gunmen killed 12 people and wounded 20 others in an attack on a market "
                       "in Mastung district of Balochistan on Tuesday, hospital officials said."),
    "reuters-1": ("Reuters", "Militants of the Balochistan Liberation Army attacked a market in Mastung on "
                             "Tuesday, killing at least 14 people, police said. The BLA claimed "
                             "responsibility and said 40 soldiers were killed."),
    "nation-1": ("Daily Nation", "Hundreds of protesters marched through Nairobi on Monday to demand lower "
                                 "fuel prices. Police fired tear gas to disperse the crowd."),
}
ACLED_HEADER = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]


PG_URL = os.environ.get("SITREP_TEST_PG_URL")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(
    not PG_URL, reason="SITREP_TEST_PG_URL is not set"))]


def filled(store: Store) -> Store:
    """The three reports stored, the two Mastung reports' events linked as one incident."""
    report_ids = {}
    for doc_id, (outlet, body) in REPORTS.items():
        doc = Document(id=doc_id, text=body, source=outlet, published=PUBLISHED,
                       url=f"https://news.example/{doc_id}")
        report_ids[doc_id], created = store.add(doc, extract(doc))
        assert created
    incident = store.save_incident("inc-mastung", country="Pakistan")
    for doc_id in ("dawn-1", "reuters-1"):
        (event,) = store.events(report_id=report_ids[doc_id])
        store.set_incident(event.id, incident)
    store.report_ids = report_ids
    return store


@pytest.fixture()
def store(tmp_path):
    """A store of its own (SQLite) for tests that change it."""
    with Store(f"sqlite:///{tmp_path}/t.db") as opened:
        yield filled(opened)


@pytest.fixture(scope="module", params=BACKENDS)
def shared_store(request, tmp_path_factory):
    """One filled store per backend for the tests that only read; on PostgreSQL in a schema
    of its own, dropped afterwards."""
    if request.param == "sqlite":
        with Store(f"sqlite:///{tmp_path_factory.mktemp('db')}/t.db") as opened:
            yield filled(opened)
        return
    name = f"sitrep_test_query_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(schema.normalise_url(PG_URL))
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    try:
        url = make_url(schema.normalise_url(PG_URL)).update_query_dict({"options": f"-csearch_path={name}"})
        with Store(url.render_as_string(hide_password=False)) as opened:
            yield filled(opened)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        admin.dispose()


def by_place(rows):
    return {r.location: r for r in rows}


def test_events_of_one_incident_are_one_row_with_every_source_reconciled(shared_store):
    store = shared_store
    rows = incident_rows(store)
    assert len(rows) == 2
    mastung, nairobi = by_place(rows)["Mastung"], by_place(rows)["Nairobi"]

    assert mastung.id == "inc-mastung"
    assert mastung.n_sources == 2 and mastung.reports == ["dawn-1", "reuters-1"]
    assert mastung.sources == ["Dawn", "Reuters"]
    assert mastung.report_ids == [store.report_ids["dawn-1"], store.report_ids["reuters-1"]]
    assert mastung.urls == ["https://news.example/dawn-1", "https://news.example/reuters-1"]
    killed = {(f.outcome, f.group): f for f in mastung.casualties}
    # the hospital's 12 and the police's "at least 14": the span of both, best the neutral counter's
    assert (killed["killed", "all"].low, killed["killed", "all"].best, killed["killed", "all"].high) == (12, 12, 14)
    assert killed["killed", "all"].reports == ["dawn-1", "reuters-1"]
    assert killed["killed", "security_forces"].best == 40  # the BLA's claim is kept, not merged
    assert (mastung.fatalities_low, mastung.fatalities, mastung.fatalities_high) == (12, 12, 40)
    assert mastung.date == dt.date(2026, 3, 3) and mastung.date_precision == 1
    assert (mastung.country, mastung.admin1, mastung.geo_precision) == ("Pakistan", "Balochistan", 1)
    assert mastung.actor1 == "Baloch Liberation Army" and mastung.actor1_kind == "rebel_group"
    assert "Baloch Liberation Army" in mastung.actors and "Unidentified Armed Group (Pakistan)" in mastung.actors
    assert mastung.summary.startswith("QUETTA: Gunmen killed 12 people")
    assert mastung.updated is not None and mastung.updated.tzinfo is not None

    # an event linked to no incident is an incident of its own, with link's stable id
    assert nairobi.id.startswith("inc-") and nairobi.n_sources == 1 and nairobi.reports == ["nation-1"]
    assert nairobi.fatalities == 0 and nairobi.fatalities_low is None
    assert [r.id for r in rows] == [nairobi.id, "inc-mastung"]  # by date
    assert incident_rows(store) == rows  # stable


@pytest.mark.parametrize("filters, places", [
    ({"country": "pakistan"}, ["Mastung"]),
    ({"country": "KE"}, ["Nairobi"]),
    ({"country": "India"}, []),
    ({"admin1": "BALOCHISTAN"}, ["Mastung"]),
    ({"date_from": dt.date(2026, 3, 3)}, ["Mastung"]),
    ({"date_to": dt.date(2026, 3, 2)}, ["Nairobi"]),
    ({"date_from": dt.date(2026, 3, 1), "date_to": dt.date(2026, 3, 3)}, ["Nairobi", "Mastung"]),
    ({"event_type": "protests"}, ["Nairobi"]),
    ({"event_type": "Violence against civilians"}, ["Mastung"]),
    ({"actor": "baloch"}, ["Mastung"]),
    ({"actor": "unidentified armed"}, ["Mastung"]),  # a name only one report gives
    ({"actor": "police forces"}, ["Nairobi"]),
    ({"min_fatalities": 12}, ["Mastung"]),
    ({"min_fatalities": 13}, []),  # 40 is one event's figure, but the reconciled best is 12
    ({"min_fatalities": 0}, ["Nairobi", "Mastung"]),
    ({"country": "Pakistan", "min_fatalities": 1, "actor": "BLA"}, []),
    ({"country": "Pakistan", "min_fatalities": 1, "actor": "Liberation"}, ["Mastung"]),
    ({"limit": 1}, ["Nairobi"]),
    ({"limit": 0}, []),
])
def test_filters_apply_to_the_reconciled_incident(shared_store, filters, places):
    assert [r.location for r in incident_rows(shared_store, **filters)] == places
    assert IncidentCache(shared_store).rows(**filters) == incident_rows(shared_store, **filters)


def test_the_cache_follows_new_reports_links_and_corrections(store):
    cache = IncidentCache(store)
    first = cache.rows()
    assert cache.rows() is not first and cache.rows() == first  # a fresh list of the same rows
    (event,) = store.events(report_id=store.report_ids["dawn-1"])
    store.correct("events", event.id, "fatalities", 20, who="amina")
    assert by_place(cache.rows())["Mastung"].fatalities == 20
    store.set_incident(event.id, None)  # unlinked: the Dawn report is an incident of its own
    assert sorted(r.n_sources for r in cache.rows(country="Pakistan")) == [1, 1]
    doc = Document(id="star-1", text="Police shot dead two robbers in Mombasa on Monday.",
                   source="The Star", published=PUBLISHED)
    store.add(doc, extract(doc))
    assert cache.rows() == incident_rows(store) and len(cache.rows()) == 4
    with pytest.raises(ValueError, match="limit"):
        cache.rows(limit=-1)


def test_rows_follow_analyst_corrections(store):
    (event,) = store.events(report_id=store.report_ids["dawn-1"])
    store.correct("events", event.id, "fatalities", 20, who="amina")
    assert by_place(incident_rows(store))["Mastung"].fatalities == 20  # lower median of 20 and 40


def test_a_negative_limit_is_refused(store):
    with pytest.raises(ValueError, match="limit"):
        incident_rows(store, limit=-1)


def test_an_empty_store_gives_no_rows(tmp_path):
    with Store(f"sqlite:///{tmp_path}/empty.db") as empty:
        assert incident_rows(empty) == []
        assert incident_rows(empty, country="Kenya") == []


# -- exports ---------------------------------------------------------------------------

def test_jsonl_reads_back_as_the_same_rows(store, tmp_path):
    rows = incident_rows(store)
    result = export(rows, "jsonl", tmp_path / "incidents.jsonl")
    assert (result.written, result.left_out, result.format) == (2, 0, "jsonl")
    lines = (tmp_path / "incidents.jsonl").read_text(encoding="utf-8").splitlines()
    assert [IncidentRow.model_validate(json.loads(line)) for line in lines] == rows


def test_acled_csv_has_acleds_columns_and_codes(store, tmp_path):
    path = tmp_path / "acled.csv"
    export(incident_rows(store), "acled-csv", path)
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == ACLED_HEADER == acled_columns()
        rows = {r["location"]: r for r in reader}
    mastung, nairobi = rows["Mastung"], rows["Nairobi"]
    assert mastung["event_id_cnty"] == "PAK-inc-mastung"
    assert (mastung["event_date"], mastung["year"], mastung["time_precision"]) == ("2026-03-03", "2026", "1")
    assert (mastung["inter1"], mastung["inter2"], mastung["interaction"]) == ("2", "7", "27")
    assert mastung["disorder_type"] == "Political violence"
    assert mastung["civilian_targeting"] == "Civilian targeting"
    assert (mastung["iso"], mastung["region"], mastung["country"]) == ("586", "Southern Asia", "Pakistan")
    assert (mastung["latitude"], mastung["longitude"]) == ("29.7997", "66.8455")
    assert mastung["source"] == "Dawn; Reuters" and mastung["fatalities"] == "12"
    assert "range from 12 to 40" in mastung["notes"] and mastung["notes"].startswith("QUETTA:")
    assert int(mastung["timestamp"]) > 1_700_000_000
    # protesters (6) against police (1); a protest is a demonstration, nobody targets civilians
    assert (nairobi["inter1"], nairobi["inter2"], nairobi["interaction"]) == ("6", "1", "16")
    assert nairobi["disorder_type"] == "Demonstrations" and nairobi["civilian_targeting"] == ""
    assert (nairobi["iso"], nairobi["region"], nairobi["fatalities"]) == ("404", "Eastern Africa", "0")


@pytest.mark.parametrize("name, kind, code", [
    (None, None, 0), ("Military Forces of Pakistan", "state_forces", 1), ("Protesters (Kenya)", "protesters", 6),
    ("Civilians (Sudan)", "civilians", 7), ("Unidentified Armed Group (Pakistan)", "unknown", 3),
    ("Some people", "unknown", None),
])
def test_inter_codes_by_actor_kind(name, kind, code):
    assert inter_code(name, kind) == code


@pytest.mark.parametrize("codes, expected", [
    ((1, 2), "12"), ((7, 2), "27"), ((6, 0), "60"), ((0, 3), "30"), ((4, 4), "44"),
    ((None, 1), ""), ((0, 0), ""),
])
def test_interaction_is_the_two_codes_smaller_first(codes, expected):
    assert interaction(*codes) == expected


def test_geojson_is_a_feature_collection_of_lon_lat_points(store, tmp_path):
    rows = incident_rows(store)
    nowhere = IncidentRow(id="inc-nowhere", country="Sudan", fatalities=3)
    result = export(rows + [nowhere], "geojson", tmp_path / "incidents.geojson")
    assert (result.written, result.left_out) == (2, 1)
    data = json.loads((tmp_path / "incidents.geojson").read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 2
    for feature, row in zip(data["features"], rows):
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert (lon, lat) == (row.longitude, row.latitude)
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert feature["properties"]["id"] == row.id and feature["properties"]["sources"] == row.sources
    mastung = next(f for f in data["features"] if f["id"] == "inc-mastung")
    assert mastung["geometry"]["coordinates"][0] > 60  # longitude first: Balochistan is ~66°E, ~30°N


def test_parquet_has_one_flat_row_per_incident(store, tmp_path):
    rows = incident_rows(store)
    path = tmp_path / "incidents.parquet"
    assert export(rows, "parquet", path).written == 2
    table = duckdb.connect().execute(
        f"SELECT id, date, fatalities, killed_all_low, killed_all_best, killed_all_high, "
        f"killed_security_forces_best, injured_civilians_best, n_sources, reports, sources, latitude "
        f"FROM read_parquet('{path}') ORDER BY date").fetchall()
    assert table[1] == ("inc-mastung", dt.date(2026, 3, 3), 12, 12, 12, 14, 40, None, 2,
                        "dawn-1; reuters-1", "Dawn; Reuters", rows[1].latitude)
    assert table[0][0] == rows[0].id and table[0][2] == 0
    types = dict(duckdb.connect().execute(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()[i][:2]
                 for i in range(3))
    assert types == {"id": "VARCHAR", "date": "DATE", "date_precision": "INTEGER"}


def test_parquet_with_no_rows_is_an_empty_table(tmp_path):
    path = tmp_path / "none.parquet"
    assert export([], "parquet", path).written == 0
    assert duckdb.connect().execute(f"SELECT count(*) FROM read_parquet('{path}')").fetchone() == (0,)


def test_an_unknown_format_fails_clearly(store, tmp_path):
    with pytest.raises(ExportError, match=r"unknown export format 'xlsx'.*acled-csv, geojson, parquet, jsonl"):
        export(incident_rows(store), "xlsx", tmp_path / "out.xlsx")
    assert list(tmp_path.glob("out*")) == []
    assert FORMATS == ("acled-csv", "geojson", "parquet", "jsonl")


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_unwritable_path_fails_clearly_and_leaves_nothing(store, tmp_path, fmt):
    rows = incident_rows(store)
    with pytest.raises(ExportError, match="no directory"):
        export(rows, fmt, tmp_path / "missing" / "out")
    with pytest.raises(ExportError, match="is a directory"):
        export(rows, fmt, tmp_path)
    assert not [p for p in tmp_path.rglob("*") if p.suffix in (".part", ".jsonl")]


def test_a_failed_write_leaves_the_previous_file(tmp_path, monkeypatch):
    path = tmp_path / "out.jsonl"
    path.write_text("previous\n")
    monkeypatch.setattr(IncidentRow, "model_dump_json", lambda self: (_ for _ in ()).throw(OSError(28, "No space left")))
    with pytest.raises(ExportError, match="No space left"):
        export([IncidentRow(id="inc-x")], "jsonl", path)
    assert path.read_text() == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]
