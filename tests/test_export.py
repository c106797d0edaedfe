"""Every export format read back with a standard reader: columns and a known row."""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from sitrep import export
from sitrep.cli import cli

from .corpus import GANJA, STEPANAKERT


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
    assert [row["location"] for row in rows] == ["Ganja", "Stepanakert"]
    ganja = rows[0]
    assert {k: ganja[k] for k in ("event_id_cnty", "event_date", "year", "time_precision",
                                  "iso", "country", "region", "latitude", "longitude",
                                  "geo_precision", "fatalities", "tags")} == {
        "event_id_cnty": "AZE1", "event_date": "2020-10-10", "year": "2020",
        "time_precision": "1", "iso": "31", "country": "Azerbaijan", "region": "Asia",
        "latitude": "40.68157", "longitude": "46.36134", "geo_precision": "1",
        "fatalities": "9", "tags": "contested"}
    assert ganja["source"] == "example.org"
    notes = ganja["notes"].split(" | ")
    assert notes[0] == "Status: contested (Armenia denies it)."
    assert notes[1] == (
        'Ministry of Defence of Armenia [ARM] denied: "claims that Armenian forces had fired a '
        'missile at the city of Ganja overnight" (example.org, 2020-10-11)')
    assert notes[2].startswith('Azerbaijan [AZE] asserted: "that an Armenian missile had hit')
    stepanakert = rows[1]
    assert (stepanakert["event_type"], stepanakert["sub_event_type"]) == (
        "Explosions/Remote violence", "Shelling/artillery/missile attack")
    assert stepanakert["disorder_type"] == "Political violence"
    assert (stepanakert["actor2"], stepanakert["fatalities"]) == ("Artsakh", "0")


def test_cameo_tsv_one_row_per_coded_claim(examples_db, tmp_path):
    out = tmp_path / "events.tsv"
    run_export(examples_db, "cameo-tsv", out)
    with out.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        rows = list(reader)
    assert tuple(reader.fieldnames) == export.CAMEO_COLUMNS
    (denial,) = [r for r in rows if r["event_id"] == GANJA and r["polarity"] == "denied"]
    assert {k: denial[k] for k in ("date", "source", "cameo", "root", "quad_class", "lat",
                                   "lon", "geo_precision", "claimant")} == {
        "date": "2020-10-10", "source": "ARMMIL", "cameo": "195", "root": "19",
        "quad_class": "4", "lat": "40.68157", "lon": "46.36134", "geo_precision": "1",
        "claimant": "Ministry of Defence of Armenia"}
    assert denial["sentence"].startswith("claims that Armenian forces had fired a missile")
    assert all("\n" not in r["sentence"] for r in rows)
    assert len(rows) > 100


def test_plover_jsonl_records(examples_db, tmp_path):
    out = tmp_path / "plover.jsonl"
    run_export(examples_db, "plover-jsonl", out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    (shelled,) = [r for r in records if r["event_id"] == STEPANAKERT and r["claimant"] ==
                  "Artsakh"]
    assert {k: shelled[k] for k in ("event_type", "mode", "context", "recipient", "date")} == {
        "event_type": "ASSAULT", "mode": "heavy-weapons", "context": ["military"],
        "recipient": [{"name": "Artsakh", "country": "ARM", "code": "ARM"}],
        "date": "2020-10-10"}
    assert shelled["location"] == {"name": "Stepanakert", "lat": 39.8153, "lon": 46.7519,
                                   "precision": 1}
    assert shelled["event_text"].startswith("that Stepanakert came under rocket and artillery")


def test_geojson_one_feature_per_event_with_its_claims(examples_db, tmp_path):
    out = tmp_path / "events.geojson"
    run_export(examples_db, "geojson", out)
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    ganja, stepanakert = collection["features"]
    assert ganja["geometry"] == {"type": "Point", "coordinates": [46.36134, 40.68157]}
    assert ganja["properties"]["status"] == "contested"
    sides = [(c["claimant"], c["claimant_side"], c["polarity"])
             for c in ganja["properties"]["claims"]]
    assert sides == [("Ministry of Defence of Armenia", "ARM", "denied"),
                     ("Azerbaijan", "AZE", "asserted")]
    (killed,) = ganja["properties"]["claims"][1]["quantities"]
    assert (killed["what"], killed["best"], killed["evidence"]) == (
        "civilian_killed", 9, "nine civilians")
    assert stepanakert["id"] == STEPANAKERT


def test_jsonl_holds_every_record(examples_db, tmp_path):
    out = tmp_path / "all.jsonl"
    run_export(examples_db, "jsonl", out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    kinds = {}
    for record in records:
        kinds[record["record"]] = kinds.get(record["record"], 0) + 1
    assert kinds["document"] == 17 and kinds["claim"] == 179 and kinds["event"] == 2
    assert kinds["quantity"] == 31 and kinds["statement"] == 90
    document = next(r for r in records if r["record"] == "document")
    assert "raw" not in document and document["text"]


def test_parquet_one_row_per_claim(examples_db, tmp_path):
    out = tmp_path / "claims.parquet"
    run_export(examples_db, "parquet", out)
    table = pq.read_table(out)
    assert table.num_rows == 179
    assert {"claimant", "action", "event_id", "claimant_side", "evidence", "quantities",
            "document", "date", "lat", "lon"} <= set(table.column_names)
    rows = table.to_pylist()
    (strike,) = [r for r in rows if r["event_id"] == GANJA and r["polarity"] == "asserted"]
    assert (strike["claimant"], strike["action"], strike["claimant_side"]) == (
        "Azerbaijan", "kill", "AZE")
    assert strike["quantities"][0]["best"] == 9


def test_parquet_needs_a_file_and_a_missing_store_is_one_line(examples_db, tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["export", "--db", str(examples_db), "--format", "parquet"])
    assert result.exit_code != 0
    assert "parquet is binary: give a file with --out PATH" in str(result.exception)
    with pytest.raises(Exception, match="no database yet"):
        runner.invoke(cli, ["export", "--db", str(tmp_path / "none.db"), "--format", "jsonl"],
                      catch_exceptions=False)
