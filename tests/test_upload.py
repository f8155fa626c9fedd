"""Dropping a file on the explorer: what is accepted, what is refused and how, and that nothing is written."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
from pathlib import Path

import pytest
from helpers import AQIM, ROOT, copy_collection, edit_row

from timeline.core.problems import CollectionError
from timeline.load.library import load_library
from timeline.web import upload
from timeline.web.pages.registry import UPLOADS_KEPT, NoUpload, Registry, UnknownCollection

FIXTURES = Path(__file__).parent / "fixtures" / "timelinejs"


def data_snapshot() -> dict[str, str]:
    """Every file under data/ with a hash of its bytes: an upload must leave this unchanged."""
    return {
        str(path.relative_to(ROOT)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in (ROOT / "data").rglob("*")
        if path.is_file()
    }


def problems_of(excinfo) -> list[tuple]:
    return [(p.file, p.line, p.field) for p in excinfo.value.problems]


def test_our_events_file_is_read_against_the_viewed_collections_sources(aqim):
    result = upload.read_upload("events.csv", (AQIM / "events.csv").read_bytes(), aqim)
    assert result.collection.kind == upload.KIND
    assert list(result.collection.events["id"]) == list(aqim.events["id"])
    assert list(result.collection.events["start"]) == list(aqim.events["start"])
    assert result.collection.sources is aqim.sources


def test_a_bad_row_is_named_by_file_line_and_field(aqim, tmp_path):
    folder = copy_collection(tmp_path)
    line = edit_row(folder / "events.csv", "mali-coup", ",2012,", ",2012-13,")
    with pytest.raises(CollectionError) as excinfo:
        upload.read_upload("my-events.csv", (folder / "events.csv").read_bytes(), aqim)
    assert ("my-events.csv", line, "start") in problems_of(excinfo)


def test_a_quote_not_in_the_viewed_source_is_refused(aqim, tmp_path):
    folder = copy_collection(tmp_path)
    line = edit_row(folder / "events.csv", "mali-coup", "a coup d’etat", "a putsch")
    with pytest.raises(CollectionError) as excinfo:
        upload.read_upload("e.csv", (folder / "events.csv").read_bytes(), aqim)
    assert ("e.csv", line, "quote") in problems_of(excinfo)


def test_timelinejs_sheet_becomes_an_imported_collection(aqim):
    result = upload.read_upload("printing.csv", (FIXTURES / "printing-sheet.csv").read_bytes(), aqim)
    assert result.collection.kind == "imported"
    assert result.format.startswith("TimelineJS sheet")
    assert len(result.collection.events) == 7
    (source,) = result.collection.sources.values()
    assert "not an independent source" in source.kind
    # The notes speak of the browser, not of files an import would write.
    assert not any("media.csv" in note for note in result.notes)


def test_timelinejs_json_with_deep_time_says_what_it_cannot_draw(aqim):
    result = upload.read_upload("deep.json", (FIXTURES / "deep-time.json").read_bytes(), aqim)
    assert any("not shown" in note for note in result.notes)


def test_script_in_timelinejs_text_is_plain_text(aqim):
    sheet = (
        'Year,Headline,Text\n2001,<script>alert(1)</script>Opening,"<img src=x onerror=alert(2)><b>Bold</b> words"\n'
    )
    result = upload.read_upload("x.csv", sheet.encode(), aqim)
    event = result.collection.events.iloc[0]
    for value in (event["title"], event["summary"], event["quote"]):
        assert "<" not in value and "onerror" not in value
    assert "Bold words" in event["quote"]


def test_too_big_is_refused_before_reading(aqim):
    with pytest.raises(upload.OverLimit) as excinfo:
        upload.read_upload("big.csv", b"x" * (upload.MAX_BYTES + 1), aqim)
    assert excinfo.value.message == "big.csv is 4.1 MB; the limit is 4 MB."


def test_too_many_rows_is_refused(aqim, monkeypatch):
    monkeypatch.setattr(upload, "MAX_ROWS", 5)
    with pytest.raises(upload.OverLimit) as excinfo:
        upload.read_upload("events.csv", (AQIM / "events.csv").read_bytes(), aqim)
    assert excinfo.value.message == "events.csv has 22 rows; the limit is 5."


def test_not_utf8_names_the_line(aqim):
    raw = (AQIM / "events.csv").read_bytes().replace("Droukdel’s".encode(), "Droukdel\x92s".encode("latin-1"), 1)
    assert raw != (AQIM / "events.csv").read_bytes()
    with pytest.raises(CollectionError) as excinfo:
        upload.read_upload("latin1.csv", raw, aqim)
    problem = excinfo.value.problems[0]
    assert problem.line is not None and "UTF-8" in problem.message


def test_header_only_and_binary_files_are_refused(aqim):
    header = (AQIM / "events.csv").read_text(encoding="utf-8").split("\n", 1)[0] + "\n"
    with pytest.raises(CollectionError, match="no event rows"):
        upload.read_upload("empty.csv", header.encode(), aqim)
    with pytest.raises(CollectionError, match="binary"):
        upload.read_upload("picture.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00", aqim)


def test_decode_upload_reads_the_data_url_and_refuses_a_huge_one_before_decoding():
    name, raw = upload.decode_data_url("data:text/csv;base64," + base64.b64encode(b"a,b\n").decode(), "f.csv")
    assert (name, raw) == ("f.csv", b"a,b\n")
    with pytest.raises(upload.OverLimit, match="huge.csv is 6.0 MB; the limit is 4 MB"):
        upload.decode_data_url("data:text/csv;base64," + "A" * (upload.MAX_BYTES * 2), "huge.csv")
    with pytest.raises(CollectionError, match="unreadable"):
        upload.decode_data_url("data:text/csv;base64,@@@@", "bad.csv")
    with pytest.raises(CollectionError, match="no content"):
        upload.decode_data_url(None, None)


def test_registry_resolves_keys_and_keeps_a_few_uploads_in_memory(aqim):
    registry = Registry({aqim.id: aqim})
    assert registry.get(None).collection is aqim
    assert registry.get(None).url_key is None  # the default collection keeps plain URLs
    with pytest.raises(NoUpload):
        registry.get(upload.KEY, None)
    with pytest.raises(UnknownCollection):
        registry.get("nope")
    text = (AQIM / "events.csv").read_text(encoding="utf-8")
    first = registry.get(upload.KEY, {"name": "a.csv", "text": text, "base": None})
    assert registry.get(upload.KEY, {"name": "a.csv", "text": text, "base": None}) is first
    for index in range(UPLOADS_KEPT):
        registry.read_upload(f"other-{index}.csv", text.encode(), None)
    assert registry.get(upload.KEY, {"name": "a.csv", "text": text, "base": None}) is not first


def test_reading_uploads_writes_nothing_under_data(aqim, tmp_path):
    before = data_snapshot()
    registry = Registry({aqim.id: aqim})
    registry.read_upload("events.csv", (AQIM / "events.csv").read_bytes(), None)
    registry.read_upload("sheet.csv", (FIXTURES / "printing-sheet.csv").read_bytes(), None)
    with pytest.raises(CollectionError):
        registry.read_upload("bad.csv", b"id,title\nx,y\n", None)
    assert data_snapshot() == before


def test_a_folder_of_collections_is_a_library(tmp_path):
    copy_collection(tmp_path, "b-aqim")
    second = copy_collection(tmp_path, "a-second")
    meta = json.loads((second / "collection.json").read_text(encoding="utf-8"))
    meta["id"], meta["title"] = "second", "Second copy"
    (second / "collection.json").write_text(json.dumps(meta), encoding="utf-8")
    (tmp_path / "notes").mkdir()  # not a collection: ignored
    collections = load_library(tmp_path)
    assert list(collections) == ["second", "aqim"]  # folder order: a-second, b-aqim
    assert load_library(tmp_path / "b-aqim").keys() == {"aqim"}


def test_library_refuses_duplicate_and_reserved_ids_and_empty_folders(tmp_path):
    copy_collection(tmp_path, "one")
    copy_collection(tmp_path, "two")
    with pytest.raises(CollectionError, match="each collection needs its own id"):
        load_library(tmp_path)
    shutil.rmtree(tmp_path / "two")
    meta = json.loads((tmp_path / "one" / "collection.json").read_text(encoding="utf-8"))
    meta["id"] = upload.KEY
    (tmp_path / "one" / "collection.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(CollectionError, match="names uploaded files"):
        load_library(tmp_path)
    (tmp_path / "empty").mkdir()
    with pytest.raises(CollectionError, match="neither a collection folder"):
        load_library(tmp_path / "empty")


def test_imported_events_are_marked_as_having_no_source_quote(aqim):
    from timeline.load.passages import quote_passages
    from timeline.web.components.detail import detail_panel

    def text_of(component) -> str:
        if isinstance(component, (str, int, float)):
            return str(component)
        if isinstance(component, list):
            return " ".join(text_of(child) for child in component)
        children = getattr(component, "children", None)
        return "" if children is None else text_of(children)

    imported = upload.read_upload("p.csv", (FIXTURES / "printing-sheet.csv").read_bytes(), aqim).collection
    first = imported.events.iloc[0]["id"]
    assert "No source quote" in text_of(detail_panel(imported, quote_passages(imported), first))
    bundled = text_of(detail_panel(aqim, quote_passages(aqim), aqim.events.iloc[0]["id"]))
    assert "No source quote" not in bundled and "In the source" in bundled


def test_page_cache_builds_a_page_once_and_keeps_the_last_few():
    from timeline.web.pages.registry import PageCache

    built: list[str] = []

    def build(name: str):
        def make():
            built.append(name)
            return {"page": name}

        return make

    cache = PageCache(size=2)
    first = cache.get(("/", "?q=a"), build("a"))
    assert cache.get(("/", "?q=a"), build("a")) is first
    cache.get(("/", "?q=b"), build("b"))
    cache.get(("/", "?q=c"), build("c"))  # evicts a, the least recently used
    cache.get(("/", "?q=a"), build("a"))
    assert built == ["a", "b", "c", "a"]


def test_a_sheet_whose_first_4096_bytes_end_inside_a_character_is_still_a_sheet(aqim):
    head = 'Year,Headline,Text\n2001,Title,"'
    text = head + "é" * 3000 + '"\n'
    assert (4096 - len(head.encode())) % 2 == 1  # byte 4096 falls inside an 'é'
    result = upload.read_upload("accents.csv", text.encode("utf-8"), aqim)
    assert result.format.startswith("TimelineJS sheet")
