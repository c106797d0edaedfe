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
        doubled = _doubled_quote(text, i, max_chars)
        if doubled is not None:
            found.append(doubled)
            i = doubled.close + 1
            continue
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


_DOUBLED = re.compile(r"(?:``|'')(?=\S)")


def _doubled_quote(text: str, i: int, max_chars: int) -> Quote | None:
    """``Penn Treebank'' and ''newswire'' quotes made of two marks each."""
    if not _DOUBLED.match(text, i) or (i > 0 and text[i - 1] not in _SPACE + "([—–-"):
        return None
    close = text.find("''", i + 2, min(len(text), i + max_chars))
    if close < 0 or "\n\n" in text[i:close]:
        return None
    quote = _trimmed(text, i + 1, close)
    return Quote(quote.open - 1, close + 1, quote.start, quote.end) if quote else None


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
        if char == "\n" and opener == '"' and _paragraph_ends(text, j, opener):
            return None  # straight marks never run on into an unquoted paragraph
        j += 1
    return None


def _paragraph_ends(text: str, j: int, opener: str) -> bool:
    """True at a line break whose next non-blank line does not reopen the quote."""
    rest = text[j:].lstrip(_SPACE)
    return not rest.startswith(opener)


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
