"""Events per place and day, tallies apart, background and off-topic reports."""
import datetime as dt

import pytest

from sitrep.extract.pipeline import extract
from sitrep.model import Document

PUBLISHED = dt.date(2026, 2, 4)  # a Wednesday


def run(text, published=PUBLISHED):
    return extract(Document(id="t", text=text, published=published))


def test_a_list_of_places_is_one_event_each():
    out = run("Militants attacked police posts in Musakhail, Kalat and Bolan on Sunday night, officials said.")
    assert [e.location.name for e in out.events] == ["Musakhail", "Kalat", "Bolan"]
    assert {e.date for e in out.events} == {dt.date(2026, 2, 1)}
    assert {e.date_precision for e in out.events} == {1}


def test_paragraphs_about_different_places_keep_their_own_figures():
    out = run("In Kalat, gunmen fought police through the night. Police said four policemen were killed.\n\n"
              "In Bela, attackers stormed a camp on Monday. Two attackers were killed, officials said.")
    by_place = {e.location.name: e for e in out.events}
    assert set(by_place) == {"Kalat", "Bela"}
    assert by_place["Kalat"].fatalities == 4
    assert by_place["Bela"].fatalities == 2
    assert by_place["Bela"].date == dt.date(2026, 2, 2)


def test_evidence_spans_cover_the_sentences_that_state_the_event():
    text = "Gunmen shot dead three soldiers in Turbat on Tuesday. The weather was fine."
    event = run(text).events[0]
    (start, end), = event.evidence
    assert text[start:end] == "Gunmen shot dead three soldiers in Turbat on Tuesday."
    assert event.casualties[0].span is not None


def test_without_a_date_the_event_takes_the_publication_day_at_precision_2():
    event = run("Gunmen shot dead three soldiers in Turbat, police said.").events[0]
    assert (event.date, event.date_precision) == (PUBLISHED, 2)


def test_totals_over_a_period_are_tallies_not_events():
    out = run("The military said 197 terrorists were killed in the last 72 hours.")
    assert out.events == []
    tally, = out.tallies
    assert [(c.group, c.best) for c in tally.casualties] == [("militants", 197)]
    assert (tally.start, tally.end) == (dt.date(2026, 2, 1), PUBLISHED)


def test_totals_across_an_area_are_tallies_with_the_area():
    out = run("The offensive has left over 120 dead in attacks across Balochistan.")
    assert out.events == []
    assert out.tallies[0].area == "Balochistan"
    count = out.tallies[0].casualties[0]
    assert (count.best, count.qualifier, count.high) == (120, "more_than", None)


def test_an_incident_recalled_from_years_ago_is_not_an_event():
    out = run("When gunmen stormed the school in Peshawar in December 2014 they killed more than 140 people.")
    assert out.events == []


def test_a_report_about_sport_has_no_event():
    out = run("Peshawar Zalmi crushed Lahore Qalandars by seven wickets at the stadium on Thursday. "
              "The captain fought a lone battle with 52 runs from 37 balls, and the bowling attack "
              "took three wickets in four overs to win the match and top the league.")
    assert out.events == []


def test_event_fatalities_add_groups_and_keep_the_first_figure_of_each():
    out = run("Gunmen killed 12 civilians in Bannu on Tuesday, and at least six attackers died. "
              "A hospital spokesman said 12 people had been killed.")
    assert out.events[0].fatalities == 18


def test_empty_text_gives_an_empty_extraction():
    out = run("")
    assert (out.events, out.tallies, out.claims, out.mentions) == ([], [], [], [])


def test_a_summary_of_many_attacks_gives_a_tally_and_no_roll_call_of_events():
    out = run("Militants attacked about a dozen locations across Balochistan on Saturday. "
              "The military said the attackers killed 18 civilians and 15 security personnel.\n\n"
              "Attacks were reported in Quetta, Mastung, Noshki, Kharan and Gwadar.")
    assert out.events == []
    assert {(c.group, c.best) for t in out.tallies for c in t.casualties} == {("civilians", 18), ("security_forces", 15)}


def test_a_place_named_beside_a_nationwide_campaign_is_still_an_event():
    out = run("On Tuesday, party members vandalized a bus in Khulna city during the ongoing nationwide blockade. "
              "Two people were injured in the incident.")
    event, = out.events
    assert event.location.name == "Khulna"
    assert [(c.outcome, c.best) for c in event.casualties] == [("injured", 2)]


def test_figures_over_several_operations_are_a_tally():
    out = run("On Friday the military said forces killed 41 militants in two separate operations in the province.")
    assert [c.best for t in out.tallies for c in t.casualties] == [41]
    assert all(e.fatalities == 0 for e in out.events)


def test_a_threat_to_kill_is_neither_a_figure_nor_an_event():
    out = run("The caller threatened to kill the child and dump his body in Karachi if the ransom was not paid.")
    assert out.events == [] and out.tallies == []


def test_protests_in_various_parts_of_one_city_are_one_event_there():
    out = run("On 7 May 2020, at least 20 party members held protests in various parts of Tiruchirappalli city "
              "against the opening of liquor shops. Police arrested 20 protesters.", dt.date(2020, 5, 8))
    event, = out.events
    assert (event.location.name, event.date) == ("Tiruchirappalli", dt.date(2020, 5, 7))


def test_a_short_analysts_note_that_no_sentence_rule_opens_is_still_one_event():
    # "took to the streets" is no trigger word, but a dated one-line note is one event.
    out = run("On 4 June 2021, about 200 teachers took to the streets in Koudougou to demand unpaid "
              "allowances. [size=about 200]", dt.date(2021, 6, 5))
    event, = out.events
    assert (event.location.name, event.date) == ("Koudougou", dt.date(2021, 6, 4))
    assert event.event_type == "Protests"


def test_a_long_report_with_no_incident_does_not_get_a_note_event():
    text = ("On 4 June 2021, the ministry published its annual figures on school enrolment in Koudougou.\n\n"
            "Officials said the new classrooms would open in September.")
    assert run(text, dt.date(2021, 6, 5)).events == []


def test_is_note_wants_one_short_line():
    from sitrep.extract.events import is_note
    assert is_note("On 3 May 2020, police arrested two men in Kaya.")
    assert not is_note("First paragraph.\n\nSecond paragraph.")
    assert not is_note("word " * 300)
    assert not is_note("   ")


@pytest.mark.parametrize("text", [
    "Villagers lynch a suspected goat thief in Kisii town.",
    "Nurses hold sit-ins at the county hospital in Nakuru to demand unpaid salaries.",
    "Two clans battle over grazing land near Wajir town.",
    "Herders spear a farmer who strayed into their grazing area.",
])
def test_a_headline_style_note_is_one_event(text):
    out = run(text)
    assert len(out.events) == 1


def test_a_one_line_text_about_nothing_violent_has_no_event():
    assert run("The weather in Kisii was fine on Tuesday and the market opened early.").events == []


def test_a_sentence_about_a_month_opens_no_event():
    out = run("Militants carried out 97 attacks in the north in January, a monitoring group said.\n\n"
              "Attacks killed 80 civilians in Khyber district in January.")
    assert out.events == []
    assert 80 in {c.best for t in out.tallies for c in t.casualties}


def test_a_report_whose_news_is_a_total_gives_tallies_and_no_event():
    out = run("At least 380 rebels have been killed in Kalat since the new government took office, the minister said.\n\n"
              "In Kalat district, 120 rebels were killed and 40 policemen died, he told lawmakers.\n\n"
              "He said 200 rebels had been arrested in Mastung.")
    assert out.events == []
    bests = {c.best for t in out.tallies for c in t.casualties}
    assert {380, 120, 40} <= bests


def test_a_day_of_an_incident_outweighs_a_comparison_with_the_past():
    out = run("About 50 people were killed in Turbat on Thursday when police fired on protesters, "
              "the deadliest day of unrest since 2021.\n\nThe city was calm on Friday.")
    event, = out.events
    assert event.fatalities == 50 and event.date == dt.date(2026, 1, 29)


def test_a_report_on_a_natural_disaster_has_no_event():
    out = run("The earthquake and its aftershocks killed more than 2,200 people in Kunar on Sunday.\n\n"
              "The quake flattened villages, and floods after heavy rains cut the roads. "
              "The magnitude 6.0 quake was the deadliest in years.")
    assert out.events == [] and out.tallies == []


def test_a_dateline_day_or_a_period_bound_is_no_day_of_an_incident():
    from sitrep.extract import events as ev
    from sitrep.extract.pipeline import annotate
    from sitrep.extract.text import parse
    parsed = parse("Baghdad, 1 February 2026 - A total of 1,003 people were killed in January, "
                   "and 400 since 24 December 2025.", PUBLISHED)
    annotate(parsed, through="dates")
    days = [m for m in parsed.dates if m.kind == "day"]
    assert days and all(ev._bounds_or_dateline(parsed, m) for m in days)


def test_a_part_of_the_incident_the_map_does_not_know_is_the_same_event():
    out = run("Gunmen stormed the Qaswarina Hotel in Mogadishu on Tuesday, killing 12 people.\n\n"
              "Soldiers fought the attackers at the Zulbarina Street junction on Tuesday night.")
    event, = out.events
    assert (event.location.name, event.fatalities) == ("Mogadishu", 12)


def test_a_later_day_that_only_revises_the_toll_is_the_same_event():
    out = run("Gunmen killed ten villagers in Gwoza on Saturday.\n\n"
              "By Monday, 14 bodies had been recovered in Gwoza, a doctor said.")
    event, = out.events
    assert event.date == dt.date(2026, 1, 31)
    assert {c.best for c in event.casualties} >= {10, 14}
    assert event.fatalities == 10   # the event's own figure; the later count is a rival one


def test_a_later_day_with_an_act_of_its_own_is_its_own_event():
    out = run("Gunmen killed ten villagers in Gwoza on Saturday.\n\n"
              "On Monday, police arrested four suspects in Gwoza.")
    assert [e.date for e in out.events] == [dt.date(2026, 1, 31), dt.date(2026, 2, 2)]


def test_the_province_of_an_incident_on_its_day_is_the_same_event():
    out = run("Police arrested two men in Quetta on Monday.\n\n"
              "On Sunday, five soldiers were killed in an attack in Balochistan province, the army said.\n\n"
              "Militants stormed a checkpoint in Turbat on Sunday, officials said.")
    sunday = [e for e in out.events if e.date == dt.date(2026, 2, 1)]
    assert [(e.location.name, e.fatalities) for e in sunday] == [("Turbat", 5)]


def test_an_earlier_incident_recalled_after_the_lead_is_not_an_event():
    out = run("Soldiers killed four militants in a raid in Kech on Tuesday, the army said.\n\n"
              "The raid came two days after three soldiers were killed by a roadside bomb in Mastung.")
    assert [e.location.name for e in out.events] == ["Kech"]


def test_a_day_words_were_said_on_or_a_deadline_is_no_day_of_an_incident():
    from sitrep.extract import events as ev
    from sitrep.extract.pipeline import annotate
    from sitrep.extract.text import parse
    parsed = parse("The monitor counted 143 attacks in January in a report released on Monday.\n\n"
                   "The minister vowed to end the insurgency by March 31, 2026.", PUBLISHED)
    annotate(parsed, through="dates")
    days = [m for m in parsed.dates if m.kind == "day"]
    assert len(days) == 2 and all(ev._bounds_or_dateline(parsed, m) for m in days)


def test_a_monitors_report_with_figures_mostly_totals_has_no_event():
    out = run("MONITOR: MILITANT VIOLENCE IN JANUARY\n\n"
              "Militant attacks killed 194 people in January, the monitor said in a report released on Monday.\n\n"
              "Of them, 73 were soldiers and 62 civilians, it said.\n\n"
              "The group counted 40 deaths in Khyber district during the month.\n\n"
              "In Bannu, militants ambushed a patrol, it said.")
    assert out.events == []


def _consolidated(monkeypatch, drafts_and_points):
    """Run the report-level folding on hand-made drafts placed where the test says."""
    from sitrep.extract import events as ev
    from sitrep.model import Location
    locs = [Location(name=d.place.name, lat=pt[0] if pt else None, lon=pt[1] if pt else None, admin1=a1)
            for d, pt, a1 in drafts_and_points]
    monkeypatch.setattr(ev, "_points", lambda parsed, drafts: locs)
    return ev._consolidate(None, [d for d, _pt, _a1 in drafts_and_points])


def _draft(name, day, kind=None, told=True, figures=()):
    from sitrep.extract import events as ev
    from sitrep.extract.places import PlaceMention
    return ev._Draft(place=PlaceMention(0, len(name), name, kind), date=day, precision=1, told=told,
                     figures=list(figures), sentences=[0])


def test_a_facility_by_the_event_on_its_day_is_the_same_event(monkeypatch):
    day = dt.date(2026, 2, 1)
    kept = _consolidated(monkeypatch, [(_draft("Gwoza", day), (11.08, 13.69), "Borno"),
                                       (_draft("Gwoza General Hospital", day, kind="facility"), (11.10, 13.70), "Borno"),
                                       (_draft("Pulka", day), (11.20, 13.70), "Borno")])
    assert [d.place.name for d in kept] == ["Gwoza", "Pulka"]


def test_a_toll_dated_the_day_before_at_the_same_place_is_the_same_event(monkeypatch):
    kept = _consolidated(monkeypatch, [(_draft("Komanda", dt.date(2026, 2, 2)), (1.37, 29.77), "Ituri"),
                                       (_draft("Komanda", dt.date(2026, 2, 1), told=False), (1.37, 29.77), "Ituri"),
                                       (_draft("Komanda", dt.date(2026, 1, 20)), (1.37, 29.77), "Ituri")])
    assert [d.date for d in kept] == [dt.date(2026, 2, 2), dt.date(2026, 1, 20)]


def test_a_deed_of_the_last_few_days_in_a_report_of_totals_is_still_an_event():
    out = run("The minister said over 250 people had died in attacks across Balochistan in the last 72 hours.\n\n"
              "He condemned the killing of bus passengers who were offloaded and executed in Kalat over the weekend.")
    assert [e.location.name for e in out.events] == ["Kalat"]


def test_opened_heavy_fire_tells_of_an_attack():
    from sitrep.extract.events import opens_event
    assert opens_event('troops opened "intensive fire" on positions near sotk')
    assert opens_event("gunmen opened heavy fire on the convoy")
    assert not opens_event("the minister opened the new fire station")


def test_where_people_fled_or_were_taken_is_not_the_scene():
    out = run("Gunmen attacked a school in Mpondwe on Friday, killing 12 people.\n\n"
              "On Friday, survivors fled towards Kasese town and the wounded were flown to a hospital in Kampala.")
    assert [e.location.name for e in out.events] == ["Mpondwe"]


def test_where_a_figure_was_told_is_not_the_scene():
    out = run("Shelling killed four soldiers near Sotk on Tuesday.\n\n"
              "\"We have 49 soldiers killed,\" the prime minister told parliament in Yerevan on Tuesday.")
    assert [e.location.name for e in out.events] == ["Sotk"]


def test_a_headline_about_a_month_makes_a_report_of_totals():
    text = ("- Kalat was the worst affected district, with 120 casualties (40 killed, 80 injured).\n\n"
            "- In Mastung, 25 people were killed in attacks.")
    out = extract(Document(id="t", text=text, published=PUBLISHED,
                           title="UN casualty figures for Balochistan for the month of January"))
    assert out.events == []
    assert {40, 25} <= {c.best for t in out.tallies for c in t.casualties}
    assert len(extract(Document(id="t", text=text, published=PUBLISHED)).events) >= 1


def test_a_header_line_keeps_its_first_place_not_the_bracketed_area():
    from sitrep.extract.events import _headers
    from sitrep.extract.pipeline import annotate
    from sitrep.extract.text import parse
    text = ("Officials gave these accounts.\n\nKalat (Balochistan): Gunmen killed two soldiers on Monday.\n\n"
            "Imam Sahib (Kunduz): Gunmen killed three policemen on Tuesday.")
    parsed = parse(text, PUBLISHED)
    annotate(parsed, through="places")
    assert {i: p.name for i, p in _headers(parsed.places).items()} == {1: "Kalat", 2: "Imam Sahib"}


def test_a_figure_goes_to_the_place_in_its_own_clause():
    from sitrep.extract.events import _assign
    from sitrep.extract.figures import Figure
    from sitrep.model import Count
    text = "In Kalat four people were killed; in Bela gunmen burned a police post."
    anchors = [(text.index(n), text.index(n) + len(n)) for n in ("Kalat", "Bela")]
    start = text.index("four")
    fig = Figure(count=Count(outcome="killed", group="all", best=4, span=(start, start + 4)), sentence=0)
    assert _assign([fig], anchors, text) == [0]


def test_a_new_paragraph_with_its_own_toll_at_the_district_is_its_own_event():
    out = run("Gunmen killed two policemen in Turbat, Kech district on Monday.\n\n"
              "Separately, five soldiers were killed in an IED blast in Kech district on Monday.")
    assert sorted((e.location.name, e.fatalities) for e in out.events) == [("Kech", 5), ("Turbat", 2)]


def test_the_district_named_again_in_the_same_paragraph_is_the_same_event():
    out = run("Gunmen killed two policemen in Turbat, Kech district on Monday. "
              "Two more policemen were killed in Kech district as the gunmen fled.")
    assert [e.location.name for e in out.events] == ["Turbat"]
