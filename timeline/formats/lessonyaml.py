"""A lesson written out as a lesson file (the YAML of docs/presenting.md), for a collection's lessons/ folder.

The builder's "Download as YAML" returns it, and the lesson file carries it in a readable block, so a
YAML or a lesson file dropped on the builder opens again. What is written is read back as the same
lesson (tests/test_lesson_link.py holds it to that for any text): PyYAML's emitter quotes and escapes
whatever plain YAML would misread, and several lines of notes are written as a block, as a teacher would.
"""

from __future__ import annotations

import yaml

from timeline.formats.lessonlink import lesson_data
from timeline.load.lessons import Lesson

# Inside <script>, `<`, `>` and `&` are written as escapes, which YAML reads back as the characters.
_SCRIPT_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"))


class _Writer(yaml.SafeDumper):
    for_script = False

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # '  - event: ...' under 'slides:', as docs/presenting.md and the bundled lesson write it.
        super().increase_indent(flow, False)


def _text(dumper: _Writer, value: str) -> yaml.ScalarNode:
    style = None
    if dumper.for_script and any(raw in value for raw, _escaped in _SCRIPT_ESCAPES):
        style = '"'  # only a double-quoted scalar can carry the escapes
    elif "\r" in value or "\x85" in value:
        style = '"'  # YAML reads both as a line feed, except escaped
    elif "\n" in value:
        style = "|"  # the emitter falls back to quotes where a block would not read back the same
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Writer.add_representer(str, _text)


class _ScriptWriter(_Writer):
    for_script = True


def lesson_yaml(lesson: Lesson, for_script: bool = False) -> str:
    """The lesson file's text. `for_script`: safe inside an HTML <script> element (no `<`, `>` or `&`)."""
    writer = _ScriptWriter if for_script else _Writer
    body = yaml.dump(
        lesson_data(lesson),
        Dumper=writer,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )
    if for_script:
        # Every `<`, `>` and `&` is inside a double-quoted scalar (keys and ids are plain ASCII words).
        for raw, escaped in _SCRIPT_ESCAPES:
            body = body.replace(raw, escaped)
    header = (
        "# A lesson: the events to present, in this order. Put this file in the collection's lessons/ folder;\n"
        "# its name (without .yaml) is the lesson's id. Check it with: python -m timeline validate\n"
    )
    return header + body
