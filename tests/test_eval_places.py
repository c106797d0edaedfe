"""The GeoWebNews toponym-resolution evaluation (eval/places_geowebnews.py).

The helper tests are fast and use made-up articles. The slow test scores the real data set
(read in place from ../shared/data/geowebnews) against eval/floors.json and is skipped when that
folder is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import load_eval

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "eval"
DATA = ROOT.parent / "shared" / "data"

gwn = load_eval("places_geowebnews")
gate = load_eval("gate")

XML = """<?xml version="1.0" ?>
<articles>
  <article file="7">
    <title>t</title>
    <text>Fighting near Paris &amp; Lyon.  &#13;\nParis again.</text>
    <toponyms>
      <toponym><extractedName>Paris</extractedName><type>Literal</type>
        <start>14</start><end>19</end><geonamesID>2988507</geonamesID>
        <latitude>48.85341</latitude><longitude>2.3488</longitude></toponym>
      <toponym><extractedName>Lyon</extractedName><type>Literal</type>
        <start>22</start><end>26</end><geonamesID/>
        <latitude>45.74846</latitude><longitude>4.84671</longitude></toponym>
      <toponym><extractedName>French</extractedName><type>Demonym</type>
        <start>0</start><end>3</end></toponym>
      <toponym><extractedName>Paris</extractedName><type>Metonymic</type>
        <start>31</start><end>36</end><geonamesID>2988507</geonamesID>
        <latitude>48.85341</latitude><longitude>2.3488</longitude></toponym>
    </toponyms>
  </article>
</articles>
"""


def test_haversine_and_overlap_give_exact_figures() -> None:
    assert gwn.haversine_km(0.0, 0.0, 0.0, 0.0) == 0.0
    assert gwn.haversine_km(0.0, 0.0, 0.0, 1.0) == pytest.approx(111.195, abs=0.001)
    assert round(gwn.haversine_km(48.85341, 2.3488, 45.74846, 4.84671)) == 393
    assert gwn.overlap((0, 5), (3, 9)) == 2
    assert gwn.overlap((0, 5), (5, 9)) == 0


def test_parse_skips_mismatched_spans_and_reads_coordinates() -> None:
    [article] = gwn.parse_articles(XML)
    assert article.ident == "7"
    assert article.raw == "Fighting near Paris & Lyon.  \r\nParis again."
    assert article.mismatched == 1  # "French" is not at 0..3
    assert [(t.name, t.start, t.end, t.geonameid) for t in article.toponyms] == [
        ("Paris", 14, 19, 2988507), ("Lyon", 22, 26, None), ("Paris", 31, 36, 2988507),
    ]
    assert article.toponyms[1].lat == 45.74846


def test_align_maps_gold_offsets_into_the_normalised_text() -> None:
    [article] = gwn.parse_articles(XML)
    norm = "Fighting near Paris & Lyon.\nParis again."  # trailing spaces and \r dropped
    gold = gwn.align(article, norm)
    assert [norm[t.start:t.end] for t in gold] == ["Paris", "Lyon", "Paris"]
    assert (gold[2].start, gold[2].end) == (28, 33)


def test_best_match_prefers_the_largest_overlap_then_a_resolved_place() -> None:
    gold = gwn.Toponym("New York City", 10, 23, "Literal", 40.7, -74.0)
    york = gwn.Guess("York", 14, 18, 53.96, -1.08, "GBR")
    new_york = gwn.Guess("New York", 10, 18, None, None, None)
    assert gwn.best_match(gold, [york, new_york]) is new_york
    bare = gwn.Guess("York", 14, 18, None, None, None)
    assert gwn.best_match(gold, [bare, york]) is york
    assert gwn.best_match(gold, [gwn.Guess("x", 0, 10, 1.0, 1.0, None)]) is None


def test_score_article_counts_found_resolved_within_and_country() -> None:
    text = "Fighting near Paris & Lyon.\nParis again."
    [article] = gwn.parse_articles(XML)
    gold = gwn.align(article, text)
    guesses = [
        gwn.Guess("Paris", 14, 19, 48.85, 2.35, "FRA"),        # right
        gwn.Guess("Lyon", 22, 26, 43.30, 5.37, "FRA"),         # 275 km off: wrong place
        gwn.Guess("again", 34, 39, None, None, None),          # no gold there
    ]
    tally = gwn.Tally()
    gwn.score_article(text, gold, guesses, tally, country_of=lambda g: "FRA", ident="7")
    scores = gwn.summary(tally, prefix="t")
    assert (tally.gold, tally.found, tally.resolved, tally.within) == (3, 2, 2, 1)
    assert scores["t.detect_recall"] == pytest.approx(2 / 3)
    assert scores["t.detect_precision"] == pytest.approx(2 / 3)
    assert scores["t.acc161_found"] == 0.5
    assert scores["t.acc161_all"] == pytest.approx(1 / 3)
    assert scores["t.country_acc_found"] == 1.0
    assert [e["error"] for e in tally.errors] == ["wrong_place", "missed"]
    assert tally.errors[0]["km"] == 275
    assert tally.errors[1]["context"].endswith("[[Paris]] again.")


def test_main_writes_a_skip_marker_without_data(tmp_path: Path, capsys) -> None:
    out = tmp_path / "s.json"
    assert gwn.main(["--data", str(tmp_path / "absent"), "--json", str(out)]) == 0
    assert "SKIP" in capsys.readouterr().out
    assert "skipped" in json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_geowebnews_scores_reach_their_floors() -> None:
    if not (DATA / "geowebnews" / "GWN.xml").exists():
        pytest.skip(f"{DATA / 'geowebnews'} is absent (the shared data sets live beside the repo)")
    scores, errors = gwn.evaluate(DATA, gwn.load_pipeline())
    assert scores["geowebnews.articles"] == 200
    assert scores["geowebnews.gold_toponyms"] == 2599
    floors = gate.floors_of(json.loads((EVAL / "floors.json").read_text(encoding="utf-8")))
    ours = {k: v for k, v in floors.items() if k.startswith("geowebnews.")}
    assert ours
    assert gate.check(scores, ours) == []
    assert errors
