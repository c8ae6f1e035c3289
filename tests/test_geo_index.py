"""The geocoder's indexes give the answers a scan over every place would."""
import random

from sitrep.geo.resolve import NEAR_KM, Context, km


def test_near_anchor_matches_a_full_scan():
    rng = random.Random(7)
    context = Context()
    for _ in range(300):
        context.anchors.append((rng.uniform(-60, 60), rng.uniform(-180, 180)))
        lat, lon = rng.uniform(-60, 60), rng.uniform(-180, 180)
        full = any(km(lat, lon, a, b) <= NEAR_KM for a, b in context.anchors)
        assert context.near_anchor(lat, lon) == full
        a, b = context.anchors[-1]
        assert context.near_anchor(a + 1.3, b)   # 145 km north of the last anchor


def test_near_anchor_sees_a_replaced_list():
    context = Context(anchors=[(10.0, 10.0)])
    assert context.near_anchor(10.5, 10.0)
    context.anchors = [(40.0, 40.0)]
    assert not context.near_anchor(10.5, 10.0)


def test_where_a_spokesman_spoke_is_not_where_the_village_lies():
    import datetime as dt

    from sitrep.extract.pipeline import extract
    from sitrep.model import Document

    text = ("GOMA/KINSHASA, Dec 8 - Rebels killed 30 villagers in Zorbakishi last week, a UN report said.\n\n"
            "A government spokesman told reporters in Kinshasa on Monday that 40 people had been killed in Zorbakishi, "
            "accusing Kinshasa's rivals of lying.")
    events = extract(Document(id="t", published=dt.date(2022, 12, 8), text=text)).events
    assert events and all(e.location.admin1 != "Kinshasa" for e in events)


def test_a_province_named_after_the_dateline_town_is_no_mention_of_the_town():
    import datetime as dt

    from sitrep.extract.pipeline import extract
    from sitrep.geo.resolve import km
    from sitrep.model import Document

    text = ("KHARKIV, 12 October - One more woman hurt in the missile strike on village Zorbahroza of Kupiansk district "
            "on 5 October died in hospital.\n\nThe number of people killed in village Zorbahroza grew to 56, "
            "said the head of Kharkiv Oblast.")
    events = extract(Document(id="t", published=dt.date(2023, 10, 12), text=text)).events
    assert events and events[0].location.lat is not None
    assert km(events[0].location.lat, events[0].location.lon, 49.98, 36.25) > 50   # not Kharkiv city
