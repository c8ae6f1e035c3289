"""The store's tables (SQLAlchemy 2 typed ORM), portable between SQLite and PostgreSQL.

One row per record of the extraction format (sitrep/model.py): field names are the
model's, flattened where the model nests (an event's `location.admin1` is the column
`admin1`, its `actor1.name` is `actor1_name`). Spans and lists of spans are JSON.
`extractions.data` keeps the extractor's output exactly as produced; the record tables
hold the current values, which an analyst may correct (`corrections` keeps the originals).

Changing a table here needs a new Alembic revision in migrations/versions; the test
suite checks that the migrated schema and this metadata agree.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from sqlalchemy import (JSON, CheckConstraint, Date, DateTime, Float, ForeignKey, Index, Integer,
                        MetaData, String, Text, func)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Fixed constraint names, so migrations can name what they alter on every backend.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON, Any: JSON}


def _report_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)


class Report(Base):
    """One input document, stored once (unique canonical URL, unique text hash)."""

    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_id: Mapped[str] = mapped_column(String, index=True)
    url: Mapped[Optional[str]] = mapped_column(Text)
    canonical_url: Mapped[Optional[str]] = mapped_column(Text, unique=True)
    title: Mapped[Optional[str]] = mapped_column(Text)
    source: Mapped[Optional[str]] = mapped_column(String)
    published: Mapped[Optional[dt.date]] = mapped_column(Date, index=True)
    text: Mapped[str] = mapped_column(Text)
    text_hash: Mapped[str] = mapped_column(String(64), unique=True)
    near_duplicate_of: Mapped[Optional[int]] = mapped_column(
        ForeignKey("reports.id", ondelete="SET NULL"), index=True)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    extraction: Mapped[Optional["ExtractionRow"]] = relationship(
        back_populates="report", cascade="all, delete-orphan", passive_deletes=True, uselist=False)
    events: Mapped[list["EventRow"]] = relationship(
        back_populates="report", cascade="all, delete-orphan", passive_deletes=True, order_by="EventRow.position")
    tallies: Mapped[list["TallyRow"]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="TallyRow.position")
    claims: Mapped[list["ClaimRow"]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ClaimRow.position")
    mentions: Mapped[list["MentionRow"]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="MentionRow.position")


class ExtractionRow(Base):
    """The extractor's output for one report, as `Extraction.model_dump(mode="json")` gives it."""

    __tablename__ = "extractions"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), unique=True)
    extractor_version: Mapped[str] = mapped_column(String)
    data: Mapped[dict[str, Any]]
    extracted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    report: Mapped[Report] = relationship(back_populates="extraction")


class Incident(Base):
    """One real event that one or more events (from one or more reports) describe."""

    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String, unique=True)  # stable id, what Event.incident_id holds
    date: Mapped[Optional[dt.date]] = mapped_column(Date, index=True)
    place: Mapped[Optional[str]] = mapped_column(String)
    country: Mapped[Optional[str]] = mapped_column(String, index=True)
    admin1: Mapped[Optional[str]] = mapped_column(String, index=True)
    event_type: Mapped[Optional[str]] = mapped_column(String, index=True)
    # {"killed": {"civilians": {"low": 3, "best": 4, "high": 6}, ...}, ...}
    figures: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    contradiction: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now())


class EventRow(Base):
    """One `Event` of a report's extraction."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = _report_fk()
    position: Mapped[int]  # index in the extraction's `events`
    date: Mapped[Optional[dt.date]] = mapped_column(Date, index=True)
    date_precision: Mapped[Optional[int]]
    event_type: Mapped[Optional[str]] = mapped_column(String, index=True)
    sub_event_type: Mapped[Optional[str]] = mapped_column(String)
    attack_type: Mapped[Optional[str]] = mapped_column(String)
    weapon: Mapped[Optional[str]] = mapped_column(String)
    location_name: Mapped[Optional[str]] = mapped_column(String)
    admin1: Mapped[Optional[str]] = mapped_column(String, index=True)
    admin2: Mapped[Optional[str]] = mapped_column(String)
    country: Mapped[Optional[str]] = mapped_column(String, index=True)
    country_code: Mapped[Optional[str]] = mapped_column(String)
    lat: Mapped[Optional[float]] = mapped_column(Float)
    lon: Mapped[Optional[float]] = mapped_column(Float)
    geo_precision: Mapped[Optional[int]]
    location_span: Mapped[Optional[list[Any]]]
    actor1_name: Mapped[Optional[str]] = mapped_column(String)
    actor1_kind: Mapped[Optional[str]] = mapped_column(String)
    actor1_span: Mapped[Optional[list[Any]]]
    actor2_name: Mapped[Optional[str]] = mapped_column(String)
    actor2_kind: Mapped[Optional[str]] = mapped_column(String)
    actor2_span: Mapped[Optional[list[Any]]]
    fatalities: Mapped[int] = mapped_column(Integer, default=0, index=True)
    evidence: Mapped[list[Any]] = mapped_column(JSON, default=list)
    incident_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("incidents.id", ondelete="SET NULL"), index=True)

    report: Mapped[Report] = relationship(back_populates="events")
    incident: Mapped[Optional[Incident]] = relationship()
    casualties: Mapped[list["CountRow"]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="CountRow.position",
        foreign_keys="CountRow.event_id")


class TallyRow(Base):
    """One `Tally`: a total over an area or a period."""

    __tablename__ = "tallies"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = _report_fk()
    position: Mapped[int]
    label: Mapped[Optional[str]] = mapped_column(Text)
    area: Mapped[Optional[str]] = mapped_column(String)
    country: Mapped[Optional[str]] = mapped_column(String, index=True)
    start: Mapped[Optional[dt.date]] = mapped_column(Date)
    end: Mapped[Optional[dt.date]] = mapped_column(Date)
    source: Mapped[Optional[str]] = mapped_column(String)
    span: Mapped[Optional[list[Any]]]
    # Tallies of one area and period from different reports share this key (sitrep.fuse).
    group_key: Mapped[Optional[str]] = mapped_column(String, index=True)

    casualties: Mapped[list["CountRow"]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="CountRow.position",
        foreign_keys="CountRow.tally_id")


class CountRow(Base):
    """One casualty `Count`, of an event or of a tally (exactly one of the two)."""

    __tablename__ = "counts"
    __table_args__ = (CheckConstraint("(event_id IS NULL) <> (tally_id IS NULL)", name="one_parent"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = _report_fk()
    event_id: Mapped[Optional[int]] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    tally_id: Mapped[Optional[int]] = mapped_column(ForeignKey("tallies.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]  # index in its parent's `casualties`
    outcome: Mapped[str] = mapped_column(String)
    group: Mapped[str] = mapped_column(String)
    best: Mapped[int]
    low: Mapped[Optional[int]]
    high: Mapped[Optional[int]]
    qualifier: Mapped[str] = mapped_column(String)
    source: Mapped[Optional[str]] = mapped_column(String)
    span: Mapped[Optional[list[Any]]]

    report: Mapped[Report] = relationship()


class ClaimRow(Base):
    """One `Claim`: who says what about whom."""

    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = _report_fk()
    position: Mapped[int]
    speaker: Mapped[Optional[str]] = mapped_column(String)
    speaker_role: Mapped[Optional[str]] = mapped_column(String)
    kind: Mapped[str] = mapped_column(String)
    target: Mapped[Optional[str]] = mapped_column(String)
    text: Mapped[str] = mapped_column(Text)
    span: Mapped[Optional[list[Any]]]


class MentionRow(Base):
    """One `Mention`: equipment, weapon or money (`amount_*` flatten `Amount`)."""

    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = _report_fk()
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(String)
    name: Mapped[str] = mapped_column(String)
    amount_low: Mapped[Optional[float]] = mapped_column(Float)
    amount_high: Mapped[Optional[float]] = mapped_column(Float)
    currency: Mapped[Optional[str]] = mapped_column(String)
    span: Mapped[Optional[list[Any]]]


class Correction(Base):
    """An analyst's change to one field of one row; `old_value` is what it held before."""

    __tablename__ = "corrections"
    __table_args__ = (Index("ix_corrections_target", "table_name", "row_id", "field"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    table_name: Mapped[str] = mapped_column(String)
    row_id: Mapped[int]
    field: Mapped[str] = mapped_column(String)
    old_value: Mapped[Optional[Any]] = mapped_column(JSON(none_as_null=True))
    new_value: Mapped[Optional[Any]] = mapped_column(JSON(none_as_null=True))
    who: Mapped[str] = mapped_column(String)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    note: Mapped[Optional[str]] = mapped_column(Text)



class ApiKey(Base):
    """A key for the REST API's writes (sitrep.api.keys): only a salted scrypt hash of its
    secret is kept; `prefix` (public, part of the key) finds the row."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String, unique=True)
    prefix: Mapped[str] = mapped_column(String(32), unique=True)
    salt: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

# The tables an analyst may correct, by name.
CORRECTABLE: dict[str, type[Base]] = {
    cls.__tablename__: cls
    for cls in (Report, EventRow, CountRow, TallyRow, ClaimRow, MentionRow, Incident)
}
