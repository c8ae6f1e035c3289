"""Stage 'claims': who says what about whom.

Stores parsed.claims: list[sitrep.model.Claim] of kind responsibility,
accusation, denial or threat (the cues make no plain statements: too many "said" and
"condemned", of which the gold keeps few).

A claim starts from a cue (sitrep/data/claims.toml). Claim verbs ("claimed responsibility",
"blamed", "denied", "vowed") speak for their subject ("Kabul rejects the charge") or, when
the verb continues a clause, for the speaker of the sentence ("X said ... and blamed
India"). Words inside reported speech make a claim of whoever is quoted: "X said the
perpetrators would be brought to justice" (threat), "..., according to X, the attack was
carried out by India" (accusation: it needs a side named), "X said the reports were false"
(denial); the speaker is the subject of the nearest reporting verb, the name after an
inverted "said X", or, in a press release, its issuer. Speakers are named canonically:
"the BLA" -> Baloch Liberation Army and "JNIM" -> its spelled-out name (actors table),
"New Delhi" -> India (countries table), "the ministry" -> the text's country, "he" /
"the minister" / "Asif" -> the full name first introduced ("Defence Minister Khawaja Asif").
Within a sentence each speaker makes at most one claim of a kind; each cue is tried only
where its stems occur.

Over the cues sits a learned layer (`learned_claims`, at the end of this module; the model in
sitrep/data/claims_model.json.gz, fitted by scripts/train_claims.py): each speaker the rules
can name in a news report (subjects of reporting verbs, "according to X", the cues' own
speakers) is rated per kind on the words of its sentences, its verbs, the cues' kinds and the
kind of speaker; it keeps the cues' claims it does not rate as unlikely and adds the claims,
mostly accusations with no cue word ("X said civilians were among the dead"), it rates likely.
Without the artifact, and on analysts' notes in ACLED's manner, the cues work alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.extract import claim_model
from sitrep.lexicon import load_lexicon, load_table
from sitrep.model import Claim

try:
    from sitrep.geo.countries import find_countries_with_kind
except ImportError:  # pragma: no cover
    find_countries_with_kind = None
try:
    from sitrep.extract.actors import canonical_actor
except ImportError:  # pragma: no cover
    canonical_actor = None
try:
    from sitrep.extract.events import is_marked_note
except ImportError:  # pragma: no cover
    is_marked_note = None

_LEX = load_lexicon("claims")
_W = {k: frozenset(v) for k, v in _LEX["words"].items()}
_CUES = [(c["kind"], re.compile(c["pattern"], re.IGNORECASE), c.get("needs"), c.get("speaker") == "sentence",
          c.get("else"))
         for c in _LEX["cue"]]
_CUE_STEMS = [tuple(frozenset(group) for group in c["stems"]) for c in _LEX["cue"]]
_ALL_STEMS = tuple(sorted({stem for groups in _CUE_STEMS for group in groups for stem in group}))
_PRIORITY = {kind: rank for rank, kind in enumerate(_LEX["priority"]["order"])}
_AGENT_KINDS = frozenset(_LEX["agents"]["kinds"])
# A text can hold a claim only if one of the cues' first stems is in it.
_STEMS = tuple(sorted({stem for groups in _CUE_STEMS for stem in groups[0]}))
_COND = {k: re.compile(v, re.IGNORECASE) for k, v in _LEX["conditions"].items()}
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|\w[\w'’\-]*|[^\w\s]")
# A cue right after one of these is not the speaker's own verb: "was accused", "to deny",
# "their alleged ...".
_NOT_SPOKEN = frozenset({"was", "were", "been", "being", "is", "are", "be", "to", "his", "her", "its", "their"})

_BE = re.compile(r"\b(?:was|were|been|be|is|are|being|who|which|that|when|after|as)\b", re.IGNORECASE)


def norm_words(name: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", name.lower())


_QUOTES = frozenset('"“”‘’\'')
COORD = "coord"    # the cue continues an earlier clause: "... and blamed India"
FIRST = "first"    # "we" / "I": the speaker is whoever the sentence quotes


@dataclass(slots=True)
class Speaker:
    name: str
    role: str | None
    kind: str      # person, org, group, country, plural
    start: int


_SPELLED: dict[str, str] = {}  # canonical actor name -> its first spelled-out alias


def _group_name(canonical: str, surface: str) -> str:
    """A group speaks under its name: the canonical one when it is a plain name ("the BLA"
    is Baloch Liberation Army); where the canonical name is a coder's label ("JNIM: Group
    for ...", "Islamic State (Afghanistan)"), the name the text spells out, or for an
    acronym the first spelled-out alias in the actors table."""
    if ":" not in canonical and "(" not in canonical:
        return canonical
    words = [w for w in surface.split() if w.lower() != "the"]
    if len(words) >= 2 and not surface.isupper():
        return " ".join(words)
    if not _SPELLED:
        for row in load_table("actors"):
            spelled = next((a for a in row["aliases"].split("|") if " " in a and not a.isupper()
                            and "/" not in a and " or " not in a), None)
            _SPELLED[row["name"]] = spelled or row["name"]
    return _SPELLED.get(canonical, canonical)


def _plain(word: str) -> str:
    """A token in lower case without a possessive ending."""
    w = word.lower()
    return w[:-2] if w.endswith(("'s", "’s")) else w


def _reporting(word: str) -> bool:
    """A reporting verb, written in lower case ("States" in "United States" is none)."""
    return word in _W["reporting"]


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _after_dateline(toks: list[re.Match]) -> int:
    """Index of the first token after a dateline ("KADUNA, Nigeria, March 14 (Wire) - ")."""
    if toks and toks[0].group().isupper() and len(toks[0].group()) > 1:
        for i, tok in enumerate(toks[:20]):
            if tok.group() in ("-", "–", "—"):
                return i + 1
    return 0


def _is_particle(word: str) -> bool:
    """ "ur" in "Naeem ur Rehman", "al-Fursan" in "Jaish al-Fursan"."""
    head, _, tail = word.partition("-")
    return head.lower() in _W["particles"] and (not tail or _is_cap(tail))


class _Doc:
    """What the claims of one text are resolved against: its speakers in text order."""

    def __init__(self, parsed) -> None:
        self.text = parsed.text
        self._country_of_text = parsed.main_country
        self.kidnapping = bool(_COND["kidnapping"].search(self.text))
        # Sides named in the text (actors stage), for cues that need someone who acted.
        self.agents = [(m.start, m.end, m.actor.name) for m in parsed.actors or []
                       if m.actor.kind in _AGENT_KINDS]
        self.countries = [(s, e, c.name) for s, e, c, _how in parsed.countries or []]
        self.timeline: list[Speaker] = []
        self.surnames: dict[str, Speaker] = {}
        self.issuer = _issuer(self.text, self.country, getattr(parsed, "title", None))
        self.sentence_tokens = [list(_TOKEN.finditer(self.text, s.start, s.end)) for s in parsed.sentences]
        self.subject_at: dict[int, object] = {}  # a reporting verb's offset -> subject_before's answer
        for toks in self.sentence_tokens:
            for i, tok in enumerate(toks):
                if _reporting(tok.group()):
                    found = self.subject_at[tok.start()] = self.subject_before(toks, i)
                elif _plain(tok.group()) in _W["titles"]:
                    found = self._titled_person(toks, i)
                else:
                    continue
                if isinstance(found, Speaker) and (not self.timeline or self.timeline[-1].start != found.start):
                    self.timeline.append(found)

    @property
    def country(self):
        """The country the text is about (for "the military"): the actors stage's main country."""
        return self._country_of_text

    # ------------------------------------------------------------ subjects

    def subject_before(self, toks: list[re.Match], i: int):
        """The speaker whose verb is toks[i]: a Speaker, COORD, FIRST or None."""
        j = i - 1
        while j >= 0 and toks[j].group().lower() in _W["skip"]:
            j -= 1
        # "X, in a statement, said" / "X in a message said": the channel is no speaker.
        if (j >= 2 and _plain(toks[j].group()) in _W["channels"] and toks[j - 2].group().lower() in ("in", "on", "during")
                and toks[j - 1].group().lower() in ("a", "an", "the", "its", "his", "her", "their")):
            j -= 3
            while j >= 0 and (toks[j].group() == "," or toks[j].group().lower() in _W["skip"]):
                j -= 1
        if j < 0:
            return None
        acronym = None
        if toks[j].group() == ")":
            k = j - 1
            while k >= 0 and toks[k].group() != "(" and j - k < 6:
                k -= 1
            if k >= 0 and toks[k].group() == "(":
                inner = [t.group() for t in toks[k + 1:j]]
                if len(inner) == 1 and inner[0].isupper():
                    acronym = inner[0]
                j = k - 1
        if j < 0:
            return None
        word = toks[j].group()
        if word == ",":
            return self._appositive(toks, j)
        if word.lower() in ("and", ";", ":") or word in ("—", "–"):
            return COORD
        if word.lower() in _W["first_person"]:
            return FIRST
        if word.lower() in ("which", "who") and j >= 2 and toks[j - 1].group() == ",":
            return self._noun_phrase(toks, j - 2, None)  # "Moscow, which denies ..."
        return self._noun_phrase(toks, j, acronym)

    def _titled_person(self, toks: list[re.Match], i: int) -> Speaker | None:
        """A person introduced by title anywhere ("Defence Minister Khawaja Asif spoke")."""
        end = i + 1
        while end < len(toks) and end - i <= 4 and (_is_cap(toks[end].group()) or _is_particle(toks[end].group())):
            if _plain(toks[end].group()) in _W["titles"]:
                return None  # the name starts after a later title word
            end += 1
        if end == i + 1:
            return None
        found = self._noun_phrase(toks, end - 1, None)
        return found if isinstance(found, Speaker) and found.kind == "person" else None

    def _appositive(self, toks: list[re.Match], j: int):
        """ "Jaish al-Fursan, a faction ..., said" / "the wing, the ISPR (ISPR), said"."""
        for k in range(j - 1, max(-1, j - 16), -1):
            if toks[k].group() != ",":
                continue
            first = toks[k + 1].group() if k + 1 < j else ""
            second = toks[k + 2].group() if k + 2 < j else ""
            if _is_cap(first) or first.lower() == "the" and _is_cap(second):
                # A name between the commas: it must fill them ("the ISPR", "Lt Gen X").
                inner = self._noun_phrase(toks, j - 1, None)
                if isinstance(inner, Speaker) and inner.kind == "country" and k >= 1:
                    j = k  # "X, speaking at a summit in Granada, Spain, said": a place, look further back
                    continue
                if isinstance(inner, Speaker) and inner.start <= toks[k + 1].end():
                    return inner
                return COORD
            if first.lower() in ("a", "an", "the"):
                return self._noun_phrase(toks, k - 1, None) if k >= 1 else None
            # "The Ambazonia Governing Council, one of the separatist movements, said":
            # a name right before the first comma.
            if k >= 1 and _is_cap(toks[k - 1].group()) and first.lower() not in ("and", "but", "while"):
                named = self._noun_phrase(toks, k - 1, None)
                if isinstance(named, Speaker) and named.kind != "plural":
                    return named
            return COORD
        return COORD

    @staticmethod
    def _acronym_at(toks: list[re.Match], j: int) -> str | None:
        if j >= 2 and toks[j].group() == ")" and toks[j - 2].group() == "(" and toks[j - 1].group().isupper():
            return toks[j - 1].group()
        return None

    def _noun_phrase(self, toks: list[re.Match], j: int, acronym: str | None):
        if j >= 0 and toks[j].group() == ")":
            acronym = self._acronym_at(toks, j) or acronym
            while j >= 0 and toks[j].group() != "(":
                j -= 1
            j -= 1
        if j < 0:
            return None
        last = toks[j].group()
        if last.lower() in _W["person_pronouns"] or last.lower() in _W["group_pronouns"]:
            return self.resolve_pronoun(last.lower(), toks[j].start())
        if j >= 1 and toks[j - 1].group().lower() in ("its", "their") and last.isalpha() and last.islower():
            return self.resolve_pronoun(toks[j - 1].group().lower(), toks[j - 1].start())  # "its envoy accused"
        words: list[re.Match] = []
        while j >= 0:
            w = toks[j].group()
            lw = _plain(w)
            if lw in _W["skip"]:
                break
            inner_of = (w == "of" and words and _is_cap(words[-1].group()) and j
                        and _is_cap(toks[j - 1].group()))  # "Ministry of Defence"
            if _is_cap(w) and w[0].isalpha() or lw in _W["noun_phrase"] or _is_particle(w) or inner_of:
                words.append(toks[j])
                j -= 1
                continue
            break
        if not words:
            return None
        words.reverse()
        # "The Kenya Human Rights Commission and the Police Reforms Working Group said":
        # the first of two joined names speaks for both.
        if j >= 1 and toks[j].group().lower() == "and" and _is_cap(toks[j - 1].group()):
            earlier = self._noun_phrase(toks, j - 1, None)
            if isinstance(earlier, Speaker) and earlier.kind in ("org", "group", "country"):
                return earlier
        return self.speaker_of([t.group() for t in words], acronym, words[0].start())

    # ------------------------------------------------------------ naming

    def speaker_of(self, words: list[str], acronym: str | None, start: int) -> Speaker | None:
        while words and words[0].lower() == "the":
            words = words[1:]
        if not words or words[0].lower() in ("neither", "no", "nor"):
            return None  # "Neither the group nor ... has claimed"
        if not _is_cap(words[-1]) or words[-1].lower() in _W["noun_phrase"]:
            return self._generic(words, start)
        cut = max((k for k, w in enumerate(words) if _plain(w) in _W["titles"]), default=-1)
        role = " ".join(words[:cut + 1]) or None
        names = words[cut + 1:]
        while role and len(names) > 2 and names[0] == "of":  # "Superintendent of Police Muniraj G"
            role, names = f"{role} of {names[1]}", names[2:]
        if role and not names:
            return self._by_role(_plain(words[-1]), start)
        name = " ".join(names)
        if role:
            return self._person(name, role, start)
        country = self._country(name)
        if country:
            return Speaker(country, None, "country", start)
        actor = canonical_actor(name, self.country) if canonical_actor else None
        if (actor is None or actor.kind not in _W["non_state_kinds"]) and acronym and canonical_actor:
            actor = canonical_actor(acronym, self.country)  # "... Islam and Muslims (JNIM)"
            name = acronym if actor is not None and actor.kind in _W["non_state_kinds"] else name
        if actor is not None and actor.kind in _W["non_state_kinds"]:
            return Speaker(_group_name(actor.name, name), None, "group", start)
        if len(names) == 1 and _plain(name) in _W["plural_nouns"]:
            return Speaker(name, None, "plural", start)  # "Witnesses said": people, not a body
        if acronym or any(_plain(w) in _W["organisation"] for w in names) or name.isupper():
            return Speaker(acronym or name, None, "org", start)
        known = self.surnames.get(names[-1].lower())
        if known and len(names) == 1:
            return Speaker(known.name, known.role, "person", start)
        if len(names) >= 2:
            return self._person(name, None, start)
        return Speaker(name, None, "org", start)

    def _person(self, name: str, role: str | None, start: int) -> Speaker:
        key = name.split()[-1].lower()
        known = self.surnames.get(key)
        if known and len(name.split()) < len(known.name.split()):
            return Speaker(known.name, role or known.role, "person", start)
        speaker = Speaker(name, role, "person", start)
        if key not in self.surnames:
            self.surnames[key] = speaker
        return speaker

    def _generic(self, words: list[str], start: int) -> Speaker | None:
        """A speaker named by a common noun: "the minister", "Afghanistan's defence ministry"."""
        head = _plain(words[-1])
        text = " ".join(words)
        if self.kidnapping and head in _W["kidnappers"]:
            return Speaker("kidnappers", text, "plural", start)
        if head in _W["officials"] and len(words) == 2 and _is_cap(words[0]):
            country = self._demonym(words[0].rstrip("'’s"))
            if country:
                return Speaker(country, text, "country", start)  # "U.S. officials", "Iraqi officials"
        if _is_cap(words[0]) and len(words) > 1 and head not in _W["titles"]:
            return Speaker(text, None, "org", start)  # "Afghanistan's defence ministry"
        if head in _W["titles"]:
            return self._by_role(head, start)
        found = self._recent(start, lambda s: head.rstrip("s") in (s.name + " " + (s.role or "")).lower())
        if found:
            return found
        if head in _W["collective"]:
            return self.resolve_pronoun("they", start)
        if head in _W["state_bodies"] and self.country is not None:
            return Speaker(self.country.name, text, "country", start)  # "the ministry", "the government"
        actor = canonical_actor(text, self.country) if canonical_actor else None
        if actor is not None and actor.kind != "unknown":
            return Speaker(_group_name(actor.name, text), None, "group", start)
        if head in ("officials", "sources", "authorities", "police"):
            return Speaker(text.lower(), None, "plural", start)
        return None

    def _by_role(self, head: str, start: int) -> Speaker | None:
        return self._recent(start, lambda s: s.kind == "person" and head in (s.role or "").lower())

    def _recent(self, start: int, test) -> Speaker | None:
        for s in reversed(self.timeline):
            if s.start < start and test(s):
                return Speaker(s.name, s.role, s.kind, start)
        return None

    def resolve_pronoun(self, pronoun: str, start: int) -> Speaker | None:
        if pronoun in _W["person_pronouns"]:
            return self._recent(start, lambda s: s.kind == "person")
        if self.kidnapping and pronoun in _W["kidnappers"]:
            found = self._recent(start, lambda s: s.name == "kidnappers")
            if found:
                return found
        if pronoun in ("it", "its"):  # "it" is one body, never "witnesses" or "officials"
            return self._recent(start, lambda s: s.kind in ("org", "group", "country"))
        return self._recent(start, lambda s: s.kind in ("org", "group", "country", "plural"))

    def _country(self, name: str) -> str | None:
        """The country a name stands for when the whole name is one ("New Delhi", "Russia")."""
        if find_countries_with_kind is None:
            return None
        name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
        found = find_countries_with_kind(name)
        if len(found) == 1 and found[0][0] == 0 and found[0][1] == len(name) and found[0][3] != "demonym":
            return found[0][2].name
        return None

    def main_speaker(self, toks: list[re.Match]) -> Speaker | None:
        """Who the sentence quotes: the subject of its first reporting verb with one,
        else its opening noun phrase ("Gunmen who seized ... threatened to")."""
        for i, tok in enumerate(toks):
            if _reporting(tok.group()):
                found = self.subject_before(toks, i)
                if isinstance(found, Speaker):
                    return found
        first = n = _after_dateline(toks)
        while n < len(toks) and n - first < 8 and (_is_cap(toks[n].group()) or _is_particle(toks[n].group())
                                            or _plain(toks[n].group()) in _W["noun_phrase"]):
            n += 1
        if n > first and (n == len(toks) or toks[n].group() != ","):
            found = self._noun_phrase(toks, n - 1, None)
            return found if isinstance(found, Speaker) else None
        return None

    def reported_speaker(self, toks: list[re.Match], at: int, upto: int) -> Speaker | None:
        """Who says the words at offset `at`: the subject of the nearest reporting verb before
        them ("X said the attack was ..."), else of one after them ("..., X said"), the
        speaker after an inverted verb ("..., said X") or after "according to". A verb
        inside the words themselves comes first ("a claim New Delhi dismissed as baseless")."""
        before = after = inside = None
        for i, tok in enumerate(toks):
            w = tok.group().lower()
            if w == "according" and i + 1 < len(toks) and toks[i + 1].group().lower() == "to":
                found = self._noun_after(toks, i + 2)
            elif _reporting(tok.group()):
                found = self.subject_before(toks, i)
                if found is None:
                    found = self._noun_after(toks, i + 1)
                elif found in (COORD, FIRST):
                    found = None
            else:
                continue
            if not isinstance(found, Speaker):
                continue
            if tok.start() < at:
                before = found
            elif tok.start() < upto:
                inside = inside or found
            elif after is None:
                after = found
        return inside or before or after

    def _noun_after(self, toks: list[re.Match], k: int):
        """The speaker named right after offset k ("said Defence Minister X", "according to police")."""
        end = k
        while end < len(toks) and end - k < 8 and (_is_cap(toks[end].group()) or _is_particle(toks[end].group())
                                                  or _plain(toks[end].group()) in _W["noun_phrase"]):
            end += 1
        if end == k or (end < len(toks) and toks[end].group() in ("'s", "’s")):
            return None
        return self._noun_phrase(toks, end - 1, None)

    def agent(self, start: int, end: int, speaker: Speaker, before: bool = False,
              name_from: int | None = None) -> str | None:
        """A side named in text[start:end] that is not the speaker's own. After a cue ("carried
        out by India") an actor or a country counts; before a verb ("Afghan forces fired") only
        an actor that is the verb's subject: nothing but words between them, no "were"."""
        sides = self.agents if before else sorted(self.agents + self.countries)
        own = {w for w in norm_words(speaker.name)}
        for s, e, name in (reversed(sides) if before else sides):
            if s < start or e > end or own & set(norm_words(name)) - _W["side_generic"]:
                continue
            if before:
                if not self.text[s].isupper():
                    continue  # "security forces fired": the reporter's own words, no one named
                gap = self.text[e:end]
                if len(gap) > 25 or re.search(r"[^\w\s'’-]", gap) or _BE.search(gap):
                    return None
            return name
        if not before:
            return self._name_after(start if name_from is None else name_from, end)
        return None

    def _name_after(self, start: int, end: int) -> str | None:
        """A capitalised name opening text[start:end], past a determiner and up to two
        lower-case words ("by the 36th Front", "to the Dawlah Islamiyah-Maute group")."""
        toks = [t for t in _TOKEN.finditer(self.text, start, end) if t.group() not in _QUOTES][:8]
        k = 0
        if k < len(toks) and toks[k].group().lower() in ("the", "a", "an"):
            k += 1
        lower = 0
        while k < len(toks) and not _is_cap(toks[k].group()) and lower < 2 and toks[k].group()[0].isalnum():
            k, lower = k + 1, lower + 1
        words = []
        while k < len(toks) and (_is_cap(toks[k].group()) or _is_particle(toks[k].group())):
            words.append(toks[k].group())
            k += 1
        if not words or _plain(words[0]) in _W["not_names"]:
            return None
        return " ".join(words)

    # ------------------------------------------------------------ targets

    def target(self, kind: str, cue: re.Match, clause_end: int, speaker: Speaker) -> str | None:
        if kind != "accusation":
            return None
        text = self.text
        in_cue = self._first_country(cue.start(), cue.end(), speaker)
        if in_cue:
            return in_cue
        after = list(_TOKEN.finditer(text, cue.end(), clause_end))
        phrase = self._object(after)
        if phrase is None and after:
            # "blamed the violence on criminals", "blamed the attack on herdsmen"
            on = next((k for k, t in enumerate(after[:8]) if t.group().lower() == "on"), None)
            if on is not None:
                phrase = self._object(after[on + 1:])
        if phrase:
            return phrase
        return self._first_country(cue.end(), clause_end, speaker)

    def _object(self, toks: list[re.Match]) -> str | None:
        words = []
        for t in toks[:6]:
            w = t.group()
            if w.lower() in ("of", "for", "on", "in", "who", "which", "that", "to", "over", "as", "after") or not w[0].isalnum():
                break
            words.append(w)
        while words and words[0].lower() in ("the", "a", "an", "its", "their", "his", "her"):
            words = words[1:]
        if not words:
            return None
        phrase = " ".join(words)
        country = self._country(phrase)
        if country:
            return country
        actor = canonical_actor(phrase, self.country) if canonical_actor else None
        if actor is not None and actor.kind != "unknown":
            return actor.name
        if _plain(words[-1]) in _W["actor_nouns"] or all(_is_cap(w) or w.lower() in _W["particles"] for w in words):
            demonym = self._demonym(words[0])
            return demonym or phrase
        return None

    def _demonym(self, word: str) -> str | None:
        if find_countries_with_kind is None:
            return None
        found = find_countries_with_kind(word)
        return found[0][2].name if found and found[0][0] == 0 and found[0][1] == len(word) else None

    def _first_country(self, start: int, end: int, speaker: Speaker) -> str | None:
        if find_countries_with_kind is None:
            return None
        for _s, _e, country, _how in find_countries_with_kind(self.text, start, end):
            if country.name != speaker.name:
                return country.name
        return None


_RELEASE = re.compile(r"^(?P<head>[^\n]*?)\s*[-–—:]?\s*\b(?:PRESS\s+(?:RELEASE|STATEMENT)|STATEMENT|COMMUNIQU[EÉ])\b",
                      re.MULTILINE)
_SMALL = frozenset({"of", "the", "and", "in", "for", "on", "de", "du", "des"})


def _issuer(text: str, country, title: str | None = None) -> Speaker | None:
    """Who issues a press release: the capitalised line that heads it ("INTER SERVICES PUBLIC
    RELATIONS / PRESS RELEASE"), named by the acronym the text uses for it ("ISPR") when
    there is one. A release speaks in its issuer's voice without "said"."""
    head = text[:400]
    m = _RELEASE.search(head)
    if m is None:
        return None
    lines = [ln.strip() for ln in head[:m.start()].splitlines() if ln.strip()]
    name = m.group("head").strip(" -–—:,") or (lines[-1] if lines else "")
    words = re.findall(r"[A-Za-z][\w'’-]*", name)
    if len(words) < 2 or not name.isupper():
        return None
    initials = "".join(w[0] for w in words if w.lower() not in _SMALL).upper()
    if len(initials) >= 3 and re.search(rf"\b{initials}\b", text + " " + (title or "")):
        return Speaker(initials, None, "org", 0)
    # "The United Nations Stabilization Mission in ... (MONUSCO)": the text's own acronym.
    key = {w.lower() for w in words} - _SMALL
    for acr in re.finditer(r"\(([A-Z][A-Za-z]{2,9})\)", text):
        near = {w.lower() for w in re.findall(r"[A-Za-z][\w'’-]*", text[max(0, acr.start() - 150):acr.start()])}
        if len(key & near) >= 0.6 * len(key):
            return Speaker(acr.group(1), None, "org", 0)
    actor = canonical_actor(name.title(), country) if canonical_actor else None
    if actor is not None and ":" in actor.name:
        return Speaker(actor.name.split(":")[0], None, "org", 0)
    titled = " ".join(w if w.lower() not in _SMALL or k == 0 else w.lower()
                      for k, w in enumerate(name.title().split()))
    return Speaker(titled, None, "org", 0)


def annotate(parsed) -> None:
    model = claim_model.default_model()
    # The model learned from news reports; an analyst's note in ACLED's manner keeps the rules.
    if model is None or (is_marked_note is not None and is_marked_note(parsed.text)):
        parsed.claims = find_claims(parsed) if _may_claim(parsed.text) else []
        return
    parsed.claims = learned_claims(parsed, model)


def _may_claim(text: str) -> bool:
    low = text.lower()
    return any(stem in low for stem in _STEMS)


def find_claims(parsed) -> list[Claim]:
    """The claims the cues make (the rules alone)."""
    return _rule_claims(parsed)[0]


def _rule_claims(parsed, doc: "_Doc | None" = None) -> tuple[list[Claim], "_Doc | None"]:
    """The cues' claims, and the _Doc they were resolved against (None where no cue is found
    and none was given)."""
    text = parsed.text
    cues_by_sentence = []
    for index, sentence in enumerate(parsed.sentences):
        low = sentence.text.lower()
        present = {stem for stem in _ALL_STEMS if stem in low}
        if not present or sentence.text.isupper():  # no cue can match; a headline in capitals
            continue
        cues = sorted(((m.start(), kind, m, needs, phrase, other)
                       for (kind, rx, needs, phrase, other), groups in zip(_CUES, _CUE_STEMS)
                       if all(not present.isdisjoint(group) for group in groups)
                       for m in rx.finditer(text, sentence.start, sentence.end)), key=lambda c: c[0])
        if cues:
            cues_by_sentence.append((index, cues))
    if not cues_by_sentence:
        return [], doc
    doc = doc or _Doc(parsed)  # speakers of the whole text, only once a cue is found
    claims: list[Claim] = []
    seen: set[tuple] = set()
    for index, cues in cues_by_sentence:
        sentence, toks = parsed.sentences[index], doc.sentence_tokens[index]
        found: dict[tuple, Claim] = {}
        for _start, kind, cue, needs, phrase, other in cues:
            claim = _claim(doc, sentence, toks, kind, cue, needs, phrase, other)
            if claim is None or (claim.kind, claim.speaker) in found:
                continue  # within a sentence the first cue of a kind wins, per speaker
            found[(claim.kind, claim.speaker)] = claim
        # One speaker's sentence is mostly one claim: a plain statement gives way to any
        # other kind, and the kinds that outrank others ("denied ..., blaming ...") win.
        by_speaker: dict[str, list[Claim]] = {}
        for claim in found.values():
            by_speaker.setdefault(claim.speaker, []).append(claim)
        for claim in found.values():
            ranks = [_PRIORITY[c.kind] for c in by_speaker[claim.speaker]]
            if _PRIORITY[claim.kind] > min(ranks) and claim.kind in _LEX["priority"]["yields"]:
                continue
            key = (claim.kind, claim.speaker, claim.target)
            if key not in seen:
                seen.add(key)
                claims.append(claim)
    claims.sort(key=lambda c: c.span[0])
    return claims, doc


def _claim(doc: _Doc, sentence, toks: list[re.Match], kind: str, cue: re.Match, needs: str | None,
           phrase: bool, other: str | None = None) -> Claim | None:
    text = doc.text
    clause_end = sentence.end
    semi = text.find(";", cue.end(), sentence.end)
    if semi != -1:
        clause_end = semi
    clause_start = max(text.rfind(";", sentence.start, cue.start()) + 1, sentence.start)
    before = text[max(clause_start, cue.start() - 30):cue.start()]
    if kind in ("responsibility", "threat") and not phrase and _COND["negation"].search(before):
        return None
    rest = text[cue.end():clause_end]
    if needs == "attack" and not _COND["attack"].search(sentence.text):
        return None
    if needs == "threat" and not _COND["threat"].search(rest):
        return None
    i = next((k for k, t in enumerate(toks) if t.start() >= cue.start()), len(toks))
    if needs == "said" and not any(_reporting(t.group()) for t in toks[:i]):
        return None
    if not phrase and i and toks[i - 1].group().lower() in _NOT_SPOKEN:
        return None
    if needs in ("speech", "agent", "agent_before"):
        speaker = doc.reported_speaker(toks, cue.start(), cue.end())
    elif phrase or needs in ("attack", "said"):
        speaker = doc.main_speaker(toks)
    else:
        speaker = doc.subject_before(toks, i)
        if speaker in (COORD, FIRST):
            speaker = doc.main_speaker(toks)
    if speaker is None and phrase and doc.issuer is not None and not any(_reporting(t.group()) for t in toks):
        speaker = doc.issuer  # a press release's own words
    if speaker is None:
        return None
    target = doc.target(kind, cue, clause_end, speaker)
    if needs == "agent" or needs == "agent_before":
        window = (cue.start(), min(clause_end, cue.end() + 50)) if needs == "agent" else \
                 (max(clause_start, cue.start() - 80), cue.start())
        agent = doc.agent(window[0], window[1], speaker, needs == "agent_before", cue.end())
        if agent is None:
            if other is None:
                return None
            kind = other
        target = target or agent
    if needs == "target" and target is None:
        return None
    span = (cue.start(), clause_end)
    return Claim(speaker=speaker.name, speaker_role=speaker.role, kind=kind,
                 target=target if kind != "statement" else None,
                 text=text[span[0]:span[1]].strip(), span=span)


# ------------------------------------------------------------ learned claims
#
# The rules' cues find who blamed, denied or threatened; whether a reported sentence counts as
# a claim at all is left to a small logistic regression (sitrep/extract/claim_model.py, fitted
# by scripts/train_claims.py). Its candidates are every (sentence, speaker) the rules can name:
# the subject of each reporting verb, the name after "according to", and the rules' own claims.
# Per speaker and kind, the candidate the model rates highest makes the claim when its
# probability passes that kind's threshold.

_ACTOR_KIND = {}


@dataclass(slots=True)
class Candidate:
    sentence: int
    speaker: Speaker
    cues: list[str]
    rules: list[Claim]
    features: list[str] | None = None


def _speaker_type(speaker: Speaker) -> str:
    """state / group / un / ngo / person / plural / org: what a speaker is, from its name."""
    if speaker.kind in ("person", "plural", "group", "country"):
        return speaker.kind
    low = speaker.name.lower()
    if re.search(r"\b(?:un|united nations|unicef|unhcr|ocha|who|monusco|unama|minusma|unmiss)\b", low):
        return "un"
    if re.search(r"\b(?:watch|amnesty|rights|red cross|icrc|msf|doctors|observatory|acled|committee|council)\b", low):
        return "ngo"
    if re.search(r"\b(?:army|police|ministry|military|government|forces|ispr|office|command|spokesman|department)\b", low):
        return "state"
    return "org"


def candidates(parsed, doc: _Doc, rules: list[Claim]) -> list[Candidate]:
    """Every (sentence, speaker) the rules can name, with the cues that named it."""
    by_key: dict[tuple[int, str], Candidate] = {}
    for index, toks in enumerate(doc.sentence_tokens):
        for i, tok in enumerate(toks):
            w = tok.group()
            if w.lower() == "according" and i + 1 < len(toks) and toks[i + 1].group().lower() == "to":
                found, cue = doc._noun_after(toks, i + 2), "according"
            elif _reporting(w):
                found, cue = doc.subject_at.get(tok.start(), COORD), w
                if found in (COORD, FIRST):
                    found = doc.main_speaker(toks)
                elif found is None:
                    found = doc._noun_after(toks, i + 1)
            else:
                continue
            if not isinstance(found, Speaker):
                continue
            cand = by_key.setdefault((index, found.name), Candidate(index, found, [], []))
            cand.cues.append(cue)
    starts = [s.start for s in parsed.sentences]
    for claim in rules:
        index = max(0, _bisect(starts, claim.span[0]))
        cand = by_key.get((index, claim.speaker))
        if cand is None:
            cand = by_key[(index, claim.speaker)] = Candidate(
                index, Speaker(claim.speaker, claim.speaker_role, "org", claim.span[0]), [], [])
        cand.rules.append(claim)
    out = sorted(by_key.values(), key=lambda c: (c.sentence, c.speaker.start))
    seen: dict[str, int] = {}
    for cand in out:
        seen[cand.speaker.name] = seen.get(cand.speaker.name, 0) + 1
    order: dict[str, int] = {}
    cache: dict[int, tuple] = {}
    for cand in out:
        order[cand.speaker.name] = order.get(cand.speaker.name, 0) + 1
        cand.features = _features(parsed, doc, cand, order[cand.speaker.name], seen[cand.speaker.name], cache)
    return out


def _bisect(starts: list[int], at: int) -> int:
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= at:
            lo = mid + 1
        else:
            hi = mid
    return lo - 1


_WORD = re.compile(r"[a-z][a-z'’-]*")


def _features(parsed, doc: _Doc, cand: Candidate, nth: int, count: int, cache: dict) -> list[str]:
    sentence = parsed.sentences[cand.sentence]
    own = set(norm_words(cand.speaker.name))
    known = cache.get(cand.sentence)
    if known is None:
        words = _WORD.findall(sentence.text.lower())
        known = cache[cand.sentence] = (words, {"w:" + w for w in words} | {f"b:{a}_{b}" for a, b in zip(words, words[1:])})
    words, grams = known
    if own & set(words):
        words = [w for w in words if w not in own]
        feats = {"w:" + w for w in words} | {f"b:{a}_{b}" for a, b in zip(words, words[1:])}
    else:
        feats = set(grams)
    feats.add("bias")
    feats.update("cue:" + c.lower() for c in cand.cues)
    if not cand.cues:
        feats.add("cue:none")
    feats.update("rule:" + c.kind for c in cand.rules)
    if not cand.rules:
        feats.add("rule:none")
    sp = _speaker_type(cand.speaker)
    feats.add("sp:" + sp)
    if cand.speaker.role:
        feats.add("sp:role")
    feats.add("pos:%d" % min(cand.sentence, 6))
    feats.add("nth:%d" % min(nth, 3))
    feats.add("count:%d" % min(count, 4))
    if any(q in sentence.text for q in '"“”'):
        feats.add("quote")
    if any(sentence.start <= s < sentence.end and not own & set(norm_words(name)) for s, e, name in doc.agents):
        feats.add("agent")
    if any(sentence.start <= s < sentence.end and name != cand.speaker.name for s, e, name in doc.countries):
        feats.add("country")
    feats.update(f"x:{sp}_{c.kind}" for c in cand.rules)
    return list(feats)


@dataclass(slots=True)
class Group:
    """One speaker's candidates in a text, and their features pooled."""
    name: str
    cands: list[Candidate]
    features: list[str]


def groups(cands: list[Candidate]) -> list[Group]:
    by_name: dict[str, list[Candidate]] = {}
    for cand in cands:
        by_name.setdefault(cand.speaker.name, []).append(cand)
    out = []
    for name, group in by_name.items():
        feats = {f for cand in group for f in cand.features if not f.startswith(("nth:", "pos:"))}
        feats.add("first:%d" % min(group[0].sentence, 6))
        feats.add("n:%d" % min(len(group), 4))
        out.append(Group(name, group, list(feats)))
    return out


def learned_claims(parsed, model) -> list[Claim]:
    """The claims the model keeps among the candidates (see above)."""
    rules, doc = _rule_claims(parsed) if _may_claim(parsed.text) else ([], None)
    if doc is None:
        if not any(_reporting(w) or w == "according" for w in re.findall(r"[a-z]+", parsed.text)):
            return rules
        doc = _Doc(parsed)
    found = groups(candidates(parsed, doc, rules))
    return decide(parsed, found, [model.probabilities(g.features) for g in found], model.labels, model.thresholds,
                  doc)


def decide(parsed, found: list[Group], probs, labels: list[str], thresholds: dict[str, float],
           doc: _Doc | None = None) -> list[Claim]:
    """Per speaker, a claim of each kind whose probability passes its threshold: the rules'
    claims of that kind where they made any, else one made of the speaker's first sentence."""
    out = []
    for group, p in zip(found, probs):
        for k, kind in enumerate(labels):
            same = [c for cand in group.cands for c in cand.rules if c.kind == kind]
            if same:
                if p[k] >= thresholds.get("keep:" + kind, 0.0):
                    out.extend(same)
                continue
            if p[k] < thresholds.get(kind, 1.0):
                continue
            cand = group.cands[0]
            sentence = parsed.sentences[cand.sentence]
            target = None
            if kind == "accusation" and doc is not None:  # the side the sentence names, not the speaker's own
                target = doc.agent(sentence.start, sentence.end, cand.speaker, name_from=sentence.end)
            out.append(Claim(speaker=group.name, speaker_role=cand.speaker.role, kind=kind, target=target,
                             text=sentence.text.strip(), span=(sentence.start, sentence.end)))
    out.sort(key=lambda c: c.span[0])
    return out
