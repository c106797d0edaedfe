"""Time expressions resolved against the publication date, and the date of each claim."""

from __future__ import annotations

import pytest

from sitrep import dates, ingest, pipeline

LEXICON = dates.load()


def found(text: str, language: str = "en", published: str | None = "2020-09-28") -> list:
    doc = ingest.from_text(text, language=language, published=published)
    return [(d.expression, d.value, d.end_value, d.precision)
            for d in dates.extract(doc, LEXICON)]


def test_english_relative_and_explicit_dates():
    text = ("Early this morning the army advanced. Yesterday, on Sunday and two days ago there "
            "was shelling; last night too. Losses since 27 September are high. "
            "On 1 October 2020 talks began.")
    assert found(text) == [
        ("Early this morning", "2020-09-28", None, "day"),
        ("Yesterday", "2020-09-27", None, "day"),
        ("on Sunday", "2020-09-27", None, "day"),
        ("two days ago", "2020-09-26", None, "day"),
        ("last night", "2020-09-27", None, "day"),
        ("since 27 September", "2020-09-27", "2020-09-28", "range"),
        ("1 October 2020", "2020-10-01", None, "day"),
    ]


def test_czech_and_french():
    assert found("V Náhorním Karabachu se včera opět rozhořely boje.", "cs") == [
        ("včera", "2020-09-27", None, "day")]
    assert found("Hier, les combats ont repris ; dimanche 27 septembre 2020 aussi.", "fr") == [
        ("Hier", "2020-09-27", None, "day"), ("dimanche", "2020-09-27", None, "day"),
        ("27 septembre 2020", "2020-09-27", None, "day")]


def test_a_weekday_in_that_weekdays_news_is_the_same_day():
    assert found("On Monday the ministry said the front was calm.") == [
        ("On Monday", "2020-09-28", None, "day")]


def test_without_a_publication_date_only_full_dates_resolve():
    assert found("Yesterday, and on 27 September 2020.", published=None) == [
        ("Yesterday", None, None, None), ("27 September 2020", "2020-09-27", None, "day")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Azerbaijan shelled Stepanakert yesterday.", ("2020-09-27", "yesterday")),
     ("Azerbaijan shelled Stepanakert.", ("2020-09-28", "(publication date)"))],
)
def test_each_claim_takes_the_date_in_its_sentence_or_the_publication_date(
    resources, text, expected
):
    doc = ingest.from_text(text, language="en", published="2020-09-28")
    (claim,) = pipeline.extract(doc, resources).claims
    assert (claim.date.value, claim.date.expression) == expected
