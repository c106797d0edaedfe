"""The gazetteer index: built offline from installed packages; contested names are one place."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sitrep import gazetteer


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> gazetteer.Gazetteer:
    path = tmp_path_factory.mktemp("gazetteer") / "gazetteer.sqlite"
    seconds = gazetteer.build(path)
    assert seconds < 120
    return gazetteer.open_index(path)


def best(index: gazetteer.Gazetteer, name: str) -> tuple:
    first = index.candidates(name)[0]
    return first.name, first.country, first.kind, first.precision


@pytest.mark.parametrize(
    ("one", "other"),
    [("Stepanakert", "Khankendi"), ("Shushi", "Shusha"), ("Artemivsk", "Bakhmut"),
     ("Náhorním Karabachu", "Nagorno-Karabakh"), ("Haut-Karabakh", "Artsakh")],
)
def test_contested_names_are_one_place(index, one, other):
    assert best(index, one) == best(index, other)


def test_towns_regions_and_countries(index):
    assert best(index, "Stepanakert") == ("Stepanakert", "AZE", "town", 1)
    assert best(index, "Gaza Strip") == ("Gaza Strip", "PSE", "region", 2)
    assert best(index, "Ganja") == ("Ganja", "AZE", "town", 1)
    assert best(index, "Armenia") == ("Armenia", "ARM", "country", 3)
    assert index.candidates("Nowhere-on-Earth-Upon-Sea") == []


def test_ganja_town_has_coordinates(index):
    ganja = index.candidates("Gandzha")[0]
    assert (ganja.name, round(ganja.lat, 1), round(ganja.lon, 1)) == ("Ganja", 40.7, 46.4)


def test_open_builds_on_first_use(tmp_path):
    path = tmp_path / "fresh" / "gazetteer.sqlite"
    assert not path.exists()
    gazetteer.open_index(path)
    assert path.exists() and not path.with_suffix(".partial").exists()


def test_default_path_is_in_the_cache_directory():
    assert gazetteer.default_path().name == f"gazetteer-v{gazetteer.SCHEMA}.sqlite"
    assert "sitrep" in str(gazetteer.default_path().parent)


def test_doctor_builds_the_index_and_reports_it(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from sitrep.cli import cli

    monkeypatch.setenv("SITREP_GAZETTEER", str(tmp_path / "g.sqlite"))
    result = CliRunner().invoke(cli, ["doctor", "--build"])
    assert result.exit_code == 0
    line = next(x for x in result.stdout.splitlines() if "gazetteer" in x)
    assert line.startswith(f"[ok ] gazetteer: built {tmp_path / 'g.sqlite'} in ")
    assert Path(tmp_path / "g.sqlite").exists()


def test_states_demonyms_continents_and_country_centres(index):
    georgia = {(c.name, c.kind, c.country, c.precision) for c in index.candidates("Georgia")}
    assert {("Georgia", "admin1", "USA", 2), ("Georgia", "country", "GEO", 3)} <= georgia
    assert best(index, "Russian") == ("Russia", "RUS", "country", 3)
    assert best(index, "ukrajinské") == ("Ukraine", "UKR", "country", 3)
    assert best(index, "UAE") == ("United Arab Emirates", "ARE", "country", 3)
    assert best(index, "European")[0] == "Europe"
    russia = index.candidates("Russia")[0]
    assert (russia.lat, russia.lon) == (60.0, 100.0)  # its centre, not Moscow
    usa = index.candidates("United States")[0]
    assert (usa.lat, usa.lon) == (39.83, -98.58)  # regions.yaml corrects countryinfo's point


def test_an_index_from_an_older_regions_file_is_rebuilt(tmp_path):
    path = tmp_path / "gazetteer.sqlite"
    gazetteer.build(path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = 'old' WHERE key = 'regions'")
    gazetteer.open_index(path)
    with sqlite3.connect(path) as conn:
        (version,) = conn.execute("SELECT value FROM meta WHERE key = 'regions'").fetchone()
    assert version != "old"
