"""Relevance pre-filter: which sentences of a text are worth the full spaCy parse.

A sentence is kept when one of its words could be an action trigger, an attribution cue or a
number: a cheap pass over word forms, by word stems and, where the spaCy pipeline carries
them, its tables of irregular forms ("struck" is "strike", "said" is "say"). Sentences with
none of these are not parsed. `load(actions, cues)` builds the word lists once;
`kept(text, language, lexicon, nlp)` gives the stretches of `text` to parse.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml
from spacy.language import Language

from sitrep.actions import ActionLexicon
from sitrep.cues import CueLexicon

_MIN_STEM = 3
# Above this share of kept characters, the whole text is parsed: cutting it into pieces would
# cost more parser calls than the few skipped sentences save.
_WHOLE = 0.75
_WORD = re.compile(r"\w+", re.UNICODE)
_DIGIT = re.compile(r"\d")
# A sentence ends at . ! ? … (with closing quotes or brackets) before a space, or at a line end.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*[ \t\u00a0]+|\n+")


@dataclass(frozen=True)
class Lexicon:
    """What makes a sentence relevant, per language: stems of single words (triggers, cues,
    number words), and groups of stems that count only together (a phrase's parts, a verb
    with its object)."""

    version: str
    stems: dict[str, frozenset[str]]
    together: dict[str, tuple[tuple[frozenset[str], ...], ...]]
    longest: int


def load(actions: ActionLexicon, cues: CueLexicon) -> Lexicon:
    """Stems of every trigger, cue and number word, per language."""
    data = _data()
    words: dict[str, set[str]] = {}
    together: dict[str, list[tuple[frozenset[str], ...]]] = {}
    for language, table in (*actions.verbs.items(), *actions.nouns.items()):
        words.setdefault(language, set()).update(table)
    for language, phrases in actions.phrases.items():
        together.setdefault(language, []).extend(
            tuple(_stems(part, language) for part in phrase.parts) for phrase in phrases
        )
    for language, triggers in actions.objects.items():
        together.setdefault(language, []).extend(
            (_stems(trigger.verbs, language), _stems(trigger.objects, language))
            for trigger in triggers
        )
    for language, cue_words in cues.cues.items():
        words.setdefault(language, set()).update(cue_words)
    for language, pattern in cues.according_to.items():
        words.setdefault(language, set()).update(_WORD.findall(pattern.pattern.lower()))
    words.setdefault("en", set()).update(actions.dictionary_verbs)
    for language, number_words in data["numbers"].items():
        words.setdefault(language, set()).update(str(w) for w in number_words)
    for language, irregular in data["irregular"].items():
        words.setdefault(language, set()).update(irregular)
    stems = {language: _stems(found, language) for language, found in words.items()}
    longest = max((len(s) for group in stems.values() for s in group), default=0)
    for groups in together.values():
        longest = max([longest, *(len(s) for group in groups for part in group for s in part)])
    return Lexicon(str(data["version"]), stems,
                   {language: tuple(groups) for language, groups in together.items()}, longest)


def _stems(texts: set[str] | frozenset[str], language: str) -> frozenset[str]:
    return frozenset(
        _stem(w, language) for text in texts for w in _WORD.findall(_plain(text, language))
    )


def _plain(text: str, language: str) -> str:
    """Lower case; for Czech also without diacritics, as its stems change their vowels
    ("uvést", "uvedl")."""
    text = text.lower()
    if language != "cs":
        return text
    return "".join(c for c in unicodedata.normalize("NFD", text)
                   if not unicodedata.combining(c))


def _data() -> dict[str, Any]:
    text = resources.files("sitrep").joinpath("data/relevance.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def _stem(word: str, language: str) -> str:
    """The part of a word its inflected forms share: "strike" -> "strik", "note" stays; a
    Czech word loses its last three letters ("zautocit" -> "zauto"), down to four."""
    if language == "cs":
        return word[:max(_MIN_STEM + 1, len(word) - 3)]
    if len(word) > _MIN_STEM + 1 and word[-1] in "aeiouy":
        return word[:-1]
    return word


# English endings undone before matching: "denied" -> "deny", "firing" -> "fire".
_ENDINGS = (("ied", "y"), ("ies", "y"), ("ing", "e"), ("ed", "e"))


def kept(text: str, language: str, lexicon: Lexicon, nlp: Language | None) -> list[tuple[int, int]]:
    """[start, end) stretches of `text` made of consecutive relevant sentences."""
    if language not in lexicon.stems:
        return [(0, len(text))] if text else []
    exceptions = _exception_tables(nlp)
    stretches: list[tuple[int, int]] = []
    for start, end in _sentences(text):
        if not _relevant(text[start:end], language, lexicon, exceptions):
            continue
        if stretches and stretches[-1][1] == start:
            stretches[-1] = (stretches[-1][0], end)
        else:
            stretches.append((start, end))
    if sum(end - start for start, end in stretches) >= _WHOLE * len(text):
        return [(0, len(text))]
    return stretches


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in _SENTENCE_END.finditer(text):
        yield start, match.end()
        start = match.end()
    if start < len(text):
        yield start, len(text)


def _relevant(sentence: str, language: str, lexicon: Lexicon, exceptions: list[Any]) -> bool:
    if _DIGIT.search(sentence):
        return True
    words = [_forms(word, exceptions) for word in _WORD.findall(_plain(sentence, language))]
    if any(_matches(forms, lexicon.stems[language], lexicon.longest) for forms in words):
        return True
    return any(
        all(any(_matches(forms, part, lexicon.longest) for forms in words) for part in group)
        for group in lexicon.together.get(language, ())
    )


def _forms(word: str, exceptions: list[Any]) -> tuple[str, ...]:
    """The word, the word with an English ending undone, and its irregular lemmas."""
    forms = [word]
    for ending, replacement in _ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            forms.append(word[: -len(ending)] + replacement)
    for table in exceptions:
        forms.extend(table.get(word, ()))
    return tuple(forms)


def _matches(forms: tuple[str, ...], stems: frozenset[str], longest: int) -> bool:
    return any(
        form[:size] in stems
        for form in forms
        for size in range(_MIN_STEM, min(len(form), longest) + 1)
    )


def _exception_tables(nlp: Language | None) -> list[Any]:
    """The lemmatizer's tables of irregular forms (form -> lemmas), where the pipeline has them."""
    if nlp is None or "lemmatizer" not in nlp.pipe_names:
        return []
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_exc"):
        return []
    table = lookups.get_table("lemma_exc")
    return [table[key] for key in table]
