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


def upload_box() -> html.Details:
    limit = _("up to %(mb)s MB and %(rows)s rows") % {
        "mb": number(round(upload.MAX_BYTES / 1e6)),
        "rows": number(upload.MAX_ROWS),
    }
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
                accept=".csv,.json,text/csv,application/json",
                multiple=False,
                className="upload-drop",
            ),
            html.Div(id=ids.UPLOAD_REPORT, className="upload-report", **{"aria-live": "polite"}),
            dcc.Store(id=ids.UPLOAD_ACCEPTED),
        ],
        className="upload-box",
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
