from datetime import date

import pytest

from sitrep import actors
from sitrep.errors import LexiconError

LEXICON = actors.load()
DAY = date(2020, 9, 27)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("the Prime Minister of Armenia Nikol Pashinyan",
         ("Nikol Pashinyan", "person", "Prime Minister", "Government of Armenia", "ARM",
          "Armenia", "ARMGOV")),
        ("the MFA of Armenia",
         ("Ministry of Foreign Affairs of Armenia", "organisation", None,
          "Ministry of Foreign Affairs of Armenia", "ARM", "Armenia", "ARMGOV")),
        ("the Ministry of Foreign Affairs of the Republic of Artsakh",
         ("Ministry of Foreign Affairs of Artsakh", "organisation", None,
          "Ministry of Foreign Affairs of Artsakh", "ARM", "Artsakh", "ARMGOV")),
        ("the President of Artsakh Arayik Harutyunyan",
         ("Arayik Harutyunyan", "person", "President", "Presidency of the Republic of Artsakh",
          "ARM", "Artsakh", "ARMGOV")),
        ("Azerbaijan's Defence Ministry",
         ("Ministry of Defence of Azerbaijan", "organisation", None,
          "Ministry of Defence of Azerbaijan", "AZE", "Azerbaijan", "AZEMIL")),
        ("the Azerbaijani side",
         ("Azerbaijan", "state", None, None, "AZE", "Azerbaijan", "AZE")),
        ("premiér Pašinjanovi",
         ("Nikol Pashinyan", "person", "Prime Minister", "Government of Armenia", "ARM",
          "Armenia", "ARMGOV")),
        ("a spokesman for the Russian Foreign Ministry, Maria Zakharova",
         ("Maria Zakharova", "person", "Spokesperson", "Ministry of Foreign Affairs of Russia",
          "RUS", "Russia", "RUSGOV")),
        ("the OSCE Minsk Group co-chairs",
         ("OSCE Minsk Group", "organisation", None, "OSCE Minsk Group", None, None, "IGO")),
    ],
)
def test_resolve(phrase, expected):
    actor = actors.resolve(phrase, LEXICON, DAY)
    got = (actor.canonical, actor.kind, actor.role, actor.organisation, actor.country,
           actor.polity, actor.cameo)
    assert got == expected


def test_role_follows_the_date():
    before = actors.resolve("Zohrab Mnatsakanyan", LEXICON, date(2020, 10, 1))
    assert before.role == "Foreign Minister"
    assert actors.resolve("Jeyhun Bayramov", LEXICON, date(2020, 10, 1)).country == "AZE"


def test_unknown_speaker_keeps_the_words():
    actor = actors.resolve("a senior Western diplomat", LEXICON)
    assert (actor.canonical, actor.kind, actor.country) == ("senior Western diplomat", "other",
                                                             None)


def test_user_actor_file_is_merged(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "version: lab-1\npersons:\n  - name: Anna Example\n    aliases: [Anna Example]\n"
        "    roles: [{role: Mayor, country: ARM, organisation: City of Goris, sector: GOV,"
        " from: 2019-01-01}]\n",
        encoding="utf-8",
    )
    lexicon = actors.load(extra)
    actor = actors.resolve("Anna Example", lexicon, DAY)
    assert (actor.role, actor.country, actor.organisation) == ("Mayor", "ARM", "City of Goris")
    assert lexicon.version.endswith("+lab-1")


def test_broken_actor_file_is_a_clear_error(tmp_path):
    extra = tmp_path / "broken.yaml"
    extra.write_text("persons: [\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="broken.yaml: invalid YAML"):
        actors.load(extra)
