"""One incident from the events of the reports that tell it.

Every figure of every report is kept (`SourcedCount`: which report, which outlet, who in
the text gives it). Per (outcome, group) the figures are reconciled into a `Figure` with
low / best / high, UCDP's idea:

- **low** is the smallest figure the reports give (a range's low end), **high** the
  largest (a range's high end; an open figure such as "at least 36" gives 36): the span the
  sources cover. Vague words ("dozens") count only when no report gives a number.
- **best** is the lower median of the figures from the most credible kind of source
  present: neutral counters first (hospitals, health and local officials, rescuers, the UN:
  `neutral_sources` in fuse.toml), then figures given without a source or by others, and a
  side's own figure (an armed group's claim, the military's count of militants killed:
  `party_sources`, or a source named like one of the event's actors) only when nothing
  else is there. The median, because with several reports one outlier (an early toll, a
  propaganda figure) must not decide; the *lower* median, because it is a figure a source
  actually gave and ACLED-style coding prefers the conservative one.
- **contradiction** is set when two figures cannot both be right even allowing for a margin
  (one's low above another's high by more than `contradiction_ratio` and
  `contradiction_abs`): 12 against 13 agree; the military's 5 against the group's 40 do not.

Date, place, type and actors are reconciled too: the most precise date and place (then
the majority, then the earliest report), the majority type and actors.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Iterable, Optional, Sequence, Union

from pydantic import BaseModel, ConfigDict, Field

from sitrep.fuse.link import incident_id as _incident_id, settings
from sitrep.geo.gazetteer import fold
from sitrep.model import Actor, Count, Document, Event, Extraction, Group, Location, Outcome

Credibility = int  # 2 neutral, 1 unattributed or other, 0 a side's own figure
NEUTRAL, OTHER, PARTY = 2, 1, 0
_CREDIBILITY_NAMES = {NEUTRAL: "neutral", OTHER: "other", PARTY: "party"}


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SourcedCount(_Record):
    """One figure as one report gives it."""

    report: str                       # the document id
    outlet: Optional[str] = None      # the document's source (the outlet), if known
    published: Optional[dt.date] = None
    event_index: int                  # which event of the report's extraction
    credibility: str                  # neutral, other, party: see the module's doc
    count: Count


class Figure(_Record):
    """The reconciled figure of one outcome and group over all reports."""

    outcome: Outcome
    group: Group
    low: int
    best: int
    high: int
    reports: list[str]                # the reports that give a figure for it
    contradiction: bool = False
    note: Optional[str] = None        # which figures contradict, when they do


class Incident(_Record):
    """One real incident, reconciled from the events of every report that tells it."""

    id: str
    reports: list[str]
    event_type: Optional[str] = None
    sub_event_type: Optional[str] = None
    attack_type: Optional[str] = None
    weapon: Optional[str] = None
    date: Optional[dt.date] = None
    date_precision: Optional[int] = None
    location: Location = Field(default_factory=Location)
    actor1: Optional[Actor] = None
    actor2: Optional[Actor] = None
    fatalities: Optional[Figure] = None   # the events' own fatalities, reconciled the same way
    casualties: list[Figure] = Field(default_factory=list)
    figures: list[SourcedCount] = Field(default_factory=list)
    contradiction: bool = False


Member = tuple[Union[Document, str], Event]


def reconcile(events: Sequence[Member], incident_id: Optional[str] = None,
              indexes: Optional[Sequence[int]] = None) -> Incident:
    """The incident of `events`: (document or document id, event) pairs, in any order.
    `indexes` are the events' positions in their extractions (for `SourcedCount`); the id
    defaults to link's id of the earliest member."""
    if not events:
        raise ValueError("an incident needs at least one event")
    rows = []
    for n, (doc, event) in enumerate(events):
        doc_id = doc.id if isinstance(doc, Document) else str(doc)
        rows.append((doc_id, doc if isinstance(doc, Document) else None, event,
                     indexes[n] if indexes is not None else 0))
    rows.sort(key=lambda r: (r[0], r[3]))
    evs = [r[2] for r in rows]
    reports = list(dict.fromkeys(r[0] for r in rows))

    figures = [SourcedCount(report=doc_id, outlet=doc.source if doc else None,
                            published=doc.published if doc else None, event_index=index,
                            credibility=_CREDIBILITY_NAMES[credibility(c, event)], count=c)
               for doc_id, doc, event, index in rows for c in event.casualties]
    casualties = _figures(figures)
    killed_reports = [(r[0], r[2]) for r in rows if any(c.outcome == "killed" for c in r[2].casualties)]
    fatalities = None
    if killed_reports:
        # One value per report: a report whose one incident the extractor split in two
        # (link.split_score) gives its toll once, as the larger of its events' tolls.
        per_report: dict[str, int] = {}
        for doc_id, e in killed_reports:
            per_report[doc_id] = max(per_report.get(doc_id, 0), e.fatalities)
        values = list(per_report.values())
        fatalities = Figure(outcome="killed", group="all", low=min(values), high=max(values),
                            best=_lower_median(values), reports=list(dict.fromkeys(d for d, _ in killed_reports)))

    date_event = _most_precise_date(evs)
    return Incident(
        id=incident_id or _incident_id((rows[0][0], rows[0][3])),
        reports=reports,
        event_type=_majority(e.event_type for e in evs),
        sub_event_type=_majority(e.sub_event_type for e in evs
                                 if e.event_type == _majority(x.event_type for x in evs)),
        attack_type=_majority(e.attack_type for e in evs),
        weapon=_majority(e.weapon for e in evs),
        date=date_event.date if date_event else None,
        date_precision=date_event.date_precision if date_event else None,
        location=_most_precise_place(evs),
        actor1=_majority_actor(e.actor1 for e in evs),
        actor2=_majority_actor(e.actor2 for e in evs),
        fatalities=fatalities,
        casualties=casualties,
        figures=figures,
        contradiction=any(f.contradiction for f in casualties),
    )


def credibility(count: Count, event: Event) -> Credibility:
    """How far a figure's source can be trusted to count, for choosing `best`."""
    source = f" {count.source.lower()} " if count.source else ""
    if not source.strip():
        return OTHER
    conf = settings()["reconcile"]
    if any(word in source for word in conf["neutral_sources"]):
        return NEUTRAL
    if any(word in source for word in conf["party_sources"]) or _names_an_actor(count.source, event):
        return PARTY
    return OTHER


def _names_an_actor(source: str, event: Event) -> bool:
    said = set(fold(source).split())
    for actor in (event.actor1, event.actor2):
        if actor is None or actor.kind in ("civilians", "unknown"):
            continue
        words = fold(actor.name).split()
        initials = "".join(w[0] for w in words if w not in ("of", "the", "and"))
        if initials in said or any(len(w) > 3 and w in said for w in words
                                   if w not in ("forces", "group", "armed", "unidentified")):
            return True
    return False


def _bounds(count: Count) -> tuple[int, Optional[int]]:
    """(low, high) a figure allows; high None when open-ended."""
    low = count.low if count.low is not None else count.best
    if count.qualifier in ("at_least", "more_than"):
        return low, None
    high = count.high if count.high is not None else count.best
    return low, high


def _figures(figures: list[SourcedCount]) -> list[Figure]:
    groups: dict[tuple[str, str], list[SourcedCount]] = {}
    for f in figures:
        groups.setdefault((f.count.outcome, f.count.group), []).append(f)
    out = []
    for (outcome, group), items in groups.items():
        numbered = [f for f in items if f.count.qualifier != "vague"] or items
        bounds = [_bounds(f.count) for f in numbered]
        low = min(b[0] for b in bounds)
        high = max(max(b[1] if b[1] is not None else b[0] for b in bounds), max(f.count.best for f in numbered))
        tier = max(_tier(f) for f in numbered)
        best = _lower_median([f.count.best for f in _one_event_per_report([f for f in numbered if _tier(f) == tier])])
        note = _contradiction(numbered)
        out.append(Figure(outcome=outcome, group=group, low=low, best=best, high=high,  # type: ignore[arg-type]
                          reports=list(dict.fromkeys(f.report for f in items)),
                          contradiction=note is not None, note=note))
    return out


def _one_event_per_report(figures: list[SourcedCount]) -> list[SourcedCount]:
    """The figures of one event per report: a report whose one incident the extractor split
    in two events (link.split_score) is counted once, by the event with the larger figure
    (the earlier event on a tie); rival figures within one event all stay."""
    top: dict[tuple[str, int], int] = {}
    for f in figures:
        key = (f.report, f.event_index)
        top[key] = max(top.get(key, f.count.best), f.count.best)
    chosen: dict[str, int] = {}
    for (report, index), value in sorted(top.items()):
        if report not in chosen or value > top[(report, chosen[report])]:
            chosen[report] = index
    return [f for f in figures if chosen[f.report] == f.event_index]


def _tier(f: SourcedCount) -> int:
    return {"neutral": NEUTRAL, "other": OTHER, "party": PARTY}[f.credibility]


def _contradiction(figures: list[SourcedCount]) -> Optional[str]:
    conf = settings()["reconcile"]
    for a in figures:
        a_high = _bounds(a.count)[1]
        if a_high is None:
            continue
        for b in figures:
            b_low = _bounds(b.count)[0]
            if b.report != a.report and b_low > a_high * (1 + conf["contradiction_ratio"]) + conf["contradiction_abs"]:
                return f"{_who(a)} gives {a_high}, {_who(b)} gives {b_low}"
    return None


def _who(f: SourcedCount) -> str:
    return f"{f.count.source or f.outlet or 'the report'} ({f.report})"


def _lower_median(values: Sequence[int]) -> int:
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2]


def _majority(values: Iterable[Optional[str]]) -> Optional[str]:
    """The most frequent value; ties go to the first seen (the earliest report)."""
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    top = max(counts.values())
    return next(v for v in counts if counts[v] == top)


def _majority_actor(actors: Iterable[Optional[Actor]]) -> Optional[Actor]:
    present = [a for a in actors if a is not None]
    named = [a for a in present if not fold(a.name).startswith(("unidentified", "unknown"))] or present
    name = _majority(a.name for a in named)
    return next((a for a in named if a.name == name), None)


def _most_precise_date(events: Sequence[Event]) -> Optional[Event]:
    dated = [e for e in events if e.date is not None]
    if not dated:
        return None
    finest = min(e.date_precision or 1 for e in dated)
    candidates = [e for e in dated if (e.date_precision or 1) == finest]
    day = _majority(e.date.isoformat() for e in candidates)  # type: ignore[union-attr]
    return next(e for e in candidates if e.date.isoformat() == day)  # type: ignore[union-attr]


def _most_precise_place(events: Sequence[Event]) -> Location:
    located = [e.location for e in events if e.location.name or e.location.admin1]
    if not located:
        return Location()
    finest = min(loc.geo_precision or 4 for loc in located)
    candidates = [loc for loc in located if (loc.geo_precision or 4) == finest]
    name = _majority(fold(loc.name or "") for loc in candidates)
    chosen = next(loc for loc in candidates if fold(loc.name or "") == (name or ""))
    return chosen.model_copy(update={"span": None})  # a span points into one report only


def incidents(items: list[tuple[Document, Extraction]], ids: dict[tuple[str, int], str]) -> list[Incident]:
    """Every incident of a linked batch (`ids` from link.link), in order of first report."""
    members: dict[str, list[tuple[Document, Event, int]]] = {}
    for doc, extraction in items:
        for i, event in enumerate(extraction.events):
            members.setdefault(ids[(doc.id, i)], []).append((doc, event, i))
    return [reconcile([(d, e) for d, e, _ in group], incident_id=key, indexes=[i for _, _, i in group])
            for key, group in members.items()]

