"""Actors: who a phrase such as "the Prime Minister of Armenia Nikol Pashinyan" refers to.

`load(path)` reads the bundled actor file (plus a user's) once; `resolve(phrase, lexicon, on)`
turns a speaker phrase into an `Actor` with its role, organisation, country and CAMEO code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from sitrep.errors import LexiconError
from sitrep.records import Actor

# Czech declines names: "Pašinjan", "Pašinjana", "Pašinjanovi", "Pašinjanem".
_CZECH_ENDINGS = r"(?:a|u|e|ovi|em|ovi|ová|ovou|ové)?"
_LEADING = re.compile(r"^(?:the|a|an|our|its|their|his|her|la|le|les|l'|pan|paní)\s+", re.I)


@dataclass(frozen=True)
class Polity:
    """A state or de facto entity a speaker can speak for."""

    name: str
    country: str
    de_facto: bool = False


@dataclass(frozen=True)
class _Named:
    pattern: re.Pattern[str]
    value: Any


@dataclass(frozen=True)
class ActorLexicon:
    version: str
    polities: tuple[_Named, ...]
    persons: tuple[_Named, ...]
    organisation_types: tuple[_Named, ...]
    roles: tuple[_Named, ...]
    international: tuple[_Named, ...]


def load(extra: str | Path | None = None) -> ActorLexicon:
    """The bundled actor file, with `extra` (a user's YAML file, same shape) merged over it."""
    text = resources.files("sitrep").joinpath("data/actors.yaml").read_text(encoding="utf-8")
    data = _parse(text, "bundled actors.yaml")
    if extra:
        path = Path(extra)
        try:
            more = _parse(path.read_text(encoding="utf-8"), str(path))
        except OSError as exc:
            raise LexiconError(f"{path}: cannot read actor file ({exc.strerror})") from None
        for key, value in more.items():
            if isinstance(value, list):
                data[key] = value + data.get(key, [])
        data["version"] = f"{data['version']}+{more.get('version', path.name)}"
    return _compile(data)


def _parse(text: str, where: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise LexiconError(f"{where}: invalid YAML ({exc})") from None
    if not isinstance(data, dict):
        raise LexiconError(f"{where}: expected a mapping of sections, got {type(data).__name__}")
    return data


def _alternation(aliases: list[str], czech: bool = False) -> re.Pattern[str]:
    words = sorted({a for a in aliases if a}, key=len, reverse=True)
    body = "|".join(re.escape(w) for w in words)
    tail = _CZECH_ENDINGS if czech else ""
    return re.compile(rf"(?<![\w-])(?:{body}){tail}(?![\w-])")


def _compile(data: dict[str, Any]) -> ActorLexicon:
    polities = []
    for entity in data.get("entities", []):
        aliases = list(entity.get("names", [])) + list(entity.get("adjectives", []))
        polity = Polity(entity["name"], entity["country"], de_facto=True)
        polities.append(_Named(_alternation(aliases), polity))
    for country in data.get("countries", []):
        aliases = list(country.get("names", [])) + list(country.get("adjectives", []))
        polities.append(_Named(_alternation(aliases), Polity(country["name"], country["iso3"])))
    persons = tuple(
        _Named(_alternation(p["aliases"] + [p["name"]], czech=True), p)
        for p in data.get("persons", [])
    )
    org_types = tuple(
        _Named(_alternation(o["aliases"]), o) for o in data.get("organisation_types", [])
    )
    roles = tuple(_Named(_alternation(r["aliases"]), r) for r in data.get("roles", []))
    international = tuple(
        _Named(_alternation(i["aliases"]), i) for i in data.get("international", [])
    )
    return ActorLexicon(
        version=str(data.get("version", "unversioned")),
        polities=tuple(polities),
        persons=persons,
        organisation_types=org_types,
        roles=roles,
        international=international,
    )


def _first(named: tuple[_Named, ...], text: str) -> tuple[Any, re.Match[str]] | None:
    """The entry whose alias occurs earliest in `text` (longest alias on a tie)."""
    best: tuple[Any, re.Match[str]] | None = None
    for entry in named:
        match = entry.pattern.search(text)
        if match and (
            best is None
            or match.start() < best[1].start()
            or (match.start() == best[1].start() and match.end() > best[1].end())
        ):
            best = (entry.value, match)
    return best


def polity_in(text: str, lexicon: ActorLexicon) -> Polity | None:
    """The state or entity a phrase names ("Azerbaijani side" → Azerbaijan), if any.

    A de facto entity wins over a state named in the same phrase ("Republic of Artsakh").
    """
    found = [(entry.value, m) for entry in lexicon.polities if (m := entry.pattern.search(text))]
    if not found:
        return None
    entities = [f for f in found if f[0].de_facto]
    return min(entities or found, key=lambda f: f[1].start())[0]


def last_polity_in(text: str, lexicon: ActorLexicon) -> Polity | None:
    """The state or entity named last in `text` (what "its" or "their" points back to)."""
    last: tuple[Polity, int] | None = None
    for entry in lexicon.polities:
        for match in entry.pattern.finditer(text):
            if last is None or match.start() > last[1]:
                last = (entry.value, match.start())
    return last[0] if last else None


def with_polity(actor: Actor, polity: Polity) -> Actor:
    """An organisation named without its state ("its Foreign Ministry") placed in `polity`."""
    canonical = f"{actor.canonical} of {polity.name}"
    return replace(
        actor, canonical=canonical, organisation=canonical, country=polity.country,
        polity=polity.name, cameo=_cameo(polity.country, actor.sector),
    )


def _role_on(person: dict[str, Any], on: date | None) -> dict[str, Any]:
    roles = person.get("roles") or [{}]
    if on is not None:
        for role in roles:
            start = _as_date(role.get("from")) or date.min
            end = _as_date(role.get("to")) or date.max
            if start <= on <= end:
                return role
    return roles[-1]


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def clean(phrase: str) -> str:
    """A speaker phrase without leading articles, quote marks and trailing punctuation."""
    text = " ".join(phrase.replace("\u00a0", " ").split()).strip(" ,.;:\"“”„«»'’‘-–—")
    while (stripped := _LEADING.sub("", text)) != text:
        text = stripped
    return text


def resolve(phrase: str, lexicon: ActorLexicon, on: date | None = None) -> Actor:
    """The actor a speaker phrase names, with role, organisation and country where known."""
    text = clean(phrase)
    head, _, apposition = text.partition(",")
    for resolver in (_as_person, _as_organisation, _as_international, _as_titled, _as_polity):
        actor = resolver(text, head, apposition, lexicon, on)
        if actor is not None:
            return actor
    looks_named = bool(re.fullmatch(r"(?:[A-ZÁ-Ž][\w'’.-]+\s?){1,4}", head))
    return Actor(name=text, canonical=head.strip(), kind="person" if looks_named else "other")


def _as_person(
    text: str, head: str, apposition: str, lexicon: ActorLexicon, on: date | None
) -> Actor | None:
    found = _first(lexicon.persons, text)
    if found is None:
        return None
    person, _ = found
    role = _role_on(person, on)
    polity = polity_in(text, lexicon)
    country = role.get("country") or (polity.country if polity else None)
    sector = role.get("sector")
    explicit = _first(lexicon.roles, text)
    return Actor(
        name=text,
        canonical=person["name"],
        kind="person",
        country=country,
        polity=role.get("polity") or _polity_name(country, lexicon),
        sector=sector,
        cameo=_cameo(country, sector),
        role=role.get("role") or (explicit[0]["role"] if explicit else None),
        organisation=role.get("organisation"),
    )


def _polity_name(country: str | None, lexicon: ActorLexicon) -> str | None:
    for entry in lexicon.polities:
        if entry.value.country == country and not entry.value.de_facto:
            return str(entry.value.name)
    return None


def _as_organisation(
    text: str, head: str, apposition: str, lexicon: ActorLexicon, on: date | None
) -> Actor | None:
    found = _first(lexicon.organisation_types, head)
    if found is None:
        return None
    org_type, match = found
    if _first(lexicon.roles, head[: match.start()]) is not None:
        return None  # "spokesman of the Defence Ministry" names a person, handled later
    polity = polity_in(head, lexicon)
    canonical = f"{org_type['canonical']} of {polity.name}" if polity else org_type["canonical"]
    return Actor(
        name=text,
        canonical=canonical,
        kind="organisation",
        country=polity.country if polity else None,
        polity=polity.name if polity else None,
        sector=org_type.get("sector"),
        cameo=_cameo(polity.country if polity else None, org_type.get("sector")),
        organisation=canonical,
    )


def _as_international(
    text: str, head: str, apposition: str, lexicon: ActorLexicon, on: date | None
) -> Actor | None:
    found = _first(lexicon.international, head)
    if found is None or _first(lexicon.roles, head) is not None:
        return None
    body, _ = found
    return Actor(
        name=text, canonical=body["name"], kind="organisation", sector=body.get("code"),
        cameo=body.get("code"), organisation=body["name"],
    )


def _as_titled(
    text: str, head: str, apposition: str, lexicon: ActorLexicon, on: date | None
) -> Actor | None:
    found = _first(lexicon.roles, text)
    if found is None:
        return None
    role, match = found
    polity = polity_in(text, lexicon)
    name = _proper_name(head, lexicon) or _proper_name(apposition, lexicon)
    org = _first(lexicon.organisation_types, text)
    organisation = None
    if org is not None:
        organisation = f"{org[0]['canonical']} of {polity.name}" if polity else org[0]["canonical"]
    international = _first(lexicon.international, text)
    if organisation is None and international is not None:
        organisation = international[0]["name"]
    country = polity.country if polity else None
    canonical = name or (f"{role['role']} of {polity.name}" if polity else clean(text))
    return Actor(
        name=text,
        canonical=canonical,
        kind="person",
        country=country,
        polity=polity.name if polity else None,
        sector=role.get("sector"),
        cameo=_cameo(country, role.get("sector")),
        role=role["role"],
        organisation=organisation,
    )


def _proper_name(text: str, lexicon: ActorLexicon) -> str | None:
    """Capitalised words left once role, body and country words are removed."""
    rest = text
    for group in (lexicon.roles, lexicon.organisation_types, lexicon.polities,
                  lexicon.international):
        for entry in group:
            rest = entry.pattern.sub(" ", rest)
    rest = re.sub(r"\b(?:of|the|for|to|de|du|la|Republic|République|Deputy|First|Acting)\b",
                  " ", rest)
    words = re.findall(r"[A-ZÁ-Ž][\w'’-]+(?:\.)?", rest)
    return " ".join(words) if words else None


def _as_polity(
    text: str, head: str, apposition: str, lexicon: ActorLexicon, on: date | None
) -> Actor | None:
    polity = polity_in(head, lexicon)
    if polity is None:
        return None
    return Actor(
        name=text, canonical=polity.name, kind="state", country=polity.country,
        polity=polity.name, cameo=polity.country,
    )


def _cameo(country: str | None, sector: str | None) -> str | None:
    if country is None:
        return sector
    return f"{country}{sector or ''}"
