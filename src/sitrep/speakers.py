"""Speakers: turn each found attribution into the actor who spoke.

Pronouns and titles ("he said", "the ministry said") point back to the last speaker or the
last person named as the subject of a speech verb; possessives ("its Foreign Ministry") take
the state named just before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from sitrep import actors
from sitrep.actors import ActorLexicon
from sitrep.cues import CueLexicon
from sitrep.records import Actor, Statement


@dataclass(frozen=True)
class Found:
    """A statement before its speaker phrase is resolved to an actor."""

    start: int
    end: int
    direct: bool
    phrase: str
    phrase_start: int | None
    phrase_end: int | None
    context: str
    cue: str | None
    attribution: str
    channel: str | None = None


@dataclass(frozen=True)
class Mention:
    """A person named as the subject of a sentence outside quotes: a candidate for "he"."""

    start: int
    end: int
    phrase: str
    speaks: bool  # the subject of a speech verb ("Stepanyan denied it.")


def resolve(
    text: str, found: list[Found], mentions: list[Mention], cues: CueLexicon,
    lexicon: ActorLexicon, on: date | None,
) -> list[Statement]:
    statements: list[Statement] = []
    for item in found:
        newer = _newer_mention(item, statements, mentions)
        if newer is not None and _refers_to_person(item, cues, newer):
            speaker, attribution = actors.resolve(newer.phrase, lexicon, on), "back-reference"
            if item.phrase_start is None:  # the speaker's words are the mention itself
                item = replace(item, phrase_start=newer.start, phrase_end=newer.end)
        else:
            speaker, attribution = _speaker(text, item, statements, cues, lexicon, on)
            if attribution == "continuation" and statements:  # point at the words naming them
                named = statements[-1]
                item = replace(item, phrase_start=named.speaker_start,
                               phrase_end=named.speaker_end)
        statements.append(Statement(
            speaker=speaker,
            start=item.start,
            end=item.end,
            text=text[item.start : item.end],
            direct=item.direct,
            channel=_channel(item, cues),
            cue=item.cue,
            attribution=attribution,
            speaker_start=item.phrase_start,
            speaker_end=item.phrase_end,
        ))
    return statements


def _newer_mention(
    item: Found, earlier: list[Statement], mentions: list[Mention]
) -> Mention | None:
    """The last person named as a subject after the previous statement and before this one."""
    since = max(
        (max(s.end, s.speaker_end or 0) for s in earlier if s.end <= item.start), default=0
    )
    until = item.phrase_start if item.phrase_start is not None else item.start
    candidates = [m for m in mentions if since <= m.start and m.end <= until]
    return candidates[-1] if candidates else None


def _refers_to_person(item: Found, cues: CueLexicon, newer: Mention) -> bool:
    """A speaker given only by a personal pronoun or an implicit subject ("…,“ uvedla"), or a
    quote continuing after someone else was said to speak ("Stepanyan denied it. “…”")."""
    if item.attribution == "implicit":
        return True
    if item.attribution == "continuation":
        return newer.speaks
    return actors.clean(item.phrase).lower() in cues.person_refs


def _speaker(
    text: str, item: Found, earlier: list[Statement], cues: CueLexicon, lexicon: ActorLexicon,
    on: date | None,
) -> tuple[Actor, str]:
    if item.attribution == "continuation" and earlier:
        return earlier[-1].speaker, "continuation"
    if item.attribution == "implicit":
        if earlier:
            return earlier[-1].speaker, "back-reference"
        return Actor(name="", canonical="(unnamed)", kind="other"), "implicit"
    phrase = actors.clean(item.phrase)
    lowered = phrase.lower()
    possessive = re.match(r"(?i)(?:its|their|jeho|její|jejich|son|sa|ses|leur)\s", item.phrase)
    if possessive and item.phrase_start is not None:
        probe = actors.resolve(phrase, lexicon, on)
        owner = actors.last_polity_in(text[max(0, item.phrase_start - 400) : item.phrase_start],
                                      lexicon)
        if probe.kind == "organisation" and probe.polity is None and owner is not None:
            return actors.with_polity(probe, owner), "back-reference"
    if lowered in cues.person_refs | cues.organisation_refs or _is_title(lowered, cues):
        probe = actors.resolve(phrase, lexicon, on)
        kind = probe.canonical if probe.kind == "organisation" and not probe.polity else None
        target = _back_reference(lowered, earlier, cues, kind)
        if target is None and item.phrase_start is not None:
            target = _mentioned_before(text, item.phrase_start, lowered, lexicon, on, kind)
        if target is not None:
            return target, "back-reference"
    return actors.resolve(item.phrase, lexicon, on), item.attribution


def _is_title(phrase: str, cues: CueLexicon) -> bool:
    words = phrase.split()
    return 0 < len(words) <= 2 and words[-1] in cues.title_refs | cues.organisation_refs


def _back_reference(
    phrase: str, earlier: list[Statement], cues: CueLexicon, body: str | None
) -> Actor | None:
    """The last earlier speaker a pronoun or title fits; `body` is a kind of organisation
    ("Ministry of Foreign Affairs") that the speaker must be."""
    head = phrase.split()[-1]
    for statement in reversed(earlier):
        actor = statement.speaker
        if body is not None:
            if actor.canonical.startswith(body):
                return actor
            continue
        if head in cues.person_refs:
            if actor.kind == "person":
                return actor
            continue
        if head in {"it", "they"}:
            if actor.kind in {"organisation", "state"}:
                return actor
            continue
        described = " ".join(filter(None, [actor.role, actor.canonical, actor.organisation]))
        if head in described.lower():
            return actor
    return None


def _mentioned_before(
    text: str, position: int, phrase: str, lexicon: ActorLexicon, on: date | None,
    body: str | None,
) -> Actor | None:
    """The last named body or person before `position` that a title ("the ministry") fits."""
    head = phrase.split()[-1]
    if head in {"he", "she", "it", "they"}:
        return None
    head = body.split()[0] if body else head
    window = text[max(0, position - 3000) : position]
    for match in reversed(list(re.finditer(rf"\b{re.escape(head)}\b", window, re.I))):
        left = re.split(r"[.;:,\n“”\"«»]", window[max(0, match.start() - 40) : match.start()])[-1]
        right = window[match.end() : match.end() + 40]
        right = re.split(r"[.;:,\n“”\"«»]| (?:said|says|has|had|was|is)\b", right)[0]
        right = right if right.startswith(" of ") else ""
        actor = actors.resolve(left + match.group(0) + right, lexicon, on)
        fits = body is None or actor.canonical.startswith(body)
        if fits and actor.polity is not None and actor.kind in {"organisation", "person"}:
            return actor
    return None


def _channel(item: Found, cues: CueLexicon) -> str | None:
    for channel, pattern in cues.channels:
        if pattern.search(item.context):
            return channel
    return "statement" if item.attribution == "heading" else None
