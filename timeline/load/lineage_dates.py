"""The date cells of the lineage files: one EDTF date, or 'first/last' for "at some point between".

An interval means the source gives only a span for one moment (the GSPC was founded during the
civil war, 1991/2002), so it is read as bounds, not as a duration. The chart and the glossary
use these too, to draw and to word such dates.
"""

from __future__ import annotations

import pandas as pd

from timeline.core import dates
from timeline.i18n import gettext
from timeline.i18n.dates import describe


def bounds(text: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Earliest and latest day of one EDTF date, or of 'first/last' read as "at some point between"."""
    interval = dates.split_interval(text)
    if interval is None:
        parsed = dates.parse(text)
        return parsed.earliest, parsed.latest
    try:
        span = dates.span(*interval)
    except dates.DateError as exc:
        raise dates.DateError(f"the interval '{text}' cannot be used: {exc}") from exc
    return span.earliest, span.latest


def words(text: str) -> str:
    """'2017-03' -> 'March 2017'; '1991/2002' -> 'some time in 1991–2002'; '' -> '' (in the reader's language)."""
    if not text:
        return ""
    interval = dates.split_interval(text)
    if interval is None:
        return describe(text)
    # Translators: one moment the source dates only by a span: "some time in 1991–2002".
    return gettext("some time in %(span)s") % {"span": describe(*interval)}


def is_vague(text: str) -> bool:
    """A date the source gives only as a span (an interval, a decade): drawn dotted over its extent."""
    if not text:
        return False
    return dates.split_interval(text) is not None or dates.parse(text).precision in ("decade", "century")


def date_cell(value: str) -> str:
    """A date cell as the row models take it: empty, or one the bounds can be worked out of."""
    if value:
        bounds(value)  # DateError is a ValueError: pydantic reports it on this field
    return value


def overlap(a: tuple[pd.Timestamp, pd.Timestamp], b: tuple[pd.Timestamp, pd.Timestamp]) -> bool:
    """Whether two spans of days share at least one day."""
    return a[0] <= b[1] and b[0] <= a[1]
