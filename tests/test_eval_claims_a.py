"""The claims evaluations eval/claims_conflibert.py and eval/claims_case2021.py.

The scoring helpers are tested fast on tiny made-up inputs with exact expected numbers. The slow
tests run each evaluation end to end on the real data (read in place from ../shared/data,
skipped when absent) and check the scores against their floors in eval/floors.json.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest

from sitrep.records import Actor, Claim

from .conftest import load_eval

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "eval"
DATA = ROOT.parent / "shared" / "data"




cb = load_eval("claims_conflibert")
case = load_eval("claims_case2021")
gate = load_eval("gate")


def _claim(action: str, polarity: str = "asserted", *, root: str = "19", goldstein: float = -10.0,
           at: int = 0, sub: str | None = None, actor: str | None = None,
           target: str | None = None, end: int = 100, trigger_end: int | None = None) -> Claim:
    return Claim(
        claimant="(outlet)", action=action, polarity=polarity, evidence="", start=0, end=end,
        cameo_root=root, goldstein=goldstein, quad_class=None, acled_sub_event_type=sub,
        trigger_start=at, trigger_end=trigger_end if trigger_end is not None else at + 1,
        actor=Actor(actor, actor) if actor else None,
        target=Actor(target, target) if target else None,
    )


# --------------------------------------------------------------------------- metrics (fast)

GOLD = [0, 0, 1, 2, 2, 2]
PRED = [0, 1, 1, 2, 2, 0]


def test_accuracy_and_macro_f1_on_a_tiny_example() -> None:
    assert cb.accuracy(GOLD, PRED) == pytest.approx(4 / 6)
    # F1 per label: 0 -> 0.5, 1 -> 2/3, 2 -> 0.8
    assert cb.macro_f1(GOLD, PRED, (0, 1, 2)) == pytest.approx((0.5 + 2 / 3 + 0.8) / 3)
    table = cb.per_label(GOLD, PRED, (0, 1, 2))
    assert table[1] == {"p": 0.5, "r": 1.0, "f1": pytest.approx(2 / 3), "support": 1,
                        "predicted": 2}
    # a label never seen scores 0 and pulls the macro mean down
    assert cb.macro_f1(GOLD, PRED, (0, 1, 2, 3)) == pytest.approx((0.5 + 2 / 3 + 0.8) / 4)
    assert cb.accuracy([], []) == 0.0


def test_confusion_matrix_and_majority_baseline() -> None:
    assert cb.confusion(GOLD, PRED, (0, 1, 2)) == [[1, 1, 0], [0, 1, 0], [1, 0, 2]]
    assert cb.majority(GOLD) == 2
    assert cb.majority([1, 0, 1, 0]) == 0  # a tie goes to the smaller label


def test_pentaclass_follows_the_cameo_root_ranges() -> None:
    roots = [None, "01", "02", "05", "06", "08", "09", "13", "14", "20"]
    assert [cb.pentaclass(r) for r in roots] == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]


def test_sentence_class_comes_from_the_strongest_asserted_claim() -> None:
    appeal = _claim("appeal", root="02", goldstein=3.0, at=5)
    accuse = _claim("accuse", root="11", goldstein=-2.0, at=1)
    denied_kill = _claim("kill", "denied", at=9)
    assert cb.predict_class([]) == 0
    assert cb.predict_class([denied_kill]) == 0  # nothing asserted
    assert cb.predict_class([appeal, accuse, denied_kill]) == 1  # |3.0| beats |-2.0|
    assert cb.predict_class([appeal, _claim("attack_ground", at=30)]) == 4
    deny = _claim("deny", root="01", goldstein=-2.0, at=0)
    assert cb.predict_class([deny, accuse]) == 3  # equal |Goldstein|: the more conflictual
    variants = cb.predict_class_variants([accuse, appeal, denied_kill])
    assert variants == {"first": 3, "most_conflictual": 3, "any_polarity": 4, "by_quad": 0}


# --------------------------------------------------------------------------- spans (fast)


def test_bio_spans_read_every_role_and_split_on_a_role_change() -> None:
    tags = ["B-S", "I-S", "O", "B-T", "I-T", "I-S", "O", "I-R"]
    assert cb.bio_spans(tags) == {("S", 0, 1), ("T", 3, 4), ("S", 5, 5), ("R", 7, 7)}
    assert cb.bio_spans(["O", "O"]) == set()


def test_tokens_are_joined_with_spaces_and_offsets_kept() -> None:
    text, offsets = cb.join_tokens(["Iraqi", "troops", "attacked"])
    assert text == "Iraqi troops attacked"
    assert offsets == [(0, 5), (6, 12), (13, 21)]
    assert cb.to_tokens((6, 12), offsets) == (1, 1)
    assert cb.to_tokens((0, 12), offsets) == (0, 1)
    assert cb.to_tokens((3, 14), offsets) == (0, 2)  # partial words count
    assert cb.to_tokens((5, 6), offsets) is None  # only the space


def test_locate_finds_a_name_inside_the_evidence_only() -> None:
    text = "Army hit the army"
    assert cb.locate(text, "army", 5, 17) == (13, 17)
    assert cb.locate("THE ARMY", "army", 0, 8) == (4, 8)  # case-insensitive fallback
    assert cb.locate("abc army", "army", 0, 6) is None  # past the evidence end
    assert cb.locate(text, "", 0, 17) is None


def test_span_counts_exact_and_overlap() -> None:
    counts = cb.SpanCounts()
    counts.add({(0, 1), (3, 4)}, {(0, 1), (3, 3), (6, 6)})
    scores = counts.scores()
    assert scores["n_pred"] == 3 and scores["n_gold"] == 2
    assert scores["p_exact"] == pytest.approx(1 / 3)
    assert scores["r_exact"] == 0.5
    assert scores["f1_exact"] == pytest.approx(0.4)
    assert scores["p_overlap"] == pytest.approx(2 / 3)
    assert scores["r_overlap"] == 1.0
    assert scores["f1_overlap"] == pytest.approx(0.8)
    assert cb.SpanCounts().scores()["f1_overlap"] == 0.0


def test_leading_article_is_dropped_for_the_loose_exact_match() -> None:
    assert cb.without_article((0, 2), ["The", "army", "units"]) == (1, 2)
    assert cb.without_article((0, 0), ["The"]) == (0, 0)
    assert cb.without_article((1, 2), ["The", "army", "units"]) == (1, 2)


def test_claims_become_source_target_and_reciprocal_token_spans() -> None:
    text, offsets = cb.join_tokens(["Iraqi", "troops", "attacked", "ISIS", "fighters"])
    attack = _claim("attack_ground", at=13, trigger_end=21, actor="Iraqi troops",
                    target="ISIS fighters", end=len(text))
    spans, lost = cb.predicted_spans([attack], text, offsets)
    assert spans == {"S": {(0, 1)}, "T": {(3, 4)}, "R": set(), "trigger": {(2, 2)}}
    assert lost == 0
    text, offsets = cb.join_tokens(["Putin", "held", "talks", "with", "Erdogan"])
    talks = _claim("negotiate", at=11, trigger_end=16, actor="Putin", target="Erdogan",
                   end=len(text))
    ghost = _claim("kill", at=11, trigger_end=16, actor="Macron", end=len(text))
    spans, lost = cb.predicted_spans([talks, ghost], text, offsets)
    assert spans["R"] == {(0, 0), (4, 4)} and spans["S"] == spans["T"] == set()
    assert lost == 1  # "Macron" is not in the text


def test_readers_handle_crlf_and_blank_lines(tmp_path: Path) -> None:
    tsv = tmp_path / "train.tsv"
    tsv.write_bytes(b"A b.\t4\r\nC d.\t0\r\n")
    assert cb.read_class(tsv) == [(1, "A b.", 4), (2, "C d.", 0)]
    conll = tmp_path / "train.txt"
    conll.write_text("A B-S\nb I-S\n\nc O\n", encoding="utf-8")
    sentences = cb.read_conll(conll)
    assert [(s.line, s.tokens, s.tags) for s in sentences] == [
        (1, ("A", "b"), ("B-S", "I-S")), (4, ("c",), ("O",))]


# --------------------------------------------------------------------------- CASE 2021 (fast)


def test_claim_labels_from_sub_event_type_then_action() -> None:
    assert case.claim_label("attack_air", "Air/drone strike", "attack") == "AIR_STRIKE"
    assert case.claim_label("agree", "Agreement", "diplomacy") == "AGREEMENT"
    assert case.claim_label("condemn", None, "rhetoric") == "DIPLO"
    assert case.claim_label("deny", None, "rhetoric") == "ATTRIB"
    assert case.claim_label("new_diplomacy", None, "diplomacy") == "DIPLO"
    assert case.claim_label("investigate", None, "legal") is None
    assert case.claim_label("x", "Not an ACLED type", "attack") is None
    assert len(case.ACLED_LABELS) == 25
    assert set(case.ACLED_LABELS.values()) <= set(case.LABEL_PRIORITY)


def test_expressible_labels_follow_the_taxonomy() -> None:
    codes = {
        "shell": SimpleNamespace(acled_sub_event_type="Shelling/artillery/missile attack",
                                 family="attack"),
        "accuse": SimpleNamespace(acled_sub_event_type=None, family="rhetoric"),
        "investigate": SimpleNamespace(acled_sub_event_type=None, family="legal"),
    }
    assert case.expressible(codes) == ["ART_MISS_ATTACK", "ATTRIB"]


def test_snippet_label_asserted_first_then_text_order_then_priority() -> None:
    families = {"kill": "attack", "attack_air": "attack", "attack_ground": "attack",
                "attack_missile": "attack", "investigate": "legal"}
    kill = _claim("kill", at=20, sub="Armed clash")
    hedged_air = _claim("attack_air", "hedged", at=5, sub="Air/drone strike")
    label, chosen = case.choose([kill, hedged_air], families)
    assert (label, chosen) == ("ARMED_CLASH", kill)
    ground = _claim("attack_ground", at=5, sub="Armed clash")
    missile = _claim("attack_missile", at=5, sub="Shelling/artillery/missile attack")
    assert case.choose([kill, ground, missile], families)[0] == "ART_MISS_ATTACK"
    assert case.choose([hedged_air], families)[0] == "AIR_STRIKE"  # no asserted claim
    assert case.choose([_claim("investigate", at=1)], families) == (case.NO_LABEL, None)
    air = _claim("attack_air", at=30, sub="Air/drone strike")
    assert case.choose_by_priority([kill, air], families) == "AIR_STRIKE"
    assert case.choose_by_priority([], families) == case.NO_LABEL


def test_case_metrics_count_no_label_as_wrong() -> None:
    gold, pred = ["A", "A", "B"], ["A", case.NO_LABEL, "C"]
    assert case.accuracy(gold, pred) == pytest.approx(1 / 3)
    assert case.macro_f1(gold, pred, ["A", "B"]) == pytest.approx((2 / 3 + 0) / 2)


def test_snippets_keep_quote_marks(tmp_path: Path) -> None:
    folder = tmp_path / "snippets.tsv"
    folder.write_text('id\tEventSnippet\tSubType\n7\t"Peaceful" march\tPEACE_PROTEST\n',
                      encoding="utf-8")
    assert case.read_snippets(folder) == [("7", '"Peaceful" march', "PEACE_PROTEST")]


@pytest.mark.parametrize("module", [cb, case], ids=["conflibert", "case2021"])
def test_absent_data_is_skipped_with_a_reason(module: ModuleType, tmp_path: Path,
                                              capsys) -> None:
    out = tmp_path / "scores.json"
    assert module.main(["--data", str(tmp_path / "none"), "--json", str(out)]) == 0
    assert "SKIP" in capsys.readouterr().err
    assert "absent" in json.loads(out.read_text(encoding="utf-8"))["skipped"]


# --------------------------------------------------------------------------- real data (slow)


def _need_data(*parts: str | Path) -> Path:
    path = DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared data sets live beside the repo)")
    return path


def _floors_for(prefixes: tuple[str, ...]) -> dict[str, float]:
    floors = gate.floors_of(json.loads((EVAL / "floors.json").read_text(encoding="utf-8")))
    return {k: v for k, v in floors.items() if k.split(".", 1)[0] in prefixes}


@pytest.fixture(scope="module")
def eval_resources() -> Any:
    _need_data()
    return cb.load_pipeline()


@pytest.mark.slow
def test_conflibert_class_scores_reach_their_floors(eval_resources) -> None:
    _need_data(cb.FOLDER, cb.CLASS_FILE)
    scores = cb.evaluate(DATA, eval_resources, parts=("class",))
    assert scores["conflibert_class.sentences"] == 1349
    floors = _floors_for(("conflibert_class",))
    assert floors
    assert gate.check(scores, floors) == []
    assert scores["conflibert_class.accuracy"] > scores["conflibert_class.majority_accuracy"]


@pytest.mark.slow
def test_conflibert_ner_scores_reach_their_floors(eval_resources) -> None:
    _need_data(cb.FOLDER, cb.NER_FILE)
    scores = cb.evaluate(DATA, eval_resources, parts=("ner",))
    assert scores["conflibert_ner.sentences"] == 1153
    assert scores["conflibert_ner.S_n_gold"] == 1097
    floors = _floors_for(("conflibert_ner",))
    assert floors
    assert gate.check(scores, floors) == []


@pytest.mark.slow
def test_case2021_scores_reach_their_floors(eval_resources) -> None:
    path = _need_data(case.FOLDER, case.SNIPPETS)
    scores = case.evaluate(DATA, eval_resources)
    assert scores["case2021.snippets"] == len(case.read_snippets(path))
    assert scores["case2021.labels"] == 30
    floors = _floors_for(("case2021",))
    assert floors
    assert gate.check(scores, floors) == []
