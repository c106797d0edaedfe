"""The situation report: a neutral SITREP in Markdown or HTML, from the store's records only.

Headline figures per side (claimed by the other side, admitted, given by neutral sources),
events with each side's version side by side, contested claims, a timeline and a map (PNG
made with matplotlib), and every statement with its speaker, role, channel and document.
"""

from __future__ import annotations

import base64
import sqlite3
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from sitrep import readout
from sitrep.errors import SitrepError
from sitrep.readout import NEUTRAL, Filters, side_of

_CONTESTED = ("contested", "numbers_differ")
_STANCES = ("claimed", "admitted", "neutral")


@dataclass
class Report:
    """Everything the report shows, gathered once and rendered as Markdown or HTML."""

    filters: Filters
    generated: str
    events: list[dict[str, Any]]
    claims: list[dict[str, Any]]
    statements: list[dict[str, Any]]
    figures: list[dict[str, Any]]
    unattributed: list[dict[str, Any]]
    denials: list[dict[str, Any]]
    sides: list[str]
    charts: dict[str, bytes] = field(default_factory=dict)

    @property
    def contested(self) -> list[dict[str, Any]]:
        return [e for e in self.events if e["status"] in _CONTESTED]


def build(
    conn: sqlite3.Connection, filters: Filters | None = None,
    progress: Callable[[str], None] | None = None,
) -> Report:
    """Gather the report's records and draw its charts; `progress` hears each step's name."""
    chosen = filters or Filters()
    tell = progress or (lambda _step: None)
    tell("reading events")
    events = readout.events(conn, chosen)
    tell("reading claims and statements")
    claims = readout.claims(conn, chosen)
    statements = readout.statements(conn, chosen)
    sides_of = readout.conflict_sides(claims, chosen.conflict)
    for claim in claims:
        claim["side"] = side_of(claim, sides_of)
    for event in events:
        for claim in event["claims"]:
            claim["side"] = side_of(claim, sides_of)
        event["versions"] = _versions(event["claims"])
    report = Report(
        filters=chosen, generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        events=events, claims=claims, statements=statements,
        figures=headline_figures(claims, sides_of),
        unattributed=_unattributed(claims),
        denials=_denials(claims),
        sides=sorted({c["side"] for c in claims} - {NEUTRAL}) + [NEUTRAL],
    )
    tell("drawing the timeline and the map")
    from sitrep import charts

    report.charts = {"timeline": charts.timeline(claims, events),
                     "map": charts.event_map(claims, events)}
    return report


def _denials(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Denied claims, one per denied action in a sentence (its several targets are one denial)."""
    seen: set[tuple[str, int, str]] = set()
    found = []
    for claim in claims:
        key = (claim["document_id"], claim["start"], claim["action"])
        if claim["polarity"] == "denied" and key not in seen:
            seen.add(key)
            found.append(claim)
    return found


def _versions(claims: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    versions: dict[str, list[dict[str, Any]]] = {}
    for claim in claims:
        versions.setdefault(claim["side"], []).append(claim)
    return dict(sorted(versions.items(), key=lambda item: (item[0] == NEUTRAL, item[0])))


def headline_figures(
    claims: list[dict[str, Any]], sides_of: dict[str, str]
) -> list[dict[str, Any]]:
    """Per kind of loss and losing side: the highest figure claimed by the other side, admitted
    by the losing side itself, and given by neutral sources, with who gave it."""
    table: dict[tuple[str, str], dict[str, Any]] = {}
    for claim in claims:
        for quantity in claim["quantities"]:
            figure = _figure_of(quantity)
            if figure is None or not quantity["side_losing"]:
                continue
            losing = sides_of.get(quantity["side_losing"], quantity["side_losing"])
            stance = ("neutral" if claim["side"] == NEUTRAL
                      else "admitted" if claim["side"] == losing else "claimed")
            row = table.setdefault((quantity["what"], losing), {
                "what": quantity["what"], "side_losing": losing,
                **{s: None for s in _STANCES}})
            if row[stance] is None or figure > row[stance]["figure"]:
                row[stance] = {"figure": figure, "claimant": claim["claimant"],
                               "date": claim["date"] or claim["published"],
                               "cumulative": quantity["cumulative"],
                               "evidence": quantity["evidence"]}
    return [table[key] for key in sorted(table)]


def _figure_of(quantity: dict[str, Any]) -> int | None:
    return quantity["best"] if quantity["best"] is not None else quantity["low"]


def _unattributed(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Numbers whose losing side the words do not say: listed as given, never split by side."""
    return [{"what": q["what"], "figure": _figure_of(q), "claimant": c["claimant"],
             "side": c["side"], "date": c["date"] or c["published"],
             "cumulative": q["cumulative"]}
            for c in claims for q in c["quantities"]
            if not q["side_losing"] and _figure_of(q) is not None]


def render(report: Report, fmt: str, image_prefix: str | None = None) -> str:
    """The report as `md` or `html`. HTML embeds its charts; Markdown links to PNG files named
    `<image_prefix>-timeline.png` and `-map.png` (written by `write`), or shows none."""
    if fmt not in ("md", "html"):
        raise SitrepError(f"unknown report format {fmt!r}; choose md or html")
    environment = jinja2.Environment(
        loader=jinja2.FunctionLoader(_template), autoescape=fmt == "html",
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    environment.filters.update(cell=_cell, short=_short, link=_link, figure=_figure,
                               filename=lambda path: Path(path).name)
    charts = {name: base64.b64encode(png).decode("ascii") for name, png in report.charts.items()}
    return environment.get_template(f"report.{fmt}").render(
        r=report, counts=_counts(report), charts=charts, image_prefix=image_prefix)


def write(report: Report, fmt: str, out: Path | None) -> str | None:
    """Write the report to `out` (with the Markdown's PNGs beside it); without `out`, return
    the text for the caller to print."""
    if out is None:
        return render(report, fmt)
    try:
        if fmt == "md":
            for name, png in report.charts.items():
                out.with_name(f"{out.stem}-{name}.png").write_bytes(png)
        out.write_text(render(report, fmt, out.stem), encoding="utf-8")
    except OSError as exc:
        raise SitrepError(f"{out}: cannot write the report ({exc.strerror})") from None
    return None


def _template(name: str) -> str:
    return resources.files("sitrep").joinpath("data", "templates", name).read_text("utf-8")


def _counts(report: Report) -> dict[str, int]:
    return {
        "documents": len({c["document_id"] for c in report.claims}
                         | {s["document_id"] for s in report.statements}),
        "statements": len(report.statements), "claims": len(report.claims),
        "events": len(report.events), "contested": len(report.contested),
        "denials": len(report.denials),
        **{f"side_{side}": n for side, n in Counter(c["side"] for c in report.claims).items()},
    }


def _cell(text: str | None) -> str:
    """Text made safe for one Markdown table cell."""
    return " ".join((text or "").split()).replace("|", "\\|")


def _short(text: str | None, limit: int = 160) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _link(record: dict[str, Any]) -> str:
    """Where a reader finds the document: its URL, else its file."""
    return record.get("url") or record["document_path"]


def _figure(entry: dict[str, Any] | None) -> str:
    if entry is None:
        return "–"
    running = " since the start" if entry["cumulative"] else ""
    return f"{entry['figure']}{running} ({entry['claimant']}, {entry['date'] or 'undated'})"
