"""Every stage on random and adversarial text: it finishes well inside the time budget, raises
nothing, and every span it gives lies inside the text."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sitrep.extract import pipeline
from sitrep.model import Document

# Seconds one generated document may take: far above what a report of this size needs
# (~0.02 s; the pathological ones below ~1 s), so only a stage that loops or backtracks
# without end fails, even on a loaded machine.
BUDGET = 10.0

# Pieces the stages react to, so that random text reaches their rules, not only the tokenizer.
PIECES = [
    "killed", "wounded", "at least", "more than", "dozens of", "hundreds", "36+", "twenty-two", "1,200",
    "soldiers", "police", "militants", "civilians", "were", "and", ",", ".", ";", ":", "—", "-", "(", ")",
    "\n", "\n\n", '"', "'", "on Monday", "last week", "October 17", "2026-02-01", "yesterday",
    "in Quetta", "Balochistan", "Kech district", "KABUL, Oct 3 (Reuters) -", "BANGKOK --", "Mr.", "U.S.",
    "the BLA", "Boko Haram", "security forces", "claimed responsibility", "denied", "blamed", "accused",
    "warned", "said", "according to", "no group", "toll rose to", "up from", "Rs", "PKR", "$", "₹", "USD",
    "million", "rifles", "drone", "IED", "suicide bomber", "protesters", "stormed", "clashed", "[size=no report]",
    "Fatalities coded as 0", "Town (District, Province)", "%", "'s", "&amp;", "\u00a0", "\t", "…",
]
REPORTS = st.lists(st.one_of(st.sampled_from(PIECES), st.integers(-10, 10**7).map(str),
                             st.text(max_size=12)), max_size=400).map(" ".join)
TEXTS = st.one_of(st.text(max_size=3000), REPORTS)


def _spans(extraction):
    for e in extraction.events:
        yield from e.evidence
        yield from (c.span for c in e.casualties)
    for t in extraction.tallies:
        yield t.span
        yield from (c.span for c in t.casualties)
    yield from (c.span for c in extraction.claims)
    yield from (m.span for m in extraction.mentions)


def _check(text: str, day: dt.date, title: str | None = None) -> None:
    doc = Document(id="random", text=text, title=title, published=day)
    extraction = pipeline.extract(doc, budget=BUDGET)
    for span in _spans(extraction):
        if span is not None:
            start, end = span
            assert 0 <= start <= end <= len(text), (span, len(text))


@settings(max_examples=120, deadline=None)
@given(text=TEXTS, day=st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)),
       title=st.one_of(st.none(), st.text(max_size=80), REPORTS.map(lambda s: s[:120])))
@example(text="", day=dt.date(2026, 2, 4), title=None)
@example(text="\n" * 5000, day=dt.date(2026, 2, 4), title=None)
@example(text="Rebels\nclaimed responsibility\nfor the attack in which 3 were killed.", day=dt.date(2026, 2, 4),
         title=None)
def test_any_text_is_extracted_inside_the_budget(text, day, title):
    _check(text, day, title)


@pytest.mark.parametrize("text", [
    "a" * 200_000,                                        # one endless word
    "killed " * 30_000,                                   # one cue again and again
    "1," * 50_000 + "1 killed",                           # a never-ending number
    "(" * 20_000 + "police said" + ")" * 20_000,          # deep brackets
    ("Quetta, " * 20_000) + "were attacked.",             # an endless list of places
    ". " * 50_000,                                        # sentences of nothing
    "At least " * 10_000 + "36 soldiers were killed.",    # qualifiers without end
    "The BLA claimed " * 5_000 + "responsibility.",
], ids=["word", "cue", "number", "brackets", "places", "dots", "qualifiers", "claims"])
def test_pathological_documents_finish_inside_the_budget(text):
    # The budget grows with length (budget_for), as it does for any long document.
    _check(text, dt.date(2026, 2, 4))
