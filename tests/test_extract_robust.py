"""Issue 21, nothing lost: a sentence extract cannot date, or that trips a bug, is reported and the rest of
the document is drafted. The crash of the issue first: a relative phrase anchored to an open span."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from extract_grammar import check_draft
from helpers import run_timeline

from timeline.extract import extract, markup
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


# --- what cannot be dated is reported, with its sentence ------------------------------------------

UNRESOLVABLE = (
    "Gunmen attacked a hotel on 20 November. Dozens were held.\n\n"
    "The army retook Gao in 2013. Following the mutiny, rebels fled to the hills. In recent years, calm returned.\n"
)


def test_an_unresolved_date_is_reported_with_its_sentence_and_the_rest_is_drafted(tmp_path):
    source = tmp_path / "text.txt"
    source.write_text(UNRESOLVABLE, encoding="utf-8")
    run = run_timeline("extract", source, "--out", tmp_path / "out")
    assert run.returncode == 0, run.stderr
    assert [r["date_text"] for r in rows(tmp_path / "out")] == ["in 2013"]
    report = (tmp_path / "out" / "report.txt").read_text(encoding="utf-8")
    assert report == run.stdout  # a short report is printed whole
    assert "unresolved:            2" in report
    assert (
        "'on 20 November' (sentence 1): a day or month without its year: no year is stated before it" in report
        and 'in: "Gunmen attacked a hotel on 20 November."' in report
    )
    assert "'Following the mutiny' (sentence 4): relative date not resolved: no dated event" in report
    assert 'in: "Following the mutiny, rebels fled to the hills."' in report
    assert "undated mentions:      1\n      - 'In recent years' (sentence 5): vague" in report


# --- a bug in one sentence costs that sentence only -----------------------------------------------

CHAIN = (
    "On 12 March 2009, gunmen attacked a ferry terminal in Zamboanga. Two years later, the group kidnapped "
    "tourists in Sabah. The army launched an offensive on September 4, 2011. The following year, the leader "
    "was killed in an airstrike.\n"
)


def _raises_on(words: str, real):
    """`real`, except that it raises where a sentence holds `words`: a bug that only one sentence trips."""

    def rule(*args, **kwargs):
        if any(words in getattr(a, "text", "") for a in args):
            raise ValueError(f"a rule broke on {words!r}")
        return real(*args, **kwargs)

    return rule


def test_a_rule_that_raises_while_resolving_costs_only_its_phrase(tmp_path, monkeypatch):
    import timeline.extract.resolve as resolve

    monkeypatch.setattr(resolve, "resolve_relative", _raises_on("Two years later", resolve.resolve_relative))
    source = tmp_path / "chain.txt"
    source.write_text(CHAIN, encoding="utf-8")
    report = extract(source, tmp_path / "out")
    drafted = {r["date_text"]: r["start"] for r in rows(tmp_path / "out")}
    assert drafted == {
        "On 12 March 2009": "2009-03-12",
        "on September 4, 2011": "2011-09-04",
        "The following year": "2012",
    }
    [lost] = report.unresolved
    assert (lost.text, lost.sentence, lost.kind) == ("Two years later", 2, "error")
    assert "ValueError: a rule broke on 'Two years later'" in lost.reason
    assert "internal error" in report.text() and lost.quote.startswith("Two years later, the group")
    load_collection(tmp_path / "out")


def test_a_rule_that_raises_while_drafting_a_row_costs_only_its_sentence(tmp_path, monkeypatch):
    import timeline.extract.draft as draft_module

    monkeypatch.setattr(draft_module, "draft_title", _raises_on("offensive", draft_module.draft_title))
    source = tmp_path / "chain.txt"
    source.write_text(CHAIN, encoding="utf-8")
    report = extract(source, tmp_path / "out")
    assert [r["date_text"] for r in rows(tmp_path / "out")] == [
        "On 12 March 2009",
        "Two years later",
        "The following year",
    ]
    [lost] = report.unresolved
    assert (lost.text, lost.sentence, lost.kind) == ("on September 4, 2011", 3, "error")
    assert "ValueError" in lost.reason and report.rows == 3 and report.dated == 3
    assert report.ok
    load_collection(tmp_path / "out")


# --- crashes the fuzzing found (tests/test_extract_fuzz.py), each kept as a plain example -----------


@pytest.mark.parametrize(
    "text",
    [
        # 1. A title line ending in a backslash: the subject's name went into re.sub as a template ('bad escape').
        "\\ In March 2013, \\ two years later \\\n2014\n* on 3 May \\",
        # 2. A chain of relative phrases counted past the year 9999 (found with '٢٠ years later' said 400 times):
        # ValueError in pandas' date arithmetic. Now unresolved, with that reason.
        "In 2013 the war began. " + "It ended ٩٩ decades later. " * 9,
        # 3. A title of nothing but a no-break space: the loader refused the draft ('title' must not be empty).
        ".\xa0 In March 2013, .\xa0 two years later .\xa0\n2014\n* on 3 May .\xa0",
    ],
)
def test_texts_that_once_crashed_draft_a_valid_collection(text):
    check_draft(text, "found.txt")
