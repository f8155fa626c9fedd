"""The ordering quiz: which of a student's cards are right, given dates the source may give only loosely.

Each event is dated by an interval of whole days, [earliest, latest]: "2013" is
the whole of 2013, the French-led operation "2012/2014" three whole years. An
order of cards is *possible* when dates can be picked, one inside each card's
interval, that never go back in time down the list; for intervals that is the
case exactly when no card stands above a card that is certainly earlier than it
(its earliest day after the other's latest day).

**The rule.** The cards marked *right* are the largest set of cards that are
already, among themselves, in a possible order; the others are *wrong*: the
fewest cards that must move for the whole list to be a possible order. When
several sets are as large, the one holding the cards higher up the list is
kept (so of two swapped cards, the lower one is the one marked wrong). The
score is the size of that set: "7 of 8 in a possible order". A list that is a
possible order is all right; two cards whose intervals overlap never make each
other wrong, whichever comes first; a fully reversed list of distinct dates
keeps one card right.

assets/quiz.js holds the same rule for the browser (`possibleOrderMarks`);
tests/test_quiz.py and tests/browser/test_quiz.py hold both to the same cases.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import pandas as pd

from timeline.formats.deck import Deck, citation
from timeline.i18n.dates import describe, describe_with_basis
from timeline.load.collection import Collection
from timeline.load.passages import Passage

Interval = tuple[int, int]  # (earliest, latest) as day numbers


def possible_order_marks(placed: Sequence[Interval]) -> list[bool]:
    """For cards in the order a student placed them, whether each is right (see the module's rule)."""
    count = len(placed)
    # best(k, floor): the most cards of placed[k:] that can be kept after kept cards whose latest earliest day
    # is `floor`. A card can follow only if floor <= its latest day; keeping it raises floor to its earliest.

    @cache
    def best(k: int, floor: int | None) -> int:
        if k == count:
            return 0
        skip = best(k + 1, floor)
        earliest, latest = placed[k]
        if floor is None or floor <= latest:
            return max(skip, 1 + best(k + 1, earliest if floor is None else max(floor, earliest)))
        return skip

    marks = []
    floor: int | None = None
    for k, (earliest, latest) in enumerate(placed):
        raised = earliest if floor is None else max(floor, earliest)
        keep = (floor is None or floor <= latest) and 1 + best(k + 1, raised) >= best(k + 1, floor)
        marks.append(keep)
        if keep:
            floor = raised
    return marks


def certainly_before(first: Interval, second: Interval) -> bool:
    """Whether every date of `first` is before every date of `second`."""
    return first[1] < second[0]


def overlaps(first: Interval, second: Interval) -> bool:
    return first[0] <= second[1] and second[0] <= first[1]


def date_order(intervals: dict[str, Interval]) -> list[str]:
    """The ids in one possible order (by earliest day, then latest, then id): the answer key's order."""
    return sorted(intervals, key=lambda event_id: (*intervals[event_id], event_id))


@dataclass(frozen=True)
class QuizCard:
    id: str
    title: str
    summary: str
    earliest: int
    latest: int
    date_text: str
    normalised: str  # "inferred: 2012–2014", in the language current when the card was made
    span: str  # "2012–2014"
    quote: str
    citation: str

    @property
    def interval(self) -> Interval:
        return (self.earliest, self.latest)

    def answer(self) -> dict:
        """What the check needs and then reveals, kept out of the page until then (see encode_answers)."""
        return {
            "earliest": self.earliest,
            "latest": self.latest,
            "date": self.date_text,
            "normalised": self.normalised,
            "span": self.span,
            "quote": self.quote,
            "citation": self.citation,
            "title": self.title,
        }


def day_number(value) -> int:
    return int(pd.Timestamp(value).toordinal())


def quiz_cards(collection: Collection, passages: dict[str, Passage], deck: Deck, count: int | None = None) -> list:
    """The deck's events as cards, in the deck's order; `count` keeps that many, spread over the deck."""
    events = deck.events
    positions = list(range(len(events)))
    if count is not None and 1 < count < len(events):
        step = (len(events) - 1) / (count - 1)
        positions = sorted({round(i * step) for i in range(count)})
    cards = []
    for position in positions:
        event = events.iloc[position]
        cards.append(
            QuizCard(
                id=event["id"],
                title=event["title"],
                summary=event["summary"],
                earliest=day_number(event["earliest"]),
                latest=day_number(event["latest"]),
                date_text=event["date_text"],
                normalised=describe_with_basis(event["start"], event["end"], event["date_basis"]),
                span=describe(event["start"], event["end"]),
                quote=event["quote"],
                citation=str(citation(collection, passages, event)),
            )
        )
    return cards


def scrambled(cards: list[QuizCard], salt: str = "") -> list[QuizCard]:
    """The cards in an order that says nothing of their dates (by a hash of the id): the page's order
    before the browser shuffles them, and the order of the printed cards."""
    return sorted(cards, key=lambda card: hashlib.sha256(f"{salt}:{card.id}".encode()).hexdigest())


def encode_answers(cards: list[QuizCard]) -> tuple[str, str]:
    """(payload, key): the answers as base64 of their JSON XOR-ed with a key made from the card ids.

    This keeps dates and quotes out of the page's text, its attributes and a text search of its
    source until the check decodes them; it is not secrecy: the page must work offline, so everything
    needed to decode ships with it, and a student who reads quiz.js can decode it by hand.
    """
    data = json.dumps({card.id: card.answer() for card in cards}, ensure_ascii=False).encode("utf-8")
    key = hashlib.sha256("|".join(sorted(card.id for card in cards)).encode("utf-8")).digest()
    mixed = bytes(byte ^ key[index % len(key)] for index, byte in enumerate(data))
    return base64.b64encode(mixed).decode("ascii"), base64.b64encode(key).decode("ascii")


def decode_answers(payload: str, key: str) -> dict:
    """encode_answers reversed (what quiz.js does on Check)."""
    mixed, secret = base64.b64decode(payload), base64.b64decode(key)
    data = bytes(byte ^ secret[index % len(secret)] for index, byte in enumerate(mixed))
    return json.loads(data.decode("utf-8"))
