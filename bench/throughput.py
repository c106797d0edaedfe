"""Throughput and memory of extract + store on the example corpus.

    python bench/throughput.py [--rounds N]

Each round re-reads every example document with a round marker appended (so the store does
real work instead of answering "unchanged"), extracts it and saves it to a fresh SQLite file.
Prints model load time, documents/second, characters/second and peak resident memory.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from sitrep import ingest, pipeline, store
from sitrep.records import Document
from sitrep.settings import load_settings

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    settings = load_settings()
    started = time.perf_counter()
    resources = pipeline.load_resources(settings)
    for language in ("en", "cs", "fr"):
        resources.models.for_language(language)
    load_seconds = time.perf_counter() - started
    documents = [d for d in ingest.read([str(EXAMPLES)], settings) if isinstance(d, Document)]
    with tempfile.TemporaryDirectory() as folder:
        conn = store.connect(Path(folder) / "bench.db")
        count = chars = statements = 0
        started = time.perf_counter()
        for round_number in range(args.rounds):
            for doc in documents:
                text = f"{doc.text}\n\n(round {round_number})"
                variant = replace(doc, text=text, id=f"{doc.id}-{round_number}")
                extraction = pipeline.extract(variant, resources)
                store.save(conn, extraction)
                count += 1
                chars += len(text)
                statements += len(extraction.statements)
        seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"models loaded (en, cs, fr) in {load_seconds:.1f} s")
    print(f"{count} documents, {chars:,} characters, {statements} statements in {seconds:.1f} s")
    print(f"{count / seconds:.1f} documents/s, {chars / seconds:,.0f} characters/s")
    print(f"peak resident memory {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
