"""Malformed callback requests get a 4xx with a short reason, never a 500 with a traceback.

Dash runs a callback on whatever body a POST to `_dash-update-component` carries. A curious
student can send anything there: `{}`, `null`, an output no callback has, a number where the
search text goes, `"abc"` as a year. Dash and the callbacks trust that body, and such requests
used to end in HTTP 500. `install(app)` adds one check in front of every callback, so callbacks
need no defence of their own. A body that is not JSON gets 400; JSON that is not a request this
app answers gets 422 (not 400: Dash's renderer reads a 400's body twice, once to look for an
expired login, and its second read throws "body stream already read" into the console):

- the body's shape: a JSON object naming the output of a server callback, with the inputs and
  state that callback declares, in its order;
- each value's type, from SPEC: one small check per component property (or, for properties such
  as n_clicks and clickData, per property: BY_PROPERTY). A callback whose input has no check is
  refused at start-up, so a new callback cannot escape the check.

A dropped file has limits of its own, derived from the documented ones in timeline/web/upload.py: its
data URL (upload.MAX_DATA_URL) and the whole body (MAX_BODY, also Flask's MAX_CONTENT_LENGTH). A file
over them is not answered 422, which Dash's renderer would only log in the console: the answer puts the
reason in the page's upload report, in the reader's language, as the upload callback itself would.

A few errors raised inside callbacks are about the request too (a collection key this server
does not have, a dropped file that does not read): they are answered 422 as well. Any other
exception is a bug of ours: it still gives a 500, and Flask logs its traceback.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Callable

import pandas as pd
from dash import Dash
from flask import Response, request
from plotly.io.json import to_json_plotly

from timeline.core.problems import CollectionError
from timeline.formats import lessonlink
from timeline.i18n import gettext as _
from timeline.web import screen, upload
from timeline.web.components import ids
from timeline.web.components.collection_bar import limit_message
from timeline.web.pages.registry import NoUpload, UnknownCollection

log = logging.getLogger(__name__)

MAX_TEXT = 100_000  # characters in one text value (the search box, a URL); a dropped file's text has its own limit
MAX_ITEMS = 1_000  # items in one list value (categories, countries, actors)
YEARS = (-9999, 9999)  # EDTF's four-digit years; the year boxes take nothing else
# A link's lesson: more than the link's decoder reads (lessonlink.MAX_PAYLOAD), so that a link too long is
# told on the page by the decoder, in the reader's language, rather than refused here with a bare 4xx.
LINK_TEXT = 2 * lessonlink.MAX_PAYLOAD
# A callback body carries at most one file: its data URL (upload.MAX_DATA_URL), or the file as the tab keeps it,
# whose UTF-8 is the file's bytes plus the escapes JSON adds, which the tab's quota bounds. Everything else
# in a body (ids, filters, the URL, a lesson's link of at most LINK_TEXT) takes no more than ENVELOPE.
ENVELOPE = 1_000_000
MAX_BODY = max(upload.MAX_DATA_URL, upload.MAX_BYTES + upload.STORE_QUOTA) + ENVELOPE


class BadValue(ValueError):
    """A value of the wrong type or shape; its message names what was expected."""


Check = Callable[[object], None]


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def text(value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise BadValue("expected text or null")
    if value is not None and len(value) > MAX_TEXT:
        raise BadValue(f"expected at most {MAX_TEXT:,} characters")


def names(value: object) -> None:
    """A multi-select dropdown: a list of texts, or null."""
    if value is None:
        return
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise BadValue("expected a list of texts or null")
    if len(value) > MAX_ITEMS or any(len(item) > MAX_TEXT for item in value):
        raise BadValue("expected a shorter list")


def year(value: object) -> None:
    """A number box: a whole year, or null (empty). Numbers as text ("2010") are what some browsers send."""
    if value is None or value == "":
        return
    if isinstance(value, str):
        try:
            value = int(value.strip())
        except ValueError:
            raise BadValue("expected a year (a whole number) or null") from None
    if not _is_number(value) or value != int(value):
        raise BadValue("expected a year (a whole number) or null")
    if not YEARS[0] <= value <= YEARS[1]:
        raise BadValue(f"expected a year from {YEARS[0]} to {YEARS[1]}")


def count(value: object) -> None:
    """n_clicks: a whole number or null."""
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        raise BadValue("expected a whole number or null")


def timestamp(value: object) -> None:
    """A store's modified_timestamp: milliseconds, or -1 / null before it was written."""
    if value is not None and not _is_number(value):
        raise BadValue("expected a number or null")


def _date(value: object) -> None:
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise BadValue("expected a date")
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError, OverflowError):
        raise BadValue("expected a date") from None
    if stamp is pd.NaT:
        raise BadValue("expected a date")


def window(value: object) -> None:
    """The timeline's visible [start, end], or null for the whole of it."""
    if value is None:
        return
    if not isinstance(value, list) or len(value) != 2:
        raise BadValue("expected [start, end] or null")
    for part in value:
        _date(part)


def phone_screen(value: object) -> None:
    """The phone's width class the page was laid out for (web/screen.py), or null on a wider screen."""
    if value is not None and screen.parse(value) is None:
        raise BadValue(f"expected one of {', '.join(map(str, screen.CLASSES))} or null")


def uploaded(value: object) -> None:
    """This tab's dropped file as the browser stores it: {name, text, base}."""
    if value is None:
        return
    if not isinstance(value, dict):
        raise BadValue("expected a stored file {name, text, base} or null")
    for key in ("name", "text", "base"):
        if value.get(key) is not None and not isinstance(value.get(key), str):
            raise BadValue(f"expected text or null in '{key}'")
    if len(value.get("text") or "") > upload.MAX_BYTES:  # a character is at least one byte of the file
        raise BadValue(f"expected a stored file of at most {upload.MAX_BYTES:,} characters")
    if len(value.get("name") or "") > MAX_TEXT or len(value.get("base") or "") > MAX_TEXT:
        raise BadValue(f"expected a name of at most {MAX_TEXT:,} characters")


def data_url(value: object) -> None:
    """dcc.Upload's contents: a data URL (its size checked by _dropped_too_big, which the page shows), or null."""
    if value is not None and not isinstance(value, str):
        raise BadValue("expected a data URL or null")
    if value is not None and len(value) > upload.MAX_DATA_URL:
        raise BadValue(f"expected a data URL of at most {upload.MAX_DATA_URL:,} characters")


def link(value: object) -> None:
    """The lesson a link carries (formats/lessonlink.py): its text, or null before the page has read it."""
    if value is not None and not isinstance(value, str):
        raise BadValue("expected the link's lesson as text, or null")
    if value is not None and len(value) > LINK_TEXT:
        raise BadValue(f"expected at most {LINK_TEXT:,} characters")


def _scalar(value: object) -> bool:
    return value is None or isinstance(value, (str, bool)) or _is_number(value)


def click(value: object) -> None:
    """Plotly's clickData: {"points": [{..., "customdata": [...]}, ...]} or null."""
    if value is None:
        return
    if not isinstance(value, dict) or not isinstance(value.get("points", []), list):
        raise BadValue("expected plotly click data {points: [...]} or null")
    for point in value.get("points", []):
        if not isinstance(point, dict):
            raise BadValue("expected each clicked point to be an object")
        custom = point.get("customdata")
        if custom is not None and not (isinstance(custom, list) and all(_scalar(item) for item in custom)):
            raise BadValue("expected a clicked point's customdata to be a list of plain values")


def relayout(value: object) -> None:
    """Plotly's relayoutData: an object; an x range comes as [start, end] or as both of its ends."""
    if value is None:
        return
    if not isinstance(value, dict):
        raise BadValue("expected plotly relayout data (an object) or null")
    if "xaxis.range" in value:
        window(value["xaxis.range"])
    ends = [key in value for key in ("xaxis.range[0]", "xaxis.range[1]")]
    if any(ends):
        if not all(ends):
            raise BadValue("expected both ends of the x range")
        window([value["xaxis.range[0]"], value["xaxis.range[1]"]])


# Every component property a server callback reads, and what it may hold.
SPEC: dict[tuple[str, str], Check] = {
    (ids.URL, "pathname"): text,
    (ids.URL, "search"): text,
    (ids.COLLECTION, "data"): text,
    (ids.UPLOAD, "data"): uploaded,
    (ids.UPLOAD, "modified_timestamp"): timestamp,
    (ids.UPLOAD_INPUT, "contents"): data_url,
    (ids.UPLOAD_INPUT, "filename"): text,
    (ids.SEARCH, "value"): text,
    (ids.CATEGORY, "value"): names,
    (ids.COUNTRY, "value"): names,
    (ids.ACTOR, "value"): names,
    (ids.YEAR_FROM, "value"): year,
    (ids.YEAR_TO, "value"): year,
    (ids.CLEAR, "n_clicks"): count,
    (ids.DOWNLOAD_CSV, "n_clicks"): count,
    (ids.DOWNLOAD_JSON, "n_clicks"): count,
    (ids.WINDOW, "data"): window,
    (ids.SELECTED, "data"): text,
    (ids.SCREEN, "data"): phone_screen,
    (ids.TIMELINE, "relayoutData"): relayout,
    (ids.TIMELINE, "clickData"): click,
    (ids.MAP, "clickData"): click,
    (ids.LINEAGE, "clickData"): click,
    (ids.GLOSSARY_LINEAGE, "clickData"): click,
    (ids.SHARED_LINK, "data"): link,
    (ids.PLAY_REQUEST, "data"): count,
}


# What a property holds whatever the component: a new button's n_clicks or a new graph's clickData is
# checked without an entry of its own in SPEC.
BY_PROPERTY: dict[str, Check] = {
    "n_clicks": count,
    "n_clicks_timestamp": timestamp,
    "modified_timestamp": timestamp,
    "clickData": click,
    "relayoutData": relayout,
}


def check_for(component: str, prop: str) -> Check | None:
    """The check of one component property: its own in SPEC, else its property's in BY_PROPERTY."""
    return SPEC.get((component, prop)) or BY_PROPERTY.get(prop)


def _declared(entries: list[dict]) -> list[tuple[str, str]]:
    return [(entry["id"], entry["property"]) for entry in entries]


def server_callbacks(app: Dash) -> dict[str, dict]:
    """The callbacks the server runs (clientside ones have no function here), by output key."""
    return {output: entry for output, entry in app.callback_map.items() if entry.get("callback") is not None}


def unchecked(app: Dash) -> list[str]:
    """Inputs and states of server callbacks with no check (none, or install refuses)."""
    missing = set()
    for entry in server_callbacks(app).values():
        # A wildcard id ({"type": ..., "index": ALL}) arrives as a list of values: not supported here yet.
        missing.update(
            (component, prop)
            for component, prop in _declared(entry["inputs"] + entry["state"])
            if component.startswith("{") or check_for(component, prop) is None
        )
    return sorted(f"{component}.{prop}" for component, prop in missing)


def _outputs(entry: dict) -> list[tuple[str, str]]:
    declared = entry["output"] if isinstance(entry["output"], list) else [entry["output"]]
    return [(output.component_id, output.component_property) for output in declared]


def problem(app: Dash, body: object) -> str | None:
    """Why `body` is not a callback request this app would answer, or None when it is one."""
    if not isinstance(body, dict):
        return "the body must be a JSON object"
    output = body.get("output")
    callbacks = server_callbacks(app)
    if not isinstance(output, str) or output not in callbacks:
        return "no server callback has this output"
    entry = callbacks[output]
    wanted_outputs = _outputs(entry)
    outputs = body.get("outputs")
    outputs = [outputs] if isinstance(outputs, dict) and len(wanted_outputs) == 1 else outputs
    if not isinstance(outputs, list) or not all(isinstance(item, dict) for item in outputs):
        return "'outputs' must list the callback's outputs"
    # An output that allows duplicates is named "value@<hash>" in the output key; its property is "value".
    sent = [(item.get("id"), str(item.get("property")).split("@")[0]) for item in outputs]
    if sent != wanted_outputs:
        return "'outputs' must list the callback's outputs"
    for part in ("inputs", "state"):
        values = body.get(part, [])
        declared = _declared(entry[part])
        if not isinstance(values, list) or not all(isinstance(item, dict) for item in values):
            return f"'{part}' must be a list of {{id, property, value}}"
        if [(item.get("id"), item.get("property")) for item in values] != declared:
            return f"'{part}' must be the callback's {part}: {', '.join(f'{c}.{p}' for c, p in declared) or 'none'}"
        for item, (component, prop) in zip(values, declared, strict=True):
            try:
                check_for(component, prop)(item.get("value"))
            except BadValue as error:
                return f"{component}.{prop}: {error}"
    changed = body.get("changedPropIds", [])
    inputs = {f"{component}.{prop}" for component, prop in _declared(entry["inputs"])}
    if not isinstance(changed, list) or not all(isinstance(item, str) and item in inputs for item in changed):
        return "'changedPropIds' must name inputs of the callback"
    return None


def _refuse(reason: str, status: int = 422) -> Response:
    log.info("refused a callback request (%d): %s", status, reason)
    return Response(json.dumps({"error": reason}), status=status, mimetype="application/json")


def install(app: Dash) -> None:
    """Check every callback request before Dash runs it, and answer request errors raised inside callbacks with 422.

    Call it once every callback is registered: it refuses (ValueError) a callback input SPEC has no check for.
    """
    missing = unchecked(app)
    if missing:
        raise ValueError(f"guard.SPEC has no check for these callback inputs: {', '.join(missing)}")
    endpoint = app.config.routes_pathname_prefix + "_dash-update-component"
    server = app.server
    # Werkzeug reads no more than this of any request (a body without a Content-Length included).
    server.config["MAX_CONTENT_LENGTH"] = MAX_BODY

    @server.before_request
    def _check_callback_request() -> Response | None:
        if request.path != endpoint or request.method != "POST":
            return None
        if (request.content_length or 0) > MAX_BODY:
            # Unread, so whose file is unknown; only a dropped file makes a body this large.
            size = upload.megabytes(request.content_length * 3 // 4)
            # Translators: a dropped file far over the size limit, whose name the server did not read.
            message = _("This file is about %(size)s MB; the limit is %(limit)s MB.")
            return _shown(
                f"{request.content_length:,}-byte body", message % {"size": size, "limit": upload.limit_text()}
            )
        body = request.get_json(silent=True, force=True)
        if body is None and request.get_data(cache=True).strip() not in (b"null",):
            return _refuse("the body must be JSON", 400)
        too_big = _dropped_too_big(body)
        if too_big is not None:
            return too_big
        reason = problem(app, body)
        return None if reason is None else _refuse(reason)

    # Raised inside callbacks, but about the request: a key this server does not know, a tab's file
    # that is gone or does not read. Anything else is ours and stays a logged 500.
    @server.errorhandler(UnknownCollection)
    @server.errorhandler(NoUpload)
    @server.errorhandler(CollectionError)
    def _request_error(error: Exception) -> Response:
        return _refuse(f"{type(error).__name__}: {_short(error)}")


def _dropped_too_big(body: object) -> Response | None:
    """The page's answer to a dropped file whose data URL is over upload.MAX_DATA_URL; None for any other body."""
    if not isinstance(body, dict) or not isinstance(body.get("inputs"), list):
        return None
    values = {
        (item.get("id"), item.get("property")): item.get("value")
        for item in body["inputs"] + (body.get("state") if isinstance(body.get("state"), list) else [])
        if isinstance(item, dict)
    }
    contents = values.get((ids.UPLOAD_INPUT, "contents"))
    if not isinstance(contents, str) or len(contents) <= upload.MAX_DATA_URL:
        return None
    filename = values.get((ids.UPLOAD_INPUT, "filename"))
    name = filename if isinstance(filename, str) and len(filename) <= MAX_TEXT else _("uploaded file")
    size = upload.decoded_size(contents.split(",", 1)[-1])
    return _shown(
        f"{ids.UPLOAD_INPUT}.contents of {len(contents):,} characters",
        upload.too_big_message(name, upload.megabytes(size)),
    )


def _shown(reason: str, message: str) -> Response:
    """A refused file, answered as the upload callback answers one: the reason in the page's upload report."""
    log.info("refused a dropped file: %s", reason)
    answer = {"multi": True, "response": {ids.UPLOAD_REPORT: {"children": limit_message(message)}}}
    return Response(to_json_plotly(answer), status=200, mimetype="application/json")


def _short(error: Exception) -> str:
    problems = getattr(error, "problems", None)
    text_ = "; ".join(str(problem) for problem in problems[:3]) if problems else str(error)
    return text_[:300]
