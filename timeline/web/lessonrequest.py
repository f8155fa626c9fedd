"""A lesson that arrives in a request: a browser's draft, the lesson a link carries, or a file dropped on the builder.

The server keeps no lesson of a teacher's: each request brings its lesson, which is validated against the
collection the request names exactly as a file in lessons/ is (load.lessons), used for this one answer
and forgotten. Nothing is written anywhere. Problems come back in the reader's language, each naming
what was sent ('your lesson', 'the link', or the dropped file's name) and its field.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd
from dash import html

from timeline import i18n
from timeline.core.problems import Problem
from timeline.formats.lessonlink import lesson_from_link
from timeline.i18n import gettext as _
from timeline.i18n.dates import describe_with_basis
from timeline.i18n.problems import problem_text
from timeline.load.lessons import Lesson, lesson_from_data, lesson_from_text
from timeline.load.translations import localised
from timeline.query import urlstate

MAX_YAML = 2_000_000  # characters of a dropped lesson's text: a lesson file's block is a few kilobytes

# Where a lesson is sent (POST; web/pages/lesson_builder.py answers): to be checked (JSON), or to come back
# as a file. A form's body has no length limit, where a query string has (gunicorn: 4094 bytes a line).
CHECK_PATH = "/lesson/check"
YAML_PATH = "/lesson/yaml"
HANDOUT_PATH = "/lesson/handout"
FILE_PATH = "/lesson/file"
SHARED = "shared"  # ?shared=1: the page's lesson is in the link's fragment, #lesson=v1.…


@dataclass(frozen=True)
class LessonIndex:
    """What checking a lesson needs of one served collection, built once (Served.derive(LessonIndex.of))."""

    events: pd.DataFrame
    collection_id: str

    @classmethod
    def of(cls, served) -> LessonIndex:
        return cls(served.collection.events.set_index("id", drop=False), served.collection.id)

    @cached_property
    def ids(self) -> set[str]:
        return set(self.events.index)

    def cards(self, event_ids: list[str]) -> dict[str, dict]:
        """What the builder shows of each known event, in the reader's language: what the class will see."""
        known = [event_id for event_id in dict.fromkeys(event_ids) if event_id in self.ids]
        shown = localised(self.events.loc[known].reset_index(drop=True), i18n.current())
        return {
            event["id"]: {
                "date": event["date_text"],
                "when": describe_with_basis(event["start"], event["end"], event["date_basis"]),
                "title": event["title"],
                "quote": event["quote"],
            }
            for _index, event in shown.iterrows()
        }


def from_draft(index: LessonIndex, data: object) -> tuple[Lesson | None, list[Problem]]:
    # Translators: how problems name a lesson the teacher is building: "your lesson, field 'title': ...".
    return lesson_from_data(data, _("your lesson"), index.ids, index.collection_id)


def from_link(index: LessonIndex, payload: str) -> tuple[Lesson | None, list[Problem]]:
    # Translators: how problems name a lesson in a shared link: "the link: the link is cut short ...".
    return lesson_from_link(payload, _("the link"), index.ids, index.collection_id)


def from_yaml(index: LessonIndex, text: str, name: str) -> tuple[Lesson | None, list[Problem]]:
    """A YAML lesson, or the lesson block of a lesson file, dropped on the builder (`name`: its file's name)."""
    # Translators: the name of a dropped lesson file whose name the browser did not send.
    label = name or _("your file")
    if len(text) > MAX_YAML:
        return None, [Problem(label, None, None, _("this file is too large to be a lesson"))]
    return lesson_from_text(text, label, index.ids, None, index.collection_id)


def problem_texts(problems: list[Problem]) -> list[str]:
    return [problem_text(problem) for problem in problems]


def slide_ids(data: object) -> list[str]:
    """The event ids a sent lesson names, read leniently (the validator says what is wrong with the rest)."""
    slides = data.get("slides") if isinstance(data, dict) else None
    found = []
    for slide in slides if isinstance(slides, list) else []:
        event = slide.get("event") if isinstance(slide, dict) else slide
        if isinstance(event, str):
            found.append(event.strip())
    return found


def link_href(path: str, url_key: str | None, payload: str, **params: str | None) -> str:
    """A page of the lesson a link carries: '/present?shared=1&speaker=1#lesson=v1.…'."""
    return urlstate.href(path, url_key, shared="1", **params) + "#lesson=" + payload


def lesson_form(
    path: str,
    payload: str,
    url_key: str | None,
    label: str,
    class_name: str,
    *more,
    action: str | None = None,
    target: str | None = None,
) -> html.Form:
    """A button that posts the lesson (its link's payload) to `path`: the lesson file, the handout, the YAML.

    assets/lesson.js writes the form's fields (link, collection, the options ticked) as it is sent, from
    data-link and data-collection; on the builder, from the lesson as it is then. `action` names the button
    for the script (data-action)."""
    button = {"data-action": action} if action else {}
    return html.Form(
        [html.Button(label, type="submit", className=class_name, **button), *more],
        method="post",
        action=path,
        className="lesson-form",
        **{"data-link": payload, "data-collection": url_key or ""},
        **({"target": target} if target else {}),
    )
