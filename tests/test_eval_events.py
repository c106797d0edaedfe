"""The quantities (GVA) and events (example corpus) evaluations.

Fast tests score made-up predictions; the slow tests run the real evaluations (GVA read in
place from ../shared/data, skipped when absent) against eval/floors.json.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import load_eval

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"

gva = load_eval("quantities_gva")
ev = load_eval("events_examples")
gate = load_eval("gate")


def test_a_figure_counts_when_the_text_states_it() -> None:
    assert gva.mentions("Two men were shot; one died.", 2)
    assert gva.mentions("Police said 12 people were hurt.", 12)
    assert not gva.mentions("The 112th precinct responded.", 12)
    assert not gva.mentions("It cost 2.5 million.", 2)


def test_gva_reads_the_largest_figure_of_a_kind_and_scores_it() -> None:
    found = [{"what": "killed", "best": 1}, {"what": "civilian_killed", "best": 3},
             {"what": "wounded", "best": None}]
    assert gva.reading(found, gva.KILLED) == 3
    assert gva.reading(found, gva.INJURED) == 0
    articles = [{"id": "a", "figures": {"killed": 3, "injured": 2}},
                {"id": "b", "figures": {"killed": 1}}]
    predictions = [{"killed": 3, "injured": 0, "evidence": []},
                   {"killed": 2, "injured": 0, "evidence": []}]
    metrics, errors = gva.score(articles, predictions)
    assert (metrics["killed_accuracy"], metrics["injured_accuracy"]) == (0.5, 0.0)
    assert metrics["accuracy"] == pytest.approx(1 / 3)
    assert [(e["id"], e["kind"]) for e in errors] == [("a", "injured"), ("b", "killed")]


def test_events_purity_completeness_and_status() -> None:
    gold = {"events": [
        {"name": "one", "status": "contested",
         "claims": [["a.txt", "shot", "shoot_down"], ["b.txt", "denied", "shoot_down"]]},
        {"name": "two", "status": "single_source", "claims": [["c.txt", "struck", "shell"]]},
    ]}
    rows = [
        {"path": "x/a.txt", "trigger": "shot", "action": "shoot_down", "event": "E1",
         "status": "contested"},
        {"path": "x/b.txt", "trigger": "denied", "action": "shoot_down", "event": "E2",
         "status": "single_source"},
        {"path": "x/c.txt", "trigger": "struck", "action": "shell", "event": "E2",
         "status": "single_source"},
    ]
    metrics, details = ev.score(gold, rows)
    assert metrics["found"] == 1.0
    assert metrics["purity"] == pytest.approx(2 / 3)
    assert metrics["completeness"] == pytest.approx(2 / 3)
    assert metrics["status_accuracy"] == 1.0
    assert [d["split_into"] for d in details] == [2, 1]


def test_gva_skips_without_data(tmp_path: Path, capsys) -> None:
    out = tmp_path / "s.json"
    assert gva.main(["--data", str(tmp_path), "--json", str(out)]) == 0
    assert "skipped" in capsys.readouterr().err
    assert "skipped" in json.loads(out.read_text("utf-8"))


def _floors(prefix: str) -> dict[str, float]:
    floors = gate.floors_of(json.loads((ROOT / "eval" / "floors.json").read_text("utf-8")))
    return {k: v for k, v in floors.items() if k.startswith(prefix)}


@pytest.mark.slow
def test_events_scores_reach_their_floors(tmp_path: Path) -> None:
    out = tmp_path / "scores.json"
    assert ev.main(["--json", str(out)]) == 0
    scores = json.loads(out.read_text("utf-8"))
    assert scores["events.n_gold_events"] == 10
    floors = _floors("events.")
    assert floors and gate.check(scores, floors) == []


@pytest.mark.slow
def test_gva_scores_reach_their_floors(tmp_path: Path) -> None:
    if not (DATA / gva.CORPUS).is_dir():
        pytest.skip(f"{DATA / gva.CORPUS} is absent (the shared data sets live beside the repo)")
    out = tmp_path / "scores.json"
    assert gva.main(["--data", str(DATA), "--json", str(out)]) == 0
    scores = json.loads(out.read_text("utf-8"))
    floors = _floors("gva.")
    assert floors and gate.check(scores, floors) == []


re3d = load_eval("quantities_re3d")


def test_re3d_scores_overlap_with_loss_spans() -> None:
    documents = [{"id": "d", "text": "Strikes destroyed two tanks and a bridge.", "spans": [
        {"start": 18, "end": 21, "text": "two", "loss": True},
        {"start": 32, "end": 33, "text": "a", "loss": False}]}]
    predictions = [[{"start": 18, "end": 27, "evidence": "two tanks", "what": "tank"},
                    {"start": 0, "end": 7, "evidence": "Strikes", "what": "other"}]]
    metrics, errors = re3d.score(documents, predictions)
    assert (metrics["recall"], metrics["precision_any"]) == (1.0, 0.5)
    assert [e["kind"] for e in errors] == ["unannotated"]


@pytest.mark.slow
def test_re3d_scores_reach_their_floors(tmp_path: Path) -> None:
    if not (DATA / re3d.CORPUS).is_dir():
        pytest.skip(f"{DATA / re3d.CORPUS} is absent (the shared data sets live beside the repo)")
    out = tmp_path / "scores.json"
    assert re3d.main(["--data", str(DATA), "--json", str(out)]) == 0
    scores = json.loads(out.read_text("utf-8"))
    floors = _floors("re3d.")
    assert floors and gate.check(scores, floors) == []
