"""The pipeline: the one place that knows the order of the stages.

    ingest → nlp → statements → claims → dates → places   (quantities come in a later stage)

`load_resources(settings)` builds the heavy things once; `extract(document, resources)` runs
the stages on one document; `run(paths, resources)` does it for files, directories or stdin.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
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

    @property
    def lexicon_version(self) -> str:
        return (
            f"actors {self.actors.version}; attribution {self.cues.version}; "
            f"actions {self.claim_lexicons.actions.version}; "
            f"modality {self.claim_lexicons.modality.version}; dates {self.dates.version}"
        )


def load_resources(settings: Settings) -> Resources:
    """Lexicons now; spaCy pipelines lazily, the first time a language is met."""
    actor_lexicon = actors.load(
        settings.actors_file or None,
        tuple(p.strip() for p in settings.petrarch_actors.split(",") if p.strip()),
        settings.petrarch_agents or None,
    )
    return Resources(
        settings=settings,
        models=nlp.Models(settings),
        actors=actor_lexicon,
        cues=cues.load_lexicon(),
        claim_lexicons=claims.Lexicons(
            actions.load(settings.petrarch_verbs or None), modality.load(), actor_lexicon
        ),
        dates=dates.load(),
        gazetteer=gazetteer.open_index(
            Path(settings.gazetteer) if settings.gazetteer else None
        ),
    )


def extract(document: Document, resources: Resources) -> Extraction:
    """Run every stage on one document. A stage that cannot run leaves a Problem, not a crash."""
    problems: list[Problem] = []
    try:
        parsed = nlp.parse(document, resources.models)
    except ModelMissingError as exc:
        problems.append(Problem("nlp", str(exc)))
        parsed = nlp.Parsed(document.text, document.language, ())
    if not parsed.blocks:
        problems.append(Problem(
            "nlp",
            f"no spaCy pipeline for language {document.language!r}: "
            "only quotes under bulletin headings are attributed",
        ))
    issuer = statements.issuer(document, resources.cues, resources.actors)
    found = statements.extract(
        document, parsed, resources.cues, resources.actors, resources.settings.max_quote_chars,
        issuer,
    )
    claimed = claims.extract(document, parsed, found, resources.claim_lexicons, issuer)
    when = dates.extract(document, resources.dates)
    claimed = dates.attach(claimed, when, document)
    where = places.extract(document, parsed, resources.gazetteer)
    claimed = places.attach(claimed, where, parsed)
    return Extraction(
        document=document,
        statements=tuple(found),
        claims=tuple(claimed),
        dates=tuple(when),
        places=tuple(where),
        problems=tuple(problems),
        lexicon_version=resources.lexicon_version,
    )


def run(
    paths: Iterable[str], resources: Resources, published: str | None = None
) -> Iterator[Extraction | InputFailure]:
    """Extractions for every document under `paths`, and a failure for each bad input."""
    for item in ingest.read(paths, resources.settings, published):
        if isinstance(item, InputFailure):
            yield item
            continue
        try:
            yield extract(item, resources)
        except ModelMissingError:
            raise
        except Exception as exc:  # one document's bug must not stop the batch
            yield InputFailure(
                item.path, f"pipeline failed ({type(exc).__name__}: {exc})", raw=item.raw
            )
