"""Dates: every time expression in a document, resolved against its publication date.

`load()` reads data/dates.yaml once; `extract(document, lexicon)` returns the expressions in
text order as `Date` records ("yesterday" → the day before publication; "since 27 September"
→ a range up to publication; "27. září 2020" → that day). `for_claim(claim, dates, document)`
picks the date a claim is about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from importlib import resources
from typing import Any

import dateparser
import yaml

from sitrep.errors import LexiconError
from sitrep.nlp import title_span
from sitrep.records import Claim, Date, Document

_DAY = r"\d{1,2}\.?"
_YEAR = r"(?:,?\s+\d{4})?"


@dataclass(frozen=True)
class _Language:
    same_day: re.Pattern[str]
    day_before: re.Pattern[str]
    relative: re.Pattern[str]
    explicit: re.Pattern[str]
    since: re.Pattern[str]


@dataclass(frozen=True)
class DateLexicon:
    version: str
    languages: dict[str, _Language]


def load() -> DateLexicon:
    """The bundled time expressions."""
    text = resources.files("sitrep").joinpath("data/dates.yaml").read_text("utf-8")
    try:
        data: dict[str, Any] = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise LexiconError(f"dates.yaml: invalid YAML ({exc})") from None
    return DateLexicon(
        str(data["version"]),
        {lang: _compile(words) for lang, words in data.items() if lang != "version"},
    )


def _words(items: list[str]) -> str:
    return "|".join(sorted(items, key=len, reverse=True))


def _compile(words: dict[str, Any]) -> _Language:
    months = words["months"]
    explicit = (rf"(?:{_DAY}\s+(?:{months})\.?{_YEAR}|(?:{months})\.?\s+\d{{1,2}}(?!\d){_YEAR}"
                rf"|\d{{4}}-\d{{2}}-\d{{2}})")
    flags = re.IGNORECASE
    return _Language(
        same_day=re.compile(rf"\b(?:{_words(words['same_day'])})\b", flags),
        day_before=re.compile(rf"\b(?:{_words(words['day_before'])})\b", flags),
        relative=re.compile(rf"\b(?:{_words(words['relative'])})\b", flags),
        explicit=re.compile(rf"(?<![\w-])(?:{explicit})(?![\w-])", flags),
        since=re.compile(rf"\b(?:{_words(words['since'])})\s+(?:the\s+)?$", flags),
    )


def extract(document: Document, lexicon: DateLexicon) -> list[Date]:
    """Every time expression in the document's text, resolved where its date is known; a
    title in another language is read with that language's words ("včera" over English)."""
    base = _base(document)
    title_end = title_span(document)
    regions = [(0, title_end, document.title_language or document.language)] if title_end else []
    regions.append((title_end, len(document.text), document.language))
    found: list[Date] = []
    for start, end, code in regions:
        language = lexicon.languages.get(code) or lexicon.languages["en"]
        found += _expressions(document, language, code, base, start, end)
    return sorted(found, key=lambda d: d.start)


def _expressions(
    document: Document, language: _Language, code: str, base: datetime | None, start: int,
    end: int,
) -> list[Date]:
    found: list[Date] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in (("explicit", language.explicit), ("day_before", language.day_before),
                          ("same_day", language.same_day), ("relative", language.relative)):
        for match in pattern.finditer(document.text, start, end):
            if any(match.start() < e and s < match.end() for s, e in taken):
                continue
            taken.append((match.start(), match.end()))
            found.append(_resolve(match, kind, document, language, code, base))
    return found


def _base(document: Document) -> datetime | None:
    if document.published and document.published_precision == "day":
        return datetime.fromisoformat(document.published[:10])
    return None


def _resolve(
    match: re.Match[str], kind: str, document: Document, language: _Language, code: str,
    base: datetime | None,
) -> Date:
    expression = match.group(0)
    if kind == "same_day":
        value = base.date() if base else None
    elif kind == "day_before":
        value = (base - timedelta(days=1)).date() if base else None
    else:
        value = _parsed(expression, code, base, kind == "explicit")
    before = document.text[max(0, match.start() - 20) : match.start()]
    since = language.since.search(before)
    if value is not None and since and base is not None:
        start = match.start() - (len(before) - since.start())
        return Date(document.text[start : match.end()], start, match.end(), value.isoformat(),
                    base.date().isoformat(), "range")
    return Date(expression, match.start(), match.end(),
                value.isoformat() if value else None, None, "day" if value else None)


def _parsed(expression: str, language: str, base: datetime | None, explicit: bool) -> date | None:
    if base is None and not (explicit and re.search(r"\d{4}", expression)):
        return None
    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    text = re.sub(r"^(?:on|last|v|minulou)\s+", "", expression, flags=re.IGNORECASE)
    languages = [language] if language in {"en", "cs", "fr"} else None
    parsed = dateparser.parse(text, languages=languages, settings=settings)
    if parsed is None:
        return None
    if base is not None and not explicit and (base - parsed).days == 7:
        return base.date()  # "on Tuesday" in Tuesday's news is that very day
    return parsed.date()


def attach(claims: list[Claim], found: list[Date], document: Document) -> list[Claim]:
    """Each claim with its date (see `for_claim`)."""
    return [replace(c, date=for_claim(c.start, c.end, found, document)) for c in claims]


def for_claim(start: int, end: int, found: list[Date], document: Document) -> Date | None:
    """The date a claim is about: a resolved expression in its evidence, the nearest to its
    start; else the publication date (the day a party said it, as ACLED codes reports)."""
    inside = [d for d in found if start <= d.start < end and d.value]
    if inside:
        return inside[0]
    if document.published:
        precision = "day" if document.published_precision == "day" else "month"
        return Date("(publication date)", start, start, document.published, None, precision)
    return None
