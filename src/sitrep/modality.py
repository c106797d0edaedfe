"""Modality: did the claimant say the action happened, deny it, hedge it, accuse someone of it,
or threaten it? Future, hypothetical and negated actions are never coded as having happened.

`polarity(trigger, claimant_cue, language, lexicon)` reads the parse around one trigger.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml
from spacy.tokens import Token

from sitrep.actions import Trigger
from sitrep.errors import LexiconError
from sitrep.nlp import is_root, same

ASSERTED, DENIED, HEDGED, ALLEGED, THREATENED = (
    "asserted", "denied", "hedged", "alleged", "threatened",
)
_CLAUSE_LINKS = {"ccomp", "xcomp", "acl", "relcl", "advcl", "acl:relcl", "conj", "dobj", "obj",
                 "pobj", "pcomp", "prep", "nmod", "obl", "csubj", "ccomp:obj", "parataxis"}


@dataclass(frozen=True)
class ModalityWords:
    negators: frozenset[str]
    deny_verbs: frozenset[str]
    soft_deny_verbs: frozenset[str]
    deny_nouns: frozenset[str]
    deny_phrases: tuple[str, ...]
    hedges: frozenset[str]
    hedge_modals: frozenset[str]
    future: frozenset[str]
    intent_verbs: frozenset[str]
    accuse_verbs: frozenset[str]


@dataclass(frozen=True)
class ModalityLexicon:
    version: str
    languages: dict[str, ModalityWords]

    def words(self, language: str) -> ModalityWords:
        return self.languages.get(language, self.languages["en"])


def load() -> ModalityLexicon:
    """The bundled modality words."""
    text = resources.files("sitrep").joinpath("data/modality.yaml").read_text("utf-8")
    try:
        data: dict[str, Any] = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise LexiconError(f"modality.yaml: invalid YAML ({exc})") from None
    languages = {
        language: ModalityWords(
            **{
                key: tuple(value) if key == "deny_phrases" else frozenset(value)
                for key, value in words.items()
            }
        )
        for language, words in data.items()
        if language != "version"
    }
    return ModalityLexicon(str(data["version"]), languages)


_THREAT_FAMILIES = {"attack", "territory", "military", "rhetoric", "coercion", "humanitarian"}


def polarity(
    trigger: Trigger, cue: str | None, language: str, lexicon: ModalityLexicon,
    family: str = "attack",
) -> str:
    """The claim's polarity; `cue` is the word that introduced its statement. Future conflict
    is threatened; a future meeting or aid is an asserted intent (CAMEO codes intent so)."""
    words = lexicon.words(language)
    head = trigger.head
    chain = _governors(head)
    rhetoric = set(trigger.actions) & {"deny", "reject", "accuse", "condemn"}
    if _negated(trigger, chain, words) or (
        not rhetoric and (_denied_above(chain, words) or _called_false(head, words))
    ):
        return DENIED
    if _future(head, chain, words):
        return THREATENED if family in _THREAT_FAMILIES else ASSERTED
    if _hedged(head, chain, words):
        return HEDGED
    if _accused(chain, cue, words):
        return ALLEGED
    return ASSERTED


def _governors(token: Token) -> list[Token]:
    """The trigger and the words it hangs from, up through clause links to the root."""
    chain = [token]
    while not is_root(token) and token.dep_ in _CLAUSE_LINKS | {"nsubj", "nsubjpass",
                                                                     "nsubj:pass", "amod"}:
        token = token.head
        chain.append(token)
    return chain


def _negated(trigger: Trigger, chain: list[Token], words: ModalityWords) -> bool:
    """ "did not attack", "no helicopters were shot down", "nezaútočila", "n'a pas tiré"."""
    head = trigger.head
    scope = [head] + ([head.head] if head.dep_ in {"dobj", "obj", "xcomp"} else [])
    for token in scope:
        if "Neg" in token.morph.get("Polarity") and token.pos_ in {"VERB", "AUX"}:
            return True
        for child in token.children:
            if child.dep_ in {"neg", "advmod", "det", "aux"} and child.lower_ in words.negators:
                return True
            if "Neg" in child.morph.get("Polarity") and child.pos_ in {"AUX", "PART", "ADV"}:
                return True
    arguments = [a for a in head.children
                 if a.dep_ in {"nsubjpass", "nsubj:pass", "dobj", "obj", "nsubj"}]
    return any(
        d.lower_ in words.negators for a in arguments for d in a.children
        if d.dep_ in {"det", "amod"}
    )


def _denied_above(chain: list[Token], words: ModalityWords) -> bool:
    """The trigger sits inside what a denial verb governs: "denied that it shelled Ganja",
    "denies the reports that helicopters were shot down" — but not a clause merely
    coordinated with the denial ("rejected the charge and said the army had shelled …")."""
    reported = False
    for below, above in zip(chain, chain[1:], strict=False):
        if below.dep_ in {"conj", "parataxis"}:
            return False
        reported = reported or below.lemma_.lower() in _REPORT_NOUNS
        lemma = above.lemma_.lower()
        if above.pos_ == "VERB" and (lemma in words.deny_verbs or (
                lemma in words.soft_deny_verbs and reported)):
            return True  # "rejected claims that …", but not "rejected the call for talks"
    return False


_REPORT_NOUNS = {"report", "claim", "statement", "allegation", "information", "news",
                 "accusation", "rumour", "rumor", "zpráva", "tvrzení", "informace", "obvinění",
                 "affirmation", "allégation", "rapport"}


def _called_false(head: Token, words: ModalityWords) -> bool:
    """ "Reports that helicopters were shot down are an absolute lie": the trigger is in what
    a report or claim says, and the sentence calls that false."""
    sentence = head.sent
    lemmas = {t.lemma_.lower() for t in sentence}
    if not lemmas & words.deny_nouns and not any(
        p in sentence.text.lower() for p in words.deny_phrases
    ):
        return False
    return any(t.lemma_.lower() in _REPORT_NOUNS for t in _governors(head)[1:])


def _future(head: Token, chain: list[Token], words: ModalityWords) -> bool:
    """ "will respond", "threatens to strike", "zaútočí", "frappera"."""
    for token in chain[:3]:
        if "Fut" in token.morph.get("Tense"):
            return True
        if any(c.dep_ in {"aux", "aux:pass"} and c.lower_ in words.future
               for c in token.children):
            return True
        if token.dep_ in {"xcomp", "advcl"} and token.head.lemma_.lower() in words.intent_verbs:
            return True
        if not same(token, head) and token.lemma_.lower() in words.intent_verbs and \
                head.dep_ in {"xcomp", "dobj", "obj"}:
            return True
    return False


def _hedged(head: Token, chain: list[Token], words: ModalityWords) -> bool:
    """ "reportedly shelled", "may have struck", "údajně", "aurait tiré" (conditional)."""
    for token in chain[:2]:
        for child in token.children:
            if child.lower_ in words.hedges:
                return True
            if child.dep_ == "aux" and child.lemma_.lower() in words.hedge_modals:
                return True
        if "Cnd" in token.morph.get("Mood"):
            return True
    return any(t.lower_ in words.hedges for t in head.sent if t.dep_ == "advmod"
               and t.head in chain)


def _accused(chain: list[Token], cue: str | None, words: ModalityWords) -> bool:
    """ "accused Armenia of shelling Ganja": one party charges another."""
    if any(t.lemma_.lower() in words.accuse_verbs and t.pos_ == "VERB" for t in chain[1:]):
        return True
    return cue is not None and cue.lower() in words.accuse_verbs
