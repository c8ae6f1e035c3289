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
    ("Seven members of the gang died in the clash.", [("killed", "militants", 7)]),
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


@pytest.mark.parametrize("sentence, expected", [
    # Earlier figures that a later one replaced are not Counts.
    ("The toll rose to 32, up from the 18 reported on Sunday.", [("killed", "all", 32)]),
    ("The toll stood at five dead and 22 wounded, up from the four dead and 14 wounded given earlier.",
     [("killed", "all", 5), ("injured", "all", 22)]),
    ("Officials said 40 people were killed, almost double the initial toll of 18.", [("killed", "all", 40)]),
    ("The ministry had reported 14 dead and 108 wounded on Saturday evening.", []),
    ("The agency raised the toll to 17 dead, from the nine it gave in the morning.", [("killed", "all", 17)]),
    ("The ministry raised the toll from the truck bomb outside the air base on Thursday to six dead, from five.",
     [("killed", "all", 6)]),
    # A report of what someone said they had counted is a current figure.
    ("The monitor said it had recorded 55 dead.", [("killed", "all", 55)]),
])
def test_superseded_figures_are_not_counts(sentence, expected):
    assert figs(sentence) == expected


def test_a_dash_is_no_modifier_of_the_head():
    assert figs("Those attacks killed 31 people - 15 militants and 12 civilians.")[0] == ("killed", "all", 31)


def test_a_live_page_timestamp_is_no_number():
    assert figs("19:20 - The minister says two attackers were killed.") == [("killed", "militants", 2)]


@pytest.mark.parametrize("sentence, expected", [
    ("Security forces neutralized three khwarij in the area.", [("killed", "militants", 3)]),
    ("Eight khwarij were sent to hell.", [("killed", "militants", 8)]),
    ("Two soldiers embraced shahadat during the exchange of fire.", [("killed", "security_forces", 2)]),
    ("Security forces have killed 380 Maoists in the state.", [("killed", "militants", 380)]),
    ("Four Peshmerga fighters were killed in the attack.", [("killed", "security_forces", 4)]),
    ("Five anti-government fighters were killed.", [("killed", "militants", 5)]),
    ("Seven were members of pro-government peace committees, and 12 peace committee members were injured.",
     [("injured", "security_forces", 12)]),
    # Deaths and injuries given together are neither figure.
    ("Armed violence killed or injured 452 civilians in the first quarter.", []),
    ("Scores of civilians have been killed or injured.", []),
    # "a death toll" is no death.
    ("The fighting left a higher death toll than expected.", []),
])
def test_groups_outcomes_and_non_figures(sentence, expected):
    assert figs(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # A breakdown after a dash replaces the total by side.
    ("The attacks killed 31 people - 15 militants, 12 civilians and four security personnel - and wounded 64.",
     [("killed", "militants", 15), ("killed", "civilians", 12), ("killed", "security_forces", 4),
      ("injured", "all", 64)]),
    # "Of the dead, N were X": Counts when they split the dead by side.
    ("Of the dead, 20 were militants, while 5 were civilians.", [("killed", "militants", 20), ("killed", "civilians", 5)]),
    ("Eleven of the dead were members of a gang and three were local residents.",
     [("killed", "militants", 11), ("killed", "civilians", 3)]),
    # ... and a subset when they do not.
    ("At least three of the dead were women, the general said.", []),
    # "including" a split by side gives Counts; a split within one side does not.
    ("The attacks left 52 people dead, including 23 security personnel and 21 civilians.",
     [("killed", "all", 52), ("killed", "security_forces", 23), ("killed", "civilians", 21)]),
    ("He said 13 people, including two girls and seven women, were killed.", [("killed", "all", 13)]),
    # A toll named before its number.
    ("The toll from the attack has risen to 12, police said.", [("killed", "all", 12)]),
    ("The mayor put the number of dead at 25.", [("killed", "all", 25)]),
    ("A private channel put the number held at 27.", [("arrested", "all", 27)]),
    ("Police had earlier put the number of dead at 15.", []),
    ("Forty personnel of the Central Reserve Police Force (CRPF) were killed.", [("killed", "security_forces", 40)]),
    ("Seven members of the local peace committee were injured.", [("injured", "security_forces", 7)]),
    ("It did not say how many attackers were killed.", []),
])
def test_breakdowns_and_tolls(sentence, expected):
    assert figs(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("As a result, thirty-three (33) khwarij were sent to hell.", [("killed", "militants", 33)]),
    ("However, eighteen soldiers, having fought gallantly, made the ultimate sacrifice.",
     [("killed", "security_forces", 18)]),
    ("Troops sent twelve terrorists to hell.", [("killed", "militants", 12)]),
])
def test_press_release_wording(sentence, expected):
    assert figs(sentence) == expected


def test_a_subset_does_not_swallow_the_next_clause():
    got = figs("The toll from the shelling of the city centre on Saturday has risen to 21, including three children, "
               "and 110 people were wounded, the governor said.")
    assert got == [("killed", "all", 21), ("injured", "all", 110)]


@pytest.mark.parametrize("sentence, expected", [
    ("At least 64 people, four of them police officers, were killed.", [("killed", "all", 64)]),
    ("Eleven people, six of them rescue workers, were injured.", [("injured", "all", 11)]),
])
def test_n_of_them_after_a_figure_is_a_part_of_it(sentence, expected):
    assert figs(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("He said seven other people, foreigners and locals, were wounded in the attack.", [("injured", "all", 7)]),
    ("Fifty prisoners of war were killed and 73 received wounds.",
     [("killed", "security_forces", 50), ("injured", "security_forces", 73)]),
    ("More than 60 fighters were killed and more than 20 were taken to hospital.",
     [("killed", "militants", 60), ("injured", "militants", 20)]),
    ("Twelve soldiers have lost the life in the attack.", [("killed", "security_forces", 12)]),
    ("Police said 76 people had been treated for injuries.", [("injured", "all", 76)]),
])
def test_more_outcome_wording(sentence, expected):
    assert figs(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("- Civilians killed: 1,095", [("killed", "civilians", 1095)]),
    ("- Killed in the previous 24 hours: 40; wounded in the same period: 107",
     [("killed", "all", 40), ("injured", "all", 107)]),
    ("- Murders: 7,710 (7,555 a year earlier)", [("killed", "all", 7710)]),
    ("- Attempted murder: up 13%", []),
    ("QUETTA: Seven soldiers were killed and two wounded.",
     [("killed", "security_forces", 7), ("injured", "security_forces", 2)]),
])
def test_labelled_list_lines(sentence, expected):
    assert figs(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("At least 11 policemen were martyred and seven others injured when dacoits attacked.",
     [("killed", "security_forces", 11), ("injured", "security_forces", 7)]),
    ("Troops neutralised 165 terrorists, apprehended 238 others and rescued 188 hostages.",
     [("killed", "militants", 165), ("arrested", "militants", 238)]),
])
def test_others_are_of_the_side_just_named(sentence, expected):
    assert figs(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Many people, including children, were killed.", []),
    ("The group is blamed for thousands of civilian deaths.", []),
    ("Several people were abducted.", [("abducted", "all", 10)]),
    ("Police arrested dozens of protesters.", [("arrested", "civilians", 12)]),
])
def test_vague_words_that_give_no_figure(sentence, expected):
    assert figs(sentence) == expected


def test_a_table_under_a_header_of_outcomes():
    t = ("Figures for the month:\n\n| Category | Killed | Injured |\n|---|---|---|\n"
         "| Civilians (incl. police) | 609 | 951 |\n| Security Forces (incl. Militias) | 394 | 208 |\n\n"
         "| Theatre | Neutralised | Apprehended | Rescued |\n|---|---|---|---|\n| North-East | 83 | 56 | 50 |\n")
    parsed = text.parse(t, dt.date(2026, 2, 4))
    numbers.annotate(parsed)
    figures.annotate(parsed)
    assert [(f.count.outcome, f.count.group, f.count.best) for f in parsed.figures] == [
        ("killed", "civilians", 609), ("injured", "civilians", 951), ("killed", "security_forces", 394),
        ("injured", "security_forces", 208), ("killed", "militants", 83), ("arrested", "militants", 56)]


@pytest.mark.parametrize("sentence, expected", [
    ("Among the injured were 83 security personnel, 67 civilians and 10 militants.",
     [("injured", "security_forces", 83), ("injured", "civilians", 67), ("injured", "militants", 10)]),
    ("Among the injured were three children.", []),
    ("The dead included more than 15 police officers.", [("killed", "security_forces", 15)]),
])
def test_among_the_injured_were(sentence, expected):
    assert figs(sentence) == expected


def test_an_age_after_a_name_is_no_figure():
    assert ("killed", "all", 30) not in figs("Major Sibtain Haider, 30, a resident of Quetta, was martyred.")
    assert figs("In Kano, 13 people were killed, police said.") == [("killed", "all", 13)]


def test_a_breakdown_by_place_gives_a_figure_per_place():
    got = figs("The committee said five people were shot dead on Monday: two in Kangema, two in Kigumo and one in Kandara.")
    assert got == [("killed", "all", 2), ("killed", "all", 2), ("killed", "all", 1)]
    assert figs("The ministry says 19 people have died: 17 in Kathmandu and two in Itahari.") == [
        ("killed", "all", 17), ("killed", "all", 2)]


@pytest.mark.parametrize("sentence, expected", [
    ("Three inspectors and a corporal were killed.", [("killed", "security_forces", 4)]),
    ("Four police officers - three inspectors and a corporal - were killed.", [("killed", "security_forces", 4)]),
    ("Two soldiers were killed, along with three villagers.",
     [("killed", "security_forces", 2), ("killed", "civilians", 3)]),
])
def test_details_of_one_side_and_along_with(sentence, expected):
    assert figs(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Police said 13 suspects were arrested at the court.", [("arrested", "all", 13)]),
    ("Police arrested two suspected militants.", [("arrested", "militants", 2)]),
    ("Troops killed two suspects.", [("killed", "militants", 2)]),
])
def test_arrested_suspects_are_people_held(sentence, expected):
    assert figs(sentence) == expected


def test_were_reported_killed_is_a_figure():
    assert figs("Five security personnel were reported martyred in the blast.") == [("killed", "security_forces", 5)]
    assert figs("Three civilians were reported killed on Monday.") == [("killed", "civilians", 3)]
