"""The interface's own words in the reader's language: numbers, months, a phrase kept whole.

(The vocabulary's words, categories, kinds of place, relations and roles, are marked where
timeline.load.vocabulary defines them.)

The data keeps its English keys (`attack`, `city`); only the words shown for them are translated here.
Numbers and month names come from CLDR through Babel (French '1 000', Arabic with Western digits, as the
dates in timeline.i18n.dates).
"""

from __future__ import annotations

import datetime

from babel.dates import format_date
from babel.numbers import format_decimal

from timeline import i18n


def number(value: int | float) -> str:
    """A count as the reader's language writes it: '1,000', '1 000' (French), '1.000' (ar_DZ)."""
    return format_decimal(value, locale=i18n.locale())


def month_year(value: datetime.date) -> str:
    """'Mar 2017', 'mars 2017', 'مارس 2017'."""
    return format_date(value, "MMM y", locale=i18n.locale())


def isolated(text: str) -> str:
    """`text` as one unit in its own direction inside text of the other (Unicode first-strong isolate).

    A file name such as 'events.csv' inside an Arabic sentence would otherwise have its dot and the
    punctuation around it reordered with the Arabic words.
    """
    return f"\u2068{text}\u2069"
