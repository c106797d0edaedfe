"""Quotation marks: pair the marks of several languages into quoted spans of a text.

Handles “English”, „Czech“, «French» (with non-breaking spaces), "straight", ‘single’ quotes,
apostrophes inside words, and quotes running over several paragraphs, whether each new
paragraph reopens the quote (news style) or not (bulletin style).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CLOSERS: dict[str, str] = {
    "“": "”",
    "„": "“”",
    "«": "»",
    '"': '"',
    "‘": "’",
    "‚": "‘’",
    "‹": "›",
}
_PARAGRAPH_START = re.compile(r"\n[ \t\u00a0]*$")
_SPACE = " \t\n\u00a0\u202f"


@dataclass(frozen=True)
class Quote:
    """A quotation: marks at `open` and `close`; the quoted words are text[start:end]."""

    open: int
    close: int
    start: int
    end: int

    @property
    def outer_end(self) -> int:
        return self.close + 1


def find(text: str, max_chars: int = 12_000) -> list[Quote]:
    """Every quotation in `text`, in order, not nested."""
    found: list[Quote] = []
    i = 0
    while i < len(text):
        mark = text[i]
        if mark in _CLOSERS and _opens(text, i):
            close = _closing(text, i, max_chars)
            if close is not None:
                quote = _trimmed(text, i, close)
                if quote is not None:
                    found.append(quote)
                i = close + 1
                continue
        i += 1
    return found


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after in _SPACE and text[i] not in "«":
        return False
    if text[i] in "‘\"‚":
        return before in _SPACE or before in "([{—–-:;/“„«"
    return True


def _closing(text: str, i: int, max_chars: int) -> int | None:
    opener = text[i]
    closers = _CLOSERS[opener]
    limit = min(len(text), i + max_chars)
    j = i + 1
    while j < limit:
        char = text[j]
        if char in closers and _closes(text, j, opener):
            return j
        reopened = char == opener and opener not in closers and _opens(text, j)
        if reopened and not _PARAGRAPH_START.search(text[max(i, j - 8) : j]):
            return None  # a new quote opened mid-paragraph: this one was never closed
        j += 1
    return None


def _closes(text: str, j: int, opener: str) -> bool:
    after = text[j + 1] if j + 1 < len(text) else " "
    before = text[j - 1]
    if opener in "‘‚" and (after.isalpha() or before in _SPACE):
        return False  # an apostrophe: Azerbaijan’s, don’t
    # a straight mark between a space and a word opens the next quote instead
    return not (opener == '"' and before in _SPACE and after.isalnum())


def _trimmed(text: str, open_at: int, close_at: int) -> Quote | None:
    start, end = open_at + 1, close_at
    while start < end and text[start] in _SPACE:
        start += 1
    while end > start and text[end - 1] in _SPACE:
        end -= 1
    if start >= end:
        return None
    return Quote(open=open_at, close=close_at, start=start, end=end)
