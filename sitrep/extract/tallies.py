"""Tallies: totals over an area or a period that belong to no single incident.

The events stage decides which figures are totals ("197 terrorists killed in the last 72
hours", a table of the week's dead, "over 250 dead in attacks across Balochistan"); this
module turns them into Tally records with a label, an area, a period and a source.
"""
from __future__ import annotations

import re

from sitrep.extract.figures import Figure, dedupe
from sitrep.model import Tally

_OPERATION = re.compile(r"(?:dubbed|called|named|codenamed|code-named)?\s*[\"“‘']?(?P<name>Operation\s+[A-Z][\w'’\-]*(?:\s+(?:[A-Z][\w'’\-]*|I{1,3}|IV|V|\d+))*)")


def period(own):
    """(start, end) of a period named among a sentence's date mentions, else None."""
    for m in own:
        if m.kind == "period":
            return m.day, m.end_day
    return None


def operation_name(text: str) -> str | None:
    m = _OPERATION.search(text)
    return m.group("name").strip(" ”\"'’") if m else None


def build_tallies(parsed, tally_figures, dates_in, main_place) -> list[Tally]:
    """One tally per sentence (or table) of totals, with its area, period, label and source."""
    out: list[Tally] = []
    label = operation_name(parsed.text) if tally_figures else None
    by_block: dict[object, list[Figure]] = {}
    for f, sentence in tally_figures:
        key = "table" if "|" in sentence.text else sentence.index
        by_block.setdefault(key, []).append(f)
    places = parsed.places
    for key, figs in by_block.items():
        sentences = [parsed.sentences[f.sentence] for f in figs]
        # A total its breakdown adds up to is an event's subset but a tally's own figure.
        own = {s.index for s in sentences}
        figs = sorted(figs + [f for f in parsed.figures if f.total and f.sentence in own],
                      key=lambda f: f.count.span[0])
        days = None
        for s in sentences:
            days = days or period(dates_in.get(s.index, []))
        area = None
        for p in places:
            if p.role != "dateline" and any(s.start <= p.start < s.end for s in sentences):
                area = p.name
                break
        if area is None and main_place is not None:
            area = main_place.name
        start, end = days if days else (None, parsed.published)
        counts = [f.count for f in dedupe(figs)]
        country = parsed.main_country
        out.append(Tally(label=label, area=area, country=country.name if country else None,
                         start=start, end=end, casualties=counts,
                         source=next((c.source for c in counts if c.source), None),
                         span=(min(s.start for s in sentences), max(s.end for s in sentences))))
    return out
