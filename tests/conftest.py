"""Shared fixtures: the loaded pipeline (once per session) and the shared data folder."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from sitrep import pipeline
from sitrep.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
EXAMPLES = ROOT / "examples"
BULLETIN = SHARED / "examples" / "karabakh-2020-09-27-embassy-bulletin.txt"


EVAL = ROOT / "eval"


def load_eval(name: str) -> ModuleType:
    """Import eval/<name>.py under a private module name (eval/ is a folder of scripts)."""
    module_name = f"sitrep_eval_{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    if str(EVAL) not in sys.path:
        sys.path.insert(0, str(EVAL))  # the scripts import their shared helpers from there
    spec = importlib.util.spec_from_file_location(module_name, EVAL / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # dataclasses look their module up while executing it
    spec.loader.exec_module(module)
    return module


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


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory, resources) -> Path:
    """The examples/ folder ingested once, with events, for the layers that only read."""
    from .corpus import build_examples_db

    return build_examples_db(tmp_path_factory.mktemp("examples") / "examples.db", resources)
