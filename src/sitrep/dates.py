"""Dates: every time expression in a document, resolved against its publication date.

`load()` reads data/dates.yaml once; `extract(document, lexicon, statements)` returns the
expressions in text order as `Date` records ("yesterday" → the day before publication; "last
month" → that month, from its first to its last day; "since 27 September" → a range up to
publication; "27. září 2020" → that day). Inside a quoted statement, relative expressions are
read against the statement's own date when it gives one ("On 27 September 2020, …"), else the
day the headline names ("včera"), else the publication date. `for_claim(claim, dates,
document)` picks the date a claim is about.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from importlib import resources
from typing import Any

import dateparser
import yaml

from sitrep.errors import LexiconError
from sitrep.nlp import title_span
from sitrep.records import Claim, Date, Document

_DAY = r"\d{1,2}(?:\.|st|nd|rd|th)?"
_YEAR = r"(?:,?\s+\d{4})?"
# "in 2000 soldiers": a number of things, not a year (a plural noun follows)
_NOT_A_COUNT = r"(?!\s+(?!(?:was|has|is|as|its|this|thus|his|us|plus)\b)[a-z]+s\b)"
_FUTURE_WINDOW = 80  # characters before an expression searched for a future cue
# the words around a weekday or a day that dateparser does not need ("on", "last", "dernier")
_BARE = re.compile(r"^(?:on|last|next|this|v|minulou|příští)\s+|\s+(?:dernier|prochain)$",
                   re.IGNORECASE)


@dataclass(frozen=True)
class _Language:
    same_day: re.Pattern[str]
    day_before: re.Pattern[str]
    relative: re.Pattern[str]
    explicit: re.Pattern[str]
    since: re.Pattern[str]
    periods: tuple[tuple[re.Pattern[str], str, int], ...]
    quarter: re.Pattern[str]
    ordinals: dict[str, int]
    month_year: re.Pattern[str]
    month: re.Pattern[str]
    months: dict[str, int]
    year: re.Pattern[str]
    future: re.Pattern[str]
    war: re.Pattern[str]
    shifts: dict[str, int]
    capitalised: bool
    named_day: re.Pattern[str]
    weekdays: dict[str, int]


@dataclass(frozen=True)
class DateLexicon:
    version: str
    languages: dict[str, _Language]
    wars: tuple[tuple[date, tuple[str, ...]], ...]


def load() -> DateLexicon:
    """The bundled time expressions."""
    text = resources.files("sitrep").joinpath("data/dates.yaml").read_text("utf-8")
    try:
        data: dict[str, Any] = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise LexiconError(f"dates.yaml: invalid YAML ({exc})") from None
    wars = tuple((date.fromisoformat(str(w["start"])), tuple(n.casefold() for n in w["names"]))
                 for w in data.get("wars", []))
    return DateLexicon(
        str(data["version"]),
        {lang: _compile(words) for lang, words in data["languages"].items()},
        wars,
    )


def _words(items: list[str]) -> str:
    return "|".join(sorted(items, key=len, reverse=True))


def _compile(words: dict[str, Any]) -> _Language:
    months = words["months"]
    explicit = (rf"(?:{_DAY}\s+(?:{months})\.?{_YEAR}|(?:{months})\.?\s+\d{{1,2}}"
                rf"(?:st|nd|rd|th)?(?!\d){_YEAR}|\d{{4}}-\d{{2}}-\d{{2}})")
    flags = re.IGNORECASE
    forms = {form.casefold(): number for number, names in enumerate(words["month_names"], 1)
             for form in names}
    month_names = _words(list(forms))
    ordinals = {k.casefold(): int(v) for k, v in words["ordinals"].items()}
    shifts = {word.casefold(): shift for shift, key in ((-1, "last"), (0, "this"), (1, "next"))
              for word in words["relations"][key]}
    relation = _words(list(shifts))
    return _Language(
        same_day=re.compile(rf"\b(?:{_words(words['same_day'])})\b", flags),
        day_before=re.compile(rf"\b(?:{_words(words['day_before'])})\b", flags),
        relative=re.compile(rf"\b(?:{_words(words['relative'])})\b", flags),
        explicit=re.compile(rf"(?<![\w-])(?:{explicit})(?![\w-])", flags),
        since=re.compile(rf"\b(?:{_words(words['since'])})\s+(?:the\s+)?$", flags),
        periods=tuple((re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", flags), unit,
                       int(offset)) for pattern, unit, offset in words["periods"]),
        quarter=re.compile(words["quarter"].replace("ORDINAL", _words(list(ordinals)))
                           .replace("RELATION", relation), flags),
        ordinals=ordinals,
        month_year=re.compile(rf"(?<![\w-])(?P<month>{month_names})\.?,?\s+(?P<year>(?:19|20)"
                              rf"\d{{2}})(?![\w-])", flags),
        month=re.compile(rf"(?<![\w-])(?P<cue>(?:{words['month_cue']})[\s-]+)?(?P<what>"
                         rf"(?:(?P<rel>{relation})\s+)?(?P<month>{month_names}))(?![\w-])",
                         flags),
        months=forms,
        year=re.compile(rf"(?<![\w-])(?:{words['year_cue']})[\s-]+(?P<what>(?:(?:early|late|"
                        r"mid)[\s-]+)?(?P<year>(?:19|20)\d{2}))(?![\w%-]|[.,]\d)" + _NOT_A_COUNT,
                        flags),
        future=re.compile(rf"\b(?:{_words(words['future'])})\b[^.;!?\n]*$", flags),
        war=re.compile(words["war"], flags),
        shifts=shifts,
        capitalised=bool(words.get("capitalised_months")),
        named_day=re.compile(rf"\b(?:{_words(words.get('named_days') or ['(?!)'])})\s+$"),
        weekdays={form.casefold(): number for number, forms in enumerate(words["weekdays"])
                  for form in forms},
    )


def extract(
    document: Document, lexicon: DateLexicon, statements: Sequence[tuple[int, int]] = ()
) -> list[Date]:
    """Every time expression in the document's text, resolved where its date is known; a
    title in another language is read with that language's words ("včera" over English).
    `statements` are the [start, end) spans of quoted statements: relative expressions in
    each are read against the statement's own date (see `statement_days`)."""
    base = _base(document)
    title_end = title_span(document)
    code = document.language
    found: list[Date] = []
    if title_end:
        found += _expressions(document, lexicon, document.title_language or code, base, 0,
                              title_end)
    found += _expressions(document, lexicon, code, base, title_end, len(document.text))
    for (start, end), day in statement_days(document, found, statements).items():
        if base is not None and day.value != base.date().isoformat() and start >= title_end:
            found = [d for d in found if not start <= d.start < end] + _expressions(
                document, lexicon, code, datetime.fromisoformat(day.value or ""), start, end)
    return sorted(found, key=lambda d: d.start)


def _first_day(found: list[Date], base: datetime | None, explicit_only: bool) -> datetime | None:
    """The first day-precision date among `found` on or before publication (only written
    dates when `explicit_only`: "On 27 September 2020", not "this morning")."""
    for item in found:
        if item.precision != "day" or not item.value:
            continue
        if explicit_only and not re.search(r"\d", item.expression):
            continue
        day = datetime.fromisoformat(item.value)
        if base is None or day <= base:
            return day
    return None


def _expressions(
    document: Document, lexicon: DateLexicon, code: str, base: datetime | None, start: int,
    end: int,
) -> list[Date]:
    language = lexicon.languages.get(code) or lexicon.languages["en"]
    text = document.text
    found: list[Date] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return not any(a < e and s < b for s, e in taken)

    for match in language.war.finditer(text, start, end):
        taken.append(match.span())
        found.append(_war(match, document, lexicon, base))
    for match in language.explicit.finditer(text, start, end):
        if free(*match.span()):
            taken.append(match.span())
            found.append(_resolve(match, "explicit", document, language, code, base))
    for pattern, resolver in ((language.quarter, _quarter), (language.month_year, _month_year),
                              (language.month, _month), (language.year, _year)):
        for match in pattern.finditer(text, start, end):
            group = "what" if "what" in match.re.groupindex else 0
            span = match.span(group)
            if free(*span) and (item := resolver(match, language, base, text)) is not None:
                taken.append(span)
                found.append(_since(item, language, document, base))
    for regex, unit, offset in language.periods:
        for match in regex.finditer(text, start, end):
            if free(*match.span()) and base is not None:
                taken.append(match.span())
                first, last = _period(base.date(), unit, offset)
                found.append(_since(Date(match.group(0), match.start(), match.end(),
                                         first.isoformat(), last.isoformat(), unit),
                                    language, document, base))
    for kind, pattern in (("day_before", language.day_before),
                          ("same_day", language.same_day), ("relative", language.relative)):
        for match in pattern.finditer(text, start, end):
            if language.named_day.search(text, max(0, match.start() - 12), match.start()):
                continue  # "Black Monday" names a day in history, not last Monday
            if free(*match.span()):
                taken.append(match.span())
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
        future = _future(document.text, match.start(), language) or bool(
            re.match(r"(?:next|příští)\b|\w+ prochain", expression, re.IGNORECASE))
        value = (_weekday(expression, language, base, future) if kind == "relative" else None
                 ) or _parsed(expression, code, base, kind == "explicit", future)
    if re.search(r"[^\W\d]{5,}\.$", expression):  # "on 2 October." ends a sentence
        expression = expression[:-1]
    item = Date(expression, match.start(), match.start() + len(expression),
                value.isoformat() if value else None, None, "day" if value else None)
    return _since(item, language, document, base)


def _since(item: Date, language: _Language, document: Document, base: datetime | None) -> Date:
    """"since X": a range from X's start up to publication."""
    before = document.text[max(0, item.start - 20) : item.start]
    since = language.since.search(before)
    if item.value is None or not since or base is None:
        return item
    start = item.start - (len(before) - since.start())
    return Date(document.text[start : item.end], start, item.end, item.value,
                base.date().isoformat(), "range")


def _future(text: str, at: int, language: _Language) -> bool:
    """Whether the words just before `at` in its sentence speak of the future ("will
    resume on Friday", "scheduled for 1 October")."""
    return bool(language.future.search(text[max(0, at - _FUTURE_WINDOW) : at]))


def _parsed(
    expression: str, language: str, base: datetime | None, explicit: bool, future: bool
) -> date | None:
    if base is None and not (explicit and re.search(r"\d{4}", expression)):
        return None
    settings: dict[str, Any] = {"PREFER_DATES_FROM": "future" if future else "past"}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    text = _BARE.sub("", expression)
    text = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", text)
    languages = [language] if language in {"en", "cs", "fr"} else None
    parsed = dateparser.parse(text, languages=languages, settings=settings)
    if parsed is None:
        return None
    if explicit and base is not None and not re.search(r"\d{4}", expression):
        return _nearest(parsed.date(), base.date(), future)
    if base is not None and not explicit and abs((base - parsed).days) == 7:
        return base.date()  # "on Tuesday" in Tuesday's news is that very day
    return parsed.date()


def _weekday(expression: str, language: _Language, base: datetime | None,
             future: bool) -> date | None:
    """A weekday ("on Sunday", "v neděli"): the latest such day up to publication, the next
    one from publication on when the words speak of the future (publication's own weekday
    is that day). Computed here: dateparser takes milliseconds for it."""
    number = language.weekdays.get(_BARE.sub("", expression).casefold())
    if number is None or base is None:
        return None
    shift = (number - base.weekday()) % 7 if future else -((base.weekday() - number) % 7)
    return base.date() + timedelta(days=shift)


def _nearest(day: date, base: date, future: bool) -> date:
    """A day written without its year: the latest such day up to publication, unless the
    next one is less than half as far (a paper writes the year of a day long past: "on
    October 25" in mid-October news is ten days ahead, not a year back) or the words speak
    of the future."""
    past = next((d for k in range(9) if (d := _shift_year(day, base.year - k)) and d <= base),
                day)
    ahead = next((d for k in range(9) if (d := _shift_year(day, base.year + k)) and d > base),
                 day)
    if future or (ahead - base).days * 2 < (base - past).days:
        return ahead
    return past


def _shift_year(day: date, year: int) -> date | None:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return None


def _period(day: date, unit: str, offset: int) -> tuple[date, date]:
    """First and last day of the week, month, quarter or year `offset` units from `day`'s."""
    if unit == "week":
        monday = day - timedelta(days=day.weekday()) + timedelta(weeks=offset)
        return monday, monday + timedelta(days=6)
    if unit == "year":
        return date(day.year + offset, 1, 1), date(day.year + offset, 12, 31)
    size = 3 if unit == "quarter" else 1
    index = day.year * 12 + (day.month - 1) // size * size + offset * size
    first = date(index // 12, index % 12 + 1, 1)
    after = index + size
    return first, date(after // 12, after % 12 + 1, 1) - timedelta(days=1)


def _span(match: re.Match[str], group: str | int, first: date, last: date,
          precision: str) -> Date:
    return Date(match.group(group), match.start(group), match.end(group), first.isoformat(),
                last.isoformat(), precision)


def _month_year(match: re.Match[str], language: _Language, base: datetime | None,
                text: str) -> Date | None:
    month = language.months[match.group("month").casefold()]
    if not _written_as_name(match, "month", language):
        return None
    first, last = _period(date(int(match.group("year")), month, 1), "month", 0)
    return _span(match, 0, first, last, "month")


def _month(match: re.Match[str], language: _Language, base: datetime | None,
           text: str) -> Date | None:
    """A month without a day or year ("in March", "last September"): the one nearest
    publication (the next one when the words speak of the future); after "last" the latest
    before publication's month, after "next" the first after it."""
    if base is None or not _written_as_name(match, "month", language) or not (
            match.group("cue") or match.group("rel")):
        return None
    month = language.months[match.group("month").casefold()]
    shift = language.shifts.get((match.group("rel") or "").casefold())
    year = base.year
    if shift is None:
        middle = _nearest(date(base.year, month, 15), base.date(),
                          _future(text, match.start(), language))
        year = middle.year
    elif shift == 1:
        year += month <= base.month
    elif shift == -1:
        year -= month >= base.month
    first, last = _period(date(year, month, 1), "month", 0)
    return _span(match, "what", first, last, "month")


def _written_as_name(match: re.Match[str], group: str, language: _Language) -> bool:
    """Month names of a language that capitalises them are capitalised ("May", not "may")."""
    return not language.capitalised or match.group(group)[:1].isupper()


def _year(match: re.Match[str], language: _Language, base: datetime | None,
          text: str) -> Date | None:
    year = int(match.group("year"))
    return _span(match, "what", date(year, 1, 1), date(year, 12, 31), "year")


def _quarter(match: re.Match[str], language: _Language, base: datetime | None,
             text: str) -> Date | None:
    """"the third quarter (of 2009 / of this year)": that quarter; without a year, the
    latest such quarter up to publication."""
    number = language.ordinals.get(match.group("n").casefold())
    if number is None:
        return None
    written = match.groupdict().get("year") or match.groupdict().get("year2")
    shift = language.shifts.get((match.groupdict().get("rel") or "").casefold())
    if written:
        year = int(written)
    elif base is None:
        return None
    else:
        year = base.year + (shift or 0)
        if shift is None and number > (base.month - 1) // 3 + 1:
            year -= 1
    first = date(year, 3 * number - 2, 1)
    return _span(match, 0, *_period(first, "quarter", 0), "quarter")


def _war(match: re.Match[str], document: Document, lexicon: DateLexicon,
         base: datetime | None) -> Date:
    """"since the beginning of the war": a range from the start of the war the document
    talks about (the one of `wars` in dates.yaml whose names it mentions most, begun before
    publication) up to publication; the start is unknown when no listed war matches."""
    text = document.text.casefold()
    scored = [(sum(text.count(name) for name in names), start)
              for start, names in lexicon.wars if base is None or start <= base.date()]
    best = max(scored, default=(0, None))
    start = best[1] if best[0] else None
    return Date(match.group(0), match.start(), match.end(),
                start.isoformat() if start else None,
                base.date().isoformat() if base else None, "range")


def statement_days(
    document: Document, found: list[Date], statements: Sequence[tuple[int, int]]
) -> dict[tuple[int, int], Date]:
    """The day each quoted statement speaks of: the first written date in it on or before
    publication ("On 27 September 2020, …"), else the day the headline names ("Fighting
    flared up yesterday"). Statements that overlap an earlier one are left out."""
    base = _base(document)
    headline_end = _headline_end(document)
    headline = next((d for d in found if d.start < headline_end and d.precision == "day"
                     and d.value and (base is None or d.value <= base.date().isoformat())),
                    None)
    days: dict[tuple[int, int], Date] = {}
    reached = 0
    for start, end in sorted(statements):
        if start < reached or end <= start:
            continue
        reached = end
        inside = [d for d in found if start <= d.start < end]
        own = _first_day(inside, base, explicit_only=True)
        day = next((d for d in inside if own and d.value == own.date().isoformat()), headline)
        if day is not None:
            days[(start, end)] = day
    return days


def _headline_end(document: Document) -> int:
    """End of the title line when the text opens with the document's title, else 0."""
    first = document.text.partition("\n")[0]
    if document.title and first.strip(" \u00a0#*") == document.title:
        return len(first)
    return title_span(document)


def attach(
    claims: list[Claim], found: list[Date], document: Document,
    statements: Sequence[tuple[int, int]] = (),
) -> list[Claim]:
    """Each claim with its date (see `for_claim`)."""
    days = statement_days(document, found, statements)
    return [replace(c, date=for_claim(c.start, c.end, found, document, _day_of(c, days)))
            for c in claims]


def _day_of(claim: Claim, days: dict[tuple[int, int], Date]) -> Date | None:
    return next((day for (start, end), day in days.items() if start <= claim.start < end),
                None)


def for_claim(
    start: int, end: int, found: list[Date], document: Document, said: Date | None = None
) -> Date | None:
    """The date a claim is about: a resolved expression in its evidence, the nearest to its
    start, leaving out dates after publication (a "scheduled for 1 October" is not when an
    attack happened); else the day of the statement it is in (`said`, see
    `statement_days`); else the publication date (the day a party said it, as ACLED codes
    reports)."""
    published = document.published[:10] if document.published else None
    inside = [d for d in found if start <= d.start < end and d.value
              and (published is None or d.value <= published)]
    if inside:
        return inside[0]
    if said is not None and said.value:
        return Date("(statement date)", start, start, said.value, None, "day")
    if document.published:
        precision = "day" if document.published_precision == "day" else "month"
        return Date("(publication date)", start, start, document.published, None, precision)
    return None
