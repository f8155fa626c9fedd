"""The lesson builder (/lesson): a teacher orders the events she chose, writes notes, presents and shares.

The lesson lives in the teacher's browser (assets/lesson.js keeps it in localStorage, one per collection):
this page is its frame, with the words the script writes (data-text, in the reader's language). The
server's whole part is in the requests of web/pages/lesson_routes.py, each of which carries the lesson.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from dash import html

from timeline.formats.lessonlink import MAX_LINK
from timeline.i18n import gettext as _
from timeline.load.lesson_model import MAX_NOTES, MAX_SLIDES, MAX_TITLE
from timeline.query import urlstate
from timeline.web import upload
from timeline.web.components.language_switch import language_switch
from timeline.web.components.lesson_controls import explorer_text
from timeline.web.components.message import message_page
from timeline.web.lessonrequest import (
    CHECK_PATH,
    FILE_PATH,
    HANDOUT_PATH,
    YAML_PATH,
    lesson_form,
    link_href,
)
from timeline.web.pages.lesson_start import finder, starters

if TYPE_CHECKING:
    from timeline.web.pages.registry import Served


def builder_text() -> dict:
    """What lesson.js writes on the builder, in the reader's language ({name} slots it fills)."""
    slots = {name: "{" + name + "}" for name in ("n", "limit", "title", "position", "total", "file", "status")}
    return {
        # Translators: read by a screen reader on each slide of the builder: 'Slide 3: JNIM created'.
        "slide": _("Slide %(n)s: %(title)s") % slots,
        # Translators: the builder's buttons that move a slide (shown as ↑ and ↓).
        "up": _("Move up"),
        "down": _("Move down"),
        # Translators: the builder's button that takes a slide out of the lesson.
        "remove": _("Remove"),
        "notes": _("What you will say (your notes; only the speaker view shows them)"),
        # Translators: under a slide's notes: how many characters are written, of how many allowed.
        "notesCount": _("%(n)s / %(limit)s characters") % slots,
        "lineage": _("Show the organisations' lineage instead of the map"),
        # Translators: a slide whose event this collection does not have (its id follows).
        "unknown": _("This collection has no event %(title)s. Remove this slide.") % slots,
        "moved": _("“%(title)s” is now %(position)s of %(total)s.") % slots,
        "removed": _("“%(title)s” removed.") % slots,
        "undo": _("Undo"),
        "cleared": _("The lesson is cleared."),
        # Translators: after a lesson was opened from a file or a link; the previous one can be brought back.
        "opened": _("Opened “%(title)s”. The lesson you had before is kept until you leave this page.") % slots,
        "full": _("Your lesson has %(limit)s slides, the most a lesson holds.") % slots,
        "tooLong": _(
            "This lesson is too long for a link (%(n)s characters; at most %(limit)s). "
            "Download the lesson file instead: it opens in any browser, with no server."
        )
        % slots,
        "copied": _("Copied."),
        "problems": _("Before you present or share, fix this:"),
        "notOpened": _("This could not be opened; the lesson you are building is unchanged:"),
        "notLesson": _("%(file)s: this HTML file holds no lesson; only a lesson file made by this tool does.") % slots,
        "tooBig": _("%(file)s: this file is too large to be a lesson.") % slots,
        "failed": _("The server could not check the lesson (%(status)s). Your lesson is still here; try again.")
        % slots,
        "offline": _("The server cannot be reached. Your lesson is still here, in this browser."),
        "notSaved": _(
            "This browser would not keep the lesson (its storage is full or switched off). "
            "Download it as YAML before you leave this page."
        ),
        # Translators: the search's button beside an event found; the title follows for a screen reader.
        "add": _("Add"),
        "addNamed": _("Add: %(title)s") % slots,
        # Translators: in place of "Add" beside an event found that is in the lesson already.
        "inLesson": _("In the lesson ✓"),
        "inLessonNamed": _("In the lesson ✓: %(title)s") % slots,
        "added": _("“%(title)s” added: slide %(n)s of %(total)s.") % slots,
        "needSlide": _("Add at least one slide first: a lesson with no slide cannot be presented, printed or shared."),
        "fixFirst": _("Fix the problems listed just above first."),
        "limit": MAX_LINK,
        "maxSlides": MAX_SLIDES,
        "maxNotes": MAX_NOTES,
    }


def layout(served: Served, search: str | None) -> html.Div:
    collection, url_key = served.collection, served.url_key
    if collection.id == upload.KEY:
        return message_page(
            _("Lessons are made from the server's collections"),
            _("A dropped file stays in its browser tab, where a lesson's link could not reach it."),
            [html.A(_("Back to the explorer"), href=urlstate.href("/", url_key))],
        )
    links = {
        "present": link_href("/present", url_key, "", speaker="1"),
        "class": link_href("/present", url_key, ""),
        "quiz": link_href("/quiz", url_key, ""),
    }
    lineage = not collection.organisations.empty
    return html.Div(
        [
            html.Nav(
                [
                    html.A(_("Explorer"), href=urlstate.href("/", url_key)),
                    language_switch("/lesson", search),
                ],
                className="lesson-links",
                **{"aria-label": _("Pages")},
            ),
            html.H1(_("Build a lesson")),
            html.P(
                _(
                    "From the collection “%(collection)s”. Start from one of its lessons, find events here, or "
                    "press “Add to my lesson” on them in the explorer; here, put them in order and write what you "
                    "will say."
                )
                % {"collection": collection.title},
                className="lesson-lede",
            ),
            html.P(
                [
                    html.Strong(_("Kept in this browser only.") + " "),
                    _("Nothing is saved on the server; on a shared computer, clear it when you are done.") + " ",
                    html.Button(_("Clear this lesson"), type="button", className="button", **_act("clear-lesson")),
                ],
                className="lesson-kept",
            ),
            html.Div(className="lesson-said", role="status", **{"aria-live": "polite"}),
            _about(),
            _slides(collection),
            finder(_field("lesson-search", "search", maxlength=200, dir="auto")),
            html.Div(className="lesson-problems", role="status"),
            _use(url_key),
            _open(),
        ],
        id="lesson-builder",
        className="lesson-builder",
        **{
            "data-lesson-collection": collection.id,
            "data-collection-key": url_key or "",
            "data-check": CHECK_PATH,
            "data-links": json.dumps(links),
            "data-lineage": "1" if lineage else "",
            "data-text": json.dumps(builder_text(), ensure_ascii=False, separators=(",", ":")),
            "data-explorer-text": explorer_text(),
        },
    )


def _act(action: str) -> dict:
    return {"data-action": action}


def _field(name: str, kind: str = "text", **attributes) -> html.Span:
    """Where lesson.js puts an <input> (Dash's html has none, and dcc's inputs are React state that would fight
    the script that fills them from the draft); `attributes` become the input's (maxlength, accept...)."""
    data = {f"data-{key}": str(value) for key, value in attributes.items()}
    return html.Span(className="lesson-field", **{"data-field": name, "data-type": kind}, **data)


def _labelled(label: str, field: html.Span) -> html.Label:
    return html.Label([html.Span(label, className="control-label"), field])


def _option(name: str, label: str) -> html.Label:
    return html.Label([_field(name, "checkbox", value="1"), " " + label], className="lesson-option")


def _about() -> html.Section:
    return html.Section(
        [
            _labelled(_("Title"), _field("lesson-title", maxlength=MAX_TITLE, dir="auto")),
            html.Label(
                [
                    html.Span(_("Introduction, on the first slide"), className="control-label"),
                    html.Textarea(name="intro", maxLength=MAX_NOTES, rows=3, dir="auto", className="lesson-intro"),
                ]
            ),
        ],
        className="panel lesson-about",
        **{"aria-label": _("Title and introduction")},
    )


def _slides(collection) -> html.Section:
    return html.Section(
        [
            html.H2([_("Slides") + " ", html.Span(className="lesson-count")]),
            html.P(
                _(
                    "Move a slide with its ↑ and ↓ buttons, by dragging its handle ≡ (on a touch screen: press, "
                    "hold, then drag), or focus it and press Alt+↑ or Alt+↓."
                ),
                className="muted",
            ),
            html.Ol(className="lesson-slides", **{"aria-label": _("Slides, in the order they will be shown")}),
            # The first screen of a teacher who opens the builder first: where she can start.
            html.Div(
                [
                    html.P(
                        _(
                            "No slides yet. Start from one of this collection's lessons, or find events below and "
                            "add them. In the explorer, “Add to my lesson” adds the selected event."
                        ),
                        className="empty-note",
                    ),
                    starters(collection),
                ],
                className="lesson-empty",
            ),
            html.P(className="lesson-sr", role="status", **{"aria-live": "polite"}),
        ],
        className="panel lesson-slides-panel",
        **{"aria-label": _("Slides")},
    )


def _use(url_key: str | None) -> html.Section:
    return html.Section(
        [
            html.H2(_("Use it")),
            # lesson.js disables the buttons below while the lesson has no slide or has problems, and says why.
            html.P(className="lesson-use-reason", id="lesson-use-reason", hidden=True),
            html.Div(
                [
                    html.A(
                        _("Present (speaker view, with your notes)"), href="#", className="button", **_act("present")
                    ),
                    html.A(_("Quiz on these events"), href="#", className="button", **_act("quiz")),
                    lesson_form(
                        HANDOUT_PATH,
                        "",
                        url_key,
                        _("Print the handout"),
                        "button",
                        _option("notes", _("with my notes")),
                        _option("quiz", _("with the quiz sheet")),
                        action="handout",
                        target="_blank",  # a page to print, beside the builder
                    ),
                    lesson_form(
                        FILE_PATH,
                        "",
                        url_key,
                        _("Download the lesson file (slides and quiz, offline)"),
                        "button",
                        action="download-file",
                    ),
                    lesson_form(
                        YAML_PATH,
                        "",
                        url_key,
                        _("Download as YAML (for the server's lessons/ folder)"),
                        "button",
                        action="download-yaml",
                    ),
                ],
                className="lesson-actions",
            ),
            html.H3(_("Share")),
            html.Button(_("Make a link"), type="button", className="button", **_act("share-link")),
            html.Div(
                [
                    _share(_("For the class: the slides and the quiz, without your notes"), "class"),
                    _share(_("For you: the speaker view, with your notes"), "speaker"),
                ],
                className="lesson-share",
                hidden=True,
            ),
            html.P(className="lesson-too-long", hidden=True, role="alert"),
        ],
        className="panel lesson-use",
        **{"aria-label": _("Use it")},
    )


def _share(label: str, audience: str) -> html.Div:
    return html.Div(
        [
            html.P(label, className="control-label"),
            html.A(className="lesson-share-url", dir="ltr", **{"data-share-for": audience, "data-share-url": ""}),
            html.Button(_("Copy"), type="button", className="button", **_act("copy-link")),
        ],
        className="lesson-share-item",
    )


def _open() -> html.Section:
    return html.Section(
        [
            html.H2(_("Open a lesson")),
            html.P(
                _(
                    "A lesson saved as YAML, or a lesson file this tool made: drop it here, or choose it. "
                    "It replaces the lesson above, which you can bring back."
                ),
                className="muted",
            ),
            _labelled(_("Choose a lesson file"), _field("lesson-file", "file", accept=".yaml,.yml,.html,.htm")),
        ],
        className="panel lesson-open",
        **{"aria-label": _("Open a lesson")},
    )
