"""The situation report on the examples corpus: figures per side, events side by side,
contested claims, charts, statements with their documents, and the filters."""

from __future__ import annotations

import base64
import re

import pytest
from click.testing import CliRunner

from sitrep.cli import cli

PNG = b"\x89PNG\r\n\x1a\n"


def report(db, *args: str) -> str:
    result = CliRunner().invoke(cli, ["report", "--db", str(db), *args],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def full_md(examples_db) -> str:
    return report(examples_db)


def test_markdown_report_with_charts_beside_it(examples_db, tmp_path):
    out = tmp_path / "sitrep.md"
    report(examples_db, "--format", "md", "--out", str(out))
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Situation report\n")
    assert ("17 documents: 90 statements, 179 claims, 2 events (1 contested), 4 denials"
            in text)
    assert ("| civilian_killed | AZE | – | 9 (Azerbaijan, 2020-10-10) | "
            "61 since the start ((outlet), 2020-09-27) |") in text
    assert "- **2020-10-10 · attack_missile · Ganja** (contested): Armenia denies it" in text
    for name in ("timeline", "map"):
        assert f"](sitrep-{name}.png)" in text
        assert (tmp_path / f"sitrep-{name}.png").read_bytes().startswith(PNG)


def test_each_side_s_version_side_by_side(full_md):
    text = full_md
    ganja = text.split("### 2020-10-10 · attack_missile · Ganja")[1].split("###")[0]
    header, rule, row = [line for line in ganja.splitlines() if line.startswith("|")]
    assert header == "| ARM |AZE |"
    arm, aze = row.strip("|").split(" |")
    assert arm.strip().startswith("**Ministry of Defence of Armenia** (denied): “claims that")
    assert aze.startswith("**Azerbaijan** (asserted): “that an Armenian missile had hit")
    assert "· civilian_killed 9 [2020-10-11-ganja-strike.txt]" in aze
    stepanakert = text.split("### 2020-10-10 · shell · Stepanakert")[1].split("##")[0]
    assert "| ARM |neutral |" in stepanakert


def test_denials_and_statements_link_back_to_their_documents(full_md):
    text = full_md
    assert ("- 2020-10-11: Shushan Stepanyan (ARM) denies attack_ground by Armenia against "
            "Ganja: “Armenia has not carried out any strike on Ganja or on any other city of "
            "Azerbaijan.” [2020-10-11-ganja-strike-arm.txt](https://example.org/"
            "sitrep/examples/news/2020-10-11-ganja-strike-armenian-denial)") in text
    statements = text.split("## Statements")[1]
    rows = [line for line in statements.splitlines() if line.startswith("| 20")]
    assert len(rows) == 90
    assert any(row.startswith("| 2020-09-28 | Nikol Pashinyan | Prime Minister | ARM | "
                              "Twitter | Second day of the war imposed on us.") and
               row.endswith("[2020-09-28-embassy-bulletin.txt](https://example.org/"
                            "sitrep/examples/embassy/2020-09-28-bulletin) |") for row in rows)


def test_html_report_embeds_its_charts_and_escapes_text(examples_db, tmp_path):
    out = tmp_path / "sitrep.html"
    report(examples_db, "--format", "html", "--out", str(out))
    html = out.read_text(encoding="utf-8")
    images = re.findall(r'src="data:image/png;base64,([^"]+)"', html)
    assert len(images) == 2 and all(base64.b64decode(i).startswith(PNG) for i in images)
    assert '<th>ARM</th><th>AZE</th>' in html
    assert "Azerbaijan’s own military losses on Sunday were “insignificant”" in html
    assert "country&#39;s second-largest city" in html  # quotes in text are escaped


def test_filters_by_period_region_and_conflict(examples_db):
    later = report(examples_db, "--since", "2020-10-11")
    assert "0 events (0 contested)" in later and "No events are stored" in later
    assert "| 2020-09-28 |" not in later.split("## Statements")[1]
    karabakh = report(examples_db, "--region", "Nagorno-Karabakh")
    assert "### 2020-10-10 · shell · Stepanakert" in karabakh
    assert "Ganja" not in karabakh.split("## Events")[1].split("## Timeline")[0]
    conflict = report(examples_db, "--conflict", "nagorno-karabakh")
    assert conflict.startswith("# Situation report: nagorno-karabakh\n")
    assert "2 events (1 contested)" in conflict


def test_unknown_region_or_conflict_is_one_line(examples_db):
    result = CliRunner().invoke(cli, ["report", "--db", str(examples_db), "--region", "Mars"])
    assert result.exit_code != 0
    assert str(result.exception).startswith("unknown region 'Mars'; the regions file knows: "
                                            "Nagorno-Karabakh,")
    with pytest.raises(Exception, match="unknown conflict 'Narnia'; known: Nagorno-Karabakh"):
        CliRunner().invoke(cli, ["report", "--db", str(examples_db), "--conflict", "Narnia"],
                           catch_exceptions=False)
