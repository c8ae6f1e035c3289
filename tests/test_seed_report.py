"""The bundled example, the seed report, must come out right end to end."""
import datetime as dt
from importlib import resources

import pytest

from sitrep.extract.pipeline import extract
from sitrep.model import Document


@pytest.fixture(scope="module")
def seed():
    text = (resources.files("sitrep") / "examples" / "seed-report.txt").read_text(encoding="utf-8")
    return text, extract(Document(id="seed", text=text, published=dt.date(2026, 2, 4)))


def test_the_over_250_dead_total_is_a_tally_not_an_event(seed):
    _, out = seed
    totals = [c for t in out.tallies for c in t.casualties if c.best == 250]
    assert [(c.outcome, c.group, c.low, c.high, c.qualifier) for c in totals] == [("killed", "all", 250, None, "more_than")]


def test_the_72_hour_table_is_one_tally_with_open_high_for_36_plus(seed):
    _, out = seed
    table = next(t for t in out.tallies if any(c.best == 197 for c in t.casualties))
    got = {(c.group, c.best, c.high) for c in table.casualties}
    assert got == {("militants", 197, 197), ("security_forces", 22, 22), ("civilians", 36, None)}
    assert (table.start, table.end) == (dt.date(2026, 2, 1), dt.date(2026, 2, 4))
    assert table.label == "Operation Herof Phase II"


def test_accusations_and_new_delhis_denial(seed):
    _, out = seed
    kinds = {(c.kind, c.speaker, c.target) for c in out.claims}
    assert ("accusation", "Khawaja Asif", "India") in kinds
    assert ("accusation", "Khawaja Asif", "Afghanistan") in kinds
    assert any(kind == "denial" and speaker == "India" for kind, speaker, _ in kinds)


def test_the_four_money_figures_with_their_currencies(seed):
    _, out = seed
    amounts = sorted((m.amount.currency, m.amount.low, m.amount.high) for m in out.mentions if m.amount)
    assert amounts == [("PKR", 2_000_000, 2_000_000), ("PKR", 4_000_000_000, 4_000_000_000),
                       ("USD", 4000, 5000), ("USD", 20_000, 20_000)]


def test_the_bus_passenger_executions_are_the_one_event(seed):
    text, out = seed
    event, = out.events
    assert (event.date, event.date_precision) == (dt.date(2026, 1, 31), 2)
    assert event.location.name == "Balochistan"
    assert event.event_type == "Violence against civilians"
    start, end = event.evidence[0]
    assert "executed" in text[start:end]


def test_every_span_lies_inside_the_text(seed):
    text, out = seed
    spans = [c.span for t in out.tallies for c in t.casualties] + [m.span for m in out.mentions]
    spans += [c.span for c in out.claims] + [s for e in out.events for s in e.evidence]
    spans += [a.span for e in out.events for a in (e.actor1, e.actor2) if a and a.span]
    assert spans and all(0 <= s <= e <= len(text) for s, e in spans if (s, e) != (None, None))
