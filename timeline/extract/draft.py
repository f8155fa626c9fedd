"""Source text -> draft event rows, a gazetteer of the places they use, and a report.

Every dated mention becomes one row (two dated facts in a sentence, two rows),
quoting its whole sentence word for word. Titles, categories, actors and places
are suggestions, and the row's summary says which parts are guesses, so that
the editor knows what to check; every row has status 'draft'.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from timeline.core import dates
from timeline.core.text import slug, words
from timeline.extract import categories, datefinder
from timeline.extract.actors import ActorHit, Glossary, Subject, defined_acronyms, guesses, subject
from timeline.extract.datefinder import Mention
from timeline.extract.guard import InternalError, guarded
from timeline.extract.places import Gazetteer, Place
from timeline.extract.plaintext import Structure
from timeline.extract.resolve import Dated, Unresolved, resolve
from timeline.extract.sentences import Sentence, split
from timeline.extract.titles import draft_title
from timeline.load.schema import EVENT_COLUMNS

Progress = Callable[[str], None]

# The countries a document is about are named early; scanning all of a huge text for
# them would cost more than the whole draft.
COUNTRY_SCAN_LIMIT = 200_000


@dataclass(frozen=True)
class Undated:
    """A date phrase with no row: 'unresolved' (a date the text should give but the rules could not reach),
    'error' (a rule raised on its sentence; the reason is the exception's message), 'vague' or 'open'."""

    text: str
    sentence: int  # 1-based, as the report shows it
    reason: str
    kind: str = "unresolved"
    quote: str = ""  # the sentence, so the editor can date it by hand


@dataclass
class Draft:
    subject: Subject
    rows: list[dict[str, str]] = field(default_factory=list)
    places: dict[str, Place] = field(default_factory=dict)
    actors_known: set[str] = field(default_factory=set)
    actors_guessed: set[str] = field(default_factory=set)
    sentences: int = 0
    stated: int = 0
    derived: int = 0
    undated: list[Undated] = field(default_factory=list)
    unknown_places: dict[str, int] = field(default_factory=dict)  # name -> first sentence (1-based)


def build(
    text: str,
    source_id: str,
    gazetteer: Gazetteer,
    glossary: Glossary,
    progress: Progress | None = None,
    structure: Structure | None = None,
) -> Draft:
    """The draft of one source text; pure (writes nothing). `structure` gives the headings and list
    items of a cleaned text (markup.clean); without it, plain text's own are found."""
    say = progress or (lambda message: None)
    say("splitting sentences")
    sentences = split(text, structure)
    say(f"{len(sentences):,} sentences; finding date expressions")
    mentions = datefinder.find(text)
    located = _locate(mentions, sentences)
    about = subject(sentences, glossary)
    draft = Draft(about, sentences=len(sentences))
    paragraphs = _paragraph_texts(text, sentences)
    dated, unresolved = resolve(located, glossary, about, paragraphs)
    dated = _events_only(_sub_items(dated, sentences))
    draft.stated = sum(1 for d in dated if d.basis == "stated")
    draft.derived = sum(1 for d in dated if d.basis == "derived")
    draft.undated = _undated(located, unresolved)
    say(f"{len(dated):,} dated mentions; finding places and actors")
    gazetteer.ignore |= {name for canonical, others in glossary.names.items() for name in (canonical, *others)}
    if dated:  # GeoNames takes a second to load; a text without dates needs no places
        gazetteer.prepare(text[:COUNTRY_SCAN_LIMIT])
    acronyms = defined_acronyms(text)
    ids: dict[str, int] = {}
    by_sentence: dict[int, list[Dated]] = {}
    for item in sorted(dated, key=lambda d: d.mention.start):
        by_sentence.setdefault(item.sentence.index, []).append(item)
    step = max(1, len(by_sentence) // 10)
    for done, items in enumerate(by_sentence.values(), start=1):
        drafted = guarded(
            functools.partial(_rows_for_sentence, text, items, draft, gazetteer, glossary, acronyms, source_id, ids)
        )
        if isinstance(drafted, InternalError):
            _lost(draft, items, drafted.message)
        else:
            draft.rows += drafted
        if done % step == 0 and len(by_sentence) > 1000:
            say(f"drafting rows: {100 * done // len(by_sentence)}%")
    return draft


def _lost(draft: Draft, items: list[Dated], message: str) -> None:
    """A sentence whose rows a bug stopped: its dates are reported, and no longer counted as found."""
    draft.stated -= sum(1 for d in items if d.basis == "stated")
    draft.derived -= sum(1 for d in items if d.basis == "derived")
    s = items[0].sentence
    draft.undated += [Undated(d.mention.text, s.index + 1, message, "error", s.text) for d in items]
    draft.undated.sort(key=lambda u: u.sentence)


def _sub_items(dated: list[Dated], sentences: list[Sentence]) -> list[Dated]:
    """'* November 6:' with sub-items '** An attack on X.', '** A strike on Y.': each sub-item is an event
    of that date (derived from the item above it), and the item that is only a date is no event itself."""
    items: dict[int, list[Sentence]] = {}
    for sentence in sentences:
        if sentence.item:
            items.setdefault(sentence.item_start, []).append(sentence)
    if not items:
        return dated
    own: dict[int, list[Dated]] = {}
    for d in dated:
        if d.sentence.item:
            own.setdefault(d.sentence.item_start, []).append(d)
    added: list[Dated] = []
    used: set[int] = set()  # item_start of date-only items whose sub-items took their date
    stack: list[tuple[int, Dated | None]] = []  # (depth, the date of a date-only item)
    for start, members in items.items():
        depth = members[0].level
        while stack and stack[-1][0] >= depth:
            stack.pop()
        mine = own.get(start, [])
        parent = next((d for _, d in reversed(stack) if d is not None), None)
        if not mine and parent is not None:
            first = members[0]
            words = parent.mention.text.strip()
            mention = Mention(first.start, first.start, words, "partial", rule="sub-item")
            note = f"A sub-item of '{words}', dated {_edtf_words(parent)} ({parent.basis}); the date is the item's above it."
            added.append(
                Dated(mention, first, parent.start, parent.end, "derived", note + " Drafted by rule: check it.")
            )
            used.add(parent.sentence.item_start)
        stack.append((depth, mine[0] if len(mine) == 1 and _only_a_date(members, mine[0]) else None))
    kept = [d for d in dated if not (d.sentence.item_start in used and d.sentence.item)]
    return sorted(kept + added, key=lambda d: (d.sentence.index, d.mention.start))


def _only_a_date(members: list[Sentence], d: Dated) -> bool:
    """An item that holds nothing but its date: 'November 6:'."""
    if len(members) != 1:
        return False
    rest = d.sentence.text[: d.mention.start - d.sentence.start] + d.sentence.text[d.mention.end - d.sentence.start :]
    return not re.sub(r"[\W_]+", "", rest)


def _edtf_words(d: Dated) -> str:
    return d.start + (f"/{d.end}" if d.end else "")


def _events_only(dated: list[Dated]) -> list[Dated]:
    """Dated mentions that are events: not a heading's year (it dates the list below it), and not a bare
    year naming something inside a list item that has its own date ('July 26–29 - 2009 Boko Haram
    uprising': the item's date is July 26–29, and '2009' names the uprising)."""
    kept = []
    leading: dict[int, Dated] = {}
    for d in sorted(dated, key=lambda d: d.mention.start):
        if d.sentence.heading and _context_heading(d):
            continue
        if d.sentence.item and d.sentence.index not in leading and _at_start(d):
            leading[d.sentence.index] = d
        lead = leading.get(d.sentence.index)
        if lead is not None and lead is not d and _names_a_thing(d) and _covers(d, lead):
            continue
        kept.append(d)
    return kept


def _context_heading(d: Dated) -> bool:
    """A heading that begins with its date or is little more than it ('2016', '2012: The north falls',
    '== Events of 2016 ==') dates what is below it; another ('The group was founded in 2007' alone on a
    line) may be an event."""
    before = d.sentence.text[: d.mention.start - d.sentence.start]
    rest = before + d.sentence.text[d.mention.end - d.sentence.start :]
    return not re.search(r"[A-Za-z]", before) or len(re.findall(r"[A-Za-z]+", rest)) <= 2


def _at_start(d: Dated) -> bool:
    return not d.sentence.text[: d.mention.start - d.sentence.start].strip(" \t*-•")


_PREPOSITION = re.compile(r"(?:in|on|by|since|during|until|from|between|throughout|around|about|c\.|circa)\b", re.I)


def _names_a_thing(d: Dated) -> bool:
    """A stated date without a preposition, followed by a capitalised name: '2000 Kaduna riots'."""
    after = d.sentence.text[d.mention.end - d.sentence.start :]
    return d.basis == "stated" and not _PREPOSITION.match(d.mention.text) and bool(re.match(r"\s+[A-Z]", after))


def _covers(d: Dated, lead: Dated) -> bool:
    try:
        outer, inner = dates.span(d.start, d.end or None), dates.span(lead.start, lead.end or None)
    except dates.DateError:
        return False
    return outer.earliest <= inner.earliest and inner.latest <= outer.latest


def _locate(mentions: list[Mention], sentences: list[Sentence]) -> list[tuple[Mention, Sentence]]:
    starts = [s.start for s in sentences]
    located = []
    for mention in mentions:
        at = bisect.bisect_right(starts, mention.start) - 1
        if at >= 0 and mention.start < sentences[at].end:
            located.append((mention, sentences[at]))
    return located


def _paragraph_texts(text: str, sentences: list[Sentence]) -> dict[int, str]:
    bounds: dict[int, tuple[int, int]] = {}
    for s in sentences:
        a, b = bounds.get(s.paragraph, (s.start, s.end))
        bounds[s.paragraph] = (min(a, s.start), max(b, s.end))
    return {number: text[a:b] for number, (a, b) in bounds.items()}


def _undated(located: list[tuple[Mention, Sentence]], unresolved: list[Unresolved]) -> list[Undated]:
    found = [
        Undated(u.mention.text, u.sentence.index + 1, _why(u), "error" if u.error else "unresolved", u.sentence.text)
        for u in unresolved
    ]
    for mention, sentence in located:
        if mention.kind == "vague":
            found.append(Undated(mention.text, sentence.index + 1, "vague: the text gives no date", "vague"))
        elif mention.kind == "open":
            found.append(Undated(mention.text, sentence.index + 1, "open-ended: a bound, not a date", "open"))
    return sorted(found, key=lambda u: u.sentence)


def _why(u: Unresolved) -> str:
    if u.error:
        return u.reason
    what = "a day or month without its year" if u.mention.kind == "partial" else "relative date not resolved"
    return f"{what}: {u.reason}"


def _rows_for_sentence(
    text: str,
    items: list[Dated],
    draft: Draft,
    gazetteer: Gazetteer,
    glossary: Glossary,
    acronyms: set[str],
    source_id: str,
    ids: dict[str, int],
) -> list[dict[str, str]]:
    """The rows of one sentence's dated mentions (pure but for the places and actors it adds to `draft`)."""
    sentence = items[0].sentence
    known = glossary.find(text, sentence.start, sentence.end)
    scan = gazetteer.scan(text, sentence.start, sentence.end)
    places = [h for h in scan.places if not any(a.start < h.end and h.start < a.end for a in known)]
    taken = [(h.start, h.end) for h in known] + [(h.start, h.end) for h in places]
    taken += [  # an unknown place is not an actor either
        (sentence.start + m.start(), sentence.start + m.end())
        for name in scan.unknown
        for m in re.finditer(re.escape(name), sentence.text)
    ]
    guessed = guesses(text, sentence, taken, acronyms) if not sentence.header else []
    for name in scan.unknown:
        draft.unknown_places.setdefault(name, sentence.index + 1)
    for hit in places:
        draft.places.setdefault(hit.place.id, hit.place)
    seen: set[tuple[str, str]] = set()
    rows = []
    for item in items:
        if item.basis == "stated" and (item.start, item.end) in seen:
            continue  # 'in 2015 ... in 2015': one event ('a coup in 1966 and a countercoup later that year': two)
        seen.add((item.start, item.end))
        others = [i.mention for i in items if i is not item]
        rows.append(_row(text, item, others, draft, known, guessed, scan.states, places, scan.unknown, source_id, ids))
    return rows


def _row(
    text: str,
    item: Dated,
    others: list[Mention],
    draft: Draft,
    known: list[ActorHit],
    guessed: list[ActorHit],
    states: list[tuple[str, str]],
    places: list,
    unknown: list[str],
    source_id: str,
    ids: dict[str, int],
) -> dict[str, str]:
    sentence, mention = item.sentence, item.mention
    title = draft_title(sentence, mention, draft.subject, others)
    if sentence.header:
        suggestion = categories.suggest(sentence.text, 0, len(sentence.text))
        date_text = sentence.text.strip()
    else:
        offset = sentence.start
        suggestion = categories.suggest(sentence.text, mention.start - offset, mention.end - offset)
        date_text = mention.text
    known_names = _unique(h.name for h in known)
    guessed_names = _unique([*(name for name, _ in states), *(h.name for h in guessed)])
    if _about_subject(sentence):  # 'Founded: 2007', 'The group was founded in 2007'
        (known_names if draft.subject.known else guessed_names).insert(0, draft.subject.short)
        known_names, guessed_names = _unique(known_names), _unique(guessed_names)
    guessed_names = [n for n in guessed_names if n not in known_names]
    draft.actors_known.update(known_names)
    draft.actors_guessed.update(guessed_names)
    fatalities, fatalities_text = _fatalities(sentence.text)
    row = dict.fromkeys(EVENT_COLUMNS, "")
    row.update(
        id=_unique_id(title, item.start, ids),
        kind="event",
        title=title,
        start=item.start,
        end=item.end,
        date_text=re.sub(r"\s+", " ", date_text),
        date_basis=item.basis,
        date_note=item.note,
        category=suggestion.category,
        actors="; ".join(known_names + guessed_names),
        places="; ".join(_unique(h.place.id for h in places)),
        place_note=f"Not in the gazetteer, so not placed: {', '.join(_unique(unknown))}." if unknown else "",
        fatalities=fatalities,
        fatalities_text=fatalities_text,
        summary=_summary(suggestion, guessed_names, states),
        source=source_id,
        quote=sentence.text,
        status="draft",
    )
    return row


def _summary(suggestion: categories.Suggestion, guessed: list[str], states: list[tuple[str, str]]) -> str:
    parts = [f"Draft to review: {suggestion.note()}"]
    if guessed:
        from_states = {name: words for name, words in states}
        described = [f"{n} (from '{from_states[n]}')" if n in from_states else n for n in guessed]
        parts.append(f"actors guessed, not in the glossary: {', '.join(described)}")
    return "; ".join(parts) + "."


_SUBJECT_REFERENCE = re.compile(r"\b(?i:the\s+group|the\s+organi[sz]ation)(?=\s+[a-z])")


def _about_subject(sentence: Sentence) -> bool:
    """A header fact line, or a sentence that calls the profile's subject 'the group'."""
    return sentence.header or bool(_SUBJECT_REFERENCE.search(sentence.text))


_FATALITIES = re.compile(
    r"(?:killing|killed|leaving|left)\s+(?:at\s+least\s+|around\s+|about\s+|some\s+|more\s+than\s+|over\s+)?"
    r"(?P<a>\d[\d,]*)\s+(?:people|persons|civilians|soldiers|troops|police(?:men)?|villagers|worshippers)"
    r"|(?P<b>\d[\d,]*)\s+(?:people|civilians|soldiers|troops)\s+(?:were\s+)?(?:killed|dead|died)"
    r"|(?:(?:around|about|some|at\s+least|over|more\s+than|nearly)\s+)?(?P<c>\d[\d,]*)\s+(?:fatalities|deaths|dead)"
)


def _fatalities(sentence: str) -> tuple[str, str]:
    """'killing 16 people' -> ('16', 'killing 16 people'): only when the sentence gives a number of dead."""
    m = _FATALITIES.search(sentence)
    if not m:
        return "", ""
    number = (m.group("a") or m.group("b") or m.group("c")).replace(",", "")
    return (number, m.group()) if number.isdigit() else ("", "")


_TITLE_STOPWORDS = words("a an the of in on at by to and for was were had has have its their his her from with")


def _unique_id(title: str, start: str, ids: dict[str, int]) -> str:
    words = [w for w in slug(title).split("-") if w not in _TITLE_STOPWORDS]
    year = re.match(r"\d{3,4}", start)
    base = "-".join(words[:5] + ([year.group()] if year else [])) or "event"
    ident = base
    while ident in ids:  # counted per base, so a long text with repeated titles stays linear
        ids[base] += 1
        ident = f"{base}-{ids[base]}"
    ids[ident] = 1
    return ident


def _unique(values) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))
