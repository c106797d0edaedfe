"""The pipeline: the one place that knows the order of the stages.

    ingest → nlp → statements → claims → dates → places → quantities

`load_resources(settings)` builds the heavy things once; `extract(document, resources)` runs
the stages on one document; `extract_batch(documents, resources)` parses many documents in one
spaCy `nlp.pipe` and then runs the same stages on each; `run(paths, resources)` does it for
files, directories or stdin, a batch of `batch_size` documents at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from sitrep import (
    actions,
    actors,
    claims,
    cues,
    dates,
    gazetteer,
    ingest,
    modality,
    nlp,
    places,
    quantities,
    relevance,
    statements,
)
from sitrep.errors import ModelMissingError
from sitrep.records import Document, Extraction, InputFailure, Problem
from sitrep.settings import Settings


@dataclass(frozen=True)
class Resources:
    """Everything the stages need, loaded once and passed in."""

    settings: Settings
    models: nlp.Models
    actors: actors.ActorLexicon
    cues: cues.CueLexicon
    claim_lexicons: claims.Lexicons
    dates: dates.DateLexicon
    gazetteer: gazetteer.Gazetteer
    quantities: quantities.QuantityLexicon
    relevance: relevance.Lexicon | None = None

    @property
    def keep(self) -> nlp.Keep | None:
        """The pre-filter (setting `prefilter`): which stretches of a text to parse."""
        lexicon = self.relevance
        if lexicon is None:
            return None
        return lambda text, language, pipe: relevance.kept(text, language, lexicon, pipe)

    @property
    def lexicon_version(self) -> str:
        prefilter = f"; prefilter {self.relevance.version}" if self.relevance else ""
        return (
            f"actors {self.actors.version}; attribution {self.cues.version}; "
            f"actions {self.claim_lexicons.actions.version}; "
            f"modality {self.claim_lexicons.modality.version}; dates {self.dates.version}; "
            f"quantities {self.quantities.version}{prefilter}"
        )


def load_resources(settings: Settings) -> Resources:
    """Lexicons now; spaCy pipelines lazily, the first time a language is met."""
    actor_lexicon = actors.load(
        settings.actors_file or None,
        tuple(p.strip() for p in settings.petrarch_actors.split(",") if p.strip()),
        settings.petrarch_agents or None,
    )
    cue_lexicon = cues.load_lexicon()
    action_lexicon = actions.load(settings.petrarch_verbs or None)
    return Resources(
        settings=settings,
        models=nlp.Models(settings),
        actors=actor_lexicon,
        cues=cue_lexicon,
        claim_lexicons=claims.Lexicons(action_lexicon, modality.load(), actor_lexicon),
        dates=dates.load(),
        gazetteer=gazetteer.open_index(
            Path(settings.gazetteer) if settings.gazetteer else None
        ),
        quantities=quantities.load(),
        relevance=relevance.load(action_lexicon, cue_lexicon) if settings.prefilter else None,
    )


def extract(
    document: Document, resources: Resources, parsed: nlp.Parsed | None = None
) -> Extraction:
    """Run every stage on one document. A stage that cannot run leaves a Problem, not a crash.

    `parsed` is the document's parse when the caller already has it (see `extract_batch`).
    """
    problems: list[Problem] = []
    try:
        if parsed is None:
            parsed = nlp.parse(document, resources.models, resources.keep)
    except ModelMissingError as exc:
        problems.append(Problem("nlp", str(exc)))
        parsed = nlp.Parsed(document.text, document.language, ())
    if not parsed.blocks:
        problems.append(Problem(
            "nlp",
            f"no spaCy pipeline for language {document.language!r}: "
            "statements only from bulletin headings and from quotes beside a name the "
            "actor lexicon knows; places only from capitalised names the gazetteer knows",
        ))
    issuer = statements.issuer(document, resources.cues, resources.actors)
    found = statements.extract(
        document, parsed, resources.cues, resources.actors, resources.settings.max_quote_chars,
        issuer,
    )
    claimed = claims.extract(document, parsed, found, resources.claim_lexicons, issuer)
    quoted = [(s.start, s.end) for s in found if s.direct]
    when = dates.extract(document, resources.dates, quoted)
    claimed = dates.attach(claimed, when, document, quoted)
    where = places.extract(document, parsed, resources.gazetteer)
    claimed = places.attach(claimed, where, parsed)
    claimed, counted = quantities.extract(
        document, parsed, claimed, found, resources.quantities, resources.actors, issuer,
        claims.outlet(document),
    )
    return Extraction(
        document=document,
        statements=tuple(found),
        claims=tuple(claimed),
        quantities=tuple(counted),
        dates=tuple(when),
        places=tuple(where),
        problems=tuple(problems),
        lexicon_version=resources.lexicon_version,
    )


def extract_batch(
    documents: Sequence[Document], resources: Resources
) -> list[Extraction | InputFailure]:
    """`extract` on each document, with every document's text parsed in one `nlp.pipe` per
    language. A document the stages fail on becomes an InputFailure; the others are kept."""
    try:
        parses = nlp.parse_many(
            documents, resources.models, resources.settings.batch_size, resources.keep
        )
    except Exception:  # a text that breaks the batched parse is parsed again on its own
        parses = [None] * len(documents)
    return [_extract_one(doc, resources, parsed) for doc, parsed in zip(documents, parses,
                                                                        strict=True)]


def _extract_one(
    document: Document, resources: Resources, parsed: nlp.Parsed | None
) -> Extraction | InputFailure:
    try:
        return extract(document, resources, parsed)
    except ModelMissingError:
        raise
    except Exception as exc:  # one document's bug must not stop the batch
        return InputFailure(
            document.path, f"pipeline failed ({type(exc).__name__}: {exc})", raw=document.raw
        )


def run(
    paths: Iterable[str], resources: Resources, published: str | None = None
) -> Iterator[Extraction | InputFailure]:
    """Extractions for every document under `paths`, and a failure for each bad input, in the
    order they were read; documents are parsed `batch_size` at a time."""
    batch: list[Document] = []
    for item in ingest.read(paths, resources.settings, published):
        if isinstance(item, InputFailure):
            yield from extract_batch(batch, resources)
            batch = []
            yield item
            continue
        batch.append(item)
        if len(batch) >= resources.settings.batch_size:
            yield from extract_batch(batch, resources)
            batch = []
    yield from extract_batch(batch, resources)
