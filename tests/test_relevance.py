"""The relevance pre-filter: which sentences are parsed, and what the pipeline keeps with it."""

from __future__ import annotations

import dataclasses

import pytest

from sitrep import actions, cues, ingest, pipeline, relevance

ENGLISH = ("The weather was mild and sunny. Artillery shelled the village at dawn. "
           "Children played in the park. The mayor denied it. Roughly 40 people attended.\n"
           "Nothing else happened.")
CZECH = ("Ministerstvo uvedlo, že vojáci ustoupili. Počasí bylo pěkné a lidé seděli venku u "
         "kávy a povídali si o dětech. Armáda ostřelovala vesnici.")


@pytest.fixture(scope="module")
def lexicon() -> relevance.Lexicon:
    return relevance.load(actions.load(), cues.load_lexicon())


def _kept(text: str, language: str, lexicon: relevance.Lexicon) -> list[str]:
    return [text[start:end] for start, end in relevance.kept(text, language, lexicon, None)]


def test_sentences_without_trigger_cue_or_number_are_left_out(lexicon):
    assert _kept(ENGLISH, "en", lexicon) == [
        "Artillery shelled the village at dawn. ",
        "The mayor denied it. Roughly 40 people attended.\n",
    ]
    assert _kept(CZECH, "cs", lexicon) == [
        "Ministerstvo uvedlo, že vojáci ustoupili. ",
        "Armáda ostřelovala vesnici.",
    ]


def test_a_mostly_relevant_text_or_an_unknown_language_is_parsed_whole(lexicon):
    text = "Troops shelled the town. The army denied it. It was cold."
    assert relevance.kept(text, "en", lexicon, None) == [(0, len(text))]
    assert relevance.kept(ENGLISH, "de", lexicon, None) == [(0, len(ENGLISH))]


@pytest.mark.slow
def test_with_the_prefilter_the_claims_of_relevant_sentences_are_found(resources, lexicon):
    filtered = dataclasses.replace(resources, relevance=lexicon)
    document = ingest.from_text(ENGLISH, language="en", published="2020-10-20")
    full, fast = pipeline.extract(document, resources), pipeline.extract(document, filtered)
    assert [(c.action, c.evidence) for c in fast.claims] == \
        [(c.action, c.evidence) for c in full.claims]
    assert ("shell", "Artillery shelled the village at dawn.") in \
        [(c.action, c.evidence) for c in fast.claims]
    assert "prefilter" in fast.lexicon_version and "prefilter" not in full.lexicon_version
