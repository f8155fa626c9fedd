"""Partial and closing mentions completed from the dates around them: a day or month without its year
('on 22 March' under a heading '2009'), and a span's end without its start ('continued through 2016')."""

from __future__ import annotations

import calendar

from timeline.core import dates, edtf
from timeline.extract.dated import Dated, Unresolved, cite, derived, previous
from timeline.extract.datewords import Mention
from timeline.extract.sentences import Sentence


def heading_years(dated: list[Dated]) -> dict[int, tuple[int, str]]:
    """Heading sentence index -> (year, heading words) for headings that state one calendar year
    ('2016', '### 2016', '2012: Jihadists occupy north'), the context of a list of days below them."""
    found: dict[int, set[int]] = {}
    words: dict[int, str] = {}
    for d in dated:
        if not d.sentence.heading:
            continue
        span = dates.span(d.start, d.end or None)
        found.setdefault(d.sentence.index, set()).add(
            span.earliest.year if span.earliest.year == span.latest.year else -1
        )
        words[d.sentence.index] = d.sentence.text.strip()
    return {index: (next(iter(ys)), words[index]) for index, ys in found.items() if len(ys) == 1 and -1 not in ys}


def resolve_partial(
    mention: Mention, sentence: Sentence, dated: list[Dated], years: dict[int, tuple[int, str]]
) -> Dated | Unresolved:
    """'on 22 March' -> 2012-03-22 when the heading above, or the nearest date before it, is in 2012."""
    for heading in reversed(sentence.section):
        if heading in years:
            year, words = years[heading]
            return _partial_dated(mention, sentence, year, f"the year {year} from the heading '{words}'")
    anchor = previous(mention, sentence, [d for d in dated if d.sentence.section == sentence.section])
    if anchor is None:
        return Unresolved(mention, sentence, "no year is stated before it in its heading, sentence or paragraph")
    span = dates.span(anchor.start, None if anchor.end in ("", dates.OPEN) else anchor.end)
    if span.earliest.year != span.latest.year:
        return Unresolved(mention, sentence, f"the date before it, {cite(anchor)}, spans more than one year")
    year, how = span.earliest.year, f"the year {span.earliest.year} of the date before it, {cite(anchor)}"
    if span.precision in ("day", "month") and mention.month < span.latest.month and mention.rule != "month-of-year":
        year += 1  # 'in December 2014 ... In January': the January after
        how += f", plus one year since {calendar.month_name[mention.month]} comes after it"
    return _partial_dated(mention, sentence, year, how)


def _partial_dated(mention: Mention, sentence: Sentence, year: int, how: str) -> Dated | Unresolved:
    if mention.amount:  # 'November of the year before': the context's year moved
        year += mention.amount
        how += f", {'minus' if mention.amount < 0 else 'plus'} one year as the text says"
    start = edtf.date(year, mention.month, mention.day or None)
    end = edtf.date(year, mention.month2, mention.day2 or None) if mention.month2 else ""
    try:
        dates.span(start, end or None)
    except dates.DateError as exc:
        return Unresolved(mention, sentence, f"{how} gives no real date: {exc}")
    return derived(mention, sentence, start, end, f"'{mention.text.strip()}' has no year in the text; {how}")


def resolve_closing(mention: Mention, sentence: Sentence, dated: list[Dated]) -> Dated:
    """'ground fighting continued through 2016' -> from the date before it (2015) to 2016."""
    anchor = previous(mention, sentence, dated)
    if anchor is not None and anchor.end != dates.OPEN:
        try:
            span = dates.span(anchor.start, mention.edtf_end)
        except dates.DateError:
            span = None
        if span is not None and anchor.start != mention.edtf_end:
            note = f"Start: the date before it, {cite(anchor)}; end: '{mention.text.strip()}' as stated"
            return derived(mention, sentence, anchor.start, mention.edtf_end, note)
    return Dated(mention, sentence, mention.edtf_end, "", "stated")  # no start before it: the end as stated
