"""What the API takes and gives, beyond the record classes of sitrep/model.py and
sitrep.query.IncidentRow (which it returns as they are)."""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, Field

from sitrep.fuse import Figure
from sitrep.model import Claim, Count, Document, Event, Extraction, Span, Tally
from sitrep.query import IncidentRow


class ErrorDetail(BaseModel):
    code: str
    message: str
    details: Optional[list[dict[str, Any]]] = None


class ErrorModel(BaseModel):
    error: ErrorDetail


class IncidentPage(BaseModel):
    total: int                  # incidents matching the filters, all pages
    limit: int
    offset: int
    items: list[IncidentRow]


class Evidence(BaseModel):
    span: Span
    text: str                   # the report's text at the span (data: escape before showing)


class SourceFigure(BaseModel):
    """One figure one report gives, with the words it comes from."""

    count: Count
    text: Optional[str] = None  # the report's text at count.span
    credibility: Optional[str] = None


class IncidentSource(BaseModel):
    """One report's account of the incident: its event, figures and evidence."""

    report_id: int
    doc_id: str
    title: Optional[str] = None
    outlet: Optional[str] = None
    url: Optional[str] = None
    published: Optional[dt.date] = None
    event_row_id: int           # events.id: what a correction of this event names
    position: int               # index of the event in the report's extraction
    event: Event
    fatalities: int
    figures: list[SourceFigure]
    evidence: list[Evidence]


class ClaimItem(BaseModel):
    id: int                     # claims.id
    report_id: int
    position: int
    claim: Claim
    text: Optional[str] = None  # the report's text at claim.span


class IncidentDetail(BaseModel):
    incident: IncidentRow
    stored_id: Optional[int] = None     # incidents.id when fusion stored it (the row to correct)
    casualties: list[Figure]            # reconciled low/best/high per outcome and group
    sources: list[IncidentSource]
    claims: list[ClaimItem]             # claims and denials of the incident's reports


class RowIds(BaseModel):
    """Row ids of a report's records, in the order of its extraction (for corrections)."""

    events: list[int]
    tallies: list[int]
    claims: list[int]
    mentions: list[int]
    incidents: list[Optional[str]]      # each event's incident key


class ReportOut(BaseModel):
    id: int
    document: Document
    extraction: Extraction              # as the rows hold it now (corrections included)
    original: Extraction                # as the extractor produced it
    extractor_version: str
    canonical_url: Optional[str] = None
    text_hash: str
    near_duplicate_of: Optional[int] = None
    ingested_at: dt.datetime
    rows: RowIds


class TallyItem(BaseModel):
    id: int
    report_id: int
    position: int
    group_key: Optional[str] = None
    tally: Tally


class TallyPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[TallyItem]


class ClaimPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ClaimItem]


class AggregateItem(BaseModel):
    key: Optional[str]                  # the day, the week's Monday, the province or the actor
    incidents: int
    fatalities: int                     # sum of the incidents' reconciled best
    killed: dict[str, int]              # by group: militants, security_forces, civilians, all (group untold)


class Aggregates(BaseModel):
    by: str
    items: list[AggregateItem]


class PostedReport(BaseModel):
    report_id: int
    created: bool                       # false: the same URL or text was stored already
    near_duplicate_of: Optional[int] = None
    extraction: Extraction
    incident_ids: list[str]             # the incidents its events belong to


class CorrectionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    table: str = Field(description="events, counts, tallies, claims, mentions, reports or incidents")
    row_id: int
    field: str
    value: Any = Field(description="the new value (JSON; dates as YYYY-MM-DD; null allowed)")
    note: Optional[str] = Field(default=None, max_length=10_000)


class CorrectionOut(BaseModel):
    id: int
    table: str
    row_id: int
    field: str
    old_value: Any = None
    new_value: Any = None
    original: Any = None                # the machine's value, before any correction
    who: str
    at: dt.datetime
    note: Optional[str] = None


class Point(BaseModel):
    """An incident as the map draws it."""

    id: str
    date: Optional[dt.date] = None
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    location: Optional[str] = None
    admin1: Optional[str] = None
    country: Optional[str] = None
    event_type: Optional[str] = None
    fatalities: int
    n_sources: int
    actors: list[str]


class PointPage(BaseModel):
    total: int                          # incidents matching the filters
    truncated: bool                     # more matched than the limit: the first `limit` by date
    items: list[Point]                  # by date, as /api/incidents; those without coordinates too


class SummaryWindow(BaseModel):
    label: str                          # "72h" or "7d"
    days: int                           # 3 or 7 calendar days, as_of included
    date_from: dt.date = Field(serialization_alias="from")
    date_to: dt.date = Field(serialization_alias="to")
    incidents: int
    fatalities: int                     # sum of the incidents' reconciled best
    killed: dict[str, int]              # by group, as in Aggregates


class Summary(BaseModel):
    as_of: Optional[dt.date] = None     # the last day of both windows
    basis: str                          # "given" (as_of asked for), "latest" (latest incident date), "today"
    windows: list[SummaryWindow]
