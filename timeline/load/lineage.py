"""Organisations, how they descend from each other, and the people who led them.

Four optional CSV files sit next to events.csv (their columns: lineage_models.py):

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

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from timeline.core.problems import Problem
from timeline.load.checks import duplicate_ids, source_problems
from timeline.load.csvfile import read_rows
from timeline.load.lineage_checks import alias_clashes, references
from timeline.load.lineage_dates import bounds
from timeline.load.lineage_models import COLUMNS, DATE_COLUMNS, FILES, MODELS, REQUIRED, row_problems
from timeline.load.schema import RowModel, validate_rows
from timeline.load.sourcetext import Source


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
            own = row_problems(kind, model)
            problems.extend(Problem(labels[kind], row.line, field, message) for field, message in own)
            good[kind].append((row.line, model))
        problems.extend(duplicate_ids([(line, model.id) for line, model in good[kind]], labels[kind]))
        for line, model in good[kind]:
            problems.extend(source_problems(labels[kind], line, model.source, model.quote, sources))
    problems.extend(references(good, labels))
    problems.extend(alias_clashes(good, labels))
    return Lineage(*(_frame(kind, [model for _, model in good[kind]]) for kind in FILES))


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
