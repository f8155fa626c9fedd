"""The TimelineJS Google-Sheets template, saved as CSV -> slides, each named by its line.

Columns (in any order; names compared without case or spaces): Year, Month,
Day, Time, End Year, End Month, End Day, End Time, Display Date, Headline,
Text, Media, Media Credit, Media Caption, Media Thumbnail, Type, Group,
Background. Type 'title' is the title slide, 'era' an era; rows may come in
any order, and a quoted cell may hold line breaks.
"""

from __future__ import annotations

import csv
import io
import re

from timeline.formats.timelinejs.dateparts import read_parts_by_part
from timeline.formats.timelinejs.safetext import one_line, safe_text
from timeline.formats.timelinejs.slides import Media, Parsed, Slide, Where
from timeline.i18n import gettext as _
from timeline.load.csvfile import BadRecord, numbered_records

FORMAT = "TimelineJS sheet (CSV)"
COLUMNS = (
    "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time", "Display Date",
    "Headline", "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail", "Type", "Group", "Background",
)  # fmt: skip
REQUIRED = ("Year", "Headline")
_BY_KEY = {re.sub(r"[^a-z]", "", name.lower()): name for name in COLUMNS}
# The column of each part of a date (dateparts.read_parts_by_part), and 'End ' before it for the end.
_COLUMNS = {"year": "Year", "month": "Month", "day": "Day", "time": "Time"}


def looks_like_sheet(text: str) -> bool:
    """True when the first line names template columns; used to tell a sheet from any other text."""
    first = text.split("\n", 1)[0]
    return sum(_key(cell) in _BY_KEY for cell in first.split(",")) >= 2


def parse(text: str, file: str) -> Parsed:
    parsed = Parsed(file, FORMAT)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except (csv.Error, StopIteration) as exc:
        message = _("the header line is not valid CSV (%(error)s)") % {"error": exc}
        parsed.problems.append(Where(file, 1).problem(None, message))
        return parsed
    columns = _columns(header, Where(file, 1), parsed)
    if parsed.problems:
        return parsed
    try:
        for line, cells in numbered_records(reader):
            where = Where(file, line)
            extra = [cell for cell in cells[len(header) :] if cell.strip()]
            if extra:
                message = _("row has %(cells)s cells but the header has %(columns)s") % {
                    "cells": len(cells),
                    "columns": len(header),
                }
                parsed.problems.append(where.problem(None, message))
            elif any(cell.strip() for cell in cells):
                row = {name: cells[i].strip() if i < len(cells) else "" for name, i in columns.items()}
                slide = _slide(row, where, parsed)
                if slide is not None:
                    parsed.slides.append(slide)
    except BadRecord as bad:
        parsed.problems.append(Where(file, bad.line).problem(None, str(bad)))
    titles = [slide for slide in parsed.slides if slide.kind == "title"]
    if titles:
        parsed.title = titles[0]
        parsed.slides.remove(titles[0])
        for extra_title in titles[1:]:
            # TimelineJS does the same: a second title row becomes an ordinary slide.
            parsed.slides[parsed.slides.index(extra_title)] = _as_event(extra_title)
            parsed.notes.append(f"{extra_title.where.label()}: a second 'title' row; imported as an event")
    if not parsed.slides and not parsed.problems:
        message = _("the sheet has no event rows: there is nothing to import")
        parsed.problems.append(Where(file).problem(None, message))
    return parsed


def _key(cell: str) -> str:
    return re.sub(r"[^a-z]", "", cell.lower())


def _columns(header: list[str], where: Where, parsed: Parsed) -> dict[str, int]:
    columns: dict[str, int] = {}
    unknown = []
    for index, cell in enumerate(header):
        name = _BY_KEY.get(_key(cell))
        if name is None:
            if cell.strip():
                unknown.append(cell.strip())
        elif name in columns:
            parsed.problems.append(where.problem(name, _("column appears more than once")))
        else:
            columns[name] = index
    if not columns:
        message = _("this is not the TimelineJS sheet template: its first line has none of the columns %(columns)s")
        parsed.problems.append(where.problem(None, message % {"columns": ", ".join(COLUMNS)}))
        return columns
    for name in REQUIRED:
        if name not in columns:
            parsed.problems.append(where.problem(name, _("required column of the TimelineJS template is missing")))
    if unknown:
        parsed.notes.append(f"columns not in the TimelineJS template were left out: {', '.join(unknown)}")
    return columns


def _slide(row: dict[str, str], where: Where, parsed: Parsed) -> Slide | None:
    kind = {"title": "title", "era": "era"}.get(row.get("Type", "").lower(), "event")
    if row.get("Type") and kind == "event" and row["Type"].lower() != "event":
        parsed.notes.append(f"{where.label()}: Type '{row['Type']}' is not 'title' or 'era'; imported as an event")
    headline = one_line(row.get("Headline"))
    name = f" ('{headline[:60]}')" if headline else ""
    known = len(parsed.problems)
    values = {"slide": name}
    start, errors = read_parts_by_part(row.get("Year"), row.get("Month"), row.get("Day"), time=row.get("Time", ""))
    for part, error in errors:
        parsed.problems.append(where.problem(_COLUMNS[part], error + name))
    end, errors = read_parts_by_part(
        row.get("End Year"), row.get("End Month"), row.get("End Day"), time=row.get("End Time", "")
    )
    for part, error in errors:
        parsed.problems.append(where.problem("End " + _COLUMNS[part], error + name))
    if kind != "title" and start is None and len(parsed.problems) == known:
        if kind == "era":
            # Translators: %(slide)s is empty or, after a space, the row's headline in brackets: " ('Coup in Mali')".
            message = _("is empty%(slide)s: every era row needs a Year")
        else:
            # Translators: %(slide)s is empty or, after a space, the row's headline in brackets: " ('Coup in Mali')".
            message = _("is empty%(slide)s: every event row needs a Year")
        parsed.problems.append(where.problem("Year", message % values))
    if kind == "era" and end is None and len(parsed.problems) == known:
        # Translators: %(slide)s is empty or, after a space, the row's headline in brackets: " ('Coup in Mali')".
        message = _("is empty%(slide)s: an era row needs an End Year")
        parsed.problems.append(where.problem("End Year", message % values))
    media = None
    if row.get("Media"):
        media = Media(
            url=row["Media"],
            caption=one_line(row.get("Media Caption")),
            credit=one_line(row.get("Media Credit")),
            thumbnail=row.get("Media Thumbnail", ""),
        )
    return Slide(
        where=where,
        kind=kind,
        start=start,
        end=end,
        display_date=one_line(row.get("Display Date")),
        headline=headline,
        text=safe_text(row.get("Text")),
        group=one_line(row.get("Group")),
        media=media,
    )


def _as_event(slide: Slide) -> Slide:
    return Slide(**{**slide.__dict__, "kind": "event"})
