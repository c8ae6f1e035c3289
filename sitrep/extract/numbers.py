"""Numbers as reporters write them: digits, words, vague words, qualifiers and ranges.

"over 250" -> 250 (more_than, high open); "36+" -> 36 (at_least); "35 to 40" -> range
35..40 (best 35, ACLED codes the lower figure); "dozens" -> 12 (vague, ACLED's value);
"twenty-two" -> 22; "1,200" -> 1200. The stage stores every quantity in the text under
parsed.numbers; whether a number is a casualty figure is decided later.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.lexicon import load_lexicon, phrase_pattern


@dataclass(slots=True)
class Quantity:
    start: int
    end: int
    best: int | float
    low: int | float | None
    high: int | float | None
    qualifier: str  # exact, at_least, more_than, about, up_to, range, vague


_LEX = load_lexicon("numbers")
_UNITS: dict[str, int] = _LEX["units"]
_SCALES: dict[str, int] = _LEX["scales"]
_PHRASES: dict[str, int] = _LEX["phrases"]
_VAGUE: dict[str, int] = _LEX["vague"]
_QUALIFIER_OF = {w: q for q, words in _LEX["qualifiers"].items() for w in words}



_WORD = rf"(?:{phrase_pattern(list(_UNITS) + list(_SCALES))})"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?"
_NUMBER = (
    rf"(?:{_DIGITS})(?:\s*(?:{phrase_pattern(_SCALES)})\b)?"
    rf"|{phrase_pattern(_PHRASES)}\b"
    rf"|{_WORD}(?:(?:\s*-\s*|\s+(?:and\s+)?|\s+a\s+(?=dozen))(?:{_WORD}))*\b"
)
_QUANTITY = re.compile(
    rf"(?<![\w.,])(?<!\d:)(?:(?P<qual>{phrase_pattern(_QUALIFIER_OF)})\s+)?"
    rf"(?:(?P<vague>{phrase_pattern(_VAGUE)})\b"
    rf"|(?P<a>{_NUMBER})(?P<plus>\+)?"
    rf"(?:(?:\s*(?:-|–|—|to)\s*|\s+or\s+)(?P<b>{_NUMBER})(?P<plus2>\+)?)?)",
    re.IGNORECASE,
)
_BETWEEN = re.compile(rf"\bbetween\s+(?P<a>{_NUMBER})\s+and\s+(?P<b>{_NUMBER})\b", re.IGNORECASE)


_ECHO = re.compile(r"\s*\((\d{1,6})\)")


def parse_number(phrase: str) -> int | float | None:
    """The value of one number phrase: "1,200", "twenty-two", "two dozen", "3.5 million"."""
    s = " ".join(phrase.lower().replace("-", " ").split())
    if not s:
        return None
    if s in _PHRASES:
        return _PHRASES[s]
    m = re.fullmatch(rf"({_DIGITS})(?:\s*({phrase_pattern(_SCALES)}))?", s)
    if m:
        value = float(m.group(1).replace(",", ""))
        if m.group(2):
            value *= _SCALES[m.group(2)]
        return int(value) if value.is_integer() else value
    total, current, seen = 0, 0, False
    for word in s.split():
        if word in ("and", "a"):
            continue
        if word in _UNITS:
            unit = _UNITS[word]
            current = (current or 1) * unit if unit == 12 and current < 12 else current + unit
            seen = True
        elif word in _SCALES:
            scale = _SCALES[word]
            current = (current or 1) * scale
            if scale >= 1000:
                total, current = total + current, 0
            seen = True
        else:
            return None
    return total + current if seen else None


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every quantity in text[start:end], with its span (qualifier included)."""
    end = len(text) if end is None else end
    found: list[Quantity] = []
    taken_until = -1
    for m in _BETWEEN.finditer(text, start, end):
        low, high = parse_number(m.group("a")), parse_number(m.group("b"))
        if low is not None and high is not None and low < high:
            found.append(Quantity(m.start(), m.end(), low, low, high, "range"))
    covered = [(q.start, q.end) for q in found]
    pos = start
    while (m := _QUANTITY.search(text, pos, end)) is not None:
        pos = m.end()
        if m.start() < taken_until or any(s <= m.start() < e for s, e in covered):
            continue
        q = _quantity(m)
        if q is not None:
            echo = _ECHO.match(text, q.end, end)
            if echo and parse_number(echo.group(1)) == q.best:
                q.end = echo.end()   # "thirty-three (33)": the digits repeat the words
            found.append(q)
            taken_until = q.end
            # "March 11 - Four soldiers" is no range (4 < 11): read on from the first number
            # (not inside "2026-02-01", whose parts stay unread).
            if q.end < m.end() and m.group("b") and not text[q.end:m.start("b")].strip(" -–—") \
                    and " " in text[q.end:m.start("b")]:
                pos = q.end
    found.sort(key=lambda q: q.start)
    return found


def _quantity(m: re.Match) -> Quantity | None:
    qual_words = (m.group("qual") or "").lower()
    qualifier = _QUALIFIER_OF.get(" ".join(qual_words.split())) if qual_words else None
    if m.group("vague"):
        word = " ".join(m.group("vague").lower().split())
        return Quantity(m.start(), m.end(), _VAGUE[word], None, None, "vague")
    a = parse_number(m.group("a"))
    if a is None:
        return None
    b = parse_number(m.group("b")) if m.group("b") else None
    if b is not None and b > a and not qualifier:
        return Quantity(m.start(), m.end(), a, a, b, "range")
    span_end = m.end() if b is not None and b > a else m.end("a") + (1 if m.group("plus") else 0)
    if m.group("plus"):
        return Quantity(m.start(), span_end, a, a, None, qualifier or "at_least")
    if qualifier in ("at_least", "more_than"):
        return Quantity(m.start(), span_end, a, a, None, qualifier)
    if qualifier == "up_to":
        return Quantity(m.start(), span_end, a, None, a, "up_to")
    if qualifier == "about":
        return Quantity(m.start(), span_end, a, None, None, "about")
    return Quantity(m.start(), span_end, a, a, a, "exact")


def annotate(parsed) -> None:
    parsed.numbers = find_quantities(parsed.text)
