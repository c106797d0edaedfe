"""Quantities: how many of what each claim says was lost, by whom, and whether it is a total.

`load()` reads data/quantities.yaml once; `extract(document, parsed, claims, statements,
lexicon, actor_lexicon, issuer)` finds every count of equipment or people that a sentence says
was lost ("shot down 2 Az helicopters", "dozens of civilians were killed", "nejméně pět
vojáků zahynulo"), reads it as UCDP's low / best / high, names the losing side from the words
or the claim, marks running totals, attaches each to its claim and returns both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

import yaml
from spacy.tokens import Span, Token

from sitrep import actors
from sitrep.actors import ActorLexicon
from sitrep.errors import LexiconError
from sitrep.nlp import Parsed
from sitrep.records import Actor, Claim, Document, Quantity, Statement

_DIGITS = re.compile(r"^\d{1,3}(?:[,\u00a0\u202f ]\d{3})+$|^\d+$")
_NOT_COUNTS = {"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL"}
_RANGE_WORDS = {"-", "–", "—", "to", "or", "and", "až", "do", "nebo", "à", "ou", "et"}
_OF_WORDS = {"of", "de", "d'", "d’", "z", "ze"}
_STOP_POS = {"VERB", "AUX", "PUNCT", "CCONJ", "SCONJ", "NUM", "PRON"}
_PHRASE_WINDOW = 6
_FIRST_PERSON = {"we", "our", "us", "náš", "naše", "naši", "našich", "my", "nous", "notre",
                 "nos"}
_ARTICLES = frozenset({"a", "an", "un", "une"})  # "a man": one, said as an article
_LOSE = {"lose", "ztratit", "perdre"}
_LOSS_ACTIONS = {"shoot_down", "destroy_equipment", "kill", "injure", "capture_territory",
                 "displace"}
_PEOPLE_ACTIONS = {"killed": {"kill"}, "soldier_killed": {"kill"}, "civilian_killed": {"kill"},
                   "wounded": {"injure"}, "casualties": {"kill", "injure"},
                   "displaced": {"displace"}}
_EQUIPMENT_ACTIONS = {"shoot_down", "destroy_equipment"}
_SEVERITY = ["killed", "captured", "missing", "casualties", "wounded", "displaced", "shot"]


@dataclass(frozen=True)
class QuantityLexicon:
    version: str
    numbers: dict[str, dict[str, int]]
    vague: dict[str, dict[tuple[str, ...], tuple[int | None, int | None, int | None]]]
    modifiers: dict[str, dict[tuple[str, ...], str]]
    equipment: dict[str, str]
    people: dict[str, str]
    casualty: dict[str, str]
    casualty_phrases: dict[tuple[str, ...], str]
    loss_words: frozenset[str]
    fatal: frozenset[str]
    months: re.Pattern[str]
    cumulative: re.Pattern[str]


def load() -> QuantityLexicon:
    """The bundled number words, loss classes and markers."""
    text = resources.files("sitrep").joinpath("data/quantities.yaml").read_text("utf-8")
    try:
        data: dict[str, Any] = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise LexiconError(f"quantities.yaml: invalid YAML ({exc})") from None
    casualty: dict[str, str] = {}
    phrases: dict[tuple[str, ...], str] = {}
    for what, words in data["casualty"].items():
        for word in words:
            key = tuple(word.lower().split())
            if len(key) > 1:
                phrases[key] = what
            else:
                casualty.setdefault(key[0], what)
    cumulative = "|".join(sorted((re.escape(w) for w in data["cumulative"]), key=len,
                                 reverse=True))
    return QuantityLexicon(
        version=str(data["version"]),
        numbers={lang: {w.lower(): int(n) for w, n in words.items()}
                 for lang, words in data["numbers"].items()},
        vague={lang: {tuple(w.lower().split()): tuple(r) for w, r in words.items()}
               for lang, words in data["vague"].items()},
        modifiers={lang: {tuple(w.lower().split()): kind
                          for kind, per_lang in data["modifiers"].items()
                          for w in per_lang.get(lang, [])}
                   for lang in data["numbers"]},
        equipment={" ".join(w.lower().split()): what
                   for what, words in data["equipment"].items() for w in words},
        people={w.lower(): group for group, words in data["people"].items() for w in words},
        casualty=casualty,
        casualty_phrases=phrases,
        loss_words=frozenset(w.lower() for w in data["loss_verbs"]),
        fatal=frozenset(w.lower() for w in data["fatal"]),
        months=_months(),
        cumulative=re.compile(rf"(?<!\w)(?:{cumulative})(?!\w)", re.IGNORECASE),
    )


def _months() -> re.Pattern[str]:
    """Month names of every language, from the dates lexicon (a number before one is a day)."""
    text = resources.files("sitrep").joinpath("data/dates.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    names = [words["months"] for lang, words in data.items()
             if isinstance(words, dict) and "months" in words]
    return re.compile("|".join(f"(?:{n})" for n in names), re.IGNORECASE)


@dataclass(frozen=True)
class _Count:
    low: int | None
    best: int | None
    high: int | None
    first: int  # token index where the expression starts (modifier included)
    last: int  # token index of its last word


def extract(
    document: Document, parsed: Parsed, claims: list[Claim] | tuple[Claim, ...],
    statements: list[Statement] | tuple[Statement, ...], lexicon: QuantityLexicon,
    actor_lexicon: ActorLexicon, issuer: Actor | None = None, outlet: str = "(outlet)",
) -> tuple[list[Claim], list[Quantity]]:
    """Every loss count in the document, each attached to the claim it belongs to."""
    found: list[tuple[Quantity, int | None]] = []
    for s_start, s_end, sentence in parsed.sentences():
        language = sentence.doc.lang_ or document.language
        in_sentence = [i for i, c in enumerate(claims) if c.start <= s_start < c.end
                       or s_start <= c.trigger_start < s_end]
        for count, noun, what in _counts(sentence, language, lexicon):
            first = sentence.doc[count.first]
            last = noun if noun is not None else sentence.doc[count.last]
            while last.dep_ in {"compound", "amod", "nmod"} and 0 < last.head.i - last.i <= 3:
                last = last.head  # "12 Osa anti-aircraft missile systems": the whole name
            start = parsed.offset_of(first)
            end = parsed.offset_of(last) + len(last.text)
            index = _claim_for(noun, what, start, claims, in_sentence, parsed)
            claim = claims[index] if index is not None else None
            claimant = claim.claimant if claim else _claimant(start, statements, issuer, outlet)
            country = claim.claimant_country if claim else None
            losing = _side_losing(noun, count, what, sentence, claim, country, actor_lexicon)
            quantity = Quantity(
                what=what, low=count.low, best=count.best, high=count.high, start=start,
                end=end, evidence=parsed.text[start:end], side_losing=losing,
                cumulative=bool(lexicon.cumulative.search(sentence.text)), claimant=claimant,
            )
            found.append((quantity, index))
    by_claim: dict[int, list[Quantity]] = {}
    for quantity, index in found:
        if index is not None:
            by_claim.setdefault(index, []).append(quantity)
    updated = [replace(c, quantities=tuple(by_claim.get(i, ()))) if i in by_claim else c
               for i, c in enumerate(claims)]
    return updated, [q for q, _ in found]


def _counts(
    sentence: Span, language: str, lexicon: QuantityLexicon
) -> list[tuple[_Count, Token | None, str]]:
    """(count, quantified noun, what) for every loss count in the sentence, left to right."""
    found: list[tuple[_Count, Token | None, str]] = []
    doc = sentence.doc
    i = sentence.start
    while i < sentence.end:
        count = _count_at(doc, i, sentence.end, language, lexicon)
        if count is None:
            i += 1
            continue
        noun, what = _what(doc, count, sentence, lexicon)
        if what is not None:
            found.append((count, noun, what))
        i = count.last + 1
    found += _bare_plurals(sentence, lexicon, found)
    found += _named_victims(sentence, lexicon, found)
    found.sort(key=lambda item: item[0].first)
    return found


def _count_at(
    doc: Any, i: int, end: int, language: str, lexicon: QuantityLexicon
) -> _Count | None:
    """The count expression starting at token i, with any modifier before its number."""
    words = [t.lower_ for t in doc[i:min(end, i + 4)]]
    kind = None
    for phrase, modifier in sorted(lexicon.modifiers.get(language, {}).items(),
                                   key=lambda kv: -len(kv[0])):
        if tuple(words[:len(phrase)]) == phrase:
            kind, words = modifier, words[len(phrase):]
            break
    start_number = i + (len(doc[i:min(end, i + 4)]) - len(words)) if kind else i
    if start_number >= end:
        return None
    vague = _vague_at(doc, start_number, end, language, lexicon)
    if vague is not None:
        (low, best, high), last = vague
        return _Count(low, best, high, i, last)
    value, last = _number_at(doc, start_number, end, language, lexicon)
    if value is None or _age_end(doc, start_number, end) is not None:
        return None  # "a 15-year-old": an age, not a count
    if last + 1 < end and (doc[last + 1].ent_type_ == "DATE" and doc[last + 1].is_alpha
                           or lexicon.months.fullmatch(doc[last + 1].lower_.rstrip("."))):
        return None  # "27 September", "27. září": a day
    if kind is None and doc[start_number].lower_ in _ARTICLES:
        kind = "article"
    high_value, last = _range_end(doc, last, end, language, lexicon)
    if high_value is not None and high_value > value:
        return _Count(value, value, high_value, i, last)
    if kind == "at_least":
        return _Count(value, value, None, i, last)
    if kind == "more_than":
        return _Count(value + 1, value + 1, None, i, last)
    if kind == "up_to":
        return _Count(None, value, value, i, last)
    if kind == "about":
        return _Count(None, value, None, i, last)
    return _Count(value, value, value, i, last)


def _vague_at(
    doc: Any, i: int, end: int, language: str, lexicon: QuantityLexicon
) -> tuple[tuple[int | None, int | None, int | None], int] | None:
    words = [t.lower_ for t in doc[i:min(end, i + 3)]]
    for phrase, reading in sorted(lexicon.vague.get(language, {}).items(),
                                  key=lambda kv: -len(kv[0])):
        if tuple(words[:len(phrase)]) == phrase:
            return reading, i + len(phrase) - 1
    return None


def _number_at(
    doc: Any, i: int, end: int, language: str, lexicon: QuantityLexicon
) -> tuple[int | None, int]:
    """A number in digits or words at token i ("2", "2,317", "twenty-five", "two hundred")."""
    token = doc[i]
    if token.ent_type_ in _NOT_COUNTS and token.lower_ not in {"a", "an"}:
        return None, i
    if _DIGITS.match(token.text):
        digits = re.sub(r"\D", "", token.text)
        return (int(digits) if len(digits) < 9 else None), i
    words = lexicon.numbers.get(language, {})
    total = current = 0
    last = i - 1
    j = i
    while j < end:
        parts = doc[j].lower_.split("-")
        if not all(p in words for p in parts) or (
            j > i and parts[0] in {"a", "an", "un", "une", "single", "pair", "couple"}
        ):
            break
        for part in parts:
            value = words[part]
            if value in (100, 1000) and current:
                current *= value
                if value == 1000:
                    total, current = total + current, 0
            else:
                current += value
        last = j
        j += 1
        if doc[i].lower_ in {"a", "an", "single", "pair", "couple", "un", "une"}:
            break
    if last < i:
        return None, i
    return total + current, last


def _range_end(
    doc: Any, last: int, end: int, language: str, lexicon: QuantityLexicon
) -> tuple[int | None, int]:
    """ "20-30", "20 to 30", "two or three": the upper figure and the range's last token."""
    if last + 2 >= end or doc[last + 1].lower_ not in _RANGE_WORDS:
        return None, last
    value, upper_last = _number_at(doc, last + 2, end, language, lexicon)
    if value is None or doc[last + 2].lower_ in _ARTICLES:
        return None, last
    return value, upper_last


def _what(
    doc: Any, count: _Count, sentence: Span, lexicon: QuantityLexicon
) -> tuple[Token | None, str | None]:
    """The quantified noun after the count and what it says was lost, if anything was."""
    phrase: list[Token] = []
    j = count.last + 1
    end = min(sentence.end, j + _PHRASE_WINDOW)
    person: Token | None = None
    age = _age_end(doc, j, sentence.end)
    if age is not None:  # "a 20-year-old man"; "a 15-year-old was killed": the age is a person
        j = age + 1
        end = min(sentence.end, j + _PHRASE_WINDOW)
        if j >= sentence.end or doc[j].pos_ not in {"NOUN", "PROPN", "ADJ"}:
            person, end = doc[age], j
    while j < end:
        token = doc[j]
        if token.lower_ in _OF_WORDS and not phrase:
            j += 1
            continue
        stops = token.pos_ in _STOP_POS or (token.pos_ == "ADP" and token.lower_ not in _OF_WORDS)
        if stops and not (token.pos_ == "PUNCT" and token.text in {"-", "‑"} and phrase):
            break
        phrase.append(token)
        j += 1
    equipment = _equipment(phrase, lexicon)
    if equipment is not None:
        noun, what = equipment
        if _lost(noun, doc[count.first], sentence, lexicon):
            return noun, what
        return None, None
    noun = person or _person_noun(phrase, lexicon)
    if noun is None and any(t.pos_ == "NOUN" for t in phrase):
        return None, None  # "10 shots", "the 4100 block": a count of something else
    casualty = _casualty(noun, doc, count, sentence, lexicon)
    if casualty is None:
        return None, None
    if noun is None and casualty in {"killed", "wounded", "captured", "missing", "displaced",
                                     "casualties"} and not _bare_number_ok(doc, count):
        return None, None
    if casualty == "shot":  # shot and not said to be dead: wounded
        casualty = "wounded"
    if casualty == "killed" and noun is not None:
        group = lexicon.people.get(_base(noun))
        casualty = {"military": "soldier_killed", "civilian": "civilian_killed"}.get(
            group or "", "killed")
    return noun, casualty


_AGE = re.compile(r"^(?:\d{1,3}|[a-z]+)-?years?-?old$")


def _age_end(doc: Any, i: int, end: int) -> int | None:
    """The last token of an age ("20-year-old", "13 year old") starting at token i."""
    text = ""
    for j in range(i, min(end, i + 5)):
        text += doc[j].lower_
        if _AGE.match(text):
            return j
    return None


def _bare_number_ok(doc: Any, count: _Count) -> bool:
    """A number with no noun ("30 were killed", "killing 30") only if it is a plain count."""
    return doc[count.first].lower_ not in _ARTICLES


def _base(token: Token) -> str:
    lemma = token.lemma_.lower()
    return lemma if lemma else token.lower_


def _forms(token: Token) -> set[str]:
    text = token.lower_
    forms = {text, token.lemma_.lower()}
    if text.endswith("s") and len(text) > 3:
        forms.add(text[:-1])
    return forms


def _equipment(phrase: list[Token], lexicon: QuantityLexicon) -> tuple[Token, str] | None:
    """The last token of the longest equipment name in the phrase, and its class."""
    best: tuple[tuple[int, int], Token, str] | None = None
    for end in range(len(phrase)):
        for start in range(end + 1):
            words = phrase[start:end + 1]
            for key in _keys(words):
                what = lexicon.equipment.get(key)
                if what and (best is None or (end, len(words)) > best[0]):
                    best = ((end, len(words)), words[-1], what)
    return (best[1], best[2]) if best else None


def _keys(words: list[Token]) -> list[str]:
    """Lookup keys for a run of words as written ("anti-aircraft", "armoured vehicles"), the
    last word also singular or as its lemma."""
    head = "".join(w.text_with_ws for w in words[:-1]).lower()
    return [" ".join((head + form).split()) for form in _forms(words[-1])]


def _person_noun(phrase: list[Token], lexicon: QuantityLexicon) -> Token | None:
    counting = lexicon.people.keys() | {w for w, c in lexicon.casualty.items() if c != "shot"}
    for token in phrase:
        if _forms(token) & counting and (
            token.pos_ in {"NOUN", "PROPN", "ADJ"} or token.lower_ in lexicon.people
        ):
            return token
    return None


def _role(noun: Token) -> str:
    """The noun's dependency, or its first conjunct's for a list ("artillery and drones")."""
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head
    return noun.dep_


def _lost(noun: Token, first: Token, sentence: Span, lexicon: QuantityLexicon) -> bool:
    """Whether the words around an equipment count say it was lost; the doer of an active
    verb never is ("drones struck the village")."""
    if _role(noun) in {"nsubj", "csubj"} or noun.head.dep_ == "agent" or noun.dep_ == "agent":
        return False  # the doer, or "shot down by a Turkish F-16"
    heads: list[Token] = []
    for head in noun.ancestors:  # up to the clause's verb, through a list of conjuncts
        heads.append(head)
        if head.pos_ in {"VERB", "AUX"}:
            break
    near = heads + list(noun.children)
    doc = sentence.doc
    near += list(doc[max(sentence.start, first.i - _PHRASE_WINDOW):first.i])
    near += list(doc[noun.i + 1:min(sentence.end, noun.i + 4)])
    return any(_forms(t) & lexicon.loss_words for t in near)


def _casualty(
    noun: Token | None, doc: Any, count: _Count, sentence: Span, lexicon: QuantityLexicon
) -> str | None:
    """What happened to the people counted: the noun itself ("30 deaths"), its own words
    ("5 soldiers killed", "killed 5 soldiers"), or the words right around the number."""
    if noun is not None:
        own = {f for f in _forms(noun) & lexicon.casualty.keys()
               if lexicon.casualty[f] != "shot"}  # "shots" fired are not people shot
        counted = doc[count.first].lower_ not in _ARTICLES
        if own and noun.lower_ not in lexicon.people and (counted or noun.tag_ != "NN"):
            return lexicon.casualty[sorted(own)[0]]
        groups = [list(noun.children)] + [  # its own words, then each head nearest first
            [h] + [c for c in h.children
                   if c.dep_ in {"conj", "advmod", "acomp", "oprd", "xcomp"}]
            for h in list(noun.ancestors)[:2]]
        for related in groups:
            said = [found for t in related if (found := _casualty_word(t, lexicon))]
            if said:  # "shot and killed": the gravest word of one predicate
                return min(said, key=_SEVERITY.index)
    anchor = noun if noun is not None else doc[count.last]
    if noun is None:  # "killed one": the verb the number belongs to
        found = _casualty_word(doc[count.last].head, lexicon)
        if found:
            return found
    before = list(doc[max(sentence.start, count.first - 3):count.first])[::-1]
    after = list(doc[anchor.i + 1:min(sentence.end, anchor.i + 4)])
    if noun is None:
        after = [t for t in after if t.pos_ != "PUNCT"]
    for token in after + before:
        found = _casualty_word(token, lexicon)
        if found:
            return found
    if noun is None:
        for token in list(doc[count.last].ancestors)[:2]:
            found = _casualty_word(token, lexicon)
            if found:
                return found
    return None


def _casualty_word(token: Token, lexicon: QuantityLexicon) -> str | None:
    forms = _forms(token)
    if forms & lexicon.fatal and any(_forms(h) & lexicon.casualty.keys()
                                     for h in (token.head, *token.children)):
        return "killed"  # "fatally wounded", "shot fatally"
    for form in sorted(forms):
        if form in lexicon.casualty and form not in lexicon.people:
            return lexicon.casualty[form]
    return None


def _bare_plurals(
    sentence: Span, lexicon: QuantityLexicon, counted: list[tuple[_Count, Token | None, str]]
) -> list[tuple[_Count, Token | None, str]]:
    """Equipment lost with no number ("destroyed tanks"): the class with no count."""
    taken = {noun.i for _, noun, _ in counted if noun is not None}
    found: list[tuple[_Count, Token | None, str]] = []
    for token in sentence:
        if token.i in taken or token.pos_ != "NOUN" or token.tag_ not in {"NNS", "NNPS"}:
            continue
        if _role(token) not in {"dobj", "obj", "nsubjpass", "nsubj:pass", "pobj"}:
            continue
        if any(c.dep_ in {"nummod", "det"} or c.like_num for c in token.children):
            continue
        first = token.i
        while first - 1 >= sentence.start and sentence.doc[first - 1].dep_ in {"amod", "compound"}:
            first -= 1
        equipment = _equipment(list(sentence.doc[first:token.i + 1]), lexicon)
        if equipment is None or not _lost(token, token, sentence, lexicon):
            continue
        found.append((_Count(None, None, None, first, token.i), token, equipment[1]))
    return found


_VICTIM_DEPS = {"nsubjpass", "nsubj:pass", "nsubj", "dobj", "obj"}
_ONE_VICTIM = {"killed", "wounded", "captured", "missing"}


def _named_victims(
    sentence: Span, lexicon: QuantityLexicon, counted: list[tuple[_Count, Token | None, str]]
) -> list[tuple[_Count, Token | None, str]]:
    """One person a casualty word names without a number: "Randy Chapman, 23, died", "the
    victim was shot and killed", "police killed the gunman" — one, not "some"."""
    taken = {i for count, noun, _ in counted for i in range(count.first, count.last + 1)}
    taken |= {noun.i for _, noun, _ in counted if noun is not None}
    found: list[tuple[_Count, Token | None, str]] = []
    for token in sentence:
        if token.i in taken or token.dep_ not in _VICTIM_DEPS or token.tag_ in {"NNS", "NNPS"}:
            continue
        named = token.pos_ == "PROPN" and (token.ent_type_ == "PERSON" or any(
            c.dep_ == "appos" and c.like_num for c in token.children))  # "Jo Doe, 21, died"
        person = token.pos_ == "NOUN" and token.lower_ in lexicon.people and any(
            c.lower_ in {"the", "this", "that"} or c.dep_ == "poss" for c in token.children)
        if not (named or person) or any(c.dep_ == "nummod" for c in token.children):
            continue
        if token.dep_ in {"dobj", "obj"} and token.head.lemma_.lower() not in lexicon.casualty:
            continue
        count = _Count(1, 1, 1, token.i, token.i)
        what = _casualty(token, sentence.doc, count, sentence, lexicon)
        if what == "shot":
            what = "wounded"
        if what not in _ONE_VICTIM:
            continue
        first = token.i
        while first - 1 >= sentence.start and sentence.doc[first - 1].dep_ in {
                "compound", "amod", "det"} and sentence.doc[first - 1].head.i == token.i:
            first -= 1
        if what == "killed":
            group = lexicon.people.get(_base(token))
            what = {"military": "soldier_killed", "civilian": "civilian_killed"}.get(
                group or "", "killed")
        found.append((_Count(1, 1, 1, first, token.i), token, what))
    return found


def _claim_for(
    noun: Token | None, what: str, start: int, claims: list[Claim] | tuple[Claim, ...],
    in_sentence: list[int], parsed: Parsed,
) -> int | None:
    """The claim a count belongs to: the one whose trigger governs it and whose target holds
    it, else the nearest claim of a fitting action in the same sentence."""
    if not in_sentence:
        return None
    governing = {parsed.offset_of(t) for t in noun.ancestors} if noun is not None else set()
    fitting = _PEOPLE_ACTIONS.get(what, _EQUIPMENT_ACTIONS)

    def score(index: int) -> tuple[int, int, int, int]:
        claim = claims[index]
        holds = bool(noun is not None and claim.target is not None
                     and noun.text in claim.target.name)
        return (claim.trigger_start in governing, holds, claim.action in fitting,
                -abs(claim.trigger_start - start))

    best = max(in_sentence, key=score)
    top = score(best)
    if not (top[0] or top[1] or top[2]) and claims[best].action not in _LOSS_ACTIONS:
        return best if abs(claims[best].trigger_start - start) < 80 else None
    return best


def _claimant(
    position: int, statements: list[Statement] | tuple[Statement, ...], issuer: Actor | None,
    outlet: str,
) -> str:
    for statement in statements:
        if statement.start <= position < statement.end:
            return statement.speaker.canonical
    return issuer.canonical if issuer else outlet


def _side_losing(
    noun: Token | None, count: _Count, what: str, sentence: Span, claim: Claim | None,
    claimant_country: str | None, lexicon: ActorLexicon,
) -> str | None:
    """Whose loss: the words ("2 Az helicopters", "our soldiers", "the enemy's tanks"), else
    the claim's target, else the other side of the claim's actor."""
    doc = sentence.doc
    if noun is not None:
        words = list(doc[count.last + 1:noun.i + 1]) + [
            t for c in noun.children if c.dep_ in {"amod", "compound", "poss", "nmod", "nmod:poss"}
            for t in c.subtree
        ]
        named = _whose(words, claimant_country, lexicon)
        if named is not None:
            return named
        loser = _loser(noun, claimant_country, lexicon)
        if loser is not None:
            return loser
    if claim is None:
        return None
    if claim.target is not None and claim.target.country:
        return claim.target.country
    actor = claim.actor.country if claim.actor is not None else None
    if actor in lexicon.opponents and claim.action in _LOSS_ACTIONS and claimant_country in {
            actor, lexicon.opponents[actor]}:  # a party speaking of its own war
        return lexicon.opponents[actor]
    return None


def _loser(noun: Token, claimant_country: str | None, lexicon: ActorLexicon) -> str | None:
    """ "we lost 5 soldiers", "the adversary has lost 790 servicemen": whoever lost them."""
    verb = next((h for h in noun.ancestors if h.pos_ in {"VERB", "AUX"}), None)
    for head in [verb] if verb is not None else []:
        if head.lemma_.lower() not in _LOSE:
            continue
        for subject in (c for c in head.children if c.dep_.startswith("nsubj")):
            named = _whose(list(subject.subtree), claimant_country, lexicon)
            if named is not None:
                return named
    return None


def _whose(words: list[Token], claimant_country: str | None, lexicon: ActorLexicon) -> str | None:
    """The side some words name: "our" (the claimant's), a state or people ("Azerbaijani"),
    or "the enemy" (the other side of the claimant's conflict)."""
    if {t.lower_ for t in words} & _FIRST_PERSON:
        return claimant_country
    text = " ".join(t.text for t in words)
    polity = actors.polity_in(text, lexicon)
    if polity is not None:
        return polity.country
    enemy = actors.opponent(text, claimant_country, lexicon)
    return enemy.country if enemy is not None else None
