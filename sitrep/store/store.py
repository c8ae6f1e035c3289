"""The store: reports with their extractions, incidents and analysts' corrections.

    store = Store()                       # $SITREP_DB or the SQLite file in the data dir
    report_id, created = store.add(doc, extract(doc))
    for stored in store.events(country="Pakistan", min_fatalities=1):
        print(stored.id, stored.event.date, stored.event.location.name)

Everything one `add` writes is one transaction. Reads return the record classes of
sitrep/model.py (`Document`, `Extraction`, `Event`), wrapped with the row ids a caller
needs to refer back to them (`StoredReport`, `StoredEvent`).
"""
from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator

from pydantic import ValidationError
from sqlalchemy import Date, Engine, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload, sessionmaker

import sitrep
from sitrep.model import Document, Event, Extraction
from sitrep.store import rows
from sitrep.keys import canonical_url, text_hash
from sitrep.store.schema import default_url, make_engine, migrate
from sitrep.store.tables import (CORRECTABLE, Base, Correction, EventRow, ExtractionRow, Incident,
                                 Report, TallyRow)

EXTRACTOR_VERSION = f"sitrep {sitrep.__version__}"
# Columns that identify a row or a report rather than describe it.
_NOT_CORRECTABLE = {"id", "report_id", "text", "text_hash", "canonical_url"}


@dataclass(frozen=True)
class StoredReport:
    id: int
    document: Document
    extraction: Extraction          # as the rows hold it now, corrections included
    original: Extraction            # as the extractor produced it
    extractor_version: str
    canonical_url: str | None
    text_hash: str
    near_duplicate_of: int | None
    ingested_at: dt.datetime


@dataclass(frozen=True)
class StoredEvent:
    id: int                         # events.id: what set_incident and correct take
    report_id: int
    position: int                   # index in its report's extraction
    incident_id: int | None         # incidents.id; event.incident_id holds the incident's key
    event: Event


def _utc(value: dt.datetime) -> dt.datetime:
    # SQLite hands back naive UTC timestamps, PostgreSQL aware ones.
    return value.replace(tzinfo=dt.timezone.utc) if value.tzinfo is None else value


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


class Store:
    """A sitrep database: `Store(url)` connects and brings the schema up to date."""

    def __init__(self, url: str | None = None, *, upgrade: bool = True):
        self.url = url or default_url()
        self.engine: Engine = make_engine(self.url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        if upgrade:
            self.migrate()

    def migrate(self) -> None:
        """Run the Alembic migrations up to the newest revision."""
        migrate(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on error."""
        with self._sessions.begin() as session:
            yield session

    # -- reports ---------------------------------------------------------------------

    @staticmethod
    def _find(session: Session, url: str | None, digest: str) -> int | None:
        match = Report.text_hash == digest
        if url is not None:
            match = or_(match, Report.canonical_url == url)
        return session.scalars(select(Report.id).where(match).order_by(Report.id).limit(1)).first()

    def find(self, doc: Document) -> int | None:
        """The id of the stored report that is `doc` (same canonical URL or same text)."""
        with self._sessions() as session:
            return self._find(session, canonical_url(doc.url), text_hash(doc.text))

    def has(self, doc: Document) -> bool:
        return self.find(doc) is not None

    def recent_texts(self, limit: int) -> list[tuple[int, str]]:
        """(report id, text) of the `limit` reports stored last, newest first: what a new
        report is compared with for near-duplicates."""
        with self._sessions() as session:
            rows = session.execute(select(Report.id, Report.text).order_by(Report.id.desc()).limit(limit))
            return [(row.id, row.text) for row in rows]

    def add(self, doc: Document, extraction: Extraction, *, near_duplicate_of: int | None = None,
            extractor_version: str = EXTRACTOR_VERSION) -> tuple[int, bool]:
        """Store a report with its extraction, in one transaction. Returns (report id,
        created): a report already stored (same canonical URL or same normalised text)
        is left as it is and comes back with created=False."""
        url, digest = canonical_url(doc.url), text_hash(doc.text)
        try:
            with self._sessions.begin() as session:
                if session.bind.dialect.name == "sqlite":
                    # Take the write lock now: a read that later turns into a write can
                    # fail at once under WAL when another process wrote in between.
                    session.connection().exec_driver_sql("BEGIN IMMEDIATE")
                existing = self._find(session, url, digest)
                if existing is not None:
                    return existing, False
                report = Report(doc_id=doc.id, url=doc.url, canonical_url=url, title=doc.title,
                                source=doc.source, published=doc.published, text=doc.text,
                                text_hash=digest, near_duplicate_of=near_duplicate_of)
                report.extraction = ExtractionRow(extractor_version=extractor_version,
                                                  data=extraction.model_dump(mode="json"))
                rows.fill_report(report, extraction)
                session.add(report)
                session.flush()
                return report.id, True
        except IntegrityError:
            # Another writer stored the same report between our look-up and our insert.
            existing = self.find(doc)
            if existing is None:
                raise
            return existing, False

    def report(self, report_id: int) -> StoredReport | None:
        with self._sessions() as session:
            row = session.scalars(
                select(Report).where(Report.id == report_id).options(
                    selectinload(Report.extraction),
                    selectinload(Report.events).selectinload(EventRow.casualties),
                    selectinload(Report.events).selectinload(EventRow.incident),
                    selectinload(Report.tallies).selectinload(TallyRow.casualties),
                    selectinload(Report.claims), selectinload(Report.mentions))
            ).first()
            if row is None:
                return None
            return StoredReport(
                id=row.id, document=rows.document_record(row), extraction=rows.extraction_record(row),
                original=Extraction.model_validate(row.extraction.data),
                extractor_version=row.extraction.extractor_version, canonical_url=row.canonical_url,
                text_hash=row.text_hash, near_duplicate_of=row.near_duplicate_of,
                ingested_at=_utc(row.ingested_at))

    # -- events ----------------------------------------------------------------------

    def events(self, *, country: str | None = None, admin1: str | None = None,
               date_from: dt.date | None = None, date_to: dt.date | None = None,
               event_type: str | None = None, actor: str | None = None,
               min_fatalities: int | None = None, report_id: int | None = None,
               incident_id: int | None = None, limit: int | None = None) -> list[StoredEvent]:
        """Events matching every filter given, by date then id. Names match without
        regard to case: `country` the country or its ISO code, `actor` any part of
        either side's name; dates are inclusive."""
        query = select(EventRow).options(selectinload(EventRow.casualties), selectinload(EventRow.incident))
        if country:
            query = query.where(or_(func.lower(EventRow.country) == country.lower(),
                                    func.upper(EventRow.country_code) == country.upper()))
        if admin1:
            query = query.where(func.lower(EventRow.admin1) == admin1.lower())
        if date_from:
            query = query.where(EventRow.date >= date_from)
        if date_to:
            query = query.where(EventRow.date <= date_to)
        if event_type:
            query = query.where(func.lower(EventRow.event_type) == event_type.lower())
        if actor:
            needle = actor.lower()
            query = query.where(or_(func.lower(EventRow.actor1_name).contains(needle, autoescape=True),
                                    func.lower(EventRow.actor2_name).contains(needle, autoescape=True)))
        if min_fatalities is not None:
            query = query.where(EventRow.fatalities >= min_fatalities)
        if report_id is not None:
            query = query.where(EventRow.report_id == report_id)
        if incident_id is not None:
            query = query.where(EventRow.incident_id == incident_id)
        query = query.order_by(EventRow.date, EventRow.id).limit(limit)
        with self._sessions() as session:
            return [StoredEvent(id=row.id, report_id=row.report_id, position=row.position,
                                incident_id=row.incident_id,
                                event=rows.event_record(row, incident_key=row.incident and row.incident.key))
                    for row in session.scalars(query)]

    # -- incidents -------------------------------------------------------------------

    def save_incident(self, key: str, **fields: Any) -> int:
        """Create or update the incident with this stable key; `fields` are columns of
        `incidents` (date, place, country, admin1, event_type, figures, contradiction)."""
        allowed = set(Incident.__table__.columns.keys()) - {"id", "key"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"not incident fields: {', '.join(sorted(unknown))}")
        with self._sessions.begin() as session:
            incident = session.scalars(select(Incident).where(Incident.key == key)).first()
            if incident is None:
                incident = Incident(key=key)
                session.add(incident)
            for name, value in fields.items():
                setattr(incident, name, value)
            session.flush()
            return incident.id

    def set_incident(self, event_row_id: int, incident_id: int | None) -> None:
        """Link an event to an incident (None unlinks it)."""
        with self._sessions.begin() as session:
            row = session.get(EventRow, event_row_id)
            if row is None:
                raise KeyError(f"no event {event_row_id}")
            if incident_id is not None and session.get(Incident, incident_id) is None:
                raise KeyError(f"no incident {incident_id}")
            row.incident_id = incident_id

    def tally_rows(self, report_id: int) -> list[tuple[int, int, str | None]]:
        """(row id, position in the report's extraction, group key) of a report's tallies."""
        with self._sessions() as session:
            rows = session.execute(select(TallyRow.id, TallyRow.position, TallyRow.group_key)
                                   .where(TallyRow.report_id == report_id).order_by(TallyRow.position))
            return [(row.id, row.position, row.group_key) for row in rows]

    def set_tally_group(self, tally_row_id: int, key: str | None) -> None:
        """Give a tally the key it shares with the tallies of the same area and period."""
        with self._sessions.begin() as session:
            row = session.get(TallyRow, tally_row_id)
            if row is None:
                raise KeyError(f"no tally {tally_row_id}")
            row.group_key = key

    # -- corrections -----------------------------------------------------------------

    def correct(self, table: str, row_id: int, field: str, value: Any, who: str,
                note: str | None = None) -> int:
        """Set one field of one row to an analyst's value and record who changed what,
        when, and the value it held before. Returns the correction's id. The value is
        checked against the record model (an unknown actor kind is refused)."""
        cls = CORRECTABLE.get(table)
        if cls is None:
            raise ValueError(f"cannot correct table {table!r}; one of: {', '.join(sorted(CORRECTABLE))}")
        columns = cls.__table__.columns
        if field not in columns or field in _NOT_CORRECTABLE:
            raise ValueError(f"cannot correct field {field!r} of {table}")
        if not who or not who.strip():
            raise ValueError("a correction needs who made it")
        if isinstance(value, str) and isinstance(columns[field].type, Date):
            value = dt.date.fromisoformat(value)
        with self._sessions.begin() as session:
            row = session.get(cls, row_id)
            if row is None:
                raise KeyError(f"no row {row_id} in {table}")
            old = getattr(row, field)
            setattr(row, field, value)
            validate = rows.VALIDATORS.get(cls)
            if validate is not None:
                try:
                    validate(row)
                except ValidationError as exc:
                    raise ValueError(f"{table}.{field} = {value!r} is not valid: {exc}") from exc
            correction = Correction(table_name=table, row_id=row_id, field=field, old_value=_jsonable(old),
                                    new_value=_jsonable(value), who=who.strip(), note=note)
            session.add(correction)
            session.flush()
            return correction.id

    def corrections(self, table: str | None = None, row_id: int | None = None) -> list[dict[str, Any]]:
        """The corrections made, oldest first, as dicts of the `corrections` columns."""
        query = select(Correction).order_by(Correction.id)
        if table is not None:
            query = query.where(Correction.table_name == table)
        if row_id is not None:
            query = query.where(Correction.row_id == row_id)
        with self._sessions() as session:
            return [{"id": c.id, "table": c.table_name, "row_id": c.row_id, "field": c.field,
                     "old_value": c.old_value, "new_value": c.new_value, "who": c.who,
                     "at": _utc(c.at), "note": c.note} for c in session.scalars(query)]

    def original(self, table: str, row_id: int, field: str) -> Any:
        """The value the machine gave this field, before any correction (JSON form:
        dates as ISO text); the current value when it was never corrected."""
        with self._sessions() as session:
            first = session.scalars(
                select(Correction).where(Correction.table_name == table, Correction.row_id == row_id,
                                         Correction.field == field).order_by(Correction.id).limit(1)).first()
            if first is not None:
                return first.old_value
            cls = CORRECTABLE[table]
            row = session.get(cls, row_id)
            if row is None:
                raise KeyError(f"no row {row_id} in {table}")
            return _jsonable(getattr(row, field))

    # -- bookkeeping -----------------------------------------------------------------

    def version(self) -> tuple:
        """A cheap fingerprint of what incident rows are read from: it changes when a report
        is added, an event is linked to another incident, an incident is saved or a
        correction is recorded. For caches of derived rows (`sitrep.query.IncidentCache`)."""
        parts = [func.count(EventRow.id), func.max(EventRow.id), func.count(EventRow.incident_id),
                 func.coalesce(func.sum(EventRow.incident_id), 0)]
        with self._sessions() as session:
            events = tuple(session.execute(select(*parts)).one())
            others = tuple(session.scalar(select(func.coalesce(func.max(table.id), 0)))
                           for table in (Report, Incident, Correction))
            return events + others

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        with self._sessions() as session:
            return {name: session.scalar(select(func.count()).select_from(table))
                    for name, table in Base.metadata.tables.items()}


