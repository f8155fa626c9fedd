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
The events' words come from events.csv (its `title_fr`...), never from here.

The id is the file name without .yaml unless the file sets `id:`. The file is
read as a YAML node tree rather than as plain Python values, because only the
nodes remember their line: every problem names the file, the line and the
field ('slides[3].event', counting slides from 1 like a teacher does).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from timeline.core.problems import Problem
from timeline.load.translations import LANGUAGES

FOLDER = "lessons"
PATTERNS = ("*.yaml", "*.yml")  # .yml too: a lesson saved under it must not be skipped in silence
# The teacher's words in another language of the interface: title_fr, intro_ar, notes_fr...
LESSON_TRANSLATED = tuple(f"{key}_{lang}" for lang in LANGUAGES for key in ("title", "intro"))
SLIDE_TRANSLATED = tuple(f"notes_{lang}" for lang in LANGUAGES)
LESSON_KEYS = ("id", "title", "intro", "slides", *LESSON_TRANSLATED)
SLIDE_KEYS = ("event", "notes", "show", *SLIDE_TRANSLATED)
SHOWS = ("map", "lineage")  # what a slide draws beside its text

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class LessonSlide:
    event: str
    notes: str = ""
    show: str = "map"  # "lineage": the organisations' lineage up to the event's date instead of the map
    translated: tuple[tuple[str, str], ...] = ()  # (key, text): ("notes_fr", "...")

    def notes_in(self, lang: str) -> str:
        """The notes for a reader of `lang`: the teacher's translation where given, else the notes."""
        return dict(self.translated).get(f"notes_{lang}") or self.notes


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    intro: str
    slides: tuple[LessonSlide, ...]
    file: str
    translated: tuple[tuple[str, str], ...] = ()  # (key, text): ("title_fr", "..."), ("intro_ar", "...")

    def text_in(self, field: str, lang: str) -> str:
        """`field` ('title' or 'intro') for a reader of `lang`: the translation where given, else the field."""
        return dict(self.translated).get(f"{field}_{lang}") or getattr(self, field)

    @property
    def event_ids(self) -> list[str]:
        return [slide.event for slide in self.slides]


def load_lessons(folder: Path, event_ids: Iterable[str] | None, problems: list[Problem]) -> dict[str, Lesson]:
    """Every lesson file of a collection folder, keyed by lesson id; problems are appended to `problems`.

    `event_ids` None leaves the ids unchecked (the caller could not read the events).
    """
    known = None if event_ids is None else set(event_ids)
    lessons: dict[str, Lesson] = {}
    files = sorted({path for pattern in PATTERNS for path in (folder / FOLDER).glob(pattern)})
    for path in files:
        label = str(folder / FOLDER / path.name)
        lesson, found = read_lesson(path, known, label)
        problems.extend(found)
        if lesson is None:
            continue
        if lesson.id in lessons:
            other = lessons[lesson.id].file
            problems.append(Problem(label, None, "id", f"lesson id '{lesson.id}' is used already by {other}"))
            continue
        lessons[lesson.id] = lesson
    return lessons


def read_lesson(
    path: Path, event_ids: set[str] | None, label: str | None = None
) -> tuple[Lesson | None, list[Problem]]:
    """One lesson file checked against the collection's event ids (unless None): (the lesson or None, its problems)."""
    name = label or str(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(name, None, None, f"not UTF-8 text (byte {exc.start}); save the file as UTF-8")]
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        return None, [Problem(name, line, None, f"not valid YAML: {_yaml_reason(exc)}")]
    except yaml.YAMLError as exc:
        return None, [Problem(name, None, None, f"not valid YAML: {exc}")]
    if root is None:
        return None, [Problem(name, None, None, "the file is empty; a lesson needs a title and a list of slides")]
    if not isinstance(root, yaml.MappingNode):
        return None, [Problem(name, _line(root), None, "expected 'title:', 'intro:' and 'slides:' at the top level")]
    return _Reader(name, event_ids).lesson(root, path.stem)


def _yaml_reason(exc: yaml.MarkedYAMLError) -> str:
    reason = exc.problem or str(exc)
    mark, context = exc.context_mark, exc.context
    if context and mark and exc.problem_mark and mark.line != exc.problem_mark.line:
        # An unclosed quote or bracket is reported where the file ends; where it opened is the line to fix.
        reason = f"{context} (opened on line {mark.line + 1}): {reason}"
    elif context:
        reason = f"{context}: {reason}"
    if "mapping values are not allowed" in reason:
        reason += "; a ': ' inside a text? Put the text in quotes"
    return reason


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


class _Reader:
    """Walks one lesson's node tree, collecting problems instead of stopping at the first."""

    def __init__(self, label: str, event_ids: set[str] | None):
        self.label = label
        self.event_ids = event_ids
        self.problems: list[Problem] = []

    def problem(self, node: yaml.Node | None, field: str | None, message: str) -> None:
        self.problems.append(Problem(self.label, _line(node) if node is not None else None, field, message))

    def lesson(self, root: yaml.MappingNode, stem: str) -> tuple[Lesson | None, list[Problem]]:
        keys = self.mapping(root, "", LESSON_KEYS)
        lesson_id = self.text(keys.get("id"), "id") or stem
        if not _SLUG.match(lesson_id):
            where = "id" if "id" in keys else None
            self.problem(
                keys.get("id"),
                where,
                f"'{lesson_id}' is not a valid lesson id: use lower-case letters, digits and single hyphens"
                + ("" if where else " in the file name, or set 'id:' in the file"),
            )
        title = self.text(keys.get("title"), "title")
        if title == "":
            self.problem(keys.get("title"), "title", "a lesson needs a title (shown on its first slide)")
        intro = self.text(keys.get("intro"), "intro") or ""
        translated = self.translations(keys, "", LESSON_TRANSLATED)
        slides = self.slides(keys.get("slides"))
        if self.problems:
            return None, self.problems
        return Lesson(lesson_id, title or "", intro, tuple(slides), self.label, translated), []

    def translations(
        self, keys: dict[str, yaml.Node], prefix: str, names: tuple[str, ...]
    ) -> tuple[tuple[str, str], ...]:
        """The translated keys given, as (key, text); blank ones are left out (the original is shown)."""
        found = []
        for name in names:
            text = self.text(keys.get(name), prefix + name)
            if text:
                found.append((name, text))
        return tuple(found)

    def mapping(self, node: yaml.MappingNode, prefix: str, allowed: tuple[str, ...]) -> dict[str, yaml.Node]:
        """key -> value node; unknown and repeated keys are problems (YAML would keep the last in silence)."""
        found: dict[str, yaml.Node] = {}
        first_line: dict[str, int] = {}
        for key_node, value in node.value:
            key = str(key_node.value)
            field = prefix + key
            if key not in allowed:
                self.problem(key_node, field, f"unknown key '{key}' (expected: {', '.join(allowed)})")
            elif key in found:
                self.problem(key_node, field, f"'{key}' is given twice (first on line {first_line[key]})")
            else:
                found[key] = value
                first_line[key] = _line(key_node)
        return found

    def text(self, node: yaml.Node | None, field: str) -> str | None:
        """The text of a scalar, "" when absent or blank, None when not text at all (reported here)."""
        if node is None or _is_null(node):
            return ""
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, field, "expected text, not a list or a mapping")
            return None
        return str(node.value).strip()

    def slides(self, node: yaml.Node | None) -> list[LessonSlide]:
        if node is None or _is_null(node):
            self.problem(node, "slides", "a lesson needs 'slides:', a list of event ids in the order to show them")
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, "slides", "expected a list of event ids, one per line starting with '- '")
            return []
        if not node.value:
            self.problem(node, "slides", "the slide list is empty; list the event ids to show")
            return []
        slides: list[LessonSlide] = []
        first_line: dict[str, int] = {}
        for number, item in enumerate(node.value, start=1):
            slide, id_node, field = self.slide(item, f"slides[{number}]")
            if slide is None:
                continue
            if self.event_ids is not None and slide.event not in self.event_ids:
                self.problem(id_node, field, f"unknown event id '{slide.event}'{self.suggestion(slide.event)}")
            elif slide.event in first_line:
                self.problem(
                    id_node,
                    field,
                    f"event '{slide.event}' is in the lesson already (line {first_line[slide.event]}); "
                    "each event is one slide",
                )
            else:
                first_line[slide.event] = _line(id_node)
            slides.append(slide)
        return slides

    def slide(self, item: yaml.Node, where: str) -> tuple[LessonSlide | None, yaml.Node, str]:
        if isinstance(item, yaml.ScalarNode) and not _is_null(item):
            return LessonSlide(str(item.value).strip()), item, where
        if not isinstance(item, yaml.MappingNode):
            self.problem(item, where, "expected an event id, or 'event:' with optional 'notes:'")
            return None, item, where
        keys = self.mapping(item, where + ".", SLIDE_KEYS)
        field = where + ".event"
        event = self.text(keys.get("event"), field)
        if event == "":
            self.problem(keys.get("event", item), field, "each slide needs the id of its event")
        if not event:
            return None, item, field
        show = self.text(keys.get("show"), where + ".show") or "map"
        if show not in SHOWS:
            self.problem(keys["show"], where + ".show", f"'{show}' is not one of: {', '.join(SHOWS)}")
            show = "map"
        notes = self.text(keys.get("notes"), where + ".notes") or ""
        translated = self.translations(keys, where + ".", SLIDE_TRANSLATED)
        return LessonSlide(event, notes, show, translated), keys["event"], field

    def suggestion(self, event_id: str) -> str:
        close = difflib.get_close_matches(event_id, sorted(self.event_ids), n=1, cutoff=0.6)
        return f" (did you mean '{close[0]}'?)" if close else " (not in events.csv)"
