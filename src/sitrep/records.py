"""Every record type sitrep produces. Field names follow DESIGN.md and never change.

Offsets (`start`, `end`) are character offsets into `Document.text`, end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    """One input document, its text normalised to NFC; `raw` keeps the bytes as given."""

    id: str
    uri: str
    path: str
    text: str
    raw: bytes = field(repr=False)
    title: str | None = None
    title_language: str | None = None
    language: str = "und"
    published: str | None = None
    published_precision: str = "unknown"
    published_source: str | None = None
    kind: str = "news"
    url: str | None = None
    encoding: str = "utf-8"


@dataclass(frozen=True)
class Actor:
    """A person, organisation or state as written, with what sitrep knows of it."""

    name: str
    canonical: str
    kind: str = "person"
    country: str | None = None
    polity: str | None = None
    sector: str | None = None
    cameo: str | None = None
    side: str | None = None
    role: str | None = None
    organisation: str | None = None


@dataclass(frozen=True)
class Statement:
    """An attributed stretch of text: `speaker` said the words in [start, end)."""

    speaker: Actor
    start: int
    end: int
    text: str
    direct: bool
    channel: str | None = None
    cue: str | None = None
    attribution: str = "explicit"
    speaker_start: int | None = None
    speaker_end: int | None = None

    @property
    def role(self) -> str | None:
        return self.speaker.role

    @property
    def organisation(self) -> str | None:
        return self.speaker.organisation

    @property
    def country(self) -> str | None:
        return self.speaker.country


@dataclass(frozen=True)
class Place:
    name: str
    start: int
    end: int
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    precision: int | None = None
    canonical: str | None = None


@dataclass(frozen=True)
class Date:
    expression: str
    start: int
    end: int
    value: str | None = None
    end_value: str | None = None
    precision: str | None = None


@dataclass(frozen=True)
class Quantity:
    what: str
    low: int | None
    best: int | None
    high: int | None
    start: int
    end: int
    evidence: str
    side_losing: str | None = None
    cumulative: bool = False
    claimant: str | None = None


@dataclass(frozen=True)
class Claim:
    """`claimant` says that `actor` did `action` to `target`, with `polarity`."""

    claimant: str
    action: str
    polarity: str
    evidence: str
    start: int
    end: int
    actor: Actor | None = None
    target: Actor | None = None
    location: Place | None = None
    date: Date | None = None
    quantities: tuple[Quantity, ...] = ()
    cameo: str | None = None
    plover: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    claimant_kind: str = "speaker"
    claimant_country: str | None = None
    cameo_root: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    plover_mode: str | None = None
    trigger: str = ""
    trigger_start: int = 0
    trigger_end: int = 0
    actor_source: str | None = None
    statement: int | None = None


@dataclass(frozen=True)
class Problem:
    """Something a stage could not do for one document; kept as data, not raised."""

    stage: str
    message: str


@dataclass(frozen=True)
class Extraction:
    """Everything the pipeline found in one document."""

    document: Document
    statements: tuple[Statement, ...] = ()
    claims: tuple[Claim, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    places: tuple[Place, ...] = ()
    dates: tuple[Date, ...] = ()
    problems: tuple[Problem, ...] = ()
    lexicon_version: str = ""


@dataclass(frozen=True)
class InputFailure:
    """An input that could not become a document: the path and a one-line reason."""

    path: str
    problem: str
    raw: bytes | None = field(default=None, repr=False)

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"
