"""The web dashboard (sitrep.api.dashboard) through FastAPI's TestClient: the pages, the
offline assets from node_modules, the summary and points endpoints, and escaping of
report text. tests/test_browser.py drives the same pages in a real headless Chromium."""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from fastapi.testclient import TestClient

from sitrep.api import dashboard
from sitrep.api.app import create_app
from sitrep.api.keys import create_key
from sitrep.store import Store

TURBAT = ("QUETTA: Militants attacked a police station in Turbat, Kech district, on Monday, "
          "killing four policemen, officials said. Two attackers were also killed in the "
          "exchange of fire, police said. The Baloch Liberation Army claimed responsibility for "
          "the attack in a statement.")
BANNU = ("PESHAWAR: A suicide bomber struck a military convoy in Bannu, Khyber Pakhtunkhwa, on "
         "Tuesday, killing seven soldiers and injuring 12, the military said.")
EVIL = ("QUETTA: Gunmen shot dead three labourers in Kech district, Balochistan, on Wednesday, police said. "
        "<script>alert(1)</script> <img src=x onerror=alert(2)> The Baloch Liberation Army "
        "claimed responsibility <script>alert(3)</script>.")
ATTACKS = ("<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "<script>alert", "<img src=x", "<b>Evil")

NODE_MODULES = dashboard.DEFAULT_ASSETS
needs_assets = pytest.mark.skipif(bool(dashboard.assets_missing(NODE_MODULES)),
                                  reason=f"npm assets not installed in {NODE_MODULES}: run `make setup`")


@pytest.fixture
def store(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'dash.db'}") as s:
        yield s


@pytest.fixture
def client(store):
    return TestClient(create_app(store, assets_dir=str(NODE_MODULES)))


@pytest.fixture
def loaded(client, store):
    key = create_key(store, "amina")
    ids = {}
    for doc in ({"id": "turbat-1", "text": TURBAT, "published": "2026-01-13", "source": "Dawn",
                 "url": "https://dawn.example/turbat"},
                {"id": "bannu-1", "text": BANNU, "published": "2026-01-14", "source": "Geo"},
                {"id": "evil-1", "text": EVIL, "published": "2026-01-22", "source": "<b>Evil</b> Times",
                 "title": "<script>alert(4)</script>", "url": "javascript:alert(5)"}):
        r = client.post("/api/reports", json=doc, headers={"X-API-Key": key})
        assert r.status_code == 201, r.text
        ids[doc["id"]] = r.json()["incident_ids"]
    assert all(ids.values()), ids
    return ids


def _local_only(html: str) -> list[str]:
    """The src/href URLs of the page; fails on any that leaves the server."""
    urls = re.findall(r"""(?:src|href|action)\s*=\s*["']([^"']*)""", html)
    assert not re.search(r"(?:https?:)?//", html), "the page names an outside host"
    assert all(u.startswith("/") and not u.startswith("//") for u in urls), urls
    return urls


# -- the dashboard page -------------------------------------------------------------------

@needs_assets
def test_dashboard_page_loads_only_local_files(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    urls = _local_only(page.text)
    for needed in ("/static/vendor/leaflet/leaflet.js", "/static/vendor/leaflet/leaflet.css",
                   "/static/vendor/topojson-client/topojson-client.min.js", "/static/dashboard.js",
                   "/static/sitrep.css"):
        assert needed in urls
    assert 'id="map"' in page.text and 'id="timeline"' in page.text and 'id="summary"' in page.text
    assert "<script>" not in page.text      # no inline script: the policy forbids it
    assert "assets-missing" not in page.text
    for url in urls:
        if url.startswith("/static/"):
            assert client.get(url).status_code == 200, url


def test_dashboard_js_uses_no_innerhtml_and_no_outside_host(client):
    for name in ("dashboard.js", "incident.js"):
        js = client.get(f"/static/{name}")
        assert js.status_code == 200
        assert "innerHTML" not in js.text and "outerHTML" not in js.text and "insertAdjacentHTML" not in js.text
        assert "document.write" not in js.text
        hosts = set(re.findall(r"https?://[^\s\"']+", js.text))
        assert hosts <= {"http://www.w3.org/2000/svg"}, hosts     # the SVG namespace name only
        assert "/static/vendor/world-atlas/countries-50m.json" in js.text or name != "dashboard.js"


@needs_assets
def test_vendor_files_are_served_from_node_modules(client):
    for url, kind in (("/static/vendor/leaflet/leaflet.js", "javascript"), ("/static/vendor/leaflet/leaflet.css", "css"),
                      ("/static/vendor/leaflet/images/marker-icon.png", "image/png"),
                      ("/static/vendor/leaflet/images/layers.png", "image/png"),
                      ("/static/vendor/topojson-client/topojson-client.min.js", "javascript"),
                      ("/static/vendor/world-atlas/countries-50m.json", "json"),
                      ("/static/vendor/world-atlas/countries-110m.json", "json")):
        r = client.get(url)
        assert r.status_code == 200 and kind in r.headers["content-type"], (url, r.headers)
    assert "Leaflet 1.9.4" in client.get("/static/vendor/leaflet/leaflet.js").text[:300]
    topo = client.get("/static/vendor/world-atlas/countries-50m.json").json()
    names = {g["properties"]["name"] for g in topo["objects"]["countries"]["geometries"]}
    assert {"Pakistan", "Afghanistan", "Nigeria", "Somalia"} <= names
    # Only the three packages' folders, and nothing outside them.
    for bad in ("/static/vendor/leaflet/../../package.json", "/static/vendor/leaflet/%2e%2e/%2e%2e/package.json",
                "/static/vendor/commander/index.js", "/static/vendor/leaflet/nope.js"):
        assert client.get(bad).status_code == 404, bad


def test_province_outlines_are_served_gzipped_or_plain(client):
    zipped = client.get("/map/admin1.geojson")  # httpx asks for gzip and undoes it
    assert zipped.status_code == 200 and zipped.headers["content-encoding"] == "gzip"
    assert zipped.headers["content-type"].startswith("application/geo+json")
    provinces = zipped.json()
    pakistan = {f["properties"]["name"] for f in provinces["features"] if f["properties"]["country"] == "PK"}
    assert {"Balochistan", "Khyber Pakhtunkhwa", "Punjab", "Sindh"} <= pakistan
    assert len(provinces["features"]) > 4000
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in provinces["features"])
    plain = client.get("/map/admin1.geojson", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.json() == provinces


def test_page_says_so_when_assets_are_missing(store, tmp_path, monkeypatch):
    monkeypatch.setenv(dashboard.ASSETS_ENV, str(tmp_path / "nowhere"))
    client = TestClient(create_app(store))
    page = client.get("/")
    assert page.status_code == 200
    assert 'id="assets-missing"' in page.text and "make setup" in page.text
    assert "/static/vendor/" not in page.text and 'data-assets="missing"' in page.text
    _local_only(page.text)
    assert client.get("/static/vendor/leaflet/leaflet.js").status_code == 404
    assert client.get("/api/incidents").status_code == 200      # the rest still works


def test_assets_dir_from_env(monkeypatch, tmp_path):
    monkeypatch.setenv(dashboard.ASSETS_ENV, str(tmp_path))
    assert dashboard.assets_dir() == tmp_path
    assert dashboard.assets_dir(tmp_path / "x") == tmp_path / "x"
    monkeypatch.delenv(dashboard.ASSETS_ENV)
    assert dashboard.assets_dir() == NODE_MODULES and NODE_MODULES.name == "node_modules"


def test_dashboard_can_be_left_out(store):
    client = TestClient(create_app(store, dashboard=False))
    assert client.get("/").status_code == 404 and client.get("/api/incidents").status_code == 200


# -- incident pages -----------------------------------------------------------------------

def test_incident_page(client, loaded):
    key = loaded["turbat-1"][0]
    page = client.get(f"/incidents/{key}", headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    html = page.text
    assert key in html and "Dawn" in html and "Turbat" in html
    assert 'id="figures"' in html and "Reconciled" in html
    assert re.search(r'<mark class="evidence[^"]*">', html)             # evidence highlighted
    assert re.search(r'<mark class="evidence figure">[^<]*four', html)  # the figure within it
    assert 'href="https://dawn.example/turbat"' in html                   # the source's own link
    assert "responsibility" in html and "Baloch Liberation Army" in html  # the claim
    assert 'id="correction"' in html and "/static/incident.js" in html
    detail = client.get(f"/api/incidents/{key}").json()
    for figure in detail["casualties"]:
        assert f"<strong>{figure['best']}</strong>" in html


def test_unknown_incident_is_404_as_html_or_json(client, loaded):
    page = client.get("/incidents/inc-000000000000", headers={"Accept": "text/html,application/xhtml+xml"})
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "No such incident" in page.text and "inc-000000000000" in page.text
    api = client.get("/incidents/inc-000000000000", headers={"Accept": "application/json"})
    assert api.status_code == 404 and api.json()["error"]["code"] == "not_found"
    evil = client.get("/incidents/<img src=x onerror=alert(2)>", headers={"Accept": "text/html"})
    assert evil.status_code == 404 and "<img" not in evil.text and "&lt;img src=x onerror=alert(2)&gt;" in evil.text
    assert "<script>" not in client.get("/incidents/<script>x").text


# -- escaping -----------------------------------------------------------------------------

def test_report_text_is_escaped_everywhere(client, loaded):
    key = loaded["evil-1"][0]
    responses = [client.get("/"), client.get(f"/incidents/{key}", headers={"Accept": "text/html"}),
                 client.get(f"/incidents/{key}")]
    for url in ("/api/incidents", f"/api/incidents/{key}", "/api/reports/3", "/api/claims", "/api/points",
                "/api/summary", "/api/aggregates?by=actor", "/api/aggregates?by=admin1", "/api/tallies",
                "/api/incidents/<script>alert(1)</script>", "/api/incidents?country=<script>alert(1)</script>"):
        responses.append(client.get(url))
    for r in responses:
        for attack in ATTACKS:
            assert attack not in r.text, (r.url, attack)
    page = responses[1]
    assert page.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text             # shown, as text
    assert "&lt;img src=x onerror=alert(2)&gt;" in page.text
    assert "&lt;b&gt;Evil&lt;/b&gt; Times" in page.text
    assert "javascript:" not in page.text                                    # no link from a bad URL
    # The JSON still carries the text unchanged to any parser.
    report = client.get("/api/reports/3")
    assert report.json()["document"]["text"] == EVIL and "\\u003cscript\\u003e" in report.text
    assert json.loads(report.text)["document"]["title"] == "<script>alert(4)</script>"


def test_highlight_pieces():
    pieces = dashboard.highlight("abcdefghij", [((1, 6), "evidence"), ((3, 5), "figure"), ((8, 99), "figure"),
                                                ((5, 5), "evidence")])
    assert pieces == [("a", []), ("bc", ["evidence"]), ("de", ["evidence", "figure"]), ("f", ["evidence"]),
                      ("ghij", [])]
    assert "".join(p for p, _ in pieces) == "abcdefghij"
    assert dashboard.highlight("", []) == []


# -- summary and points -------------------------------------------------------------------

def test_summary_windows(client, loaded):
    body = client.get("/api/summary").json()
    assert body["basis"] == "latest" and body["as_of"] == max(
        i["date"] for i in client.get("/api/incidents").json()["items"] if i["date"])
    w72, w7 = body["windows"]
    assert (w72["label"], w72["days"], w7["label"], w7["days"]) == ("72h", 3, "7d", 7)
    assert w72["to"] == w7["to"] == body["as_of"]
    assert dt.date.fromisoformat(w7["from"]) == dt.date.fromisoformat(body["as_of"]) - dt.timedelta(days=6)

    # Fixed day: Bannu (14 Jan: 7 soldiers) in both windows, Turbat (12 or 13 Jan) in the 7 days only.
    rows = client.get("/api/incidents").json()["items"]
    bannu = next(r for r in rows if r["id"] == loaded["bannu-1"][0])
    turbat = next(r for r in rows if r["id"] == loaded["turbat-1"][0])
    day = dt.date.fromisoformat(bannu["date"])
    fixed = client.get("/api/summary", params={"as_of": bannu["date"]}).json()
    assert fixed["basis"] == "given" and fixed["as_of"] == bannu["date"]
    w72, w7 = fixed["windows"]
    assert w72["killed"].get("security_forces", 0) >= 7 and w72["fatalities"] >= 7
    assert w7["incidents"] == 2 and w7["fatalities"] == bannu["fatalities"] + turbat["fatalities"]
    assert w7["killed"].get("militants") == 2                          # the two attackers at Turbat
    assert sum(w7["killed"].values()) == w7["fatalities"]

    empty = client.get("/api/summary", params={"country": "Nowhere"}).json()
    assert empty["basis"] == "today" and all(w["incidents"] == 0 and w["killed"] == {} for w in empty["windows"])
    assert client.get("/api/summary", params={"as_of": "2026-13-01"}).status_code == 422
    assert client.get("/api/summary", params={"from": "2026-02-01", "to": "2026-01-01"}).status_code == 400


def test_points_for_the_map(client, loaded):
    body = client.get("/api/points").json()
    assert body["total"] == 3 and not body["truncated"] and len(body["items"]) == 3
    item = next(p for p in body["items"] if p["id"] == loaded["bannu-1"][0])
    assert item["latitude"] and item["longitude"] and item["fatalities"] >= 7 and item["event_type"]
    assert set(item) == {"id", "date", "latitude", "longitude", "location", "admin1", "country", "event_type",
                         "fatalities", "n_sources", "actors"}
    one = client.get("/api/points", params={"limit": 1}).json()
    assert one["total"] == 3 and one["truncated"] and len(one["items"]) == 1
    assert client.get("/api/points", params={"limit": 0}).status_code == 422
    assert client.get("/api/points", params={"country": "Nigeria"}).json() == {"total": 0, "truncated": False,
                                                                                "items": []}


def test_points_are_kept_until_the_store_changes(client, loaded, store):
    first = client.get("/api/points")
    assert client.get("/api/points").content == first.content
    assert first.headers["x-content-type-options"] == "nosniff" and "<" not in first.text
    doc = {"id": "quetta-9", "text": "QUETTA: Gunmen killed two policemen in Quetta on Friday, police said.",
           "published": "2026-01-24", "source": "Dawn"}
    assert client.post("/api/reports", json=doc, headers={"X-API-Key": create_key(store, "bilal")}).status_code == 201
    assert client.get("/api/points").json()["total"] == 4
    assert client.get("/api/points", params={"limit": 1}).json()["total"] == 4
