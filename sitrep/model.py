"""The records of spec/extraction-format.md: one set of classes for every stage.

Ingest produces a `Document`; extraction produces an `Extraction` holding `Event`,
`Tally`, `Claim` and `Mention` records; storage, the API and exports read the same
classes. Every value that comes from the text carries the `span` it came from.
"""
from __future__ import annotations

import datetime as dt
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator

Span = tuple[int, int]

Outcome = Literal["killed", "injured", "abducted", "arrested", "missing"]
Group = Literal["militants", "security_forces", "civilians", "all"]
Qualifier = Literal["exact", "at_least", "more_than", "about", "up_to", "range", "vague"]
ActorKind = Literal[
    "state_forces", "rebel_group", "political_militia", "identity_militia",
    "rioters", "protesters", "civilians", "external_forces", "unknown",
]
ClaimKind = Literal["responsibility", "accusation", "denial", "threat", "statement"]
MentionKind = Literal["equipment", "money", "weapon"]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Document(Record):
    """An input document (one JSON Lines row of the spec)."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1)
    text: str
    title: Optional[str] = None
    published: Optional[dt.date] = None
    url: Optional[str] = None
    source: Optional[str] = None

    @field_validator("id", mode="before")
    @classmethod
    def _id_as_text(cls, value):
        return str(value) if isinstance(value, int) else value

    @field_validator("published", mode="before")
    @classmethod
    def _date_part(cls, value):
        # The spec allows a date or an ISO datetime; only the day anchors relative dates.
        if isinstance(value, str) and len(value) > 10 and value[10] in "T ":
            return value[:10]
        if value == "":
            return None
        return value


class Count(Record):
    """One casualty figure the text gives."""

    outcome: Outcome
    group: Group
    best: int
    low: Optional[int] = None
    high: Optional[int] = None
    qualifier: Qualifier = "exact"
    source: Optional[str] = None
    span: Optional[Span] = None


class Location(Record):
    name: Optional[str] = None
    admin1: Optional[str] = None
    admin2: Optional[str] = None
    country: Optional[str] = None
    country_code: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    geo_precision: Optional[int] = None
    span: Optional[Span] = None


class Actor(Record):
    name: str
    kind: ActorKind = "unknown"
    span: Optional[Span] = None


class Event(Record):
    """One incident at one place on one day (ACLED's unit)."""

    event_type: Optional[str] = None
    sub_event_type: Optional[str] = None
    attack_type: Optional[str] = None
    weapon: Optional[str] = None
    date: Optional[dt.date] = None
    date_precision: Optional[int] = None
    location: Location = Field(default_factory=Location)
    actor1: Optional[Actor] = None
    actor2: Optional[Actor] = None
    casualties: list[Count] = Field(default_factory=list)
    fatalities: int = 0
    evidence: list[Span] = Field(default_factory=list)
    incident_id: Optional[str] = None


class Tally(Record):
    """A total over an area or a period, not tied to one incident."""

    label: Optional[str] = None
    area: Optional[str] = None
    country: Optional[str] = None
    start: Optional[dt.date] = None
    end: Optional[dt.date] = None
    casualties: list[Count] = Field(default_factory=list)
    source: Optional[str] = None
    span: Optional[Span] = None


class Claim(Record):
    speaker: Optional[str] = None
    speaker_role: Optional[str] = None
    kind: ClaimKind
    target: Optional[str] = None
    text: str
    span: Optional[Span] = None


class Amount(Record):
    low: float
    high: float
    currency: Optional[str] = None


class Mention(Record):
    kind: MentionKind
    name: str
    amount: Optional[Amount] = None
    span: Optional[Span] = None


class Extraction(Record):
    """The extractor's output for one document."""

    id: str
    events: list[Event] = Field(default_factory=list)
    tallies: list[Tally] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)

    def to_json(self) -> str:
        return self.model_dump_json(exclude_none=False)
