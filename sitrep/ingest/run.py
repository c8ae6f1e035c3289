"""`sitrep ingest`: sources in, each report extracted and stored once, incidents fused.

Every report is its own transaction (the store's `add`), so a crash or a kill part-way
loses nothing already stored, and running the same command again skips what is stored
(same canonical URL or same text) and finishes the batch. A story republished with a new
headline is stored too, linked to the first by `near_duplicate_of`. After the batch, the
new reports' events are linked with the stored events around their dates into incidents
(sitrep.fuse), whose reconciled figures the store keeps.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sitrep.extract.budget import DEFAULT_TIME_BUDGET, TimeBudgetExceeded
from sitrep.extract.pipeline import extract
from sitrep.fuse.link import link, link_tallies, widest_window_days
from sitrep.fuse.reconcile import Incident, incidents
from sitrep.ingest.dedupe import NearDuplicateIndex
from sitrep.ingest.sources import iter_sources
from sitrep.io import MAX_CHARS, Problem
from sitrep.model import Document
from sitrep.store import Store

# Stored events as far either side of the new ones as the linker links events dated to the
# day or the week are candidates for their incidents (month-dated ones, rare, are not gathered:
# a 61-day window would re-link most of a busy store on every batch).
FUSE_WINDOW_DAYS = widest_window_days(2)
# New reports are compared for near-duplicates with this many of the reports stored last.
NEAR_DUPLICATE_MEMORY = 5000


@dataclass
class IngestStats:
    added: int = 0          # reports extracted and stored by this run
    unchanged: int = 0      # reports already stored (same URL or text): left as they were
    skipped: int = 0        # inputs, lines or entries that could not be read, reports past the time budget
    failed: int = 0         # reports the extractor failed on
    near_duplicates: int = 0
    incidents: int = 0      # incidents saved or updated by the fusion step


def ingest(sources: Iterable[str], store: Store, *, published: dt.date | None = None,
           allow_private: bool = False, max_chars: int = MAX_CHARS, fuse: bool = True,
           time_budget: float | None = DEFAULT_TIME_BUDGET,
           on_problem: Callable[[Problem], None] | None = None,
           on_report: Callable[[], None] | None = None) -> IngestStats:
    stats = IngestStats()
    near = recent_reports_index(store)   # a wire story republished after an earlier run is caught too
    new_reports: list[int] = []
    for item in iter_sources(list(sources), published, allow_private=allow_private, max_chars=max_chars):
        if on_report is not None:
            on_report()
        if isinstance(item, Problem):
            stats.skipped += 1
            if on_problem is not None:
                on_problem(item)
            continue
        if store.has(item):
            stats.unchanged += 1
            continue
        try:
            added = add_report(store, item, near, time_budget)
        except TimeBudgetExceeded as e:   # not stored: a later run tries it again
            stats.skipped += 1
            if on_problem is not None:
                on_problem(Problem(item.id, None, str(e)))
            continue
        except Exception as e:  # a bug in a stage must not cost the rest of the batch
            stats.failed += 1
            if on_problem is not None:
                on_problem(Problem(item.id, None, f"extractor error {type(e).__name__}: {e}"))
            continue
        if not added.created:
            stats.unchanged += 1
            continue
        stats.added += 1
        stats.near_duplicates += added.near_duplicate_of is not None
        new_reports.append(added.report_id)
    if fuse and new_reports:
        stats.incidents = fuse_stored(store, new_reports)
    return stats


@dataclass
class AddedReport:
    report_id: int
    created: bool                 # False: the same URL or text was stored already
    near_duplicate_of: int | None


def recent_reports_index(store: Store) -> NearDuplicateIndex:
    """A near-duplicate index of the reports stored last (NEAR_DUPLICATE_MEMORY of them)."""
    index = NearDuplicateIndex()
    for report_id, text in store.recent_texts(NEAR_DUPLICATE_MEMORY):
        index.add(report_id, text)
    return index


def add_report(store: Store, doc: Document, near: NearDuplicateIndex,
               time_budget: float | None = DEFAULT_TIME_BUDGET) -> AddedReport:
    """The one path of a report into the store, for `sitrep ingest` and the API alike: extract
    it (within `time_budget`; TimeBudgetExceeded or the extractor's error propagate, and
    nothing is stored), store it once with the report it nearly duplicates, and index it.
    Fusing is the caller's: a batch fuses its new reports together (`fuse_stored`)."""
    extraction = extract(doc, budget=time_budget)
    similar = near.find(doc.text)
    near_of = similar[0][0] if similar else None
    report_id, created = store.add(doc, extraction, near_duplicate_of=near_of)
    if created:
        near.add(report_id, doc.text)
    return AddedReport(report_id, created, near_of if created else None)


def fuse_stored(store: Store, report_ids: list[int]) -> int:
    """Link the events of `report_ids` with the stored events of the days around them into
    incidents; save each incident's reconciled record and point its events at it. An
    incident keeps the key it was stored under, whatever reports join it later. Tallies of
    one area and period get a shared group key the same way."""
    days = [e.event.date for rid in report_ids for e in store.events(report_id=rid) if e.event.date]
    tallied = [rid for rid in report_ids if store.tally_rows(rid)]
    if not days and not tallied:
        return 0
    around = []
    if days:
        window = dt.timedelta(days=FUSE_WINDOW_DAYS)
        around = store.events(date_from=min(days) - window, date_to=max(days) + window)
    reports = [r for r in (store.report(rid) for rid in sorted({e.report_id for e in around} | set(report_ids)))
               if r is not None]
    # Linked under the store's report ids: document ids need not be unique across sources.
    items = [(r.document.model_copy(update={"id": f"report-{r.id}"}), r.extraction) for r in reports]
    stored = {(f"report-{r.id}", e.position): e for r in reports for e in store.events(report_id=r.id)}
    ids = _keep_stored_keys(link(items), stored)
    rows = {record.id: store.save_incident(record.id, **_incident_fields(record))
            for record in incidents(items, ids)}
    for key, event in stored.items():
        incident = rows.get(ids.get(key))
        if incident is not None and event.incident_id != incident:
            store.set_incident(event.id, incident)
    tally_ids = link_tallies(items)
    for report in reports:
        for row_id, position, group_key in store.tally_rows(report.id):
            key = tally_ids.get((f"report-{report.id}", position))
            if key is not None and key != group_key:
                store.set_tally_group(row_id, key)
    return len(rows)


def _keep_stored_keys(ids: dict, stored: dict) -> dict:
    """`ids` with each new group renamed to the key its members were already stored under
    (the smallest, when a new report joins two stored incidents)."""
    rename: dict[str, str] = {}
    for key, new in ids.items():
        old = stored[key].event.incident_id if key in stored else None
        if old and (new not in rename or old < rename[new]):
            rename[new] = old
    return {key: rename.get(new, new) for key, new in ids.items()}


def _incident_fields(record: Incident) -> dict:
    figures: dict[str, dict[str, dict[str, int]]] = {}
    for f in record.casualties:
        figures.setdefault(f.outcome, {})[f.group] = {"low": f.low, "best": f.best, "high": f.high}
    return {"date": record.date, "place": record.location.name, "country": record.location.country,
            "admin1": record.location.admin1, "event_type": record.event_type, "figures": figures,
            "contradiction": record.contradiction}
