"""Sentence splitting across hard-wrapped lines (sitrep.extract.text)."""
import datetime as dt

from sitrep.extract import figures, numbers, text


def sentences(t):
    return [t[s:e] for s, e, _p in text.split_sentences(t)]


def test_a_line_broken_inside_a_sentence_is_joined():
    t = "Gunmen attacked the village and at least 12\npeople were killed, police said."
    assert sentences(t) == [t]


def test_a_comma_at_the_end_of_a_line_goes_on():
    t = "The army said on Sunday,\nafter a long silence, that six soldiers died."
    assert sentences(t) == [t]


def test_headlines_lists_and_tables_still_end_at_the_line():
    t = "Six killed in attack\nThe army said six soldiers died.\n- item one\nlower item\n| a | b |\nnext row"
    assert sentences(t) == ["Six killed in attack", "The army said six soldiers died.", "- item one",
                            "lower item", "| a | b |", "next row"]


def test_a_blank_line_is_a_paragraph_break_even_before_lower_case():
    t = "He said twelve\n\npeople died."
    assert sentences(t) == ["He said twelve", "people died."]


def test_a_figure_wrapped_over_two_lines_is_found():
    t = "Gunmen attacked the village on Sunday and at least 12\npeople were killed, police said."
    parsed = text.parse(t, dt.date(2026, 2, 4))
    numbers.annotate(parsed)
    figures.annotate(parsed)
    assert [(f.count.outcome, f.count.best) for f in parsed.figures] == [("killed", 12)]
