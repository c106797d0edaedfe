"""Score the dates stage (sitrep.dates) against the MEANTIME English TIMEX3 annotation.

Usage: python eval/dates_meantime.py [--data ../shared/data] [--json OUT] [--errors FILE]

MEANTIME (NewsReader, CC BY 4.0) gives 120 Wikinews articles as tokens with TIMEX3 markables
(type, normalised value) and the document creation time (DCT). Each article is rebuilt as text
(title line, dateline line, then the body sentences joined by spaces), run through
`ingest.from_text(..., published=DCT)` and `dates.extract`, and compared with the gold timexes:

* detection: character-span overlap. Recall = gold timexes overlapped by some prediction;
  precision = predictions overlapping some gold timex. `date_detect_*` counts only gold DATE
  timexes, and leaves out of its precision the predictions that overlap a gold timex of another
  type (TIME, DURATION, SET); `all_detect_*` uses every gold type.
* normalisation: for gold DATE timexes with a day value (YYYY-MM-DD) that we detected, whether
  the overlapping prediction's `value` is that day (`date_value_accuracy`). Coarser gold values
  (2013, 2013-03, 2013-W11, 2013-Q1, PAST_REF, ...) are not comparable with our day values and
  are counted apart; `coarse_consistent` counts those where our day value falls inside the gold
  year / month (a prefix match).

MEANTIME annotates TIMEX3 only in the title and the first sentences of each article (token
sentences 0-5: title, dateline, four body sentences); predictions after that region are not
scored (the whole article is still read). The DCT timex itself (the dateline under the title)
is excluded from gold, and predictions over it are ignored: it is the date we are given. Two
articles lack a CREATION_TIME mark; their dateline DATE timex is taken as the DCT. Gold timexes
without tokens (non-textual) are skipped.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from scoring import f1, ratio

CORPUS = Path("meantime_en") / "intra_cross-doc_annotation"
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "%", "'s", "'", "n't", "’s", "'re",
                    "'ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = {"(", "[", "$", "#"}
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_COMPARABLE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2}|-Q\d)?")  # year .. day
ANNOTATED_SENTENCES = 6  # token sentences 0..5 carry the TIMEX3 annotation


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class Article:
    name: str
    text: str
    dct: str | None
    timexes: list[Timex] = field(default_factory=list)
    dct_span: tuple[int, int] | None = None
    annotated_end: int = 0


def detokenize(tokens: list[tuple[str, int, str]]) -> tuple[str, dict[str, tuple[int, int]]]:
    """Text from (t_id, sentence, token) triples and each token's character span. Sentences 0
    and 1 (the title and the dateline of a Wikinews article) end in a newline."""
    parts: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    length = 0
    previous: tuple[int, str] | None = None
    for t_id, sentence, token in tokens:
        token = unicodedata.normalize("NFC", token)
        if previous is not None:
            if previous[0] != sentence and previous[0] <= 1:
                sep = "\n"
            elif token in _NO_SPACE_BEFORE or previous[1] in _NO_SPACE_AFTER:
                sep = ""
            else:
                sep = " "
            parts.append(sep)
            length += len(sep)
        spans[t_id] = (length, length + len(token))
        parts.append(token)
        length += len(token)
        previous = (sentence, token)
    return "".join(parts), spans


def read_article(path: Path) -> Article:
    root = ET.parse(path).getroot()
    tokens = [(t.get("t_id", ""), int(t.get("sentence", "0")), t.text or "")
              for t in root.iter("token")]
    text, spans = detokenize(tokens)
    sentence_of = {t_id: sentence for t_id, sentence, _ in tokens}
    annotated = [spans[t_id][1] for t_id, sentence, _ in tokens if sentence < ANNOTATED_SENTENCES]
    article = Article(path.stem, text, None, annotated_end=max(annotated, default=0))
    for node in root.iter("TIMEX3"):
        anchors = [spans[a.get("t_id", "")] for a in node.findall("token_anchor")
                   if a.get("t_id", "") in spans]
        if not anchors:
            continue
        start, end = min(s for s, _ in anchors), max(e for _, e in anchors)
        value = node.get("value", "")
        in_dateline = {sentence_of[a.get("t_id", "")] for a in node.findall("token_anchor")
                       if a.get("t_id", "") in spans} == {1}
        if node.get("functionInDocument") == "CREATION_TIME" or (
            in_dateline and _DAY.fullmatch(value) and article.dct_span is None
        ):
            article.dct = value[:10] if _DAY.match(value) else None
            article.dct_span = (start, end)
            continue
        article.timexes.append(Timex(start, end, text[start:end], node.get("type", ""), value))
    article.timexes.sort(key=lambda t: t.start)
    return article


def load_articles(folder: Path) -> list[Article]:
    return [read_article(p) for p in sorted(folder.glob("*/*.xml"))]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def period_start(value: str) -> str | None:
    """The first day of a TIMEX3 year, month, quarter or week value (2009 → 2009-01-01)."""
    if re.fullmatch(r"\d{4}", value):
        return f"{value}-01-01"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return f"{value}-01"
    if found := re.fullmatch(r"(\d{4})-Q(\d)", value):
        return f"{found[1]}-{3 * int(found[2]) - 2:02d}-01"
    if found := re.fullmatch(r"(\d{4})-W(\d{2})", value):
        return date.fromisocalendar(int(found[1]), int(found[2]), 1).isoformat()
    return value if _DAY.fullmatch(value) else None


@dataclass(frozen=True)
class Prediction:
    start: int
    end: int
    text: str
    value: str | None
    precision: str | None = None


def timex_value(value: str | None, precision: str | None) -> str | None:
    """Our value written as TIMEX3 writes one of that precision: 2009-06-17 (day), 2009-06
    (month), 2009-W25 (ISO week), 2009-Q2 (quarter), 2009 (year); a range by its start day."""
    if value is None:
        return None
    day = date.fromisoformat(value[:10])
    if precision == "month":
        return value[:7]
    if precision == "year":
        return value[:4]
    if precision == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if precision == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return value[:10]


def predict(article: Article, lexicon: Any) -> list[Prediction]:
    """Our time expressions in the annotated region (those over the DCT dateline left out)."""
    from sitrep import dates, ingest

    doc = ingest.from_text(article.text, path=article.name, language="en",
                           published=article.dct)
    if doc.text != article.text:  # normalisation moved offsets: never expected, but be safe
        raise ValueError(f"{article.name}: ingest changed the rebuilt text")
    found = [Prediction(d.start, d.end, d.expression, timex_value(d.value, d.precision),
                        d.precision) for d in dates.extract(doc, lexicon)]
    found = [p for p in found if p.start < article.annotated_end]
    if article.dct_span:
        found = [p for p in found if not _overlaps((p.start, p.end), article.dct_span)]
    return found


def score(pairs: list[tuple[Article, list[Prediction]]]) -> tuple[dict[str, Any], list[dict]]:
    """Metrics and one error record per miss, false alarm or wrong value."""
    c = dict.fromkeys(["gold_date", "gold_all", "pred", "pred_date_scope", "tp_gold_date",
                       "tp_gold_all", "tp_pred_date", "tp_pred_all", "day_gold", "day_detected",
                       "day_correct", "coarse_gold", "coarse_detected", "coarse_consistent",
                       "value_gold", "value_detected", "value_correct"], 0)
    errors: list[dict] = []
    for article, preds in pairs:
        spans = [(p.start, p.end) for p in preds]
        c["pred"] += len(preds)
        for p in preds:
            hits = [t for t in article.timexes if _overlaps((p.start, p.end), (t.start, t.end))]
            c["tp_pred_all"] += bool(hits)
            if hits and all(t.type != "DATE" for t in hits):
                continue  # overlaps only TIME / DURATION / SET: outside the DATE scope
            c["pred_date_scope"] += 1
            c["tp_pred_date"] += bool(hits)
            if not hits:
                errors.append({"doc": article.name, "kind": "false_alarm", "text": p.text,
                               "ours": p.value, "context": _context(article.text, p.start)})
        for t in article.timexes:
            match = [p for p, s in zip(preds, spans, strict=True)
                     if _overlaps(s, (t.start, t.end))]
            c["gold_all"] += 1
            c["tp_gold_all"] += bool(match)
            if t.type != "DATE":
                continue
            c["gold_date"] += 1
            c["tp_gold_date"] += bool(match)
            day = bool(_DAY.fullmatch(t.value))
            c["day_gold" if day else "coarse_gold"] += 1
            record = {"doc": article.name, "text": t.text, "gold": t.value, "dct": article.dct,
                      "context": _context(article.text, t.start)}
            if not match:
                c["value_gold"] += bool(_COMPARABLE.fullmatch(t.value))
                errors.append({**record, "kind": "missed"})
                continue
            ours = match[0].value
            if _COMPARABLE.fullmatch(t.value):
                right = ours == t.value or (match[0].precision == "range" and ours is not None
                                            and ours == period_start(t.value))
                c["value_gold"] += 1
                c["value_detected"] += 1
                c["value_correct"] += right
                if not right and not day:
                    errors.append({**record, "kind": "wrong_value", "ours": ours,
                                   "ours_text": match[0].text})
            if day:
                c["day_detected"] += 1
                if ours == t.value:
                    c["day_correct"] += 1
                else:
                    errors.append({**record, "kind": "wrong_value", "ours": ours,
                                   "ours_text": match[0].text})
            else:
                c["coarse_detected"] += 1
                c["coarse_consistent"] += bool(ours and ours.startswith(t.value))
    metrics: dict[str, Any] = {}
    for scope, gold, tp_gold, pred, tp_pred in (
        ("date", c["gold_date"], c["tp_gold_date"], c["pred_date_scope"], c["tp_pred_date"]),
        ("all", c["gold_all"], c["tp_gold_all"], c["pred"], c["tp_pred_all"]),
    ):
        p, r = ratio(tp_pred, pred), ratio(tp_gold, gold)
        metrics.update({f"{scope}_detect_p": p, f"{scope}_detect_r": r,
                        f"{scope}_detect_f1": f1(p, r)})
    metrics["date_value_accuracy"] = ratio(c["day_correct"], c["day_detected"])
    metrics["date_value_recall"] = ratio(c["day_correct"], c["day_gold"])
    metrics["date_value_accuracy_all"] = ratio(c["value_correct"], c["value_detected"])
    metrics["date_value_recall_all"] = ratio(c["value_correct"], c["value_gold"])
    metrics.update({f"n_{k}": v for k, v in c.items()})
    metrics["n_articles"] = len(pairs)
    return metrics, errors


_MONTH = (r"\b(?:jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b")
_WEEKDAY = r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
_MISSED = (  # (category, pattern over the gold expression or "value:" + the gold value)
    ("vague reference (now, recently, currently, the future)",
     r"^value:(?:PAST|PRESENT|FUTURE)_REF$"),
    ("bare year or decade (2008, '82, 70s, the past decade)",
     r"^'?\d{2,4}s?$|^the past decade$"),
    ("quarter, fiscal year or part of a year (the fourth quarter, the end of this year)",
     r"quarter|financial|fiscal|\b(?:beginning|start|end|mid|early|late|entire)\b.*\byear\b"
     r"|^mid-|^(?:early|late|mid)[\s-]+\d{4}$"),
    ("season (spring, autumn)", r"\b(?:spring|summer|autumn|fall|winter)\b"),
    ("month without a day (January, November 2006, early June, last September)",
     rf"^(?:(?:early|late|mid|last|next|this)[\s-]+)?{_MONTH}(?:,?\s+\d{{4}})?$"),
    ("day as ordinal or numerals (April 2nd, 7/8/07)",
     r"^(?:\w+ \d{1,2}(?:st|nd|rd|th)|\d{1,2}/\d{1,2}/\d{2,4})$"),
    ("this / last / next week, month, year, weekend",
     r"^(?:(?:the\s+)?(?:this|last|next|previous|coming|past|same)\s+)?"
     r"(?:\w+\s+)?(?:week|weekend|month|year)s?(?:\s+previous)?$|^later this year$"),
    ("same period a year earlier (the same month a year ago)", r"same (?:period|month)"),
    ("anaphoric or part of day (the day, that day, late in the day)", r"\bday\b"),
    ("ago / durations (20 years ago, the past nine days, over a decade)",
     r"\bago\b|^value:P"),
)


def category(error: dict) -> str:
    """A coarse error kind, to count what the rules lack (README_dates.md)."""
    text, gold, ours = error["text"], error.get("gold") or "", error.get("ours")
    if error["kind"] == "false_alarm":
        return "false alarm"
    if error["kind"] == "wrong_value":
        if ours is None:
            return "wrong value: no publication date to resolve against"
        if error.get("ours_text") and len(error["ours_text"]) < len(text) and \
                not text.lower().startswith(("on ", "last ")):
            return "wrong value: named day read as a weekday (Black Monday)"
        if re.search(_WEEKDAY, text, re.IGNORECASE):
            return "wrong value: weekday resolved to the wrong week"
        if re.search(_MONTH, text, re.IGNORECASE) and ours[:4] != gold[:4]:
            return "wrong value: month-day after publication put in the previous year"
        return "wrong value: other"
    for name, pattern in _MISSED:
        if re.search(pattern, text, re.IGNORECASE) or re.search(pattern, f"value:{gold}"):
            return f"missed: {name}"
    return "missed: other (generic or anaphoric: later, this, an exciting time)"


def _context(text: str, at: int, width: int = 60) -> str:
    return text[max(0, at - width) : at + width].replace("\n", " / ")


def run(data: Path) -> tuple[dict[str, Any], list[dict]]:
    from sitrep import dates

    lexicon = dates.load()
    articles = load_articles(data / CORPUS)
    metrics, errors = score([(a, predict(a, lexicon)) for a in articles])
    errors = [{**e, "category": category(e)} for e in errors]
    return {f"meantime.{k}": v for k, v in metrics.items()}, errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--json", type=Path, help="write the metrics here")
    parser.add_argument("--errors", type=Path, help="write one JSON line per error here")
    args = parser.parse_args(argv)
    if not (args.data / CORPUS).is_dir():
        print(f"skipped: {args.data / CORPUS} is absent", file=sys.stderr)
        return 0
    began = time.perf_counter()
    metrics, errors = run(args.data)
    seconds = time.perf_counter() - began
    for key, value in metrics.items():
        print(f"{key:42} {value:.3f}" if isinstance(value, float) else f"{key:42} {value}")
    print(f"{'seconds':42} {seconds:.1f}")
    print("errors by category:")
    for name, count in Counter(e["category"] for e in errors).most_common():
        print(f"  {count:4}  {name}")
    if args.json:
        args.json.write_text(json.dumps(metrics, indent=2, sort_keys=True) + "\n", "utf-8")
    if args.errors:
        lines = (json.dumps(e, ensure_ascii=False) for e in errors)
        args.errors.write_text("\n".join(lines) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
