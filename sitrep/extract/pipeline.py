"""The extraction stages, what each reads and fills, and their order; nothing else.

Each stage is `annotate(parsed: ParsedText) -> None`: it reads the fields of the typed
document (sitrep.extract.text.ParsedText) that earlier stages filled and fills its own.
`STAGES` declares both, like spaCy's components' `requires` and `assigns`: a field named
`events.location` is one that a stage fills on the events another stage made. The order
is checked when this module loads (`check_order`), and tests/test_pipeline.py checks that
each stage reads and fills only what it declares.
"""
from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Callable

from sitrep.extract import actors, claims, dates, events, figures, geocode, mentions, numbers, places, text, types
from sitrep.extract.budget import DEFAULT_TIME_BUDGET, budget_for, time_budget
from sitrep.model import Document, Extraction


@dataclass(frozen=True)
class Stage:
    name: str
    annotate: Callable[[text.ParsedText], None]
    requires: tuple[str, ...]    # fields of ParsedText it reads, filled by earlier stages
    assigns: tuple[str, ...]     # fields it fills


STAGES = (
    # "over 250", "twenty-two", "36+" -> quantities
    Stage("numbers", numbers.annotate, (), ("numbers",)),
    # "on Sunday night" -> days, against the publication date
    Stage("dates", dates.annotate, (), ("dates",)),
    # place names in the text, their roles and chains ("a village near Kolpur")
    Stage("places", places.annotate, (), ("places",)),
    # "the BLA", "security forces" -> canonical actors; the report's countries
    Stage("actors", actors.annotate, (), ("actors", "countries", "main_country")),
    # casualty counts: outcome, group, qualifier, source
    Stage("figures", figures.annotate, ("numbers",), ("figures",)),
    # events per place and day (drafts placed as geocode will place them, to fold parts of one
    # incident together); tallies apart
    Stage("events", events.annotate, ("countries", "dates", "figures", "main_country", "places"),
          ("events", "tallies")),
    # places to coordinates, admin levels, geo-precision
    Stage("geocode", geocode.annotate, ("actors", "countries", "events", "main_country", "places", "tallies"),
          ("geocode", "events.location", "tallies.location")),
    # ACLED and GTD types and the two sides of each event
    Stage("types", types.annotate, ("actors", "events", "main_country", "places"), ("events.types",)),
    # responsibility, accusation, denial, threat
    Stage("claims", claims.annotate, ("actors", "countries", "main_country"), ("claims",)),
    # equipment, weapons, money
    Stage("mentions", mentions.annotate, (), ("mentions",)),
)


def check_order(stages: tuple[Stage, ...]) -> None:
    """Raise ValueError unless every field a stage requires is filled by an earlier stage."""
    filled: set[str] = set()
    for stage in stages:
        missing = [f for f in stage.requires if f not in filled]
        if missing:
            raise ValueError(f"stage {stage.name!r} requires {', '.join(missing)}, which no earlier stage assigns")
        filled.update(stage.assigns)


check_order(STAGES)


def annotate(parsed: text.ParsedText, *, through: str | None = None,
             before: str | None = None) -> text.ParsedText:
    """Run the stages over `parsed` in order: all of them, or up to and including the stage
    named `through`, or up to the one named `before` (for looking at one stage's input)."""
    names = [stage.name for stage in STAGES]
    for name in (through, before):
        if name is not None and name not in names:
            raise ValueError(f"no stage {name!r}; the stages are {', '.join(names)}")
    for stage in STAGES:
        if stage.name == before:
            break
        stage.annotate(parsed)
        if stage.name == through:
            break
    return parsed


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
        for stage in STAGES:
            stage.annotate(parsed)
    else:
        t1 = time.perf_counter()
        timings["sentences"] = timings.get("sentences", 0.0) + t1 - t0
        for stage in STAGES:
            stage.annotate(parsed)
            t0, t1 = t1, time.perf_counter()
            timings[stage.name] = timings.get(stage.name, 0.0) + t1 - t0
    return Extraction(
        id=doc.id,
        events=parsed.events,
        tallies=parsed.tallies,
        claims=parsed.claims,
        mentions=parsed.mentions,
    )
