"""Stage 'dates': when things happened, resolved against the publication date.

`find_dates` finds every date expression in a text with one precompiled regex and
resolves it to calendar days: absolute dates ("3 March 2020", "Feb. 1", "2-3 March"),
weekdays ("late on Sunday", "last Tuesday's assault"), relative words ("yesterday",
"two days ago", "over the weekend"), periods for tallies ("in the last 72 hours",
"since January") and the wire dateline ("QUETTA, Aug 26 (Agency) -").

Relative words are resolved against the anchor day: the publication date, or the
dateline's day when the report carries one within a week before publication (a wire
story's "on Sunday" counts from the day it was filed).

`annotate` stores the list under parsed.dates; `date_for_sentence` gives
the incident day for a sentence.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from sitrep.lexicon import load_lexicon, phrase_pattern

_LEX = load_lexicon("dates")
_MONTHS: dict[str, int] = _LEX["months"]
_WEEKDAYS: dict[str, int] = _LEX["weekdays"]
_NUMBERS: dict[str, int] = _LEX["numbers"]
_UNITS: dict[str, int] = _LEX["units"]
_RELATIVE: dict[str, list[int]] = _LEX["relative"]
_NAME_TAILS = frozenset(_LEX["name_tails"])
_DAY = dt.timedelta(days=1)
_UPCOMING = dt.timedelta(days=31)


@dataclass(slots=True)
class DateMention:
    start: int
    end: int
    day: dt.date | None        # the resolved day (for a period: its first day)
    end_day: dt.date | None    # last day of a range or period; else == day
    precision: int             # 1 the day is known; 2 within about a week; 3 only the month
    kind: str                  # "day", "period" or "dateline"
    reported: bool = False     # the day something was said, not done ("police said on Monday")
    night_end: bool = False    # the later day of a night ("the night of Friday to Saturday", "the early hours of Monday")


# ---------------------------------------------------------------- the pattern


def _cased(words, names: bool = False) -> set[str]:
    """Names (months, weekdays) in Title or UPPER case; other words lower or Title case
    (they may open a sentence)."""
    return {f for w in words for f in ((w.title(), w.upper()) if names else (w, w[:1].upper() + w[1:]))}


def _alternatives(words, *, names: bool = False, dotted: bool = False) -> str:
    """Regex alternatives for the cased forms of words, longest first."""
    forms = sorted(_cased(words, names), key=lambda f: (-len(f), f))
    return "(?:" + "|".join(re.escape(f) for f in forms) + ")" + (r"\.?" if dotted else "")


def _w(words: str) -> str:
    """Opening words of a pattern, as in `_alternatives`; 'the end of' matches across spaces."""
    return _alternatives(words.split("|")).replace(r"\ ", r"\s+")


# Month names must be capitalised: "may" and "march" are also verbs.
_MON_FULL = _alternatives([m for m in _MONTHS if len(m) > 4 or m in ("may", "june", "july")], names=True)
_MON = f"(?:{_MON_FULL}|" + _alternatives([m for m in _MONTHS if len(m) <= 4], names=True, dotted=True) + ")"
_WD = _alternatives(_WEEKDAYS, names=True)
_NUM = r"(?:\d{1,3}|" + _alternatives(_NUMBERS) + ")"
_UNIT = _alternatives(_UNITS)
_REL = _alternatives(_RELATIVE)
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d(?!\d)"
_TO = r"\s*(?:-|–|—|/|(?i:and|to|or|until|till)|&)\s*"   # "2-3 March", "night 7/8 August", "15 AND 16 SEPTEMBER"
_LAST = _w("last|past|previous")


def _p(name: str, body: str) -> str:
    return f"(?P<{name}>{body})"


_PATTERN = "|".join([
    # "Thursday, 3 March 2020", "2-3 March", "30 April - 2 May 2020", "25th and 26th of Sep."
    _p("dmy", rf"(?:{_WD},?\s+)?(?:{_w('the')}\s+)?(?P<a_d1>\d{{1,2}}){_ORD}(?:\s+(?:of\s+)?(?P<a_m1>{_MON}))?"
              rf"(?:{_TO}(?:{_WD},?\s+)?(?:the\s+)?(?P<a_d2>\d{{1,2}}){_ORD})?\s+(?:of\s+)?(?P<a_m>{_MON})(?![\w-])"
              rf"(?:,?\s+(?P<a_y>{_YEAR}))?"),
    # "Thursday, August 14, 2025", "Feb. 1", "March 3-4 2020", "April 19-27"
    _p("mdy", rf"(?:{_WD},?\s+)?(?P<b_m>{_MON})\s+(?:the\s+)?(?P<b_d1>\d{{1,2}}){_ORD}(?![\d:]|[.,]\d)"
              rf"(?:{_TO}(?:(?P<b_m2>{_MON})\s+)?(?P<b_d2>\d{{1,2}}){_ORD}(?![\d:]|[.,]\d))?"
              rf"(?:,?\s+(?P<b_y>{_YEAR}))?"),
    _p("iso", rf"(?P<c_y>{_YEAR})-(?P<c_m>[01]\d)-(?P<c_d>[0-3]\d)\b"),
    _p("num", rf"(?P<n_a>\d{{1,2}})(?P<n_sep>[/.-])(?P<n_b>\d{{1,2}})(?P=n_sep)(?P<n_y>{_YEAR}|\d\d(?![\d.]))"),
    # "In March 2020", "late October 2019", "the end of October 2019"
    _p("my", rf"(?:(?P<e_q>{_w('early|mid|late|the end of|end of|the beginning of')})[\s-]+)?"
             rf"(?P<e_m>{_MON})\s+(?:of\s+)?(?P<e_y>{_YEAR})"),
    # "earlier this week", "earlier this month", "last week"
    _p("thisweek", rf"{_w('earlier|early|late|later')}\s+this\s+(?P<tw_u>week|month)\b"),
    _p("lastweek", rf"(?<!the\s){_LAST}\s+week(?:'s|’s)?\b"),
    # "in the last 72 hours", "over the past week", "last month", "the previous three days"
    _p("past", rf"(?:(?P<p_prep>{_w('in|over|during|for|within|throughout')})\s+)?(?:{_w('the')}\s+)?"
               rf"{_LAST}\s+(?:(?P<p_n>{_NUM})\s+)?"
               r"(?P<p_u>hours?|days?|weeks?|months?|years?|fortnight)\b"),
    # "this year", "so far this year", "since the start of the year"
    _p("this", rf"(?:{_w('so far')}\s+)?{_w('this')}\s+(?P<t_u>year|month)\b"
               rf"|{_w('since|from')}\s+the\s+(?:start|beginning)\s+of\s+(?:the\s+|this\s+)?(?P<t_u2>year|month)\b"),
    # "over the weekend", "last weekend"
    _p("weekend", rf"(?:{_w('over|at|during|on')}\s+)?{_w('the|this|last|past')}\s+weekend\b"),
    # "two days ago", "a week ago"
    _p("ago", rf"(?P<g_n>{_NUM}|{_w('a couple of|a few')})\s+(?P<g_u>{_UNIT})\s+ago\b"),
    # "last Tuesday's assault", "late on Sunday night", "Sunday midnight"
    _p("wd", rf"(?:(?P<w_rel>{_LAST}|{_w('this|next')})\s+)?(?P<w_d>{_WD})(?:'s|’s)?"
             r"(?:\s+(?:night|morning|afternoon|evening|midnight))?"),
    _p("rel", rf"{_REL}\b"),
    # Days counted from the day named before: "a day after police opened fire", "the following day"
    _p("chain", rf"(?P<ch_n>{_NUM}|{_w('the')})\s+(?:days?|nights?)\s+(?P<ch_dir>after|before|earlier|later)\b"
                rf"|{_w('the')}\s+(?P<ch_adj>previous|preceding|next|following)\s+(?:day|night|morning|evening)\b"),
    # "since January", "during June", "June was the worst month"
    _p("month", rf"(?P<m_pre>{_w('in|during|throughout|since|until|till|by|from|early|mid|late|for|over')}"
                rf"|(?:{_w('the')}\s+)?(?:{_w('beginning|start|end|middle|month')})\s+of)[\s-]+"
                rf"(?P<m_m>{_MON_FULL})\b(?!\s*\d)"
                rf"|^(?P<m_m2>{_MON_FULL})(?=\s+(?:was|saw|has|had|alone|is)\b)"),
    # "in 2021", "since 2014"; "the 2014 massacre" is no date
    _p("year", rf"(?P<y_pre>{_w('in|since|during|throughout|until|till|by|from|of|early|late|mid')})[\s-]+"
               rf"(?P<y_y>{_YEAR})(?!\s*(?:%|percent|per\s+cent|people|persons|[,.]\d))"),
])


def _trie(forms) -> str:
    """One regex matching any of `forms`, factored by common prefix: the regex engine tries
    alternatives one by one, so a trie is much faster than a flat list of words."""
    root: dict = {}
    for form in forms:
        node = root
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body
    return emit(root)


# Few positions can open a date: a digit, the start of a month or weekday name, a rare
# opening word, or a common one followed by a likely next word. This guard lets the regex
# skip every other position quickly; it matters for speed, not for what is found.
_NAME_STARTS = _trie(_cased({w[:3] for w in [*_MONTHS, *_WEEKDAYS]}, names=True))
_RARE_OPENERS = {*_NUMBERS, *_RELATIVE, *"""last past previous next this since within throughout
    earlier later beginning start middle month end""".split()} - {"a", "an"}
_COMMON_OPENERS = "the of in a an on at by for from over during so until till early mid late".split()
_NEXT_WORDS = _trie(_cased("""the last past previous this weekend beginning start end middle month
    couple few far week day days night nights hour year fortnight following preceding next""".split()))
_GUARD = (rf"(?<![\w'’])(?=\d|{_NAME_STARTS}|{_trie(_cased(_RARE_OPENERS))}\b"
          rf"|{_trie(_cased(_COMMON_OPENERS))}[\s-]+(?:\d|{_NAME_STARTS}|{_NEXT_WORDS}\b))")
_DATES = re.compile(f"{_GUARD}(?:{_PATTERN})", re.M)

_DATELINE = re.compile(
    # "QUETTA, Aug 26 (Pakistan Monitor) -", "TURBAT, Pakistan, March 26 (Makran Times) -",
    # "... SECURITY BULLETIN - Thursday, August 14, 2025"
    rf"^[ \t]*[A-Z][A-Z'’.\- ]+(?:/[A-Z][A-Z'’.\- ]+)*(?:,\s*[A-Z][A-Za-z'’.\- ]+)?(?:,|\s[-–—])\s+"
    rf"(?:{_WD},?\s+)?(?:(?P<m>{_MON})\s+(?P<d>\d{{1,2}})|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MON}))(?:,?\s+(?P<y>{_YEAR}))?"
    r"\.?(?:\s*\([^()\n]{1,60}\))?(?:\s*[-–—]|[ \t]*$)", re.M)
# A press release's line of place and date: "Rawalpindi - August 8, 2025", "PRESS RELEASE -
# Kinshasa/Bunia, 28 July 2025", "No PR-12/2025-ISPR, Rawalpindi, February 1, 2025".
_RELEASE_LINE = re.compile(
    rf"^[ \t]*[A-Z][^\n]{{0,70}}?(?:,|\s[-–—|])[ \t]*(?:{_WD},?\s+)?"
    rf"(?:(?P<m>{_MON})\s+(?P<d>\d{{1,2}})|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MON}))(?:,?\s+(?P<y>{_YEAR}))?[ \t]*$", re.M)
# A dateline with no place: "April 15, 2023 - The number of people killed ...".
_DATE_ONLY_LINE = re.compile(
    rf"^[ \t]*(?:{_WD},?\s+)?(?:(?P<m>{_MON})\s+(?P<d>\d{{1,2}})|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MON}))"
    rf"(?:,?\s+(?P<y>{_YEAR}))?\.?[ \t]+[-–—]{{1,2}}[ \t]", re.M)
_DATELINE_WINDOW = 600   # the dateline opens the text, after at most a title line or two

def _phrases(key: str) -> str:
    """A lexicon list as regex alternatives, with any spacing between words."""
    return phrase_pattern(_LEX[key])


_BEFORE = re.compile(
    rf"(?P<approx>\b(?:{_phrases('approximate')})\s+)?(?P<since>\bsince\s+)?"
    r"(?:the\s+)?(?:(?:early|late|mid)\s+)?(?:on\s+)?(?:the\s+night\s+of\s+)?$", re.I)
_APPROX_AFTER = re.compile(rf"\s*\((?:{_phrases('approximate_after')})", re.I)
_REPORTED_BEFORE = re.compile(
    rf"\b(?:{_phrases('reporting_verbs')})(?:\s+[\w’'-]+)?\s+(?:(?:late|early)\s+)?(?:on\s+)?$", re.I)
_PUBLISHED_BEFORE = re.compile(
    rf"\b(?:{_phrases('publishing_verbs')})(?:\s+[\w’'\-]+){{0,4}}?\s+on\s+$", re.I)
# "Tuesday's police operation", "Friday night's attack": the day of an incident, whoever speaks of it
_POSSESSIVE_AFTER = re.compile(r"(?:\s+(?:night|morning|evening|afternoon))?['’]s\s", re.I)
_NIGHT_END_BEFORE = re.compile(r"\b(?:(?:early|small|wee)\s+hours\s+of|night\s+of\s+\w+\s+(?:to|into))\s+(?:on\s+)?$", re.I)
_REPORTED_AFTER = re.compile(rf"(?:\s*,)?\s+(?:{_phrases('reporting_verbs')})\b", re.I)
_OBJECT_AFTER = re.compile(r"\s+[\w\"“]")
_FUTURE_BEFORE = re.compile(rf"(?<!\w)(?:{_phrases('future_cues')})\b[^.;:!?]{{0,30}}$", re.I)
_NEXT_WORD = re.compile(r"\s+([A-Z][a-z]+)")
_VERB_BEFORE = re.compile(r"\b(?:could|would|will|may|might|can|to|should|must|shall|did|does|do)\s+$", re.I)
_NIGHT_OR_EARLY = re.compile(r"\b(?:late|early|night|evening|midnight|morning|dawn)\b", re.I)
_NIGHT_INTO = re.compile(r"\b(?:night|overnight)\b[^.;!?]{0,30}?\binto\s+(?:the\s+)?(?:(?:early|late)\s+)?"
                         r"(?:hours\s+of\s+)?$", re.I)
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z\"“]|\n")


# ---------------------------------------------------------------- resolving


def _month(word: str) -> int:
    return _MONTHS[word.rstrip(".").lower()]


def _number(word: str) -> int:
    word = " ".join(word.lower().split())
    return int(word) if word.isdigit() else _NUMBERS.get(word, 0)


def _valid(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _recent(m: int, d: int, anchor: dt.date) -> dt.date | None:
    """The (month, day) nearest before the anchor, with a day's tolerance; but a day less than
    a month ahead is upcoming ("the deadline is Aug. 14" in an Aug. 10 report), not last year's."""
    if not 1 <= m <= 12 or not 1 <= d <= 31 or d > (29 if m == 2 else calendar.monthrange(2001, m)[1]):
        return None
    for year in range(anchor.year + (m == 1 and anchor.month == 12), anchor.year - 8, -1):
        day = _valid(year, m, d)
        if day and day <= anchor + _UPCOMING:
            return day
    return None


def _weekday(wd: int, anchor: dt.date, rel: str | None) -> dt.date:
    back = (anchor.weekday() - wd) % 7
    if rel == "next":
        return anchor + dt.timedelta(days=(wd - anchor.weekday()) % 7 or 7)
    if rel == "coming":  # "protests are planned for Thursday"
        return anchor + dt.timedelta(days=(wd - anchor.weekday()) % 7)
    if rel in ("last", "past", "previous") and back == 0:
        back = 7  # "last Thursday" said on a Thursday is a week ago
    return anchor - dt.timedelta(days=back)


def _month_span(y: int, m: int) -> tuple[dt.date, dt.date]:
    return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])


def _recent_month(m: int, anchor: dt.date) -> int:
    """The year of the most recent month `m` not after the anchor's month."""
    return anchor.year if m <= anchor.month else anchor.year - 1


def _mid_month(y: int, m: int, anchor: dt.date) -> dt.date:
    """A month-level day: the 15th, as ACLED codes it, never after the anchor."""
    day = dt.date(y, m, 15)
    return min(day, anchor) if (y, m) == (anchor.year, anchor.month) else day


def _absolute(y: str | None, m: int, d: int, anchor: dt.date) -> dt.date | None:
    return _valid(int(y), m, d) if y else _recent(m, d, anchor)


def _range(y: str | None, m1: int, d1: int, m2: int, d2: int, anchor: dt.date):
    """A day or a range of days; the year, when missing, is the most recent one."""
    end = _absolute(y, m2, d2, anchor)
    if end is None:
        return None
    first = _valid(end.year - (m1 > m2), m1, d1)
    if first is None or first > end:
        return None
    return first, end, 1 if (end - first).days <= 1 else 2, "day"


def _resolve(match: re.Match, anchor: dt.date, previous: dt.date, text: str):
    """(day, end_day, precision, kind) for one match, or None when it is no date.
    `previous`: the day named last before the match (or the anchor), for "the next day"."""
    g = match.group
    kind = match.lastgroup
    if kind == "dmy":  # "2 March", "30 April - 2 May 2020"
        m2 = _month(g("a_m"))
        m1 = _month(g("a_m1")) if g("a_m1") else m2
        return _range(g("a_y"), m1, int(g("a_d1")), m2, int(g("a_d2") or g("a_d1")), anchor)
    if kind == "mdy":  # "March 2", "March 30 - April 2, 2020"
        m1 = _month(g("b_m"))
        m2 = _month(g("b_m2")) if g("b_m2") else m1
        return _range(g("b_y"), m1, int(g("b_d1")), m2, int(g("b_d2") or g("b_d1")), anchor)
    if kind == "iso":
        day = _valid(int(g("c_y")), int(g("c_m")), int(g("c_d")))
        return (day, day, 1, "day") if day else None
    if kind == "num":
        a, b, y = int(g("n_a")), int(g("n_b")), int(g("n_y"))
        y += 2000 if y < 100 else 0
        options = [day for day in (_valid(y, b, a), _valid(y, a, b)) if day]
        if not options:
            return None
        day = min(options, key=lambda o: (o > anchor + _DAY, abs((anchor - o).days)))
        return day, day, 1, "day"
    if kind == "my":
        y, m = int(g("e_y")), _month(g("e_m"))
        return _mid_month(y, m, anchor), _month_span(y, m)[1], 3, "day"
    if kind == "thisweek":
        if g("tw_u") == "week":
            return anchor - dt.timedelta(days=min(anchor.weekday(), 3) or 1), anchor, 2, "day"
        first = anchor.replace(day=1)
        return first + (anchor - first) / 2, anchor, 3, "day"
    if kind == "lastweek":
        return anchor - dt.timedelta(days=7), anchor - _DAY, 2, "day"
    if kind == "past":
        if _VERB_BEFORE.search(text, max(0, match.start() - 12), match.start()):
            return None  # "the cuts could last 12 hours"
        unit = g("p_u").rstrip("s")
        n = _number(g("p_n")) if g("p_n") else 1
        if not g("p_prep") and not g("p_n") and unit == "day" and re.search(r"(?i)previous|preceding", match.group()):
            day = previous - _DAY   # "fighters had entered a village the previous day": the day before the one named
            return day, day, 1, "day"
        if not g("p_prep") and not g("p_n") and unit == "week":
            return anchor - dt.timedelta(days=7), anchor - _DAY, 2, "day"   # "arrested the previous week"
        if not g("p_prep") and not g("p_n") and unit in ("month", "year"):
            # "last month", "last year": the previous calendar month or year
            if unit == "month":
                prev = anchor.replace(day=1) - _DAY
                return (*_month_span(prev.year, prev.month), 3, "period")
            return dt.date(anchor.year - 1, 1, 1), dt.date(anchor.year - 1, 12, 31), 3, "period"
        days = {"hour": -(-n // 24), "day": n, "week": 7 * n, "fortnight": 14 * n,
                "month": 30 * n, "year": 365 * n}[unit]
        return anchor - dt.timedelta(days=days), anchor, 1 if days <= 1 else 2 if days <= 14 else 3, "period"
    if kind == "this":
        unit = g("t_u") or g("t_u2")
        start = anchor.replace(day=1) if unit == "month" else anchor.replace(month=1, day=1)
        return start, anchor, 3, "period"
    if kind == "weekend":
        saturday = _weekday(5, anchor - _DAY, None)
        return saturday, min(saturday + _DAY, anchor), 2, "day"
    if kind == "ago":
        n, unit = _number(g("g_n")), g("g_u").lower()
        if n == 0:
            return None
        days = n // 24 if unit.startswith("hour") else n * _UNITS[unit]
        day = anchor - dt.timedelta(days=days)
        vague = g("g_n").lower() in ("a few", "few", "several", "a couple of", "couple")
        return day, day, 3 if days >= 30 else 2 if days >= 7 or vague and days else 1, "day"
    if kind == "wd":
        rel = (g("w_rel") or "").lower() or None
        if rel is None and _FUTURE_BEFORE.search(text, max(0, match.start() - 40), match.start()):
            rel = "coming"
        day = _weekday(_WEEKDAYS[g("w_d").lower()], anchor, rel)
        if rel is None and _NIGHT_INTO.search(text, max(0, match.start() - 60), match.start()):
            day -= _DAY   # "fighting raged overnight into Tuesday": it began on the Monday night
        return day, day, 1, "day"
    if kind == "chain":
        n = 1 if g("ch_adj") or g("ch_n").lower() == "the" else _number(g("ch_n"))
        direction = (g("ch_adj") or g("ch_dir")).lower()
        later = direction in ("later", "next", "following")
        if direction == "before" and _OBJECT_AFTER.match(text, match.end()):
            later = True  # "on Monday, a day before the vote": the vote is the later day
        day = previous + dt.timedelta(days=n if later else -n)
        return day, day, 1 if n <= 3 else 2, "day"
    if kind == "rel":
        offset, precision = _RELATIVE[" ".join(match.group().lower().split())]
        day = anchor + dt.timedelta(days=offset)
        return day, day, precision, "day"
    if kind == "month":
        m = _month(g("m_m") or g("m_m2"))
        y = _recent_month(m, anchor)
        first, last = _month_span(y, m)
        pre = (g("m_pre") or "").lower()
        if pre in ("early", "mid", "late", "end of", "the end of", "beginning of", "the beginning of",
                   "middle of", "the middle of", "start of", "the start of"):
            return _mid_month(y, m, anchor), last, 3, "day"
        if pre == "since":
            return first, anchor, 3, "period"
        return first, min(last, anchor) if last > anchor else last, 3, "period"
    if kind == "year":
        y = int(g("y_y"))
        if y > anchor.year + 1:
            return None
        last = anchor if g("y_pre").lower() == "since" else dt.date(y, 12, 31)
        return dt.date(y, 1, 1), last, 3, "period"
    return None


def _datelines(text: str, published: dt.date) -> list[DateMention]:
    """The dateline opening the text, and any more in its first lines (a bulletin's entries)."""
    out = []
    window = min(len(text), _DATELINE_WINDOW)
    matches = list(_DATELINE.finditer(text, 0, window))
    for pattern in (_RELEASE_LINE, _DATE_ONLY_LINE):
        matches += [m for m in pattern.finditer(text, 0, window) if not any(
            d.start() <= m.start() < d.end() or m.start() <= d.start() < m.end() for d in matches)]
    for m in sorted(matches, key=lambda m: m.start()):
        month, day_of_month = (m.group("m"), m.group("d")) if m.group("m") else (m.group("m2"), m.group("d2"))
        day = _absolute(m.group("y"), _month(month), int(day_of_month), published)
        if day is not None:
            lead = len(m.group()) - len(m.group().lstrip())
            out.append(DateMention(m.start() + lead, m.end(), day, day, 1, "dateline"))
    return out


def find_dates(text: str, published: dt.date, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Every date expression in text[start:end], resolved against the publication date."""
    end = len(text) if end is None else end
    if not text or start >= end:
        return []
    datelines = _datelines(text, published)
    anchor = published
    if datelines and published - dt.timedelta(days=7) <= datelines[0].day <= published + _DAY:
        anchor = datelines[0].day
    out = [d for d in datelines if start <= d.start and d.end <= end]
    previous = anchor
    # a live page's later day headers in the dateline window ("SUNDAY, JUNE 4"), each anchoring what follows it
    headers = [d for d in datelines[1:] if d.day <= published + _DAY and _alone_on_line(text, d.start, d.end)]
    for match in _DATES.finditer(text, start, end):
        s, e = match.span()
        while headers and headers[0].end <= s:
            anchor = headers.pop(0).day
        if any(s < d.end and e > d.start for d in datelines):
            continue
        resolved = _resolve(match, anchor, previous, text)
        if resolved is None:
            continue
        day, end_day, precision, kind = resolved
        tail = _NEXT_WORD.match(text, e)
        if tail and tail.group(1).lower() in _NAME_TAILS:
            continue  # "the Sunday Times", "the March 23 Movement"
        before = _BEFORE.search(text, max(0, s - 40), s)
        if before and before.group("since") and kind == "day":
            if day > anchor:  # "since 3 March" is the last 3 March, never an upcoming one
                day = _valid(day.year - 1, day.month, day.day) or day.replace(day=28, year=day.year - 1)
            kind, end_day, precision = "period", anchor, max(precision, 2)
        elif (before and before.group("approx")) or _APPROX_AFTER.match(text, e):
            precision = max(precision, 2)
        possessive = kind == "day" and bool(_POSSESSIVE_AFTER.match(text, e - 2 if text[e - 2:e] in ("'s", "’s") else e))
        reported = not possessive and bool(_REPORTED_BEFORE.search(text, max(0, s - 60), s) or _REPORTED_AFTER.match(text, e)
                                           or _PUBLISHED_BEFORE.search(text, max(0, s - 60), s))
        night_end = kind == "day" and bool(_NIGHT_END_BEFORE.search(text, max(0, s - 40), s))
        out.append(DateMention(s, e, day, end_day, precision, kind, reported, night_end))
        if kind == "day" and precision == 1:
            previous = day
            if day <= published + _DAY and _alone_on_line(text, s, e):
                # a live page's day header ("SUNDAY, JUNE 4"): "on Saturday" under it is the day before
                anchor = day
    _drop_overnight_beside_named_day(text, out)
    return out


def _alone_on_line(text: str, s: int, e: int) -> bool:
    """Whether the date stands alone on its line (a live page's or bulletin's day header)."""
    line_start = text.rfind("\n", 0, s) + 1
    line_end = text.find("\n", e)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start:s].strip() and not text[e:line_end].strip(" \t.:-–—")


def _drop_overnight_beside_named_day(text: str, mentions: list[DateMention]) -> None:
    """'overnight' is the night before publication unless the sentence names another day."""
    for m in [m for m in mentions if text[m.start:m.end].lower() == "overnight"]:
        for other in mentions:
            if other is m or other.kind != "day":
                continue
            lo, hi = sorted((m.start, other.start))
            if not _SENTENCE_BREAK.search(text, lo, hi):
                mentions.remove(m)
                break


def annotate(parsed) -> None:
    mentions = find_dates(parsed.text, parsed.published)
    _settle_overnight(parsed, mentions)
    parsed.dates = mentions


def _lead(parsed, mentions: list[DateMention], after: int = 1) -> tuple[int, int]:
    """Character span of the lead: the sentence holding the last dateline (or the first
    sentence) and the `after` ones after it."""
    first = 0
    for m in mentions:
        if m.kind == "dateline":
            sentence = parsed.sentence_at(m.start)
            first = sentence.index if sentence else first
    if not parsed.sentences:
        return 0, 0
    last = min(first + after, len(parsed.sentences) - 1)
    return parsed.sentences[first].start, parsed.sentences[last].end


def _settle_overnight(parsed, mentions: list[DateMention]) -> None:
    """A bare 'overnight' is the night the lead names ("late on Saturday", "early on Monday");
    failing that, the night before publication."""
    overnight = [m for m in mentions if parsed.text[m.start:m.end].lower() == "overnight"]
    if not overnight:
        return
    lo, hi = _lead(parsed, mentions)
    for m in mentions:
        if (lo <= m.start < hi and m.kind == "day" and m.precision == 1 and not m.reported
                and m not in overnight and _NIGHT_OR_EARLY.search(
                    parsed.text, max(0, m.start - 12), min(len(parsed.text), m.end + 12))):
            for o in overnight:
                o.day = o.end_day = m.day
            return


# ---------------------------------------------------------------- incident day


LEAD_REACH = 6    # sentences after the dateline's that may still give the lead's day
_LEAD_DAYS = 14   # ... when that day is this recent


def date_for_sentence(parsed, sentence_index: int) -> tuple[dt.date, int]:
    """The day the incident told in that sentence happened, and its precision.

    A day named in the sentence; else the nearest earlier one in its paragraph; else the
    first of the report's lead (the dateline's sentence and the next). Days said to be when something was
    said ("police said on Monday") come only after those, at precision 2 or worse;
    failing all, the publication date at precision 2.
    """
    mentions = parsed.dates
    published = parsed.published
    if not 0 <= sentence_index < len(parsed.sentences):
        return published, 2
    latest = max([published] + [m.day for m in mentions if m.kind == "dateline"]) + _DAY
    days = [m for m in mentions if m.kind == "day" and m.day is not None and m.day <= latest]
    if not days:
        return published, 2
    sentence = parsed.sentences[sentence_index]
    in_sentence = [m for m in days if sentence.start <= m.start < sentence.end]
    done = sorted((m for m in in_sentence if not m.reported), key=lambda m: not m.night_end)
    if done:
        return done[0].day, done[0].precision
    paragraph_start = sentence.start
    for s in reversed(parsed.sentences[:sentence_index]):
        if s.paragraph != sentence.paragraph:
            break
        paragraph_start = s.start
    earlier = [m for m in days if paragraph_start <= m.start < sentence.start and not m.reported]
    if earlier:
        return earlier[-1].day, earlier[-1].precision
    lead_start, lead_end = _lead(parsed, mentions)
    lead = [m for m in days if lead_start <= m.start < lead_end]
    for m in lead:
        if not m.reported:
            return m.day, m.precision
    if not lead:
        # A press release's headline line and its numbered first paragraph ("1. On night 7/8
        # August 2025, ..."): the lead's day comes a sentence or two further on
        lead_start, lead_end = _lead(parsed, mentions, after=LEAD_REACH)
        lead = [m for m in days if lead_start <= m.start < lead_end and (published - m.day).days <= _LEAD_DAYS]
        for m in lead:
            if not m.reported:
                return m.day, m.precision
    for m in in_sentence + lead:
        return m.day, max(m.precision, 2)
    return published, 2
