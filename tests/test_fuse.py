"""Fusion: linking events of different reports into incidents, reconciling their figures."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.fuse import assign_incident_ids, incidents, link, link_tallies, reconcile
from sitrep.fuse.link import pair_score, members_of, widest_window_days
from sitrep.model import Actor, Count, Document, Event, Extraction, Location, Tally

BANNU = dict(name="Bannu", admin2="Bannu", admin1="Khyber Pakhtunkhwa", country="Pakistan",
             country_code="PK", lat=32.985, lon=70.604, geo_precision=1)
LAKKI = dict(name="Lakki Marwat", admin2="Lakki Marwat", admin1="Khyber Pakhtunkhwa", country="Pakistan",
             country_code="PK", lat=32.607, lon=70.912, geo_precision=1)


def killed(n: int, source: str | None = None, group: str = "civilians", **kw) -> Count:
    return Count(outcome="killed", group=group, best=n, low=kw.pop("low", n), high=kw.pop("high", n),
                 source=source, **kw)


def event(day: str, place: dict = BANNU, *, sub: str = "Suicide bomb", kind: str = "Explosions/Remote violence",
          actor1: str | None = None, counts: list[Count] | None = None, precision: int = 1,
          evidence: list[tuple[int, int]] | None = None) -> Event:
    counts = counts or []
    return Event(event_type=kind, sub_event_type=sub, date=dt.date.fromisoformat(day), date_precision=precision,
                 location=Location(**place), actor1=Actor(name=actor1, kind="rebel_group") if actor1 else None,
                 actor2=Actor(name="Civilians (Pakistan)", kind="civilians"), casualties=counts,
                 fatalities=sum(c.best for c in counts if c.outcome == "killed"), evidence=evidence or [])


def report(doc_id: str, text: str, *events: Event, source: str | None = None) -> tuple[Document, Extraction]:
    doc = Document(id=doc_id, text=text, published=dt.date(2025, 3, 6), source=source)
    whole = [(0, len(text))]
    return doc, Extraction(id=doc_id, events=[e.model_copy(update={"evidence": e.evidence or whole}) for e in events])


A_TEXT = "A suicide bomber rammed an explosives-laden car into the cantonment gate in Bannu, killing 12."
B_TEXT = "Thirteen people died after an attacker blew up a vehicle at the Bannu cantonment on Tuesday."


def two_reports_of_one_attack():
    a = report("wire-a", A_TEXT, event("2025-03-04", counts=[killed(12, "police")]), source="Wire A")
    b = report("wire-b", B_TEXT, event("2025-03-05", counts=[killed(13, "hospital officials")]), source="Wire B")
    return [a, b]


def test_two_reports_of_one_attack_become_one_incident_with_both_figures():
    items = two_reports_of_one_attack()
    ids = link(items)
    assert ids[("wire-a", 0)] == ids[("wire-b", 0)]
    (incident,) = incidents(items, ids)
    assert incident.id == ids[("wire-a", 0)]
    assert incident.reports == ["wire-a", "wire-b"]
    assert sorted((f.report, f.count.best, f.count.source) for f in incident.figures) == [
        ("wire-a", 12, "police"), ("wire-b", 13, "hospital officials")]
    (fig,) = incident.casualties
    assert (fig.outcome, fig.group, fig.low, fig.high) == ("killed", "civilians", 12, 13)
    assert fig.best == 13  # the hospital (a neutral counter) beats the unranked police figure
    assert not fig.contradiction and not incident.contradiction
    assert incident.date == dt.date(2025, 3, 4) and incident.location.name == "Bannu"


@pytest.mark.parametrize("day, place", [("2025-03-04", LAKKI), ("2025-03-11", BANNU)],
                         ids=["other town", "a week apart"])
def test_different_attacks_stay_apart(day, place):
    a = report("wire-a", A_TEXT, event("2025-03-04", counts=[killed(12)]))
    b = report("wire-b", B_TEXT, event(day, place, counts=[killed(13)]))
    ids = link([a, b])
    assert ids[("wire-a", 0)] != ids[("wire-b", 0)]


def test_incompatible_types_and_contradicting_perpetrators_stay_apart():
    a = report("a", A_TEXT, event("2025-03-04", actor1="Tehrik-i-Taliban Pakistan"))
    protest = report("b", B_TEXT, event("2025-03-04", kind="Protests", sub="Peaceful protest"))
    other_group = report("c", B_TEXT, event("2025-03-04", actor1="Islamic State Khorasan Province",
                                             kind="Battles", sub="Armed clash"))
    ids = link([a, protest, other_group])
    assert len({ids[("a", 0)], ids[("b", 0)], ids[("c", 0)]}) == 3


def test_a_week_precision_date_is_fuzzier():
    a = report("a", A_TEXT, event("2025-03-04"))
    b = report("b", B_TEXT, event("2025-03-08", precision=2))
    assert link([a, b])[("a", 0)] == link([a, b])[("b", 0)]
    exact = report("b", B_TEXT, event("2025-03-08"))
    assert link([a, exact])[("a", 0)] != link([a, exact])[("b", 0)]


def test_events_of_one_document_are_never_merged():
    # One report with two events at one place and day (the extractor split them); another
    # report that matches both must join only one of them.
    a = report("a", A_TEXT, event("2025-03-04"), event("2025-03-04", sub="Remote explosive/landmine/IED"))
    b = report("b", B_TEXT, event("2025-03-04"))
    ids = link([a, b])
    assert ids[("a", 0)] != ids[("a", 1)]
    assert ids[("b", 0)] == ids[("a", 0)]  # the same sub-event type scores higher
    assert pair_score(*members_of(*a)) is None


def test_ids_are_stable_across_runs_and_input_order():
    items = two_reports_of_one_attack() + [report("wire-c", B_TEXT, event("2025-03-04", LAKKI))]
    first = link(items)
    again = link(list(reversed(items)))
    assert first == again
    assert all(v.startswith("inc-") and len(v) == 16 for v in first.values())
    assert len(set(first.values())) == 2


def test_assign_writes_incident_id_on_each_event():
    items = two_reports_of_one_attack()
    ids = link(items)
    extraction = assign_incident_ids(items[0][1], ids)
    assert extraction.events[0].incident_id == ids[("wire-a", 0)]
    assert json.loads(extraction.to_json())["events"][0]["incident_id"] == ids[("wire-a", 0)]


def test_military_figure_against_the_groups_claim_is_a_contradiction():
    army = report("army", A_TEXT, event("2025-03-04", actor1="Baloch Liberation Army",
                                        counts=[killed(5, "ISPR", group="security_forces")]))
    claim = report("claim", B_TEXT, event("2025-03-04", actor1="Baloch Liberation Army",
                                          counts=[killed(40, "the BLA", group="security_forces")]))
    local = report("local", B_TEXT, event("2025-03-04", actor1="Baloch Liberation Army",
                                          counts=[killed(7, group="security_forces")]))
    items = [army, claim, local]
    ids = link(items)
    (incident,) = incidents(items, ids)
    (fig,) = incident.casualties
    assert (fig.low, fig.high) == (5, 40)
    assert fig.contradiction and incident.contradiction
    assert "ISPR" in fig.note and "BLA" in fig.note
    assert fig.best == 7  # the sides' own figures (ISPR's, the BLA's) give way to the third
    assert {f.report: f.credibility for f in incident.figures} == {"army": "party", "claim": "party",
                                                                   "local": "other"}


def test_open_figures_and_ranges_do_not_contradict():
    at_least = killed(10, qualifier="at_least", high=None)
    ranged = killed(20, low=20, high=25, qualifier="range")
    incident = reconcile([("a", event("2025-03-04", counts=[at_least])),
                          ("b", event("2025-03-04", counts=[ranged]))])
    (fig,) = incident.casualties
    assert (fig.low, fig.best, fig.high, fig.contradiction) == (10, 10, 25, False)


def test_reconcile_takes_the_most_precise_date_and_the_majority_type():
    incident = reconcile([("a", event("2025-03-07", precision=2, kind="Battles", sub="Armed clash")),
                          ("b", event("2025-03-04")), ("c", event("2025-03-05"))])
    assert (incident.date, incident.date_precision) == (dt.date(2025, 3, 4), 1)
    assert incident.event_type == "Explosions/Remote violence" and incident.sub_event_type == "Suicide bomb"
    assert incident.casualties == [] and incident.fatalities is None
    with pytest.raises(ValueError):
        reconcile([])


def test_tallies_of_one_area_and_overlapping_period_share_an_id():
    def tallied(doc_id, start, end):
        doc = Document(id=doc_id, text="")
        return doc, Extraction(id=doc_id, tallies=[Tally(area="Balochistan", country="Pakistan",
                                                         start=start, end=end)])
    items = [tallied("a", dt.date(2026, 2, 1), dt.date(2026, 2, 4)), tallied("b", None, dt.date(2026, 2, 3)),
             tallied("c", dt.date(2026, 3, 1), dt.date(2026, 3, 2))]
    ids = link_tallies(items)
    assert ids[("a", 0)] == ids[("b", 0)] != ids[("c", 0)]


REPORTS = [
    {"id": "wire-a", "published": "2025-03-05", "text":
        "At least 12 people were killed when a suicide bomber struck a market in Bannu, "
        "Khyber Pakhtunkhwa, on Tuesday, police said."},
    {"id": "wire-b", "published": "2025-03-06", "text":
        "The death toll from Tuesday's suicide bombing at a crowded market in Bannu rose to 13, "
        "hospital officials said on Wednesday."},
]


def _events(output: str) -> list[dict]:
    return [e for line in output.splitlines() if line for e in json.loads(line)["events"]]


def test_cli_links_a_batch_and_not_with_no_link(tmp_path, write_jsonl):
    path = write_jsonl(tmp_path / "two.jsonl", REPORTS)
    runner = CliRunner()
    linked = runner.invoke(app, ["extract", str(path)])
    assert linked.exit_code == 0, linked.output
    events = _events(linked.stdout)
    assert len(events) == 2
    assert events[0]["incident_id"] and events[0]["incident_id"] == events[1]["incident_id"]

    unlinked = runner.invoke(app, ["extract", str(path), "--no-link"])
    assert unlinked.exit_code == 0
    assert [e["incident_id"] for e in _events(unlinked.stdout)] == [None, None]

    # One document: no linking by default, but --link asks for it.
    one = write_jsonl(tmp_path / "one.jsonl", REPORTS[:1])
    assert [e["incident_id"] for e in _events(runner.invoke(app, ["extract", str(one)]).stdout)] == [None]
    forced = _events(runner.invoke(app, ["extract", str(one), "--link"]).stdout)
    assert forced[0]["incident_id"].startswith("inc-")


def test_cli_link_writes_to_an_output_file_in_input_order(tmp_path, write_jsonl):
    path = write_jsonl(tmp_path / "two.jsonl", REPORTS)
    out = tmp_path / "out" / "pred.jsonl.gz"
    result = CliRunner().invoke(app, ["extract", str(path), "-o", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    import gzip
    rows = [json.loads(line) for line in gzip.open(out, "rt")]
    assert [r["id"] for r in rows] == ["wire-a", "wire-b"]
    assert rows[0]["events"][0]["incident_id"] == rows[1]["events"][0]["incident_id"]


# ---------------------------------------------------------------- actors and split events

PROVINCE = dict(name="Khyber Pakhtunkhwa", admin1="Khyber Pakhtunkhwa", country="Pakistan", country_code="PK",
                lat=34.0, lon=71.5, geo_precision=3)
VILLAGE_AREA = dict(PROVINCE, name="Tirah valley")


@pytest.mark.parametrize("one, other", [
    ("JNIM: Jama'at Nusrat al-Islam wal-Muslimin", "Al Qaeda"),        # an affiliate by its parent's name
    ("Islamic State", "Islamic State Khorasan Province"),                 # a branch by its parent's name
], ids=["affiliate", "branch"])
def test_a_group_named_by_its_parent_or_branch_is_no_contradiction(one, other):
    # Both reports know the place only to the province: without the actors' agreement the
    # pair would not reach the threshold.
    a = report("a", "Fighters attacked an army post.", event("2025-03-04", PROVINCE, kind="Battles",
                                                             sub="Armed clash", actor1=one))
    b = report("b", "Soldiers were killed in a raid.", event("2025-03-04", VILLAGE_AREA, kind="Battles",
                                                             sub="Armed clash", actor1=other))
    ids = link([a, b])
    assert ids[("a", 0)] == ids[("b", 0)]
    rival = report("c", "Soldiers were killed in a raid.", event("2025-03-04", VILLAGE_AREA, kind="Battles",
                                                                 sub="Armed clash", actor1="Tehrik-i-Taliban Pakistan"))
    ids = link([a, rival])
    assert ids[("a", 0)] != ids[("c", 0)]


def test_one_incident_the_extractor_split_in_two_joins_the_other_reports_incident():
    # A follow-up tells one bombing twice (the day it happened and, wrongly, the next day),
    # both times naming the group; the first report links to both and all three are one.
    first = report("a", A_TEXT, event("2025-03-04"))
    follow = report("b", B_TEXT, event("2025-03-05", sub="Remote explosive/landmine/IED", actor1="Islamic State"),
                    event("2025-03-04", actor1="Islamic State"))
    ids = link([first, follow])
    assert ids[("a", 0)] == ids[("b", 0)] == ids[("b", 1)]
    # Alone, a report's two events are never merged, whatever they share.
    alone = link([follow])
    assert alone[("b", 0)] != alone[("b", 1)]


def test_a_groups_attacks_in_two_towns_of_one_report_stay_two_incidents():
    # A round-up of one group's attacks on one day: another report of the Bannu attack joins
    # the Bannu event only.
    roundup = report("a", A_TEXT, event("2025-03-04", actor1="Tehrik-i-Taliban Pakistan"),
                     event("2025-03-04", LAKKI, actor1="Tehrik-i-Taliban Pakistan"))
    other = report("b", B_TEXT, event("2025-03-04", actor1="Tehrik-i-Taliban Pakistan"))
    ids = link([roundup, other])
    assert ids[("b", 0)] == ids[("a", 0)] != ids[("a", 1)]


def test_a_groups_attack_in_a_town_and_elsewhere_in_its_province_stay_two_incidents():
    # The province-only event agrees with the town only as to the province: no split pair.
    roundup = report("a", A_TEXT, event("2025-03-04", actor1="Tehrik-i-Taliban Pakistan"),
                     event("2025-03-04", PROVINCE, actor1="Tehrik-i-Taliban Pakistan"))
    other = report("b", B_TEXT, event("2025-03-04", actor1="Tehrik-i-Taliban Pakistan"))
    ids = link([roundup, other])
    assert ids[("b", 0)] == ids[("a", 0)] != ids[("a", 1)]


def test_a_groups_attacks_known_only_to_one_province_stay_two_incidents():
    roundup = report("a", A_TEXT, event("2025-03-04", PROVINCE, actor1="Tehrik-i-Taliban Pakistan"),
                     event("2025-03-05", PROVINCE, actor1="Tehrik-i-Taliban Pakistan"))
    other = report("b", B_TEXT, event("2025-03-04", PROVINCE, actor1="Tehrik-i-Taliban Pakistan"))
    ids = link([roundup, other])
    assert ids[("b", 0)] == ids[("a", 0)] != ids[("a", 1)]


def test_unidentified_perpetrators_do_not_make_a_split_pair():
    a = report("a", A_TEXT, event("2025-03-04", actor1="Unidentified Armed Group (Pakistan)"),
               event("2025-03-05", actor1="Unidentified Armed Group (Pakistan)"))
    b = report("b", B_TEXT, event("2025-03-04"))
    ids = link([a, b])
    assert ids[("a", 0)] != ids[("a", 1)]


def test_a_report_split_in_two_gives_its_toll_once():
    # Three reports: 20, 25, and a follow-up that tells it by two events (a partial 4 and
    # 30). best is the lower median of one figure per report (20, 25, 30), not of 4, 20,
    # 25 and 30.
    first = report("a", A_TEXT, event("2025-03-04", counts=[killed(20)]))
    follow = report("b", B_TEXT, event("2025-03-05", sub="Remote explosive/landmine/IED", actor1="Islamic State",
                                       counts=[killed(4)]),
                    event("2025-03-04", actor1="Islamic State", counts=[killed(30)]))
    third = report("c", B_TEXT, event("2025-03-04", actor1="Islamic State", counts=[killed(25)]))
    items = [first, follow, third]
    ids = link(items)
    (incident,) = incidents(items, ids)
    assert incident.fatalities.best == 25 and incident.fatalities.reports == ["a", "b", "c"]
    (fig,) = incident.casualties
    assert (fig.low, fig.best, fig.high) == (4, 25, 30)
    assert len(incident.figures) == 4   # every source's figure is still kept


def test_widest_window_covers_every_linkable_pair():
    # Two events exactly the widest window apart still link (both dated to the day, or both
    # to the week); so a caller gathering stored events that many days around sees them.
    for precision, day in ((1, "2025-03-05"), (2, "2025-03-17")):
        assert (dt.date.fromisoformat(day) - dt.date(2025, 3, 4)).days == widest_window_days(precision)
        ids = link([report("a", A_TEXT, event("2025-03-04", precision=precision)),
                    report("b", B_TEXT, event(day, precision=precision))])
        assert ids[("a", 0)] == ids[("b", 0)]
    assert widest_window_days() >= widest_window_days(2) >= widest_window_days(1) == 1


# ---------------------------------------------------------------- places one inside the other

VILLAGE = dict(name="Domel", admin2="Bannu", admin1="Khyber Pakhtunkhwa", country="Pakistan", country_code="PK",
               lat=32.90, lon=70.80, geo_precision=1)        # about 20 km from Bannu, in its district
OTHER_VILLAGE = dict(VILLAGE, name="Jani Khel", lat=33.05, lon=70.42)   # in the district too, 20 km beyond
IN_DISTRICT = dict(name="Bannu district", admin2="Bannu", admin1="Khyber Pakhtunkhwa", country="Pakistan",
                   country_code="PK", lat=34.0, lon=71.5, geo_precision=3)   # the province's point


def test_a_village_links_to_the_town_its_district_is_named_after():
    a = report("a", A_TEXT, event("2025-03-04", BANNU))
    b = report("b", B_TEXT, event("2025-03-04", VILLAGE))
    ids = link([a, b])
    assert ids[("a", 0)] == ids[("b", 0)]


def test_two_villages_of_one_district_each_named_stay_two_places():
    a = report("a", A_TEXT, event("2025-03-04", OTHER_VILLAGE))
    b = report("b", B_TEXT, event("2025-03-04", VILLAGE))
    ids = link([a, b])
    assert ids[("a", 0)] != ids[("b", 0)]


def test_a_place_known_only_to_its_district_agrees_more_than_its_province():
    village, district = members_of(*report("b", B_TEXT, event("2025-03-04", VILLAGE)))[0], \
        members_of(*report("c", B_TEXT, event("2025-03-04", IN_DISTRICT)))[0]
    province = members_of(*report("d", B_TEXT, event("2025-03-04", PROVINCE)))[0]
    assert pair_score(village, district) > pair_score(village, province)


def test_rival_figures_within_one_event_of_one_report_all_count():
    one = report("a", A_TEXT, event("2025-03-04", counts=[killed(12, "hospital officials"), killed(15, "doctors"),
                                                          killed(20, "rescue workers")]))
    (incident,) = incidents([one], link([one]))
    (fig,) = incident.casualties
    assert (fig.low, fig.best, fig.high) == (12, 15, 20)
