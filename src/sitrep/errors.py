"""The small hierarchy of errors sitrep raises; the CLI turns each into one line."""

from __future__ import annotations


class SitrepError(Exception):
    """Base class: anything sitrep reports to the user as a one-line message."""


class InputError(SitrepError):
    """An input file (or stdin) could not be read as a document."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class ModelMissingError(SitrepError):
    """A spaCy pipeline or data file that a stage needs is not installed."""


class StoreError(SitrepError):
    """The SQLite store cannot be opened, migrated or written."""


class SettingsError(SitrepError):
    """A setting has an unknown name or a value of the wrong type."""


class LexiconError(SitrepError):
    """A lexicon or actor file is malformed."""
