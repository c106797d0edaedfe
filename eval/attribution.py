"""Speaker-attribution (quote attribution) evaluation: PolNeAR dev (English) and ADAQ (Czech).

    python eval/attribution.py [--data ../shared/data] [--json OUT] [--errors OUT.tsv]

    options: --only polnear|adaq, --polnear-limit N (keys become polnear_devN.*)

The data sets are read in place from the shared data folder beside the repository and never
copied. When the folder is absent the script prints SKIP, writes {"skipped": reason} as the JSON
and exits 0. Metrics are described in eval/README.md; `eval/gate.py` compares the JSON written
here with eval/floors.json.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scoring import load_pipeline

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
POLNEAR = Path("polnear")
ADAQ = Path("adaq_quotes_cs_ru")

Span = tuple[int, int]
Fragments = tuple[Span, ...]
Scores = dict[str, float | int | str]

_QUOTE_OPENERS = "“\"‘„«"


# --------------------------------------------------------------------------- metrics


def prf(pred_correct: int, pred_total: int, gold_found: int, gold_total: int) -> dict[str, float]:
    """Precision, recall and F1 from counts (precision and recall may count different sides)."""
    p = pred_correct / pred_total if pred_total else 0.0
    r = gold_found / gold_total if gold_total else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f}


def overlaps(span: Span, fragments: Iterable[Span]) -> bool:
    """True when [start, end) shares at least one character with any fragment."""
    a, b = span
    return any(a < e and s < b for s, e in fragments)


def exact(span: Span, fragments: Fragments) -> bool:
    """True when the span equals the gold span's extent or one of its fragments."""
    hull = (fragments[0][0], fragments[-1][1])
    return span == hull or span in fragments


# --------------------------------------------------------------------------- offsets


def offset_map(raw: str, norm: str) -> Callable[[int, bool], int]:
    """A function taking an offset in `raw` to the same place in `norm` (its normalised form).

    Built from a character alignment (difflib opcodes). Inside an unchanged block the offset
    moves by the block's shift; inside a changed block a start snaps to the block's start and an
    end to the block's end, so a span never loses characters it covered.
    """
    if raw == norm:
        return lambda offset, is_end=False: offset
    ops = difflib.SequenceMatcher(None, raw, norm, autojunk=False).get_opcodes()

    def mapped(offset: int, is_end: bool = False) -> int:
        for tag, i1, i2, j1, j2 in ops:
            inside = i1 <= offset < i2 or (is_end and i1 < offset <= i2)
            if not inside:
                continue
            if tag == "equal":
                return j1 + offset - i1
            return j2 if is_end else j1
        return len(norm) if offset >= len(raw) else 0

    return mapped


def _canon(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


# --------------------------------------------------------------------------- PolNeAR


@dataclass(frozen=True)
class GoldAttribution:
    """One PolNeAR attribution relation: its content fragments and source (None if absent)."""

    ident: str
    content: Fragments
    source: Fragments | None
    cue: str = ""


@dataclass
class Article:
    """A PolNeAR article with its gold annotation, offsets already in normalised text."""

    name: str
    raw: str
    annotation: str
    attributions: list[GoldAttribution] = field(default_factory=list)
    fragments_total: int = 0
    fragments_mapped: int = 0
    fragments_identical: int = 0
    fragments_text_checked: int = 0


def _fragments(spec: str) -> Fragments:
    parts = []
    for piece in spec.split(";"):
        start, end = piece.split()
        parts.append((int(start), int(end)))
    return tuple(parts)


def parse_ann(text: str) -> tuple[dict[str, tuple[str, Fragments, str]], list[dict[str, str]]]:
    """The T-lines (id -> (type, fragments, text)) and E-lines (role -> T id) of a brat file.

    Fragments keep the file's order (annotators sometimes list a later fragment first).
    """
    spans: dict[str, tuple[str, Fragments, str]] = {}
    events: list[dict[str, str]] = []
    last: str | None = None
    for line in text.split("\n"):
        if re.match(r"T\d+\t", line):
            ident, middle, *rest = line.split("\t")
            kind, _, offsets = middle.partition(" ")
            spans[ident] = (kind, _fragments(offsets), rest[0] if rest else "")
            last = ident
        elif last and line and not re.match(r"[TREAMN#*]\d*\t", line):
            kind, fragments, shown = spans[last]  # a span text holding a newline goes on
            spans[last] = (kind, fragments, f"{shown}\n{line}")
        elif re.match(r"E\d+\t", line):
            last = None
            ident, _, args = line.partition("\t")
            roles = {"_id": ident}
            for arg in args.split():
                role, _, target = arg.partition(":")
                if target:
                    roles[role] = target
            events.append(roles)
        else:
            last = None
    return spans, events


def load_polnear(data: Path, split: str = "dev", limit: int | None = None) -> list[Article]:
    """Articles of one PolNeAR split, each with the first annotator's file (sorted names)."""
    folder = data / POLNEAR / split
    articles = []
    texts = sorted((folder / "text").glob("*.txt"))
    for path in texts[:limit] if limit else texts:
        anns = sorted((folder / "attributions").glob(f"{path.stem}_*.ann"))
        if not anns:
            continue
        raw = path.read_text(encoding="utf-8")
        articles.append(Article(path.name, raw, anns[0].read_text(encoding="utf-8")))
    return articles


def align_gold(article: Article, doc_text: str) -> None:
    """Fill `article.attributions` with gold spans mapped into `doc_text` (normalised text)."""
    from sitrep import ingest

    if ingest.normalise(article.raw) != doc_text:
        raise ValueError(f"{article.name}: document text is not normalise(raw)")
    article.attributions = []
    article.fragments_total = article.fragments_mapped = 0
    article.fragments_identical = article.fragments_text_checked = 0
    to_doc = offset_map(article.raw, doc_text)
    spans, events = parse_ann(article.annotation)

    def convert(ident: str) -> Fragments:
        _, fragments, shown = spans[ident]
        out = []
        for s, e in fragments:
            ms, me = to_doc(s, False), to_doc(e, True)
            article.fragments_total += 1
            if _canon(article.raw[s:e]) == _canon(doc_text[ms:me]):
                article.fragments_mapped += 1
            article.fragments_identical += article.raw[s:e] == doc_text[ms:me]
            out.append((ms, me))
        raw_text = " ".join(article.raw[s:e] for s, e in fragments)
        if _canon(raw_text) == _canon(shown):
            article.fragments_text_checked += len(fragments)
        return tuple(sorted(out))

    for event in events:
        contents = [v for k, v in event.items() if k.startswith("Content")]
        if not contents:
            continue
        content = tuple(sorted(f for c in contents for f in convert(c)))
        source_id = event.get("Source")
        source = convert(source_id) if source_id else None
        cue = " ".join(spans[event["Cue"]][2].split()) if event.get("Cue") in spans else ""
        article.attributions.append(GoldAttribution(event["_id"], content, source, cue))


@dataclass(frozen=True)
class Predicted:
    """What the pipeline said: content span, speaker span (or None) and attribution kind."""

    content: Span
    speaker: Span | None
    attribution: str
    direct: bool


def predict(text: str, language: str, resources: Any, name: str) -> tuple[str, list[Predicted]]:
    """The document text sitrep works on and its statements, as plain spans."""
    from sitrep import ingest, pipeline

    doc = ingest.from_text(text, path=name, language=language)
    extraction = pipeline.extract(doc, resources)
    found = []
    for s in extraction.statements:
        speaker = None
        if s.speaker_start is not None and s.speaker_end is not None:
            speaker = (s.speaker_start, s.speaker_end)
        found.append(Predicted((s.start, s.end), speaker, s.attribution, s.direct))
    return doc.text, found


def _is_direct(fragments: Fragments, text: str) -> bool:
    start = fragments[0][0]
    return text[start : start + 1] in set(_QUOTE_OPENERS) or (
        start > 0 and text[start - 1] in _QUOTE_OPENERS
    )


@dataclass
class _Tally:
    counts: dict[str, int] = field(default_factory=dict)
    # per gold attribution: its cue text, content found?, pair found?
    gold_rows: list[tuple[str, bool, bool]] = field(default_factory=list)

    def add(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n


def score_polnear(
    articles: Sequence[Article], resources: Any, errors: list[list[str]] | None = None
) -> Scores:
    """Source-span, content-span and attribution-pair scores over `articles` (see README)."""
    t = _Tally()
    resources.models.for_language("en")  # load the model before the clock starts
    seconds = 0.0
    for article in articles:
        started = time.perf_counter()
        text, predicted = predict(article.raw, "en", resources, article.name)
        seconds += time.perf_counter() - started
        align_gold(article, text)
        _score_article(article, text, predicted, t, errors)
    known = cue_in_lexicon([row[0] for row in t.gold_rows], resources)
    for (_, found, paired), in_lexicon in zip(t.gold_rows, known, strict=True):
        group = "cue_in_lexicon" if in_lexicon else "cue_not_in_lexicon"
        t.add(f"attr_gold_{group}")
        t.add(f"attr_gold_{group}_content_found", found)
        t.add(f"attr_gold_{group}_pair_found", paired)
    c = t.counts
    out: Scores = {}
    for name, (pc, pt, gf, gt) in {
        "source_overlap": ("src_pred_ov", "src_pred", "src_gold_ov", "src_gold"),
        "source_exact": ("src_pred_ex", "src_pred", "src_gold_ex", "src_gold"),
        "content_overlap": ("con_pred_ov", "con_pred", "con_gold_ov", "con_gold"),
        "pair": ("pair_pred_ok", "pair_pred", "pair_gold_ok", "pair_gold"),
        "pair_inherit": ("pair_inherit_pred_ok", "pair_pred", "pair_inherit_gold_ok", "pair_gold"),
    }.items():
        m = prf(c.get(pc, 0), c.get(pt, 0), c.get(gf, 0), c.get(gt, 0))
        metric, _, kind = name.rpartition("_") if name.endswith(
            ("_overlap", "_exact", "_inherit")) else (name, "", "")
        suffix = f"_{kind}" if kind else ""
        for key, value in m.items():
            out[f"{metric}_{key}{suffix}"] = round(value, 4)
    for key in ("con_gold_direct", "con_gold_indirect"):
        found = c.get(f"{key}_ov", 0)
        out[f"content_r_{key.rsplit('_', 1)[1]}"] = round(found / max(c.get(key, 0), 1), 4)
    out["pair_p_with_speaker"] = round(
        c.get("pair_pred_ok", 0) / max(c.get("pair_pred_with_speaker", 0), 1), 4)
    for group in ("cue_in_lexicon", "cue_not_in_lexicon"):
        n = max(c.get(f"attr_gold_{group}", 0), 1)
        out[f"content_r_{group}"] = round(c.get(f"attr_gold_{group}_content_found", 0) / n, 4)
        out[f"pair_r_{group}"] = round(c.get(f"attr_gold_{group}_pair_found", 0) / n, 4)
    for key, value in sorted(c.items()):
        out[f"n_{key}"] = value
    out["articles"] = len(articles)
    out["characters"] = sum(len(a.raw) for a in articles)
    total = sum(a.fragments_total for a in articles)
    out["gold_fragments"] = total
    out["gold_fragments_mapped"] = sum(a.fragments_mapped for a in articles)
    out["gold_fragments_identical"] = sum(a.fragments_identical for a in articles)
    out["gold_fragments_match_ann_text"] = sum(a.fragments_text_checked for a in articles)
    out["articles_changed_by_normalise"] = sum(
        1 for a in articles if _normalised(a.raw) != a.raw
    )
    out["seconds"] = round(seconds, 2)
    out["docs_per_second"] = round(len(articles) / seconds, 2) if seconds else 0.0
    out["chars_per_second"] = round(int(out["characters"]) / seconds) if seconds else 0
    return out


def _normalised(raw: str) -> str:
    from sitrep import ingest

    return ingest.normalise(raw)


def _score_article(
    article: Article, text: str, predicted: list[Predicted], t: _Tally,
    errors: list[list[str]] | None,
) -> None:
    gold = article.attributions
    sources = sorted({a.source for a in gold if a.source})
    contents = sorted({a.content for a in gold})
    speakers = sorted({p.speaker for p in predicted if p.speaker})
    # source spans (deduplicated on both sides)
    t.add("src_gold", len(sources))
    t.add("src_pred", len(speakers))
    for sp in speakers:
        ov = any(overlaps(sp, g) for g in sources)
        t.add("src_pred_ov", ov)
        t.add("src_pred_ex", any(exact(sp, g) for g in sources))
        if not ov and errors is not None:
            errors.append(["FP-source", article.name, *_where(sp, text)])
    for g in sources:
        ov = any(overlaps(sp, g) for sp in speakers)
        t.add("src_gold_ov", ov)
        t.add("src_gold_ex", any(exact(sp, g) for sp in speakers))
        if not ov and errors is not None:
            errors.append(["FN-source", article.name, *_where((g[0][0], g[-1][1]), text)])
    # content spans
    t.add("con_gold", len(contents))
    t.add("con_pred", len(predicted))
    for p in predicted:
        ov = any(overlaps(p.content, g) for g in contents)
        t.add("con_pred_ov", ov)
        t.add(f"con_pred_{p.attribution}")
        t.add(f"con_pred_{p.attribution}_ov", ov)
        if not ov and errors is not None:
            errors.append(["FP-content", article.name, *_where(p.content, text), p.attribution])
    for g in contents:
        ov = any(overlaps(p.content, g) for p in predicted)
        kind = "direct" if _is_direct(g, text) else "indirect"
        t.add("con_gold_ov", ov)
        t.add(f"con_gold_{kind}")
        t.add(f"con_gold_{kind}_ov", ov)
        if not ov and errors is not None:
            errors.append(["FN-content", article.name, *_where((g[0][0], g[-1][1]), text), kind])
    # attribution pairs
    with_source = [a for a in gold if a.source]
    t.add("gold_no_source", len(gold) - len(with_source))
    t.add("pair_gold", len(with_source))
    t.add("pair_pred", len(predicted))

    def pair_ok(p: Predicted, a: GoldAttribution) -> bool:
        return (
            p.speaker is not None and a.source is not None
            and overlaps(p.content, a.content) and overlaps(p.speaker, a.source)
        )

    inherited = _inherit_speakers(predicted)
    t.add("pair_pred_with_speaker", sum(1 for p in predicted if p.speaker))
    for p in inherited:
        t.add("pair_inherit_pred_ok", any(pair_ok(p, a) for a in with_source))
    for a in with_source:
        t.add("pair_inherit_gold_ok", any(pair_ok(p, a) for p in inherited))
    for p in predicted:
        ok = any(pair_ok(p, a) for a in with_source)
        t.add("pair_pred_ok", ok)
        if not ok and errors is not None and p.speaker and any(
            overlaps(p.content, a.content) for a in gold
        ):
            errors.append([
                "FP-pair-wrong-speaker", article.name, *_where(p.content, text),
                p.attribution, *_where(p.speaker, text),
            ])
    for a in with_source:
        t.add("pair_gold_ok", any(pair_ok(p, a) for p in predicted))
    for a in gold:
        found = any(overlaps(p.content, a.content) for p in predicted)
        t.gold_rows.append((a.cue, found, any(pair_ok(p, a) for p in predicted)))


def _inherit_speakers(predicted: list[Predicted]) -> list[Predicted]:
    """Statements where a continuation takes the speaker span of the statement before it."""
    out: list[Predicted] = []
    last: Span | None = None
    for p in predicted:
        if p.speaker is None and p.attribution == "continuation" and last is not None:
            p = Predicted(p.content, last, p.attribution, p.direct)
        last = p.speaker or last
        out.append(p)
    return out


def cue_in_lexicon(cues: Sequence[str], resources: Any, language: str = "en") -> list[bool]:
    """For each gold cue text: does sitrep's cue lexicon know it (by lemma or word form)?

    "according to" counts as known when the lexicon's according-to pattern matches it.
    """
    words = resources.cues.cues.get(language, frozenset())
    according = resources.cues.according_to.get(language)
    nlp = resources.models.for_language(language)
    known = []
    for cue, doc in zip(cues, nlp.pipe(cues), strict=True):
        hit = any(t.lemma_.lower() in words or t.lower_ in words for t in doc)
        known.append(hit or bool(according and according.search(cue + " ")))
    return known


def _where(span: Span, text: str, width: int = 60) -> list[str]:
    snippet = text[span[0] : span[1]].replace("\n", " ")
    if len(snippet) > width:
        snippet = snippet[: width // 2] + " … " + snippet[-width // 2 :]
    return [str(span[0]), str(span[1]), snippet]


# --------------------------------------------------------------------------- ADAQ (Czech)


@dataclass(frozen=True)
class TaggedSentence:
    """An ADAQ sentence: its id, tokens, token tags and the original sentence text."""

    ident: str
    tokens: tuple[str, ...]
    tags: tuple[str, ...]
    original: str


def load_adaq(data: Path, language: str = "cs") -> list[TaggedSentence]:
    """ADAQ sentences in file order. TSV fields use csv quoting: a field of four double quotes
    is one straight double quote, the token text.
    """
    folder = data / ADAQ
    with (folder / f"{language}_sentences.tsv").open(encoding="utf-8", newline="") as handle:
        originals = {r["sentence_id"]: r["sentences"] for r in csv.DictReader(
            handle, delimiter="\t", quotechar='"'
        )}
    grouped: dict[str, list[tuple[int, str, str]]] = {}
    with (folder / f"{language}_tokens.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quotechar='"'):
            grouped.setdefault(row["sentence_num"], []).append(
                (int(row["index_of_token_sent"]), row["text"], row["tags"])
            )
    sentences = []
    for ident, rows in grouped.items():
        rows.sort()
        sentences.append(TaggedSentence(
            ident, tuple(r[1] for r in rows), tuple(r[2] for r in rows), originals.get(ident, "")
        ))
    return sentences


_NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", ")", "%"}
_NO_SPACE_AFTER = {"("}


def join_tokens(tokens: Sequence[str], style: str = "spaced") -> tuple[str, list[Span]]:
    """Sentence text rebuilt from tokens, and each token's character span in it.

    "spaced": single spaces between all tokens (as given). "detok": punctuation sticks to the
    previous token, "(" to the next, and straight double quotes alternate opening (stuck to the
    next token) and closing (stuck to the previous one), as in running text.
    """
    pieces: list[str] = []
    spans: list[Span] = []
    position = 0
    glue_next = False
    quotes_seen = 0
    for number, token in enumerate(tokens):
        space = number > 0
        if style == "detok":
            if token == '"':
                opening = quotes_seen % 2 == 0
                quotes_seen += 1
                space = space and opening and not glue_next
                glue = opening
            else:
                space = space and not glue_next and token not in _NO_SPACE_BEFORE
                glue = token in _NO_SPACE_AFTER
            glue_next = glue
        if space:
            pieces.append(" ")
            position += 1
        spans.append((position, position + len(token)))
        pieces.append(token)
        position += len(token)
    return "".join(pieces), spans


def score_adaq(
    sentences: Sequence[TaggedSentence], resources: Any, style: str = "spaced",
    language: str = "cs",
) -> Scores:
    """Token-level source and content P/R/F1, micro-averaged over all sentences."""
    counts = {f"{label}_{k}": 0 for label in ("source", "content") for k in ("tp", "fp", "fn")}
    sent = {"tp": 0, "fp": 0, "fn": 0}
    changed = 0
    resources.models.for_language(language)  # load the model before the clock starts
    seconds = 0.0
    for sentence in sentences:
        text, spans = join_tokens(sentence.tokens, style)
        started = time.perf_counter()
        doc_text, predicted = predict(text, language, resources, sentence.ident)
        seconds += time.perf_counter() - started
        if doc_text != text:
            changed += 1
            to_doc = offset_map(text, doc_text)
            spans = [(to_doc(s, False), to_doc(e, True)) for s, e in spans]
        speakers = [p.speaker for p in predicted if p.speaker]
        contents = [p.content for p in predicted]
        for span, tag in zip(spans, sentence.tags, strict=True):
            for label, found in (("source", speakers), ("content", contents)):
                hit = overlaps(span, found)
                gold = tag == label
                key = "tp" if hit and gold else "fp" if hit else "fn" if gold else None
                if key:
                    counts[f"{label}_{key}"] += 1
        has_gold = any(tag in {"source", "content"} for tag in sentence.tags)
        key = "tp" if predicted and has_gold else "fp" if predicted else "fn" if has_gold else ""
        if key:
            sent[key] += 1
    out: Scores = {}
    for label in ("source", "content"):
        tp, fp, fn = (counts[f"{label}_{k}"] for k in ("tp", "fp", "fn"))
        for key, value in prf(tp, tp + fp, tp, tp + fn).items():
            out[f"{label}_{key}"] = round(value, 4)
    for key, value in prf(sent["tp"], sent["tp"] + sent["fp"], sent["tp"],
                          sent["tp"] + sent["fn"]).items():
        out[f"sentence_{key}"] = round(value, 4)
    out.update({f"n_{k}": v for k, v in counts.items()})
    out.update({f"n_sentence_{k}": v for k, v in sent.items()})
    out["sentences"] = len(sentences)
    out["tokens"] = sum(len(s.tokens) for s in sentences)
    out["texts_changed_by_normalise"] = changed
    out["seconds"] = round(seconds, 2)
    out["docs_per_second"] = round(len(sentences) / seconds, 2) if seconds else 0.0
    return out


# --------------------------------------------------------------------------- driver



def evaluate(
    data: Path, resources: Any | None = None, datasets: Sequence[str] = ("polnear", "adaq"),
    polnear_limit: int | None = None, errors: list[list[str]] | None = None,
) -> Scores:
    """Flat scores ("polnear_dev.pair_f1", "adaq_cs.source_f1", …) for the chosen data sets."""
    resources = resources if resources is not None else load_pipeline()
    scores: Scores = {}
    if "polnear" in datasets:
        prefix = f"polnear_dev{polnear_limit}" if polnear_limit else "polnear_dev"
        articles = load_polnear(data, "dev", polnear_limit)
        for key, value in score_polnear(articles, resources, errors).items():
            scores[f"{prefix}.{key}"] = value
    if "adaq" in datasets:
        sentences = load_adaq(data, "cs")
        for prefix, style in (("adaq_cs", "spaced"), ("adaq_cs_detok", "detok")):
            for key, value in score_adaq(sentences, resources, style).items():
                scores[f"{prefix}.{key}"] = value
    return scores


_TABLE = (
    ("polnear_dev", "source span, overlap", "source", "_overlap"),
    ("polnear_dev", "source span, exact", "source", "_exact"),
    ("polnear_dev", "content span, overlap", "content", "_overlap"),
    ("polnear_dev", "attribution pair", "pair", ""),
    ("polnear_dev", "pair, continuation inherits", "pair", "_inherit"),
    ("adaq_cs", "source tokens", "source", ""),
    ("adaq_cs", "content tokens", "content", ""),
    ("adaq_cs", "quote sentences", "sentence", ""),
    ("adaq_cs_detok", "source tokens", "source", ""),
    ("adaq_cs_detok", "content tokens", "content", ""),
    ("adaq_cs_detok", "quote sentences", "sentence", ""),
)


def table(scores: Scores) -> str:
    """The scores as a plain-text table (one row per metric), with timings beneath."""
    prefixes = sorted({k.split(".", 1)[0] for k in scores if "." in k})
    lines = [f"{'data set':<16} {'metric':<28} {'P':>6} {'R':>6} {'F1':>6}", "-" * 66]
    for prefix in prefixes:
        base = re.sub(r"\d+$", "", prefix)
        for set_name, label, metric, suffix in _TABLE:
            if set_name != base:
                continue
            cells = [scores.get(f"{prefix}.{metric}_{k}{suffix}") for k in ("p", "r", "f1")]
            if any(c is None for c in cells):
                continue
            values = " ".join(f"{float(c):>6.3f}" for c in cells)  # type: ignore[arg-type]
            lines.append(f"{prefix:<16} {label:<28} {values}")
    lines.append("")
    for prefix in prefixes:
        n = scores.get(f"{prefix}.articles", scores.get(f"{prefix}.sentences"))
        chars = scores.get(f"{prefix}.chars_per_second")
        lines.append(
            f"{prefix}: {n} docs, pipeline time {scores.get(f'{prefix}.seconds')} s "
            f"({scores.get(f'{prefix}.docs_per_second')} docs/s"
            + (f", {chars} chars/s)" if chars else ")")
        )
        if f"{prefix}.gold_fragments" in scores:
            lines.append(
                f"  gold fragments mapped into normalised text: "
                f"{scores[f'{prefix}.gold_fragments_mapped']}/{scores[f'{prefix}.gold_fragments']}"
                f" (character-identical "
                f"{scores[f'{prefix}.gold_fragments_identical']}; equal to the .ann text column "
                f"{scores[f'{prefix}.gold_fragments_match_ann_text']})"
            )
            lines.append(
                f"  articles whose text normalise() changes: "
                f"{scores[f'{prefix}.articles_changed_by_normalise']} (offsets mapped)"
            )
        if f"{prefix}.texts_changed_by_normalise" in scores:
            lines.append(
                f"  sentences changed by normalise: "
                f"{scores[f'{prefix}.texts_changed_by_normalise']}"
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data folder")
    parser.add_argument("--json", type=Path, help="write the scores here (JSON)")
    parser.add_argument("--errors", type=Path, help="write PolNeAR errors here (TSV, for study)")
    parser.add_argument("--only", choices=("polnear", "adaq"), help="run one data set")
    parser.add_argument("--polnear-limit", type=int, help="score only the first N dev articles")
    args = parser.parse_args(argv)
    data: Path = args.data
    if not data.is_dir():
        reason = f"shared data folder {data} is absent; attribution evaluation skipped"
        print(f"SKIP: {reason}", file=sys.stderr)
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps({"skipped": reason}) + "\n", "utf-8")
        return 0
    wanted = (args.only,) if args.only else ("polnear", "adaq")
    datasets = []
    for name, folder in (("polnear", POLNEAR), ("adaq", ADAQ)):
        if name not in wanted:
            continue
        if (data / folder).is_dir():
            datasets.append(name)
        else:  # its metrics will be missing, so the gate fails on them
            print(f"WARNING: {data / folder} is absent; {name} not scored", file=sys.stderr)
    started = time.perf_counter()
    resources = load_pipeline()
    errors: list[list[str]] | None = [] if args.errors else None
    scores = evaluate(data, resources, datasets, args.polnear_limit, errors)
    scores["total_seconds"] = round(time.perf_counter() - started, 2)
    print(table(scores))
    print(f"total: {scores['total_seconds']} s (model loading included)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(scores, indent=2, sort_keys=True) + "\n", "utf-8")
        print(f"scores written to {args.json}")
    if args.errors and errors is not None:
        with args.errors.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, delimiter="\t").writerows(errors)
        print(f"{len(errors)} error rows written to {args.errors}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
