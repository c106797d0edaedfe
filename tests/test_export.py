"""Every export format read back with a standard reader: columns and a known row."""

from __future__ import annotations

import csv
import json
import sqlite3

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from sitrep import export
from sitrep.cli import cli

from .corpus import event_id

STRIKE = ("2020-10-10", "kill", "Ganja")  # Azerbaijan's account of the Ganja strike
DENIED = ("2020-10-10", "attack_ground", "Ganja")  # the strike as Armenia denies it
SHELLING = ("2020-10-10", "attack_ground", "Stepanakert")


def run_export(db, fmt: str, out) -> None:
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", fmt, "--out",
                                      str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def test_acled_csv_one_row_per_event_with_sides_in_notes(examples_db, tmp_path):
    out = tmp_path / "events.csv"
    run_export(examples_db, "acled-csv", out)
    with out.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert tuple(reader.fieldnames) == export.ACLED_COLUMNS
    assert len(rows) == store_count(examples_db, "events")
    by_key = {(r["event_date"], r["location"], r["event_type"], r["tags"]): r for r in rows}
    strike = by_key[("2020-10-10", "Ganja", "Violence against civilians", "single_source")]
    assert {k: strike[k] for k in ("year", "time_precision", "disorder_type",
                                   "sub_event_type", "actor1", "inter1", "actor2", "inter2",
                                   "interaction",
                                   "civilian_targeting", "iso", "country", "region",
                                   "latitude", "longitude", "geo_precision", "fatalities",
                                   "source")} == {
        "year": "2020", "time_precision": "1", "disorder_type": "Political violence",
        "sub_event_type": "Attack", "actor1": "Armenia", "inter1": "1", "actor2": "Civilians",
        "inter2": "7", "interaction": "17", "civilian_targeting": "Civilian targeting", "iso": "31",
        "country": "Azerbaijan", "region": "Asia", "latitude": "40.68157",
        "longitude": "46.36134", "geo_precision": "1", "fatalities": "9",
        "source": "example.org"}
    assert strike["event_id_cnty"].startswith("AZE")
    denied = by_key[("2020-10-10", "Ganja", "Battles", "contested")]
    notes = denied["notes"].split(" | ")
    assert notes[0].startswith("Status: contested (denied by Ministry of Defence of Armenia")
    assert notes[1:3] == [
        'Ministry of Defence of Armenia [ARM] denied: "claims that Armenian forces had fired a '
        'missile at the city of Ganja overnight" (example.org, 2020-10-11)',
        'Shushan Stepanyan [ARM] denied: "Armenia has not carried out any strike on Ganja or '
        'on any other city of Azerbaijan." (example.org, 2020-10-11)']
    assert ('example.org [neutral] alleged: "Azerbaijan accuses Armenia of deadly night strike '
            'on Ganja" (example.org, 2020-10-11)') in notes
    assert (denied["inter1"], denied["fatalities"]) == ("1", "0")  # a state's forces; no toll


def store_count(db, table: str) -> int:
    conn = sqlite3.connect(db)
    (count,) = conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()
    conn.close()
    return count


def test_cameo_tsv_one_row_per_coded_claim(examples_db, tmp_path):
    out = tmp_path / "events.tsv"
    run_export(examples_db, "cameo-tsv", out)
    with out.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        rows = list(reader)
    assert tuple(reader.fieldnames) == export.CAMEO_COLUMNS
    denied = event_id(examples_db, *DENIED)
    (denial,) = [r for r in rows if r["event_id"] == denied and r["claimant"] ==
                 "Ministry of Defence of Armenia"]
    assert {k: denial[k] for k in ("date", "source", "cameo", "root", "quad_class", "lat",
                                   "lon", "geo_precision", "polarity")} == {
        "date": "2020-10-10", "source": "ARMMIL", "cameo": "195", "root": "19",
        "quad_class": "4", "lat": "40.68157", "lon": "46.36134", "geo_precision": "1",
        "polarity": "denied"}
    assert denial["sentence"] == (
        "claims that Armenian forces had fired a missile at the city of Ganja overnight")
    assert all("\n" not in r["sentence"] for r in rows)
    assert len(rows) == store_count(examples_db, "claims WHERE cameo IS NOT NULL")


def test_plover_jsonl_records(examples_db, tmp_path):
    out = tmp_path / "plover.jsonl"
    run_export(examples_db, "plover-jsonl", out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    shelling = event_id(examples_db, *SHELLING)
    (shelled,) = [r for r in records if r["event_id"] == shelling and r["claimant"] ==
                  "Artsakh"]
    assert {k: shelled[k] for k in ("event_type", "mode", "context", "recipient", "date",
                                    "polarity")} == {
        "event_type": "ASSAULT", "mode": "heavy-weapons", "context": ["military"],
        "recipient": [{"name": "Artsakh", "country": "ARM", "code": "ARM"}],
        "date": "2020-10-10", "polarity": "asserted"}
    assert shelled["location"] == {"name": "Stepanakert", "lat": 39.8153, "lon": 46.7519,
                                   "precision": 1}
    assert shelled["event_text"].startswith("that Stepanakert came under rocket and artillery")


def test_geojson_one_feature_per_event_with_its_claims(examples_db, tmp_path):
    out = tmp_path / "events.geojson"
    run_export(examples_db, "geojson", out)
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    features = {f["id"]: f for f in collection["features"]}
    assert len(features) == store_count(examples_db, "events")
    denied = features[event_id(examples_db, *DENIED)]
    assert denied["geometry"] == {"type": "Point", "coordinates": [46.36134, 40.68157]}
    assert denied["properties"]["status"] == "contested"
    accounts = [(c["claimant"], c["claimant_side"], c["polarity"])
                for c in denied["properties"]["claims"]]
    assert accounts[:2] == [("Ministry of Defence of Armenia", "ARM", "denied"),
                            ("Shushan Stepanyan", "ARM", "denied")]
    assert ("example.org", "neutral", "alleged") in accounts
    strike = features[event_id(examples_db, *STRIKE)]
    (claim,) = strike["properties"]["claims"]
    killed = [q for q in claim["quantities"] if q["what"] == "civilian_killed"]
    assert [(q["low"], q["best"], q["high"], q["evidence"]) for q in killed] == [
        (9, 9, 9, "nine civilians")]


def test_jsonl_holds_every_record(examples_db, tmp_path):
    out = tmp_path / "all.jsonl"
    run_export(examples_db, "jsonl", out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    kinds: dict[str, int] = {}
    for record in records:
        kinds[record["record"]] = kinds.get(record["record"], 0) + 1
    assert kinds == {kind: store_count(examples_db, table) for kind, table in (
        ("document", "documents"), ("statement", "statements"), ("claim", "claims"),
        ("quantity", "quantities"), ("place", "places"), ("date", "dates"),
        ("event", "events"))}
    document = next(r for r in records if r["record"] == "document")
    assert "raw" not in document and document["text"]


def test_parquet_one_row_per_claim(examples_db, tmp_path):
    out = tmp_path / "claims.parquet"
    run_export(examples_db, "parquet", out)
    table = pq.read_table(out)
    assert table.num_rows == store_count(examples_db, "claims")
    assert {"claimant", "action", "event_id", "claimant_side", "evidence", "quantities",
            "document", "document_path", "date", "lat", "lon"} <= set(table.column_names)
    strike = event_id(examples_db, *STRIKE)
    (claim,) = [r for r in table.to_pylist() if r["event_id"] == strike]
    assert (claim["claimant"], claim["action"], claim["claimant_side"]) == (
        "Azerbaijan", "kill", "AZE")
    assert claim["document_path"].endswith("examples/2020-10-11-ganja-strike.txt")
    assert [q["best"] for q in claim["quantities"] if q["what"] == "civilian_killed"] == [9]


def test_parquet_needs_a_file_and_a_missing_store_is_one_line(examples_db, tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["export", "--db", str(examples_db), "--format", "parquet"])
    assert result.exit_code != 0
    assert "parquet is binary: give a file with --out PATH" in str(result.exception)
    with pytest.raises(Exception, match="no database yet"):
        runner.invoke(cli, ["export", "--db", str(tmp_path / "none.db"), "--format", "jsonl"],
                      catch_exceptions=False)
