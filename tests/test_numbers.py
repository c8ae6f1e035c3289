"""Numbers as reporters write them."""
import pytest
from hypothesis import given, strategies as st

from sitrep.extract.numbers import find_quantities, parse_number


def only(text):
    found = find_quantities(text)
    assert len(found) == 1, found
    q = found[0]
    return q.best, q.low, q.high, q.qualifier, text[q.start:q.end]


@pytest.mark.parametrize("text, expected", [
    ("over 250 dead", (250, 250, None, "more_than", "over 250")),
    ("36+", (36, 36, None, "at_least", "36+")),
    ("at least 14 people", (14, 14, None, "at_least", "at least 14")),
    ("nearly 20 people", (20, None, None, "about", "nearly 20")),
    ("some 200 residents", (200, None, None, "about", "some 200")),
    ("up to 30 people", (30, None, 30, "up_to", "up to 30")),
    ("35 to 40 assailants", (35, 35, 40, "range", "35 to 40")),
    ("between 35 and 40 men", (35, 35, 40, "range", "between 35 and 40")),
    ("twenty-two soldiers", (22, 22, 22, "exact", "twenty-two")),
    ("one hundred and five", (105, 105, 105, "exact", "one hundred and five")),
    ("1,200 people", (1200, 1200, 1200, "exact", "1,200")),
    ("a dozen", (12, 12, 12, "exact", "a dozen")),
    ("two dozen", (24, 24, 24, "exact", "two dozen")),
    ("half a dozen", (6, 6, 6, "exact", "half a dozen")),
    ("dozens were hurt", (12, None, None, "vague", "dozens")),
    ("several people", (10, None, None, "vague", "several")),
    ("a few houses", (3, None, None, "vague", "a few")),
    ("hundreds of people", (100, None, None, "vague", "hundreds of")),
    ("3.5 million", (3_500_000, 3_500_000, 3_500_000, "exact", "3.5 million")),
])
def test_quantity_forms(text, expected):
    assert only(text) == expected


def test_each_number_of_a_sentence_is_found_in_order():
    text = "Thirteen civilians and five soldiers were killed and 29 wounded"
    assert [q.best for q in find_quantities(text)] == [13, 5, 29]


def test_text_without_numbers_and_empty_text():
    assert find_quantities("") == []
    assert find_quantities("Police said the attackers fled.") == []


@pytest.mark.parametrize("phrase", ["", "banana", "twenty bananas", "1,2,3"])
def test_parse_number_rejects_what_is_not_one_number(phrase):
    assert parse_number(phrase) is None


@given(st.integers(min_value=0, max_value=10**9))
def test_digits_with_thousands_separators_round_trip(n):
    assert parse_number(f"{n:,}") == n
    assert parse_number(str(n)) == n


_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
          "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _spell(n: int) -> str:
    if n < 20:
        return _WORDS[n]
    if n < 100:
        return _TENS[n // 10] + ("-" + _WORDS[n % 10] if n % 10 else "")
    rest = n % 100
    return _WORDS[n // 100] + " hundred" + (" and " + _spell(rest) if rest else "")


@given(st.integers(min_value=1, max_value=999))
def test_spelled_numbers_parse_to_their_value(n):
    assert parse_number(_spell(n)) == n
    found = find_quantities(f"police said {_spell(n)} people were killed")
    assert [q.best for q in found] == [n]


@given(st.integers(min_value=1, max_value=5000), st.integers(min_value=1, max_value=5000))
def test_ranges_keep_low_at_most_high(a, b):
    low, high = sorted((a, b))
    q = find_quantities(f"{low} to {high} people")[0]
    assert q.low == low and q.best == low
    assert q.high == (high if high > low else low)


def test_digits_in_brackets_repeat_the_words():
    from sitrep.extract.numbers import find_quantities
    qs = find_quantities("thirty-three (33) militants")
    assert [(q.best, q.end) for q in qs] == [(33, len("thirty-three (33)"))]


def test_a_smaller_number_after_a_dash_is_no_range_and_is_read_on_its_own():
    from sitrep.extract.numbers import find_quantities
    text = "QUETTA, March 11 - Four soldiers and nine militants were killed."
    assert [(text[q.start:q.end], q.best) for q in find_quantities(text)] == [("11", 11), ("Four", 4), ("nine", 9)]
    assert [(q.best, q.qualifier) for q in find_quantities("40 to 35 people")] == [(40, "exact")]
