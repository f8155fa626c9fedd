"""`python -m timeline` as a user runs it: exit codes, what goes to stdout and stderr, export formats."""

from __future__ import annotations

import csv
import json
import subprocess

import pandas as pd
import pytest
from helpers import AQIM, copy_collection, edit_row, run_timeline_many

from timeline.load.collection import Collection, load_collection

COMMANDS = {
    "validate": ("validate", AQIM),
    "json": ("export", AQIM, "--format", "json"),
    "csv": ("export", AQIM, "--format", "csv"),
    "help": ("--help",),
}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, subprocess.CompletedProcess[str]]:
    """Every command once, side by side: each run spends about a second importing pandas."""
    broken = copy_collection(tmp_path_factory.mktemp("broken"))
    edit_row(broken / "events.csv", "jnim-formed", ",2017-03,", ",2017-13,")
    commands = {**COMMANDS, "export_broken": ("export", broken, "--format", "csv")}
    return dict(zip(commands, run_timeline_many(list(commands.values())), strict=True))


@pytest.fixture(scope="module")
def csv_rows() -> list[dict[str, str]]:
    """The bundled events.csv read with the csv module only, as the reference for what the CLI writes."""
    with (AQIM / "events.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def _no_traceback(run: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in run.stdout + run.stderr


def test_validate_accepts_the_bundled_collection(runs, csv_rows) -> None:
    run = runs["validate"]
    assert run.returncode == 0, run.stderr
    _no_traceback(run)
    assert f"{len(csv_rows)} events" in run.stdout


def test_export_json_has_every_event_with_its_fields(runs, csv_rows) -> None:
    run = runs["json"]
    assert run.returncode == 0, run.stderr
    _no_traceback(run)
    records = json.loads(run.stdout)
    assert isinstance(records, list)
    assert sorted(record["id"] for record in records) == sorted(row["id"] for row in csv_rows)

    keys = {"id", "start", "end", "date_text", "date_basis", "earliest", "latest", "precision"}
    keys |= {"title", "summary", "category", "actors", "places", "source", "quote"}
    by_id = {row["id"]: row for row in csv_rows}
    for record in records:
        assert keys <= record.keys(), f"{record['id']} lacks {keys - record.keys()}"
        row = by_id[record["id"]]
        assert record["quote"] == row["quote"]
        assert record["start"] == row["start"]
        # Dates come out as ISO text, and an event's bounds are ordered.
        assert pd.Timestamp(record["earliest"]) <= pd.Timestamp(record["latest"])
        listed = [p.strip() for column in ("places", "places_added") for p in row[column].split(";") if p.strip()]
        assert sorted(place["id"] for place in record["places"]) == sorted(listed)
        for place in record["places"]:
            assert {"name", "kind", "country", "lat", "lon"} <= place.keys()
            assert isinstance(place["lat"], float) and isinstance(place["lon"], float)


def test_export_json_keeps_the_source_precision(runs) -> None:
    records = {record["id"]: record for record in json.loads(runs["json"].stdout)}
    jnim = records["jnim-formed"]
    assert (jnim["start"], jnim["precision"], jnim["earliest"], jnim["latest"]) == (
        "2017-03",
        "month",
        "2017-03-01",
        "2017-03-31",
    )
    bamako = [place for place in records["radisson-blu-attack"]["places"] if place["id"] == "bamako"]
    assert bamako and bamako[0]["added"] is True


def test_export_csv_round_trips(runs, aqim: Collection, tmp_path) -> None:
    run = runs["csv"]
    assert run.returncode == 0, run.stderr
    _no_traceback(run)
    folder = copy_collection(tmp_path)
    (folder / "events.csv").write_text(run.stdout, encoding="utf-8")
    again = load_collection(folder)
    pd.testing.assert_frame_equal(again.events, aqim.events)


def test_export_of_a_broken_collection_writes_nothing(runs) -> None:
    run = runs["export_broken"]
    assert run.returncode == 1
    _no_traceback(run)
    assert run.stdout == ""  # no partial export of the rows that were fine
    assert "2017-13" in run.stderr


def test_help_lists_the_commands(runs) -> None:
    run = runs["help"]
    assert run.returncode == 0, run.stderr
    _no_traceback(run)
    for command in ("serve", "validate", "export"):
        assert command in run.stdout
