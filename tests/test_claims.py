"""Who did what to whom: exact claims from the example bulletin and from short sentences."""

from __future__ import annotations

from sitrep import ingest, pipeline
from sitrep.records import Claim
from sitrep.settings import load_settings


def claims_of(text: str, resources, language: str = "en") -> list[Claim]:
    doc = ingest.from_text(text, language=language, published="2020-10-11")
    return list(pipeline.extract(doc, resources).claims)


def row(claim: Claim) -> tuple:
    return (
        claim.claimant, claim.action,
        claim.actor.country if claim.actor else None,
        claim.target.canonical if claim.target else None,
        claim.target.country if claim.target else None,
        claim.polarity,
    )


def test_example_bulletin_core_claims(bulletin, resources):
    (doc,) = ingest.read([str(bulletin)], resources.settings)
    found = {row(c) for c in pipeline.extract(doc, resources).claims}
    expected = {
        # Pashinyan: missile & aerial attack against Artsakh, settlements incl. Stepanakert
        ("Nikol Pashinyan", "attack_missile", "AZE", "Artsakh", "ARM", "asserted"),
        ("Nikol Pashinyan", "attack_air", "AZE", "Artsakh", "ARM", "asserted"),
        ("Nikol Pashinyan", "attack_ground", "AZE", "Peaceful settlements", None, "asserted"),
        # equipment a party says it destroyed is the other side's: Azerbaijan's
        ("Nikol Pashinyan", "shoot_down", "ARM", "2 helicopters", "AZE", "asserted"),
        ("Nikol Pashinyan", "shoot_down", "ARM", "3 UAVs", "AZE", "asserted"),
        ("Nikol Pashinyan", "destroy_equipment", "ARM", "3 tanks", "AZE", "asserted"),
        # the Armenian MFA: missile attacks on the settlements; it condemns the aggression
        ("Ministry of Foreign Affairs of Armenia", "attack_missile", "AZE", "Artsakh", "ARM",
         "asserted"),
        ("Ministry of Foreign Affairs of Armenia", "condemn", "ARM",
         "Authorities of Azerbaijan", "AZE", "asserted"),
        # Harutyunyan: missile & aerial offensive; Az helicopters shot down
        ("Arayik Harutyunyan", "attack_missile", "AZE", "Artsakh", "ARM", "asserted"),
        ("Arayik Harutyunyan", "shoot_down", "ARM", "Azerbaijan", "AZE", "asserted"),
        # the Artsakh MFA: attack on the Defence Army, Stepanakert came under fire
        ("Ministry of Foreign Affairs of Artsakh", "attack_ground", "AZE",
         "Armed Forces of Artsakh", "ARM", "asserted"),
        ("Ministry of Foreign Affairs of Artsakh", "shell", "AZE", "Artsakh", "ARM", "asserted"),
    }
    assert expected <= found, sorted(expected - found)


def test_every_claim_carries_its_codes_and_evidence(bulletin, resources):
    (doc,) = ingest.read([str(bulletin)], resources.settings)
    for claim in pipeline.extract(doc, resources).claims:
        assert claim.evidence == doc.text[claim.start : claim.end]
        assert claim.start <= claim.trigger_start < claim.end
        assert claim.cameo and claim.cameo.startswith(claim.cameo_root)
        assert claim.quad_class in {1, 2, 3, 4}


def test_passive_with_agent_and_coordinated_targets(resources):
    text = "Stepanakert and Martuni were shelled by the Azerbaijani army overnight."
    assert [row(c) for c in claims_of(text, resources)] == [
        ("(outlet)", "shell", "AZE", "Artsakh", "ARM", "asserted"),
        ("(outlet)", "shell", "AZE", "Martuni", None, "asserted"),
    ]


def test_denial_negation_and_denied_reports(resources):
    text = ("Armenia did not fire any missile at Ganja. The ministry denied reports that "
            "Azerbaijani helicopters were shot down.")
    found = [(c.action, c.polarity) for c in claims_of(text, resources)]
    assert ("attack_missile", "denied") in found
    assert ("shoot_down", "denied") in found
    assert ("deny", "asserted") in found


def test_future_is_threatened_not_happened(resources):
    text = "Azerbaijan will respond to any attack on Ganja."
    polarities = {c.action: c.polarity for c in claims_of(text, resources)}
    assert polarities == {"threaten": "threatened", "attack_ground": "threatened"}


def test_hedged_and_alleged(resources):
    hedged = claims_of("Azerbaijani drones reportedly struck Martuni.", resources)
    assert {c.polarity for c in hedged} == {"hedged"}
    alleged = claims_of("Baku accused Yerevan of shelling Tartar.", resources)
    assert ("shell", "alleged") in [(c.action, c.polarity) for c in alleged]


def test_claimant_is_the_speaker_inside_a_statement(resources):
    text = "“Our air defence shot down two Azerbaijani drones,” said Shushan Stepanyan."
    (claim,) = claims_of(text, resources)
    assert (claim.claimant, claim.claimant_country, claim.action, claim.actor.country,
            claim.target.country) == ("Shushan Stepanyan", "ARM", "shoot_down", "ARM", "AZE")


def test_czech_and_french_triggers(resources):
    czech = claims_of("Ázerbájdžánská armáda ostřelovala Stepanakert.", resources, "cs")
    assert [(c.action, c.actor.country, c.target.country) for c in czech] == [
        ("shell", "AZE", "ARM")]
    french = claims_of("L'armée azerbaïdjanaise a bombardé Stepanakert.", resources, "fr")
    assert [(c.action, c.actor.country, c.target.country) for c in french] == [
        ("attack_air", "AZE", "ARM")]


def test_gold_claims_of_the_example_corpus_reach_their_floors():
    import json
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "eval"))
    import claims_examples

    gold = claims_examples.load_gold()
    scores = claims_examples.score(
        gold, claims_examples.predict(sorted({str(g["document"]) for g in gold})))
    floors = json.loads((root / "eval" / "floors.json").read_text(encoding="utf-8"))
    for key in ("examples_claims.recall_strict", "examples_claims.recall_relaxed"):
        assert scores[key] >= floors[key], (key, scores[key], floors[key])


def test_a_petrarch_verb_dictionary_adds_triggers_with_its_codes(tmp_path):
    verbs = tmp_path / "lab.verbs.txt"
    verbs.write_text(
        "# a research group's own verbs\n"
        "--- PRAISE  [051]  ---\nPRAISE {PRAISES PRAISED PRAISING}\n\n"
        "--- HAIL  [051]  ---\nHAIL\n\n"
        "--- BESIEGE  [191]  ---\nBESIEGE\n- * + WITH ARTILLERY  [194]\n",
        encoding="utf-8",
    )
    resources = pipeline.load_resources(
        load_settings(environ={}, petrarch_verbs=str(verbs))
    )
    found = claims_of("Armenia hailed the French mediators. Azerbaijan besieged Shusha. "
                      "Azerbaijan besieged Fizuli with artillery.", resources)
    assert [(c.action, c.cameo, c.cameo_root, c.actor.country) for c in found] == [
        ("support", "051", "05", "ARM"), ("fight", "191", "19", "AZE"),
        ("fight", "194", "19", "AZE")]  # the dictionary's pattern chooses the code
    assert resources.claim_lexicons.actions.version.endswith("+lab.verbs.txt")


def test_a_czech_headline_over_an_english_body_is_read_in_czech(bulletin, resources):
    (doc,) = ingest.read([str(bulletin)], resources.settings, published="2020-09-28")
    extraction = pipeline.extract(doc, resources)
    headline = [c for c in extraction.claims if c.end <= len(doc.title or "")]
    assert [(c.claimant, c.action, c.date.value, c.date.expression) for c in headline] == [
        ("(outlet)", "fight", "2020-09-27", "včera")]  # fighting flared up again yesterday


def test_claims_take_the_place_in_their_sentence_or_the_documents_region(bulletin, resources):
    (doc,) = ingest.read([str(bulletin)], resources.settings, published="2020-09-28")
    extraction = pipeline.extract(doc, resources)
    places = {(p.canonical, p.country, p.precision) for p in extraction.places}
    assert {("Stepanakert", "AZE", 1), ("Nagorno-Karabakh", "AZE", 2)} <= places
    headline = extraction.claims[0]
    assert (headline.action, headline.location.canonical, headline.location.precision,
            headline.date.value) == ("fight", "Nagorno-Karabakh", 2, "2020-09-27")
    settlements = [c for c in extraction.claims if c.location and c.location.name ==
                   "Stepanakert"]
    assert settlements and all(c.location.precision == 1 for c in settlements)
    shot = next(c for c in extraction.claims if c.action == "shoot_down")
    assert (shot.location.name, shot.location.precision) == ("(Nagorno-Karabakh)", 2)
