"""Language parity: do the Czech and French versions of an English example give its claims?

    python eval/parity_examples.py [--json OUT]

`eval/gold/parity/` holds Czech and French counterparts, written by the project, of English
documents in `examples/` (same facts, speakers, numbers and dates; sidecars beside them). Each
`<stem>-<lang>.txt` is run through sitrep and its claims are compared, as a multiset, with the
claims sitrep gives the English `examples/<stem>.txt`:

* `core`: (action, actor country, target country, polarity);
* `full`: core plus the place's canonical name, the date's value and the quantities
  ((what, best) pairs).

`parity.<lang>.recall_core` is the share of the English claims the other language
reproduces; `precision_core` the share of its own claims that match an English one; `*_full`
the same with every field. The English output is the reference, right or wrong: parity means
the same reading in every language, and `claims_examples.py` scores the reading itself.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PARITY = ROOT / "eval" / "gold" / "parity"
EXAMPLES = ROOT / "examples"
LANGUAGES = ("cs", "fr")

Row = tuple[Any, ...]


def project(claim: Any) -> tuple[Row, Row]:
    """(core, full) rows of one sitrep Claim."""
    core = (claim.action, claim.actor.country if claim.actor else None,
            claim.target.country if claim.target else None, claim.polarity)
    full = core + (claim.location.canonical if claim.location else None,
                   claim.date.value if claim.date else None,
                   tuple(sorted((q.what, q.best) for q in claim.quantities)))
    return core, full


def agreement(reference: Iterable[Row], other: Iterable[Row]) -> tuple[int, int, int]:
    """(matched, reference size, other size) of two multisets of rows."""
    ref, oth = Counter(reference), Counter(other)
    return sum((ref & oth).values()), sum(ref.values()), sum(oth.values())


def pairs() -> list[tuple[str, str, Path, Path]]:
    """(stem, language, English path, counterpart path) for every parity document."""
    found = []
    for path in sorted(PARITY.glob("*.txt")):
        stem, _, language = path.stem.rpartition("-")
        if language in LANGUAGES:
            found.append((stem, language, EXAMPLES / f"{stem}.txt", path))
    return found


def score(rows: dict[str, dict[str, tuple[list[Row], list[Row]]]]) -> dict[str, float | int]:
    """rows[stem][language] = (core rows, full rows), with language "en" the reference."""
    metrics: dict[str, float | int] = {}
    for language in LANGUAGES:
        totals = {"core": [0, 0, 0], "full": [0, 0, 0]}
        for by_language in rows.values():
            if language not in by_language:
                continue
            for index, kind in enumerate(("core", "full")):
                counts = agreement(by_language["en"][index], by_language[language][index])
                totals[kind] = [a + b for a, b in zip(totals[kind], counts, strict=True)]
        for kind, (matched, n_ref, n_other) in totals.items():
            metrics[f"parity.{language}.recall_{kind}"] = round(matched / n_ref, 4) if n_ref \
                else 0.0
            metrics[f"parity.{language}.precision_{kind}"] = round(matched / n_other, 4) \
                if n_other else 0.0
        metrics[f"parity.{language}.claims"] = totals["core"][2]
    metrics["parity.en.claims"] = sum(len(r["en"][0]) for r in rows.values())
    return metrics


def extract_rows(path: Path, resources: Any) -> tuple[list[Row], list[Row]]:
    from sitrep import ingest, pipeline
    from sitrep.records import Document

    (document,) = [d for d in ingest.read([str(path)], resources.settings)
                   if isinstance(d, Document)]
    projected = [project(c) for c in pipeline.extract(document, resources).claims]
    return [core for core, _ in projected], [full for _, full in projected]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write the scores here")
    parser.add_argument("--diff", action="store_true",
                        help="list the English claims each counterpart misses, and its extras")
    args = parser.parse_args(argv)
    from scoring import load_pipeline

    resources = load_pipeline()
    rows: dict[str, dict[str, tuple[list[Row], list[Row]]]] = {}
    for stem, language, english, other in pairs():
        by_language = rows.setdefault(stem, {"en": extract_rows(english, resources)})
        by_language[language] = extract_rows(other, resources)
        if args.diff:
            reference, found = Counter(by_language["en"][1]), Counter(by_language[language][1])
            for row in (reference - found).elements():
                print(f"  {stem} {language} missing: {row}")
            for row in (found - reference).elements():
                print(f"  {stem} {language} extra:   {row}")
    metrics = score(rows)
    for key, value in metrics.items():
        print(f"{key:36} {value}")
    if args.json:
        args.json.write_text(json.dumps(metrics, indent=2, sort_keys=True) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
