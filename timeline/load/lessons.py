"""Lessons: a teacher's ordered selection of events, kept as small YAML files.

A lesson file sits in <collection>/lessons/ and reads:

    title: "From GSPC to JNIM: 2007–2020"
    intro: One paragraph shown on the opening slide.
    slides:
      - event: aqim-founded
        notes: What the teacher wants to say; shown in the speaker view only.
      - arab-uprisings          # an event id alone is enough

For a class in another language of the interface, the teacher's own words may be given again in it:
`title_fr`, `intro_fr`, and `notes_fr` on a slide (likewise `_ar`); a reader of that language sees them.
The events' words come from events.csv (its `title_fr`...), never from here. `collection:` may name the
collection the lesson was made for (the builder writes it); another collection's lesson is refused.

The id is the file name without .yaml unless the file sets `id:`. Every problem names the file, the line
and the field ('slides[3].event', counting slides from 1 like a teacher does).

A lesson reaches the app in three ways, and one validator (load/lesson_reader.py) checks all three alike:
a file in lessons/ (read_lesson), YAML text a teacher drops on the builder (lesson_from_text), and the
lesson a browser sends in a request, decoded from a link or from its draft (lesson_from_data). Text has
lines, so its problems name them; data has none, and its problems name the same fields.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml

from timeline.core.problems import Problem
from timeline.i18n import gettext as _
from timeline.load.lesson_model import (
    LESSON_KEYS,
    LESSON_TRANSLATED,
    MAX_NOTES,
    MAX_SLIDES,
    SHOWS,
    SLIDE_KEYS,
    SLIDE_TRANSLATED,
    Lesson,
    LessonSlide,
)
from timeline.load.lesson_reader import LessonReader, yaml_problem

FOLDER = "lessons"
PATTERNS = ("*.yaml", "*.yml")  # .yml too: a lesson saved under it must not be skipped in silence

__all__ = [
    "FOLDER",
    "LESSON_KEYS",
    "LESSON_TRANSLATED",
    "MAX_NOTES",
    "MAX_SLIDES",
    "SHOWS",
    "SLIDE_KEYS",
    "SLIDE_TRANSLATED",
    "Lesson",
    "LessonSlide",
    "lesson_from_data",
    "lesson_from_text",
    "load_lessons",
    "read_lesson",
]


def load_lessons(
    folder: Path, event_ids: Iterable[str] | None, problems: list[Problem], collection_id: str | None = None
) -> dict[str, Lesson]:
    """Every lesson file of a collection folder, keyed by lesson id; problems are appended to `problems`.

    `event_ids` None leaves the ids unchecked (the caller could not read the events).
    """
    known = None if event_ids is None else set(event_ids)
    lessons: dict[str, Lesson] = {}
    files = sorted({path for pattern in PATTERNS for path in (folder / FOLDER).glob(pattern)})
    for path in files:
        label = str(folder / FOLDER / path.name)
        lesson, found = read_lesson(path, known, label, collection_id)
        problems.extend(found)
        if lesson is None:
            continue
        if lesson.id in lessons:
            other = lessons[lesson.id].file
            message = _("lesson id '%(id)s' is used already by %(file)s") % {"id": lesson.id, "file": other}
            problems.append(Problem(label, None, "id", message))
            continue
        lessons[lesson.id] = lesson
    return lessons


def read_lesson(
    path: Path, event_ids: set[str] | None, label: str | None = None, collection_id: str | None = None
) -> tuple[Lesson | None, list[Problem]]:
    """One lesson file checked against the collection's event ids (unless None): (the lesson or None, its problems)."""
    name = label or str(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        message = _("not UTF-8 text (byte %(byte)s); save the file as UTF-8") % {"byte": exc.start}
        return None, [Problem(name, None, None, message)]
    return lesson_from_text(text, name, event_ids, path.stem, collection_id)


def lesson_from_text(
    text: str,
    label: str,
    event_ids: set[str] | None,
    stem: str | None = None,
    collection_id: str | None = None,
) -> tuple[Lesson | None, list[Problem]]:
    """A lesson written as YAML (a file's text, or a file dropped on the builder), with line-numbered problems.

    `stem` is the id when the text sets none (a file's name); None derives it from the title."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        return None, [yaml_problem(label, exc)]
    if root is None:
        return None, [Problem(label, None, None, _("the file is empty; a lesson needs a title and a list of slides"))]
    return LessonReader(label, event_ids, collection_id).lesson(root, stem)


def lesson_from_data(
    data: object, label: str, event_ids: set[str] | None, collection_id: str | None = None
) -> tuple[Lesson | None, list[Problem]]:
    """A lesson as plain values (decoded JSON: a link, a draft), with the keys of a lesson file.

    The values are turned into the node tree a YAML file gives (with no lines), so the same reader checks
    them and names the same fields; the id, unless given, is made from the title."""
    not_a_lesson = [Problem(label, None, None, _("not a lesson: expected a title and a list of slides"))]
    if _deeper_than(data, MAX_DEPTH):  # a lesson is three levels deep; a deep nest would only exhaust the stack
        return None, not_a_lesson
    dumper = yaml.SafeDumper(None, sort_keys=False)
    try:
        root = dumper.represent_data(data)
    except yaml.representer.RepresenterError:
        return None, not_a_lesson
    return LessonReader(label, event_ids, collection_id).lesson(root, None)


MAX_DEPTH = 8


def _deeper_than(data: object, limit: int) -> bool:
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for pair in value.items() for item in pair)
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
    return False
