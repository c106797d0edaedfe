"""Events across sources: clustering, sides, statuses, the ledger, and the commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep import actors, ledger, reconcile
from sitrep.cli import cli
from sitrep.errors import LexiconError

from .conftest import BULLETIN, EXAMPLES, need_shared

SIDES = reconcile.load_sides(actors.load())
STEPANAKERT = (39.8177, 46.7528)
GANJA = (40.6828, 46.3606)


def claim(document: str, seq: int, claimant: str, country: str | None, action: str,
          actor: str | None, target: str | None, *, polarity: str = "asserted",
          day: str = "2020-09-27", place: tuple[float, float] | None = STEPANAKERT,
          precision: int | None = 1, kind: str = "speaker", quantities: list | None = None,
          ) -> dict:
    lat, lon = place if place else (None, None)
    return {"id": hash((document, seq)) % 10**9, "document_id": document, "seq": seq,
            "statement_seq": 0, "claimant": claimant, "claimant_kind": kind,
            "claimant_country": country, "claimant_cameo": None, "action": action,
            "actor_country": actor, "target_country": target, "polarity": polarity,
            "location": "Stepanakert" if place == STEPANAKERT else "Ganja",
            "location_canonical": None, "location_precision": precision if place else None,
            "lat": lat, "lon": lon, "date": day, "date_end": None, "date_precision": "day",
            "published": day, "evidence": f"{claimant} says", "quantities": quantities or [],
            "document_path": f"{document}.txt"}


def count(what: str, best: int | None, losing: str, *, cumulative: bool = False) -> dict:
    return {"what": what, "low": best, "best": best, "high": best, "side_losing": losing,
            "cumulative": cumulative, "evidence": f"{best} {what}"}


def test_each_side_blaming_the_other_is_one_event_of_mutual_accusation() -> None:
    events = reconcile.reconcile([
        claim("arm", 0, "Nikol Pashinyan", "ARM", "attack_missile", "AZE", "ARM"),
        claim("art", 0, "Ministry of Foreign Affairs of Artsakh", "ARM", "shell", "AZE", "ARM",
              day="2020-09-28"),
        claim("aze", 0, "Ministry of Defence of Azerbaijan", "AZE", "shell", "ARM", "AZE",
              place=None),
    ], SIDES)
    (event,) = events
    assert (event.action, event.date, event.date_end, event.location) == (
        "shell", "2020-09-27", "2020-09-28", "Stepanakert")
    assert event.status == "mutual_accusation"
    assert [c["claimant_side"] for c in event.claims] == ["ARM", "ARM", "AZE"]
    assert "ARM's side says AZE did it" in event.status_reason


def test_far_places_other_days_and_other_groups_stay_apart() -> None:
    events = reconcile.reconcile([
        claim("a", 0, "X", "ARM", "shell", "AZE", "ARM"),
        claim("b", 0, "Y", "AZE", "shell", "ARM", "AZE", place=GANJA),  # 100 km away
        claim("c", 0, "Z", "ARM", "shell", "AZE", "ARM", day="2020-09-30"),  # 3 days later
        claim("d", 0, "W", "ARM", "kill", "AZE", "ARM"),  # casualties, not fighting
    ], SIDES)
    assert len(events) == 4
    assert all(e.status == "single_source" for e in events)


def test_a_denial_contests_and_a_neutral_source_corroborates() -> None:
    (downed,) = reconcile.reconcile([
        claim("arm", 1, "Ministry of Defence of Armenia", "ARM", "shoot_down", "ARM", "AZE",
              place=None),
        claim("aze", 1, "Ministry of Defence of Azerbaijan", "AZE", "shoot_down", None, "AZE",
              polarity="denied", place=None),
    ], SIDES)
    assert downed.status == "contested"
    assert downed.status_reason.startswith("denied by Ministry of Defence of Azerbaijan")
    (struck,) = reconcile.reconcile([
        claim("arm", 2, "Ministry of Defence of Armenia", "ARM", "shell", "AZE", "ARM"),
        claim("wire", 0, "(outlet)", None, "shell", "AZE", "ARM", kind="outlet"),
    ], SIDES)
    assert struck.status == "corroborated"
    assert [c["claimant_side"] for c in struck.claims] == ["ARM", "neutral"]


def test_different_counts_of_the_same_loss_are_numbers_differ() -> None:
    (event,) = reconcile.reconcile([
        claim("arm", 0, "Shushan Stepanyan", "ARM", "kill", "ARM", "AZE", place=None,
              quantities=[count("soldier_killed", 200, "AZE")]),
        claim("wire", 0, "(outlet)", None, "kill", "ARM", "AZE", kind="outlet", place=None,
              quantities=[count("soldier_killed", 40, "AZE")]),
    ], SIDES)
    assert event.status in {"numbers_differ", "corroborated"}
    assert "soldier_killed lost by AZE" in event.status_reason


def test_reconciling_again_with_more_claims_keeps_event_ids() -> None:
    first = [claim("a", 0, "X", "ARM", "shell", "AZE", "ARM")]
    before = reconcile.reconcile(first, SIDES)
    after = reconcile.reconcile(first + [claim("b", 0, "Y", None, "shell", "AZE", "ARM",
                                               kind="outlet")], SIDES)
    assert [e.id for e in after] == [e.id for e in before]
    assert len(after[0].claims) == 2


def test_a_sources_file_sets_sides_and_a_broken_one_names_itself(tmp_path: Path) -> None:
    good = tmp_path / "sources.yaml"
    good.write_text("Armenpress: ARM\nReuters: neutral\n", "utf-8")
    sides = reconcile.load_sides(actors.load(), good)
    row = claim("a", 0, "Armenpress", None, "shell", "AZE", "ARM", kind="outlet")
    assert sides.side_of(row, None) == "ARM"
    broken = tmp_path / "broken.yaml"
    broken.write_text("Armenpress: [ARM\n", "utf-8")
    with pytest.raises(LexiconError, match=r"broken\.yaml: invalid YAML"):
        reconcile.load_sides(actors.load(), broken)
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text("- ARM\n", "utf-8")
    with pytest.raises(LexiconError, match=r"wrong\.yaml: a sources file maps"):
        reconcile.load_sides(actors.load(), wrong)


def _stored(event: reconcile.Event) -> dict:
    rows = []
    for c in event.claims:
        rows.append({**c, "document": c["document_id"]})
    return {"id": event.id, "date": event.date, "claims": rows}


def test_ledger_counts_repeats_once_and_keeps_totals_apart() -> None:
    events = reconcile.reconcile([
        claim("arm", 0, "Nikol Pashinyan", "ARM", "shoot_down", "ARM", "AZE", place=None,
              quantities=[count("helicopter", 2, "AZE")]),
        claim("bul", 0, "Nikol Pashinyan", "ARM", "shoot_down", "ARM", "AZE", place=None,
              quantities=[count("helicopter", 2, "AZE")]),
        claim("mod", 0, "Shushan Stepanyan", "ARM", "shoot_down", "ARM", "AZE", place=None,
              day="2020-09-29", quantities=[count("helicopter", 7, "AZE", cumulative=True)]),
        claim("own", 0, "Shushan Stepanyan", "ARM", "kill", "AZE", "ARM", place=None,
              day="2020-10-05", quantities=[count("soldier_killed", 5, "ARM")]),
    ], SIDES)
    figures = ledger.ledger([_stored(e) for e in events], "total")
    rows = [(f.side, f.kind, f.what, f.day, f.best, len(f.claims)) for f in figures]
    assert rows == [
        ("ARM", "admits_lost", "soldier_killed", "total", 5, 1),
        ("ARM", "claims_inflicted", "helicopter", "running total to 2020-09-29", 7, 1),
        ("ARM", "claims_inflicted", "helicopter", "total", 2, 1),
    ]


@pytest.mark.slow
def test_the_bulletin_with_the_example_corpus(tmp_path: Path) -> None:
    """The shared bulletin's attack on Stepanakert is one event with four Armenian-side
    claimants and Azerbaijan's version beside them; `events` and `ledger` print it."""
    need_shared(BULLETIN)
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(EXAMPLES), "--db", db]).exit_code == 0
    done = runner.invoke(cli, ["ingest", str(BULLETIN), "--db", db, "--published", "2020-09-28"])
    assert done.exit_code == 0 and "events" in done.output
    shown = runner.invoke(cli, ["events", "--db", db, "--format", "json"])
    events = [json.loads(line) for line in shown.output.splitlines()]
    bulletin = [e for e in events if any("karabakh-2020-09-27" in c["document_path"]
                                         and c["location"] == "Stepanakert" for c in e["claims"])]
    assert len(bulletin) == 1
    (event,) = bulletin
    armenian = {c["claimant"] for c in event["claims"] if c["claimant_side"] == "ARM"
                and "karabakh-2020-09-27" in c["document_path"]}
    assert armenian >= {"Nikol Pashinyan", "Ministry of Foreign Affairs of Armenia",
                        "Arayik Harutyunyan", "Ministry of Foreign Affairs of Artsakh"}
    assert any(c["claimant_side"] == "AZE" for c in event["claims"])
    assert event["status"] == "mutual_accusation"
    assert event["location"] == "Stepanakert"
    table = runner.invoke(cli, ["ledger", "--db", db, "--format", "json"])
    figures = [json.loads(line) for line in table.output.splitlines()]
    helicopters = [f for f in figures if f["side"] == "ARM" and f["what"] == "helicopter"
                   and f["figure"] == "claims_inflicted" and not f["cumulative"]]
    assert helicopters and helicopters[0]["best"] >= 2
    assert runner.invoke(cli, ["events", "--db", db, "--status", "contested"]).exit_code == 0
