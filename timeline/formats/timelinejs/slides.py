"""What both TimelineJS readers produce: slides in file order, with where each came from.

A slide's text is already safe plain text (safetext.py) and its dates are
Parts; turning slides into our rows is build.py's job, so the JSON reader
and the sheet reader only have to agree on this shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from timeline.core.problems import Problem
from timeline.formats.timelinejs.dateparts import Parts


@dataclass(frozen=True)
class Where:
    """A row of the sheet (its first line) or an entry of the JSON (its path, e.g. 'events[3]')."""

    file: str
    line: int | None = None
    path: str = ""

    def problem(self, part: str | None, message: str) -> Problem:
        if self.line is not None:
            return Problem(self.file, self.line, part, message)
        return Problem(self.file, None, ".".join(p for p in (self.path, part) if p) or None, message)

    def label(self) -> str:
        return f"line {self.line}" if self.line is not None else self.path


@dataclass(frozen=True)
class Media:
    url: str
    caption: str = ""
    credit: str = ""
    thumbnail: str = ""


@dataclass(frozen=True)
class Slide:
    where: Where
    kind: str  # 'event', 'era' or 'title'
    start: Parts | None = None
    end: Parts | None = None
    display_date: str = ""
    headline: str = ""
    text: str = ""
    group: str = ""
    unique_id: str = ""
    media: Media | None = None
    ours: dict = field(default_factory=dict)  # what our own export adds (see tojson.OURS); empty otherwise


@dataclass
class Parsed:
    file: str
    format: str  # 'TimelineJS3 JSON' or 'TimelineJS sheet (CSV)'
    title: Slide | None = None
    slides: list[Slide] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
