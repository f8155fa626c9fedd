"""The column contract of a collection's CSV files, one pydantic model per row kind.

pydantic checks each cell and reports every failing field of a row at once;
the `edtf` package decides what a valid date is. Checks that need more than
one row (unique ids, places that resolve, quotes found in the source) live
in collection.py.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Callable, Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from timeline.core import dates
from timeline.core.problems import Problem
from timeline.core.safecsv import restore
from timeline.load.csvfile import Row

CATEGORIES: dict[str, str] = {
    "organisation": "Organisation",
    "attack": "Attack",
    "leadership": "Leadership",
    "state-response": "State response",
    "context": "Context",
}
BASES = ("stated", "derived", "inferred")

EVENT_REQUIRED = ("id", "title", "start", "date_text", "date_basis", "category", "summary", "source", "quote")
EVENT_OPTIONAL = (
    "kind", "end", "date_note", "actors", "places", "places_added", "place_note",
    "fatalities", "fatalities_text", "status",
)  # fmt: skip
EVENT_COLUMNS = (
    "id",
    "kind",
    "title",
    "start",
    "end",
    "date_text",
    "date_basis",
    "date_note",
    "category",
    "actors",
    "places",
    "places_added",
    "place_note",
    "fatalities",
    "fatalities_text",
    "summary",
    "source",
    "quote",
    "status",
)  # fmt: skip — the order people see in a spreadsheet
PLACE_REQUIRED = ("id", "name", "kind", "country", "lat", "lon", "coord_source")
ALIAS_REQUIRED = ("name", "aliases")

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_SURROGATE = re.compile("[\\ud800-\\udfff]")
_NOT_IN_SLUGS = re.compile(r"[^a-z0-9\0-]")  # for ids joined by NUL


def split_list(cell: str) -> list[str]:
    """'AQIM; GSPC' -> ['AQIM', 'GSPC']: lists in a cell are separated by semicolons."""
    return [part.strip() for part in cell.split(";") if part.strip()]


def _slug(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError(f"'{value}' is not a valid id: use lower-case letters, digits and single hyphens")
    return value


def _not_blank(value: str) -> str:
    if not value:
        raise ValueError("must not be empty")
    return value


class _Row(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True, frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _spreadsheet_text(cls, values: object) -> object:
        # `export --format csv` writes "'=..." so a spreadsheet shows text, not a formula; read it back as "=...".
        if isinstance(values, dict):
            return {key: restore(value) if isinstance(value, str) else value for key, value in values.items()}
        return values


class EventRow(_Row):
    id: str
    kind: Literal["event", "era"] = "event"
    title: str
    start: str
    end: str = ""
    date_text: str
    date_basis: Literal["stated", "derived", "inferred"]
    date_note: str = ""
    category: str
    actors: list[str] = []
    places: list[str] = []
    places_added: list[str] = []
    place_note: str = ""
    fatalities: int | None = None
    fatalities_text: str = ""
    summary: str
    source: str
    quote: str
    status: Literal["", "draft"] = ""  # 'draft': written by `extract`, not yet reviewed

    _id = field_validator("id")(_slug)
    _required_text = field_validator("title", "date_text", "summary", "source", "quote")(_not_blank)

    @field_validator("kind", mode="before")
    @classmethod
    def _kind_default(cls, value: str) -> str:
        return value or "event"

    @field_validator("category")
    @classmethod
    def _category(cls, value: str) -> str:
        if value not in CATEGORIES:
            raise ValueError(f"'{value}' is not a category; expected one of: {', '.join(CATEGORIES)}")
        return value

    @field_validator("actors", "places", "places_added", mode="before")
    @classmethod
    def _lists(cls, value: str | list[str]) -> list[str]:
        return split_list(value) if isinstance(value, str) else value

    @field_validator("fatalities", mode="before")
    @classmethod
    def _fatalities(cls, value: str | int | None) -> int | None:
        if value in ("", None):
            return None
        text = str(value).replace(",", "")
        if not text.isdigit():
            raise ValueError(f"'{value}' is not a whole number of people; leave it empty where the source gives none")
        return int(text)

    @field_validator("start")
    @classmethod
    def _start(cls, value: str) -> str:
        _not_blank(value)
        if dates.split_interval(value) is None:
            dates.parse(value)
        return value

    @field_validator("end")
    @classmethod
    def _end(cls, value: str) -> str:
        if value and value != dates.OPEN:  # '..': an open end ('since 2007')
            dates.parse(value)
        return value

    @model_validator(mode="after")
    def _dates(self) -> EventRow:
        interval = dates.split_interval(self.start)
        if interval is not None:
            if self.end:
                raise ValueError(
                    "start is an interval and end is set too; give either 'start/end' in start, or both columns"
                )
            first, last = interval
            try:
                dates.parse(first)
                if last != dates.OPEN:  # '2007/..': an open end
                    dates.parse(last)
                dates.span(first, last)
            except dates.DateError as exc:
                # Worded with 'interval' so the problem names the start column, the one to fix.
                raise ValueError(f"the interval '{self.start}' in start cannot be used: {exc}") from exc
            object.__setattr__(self, "start", first)
            object.__setattr__(self, "end", last)
        dates.span(self.start, self.end)  # raises when end is before start
        if self.date_basis != "stated" and not self.date_note:
            raise ValueError(f"date_basis is '{self.date_basis}', so date_note must say how the date was reached")
        if self.places_added and not self.place_note:
            raise ValueError("places_added is set, so place_note must say where those places come from")
        return self


class PlaceRow(_Row):
    id: str
    name: str
    kind: Literal["country", "region", "city", "site"]
    country: str = ""
    lat: float
    lon: float
    coord_source: str

    _id = field_validator("id")(_slug)
    _required_text = field_validator("name", "coord_source")(_not_blank)

    @field_validator("lat")
    @classmethod
    def _lat(cls, value: float) -> float:
        if not -90 <= value <= 90:
            raise ValueError(f"latitude {value} is outside -90..90")
        return value

    @field_validator("lon")
    @classmethod
    def _lon(cls, value: float) -> float:
        if not -180 <= value <= 180:
            raise ValueError(f"longitude {value} is outside -180..180")
        return value

    @model_validator(mode="after")
    def _country(self) -> PlaceRow:
        if self.country and not _ISO3.match(self.country):
            raise ValueError(f"country '{self.country}' is not an ISO 3166 alpha-3 code such as MLI")
        if not self.country and self.kind != "region":
            raise ValueError(
                f"a {self.kind} needs its country's ISO-3 code (only regions spanning countries may leave it empty)"
            )
        return self


class AliasRow(_Row):
    name: str
    aliases: list[str]

    _name = field_validator("name")(_not_blank)

    @field_validator("aliases", mode="before")
    @classmethod
    def _lists(cls, value: str) -> list[str]:
        return split_list(value)


# Fields a model-level check is really about, so the message can name one.
_MODEL_FIELDS = (("interval", "start"), ("end '", "end"), ("date_note", "date_note"), ("place_note", "place_note"),
                 ("latitude", "lat"), ("longitude", "lon"), ("country", "country"))  # fmt: skip


def validate_rows(model: type[_Row], rows: list[Row], file: str) -> tuple[list[tuple[Row, _Row]], list[Problem]]:
    """Each row through `model`; every failing field becomes a Problem naming file, line and field."""
    good: list[tuple[Row, _Row]] = []
    problems: list[Problem] = []
    for row in rows:
        values = {key: value for key, value in row.values.items() if value != ""}  # empty cell = default
        try:
            good.append((row, model(**values)))
        except ValidationError as exc:
            for error in exc.errors():
                problems.append(Problem(file, row.line, _field(error), _message(error)))
    return good, problems


def validate_events(rows: list[Row], file: str) -> tuple[list[Row], dict[str, list], list[Problem]]:
    """validate_rows(EventRow, rows, file), column by column: the good rows, their values, the problems.

    `columns[name][k]` is what `EventRow(...).model_dump()[name]` gives for the k-th good row, and the
    problems are validate_rows' (tests/test_fast_validation.py compares them). pydantic costs about
    0.16 ms a row, so rows are first checked by plain code over whole columns, mostly sets of
    distinct values and loops that run in C (`_fast_columns`). Only the rows that check is not
    certain of go through EventRow, so every problem message is still pydantic's.
    """
    columns, doubtful = _fast_columns([row.values for row in rows])
    if not doubtful:
        return list(rows), columns, []
    problems: list[Problem] = []
    failed: set[int] = set()
    for index in sorted(doubtful):
        row = rows[index]
        values = {key: value for key, value in row.values.items() if value != ""}  # empty cell = default
        try:
            dumped = EventRow(**values).model_dump()
        except ValidationError as exc:
            failed.add(index)
            for error in exc.errors():
                problems.append(Problem(file, row.line, _field(error), _message(error)))
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
               "source": ..., "quote": ..., "status": ""}  # fmt: skip
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
        doubt(raw["id"], lambda cell: not _SLUG.match(cell))
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
    """True if every id matches _SLUG: runs of [a-z0-9] joined by single hyphens; False if not, or in doubt."""
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


def _field(error: dict) -> str | None:
    if error["loc"]:
        return str(error["loc"][0])
    message = _message(error)
    for needle, field in _MODEL_FIELDS:
        if needle in message:
            return field
    return None


def _message(error: dict) -> str:
    if error["type"] == "value_error":
        return str(error["ctx"]["error"])
    if error["type"] == "missing":
        return "must not be empty"
    if error["type"] == "literal_error":
        return f"'{error['input']}' is not allowed; expected {error['ctx']['expected']}"
    if error["type"] == "float_parsing":
        return f"'{error['input']}' is not a number"
    return error["msg"]
