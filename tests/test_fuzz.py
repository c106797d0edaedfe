"""Fuzzing: random Unicode, huge tokens, deeply nested HTML, broken encodings and random
metadata through reading, extraction and the store. Nothing may raise; every failure is one
line naming the input; every stored span points at its own words. Examples are bounded so
the whole file runs in about a minute."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep import batch, ingest, pipeline, store
from sitrep.records import Document, Extraction, InputFailure
from sitrep.settings import load_settings

FUZZ = settings(max_examples=20, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SUFFIXES = [".txt", ".md", ".html", ".json", ".jsonl", ".xml", ".rss", ""]
# Words that wake the stages up, so that random text reaches claims, dates and places.
WORDS = ["said", "the army", "shelled", "Stepanakert", "yesterday", "«", "»", "“", "”", '"',
         "\n\n", "– Statement by the Ministry of Defence", "20 October 2020", "Baku,", "—"]
UNICODE = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)
MIXED = st.lists(st.one_of(UNICODE, st.sampled_from(WORDS)), max_size=30).map("".join)


def _check(extraction: Extraction) -> None:
    text = extraction.document.text
    for statement in extraction.statements:
        assert 0 <= statement.start <= statement.end <= len(text)
        assert text[statement.start:statement.end] == statement.text
    for claim in extraction.claims:
        assert 0 <= claim.start <= claim.end <= len(text)
        assert text[claim.start:claim.end] == claim.evidence
    for place in extraction.places:
        assert text[place.start:place.end] == place.name
    for day in extraction.dates:
        assert text[day.start:day.end] == day.expression


def _read(name: str, raw: bytes) -> list[Document | InputFailure]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(raw)
        found = list(ingest.read([str(path)], load_settings(environ={})))
    for item in found:
        if isinstance(item, InputFailure):
            assert "\n" not in str(item) and str(item).startswith(str(path))
    return found


@pytest.mark.slow
@settings(FUZZ, max_examples=12)
@given(text=MIXED, language=st.sampled_from(["en", "cs", "fr", "de", None]))
def test_extract_never_raises_and_spans_point_at_their_words(resources, text, language):
    if not text.strip():
        return
    document = ingest.from_text(text, language=language, published="2020-10-20")
    _check(pipeline.extract(document, resources))


@pytest.mark.slow
@settings(FUZZ, max_examples=4)
@given(token=st.text(st.characters(exclude_categories=("Cs", "Z", "C")), min_size=1,
                     max_size=3), repeat=st.integers(1_000, 8_000))
def test_huge_tokens(resources, token, repeat):
    document = ingest.from_text(f"The army said {token * repeat} was shelled.", language="en")
    _check(pipeline.extract(document, resources))


@FUZZ
@given(raw=st.binary(max_size=2_000), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_of_every_kind_are_read_or_refused_in_one_line(raw, suffix):
    _read(f"input{suffix}", raw)


@FUZZ
@given(text=MIXED, encoding=st.sampled_from(["utf-8", "cp1250", "latin-1", "utf-16"]),
       cut=st.integers(0, 50), flips=st.lists(st.integers(0, 10_000), max_size=5))
def test_broken_encodings(text, encoding, cut, flips):
    raw = bytearray(text.encode(encoding, errors="replace"))
    del raw[len(raw) - min(cut, len(raw)):]
    for at in flips:
        if raw:
            raw[at % len(raw)] ^= 0x80
    _read("input.txt", bytes(raw))


@settings(FUZZ, max_examples=10)
@given(depth=st.integers(1, 3_000), tag=st.sampled_from(["div", "p", "span", "b", "table"]),
       text=MIXED)
def test_deeply_nested_html(depth, tag, text):
    page = f"<html><body>{f'<{tag}>' * depth}{text or 'x'}{f'</{tag}>' * depth}</body></html>"
    _read("page.html", page.encode("utf-8"))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | UNICODE,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(UNICODE, inner, max_size=3),
    max_leaves=8,
)
METADATA = st.fixed_dictionaries({}, optional={
    key: JSON_VALUES | st.sampled_from(["2020-10-20", "2020-10", "en", "cs", "statement"])
    for key in ("title", "date", "language", "kind", "url")
})


@pytest.mark.slow
@FUZZ
@given(meta=METADATA, text=MIXED, as_sidecar=st.booleans())
def test_random_metadata_through_ingest_and_the_store(resources, meta, text, as_sidecar):
    with tempfile.TemporaryDirectory() as folder:
        if as_sidecar:
            (Path(folder) / "doc.meta.json").write_text(json.dumps(meta), "utf-8")
            (Path(folder) / "doc.txt").write_text(text or "x", "utf-8")
        else:
            (Path(folder) / "doc.json").write_text(json.dumps({**meta, "text": text}), "utf-8")
        conn = store.connect(":memory:")
        failures: list[str] = []
        tally = batch.store_items(
            ingest.read([folder], resources.settings), resources.settings, conn,
            batch.in_process(resources), 1,
            lambda item, status: failures.append(str(item)) if status == "quarantined" else None,
        )
    assert tally.documents + tally.quarantined == 1
    assert all("\n" not in line for line in failures)
    assert store.counts(conn)["documents"] == tally.ingested
