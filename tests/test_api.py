"""The REST API (sitrep.api) against a temporary SQLite store, through FastAPI's TestClient."""
from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from sitrep.api.app import MAX_PAGE, create_app
from sitrep.api.keys import create_key, list_keys, verify_key
from sitrep.store import Store
from sitrep.store.tables import ApiKey

TURBAT = ("QUETTA: Militants attacked a police station in Turbat, Kech district, on Monday, "
          "killing four policemen, officials said. Two attackers were also killed in the "
          "exchange of fire, police said. The Baloch Liberation Army claimed responsibility for "
          "the attack in a statement.")
BANNU = ("PESHAWAR: A suicide bomber struck a military convoy in Bannu, Khyber Pakhtunkhwa, on "
         "Tuesday, killing seven soldiers and injuring 12, the military said. <script>alert(1)</script>")


@pytest.fixture
def store(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'api.db'}") as s:
        yield s


@pytest.fixture
def key(store):
    return create_key(store, "amina")


@pytest.fixture
def client(store):
    return TestClient(create_app(store))


def _post(client, key, doc):
    return client.post("/api/reports", json=doc, headers={"X-API-Key": key})


@pytest.fixture
def loaded(client, key):
    """Two reports posted: Turbat and Bannu."""
    a = _post(client, key, {"id": "turbat-1", "text": TURBAT, "published": "2026-01-13",
                            "source": "Dawn", "url": "https://dawn.example/turbat"})
    b = _post(client, key, {"id": "bannu-1", "text": BANNU, "published": "2026-01-14", "source": "Geo"})
    assert a.status_code == b.status_code == 201, (a.text, b.text)
    return a.json(), b.json()


def _error(response, status, code):
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] == code and body["error"]["message"]
    return body["error"]["message"]


# -- keys ------------------------------------------------------------------------------

def test_keys_are_stored_hashed_and_verified(store):
    key = create_key(store, "omar")
    assert re.fullmatch(r"sitrep_[0-9a-f]{12}_[A-Za-z0-9_-]{40,}", key)
    assert verify_key(store, key) == "omar"
    assert verify_key(store, key[:-1] + ("A" if key[-1] != "A" else "B")) is None
    assert verify_key(store, "sitrep_000000000000_" + "x" * 43) is None
    assert verify_key(store, "nonsense") is None and verify_key(store, "") is None
    with store.session() as session:
        row = session.query(ApiKey).one()
        assert key.split("_", 2)[2] not in (row.hash, row.salt) and len(row.hash) == 64
    assert [k.name for k in list_keys(store)] == ["omar"]
    with pytest.raises(ValueError):
        create_key(store, "omar")
    with pytest.raises(ValueError):
        create_key(store, "two words")


def test_writes_need_a_valid_key(client, key):
    doc = {"id": "x", "text": TURBAT}
    _error(client.post("/api/reports", json=doc), 401, "unauthorized")
    _error(client.post("/api/reports", json=doc, headers={"X-API-Key": "sitrep_abc_wrong"}), 403, "forbidden")
    _error(client.post("/api/reports", json=doc, headers={"X-API-Key": key + "x"}), 403, "forbidden")
    correction = {"table": "events", "row_id": 1, "field": "fatalities", "value": 3}
    _error(client.post("/api/corrections", json=correction), 401, "unauthorized")
    _error(client.post("/api/corrections", json=correction, headers={"X-API-Key": "nope"}), 403, "forbidden")
    assert client.get("/api/incidents").json()["total"] == 0   # nothing was stored


def test_reads_can_be_keyed(store, key, monkeypatch):
    keyed = TestClient(create_app(store, read_keys=True))
    _error(keyed.get("/api/incidents"), 401, "unauthorized")
    _error(keyed.get("/api/claims", headers={"X-API-Key": "bad"}), 403, "forbidden")
    assert keyed.get("/api/incidents", headers={"X-API-Key": key}).status_code == 200
    monkeypatch.setenv("SITREP_API_READ_KEYS", "1")
    _error(TestClient(create_app(store)).get("/api/tallies"), 401, "unauthorized")


# -- reports ---------------------------------------------------------------------------

def test_posted_report_is_stored_and_appears_in_incidents(client, key, loaded):
    turbat, bannu = loaded
    assert turbat["created"] and turbat["report_id"] == 1 and turbat["incident_ids"]
    assert turbat["extraction"]["id"] == "turbat-1" and turbat["extraction"]["events"]
    page = client.get("/api/incidents").json()
    assert page["total"] == 2 and {i["id"] for i in page["items"]} == set(turbat["incident_ids"] + bannu["incident_ids"])
    row = next(i for i in page["items"] if i["id"] == turbat["incident_ids"][0])
    assert row["country"] == "Pakistan" and row["report_ids"] == [1] and row["sources"] == ["Dawn"]

    # The same report again: nothing new.
    again = _post(client, key, {"id": "other-id", "text": TURBAT, "source": "Dawn"})
    assert again.status_code == 200 and again.json()["created"] is False and again.json()["report_id"] == 1
    assert client.get("/api/incidents").json()["total"] == 2


def test_post_report_bad_input(client, key):
    headers = {"X-API-Key": key, "Content-Type": "application/json"}
    assert "JSON" in _error(client.post("/api/reports", content=b'{"id": "a", "text": ', headers=headers),
                            400, "bad_request")
    assert "text" in _error(_post(client, key, {"id": "a"}), 422, "validation_error")
    assert "id" in _error(_post(client, key, {"id": "", "text": "x"}), 422, "validation_error")
    assert "published" in _error(_post(client, key, {"id": "a", "text": "x", "published": "2026-02-30"}),
                                 422, "validation_error")
    _error(client.post("/api/reports", content=b'["not", "an", "object"]', headers=headers), 422, "validation_error")


def test_get_report(client, loaded):
    turbat, _ = loaded
    body = client.get(f"/api/reports/{turbat['report_id']}").json()
    assert body["document"]["text"] == TURBAT and body["document"]["source"] == "Dawn"
    assert body["extraction"] == turbat["extraction"]     # incident ids written by fusion
    assert body["original"]["events"] == [e | {"incident_id": None} for e in body["extraction"]["events"]]
    assert body["canonical_url"] == "https://dawn.example/turbat"
    assert len(body["rows"]["events"]) == len(body["extraction"]["events"])
    assert len(body["rows"]["claims"]) == len(body["extraction"]["claims"])
    assert body["rows"]["incidents"] == [e["incident_id"] for e in body["extraction"]["events"]]
    _error(client.get("/api/reports/999"), 404, "not_found")
    _error(client.get("/api/reports/abc"), 422, "validation_error")


def test_report_text_is_returned_as_a_json_string(client, loaded):
    _, bannu = loaded
    response = client.get(f"/api/reports/{bannu['report_id']}")
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.json()["document"]["text"].endswith("<script>alert(1)</script>")


# -- incidents -------------------------------------------------------------------------

def test_incident_filters_and_pagination(client, loaded):
    assert client.get("/api/incidents", params={"country": "PK"}).json()["total"] == 2
    assert client.get("/api/incidents", params={"country": "Kenya"}).json()["total"] == 0
    assert client.get("/api/incidents", params={"admin1": "khyber pakhtunkhwa"}).json()["total"] == 1
    assert client.get("/api/incidents", params={"min_fatalities": 7}).json()["total"] == 1
    by_actor = client.get("/api/incidents", params={"actor": "baloch"}).json()
    assert by_actor["total"] == 1 and "Turbat" in by_actor["items"][0]["location"]
    dated = client.get("/api/incidents", params={"from": "2026-01-13", "to": "2026-01-13"}).json()
    assert dated["total"] == 1
    typed = client.get("/api/incidents", params={"type": "explosions/remote violence"}).json()
    assert typed["total"] == 1 and typed["items"][0]["admin1"] == "Khyber Pakhtunkhwa"

    first = client.get("/api/incidents", params={"limit": 1}).json()
    second = client.get("/api/incidents", params={"limit": 1, "offset": 1}).json()
    assert first["total"] == second["total"] == 2 and (first["limit"], second["offset"]) == (1, 1)
    assert len(first["items"]) == len(second["items"]) == 1 and first["items"][0]["id"] != second["items"][0]["id"]
    assert client.get("/api/incidents", params={"offset": 5}).json()["items"] == []

    assert "200" in _error(client.get("/api/incidents", params={"limit": MAX_PAGE + 1}), 422, "validation_error")
    _error(client.get("/api/incidents", params={"limit": 0}), 422, "validation_error")
    _error(client.get("/api/incidents", params={"offset": -1}), 422, "validation_error")
    assert "from" in _error(client.get("/api/incidents", params={"from": "13/01/2026"}), 422, "validation_error")
    _error(client.get("/api/incidents", params={"min_fatalities": "many"}), 422, "validation_error")
    _error(client.get("/api/incidents", params={"from": "2026-02-01", "to": "2026-01-01"}), 400, "bad_request")


def test_incident_detail_has_every_source_with_figures_and_evidence(client, loaded):
    turbat, _ = loaded
    key = turbat["incident_ids"][0]
    body = client.get(f"/api/incidents/{key}").json()
    assert body["incident"]["id"] == key and body["stored_id"]
    [source] = body["sources"]
    assert source["report_id"] == turbat["report_id"] and source["outlet"] == "Dawn"
    assert source["doc_id"] == "turbat-1" and source["url"] == "https://dawn.example/turbat"
    assert source["evidence"] and all(TURBAT[s:e] == ev["text"] for ev in source["evidence"]
                                      for s, e in [ev["span"]])
    killed = [f for f in source["figures"] if f["count"]["outcome"] == "killed"]
    assert killed and all(f["text"] and f["credibility"] for f in killed)
    assert any("four" in f["text"] for f in killed)
    assert any(f["outcome"] == "killed" for f in body["casualties"])
    assert any(c["claim"]["kind"] == "responsibility" for c in body["claims"])
    _error(client.get("/api/incidents/inc-000000000000"), 404, "not_found")
    _error(client.get("/api/incidents/nothing"), 404, "not_found")


def test_incident_detail_of_an_event_linked_to_no_incident(store, key):
    from sitrep.extract.pipeline import extract
    from sitrep.model import Document

    doc = Document(id="lone", text=TURBAT, published="2026-01-13")
    store.add(doc, extract(doc))   # stored without fusion: its event has no incident row
    client = TestClient(create_app(store))
    [row] = client.get("/api/incidents").json()["items"]
    body = client.get(f"/api/incidents/{row['id']}").json()
    assert body["stored_id"] is None and body["incident"]["id"] == row["id"] and len(body["sources"]) == 1


# -- tallies, claims, aggregates ----------------------------------------------------------

def test_a_warm_app_builds_the_incident_rows_at_start(store, loaded, monkeypatch):
    import threading

    from sitrep import query
    with TestClient(create_app(store, warm=True)) as warm:   # runs the start-up
        for thread in threading.enumerate():
            if thread.name == "sitrep-warm":
                thread.join(timeout=30)
        def no_rebuild(*args, **kwargs):
            raise AssertionError("the rows should have been built at start-up")
        monkeypatch.setattr(query, "incident_rows", no_rebuild)
        assert warm.get("/api/incidents").json()["total"] == 2
        _post(warm, create_key(store, "bilal"), {"id": "x-1", "text": BANNU + " Again.", "published": "2026-01-15"})
        with pytest.raises(AssertionError, match="start-up"):  # a new report: rebuilt, not served stale
            warm.get("/api/incidents")


def test_tallies(client, key, loaded):
    text = ("At least 250 people were killed in Balochistan in 2025, according to a report by the "
            "Pakistan Institute for Conflict and Security Studies released on Thursday.")
    posted = _post(client, key, {"id": "tally-1", "text": text, "published": "2026-01-15"}).json()
    body = client.get("/api/tallies").json()
    assert body["total"] >= 1 and body["items"]
    item = body["items"][0]
    assert item["report_id"] == posted["report_id"] and item["tally"]["casualties"]
    assert client.get("/api/tallies", params={"report_id": posted["report_id"]}).json()["total"] == body["total"]
    assert client.get("/api/tallies", params={"report_id": 1}).json()["total"] == 0
    if item["group_key"]:
        assert client.get("/api/tallies", params={"group_key": item["group_key"]}).json()["total"] >= 1
    assert client.get("/api/tallies", params={"group_key": "nope"}).json()["total"] == 0
    _error(client.get("/api/tallies", params={"limit": 1000}), 422, "validation_error")


def test_claims(client, loaded):
    turbat, _ = loaded
    every = client.get("/api/claims").json()
    assert every["total"] >= 1
    mine = client.get("/api/claims", params={"report_id": turbat["report_id"], "kind": "responsibility"}).json()
    assert mine["total"] >= 1 and mine["items"][0]["report_id"] == turbat["report_id"]
    claim = mine["items"][0]
    assert claim["text"] and "Baloch Liberation Army" in claim["claim"]["speaker"]
    assert client.get("/api/claims", params={"limit": 1}).json()["items"].__len__() == 1
    _error(client.get("/api/claims", params={"kind": "rumour"}), 422, "validation_error")
    _error(client.get("/api/claims", params={"limit": 201}), 422, "validation_error")


def test_aggregates(client, loaded):
    days = client.get("/api/aggregates", params={"by": "day"}).json()
    assert days["by"] == "day" and [i["key"] for i in days["items"]] == sorted(i["key"] for i in days["items"])
    assert sum(i["incidents"] for i in days["items"]) == 2
    assert sum(i["fatalities"] for i in days["items"]) == sum(
        r["fatalities"] for r in client.get("/api/incidents").json()["items"])
    assert any(i["killed"].get("security_forces") for i in days["items"])
    [week] = client.get("/api/aggregates", params={"by": "week"}).json()["items"]
    assert week["key"] == "2026-01-12" and week["incidents"] == 2   # a Monday
    provinces = {i["key"]: i for i in client.get("/api/aggregates", params={"by": "admin1"}).json()["items"]}
    assert set(provinces) == {"Balochistan", "Khyber Pakhtunkhwa"}
    actors = client.get("/api/aggregates", params={"by": "actor", "country": "PK"}).json()["items"]
    assert any(i["key"] == "Baloch Liberation Army" for i in actors)
    filtered = client.get("/api/aggregates", params={"by": "admin1", "admin1": "Balochistan"}).json()["items"]
    assert [i["key"] for i in filtered] == ["Balochistan"]
    _error(client.get("/api/aggregates", params={"by": "month"}), 422, "validation_error")
    _error(client.get("/api/aggregates", params={"to": "yesterday"}), 422, "validation_error")


# -- corrections -----------------------------------------------------------------------

def test_correction_is_recorded_with_the_keys_name_and_the_original_kept(client, key, loaded):
    turbat, _ = loaded
    report = client.get(f"/api/reports/{turbat['report_id']}").json()
    event_id = report["rows"]["events"][0]
    machine = report["extraction"]["events"][0]["fatalities"]
    body = {"table": "events", "row_id": event_id, "field": "fatalities", "value": machine + 3,
            "note": "hospital figure"}
    response = client.post("/api/corrections", json=body, headers={"X-API-Key": key})
    assert response.status_code == 201, response.text
    done = response.json()
    assert done["who"] == "amina" and done["old_value"] == machine and done["new_value"] == machine + 3
    assert done["original"] == machine and done["note"] == "hospital figure"
    again = client.get(f"/api/reports/{turbat['report_id']}").json()
    assert again["extraction"]["events"][0]["fatalities"] == machine + 3
    assert again["original"]["events"][0]["fatalities"] == machine          # the extractor's JSON is kept
    second = client.post("/api/corrections", json=body | {"value": 1}, headers={"X-API-Key": key}).json()
    assert second["old_value"] == machine + 3 and second["original"] == machine


def test_correction_bad_input(client, key, loaded):
    headers = {"X-API-Key": key}
    post = lambda body: client.post("/api/corrections", json=body, headers=headers)  # noqa: E731
    _error(post({"table": "events", "row_id": 9999, "field": "fatalities", "value": 1}), 404, "not_found")
    _error(post({"table": "nonsense", "row_id": 1, "field": "x", "value": 1}), 422, "validation_error")
    _error(post({"table": "events", "row_id": 1, "field": "text_hash", "value": 1}), 422, "validation_error")
    _error(post({"table": "events", "row_id": 1, "field": "actor1_kind", "value": "aliens"}), 422, "validation_error")
    assert "value" in _error(post({"table": "events", "row_id": 1, "field": "fatalities"}), 422, "validation_error")
    _error(post({"table": "events", "row_id": "one", "field": "fatalities", "value": 1}), 422, "validation_error")
    _error(client.post("/api/corrections", content=b"{nope", headers=headers | {"Content-Type": "application/json"}),
           400, "bad_request")


# -- limits, errors, docs ----------------------------------------------------------------

def test_body_over_the_limit_is_refused(client, key):
    big = {"id": "big", "text": "word " * 500_000}
    assert len(json.dumps(big)) > 2_000_000
    _error(_post(client, key, big), 413, "payload_too_large")

    def chunks():   # no Content-Length: the limit holds for a streamed body too
        yield b'{"id": "big", "text": "'
        for _ in range(50):
            yield b"x" * 50_000
        yield b'"}'
    _error(client.post("/api/reports", content=chunks(), headers={"X-API-Key": key,
                                                                    "Content-Type": "application/json"}),
           413, "payload_too_large")
    assert client.get("/api/incidents").json()["total"] == 0


def test_unknown_paths_and_methods_are_json_errors(client):
    _error(client.get("/api/nothing"), 404, "not_found")
    _error(client.delete("/api/incidents"), 405, "method_not_allowed")


def test_server_errors_are_json(store, monkeypatch):
    client = TestClient(create_app(store), raise_server_exceptions=False)
    monkeypatch.setattr(store, "report", lambda *_: 1 / 0)
    assert _error(client.get("/api/reports/1"), 500, "internal_error") == "internal server error"


def test_openapi_lists_the_endpoints(client):
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path, method in [("/api/incidents", "get"), ("/api/incidents/{incident_id}", "get"),
                         ("/api/reports/{report_id}", "get"), ("/api/reports", "post"), ("/api/tallies", "get"),
                         ("/api/claims", "get"), ("/api/aggregates", "get"), ("/api/corrections", "post")]:
        assert method in paths[path], path
    assert spec["components"]["securitySchemes"]["APIKeyHeader"]["name"] == "X-API-Key"
    assert {p["name"] for p in paths["/api/incidents"]["get"]["parameters"]} >= {
        "country", "admin1", "from", "to", "type", "actor", "min_fatalities", "limit", "offset"}


def test_docs_are_served_without_any_external_host(client):
    page = client.get("/docs")
    assert page.status_code == 200 and "swagger" in page.text.lower()
    urls = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)""", page.text)
    assert urls and all(u.startswith("/") and not u.startswith("//") for u in urls), urls
    assert not re.search(r"https?://", page.text.replace("http://www.w3.org", ""))
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_keys_commands(tmp_path):
    from typer.testing import CliRunner

    from sitrep.cli import app

    db = f"sqlite:///{tmp_path / 'keys.db'}"
    made = CliRunner().invoke(app, ["keys", "create", "amina", "--db", db])
    assert made.exit_code == 0, made.output
    key = made.stdout.strip().splitlines()[0]
    with Store(db) as store:
        assert verify_key(store, key) == "amina"
    assert CliRunner().invoke(app, ["keys", "create", "amina", "--db", db]).exit_code == 2
    listed = CliRunner().invoke(app, ["keys", "list", "--db", db])
    assert listed.exit_code == 0 and "amina" in listed.stdout and key not in listed.stdout
