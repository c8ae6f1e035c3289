"""Linking events of different reports into incidents.

Each event becomes a `Member`: the few facts linking needs (day, place, type, actors, the
words of its evidence), taken from the document once so that the text need not be kept.
Pairs of members from different documents are gated (same country, days within the
precision-aware window, places that agree, types of one family) and then scored; pairs
at or over the threshold are merged best first, agglomeratively, and a merge that would
put two events of one document in one incident is refused (the extractor already split
those by place and day), unless the two are one incident split in two: the same named
perpetrator and type, days and places that agree (split_score). Weights and thresholds are in sitrep/data/fuse.toml.

An incident's id is a short hash of its earliest member (the smallest (document id, event
index)), so the same batch always gets the same ids, whatever its order.
"""
from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Optional, Sequence

from sitrep.geo.gazetteer import fold
from sitrep.geo.resolve import km
from sitrep.lexicon import load_lexicon
from sitrep.model import Document, Event, Extraction, Tally

Key = tuple[str, int]  # (document id, index of the event in the document's extraction)


@lru_cache(maxsize=1)
def settings() -> dict:
    return load_lexicon("fuse")


@dataclass(frozen=True, slots=True)
class Member:
    """One event as linking sees it."""

    doc_id: str
    index: int
    day: Optional[int]             # date as an ordinal
    precision: int
    country: Optional[str]
    name: str                      # folded place name
    admin2: str
    admin1: str
    lat: Optional[float]
    lon: Optional[float]
    geo_precision: Optional[int]
    event_type: Optional[str]
    sub_event_type: Optional[str]
    actor1: str                    # folded, "" when generic or absent
    actor2: str
    words: frozenset[str] = field(default_factory=frozenset)

    @property
    def key(self) -> Key:
        return (self.doc_id, self.index)


def members_of(doc: Document, extraction: Extraction) -> list[Member]:
    """The members of one document's events; reads the text only for evidence words."""
    return [_member(doc.id, i, event, doc.text) for i, event in enumerate(extraction.events)]


def _member(doc_id: str, index: int, event: Event, text: str) -> Member:
    loc = event.location
    return Member(
        doc_id=doc_id, index=index,
        day=event.date.toordinal() if event.date else None,
        precision=event.date_precision or 1,
        country=(loc.country_code or (fold(loc.country) if loc.country else None)),
        name=fold(loc.name or ""), admin2=fold(loc.admin2 or ""), admin1=fold(loc.admin1 or ""),
        lat=loc.lat, lon=loc.lon, geo_precision=loc.geo_precision,
        event_type=event.event_type, sub_event_type=event.sub_event_type,
        actor1=_actor_key(event.actor1), actor2=_actor_key(event.actor2),
        words=_words(text, event.evidence),
    )


def _actor_key(actor) -> str:
    if actor is None or not actor.name:
        return ""
    name = fold(actor.name)
    generic = settings()["actors"]["generic"]
    return "" if any(name.startswith(g) for g in generic) else name


_WORD = re.compile(r"[a-z][a-z'-]+")


def _words(text: str, evidence: Sequence[tuple[int, int]]) -> frozenset[str]:
    conf = settings()["words"]
    stop = _stop_words()
    found: set[str] = set()
    for start, end in evidence:
        for w in _WORD.findall(text[start:end].lower()):
            if len(w) >= conf["min_length"] and w not in stop:
                found.add(w)
    return frozenset(found)


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    return frozenset(settings()["words"]["stop"])


# ---------------------------------------------------------------- pair scoring


def _window(a: Member, b: Member) -> int:
    slack = settings()["dates"]["slack_days"]
    return settings()["dates"]["base_days"] + slack[str(a.precision)] + slack[str(b.precision)]


def _date_part(a: Member, b: Member) -> Optional[float]:
    if a.day is None or b.day is None:
        return None
    gap = abs(a.day - b.day)
    if gap > _window(a, b):
        return None
    parts = settings()["score"]["parts"]
    if a.precision > 1 or b.precision > 1:
        return parts["date_fuzzy"]
    return parts["date_same_day"] if gap == 0 else parts["date_next_day"]


def _place_part(a: Member, b: Member) -> Optional[float]:
    if a.country and b.country and a.country != b.country:
        return None
    conf, parts = settings()["places"], settings()["score"]["parts"]
    coarse = conf["coarse_precision"]
    # One place in the other's district: the district's name for a place (or the district
    # its town is named after) against a place in it, or two places of one district.
    district = bool(a.admin2 and a.admin2 == b.admin2) or _in_district(a, b) or _in_district(b, a)
    if (a.geo_precision or 0) >= coarse or (b.geo_precision or 0) >= coarse:
        # One side is known only to its province (or district): same province at best, a
        # weak agreement, unless the district is known on both sides.
        if a.name and a.name == b.name:
            return parts["place_same"]
        if district:
            return parts["place_admin2"]
        return parts["place_admin1"] if a.admin1 and a.admin1 == b.admin1 else None
    if None not in (a.lat, a.lon, b.lat, b.lon):
        d = km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]
        if d > conf["max_km"]:
            return None
        if d <= conf["same_km"] or (a.name and a.name == b.name):
            return parts["place_same"]
        contained = _in_district(a, b) or _in_district(b, a)
        if (a.geo_precision == 1 and b.geo_precision == 1 and a.name and b.name and d > conf["distinct_km"]
                and not contained):
            return None  # two towns each report names as the place itself: two places
        share = (d - conf["same_km"]) / (conf["max_km"] - conf["same_km"])
        near = parts["place_near"] - share * (parts["place_near"] - parts["place_far"])
        return max(near, parts["place_admin2"]) if contained else near
    if a.name and a.name == b.name:
        return parts["place_same"]
    if district:
        return parts["place_admin2"]
    return None


def _in_district(a: Member, b: Member) -> bool:
    """`b` lies in the district that `a` is named after (a report naming the district or
    its namesake town, another a village in it)."""
    return bool(a.name and b.admin2 and a.name == b.admin2 and a.name != b.name)


@lru_cache(maxsize=1)
def _families() -> dict[str, int]:
    return {t: i for i, family in enumerate(settings()["types"]["families"]) for t in family}


def _type_part(a: Member, b: Member) -> Optional[float]:
    parts = settings()["score"]["parts"]
    if not a.event_type or not b.event_type:
        return parts["type_family"]
    if a.event_type == b.event_type:
        return parts["type_sub"] if a.sub_event_type == b.sub_event_type else parts["type_same"]
    fa, fb = _families().get(a.event_type), _families().get(b.event_type)
    return parts["type_family"] if fa is not None and fa == fb else None


def same_actor(x: str, y: str) -> bool:
    """Whether two folded actor names name one group: alike, one the other's name and more
    (a branch: "islamic state" and "islamic state khorasan province"; the short form with
    the full name: "jnim" and "jnim jamaat nusrat al islam wal muslimin"), or both in one
    family of affiliates in sitrep/data/fuse.toml (a group reports name by its parent)."""
    if not x or not y:
        return False
    if x == y or x.startswith(y + " ") or y.startswith(x + " "):
        return True
    fx, fy = _affiliation(x), _affiliation(y)
    return fx is not None and fx == fy


@lru_cache(maxsize=4096)
def _affiliation(name: str) -> Optional[int]:
    for i, family in enumerate(settings()["actors"]["affiliates"]):
        if any(name == n or name.startswith(n + " ") for n in family):
            return i
    return None


def _actor_part(a: Member, b: Member) -> tuple[float, bool]:
    """(agreement in [0, 1], whether the two reports name different perpetrators)."""
    parts = settings()["score"]["parts"]
    if same_actor(a.actor1, b.actor1):
        return parts["actor_same"], False
    if a.actor1 and b.actor1 and (same_actor(a.actor1, b.actor2) or same_actor(a.actor2, b.actor1)):
        return parts["actor_crossed"], False
    if not a.actor1 or not b.actor1:
        return parts["actor_unknown"], False
    return 0.0, True


def _words_part(a: Member, b: Member) -> float:
    if not a.words or not b.words:
        return 0.0
    return len(a.words & b.words) / min(len(a.words), len(b.words))


def pair_score(a: Member, b: Member) -> Optional[float]:
    """The score of two events being one incident, or None when a gate rules it out."""
    if a.doc_id == b.doc_id:
        return None
    return _score(a, b)


def split_score(a: Member, b: Member) -> Optional[float]:
    """Two events of one report are one incident only where the extractor split one in two:
    they name the same perpetrator (not an unidentified one), have the same type, lie at
    the same located place (one name, or within same_km: a town and a building in it; not
    a province named twice) and pass the date window and the threshold as events of two
    reports would. Round-ups of one group's attacks stay apart (a shared name is not
    enough: a town and "elsewhere in the province", two towns, or the province twice are
    two places), and a merge still needs another report's event that links to both
    (link_members never starts from a pair of one report)."""
    if a.doc_id != b.doc_id or a.index == b.index:
        return None
    if not a.actor1 or not same_actor(a.actor1, b.actor1) or a.event_type != b.event_type:
        return None
    coarse = settings()["places"]["coarse_precision"]
    if (a.geo_precision or coarse) >= coarse or (b.geo_precision or coarse) >= coarse:
        return None   # "in Borno" twice is no one place: a round-up's attacks in one province
    if _place_part(a, b) != settings()["score"]["parts"]["place_same"]:
        return None
    s = _score(a, b)
    return s if s is not None and s >= settings()["score"]["threshold"] else None


def _score(a: Member, b: Member) -> Optional[float]:
    date = _date_part(a, b)
    if date is None:
        return None
    place = _place_part(a, b)
    if place is None:
        return None
    kind = _type_part(a, b)
    if kind is None:
        return None
    actor, contradicts = _actor_part(a, b)
    w = settings()["score"]
    total = (w["date"] * date + w["place"] * place + w["type"] * kind + w["actor"] * actor
             + w["words"] * _words_part(a, b))
    return total - (w["actor_contradiction"] if contradicts else 0.0)


# ---------------------------------------------------------------- clustering


def link_members(members: Iterable[Member]) -> dict[Key, str]:
    """Incident id of every member: agglomerative, best pair first, never two events of
    one document in one incident."""
    members = sorted(members, key=lambda m: m.key)
    threshold = settings()["score"]["threshold"]
    scores: dict[tuple[int, int], float] = {}
    for i, j in _candidates(members):
        s = pair_score(members[i], members[j])
        if s is not None:
            scores[(i, j)] = s
    pairs = sorted(((s, i, j) for (i, j), s in scores.items() if s >= threshold),
                   key=lambda p: (-p[0], p[1], p[2]))

    # Average linkage with complete gates: two incidents merge only when every event of
    # one could be the same incident as every event of the other (no chains of "next
    # day, next town") and their pairs score on average at least the threshold. Two
    # events of one report meet in one incident only as a split pair (split_score).
    cluster = list(range(len(members)))       # member -> its incident's first member
    parts: dict[int, list[int]] = {i: [i] for i in range(len(members))}
    for _, i, j in pairs:
        ci, cj = cluster[i], cluster[j]
        if ci == cj:
            continue
        a, b = parts[ci], parts[cj]
        cross = [scores.get((min(x, y), max(x, y))) if members[x].doc_id != members[y].doc_id
                 else split_score(members[x], members[y]) for x in a for y in b]
        if None in cross or sum(cross) / len(cross) < threshold:  # type: ignore[arg-type]
            continue
        # The smaller index names the merged incident: it is the earliest member.
        keep, gone = min(ci, cj), max(ci, cj)
        parts[keep] = sorted(parts[keep] + parts.pop(gone))
        for x in parts[keep]:
            cluster[x] = keep
    return {m.key: incident_id(members[cluster[i]].key) for i, m in enumerate(members)}


def widest_window_days(precision: int = 3) -> int:
    """The most days apart two events may be and still link, when neither's date is less
    precise than `precision` (1 the day, 2 the week, 3 the month): a caller that gathers
    stored events around new ones (sitrep ingest) needs at least this many days either side
    to see every event they could link to."""
    conf = settings()["dates"]
    slack = max(v for k, v in conf["slack_days"].items() if int(k) <= precision)
    return conf["base_days"] + 2 * slack


def _candidates(members: Sequence[Member]) -> Iterable[tuple[int, int]]:
    """Index pairs close enough in time to be worth scoring (sorted by day, then a bisect)."""
    widest = widest_window_days()
    dated = sorted((m.day, i) for i, m in enumerate(members) if m.day is not None)
    days = [d for d, _ in dated]
    for pos, (day, i) in enumerate(dated):
        end = bisect.bisect_right(days, day + widest)
        for _, j in dated[pos + 1:end]:
            a, b = members[i], members[j]
            if a.doc_id != b.doc_id and (not a.country or not b.country or a.country == b.country):
                yield (i, j) if i < j else (j, i)


def incident_id(earliest: Key) -> str:
    """A stable id from the incident's earliest member: 'inc-' and 12 hex digits."""
    doc_id, index = earliest
    return "inc-" + hashlib.sha1(f"{doc_id}\x00{index}".encode()).hexdigest()[:12]


def link(items: list[tuple[Document, Extraction]]) -> dict[Key, str]:
    """(document id, event index) -> incident id for every event of the batch."""
    return link_members(m for doc, extraction in items for m in members_of(doc, extraction))


def assign_incident_ids(extraction: Extraction, ids: dict[Key, str]) -> Extraction:
    """Writes each event's incident id (from `link`) on it; returns the same extraction."""
    for i, event in enumerate(extraction.events):
        event.incident_id = ids.get((extraction.id, i))
    return extraction


# ---------------------------------------------------------------- tallies


def link_tallies(items: list[tuple[Document, Extraction]]) -> dict[Key, str]:
    """(document id, tally index) -> id for every tally: tallies of different documents
    over the same area (folded name, same country) whose periods overlap share an id."""
    entries = []
    for doc, extraction in items:
        for i, tally in enumerate(extraction.tallies):
            entries.append(((doc.id, i), tally))
    entries.sort(key=lambda e: e[0])
    parent = list(range(len(entries)))
    docs = [{key[0]} for key, _ in entries]

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_area: dict[tuple[str, str], list[int]] = {}
    for i, (_, tally) in enumerate(entries):
        by_area.setdefault((fold(tally.country or ""), fold(tally.area or tally.label or "")), []).append(i)
    for (_, area), group in by_area.items():
        if not area:
            continue
        for x, i in enumerate(group):
            for j in group[x + 1:]:
                ri, rj = root(i), root(j)
                if ri == rj or docs[ri] & docs[rj] or not _overlap(entries[i][1], entries[j][1]):
                    continue
                ri, rj = min(ri, rj), max(ri, rj)
                parent[rj] = ri
                docs[ri] |= docs[rj]
    return {key: "tly-" + incident_id(entries[root(i)][0])[4:] for i, (key, _) in enumerate(entries)}


def _overlap(a: Tally, b: Tally) -> bool:
    def span(t: Tally) -> Optional[tuple[dt.date, dt.date]]:
        start, end = t.start or t.end, t.end or t.start
        return (start, end) if start and end else None

    sa, sb = span(a), span(b)
    if sa is None or sb is None:
        return False
    return sa[0] <= sb[1] + dt.timedelta(days=1) and sb[0] <= sa[1] + dt.timedelta(days=1)
