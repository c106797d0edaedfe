"""Claims evaluation on CASE 2021 Task 2: one fine-grained event type per news snippet.

    python eval/claims_case2021.py [--data ../shared/data] [--json OUT] [--errors OUT.tsv]

    options: --limit N (first N snippets; keys become case2021_N.*)

Every snippet of case2021_task2_acled/snippets.tsv (1,019, 30 labels) is run through the
pipeline as one English document. Each claim is given a task label: its ACLED sub-event type
through ACLED_LABELS, else its action through ACTION_LABELS (DIPLO for diplomacy and
diplomatic rhetoric, ATTRIB for accusations and denials). The snippet's label is that of the
first claim with a label, asserted claims before the others, in text order, and by
LABEL_PRIORITY between claims of the same trigger; a snippet without one gets NO_LABEL, which
is wrong for every gold label.

The data are read in place and never copied; when the folder is absent the script prints SKIP,
writes {"skipped": reason} as the JSON and exits 0. Metrics: eval/README_claims.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from scoring import accuracy, load_pipeline, macro_f1, per_label

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
FOLDER = Path("case2021_task2_acled")
SNIPPETS = Path("snippets.tsv")
NO_LABEL = "(none)"

# ACLED sub-event type (as in data/actions.yaml) -> task label: all 25 ACLED sub-event types,
# so a sub-event type added to the taxonomy later is scored without touching this script.
ACLED_LABELS = {
    "Armed clash": "ARMED_CLASH",
    "Government regains territory": "GOV_REGAINS_TERIT",
    "Non-state actor overtakes territory": "NON_STATE_ACTOR_OVERTAKES_TER",
    "Chemical weapon": "CHEM_WEAP",
    "Air/drone strike": "AIR_STRIKE",
    "Suicide bomb": "SUIC_BOMB",
    "Shelling/artillery/missile attack": "ART_MISS_ATTACK",
    "Remote explosive/landmine/IED": "REM_EXPLOS",
    "Grenade": "GRENADE",
    "Sexual violence": "SEX_VIOL",
    "Attack": "ATTACK",
    "Abduction/forced disappearance": "ABDUCT_DISSAP",
    "Peaceful protest": "PEACE_PROTEST",
    "Protest with intervention": "PROTEST_WITH_INTER",
    "Excessive force against protesters": "FORCE_AGAINST_PROTEST",
    "Violent demonstration": "VIOL_DEMONSTR",
    "Mob violence": "MOB_VIOL",
    "Agreement": "AGREEMENT",
    "Arrests": "ARREST",
    "Change to group/activity": "CHANGE_TO_GROUP_ACT",
    "Disrupted weapons use": "DISR_WEAP",
    "Headquarters or base established": "HQ_ESTABLISHED",
    "Looting/property destruction": "PROPERTY_DISTRUCT",
    "Non-violent transfer of territory": "NON_VIOL_TERRIT_TRANSFER",
    "Other": "OTHER",
}
# actions without an ACLED sub-event type: the task's "unseen" DIPLO (diplomatic measures,
# threats, calls for action, praise, condemnation) and ATTRIB (claim, accusation or denial of
# responsibility). Every action of the "diplomacy" family without an ACLED type is DIPLO too.
ACTION_LABELS = {
    "condemn": "DIPLO",
    "threaten": "DIPLO",
    "reject": "DIPLO",
    "appeal": "DIPLO",
    "support": "DIPLO",
    "negotiate": "DIPLO",
    "apologize": "DIPLO",
    "aid": "DIPLO",
    "accuse": "ATTRIB",
    "deny": "ATTRIB",
}
DIPLOMACY_FAMILY = "diplomacy"
# between claims of one trigger ("missile & aerial attack"): the specific before the generic
LABEL_PRIORITY = (
    "CHEM_WEAP", "SUIC_BOMB", "AIR_STRIKE", "ART_MISS_ATTACK", "REM_EXPLOS", "GRENADE",
    "DISR_WEAP", "SEX_VIOL", "ABDUCT_DISSAP", "ATTACK", "GOV_REGAINS_TERIT",
    "NON_STATE_ACTOR_OVERTAKES_TER", "NON_VIOL_TERRIT_TRANSFER", "FORCE_AGAINST_PROTEST",
    "VIOL_DEMONSTR", "PROTEST_WITH_INTER", "MOB_VIOL", "PEACE_PROTEST", "ARREST",
    "PROPERTY_DISTRUCT", "HQ_ESTABLISHED", "CHANGE_TO_GROUP_ACT", "AGREEMENT", "ARMED_CLASH",
    "ATTRIB", "DIPLO", "OTHER",
)

Scores = dict[str, float | int | str]


# --------------------------------------------------------------------------- metrics





# --------------------------------------------------------------------------- labels


def claim_label(action: str, sub_event_type: str | None, family: str | None) -> str | None:
    """The task label of one claim, or None when it maps to none."""
    if sub_event_type:
        return ACLED_LABELS.get(sub_event_type)
    if action in ACTION_LABELS:
        return ACTION_LABELS[action]
    return "DIPLO" if family == DIPLOMACY_FAMILY else None


def expressible(codes: Mapping[str, Any]) -> list[str]:
    """The task labels some action of the taxonomy (`ActionLexicon.codes`) can produce."""
    found = {claim_label(name, c.acled_sub_event_type, c.family) for name, c in codes.items()}
    return sorted(label for label in found if label is not None)


def choose(claims: Sequence[Any], families: Mapping[str, str]) -> tuple[str, Any | None]:
    """The snippet's label and the claim that gave it: asserted claims first, then text order
    (trigger start), then LABEL_PRIORITY; NO_LABEL when no claim maps to a label."""
    ranked = []
    for claim in claims:
        label = claim_label(claim.action, claim.acled_sub_event_type, families.get(claim.action))
        if label is None:
            continue
        rank = LABEL_PRIORITY.index(label) if label in LABEL_PRIORITY else len(LABEL_PRIORITY)
        ranked.append(((claim.polarity != "asserted", claim.trigger_start, rank), label, claim))
    if not ranked:
        return NO_LABEL, None
    _, label, claim = min(ranked, key=lambda item: item[0])
    return label, claim


def choose_by_priority(claims: Sequence[Any], families: Mapping[str, str]) -> str:
    """Diagnostic alternative: the highest LABEL_PRIORITY among asserted claims, then others."""
    best = None
    for claim in claims:
        label = claim_label(claim.action, claim.acled_sub_event_type, families.get(claim.action))
        if label is None:
            continue
        key = (claim.polarity != "asserted", LABEL_PRIORITY.index(label), claim.trigger_start)
        best = min(best, (key, label)) if best else (key, label)
    return best[1] if best else NO_LABEL


def read_snippets(path: Path) -> list[tuple[str, str, str]]:
    """(id, snippet, label) for every row of snippets.tsv (header id, EventSnippet, SubType)."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(row["id"], row["EventSnippet"], row["SubType"].strip()) for row in reader]


# --------------------------------------------------------------------------- run



def evaluate(
    data: Path, resources: Any | None = None, limit: int | None = None,
    errors: list[list[str]] | None = None,
) -> Scores:
    """Flat scores ("case2021.accuracy", "case2021.macro_f1", …)."""
    from sitrep import ingest, pipeline

    resources = resources if resources is not None else load_pipeline()
    codes = resources.claim_lexicons.actions.codes
    families = {name: c.family for name, c in codes.items()}
    can = expressible(codes)
    rows = read_snippets(data / FOLDER / SNIPPETS)[:limit]
    gold, predicted, by_priority, asserted_only = [], [], [], []
    started = time.perf_counter()
    for number, snippet, label in rows:
        doc = ingest.from_text(snippet, path=f"case2021:{number}", language="en", title=None)
        claims = pipeline.extract(doc, resources).claims
        guess, chosen = choose(claims, families)
        gold.append(label)
        predicted.append(guess)
        by_priority.append(choose_by_priority(claims, families))
        asserted_only.append(
            choose([c for c in claims if c.polarity == "asserted"], families)[0])
        if errors is not None and guess != label:
            errors.append([
                "case2021", number, label, guess,
                f"{chosen.action}:{chosen.trigger}:{chosen.polarity}" if chosen else "",
                "; ".join(f"{c.action}:{c.trigger}:{c.polarity}" for c in claims), snippet,
            ])
    seconds = time.perf_counter() - started
    labels = sorted(set(gold))
    base = max(labels, key=lambda label: (gold.count(label), label))
    subset = [i for i, g in enumerate(gold) if g in can]
    scores: Scores = {
        "snippets": len(rows),
        "labels": len(labels),
        "accuracy": accuracy(gold, predicted),
        "macro_f1": macro_f1(gold, predicted, labels),
        "accuracy_expressible": accuracy([gold[i] for i in subset], [predicted[i] for i in subset]),
        "macro_f1_expressible": macro_f1([gold[i] for i in subset],
                                         [predicted[i] for i in subset], can),
        "n_expressible": len(subset),
        "majority_label": base,
        "majority_accuracy": accuracy(gold, [base] * len(gold)),
        "majority_macro_f1": macro_f1(gold, [base] * len(gold), labels),
        "expressible_labels": " ".join(can),
        "no_label": predicted.count(NO_LABEL),
        "accuracy_rule_priority": accuracy(gold, by_priority),
        "accuracy_rule_asserted_only": accuracy(gold, asserted_only),
        "seconds": round(seconds, 2),
    }
    for label, row in per_label(gold, predicted, labels).items():
        for key in ("p", "r", "f1", "support", "predicted"):
            scores[f"label_{label}_{key}"] = row[key]
    prefix = f"case2021_{limit}" if limit else "case2021"
    return {f"{prefix}.{key}": value for key, value in scores.items()}


def table(scores: Scores) -> str:
    prefix = next(iter(scores)).split(".", 1)[0]
    get = {k.split(".", 1)[1]: v for k, v in scores.items() if k.startswith(prefix + ".")}
    lines = [
        f"{prefix}: {get['snippets']} snippets, {get['labels']} labels, {get['seconds']} s, "
        f"{get['no_label']} without a label",
        f"  accuracy {get['accuracy']:.4f}  macro-F1 {get['macro_f1']:.4f}   expressible "
        f"({get['n_expressible']} snippets): accuracy {get['accuracy_expressible']:.4f}  "
        f"macro-F1 {get['macro_f1_expressible']:.4f}",
        f"  majority label {get['majority_label']}: accuracy {get['majority_accuracy']:.4f}  "
        f"macro-F1 {get['majority_macro_f1']:.4f}",
        f"  expressible labels: {get['expressible_labels']}",
        f"  rules: priority {get['accuracy_rule_priority']:.4f}  asserted only "
        f"{get['accuracy_rule_asserted_only']:.4f}",
        f"  {'label':<32} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}",
    ]
    names = sorted({k[6:].rsplit("_", 1)[0] for k in get if k.startswith("label_")})
    for name in names:
        row = {key: get[f"label_{name}_{key}"] for key in ("support", "predicted", "p", "r", "f1")}
        lines.append(f"  {name:<32} {row['support']:>5} {row['predicted']:>5} {row['p']:>6.3f} "
                     f"{row['r']:>6.3f} {row['f1']:>6.3f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data folder")
    parser.add_argument("--json", type=Path, help="write the scores here (JSON)")
    parser.add_argument("--errors", type=Path, help="write the errors here (TSV, for study)")
    parser.add_argument("--limit", type=int, help="score only the first N snippets")
    args = parser.parse_args(argv)
    folder = args.data / FOLDER
    if not folder.is_dir():
        reason = f"{folder} is absent; CASE 2021 claims evaluation skipped"
        print(f"SKIP: {reason}", file=sys.stderr)
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps({"skipped": reason}) + "\n", "utf-8")
        return 0
    started = time.perf_counter()
    errors: list[list[str]] | None = [] if args.errors else None
    scores = evaluate(args.data, None, args.limit, errors)
    total = round(time.perf_counter() - started, 2)
    print(table(scores))
    scores["case2021.total_seconds"] = total
    print(f"total: {total} s (model loading included)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(scores, indent=2, sort_keys=True) + "\n", "utf-8")
        print(f"scores written to {args.json}")
    if args.errors and errors is not None:
        with args.errors.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter="\t")
            writer.writerow(["set", "id", "gold", "predicted", "chosen", "claims", "snippet"])
            writer.writerows(errors)
        print(f"{len(errors)} error rows written to {args.errors}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
