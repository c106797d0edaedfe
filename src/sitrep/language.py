"""Language identification for a document body and, separately, its title."""

from __future__ import annotations

import re

import py3langid

_WORD = re.compile(r"[^\W\d_]{2,}")
_MIN_WORDS = 3
_SAMPLE_CHARS = 4000


def identify(text: str) -> str | None:
    """ISO 639-1 code of `text`, or None when there are too few words to tell."""
    sample = text[:_SAMPLE_CHARS]
    if len(_WORD.findall(sample)) < _MIN_WORDS:
        return None
    code, _score = py3langid.classify(sample)
    return str(code)
