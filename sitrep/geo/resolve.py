"""Choosing the place a name means, from the report's context.

A name has candidates in the gazetteer ("Kalat": a town in Balochistan, Qalat in
Afghanistan, a village in Iran). The report says which one: the countries it names, the
provinces it names, the other places it names (a candidate near them is likelier), and
population breaks what ties remain. A name with no candidate in the report's countries
stays unresolved: a name with no coordinates is better than a village on another
continent.
"""
from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field

from sitrep.geo.gazetteer import ISO_ADMIN2, Gazetteer, Place

# How much each kind of evidence weighs (log-odds-like points).
MAIN_COUNTRY = 4.0
NAMED_COUNTRY = 2.0
NAMED_PROVINCE = 2.5
NEAR_OTHER_PLACE = 1.5
KIND_SAID = 1.5            # the text says "district" and the candidate is a district
OWN_TABLE = 0.5            # the project's hand-made rows know local names best
NEAR_KM = 150.0
_BAND_DEGREES = NEAR_KM / 6371.0 * 180.0 / math.pi + 0.01   # NEAR_KM along a meridian, and a margin
NO_CONTEXT_POPULATION = 2500   # with no country context, a hamlet elsewhere is more likely a wrong guess
DOMINANT_POPULATION = 5    # with no country context, the biggest wins only by this factor


@dataclass
class Context:
    """What the report says about where it is."""

    main_country: str | None = None                   # ISO2
    countries: set[str] = field(default_factory=set)  # every country it names
    provinces: set[tuple[str, str]] = field(default_factory=set)   # (ISO2, admin1 code) it names
    anchors: list[tuple[float, float]] = field(default_factory=list)  # places already resolved
    # the anchors sorted by latitude, kept up to date as anchors are appended (see near_anchor)
    cache: dict = field(default_factory=dict, init=False, repr=False, compare=False)   # the stage's, per report
    _seen: set = field(default_factory=set, init=False, repr=False, compare=False)
    _sorted: list = field(default_factory=list, init=False, repr=False, compare=False)
    _lats: list = field(default_factory=list, init=False, repr=False, compare=False)
    _indexed: int = field(default=0, init=False, repr=False, compare=False)
    _of: object = field(default=None, init=False, repr=False, compare=False)

    def near_anchor(self, lat: float, lon: float) -> bool:
        """Whether an anchor lies within NEAR_KM of the point. Only anchors within NEAR_KM's
        latitude band can (a great-circle distance is at least the meridian distance), so a
        long report's hundreds of anchors cost a bisection, not a distance each."""
        anchors = self.anchors
        if self._of is not anchors or self._indexed > len(anchors):   # a new list, or one shortened: index it anew
            self._seen, self._sorted, self._lats, self._indexed, self._of = set(), [], [], 0, anchors
        for a in anchors[self._indexed:]:
            if a not in self._seen:
                self._seen.add(a)
                i = bisect.bisect_left(self._sorted, a)
                self._sorted.insert(i, a)
                self._lats.insert(i, a[0])
        self._indexed = len(anchors)
        lo = bisect.bisect_left(self._lats, lat - _BAND_DEGREES)
        hi = bisect.bisect_right(self._lats, lat + _BAND_DEGREES)
        return any(km(lat, lon, a, b) <= NEAR_KM for a, b in self._sorted[lo:hi])


@dataclass
class Scored:
    place: Place
    score: float
    reasons: list[str]


@dataclass
class Resolution:
    name: str
    place: Place | None
    candidates: list[Scored]
    reason: str


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def score(place: Place, context: Context, kind_said: str | None = None) -> Scored:
    points, reasons = 0.0, []
    if context.main_country and place.country_code == context.main_country:
        points += MAIN_COUNTRY
        reasons.append(f"in {place.country_code}, the report's country")
    elif place.country_code in context.countries:
        points += NAMED_COUNTRY
        reasons.append(f"in {place.country_code}, named in the report")
    if place.admin1_code and (place.country_code, place.admin1_code) in context.provinces and place.kind != "province":
        points += NAMED_PROVINCE
        reasons.append(f"in {place.admin1}, named in the report")
    if place.lat is not None and context.near_anchor(place.lat, place.lon):
        points += NEAR_OTHER_PLACE
        reasons.append(f"within {NEAR_KM:.0f} km of another place in the report")
    if kind_said and place.kind == kind_said:
        points += KIND_SAID
        reasons.append(f"a {kind_said}, as the text says")
    if place.kind in ("district", "town", "landmark") and not place.source.startswith(ISO_ADMIN2):
        points += OWN_TABLE
        reasons.append("in sitrep's own district table")
    if place.population:
        points += math.log10(place.population + 10) / 3
        reasons.append(f"population {place.population:,}")
    return Scored(place, round(points, 3), reasons)


def resolve(gazetteer: Gazetteer, name: str, context: Context, kind_said: str | None = None) -> Resolution:
    candidates = [c for c in gazetteer.lookup(name) if c.kind != "country"]
    if not candidates:
        return Resolution(name, None, [], "not in the gazetteer")
    scored = sorted((score(c, context, kind_said) for c in candidates), key=lambda s: -s.score)
    known = context.countries | ({context.main_country} if context.main_country else set())
    said = [s for s in scored if kind_said and s.place.kind == kind_said and s.place.country_code in known
            and s.place.country_code == scored[0].place.country_code]
    if said:
        # "in Kaduna State", "Kech district": the text says which kind of place; a town of that
        # name (whose province the name itself seems to name) is not it
        scored = said + [s for s in scored if s not in said]
    best = scored[0]
    if known:
        if best.place.country_code not in known:
            return Resolution(name, None, scored, "no candidate in the countries the report names")
        return Resolution(name, best.place, scored, "; ".join(best.reasons) or "only candidate")
    if best.place.population < NO_CONTEXT_POPULATION and best.place.kind in ("city", "town"):
        return Resolution(name, None, scored, "a small place, and nothing in the report says which country")
    if len(scored) == 1:
        return Resolution(name, best.place, scored, "the only place of that name")
    second = scored[1].place.population
    if best.place.population >= DOMINANT_POPULATION * max(second, 1) and best.score > scored[1].score:
        return Resolution(name, best.place, scored, "far the most populous place of that name")
    return Resolution(name, None, scored, "several places of that name and nothing in the report to choose")
