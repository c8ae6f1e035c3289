"""Stage 'mentions': sums of money, and the weapons and equipment a report names.

Stores parsed.mentions: list[sitrep.model.Mention].

Money: one mention per distinct amount, with an ISO 4217 currency decided from the text
("between $4,000 and $5,000" -> 4000..5000 USD; "₹2 million (PKR)" -> PKR; "700,000
rupees" -> PKR or INR by the country the report is about). A number without a currency is
never money. An amount said to be the price of a weapon or piece of equipment ("thermal
weapon sights valued between ...") takes that item's kind and name.

Weapons and equipment without a price are listed only where the sentence presents them
as used, seized or supplied (sitrep/data/equipment.toml), once per name.
"""
from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal, InvalidOperation

from sitrep.lexicon import load_lexicon, phrase_pattern
from sitrep.model import Amount, Mention

try:
    from sitrep.geo.countries import find_countries
except ImportError:  # pragma: no cover - the geo stage is optional for this one
    find_countries = None

_MONEY = load_lexicon("money")
_EQUIPMENT = load_lexicon("equipment")


def _alternation(words, plural: bool = False) -> str:
    body = phrase_pattern(words)
    return f"(?:{body})(?:e?s)?" if plural else f"(?:{body})"


_MULTIPLIERS: dict[str, int] = _MONEY["multipliers"]
_NUMBER_WORDS: dict[str, float] = _MONEY["number_words"]
_FAMILIES: dict[str, dict] = _MONEY["families"]
_PREFIX_CODE: dict[str, str] = dict(_MONEY["prefixes"])
_WORD_CODE: dict[str, str] = {w.lower(): c for w, c in _MONEY["words"].items()}
_ISO = frozenset(_MONEY["iso"]["codes"])
_PREFIX_FAMILY = {p: name for name, fam in _FAMILIES.items() for p in fam["prefixes"]}
_WORD_FAMILY = {w: name for name, fam in _FAMILIES.items() for w in fam["words"]}
_ADJECTIVES = {a for fam in _FAMILIES.values() for a in fam["adjectives"]}

# Abbreviated multipliers ("5m", "1.2bn") must touch the number or follow one space;
# a lone letter must touch it ("$5m", not "$5 m").
_MULT = (
    rf"(?:\s?(?i:{_alternation(m for m in _MULTIPLIERS if len(m) > 1)})"
    rf"|(?i:{_alternation(m for m in _MULTIPLIERS if len(m) == 1)}))(?![\w'’])"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d|,\d)|\d+(?:\.\d+)?(?!\d)"
# A number word only counts before a multiplier: "a billion naira", "two million dollars".
_NUMBER = (rf"(?:{_DIGITS}|(?i:{_alternation(_NUMBER_WORDS)})"
           rf"(?=\s+(?i:{_alternation(m for m in _MULTIPLIERS if len(m) > 2)})\b))")
_PREFIX = _alternation(list(_PREFIX_CODE) + list(_PREFIX_FAMILY))


def _amount(tag: str) -> str:
    return (rf"(?:(?<![A-Za-z])(?P<{tag}pre>{_PREFIX})\s?)?"
            rf"(?P<{tag}num>{_NUMBER})(?P<{tag}mult>{_MULT})?")


_MONEY_RE = re.compile(
    rf"(?<![\w.,])(?:(?P<between>(?i:between|from))\s+)?"
    + _amount("a")
    + rf"(?:\s*(?P<conn>-|–|(?i:to|and))\s*{_amount('b')})?"
    rf"(?:\s+(?:(?P<adj>{_alternation(_ADJECTIVES)})\s+)?"
    rf"(?P<word>(?i:{_alternation(list(_WORD_CODE) + list(_WORD_FAMILY))})|{_alternation(_ISO)})(?![\w]))?"
    rf"(?:\s*\((?P<iso>{_alternation(_ISO)})\))?"
)
# Whether a text could hold an amount at all: a currency sign or code as written, or a
# currency word in lower case (a cheap test before the full pattern).
_SIGNS = tuple(set(_PREFIX_CODE) | set(_PREFIX_FAMILY) | _ISO)
_CURRENCY_WORDS = tuple({w.split()[0] for w in _WORD_CODE} | {w[:5] for w in _WORD_FAMILY})


def _may_hold_money(text: str) -> bool:
    if any(sign in text for sign in _SIGNS):
        return True
    low = text.lower()
    return any(word in low for word in _CURRENCY_WORDS)


def _value(number: str, mult: str | None) -> Decimal | None:
    number = number.strip()
    try:
        value = Decimal(number.replace(",", ""))
    except InvalidOperation:
        word = _NUMBER_WORDS.get(number.lower())
        if word is None or not mult:
            return None  # "one rupee" is not written; "a dollars" is not a number
        value = Decimal(str(word))
    if mult:
        value *= _MULTIPLIERS[mult.strip().lower()]
    return value


class _Currencies:
    """Settles shared currencies ("rupees") for one text, computing country counts once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._countries: Counter | None = None
        self._settled: dict[str, str] = {}

    def code(self, prefix: str | None, word: str | None, adjective: str | None, iso: str | None) -> str | None:
        if iso:
            return iso
        family = None
        if word:
            if word in _ISO:
                return word
            key = " ".join(word.lower().split())
            if key in _WORD_CODE:
                family = "dollar_word" if _WORD_CODE[key] == "USD" else None
                if family is None:
                    return _WORD_CODE[key]
            else:
                family = _WORD_FAMILY.get(key)
        if family is None and prefix:
            if prefix in _PREFIX_CODE:
                return _PREFIX_CODE[prefix]
            family = _PREFIX_FAMILY.get(prefix)
        if family is None:
            return None
        if adjective:
            adjectives = _FAMILIES[family]["adjectives"]
            hit = adjectives.get(adjective) or adjectives.get(adjective.title())
            if hit:
                return hit
        return self._settle(family) or None

    def _settle(self, family: str) -> str:
        if family not in self._settled:
            self._settled[family] = self._decide(_FAMILIES[family])
        return self._settled[family]

    def _decide(self, fam: dict) -> str:
        # A currency named in the text ("(PKR)", "Pakistani rupees") settles it for the text.
        codes = set(fam["countries"].values()) | set(fam["adjectives"].values())
        for code in codes:
            if re.search(rf"\b{code}\b", self.text):
                return code
        for adjective, code in fam["adjectives"].items():
            for word in fam["words"]:
                if re.search(rf"\b{re.escape(adjective)}\s+{word}\b", self.text, re.IGNORECASE):
                    return code
        counts = self._country_counts()
        best = max(fam["countries"], key=lambda c: counts.get(c, 0), default=None)
        if best and counts.get(best, 0):
            return fam["countries"][best]
        return fam["default"]

    def _country_counts(self) -> Counter:
        if self._countries is None:
            if find_countries is not None:
                self._countries = Counter(c.name for _, _, c in find_countries(self.text))
            else:
                self._countries = Counter()
        return self._countries


def find_amounts(text: str) -> list[tuple[int, int, Amount]]:
    """Every sum of money in `text` as (start, end, Amount), in text order."""
    if not _may_hold_money(text):
        return []
    currencies = _Currencies(text)
    out: list[tuple[int, int, Amount]] = []
    pos = 0
    while (m := _MONEY_RE.search(text, pos)) is not None:
        found, pos = _read(m, currencies)
        if found:
            out.append(found)
    return out


def _read(m: re.Match, currencies: _Currencies) -> tuple[tuple[int, int, Amount] | None, int]:
    """The amount a match states, and where to search next."""
    g = m.groupdict()
    low = _value(g["anum"], g["amult"])
    if g["bnum"] is not None:
        high = _value(g["bnum"], g["bmult"])
        if low is not None and high is not None and not g["amult"] and g["bmult"]:
            # "$4-5 million": the first number takes the second one's multiplier.
            low = _value(g["anum"], g["bmult"])
        code = currencies.code(g["apre"] or g["bpre"], g["word"], g["adj"], g["iso"])
        joined = g["conn"].lower() != "and" or g["between"] or (g["apre"] and g["bpre"])
        same_sign = not (g["apre"] and g["bpre"]) or g["apre"] == g["bpre"]
        if (code and joined and same_sign and low is not None and high is not None
                and low < high <= low * 100):
            start = m.start("between") if g["between"] else m.start()
            return (start, m.end(), _make(low, high, code)), m.end()
        # Not a range: read the first amount alone and search again from the second.
        code = currencies.code(g["apre"], None, None, None)
        resume = m.start("bpre") if g["bpre"] else m.start("bnum")
        if code and low is not None:
            start = m.start("apre") if g["apre"] else m.start("anum")
            end = m.end("amult") if g["amult"] else m.end("anum")
            return (start, end, _make(low, low, code)), resume
        return None, resume
    code = currencies.code(g["apre"], g["word"], g["adj"], g["iso"])
    if code is None or low is None:
        return None, max(m.end("anum"), m.start() + 1)
    if not g["apre"] and g["word"] and g["word"].isupper() and _is_person_next(m.string, m.end()):
        return None, m.end()   # "16 NPR officers": a number of people of a body with that acronym
    start = m.start("apre") if g["apre"] else m.start("anum")
    return (start, m.end(), _make(low, low, code)), m.end()


# People nouns (sitrep/data/figures.toml's groups): after a code they make it no currency.
_PERSON_NEXT = re.compile(r"\s+(?:[A-Z][\w-]*\s+)?(?i:" + phrase_pattern(
    {w for g, words in load_lexicon("figures")["groups"].items() if g != "all" for w in words}
    | {"people", "persons", "members"}) + r")\b")


def _is_person_next(text: str, end: int) -> bool:
    return _PERSON_NEXT.match(text, end, end + 40) is not None


def _make(low: Decimal, high: Decimal, code: str) -> Amount:
    return Amount(low=float(low), high=float(high), currency=code)


# ---------------------------------------------------------------- equipment and weapons

_KIND_OF = {}
for _kind in ("weapon", "equipment"):
    for _phrase in _EQUIPMENT[_kind]:
        _KIND_OF.setdefault(_phrase.lower(), (_kind, _phrase))
_ITEM_RE = re.compile(rf"(?<![\w-])({_alternation(_KIND_OF, plural=True)})(?![\w-])", re.IGNORECASE)
_CUE_RE = re.compile(rf"\b{_alternation(_EQUIPMENT['cues'])}\b", re.IGNORECASE)
_CUE_WORDS = tuple(c.lower() for c in _EQUIPMENT["cues"])
_PURPOSE_RE = re.compile(rf"\b({_alternation(_MONEY['purposes']['words'])})\b", re.IGNORECASE)
_PRICE_WINDOW = 80  # how far before an amount an item can be the thing priced


def _item(surface: str) -> tuple[str, str]:
    """(kind, listed name) of a matched item phrase, plural or not."""
    key = " ".join(surface.lower().split())
    for cand in (key, key[:-1], key[:-2]):
        if cand in _KIND_OF:
            return _KIND_OF[cand]
    return "equipment", key


def annotate(parsed) -> None:
    text = parsed.text
    mentions: list[Mention] = []
    by_amount: dict[tuple, Mention] = {}
    priced: set[str] = set()
    for start, end, amount in find_amounts(text):
        kind, name = _what_is_priced(parsed, start, end)
        key = (amount.currency, amount.low, amount.high)
        if key in by_amount:
            # The same sum again: keep the first, but let a later mention say what it is.
            first = by_amount[key]
            if first.name == text[first.span[0]:first.span[1]] and name != text[start:end]:
                first.kind, first.name = kind, name
            continue
        if kind != "money":
            priced.add(name.lower())
        by_amount[key] = Mention(kind=kind, name=name, amount=amount, span=(start, end))
        mentions.append(by_amount[key])
    low = text.lower()
    if any(cue in low for cue in _CUE_WORDS):
        for sentence in parsed.sentences:
            if not _CUE_RE.search(sentence.text):
                continue
            for m in _ITEM_RE.finditer(text, sentence.start, sentence.end):
                kind, name = _item(m.group())
                # "rifles" after "advanced rifles": the same thing, named less precisely
                if any(n == name.lower() or n.endswith(" " + name.lower()) for n in priced):
                    continue
                priced.add(name.lower())
                mentions.append(Mention(kind=kind, name=name, span=(m.start(), m.end())))
    parsed.mentions = mentions


def _what_is_priced(parsed, start: int, end: int) -> tuple[str, str]:
    """(kind, name) for an amount: the item it is the price of, else what the money is for."""
    sentence = parsed.sentence_at(start)
    s_start, s_end = (sentence.start, sentence.end) if sentence else (0, len(parsed.text))
    text = parsed.text
    lo = max(s_start, start - _PRICE_WINDOW)
    items = list(_ITEM_RE.finditer(text, lo, start))
    if items:
        kind, name = _item(items[-1].group())
        return kind, name
    purposes = list(_PURPOSE_RE.finditer(text, s_start, s_end))
    if purposes:
        near = min(purposes, key=lambda p: abs(p.start() - start))
        return "money", near.group(1).lower()
    return "money", text[start:end]
