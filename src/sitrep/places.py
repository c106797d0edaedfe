"""Places: every place name in a document, resolved offline against the gazetteer, and the
place each claim happened at.

`extract(document, parsed, index)` finds names from the parser's entities and, for names the
small models miss or mislabel ("Stepanakert" tagged as a person), from capitalised words the
gazetteer knows; each is resolved by the project's curated places first, then by the
countries the document is about, then by population. `for_claim` picks a claim's place: one in
its sentence, near its trigger; else the document's region at a coarser precision.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from spacy.tokens import Span, Token

from sitrep.gazetteer import Candidate, Gazetteer
from sitrep.nlp import Parsed, is_root, same
from sitrep.records import Claim, Document, Place

_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_RESCUE_LABELS = {"PERSON", "PER", "ORG", "NORP", "MISC", ""}
_MAX_WORDS = 3
# Capitalised words that are also the names of some town somewhere: never places on their own.
_NOT_PLACES = {
    "president", "minister", "ministry", "army", "defence", "defense", "government", "state",
    "republic", "statement", "union", "may", "march", "sunday", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "god", "victory", "peace", "justice",
    "prime", "foreign", "affairs", "press", "service", "office", "early", "during", "after",
    "since", "according", "our", "we", "the", "this", "today", "said", "strong",
}


def extract(document: Document, parsed: Parsed, index: Gazetteer) -> list[Place]:
    """Every place name in the document, in text order, resolved where the gazetteer can.
    Names the parser did not tag as places are kept only when they resolve safely."""
    resolved: list[tuple[int, int, str, bool, Candidate | None]] = []
    for start, end, lemma, tagged in _mentions(parsed):
        name = document.text[start:end].strip()
        end = start + len(name)
        candidates = _lookup(index, name, lemma)
        resolved.append((start, end, name, tagged, candidates[0] if candidates else None))
    focus = {c.country for *_, c in resolved
             if c is not None and (c.id < 0 or c.kind == "country")}
    places = []
    for start, end, name, tagged, first in resolved:
        choice = _choose(index, name, first, focus, tagged)
        if choice is not None or tagged:
            places.append(_place(name, start, end, choice))
    return places


def _lookup(index: Gazetteer, name: str, lemma: str) -> list[Candidate]:
    """Candidates for a name as written, its lemma ("Hadrutu" → "Hadrut"), without "the
    Republic of", or each part of "Artsakh/Nagorno-Karabakh"."""
    bare = re.sub(r"^(?:the\s+)?(?:Republic\s+of\s+)?", "", name, flags=re.IGNORECASE)
    for attempt in (name, lemma, bare, *name.split("/")):
        if attempt and (found := index.candidates(attempt)):
            return found
    return []


def _mentions(parsed: Parsed) -> list[tuple[int, int, str, bool]]:
    """(start, end, lemma, tagged as a place by the parser) for every candidate name."""
    found: dict[tuple[int, int], tuple[str, bool]] = {}
    for offset, doc in parsed.blocks:
        for ent in doc.ents:
            if ent.label_ in _PLACE_LABELS:
                found[(offset + ent.start_char, offset + ent.end_char)] = (_lemma(ent), True)
        for ent in doc.ents:
            if ent.label_ in _RESCUE_LABELS and len(ent) <= _MAX_WORDS:
                key = (offset + ent.start_char, offset + ent.end_char)
                found.setdefault(key, (_lemma(ent), False))
        for token in doc:
            if token.is_title and token.pos_ == "PROPN" and not token.ent_type_:
                key = (offset + token.idx, offset + token.idx + len(token))
                found.setdefault(key, (token.lemma_, False))
    return sorted((s, e, lemma, tagged) for (s, e), (lemma, tagged) in found.items())


def _lemma(ent: Span) -> str:
    return " ".join(t.lemma_ for t in ent)


def _choose(
    index: Gazetteer, name: str, first: Candidate | None, focus: set[str | None],
    tagged: bool,
) -> Candidate | None:
    """The curated place or country; else the biggest town in the countries the document
    is about; else, for a name the parser tagged as a place, the biggest town anywhere."""
    if first is None or name.lower() in _NOT_PLACES:
        return None
    if first.id < 0 or first.kind == "country":
        return first
    candidates = [c for c in index.candidates(first.name) if c.kind == "town"] or [first]
    in_focus = [c for c in candidates if c.country in focus]
    if in_focus:
        return in_focus[0]
    return candidates[0] if tagged else None


def _place(name: str, start: int, end: int, choice: Candidate | None) -> Place:
    if choice is None:
        return Place(name=name, start=start, end=end)
    return Place(
        name=name, start=start, end=end, geonameid=choice.id if choice.id > 0 else None,
        lat=choice.lat, lon=choice.lon, country=choice.country, admin1=choice.admin1,
        precision=choice.precision, canonical=choice.name,
    )


def attach(claims: list[Claim], found: list[Place], parsed: Parsed) -> list[Claim]:
    """Each claim with its place (see `for_claim`)."""
    region = _document_region(found)
    return [replace(c, location=for_claim(c, found, region, parsed)) for c in claims]


def for_claim(
    claim: Claim, found: list[Place], region: Place | None, parsed: Parsed
) -> Place | None:
    """A resolved town or region in the claim's sentence — one in the trigger's own clause
    first ("hit a district of Ganja, killing nine", not "a truce agreed in Moscow"), then the
    nearest; else the document's region, never a town from an unrelated sentence."""
    inside = [p for p in found if claim.start <= p.start < claim.end and p.lat is not None
              and p.precision in {1, 2}]
    if not inside:
        return region
    trigger = _token_at(parsed, claim.trigger_start)
    return min(inside, key=lambda p: (not _same_clause(_token_at(parsed, p.start), trigger),
                                      abs(p.start - claim.trigger_start)))


def _token_at(parsed: Parsed, position: int) -> Token | None:
    tokens = parsed.tokens_between(position, position + 1)
    return tokens[0] if tokens else None


def _clause(token: Token) -> Token:
    """The verb whose clause a word is in."""
    while token.pos_ not in {"VERB", "AUX"} and not is_root(token):
        token = token.head
    return token


def _same_clause(place: Token | None, trigger: Token | None) -> bool:
    if place is None or trigger is None:
        return False
    clause = _clause(place)
    own = _clause(trigger)
    return same(clause, own) or same(clause, own.head)


def _document_region(found: list[Place]) -> Place | None:
    regions = Counter(p.canonical for p in found if p.precision == 2 and p.canonical)
    if not regions:
        return None
    name = regions.most_common(1)[0][0]
    first = next(p for p in found if p.canonical == name)
    return replace(first, name=f"({first.canonical})")
