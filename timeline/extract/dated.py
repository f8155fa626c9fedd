"""What resolving dates works with: a mention dated (stated, or derived by a rule) or left undated, the
document around it, and how a derived date's note cites the stated date it came from."""

from __future__ import annotations

from dataclasses import dataclass

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
    are context, not events): what 'two years later' counts from."""
    earlier = [
        d
        for d in dated
        if d.mention.end <= mention.start
        and sentence.paragraph - d.sentence.paragraph <= 1
        and not d.sentence.header
        and not d.sentence.heading
    ]
    return max(earlier, key=lambda d: d.mention.start) if earlier else None


def cite(anchor: Dated | None) -> str:
    """How a note names the stated date it started from: its words and the sentence they are in."""
    if anchor is None:
        return ""
    if anchor.sentence.header:
        return f"stated as '{anchor.sentence.text.strip()}' (the profile's header)"
    excerpt = anchor.sentence.text[:60].rstrip() + ("…" if len(anchor.sentence.text) > 60 else "")
    return f"stated as '{anchor.mention.text}' (sentence {anchor.sentence.index + 1}: '{excerpt}')"
