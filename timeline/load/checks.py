"""Checks across rows that every file of a collection makes the same way: unique ids, quotes found in their source.

events.csv and the four lineage files (organisations, relations, people, roles) all give each
row an id and quote a source word for word; their problems should read alike, so they are
worded once, here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from timeline.core.problems import Problem
from timeline.i18n import gettext as _
from timeline.load import sourcetext
from timeline.load.sourcetext import Source


def duplicate_ids(lines_ids: Iterable[tuple[int, str]], label: str) -> list[Problem]:
    """A problem for each (line, id) whose id an earlier line of the file uses already."""
    first_line: dict[str, int] = {}
    problems = []
    for line, ident in lines_ids:
        if ident in first_line:
            message = _("'%(id)s' is used already on line %(line)s") % {"id": ident, "line": first_line[ident]}
            problems.append(Problem(label, line, "id", message))
        else:
            first_line[ident] = line
    return problems


def _finder_finds(source: Source, quote: str) -> bool:
    return source.finder.find(quote) is not None


def source_problems(
    label: str,
    line: int,
    source_id: str,
    quote: str,
    sources: Mapping[str, Source],
    found: Callable[[Source, str], bool] = _finder_finds,
) -> list[Problem]:
    """An unknown source, or a quote not found word for word in its source (as `found` decides)."""
    source = sources.get(source_id)
    if source is None:
        if sources:
            message = _("unknown source '%(source)s' (sources in collection.json: %(known)s)")
        else:
            message = _("unknown source '%(source)s' (sources in collection.json: none)")
        return [Problem(label, line, "source", message % {"source": source_id, "known": ", ".join(sources)})]
    if not found(source, quote):
        hint = sourcetext.mismatch_hint(source.text, quote)
        message = _("not found word for word in source '%(source)s': %(hint)s") % {"source": source_id, "hint": hint}
        return [Problem(label, line, "quote", message)]
    return []
