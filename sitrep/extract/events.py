"""Events (one per place and day) and tallies (totals over an area or period).

Sentences that tell of an incident open or extend an event: a new place opens one ("In
Kalat, gunmen fought police"), a list of places opens one each ("at Angoor Adda, Bajaur
and Kurram"), a sentence with no place of its own extends the event its paragraph is
about. Figures given for an area or period ("197 terrorists killed in the last 72
hours", "over 250 dead in attacks across Balochistan") go to tallies, and sentences that
recall the past ("the 2014 school massacre") open nothing.

Reads numbers, dates, places, figures; stores parsed.events (list[Event])
and parsed.tallies (list[Tally]).
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field

from sitrep.extract import dates as dates_stage
from sitrep.extract import geocode
from sitrep.extract import places as places_stage
from sitrep.extract.figures import Figure, coded_fatalities, dedupe
from sitrep.extract.tallies import build_tallies, period
from sitrep.geo import gazetteer as gazetteer_module
from sitrep.geo.countries import country_by_name
from sitrep.lexicon import load_lexicon
from sitrep.model import Event, Location

_LEX = load_lexicon("events")


def _cues(words) -> re.Pattern:
    """One pattern for a cue list, matched against lower-case text (Sentence.low): a case-blind
    match of a long alternation costs several times more."""
    return re.compile(r"\b(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")\b")


_TRIGGER = _cues(_LEX["triggers"])
_EXTEND = _cues(_LEX["triggers"] + _LEX["extenders"])
_ANAPHORA = re.compile(r"\b(?:" + "|".join(_LEX["anaphora"]) + r")\s+(?:[\w-]+\s+)?$")
_NOT_DONE = re.compile(r"\b(?:" + "|".join(_LEX["not_done_before"]) + r")\s+$")
_REACTION = _cues(_LEX["reaction_verbs"])
_OFF_TOPIC = frozenset(_LEX["off_topic"])
_VIOLENCE = frozenset(_LEX["violence_words"])
_WORDS = re.compile(r"[a-z][a-z-]*")
_DISASTER = _cues(_LEX["disaster_words"])
_ARMED = _cues(_LEX["armed_words"])
_CLAUSE = re.compile(r";|,\s*(?:while|and|but|as|whereas)\b|\bwhile\b|\bwhereas\b")
_SPEECH_BEFORE = re.compile(r"\b(?:" + "|".join(_LEX["speech_cues"]) + r")\b[^,.;]{0,20}$", re.IGNORECASE)
# "fled towards Gedaref", "flew the injured to hospitals in Haifa": where people went after it, not the scene
_DESTINATION_BEFORE = re.compile(r"\b(?:" + "|".join(_LEX["movement_verbs"]) + r")\b[^,.;]{0,40}?\b(?:to|towards|into)\b[^,.;]{0,30}$",
                                 re.IGNORECASE)
_SPEECH_AFTER = re.compile(r"^[^.;]{0,80}?\b(?:said|told|says|announced|stated)\b", re.IGNORECASE)
_SUMMARY = _cues(_LEX["summary_cues"])
_TALLY = _cues(_LEX["tally_cues"])
_COMPARISON = _cues(_LEX["comparison_cues"])
_INCIDENT_TOTAL = frozenset(_LEX["incident_total_cues"])
_RECALL = _cues(_LEX["recall_cues"])
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_NOTE_CUE = re.compile(r"\b(?:" + "|".join(_LEX["note_cues"]) + r")")
_BACKGROUND_DAYS = 45


@dataclass
class _Draft:
    """An event while it is being built."""

    place: places_stage.PlaceMention | None
    date: dt.date
    precision: int
    sentences: list[int] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    lead: bool = False
    told: bool = False   # some sentence of it tells of the incident (a trigger), not only its figures
    extra: list[Figure] = field(default_factory=list)   # figures of the parts folded into it
    opening: bool = False   # opened by the report's first paragraph after its headline
    dated: bool = False   # some sentence of it names its day (not dated by fallback to publication)
    chain: set[str] = field(default_factory=set)   # the places that qualify its place ("Kolpur, Bolan district")


def _key(name: str | None) -> str:
    return re.sub(r"[^a-z0-9]", "", (name or "").lower())


def _is_background(parsed, sentence, own) -> bool:
    """A sentence about something well before the report: its own days (`own`: the date
    mentions inside it) are old, or it names an earlier year and no recent day."""
    if own:
        return all(m.end_day and (parsed.published - m.end_day).days > _BACKGROUND_DAYS for m in own)
    years = [int(y) for y in _YEAR.findall(sentence.text)]
    return bool(years) and all(y < parsed.published.year for y in years)


def _of_period(parsed, sentence, own) -> bool:
    """A sentence about a period, not a day ("civilian deaths rose in November", "killed 380
    since 2023", "at least 183 killed since July"): it names a period or a month, or a word of
    totals, and no day that something was done on."""
    if _done_on_day(parsed, own):
        return False
    return any(m.kind == "period" or m.precision == 3 for m in own) or bool(
        _TALLY.search(sentence.low) or _COMPARISON.search(sentence.low))


def _done_on_day(parsed, own) -> bool:
    """Whether a sentence's date mentions name a day something was done on (not the day it
    was said, not a dateline's day)."""
    return any(m.kind == "day" and m.precision == 1 and not m.reported and not _bounds_or_dateline(parsed, m)
               for m in own)


_BOUND_BEFORE = re.compile(r"\b(?:since|until|till|up to|as of)\b[^,.;:()]{0,60}$|\b(?:from|between|through)\s+(?:the\s+)?$")
_SAID_BEFORE = re.compile(r"\b(?:released|published|issued|announced|said|told|stated|presented|replying|speaking|"
                         r"briefing|added)\b[^,.;:()]{0,24}$")
_DATELINE_AFTER = re.compile(r"\s*(?:\([^)\n]{0,40}\)\s*)?[-\u2013\u2014:]")


def _bounds_or_dateline(parsed, m) -> bool:
    """A day that bounds a period ("since 24 February 2022", "up to 31 October"), heads the
    report ("Baghdad, 1 October 2016 - ..."), is when words were said ("a report released on
    Monday", "replying late on Friday") or is still to come: no day of an incident."""
    if m.day is not None and m.day > parsed.published:
        return True   # "by March 31, 2026": a deadline, not a day something was done on
    if _BOUND_BEFORE.search(parsed.low, max(0, m.start - 72), m.start) or _SAID_BEFORE.search(
            parsed.low, max(0, m.start - 40), m.start):
        return True
    sentence = parsed.sentence_at(m.start)
    return (sentence is not None and m.start - sentence.start < 40
            and _DATELINE_AFTER.match(parsed.text, m.end) is not None)


def _reports_totals(parsed, drafts, tally_figures, figures_by_sentence, dates_in) -> bool:
    """A report whose news is a total (a monitor's monthly count, a minister's campaign
    figures, a UN update): its headline is about a period, or the first figures it gives (or
    most of them) are totals; and none of the places it names comes with a day something was
    done on. Its places are the areas of its totals."""
    first = min((i for i in figures_by_sentence if not _is_headline(parsed, parsed.sentences[i])), default=None)
    in_drafts = sum(len(d.figures) for d in drafts)
    totals_first = bool(tally_figures) and (first is None or any(s.index == first for _f, s in tally_figures)
                                            or len(tally_figures) >= in_drafts)
    if not (totals_first or _title_of_period(parsed)):
        return False
    return not any(_done_within_days(parsed, dates_in.get(i, [])) for d in drafts for i in d.sentences)


def _title_of_period(parsed) -> bool:
    """A headline about a period ("UN casualty figures for the month of September", "7,710
    murdered in three months"): it names a period or a month, or a word of totals, and no day."""
    title = parsed.title or ""
    if not title:
        return False
    own = dates_stage.find_dates(title, parsed.published)
    if any(m.kind == "day" and m.precision <= 2 for m in own):
        return False
    low = title.lower()
    return any(m.kind == "period" or m.precision == 3 for m in own) or bool(_TALLY.search(low) or _COMPARISON.search(low))


def _done_within_days(parsed, own) -> bool:
    """Like _done_on_day, but a span of a few days counts too ("over the weekend")."""
    return _done_on_day(parsed, own) or any(
        m.kind == "day" and m.precision == 2 and not m.reported and m.day is not None and m.end_day is not None
        and (m.end_day - m.day).days <= 3 and not _bounds_or_dateline(parsed, m) for m in own)


def _dates_by_sentence(parsed, mentions) -> dict[int, list]:
    out: dict[int, list] = {}
    for m in mentions:
        s = parsed.sentence_at(m.start)
        if s is not None:
            out.setdefault(s.index, []).append(m)
    return out


def _main_place(parsed, places) -> places_stage.PlaceMention | None:
    """The place a report is mostly about, for sentences that name none: the place named
    most often (every mention counts, the dateline's too), provinces and districts first;
    never a country, which is too coarse to stand for an incident."""
    candidates = [p for p in places if p.kind != "country"]
    if not candidates:
        return None
    counts: dict[str, int] = {}
    first: dict[str, places_stage.PlaceMention] = {}
    for p in candidates:
        k = _key(p.name)
        if k not in counts:
            counts[k] = parsed.text.count(p.name) + (1 if p.kind in ("province", "district") else 0)
            first[k] = p
        elif first[k].role == "dateline":
            first[k] = p
    best = max(counts, key=lambda k: (counts[k], -first[k].start))
    return first[best]


def is_off_topic(text: str) -> bool:
    """A report about sport or markets, whatever metaphors of battle it uses."""
    words = set(_WORDS.findall(text.lower()))
    off, violent = words & _OFF_TOPIC, words & _VIOLENCE
    return len(off) >= 4 and len(off) > 2 * len(violent)


def is_disaster(text: str) -> bool:
    """A report about a natural disaster (a quake, a flood), with few words of armed violence."""
    low = text.lower()
    disaster = len(_DISASTER.findall(low))
    return disaster >= 3 and disaster > 2 * len(_ARMED.findall(low))


_LIST_MARKS = ("- ", "\u2022 ", "* ")


def _is_headline(parsed, sentence) -> bool:
    """A headline or heading line: a whole short line with no closing punctuation."""
    line_start = parsed.text.rfind("\n", 0, sentence.start) + 1
    line_end = parsed.text.find("\n", sentence.end)
    line = parsed.text[line_start:line_end if line_end >= 0 else len(parsed.text)].strip()
    if line.startswith(_LIST_MARKS):
        return False   # "- Civilians killed: 1,095": a list item, not a heading
    return line == sentence.text and len(line) < 160 and line[-1:] not in ".!?\"”'’:)"


def _said_done(pattern: re.Pattern, text: str) -> bool:
    """Whether a cue of `pattern` tells of something done, not threatened or planned."""
    return any(not _NOT_DONE.search(text, max(0, m.start() - 24), m.start()) for m in pattern.finditer(text))


_TOLL_WORDS = frozenset(_LEX["toll_triggers"])


def tells_act(text: str) -> bool:
    """Whether a sentence (in lower case) tells of an act ("gunmen stormed", "police arrested"), not
    only of its toll ("four soldiers were killed", "the wounded died")."""
    for m in _TRIGGER.finditer(text):
        before = text[max(0, m.start() - 24):m.start()]
        if m.group(0) not in _TOLL_WORDS and not _ANAPHORA.search(before) and not _NOT_DONE.search(before):
            return True
    return False


def opens_event(text: str, dated: bool = False) -> bool:
    """Whether a sentence (in lower case) tells of an event, not only refers back to one ("the
    attack", "condemned the killings"); a reaction that dates what it reacts to still tells of it."""
    if not dated and _REACTION.search(text):
        return False
    for m in _TRIGGER.finditer(text):
        before = text[max(0, m.start() - 24):m.start()]
        if not _ANAPHORA.search(before) and not _NOT_DONE.search(before):
            return True
    return False


def _is_speech_place(parsed, p) -> bool:
    """"told a news conference in Rawalpindi", "In Kabul, the spokesman said": where words
    were said, not where the violence was."""
    sentence = parsed.sentences[p.sentence]
    text = parsed.text
    if _SPEECH_BEFORE.search(text, max(sentence.start, p.start - 48), p.start):
        return True
    if _DESTINATION_BEFORE.search(text, max(sentence.start, p.start - 90), p.start):
        return True
    if p.role == "scene":
        after = text[p.end:sentence.end]
        m = _SPEECH_AFTER.match(after)
        return bool(m) and not _TRIGGER.search(after.lower(), 0, m.end())
    return False


def _chains_by_sentence(parsed, places) -> dict[int, list[list[places_stage.PlaceMention]]]:
    usable = [p for p in places if p.role in ("place", "scene", "listed", "qualifier", "coded") and p.sentence >= 0
              and p.kind != "country" and not _is_speech_place(parsed, p)]
    out: dict[int, list] = {}
    for chain in places_stage.chains(parsed.text, usable):
        out.setdefault(chain[0].sentence, []).append(chain)
    return out


def _headers(places) -> dict:
    """Each sentence's header place: the first one its line names ("IMAM SAHIB (KUNDUZ):" is Imam
    Sahib; the bracket is the area it lies in)."""
    out: dict = {}
    for p in places:
        if p.role == "header":
            out.setdefault(p.sentence, p)
    return out


def _assign(figures: list[Figure], anchors: list[tuple[int, int]], text: str = "") -> list[int]:
    """For each figure, the index of the anchor (a place's span) it belongs to: the place nearest
    it in its own clause ("two died in Kano, while in Kaduna four were hurt"), else the next place
    after it in the sentence, else the last one before it."""
    out = []
    for f in figures:
        start = f.count.span[0]
        if text and len(anchors) > 1:
            left = max((m.end() for m in _CLAUSE.finditer(text, anchors[0][0], start)), default=-1)
            right = _CLAUSE.search(text, start, anchors[-1][1])
            right_at = right.start() if right else len(text)
            inside = [i for i, (s, e) in enumerate(anchors) if s >= left and e <= right_at]
            if inside and len(inside) < len(anchors):
                later = [i for i in inside if anchors[i][0] >= start]
                out.append(later[0] if later else inside[-1])
                continue
        after = [i for i, (s, _e) in enumerate(anchors) if s >= start]
        before = [i for i, (s, _e) in enumerate(anchors) if s < start]
        if after and (not before or anchors[after[0]][0] - start < 160):
            out.append(after[0])
        else:
            out.append(before[-1] if before else 0)
    return out


def annotate(parsed) -> None:
    if is_off_topic(parsed.text) or (not is_note(parsed.text) and is_disaster((parsed.title or "") + "\n" + parsed.text)):
        parsed.events, parsed.tallies = [], []
        return
    places = parsed.places
    day_mentions = parsed.dates
    dates_in = _dates_by_sentence(parsed, day_mentions)
    figures_by_sentence: dict[int, list[Figure]] = {}
    for f in parsed.figures:
        figures_by_sentence.setdefault(f.sentence, []).append(f)
    chains = _chains_by_sentence(parsed, places)
    headers = _headers(places)
    main_place = _main_place(parsed, places)
    drafts: list[_Draft] = []
    note = is_note(parsed.text)
    lead_paragraph = 0 if note else next((s.paragraph for s in parsed.sentences if not _is_headline(parsed, s)), 0)
    listed = summary = False
    tally_figures: list[tuple[Figure, object]] = []
    incident_totals: list[Figure] = []   # tally figures that may be one incident's whole toll
    current: _Draft | None = None
    header: places_stage.PlaceMention | None = None
    paragraph = -1
    for sentence in parsed.sentences:
        if sentence.paragraph != paragraph:
            paragraph, header = sentence.paragraph, None
        header = headers.get(sentence.index, header)
        figs = [f for f in figures_by_sentence.get(sentence.index, []) if not f.subset]
        text = sentence.text
        if "|" in text:
            tally_figures.extend((f, sentence) for f in figs)
            continue
        if _is_headline(parsed, sentence):
            continue
        own = dates_in.get(sentence.index, [])
        own_days = [m.day for m in own if m.kind == "day" and not m.reported]
        of_period = not note and _of_period(parsed, sentence, own)
        if of_period or (figs and (_TALLY.search(sentence.low) or (
                (note or not _done_on_day(parsed, own)) and (_COMPARISON.search(sentence.low) or period(own))))):
            tally_figures.extend((f, sentence) for f in figs)
            if _incident_total(sentence, own):
                incident_totals.extend(figs)
            figs = []
            if of_period or not chains.get(sentence.index):
                continue
        if _is_background(parsed, sentence, own):
            continue
        if not note and sentence.paragraph > lead_paragraph and _RECALL.search(sentence.low):
            continue   # "The operation came two days after three soldiers were killed in Mastung"
        triggered = opens_event(sentence.low, dated=bool(own_days))
        if not triggered and not figs:
            if current is not None and _EXTEND.search(sentence.low) and not chains.get(sentence.index):
                current.sentences.append(sentence.index)
            continue
        if _is_summary(sentence, chains.get(sentence.index, [])):
            summary = True   # "attacked about a dozen locations across Balochistan"
            if figs:
                tally_figures.extend((f, sentence) for f in figs)
            continue
        day, precision = dates_stage.date_for_sentence(parsed, sentence.index)
        if (parsed.published - day).days > _BACKGROUND_DAYS:
            if figs and not own_days:
                # Figures in a passage about the past with no day of their own: totals the
                # report cites ("The same report counts 934 militants killed").
                tally_figures.extend((f, sentence) for f in figs)
            continue
        sentence_chains = chains.get(sentence.index, [])
        if summary and figs and not sentence_chains:
            # Figures with no place of their own after a summary of many attacks: its toll.
            tally_figures.extend((f, sentence) for f in figs)
            continue
        groups = _event_groups(parsed, sentence_chains, figs)
        if summary and len(groups) > 2 and not figs:
            continue   # "Attacks were reported in Quetta, Mastung, Noshki ...": a roll-call, not incidents
        if groups and groups[0][0] is not None and groups[0][0].kind not in ("province", "country"):
            summary = False
        in_paragraph = current is not None and parsed.sentences[current.sentences[-1]].paragraph == sentence.paragraph
        if groups and current is not None and current.date == day and all(
                p is not None and p.kind in ("district", "province") and (p.kind == "province" or _key(p.name) in current.chain)
                for p, _ in groups) and not (
                triggered and not in_paragraph and any(f.count.outcome in ("killed", "injured") for f in figs)
                and any(p.kind == "district" for p, _ in groups)):
            # "in Guma local government area": the area around the event already told; but a new
            # paragraph with its own toll at the district ("Separately, five soldiers were killed
            # in an IED blast in Kech district on Monday") is an incident of its own.
            groups = []
        if not groups:
            if (header is None or in_paragraph) and current is not None and (not own_days or day == current.date):
                current.sentences.append(sentence.index)
                if listed:
                    # Figures after "attacks at A, B, C and D" belong to no one of them: a total.
                    tally_figures.extend((f, sentence) for f in figs)
                else:
                    current.figures.extend(figs)
                continue
            groups = [(header or (current.place if current else main_place), figs)]
        listed = len(groups) > 1 and not any(place_figs for _, place_figs in groups)
        for place, place_figs in groups:
            current = _draft_for(drafts, place, day, precision, lead=sentence.paragraph == 0)
            current.opening = current.opening or (sentence.paragraph == lead_paragraph and len(current.sentences) == 0)
            current.dated = current.dated or bool(own_days)
            current.chain.update(_key(q.name) for c in sentence_chains if place in c for q in c)
            current.sentences.append(sentence.index)
            current.figures.extend(place_figs)
            current.told = current.told or (triggered and not note and tells_act(sentence.low))
    drafts = [d for d in drafts if d.place is not None]
    if not drafts and not tally_figures and (len(parsed.sentences) <= 8 or figures_by_sentence):
        drafts = _single_event(parsed, figures_by_sentence, places, main_place)
    if not drafts and is_note(parsed.text) and (_NOTE_MARK.search(parsed.text) or (
            not tally_figures and _tells_of_event(parsed))):
        drafts = _note_event(parsed, figures_by_sentence, places, main_place, tally_figures)
    if not note and drafts and _reports_totals(parsed, drafts, tally_figures, figures_by_sentence, dates_in):
        tally_figures.extend((f, parsed.sentences[f.sentence]) for d in drafts for f in d.figures)
        drafts = []
    drafts = _merge_lead(drafts)
    drafts = _drop_lead_summary(drafts)
    drafts = _drop_recalled(drafts)
    if not note and len(drafts) > 1:
        drafts = _consolidate(parsed, drafts)
    if not note and len(drafts) == 1 and incident_totals:
        tally_figures = _give_totals_to_events(drafts, tally_figures, incident_totals)
    events = [_event(parsed, d) for d in drafts]
    coded = coded_fatalities(parsed, sum(e.fatalities for e in events)) if events else None
    if coded is not None:
        main = max(events, key=lambda e: e.fatalities)
        for e in events:
            e.fatalities = coded if e is main else 0
    parsed.events = events
    parsed.tallies = build_tallies(parsed, tally_figures, dates_in, main_place)


def _incident_total(sentence, own) -> bool:
    """A sentence whose figures were taken for a total only by words that also sum one incident's
    toll ("at least 18 people were killed so far", "in all, 12 died"), naming no period."""
    if any(m.kind == "period" or m.precision == 3 for m in own) or _COMPARISON.search(sentence.low):
        return False
    cues = [m.group(0) for m in _TALLY.finditer(sentence.low)]
    return bool(cues) and all(c in _INCIDENT_TOTAL for c in cues)


def _give_totals_to_events(drafts, tally_figures, incident_totals):
    """An incident's toll worded as a total ("so far 18 people were confirmed killed") belongs to
    the event told just before it when that event has no death toll of its own; the figures
    leave the tallies."""
    moved: set[int] = set()
    by_sentence: dict[int, list[Figure]] = {}
    for f in incident_totals:
        by_sentence.setdefault(f.sentence, []).append(f)
    for index, figs in sorted(by_sentence.items()):
        if not any(f.count.outcome == "killed" for f in figs):
            continue
        before = [(max(i for i in d.sentences if i < index), n) for n, d in enumerate(drafts)
                  if any(i < index for i in d.sentences)]
        if not before:
            continue
        d = drafts[max(before)[1]]
        if any(f.count.outcome == "killed" for f in d.figures):
            continue
        d.figures.extend(figs)
        moved.update(id(f) for f in figs)
    return [(f, s) for f, s in tally_figures if id(f) not in moved]


def _is_summary(sentence, sentence_chains) -> bool:
    """A sentence that sums up many incidents ("coordinated attacks across Balochistan"):
    it has a summary cue and no place but the area the cue spans."""
    cue = _SUMMARY.search(sentence.low)
    if cue is None or any(places_stage.primary(c).kind == "place" for c in sentence_chains):
        return False   # "in various parts of Tiruchirappalli city": one town, one event
    area_end = sentence.start + cue.end() + 40
    return all(sentence.start + cue.start() <= c[0].start <= area_end for c in sentence_chains)


def _single_event(parsed, figures_by_sentence, places, main_place) -> list[_Draft]:
    """A short report that names no place the rules above trust, or words its event
    plainly ("Vigilante mob lynched a prisoner"): one event from its first sentence that
    tells of violence, at the place it names first, if any."""
    for sentence in parsed.sentences:
        if _is_headline(parsed, sentence) and len(parsed.sentences) > 1:
            continue
        figs = [f for f in figures_by_sentence.get(sentence.index, []) if not f.subset]
        if not (figs or _said_done(_EXTEND, sentence.low)):
            continue
        day, precision = dates_stage.date_for_sentence(parsed, sentence.index)
        if (parsed.published - day).days > _BACKGROUND_DAYS:
            continue
        named = [p for p in places if p.role not in ("dateline", "header") and p.kind != "country"]
        here = [places_stage.primary(c) for c in places_stage.chains(parsed.text, named)
                if c[0].sentence == sentence.index]
        choices = here or named or ([main_place] if main_place else places[:1])
        place = choices[0] if choices else None
        draft = _Draft(place=place, date=day, precision=precision, sentences=[sentence.index])
        for other in parsed.sentences[sentence.index:]:
            draft.figures.extend(f for f in figures_by_sentence.get(other.index, []) if not f.subset)
            if other.index != sentence.index and _EXTEND.search(other.low):
                draft.sentences.append(other.index)
        return [draft]
    return []


# An analyst's note of one event (ACLED's): "On 3 May 2020, ...", "16 April. ...", "[size=no report]",
# "Fatalities coded as 0", "Security measures: ...".
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_NOTE_MARK = re.compile(
    r"^\s*(?:(?:on|as reported on|reported on|as of|around|between|on or (?:about|before|around|after)|overnight on|"
    r"from|in the (?:night|morning|evening) of)\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r"|" + _MONTH
    + r"\s+\d{1,2}(?:st|nd|rd|th)?)\b|\[size=|\bfatalities coded\b|^(?-i:[A-Z][a-z]+(?: [A-Za-z][a-z]+){0,3}): ",
    re.IGNORECASE)
NOTE_MAX_CHARS = 1000


def is_note(text: str) -> bool:
    """Whether `text` reads as one short analyst's note (one line, at most NOTE_MAX_CHARS):
    ACLED's unit, one event per note."""
    text = text.strip()
    return 0 < len(text) <= NOTE_MAX_CHARS and "\n" not in text


def is_marked_note(text: str) -> bool:
    """A short note in ACLED's manner: one line that opens with its date ("On 3 May 2020, ..."), or
    carries ACLED's tags ("[size=...]", "Fatalities coded as ...", "Security measures: ...")."""
    return is_note(text) and _NOTE_MARK.search(text) is not None


def _tells_of_event(parsed) -> bool:
    """Some sentence tells of something done (not threatened) and not long past."""
    return any((_said_done(_EXTEND, s.low) or _said_done(_NOTE_CUE, s.low)) and not _is_background(parsed, s, [])
               for s in parsed.sentences)


def _note_event(parsed, figures_by_sentence, places, main_place, tally_figures) -> list[_Draft]:
    """The one event of a short note that the sentence rules found none in ("Residents lynch a
    suspected thief in Manyatta", "SYNATIC organized sit-ins in Ouagadougou"): it is dated by its
    first sentence that is not long past, placed at the first place named, and its figures are
    those not taken for a total."""
    taken = {id(f) for f, _s in tally_figures}
    chosen = parsed.sentences[0]
    for sentence in parsed.sentences:
        day, _precision = dates_stage.date_for_sentence(parsed, sentence.index)
        if (parsed.published - day).days <= _BACKGROUND_DAYS:
            chosen = sentence
            break
    day, precision = dates_stage.date_for_sentence(parsed, chosen.index)
    named = [p for p in places if p.role not in ("dateline", "header") and p.kind != "country"]
    place = (named or ([main_place] if main_place else places[:1]) or [None])[0]
    draft = _Draft(place=place, date=day, precision=precision, sentences=[s.index for s in parsed.sentences])
    for sentence in parsed.sentences:
        draft.figures.extend(f for f in figures_by_sentence.get(sentence.index, [])
                             if not f.subset and id(f) not in taken)
    return [draft]


def _event_groups(parsed, sentence_chains, figs):
    """Split a sentence into (place, figures) groups: one per listed or separately
    described place; secondary places ("a camp near Kolpur") stay with their group."""
    if not sentence_chains:
        return []
    coded = [c for c in sentence_chains if c[0].role == "coded"]
    specific = [c for c in sentence_chains if places_stage.primary(c).kind != "province"]
    sentence_chains = coded[:1] or specific or sentence_chains
    text = parsed.text
    anchors = [places_stage.primary(c) for c in sentence_chains]
    keep = [0]
    for i in range(1, len(anchors)):
        prev_end = sentence_chains[i - 1][-1].end
        gap = text[prev_end:anchors[i].start]
        listed = places_stage.is_list_gap(gap) or (
            places_stage.is_list_gap(text[prev_end:sentence_chains[i][0].start]))
        separate = any(prev_end <= f.count.span[0] < sentence_chains[i][0].start for f in figs) or (
            bool(_CLAUSE.search(text, prev_end, sentence_chains[i][0].start))
            and opens_event(text[sentence_chains[i][0].start:_clause_end(text, sentence_chains[i][-1].end)].lower()))
        if listed or separate:
            keep.append(i)
    if anchors[0].role == "scene" and len(keep) == 1 and len(anchors) > 1 and anchors[1].kind not in ("district", "province"):
        anchors[0] = anchors[1]   # "In Bolan, a bridge in the Dozan area ...": the scene is context
    anchors = [anchors[i] for i in keep]
    # An analyst's note keeps the older rule (next place after the figure): its clauses are terse lists.
    assignment = _assign(figs, [(p.start, p.end) for p in anchors], "" if is_note(text) else text)
    return [(p, [f for f, j in zip(figs, assignment) if j == i]) for i, p in enumerate(anchors)]


def _clause_end(text: str, start: int) -> int:
    m = _CLAUSE.search(text, start)
    end = text.find(".", start)
    return min(m.start() if m else len(text), end if end >= 0 else len(text))


def _draft_for(drafts, place, day, precision, lead) -> _Draft:
    for d in drafts:
        if d.date == day and _key(d.place.name if d.place else None) == _key(place.name if place else None):
            return d
    d = _Draft(place=place, date=day, precision=precision, lead=lead)
    drafts.append(d)
    return d


def _merge_lead(drafts: list[_Draft]) -> list[_Draft]:
    """A report's lead often names the incident at a coarse place (the district, the
    dateline) before the body tells it at the exact one: fold the lead into it."""
    if len(drafts) < 2 or not (drafts[0].lead or drafts[0].opening):
        return drafts
    lead, rest = drafts[0], drafts[1:]
    if lead.place is not None and lead.place.role != "dateline" and lead.place.kind not in ("district", "province"):
        return drafts
    target = next((d for d in rest if not d.lead and d.date == lead.date), None)
    if target is None:
        return drafts
    known = {(f.count.outcome, f.count.group, f.count.best) for d in drafts[1:] for f in d.figures}
    target.figures = [f for f in lead.figures if (f.count.outcome, f.count.group, f.count.best) not in known] + target.figures
    target.sentences = lead.sentences + target.sentences
    return rest


def _drop_lead_summary(drafts: list[_Draft]) -> list[_Draft]:
    """When the body tells several incidents, the lead sums them up: its own events at
    places the body does not use are that summary, not more incidents."""
    body = [d for d in drafts if not d.lead]
    if len(body) < 2:
        return drafts
    places = {_key(d.place.name) for d in body if d.place}
    return [d for d in drafts if not d.lead or (d.place and _key(d.place.name) in places)]


def _drop_recalled(drafts: list[_Draft]) -> list[_Draft]:
    """Earlier incidents a report recalls in passing ("after militants tried to storm the
    port in Gwadar on March 20") carry no figures and predate its main incident."""
    if len(drafts) < 2:
        return drafts
    main = drafts[0].date
    return [d for d in drafts if d.figures or d.date >= main - dt.timedelta(days=1)]


_NEAR_KM = 25.0   # a later day's toll "at" a place this near is the same place's


def _points(parsed, drafts):
    """Where each draft's place lies, as the geocode stage will put it: (lat, lon) or None."""
    gazetteer = gazetteer_module.default()
    context = geocode.build_context(parsed, gazetteer)
    out = []
    for d in drafts:
        loc = _event(parsed, d).location
        if loc.name:
            geocode.locate(loc, parsed, gazetteer, context)
        out.append(loc)
    return out


def _km(a, b) -> float:
    (lat1, lon1), (lat2, lon2) = a, b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _coarse(d, loc) -> bool:
    """A draft placed at a province ("in Sagaing region", "Balochistan")."""
    return (d.place is not None and d.place.kind == "province") or (
        bool(loc.admin1) and _key(loc.name) == _key(loc.admin1))


def _inside(fine_draft, fine, coarse_draft, coarse) -> bool:
    """Whether the place of `fine` lies in the province `coarse` stands for."""
    if _coarse(fine_draft, fine) or not fine.admin1:
        return False
    return _key(fine.admin1) in (_key(coarse.admin1), _key(coarse.name))


def _fell_back(loc, other) -> bool:
    """Whether the map put `loc` at the point of `other` for want of its own: a coarser precision
    than `other`'s exact one."""
    return (loc.geo_precision or 0) >= 2 and other.geo_precision == 1


def _consolidate(parsed, drafts: list[_Draft]) -> list[_Draft]:
    """One event per place and day, decided over the whole report: fold into an event the drafts
    that are parts of it (a place the map does not know, on its day or the next: a hotel, a
    street, a hospital; the province it lies in, on its day) and later days at its place that
    tell no act, only its toll ("police had reported 25 bodies on Saturday"). Places that the
    map puts apart stay apart: a round-up's villages keep their events."""
    locs = _points(parsed, drafts)
    kept: list[list] = []   # [draft, location]
    for d, loc in zip(drafts, locs):
        pt = (loc.lat, loc.lon) if loc.lat is not None else None
        target = None
        for entry in kept:
            t, tloc = entry
            tpt = (tloc.lat, tloc.lon) if tloc.lat is not None else None
            days = abs((d.date - t.date).days)
            same_place = (d.place is not None and t.place is not None and _key(d.place.name) == _key(t.place.name)) or (
                pt is not None and tpt is not None and _km(pt, tpt) <= _NEAR_KM and not _coarse(d, loc) and not _coarse(t, tloc))
            if same_place and days and d.dated != t.dated and (d.precision if t.dated else t.precision) >= 2:
                if d.dated:
                    entry[0], entry[1] = d, loc   # the follow-up came first: the day told stands
                    d, t = t, d
                target = entry   # told again at its place, dated only by the report's day: the incident whose day is told
            elif pt is None and days <= 1 and (tpt is not None or not d.figures):
                target = entry   # a part the map does not know: "the Qaswarina Hotel", "Zulbarina Street"
            elif not d.told and ((d.date > t.date and pt and tpt and _km(pt, tpt) <= _NEAR_KM) or (
                    (d.date > t.date or days <= 1) and _key(d.place.name) == _key(t.place.name))):
                target = entry   # another day at its place (a later one, or the day before) that brings only the toll
            elif days == 0 and pt and tpt and _km(pt, tpt) < 0.5 and _fell_back(loc, tloc) != _fell_back(tloc, loc) and (
                    _fell_back(loc, tloc) and not t.figures or _fell_back(tloc, loc) and not d.figures):
                if _fell_back(loc, tloc):
                    entry[0], entry[1] = d, loc   # the place told with its figures stands
                    d, t = t, d
                target = entry   # the town the map put it at, named with no figures of its own: its setting
            elif days == 0 and d.place is not None and d.place.kind == "facility" and pt and tpt and _km(pt, tpt) <= _NEAR_KM:
                target = entry   # a hospital, a university, a road by the event's place on its day
            elif days == 0 and _coarse(d, loc) and _inside(t, tloc, d, loc):
                target = entry   # the province the event lies in
            elif (days == 0 or (days == 1 and t.lead and not d.lead)) and _coarse(t, tloc) and _inside(d, loc, t, tloc):
                entry[0], entry[1] = d, loc   # the province first, the place in it after: the place stands
                d, t = t, d
                target = entry
            if target is not None:
                break
        if target is None:
            kept.append([d, loc])
            continue
        t = target[0]
        t.sentences.extend(d.sentences)
        t.extra.extend(d.figures + d.extra)
        t.told = t.told or d.told
    return [d for d, _loc in kept]


def fatalities(figures: list[Figure]) -> int:
    """The best total killed. Within a sentence, figures of one group add up ("four
    villagers and six cattle thieves"); across sentences the first one given per group
    stands (later ones restate it or give another source's figure). Groups add up; an
    unsplit total wins when it is larger; the dead attackers add to it ("seven people and the
    bomber"), unless it already holds them (the total equals attackers plus others)."""
    by_sentence: dict[tuple[int, str], int] = {}
    for f in figures:
        if f.count.outcome == "killed" and not f.part:
            key = (f.sentence, f.count.group)
            by_sentence[key] = by_sentence.get(key, 0) + f.count.best
    first: dict[str, int] = {}
    for (_sentence, group), total in sorted(by_sentence.items()):
        first.setdefault(group, total)
    split = first.get("civilians", 0) + first.get("security_forces", 0)
    unsplit, militants = first.get("all", 0), first.get("militants", 0)
    if militants and unsplit in (militants + first.get("civilians", 0), militants + first.get("security_forces", 0),
                                 militants + split):
        return unsplit   # "64 people ... 60 suspects and four officers": the total holds the attackers
    return max(split, unsplit) + militants


def _country_of(parsed, place):
    """The country of a place: the one its name implies ("Kabul", "Balochistan"), else
    the country the report is about."""
    if place is not None:
        named = country_by_name(place.name)
        if named is not None:
            return named
    return parsed.main_country


def _event(parsed, d: _Draft) -> Event:
    figures = dedupe(d.figures + d.extra)
    casualties = [f.count for f in figures]
    # The toll is the event's own figures'; its parts' (a hospital's count, a later report's) only
    # where it has none of its own.
    own = dedupe(d.figures) if any(f.count.outcome == "killed" for f in d.figures) else figures
    place = d.place
    country = _country_of(parsed, place)
    location = Location(
        name=place.name if place else None,
        country=country.name if country else None,
        country_code=country.iso2 if country else None,
        admin2=place.name if place and place.kind == "district" else None,
        admin1=place.name if place and place.kind == "province" else None,
        span=(place.start, place.start + len(place.name)) if place and place.role != "dateline" else None,
    )
    return Event(
        date=d.date,
        date_precision=d.precision,
        location=location,
        casualties=casualties,
        fatalities=fatalities(own),
        evidence=[(parsed.sentences[i].start, parsed.sentences[i].end) for i in sorted(set(d.sentences))],
    )
