"""Scoring helpers shared by the evaluation scripts (eval/ is a folder of scripts, not a
package: each script imports this file from beside it)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def accuracy(gold: Sequence[Any], predicted: Sequence[Any]) -> float:
    """Share of items whose prediction equals the gold label (0.0 for no items)."""
    if not gold:
        return 0.0
    return sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold)


def per_label(
    gold: Sequence[Any], predicted: Sequence[Any], labels: Iterable[Any]
) -> dict[Any, dict[str, float]]:
    """Precision, recall, F1, support and predictions of every label (0.0 where undefined)."""
    table = {}
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, predicted, strict=True))
        n_pred = sum(p == label for p in predicted)
        n_gold = sum(g == label for g in gold)
        p, r = ratio(tp, n_pred), ratio(tp, n_gold)
        table[label] = {"p": p, "r": r, "f1": f1(p, r), "support": n_gold, "predicted": n_pred}
    return table


def macro_f1(gold: Sequence[Any], predicted: Sequence[Any], labels: Iterable[Any]) -> float:
    """Unweighted mean F1 over `labels` (predictions outside `labels` only cost recall)."""
    table = per_label(gold, predicted, labels)
    return sum(row["f1"] for row in table.values()) / len(table) if table else 0.0


def load_pipeline() -> Any:
    """The sitrep resources with default settings (models load lazily per language)."""
    from sitrep import pipeline
    from sitrep.settings import load_settings

    return pipeline.load_resources(load_settings(environ={}))


def emit(
    metrics: dict[str, Any], prefix: str, json_path: str | None = None,
    errors_path: str | None = None, errors: Sequence[dict[str, Any]] = (),
) -> None:
    """Print the metrics, and write them (keys prefixed) and the errors (JSON lines) if asked."""
    import json
    from pathlib import Path

    for key, value in metrics.items():
        print(f"{key:18} {value:.3f}" if isinstance(value, float) else f"{key:18} {value}")
    if json_path:
        Path(json_path).write_text(
            json.dumps({f"{prefix}.{k}": v for k, v in metrics.items()}, indent=2), "utf-8")
    if errors_path:
        Path(errors_path).write_text(
            "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors), "utf-8")
