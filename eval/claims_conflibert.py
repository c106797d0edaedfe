"""Claims evaluation on Multi-CoPED English (ConfliBERT packaging): event class and actor spans.

    python eval/claims_conflibert.py [--data ../shared/data] [--json OUT] [--errors OUT.tsv]

    options: --limit N (first N sentences of each file; keys become conflibert_classN.* and
             conflibert_nerN.*), --only class|ner

(a) cameo_class/train.tsv: every sentence is run through the pipeline and given one PentaClass
label (0 statement, 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
conflict) from its claims: the asserted claim with the largest |Goldstein| score decides, its
CAMEO root read through the PentaClass root ranges; a sentence without an asserted claim is 0.
(b) cameo_ner/train.txt: sentences rebuilt from their tokens (joined by single spaces), each
claim's actor and target located in the text (`Actor.name` searched in the claim's evidence
from `Claim.start`) and mapped to tokens, then scored against the gold S (source), T (target)
and R (reciprocal participants of a symmetric event such as a meeting) spans.

Only the train files are present locally; sitrep never trains, so all of train is our test.
The data are read in place and never copied; when the folder is absent the script prints SKIP,
writes {"skipped": reason} as the JSON and exits 0. Metrics: eval/README_claims.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from scoring import accuracy, f1, load_pipeline, macro_f1, per_label, ratio

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
FOLDER = Path("conflibert_cameo_multicoped")
CLASS_FILE = Path("cameo_class") / "train.tsv"
NER_FILE = Path("cameo_ner") / "train.txt"

CLASSES = (0, 1, 2, 3, 4)
CLASS_NAMES = {0: "statement", 1: "verbal coop", 2: "material coop", 3: "verbal conflict",
               4: "material conflict"}
ROLES = ("S", "T", "R")
# symmetric actions: both participants are gold R ("X held talks with Y"), not S and T
RECIPROCAL_ACTIONS = frozenset({"negotiate", "consult"})
ARTICLES = frozenset({"the", "a", "an"})

Scores = dict[str, float | int | str]
TokenSpan = tuple[int, int]  # first and last token index, inclusive


class ClaimLike(Protocol):
    action: str
    polarity: str
    goldstein: float | None
    cameo_root: str | None
    quad_class: int | None
    trigger_start: int


# --------------------------------------------------------------------------- metrics





def confusion(
    gold: Sequence[Any], predicted: Sequence[Any], labels: Sequence[Any]
) -> list[list[int]]:
    """matrix[i][j] = items of gold label labels[i] predicted as labels[j]."""
    index = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, predicted, strict=True):
        matrix[index[g]][index[p]] += 1
    return matrix


def majority(gold: Sequence[Any]) -> Any:
    """The most frequent gold label (the smallest label on a tie)."""
    counts = Counter(gold)
    return min(counts, key=lambda label: (-counts[label], label))




# --------------------------------------------------------------------------- (a) class


def pentaclass(cameo_root: str | None) -> int:
    """PentaClass of a CAMEO root: 01 statement, 02-05 verbal cooperation, 06-08 material
    cooperation, 09-13 verbal conflict, 14-20 material conflict; None is 0."""
    if not cameo_root:
        return 0
    root = int(cameo_root)
    if root <= 1:
        return 0
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    return 3 if root <= 13 else 4


def deciding_claim(claims: Sequence[ClaimLike]) -> ClaimLike | None:
    """The asserted claim with the largest |Goldstein|; ties go to the more conflictual
    PentaClass, then to the earlier trigger. None when no claim is asserted."""
    return _strongest([c for c in claims if c.polarity == "asserted"])


def _strongest(claims: Sequence[ClaimLike]) -> ClaimLike | None:
    return min(claims, default=None, key=lambda c: (
        -abs(c.goldstein or 0.0), -pentaclass(c.cameo_root), c.trigger_start))


def predict_class(claims: Sequence[ClaimLike]) -> int:
    """A sentence's PentaClass from its claims (0 without an asserted claim)."""
    chosen = deciding_claim(claims)
    return pentaclass(chosen.cameo_root) if chosen is not None else 0


def predict_class_variants(claims: Sequence[ClaimLike]) -> dict[str, int]:
    """Diagnostic alternatives to `predict_class`, to see what the choice of rule costs:
    the first asserted claim in text order; the most conflictual asserted claim; the strongest
    claim of any polarity; the headline claim's own `quad_class` instead of its CAMEO root."""
    asserted = [c for c in claims if c.polarity == "asserted"]
    first = min(asserted, default=None, key=lambda c: c.trigger_start)
    strongest = _strongest(claims)
    chosen = deciding_claim(claims)
    return {
        "first": pentaclass(first.cameo_root) if first else 0,
        "most_conflictual": max((pentaclass(c.cameo_root) for c in asserted), default=0),
        "any_polarity": pentaclass(strongest.cameo_root) if strongest else 0,
        "by_quad": (chosen.quad_class or 0) if chosen else 0,
    }


def read_class(path: Path) -> list[tuple[int, str, int]]:
    """(line number, sentence, label) for every line of cameo_class/train.tsv (CRLF ends)."""
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            sentence, label = line.rsplit("\t", 1)
            rows.append((number, sentence, int(label)))
    return rows


def evaluate_class(
    rows: Sequence[tuple[int, str, int]], resources: Any, prefix: str,
    errors: list[list[str]] | None = None,
) -> Scores:
    from sitrep import ingest, pipeline

    gold, predicted = [], []
    variants: dict[str, list[int]] = {}
    with_claim = 0
    started = time.perf_counter()
    for number, sentence, label in rows:
        doc = ingest.from_text(sentence, path=f"class:{number}", language="en", title=None)
        claims = pipeline.extract(doc, resources).claims
        guess = predict_class(claims)
        gold.append(label)
        predicted.append(guess)
        with_claim += bool(claims)
        for name, value in predict_class_variants(claims).items():
            variants.setdefault(name, []).append(value)
        if errors is not None and guess != label:
            chosen = deciding_claim(claims)
            errors.append([
                "class", str(number), str(label), str(guess),
                f"{chosen.action}:{chosen.trigger}" if chosen else "",
                "; ".join(f"{c.action}:{c.trigger}:{c.polarity}" for c in claims), sentence,
            ])
    seconds = time.perf_counter() - started
    base = majority(gold)
    scores: Scores = {
        "sentences": len(rows),
        "accuracy": accuracy(gold, predicted),
        "macro_f1": macro_f1(gold, predicted, CLASSES),
        "majority_label": base,
        "majority_accuracy": accuracy(gold, [base] * len(gold)),
        "majority_macro_f1": macro_f1(gold, [base] * len(gold), CLASSES),
        "with_claim": with_claim,
        "seconds": round(seconds, 2),
    }
    for name, values in variants.items():
        scores[f"accuracy_rule_{name}"] = accuracy(gold, values)
    for label, row in per_label(gold, predicted, CLASSES).items():
        for key in ("p", "r", "f1"):
            scores[f"class{label}_{key}"] = row[key]
    for i, row_counts in enumerate(confusion(gold, predicted, CLASSES)):
        for j, count in enumerate(row_counts):
            scores[f"confusion_{i}_{j}"] = count
    return {f"{prefix}.{key}": value for key, value in scores.items()}


# --------------------------------------------------------------------------- (b) spans


@dataclass(frozen=True)
class Sentence:
    line: int  # line number of the first token in the CoNLL file
    tokens: tuple[str, ...]
    tags: tuple[str, ...]


def read_conll(path: Path) -> list[Sentence]:
    """Sentences of a CoNLL file with one `token tag` per line, blank line between."""
    found: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    first = 0
    with path.open(encoding="utf-8", newline="") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\r\n")
            if not line.strip():
                if tokens:
                    found.append(Sentence(first, tuple(tokens), tuple(tags)))
                tokens, tags = [], []
                continue
            token, tag = line.rsplit(" ", 1)
            if not tokens:
                first = number
            tokens.append(token)
            tags.append(tag)
    if tokens:
        found.append(Sentence(first, tuple(tokens), tuple(tags)))
    return found


def join_tokens(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """The tokens (NFC, as sitrep normalises) joined by single spaces, with their offsets."""
    offsets, cursor, parts = [], 0, []
    for token in tokens:
        token = unicodedata.normalize("NFC", token)
        offsets.append((cursor, cursor + len(token)))
        parts.append(token)
        cursor += len(token) + 1
    return " ".join(parts), offsets


def bio_spans(tags: Sequence[str]) -> set[tuple[str, int, int]]:
    """(role, first token, last token) of every BIO span; an I- after another role opens one."""
    spans: set[tuple[str, int, int]] = set()
    role, start = None, 0
    for i, tag in enumerate([*tags, "O"]):
        kind, _, name = tag.partition("-")
        if role is not None and (kind != "I" or name != role):
            spans.add((role, start, i - 1))
            role = None
        if kind in {"B", "I"} and role is None:
            role, start = name, i
    return spans


def locate(text: str, name: str, start: int, end: int) -> tuple[int, int] | None:
    """Where `name` first occurs in text[start:end] (case-insensitively if not as written)."""
    if not name:
        return None
    at = text.find(name, start, end)
    if at < 0:
        at = text.lower().find(name.lower(), start, end)
    return (at, at + len(name)) if at >= 0 else None


def to_tokens(span: tuple[int, int], offsets: Sequence[tuple[int, int]]) -> TokenSpan | None:
    """The first and last token overlapping a character span."""
    hit = [i for i, (s, e) in enumerate(offsets) if s < span[1] and span[0] < e]
    return (hit[0], hit[-1]) if hit else None


def without_article(span: TokenSpan, tokens: Sequence[str]) -> TokenSpan:
    """The span without a leading "the", "a" or "an" (sitrep's actor names drop it)."""
    if span[0] < span[1] and tokens[span[0]].lower() in ARTICLES:
        return span[0] + 1, span[1]
    return span


def overlaps(a: TokenSpan, b: TokenSpan) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


@dataclass
class SpanCounts:
    """Counts for one role: predictions matching some gold span, gold spans found."""

    predicted: int = 0
    gold: int = 0
    p_exact: int = 0
    r_exact: int = 0
    p_overlap: int = 0
    r_overlap: int = 0

    def add(self, gold: set[TokenSpan], predicted: set[TokenSpan]) -> None:
        self.predicted += len(predicted)
        self.gold += len(gold)
        self.p_exact += len(predicted & gold)
        self.r_exact += len(gold & predicted)
        self.p_overlap += sum(any(overlaps(p, g) for g in gold) for p in predicted)
        self.r_overlap += sum(any(overlaps(g, p) for p in predicted) for g in gold)

    def scores(self) -> dict[str, float | int]:
        found: dict[str, float | int] = {"n_pred": self.predicted, "n_gold": self.gold}
        for match in ("exact", "overlap"):
            p = ratio(getattr(self, f"p_{match}"), self.predicted)
            r = ratio(getattr(self, f"r_{match}"), self.gold)
            found.update({f"p_{match}": p, f"r_{match}": r, f"f1_{match}": f1(p, r)})
        return found


def predicted_spans(
    claims: Sequence[Any], text: str, offsets: Sequence[tuple[int, int]]
) -> tuple[dict[str, set[TokenSpan]], int]:
    """Token spans per role from the claims, and how many named roles could not be located.
    Actor is S and target T, except both are R for a symmetric action (RECIPROCAL_ACTIONS);
    "trigger" holds the trigger head words."""
    spans: dict[str, set[TokenSpan]] = {role: set() for role in (*ROLES, "trigger")}
    lost = 0
    for claim in claims:
        reciprocal = claim.action in RECIPROCAL_ACTIONS
        for role, actor in (("S", claim.actor), ("T", claim.target)):
            if actor is None:
                continue
            where = locate(text, actor.name, claim.start, claim.end)
            tokens = to_tokens(where, offsets) if where else None
            if tokens is None:
                lost += 1
                continue
            spans["R" if reciprocal else role].add(tokens)
        trigger = to_tokens((claim.trigger_start, claim.trigger_end), offsets)
        if trigger is not None:
            spans["trigger"].add(trigger)
    return spans, lost


def evaluate_ner(
    sentences: Sequence[Sentence], resources: Any, prefix: str,
    errors: list[list[str]] | None = None,
) -> Scores:
    from sitrep import ingest, pipeline

    counts = {role: SpanCounts() for role in ROLES}
    loose = {role: SpanCounts() for role in ROLES}
    trigger_in_r = SpanCounts()
    lost = located = 0
    started = time.perf_counter()
    for sentence in sentences:
        text, offsets = join_tokens(sentence.tokens)
        doc = ingest.from_text(text, path=f"ner:{sentence.line}", language="en", title=None)
        if doc.text != text:
            raise ValueError(f"line {sentence.line}: sitrep changed the joined text")
        claims = pipeline.extract(doc, resources).claims
        spans, missing = predicted_spans(claims, text, offsets)
        lost += missing
        located += sum(len(spans[r]) for r in ROLES)
        gold = bio_spans(sentence.tags)
        for role in ROLES:
            gold_role = {(s, e) for r, s, e in gold if r == role}
            counts[role].add(gold_role, spans[role])
            loose[role].add({without_article(g, sentence.tokens) for g in gold_role},
                            {without_article(p, sentence.tokens) for p in spans[role]})
            if errors is not None:
                errors += _span_errors(sentence, role, gold_role, spans[role], claims)
        trigger_in_r.add({(s, e) for r, s, e in gold if r == "R"}, spans["trigger"])
    seconds = time.perf_counter() - started
    scores: Scores = {"sentences": len(sentences), "unlocated_roles": lost,
                      "located_spans": located, "seconds": round(seconds, 2)}
    total = SpanCounts()
    for role in ROLES:
        for key, value in counts[role].scores().items():
            scores[f"{role}_{key}"] = value
        for key, value in loose[role].scores().items():
            if key.endswith("_exact"):
                scores[f"{role}_{key}_noart"] = value
        for field in ("predicted", "gold", "p_exact", "r_exact", "p_overlap", "r_overlap"):
            setattr(total, field, getattr(total, field) + getattr(counts[role], field))
    for key, value in total.scores().items():
        scores[f"all_{key}"] = value
    # the literal reading "R = relation phrase": trigger words against gold R (meaningless,
    # since R marks the participants; kept to show it)
    scores["R_as_trigger_f1_overlap"] = trigger_in_r.scores()["f1_overlap"]
    return {f"{prefix}.{key}": value for key, value in scores.items()}


def _span_errors(
    sentence: Sentence, role: str, gold: set[TokenSpan], predicted: set[TokenSpan],
    claims: Sequence[Any],
) -> list[list[str]]:
    rows = []
    words = sentence.tokens
    claimed = "; ".join(f"{c.action}:{c.trigger}" for c in claims)
    for kind, spans, other in (("fp", predicted, gold), ("fn", gold, predicted)):
        for s, e in sorted(spans):
            if (s, e) in other:
                continue
            near = any(overlaps((s, e), o) for o in other)
            rows.append([
                f"ner_{role}", str(sentence.line), kind, "overlap" if near else "none",
                " ".join(words[s:e + 1]), claimed, " ".join(words),
            ])
    return rows


# --------------------------------------------------------------------------- run



def evaluate(
    data: Path, resources: Any | None = None, parts: Sequence[str] = ("class", "ner"),
    limit: int | None = None, errors: list[list[str]] | None = None,
) -> Scores:
    """Flat scores ("conflibert_class.accuracy", "conflibert_ner.S_f1_overlap", …)."""
    resources = resources if resources is not None else load_pipeline()
    suffix = str(limit) if limit else ""
    scores: Scores = {}
    if "class" in parts:
        rows = read_class(data / FOLDER / CLASS_FILE)[:limit]
        scores.update(evaluate_class(rows, resources, f"conflibert_class{suffix}", errors))
    if "ner" in parts:
        sentences = read_conll(data / FOLDER / NER_FILE)[:limit]
        scores.update(evaluate_ner(sentences, resources, f"conflibert_ner{suffix}", errors))
    return scores


def table(scores: Scores) -> str:
    lines = []
    for prefix in sorted({k.split(".", 1)[0] for k in scores if "." in k}):
        get = {k.split(".", 1)[1]: v for k, v in scores.items() if k.startswith(prefix + ".")}
        if "sentences" not in get:
            continue
        if "accuracy" in get:
            lines += [
                f"{prefix}: {get['sentences']} sentences, {get['with_claim']} with a claim, "
                f"{get['seconds']} s",
                f"  accuracy {get['accuracy']:.4f}  macro-F1 {get['macro_f1']:.4f}   "
                f"majority class {get['majority_label']}: accuracy "
                f"{get['majority_accuracy']:.4f}  macro-F1 {get['majority_macro_f1']:.4f}",
                "  rules: " + "  ".join(f"{k[14:]} {v:.4f}" for k, v in sorted(get.items())
                                       if k.startswith("accuracy_rule_")),
                f"  {'class':<20} {'P':>6} {'R':>6} {'F1':>6}   confusion (rows gold, cols pred)",
            ]
            for c in CLASSES:
                row = " ".join(f"{get[f'confusion_{c}_{j}']:>4}" for j in CLASSES)
                lines.append(f"  {c} {CLASS_NAMES[c]:<18} {get[f'class{c}_p']:>6.3f} "
                             f"{get[f'class{c}_r']:>6.3f} {get[f'class{c}_f1']:>6.3f}   {row}")
        else:
            lines += [
                f"{prefix}: {get['sentences']} sentences, {get['seconds']} s, "
                f"{get['unlocated_roles']} roles not located",
                f"  {'role':<5} {'gold':>5} {'pred':>5}  {'P/R/F1 exact':>20}  "
                f"{'P/R/F1 overlap':>20}  {'F1 exact, no article':>20}",
            ]
            for role in (*ROLES, "all"):
                lines.append(
                    f"  {role:<5} {get[f'{role}_n_gold']:>5} {get[f'{role}_n_pred']:>5}  "
                    + "  ".join(
                        " ".join(f"{get[f'{role}_{m}_{match}']:.3f}" for m in ("p", "r", "f1"))
                        .rjust(20) for match in ("exact", "overlap"))
                    + (f"  {get[f'{role}_f1_exact_noart']:>20.3f}" if role in ROLES else ""))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data folder")
    parser.add_argument("--json", type=Path, help="write the scores here (JSON)")
    parser.add_argument("--errors", type=Path, help="write the errors here (TSV, for study)")
    parser.add_argument("--only", choices=("class", "ner"), help="run one part")
    parser.add_argument("--limit", type=int, help="score only the first N sentences of each")
    args = parser.parse_args(argv)
    folder = args.data / FOLDER
    if not folder.is_dir():
        reason = f"{folder} is absent; ConfliBERT claims evaluation skipped"
        print(f"SKIP: {reason}", file=sys.stderr)
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps({"skipped": reason}) + "\n", "utf-8")
        return 0
    started = time.perf_counter()
    errors: list[list[str]] | None = [] if args.errors else None
    parts = (args.only,) if args.only else ("class", "ner")
    scores = evaluate(args.data, None, parts, args.limit, errors)
    scores["conflibert.total_seconds"] = round(time.perf_counter() - started, 2)
    print(table(scores))
    print(f"total: {scores['conflibert.total_seconds']} s (model loading included)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(scores, indent=2, sort_keys=True) + "\n", "utf-8")
        print(f"scores written to {args.json}")
    if args.errors and errors is not None:
        with args.errors.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter="\t")
            writer.writerow(["set", "line", "gold_or_kind", "predicted_or_match",
                             "chosen_or_span", "claims", "text"])
            writer.writerows(errors)
        print(f"{len(errors)} error rows written to {args.errors}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
