"""The MEANTIME dates evaluation (eval/dates_meantime.py).

The fast tests use a tiny made-up CAT XML article and made-up predictions. The slow test scores
the real corpus (read in place from ../shared/data) against eval/floors.json, and is skipped
when that folder is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep import dates

from .conftest import load_eval

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"

dm = load_eval("dates_meantime")
gate = load_eval("gate")

_TOKENS = [  # (sentence, token): title, dateline, two body sentences
    (0, "Markets"), (0, "fall"),
    (1, "March"), (1, "14"), (1, ","), (1, "2013"),
    (2, "Shares"), (2, "fell"), (2, "yesterday"), (2, "and"), (2, "in"), (2, "2012"), (2, "."),
    (3, "It"), (3, "happened"), (3, "on"), (3, "Tuesday"), (3, "for"), (3, "two"), (3, "days"),
    (3, "."),
]
_TIMEXES = """
<TIMEX3 functionInDocument="CREATION_TIME" m_id="1" type="DATE" value="2013-03-14">
<token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/>
</TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="2" type="DATE" value="2013-03-13">
<token_anchor t_id="9"/></TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="3" type="DATE" value="2012">
<token_anchor t_id="12"/></TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="4" type="DATE" value="2013-03-11">
<token_anchor t_id="17"/></TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="5" type="DURATION" value="P2D">
<token_anchor t_id="19"/><token_anchor t_id="20"/></TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="6" type="DATE" value="2013"/>
"""
TEXT = ("Markets fall\nMarch 14, 2013\nShares fell yesterday and in 2012. "
        "It happened on Tuesday for two days.")


def _write_article(folder: Path) -> Path:
    tokens = "\n".join(f'<token number="{i}" sentence="{s}" t_id="{i + 1}">{t}</token>'
                       for i, (s, t) in enumerate(_TOKENS))
    path = folder / "1_Markets_fall.xml"
    path.write_text(f'<?xml version="1.0" ?><Document doc_id="1" lang="en">\n{tokens}\n'
                    f"<Markables>{_TIMEXES}</Markables><Relations/></Document>", "utf-8")
    return path


@pytest.fixture()
def article(tmp_path: Path):
    return dm.read_article(_write_article(tmp_path))


def test_detokenize_joins_tokens_and_keeps_their_spans() -> None:
    text, spans = dm.detokenize([("1", 0, "Title"), ("2", 1, "May"), ("3", 1, "2"),
                                 ("4", 2, "GM"), ("5", 2, "'s"), ("6", 2, "("), ("7", 2, "up"),
                                 ("8", 2, ")"), ("9", 2, ","), ("10", 3, "Done"), ("11", 3, ".")])
    assert text == "Title\nMay 2\nGM's (up), Done."
    assert spans["4"] == (12, 14) and spans["5"] == (14, 16) and spans["10"] == (23, 27)


def test_read_article_takes_the_dct_and_skips_it_and_empty_timexes(article) -> None:
    assert article.text == TEXT
    assert article.dct == "2013-03-14"
    assert article.dct_span == (13, 27)
    assert article.annotated_end == len(TEXT)
    assert [(t.text, t.type, t.value) for t in article.timexes] == [
        ("yesterday", "DATE", "2013-03-13"), ("2012", "DATE", "2012"),
        ("Tuesday", "DATE", "2013-03-11"), ("two days", "DURATION", "P2D")]


def test_predict_and_score_the_made_up_article(article) -> None:
    preds = dm.predict(article, dates.load())
    # the dateline is dropped; "in 2012" is a year, written as TIMEX3 writes one
    assert [(p.text, p.value) for p in preds] == [("yesterday", "2013-03-13"), ("2012", "2012"),
                                                  ("on Tuesday", "2013-03-12")]
    metrics, errors = dm.score([(article, preds)])
    assert metrics["n_gold_date"] == 3 and metrics["n_gold_all"] == 4
    assert metrics["date_detect_p"] == 1.0
    assert metrics["date_detect_r"] == 1.0
    assert metrics["all_detect_r"] == 0.75
    assert metrics["n_day_gold"] == 2 and metrics["n_day_detected"] == 2
    assert metrics["n_day_correct"] == 1 and metrics["date_value_accuracy"] == 0.5
    assert metrics["n_coarse_gold"] == 1 and metrics["n_coarse_detected"] == 1
    assert metrics["date_value_accuracy_all"] == pytest.approx(2 / 3)
    assert [(e["kind"], e["text"]) for e in errors] == [("wrong_value", "Tuesday")]


def test_our_values_are_written_as_timex3_writes_them() -> None:
    assert dm.timex_value("2009-06-17", "day") == "2009-06-17"
    assert dm.timex_value("2009-06-01", "month") == "2009-06"
    assert dm.timex_value("2009-01-01", "year") == "2009"
    assert dm.timex_value("2009-07-01", "quarter") == "2009-Q3"
    assert dm.timex_value("2008-10-06", "week") == "2008-W41"
    assert dm.timex_value(None, None) is None
    assert [dm.period_start(v) for v in ("1992", "2008-11", "2009-Q3", "2008-W41", "P2D")] == [
        "1992-01-01", "2008-11-01", "2009-07-01", "2008-10-06", None]


def test_score_counts_false_alarms_and_leaves_other_types_out_of_date_precision() -> None:
    art = dm.Article("a", "x" * 40, "2013-03-14", [
        dm.Timex(0, 5, "xxxxx", "DATE", "2013-03"), dm.Timex(10, 15, "xxxxx", "TIME", "T10")])
    preds = [dm.Prediction(0, 3, "xxx", "2013-03-02"), dm.Prediction(10, 12, "xx", None),
             dm.Prediction(20, 25, "xxxxx", "2013-01-01")]
    metrics, errors = dm.score([(art, preds)])
    assert metrics["n_pred"] == 3 and metrics["n_pred_date_scope"] == 2
    assert metrics["date_detect_p"] == 0.5 and metrics["all_detect_p"] == pytest.approx(2 / 3)
    assert metrics["n_coarse_consistent"] == 1
    assert [e["kind"] for e in errors] == ["false_alarm", "wrong_value"]  # 2013-03-02: a day


@pytest.mark.parametrize(("error", "expected"), [
    ({"kind": "missed", "text": "2008", "gold": "2008"}, "bare year"),
    ({"kind": "missed", "text": "last month", "gold": "2010-07"}, "this / last / next"),
    ({"kind": "missed", "text": "the fourth quarter", "gold": "2006-Q4"}, "quarter"),
    ({"kind": "missed", "text": "recently", "gold": "PAST_REF"}, "vague reference"),
    ({"kind": "missed", "text": "early June", "gold": "2009-06"}, "month without a day"),
    ({"kind": "missed", "text": "the day", "gold": "2010-03-02"}, "anaphoric"),
    ({"kind": "wrong_value", "text": "June 17", "gold": "2009-06-17", "ours": "2008-06-17",
      "ours_text": "June 17"}, "previous year"),
    ({"kind": "wrong_value", "text": "Wednesday", "gold": "2006-03-29", "ours": "2006-03-22",
      "ours_text": "on Wednesday"}, "weekday"),
    ({"kind": "wrong_value", "text": "Black Monday", "gold": "1987-10-20", "ours": "2007-10-15",
      "ours_text": "Monday"}, "named day"),
])
def test_category(error: dict, expected: str) -> None:
    assert expected in dm.category(error)


def test_main_skips_without_data(tmp_path: Path, capsys) -> None:
    assert dm.main(["--data", str(tmp_path)]) == 0
    assert "skipped" in capsys.readouterr().err


@pytest.mark.slow
def test_meantime_scores_reach_their_floors(tmp_path: Path) -> None:
    if not (DATA / dm.CORPUS).is_dir():
        pytest.skip(f"{DATA / dm.CORPUS} is absent (the shared data sets live beside the repo)")
    out = tmp_path / "scores.json"
    assert dm.main(["--data", str(DATA), "--json", str(out)]) == 0
    scores = json.loads(out.read_text("utf-8"))
    assert scores["meantime.n_articles"] == 120
    assert scores["meantime.n_gold_date"] == 284
    floors = gate.floors_of(json.loads((ROOT / "eval" / "floors.json").read_text("utf-8")))
    floors = {k: v for k, v in floors.items() if k.startswith("meantime.")}
    assert floors
    assert gate.check(scores, floors) == []
