"""The lesson builder's requests against the real server: each carries its lesson, and nothing is kept.

POST /lesson/check answers a draft, a link or a dropped YAML with its problems (in the reader's language)
and what the builder shows of each event; /lesson/yaml, /lesson/handout and /lesson/file give the lesson
back as a file. Notes are text everywhere; data/ is the same before and after.
"""

from __future__ import annotations

import hashlib
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from helpers import AQIM, copy_collection, run_timeline
from servers import Server

from timeline.formats.lessonlink import encode
from timeline.load.collection import load_collection

NOTE = '<img src=x onerror="window.ran=1"> Ask: why Bamako? & </script>'
LESSON = {
    "collection": "aqim",
    "title": "Mali, 2012 to 2015",
    "intro": "Three events.",
    "slides": [
        {"event": "radisson-blu-attack", "notes": NOTE},
        {"event": "mali-coup"},
        {"event": "jnim-formed", "show": "lineage", "notes": "ملاحظة بالعربية"},
    ],
}


def tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def server():
    before = tree_hash(AQIM)
    running = Server()
    yield running
    running.stop()
    assert tree_hash(AQIM) == before, "a request wrote into data/"


def post(server, path: str, body: bytes, content_type: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(
        server.url + path, data=body, method="POST", headers={"Content-Type": content_type}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def check(server, body: dict, lang: str = "") -> dict:
    status, _headers, data = post(server, "/lesson/check" + lang, json.dumps(body).encode(), "application/json")
    assert status == 200, data[:300]
    return json.loads(data)


def form(server, path: str, **fields: str) -> tuple[int, dict[str, str], str]:
    status, headers, data = post(
        server, path, urllib.parse.urlencode(fields).encode(), "application/x-www-form-urlencoded"
    )
    return status, headers, data.decode("utf-8")


def test_a_draft_is_checked_and_its_events_described(server) -> None:
    answer = check(server, {"draft": {**LESSON, "slides": [*LESSON["slides"], {"event": "no-such-event"}]}})
    assert answer["ok"] is False and answer["lesson"] is None
    assert answer["problems"] == [
        "your lesson, field 'slides[4].event': unknown event id 'no-such-event' (not in events.csv)"
    ]
    collection = load_collection()
    radisson = collection.event("radisson-blu-attack")
    assert answer["events"]["radisson-blu-attack"] == {
        "date": radisson["date_text"],
        "when": answer["events"]["radisson-blu-attack"]["when"],
        "title": radisson["title"],
        "quote": radisson["quote"],
    }
    assert set(answer["events"]) == {"radisson-blu-attack", "mali-coup", "jnim-formed"}
    assert check(server, {"draft": LESSON})["ok"] is True


def test_problems_come_back_in_the_readers_language(server) -> None:
    answer = check(server, {"draft": {"title": "", "slides": ["mali-coup"]}}, "?lang=fr")
    (problem,) = answer["problems"]
    assert problem.startswith("votre leçon") and "une leçon a besoin d’un titre" in problem
    answer = check(server, {"link": encode(LESSON)[:-5]}, "?lang=ar")
    assert answer["ok"] is False and "الرابط" in answer["problems"][0]


def test_a_link_and_a_dropped_yaml_open_as_the_lesson_they_carry(server) -> None:
    from_link = check(server, {"link": encode(LESSON)})
    assert from_link["ok"] is True
    assert from_link["lesson"] == LESSON
    text = "title: T\nslides:\n  - event: mali-coup\n    notes: n\n"
    from_yaml = check(server, {"yaml": text, "name": "mine.yaml"})
    assert from_yaml["lesson"] == {"title": "T", "slides": [{"event": "mali-coup", "notes": "n"}]}
    refused = check(server, {"yaml": "title: T\ncollection: other\nslides: [mali-coup]\n", "name": "theirs.yaml"})
    assert refused["problems"] == [
        "theirs.yaml, line 2, field 'collection': this lesson was made for the collection 'other', not for 'aqim'"
    ]


def test_the_yaml_download_is_a_lesson_file_that_validate_accepts(server, tmp_path) -> None:
    status, headers, text = form(server, "/lesson/yaml", link=encode(LESSON), collection="")
    assert status == 200
    assert headers["Content-Disposition"] == 'attachment; filename="mali-2012-to-2015.yaml"'
    folder = copy_collection(tmp_path)
    (folder / "lessons" / "mali-2012-to-2015.yaml").write_text(text, encoding="utf-8")
    run = run_timeline("validate", folder)
    assert run.returncode == 0, run.stderr
    lesson = load_collection(folder).lessons["mali-2012-to-2015"]
    assert [slide.event for slide in lesson.slides] == [slide["event"] for slide in LESSON["slides"]]
    assert lesson.slides[0].notes == NOTE and lesson.slides[2].show == "lineage"


def test_the_handout_shows_the_notes_only_when_asked_and_only_as_text(server) -> None:
    status, headers, page = form(server, "/lesson/handout", link=encode(LESSON), collection="", notes="1")
    assert status == 200
    assert (
        "script-src" not in headers["Content-Security-Policy"]
        and "default-src 'none'" in headers["Content-Security-Policy"]
    )
    assert "<img" not in page and "</script>" not in page
    assert "&lt;img src=x onerror=&quot;window.ran=1&quot;&gt; Ask: why Bamako? &amp; &lt;/script&gt;" in page
    assert page.index("Radisson") < page.index("Coup d") < page.index("JNIM")
    _status, _headers, plain = form(server, "/lesson/handout", link=encode(LESSON), collection="")
    assert "why Bamako" not in plain and 'class="teacher-notes"' not in plain


def test_the_lesson_file_carries_the_lesson_and_its_notes_as_text(server) -> None:
    status, headers, page = form(server, "/lesson/file", link=encode(LESSON), collection="")
    assert status == 200
    assert headers["Content-Disposition"] == 'attachment; filename="mali-2012-to-2015.html"'
    assert "<img src=x" not in page
    block = re.search(r'<script type="text/x-yaml" id="lesson-source">\n(.*?)</script>', page, re.S)
    assert block and "<" not in block.group(1)
    answer = check(server, {"yaml": block.group(1), "name": "mali-2012-to-2015.html"})
    assert answer["ok"] and answer["lesson"]["slides"][0]["notes"] == NOTE
    assert answer["lesson"]["collection"] == "aqim"


def test_a_posted_lesson_with_problems_gets_a_page_that_says_so(server) -> None:
    status, _headers, page = form(server, "/lesson/file", link=encode({**LESSON, "title": ""}), collection="")
    assert status == 422
    assert "a lesson needs a title" in page
    status, _headers, page = form(server, "/lesson/yaml", link=encode(LESSON)[:-8], collection="")
    assert status == 422
    assert "cut short" in page or "damaged" in page
