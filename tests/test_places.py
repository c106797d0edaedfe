"""Toponym resolution in context: states, the document's other places, demonyms."""

from __future__ import annotations

import pytest

from sitrep import ingest, nlp, places


def resolved(resources, text: str) -> list[tuple]:
    doc = ingest.from_text(text, language="en")
    found = places.extract(doc, nlp.parse(doc, resources.models), resources.gazetteer)
    return [(p.name, p.canonical, p.country, p.admin1, p.precision) for p in found]


@pytest.mark.parametrize(("text", "expected"), [
    # a town of a state the document names
    ("A gunman opened fire in Parkland, Florida, on Wednesday.",
     [("Parkland", "Parkland", "USA", "FL", 1), ("Florida", "Florida", "USA", "FL", 2)]),
    # near the document's other places
    ("Students marched in Cambridge and in Boston.",
     [("Cambridge", "Cambridge", "USA", "MA", 1), ("Boston", "Boston", "USA", "MA", 1)]),
    # a demonym names its country; a city of millions beats a small namesake at home
    ("American officials met in London.",
     [("American", "United States", "USA", None, 3), ("London", "London", "GBR", "ENG", 1)]),
])
def test_names_resolve_in_the_documents_context(resources, text, expected):
    assert resolved(resources, text) == expected
