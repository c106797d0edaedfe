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


def test_user_actor_table_in_tsv(tmp_path):
    table = tmp_path / "ours.tsv"
    table.write_text(
        "name\taliases\tcountry\tsector\trole\torganisation\tfrom\tto\n"
        "Jana Example\tJ. Example|Examplová\tCZE\tGOV\tDeputy Minister\tMinistry of Defence of"
        " Czechia\t2019-01-01\t2021-12-16\n"
        "Jana Example\t\tCZE\tGOV\tAmbassador\tEmbassy of Czechia\t2022-01-01\t\n",
        encoding="utf-8",
    )
    lexicon = actors.load(table)
    then = actors.resolve("Jana Example", lexicon, date(2020, 10, 1))
    later = actors.resolve("paní Examplová", lexicon, date(2023, 1, 1))
    assert (then.role, then.organisation) == ("Deputy Minister", "Ministry of Defence of Czechia")
    assert (later.canonical, later.role) == ("Jana Example", "Ambassador")


def test_tsv_with_a_bad_date_names_the_row(tmp_path):
    table = tmp_path / "bad.tsv"
    table.write_text("Jana Example\t\tCZE\tGOV\t\t\t2019-13-01\t\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad.tsv: row 1: '2019-13-01' is not an ISO date"):
        actors.load(table)


@pytest.mark.parametrize(
    ("phrase", "country", "sector"),
    [("the Kyiv regime", "UKR", "GOV"), ("Azerbaijani troops", "AZE", "MIL"),
     ("Armenian separatists", "ARM", "REB"), ("civilians in Stepanakert", "ARM", "CVL"),
     ("the Azerbaijani air defence", "AZE", "MIL")],
)
def test_sectors_from_the_words(phrase, country, sector):
    actor = actors.resolve(phrase, LEXICON, DAY)
    assert (actor.country, actor.sector) == (country, sector)
