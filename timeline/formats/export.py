"""The validated events DataFrame -> CSV (the events-file format) or JSON."""

from __future__ import annotations

import json

import pandas as pd

from timeline.core.safecsv import csv_text
from timeline.load import translations
from timeline.load.schema import EVENT_COLUMNS

_LIST_COLUMNS = {"actors": "actors", "places": "place_ids", "places_added": "places_added"}


def _translated_columns(events: pd.DataFrame) -> list[str]:
    # Only the translations some event has: a collection without any exports as it did before they existed.
    return [name for name in translations.COLUMNS if name in events and events[name].fillna("").ne("").any()]


def to_csv(events: pd.DataFrame) -> str:
    """The events as an events.csv file: loading it again gives the same DataFrame.

    Cells a spreadsheet would run as formulas get a leading apostrophe (safecsv.py);
    the loader takes it off again.
    """
    columns = [*EVENT_COLUMNS, *_translated_columns(events)]
    rows = []
    for record in events.to_dict("records"):
        row = {column: record.get(column, "") for column in columns}
        for column, frame_column in _LIST_COLUMNS.items():
            row[column] = "; ".join(record[frame_column])
        row["fatalities"] = "" if pd.isna(record["fatalities"]) else int(record["fatalities"])
        rows.append(row)
    return csv_text(columns, rows)


def to_records(events: pd.DataFrame) -> list[dict]:
    """Plain JSON-ready dicts, one per event, dates as ISO strings; a translation left empty is null."""
    translated = _translated_columns(events)
    records = []
    for record in events.to_dict("records"):
        records.append(
            {
                "id": record["id"],
                "kind": record["kind"],
                "title": record["title"],
                "summary": record["summary"],
                "start": record["start"],
                "end": record["end"] or None,
                "date_text": record["date_text"],
                "date_basis": record["date_basis"],
                "date_note": record["date_note"] or None,
                "earliest": record["earliest"].date().isoformat(),
                "latest": record["latest"].date().isoformat(),
                "precision": record["precision"],
                "approximate": bool(record["approximate"]),
                "uncertain": bool(record["uncertain"]),
                "category": record["category"],
                "actors": list(record["actors"]),
                "places": [
                    {k: place[k] for k in ("id", "name", "kind", "country", "lat", "lon", "added")}
                    for place in record["places"]
                ],
                "place_note": record["place_note"] or None,
                "fatalities": None if pd.isna(record["fatalities"]) else int(record["fatalities"]),
                "fatalities_text": record["fatalities_text"] or None,
                "source": record["source"],
                "quote": record["quote"],
                **{
                    name: record[name] if isinstance(record[name], str) and record[name] else None
                    for name in translated
                },
            }
        )
    return records


def to_json(events: pd.DataFrame) -> str:
    return json.dumps(to_records(events), ensure_ascii=False, indent=2) + "\n"
