"""Document-level decisions of the events stage: list items, dateline places, merges."""
import datetime as dt

from sitrep.extract.pipeline import extract
from sitrep.model import Document

PUBLISHED = dt.date(2026, 2, 4)  # a Wednesday


def run(text, published=PUBLISHED):
    return extract(Document(id="t", text=text, published=published))


def test_a_list_item_is_no_headline_and_its_figure_counts():
    from sitrep.extract import events as ev
    from sitrep.extract.text import parse
    parsed = parse("Gunmen attacked Gwoza on Saturday, officials said:\n- Villagers killed: 12\n- Houses burned", PUBLISHED)
    assert [ev._is_headline(parsed, s) for s in parsed.sentences if s.text.startswith("- ")] == [False, False]
    out = run("Gunmen attacked a market in Gwoza on Saturday, officials said. The toll:\n\n"
              "- Villagers killed: 12\n- Houses burned: 30")
    event, = out.events
    assert event.fatalities == 12
