"""Ingest: bytes from files, directories, feeds or stdin become `Document` records.

`read(paths, settings)` yields one `Document` per document found, or an `InputFailure`
naming the file and the problem; a bad file never stops the batch.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import dateparser
import feedparser
import trafilatura
from charset_normalizer import from_bytes
from lxml import html as lxml_html

from sitrep import language
from sitrep.errors import InputError
from sitrep.records import Document, InputFailure
from sitrep.settings import Settings

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
SIDECAR_SUFFIX = ".meta.json"
KINDS = {"statement", "news", "press_release", "social"}
STDIN = "-"
# Notes that describe a folder rather than belong to it; skipped when a folder is walked.
FOLDER_NOTES = {"README", "LICENSE", "LICENCE", "CHANGELOG", "SOURCE"}


@dataclass(frozen=True)
class _Meta:
    """Metadata found beside or inside an input, before it becomes a Document."""

    url: str | None = None
    title: str | None = None
    date: str | None = None
    language: str | None = None
    kind: str | None = None


def read(
    paths: Iterable[str], settings: Settings, published: str | None = None
) -> Iterator[Document | InputFailure]:
    """Every document in `paths` (files, directories searched recursively, or "-" for stdin)."""
    for path in expand(paths):
        try:
            raw = _read_bytes(path, settings)
        except InputError as exc:
            yield InputFailure(exc.path, exc.problem)
            continue
        yield from from_content(path, raw, published)


def from_content(
    path: str, raw: bytes, published: str | None = None
) -> Iterator[Document | InputFailure]:
    """The documents in `raw`, the content of `path` (a file name or a URL, whose suffix or
    content tells its kind), or a failure naming `path` and the problem."""
    try:
        yield from _read_one(path, raw, published)
    except InputError as exc:
        yield InputFailure(exc.path, exc.problem)


def expand(paths: Iterable[str]) -> Iterator[str]:
    """The input files `paths` name: files as given, folders walked lazily in sorted order
    (sidecars, hidden files, folder notes and unknown suffixes left out)."""
    for given in paths:
        if given == STDIN:
            yield STDIN
            continue
        path = Path(given)
        if path.is_dir():
            for child in _walk(path):
                if child.name.endswith(SIDECAR_SUFFIX) or child.name.startswith("."):
                    continue
                if child.stem.upper() in FOLDER_NOTES:
                    continue
                if child.suffix.lower() in KNOWN_SUFFIXES or child.suffix == "":
                    yield str(child)
            continue
        yield given


def _walk(folder: Path) -> Iterator[Path]:
    """Files under `folder` in sorted path order, one directory listing in memory at a time."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path))
        elif entry.is_file():
            yield Path(entry.path)


def _read_one(
    path: str, raw: bytes, published: str | None
) -> Iterator[Document | InputFailure]:
    if path.endswith(SIDECAR_SUFFIX):
        raise InputError(path, "is a metadata sidecar (*.meta.json), not a document")
    suffix = "" if path == STDIN else Path(path).suffix.lower()
    kind = _kind_of(suffix, raw)
    sidecar = _sidecar(path)
    if kind == "json":
        docs = _from_json(path, raw, sidecar)
    elif kind == "jsonl":
        docs = _from_jsonl(path, raw, sidecar)
    elif kind == "feed":
        docs = _from_feed(path, raw, sidecar)
    elif kind == "html":
        docs = [_from_html(path, raw, sidecar)]
    else:
        docs = [_from_text(path, raw, sidecar)]
    for doc in docs:
        if published and isinstance(doc, Document):
            yield _with_published(doc, published)
        else:
            yield doc


def _read_bytes(path: str, settings: Settings) -> bytes:
    if path == STDIN:
        data = sys.stdin.buffer.read(settings.max_bytes + 1)
    else:
        file = Path(path)
        if not file.exists():
            raise InputError(path, "no such file or directory")
        try:
            size = file.stat().st_size
            if size > settings.max_bytes:
                raise InputError(
                    path,
                    f"file is {size / 1e6:.1f} MB, over the {settings.max_bytes / 1e6:.0f} MB "
                    "limit (setting max_bytes); split it or raise the limit",
                )
            data = file.read_bytes()
        except PermissionError:
            raise InputError(path, "permission denied: cannot read the file") from None
        except IsADirectoryError:
            raise InputError(path, "is a directory") from None
        except OSError as exc:
            raise InputError(path, f"cannot read the file ({exc.strerror})") from None
    if len(data) > settings.max_bytes:
        raise InputError(path, f"input is over the {settings.max_bytes} byte limit (max_bytes)")
    if not data.strip():
        raise InputError(path, "file is empty")
    return data


def _kind_of(suffix: str, raw: bytes) -> str:
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in FEED_SUFFIXES:
        return "feed"
    if suffix in TEXT_SUFFIXES:
        return "text"
    head = raw.lstrip()[:512].lower()
    if head.startswith((b"{", b"[")):
        return "jsonl" if b"\n{" in raw.strip() and not head.startswith(b"[") else "json"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "html"
    return "text"


def decode(path: str, raw: bytes) -> tuple[str, str]:
    """Text and encoding name of `raw`; refuses binary data and corrupt UTF-8."""
    if b"\x00" in raw[:8192]:
        raise InputError(path, "binary file (contains NUL bytes), not text")
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if _looks_like_utf8(body):
        raise InputError(
            path,
            f"invalid UTF-8 at byte {first_bad} in a file that is otherwise UTF-8; "
            "repair or re-save it as UTF-8",
        )
    best = from_bytes(body).best()
    if best is None or best.encoding is None:
        raise InputError(path, "binary or unknown encoding: not readable as text")
    text = str(best)
    if _control_ratio(text) > 0.05:
        raise InputError(path, f"binary data, not text (decoded as {best.encoding})")
    return text, best.encoding


def _looks_like_utf8(raw: bytes) -> bool:
    """True when the bytes hold valid multi-byte UTF-8 sequences beside invalid ones."""
    valid = len(re.findall(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}", raw))
    return valid >= 2


def _control_ratio(text: str) -> float:
    sample = text[:8192]
    controls = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    return controls / max(len(sample), 1)


def normalise(text: str) -> str:
    """NFC, Unix newlines, no trailing spaces; keeps non-breaking spaces and quote marks."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\ufeff", "")
    lines = [line.rstrip(" \t") for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


def _sidecar(path: str) -> _Meta:
    if path == STDIN:
        return _Meta()
    file = Path(path)
    meta_path = file.with_name(file.stem + SIDECAR_SUFFIX)
    if not meta_path.exists():
        return _Meta()
    try:
        data = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(meta_path), f"sidecar is not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise InputError(str(meta_path), "sidecar must be a JSON object")
    return _meta_from(data, str(meta_path))


def _meta_from(data: dict[str, Any], where: str) -> _Meta:
    kind = data.get("kind")
    if kind is not None and (not isinstance(kind, str) or kind not in KINDS):
        raise InputError(where, f"kind {kind!r} is not one of {', '.join(sorted(KINDS))}")
    day = data.get("date") or data.get("published")
    if day is not None and _iso_precision(str(day)) is None:
        raise InputError(where, f"date {day!r} is not an ISO date (YYYY-MM-DD or YYYY-MM)")
    return _Meta(
        url=_str_or_none(data.get("url")),
        title=_str_or_none(data.get("title")),
        date=str(day)[:10] if day else None,
        language=_str_or_none(data.get("language")),
        kind=kind,
    )


def _str_or_none(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None


def _merge(inner: _Meta, outer: _Meta) -> _Meta:
    """Sidecar metadata (`outer`) wins over metadata found inside the file."""
    return _Meta(
        **{k: getattr(outer, k) or getattr(inner, k) for k in _Meta.__dataclass_fields__}
    )


def _from_text(path: str, raw: bytes, sidecar: _Meta) -> Document:
    text, encoding = decode(path, raw)
    return _document(path, raw, normalise(text), sidecar, encoding)


def _from_html(path: str, raw: bytes, sidecar: _Meta) -> Document:
    markup, encoding = decode(path, raw)
    if "<" not in markup:
        raise InputError(path, "not HTML: no markup found")
    try:
        found = trafilatura.bare_extraction(
            markup, with_metadata=True, include_comments=False, include_tables=True
        )
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise InputError(path, f"malformed HTML ({type(exc).__name__}: {exc})") from None
    if found is None or not (found.text or "").strip():
        raise InputError(path, "no main text found in the HTML")
    inner = _Meta(url=found.url, title=found.title, date=found.date, language=found.language)
    text = normalise("\n\n".join(p for p in found.text.split("\n") if p.strip()))
    return _document(path, raw, text, _merge(inner, sidecar), encoding, title_in_text=False)


def _from_json(path: str, raw: bytes, sidecar: _Meta) -> list[Document | InputFailure]:
    content, encoding = decode(path, raw)
    try:
        data = json.loads(content)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"malformed JSON: {exc.msg} at line {exc.lineno}") from None
    items = data if isinstance(data, list) else [data]
    many = isinstance(data, list)
    docs: list[Document | InputFailure] = []
    for number, item in enumerate(items, start=1):
        where = f"{path}#{number}" if many else path
        item_raw = json.dumps(item, ensure_ascii=False).encode("utf-8") if many else raw
        try:
            docs.append(_from_record(where, item_raw, item, sidecar, encoding))
        except InputError as exc:
            docs.append(InputFailure(exc.path, exc.problem))
    if not docs:
        raise InputError(path, "JSON array holds no documents")
    return docs


def _from_jsonl(path: str, raw: bytes, sidecar: _Meta) -> list[Document | InputFailure]:
    content, encoding = decode(path, raw)
    found: list[Document | InputFailure] = []
    for number, line in enumerate(content.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}#{number}"
        try:
            item = json.loads(line)
            found.append(_from_record(where, line.encode("utf-8"), item, sidecar, encoding))
        except json.JSONDecodeError as exc:
            found.append(InputFailure(where, f"malformed JSON line ({exc.msg})"))
        except InputError as exc:
            found.append(InputFailure(exc.path, exc.problem))
    if not any(isinstance(item, Document) for item in found):
        problems = "; ".join(f.problem for f in found if isinstance(f, InputFailure))
        raise InputError(path, f"no readable JSON lines ({problems or 'empty'})")
    return found


def _from_record(where: str, raw: bytes, item: Any, sidecar: _Meta, encoding: str) -> Document:
    if not isinstance(item, dict):
        kind = type(item).__name__
        raise InputError(where, f"expected a JSON object with a 'text' field, got a {kind}")
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, "JSON object has no non-empty 'text' field")
    inner = _meta_from(item, where)
    return _document(where, raw, normalise(text), _merge(inner, sidecar), encoding)


def _from_feed(path: str, raw: bytes, sidecar: _Meta) -> list[Document | InputFailure]:
    parsed = feedparser.parse(raw)
    if not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None) or "no items"
        raise InputError(path, f"malformed or empty RSS/Atom feed ({reason})")
    docs: list[Document | InputFailure] = []
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{path}#{number}"
        body = _entry_html(entry)
        text = normalise(_html_to_text(body)) if body else ""
        if not text:
            continue
        day = _struct_date(entry.get("published_parsed") or entry.get("updated_parsed"))
        inner = _Meta(url=entry.get("link"), title=entry.get("title"), date=day, kind="news")
        item_raw = json.dumps(dict(entry), default=str, ensure_ascii=False).encode("utf-8")
        docs.append(_document(where, item_raw, text, _merge(inner, sidecar), "utf-8", False))
    if not docs:
        problem = f"malformed or empty RSS/Atom feed ({parsed.bozo_exception})" if parsed.bozo \
            else "feed items hold no text"
        raise InputError(path, problem)
    return docs


def _entry_html(entry: Any) -> str:
    contents = entry.get("content") or []
    if contents:
        return str(contents[0].get("value", ""))
    return str(entry.get("summary") or entry.get("description") or "")


def _html_to_text(fragment: str) -> str:
    if "<" not in fragment:
        return fragment
    tree = lxml_html.fragment_fromstring(fragment, create_parent="div")
    for br in tree.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in tree.iter("p", "div", "li", "h1", "h2", "h3", "blockquote"):
        block.tail = "\n\n" + (block.tail or "")
    return re.sub(r"\n{3,}", "\n\n", tree.text_content())


def _struct_date(value: Any) -> str | None:
    if not value:
        return None
    return date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()


def _document(
    path: str,
    raw: bytes,
    text: str,
    meta: _Meta,
    encoding: str,
    title_in_text: bool = True,
) -> Document:
    if not text.strip():
        raise InputError(path, "no text after decoding")
    title = meta.title
    body = text
    if title is None and title_in_text:
        title, body = _title_line(text)
    lang = meta.language or language.identify(body) or "und"
    title_lang = (language.identify(title) or lang) if title else None
    published, precision, source = _published(meta, text, lang)
    return Document(
        id=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        uri=meta.url or _file_uri(path),
        path=path,
        text=text,
        raw=raw,
        title=title,
        title_language=title_lang,
        language=lang,
        published=published,
        published_precision=precision,
        published_source=source,
        kind=meta.kind or "news",
        url=meta.url,
        encoding=encoding,
    )


def _file_uri(path: str) -> str:
    if path == STDIN:
        return "stdin:"
    file, _, fragment = path.partition("#")
    return Path(file).resolve().as_uri() + (f"#{fragment}" if fragment else "")


def _title_line(text: str) -> tuple[str | None, str]:
    """A short first line set off by a blank line is the title; the body is the rest."""
    first, sep, rest = text.partition("\n")
    line = first.strip(" \u00a0#*")
    if sep and rest.startswith("\n") and 0 < len(line) <= 160 and not line.endswith((".", ":")):
        return line, rest
    return None, text


def _iso_precision(value: str) -> str | None:
    """"day" or "month" for a valid ISO date or month, else None."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}([T ].*)?", value):
            date.fromisoformat(value[:10])
            return "day"
        if re.fullmatch(r"\d{4}-\d{2}", value):
            date.fromisoformat(value + "-01")
            return "month"
    except ValueError:
        return None
    return None


def _published(meta: _Meta, text: str, lang: str) -> tuple[str | None, str, str | None]:
    if meta.date:
        return meta.date[:10], _iso_precision(meta.date) or "day", "metadata"
    found = dateline(text, lang)
    if found:
        return found, "day", "dateline"
    return None, "unknown", None


_MONTHS = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
    r"|(?:ledna|února|března|dubna|května|června|července|srpna|září|října|listopadu|prosince)"
    r"|(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)"
)
_DATELINE = re.compile(
    r"^[ \t\u00a0]*(?P<place>[A-ZÁ-Ž][A-ZÁ-Ža-zá-ž.'’/ \-]{1,40}?),?[ \t\u00a0]+"
    r"(?:[A-Z][a-z]+,[ \t\u00a0]+)?"
    r"(?P<date>(?:\d{1,2}\.?[ \t\u00a0]+(?:" + _MONTHS + r")"
    r"|(?:" + _MONTHS + r")[ \t\u00a0]+\d{1,2})"
    r"(?:,?[ \t\u00a0]+(?P<year>\d{4}))?)",
    re.IGNORECASE | re.MULTILINE,
)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


def dateline(text: str, lang: str = "en") -> str | None:
    """The ISO date of a dateline ("BAKU, Azerbaijan, Sept. 27, 2020 –") near the top of `text`.

    A dateline without a year takes the year the text mentions most often; with none, None.
    """
    head = text[:400]
    match = _DATELINE.search(head)
    if not match:
        return None
    year = match.group("year")
    if not year:
        years = Counter(_YEAR.findall(text))
        if not years:
            return None
        year = years.most_common(1)[0][0]
    expression = re.sub(r"\d{4}$", "", match.group("date")).strip(" ,")
    languages = [lang] if lang in {"en", "cs", "fr"} else ["en", "cs", "fr"]
    parsed = dateparser.parse(
        f"{expression} {year}", languages=languages, settings={"PREFER_DAY_OF_MONTH": "first"}
    )
    return parsed.date().isoformat() if isinstance(parsed, datetime) else None


def _with_published(doc: Document, published: str) -> Document:
    precision = _iso_precision(published)
    if precision is None:
        raise InputError(doc.path, f"--published {published!r} is not YYYY-MM-DD or YYYY-MM")
    return replace(doc, published=published[:10], published_precision=precision,
                   published_source="command line")


def from_text(
    text: str,
    path: str = "<text>",
    language: str | None = None,
    title: str | None = None,
    published: str | None = None,
    kind: str = "news",
) -> Document:
    """A Document made from a string already in memory (for library users and evaluation)."""
    meta = _Meta(title=title, date=published, language=language, kind=kind)
    return _document(path, text.encode("utf-8"), normalise(text), meta, "utf-8", title is None)
