"""Claims on the project's own example corpus against its hand-written gold file.

    python eval/claims_examples.py [--json OUT]

`eval/gold/examples_claims.jsonl` lists the key claims of six example documents (written by
the project, annotated by the project). A gold claim is found when a predicted claim of the
same document has the same claimant, action, actor country, target country and polarity
(strict), or the same claimant and action (relaxed). Precision is the share of predicted
claims whose (claimant, action) appears in the gold of their document — a rough figure, as the
gold lists the key claims, not every trigger.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sitrep import ingest, pipeline
from sitrep.records import Document
from sitrep.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "eval" / "gold" / "examples_claims.jsonl"
STRICT = ("claimant", "action", "actor_country", "target_country", "polarity")


def load_gold(path: Path = GOLD) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def predict(documents: list[str]) -> dict[str, list[dict[str, object]]]:
    """Predicted claims per example document name, as plain dicts."""
    settings = load_settings()
    resources = pipeline.load_resources(settings)
    found: dict[str, list[dict[str, object]]] = {}
    for name in documents:
        (doc,) = [d for d in ingest.read([str(ROOT / "examples" / name)], settings)
                  if isinstance(d, Document)]
        found[name] = [
            {"claimant": c.claimant, "action": c.action,
             "actor_country": c.actor.country if c.actor else None,
             "target_country": c.target.country if c.target else None,
             "polarity": c.polarity}
            for c in pipeline.extract(doc, resources).claims
        ]
    return found


def score(gold: list[dict[str, object]], found: dict[str, list[dict[str, object]]]
          ) -> dict[str, float]:
    strict = sum(
        any(all(p[k] == g[k] for k in STRICT) for p in found.get(str(g["document"]), []))
        for g in gold
    )
    relaxed = sum(
        any(p["claimant"] == g["claimant"] and p["action"] == g["action"]
            for p in found.get(str(g["document"]), []))
        for g in gold
    )
    pairs = {(g["document"], g["claimant"], g["action"]) for g in gold}
    predicted = [(name, p["claimant"], p["action"]) for name, ps in found.items() for p in ps]
    precise = sum(item in pairs for item in predicted)
    return {
        "examples_claims.recall_strict": round(strict / len(gold), 4),
        "examples_claims.recall_relaxed": round(relaxed / len(gold), 4),
        "examples_claims.precision_relaxed": round(precise / max(len(predicted), 1), 4),
        "examples_claims.gold": len(gold),
        "examples_claims.predicted": len(predicted),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", help="write the scores here")
    args = parser.parse_args()
    gold = load_gold()
    found = predict(sorted({str(g["document"]) for g in gold}))
    scores = score(gold, found)
    for key, value in scores.items():
        print(f"{key:40} {value}")
    missed = [g for g in gold if not any(all(p[k] == g[k] for k in STRICT)
                                         for p in found[str(g["document"])])]
    for g in missed:
        print(f"  missed: {g['document']} {g['claimant']} {g['action']} "
              f"{g['actor_country']}->{g['target_country']} {g['polarity']} ({g['note']})")
    if args.json:
        Path(args.json).write_text(json.dumps(scores, indent=2) + "\n", encoding="utf-8")
    sys.exit(0)


if __name__ == "__main__":
    main()
