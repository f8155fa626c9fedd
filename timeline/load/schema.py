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
from timeline.i18n import gettext as _
from timeline.i18n import lazy_gettext
from timeline.i18n.problems import date_error_text
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


class FieldError(ValueError):
    """A row model's check of the whole row that is about one field: `field` names it in the problem.

    pydantic gives a model-level error no field of its own, and the message, worded in the reader's
    language, cannot be searched for one.
    """

    def __init__(self, message: str, field: str):
        super().__init__(message)
        self.field = field


def check_slug(value: str) -> str:
    """An id as the models take it: lower-case letters, digits and single hyphens (it goes into URLs)."""
    if not SLUG.match(value):
        raise ValueError(
            _("'%(value)s' is not a valid id: use lower-case letters, digits and single hyphens") % {"value": value}
        )
    return value


def not_blank(value: str) -> str:
    if not value:
        raise ValueError(_("must not be empty"))
    return value


def check_date(value: str) -> None:
    """dates.parse(value) for a row model: its DateError worded in the reader's language."""
    try:
        dates.parse(value)
    except dates.DateError as exc:
        raise dates.DateError(date_error_text(exc), exc.reason, **exc.values) from exc


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
            raise ValueError(
                _("'%(value)s' is not a category; expected one of: %(categories)s")
                % {"value": value, "categories": ", ".join(CATEGORIES)}
            )
        return value

    _lists = field_validator("actors", "places", "places_added", mode="before")(list_cell)

    @field_validator("fatalities", mode="before")
    @classmethod
    def _fatalities(cls, value: str | int | None) -> int | None:
        if value in ("", None):
            return None
        text = str(value).replace(",", "")
        if not text.isdigit():
            raise ValueError(
                _("'%(value)s' is not a whole number of people; leave it empty where the source gives none")
                % {"value": value}
            )
        return int(text)

    @field_validator("start")
    @classmethod
    def _start(cls, value: str) -> str:
        not_blank(value)
        if dates.split_interval(value) is None:
            check_date(value)
        return value

    @field_validator("end")
    @classmethod
    def _end(cls, value: str) -> str:
        if value and value != dates.OPEN:  # '..': an open end ('since 2007')
            check_date(value)
        return value

    @model_validator(mode="after")
    def _dates(self) -> _EventCells:
        interval = dates.split_interval(self.start)
        if interval is not None:
            if self.end:
                raise FieldError(
                    _("start is an interval and end is set too; give either 'start/end' in start, or both columns"),
                    "start",
                )
            first, last = interval
            try:
                dates.parse(first)
                if last != dates.OPEN:  # '2007/..': an open end
                    dates.parse(last)
                dates.span(first, last)
            except dates.DateError as exc:
                # The problem names the start column, the one to fix.
                message = _("the interval '%(interval)s' in start cannot be used: %(error)s")
                raise FieldError(message % {"interval": self.start, "error": date_error_text(exc)}, "start") from exc
            object.__setattr__(self, "start", first)
            object.__setattr__(self, "end", last)
        try:
            dates.span(self.start, self.end)  # raises when end is before start
        except dates.DateError as exc:
            raise FieldError(date_error_text(exc), "end") from exc
        if self.date_basis != "stated" and not self.date_note:
            message = _("date_basis is '%(basis)s', so date_note must say how the date was reached")
            raise FieldError(message % {"basis": self.date_basis}, "date_note")
        if self.places_added and not self.place_note:
            raise FieldError(
                _("places_added is set, so place_note must say where those places come from"), "place_note"
            )
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


# A place that is not a region names its country (PlaceRow's check, by the place's kind).
_NO_COUNTRY = {
    "country": lazy_gettext(
        "a country needs its country's ISO-3 code (only regions spanning countries may leave it empty)"
    ),
    "city": lazy_gettext("a city needs its country's ISO-3 code (only regions spanning countries may leave it empty)"),
    "site": lazy_gettext("a site needs its country's ISO-3 code (only regions spanning countries may leave it empty)"),
}


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
            raise ValueError(_("latitude %(value)s is outside -90..90") % {"value": value})
        return value

    @field_validator("lon")
    @classmethod
    def _lon(cls, value: float) -> float:
        if not -180 <= value <= 180:
            raise ValueError(_("longitude %(value)s is outside -180..180") % {"value": value})
        return value

    @model_validator(mode="after")
    def _country(self) -> PlaceRow:
        if self.country and not _ISO3.match(self.country):
            message = _("country '%(country)s' is not an ISO 3166 alpha-3 code such as MLI")
            raise FieldError(message % {"country": self.country}, "country")
        if not self.country and self.kind != "region":
            raise FieldError(str(_NO_COUNTRY[self.kind]), "country")
        return self


class AliasRow(RowModel):
    name: str
    aliases: list[str]

    _name = field_validator("name")(not_blank)

    _lists = field_validator("aliases", mode="before")(list_cell)


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
    """The field a problem is about: pydantic's for a field's own check, FieldError's for a check of the row."""
    if error["loc"]:
        return str(error["loc"][0])
    return getattr(error.get("ctx", {}).get("error"), "field", None)


def _message(error: dict) -> str:
    """The words of a problem: ours in the reader's language; pydantic's own (error["msg"]) in English."""
    if error["type"] == "value_error":
        return str(error["ctx"]["error"])
    if error["type"] == "missing":
        return _("must not be empty")
    if error["type"] == "literal_error":
        # Translators: %(expected)s is pydantic's list of the allowed values: "'stated', 'derived' or 'inferred'".
        return _("'%(value)s' is not allowed; expected %(expected)s") % {
            "value": error["input"],
            "expected": error["ctx"]["expected"],
        }
    if error["type"] == "float_parsing":
        return _("'%(value)s' is not a number") % {"value": error["input"]}
    return error["msg"]
