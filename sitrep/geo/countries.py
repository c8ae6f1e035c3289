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


@dataclass(slots=True)
class Tokens:
    """Word and punctuation tokens of a text range, as parallel lists."""

    words: list[str]
    lowers: list[str]
    starts: list[int]
    ends: list[int]

    def __len__(self) -> int:
        return len(self.words)


def tokens(text: str, start: int = 0, end: int | None = None) -> Tokens:
    found = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, len(text) if end is None else end)]
    words = [w for w, _, _ in found]
    return Tokens(words, [w.lower() for w in words], [s for _, s, _ in found], [e for _, _, e in found])


class PhraseIndex(Generic[V]):
    """Finds listed phrases in text, longest first, on whole tokens.

    A phrase written all in lower case matches in any case ("security forces");
    any other phrase matches as written or, from four letters up, in capitals
    ("Levies" but not "levies"; "Quetta" and "QUETTA"). Tokens that the phrase writes
    apart ("Kech district") must be apart in the text, and joined ones ("U.S.") joined.
    """

    def __init__(self) -> None:
        # lowered token tuple -> [(tokens as written, which tokens follow a space, any case, value)]
        self._phrases: dict[tuple[str, ...], list[tuple[tuple[str, ...], tuple[bool, ...], bool, V]]] = {}
        self._longest: dict[str, int] = {}  # first token (lowered) -> most tokens of a phrase

    def add(self, phrase: str, value: V, any_case: bool | None = None) -> None:
        """List a phrase; when the same phrase is listed twice, the first listing wins.
        `any_case` overrides the rule that only phrases in lower case match in any case."""
        toks = tokens(phrase)
        if not toks.words:
            return
        words = tuple(toks.words)
        spaced = tuple(i > 0 and toks.starts[i] > toks.ends[i - 1] for i in range(len(words)))
        if any_case is None:
            any_case = phrase.islower()
        entries = self._phrases.setdefault(tuple(toks.lowers), [])
        if any(e[0] == words and e[2] == any_case for e in entries):
            return
        entries.append((words, spaced, any_case, value))
        first = toks.lowers[0]
        self._longest[first] = max(self._longest.get(first, 0), len(words))

    def finditer(self, text: str, start: int = 0, end: int | None = None,
                 toks: Tokens | None = None) -> Iterator[tuple[int, int, V]]:
        """(start, end, value) of each phrase; `toks` are `tokens(text, start, end)` if already made."""
        if toks is None:
            toks = tokens(text, start, end)
        lowers, longest = toks.lowers, self._longest
        i, n = 0, len(lowers)
        while i < n:
            most = longest.get(lowers[i])
            hit = self._match_at(toks, i, most) if most else None
            if hit is None:
                i += 1
                continue
            k, value = hit
            yield toks.starts[i], toks.ends[i + k - 1], value
            i += k

    def _match_at(self, toks: Tokens, i: int, most: int) -> tuple[int, V] | None:
        for k in range(min(most, len(toks.lowers) - i), 0, -1):
            entries = self._phrases.get(tuple(toks.lowers[i:i + k]))
            if not entries:
                continue
            for words, spaced, any_case, value in entries:
                if all(_same(toks.words[i + j], words[j], any_case) for j in range(k)) and all(
                        (toks.starts[i + j] > toks.ends[i + j - 1]) == spaced[j] for j in range(1, k)):
                    return k, value
        return None


def _same(found: str, listed: str, any_case: bool) -> bool:
    if found == listed or any_case:
        return True  # the lowered forms are already equal
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


def find_countries_with_kind(text: str, start: int = 0, end: int | None = None,
                             toks: Tokens | None = None) -> list[tuple[int, int, Country, str]]:
    """Every mention as (start, end, country, how: name/alias/capital/region/demonym)."""
    return [(s, e, v[0], v[1]) for s, e, v in _INDEX.finditer(text, start, end, toks) if v is not None]


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


