"""Every CSV file the tool writes is safe to open in a spreadsheet, and there is one writer for them all.

A cell a spreadsheet runs as a formula (=, +, -, @, tab, carriage return first) is written with a
leading apostrophe. The writers are found in the package's source, so a new one cannot escape:
either it goes through safecsv.write_rows/csv_text and is listed in WRITERS below (which runs it on
formula cells), or test_no_csv_writer_bypasses_safecsv fails.
"""

from __future__ import annotations

import ast
import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from helpers import AQIM, ROOT, copy_collection

from timeline.core.safecsv import csv_text, neutralise, restore
from timeline.extract import extract
from timeline.formats import export, lineage_export
from timeline.formats.timelinejs import import_timeline
from timeline.load import lineage
from timeline.load.collection import load_collection

PACKAGE = ROOT / "timeline"
FORMULAS = ['=HYPERLINK("http://evil.example","click")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\r=1", "'=already"]
LIVE = ("=", "+", "-", "@", "\t", "\r")


def _live_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row if cell[:1] in LIVE]


def _protected(text: str) -> bool:
    return any(cell.startswith("'=HYPERLINK(") for row in csv.reader(io.StringIO(text)) for cell in row)


def _live_in_folder(folder: Path) -> dict[str, list[str]]:
    found = {path.name: _live_cells(path.read_text(encoding="utf-8")) for path in folder.glob("*.csv")}
    return {name: cells for name, cells in found.items() if cells}


# --- the writers, each run on formula cells ------------------------------------------------------------


def _export_events(tmp_path: Path) -> None:
    events = load_collection(AQIM).events.copy()
    for row, formula in enumerate(FORMULAS):
        events.loc[events.index[row], "title"] = formula
        events.loc[events.index[row], "summary"] = formula
    text = export.to_csv(events)
    assert not _live_cells(text)
    assert _protected(text)


def _export_lineage(tmp_path: Path) -> None:
    collection = load_collection(AQIM)
    for kind, column in (("organisations", "name"), ("relations", "summary"), ("people", "name"), ("roles", "title")):
        frame = getattr(collection, kind).copy()
        for row, formula in enumerate(FORMULAS[: len(frame)]):
            frame.loc[frame.index[row], column] = formula
        text = lineage_export.to_csv(frame, kind)
        assert not _live_cells(text), kind
        assert _protected(text), kind


def _extract_draft(tmp_path: Path) -> None:
    source = tmp_path / "profile.txt"
    source.write_text(
        '=HYPERLINK("http://evil.example","click") In March 2007, the group attacked Algiers.\n\n'
        "@SUM(1+1) was written in 2009 when the group took Timbuktu.\n\n"
        "-2+3 In 2012 the group entered Gao.\n",
        encoding="utf-8",
    )
    extract(source, tmp_path / "draft")
    assert not _live_in_folder(tmp_path / "draft")
    assert _protected((tmp_path / "draft" / "events.csv").read_text(encoding="utf-8"))


def _import_timelinejs(tmp_path: Path) -> None:
    slides = [
        {"start_date": {"year": 2000 + i}, "text": {"headline": formula, "text": formula}}
        for i, formula in enumerate(FORMULAS)
    ]
    media = {"url": "https://example.org/a.jpg", "caption": "=1+1", "credit": "@me"}
    slides[0]["media"] = media
    path = tmp_path / "formulas.json"
    path.write_text(json.dumps({"title": {"text": {"headline": "=cmd"}}, "events": slides}), encoding="utf-8")
    import_timeline(path, tmp_path / "imported")
    assert not _live_in_folder(tmp_path / "imported")
    assert _protected((tmp_path / "imported" / "events.csv").read_text(encoding="utf-8"))


# Module (relative to timeline/) -> the test that runs its CSV writer on formula cells.
WRITERS = {
    "formats/export.py": _export_events,
    "formats/lineage_export.py": _export_lineage,
    "extract/folder.py": _extract_draft,
    "formats/timelinejs/folder.py": _import_timelinejs,
}


@pytest.mark.parametrize("module", sorted(WRITERS))
def test_every_csv_writer_neutralises_formula_cells(module, tmp_path) -> None:
    WRITERS[module](tmp_path)


# --- discovery: no CSV is written any other way ------------------------------------------------------------


def _calls(path: Path) -> list[ast.Call]:
    return [node for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(node, ast.Call)]


def _name(call: ast.Call) -> tuple[str, str]:
    func = call.func
    if isinstance(func, ast.Attribute):
        owner = func.value.id if isinstance(func.value, ast.Name) else "?"
        return owner, func.attr
    return "", func.id if isinstance(func, ast.Name) else "?"


def _modules() -> list[tuple[str, Path]]:
    return [(path.relative_to(PACKAGE).as_posix(), path) for path in sorted(PACKAGE.rglob("*.py"))]


def test_no_csv_writer_bypasses_safecsv() -> None:
    bypass = []
    for name, path in _modules():
        for call in _calls(path):
            owner, attr = _name(call)
            if name != "core/safecsv.py" and owner == "csv" and attr in ("writer", "DictWriter"):
                bypass.append(f"{name}:{call.lineno} csv.{attr}")
            # pandas' DataFrame.to_csv would skip the apostrophe; our modules' own to_csv functions are fine.
            if attr == "to_csv" and owner not in ("export", "lineage_export"):
                bypass.append(f"{name}:{call.lineno} {owner}.to_csv")
    assert not bypass, f"CSV written without safecsv.write_rows/csv_text: {bypass}"


def test_every_module_writing_csv_is_run_on_formula_cells() -> None:
    writing = {
        name
        for name, path in _modules()
        if name != "core/safecsv.py" and any(_name(call)[1] in ("write_rows", "csv_text") for call in _calls(path))
    }
    assert writing == set(WRITERS), "add the new CSV writer to WRITERS, with a test that feeds it formula cells"


# --- round trips -------------------------------------------------------------------------------------------


def test_one_writer_neutralises_every_cell_and_restore_undoes_it() -> None:
    rows = [{"a": formula, "b": None, "c": float("nan"), "d": -5} for formula in FORMULAS]
    text = csv_text(["a", "b", "c", "d"], rows)
    read = list(csv.DictReader(io.StringIO(text)))
    assert not _live_cells(text)
    assert [restore(row["a"]) for row in read] == FORMULAS
    assert {(row["b"], row["c"], row["d"]) for row in read} == {("", "", "'-5")}
    assert all(restore(neutralise(formula)) == formula for formula in FORMULAS)


@pytest.mark.parametrize(
    ("kind", "row_id", "column"),
    [
        ("organisations", "aqim", "description"),
        ("relations", "gspc-becomes-aqim", "summary"),
        ("people", "droukdel", "description"),
        ("roles", "droukdel-emir-of-aqim", "title"),
    ],
)
def test_a_protected_lineage_cell_loads_as_text_and_goes_out_protected_again(tmp_path, kind, row_id, column) -> None:
    """The loader takes the apostrophe off (the frame holds the text); export puts it back, so it never goes out live."""
    folder = copy_collection(tmp_path)
    path = folder / lineage.FILES[kind]
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    formula = '=HYPERLINK("http://evil.example","click")'
    for row in rows:
        if row["id"] == row_id:
            row[column] = "'" + formula  # as a spreadsheet user (or our export) protects it
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    frame = getattr(load_collection(folder), kind)
    assert frame.set_index("id").loc[row_id, column] == formula
    text = lineage_export.to_csv(frame, kind)
    assert not _live_cells(text)
    out = {row["id"]: row for row in csv.DictReader(io.StringIO(text))}
    assert out[row_id][column] == "'" + formula
    path.write_text(text, encoding="utf-8")
    pd.testing.assert_frame_equal(getattr(load_collection(folder), kind), frame)
