"""Score the quantities stage on re3d's Quantity entities that count losses or casualties.

Usage: python eval/quantities_re3d.py [--data ../shared/data] [--json OUT] [--errors FILE]

re3d (Dstl; official statements from CENTCOM, the UK Government, the US State Department,
Australia's DFAT and the EU, plus BBC and Wikipedia texts about Syria and Iraq, read in place)
annotates `Quantity` spans. Which of them denote losses or casualties is decided here, not by
sitrep's lexicon: a Quantity counts when re3d itself ties it (a `HasAttrOf` relation) to a
Weapon, MilitaryPlatform, Vehicle, Person or Organisation entity that is not the means of an
attack ("34 strikes", "22 munitions"), and its clause (split at ";" too) holds one of the loss
words below. sitrep's quantities are run on each document (English) and compared by
character overlap:

* `recall`: loss Quantity spans overlapped by a sitrep quantity's evidence.
* `precision_any`: sitrep quantities overlapping any re3d Quantity span (a lower bound: re3d
  does not annotate every count).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scoring import emit, load_pipeline, ratio  # noqa: E402

CORPUS = "re3d"
COUNTED = {"Weapon", "MilitaryPlatform", "Vehicle", "Person", "Organisation"}
LOSS_WORDS = re.compile(
    r"\b(destroy\w*|kill\w*|dead|died|death\w*|wound\w*|injur\w*|casualt\w*|damag\w*|"
    r"captur\w*|shot down|downed|lost|losses|fatalit\w*)\b", re.IGNORECASE)
MEANS = re.compile(r"\b(strikes?|munitions?|sorties?|weapons?|airstrikes?)\b", re.IGNORECASE)


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def read(folder: Path) -> list[dict[str, Any]]:
    """Documents with their Quantity spans, each marked whether it counts a loss."""
    documents = []
    for source in sorted(p for p in folder.iterdir() if (p / "documents.json").is_file()):
        entities = _lines(source / "entities.json")
        relations = _lines(source / "relations.json")
        kinds = {(e["documentId"], e["begin"], e["end"]): e["type"] for e in entities}
        values = {(e["documentId"], e["begin"], e["end"]): e["value"] for e in entities}
        tied: set[tuple[str, int, int]] = set()
        for r in relations:
            if r["type"] != "HasAttrOf":
                continue
            ends = [(r["documentId"], r["sourceBegin"], r["sourceEnd"]),
                    (r["documentId"], r["targetBegin"], r["targetEnd"])]
            types = [kinds.get(end) for end in ends]
            if "Quantity" in types and COUNTED & set(types):
                thing = ends[1 - types.index("Quantity")]
                if not MEANS.search(values.get(thing, "")):
                    tied.add(ends[types.index("Quantity")])
        for doc in _lines(source / "documents.json"):
            text = doc["text"]
            spans = []
            for e in entities:
                if e["documentId"] != doc["_id"] or e["type"] != "Quantity":
                    continue
                clause = _sentence(text, e["begin"], e["end"], ";")
                loss = (doc["_id"], e["begin"], e["end"]) in tied and bool(
                    LOSS_WORDS.search(clause))
                spans.append({"start": e["begin"], "end": e["end"], "text": e["value"],
                              "loss": loss})
            documents.append({"id": doc["_id"], "source": source.name, "text": text,
                              "title": doc.get("title"), "spans": spans})
    return documents


def _sentence(text: str, start: int, end: int, *more: str) -> str:
    """The sentence around [start, end), or the clause when `more` gives extra boundaries."""
    marks = (". ", "\n", *more)
    left = max(text.rfind(m, 0, start) for m in marks) + 1
    right = min((i for i in (text.find(m, end) for m in marks) if i >= 0), default=len(text))
    return text[left:right]


def predict(documents: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    from sitrep import ingest, pipeline
    from sitrep.output import quantity_json

    resources = load_pipeline()
    found = []
    for doc in documents:
        document = ingest.from_text(doc["text"], path=doc["id"], language="en")
        extraction = pipeline.extract(document, resources)
        found.append([quantity_json(q) for q in extraction.quantities])
    return found


def score(
    documents: list[dict[str, Any]], predictions: list[list[dict[str, Any]]]
) -> tuple[dict[str, float], list[dict[str, Any]]]:
    gold = hit = predicted = right = 0
    errors = []
    for doc, found in zip(documents, predictions, strict=True):
        # a prediction's span is its evidence, which is a slice of the same text
        for span in doc["spans"]:
            if not span["loss"]:
                continue
            gold += 1
            if any(q["start"] < span["end"] and span["start"] < q["end"] for q in found):
                hit += 1
            else:
                errors.append({"id": doc["id"], "kind": "missed", "text": span["text"],
                               "sentence": _sentence(doc["text"], span["start"], span["end"])})
        for q in found:
            predicted += 1
            if any(q["start"] < s["end"] and s["start"] < q["end"] for s in doc["spans"]):
                right += 1
            else:
                errors.append({"id": doc["id"], "kind": "unannotated", "text": q["evidence"],
                               "what": q["what"]})
    metrics = {
        "n_documents": len(documents),
        "n_loss_quantities": gold,
        "n_predicted": predicted,
        "recall": ratio(hit, gold),
        "precision_any": ratio(right, predicted),
    }
    return metrics, errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" /
                                              "data"))
    parser.add_argument("--json", help="write the scores here (keys prefixed re3d.)")
    parser.add_argument("--errors", help="write misses and unannotated predictions here")
    args = parser.parse_args(argv)
    folder = Path(args.data) / CORPUS
    if not folder.is_dir():
        print(f"skipped: {folder} is absent", file=sys.stderr)
        if args.json:
            Path(args.json).write_text(json.dumps({"skipped": f"{folder} is absent"}), "utf-8")
        return 0
    began = time.perf_counter()
    documents = read(folder)
    metrics, errors = score(documents, predict(documents))
    metrics["seconds"] = round(time.perf_counter() - began, 1)
    emit(metrics, "re3d", args.json, args.errors, errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
