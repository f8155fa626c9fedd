"""The lesson file (`python -m timeline bundle`): self-contained, small enough, and safe with hostile text.

The browser half (opening it from file:// with the network blocked) is in
tests/browser/test_bundle.py.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from dash import dcc, html
from helpers import copy_collection, edit_row, run_timeline

from timeline.formats.deck import UnknownLesson, build_deck
from timeline.load.collection import load_collection
from timeline.web.app import create_app
from timeline.web.components.render import NotRenderable, to_html
from timeline.web.lessonfile import UnsafeScript, _inline_script, bundle_html, script_json, topojson_names

LESSON = "gspc-to-jnim"
MAX_BYTES = 3_000_000
HOSTILE_TITLE = "</script><script>window.ran='title'</script><img src=x onerror=window.ran='img'> Coup"
HOSTILE_SUMMARY = "<!-- <script>window.ran='summary'</script> --> A coup & more"


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of each script element."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data) -> None:
        if self._in_script:
            self.scripts[-1] += data


def parse(text: str) -> Elements:
    parser = Elements()
    parser.feed(text)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def collection():
    return load_collection()


@pytest.fixture(scope="module")
def lesson_file(collection) -> str:
    return bundle_html(collection, LESSON)


def test_the_lesson_file_asks_for_nothing_outside_itself(lesson_file):
    elements = parse(lesson_file)
    for tag, attributes in elements.tags:
        for name in ("src", "href", "action", "data", "poster"):
            value = (attributes.get(name) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//", "file:", "ftp:")), (tag, name, value)
        assert not (tag == "link" and attributes.get("rel") == "stylesheet"), "styles are inlined"
        assert not (tag == "script" and "src" in attributes), "scripts are inlined"
    policy = next(a["content"] for t, a in elements.tags if t == "meta" and a.get("http-equiv"))
    assert "default-src 'none'" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    # No URL the page could fetch in the CSS either (url(...), @import).
    styles = lesson_file.split("<style>")[1].split("</style>")[0]
    assert "url(" not in styles and "@import" not in styles


def test_the_lesson_file_is_at_most_3_mb_and_inlines_one_topojson(lesson_file, collection):
    size = len(lesson_file.encode("utf-8"))
    assert size <= MAX_BYTES, size
    assert lesson_file.count("data-topojson=") == 1
    assert 'data-topojson="africa_50m"' in lesson_file
    everything = bundle_html(collection)
    assert len(everything.encode("utf-8")) <= MAX_BYTES


def test_every_slide_and_note_of_the_lesson_is_in_the_file(lesson_file, collection):
    deck = build_deck(collection, LESSON)
    elements = parse(lesson_file)
    slides = [a.get("data-event") for t, a in elements.tags if "present-slide" in (a.get("class") or "")]
    assert slides == [None, *deck.events["id"]]
    assert 'class="present notes-toggle"' in lesson_file  # notes hidden until N
    assert lesson_file.count('class="speaker-note') == len(deck.events) + 1
    lineage = deck.shows.index("lineage") + 1
    assert f'data-map-box="{lineage}"' in lesson_file
    assert "organisations up to" in lesson_file
    quiz_cards = [a["data-event"] for t, a in elements.tags if a.get("class") == "quiz-card"]
    assert sorted(quiz_cards) == sorted(deck.events["id"])


def test_topojson_names_follow_the_figures():
    assert topojson_names([None, {"layout": {"geo": {"scope": "africa", "resolution": 50}}}]) == ["africa_50m"]
    assert topojson_names([{"layout": {"geo": {}}}, {"layout": {}}]) == ["world_110m"]


def test_hostile_event_text_stays_text(tmp_path):
    folder = copy_collection(tmp_path)
    edit_row(folder / "events.csv", "mali-coup", "Coup d'état in Mali", HOSTILE_TITLE)
    edit_row(folder / "events.csv", "mali-coup", "A coup in Mali created volatility", HOSTILE_SUMMARY)
    text = bundle_html(load_collection(folder), LESSON)
    assert HOSTILE_TITLE not in text
    assert "&lt;/script&gt;&lt;script&gt;window.ran=&#x27;title&#x27;&lt;/script&gt;" in text
    elements = parse(text)
    assert not [t for t, a in elements.tags if t == "img"]
    assert not [(t, n) for t, a in elements.tags for n in a if n.startswith("on")]
    # Only the file's own scripts: two JSON blocks (figures, topojson) and five of code (start-up, plotly,
    # present.js, quiz.js, play.js). The titles inside the figures' JSON have no `<` left to close their element.
    assert len(elements.scripts) == 7
    assert "window.ran" in elements.scripts[0] and "<" not in elements.scripts[0]
    assert not re.search(r"<script>window\.ran", text)


def test_script_json_cannot_close_its_element():
    text = script_json({"title": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    with pytest.raises(UnsafeScript):
        _inline_script("var a = '</SCRIPT>';")


def test_render_escapes_text_and_attributes_and_refuses_what_it_cannot_write():
    node = html.Div(
        ["<b>bold</b> & ", html.Span("x", className='a"b', style={"fontSize": "2px"})],
        **{"data-event": "<id>", "aria-label": "'q'"},
    )
    text = to_html(node)
    # Attribute order follows Dash's props, which is not fixed for data-* and aria-*.
    assert text.startswith("<div ") and text.endswith("</div>")
    assert ' data-event="&lt;id&gt;"' in text and ' aria-label="&#x27;q&#x27;"' in text
    assert '>&lt;b&gt;bold&lt;/b&gt; &amp; <span class="a&quot;b" style="font-size:2px">x</span></div>' in text
    assert to_html(html.Button("Go", disabled=True)) == "<button disabled>Go</button>"
    assert to_html(html.Button("Go", disabled=False)) == "<button>Go</button>"
    with pytest.raises(NotRenderable):
        to_html(dcc.Graph(figure={}))
    with pytest.raises(NotRenderable):
        to_html(html.A("x", href="javascript:alert(1)"))


def test_the_cli_writes_the_file_and_reports_its_size(tmp_path):
    out = tmp_path / "lesson.html"
    result = run_timeline("bundle", "--lesson", LESSON, "--out", out)
    assert result.returncode == 0, result.stderr
    size = out.stat().st_size
    assert f"{size / 1_000_000:.2f} MB" in result.stdout
    assert size <= MAX_BYTES
    missing = run_timeline("bundle", "--lesson", "no-such-lesson", "--out", tmp_path / "x.html")
    assert missing.returncode == 1 and "no-such-lesson" in missing.stderr
    assert not (tmp_path / "x.html").exists()


def test_the_present_page_link_returns_the_same_file(collection):
    app = create_app(collection)
    client = app.server.test_client()
    response = client.get(f"/lesson-file?lesson={LESSON}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == f'attachment; filename="{LESSON}.html"'
    assert response.get_data(as_text=True) == bundle_html(collection, LESSON)
    assert client.get("/lesson-file?lesson=nope").status_code == 404
    assert client.get("/lesson-file?collection=upload").status_code == 404
    with pytest.raises(UnknownLesson):
        bundle_html(collection, "nope")
