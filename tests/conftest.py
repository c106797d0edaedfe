"""Shared fixtures: the loaded pipeline (once per session) and the shared data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep import pipeline
from sitrep.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
EXAMPLES = ROOT / "examples"
BULLETIN = SHARED / "examples" / "karabakh-2020-09-27-embassy-bulletin.txt"


def need_shared(path: Path) -> Path:
    """Skip the calling test, with the reason, when the shared data set is not beside us."""
    if not path.exists():
        pytest.skip(f"{path} is absent (shared data lives beside the repo in CI only)")
    return path


@pytest.fixture(scope="session")
def resources() -> pipeline.Resources:
    return pipeline.load_resources(load_settings(environ={}))


@pytest.fixture(scope="session")
def bulletin() -> Path:
    return need_shared(BULLETIN)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-snapshots", action="store_true",
                     help="rewrite tests/snapshots from the current output")
