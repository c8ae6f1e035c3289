"""Stage 'actors': who the text names as a side, by ACLED's canonical names and kinds.

Named groups come from sitrep/data/actors.csv ("the BLA" is `Baloch Liberation Army`);
generic words from sitrep/data/actors.toml take their country from an adjacent country
word ("Afghan forces") or else from the report's main country ("security forces" in a
Pakistani report is `Military Forces of Pakistan`). Unnamed attackers are an
unidentified armed group, never a guessed named one.

Stores `parsed.actors`: a list of ActorMention in text order, and
`parsed.main_country` (a Country or None) when no stage set it before, and
`parsed.countries`: every country mention (start, end, Country, how named).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sitrep.geo.countries import (Country, PhraseIndex, Tokens, country_by_name, find_countries_with_kind,
                                  tokens)
from sitrep.lexicon import load_lexicon, load_table
from sitrep.model import Actor


@dataclass(slots=True)
class ActorMention:
    start: int
    end: int
    actor: Actor


@dataclass(frozen=True, slots=True)
class _Entry:
    name: str             # canonical name, or a template with {country} / {group}
    bare: str             # the name when no country is known
    kind: str
    country: str | None   # ISO2 of a named actor's home country
    generic: str | None   # key in actors.toml for country-dependent words
    after_country: bool   # only valid right after a country word


_LEX = load_lexicon("actors")
_INDEX: PhraseIndex[_Entry] = PhraseIndex()


_NAMED: list[_Entry] = []   # the named groups, in the table's order


def _build() -> None:
    for row in load_table("actors"):
        entry = _Entry(row["name"], row["name"], row["kind"], row["country"] or None, None, False)
        _NAMED.append(entry)
        for alias in [row["name"], *filter(None, row["aliases"].split("|"))]:
            _INDEX.add(alias, entry, _any_case(alias))
    ethnic = _LEX["ethnic"]
    for group in ethnic["groups"]:
        entry = _Entry(ethnic["name"].replace("{group}", group), ethnic["bare"].replace("{group}", group),
                       ethnic["kind"], None, "ethnic", False)
        for noun in ethnic["nouns"]:
            _INDEX.add(f"{group} {noun}", entry)
    for key, table in _LEX["generic"].items():
        entry = _Entry(table["name"], table["bare"], table["kind"], None, key, False)
        for term in table["terms"]:
            _INDEX.add(term, entry)
        needs = _Entry(table["name"], table["bare"], table["kind"], None, key, True)
        for term in table["after_country"]:
            _INDEX.add(term, needs)


def _any_case(alias: str) -> bool:
    """Names of groups match in any case ("Al shabaab"); acronyms and short words only as written."""
    letters = [c for c in alias if c.isalpha()]
    return len(letters) >= 5 and sum(c.isupper() for c in letters) * 2 < len(letters)


_build()
_NEEDS_CONTEXT = frozenset(_LEX["context"]["needs_context"])
_CONTEXT_BEFORE = frozenset(_LEX["context"]["before"])
_CONTEXT_AFTER = frozenset(_LEX["context"]["after"])
_JOINERS = frozenset(_LEX["merge"]["joiners"])
# Generic words that, right after a named group, are part of its name ("BLA militants").
_ABSORBED = frozenset({"unidentified", "military", "civilians", "ethnic"})
_OF = re.compile(r" of (?:the )?")
_AND = re.compile(r" and (?:of )?(?:the )?")
_OF_COUNTRY = frozenset({"military", "police"})  # "military forces of Azerbaijan"


def _resolve_country(country: str | Country | None) -> Country | None:
    if country is None or isinstance(country, Country):
        return country
    return country_by_name(country)


def _name(entry: _Entry, country: Country | None) -> str:
    if country is None:
        return entry.bare
    return entry.name.replace("{country}", country.name)


def _has_context(toks: Tokens, i: int) -> bool:
    before = toks.lowers[i - 1] if i > 0 else ""
    after = toks.lowers[i + 1] if i + 1 < len(toks) else ""
    return before in _CONTEXT_BEFORE or after in _CONTEXT_AFTER


# A capitalised generic word inside a proper name of an institution names no forces.
_NAMES_INSTITUTION = re.compile(r" (?:Institute|Academy|Administration|Hospital|College|University|School|"
                                r"Prosecutor|Court|Tribunal|Cemetery|Museum|Intelligence Agency)\b")


# "The Shar gang", "the Village de Dieu gang": a gang named by its capitalised name is that
# gang (ACLED: "Shar Gang"), not an unidentified armed group.
_GANG_WORDS = frozenset({"gang", "gangs", "gang members"})
_GANG_NAME = re.compile(r"((?:[A-Z][\w'’-]*\s+(?:(?:de|du|des|la|le|of|di)\s+)?){1,4})$")
_NOT_GANG_NAME = frozenset(_LEX["gang_names"]["not_names"])


_TITLE_NEXT = re.compile(r"\s+[A-Z]")


def _named_gang(text: str, s: int, floor: int) -> tuple[int, str] | None:
    if text[s] == "G" and _TITLE_NEXT.match(text, s + 4):
        return None   # a headline in title case ("Armed Gang Kills Five")
    m = _GANG_NAME.search(text, max(floor, s - 60), s)
    if not m:
        return None
    words = m.group(1).split()
    while words and (words[0].lower() in _NOT_GANG_NAME or find_countries_with_kind(words[0])):
        words.pop(0)
    if not words or words[-1].lower() in ("de", "du", "des", "la", "le", "of", "di"):
        return None
    name = " ".join(words)
    begin = s - len(m.group(1)) + m.group(1).index(words[0]) if words else s
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return begin, f"{folded} Gang"


def find_actors(text: str, country: str | Country | None = None, start: int = 0,
                end: int | None = None, toks: Tokens | None = None,
                countries: list[tuple[int, int, Country, str]] | None = None) -> list[ActorMention]:
    """Every actor mention in text[start:end], in order. `country` is the report's country
    (a name, code or Country) for generic words with no country of their own; `toks` and
    `countries` are the range's tokens and country mentions if already found."""
    if not text:
        return []
    home = _resolve_country(country)
    if toks is None:
        toks = tokens(text, start, end)
    tok_at = {s: i for i, s in enumerate(toks.starts)}
    if countries is None:
        countries = find_countries_with_kind(text, start, end, toks)
    country_ends = {e: c for _s, e, c, _k in countries}
    country_starts = {s: (e, c) for s, e, c, _k in countries}
    out: list[ActorMention] = []
    named_end = -1  # end of the last named mention, to absorb "militants" after "BLA"
    generic_end = -1  # end of the last generic mention, absorbed by a named group right after it
    for s, e, entry in _INDEX.finditer(text, start, end, toks):
        words = text[s:e]
        if words in _NEEDS_CONTEXT and not _has_context(toks, tok_at[s]):
            continue
        if entry.generic is not None and words[:1].isupper() and _NAMES_INSTITUTION.match(text, e):
            continue   # "the Poltava Military Institute", "the Regional Military Administration": a name
        near = before = _country_before(text, s, country_ends, start)
        second = None  # "military forces of India and Pakistan": Pakistan's forces too
        if near is None and entry.generic in _OF_COUNTRY:
            near, e = _country_after(text, e, country_starts, e)
            if near is not None:
                second = _country_after(text, e, country_starts, e, _AND)
        if entry.after_country and near is None:
            continue
        if entry.generic in _ABSORBED and out and named_end >= 0 and _joined(text, named_end, s):
            last = out[-1]
            out[-1] = ActorMention(last.start, e, last.actor.model_copy(update={"span": (last.start, e)}))
            named_end = e
            continue
        if entry.generic is None:
            name, kind = entry.name, entry.kind
            if kind == "state_forces" and home and entry.country and entry.country != home.iso2:
                kind = "external_forces"
            named_end = e
            if generic_end >= 0 and out and not text[generic_end:s].strip():
                out.pop()   # "Paramilitary Rapid Support Forces": the generic word only describes the group
        elif near is None and words.lower() in _GANG_WORDS and (gang := _named_gang(text, s, start)):
            s, name, kind = gang[0], gang[1], "political_militia"
            named_end = -1
        else:
            where = near or home
            name, kind = _name(entry, where), entry.kind
            if kind == "state_forces" and near and home and near != home:
                kind = "external_forces"
            named_end = -1
        generic_end = e if entry.generic is not None else -1
        # A country word in front belongs to the mention: "Pakistani troops".
        begin = _country_start(text, s, before, start)
        out.append(ActorMention(begin, e, Actor(name=name, kind=kind, span=(begin, e))))
        if second and second[0] is not None and second[0] != near:
            other, e2 = second
            kind2 = "external_forces" if home and other != home else entry.kind
            out.append(ActorMention(e, e2, Actor(name=_name(entry, other), kind=kind2, span=(e, e2))))
    kept = []
    for m in out:
        if not _describes_another(text, m):
            kept.append(m)
        elif branch := _branch_named(text, m, country_starts):
            kept.append(branch)
    return _with_states_acting(text, kept, countries, home)


# A group named only to describe another: "JNIM, al Qaeda's affiliate in the Sahel", "an affiliate of
# the Islamic State", "the ISKP, the regional branch of IS".
_DESCRIBES_AFTER = re.compile(r"(?:'s|’s)\s+(?:\w+\s+){0,2}?(?:affiliate|branch|wing|offshoot|franchise|ally|allies|"
                              r"proxy|proxies|splinter|faction|arm|province)s?\b")
_DESCRIBES_BEFORE = re.compile(r"\b(?:affiliates?|branch(?:es)?|wing|offshoot|franchise|splinter group|faction|arm|"
                               r"province|linked|loyal|allied|aligned|affiliated|close|tied|allegiance)\s+"
                               r"(?:of|to|with)\s+(?:the\s+)?$")


# "The Islamic State group's Afghan affiliate", "al Qaeda's Yemen branch": the group's branch in
# that country, where the lexicon has one (a group whose name holds the parent's, of that country).
_BRANCH_AFTER = re.compile(r"(?:'s|’s)\s+(?P<country>[A-Z][\w-]*)\s+(?:affiliate|branch|wing|offshoot|franchise|province)s?\b")


def _branch_named(text: str, m: ActorMention, country_starts) -> ActorMention | None:
    found = _BRANCH_AFTER.match(text, m.end)
    if not found or found.start("country") not in country_starts:
        return None
    where = country_starts[found.start("country")][1]
    parent = m.actor.name.lower()
    branch = next((e for e in _NAMED if e.country == where.iso2 and parent in e.name.lower() and e.name.lower() != parent),
                  None)
    if branch is None:
        return None
    return ActorMention(m.start, found.end(), Actor(name=branch.name, kind=branch.kind, span=(m.start, found.end())))


def _describes_another(text: str, m: ActorMention) -> bool:
    if m.actor.kind not in ("rebel_group", "political_militia"):
        return False
    return bool(_DESCRIBES_AFTER.match(text, m.end)) or bool(_DESCRIBES_BEFORE.search(text, max(0, m.start - 40), m.start))


# A country named as the subject of a verb of attack ("Russia launched 40 missiles", "Israel struck
# Beirut overnight") stands for its military (a capital so used is its government speaking, not fighting).
_STATE_ACTS = re.compile(r"(?:'s)?\s+(?:has |had |have |on \w+ |overnight |again )?(?:launched|struck|fired|attacked|bombed|"
                         r"shelled|hit|pounded|targeted|carried out|conducted)\b")
_FIRED_FROM = re.compile(r"\b(?:fired|launched|came|coming|shot) from (?:the )?(?:territory of |side of )?$")
_MILITARY = next(table for key, table in _LEX["generic"].items() if key == "military")


def _with_states_acting(text: str, out: list[ActorMention], countries, home: Country | None) -> list[ActorMention]:
    added = []
    for s, e, c, how in countries:
        if how not in ("name", "alias") or not (_STATE_ACTS.match(text, e)
                                                or _FIRED_FROM.search(text, max(0, s - 30), s)):
            continue
        if any(m.start <= s < m.end or s <= m.start < e for m in out):
            continue
        kind = "external_forces" if home and c != home else _MILITARY["kind"]
        added.append(ActorMention(s, e, Actor(name=_MILITARY["name"].replace("{country}", c.name), kind=kind,
                                              span=(s, e))))
    return sorted(out + added, key=lambda m: m.start) if added else out


def _country_before(text: str, s: int, country_ends: dict[int, Country], floor: int) -> Country | None:
    """The country word that ends right before offset s ("Pakistani", "Pakistan's"), if any."""
    i = s
    while i > floor and text[i - 1] in " -\t":
        i -= 1
    if text[i:s] not in (" ", "-", "\t"):
        return None  # "BANGKOK -- Rockets": a dateline, not "Thai rockets"
    if i >= floor + 2 and text[i - 2:i] in ("'s", "’s"):
        i -= 2
    return country_ends.get(i)


def _country_after(text: str, e: int, country_starts: dict[int, tuple[int, Country]],
                   default_end: int, joiner: re.Pattern | None = None) -> tuple[Country | None, int]:
    """The country in "forces of Azerbaijan" after offset e, and where the phrase then ends."""
    m = (joiner or _OF).match(text, e)
    hit = country_starts.get(m.end()) if m else None
    return (hit[1], hit[0]) if hit else (None, default_end)


def _country_start(text: str, s: int, near: Country | None, floor: int) -> int:
    if near is None:
        return s
    i = s
    while i > floor and text[i - 1] in " -\t":
        i -= 1
    if text[i - 2:i] in ("'s", "’s"):
        i -= 2
    while i > floor and not text[i - 1].isspace():
        i -= 1
    return i


def _joined(text: str, a: int, b: int) -> bool:
    """Whether only joiner words ("-affiliated", "linked") lie between offsets a and b."""
    gap = text[a:b]
    return all(t.group().lower() in _JOINERS for t in re.finditer(r"\w+|[^\w\s]", gap)) and len(gap) <= 25


def canonical_actor(text: str, country: str | Country | None = None) -> Actor | None:
    """The actor a short phrase names ("the BLA", "Pakistani soldiers"), or None."""
    mentions = find_actors(text, country)
    if not mentions:
        return None
    best = max(mentions, key=lambda m: m.end - m.start)
    return best.actor.model_copy(update={"span": None})


_MAIN = _LEX["main_country"]
_COUNTRY_WEIGHTS: dict[str, float] = load_lexicon("countries")["weights"]
_NAMES_ACTOR = re.compile(r"(?:'s|’s)?\s+(?:(?:" + "|".join(map(re.escape, _MAIN["actor_modifiers"])) + r")\s+){0,2}(?:"
                          + "|".join(map(re.escape, _MAIN["actor_nouns"])) + r")\b", re.IGNORECASE)
_NAMES_PLACE = re.compile(r"\b(?:" + "|".join(map(re.escape, _MAIN["place_preps"])) + r")\s+(?:the\s+)?(?:(?:"
                          + "|".join(map(re.escape, _MAIN["place_directions"])) + r")\s+)?$", re.IGNORECASE)


def main_country(text: str, lead_end: int | None = None,
                 found: list[tuple[int, int, Country, str]] | None = None) -> Country | None:
    """The country a report is mostly about: its country words weighted by how they are named
    (name, capital, demonym...), the lead counting extra, and by what they say: a country word
    naming who acts or speaks ("Afghan forces shell", "Israeli media say", "Pakistan's
    foreign office") is a side, not a place, and counts little; one after a preposition of
    place ("in eastern Afghanistan") counts extra. Ties go to the country named first."""
    if found is None:
        found = find_countries_with_kind(text)
    if not found:
        return None
    if lead_end is None:
        stop = re.search(r"\.\s|\n", text)
        lead_end = stop.start() if stop else len(text)
    score: dict[Country, float] = {}
    first: dict[Country, int] = {}
    for start, end, country, kind in found:
        weight = _COUNTRY_WEIGHTS[kind]
        if _NAMES_ACTOR.match(text, end):
            weight *= _MAIN["actor_weight"]
        else:
            if start < lead_end:
                weight += _COUNTRY_WEIGHTS["lead_bonus"]
            if _NAMES_PLACE.search(text, max(0, start - 40), start):
                weight += _MAIN["place_bonus"]
        score[country] = score.get(country, 0.0) + weight
        first.setdefault(country, start)
    return max(score, key=lambda c: (score[c], -first[c]))


def annotate(parsed) -> None:
    text = parsed.text
    toks = tokens(text)
    countries = find_countries_with_kind(text, toks=toks)
    country = parsed.main_country
    if country is None:
        lead_end = parsed.sentences[0].end if parsed.sentences else None
        country = main_country(text, lead_end, countries)
        parsed.main_country = country
    parsed.countries = countries   # every country mention, for later stages
    parsed.actors = find_actors(text, country, toks=toks, countries=countries)
