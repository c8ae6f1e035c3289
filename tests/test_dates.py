"""The dates stage: finding date expressions and resolving them against the publication date."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.extract import dates
from sitrep.extract.dates import DateMention, date_for_sentence, find_dates
from sitrep.extract.text import parse


def dated(text: str, published: dt.date):
    """The text parsed and through the dates stage, as the events stage finds it."""
    parsed = parse(text, published)
    dates.annotate(parsed)
    return parsed

D = dt.date
PUB = D(2026, 2, 4)  # a Wednesday
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def only(text: str, published: dt.date = PUB) -> DateMention:
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0]


def said(text: str, m: DateMention) -> str:
    return text[m.start:m.end]


# ---------------------------------------------------------------- absolute dates


@pytest.mark.parametrize("text, day, end_day", [
    ("Gunmen attacked the post on February 1.", D(2026, 2, 1), D(2026, 2, 1)),
    ("The raid came on Feb. 1 before dawn.", D(2026, 2, 1), D(2026, 2, 1)),
    ("Militants struck on 1 February 2026 near the border.", D(2026, 2, 1), D(2026, 2, 1)),
    ("On 3 March 2020, protesters gathered in the square.", D(2020, 3, 3), D(2020, 3, 3)),
    ("The bomb went off on March 3, 2020, in the market.", D(2020, 3, 3), D(2020, 3, 3)),
    ("Clashes continued on 2-3 March 2020 in the district.", D(2020, 3, 2), D(2020, 3, 3)),
    ("Fighting raged on the night of February 1-2 in the hills.", D(2026, 2, 1), D(2026, 2, 2)),
    ("The camp was raided on 3/3/2020, officials said.", D(2020, 3, 3), D(2020, 3, 3)),
    ("Records list the arrest as 2020-03-04.", D(2020, 3, 4), D(2020, 3, 4)),
    ("Between 30 April and 2 May 2020 the army shelled the town.", D(2020, 4, 30), D(2020, 5, 2)),
    ("From November 1 to 17 2019, troops swept the forest.", D(2019, 11, 1), D(2019, 11, 17)),
    ("Two clans clashed between the 25th and 26th of Sep. 2019.", D(2019, 9, 25), D(2019, 9, 26)),
])
def test_absolute_dates(text, day, end_day):
    m = only(text)
    assert (m.day, m.end_day, m.kind) == (day, end_day, "day")


def test_a_two_night_range_is_still_a_known_day_but_a_long_range_is_not():
    assert only("on the night of 1-2 March 2020").precision == 1
    assert only("between 1 and 9 March 2020").precision == 2


def test_missing_year_is_the_most_recent_such_day():
    # Published 4 Feb 2026: 20 December is last year's; 5 February (a day ahead) is this year's.
    assert only("on December 20").day == D(2025, 12, 20)
    assert only("on 5 February").day == D(2026, 2, 5)
    # A day under a month ahead is an upcoming one (a deadline), never a year-old incident.
    assert only("the vote is set for 20 February").day == D(2026, 2, 20)
    assert only("on 20 June").day == D(2025, 6, 20)


def test_leap_day_without_a_year_goes_back_to_a_leap_year():
    assert only("on 29 February", D(2026, 3, 10)).day == D(2024, 2, 29)


def test_month_only_dates_have_precision_3():
    m = only("In March 2020, the group recruited fighters.")
    assert (m.precision, m.kind, m.end_day) == (3, "day", D(2020, 3, 31))
    assert m.day.month == 3 and m.day.year == 2020
    assert only("in late October 2019").precision == 3


@pytest.mark.parametrize("text", [
    "During the week of 1 March 2020, students protested.",
    "Around 3 March, gunmen attacked a convoy.",
    "On or around 3 March 2020, a mine exploded.",
    "Around 6 May 2020 (week of), women staged a sit-in.",
    "On or before August 20th, traders marched.",
])
def test_approximate_dates_have_precision_2(text):
    assert only(text).precision == 2


# ---------------------------------------------------------------- weekdays


@pytest.mark.parametrize("text, day", [
    ("Gunmen attacked a checkpoint on Sunday.", D(2026, 2, 1)),
    ("The bomb exploded on Sunday night.", D(2026, 2, 1)),
    ("Police were attacked late on Monday.", D(2026, 2, 2)),
    ("Drones struck early Wednesday.", D(2026, 2, 4)),      # the publication weekday: that day
    ("The blast happened at Sunday midnight.", D(2026, 2, 1)),
    ("Troops were ambushed last Tuesday.", D(2026, 2, 3)),
    ("Eight died in last Tuesday's assault.", D(2026, 2, 3)),
    ("They were freed last Wednesday.", D(2026, 1, 28)),    # "last" + publication weekday: a week ago
    ("Talks resume next Monday.", D(2026, 2, 9)),
])
def test_weekdays(text, day):
    m = only(text)
    assert (m.day, m.precision, m.kind) == (day, 1, "day")


def test_a_weekday_still_to_come():
    assert only("Unions have called for a strike on Friday.").day == D(2026, 2, 6)


def test_weekday_and_date_together_are_one_mention():
    m = only("KP BULLETIN. Thursday, August 14, 2025. Police posts were attacked.")
    assert said("KP BULLETIN. Thursday, August 14, 2025. Police posts were attacked.", m).startswith("Thursday")
    assert m.day == D(2025, 8, 14)


# ---------------------------------------------------------------- relative words


@pytest.mark.parametrize("text, day, precision", [
    ("Two soldiers were killed yesterday.", D(2026, 2, 3), 1),
    ("A rally is planned today.", D(2026, 2, 4), 1),
    ("Police expect trouble tonight.", D(2026, 2, 4), 1),
    ("A grenade was thrown this morning.", D(2026, 2, 4), 1),
    ("Shots were fired last night.", D(2026, 2, 3), 1),
    ("Rebels attacked overnight.", D(2026, 2, 3), 1),
    ("The village was raided two days ago.", D(2026, 2, 2), 1),
    ("The village was raided a week ago.", D(2026, 1, 28), 2),
    ("The village was raided a few days ago.", D(2026, 2, 1), 2),
    ("Police arrested him last week.", D(2026, 1, 28), 2),
    ("Police arrested him earlier this week.", D(2026, 2, 2), 2),
    ("The governor resigned earlier this month.", D(2026, 2, 2), 3),
    ("Protesters blocked roads over the weekend.", D(2026, 1, 31), 2),
])
def test_relative_words(text, day, precision):
    m = only(text)
    assert (m.day, m.precision, m.kind) == (day, precision, "day")


def test_overnight_yields_to_a_day_named_in_the_same_sentence():
    found = find_dates("Militants attacked overnight on Saturday. Talks began overnight.", PUB)
    assert [said("Militants attacked overnight on Saturday. Talks began overnight.", m) for m in found] == [
        "Saturday", "overnight"]


def test_overnight_takes_the_night_the_lead_names():
    parsed = parse("QUETTA, Feb 2 (Wire) - Militants attacked posts across the province overnight.\n\n"
                   "Gunmen stopped buses early on Monday and shot passengers.\n\n"
                   "A bridge was blown up overnight.", D(2026, 2, 2))
    dates.annotate(parsed)
    assert date_for_sentence(parsed, 2) == (D(2026, 2, 2), 1)


def test_days_counted_from_the_day_named_before():
    text = "The president said on Wednesday he would not sign, a day after police opened fire."
    found = find_dates(text, D(2024, 6, 26))
    assert [(m.day, m.reported) for m in found] == [(D(2024, 6, 26), True), (D(2024, 6, 25), False)]
    m = find_dates("On 3 March 2020, a man was shot. He died the following day.", PUB)[1]
    assert m.day == D(2020, 3, 4)


# ---------------------------------------------------------------- periods


@pytest.mark.parametrize("text, day, end_day", [
    ("Forty militants were killed in the last 72 hours.", D(2026, 2, 1), PUB),
    ("Six people died in the past 24 hours.", D(2026, 2, 3), PUB),
    ("Attacks rose this year.", D(2026, 1, 1), PUB),
    ("So far this year 90 people have died.", D(2026, 1, 1), PUB),
    ("Since January, 90 people have died.", D(2026, 1, 1), PUB),
    ("Violence spread over the past week.", D(2026, 1, 28), PUB),
    ("Some 300 were killed last month.", D(2026, 1, 1), D(2026, 1, 31)),
    ("In June, 232 civilians were killed.", D(2025, 6, 1), D(2025, 6, 30)),
    ("Since 3 March, 90 people have died.", D(2025, 3, 3), PUB),
    ("Attacks have doubled since 2021.", D(2021, 1, 1), PUB),
])
def test_periods(text, day, end_day):
    m = only(text)
    assert (m.day, m.end_day, m.kind) == (day, end_day, "period")


def test_a_month_as_subject_is_a_period():
    m = only("June was the worst month for civilians.", D(2025, 7, 10))
    assert (m.day, m.end_day, m.kind) == (D(2025, 6, 1), D(2025, 6, 30), "period")


# ---------------------------------------------------------------- datelines


@pytest.mark.parametrize("text, day", [
    ("QUETTA, Aug 26 (Pakistan Monitor) - Militants attacked.", D(2024, 8, 26)),
    ("ISLAMABAD, March 26 (Makran Times) - A soldier was killed.", D(2024, 3, 26)),
    ("TURBAT, Pakistan, March 26 (Makran Times) - Attack repulsed.", D(2024, 3, 26)),
    ("ISLAMABAD/KABUL, Oct 12 (Newswire) - Border clashes.", D(2023, 10, 12)),
    ("A headline line\n\nMAKURDI, Nigeria, June 16 (Wire) - Gunmen struck.", D(2024, 6, 16)),
    ("KHARTOUM, 16 June 2024 (Wire) - Shelling resumed.", D(2024, 6, 16)),
])
def test_datelines(text, day):
    published = D(2024, 8, 26) if "Aug" in text else D(2024, 3, 26) if "March" in text else (
        D(2023, 10, 12) if "Oct" in text else D(2024, 6, 16))
    m = find_dates(text, published)[0]
    assert (m.day, m.kind) == (day, "dateline")
    assert text[m.start:m.end].rstrip().endswith("-")


def test_weekdays_count_from_the_dateline_when_it_differs_from_publication():
    # Filed Thursday 24 April, published Friday: "on Thursday" is the filing day.
    found = find_dates("LAHORE, April 24 (Sports Desk) - The match on Thursday was won.", D(2025, 4, 25))
    assert [m.day for m in found] == [D(2025, 4, 24), D(2025, 4, 24)]


def test_the_dateline_is_not_an_incident_day():
    parsed = dated("QUETTA, Aug 26 (Monitor) - Officials met.\n\nNothing else happened.", D(2024, 8, 26))
    assert date_for_sentence(parsed, 1) == (D(2024, 8, 26), 2)


# ---------------------------------------------------------------- not dates


@pytest.mark.parametrize("text", [
    "Survivors of the 2014 school massacre gathered.",
    "The province makes up 40% of the country.",
    "The toll may be higher, he may say.",
    "May God protect them.",
    "He told the Sunday Times nothing new.",
    "Rebels of the March 23 Movement advanced.",
    "The troops march 30 kilometres a day.",
    "Omar 12 and Samson 14 were injured.",
    "They were born on 31 February 2020.",
    "Meet at 10:30 on the 3rd floor.",
    "Power cuts could last 12 hours a day.",
    "",
    "    \n\n  ",
    "@@@ ### 12/34/5678 --- ???",
])
def test_not_dates(text):
    assert [m for m in find_dates(text, PUB) if m.kind != "period"] == []


def test_a_bare_year_is_at_most_a_period():
    found = find_dates("The group has grown in 2021 and was banned in 2014.", PUB)
    assert [m.kind for m in found] == ["period", "period"]
    assert all(m.precision == 3 for m in found)


def test_dates_far_in_the_future_are_kept_but_never_an_incident_day():
    parsed = parse("The treaty expires on 1 January 2090. Nothing happened.", PUB)
    dates.annotate(parsed)
    assert parsed.dates[0].day == D(2090, 1, 1)
    assert date_for_sentence(parsed, 0) == (PUB, 2)


def test_start_and_end_limit_the_search():
    text = "On 1 March 2020 a. On 2 March 2020 b. On 3 March 2020 c."
    assert [m.day.day for m in find_dates(text, PUB, start=19, end=38)] == [2]
    assert find_dates(text, PUB, start=50, end=10) == []


# ---------------------------------------------------------------- the incident day of a sentence


def test_date_for_sentence():
    parsed = parse(
        "PESHAWAR, Aug 14 (Monitor) - Militants attacked police posts on Wednesday night, police said.\n\n"
        "In Bannu, a grenade was thrown at a post on Tuesday. Nobody was hurt.\n\n"
        "Police said on Thursday that two men were arrested.\n\n"
        "The attacks drew condemnation.", D(2025, 8, 14))
    dates.annotate(parsed)
    assert date_for_sentence(parsed, 0) == (D(2025, 8, 13), 1)   # in the sentence
    assert date_for_sentence(parsed, 1) == (D(2025, 8, 12), 1)
    assert date_for_sentence(parsed, 2) == (D(2025, 8, 12), 1)   # earlier in the paragraph
    assert date_for_sentence(parsed, 3) == (D(2025, 8, 13), 1)   # a said-on day loses to the lead
    assert date_for_sentence(parsed, 4) == (D(2025, 8, 13), 1)   # the lead
    assert date_for_sentence(parsed, 99) == (D(2025, 8, 14), 2)  # no such sentence


def test_date_for_sentence_falls_back_to_a_said_on_day_then_publication():
    parsed = dated("Police said on Monday that a shop was burnt.", PUB)
    assert date_for_sentence(parsed, 0) == (D(2026, 2, 2), 2)
    assert date_for_sentence(parse("A shop was burnt.", PUB), 0) == (PUB, 2)
    assert date_for_sentence(parse("", PUB), 0) == (PUB, 2)


def test_acled_style_note():
    parsed = dated("On 7 May 2020, unknown gunmen shot and killed a fighter at the entrance of the city. "
                   "The following day, his relatives protested.", D(2020, 5, 9))
    assert date_for_sentence(parsed, 0) == (D(2020, 5, 7), 1)
    assert date_for_sentence(parsed, 1) == (D(2020, 5, 8), 1)


def test_annotate_stores_mentions():
    parsed = parse("Gunmen attacked on Sunday.", PUB)
    dates.annotate(parsed)
    assert [m.day for m in parsed.dates] == [D(2026, 2, 1)]


# ---------------------------------------------------------------- properties


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31)), st.integers(0, 6),
       st.sampled_from(["on", "late on", "early", "last"]))
def test_a_weekday_resolves_within_the_week_up_to_publication(published, weekday, prefix):
    name = WEEKDAYS[weekday]
    m = only(f"Gunmen attacked a post {prefix} {name} night.", published)
    assert m.day.weekday() == weekday
    back = (published - m.day).days
    assert (1 <= back <= 7) if prefix == "last" else (0 <= back <= 6)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31)), st.integers(1, 12), st.integers(1, 31))
def test_a_day_without_a_year_is_never_long_after_publication(published, month, day):
    month_name = dt.date(2000, month, 1).strftime("%B")
    found = find_dates(f"The attack on {day} {month_name} killed three.", published)
    if found:
        assert (found[0].day.month, found[0].day.day) == (month, day)
        assert published - dt.timedelta(days=366 * 4 + 1) < found[0].day <= published + dt.timedelta(days=31)
    else:
        assert month == 2 and day > 29 or day > 30 and month in (4, 6, 9, 11)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 /-.,'aAyMmJjSsTtWwhedunoyrFbcikl\n")), max_size=80),
       st.dates(min_value=D(1950, 1, 1), max_value=D(2090, 12, 31)))
def test_any_text_gives_well_formed_mentions(text, published):
    for m in find_dates(text, published):
        assert 0 <= m.start < m.end <= len(text)
        assert m.day is not None and m.end_day is not None and m.day <= m.end_day
        assert m.precision in (1, 2, 3) and m.kind in ("day", "period", "dateline")


def test_the_previous_week_is_a_day_within_a_week_not_a_period():
    import datetime as _dt
    from sitrep.extract.dates import find_dates as _find
    m, = _find("two leaders were arrested the previous week.", _dt.date(2019, 12, 20))
    assert (m.kind, m.precision, m.day) == ("day", 2, _dt.date(2019, 12, 13))


# ---------------------------------------------------------------- datelines, nights and leads


@pytest.mark.parametrize("text, day", [
    ("LIMA, 3 February. - A police officer died when a crowd set his car on fire.", D(2026, 2, 3)),
    ("PRESS RELEASE\nRawalpindi - February 3, 2026\nTroops killed ten militants.", D(2026, 2, 3)),
    ("PRESS RELEASE - Kinshasa/Bunia, 3 February 2026\nThe Mission condemns the attack.", D(2026, 2, 3)),
])
def test_a_dateline_or_a_release_line_is_a_dateline(text, day):
    first = find_dates(text, PUB)[0]
    assert (first.kind, first.day) == ("dateline", day)


def test_a_night_across_two_days_starts_on_the_first():
    m = only("On night 1/2 February 2026, militants tried to cross the border.")
    assert (m.day, m.end_day, m.precision) == (D(2026, 2, 1), D(2026, 2, 2), 1)
    assert only("On night 31 January/1 February 2026, terrorists set up road blocks.").day == D(2026, 1, 31)


def test_the_previous_day_is_the_day_before_the_one_named():
    found = find_dates("The message posted on Monday said fighters had entered a village the previous day.", PUB)
    assert [m.day for m in found] == [D(2026, 2, 2), D(2026, 2, 1)]
    assert all(m.kind == "day" for m in found)


@pytest.mark.parametrize("text, day", [
    ("Heavy fire broke out overnight into Tuesday at several points.", D(2026, 2, 2)),
    ("Two factions fought through the night and into Tuesday.", D(2026, 2, 2)),
    ("Fighting resumed on Tuesday.", D(2026, 2, 3)),
])
def test_a_night_into_a_weekday_began_the_day_before(text, day):
    assert only(text).day == day


def test_a_headline_line_takes_the_day_of_the_first_numbered_paragraph():
    text = ("PRESS RELEASE\nRawalpindi - February 3, 2026\nTen terrorists sent to hell in Zhob\n"
            "1. On night 1/2 February 2026, security forces engaged a group of terrorists.\n"
            "2. Own troops thwarted the attempt.")
    parsed = parse(text, D(2026, 2, 3))
    dates.annotate(parsed)
    headline = next(s.index for s in parsed.sentences if "sent to hell" in s.text)
    assert date_for_sentence(parsed, headline) == (D(2026, 2, 1), 1)


def test_a_dateline_of_a_date_alone_is_a_dateline():
    text = "February 3, 2026 - The number of people killed in Monday's air raid has risen to 165."
    found = find_dates(text, D(2026, 2, 3))
    assert [(m.kind, m.day) for m in found] == [("dateline", D(2026, 2, 3)), ("day", D(2026, 2, 2))]


@pytest.mark.parametrize("text, day, end_day", [
    ("RELEVANT ACTIONS OF 1 AND 2 FEBRUARY 2026", D(2026, 2, 1), D(2026, 2, 2)),
    ("the events of Sunday 1 and Monday 2 of February of 2026", D(2026, 2, 1), D(2026, 2, 2)),
])
def test_two_days_joined_by_and_in_any_case_or_with_weekdays(text, day, end_day):
    m = find_dates(text, PUB)[0]
    assert (m.day, m.end_day) == (day, end_day)


def test_the_day_a_government_blamed_someone_is_not_the_day_of_the_attacks():
    text = "The government on Tuesday attributed both of Monday's attacks to rival factions."
    parsed = parse(text, PUB)
    dates.annotate(parsed)
    assert date_for_sentence(parsed, 0) == (D(2026, 2, 2), 1)
