"""A language sitrep has no spaCy pipeline for (German, Spanish): statements come from quotes
beside a name the actor lexicon knows, places from capitalised names the gazetteer knows, and
the record carries a note saying so."""

from __future__ import annotations

from sitrep import ingest, pipeline

GERMAN = (
    "Kämpfe um Stepanakert gehen weiter\n\n"
    "BAKU – Das Verteidigungsministerium teilte am Montag mit, armenische Truppen hätten in "
    "der Nacht die Stadt Tartar beschossen.\n\n"
    "„Wir haben alle Angriffe des Gegners abgewehrt“, sagte Sprecher Vagif Dargahli.\n\n"
    "Die armenische Seite wies die Vorwürfe zurück. Die „Propaganda“ aus Baku ändere nichts, "
    "die Kämpfe dauern auch rund um Hadrut an.\n"
)
SPANISH = (
    "Armenia niega el ataque contra Ganja\n\n"
    "Según Ereván, el ataque es una invención. Shushan Stepanyan declaró a la prensa: «No hemos "
    "disparado contra ninguna ciudad de Azerbaiyán». Mientras tanto, las autoridades de "
    "Stepanakert informaron de nuevos bombardeos.\n"
)


def _run(text: str, resources: pipeline.Resources, language: str | None = None):
    return pipeline.extract(ingest.from_text(text, path="doc.txt", language=language), resources)


def test_german_gets_a_statement_by_a_known_name_and_gazetteer_places(resources) -> None:
    found = _run(GERMAN, resources)
    assert found.document.language == "de"
    assert [(s.speaker.canonical, s.speaker.country, s.text, s.attribution)
            for s in found.statements] == [
        ("Vagif Dargahli", "AZE", "Wir haben alle Angriffe des Gegners abgewehrt",
         "name-beside-quote"),
    ]
    assert [(p.name, p.canonical, p.country) for p in found.places] == [
        ("Stepanakert", "Stepanakert", "AZE"), ("BAKU", "Baku", "AZE"),
        ("Tartar", "Tartar", "AZE"), ("Baku", "Baku", "AZE"), ("Hadrut", "Hadrut", "AZE"),
    ]
    assert [(p.stage, p.message) for p in found.problems] == [(
        "nlp", "no spaCy pipeline for language 'de': statements only from bulletin headings "
        "and from quotes beside a name the actor lexicon knows; places only from capitalised "
        "names the gazetteer knows",
    )]


def test_spanish_quote_before_its_speaker_and_a_scare_quote_left_alone(resources) -> None:
    found = _run(SPANISH, resources, language="es")
    assert [(s.speaker.canonical, s.speaker.country, s.text) for s in found.statements] == [
        ("Shushan Stepanyan", "ARM", "No hemos disparado contra ninguna ciudad de Azerbaiyán"),
    ]
    assert [(p.name, p.canonical) for p in found.places] == [
        ("Armenia", "Armenia"), ("Ganja", "Ganja"), ("Ereván", "Yerevan"),
        ("Stepanakert", "Stepanakert"),
    ]
    assert found.problems[0].message.startswith("no spaCy pipeline for language 'es'")
