"""Nationality nouns as heads, totals kept for tallies, round figures restated exactly."""
import datetime as dt

import pytest

from sitrep.extract import figures, numbers, text


def parsed_figures(passage):
    parsed = text.parse(passage, dt.date(2026, 2, 4))
    numbers.annotate(parsed)
    figures.annotate(parsed)
    return parsed.figures


def figs(passage):
    return [(f.count.outcome, f.count.group, f.count.best) for f in parsed_figures(passage) if not f.subset]


@pytest.mark.parametrize("sentence, expected", [
    ("More than 900 Venezuelans have been killed since the unrest began.", [("killed", "all", 900)]),
    ("Officials said 14 Afghans were killed and six Iraqis wounded.",
     [("killed", "all", 14), ("injured", "all", 6)]),
    ("The army said 12 Moroccans died in the crossing.", [("killed", "all", 12)]),
])
def test_plural_nationality_nouns_are_people(sentence, expected):
    assert figs(sentence) == expected


def test_chinese_before_a_noun_is_no_head():
    assert figs("Five Chinese engineers were abducted.") == [("abducted", "civilians", 5)]


def test_a_total_its_breakdown_adds_up_to_is_kept_as_a_total():
    found = parsed_figures("The raids killed 31 people - 15 militants, 12 civilians and four soldiers.")
    totals = [(f.count.best, f.subset) for f in found if f.total]
    assert totals == [(31, True)]
    assert sorted(f.count.best for f in found if not f.subset) == [4, 12, 15]


def test_a_total_whose_parts_do_not_add_up_is_no_total():
    found = parsed_figures("The raids killed 40 people - 15 militants and 12 civilians.")
    assert not any(f.total for f in found)


def test_a_round_figure_given_exactly_elsewhere_is_a_subset():
    passage = ("More than 2,000 people have been killed since March, the ministry said.\n\n"
               "The ministry said 2,047 people had been killed and 5,310 wounded.")
    assert figs(passage) == [("killed", "all", 2047), ("injured", "all", 5310)]


def test_a_round_figure_far_from_another_stands():
    passage = ("More than 2,000 people have been killed since March.\n\n"
               "In the north, 2,600 people were killed.")
    assert figs(passage) == [("killed", "all", 2000), ("killed", "all", 2600)]


def test_a_breakdown_after_the_outcome_and_a_comma():
    found = parsed_figures("Eleven people had been killed, seven civilians and four soldiers, and 30 wounded.")
    assert [(f.count.outcome, f.count.group, f.count.best) for f in found if not f.subset] == [
        ("killed", "civilians", 7), ("killed", "security_forces", 4), ("injured", "all", 30)]
    assert [f.count.best for f in found if f.total] == [11]


def test_a_list_of_outcomes_after_a_comma_is_no_breakdown():
    assert figs("Gunmen killed 12 villagers, wounded 5 others.") == [
        ("killed", "civilians", 12), ("injured", "civilians", 5)]


@pytest.mark.parametrize("sentence, expected", [
    ("Deaths from banditry in the state rose to 2,311 last year, compared with 1,480 in 2021.",
     [("killed", "all", 2311), ("killed", "all", 1480)]),
    ("The agency counted 412 deaths in 2024, up from 377 the year before.",
     [("killed", "all", 412), ("killed", "all", 377)]),
    ("Fatalities in the region stood at 96, the monitor said.", [("killed", "all", 96)]),
])
def test_tolls_compared_by_period(sentence, expected):
    assert figs(sentence) == expected


def test_a_toll_raised_from_an_earlier_figure_keeps_only_the_new_one():
    assert figs("The toll rose to 12, up from eight on Monday.") == [("killed", "all", 12)]


def test_deaths_without_a_verb_of_measure_is_no_toll():
    assert figs("The deaths in 3 villages shocked the country.") == []


@pytest.mark.parametrize("sentence, expected", [
    ("Six troopers of the Border Police (BP) and the local driver of their truck were killed on Friday.",
     [("killed", "security_forces", 6), ("killed", "civilians", 1)]),
    ("Three soldiers and the driver were killed.", [("killed", "security_forces", 3), ("killed", "civilians", 1)]),
])
def test_a_named_group_and_the_one_person_with_them(sentence, expected):
    assert figs(sentence) == expected


LIVE = ("18:30 - Officials say 12 people have died in the blasts.\n\n"
        "16:05 - The death toll rises to seven, hospital officials say.\n\n"
        "14:50 - At least three people were killed, police say.\n\n"
        "13:20 - Explosions are heard near the market.")


def test_a_live_blog_keeps_the_latest_toll():
    assert figs(LIVE) == [("killed", "all", 12)]


def test_timed_paragraphs_that_are_no_blog_keep_their_figures():
    two = "16:05 - The death toll rises to seven.\n\n14:50 - At least three people were killed."
    assert figs(two) == [("killed", "all", 7), ("killed", "all", 3)]


def test_a_live_blog_background_entry_is_no_latest_toll():
    blog = ("16:05 - Background: in March 2019 a gunman killed 51 people at two mosques.\n\n"
            "14:50 - The death toll rises to five, hospital officials say.\n\n"
            "13:30 - At least two people were killed, police say.\n\n"
            "13:20 - Gunfire is heard near the market.")
    assert ("killed", "all", 5) in figs(blog)


@pytest.mark.parametrize("sentence, expected", [
    ("Troops fired on the hideout, as a result of which nine terrorists were killed.", [("killed", "militants", 9)]),
    ("A total of 412 people were killed and another 977 were injured.",
     [("killed", "all", 412), ("injured", "all", 977)]),
    ("Four soldiers were killed and another 16 people were killed in separate clashes.",
     [("killed", "security_forces", 4), ("killed", "all", 16)]),
])
def test_no_subset_after_a_cause_or_another(sentence, expected):
    assert figs(sentence) == expected


def test_of_which_after_a_figure_is_still_a_subset():
    assert figs("Ten people were killed, of which four were children.") == [("killed", "all", 10)]


@pytest.mark.parametrize("sentence, expected", [
    ("The doctor said thirty wounded people had been brought in.", [("injured", "all", 30)]),
    ("Twelve police officers sustained minor injuries, the county said.", [("injured", "security_forces", 12)]),
    ("The bodies of two civilians with gunshot wounds were found.", [("killed", "civilians", 2)]),
    ("Two injured soldiers died later.", [("killed", "security_forces", 2)]),
])
def test_outcome_adjectives_and_injury_phrases(sentence, expected):
    assert figs(sentence) == expected


def test_a_labelled_value_broken_down_by_place():
    assert figs("- Murders linked to mob justice: 312 - Limpopo 61, North West 40, Free State 38") == [
        ("killed", "all", 312), ("killed", "all", 61), ("killed", "all", 40), ("killed", "all", 38)]
    assert figs("- Gang-related murders: 1,268, of which 1,250 in the Western Cape") == [
        ("killed", "all", 1268), ("killed", "all", 1250)]


def test_the_scale_of_a_sum_is_no_count():
    assert figs("Police seized cocaine worth R300 million and a R65 million haul.") == []
    assert figs("Between July 2024 and February 2025 at least 4,239 people were killed.") == [("killed", "all", 4239)]


def test_an_emergency_service_number_is_no_count():
    assert figs("Rescue 1122 shifted the injured to hospital.") == []


def test_a_toll_before_a_colon_and_its_breakdown():
    found = parsed_figures("Two more soldiers died on Friday, bringing the toll to 20: fourteen civilians and six soldiers.")
    assert [(f.count.group, f.count.best) for f in found if not f.subset] == [
        ("security_forces", 2), ("civilians", 14), ("security_forces", 6)]
    assert [(f.count.group, f.count.best) for f in found if f.total] == [("all", 20)]
    assert figs("At 10:30 gunmen killed three people.") == [("killed", "all", 3)]


def test_another_opening_a_sentence_may_restate_a_toll():
    assert figs("A man drowned.\n\nAnother three men were found dead the next day.") == [("killed", "civilians", 1)]


def test_a_table_of_neutralised_and_apprehended_counts_militants():
    table = ("| Zone | Neutralised | Apprehended |\n|---|---|---|\n| North | 31 | 12 |\n| South | 9 | 40 |")
    assert figs(table) == [("killed", "militants", 31), ("arrested", "militants", 12),
                           ("killed", "militants", 9), ("arrested", "militants", 40)]


def test_members_of_a_state_corps_are_security_forces():
    assert figs("Four officers were killed, along with two members of the Kano State Community Watch Corps.") == [
        ("killed", "security_forces", 4), ("killed", "security_forces", 2)]


def test_a_breakdown_by_place_after_including():
    found = parsed_figures("Seven deaths were recorded on Friday, including five in the Kaolack region and two in Thies.")
    assert [f.count.best for f in found if not f.subset] == [5, 2]
    assert [f.count.best for f in found if f.total] == [7]
    assert figs("Twelve people were killed, including four children.") == [("killed", "all", 12)]
