"""The situation report on the examples corpus: figures per side, events side by side,
contested claims, charts, statements with their documents, and the filters."""

from __future__ import annotations

import base64
import re
import sqlite3

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


def counted(db, table: str) -> int:
    conn = sqlite3.connect(db)
    (count,) = conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()
    conn.close()
    return count


def test_markdown_report_with_charts_beside_it(examples_db, tmp_path):
    out = tmp_path / "sitrep.md"
    report(examples_db, "--format", "md", "--out", str(out))
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Situation report\n")
    contested = counted(examples_db, "events WHERE status IN ('contested', 'numbers_differ')")
    assert (f"17 documents: 90 statements, {counted(examples_db, 'claims')} claims, "
            f"{counted(examples_db, 'events')} events ({contested} contested), 4 denials") in text
    for name in ("timeline", "map"):
        assert f"](sitrep-{name}.png)" in text
        assert (tmp_path / f"sitrep-{name}.png").read_bytes().startswith(PNG)


def test_headline_figures_split_by_who_gives_them(full_md):
    figures = full_md.split("## Headline figures")[1].split("## Contested")[0]
    rows = [line for line in figures.splitlines() if line.startswith("| ")]
    assert rows[0] == ("| loss | side losing | claimed by the other side | admitted | "
                       "neutral sources |")
    assert "| air_defence | ARM | 12 (Ministry of Defence of Azerbaijan, 2020-09-27) | – | – |" in (
        rows)
    assert "| soldier_killed | ARM | 550 (Vagif Dargahli, 2020-09-27) | – | – |" in rows
    assert ("| civilian_killed | AZE | – | 9 (Azerbaijan, 2020-10-10) | 61 since the start "
            "((outlet), 2020-09-27) |") in rows
    assert "killed 84 since the start (Shushan Stepanyan, ARM, 2020-09-" in figures.split(
        "Numbers whose losing side is not stated: ")[1]


def test_each_side_s_version_side_by_side(full_md):
    shelling = full_md.split("### 2020-10-10 · attack_ground · Stepanakert")[1].split("###")[0]
    header, _rule, row = [line for line in shelling.splitlines() if line.startswith("|")]
    assert header == "| ARM |AZE |neutral |"
    arm, aze, neutral = row.strip("|").split(" |")
    assert "**Artsakh** (asserted): “that Stepanakert came under rocket and artillery fire" in arm
    assert aze.startswith("**Hikmet Hajiyev** (asserted): “the missile struck an apartment")
    assert neutral.startswith("**example.org** (alleged): “The authorities in Nagorno-Karabakh")
    ganja = full_md.split("### 2020-10-10 · attack_ground · Ganja")[1].split("###")[0]
    assert "| ARM |neutral |" in ganja
    assert "**Ministry of Defence of Armenia** (denied): “claims that Armenian forces" in ganja
    assert ("- **2020-10-10 · attack_ground · Ganja** (contested): denied by Ministry of "
            "Defence of Armenia") in full_md


def test_denials_and_statements_link_back_to_their_documents(full_md):
    assert ("- 2020-10-11: Shushan Stepanyan (ARM) denies attack_ground by Armenia against "
            "Ganja: “Armenia has not carried out any strike on Ganja or on any other city of "
            "Azerbaijan.” [2020-10-11-ganja-strike-arm.txt](https://example.org/"
            "sitrep/examples/news/2020-10-11-ganja-strike-armenian-denial)") in full_md
    statements = full_md.split("## Statements")[1]
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
    assert '<th>ARM</th><th>AZE</th><th>neutral</th>' in html
    assert "Azerbaijan’s own military losses on Sunday were “insignificant”" in html
    assert "country&#39;s second-largest city" in html  # quotes in text are escaped


def test_filters_by_period_region_and_conflict(examples_db):
    later = report(examples_db, "--since", "2020-10-21")
    events = later.split("## Events")[1].split("## Timeline")[0]
    assert all(line.startswith("### 2020-1") and line[4:14] >= "2020-10-21"
               for line in events.splitlines() if line.startswith("### "))
    assert "| 2020-09-28 |" not in later.split("## Statements")[1]
    karabakh = report(examples_db, "--region", "Nagorno-Karabakh")
    headings = [line for line in karabakh.splitlines() if line.startswith("### ")]
    assert "### 2020-10-10 · attack_ground · Stepanakert" in headings
    assert not any("Ganja" in line for line in headings)
    conflict = report(examples_db, "--conflict", "nagorno-karabakh")
    assert conflict.startswith("# Situation report: nagorno-karabakh\n")
    assert "### 2020-10-10 · attack_ground · Ganja" in conflict


def test_unknown_region_or_conflict_is_one_line(examples_db):
    result = CliRunner().invoke(cli, ["report", "--db", str(examples_db), "--region", "Mars"])
    assert result.exit_code != 0
    assert str(result.exception).startswith("unknown region 'Mars'; the regions file knows: "
                                            "Nagorno-Karabakh,")
    with pytest.raises(Exception, match="unknown conflict 'Narnia'; known: Nagorno-Karabakh"):
        CliRunner().invoke(cli, ["report", "--db", str(examples_db), "--conflict", "Narnia"],
                           catch_exceptions=False)
