"""The explorer's ways into a lesson: "Add to my lesson" on an event, adding the events in view, the counter.

They are plain buttons and a link; assets/lesson.js keeps the teacher's draft in this browser's localStorage
(one per collection, under the collection's id, which each control carries) and marks the list's items that
are in it. The words it writes come from here, in the reader's language (data-text), as quiz.js's do.
"""

from __future__ import annotations

import json

from dash import html

from timeline.i18n import gettext as _
from timeline.load.lesson_model import MAX_SLIDES
from timeline.load.library import UPLOAD_KEY
from timeline.query import urlstate


def explorer_text() -> str:
    """What lesson.js writes on the explorer, in the current language (JSON for a data-text attribute)."""
    return json.dumps(
        {
            # Translators: the button in an event's detail that puts it in the teacher's lesson.
            "add": _("Add to my lesson"),
            # Translators: the same button once the event is in the lesson: pressing it takes it out again.
            "remove": _("In my lesson ✓ (remove)"),
            # Translators: the mark on an event of the list that is in the teacher's lesson.
            "mark": _("in my lesson"),
            # Translators: the header's link to the lesson builder, with the number of slides: 'My lesson: 3'.
            "count": _("My lesson: %(n)s") % {"n": "{n}"},
            # Translators: said after the events in view were added: 'Added: 5. Slides in your lesson: 8.'
            "added": _("Added: %(added)s. Slides in your lesson: %(total)s.")
            % {"added": "{added}", "total": "{total}"},
            # Translators: said when the lesson has its 100 slides and nothing more can be added.
            "full": _("Your lesson has %(limit)s slides, the most a lesson holds.") % {"limit": "{limit}"},
            "max": MAX_SLIDES,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _attributes(collection_id: str) -> dict:
    return {"data-lesson-collection": collection_id}


def lesson_counter(collection_id: str, url_key: str | None) -> html.A | None:
    """The header's link to the builder; lesson.js writes the number of slides in it. None for a dropped
    file: it lives in its tab only, where no link could reach it, so it makes no lesson."""
    if collection_id == UPLOAD_KEY:
        return None
    return html.A(
        _("My lesson"),
        href=urlstate.href("/lesson", url_key),
        className="nav-link lesson-counter",
        title=_("Put your chosen events in order, write notes, present and share"),
        **_attributes(collection_id),
        **{"data-text": explorer_text()},
    )


def add_toggle(collection_id: str, event_id: str) -> html.Button | None:
    """In an event's detail: puts it in the lesson, or takes it out (aria-pressed says which)."""
    if collection_id == UPLOAD_KEY:
        return None
    return html.Button(
        _("Add to my lesson"),
        className="button lesson-add",
        type="button",
        **_attributes(collection_id),
        **{"data-action": "add-to-lesson", "data-event": event_id, "aria-pressed": "false"},
        **{"data-text": explorer_text()},
    )


def add_shown_button(collection_id: str) -> html.Div | None:
    """Under the list: every event it shows (the filters' and the timeline's choice) into the lesson at once."""
    if collection_id == UPLOAD_KEY:
        return None
    return html.Div(
        [
            html.Button(
                _("Add the events listed to my lesson"),
                className="button lesson-add-shown",
                type="button",
                **_attributes(collection_id),
                **{"data-action": "add-shown-to-lesson", "data-text": explorer_text()},
            ),
            html.P(className="lesson-said", role="status", **{"aria-live": "polite"}),
        ],
        className="lesson-add-shown-box",
    )
