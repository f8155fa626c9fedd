"""A lesson's shape: its keys, its limits, and the Lesson and LessonSlide it is read into (see lessons.py)."""

from __future__ import annotations

from dataclasses import dataclass

from timeline.load.translations import LANGUAGES

# The teacher's words in another language of the interface: title_fr, intro_ar, notes_fr...
LESSON_TRANSLATED = tuple(f"{key}_{lang}" for lang in LANGUAGES for key in ("title", "intro"))
SLIDE_TRANSLATED = tuple(f"notes_{lang}" for lang in LANGUAGES)
LESSON_KEYS = ("id", "collection", "title", "intro", "slides", *LESSON_TRANSLATED)
SLIDE_KEYS = ("event", "notes", "show", *SLIDE_TRANSLATED)
SHOWS = ("map", "lineage")  # what a slide draws beside its text

# Limits, the same for a file and for a lesson in a request: a lesson is a class's hour, not a collection,
# and a link has to carry it.
MAX_SLIDES = 100
MAX_NOTES = 5_000  # characters of one slide's notes (and of the intro)
MAX_TITLE = 300


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
    collection: str = ""  # the collection it was made for, where the lesson says so

    def text_in(self, field: str, lang: str) -> str:
        """`field` ('title' or 'intro') for a reader of `lang`: the translation where given, else the field."""
        return dict(self.translated).get(f"{field}_{lang}") or getattr(self, field)

    @property
    def event_ids(self) -> list[str]:
        return [slide.event for slide in self.slides]
