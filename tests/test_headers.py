"""A bulletin's and round-up's entry headers become places with role `header`."""
from sitrep.extract.places import find_places


def _headers(text):
    return [(p.name, p.kind, p.role) for p in find_places(text) if p.role in ("header", "qualifier")]


def test_unknown_header_town_with_its_area_is_a_header():
    text = ("SECURITY BULLETIN - Tuesday\n\nZORBAVILLE, Kankara LGA (Monday): Gunmen killed five villagers.\n\n"
            "QUIXTOWN, Zurmi LGA, Zamfara State (last Thursday): Bandits killed ten people.")
    found = _headers(text)
    assert ("Zorbaville", None, "header") in found
    assert ("Kankara", "district", "qualifier") in found
    assert ("Quixtown", None, "header") in found
    assert ("Zamfara", "province", "qualifier") in found


def test_unknown_header_among_known_headers_is_a_header():
    text = ("STRIKES BULLETIN - Saturday\n\nCompiled by the desk.\n\nRussia struck cities overnight.\n\nKHARKIV - Two people were killed.\n\nKHERSON - One man was wounded.\n\n"
            "ZORBAVILLE - Shelling damaged a school.")
    names = [n for n, _k, r in _headers(text) if r == "header"]
    assert names == ["Kharkiv", "Kherson", "Zorbaville"]


def test_lone_unknown_caps_line_is_no_header():
    text = "Some headline\n\nZORBAVILLE - Shelling damaged a school."
    assert _headers(text) == []


def test_title_case_header_before_a_colon():
    text = ("Round-up of the week\n\nKassala: Gunmen attacked the market on Friday.\n\n"
            "Zorbaville (northern Kassala): Fighters killed three farmers.")
    names = [n for n, _k, r in _headers(text) if r == "header"]
    assert names == ["Kassala", "Zorbaville"]


def test_admin_word_in_lower_case_after_a_caps_header():
    text = "Round-up\n\nKIRKUK province - Militants attacked a checkpoint."
    assert ("Kirkuk", "province", "header") in _headers(text)


def test_section_labels_and_headlines_are_no_headers():
    text = ("KHARKIV: TWO KILLED IN NIGHT STRIKE\n\nCompiled by the desk.\n\nRussia struck cities overnight.\n\nKHARKIV - Two people were killed.\n\nKHERSON - One man died.\n\n"
            "ANALYSIS: The strikes follow a pattern.\n\nBACKGROUND - The war began in 2022.")
    found = [(p.name, p.start) for p in find_places(text) if p.role == "header"]
    assert [n for n, _s in found] == ["Kharkiv", "Kherson"]
    assert all(s > 0 for _n, s in found)


def test_a_label_the_report_writes_in_lower_case_is_no_header():
    text = ("STRIKES BULLETIN - Saturday\n\nCompiled by the desk.\n\nRussia struck cities overnight.\n\n"
            "KHARKIV - Two people were killed.\n\nKHERSON - One man died.\n\n"
            "AUTHORITIES: The authorities said repairs had begun.")
    names = [p.name for p in find_places(text) if p.role == "header"]
    assert names == ["Kharkiv", "Kherson"]
