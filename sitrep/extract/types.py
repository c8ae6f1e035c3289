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

from sitrep.extract.actors import ActorMention, find_actors
from sitrep.geo.countries import Country, country_by_name, main_country
from sitrep.lexicon import load_lexicon
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

_CUES = {name: re.compile(r"\b(?:" + "|".join(patterns) + r")(?!\w)")
         for name, patterns in load_lexicon("types")["cues"].items()}
# A verb of violence or its like, where the doer's side ends and the target's begins.
_ACTION = re.compile(r"\b(?:" + "|".join(
    load_lexicon("types")["cues"]["violence"] + load_lexicon("types")["cues"]["abduction"]
    + load_lexicon("types")["cues"]["arrest"] + ["clash(?:ed|es)?", "ambush(?:ed)?", "fought", "targeted",
                                                  "struck", "hit", "bombed", "shelled", "stormed", "overran"]) + r")(?!\w)")
_BY = re.compile(r"\s+(?:\w+\s+){0,3}?by\b")
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|got|get)\s+(?:\w+\s+)?$")
_STATE = ("state_forces", "external_forces")
_ARMED = ("state_forces", "external_forces", "rebel_group", "political_militia", "identity_militia", "unknown")


def _sub(sub: str) -> tuple[str, str]:
    return EVENT_TYPE_OF[sub], sub


def _has(name: str, low: str) -> bool:
    return _CUES[name].search(low) is not None


def event_type(low: str, agent: Actor | None, target: Actor | None) -> tuple[str, str]:
    """ACLED (event type, sub-event type) from the lower-cased text and the two sides."""
    verb = _ACTION.search(low)
    tail = low[verb.start():] if verb else low
    protest = _has("protest", low) or _has("size_tag", low)
    if protest and not (_has("suicide", low) or _has("air", low)):
        if _has("excessive_force", low):
            return _sub("Excessive force against protesters")
        if _has("crowd_violence", low) or _has("mob", low):
            return _sub("Violent demonstration")
        if _has("intervention", low):
            return _sub("Protest with intervention")
        return _sub("Peaceful protest")
    unarmed_doer = not (agent and agent.kind in ("rebel_group", "state_forces", "external_forces", "identity_militia"))
    if _has("mob", low) and unarmed_doer:
        return _sub("Mob violence")
    if _has("riot_word", low) and unarmed_doer and not _has("ied", low):
        return _sub("Violent demonstration" if _has("demand", low) else "Mob violence")
    if _has("suicide", low):
        return _sub("Suicide bomb")
    # The doer's words, unless the verb is passive ("people were killed"): then they are victims.
    head = low[:verb.start()] if verb and not _PASSIVE.search(low, 0, verb.start()) else ""
    if _has("clash_strong", low) and not _has("explosions_alone", low):
        return _sub("Mob violence" if _is_mob(low, head, agent, target) else "Armed clash")
    if _has("weapons_disrupted", low) and not _has("violence", low):
        return _sub("Disrupted weapons use")
    if _has("air", low):
        return _sub("Air/drone strike")
    if _has("grenade", low):
        return _sub("Grenade")
    if _has("shelling", low):
        return _sub("Shelling/artillery/missile attack")
    if _has("ied", low):
        return _sub("Remote explosive/landmine/IED")
    if _has("abduction", low):
        return _sub("Abduction/forced disappearance")
    if _has("arrest", low) and not _has("harm", low) and (agent is None or agent.kind in _STATE):
        return _sub("Arrests")
    if _has("territory_regained", low):
        return _sub("Government regains territory")
    if _has("territory_taken", low):
        return _sub("Non-state actor overtakes territory")
    violent = _has("violence", low)
    if violent or _has("clash", low):
        if _is_mob(low, head, agent, target):
            return _sub("Mob violence")
        if _is_battle(low, tail, agent, target):
            return _sub("Armed clash")
        if _has("crowd_violence", low) and not (agent and agent.kind in _ARMED):
            return _sub("Mob violence")
        if violent:
            return _sub("Attack")
    if _has("arrest", low):
        return _sub("Arrests")
    if _has("looting", low):
        return _sub("Looting/property destruction")
    if _has("agreement", low):
        return _sub("Agreement")
    if _has("headquarters", low):
        return _sub("Headquarters or base established")
    if _has("change_activity", low):
        return _sub("Change to group/activity")
    if _has("crowd_violence", low):
        return _sub("Mob violence")
    return _sub("Other")


def _is_mob(low: str, head: str, agent: Actor | None, target: Actor | None) -> bool:
    """Violence by party supporters, villagers or a crowd rather than by an armed group.
    `head` is the text before the action verb, where the doer is named."""
    if agent and agent.kind in ("rebel_group", "state_forces", "external_forces", "identity_militia"):
        return False
    if target and target.kind == "rebel_group":
        return False
    if _has("mob", low):
        return True
    if agent and agent.kind == "unknown":
        return False
    if agent and agent.kind in ("rioters", "protesters"):
        return True
    if agent and agent.kind == "political_militia" and _has("clash", low):
        return True
    return _has("unarmed_group", head)


def _is_battle(low: str, tail: str, agent: Actor | None, target: Actor | None) -> bool:
    """Two armed sides fighting, rather than armed men attacking people who do not fight back.
    `tail` is the text from the action verb on, where the target is named."""
    if agent and target and agent.kind in _ARMED and target.kind in _ARMED and agent.name != target.name:
        return not (agent.kind == "unknown" and target.kind == "unknown")
    if target and target.kind in _ARMED and target.kind != "unknown":
        return True  # an attack on soldiers, police or a named armed group
    if target and target.kind == "civilians":
        return _has("clash", low) and not _has("civilian_targets", tail)
    if _has("armed_targets", tail) and not _has("civilian_targets", tail):
        return True
    return _has("clash", low) and not _has("civilian_targets", tail)


def attack_type(low: str, sub: str, agent: Actor | None) -> str | None:
    """GTD attack type; none for state forces' actions, protests, riots and non-violent events."""
    event = EVENT_TYPE_OF[sub]
    if event in ("Protests", "Riots") or (agent and agent.kind in _STATE):
        return None
    if event == "Strategic developments":
        return "Facility/Infrastructure Attack" if sub == "Looting/property destruction" and _has("facility", low) else None
    if _has("hijacking", low):
        return "Hijacking"
    if sub == "Abduction/forced disappearance":
        return "Hostage Taking (Barricade Incident)" if _has("barricade", low) and not _has("abduction", low) \
            else "Hostage Taking (Kidnapping)"
    if event == "Explosions/Remote violence":
        return "Bombing/Explosion"
    if _has("assassination", low):
        return "Assassination"
    if _has("facility", low) and not _has("violence", low):
        return "Facility/Infrastructure Attack"
    if _has("firearms", low) or event == "Battles":
        return "Armed Assault"
    if _has("melee", low):
        return "Unarmed Assault" if not _has("melee_weapon", low) else "Armed Assault"
    return "Armed Assault" if _has("violence", low) else None


def weapon(low: str, sub: str) -> str | None:
    """GTD weapon type."""
    event = EVENT_TYPE_OF[sub]
    if event in ("Protests",) or sub in ("Arrests", "Agreement", "Other", "Change to group/activity",
                                         "Headquarters or base established", "Non-violent transfer of territory"):
        return None
    if event == "Explosions/Remote violence" or sub == "Disrupted weapons use":
        return "Explosives"
    if _has("firearms", low):
        return "Firearms"
    if _has("vehicle", low):
        return "Vehicle (not to include vehicle-borne explosives, i.e., car or truck bombs)"
    if _has("incendiary", low):
        return "Incendiary"
    if _has("melee", low):
        return "Melee"
    return "Unknown"


def sides(text: str, mentions: list[ActorMention]) -> tuple[Actor | None, Actor | None]:
    """(who acted, whom it was aimed at) by word order around the first action verb:
    "militants attacked police" and "police were attacked by militants" give the same sides."""
    if not mentions:
        return None, None
    low = text.lower()
    verb = _ACTION.search(low)
    if verb is None:
        first = _prefer_armed(mentions)
        rest = [m for m in mentions if m.actor.name != first.actor.name]
        return first.actor, rest[0].actor if rest else None
    before = [m for m in mentions if m.end <= verb.start()]
    after = [m for m in mentions if m.start >= verb.end()]
    by = _BY.match(low, verb.end())
    if by or _PASSIVE.search(low, 0, verb.start()):
        doers = [m for m in after if m.start >= by.end()] if by else []
        agent = doers[0].actor if doers else None
        target = before[-1].actor if before else None
    else:
        agent = _prefer_armed(before).actor if before else None
        targets = [m for m in after if agent is None or m.actor.name != agent.name]
        target = targets[0].actor if targets else None
        if agent is None and target is not None and target.kind != "civilians":
            # "Clashes between X and Y", "attack on X": the first named side acts.
            others = [m for m in after if m.actor.name != target.name]
            agent, target = target, (others[0].actor if others else None)
    return agent, target


def _prefer_armed(mentions: list[ActorMention]) -> ActorMention:
    armed = [m for m in mentions if m.actor.kind != "civilians"]
    return (armed or mentions)[-1] if armed else mentions[0]


def _generic(kind_name: str, template: str, country: Country | None, kind: str) -> Actor:
    return Actor(name=f"{template} ({country.name})" if country else template, kind=kind)


def classify(text: str, country: str | Country | None = None,
             mentions: list[ActorMention] | None = None) -> dict:
    """Types and sides of the event that `text` (its evidence sentences) states.

    `mentions` are the actor mentions inside `text` (offsets into `text`) if already found.
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
    low = text.lower()
    agent, target = sides(text, mentions)
    event, sub = event_type(low, agent, target)
    actor1, actor2 = _roles(sub, low, agent, target, mentions, where)
    out.update(event_type=event, sub_event_type=sub, attack_type=attack_type(low, sub, actor1),
               weapon=weapon(low, sub), actor1=actor1, actor2=actor2)
    return out


def _roles(sub: str, low: str, agent: Actor | None, target: Actor | None,
           mentions: list[ActorMention], where: Country | None) -> tuple[Actor | None, Actor | None]:
    event = EVENT_TYPE_OF[sub]
    state = next((m.actor for m in mentions if m.actor.kind in _STATE), None)
    if event == "Protests":
        actor2 = state if sub != "Peaceful protest" else None
        return _generic("protesters", "Protesters", where, "protesters"), actor2
    if event == "Riots":
        actor2 = target if target and target.kind in _STATE + ("civilians",) else state
        if actor2 is None and sub == "Mob violence" and _has("civilian_targets", low):
            actor2 = _generic("civilians", "Civilians", where, "civilians")
        return _generic("rioters", "Rioters", where, "rioters"), actor2
    if event == "Violence against civilians":
        actor1 = agent if agent and agent.kind != "civilians" else _generic(
            "unidentified", "Unidentified Armed Group", where, "unknown")
        return actor1, _generic("civilians", "Civilians", where, "civilians")
    if sub == "Arrests":
        return agent if agent and agent.kind in _STATE else (state or agent), target
    if event in ("Battles", "Explosions/Remote violence") and agent is None:
        if sub in ("Air/drone strike", "Shelling/artillery/missile attack"):
            return None, target
        agent = _generic("unidentified", "Unidentified Armed Group", where, "unknown")
    if sub == "Looting/property destruction" and agent is None:
        agent = _generic("unidentified", "Unidentified Armed Group", where, "unknown")
    if target is None and event in ("Explosions/Remote violence", "Strategic developments") \
            and sub != "Disrupted weapons use" and _has("civilian_targets", low):
        target = _generic("civilians", "Civilians", where, "civilians")
    return agent, target


def _evidence_text(parsed, spans) -> tuple[str, int, int]:
    """The text of the evidence spans (one range from the first start to the last end)."""
    start = min(s for s, _ in spans)
    end = max(e for _, e in spans)
    return parsed.text[start:end], start, end


def annotate(parsed) -> None:
    events = parsed.annotations.get("events", [])
    if not events:
        return
    country = parsed.annotations.get("main_country")
    if country is None:
        country = main_country(parsed.text, parsed.sentences[0].end if parsed.sentences else None)
    all_mentions: list[ActorMention] = parsed.annotations.get("actors", [])
    for event in events:
        spans = event.evidence or [(0, len(parsed.text))]
        text, start, end = _evidence_text(parsed, spans)
        where = _event_country(event, country)
        inside = [ActorMention(m.start - start, m.end - start, m.actor) for m in all_mentions
                  if m.start >= start and m.end <= end and any(s <= m.start and m.end <= e for s, e in spans)]
        if where is not country:
            inside = find_actors(text, where)
        result = classify(text, where, inside)
        for field in ("event_type", "sub_event_type", "attack_type", "weapon", "actor1", "actor2"):
            if getattr(event, field, None) is None and result[field] is not None:
                value = result[field]
                if isinstance(value, Actor):
                    value = _with_span(value, start)
                setattr(event, field, value)


def _event_country(event, default: Country | None) -> Country | None:
    loc = getattr(event, "location", None)
    code = getattr(loc, "country_code", None) if loc else None
    if code and (default is None or default.iso2 != code):
        return country_by_name(code) or default
    return default


def _with_span(actor: Actor, offset: int) -> Actor:
    if actor.span is None:
        return actor
    return actor.model_copy(update={"span": (actor.span[0] + offset, actor.span[1] + offset)})
