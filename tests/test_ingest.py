"""Every input kind, and every kind of bad input, read through `ingest.read`."""

from __future__ import annotations

import io
import json
import sys
import unicodedata
from pathlib import Path

import pytest

from sitrep import ingest
from sitrep.records import Document, InputFailure
from sitrep.settings import load_settings

from .conftest import EXAMPLES

SETTINGS = load_settings(environ={})


def read(*paths: str | Path, published: str | None = None) -> list[Document | InputFailure]:
    return list(ingest.read([str(p) for p in paths], SETTINGS, published))


def one(path: str | Path) -> Document:
    (doc,) = read(path)
    assert isinstance(doc, Document), doc
    return doc


def failure(path: str | Path) -> str:
    (item,) = read(path)
    assert isinstance(item, InputFailure), item
    return str(item)


def test_text_with_sidecar_takes_its_metadata():
    doc = one(EXAMPLES / "2020-10-11-ganja-strike.txt")
    assert (doc.published, doc.published_source, doc.kind) == ("2020-10-11", "metadata", "news")
    assert doc.url == "https://example.org/sitrep/examples/news/2020-10-11-ganja-strike"
    assert doc.language == "en"
    assert doc.text.startswith("Azerbaijan accuses Armenia of deadly night strike on Ganja")


def test_dateline_gives_the_date_when_there_is_no_metadata():
    doc = one(EXAMPLES / "2020-09-28-wire-report.txt")
    assert (doc.published, doc.published_source) == ("2020-09-28", "dateline")


def test_czech_and_french_datelines():
    assert ingest.dateline("Baku/Jerevan 20. října 2020 – Boje", "cs") == "2020-10-20"
    assert ingest.dateline("BAKOU, 20 octobre 2020 – Les combats", "fr") == "2020-10-20"
    assert ingest.dateline("YEREVAN, OCTOBER 11, ARMENPRESS. In 2020 …", "en") == "2020-10-11"
    assert ingest.dateline("No dateline here, 2020.") is None


def test_without_metadata_or_dateline_the_date_stays_unknown(tmp_path):
    path = tmp_path / "2020-10-10-undated.md"
    path.write_text("# Talks\n\nThe ministers met and said little.", encoding="utf-8")
    doc = one(path)
    assert (doc.published, doc.published_precision, doc.published_source) == (
        None, "unknown", None)


def test_published_flag_overrides_everything():
    (doc,) = read(EXAMPLES / "2020-10-11-ganja-strike.txt", published="2020-10")
    assert (doc.published, doc.published_precision, doc.published_source) == (
        "2020-10", "month", "command line")


def test_html_main_text_title_and_meta_date():
    doc = one(EXAMPLES / "2020-10-04-aze-presidency.html")
    assert doc.published == "2020-10-04"
    assert doc.title and "Jabrayil" in doc.title
    assert "Cookie" not in doc.text and "All rights reserved" not in doc.text
    assert "“" in doc.text  # &ldquo; entities became typographic quotes, kept as such


def test_json_object_and_jsonl_lines():
    doc = one(EXAMPLES / "2020-10-27-us-ceasefire.json")
    assert (doc.published, doc.language) == ("2020-10-26", "en")
    docs = read(EXAMPLES / "2020-11-wire-briefs.jsonl")
    assert [d.path.rsplit("#", 1)[1] for d in docs] == ["1", "2", "3"]
    assert [d.published for d in docs] == ["2020-11-06", "2020-11-08", "2020-11-09"]


def test_rss_feed_gives_one_document_per_item():
    docs = read(EXAMPLES / "2020-11-10-feed.xml")
    assert len(docs) == 2
    assert all(isinstance(d, Document) and d.published for d in docs)
    assert "<" not in docs[0].text


def test_atom_feed(tmp_path):
    feed = tmp_path / "feed.atom"
    feed.write_text(
        '<?xml version="1.0" encoding="utf-8"?>'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title>'
        "<entry><title>Truce holds</title><link href='https://example.org/a'/>"
        "<updated>2020-10-18T09:00:00Z</updated>"
        "<content type='html'>&lt;p&gt;The truce held overnight, the ministry said.&lt;/p&gt;"
        "</content></entry></feed>",
        encoding="utf-8",
    )
    doc = one(feed)
    assert (doc.title, doc.url, doc.published) == (
        "Truce holds", "https://example.org/a", "2020-10-18")
    assert doc.text == "The truce held overnight, the ministry said."


def test_stdin(monkeypatch):
    text = "ANKARA, Oct. 5, 2020 – Turkey said it would back Azerbaijan in every way."
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
    (doc,) = read("-")
    assert (doc.path, doc.published, doc.text) == ("-", "2020-10-05", text)


def test_legacy_czech_encoding_is_detected(tmp_path):
    text = "Ázerbájdžánská armáda podle ministerstva obrany obsadila další vesnice u Fizuli."
    path = tmp_path / "zprava.txt"
    path.write_bytes(text.encode("cp1250"))
    doc = one(path)
    assert doc.text == text
    assert doc.encoding.replace("_", "").lower() in {"cp1250", "windows1250"}


def test_text_is_nfc_and_keeps_non_breaking_spaces_and_typographic_quotes(tmp_path):
    decomposed = unicodedata.normalize("NFD", "Náhorní Karabach: „boje“\u00a0pokračují.")
    path = tmp_path / "nfd.txt"
    path.write_text(decomposed + "\r\n", encoding="utf-8")
    doc = one(path)
    assert doc.text == "Náhorní Karabach: „boje“\u00a0pokračují."
    assert doc.raw == path.read_bytes()


def test_bom_is_dropped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfThe ministry said the town was calm.")
    assert one(path).text == "The ministry said the town was calm."


def test_example_bulletin_has_czech_title_over_english_body(bulletin):
    doc = one(bulletin)
    assert doc.title == "V Náhorním Karabachu se včera opět rozhořely boje"
    assert (doc.title_language, doc.language) == ("cs", "en")
    assert doc.published is None and doc.published_precision == "unknown"


def test_same_text_gives_same_id(tmp_path):
    (tmp_path / "a.txt").write_text("The same words.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("The same words.", encoding="utf-8")
    assert one(tmp_path / "a.txt").id == one(tmp_path / "b.txt").id


# Bad input: one line naming the file and the problem; the batch goes on.

def test_binary_file(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    assert failure(path) == f"{path}: binary file (contains NUL bytes), not text"


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n")
    assert failure(path) == f"{path}: file is empty"


def test_invalid_utf8_inside_utf8_text(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes("Náhorní Karabach – boje ".encode() + b"\xc3\x28 pokra\xe8uj\xed.")
    assert failure(path).startswith(f"{path}: invalid UTF-8 at byte ")


def test_truncated_html_without_text(tmp_path):
    path = tmp_path / "cut.html"
    path.write_text("<html><head><title>Breaking</title></head><body><div class=", "utf-8")
    assert failure(path) == f"{path}: no main text found in the HTML"


def test_malformed_json(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"text": "The ministry said", "date": ', encoding="utf-8")
    assert failure(path) == f"{path}: malformed JSON: Expecting value at line 1"


def test_json_without_text_field(tmp_path):
    path = tmp_path / "notext.json"
    path.write_text(json.dumps({"title": "No body"}), encoding="utf-8")
    assert failure(path) == f"{path}: JSON object has no non-empty 'text' field"


def test_jsonl_with_one_bad_line_keeps_the_good_ones(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        '{"text": "Shelling resumed near Martuni, officials said."}\n'
        '{"text": "cut off\n'
        '{"text": "The truce held in the north, the army said."}\n',
        encoding="utf-8",
    )
    items = read(path)
    assert [type(i).__name__ for i in items] == ["Document", "InputFailure", "Document"]
    assert str(items[1]) == f"{path}#2: malformed JSON line (Unterminated string starting at)"


def test_malformed_feed(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text("<?xml version='1.0'?><rss><channel><item><title>Cut", encoding="utf-8")
    assert failure(path).startswith(f"{path}: malformed or empty RSS/Atom feed (")


def test_fifty_megabyte_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.seek(50 * 1024 * 1024)
        handle.write(b"x")
    assert failure(path) == (
        f"{path}: file is 52.4 MB, over the 20 MB limit (setting max_bytes); "
        "split it or raise the limit"
    )


def test_missing_path_and_broken_link(tmp_path):
    missing = tmp_path / "nowhere.txt"
    assert failure(missing) == f"{missing}: no such file or directory"
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "gone.txt")
    assert failure(link) == f"{link}: no such file or directory"


def test_bad_sidecar_is_named(tmp_path):
    (tmp_path / "note.txt").write_text("The army said it held the line.", encoding="utf-8")
    sidecar = tmp_path / "note.meta.json"
    sidecar.write_text('{"date": "yesterday"}', encoding="utf-8")
    assert failure(tmp_path / "note.txt") == (
        f"{sidecar}: date 'yesterday' is not an ISO date (YYYY-MM-DD or YYYY-MM)")


def test_directory_of_mixed_files_goes_on_past_bad_ones(tmp_path):
    (tmp_path / "good.txt").write_text("The ministry said the border was quiet.", "utf-8")
    (tmp_path / "empty.md").write_text("", "utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "more.json").write_text('{"text": "Talks resumed, they said."}', "utf-8")
    (tmp_path / "sub" / "more.meta.json").write_text('{"kind": "statement"}', "utf-8")
    (tmp_path / "README.md").write_text("About this folder.", "utf-8")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG")
    items = read(tmp_path)
    summary = sorted((Path(i.path).name, type(i).__name__) for i in items)
    assert summary == [
        ("bin.txt", "InputFailure"), ("empty.md", "InputFailure"),
        ("good.txt", "Document"), ("more.json", "Document"),
    ]
    more = next(i for i in items if i.path.endswith("more.json"))
    assert more.kind == "statement"


def test_a_sidecar_given_as_input_is_not_a_document(tmp_path):
    sidecar = tmp_path / "x.meta.json"
    sidecar.write_text("{}", encoding="utf-8")
    assert failure(sidecar) == f"{sidecar}: is a metadata sidecar (*.meta.json), not a document"


@pytest.mark.parametrize("value", ["2020-13", "27/09/2020"])
def test_bad_published_flag(tmp_path, value):
    (tmp_path / "a.txt").write_text("The army said so.", encoding="utf-8")
    (item,) = read(tmp_path / "a.txt", published=value)
    assert str(item) == (
        f"{tmp_path / 'a.txt'}: --published {value!r} is not YYYY-MM-DD or YYYY-MM")


def test_unreadable_file(tmp_path, monkeypatch):
    # Tests run as root in CI, where permission bits do not stop a read, so the refusal the
    # operating system would give an ordinary user is raised here directly.
    path = tmp_path / "secret.txt"
    path.write_text("The army said nothing.", encoding="utf-8")
    path.chmod(0)

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert failure(path) == f"{path}: permission denied: cannot read the file"
