"""The web dashboard of `sitrep serve`: the page at `/`, the incident pages at
`/incidents/{key}`, sitrep's own JS and CSS under /static/ and the map's libraries under
/static/vendor/, served from the npm packages `make setup` installs (no CDN, no tiles).

Where the packages are: $SITREP_ASSETS_DIR, else the repository's node_modules. When
they are missing the pages still load and say so ("run make setup").

Report text reaches the HTML only through Jinja's autoescape here and through
textContent in the page's JS; the pages forbid inline script (Content-Security-Policy).
"""
from __future__ import annotations

import gzip
import os
from pathlib import Path
from typing import Optional

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from sitrep.api import errors
from sitrep.store import Store

HERE = Path(__file__).resolve().parent
ASSETS_ENV = "SITREP_ASSETS_DIR"
DEFAULT_ASSETS = HERE.parents[1] / "node_modules"
ADMIN1_SHAPES = HERE.parent / "data" / "admin1_shapes.geojson.gz"  # in the package, not from npm

# URL folder under /static/vendor/ -> folder inside node_modules.
VENDOR = {"leaflet": "leaflet/dist", "topojson-client": "topojson-client/dist", "world-atlas": "world-atlas"}
# The files the dashboard needs: all present, or the page says to run `make setup`.
NEEDED = ("leaflet/dist/leaflet.js", "leaflet/dist/leaflet.css", "topojson-client/dist/topojson-client.min.js",
          "world-atlas/countries-50m.json")

CSP = ("default-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:; "
       "style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")

GROUPS = ("militants", "security_forces", "civilians", "all")


class VendorFiles(StaticFiles):
    """An npm package's files; a JSON 404 that says to run `make setup` while it is not
    installed (so the server starts, and picks the files up once they are)."""

    async def __call__(self, scope, receive, send) -> None:
        if not Path(self.directory).is_dir():
            response = errors.error(404, f"the dashboard's assets are not installed in {self.directory}: "
                                         "run make setup")
            await response(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


def assets_dir(explicit: str | Path | None = None) -> Path:
    """Where the npm packages are: `explicit`, else $SITREP_ASSETS_DIR, else ./node_modules."""
    chosen = explicit or os.environ.get(ASSETS_ENV) or DEFAULT_ASSETS
    return Path(chosen).expanduser()


def assets_missing(root: Path) -> list[str]:
    return [name for name in NEEDED if not (root / name).is_file()]


def _safe_url(url: Optional[str]) -> Optional[str]:
    """A report's URL as a link only when it is http(s): never javascript: or data:."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None


def highlight(text: str, marks: list[tuple[tuple[int, int], str]]) -> list[tuple[str, list[str]]]:
    """`text` cut into pieces, each with the classes of the marks (span, class) over it."""
    cuts = {0, len(text)}
    good = []
    for span, cls in marks:
        if span is None:
            continue
        start, end = span
        if 0 <= start < end <= len(text):
            good.append((start, end, cls))
            cuts.update((start, end))
    points = sorted(cuts)
    pieces = []
    for a, b in zip(points, points[1:]):
        classes = sorted({cls for start, end, cls in good if start <= a and b <= end})
        pieces.append((text[a:b], classes))
    return pieces


def install(app: FastAPI, store: Store, assets: str | Path | None = None) -> None:
    """Adds the dashboard's pages and static files to the API `app`."""
    from sitrep.api.app import _incident_detail, _incident_members

    root = assets_dir(assets)
    templates = Jinja2Templates(directory=str(HERE / "templates"))   # autoescape on for .html
    headers = {"Content-Security-Policy": CSP, "Referrer-Policy": "no-referrer"}

    for name, sub in VENDOR.items():   # before /static: the longer prefix first
        app.mount(f"/static/vendor/{name}", VendorFiles(directory=str(root / sub), check_dir=False),
                  name=f"vendor-{name}")
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def page(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
        missing = assets_missing(root)
        return templates.TemplateResponse(request, template, status_code=status, headers=headers,
                                          context={"assets_missing": missing, "assets_dir": str(root), **context})

    @app.get("/map/admin1.geojson", include_in_schema=False)
    def province_outlines(request: Request):
        """Natural Earth province outlines (scripts/build_admin1_shapes.py), sent as stored:
        gzipped, to any client that accepts gzip (every browser)."""
        data = ADMIN1_SHAPES.read_bytes()
        headers = {"Cache-Control": "public, max-age=86400"}
        if "gzip" in request.headers.get("accept-encoding", ""):
            headers["Content-Encoding"] = "gzip"
        else:
            data = gzip.decompress(data)
        return Response(data, media_type="application/geo+json", headers=headers)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def dashboard(request: Request):
        return page(request, "dashboard.html")

    @app.get("/incidents/{key}", response_class=HTMLResponse, include_in_schema=False)
    def incident_page(request: Request, key: str):
        stored_id, members = _incident_members(store, key) if len(key) <= 200 else (None, [])
        if not members:
            if "text/html" not in request.headers.get("accept", ""):
                raise HTTPException(404, f"no incident {key!r}")
            return page(request, "not_found.html", status=404, key=key)
        detail = _incident_detail(store, key, stored_id, members)
        texts = []
        for source in detail.sources:
            report = store.report(source.report_id)
            marks = [(tuple(s), "evidence") for s in source.event.evidence]
            marks += [(tuple(c.span), "figure") for c in source.event.casualties if c.span]
            texts.append({"source": source, "url": _safe_url(source.url),
                          "pieces": highlight(report.document.text if report else "", marks)})
        return page(request, "incident.html", detail=detail, row=detail.incident, texts=texts,
                    groups=GROUPS, safe_url=_safe_url)
