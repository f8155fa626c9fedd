"""EDTF dates: bounds, precision and words for each form the data uses, and the forms it must refuse."""

from __future__ import annotations

import pandas as pd
import pytest

from timeline.core import dates
from timeline.core.dates import DateError, parse, span
from timeline.i18n.dates import describe, describe_with_basis
from timeline.load.csvfile import Row
from timeline.load.schema import EventRow, validate_rows

T = pd.Timestamp


@pytest.mark.parametrize(
    ("text", "precision", "earliest", "latest"),
    [
        ("2007", "year", "2007-01-01", "2007-12-31"),
        ("2017-03", "month", "2017-03-01", "2017-03-31"),
        ("2017-04", "month", "2017-04-01", "2017-04-30"),
        ("2016-02", "month", "2016-02-01", "2016-02-29"),  # leap year
        ("2015-02", "month", "2015-02-01", "2015-02-28"),
        ("2015-11-20", "day", "2015-11-20", "2015-11-20"),
        ("2016-02-29", "day", "2016-02-29", "2016-02-29"),
        ("200X", "decade", "2000-01-01", "2009-12-31"),
        ("19XX", "century", "1900-01-01", "1999-12-31"),
        ("0800", "year", "0800-01-01", "0800-12-31"),  # before pandas' nanosecond range
    ],
)
def test_parse_bounds_and_precision(text: str, precision: str, earliest: str, latest: str) -> None:
    date = parse(text)
    assert (date.precision, date.earliest, date.latest) == (precision, T(earliest), T(latest))
    assert not date.approximate and not date.uncertain


@pytest.mark.parametrize(
    ("text", "approximate", "uncertain"),
    [("2020-11~", True, False), ("2012?", False, True), ("2012%", True, True), ("2020-11", False, False)],
)
def test_parse_qualifiers(text: str, approximate: bool, uncertain: bool) -> None:
    date = parse(text)
    assert (date.approximate, date.uncertain) == (approximate, uncertain)
    # A qualifier says how sure the source is, not how wide the date is.
    plain = parse(text.rstrip("~?%"))
    assert (date.earliest, date.latest, date.precision) == (plain.earliest, plain.latest, plain.precision)


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        ("2007", None, "2007"),
        ("2017-03", None, "March 2017"),
        ("2015-11-20", None, "20 November 2015"),
        ("200X", None, "the 2000s"),
        ("19XX", None, "the 1900s"),
        ("2020-11~", None, "about November 2020"),
        ("2012?", None, "2012 (uncertain)"),
        ("2014", "2015", "2014–2015"),
        ("2007", "2020-06", "2007–June 2020"),
        ("2012", "2012", "2012"),
    ],
)
def test_describe(start: str, end: str | None, words: str) -> None:
    assert describe(start, end) == words


def test_describe_with_basis_names_the_basis() -> None:
    assert describe_with_basis("2020-11~", None, "derived") == "derived: about November 2020"


def test_span_of_a_single_date_keeps_its_precision() -> None:
    for end in (None, "", "2017-03"):
        result = span("2017-03", end)
        assert (result.earliest, result.latest, result.precision) == (T("2017-03-01"), T("2017-03-31"), "month")


def test_span_of_a_range() -> None:
    result = span("2014", "2015")
    assert (result.earliest, result.latest, result.precision) == (T("2014-01-01"), T("2015-12-31"), "range")
    result = span("2007", "2020-06")
    assert (result.earliest, result.latest) == (T("2007-01-01"), T("2020-06-30"))


def test_span_carries_qualifiers_from_either_end() -> None:
    assert span("2012", "2014~").approximate
    assert span("2012?", "2014").uncertain
    assert not span("2012", "2014").approximate


@pytest.mark.parametrize(("start", "end"), [("2015", "2014"), ("2017-03", "2017-02"), ("2015-11-20", "2015-11-19")])
def test_end_before_start_is_an_error(start: str, end: str) -> None:
    with pytest.raises(DateError, match="before"):
        span(start, end)


def test_end_within_a_coarser_start_is_allowed() -> None:
    # 'from 2017 to March 2017' is odd but not backwards: March 2017 is not before 2017.
    assert span("2017", "2017-03").latest == T("2017-03-31")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "March 2017",
        "2017-13",
        "2017-00",
        "2012-1",
        "12",
        "2015-04-31",
        "2015-02-29",  # not a leap year; must not become 28 February
        "2017-XX",  # unspecified month: not a month, and not 'January 2017'
        "2017-03-XX",
        "19XX-03",
        "1XXX",  # a millennium
        "2001-21",  # a season
        "[2012,2013]",  # one of a set
        "2012-01-01T10:10:10",
        "-0100",  # before year 1
        "0000",
        "000X",  # the decade and century that hold year 0
        "00XX",
    ],
)
def test_invalid_dates_are_refused(text: str) -> None:
    with pytest.raises(DateError) as raised:
        parse(text)
    assert f"'{text}'" in str(raised.value)  # the message quotes what the user typed


@pytest.mark.parametrize("text", ["2014/2015", "2017-03/2017-05", "2014/..", "../2015"])
def test_an_interval_is_not_a_single_date(text: str) -> None:
    with pytest.raises(DateError, match="interval"):
        parse(text)


def test_parse_is_repeatable() -> None:
    # parse is cached; a refused date must be refused again, not remembered as fine.
    for _ in range(2):
        assert parse("2017-03").precision == "month"
        with pytest.raises(DateError):
            parse("2017-13")


# The schema's side of dates: an interval typed in 'start' is split into start and end.

EVENT = {
    "id": "test-event",
    "title": "A test event",
    "start": "2014",
    "date_text": "between 2014 and 2015",
    "date_basis": "stated",
    "category": "attack",
    "summary": "Something happened.",
    "source": "aqim-profile",
    "quote": "Something happened.",
}


def _validate(**changes: str):
    return validate_rows(EventRow, [Row(5, {**EVENT, **changes})], "events.csv")


def test_interval_in_start_is_split_into_start_and_end() -> None:
    good, problems = _validate(start="2014/2015", end="")
    assert problems == []
    (_, event) = good[0]
    assert (event.start, event.end) == ("2014", "2015")
    assert dates.span(event.start, event.end).precision == "range"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"start": "2014/2015", "end": "2016"}, "start"),  # both an interval and an end
        ({"start": "2014/2015-13"}, "start"),  # a bad date inside the interval
        ({"start": "2015/2014"}, "start"),  # an interval that runs backwards
        ({"start": "2015", "end": "2014"}, "end"),
        ({"start": "2017-13"}, "start"),
        ({"end": "2017-13"}, "end"),
        ({"date_basis": "derived"}, "date_note"),
    ],
)
def test_date_problems_name_line_and_field(changes: dict[str, str], field: str) -> None:
    good, problems = _validate(**changes)
    assert good == []
    assert [(problem.file, problem.line, problem.field) for problem in problems] == [("events.csv", 5, field)]
