"""The web view: Datasette over the store, with sitrep's metadata and pages.

`app(db)` builds the Datasette instance (read-only queries; no write plugin is installed); this
module is also the Datasette plugin that adds sitrep's pages: a home page with search, search
results, an event with its claims side by side, and a document with its spans highlighted.
Every piece of stored text reaches the page escaped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from datasette import hookimpl
from datasette.app import Datasette
from datasette.plugins import pm
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup, escape

from sitrep import readout
from sitrep.errors import SitrepError

_PLUGIN = "sitrep"
_SPAN_KINDS = ("statement", "claim", "quantity", "place", "date")
_TABLES = {"statement": "statements", "claim": "claims", "quantity": "quantities",
           "place": "places", "date": "dates"}


def app(db: str | Path) -> Datasette:
    """Datasette over the sitrep database at `db`, with sitrep's metadata, pages and map."""
    path = Path(db)
    if not path.exists():
        raise SitrepError(f"{path}: no database yet; run `sitrep ingest PATH` first")
    if not pm.has_plugin(_PLUGIN):
        import sitrep.web as plugin

        pm.register(plugin, name=_PLUGIN)
    templates = resources.files("sitrep").joinpath("data", "web")
    return Datasette(
        files=[str(path)], metadata=metadata(path.stem), template_dir=str(templates),
        settings={"default_page_size": 50, "sql_time_limit_ms": 2000},
    )


def metadata(database: str) -> dict[str, Any]:
    """Titles, descriptions, facets, full-text search and map settings for each table."""
    return {
        "title": "sitrep",
        "description": "Who claims what happened, to whom, where and when: attributed records "
                       "from conflict statements and news. Every record links to its words.",
        "databases": {database: {"tables": {
            "events": {
                "title": "Events",
                "description": "Claims across documents gathered into one happening, with "
                               "its status: single_source, corroborated, contested or "
                               "numbers_differ.",
                "facets": ["action", "status", "date", "actor_country", "target_country"],
            },
            "claims": {
                "title": "Claims",
                "description": "Claimant says actor did action to target, with polarity, "
                               "codes, date, place and the evidence span.",
                "facets": ["action", "polarity", "claimant_country", "actor_country",
                           "target_country", "date"],
            },
            "event_claims": {
                "title": "Claims in events",
                "description": "Which claims each event gathers, and the claimant's side.",
                "facets": ["claimant_side"],
            },
            "statements": {
                "title": "Statements",
                "description": "Who said what, in which role, on which channel.",
                "facets": ["speaker", "country", "channel", "attribution"],
            },
            "documents": {
                "title": "Documents",
                "description": "Every document read, with its text; search it in full text.",
                "facets": ["language", "kind", "published"],
                "fts_table": "documents_fts", "fts_pk": "rowid",
            },
            "quantities": {"title": "Numbers", "facets": ["what", "side_losing"]},
            "places": {"title": "Place names", "facets": ["country", "precision"]},
            "dates": {"title": "Time expressions", "facets": ["precision"]},
        }}},
        "plugins": {"datasette-cluster-map": {"latitude_column": "lat",
                                              "longitude_column": "lon"}},
    }


@hookimpl
def register_routes() -> list[tuple[str, Callable[..., Any]]]:
    return [
        (r"^/$", _home),
        (r"^/-/sitrep/search$", _search),
        (r"^/-/sitrep/event/(?P<event_id>[^/]+)$", _event),
        (r"^/-/sitrep/document/(?P<document_id>[0-9a-f]{64})$", _document),
    ]


@hookimpl
def render_cell(value: Any, column: str, table: str | None) -> Markup | None:
    """Event and document ids in Datasette's tables link to sitrep's pages."""
    if not isinstance(value, str):
        return None
    if (table, column) in {("events", "id"), ("event_claims", "event_id")}:
        return Markup(f'<a href="/-/sitrep/event/{escape(value)}">{escape(value)}</a>')
    if column == "document_id" or (table, column) == ("documents", "id"):
        return Markup(f'<a href="/-/sitrep/document/{escape(value)}">{escape(value[:12])}…</a>')
    return None


async def _read(datasette: Datasette, fn: Callable[[sqlite3.Connection], Any]) -> Any:
    """Run a reader of sitrep.readout on one of Datasette's read-only connections."""
    def call(conn: sqlite3.Connection) -> Any:
        previous = conn.row_factory
        conn.row_factory = sqlite3.Row
        try:
            return fn(conn)
        finally:
            conn.row_factory = previous

    return await datasette.get_database().execute_fn(call)


async def _page(datasette: Datasette, request: Any, template: str, **context: Any) -> Response:
    context["database"] = datasette.get_database().name
    return Response.html(await datasette.render_template(template, context, request=request))


async def _home(datasette: Datasette, request: Any) -> Response:
    def gather(conn: sqlite3.Connection) -> dict[str, Any]:
        counts = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                  for t in ("documents", "statements", "claims", "events")}
        latest = [dict(r) for r in conn.execute(
            "SELECT * FROM events ORDER BY date DESC, id LIMIT 30")]
        return {"counts": counts, "events": latest}

    return await _page(datasette, request, "sitrep_home.html", **await _read(datasette, gather))


async def _search(datasette: Datasette, request: Any) -> Response:
    query = (request.args.get("q") or "").strip()
    found = await _read(datasette, lambda conn: _search_records(conn, query))
    return await _page(datasette, request, "sitrep_search.html", q=query, **found)


def _search_records(conn: sqlite3.Connection, query: str) -> dict[str, Any]:
    """Documents whose text matches every word; events placed at or quoting the words first,
    then events that the matching documents report."""
    if not query:
        return {"documents": [], "events": []}
    phrase = " ".join('"' + word.replace('"', '""') + '"' for word in query.split())
    documents = [dict(r) for r in conn.execute(
        """SELECT d.id, d.path, d.title, d.published,
                  snippet(documents_fts, 1, char(2), char(3), '…', 16) AS snippet
           FROM documents_fts f JOIN documents d ON d.rowid = f.rowid
           WHERE documents_fts MATCH ? ORDER BY rank LIMIT 100""", (phrase,))]
    for document in documents:
        document["snippet"] = Markup(
            str(escape(document["snippet"])).replace("\x02", "<mark>").replace("\x03", "</mark>"))
    like = f"%{query}%"
    ids = [d["id"] for d in documents]
    marks = ", ".join("?" for _ in ids)
    events = [dict(r) for r in conn.execute(
        f"""SELECT e.*, MIN(CASE WHEN e.location LIKE ? OR c.evidence LIKE ?
                                 OR c.location_canonical LIKE ? THEN 0 ELSE 1 END) AS indirect
            FROM events e JOIN event_claims ec ON ec.event_id = e.id
            JOIN claims c ON c.id = ec.claim_id
            WHERE e.location LIKE ? OR c.evidence LIKE ? OR c.location_canonical LIKE ?
               OR c.document_id IN ({marks})
            GROUP BY e.id ORDER BY indirect, e.date, e.id LIMIT 100""",
        (like, like, like, like, like, like, *ids))]
    return {"documents": documents, "events": events}


async def _event(datasette: Datasette, request: Any) -> Response:
    event_id = request.url_vars["event_id"]

    def gather(conn: sqlite3.Connection) -> dict[str, Any] | None:
        found = readout.events(conn, readout.Filters(event=event_id))
        if not found:
            return None
        event = found[0]
        versions: dict[str, list[dict[str, Any]]] = {}
        for claim in event["claims"]:  # each claimant's side as reconcile gave it
            versions.setdefault(readout.side_of(claim, {}), []).append(claim)
        ordered = sorted(versions.items(), key=lambda kv: (kv[0] == readout.NEUTRAL, kv[0]))
        return {"event": event, "versions": dict(ordered)}

    found = await _read(datasette, gather)
    if found is None:
        raise NotFound(f"no event {event_id}")
    return await _page(datasette, request, "sitrep_event.html", **found)


async def _document(datasette: Datasette, request: Any) -> Response:
    document_id = request.url_vars["document_id"]
    found = await _read(datasette, lambda conn: _document_records(conn, document_id))
    if found is None:
        raise NotFound(f"no document {document_id}")
    return await _page(datasette, request, "sitrep_document.html", **found)


def _document_records(conn: sqlite3.Connection, document_id: str) -> dict[str, Any] | None:
    row = conn.execute(
        """SELECT id, path, url, title, language, published, kind, text FROM documents
           WHERE id = ?""", (document_id,)).fetchone()
    if row is None:
        return None
    records = {
        kind: [dict(r) for r in conn.execute(
            f'SELECT rowid AS rowid_, * FROM {_TABLES[kind]} WHERE document_id = ? '
            f'ORDER BY start, "end"', (document_id,))]
        for kind in _SPAN_KINDS
    }
    spans = [(r["start"], r["end"], kind, r) for kind in _SPAN_KINDS for r in records[kind]]
    return {"document": dict(row), "records": records,
            "highlighted": highlight(row["text"], spans, conn_database(conn))}


def conn_database(conn: sqlite3.Connection) -> str:
    """The Datasette name of the database a connection reads: its file's stem."""
    path = conn.execute("PRAGMA database_list").fetchone()[2]
    return Path(path).stem


def highlight(text: str, spans: list[tuple[int, int, str, dict[str, Any]]], database: str
              ) -> Markup:
    """The text, escaped, cut where any span starts or ends; each piece is wrapped in one
    mark per span covering it (longest outside), and the innermost links to its record."""
    cuts = sorted({0, len(text)} | {s for s, _, _, _ in spans} | {e for _, e, _, _ in spans})
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = sorted((s for s in spans if s[0] <= start and end <= s[1]),
                          key=lambda s: s[0] - s[1])
        html = str(escape(text[start:end]))
        for depth, (_, _, kind, record) in enumerate(reversed(covering)):
            anchor = f'{kind}-{record["rowid_"]}'
            title = escape(_span_title(kind, record))
            if depth == 0:
                href = f"/{escape(database)}/{_TABLES[kind]}/{record['rowid_']}"
                html = (f'<a class="span span-{kind}" href="{href}" title="{title}" '
                        f'data-record="{anchor}">{html}</a>')
            else:
                html = f'<mark class="span span-{kind}" title="{title}">{html}</mark>'
        pieces.append(html)
    return Markup("".join(pieces))


def _span_title(kind: str, record: dict[str, Any]) -> str:
    if kind == "statement":
        return f"statement by {record['speaker']}"
    if kind == "claim":
        return (f"claim: {record['claimant']} says {record['actor'] or '?'} {record['action']} "
                f"{record['target'] or '?'} ({record['polarity']})")
    if kind == "quantity":
        return f"number: {record['what']} {record['low']}/{record['best']}/{record['high']}"
    if kind == "place":
        return f"place: {record['canonical'] or record['name']} ({record['country'] or '?'})"
    return f"date: {record['value'] or '?'}"
