"""The 'mentions' stage: money with ranges and ISO currencies; priced and used equipment."""
import datetime as dt

import pytest

from sitrep.extract import mentions
from sitrep.extract.mentions import find_amounts
from sitrep.extract.text import parse


def amounts(text):
    return [(a.currency, a.low, a.high) for _, _, a in find_amounts(text)]


def annotate(text):
    parsed = parse(text, dt.date(2025, 1, 1))
    mentions.annotate(parsed)
    return parsed.mentions


@pytest.mark.parametrize("text, expected", [
    ("Each scope costs between $4,000 and $5,000.", [("USD", 4000, 5000)]),
    ("Each scope costs $4,000 and $5,000 respectively.", [("USD", 4000, 5000)]),
    ("The kit costs nearly $20,000.", [("USD", 20000, 20000)]),
    ("A loan of $7 billion was approved.", [("USD", 7e9, 7e9)]),
    ("Prices ran from $4-5 million.", [("USD", 4e6, 5e6)]),
    ("They paid between 4,000 and 5,000 dollars.", [("USD", 4000, 5000)]),
    ("The gang asked for 1 billion naira.", [("NGN", 1e9, 1e9)]),
    ("The gang asked for a billion naira.", [("NGN", 1e9, 1e9)]),
    ("A fine of Sh50,000 was set in Nairobi, Kenya.", [("KES", 50000, 50000)]),
    ("The levy was 300 billion shillings in Uganda.", [("UGX", 3e11, 3e11)]),
    ("Fighters were paid 10,000 afghanis a month.", [("AFN", 10000, 10000)]),
    ("The fund holds €50m and £1.2bn.", [("EUR", 5e7, 5e7), ("GBP", 1.2e9, 1.2e9)]),
    ("Compensation of Rs 5 crore was announced in India.", [("INR", 5e7, 5e7)]),
    ("The relief was ₹10 lakh per family in Delhi.", [("INR", 1e6, 1e6)]),
    ("The deal is worth 5.32 billion Special Drawing Rights (SDR).", [("XDR", 5.32e9, 5.32e9)]),
    ("The first tranche is SDR 760 million.", [("XDR", 7.6e8, 7.6e8)]),
    ("More than $2 billion was arranged.", [("USD", 2e9, 2e9)]),
    ("It sought 346 billion shillings ($2.7 billion) in Kenya.", [("KES", 3.46e11, 3.46e11), ("USD", 2.7e9, 2.7e9)]),
    ("The bill was 20,000 Sudanese pounds.", [("SDG", 20000, 20000)]),
    ("He was paid 10 million US dollars.", [("USD", 1e7, 1e7)]),
])
def test_amounts_and_currencies(text, expected):
    assert amounts(text) == expected


def test_a_list_of_two_sums_is_not_a_range():
    assert amounts("A $7 billion loan and $1 billion at once.") == [("USD", 7e9, 7e9), ("USD", 1e9, 1e9)]


def test_rupee_sign_follows_the_currency_the_text_names():
    text = "Each rifle costs ₹2 million (PKR). The mafia earns ₹4 billion daily."
    assert amounts(text) == [("PKR", 2e6, 2e6), ("PKR", 4e9, 4e9)]


def test_rupees_follow_the_country_the_report_is_about():
    assert amounts("In Lahore, Pakistan, the family was asked for 700,000 rupees.") == [("PKR", 7e5, 7e5)]
    assert amounts("In Mumbai, India, the family was asked for 700,000 rupees.") == [("INR", 7e5, 7e5)]
    assert amounts("Police in Pakistan said the caller demanded Rs700,000, roughly $2,500.") == [
        ("PKR", 7e5, 7e5), ("USD", 2500, 2500)]


@pytest.mark.parametrize("text", [
    "Between 35 to 40 assailants attacked the post.",
    "The group was founded in 2021 and grew in 2023.",
    "He carried 500 pounds of explosives.",
    "Killed 20 and wounded 30 in 2019.",
    "",
    "$$$ ₹ !!! ---",
])
def test_numbers_that_are_not_money(text):
    assert amounts(text) == []


def test_one_mention_per_distinct_amount():
    found = annotate("They demanded 1 billion naira. The 1 billion naira ransom is due.")
    assert [(m.kind, m.amount.low, m.amount.currency) for m in found] == [("money", 1e9, "NGN")]
    assert found[0].name == "ransom"


def test_price_of_equipment_takes_its_kind_and_name():
    found = annotate("Thermal weapon sights valued between $4,000 and $5,000 were seized.")
    priced = [m for m in found if m.amount]
    assert len(priced) == 1
    assert priced[0].kind == "equipment" and priced[0].name == "thermal weapon sight"
    assert priced[0].amount.low == 4000 and priced[0].amount.high == 5000
    assert not any(m.name == "thermal weapon sight" and m.amount is None for m in found)


def test_equipment_only_when_used_seized_or_supplied():
    used = annotate("Militants fired rocket-propelled grenades at the post.")
    assert [(m.kind, m.name, m.amount) for m in used] == [("weapon", "rocket-propelled grenade", None)]
    seized = annotate("Weapons and ammunition were recovered from the site.")
    assert [m.name for m in seized] == ["weapons and ammunition"]
    assert annotate("The rifles of the past are gone.") == []


def test_spans_point_into_the_text():
    text = "The kidnappers want $2,500 now."
    found = annotate(text)
    start, end = found[0].span
    assert text[start:end] == "$2,500"


def test_empty_and_symbol_only_texts():
    assert annotate("") == []
    assert annotate("%%% $ € -- ..") == []


@pytest.mark.parametrize("sentence", [
    "Police said 16 NPR officers were hurt in the clash.",
    "The 12 EUR Special Forces soldiers left the base.",
])
def test_a_code_before_a_person_noun_is_no_currency(sentence):
    assert find_amounts(sentence) == []


def test_a_code_before_other_words_stays_a_currency():
    assert [a.currency for _, _, a in find_amounts("He paid 5,000 NPR to the workers.")] == ["NPR"]
