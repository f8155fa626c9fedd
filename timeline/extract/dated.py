"""What resolving dates works with: a mention dated (stated, or derived by a rule) or left undated, the
document around it, and how a derived date's note cites the stated date it came from."""

from __future__ import annotations

from dataclasses import dataclass

from timeline.core import dates
from timeline.extract.actors import Glossary, Subject
from timeline.extract.datewords import Mention
from timeline.extract.sentences import Sentence


@dataclass(frozen=True)
class Dated:
    mention: Mention
    sentence: Sentence
    start: str
    end: str
    basis: str  # 'stated' or 'derived'
    note: str = ""  # how a derived date was reached


@dataclass(frozen=True)
class Unresolved:
    mention: Mention
    sentence: Sentence
    reason: str
    error: bool = False  # a rule raised (guard.py): the reason is the exception's message


@dataclass(frozen=True)
class Document:
    """What a rule may consult beyond the dates near a mention: the glossary's names, whom the text is
    about, and the text of each paragraph."""

    glossary: Glossary
    subject: Subject
    paragraphs: dict[int, str]


def derived(mention: Mention, sentence: Sentence, start: str, end: str, note: str) -> Dated:
    """A date a rule worked out; its note says how, and asks the editor to check it."""
    return Dated(mention, sentence, start, end, "derived", note + ". Drafted by rule: check it.")


def previous(mention: Mention, sentence: Sentence, dated: list[Dated]) -> Dated | None:
    """The nearest dated mention before `mention`, in its paragraph or the one before (headers and headings
    are context, not events): what 'two years later' counts from. A date that another list item mentions in
    passing, earlier than that item's own (first) date ('April 3 – A bomb, recalling the raid of March 2012'),
    dates that mention only: it is no context for what follows the item."""
    earlier = [
        d
        for d in dated
        if d.mention.end <= mention.start
        and sentence.paragraph - d.sentence.paragraph <= 1
        and not d.sentence.header
        and not d.sentence.heading
    ]
    passing = _in_passing(earlier, sentence)
    earlier = [d for d in earlier if id(d) not in passing]
    return max(earlier, key=lambda d: d.mention.start) if earlier else None


def _in_passing(dated: list[Dated], sentence: Sentence) -> set[int]:
    """ids of the dates of other list items that go back before their item's first date."""
    first: dict[int, Dated] = {}
    for d in dated:
        if d.sentence.item and not (sentence.item and d.sentence.item_start == sentence.item_start):
            mine = first.get(d.sentence.item_start)
            if mine is None or d.mention.start < mine.mention.start:
                first[d.sentence.item_start] = d
    return {
        id(d)
        for d in dated
        if d.sentence.item_start in first
        and d is not first[d.sentence.item_start]
        and _earliest(d) < _earliest(first[d.sentence.item_start])
    }


def _earliest(d: Dated):
    return dates.span(d.start, d.end or None).earliest


def cite(anchor: Dated | None) -> str:
    """How a note names the stated date it started from: its words and the sentence they are in."""
    if anchor is None:
        return ""
    if anchor.sentence.header:
        return f"stated as '{anchor.sentence.text.strip()}' (the profile's header)"
    excerpt = anchor.sentence.text[:60].rstrip() + ("…" if len(anchor.sentence.text) > 60 else "")
    return f"stated as '{anchor.mention.text}' (sentence {anchor.sentence.index + 1}: '{excerpt}')"
