"""Stage 'types': ACLED event and sub-event types, GTD attack and weapon types, and
which actor did what to whom, for each event the events stage built.

Rules over cue lexicons (sitrep/data/types.toml) read the text of an event's evidence
sentences, in ACLED's order of precedence: a protest that turns violent is a riot; an
explosive weapon makes remote violence; fighting between armed sides is a battle; an
attack on people who do not fight back is violence against civilians; arrests, looting
and agreements are strategic developments.
"""
from __future__ import annotations

import re
from bisect import bisect_left

import numpy as np

from sitrep.extract.actors import ActorMention, find_actors, main_country
from sitrep.extract.events import is_marked_note, is_note
from sitrep.extract.ngrams import NgramModel
from sitrep.extract.trees import BoostedTrees, softmax
from sitrep.geo.countries import Country, country_by_name
from sitrep.lexicon import data_path, load_lexicon, read_json_gz
from sitrep.model import Actor

# ACLED's codebook: every sub-event type belongs to exactly one event type.
SUB_EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}
EVENT_TYPE_OF = {sub: event for event, subs in SUB_EVENT_TYPES.items() for sub in subs}

def _any_of(patterns: list[str]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(patterns) + r")(?!\w)")


_CUES = {name: _any_of(patterns) for name, patterns in load_lexicon("types")["cues"].items()}
_CLAIMED = _any_of(load_lexicon("types")["attribution"]["cues"])
_NOT_CLAIMED = _any_of(load_lexicon("types")["attribution"]["negations"])
_SENTENCE_ENDS = ".!?\n"
_VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")
_GROUP_KINDS = ("rebel_group", "political_militia", "identity_militia")
# A verb of violence or its like, where the doer's side ends and the target's begins.
_ACTION = re.compile(r"\b(?:" + "|".join(
    load_lexicon("types")["cues"]["violence"] + load_lexicon("types")["cues"]["abduction"]
    + load_lexicon("types")["cues"]["arrest"] + ["clash(?:ed|es)?", "ambush(?:ed)?", "fought", "targeted",
                                                  "struck", "hit", "bombed", "shelled", "stormed", "overran", "threw", "hurled",
                                                  "lobbed", "planted", "detonated", "launched", "blew up", "exchanged"]) + r")(?!\w)")
_BY = re.compile(r"\s+(?:\w+\s+){0,3}?by\b")
_SPEECH = re.compile(r"\b(?:said|says|say|told|stated|added|reported|according to|announced|claimed|alleged)\b(?:\s+that)?")
_SUBORDINATE = re.compile(r"\b(?:when|after|as|while|before|because|since|until|where|whereas)\b|;")
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|got|get)\s+(?:\w+\s+)?$")
_STATE = ("state_forces", "external_forces")
_NON_STATE = ("rebel_group", "political_militia", "identity_militia", "unknown")
_ARMED = ("state_forces", "external_forces", "rebel_group", "political_militia", "identity_militia", "unknown")


def _sub(sub: str) -> tuple[str, str]:
    return EVENT_TYPE_OF[sub], sub


def _has(name: str, text: str) -> bool:
    return _CUES[name].search(text) is not None


class Cues:
    """Which cue lists match a lower-cased text; each list is searched once, when first asked."""

    __slots__ = ("low", "verb", "_seen")

    def __init__(self, low: str) -> None:
        self.low = low
        self.verb = _ACTION.search(low)  # the first action verb, or None
        self._seen: dict[str, bool] = {}

    def __call__(self, name: str) -> bool:
        hit = self._seen.get(name)
        if hit is None:
            low = self.low
            if name in _WEAPON_WORDS and self("weapons_disrupted"):
                # "explosives and grenades were recovered": weapons seized, not used.
                low = _CUES["weapons_disrupted"].sub(lambda m: " " * len(m.group()), low)
            hit = self._seen[name] = _CUES[name].search(low) is not None
        return hit


# Cues of weapons used, which do not count where the words name weapons seized or defused.
_WEAPON_WORDS = frozenset({"ied", "grenade", "shelling", "air", "suicide", "strike"})


def event_type(has: Cues, agent: Actor | None, target: Actor | None) -> tuple[str, str]:
    """ACLED (event type, sub-event type) from the text's cues and the two sides."""
    low, verb = has.low, has.verb
    tail = low[verb.start():] if verb else low
    if verb and _PASSIVE.search(low, 0, verb.start()) and not _BY.match(low, verb.end()):
        # "Three tourists were shot dead when gunmen opened fire": the victims come before the verb.
        tail = low[:verb.start()] + " " + tail
    protest = has("protest") or has("size_tag")
    if protest and not (has("suicide") or has("air")):
        # Violent protesters make a riot, whatever the police did (ACLED).
        if has("crowd_violence") or has("mob"):
            return _sub("Violent demonstration")
        if has("excessive_force"):
            return _sub("Excessive force against protesters")
        if has("intervention"):
            return _sub("Protest with intervention")
        return _sub("Peaceful protest")
    if has("arrest") and has("suspect_clause") and not (agent and agent.kind in _GROUP_KINDS) \
            and _only_suspected_harm(has):
        # "The four men suspected of the shooting were detained": the crime describes the men.
        return _sub("Arrests")
    unarmed_doer = not (agent and agent.kind in ("rebel_group", "state_forces", "external_forces", "identity_militia"))
    if has("mob") and unarmed_doer:
        return _sub("Mob violence")
    if has("riot_word") and unarmed_doer and not has("ied"):
        return _sub("Mob violence" if has("mob") else "Violent demonstration")
    if has("suicide"):
        return _sub("Suicide bomb")
    # The doer's words, unless the verb is passive ("people were killed"): then they are victims.
    head = low[:verb.start()] if verb and not _PASSIVE.search(low, 0, verb.start()) else ""
    if has("clash_strong") and not has("explosions_alone"):
        return _sub("Mob violence" if _is_mob(has, head, agent, target) else "Armed clash")
    if has("weapons_disrupted") and not has("violence"):
        return _sub("Disrupted weapons use")
    if has("air"):
        return _sub("Air/drone strike")
    explosive = "Grenade" if has("grenade") else "Shelling/artillery/missile attack" if has("shelling") \
        else "Remote explosive/landmine/IED" if has("ied") else None
    if explosive and not (has("ground_assault") and (has("violence") or has("clash"))):
        return _sub(explosive)
    if has("strike"):
        return _sub("Air/drone strike")  # "an Israeli strike hit the convoy": a strike from afar, weapon unsaid
    if has("abduction"):
        return _sub("Abduction/forced disappearance")
    if has("arrest") and not has("harm") and (agent is None or agent.kind in _STATE):
        return _sub("Arrests")
    if has("territory_regained"):
        return _sub("Government regains territory")
    if has("territory_taken"):
        return _sub("Non-state actor overtakes territory")
    violent = has("violence")
    if violent or has("clash"):
        if _is_mob(has, head, agent, target):
            return _sub("Mob violence")
        if _is_battle(has, tail, agent, target):
            return _sub("Armed clash")
        if has("crowd_violence") and not (agent and agent.kind in _ARMED):
            return _sub("Mob violence")
        if violent:
            return _sub("Attack")
    if explosive:
        return _sub(explosive)
    if has("arrest"):
        return _sub("Arrests")
    if has("looting"):
        return _sub("Looting/property destruction")
    if has("agreement"):
        return _sub("Agreement")
    if has("headquarters"):
        return _sub("Headquarters or base established")
    if has("change_activity"):
        return _sub("Change to group/activity")
    if has("crowd_violence"):
        return _sub("Violent demonstration" if has("demand") else "Mob violence")
    if has("demand"):
        return _sub("Peaceful protest")
    return _sub("Other")


_SUSPECTED_HARM = ("harm", "violence", "clash", "suicide", "air", "grenade", "shelling", "ied", "strike", "abduction")


def _only_suspected_harm(has: Cues) -> bool:
    """No harm, fighting or weapon named outside the clauses that say what the arrested are
    suspected of ("suspected of carrying out the shooting", "accused of the bombing")."""
    rest = Cues(_CUES["suspect_clause"].sub(lambda m: " " * len(m.group()), has.low))
    return not any(rest(name) for name in _SUSPECTED_HARM)


# Armed criminal groups, political militias in ACLED's terms, fight as armed groups, not as a mob.
_CRIMINAL = re.compile(r"\b(?:Gang|Cartel|Mafia)\b")


def _is_mob(has: Cues, head: str, agent: Actor | None, target: Actor | None) -> bool:
    """Violence by party supporters, villagers or a crowd rather than by an armed group.
    `head` is the text before the action verb, where the doer is named."""
    if agent and agent.kind in ("rebel_group", "state_forces", "external_forces", "identity_militia"):
        return False
    if target and target.kind == "rebel_group":
        return False
    if has("mob"):
        return True
    if agent and agent.kind == "unknown":
        return False
    if agent and agent.kind in ("rioters", "protesters"):
        return True
    if agent and agent.kind == "political_militia" and has("clash") and not _CRIMINAL.search(agent.name):
        return True
    return _has("unarmed_group", head)


def _is_battle(has: Cues, tail: str, agent: Actor | None, target: Actor | None) -> bool:
    """Two armed sides fighting, rather than armed men attacking people who do not fight back.
    `tail` is the text from the action verb on, where the target is named."""
    if agent and target and agent.kind in _ARMED and target.kind in _ARMED and agent.name != target.name:
        return not (agent.kind == "unknown" and target.kind == "unknown")
    if target and target.kind in _ARMED and target.kind != "unknown":
        return True  # an attack on soldiers, police or a named armed group
    if target and target.kind == "civilians":
        return has("clash") and not _has("civilian_targets", tail)
    if _has("armed_targets", tail) and not _has("civilian_targets", tail):
        return True
    return has("clash") and not _has("civilian_targets", tail)


def attack_type(has: Cues, sub: str, agent: Actor | None) -> str | None:
    """GTD attack type; none for protests, riots and non-violent events. State forces' strikes and
    assaults have one too (news coders give air strikes 'Bombing/Explosion' whoever flies them)."""
    event = EVENT_TYPE_OF[sub]
    if event in ("Protests", "Riots"):
        return None
    if event == "Strategic developments":
        return "Facility/Infrastructure Attack" if sub == "Looting/property destruction" and has("facility") else None
    if has("hijacking"):
        return "Hijacking"
    if sub == "Abduction/forced disappearance":
        return "Hostage Taking (Barricade Incident)" if has("barricade") and not has("abduction") \
            else "Hostage Taking (Kidnapping)"
    if event == "Explosions/Remote violence":
        if sub in ("Air/drone strike", "Shelling/artillery/missile attack") and has("infrastructure") \
                and not has("harm"):
            return "Facility/Infrastructure Attack"  # drones or rockets on an airport, a depot: no one hurt
        return "Bombing/Explosion"
    if has("assassination"):
        return "Assassination"
    if has("facility") and not has("violence"):
        return "Facility/Infrastructure Attack"
    if has("firearms") or event == "Battles":
        return "Armed Assault"
    if has("melee"):
        return "Unarmed Assault" if not has("melee_weapon") else "Armed Assault"
    return "Armed Assault" if has("violence") else None


def weapon(has: Cues, sub: str) -> str | None:
    """GTD weapon type."""
    event = EVENT_TYPE_OF[sub]
    if event in ("Protests",) or sub in ("Arrests", "Agreement", "Other", "Change to group/activity",
                                         "Headquarters or base established", "Non-violent transfer of territory"):
        return None
    if event == "Explosions/Remote violence" or sub == "Disrupted weapons use":
        return "Explosives"
    if has("firearms"):
        return "Firearms"
    if has("vehicle"):
        return "Vehicle (not to include vehicle-borne explosives, i.e., car or truck bombs)"
    if has("incendiary"):
        return "Incendiary"
    if has("melee"):
        return "Melee"
    return "Unknown"


def sides(text: str, mentions: list[ActorMention], has: Cues | None = None) -> tuple[Actor | None, Actor | None]:
    """(who acted, whom it was aimed at) by word order around the first action verb:
    "militants attacked police" and "police were attacked by militants" give the same sides."""
    has = has or Cues(text.lower())
    low, verb = has.low, has.verb
    # Who says it is not a side: "..., police said", "according to the army", "ISPR officials told".
    mentions = [m for m in mentions if not _is_source(low, m, verb.end() if verb else len(low))]
    if not mentions:
        return None, None
    if verb is None:
        first = _prefer_armed(mentions)
        rest = [m for m in mentions if m.actor.name != first.actor.name]
        return first.actor, rest[0].actor if rest else None
    before = [m for m in mentions if m.end <= verb.start()]
    after = [m for m in mentions if m.start >= verb.end()]
    by = _BY.match(low, verb.end())
    if by or _PASSIVE.search(low, 0, verb.start()):
        target = _victim(before[-1].actor, has) if before else None
        # "killed by X"; without "by" ("killed in clashes with X") the first other armed side after the verb.
        doers = [m for m in after if m.start >= by.end()] if by else [
            m for m in after if m.actor.kind != "civilians" and (target is None or m.actor.name != target.name)]
        agent = doers[0].actor if doers else None
    else:
        # The doer is the clause's subject: the first armed side after any "X said".
        speech = None
        for speech in _SPEECH.finditer(low, 0, verb.start()):
            pass
        clause = [m for m in before if speech is None or m.start >= speech.end()]
        armed = [m for m in clause if m.actor.kind != "civilians"]
        # The verb's own clause: "seven soldiers were killed after militants attacked a camp".
        joint = None
        for joint in _SUBORDINATE.finditer(low, 0, verb.start()):
            pass
        own = [m for m in armed if joint is not None and m.start >= joint.end() and verb.start() - m.end <= 12]
        armed = own or armed
        agent = armed[0].actor if armed else (_prefer_armed(before).actor if before else None)
        targets = [m for m in after if agent is None or m.actor.name != agent.name]
        target = _victim(targets[0].actor, has) if targets else None
        if agent is None and target is not None and target.kind != "civilians":
            # "Clashes between X and Y", "attack on X": the first named side acts.
            others = [m for m in after if m.actor.name != target.name]
            agent, target = target, (others[0].actor if others else None)
    return agent, target


_SOURCE_AFTER = re.compile(r"\s*(?:(?:'s|’s)\s+)?(?:[\w-]+\s+){0,2}?(?:said|says|told|stated|reported|confirmed|added|"
                           r"spokes(?:man|woman|person)|officials?|sources?|statements?|communiqu[eé]s?)\b")
_SOURCE_BEFORE = re.compile(r"(?:according to|quoted|quoting|citing|told|cited by)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+)?$")


def _is_source(low: str, m: ActorMention, after_verb: int) -> bool:
    """Whether the mention names who gives the news rather than a side: the subject of a speech verb
    after the clause of the action ("..., police said"), or the one a report is "according to"."""
    if _SOURCE_BEFORE.search(low, max(0, m.start - 40), m.start):
        return True
    if m.start < after_verb:
        return False
    after = _SOURCE_AFTER.match(low, m.end)
    if after is None:
        return False
    # The speaker closes the sentence after a comma: "..., the army said." ("The army said its
    # drones bombed ..." names the doer as it speaks.)
    before = low[max(0, m.start - 12):m.start].rstrip()
    return before.endswith((",", ", the", " and", " and the"))


def _victim(target: Actor, has: Cues) -> Actor:
    """Soldiers or police attacked off duty, at home or retired are civilians (ACLED's codebook)."""
    return _OFF_DUTY if target.kind in _STATE and has("off_duty") else target


_OFF_DUTY = Actor(name="Civilians", kind="civilians")


def _first_of(mentions: list[ActorMention], kinds: tuple[str, ...], default: Actor | None = None) -> Actor | None:
    """The first actor named whose kind is one of `kinds`, else `default`."""
    return next((m.actor for m in mentions if m.actor.kind in kinds), default)


def _prefer_armed(mentions: list[ActorMention]) -> ActorMention:
    armed = [m for m in mentions if m.actor.kind != "civilians"]
    return (armed or mentions)[-1] if armed else mentions[0]


def _unidentified(actor: Actor | None) -> bool:
    return actor is None or actor.name.startswith("Unidentified Armed Group")


def attributed_group(text: str, mentions: list[ActorMention]) -> Actor | None:
    """The named group a sentence of `text` says was behind the attack ("the BLA claimed
    responsibility", "the army blamed the RSF"), or None; "no group claimed it" names none."""
    low = text.lower()
    cue = _CLAIMED.search(low)
    while cue:
        # The sentence around the cue; its end lies past the cue, so the search moves on.
        start = max(low.rfind(c, 0, cue.start()) for c in _SENTENCE_ENDS) + 1
        stop = min((i for i in (low.find(c, cue.end()) for c in _SENTENCE_ENDS) if i >= 0), default=len(low))
        if not _NOT_CLAIMED.search(low, start, stop):
            groups = [m for m in mentions if start <= m.start and m.end <= stop
                      and m.actor.kind in _GROUP_KINDS]
            if groups:
                return min(groups, key=lambda m: abs(m.start - cue.start())).actor
        cue = _CLAIMED.search(low, max(stop, cue.end()))
    return None


def _generic(template: str, country: Country | None, kind: str) -> Actor:
    return Actor(name=f"{template} ({country.name})" if country else template, kind=kind)


def classify(text: str, country: str | Country | None = None,
             mentions: list[ActorMention] | None = None, use_model: bool = True, crowd: bool = True) -> dict:
    """Types and sides of the event that `text` (its evidence sentences) states.

    `mentions` are the actor mentions inside `text` (offsets into `text`) if already found;
    without `crowd`, words of protest and riot do not count (a report that is not about a crowd).
    """
    out = {"event_type": None, "sub_event_type": None, "attack_type": None, "weapon": None,
           "actor1": None, "actor2": None}
    if not text or not text.strip():
        return out
    where = country if isinstance(country, Country) or country is None else country_by_name(country)
    if where is None:
        where = main_country(text)
    if mentions is None:
        mentions = find_actors(text, where)
    has = Cues(text.lower())
    if not crowd:
        has._seen.update(dict.fromkeys(_CROWD_CUES + ("crowd_violence", "excessive_force", "intervention"), False))
    agent, target = sides(text, mentions, has)
    event, sub = combine(has, agent, target, use_model, marked=is_marked_note(text))
    actor1, actor2 = _roles(sub, has, agent, target, mentions, where)
    if sub in _NON_STATE_WEAPONS and actor1 is not None and actor1.kind in _STATE:
        # Roadside bombs and suicide bombs are armed groups' weapons: the state forces the
        # rules found as the doer were their target.
        doer = _first_of(mentions, _NON_STATE)
        actor1, actor2 = doer or _generic("Unidentified Armed Group", where, "unknown"), actor1
    if event in _VIOLENT and _unidentified(actor1):
        actor1 = attributed_group(text, mentions) or actor1
    out.update(event_type=event, sub_event_type=sub, attack_type=attack_type(has, sub, actor1),
               weapon=weapon(has, sub), actor1=actor1, actor2=actor2, cues=has)
    return out


_NON_STATE_WEAPONS = frozenset({"Remote explosive/landmine/IED", "Suicide bomb"})
# Sub-types done by states as a rule: an attributed group does not replace the state's forces.
_STATE_WEAPONS = frozenset({"Arrests", "Excessive force against protesters"})


def rule_analysis(text: str, country: str | Country | None = None) -> tuple[Cues, Actor | None, Actor | None]:
    """The rules' reading of `text`: its cues and the two sides (for training the model)."""
    where = country if isinstance(country, Country) or country is None else country_by_name(country)
    if where is None:
        where = main_country(text)
    has = Cues(text.lower())
    agent, target = sides(text, find_actors(text, where), has)
    return has, agent, target


# ------------------------------------------------------------------ the trained model

_TOKEN = re.compile(r"[a-z]+|\d+")


# Longer words also count by their first letters ("P:attac" for attack, attacked, attackers,
# and ACLED's misspellings "attakced" aside): on ACLED train 5-fold CV, model alone, event type
# 0.915 -> 0.922 with these and the sides' pair below; 4 or 6 letters and character n-grams did worse.
PREFIX = 5


def features(has: Cues, agent: Actor | None, target: Actor | None, rule_sub: str) -> list[str]:
    """The model's features: words and word pairs of the text (digits as '0'), the first PREFIX
    letters of longer words, the rules' sub-event type, and the kinds of the two sides the rules
    found, alone and as a pair (who did it to whom: soldiers against rebels is a battle, against
    civilians is not)."""
    words = ["0" if w[0].isdigit() else w for w in _TOKEN.findall(has.low)]
    out = words + [a + " " + b for a, b in zip(words, words[1:])]
    out += ["P:" + w[:PREFIX] for w in words if len(w) > PREFIX]
    a1, a2 = agent.kind if agent else "none", target.kind if target else "none"
    out.append("R:" + rule_sub)
    out.append("A1:" + a1)
    out.append("A2:" + a2)
    out.append("AA:" + a1 + "|" + a2)
    return out


class TypeModel:
    """A linear model over `features`: for each feature kept, its weight for each sub-event
    type it bears on (sitrep/data/types_model.json.gz); boosted trees over the same features
    (sitrep/data/types_trees.json.gz) and a logistic regression over the text's character
    n-grams (sitrep/data/types_ngrams.json.gz) that give the event type. All three are written
    by scripts/train_types.py. The trees see combinations a sum of weights cannot ("killed" and
    militiamen among the dead is a battle), the n-grams what words and rules miss (misspellings,
    word parts); the linear model picks the sub-event type."""

    def __init__(self, data: dict, trees: BoostedTrees | None = None, ngrams: NgramModel | None = None) -> None:
        self.trees = trees
        self.ngrams = ngrams
        self.version = data["version"]
        self.labels: list[str] = data["labels"]
        self.bias: list[float] = data["bias"]
        self.types = [EVENT_TYPE_OF[sub] for sub in self.labels]
        self.members = {event: [k for k, t in enumerate(self.types) if t == event] for event in SUB_EVENT_TYPES
                        if event in self.types}
        # One row of weights per feature kept, a column per sub-event type: a report's scores
        # are the bias plus the sum of its features' rows (numpy keeps this at a few µs).
        self.row: dict[str, int] = {f: i for i, f in enumerate(data["weights"])}
        self.matrix = np.zeros((len(self.row), len(self.labels)), dtype=np.float32)
        for i, (ks, ws) in enumerate(data["weights"].values()):
            self.matrix[i, ks] = ws
        self._bias = np.asarray(self.bias, dtype=np.float64)

    @classmethod
    def load(cls, path=None, trees_path=None, ngrams_path=None) -> "TypeModel":
        """The linear model, and the trees and the n-gram model where their files are there."""
        data = read_json_gz(path or data_path(MODEL_FILE))
        trees = _load_if_there(BoostedTrees, trees_path or data_path(TREES_FILE))
        ngrams = _load_if_there(NgramModel, ngrams_path or data_path(NGRAMS_FILE))
        return cls(data, trees, ngrams)

    def scores(self, feats: list[str]) -> list[float]:
        rows = [i for i in map(self.row.get, set(feats)) if i is not None]
        return (self._bias + self.matrix[rows].sum(axis=0, dtype=np.float64)).tolist()

    def probabilities(self, feats: list[str]) -> list[float]:
        """P(sub-type) in the order of `labels`."""
        return softmax(self.scores(feats))

    def type_probabilities(self, feats: list[str], marked: bool = True, text: str | None = None) -> dict[str, float]:
        """P(event type): the linear model's sub-types summed, averaged with the trees' (their
        share smaller unless the text is `marked` as ACLED's notes are) and the n-gram model's
        (given the lower-cased `text`)."""
        return self._mix(self.probabilities(feats), feats, marked, text, decided_early=False)

    def predict(self, feats: list[str], marked: bool = True, text: str | None = None) -> tuple[str, str]:
        """(event type, sub-event type): the likeliest event type of `type_probabilities`, then
        its likeliest sub-type by the linear model. The trees are not evaluated when their
        share cannot change the winner."""
        probs = self.probabilities(feats)
        by_type = self._mix(probs, feats, marked, text, decided_early=True)
        event = max(by_type, key=by_type.__getitem__)
        k = max(self.members[event], key=probs.__getitem__)
        return event, self.labels[k]

    def _mix(self, probs: list[float], feats: list[str], marked: bool, text: str | None,
             decided_early: bool) -> dict[str, float]:
        """`type_probabilities`, without the trees' share if `decided_early` and it cannot change the winner."""
        with_ngrams = text is not None and self.ngrams is not None
        ngrams_share = NGRAMS_WEIGHT if with_ngrams else 0.0
        trees_share = 0.0 if self.trees is None else \
            (1 - ngrams_share) * (TREES_WEIGHT if marked else TREES_WEIGHT_PLAIN)
        linear_share = 1 - ngrams_share - trees_share
        by_type = dict.fromkeys(self.members, 0.0)
        for event, p in zip(self.types, probs):
            by_type[event] += linear_share * p
        if with_ngrams:
            _add_share(by_type, self.ngrams.labels, self.ngrams.probabilities(text), ngrams_share)
        if trees_share:
            ranked = sorted(by_type.values(), reverse=True)
            # The trees move two types' difference by their share at most.
            if not (decided_early and len(ranked) > 1 and ranked[0] - ranked[1] > trees_share):
                _add_share(by_type, self.trees.labels, self.trees.probabilities(feats), trees_share)
        return by_type


def _add_share(by_type: dict[str, float], labels: list[str], member_probs: list[float], share: float) -> None:
    for event, p in zip(labels, member_probs):
        if event in by_type:
            by_type[event] += share * p


def _load_if_there(model_class, path):
    try:
        return model_class.load(path)
    except FileNotFoundError:
        return None


MODEL_FILE = "types_model.json.gz"
TREES_FILE = "types_trees.json.gz"
NGRAMS_FILE = "types_ngrams.json.gz"
# The trees' share of an event type's probability: on ACLED train (5-fold CV, notes alone, the
# trees reading every note) the linear model is right for 0.922, the trees 0.930, the two
# averaged 0.930, about the same from 0.5 to 0.8.
TREES_WEIGHT = 0.6
# Their share on other short texts (undated older notes, a user's sentence), where they learnt
# ACLED's older coding ("Police arrested five workers." is violence against civilians for them,
# 0.93): with the n-grams, 5-fold CV 0.9295 at 0, 0.9319 at 0.3, 0.9329 at 0.6; of 30 plain
# sentences written by hand, 2 are typed wrong at 0 and 0.3, 3 at 0.4, 5 at 0.5 and 0.6.
TREES_WEIGHT_PLAIN = 0.3
# The n-gram model's share of the result of the above: on ACLED train (5-fold CV, out of fold)
# event type 0.9267 -> 0.9295 (0.2: 0.9280, 0.3: 0.9290, 0.5: 0.9290).
NGRAMS_WEIGHT = 0.4
# The longest report the model reads: ACLED's notes, its training data, are all shorter
# (99% under 550 characters, the longest 953); news articles are longer.
MODEL_MAX_CHARS = 1000
_MODEL: TypeModel | None = None


def model() -> TypeModel | None:
    """The trained model, loaded once; None when its file is missing."""
    global _MODEL
    if _MODEL is None:
        try:
            _MODEL = TypeModel.load()
        except FileNotFoundError:
            return None
    return _MODEL


def combine(has: Cues, agent: Actor | None, target: Actor | None, use_model: bool = True,
            marked: bool = True) -> tuple[str, str]:
    """The rules' types, then the model's unless the rules are certain (`marked`: a note in
    ACLED's manner, where the trees have their full say)."""
    event, sub = event_type(has, agent, target)
    m = model() if use_model else None
    if m is None or sub in _RULES_CERTAIN and has(_RULES_CERTAIN[sub]):
        return event, sub
    m_event, m_sub = m.predict(features(has, agent, target, sub), marked, has.low)
    if m_event in ("Protests", "Riots") and any(has(c) for c in _REMOTE_CUES) and not any(has(c) for c in _CROWD_CUES) \
            and not has("crude_bomb"):
        # Missiles or bombs and no crowd: not a protest or a riot, whatever the words lean to; but
        # cocktail bombs thrown at a rival's house are often a riot (the model has learnt when).
        return event, sub
    if m_event == "Violence against civilians" and has("armed_response"):
        # On ACLED train's out-of-fold predictions this turned 2 attacks into the battles ACLED coded
        # and no true attack; broader cues ("police intervened", "retaliated") broke more than they fixed.
        return _sub("Armed clash")
    return m_event, m_sub


# Sub-types the rules give from a cue that settles them: the model does not overrule these.
# Words without which there is no protest or riot to speak of, and words of remote violence.
_CROWD_CUES = ("protest", "crowd_violence", "mob", "riot_word", "demand", "size_tag")
_REMOTE_CUES = ("shelling", "air", "ied", "suicide", "grenade", "strike")
# Territory taken or retaken is named outright; ACLED train has 3 such notes, too few for the model to learn
# it ("seized control of the district headquarters" came out as seized weapons).
_RULES_CERTAIN = {"Suicide bomb": "suicide", "Excessive force against protesters": "excessive_force",
                  "Non-state actor overtakes territory": "territory_taken",
                  "Government regains territory": "territory_regained"}


def _roles(sub: str, has: Cues, agent: Actor | None, target: Actor | None,
           mentions: list[ActorMention], where: Country | None) -> tuple[Actor | None, Actor | None]:
    event = EVENT_TYPE_OF[sub]
    state = _first_of(mentions, _STATE)
    if event == "Protests":
        # A protest met by force or intervention: the police unless another state force is named.
        actor2 = (state or _generic_force("Police Forces", where)) if sub != "Peaceful protest" else None
        return _generic("Protesters", where, "protesters"), actor2
    if event == "Riots":
        # Rioters fight the police (a violent demonstration); a mob's victims are civilians.
        actor2 = state
        if actor2 is None:
            actor2 = _generic("Civilians", where, "civilians") if sub == "Mob violence" \
                else _generic_force("Police Forces", where)
        return _generic("Rioters", where, "rioters"), actor2
    if sub in _TERRITORY:
        # Who took ground from whom is in the sub-type: a non-state group from the state, or back.
        state = state or _generic_force("Military Forces", where)
        group = _first_of(mentions, _NON_STATE) or _generic("Unidentified Armed Group", where, "unknown")
        return (group, state) if sub == "Non-state actor overtakes territory" else (state, group)
    if agent is not None and agent.kind == "civilians" and event != "Strategic developments":
        agent = None  # "two men on a motorcycle threw a grenade": unidentified, not civilians
    if sub == "Abduction/forced disappearance" and (agent is None or agent.kind in _STATE):
        # Kidnappers rather than the police who look for them, unless the state took them.
        agent = _first_of(mentions, _NON_STATE, agent if has("state_took") else None)
    if event == "Violence against civilians":
        actor1 = agent if agent and agent.kind != "civilians" else _generic("Unidentified Armed Group", where, "unknown")
        return actor1, _generic("Civilians", where, "civilians")
    if sub == "Arrests":
        # Those arrested are civilians unless the text names their group.
        if target is None or target.kind == "unknown":
            target = _generic("Civilians", where, "civilians")
        return agent if agent and agent.kind in _STATE else (state or agent), target
    if event in ("Battles", "Explosions/Remote violence") and agent is None:
        if sub in ("Air/drone strike", "Shelling/artillery/missile attack"):
            return None, target or _other_side(mentions, None)
        agent = _generic("Unidentified Armed Group", where, "unknown")
    if sub == "Looting/property destruction" and agent is None:
        agent = _generic("Unidentified Armed Group", where, "unknown")
    if target is None and event in ("Battles", "Explosions/Remote violence"):
        # "X and Y clashed", "a bomb planted by X killed a soldier": the other side named.
        target = _other_side(mentions, agent)
    if target is None and event == "Battles":
        # A battle has two sides: unnamed ones are the state's forces against an unidentified group.
        target = _generic("Unidentified Armed Group", where, "unknown") if agent and agent.kind in _STATE \
            else _generic_force("Military Forces", where)
    if target is None and (event == "Explosions/Remote violence" and sub != "Disrupted weapons use"
                           and (has("civilian_targets") or sub in _CIVILIAN_DEFAULT)
                           or sub in _CIVILIAN_DEFAULT):
        # ACLED's usual victims of a bomb, a grenade, looting or property destruction.
        target = _generic("Civilians", where, "civilians")
    return agent, target


_TERRITORY = frozenset({"Non-state actor overtakes territory", "Government regains territory"})
# Sub-types whose target, when the text names none, is civilians (ACLED's usual coding).
_CIVILIAN_DEFAULT = frozenset({"Remote explosive/landmine/IED", "Grenade", "Looting/property destruction", "Other"})


def _generic_force(template: str, where: Country | None) -> Actor:
    """`Police Forces of <country>` / `Military Forces of <country>` (bare without a country)."""
    return Actor(name=f"{template} of {where.name}" if where else template, kind="state_forces")


def _other_side(mentions: list[ActorMention], agent: Actor | None) -> Actor | None:
    """The first armed side named other than `agent` (anywhere in the text), or None."""
    for m in mentions:
        if m.actor.kind in _ARMED and (agent is None or m.actor.name != agent.name):
            return m.actor
    return None


def annotate(parsed) -> None:
    events = parsed.events
    if not events:
        return
    country = parsed.main_country
    all_mentions: list[ActorMention] = parsed.actors
    behind = attributed_group(parsed.text, all_mentions)  # "the BLA claimed responsibility"
    # A news report that names one armed group, and not as a guess or its past: its attackers.
    only = _only_group(parsed, all_mentions) if behind is None and not is_note(parsed.text) else None
    # The model knows ACLED's short notes; a longer report (a news article) keeps the rules.
    use_model = len(parsed.text) <= MODEL_MAX_CHARS
    # A report of one event, or the main event of an analyst's note (ACLED's: one event a note)
    # that the events stage split by place: all of it states the event; a fragment loses the context.
    # A news report (not an analyst's note) about a protest or riot says so in its title or lead.
    news = not is_note(parsed.text)
    crowd_report = _crowd_report(parsed) if news else None
    main = None if not use_model else events[0] if len(events) == 1 else (
        primary(events) if is_marked_note(parsed.text) else None)
    lead_result = None   # the report's lead read as one event, when needed
    for event in events:
        spans = list(event.evidence) or [(0, len(parsed.text))]
        if event is main:
            spans = [(0, len(parsed.text))]
        where = _event_country(event, country)
        result = _classify_spans(parsed, spans, where, country, all_mentions, use_model)
        if news and result["event_type"] in ("Protests", "Riots") and not crowd_report \
                and not _crowd_said(parsed.low[spans[0][0]:spans[0][1]]) and not result["cues"]("crowd_people"):
            # A report that is not about a crowd, whose event's own sentence names none: a stray
            # word further on ("denounced the attack", "the protests of 2011") makes no protest.
            result = _classify_spans(parsed, spans, where, country, all_mentions, use_model, crowd=False)
        elif news and crowd_report and _crowd_event_retyped(result):
            result = _as_crowd_event(result, crowd_report, where, all_mentions, spans)
        if news and len(spans) > 1 and result["event_type"] in ("Battles", "Violence against civilians") \
                and (use_model or _may_be_from_afar(parsed.low[spans[0][0]:spans[0][1]])):
            # The weapon named where the report first states the event ("killed in a drone strike")
            # outweighs fighting words further on ("the two sides have exchanged fire for months").
            lead = _classify_spans(parsed, spans[:1], where, country, all_mentions, use_model)
            if lead["sub_event_type"] in ("Air/drone strike", "Shelling/artillery/missile attack", "Suicide bomb"):
                for field in ("event_type", "sub_event_type", "attack_type", "weapon"):
                    result[field] = lead[field]
                if lead["actor1"] is not None and not _unidentified(lead["actor1"]):
                    result["actor1"], result["actor2"] = lead["actor1"], lead["actor2"]
        if news and len(events) > 1 and result["sub_event_type"] == "Attack" and _unidentified(result["actor1"]) \
                and not any(result["cues"](c) for c in _HOW_HARMED) and parsed.sentences:
            # One of several events whose sentences say only that people died or were hurt, by no
            # doer and no weapon: of the kind of violence the report's lead names, if remote.
            if lead_result is None:
                lead_end = parsed.sentences[min(2, len(parsed.sentences) - 1)].end
                lead_result = _classify_spans(parsed, [(0, lead_end)], country, country, all_mentions, use_model)
            if lead_result["event_type"] == "Explosions/Remote violence" and lead_result["actor1"] is not None \
                    and not _unidentified(lead_result["actor1"]):
                for field in ("event_type", "sub_event_type", "attack_type", "weapon", "actor1"):
                    result[field] = lead_result[field]
        if len(events) == 1 and (result["event_type"] is None or result["actor1"] is None) and spans[0][0] > 0:
            # A report of one incident states it in its lead too: read from the start.
            result = _classify_spans(parsed, spans + [(0, min(s for s, _ in spans))], where, country, all_mentions,
                                     use_model)
        if behind and result["event_type"] in _VIOLENT and _unidentified(result["actor1"]):
            result["actor1"] = behind
        elif only and result["event_type"] in _VIOLENT and _unidentified(result["actor1"]) \
                and result["actor1"] is not None:
            result["actor1"] = only
        if news and result["sub_event_type"] in _FOUGHT_WITH and _both_sides_fell(event):
            # Soldiers and militants both killed or wounded: the two sides fought, whatever the weapons
            # (ACLED). Not for notes: there ACLED dev's event type fell 0.9305 -> 0.9299.
            result = _as_battle(result, all_mentions, spans, where)
        if news and result["actor1"] is None and result["sub_event_type"] in _FROM_AFAR:
            # Missiles or shells from no side the sentences name: the one foreign state's forces the report names.
            result["actor1"] = _only_foreign_force(all_mentions, where)
        elif behind and result["event_type"] in _VIOLENT and result["actor1"] is not None \
                and result["actor1"].kind in _STATE and result["sub_event_type"] not in _STATE_WEAPONS:
            # The report says a group was behind the attacks: the state forces the rules found
            # first are the side it attacked (who responded), not the attacker (GTD's perpetrator).
            result["actor1"], result["actor2"] = behind, result["actor1"]
            result["attack_type"] = attack_type(result["cues"], result["sub_event_type"], behind)
        for field in ("event_type", "sub_event_type", "attack_type", "weapon", "actor1", "actor2"):
            if getattr(event, field, None) is None and result[field] is not None:
                setattr(event, field, result[field])
    _type_listed_like_their_head(parsed, events)


# Sentences that name a group without saying it did this: speculation, the past, a group's habits.
_SPECULATION = re.compile(r"\b(?:suspect\w*|may|might|possibly|believed|likely|speculat\w*|unclear|if|"
                          r"(?:19|20)\d\d|since|previously|in the past|before|active|has used|have used|often|"
                          r"usually|frequently|history|years?)\b")


def _only_group(parsed, mentions: list[ActorMention]) -> Actor | None:
    """The one rebel group a news report names outside speculation and background (its attackers,
    as a rule), or None when it names none or several, or says no group claimed the attack."""
    if _NOT_CLAIMED.search(parsed.low):
        return None  # "no group has claimed the attack": its doers are unidentified
    groups = {}
    for m in mentions:
        if m.actor.kind == "rebel_group" and not m.actor.name.startswith("Unidentified"):
            sent = parsed.sentence_at(m.start)
            if sent is not None and _SPECULATION.search(sent.low):
                continue
            groups.setdefault(m.actor.name, m.actor)
    return next(iter(groups.values())) if len(groups) == 1 else None


_FROM_AFAR = frozenset({"Air/drone strike", "Shelling/artillery/missile attack"})
# Sub-types that casualties on both armed sides make a battle: weapons used in a fight on the ground.
_FOUGHT_WITH = frozenset({"Remote explosive/landmine/IED", "Shelling/artillery/missile attack", "Grenade", "Attack"})


def _both_sides_fell(event) -> bool:
    groups = {c.group for c in getattr(event, "casualties", None) or () if c.outcome in ("killed", "injured") and c.best}
    return "militants" in groups and "security_forces" in groups


def _as_battle(result: dict, all_mentions, spans, where) -> dict:
    out = dict(result)
    has = result["cues"]
    mentions = [m for m in all_mentions if any(s <= m.start and m.end <= e for s, e in spans)]
    agent, target = result["actor1"], result["actor2"]
    if target is None or target.kind == "civilians":
        target = _other_side(mentions, agent)
    agent, target = _roles("Armed clash", has, agent, target, mentions, where)
    out.update(event_type="Battles", sub_event_type="Armed clash", actor1=agent, actor2=target,
               attack_type=attack_type(has, "Armed clash", agent), weapon=weapon(has, "Armed clash"))
    return out


def _only_foreign_force(mentions: list[ActorMention], where: Country | None) -> Actor | None:
    """The one state's forces a report names other than those of the event's country, or None."""
    if where is None:
        return None
    own = (f"Military Forces of {where.name}", f"Police Forces of {where.name}")
    forces = {m.actor.name: m.actor for m in mentions if m.actor.kind in _STATE and m.actor.name not in own
              and m.actor.name.startswith("Military Forces of ")}
    return next(iter(forces.values())) if len(forces) == 1 else None


def _crowd_said(low: str) -> bool:
    return any(_has(name, low) for name in ("protest", "riot_word", "mob"))


def _crowd_report(parsed) -> str | None:
    """'Riots' when the title or first sentence tells of a protest or crowd turned violent,
    'Protests' when of a protest alone, else None."""
    # The title, when the text opens with it as well, is the first sentence: the lead follows it.
    opening = parsed.sentences[:2] if parsed.title and parsed.sentences and \
        parsed.sentences[0].low.strip() == parsed.title.strip().lower() else parsed.sentences[:1]
    lead = ((parsed.title or "") + "\n" + "\n".join(s.low for s in opening)).lower()
    if _has("riot_word", lead) or _has("mob", lead) or _has("unrest", lead):
        return "Riots"
    if _has("protest", lead):
        return "Riots" if _has("crowd_violence", lead) or _has("turned_violent", lead) else "Protests"
    return None


def _crowd_event_retyped(result: dict) -> bool:
    """An event of a report about a crowd typed as a killing, a clash or nothing in particular:
    the crowd's event told without its words ("two died in police firing in Itahari")."""
    has = result.get("cues")
    if has is None or any(has(c) for c in _REMOTE_CUES) or has("abduction"):
        return False
    sub, actor1 = result["sub_event_type"], result["actor1"]
    if sub in ("Attack", "Other", "Looting/property destruction"):
        return actor1 is None or actor1.kind in ("unknown", "state_forces", "civilians", "rioters", "protesters")
    if sub == "Armed clash":
        return actor1 is None or actor1.kind in ("unknown", "state_forces", "rioters", "protesters")
    return False


def _as_crowd_event(result: dict, kind: str, where, all_mentions, spans) -> dict:
    has = result["cues"]
    sub = "Violent demonstration" if kind == "Riots" else (
        "Excessive force against protesters" if has("harm") else "Protest with intervention"
        if has("intervention") else "Peaceful protest")
    mentions = [m for m in all_mentions if any(s <= m.start and m.end <= e for s, e in spans)]
    actor1, actor2 = _roles(sub, has, None, None, mentions, where)
    out = dict(result)
    out.update(event_type=EVENT_TYPE_OF[sub], sub_event_type=sub, attack_type=None,
               weapon=weapon(has, sub), actor1=actor1, actor2=actor2)
    return out


def _type_listed_like_their_head(parsed, events) -> None:
    """"Four workers were killed when security forces opened fire - one each in Lahore,
    Faisalabad, Quetta and Swat": a sentence that lists places reports the same kind of
    event at each, so the events at the listed places take the type of the event at the
    first (whose evidence says more)."""
    places = parsed.places
    at = {p.start: p for p in places}
    for event in events:
        mention = at.get(event.location.span[0]) if event.location.span else None
        if mention is None or mention.role != "listed":
            continue
        first = next((p for p in reversed(places) if p.start < mention.start and p.sentence == mention.sentence
                      and p.role != "listed"), None)
        # the event at the first place, whichever mention of that place it was found at
        head = next((e for e in events if first is not None and e is not event and e.location.name == first.name
                     and e.date == event.date), None)
        if head is not None and head.event_type is not None:
            for field in ("event_type", "sub_event_type", "attack_type", "weapon"):
                setattr(event, field, getattr(head, field))


def primary(events: list):
    """The event a report is mainly about: the one with most fatalities, the first of those."""
    return max(enumerate(events), key=lambda ie: (ie[1].fatalities or 0, -ie[0]))[1]


# Evidence spread over more characters than this (a long report whose event is told in its
# first and its last paragraphs) is read span by span rather than as one range, so that the
# cost of a document stays in proportion to its length.
EVIDENCE_RANGE_MAX = 20_000


# Cues of how people were harmed, in a sentence: with one, the sentence says what happened.
_HOW_HARMED = ("firearms", "melee", "incendiary", "vehicle", "ied", "grenade", "shelling", "air", "suicide", "strike")


def _may_be_from_afar(low: str) -> bool:
    """Whether the rules could read `low` as an air strike, shelling or a suicide bomb: without
    one of their cues they cannot (a cheap test before reading a lead sentence again)."""
    return any(_CUES[name].search(low) for name in ("suicide", "air", "shelling", "strike"))


def _classify_spans(parsed, spans, where, country, all_mentions, use_model: bool = True, crowd: bool = True) -> dict:
    """classify() over the text of the evidence spans: one range from the first start to the
    last end, or span by span past EVIDENCE_RANGE_MAX."""
    start = min(s for s, _ in spans)
    end = max(e for _, e in spans)
    pieces = [(start, end)] if end - start <= EVIDENCE_RANGE_MAX else _merged(spans)
    parts, inside, offset = [], [], 0
    for s, e in pieces:
        if where is country:
            found = _mentions_within(all_mentions, spans if len(pieces) == 1 else [(s, e)])
        else:
            found = find_actors(parsed.text, where, s, e)
        # Offsets relative to the evidence text; the actors keep their spans in the whole text.
        inside += [ActorMention(m.start - s + offset, m.end - s + offset, m.actor) for m in found]
        parts.append(parsed.text[s:e])
        offset += e - s + 1
    return classify("\n".join(parts), where, inside, use_model, crowd)


def _merged(spans) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def _mentions_within(mentions: list[ActorMention], spans) -> list[ActorMention]:
    """The mentions (in text order) that lie inside one of `spans`, each once."""
    starts = [m.start for m in mentions]
    keep: set[int] = set()
    for s, e in spans:
        i = bisect_left(starts, s)
        while i < len(mentions) and mentions[i].start < e:
            if mentions[i].end <= e:
                keep.add(i)
            i += 1
    return [mentions[i] for i in sorted(keep)]


def _event_country(event, default: Country | None) -> Country | None:
    loc = getattr(event, "location", None)
    code = getattr(loc, "country_code", None) if loc else None
    if code and (default is None or default.iso2 != code):
        return country_by_name(code) or default
    return default
