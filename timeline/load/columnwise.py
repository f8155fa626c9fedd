"""EventRow's checks over whole columns: a large events file validated without pydantic for every row.

pydantic costs about 0.16 ms a row, most of a load at 100,000 events. Clean rows are the
common case, and plain code over whole columns (sets of distinct values, loops that run in C)
can tell that a row is certainly what EventRow would accept and what it would keep. Every
row this code is not sure of goes through EventRow itself, so every problem, and every
message, is still pydantic's (tests/test_fast_validation.py holds the two ways to each other).
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Callable, Iterable

from pydantic import ValidationError

from timeline.core import dates
from timeline.core.problems import Problem
from timeline.core.safecsv import restore
from timeline.load import translations
from timeline.load.csvfile import Row
from timeline.load.schema import SLUG, EventRow, model_row, row_problems, split_list
from timeline.load.vocabulary import BASES, CATEGORIES

_SURROGATE = re.compile("[\\ud800-\\udfff]")
_NOT_IN_SLUGS = re.compile(r"[^a-z0-9\0-]")  # for ids joined by NUL


def validate_events(rows: list[Row], file: str) -> tuple[list[Row], dict[str, list], list[Problem]]:
    """validate_rows(EventRow, rows, file), column by column: the good rows, their values, the problems.

    `columns[name][k]` is what `EventRow(...).model_dump()[name]` gives for the k-th good row, and the
    problems are validate_rows' (tests/test_fast_validation.py compares them). Rows are first checked
    over whole columns (`_fast_columns`); only the rows that check is not certain of go through EventRow.
    """
    columns, doubtful = _fast_columns([row.values for row in rows])
    if not doubtful:
        return list(rows), columns, []
    problems: list[Problem] = []
    failed: set[int] = set()
    for index in sorted(doubtful):
        row = rows[index]
        try:
            dumped = model_row(EventRow, row).model_dump()
        except ValidationError as exc:
            failed.add(index)
            problems.extend(row_problems(exc, file, row.line))
            continue
        for key, value in dumped.items():
            columns[key][index] = value
    if failed:
        keep = [index for index in range(len(rows)) if index not in failed]
        rows = [rows[index] for index in keep]
        columns = {key: [column[index] for index in keep] for key, column in columns.items()}
    return list(rows), columns, problems


# EventRow's text fields and their defaults (... where the field is required).
_EVENT_TEXT = {"id": ..., "kind": "event", "title": ..., "start": ..., "end": "", "date_text": ..., "date_basis": ...,
               "date_note": "", "category": ..., "place_note": "", "fatalities_text": "", "summary": ...,
               "source": ..., "quote": ..., "status": "", **dict.fromkeys(translations.COLUMNS, "")}  # fmt: skip
_EVENT_LISTS = ("actors", "places", "places_added")


def _fast_columns(cells: list[dict]) -> tuple[dict[str, list], set[int]]:
    """EventRow's work on whole columns: its model_dump values, and the rows left to EventRow itself.

    Each step mirrors one of EventRow's, on the cells it would see (empty cells are defaults, the
    spreadsheet apostrophe is restored first); a row that is not certainly accepted goes into the
    doubtful set rather than being judged here. That includes text with whitespace at either end,
    which pydantic strips by a rule of its own, and values that are not str. Checks are passes
    in C over all cells or a column, searches in cells joined by NUL, or looks at each distinct
    value; only where such a check finds something are cells looked at one by one.
    """
    n = len(cells)
    if not n:
        return {key: [] for key in EventRow.model_fields}, set()
    doubtful: set[int] = set()
    raw = _plain_columns(cells)
    if raw is None:
        raw = {}
        for key in EventRow.model_fields:
            raw[key] = _checked_column(cells, key, key in _EVENT_TEXT, doubtful)

    def doubt(column: Iterable, bad: Callable[[object], bool]) -> None:
        doubtful.update(index for index, value in enumerate(column) if bad(value))

    for key, default in _EVENT_TEXT.items():
        column = raw[key]
        if "" in column:
            if default is ...:
                doubt(column, operator.not_)
            elif default:
                raw[key] = [cell or default for cell in column]
    if not _all_slugs(raw["id"]):
        doubt(raw["id"], lambda cell: not SLUG.match(cell))
    for key, allowed in (("kind", ("event", "era")), ("date_basis", BASES), ("category", CATEGORIES),
                         ("status", ("", "draft"))):  # fmt: skip
        if not set(raw[key]) <= set(allowed):
            doubt(raw[key], lambda cell, allowed=allowed: cell not in allowed)
    for key in _EVENT_LISTS:
        lists = {cell: split_list(cell) for cell in set(raw[key])}
        raw[key] = list(map(list, map(lists.__getitem__, raw[key])))  # a list of its own for every row
    numbers = {cell: _fast_fatalities(cell) for cell in set(raw["fatalities"])}
    if ... in numbers.values():
        doubt(raw["fatalities"], lambda cell: numbers[cell] is ...)
    raw["fatalities"] = list(map(numbers.__getitem__, raw["fatalities"]))

    pairs = list(zip(raw["start"], raw["end"], strict=True))
    spans = {pair: _fast_dates(*pair) for pair in set(pairs)}
    if None in spans.values():
        doubt(pairs, lambda pair: spans[pair] is None)
    if any(spans[pair] != pair for pair in spans if spans[pair]):  # intervals in start: split into start and end
        decided = [spans[pair] or pair for pair in pairs]
        raw["start"] = list(map(operator.itemgetter(0), decided))
        raw["end"] = list(map(operator.itemgetter(1), decided))
    fine = {(basis, True) for basis in BASES} | {("stated", False)}  # (date_basis, has a date_note)
    if not set(zip(raw["date_basis"], map(bool, raw["date_note"]), strict=True)) <= fine:
        doubt(range(n), lambda i: raw["date_basis"][i] != "stated" and not raw["date_note"][i])
    if (True, False) in set(zip(map(bool, raw["places_added"]), map(bool, raw["place_note"]), strict=True)):
        doubt(range(n), lambda i: raw["places_added"][i] and not raw["place_note"][i])
    return raw, doubtful


def _plain_columns(cells: list[dict]) -> dict[str, list] | None:
    """EventRow's columns if every row has all of them and every one of those cells is plainly what
    EventRow keeps as it is: a str, no lone surrogate, no spreadsheet apostrophe, no whitespace at
    either end. Otherwise None.

    The common case, a file read by csvfile, costs a few passes in C over all cells together.
    """
    fields = tuple(key for key in EventRow.model_fields if key in cells[0])
    missing = [key for key in EventRow.model_fields if key not in fields]  # optional columns the file leaves out
    if len(fields) < 2 or any(any(map(operator.contains, cells, itertools.repeat(key))) for key in missing):
        return None
    try:
        flat = list(itertools.chain.from_iterable(map(operator.itemgetter(*fields), cells)))
    except KeyError:  # rows with other columns (only rows built in code)
        return None
    try:
        text = "\0" + "\0".join(flat)  # a NUL before every cell
    except TypeError:  # a value that is not text
        return None
    # str.strip returns the very str it has nothing to strip from, if an exact str: a str subclass gets
    # a copy (CPython's unicode_result_unchanged), so this also finds values that are not plain str.
    if "\0'" in text or not all(map(operator.is_, flat, map(str.strip, flat))):
        return None
    if not text.isascii():
        try:
            text.encode("latin-1")  # text of one byte a character (a copy at memory speed) has no surrogates
        except UnicodeEncodeError:
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:  # a lone surrogate, which pydantic refuses
                return None
    width = len(fields)
    columns = {key: flat[at::width] for at, key in enumerate(fields)}
    return {key: columns[key] if key in columns else [""] * len(cells) for key in EventRow.model_fields}


def _checked_column(cells: list[dict], key: str, text: bool, doubtful: set[int]) -> list:
    """One of EventRow's columns as EventRow sees it (apostrophes restored); the rows it is unsure of
    go into `doubtful`: values that are not str, lone surrogates, and for `text`, whitespace at an end."""
    column = [values.get(key, "") for values in cells]
    if set(map(type, column)) != {str}:
        odd = {index for index, cell in enumerate(column) if type(cell) is not str}
        doubtful |= odd
        column = ["" if index in odd else cell for index, cell in enumerate(column)]
    try:
        "".join(column).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate, which pydantic refuses
        doubtful |= {index for index, cell in enumerate(column) if _SURROGATE.search(cell)}
    column = list(map(restore, column))  # EventRow restores every cell; an empty one stays empty
    if text:
        doubtful |= {index for index, cell in enumerate(column) if cell != cell.strip()}
    return column


def _all_slugs(ids: list[str]) -> bool:
    """True if every id matches schema.SLUG: runs of [a-z0-9] joined by single hyphens; False if not, or in doubt."""
    text = "\0" + "\0".join(ids)  # a NUL before every id
    return (
        text.count("\0") == len(ids)
        and not _NOT_IN_SLUGS.search(text)
        and not any(bad in text for bad in ("\0\0", "\0-", "-\0", "--"))
        and text[-1] not in "\0-"
    )


def _fast_fatalities(cell: str):
    """EventRow's fatalities for a non-empty cell it certainly accepts, None for an empty one; ... if in doubt."""
    if cell == "":
        return None
    text = cell.replace(",", "")
    if text.isascii() and text.isdigit() and len(text) <= 15:  # EventRow: int(text) if text.isdigit()
        return int(text)  # (other digits, and numbers too large to be counts, are left to EventRow)
    return ...


def _fast_dates(start: str, end: str) -> tuple[str, str] | None:
    """The start and end EventRow keeps if it certainly accepts these dates; None if in doubt."""
    if "/" in start:
        if end:
            return None
        start, _, end = start.partition("/")
        if not end:
            return None  # EventRow parses both halves, and '' is no date
    try:
        dates.span_days(start, end)  # parses start, and end unless empty or the same; then compares them
    except ValueError:  # DateError, or anything else EventRow should be the one to judge
        return None
    return start, end
