"""Score reconcile (sitrep.reconcile) on the example corpus against the project's gold events.

Usage: python eval/events_examples.py [--examples examples] [--gold FILE] [--json OUT]

The example corpus is ingested into a fresh database (the whole pipeline, then reconcile), and
each gold event (eval/gold/examples_events.yaml: claims named by file, trigger and action, and
a status) is compared with the events sitrep made:

* `purity`: of the gold-labelled claims, the share that sit in a predicted event together with
  the majority of that event's labelled claims (no two happenings merged).
* `completeness`: the share of each gold event's claims found in its largest predicted event
  (one happening not split).
* `status_accuracy`: for each gold event, whether the predicted event holding most of its
  claims has the gold status.
* `found`: the share of gold claim references that match a claim sitrep extracted at all.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scoring import ratio  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "eval" / "gold" / "examples_events.yaml"


def predicted(examples: Path) -> list[dict[str, Any]]:
    """Every claim sitrep stores for the corpus, with the event it was put in."""
    from sitrep import actors, pipeline, reconcile, store
    from sitrep.records import InputFailure
    from sitrep.settings import load_settings

    with tempfile.TemporaryDirectory() as folder:
        settings = load_settings(environ={}, db=str(Path(folder) / "eval.db"))
        conn = store.connect(settings.db)
        resources = pipeline.load_resources(settings)
        for item in pipeline.run([str(examples)], resources):
            if not isinstance(item, InputFailure):
                store.save(conn, item)
        sides = reconcile.load_sides(actors.load())
        reconcile.update_store(conn, sides)
        rows = [dict(r) for r in conn.execute(
            """SELECT d.path, c.seq, c.trigger, c.action, e.id AS event, e.status
               FROM claims c JOIN documents d ON d.id = c.document_id
               JOIN event_claims ec ON ec.claim_id = c.id JOIN events e ON e.id = ec.event_id""")]
        conn.close()
    return rows


def score(gold: dict[str, Any], rows: list[dict[str, Any]]) -> tuple[dict[str, float], list]:
    by_ref: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for row in rows:
        name = row["path"].replace("\\", "/").rsplit("/", 1)[-1]
        by_ref.setdefault((name, row["trigger"], row["action"]), []).append(row)
    labelled: list[tuple[int, dict[str, Any]]] = []  # (gold event index, predicted claim)
    references = found = 0
    for index, event in enumerate(gold["events"]):
        for file, trigger, action in event["claims"]:
            references += 1
            matches = by_ref.get((file, trigger, action), [])
            found += bool(matches)
            labelled += [(index, m) for m in matches]
    in_predicted: dict[str, Counter[int]] = {}
    in_gold: dict[int, Counter[str]] = {}
    status_of: dict[str, str] = {}
    for index, claim in labelled:
        in_predicted.setdefault(claim["event"], Counter())[index] += 1
        in_gold.setdefault(index, Counter())[claim["event"]] += 1
        status_of[claim["event"]] = claim["status"]
    total = len(labelled)
    purity = ratio(sum(c.most_common(1)[0][1] for c in in_predicted.values()), total)
    completeness = ratio(sum(c.most_common(1)[0][1] for c in in_gold.values()), total)
    details = []
    right = 0
    for index, event in enumerate(gold["events"]):
        if index not in in_gold:
            details.append({"event": event["name"], "gold": event["status"], "ours": None})
            continue
        chosen = in_gold[index].most_common(1)[0][0]
        right += status_of[chosen] == event["status"]
        details.append({"event": event["name"], "gold": event["status"],
                        "ours": status_of[chosen], "split_into": len(in_gold[index])})
    metrics = {
        "n_gold_events": len(gold["events"]),
        "n_labelled_claims": total,
        "found": ratio(found, references),
        "purity": purity,
        "completeness": completeness,
        "status_accuracy": ratio(right, len(gold["events"])),
    }
    return metrics, details


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", default=str(ROOT / "examples"))
    parser.add_argument("--gold", default=str(GOLD))
    parser.add_argument("--json", help="write the scores here (keys prefixed events.)")
    args = parser.parse_args(argv)
    gold = yaml.safe_load(Path(args.gold).read_text("utf-8"))
    metrics, details = score(gold, predicted(Path(args.examples)))
    for key, value in metrics.items():
        print(f"{key:18} {value:.3f}" if isinstance(value, float) else f"{key:18} {value}")
    for row in details:
        mark = "ok " if row["gold"] == row["ours"] else "   "
        print(f"  {mark} {row['gold']:<17} {row['ours']!s:<17} split {row.get('split_into')}"
              f"  {row['event']}")
    if args.json:
        Path(args.json).write_text(json.dumps({f"events.{k}": v for k, v in metrics.items()},
                                              indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
