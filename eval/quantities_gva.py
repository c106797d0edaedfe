"""Score the quantities stage (sitrep.quantities) on killed / injured counts in news articles.

Usage: python eval/quantities_gva.py [--data ../shared/data] [--limit N] [--json OUT]
                                     [--errors FILE]

The Gun Violence Archive articles (SemEval-2018 Task 5 source data, read in place from
`gva_news_casualties/`) each carry the incident's gold number killed and injured. As the issue
asks, an article is scored on a figure only when its text contains that figure (in digits or as
an English number word, "two"), since GVA's incident count can be newer than the article.
Articles are taken in the order of their `doc_id` (a hash, so a fair sample), up to `--limit`.

sitrep's reading of an article: the largest `best` among its quantities of that kind
(`killed`, `soldier_killed`, `civilian_killed` for killed; `wounded` for injured) — articles
repeat a figure more often than they split it — or 0 when it finds none.

* `killed_accuracy`, `injured_accuracy`: share of scored figures read exactly.
* `accuracy`: both kinds together (the issue's target is 0.8).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scoring import emit, load_pipeline, ratio  # noqa: E402

CORPUS = "gva_news_casualties"
KILLED = {"killed", "soldier_killed", "civilian_killed"}
INJURED = {"wounded"}
_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven",
          8: "eight", 9: "nine", 10: "ten", 11: "eleven", 12: "twelve"}


def mentions(text: str, count: int) -> bool:
    """Whether `text` states `count` in digits or as a number word."""
    if re.search(rf"(?<![\d.,]){count}(?![\d.,]\d)", text):
        return True
    word = _WORDS.get(count)
    return bool(word and re.search(rf"\b{word}\b", text, re.IGNORECASE))


def read(folder: Path, limit: int) -> list[dict[str, Any]]:
    """Articles with text, in doc_id order, that state at least one gold figure."""
    articles = []
    with gzip.open(folder / "gva_news_casualties.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            item = json.loads(line)
            text = (item.get("text") or "").strip()
            gold = item.get("gold") or {}
            if not text:
                continue
            figures = {kind: int(gold[key]) for kind, key in
                       (("killed", "num_killed"), ("injured", "num_injured"))
                       if gold.get(key) not in (None, "") and int(gold[key]) > 0
                       and mentions(text, int(gold[key]))}
            if figures:
                articles.append({"id": item["doc_id"], "title": item.get("title"),
                                 "date": item.get("dct"), "text": text, "figures": figures})
    articles.sort(key=lambda a: a["id"])
    return articles[:limit]


def reading(quantities: list[dict[str, Any]], kinds: set[str]) -> int:
    values = [q["best"] for q in quantities if q["what"] in kinds and q["best"] is not None]
    return max(values) if values else 0


def predict(articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from sitrep import ingest, pipeline
    from sitrep.output import document_json

    resources = load_pipeline()
    results = []
    for article in articles:
        document = ingest.from_text(article["text"], path=article["id"], language="en",
                                    title=article["title"], published=article["date"])
        found = document_json(pipeline.extract(document, resources))["quantities"]
        results.append({"killed": reading(found, KILLED), "injured": reading(found, INJURED),
                        "evidence": [(q["what"], q["best"], q["evidence"]) for q in found]})
    return results


def score(
    articles: list[dict[str, Any]], predictions: list[dict[str, Any]]
) -> tuple[dict[str, float], list[dict[str, Any]]]:
    right = {"killed": 0, "injured": 0}
    total = {"killed": 0, "injured": 0}
    errors = []
    for article, predicted in zip(articles, predictions, strict=True):
        for kind, gold in article["figures"].items():
            total[kind] += 1
            if predicted[kind] == gold:
                right[kind] += 1
            else:
                errors.append({"id": article["id"], "kind": kind, "gold": gold,
                               "ours": predicted[kind], "found": predicted["evidence"]})
    metrics = {
        "n_articles": len(articles),
        "n_killed": total["killed"],
        "n_injured": total["injured"],
        "killed_accuracy": ratio(right["killed"], total["killed"]),
        "injured_accuracy": ratio(right["injured"], total["injured"]),
        "accuracy": ratio(right["killed"] + right["injured"], total["killed"] + total["injured"]),
    }
    return metrics, errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" /
                                              "data"))
    parser.add_argument("--limit", type=int, default=400)
    parser.add_argument("--json", help="write the scores here (keys prefixed gva.)")
    parser.add_argument("--errors", help="write each wrong figure here as JSON lines")
    args = parser.parse_args(argv)
    folder = Path(args.data) / CORPUS
    if not (folder / "gva_news_casualties.jsonl.gz").is_file():
        print(f"skipped: {folder} is absent", file=sys.stderr)
        if args.json:
            Path(args.json).write_text(json.dumps({"skipped": f"{folder} is absent"}), "utf-8")
        return 0
    began = time.perf_counter()
    articles = read(folder, args.limit)
    metrics, errors = score(articles, predict(articles))
    metrics["seconds"] = round(time.perf_counter() - began, 1)
    emit(metrics, "gva", args.json, args.errors, errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
