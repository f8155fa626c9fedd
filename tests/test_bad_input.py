"""Broken collection folders: load_collection and `python -m timeline validate` must both refuse them
and say where the problem is (file, line, field), never with a traceback.

Each case is a real copy of data/aqim with one file edited as a person would edit it. The line each
problem must name is counted from the edited file itself, not taken from the loader.
"""

from __future__ import annotations

import codecs
import csv
import json
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import copy_collection, edit_row, problem_lines, row_line, run_timeline_many

from timeline.core.problems import CollectionError, Problem
from timeline.load.collection import load_collection


@dataclass(frozen=True)
class Expected:
    file: str  # file name inside the collection folder
    line: int | None  # None where the file has no line to point at (empty, binary)
    field: str | None  # None where no single field is at fault
    mentions: tuple[str, ...] = ()  # what the message must quote back, e.g. the bad value

    def matches(self, problem: Problem) -> bool:
        return (
            problem.file.endswith(self.file)
            and (self.line is None or problem.line == self.line)
            and (self.field is None or problem.field == self.field)
        )


Build = Callable[[Path], Expected | list[Expected]]
CASES: dict[str, Callable[[Path], list[Expected]]] = {}
WITH_CLI: set[str] = set()  # cases also run through `python -m timeline validate`


def case(build: Build | None = None, *, cli: bool = True):
    def register(build: Build) -> Build:
        def as_list(folder: Path) -> list[Expected]:
            expected = build(folder)
            return expected if isinstance(expected, list) else [expected]

        CASES[build.__name__] = as_list
        if cli:
            WITH_CLI.add(build.__name__)
        return build

    return register if build is None else register(build)


def _rewrite_columns(events: Path, change: Callable[[list[list[str]]], list[list[str]]]) -> None:
    with events.open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    with events.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file, lineterminator="\n").writerows(change(rows))


@case
def missing_column(folder: Path) -> Expected:
    def drop_quote(rows: list[list[str]]) -> list[list[str]]:
        at = rows[0].index("quote")
        return [row[:at] + row[at + 1 :] for row in rows]

    _rewrite_columns(folder / "events.csv", drop_quote)
    return Expected("events.csv", 1, "quote")


@case
def unknown_column(folder: Path) -> Expected:
    _rewrite_columns(folder / "events.csv", lambda rows: [rows[0] + ["colour"]] + [row + ["red"] for row in rows[1:]])
    return Expected("events.csv", 1, "colour")


@case
def malformed_edtf(folder: Path) -> Expected:
    line = edit_row(folder / "events.csv", "jnim-formed", ",2017-03,", ",2017-13,")
    return Expected("events.csv", line, "start", ("2017-13",))


@case
def end_before_start(folder: Path) -> Expected:
    line = edit_row(folder / "events.csv", "sahel-attacks-intensify", ",2014,2015,", ",2014,2013,")
    return Expected("events.csv", line, "end", ("2013",))


@case
def unknown_place(folder: Path) -> Expected:
    line = edit_row(folder / "events.csv", "ouagadougou-attack", "ouagadougou; burkina-faso", "ouagadougou; wakanda")
    return Expected("events.csv", line, "places", ("wakanda",))


@case
def quote_not_in_source(folder: Path) -> Expected:
    line = edit_row(folder / "events.csv", "mali-coup", "of the volatility that", "of the instability that")
    return Expected("events.csv", line, "quote", ("instability",))


@case
def duplicate_id(folder: Path) -> Expected:
    events = folder / "events.csv"
    first = row_line(events, "aqim-founded")
    line = edit_row(events, "mali-coup", "mali-coup,", "aqim-founded,")
    assert first < line  # so the later row is the duplicate
    return Expected("events.csv", line, "id", (f"line {first}",))


@case
def empty_file(folder: Path) -> Expected:
    (folder / "events.csv").write_bytes(b"")
    return Expected("events.csv", None, None)


@case
def not_utf8(folder: Path) -> Expected:
    events = folder / "events.csv"
    line = row_line(events, "mali-coup")
    title = "Coup d'état in Mali"  # as a spreadsheet saving 'CSV (Windows)' writes it
    raw = events.read_bytes()
    assert raw.count(title.encode("utf-8")) == 1
    events.write_bytes(raw.replace(title.encode("utf-8"), title.encode("cp1252")))
    return Expected("events.csv", line, None, ("UTF-8",))


# The cases marked cli=False go beyond the list and take the CLI path the others
# already cover; each CLI run costs about a second of CPU, so they are checked in process.


@case(cli=False)
def not_utf8_after_bom(folder: Path) -> Expected:
    # Excel's 'CSV UTF-8' starts with a BOM; a cp1252 byte pasted in later must still be
    # found where it is, so the message names that byte (0xe9), not a neighbour.
    events = folder / "events.csv"
    line = row_line(events, "gspc-founded")
    raw = events.read_bytes()
    events.write_bytes(codecs.BOM_UTF8 + raw.replace(b"\ngspc-founded,", "\n\xe9gspc-founded,".encode("cp1252")))
    return Expected("events.csv", line, None, ("0xe9",))


@case
def png_saved_as_csv(folder: Path) -> Expected:
    (folder / "events.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)))
    return Expected("events.csv", None, None)


@case
def json_saved_as_csv(folder: Path) -> Expected:
    events = [{"id": "mali-coup", "title": "Coup d'état in Mali", "start": "2012"}]
    (folder / "events.csv").write_text(json.dumps(events, indent=2, ensure_ascii=False), encoding="utf-8")
    return Expected("events.csv", 1, None)


@case
def unknown_category(folder: Path) -> Expected:
    line = edit_row(folder / "events.csv", "mali-coup", ",context,", ",politics,")
    return Expected("events.csv", line, "category", ("politics",))


@case
def derived_date_without_note(folder: Path) -> Expected:
    line = edit_row(folder / "events.csv", "mali-coup", ",stated,,context,", ",derived,,context,")
    return Expected("events.csv", line, "date_note")


@case
def multiline_cell_before_bad_row(folder: Path) -> Expected:
    events = folder / "events.csv"
    before = row_line(events, "jnim-formed")
    # A summary typed with line breaks in a spreadsheet cell: one row now spans three lines.
    edit_row(events, "algerian-civil-war", "was founded. Shown", "was founded.\n\nShown")
    line = edit_row(events, "jnim-formed", ",2017-03,", ",2017-13,")
    assert line == before + 2
    return Expected("events.csv", line, "start", ("2017-13",))


@case(cli=False)
def windows_line_endings(folder: Path) -> Expected:
    events = folder / "events.csv"
    line = edit_row(events, "jnim-formed", ",2017-03,", ",2017-13,")
    events.write_bytes(events.read_bytes().replace(b"\n", b"\r\n"))
    return Expected("events.csv", line, "start", ("2017-13",))


@case
def three_bad_rows(folder: Path) -> list[Expected]:
    events = folder / "events.csv"
    return [
        Expected("events.csv", edit_row(events, "arab-uprisings", ",2011,,", ",2011-00,,"), "start", ("2011-00",)),
        Expected("events.csv", edit_row(events, "mali-coup", ",context,", ",politics,"), "category", ("politics",)),
        Expected(
            "events.csv",
            edit_row(events, "ouagadougou-attack", "ouagadougou; burkina-faso", "ouagadougou; wakanda"),
            "places",
            ("wakanda",),
        ),
    ]


@case(cli=False)
def bad_place_row(folder: Path) -> Expected:
    line = edit_row(folder / "places.csv", "bamako", ",12.60915,", ",112.60915,")
    return Expected("places.csv", line, "lat", ("112.60915",))


@case(cli=False)
def source_entry_not_an_object(folder: Path) -> Expected:
    meta_path = folder / "collection.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["sources"] = [source["file"] for source in meta["sources"]]  # a list of file names instead
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    return Expected("collection.json", None, None)


@dataclass(frozen=True)
class Broken:
    folder: Path
    expected: list[Expected]
    run: subprocess.CompletedProcess[str] | None


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Broken]:
    """Every case built as a real folder; the CLI runs on all of them side by side to keep the suite fast."""
    built = {}
    for name, build in CASES.items():
        folder = copy_collection(tmp_path_factory.mktemp(name))
        built[name] = (folder, build(folder))
    names = [name for name in built if name in WITH_CLI]
    runs = dict(zip(names, run_timeline_many([("validate", built[name][0]) for name in names]), strict=True))
    return {name: Broken(folder, expected, runs.get(name)) for name, (folder, expected) in built.items()}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_collection_is_refused_with_file_line_and_field(broken: dict[str, Broken], name: str) -> None:
    case = broken[name]
    with pytest.raises(CollectionError) as raised:
        load_collection(case.folder)
    for expected in case.expected:
        found = [problem for problem in raised.value.problems if expected.matches(problem)]
        assert found, f"expected a problem like {expected}; got:\n{raised.value}"
        for word in expected.mentions:
            assert any(word in problem.message for problem in found), f"no message mentions {word!r}: {found}"

    if case.run is None:
        return
    output = case.run.stdout + case.run.stderr
    assert case.run.returncode == 1, output
    assert "Traceback" not in output
    for expected in case.expected:
        path = case.folder / expected.file
        assert problem_lines(case.run.stderr, path, expected.line, expected.field), (
            f"stderr does not name {path}, line {expected.line}, field {expected.field}:\n{case.run.stderr}"
        )


def test_every_problem_is_reported_at_once(broken: dict[str, Broken]) -> None:
    case = broken["three_bad_rows"]
    with pytest.raises(CollectionError) as raised:
        load_collection(case.folder)
    lines = {problem.line for problem in raised.value.problems}
    assert len(raised.value.problems) >= 3
    assert {expected.line for expected in case.expected} <= lines
    assert len({expected.line for expected in case.expected}) == 3


def test_one_bad_row_fails_the_whole_file(tmp_path: Path) -> None:
    folder = copy_collection(tmp_path)
    events = folder / "events.csv"
    rows = len(events.read_text(encoding="utf-8").strip().split("\n")) - 1  # bundled rows are one line each
    assert rows > 1  # with the bundled 22: 21 good rows and the bad one below
    line = edit_row(events, "droukdel-killed", ",2020-06,", ",2020-06-31,")  # June has 30 days

    with pytest.raises(CollectionError) as raised:
        load_collection(folder)
    assert {problem.line for problem in raised.value.problems if problem.file.endswith("events.csv")} == {line}

    # Mended, the same file loads in full: the other rows were good, and still none came back above.
    edit_row(events, "droukdel-killed", ",2020-06-31,", ",2020-06,")
    assert len(load_collection(folder).events) == rows
