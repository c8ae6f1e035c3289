"""The order of the extraction stages; nothing else.

Each stage is `annotate(parsed: ParsedText) -> None`: it reads what earlier stages
stored in `parsed.annotations` and adds its own findings under its name.
"""
from __future__ import annotations

import datetime as dt
import time

from sitrep.extract import actors, claims, dates, events, figures, geocode, mentions, numbers, places, text, types
from sitrep.model import Document, Extraction

STAGES = (
    ("numbers", numbers.annotate),    # "over 250", "twenty-two", "36+" -> quantities
    ("dates", dates.annotate),        # "on Sunday night" -> days, against the publication date
    ("places", places.annotate),      # place names in the text
    ("actors", actors.annotate),      # "the BLA", "security forces" -> canonical actors
    ("figures", figures.annotate),    # casualty counts: outcome, group, qualifier, source
    ("events", events.annotate),      # events per place and day; tallies apart
    ("geocode", geocode.annotate),    # places to coordinates, admin levels, geo-precision
    ("types", types.annotate),        # ACLED and GTD types of each event
    ("claims", claims.annotate),      # responsibility, accusation, denial, threat
    ("mentions", mentions.annotate),  # equipment, weapons, money
)


def extract(doc: Document, timings: dict[str, float] | None = None) -> Extraction:
    """Run every stage over one document. With `timings`, add each stage's seconds to it."""
    t0 = time.perf_counter()
    parsed = text.parse(doc.text, doc.published or dt.date.today(), title=doc.title)
    if timings is None:
        for _name, stage in STAGES:
            stage(parsed)
    else:
        t1 = time.perf_counter()
        timings["sentences"] = timings.get("sentences", 0.0) + t1 - t0
        for name, stage in STAGES:
            stage(parsed)
            t0, t1 = t1, time.perf_counter()
            timings[name] = timings.get(name, 0.0) + t1 - t0
    a = parsed.annotations
    return Extraction(
        id=doc.id,
        events=a.get("events", []),
        tallies=a.get("tallies", []),
        claims=a.get("claims", []),
        mentions=a.get("mentions", []),
    )
