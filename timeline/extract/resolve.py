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
"""

from __future__ import annotations

import bisect
import calendar
import functools
import re
from dataclasses import dataclass

import pandas as pd

from timeline.core import dates, edtf
from timeline.core.text import fold
from timeline.extract import datefinder
from timeline.extract.actors import Glossary, Subject
from timeline.extract.datefinder import Mention
from timeline.extract.datewords import NUMBER_WORDS
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


# Event words -> the verbs and nouns that report such an event.
EVENT_WORDS: list[tuple[str, str]] = [
    (r"death|killing|assassination|execution|demise", r"killed|died|death|dead|assassinat\w*|executed|slain|killing"),
    (
        r"establishment|founding|foundation|creation|formation|inception|emergence|birth|launch",
        r"found(?:ed|ing)|establish(?:ed|ment)|creat(?:ed|ion)|form(?:ed|ation)|emerged|set\s+up|launched",
    ),
    (r"arrest|capture|detention", r"arrest(?:ed)?|captur(?:ed|e)|detained"),
    (r"coup", r"coup"),
    (r"election", r"elect(?:ed|ion)"),
    (r"attack|bombing|assault|raid|siege|massacre|shooting", r"attack\w*|bomb\w*|assault|raid|siege|massacre|shooting"),
    (r"appointment|nomination|succession", r"appointed|named|succeeded"),
    (r"withdrawal|departure|exit", r"withdr\w*|left|departed"),
    (r"merger|union", r"merg\w*|united|combined|created"),
    (r"release", r"releas\w*|freed"),
    (r"invasion|intervention|operation", r"invad\w*|invasion|interven\w*|operation"),
    (r"split|schism", r"split|splinter\w*|broke\s+away"),
    (r"fall|collapse", r"fell|fall|collapse\w*"),
    (r"uprisings?|revolution", r"uprisings?|revolution"),
    (r"independence|secession", r"independen\w*|seceded|secession"),
    (r"unification|reunification", r"unifi\w*|reunifi\w*"),
    (r"war|conflict|fighting", r"war|conflict|fighting|rebellion"),
    (r"agreement|accord|treaty", r"agreement|accord|treaty|signed"),
]
_END_OF_TENURE = r"killed|died|death|assassinat\w*|executed|arrested|captured|ousted|replaced|resigned|stepped\s+down"
_TENURE = re.compile(r"\bhad\s+(?:served|led|headed|been|ruled|commanded|run)\b", re.I)
_PRECISION_ORDER = ("day", "month", "year", "decade", "century")
_UNIT_PRECISION = {"day": "day", "week": "day", "month": "month", "year": "year", "decade": "decade"}
_NUMBER_WORDS = {v: k for k, v in NUMBER_WORDS.items() if k not in ("a", "an")}


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
        if mention.kind == "partial":
            result = _resolve_partial(mention, sentence, nearby, years)
        elif mention.kind == "closing":
            result = _resolve_closing(mention, sentence, nearby)
        else:
            result = _resolve_one(mention, sentence, nearby, glossary, subject, paragraphs)
        if result is None:  # 'subsequently' in a sentence that states its own date: nothing to add
            continue
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
    dated: list[Dated],
    glossary: Glossary,
    subject: Subject,
    paragraphs: dict[int, str],
) -> Dated | Unresolved | None:
    if mention.rule == "since-founding":
        return _since_founding(mention, sentence, dated, glossary, subject, paragraphs)
    if mention.rule in _FROM_ANCHOR:
        return _from_anchor(mention, sentence, dated, glossary, subject, paragraphs)
    if mention.anchor:
        anchor, described = _event_anchor(mention, sentence, dated, glossary, subject, paragraphs)
    else:
        anchor = _previous(mention, sentence, dated)
        described = f"the previous date in the text, {_cite(anchor)}" if anchor else ""
    if anchor is None:
        what = f"'{mention.anchor}'" if mention.anchor else "a date just before it"
        return Unresolved(mention, sentence, f"no dated event found in the document for {what}")
    shifted = shift(anchor, mention)
    if shifted is None:
        return Unresolved(mention, sentence, f"{_cite(anchor)} is too coarse to count {mention.unit}s from")
    start, end = shifted
    note = f"{described}; {_offset_words(mention)}"
    if mention.approximate:
        note += "; approximate (~) because durations in prose are rounded"
    return Dated(mention, sentence, start, end, "derived", note + ". Drafted by rule: check it.")


# --- days and months without a year ------------------------------------------------------------


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


def _resolve_partial(
    mention: Mention, sentence: Sentence, dated: list[Dated], years: dict[int, tuple[int, str]]
) -> Dated | Unresolved:
    """'on 22 March' -> 2012-03-22 when the heading above, or the nearest date before it, is in 2012."""
    for heading in reversed(sentence.section):
        if heading in years:
            year, words = years[heading]
            return _partial_dated(mention, sentence, year, f"the year {year} from the heading '{words}'")
    anchor = _previous(mention, sentence, [d for d in dated if d.sentence.section == sentence.section])
    if anchor is None:
        return Unresolved(mention, sentence, "no year is stated before it in its heading, sentence or paragraph")
    span = dates.span(anchor.start, None if anchor.end in ("", dates.OPEN) else anchor.end)
    if span.earliest.year != span.latest.year:
        return Unresolved(mention, sentence, f"the date before it, {_cite(anchor)}, spans more than one year")
    year, how = span.earliest.year, f"the year {span.earliest.year} of the date before it, {_cite(anchor)}"
    if span.precision in ("day", "month") and mention.month < span.latest.month:
        year += 1  # 'in December 2014 ... In January': the January after
        how += f", plus one year since {calendar.month_name[mention.month]} comes after it"
    return _partial_dated(mention, sentence, year, how)


def _partial_dated(mention: Mention, sentence: Sentence, year: int, how: str) -> Dated | Unresolved:
    start = edtf.date(year, mention.month, mention.day or None)
    end = edtf.date(year, mention.month2, mention.day2 or None) if mention.month2 else ""
    try:
        dates.span(start, end or None)
    except dates.DateError as exc:
        return Unresolved(mention, sentence, f"{how} gives no real date: {exc}")
    note = f"'{mention.text.strip()}' has no year in the text; {how}. Drafted by rule: check it."
    return Dated(mention, sentence, start, end, "derived", note)


# --- spans that close an earlier date -----------------------------------------------------------


def _resolve_closing(mention: Mention, sentence: Sentence, dated: list[Dated]) -> Dated:
    """'ground fighting continued through 2016' -> from the date before it (2015) to 2016."""
    anchor = _previous(mention, sentence, dated)
    if anchor is not None and anchor.end != dates.OPEN:
        try:
            span = dates.span(anchor.start, mention.edtf_end)
        except dates.DateError:
            span = None
        if span is not None and anchor.start != mention.edtf_end:
            note = (
                f"Start: the date before it, {_cite(anchor)}; end: '{mention.text.strip()}' as stated. "
                "Drafted by rule: check it."
            )
            return Dated(mention, sentence, anchor.start, mention.edtf_end, "derived", note)
    return Dated(mention, sentence, mention.edtf_end, "", "stated")  # no start before it: the end as stated


# --- anchored phrases: within, shortly after, following X, since X, consecutive days ------------

_FROM_ANCHOR = ("within", "duration", "soon-after", "soon-after-clause", "after-event", "since-event", "consecutive")
_CLAUSE_EVENT = re.compile(
    r"\b(?:following|after|in\s+the\s+wake\s+of)\s+(?P<anchor>(?:the|this|that|its)\s+[a-z-]+(?:\s+[a-z-]+)?)", re.I
)


def _from_anchor(
    mention: Mention,
    sentence: Sentence,
    dated: list[Dated],
    glossary: Glossary,
    subject: Subject,
    paragraphs: dict[int, str],
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
        anchor, described = _named_event(mention, mention.anchor, sentence, dated, glossary, subject, paragraphs)
    elif rule == "consecutive":
        clause = _CLAUSE_EVENT.search(sentence.text)
        if clause:
            anchor, described = _named_event(
                mention, clause.group("anchor"), sentence, dated, glossary, subject, paragraphs
            )
    if anchor is None and rule not in ("after-event", "since-event"):
        anchor = _previous(mention, sentence, dated)
        described = f"the date before it, {_cite(anchor)}" if anchor else ""
    if anchor is None:
        what = f"'{mention.anchor}'" if mention.anchor and rule != "soon-after-clause" else "a date before it"
        return Unresolved(mention, sentence, f"no dated event found in the document for {what}")
    if anchor.end == dates.OPEN:
        return Unresolved(mention, sentence, f"{_cite(anchor)} is an open span; nothing to count from")
    words = mention.text.strip()
    if rule == "since-event":
        note = f"Start: {described}; not ended ('{words}')"
        return Dated(mention, sentence, anchor.start, dates.OPEN, "derived", note + ". Drafted by rule: check it.")
    if rule in ("within", "duration"):
        shifted = shift(anchor, mention)
        if shifted is None:
            return Unresolved(mention, sentence, f"{_cite(anchor)} is too coarse to count {mention.unit}s from")
        end = shifted[1] or shifted[0]
        note = f"Start: {described}; end: that {_offset_words(mention)}, approximate (~)"
        return Dated(mention, sentence, anchor.start, end, "derived", note + ". Drafted by rule: check it.")
    if rule == "consecutive":
        return _between(mention, sentence, anchor, described, dated)
    start, end = edtf.qualified(anchor.start, approximate=True), edtf.qualified(anchor.end, approximate=True)
    note = f"{described}, approximate (~): '{words}' says only that it came after"
    return Dated(mention, sentence, start, end, "derived", note + ". Drafted by rule: check it.")


def _named_event(
    mention: Mention,
    anchor_text: str,
    sentence: Sentence,
    dated: list[Dated],
    glossary: Glossary,
    subject: Subject,
    paragraphs: dict[int, str],
) -> tuple[Dated | None, str]:
    """The dated event a phrase names ('the coup', 'independence'), preferring one that names who the
    sentence is about ('Since independence, South Sudan ...')."""
    inner = [m for m in datefinder.find(anchor_text) if m.kind == "stated"]
    if inner:  # 'after the 2012 coup'
        m = inner[0]
        return Dated(m, sentence, m.edtf_start, m.edtf_end, "stated"), f"the date in '{anchor_text}' itself"
    noun, name = _parse_anchor(anchor_text)
    if noun is None:
        match = re.fullmatch(r"\s*([a-z]+)\s*", anchor_text)
        noun = match.group(1) if match else None
    if noun is None:
        return None, ""
    names = _names(name, glossary, subject) if name else _sentence_names(sentence.text, mention)
    stated = [d for d in dated if d.basis == "stated"]  # an event the text dates, before one dated by rule
    found = _best(mention, sentence, stated, _verbs_for(noun), names, paragraphs, named=False) or _best(
        mention, sentence, dated, _verbs_for(noun), names, paragraphs, named=False
    )
    if found is None or found.end == dates.OPEN:
        return None, ""
    return found, f"'{anchor_text}' taken to be the event {_cite(found)}"


def _sentence_names(text: str, mention: Mention) -> list[str]:
    """Capitalised names of a sentence other than its first word and the mention's own words."""
    names = set()
    for m in re.finditer(r"(?<!^)(?<![.!?]\s)\b[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*", text):
        if m.group() not in mention.text:
            names.add(fold(m.group()))
    return sorted(names)


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
            note += f", before the next date the text gives, {_cite(nxt)}"
    start, end = edtf.interval(start, end)
    note += f"; '{mention.text.strip()}' gives no day, so months, approximate (~)"
    return Dated(mention, sentence, start, end, "derived", note + ". Drafted by rule: check it.")


# --- finding the anchor -------------------------------------------------------------------------


def _event_anchor(
    mention: Mention,
    sentence: Sentence,
    dated: list[Dated],
    glossary: Glossary,
    subject: Subject,
    paragraphs: dict[int, str],
) -> tuple[Dated | None, str]:
    anchor_text = mention.anchor
    inner = [m for m in datefinder.find(anchor_text) if m.kind == "stated"]
    if inner:  # 'two years after the 2012 coup': the anchor carries its own date
        m = inner[0]
        fake = Dated(m, sentence, m.edtf_start, m.edtf_end, "stated")
        return fake, f"the date in the anchor itself, '{m.text}'"
    noun, name = _parse_anchor(anchor_text)
    if noun is None:
        return None, ""
    verbs = _verbs_for(noun)
    names = _names(name, glossary, subject)
    found = _best(
        mention, sentence, dated, verbs, names, paragraphs, named=name is not None, about_subject=name == "its"
    )
    if found is None:
        return None, ""
    return found, f"'{anchor_text}' taken to be the event {_cite(found)}"


def _parse_anchor(anchor: str) -> tuple[str | None, str | None]:
    """'Droukdel’s death' -> ('death', 'Droukdel'); 'the death of X' -> ('death', 'X'); 'its founding' -> ('founding', 'its')."""
    m = re.match(r"(?P<name>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)[’']s?\s+(?P<noun>[a-z]+)", anchor)
    if m:
        return m.group("noun"), m.group("name")
    m = re.match(r"(?:the\s+)?(?P<noun>[a-z]+)\s+of\s+(?P<name>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)", anchor)
    if m:
        return m.group("noun"), m.group("name")
    m = re.match(
        r"(?P<who>its|their|his|her|the\s+group[’']s|the\s+organi[sz]ation[’']s)\s+(?P<noun>[a-z]+)", anchor, re.I
    )
    if m:
        who = m.group("who").lower()
        return m.group("noun"), "its" if who in ("its", "their") or "group" in who or "organi" in who else None
    m = re.match(r"(?:the|a|an)\s+(?:[a-z-]+\s+)?(?P<noun>[a-z]+)\b", anchor)
    if m:
        return m.group("noun"), None
    return None, None


def _verbs_for(noun: str) -> re.Pattern[str]:
    for nouns, verbs in EVENT_WORDS:
        if re.fullmatch(nouns, noun, re.I):
            return re.compile(rf"\b(?:{verbs})\b", re.I)
    return re.compile(rf"\b{re.escape(noun[:5])}\w*", re.I)  # an event word we have no list for: its stem


def _names(name: str | None, glossary: Glossary, subject: Subject) -> list[str]:
    if name is None:
        return []
    if name == "its":
        return sorted(subject.names)
    variants = glossary.variants(name)
    canonical = glossary.canonical(name)
    if canonical is None:  # 'Droukdel' alone also finds 'Abdelmalek Droukdel'
        variants |= {name.split()[-1]}
    return sorted(fold(v) for v in variants)


def _best(
    mention: Mention,
    sentence: Sentence,
    dated: list[Dated],
    verbs: re.Pattern[str],
    names: list[str],
    paragraphs: dict[int, str],
    named: bool,
    about_subject: bool = False,
) -> Dated | None:
    scored = []
    for candidate in dated:
        if candidate.mention is mention or candidate.mention.start == mention.start:
            continue
        source = candidate.sentence.text
        if candidate.sentence.header:
            if not _has(verbs, source.partition(":")[0]):
                continue
            # A fact line at the top of a profile describes the profile's subject.
            name_score = 3 if about_subject else 0
        else:
            if not _verb_outside_date(candidate, verbs):
                continue  # 'Three months after Karim's death' dates another event, not the death
            name_score = 0
            if names:
                if _mentions_any(source, names):
                    name_score = 2
                elif candidate.sentence.paragraph == sentence.paragraph and _mentions_any(
                    paragraphs.get(sentence.paragraph, ""), names
                ):
                    name_score = 1  # named elsewhere in the paragraph: 'the Emir of AQIM' ... 'Droukdel'
        if named and name_score == 0:
            continue
        same_paragraph = candidate.sentence.paragraph == sentence.paragraph
        before = candidate.mention.end <= mention.start
        distance = abs(candidate.sentence.index - sentence.index)
        closeness = _verb_distance(source, candidate, verbs)
        scored.append(((name_score, same_paragraph, before, -distance, -closeness), candidate))
    return max(scored, key=lambda s: s[0])[1] if scored else None


@functools.lru_cache(maxsize=65536)
def _has(pattern: re.Pattern[str], text: str) -> bool:
    # The same sentences are candidates for many relative dates near them.
    return pattern.search(text) is not None


def _verb_outside_date(candidate: Dated, verbs: re.Pattern[str]) -> bool:
    if not _has(verbs, candidate.sentence.text):
        return False
    offset = candidate.sentence.start
    a, b = candidate.mention.start - offset, candidate.mention.end - offset
    return any(m.end() <= a or m.start() >= b for m in verbs.finditer(candidate.sentence.text))


def _mentions_any(text: str, names: list[str]) -> bool:
    return _has(_names_pattern(tuple(names)), fold(text))


@functools.lru_cache(maxsize=256)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True) if n)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)" if alternatives else r"(?!)")


def _verb_distance(source: str, candidate: Dated, verbs: re.Pattern[str]) -> int:
    """Characters between the date and the nearest event verb: 'founded in 2007' beats 'founded during ... (1991-2002)'."""
    offset = candidate.sentence.start
    a, b = candidate.mention.start - offset, candidate.mention.end - offset
    return min((max(a - m.end(), m.start() - b, 0) for m in verbs.finditer(source)), default=10_000)


def _previous(mention: Mention, sentence: Sentence, dated: list[Dated]) -> Dated | None:
    earlier = [
        d
        for d in dated
        if d.mention.end <= mention.start
        and sentence.paragraph - d.sentence.paragraph <= 1
        and not d.sentence.header
        and not d.sentence.heading
    ]
    return max(earlier, key=lambda d: d.mention.start) if earlier else None


def _since_founding(
    mention: Mention,
    sentence: Sentence,
    dated: list[Dated],
    glossary: Glossary,
    subject: Subject,
    paragraphs: dict[int, str],
) -> Dated | Unresolved:
    verbs = _verbs_for("founding")
    founding = _best(mention, sentence, dated, verbs, sorted(subject.names), paragraphs, True, about_subject=True)
    if founding is None:
        return Unresolved(mention, sentence, f"no founding date found in the document for '{mention.anchor}'")
    start = founding.start
    note = f"Start: {subject.short}'s founding, {_cite(founding)}"
    end = ""
    if _TENURE.search(sentence.text):
        person = _sentence_subject(sentence.text)
        if person:
            ended = _best(
                mention,
                sentence,
                dated,
                re.compile(rf"\b(?:{_END_OF_TENURE})\b", re.I),
                _names(person, glossary, subject),
                paragraphs,
                named=True,
            )
            if ended is not None and ended.start != start:
                end = ended.end or ended.start
                note += f". End: {person}'s death or removal, taken to be the event {_cite(ended)}"
        if not end:
            note += ". The tenure's end is not found in the text"
    return Dated(mention, sentence, start, end, "derived", note + ". Drafted by rule: check it.")


def _sentence_subject(text: str) -> str | None:
    """'Droukdel, an Algerian militant, had served ...' -> 'Droukdel'."""
    m = re.match(
        r"\s*(?:[A-Z][a-z]+\s+){0,2}?([A-Z][\w’'-]+(?:\s+(?:al|ag|bin|ibn|[A-Z][\w’'-]+))*)\s*(?:,|had\b)", text
    )
    return m.group(1) if m else None


def _cite(anchor: Dated | None) -> str:
    if anchor is None:
        return ""
    if anchor.sentence.header:
        return f"stated as '{anchor.sentence.text.strip()}' (the profile's header)"
    excerpt = anchor.sentence.text[:60].rstrip() + ("…" if len(anchor.sentence.text) > 60 else "")
    return f"stated as '{anchor.mention.text}' (sentence {anchor.sentence.index + 1}: '{excerpt}')"


def _offset_words(mention: Mention) -> str:
    if mention.amount == 0:
        return f"the same {mention.unit}"
    count = _NUMBER_WORDS.get(mention.amount, str(mention.amount))
    if mention.amount_high:
        count = f"{count} to {_NUMBER_WORDS.get(mention.amount_high, str(mention.amount_high))}"
    unit = mention.unit + ("s" if mention.amount != 1 or mention.amount_high else "")
    return f"{'plus' if mention.direction > 0 else 'minus'} {count} {unit}"


# --- date arithmetic ----------------------------------------------------------------------------


def shift(anchor: Dated, mention: Mention) -> tuple[str, str] | None:
    """The anchor's date moved by the mention's offset, at the coarser of the two precisions."""
    # After a span, count from its end; before it, from its start.
    part = anchor.end if (mention.direction > 0 and anchor.end) else anchor.start
    base = dates.parse(part)
    unit_precision = _UNIT_PRECISION[mention.unit]
    if base.precision not in _PRECISION_ORDER:
        return None
    precision = max(base.precision, unit_precision, key=_PRECISION_ORDER.index)
    if _PRECISION_ORDER.index(base.precision) > _PRECISION_ORDER.index(unit_precision) and mention.amount == 0:
        return None  # 'that month' after a bare year says nothing more than the year
    signed = mention.amount * (mention.direction or 1)
    signed_high = (mention.amount_high or mention.amount) * (mention.direction or 1)  # 'a few': two to four
    low, high = _move(base.earliest, mention.unit, signed), _move(base.latest, mention.unit, signed_high)
    approximate = mention.approximate or base.approximate
    return edtf.interval(
        edtf.at_precision(low.year, low.month, low.day, precision, approximate=approximate),
        edtf.at_precision(high.year, high.month, high.day, precision, approximate=approximate),
    )


def _move(when: pd.Timestamp, unit: str, amount: int) -> pd.Timestamp:
    if unit == "day":
        return when + pd.Timedelta(days=amount)
    if unit == "week":
        return when + pd.Timedelta(weeks=amount)
    months = {"month": 1, "year": 12, "decade": 120}[unit] * amount
    return when + pd.DateOffset(months=months)
