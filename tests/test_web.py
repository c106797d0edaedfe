"""The web view through Datasette's own test client: sitrep's pages, metadata, search, the
map plugin, read-only SQL, and document text that is always escaped."""

from __future__ import annotations

import asyncio
import re

import pytest

from sitrep import ingest, pipeline, store, web

from .corpus import event_id

DENIED = ("2020-10-10", "attack_ground", "Ganja")
SHELLING = ("2020-10-10", "attack_ground", "Stepanakert")


def get(db, *paths: str) -> list:
    """GET each path from a fresh Datasette over `db`; the responses in order."""
    async def fetch() -> list:
        datasette = web.app(db)
        return [await datasette.client.get(path) for path in paths]

    return asyncio.run(fetch())


def document_id(db, name: str) -> str:
    conn = store.connect(db)
    (found,) = conn.execute("SELECT id FROM documents WHERE path LIKE ?", (f"%{name}",))
    return found[0]


def test_home_page_lists_events_and_offers_search(examples_db):
    (page,) = get(examples_db, "/")
    assert page.status_code == 200
    assert '<form class="sitrep-search" action="/-/sitrep/search"' in page.text
    latest = re.findall(r'<a href="/-/sitrep/event/\w+">(\d{4}-\d\d-\d\d) · ', page.text)
    assert len(latest) == 30 and latest == sorted(latest, reverse=True)
    conn = store.connect(examples_db)
    counts = store.counts(conn)
    (events,) = conn.execute("SELECT COUNT(*) FROM events").fetchone()
    assert (f"17 documents, 90 statements, {counts['claims']} claims, {events} events."
            in page.text)


def test_search_finds_events_and_documents(examples_db):
    (page,) = get(examples_db, "/-/sitrep/search?q=Stepanakert")
    assert page.status_code == 200
    events = page.text.split("<h2>Events")[1].split("<h2>Documents")[0]
    links = re.findall(r'<li><a href="/-/sitrep/event/(\w+)">[^<]*</a> <span[^>]*>\w+</span>'
                       r'( <small>)?', events)
    shelling = event_id(examples_db, *SHELLING)
    assert (shelling, "") in links  # placed at Stepanakert: found directly
    assert (event_id(examples_db, *DENIED), " <small>") in links  # in a matching document
    assert links.index((shelling, "")) < links.index((event_id(examples_db, *DENIED),
                                                       " <small>"))
    documents = page.text.split("<h2>Documents")[1]
    assert "Armenian Defence Ministry rejects Ganja accusation, says Stepanakert under fire" in (
        documents)
    assert "<mark>Stepanakert</mark>" in documents
    (nothing,) = get(examples_db, '/-/sitrep/search?q=%22unbalanced')
    assert nothing.status_code == 200 and "No document contains" in nothing.text


def test_event_page_shows_each_side_s_claims_side_by_side(examples_db):
    (page,) = get(examples_db, f"/-/sitrep/event/{event_id(examples_db, *SHELLING)}")
    assert page.status_code == 200
    sections = re.findall(r'<section class="version" data-side="(\w+)">(.*?)</section>',
                          page.text, re.S)
    assert [side for side, _ in sections] == ["ARM", "AZE", "neutral"]
    arm, aze, neutral = (body for _, body in sections)
    assert "<strong>Artsakh</strong> (ARM)" in arm
    assert "that Stepanakert came under rocket and artillery fire again" in arm
    assert "<strong>Hikmet Hajiyev</strong> (AZE)" in aze
    assert "<strong>example.org</strong> (neutral)" in neutral
    assert '<span class="polarity-alleged">alleged</span>' in neutral
    strike = document_id(examples_db, "ganja-strike.txt")
    assert f'href="/-/sitrep/document/{strike}#claim-' in aze
    (denied,) = get(examples_db, f"/-/sitrep/event/{event_id(examples_db, *DENIED)}")
    assert '<span class="polarity-denied">denied</span>' in denied.text
    assert '<span class="status status-contested">contested</span>' in denied.text
    (missing,) = get(examples_db, "/-/sitrep/event/no-such-event")
    assert missing.status_code == 404


def test_document_page_highlights_every_kind_of_span_with_links(examples_db):
    strike = document_id(examples_db, "ganja-strike.txt")
    (page,) = get(examples_db, f"/-/sitrep/document/{strike}")
    assert page.status_code == 200
    text = page.text.split('<div class="doc-text">')[1].split("</div>")[0]
    kinds = set(re.findall(r'class="span span-(\w+)"', text))
    assert kinds == {"statement", "claim", "place", "date", "quantity"}
    assert re.search(r'<a class="span span-quantity" href="/examples/quantities/\d+" '
                     r'title="number: civilian_killed 9/9/9" data-record="quantity-\d+">'
                     r'nine civilians</a>', text)
    assert re.search(r'<a class="span span-place" href="/examples/places/\d+" '
                     r'title="place: Ganja \(AZE\)"', text)
    plain = re.sub(r"<[^>]+>", "", text)
    assert plain.startswith("Azerbaijan accuses Armenia of deadly night strike on Ganja")
    assert "country&#39;s second-largest city" in text


def test_datasette_tables_facets_search_map_and_json(examples_db):
    events, documents, rows, sql = get(
        examples_db, "/examples/events", "/examples/documents.json?_search=Ganja&_shape=array",
        "/examples/claims.json?action=deny&_shape=array",
        "/examples.json?sql=delete+from+claims")
    assert events.status_code == 200
    assert "<h1>Events</h1>" in events.text
    for facet in ("action", "status", "date", "actor_country", "target_country"):
        assert f'data-column="{facet}"' in events.text
    assert "datasette-cluster-map" in events.text
    assert sorted(d["path"].rsplit("/", 1)[1] for d in documents.json()) == [
        "2020-10-11-ganja-strike-arm.txt", "2020-10-11-ganja-strike.txt"]
    assert {r["action"] for r in rows.json()} == {"deny"}
    assert len(rows.json()) == len(store.claims(store.connect(examples_db), action="deny"))
    assert sql.status_code == 400  # queries are read-only


@pytest.fixture(scope="module")
def script_db(tmp_path_factory, resources):
    text = ('Attack on <b>Ganja</b> <script>alert("x")</script>\n\n'
            "“Stepanakert was shelled at dawn,” said Shushan Stepanyan.\n")
    path = tmp_path_factory.mktemp("web") / "hostile.db"
    conn = store.connect(path)
    store.save(conn, pipeline.extract(ingest.from_text(text, path="hostile.txt",
                                                       language="en"), resources))
    conn.close()
    return path


def test_markup_in_documents_renders_as_text(script_db):
    hostile = document_id(script_db, "hostile.txt")
    page, search, table = get(script_db, f"/-/sitrep/document/{hostile}",
                              "/-/sitrep/search?q=script", "/hostile/documents")
    for response in (page, search, table):
        assert response.status_code == 200
        assert "<script>alert" not in response.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page.text
    assert "&lt;b&gt;Ganja&lt;/b&gt;" in page.text
    assert "&lt;<mark>script</mark>&gt;" in search.text
