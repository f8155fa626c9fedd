"""The lesson file: one self-contained HTML file with the slides of /present and the ordering quiz.

It opens from file://, a USB stick or an e-mail attachment with no server and
no network. Everything is inside it: the slides (the same builders as /present,
written out by components/render.py), every style, the vendored plotly geo
bundle, the one topojson the maps use, and assets/present.js, reorder.js,
quiz.js, touch.js and play.js, read from the same files the app serves. It also carries the lesson
itself, as the YAML of a lesson file in a block no browser runs
(script#lesson-source), so a lesson file dropped on the builder opens again.

Safety: event text is escaped by the renderer; JSON inside <script> has its
`<`, `>` and `&` escaped so no text can close the element; and a
Content-Security-Policy allows only the file's own scripts, by hash, and no
request to anywhere (data: and blob: images only), so even markup that slipped
past the escaping would not run or fetch anything.

Language: the file's interface words are in the current language (timeline.i18n; `python -m timeline bundle
--lang fr`, or /lesson-file?lang=fr), <html> carries its `lang` and `dir`, and quiz.js takes its sentences
from the quiz's data-text (components/quiz.py). The events' text stays in the language of the source.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
from html import escape
from pathlib import Path

import plotly.io.json as plotly_json
from dash import html

from timeline import i18n
from timeline.figures.strip import Strip, strip_layout
from timeline.formats.deck import Deck, build_deck
from timeline.formats.lessonyaml import lesson_yaml
from timeline.formats.quiz import quiz_cards
from timeline.i18n import gettext as _
from timeline.i18n import lazy_gettext
from timeline.load.collection import Collection
from timeline.load.lessons import Lesson
from timeline.load.passages import Passage, quote_passages
from timeline.query.search import Filters
from timeline.web.components import ids
from timeline.web.components.quiz import quiz_section
from timeline.web.components.render import to_html
from timeline.web.components.slide import (
    MAP_CONFIG,
    deck_slides,
    file_map_box,
    nav_buttons,
    slide_figure,
    top_bar,
)
from timeline.web.components.speaker_note import speaker_note

ASSETS = Path(__file__).resolve().parents[2] / "assets"
STYLES = ("style.css", "present.css", "quiz.css", "play.css")
SCRIPTS = ("present.js", "reorder.js", "quiz.js", "touch.js", "play.js")  # touch.js: fingers on the maps
LESSON_SOURCE = "lesson-source"  # the id of the block that holds the lesson's YAML
PLOTLY = ASSETS / "vendor" / "plotly-geo.min.js"
NEAR = [1, 2]  # maps drawn around the slide shown, as on /present
# Translators: the keys of the lesson file's slides, on its first slide. Keep the keys' names (→ Space PageDown
# ← PageUp Home End F N) as they are: they are written on the keyboard.
FILE_KEYS = lazy_gettext(
    "Next: → Space PageDown · Back: ← PageUp · First/last: Home End · Full screen: F · Teacher's notes: N"
)

# Our own start-up code: plotly's geo traces read their country shapes from window.PlotlyGeoAssets, so
# none is fetched; and #quiz in the URL shows the quiz instead of the slides.
BOOT = """(function () {
  var shapes = {};
  document.querySelectorAll('script[data-topojson]').forEach(function (s) {
    shapes[s.getAttribute('data-topojson')] = JSON.parse(s.textContent);
  });
  window.PlotlyGeoAssets = { topojson: shapes };
  function route() {
    var quiz = window.location.hash === '#quiz';
    document.querySelector('.present').hidden = quiz;
    document.getElementById('quiz').hidden = !quiz;
    if (quiz) { document.querySelector('#quiz h1').focus(); }
  }
  window.addEventListener('hashchange', route);
  document.addEventListener('DOMContentLoaded', route);
})();"""


class UnsafeScript(ValueError):
    """A script to inline that could close its own <script> element."""


def script_json(value) -> str:
    """JSON for inside <script>: no `<`, `>` or `&` (so no `</script>` or `<!--`), no line separators."""
    text = plotly_json.to_json_plotly(value)
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def _inline_script(code: str) -> str:
    lowered = code.lower()
    if "</script" in lowered or "<!--" in lowered:
        raise UnsafeScript("the script contains '</script' or '<!--'")
    return code


def _script_hash(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii") + "'"


def topojson_names(figures: list[dict | None]) -> list[str]:
    """The topojson files plotly asks for to draw these figures ('africa_50m'): scope and resolution of each geo."""
    names = set()
    for figure in figures:
        geo = (figure or {}).get("layout", {}).get("geo")
        if geo is not None:
            names.add(f"{geo.get('scope', 'world')}_{int(geo.get('resolution', 110))}m")
    return sorted(names)


def bundle_name(deck: Deck) -> str:
    """'gspc-to-jnim.html'; in another language than English, 'gspc-to-jnim-fr.html', so both can sit side by side."""
    lang = i18n.current()
    suffix = "" if lang == i18n.DEFAULT else f"-{lang}"
    return f"{deck.lesson_id or 'timeline'}{suffix}.html"


def lesson_source(collection: Collection, lesson_id: str | Lesson | None) -> str:
    """The lesson itself, as the YAML of a lesson file, in a block of the file that no browser runs: the
    builder opens a dropped lesson file again from it. Empty for the deck of every event."""
    lesson = collection.lessons.get(lesson_id) if isinstance(lesson_id, str) else lesson_id
    if lesson is None:
        return ""
    text = _inline_script(lesson_yaml(dataclasses.replace(lesson, collection=collection.id), for_script=True))
    return f'<script type="text/x-yaml" id="{LESSON_SOURCE}">\n{text}</script>'


def bundle_html(
    collection: Collection,
    lesson_id: str | Lesson | None = None,
    passages: dict[str, Passage] | None = None,
    strip: Strip | None = None,
    figures: list[dict | None] | None = None,
    filters: Filters | None = None,
) -> str:
    """The lesson file of `lesson_id` (the events that pass `filters` in date order when None, at most
    DECK_LIMIT); raises deck.UnknownLesson. A Lesson a teacher's browser sent may stand for the id (see
    web/lessonrequest.py). `passages`, `strip` and `figures` may come from the present page, which keeps them."""
    deck = build_deck(collection, lesson_id, filters)
    passages = quote_passages(collection) if passages is None else passages
    strip = strip_layout(collection.events) if strip is None else strip
    if figures is None:
        figures = [slide_figure(deck, index, collection) for index in range(len(deck.events) + 1)]
    count = len(deck.events) + 1
    boxes = {index: file_map_box(index) for index, figure in enumerate(figures) if figure}
    slides = deck_slides(collection, passages, deck, strip, 0, boxes, keys=str(FILE_KEYS))
    tools = [
        html.Button(
            # Translators: the button that shows and hides the teacher's notes; N is the key that does the same.
            _("Teacher's notes (N)"),
            className="present-tool",
            **{"data-present": "notes", "aria-pressed": "false"},
        ),
        html.A(_("Quiz"), href="#quiz", className="present-tool"),
    ]
    present = html.Div(
        [
            top_bar(deck, 0, count, tools),
            html.Div([*slides, *nav_buttons(0, count)], className="present-stage"),
            html.Aside(
                [speaker_note(deck, index, 0) for index in range(count)],
                className="speaker-panel",
                **{"aria-label": _("Teacher's notes")},
            ),
        ],
        id=ids.PRESENT,
        className="present notes-toggle",
        **{"data-current": "0", "data-count": str(count), "data-lesson": deck.lesson_id or "", "data-url": "hash"},
    )
    quiz = html.Main(
        [
            # Translators: the link from the lesson file's quiz back to its slides.
            html.Nav(html.A(_("← Back to the slides"), href="#"), className="quiz-links"),
            quiz_section(deck.title, quiz_cards(collection, passages, deck), salt=deck.lesson_id or ""),
        ],
        id="quiz",
        className="quiz-page",
        hidden=True,
    )
    graphs = {str(index): figure for index, figure in enumerate(figures) if figure}
    config = {**MAP_CONFIG, "topojsonURL": ""}
    data = [
        f'<script type="application/json" id="present-figures">'
        f"{script_json({'near': NEAR, 'graphs': graphs, 'config': config})}</script>"
    ]
    for name in topojson_names(figures):
        shapes = json.loads((ASSETS / "topojson" / f"{name}.json").read_text(encoding="utf-8"))
        data.append(f'<script type="application/json" data-topojson="{escape(name)}">{script_json(shapes)}</script>')
    code = [
        BOOT,
        PLOTLY.read_text(encoding="utf-8"),
        *((ASSETS / name).read_text(encoding="utf-8") for name in SCRIPTS),
    ]
    code = [_inline_script(part) for part in code]
    styles = "\n".join((ASSETS / name).read_text(encoding="utf-8") for name in STYLES)
    if "</style" in styles.lower():
        raise UnsafeScript("a stylesheet contains '</style'")
    policy = (
        "default-src 'none'; "
        f"script-src {' '.join(_script_hash(part) for part in code)}; "
        "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; base-uri 'none'; form-action 'none'"
    )
    scripts = "\n".join(f"<script>{part}</script>" for part in code)
    # Translators: the title of the lesson file's page, in the browser's tab: 'From GSPC to JNIM · Lesson'.
    title = _("%(title)s · Lesson") % {"title": deck.title}
    return f"""<!DOCTYPE html>
<html lang="{i18n.current()}" dir="{i18n.direction()}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{escape(policy)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="timeline bundle">
<title>{escape(title)}</title>
<style>
{styles}
.quiz-title:focus {{ outline: none; }}
</style>
</head>
<body>
{to_html(present)}
{to_html(quiz)}
{"".join(data)}
{lesson_source(collection, lesson_id)}
{scripts}
</body>
</html>
"""


def write_bundle(collection: Collection, out: Path, lesson_id: str | None = None) -> tuple[Deck, int]:
    """Write the lesson file to `out` (UTF-8); returns the deck it shows and the file's size in bytes."""
    deck = build_deck(collection, lesson_id)
    text = bundle_html(collection, lesson_id)
    out.write_text(text, encoding="utf-8")
    return deck, out.stat().st_size
