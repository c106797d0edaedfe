"""The command line: each command parses options, calls one library function, prints."""

from __future__ import annotations

import json
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from sitrep import (
    __version__,
    actors,
    batch,
    doctor,
    export,
    ledger,
    output,
    pipeline,
    readout,
    reconcile,
    report,
    store,
    watch,
)
from sitrep.errors import SitrepError
from sitrep.records import Extraction, InputFailure
from sitrep.settings import Settings, load_settings

_OK, _STRICT_FAILED, _NOTHING = 0, 1, 2


def _settings(ctx: click.Context, **overrides: Any) -> Settings:
    return load_settings(ctx.obj.get("settings_file"), **overrides)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sitrep")
@click.option("--settings", "settings_file", type=click.Path(dir_okay=False),
              help="TOML file of settings (see `sitrep settings`).")
@click.pass_context
def cli(ctx: click.Context, settings_file: str | None) -> None:
    """sitrep: who claims what happened, to whom, where and when."""
    ctx.ensure_object(dict)
    ctx.obj["settings_file"] = settings_file


def _console() -> Console:
    """Rich output; wide enough to read when piped to a file."""
    console = Console()
    return console if console.is_terminal else Console(width=160)


def _existing_store(ctx: click.Context, db: str | None) -> Any:
    """The store the commands that only read need: it must exist already."""
    settings = _settings(ctx, db=db)
    if not Path(settings.db).exists():
        raise SitrepError(f"{settings.db}: no database yet; run `sitrep ingest PATH` first")
    return store.connect(settings.db)


def _err(message: str) -> None:
    click.echo(message, err=True)


def _extractions(
    paths: tuple[str, ...], settings: Settings, published: str | None
) -> Iterator[Extraction | InputFailure]:
    resources = pipeline.load_resources(settings)
    yield from pipeline.run(paths, resources, published)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json",
              show_default=True)
@click.option("--published", help="Publication date (YYYY-MM-DD or YYYY-MM) for every input.")
@click.option("--strict", is_flag=True, help="Exit 1 if any input fails.")
@click.pass_context
def extract(
    ctx: click.Context, paths: tuple[str, ...], fmt: str, published: str | None, strict: bool
) -> None:
    """Run the pipeline on files, folders or - (stdin) and print what was found."""
    settings = _settings(ctx)
    done = failed = 0
    console = _console()
    for item in _extractions(paths, settings, published):
        if isinstance(item, InputFailure):
            failed += 1
            _err(f"sitrep: {item}")
            continue
        done += 1
        if fmt == "json":
            click.echo(json.dumps(output.document_json(item), ensure_ascii=False))
        else:
            console.print(_statements_table(item))
    ctx.exit(_exit_code(done, failed, strict))


def _exit_code(done: int, failed: int, strict: bool) -> int:
    if done == 0:
        return _NOTHING
    return _STRICT_FAILED if strict and failed else _OK


def _statements_table(extraction: Extraction) -> Table:
    doc = extraction.document
    title = f"{doc.path} · {doc.language} · {doc.published or 'date unknown'}"
    table = Table(title=title, title_justify="left", show_lines=False)
    for column in ("speaker", "role", "country", "channel", "direct"):
        table.add_column(column, overflow="fold")
    table.add_column("words", no_wrap=True, overflow="ellipsis", max_width=70)
    for s in extraction.statements:
        words = s.text if len(s.text) <= 70 else s.text[:67] + "…"
        table.add_row(
            s.speaker.canonical, s.speaker.role or "", s.speaker.country or "",
            s.channel or "", "yes" if s.direct else "no", words.replace("\n", " "),
        )
    return table


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", help="SQLite file (default: setting `db`, ./sitrep.db).")
@click.option("--published", help="Publication date (YYYY-MM-DD or YYYY-MM) for every input.")
@click.option("--strict", is_flag=True, help="Exit 1 if any input fails.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Processes parsing batches in parallel (each loads the models once).")
@click.option("--dask", "scheduler", metavar="ADDRESS|local",
              help="Parse on a Dask cluster (scheduler address, or `local` for --workers "
                   "processes here); results come back as Parquet shards.")
@click.pass_context
def ingest(
    ctx: click.Context, paths: tuple[str, ...], db: str | None, published: str | None,
    strict: bool, workers: int, scheduler: str | None,
) -> None:
    """Run the pipeline and store everything; re-ingesting a file changes nothing."""
    settings = _settings(ctx, db=db)
    conn = store.connect(settings.db)
    console = Console(stderr=True)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task("ingesting", total=None)

        def on_item(item: Extraction | InputFailure, status: str) -> None:
            if isinstance(item, InputFailure):
                _err(f"sitrep: {item}")
            done = bar.tasks[task].completed + 1
            elapsed = bar.tasks[task].elapsed or 0.0
            rate = f" · {done / elapsed:.1f} documents/s" if elapsed else ""
            bar.update(task, advance=1, description=f"{done:,} read{rate}")

        if scheduler:
            tally = _cluster().ingest_all(paths, settings, conn, scheduler, published,
                                          workers, on_item)
        else:
            tally = batch.ingest_all(paths, settings, conn, published, workers, on_item)
    if tally.ingested or not store.counts(conn)["events"]:
        reconcile.update_store(conn, _sides(settings))
    totals = store.counts(conn)
    click.echo(
        f"ingested {tally.ingested}, unchanged {tally.unchanged}, "
        f"quarantined {tally.quarantined} · {settings.db} now holds "
        f"{totals['documents']} documents, {totals['statements']} statements, "
        f"{totals['claims']} claims, {totals['quantities']} quantities, "
        f"{totals['events']} events · {tally.seconds:.1f} s, {tally.rate:.1f} documents/s"
    )
    ctx.exit(_exit_code(tally.documents, tally.quarantined, strict))


@cli.command("watch")
@click.argument("source")
@click.option("--db", help="SQLite file (default: setting `db`, ./sitrep.db).")
@click.option("--interval", type=click.FloatRange(min=0), default=300, show_default=True,
              help="Seconds between polls (doubled after each failed poll, up to 32 times).")
@click.option("--max-polls", type=click.IntRange(min=1),
              help="Stop after this many polls (default: run until interrupted).")
@click.option("--once", is_flag=True, help="Poll once and stop (same as --max-polls 1).")
@click.pass_context
def watch_command(
    ctx: click.Context, source: str, db: str | None, interval: float, max_polls: int | None,
    once: bool,
) -> None:
    """Poll an RSS/Atom feed URL or a folder and store new documents as they appear."""
    settings = _settings(ctx, db=db)
    conn = store.connect(settings.db)
    sides = _sides(settings)

    def on_poll(poll: watch.Poll) -> None:
        if poll.failed:
            _err(f"sitrep: poll {poll.number} failed: {poll.status} · next in {poll.wait:g} s")
            return
        events = ""
        if poll.tally.ingested:  # new documents: their claims join the events
            events = f" · {reconcile.summary(reconcile.update_store(conn, sides))}"
        click.echo(f"poll {poll.number} · {poll.status} · ingested {poll.tally.ingested}, "
                   f"unchanged {poll.tally.unchanged}, quarantined {poll.tally.quarantined}"
                   f"{events} · next in {poll.wait:g} s")

    def on_item(item: Extraction | InputFailure, status: str) -> None:
        if isinstance(item, InputFailure):
            _err(f"sitrep: {item}")

    polls = watch.watch(source, settings, conn, interval, 1 if once else max_polls, on_poll,
                        report_item=on_item)
    ctx.exit(_NOTHING if all(p.failed for p in polls) else _OK)


def _cluster() -> Any:
    """The Dask module, imported only when asked for (Dask is an optional extra)."""
    try:
        from sitrep import cluster
    except ImportError as exc:
        raise SitrepError(
            f"--dask needs Dask ({exc}): pip install 'sitrep[cluster]'"
        ) from None
    return cluster


@cli.command("statements")
@click.option("--db", help="SQLite file (default: setting `db`, ./sitrep.db).")
@click.option("--speaker", help="Only speakers whose name contains this.")
@click.option("--country", help="Only speakers of this ISO 3166-1 alpha-3 country.")
@click.option("--limit", type=int, help="At most this many statements.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@click.pass_context
def statements_command(
    ctx: click.Context, db: str | None, speaker: str | None, country: str | None,
    limit: int | None, fmt: str,
) -> None:
    """List stored statements: who said what, where it was said, and the words."""
    rows = store.statements(_existing_store(ctx, db), speaker, country, limit)
    if fmt == "json":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    table = Table(show_lines=False)
    for column in ("date", "speaker", "role", "country", "channel", "document"):
        table.add_column(column, overflow="fold", no_wrap=column in {"date", "document"})
    table.add_column("words", no_wrap=True, overflow="ellipsis", max_width=60)
    for row in rows:
        words = row["text"] if len(row["text"]) <= 60 else row["text"][:57] + "…"
        table.add_row(
            row["published"] or "", row["speaker"], row["role"] or "", row["country"] or "",
            row["channel"] or "", Path(row["document_path"]).name, words.replace("\n", " "),
        )
    _console().print(table)


@cli.command("claims")
@click.option("--db", help="SQLite file (default: setting `db`, ./sitrep.db).")
@click.option("--action", help="Only this action (e.g. attack_missile, shoot_down, deny).")
@click.option("--country", help="Only claims whose actor or target is of this ISO alpha-3 country.")
@click.option("--claimant", help="Only claimants whose name contains this.")
@click.option("--polarity", type=click.Choice(["asserted", "denied", "hedged", "alleged",
                                               "threatened"]))
@click.option("--limit", type=int, help="At most this many claims.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@click.pass_context
def claims_command(
    ctx: click.Context, db: str | None, action: str | None, country: str | None,
    claimant: str | None, polarity: str | None, limit: int | None, fmt: str,
) -> None:
    """List stored claims: who says who did what to whom, how surely, in which words."""
    rows = store.claims(_existing_store(ctx, db), action, country, claimant, polarity, limit)
    if fmt == "json":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    table = Table(show_lines=False)
    for column in ("date", "claimant", "action", "actor", "target", "polarity"):
        table.add_column(column, overflow="fold")
    table.add_column("evidence", no_wrap=True, overflow="ellipsis", max_width=50)
    for row in rows:
        actor = f"{row['actor'] or '?'} ({row['actor_country'] or '?'})"
        target = f"{row['target'] or '?'} ({row['target_country'] or '?'})"
        table.add_row(row["published"] or "", row["claimant"], row["action"], actor, target,
                      row["polarity"], row["evidence"].replace("\n", " "))
    _console().print(table)


def _sides(settings: Settings) -> reconcile.Sides:
    lexicon = actors.load(settings.actors_file or None)
    return reconcile.load_sides(lexicon, settings.sources_file or None)


@cli.command("reconcile")
@click.option("--db", help="SQLite file (default: setting `db`, ./sitrep.db).")
@click.pass_context
def reconcile_command(ctx: click.Context, db: str | None) -> None:
    """Gather the stored claims into events again (ingest does this by itself)."""
    settings = _settings(ctx, db=db)
    events = reconcile.update_store(_existing_store(ctx, db), _sides(settings))
    click.echo(reconcile.summary(events))


_STATUSES = ["single_source", "corroborated", "contested", "numbers_differ", "mutual_accusation"]


@cli.command("events")
@click.option("--db", help="SQLite file (default: setting `db`, ./sitrep.db).")
@click.option("--status", type=click.Choice(_STATUSES), help="Only events with this status.")
@click.option("--action", help="Only events of this action (e.g. attack_missile, shoot_down).")
@click.option("--country", help="Only events whose actor or target is of this ISO alpha-3 country.")
@click.option("--since", help="Only events on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Only events on or before this date (YYYY-MM-DD).")
@click.option("--limit", type=int, help="At most this many events.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@click.pass_context
def events_command(
    ctx: click.Context, db: str | None, status: str | None, action: str | None,
    country: str | None, since: str | None, until: str | None, limit: int | None, fmt: str,
) -> None:
    """Reconciled events, each with every claim about it side by side."""
    rows = readout.events(_existing_store(ctx, db), readout.Filters(
        since, until, status=status, action=action, country=country, limit=limit))
    if fmt == "json":
        for row in rows:
            click.echo(json.dumps(output.event_json(row), ensure_ascii=False))
        return
    console = _console()
    for row in rows:
        where = row["location"] or "place unknown"
        title = (f"{row['date'] or 'date unknown'} · {row['action']} · {where} · "
                 f"{row['actor_country'] or '?'} → {row['target_country'] or '?'} · "
                 f"[bold]{row['status']}[/bold]")
        table = Table(title=title, title_justify="left", caption=row["status_reason"],
                      caption_justify="left")
        for column in ("claimant", "side", "polarity", "numbers"):
            table.add_column(column, overflow="fold")
        table.add_column("evidence", no_wrap=True, overflow="ellipsis", max_width=60)
        for claim in row["claims"]:
            numbers = ", ".join(
                f"{q['best'] if q['best'] is not None else '?'} {q['what']}"
                for q in claim["quantities"])
            table.add_row(claim["claimant"], claim["claimant_side"] or "?", claim["polarity"],
                          numbers, claim["evidence"].replace("\n", " "))
        console.print(table)


@cli.command("ledger")
@click.option("--db", help="SQLite file (default: setting `db`, ./sitrep.db).")
@click.option("--by", type=click.Choice(["total", "day"]), default="total", show_default=True)
@click.option("--since", help="Only events on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Only events on or before this date (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@click.pass_context
def ledger_command(
    ctx: click.Context, db: str | None, by: str, since: str | None, until: str | None, fmt: str,
) -> None:
    """Per side: losses it claims to have inflicted, losses it admits, what neutrals report."""
    rows = readout.events(_existing_store(ctx, db), readout.Filters(since, until))
    figures = ledger.ledger(rows, by)
    if fmt == "json":
        for figure in figures:
            click.echo(json.dumps(output.figure_json(figure), ensure_ascii=False))
        return
    table = Table(show_lines=False)
    for column in ("side", "figure", "what", "when", "best", "low–high", "claims"):
        table.add_column(column, overflow="fold")
    for f in figures:
        span = ("–" if not f.best else  # no number given: no range either
                f"{'' if f.low is None else f.low}–{'' if f.high is None else f.high}")
        best = "—" if f.uncounted and not f.best else str(f.best)
        best += f" (+{f.uncounted} without a number)" if f.uncounted else ""
        table.add_row(f.side, f.kind, f.what, f.day, best, span, str(len(f.claims)))
    _console().print(table)


@cli.command("search")
@click.argument("query")
@click.option("--db", help="SQLite file (default: setting `db`, ./sitrep.db).")
@click.pass_context
def search_command(ctx: click.Context, query: str, db: str | None) -> None:
    """Full-text search over stored documents (SQLite FTS5 syntax)."""
    settings = _settings(ctx, db=db)
    for row in store.search(store.connect(settings.db), query):
        click.echo(f"{row['published'] or '----------'}  {row['path']}  {row['title'] or ''}")


@cli.command("export")
@click.option("--db", help="SQLite file (default: setting `db`, ./sitrep.db).")
@click.option("--format", "fmt", type=click.Choice(export.FORMATS), required=True,
              help="acled-csv and geojson: one row per event; cameo-tsv, plover-jsonl and "
                   "parquet: one row per claim; jsonl: every record.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output; parquet needs a file).")
@click.pass_context
def export_command(ctx: click.Context, db: str | None, fmt: str, out: Path | None) -> None:
    """Export events and claims for other tools (ACLED, CAMEO, PLOVER, GeoJSON, Parquet)."""
    count = export.write(_existing_store(ctx, db), fmt, out or sys.stdout)
    if out is not None:
        _err(f"wrote {count} rows to {out}")


@cli.command("report")
@click.option("--db", help="SQLite file (default: setting `db`, ./sitrep.db).")
@click.option("--since", help="First day (YYYY-MM-DD) of the period.")
@click.option("--until", help="Last day (YYYY-MM-DD) of the period.")
@click.option("--region", help="Only claims and events inside this region of the regions file.")
@click.option("--conflict", help="Only this conflict's parties (e.g. Nagorno-Karabakh).")
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md",
              show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output); Markdown's PNGs go beside it.")
@click.pass_context
def report_command(
    ctx: click.Context, db: str | None, since: str | None, until: str | None,
    region: str | None, conflict: str | None, fmt: str, out: Path | None,
) -> None:
    """The situation report: figures per side, events side by side, contested claims,
    timeline, map and statements."""
    conn = _existing_store(ctx, db)
    filters = readout.Filters(since, until, region, conflict)
    console = Console(stderr=True)
    with Progress(console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task("report", total=None)
        built = report.build(conn, filters, lambda step: bar.update(task, description=step))
    text = report.write(built, fmt, out)
    if text is not None:
        click.echo(text, nl=False)
    else:
        _err(f"wrote the report to {out}")


@cli.command("serve")
@click.option("--db", help="SQLite file (default: setting `db`, ./sitrep.db).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=8001, show_default=True, help="Port to listen on.")
@click.pass_context
def serve_command(ctx: click.Context, db: str | None, host: str, port: int) -> None:
    """The web view: Datasette over the store with sitrep's pages, search and map."""
    import uvicorn

    from sitrep import web

    datasette = web.app(_settings(ctx, db=db).db)
    _err(f"sitrep: serving {datasette.get_database().path} on http://{host}:{port}/")
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning")


@cli.command("doctor")
@click.option("--build", is_flag=True, help="(Re)build the gazetteer index now.")
@click.pass_context
def doctor_command(ctx: click.Context, build: bool) -> None:
    """Check that the models and data sitrep needs are installed, and say how to fix them."""
    checks = doctor.run(_settings(ctx), build=build)
    for check in checks:
        mark = "ok " if check.ok else "FAIL"
        click.echo(f"[{mark}] {check.name}: {check.detail}")
    ctx.exit(0 if all(c.ok for c in checks) else 1)


@cli.command("settings")
@click.pass_context
def settings_command(ctx: click.Context) -> None:
    """Show every setting, its value and what it does."""
    from sitrep.settings import SETTINGS

    current = _settings(ctx)
    for name, _default, help_text in SETTINGS:
        click.echo(f"{name} = {getattr(current, name)!r}\n    {help_text}")


def main() -> None:
    """Entry point: library errors become one line on stderr, never a traceback."""
    warnings.filterwarnings("ignore", category=FutureWarning)
    warnings.filterwarnings("ignore", category=UserWarning, module="spacy")
    try:
        code = cli(standalone_mode=False)  # click returns ctx.exit's code in this mode
        sys.exit(code if isinstance(code, int) else _OK)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        sys.exit(130)
    except SitrepError as exc:
        _err(f"sitrep: error: {exc}")
        sys.exit(_NOTHING)
