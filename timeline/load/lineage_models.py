"""The columns and row models of the four lineage files, and what one row's cells must say together.

Checks that need other rows or files (ids that exist, dates within an organisation's life,
names two rows share) are in lineage_checks.py.
"""

from __future__ import annotations

from typing import Literal

from pydantic import field_validator

from timeline.load.lineage_dates import bounds, date_cell
from timeline.load.schema import RowModel, check_slug, list_cell, not_blank
from timeline.load.vocabulary import RELATION_TYPES, Basis

ORG_REQUIRED = ("id", "name", "description", "source", "quote")
ORG_COLUMNS = (
    "id", "name", "short_name", "aliases",
    "founded", "founded_text", "founded_basis", "founded_note",
    "ended", "ended_text", "ended_basis", "ended_note",
    "description", "source", "quote",
)  # fmt: skip
RELATION_REQUIRED = ("id", "type", "from_org", "to_org", "date", "date_text", "date_basis", "source", "quote")
RELATION_COLUMNS = (
    "id", "type", "from_org", "to_org", "to_person", "date", "date_text", "date_basis", "date_note",
    "summary", "source", "quote",
)  # fmt: skip
PERSON_REQUIRED = ("id", "name", "description", "source", "quote")
PERSON_COLUMNS = ("id", "name", "short_name", "aliases", "description", "source", "quote")
ROLE_REQUIRED = ("id", "person", "organisation", "role", "date_text", "date_basis", "source", "quote")
ROLE_COLUMNS = (
    "id", "person", "organisation", "role", "title", "start", "end", "date_text", "date_basis", "date_note",
    "source", "quote",
)  # fmt: skip

FILES = {
    "organisations": "organisations.csv",
    "relations": "relations.csv",
    "people": "people.csv",
    "roles": "roles.csv",
}
COLUMNS = {"organisations": ORG_COLUMNS, "relations": RELATION_COLUMNS, "people": PERSON_COLUMNS, "roles": ROLE_COLUMNS}
REQUIRED = {
    "organisations": ORG_REQUIRED,
    "relations": RELATION_REQUIRED,
    "people": PERSON_REQUIRED,
    "roles": ROLE_REQUIRED,
}
# Bounds derived from each date column: <column>_earliest, <column>_latest (NaT when the cell is empty).
DATE_COLUMNS = {"organisations": ("founded", "ended"), "relations": ("date",), "people": (), "roles": ("start", "end")}


class OrganisationRow(RowModel):
    id: str
    name: str
    short_name: str = ""
    aliases: list[str] = []
    founded: str = ""
    founded_text: str = ""
    founded_basis: Basis | None = None
    founded_note: str = ""
    ended: str = ""
    ended_text: str = ""
    ended_basis: Basis | None = None
    ended_note: str = ""
    description: str
    source: str
    quote: str

    _id = field_validator("id")(check_slug)
    _text = field_validator("name", "description", "source", "quote")(not_blank)
    _dates = field_validator("founded", "ended")(date_cell)

    _aliases = field_validator("aliases", mode="before")(list_cell)


class RelationRow(RowModel):
    id: str
    type: str
    from_org: str
    to_org: str
    to_person: str = ""
    date: str
    date_text: str
    date_basis: Basis
    date_note: str = ""
    summary: str = ""
    source: str
    quote: str

    _id = field_validator("id")(check_slug)
    _text = field_validator("from_org", "to_org", "date", "date_text", "source", "quote")(not_blank)
    _dates = field_validator("date")(date_cell)

    @field_validator("type")
    @classmethod
    def _type(cls, value: str) -> str:
        if value not in RELATION_TYPES:
            raise ValueError(f"'{value}' is not a relation type; expected one of: {', '.join(RELATION_TYPES)}")
        return value


class PersonRow(RowModel):
    id: str
    name: str
    short_name: str = ""
    aliases: list[str] = []
    description: str
    source: str
    quote: str

    _id = field_validator("id")(check_slug)
    _text = field_validator("name", "description", "source", "quote")(not_blank)

    _aliases = field_validator("aliases", mode="before")(list_cell)


class RoleRow(RowModel):
    id: str
    person: str
    organisation: str
    role: Literal["founder", "leader", "commander"]
    title: str = ""
    start: str = ""
    end: str = ""
    date_text: str
    date_basis: Basis
    date_note: str = ""
    source: str
    quote: str

    _id = field_validator("id")(check_slug)
    _text = field_validator("person", "organisation", "date_text", "source", "quote")(not_blank)
    _dates = field_validator("start", "end")(date_cell)


MODELS = {"organisations": OrganisationRow, "relations": RelationRow, "people": PersonRow, "roles": RoleRow}


def row_problems(kind: str, row: RowModel) -> list[tuple[str, str]]:
    """(field, message) for what one row's cells say together."""
    found: list[tuple[str, str]] = []
    if kind == "organisations":
        found += _dated("founded", row.founded, row.founded_text, row.founded_basis, row.founded_note)
        found += _dated("ended", row.ended, row.ended_text, row.ended_basis, row.ended_note)
        if not row.founded and not row.founded_note:
            found.append(
                ("founded_note", "founded is empty, so founded_note must say that the source gives no founding date")
            )
        if row.founded and row.ended and bounds(row.ended)[1] < bounds(row.founded)[0]:
            found.append(("ended", f"'{row.ended}' is before the founding date '{row.founded}'"))
    elif kind == "relations":
        if row.from_org == row.to_org:
            found.append(("to_org", f"'{row.to_org}' is from_org too: a relation joins two organisations"))
        if row.date_basis != "stated" and not row.date_note:
            found.append(("date_note", f"date_basis is '{row.date_basis}', so date_note must say how it was reached"))
    elif kind == "roles":
        if row.role == "founder":
            if row.end:
                found.append(("end", "a founder role marks the founding, a moment: leave end empty"))
            if not row.start:
                found.append(("start", "a founder role needs the founding date"))
        elif not row.start and not row.end:
            found.append(("start", "give start or end (or both): a role with no date cannot be placed"))
        if row.start and row.end and bounds(row.end)[1] < bounds(row.start)[0]:
            found.append(("end", f"'{row.end}' is before start '{row.start}'"))
        if not row.date_note and row.date_basis != "stated":
            found.append(("date_note", f"date_basis is '{row.date_basis}', so date_note must say how it was reached"))
        elif not row.date_note and not row.start:
            found.append(("date_note", "start is empty, so date_note must say that the source gives no start"))
    return found


def _dated(column: str, value: str, text: str, basis: str | None, note: str) -> list[tuple[str, str]]:
    if not value:
        extra = [f"{column}_{part}" for part, cell in (("text", text), ("basis", basis)) if cell]
        return [(field, f"{column} is empty, so {field} must be empty too") for field in extra]
    found = []
    if not text:
        found.append(
            (f"{column}_text", f"{column} is set, so {column}_text must give the date as the source writes it")
        )
    if basis is None:
        found.append((f"{column}_basis", f"{column} is set, so {column}_basis must be stated, derived or inferred"))
    elif basis != "stated" and not note:
        found.append((f"{column}_note", f"{column}_basis is '{basis}', so {column}_note must say how it was reached"))
    return found
