"""Stage 'geocode': put each event's place on the map.

For every event (and tally area) the place name found by the places stage is looked up
in the offline gazetteer and resolved from the report's context (sitrep.geo.resolve):
coordinates, province (admin1), district (admin2), country and ACLED's geo-precision
(1 the town itself, 2 its district or near it, 3 only the province). A name the
gazetteer does not know, or cannot settle, keeps its name and gets no coordinates.

Reads places, events, tallies and main_country; fills the events' `location` in place
and stores parsed.geocode: the Resolution of each event, for `sitrep place`
style explanations.
"""
from __future__ import annotations

import re

from sitrep.extract import places as places_stage
from sitrep.geo import gazetteer as gazetteer_module
from sitrep.geo.countries import BY_ISO2, find_countries_with_kind
from sitrep.geo.resolve import NO_CONTEXT_POPULATION, Context, Resolution, resolve
from sitrep.lexicon import load_lexicon, load_table

_PRECISION = {"city": 1, "town": 1, "landmark": 1, "district": 2, "province": 3}
_CAPITALISED = re.compile(r"\b[A-ZÀ-Þ][\w'’\-]+(?:\s+[A-ZÀ-Þ][\w'’\-]+){0,2}")
_NOT_PLACES = frozenset(load_lexicon("places")["not_places"])
# "Kikuyu farm was attacked by Luhya raiders": a people's name, not the town of Kikuyu.
_PEOPLES = frozenset(g.lower() for g in load_lexicon("actors")["ethnic"]["groups"])
_OF_A_PLACE = re.compile(r"\s+(?:residents?|town|city|county|district|village|area)\b", re.IGNORECASE)
_PART = re.compile(r"^(?:(?:north|south|east|west|central|upper|lower)\s+(?P<after>.+)|(?P<before>.+?)\s+(?:north|south|east|west|central))$",
                   re.IGNORECASE)
_QUARTER = re.compile(r"\b(?:neighbou?rhoods?|colonia|fraccionamiento|barrio|bairro)\b", re.IGNORECASE)
_STRETCH = re.compile(r"\b(?:highway|road|motorway|pass|corridor)\b", re.IGNORECASE)
MIN_POPULATION_UNNAMED = 20_000   # a name found without "in"/"at" must be a real town


def build_context(parsed, gazetteer) -> Context:
    main = parsed.main_country
    mentions = parsed.countries
    context = Context(main_country=main.iso2 if main else None, countries={m[2].iso2 for m in mentions})
    for p in parsed.places:
        for candidate in gazetteer.lookup(p.name):
            if candidate.kind == "province" and (candidate.country_code in context.countries or not context.countries):
                context.provinces.add((candidate.country_code, candidate.admin1_code))
                context.countries.add(candidate.country_code)
    if not context.countries and not context.main_country:
        context.main_country = _voted_country(parsed, gazetteer) or _hinted_country(parsed.text)
    elif mentions and all(m[3] == "demonym" for m in mentions) and not context.provinces:
        # "Ethiopian raiders kill two herders": a people named is no place named. Where the
        # report's words point elsewhere, the report is about there (on ACLED's train notes
        # naming countries only so, the words were right 150 times where the demonym was wrong,
        # and wrong 3 times where it was right).
        hinted = _hinted_country(parsed.text)
        if hinted:
            context.main_country = hinted
            context.countries.add(hinted)
    context.cache["home"] = _home_countries(context.main_country, mentions)
    # Names with one candidate in the report's countries anchor the others.
    known = context.countries | ({context.main_country} if context.main_country else set())
    for p in parsed.places:
        here = [c for c in gazetteer.lookup(p.name)
                if c.lat is not None and c.kind != "province" and (not known or c.country_code in known)]
        if len(here) == 1:
            context.anchors.append((here[0].lat, here[0].lon))
    return context


def _home_countries(main: str | None, mentions) -> set[str]:
    """The countries a report is about: its main country, and any other it names by country
    words (a name or a people: "Israel", "Israeli") as often as the main one. A report on
    Jerusalem names Israelis and Palestinians alike, and its main country, got from places
    too ("Ramallah", "the West Bank"), is no reason to reject the Israeli candidate of a place
    it names ("Washington" in a report on Pakistan that names the US once stays rejected)."""
    if not main:
        return set()
    words: dict[str, int] = {}
    for m in mentions:
        if m[3] in ("name", "alias", "demonym"):
            words[m[2].iso2] = words.get(m[2].iso2, 0) + 1
    least = words.get(main, 0)
    return {main} | {cc for cc, n in words.items() if n >= least}


def _at_home(context, code: str) -> bool:
    return code == context.main_country or code in context.cache.get("home", ())


def _voted_country(parsed, gazetteer) -> str | None:
    """A report that names no country: the country most of its place names could be in
    ("Kain-Ouro (Kain, Yatenga)"), if at least two names agree and no other country ties."""
    votes: dict[str, int] = {}
    for p in parsed.places:
        for cc in {c.country_code for c in gazetteer.lookup(p.name)
                   if c.kind in ("province", "district") or c.population >= NO_CONTEXT_POPULATION}:
            votes[cc] = votes.get(cc, 0) + 1
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
        return ranked[0][0]
    return None


_HINTS = {row["word"]: row["country_code"] for row in load_table("country_hints")}
_HINT_WORDS = re.compile(r"[a-z][a-z'-]{2,}")


def _hinted_country(text: str) -> str | None:
    """A report that names no country and no place we can settle: the country its words
    point to (learned from ACLED's train notes by scripts/train_country_hints.py)."""
    votes: dict[str, int] = {}
    for word in set(_HINT_WORDS.findall(text.lower())):
        code = _HINTS.get(word)
        if code:
            votes[code] = votes.get(code, 0) + 1
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def context_for(text: str, gazetteer, published=None) -> Context:
    """The geographic context of a report's text, as the stage would build it."""
    import datetime as dt

    from sitrep.extract import actors, text as text_stage

    parsed = text_stage.parse(text, published or dt.date.today())
    places_stage.annotate(parsed)
    actors.annotate(parsed)
    return build_context(parsed, gazetteer)


def _qualifiers(parsed, span) -> list:
    """The places that qualify the event's place in the text ("in Bahawalpur district", "in
    Jammu's Satwari area")."""
    if span is None:
        return []
    chain = _index(parsed).chain_at.get(span[0])
    if chain is not None:
        return [p for p in chain if p.start != span[0]] + _possessor(parsed, span)
    return _possessor(parsed, span)


class _PlaceIndex:
    """A report's places indexed once (by start, sentence, paragraph; their chains), so that
    placing each of a long report's events costs its own sentence's places, not all of them."""

    def __init__(self, parsed):
        self.parsed, self.places = parsed, parsed.places
        self.count = len(parsed.places)
        self.at: dict[int, object] = {}
        self.in_sentence: dict[int, list] = {}
        self.settings: dict[int, list] = {}   # headers and scenes by paragraph
        for p in parsed.places:
            self.at.setdefault(p.start, p)
            self.in_sentence.setdefault(p.sentence, []).append(p)
            if p.role in ("header", "scene") and 0 <= p.sentence:
                self.settings.setdefault(parsed.sentences[p.sentence].paragraph, []).append(p)
        self.chain_at: dict[int, list] = {}
        usable = [p for p in parsed.places if p.role != "dateline"]
        for chain in places_stage.chains(parsed.text, usable):
            for p in chain:
                self.chain_at.setdefault(p.start, chain)


_INDEX: list = [None]


def _index(parsed) -> _PlaceIndex:
    index = _INDEX[0]
    if index is None or index.parsed is not parsed or index.places is not parsed.places or index.count != len(parsed.places):
        index = _INDEX[0] = _PlaceIndex(parsed)
    return index


_POSSESSOR = re.compile(rf"(?P<name>{places_stage.NAME})['’]s[^\S\n]+(?:[a-z][\w\-]*[^\S\n]+)?$")


def _possessor(parsed, span) -> list:
    """"Port-au-Prince's Cite Soleil district", "south Kashmir's Hariparigam village": the
    place whose the named one is (a country adds nothing: the context has it)."""
    m = _POSSESSOR.search(parsed.text, max(0, span[0] - 60), span[0])
    if m is None:
        return []
    name = places_stage.clean_name(m.group("name"))
    if not name or places_stage.names_a_country(name):
        return []
    start = m.start("name") + m.group("name").find(name.split()[0])
    return [places_stage.PlaceMention(start, start + len(name), places_stage.title_case(name), None, "possessor")]


def _surroundings(parsed, span) -> list:
    """Places that say where the event's place lies without qualifying it directly: a
    district or province named in the same sentence ("Yelwata, a town in Guma local
    government area"), then the paragraph's bulletin header or scene ("UPPER DIR:")."""
    if span is None:
        return []
    sentence = parsed.sentence_at(span[0])
    if sentence is None:
        return []
    index = _index(parsed)
    same = [p for p in index.in_sentence.get(sentence.index, []) if p.start != span[0]
            and p.kind in ("district", "province")]
    # the nearest first, those after the place before those before it: "in the Laman area of Barmal
    # district in Paktika province, ... and in the Afghan Dubai area of Spera district in Khost province"
    same.sort(key=lambda p: (p.start < span[0], abs(p.start - span[0])))
    setting = [p for p in index.settings.get(sentence.paragraph, []) if p.start < span[0]]
    # the sentence's districts, then the entry's header town ("KANKARA, Katsina State (Monday): ...
    # in Gidan Boka village, the Katsina State Police Command said"), then the sentence's provinces
    return [p for p in same if p.kind == "district"] + setting[::-1] + [p for p in same if p.kind != "district"]


# "told reporters in Kinshasa", "speaking in Geneva", "a news conference in Kabul": where someone spoke
_SPEAKER_BEFORE = re.compile(r"\b(?:(?:told|telling|briefed|briefing|addressed|addressing)\s+(?:the\s+)?(?:reporters|journalists|"
                             r"newsmen|the\s+press|the\s+media|a\s+news\s+conference|a\s+press\s+conference|lawmakers|parliament)"
                             r"|(?:speaking|spoke|said|says)|(?:news|press)\s+(?:conference|briefing))\s+(?:in|at|from)\s+$", re.IGNORECASE)


def _speaker_place(parsed, p) -> bool:
    return bool(_SPEAKER_BEFORE.search(parsed.text, max(0, p.start - 60), p.start))


def _same_sentence(parsed, span) -> list:
    """The other places of the event's sentence, those after its place first ("at
    Malakerbari in Gazipur city"): where the text names the event's place only by a village
    the gazetteer lacks, the nearest place it does know."""
    if span is None:
        return []
    sentence = parsed.sentence_at(span[0])
    if sentence is None:
        return []
    others = [p for p in _index(parsed).in_sentence.get(sentence.index, [])
              if p.start != span[0] and p.role not in ("dateline", "listed") and p.kind != "country"
              and not _speaker_place(parsed, p)]
    nearest = [p for p in others if p.start > span[0]] + [p for p in others if p.start < span[0]][::-1]
    return sorted(nearest, key=lambda p: p.role == "qualifier")   # towns before the provinces that qualify them


def _mention(parsed, span):
    """The place mention an event's location span points at, if any."""
    if span is None:
        return None
    return _index(parsed).at.get(span[0])


def _kind_said(mention) -> str | None:
    return mention.kind if mention.kind in ("district", "province") else None


def _resolve_mention(gazetteer, mention, context):
    """Resolve a place the text names around the event's place. "Guadalajara, Jalisco": a
    bare qualifier is the state (or district) when the report's country has one of that
    name, rather than the bigger town of Xalisco, whose alternate name it is."""
    r = resolve(gazetteer, mention.name, context, _kind_said(mention))
    if mention.role == "qualifier" and mention.kind is None and r.place is not None and r.place.kind == "city":
        for kind in ("province", "district"):   # "(Narsingdi, Dhaka)": the district, then its division
            division = next((c for c in r.candidates if c.place.kind == kind
                             and c.place.country_code == r.place.country_code), None)
            if division is not None:
                return Resolution(r.name, division.place, r.candidates, f"a qualifier names the {kind}")
    return r


def _variant(gazetteer, name: str, context, kind: str | None):
    """A name the gazetteer lacks that is a spelling variant of one name of the report's
    country ("Nangarhaar", "Bamiyan"): that place, if it is the only such name there."""
    found = gazetteer.variant(name, context.main_country)
    if not found:
        return None
    r = resolve(gazetteer, found[0].name, context, kind)
    if r.place is None or r.place.country_code != context.main_country:
        return None
    return Resolution(name, r.place, r.candidates, f"a spelling of {found[0].name}; {r.reason}")


def _report_country(loc, context) -> None:
    """A place left unresolved still lies in the country the report is about."""
    if not loc.country_code and context.main_country in BY_ISO2:
        loc.country, loc.country_code = BY_ISO2[context.main_country].name, context.main_country


def _part_of(gazetteer, name: str, context):
    """"Baringo East", "Turkana North": a part of a district or province the gazetteer
    knows, when the part itself is unknown."""
    m = _PART.match(name)
    if m is None:
        return None
    r = resolve(gazetteer, m.group("after") or m.group("before"), context)
    if r.place is None:
        return None
    return next((c.place for c in r.candidates if c.place.kind in ("district", "province")
                 and c.place.country_code == r.place.country_code), None)


def _only_province(parsed, gazetteer, context):
    """The one province a report names as a place ("in the southern countryside of Idleb"),
    in its country; a dateline ("ISLAMABAD/KABUL -") is where the reporter is, not a place
    of the report's events. Where an event's own place is unknown, ACLED places it there
    (precision 3)."""
    cache = context.cache.setdefault("only_province", {})   # a context is one report's
    if context.main_country not in cache:
        here = {(c.country_code, c.admin1_code) for p in parsed.places if p.role != "dateline" and not _speaker_place(parsed, p)
                for c in gazetteer.lookup(p.name) if c.kind == "province"
                and (not context.main_country or c.country_code == context.main_country)}
        cache[context.main_country] = gazetteer.province(*next(iter(here))) if len(here) == 1 else None
    return cache[context.main_country]


def _only_district(parsed, gazetteer, context):
    """The one district a report names as such ("in the province of Yagha", "Kech district"),
    in its country: where an event's own place is unknown, it most likely lies there."""
    # resolving depends on the context, which grows as events are placed: cache by its state
    state = (context.main_country, len(context.countries), len(context.provinces), len(context.anchors))
    cache = context.cache.setdefault("only_district", {})
    if state not in cache:
        cache[state] = _one_district(parsed, gazetteer, context)
    return cache[state]


def _one_district(parsed, gazetteer, context):
    here = {}
    for p in parsed.places:
        if p.role == "dateline" or p.kind not in ("district", "province"):
            continue   # the text says it is a division ("Yagha province" is a district in Burkina Faso's terms)
        r = resolve(gazetteer, p.name, context, "district")
        if r.place is not None and (p.kind == "district" or r.place.kind == "district") and r.place.lat is not None and (
                not context.main_country or r.place.country_code == context.main_country):
            here[r.place.id] = r.place
    return next(iter(here.values())) if len(here) == 1 else None


def _dateline_province(parsed, gazetteer, context):
    """"KADUNA, Nigeria - ... the village of Kuriga": a provincial dateline says the province
    of a village the gazetteer lacks. A capital's dateline ("ISLAMABAD -") says nothing of it:
    reporters there cover the whole country."""
    for p in parsed.places:
        if p.role != "dateline" or any(kind == "capital" for *_, kind in find_countries_with_kind(p.name)):
            continue
        r = resolve(gazetteer, p.name, context)
        if r.place is not None and r.place.admin1_code and (
                not context.main_country or r.place.country_code == context.main_country):
            return gazetteer.province(r.place.country_code, r.place.admin1_code)
    return None


_FACILITY_WORDS = frozenset(load_lexicon("places")["facility_words"])


def _facility_town(gazetteer, name: str, context):
    """"Gwoza General Hospital", "Dhaka University", "Jammu Air Force Station": a facility
    the gazetteer lacks, named after the town it stands in (a town of the report's country)."""
    words = name.split()
    if len(words) < 2 or words[-1].lower() not in _FACILITY_WORDS:
        return None
    known = context.countries | ({context.main_country} if context.main_country else set())
    for n in range(len(words) - 1, 0, -1):
        head = " ".join(words[:n])
        if len(head) < 3 or head.lower() in _NOT_PLACES:
            continue
        r = resolve(gazetteer, head, context)
        if r.place is not None and r.place.kind in ("city", "town") and r.place.lat is not None and (
                r.place.country_code in known):
            return r.place
    return None


_DIVISION_AFTER = re.compile(r"[^\S\n]+(?i:oblast|region|province|state|governorate|district|county|division|prefecture)\b")
# "accusing Kinshasa of ...", "urged Kabul to ...": a capital standing for its government, as the object
_GOVERNMENT_BEFORE = re.compile(r"\b(?:accus\w*|blam\w*|urg\w*|criticis\w*|criticiz\w*|condemn\w*|pressur\w*|warn\w*|asked|asking)\s+$",
                                re.IGNORECASE)
# "Washington's build-up", "Kabul denies": a capital standing for its government ("Baghdad's Green Zone" is a place)
_GOVERNMENT_AFTER = re.compile(r"['’]s\s+[a-z]|\s+(?:said|says|denied|denies|accused|accuses|blamed|blames|has|had|was|is|would|will)\b")


def _report_town(parsed, gazetteer, context):
    """The town a report is filed from, where it names the town again in its headline or body
    ("MOGADISHU, March 19 - ... the Ceel-Gaabta junction ... in Mogadishu"): a place of the report
    the gazetteer lacks, and no nearer place named, most likely lies there (a capital's dateline
    over a report that never names the capital again says nothing of where its events were)."""
    text, title = parsed.text, parsed.title or ""
    datelines = [p for p in parsed.places if p.role == "dateline"]
    if not datelines and title:
        # no dateline: the town the headline names ("Gunmen storm Hayat Hotel in Mogadishu")
        datelines = [p for p in places_stage.find_places(title) if p.role in ("place", "scene")]
        if title in text:
            datelines = [places_stage.PlaceMention(p.start + text.find(title), p.end + text.find(title), p.name,
                                                   p.kind, p.role) for p in datelines]
        else:
            datelines = [places_stage.PlaceMention(len(text), len(text), p.name, p.kind, p.role) for p in datelines]
    for p in datelines:
        capital = any(kind == "capital" for *_, kind in find_countries_with_kind(p.name))
        again = sum(1 for m in re.finditer(re.escape(p.name), text + "\n" + title, re.IGNORECASE)
                    if not (p.start <= m.start() < p.end) and not (capital and _GOVERNMENT_AFTER.match(text + "\n" + title, m.end()))
                    and not _SPEAKER_BEFORE.search(text + "\n" + title, max(0, m.start() - 60), m.start())   # "told reporters in Kinshasa"
                    and not (capital and _GOVERNMENT_BEFORE.search(text + "\n" + title, max(0, m.start() - 30), m.start()))
                    and not _DIVISION_AFTER.match(text + "\n" + title, m.end()))   # "Kharkiv Oblast": the province, not the town
        if again == 0:
            continue
        r = resolve(gazetteer, p.name, context)
        if r.place is not None and r.place.kind in ("city", "town", "district") and r.place.lat is not None and (
                not context.main_country or r.place.country_code == context.main_country):
            return r.place
    return None


def locate(event_location, parsed, gazetteer, context):
    """Fill one Location from its name; return the Resolution."""
    loc = event_location
    qualified_in = set()   # the provinces the text puts the place in ("Vesele, Donetsk")
    qualifiers = _qualifiers(parsed, loc.span)
    for q in qualifiers:
        r = _resolve_mention(gazetteer, q, context)
        if q.role == "possessor" and r.place is not None and context.main_country and (
                r.place.country_code != context.main_country):
            continue   # "south Kashmir's Hariparigam": the Kashmir of the report's country, or none
        if r.place is not None and r.place.admin1_code:
            qualified_in.update((c.place.country_code, c.place.admin1_code) for c in r.candidates)
            context.provinces.add((r.place.country_code, r.place.admin1_code))
        if r.place is not None and r.place.lat is not None:
            context.anchors.append((r.place.lat, r.place.lon))
            if r.place.kind == "district" and (not loc.admin2 or loc.admin2 == loc.name):
                # "Raipura upazila (Narsingdi, Dhaka)": the district the text puts a
                # sub-district in is the admin2, not the sub-district's own name
                loc.admin2 = r.place.name
    mention = _mention(parsed, loc.span)
    resolution = None
    if mention is not None and mention.kind == "facility":
        # "Gwadar port", "Bagram airfield": the facility itself may be in the gazetteer.
        whole = resolve(gazetteer, parsed.text[mention.start:mention.end], context)
        resolution = whole if whole.place is not None else None
    if resolution is None:
        resolution = resolve(gazetteer, loc.name, context, _kind_said(mention) if mention is not None else None)
    if resolution.place is None and not resolution.candidates and mention is not None and (
            (whole := parsed.text[mention.start:mention.end]) != loc.name):
        # "Islamabad Capital Territory": the admin word the places stage took for a kind is part of the name
        resolution = resolve(gazetteer, whole, context, _kind_said(mention))
    if resolution.place is None and not resolution.candidates and context.main_country:
        resolution = _variant(gazetteer, loc.name, context, _kind_said(mention) if mention is not None else None) or resolution
    if mention is not None and _QUARTER.search(parsed.text, mention.start, mention.end):
        # "in Tijuana, ..., found dead in Colonia La Esperanza": a quarter's namesake elsewhere
        # is no guide; the town its sentence names is where it lies.
        resolution = Resolution(loc.name, None, resolution.candidates, "a quarter of a town")
    place = resolution.place
    if place is not None and qualified_in and (place.country_code, place.admin1_code) not in qualified_in:
        place = None   # a namesake in another province than the text says: the village is not in the gazetteer
    near = False
    if place is None and not resolution.candidates:
        place = _part_of(gazetteer, loc.name, context)
        near = place is not None
    if place is None:
        # A village the gazetteer lacks, in a district or province it knows, or near a
        # place the same sentence names: place the event there.
        qualifying = qualifiers + _surroundings(parsed, loc.span)
        datelines = [p for p in parsed.places if p.role == "dateline"] if (
            mention is not None and mention.kind == "facility") else []   # "RAWALPINDI - ... camp on Murree Road"
        for q in qualifying + _same_sentence(parsed, loc.span) + datelines:
            r = _resolve_mention(gazetteer, q, context)
            if r.place is None or (r.place.lat is None and not r.place.admin1_code):
                continue
            if q.role == "possessor" and context.main_country and r.place.country_code != context.main_country:
                continue   # "south Kashmir's Hariparigam": the Kashmir of the report's country, or none
            if q not in qualifying and context.main_country and not _at_home(context, r.place.country_code):
                continue   # "... at Qwertybari, as officials in Washington watched"
            place, near = r.place, True
            break
    if place is None:
        town = _facility_town(gazetteer, loc.name, context)
        if town is not None:
            place, near = town, False   # "Gwoza General Hospital", "Dhaka University": in the town itself
    if place is None:
        place = _report_town(parsed, gazetteer, context)
        near = near or place is not None
    if place is None:
        place = _only_district(parsed, gazetteer, context)
        near = near or place is not None
    if place is None:
        place = _only_province(parsed, gazetteer, context) or _dateline_province(parsed, gazetteer, context)
    if place is None:
        _report_country(loc, context)
    else:
        _put(loc, place, near, gazetteer)
    return resolution


def _put(loc, place, near: bool, gazetteer) -> None:
    """Fill a Location from the place it lies at (`near`: not the place itself but a place
    it lies in or by, so at best ACLED's precision 2)."""
    country = BY_ISO2.get(place.country_code)
    loc.country = country.name if country else loc.country
    loc.country_code = place.country_code
    loc.admin1 = place.admin1 or loc.admin1
    loc.admin2 = place.admin2 or (place.name if place.kind == "district" else loc.admin2)
    precision = _PRECISION.get(place.kind, 1)
    if place.kind == "landmark" and _STRETCH.search(place.name):
        precision = 2   # a highway or a pass is a stretch of land, not a point
    point = place
    if place.lat is None and place.admin1_code:
        # A district known only by its province (no point of its own): the province's point.
        point, precision = gazetteer.province(place.country_code, place.admin1_code), 3
    if point is not None and point.lat is not None:
        loc.lat, loc.lon = point.lat, point.lon
        loc.geo_precision = max(precision, 2) if near else precision


def place_in_text(parsed, spans, gazetteer, context):
    """For an event whose sentences name no place the places stage could see ("Protests
    in streets of Bobo-Dioulasso", "Garissa residents protest", "Embu University students"):
    the first capitalised name, or the start of one, that the gazetteer resolves to a town
    of some size or one in the report's country. Returns ((name, span), Resolution)."""
    # A named group's words are not a place; "Kisumu residents" are people of a place.
    taken = [(a.start, a.end) for a in parsed.actors if a.actor.kind != "civilians"]
    known = context.countries | ({context.main_country} if context.main_country else set())
    for start, end in spans:
        for m in _CAPITALISED.finditer(parsed.text, start, end):
            words = m.group(0).split()
            if words[0].lower() in _NOT_PLACES or any(s <= m.start() < e for s, e in taken):
                continue
            if m.group(0).lower() in _PEOPLES and not _OF_A_PLACE.match(parsed.text, m.end()):
                continue
            for n in range(len(words), 0, -1):
                name = " ".join(words[:n])
                r = resolve(gazetteer, name, context)
                p = r.place
                if p is not None and p.lat is not None and p.kind != "province" and (
                        p.population >= MIN_POPULATION_UNNAMED or p.country_code in known):
                    return (name, (m.start(), m.start() + len(name))), r
    return None, None


def annotate(parsed) -> None:
    events = parsed.events
    if not events and not parsed.tallies:
        return
    gazetteer = gazetteer_module.default()
    context = build_context(parsed, gazetteer)
    resolutions = []
    for event in events:
        if not event.location.name:
            found, r = place_in_text(parsed, event.evidence, gazetteer, context)
            if found is None:
                # no place name of its own: the one province its report names, if any
                if (province := _only_province(parsed, gazetteer, context)) is not None:
                    _put(event.location, province, False, gazetteer)
                _report_country(event.location, context)
                continue
            event.location.name, event.location.span = found
        resolutions.append(locate(event.location, parsed, gazetteer, context))
    for tally in parsed.tallies:
        code = context.main_country   # "since January, 120 killed across the country"
        if tally.area:
            r = resolve(gazetteer, tally.area, context)
            code = r.place.country_code if r.place is not None else code
        if (country := BY_ISO2.get(code or "")) is not None:
            tally.country = country.name
    parsed.geocode = resolutions
