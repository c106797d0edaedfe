"""The language-parity evaluation (eval/parity_examples.py): its multiset scoring on made-up
rows (fast), and the real Czech and French counterparts against eval/floors.json (slow)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import load_eval

ROOT = Path(__file__).resolve().parent.parent

parity = load_eval("parity_examples")
gate = load_eval("gate")


def test_agreement_counts_each_row_as_often_as_both_sides_have_it() -> None:
    english = [("kill", None, None, "asserted")] * 2 + [("deny", "ARM", None, "asserted")]
    czech = [("kill", None, None, "asserted")] * 3
    assert parity.agreement(english, czech) == (2, 3, 3)
    assert parity.agreement(english, []) == (0, 3, 0)


def test_score_pools_documents_per_language() -> None:
    shell = ("shell", "ARM", "AZE", "asserted")
    deny = ("deny", "AZE", None, "asserted")
    rows = {
        "a": {"en": ([shell, deny], [shell + ("Tartar",), deny + (None,)]),
              "cs": ([shell], [shell + ("Tartar",)]),
              "fr": ([shell, deny, deny], [shell + (None,), deny + (None,), deny + (None,)])},
        "b": {"en": ([deny], [deny + (None,)]), "fr": ([deny], [deny + ("Baku",)])},
    }
    scores = parity.score(rows)
    assert scores["parity.en.claims"] == 3
    assert (scores["parity.cs.recall_core"], scores["parity.cs.precision_core"]) == (0.5, 1.0)
    assert scores["parity.cs.recall_full"] == 0.5
    assert (scores["parity.fr.recall_core"], scores["parity.fr.precision_core"]) == (1.0, 0.75)
    assert (scores["parity.fr.recall_full"], scores["parity.fr.precision_full"]) == (
        round(1 / 3, 4), 0.25)


def test_every_counterpart_has_its_english_document_and_a_sidecar_in_its_language() -> None:
    found = parity.pairs()
    assert {(stem, language) for stem, language, _, _ in found} == {
        ("2020-09-27-aze-mod-statement", "cs"), ("2020-09-27-aze-mod-statement", "fr"),
        ("2020-10-11-ganja-strike", "cs"), ("2020-10-11-ganja-strike", "fr"),
    }
    for _, language, english, other in found:
        assert english.is_file()
        meta = json.loads(other.with_suffix(".meta.json").read_text("utf-8"))
        english_meta = json.loads(english.with_suffix(".meta.json").read_text("utf-8"))
        assert meta["language"] == language
        assert (meta["date"], meta["kind"]) == (english_meta["date"], english_meta["kind"])


@pytest.mark.slow
def test_parity_reaches_its_floors(tmp_path: Path) -> None:
    out = tmp_path / "scores.json"
    assert parity.main(["--json", str(out)]) == 0
    scores = json.loads(out.read_text("utf-8"))
    assert scores["parity.en.claims"] == 26
    floors = gate.floors_of(json.loads((ROOT / "eval" / "floors.json").read_text("utf-8")))
    floors = {k: v for k, v in floors.items() if k.startswith("parity.")}
    assert set(floors) == {f"parity.{lang}.recall_{kind}" for lang in ("cs", "fr")
                           for kind in ("core", "full")}
    assert gate.check(scores, floors) == []
