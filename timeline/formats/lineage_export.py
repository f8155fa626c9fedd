"""A collection's organisations, relations, people and roles -> CSV (the files' own format) or JSON."""

from __future__ import annotations

import json

import pandas as pd

from timeline.core.safecsv import csv_text
from timeline.load.lineage_models import COLUMNS
from timeline.load.vocabulary import RELATION_TYPES


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
