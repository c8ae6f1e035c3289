"""The order of the extraction stages; nothing else.

Each stage is `annotate(parsed: ParsedText) -> None`: it reads what earlier stages
stored in `parsed.annotations` and adds its own findings under its name.
"""
from __future__ import annotations

import datetime as dt
import time

from sitrep.extract import actors, claims, dates, events, figures, geocode, mentions, numbers, places, text, types
from sitrep.extract.budget import DEFAULT_TIME_BUDGET, budget_for, time_budget
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


def extract(doc: Document, timings: dict[str, float] | None = None,
            budget: float | None = DEFAULT_TIME_BUDGET) -> Extraction:
    """Run every stage over one document. With `timings`, add each stage's seconds to it.

    `budget`: seconds the document may take (longer documents get more, see
    `budget.budget_for`; None or 0: no limit); past it, raises TimeBudgetExceeded.
    """
    if budget and not _warm:
        warm_up()
    with time_budget(budget_for(len(doc.text), budget)):
        return _run_stages(doc, timings)


# Loads what the stages load on first use (gazetteer, lexicons, models), so that loading
# is not charged to the first document's time budget.
_WARM_UP = Document(id="warm-up", published=dt.date(2026, 2, 4), title="Militants attack police post",
                    text="QUETTA, Feb 3 (Reuters) - At least 12 soldiers and 5 civilians were killed and 20 "
                         "injured on Monday when gunmen stormed a police station in Turbat, Kech district, "
                         "police said. The Baloch Liberation Army claimed responsibility; the minister blamed "
                         "India, which denied it. Rifles cost PKR 150,000 ($540) each.")
_warm = False


def warm_up() -> None:
    global _warm
    _run_stages(_WARM_UP, None)
    _warm = True


def _run_stages(doc: Document, timings: dict[str, float] | None) -> Extraction:
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
