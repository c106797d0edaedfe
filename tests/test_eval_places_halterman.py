"""The event-location evaluation (eval/places_halterman.py) and the attachment rules it
scores (places.for_event).

The helper tests use made-up records and sentences; the slow test scores Halterman's labels
(read in place from ../shared/data/event_location_halterman) against eval/floors.json and is
skipped when that folder is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep import ingest, nlp, places

from .conftest import load_eval

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"

hal = load_eval("places_halterman")
gate = load_eval("gate")


def _record(text: str, spans: list[tuple[str, int, int]]) -> dict:
    words = [(w, text.index(w)) for w in text.split()]
    tokens = [{"id": i, "start": s, "end": s + len(w), "text": w} for i, (w, s) in
              enumerate(words)]
    return {"text": text, "tokens": tokens, "spans": [
        {"label": label, "token_start": a, "token_end": b, "start": a, "end": b}
        for label, a, b in spans]}


def test_read_events_takes_offsets_from_tokens_and_drops_repeats() -> None:
    text = "Rebels shelled Foo yesterday"
    record = _record(text, [("VERB", 1, 1), ("LOCATION", 2, 2)])
    events = hal.read_events([record, record, _record(text, [("VERB", 0, 0)])])
    assert [(e.verb, e.locations) for e in events] == [((7, 14), ((15, 18),)), ((0, 6), ())]


def test_score_event_counts_hits_misses_and_spurious_picks() -> None:
    tally = hal.Tally()
    hal.score_event([(5, 9)], (6, 9), [(6, 9)], tally, {"id": "a"})  # hit
    hal.score_event([(5, 9)], None, [], tally, {"id": "b"})  # missed
    hal.score_event([], None, [], tally, {"id": "c"})  # rightly none
    hal.score_event([], (0, 3), [(0, 3)], tally, {"id": "d"})  # spurious
    hal.score_event([(5, 9)], (0, 3), [(0, 3)], tally, {"id": "e"})  # wrong place
    scores = hal.summary(tally, prefix="t")
    assert scores["t.accuracy"] == pytest.approx(2 / 5)
    assert scores["t.located_accuracy"] == pytest.approx(1 / 3)
    assert scores["t.pick_precision"] == pytest.approx(1 / 3)
    assert scores["t.none_accuracy"] == 0.5
    assert scores["t.candidate_recall"] == pytest.approx(1 / 3)
    assert [e["error"] for e in tally.errors] == ["missed", "spurious", "wrong_place"]


def _pick(resources, text: str, trigger: str) -> str | None:
    doc = ingest.from_text(text, language="en")
    parsed = nlp.parse(doc, resources.models)
    found = places.extract(doc, parsed, resources.gazetteer)
    pick = places.for_event(text.index(trigger), 0, len(text), found, parsed)
    return pick.name if pick else None


@pytest.mark.parametrize(("text", "trigger", "where"), [
    # the place the trigger governs, not the one in a reporting clause
    ("A car bomb exploded in Mosul on Monday, police in Baghdad said.", "exploded", "Mosul"),
    # the town over the country and region that frame it
    ("Soldiers shot dead two men in Pakistan's northwestern city of Peshawar.", "shot",
     "Peshawar"),
    # an origin is not where the event happened
    ("A man from Berlin was killed in Kabul.", "killed", "Kabul"),
    # a place that is only a modifier names no location
    ("Nine people were killed in a U.S. airstrike.", "killed", None),
    # the doer is not the place
    ("Russia attacked at dawn.", "attacked", None),
    # "the town of X": a place whatever the parser calls it
    ("Gunmen killed ten people in the town of Taji.", "killed", "Taji"),
])
def test_for_event_picks_the_place_the_trigger_governs(
    resources, text: str, trigger: str, where: str | None
) -> None:
    assert _pick(resources, text, trigger) == where


def test_main_writes_a_skip_marker_without_data(tmp_path: Path, capsys) -> None:
    out = tmp_path / "s.json"
    assert hal.main(["--data", str(tmp_path / "absent"), "--json", str(out)]) == 0
    assert "SKIP" in capsys.readouterr().out
    assert "skipped" in json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_event_location_scores_reach_their_floors() -> None:
    if not (DATA / hal.FILE).exists():
        pytest.skip(f"{DATA / hal.FILE.parent} is absent (the shared data sets live beside "
                    "the repo)")
    scores, errors = hal.evaluate(DATA, hal.load_pipeline())
    floors = gate.floors_of(json.loads((ROOT / "eval" / "floors.json").read_text("utf-8")))
    ours = {k: v for k, v in floors.items() if k.startswith("halterman")}
    assert ours
    assert gate.check(scores, ours) == []
    assert errors
