"""What a presentation or a handout shows, in order: a lesson's events, or every event by date.

Shared by the present page and the printable handout so both tell the same
story with the same citations.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from timeline import i18n
from timeline.i18n import gettext as _
from timeline.i18n import ngettext
from timeline.i18n.words import number
from timeline.load import sourcetext
from timeline.load.collection import Collection
from timeline.load.lesson_model import MAX_SLIDES
from timeline.load.lessons import Lesson
from timeline.load.passages import Passage
from timeline.load.translations import localised
from timeline.query.search import Filters, apply

# The most events a deck without a lesson shows: a lesson's own limit (load/lesson_model.py), so every deck
# (slides, quiz, lesson file, handout) is a class's hour whatever the collection's size. Past it, the first
# MAX_SLIDES in date order are shown and the page says so (docs/limits.md): a deck is built whole into its
# page, so a 20,000-event collection would otherwise be 20,000 slides.
DECK_LIMIT = MAX_SLIDES


@dataclass(frozen=True)
class Deck:
    lesson_id: str | None  # None: every event of the collection in chronological order
    title: str
    intro: str
    events: pd.DataFrame  # in the order of the slides, index 0..n-1
    notes: tuple[str, ...]  # teacher notes, one per event ("" where none)
    shows: tuple[str, ...] = ()  # per event: "map" (default) or "lineage"
    total: int | None = None  # events that matched before DECK_LIMIT cut them (None: all are shown)
    filters: Filters = Filters()  # the explorer's filters that chose the events of a deck without a lesson

    @property
    def cut(self) -> bool:
        """Whether DECK_LIMIT left events out of this deck (the page says so and how to narrow it)."""
        return self.total is not None and self.total > len(self.events)

    def show(self, position: int) -> str:
        return self.shows[position] if position < len(self.shows) else "map"


class UnknownLesson(LookupError):
    def __init__(self, lesson_id: str, known: list[str]):
        self.lesson_id = lesson_id
        self.known = known
        super().__init__(f"no lesson '{lesson_id}' (lessons: {', '.join(known) or 'none'})")


def build_deck(collection: Collection, lesson_id: str | Lesson | None = None, filters: Filters | None = None) -> Deck:
    """The slides of `lesson_id`, or of the collection's events that pass `filters` (the explorer's, from its
    URL; every event when None), at most DECK_LIMIT of them in date order; raises UnknownLesson.

    A Lesson itself may be given instead of its id: one a teacher's browser sent, validated against this
    collection (load.lessons.lesson_from_data), which is in no lessons/ folder.

    The events carry their titles and summaries in the interface's language where the collection
    translates them (load.translations.localised): slides, quiz cards and handouts all show those.
    """
    lang = i18n.current()
    if lesson_id is None:
        filters = filters or Filters()
        chosen = collection.events if filters.is_empty() else apply(collection.events, filters, collection.aliases)
        # Cut before localising: only the events shown are translated.
        events = localised(chosen.iloc[:DECK_LIMIT], lang).reset_index(drop=True)
        total = len(chosen) if len(chosen) > DECK_LIMIT else None
        return Deck(
            None, collection.title, collection.description, events, ("",) * len(events), total=total, filters=filters
        )
    lesson = lesson_id if isinstance(lesson_id, Lesson) else collection.lessons.get(lesson_id)
    if lesson is None:
        raise UnknownLesson(lesson_id, sorted(collection.lessons))
    # Validation guarantees every id resolves, so the lesson's order is kept as written. Its few events
    # are localised, not the whole collection.
    by_id = collection.events.set_index("id", drop=False)
    events = localised(by_id.loc[lesson.event_ids].reset_index(drop=True), lang)
    return Deck(
        lesson.id,
        lesson.text_in("title", lang),
        lesson.text_in("intro", lang),
        events,
        tuple(slide.notes_in(lang) for slide in lesson.slides),
        tuple(slide.show for slide in lesson.slides),
    )


def limit_text(deck: Deck) -> str | None:
    """What a page says of a deck DECK_LIMIT cut: the limit, and how to choose the events shown; else None."""
    if not deck.cut:
        return None
    # Translators: on the first slide and the quiz when a collection (or the explorer's view) has more events
    # than a deck shows. %(total)s is always more than %(limit)s.
    sentence = ngettext(
        "The view has %(total)s event, and a deck shows at most %(limit)s: these are the first %(limit)s in date "
        "order. To show others, narrow the explorer's view (a search, a category, a country, years) and press "
        "Present, or present a lesson.",
        "The view has %(total)s events, and a deck shows at most %(limit)s: these are the first %(limit)s in date "
        "order. To show others, narrow the explorer's view (a search, a category, a country, years) and press "
        "Present, or present a lesson.",
        deck.total or 0,
    )
    return sentence % {"total": number(deck.total or 0), "limit": number(DECK_LIMIT)}


@dataclass(frozen=True)
class Citation:
    source_title: str
    source_kind: str
    paragraph: int | None

    def __str__(self) -> str:
        """'Al-Qaeda in the Islamic Maghreb (organisation profile), paragraph 15' in the current language.

        The source's title and kind are data, written as the collection gives them; a no-break space keeps
        "paragraph 15" together when the line wraps."""
        values = {"source": self.source_title, "kind": self.source_kind, "n": self.paragraph}
        if self.paragraph and self.source_kind:
            # Translators: where a quote stands: source title, its kind, the paragraph's number. Keep the
            # no-break space before %(n)s (it holds the number to its word when the line wraps).
            return _("%(source)s (%(kind)s), paragraph\u00a0%(n)s") % values
        if self.paragraph:
            # Translators: as above, for a source whose kind is not given. Keep the no-break space before %(n)s.
            return _("%(source)s, paragraph\u00a0%(n)s") % values
        if self.source_kind:
            return f"{self.source_title} ({self.source_kind})"
        return self.source_title


def citation(collection: Collection, passages: dict[str, Passage], event: pd.Series) -> Citation:
    """Where an event's quote stands: the source and the paragraph (numbered as in the source reader)."""
    source = collection.sources[event["source"]]
    passage = passages.get(event["id"])
    paragraph = sourcetext.paragraph_at(source.text, passage.start) if passage else None
    return Citation(source.title, source.kind, paragraph.number if paragraph else None)
