"""The column contract of a collection's CSV files, one pydantic model per row kind.

pydantic checks each cell and reports every failing field of a row at once;
the `edtf` package decides what a valid date is. Checks that need more than
one row (unique ids, places that resolve, quotes found in the source) live
in events.py and checks.py; the values cells choose from, in vocabulary.py;
the same checks over whole columns, for large files, in columnwise.py.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, create_model, field_validator, model_validator

from timeline.core import dates
from timeline.core.problems import Problem
from timeline.core.safecsv import restore
from timeline.load import translations
from timeline.load.csvfile import Row
from timeline.load.vocabulary import BASES as BASES  # still read as schema.BASES by formats/timelinejs/build.py
from timeline.load.vocabulary import CATEGORIES, Basis

EVENT_REQUIRED = ("id", "title", "start", "date_text", "date_basis", "category", "summary", "source", "quote")
EVENT_OPTIONAL = (
    "kind", "end", "date_note", "actors", "places", "places_added", "place_note",
    "fatalities", "fatalities_text", "status", *translations.COLUMNS,
)  # fmt: skip
# What extract and import write. The translated columns are optional and come after these when a
# collection has them (formats/export.py writes those it fills).
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

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ISO3 = re.compile(r"^[A-Z]{3}$")


def split_list(cell: str) -> list[str]:
    """'AQIM; GSPC' -> ['AQIM', 'GSPC']: lists in a cell are separated by semicolons."""
    return [part.strip() for part in cell.split(";") if part.strip()]


def list_cell(value: str | list[str]) -> list[str]:
    """A list cell as the row models take it: split if it is the CSV's text, as it is if code gives a list."""
    return split_list(value) if isinstance(value, str) else value


def check_slug(value: str) -> str:
    """An id as the models take it: lower-case letters, digits and single hyphens (it goes into URLs)."""
    if not SLUG.match(value):
        raise ValueError(f"'{value}' is not a valid id: use lower-case letters, digits and single hyphens")
    return value


def not_blank(value: str) -> str:
    if not value:
        raise ValueError("must not be empty")
    return value


class RowModel(BaseModel):
    """What every row model shares: cells stripped, the spreadsheet apostrophe taken off, and no changes after."""

    model_config = ConfigDict(str_strip_whitespace=True, frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _spreadsheet_text(cls, values: object) -> object:
        # `export --format csv` writes "'=..." so a spreadsheet shows text, not a formula; read it back as "=...".
        if isinstance(values, dict):
            return {key: restore(value) if isinstance(value, str) else value for key, value in values.items()}
        return values


class _EventCells(RowModel):
    id: str
    kind: Literal["event", "era"] = "event"
    title: str
    start: str
    end: str = ""
    date_text: str
    date_basis: Basis
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

    _id = field_validator("id")(check_slug)
    _required_text = field_validator("title", "date_text", "summary", "source", "quote")(not_blank)

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

    _lists = field_validator("actors", "places", "places_added", mode="before")(list_cell)

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
        not_blank(value)
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
    def _dates(self) -> _EventCells:
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


# EventRow is _EventCells with a text field for each translated column (translations.py): one per
# field and interface language, so the columns follow the languages the interface has. A translation
# is text like the field it translates, stripped, and may be empty; the quote has none.
EventRow = create_model(
    "EventRow",
    __base__=_EventCells,
    __module__=__name__,
    **{name: (str, "") for name in translations.COLUMNS},
)


class PlaceRow(RowModel):
    id: str
    name: str
    kind: Literal["country", "region", "city", "site"]
    country: str = ""
    lat: float
    lon: float
    coord_source: str

    _id = field_validator("id")(check_slug)
    _required_text = field_validator("name", "coord_source")(not_blank)

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


class AliasRow(RowModel):
    name: str
    aliases: list[str]

    _name = field_validator("name")(not_blank)

    _lists = field_validator("aliases", mode="before")(list_cell)


# Fields a model-level check is really about, so the message can name one.
_MODEL_FIELDS = (("interval", "start"), ("end '", "end"), ("date_note", "date_note"), ("place_note", "place_note"),
                 ("latitude", "lat"), ("longitude", "lon"), ("country", "country"))  # fmt: skip


def model_row(model: type[RowModel], row: Row) -> RowModel:
    """`row` through `model`, an empty cell taken as the field's default; pydantic's ValidationError if it fails."""
    return model(**{key: value for key, value in row.values.items() if value != ""})


def row_problems(error: ValidationError, file: str, line: int) -> list[Problem]:
    """Every failing field of a row as a Problem naming file, line and field."""
    return [Problem(file, line, _field(each), _message(each)) for each in error.errors()]


def validate_rows(
    model: type[RowModel], rows: list[Row], file: str
) -> tuple[list[tuple[Row, RowModel]], list[Problem]]:
    """Each row through `model`; every failing field becomes a Problem naming file, line and field."""
    good: list[tuple[Row, RowModel]] = []
    problems: list[Problem] = []
    for row in rows:
        try:
            good.append((row, model_row(model, row)))
        except ValidationError as exc:
            problems.extend(row_problems(exc, file, row.line))
    return good, problems


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
