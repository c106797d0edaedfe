"""The report's two pictures, drawn with matplotlib as PNG bytes: claims per day by side, and
a map of where claims and events are placed. No country outlines: no installed package ships
them without a download, so the map shows places on a latitude/longitude grid."""

from __future__ import annotations

import io
from collections import Counter
from datetime import date
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

_SIDE_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b")
_NEUTRAL_COLOUR = "#7f7f7f"
_STATUS_MARKERS = {"single_source": "o", "corroborated": "s", "contested": "X",
                   "numbers_differ": "D"}


def _colours(sides: list[str]) -> dict[str, str]:
    named = [s for s in sides if s != "neutral"]
    colours = {side: _SIDE_COLOURS[i % len(_SIDE_COLOURS)] for i, side in enumerate(named)}
    colours["neutral"] = _NEUTRAL_COLOUR
    return colours


def _png(figure: Any) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight",
                   metadata={"Software": None})
    plt.close(figure)
    return buffer.getvalue()


def timeline(claims: list[dict[str, Any]], events: list[dict[str, Any]]) -> bytes:
    """Claims per day, stacked by the claimant's side, with each event's day marked."""
    per_day: Counter[tuple[str, str]] = Counter(
        (c["date"] or c["published"], c["side"]) for c in claims if c["date"] or c["published"])
    sides = sorted({side for _, side in per_day}, key=lambda s: (s == "neutral", s))
    days = sorted({day for day, _ in per_day})
    colours = _colours(sides)
    figure, axes = plt.subplots(figsize=(9, 3.2))
    x = [date.fromisoformat(day[:10]) for day in days]
    bottom = [0] * len(days)
    for side in sides:
        heights = [per_day[(day, side)] for day in days]
        axes.bar(x, heights, bottom=bottom, color=colours[side], label=side, width=0.8)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    event_days = sorted({date.fromisoformat(e["date"]) for e in events if e["date"]})
    if event_days:  # one line per day with events, drawn as one collection
        axes.vlines(event_days, 0, 1, transform=axes.get_xaxis_transform(), color="black",
                    alpha=0.25, lw=1)
    axes.set_ylabel("claims")
    axes.set_title("Claims per day by claimant's side (grey lines: events)")
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))
    if sides:
        axes.legend(loc="upper right", fontsize="small")
    figure.autofmt_xdate()
    return _png(figure)


def event_map(claims: list[dict[str, Any]], events: list[dict[str, Any]]) -> bytes:
    """Where claims are placed (dot size: how many) and the events (marker: status), framed on
    the area where most of them lie; places far from it are counted in the title."""
    places: Counter[tuple[float, float, str]] = Counter(
        (c["lat"], c["lon"], c["location_canonical"] or c["location"] or "")
        for c in claims if c["lat"] is not None and c["lon"] is not None)
    centre = _centre(places)
    near = Counter({p: n for p, n in places.items() if _near(p[0], p[1], centre)})
    placed = [e for e in events if e["lat"] is not None and _near(e["lat"], e["lon"], centre)]
    figure, axes = plt.subplots(figsize=(7, 6))
    if near:
        axes.scatter([lon for _, lon, _ in near], [lat for lat, _, _ in near],
                     s=[20 + 12 * n for n in near.values()], color=_NEUTRAL_COLOUR,
                     alpha=0.45, label="claims (size: how many)")
        _label(axes, near)
    for status, marker in _STATUS_MARKERS.items():
        chosen = [e for e in placed if e["status"] == status]
        if chosen:
            axes.scatter([e["lon"] for e in chosen], [e["lat"] for e in chosen], marker=marker,
                         s=90, edgecolor="black", facecolor="#ffbf00", label=f"event: {status}")
    axes.set_xlabel("longitude")
    axes.set_ylabel("latitude")
    axes.set_aspect("equal", adjustable="datalim")
    axes.grid(True, alpha=0.3)
    outside = sum(places.values()) - sum(near.values())
    title = "Where the claims and events are placed"
    axes.set_title(title + (f" ({outside} claims placed farther away)" if outside else ""))
    if near or placed:
        axes.legend(loc="best", fontsize="small")
    return _png(figure)


def _centre(places: Counter[tuple[float, float, str]]) -> tuple[float, float] | None:
    """The median point of the claims' places, each counted as often as it is claimed."""
    if not places:
        return None
    lats = sorted(lat for (lat, _, _), n in places.items() for _ in range(n))
    lons = sorted(lon for (_, lon, _), n in places.items() for _ in range(n))
    return lats[len(lats) // 2], lons[len(lons) // 2]


def _near(lat: float, lon: float, centre: tuple[float, float] | None, span: float = 8) -> bool:
    return centre is None or (abs(lat - centre[0]) <= span and abs(lon - centre[1]) <= span)


def _label(axes: Any, places: Counter[tuple[float, float, str]]) -> None:
    """Name the most claimed places, skipping one that would overlap a name already written."""
    written: list[tuple[float, float]] = []
    for (lat, lon, name), _count in places.most_common(12):
        if any(abs(lat - a) < 0.15 and abs(lon - b) < 0.6 for a, b in written):
            continue
        written.append((lat, lon))
        axes.annotate(name.strip("()"), (lon, lat), fontsize=8, xytext=(4, 4),
                      textcoords="offset points")
