"""Counts of what was lost: numbers in digits and words, vague amounts, classes, losing side."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep import ingest, pipeline, quantities
from sitrep.output import document_json


def counted(resources, text: str, language: str = "en") -> list[tuple]:
    document = ingest.from_text(text, language=language, published="2020-10-05")
    found = document_json(pipeline.extract(document, resources))["quantities"]
    return [(q["what"], q["low"], q["best"], q["high"], q["side_losing"], q["cumulative"],
             q["evidence"]) for q in found]


def test_the_bulletin_gives_each_leaders_numbers(resources, bulletin: Path) -> None:
    document = next(ingest.read([str(bulletin)], resources.settings, "2020-09-28"))
    out = document_json(pipeline.extract(document, resources))
    rows = [(q["claimant"], q["what"], q["best"], q["side_losing"], q["evidence"])
            for q in out["quantities"]]
    assert rows == [
        ("Nikol Pashinyan", "helicopter", 2, "AZE", "2 helicopters"),
        ("Nikol Pashinyan", "uav", 3, "AZE", "3 UAVs"),
        ("Nikol Pashinyan", "tank", 3, "AZE", "3 tanks"),
        ("Arayik Harutyunyan", "helicopter", 2, "AZE", "2 Az helicopters"),
        ("Arayik Harutyunyan", "uav", 3, "AZE", "3 UAVs"),
        ("Arayik Harutyunyan", "tank", None, "AZE", "tanks"),
        ("(outlet)", "tank", None, "AZE", "Azerbaijani tanks"),  # a video's caption
    ]
    for q in out["quantities"]:
        claim = out["claims"][q["claim"]]
        assert claim["action"] in {"shoot_down", "destroy_equipment"}, claim
        assert claim["claimant"] == q["claimant"]
        assert document.text[q["start"]:q["end"]] == q["evidence"]
        assert [x["evidence"] for x in claim["quantities"]] == [q["evidence"]]


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("At least 12 civilians were killed and dozens wounded when rockets hit the market.", "en",
     [("civilian_killed", 12, 12, None, None, False, "At least 12 civilians"),
      ("wounded", 24, 24, 99, None, False, "dozens")]),
    ("The ministry said its forces destroyed 4 Azerbaijani tanks and more than 30 armoured "
     "vehicles.", "en",
     [("tank", 4, 4, 4, "AZE", False, "4 Azerbaijani tanks"),
      ("armoured_vehicle", 31, 31, None, "AZE", False, "more than 30 armoured vehicles")]),
    ("Since 27 September, the enemy has lost 2,317 soldiers and 72 drones, the ministry said.",
     "en", [("soldier_killed", 2317, 2317, 2317, None, True, "2,317 soldiers"),
            ("uav", 72, 72, 72, None, True, "72 drones")]),
    ("Two people were shot dead and three others injured on Sunday.", "en",
     [("killed", 2, 2, 2, None, False, "Two people"),
      ("wounded", 3, 3, 3, None, False, "three others")]),
    ("A man was shot and killed outside a bar.", "en",
     [("killed", 1, 1, 1, None, False, "A man")]),
    ("Up to 20 fighters were captured near the town.", "en",
     [("captured", None, 20, 20, None, False, "Up to 20 fighters")]),
    ("The army deployed 30 tanks to the border.", "en", []),
    ("Arménská armáda sestřelila dva ázerbájdžánské vrtulníky a tři drony.", "cs",
     [("helicopter", 2, 2, 2, "AZE", False, "dva ázerbájdžánské vrtulníky"),
      ("uav", 3, 3, 3, "AZE", False, "tři drony")]),
    ("Při ostřelování zahynulo nejméně pět civilistů a desítky lidí byly zraněny.", "cs",
     [("civilian_killed", 5, 5, None, None, False, "nejméně pět civilistů"),
      ("wounded", 20, 20, 99, None, False, "desítky lidí")]),
    ("L'armée arménienne a abattu deux hélicoptères azerbaïdjanais et détruit trois chars.",
     "fr", [("helicopter", 2, 2, 2, "AZE", False, "deux hélicoptères"),
            ("tank", 3, 3, 3, "AZE", False, "trois chars")]),
    ("Au moins dix civils ont été tués et des dizaines de personnes blessées.", "fr",
     [("civilian_killed", 10, 10, None, None, False, "Au moins dix civils"),
      ("wounded", 20, 20, 99, None, False, "des dizaines de personnes")]),
])
def test_counts_read_as_low_best_high(resources, text, language, expected) -> None:
    assert counted(resources, text, language) == expected


def test_a_bad_lexicon_names_its_file(monkeypatch) -> None:
    class Broken:
        def joinpath(self, _name):
            return self

        def read_text(self, _encoding):
            return "version: [unclosed"

    monkeypatch.setattr(quantities.resources, "files", lambda _package: Broken())
    with pytest.raises(Exception, match="quantities.yaml: invalid YAML"):
        quantities.load()


def test_quantities_are_stored_with_their_claim(resources, bulletin: Path, tmp_path) -> None:
    from sitrep import store

    conn = store.connect(tmp_path / "s.db")
    document = next(ingest.read([str(bulletin)], resources.settings, "2020-09-28"))
    store.save(conn, pipeline.extract(document, resources))
    rows = conn.execute(
        """SELECT q.what, q.best, q.side_losing, c.action, c.claimant FROM quantities q
           JOIN claims c ON c.document_id = q.document_id AND c.seq = q.claim_seq
           ORDER BY q.seq""").fetchall()
    assert [tuple(r) for r in rows][:3] == [
        ("helicopter", 2, "AZE", "shoot_down", "Nikol Pashinyan"),
        ("uav", 3, "AZE", "shoot_down", "Nikol Pashinyan"),
        ("tank", 3, "AZE", "destroy_equipment", "Nikol Pashinyan"),
    ]
    assert json.dumps([dict(r) for r in rows])  # plain values only
