"""The evaluation gate (eval/gate.py) and the attribution evaluation against eval/floors.json.

The gate tests are fast and use made-up numbers. The two slow tests score the real data sets
(read in place from ../shared/data) and are skipped when that folder is absent.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from .conftest import load_eval

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "eval"
DATA = ROOT.parent / "shared" / "data"




gate = load_eval("gate")

FLOORS = {"_note": "made up", "set.metric_f1": 0.50, "set.other_p": 0.80}


def _write(tmp_path: Path, name: str, data: dict[str, Any]) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- gate logic (fast)


def test_gate_passes_when_every_metric_reaches_its_floor(tmp_path: Path, capsys) -> None:
    scores = {"set.metric_f1": 0.50, "set.other_p": 0.93, "set.unfloored": 0.1}
    assert gate.check(scores, FLOORS) == []
    code = gate.main([str(_write(tmp_path, "s.json", scores)),
                      str(_write(tmp_path, "f.json", FLOORS))])
    out = capsys.readouterr().out
    assert code == 0
    assert "set.metric_f1" in out and "set.other_p" in out and "passed" in out


def test_gate_fails_on_a_drop_with_one_line_per_metric(tmp_path: Path, capsys) -> None:
    scores = {"set.metric_f1": 0.49, "set.other_p": 0.70}
    failures = gate.check(scores, FLOORS)
    assert len(failures) == 2
    assert failures[0].startswith("BELOW set.metric_f1")
    code = gate.main([str(_write(tmp_path, "s.json", scores)),
                      str(_write(tmp_path, "f.json", FLOORS))])
    lines = capsys.readouterr().out.strip().splitlines()
    assert code == 1
    assert lines == failures


def test_gate_fails_when_a_floored_metric_is_missing(tmp_path: Path, capsys) -> None:
    scores = {"set.metric_f1": 0.90}
    assert gate.check(scores, FLOORS) == ["MISSING set.other_p: no score (floor 0.8000)"]
    code = gate.main([str(_write(tmp_path, "s.json", scores)),
                      str(_write(tmp_path, "f.json", FLOORS))])
    assert code == 1
    assert capsys.readouterr().out.strip() == "MISSING set.other_p: no score (floor 0.8000)"


def test_gate_reads_nested_scores_and_rejects_non_numbers() -> None:
    assert gate.check({"set": {"metric_f1": 0.6, "other_p": 0.8}}, FLOORS) == []
    failures = gate.check({"set.metric_f1": "0.9", "set.other_p": float("nan")}, FLOORS)
    assert [f.split()[0] for f in failures] == ["INVALID", "INVALID"]


def test_gate_skip_marker_and_unreadable_files(tmp_path: Path, capsys) -> None:
    floors = str(_write(tmp_path, "f.json", FLOORS))
    skipped = _write(tmp_path, "s.json", {"skipped": "no data"})
    assert gate.main([str(skipped), floors]) == 0
    assert "SKIP" in capsys.readouterr().out
    assert gate.main([str(tmp_path / "absent.json"), floors]) == 2


def test_suggested_floors_sit_two_points_below_rounded_down() -> None:
    scores = {"a.x_f1": 0.6107, "a.y_p": 0.8205, "a.z_r": 0.53}
    assert gate.suggest_floors(scores, ["a.x_f1", "a.y_p", "a.z_r"]) == {
        "a.x_f1": 0.59, "a.y_p": 0.80, "a.z_r": 0.51,
    }


def test_floors_file_is_well_formed() -> None:
    floors = gate.floors_of(json.loads((EVAL / "floors.json").read_text(encoding="utf-8")))
    assert floors, "eval/floors.json holds no floors"
    assert all(0.0 <= value <= 1.0 for value in floors.values())
    for key in ("polnear_dev.source_f1_overlap", "polnear_dev.pair_f1", "adaq_cs.source_f1"):
        assert key in floors


# --------------------------------------------------------------------------- real data (slow)


def _need_data(*parts: str) -> Path:
    path = DATA.joinpath(*parts)
    if not path.is_dir():
        pytest.skip(f"{path} is absent (the shared data sets live beside the repo)")
    return path


@pytest.fixture(scope="module")
def attribution() -> ModuleType:
    return load_eval("attribution")


@pytest.fixture(scope="module")
def eval_resources(attribution: ModuleType) -> Any:
    _need_data()
    return attribution.load_pipeline()


def _floors_for(prefixes: tuple[str, ...]) -> dict[str, float]:
    floors = gate.floors_of(json.loads((EVAL / "floors.json").read_text(encoding="utf-8")))
    return {k: v for k, v in floors.items() if k.split(".", 1)[0] in prefixes}


@pytest.mark.slow
def test_adaq_czech_scores_reach_their_floors(attribution: ModuleType, eval_resources) -> None:
    _need_data("adaq_quotes_cs_ru")
    scores = attribution.evaluate(DATA, eval_resources, datasets=("adaq",))
    assert scores["adaq_cs.sentences"] == 216
    floors = _floors_for(("adaq_cs", "adaq_cs_detok"))
    assert floors
    assert gate.check(scores, floors) == []


@pytest.mark.slow
def test_polnear_dev_scores_reach_their_floors(attribution: ModuleType, eval_resources) -> None:
    _need_data("polnear", "dev")
    scores = attribution.evaluate(DATA, eval_resources, datasets=("polnear",))
    assert scores["polnear_dev.articles"] == 84
    assert scores["polnear_dev.gold_fragments_mapped"] == scores["polnear_dev.gold_fragments"]
    floors = _floors_for(("polnear_dev",))
    assert floors
    assert gate.check(scores, floors) == []
