"""A small matcher for PETRARCH verb patterns on spaCy parses of raw text.

PETRARCH's verb dictionaries give each verb a bare code and a list of patterns that refine it:

    - * WITH %  [031]            "agreed with ..."
    - FAILED_TO_ *  [111]        "... failed to agree"
    - * NEW_&TIES_RELATIONS [903]

`match(verb_token, patterns, synsets)` returns the code of the most specific pattern whose
literal words occur around the verb, or None (the caller then uses the bare verb's code).
What a pattern may hold, and what the matcher does with it:

- `*` is the verb itself. Words written before it must occur before the verb in the
  sentence, words after it after the verb, within the verb's subtree; both in the order
  written. A pattern without `*` is read as if it began with one.
- A literal word matches a token whose lower-case form or lemma is that word
  ("RESOLUTION" matches "resolutions"); multi-token words such as "N'T" need the token
  spaCy makes of them.
- `_` connects two words: they must be next to each other in the text ("FAILED_TO_*":
  "failed to" right before the verb). An `_` next to an actor marker connects nothing.
- `&NAME` is a synonym set: any of its members matches; a member may be several words
  (all next to each other) or another set's name.
- `{...}` and `(...)` only group words in PETRARCH (a noun phrase, a prepositional phrase);
  the matcher drops the brackets and requires the words. `|` is not supported.
- The actor markers `$` (source), `+` (target), `%` (compound actor) and `^` (skip a
  phrase) match nothing: they only stand where the actors are, and are ignored.

Patterns without any literal word ("% * [030]") are never matched: their meaning lies
wholly in the actor markers, which this matcher does not check. Among the patterns that
match, the one with the most literal words wins; on a tie, the first listed. The code is
returned as written ("042:043", ":173", "---"); `event_code` turns it into one code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

MARKERS = frozenset({"$", "+", "%", "^"})
VERB = "*"
_GROUPING = str.maketrans({"(": " ", ")": " ", "{": " ", "}": " "})


@dataclass(frozen=True)
class Element:
    """One position of a pattern: the verb, or a word with its alternatives (each a sequence
    of words that must be adjacent). `joined` means it must come right after the previous
    element in the text."""

    alternatives: tuple[tuple[str, ...], ...]
    joined: bool = False

    @property
    def is_verb(self) -> bool:
        return not self.alternatives


@dataclass(frozen=True)
class Pattern:
    """A parsed pattern: its elements in order (the verb once) and how many are words."""

    elements: tuple[Element, ...]
    words: int


def _members(
    name: str, synsets: Mapping[str, Sequence[str]], seen: frozenset[str] = frozenset()
) -> list[tuple[str, ...]]:
    """The word sequences a set name stands for (nested sets expanded; cycles cut)."""
    if name in seen or name not in synsets:
        return []
    out: list[tuple[str, ...]] = []
    for member in synsets[name]:
        if member.startswith("&"):
            out += _members(member.rstrip("_"), synsets, seen | {name})
        else:
            words = tuple(w.lower() for w in member.replace("_", " ").split())
            if words:
                out.append(words)
    return list(dict.fromkeys(out))


def _pieces(pattern: str) -> list[tuple[str, bool]]:
    """The pattern's items with whether `_` joins each to the item before it."""
    out: list[tuple[str, bool]] = []
    join_next = False
    for chunk in pattern.strip().removeprefix("-").translate(_GROUPING).split():
        parts = chunk.split("_")
        for n, part in enumerate(parts):
            if part:
                out.append((part, join_next or n > 0))
                join_next = False
        join_next = chunk.endswith("_")
    return out


def parse(pattern: str, synsets: Mapping[str, Sequence[str]]) -> Pattern | None:
    """The elements of a pattern in PETRARCH syntax, or None when it has no literal word, or
    names a set that is unknown or empty. A leading "-" (as dictionary lines begin) is
    dropped."""
    elements: list[Element] = []
    after_marker = False
    for piece, joined in _pieces(pattern):
        if piece in MARKERS:  # an actor stands here: "TO_ ^ FROM" joins TO to it, not FROM
            after_marker = True
            continue
        joined = joined and bool(elements) and not after_marker
        after_marker = False
        if piece == VERB:
            elements.append(Element((), joined))
        elif piece.startswith("&"):
            members = _members(piece.rstrip("_"), synsets)
            if not members:
                return None
            elements.append(Element(tuple(members), joined))
        else:
            elements.append(Element(((piece.lower(),),), joined))
    if not any(e.is_verb for e in elements):
        elements.insert(0, Element(()))
    words = sum(not e.is_verb for e in elements)
    if not words or sum(e.is_verb for e in elements) != 1:
        return None
    return Pattern(tuple(elements), words)


def _token_matches(token: Any, word: str) -> bool:
    return bool(token.lower_ == word or token.lemma_.lower() == word)


def window(verb: Any) -> list[Any]:
    """The tokens a pattern is matched on: the sentence's words before the verb, the verb,
    and the words of its subtree after it, less the clauses of verbs coordinated with it
    ("sent envoys, and Ostrava sold grain": "grain" is not after "sent"), in text order."""
    before = [t for t in verb.sent if t.i < verb.i]
    cut = {t.i for child in verb.children
           if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"} for t in child.subtree}
    after = sorted((t for t in verb.subtree if t.i > verb.i and t.i not in cut),
                   key=lambda t: t.i)
    return [*before, verb, *after]


def _matches(pattern: Pattern, tokens: Sequence[Any], verb_at: int) -> bool:
    """Whether the elements occur in order in `tokens` with the verb at `verb_at` (joined
    elements right after the previous one in the text), by a small backtracking search."""
    elements = pattern.elements
    verb_index = next(n for n, e in enumerate(elements) if e.is_verb)

    def fit(alternative: tuple[str, ...], start: int) -> int | None:
        """End position (exclusive) when the words occur adjacently from `start`."""
        position = start
        for word in alternative:
            if position >= len(tokens) or not _token_matches(tokens[position], word):
                return None
            if position > start and tokens[position].i != tokens[position - 1].i + 1:
                return None
            position += 1
        return position

    def search(index: int, start: int, last_i: int | None) -> bool:
        if index == len(elements):
            return True
        element = elements[index]
        if element.is_verb:
            candidates: Iterable[int] = [verb_at] if verb_at >= start else []
        else:
            candidates = range(start, len(tokens))
        for position in candidates:
            if element.joined and last_i is not None and tokens[position].i != last_i + 1:
                continue
            if not element.is_verb and (position == verb_at or (
                    index < verb_index and position > verb_at)):
                continue
            if element.is_verb:
                end: int | None = position + 1
            else:
                end = next((e for a in element.alternatives
                            if (e := fit(a, position)) is not None), None)
            if end is not None and search(index + 1, end, tokens[end - 1].i):
                return True
        return False

    return search(0, 0, None)


def match(
    verb_token: Any,
    patterns: Iterable[tuple[str, str] | Any],
    synsets: Mapping[str, Sequence[str]] | None = None,
) -> str | None:
    """The code of the most specific pattern that matches around `verb_token`, or None.

    `patterns` are (pattern, code) pairs or records with `.pattern` and `.code` (such as
    `sitrep.petrarch.VerbPattern`); bare records (pattern "") are skipped. `synsets` maps
    set names ("&CURRENCY") to their members (`sitrep.petrarch.read_synsets`)."""
    synsets = synsets or {}
    tokens = window(verb_token)
    verb_at = next(n for n, t in enumerate(tokens) if t.i == verb_token.i)
    best: tuple[int, str] | None = None
    for item in patterns:
        text, code = (item.pattern, item.code) if hasattr(item, "pattern") else item
        if not text:
            continue
        parsed = parse(text, synsets)
        if parsed is None or (best is not None and parsed.words <= best[0]):
            continue
        if _matches(parsed, tokens, verb_at):
            best = (parsed.words, code)
    return best[1] if best else None


def event_code(code: str) -> str:
    """One event code from a pattern's code: the first of a pair ("042:043" → "042"), the
    second when the first is empty (":173" → "173")."""
    forward, _, backward = code.partition(":")
    return forward or backward


def index_patterns(records: Iterable[Any]) -> dict[str, list[tuple[str, str]]]:
    """Lower-case verb word (the verb and its listed forms) → its (pattern, code) pairs, from
    `sitrep.petrarch.read_verbs` records. Multi-word verbs are left out."""
    index: dict[str, list[tuple[str, str]]] = {}
    for record in records:
        if not record.pattern:
            continue
        for word in dict.fromkeys((record.verb, *record.forms)):
            if " " not in word:
                index.setdefault(word.lower(), []).append((record.pattern, record.code))
    return index
