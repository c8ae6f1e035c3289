"""events.fatalities: the best total killed from an event's figures."""
from sitrep.extract.events import fatalities
from sitrep.extract.figures import Figure
from sitrep.model import Count


def fig(sentence, group, best, outcome="killed", part=False):
    return Figure(Count(outcome=outcome, group=group, best=best, low=best, high=best, qualifier="exact",
                        source=None, span=(sentence, sentence + 1)), sentence, part=part)


def test_dead_attackers_add_to_an_unsplit_total():
    # "At least seven people were killed; the bomber was also killed."
    assert fatalities([fig(0, "all", 7), fig(1, "militants", 1)]) == 8


def test_a_total_that_holds_the_attackers_is_not_added_to():
    # "At least 64 people were killed ... 60 suspects and four officers."
    assert fatalities([fig(0, "all", 64), fig(1, "militants", 60), fig(1, "security_forces", 4)]) == 64


def test_parts_of_a_total_split_by_side_are_not_added_again():
    # "52 people dead, including 23 security personnel and 21 civilians, and 8 attackers"
    figures = [fig(0, "all", 52), fig(0, "security_forces", 23, part=True), fig(0, "civilians", 21, part=True)]
    assert fatalities(figures) == 52


def test_the_first_figure_of_a_side_stands_and_sides_add_up():
    figures = [fig(0, "security_forces", 11), fig(0, "civilians", 2), fig(2, "security_forces", 12)]
    assert fatalities(figures) == 13


def test_other_outcomes_do_not_count():
    assert fatalities([fig(0, "all", 5, outcome="injured"), fig(0, "all", 3, outcome="abducted")]) == 0
