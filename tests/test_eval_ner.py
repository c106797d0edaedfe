"""The CNEC 2.0 Czech entity evaluation (eval/ner_cnec.py).

The fast tests read a made-up two-sentence file in CNEC's XML shape and score made-up
predictions by hand; the slow test runs sitrep on the real corpus (read in place from
../shared/data) and checks the scores against eval/floors.json, skipped without the data.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import SHARED, load_eval

ROOT = Path(__file__).resolve().parent.parent

ner = load_eval("ner_cnec")
gate = load_eval("gate")

_XML = (
    '<doc>\n'
    'Premiér <ne type="P"><ne type="pf">Nikol</ne> <ne type="ps">Pašinjan</ne></ne> přiletěl'
    ' do <ne type="gu">Moskvy</ne> .\n'
    'Mluvčí <ne type="io">ministerstva obrany</ne> <ne type="gc">Arménie</ne>'
    ' <ne type="ty">2020</ne> mlčí .\n'
    '</doc>\n'
)


def test_read_split_keeps_outermost_mentions_of_the_three_classes(tmp_path: Path) -> None:
    path = tmp_path / "named_ent_etest.xml"
    path.write_text(_XML, "utf-8")
    first, second = ner.read_split(path)
    assert first.text == "Premiér Nikol Pašinjan přiletěl do Moskvy ."
    assert first.gold == {"person": {(8, 22)}, "place": {(35, 41)}, "institution": set()}
    assert second.text == "Mluvčí ministerstva obrany Arménie 2020 mlčí ."
    assert second.gold == {"person": set(), "place": {(27, 34)}, "institution": {(7, 26)}}
    assert second.text[7:26] == "ministerstva obrany"


def test_score_counts_exact_and_overlapping_spans(tmp_path: Path) -> None:
    path = tmp_path / "named_ent_etest.xml"
    path.write_text(_XML, "utf-8")
    first, second = ner.read_split(path)
    predicted_first = {"person": {(14, 22)}, "institution": {(0, 7)}, "place": {(35, 41)},
                       "place_ner": set()}
    predicted_second = {"person": set(), "institution": {(7, 26)}, "place": {(27, 34)},
                        "place_ner": {(27, 34)}}
    scores = ner.score([(first, predicted_first), (second, predicted_second)])
    assert scores["cnec.n_sentences"] == 2
    # person: "Pašinjan" inside "Nikol Pašinjan" is an overlap, not an exact match
    assert scores["cnec.person_f1"] == 0.0
    assert scores["cnec.person_f1_overlap"] == 1.0
    # institution: one right of two predicted, the one gold found
    assert scores["cnec.institution_p"] == 0.5 and scores["cnec.institution_r"] == 1.0
    assert scores["cnec.place_f1"] == 1.0
    # NER alone found one of the two gold places
    assert scores["cnec.place_ner_p"] == 1.0 and scores["cnec.place_ner_r"] == 0.5


def test_overlap_matching_is_one_to_one() -> None:
    assert ner.matches([(0, 10)], [(0, 4), (5, 10)]) == (0, 1)
    assert ner.matches([(0, 4), (5, 10)], [(0, 10)]) == (0, 1)
    assert ner.matches([(0, 4)], [(0, 4)]) == (1, 1)


@pytest.mark.slow
def test_cnec_scores_reach_their_floors(tmp_path: Path) -> None:
    if not (SHARED / ner.CORPUS).is_dir():
        pytest.skip(f"{SHARED / ner.CORPUS} is absent (the shared data sets live beside the repo)")
    out = tmp_path / "scores.json"
    assert ner.main(["--data", str(SHARED), "--json", str(out)]) == 0
    scores = json.loads(out.read_text("utf-8"))
    assert scores["cnec.n_sentences"] == 899
    floors = gate.floors_of(json.loads((ROOT / "eval" / "floors.json").read_text("utf-8")))
    floors = {k: v for k, v in floors.items() if k.startswith("cnec.")}
    assert set(floors) >= {"cnec.person_f1", "cnec.place_f1", "cnec.institution_f1"}
    assert gate.check(scores, floors) == []
