"""Toponym resolution of sitrep's places stage on GeoWebNews (Gritta et al. 2019).

    python eval/places_geowebnews.py --data ../shared/data [--json OUT] [--errors FILE]
                                     [--limit N]

Reads `geowebnews/GWN.xml` in place (200 news articles, 2,601 gold toponyms with coordinates)
and runs every article through the pipeline. For each gold toponym with coordinates, our place
whose span overlaps it (the largest overlap) is its match. Scores (flat keys, `geowebnews.`):

- `detect_recall`: gold toponyms with coordinates that some place of ours overlaps;
- `detect_precision`: our places that overlap a gold toponym with coordinates
  (`detect_precision_any`: overlap any annotated span, incl. demonyms and non-toponyms);
- `acc161_found` / `acc161_all`: our point within 161 km (100 miles) of the gold point, over
  the gold toponyms we found / over all of them (an unresolved place counts as wrong);
- `country_acc_found`: our country equals the gold one, over found toponyms whose gold country
  is known: from the gold GeoNames id when the gazetteer holds it (towns and countries), else
  from the nearest gazetteer town within 30 km of the gold point.

Gold offsets are mapped into the normalised text `ingest.from_text` builds (attribution.py's
`offset_map`). Writes {"skipped": reason} when the data folder is absent.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from attribution import offset_map
from scoring import load_pipeline, ratio

PREFIX = "geowebnews"
MILES_100_KM = 161.0
NEAREST_TOWN_KM = 30.0


@dataclass
class Toponym:
    """One gold annotation; offsets into the article's normalised text once aligned."""

    name: str
    start: int
    end: int
    kind: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


@dataclass
class Article:
    ident: str
    raw: str
    toponyms: list[Toponym] = field(default_factory=list)
    mismatched: int = 0  # gold spans whose text differs from extractedName (left out)


@dataclass(frozen=True)
class Guess:
    """One place of ours, offsets into the normalised text."""

    name: str
    start: int
    end: int
    lat: float | None
    lon: float | None
    country: str | None
    canonical: str | None = None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (mean Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters two half-open spans share (0 when disjoint)."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def best_match(gold: Toponym, guesses: Sequence[Guess]) -> Guess | None:
    """Our place sharing the most characters with the gold span; a resolved one wins a tie."""
    best, key = None, (0, False)
    for guess in guesses:
        shared = overlap((gold.start, gold.end), (guess.start, guess.end))
        if shared and (shared, guess.lat is not None) > key:
            best, key = guess, (shared, guess.lat is not None)
    return best


def _number(text: str | None) -> float | None:
    return float(text) if text and text.strip() else None


def parse_articles(xml_text: str) -> list[Article]:
    """Articles with their gold toponyms (raw offsets; mismatched spans left out)."""
    articles = []
    for node in ET.fromstring(xml_text).iter("article"):
        raw = node.findtext("text") or ""
        article = Article(ident=node.get("file", str(len(articles))), raw=raw)
        for item in node.iter("toponym"):
            start, end = int(item.findtext("start") or 0), int(item.findtext("end") or 0)
            name = item.findtext("extractedName") or ""
            if raw[start:end] != name:
                article.mismatched += 1
                continue
            gid = (item.findtext("geonamesID") or "").strip()
            article.toponyms.append(Toponym(
                name=name, start=start, end=end, kind=item.findtext("type") or "",
                lat=_number(item.findtext("latitude")), lon=_number(item.findtext("longitude")),
                geonameid=int(gid) if gid.isdigit() else None,
            ))
        articles.append(article)
    return articles


def align(article: Article, norm: str) -> list[Toponym]:
    """The article's toponyms with offsets mapped into `norm` (normalise(raw))."""
    mapped = offset_map(article.raw, norm)
    return [Toponym(t.name, mapped(t.start, False), mapped(t.end, True), t.kind, t.lat, t.lon,
                    t.geonameid) for t in article.toponyms]


class CountryOf:
    """The gold country (ISO3) of a toponym, derived from the gazetteer's SQLite index."""

    def __init__(self, gazetteer: Any) -> None:
        self._conn = gazetteer._conn  # read-only connection of sitrep.gazetteer.Gazetteer
        self.source: Counter[str] = Counter()

    def __call__(self, gold: Toponym) -> str | None:
        if gold.geonameid is not None:
            row = self._conn.execute("SELECT country FROM places WHERE id = ?",
                                     (gold.geonameid,)).fetchone()
            if row and row[0]:
                self.source["geonames_id"] += 1
                return str(row[0])
        if gold.lat is None or gold.lon is None:
            return None
        box = NEAREST_TOWN_KM / 111.0
        widen = box / max(0.1, math.cos(math.radians(gold.lat)))
        rows = self._conn.execute(
            "SELECT lat, lon, country FROM places WHERE kind = 'town' AND lat BETWEEN ? AND ?"
            " AND lon BETWEEN ? AND ?",
            (gold.lat - box, gold.lat + box, gold.lon - widen, gold.lon + widen),
        ).fetchall()
        near = [(haversine_km(gold.lat, gold.lon, la, lo), c) for la, lo, c in rows if c]
        if not near:
            self.source["unknown"] += 1
            return None
        self.source["nearest_town"] += 1
        return str(min(near)[1])


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    resolved: int = 0
    within: int = 0
    country_known: int = 0
    country_ok: int = 0
    predicted: int = 0
    predicted_ok: int = 0
    predicted_any: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)


def score_article(
    text: str, gold: Sequence[Toponym], guesses: Sequence[Guess], tally: Tally,
    country_of: Any = None, ident: str = "",
) -> None:
    """Add one article's counts (and its errors) to `tally`."""
    located = [g for g in gold if g.lat is not None and g.lon is not None]
    for guess in guesses:
        tally.predicted += 1
        span = (guess.start, guess.end)
        tally.predicted_ok += any(overlap(span, (g.start, g.end)) for g in located)
        tally.predicted_any += any(overlap(span, (g.start, g.end)) for g in gold)
    for g in located:
        assert g.lat is not None and g.lon is not None
        tally.gold += 1
        match = best_match(g, guesses)
        error: dict[str, Any] = {"article": ident, "gold": g.name, "type": g.kind,
                                 "gold_point": [g.lat, g.lon],
                                 "context": _context(text, g.start, g.end)}
        if match is None:
            tally.errors.append({**error, "error": "missed"})
            continue
        tally.found += 1
        error.update(ours=match.name, ours_canonical=match.canonical,
                     ours_point=[match.lat, match.lon], ours_country=match.country)
        gold_country = country_of(g) if country_of else None
        if gold_country is not None:
            tally.country_known += 1
            tally.country_ok += match.country == gold_country
            error["gold_country"] = gold_country
        if match.lat is None or match.lon is None:
            tally.errors.append({**error, "error": "unresolved"})
            continue
        tally.resolved += 1
        km = haversine_km(g.lat, g.lon, match.lat, match.lon)
        if km <= MILES_100_KM:
            tally.within += 1
        else:
            tally.errors.append({**error, "error": "wrong_place", "km": round(km)})


def _context(text: str, start: int, end: int, width: int = 50) -> str:
    left = text[max(0, start - width):start].replace("\n", " ")
    right = text[end:end + width].replace("\n", " ")
    return f"{left}[[{text[start:end]}]]{right}"


def summary(tally: Tally, prefix: str = PREFIX) -> dict[str, float | int]:
    return {
        f"{prefix}.gold_toponyms": tally.gold,
        f"{prefix}.found": tally.found,
        f"{prefix}.resolved": tally.resolved,
        f"{prefix}.predicted": tally.predicted,
        f"{prefix}.detect_recall": ratio(tally.found, tally.gold),
        f"{prefix}.detect_precision": ratio(tally.predicted_ok, tally.predicted),
        f"{prefix}.detect_precision_any": ratio(tally.predicted_any, tally.predicted),
        f"{prefix}.acc161_found": ratio(tally.within, tally.found),
        f"{prefix}.acc161_resolved": ratio(tally.within, tally.resolved),
        f"{prefix}.acc161_all": ratio(tally.within, tally.gold),
        f"{prefix}.country_known": tally.country_known,
        f"{prefix}.country_acc_found": ratio(tally.country_ok, tally.country_known),
    }


def guesses_for(text: str, ident: str, resources: Any) -> tuple[str, list[Guess]]:
    """The normalised text and our places in it: the parse and the places stage only, as
    `pipeline.extract` runs them (the claim stages add nothing to `places`)."""
    from sitrep import ingest, nlp, places

    doc = ingest.from_text(text, path=ident, language="en")
    found = places.extract(doc, nlp.parse(doc, resources.models), resources.gazetteer)
    return doc.text, [Guess(p.name, p.start, p.end, p.lat, p.lon, p.country, p.canonical)
                      for p in found]


def evaluate(
    data: Path, resources: Any, limit: int | None = None
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Scores and errors over the first `limit` articles (all 200 by default)."""
    articles = parse_articles((data / "geowebnews" / "GWN.xml").read_text(encoding="utf-8"))
    if limit is not None:
        articles = articles[:limit]
    tally, country_of = Tally(), CountryOf(resources.gazetteer)
    started = time.perf_counter()
    for article in articles:
        text, guesses = guesses_for(article.raw, article.ident, resources)
        score_article(text, align(article, text), guesses, tally, country_of, article.ident)
    scores: dict[str, Any] = summary(tally)
    scores[f"{PREFIX}.articles"] = len(articles)
    scores[f"{PREFIX}.gold_mismatched_skipped"] = sum(a.mismatched for a in articles)
    scores[f"{PREFIX}.seconds"] = round(time.perf_counter() - started, 1)
    for source, n in sorted(country_of.source.items()):
        scores[f"{PREFIX}.country_source_{source}"] = n
    return scores, tally.errors


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--json", type=Path, help="write the scores here")
    parser.add_argument("--errors", type=Path, help="write every error here (JSON lines)")
    parser.add_argument("--limit", type=int, help="score only the first N articles")
    args = parser.parse_args(argv)
    if not (args.data / "geowebnews" / "GWN.xml").exists():
        reason = f"{args.data / 'geowebnews'} is absent: GeoWebNews not scored"
        print(f"SKIP {reason}")
        if args.json:
            args.json.write_text(json.dumps({"skipped": reason}) + "\n", encoding="utf-8")
        return 0
    scores, errors = evaluate(args.data, load_pipeline(), args.limit)
    for key, value in scores.items():
        print(f"{key:45} {value:.4f}" if isinstance(value, float) else f"{key:45} {value}")
    if args.json:
        args.json.write_text(json.dumps(scores, indent=2, sort_keys=True) + "\n",
                             encoding="utf-8")
    if args.errors:
        with args.errors.open("w", encoding="utf-8") as out:
            for error in errors:
                out.write(json.dumps(error, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
