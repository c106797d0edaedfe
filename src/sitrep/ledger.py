"""The claims ledger: per side, what it says it inflicted, what it admits losing, and what
neutral sources report it lost — per day or in total, with the claims behind every figure.

`ledger(events, by)` reads reconciled events (`readout.events` rows, each claim with its
`claimant_side` and `quantities`). Within one event a side's repeated figure (a leader's post
quoted by three outlets) counts once — its largest — and figures from different events are
added up. Running totals ("since 27 September") are never added to daily figures: each
claimant's latest total is shown apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sitrep.reconcile import NEUTRAL

INFLICTED = "claims_inflicted"
ADMITTED = "admits_lost"
NEUTRAL_REPORTS = "neutral_reports"
_ASSERTING = {"asserted", "hedged", "alleged"}


@dataclass
class Figure:
    """One line of the ledger: a side, what kind of figure, what was lost, when, how many."""

    side: str
    kind: str
    what: str
    day: str
    low: int | None = 0
    best: int | None = 0
    high: int | None = 0
    cumulative: bool = False
    uncounted: int = 0  # mentions with no number ("destroyed tanks")
    claims: list[str] = field(default_factory=list)

    def add(self, quantity: dict[str, Any], reference: str) -> None:
        self.claims.append(reference)
        if quantity["best"] is None:
            self.uncounted += 1
            return
        self.best = (self.best or 0) + quantity["best"]
        self.low = None if self.low is None or quantity["low"] is None else (
            self.low + quantity["low"])
        self.high = None if self.high is None or quantity["high"] is None else (
            self.high + quantity["high"])


def ledger(events: list[dict[str, Any]], by: str = "total") -> list[Figure]:
    """Figures per side, kind, what and day (`by="day"`) or in total (`by="total"`)."""
    chosen: dict[tuple[str, str, str, str, str | None], tuple[dict[str, Any], str, str]] = {}
    totals: dict[tuple[str, str, str, str], tuple[dict[str, Any], str, str]] = {}
    for event in events:
        for claim in event["claims"]:
            if claim["polarity"] not in _ASSERTING:
                continue
            for quantity in claim["quantities"]:
                placed = _place(claim["claimant_side"], quantity["side_losing"])
                if placed is None:
                    continue
                side, kind = placed
                day = _day(claim, event)
                reference = (f"{claim['claimant']}: {quantity['evidence']!r} "
                             f"({claim['document_path']}, claim {claim['seq']})")
                if quantity["cumulative"]:
                    key = (side, kind, quantity["what"], claim["claimant"])
                    if key not in totals or (day, quantity["best"] or 0) >= (
                            totals[key][1], totals[key][0]["best"] or 0):
                        totals[key] = (quantity, day, reference)
                    continue
                once = (event["id"], side, kind, quantity["what"], claim["claimant_side"])
                if once not in chosen or (quantity["best"] or 0) > (
                        chosen[once][0]["best"] or 0):
                    chosen[once] = (quantity, day, reference)
    figures: dict[tuple[str, str, str, str, bool], Figure] = {}
    for (_, side, kind, what, _), (quantity, day, reference) in chosen.items():
        when = day if by == "day" else "total"
        key = (side, kind, what, when, False)
        figures.setdefault(key, Figure(side, kind, what, when)).add(quantity, reference)
    for (side, kind, what, _), (quantity, day, reference) in totals.items():
        key = (side, kind, what, f"running total to {day}", True)
        figure = figures.setdefault(key, Figure(side, kind, what, f"running total to {day}",
                                                cumulative=True))
        figure.add(quantity, reference)
    return sorted(figures.values(), key=lambda f: (f.side, f.kind, f.day, f.what))


def _day(claim: dict[str, Any], event: dict[str, Any]) -> str:
    """The day a figure is for; a period's figure ("since 27 September") is for its end."""
    if claim.get("date_precision") == "range" and claim.get("date_end"):
        return str(claim["date_end"])
    return str(claim.get("date") or event.get("date") or claim.get("published") or "?")


def _place(claimant_side: str | None, losing: str | None) -> tuple[str, str] | None:
    """(the side the figure is about, which column) for a claimant's count."""
    if losing is None:
        return None
    if claimant_side in (None, NEUTRAL):
        return losing, NEUTRAL_REPORTS
    if losing == claimant_side:
        return claimant_side, ADMITTED
    return claimant_side, INFLICTED
