"""Slides -> the rows of an imported collection: ids, EDTF dates, categories, quotes.

Every event of a collection quotes a source word for word. An imported
timeline has no source of its own, so its own text becomes one: each slide's
headline and text are written to sources/imported.txt, and each event quotes
its slide's text from there. The source's kind and note say plainly that it
is the TimelineJS file's wording, not an independent source, and
collection.json says "kind": "imported". So every row passes the usual
validation unchanged, and the app can still tell imported quotes apart.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from pydantic import ValidationError

from timeline import i18n
from timeline.core import dates, edtf
from timeline.core.problems import Problem
from timeline.core.text import slug
from timeline.formats.timelinejs.dateparts import FIRST_YEAR, LAST_YEAR, Parts, parts_of
from timeline.formats.timelinejs.slides import Parsed, Slide
from timeline.i18n import gettext as _
from timeline.i18n.dates import describe
from timeline.load import schema

SOURCE_ID = "timelinejs"
SOURCE_FILE = "sources/imported.txt"
SOURCE_KIND = "imported TimelineJS text, not an independent source"
_WEB = re.compile(r"^(https?:)?//", re.IGNORECASE)


@dataclass
class Draft:
    parsed: Parsed
    title: str
    description: str
    rows: list[dict[str, str]] = field(default_factory=list)
    unplaced: list[dict[str, str]] = field(default_factory=list)  # valid dates this tool cannot place yet
    media: list[dict[str, str]] = field(default_factory=list)
    source_text: str = ""
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def build(parsed: Parsed, fallback_title: str) -> Draft:
    """Rows for events.csv (and unplaced.csv, media.csv) and the source text; problems name the input row."""
    title_slide = parsed.title
    draft = Draft(
        parsed,
        title=(title_slide.headline if title_slide else "") or fallback_title,
        description=(title_slide.text if title_slide else "") or f"Imported from the TimelineJS file {parsed.file}.",
        notes=list(parsed.notes),
    )
    paragraphs = ["\n".join(dict.fromkeys(p for p in (draft.title, draft.description) if p))]
    ids = _assign_ids(parsed.slides, draft.notes)
    groups: Counter[str] = Counter()
    ours = 0
    for slide in sorted(parsed.slides, key=lambda s: s.start.first() if s.start else (0, 0, 0)):
        if slide.start is None:
            continue  # its problem is already reported
        dated = _dates(slide, draft)
        if dated is None:
            continue
        body = slide.text or slide.headline or (slide.media.caption if slide.media else "")
        if not body:
            draft.notes.append(f"{slide.where.label()}: no headline, text or media caption; left out")
            continue
        row, group = _row(slide, ids[id(slide)], dated, body)
        ours += dated[-1]
        groups.update([group] if group else [])
        # One paragraph per slide, so the reader shows a quote inside its own slide's text.
        paragraphs.append("\n".join(dict.fromkeys(p for p in (slide.headline, body) if p)))
        if slide.media is not None:
            _add_media(draft, row["id"], slide)
        if _placeable(slide):
            _validate(row, slide, draft.problems)
            draft.rows.append(row)
        else:
            draft.unplaced.append(row)
            draft.notes.append(_unplaced_note(slide, row))
    draft.source_text = "\n\n".join(paragraphs) + "\n"
    if not draft.rows and not draft.unplaced and not draft.problems:
        message = _("no slide has a headline, text or caption: nothing to import")
        draft.problems.append(Problem(parsed.file, None, None, message))
    draft.notes += _summary_notes(parsed, draft, groups, ours)
    return draft


def _row(slide: Slide, event_id: str, dated: tuple, body: str) -> tuple[dict[str, str], str]:
    start, end, basis, note, _exported = dated
    category, group = _category(slide.group)
    row = {
        "id": event_id,
        "kind": slide.kind,
        "title": slide.headline or _title_from(body),
        "start": start,
        "end": end,
        "date_text": slide.display_date or _words(slide, start, end),
        "date_basis": basis,
        "date_note": note,
        "category": category,
        "actors": group,
        "summary": body,
        "source": SOURCE_ID,
        "quote": body,
    }
    return row, group


def _unplaced_note(slide: Slide, row: dict[str, str]) -> str:
    year = slide.start.year if not slide.start.placeable else slide.end.year
    kept = f"'{row['start']}'" + (f" to '{row['end']}'" if row["end"] else "")
    return (
        f"{slide.where.label()} ('{row['title'][:60]}'): year {year} cannot be placed on the timeline yet "
        f"(this tool places years {FIRST_YEAR} to {LAST_YEAR}); kept in unplaced.csv as {kept}"
    )


def _summary_notes(parsed: Parsed, draft: Draft, groups: Counter[str], ours: int) -> list[str]:
    notes = []
    if groups:
        listed = ", ".join(f"'{name}' ({count})" for name, count in groups.most_common())
        notes.append(
            f"groups that are not categories of this tool were placed in 'context', each group name kept as an actor: {listed}"
        )
    if ours:
        notes.append(
            f"{_slides(ours)} carried this tool's own dates (an export of it): their EDTF dates, basis and notes were used"
        )
    if draft.media:
        notes.append(
            f"{_slides(len(draft.media))} with media (images, video or links): listed in media.csv; the explorer does not show them"
        )
    timed = sum(1 for s in parsed.slides if (s.start and s.start.time) or (s.end and s.end.time))
    if timed:
        notes.append(
            f"{_slides(timed)} with a time of day: the timeline places days, so a time shows only in a date written from the parts"
        )
    return notes


def _slides(count: int) -> str:
    return f"{count} slide{'s' if count != 1 else ''}"


def _assign_ids(slides: list[Slide], notes: list[str]) -> dict[int, str]:
    """unique_id slugs first (so a headline cannot take an id given later), then headline slugs; all unique."""
    taken: set[str] = set()
    ids: dict[int, str] = {}
    for slide in slides:
        if slide.unique_id:
            wanted = _slug(slide.unique_id) or _slug(slide.headline, words=8) or slide.kind
            ids[id(slide)] = _unique(wanted, taken)
            if ids[id(slide)] != wanted:
                notes.append(
                    f"{slide.where.label()}: unique_id '{wanted}' is used twice; this one is '{ids[id(slide)]}'"
                )
    for slide in slides:
        if id(slide) not in ids:
            ids[id(slide)] = _unique(_slug(slide.headline or slide.text, words=8) or slide.kind, taken)
    return ids


def _slug(text: str, words: int | None = None) -> str:
    # "Gutenberg's" stays one word, and a text with nothing to keep gives '' so the caller can fall back.
    return slug(text, words, join_apostrophes=True, empty="")


def _unique(wanted: str, taken: set[str]) -> str:
    ident, number = wanted, 2
    while ident in taken:
        ident, number = f"{wanted}-{number}", number + 1
    taken.add(ident)
    return ident


def _dates(slide: Slide, draft: Draft) -> tuple[str, str, str, str, bool] | None:
    """(start, end, date_basis, date_note, came from our own export), or None after reporting a problem."""
    start, end = slide.start, slide.end
    if end is not None and end.last() < start.first():
        message = _("the end (%(end)s) is before the start (%(start)s)") % {"end": end.edtf, "start": start.edtf}
        draft.problems.append(slide.where.problem("end_date" if slide.where.line is None else "End Year", message))
        return None
    ours = _ours(slide)
    if ours is not None:
        return (*ours, True)
    return (*edtf.interval(start.edtf, end.edtf if end is not None else ""), "stated", "", False)


def _ours(slide: Slide) -> tuple[str, str, str, str] | None:
    """Our export's exact dates, when the slide's TimelineJS dates are still the ones exported with them."""
    ours = slide.ours
    start, end = str(ours.get("start") or ""), str(ours.get("end") or "")
    basis, note = str(ours.get("date_basis") or "stated"), str(ours.get("date_note") or "")
    if not start or basis not in schema.BASES or (basis != "stated" and not note):
        return None
    try:
        exported = parts_of(start, end, era=slide.kind == "era")
    except dates.DateError:
        return None
    plain = tuple(Parts(p.year, p.month, p.day) if p else None for p in (slide.start, slide.end))
    return (start, end, basis, note) if exported == plain else None


def _placeable(slide: Slide) -> bool:
    return slide.start.placeable and (slide.end is None or slide.end.placeable)


def _category(group: str) -> tuple[str, str]:
    """(category, the group name to keep as an actor when it is not one of our categories)."""
    if not group:
        return "context", ""
    key = re.sub(r"[\s_]+", "-", group.strip().lower())
    if key in schema.CATEGORIES:
        return key, ""
    labels = _labels(i18n.current())
    if group.strip().lower() in labels:
        return labels[group.strip().lower()], ""
    return "context", group


@functools.lru_cache(maxsize=8)
def _labels(language: str) -> dict[str, str]:
    """Each category's label in `language`, lower case -> its key (worded once, not once a row)."""
    return {str(label).lower(): name for name, label in schema.CATEGORIES.items()}


def _title_from(body: str) -> str:
    words = body.split()
    return " ".join(words[:10]) + ("…" if len(words) > 10 else "")


def _words(slide: Slide, start: str, end: str) -> str:
    if _placeable(slide):
        words = describe(start, end or None)
    else:
        words = f"year {slide.start.year}" + (f" to {slide.end.year}" if slide.end else "")
    time = slide.start.time
    return f"{words}, {time}" if time else words


def _add_media(draft: Draft, event_id: str, slide: Slide) -> None:
    media = slide.media
    if not _WEB.match(media.url):
        draft.notes.append(f"{slide.where.label()}: media '{media.url[:60]}' is not a web address; left out")
        return
    thumbnail = media.thumbnail if _WEB.match(media.thumbnail) else ""
    draft.media.append(
        {"id": event_id, "url": media.url, "caption": media.caption, "credit": media.credit, "thumbnail": thumbnail}
    )


def _validate(row: dict[str, str], slide: Slide, problems: list[Problem]) -> None:
    """The schema's own check, reported against the TimelineJS row rather than a file not yet written."""
    try:
        schema.EventRow(**{key: value for key, value in row.items() if value != ""})
    except ValidationError as exc:
        for error in exc.errors():
            column = str(error["loc"][0]) if error["loc"] else None
            problems.append(slide.where.problem(column, schema._message(error)))
