"""A TimelineJS3 JSON file -> slides, with every problem named by its place in the file.

The format (https://timeline.knightlab.com/docs/json-format.html): an object
with `events` (each with `start_date`, optional `end_date`, `text`, `media`,
`group`, `display_date`, `unique_id`), an optional `title` slide and optional
`eras` (each with both dates). Date parts may be numbers or strings.
"""

from __future__ import annotations

import json

from timeline.formats.timelinejs.dateparts import Parts, read_parts
from timeline.formats.timelinejs.safetext import one_line, safe_text
from timeline.formats.timelinejs.slides import Media, Parsed, Slide, Where
from timeline.i18n import gettext as _
from timeline.i18n import lazy_pgettext, word_for

FORMAT = "TimelineJS3 JSON"
OURS = "timeline_explorer"  # the key our own export adds to a slide (see tojson.py)


def parse(text: str, file: str) -> Parsed:
    parsed = Parsed(file, FORMAT)
    where = Where(file)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        # Translators: %(error)s is Python's own description of the fault, in English.
        message = _("not valid JSON: %(error)s (column %(column)s)") % {"error": exc.msg, "column": exc.colno}
        parsed.problems.append(Where(file, exc.lineno).problem(None, message))
        return parsed
    except RecursionError:
        parsed.problems.append(where.problem(None, _("not usable JSON: it is nested too deeply")))
        return parsed
    if not isinstance(data, dict):
        # Translators: %(kind)s is a kind of JSON value: object, list, string, number, true/false, null.
        message = _("expected a TimelineJS3 object with an 'events' list; the file holds a JSON %(kind)s")
        parsed.problems.append(where.problem(None, message % {"kind": _kind(data)}))
        return parsed
    if "events" not in data:
        if "timeline" in data:
            message = _(
                "missing: a TimelineJS3 file lists its slides in 'events' "
                "(this looks like a TimelineJS 2 file; TimelineJS3's format is needed)"
            )
        else:
            message = _("missing: a TimelineJS3 file lists its slides in 'events'")
        parsed.problems.append(where.problem("events", message))
        return parsed
    events, eras = data["events"], data.get("eras", [])
    if not isinstance(events, list):
        message = _("expected a list of events, found a JSON %(kind)s") % {"kind": _kind(events)}
        parsed.problems.append(where.problem("events", message))
        return parsed
    if not events:
        parsed.problems.append(where.problem("events", _("the list is empty: there is nothing to import")))
    if not isinstance(eras, list):
        message = _("expected a list of eras, found a JSON %(kind)s") % {"kind": _kind(eras)}
        parsed.problems.append(where.problem("eras", message))
        eras = []
    if data.get("title") is not None:
        parsed.title = _slide(data["title"], Where(file, path="title"), "title", parsed)
    for index, entry in enumerate(events):
        slide = _slide(entry, Where(file, path=f"events[{index}]"), "event", parsed)
        if slide is not None:
            parsed.slides.append(slide)
    for index, entry in enumerate(eras):
        slide = _slide(entry, Where(file, path=f"eras[{index}]"), "era", parsed)
        if slide is not None:
            parsed.slides.append(slide)
    if data.get("scale") == "cosmological":
        parsed.notes.append("the file is on TimelineJS's cosmological scale; years before 1 are kept in unplaced.csv")
    return parsed


def _slide(entry: object, where: Where, kind: str, parsed: Parsed) -> Slide | None:
    if not isinstance(entry, dict):
        message = _("expected an object, found a JSON %(kind)s") % {"kind": _kind(entry)}
        parsed.problems.append(where.problem(None, message))
        return None
    text = entry.get("text") or {}
    if isinstance(text, str):
        text = {"text": text}
    if not isinstance(text, dict):
        message = _("expected an object with headline and text, found %(kind)s") % {"kind": _kind(text)}
        parsed.problems.append(where.problem("text", message))
        text = {}
    headline = one_line(text.get("headline"))
    name = f" ('{headline[:60]}')" if headline else ""
    known = len(parsed.problems)
    start = _date(entry, "start_date", where, name, parsed)
    if kind != "title" and start is None and len(parsed.problems) == known:
        if kind == "era":
            # Translators: %(slide)s is empty or, after a space, the slide's headline in brackets: " ('Coup in Mali')".
            message = _("missing%(slide)s: every era needs a start_date with a year")
        else:
            # Translators: %(slide)s is empty or, after a space, the slide's headline in brackets: " ('Coup in Mali')".
            message = _("missing%(slide)s: every event needs a start_date with a year")
        parsed.problems.append(where.problem("start_date", message % {"slide": name}))
    known = len(parsed.problems)
    end = _date(entry, "end_date", where, name, parsed)
    if kind == "era" and end is None and len(parsed.problems) == known:
        # Translators: %(slide)s is empty or, after a space, the slide's headline in brackets: " ('Coup in Mali')".
        message = _("missing%(slide)s: TimelineJS needs both dates of an era") % {"slide": name}
        parsed.problems.append(where.problem("end_date", message))
    display = entry.get("display_date") or ""
    if not display and isinstance(entry.get("start_date"), dict):
        first = one_line(entry["start_date"].get("display_date"))
        last = one_line(entry["end_date"].get("display_date")) if isinstance(entry.get("end_date"), dict) else ""
        display = f"{first} – {last}" if first and last else first
    ours = entry.get(OURS)
    return Slide(
        where=where,
        kind=kind,
        start=start,
        end=end,
        display_date=one_line(display),
        headline=headline,
        text=safe_text(text.get("text")),
        group=one_line(entry.get("group")),
        unique_id=one_line(entry.get("unique_id")),
        media=_media(entry.get("media")),
        ours=ours if isinstance(ours, dict) else {},
    )


def _date(entry: dict, key: str, where: Where, name: str, parsed: Parsed) -> Parts | None:
    value = entry.get(key)
    if value is None or value == {} or value == "":
        return None
    if not isinstance(value, dict):
        # Translators: %(kind)s is a kind of JSON value; %(slide)s is empty or " ('headline')", as above.
        message = _('expected an object such as {"year": 2007}, found %(kind)s%(slide)s')
        parsed.problems.append(where.problem(key, message % {"kind": _kind(value), "slide": name}))
        return None
    parts, errors = read_parts(
        value.get("year"), value.get("month"), value.get("day"), value.get("hour"), value.get("minute")
    )
    for error in errors:
        parsed.problems.append(where.problem(key, f"{error}{name}"))
    if parts is None and not errors and key == "start_date" and any(v not in (None, "") for v in value.values()):
        # Translators: %(slide)s is empty or, after a space, the slide's headline in brackets: " ('Coup in Mali')".
        message = _("has no year%(slide)s; TimelineJS needs a year in every date") % {"slide": name}
        parsed.problems.append(where.problem(key, message))
    return parts


def _media(value: object) -> Media | None:
    if not isinstance(value, dict) or not isinstance(value.get("url"), str) or not value["url"].strip():
        return None
    return Media(
        url=value["url"].strip(),
        caption=one_line(value.get("caption")),
        credit=one_line(value.get("credit")),
        thumbnail=str(value.get("thumbnail") or "").strip(),
    )


# The kinds of JSON value, as a problem names them: "found a JSON list".
_KINDS = {
    "object": lazy_pgettext("kind of JSON value", "object"),
    "list": lazy_pgettext("kind of JSON value", "list"),
    "string": lazy_pgettext("kind of JSON value", "string"),
    "number": lazy_pgettext("kind of JSON value", "number"),
    "true/false": lazy_pgettext("kind of JSON value", "true/false"),
    "null": lazy_pgettext("kind of JSON value", "null"),
}


def _kind(value: object) -> str:
    names = {dict: "object", list: "list", str: "string", int: "number", float: "number", bool: "true/false"}
    return word_for(_KINDS, "null" if value is None else names.get(type(value), type(value).__name__))
