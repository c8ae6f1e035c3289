"""Place names in the text: where reporters say things happened.

This stage finds the names and how they relate ("the Dozan area near Kolpur", "Ahmedpur
East in Bahawalpur district", a bulletin's "UPPER DIR:" header, a dateline's "QUETTA,");
resolving a name to coordinates and admin levels is the geocoder's job.

Stores parsed.places: list[PlaceMention] in text order.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitrep.extract.actors import canonical_actor
from sitrep.geo.countries import find_countries_with_kind
from sitrep.lexicon import load_lexicon, phrase_pattern

_LEX = load_lexicon("places")
_KIND_OF = {w: k for k, words in _LEX["kinds"].items() for w in words}
_NOT_PLACES = frozenset(_LEX["not_places"])
_ORGANISATIONS = frozenset(_LEX["organisations"])
_OPENERS = frozenset(_LEX["name_openers"])
_PERSON_TITLES = frozenset(_LEX["person_titles"])
_GENERIC_NAMES = frozenset(_LEX["generic_names"])
# Kinds of place that stand inside a town: the town, not the mosque, is the event's place.
FACILITIES = frozenset(["camp", "station", "checkpost", "check post", "checkpoint", "post", "base", "mosque", "road",
                        "highway", "bridge", "crossing", "border crossing", "chowk", "square", "hospital", "school",
                        "university", "airport", "port", "cantonment", "compound", "prison", "jail", "court",
                        "bazaar", "market"])



_CAP = r"[A-ZÀ-ÖØ-Þ]"
_TOKEN = rf"{_CAP}[\w'’.\-]*"
# "Wad al-Noura", "Dar es Salaam": lower-case particles inside a name.
_PARTICLE_TOKEN = rf"(?:al|el|ad|ar|as|ash|at|az|an|ul|ud|bin|ibn)-{_CAP}?[\w'’.\-]+"
# A name never runs across a line break: "... in Mogadishu\n\nOur team" is Mogadishu.
_SP = r"[^\S\n]+"
_NAME = (rf"{_TOKEN}(?:{_SP}(?:(?:al|el|ul|ud|e|es|i|de|da|du|di|la|le|del|do|dos|das|los|las|bin|ibn){_SP}){{0,2}}"
         rf"(?:{_TOKEN}|{_PARTICLE_TOKEN})){{0,3}}")
# "Jama'at Nusrat ...": a preposition is a word of its own, not the end of one after an apostrophe.
_PLACE = re.compile(
    rf"(?<!['’])\b(?i:{phrase_pattern(_LEX['prepositions'])})\s+(?:the\s+)?(?:(?:[a-z\-]+)\s+)?(?P<name>{_NAME})"
    rf"(?:\s+(?P<kind>{phrase_pattern(_KIND_OF)})\b)?"
)
_OF_PLACE = re.compile(
    rf"\b(?i:{phrase_pattern(_LEX['of_kinds'])})\s+of\s+(?:the\s+)?(?:(?:{'|'.join(_LEX['direction_adjectives'])})\s+)?"
    rf"(?P<name>{_NAME})(?:\s+(?P<kind>{phrase_pattern(_KIND_OF)})\b)?"
)
_ON_PLACE = re.compile(
    rf"(?<!['’])\b(?i:on|into|targeting|stormed|attacked|raided|struck|hit)\s+(?:the\s+)?(?P<name>{_NAME})\s+(?:[a-z]+\s+)?(?P<kind>(?i:{phrase_pattern(_LEX['on_kinds'])}))\b"
)
# ACLED's notes: "Dadin Kowa (Donga, Taraba)", "(coded as Magura, Khulna)".
_PAREN = re.compile(rf"(?P<name>{_NAME})(?:\s+(?P<kind>{phrase_pattern(_KIND_OF)}))?\s+\((?P<quals>{_CAP}[\w'’ .\-]+(?:,\s*{_CAP}[\w'’ .\-]+){{0,2}})\)")
_CODED_AS = re.compile(rf"\bcoded\s+(?:as|to)\s+(?:the\s+)?(?P<name>{_NAME})")
# "Kech district", "Khyber Pakhtunkhwa province": a name an admin word follows, wherever it stands.
_ADMIN_WORDS = [w for w, k in _KIND_OF.items() if k in ("district", "province")]
_ADMIN_PLACE = re.compile(rf"(?P<name>{_NAME})\s+(?P<kind>{phrase_pattern(_ADMIN_WORDS)})\b")
# "Dholaikhal area, Dhaka city", "Feni town": a name with a lower-case "city"/"town" after it
# ("the Red Sea city" describes a city, it does not name one).
_TOWN_PLACE = re.compile(rf"(?P<name>{_NAME})\s+(?P<kind>city|town)\b")
_DESCRIBING = re.compile(r"(?:\b(?:[Tt]he|[Aa]n?)|[A-Z][\w'’.\-]*)\s+$")
# ACLED's "Dhaka - Shahbagh (Shahbagh)": a city and its quarter (not a dateline's "QUETTA - Gunmen").
_CITY_QUARTER = re.compile(rf"(?P<name>{_NAME})\s+-\s+{_NAME}\s+\(")
# A bulletin entry's other headers: "NANGADE - Last Friday, ...", "FRIDAY, IMAM SAHIB (KUNDUZ) - ",
# "DERA ISMAIL KHAN (DARABAN): ", "KANKARA, Katsina State (Monday): ", "LAHORE/RAHIM YAR KHAN: ".
_WEEKDAY_WORDS = "MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY"
_CAPS = r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.\-]*(?:[ /][A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.\-]*){0,4}"
_ENTRY_HEADER = re.compile(
    rf"^[ \t]*(?:(?:{_WEEKDAY_WORDS}),[ \t]+)?(?P<name>{_CAPS})(?:,[ \t]+(?P<area>[A-Z][\w'’.\- ]{{1,40}}?))?(?:,[ \t]+(?P<area2>[A-Z][\w'’.\- ]{{1,40}}?))?"
    rf"(?:[ \t]+\((?P<paren>[^()\n]{{1,40}})\))?(?::[ \t]|[ \t]+[-–—]{{1,2}}[ \t])", re.MULTILINE)
# "KIRKUK province - ...": a header's name and its admin word in lower case.
_ENTRY_KIND = re.compile(rf"^[ \t]*(?P<name>{_CAPS})[ \t]+(?P<kind>province|district|state|region|governorate|county|oblast)"
                         rf"[ \t]+[-–—]{{1,2}}[ \t]", re.MULTILINE)
# "Tamboul (Sharg Aj Jazirah locality): ...", "Sennar: ...": a header in title case, before a colon.
_TITLE_HEADER = re.compile(
    r"^[ \t]*(?P<name>[A-Z][a-z'’\-]+(?:[ \-][A-Z][a-z'’\-]+){0,2})(?:[ \t]+\((?P<paren>[^()\n]{1,40})\))?:[ \t]+(?=[A-Z])",
    re.MULTILINE)
_SECTION_LABELS = frozenset(_LEX["section_labels"])
# What a header's brackets or area may say beside the place: its admin word, a direction, a day.
_AREA_WORDS = re.compile(rf"\b(?i:{phrase_pattern(_ADMIN_WORDS)}|locality|northern|southern|eastern|western|central)\b")
_MONTH_WORDS = ("jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec")
# "QUETTA, Feb 4 -", "TURBAT, Pakistan, March 26 (Agency) -", "New Delhi, March 9 (Bureau) -",
# "BANGKOK --", "SAINT-MARC, Haiti -", "KABUL (Reuters) -": a dateline in the first lines.
_DATELINE_LINE = re.compile(
    rf"^[ \t]*(?P<name>{_CAPS}|[A-Z][a-z'’\-]+(?:[ /-][A-Z][a-z'’\-]+){{0,2}})"
    rf"(?P<tail>,[ \t]*(?:[A-Z][\w'’.\- ]{{1,40}},[ \t]*)?(?:[A-Z][a-z]+day,?[ \t]+)?"
    rf"(?:(?i:{_MONTH_WORDS})[a-z]*\.?[ \t]+\d|\d{{1,2}}[ \t]+(?i:{_MONTH_WORDS}))"
    rf"|,[ \t]*[A-Z][a-z][\w'’.\- ]{{1,40}}[ \t]+[-–—]|[ \t]*\(|[ \t]+[-–—]{{1,2}}[ \t])", re.M)
# "QUETTA, Feb 4 -": at the start of the text, or of the paragraph after a headline.
_SCENE = re.compile(rf"^(?:In|At|Near)\s+(?:the\s+)?(?P<name>{_NAME})(?:\s+(?P<kind>{phrase_pattern(_KIND_OF)}))?\s*,")
_COMMA_QUALIFIER = re.compile(rf",\s+(?P<name>{_NAME})(?=\s*(?:[.,;:)]|$)|\s+(?:during|on|in|at|after|before|when|where|while|as|following|over|against|amid|near)\b)")
_LIST_ITEM = re.compile(rf"(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)(?P<name>{_NAME})")
_CHAIN_GAP = re.compile(r"^(?:\s*,\s*|\s+(?:in|near|of|outside)\s+(?:the\s+)?(?:[a-z\-]+\s+)?|\s+in\s+the\s+\w+\s+of\s+)$")
_LIST_GAP = re.compile(r"^\s*(?:,\s*and|,|and)\s+$")


NAME = _NAME   # the pattern of a place name, for other stages


@dataclass(slots=True)
class PlaceMention:
    start: int
    end: int              # end of the mention, kind word included ("Musakhel district")
    name: str
    kind: str | None      # district, province, place, facility, country, or None when unsaid
    role: str = "place"   # place, listed ("at A, B and C"), qualifier ("(Donga, Taraba)"), coded
                          # (ACLED's "coded as X"), scene ("In Kalat, ..."), header ("UPPER DIR:"), dateline
    sentence: int = -1


_ADJECTIVE_COMPOUND = re.compile(r"-(?:held|controlled|led|based|backed|linked|run|occupied|dominated|affiliated|allied)$",
                                 re.IGNORECASE)
_DIRECTIONS = frozenset(["north", "south", "east", "west", "upper", "lower", "central"])


# The words a name runs on with that the name pattern does not take: more capitalised words,
# and Arabic's "wal-Muslimin", "wa-l-Jihad" (a name cut there runs on).
_RUN_ON = re.compile(rf"(?:{_SP}(?:{_CAP}[\w'’.\-]*|[a-z]{{1,3}}-(?:[a-z]-)?{_CAP}[\w'’\-]*)){{1,4}}")
_CUT_PARTICLE = re.compile(r"(?:^|\s)[a-z]{1,3}-(?:[a-z]-)?[A-Z]")


def _in_organisation_name(text: str, end: int, name: str) -> bool:
    """"Nusrat al-Islam wal-Muslimin", "Kachin Independence Army Brigade 5": the name found is the
    start of a longer name that is an armed group's or another organisation's (one ending in a
    group word, or one that runs on in Arabic's "wal-"), not a place."""
    m = _RUN_ON.match(text, end)
    if m is None:
        return False
    if _CUT_PARTICLE.search(m.group(0)):
        return True
    # "in Mogadishu Police said": a town the gazetteer knows stays one
    return any(w.lower().strip(".,'’") in _ORGANISATIONS for w in m.group(0).split()) and not _known_place(name)


def _clean(name: str) -> str | None:
    name = re.split(r"(?<=[a-z]{2})\.\s", name)[0]
    name = re.split(r"['’]s\s+", name)[-1]
    name = re.sub(r"['’]s$", "", name.strip(" .,-'’")).strip(" .,-'’")
    tokens = name.split()
    if tokens and tokens[-1].lower() in _ORGANISATIONS:
        return None
    tokens = [t for t in tokens if not _ADJECTIVE_COMPOUND.search(t)]   # "the RSF-held city of ..."
    while tokens and tokens[-1].lower().strip(".") in _NOT_PLACES and not (
            tokens[-1].lower() in _DIRECTIONS and len(tokens) > 1):
        tokens.pop()
    while tokens and tokens[0].lower().strip(".") in _NOT_PLACES and not (
            tokens[0].lower() in _OPENERS and len(tokens) > 1):
        if tokens[0].lower().strip(".") in _PERSON_TITLES and len(tokens) > 1:
            if _known_place(" ".join(tokens)):
                break     # "General Santos" is a city
            return None   # "since President Hassan Sheikh Mohamud took office": a person after a title
        tokens.pop(0)
    if len(tokens) == 1 and tokens[0].lower() in _GENERIC_NAMES:
        return None   # "the National Palace", "an IED blast": a building or a weapon, not a place's name
    if not tokens or all(t.lower() in _KIND_OF for t in tokens):
        return None   # "the Union Territory", "the University": a kind of place, not its name
    return " ".join(tokens)


_ADMIN_WORDS_KIND = {w: k for w, k in _KIND_OF.items() if k in ("district", "province")}
_KIND_AFTER = re.compile(rf"[^\S\n]+(?P<kind>(?i:{phrase_pattern(_ADMIN_WORDS_KIND)}))\b")


_ATTRIBUTIVE = re.compile(rf"[^\S\n]+(?:[a-z][a-z\-]*[^\S\n]+)?(?:{phrase_pattern(_LEX['attributive_heads'])})\b")
_ORGANISATION_FACILITIES = frozenset(["office", "headquarters", "convoy"])


def _describes(text: str, raw: str, end: int) -> bool:
    """"near Soleimani's grave", "at the nearby Mumtaz education centre", "into IED attacks",
    "Thai F-16 jets": a name that says whose or what kind a thing is, not where it is (unless
    the gazetteer knows it as a place: "in Kabul's western district", "Kabul police")."""
    return raw.endswith(("'s", "’s")) or text.startswith(("'s", "’s"), end) or bool(_ATTRIBUTIVE.match(text, end))


def _admin_word(p: PlaceMention, text: str) -> None:
    """"Kaduna State", "Sagaing Region", "Igabi Local Government Area", "Bui Division": a
    capitalised admin word ends the name; it is the kind of the place, not part of its name
    (the geocoder tries the whole phrase too, for "Islamabad Capital Territory")."""
    if p.kind is not None or p.role in ("dateline", "header"):
        return
    tokens = p.name.split()
    for n in (3, 2, 1):
        if len(tokens) > n and " ".join(tokens[-n:]).lower() in _ADMIN_WORDS_KIND:
            p.kind = _ADMIN_WORDS_KIND[" ".join(tokens[-n:]).lower()]
            p.name = " ".join(tokens[:-n])
            return
    if text[p.start:p.start + len(p.name)] == p.name and (m := _KIND_AFTER.match(text, p.start + len(p.name))):
        p.kind = _ADMIN_WORDS_KIND[" ".join(m.group("kind").lower().split())]
        p.end = max(p.end, m.end())


def _title(name: str) -> str:
    return name.title() if name.isupper() else name


clean_name, title_case = _clean, _title


def _kind(word: str | None) -> str | None:
    if not word:
        return None
    word = " ".join(word.lower().split())
    return "facility" if word in FACILITIES else _KIND_OF.get(word)


def find_places(text: str) -> list[PlaceMention]:
    found: list[PlaceMention] = []
    found.extend(_dateline(text))
    dateline_end = found[-1].end if found else -1
    found.extend(_headers(text, dateline_end))
    for m in _OF_PLACE.finditer(text):
        name = _clean(m.group("name"))
        if name:
            kind = _kind(m.group("kind")) if m.group("kind") else "place"
            found.append(PlaceMention(m.start("name"), m.end(), name, kind, "place"))
            found.extend(_comma_qualifier(text, m.end()))
    for m in _ON_PLACE.finditer(text):
        name = _clean(m.group("name"))
        if name and not any(p.start <= m.start("name") < p.end for p in found) and not (
                m.group("kind").lower() in _ORGANISATION_FACILITIES and not _known_place(name)):   # "stormed the BJP office"
            if m.group("kind")[0].isupper():
                name = f"{name} {m.group('kind')}"   # "the Coastal Highway", "Bagram Airfield": part of the name
            found.append(PlaceMention(m.start("name"), m.end(), name, "facility", "place"))
            found.extend(_comma_qualifier(text, m.end()))   # "stormed Government Science Secondary School, Kankara,"
        elif not name and not any(p.start <= m.start("name") < p.end for p in found):
            # "near Zero Point on the National Highway, Khuzdar.": a facility with no name of its
            # own; the town after it says where it is
            for q in _comma_qualifier(text, m.end()):
                q.role = "place"
                found.append(q)
    for m in _CODED_AS.finditer(text):
        name = _clean(m.group("name"))
        if name and canonical_actor(name) is None:   # ACLED also writes "(coded as Southern Resistance)"
            found.append(PlaceMention(m.start("name"), m.start("name") + len(name), name, None, "coded"))
    for m in _PAREN.finditer(text):
        quals = m.group("quals")
        if quals.replace(" ", "").isupper():
            continue   # "Chhatra League (BCL)": an acronym, not a place
        name = _clean(m.group("name"))
        if not name:
            continue
        if not any(p.start <= m.start("name") < p.end for p in found):
            start = m.start("name") + m.group("name").find(name.split()[0])
            found.append(PlaceMention(start, start + len(name), name, _kind(m.group("kind")), "place"))
        elif not any(p.end <= m.start("quals") <= p.end + len(m.group("kind") or "") + 3 for p in found):
            continue   # the name found belongs to another phrase than the brackets' one
        pos = m.start("quals")
        for part in quals.split(","):
            q = _clean(part)
            if q:
                q_start = text.find(q, pos)
                found.append(PlaceMention(q_start, q_start + len(q), q, None, "qualifier"))
            pos += len(part) + 1
    taken = [(p.start, p.end) for p in found]
    for m in _PLACE.finditer(text):
        if any(s <= m.start("name") < e or m.start("name") <= s < m.end() for s, e in taken):
            continue
        raw = m.group("name")
        name = _clean(raw)
        if not name or (_describes(text, raw, m.end("name")) and not _known_place(name)):
            continue
        if not m.group("kind") and not raw.endswith(".") and _in_organisation_name(text, m.end("name"), name):
            continue
        start = m.start("name") + raw.find(name.split()[0])
        found.append(PlaceMention(start, max(m.end(), start + len(name)), name, _kind(m.group("kind"))))
        listed = _list_items(text, m.end()) if not m.group("kind") else []
        found.extend(listed or _comma_qualifier(text, m.end()))
    for pattern in (_ADMIN_PLACE, _TOWN_PLACE, _CITY_QUARTER):
        for m in pattern.finditer(text):
            name = _clean(m.group("name"))
            if not name or any(p.start <= m.start("name") + m.group("name").find(name) < p.end for p in found):
                continue
            start = m.start("name") + m.group("name").find(name)
            if pattern is _TOWN_PLACE and _DESCRIBING.search(text, max(0, start - 40), start):
                continue
            kind = _kind(m.group("kind")) if "kind" in pattern.groupindex else None
            found.append(PlaceMention(start, m.end("kind") if kind else start + len(name), name, kind))
    for p in found:
        _admin_word(p, text)
    found.sort(key=lambda p: p.start)
    return _dedupe(found)


def _common_word(lower_words: set[str], name: str) -> bool:
    """Whether the report writes a word of the name in lower case too ("AUTHORITIES:" and "the
    authorities", "HUMANITARIAN IMPACT:" and "humanitarian staff"): a common word, not a name."""
    return any(len(w) > 2 and w.lower() in lower_words for w in name.split())


_WORD = re.compile(r"[\w'’\-]+")


def _headers(text: str, dateline_end: int) -> list[PlaceMention]:
    """A bulletin's or round-up's entry headers: "KHARKIV - ...", "KURMEJI, Kankara LGA (Monday): ...",
    "Al-Sireha (northern Aj Jazirah): ...", "KIRKUK province - ...". A header's name must be a
    place the gazetteer knows, unless the line says it is one (an admin word or a direction
    beside it: "Kankara LGA", "(northern Aj Jazirah)") or the report's other headers are
    places it knows (then the entries are a list of places); the headline and a section's
    label ("ANALYSIS:", "BACKGROUND -") are none."""
    first_line = text.find("\n")
    lines = []   # (match, name group's parts, evidence on the line, kind said)
    for pattern in (_ENTRY_HEADER, _ENTRY_KIND, _TITLE_HEADER):
        for m in pattern.finditer(text):
            if m.start("name") < dateline_end or not (m.start() == 0 or text[m.start() - 1] == "\n"):
                continue
            if first_line < 0 or m.start() < first_line:
                continue   # the headline ("KUMBA SCHOOL MASSACRE: TOLL RISES ...")
            groups = m.groupdict()
            area, paren, kind = groups.get("area"), groups.get("paren"), groups.get("kind")
            said = bool(kind) or any(g and _AREA_WORDS.search(g) for g in (area, groups.get("area2"), paren))
            lines.append((m, said, kind))
    lines.sort(key=lambda t: t[0].start())
    known_lines = sum(1 for m, _s, _k in lines if any(
        (n := _clean(_title(part.strip()))) and len(n) > 2 and _known_place(n) for part in m.group("name").split("/")))
    found: list[PlaceMention] = []
    taken: set[int] = set()
    lower_words = {w for w in _WORD.findall(text) if w.islower()} if lines else set()
    for m, said, kind in lines:
        if m.start() in taken:
            continue
        taken.add(m.start())
        parts = [(m.start("name"), part, False) for part in m.group("name").split("/")]
        paren = m.groupdict().get("paren")
        if paren:
            parts.append((m.start("paren"), paren, True))
        for start, part, in_paren in parts:
            words = part.split()
            if len(words) > 1 and words[-1].lower() in _ADMIN_WORDS_KIND:
                part = " ".join(words[:-1])   # "SUNDAY, BUI DIVISION (North-West):"
            name = _clean(_title(part.strip()))
            if not name or len(name) <= 2 or name.lower() in _SECTION_LABELS or part.strip().lower() in _SECTION_LABELS:
                continue
            if not _known_place(name):
                if in_paren or not (said or known_lines >= 2) or len(name.split()) > 3 or _common_word(lower_words, name):
                    continue
            start = text.find(part.strip(), start)
            found.append(PlaceMention(start, start + len(part.strip()), name, _kind(kind) if kind else None, "header"))
        for group in ("area", "area2"):
            area = m.groupdict().get(group)
            if not (found and area and found[-1].start >= m.start() and (words := area.split())):
                continue
            # "KURMEJI, Kankara LGA (Monday)": the area the header town lies in qualifies it
            kind = None
            for n in (3, 2, 1):
                if len(words) > n and " ".join(words[-n:]).lower() in _ADMIN_WORDS_KIND:
                    kind, words = _ADMIN_WORDS_KIND[" ".join(words[-n:]).lower()], words[:-n]
                    break
            name = _clean(" ".join(words))
            if name and kind:
                start = m.start(group)
                found.append(PlaceMention(start, start + len(name), name, kind, "qualifier"))
    return found


_DATELINE_LINES = 3   # the dateline stands in the first lines, after a headline or two


def _dateline(text: str) -> list[PlaceMention]:
    """The dateline's places: "QUETTA, Feb 4 (Agency) -", "ISLAMABAD/KABUL, March 18 -",
    "BANGKOK --". A headline's first words ("SPO, wife and daughter shot dead") are none: a
    dateline's name is followed by a date, a country and a dash, an agency or a dash, and one
    without a date must be a place the gazetteer knows."""
    pos = 0
    for _ in range(_DATELINE_LINES):
        while pos < len(text) and text[pos] in " \t\n":
            pos += 1
        m = _DATELINE_LINE.match(text, pos)
        if m and not m.group("name").strip().isdigit():
            dated = m.group("tail").startswith(",") and any(c.isdigit() for c in m.group("tail"))
            if (m.group("name").isupper() or dated) and (dated or not _more_entries(text, m.end())):
                out = []
                for part in m.group("name").split("/"):
                    name = _clean(_title(part.strip()))
                    if name and (dated or _known_place(name)):
                        start = text.find(part.strip(), m.start("name"))
                        out.append(PlaceMention(start, start + len(part.strip()), name, None, "dateline"))
                if out:
                    return out
        end = text.find("\n", pos)
        if end < 0:
            break
        pos = end + 1
    return []


def _more_entries(text: str, pos: int) -> bool:
    """Whether more lines after `pos` open with a place header ("MACOMIA - ...", "BORNO: ..."):
    then the first one is a bulletin's entry, not a dateline."""
    for m in _ENTRY_HEADER.finditer(text, pos):
        if (m.start() == 0 or text[m.start() - 1] == "\n") and any(
                (name := _clean(_title(part.strip()))) and _known_place(name) for part in m.group("name").split("/")):
            return True
    return False


@lru_cache(maxsize=4096)
def _known_place(name: str) -> bool:
    """Whether the gazetteer knows a place of this name (a header or dateline without a date
    must be one: "NANGADE -" is, "THE SPARK -" and "PRESS RELEASE -" are not)."""
    from sitrep.geo import gazetteer   # the index is built on first use: only headers need it here

    return any(p.kind in ("province", "district", "country", "landmark") or p.population >= 1000 or p.kind == "town"
               for p in gazetteer.default().lookup(name))


def _comma_qualifier(text: str, pos: int) -> list[PlaceMention]:
    """"near Starohnativka, Donetsk.", "in Alishing district, Laghman,": the province a
    name ends the clause with qualifies the place before it (ACLED's way, and datelines')."""
    m = _COMMA_QUALIFIER.match(text, pos)
    if m is None:
        return []
    name = _clean(m.group("name"))
    if not name:
        return []
    raw = m.group("name").rstrip(".")
    kind = None
    if name != raw:
        # "in Buleda, Kech District, 14 kilometres from the border": the admin word says its kind
        rest = raw[len(name):].strip().lower() if raw.startswith(name) else None
        kind = _ADMIN_WORDS_KIND.get(rest or "")
        if kind is None:
            return []
    return [PlaceMention(m.start("name"), m.start("name") + len(raw), name, kind, "qualifier")]


def _list_items(text: str, pos: int) -> list[PlaceMention]:
    """"at Angoor Adda, Bajaur, Kurram and Chitral": the names listed after the first. A
    list ends in "and" (or "or"): "Kurram, Chitral and other points" is one, "in Barangay
    Marbel, Matalam, Cotabato" is one place and the divisions it lies in."""
    out, gap = [], ""
    while (m := _LIST_ITEM.match(text, pos)) is not None:
        raw, name = m.group("name"), _clean(m.group("name"))
        ends_sentence = bool(name) and re.match(re.escape(name) + r"\.\s", raw) is not None   # "Swat. The"
        if not name or (name != raw.strip().rstrip(".,;:") and not ends_sentence):
            break
        if _describes(text, raw, m.end("name")) and not _known_place(name):
            break   # "rockets striking a hospital in Thailand and Thai F-16 jets bombing ..."
        gap = text[pos:m.start("name")]
        out.append(PlaceMention(m.start("name"), m.start("name") + len(name), name, None, "listed"))
        pos = m.start("name") + len(name)
        if ends_sentence:
            break
    closed = re.search(r"\b(?:and|or)\s*$", gap) or re.match(r"\s*,?\s*(?:and|or)\b", text[pos:])
    return out if out and closed else []


def _dedupe(found: list[PlaceMention]) -> list[PlaceMention]:
    out: list[PlaceMention] = []
    for p in found:
        if out and p.start < out[-1].end:
            continue
        out.append(p)
    return out


def chains(text: str, places: list[PlaceMention]) -> list[list[PlaceMention]]:
    """Group places that qualify each other ("the Dozan area near Kolpur", "Muridke near
    Lahore", "the Bilal mosque in Muzaffarabad") into chains, in text order."""
    out: list[list[PlaceMention]] = []
    for p in places:
        if p.role == "qualifier":
            if out and p.sentence == out[-1][-1].sentence and p.start - out[-1][-1].end <= 24:
                out[-1].append(p)   # "Dadin Kowa (Donga, Taraba)"
            continue   # the place it qualified was left out (a country, a speaker's town): so is it
        if out and p.role != "listed" and p.sentence == out[-1][-1].sentence and _CHAIN_GAP.match(text[out[-1][-1].end:p.start]):
            if p.kind in ("district", "province") or p.kind is None or out[-1][-1].kind == "facility":   # "the Afghan Dubai area of Spera district": the area lies in it
                out[-1].append(p)
                continue
        out.append([p])
    return out


def primary(chain: list[PlaceMention]) -> PlaceMention:
    """The most specific place of a chain: a town rather than its mosque, a district rather
    than its province."""
    for p in chain:
        if p.kind not in ("facility", "district", "province") and p.role != "qualifier":
            return p
    for kinds in (("district", "province"), ("province",)):
        for p in chain:
            if p.kind not in kinds and p.role != "qualifier":
                return p
    return chain[0]


def is_list_gap(text: str) -> bool:
    return bool(_LIST_GAP.match(text))


@lru_cache(maxsize=4096)
def names_a_country(name: str) -> bool:
    """"Pakistan", "Nigerian", "Pakistani Kashmir" is not: the whole name is a country's name or demonym."""
    found = find_countries_with_kind(name)
    return bool(found) and found[0][0] == 0 and found[0][1] == len(name) and found[0][3] in ("name", "alias", "demonym")


def annotate(parsed) -> None:
    places = find_places(parsed.text)
    for p in places:
        if p.kind in (None, "place", "province", "district") and names_a_country(p.name):
            p.kind = "country"   # "Pakistan", or "Nigerian" in "the Nigerian village of Kuriga"
        s = parsed.sentence_at(p.start)
        p.sentence = s.index if s else -1
        if p.role == "place" and s is not None:
            m = _SCENE.match(s.text)
            if m and s.start + m.start("name") <= p.start < s.start + m.end("name") + 1:
                p.role = "scene"
    parsed.places = places
