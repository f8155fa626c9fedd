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

FORMAT = "TimelineJS3 JSON"
OURS = "timeline_explorer"  # the key our own export adds to a slide (see tojson.py)


def parse(text: str, file: str) -> Parsed:
    parsed = Parsed(file, FORMAT)
    where = Where(file)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        parsed.problems.append(Where(file, exc.lineno).problem(None, f"not valid JSON: {exc.msg} (column {exc.colno})"))
        return parsed
    except RecursionError:
        parsed.problems.append(where.problem(None, "not usable JSON: it is nested too deeply"))
        return parsed
    if not isinstance(data, dict):
        parsed.problems.append(
            where.problem(
                None, f"expected a TimelineJS3 object with an 'events' list; the file holds a JSON {_kind(data)}"
            )
        )
        return parsed
    if "events" not in data:
        hint = " (this looks like a TimelineJS 2 file; TimelineJS3's format is needed)" if "timeline" in data else ""
        parsed.problems.append(
            where.problem("events", f"missing: a TimelineJS3 file lists its slides in 'events'{hint}")
        )
        return parsed
    events, eras = data["events"], data.get("eras", [])
    if not isinstance(events, list):
        parsed.problems.append(where.problem("events", f"expected a list of events, found a JSON {_kind(events)}"))
        return parsed
    if not events:
        parsed.problems.append(where.problem("events", "the list is empty: there is nothing to import"))
    if not isinstance(eras, list):
        parsed.problems.append(where.problem("eras", f"expected a list of eras, found a JSON {_kind(eras)}"))
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
        parsed.problems.append(where.problem(None, f"expected an object, found a JSON {_kind(entry)}"))
        return None
    text = entry.get("text") or {}
    if isinstance(text, str):
        text = {"text": text}
    if not isinstance(text, dict):
        parsed.problems.append(where.problem("text", f"expected an object with headline and text, found {_kind(text)}"))
        text = {}
    headline = one_line(text.get("headline"))
    name = f" ('{headline[:60]}')" if headline else ""
    known = len(parsed.problems)
    start = _date(entry, "start_date", where, name, parsed)
    if kind != "title" and start is None and len(parsed.problems) == known:
        parsed.problems.append(
            where.problem("start_date", f"missing{name}: every {kind} needs a start_date with a year")
        )
    known = len(parsed.problems)
    end = _date(entry, "end_date", where, name, parsed)
    if kind == "era" and end is None and len(parsed.problems) == known:
        parsed.problems.append(where.problem("end_date", f"missing{name}: TimelineJS needs both dates of an era"))
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
        parsed.problems.append(
            where.problem(key, f'expected an object such as {{"year": 2007}}, found {_kind(value)}{name}')
        )
        return None
    parts, errors = read_parts(
        value.get("year"), value.get("month"), value.get("day"), value.get("hour"), value.get("minute")
    )
    for error in errors:
        parsed.problems.append(where.problem(key, f"{error}{name}"))
    if parts is None and not errors and key == "start_date" and any(v not in (None, "") for v in value.values()):
        parsed.problems.append(where.problem(key, f"has no year{name}; TimelineJS needs a year in every date"))
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


def _kind(value: object) -> str:
    names = {dict: "object", list: "list", str: "string", int: "number", float: "number", bool: "true/false"}
    return "null" if value is None else names.get(type(value), type(value).__name__)
