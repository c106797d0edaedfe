"""Who said what: exact statements from the example bulletin and from short real-style text."""

from __future__ import annotations

from sitrep import ingest, pipeline
from sitrep.records import Statement


def statements_of(text: str, resources, language: str = "en") -> list[Statement]:
    doc = ingest.from_text(text, language=language, published="2020-10-11")
    return list(pipeline.extract(doc, resources).statements)


def summary(statements: list[Statement]) -> list[tuple]:
    return [(s.speaker.canonical, s.speaker.role, s.speaker.country, s.channel, s.direct,
             s.attribution, s.text) for s in statements]


def test_example_bulletin_gives_exactly_its_five_statements(bulletin, resources):
    (doc,) = ingest.read([str(bulletin)], resources.settings)
    found = pipeline.extract(doc, resources).statements
    got = [(s.speaker.canonical, s.speaker.role, s.speaker.organisation, s.speaker.country,
            s.speaker.polity, s.channel, s.direct) for s in found]
    assert got == [
        ("Nikol Pashinyan", "Prime Minister", "Government of Armenia", "ARM", "Armenia",
         "Twitter", True),
        ("Nikol Pashinyan", "Prime Minister", "Government of Armenia", "ARM", "Armenia",
         "Twitter", True),
        ("Ministry of Foreign Affairs of Armenia", None, "Ministry of Foreign Affairs of Armenia",
         "ARM", "Armenia", "statement", True),
        ("Arayik Harutyunyan", "President", "Presidency of the Republic of Artsakh", "ARM",
         "Artsakh", "Twitter", True),
        ("Ministry of Foreign Affairs of Artsakh", None, "Ministry of Foreign Affairs of Artsakh",
         "ARM", "Artsakh", "statement", True),
    ]
    text = doc.text
    for statement in found:
        # each span covers exactly the quoted words: the marks sit right outside it
        assert text[statement.start - 1] == "“" and text[statement.end] == "”"
        assert statement.text == text[statement.start : statement.end]
        assert "“" not in statement.text and "”" not in statement.text
    assert found[0].text.startswith("Azerbaijan has launched a\u00a0missile & aerial attack")
    assert found[0].text.endswith("to protect our motherland from Azeri invasion.")
    assert found[4].text.startswith("On 27 September 2020, the Azerbaijani armed forces")
    assert found[4].text.endswith("is the recognition of the Republic of Artsakh.")
    assert found[4].text.count("\n\n") == 4  # one statement over five paragraphs


def test_quote_then_said_speaker(resources):
    text = ("“The enemy has retreated from two villages,” said Artsrun Hovhannisyan, "
            "a representative of the Armenian Defence Ministry.")
    assert summary(statements_of(text, resources)) == [
        ("Artsrun Hovhannisyan", "Defence Ministry representative", "ARM", None, True,
         "explicit", "The enemy has retreated from two villages,"),
    ]


def test_speaker_wrote_on_facebook_before_the_quote(resources):
    text = ('Prime Minister Nikol Pashinyan wrote on Facebook: "The situation at the front '
            'is difficult but under control."')
    assert summary(statements_of(text, resources)) == [
        ("Nikol Pashinyan", "Prime Minister", "ARM", "Facebook", True, "explicit",
         "The situation at the front is difficult but under control."),
    ]


def test_reported_speech_and_pronoun_back_reference(resources):
    text = ("Hikmet Hajiyev, an aide to President Ilham Aliyev, told reporters that the strike "
            "had killed nine civilians. He said the army would respond.")
    assert summary(statements_of(text, resources)) == [
        ("Hikmet Hajiyev", "Assistant to the President", "AZE", None, False, "explicit",
         "that the strike had killed nine civilians"),
        ("Hikmet Hajiyev", "Assistant to the President", "AZE", None, False, "back-reference",
         "the army would respond"),
    ]


def test_according_to(resources):
    text = ("According to the Azerbaijani Defence Ministry, Armenian forces shelled Tartar "
            "overnight.")
    assert summary(statements_of(text, resources)) == [
        ("Ministry of Defence of Azerbaijan", None, "AZE", None, False, "explicit",
         "Armenian forces shelled Tartar overnight"),
    ]


def test_title_back_reference_finds_the_body_named_earlier(resources):
    text = ("Azerbaijan's Defence Ministry reported heavy fighting in the south. "
            "“Our units keep to the ceasefire,” the ministry said in a statement.")
    found = summary(statements_of(text, resources))
    assert found[-1] == ("Ministry of Defence of Azerbaijan", None, "AZE", "statement", True,
                         "back-reference", "Our units keep to the ceasefire,")


def test_continuation_quote_keeps_the_speaker(resources):
    text = ("“We will not give up an inch,” Aliyev said on Twitter. "
            "“Our army is advancing on every front and the occupiers are retreating.”")
    found = summary(statements_of(text, resources))
    assert [(f[0], f[3], f[5]) for f in found] == [
        ("Ilham Aliyev", "Twitter", "explicit"), ("Ilham Aliyev", "Twitter", "continuation"),
    ]


def test_scare_quotes_are_not_statements(resources):
    text = "The so-called “security zone” was shelled again on Sunday."
    assert statements_of(text, resources) == []


def test_czech_quote_and_declined_name(resources):
    text = "„Situace na frontě je stabilizovaná,“ uvedl premiér Pašinjan na Facebooku."
    assert summary(statements_of(text, resources, "cs")) == [
        ("Nikol Pashinyan", "Prime Minister", "ARM", "Facebook", True, "explicit",
         "Situace na frontě je stabilizovaná,"),
    ]


def test_french_guillemets_with_inverted_subject(resources):
    text = ("« Nos unités ont repoussé toutes les attaques\u00a0», a déclaré la porte-parole "
            "Chouchan Stepanian.")
    assert summary(statements_of(text, resources, "fr")) == [
        ("Shushan Stepanyan", "Spokesperson", "ARM", None, True, "explicit",
         "Nos unités ont repoussé toutes les attaques"),
    ]


def test_language_without_pipeline_still_gets_bulletin_statements(resources):
    text = ("– Statement by the Ministry of Defence of Armenia\n\n"
            "“Die Lage an der Front bleibt angespannt.”")
    doc = ingest.from_text(text, language="de")
    extraction = pipeline.extract(doc, resources)
    assert summary(list(extraction.statements)) == [
        ("Ministry of Defence of Armenia", None, "ARM", "statement", True, "heading",
         "Die Lage an der Front bleibt angespannt."),
    ]
    assert [p.stage for p in extraction.problems] == ["nlp"]
