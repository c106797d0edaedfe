"""Claims: who says that who did what to whom, and how sure they say it is.

`extract(document, parsed, statements, lexicons)` reads every sentence's triggers and turns
each into claims with the claimant (the statement's speaker, or the outlet for text outside
statements), actor and target from the parse, polarity, and the action's codes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlparse

from spacy.tokens import Token

from sitrep import actions, actors, modality
from sitrep.actions import ActionLexicon, Trigger
from sitrep.actors import ActorLexicon
from sitrep.modality import ModalityLexicon
from sitrep.nlp import SUBJECT_DEPS, Parsed, is_root, same, trim_dateline
from sitrep.records import Actor, Claim, Document, Statement

_PASSIVE_SUBJECTS = {"nsubjpass", "nsubj:pass"}
_OBJECTS = {"dobj", "obj", "iobj"}
_TARGET_PREPOSITIONS = {
    "against", "on", "at", "upon", "into", "targeting", "proti", "na", "vůči", "contre", "sur",
}
_PARTNER_PREPOSITIONS = {"with", "s", "se", "avec", "to"}  # fight with, talks with, aid to
_PARTNER_FAMILIES = {"diplomacy"}
_AGENT_PREPOSITIONS = {"by", "od", "par"}
_INCLUDING = {"including", "incl", "incl.", "včetně", "notamment", "dont", "y compris"}
_LIGHT_VERBS = {
    "launch", "carry", "conduct", "stage", "stag", "mount", "begin", "start", "resume",
    "continue", "unleash", "commit", "make", "step", "intensify", "escalate", "hold",
    "provide", "send", "deliver", "issue", "offer", "declare", "announce", "order", "zahájit",
    "podniknout", "pokračovat", "vyhlásit",
    "lancer", "mener", "poursuivre",
}
_DEFENSIVE_VERBS = {"repel", "repulse", "thwart", "foil", "prevent", "stop", "suppress",
                    "odrazit", "repousser"}
_FIRST_PERSON = {"we", "i", "us", "our", "my", "náš", "naše", "naši", "nous", "je", "notre",
                 "nos"}
_CONTEXT_FAMILIES = {"attack", "territory"}
_OF_IS_TARGET = {"destroy_equipment", "capture_territory", "kill", "injure", "shoot_down",
                 "displace"}
_VICTIM_WORDS = {"civilian", "military", "soldier", "child", "woman", "servicemen", "civil",
                 "civilní", "vojenský", "militaire"}
_WEAPONS = {"missile", "rocket", "shell", "bomb", "drone", "uav", "artillery", "mortar", "grenade",
            "mine", "raketa", "střela", "dron", "roquette", "obus"}
_NOT_ACTORS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
_KEEP_PREPOSITIONS = {"of", "z", "de", "du", "des"}


@dataclass(frozen=True)
class Lexicons:
    """The knowledge the claims stage reads."""

    actions: ActionLexicon
    modality: ModalityLexicon
    actors: ActorLexicon


def extract(
    document: Document, parsed: Parsed, statements: list[Statement] | tuple[Statement, ...],
    lexicons: Lexicons, issuer: Actor | None = None,
) -> list[Claim]:
    """Every claim in `document`, in text order. Text outside its statements is claimed by
    `issuer` when the document is itself someone's statement, else by the outlet."""
    on = _day(document)
    outlet_name = outlet(document)
    claims: list[Claim] = []
    for s_start, s_end, sentence in parsed.sentences():
        language = sentence.doc.lang_ or document.language  # a headline may be in another
        for trigger in actions.find(sentence, language, lexicons.actions):
            position = parsed.offset_of(trigger.head)
            number, statement = _statement_at(statements, position)
            if statement is None and issuer is not None:
                statement = Statement(speaker=issuer, start=0, end=len(document.text),
                                      text="", direct=False, cue=None, attribution="issuer")
            claims += _claims_of(
                trigger, parsed, (s_start, s_end), statement, number, outlet_name, lexicons, on,
                language, claims,
            )
    return claims


def _day(document: Document) -> date | None:
    if document.published and document.published_precision == "day":
        return date.fromisoformat(document.published)
    return None


def outlet(document: Document) -> str:
    """Who claims the text outside any statement: the site's host name, or "(outlet)"."""
    host = urlparse(document.url).hostname if document.url else None
    return host or "(outlet)"


def _statement_at(
    statements: list[Statement] | tuple[Statement, ...], position: int
) -> tuple[int | None, Statement | None]:
    for number, statement in enumerate(statements):
        if statement.start <= position < statement.end:
            return number, statement
    return None, None


def _claims_of(
    trigger: Trigger, parsed: Parsed, sentence: tuple[int, int], statement: Statement | None,
    number: int | None, outlet: str, lexicons: Lexicons, on: date | None, language: str,
    earlier: list[Claim],
) -> list[Claim]:
    actor_head, target_heads = _roles(trigger, lexicons, language)
    weapon_owner = None
    if actor_head is not None and actor_head.lemma_.lower() in _WEAPONS:
        # "the missile struck a building": a weapon is not an actor, but its owner is
        # ("Azerbaijani artillery opened fire")
        weapon_owner = _weapon_owner(actor_head, lexicons.actors)
        actor_head = None
    actor = weapon_owner or _actor(actor_head, parsed, statement, lexicons.actors, on)
    targets = _targets(target_heads, parsed, statement, lexicons.actors, on) or [None]
    may_take_context = trigger.receiving or _passive(trigger.head) or _pronoun(actor_head)
    start, end = _evidence(sentence, statement, parsed.text)
    text = parsed.text
    claimant = statement.speaker if statement else None
    family = lexicons.actions.codes[trigger.actions[0]].family
    polarity = modality.polarity(
        trigger, statement.cue if statement else None, language, lexicons.modality, family
    )
    found = []
    for action in trigger.actions:
        codes = lexicons.actions.codes[action]
        source = "parse" if actor is not None else None
        chosen = actor
        if chosen is None and codes.family in _CONTEXT_FAMILIES and (
            may_take_context or trigger.is_noun
        ):
            sentence_only = None if may_take_context else start
            chosen = _context_actor(earlier, number, codes.family, lexicons, sentence_only)
            source = "context" if chosen is not None else None
        for target in targets:
            target = _losing_side(action, chosen, target, lexicons.actors)
            acled = _acled(codes, chosen, target)
            found.append(Claim(
                claimant=claimant.canonical if claimant else outlet,
                claimant_kind="speaker" if claimant else "outlet",
                claimant_country=claimant.country if claimant else None,
                action=action, polarity=polarity, evidence=text[start:end], start=start,
                end=end, actor=chosen, target=target, actor_source=source,
                cameo=trigger.cameo or codes.cameo,
                cameo_root=(trigger.cameo or codes.cameo)[:2], quad_class=codes.quad_class,
                goldstein=codes.goldstein, plover=codes.plover, plover_mode=codes.plover_mode,
                acled_event_type=acled[0], acled_sub_event_type=acled[1],
                trigger=" ".join(t.text for t in trigger.tokens),
                trigger_start=parsed.offset_of(trigger.head),
                trigger_end=parsed.offset_of(trigger.head) + len(trigger.head.text),
                statement=number,
            ))
    return found


_LOSSES = {"shoot_down", "destroy_equipment"}


def _weapon_owner(weapon: Token, lexicon: ActorLexicon) -> Actor | None:
    """The state a weapon's own words name: "Azerbaijani artillery", "an Armenian missile"."""
    words = " ".join(t.text for c in weapon.children
                     if c.dep_ in {"amod", "compound", "poss", "nmod", "nmod:poss"}
                     for t in c.subtree)
    polity = actors.polity_in(words, lexicon) if words else None
    if polity is None:
        return None
    phrase = f"{words} {weapon.text}"
    return Actor(name=phrase, canonical=polity.name, kind="state", country=polity.country,
                 polity=polity.name, cameo=polity.country)


def _losing_side(
    action: str, actor: Actor | None, target: Actor | None, lexicon: ActorLexicon
) -> Actor | None:
    """Equipment a party says it destroyed or shot down is the other side's unless the words
    say whose it is ("shot down 2 helicopters" by Armenia: Azerbaijani helicopters)."""
    if action not in _LOSSES or target is None or target.country is not None:
        return target
    if actor is None or actor.country not in lexicon.opponents:
        return target
    country = lexicon.opponents[actor.country]
    enemy = actors.opponent("enemy", actor.country, lexicon)
    return replace(target, country=country, polity=enemy.polity if enemy else None)


def _acled(
    codes: actions.ActionCodes, actor: Actor | None, target: Actor | None
) -> tuple[str | None, str | None]:
    """ACLED's type depends on who: killing civilians is violence against civilians;
    a non-state group taking ground "overtakes territory"."""
    if codes.name in {"kill", "injure"} and target is not None and target.sector == "CVL":
        return "Violence against civilians", "Attack"
    if codes.name == "capture_territory" and actor is not None and actor.sector == "REB":
        return "Battles", "Non-state actor overtakes territory"
    return codes.acled_event_type, codes.acled_sub_event_type


def _evidence(
    sentence: tuple[int, int], statement: Statement | None, text: str
) -> tuple[int, int]:
    """The sentence, inside the statement's words, without the spaces around it."""
    start, end = sentence
    if statement is not None:
        start, end = max(start, statement.start), min(end, statement.end)
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _context_actor(
    earlier: list[Claim], number: int | None, family: str, lexicons: Lexicons,
    sentence_start: int | None,
) -> Actor | None:
    """The actor of the last attack claimed in the same statement ("settlements were attacked"
    in a statement about Azerbaijan's attack), or in the same sentence when `sentence_start`
    is given ("the attack by the army was accompanied by shelling")."""
    for claim in reversed(earlier):
        if claim.statement != number:
            return None
        if sentence_start is not None and claim.start != sentence_start:
            return None
        if claim.actor is not None and lexicons.actions.codes[claim.action].family == family:
            return claim.actor
    return None


def _roles(
    trigger: Trigger, lexicons: Lexicons, language: str
) -> tuple[Token | None, list[Token]]:
    """The words for who acted and who or what was acted on."""
    head = trigger.head
    if trigger.receiving:
        return _agent(head), _with_conjuncts(_subjects(head))
    if trigger.is_noun:
        of_is_target = any(a in _OF_IS_TARGET for a in trigger.actions)
        actor = _noun_actor(head, lexicons.actors, of_is_target)
        targets = _noun_targets(head, trigger.actions, of_is_target)
        return actor, _with_conjuncts(targets)
    if _passive(head):
        targets = [c for c in head.children if c.dep_ in _PASSIVE_SUBJECTS]
        return _agent(head), _with_conjuncts(targets)
    targets = [] if trigger.weapon else [
        c for c in head.children if c.dep_ in _OBJECTS and c not in trigger.tokens
    ]
    targets = [_doer_of(t, lexicons, language) for t in targets]
    targets += _prepositional_targets(head, trigger.actions)
    weapons = lexicons.actions.modifiers  # "with artillery" is a means, not a target
    targets = [t for t in targets if not (t.lemma_.lower() in weapons and t.head.lower_ in
                                          {"with", "avec", "s", "se"})]
    return _first(_subjects(head)), _with_conjuncts(targets)


def _passive(head: Token) -> bool:
    return any(c.dep_ in _PASSIVE_SUBJECTS or c.dep_ in {"auxpass", "aux:pass"}
               for c in head.children)


def _pronoun(token: Token | None) -> bool:
    return token is not None and token.pos_ == "PRON" and token.lower_ not in _FIRST_PERSON


_REPORT_NOUNS = {"report", "claim", "accusation", "allegation", "statement", "information",
                 "zpráva", "tvrzení", "obvinění", "affirmation"}
_ACT_NOUNS = {"act", "campaign", "policy", "escalation", "čin", "acte", "politique"}


def _doer_of(obj: Token, lexicons: Lexicons, language: str) -> Token:
    """ "condemn the (act of) aggression of Azerbaijan": the target is the aggression's
    author; "deny the reports spread by Armenia's ministry": the reports' author."""
    lemma = obj.lemma_.lower()
    if lemma in _ACT_NOUNS:
        inner = _of_object(obj)
        if inner is not None and inner.lemma_.lower() in lexicons.actions.nouns.get(language, {}):
            return _noun_actor(inner, lexicons.actors, of_is_target=False) or obj
    if lemma in _REPORT_NOUNS:
        for child in obj.children:
            if child.dep_ in {"poss", "nmod:poss"}:
                return child
            if child.dep_ in {"acl", "relcl"}:
                author = _agent(child)
                if author is not None:
                    return author
        return obj
    if lemma not in lexicons.actions.nouns.get(language, {}):
        return obj
    return _noun_actor(obj, lexicons.actors, of_is_target=False) or obj


def _subjects(head: Token) -> list[Token]:
    holder = head
    subjects = [c for c in holder.children if c.dep_ in SUBJECT_DEPS]
    while not subjects and holder.dep_ in {"conj", "xcomp", "advcl"} and not is_root(holder):
        holder = holder.head
        subjects = [c for c in holder.children if c.dep_ in SUBJECT_DEPS]
    return subjects


def _first(tokens: list[Token]) -> Token | None:
    """The one that matters when the parser gives several: the subject nearest before its
    verb ("YEREVAN, Oct. 11 – The Ministry … denied" has two)."""
    if not tokens:
        return None
    before = [t for t in tokens if t.i < t.head.i]
    return max(before, key=lambda t: t.i) if before else tokens[0]


def _agent(head: Token) -> Token | None:
    for child in head.children:
        if child.dep_ == "agent" or (child.dep_ in {"prep", "case"} and
                                     child.lower_ in _AGENT_PREPOSITIONS):
            return _first([c for c in child.children if c.dep_ in {"pobj", "obj"}])
        if child.dep_ in {"obl:agent", "obl"} and any(
            c.lower_ in _AGENT_PREPOSITIONS for c in child.children if c.dep_ == "case"
        ):
            return child
    return None


def _noun_actor(head: Token, lexicon: ActorLexicon, of_is_target: bool) -> Token | None:
    """ "Azerbaijan's aggression", "attack by the Azerbaijani army", "Azeri invasion",
    "the aggression of the leadership of Azerbaijan", "launched an attack"."""
    for child in head.children:
        if child.dep_ in {"poss", "nmod:poss"}:
            return child
    agent = _agent(head)
    if agent is not None:
        return agent
    if not of_is_target:
        of = _of_object(head)
        if of is not None:
            return of
    for child in head.children:
        if child.dep_ in {"amod", "compound", "nmod"} and actors.polity_in(child.text, lexicon):
            return child
    base = head
    while base.dep_ in {"conj", "compound"} and not is_root(base):
        base = base.head
    if base.dep_ in _OBJECTS and base.head.lemma_.lower() in _LIGHT_VERBS:
        return _first(_subjects(base.head))
    return None


def _of_object(head: Token) -> Token | None:
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return _first([c for c in child.children if c.dep_ == "pobj"])
        genitive = child.dep_ == "nmod" and head.doc.lang_ != "en"
        if genitive and not any(c.dep_ == "case" for c in child.children):
            return child  # Czech and French genitives: "útok Ázerbájdžánu"
    return None


def _noun_targets(head: Token, actions_: tuple[str, ...], of_is_target: bool) -> list[Token]:
    """ "aggression against Artsakh"; "annihilation of Azerbaijani tanks"; "civilian
    casualties"."""
    found = _prepositional_targets(head, actions_)
    if of_is_target:
        of = _of_object(head)
        found += [of] if of is not None else []
        found += [c for c in head.children if c.dep_ in {"amod", "compound"}
                  and c.lemma_.lower() in _VICTIM_WORDS]
    return found


def _prepositional_targets(head: Token, actions_: tuple[str, ...] = ()) -> list[Token]:
    """ "against Artsakh", "on the positions", "targeting the settlements"; "talks with X",
    "aid to X" and "clashes with X" for diplomacy and fighting."""
    if set(actions_) & {"negotiate", "consult", "agree", "aid", "support", "apologize",
                        "release", "ceasefire_agree"}:
        prepositions = _PARTNER_PREPOSITIONS
    elif "fight" in actions_:
        prepositions = _TARGET_PREPOSITIONS | {"with", "s", "avec"}
    else:
        prepositions = _TARGET_PREPOSITIONS
    found = []
    for child in head.children:
        word = child.lower_
        if child.dep_ in {"prep", "case"} and word in prepositions:
            found += [c for c in child.children if c.dep_ in {"pobj", "obj", "nmod"}]
        elif child.dep_ in {"nmod", "obl"} and any(
            c.lower_ in prepositions for c in child.children if c.dep_ == "case"
        ):
            found.append(child)
        elif child.dep_ in {"acl", "advcl"} and child.lemma_.lower() in {"target", "hit"}:
            found += [c for c in child.children if c.dep_ in _OBJECTS]
    if head.dep_ in _OBJECTS and head.head.lemma_.lower() in _LIGHT_VERBS:
        found += _prepositional_targets(head.head, actions_) if not is_root(head) else []
    return found


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    """Each coordinated or included target on its own: "Stepanakert and border settlements"."""
    found: list[Token] = []
    for token in tokens:
        for item in (token, *token.conjuncts):
            if item not in found:
                found.append(item)
            for child in item.children:
                if child.dep_ == "prep" and child.lower_ in _INCLUDING:
                    found += [c for c in child.children if c.dep_ in {"pobj", "obj"}]
                    found += [c2 for c in child.children for c2 in c.conjuncts]
                elif child.dep_ == "appos" and child.pos_ == "PROPN":
                    found.append(child)
    return found


def _targets(
    heads: list[Token], parsed: Parsed, statement: Statement | None, lexicon: ActorLexicon,
    on: date | None,
) -> list[Actor]:
    """Resolved targets; a conjunct with no side of its own takes its neighbour's
    ("2 Az helicopters & 3 UAVs": both Azerbaijani)."""
    found: list[Actor] = []
    for head in heads:
        if head.ent_type_ in _NOT_ACTORS:
            continue
        target = _actor(head, parsed, statement, lexicon, on)
        if target is None:
            continue
        inherits = head.dep_ == "conj" and head.pos_ == "NOUN"
        if target.country is None and found and inherits and found[-1].country:
            target = replace(target, country=found[-1].country, polity=found[-1].polity)
        found.append(target)
    return found


def _actor(
    head: Token | None, parsed: Parsed, statement: Statement | None, lexicon: ActorLexicon,
    on: date | None,
) -> Actor | None:
    """The actor a phrase names, read from the point of view of whoever is speaking."""
    if head is None or head.ent_type_ in _NOT_ACTORS:
        return None
    speaker = statement.speaker if statement is not None else None
    if head.pos_ == "PRON" and head.lower_ not in _FIRST_PERSON:
        if head.dep_ in SUBJECT_DEPS and statement is not None and not statement.direct \
                and speaker is not None and not _is_relative(head):
            return speaker  # "NAF says it has killed …": it is NAF
        head = _pronoun_antecedent(head)
        if head is None:
            return None
    words = _actor_words(head, parsed)
    if not words:
        return None
    if speaker is not None:
        return _as_speaker_sees_it(words, speaker, lexicon, on)
    return actors.resolve(words, lexicon, on)


def _pronoun_antecedent(pronoun: Token) -> Token | None:
    """ "a fire that killed": the fire; "its own violations": the subject above."""
    if _is_relative(pronoun) and pronoun.head.dep_ in {"relcl", "acl:relcl"}:
        return pronoun.head.head
    return _possessor(pronoun)


def _actor_words(head: Token, parsed: Parsed) -> str:
    start, end = trim_dateline(parsed.text, *_actor_span(head, parsed))
    if start >= end:  # "YEREVAN, 11 October 2020 – The Ministry … denied": past the dateline
        after = [t for t in head.subtree if parsed.offset_of(t) >= start and t.pos_ in
                 {"NOUN", "PROPN"}]
        if not after:
            return ""
        top = min(after, key=lambda t: len(list(t.ancestors)))
        start, end = _actor_span(top, parsed)
    return parsed.text[start:end]


def _as_speaker_sees_it(
    words: str, speaker: Actor, lexicon: ActorLexicon, on: date | None
) -> Actor:
    """ "the enemy", "our army", "the Ministry" and unnamed bodies in a party's own words."""
    enemy = actors.opponent(words, speaker.country, lexicon)
    if enemy is not None:
        return enemy
    if words.split()[0].lower() in _FIRST_PERSON:
        rest = " ".join(words.split()[1:])
        if not rest:
            return speaker
        if speaker.polity:
            placed = actors.resolve(f"{speaker.polity} {rest}", lexicon, on)
            if placed.kind == "organisation":  # "our army"; not "our partners"
                return replace(placed, name=words)
        return Actor(name=words, canonical=actors.clean(rest), kind="other")
    found = actors.resolve(words, lexicon, on)
    if found.kind != "organisation" or found.polity is not None:
        return found
    if speaker.canonical.startswith(found.canonical):
        return replace(speaker, name=words)  # "The Ministry of Defence" in its own statement
    if speaker.polity is not None and found.sector in {"MIL", "GOV"}:
        # a party's official naming a body without its state means its own side's body:
        # "the air defence of the Defence Army shot down four drones"
        return actors.with_polity(replace(found, canonical=found.canonical.split(" of ")[0]),
                                  actors.Polity(speaker.polity, speaker.country or ""))
    return found


def _is_relative(token: Token) -> bool:
    return token.tag_ in {"WP", "WDT"} or "Rel" in token.morph.get("PronType")


def _possessor(pronoun: Token) -> Token | None:
    """ "Baku is spreading lies to cover up its own violations": "its" is the nearest
    subject above it."""
    if pronoun.dep_ not in {"poss", "nmod:poss", "det:poss"}:
        return None
    token = pronoun.head
    for _ in range(5):
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS and not same(c, pronoun)]
        if subjects:
            subject = subjects[0]
            return subject if subject.pos_ in {"PROPN", "NOUN"} else None
        if is_root(token):
            return None
        token = token.head
    return None


def _actor_span(head: Token, parsed: Parsed) -> tuple[int, int]:
    """The words naming an actor: the noun with its modifiers and "of" phrases, without
    clauses, other prepositional phrases, conjuncts or inclusions."""
    cut: set[int] = set()
    for token in head.subtree:
        if same(token, head):
            continue
        drop = token.dep_ in {"relcl", "acl", "advcl", "conj", "cc", "acl:relcl", "parataxis"}
        drop = drop or (token.dep_ in {"prep", "case"} and token.lower_ not in _KEEP_PREPOSITIONS
                        and not same(token.head, head.head))
        if drop and token.head.i not in cut:
            cut.update(t.i for t in token.subtree)
    kept = [t for t in head.subtree if t.i not in cut and not t.is_punct] or [head]
    kept = [t for t in kept if kept[0].i <= t.i]
    first, last = min(kept, key=lambda t: t.i), max(kept, key=lambda t: t.i)
    return parsed.offset_of(first), parsed.offset_of(last) + len(last.text)
