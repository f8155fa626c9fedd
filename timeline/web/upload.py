"""A file dropped on the explorer -> a collection held in memory, never written to disk.

Two kinds of file are accepted:

- a TimelineJS sheet saved as CSV, or TimelineJS3 JSON: read as `python -m
  timeline import` reads it, and its own text becomes the quoted source;
- our events.csv format: its quotes and places are checked against the
  sources and gazetteer of the collection being viewed when it was dropped.

Everything is validated as a collection folder is, and every problem names the
file and its row. The browser keeps the file's text for its session; the
server only keeps parsed results in a small in-memory cache.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from babel.numbers import format_decimal

from timeline import i18n
from timeline.core.problems import CollectionError, Problem
from timeline.formats.timelinejs import build, parse_timeline, readsheet
from timeline.formats.timelinejs.folder import source_entry
from timeline.i18n import gettext as _
from timeline.i18n import ngettext
from timeline.i18n.words import number
from timeline.load.collection import Collection, Source
from timeline.load.csvfile import Row
from timeline.load.events import events_from_rows, parse_event_rows
from timeline.load.frames import places_frame
from timeline.load.library import UPLOAD_KEY as KEY

MAX_BYTES = 4_000_000  # the browser keeps the text in sessionStorage, whose quota is about 5 million characters
MAX_ROWS = 20_000
KIND = "uploaded"


@dataclass(frozen=True)
class Uploaded:
    collection: Collection
    format: str
    notes: tuple[str, ...]


def size_problem(name: str, size: int) -> Problem | None:
    if size <= MAX_BYTES:
        return None
    message = _(
        "the file is %(size)s MB; files up to %(limit)s MB can be explored in the browser. "
        "Larger collections: python -m timeline import FILE --out DIR, then serve --data DIR"
    ) % {"size": _megabytes(size, 1), "limit": _megabytes(MAX_BYTES, 0)}
    return Problem(name, None, None, message)


def _megabytes(size: int, digits: int) -> str:
    """Megabytes rounded as f"{size / 1e6:.1f}" rounds them, written the reader's way: '4.5', '4,5'."""
    rounded = f"{size / 1e6:.{digits}f}"
    return format_decimal(Decimal(rounded), "0." + "0" * digits if digits else "0", locale=i18n.locale())


def decode_data_url(contents: str | None, filename: str | None) -> tuple[str, bytes]:
    """dcc.Upload's data URL -> (file name, bytes); CollectionError when it is empty or too big to read."""
    # Translators: the name of a dropped file whose name the browser did not send.
    name = filename or _("uploaded file")
    if not contents or "," not in contents:
        message = _("the browser sent no content; try choosing the file again")
        raise CollectionError([Problem(name, None, None, message)])
    encoded = contents.split(",", 1)[1]
    too_big = size_problem(name, len(encoded) * 3 // 4)  # checked before decoding a huge file
    if too_big is not None:
        raise CollectionError([too_big])
    try:
        return name, base64.b64decode(encoded, validate=True)
    except binascii.Error:
        raise CollectionError([Problem(name, None, None, _("the browser sent unreadable content"))]) from None


def read_upload(name: str, raw: bytes, base: Collection) -> Uploaded:
    """The dropped file as a collection; CollectionError lists every problem, naming the file and row."""
    too_big = size_problem(name, len(raw))
    if too_big is not None:
        raise CollectionError([too_big])
    if _is_timelinejs(name, raw):
        return _timelinejs(name, raw)
    return _ours(name, raw, base)


def _is_timelinejs(name: str, raw: bytes) -> bool:
    suffix = Path(name).suffix.lower()
    if suffix == ".json":
        return True
    # Only a look at the start: a cut through a multi-byte character must not count as bad text
    # (a file that really is not UTF-8 is reported, with its line, by whichever reader reads it).
    text = raw[:4096].decode("utf-8", errors="ignore").lstrip("\ufeff")
    return text.lstrip()[:1] in ("{", "[") or readsheet.looks_like_sheet(text)


def _too_many(name: str, count: int) -> None:
    if count > MAX_ROWS:
        message = ngettext(
            "%(n)s row; up to %(limit)s can be explored in the browser. "
            "Larger collections: serve them from a folder with --data",
            "%(n)s rows; up to %(limit)s can be explored in the browser. "
            "Larger collections: serve them from a folder with --data",
            count,
        ) % {"n": number(count), "limit": number(MAX_ROWS)}
        raise CollectionError([Problem(name, None, None, message)])


def _ours(name: str, raw: bytes, base: Collection) -> Uploaded:
    rows, problems = parse_event_rows(raw, name)
    if problems:
        raise CollectionError(problems)
    _too_many(name, len(rows))
    events = events_from_rows(rows, name, base.sources, base.places, problems)
    if problems:
        raise CollectionError(problems)
    if events.empty:
        raise CollectionError([Problem(name, None, None, _("the file has a header but no event rows"))])
    collection = Collection(
        path=Path(name),
        id=KEY,
        title=Path(name).stem,
        description=f"Your file {name}, checked against the sources and places of '{base.title}'.",
        sources=base.sources,
        events=events,
        places=base.places,
        aliases=base.aliases,
        kind=KIND,
    )
    note = f"{len(events):,} events, quotes checked against the sources of '{base.title}'."
    return Uploaded(collection, "events.csv format", (note,))


def _timelinejs(name: str, raw: bytes) -> Uploaded:
    parsed = parse_timeline(raw, name, Path(name).suffix)
    if parsed.problems:
        raise CollectionError(parsed.problems)
    _too_many(name, len(parsed.slides))
    draft = build.build(parsed, fallback_title=Path(name).stem)
    if draft.problems:
        raise CollectionError(draft.problems)
    entry = source_entry(draft, name)
    source = Source(entry["id"], entry["title"], entry["kind"], entry["file"], entry["note"], draft.source_text)
    problems: list[Problem] = []
    # build() checked each row against its slide already, so a problem here would be ours, not the file's.
    rows = [Row(index, row) for index, row in enumerate(draft.rows, start=1)]
    events = events_from_rows(rows, f"{name} (as imported)", {source.id: source}, places_frame([]), problems)
    if problems:
        raise CollectionError(problems)
    if events.empty:
        notes = "; ".join(_in_browser(note) for note in draft.notes)
        # Translators: %(notes)s are the import's notes on the slides left out (in English).
        message = _("no event the timeline can draw (%(notes)s)") % {"notes": notes}
        raise CollectionError([Problem(name, None, None, message)])
    collection = Collection(
        path=Path(name),
        id=KEY,
        title=draft.title,
        description=draft.description,
        sources={source.id: source},
        events=events,
        places=places_frame([]),
        kind="imported",
    )
    return Uploaded(collection, parsed.format, tuple(_in_browser(note) for note in draft.notes))


def _in_browser(note: str) -> str:
    # The import's notes speak of the files it writes; an upload writes none.
    return note.replace(
        "kept in unplaced.csv", "not shown (python -m timeline import keeps them in unplaced.csv)"
    ).replace("listed in media.csv; the explorer does not show them", "the explorer does not show media")
