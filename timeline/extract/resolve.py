"""Relative dates resolved against the events the same document dates.

'Five months after Droukdel’s death' needs the date of that death. The rule:
take the anchor's event word ('death') to its verbs ('killed', 'died', ...);
among the document's dated mentions whose sentence has such a verb, prefer one
that names the person (or his other names from the glossary), then one in the
same paragraph, then one before the relative expression; without a match the
mention stays unresolved, listed in the report, never guessed. 'Two years
later' and 'the following year' count from the nearest dated mention before
them in the same or the previous paragraph. Each resolved date is 'derived',
and its date_note says which stated date it came from and what was added.

Days and months without a year ('on 22 March', 'July 26–29' under a heading
'2009') take the year of the heading above them, else of the nearest date
before them in the same sentence, the paragraph or the one before it (within
the same section). 'Since independence' and 'Following the coup' date from the
event named; 'within a month', 'shortly after', 'after a few months' and 'a
year-long' count from the date before them, approximately; 'continued through
2016' starts at the date before it. Only dates the text states are used.

resolve() walks the mentions in reading order; the rules are in partial.py (days and months
without a year, closing spans), relative.py (counted and anchored phrases) and anchors.py (which
dated event a phrase names), over the types of dated.py.
"""

from __future__ import annotations

import bisect
import functools

from timeline.extract.actors import Glossary, Subject
from timeline.extract.dated import Dated, Document, Unresolved
from timeline.extract.datewords import Mention
from timeline.extract.guard import InternalError, guarded
from timeline.extract.partial import heading_years, resolve_closing, resolve_partial
from timeline.extract.relative import resolve_relative
from timeline.extract.sentences import Sentence

# draft.py takes the results' types from here, beside the function that makes them.
__all__ = ["Dated", "Unresolved", "resolve"]

# Anchors are looked for this many sentences before and after a relative date (and in the
# header); a 10 MB text has tens of thousands of dates, and 'later' never means a page away.
LOOK_BACK, LOOK_AHEAD = 60, 15
# A profile's fact lines ('Founded: 2007') are at its top; they describe its subject.
FACT_SHEET = 40


def resolve(
    mentions: list[tuple[Mention, Sentence]], glossary: Glossary, subject: Subject, paragraphs: dict[int, str]
) -> tuple[list[Dated], list[Unresolved]]:
    """Stated mentions as they are; relative, partial and closing ones resolved in reading order (a resolved
    one can anchor the next)."""
    document = Document(glossary, subject, paragraphs)
    dated = [Dated(m, s, m.edtf_start, m.edtf_end, "stated") for m, s in mentions if m.kind == "stated"]
    starts = [d.mention.start for d in dated]
    indices = [d.sentence.index for d in dated]
    headers = [d for d in dated if d.sentence.header and d.sentence.index < FACT_SHEET]
    years = heading_years(dated)
    unresolved: list[Unresolved] = []
    for mention, sentence in mentions:
        if mention.kind not in ("relative", "partial", "closing") or sentence.heading:
            continue
        low = bisect.bisect_left(indices, sentence.index - LOOK_BACK)
        high = bisect.bisect_right(indices, sentence.index + LOOK_AHEAD)
        nearby = [h for h in headers if h.sentence.index < sentence.index - LOOK_BACK] + dated[low:high]
        result = guarded(functools.partial(_resolve_one, mention, sentence, nearby, years, document))
        if result is None:  # 'subsequently' in a sentence that states its own date: nothing to add
            continue
        if isinstance(result, InternalError):
            result = Unresolved(mention, sentence, result.message, error=True)
        if isinstance(result, Unresolved):
            unresolved.append(result)
            continue
        at = bisect.bisect_left(starts, mention.start)
        dated.insert(at, result)
        starts.insert(at, mention.start)
        indices.insert(at, sentence.index)
    return dated, unresolved


def _resolve_one(
    mention: Mention,
    sentence: Sentence,
    nearby: list[Dated],
    years: dict[int, tuple[int, str]],
    document: Document,
) -> Dated | Unresolved | None:
    if mention.kind == "partial":
        return resolve_partial(mention, sentence, nearby, years)
    if mention.kind == "closing":
        return resolve_closing(mention, sentence, nearby)
    return resolve_relative(mention, sentence, nearby, document)
