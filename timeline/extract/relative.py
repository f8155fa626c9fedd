"""Relative mentions dated from their anchor: counted from it ('two years later', 'five months after
Droukdel's death', 'within a month', 'a year-long transition') or at it, approximately ('shortly
afterwards', 'following the coup', 'since independence', 'on three consecutive days')."""

from __future__ import annotations

import re

import pandas as pd

from timeline.core import dates, edtf
from timeline.extract import datefinder
from timeline.extract.anchors import event_anchor, named_event, since_founding
from timeline.extract.dated import Dated, Document, Unresolved, cite, derived, previous
from timeline.extract.datewords import NUMBER_WORDS, Mention
from timeline.extract.sentences import Sentence

_PRECISION_ORDER = ("day", "month", "year", "decade", "century")
_UNIT_PRECISION = {"day": "day", "week": "day", "month": "month", "year": "year", "decade": "decade"}
_NUMBER_WORDS = {v: k for k, v in NUMBER_WORDS.items() if k not in ("a", "an")}


def resolve_relative(
    mention: Mention, sentence: Sentence, dated: list[Dated], document: Document
) -> Dated | Unresolved | None:
    """A relative mention's date from the dated mentions near it (`dated`); None where there is nothing to add
    ('subsequently' in a sentence that states its own date)."""
    if mention.rule == "since-founding":
        return since_founding(mention, sentence, dated, document)
    if mention.rule in _FROM_ANCHOR:
        return _from_anchor(mention, sentence, dated, document)
    if mention.anchor:
        anchor, described = event_anchor(mention, sentence, dated, document)
    else:
        anchor = previous(mention, sentence, dated)
        described = f"the previous date in the text, {cite(anchor)}" if anchor else ""
    if anchor is None:
        what = f"'{mention.anchor}'" if mention.anchor else "a date just before it"
        return Unresolved(mention, sentence, f"no dated event found in the document for {what}")
    shifted = shift(anchor, mention)
    if isinstance(shifted, str):
        return Unresolved(mention, sentence, f"{cite(anchor)}: {shifted}")
    start, end = shifted
    note = f"{described}; {_offset_words(mention)}"
    if anchor.end == dates.OPEN:
        note += ", counted from its start, since that span has not ended"
    if mention.approximate:
        note += "; approximate (~) because durations in prose are rounded"
    return derived(mention, sentence, start, end, note)


_FROM_ANCHOR = ("within", "duration", "soon-after", "soon-after-clause", "after-event", "since-event", "consecutive")
_CLAUSE_EVENT = re.compile(
    r"\b(?:following|after|in\s+the\s+wake\s+of)\s+(?P<anchor>(?:the|this|that|its)\s+[a-z-]+(?:\s+[a-z-]+)?)", re.I
)


def _from_anchor(
    mention: Mention, sentence: Sentence, dated: list[Dated], document: Document
) -> Dated | Unresolved | None:
    rule = mention.rule
    own = [d for d in dated if d.sentence.index == sentence.index and d.basis == "stated"]
    if rule in ("soon-after", "after-event") and own:
        return None  # 'who was subsequently elected ... in 2007': the sentence dates its event itself
    anchor, described = None, ""
    if rule == "soon-after-clause":
        inner = [m for m in datefinder.find(mention.anchor) if m.kind == "stated"]
        if inner:  # 'Shortly after DEBY was killed ... in 2021': the clause's own date
            m = inner[0]
            anchor = Dated(m, sentence, m.edtf_start, m.edtf_end, "stated")
            described = f"the date of the clause it follows, '{m.text}'"
    elif rule in ("after-event", "since-event"):
        anchor, described = named_event(mention, mention.anchor, sentence, dated, document)
    elif rule == "consecutive":
        clause = _CLAUSE_EVENT.search(sentence.text)
        if clause:
            anchor, described = named_event(mention, clause.group("anchor"), sentence, dated, document)
    if anchor is None and rule not in ("after-event", "since-event"):
        anchor = previous(mention, sentence, dated)
        described = f"the date before it, {cite(anchor)}" if anchor else ""
    if anchor is None:
        what = f"'{mention.anchor}'" if mention.anchor and rule != "soon-after-clause" else "a date before it"
        return Unresolved(mention, sentence, f"no dated event found in the document for {what}")
    if anchor.end == dates.OPEN:
        return Unresolved(mention, sentence, f"{cite(anchor)} is an open span; nothing to count from")
    words = mention.text.strip()
    if rule == "since-event":
        note = f"Start: {described}; not ended ('{words}')"
        return derived(mention, sentence, anchor.start, dates.OPEN, note)
    if rule in ("within", "duration"):
        shifted = shift(anchor, mention)
        if isinstance(shifted, str):
            return Unresolved(mention, sentence, f"{cite(anchor)}: {shifted}")
        end = shifted[1] or shifted[0]
        note = f"Start: {described}; end: that {_offset_words(mention)}, approximate (~)"
        return derived(mention, sentence, anchor.start, end, note)
    if rule == "consecutive":
        return _between(mention, sentence, anchor, described, dated)
    start, end = edtf.qualified(anchor.start, approximate=True), edtf.qualified(anchor.end, approximate=True)
    note = f"{described}, approximate (~): '{words}' says only that it came after"
    return derived(mention, sentence, start, end, note)


def _between(mention: Mention, sentence: Sentence, anchor: Dated, described: str, dated: list[Dated]) -> Dated:
    """'on three consecutive days': after the event it follows and before the next date the text gives."""
    first = dates.span(anchor.start, anchor.end or None)
    later = [
        d
        for d in dated
        if d.mention.start >= mention.end
        and d.sentence.paragraph == sentence.paragraph
        and d.basis == "stated"
        and not d.sentence.heading
    ]
    start = edtf.date(first.earliest.year, first.earliest.month, approximate=True)
    end, note = "", f"After {described}"
    if later:
        nxt = min(later, key=lambda d: d.mention.start)
        after = dates.span(nxt.start, nxt.end or None).earliest
        if after >= first.earliest:
            end = edtf.date(after.year, after.month, approximate=True)
            note += f", before the next date the text gives, {cite(nxt)}"
    start, end = edtf.interval(start, end)
    note += f"; '{mention.text.strip()}' gives no day, so months, approximate (~)"
    return derived(mention, sentence, start, end, note)


def _offset_words(mention: Mention) -> str:
    if mention.amount == 0:
        return f"the same {mention.unit}"
    count = _NUMBER_WORDS.get(mention.amount, str(mention.amount))
    if mention.amount_high:
        count = f"{count} to {_NUMBER_WORDS.get(mention.amount_high, str(mention.amount_high))}"
    unit = mention.unit + ("s" if mention.amount != 1 or mention.amount_high else "")
    return f"{'plus' if mention.direction > 0 else 'minus'} {count} {unit}"


def shift(anchor: Dated, mention: Mention) -> tuple[str, str] | str:
    """The anchor's date moved by the mention's offset, at the coarser of the two precisions; or why it cannot be."""
    # After a span, count from its end; before it, or after one that has not ended ('2014 onwards'), from its start.
    part = anchor.end if (mention.direction > 0 and anchor.end not in ("", dates.OPEN)) else anchor.start
    base = dates.parse(part)
    unit_precision = _UNIT_PRECISION[mention.unit]
    too_coarse = f"too coarse to count {mention.unit}s from"
    if base.precision not in _PRECISION_ORDER:
        return too_coarse
    precision = max(base.precision, unit_precision, key=_PRECISION_ORDER.index)
    if _PRECISION_ORDER.index(base.precision) > _PRECISION_ORDER.index(unit_precision) and mention.amount == 0:
        return too_coarse  # 'that month' after a bare year says nothing more than the year
    signed = mention.amount * (mention.direction or 1)
    signed_high = (mention.amount_high or mention.amount) * (mention.direction or 1)  # 'a few': two to four
    approximate = mention.approximate or base.approximate
    try:
        low, high = _move(base.earliest, mention.unit, signed), _move(base.latest, mention.unit, signed_high)
        moved = edtf.interval(
            edtf.at_precision(low.year, low.month, low.day, precision, approximate=approximate),
            edtf.at_precision(high.year, high.month, high.day, precision, approximate=approximate),
        )
        dates.span(moved[0], moved[1] or None)
    except (ValueError, OverflowError) as exc:  # a chain of '20 years later' can run past any calendar
        return f"{_offset_words(mention)} from it is no date a collection can hold ({exc})"
    return moved


def _move(when: pd.Timestamp, unit: str, amount: int) -> pd.Timestamp:
    if unit == "day":
        return when + pd.Timedelta(days=amount)
    if unit == "week":
        return when + pd.Timedelta(weeks=amount)
    months = {"month": 1, "year": 12, "decade": 120}[unit] * amount
    return when + pd.DateOffset(months=months)
