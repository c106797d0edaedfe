"""Doctor: check that every model and data file sitrep needs is installed."""

from __future__ import annotations

import importlib.util
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sitrep import actors, cues, gazetteer
from sitrep.errors import LexiconError
from sitrep.settings import Settings


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


def run(settings: Settings, build: bool = False) -> list[Check]:
    """One check per model, lexicon, gazetteer and SQLite feature, each saying how to fix a
    failure; `build` (re)compiles the gazetteer index first."""
    checks = [_model(language, settings.model_for(language) or "") for language in
              ("en", "cs", "fr")]
    checks.append(_lexicons(settings))
    checks.append(_gazetteer(settings, build))
    checks.append(_fts5())
    return checks


def _gazetteer(settings: Settings, build: bool) -> Check:
    path = Path(settings.gazetteer) if settings.gazetteer else gazetteer.default_path()
    if build:
        seconds = gazetteer.build(path)
        return Check("gazetteer", True, f"built {path} in {seconds:.1f} s")
    if not path.exists():
        return Check("gazetteer", True,
                     f"not built yet; built on first use, or now with `sitrep doctor --build` "
                     f"(a few seconds) at {path}")
    size = path.stat().st_size / 1e6
    return Check("gazetteer", True, f"{path} ({size:.0f} MB)")


def _model(language: str, name: str) -> Check:
    if importlib.util.find_spec(name) is None:
        package = name.replace("_", "-")
        return Check(f"spaCy model ({language})", False,
                     f"{name} is not installed; run `pip install {package}`")
    return Check(f"spaCy model ({language})", True, f"{name} is installed")


def _lexicons(settings: Settings) -> Check:
    try:
        actor_lexicon = actors.load(settings.actors_file or None)
        cue_lexicon = cues.load_lexicon()
    except LexiconError as exc:
        return Check("lexicons", False, f"{exc}; fix the file named")
    return Check("lexicons", True,
                 f"actors {actor_lexicon.version}, attribution cues {cue_lexicon.version}")


def _fts5() -> Check:
    try:
        sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    except sqlite3.OperationalError:
        return Check("SQLite FTS5", False,
                     "this Python's SQLite lacks FTS5; install a Python built with it")
    return Check("SQLite FTS5", True, f"SQLite {sqlite3.sqlite_version} has FTS5")
