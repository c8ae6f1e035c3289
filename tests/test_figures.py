"""Casualty figures: outcome, group, qualifier, source; what is not a figure."""
import datetime as dt

import pytest

from sitrep.extract import figures, numbers, text


def figs(sentence):
    parsed = text.parse(sentence, dt.date(2026, 2, 4))
    numbers.annotate(parsed)
    figures.annotate(parsed)
    return [(f.count.outcome, f.count.group, f.count.best) for f in parsed.figures if not f.subset]


@pytest.mark.parametrize("sentence, expected", [
    ("Security officials said six attackers had been killed.", [("killed", "militants", 6)]),
    ("Thirteen civilians and five soldiers were killed in the assault.",
     [("killed", "civilians", 13), ("killed", "security_forces", 5)]),
    ("Twenty-three soldiers were killed and 29 wounded, it said.",
     [("killed", "security_forces", 23), ("injured", "security_forces", 29)]),
    ("Gunmen shot dead two soldiers and a policeman.", [("killed", "security_forces", 3)]),
    ("A 16-year-old girl and an 18-year-old man died when the mosque was hit.", [("killed", "civilians", 2)]),
    ("He said 13 people, including two girls and seven women, were killed and 37 wounded.",
     [("killed", "all", 13), ("injured", "all", 37)]),
    ("The blast killed 12 civilians, including four children.", [("killed", "civilians", 12)]),
    ("The attack has left over 250 dead.", [("killed", "all", 250)]),
    ("Police said two bodies were recovered.", [("killed", "all", 2)]),
    ("Gunmen abducted 17 workers from the site.", [("abducted", "civilians", 17)]),
    ("Police arrested 53 people after the riot.", [("arrested", "all", 53)]),
    ("Nine villagers are still missing.", [("missing", "civilians", 9)]),
    ("A soldier of the paramilitary Frontier Corps was killed.", [("killed", "security_forces", 1)]),
    ("They shot dead at least 23 of the passengers.", [("killed", "civilians", 23)]),
    ("Seven members of the gang died in the clash.", [("killed", "all", 7)]),
    ("The fighting left 6 deaths and 17 injuries.", [("killed", "all", 6), ("injured", "all", 17)]),
    ("Fighters killed a suspected militant, wounded another, and seized a rifle.", [("killed", "militants", 1)]),
    ("Ethnic clashes killed at least 54 people this week.", [("killed", "all", 54)]),
])
def test_figures_in_sentences(sentence, expected):
    assert figs(sentence) == expected


def test_breakdown_after_a_colon_replaces_the_total_by_group():
    got = figs("Police said 10 people were killed: a police sub-inspector, four Levies personnel and five civilians.")
    assert sorted(got) == [("killed", "civilians", 5), ("killed", "security_forces", 5)]


def test_qualifier_and_range_are_kept():
    parsed = text.parse("At least 36 civilians were killed and over 40 injured.", dt.date(2026, 2, 4))
    numbers.annotate(parsed)
    figures.annotate(parsed)
    counts = [f.count for f in parsed.figures]
    assert (counts[0].qualifier, counts[0].low, counts[0].high) == ("at_least", 36, None)
    assert (counts[1].outcome, counts[1].qualifier) == ("injured", "more_than")


def test_source_is_who_gives_the_figure():
    parsed = text.parse("Two attackers were killed, local officials said.", dt.date(2026, 2, 4))
    numbers.annotate(parsed)
    figures.annotate(parsed)
    assert parsed.figures[0].count.source == "local officials"


def test_span_points_at_the_figure():
    sentence = "Police said that 12 civilians were killed."
    parsed = text.parse(sentence, dt.date(2026, 2, 4))
    numbers.annotate(parsed)
    figures.annotate(parsed)
    start, end = parsed.figures[0].count.span
    assert sentence[start:end] == "12 civilians"


@pytest.mark.parametrize("sentence", [
    "A squad of 35 to 40 assailants stormed the compound.",
    "The attackers also set fire to 10 vehicles.",
    "An 11-year-old boy went missing in 2024.",
    "The rifles cost $4,000 each.",
    "Fighters captured 25 army posts.",
    "The unit has 300 soldiers.",
    "Turnout was 40 percent.",
    "The operation lasted 72 hours.",
    "",
])
def test_numbers_that_are_not_casualties(sentence):
    assert [f for f in figs(sentence) if f[2] != 1 or "missing" not in sentence] in ([], [("missing", "civilians", 1)])
    assert all(best not in (35, 10, 11, 2024, 4000, 25, 300, 40, 72) for _, _, best in figs(sentence))


def test_analyst_coding_of_fatalities():
    parsed = text.parse("Taliban killed 2 policemen. Fatalities coded as 0 (VoJ reported 2).", dt.date(2020, 3, 4))
    assert figures.coded_fatalities(parsed) == 0
    parsed = text.parse("Airstrikes killed 28 militants, fatalities split between (3) events.", dt.date(2020, 3, 4))
    assert figures.coded_fatalities(parsed, 28) == 9
    parsed = text.parse("One soldier was killed [1 fatality split among 12 events].", dt.date(2020, 3, 4))
    assert figures.coded_fatalities(parsed, 1) == 0
    parsed = text.parse("Two soldiers were killed.", dt.date(2020, 3, 4))
    assert figures.coded_fatalities(parsed, 2) is None


@pytest.mark.parametrize("sentence", [
    "The caller threatened to kill two hostages.",
    "He said the boy was being held and demanded a ransom.",
    "Officials warned that more people would be killed.",
])
def test_threats_plans_and_captivity_by_kidnappers_are_not_counts(sentence):
    assert figs(sentence) == []
