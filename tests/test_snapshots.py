"""Exact snapshots of the statements and claims found in every example document.

Regenerate after an intended change with `pytest tests/test_snapshots.py --update-snapshots`
and review the diff in git before committing it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep import ingest, output, pipeline
from sitrep.records import Document

from .conftest import EXAMPLES

SNAPSHOTS = Path(__file__).parent / "snapshots"
KEYS = ("speaker", "role", "organisation", "country", "polity", "channel", "direct",
        "attribution", "start", "end", "text")
CLAIM_KEYS = ("claimant", "action", "actor", "actor_country", "target", "target_country",
              "polarity", "actor_source", "cameo", "plover", "acled_sub_event_type", "trigger",
              "start", "end")


def _documents(resources) -> list[Document]:
    found = list(ingest.read([str(EXAMPLES)], resources.settings))
    assert all(isinstance(d, Document) for d in found), found
    return found


def _snapshot_name(doc: Document) -> str:
    return Path(doc.path).name.replace("#", "-") + ".json"


def test_example_statements_match_their_snapshots(resources, request):
    update = request.config.getoption("--update-snapshots")
    SNAPSHOTS.mkdir(exist_ok=True)
    mismatched = []
    for doc in _documents(resources):
        extraction = pipeline.extract(doc, resources)
        records = {
            "statements": [
                {k: output.statement_json(s)[k] for k in KEYS} for s in extraction.statements
            ],
            "claims": [{k: output.claim_json(c)[k] for k in CLAIM_KEYS}
                       for c in extraction.claims],
        }
        rendered = json.dumps(records, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        path = SNAPSHOTS / _snapshot_name(doc)
        if update:
            path.write_text(rendered, encoding="utf-8")
        elif not path.exists() or path.read_text(encoding="utf-8") != rendered:
            mismatched.append(path.name)
    if mismatched:
        pytest.fail(f"records differ from snapshots {mismatched}; if intended, rerun with "
                    "--update-snapshots and review the diff")


def test_example_bulletin_claims_match_their_snapshot(bulletin, resources, request):
    """The shared bulletin's claims, exactly. The snapshot keeps names from sitrep's own
    lexicon, codes and offsets only — no words of the bulletin (it is not ours to copy)."""
    (doc,) = ingest.read([str(bulletin)], resources.settings)
    keys = ("claimant", "action", "actor_country", "target_country", "polarity",
            "actor_source", "cameo", "trigger_start", "start", "end")
    records = [{k: output.claim_json(c)[k] for k in keys}
               for c in pipeline.extract(doc, resources).claims]
    rendered = json.dumps(records, indent=2, sort_keys=True) + "\n"
    path = SNAPSHOTS / "shared-embassy-bulletin.claims.json"
    if request.config.getoption("--update-snapshots"):
        path.write_text(rendered, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == rendered, (
        "bulletin claims differ from their snapshot; if intended, rerun with "
        "--update-snapshots and review the diff")
