"""Countries by name, demonym, capital, alias or first-level region.

The table is sitrep/data/countries.csv (ISO 3166-1 plus Kosovo). Matching is on word
tokens, longest phrase first, so "Niger State" (Nigeria) wins over "Niger" and
"South Sudan" over "Sudan". `PhraseIndex` is the matcher, shared with the actor stage.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Generic, Iterator, TypeVar

from sitrep.lexicon import load_lexicon, load_table

V = TypeVar("V")

_TOKEN = re.compile(r"\w+|[^\w\s]")


def tokens(text: str, start: int = 0, end: int | None = None) -> list[re.Match]:
    return list(_TOKEN.finditer(text, start, len(text) if end is None else end))


class PhraseIndex(Generic[V]):
    """Finds listed phrases in text, longest first, on whole tokens.

    A phrase written all in lower case matches in any case ("security forces");
    any other phrase matches as written or, from four letters up, in capitals
    ("Levies" but not "levies"; "Quetta" and "QUETTA").
    """

    def __init__(self) -> None:
        self._first: dict[str, list[tuple[tuple[str, ...], tuple[bool, ...], bool, V]]] = {}

    def add(self, phrase: str, value: V) -> None:
        parts = [(m.group(), m.start()) for m in _TOKEN.finditer(phrase)]
        if not parts:
            return
        words = tuple(w for w, _ in parts)
        # Whether each token follows the previous one after a space ("Kech district").
        spaced = tuple(i > 0 and phrase[parts[i - 1][1] + len(parts[i - 1][0])].isspace()
                       for i in range(len(parts)))
        any_case = phrase.islower()
        entry = (words, spaced, any_case, value)
        bucket = self._first.setdefault(words[0].lower(), [])
        if any(e[0] == words and e[2] == any_case for e in bucket):
            return  # first listing wins
        bucket.append(entry)
        bucket.sort(key=lambda e: -len(e[0]))

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, V]]:
        toks = tokens(text, start, end)
        i, n = 0, len(toks)
        while i < n:
            hit = self._match_at(text, toks, i)
            if hit is None:
                i += 1
                continue
            length, value = hit
            yield toks[i].start(), toks[i + length - 1].end(), value
            i += length

    def _match_at(self, text: str, toks: list[re.Match], i: int) -> tuple[int, V] | None:
        bucket = self._first.get(toks[i].group().lower())
        if not bucket:
            return None
        for words, spaced, any_case, value in bucket:
            k = len(words)
            if i + k > len(toks):
                continue
            ok = True
            for j in range(k):
                tok = toks[i + j]
                if j and (tok.start() > toks[i + j - 1].end()) != spaced[j]:
                    ok = False
                    break
                if j and spaced[j] and not text[toks[i + j - 1].end():tok.start()].isspace():
                    ok = False
                    break
                if not _same(tok.group(), words[j], any_case):
                    ok = False
                    break
            if ok:
                return k, value
        return None


def _same(found: str, listed: str, any_case: bool) -> bool:
    if found == listed:
        return True
    if any_case:
        return found.lower() == listed.lower()
    return len(listed) >= 4 and found == listed.upper()


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    iso2: str
    iso3: str


_LEX = load_lexicon("countries")
_WEIGHTS: dict[str, float] = _LEX["weights"]
_FIELDS = ("name", "aliases", "capitals", "regions", "demonyms")
_KIND = {"name": "name", "aliases": "alias", "capitals": "capital", "regions": "region", "demonyms": "demonym"}
_NOT_COUNTRY = None  # value stored for phrases that are dropped

_INDEX: PhraseIndex[tuple[Country, str] | None] = PhraseIndex()
BY_ISO2: dict[str, Country] = {}
BY_NAME: dict[str, Country] = {}


def _plural(demonym: str) -> str | None:
    if demonym.endswith(("ese", "ish", "ch", "sh", "s", "z", "y")):
        return None
    return demonym + "s"


def _build() -> None:
    for phrase in _LEX["not_countries"]:
        _INDEX.add(phrase, _NOT_COUNTRY)
    rows = load_table("countries")
    for row in rows:
        country = Country(row["name"], row["iso2"], row["iso3"])
        BY_ISO2[country.iso2] = country
        BY_NAME[country.name.lower()] = country
    # Names first over all countries, then aliases, ...: an earlier listing wins a clash.
    for field in _FIELDS:
        for row in rows:
            country = BY_ISO2[row["iso2"]]
            for form in filter(None, row[field].split("|")):
                _INDEX.add(form, (country, _KIND[field]))
                if field == "demonyms" and (plural := _plural(form)):
                    _INDEX.add(plural, (country, "demonym"))


_build()


def find_countries_with_kind(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, Country, str]]:
    """Every mention as (start, end, country, how: name/alias/capital/region/demonym)."""
    return [(s, e, v[0], v[1]) for s, e, v in _INDEX.finditer(text, start, end) if v is not None]


def find_countries(text: str) -> list[tuple[int, int, Country]]:
    """Every mention of a country in `text`, with its character span."""
    return [(s, e, c) for s, e, c, _ in find_countries_with_kind(text)]


def country_by_name(text: str) -> Country | None:
    """The country that `text` names ("Pakistani", "Kabul", "Ukraine's", "PK", "IND"), or None."""
    text = text.strip()
    if not text:
        return None
    code = text.upper()
    if len(text) in (2, 3) and text.isupper():
        hit = BY_ISO2.get(code) or next((c for c in BY_ISO2.values() if c.iso3 == code), None)
        if hit:
            return hit
    if text.lower() in BY_NAME:
        return BY_NAME[text.lower()]
    found = find_countries_with_kind(text)
    if found and found[0][0] == 0:
        return found[0][2]
    found = find_countries_with_kind(text.title())
    return found[0][2] if found and found[0][0] == 0 else None


def main_country(text: str, lead_end: int | None = None) -> Country | None:
    """The country a report is mostly about: weighted mentions, the lead counting extra.

    `lead_end` is where the first sentence ends (defaults to the first line break or
    full stop). Ties go to the country mentioned first.
    """
    found = find_countries_with_kind(text)
    if not found:
        return None
    if lead_end is None:
        stop = re.search(r"\.\s|\n", text)
        lead_end = stop.start() if stop else len(text)
    score: dict[Country, float] = {}
    first: dict[Country, int] = {}
    for start, _end, country, kind in found:
        weight = _WEIGHTS[kind] + (_WEIGHTS["lead_bonus"] if start < lead_end else 0.0)
        score[country] = score.get(country, 0.0) + weight
        first.setdefault(country, start)
    return max(score, key=lambda c: (score[c], -first[c]))
