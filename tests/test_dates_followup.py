"""Dates in follow-ups: possessive weekdays, publishing days, the later day of a night."""
import datetime as dt

from sitrep.extract.dates import find_dates

PUB = dt.date(2025, 10, 30)   # a Thursday


def _found(text):
    return [(text[m.start:m.end], m.day, m.reported, m.night_end) for m in find_dates(text, PUB)]


def test_possessive_weekday_is_the_incident_day_not_a_reporting_day():
    found = _found("The group has also claimed last Thursday's assault on two villages.")
    assert found == [("last Thursday's", dt.date(2025, 10, 23), False, False)]


def test_raising_a_toll_is_a_reporting_day():
    found = _found("Officials on Thursday raised the death toll from Tuesday's raid to 121.")
    assert found[0][2] is True and found[1][:3] == ("Tuesday's", dt.date(2025, 10, 28), False)


def test_published_a_few_words_before_the_day_is_a_reporting_day():
    assert _found("The commission released its report on Monday.")[0][2] is True
    assert _found("Gunmen attacked the village on Monday.")[0][2] is False


def test_the_later_day_of_a_night_is_marked():
    found = _found("Gunmen killed ten people in the night of Friday to Saturday.")
    assert [f[3] for f in found] == [False, True]
    found = _found("They struck shortly after midnight on Sunday, in the early hours of Monday.")
    assert [f[3] for f in found] == [False, True]


def test_a_sentence_about_a_night_takes_its_later_day():
    from sitrep.extract import dates, text as text_stage

    parsed = text_stage.parse("Gunmen killed ten people in the night of Friday to Saturday in Zorbaville.", PUB)
    dates.annotate(parsed)
    assert dates.date_for_sentence(parsed, 0)[0] == dt.date(2025, 10, 25)


def test_a_live_page_day_header_anchors_the_weekdays_under_it():
    text = ("LIVE: unrest in the capital\n\nTHURSDAY, JUNE 1\n\n13:40 - Clashes break out.\n\n"
            "SUNDAY, JUNE 4\n\n10:05 - A further death on Saturday brings the toll to 16.")
    found = find_dates(text, dt.date(2023, 6, 4))
    saturday = [m for m in found if text[m.start:m.end] == "Saturday"]
    assert saturday and saturday[0].day == dt.date(2023, 6, 3)
