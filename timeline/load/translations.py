"""Optional translations of an event's title and summary: columns such as `title_fr` and `summary_ar`.

An event's own text stays in the language of its source. A collection may add, per event, a
title and a summary in another of the interface's languages, for a class that reads that
language (issue #17). The quote is never translated: it is the source's own words, the evidence
the event rests on, and a translation of it would put words in the source's mouth.

A translation is checked as its source field is (text, stripped, the spreadsheet apostrophe
taken off), but may be left empty: `translated` then gives the source's text, and says so.
"""

from __future__ import annotations

import re
from typing import overload

import pandas as pd

from timeline import i18n
from timeline.i18n import gettext as _

FIELDS = ("title", "summary")

# Only the interface's own languages, not any two-letter code: a translation is shown to a reader
# who chose that language for the interface, so a column in another language would never be shown,
# and a typo (`title_fn`) would be dropped without a word. English is the language of the bundled
# sources, so `title` itself holds it.
LANGUAGES: tuple[str, ...] = tuple(lang for lang in i18n.LANGUAGES if lang != i18n.DEFAULT)

COLUMNS: tuple[str, ...] = tuple(f"{field}_{lang}" for lang in LANGUAGES for field in FIELDS)

_SUFFIXED = re.compile(r"^(?P<field>.+)_(?P<lang>[A-Za-z]{2})$")  # a column name ending in a language code


def column(field: str, lang: str) -> str:
    """The column of `field` in `lang`: ('title', 'fr') -> 'title_fr'."""
    return f"{field}_{lang}"


@overload
def translated(row_or_frame: pd.DataFrame, field: str, lang: str | None) -> tuple[pd.Series, pd.Series]: ...
@overload
def translated(row_or_frame: pd.Series | dict, field: str, lang: str | None) -> tuple[str, bool]: ...
def translated(row_or_frame, field, lang):
    """The text of `field` to show a reader of `lang`, and whether it is a translation.

    For an event (a row of the events frame, or a dict): (the `field_lang` text, True) when the
    collection gives one, else (the source's own `field`, False). For the events frame: the same,
    as two Series aligned with it. Any field without translations (the quote above all), a
    language without them (English, None) or a frame without the column gives the source's text.
    """
    name = column(field, lang) if field in FIELDS and lang in LANGUAGES else None
    if isinstance(row_or_frame, pd.DataFrame):
        source = row_or_frame[field]
        if name is None or name not in row_or_frame:
            return source, pd.Series(False, index=row_or_frame.index)
        given = row_or_frame[name].fillna("").astype(str).str.strip() != ""
        return source.where(~given, row_or_frame[name]), given
    text = row_or_frame.get(name) if name is not None else None
    if isinstance(text, str) and text.strip():
        return text, True
    return row_or_frame[field], False


def column_problem(name: str, known: tuple[str, ...]) -> str | None:
    """Why `name`, a column events.csv does not know, is refused, if it looks like a translation; else None.

    `known` are the file's columns. Named so the message can say what to do instead: a
    translated quote, a language the interface does not have, a field that is not translated.
    """
    match = _SUFFIXED.match(name)
    if match is None or match["field"] not in known:
        return None
    field, lang = match["field"], match["lang"]
    offered = ", ".join(COLUMNS)
    values = {"columns": offered, "column": column(field, lang.lower()), "field": field, "lang": lang}
    if field == "quote":
        message = _(
            "the quote is never translated: it stays the source's own words, word for word "
            "(translations go in %(columns)s)"
        )
    elif field not in FIELDS:
        message = _("only title and summary can be translated: %(columns)s")
    elif lang.lower() in LANGUAGES:
        message = _("write the language code in lower case: %(column)s")
    elif lang == i18n.DEFAULT:
        # Translators: %(field)s is a column of events.csv, 'title' or 'summary'.
        message = _("%(field)s itself holds the source's own text; translations go in %(columns)s")
    else:
        message = _("'%(lang)s' is not a language of the interface; translated columns are %(columns)s")
    return message % values


def localised(events: pd.DataFrame, lang: str | None) -> pd.DataFrame:
    """The events as a reader of `lang` sees them: title and summary in `lang` where the collection gives
    them, with `translated` saying which rows (and `title_source`, the title in the source's language).

    The frame itself when there is nothing to translate (English, or no translation in `lang`), so a
    collection without translations costs nothing. The quote is never touched.
    """
    columns = [column(field, lang) for field in FIELDS] if lang in LANGUAGES else []
    if not columns or not any(name in events and events[name].astype(bool).any() for name in columns):
        return events
    shown = events.copy()
    shown["title_source"] = events["title"]
    any_given = pd.Series(False, index=events.index)
    for field in FIELDS:
        text, given = translated(events, field, lang)
        shown[field] = text
        any_given |= given
    shown["translated"] = any_given
    return shown
