"""Organisations, how they descend from each other, and the people who led them.

Four optional CSV files sit next to events.csv (the columns are below):

    organisations.csv  one row per organisation: names, aliases, founding and end in EDTF
    relations.csv      renames, splits, mergers and allegiances between organisations, dated
    people.csv         one row per person: names, aliases, a description
    roles.csv          one row per role a person held in an organisation: founder, leader, commander

Every row quotes its source word for word, and every problem names file,
line and field, as for events.csv. A date cell holds one EDTF date, or
'first/last' for "at some point between" (the GSPC was founded during the
civil war, 1991/2002). An empty founding date means the source gives none:
the row's note must say so, because a timeline would otherwise invent one.
An empty end means the source gives no end, not that there was none.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd
from pydantic import field_validator

from timeline.core import dates
from timeline.core.problems import Problem
from timeline.core.safecsv import csv_text
from timeline.load import sourcetext
from timeline.load.csvfile import read_rows
from timeline.load.schema import RowModel, check_slug, not_blank, split_list, validate_rows
from timeline.load.sourcetext import Source
from timeline.query.search import normalise


@dataclass(frozen=True)
class RelationType:
    phrase: str  # "GSPC renamed into AQIM"
    kind: Literal["lineage", "allegiance"]  # lineage is drawn solid, allegiance dashed
    reverse: bool = False  # drawn from to_org to from_org: a split comes out of its parent


RELATION_TYPES: dict[str, RelationType] = {
    "renamed-into": RelationType("renamed into", "lineage"),
    "split-from": RelationType("split from", "lineage", reverse=True),
    "merged-into": RelationType("merged into", "lineage"),
    "pledged-allegiance-to": RelationType("pledged allegiance to", "allegiance"),
    "loyal-to": RelationType("stayed loyal to", "allegiance"),
    "affiliated-with": RelationType("affiliated with", "allegiance"),
}
Basis = Literal["stated", "derived", "inferred"]

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


# --- dates -----------------------------------------------------------------------------------------


def bounds(text: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Earliest and latest day of one EDTF date, or of 'first/last' read as "at some point between"."""
    interval = dates.split_interval(text)
    if interval is None:
        parsed = dates.parse(text)
        return parsed.earliest, parsed.latest
    try:
        span = dates.span(*interval)
    except dates.DateError as exc:
        raise dates.DateError(f"the interval '{text}' cannot be used: {exc}") from exc
    return span.earliest, span.latest


def words(text: str) -> str:
    """'2017-03' -> 'March 2017'; '1991/2002' -> 'some time in 1991–2002'; '' -> ''."""
    if not text:
        return ""
    interval = dates.split_interval(text)
    if interval is None:
        return dates.describe(text)
    return f"some time in {dates.describe(*interval)}"


def is_vague(text: str) -> bool:
    """A date the source gives only as a span (an interval, a decade): drawn dotted over its extent."""
    if not text:
        return False
    return dates.split_interval(text) is not None or dates.parse(text).precision in ("decade", "century")


def _date_cell(value: str) -> str:
    if value:
        bounds(value)  # DateError is a ValueError: pydantic reports it on this field
    return value


# --- row models: one cell at a time; checks across cells and files follow below -----------------


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
    _dates = field_validator("founded", "ended")(_date_cell)

    @field_validator("aliases", mode="before")
    @classmethod
    def _aliases(cls, value: str | list[str]) -> list[str]:
        return split_list(value) if isinstance(value, str) else value


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
    _dates = field_validator("date")(_date_cell)

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

    @field_validator("aliases", mode="before")
    @classmethod
    def _aliases(cls, value: str | list[str]) -> list[str]:
        return split_list(value) if isinstance(value, str) else value


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
    _dates = field_validator("start", "end")(_date_cell)


MODELS = {"organisations": OrganisationRow, "relations": RelationRow, "people": PersonRow, "roles": RoleRow}


def _row_problems(kind: str, row: RowModel) -> list[tuple[str, str]]:
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


# --- loading -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lineage:
    organisations: pd.DataFrame
    relations: pd.DataFrame
    people: pd.DataFrame
    roles: pd.DataFrame

    @property
    def aliases(self) -> dict[str, list[str]]:
        """Full name -> every other name, for search: one group per organisation and per person."""
        table: dict[str, list[str]] = {}
        for frame in (self.organisations, self.people):
            for row in frame.itertuples():
                others = [row.short_name, *row.aliases]
                table[row.name] = list(dict.fromkeys(name for name in others if name != row.name))
        return table


def empty(kind: str) -> pd.DataFrame:
    """The frame of `kind` ('organisations', 'relations', 'people', 'roles') with no rows."""
    return _frame(kind, [])


def load_lineage(folder: Path, sources: Mapping[str, Source], problems: list[Problem]) -> Lineage:
    """The four files of a collection folder (each optional); problems are appended to `problems`."""
    good: dict[str, list[tuple[int, RowModel]]] = {}
    labels = {kind: str(folder / name) for kind, name in FILES.items()}
    for kind, name in FILES.items():
        path = folder / name
        if not path.exists():
            good[kind] = []
            continue
        optional = tuple(c for c in COLUMNS[kind] if c not in REQUIRED[kind])
        rows, found = read_rows(path, REQUIRED[kind], optional, labels[kind])
        problems.extend(found)
        checked, found = validate_rows(MODELS[kind], rows, labels[kind])
        problems.extend(found)
        good[kind] = []
        for row, model in checked:
            own = _row_problems(kind, model)
            problems.extend(Problem(labels[kind], row.line, field, message) for field, message in own)
            good[kind].append((row.line, model))
        problems.extend(_duplicates(good[kind], labels[kind]))
        problems.extend(_quotes(good[kind], sources, labels[kind]))
    problems.extend(_references(good, labels))
    problems.extend(_alias_clashes(good, labels))
    return Lineage(*(_frame(kind, [model for _, model in good[kind]]) for kind in FILES))


def _duplicates(rows: list[tuple[int, RowModel]], label: str) -> list[Problem]:
    first: dict[str, int] = {}
    found = []
    for line, model in rows:
        if model.id in first:
            found.append(Problem(label, line, "id", f"'{model.id}' is used already on line {first[model.id]}"))
        first.setdefault(model.id, line)
    return found


def _quotes(rows: list[tuple[int, RowModel]], sources: Mapping[str, Source], label: str) -> list[Problem]:
    found = []
    for line, model in rows:
        source = sources.get(model.source)
        if source is None:
            known = ", ".join(sources) or "none"
            found.append(
                Problem(label, line, "source", f"unknown source '{model.source}' (sources in collection.json: {known})")
            )
        elif source.finder.find(model.quote) is None:
            hint = sourcetext.mismatch_hint(source.text, model.quote)
            found.append(Problem(label, line, "quote", f"not found word for word in source '{model.source}': {hint}"))
    return found


Life = tuple[pd.Timestamp | None, pd.Timestamp | None]  # None: the source gives no founding / no end


def life(org: OrganisationRow) -> Life:
    """Earliest possible founding and latest possible end of an organisation."""
    return (bounds(org.founded)[0] if org.founded else None, bounds(org.ended)[1] if org.ended else None)


def _outside(span: tuple[pd.Timestamp, pd.Timestamp], org: OrganisationRow) -> str | None:
    """Why a dated span cannot fall within an organisation's life, or None if it can."""
    first, last = life(org)
    if first is not None and span[1] < first:
        return f"is before '{org.id}' was founded ({words(org.founded)})"
    if last is not None and span[0] > last:
        return f"is after '{org.id}' ended ({words(org.ended)})"
    return None


def role_span(role: RoleRow) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The days a role may cover: an empty start or end leaves that side open."""
    if role.role == "founder" and role.start:
        return bounds(role.start)
    start = bounds(role.start)[0] if role.start else pd.Timestamp.min
    end = bounds(role.end)[1] if role.end else pd.Timestamp.max
    return start, end


def _references(good: dict[str, list[tuple[int, RowModel]]], labels: dict[str, str]) -> list[Problem]:
    orgs = {model.id: model for _, model in good["organisations"]}
    people = {model.id for _, model in good["people"]}
    roles = [model for _, model in good["roles"]]
    found = []

    def org_missing(label: str, line: int, field: str, org_id: str) -> bool:
        if org_id in orgs:
            return False
        found.append(Problem(label, line, field, f"organisation '{org_id}' is not in organisations.csv"))
        return True

    label = labels["relations"]
    for line, rel in good["relations"]:
        span = bounds(rel.date)
        for field in ("from_org", "to_org"):
            org_id = getattr(rel, field)
            if not org_missing(label, line, field, org_id) and (why := _outside(span, orgs[org_id])):
                found.append(Problem(label, line, "date", f"'{rel.date}' ({RELATION_TYPES[rel.type].phrase}) {why}"))
        if rel.to_person and rel.to_person not in people:
            found.append(Problem(label, line, "to_person", f"person '{rel.to_person}' is not in people.csv"))
        elif rel.to_person and not any(
            role.person == rel.to_person and role.organisation == rel.to_org and _overlap(role_span(role), span)
            for role in roles
        ):
            found.append(
                Problem(
                    label,
                    line,
                    "to_person",
                    f"'{rel.to_person}' holds no role in '{rel.to_org}' on {words(rel.date)} (see roles.csv)",
                )
            )
    label = labels["roles"]
    for line, role in good["roles"]:
        if role.person not in people:
            found.append(Problem(label, line, "person", f"person '{role.person}' is not in people.csv"))
        if not org_missing(label, line, "organisation", role.organisation):
            found.extend(
                Problem(label, line, field, why) for field, why in _role_outside(role, orgs[role.organisation])
            )
    return found


def _role_outside(role: RoleRow, org: OrganisationRow) -> list[tuple[str, str]]:
    """A role must begin within its organisation's life and end before the organisation did."""
    first, last = life(org)
    found = []
    if role.start:
        start = bounds(role.start)
        if first is not None and start[1] < first:
            found.append(("start", f"the role starts before '{org.id}' was founded ({words(org.founded)})"))
        if last is not None and start[0] > last:
            found.append(("start", f"the role starts after '{org.id}' ended ({words(org.ended)})"))
    if role.end and last is not None and bounds(role.end)[0] > last:
        found.append(("end", f"the role ends after '{org.id}' ended ({words(org.ended)})"))
    if role.end and not role.start and first is not None and bounds(role.end)[1] < first:
        found.append(("end", f"the role ends before '{org.id}' was founded ({words(org.founded)})"))
    return found


def _overlap(a: tuple[pd.Timestamp, pd.Timestamp], b: tuple[pd.Timestamp, pd.Timestamp]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _alias_clashes(good: dict[str, list[tuple[int, RowModel]]], labels: dict[str, str]) -> list[Problem]:
    """A name given to two organisations or people would make search mix them up."""
    owner: dict[str, tuple[str, str, int]] = {}  # normalised name -> (id, file, line)
    found = []
    for kind in ("organisations", "people"):
        for line, model in good[kind]:
            for field, names in (
                ("name", [model.name]),
                ("short_name", [model.short_name]),
                ("aliases", model.aliases),
            ):
                for name in names:
                    key = normalise(name)
                    if not key:
                        continue
                    other = owner.setdefault(key, (model.id, labels[kind], line))
                    if other[0] != model.id:
                        found.append(
                            Problem(
                                labels[kind],
                                line,
                                field,
                                f"'{name}' names '{other[0]}' too ({other[1]}, line {other[2]}); "
                                "search could not tell them apart",
                            )
                        )
    return found


def _frame(kind: str, models: list[RowModel]) -> pd.DataFrame:
    """Rows -> DataFrame in file order, with <date>_earliest/_latest bounds (NaT where empty)."""
    records = []
    for model in models:
        record = model.model_dump()
        if "short_name" in record:
            record["short_name"] = record["short_name"] or record["name"]
        for column in DATE_COLUMNS[kind]:
            first, last = bounds(record[column]) if record[column] else (pd.NaT, pd.NaT)
            record[f"{column}_earliest"], record[f"{column}_latest"] = first, last
        records.append(record)
    derived = [f"{column}_{side}" for column in DATE_COLUMNS[kind] for side in ("earliest", "latest")]
    frame = pd.DataFrame(records, columns=[*COLUMNS[kind], *derived])
    for column in derived:
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[s]")
    for column in ("founded_basis", "ended_basis"):
        if column in frame:
            frame[column] = frame[column].fillna("")
    return frame


# --- export ------------------------------------------------------------------------------------------


def to_csv(frame: pd.DataFrame, kind: str) -> str:
    """The rows as the kind's CSV file: loading it again gives the same frame.

    Cells a spreadsheet would run as formulas get a leading apostrophe (safecsv.py); the loader takes it off again.
    """
    rows = []
    for record in frame.to_dict("records"):
        row = {column: record[column] for column in COLUMNS[kind]}
        if "aliases" in row:
            row["aliases"] = "; ".join(row["aliases"])
        rows.append(row)
    return csv_text(COLUMNS[kind], rows)


def to_records(frame: pd.DataFrame, kind: str, roles: pd.DataFrame | None = None) -> list[dict]:
    """JSON-ready dicts: empty cells as null, bounds as ISO dates; people carry their roles."""
    records = []
    for record in frame.to_dict("records"):
        out: dict = {}
        for column, value in record.items():
            if isinstance(value, pd.Timestamp):
                out[column] = value.date().isoformat()
            elif value is pd.NaT or (not isinstance(value, list) and pd.isna(value)):
                out[column] = None
            else:
                out[column] = value if value != "" else None
        if kind == "relations":
            out["kind"] = RELATION_TYPES[record["type"]].kind
        if kind == "people" and roles is not None:
            out["roles"] = to_records(roles[roles["person"] == record["id"]], "roles")
        records.append(out)
    return records


def to_json(frame: pd.DataFrame, kind: str, roles: pd.DataFrame | None = None) -> str:
    return json.dumps(to_records(frame, kind, roles), ensure_ascii=False, indent=2) + "\n"
