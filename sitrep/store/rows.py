"""Between the records of sitrep/model.py and the store's rows, both ways.

`*_row(record, position)` builds the ORM row of a record; `*_record(row)` rebuilds the
record (validated by pydantic) from a row, so what comes out of the store is the same
class that went in.
"""
from __future__ import annotations

from typing import Any

from sitrep.model import Actor, Amount, Claim, Count, Document, Event, Extraction, Location, Mention, Tally
from sitrep.store.tables import ClaimRow, CountRow, EventRow, MentionRow, Report, TallyRow


def _span(span) -> list[int] | None:
    return None if span is None else [span[0], span[1]]


def count_row(count: Count, position: int, report: Report) -> CountRow:
    return CountRow(report=report, position=position, outcome=count.outcome, group=count.group,
                    best=count.best, low=count.low, high=count.high, qualifier=count.qualifier,
                    source=count.source, span=_span(count.span))


def event_row(event: Event, position: int, report: Report) -> EventRow:
    loc, a1, a2 = event.location, event.actor1, event.actor2
    row = EventRow(
        position=position, date=event.date, date_precision=event.date_precision,
        event_type=event.event_type, sub_event_type=event.sub_event_type,
        attack_type=event.attack_type, weapon=event.weapon,
        location_name=loc.name, admin1=loc.admin1, admin2=loc.admin2, country=loc.country,
        country_code=loc.country_code, lat=loc.lat, lon=loc.lon, geo_precision=loc.geo_precision,
        location_span=_span(loc.span),
        actor1_name=a1 and a1.name, actor1_kind=a1 and a1.kind, actor1_span=a1 and _span(a1.span),
        actor2_name=a2 and a2.name, actor2_kind=a2 and a2.kind, actor2_span=a2 and _span(a2.span),
        fatalities=event.fatalities, evidence=[_span(s) for s in event.evidence],
    )
    row.casualties = [count_row(c, i, report) for i, c in enumerate(event.casualties)]
    return row


def tally_row(tally: Tally, position: int, report: Report) -> TallyRow:
    row = TallyRow(position=position, label=tally.label, area=tally.area, country=tally.country,
                   start=tally.start, end=tally.end, source=tally.source, span=_span(tally.span))
    row.casualties = [count_row(c, i, report) for i, c in enumerate(tally.casualties)]
    return row


def claim_row(claim: Claim, position: int) -> ClaimRow:
    return ClaimRow(position=position, speaker=claim.speaker, speaker_role=claim.speaker_role,
                    kind=claim.kind, target=claim.target, text=claim.text, span=_span(claim.span))


def mention_row(mention: Mention, position: int) -> MentionRow:
    amount = mention.amount
    return MentionRow(position=position, kind=mention.kind, name=mention.name,
                      amount_low=amount and amount.low, amount_high=amount and amount.high,
                      currency=amount and amount.currency, span=_span(mention.span))


def fill_report(report: Report, extraction: Extraction) -> None:
    """Attach the rows of every record of `extraction` to `report` (not yet flushed)."""
    report.events = [event_row(e, i, report) for i, e in enumerate(extraction.events)]
    report.tallies = [tally_row(t, i, report) for i, t in enumerate(extraction.tallies)]
    report.claims = [claim_row(c, i) for i, c in enumerate(extraction.claims)]
    report.mentions = [mention_row(m, i) for i, m in enumerate(extraction.mentions)]


def count_record(row: CountRow) -> Count:
    return Count(outcome=row.outcome, group=row.group, best=row.best, low=row.low, high=row.high,
                 qualifier=row.qualifier, source=row.source, span=row.span)


def _actor(name, kind, span) -> Actor | None:
    return None if name is None else Actor(name=name, kind=kind or "unknown", span=span)


def event_record(row: EventRow, counts: list[CountRow] | None = None,
                 incident_key: str | None = None) -> Event:
    """The `Event` of a row; `counts` defaults to the row's loaded casualties."""
    location = Location(name=row.location_name, admin1=row.admin1, admin2=row.admin2,
                        country=row.country, country_code=row.country_code, lat=row.lat,
                        lon=row.lon, geo_precision=row.geo_precision, span=row.location_span)
    return Event(
        event_type=row.event_type, sub_event_type=row.sub_event_type, attack_type=row.attack_type,
        weapon=row.weapon, date=row.date, date_precision=row.date_precision, location=location,
        actor1=_actor(row.actor1_name, row.actor1_kind, row.actor1_span),
        actor2=_actor(row.actor2_name, row.actor2_kind, row.actor2_span),
        casualties=[count_record(c) for c in (row.casualties if counts is None else counts)],
        fatalities=row.fatalities, evidence=row.evidence or [], incident_id=incident_key,
    )


def tally_record(row: TallyRow) -> Tally:
    return Tally(label=row.label, area=row.area, country=row.country, start=row.start, end=row.end,
                 casualties=[count_record(c) for c in row.casualties], source=row.source, span=row.span)


def claim_record(row: ClaimRow) -> Claim:
    return Claim(speaker=row.speaker, speaker_role=row.speaker_role, kind=row.kind,
                 target=row.target, text=row.text, span=row.span)


def mention_record(row: MentionRow) -> Mention:
    amount = None
    if row.amount_low is not None:
        amount = Amount(low=row.amount_low, high=row.amount_high, currency=row.currency)
    return Mention(kind=row.kind, name=row.name, amount=amount, span=row.span)


def document_record(row: Report) -> Document:
    return Document(id=row.doc_id, text=row.text, title=row.title, published=row.published,
                    url=row.url, source=row.source)


def extraction_record(row: Report) -> Extraction:
    """The report's extraction as the rows hold it now (analysts' corrections included)."""
    return Extraction(
        id=row.doc_id,
        events=[event_record(e, incident_key=e.incident.key if e.incident else None) for e in row.events],
        tallies=[tally_record(t) for t in row.tallies],
        claims=[claim_record(c) for c in row.claims],
        mentions=[mention_record(m) for m in row.mentions],
    )


# How a corrected row is checked: rebuilt as its record, which pydantic validates.
VALIDATORS: dict[type, Any] = {
    EventRow: lambda row: event_record(row, counts=[]),
    CountRow: count_record,
    TallyRow: lambda row: Tally(label=row.label, area=row.area, country=row.country,
                                start=row.start, end=row.end, source=row.source, span=row.span),
    ClaimRow: claim_record,
    MentionRow: mention_record,
    Report: document_record,
}
