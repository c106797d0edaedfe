"""Quality gate: compare evaluation scores with their floors.

    python eval/gate.py SCORES.json eval/floors.json
    python eval/gate.py --suggest SCORES.json [--margin 0.02]   # floors for the current scores

Exit 0 and a table of every floored metric when all scores reach their floors; exit 1 with one
line per metric that is below its floor or missing from the scores; exit 2 when a file cannot
be read. Scores written by a skipped evaluation ({"skipped": reason}) pass with a SKIP message.
Keys of the floors file that start with "_" are notes, not floors.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

SKIPPED = "skipped"
# the metrics floored by default: P, R and F1 of the headline measures
HEADLINE = re.compile(r"\.(source|content|pair)_(p|r|f1)(_overlap|_exact)?$")


def flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """{"a": {"b": 1}} -> {"a.b": 1}; already flat keys ("a.b") are kept as they are."""
    flat: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, Mapping):
            flat.update(flatten(value, name))
        else:
            flat[name] = value
    return flat


def floors_of(floors: Mapping[str, Any]) -> dict[str, float]:
    """The floors proper: notes (keys starting with "_") left out."""
    return {k: float(v) for k, v in flatten(floors).items() if not k.split(".")[-1].startswith("_")}


def check(scores: Mapping[str, Any], floors: Mapping[str, Any]) -> list[str]:
    """One line per failing metric: below its floor, missing, or not a number. Empty = pass."""
    flat = flatten(scores)
    failures = []
    for metric, floor in sorted(floors_of(floors).items()):
        if metric not in flat:
            failures.append(f"MISSING {metric}: no score (floor {floor:.4f})")
            continue
        value = flat[metric]
        if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
            failures.append(f"INVALID {metric}: {value!r} is not a number (floor {floor:.4f})")
        elif value < floor:
            failures.append(f"BELOW {metric}: {value:.4f} < floor {floor:.4f}")
    return failures


def report(scores: Mapping[str, Any], floors: Mapping[str, Any]) -> str:
    """Every floored metric with its score, floor and margin, as a table."""
    flat = flatten(scores)
    lines = [f"{'metric':<40} {'score':>7} {'floor':>7} {'margin':>7}"]
    for metric, floor in sorted(floors_of(floors).items()):
        value = float(flat[metric])
        lines.append(f"{metric:<40} {value:>7.4f} {floor:>7.2f} {value - floor:>+7.4f}")
    return "\n".join(lines)


def suggest_floors(
    scores: Mapping[str, Any], metrics: Sequence[str], margin: float = 0.02
) -> dict[str, float]:
    """Floors `margin` below the current scores, rounded down to two decimals."""
    flat = flatten(scores)
    return {m: math.floor(round((float(flat[m]) - margin) * 100, 6)) / 100 for m in metrics}


def _load(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    return data


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("scores", type=Path, help="scores JSON (eval/attribution.py --json)")
    parser.add_argument("floors", type=Path, nargs="?", help="floors JSON (eval/floors.json)")
    parser.add_argument(
        "--suggest", action="store_true",
        help="print floors for the metrics already floored (else the headline P/R/F1)",
    )
    parser.add_argument("--margin", type=float, default=0.02)
    parser.add_argument("--also", type=Path, action="append", default=[],
                        help="more scores JSON files from other evaluations, merged in")
    args = parser.parse_args(argv)
    try:
        scores = _load(args.scores)
        for extra in args.also:
            more = _load(extra)
            if SKIPPED not in more:
                scores = {**{k: v for k, v in scores.items() if k != SKIPPED}, **more}
        floors = _load(args.floors) if args.floors else {}
    except (OSError, ValueError) as exc:
        print(f"ERROR: cannot read scores or floors ({exc})", file=sys.stderr)
        return 2
    if args.suggest:
        metrics = list(floors_of(floors)) or [k for k in flatten(scores) if HEADLINE.search(k)]
        print(json.dumps(suggest_floors(scores, metrics, args.margin), indent=2, sort_keys=True))
        return 0
    if args.floors is None:
        parser.error("the floors file is required unless --suggest is given")
    if SKIPPED in scores:
        print(f"SKIP: evaluation was skipped ({scores[SKIPPED]}); no floors checked")
        return 0
    failures = check(scores, floors)
    if failures:
        print("\n".join(failures))
        return 1
    print(report(scores, floors))
    print(f"gate passed: {len(floors_of(floors))} metrics at or above their floors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
