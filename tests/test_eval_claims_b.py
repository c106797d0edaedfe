"""The claim evaluations eval/claims_petrarch.py and eval/claims_plover.py.

Fast tests check the scoring and mapping helpers on tiny made-up inputs. The slow tests run
each evaluation on its real data set (read in place from ../shared/data), skipped when it is
absent, and check the scores against eval/floors.json.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from sitrep.petrarch import VerbPattern
from sitrep.records import Actor

from .conftest import load_eval

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "eval"
DATA = ROOT.parent / "shared" / "data"




cp = load_eval("claims_petrarch")
cv = load_eval("claims_plover")
gate = load_eval("gate")


# --------------------------------------------------------------------------- PETRARCH (fast)


def test_verb_table_keeps_bare_coded_single_words_and_their_forms() -> None:
    verbs = [
        VerbPattern("BAN", ("BANS", "BANNED"), "", "191"),
        VerbPattern("BAN", ("BANS", "BANNED"), "* TRADE", "163"),  # a pattern: not used
        VerbPattern("ACCORD", (), "", "---"),  # null code: not coded
        VerbPattern("BLAST", (), "", "+++"),
        VerbPattern("BREAK DOWN", ("BROKE DOWN",), "", "1717"),  # several words: not used
        VerbPattern("SHOT", (), "", "---"),
        VerbPattern("SHOT", (), "", "223"),  # the first record with a real code wins
        VerbPattern("MEET", (), "", "031:031"),
        VerbPattern("MET", (), "", "031:032"),
        VerbPattern("ban", (), "", "999"),  # a later record for a known word loses
    ]
    assert cp.build_verb_table(verbs) == {
        "ban": "191", "bans": "191", "banned": "191", "shot": "223",
        "meet": "031:031", "met": "031:032",
    }


def test_verb_code_prefers_the_word_form_over_the_lemma() -> None:
    table = {"meet": "031:031", "met": "031:032", "attack": "223"}

    def token(text: str, lemma: str, pos: str = "VERB") -> Any:
        return SimpleNamespace(lower_=text.lower(), lemma_=lemma, pos_=pos)

    assert cp.verb_code(token("met", "meet"), table) == "031:032"
    assert cp.verb_code(token("meets", "meet"), table) == "031:031"
    assert cp.verb_code(token("attacked", "attack"), table) == "223"
    assert cp.verb_code(token("attack", "attack", "NOUN"), table) is None
    assert cp.verb_code(token("said", "say"), table) is None


def test_paired_codes_give_both_directions_and_dyads_need_a_target() -> None:
    assert cp.split_code("032:033") == ("032", "033")
    assert cp.split_code("064") == ("064", "")
    assert cp.split_code("013:") == ("013", "")
    assert cp.dyads(["ARN", "GON"], ["GON"], "032:033") == {
        ("ARN", "GON", "032"), ("GON", "ARN", "033")}  # GON is never its own target
    assert cp.dyads(["ARN"], [], "064") == set()
    assert cp.dyads(["ARN"], [], "064", require_dyad=False) == {("ARN", "---", "064")}
    assert cp.dyads(["ARN"], [], "032:033", require_dyad=False) == {("ARN", "---", "032")}


def test_actor_codes_are_written_as_petrarch_writes_them() -> None:
    assert cp.actor_code(None) is None
    assert cp.actor_code(Actor(name="crowds", canonical="crowds")) is None
    assert cp.actor_code(Actor(name="Arnor", canonical="ARNOR", country="ARN",
                               cameo="ARN")) == "ARN"
    agent_only = Actor(name="the foreign minister", canonical="Foreign Minister",
                       sector="GOV", cameo="GOV", role="Foreign Minister")
    assert cp.actor_code(agent_only) == "---GOV"
    army = Actor(name="the army", canonical="Armed Forces", kind="organisation", sector="MIL",
                 cameo="MIL")
    assert cp.actor_code(army) == "---MIL"
    placed = Actor(name="Gondor police", canonical="GONDOR", country="GON", sector="COP",
                   cameo="GONCOP", role="Police")
    assert cp.actor_code(placed) == "GONCOP"
    body = Actor(name="Amnesty", canonical="AMNESTY", sector="NGM", cameo="NGM")
    assert cp.actor_code(body) == "NGM"


def test_set_scores_are_micro_averaged_with_exact_records() -> None:
    pairs = [
        ({("A", "B", "010"), ("A", "C", "020")}, {("A", "B", "010")}),  # 1 tp, 1 fp
        (set(), {("B", "A", "111")}),  # 1 fn
        (set(), set()),  # a noevents record coded right
    ]
    result = cp.score_sets(pairs)
    assert (result["tp"], result["fp"], result["fn"]) == (1, 1, 1)
    assert result["p"] == pytest.approx(0.5)
    assert result["r"] == pytest.approx(0.5)
    assert result["f1"] == pytest.approx(0.5)
    assert result["exact"] == pytest.approx(1 / 3)
    assert cp.prf(0, 0, 0) == {"p": 0.0, "r": 0.0, "f1": 0.0}


def test_relaxed_scores_cut_codes_to_the_root_or_drop_them() -> None:
    predicted = {("ARN", "GON", "0231"), ("ARN", "DAG", "190")}
    gold = {("ARN", "GON", "023"), ("GON", "ARN", "111")}
    assert cp.at_root(predicted) == {("ARN", "GON", "02"), ("ARN", "DAG", "19")}
    assert cp.as_pairs(gold) == {("ARN", "GON"), ("GON", "ARN")}
    records = [cp.Record("R-1", "DEMO", cp.date(1995, 1, 1), "x", frozenset(gold), "events")]
    scores = cp.score([predicted], records)
    assert scores["n_triple_tp"] == 0 and scores["triple_f1"] == 0.0
    assert scores["n_triple_root_tp"] == 1 and scores["triple_f1_root"] == 0.5
    assert scores["n_pair_tp"] == 1 and scores["pair_f1"] == 0.5
    assert scores["record_exact"] == 0.0 and scores["expected_triples"] == 2


SUITE_XML = """<Validation>
<Environment><Verbfile>v.txt</Verbfile></Environment>
<Sentences>
<!-- a comment -->
<Sentence date="19950101" id="DEMO-00" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<EventCoding sourcecode="GON" targetcode="ARN" eventcode="064"></EventCoding>
<Text>
Arnor is about to restore
ties with Gondor.
</Text>
<Parse>(ROOT (S (NP (NNP Arnor))))</Parse>
</Sentence>
<Config option="require_dyad" value="False"></Config>
<Sentence date="20080121" id="DEMO-01" category="DEMO" sentence="true">
<EventCoding noevents = "True"></EventCoding>
<Text>Nothing happened.</Text>
</Sentence>
<Config option="require_dyad" value="TRUE"></Config>
<Config option="comma_max" value="6"></Config>
<Sentence date="19950101" id="DEMO-01" category="ERROR" sentence="true">
<EventCoding error="dateline"></EventCoding>
<Text>BAGHDAD, Jan 1 (AFP)</Text>
</Sentence>
</Sentences>
</Validation>
"""


def test_suite_records_follow_config_and_kinds(tmp_path: Path) -> None:
    path = tmp_path / "records.xml"
    path.write_text(SUITE_XML, encoding="utf-8")
    first, second, third = cp.load_records(path)
    assert first.ident == "DEMO-00" and first.kind == "events" and first.require_dyad
    assert first.text == "Arnor is about to restore ties with Gondor."
    assert first.expected == {("ARN", "GON", "064"), ("GON", "ARN", "064")}
    assert first.day == cp.date(1995, 1, 1)
    assert second.kind == "noevents" and second.expected == frozenset()
    assert not second.require_dyad and second.day == cp.date(2008, 1, 21)
    assert third.ident == "DEMO-01#2" and third.kind == "error" and third.error == "dateline"
    assert third.require_dyad


def test_petrarch_main_skips_without_data(tmp_path: Path, capsys) -> None:
    out = tmp_path / "scores.json"
    assert cp.main(["--data", str(tmp_path / "nowhere"), "--json", str(out)]) == 0
    assert "SKIP" in capsys.readouterr().out
    assert "skipped" in json.loads(out.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- PLOVER (fast)


def test_gold_plover_types_map_onto_the_2021_names() -> None:
    assert cv.to_sitrep_type("FIGHT") == "ASSAULT"
    assert cv.to_sitrep_type("ASSAULT") == "ASSAULT"
    assert cv.to_sitrep_type("DEMAND") == "REQUEST"
    assert cv.to_sitrep_type("DISAPPROVE") == "ACCUSE"
    assert cv.to_sitrep_type("INVESTIGATE") == "INVESTIGATE"
    assert cv.to_sitrep_type("agree") == "AGREE"
    assert cv.to_sitrep_type("CRIME") is None
    assert cv.to_sitrep_type("DOCUMENT") is None
    assert len(cv.GOLD_TO_SITREP) == 18
    assert set(cv.GOLD_TO_SITREP.values()) == {
        "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT",
        "INVESTIGATE", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE",
        "SANCTION", "COERCE", "ASSAULT"}


def test_first_claim_prefers_an_asserted_one() -> None:
    hedged = SimpleNamespace(polarity="hedged", plover="THREATEN")
    asserted = SimpleNamespace(polarity="asserted", plover="ASSAULT")
    assert cv.first_claim([hedged, asserted]) is asserted
    assert cv.first_claim([hedged]) is hedged
    assert cv.first_claim([]) is None


def test_country_scores_count_only_gold_actors_with_a_code() -> None:
    pairs = [("USA", "USA"), ("IGO", None), ("ARM", "AZE"), (None, "ARM"), ("AZE", None)]
    scores = cv.country_scores(pairs, "source")
    assert scores["n_source_gold"] == 4
    assert scores["n_source_given"] == 2
    assert scores["source_country_accuracy"] == 0.25
    assert scores["source_country_coverage"] == 0.5
    assert scores["source_country_precision"] == 0.5


def _record(ident: str, event: str, source: str | None = "USA") -> Any:
    return cv.Record(ident, event, "", "text", "2000-01-01", source, None)


def _prediction(event: str | None, source: str | None = None, *others: str) -> Any:
    return cv.Prediction(event, None, source, None, all_events=(
        (event,) if event else ()) + others, claims="x" if event else "")


def test_event_accuracy_overall_and_on_expressible_types() -> None:
    records = [_record("1", "FIGHT"), _record("2", "DEMAND"), _record("3", "AGREE"),
               _record("4", "DISAPPROVE"), _record("5", "PROTEST", None)]
    predictions = [_prediction("ASSAULT", "USA"), _prediction("ACCUSE", None, "REQUEST"),
                   _prediction(None), _prediction("ACCUSE", "RUS"), _prediction("PROTEST")]
    expressible = {"ASSAULT", "REQUEST", "ACCUSE", "PROTEST"}
    scores = cv.score(records, predictions, expressible)
    assert scores["event_accuracy"] == 0.6
    assert scores["records_expressible"] == 4
    assert scores["event_accuracy_expressible"] == 0.75
    assert scores["event_accuracy_any_claim"] == 0.8
    assert scores["event_coverage"] == 0.8
    assert scores["records_without_claim"] == 1
    assert scores["source_country_accuracy"] == 0.25
    assert scores["source_country_coverage"] == 0.5
    rows = cv.per_type(records, predictions)
    assert rows["DEMAND"] == {"sitrep": "REQUEST", "records": 1, "right": 0,
                              "predicted": {"ACCUSE": 1}}
    assert cv.predicted_precision(records, predictions)["ACCUSE"] == (1, 2)


def test_plover_records_leave_out_the_document_header(tmp_path: Path) -> None:
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps([
        {"id": "X-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "about"},
        {"id": "X-FIGHT-0001", "event": "FIGHT", "text": "Serb  forces\nattacked.",
         "date": "2000-01-01", "source": [{"actorText": "Serb", "code": "SRBMIL"}],
         "target": [], "eventText": "attacked", "mode": "other"},
    ]), encoding="utf-8")
    (record,) = cv.load_records(path)
    assert record.ident == "X-FIGHT-0001" and record.event == "FIGHT"
    assert record.text == "Serb forces attacked." and record.source == "SRB"
    assert record.target is None and record.mode == "other"


def test_plover_main_skips_without_data(tmp_path: Path, capsys) -> None:
    out = tmp_path / "scores.json"
    assert cv.main(["--data", str(tmp_path / "nowhere"), "--json", str(out)]) == 0
    assert "SKIP" in capsys.readouterr().out
    assert "skipped" in json.loads(out.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- real data (slow)


def _floors_for(prefix: str) -> dict[str, float]:
    floors = gate.floors_of(json.loads((EVAL / "floors.json").read_text(encoding="utf-8")))
    return {k: v for k, v in floors.items() if k.split(".", 1)[0] == prefix}


@pytest.mark.slow
def test_code_sentence_codes_a_made_up_sentence(tmp_path: Path) -> None:
    actors = tmp_path / "actors.txt"
    actors.write_text("ARNOR [ARN]\nGONDOR [GON]\n", encoding="utf-8")
    resources = cp.load_pipeline_from(actors)
    table = {"restore": "064", "meet": "031:031"}
    day = cp.date(1995, 1, 1)
    assert cp.code_sentence("Arnor is about to restore full diplomatic ties with Gondor.",
                            day, resources, table) == {("ARN", "GON", "064")}
    assert cp.code_sentence("Arnor will meet Gondor.", day, resources, table) == {
        ("ARN", "GON", "031"), ("GON", "ARN", "031")}
    assert cp.code_sentence("Arnor will meet crowds.", day, resources, table) == set()
    assert cp.code_sentence("Arnor will meet crowds.", day, resources, table,
                            require_dyad=False) == {("ARN", "---", "031")}


@pytest.mark.slow
def test_petrarch_validation_scores_reach_their_floors() -> None:
    if not (DATA / cp.SUITE / cp.RECORDS).is_file():
        pytest.skip(f"{DATA / cp.SUITE} is absent (the shared data sets live beside the repo)")
    scores = cp.evaluate(DATA)
    assert scores["petrarch_validation.records"] == 277
    assert scores["petrarch_validation.records_error_skipped"] == 7
    assert scores["petrarch_validation.expected_triples"] == 359
    floors = _floors_for("petrarch_validation")
    assert floors
    assert gate.check(scores, floors) == []


@pytest.mark.slow
def test_plover_gsr_scores_reach_their_floors() -> None:
    if not (DATA / cv.RECORDS).is_file():
        pytest.skip(f"{DATA / cv.RECORDS} is absent (the shared data sets live beside the repo)")
    scores = cv.evaluate(DATA)
    assert scores["plover_gsr.records"] == 189
    floors = _floors_for("plover_gsr")
    assert floors
    assert gate.check(scores, floors) == []
