"""Event-type and actor-country evaluation on the PLOVER gold-standard records (CAMEO examples).

    python eval/claims_plover.py [--data ../shared/data] [--json OUT] [--errors OUT.tsv]

Reads `plover_gsr/PLOVER_GSR_CAMEO.json` in place: sentences from the CAMEO 1.1b3 manual
re-coded by the Open Event Data Alliance in PLOVER 0.5b1 (event type, source and target actors
with ISO-3166 alpha-3 codes). Each record's text goes through sitrep with its bundled lexicons
only (no PETRARCH dictionaries); the record's prediction is sitrep's first claim (the first
asserted one when there is one). sitrep names event types as PLOVER 2021 does; `GOLD_TO_SITREP`
translates the gold 0.5b1 names. Metrics: see eval/README_claims_b.md.

When the data folder is absent the script prints SKIP, writes {"skipped": reason} as the JSON
and exits 0.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
RECORDS = Path("plover_gsr") / "PLOVER_GSR_CAMEO.json"
PREFIX = "plover_gsr"
ASSERTED = "asserted"

Scores = dict[str, float | int | str]

# PLOVER 0.5b1 (the gold) → the PLOVER 2021 event type sitrep emits for the same happening.
# From the PLOVER README's CAMEO table (0.5b1) and CAMEO2PLOVER-2021.txt (2021):
# - FIGHT (CAMEO 19, conventional military force) and ASSAULT (18 and 20) became one type,
#   ASSAULT, in 2021.
# - DEMAND (CAMEO 10) was renamed REQUEST; 2021's REQUEST also takes CAMEO 02 (appeal), which
#   0.5b1 dropped.
# - DISAPPROVE (CAMEO 11: criticise, accuse, complain) became ACCUSE.
# - INVESTIGATE (CAMEO 09) is a mode of ACCUSE in 2021 ("ACCUSE, investigate"); sitrep keeps
#   it as a type of its own, INVESTIGATE, so the gold INVESTIGATE is matched by sitrep's
#   INVESTIGATE.
# - AGREE, CONSULT, SUPPORT, COOPERATE, AID, CONCEDE, RETREAT, REJECT, THREATEN, PROTEST,
#   MOBILIZE, SANCTION and COERCE keep their names. (0.5b1's CRIME has no 2021 type and no
#   gold record.)
GOLD_TO_SITREP: dict[str, str] = {
    "AGREE": "AGREE",
    "CONSULT": "CONSULT",
    "SUPPORT": "SUPPORT",
    "COOPERATE": "COOPERATE",
    "AID": "AID",
    "CONCEDE": "CONCEDE",
    "RETREAT": "RETREAT",
    "INVESTIGATE": "INVESTIGATE",
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "REJECT": "REJECT",
    "THREATEN": "THREATEN",
    "PROTEST": "PROTEST",
    "MOBILIZE": "MOBILIZE",
    "SANCTION": "SANCTION",
    "COERCE": "COERCE",
    "ASSAULT": "ASSAULT",
    "FIGHT": "ASSAULT",
}


def to_sitrep_type(gold_event: str) -> str | None:
    """The PLOVER 2021 name sitrep would use for a gold PLOVER 0.5b1 event type."""
    return GOLD_TO_SITREP.get(gold_event.upper())


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Record:
    ident: str
    event: str  # PLOVER 0.5b1, as in the file
    mode: str
    text: str
    day: str | None
    source: str | None  # first source actor's code, first three letters ("IGO", "USA")
    target: str | None
    event_text: str = ""


def _code3(actors: Any) -> str | None:
    if not actors or not isinstance(actors, list) or not actors[0].get("code"):
        return None
    return str(actors[0]["code"])[:3].upper()


def load_records(path: Path) -> list[Record]:
    """The event records of the file (the DOCUMENT header record is left out)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    records = []
    for item in data:
        if item.get("event") == "DOCUMENT":
            continue
        records.append(Record(
            ident=item["id"], event=item["event"], mode=item.get("mode") or "",
            text=" ".join(item["text"].split()), day=item.get("date"),
            source=_code3(item.get("source")), target=_code3(item.get("target")),
            event_text=item.get("eventText", ""),
        ))
    return records


# --------------------------------------------------------------------------- prediction


@dataclass(frozen=True)
class Prediction:
    """What sitrep said about one record: its chosen claim's type and countries."""

    event: str | None
    mode: str | None
    source: str | None
    target: str | None
    trigger: str = ""
    action: str = ""
    polarity: str = ""
    all_events: tuple[str, ...] = ()
    claims: str = ""


def first_claim(claims: Sequence[Any]) -> Any | None:
    """The first asserted claim, else the first claim, else None."""
    for claim in claims:
        if claim.polarity == ASSERTED:
            return claim
    return claims[0] if claims else None


def predict(text: str, day: str | None, resources: Any, ident: str = "plover") -> Prediction:
    """Run sitrep on one record's text and read its chosen claim."""
    from sitrep import ingest, pipeline

    document = ingest.from_text(text, path=ident, language="en", published=day)
    claims = pipeline.extract(document, resources).claims
    chosen = first_claim(claims)
    summary = "; ".join(
        f"{c.trigger}:{c.action}/{c.plover}/{c.polarity} "
        f"{c.actor.name if c.actor else None}[{c.actor.country if c.actor else None}] -> "
        f"{c.target.name if c.target else None}[{c.target.country if c.target else None}]"
        for c in claims)
    if chosen is None:
        return Prediction(None, None, None, None, claims=summary)
    return Prediction(
        event=chosen.plover, mode=chosen.plover_mode,
        source=chosen.actor.country if chosen.actor else None,
        target=chosen.target.country if chosen.target else None,
        trigger=chosen.trigger, action=chosen.action, polarity=chosen.polarity,
        all_events=tuple(c.plover for c in claims if c.plover), claims=summary,
    )


def expressible_types(resources: Any) -> set[str]:
    """The PLOVER 2021 types some sitrep action carries."""
    return {c.plover for c in resources.claim_lexicons.actions.codes.values() if c.plover}


# --------------------------------------------------------------------------- scoring


def ratio(hits: int, total: int) -> float:
    return round(hits / total, 4) if total else 0.0


def country_scores(pairs: Iterable[tuple[str | None, str | None]], name: str) -> Scores:
    """Country agreement over the records whose gold actor has a code: accuracy (right /
    all such records), coverage (we gave a country at all) and precision (right / given)."""
    pairs = [(gold, ours) for gold, ours in pairs if gold]
    given = [(g, o) for g, o in pairs if o]
    right = sum(g == o for g, o in given)
    return {
        f"{name}_country_accuracy": ratio(right, len(pairs)),
        f"{name}_country_coverage": ratio(len(given), len(pairs)),
        f"{name}_country_precision": ratio(right, len(given)),
        f"n_{name}_gold": len(pairs),
        f"n_{name}_given": len(given),
        f"n_{name}_right": right,
    }


def score(records: Sequence[Record], predictions: Sequence[Prediction],
          expressible: set[str]) -> Scores:
    """Flat scores without the data-set prefix (see eval/README_claims_b.md)."""
    pairs = list(zip(records, predictions, strict=True))
    right = [to_sitrep_type(r.event) == p.event for r, p in pairs]
    can = [to_sitrep_type(r.event) in expressible for r in records]
    out: Scores = {
        "records": len(records),
        "event_accuracy": ratio(sum(right), len(records)),
        "records_expressible": sum(can),
        "event_accuracy_expressible": ratio(sum(r for r, c in zip(right, can, strict=True)
                                                if c), sum(can)),
        "event_coverage": ratio(sum(p.event is not None for p in predictions), len(records)),
        "event_accuracy_any_claim": ratio(sum(
            to_sitrep_type(r.event) in p.all_events for r, p in pairs), len(records)),
        "records_without_claim": sum(not p.claims for p in predictions),
    }
    out.update(country_scores(((r.source, p.source) for r, p in pairs), "source"))
    out.update(country_scores(((r.target, p.target) for r, p in pairs), "target"))
    return out


def per_type(records: Sequence[Record], predictions: Sequence[Prediction]) -> dict[str, Any]:
    """Per gold type: records, right, what was predicted instead; plus each predicted type's
    precision."""
    rows: dict[str, Any] = {}
    for gold in sorted({r.event for r in records}):
        mine = [(r, p) for r, p in zip(records, predictions, strict=True) if r.event == gold]
        got = Counter(p.event or "(none)" for _, p in mine)
        rows[gold] = {
            "sitrep": to_sitrep_type(gold),
            "records": len(mine),
            "right": sum(to_sitrep_type(gold) == p.event for _, p in mine),
            "predicted": dict(got.most_common()),
        }
    return rows


def predicted_precision(
    records: Sequence[Record], predictions: Sequence[Prediction]
) -> dict[str, tuple[int, int]]:
    """Per predicted type: (right, predicted)."""
    out: dict[str, tuple[int, int]] = {}
    for r, p in zip(records, predictions, strict=True):
        if p.event is None:
            continue
        right, total = out.get(p.event, (0, 0))
        out[p.event] = (right + (to_sitrep_type(r.event) == p.event), total + 1)
    return dict(sorted(out.items()))


# --------------------------------------------------------------------------- running


def load_pipeline() -> Any:
    """sitrep's resources with the bundled lexicons only (SITREP_* variables ignored)."""
    from sitrep import pipeline
    from sitrep.settings import load_settings

    return pipeline.load_resources(load_settings(environ={}))


ERROR_COLUMNS = ["kind", "record", "gold_event", "gold_as_sitrep", "predicted_event",
                 "trigger", "gold_event_text", "gold_source", "our_source", "gold_target",
                 "our_target", "text", "claims"]


def error_rows(record: Record, p: Prediction) -> list[list[str]]:
    """Rows for a wrong event type and for wrong or missing countries."""
    common = [record.ident, record.event, to_sitrep_type(record.event) or "-",
              p.event or "-", p.trigger or "-", record.event_text, record.source or "-",
              p.source or "-", record.target or "-", p.target or "-", record.text,
              p.claims or "-"]
    rows = []
    if to_sitrep_type(record.event) != p.event:
        rows.append(["event" if p.event else "event-none", *common])
    if record.source and record.source != p.source:
        rows.append(["source" if p.source else "source-none", *common])
    if record.target and record.target != p.target:
        rows.append(["target" if p.target else "target-none", *common])
    return rows


def evaluate(
    data: Path, resources: Any = None, errors: list[list[str]] | None = None,
    limit: int | None = None,
) -> Scores:
    """Score every record; keys are prefixed "plover_gsr."."""
    records = load_records(data / RECORDS)[:limit]
    resources = resources or load_pipeline()
    resources.models.for_language("en")  # load the spaCy model before the clock starts
    started = time.perf_counter()
    predictions = [predict(r.text, r.day, resources, r.ident) for r in records]
    seconds = time.perf_counter() - started
    expressible = expressible_types(resources)
    out = score(records, predictions, expressible)
    out["seconds"] = round(seconds, 2)
    out["records_per_second"] = round(len(records) / seconds, 2) if seconds else 0.0
    out["expressible_gold_types"] = " ".join(sorted(
        {r.event for r in records if to_sitrep_type(r.event) in expressible}))
    flat: Scores = {f"{PREFIX}.{k}": v for k, v in out.items()}
    for gold, row in per_type(records, predictions).items():
        flat[f"{PREFIX}.type.{gold}.records"] = row["records"]
        flat[f"{PREFIX}.type.{gold}.right"] = row["right"]
        flat[f"{PREFIX}.type.{gold}.expressible"] = int(row["sitrep"] in expressible)
        flat[f"{PREFIX}.type.{gold}.predicted"] = json.dumps(row["predicted"])
    for name, (right, total) in predicted_precision(records, predictions).items():
        flat[f"{PREFIX}.predicted.{name}.precision"] = ratio(right, total)
        flat[f"{PREFIX}.predicted.{name}.count"] = total
    if errors is not None:
        for record, prediction in zip(records, predictions, strict=True):
            errors.extend(error_rows(record, prediction))
    return flat


def table(scores: Scores) -> str:
    p = PREFIX
    lines = [
        f"PLOVER gold-standard records: {scores[f'{p}.records']} records; sitrep made no claim "
        f"for {scores[f'{p}.records_without_claim']}",
        f"event type accuracy {scores[f'{p}.event_accuracy']:.3f} over all records; "
        f"{scores[f'{p}.event_accuracy_expressible']:.3f} over the "
        f"{scores[f'{p}.records_expressible']} records whose type sitrep can express "
        f"({scores[f'{p}.expressible_gold_types']}); any claim of the right type: "
        f"{scores[f'{p}.event_accuracy_any_claim']:.3f}",
        f"{'gold type (0.5b1)':<18}{'as sitrep':<13}{'can':>4}{'records':>8}{'right':>6}  "
        f"predicted instead",
    ]
    for key in sorted(k for k in scores if k.startswith(f"{p}.type.") and k.endswith(".records")):
        gold = key.split(".")[2]
        predicted = json.loads(str(scores[f"{p}.type.{gold}.predicted"]))
        lines.append(
            f"{gold:<18}{to_sitrep_type(gold) or '-':<13}"
            f"{'yes' if scores[f'{p}.type.{gold}.expressible'] else 'no':>4}"
            f"{scores[key]:>8}{scores[f'{p}.type.{gold}.right']:>6}  "
            + ", ".join(f"{k} {v}" for k, v in predicted.items()))
    lines.append("predicted type precision: " + ", ".join(
        f"{k.split('.')[2]} {scores[k]:.2f} ({scores[k.replace('.precision', '.count')]})"
        for k in sorted(scores) if k.startswith(f"{p}.predicted.") and k.endswith(".precision")))
    for side in ("source", "target"):
        lines.append(
            f"{side} country: accuracy {scores[f'{p}.{side}_country_accuracy']:.3f} "
            f"({scores[f'{p}.n_{side}_right']}/{scores[f'{p}.n_{side}_gold']} gold actors), "
            f"coverage {scores[f'{p}.{side}_country_coverage']:.3f}, precision "
            f"{scores[f'{p}.{side}_country_precision']:.3f}")
    lines.append(f"sitrep took {scores[f'{p}.seconds']} s "
                 f"({scores[f'{p}.records_per_second']} records/s)")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="the shared data folder (default: ../shared/data)")
    parser.add_argument("--json", type=Path, help="write the flat scores here")
    parser.add_argument("--errors", type=Path,
                        help="write every wrong event type / country here as TSV "
                             "(keep it outside the repository)")
    parser.add_argument("--limit", type=int, help="score only the first N records")
    args = parser.parse_args(argv)
    path = args.data / RECORDS
    if not path.is_file():
        reason = f"{path} is absent (the shared data sets live beside the repo)"
        print(f"SKIP: {reason}")
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps({"skipped": reason}) + "\n", encoding="utf-8")
        return 0
    started = time.perf_counter()
    errors: list[list[str]] | None = [] if args.errors else None
    scores = evaluate(args.data, errors=errors, limit=args.limit)
    total = time.perf_counter() - started
    scores[f"{PREFIX}.seconds_total"] = round(total, 2)
    print(table(scores))
    print(f"run time {total:.1f} s (with loading spaCy)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(scores, indent=2, sort_keys=True) + "\n",
                             encoding="utf-8")
    if args.errors and errors is not None:
        with args.errors.open("w", encoding="utf-8") as out:
            out.write("\t".join(ERROR_COLUMNS) + "\n")
            for row in errors:
                out.write("\t".join(c.replace("\t", " ").replace("\n", " ") for c in row) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
