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


def test_a_district_outside_the_events_place_chain_is_an_event_of_its_own():
    out = run("Gunmen killed five villagers in Kolpur on Monday, police said.\n\n"
              "On Monday, soldiers clashed with bandits in Zarghun district, killing three of them.")
    assert [e.location.name for e in out.events] == ["Kolpur", "Zarghun"]


def test_the_district_of_the_events_place_chain_is_the_same_event():
    out = run("Gunmen killed five villagers in Kolpur, Zarghun district, on Monday, police said.\n\n"
              "On Monday, soldiers chased the gunmen in Zarghun district and arrested two of them.")
    assert [e.location.name for e in out.events] == ["Kolpur"]


def test_a_draft_dated_only_by_the_report_day_joins_the_dated_one_at_its_place():
    from sitrep.extract import events as ev
    from sitrep.extract.pipeline import annotate
    from sitrep.extract.text import parse
    parsed = parse("Police shot dead nine protesters in Dakar on Saturday.\n\nPolice arrested 30 people in Dakar.", PUBLISHED)
    annotate(parsed, before="events")
    dakar = [p for p in parsed.places if p.name == "Dakar"]
    def told():
        return ev._Draft(place=dakar[0], date=dt.date(2026, 1, 31), precision=1, sentences=[0], told=True, dated=True)

    def later():
        return ev._Draft(place=dakar[1], date=PUBLISHED, precision=2, sentences=[1], told=True)
    for drafts in ([told(), later()], [later(), told()]):
        kept, = ev._consolidate(parsed, drafts)
        assert (kept.date, sorted(kept.sentences)) == (dt.date(2026, 1, 31), [0, 1])
    apart = ev._Draft(place=dakar[1], date=dt.date(2026, 2, 2), precision=1, sentences=[1], told=True, dated=True)
    assert len(ev._consolidate(parsed, [told(), apart])) == 2


def test_a_single_incidents_toll_worded_as_a_total_is_the_events_toll():
    out = run("Gunmen attacked a wedding party in Gwoza on Saturday, police said.\n\n"
              "The police have so far confirmed that 18 people were killed.")
    event, = out.events
    assert event.fatalities == 18
    assert not any(c.best == 18 for t in out.tallies for c in t.casualties)


def test_a_total_over_a_period_stays_a_tally_beside_the_event():
    out = run("Gunmen attacked a wedding party in Gwoza on Saturday, police said.\n\n"
              "So far this year 180 people were killed in the state.")
    event, = out.events
    assert event.fatalities == 0
    assert any(c.best == 180 for t in out.tallies for c in t.casualties)


def test_the_lead_after_a_headline_line_folds_into_the_exact_place_the_body_tells():
    out = run("Five killed in attack in Zarghun\n\n"
              "Gunmen killed five people in Zarghun district on Monday, officials said.\n\n"
              "The gunmen stormed a house in the village of Kolpur on Monday and opened fire on the family, police said.")
    event, = out.events
    assert (event.location.name, event.fatalities) == ("Kolpur", 5)


def test_a_known_town_named_without_figures_at_the_point_of_an_unknown_scene_is_its_setting():
    out = run("Gunmen killed five farmers in the Zorbokala area near Marawi on Monday, police said.\n\n"
              "On Monday, troops also clashed with militants in Marawi, the army said.")
    event, = out.events
    assert (event.location.name, event.fatalities) == ("Zorbokala", 5)


def test_towns_the_map_places_apart_keep_their_events():
    out = run("Gunmen killed five farmers in Marawi on Monday, police said.\n\n"
              "On Monday, troops also clashed with militants in Cotabato, the army said.")
    assert [e.location.name for e in out.events] == ["Marawi", "Cotabato"]
