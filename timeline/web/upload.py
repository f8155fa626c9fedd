"""A file dropped on the explorer -> a collection held in memory, never written to disk.

Two kinds of file are accepted:

- a TimelineJS sheet saved as CSV, or TimelineJS3 JSON: read as `python -m
  timeline import` reads it, and its own text becomes the quoted source;
- our events.csv format: its quotes and places are checked against the
  sources and gazetteer of the collection being viewed when it was dropped.

Everything is validated as a collection folder is, and every problem names the
file and its row. The browser keeps the file's text for its session; the
server only keeps parsed results in a small in-memory cache.

The documented limits (docs/explorer.md: 4 MB and 20,000 rows) are MAX_BYTES and MAX_ROWS; every other
limit on the way is derived from them: the data URL the browser sends (MAX_DATA_URL, which the request
guard checks) and the room the file takes in the tab's sessionStorage (STORE_QUOTA). A file over any of
them is refused with OverLimit: one sentence that names the file, shown on the page as it is.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from babel.numbers import format_decimal, get_decimal_symbol

from timeline import i18n
from timeline.core.problems import CollectionError, Problem
from timeline.formats.timelinejs import build, parse_timeline, readsheet
from timeline.formats.timelinejs.folder import source_entry
from timeline.i18n import gettext as _
from timeline.i18n import ngettext
from timeline.i18n.words import isolated, number
from timeline.load.collection import Collection, Source
from timeline.load.csvfile import Row
from timeline.load.events import events_from_rows, parse_event_rows
from timeline.load.frames import places_frame
from timeline.load.library import UPLOAD_KEY as KEY

MAX_BYTES = 4_000_000  # a dropped file's size: the documented limit (docs/explorer.md, "4 MB")
MAX_ROWS = 20_000  # a dropped file's rows (a TimelineJS sheet's title row aside): the documented limit
# The browser sends the file as a data URL: "data:", its media type (RFC 6838: at most 127 + "/" + 127
# characters), ";base64,", then 4 characters for every 3 bytes. 5,333,604 characters for 4 MB.
MAX_MEDIA_TYPE = 255
MAX_DATA_URL = len("data:;base64,") + MAX_MEDIA_TYPE + 4 * -(-MAX_BYTES // 3)
# The tab keeps the file as JSON in sessionStorage: Chromium and Firefox give an origin 5 Mi UTF-16 code
# units (10 MiB), keys included. A 4 MB file fits with room to spare unless a third of it is characters JSON
# escapes (quotes, backslashes, control characters); 16 Ki units stay free for the other keys.
STORE_QUOTA = 5 * 1024 * 1024 - 16 * 1024
KIND = "uploaded"


@dataclass(frozen=True)
class Uploaded:
    collection: Collection
    format: str
    notes: tuple[str, ...]


class OverLimit(CollectionError):
    """A dropped file over one of the limits: `message` is one sentence naming the file, shown as it is."""

    def __init__(self, name: str, message: str):
        super().__init__([Problem(name, None, None, message)])
        self.message = message


def megabytes(size: int) -> str:
    """A size in MB to one decimal, rounded up (4,000,001 bytes is '4.1', never the limit's '4.0'), the reader's way."""
    return format_decimal(Decimal(-(-size // 100_000)).scaleb(-1), "0.0", locale=i18n.locale())


def limit_text() -> str:
    """The size limit as the page writes it: '4'."""
    return number(round(MAX_BYTES / 1e6))


def decimal_symbol() -> str:
    """The reader's decimal separator, for the browser to write a size as megabytes() does."""
    return get_decimal_symbol(i18n.locale())


def too_big_message(name: str, size: str) -> str:
    """'aqim.csv is 6.2 MB; the limit is 4 MB.' with `size` as megabytes() writes it (the browser uses it too)."""
    # Translators: a dropped file over the size limit; %(size)s and %(limit)s are megabytes: "aqim.csv is 6.2 MB".
    return _("%(file)s is %(size)s MB; the limit is %(limit)s MB.") % {
        "file": file_name(name),
        "size": size,
        "limit": limit_text(),
    }


def file_name(name: str) -> str:
    """`name` as a sentence of the reader's language holds it."""
    # A file name is written left to right: one unit inside Arabic text.
    return isolated(name) if i18n.direction() == "rtl" else name


def check_size(name: str, size: int) -> None:
    """OverLimit when a file of `size` bytes is over MAX_BYTES."""
    if size > MAX_BYTES:
        raise OverLimit(name, too_big_message(name, megabytes(size)))


def larger_hint() -> str:
    """What to do with a file over the limits, said after the limit's sentence."""
    return _(
        "A larger file can still be explored: make it a collection folder (python -m timeline import FILE "
        "--out DIR, for a TimelineJS file) and serve that with python -m timeline serve --data DIR."
    )


def decode_data_url(contents: str | None, filename: str | None) -> tuple[str, bytes]:
    """dcc.Upload's data URL -> (file name, bytes); CollectionError when it is empty, unreadable or too big."""
    # Translators: the name of a dropped file whose name the browser did not send.
    name = filename or _("uploaded file")
    if not contents or "," not in contents:
        message = _("the browser sent no content; try choosing the file again")
        raise CollectionError([Problem(name, None, None, message)])
    encoded = contents.split(",", 1)[1]
    check_size(name, decoded_size(encoded))  # before decoding a huge file
    try:
        return name, base64.b64decode(encoded, validate=True)
    except binascii.Error:
        raise CollectionError([Problem(name, None, None, _("the browser sent unreadable content"))]) from None


def decoded_size(encoded: str) -> int:
    """The bytes `encoded` (base64) decodes to, without decoding it: 3 for every 4 characters, less the padding."""
    return len(encoded) // 4 * 3 - (2 if encoded.endswith("==") else 1 if encoded.endswith("=") else 0)


def for_tab(name: str, raw: bytes, base: str | None) -> dict:
    """What the browser tab keeps of an accepted file: {name, text, base}; OverLimit if its storage cannot hold it."""
    stored = {"name": name, "text": raw.decode("utf-8"), "base": base}
    # As JSON.stringify writes it (dcc.Store), counted in UTF-16 code units as the quota counts them.
    room = len(json.dumps(stored, ensure_ascii=False, separators=(",", ":")).encode("utf-16-le")) // 2
    if room > STORE_QUOTA:
        # Translators: a dropped file too large for the browser tab's storage once written as JSON.
        message = _(
            "%(file)s is too large to keep in this browser tab: stored, it takes %(size)s million characters "
            "and a tab holds %(limit)s million. Its quotes, backslashes and tabs count twice."
        ) % {"file": file_name(name), "size": _millions(room, up=True), "limit": _millions(STORE_QUOTA, up=False)}
        raise OverLimit(name, message)
    return stored


def _millions(count: int, up: bool) -> str:
    """Millions to one decimal: a file's count rounded up, the room a tab has rounded down, so neither flatters."""
    tenths = -(-count // 100_000) if up else count // 100_000
    return format_decimal(Decimal(tenths).scaleb(-1), "0.0", locale=i18n.locale())


def read_upload(name: str, raw: bytes, base: Collection) -> Uploaded:
    """The dropped file as a collection; CollectionError lists every problem, naming the file and row."""
    check_size(name, len(raw))
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
            # Translators: a dropped file over the row limit: "aqim.csv has 20,001 rows; the limit is 20,000."
            "%(file)s has %(n)s row; the limit is %(limit)s.",
            "%(file)s has %(n)s rows; the limit is %(limit)s.",
            count,
        ) % {"file": file_name(name), "n": number(count), "limit": number(MAX_ROWS)}
        raise OverLimit(name, message)


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
