"""The REST API over a store (`sitrep serve`): incidents, reports, tallies, claims and
aggregates to read; reports and corrections to write (with an API key).

    from sitrep.api.app import create_app
    app = create_app("sqlite:///reports.db")     # or a Store; uvicorn.run(app)

Reads are open unless `read_keys` (or $SITREP_API_READ_KEYS=1) asks for a key on them too.
Every error is JSON: {"error": {"code": ..., "message": ...}}. Report text is returned as
JSON strings only; whatever shows it must escape it.
"""

import datetime as dt
import os
import threading
from collections import defaultdict
from contextlib import asynccontextmanager
from typing import Annotated, Literal, Optional

from fastapi import Depends, FastAPI, HTTPException, Path, Query, Request, Response, Security
from fastapi.security import APIKeyHeader
from fastapi_offline import FastAPIOffline
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

import sitrep
from sitrep.api import errors
from sitrep.api.keys import verify_key
from sitrep.extract.budget import DEFAULT_TIME_BUDGET, TimeBudgetExceeded
from sitrep.api.schemas import (AggregateItem, Aggregates, ClaimItem, ClaimPage, CorrectionIn, CorrectionOut,
                                ErrorModel, Evidence, IncidentDetail, IncidentPage, IncidentSource, Point, PointPage,
                                PostedReport, ReportOut, RowIds, SourceFigure, Summary, SummaryWindow, TallyItem,
                                TallyPage)
from sitrep.fuse import reconcile
from sitrep.fuse.link import incident_id as lone_incident_id
from sitrep.model import Document
from sitrep.query import IncidentCache, IncidentRow
from sitrep.query import _reports, _row  # one incident's row, as incident_rows builds it
from sitrep.store import Store, StoredEvent
from sitrep.store import rows as row_records
from sitrep.store.tables import ClaimRow, EventRow, Incident, MentionRow, Report, TallyRow

MAX_PAGE = 200
DEFAULT_PAGE = 50
MAX_POINTS = 20_000
MAX_BODY_BYTES = 2_000_000
READ_KEYS_ENV = "SITREP_API_READ_KEYS"
_SNIPPET_CHARS = 2000

_key_header = APIKeyHeader(name="X-API-Key", auto_error=False,
                           description="An API key from `sitrep keys create NAME`.")


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def _snippet(text: str, span) -> Optional[str]:
    if span is None:
        return None
    start, end = span
    if not 0 <= start < end <= len(text):
        return None
    return text[start:min(end, start + _SNIPPET_CHARS)]


def _page(total: int, limit: int, offset: int) -> dict:
    return {"total": total, "limit": limit, "offset": offset}


def create_app(store: Store | str | None = None, *, read_keys: bool | None = None,
               max_body_bytes: int = MAX_BODY_BYTES, dashboard: bool = True,
               assets_dir: str | None = None, warm: bool = False,
               time_budget: float | None = DEFAULT_TIME_BUDGET) -> FastAPI:
    """The API over `store` (a Store, a database URL, or None for the default store).
    A store opened here is closed when the app shuts down. With `dashboard`, the web pages
    of sitrep.api.dashboard too, their map assets from `assets_dir` (default
    $SITREP_ASSETS_DIR, else the repository's node_modules). With `warm`, the incident rows
    are built in the background at start-up, so the first page does not wait for them.
    A posted report whose extraction takes longer than `time_budget` seconds is refused (422)."""
    owned = not isinstance(store, Store)
    the_store: Store = store if isinstance(store, Store) else Store(store)
    keyed_reads = _env_flag(READ_KEYS_ENV) if read_keys is None else read_keys
    write_lock = threading.Lock()   # one posted report at a time: extraction, storing, fusion
    near_index: dict = {}
    incidents = IncidentCache(the_store)  # every read below filters these

    @asynccontextmanager
    async def lifespan(_app):
        if warm:
            threading.Thread(target=incidents.rows, name="sitrep-warm", daemon=True).start()
        yield
        if owned:
            the_store.close()

    error_responses = {code: {"model": ErrorModel} for code in (400, 401, 403, 404, 413, 422, 500)}
    app = FastAPIOffline(
        title="sitrep", version=sitrep.__version__, lifespan=lifespan, responses=error_responses,
        default_response_class=errors.SafeJSONResponse,
        description="Sourced incident records from news reports about political violence. "
                    "Writes need an API key in the X-API-Key header. Report text is data: "
                    "escape it wherever it is shown.")
    app.state.store = the_store
    errors.install(app)
    app.add_middleware(errors.BodyLimit, max_bytes=max_body_bytes)
    app.add_middleware(errors.NoSniff)

    # -- keys ------------------------------------------------------------------------

    def _check(key: Optional[str]) -> str:
        if not key:
            raise HTTPException(401, "this needs an API key in the X-API-Key header "
                                     "(create one with `sitrep keys create NAME`)")
        name = verify_key(the_store, key)
        if name is None:
            raise HTTPException(403, "the API key is not valid")
        return name

    def writer(key: Annotated[Optional[str], Security(_key_header)] = None) -> str:
        return _check(key)

    def reader(key: Annotated[Optional[str], Security(_key_header)] = None) -> Optional[str]:
        return _check(key) if keyed_reads else None

    Reader = Annotated[Optional[str], Depends(reader)]
    Writer = Annotated[str, Depends(writer)]
    Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Page size, at most {MAX_PAGE}.")]
    Offset = Annotated[int, Query(ge=0, description="Items to skip.")]

    def incident_filters(
        country: Annotated[Optional[str], Query(description="Country name or ISO code.")] = None,
        admin1: Annotated[Optional[str], Query(description="Province or state.")] = None,
        date_from: Annotated[Optional[dt.date], Query(alias="from", description="First day, YYYY-MM-DD.")] = None,
        date_to: Annotated[Optional[dt.date], Query(alias="to", description="Last day, YYYY-MM-DD.")] = None,
        event_type: Annotated[Optional[str], Query(alias="type", description="ACLED event type.")] = None,
        actor: Annotated[Optional[str], Query(description="Part of an actor's name.")] = None,
        min_fatalities: Annotated[Optional[int], Query(ge=0, description="At least this many killed (best).")] = None,
    ) -> dict:
        if date_from and date_to and date_from > date_to:
            raise HTTPException(400, f"from ({date_from}) is after to ({date_to})")
        return {"country": country, "admin1": admin1, "date_from": date_from, "date_to": date_to,
                "event_type": event_type, "actor": actor, "min_fatalities": min_fatalities}

    Filters = Annotated[dict, Depends(incident_filters)]

    # -- incidents -------------------------------------------------------------------

    @app.get("/api/incidents", response_model=IncidentPage, tags=["read"],
             summary="Incidents matching the filters, by date then id")
    def list_incidents(_: Reader, filters: Filters, limit: Limit = DEFAULT_PAGE, offset: Offset = 0):
        found = incidents.rows(**filters)
        return IncidentPage(**_page(len(found), limit, offset), items=found[offset:offset + limit])

    @app.get("/api/incidents/{incident_id}", response_model=IncidentDetail, tags=["read"],
             summary="One incident with every source's figures and evidence")
    def get_incident(_: Reader, incident_id: Annotated[str, Path(max_length=200)]):
        stored_id, members = _incident_members(the_store, incident_id)
        if not members:
            raise HTTPException(404, f"no incident {incident_id!r}")
        return _incident_detail(the_store, incident_id, stored_id, members)

    # -- reports ---------------------------------------------------------------------

    @app.get("/api/reports/{report_id}", response_model=ReportOut, tags=["read"],
             summary="A stored report: the document and its extraction")
    def get_report(_: Reader, report_id: int):
        stored = the_store.report(report_id)
        if stored is None:
            raise HTTPException(404, f"no report {report_id}")
        return ReportOut(id=stored.id, document=stored.document, extraction=stored.extraction,
                         original=stored.original, extractor_version=stored.extractor_version,
                         canonical_url=stored.canonical_url, text_hash=stored.text_hash,
                         near_duplicate_of=stored.near_duplicate_of, ingested_at=stored.ingested_at,
                         rows=_row_ids(the_store, report_id))

    @app.post("/api/reports", response_model=PostedReport, tags=["write"], status_code=201,
              summary="Submit a report (an input document) to be extracted and stored",
              responses={200: {"model": PostedReport, "description": "Stored already: nothing changed"}})
    def post_report(who: Writer, doc: Document, response: Response):
        from sitrep.ingest.run import add_report, fuse_stored, recent_reports_index

        if doc.published is None:   # as `sitrep ingest` dates a report that carries no date
            doc = doc.model_copy(update={"published": dt.date.today()})
        with write_lock:
            existing = the_store.find(doc)
            if existing is None:
                if "index" not in near_index:
                    near_index["index"] = recent_reports_index(the_store)
                try:
                    added = add_report(the_store, doc, near_index["index"], time_budget)
                except TimeBudgetExceeded as e:
                    raise HTTPException(422, f"the report was not stored: its extraction {e}") from None
                report_id, created = added.report_id, added.created
                if created:
                    fuse_stored(the_store, [report_id])
            else:
                report_id, created = existing, False
        stored = the_store.report(report_id)
        if not created:
            response.status_code = 200
        keys = [e.incident_id for e in stored.extraction.events]
        return PostedReport(report_id=report_id, created=created, near_duplicate_of=stored.near_duplicate_of,
                            extraction=stored.extraction,
                            incident_ids=list(dict.fromkeys(k for k in keys if k)))

    # -- tallies and claims ----------------------------------------------------------

    @app.get("/api/tallies", response_model=TallyPage, tags=["read"],
             summary="Tallies (totals over an area or period), of a report or a group key")
    def list_tallies(_: Reader, report_id: Optional[int] = None,
                     group_key: Annotated[Optional[str], Query(description="Tallies of one area and period.")] = None,
                     country: Optional[str] = None, limit: Limit = DEFAULT_PAGE, offset: Offset = 0):
        where = []
        if report_id is not None:
            where.append(TallyRow.report_id == report_id)
        if group_key:
            where.append(TallyRow.group_key == group_key)
        if country:
            where.append(func.lower(TallyRow.country) == country.lower())
        with the_store.session() as session:
            total = session.scalar(select(func.count()).select_from(TallyRow).where(*where))
            found = session.scalars(select(TallyRow).where(*where).options(selectinload(TallyRow.casualties))
                                    .order_by(TallyRow.report_id, TallyRow.position).limit(limit).offset(offset))
            items = [TallyItem(id=t.id, report_id=t.report_id, position=t.position, group_key=t.group_key,
                               tally=row_records.tally_record(t)) for t in found]
        return TallyPage(**_page(total, limit, offset), items=items)

    @app.get("/api/claims", response_model=ClaimPage, tags=["read"],
             summary="Claims, accusations, denials and statements, of a report or all")
    def list_claims(_: Reader, report_id: Optional[int] = None,
                    kind: Annotated[Optional[Literal["responsibility", "accusation", "denial", "threat",
                                                     "statement"]], Query()] = None,
                    limit: Limit = DEFAULT_PAGE, offset: Offset = 0):
        where = []
        if report_id is not None:
            where.append(ClaimRow.report_id == report_id)
        if kind:
            where.append(ClaimRow.kind == kind)
        with the_store.session() as session:
            total = session.scalar(select(func.count()).select_from(ClaimRow).where(*where))
            found = session.execute(select(ClaimRow, Report.text).join(Report, Report.id == ClaimRow.report_id)
                                    .where(*where).order_by(ClaimRow.report_id, ClaimRow.position)
                                    .limit(limit).offset(offset)).all()
            items = [_claim_item(c, text) for c, text in found]
        return ClaimPage(**_page(total, limit, offset), items=items)

    # -- aggregates ------------------------------------------------------------------

    @app.get("/api/aggregates", response_model=Aggregates, tags=["read"],
             summary="Fatalities per day or week, by province or by actor, killed by group")
    def aggregates(_: Reader, filters: Filters,
                   by: Annotated[Literal["day", "week", "admin1", "actor"], Query(
                       description="day or week (its Monday): undated incidents left out; admin1; "
                                   "actor: each name either side, an incident counted once per name")] = "day"):
        return Aggregates(by=by, items=_aggregate(incidents.rows(**filters), by))

    @app.get("/api/points", response_model=PointPage, tags=["read"],
             summary="Every incident matching the filters, few fields each: what the map draws")
    def points(_: Reader, filters: Filters,
               limit: Annotated[int, Query(ge=1, le=MAX_POINTS, description=f"At most {MAX_POINTS}.")] = MAX_POINTS):
        def build() -> Response:
            found = incidents.rows(**filters)
            items = [Point(id=r.id, date=r.date, latitude=r.latitude, longitude=r.longitude, location=r.location,
                           admin1=r.admin1, country=r.country, event_type=r.event_type, fatalities=r.fatalities,
                           n_sources=r.n_sources, actors=r.actors) for r in found[:limit]]
            page = PointPage(total=len(found), truncated=len(found) > limit, items=items)
            return errors.SafeJSONResponse(page.model_dump(mode="json"))
        # The map asks for every point on each view; its response is kept until the store changes.
        cached = incidents.derived(("points", tuple(sorted(filters.items())), limit), build)
        return Response(cached.body, media_type="application/json")

    @app.get("/api/summary", response_model=Summary, tags=["read"],
             summary="Killed by group over the last 72 hours and the last 7 days")
    def summary(_: Reader, filters: Filters,
                as_of: Annotated[Optional[dt.date], Query(
                    description="The last day of both windows. Default: the latest incident date among "
                                "the filtered incidents, else today.")] = None):
        return _summary(incidents.rows(**filters), as_of)

    # -- corrections -----------------------------------------------------------------

    @app.post("/api/corrections", response_model=CorrectionOut, tags=["write"], status_code=201,
              summary="Record an analyst's correction of one field of one row")
    def post_correction(who: Writer, body: CorrectionIn):
        try:
            correction_id = the_store.correct(body.table, body.row_id, body.field, body.value, who=who,
                                              note=body.note)
        except KeyError as e:
            raise HTTPException(404, str(e.args[0]) if e.args else "no such row") from None
        except (ValueError, TypeError) as e:
            raise HTTPException(422, str(e)) from None
        done = next(c for c in the_store.corrections(body.table, body.row_id) if c["id"] == correction_id)
        return CorrectionOut(**done, original=the_store.original(body.table, body.row_id, body.field))

    if dashboard:
        from sitrep.api import dashboard as pages
        pages.install(app, the_store, assets_dir)
    return app


# -- helpers ---------------------------------------------------------------------------

def _incident_members(store: Store, key: str) -> tuple[Optional[int], list[StoredEvent]]:
    """The stored incident's row id (None for an event linked to no incident) and its events."""
    with store.session() as session:
        stored_id = session.scalar(select(Incident.id).where(Incident.key == key))
        lone = None
        if stored_id is None and key.startswith("inc-"):
            candidates = session.execute(select(EventRow.id, EventRow.position, Report.doc_id)
                                         .join(Report, Report.id == EventRow.report_id)
                                         .where(EventRow.incident_id.is_(None)))
            lone = next((r.id for r in candidates if lone_incident_id((r.doc_id, r.position)) == key), None)
    if stored_id is not None:
        return stored_id, store.events(incident_id=stored_id)
    if lone is not None:
        return None, [e for e in store.events(report_id=_report_of(store, lone)) if e.id == lone]
    return None, []


def _report_of(store: Store, event_row_id: int) -> int:
    with store.session() as session:
        return session.scalar(select(EventRow.report_id).where(EventRow.id == event_row_id))


def _incident_detail(store: Store, key: str, stored_id: Optional[int],
                     members: list[StoredEvent]) -> IncidentDetail:
    reports = _reports(store, {e.report_id for e in members})
    row: IncidentRow = _row(members, reports)
    members = sorted(members, key=lambda e: (e.report_id, e.position))
    # Reconciled under the store's report ids (document ids need not be unique).
    named = [(reports[e.report_id].document.model_copy(update={"id": f"report-{e.report_id}"}), e.event)
             for e in members]
    incident = reconcile(named, incident_id=key, indexes=[e.position for e in members])
    credibility = {(f.report, f.event_index, f.count.span and tuple(f.count.span), f.count.outcome,
                    f.count.group, f.count.best): f.credibility for f in incident.figures}
    sources = []
    for e in members:
        doc = reports[e.report_id].document
        figures = [SourceFigure(count=c, text=_snippet(doc.text, c.span),
                                credibility=credibility.get((f"report-{e.report_id}", e.position,
                                                             c.span and tuple(c.span), c.outcome, c.group, c.best)))
                   for c in e.event.casualties]
        evidence = [Evidence(span=s, text=t) for s in e.event.evidence if (t := _snippet(doc.text, s)) is not None]
        sources.append(IncidentSource(report_id=e.report_id, doc_id=doc.id, title=doc.title, outlet=doc.source,
                                      url=doc.url, published=doc.published, event_row_id=e.id, position=e.position,
                                      event=e.event, fatalities=e.event.fatalities, figures=figures,
                                      evidence=evidence))
    with store.session() as session:
        found = session.execute(select(ClaimRow, Report.text).join(Report, Report.id == ClaimRow.report_id)
                                .where(ClaimRow.report_id.in_(row.report_ids))
                                .order_by(ClaimRow.report_id, ClaimRow.position)).all()
        claims = [_claim_item(c, text) for c, text in found]
    return IncidentDetail(incident=row, stored_id=stored_id, casualties=incident.casualties,
                          sources=sources, claims=claims)


def _claim_item(row: ClaimRow, text: str) -> ClaimItem:
    claim = row_records.claim_record(row)
    return ClaimItem(id=row.id, report_id=row.report_id, position=row.position, claim=claim,
                     text=_snippet(text, claim.span))


def _row_ids(store: Store, report_id: int) -> RowIds:
    with store.session() as session:
        def ids(cls):
            return list(session.scalars(select(cls.id).where(cls.report_id == report_id).order_by(cls.position)))
        keys = session.execute(select(Incident.key).select_from(EventRow)
                               .outerjoin(Incident, Incident.id == EventRow.incident_id)
                               .where(EventRow.report_id == report_id).order_by(EventRow.position)).scalars()
        return RowIds(events=ids(EventRow), tallies=ids(TallyRow), claims=ids(ClaimRow),
                      mentions=ids(MentionRow), incidents=list(keys))


def _aggregate(found: list[IncidentRow], by: str) -> list[AggregateItem]:
    buckets: dict[Optional[str], dict] = defaultdict(lambda: {"incidents": 0, "fatalities": 0,
                                                              "killed": defaultdict(int)})
    for row in found:
        if by in ("day", "week"):
            if row.date is None:
                continue
            day = row.date if by == "day" else row.date - dt.timedelta(days=row.date.weekday())
            keys: list[Optional[str]] = [day.isoformat()]
        elif by == "admin1":
            keys = [row.admin1]
        else:
            keys = list(dict.fromkeys(row.actors)) or [None]
        for key in keys:
            bucket = buckets[key]
            bucket["incidents"] += 1
            bucket["fatalities"] += row.fatalities
            for figure in row.casualties:
                if figure.outcome == "killed":
                    bucket["killed"][figure.group] += figure.best
    items = [AggregateItem(key=k, incidents=v["incidents"], fatalities=v["fatalities"], killed=dict(v["killed"]))
             for k, v in buckets.items()]
    if by in ("day", "week"):
        return sorted(items, key=lambda i: i.key or "")
    return sorted(items, key=lambda i: (-i.fatalities, -i.incidents, i.key is None, i.key or ""))


SUMMARY_WINDOWS = (("72h", 3), ("7d", 7))


def _summary(found: list[IncidentRow], as_of: Optional[dt.date]) -> Summary:
    """Killed by group over the 3 and 7 calendar days up to `as_of` inclusive (the seed
    report's "last 72 hours" and "last 7 days"); `as_of` defaults to the latest incident
    date, else today. Undated incidents count in neither window."""
    dated = [r for r in found if r.date is not None]
    if as_of is not None:
        basis = "given"
    elif dated:
        as_of, basis = max(r.date for r in dated), "latest"
    else:
        as_of, basis = dt.date.today(), "today"
    windows = []
    for label, days in SUMMARY_WINDOWS:
        start = as_of - dt.timedelta(days=days - 1)
        inside = [r for r in dated if start <= r.date <= as_of]
        killed: dict[str, int] = defaultdict(int)
        for row in inside:
            for figure in row.casualties:
                if figure.outcome == "killed":
                    killed[figure.group] += figure.best
        windows.append(SummaryWindow(label=label, days=days, date_from=start, date_to=as_of, incidents=len(inside),
                                     fatalities=sum(r.fatalities for r in inside), killed=dict(killed)))
    return Summary(as_of=as_of, basis=basis, windows=windows)
