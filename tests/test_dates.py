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


def test_years_months_weeks_and_quarters_are_periods():
    text = ("In 2019 the front was quiet. Last month and this week the shelling grew; in March "
            "and last September too. Losses in the first quarter, in the third quarter of 2009 "
            "and since November 2006. In 2000 soldiers came.")
    assert found(text) == [
        ("2019", "2019-01-01", "2019-12-31", "year"),
        ("Last month", "2020-08-01", "2020-08-31", "month"),
        ("this week", "2020-09-28", "2020-10-04", "week"),
        ("March", "2020-03-01", "2020-03-31", "month"),
        ("last September", "2019-09-01", "2019-09-30", "month"),
        ("the first quarter", "2020-01-01", "2020-03-31", "quarter"),
        ("the third quarter of 2009", "2009-07-01", "2009-09-30", "quarter"),
        ("since November 2006", "2006-11-01", "2020-09-28", "range"),
    ]  # "2000 soldiers" is a count, not a year


def test_the_future_and_days_written_without_their_year():
    text = ("Talks will resume on Friday. The monitoring scheduled for 2 October. Shelling on "
            "27 September. Elections in November.")
    assert found(text) == [
        ("on Friday", "2020-10-02", None, "day"),
        ("2 October", "2020-10-02", None, "day"),
        ("27 September", "2020-09-27", None, "day"),
        ("November", "2020-11-01", "2020-11-30", "month"),  # nearer ahead than a year back
    ]


def test_since_the_beginning_of_the_war_is_a_range_from_the_war_the_text_names():
    assert found("Since the beginning of the war in Karabakh, 200 soldiers died.") == [
        ("Since the beginning of the war", "2020-09-27", "2020-09-28", "range")]
    assert found("Since the beginning of the war, 200 soldiers died.") == [
        ("Since the beginning of the war", None, "2020-09-28", "range")]


def test_czech_and_french_periods():
    assert found("Loni v březnu a minulý týden; od začátku války v Karabachu.", "cs") == [
        ("Loni", "2019-01-01", "2019-12-31", "year"),
        ("březnu", "2020-03-01", "2020-03-31", "month"),
        ("minulý týden", "2020-09-21", "2020-09-27", "week"),
        ("od začátku války", "2020-09-27", "2020-09-28", "range")]
    assert found("L'année dernière et cette semaine, en 2019.", "fr") == [
        ("L'année dernière", "2019-01-01", "2019-12-31", "year"),
        ("cette semaine", "2020-09-28", "2020-10-04", "week"),
        ("2019", "2019-01-01", "2019-12-31", "year")]


def test_a_named_day_is_not_last_weeks_weekday():
    assert found("Markets recalled Black Monday.", published="2007-10-20") == []


def test_a_quoted_statement_is_read_as_of_its_own_date():
    text = ("Fighting flared up yesterday\n\nThe ministry said: \"Early this morning the enemy "
            "attacked.\" The army said: \"On 20 September 2020, the enemy shelled the town. "
            "Today it attacked again.\" Early this morning the front was calm.")
    doc = ingest.from_text(text, language="en", published="2020-09-28")
    first = (text.index("\"Early") + 1, text.index("attacked.\"") + 9)
    second = (text.index("\"On 20") + 1, text.index("again.\"") + 6)
    values = [(d.expression, d.value) for d in dates.extract(doc, LEXICON, [first, second])]
    assert values == [("yesterday", "2020-09-27"), ("Early this morning", "2020-09-27"),
                      ("20 September 2020", "2020-09-20"), ("Today", "2020-09-20"),
                      ("Early this morning", "2020-09-28")]


def test_the_bulletins_statements_are_dated_the_day_they_speak_of(bulletin, resources):
    """Published 2020-09-28: the headline's "včera" and every quoted statement's claim are
    2020-09-27 (the Artsakh MFA's "On 27 September 2020"; the others by the headline's day),
    and "Early this morning" in the Armenian MFA's statement is that day too."""
    (doc,) = ingest.read([str(bulletin)], resources.settings, published="2020-09-28")
    extraction = pipeline.extract(doc, resources)
    quoted = [c for c in extraction.claims if c.claimant != "(outlet)"]
    assert quoted and {c.date.value for c in quoted} == {"2020-09-27"}
    assert ("Early this morning", "2020-09-27") in {(d.expression, d.value)
                                                    for d in extraction.dates}
