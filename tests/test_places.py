"""The places stage: which names in the text are places, and which qualify which."""
import pytest

from sitrep.extract.places import chains, find_places


def names(text):
    return [(p.name, p.role) for p in find_places(text)]


def test_brackets_qualify_a_place_already_found_by_its_phrase():
    text = "militants abducted councilmen in the village of Zorgotenga (Zorgotenga, Sanmatenga)."
    assert names(text) == [("Zorgotenga", "place"), ("Zorgotenga", "qualifier"), ("Sanmatenga", "qualifier")]
    assert [[p.name for p in c] for c in chains(text, find_places(text))] == [["Zorgotenga", "Zorgotenga", "Sanmatenga"]]


def test_brackets_of_an_acronym_qualify_nothing():
    assert names("members of Chhatra League (BCL) clashed in Feni") == [("Feni", "place")]


@pytest.mark.parametrize("text, place", [
    ("staged a protest rally in Dholaikhal area, Dhaka city, demanding resignation", "Dhaka"),
    ("a clash with police at a factory of Gazipur city during the demonstration", "Gazipur"),
    ("students blocked the road near National Museum, Dhaka - Shahbagh (Shahbagh)", "Dhaka"),
])
def test_a_name_before_city_or_a_quarter_is_a_place(text, place):
    assert place in [n for n, _ in names(text)]


@pytest.mark.parametrize("text", [
    "the third straight day of attacks on the Red Sea city that serves as the seat of government",
    "drones struck a Red Sea town overnight",
    "fighters entered a town near the border",
])
def test_a_description_before_city_is_not_a_place(text):
    assert [n for n, _ in names(text)] == []


def test_mexico_city_stays_one_name():
    assert names("Gunmen attacked a bus in Mexico City on Monday.") == [("Mexico City", "place")]


def test_a_dateline_dash_is_not_a_city_quarter():
    # a dateline with a dash is a dateline (it was not one at all before), never "Quetta - Gunmen"
    assert names("QUETTA - Gunmen killed three policemen in Turbat on Sunday.") == [("Quetta", "dateline"), ("Turbat", "place")]


@pytest.mark.parametrize("text, place, qualifier", [
    ("the rebels fired mortars at positions near Starohnativka, Donetsk. One soldier was hurt.", "Starohnativka", "Donetsk"),
    ("an IED hit a military vehicle in Maidan Shar district, Wardak, killing five soldiers", "Maidan Shar", "Wardak"),
    ("fighters shelled positions in the area of Vesele, Donetsk.", "Vesele", "Donetsk"),
    ("One person was killed in Starehe, Nairobi during the protest against the results", "Starehe", "Nairobi"),
])
def test_a_province_closing_the_clause_qualifies_the_place(text, place, qualifier):
    found = find_places(text)
    assert (place, "place") in names(text) and (qualifier, "qualifier") in names(text)
    chain = next(c for c in chains(text, found) if c[0].name == place)
    assert [p.name for p in chain] == [place, qualifier]
    from sitrep.extract.places import primary
    assert primary(chain).name == place


def test_a_comma_before_the_next_clause_qualifies_nothing():
    assert names("In Kabul, Taliban fighters attacked a checkpoint.") == [("Kabul", "place")]


@pytest.mark.parametrize("text, place", [
    ("armed men opened fire in San Pedro de la Paz, Biobio, on a unit", "San Pedro de la Paz"),
    ("police dismantled a lab in Ribeirao das Neves, Minas Gerais.", "Ribeirao das Neves"),
    ("a man was shot dead in Colonia del Valle. 1 fatality", "Colonia del Valle"),
])
def test_spanish_and_portuguese_particles_stay_inside_a_name(text, place):
    assert names(text)[0] == (place, "place")


def test_a_dateline_after_a_headline_is_a_dateline():
    text = ("Jamaat-e-Islami puts Rawalpindi sit-in on hold\n\nRAWALPINDI, Aug 10 (Capital Desk) - Thousands "
            "marched from their camp on Murree Road on Friday.")
    assert names(text) == [("Rawalpindi", "dateline"), ("Murree Road", "place")]
    assert names("Gunmen killed three in Turbat.\nPOLICE, he said, arrived late.") == [("Turbat", "place")]


@pytest.mark.parametrize("text, found", [
    ("On 30 April 2020, in Barangay Marbel, Matalam, Cotabato, militiamen torched a truck.",
     [("Barangay Marbel", "place"), ("Matalam", "qualifier")]),
    ("fire at Angoor Adda, Bajaur, Kurram, Chitral and other points along the border",
     [("Angoor Adda", "place"), ("Bajaur", "listed"), ("Kurram", "listed"), ("Chitral", "listed")]),
    ("four were killed - one each in Lahore, Faisalabad, Quetta and Swat. The deaths were not confirmed.",
     [("Lahore", "place"), ("Faisalabad", "listed"), ("Quetta", "listed"), ("Swat", "listed")]),
    ("protests were held in Lahore or Karachi.", [("Lahore", "place"), ("Karachi", "listed")]),
])
def test_a_list_of_places_ends_in_and_or_or(text, found):
    assert names(text) == found


def kinds(text):
    return [(p.name, p.kind) for p in find_places(text)]


def test_a_name_does_not_run_across_a_line_break():
    assert names("Gunmen storm a hotel in Mogadishu\n\nOur Mogadishu team is following it.") == [("Mogadishu", "place")]


@pytest.mark.parametrize("text, found", [
    ("the blast hit a centre in the Dasht-e-Barchi area of western Kabul on Friday", ("Kabul", "place")),
    ("the village lies in the Awantipora area of Pulwama district", ("Pulwama", "district")),
    ("gunmen opened fire on the northern edge of Jerusalem", ("Jerusalem", "place")),
])
def test_of_phrases_take_a_direction_before_and_a_kind_after_the_name(text, found):
    assert found in kinds(text)


@pytest.mark.parametrize("text, found", [
    ("a drone bombed villagers in Kaduna State late on Sunday", ("Kaduna", "province")),
    ("a vigil in Chaung-U township, Sagaing Region, on Monday", ("Sagaing", "province")),
    ("the village in Igabi Local Government Area of Kaduna", ("Igabi", "district")),
    ("soldiers patrolled villages in Wuntho Township on Monday", ("Wuntho", "district")),
])
def test_a_capitalised_admin_word_is_the_kind_of_the_place(text, found):
    assert found in kinds(text)


def test_a_kind_word_alone_is_no_place():
    assert names("militants attacked a military installation in the Union Territory.") == []


@pytest.mark.parametrize("text, dateline", [
    ("SPO, wife and daughter shot dead at home\n\nSRINAGAR, June 28: Militants barged into a house.", "Srinagar"),
    ("Defence Ministry of Russia: fifty prisoners died\nMOSCOW/KIEV, July 30 (Agency) - Fifty prisoners died.", "Moscow"),
    ("FEATURE: A housing project becomes a killing ground\nGUAYAQUIL, Ecuador, March 9 (Review) - Gunmen came.", "Guayaquil"),
    ("BANGKOK -- Thai jets struck targets across the border on Thursday.", "Bangkok"),
    ("New Delhi, March 9 (Parliament Bureau) - Security was tightened.", "New Delhi"),
])
def test_datelines_in_the_first_lines(text, dateline):
    assert [p.name for p in find_places(text) if p.role == "dateline"][:1] == [dateline]


def test_a_headline_opening_with_a_name_and_a_comma_is_no_dateline():
    assert [p for p in find_places("SPO, wife and daughter shot dead in Awantipora") if p.role == "dateline"] == []


@pytest.mark.parametrize("text, headers", [
    ("MACOMIA - Last Friday, insurgents killed two people in a village.", ["Macomia"]),
    ("DERA ISMAIL KHAN (DARABAN): A major was martyred in an operation.", ["Dera Ismail Khan"]),
    ("FRIDAY, IMAM SAHIB (KUNDUZ) - A bomb went off in a mosque.", ["Imam Sahib", "Kunduz"]),
    ("FRIDAY, MAZAR-I-SHARIF - A bomb exploded in a mosque.", ["Mazar-I-Sharif"]),
    ("THE SPARK - On Thursday a police vehicle ran over a driver.", []),
    ("REACTION: The prime minister condemned the attack.", []),
])
def test_bulletin_entry_headers_that_name_places(text, headers):
    found = [p.name for p in find_places("Bulletin of the week\n\n" + text + "\n\nBORNO: Nothing to report.")
             if p.role == "header"][:-1]
    assert all(h in found for h in headers) and (headers or not found)


@pytest.mark.parametrize("text", [
    "Two militants walked into the crowds gathering near Soleimani's grave and blew themselves up.",
    "A hand grenade was also thrown at the nearby Mumtaz education centre.",
    "She called for investigations into IED attacks affecting civilians.",
    "Young men pelted stones at police and stormed the BJP office in the town.",
    "Juan Pappier, a researcher at Human Rights Watch, said four of the dead were unarmed.",
    "Soleimani was killed in a U.S. drone strike.",
])
def test_names_that_say_whose_or_what_a_thing_is_are_no_places(text):
    assert [n for n, role in names(text) if role != "dateline"] == []


def test_a_known_place_before_a_noun_is_still_a_place():
    assert ("Kabul", "place") in names("He was held in Kabul police custody for a week.")
    assert ("Kurram", "place") in names("Fighting broke out in Kurram's Parachinar on Monday.") or (
        "Parachinar", "place") in names("Fighting broke out in Kurram's Parachinar on Monday.")


def test_a_facility_and_an_unnamed_one_take_the_town_after_the_comma():
    found = names("Four days after gunmen stormed Government Science Secondary School, Kankara, the state said.")
    assert ("Kankara", "qualifier") in found
    found = names("Militants targeted a school bus near the border on the National Highway, Khuzdar.")
    assert ("Khuzdar", "place") in found


def test_a_comma_qualifier_may_end_with_its_admin_word():
    found = find_places("An IED hit a vehicle in Buleda, Kech District, 14 kilometres from the border.")
    assert [(p.name, p.kind, p.role) for p in found] == [("Buleda", None, "place"), ("Kech", "district", "qualifier")]


def test_a_listed_name_that_describes_a_thing_ends_the_list():
    text = "Rockets struck a hospital in Thailand and Thai F-16 jets bombed targets across the frontier."
    assert [n for n, _ in names(text) if n.startswith("Thai ")] == []


def test_an_entry_header_drops_its_admin_word():
    text = "Bulletin\n\nIntro.\n\nSUNDAY, BUI DIVISION (North-West): Fighters set off an IED.\n\nBORNO: Nothing."
    assert ("Bui", "header") in names(text)


def test_a_name_after_a_persons_title_is_a_person():
    assert names("It was the first assault in the capital since President Qwerty Sheikh Mohamud took office.") == []
    assert ("General Santos", "place") in names("A bomb exploded in General Santos on Sunday.")


def test_a_preposition_is_not_the_end_of_a_word_after_an_apostrophe():
    # "Jama'at ...": "at" here ends a word; the group's name is no place
    assert names("Fighters of Jama'at Qwertyan al-Zorb wal-Muslimin attacked a post in Djibo.") == [("Djibo", "place")]


def test_a_name_that_runs_on_into_a_group_word_is_no_place():
    # longer than a place name runs: the name found is the start of the group's
    assert names("The attack was claimed in Qwertyan Zorb Amir Hamza Liberation Front statements.") == []
