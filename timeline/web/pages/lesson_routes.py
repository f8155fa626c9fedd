"""The lesson builder's requests: each carries the lesson, which is checked, answered and forgotten.

Each lesson is validated against the collection the request names as a lesson file is
(web/lessonrequest.py); nothing is written to disk.

- POST /lesson/check (JSON): a draft, a link's lesson or a dropped YAML -> its problems, and what the
  builder shows of each event (date as written, title, quote);
- POST /lesson/yaml, /lesson/handout, /lesson/file (a form: the link's payload and the collection): the
  lesson as a lesson file's YAML, as the printable handout, as the one offline HTML file;
- GET /lesson/search?collection=&q= (JSON): the first events that match, to add (web/pages/lesson_start.py).
"""

from __future__ import annotations

import json
from html import escape
from typing import TYPE_CHECKING

from dash import Dash
from flask import Response, jsonify, request

from timeline import i18n
from timeline.core.problems import Problem
from timeline.formats.deck import build_deck
from timeline.formats.handout import handout_html
from timeline.formats.lessonlink import lesson_data
from timeline.formats.lessonyaml import lesson_yaml
from timeline.i18n import gettext as _
from timeline.web.lessonfile import bundle_html, bundle_name
from timeline.web.lessonrequest import (
    CHECK_PATH,
    FILE_PATH,
    HANDOUT_PATH,
    YAML_PATH,
    LessonIndex,
    from_draft,
    from_link,
    from_yaml,
    problem_texts,
    slide_ids,
)
from timeline.web.pages.lesson_start import SEARCH_PATH, search_answer
from timeline.web.pages.present import PresentPage

if TYPE_CHECKING:
    from timeline.web.pages.registry import Registry, Served

MAX_BODY = 3_000_000  # bytes of a check request: the largest lesson a link may carry, as JSON, and then some


def register(app: Dash, registry: Registry) -> None:
    """The builder's requests (POST): check a lesson, and give it back as YAML, a handout or the lesson file."""
    server = app.server

    @server.route(CHECK_PATH, methods=["POST"])
    def check_lesson():
        if (request.content_length or 0) > MAX_BODY:
            return _json_refusal(_("This lesson is too large to send."), 413)
        try:
            body = json.loads(request.get_data())
        except (ValueError, RecursionError):  # not JSON, or arrays nested thousands deep
            body = None
        if not isinstance(body, dict):
            return _json_refusal(_("The request holds no lesson."), 400)
        served = _served(registry, body.get("collection"))
        if served is None:
            return _json_refusal(_("This server has no such collection."), 404)
        index = served.derive(LessonIndex.of)
        sent = {key: body.get(key) for key in ("draft", "link", "yaml") if key in body}
        if len(sent) != 1 or ("draft" not in sent and not isinstance(next(iter(sent.values())), str)):
            return _json_refusal(_("The request holds no lesson."), 422)
        if "draft" in sent:
            lesson, problems = from_draft(index, sent["draft"])
            shown = slide_ids(sent["draft"])
        elif "link" in sent:
            lesson, problems = from_link(index, sent["link"])
            shown = lesson.event_ids if lesson else []
        else:
            name = body.get("name") if isinstance(body.get("name"), str) else ""
            lesson, problems = from_yaml(index, sent["yaml"], name[:200])
            shown = lesson.event_ids if lesson else []
        return jsonify(
            {
                "ok": lesson is not None,
                "problems": problem_texts(problems),
                "lesson": lesson_data(lesson) if lesson is not None and "draft" not in sent else None,
                "events": index.cards(shown),
            }
        )

    @server.route(SEARCH_PATH, methods=["GET"])
    def search_events():
        served = _served(registry, request.args.get("collection"))
        if served is None:
            return _json_refusal(_("This server has no such collection."), 404)
        return jsonify(search_answer(served, request.args.get("q") or ""))

    @server.route(YAML_PATH, methods=["POST"])
    def lesson_as_yaml():
        served, lesson, problems = _posted(registry)
        if lesson is None:
            return _page_refusal(problems)
        headers = {"Content-Disposition": f'attachment; filename="{lesson.id}.yaml"'}
        return Response(lesson_yaml(lesson), mimetype="application/yaml", headers=headers)

    @server.route(HANDOUT_PATH, methods=["POST"])
    def lesson_handout():
        served, lesson, problems = _posted(registry)
        if lesson is None:
            return _page_refusal(problems)
        text = handout_html(
            served.collection, lesson, quiz=request.form.get("quiz") == "1", notes=request.form.get("notes") == "1"
        )
        # The handout has no script of its own; this says so to the browser as well.
        policy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
        return Response(text, mimetype="text/html", headers={"Content-Security-Policy": policy})

    @server.route(FILE_PATH, methods=["POST"])
    def posted_lesson_file():
        served, lesson, problems = _posted(registry)
        if lesson is None:
            return _page_refusal(problems)
        page = served.derive(PresentPage.of)
        deck = build_deck(served.collection, lesson)
        text = bundle_html(served.collection, lesson, served.passages, page.strip, page.figures(deck))
        headers = {"Content-Disposition": f'attachment; filename="{bundle_name(deck)}"'}
        return Response(text, mimetype="text/html", headers=headers)


def _served(registry: Registry, key: object) -> Served | None:
    if key is not None and not isinstance(key, str):
        return None
    try:
        return registry.get(key or None)
    except LookupError:  # unknown here, or a dropped file's key (its file is only in the browser)
        return None


def _posted(registry: Registry):
    """(served, lesson or None, problems) of a form that posts a lesson's link payload and its collection."""
    served = _served(registry, request.form.get("collection"))
    if served is None:
        return None, None, [Problem(_("the link"), None, None, _("This server has no such collection."))]
    lesson, problems = from_link(served.derive(LessonIndex.of), request.form.get("link") or "")
    return served, lesson, problems


def _json_refusal(message: str, status: int) -> Response:
    response = jsonify({"ok": False, "problems": [message], "lesson": None, "events": {}})
    response.status_code = status
    return response


def _page_refusal(problems: list[Problem]) -> Response:
    """A posted lesson that cannot be used: a small page that says why (the builder checks before it posts)."""
    items = "".join(f"<li>{escape(text)}</li>" for text in problem_texts(problems))
    title = escape(_("This lesson cannot be used yet"))
    back = escape(_("Go back to the builder, fix it, and try again."))
    page = (
        f'<!DOCTYPE html><html lang="{i18n.current()}" dir="{i18n.direction()}"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body><h1>{title}</h1><ul>{items}</ul><p>{back}</p></body></html>"
    )
    return Response(page, status=422, mimetype="text/html")
