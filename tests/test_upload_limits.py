"""The documented limits of a dropped file (docs/explorer.md: 4 MB and 20,000 rows), each at the limit and just over.

Every limit on the way derives from upload.MAX_BYTES and MAX_ROWS: the data URL the guard lets through,
the body Werkzeug reads, the room the tab's storage has. Files come from bench/make_sheets.py: real-looking
rows, exactly the size and row count asked for. What the reader sees in a browser is tests/browser/test_upload_limits.py.
"""

from __future__ import annotations

import base64
import json

import pytest
from helpers import bench_script
from test_i18n_problems import _texts, _upload_body

from timeline import i18n
from timeline.web import guard, upload
from timeline.web.pages.registry import Registry

make_sheets = bench_script("make_sheets")
NBSP = "\u00a0"


def data_url(raw: bytes, media_type: str = "text/csv") -> str:
    """What the browser's FileReader.readAsDataURL makes of a file."""
    return f"data:{media_type};base64,{base64.b64encode(raw).decode()}"


@pytest.fixture(scope="module")
def client(aqim):
    from timeline.web.app import create_app

    return create_app(aqim).server.test_client()


def test_the_generated_files_have_exactly_the_rows_and_bytes_asked_for():
    for kind in make_sheets.KINDS:
        raw = make_sheets.make(kind, 300, 60_000)
        lines = raw.decode("utf-8").splitlines()
        assert len(raw) == 60_000
        assert len(lines) == 1 + 300 + (kind == "timelinejs"), kind  # header (and a sheet's title row)


# --- size ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [0, 1, 2, 3, 4, 5, 6, 7, 299, 300, 301])
def test_the_decoded_size_is_known_before_decoding(size):
    encoded = base64.b64encode(b"x" * size).decode()
    assert upload.decoded_size(encoded) == size


def test_a_file_of_exactly_the_size_limit_is_read_and_one_byte_more_is_refused_with_its_name():
    at_limit = make_sheets.make("events", 100, upload.MAX_BYTES)
    name, raw = upload.decode_data_url(data_url(at_limit), "at-limit.csv")
    assert (name, len(raw)) == ("at-limit.csv", upload.MAX_BYTES)
    with pytest.raises(upload.OverLimit) as excinfo:
        upload.decode_data_url(data_url(at_limit + b"x"), "over.csv")
    assert excinfo.value.message == "over.csv is 4.1 MB; the limit is 4 MB."  # rounded up: never the limit's 4.0


def test_a_size_is_written_the_readers_way_and_rounded_up():
    assert upload.megabytes(4_000_000) == "4.0"
    assert upload.megabytes(4_000_001) == "4.1"
    assert upload.megabytes(6_150_000) == "6.2"
    with i18n.use("fr"):
        assert upload.megabytes(6_150_000) == "6,2"
        assert upload.too_big_message("aqim.csv", "6,2") == f"aqim.csv fait 6,2 Mo{NBSP}; la limite est de 4 Mo."


def test_the_data_url_limit_holds_the_largest_file_with_the_longest_media_type():
    longest = "a" * 127 + "/" + "b" * 127
    at_limit = data_url(b"\xff" * upload.MAX_BYTES, longest)
    assert len(at_limit) <= upload.MAX_DATA_URL
    guard.data_url(at_limit)  # let through
    with pytest.raises(guard.BadValue):
        guard.data_url(at_limit + "A" * 4)  # three more bytes


# --- rows ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", make_sheets.KINDS)
def test_a_file_of_exactly_the_row_limit_opens_and_one_row_more_is_refused(aqim, kind):
    registry = Registry({aqim.id: aqim})
    rows = upload.MAX_ROWS
    at_limit = make_sheets.make(kind, rows, 3_990_000)
    served = registry.read_upload(f"{kind}.csv", at_limit, None)
    assert len(served.collection.events) == rows
    with pytest.raises(upload.OverLimit) as excinfo:
        registry.read_upload(f"{kind}.csv", make_sheets.make(kind, rows + 1, 3_990_000), None)
    assert excinfo.value.message == f"{kind}.csv has 20,001 rows; the limit is 20,000."


# --- the room the tab keeps it in ------------------------------------------------------------------------


def test_the_tab_keeps_a_file_at_the_limit_and_refuses_one_whose_json_outgrows_its_storage():
    plain = make_sheets.make("timelinejs", 1000, upload.MAX_BYTES)
    stored = upload.for_tab("plain.csv", plain, None)
    assert stored["text"] == plain.decode("utf-8")
    # Every quote doubles once the tab writes the file as JSON: 3 MB of them take 6 million characters.
    quoted = b'Year,Headline\n2001,"' + b'""' * 1_500_000 + b'"\n'
    with pytest.raises(upload.OverLimit) as excinfo:
        upload.for_tab("quoted.csv", quoted, None)
    assert excinfo.value.message.startswith(
        "quoted.csv is too large to keep in this browser tab: stored, it takes 6.1 million characters "
        "and a tab holds 5.2 million."
    )


# --- over HTTP: the upload callback and the guard ---------------------------------------------------------


def _answer(client, contents: str, name: str, headers: dict | None = None) -> tuple[int, list[str]]:
    response = client.post("/_dash-update-component", json=_upload_body(client, contents, name), headers=headers)
    body = response.get_json(silent=True) or {}
    return response.status_code, _texts(body.get("response", {}).get("upload-report"))


def test_over_the_size_limit_the_page_is_told_in_the_readers_language(client):
    over = data_url(b"x" * (upload.MAX_BYTES + 1))
    assert len(over) <= upload.MAX_DATA_URL  # the guard lets it through: the callback refuses it
    status, texts = _answer(client, over, "aqim.csv", {"Accept-Language": "fr"})
    assert status == 200
    assert f"aqim.csv fait 4,1 Mo{NBSP}; la limite est de 4 Mo." in texts


def test_a_data_url_over_the_guards_limit_is_answered_in_the_upload_report_not_with_a_silent_422(client):
    huge = data_url(b"x" * (upload.MAX_BYTES * 3 // 2))
    assert len(huge) > upload.MAX_DATA_URL
    status, texts = _answer(client, huge, "aqim.csv", {"Referer": "http://localhost/?lang=ar"})
    assert status == 200
    assert "حجم \u2068aqim.csv\u2069 6,0 ميغابايت؛ الحد الأقصى 4 ميغابايت." in texts


def test_a_body_over_what_any_callback_sends_is_answered_unread(client):
    body = json.dumps(_upload_body(client, "data:text/csv;base64," + "A" * guard.MAX_BODY, "giant.csv"))
    response = client.post("/_dash-update-component", data=body, content_type="application/json")
    assert response.status_code == 200
    texts = _texts(response.get_json()["response"]["upload-report"])
    assert texts[0].startswith("This file is about ") and texts[0].endswith(" MB; the limit is 4 MB.")
    assert client.application.config["MAX_CONTENT_LENGTH"] == guard.MAX_BODY


def test_the_body_limit_holds_a_page_request_carrying_the_largest_file_the_tab_can_store():
    # A stored file as large as the tab's quota allows: 4 MB whose JSON has as many escapes as fit.
    escapes = upload.STORE_QUOTA - upload.MAX_BYTES - 100
    text = '"' * escapes + "x" * (upload.MAX_BYTES - escapes)
    stored = {"name": "f.csv", "text": text, "base": None}
    upload.for_tab("f.csv", text.encode(), None)  # the tab keeps it
    body = json.dumps({"state": [{"id": "uploaded-file", "property": "data", "value": stored}]}, ensure_ascii=False)
    assert len(body.encode("utf-8")) + guard.ENVELOPE // 2 <= guard.MAX_BODY
