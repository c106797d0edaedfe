"""Scale: sitrep ingest against bare spaCy, 1,000 against 10,000 documents, serial against
Dask workers, and what 300,000 articles a day would need.

    python bench/scale.py [--small 1000] [--large 10000] [--dask-workers 2] [--skip-large]

The corpus is real news text read in place from ../shared/data: the PolNeAR articles (train,
dev, test) and the GVA news articles, taken in turn and repeated to size, each repeat with a
line that makes it a new document (so the store parses and writes it instead of answering
"unchanged"). Documents are made in memory as they are needed, never copied to disk, and fed
to the same code as `sitrep ingest` (`batch.ingest_items`, `cluster.ingest_items`) with a fresh
SQLite file each time. Bare spaCy is `nlp.pipe` of the English pipeline on the same texts,
same batch size, one process. Peak memory is the largest resident set of this process and all
its children together, sampled every 0.2 s. CPU time (user + system, this process and its
children) is given beside the wall-clock time, as the machine may be shared: documents per
CPU-second is the figure that other work on the machine disturbs least. Each result is printed
as soon as it is measured.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import itertools
import json
import resource
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psutil

from sitrep import batch, cluster, ingest, store
from sitrep.records import Document
from sitrep.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
POLNEAR = SHARED / "polnear"
GVA = SHARED / "gva_news_casualties" / "gva_news_casualties.jsonl.gz"
DAY = 86_400
TARGET_PER_DAY = 300_000


def _sources() -> list[tuple[str, str]]:
    """(name, text) of every PolNeAR and GVA article, interleaved."""
    polnear = [(str(p), p.read_text("utf-8"))
               for part in ("train", "dev", "test")
               for p in sorted((POLNEAR / part / "text").glob("*.txt"))]
    with gzip.open(GVA, "rt", encoding="utf-8") as lines:
        gva = [(f"gva#{item['doc_id']}", item["text"]) for item in map(json.loads, lines)]
    mixed = [x for pair in itertools.zip_longest(polnear, gva) for x in pair if x is not None]
    return [(name, text) for name, text in mixed if text.strip()]


def corpus(sources: list[tuple[str, str]], size: int) -> Iterator[Document]:
    """`size` distinct documents, made one at a time."""
    for number in range(size):
        name, text = sources[number % len(sources)]
        repeat = number // len(sources)
        if repeat:
            text = f"{text}\n\n(Repeat {repeat}.)"
        yield ingest.from_text(text, path=f"{name}@{repeat}")


class PeakMemory:
    """Largest resident memory of this process and its children together, in MB."""

    def __init__(self) -> None:
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for process in [me, *me.children(recursive=True)]:
                try:
                    total += process.memory_info().rss
                except psutil.Error:
                    continue
            self.peak = max(self.peak, total / 2**20)
            self._stop.wait(0.2)


def _cpu_seconds() -> float:
    mine = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return mine.ru_utime + mine.ru_stime + children.ru_utime + children.ru_stime


def _run(label: str, size: int, work: Callable[[], int]) -> dict[str, float]:
    with PeakMemory() as memory:
        started, cpu_started = time.perf_counter(), _cpu_seconds()
        count = work()
        seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu_started
    figures = {"documents": count, "seconds": round(seconds, 1),
               "documents_per_s": round(count / seconds, 2), "cpu_seconds": round(cpu, 1),
               "documents_per_cpu_s": round(count / cpu, 2), "peak_mb": round(memory.peak)}
    print(f"{label} ({size:,}): {json.dumps(figures)}", flush=True)
    return figures


def bare_spacy(sources: list[tuple[str, str]], size: int, settings: Settings) -> int:
    """Tokens that `nlp.pipe` of the English pipeline makes of the corpus' texts."""
    import spacy

    nlp = spacy.load(settings.model_en)
    texts = (doc.text for doc in corpus(sources, size))
    return sum(len(doc) for doc in nlp.pipe(texts, batch_size=settings.batch_size))


def sitrep_ingest(sources: list[tuple[str, str]], size: int, settings: Settings,
                  scheduler: str | None = None, workers: int = 1) -> int:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        local = dataclasses.replace(settings, db=str(db))
        conn = store.connect(db)
        if scheduler:
            tally = cluster.ingest_items(corpus(sources, size), local, conn, scheduler, workers)
        else:
            tally = batch.ingest_items(corpus(sources, size), local, conn, workers)
        conn.close()
    return tally.ingested


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--large", type=int, default=10_000)
    parser.add_argument("--dask-workers", type=int, default=2)
    parser.add_argument("--skip-large", action="store_true")
    args = parser.parse_args()
    settings = load_settings(environ={})
    sources = _sources()
    chars = sum(len(d.text) for d in corpus(sources, args.small))
    print(f"corpus: {len(sources):,} distinct articles; the first {args.small:,} documents "
          f"hold {chars:,} characters", flush=True)
    results: dict[str, dict[str, float]] = {}
    tokens = 0

    def bare() -> int:
        nonlocal tokens
        tokens = bare_spacy(sources, args.small, settings)
        return args.small

    results["bare"] = _run("bare spaCy nlp.pipe", args.small, bare)
    print(f"  tokens: {tokens:,}; {tokens / results['bare']['seconds']:,.0f} tokens/s",
          flush=True)
    results["serial"] = _run("sitrep ingest, serial", args.small,
                             lambda: sitrep_ingest(sources, args.small, settings))
    print(f"  {tokens / results['serial']['seconds']:,.0f} tokens/s; "
          f"{_ratio(results, 'serial', 'bare')} bare spaCy", flush=True)
    filtered = dataclasses.replace(settings, prefilter=1)
    results["prefilter"] = _run("sitrep ingest, serial, prefilter", args.small,
                                lambda: sitrep_ingest(sources, args.small, filtered))
    print(f"  {_ratio(results, 'prefilter', 'bare')} bare spaCy", flush=True)
    results["dask"] = _run(f"sitrep ingest --dask local, {args.dask_workers} workers",
                           args.small, lambda: sitrep_ingest(sources, args.small, settings,
                                                             "local", args.dask_workers))
    print(f"  {_ratio(results, 'dask', 'serial')} serial", flush=True)
    if not args.skip_large:
        results["large"] = _run("sitrep ingest, serial", args.large,
                                lambda: sitrep_ingest(sources, args.large, settings))
        ratio = results["large"]["seconds"] / results["serial"]["seconds"]
        cpu_ratio = results["large"]["cpu_seconds"] / results["serial"]["cpu_seconds"]
        print(f"  {args.large:,} / {args.small:,} documents: time x {ratio:.1f}, "
              f"CPU time x {cpu_ratio:.1f}", flush=True)
    largest = results.get("large", results["serial"])
    per_document = largest["cpu_seconds"] / largest["documents"]
    cores = TARGET_PER_DAY * per_document / DAY
    print(f"projection: {per_document * 1000:.0f} ms of CPU per document (largest serial run); "
          f"{TARGET_PER_DAY:,} articles a day need {cores:.1f} cores busy around the clock "
          f"(plus the one writer)", flush=True)


def _ratio(results: dict[str, dict[str, float]], one: str, other: str) -> str:
    """How `one` compares with `other`: wall-clock and CPU throughput ratios."""
    wall = results[one]["documents_per_s"] / results[other]["documents_per_s"]
    cpu = results[one]["documents_per_cpu_s"] / results[other]["documents_per_cpu_s"]
    return f"{wall:.2f} x (wall clock), {cpu:.2f} x (per CPU-second) of"


if __name__ == "__main__":
    main()
