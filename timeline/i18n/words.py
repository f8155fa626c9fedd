"""The interface's own words in the reader's language: kinds of place, numbers, months.

(Category names and relation phrases are the vocabulary's: timeline.load.vocabulary marks them.)

The data keeps its English keys (`attack`, `city`); only the words shown for them are translated here.
Numbers and month names come from CLDR through Babel (French '1 000', Arabic with Western digits, as the
dates in timeline.i18n.dates).
"""

from __future__ import annotations

import datetime

from babel.dates import format_date
from babel.numbers import format_decimal

from timeline import i18n
from timeline.i18n import gettext as _
from timeline.i18n import lazy_gettext

# The kinds of place in a collection's places.csv.
PLACE_KINDS = {
    "country": lazy_gettext("country"),
    "region": lazy_gettext("region"),
    "city": lazy_gettext("city"),
    "site": lazy_gettext("site"),
}


def place_kind(kind: str) -> str:
    return i18n.word_for(PLACE_KINDS, kind)


def place_words(name: str, kind: str, added: bool = False) -> str:
    """'Gao (city)', and for a place the editors added: 'Gao (city, added: not named in the source)'."""
    if added:
        return _("%(place)s (%(kind)s, added: not named in the source)") % {"place": name, "kind": place_kind(kind)}
    return _("%(place)s (%(kind)s)") % {"place": name, "kind": place_kind(kind)}


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
