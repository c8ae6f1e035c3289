"""The 'claims' stage: kinds, speakers by canonical name, pronouns, targets, negatives."""
import datetime as dt

from sitrep.extract import claims
from sitrep.extract.pipeline import annotate
from sitrep.extract.text import parse


def found(text):
    """The rules' claims (the cues alone; tests/test_claim_model.py tests the learned layer),
    after the stages the claims stage requires (actors: the main country)."""
    parsed = annotate(parse(text, dt.date(2025, 1, 1)), before="claims")
    return [(c.kind, c.speaker, c.target) for c in claims.find_claims(parsed)]


def test_group_claims_responsibility_by_canonical_name():
    assert found("The BLA claimed responsibility for the bombing in Quetta.") == [
        ("responsibility", "Baloch Liberation Army", None)]


def test_group_says_it_carried_out_the_attack():
    text = "Jaish al-Fursan, a small faction based in the hills, said in a statement that it had carried out the attack."
    assert found(text) == [("responsibility", "Jaish al-Fursan", None)]


def test_no_claim_of_responsibility_when_negated():
    assert found("No group has claimed responsibility for the blast so far.") == []


def test_blame_names_target_country_from_demonym():
    text = "Interior Minister Mohsin Naqvi said the plot had been foiled and blamed India for the attacks."
    assert found(text) == [("accusation", "Mohsin Naqvi", "India")]


def test_attributed_to_indian_intelligence():
    text = ("Defence Minister Khawaja Asif spoke in parliament. "
            "He attributed the unrest to Indian intelligence, a claim New Delhi has dismissed as baseless.")
    assert found(text) == [("accusation", "Khawaja Asif", "India"), ("denial", "India", None)]


def test_surname_resolves_to_full_name():
    text = ("Defence Minister Khawaja Asif addressed lawmakers on Tuesday. "
            "Asif warned that the state would respond with full force.")
    assert found(text) == [("threat", "Khawaja Asif", None)]


def test_the_minister_resolves_to_the_minister_named_before():
    text = ("Information Minister Tariq Mehmood spoke in Lahore. "
            "The minister accused Kabul of sheltering militants.")
    assert found(text) == [("accusation", "Tariq Mehmood", "Afghanistan")]


def test_at_the_behest_of_hostile_forces_is_an_accusation_by_the_media_wing():
    text = ("The military's media wing, the Inter-Services Public Relations (ISPR), said ten soldiers died. "
            "It said the attacks were carried out at the behest of hostile forces.")
    assert found(text)[0][:2] == ("accusation", "ISPR")


def test_capitals_stand_for_their_countries():
    assert found("Islamabad blames sanctuaries across the Afghan border; Kabul rejects the charge.") == [
        ("accusation", "Pakistan", "Afghanistan"), ("denial", "Afghanistan", None)]


def test_denial_and_passive_denial():
    assert found("Russia denies targeting civilians.") == [("denial", "Russia", None)]
    assert found("Reporters were denied access to the site.") == []


def test_threat_needs_something_threatened():
    assert found("The ministry warned that any new violation would be met with a firm response.") == []
    text = ("Afghanistan's defence ministry said the border was calm. "
            "The ministry warned that any new violation would be met with a firm response.")
    assert found(text) == [("threat", "Afghanistan's defence ministry", None)]
    assert found("The central bank warned that inflation remained high.") == []


def test_kidnappers_threat_in_a_ransom_story():
    text = "The caller demanded a ransom and threatened to kill the boy if the money was not paid."
    assert found(text) == [("threat", "kidnappers", None)]


def test_plain_said_is_no_claim():
    assert found("Police said two people were killed and three wounded in the blast.") == []
    assert found("Officials said the road would reopen on Monday.") == []


def test_passive_accused_of_is_not_the_speakers_accusation():
    assert found("A man accused of theft was beaten by a mob.") == []


def test_one_claim_per_kind_per_sentence():
    text = "Interior Minister Mohsin Naqvi blamed India, which Pakistan accuses of backing the group."
    assert found(text) == [("accusation", "Mohsin Naqvi", "India")]


def test_spans_and_text_come_from_the_input():
    text = "The BLA claimed responsibility for the attack."
    parsed = parse(text, dt.date(2025, 1, 1))
    claims.annotate(parsed)
    claim = parsed.claims[0]
    start, end = claim.span
    assert text[start:end] == claim.text
    assert claim.text.startswith("claimed responsibility")


def test_empty_and_symbol_only_texts():
    assert found("") == []
    assert found("!!! ... --- ;;; ((( )))") == []
    assert found("warned") == []


def test_verb_with_an_unnamed_subject_gives_no_claim():
    assert found("Finally, a group of neighbours threatened to burn the house.") == []


def test_the_groups_point_back_to_the_organisation_that_spoke():
    text = ("The Kenya Human Rights Commission and the Law Society of Kenya said 23 people died. "
            "The groups accused the police of a massacre.")
    assert found(text) == [("accusation", "Kenya Human Rights Commission", "Police Forces of Kenya")]


def test_quoted_first_person_denial_belongs_to_the_quoted_speaker():
    text = '"We reject these baseless allegations," foreign ministry spokesman Randhir Jaiswal said.'
    assert found(text) == [("denial", "Randhir Jaiswal", None)]


def test_state_operation_phrase_cue_takes_the_sentence_speaker():
    text = ('Pakistan\'s military media wing, the Inter-Services Public Relations (ISPR), said what it '
            'called "India-sponsored" militants attacked border posts.')
    assert found(text) == [("accusation", "ISPR", "India")]


def test_names_with_of_inside():
    assert found("The Ministry of Foreign Affairs denied the report.") == [
        ("denial", "Ministry of Foreign Affairs", None)]
