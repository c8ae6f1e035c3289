"""Names that are no place: a building without its own name, a weapon's acronym, a byline's word."""
from sitrep.extract.places import find_places


def _names(text):
    return [p.name for p in find_places(text)]


def test_a_building_without_a_name_is_no_place():
    assert "Palace" not in _names("The minister spoke at the National Palace on Monday.")
    assert "House" not in _names("Protesters gathered outside the Governor's House in Zorbaville.")


def test_a_weapon_acronym_is_no_place():
    names = _names("Five soldiers were killed in an IED blast in Zorbaville district on Tuesday.")
    assert "IED" not in names and "Zorbaville" in names


def test_updated_line_is_no_dateline():
    text = "Headline of the day\nUpdated Wednesday, June 12, 2024, 9.30 pm\n\nGunmen killed two people."
    assert not [p for p in find_places(text) if p.role == "dateline"]
