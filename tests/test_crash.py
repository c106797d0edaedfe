"""Crash safety: SIGKILL `sitrep ingest` in the middle of a run, run it again, and the store
holds exactly what a clean run stores: no document lost, none twice."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import EXAMPLES
from .storedump import rows

COPIES = 6


def _corpus(folder: Path) -> Path:
    """The plain-text examples (with their sidecars), six times, each copy with a line that
    makes it a new document."""
    for copy in range(COPIES):
        target = folder / f"copy-{copy}"
        target.mkdir(parents=True)
        for path in EXAMPLES.glob("*.txt"):
            (target / path.name).write_text(
                path.read_text("utf-8") + f"\n\n(Copy {copy}.)\n", "utf-8")
            sidecar = path.with_suffix(".meta.json")
            if sidecar.exists():
                shutil.copy(sidecar, target / sidecar.name)
    return folder


def _ingest(corpus: Path, db: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SITREP_")}
    env["SITREP_BATCH_SIZE"] = "4"
    return subprocess.Popen(
        [sys.executable, "-c", "from sitrep.cli import main; main()", "ingest", str(corpus),
         "--db", str(db)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # schema not created yet
        return 0


@pytest.mark.slow
def test_sigkill_mid_run_then_rerun_equals_a_clean_run(tmp_path):
    corpus = _corpus(tmp_path / "corpus")
    files = sum(1 for _ in corpus.rglob("*.txt"))
    clean_db, crashed_db = tmp_path / "clean.db", tmp_path / "crashed.db"
    assert _ingest(corpus, clean_db).wait(timeout=300) == 0
    total = _stored(clean_db)
    assert total == files

    victim = _ingest(corpus, crashed_db)
    deadline = time.monotonic() + 240
    while _stored(crashed_db) < 8 and time.monotonic() < deadline and victim.poll() is None:
        time.sleep(0.02)
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=30)
    assert victim.returncode == -signal.SIGKILL
    partial = _stored(crashed_db)
    assert 8 <= partial < total, "the kill must land in the middle of the run"

    rerun = _ingest(corpus, crashed_db)
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err.decode()
    assert out.decode().startswith(f"ingested {total - partial}, unchanged {partial},")
    assert rows(crashed_db) == rows(clean_db)
