"""The NLP stage: load each language's spaCy pipeline once, and parse a document's text.

Long texts are parsed in blocks of whole paragraphs, so memory stays flat and every token
keeps its character offset into `Document.text`.
"""

from __future__ import annotations

import importlib.util
import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import spacy
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sitrep.errors import ModelMissingError
from sitrep.records import Document
from sitrep.settings import Settings

_BLOCK_CHARS = 20_000
# The stretches of a text worth parsing, given its language and pipeline (see `relevance`).
Keep = Callable[[str, str, Language], list[tuple[int, int]]]
SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "nsubjpass", "csubj"})
_CUT_DEPS = frozenset({"relcl", "acl:relcl", "acl", "advcl", "parataxis", "ccomp", "conj", "cc"})


@dataclass
class Models:
    """spaCy pipelines by language code, each loaded on first use and then kept."""

    settings: Settings
    _loaded: dict[str, Language] = field(default_factory=dict)

    def for_language(self, language: str) -> Language | None:
        """The pipeline for `language`, or None when sitrep has none for it."""
        name = self.settings.model_for(language)
        if name is None:
            return None
        if name not in self._loaded:
            if importlib.util.find_spec(name) is None:
                raise ModelMissingError(
                    f"spaCy pipeline {name!r} for language {language!r} is not installed; "
                    f"run `pip install {name.replace('_', '-')}` or `sitrep doctor`"
                )
            nlp = spacy.load(name)
            if "parser" in nlp.pipe_names:
                nlp.add_pipe("sitrep_paragraphs", before="parser")
            self._loaded[name] = nlp
        return self._loaded[name]


@Language.component("sitrep_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: titles, headings and paragraphs never run together."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n\n" in previous.text_with_ws[len(previous.text):] or (
            previous.is_space and "\n\n" in previous.text
        ):
            token.is_sent_start = True
    return doc


@dataclass(frozen=True)
class Parsed:
    """A document's parse: spaCy Docs for consecutive blocks, each with its text offset."""

    text: str
    language: str
    blocks: tuple[tuple[int, Doc], ...]

    def sentences(self) -> Iterator[tuple[int, int, Span]]:
        """Every sentence as (start, end, span) in document offsets."""
        yield from self._sentences

    @cached_property
    def _sentences(self) -> tuple[tuple[int, int, Span], ...]:
        return tuple(
            (offset + sent.start_char, offset + sent.end_char, sent)
            for offset, doc in self.blocks
            for sent in doc.sents
        )

    @cached_property
    def _token_starts(self) -> tuple[list[int], ...]:
        """Each block's token start offsets (within the block), in token order."""
        return tuple(doc.to_array(IDX).tolist() for _, doc in self.blocks)

    @cached_property
    def _block_offsets(self) -> dict[int, int]:
        return {id(doc): offset for offset, doc in self.blocks}

    def tokens_between(self, start: int, end: int) -> list[Token]:
        """Tokens whose first character lies in [start, end) of the document text."""
        found: list[Token] = []
        for (offset, doc), starts in zip(self.blocks, self._token_starts, strict=True):
            if offset >= end or offset + len(doc.text) <= start:
                continue
            first, last = bisect_left(starts, start - offset), bisect_left(starts, end - offset)
            found.extend(doc[i] for i in range(first, last))
        return found

    def offset_of(self, token: Token) -> int:
        """Start of `token` in the document text."""
        offset = self._block_offsets.get(id(token.doc))  # the blocks keep their Docs alive
        if offset is None:
            raise ValueError("token does not belong to this parse")
        return offset + token.idx


def parse(document: Document, models: Models, keep: Keep | None = None) -> Parsed:
    """The parse of `document.text` in its language (no blocks when there is no pipeline).

    A title line in another language than the body (a Czech headline over an English
    bulletin) is parsed by its own language's pipeline; each block's Doc says its language.
    With `keep`, only the stretches it keeps are parsed.
    """
    plan = _plan(document, models, keep)
    docs = _pipe_all([(text, nlp) for _, text, nlp in plan], batch_size=8)
    return Parsed(document.text, document.language,
                  tuple((start, doc) for (start, _, _), doc in zip(plan, docs, strict=True)))


def parse_many(
    documents: Sequence[Document], models: Models, batch_size: int, keep: Keep | None = None
) -> list[Parsed | None]:
    """The parses of many documents, every block of every document going through one
    `nlp.pipe` per pipeline, so that spaCy batches across documents. None for a document
    whose pipeline is not installed (`parse` on it says why)."""
    plans: list[list[tuple[int, str, Language]] | None] = []
    for document in documents:
        try:
            plans.append(_plan(document, models, keep))
        except ModelMissingError:
            plans.append(None)
    jobs = [(text, nlp) for plan in plans if plan for _, text, nlp in plan]
    docs = iter(_pipe_all(jobs, batch_size))
    parses: list[Parsed | None] = []
    for document, plan in zip(documents, plans, strict=True):
        if plan is None:
            parses.append(None)
            continue
        blocks = tuple((start, next(docs)) for start, _, _ in plan)
        parses.append(Parsed(document.text, document.language, blocks))
    return parses


def _pipe_all(jobs: list[tuple[str, Language]], batch_size: int) -> list[Doc]:
    """Docs for (text, pipeline) jobs in their order, one `nlp.pipe` per pipeline."""
    found: list[Doc | None] = [None] * len(jobs)
    by_pipeline: dict[int, list[int]] = {}
    for index, (_, nlp) in enumerate(jobs):
        by_pipeline.setdefault(id(nlp), []).append(index)
    for indexes in by_pipeline.values():
        nlp = jobs[indexes[0]][1]
        piped = nlp.pipe((jobs[i][0] for i in indexes), batch_size=batch_size)
        for index, doc in zip(indexes, piped, strict=True):
            found[index] = doc
    return [doc for doc in found if doc is not None]


def _plan(
    document: Document, models: Models, keep: Keep | None
) -> list[tuple[int, str, Language]]:
    """The blocks to parse: (offset, parser text, pipeline); none without a pipeline."""
    nlp = models.for_language(document.language)
    if nlp is None:
        return []
    plain = for_parser(document.text)
    title_end = title_span(document)
    plan: list[tuple[int, str, Language]] = []
    if title_end:
        title_nlp = models.for_language(document.title_language or "")
        if title_nlp is not None:
            plan.append((0, plain[:title_end], title_nlp))
        else:
            title_end = 0
    for start, end in _blocks(document.text[title_end:]):
        plan.append((start + title_end, plain[start + title_end:end + title_end], nlp))
    if keep is None:
        return plan
    return [(offset + start, text[start:end], block_nlp)
            for offset, text, block_nlp in plan
            for start, end in keep(text, document.language, block_nlp)]


def title_span(document: Document) -> int:
    """End of the title line when the text opens with a title in another language, else 0."""
    if not document.title or not document.title_language:
        return 0
    if document.title_language == document.language:
        return 0
    first, _, _ = document.text.partition("\n")
    if first.strip(" \u00a0#*") != document.title:
        return 0
    return len(first) + 1 if len(first) < len(document.text) else len(first)


DATELINE_HEAD = re.compile(r"^[A-ZÁ-Ž][A-ZÁ-Ž/ .'’-]{2,},[^\n]{0,60}?\s[-–—]\s+", re.MULTILINE)


def trim_dateline(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a dateline ("BAKU, Nov. 8, 2020 (Wire) - ") that the parser made part of a subject."""
    line_start = text.rfind("\n", 0, start) + 1
    match = DATELINE_HEAD.match(text, line_start)
    if match and match.start() <= start < match.end():
        return match.end(), max(end, match.end())
    return start, end


_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "})


def for_parser(text: str) -> str:
    """The text with non-breaking and thin spaces made plain, for the parser only.

    Each replacement is one character for one, so every offset still points into the
    document's own text, which keeps its non-breaking spaces.
    """
    return text.translate(_SPACES)


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Consecutive [start, end) blocks of whole paragraphs, each under _BLOCK_CHARS if possible."""
    start = 0
    while start < len(text):
        end = min(len(text), start + _BLOCK_CHARS)
        if end < len(text):
            cut = text.rfind("\n\n", start, end)
            if cut <= start:
                cut = text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        yield start, end
        start = end


def same(a: Token | None, b: Token | None) -> bool:
    """Whether two tokens are the same word. spaCy makes a new Token object on every access,
    so `is` never holds between them; compare positions instead."""
    return a is not None and b is not None and a.i == b.i and a.doc is b.doc


def is_root(token: Token) -> bool:
    return token.head.i == token.i


def phrase_span(head: Token, parsed: Parsed) -> tuple[int, int]:
    """Character span of a noun phrase: its subtree minus clauses hanging off it."""
    cut: set[int] = set()
    for child in head.children:
        if child.dep_ in _CUT_DEPS:
            cut.update(t.i for t in child.subtree)
    kept = [t for t in head.subtree if t.i not in cut]
    while kept and kept[-1].is_punct:
        kept.pop()
    while kept and kept[0].is_punct:
        kept.pop(0)
    kept = kept or [head]
    first, last = kept[0], kept[-1]
    start = parsed.offset_of(first)
    return start, parsed.offset_of(last) + len(last.text)
