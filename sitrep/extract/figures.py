"""Casualty figures: which numbers count people killed, injured, abducted, arrested or
missing, of which group, and who gives the figure.

A number is a figure when an outcome word governs it: after its noun phrase ("23 soldiers
were killed", "250 dead"), before it ("killing 12 civilians", "shot dead at least 23 of
them"), shared by a coordination ("13 civilians and five soldiers were killed") or by a
breakdown after a colon ("10 people were killed: a sub-inspector, four Levies personnel
and five civilians"). Ages, money, years, vehicles and "35 to 40 assailants" are not
figures. The words live in sitrep/data/figures.toml.

Stores parsed.figures: list[Figure] in text order.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.extract.numbers import Quantity
from sitrep.lexicon import load_lexicon, load_table, phrase_pattern
from sitrep.model import Count

_LEX = load_lexicon("figures")

_GROUP_OF = {w: g for g, words in _LEX["groups"].items() for w in words}


def _nationals() -> dict[str, str]:
    """Plural nationality nouns ("Palestinians", "Iraqis", "Afghans"): people of any side. Only
    demonyms that take -s; "Chinese" or "French" before a noun are adjectives, not heads."""
    out: dict[str, str] = {}
    for row in load_table("countries"):
        for d in filter(None, (row.get("demonyms") or "").split("|")):
            d = d.strip().lower()
            if " " not in d and d[-1:] in _LEX["nationals"]["plural_endings"]:
                out.setdefault(d + "s", "all")
    return out


_GROUP_OF.update({w: g for w, g in _nationals().items() if w not in _GROUP_OF})
_OUTCOME_AFTER_OF = {w: o for o, words in _LEX["outcome_after"].items() for w in words}
_OUTCOME_BEFORE_OF = {w: o for o, words in _LEX["outcome_before"].items() for w in words}

_GROUP_WORD = phrase_pattern(_GROUP_OF)
_OF_THEM = re.compile(r"\s+of\s+(?:them|whom)\b")
_EITHER_AFTER = re.compile(r"\s+or\s+(?:were\s+|been\s+)?(?:injured|wounded|hurt|maimed|killed|dead|died|missing)\b")
_EITHER_BEFORE = re.compile(r"\b(?:killed|dead|died|injured|wounded)\s+or\s+$")
_STATE_SIDE = re.compile(rf"(?<![\w-])(?:{phrase_pattern(_LEX['modifiers']['security_forces'])})\b")
_MEMBERS_OF_STATE = re.compile(rf"\s+of\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){{0,4}}?(?:{phrase_pattern(_LEX['modifiers']['security_forces'])})\b")
_MEMBERS_OF_ARMED = re.compile(rf"\s+of\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){{0,2}}?(?:{phrase_pattern(_LEX['modifiers']['militants'])})\b")
_NOT_PEOPLE = phrase_pattern(_LEX["context"]["not_people"])
# Modifiers between a number and its head noun: any words but verbs and linking words.
_MOD = r"(?:(?!(?:were|was|are|is|had|have|has|and|or|of|in|at|on|by|with|who|after|as|to|from|during|when|while|died|killed|dead)\b|[-–—]+\s|\d[\d,.]*\s)['‘’\"“”\w.-]+\s+)"
_HEAD = re.compile(
    rf"\s*(?P<of>of\s+(?:the\s+|them\b|those\b|whom\b)?)?(?P<mods>{_MOD}{{0,4}})['‘’\"“”]?(?P<head>{_GROUP_WORD})\b(?!\s+(?:injuries|injury|wounds|burns)\b)['‘’\"“”]?"
    rf"(?:\s+(?:and|or)\s+(?:(?!(?:a|an|the|his|her|their|one|two|three|four|five|six|seven|eight|nine|ten)\b)[a-z][\w-]*\s+){{0,2}}(?:{_GROUP_WORD})\b)?"
)
_NOT_PEOPLE_NEXT = re.compile(rf"\s+(?:{_NOT_PEOPLE})\b")
_NOT_PEOPLE_HEAD = re.compile(rf"\s*(?:{_MOD}{{0,3}}?)(?:{_NOT_PEOPLE})\b")
_LINK = r"(?:were|was|are|is|have|has|had|been|being|be|still|remain|remained|remains|unconfirmed|more|other|reportedly|reported|also|all|later|allegedly|confirmed|feared|believed|to|got|seriously|critically|fatally|slightly|badly|each|subsequently|either|who|had\s+been|in\s+total|so\s+far|now|initially|since|being|found|left)"
_OUTCOME_AFTER = re.compile(
    r"(?:\s+of\s+(?:the\s+|this\s+|that\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,4}?(?:\s+\([\w.-]{1,12}\))?"
    r"(?:\s+and\s+(?:the|a|an|their|his|her)\s+[\w'’-]+(?:\s+[\w'’-]+){0,5}?)?(?=\s+(?:was|were|died|have|has|had)\b))?"
    rf"(?:,?\s+(?!(?:{phrase_pattern(_OUTCOME_AFTER_OF)})\b)(?:who|that|[a-z]+ing|[a-z]+ed)\s+[^,;]{{0,70}}?"
    r"(?=\s+(?:was|were|died|have\s+been|has\s+been|had\s+been)\b))?"
    r"(?:,\s+(?:including|among\s+them|mostly|most\s+of\s+them|many\s+of\s+them)\s+[^,;]{0,80}?,)?"
    r"(?:,\s+(?:having|after|despite|while)\s+[^,;]{0,60},)?"
    r"(?:,\s+(?!(?:and|or|but|who|which|while|police|officials|the)\b)[a-z][a-z ]{0,40}?,(?=\s+(?:were|was|have|has|had)\b))?"
    r"(?:\s*\([^()]{0,80}\))?"
    r"(?:\s+[-–—]\s+[^-–—.;]{3,60}?\s+[-–—](?=\s))?"
    rf"\s*,?\s*(?:(?:{_LINK})\s+)*(?P<word>{phrase_pattern(_OUTCOME_AFTER_OF)})\b"
)
_PREDICATE_OUTCOME = {"dead": "killed", "killed": "killed", "victims": "killed", "deceased": "killed",
                      "injured": "injured", "wounded": "injured", "arrested": "arrested", "detained": "arrested"}
_PREDICATE = re.compile(
    rf"(?:\s+of\s+(?:the|those)\s+(?P<o>{'|'.join(_PREDICATE_OUTCOME)}))?\s+(?:were|was)\s+(?:all\s+|also\s+)?[\"“]?"
    rf"(?P<mods>{_MOD}{{0,4}}?)(?P<head>{_GROUP_WORD})\b")
_DEAD_LEAD = re.compile(rf"\b(?:of|among)\s+(?:the|those)\s+(?P<o>{'|'.join(_PREDICATE_OUTCOME)})\b")
_TOLL_OF = {w: o for o, words in _LEX["toll_words"].items() for w in words}
_TOLL_BEFORE = re.compile(
    rf"\b(?P<toll>{phrase_pattern(_TOLL_OF)})\b(?:\s+(?:from|in|of|for|after|among|since)\b[^.;:]{{0,90}}?)?"
    r"\s+(?:(?:has|have|had|was|is|now|already|further|so\s+far|also)\s+)*"
    r"(?:risen|rose|rises|climbed|climbs|increased|increases|grown|grew|jumped|reached|reaches|stood|stands|"
    r"is|was|were|are|been|put|stands|hit|hits|passed|topped|went\s+up|gone\s+up)?\s*"
    r"(?:to|at|of|by)?\s*(?:[\"“]\s*)?$")
_TOLL_NOUN_OF = {w: o for o, words in _LEX["toll_nouns"].items() for w in words}
_TOLL_NOUN_BEFORE = re.compile(
    rf"\b(?P<toll>{phrase_pattern(_TOLL_NOUN_OF)})\b(?:\s+(?:from|in|of|for|among|since)\b[^.;:]{{0,70}}?)?"
    r"\s+(?:(?:has|have|had|was|is|now|already|further|so\s+far|also|more\s+than|nearly|almost)\s+)*"
    r"(?:risen|rose|rises|climbed|climbs|increased|increases|grown|grew|jumped|reached|reaches|stood|stands|"
    r"doubled|tripled|fell|fallen|dropped|declined|decreased|totalled|totaled|numbered)\s+(?:to|at|by)?\s*$")
_OUTCOME_BEFORE = re.compile(
    rf"\b(?P<word>{phrase_pattern(_OUTCOME_BEFORE_OF)})\s+(?:(?:a\s+total\s+of|all|another|as\s+many\s+as|the|some)\s+)?$"
)
_NOT_DONE = re.compile(rf"\b(?:{phrase_pattern(_LEX['context']['not_done'])})\s+(?:\w+\s+)?$")
_LEFT_DEAD = re.compile(r"\b(?:left|leaving)\s+$")
_SUBSET = re.compile(rf"\b(?:{phrase_pattern(_LEX['context']['subset_before'])})\s+(?:at\s+least\s+|some\s+|about\s+)?$")
# "as a result of which eleven terrorists were killed": "of which" that is no part of a figure.
_NOT_SUBSET = re.compile(rf"\b(?:{phrase_pattern(_LEX['context']['not_subset_before'])})\s+$")
_ANOTHER = re.compile(r"\banother\s+(?:at\s+least\s+|some\s+|about\s+)?$")
_SUPERSEDED_NOUN = re.compile(rf"\b(?:{phrase_pattern(_LEX['context']['superseded_nouns'])})\b")
_SUPERSEDED_VERB = re.compile(rf"\b(?:{phrase_pattern(_LEX['context']['superseded_verbs'])})\b")
_SUPERSEDED_AFTER = re.compile(
    rf"\s*(?:(?:dead|killed|deaths|bodies|injured|wounded)\s+)?(?:(?:that|which)\s+)?(?:[a-z]+\s+){{0,3}}?(?:{phrase_pattern(_LEX['context']['superseded_after'])})\b")
# Words after which a figure is new again: "had reported 14, but now 22", "the ministry said 68".
_FRESH = re.compile(r"\b(?:now|but|however|later|since then|before|while|whereas|then|according to)\b|;")
_SAYING = re.compile(r"\b(?:said|says|say|told|stated|added|announced)\b")
# A change of the toll just before the number makes it the current one: "rose to 32", "raising it to 17".
_UPDATED_TO = re.compile(
    r"\b(?:rose|risen|rises|rising|raised|raising|raises|increased|increasing|climbed|climbing|climbs|jumped|"
    r"grown|grew|revised|revising|brought|bringing|brings|reached|reaching|reaches|doubled|doubling|put|puts|"
    r"putting|pushed|pushing|updated|updating)\b[^.;]{0,60}?\b(?:to|at)\s+$|\breach(?:ed|es)?\s+$")
# "up from the 13", "from five", "raising the toll from the 18": the figure the toll changed from.
_CHANGED_FROM = re.compile(
    r"\b(?:up|down|rose|risen|rises|raised|raising|increased|increasing|climbed|climbing|jumped|grown|grew|"
    r"revised|revising|doubling|doubled|tripled|higher|lower|more)\b[^.;]{0,70}?\bfrom\s+(?:the\s+|an?\s+)?"
    r"(?:(?:earlier|initial|previous|first|original)\s+)?(?:[a-z-]+\s+)?$"
    r"|\bto\s+[\w-]+(?:\s+(?:dead|killed|deaths|people|injured|wounded))?,?\s+(?:up\s+)?from\s+(?:the\s+)?$")
_PERIOD_COMPARISON = re.compile(r"\s*(?:[a-z]+\s+){0,2}?(?:in|during|on|over|for)\s+(?:the\s+)?(?:[a-z]+\s+)?"
                                r"(?:january|february|march|april|may|june|july|august|september|october|november|"
                                r"december|\d{4}|year|month|week|previous|last|same)\b|[^.;]{0,30}?\bto\s+(?:about\s+)?\d")


# "13 people had been killed, eight civilians and five soldiers": a breakdown after the outcome and a comma.
_BREAKDOWN_COMMA = re.compile(rf"\b(?:{phrase_pattern(_OUTCOME_AFTER_OF)}),\s+$")
_COMPARED = re.compile(r"\b(?:compared\s+(?:with|to)|against|versus|vs\.?|(?:up|down)\s+from)\s+(?:the\s+)?$")
_COMPARED_PERIOD = re.compile(
    r"\s+(?:(?:in|during|for|over)\s+(?:the\s+)?(?:same\s+(?:period|month|quarter)\s+(?:of|in|last)\s+)?"
    r"(?:\d{4}\b|last\s+year|(?:the\s+)?previous\s+(?:year|month|quarter|week)|january|february|march|april|may|june|"
    r"july|august|september|october|november|december)|(?:the|a)\s+(?:year|month|quarter|week)\s+(?:before|earlier)|"
    r"last\s+(?:year|month|quarter|week)|a\s+year\s+(?:ago|earlier))")
_OUTCOME_ADJECTIVE = re.compile(r"\b(?:wounded|injured|dead)\b")
_TOLL_WORD = re.compile(r"\b(?:toll|tally|count)\b")   # "two more died, bringing the toll to 20": no group shared
_HAD_BEFORE = re.compile(r"\bhad\s+(?:[a-z]+\s+)?$")
_JOINED = re.compile(r"\s*(?:(?:dead|killed|deaths|people|bodies)\s+)?(?:,\s*)?and\s+")


def _superseded(low: str, sentence, q: Quantity, head_end: int) -> bool:
    """Whether the number at `q` is an earlier figure that the text says was replaced."""
    start = max(sentence.start, q.start - 160)
    before = low[start:q.start]
    update = _UPDATED_TO.search(before[-90:])
    if update and not _HAD_BEFORE.search(before[-90:], 0, update.start()):
        return False
    if _CHANGED_FROM.search(before[-110:]):
        return not _PERIOD_COMPARISON.match(low, head_end, min(sentence.end, head_end + 50))
    if _SUPERSEDED_AFTER.match(low, head_end, min(sentence.end, head_end + 50)):
        return True
    fresh = max((m.end() for m in _FRESH.finditer(before)), default=-1)
    noun = max((m.end() for m in _SUPERSEDED_NOUN.finditer(before)), default=-1)
    if noun > fresh:
        return True
    verbs = list(_SUPERSEDED_VERB.finditer(before))
    if not verbs or verbs[-1].end() <= fresh:
        return False
    # "officials had reported 14 dead" is an earlier report; "it said it had recorded 55" reports speech.
    return not _SAYING.search(before, max(0, fresh), verbs[-1].start()) and not _SAYING.search(before, verbs[-1].end())


_COORD = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|as\s+well\s+as\s+|plus\s+)$")
_ALONG_WITH = re.compile(r"\b(?P<word>killed|died|dead|injured|wounded|abducted|kidnapped|arrested|detained)"
                         r",?\s+(?:along|together)\s+with\s+(?:at\s+least\s+)?$")
_SUSPECTS = re.compile(r"\s+(?:other\s+|more\s+)?suspects?\b")
_PLACE_ITEM = re.compile(r"\s+(?:in|at)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
                         r"(?:\s+(?:region|province|district|state|county|area|city|town|village|department))?")
_AGE_BEFORE = re.compile(r"[A-Z][\w'’.-]+,\s$")
_AGE_AFTER = re.compile(r",\s")
_VAGUE_NOT_COUNTS = frozenset(_LEX["context"]["vague_not_counts"])
_NOT_AFTER = tuple(_LEX["context"]["not_count_after"])
_NOT_BEFORE = re.compile(rf"(?:^|[\s(])(?:{phrase_pattern(_LEX['context']['not_count_before'])})\s*$")
# Matched against a sentence's lower-case copy (Sentence.low): much faster than a case-blind match.
_ARTICLE_PERSON = re.compile(
    rf"\b(?:a|an|one|the)\s+(?P<mods>{_MOD}{{0,4}}?)(?P<head>{_GROUP_WORD})\b"
)
# A number, a few words naming people the lexicon does not know, then an outcome: "two telecom technicians are shot dead".
_TITLE_GROUP = {w: g for g, words in _LEX["titles"].items() for w in words}
_TITLED = re.compile(
    rf"\b(?P<title>{phrase_pattern(_TITLE_GROUP)})\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,3}})(?:,\s*\d{{1,2}},)?"
    r"\s+(?:was|has\s+been|had\s+been|is)\s+(?:also\s+)?(?P<word>shot\s+dead|killed|martyred|wounded|injured|abducted|kidnapped|arrested)\b",
    re.IGNORECASE)
_TITLE_WORD = re.compile(rf"\b(?:{phrase_pattern(_TITLE_GROUP)})\s")   # on lower-case text, before _TITLED
_TITLED_OUTCOME = {"shot dead": "killed", "killed": "killed", "martyred": "killed", "wounded": "injured",
                   "injured": "injured", "abducted": "abducted", "kidnapped": "abducted", "arrested": "arrested"}
_UNKNOWN_HEAD = re.compile(r"\s+(?:(?!(?:and|or|but|while|as|to|of|in|at|on|by)\b)[a-z][\w'’-]*\s+){1,3}?(?=(?:were|was|are|is|have been|had been|killed|dead|died|injured|wounded)\b)")
_SAID = re.compile(r"\b(?:said|says|told|reported|confirmed|claimed|stated|added|announced|estimated)\b", re.IGNORECASE)
_SOURCE_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<src>[^,.;:]{2,80})", re.IGNORECASE)
_SAID_SRC = re.compile(r"(?:said|told|reported|confirmed|claimed|stated)\s+(?P<src>(?:the\s+)?[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,5})")
_CAUSE = re.compile(r"\b(?:against|over|protest(?:ing|ed)?|following|after|prior|condemn(?:ing|ed)?|justice\s+for|mourn(?:ing)?)\s+(?:the\s+)?(?:\w+\s+){0,2}(?:killing|killings|death|deaths|murder|murders)\s+of\s+$")
# Heads that never stand for one person after "a"/"one" ("a number of others", "the dead").
_NOT_ONE_PERSON = frozenset(["others", "other", "those", "of them", "in all", "lives", "souls", "human lives", "bodies",
                             "casualties", "fatalities", "corpses", "people", "persons of", "victims", "members",
                             "death", "fatality"])
# Heads that are themselves the dead ("two bodies", "7 fatalities", "3 deaths").
_BODY_WORDS = {"bodies", "body", "corpses", "fatalities", "fatality", "deaths", "death", "dead"}
_PRONOUN_SOURCE = {"it", "he", "she", "they", "officials", "the official"}
_CODED = re.compile(
    r"\b(?:fatalities|deaths?)\s+(?:were\s+|are\s+|was\s+|is\s+)?coded\s+as\s+(?P<n>\d+)|\b(?P<m>\d+)\s+fatalit(?:y|ies)\s+(?:were\s+|was\s+)?coded",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Figure:
    count: Count
    sentence: int
    subset: bool = False      # part of a figure already given ("including four children")
    in_table: bool = False    # a row of a table ("| Civilians Killed | 36+ |")
    coded: bool = False       # an analyst's explicit coding ("Fatalities coded as 0")
    superseded: bool = False  # an earlier figure the text replaced ("up from 18"); also marked subset
    part: bool = False        # one side of a total given with it ("52 dead, including 23 soldiers")
    total: bool = False       # a total that its breakdown adds up to ("31 killed - 15 militants, 12 civilians
                              # and four soldiers"); also marked subset: an event keeps the parts, a tally both


def _count(q: Quantity, outcome: str, group: str, source: str | None, span=None) -> Count:
    best = int(q.best)
    low = int(q.low) if q.low is not None else None
    high = int(q.high) if q.high is not None else None
    return Count(outcome=outcome, group=group, best=best, low=low, high=high, qualifier=q.qualifier,
                 source=source, span=span or (q.start, q.end))


def _is_not_count(text: str, q: Quantity, sent_start: int) -> bool:
    """`text` in lower case (ParsedText.low)."""
    after = text[q.end:q.end + 16]
    if after.startswith(_NOT_AFTER):
        return True
    before = text[max(sent_start, q.start - 14):q.start]
    if _NOT_BEFORE.search(before):
        return True
    if isinstance(q.best, float):
        return True
    if text.startswith(("million", "billion", "thousand", "lakh", "crore"), q.start) and \
            re.search(r"\d\s?$", text[max(sent_start, q.start - 2):q.start]):
        return True   # "R65 million": the scale of a sum whose number the money sign hid
    if q.qualifier == "vague" and " ".join(text[q.start:q.end].split()) in _VAGUE_NOT_COUNTS:
        return True   # "many people were killed"
    # A bare year ("in 2014") is a date, not a count.
    return q.qualifier == "exact" and 1900 <= q.best <= 2100 and "," not in text[q.start:q.end]


def _group_before(text: str, start: int, end: int) -> str | None:
    """The group of the last group noun in text[start:end] (antecedent of "of them")."""
    last = None
    for m in re.finditer(rf"\b(?:{_GROUP_WORD})\b", text[start:end], re.IGNORECASE):
        last = _GROUP_OF.get(m.group(0).lower())
    return last if last != "all" else None


def _lookup(table: dict[str, str], word: str) -> str | None:
    return table.get(" ".join(word.lower().split()))


def _source(parsed, sentence) -> str | None:
    """Who gives the figures of a sentence: "according to X", "X said", "said X"."""
    s = sentence.text
    m = _SOURCE_ACCORDING.search(s)
    if m:
        return _clean_source(m.group("src"))
    for m in _SAID.finditer(s):
        src = _clean_source(s[max(0, m.start() - 90):m.start()])
        if src:
            return src
        after = _SAID_SRC.match(s, m.start())
        if after and not after.group("src").lower().startswith(("on ", "in ")):
            return _clean_source(after.group("src"))
    return None


def _clean_source(src: str) -> str | None:
    src = src.strip(" ,\"'“”‘’")
    # Keep the words closest to the verb: the subject of "said".
    src = re.split(r"[,;:\"“”]|\b(?:and|but|while|as|after|when|which|who)\b", src)[-1].strip()
    words = src.split()
    if not words or len(words) > 8:
        return None
    if words[0].lower() == "the":
        words = words[1:]
    src = " ".join(words)
    if not src or src.lower() in _PRONOUN_SOURCE or any(ch.isdigit() for ch in src):
        return None
    if not (src[0].isupper() or _lookup(_GROUP_OF, words[-1]) or words[-1].lower() in
            {"police", "officials", "sources", "military", "army", "witnesses", "residents", "doctors"}):
        return None
    return src


_MILITANT_OUTCOME = re.compile(rf"\b(?:{phrase_pattern(_LEX['context']['militant_outcomes'])})\b")


def _column_figures(parsed, sentence, quantities) -> list[Figure] | None:
    """A row of a table whose header names the outcome of each column ("| Category | Killed |
    Injured |" over "| Civilians | 609 | 951 |"): one figure per outcome cell, of the side the row
    (or the column) names. None when the table has no such header."""
    if not sentence.text.lstrip().startswith("|"):
        return None
    first = sentence.index
    while first > 0 and parsed.sentences[first - 1].text.lstrip().startswith("|") and \
            parsed.sentences[first - 1].paragraph == sentence.paragraph:
        first -= 1
    header = parsed.sentences[first]
    columns = []
    for cell in header.low.strip().strip("|").split("|"):
        word = _LABEL_OUTCOME_WORD.search(cell)
        side = None
        for g in re.finditer(rf"\b(?:{_GROUP_WORD})\b", cell):
            side = _GROUP_OF.get(" ".join(g.group(0).split()))
        columns.append((_LABEL_OUTCOME[" ".join(word.group(0).split())] if word and not _LABEL_NOT.search(cell) else None,
                        side))
    if not any(o for o, _side in columns):
        return None
    if _MILITANT_OUTCOME.search(header.low):
        # "| Neutralised | Apprehended |": the state's words for the fighters it killed or caught
        columns = [(o, side or "militants") for o, side in columns]
    if first == sentence.index or set(sentence.text.strip()) <= set("|-: "):
        return []   # the header or the rule under it
    out: list[Figure] = []
    body = sentence.text.strip()
    offset = sentence.start + sentence.text.find(body)
    cells, pos = [], offset + 1
    for cell in body.strip("|").split("|"):
        cells.append((pos, pos + len(cell), cell))
        pos += len(cell) + 1
    row_side = None
    if cells:
        for g in re.finditer(rf"\b(?:{_GROUP_WORD})\b", cells[0][2].split("(")[0].lower()):
            row_side = _GROUP_OF.get(" ".join(g.group(0).split()))
    for (start, end, _cell), (outcome, side) in zip(cells, columns):
        if outcome is None:
            continue
        q = next((q for q in quantities if start <= q.start < end), None)
        if q is None or isinstance(q.best, float):
            continue
        group = row_side if row_side not in (None, "all") else side if side not in (None, "all") else "all"
        out.append(Figure(_count(q, outcome, group, None), sentence.index, in_table=True))
    return out


def _table_figures(parsed, sentence, quantities) -> list[Figure]:
    """A table row: "| Civilians Killed | 36+ |", or a row under a header of outcomes."""
    columns = _column_figures(parsed, sentence, quantities)
    if columns is not None:
        return columns
    cells = [c for c in sentence.text.split("|")]
    label = cells[1] if len(cells) > 2 else cells[0]
    group = outcome = None
    for m in re.finditer(rf"\b(?:{_GROUP_WORD})\b", label, re.IGNORECASE):
        group = _GROUP_OF[" ".join(m.group(0).lower().split())]
    for m in re.finditer(rf"\b(?:{phrase_pattern(_OUTCOME_AFTER_OF)})\b", label, re.IGNORECASE):
        outcome = _OUTCOME_AFTER_OF[" ".join(m.group(0).lower().split())]
    label_end = sentence.start + sentence.text.find(label) + len(label)
    if not (group and outcome):
        return []
    for q in quantities:
        if q.start >= label_end and not _is_not_count(parsed.text, q, sentence.start):
            return [Figure(_count(q, outcome, group, None), sentence.index, in_table=True)]
    return []


_LABEL = re.compile(r"\s*(?:[-•*]\s*)?(?P<label>[A-Za-z][^:|]{2,70}?)\s*:\s+")
_LABEL_OUTCOME = {**_OUTCOME_AFTER_OF, "murder": "killed", "murders": "killed", "killings": "killed",
                  "dead": "killed", "deaths": "killed", "wounded": "injured", "arrests": "arrested",
                  "abductions": "abducted", "kidnappings": "abducted"}
_LABEL_OUTCOME_WORD = re.compile(rf"\b(?:{phrase_pattern(_LABEL_OUTCOME)})\b")
_LABEL_NOT = re.compile(r"\b(?:attempted|cases?|rate|per|percent|incidents?|attacks?)\b")


def _label_figures(parsed, sentence, quantities) -> list[Figure] | None:
    """A labelled line of a list: "- Civilians killed: 1,095", "- Killed in the previous 24 hours:
    40; wounded in the same period: 107", "Murders: 7,710 (7,555 a year earlier)". None when the
    sentence is no such line (the value must be a bare number)."""
    out: list[Figure] = []
    pos = sentence.start
    for part in re.split(r"(;\s*)", sentence.low):
        start, pos = pos, pos + len(part)
        m = _LABEL.match(part)
        if m is None:
            continue
        label = m.group("label")
        words = list(_LABEL_OUTCOME_WORD.finditer(label))
        if not words or _LABEL_NOT.search(label):
            continue
        value_start = start + m.end()
        first = next((q for q in quantities if q.start >= value_start), None)
        if first is None or first.start - value_start > 12 or _is_not_count(parsed.low, first, sentence.start) or \
                not _BARE_VALUE.match(parsed.low, first.end, pos):
            continue
        outcome = _LABEL_OUTCOME[" ".join(words[0].group(0).split())]
        group = None
        for g in re.finditer(rf"\b(?:{_GROUP_WORD})\b", label):
            group = _GROUP_OF.get(" ".join(g.group(0).split()))
        out.append(Figure(_count(first, outcome, group if group not in (None, "all") else "all", None), sentence.index))
        # "431 - Gauteng 84, Eastern Cape 80, KwaZulu-Natal 78", "268, of which 250 in the Western Cape":
        # the value by place (parts a tally keeps).
        pos_item = first.end
        lead = _PLACE_LIST_LEAD.match(parsed.text, pos_item, pos)
        while lead is not None:
            item = _PLACE_LIST_ITEM.match(parsed.text, lead.end(), pos)
            if item is None:
                break
            q = next((q for q in quantities if q.start == (item.start("n1") if item.group("n1") else item.start("n2"))), None)
            if q is None or _is_not_count(parsed.low, q, sentence.start):
                break
            out.append(Figure(_count(q, outcome, out[-1].count.group, None), sentence.index))
            lead = _PLACE_LIST_SEP.match(parsed.text, item.end(), pos)
    return out or None


_PLACE_LIST_LEAD = re.compile(r"\s*(?:[-–—:]|,\s+of\s+which|\(|,\s+including)\s*")
_PLACE_LIST_SEP = re.compile(r"\s*(?:,|;|and)\s*(?:and\s+)?")
_PLACE_LIST_ITEM = re.compile(
    r"(?:(?P<n1>\d{1,3}(?:,\d{3})+|\d+)\s+in\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}"
    r"|[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}\s+(?P<n2>\d{1,3}(?:,\d{3})+|\d+))(?![\w,]*\s*%)")


_BARE_VALUE = re.compile(r"\s*(?:$|[(;,.]|-\s|–|—)")


_AND_THE = re.compile(r"\d[\d,]*\s+[^,;:]{2,50}?\s+and\s+the\s+$|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|"
                      r"eleven|twelve|[a-z]+teen|twenty|thirty)\s+[^,;:]{2,50}?\s+and\s+the\s+$")


def _singular(head: str) -> bool:
    return head + "s" in _GROUP_OF or head + "es" in _GROUP_OF or head.endswith("man")


def _article_quantities(text: str, sentence) -> list[Quantity]:
    """"a soldier", "an officer", "one policeman": the number one in front of a person."""
    out = []
    for m in _ARTICLE_PERSON.finditer(sentence.low):
        head = m.group("head")
        if head in _NOT_ONE_PERSON or _GROUP_OF.get(head) is None:
            continue
        start = sentence.start + m.start()
        if m.group(0)[:3] == "the" and not _OUTCOME_BEFORE.search(sentence.low[max(0, m.start() - 30):m.start()]) and not (
                _singular(head) and _AND_THE.search(sentence.low, max(0, m.start() - 60), m.start() + 4)):
            continue   # but "eight jawans and the civilian driver were killed": one more person
        out.append(Quantity(start, start + len(m.group(0).split()[0]), 1, 1, 1, "exact"))
    return out


def sentence_figures(parsed, sentence, quantities: list[Quantity]) -> list[Figure]:
    text = parsed.text
    low = parsed.low   # word-list patterns match the lower-case copy: same offsets, much faster
    if "|" in sentence.text:
        return _table_figures(parsed, sentence, quantities)
    if ":" in sentence.text and (listed := _label_figures(parsed, sentence, quantities)) is not None:
        return listed
    qs = sorted(quantities + [a for a in _article_quantities(text, sentence)
                              if not any(q.start <= a.start < q.end for q in quantities)],
                key=lambda q: q.start)
    # Figures coded in another record, or the cause of a protest ("against the killing of a
    # journalist"), are not this event's.
    separately = "coded separately" in sentence.low
    found: list[tuple] = []   # quantity, outcome, group, head end, subset
    superseded: set[int] = set()   # starts of the numbers that are earlier, replaced figures
    predicates: list[int] = []   # "three of the dead were women": a part of a figure, unless split by side
    places: list[int] = []   # items of a breakdown by place ("two in Kangema, two in Kigumo"): not merged
    for q in qs:
        if _is_not_count(low, q, sentence.start):
            continue
        if _AGE_BEFORE.search(text, max(sentence.start, q.start - 40), q.start) and _AGE_AFTER.match(text, q.end):
            continue   # "Major Sibtain Haider, 30, a resident of Quetta": an age
        if found and found[-1][1] and not found[-1][4] and \
                len(low[found[-1][3]:q.start]) < 70 and _COMPARED.search(low, max(sentence.start, q.start - 30), q.start) \
                and _COMPARED_PERIOD.match(low, q.end, min(sentence.end, q.end + 40)):
            # "rose to 1,907 last year, compared with 1,135 in 2022": the same figure for another period
            found.append((q, found[-1][1], found[-1][2], q.end, False))
            continue
        head = _HEAD.match(low, q.end, min(sentence.end, q.end + 80))
        if head and head.group("head") == "those" and _PREDICATE.match(low, q.end, min(sentence.end, q.end + 80)):
            head = None   # "15,000 of those killed were fighters": a predicate, below
        group, head_end = None, q.end
        if head:
            word = head.group("head")
            if word in ("of them", "those") or (head.group("of") and "them" in head.group("of")):
                group = _group_before(text, sentence.start, q.start) or "all"
            else:
                group = _lookup(_GROUP_OF, word)
                if group in ("militants", "all") and (head.group("mods") and _STATE_SIDE.search(head.group("mods")) or (
                        word in ("members", "member") and _MEMBERS_OF_STATE.match(low, head.end(), min(sentence.end, head.end() + 50)))):
                    group = "security_forces"   # "four Peshmerga fighters", "peace committee members"
                elif word in ("members", "member") and _MEMBERS_OF_ARMED.match(low, head.end(), min(sentence.end, head.end() + 50)):
                    group = "militants"   # "seven members of an armed gang"
            if word in ("others", "other") and (prior := next((f for f in reversed(found) if not f[4]), None)) and \
                    prior[2] not in (None, "all"):
                group = prior[2]   # "11 policemen were martyred and seven others injured"
            head_end = head.end()
            if word in _BODY_WORDS:
                found.append((q, "killed", group, head_end, False))
                continue
            if _NOT_PEOPLE_NEXT.match(low, head_end, min(sentence.end, head_end + 16)):
                continue  # "25 army posts": the group word was a modifier
        elif _NOT_PEOPLE_HEAD.match(low, q.end, min(sentence.end, q.end + 40)) and not \
                _COMPARED_PERIOD.match(low, q.end, min(sentence.end, q.end + 40)):
            continue   # "25 army posts"; but "rose to 1,907 last year" is a toll of last year
        elif not _OUTCOME_AFTER.match(low, q.end, min(sentence.end, q.end + 60)) and (
                unknown := _UNKNOWN_HEAD.match(text, q.end, min(sentence.end, q.end + 50))) is not None:
            head_end = unknown.end() - 1
        elif (pred := _PREDICATE.match(low, q.end, min(sentence.end, q.end + 80))) is not None:
            # "Of the dead, 206 were militants", "Eleven of the dead were members of a gang"
            outcome = _PREDICATE_OUTCOME.get(pred.group("o")) if pred.group("o") else None
            if outcome is None and (lead := _DEAD_LEAD.search(low, sentence.start, q.start)) is not None:
                outcome = _PREDICATE_OUTCOME[lead.group("o")]
            if outcome is not None:
                group = _lookup(_GROUP_OF, pred.group("head"))
                if group in ("militants", "all") and (_STATE_SIDE.search(pred.group("mods")) or _MEMBERS_OF_STATE.match(
                        low, pred.end(), min(sentence.end, pred.end() + 50))):
                    group = "security_forces"
                elif group == "all" and _MEMBERS_OF_ARMED.match(low, pred.end(), min(sentence.end, pred.end() + 50)):
                    group = "militants"   # "members of a criminal group"
                predicates.append(len(found))
                found.append((q, outcome, group, pred.end(), True))
            continue
        outcome = None
        after = _OUTCOME_AFTER.match(low, head_end, min(sentence.end, head_end + 130))
        if after:
            outcome = _lookup(_OUTCOME_AFTER_OF, after.group("word"))
        if outcome is None and head and (adj := _OUTCOME_ADJECTIVE.search(head.group("mods") or "")):
            outcome = "killed" if adj.group(0) == "dead" else "injured"   # "forty wounded people were brought in"
        before_text = low[max(sentence.start, q.start - 45):q.start]
        before = _OUTCOME_BEFORE.search(before_text)
        if before and (outcome is None or before.end() == len(before_text)):
            if _NOT_DONE.search(before_text, 0, before.start()):
                continue   # "threatened to kill the child"
            if outcome is None or "," in text[head_end:after.start("word")]:
                # "killed a militant, wounded another": the verb before the number governs it.
                outcome = _lookup(_OUTCOME_BEFORE_OF, before.group("word"))
        if (after and _EITHER_AFTER.match(low, after.end("word"))) or (before and _EITHER_BEFORE.search(before_text, 0, before.start())):
            continue   # "killed or injured 452 civilians": deaths and injuries together are neither figure
        if after and re.search(r"\b(?:would|could|might|may|will)\b", text[head_end:after.start("word")]):
            continue   # "six more would be killed"
        if outcome is None and (along := _ALONG_WITH.search(low, max(sentence.start, q.start - 40), q.start)):
            outcome = _lookup(_OUTCOME_AFTER_OF, along.group("word"))   # "were killed, along with two guards"
        if outcome is None and (toll := _TOLL_BEFORE.search(low, max(sentence.start, q.start - 140), q.start)):
            outcome = _TOLL_OF[" ".join(toll.group("toll").split())]   # "the toll has risen to 12"
        if outcome is None and (toll := _TOLL_NOUN_BEFORE.search(low, max(sentence.start, q.start - 120), q.start)):
            outcome = _TOLL_NOUN_OF[" ".join(toll.group("toll").split())]   # "deaths from terrorism rose to 1,907"
        if outcome is None and _LEFT_DEAD.search(before_text):
            after_left = re.match(r"\s*(?:\w+\s+){0,3}?(dead|injured|wounded|killed)\b", low[head_end:min(sentence.end, head_end + 40)])
            if after_left:
                outcome = "killed" if after_left.group(1) in ("dead", "killed") else "injured"
        if group is None and head is None and outcome is None and found and found[-1][1] and \
                _PLACE_ITEM.match(text, q.end) and re.search(r"[:—–]|\s-\s|,\s+including\s+$", low[found[-1][3]:q.start]) or (
                    group is None and head is None and outcome is None and places and places[-1] == len(found) - 1
                    and _PLACE_ITEM.match(text, q.end) and _COORD.match(low[found[-1][3]:q.start] + " ")
                    and len(text[found[-1][3]:q.start]) < 30):
            # "five people were shot dead: two in Kangema, two in Kigumo and one in Kandara"
            places.append(len(found))
            found.append((q, None, None, _PLACE_ITEM.match(text, q.end).end(), False))
            continue
        if group is None and head is None and outcome is None:
            # "killing one soldier, six Koglweogo, and ...": an item of a list may take its outcome later.
            if not (found and len(text[found[-1][3]:q.start]) < 6 and _COORD.match(low[found[-1][3]:q.start] + " ")):
                continue
            name = re.match(r"\s+[A-Z][\w'’-]+", text[q.end:sentence.end])
            head_end = q.end + (name.end() if name else 0)
        subset = bool(_SUBSET.search(low[max(sentence.start, q.start - 30):q.start]) and not _NOT_SUBSET.search(
            low[max(sentence.start, q.start - 40):q.start])) or separately or bool(
            # "Another three men were found dead" may restate a toll; "killed 1,003 and another 1,159
            # were injured" adds a figure to the sentence's own.
            not found and _ANOTHER.search(low, max(sentence.start, q.start - 30), q.start)) or bool(
            _CAUSE.search(low, max(sentence.start, q.start - 45), q.start)) or bool(
            # "64 people, four of them police officers": a part of the figure before
            _OF_THEM.match(low, q.end) and low[max(sentence.start, q.start - 2):q.start] == ", " and found)
        if _superseded(low, sentence, q, head_end):
            superseded.add(q.start)
        found.append((q, outcome, group, head_end, subset))
    sides = {found[i][2] for i in predicates} & {"militants", "security_forces", "civilians"}
    if len(sides) >= 2:   # "Eleven of the dead were gang members and three were local residents"
        for i in predicates:
            found[i] = found[i][:4] + (False,)
    titled = _TITLED.finditer(text, sentence.start, sentence.end) if _TITLE_WORD.search(sentence.low) else ()
    for m in titled:
        if m.group("name")[0].isupper() and not any(f[0].start <= m.start() < f[3] for f in found):
            q = Quantity(m.start(), m.start(), 1, 1, 1, "exact")
            found.append((q, _TITLED_OUTCOME[" ".join(m.group("word").lower().split())],
                          _TITLE_GROUP[m.group("title").lower()], m.end("name"), False))
    found.sort(key=lambda f: f[0].start)
    return _resolve(parsed, sentence, found, superseded, {found[i][0].start for i in places})


def _resolve(parsed, sentence, found, superseded=frozenset(), by_place=frozenset()) -> list[Figure]:
    """Share outcomes and groups across coordinations and breakdowns; build Counts."""
    text = parsed.low
    # "13 people had been killed, eight civilians and five soldiers": the items after the outcome
    # and a comma, joined by "and" or commas, break the total down (before any later verb is shared).
    breakdown_of: dict[int, int] = {}
    for i in range(1, len(found)):
        if found[i][1] is None and found[i][2] is not None and found[i - 1][1] and found[i - 1][2] in (None, "all") \
                and i - 1 not in breakdown_of and _BREAKDOWN_COMMA.search(text, found[i - 1][3], found[i][0].start):
            j = i
            while j < len(found) and found[j][1] is None and found[j][2] is not None and (j == i or (
                    len(text[found[j - 1][3]:found[j][0].start]) < 12 and _COORD.match(text[found[j - 1][3]:found[j][0].start] + " "))):
                found[j] = (found[j][0], found[i - 1][1]) + found[j][2:]
                breakdown_of[j] = i - 1
                j += 1
    # Right to left: "13 civilians and five soldiers were killed" shares the verb.
    coordinated: set[int] = set()   # items joined to the next one by "and" or a comma
    own = {i for i, f in enumerate(found) if f[1] is not None}   # items with an outcome word of their own
    for i in range(len(found) - 2, -1, -1):
        q, outcome, group, head_end, subset = found[i]
        nq, noutcome = found[i + 1][0], found[i + 1][1]
        gap = text[head_end:nq.start]
        if subset and not found[i + 1][4] and "," in gap:
            continue   # "risen to 21, including three children, and 110 people were wounded"
        if outcome is None and noutcome and _COORD.match(gap + " ") and len(gap) < 12:
            found[i] = (q, noutcome, group, head_end, subset)
            coordinated.update((i, i + 1))
    # Left to right: "23 soldiers were killed and 29 wounded" shares the group;
    # "10 people were killed: a sub-inspector, four Levies ..." shares the outcome.
    for i in range(1, len(found)):
        q, outcome, group, head_end, subset = found[i]
        pq, poutcome, pgroup, phead_end, _ = found[i - 1]
        between = text[phead_end:q.start]
        if group is None and outcome and poutcome and len(between) < 50 and not _TOLL_WORD.search(between):
            # "23 soldiers were killed and 29 wounded": the group of the figure before (not of a subset).
            group = next((f[2] for k, f in reversed(list(enumerate(found[:i]))) if not f[4] and k not in breakdown_of),
                         pgroup) or pgroup
        if outcome is None and poutcome and (re.search(r"[:—–]|\s-\s", text[pq.end:q.start]) or (
                q.start in by_place and i - 1 not in breakdown_of and re.search(r",\s+including\s+$", between))):
            outcome = poutcome
            breakdown_of[i] = breakdown_of.get(i - 1, i - 1)
        elif outcome is None and poutcome and subset and len(between) < 40:
            outcome = poutcome   # "left 52 people dead, including 23 security personnel"
        elif outcome is None and poutcome and _COORD.match(between + " ") and len(between) < 12:
            outcome = poutcome
            coordinated.update((i - 1, i))
            if (i - 1) in breakdown_of:
                breakdown_of[i] = breakdown_of[i - 1]
        if found[i - 1][4] and _COORD.match(between + " ") and len(between) < 12 and not (i in own and "," in between):
            subset = True   # "including two girls and seven women"
        found[i] = (q, outcome, group, head_end, subset)
    side_parts: set[int] = set()
    _group_breakdowns(text, found, side_parts)
    source = _source(parsed, sentence)
    figures: list[Figure] = []
    dropped: set[int] = set()
    totals: dict[int, list[int]] = {}
    for i, parent in breakdown_of.items():
        totals.setdefault(parent, []).append(i)
    for parent, parts in totals.items():
        if found[parent][2] in (None, "all"):
            if sum(found[i][0].best for i in parts) == found[parent][0].best:
                dropped.add(parent)
            else:
                for i in parts:
                    found[i] = found[i][:4] + (True,)
        elif found[parent][1] is not None:
            for i in parts:   # "Four police officers - three inspectors and a corporal": details of one side
                if found[i][2] in (None, found[parent][2]):
                    found[i] = found[i][:4] + (True,)
    for i, (q, outcome, group, head_end, subset) in enumerate(found):
        if outcome is None:
            continue
        if i and found[i - 1][0].start in superseded and _JOINED.fullmatch(text, found[i - 1][3], q.start):
            superseded = superseded | {q.start}   # "up from the four dead and 14 wounded"
        old = q.start in superseded
        if outcome == "arrested" and group == "militants" and _SUSPECTS.match(text, q.end, head_end):
            group = "all"   # "13 suspects were arrested": people held, not fighters
        figures.append(Figure(_count(q, outcome, group or "all", source, (q.start, head_end)), sentence.index,
                              subset=subset or old or i in dropped, superseded=old,
                              part=q.start in side_parts, total=i in dropped))
    parts = {found[i][0].start for i in breakdown_of} | {found[i][0].start for i in coordinated if not found[i][4]}
    parts -= set(by_place)
    if parts:
        # "a 16-year-old girl and an 18-year-old man died": one figure of two civilians.
        figures = _merge_groups(figures, parts)
    return figures


def _group_breakdowns(text: str, found: list[tuple], parts: set[int]) -> None:
    """A run of subset items that splits a figure by side ("52 people, including 23 security personnel
    and 21 civilians"; "among them 129 security personnel, 92 civilians and eight militants") gives
    Counts of those sides; a run within one side ("including four children and two women") stays a
    subset."""
    i = 0
    while i < len(found):
        if not found[i][4]:
            i += 1
            continue
        j = i
        while j + 1 < len(found) and found[j + 1][4] and len(text[found[j][3]:found[j + 1][0].start]) < 12 \
                and _COORD.match(text[found[j][3]:found[j + 1][0].start] + " "):
            j += 1
        sides = {found[k][2] for k in range(i, j + 1)} & {"militants", "security_forces", "civilians"}
        if len(sides) >= 2 and all(found[k][2] in sides for k in range(i, j + 1)):
            for k in range(i, j + 1):
                found[k] = found[k][:4] + (False,)
                parts.add(found[k][0].start)
        i = j + 1


def _merge_groups(figures: list[Figure], parts: set[int]) -> list[Figure]:
    """Breakdown items of one group add up: "a sub-inspector, four Levies personnel" -> 5 security forces."""
    merged: dict[tuple, Figure] = {}
    out: list[Figure] = []
    for f in figures:
        c = f.count
        if c.span[0] not in parts:
            out.append(f)
            continue
        key = (c.outcome, c.group)
        if key in merged:
            m = merged[key].count
            m.best += c.best
            m.low = (m.low or 0) + (c.low or 0) if m.low is not None and c.low is not None else None
            m.high = m.high + c.high if m.high is not None and c.high is not None else None
            m.span = (min(m.span[0], c.span[0]), max(m.span[1], c.span[1]))
        else:
            merged[key] = f
            out.append(f)
    return out


_SPLIT = re.compile(
    r"\b(?:split|spread|distributed|divided|coded)(?:\s+up)?\s+(?:across|among|between|over)\s+"
    r"(?:\(?(?P<n>\d+|two|three|four|five|six|seven|eight|nine|ten)\)?\s+)?(?:events?|locations?)(?:[^(\[\]]{0,60}?\((?P<share>\d+)\))?",
    re.IGNORECASE)
_SPLIT_BRACKET = re.compile(r"\[(?P<total>\d+)\s+fatalit(?:y|ies)\s+split\s+(?:among|across|between)\s+(?P<n>\d+)\s+events?\]", re.IGNORECASE)
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def coded_fatalities(parsed, counted: int | None = None) -> int | None:
    """An analyst's explicit coding in the text, if any: "Fatalities coded as 0", or a
    total split across several events ("[1 fatality split among 12 events]",
    "fatalities split between (3) events" of the `counted` total) — ACLED's habits."""
    lowered = parsed.text.lower()
    if "coded" not in lowered and "split" not in lowered and "distributed" not in lowered and "spread" not in lowered:
        return None
    m = _SPLIT_BRACKET.search(parsed.text)
    if m:
        return int(m.group("total")) // int(m.group("n"))
    coded = _CODED.search(parsed.text)
    total = int(coded.group("n") or coded.group("m")) if coded else counted
    m = _SPLIT.search(parsed.text)
    if m and total is not None:
        if m.group("share"):
            return int(m.group("share"))
        n = m.group("n")
        if n:
            return total // (int(n) if n.isdigit() else _SMALL[n.lower()])
    return total if coded else None


def annotate(parsed) -> None:
    quantities = parsed.numbers
    by_sentence: dict[int, list[Quantity]] = {}
    for q in quantities:
        s = parsed.sentence_at(q.start)
        if s is not None:
            by_sentence.setdefault(s.index, []).append(q)
    figures: list[Figure] = []
    for sentence in parsed.sentences:
        qs = by_sentence.get(sentence.index, [])
        if not qs and not _ARTICLE_PERSON.search(sentence.low) and not _TITLE_WORD.search(sentence.low):
            continue
        figures.extend(sentence_figures(parsed, sentence, qs))
    _mark_restated(figures)
    _mark_live_updates(parsed, figures)
    parsed.figures = figures


_ENTRY_TIME = re.compile(r"(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)\s*(?:(?:GMT|UTC|IST|PKT|NPT|EAT|WAT|CAT|local|am|pm)\s*)?[-–—|:]\s")


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _mark_live_updates(parsed, figures: list[Figure]) -> None:
    """A live blog's entries ("17:05 - Kathmandu toll rises to 14") give running tolls: the latest
    entry with a death toll states the toll, and the smaller tolls of earlier entries are earlier
    figures (superseded). A blog is at least three paragraphs that open with a time."""
    times: dict[int, int] = {}   # paragraph -> minutes of its entry
    first_of: set[int] = set()
    for s in parsed.sentences:
        if s.paragraph in first_of:
            continue
        first_of.add(s.paragraph)
        m = _ENTRY_TIME.match(s.text)
        if m:
            times[s.paragraph] = int(m.group("h")) * 60 + int(m.group("m"))
    if len(times) < 3:
        return
    entry_of: dict[int, int] = {}   # sentence -> minutes of the entry it belongs to
    current = None
    for s in parsed.sentences:
        current = times.get(s.paragraph, current)
        if current is not None:
            entry_of[s.index] = current
    year = str(parsed.published.year)
    past = {s.index for s in parsed.sentences if any(y != year for y in _YEAR.findall(s.text))}
    killed = [f for f in figures if f.count.outcome == "killed" and not f.subset and f.sentence in entry_of
              and f.sentence not in past]
    if not killed:
        return
    latest = max(entry_of[f.sentence] for f in killed)
    toll = max(f.count.best for f in killed if entry_of[f.sentence] == latest)
    for f in killed:
        if entry_of[f.sentence] < latest and f.count.group in ("all", "civilians") and f.count.best < toll:
            f.subset = f.superseded = True


_ROUNDED = {"more_than": (1.0, 1.1), "at_least": (1.0, 1.1), "about": (0.95, 1.05)}


def _mark_restated(figures: list[Figure]) -> None:
    """A round figure ("more than 40,000 Palestinians") that the report gives exactly in another
    sentence ("40,005 people") is that figure: the exact one stands, the round one is a subset."""
    exact = [f for f in figures if f.count.qualifier == "exact" and not f.subset and f.count.best >= 100]
    if not exact:
        return
    for f in figures:
        c = f.count
        if f.subset or c.qualifier not in _ROUNDED or c.best < 100 or c.best % 100:
            continue
        lo, hi = _ROUNDED[c.qualifier]
        if any(e.sentence != f.sentence and e.count.outcome == c.outcome and e.count.best != c.best
               and lo * c.best <= e.count.best <= hi * c.best and e.count.best % 100
               and (e.count.group == c.group or "all" in (e.count.group, c.group)) for e in exact):
            f.subset = True


def dedupe(figures: list[Figure]) -> list[Figure]:
    """A figure restated in another sentence is one figure: "six attackers ... the six
    attackers", or "12 civilians ... 12 people" (an unsplit figure equal to a split one)."""
    out: list[Figure] = []
    for f in figures:
        c = f.count
        if any(o.sentence != f.sentence and o.count.outcome == c.outcome and o.count.best == c.best
               and (o.count.group == c.group or "all" in (o.count.group, c.group)) for o in out):
            continue
        out.append(f)
    return out
