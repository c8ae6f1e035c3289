"""The typed document that every extraction stage reads and fills.

A report is split once into sentences with character offsets; each stage then fills its
own fields of the same `ParsedText` (numbers, dates, places, ...), the way spaCy's
components annotate one `Doc`. Which stage fills which field, and what it reads, is
declared in sitrep.extract.pipeline.STAGES. Offsets are always into the original text.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sitrep.lexicon import load_lexicon

if TYPE_CHECKING:   # the stages' own types; they import this module
    from sitrep.extract.actors import ActorMention
    from sitrep.extract.dates import DateMention
    from sitrep.extract.figures import Figure
    from sitrep.extract.numbers import Quantity
    from sitrep.extract.places import PlaceMention
    from sitrep.geo.countries import Country
    from sitrep.geo.resolve import Resolution
    from sitrep.model import Claim, Event, Mention, Tally


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int
    low: str = ""   # the text in lower case, same length (offsets hold): for case-blind cue lists


def lower_same_length(text: str) -> str:
    """text.lower(), except for the rare characters whose lower case is longer ("İ")."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@dataclass
class ParsedText:
    text: str
    published: dt.date
    sentences: list[Sentence]
    title: str | None = None
    low: str = ""   # the whole text in lower case, same length: offsets hold in both
    # Filled by the stages, in pipeline order (the stage that fills each is named).
    numbers: list[Quantity] = field(default_factory=list)          # numbers
    dates: list[DateMention] = field(default_factory=list)         # dates
    places: list[PlaceMention] = field(default_factory=list)       # places
    main_country: Country | None = None                            # actors
    countries: list[tuple[int, int, Country, str]] = field(default_factory=list)  # actors: (start, end, country, how named)
    actors: list[ActorMention] = field(default_factory=list)       # actors
    figures: list[Figure] = field(default_factory=list)            # figures
    events: list[Event] = field(default_factory=list)              # events
    tallies: list[Tally] = field(default_factory=list)             # events
    geocode: list[Resolution] = field(default_factory=list)        # geocode: how each event was placed
    claims: list[Claim] = field(default_factory=list)              # claims
    mentions: list[Mention] = field(default_factory=list)          # mentions

    def sentence_at(self, offset: int) -> Sentence | None:
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.start:
                hi = mid - 1
            elif offset >= s.end:
                lo = mid + 1
            else:
                return s
        return None


_ABBREVIATIONS = frozenset(load_lexicon("text")["abbreviations"])
# A full stop, ?, or ! followed by space and something that can open a sentence.
_BOUNDARY = re.compile(r"""[.!?]["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9])""")
_LINE = re.compile(r"[^\n]+")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at `dot` ends an abbreviation rather than a sentence."""
    m = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if not m:
        return False
    word = m.group(1)
    if word.lower() in _ABBREVIATIONS:
        return True
    # Initials and dotted abbreviations: "U.S.", "D.I. Khan", "J."
    return len(word) == 1 and word.isupper() or ("." in word and len(word) <= 6)


# A line that goes on on the next one: it ends inside a sentence (a word or a comma, no closing
# punctuation) and the next line, right below it, opens in lower case ("were killed" wrapped by a
# narrow column). Lists and tables never go on.
_OPEN_END = re.compile(r"[\w,]$")
_GOES_ON = re.compile(r"[a-z]")
_LIST_LINE = re.compile(r"\s*(?:[-•*|]|\d+[.)]\s)")


def _lines(text: str) -> list[tuple[int, int]]:
    """The lines of `text`, with a line that a hard wrap broke inside a sentence joined to the next."""
    out: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        start, end = line.start(), line.end()
        if out:
            prev_start, prev_end = out[-1]
            if (start == prev_end + 1 and _OPEN_END.search(text, prev_start, prev_end) and _GOES_ON.match(text, start)
                    and not _LIST_LINE.match(text, prev_start) and "|" not in text[prev_start:prev_end]):
                out[-1] = (prev_start, end)
                continue
        out.append((start, end))
    return out


def split_sentences(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) for each sentence; a line break ends a sentence, unless the line
    was broken inside one (the next line opens in lower case)."""
    out: list[tuple[int, int, int]] = []
    paragraph = 0
    prev_end = 0
    for line_start, line_end in _lines(text):
        if text.count("\n", prev_end, line_start) > 1:
            paragraph += 1
        prev_end = line_end
        start = line_start
        for m in _BOUNDARY.finditer(text, line_start, line_end):
            if text[m.start()] == "." and _is_abbreviation(text, m.start()):
                continue
            end = m.end()
            _append(text, out, start, end, paragraph)
            start = end
        _append(text, out, start, line_end, paragraph)
    return out


def _append(text: str, out: list, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end, paragraph))


def parse(text: str, published: dt.date, title: str | None = None) -> ParsedText:
    low = lower_same_length(text)
    sentences = [Sentence(i, s, e, text[s:e], p, low[s:e]) for i, (s, e, p) in enumerate(split_sentences(text))]
    return ParsedText(text=text, published=published, sentences=sentences, title=title, low=low)
