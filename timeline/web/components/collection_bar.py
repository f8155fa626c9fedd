"""The bar above the filters: which collection is shown, the others, and dropping your own file."""

from __future__ import annotations

from dash import dcc, html

from timeline.i18n import gettext as _
from timeline.i18n import ngettext
from timeline.i18n.problems import problem_text
from timeline.i18n.words import number
from timeline.query import urlstate
from timeline.web import upload
from timeline.web.components import ids


def collection_bar(choices: list[tuple[str | None, str]], served, uploaded: dict | None) -> html.Div:
    """`choices`: (url key, title) of the server's collections; `uploaded`: the file this tab holds, if any."""
    links = [_choice(title, url_key, current=served.url_key == url_key) for url_key, title in choices]
    if uploaded and uploaded.get("name"):
        links.append(
            _choice(
                _("Your file: %(file)s") % {"file": uploaded["name"]},
                upload.KEY,
                current=served.key == upload.KEY,
                cls="upload",
            )
        )
    parts = []
    if len(links) > 1:
        parts.append(html.Nav([html.Span(_("Collections:"), className="control-label"), *links], className="picker"))
    if served.upload is not None:
        parts.append(_about_upload(served, choices))
    parts.append(upload_box())
    return html.Div(parts, className="collection-bar")


def _choice(title: str, url_key: str | None, current: bool, cls: str = "") -> html.A:
    extra = {"aria-current": "page"} if current else {}
    return html.A(
        title,
        href=urlstate.href("/", url_key),
        className=" ".join(part for part in ("choice", cls, "current" if current else "") if part),
        **extra,
    )


def _about_upload(served, choices: list[tuple[str | None, str]]) -> html.Div:
    uploaded = served.upload
    default_key, default_title = choices[0]
    return html.Div(
        [
            html.P(
                [
                    html.Strong(_("Your file, in this browser tab only.") + " "),
                    _("Read as %(format)s; it is not saved on the server.") % {"format": uploaded.format} + " ",
                    html.A(
                        _("Back to %(collection)s") % {"collection": default_title},
                        href=urlstate.href("/", default_key),
                    ),
                ]
            ),
            html.Ul([html.Li(note) for note in uploaded.notes], className="upload-notes") if uploaded.notes else None,
        ],
        className="about-upload",
    )


ACCEPT = ".csv,.json,text/csv,application/json"  # what dcc.Upload takes; assets/upload.js names any other file


def upload_box() -> html.Details:
    limit = _("up to %(mb)s MB and %(rows)s rows") % {"mb": upload.limit_text(), "rows": number(upload.MAX_ROWS)}
    return html.Details(
        [
            html.Summary(_("Explore your own spreadsheet…")),
            html.P(
                _(
                    "A TimelineJS sheet saved as CSV, a TimelineJS3 JSON file, or an events.csv in this tool's "
                    "format (%(limit)s). It stays in this browser tab: nothing is saved on the server. "
                    "An events.csv is checked against the sources and places of the collection shown now."
                )
                % {"limit": limit},
                className="muted",
            ),
            dcc.Upload(
                id=ids.UPLOAD_INPUT,
                children=html.Div(
                    [_("Drop a file here, or") + " ", html.Span(_("choose one"), className="upload-choose")],
                    className="upload-target",
                ),
                accept=ACCEPT,
                multiple=False,
                # Over it dcc.Upload sends nothing, and says nothing: assets/upload.js says why.
                max_size=upload.MAX_BYTES,
                className="upload-drop",
            ),
            html.Div(id=ids.UPLOAD_REPORT, className="upload-report", **{"aria-live": "polite"}, **_browser_texts()),
            dcc.Store(id=ids.UPLOAD_ACCEPTED),
        ],
        className="upload-box",
    )


def _browser_texts() -> dict[str, str]:
    """What assets/upload.js says before the server is asked, in the reader's language (data-* attributes)."""
    file, size = "%(file)s", "%(size)s"  # filled in by the browser
    return {
        "data-max-bytes": str(upload.MAX_BYTES),
        "data-decimal": upload.decimal_symbol(),
        "data-too-big": upload.too_big_message(file, size),
        "data-hint": upload.larger_hint(),
        # Translators: a dropped file the page does not take: "notes.txt is neither a .csv nor a .json file; ...".
        "data-not-accepted": _(
            "%(file)s is neither a .csv nor a .json file; download the sheet as CSV (File > Download > .csv) "
            "and drop that."
        )
        % {"file": upload.file_name(file)},
        # Translators: shown when the server takes more than a second: "Reading aqim.csv (4.0 MB)…".
        "data-reading": _("Reading %(file)s (%(size)s MB)…") % {"file": upload.file_name(file), "size": size},
        "data-no-answer": _("%(file)s could not be read: the server did not answer. Try again, or reload the page.")
        % {"file": upload.file_name(file)},
    }


def limit_message(message: str) -> html.Div:
    """A file over a limit: the sentence that says which, then what to do instead (as assets/upload.js shows it)."""
    return html.Div(
        [html.P(message, className="error"), html.P(upload.larger_hint(), className="muted")],
        role="alert",
    )


def problem_list(problems: list, shown: int = 50) -> html.Div:
    """Each problem with its file, row and field, in the reader's language; a long list is cut, with a count."""
    items = [html.Li(problem_text(problem)) for problem in problems[:shown]]
    if len(problems) > shown:
        items.append(
            html.Li(
                # Translators: after the first 50 problems of a dropped file: "… and 12 more" problems.
                ngettext("… and %(n)s more", "… and %(n)s more", len(problems) - shown)
                % {"n": number(len(problems) - shown)}
            )
        )
    count = len(problems)
    return html.Div(
        [
            html.P(
                ngettext(
                    "This file cannot be explored yet: %(n)s problem.",
                    "This file cannot be explored yet: %(n)s problems.",
                    count,
                )
                % {"n": number(count)},
                className="error",
            ),
            html.Ul(items, className="problems"),
        ],
        role="alert",
    )
