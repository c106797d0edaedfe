"""sitrep: who claims what happened, to whom, where and when."""

__version__ = "0.1.0"
