"""sitrep.ingest: saved pages, feeds, safe fetching, sources and duplicates.

Fetching is tested against an HTTP server on 127.0.0.1 started here; every test that
checks a refusal also forbids opening any socket, so a refusal that came after
connecting would fail the test rather than reach another machine.
"""
from __future__ import annotations

import datetime as dt
import gzip
import importlib
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sitrep.ingest import (BlockedURL, FetchTimeout, Fetcher, HTTPStatusError,
                           NearDuplicateIndex, ResolveError, TooLarge, TooManyRedirects,
                           canonical_url, document_id, fetch, html_to_text, iter_sources,
                           read_feed, read_html, text_hash)
from sitrep.ingest.dedupe import jaccard, shingles
from sitrep.ingest.sources import sniff
from sitrep.io import Problem
from sitrep.model import Document

fetch_module = importlib.import_module("sitrep.ingest.fetch")  # `fetch` is also the function
FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def split(items):
    items = list(items)
    return ([i for i in items if isinstance(i, Document)],
            [i for i in items if isinstance(i, Problem)])


# --- saved HTML pages -------------------------------------------------------------------

def test_html_page_gives_the_article_without_boilerplate():
    doc = read_html(fixture("article.html"), name="article.html")
    assert isinstance(doc, Document)
    assert doc.text.startswith("TURBAT: Four people were killed")
    assert doc.text.endswith("law and order situation in the district.")
    for boilerplate in ("Accept all cookies", "Most read", "Cricket board", "All rights reserved",
                        "Privacy policy", "Home"):
        assert boilerplate not in doc.text
    assert doc.title == "Gunmen kill four at market in Turbat"
    assert not doc.text.startswith(doc.title)  # the headline is the title, not the first line
    assert doc.published == dt.date(2026, 2, 3)
    assert doc.source == "The Coastal Herald"
    # the page's canonical link, without its tracking parameters, gives the id
    assert doc.url.startswith("https://www.coastal-herald.example/news/2026/02/03/turbat-market-attack")
    assert doc.id == document_id("https://www.coastal-herald.example/news/2026/02/03/"
                                 "turbat-market-attack?utm_source=x")


def test_html_page_given_as_text_and_with_a_url_of_our_own():
    page = fixture("article.html").decode("utf-8")
    doc = read_html(page, url="https://mirror.example/turbat?fbclid=1",
                    published=dt.date(2020, 1, 1))
    assert doc.url == "https://mirror.example/turbat?fbclid=1"
    assert doc.id == document_id("https://mirror.example/turbat")
    assert doc.published == dt.date(2026, 2, 3)  # the page's own date beats the fallback


def test_html_page_in_windows_1252_is_decoded():
    page = ("<html><head><meta charset='windows-1252'><title>Attaque</title></head><body>"
            "<article><p>" + "Des hommes arm\u00e9s ont attaqu\u00e9 le march\u00e9 \u00ab central \u00bb "
            "de Djibo, tuant six civils et en blessant plusieurs autres selon des t\u00e9moins. " * 3
            + "</p></article></body></html>").encode("cp1252")
    doc = read_html(page)
    assert "hommes armés ont attaqué le marché « central »" in doc.text


def test_page_with_no_article_is_a_problem_not_an_empty_document():
    result = read_html(fixture("no-article.html"), name="signin.html")
    assert isinstance(result, Problem)
    assert result.path == "signin.html" and "no article" in result.message
    for junk in (b"", "   ", b"\x00\x01\x02 binary", "http://127.0.0.1/not-fetched"):
        assert isinstance(read_html(junk), Problem)


def test_html_fragment_to_text():
    assert html_to_text("<p>Three <b>killed</b> &amp; two</p><p>hurt</p><script>x()</script>"
                        ) == "Three killed & two\nhurt"
    assert html_to_text("plain  text\n\n\nhere") == "plain text\nhere"


# --- feeds ------------------------------------------------------------------------------

def test_rss_feed_entries():
    docs, problems = split(read_feed(fixture("rss.xml"), name="rss.xml"))
    assert problems == []
    assert [d.title for d in docs] == ["Soldiers killed in ambush near Kohlu",
                                       "Protesters block highway after arrests"]
    first, second = docs
    assert first.text == ("Three soldiers were killed and two wounded when their convoy was "
                          "ambushed near Kohlu on Tuesday night, the military said.\n"
                          "Officials said a clearance operation was under way.")
    assert first.published == dt.date(2026, 2, 4) and first.source == "Frontier Wire"
    assert first.id == document_id("https://frontier-wire.example/2026/02/04/kohlu-ambush")
    # content:encoded is longer than the teaser, so it is the text
    assert second.text.startswith("Hundreds of protesters blocked the national highway")
    assert "<p>" not in second.text and "teaser" not in second.text


def test_atom_feed_entries():
    docs, problems = split(read_feed(fixture("atom.xml")))
    assert problems == []
    assert [d.source for d in docs] == ["Sahel Monitor"] * 2
    mopti, gao = docs
    assert mopti.text.startswith("Armed men on motorbikes attacked a village")
    assert mopti.text.endswith("Residents fled to the nearby town.")
    assert mopti.published == dt.date(2026, 2, 4)  # published, not updated
    assert gao.published == dt.date(2026, 2, 3)    # only updated
    assert gao.text == ("Authorities in Gao extended a night curfew by two weeks after a "
                        "series of explosions.")


def test_windows_1252_feed_as_bytes_and_as_text():
    raw = fixture("feed-cp1252.xml")
    assert "é".encode("utf-8") not in raw  # really not UTF-8
    for content in (raw, raw.decode("cp1252")):
        docs, problems = split(read_feed(content))
        assert problems == []
        (doc,) = docs
        assert doc.title == "“Nous avons fui” : attaque à Djibo"
        assert "5€ par famille — selon des témoins" in doc.text
        assert doc.source == "Le Courrier du Sahel – Édition"
    # a charset sent by the server wins over the declaration
    docs, _ = split(read_feed(raw.decode("cp1252").encode("utf-8"),
                              content_type="application/rss+xml; charset=utf-8"))
    assert docs[0].title.startswith("“Nous")


def test_malformed_feed_reports_what_was_salvaged():
    items = list(read_feed(fixture("malformed.xml"), name="bad.xml"))
    docs, problems = split(items)
    assert isinstance(items[0], Problem)
    assert "malformed feed" in items[0].message and "1 of its entries salvaged" in items[0].message
    assert [d.title for d in docs] == ["Blast at checkpoint & curfew imposed"]
    assert docs[0].text == "A blast at a checkpoint killed two policemen on Friday."
    assert docs[0].published is None


def test_not_a_feed_and_fallback_date():
    (problem,) = read_feed(fixture("article.html"), name="page.html")
    assert "not an RSS or Atom feed" in problem.message
    feed = (b"<rss version='2.0'><channel><title>T</title><item><title>A</title>"
            b"<description>Two killed.</description></item></channel></rss>")
    (doc,) = read_feed(feed, published=dt.date(2026, 1, 5))
    assert doc.published == dt.date(2026, 1, 5) and doc.url is None
    assert doc.id == document_id(None, "Two killed.")


def test_feed_content_is_never_opened_as_a_path(tmp_path):
    secret = tmp_path / "secret.xml"
    secret.write_text("<rss version='2.0'><channel><item><description>leak</description>"
                      "</item></channel></rss>")
    (problem,) = read_feed(str(secret).encode())
    assert isinstance(problem, Problem)


# --- a local HTTP server ----------------------------------------------------------------

PAGE = fixture("article.html")
GZIP_BOMB = gzip.compress(b"\0" * 2_000_000)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _send(self, body: bytes, content_type: str = "text/html; charset=utf-8",
              status: int = 200, headers: dict | None = None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        path = self.path
        try:
            if path == "/page":
                self._send(PAGE)
            elif path == "/feed":
                self._send(fixture("rss.xml"), "application/rss+xml")
            elif path == "/feed-as-xml":
                self._send(fixture("feed-cp1252.xml"), "text/xml")
            elif path == "/page-no-type":
                self._send(PAGE, "application/octet-stream")
            elif path == "/plain":
                self._send("Police said three were killed in Kohlu.".encode("latin-1"),
                           "text/plain; charset=iso-8859-1")
            elif path == "/pdf":
                self._send(b"%PDF-1.4", "application/pdf")
            elif path == "/missing":
                self._send(b"gone", "text/plain", status=404)
            elif path == "/host":
                self._send(self.headers["Host"].encode(), "text/plain")
            elif path.startswith("/hops/"):
                left = int(path.rsplit("/", 1)[1])
                self._redirect(f"/hops/{left - 1}" if left else "/page")
            elif path == "/to-ftp":
                self._redirect("ftp://127.0.0.1/file")
            elif path == "/to-private":
                self._redirect("http://10.0.0.1/admin")
            elif path == "/declared-huge":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", "50000000")
                self.end_headers()
                self.wfile.write(b"<html>")
            elif path == "/endless":  # no length, never ends: the client must stop
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                chunk = b"<p>" + b"x" * 65_536 + b"</p>"
                for _ in range(200):
                    self.wfile.write(chunk)
            elif path == "/gzip-bomb":
                self._send(GZIP_BOMB, "text/html", headers={"Content-Encoding": "gzip"})
            elif path == "/slow":
                time.sleep(1.5)
                self._send(PAGE)
            elif path == "/drip":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                for _ in range(30):
                    self.wfile.write(b"<p>drip</p>")
                    self.wfile.flush()
                    time.sleep(0.1)
            else:
                self._send(b"not found", "text/plain", status=404)
        except (BrokenPipeError, ConnectionResetError):
            pass


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def local():
    """A fetcher allowed to reach 127.0.0.1, with short limits."""
    with Fetcher(allow_private=True, max_bytes=200_000, max_redirects=3, connect_timeout=2,
                 read_timeout=0.4, total_timeout=0.6) as fetcher:
        yield fetcher


@pytest.fixture
def no_connections(monkeypatch):
    """Fail the test on any attempt to open a connection."""
    attempts = []

    def refuse(address, *args, **kwargs):
        attempts.append(address)
        raise AssertionError(f"connection attempted to {address}")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", lambda self, address: refuse(address))
    return attempts


# --- fetching ---------------------------------------------------------------------------

def test_fetch_page_and_content_types(server, local):
    url, content_type, body = local.fetch(f"{server}/page")
    assert (url, content_type, body) == (f"{server}/page", "text/html; charset=utf-8", PAGE)
    assert local.fetch(f"{server}/feed").content_type == "application/rss+xml"
    assert local.fetch(f"{server}/pdf").content == b"%PDF-1.4"


def test_fetch_keeps_the_host_name_in_the_host_header(server):
    port = server.rsplit(":", 1)[1]
    result = fetch(f"http://localhost:{port}/host", allow_private=True)
    assert result.content == f"localhost:{port}".encode()
    assert result.url == f"http://localhost:{port}/host"


def test_fetch_follows_a_few_redirects_and_no_more(server, local):
    result = local.fetch(f"{server}/hops/2")  # hops/2 → hops/1 → hops/0 → page
    assert result.url == f"{server}/page" and result.content == PAGE
    with pytest.raises(TooManyRedirects, match="more than 3 redirects"):
        local.fetch(f"{server}/hops/3")


def test_fetch_checks_every_redirect_target(server, local, monkeypatch):
    with pytest.raises(BlockedURL, match="only http and https"):
        local.fetch(f"{server}/to-ftp")
    # Without allow_private, but with 127.0.0.1 let through so the first hop can happen:
    # the redirect to 10.0.0.1 is refused before any connection to it.
    real = fetch_module.address_problem
    monkeypatch.setattr(fetch_module, "address_problem",
                        lambda ip: None if str(ip) == "127.0.0.1" else real(ip))
    connected = []
    original = socket.create_connection
    monkeypatch.setattr(socket, "create_connection",
                        lambda address, *a, **k: connected.append(address[0]) or original(address, *a, **k))
    with Fetcher(max_redirects=3) as guarded:
        with pytest.raises(BlockedURL, match="10.0.0.1, a private address") as refused:
            guarded.fetch(f"{server}/to-private")
    assert refused.value.url == "http://10.0.0.1/admin"
    assert set(connected) == {"127.0.0.1"}


def test_fetch_size_cap(server, local):
    with pytest.raises(TooLarge, match="50,000,000 bytes declared"):
        local.fetch(f"{server}/declared-huge")
    started = time.monotonic()
    with pytest.raises(TooLarge, match="download stopped"):
        local.fetch(f"{server}/endless")
    assert time.monotonic() - started < 2
    with pytest.raises(TooLarge):  # counted after decompression
        local.fetch(f"{server}/gzip-bomb")


def test_fetch_timeouts(server, local):
    started = time.monotonic()
    with pytest.raises(FetchTimeout, match="timed out"):
        local.fetch(f"{server}/slow")
    with pytest.raises(FetchTimeout, match="download took over"):
        local.fetch(f"{server}/drip")
    assert time.monotonic() - started < 2.5


def test_fetch_error_status(server, local):
    with pytest.raises(HTTPStatusError) as error:
        local.fetch(f"{server}/missing")
    assert error.value.status == 404


@pytest.mark.parametrize("url, kind", [
    ("http://127.0.0.1/", "loopback"),
    ("http://127.8.9.10:8080/x", "loopback"),
    ("http://localhost/", "loopback"),
    ("http://LocalHost:80/", "loopback"),
    ("http://10.1.2.3/", "private"),
    ("http://192.168.0.1/", "private"),
    ("http://172.16.5.4/", "private"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://[::1]/", "loopback"),
    ("http://[::ffff:127.0.0.1]/", "loopback"),
    ("http://[::ffff:a9fe:a9fe]/", "link-local"),
    ("http://[fe80::1]/", "link-local"),
    ("http://[fc00::1]/", "private"),
    ("http://[2002:7f00:1::]/", "loopback"),
    ("http://2130706433/", "loopback"),
    ("http://0x7f000001/", "loopback"),
    ("http://0177.0.0.1/", "not a valid URL"),  # httpx refuses octal
    ("http://127.1/", "loopback"),
    ("http://0.0.0.0/", "unspecified"),
    ("http://224.0.0.251/", "multicast"),
    ("http://240.0.0.1/", "reserved"),
    ("http://100.64.0.1/", "non-public"),
    ("https://user@127.0.0.1/", "loopback"),
])
def test_private_addresses_are_refused_before_connecting(url, kind, no_connections):
    with pytest.raises(BlockedURL, match=kind):
        fetch(url)
    assert no_connections == []


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/x", "gopher://x/",
                                 "javascript:alert(1)", "example.com/page", "http:///nohost"])
def test_only_http_and_https(url, no_connections):
    with pytest.raises(BlockedURL):
        fetch(url)
    assert no_connections == []


def fake_dns(monkeypatch, table: dict[str, list[str]]):
    """Answer name lookups from `table` (no real DNS query is made)."""
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in ("127.0.0.1", "::1"):  # the pinned address, looked up by the socket layer
            return real(host, port, *args, **kwargs)
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "",
                 (a, port)) for a in table[host]]
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def test_unresolvable_host(monkeypatch, no_connections):
    fake_dns(monkeypatch, {})
    with pytest.raises(ResolveError, match="cannot resolve 'no-such-host.example'"):
        fetch("http://no-such-host.example/")


def test_a_name_with_one_private_address_among_public_ones_is_refused(monkeypatch, no_connections):
    fake_dns(monkeypatch, {"mixed.example": ["93.184.216.34", "10.0.0.5"],
                           "inner.example": ["2606:4700::1111", "::1"]})
    with pytest.raises(BlockedURL, match="10.0.0.5, a private address"):
        fetch("https://mixed.example/news")
    with pytest.raises(BlockedURL, match="::1, a loopback address"):
        fetch("http://inner.example/")
    assert no_connections == []


def test_the_connection_goes_to_the_address_that_was_checked(server, monkeypatch):
    port = server.rsplit(":", 1)[1]
    fake_dns(monkeypatch, {"news.example": ["127.0.0.1"]})
    result = fetch(f"http://news.example:{port}/host", allow_private=True)
    assert result.content == f"news.example:{port}".encode()


# --- sources ----------------------------------------------------------------------------

def test_sources_from_a_folder_of_every_kind(tmp_path, write_jsonl):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("article.html", "rss.xml", "atom.xml", "no-article.html"):
        (folder / name).write_bytes(fixture(name))
    (folder / "brief.txt").write_text("Two policemen were shot dead in Quetta.")
    write_jsonl(folder / "rows.jsonl", [{"id": "r1", "text": "A bomb went off."}, "{broken"])
    (folder / "ignored.pdf").write_bytes(b"%PDF")
    (folder / ".hidden.html").write_bytes(fixture("article.html"))
    docs, problems = split(iter_sources([str(folder)], published=dt.date(2026, 2, 6)))
    assert sorted(d.title or d.id for d in docs) == sorted([
        "Gunmen kill four at market in Turbat", "Soldiers killed in ambush near Kohlu",
        "Protesters block highway after arrests", "Village attacked in Mopti region",
        "Curfew extended in Gao", "brief", "r1"])
    assert {d.published for d in docs if d.id in ("brief", "r1")} == {dt.date(2026, 2, 6)}
    assert sorted(Path(p.path).name for p in problems) == ["no-article.html", "rows.jsonl"]


def test_sources_sniff_files_without_a_known_suffix(tmp_path):
    (tmp_path / "page.dat").write_bytes(fixture("article.html"))
    (tmp_path / "feed.dat").write_bytes(fixture("atom.xml"))
    (tmp_path / "rows.dat").write_text('{"id": "x1", "text": "Clashes in Gao."}\n')
    (tmp_path / "notes").write_text("Clashes were reported in Gao on Monday.")
    names = ["page.dat", "feed.dat", "rows.dat", "notes", "missing.html"]
    docs, problems = split(iter_sources([str(tmp_path / n) for n in names]))
    assert [d.title or d.id for d in docs] == [
        "Gunmen kill four at market in Turbat", "Village attacked in Mopti region",
        "Curfew extended in Gao", "x1", "notes"]
    assert [p.message for p in problems] == ["no such file or folder"]
    assert sniff(b"\xef\xbb\xbf  <?xml version='1.0'?><rss>") == "feed"
    assert sniff(b"<!DOCTYPE html><html>") == "html"
    assert sniff(b"<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'>") == "html"


def test_sources_from_urls(server):
    docs, problems = split(iter_sources(
        [f"{server}/page", f"{server}/feed", f"{server}/feed-as-xml", f"{server}/page-no-type",
         f"{server}/plain", f"{server}/pdf", f"{server}/missing", f"{server}/hops/2"],
        allow_private=True, published=dt.date(2026, 2, 6)))
    assert [d.title for d in docs] == [
        "Gunmen kill four at market in Turbat", "Soldiers killed in ambush near Kohlu",
        "Protesters block highway after arrests", "“Nous avons fui” : attaque à Djibo",
        "Gunmen kill four at market in Turbat", None, "Gunmen kill four at market in Turbat"]
    page, plain, redirected = docs[0], docs[5], docs[6]
    assert page.url == f"{server}/page" and redirected.url == f"{server}/page"
    assert page.id == redirected.id
    assert plain.text == "Police said three were killed in Kohlu."
    assert plain.source == "127.0.0.1" and plain.published == dt.date(2026, 2, 6)
    assert [p.message for p in problems] == [
        "unsupported content type 'application/pdf': not a page, feed or text", "HTTP 404"]


def test_sources_refuse_private_urls_by_default(no_connections):
    items = list(iter_sources(["http://127.0.0.1:9/page", "http://[::1]/", "ftp://x/y"]))
    assert all(isinstance(i, Problem) for i in items) and len(items) == 3
    assert "loopback" in items[0].message and "allow_private" in items[0].message
    assert no_connections == []


def test_sources_cap_the_text(tmp_path):
    (tmp_path / "a.html").write_bytes(fixture("article.html"))
    (problem,) = iter_sources([str(tmp_path / "a.html")], max_chars=100)
    assert isinstance(problem, Problem) and "too large" in problem.message


# --- duplicates -------------------------------------------------------------------------

def test_canonical_url():
    assert canonical_url("HTTPS://WWW.Example.COM:443/News/A?utm_source=x&b=2&fbclid=9&a=1#top"
                         ) == "https://www.example.com/News/A?a=1&b=2"
    assert canonical_url("http://example.com") == "http://example.com"
    assert canonical_url("http://example.com:8080/x?id=7&ref=home") == "http://example.com:8080/x?id=7"
    assert canonical_url("http://[::1]:80/a") == "http://[::1]/a"
    assert canonical_url("https://a.example/x?UTM_Medium=y") == "https://a.example/x"
    assert canonical_url("https://a.example/x?b=&a=1") == "https://a.example/x?a=1&b="


def test_text_hash_ignores_spacing_case_and_punctuation():
    a = "Four people were killed, police said.\n\nThe attack came at dusk."
    b = "four people were killed police said -- the attack   came at dusk"
    assert text_hash(a) == text_hash(b)
    assert text_hash(a) != text_hash(a.replace("Four", "Five"))
    assert document_id(None, a) == document_id(None, b)
    assert document_id("https://x.example/a?utm_campaign=z#p") == document_id("https://X.example/a")
    assert document_id("https://x.example/a") != document_id("https://x.example/b")


WIRE = """QUETTA, Feb 4 (Wire) - At least nine people were killed and 14 wounded when a bomb \
planted on a motorcycle exploded near a police checkpoint in the city of Quetta on \
Wednesday, officials said.

The blast struck as a police van was passing the checkpoint on Sariab Road during the \
morning rush hour, a senior police official told reporters at the scene. Four of the dead \
were policemen, he said.

Rescue workers took the wounded to the Civil Hospital, where a spokesman said several were \
in a critical condition and the death toll could rise.

No group immediately claimed responsibility for the attack. Separatist insurgents and \
Islamist militants have both carried out attacks on security forces in the province in \
recent months.

The provincial chief minister condemned the bombing and ordered an inquiry. Security was \
tightened across the city and several roads leading to the provincial assembly were closed."""

# The same story republished: a new headline on top, the third paragraph rewritten, a credit.
REPUBLISHED = "Quetta checkpoint bombing kills nine, including four policemen\n\n" + WIRE.replace(
    WIRE.split("\n\n")[2],
    "Doctors at the Civil Hospital declared an emergency and appealed for blood donations, "
    "adding that three of the injured had been moved to a military hospital.") + \
    "\n\n(Reporting by staff; editing by the desk)"

# Another story of the same kind, from the same province, on the next day.
OTHER = """QUETTA, Feb 5 (Wire) - Gunmen shot dead three labourers and wounded two others at a \
construction site near Turbat in the province on Thursday, police said.

The attackers arrived on motorcycles and opened fire on the workers, who were building a \
road, before escaping into the nearby hills, a district police officer said.

The wounded were taken to a hospital in Turbat. Police said a search operation had been \
launched and that no arrests had yet been made.

A separatist group claimed responsibility for the attack in a statement to the media, \
saying the workers were helping the security forces."""


def test_near_duplicate_found_and_different_story_not():
    assert 0.55 < jaccard(shingles(WIRE, 4), shingles(REPUBLISHED, 4)) < 0.75
    assert jaccard(shingles(WIRE, 4), shingles(OTHER, 4)) < 0.05
    index = NearDuplicateIndex()
    index.add("wire", WIRE)
    index.add("other", OTHER)
    index.add("wire", OTHER)  # an id already there is not replaced
    assert len(index) == 2 and "wire" in index
    found = index.find(REPUBLISHED)
    assert [doc_id for doc_id, _ in found] == ["wire"]
    assert 0.5 <= found[0][1] < 0.8
    assert [doc_id for doc_id, _ in index.find(OTHER)] == ["other"]
    assert index.find(WIRE.replace("\n\n", " ").upper())[0] == ("wire", 1.0)
    unrelated = "The cricket board named a new captain for the tour of England on Monday."
    assert index.find(unrelated) == [] and index.find("") == []
    assert index.find(REPUBLISHED, threshold=0.9) == []


def test_near_duplicate_index_is_deterministic():
    a, b = NearDuplicateIndex(), NearDuplicateIndex()
    a.add("w", WIRE)
    b.add("w", WIRE)
    assert a.find(REPUBLISHED) == b.find(REPUBLISHED)
    with pytest.raises(ValueError):
        NearDuplicateIndex(permutations=100, bands=32)
