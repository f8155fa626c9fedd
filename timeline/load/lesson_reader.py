"""The one validator of a lesson: it walks a YAML node tree and collects every problem instead of stopping.

A file's text is composed into nodes (yaml.compose: nothing is constructed, so no tag can run code), and
the plain values of a request are represented as nodes (lessons.lesson_from_data): the same walk checks
both. Nodes from text know their line; nodes from values do not, and their problems name only the field.
Messages are worded in the current language (the reader's, in a request; English on the command line).
"""

from __future__ import annotations

import difflib
import re

import yaml

from timeline.core.problems import Problem
from timeline.core.text import slug
from timeline.i18n import gettext as _
from timeline.i18n import ngettext
from timeline.i18n.words import number
from timeline.load.lesson_model import (
    LESSON_KEYS,
    LESSON_TRANSLATED,
    MAX_NOTES,
    MAX_SLIDES,
    MAX_TITLE,
    SHOWS,
    SLIDE_KEYS,
    SLIDE_TRANSLATED,
    Lesson,
    LessonSlide,
)

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_YAML = "tag:yaml.org,2002:"
# The tags plain YAML gives its values by itself. Any other (!!python/object, !!binary, !custom) was written
# on purpose and has no place in a lesson.
PLAIN_TAGS = frozenset(_YAML + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map"))
_SURROGATE = re.compile("[\ud800-\udfff]")


def yaml_problem(label: str, exc: yaml.YAMLError) -> Problem:
    """Text that is not YAML: the line of the mistake (where an unclosed quote opened) and why."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        return Problem(label, line, None, _("not valid YAML: %(reason)s") % {"reason": _yaml_reason(exc)})
    return Problem(label, None, None, _("not valid YAML: %(reason)s") % {"reason": exc})


def _yaml_reason(exc: yaml.MarkedYAMLError) -> str:
    # PyYAML's own words stay English, as pydantic's do; the advice added here is translated.
    reason = exc.problem or str(exc)
    mark, context = exc.context_mark, exc.context
    if context and mark and exc.problem_mark and mark.line != exc.problem_mark.line:
        # An unclosed quote or bracket is reported where the file ends; where it opened is the line to fix.
        reason = _("%(context)s (opened on line %(line)s): %(reason)s") % {
            "context": context,
            "line": mark.line + 1,
            "reason": reason,
        }
    elif context:
        reason = f"{context}: {reason}"
    if "mapping values are not allowed" in reason:
        reason += _("; a ': ' inside a text? Put the text in quotes")
    return reason


def _line(node: yaml.Node | None) -> int | None:
    mark = getattr(node, "start_mark", None)
    return mark.line + 1 if mark is not None else None


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _YAML + "null"


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_YAML) :] if tag.startswith(_YAML) else tag


class LessonReader:
    """Walks one lesson's node tree, collecting problems instead of stopping at the first."""

    def __init__(self, label: str, event_ids: set[str] | None, collection_id: str | None = None):
        self.label = label
        self.event_ids = event_ids
        self.collection_id = collection_id
        self.problems: list[Problem] = []

    def problem(self, node: yaml.Node | None, field: str | None, message: str) -> None:
        self.problems.append(Problem(self.label, _line(node), field, message))

    def lesson(self, root: yaml.Node, stem: str | None) -> tuple[Lesson | None, list[Problem]]:
        """The lesson of a tree; `stem` is the id when the lesson sets none (None: made from the title)."""
        if self.tags(root):
            return None, self.problems
        if not isinstance(root, yaml.MappingNode):
            message = _("this is not a lesson: expected 'title:', 'intro:' and 'slides:' at the top level")
            return None, [Problem(self.label, _line(root), None, message)]
        keys = self.mapping(root, "", LESSON_KEYS)
        collection = self.text(keys.get("collection"), "collection") or ""
        if collection and self.collection_id is not None and collection != self.collection_id:
            message = _("this lesson was made for the collection '%(other)s', not for '%(this)s'") % {
                "other": collection,
                "this": self.collection_id,
            }
            self.problem(keys["collection"], "collection", message)
            return None, self.problems  # its event ids would all be unknown here: the one problem says why
        title = self.text(keys.get("title"), "title", MAX_TITLE)
        if title == "":
            self.problem(keys.get("title"), "title", _("a lesson needs a title (shown on its first slide)"))
        lesson_id = self.lesson_id(keys, stem, title or "")
        intro = self.text(keys.get("intro"), "intro", MAX_NOTES) or ""
        translated = self.translations(keys, "", LESSON_TRANSLATED)
        slides = self.slides(keys.get("slides"))
        if self.problems:
            return None, self.problems
        return Lesson(lesson_id, title or "", intro, tuple(slides), self.label, translated, collection), []

    def lesson_id(self, keys: dict[str, yaml.Node], stem: str | None, title: str) -> str:
        given = self.text(keys.get("id"), "id")
        if not given and stem is None:
            # Any sign between words parts them, so '2007–2017' (an en dash) gives '2007-2017', not '20072017'.
            return slug(re.sub(r"[\W_]+", " ", title), words=8, empty="lesson")
        lesson_id = given or stem or ""
        if not _SLUG.match(lesson_id):
            values = {"id": lesson_id}
            if "id" in keys:
                message = _("'%(id)s' is not a valid lesson id: use lower-case letters, digits and single hyphens")
            else:
                message = _(
                    "'%(id)s' is not a valid lesson id: use lower-case letters, digits and single hyphens "
                    "in the file name, or set 'id:' in the file"
                )
            self.problem(keys.get("id"), "id" if "id" in keys else None, message % values)
        return lesson_id

    def tags(self, root: yaml.Node) -> bool:
        """Whether the tree holds a tag plain YAML does not give (reported, each once)."""
        seen: set[int] = set()
        stack = [root]
        found = False
        while stack:
            node = stack.pop()
            if id(node) in seen:  # an alias: the same node again
                continue
            seen.add(id(node))
            if node.tag not in PLAIN_TAGS:
                message = _("YAML tags such as '%(tag)s' are not allowed in a lesson: write plain text") % {
                    "tag": _short_tag(node.tag)
                }
                self.problem(node, None, message)
                found = True
            if isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)
            elif isinstance(node, yaml.MappingNode):
                stack.extend(part for pair in node.value for part in pair)
        return found

    def translations(
        self, keys: dict[str, yaml.Node], prefix: str, names: tuple[str, ...]
    ) -> tuple[tuple[str, str], ...]:
        """The translated keys given, as (key, text); blank ones are left out (the original is shown)."""
        found = []
        for name in names:
            limit = MAX_TITLE if name.startswith("title_") else MAX_NOTES
            text = self.text(keys.get(name), prefix + name, limit)
            if text:
                found.append((name, text))
        return tuple(found)

    def mapping(self, node: yaml.MappingNode, prefix: str, allowed: tuple[str, ...]) -> dict[str, yaml.Node]:
        """key -> value node; unknown and repeated keys are problems (YAML would keep the last in silence)."""
        found: dict[str, yaml.Node] = {}
        first_line: dict[str, int | None] = {}
        for key_node, value in node.value:
            key = str(key_node.value)
            field = prefix + key
            if key not in allowed:
                message = _("unknown key '%(key)s' (expected: %(keys)s)") % {"key": key, "keys": ", ".join(allowed)}
                self.problem(key_node, field, message)
            elif key in found:
                self.problem(key_node, field, self._twice(key, first_line[key]))
            else:
                found[key] = value
                first_line[key] = _line(key_node)
        return found

    @staticmethod
    def _twice(key: str, line: int | None) -> str:
        if line is None:
            return _("'%(key)s' is given twice") % {"key": key}
        return _("'%(key)s' is given twice (first on line %(line)s)") % {"key": key, "line": line}

    def text(self, node: yaml.Node | None, field: str, limit: int | None = None) -> str | None:
        """The text of a scalar, "" when absent or blank, None when not text at all (reported here)."""
        if node is None or _is_null(node):
            return ""
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, field, _("expected text, not a list or a mapping"))
            return None
        value = str(node.value).strip()
        if _SURROGATE.search(value):
            self.problem(node, field, _("the text holds a broken character (a lone surrogate); type it again"))
            return None
        if limit is not None and len(value) > limit:
            message = ngettext(
                "%(n)s character; at most %(limit)s fit here",
                "%(n)s characters; at most %(limit)s fit here",
                len(value),
            ) % {"n": number(len(value)), "limit": number(limit)}
            self.problem(node, field, message)
            return None
        return value

    def slides(self, node: yaml.Node | None) -> list[LessonSlide]:
        if node is None or _is_null(node):
            message = _("a lesson needs 'slides:', a list of event ids in the order to show them")
            self.problem(node, "slides", message)
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, "slides", _("expected a list of event ids, one per line starting with '- '"))
            return []
        if not node.value:
            self.problem(node, "slides", _("the slide list is empty; list the event ids to show"))
            return []
        if len(node.value) > MAX_SLIDES:
            message = _("%(n)s slides; a lesson holds at most %(limit)s: make two lessons of it") % {
                "n": number(len(node.value)),
                "limit": number(MAX_SLIDES),
            }
            self.problem(node, "slides", message)
            return []
        slides: list[LessonSlide] = []
        first: dict[str, tuple[int, yaml.Node]] = {}  # event id -> (its slide's number, its node)
        for position, item in enumerate(node.value, start=1):
            slide, id_node, field = self.slide(item, f"slides[{position}]")
            if slide is None:
                continue
            if self.event_ids is not None and slide.event not in self.event_ids:
                self.problem(id_node, field, self.unknown(slide.event))
            elif slide.event in first:
                self.problem(id_node, field, self._again(slide.event, *first[slide.event]))
            else:
                first[slide.event] = (position, id_node)
            slides.append(slide)
        return slides

    @staticmethod
    def _again(event: str, position: int, node: yaml.Node) -> str:
        line = _line(node)
        if line is None:
            values = {"event": event, "n": position}
            return _("event '%(event)s' is on slide %(n)s already; each event is one slide") % values
        values = {"event": event, "n": line}
        return _("event '%(event)s' is in the lesson already (line %(n)s); each event is one slide") % values

    def slide(self, item: yaml.Node, where: str) -> tuple[LessonSlide | None, yaml.Node, str]:
        if isinstance(item, yaml.ScalarNode) and not _is_null(item):
            event = self.text(item, where)
            if event == "":
                self.problem(item, where, _("each slide needs the id of its event"))
            return (LessonSlide(event), item, where) if event else (None, item, where)
        if not isinstance(item, yaml.MappingNode):
            self.problem(item, where, _("expected an event id, or 'event:' with optional 'notes:'"))
            return None, item, where
        keys = self.mapping(item, where + ".", SLIDE_KEYS)
        field = where + ".event"
        event = self.text(keys.get("event"), field)
        if event == "":
            self.problem(keys.get("event", item), field, _("each slide needs the id of its event"))
        if not event:
            return None, item, field
        show = self.text(keys.get("show"), where + ".show") or "map"
        if show not in SHOWS:
            message = _("'%(show)s' is not one of: %(shows)s") % {"show": show, "shows": ", ".join(SHOWS)}
            self.problem(keys["show"], where + ".show", message)
            show = "map"
        notes = self.text(keys.get("notes"), where + ".notes", MAX_NOTES) or ""
        translated = self.translations(keys, where + ".", SLIDE_TRANSLATED)
        return LessonSlide(event, notes, show, translated), keys["event"], field

    def unknown(self, event_id: str) -> str:
        close = difflib.get_close_matches(event_id, sorted(self.event_ids or ()), n=1, cutoff=0.6)
        if close:
            return _("unknown event id '%(id)s' (did you mean '%(close)s'?)") % {"id": event_id, "close": close[0]}
        return _("unknown event id '%(id)s' (not in events.csv)") % {"id": event_id}
