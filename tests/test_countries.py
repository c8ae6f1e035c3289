import pytest

from sitrep.extract.actors import main_country
from sitrep.geo.countries import Country, country_by_name, find_countries


@pytest.mark.parametrize("text,iso2", [
    ("Pakistan", "PK"), ("Pakistani", "PK"), ("Pakistanis", "PK"), ("Afghan", "AF"),
    ("New Delhi", "IN"), ("Kabul", "AF"), ("Islamabad", "PK"), ("Indian", "IN"),
    ("Nigerian", "NG"), ("Ukraine's", "UA"), ("Ivory Coast", "CI"), ("DRC", "CD"),
    ("Burma", "MM"), ("Balochistan", "PK"), ("Khyber Pakhtunkhwa", "PK"), ("Borno", "NG"),
    ("Nigerien", "NE"), ("South Sudan", "SS"), ("Sudan", "SD"), ("PK", "PK"), ("AFG", "AF"),
    ("pakistan", "PK"), ("KABUL", "AF"), ("Kosovo", "XK"),
])
def test_country_by_name(text, iso2):
    assert country_by_name(text).iso2 == iso2


@pytest.mark.parametrize("text", ["", "   ", "nothing here", "Punjab", "Kashmir", "Victoria", "Kingston"])
def test_no_country(text):
    assert country_by_name(text) is None


def test_country_record():
    assert country_by_name("Pakistan") == Country("Pakistan", "PK", "PAK")


def test_find_countries_spans_and_longest_match():
    text = "Gunmen in Niger State, Nigeria, and troops from Guinea-Bissau; the U.S. condemned it."
    found = find_countries(text)
    assert [(text[s:e], c.iso2) for s, e, c in found] == [
        ("Niger State", "NG"), ("Nigeria", "NG"), ("Guinea-Bissau", "GW"), ("U.S.", "US")]


def test_phrases_that_are_not_countries():
    assert find_countries("A ship sank in the Indian Ocean off Latin America.") == []


def test_lower_case_words_are_not_names():
    # "levies"/"turkey"/"chad" in lower case are words, not places
    assert find_countries("a turkey dinner and new tax levies") == []


def test_main_country_counts_mentions_and_lead():
    text = ("QUETTA: Militants attacked a checkpoint in Kech district of Balochistan. "
            "Islamabad blamed India, while New Delhi rejected the claim. Pakistani officials said "
            "the attackers came from Afghan territory.")
    assert main_country(text).iso2 == "PK"


def test_main_country_from_region_only():
    assert main_country("On 3 May, gunmen killed two farmers in Gwoza (Borno).").iso2 == "NG"


def test_main_country_none():
    assert main_country("") is None
    assert main_country("Nothing happened anywhere.") is None
