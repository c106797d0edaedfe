"""Score sitrep's Czech entity recognition against the Czech Named Entity Corpus 2.0 (CNEC).

Usage: python eval/ner_cnec.py [--data ../shared/data] [--split etest] [--limit N] [--json OUT]

CNEC 2.0 (UFAL, CC BY-NC-SA 3.0) marks named entities in Czech sentences with a two-level
hierarchy of 46 types; the first letter gives the coarse class. Three classes matter to sitrep
and are scored here: `p` persons (speakers and actors), `g` geographical names (places),
`i` institutions (ministries, armies, parties, companies: speakers and actors). A container
such as `P` (a whole person name) counts for its class, and a mention inside another mention
of the same class is not counted again ("José" inside "José Raoúl Capablanca").

What is scored is what sitrep itself reads when it finds speakers, actors and places in Czech:

* persons: the `cs_core_news_sm` pipeline's PERSON entities, which `statements` reads to
  follow a speaker from sentence to sentence ("person_*");
* institutions: its ORG entities, which mark a subject as able to speak ("institution_*");
  resolving them to an actor (the actor lexicon) is a later step and not scored here;
* places: `places.extract`, sitrep's place finder: the pipeline's GPE / LOC / FAC entities
  plus names the gazetteer knows ("place_*"); `place_ner_*` scores the pipeline's entities
  alone, to show what the gazetteer adds or costs.

Each sentence of the split (the corpus's own tokenisation, tokens joined by single spaces) is
one document with `language="cs"`. A prediction is right when its span equals a gold span of
its class (`*_f1`); `*_f1_overlap` matches spans one to one when they share a character.
The `cs_core_news_sm` pipeline was trained on CNEC 2.0 (its meta.json names it) alongside UD
Czech-PDTC; the default split is the held-out evaluation split `etest`, so these figures are
in-domain ones, an upper bound for news about wars.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scoring import f1, load_pipeline, ratio

CORPUS = Path("cnec2.0") / "data" / "xml"
CLASSES = {"p": "person", "g": "place", "i": "institution"}
PERSON_LABELS = {"PERSON", "PER"}
INSTITUTION_LABELS = {"ORG"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}

Span = tuple[int, int]


@dataclass(frozen=True)
class Sentence:
    text: str
    gold: dict[str, frozenset[Span]]  # class name -> outermost spans of that class


def read_split(path: Path) -> list[Sentence]:
    """The sentences of one CNEC XML file (`<doc>`, one sentence per line, nested `<ne>`)."""
    root = ET.fromstring(path.read_text("utf-8"))
    pieces: list[str] = []
    spans: list[tuple[str, int, int]] = []

    def walk(element: ET.Element) -> None:
        if element.text:
            pieces.append(element.text)
        for child in element:
            start = sum(len(p) for p in pieces)
            walk(child)
            spans.append((child.get("type", ""), start, sum(len(p) for p in pieces)))
            if child.tail:
                pieces.append(child.tail)

    walk(root)
    return sentences_of("".join(pieces), spans)


def sentences_of(text: str, spans: Iterable[tuple[str, int, int]]) -> list[Sentence]:
    """Split text at newlines into sentences, each with its gold spans (sentence offsets)."""
    found: list[Sentence] = []
    ordered = sorted(spans, key=lambda s: s[1])
    position = 0
    for line in text.split("\n"):
        start, end = position, position + len(line)
        position = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        lead = start + len(line) - len(line.lstrip())
        inside = [(t, s - lead, e - lead) for t, s, e in ordered if start <= s and e <= end]
        found.append(Sentence(stripped, outermost(inside, stripped)))
    return found


def outermost(spans: Sequence[tuple[str, int, int]], text: str) -> dict[str, frozenset[Span]]:
    """Per scored class, the mentions not nested in another mention of the same class."""
    by_class: dict[str, set[Span]] = {name: set() for name in CLASSES.values()}
    for kind, start, end in spans:
        name = CLASSES.get(kind[:1].lower())
        if name is None:
            continue
        start, end = max(start, 0), min(end, len(text))
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            by_class[name].add((start, end))
    return {
        name: frozenset(s for s in found
                        if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in found))
        for name, found in by_class.items()
    }


def predict(sentence: str, resources: Any) -> dict[str, set[Span]]:
    """sitrep's persons, institutions and places in one Czech sentence (and the NER places)."""
    from sitrep import ingest, nlp, places

    document = ingest.from_text(sentence, path="cnec", language="cs")
    parsed = nlp.parse(document, resources.models)
    found: dict[str, set[Span]] = {"person": set(), "institution": set(), "place_ner": set()}
    for offset, doc in parsed.blocks:
        for ent in doc.ents:
            span = (offset + ent.start_char, offset + ent.end_char)
            if ent.label_ in PERSON_LABELS:
                found["person"].add(span)
            elif ent.label_ in INSTITUTION_LABELS:
                found["institution"].add(span)
            elif ent.label_ in PLACE_LABELS:
                found["place_ner"].add(span)
    found["place"] = {(p.start, p.end) for p in places.extract(document, parsed,
                                                                resources.gazetteer)}
    if document.text != sentence:  # offsets point into document.text; the corpus is plain
        raise ValueError(f"ingest changed a CNEC sentence: {sentence[:60]!r}")
    return found


def matches(gold: Iterable[Span], predicted: Iterable[Span]) -> tuple[int, int]:
    """(exact matches, one-to-one overlap matches) between gold and predicted spans."""
    gold_left = sorted(gold)
    predicted_left = sorted(predicted)
    exact = len(set(gold_left) & set(predicted_left))
    overlap = 0
    used: set[Span] = set()
    for g in gold_left:
        for p in predicted_left:
            if p not in used and p[0] < g[1] and g[0] < p[1]:
                used.add(p)
                overlap += 1
                break
    return exact, overlap


def score(pairs: Iterable[tuple[Sentence, dict[str, set[Span]]]]) -> dict[str, float | int]:
    """P / R / F1 (exact and overlap) per class over (sentence, predictions) pairs."""
    counts: dict[str, list[int]] = {}
    n = 0
    for sentence, predicted in pairs:
        n += 1
        for name, spans in predicted.items():
            gold = sentence.gold[name.removesuffix("_ner")]
            exact, overlap = matches(gold, spans)
            row = counts.setdefault(name, [0, 0, 0, 0])
            row[0] += exact
            row[1] += overlap
            row[2] += len(spans)
            row[3] += len(gold)
    metrics: dict[str, float | int] = {"cnec.n_sentences": n}
    for name, (exact, overlap, n_pred, n_gold) in sorted(counts.items()):
        for suffix, hits in (("", exact), ("_overlap", overlap)):
            p, r = ratio(hits, n_pred), ratio(hits, n_gold)
            metrics[f"cnec.{name}_p{suffix}"] = p
            metrics[f"cnec.{name}_r{suffix}"] = r
            metrics[f"cnec.{name}_f1{suffix}"] = f1(p, r)
        metrics[f"cnec.{name}_gold"] = n_gold
        metrics[f"cnec.{name}_predicted"] = n_pred
    return metrics


def run(data: Path, split: str, limit: int | None) -> dict[str, float | int]:
    sentences = read_split(data / CORPUS / f"named_ent_{split}.xml")[:limit]
    resources = load_pipeline()
    return score((s, predict(s.text, resources)) for s in sentences)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parent.parent.parent
                        / "shared" / "data")
    parser.add_argument("--split", choices=("etest", "dtest"), default="etest")
    parser.add_argument("--limit", type=int, help="score the first N sentences only")
    parser.add_argument("--json", type=Path, help="write the metrics here")
    args = parser.parse_args(argv)
    if not (args.data / CORPUS).is_dir():
        reason = f"{args.data / CORPUS} is absent"
        print(f"SKIP: {reason}", file=sys.stderr)
        if args.json:
            args.json.write_text(json.dumps({"skipped": reason}) + "\n", "utf-8")
        return 0
    began = time.perf_counter()
    metrics = run(args.data, args.split, args.limit)
    for key, value in metrics.items():
        print(f"{key:36} {value:.3f}" if isinstance(value, float) else f"{key:36} {value}")
    print(f"{'seconds':36} {time.perf_counter() - began:.1f}")
    if args.json:
        args.json.write_text(json.dumps(metrics, indent=2, sort_keys=True) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
