"""Places: every place name in a document, resolved offline against the gazetteer, and the
place each claim happened at.

`extract(document, parsed, index)` finds names from the parser's entities and, for names the
small models miss or mislabel ("Stepanakert" tagged as a person), from capitalised words the
gazetteer knows; each is resolved by the project's curated places first, then by the
countries the document is about, the states it names and the distance to its other places,
then by population. `for_claim` picks a claim's place: the one its trigger governs, else one
in its sentence; else the document's region at a coarser precision.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from spacy.tokens import Span, Token

from sitrep.gazetteer import Candidate, Gazetteer
from sitrep.nlp import Parsed, is_root, same
from sitrep.records import Claim, Document, Place

_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_RESCUE_LABELS = {"PERSON", "PER", "ORG", "NORP", "MISC", ""}
_MAX_WORDS = 3
_NEAR_KM = 250.0  # a same-name town this close to another place of the document is the one
_BIG_TOWN = 100_000  # a town this big keeps its name from a state ("New York", "Washington")
_CITY = 1_000_000  # a city this big beats a town of its name 20 times smaller in the
#                    document's countries ("London" in American news is London, England)
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
    mentions: list[tuple[int, int, str, bool, list[Candidate]]] = []
    names = _mentions(parsed) if parsed.blocks else _capitalised(document.text)
    for start, end, lemma, label in names:
        name = document.text[start:end].strip()
        tagged = label in _PLACE_LABELS or _cued(document.text, start, label)
        mentions.append((start, start + len(name), name, tagged, _lookup(index, name, lemma)))
    focus = {c[0].country for *_, c in mentions if c and (c[0].id < 0 or c[0].kind == "country")}
    first = [(_choose(name, pool, focus, tagged, ()), pool)
             for _, _, name, tagged, pool in mentions]
    anchors = [(c.lat, c.lon, c.country, c.admin1 if c.kind == "admin1" else None, c.name)
               for c, pool in first if c is not None and _sure(c, pool)]
    places = []
    for start, end, name, tagged, pool in mentions:
        others = [a for a in anchors if a[4] != (pool[0].name if pool else None)]
        choice = _choose(name, pool, focus, tagged, others)
        if choice is not None or tagged:
            places.append(_place(name, start, end, choice))
    return places


def _sure(choice: Candidate, pool: list[Candidate]) -> bool:
    """Whether a first-round choice can place the others: a curated place or a state, or a
    town or region at least five times bigger than any other place of its name."""
    if choice.precision not in {1, 2}:
        return False
    return choice.id < 0 or choice.kind == "admin1" or all(
        other.population * 5 <= choice.population for other in pool
        if other.id != choice.id and other.kind in {"town", "admin1"})


def _lookup(index: Gazetteer, name: str, lemma: str) -> list[Candidate]:
    """Candidates for a name as written, its lemma ("Hadrutu" → "Hadrut"), without "the
    Republic of", or each part of "Artsakh/Nagorno-Karabakh"."""
    bare = re.sub(r"^(?:the\s+)?(?:Republic\s+of\s+)?", "", name, flags=re.IGNORECASE)
    for attempt in (name, lemma, bare, *name.split("/"), name.replace("-", " ")):
        if attempt and (found := index.candidates(attempt)):
            return found
    return []


def _mentions(parsed: Parsed) -> list[tuple[int, int, str, str]]:
    """(start, end, lemma, the parser's label) for every candidate name; a place label
    wins over another label on the same words."""
    found: dict[tuple[int, int], tuple[str, str]] = {}
    for offset, doc in parsed.blocks:
        for ent in doc.ents:
            if ent.label_ in _PLACE_LABELS:
                found[(offset + ent.start_char, offset + ent.end_char)] = (_lemma(ent),
                                                                           ent.label_)
        for ent in doc.ents:
            if ent.label_ in _RESCUE_LABELS and len(ent) <= _MAX_WORDS:
                key = (offset + ent.start_char, offset + ent.end_char)
                found.setdefault(key, (_lemma(ent), ent.label_))
        for token in doc:
            if token.is_title and token.pos_ == "PROPN" and not token.ent_type_:
                key = (offset + token.idx, offset + token.idx + len(token))
                found.setdefault(key, (token.lemma_, ""))
    return sorted((s, e, lemma, label) for (s, e), (lemma, label) in found.items())


# Words before a name that make it a place whatever the parser's label: "the town of
# Taji", "villages of Akida and Mbuta"; for a name tagged as a person or untagged, also a
# locative preposition ("in Tuz Khurmatu", "near Huddur").
_PLACE_CUE = re.compile(
    r"\b(?:towns?|villages?|city|cities|district|province|region|neighbou?rhood|suburb"
    r"|camp|capital|county|governorate|oblast|hamlet|settlement)\s+of\s+(?:the\s+)?"
    r"(?:[A-Z][\w'’-]*\s+(?:and|,)\s+)?$")
_LOCATIVE_CUE = re.compile(r"\b(?:in|near|outside|around|inside)\s+$")


def _cued(text: str, start: int, label: str) -> bool:
    before = text[max(0, start - 60):start]
    if _PLACE_CUE.search(before):
        return True
    return label in {"PERSON", "PER", ""} and bool(_LOCATIVE_CUE.search(before))


def _capitalised(text: str) -> list[tuple[int, int, str, str]]:
    """Without a parse (a language sitrep has no pipeline for): every run of capitalised
    words ("Nagorno-Karabakh", "Ilham Aliyev"), and each word of a longer run, as an unlabelled
    candidate name (its lookup form as the lemma)."""
    words = [m.span() for m in re.finditer(r"[\w'’-]+", text) if m.group(0)[0].isupper()]
    runs: list[list[tuple[int, int]]] = []
    for start, end in words:
        if runs and text[runs[-1][-1][1]:start] == " ":
            runs[-1].append((start, end))
        else:
            runs.append([(start, end)])
    found = {(run[0][0], run[-1][1]) for run in runs} | {span for run in runs for span in run}
    return [(s, e, _title_case(text[s:e]), "") for s, e in sorted(found)]


def _title_case(name: str) -> str:
    """ "BAKU" in a dateline is looked up as "Baku"."""
    return name.title() if name.isupper() and len(name) > 2 else name


def _lemma(ent: Span) -> str:
    return " ".join(t.lemma_ for t in ent)


def _choose(
    name: str, pool: list[Candidate], focus: set[str | None], tagged: bool,
    anchors: Sequence[tuple[float, float, str | None, str | None, str]],
) -> Candidate | None:
    """The curated place; a state or province when the document is about its country and
    no big town bears the name ("Georgia" in American news); the country; else among the
    towns of that name, one in a state the document names, then one near the document's
    other places (within `_NEAR_KM`), then the biggest in the countries the document is
    about unless a city of that name elsewhere dwarfs it; for a name the parser tagged as a
    place, the biggest town anywhere."""
    if not pool or name.lower() in _NOT_PLACES:
        return None
    if pool[0].id < 0:
        return pool[0]
    towns = [c for c in pool if c.kind == "town"]
    states = [c for c in pool if c.kind == "admin1"]
    countries = [c for c in pool if c.kind == "country"]
    big_town = any(t.population >= _BIG_TOWN and t.name.casefold() == name.casefold()
                   for t in towns)
    if states and not big_town and (not countries or (
            states[0].country in focus and countries[0].country not in focus)):
        return states[0]
    if countries:
        return countries[0]
    if states and not towns:
        return states[0]
    if not towns:
        return None
    states_named = {(a[2], a[3]) for a in anchors if a[3]}
    near = sorted(((d, t) for t in towns if (d := _distance_to(t, anchors)) <= _NEAR_KM),
                  key=lambda item: item[0])
    in_focus = [t for t in towns if t.country in focus]
    for choice in ([t for t in towns if (t.country, t.admin1) in states_named]
                   + [t for _, t in near] + in_focus)[:1]:
        dwarfed = towns[0].population >= _CITY > choice.population * 20
        return towns[0] if dwarfed else choice
    return towns[0] if tagged else None


def _distance_to(town: Candidate, anchors: Sequence[tuple[float, float, Any, Any, str]]) -> float:
    """Kilometres from the town to the nearest of the document's other places."""
    return min((_km(town.lat, town.lon, lat, lon) for lat, lon, *_ in anchors),
               default=math.inf)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


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
    """The place of the claim's trigger in its evidence (see `for_event`); else the
    document's region, never a town from an unrelated sentence."""
    return for_event(claim.trigger_start, claim.start, claim.end, found, parsed) or region


# Prepositions that put a place somewhere other than where the event happened: its origin
# ("a man from Bielefeld"), its agent ("captured by Iran"), a destination or a comparison.
_NOT_WHERE = {
    "from", "by", "to", "for", "against", "with", "about", "toward", "towards", "like",
    "than", "as", "despite", "after", "before", "since", "unlike", "via",
    "z", "ze", "od", "proti", "k", "ke", "s", "se", "po", "před",
    "par", "pour", "contre", "avec", "depuis", "vers", "après", "avant", "envers",
}
_ORIGIN = {"from", "z", "ze", "od", "depuis"}
# Prepositions that put an event inside a country ("fighting in Armenia").
_INSIDE = {"in", "inside", "within", "across", "throughout", "into", "v", "ve", "na", "en",
           "dans", "au", "aux"}
_SUBJECTS = {"nsubj", "csubj", "expl"}
_MODIFIERS = {"compound", "poss", "amod", "nmod:poss", "nmod"}
# Nouns a place name can modify and still say where: "the Harare township", "Pakistan's
# city of Peshawar".
_PLACE_NOUNS = {
    "city", "town", "village", "province", "district", "region", "area", "neighbourhood",
    "neighborhood", "suburb", "suburbs", "township", "camp", "capital", "county", "state",
    "border", "outskirts", "countryside", "square", "street", "road", "highway", "port",
    "airport", "base", "governorate", "oblast", "raion", "municipality", "valley",
    "mountains", "mountain", "coast", "front", "frontline", "line", "territory", "part",
    "centre", "center", "heart", "north", "south", "east", "west", "side", "strip", "bank",
    "river", "sea", "gulf", "island", "islands", "desert", "plain", "plains", "hills",
    "district's", "quarter", "market", "hospital", "mosque", "church", "school", "prison",
    "crossing", "checkpoint", "bridge", "region's", "countryside's", "enclave", "zone",
}
_CLAUSE_LINKS = {"advcl", "xcomp", "conj", "ccomp", "acl", "relcl", "acl:relcl", "parataxis"}


def for_event(
    trigger_start: int, start: int, end: int, found: list[Place], parsed: Parsed,
    named: bool = False,
) -> Place | None:
    """The place in [start, end) where the event whose trigger starts at `trigger_start`
    happened, None when the span names none. First a place the trigger or its target
    governs through "in", "at", "near", "on", "along", "including the capital X", as its
    object ("captured Hadrut") or passive subject, never its doer ("Russia attacked"; a town
    as subject is where it happened: "Stepanakert came under fire"), an origin ("a man from
    X") or a modifier ("a U.S. airstrike"); then one the trigger's
    doer governs ("rebels in Georgia shot"); then one in a clause linked to the trigger's
    ("hit a district of Ganja, killing nine"); then a town or region after a locative
    preposition elsewhere in the span. The most specific wins among equals (town over
    region over country; a country only "in" it), then the one fewest words away in the
    parse, then the nearest.
    Only places with coordinates unless `named` (then an unresolved name counts too)."""
    trigger = _token_at(parsed, trigger_start)
    ranked = []
    for place in found:
        if not start <= place.start < end or (place.lat is None and not named):
            continue
        level, hops, preposition = _attachment(parsed, place, trigger)
        if level == _NOWHERE or (level == _ELSEWHERE and place.precision not in {1, 2}):
            continue
        if place.precision == 3 and preposition not in _INSIDE:
            continue  # a country is where it happened only "in" it, else it is a party
        ranked.append(((level, place.precision or 1, hops, abs(place.start - trigger_start)),
                       place))
    return min(ranked, key=lambda item: item[0])[1] if ranked else None


_GOVERNED, _BY_DOER, _LINKED, _ELSEWHERE, _NOWHERE = range(5)


def _attachment(
    parsed: Parsed, place: Place, trigger: Token | None
) -> tuple[int, int, str | None]:
    """How the place hangs on the trigger (a level above), how many words lie between, and
    the preposition that introduces it."""
    tokens = _tokens(parsed, place.start, place.end)
    if trigger is None or not tokens:
        return _NOWHERE, 0, None
    node = next((t for t in tokens if is_root(t)
                 or not place.start <= parsed.offset_of(t.head) < place.end), tokens[0])
    if node.dep_ in _MODIFIERS and node.head.lower_ not in _PLACE_NOUNS:
        return _NOWHERE, 0, None  # "a U.S. airstrike", "London's transit system"
    below, preposition, hops = node, None, 0
    while not same(node, trigger) and (node.pos_ not in {"VERB", "AUX"} or node.dep_ == "prep"):
        word = _preposition(node)
        if word in (_NOT_WHERE if preposition is None else _ORIGIN):
            return _NOWHERE, 0, None
        preposition = preposition or word
        if is_root(node):
            return (_ELSEWHERE if preposition else _NOWHERE), hops, preposition
        below, node, hops = node, node.head, hops + 1
    doer = below.dep_ in _SUBJECTS and not same(below, node)
    if doer and preposition is None and place.precision != 1:
        return _NOWHERE, 0, None  # the doer ("Russia attacked"), not the place; a town
        #                           as subject is where it happened ("Stepanakert came under fire")
    if same(node, trigger):
        return (_BY_DOER if doer else _GOVERNED), hops, preposition
    linked = ((trigger.dep_ in _CLAUSE_LINKS and same(node, trigger.head))
              or (node.dep_ in _CLAUSE_LINKS and same(node.head, trigger)))
    if linked:
        return _LINKED, hops, preposition
    return (_ELSEWHERE if preposition else _NOWHERE), hops, preposition


def _preposition(token: Token) -> str | None:
    """The preposition introducing a word: itself when it is one (English "prep"), else
    its "case" child (Universal Dependencies)."""
    if token.dep_ == "prep":
        return token.lower_
    return next((c.lower_ for c in token.children if c.dep_ == "case"), None)


def _token_at(parsed: Parsed, position: int) -> Token | None:
    tokens = _tokens(parsed, position, position + 1)
    return tokens[0] if tokens else None


def _tokens(parsed: Parsed, start: int, end: int) -> list[Token]:
    """The words covering [start, end) of the document text, found by offset in their
    block (`Parsed.tokens_between` walks every word, too slow once per place and claim)."""
    for offset, doc in parsed.blocks:
        size = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0  # not doc.text:
        if offset <= start < offset + size:  # spaCy rebuilds that string on every access
            span = doc.char_span(start - offset, min(end - offset, size),
                                 alignment_mode="expand")
            return list(span) if span is not None else []
    return []


def _document_region(found: list[Place]) -> Place | None:
    regions = Counter(p.canonical for p in found if p.precision == 2 and p.canonical)
    if not regions:
        return None
    name = regions.most_common(1)[0][0]
    first = next(p for p in found if p.canonical == name)
    return replace(first, name=f"({first.canonical})")
