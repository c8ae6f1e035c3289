"""Incidents out of the store: one row per incident, every report's figures reconciled.

    from sitrep.query import incident_rows
    for row in incident_rows(store, country="Pakistan", min_fatalities=1):
        print(row.id, row.date, row.location, row.fatalities, row.n_sources)

Events that share an incident are one incident; an event not linked to any incident is
an incident of its own. Each incident is reconciled on the fly with
`sitrep.fuse.reconcile` from its events as the store holds them now (analysts'
corrections included), so a row always agrees with the events under it.
"""
from __future__ import annotations

import datetime as dt
import re
import threading
from typing import Any, Callable, Hashable, Optional, Union

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select

from sitrep.fuse import Figure, reconcile
from sitrep.model import Document
from sitrep.store import Store, StoredEvent
from sitrep.store.tables import Report

# Past this many incidents to complete, reading every event at once is cheaper than
# one query per incident.
_PER_INCIDENT_QUERIES = 200
_SUMMARY_CHARS = 1000

GroupKey = Union[int, tuple[str, int]]  # an incident's row id, or ("event", id) for a lone event


class IncidentRow(BaseModel):
    """One incident as the store's reports tell it, reconciled."""

    model_config = ConfigDict(extra="forbid")

    id: str                                  # the incident's stable key (`inc-…`)
    date: Optional[dt.date] = None           # the most precise date any report gives
    date_precision: Optional[int] = None     # 1 day, 2 week, 3 month (ACLED's time_precision)
    country: Optional[str] = None
    country_code: Optional[str] = None       # ISO 3166-1 alpha-2
    admin1: Optional[str] = None
    admin2: Optional[str] = None
    location: Optional[str] = None           # the place's name
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    geo_precision: Optional[int] = None
    event_type: Optional[str] = None
    sub_event_type: Optional[str] = None
    attack_type: Optional[str] = None
    weapon: Optional[str] = None
    actor1: Optional[str] = None
    actor1_kind: Optional[str] = None
    actor2: Optional[str] = None
    actor2_kind: Optional[str] = None
    actors: list[str] = []                   # every name any report gives either side
    fatalities: int = 0                      # reconciled best; 0 when no report gives a toll
    fatalities_low: Optional[int] = None
    fatalities_high: Optional[int] = None
    casualties: list[Figure] = []            # low/best/high per outcome and group
    contradiction: bool = False
    contradiction_notes: list[str] = []
    n_sources: int = 0                       # reports that tell the incident
    reports: list[str] = []                  # their document ids
    report_ids: list[int] = []               # their row ids in the store
    sources: list[str] = []                  # their outlets
    urls: list[str] = []
    summary: Optional[str] = None            # the evidence sentences of the first report
    updated: Optional[dt.datetime] = None    # when the latest of its reports was stored


def incident_rows(store: Store, country: Optional[str] = None, admin1: Optional[str] = None,
                  date_from: Optional[dt.date] = None, date_to: Optional[dt.date] = None,
                  event_type: Optional[str] = None, actor: Optional[str] = None,
                  min_fatalities: Optional[int] = None, limit: Optional[int] = None) -> list[IncidentRow]:
    """Incidents matching every filter given, by date (undated last) then id.

    Filters apply to the reconciled incident: `country` its country or ISO code,
    `admin1` its province, `event_type` its type (all without regard to case);
    `date_from`/`date_to` its date, inclusive (an undated incident matches no date
    filter); `min_fatalities` its reconciled best fatality figure; `actor` any part of
    any name any report gives either side. `limit` caps the rows after filtering."""
    if limit is not None and limit < 0:
        raise ValueError("limit must be zero or more")
    filters = {"country": country, "admin1": admin1, "date_from": date_from, "date_to": date_to,
               "event_type": event_type, "actor": actor, "min_fatalities": min_fatalities}
    groups = _candidate_groups(store, {k: v for k, v in filters.items() if v is not None and v != ""})
    reports = _reports(store, {e.report_id for members in groups.values() for e in members})
    rows = [_row(members, reports) for members in groups.values()]
    rows = [r for r in rows if _matches(r, **filters)]
    rows.sort(key=lambda r: (r.date is None, r.date or dt.date.min, r.id))
    return rows if limit is None else rows[:limit]


class IncidentCache:
    """Every incident row of one store, built once and built again only when the store's
    `version()` has changed, then filtered in memory: for a server that answers many
    filtered reads (the dashboard makes four per view) where rebuilding every incident on
    each read takes seconds at 10,000 incidents. Rows are shared between callers: read
    them, do not change them."""

    def __init__(self, store: Store):
        self.store = store
        self._version: Optional[tuple] = None
        self._rows: list[IncidentRow] = []
        self._derived: dict = {}
        self._lock = threading.RLock()  # derived() builds while holding it, and reads rows

    def rows(self, country: Optional[str] = None, admin1: Optional[str] = None,
             date_from: Optional[dt.date] = None, date_to: Optional[dt.date] = None,
             event_type: Optional[str] = None, actor: Optional[str] = None,
             min_fatalities: Optional[int] = None, limit: Optional[int] = None) -> list[IncidentRow]:
        """What `incident_rows` gives for the same filters."""
        if limit is not None and limit < 0:
            raise ValueError("limit must be zero or more")
        found = [r for r in self._current() if _matches(r, country, admin1, date_from, date_to,
                                                         event_type, actor, min_fatalities)]
        return found if limit is None else found[:limit]

    def derived(self, key: Hashable, build: Callable[[], Any]) -> Any:
        """`build()`, kept under `key` until the store changes: for what is costly to make
        out of the rows again (a response with every point of the map)."""
        with self._lock:
            self._current()  # drops what was kept when the store has changed
            if key not in self._derived:
                self._derived[key] = build()
            return self._derived[key]

    def _current(self) -> list[IncidentRow]:
        with self._lock:  # one rebuild at a time; readers in between wait for it
            version = self.store.version()
            if version != self._version:
                self._rows, self._version, self._derived = incident_rows(self.store), version, {}
            return self._rows


def _group_key(stored: StoredEvent) -> GroupKey:
    return stored.incident_id if stored.incident_id is not None else ("event", stored.id)


def _grouped(events: list[StoredEvent]) -> dict[GroupKey, list[StoredEvent]]:
    groups: dict[GroupKey, list[StoredEvent]] = {}
    for stored in events:
        groups.setdefault(_group_key(stored), []).append(stored)
    return groups


def _candidate_groups(store: Store, filters: dict) -> dict[GroupKey, list[StoredEvent]]:
    """The incidents that may match, with all their events. A reconciled value is always
    one of its events' values, so an incident can match only if, for each filter, one
    of its events matches that filter: one store query per filter, intersected."""
    if not filters:
        return _grouped(store.events())
    keys: Optional[set[GroupKey]] = None
    found: dict[int, StoredEvent] = {}
    for name, value in filters.items():
        matched = store.events(**{name: value})
        found.update((e.id, e) for e in matched)
        these = {_group_key(e) for e in matched}
        keys = these if keys is None else keys & these
        if not keys:
            return {}
    incidents = [k for k in keys if isinstance(k, int)]
    if len(incidents) > _PER_INCIDENT_QUERIES:
        return {k: v for k, v in _grouped(store.events()).items() if k in keys}
    groups = {k: [found[k[1]]] for k in keys if not isinstance(k, int)}
    for key in incidents:
        groups[key] = store.events(incident_id=key)
    return groups


class _ReportInfo(BaseModel):
    id: int
    document: Document
    ingested_at: Optional[dt.datetime] = None


def _reports(store: Store, ids: set[int]) -> dict[int, _ReportInfo]:
    """What a row needs of each report: its document (text, outlet, date, URL)."""
    out: dict[int, _ReportInfo] = {}
    wanted = sorted(ids)
    with store.session() as session:
        for start in range(0, len(wanted), 500):
            query = select(Report.id, Report.doc_id, Report.text, Report.title, Report.source,
                           Report.published, Report.url, Report.ingested_at).where(
                               Report.id.in_(wanted[start:start + 500]))
            for r in session.execute(query):
                doc = Document(id=r.doc_id, text=r.text, title=r.title, source=r.source,
                               published=r.published, url=r.url)
                stamp = r.ingested_at
                if stamp is not None and stamp.tzinfo is None:  # SQLite keeps naive UTC
                    stamp = stamp.replace(tzinfo=dt.timezone.utc)
                out[r.id] = _ReportInfo(id=r.id, document=doc, ingested_at=stamp)
    return out


def _row(members: list[StoredEvent], reports: dict[int, _ReportInfo]) -> IncidentRow:
    members = sorted(members, key=lambda e: (e.report_id, e.position))
    key = next((e.event.incident_id for e in members if e.event.incident_id), None)
    incident = reconcile([(reports[e.report_id].document, e.event) for e in members],
                         incident_id=key, indexes=[e.position for e in members])
    report_ids = list(dict.fromkeys(e.report_id for e in members))
    infos = [reports[i] for i in report_ids]
    loc, a1, a2, fat = incident.location, incident.actor1, incident.actor2, incident.fatalities
    actors = [a.name for e in members for a in (e.event.actor1, e.event.actor2) if a is not None]
    stamps = [i.ingested_at for i in infos if i.ingested_at is not None]
    return IncidentRow(
        id=incident.id, date=incident.date, date_precision=incident.date_precision,
        country=loc.country, country_code=loc.country_code, admin1=loc.admin1, admin2=loc.admin2,
        location=loc.name, latitude=loc.lat, longitude=loc.lon, geo_precision=loc.geo_precision,
        event_type=incident.event_type, sub_event_type=incident.sub_event_type,
        attack_type=incident.attack_type, weapon=incident.weapon,
        actor1=a1 and a1.name, actor1_kind=a1 and a1.kind, actor2=a2 and a2.name, actor2_kind=a2 and a2.kind,
        actors=list(dict.fromkeys(actors)),
        fatalities=fat.best if fat else 0, fatalities_low=fat and fat.low, fatalities_high=fat and fat.high,
        casualties=incident.casualties, contradiction=incident.contradiction,
        contradiction_notes=[f.note for f in incident.casualties if f.note],
        n_sources=len(report_ids), reports=[i.document.id for i in infos], report_ids=report_ids,
        sources=list(dict.fromkeys(i.document.source for i in infos if i.document.source)),
        urls=list(dict.fromkeys(i.document.url for i in infos if i.document.url)),
        summary=_summary(members, reports), updated=max(stamps) if stamps else None,
    )


def _summary(members: list[StoredEvent], reports: dict[int, _ReportInfo]) -> Optional[str]:
    """The evidence sentences of the earliest published report that has any."""
    def first(e: StoredEvent):
        published = reports[e.report_id].document.published
        return (published is None, published or dt.date.min, e.report_id, e.position)
    for stored in sorted(members, key=first):
        text = reports[stored.report_id].document.text
        parts = [text[s:t] for s, t in stored.event.evidence if 0 <= s < t <= len(text)]
        if parts:
            summary = re.sub(r"\s+", " ", " ".join(parts)).strip()
            return summary if len(summary) <= _SUMMARY_CHARS else summary[:_SUMMARY_CHARS - 1] + "…"
    return None


def _matches(row: IncidentRow, country=None, admin1=None, date_from=None, date_to=None,
             event_type=None, actor=None, min_fatalities=None) -> bool:
    def same(value: Optional[str], wanted: str) -> bool:
        return value is not None and value.casefold() == wanted.casefold()
    if country and not (same(row.country, country) or same(row.country_code, country)):
        return False
    if admin1 and not same(row.admin1, admin1):
        return False
    if event_type and not same(row.event_type, event_type):
        return False
    if (date_from or date_to) and row.date is None:
        return False
    if date_from and row.date < date_from:  # type: ignore[operator]
        return False
    if date_to and row.date > date_to:  # type: ignore[operator]
        return False
    if actor and not any(actor.casefold() in name.casefold() for name in row.actors):
        return False
    if min_fatalities is not None and row.fatalities < min_fatalities:
        return False
    return True
