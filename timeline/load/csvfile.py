"""Reading a spreadsheet-made CSV file into rows that remember their line.

Everything that can go wrong before the values are looked at is reported
here: empty file, binary file, wrong encoding, broken quoting, missing or
unknown columns, rows with too many cells.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from timeline.core.problems import Problem
from timeline.i18n import gettext as _


@dataclass(frozen=True)
class Row:
    line: int  # where the row starts in the file, 1-based (the header is line 1)
    values: dict[str, str]


class BadRecord(ValueError):
    """A record the csv module cannot read (an unclosed quote, most often), on the line where it starts."""

    def __init__(self, line: int, error: csv.Error):
        # Translators: %(error)s is Python's own description of the fault, in English.
        super().__init__(_("not valid CSV (%(error)s); check the quotes on this row") % {"error": error})
        self.line = line


def numbered_records(reader: csv.reader) -> Iterator[tuple[int, list[str]]]:
    """Each record after the ones read already, with the line it starts on: a quoted cell may hold line
    breaks, so a record's line is not its count. Raises BadRecord, and reading stops there."""
    line = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise BadRecord(line, exc) from exc
        yield line, cells
        line = reader.line_num + 1


class NotUtf8(ValueError):
    """Bytes that are not UTF-8: the 1-based line and the value of the first byte that fails."""

    def __init__(self, line: int, byte: int):
        super().__init__(f"line {line}: byte 0x{byte:02x} is not UTF-8")
        self.line = line
        self.byte = byte


def decode_utf8(raw: bytes) -> str:
    """The text of `raw` without a byte-order mark; NotUtf8 names where decoding fails."""
    # The BOM is stripped here rather than by the 'utf-8-sig' codec, whose error offsets
    # leave out the BOM and so would name the wrong byte, and sometimes the wrong line.
    bom = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
    try:
        return raw[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        at = bom + exc.start
        raise NotUtf8(raw[:at].count(b"\n") + 1, raw[at]) from exc


# Why a file's unknown column is refused, when there is more to say than that it is unknown; else None.
Explain = Callable[[str], str | None]


def read_rows(
    path: Path,
    required: tuple[str, ...],
    optional: tuple[str, ...],
    label: str | None = None,
    explain: Explain | None = None,
) -> tuple[list[Row], list[Problem]]:
    """Rows of `path` keyed by column; problems instead of exceptions (see parse_rows for `explain`)."""
    name = label or str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        expected = ", ".join(required + optional)
        message = _("file not found; expected a CSV file with columns: %(columns)s") % {"columns": expected}
        return [], [Problem(name, None, None, message)]
    return parse_rows(raw, required, optional, name, explain)


def parse_rows(
    raw: bytes, required: tuple[str, ...], optional: tuple[str, ...], name: str, explain: Explain | None = None
) -> tuple[list[Row], list[Problem]]:
    """Rows of CSV bytes (a file, or an upload that never touches the disk); problems name `name`.

    `explain(column)`, if given, words the problem of an unknown column it recognises (a
    translated quote in events.csv, say); any other unknown column gets the list of known ones.
    """
    expected = ", ".join(required + optional)
    if not raw.strip():
        message = _("the file is empty; expected a header line with columns: %(columns)s") % {"columns": expected}
        return [], [Problem(name, None, None, message)]
    if b"\x00" in raw[:8192]:
        return [], [Problem(name, None, None, _("this is a binary file, not a CSV text file"))]
    try:
        text = decode_utf8(raw)
    except NotUtf8 as bad:
        message = _(
            "the file is not UTF-8 text (byte 0x%(byte)s cannot be decoded); "
            "save it as 'CSV UTF-8' from your spreadsheet program"
        ) % {"byte": f"{bad.byte:02x}"}
        return [], [Problem(name, bad.line, None, message)]

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [cell.strip() for cell in next(reader)]
    except csv.Error as exc:
        # Translators: %(error)s is Python's own description of the fault, in English.
        return [], [Problem(name, 1, None, _("the header line is not valid CSV (%(error)s)") % {"error": exc})]

    problems: list[Problem] = []
    known = set(required) | set(optional)
    if not known.intersection(header):
        message = _(
            "this does not look like the expected CSV file: its first line has none of the columns %(columns)s"
        ) % {"columns": expected}
        return [], [Problem(name, 1, None, message)]
    for column in required:
        if column not in header:
            problems.append(Problem(name, 1, column, _("required column is missing")))
    for column in header:
        if column not in known:
            why = explain(column) if explain is not None else None
            if not why:
                why = _("unknown column (known columns: %(columns)s)") % {"columns": expected}
            problems.append(Problem(name, 1, column, why))
    duplicates = {c for c in header if header.count(c) > 1}
    for column in sorted(duplicates):
        problems.append(Problem(name, 1, column, _("column appears more than once")))
    if problems:
        return [], problems

    rows: list[Row] = []
    try:
        for line, cells in numbered_records(reader):
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(header):
                message = _("row has %(cells)s cells but the header has %(columns)s columns") % {
                    "cells": len(cells),
                    "columns": len(header),
                }
                problems.append(Problem(name, line, None, message))
            else:
                padded = cells + [""] * (len(header) - len(cells))
                rows.append(Row(line, {column: cell.strip() for column, cell in zip(header, padded, strict=True)}))
    except BadRecord as bad:
        problems.append(Problem(name, bad.line, None, str(bad)))
    return rows, problems
