import datetime as dt

import pytest

from sitrep.extract import actors
from sitrep.extract.actors import ActorMention, canonical_actor, find_actors
from sitrep.extract.text import parse


@pytest.mark.parametrize("phrase,name,kind", [
    ("the BLA", "Baloch Liberation Army", "rebel_group"),
    ("Balochistan Liberation Army", "Baloch Liberation Army", "rebel_group"),
    ("TTP", "Tehrik-i-Taliban Pakistan", "rebel_group"),
    ("the Pakistani Taliban", "Tehrik-i-Taliban Pakistan", "rebel_group"),
    ("Fitna al-Khawarij", "Tehrik-i-Taliban Pakistan", "rebel_group"),
    ("ISKP", "Islamic State Khorasan Province", "rebel_group"),
    ("ISWAP", "Islamic State West Africa Province", "rebel_group"),
    ("al-Shabaab", "Al Shabaab", "rebel_group"),
    ("JNIM", "JNIM: Jama'at Nusrat al-Islam wal-Muslimin", "rebel_group"),
    ("Boko Haram", "Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad", "rebel_group"),
    ("the RSF", "Rapid Support Forces", "rebel_group"),
    ("M23", "M23: March 23 Movement", "rebel_group"),
    ("Hamas", "Hamas Movement", "political_militia"),
    ("PTI", "Pakistan Tehreek-e-Insaf", "political_militia"),
    ("Jaish-e-Mohammed", "Jaish-e-Mohammed", "rebel_group"),
    ("LeT", "Lashkar-e-Taiba", "rebel_group"),
    ("BRAS", "Baloch Raji Aajoi Sangar", "rebel_group"),
    ("the BLF", "Baloch Liberation Front", "rebel_group"),
])
def test_named_aliases(phrase, name, kind):
    actor = canonical_actor(phrase, "Pakistan")
    assert (actor.name, actor.kind) == (name, kind)


@pytest.mark.parametrize("phrase,name", [
    ("security forces", "Military Forces of Pakistan"),
    ("soldiers", "Military Forces of Pakistan"),
    ("the FC", "Military Forces of Pakistan"),
    ("Frontier Corps", "Military Forces of Pakistan"),
    ("Levies", "Military Forces of Pakistan"),
    ("ISPR", "Military Forces of Pakistan"),
    ("policemen", "Police Forces of Pakistan"),
    ("CTD", "Police Forces of Pakistan"),
    ("villagers", "Civilians (Pakistan)"),
    ("unidentified gunmen", "Unidentified Armed Group (Pakistan)"),
    ("unknown assailants", "Unidentified Armed Group (Pakistan)"),
    ("protesters", "Protesters (Pakistan)"),
    ("an angry mob", "Rioters (Pakistan)"),
])
def test_generic_words_take_the_report_country(phrase, name):
    assert canonical_actor(phrase, "Pakistan").name == name


def test_country_word_in_front_wins_and_is_external():
    (m,) = find_actors("Afghan forces fired across the border.", "Pakistan")
    assert (m.actor.name, m.actor.kind, m.start) == ("Military Forces of Afghanistan", "external_forces", 0)
    (m,) = find_actors("Nigerian troops repelled the attack.", None)
    assert (m.actor.name, m.actor.kind) == ("Military Forces of Nigeria", "state_forces")


def test_forces_alone_needs_a_country():
    assert find_actors("Their forces were tired.", "Pakistan") == []


def test_no_country_gives_bare_names():
    assert canonical_actor("soldiers").name == "Military Forces"
    assert canonical_actor("civilians").name == "Civilians"


def test_generic_noun_after_named_group_is_absorbed():
    text = "BLA militants and TTP-affiliated militants attacked."
    found = find_actors(text, "Pakistan")
    assert [(text[m.start:m.end], m.actor.name) for m in found] == [
        ("BLA militants", "Baloch Liberation Army"),
        ("TTP-affiliated militants", "Tehrik-i-Taliban Pakistan")]


def test_is_only_as_an_actor():
    assert find_actors("The road is closed and it is quiet.", "Iraq") == []
    found = find_actors("IS militants attacked; the attack was claimed by IS.", "Iraq")
    assert [m.actor.name for m in found] == ["Islamic State", "Islamic State"]
    assert find_actors("WHAT IS NEXT", "Iraq") == []


def test_case_sensitive_acronyms_and_words():
    assert find_actors("new tax levies on fc goods", "Pakistan") == []


def test_ethnic_militia():
    actor = canonical_actor("Fulani herdsmen", "Nigeria")
    assert (actor.name, actor.kind) == ("Fulani Ethnic Militia (Nigeria)", "identity_militia")


def test_spans_and_range():
    text = "Police said gunmen shot two villagers."
    found = find_actors(text, "Kenya", start=5)
    assert all(isinstance(m, ActorMention) for m in found)
    assert [text[m.start:m.end] for m in found] == ["gunmen", "villagers"]
    assert found[0].actor.span == (found[0].start, found[0].end)


def test_empty_and_unknown():
    assert find_actors("", "Pakistan") == []
    assert canonical_actor("", "Pakistan") is None
    assert canonical_actor("the weather", "Pakistan") is None


def test_annotate_uses_main_country():
    parsed = parse("QUETTA: Gunmen killed two policemen in Balochistan on Sunday.", dt.date(2026, 2, 4))
    actors.annotate(parsed)
    names = [m.actor.name for m in parsed.actors]
    assert names == ["Unidentified Armed Group (Pakistan)", "Police Forces of Pakistan"]
    assert parsed.main_country.iso2 == "PK"


def test_forces_of_two_countries_are_two_sides():
    found = find_actors("Military forces of India and Pakistan exchanged fire across the LoC.", "India")
    assert [(m.actor.name, m.actor.kind) for m in found] == [
        ("Military Forces of India", "state_forces"), ("Military Forces of Pakistan", "external_forces")]
    # "and" followed by something that is not a country adds nothing.
    found = find_actors("Military forces of India and villagers met.", "India")
    assert [m.actor.name for m in found] == ["Military Forces of India", "Civilians (India)"]


@pytest.mark.parametrize("phrase,name", [
    ("LNA", "Military Forces of Libya Haftar Faction"),
    ("GNA forces", "Military Forces of Libya Government of National Accord"),
    ("pro-Hadi forces", "Military Forces of Yemen"),
    ("three Arbakis", "Militia (Pro-Government)"),
    ("the Donbass People's Militia", "NAF: United Armed Forces of Novorossiya"),
    ("military forces of Artsakh", "Military Forces of Artsakh"),
])
def test_more_canonical_names(phrase, name):
    assert canonical_actor(phrase).name == name


def test_jnim_and_isgs_are_two_groups_but_and_or_is_one():
    found = find_actors("JNIM and ISGS militants clashed in Tapoa.", "Burkina Faso")
    assert [m.actor.name for m in found] == ["JNIM: Jama'at Nusrat al-Islam wal-Muslimin",
                                             "Islamic State (Greater Sahara)"]
    assert canonical_actor("suspected JNIM and/or ISGS militants").name.endswith("and/or Islamic State (Greater Sahara)")


def test_a_generic_word_right_before_a_named_group_only_describes_it():
    from sitrep.extract.actors import find_actors
    text = "Paramilitary Rapid Support Forces fighters attacked the village; Pakistani troops killed BLA militants."
    names = [m.actor.name for m in find_actors(text, "Sudan")]
    assert names[0] == "Rapid Support Forces"
    assert "Military Forces of Sudan" not in names
    assert "Military Forces of Pakistan" in names and "Baloch Liberation Army" in names


@pytest.mark.parametrize("text,name", [
    # Canonical names as reports and their coders write them (the scorer matches on words).
    ("Fighters of Jama'at Nusrat al-Islam wal-Muslimin attacked a post.", "JNIM: Jama'at Nusrat al-Islam wal-Muslimin"),
    ("The Islamic State West Africa Province raided a base.", "Islamic State West Africa Province"),
    ("Peshmerga forces repelled the assault.", "Peshmerga"),
    ("Ambazonian separatists burned a school.", "Ambazonian Separatists"),
    ("Members of Comando Vermelho opened fire.", "CV: Comando Vermelho"),
])
def test_named_groups_by_their_report_names(text, name):
    assert [m.actor.name for m in find_actors(text, None)][:1] == [name]


@pytest.mark.parametrize("text,name", [
    ("A Russian missile strike hit the city centre.", "Military Forces of Russia"),
    ("An Israeli drone attack killed two men.", "Military Forces of Israel"),
])
def test_a_states_weapons_by_its_adjective_are_its_forces(text, name):
    assert [m.actor.name for m in find_actors(text, "Ukraine")][:1] == [name]


def test_a_country_that_launches_or_strikes_is_its_military():
    found = find_actors("Ukraine's air force said Russia launched 40 missiles at Kyiv overnight.", "Ukraine")
    assert [(m.actor.name, m.actor.kind) for m in found] == [
        ("Military Forces of Ukraine", "state_forces"), ("Military Forces of Russia", "external_forces")]
    # A country only named is no side.
    assert find_actors("Talks between Russia and Ukraine resumed in Istanbul.", "Ukraine") == []


@pytest.mark.parametrize("text,names", [
    # A group named only to describe another is no side.
    ("JNIM, al Qaeda's affiliate in the Sahel, claimed the attacks.", ["JNIM: Jama'at Nusrat al-Islam wal-Muslimin"]),
    ("ISWAP, a faction of Boko Haram, attacked the base.", ["Islamic State West Africa Province"]),
    ("Al Qaeda attacked a base.", ["Al Qaeda"]),
])
def test_a_group_named_to_describe_another_is_no_side(text, names):
    assert [m.actor.name for m in find_actors(text, "Mali")] == names


def test_a_dateline_is_not_a_countrys_adjective():
    # "BANGKOK -- Rockets" are not Thai rockets; the rockets fired from Cambodia are Cambodia's.
    found = find_actors("BANGKOK -- Rockets fired from Cambodia killed 12 civilians in Sisaket.", "Thailand")
    assert [m.actor.name for m in found] == ["Military Forces of Cambodia", "Civilians (Thailand)"]
    assert [m.actor.name for m in find_actors("Pakistani troops and Pakistan's army", "Afghanistan")] == [
        "Military Forces of Pakistan", "Military Forces of Pakistan"]


@pytest.mark.parametrize("word", ["dacoits", "separatist fighters", "guerrillas", "pirates"])
def test_more_words_for_unnamed_armed_men(word):
    found = find_actors(f"The {word} attacked a police convoy.", "Pakistan")
    assert [m.actor.name for m in found][:1] == ["Unidentified Armed Group (Pakistan)"]


def test_a_dateline_gives_no_country_to_the_gunmen():
    found = find_actors("WASHINGTON -- Gunmen killed five soldiers in Kupwara.", "India")
    assert found[0].actor.name == "Unidentified Armed Group (India)"


def test_a_states_weapons_by_kind_name_its_forces():
    names = [m.actor.name for m in find_actors("Two Russian ballistic missiles struck the city.", "Ukraine")]
    assert names == ["Military Forces of Russia"]
    names = [m.actor.name for m in find_actors("Russian guided aerial bombs hit a store.", "Ukraine")]
    assert names == ["Military Forces of Russia"]


def test_a_generic_word_inside_an_institutions_name_is_no_force():
    assert find_actors("The Regional Military Administration said two died.", "Ukraine") == []
    assert [m.actor.name for m in find_actors("The military said two died.", "Ukraine")] == ["Military Forces of Ukraine"]


@pytest.mark.parametrize("text,name,phrase", [
    ("Members of the Shar gang attacked the village.", "Shar Gang", "Shar gang"),
    ("Gunmen of the Village de Dieu gang seized the court.", "Village de Dieu Gang", "Village de Dieu gang"),
    ("The Wharf Jérémie gang killed 12 people.", "Wharf Jeremie Gang", "Wharf Jérémie gang"),
])
def test_a_gang_named_by_its_name_is_that_gang(text, name, phrase):
    found = [m for m in find_actors(text, "Haiti") if m.actor.kind == "political_militia"]
    assert [(m.actor.name, text[m.start:m.end]) for m in found] == [(name, phrase)]


@pytest.mark.parametrize("text", ["The gang killed two.", "Rival gangs clashed.", "Armed Gang Kills Five In Haiti",
                                  "It happened in Port-au-Prince. Gang members fled."])
def test_an_unnamed_gang_stays_unidentified(text):
    assert {m.actor.kind for m in find_actors(text, "Haiti")} == {"unknown"}


@pytest.mark.parametrize("text,name", [
    ("The Islamic State group's Afghan affiliate claimed the attack.", "Islamic State Khorasan Province"),
    ("Al Qaeda's Yemen branch claimed it.", "AQAP: Al Qaeda in the Arabian Peninsula"),
])
def test_a_groups_branch_in_a_country_is_that_branch(text, name):
    assert [m.actor.name for m in find_actors(text, "Afghanistan")] == [name]


def test_a_group_named_only_to_describe_another_still_is_dropped():
    names = [m.actor.name for m in find_actors("JNIM, al Qaeda's affiliate in the Sahel, claimed it.", "Mali")]
    assert names == ["JNIM: Jama'at Nusrat al-Islam wal-Muslimin"]
