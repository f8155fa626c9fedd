"""Issue 21, nothing lost: a sentence extract cannot date, or that trips a bug, is reported and the rest of
the document is drafted. The crash of the issue first: a relative phrase anchored to an open span."""

from __future__ import annotations

import csv
from pathlib import Path

from helpers import run_timeline

from timeline.extract import markup
from timeline.extract.actors import Glossary
from timeline.extract.draft import build
from timeline.extract.places import Gazetteer
from timeline.load.collection import load_collection

# The issue's crash: 'Three years later' counted from '2014 onwards', whose end is EDTF's open '..'.
OPEN_ANCHOR = (
    "Background\n\n"
    "The insurgency has continued from 2014 onwards. Three years later, the government signed a truce with "
    "the northern groups. In March 2019, the truce collapsed.\n"
)


def draft(text: str):
    cleaned = markup.clean(text, markup.sniff(text))
    return build(cleaned.text, "s", Gazetteer([], offline=True), Glossary(), structure=cleaned.structure)


def rows(folder: Path) -> list[dict[str, str]]:
    with (folder / "events.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_relative_phrase_after_an_open_span_counts_from_its_start():
    found = {r["date_text"]: r for r in draft(OPEN_ANCHOR).rows}
    later = found["Three years later"]
    assert (later["start"], later["end"], later["date_basis"]) == ("2017~", "", "derived")
    assert "start" in later["date_note"] and "from 2014 onwards" in later["date_note"]
    assert found["In March 2019"]["start"] == "2019-03"


def test_the_issue_text_drafts_from_the_command_line(tmp_path):
    source = tmp_path / "background.txt"
    source.write_text(OPEN_ANCHOR, encoding="utf-8")
    run = run_timeline("extract", source, "--out", tmp_path / "out")
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    assert {r["date_text"] for r in rows(tmp_path / "out")} == {
        "from 2014 onwards",
        "Three years later",
        "In March 2019",
    }
    load_collection(tmp_path / "out")
