"""Attribution cues: the speech verbs, "according to" phrases, bulletin headings, channels and
back-reference words of data/attribution.yaml, loaded once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml
from spacy.tokens import Token

from sitrep.errors import LexiconError


@dataclass(frozen=True)
class CueLexicon:
    """Attribution cues from data/attribution.yaml."""

    version: str
    cues: dict[str, frozenset[str]]
    according_to: dict[str, re.Pattern[str]]
    heading: re.Pattern[str]
    channels: tuple[tuple[str, re.Pattern[str]], ...]
    person_refs: frozenset[str]
    organisation_refs: frozenset[str]
    title_refs: frozenset[str]

    def is_cue(self, token: Token, language: str) -> bool:
        lemma = token.lemma_.lower()
        words = self.cues.get(language, frozenset())
        return token.pos_ in {"VERB", "AUX"} and (lemma in words or token.lower_ in words)


def load_lexicon() -> CueLexicon:
    """The bundled attribution cues."""
    text = resources.files("sitrep").joinpath("data/attribution.yaml").read_text("utf-8")
    try:
        data: dict[str, Any] = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise LexiconError(f"attribution.yaml: invalid YAML ({exc})") from None
    words = "|".join(re.escape(w) for w in data["headings"])
    heading = re.compile(
        rf"^[ \t\u00a0]*[-–—•*]*[ \t\u00a0]*(?P<word>{words})[ \t\u00a0]+"
        r"(?:(?:by|of|from|de|du|des|d'|de la)[ \t\u00a0]+)?(?P<who>[^\n]{3,200}?)[ \t\u00a0:]*$",
        re.MULTILINE,
    )
    return CueLexicon(
        version=str(data["version"]),
        cues={lang: frozenset(w.lower() for w in ws) for lang, ws in data["cues"].items()},
        according_to={
            lang: re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ps)) + r")\s+", re.I)
            for lang, ps in data["according_to"].items()
        },
        heading=heading,
        channels=tuple(
            (c["channel"], re.compile("|".join(c["patterns"]))) for c in data["channels"]
        ),
        person_refs=frozenset(data["back_references"]["person"]),
        organisation_refs=frozenset(data["back_references"]["organisation"]),
        title_refs=frozenset(data["back_references"]["title"]),
    )
