"""actors.main_country: a country word naming who acts or speaks is a side, not a place."""
from sitrep.extract.actors import main_country


def test_forces_named_by_their_country_are_no_place():
    text = ("Kabul and Islamabad trade blame. Pakistani jets bombed two villages in eastern "
            "Afghanistan on Monday. Pakistani officials said the raid hit militants. "
            "Pakistan's foreign ministry declined to comment.")
    assert main_country(text).name == "Afghanistan"


def test_media_of_a_country_are_no_place():
    text = ("Gunmen open fire near Ramallah. Israeli media say two died; Israeli officials "
            "said the attackers fled in Israel's north, Israeli police added.")
    assert main_country(text).name == "Palestine"


def test_plain_mentions_still_count():
    assert main_country("Clashes in Sudan. Sudanese army fought militias in Sudan.").name == "Sudan"
    assert main_country("No country here.") is None
