"""Open ends ('Since 2007' -> EDTF 2007/..): accepted by the loader, run to the end of the current year
when loaded, flagged in the `open_end` column, and worded 'since 2007'."""

from __future__ import annotations

import datetime

import pandas as pd
import pytest
from helpers import copy_collection, edit_row

from timeline.core import dates
from timeline.i18n.dates import describe
from timeline.load.collection import load_collection
from timeline.load.csvfile import Row
from timeline.load.schema import EventRow, validate_rows

THIS_YEAR_END = pd.Timestamp(datetime.date.today().year, 12, 31)


@pytest.mark.parametrize(
    ("start", "earliest", "approximate"),
    [("2007", "2007-01-01", False), ("2014-03", "2014-03-01", False), ("2013~", "2013-01-01", True)],
)
def test_open_end_runs_to_the_end_of_the_current_year(start, earliest, approximate):
    span = dates.span(start, dates.OPEN)
    assert (span.earliest, span.latest, span.precision) == (pd.Timestamp(earliest), THIS_YEAR_END, "range")
    assert span.open_end and span.approximate == approximate
    assert not dates.span(start, "").open_end and not dates.span(start, "2030").open_end


def test_open_end_that_starts_after_this_year_ends_where_its_start_does():
    span = dates.span("2999", dates.OPEN)
    assert span.latest == pd.Timestamp("2999-12-31") and span.open_end


def test_open_end_follows_the_year_it_is_loaded_in(monkeypatch):
    monkeypatch.setattr(dates, "open_latest_year", lambda: 2030)
    assert dates.span("2007", "..").latest == pd.Timestamp("2030-12-31")
    epoch = datetime.date(1970, 1, 1).toordinal()
    assert dates.span_days("2007", "..")[1] == datetime.date(2030, 12, 31).toordinal() - epoch


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [("2007", "..", "since 2007"), ("2014-03", "..", "since March 2014"), ("2013~", "..", "since about 2013")],
)
def test_open_end_is_worded_since(start, end, words):
    assert describe(start, end) == words


@pytest.mark.parametrize("start", ["..", "../2007"])
def test_an_open_start_is_refused(start):
    with pytest.raises(dates.DateError):
        dates.span(start.partition("/")[0], "2007")
    values = {
        "id": "open", "title": "t", "start": start, "date_text": "x", "date_basis": "stated", "category": "context",
        "summary": "s", "source": "s", "quote": "q",
    }  # fmt: skip
    good, problems = validate_rows(EventRow, [Row(2, values)], "events.csv")
    assert not good and problems


@pytest.mark.parametrize(("start", "end"), [("2007/..", ""), ("2007", "..")])
def test_schema_accepts_an_open_end_in_either_form(start, end):
    values = {
        "id": "open", "title": "t", "start": start, "end": end, "date_text": "Since 2007", "date_basis": "stated",
        "category": "context", "summary": "s", "source": "s", "quote": "q",
    }  # fmt: skip
    good, problems = validate_rows(EventRow, [Row(2, values)], "events.csv")
    assert problems == []
    assert (good[0][1].start, good[0][1].end) == ("2007", "..")


def test_loaded_collection_has_an_open_end_column(tmp_path):
    folder = copy_collection(tmp_path)
    row_id = "aqim-founded"
    edit_row(folder / "events.csv", row_id, ",2007,,", ",2007,..,")
    frame = load_collection(folder).events
    assert frame["open_end"].dtype == bool
    opened = frame[frame["open_end"]]
    assert list(opened["id"]) == [row_id]
    assert opened.iloc[0]["latest"] == THIS_YEAR_END
    assert not frame.loc[frame["id"] != row_id, "open_end"].any()
