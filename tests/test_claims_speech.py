"""The 'claims' stage on reported speech: what a speaker's words say (threats, blame,
denials) when no claim verb of its own marks them, and the names groups speak under."""
import datetime as dt

from sitrep.extract import claims
from sitrep.extract.pipeline import annotate
from sitrep.extract.text import parse


def found(text):
    parsed = annotate(parse(text, dt.date(2025, 1, 1)), before="claims")
    # The rules' claims (the cues alone; tests/test_claim_model.py tests the learned layer).
    return [(c.kind, c.speaker, c.target) for c in claims.find_claims(parsed)]


def kinds(text):
    return [(k, s) for k, s, _t in found(text)]


def test_brought_to_justice_is_a_threat_of_whoever_says_it():
    assert kinds("Interior Minister Ali Karimi said those responsible would be brought to justice.") == [
        ("threat", "Ali Karimi")]


def test_quoted_threat_words():
    assert kinds('President Omar Bakri said the attackers would "pay a heavy price".') == [
        ("threat", "Omar Bakri")]


def test_carried_out_by_a_named_group_is_an_accusation():
    assert kinds("Police chief John Mbeki said the attack was carried out by the Red Hand Brigade.") == [
        ("accusation", "John Mbeki")]


def test_was_behind_is_an_accusation():
    assert kinds("Defence Minister Lena Park said the Northern Front was likely behind the bombing.") == [
        ("accusation", "Lena Park")]


def test_inverted_said_names_the_speaker_after_the_verb():
    text = '"The attack was the work of the Northern Front," said General Amos Kipchoge.'
    assert kinds(text) == [("accusation", "Amos Kipchoge")]


def test_nothing_to_do_with_is_a_denial():
    assert kinds("Foreign Minister Tom Hale said his country had nothing to do with the attack.") == [
        ("denial", "Tom Hale")]


def test_reports_called_false_is_a_denial():
    assert kinds("Spokesman Ali Reza said the reports of civilian deaths were false.") == [
        ("denial", "Ali Reza")]


def test_had_not_carried_out_is_a_denial():
    text = "Air force spokesman Musa Bello said the air force had not carried out any strike in the area."
    assert kinds(text) == [("denial", "Musa Bello")]


def test_crime_with_a_side_named_is_an_accusation_without_one_no_claim():
    assert found("Mayor Ana Ruiz called the shelling a Russian war crime.") == [
        ("accusation", "Ana Ruiz", "Russia")]
    assert found('Mayor Ana Ruiz called the bombing "an act of terrorism".') == []


def test_plain_casualty_report_is_no_claim():
    assert found("Police said two people were killed by gunmen on Monday.") == []
    assert found("Officials said the attackers fled towards the forest.") == []


def test_united_states_is_one_speaker():
    assert kinds("The United States said Russia was behind the attack.") == [("accusation", "United States")]


def test_group_acronym_speaks_under_its_spelled_out_name():
    assert kinds("JNIM claimed responsibility for the attack.") == [
        ("responsibility", "Jama'at Nusrat al-Islam wal-Muslimin")]


def test_group_named_in_full_keeps_the_name_the_text_gives():
    text = "The Islamic State Khorasan Province claimed responsibility for the bombing."
    assert kinds(text) == [("responsibility", "Islamic State Khorasan Province")]


def test_group_with_a_plain_canonical_name_keeps_it():
    assert kinds("The BLA claimed responsibility for the bombing.") == [
        ("responsibility", "Baloch Liberation Army")]


def test_name_before_an_apposition_speaks():
    text = "The Northern Relief Council, one of the aid groups, said the attack was carried out by the Red Hand Brigade."
    assert kinds(text) == [("accusation", "Northern Relief Council")]


def test_unnamed_ministry_is_the_government_of_the_country():
    text = "Gunmen attacked a village in Kenya on Monday. The interior ministry said those responsible would be punished."
    assert kinds(text) == [("threat", "Kenya")]


def test_press_release_speaks_in_its_issuers_voice():
    text = ("NATIONAL POLICE SERVICE\nPRESS RELEASE - 3 May 2025\n\n"
            "The attack on the market was carried out by the Red Hand Brigade.")
    assert kinds(text) == [("accusation", "National Police Service")]


def test_press_release_issuer_by_the_acronym_the_text_uses():
    text = ("NATIONAL POLICE SERVICE\nPRESS RELEASE\n\nNo 12/2025-NPS\n\n"
            "The perpetrators will be hunted down and brought to justice.")
    assert kinds(text) == [("threat", "NPS")]


def test_no_issuer_without_a_release_header():
    assert kinds("The perpetrators will be hunted down and brought to justice.") == []


def test_headline_in_capitals_gives_no_claim():
    assert kinds("GOVERNMENT AND REBELS TRADE BLAME\n\nThe talks resumed on Monday.") == []


def test_neither_group_claimed_is_no_claim():
    assert kinds("Neither the Northern Front nor any other group has claimed the attack.") == []


def test_it_points_back_to_a_body_not_to_witnesses():
    text = ("The Northern Front said on Monday that the ceasefire held. Witnesses said the market burned. "
            "It has previously denied attacking civilians.")
    assert kinds(text) == [("denial", "Northern Front")]


def test_quoted_crime_with_a_side_is_an_accusation():
    text = 'President Ana Ruiz called the strike "a deliberate Russian war crime".'
    assert found(text) == [("accusation", "Ana Ruiz", "Russia")]


def test_very_likely_behind():
    assert kinds("Defence Minister Lena Park says the Northern Front is very likely behind the attack.") == [
        ("accusation", "Lena Park")]


def test_claimed_an_attack_and_his_fighters():
    assert kinds("The Northern Front claimed an attack on an army post.") == [("responsibility", "Northern Front")]
    text = "Rebel leader Omar Jalo claimed in a video that his fighters carried out the raid."
    assert kinds(text) == [("responsibility", "Omar Jalo")]


def test_quoted_verb_after_it():
    text = 'The Northern Front said it had "neutralised" eleven soldiers in the attack.'
    assert kinds(text) == [("responsibility", "Northern Front")]


def test_group_named_by_its_acronym_in_brackets():
    text = "The al Qaeda-linked Group for the Support of Islam and Muslims (JNIM) claimed responsibility for the attack."
    assert kinds(text) == [("responsibility", "Jama'at Nusrat al-Islam wal-Muslimin")]


def test_which_denies_belongs_to_the_name_before_the_comma():
    assert kinds("There was no immediate comment from Moscow, which denies targeting civilians.") == [
        ("denial", "Russia")]


def test_place_in_an_apposition_is_not_the_speaker():
    text = 'President Ana Ruiz, speaking at a summit in Granada, Spain, called the strike "a Russian war crime".'
    assert kinds(text) == [("accusation", "Ana Ruiz")]


def test_pursuing_the_attackers_is_a_threat():
    assert kinds('"Our forces are pursuing the attackers," army spokesman Omar Jalo said.') == [
        ("threat", "Omar Jalo")]


def test_warned_of_war_is_a_threat():
    assert kinds("Prime Minister Omar Jalo warned that the situation could move towards war.") == [
        ("threat", "Omar Jalo")]


def test_title_with_of_before_the_name():
    text = "Superintendent of Police Ravi Kant said the attack was carried out by the Red Hand Brigade."
    assert kinds(text) == [("accusation", "Ravi Kant")]


def test_claim_as_a_noun_is_no_responsibility():
    assert kinds("The army's claim that the attacks had been repulsed was widely doubted.") == []


def test_wrote_is_a_reporting_verb():
    text = "Government spokeswoman Ana Ruiz wrote on X that the army would never attack a camp."
    assert kinds(text) == [("denial", "Ana Ruiz")]


def test_country_officials_speak_for_the_country():
    assert kinds("U.S. officials said the attack was the work of Islamic State.") == [
        ("accusation", "United States")]


def test_channel_between_speaker_and_verb():
    text = 'President Omar Bakri, in a statement, said the perpetrators would receive a "harsh response".'
    assert kinds(text) == [("threat", "Omar Bakri")]


def test_its_envoy_speaks_for_the_body_before():
    text = "Moscow called an emergency meeting, where its envoy accused Western countries of arming the rebels."
    assert kinds(text) == [("accusation", "Russia")]
