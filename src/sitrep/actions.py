"""Actions: the taxonomy, its CAMEO / PLOVER / ACLED codes, and the words that trigger it.

`load()` reads data/actions.yaml once; `find(sentence, language, lexicon)` returns every
trigger in a parsed sentence with the actions it gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Span, Token

from sitrep import petrarch, verb_patterns
from sitrep.errors import LexiconError
from sitrep.nlp import is_root

_GENERIC_ATTACKS = frozenset({"attack_ground"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "nmod:poss", "conj", "obl", "pobj",
                            "prep", "flat", "nummod"})
_MAX_GAP = 2
# Nouns that an event word may modify and still be the event: "counter-offensive operation".
_EVENT_HEADS = frozenset({"operation", "campaign", "mission", "action", "operace", "akce",
                          "opération", "campagne"})


@dataclass(frozen=True)
class ActionCodes:
    """What one action means in the standard ontologies."""

    name: str
    family: str
    cameo: str
    cameo_root: str
    quad_class: int
    goldstein: float
    plover: str | None
    plover_mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None


@dataclass(frozen=True)
class _Phrase:
    parts: tuple[frozenset[str], ...]
    action: str
    receiving: bool  # the subject suffers the action: "Stepanakert came under fire"


@dataclass(frozen=True)
class _ObjectTrigger:
    verbs: frozenset[str]
    objects: frozenset[str]
    action: str


@dataclass(frozen=True)
class ActionLexicon:
    version: str
    codes: dict[str, ActionCodes]
    verbs: dict[str, dict[str, str]]
    nouns: dict[str, dict[str, str]]
    phrases: dict[str, tuple[_Phrase, ...]]
    objects: dict[str, tuple[_ObjectTrigger, ...]]
    modifiers: dict[str, str]
    dictionary_verbs: dict[str, tuple[str, str]]  # lemma -> (action, CAMEO code), English
    dictionary_patterns: dict[str, list[tuple[str, str]]]  # verb word -> (pattern, code)
    synsets: dict[str, tuple[str, ...]]
    cameo_roots: dict[str, str]


@dataclass(frozen=True)
class Trigger:
    """Words that name an action: `head` carries the roles; `tokens` are all its words."""

    head: Token
    tokens: tuple[Token, ...]
    actions: tuple[str, ...]
    receiving: bool = False
    weapon: bool = False  # the object is the weapon, not the target: "fired rockets"
    cameo: str | None = None  # a code from a PETRARCH verb dictionary, kept as given

    @property
    def is_noun(self) -> bool:
        return self.head.pos_ in {"NOUN", "PROPN"}


def load(petrarch_verbs: str | Path | None = None) -> ActionLexicon:
    """The bundled action lexicon, with the verbs of a PETRARCH / TABARI verb dictionary added
    where the bundled lexicon has no trigger of its own."""
    text = resources.files("sitrep").joinpath("data/actions.yaml").read_text("utf-8")
    try:
        data: dict[str, Any] = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise LexiconError(f"actions.yaml: invalid YAML ({exc})") from None
    codes = {name: _codes(name, entry) for name, entry in data["actions"].items()}
    verbs, nouns, phrases = {}, {}, {}
    for language, groups in data["triggers"].items():
        verbs[language] = _inverted(groups.get("verbs", {}), codes)
        nouns[language] = _inverted(groups.get("nouns", {}), codes)
        phrases[language] = tuple(
            _phrase(text, action)
            for action, texts in groups.get("phrases", {}).items()
            for text in texts
        )
    objects = {
        language: tuple(
            _ObjectTrigger(frozenset(e["verbs"]), frozenset(e["objects"]), e["action"])
            for e in entries
        )
        for language, entries in data.get("object_triggers", {}).items()
    }
    modifiers = _inverted(data.get("modifiers", {}), codes)
    version = str(data["version"])
    roots = {str(k): v for k, v in data.get("cameo_roots", {}).items()}
    dictionary: dict[str, tuple[str, str]] = {}
    patterns: dict[str, list[tuple[str, str]]] = {}
    synsets: dict[str, tuple[str, ...]] = {}
    if petrarch_verbs:
        dictionary = _dictionary_verbs(petrarch_verbs, roots)
        patterns = verb_patterns.index_patterns(petrarch.read_verbs(petrarch_verbs))
        synsets = petrarch.read_synsets(petrarch_verbs)
        version += f"+{Path(petrarch_verbs).name}"
    return ActionLexicon(
        version, codes, verbs, nouns, phrases, objects, modifiers, dictionary, patterns,
        synsets, roots,
    )


def _dictionary_verbs(path: str | Path, roots: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Bare verbs of a PETRARCH dictionary (no pattern) with a usable code, by lower-case
    lemma and inflected form: "ACCUSE [112]" gives accuse -> (accuse, "112")."""
    table: dict[str, tuple[str, str]] = {}
    for record in petrarch.read_verbs(path):
        code = record.code.split(":")[0]
        if record.pattern or not code.isdigit() or code[:2] not in roots:
            continue
        for word in (record.verb, *record.forms):
            table.setdefault(word.lower().replace("_", " "), (roots[code[:2]], code))
    return table


def _codes(name: str, entry: dict[str, Any]) -> ActionCodes:
    plover = entry.get("plover") or [None, None]
    acled = entry.get("acled") or [None, None]
    return ActionCodes(
        name=name, family=entry["family"], cameo=str(entry["cameo"]),
        cameo_root=str(entry["root"]), quad_class=int(entry["quad"]),
        goldstein=float(entry["goldstein"]), plover=plover[0], plover_mode=plover[1] or None,
        acled_event_type=acled[0], acled_sub_event_type=acled[1],
    )


def _inverted(groups: dict[str, list[str]], codes: dict[str, ActionCodes]) -> dict[str, str]:
    table = {}
    for action, words in groups.items():
        if action not in codes:
            raise LexiconError(f"actions.yaml: trigger list for unknown action {action!r}")
        for word in words:
            table[str(word).lower()] = action
    return table


def _phrase(text: str, action: str) -> _Phrase:
    parts = tuple(frozenset(part.lower().split("|")) for part in text.split())
    return _Phrase(parts, action, receiving=text.startswith("come under"))


def find(sentence: Span, language: str, lexicon: ActionLexicon) -> list[Trigger]:
    """Every trigger in `sentence`; a phrase wins over the single words inside it."""
    found = _phrase_triggers(sentence, lexicon.phrases.get(language, ()))
    found += _object_triggers(sentence, lexicon.objects.get(language, ()))
    found = list({(t.head.i, t.actions): t for t in found}.values())
    taken = {t.i for trigger in found for t in trigger.tokens}
    verbs = lexicon.verbs.get(language, {})
    nouns = lexicon.nouns.get(language, {})
    for token in sentence:
        if token.i in taken:
            continue
        lemma = token.lemma_.lower()
        if token.pos_ in {"VERB", "AUX"} and lemma in verbs:
            action = verbs[lemma]
        elif token.pos_ in {"NOUN", "PROPN", "ADJ"} and lemma in nouns:
            modifier = token.dep_ in {"compound", "amod"} and token.head.pos_ in {"NOUN", "PROPN"}
            if modifier and token.head.lemma_.lower() not in _EVENT_HEADS:
                continue  # "combat drones", "attack helicopter": a kind of thing, no event
            action = nouns[lemma]
        elif token.pos_ == "VERB" and lemma in nouns and language == "en":
            action = nouns[lemma]  # "strikes" tagged as a verb in a headline
        elif token.pos_ == "VERB" and language == "en" and (
            lemma in lexicon.dictionary_verbs or token.lower_ in lexicon.dictionary_patterns
            or lemma in lexicon.dictionary_patterns
        ):
            coded = _dictionary_code(token, lemma, lexicon)
            if coded is not None:
                found.append(Trigger(token, (token,), (coded[0],), cameo=coded[1]))
            continue
        else:
            continue
        found.append(Trigger(token, (token,), _refined(token, action, lexicon)))
    return sorted(_one_per_event(found), key=lambda t: t.head.i)


def _one_per_event(found: list[Trigger]) -> list[Trigger]:
    """ "fighting flared up" / "boje se rozhořely": a noun and the verb it is subject or
    object of, naming the same action, are one event; the verb keeps it."""
    verbs = {t.head.i: t.actions for t in found if not t.is_noun}
    return [t for t in found if not (t.is_noun and verbs.get(t.head.head.i) == t.actions
                                     and not is_root(t.head))]


def _dictionary_code(token: Token, lemma: str, lexicon: ActionLexicon) -> tuple[str, str] | None:
    """The action and CAMEO code a PETRARCH verb dictionary gives this verb here: the most
    specific of its patterns that matches the clause, else the bare verb's code."""
    patterns = lexicon.dictionary_patterns.get(token.lower_) or \
        lexicon.dictionary_patterns.get(lemma) or []
    code = verb_patterns.match(token, patterns, lexicon.synsets) if patterns else None
    if code is not None:
        code = verb_patterns.event_code(code)
        if code.isdigit() and code[:2] in lexicon.cameo_roots:
            return lexicon.cameo_roots[code[:2]], code
        if code == "---" or not code:
            return None
    return lexicon.dictionary_verbs.get(lemma) or lexicon.dictionary_verbs.get(token.lower_)


def _phrase_triggers(sentence: Span, phrases: tuple[_Phrase, ...]) -> list[Trigger]:
    found: list[Trigger] = []
    lemmas = [t.lemma_.lower() for t in sentence]
    for phrase in phrases:
        for start, lemma in enumerate(lemmas):
            if lemma not in phrase.parts[0]:
                continue
            matched = _match_rest(lemmas, start, phrase.parts[1:])
            if matched is None:
                continue
            tokens = tuple(sentence[i] for i in [start, *matched])
            head = next((t for t in tokens if t.pos_ == "VERB"),
                        next((t for t in tokens if t.pos_ == "AUX"), tokens[-1]))
            found.append(Trigger(head, tokens, (phrase.action,), phrase.receiving))
    return found


def _object_triggers(sentence: Span, entries: tuple[_ObjectTrigger, ...]) -> list[Trigger]:
    found: list[Trigger] = []
    for token in sentence:
        lemma = token.lemma_.lower()
        for entry in entries:
            if lemma not in entry.verbs:
                continue
            objects = [c for c in token.children if c.dep_ in {"dobj", "obj", "nsubjpass",
                                                                "nsubj:pass"}]
            objects += [c for o in objects for c in o.conjuncts]
            objects += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "to"
                        for g in c.children if g.dep_ == "pobj"]  # "subjected X to fire"
            hit = next((o for o in objects if o.lemma_.lower() in entry.objects), None)
            if hit is not None:
                weapon = entry.action != "shoot_down" and entry.action != "kill"
                found.append(Trigger(token, (token,), (entry.action,), weapon=weapon))
                break
    return found


def _match_rest(
    lemmas: list[str], start: int, parts: tuple[frozenset[str], ...]
) -> list[int] | None:
    positions: list[int] = []
    cursor = start
    for part in parts:
        window = range(cursor + 1, min(len(lemmas), cursor + 2 + _MAX_GAP))
        hit = next((i for i in window if lemmas[i] in part), None)
        if hit is None:
            return None
        positions.append(hit)
        cursor = hit
    return positions


def _refined(token: Token, action: str, lexicon: ActionLexicon) -> tuple[str, ...]:
    """A generic attack made specific by the words around it: "missile & aerial attack"."""
    if action not in _GENERIC_ATTACKS:
        return (action,)
    specific: list[str] = []
    for word in _modifier_words(token):
        refined = lexicon.modifiers.get(word.lemma_.lower()) or lexicon.modifiers.get(
            word.lower_)
        if refined and refined not in specific:
            specific.append(refined)
    return tuple(specific) or (action,)


def _modifier_words(token: Token) -> list[Token]:
    """Words that modify `token`: compounds, adjectives, "with drones", and their conjuncts."""
    words: list[Token] = []
    queue = [c for c in token.children if c.dep_ in _MODIFIER_DEPS and c.dep_ != "conj"]
    while queue:
        word = queue.pop(0)
        if word.dep_ == "prep" and word.lower_ not in {"with", "by", "s", "avec", "par"}:
            continue
        words.append(word)
        queue.extend(c for c in word.children if c.dep_ in {"conj", "pobj", "compound", "amod"})
    return words
