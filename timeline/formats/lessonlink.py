"""A lesson in a link: its keys as compact JSON, deflated (raw) and written in base64url, after `v1.`.

The link is made in the teacher's browser (assets/lesson.js: JSON.stringify, CompressionStream('deflate-raw'),
base64url) and travels in the URL's fragment, `/present?shared=1#lesson=v1.…`, which no browser sends to a
server: the page's script sends it in a request, and the server decodes it here (zlib with wbits=-15 is raw
deflate) and validates it as it validates a lesson file (load.lessons.lesson_from_data). Nothing is stored.

    data = lesson_data(lesson)          # {"collection": "aqim", "title": ..., "slides": [{"event": ...}]}
    payload = encode(data)              # 'v1.q1YqLs...'; what the browser makes too
    decode(payload) == data             # or LinkError, whose message says what is wrong with the link

A link is refused with a reason a teacher can act on: cut short (copied in part), damaged (a character
changed), or holding no lesson; and, before anything is inflated, one too long to be a lesson.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import zlib

from timeline.core.problems import Problem
from timeline.i18n import gettext as _
from timeline.i18n.words import number
from timeline.load.lessons import Lesson, lesson_from_data

PREFIX = "v1."
# The longest link the builder offers: browsers and chat apps take more, but some mail programs and LMS
# text fields cut long lines, and a cut link loses the lesson. Longer lessons go as a file.
MAX_LINK = 8_000
MAX_PAYLOAD = 400_000  # characters of an encoded lesson read at all (100 slides of 5,000 characters fit)
MAX_JSON = 2_000_000  # bytes once inflated: a link is not a way to make the server inflate a bomb
_SPACE = re.compile(r"\s+")
_BASE64URL = re.compile(r"[A-Za-z0-9_-]*")


class LinkError(ValueError):
    """A link whose lesson cannot be read; the message (in the reader's language) says why."""


def lesson_data(lesson: Lesson, notes: bool = True) -> dict:
    """A lesson as the keys of its file, empty ones left out; `notes` False leaves out the teacher's notes
    (the class's link: students see the slides and the quiz, not what the teacher will say)."""
    data: dict = {}
    if lesson.collection:
        data["collection"] = lesson.collection
    data["title"] = lesson.title
    if lesson.intro:
        data["intro"] = lesson.intro
    data.update(lesson.translated)
    slides = []
    for slide in lesson.slides:
        item: dict = {"event": slide.event}
        if notes and slide.notes:
            item["notes"] = slide.notes
        if notes:
            item.update(slide.translated)
        if slide.show != "map":
            item["show"] = slide.show
        slides.append(item)
    data["slides"] = slides
    return data


def encode(data: dict) -> str:
    """The link's payload for `data`, as the browser makes it (without base64's '=' padding)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = deflate.compress(text.encode("utf-8")) + deflate.flush()
    return PREFIX + base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


def decode(payload: str) -> dict:
    """The data of a link's payload; LinkError says what is wrong (cut short, damaged, too long, not a lesson)."""
    payload = _SPACE.sub("", payload or "")  # a link copied across lines of an e-mail
    if payload.startswith("lesson="):
        payload = payload[len("lesson=") :]
    if not payload.startswith(PREFIX):
        raise LinkError(_("the link holds no lesson: its end, after '#lesson=', is missing or changed"))
    if len(payload) > MAX_PAYLOAD:
        raise LinkError(
            _("the link is too long to hold a lesson (%(n)s characters; at most %(limit)s)")
            % {"n": number(len(payload)), "limit": number(MAX_PAYLOAD)}
        )
    body = payload[len(PREFIX) :]
    if not _BASE64URL.fullmatch(body):  # a character no base64url writer makes: changed by hand or by a program
        raise LinkError(_damaged())
    if len(body) % 4 == 1:  # no base64 text has this length: a character was lost
        raise LinkError(_cut_short())
    try:
        packed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (binascii.Error, ValueError):
        raise LinkError(_damaged()) from None
    inflate = zlib.decompressobj(-15)
    try:
        raw = inflate.decompress(packed, MAX_JSON)
    except zlib.error:
        raise LinkError(_damaged()) from None
    if inflate.unconsumed_tail:
        raise LinkError(_("the lesson in this link is too large to read"))
    if not inflate.eof:
        raise LinkError(_cut_short())
    if inflate.unused_data:
        raise LinkError(_damaged())
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):  # RecursionError: arrays nested thousands deep
        raise LinkError(_damaged()) from None
    if not isinstance(data, dict):
        raise LinkError(_("the link holds no lesson"))
    return data


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _cut_short() -> str:
    return _("the link is cut short: the end of the lesson is missing. Copy the whole link again")


def _damaged() -> str:
    return _("the link is damaged: its lesson cannot be read. Copy the whole link again")


def lesson_from_link(
    payload: str, label: str, event_ids: set[str] | None, collection_id: str | None = None
) -> tuple[Lesson | None, list[Problem]]:
    """The lesson a link carries, validated as a lesson file is: (the lesson or None, its problems)."""
    try:
        data = decode(payload)
    except LinkError as error:
        return None, [Problem(label, None, None, str(error))]
    return lesson_from_data(data, label, event_ids, collection_id)
