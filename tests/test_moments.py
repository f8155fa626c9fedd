"""The moment rules of a play (timeline/query/moments.py): which events belong to a moment, for every precision.

CASES is shared with tests/browser/test_play.py, which holds assets/play.js's momentState to the same answers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from timeline.core import dates
from timeline.load.collection import load_collection
from timeline.query import moments
from timeline.query.moments import EARLIER, LATER, NOW, Stops, play_stops, spans, state, stops_between

COLLECTION = load_collection()


def day(value) -> int:
    return int(np.datetime64(pd.Timestamp(value).date(), "D").astype(np.int64))


def event_days(start: str, end: str | None = None) -> tuple[int, int, bool]:
    """An event's [earliest, latest] as whole days since 1970 and its open flag, as the loader dates it."""
    span = dates.span(start, end)
    return day(span.earliest), day(span.latest), bool(span.open_end)


def moment_days(stop: str, unit: str) -> tuple[int, int]:
    """The stop holding the first day of `stop` (EDTF), as [m0, m1) in days."""
    stops = stops_between("1800-01-01", "2100-12-31", unit)
    k = stops.index_of(stop)
    m0, m1 = stops.edges[k], stops.edges[k + 1]
    return int(m0.astype(np.int64)), int(m1.astype(np.int64))


# (what, event start, event end, the moment as EDTF, its unit, expected)
RULES = [
    ("a day, in its year", "2015-11-20", None, "2015", "year", NOW),
    ("a day, in its month", "2015-11-20", None, "2015-11", "month", NOW),
    ("a day, the month before", "2015-11-20", None, "2015-10", "month", LATER),
    ("a day, the month after", "2015-11-20", None, "2015-12", "month", EARLIER),
    ("a day, the year after", "2015-11-20", None, "2016", "year", EARLIER),
    ("a month, in its year", "2017-03", None, "2017", "year", NOW),
    ("a month, itself", "2017-03", None, "2017-03", "month", NOW),
    ("a month, the one before", "2017-03", None, "2017-02", "month", LATER),
    ("a month, the one after", "2017-03", None, "2017-04", "month", EARLIER),
    ("a year, its first month", "2012", None, "2012-01", "month", NOW),
    ("a year, its last month", "2012", None, "2012-12", "month", NOW),
    ("a year, the month after it", "2012", None, "2013-01", "month", EARLIER),
    ("a year, the month before it", "2012", None, "2011-12", "month", LATER),
    ("a year, itself", "2012", None, "2012", "year", NOW),
    ("a decade, its first year", "200X", None, "2000", "year", NOW),
    ("a decade, its last year", "200X", None, "2009", "year", NOW),
    ("a decade, the year after", "200X", None, "2010", "year", EARLIER),
    ("a decade, the year before", "200X", None, "1999", "year", LATER),
    ("a decade, itself", "200X", None, "200X", "decade", NOW),
    ("a century, its last year", "19XX", None, "1999", "year", NOW),
    ("a century, the year after", "19XX", None, "2000", "year", EARLIER),
    ("a span, the year before", "2012", "2014", "2011", "year", LATER),
    ("a span, its first year", "2012", "2014", "2012", "year", NOW),
    ("a span, its middle", "2012", "2014", "2013", "year", NOW),
    ("a span, its last year", "2012", "2014", "2014", "year", NOW),
    ("a span, the year after", "2012", "2014", "2015", "year", EARLIER),
    ("a span to a month, its last month", "2007", "2020-06", "2020-06", "month", NOW),
    ("a span to a month, the month after", "2007", "2020-06", "2020-07", "month", EARLIER),
    ("an open span, before it", "2007", "..", "2006", "year", LATER),
    ("an open span, its start", "2007", "..", "2007", "year", NOW),
    ("an open span, long after", "2007", "..", "2090", "year", NOW),
    ("an open span from a month, that month", "2017-03", "..", "2017-03", "month", NOW),
    ("an approximate month: no wider than the month", "2020-11~", None, "2020-12", "month", EARLIER),
    ("an approximate month, itself", "2020-11~", None, "2020-11", "month", NOW),
    ("an uncertain year, itself", "2012?", None, "2012", "year", NOW),
    ("an uncertain year, the year after", "2012?", None, "2013", "year", EARLIER),
]

# The same cases as plain numbers, for the browser: (what, earliest, latest, open, m0, m1, expected).
CASES = [
    (what, *event_days(start, end), *moment_days(stop, unit), expected)
    for what, start, end, stop, unit, expected in RULES
]


@pytest.mark.parametrize(("what", "earliest", "latest", "still", "m0", "m1", "expected"), CASES)
def test_which_events_belong_to_a_moment(what, earliest, latest, still, m0, m1, expected):
    assert state(earliest, latest, still, m0, m1) == expected, what


def test_spans_give_the_rule_for_every_stop_at_once():
    # Every rule's event against every stop of a century of years, and of ten years of months.
    events = pd.DataFrame(
        {
            "earliest": [dates.span(start, end).earliest for _w, start, end, *_r in RULES],
            "latest": [dates.span(start, end).latest for _w, start, end, *_r in RULES],
            "open_end": [dates.span(start, end).open_end for _w, start, end, *_r in RULES],
        }
    )
    for stops in (
        stops_between("1950-01-01", "2049-12-31", "year"),
        stops_between("2010-01-01", "2021-12-31", "month"),
    ):
        first, last = spans(stops, events)
        for i, event in enumerate(events.itertuples()):
            for k in range(len(stops)):
                expected = state(event.earliest, event.latest, event.open_end, stops.edges[k], stops.edges[k + 1])
                got = LATER if k < first[i] else NOW if k <= last[i] else EARLIER
                # The rule compares whole days: the loader's latest is the last day's midnight.
                assert got == expected, (RULES[i][0], stops.edtf(k))


def test_the_running_count_is_every_event_begun_by_the_end_of_the_moment():
    events = COLLECTION.events
    stops = play_stops(events)
    first, _last = spans(stops, events)
    by = moments.counts_by(stops, first)
    for k in range(len(stops)):
        end = pd.Timestamp(stops.edges[k + 1])
        assert by[k] == (events["earliest"] < end).sum(), stops.edtf(k)
    assert by[-1] == len(events)


def test_an_event_begun_before_the_first_stop_is_counted_and_of_the_moment_if_it_lasts():
    events = COLLECTION.events
    stops = stops_between("2012-01-01", "2014-12-31", "year")
    first, last = spans(stops, events)
    by_id = dict(zip(events["id"], zip(first.tolist(), last.tolist(), strict=True), strict=True))
    assert by_id["droukdel-emir"] == (0, 2)  # 2007 to June 2020: of every stop
    assert by_id["aqim-founded"] == (0, -1)  # 2007: earlier than every stop
    assert by_id["threat-evolves-2015"][0] == 3  # 2015: later than every stop
    assert moments.counts_by(stops, first)[0] == (events["earliest"] < pd.Timestamp("2013-01-01")).sum()


@pytest.mark.parametrize(
    ("first", "last", "unit"),
    [
        ("2015-11-01", "2017-03-31", "month"),
        ("2012-01-01", "2015-06-30", "month"),
        ("2012-01-01", "2016-01-01", "year"),
        ("1991-01-01", "2020-12-31", "year"),
        ("1700-01-01", "2000-12-31", "decade"),
        ("-3000-01-01", "2000-12-31", "century"),
    ],
)
def test_months_for_a_short_span_years_by_default_decades_and_centuries_for_deep_time(first, last, unit):
    stops = stops_between(first, last)
    assert stops.unit == unit
    assert stops.edges[0] <= np.datetime64(first) and stops.edges[-1] > np.datetime64(last)
    assert len(stops) <= moments.MAX_STOPS


def test_stops_are_named_in_edtf_at_their_own_precision():
    assert [stops_between("2016-11-15", "2017-02-01").edtf(k) for k in range(4)] == [
        "2016-11",
        "2016-12",
        "2017-01",
        "2017-02",
    ]
    assert stops_between("1991-05-01", "1993-12-31", "year").edtf(0) == "1991"
    assert stops_between("1700-01-01", "2000-12-31").edtf(0) == "170X"
    assert stops_between("-3000-01-01", "2000-12-31").edtf(0) == "-3000/-2901"
    assert stops_between("-3000-01-01", "2000-12-31").edtf(49) == "19XX"


def test_a_moment_in_the_url_finds_its_stop():
    stops = play_stops(COLLECTION.events)
    assert stops.unit == "year"
    assert stops.edtf(stops.index_of("2012")) == "2012"
    assert stops.edtf(stops.index_of("2017-03")) == "2017"  # a month inside a year's stop
    assert stops.index_of("1066") == 0 and stops.index_of("2200") == len(stops) - 1  # outside: the nearest
    assert stops.index_of("not a date") is None and stops.index_of(None) is None
    assert Stops("year", np.array([], dtype="datetime64[D]")).index_of("2012") is None


def test_the_zoomed_window_cuts_the_play_and_a_short_one_plays_by_month():
    events = COLLECTION.events
    stops = play_stops(events, ["2012-03-15 10:00:00", "2014-06-30"])
    assert stops.unit == "month"
    assert (stops.edtf(0), stops.edtf(len(stops) - 1)) == ("2012-03", "2014-06")
    assert play_stops(events.iloc[0:0]).edges.size == 0


def test_loose_dates_are_inferred_approximate_or_uncertain():
    loose = dict(zip(COLLECTION.events["id"], moments.is_loose(COLLECTION.events), strict=True))
    assert loose["northern-towns-control"]  # inferred
    assert loose["annabi-appointed"]  # 2020-11~, approximate
    assert not loose["jnim-formed"] and not loose["droukdel-emir"]  # stated, derived
