"""The store: SQLite always, PostgreSQL too when SITREP_TEST_PG_URL is set (as .ci/run does).

Each PostgreSQL test runs in a schema of its own, dropped afterwards, so runs sharing the
database do not collide. SITREP_STORE_BENCH=1 also times 1,000 adds per backend.
"""
from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, make_url, select, text
from sqlalchemy.exc import IntegrityError

from sitrep.extract.pipeline import extract
from sitrep.model import Actor, Claim, Count, Document, Event, Extraction, Location
from sitrep.store import Store, canonical_url, default_url, normalise_text, text_hash
from sitrep.store import rows as store_rows
from sitrep.store import schema
from sitrep.store.tables import Base, CountRow

PG_URL = os.environ.get("SITREP_TEST_PG_URL")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(
    not PG_URL, reason="SITREP_TEST_PG_URL is not set"))]

REPORT = (
    "QUETTA - Gunmen killed three policemen and wounded at least five civilians in Turbat, "
    "Kech district of Balochistan, on Sunday, police said. The Baloch Liberation Army claimed "
    "responsibility for the attack. The militants seized two rifles and 50,000 rupees in cash. "
    "Since January, at least 120 people have been killed in attacks across Balochistan, "
    "officials said."
)
PUBLISHED = dt.date(2026, 2, 4)


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    name = f"sitrep_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(schema.normalise_url(PG_URL))
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    try:
        url = make_url(schema.normalise_url(PG_URL)).update_query_dict({"options": f"-csearch_path={name}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        admin.dispose()


@pytest.fixture
def store(db_url):
    with Store(db_url) as opened:
        yield opened


def _doc(doc_id="r1", text=REPORT, url=None, **fields) -> Document:
    return Document(id=doc_id, text=text, url=url, published=PUBLISHED, **fields)


def _event(country="Pakistan", code="PK", admin1="Balochistan", date=dt.date(2026, 2, 1),
           event_type="Battles", actor1="Baloch Liberation Army", actor2=None, fatalities=0) -> Event:
    return Event(event_type=event_type, sub_event_type="Armed clash", date=date, date_precision=1,
                 location=Location(name="Somewhere", admin1=admin1, country=country, country_code=code),
                 actor1=Actor(name=actor1, kind="rebel_group"),
                 actor2=Actor(name=actor2, kind="state_forces") if actor2 else None,
                 casualties=[Count(outcome="killed", group="all", best=fatalities)] if fatalities else [],
                 fatalities=fatalities, evidence=[(0, 10)])


def _add_events(store: Store, *events: Event) -> list[int]:
    """Each event as a report of its own; returns the event row ids."""
    ids = []
    for i, event in enumerate(events):
        doc = _doc(f"e{i}", f"Report number {i}.")
        report_id, _ = store.add(doc, Extraction(id=doc.id, events=[event]))
        ids.append(store.events(report_id=report_id)[0].id)
    return ids


# -- keys -----------------------------------------------------------------------------

@pytest.mark.parametrize("url, expected", [
    ("HTTPS://Example.COM/News/Story/?utm_source=tw&utm_medium=social#comments",
     "https://example.com/News/Story"),
    ("https://example.com/a?id=7&fbclid=XYZ&gclid=1&page=2", "https://example.com/a?id=7&page=2"),
    ("https://example.com/a?page=2&id=7", "https://example.com/a?id=7&page=2"),
    ("http://example.com:80/", "http://example.com"),
    ("https://example.com:8443/x/", "https://example.com:8443/x"),
    ("https://example.com/a?UTM_Campaign=z&mc_eid=1", "https://example.com/a"),
    ("https://user:secret@example.com:notaport/a", "https://user@example.com/a"),
    ("  ", None),
    (None, None),
])
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


def test_text_hash_ignores_spacing_case_and_typography():
    a = "Militants  attacked the “camp” – police said.\n"
    b = "militants attacked the \"camp\" - Police said."
    assert normalise_text(a) == normalise_text(b) == "militants attacked the camp police said"
    assert text_hash(a) == text_hash(b)
    assert text_hash(a) != text_hash("Militants attacked the camp.")
    assert len(text_hash("")) == 64


# -- where the store lives ------------------------------------------------------------

def test_default_url_from_env(monkeypatch, tmp_path):
    monkeypatch.setenv("SITREP_DB", "postgresql://analyst@db.example/sitrep")
    assert default_url() == "postgresql://analyst@db.example/sitrep"
    assert schema.normalise_url(default_url()) == "postgresql+psycopg://analyst@db.example/sitrep"

    monkeypatch.delenv("SITREP_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_url() == f"sqlite:///{tmp_path / 'xdg' / 'sitrep' / 'sitrep.db'}"
    assert (tmp_path / "xdg" / "sitrep").is_dir()

    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_url() == f"sqlite:///{tmp_path / 'home' / '.local' / 'share' / 'sitrep' / 'sitrep.db'}"


def test_store_without_url_needs_no_setup(monkeypatch, tmp_path):
    monkeypatch.delenv("SITREP_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    with Store() as store:
        assert store.counts()["reports"] == 0
    assert (tmp_path / "sitrep" / "sitrep.db").is_file()


# -- schema ---------------------------------------------------------------------------

def test_migrations_agree_with_metadata(store):
    with store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    assert schema.current_revision(store.engine) == schema.head_revision()
    store.migrate()  # a second run is a no-op
    assert schema.current_revision(store.engine) == schema.head_revision()
    assert set(store.counts()) == {"reports", "extractions", "events", "counts", "tallies", "claims",
                                   "mentions", "incidents", "corrections", "api_keys"}


# -- adding and reading back ----------------------------------------------------------

def test_add_and_read_back(store):
    doc = _doc(url="https://news.example/pk/turbat-attack", title="Police killed in Turbat", source="Example News")
    extraction = extract(doc)
    assert extraction.events and extraction.tallies and extraction.claims and extraction.mentions

    report_id, created = store.add(doc, extraction)
    assert created
    stored = store.report(report_id)
    assert stored.document == doc
    assert stored.extraction == extraction       # rebuilt from the rows, field by field
    assert stored.original == extraction         # the JSON as the extractor produced it
    assert stored.extractor_version.startswith("sitrep ")
    assert stored.canonical_url == "https://news.example/pk/turbat-attack"
    assert stored.text_hash == text_hash(REPORT)
    assert stored.ingested_at.tzinfo is not None
    assert abs(stored.ingested_at - dt.datetime.now(dt.timezone.utc)) < dt.timedelta(minutes=5)

    counts = store.counts()
    assert counts["reports"] == counts["extractions"] == 1
    assert counts["events"] == len(extraction.events)
    assert counts["tallies"] == len(extraction.tallies)
    assert counts["claims"] == len(extraction.claims)
    assert counts["mentions"] == len(extraction.mentions)
    assert counts["counts"] == sum(len(x.casualties) for x in extraction.events + extraction.tallies)
    assert store.report(report_id + 1000) is None


def test_same_text_twice_is_stored_once(store):
    first = _doc("wire-1")
    extraction = extract(first)
    report_id, created = store.add(first, extraction)
    assert created and store.has(first)
    # Republished under another id, with different spacing and capitals: the same report.
    again = _doc("wire-1-copy", "  " + REPORT.upper().replace(". ", ".\n\n") + "\n")
    assert store.has(again)
    assert store.add(again, extract(again)) == (report_id, False)
    assert store.counts()["reports"] == 1
    assert store.counts()["events"] == len(extraction.events)
    assert not store.has(_doc("other", "Another report entirely."))


def test_same_url_with_tracking_parameters_is_stored_once(store):
    doc = _doc("a", url="https://News.Example/story/42/")
    report_id, created = store.add(doc, Extraction(id="a"))
    assert created
    # The article shared on social media, its text since updated: still the same report.
    shared = _doc("b", text=REPORT + " Updated.", url="https://news.example/story/42?utm_source=x&fbclid=abc#top")
    assert store.find(shared) == report_id
    assert store.add(shared, Extraction(id="b")) == (report_id, False)
    other = _doc("c", text="A different story.", url="https://news.example/story/43")
    assert store.add(other, Extraction(id="c"))[1]
    assert store.counts()["reports"] == 2


def test_a_writer_that_loses_the_race_gets_the_stored_report(store, monkeypatch):
    doc = _doc()
    report_id, _ = store.add(doc, Extraction(id=doc.id))
    # As if another process stored it between our look-up and our insert: the first
    # look-up misses, the insert breaks the unique constraint, the second look-up finds it.
    real_find, calls = Store._find, []

    def first_misses(session, url, digest):
        calls.append(url)
        return None if len(calls) == 1 else real_find(session, url, digest)

    monkeypatch.setattr(Store, "_find", staticmethod(first_misses))
    assert store.add(_doc("copy"), Extraction(id="copy")) == (report_id, False)
    assert len(calls) == 2 and store.counts()["reports"] == 1


def test_a_row_that_fails_mid_add_leaves_nothing_of_the_report(store):
    kept = _doc("kept", "An earlier report.")
    store.add(kept, Extraction(id="kept", events=[_event(fatalities=2)]))
    before = store.counts()

    # A count with no `best` breaks the NOT NULL constraint after the report, its
    # extraction and its first event have been sent to the database.
    broken_count = Count.model_construct(outcome="killed", group="all", best=None, low=None, high=None,
                                         qualifier="exact", source=None, span=None)
    good, bad = _event(fatalities=1), _event()
    bad.casualties = [broken_count]
    doc = _doc("broken")
    extraction = Extraction(id="broken", events=[good, bad], claims=[Claim(kind="statement", text="x")])
    with pytest.raises(IntegrityError):
        store.add(doc, extraction)
    assert store.counts() == before
    assert not store.has(doc)

    # The same report, repaired, goes in whole.
    bad.casualties = []
    report_id, created = store.add(doc, extraction)
    assert created and len(store.events(report_id=report_id)) == 2


def test_an_error_while_building_rows_leaves_nothing(store, monkeypatch):
    def explode(claim, position):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store_rows, "claim_row", explode)
    doc = _doc()
    with pytest.raises(RuntimeError):
        store.add(doc, extract(doc))
    assert set(store.counts().values()) == {0}


# A writer that stores 60 reports of three events each, printing each id once committed.
_BATCH_WRITER = """
import sys
from sitrep.model import Count, Document, Event, Extraction, Location
from sitrep.store import Store
store = Store(sys.argv[1])
events = [Event(event_type="Battles", location=Location(name=f"Place {k}"), fatalities=k,
                casualties=[Count(outcome="killed", group="all", best=k)]) for k in range(1, 4)]
for i in range(60):
    report_id, created = store.add(Document(id=f"k{i}", text=f"Report {i} of the batch."),
                                   Extraction(id=f"k{i}", events=events))
    print(report_id, created, flush=True)
"""


def test_a_killed_writer_loses_nothing_committed_and_a_rerun_finishes(store, db_url):
    writer = subprocess.Popen([sys.executable, "-c", _BATCH_WRITER, db_url], stdout=subprocess.PIPE, text=True)
    committed = [writer.stdout.readline() for _ in range(10)]
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=10)
    writer.stdout.close()
    assert all(line.endswith("True\n") for line in committed)

    counts = store.counts()
    assert 10 <= counts["reports"] <= 60
    # Never half a report: each stored report has its extraction and all three events.
    assert counts["extractions"] == counts["reports"]
    assert counts["events"] == counts["counts"] == 3 * counts["reports"]

    rerun = subprocess.run([sys.executable, "-c", _BATCH_WRITER, db_url], capture_output=True,
                           text=True, timeout=60, check=True)
    created = [line.split()[1] == "True" for line in rerun.stdout.splitlines()]
    assert len(created) == 60 and created.count(False) == counts["reports"]
    assert store.counts()["reports"] == 60 and store.counts()["events"] == 180


# -- queries --------------------------------------------------------------------------

def test_event_filters(store):
    ids = _add_events(
        store,
        _event(date=dt.date(2026, 1, 5), fatalities=3, actor2="Military Forces of Pakistan"),
        _event(admin1="Khyber Pakhtunkhwa", date=dt.date(2026, 1, 20), actor1="Tehrik-i-Taliban Pakistan",
               event_type="Explosions/Remote violence", fatalities=12),
        _event(country="Nigeria", code="NG", admin1="Borno", date=dt.date(2026, 2, 2),
               actor1="Islamic State West Africa Province", fatalities=0),
        _event(date=None, fatalities=1),
    )

    def found(**filters):
        return [stored.id for stored in store.events(**filters)]

    assert sorted(found()) == sorted(ids)
    assert set(found(country="pakistan")) == {ids[0], ids[1], ids[3]}
    assert found(country="NG") == [ids[2]]
    assert found(admin1="khyber pakhtunkhwa") == [ids[1]]
    assert found(date_from=dt.date(2026, 1, 20)) == [ids[1], ids[2]]          # inclusive, undated left out
    assert found(date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 1, 20)) == [ids[0], ids[1]]
    assert found(event_type="explosions/remote violence") == [ids[1]]
    assert found(actor="taliban") == [ids[1]]
    assert found(actor="military forces") == [ids[0]]                         # actor2 counts too
    assert found(actor="100%_") == []                                         # wildcards are literal
    assert found(min_fatalities=3) == [ids[0], ids[1]]
    assert found(country="Pakistan", min_fatalities=2, actor="baloch") == [ids[0]]
    assert found(country="Mali") == []
    assert len(found(limit=2)) == 2

    stored = store.events(actor="taliban")[0]
    assert stored.position == 0 and stored.incident_id is None
    assert stored.event.casualties == [Count(outcome="killed", group="all", best=12)]
    assert stored.event.location.admin1 == "Khyber Pakhtunkhwa"


def test_incidents_link_events(store):
    first, second = _add_events(store, _event(fatalities=3), _event(fatalities=4))
    figures = {"killed": {"all": {"low": 3, "best": 4, "high": 4}}}
    incident_id = store.save_incident("inc-2026-02-01-turbat", date=dt.date(2026, 2, 1), place="Turbat",
                                      country="Pakistan", admin1="Balochistan", event_type="Battles",
                                      figures=figures, contradiction=True)
    assert store.save_incident("inc-2026-02-01-turbat", place="Turbat city") == incident_id  # same key, updated
    store.set_incident(first, incident_id)
    store.set_incident(second, incident_id)

    linked = store.events(incident_id=incident_id)
    assert [e.id for e in linked] == [first, second]
    assert {e.event.incident_id for e in linked} == {"inc-2026-02-01-turbat"}
    report = store.report(linked[0].report_id)
    assert report.extraction.events[0].incident_id == "inc-2026-02-01-turbat"
    assert report.original.events[0].incident_id is None

    store.set_incident(second, None)
    assert [e.id for e in store.events(incident_id=incident_id)] == [first]
    with pytest.raises(KeyError):
        store.set_incident(first, incident_id + 99)
    with pytest.raises(KeyError):
        store.set_incident(99_999, incident_id)
    with pytest.raises(ValueError):
        store.save_incident("x", colour="red")
    assert store.counts()["incidents"] == 1


# -- corrections ----------------------------------------------------------------------

def test_corrections_keep_the_original(store):
    doc = _doc()
    extraction = extract(doc)
    report_id, _ = store.add(doc, extraction)
    event = store.events(report_id=report_id)[0]
    machine_actor = extraction.events[0].actor1.name

    store.correct("events", event.id, "actor1_name", "Balochistan Liberation Front", "amina",
                  note="BLF claimed it the next day")
    store.correct("events", event.id, "actor1_name", "Baloch Raaji Aajoi Sangar", "omar")
    store.correct("events", event.id, "date", "2026-02-02", "amina")

    now = store.report(report_id)
    assert now.extraction.events[0].actor1.name == "Baloch Raaji Aajoi Sangar"
    assert now.extraction.events[0].date == dt.date(2026, 2, 2)
    assert now.original == extraction                  # the extractor's output is untouched
    assert store.original("events", event.id, "actor1_name") == machine_actor
    assert store.original("events", event.id, "date") == extraction.events[0].date.isoformat()
    assert store.original("events", event.id, "fatalities") == extraction.events[0].fatalities

    history = store.corrections("events", event.id)
    assert [(c["field"], c["old_value"], c["new_value"], c["who"]) for c in history] == [
        ("actor1_name", machine_actor, "Balochistan Liberation Front", "amina"),
        ("actor1_name", "Balochistan Liberation Front", "Baloch Raaji Aajoi Sangar", "omar"),
        ("date", extraction.events[0].date.isoformat(), "2026-02-02", "amina"),
    ]
    assert history[0]["note"] == "BLF claimed it the next day"
    assert history[0]["at"].tzinfo is not None

    # A casualty figure: the event's record shows the analyst's, the original stays.
    with store.session() as session:
        count_id = session.scalars(select(CountRow.id).where(CountRow.event_id == event.id)
                                   .order_by(CountRow.position)).first()
    store.correct("counts", count_id, "best", 4, "omar", note="hospital figure")
    assert store.events(report_id=report_id)[0].event.casualties[0].best == 4
    assert store.original("counts", count_id, "best") == extraction.events[0].casualties[0].best


def test_a_bad_correction_is_refused_and_not_recorded(store):
    doc = _doc()
    report_id, _ = store.add(doc, extract(doc))
    event = store.events(report_id=report_id)[0]
    with pytest.raises(ValueError, match="not valid"):
        store.correct("events", event.id, "actor1_kind", "aliens", "amina")
    with pytest.raises(ValueError, match="table"):
        store.correct("extractions", 1, "data", {}, "amina")
    with pytest.raises(ValueError, match="field"):
        store.correct("events", event.id, "colour", "red", "amina")
    with pytest.raises(ValueError, match="field"):
        store.correct("reports", report_id, "text", "rewritten", "amina")
    with pytest.raises(ValueError, match="who"):
        store.correct("events", event.id, "fatalities", 4, " ")
    with pytest.raises(KeyError):
        store.correct("events", 99_999, "fatalities", 4, "amina")
    assert store.corrections() == []
    assert store.report(report_id).extraction.events[0].actor1.kind == event.event.actor1.kind

    # Counts and reports are correctable as well.
    store.correct("reports", report_id, "title", "Three police killed in Turbat", "omar")
    assert store.report(report_id).document.title == "Three police killed in Turbat"
    assert store.original("reports", report_id, "title") is None


# -- speed (printed, not asserted) ----------------------------------------------------

@pytest.mark.skipif(not os.environ.get("SITREP_STORE_BENCH"), reason="set SITREP_STORE_BENCH=1 to time adds")
def test_time_to_add_1000_small_extractions(store, capsys):
    doc = _doc()
    extraction = extract(doc)
    docs = [_doc(f"b{i}", f"{REPORT} ({i})") for i in range(1000)]
    start = time.perf_counter()
    for d in docs:
        store.add(d, extraction)
    seconds = time.perf_counter() - start
    assert store.counts()["reports"] == 1000
    with capsys.disabled():
        print(f"\n{store.engine.dialect.name}: 1,000 adds in {seconds:.2f} s ({1000 / seconds:.0f} reports/s)")
