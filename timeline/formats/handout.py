"""A printable handout: one standalone HTML file per lesson (or for every event).

The file carries its own CSS and nothing else (no script, no font, no image,
no link to fetch), so it can be mailed, opened from a USB stick, or printed
from any browser; each entry stays on one page when printed.

Its interface words are in the current language (timeline.i18n; `python -m timeline handout --lang fr`),
and <html> carries that language and its direction; the events' text stays in the language of the source.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import pandas as pd

from timeline import i18n
from timeline.formats.deck import Deck, build_deck, citation
from timeline.formats.quiz import QuizCard, date_order, overlaps, quiz_cards, scrambled
from timeline.i18n import gettext as _
from timeline.i18n import ngettext, pgettext
from timeline.i18n.dates import describe_with_basis
from timeline.i18n.words import number
from timeline.load.collection import Collection
from timeline.load.lessons import Lesson
from timeline.load.passages import Passage, quote_passages

STYLE = """
:root { color: #111; background: #fff; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
body { max-width: 46em; margin: 2em auto; padding: 0 1.2em; line-height: 1.45; }
h1 { font-size: 1.7em; margin: 0 0 0.3em; }
.intro { font-size: 1.05em; margin: 0 0 0.5em; }
.meta { color: #444; margin: 0 0 1.5em; }
.entries { list-style: none; margin: 0; padding: 0; counter-reset: entry; }
.entry { border-top: 2px solid #111; padding: 0.7em 0 0.9em; counter-increment: entry; }
.date { margin: 0; font-size: 1.15em; font-weight: 700; }
.date::before { content: counter(entry) ". "; color: #555; }
.normalised { font-weight: 400; color: #333; }
.basis-inferred, .basis-derived { border-bottom: 2px dotted currentColor; }
.how-dated, .places { margin: 0.15em 0 0; color: #444; font-size: 0.92em; }
h2 { font-size: 1.25em; margin: 0.25em 0 0.3em; }
.summary { margin: 0 0 0.5em; }
blockquote { margin: 0; padding: 0.35em 0.8em; border-inline-start: 4px solid #111; background: #f2f2f2;
  font-family: Georgia, "Times New Roman", serif; }
.citation { margin: 0.3em 0 0; color: #333; font-size: 0.92em; }
.teacher-notes { margin: 0.4em 0 0; padding: 0.3em 0.6em; border: 1px dashed #555; white-space: pre-line; }
.quiz-sheet, .answer-key { break-before: page; page-break-before: always; margin-top: 2.5em; }
.quiz-sheet h2, .answer-key h2 { font-size: 1.4em; }
.cut-cards { display: grid; grid-template-columns: 1fr 1fr; gap: 0; margin: 0; padding: 0; list-style: none; }
.cut-card { border: 2px dashed #555; padding: 0.7em 0.8em; break-inside: avoid; page-break-inside: avoid; }
.cut-card h3 { margin: 0 0 0.3em; font-size: 1.1em; }
.cut-card p { margin: 0; }
.card-letter { float: inline-end; font-weight: 700; color: #555; margin-inline-start: 0.5em; }
.key { width: 100%; border-collapse: collapse; }
.key th, .key td { text-align: start; vertical-align: top; border-bottom: 1px solid #999; padding: 0.3em 0.4em; }
.key tr { break-inside: avoid; page-break-inside: avoid; }
footer { margin-top: 2em; border-top: 1px solid #999; padding-top: 0.6em; color: #444; font-size: 0.9em; }
@page { margin: 16mm 15mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  h1 { break-after: avoid; page-break-after: avoid; }
  .entry { break-inside: avoid; page-break-inside: avoid; }
  blockquote { background: none; }
}
"""


def handout_html(
    collection: Collection, lesson_id: str | Lesson | None = None, quiz: bool = False, notes: bool = False
) -> str:
    """The handout of `lesson_id` (every event in date order when None); raises deck.UnknownLesson.
    A Lesson a teacher's browser sent may stand for the id. With `quiz`, a quiz sheet follows: the events
    as cards to cut out, then the answer key on its own page. With `notes`, the teacher's copy: each entry
    ends with the teacher's notes (as text, like every other field)."""
    deck = build_deck(collection, lesson_id)
    passages = quote_passages(collection)
    entries = "\n".join(
        _entry(collection, passages, event, deck.notes[position] if notes else "")
        for position, (_index, event) in enumerate(deck.events.iterrows())
    )
    sheet = _quiz_sheet(quiz_cards(collection, passages, deck), deck.lesson_id or "") if quiz else ""
    count = len(deck.events)
    values = {"n": number(count), "collection": collection.title}
    if deck.lesson_id:
        # Translators: under the lesson's title in the handout; %(collection)s is the collection's title.
        order = ngettext(
            "%(n)s event in the order of the lesson, from the collection “%(collection)s”.",
            "%(n)s events in the order of the lesson, from the collection “%(collection)s”.",
            count,
        )
    else:
        # Translators: under the collection's title in the handout of every event.
        order = ngettext(
            "%(n)s event in date order, from the collection “%(collection)s”.",
            "%(n)s events in date order, from the collection “%(collection)s”.",
            count,
        )
    # Translators: the title of the handout's page, in the browser's tab: 'From GSPC to JNIM · Handout'.
    title = _("%(title)s · Handout") % {"title": deck.title}
    how = _("Each date is given as the source writes it, then in plain words with how it was reached.")
    return f"""<!DOCTYPE html>
<html lang="{i18n.current()}" dir="{i18n.direction()}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>{STYLE}</style>
</head>
<body>
<header>
<h1 dir="auto">{escape(deck.title)}</h1>
{f'<p class="intro" dir="auto">{escape(deck.intro)}</p>' if deck.intro else ""}
<p class="meta">{escape(order % values)}
{escape(how)}</p>
</header>
<ol class="entries">
{entries}
</ol>
{_footer(collection, deck)}
{sheet}
</body>
</html>
"""


def write_handout(collection: Collection, out: Path, lesson_id: str | None = None, quiz: bool = False) -> Deck:
    """Write the handout to `out` (UTF-8); returns the deck it shows."""
    deck = build_deck(collection, lesson_id)
    out.write_text(handout_html(collection, lesson_id, quiz), encoding="utf-8")
    return deck


def _entry(collection: Collection, passages: dict[str, Passage], event: pd.Series, notes: str = "") -> str:
    basis = event["date_basis"]
    normalised = describe_with_basis(event["start"], event["end"], basis)
    lines = [
        f'<li class="entry" id="{escape(event["id"])}">',
        f'<p class="date"><bdi>{escape(event["date_text"])}</bdi> · '
        f'<span class="normalised basis-{escape(basis)}">{escape(normalised)}</span></p>',
    ]
    if event["date_note"]:
        # Translators: in the handout, how the editors dated an event; %(note)s is their note, in English.
        how = escape(_("How dated: %(note)s")) % {"note": f"<bdi>{escape(event['date_note'])}</bdi>"}
        lines.append(f'<p class="how-dated">{how}</p>')
    lines += [
        f'<h2 dir="auto">{escape(event["title"])}{_translated_mark(event)}</h2>',
        f'<p class="summary" dir="auto">{escape(event["summary"])}</p>',
        f'<blockquote dir="auto">“{escape(event["quote"])}”</blockquote>',
        f'<p class="citation" dir="auto">— {escape(str(citation(collection, passages, event)))}</p>',
    ]
    if event["places"]:
        names = "; ".join(
            # Translators: a place the editors added to an event: 'Gao (added by the editors, not named in the source)'.
            _("%(place)s (added by the editors, not named in the source)") % {"place": place["name"]}
            if place["added"]
            else place["name"]
            for place in event["places"]
        )
        # Translators: in the handout, the places of an event: 'Places: Gao; Kidal'.
        places = _("Places: %(places)s") % {"places": names}
        lines.append(f'<p class="places">{escape(places)}</p>')
    if notes:
        # Translators: before the teacher's notes of a slide.
        label = _("Notes:")
        lines.append(f'<p class="teacher-notes"><b>{escape(label)}</b> <span dir="auto">{escape(notes)}</span></p>')
    lines.append("</li>")
    return "\n".join(lines)


def _footer(collection: Collection, deck: Deck) -> str:
    used = dict.fromkeys(deck.events["source"])
    sources = "; ".join(
        f"<cite>{escape(source.title)}</cite> ({escape(source.kind)}){': ' + escape(source.note) if source.note else ''}"
        for source_id, source in collection.sources.items()
        if source_id in used
    )
    # Translators: the handout's footer: the source(s) its events quote, with their titles and notes (in English).
    line = escape(_("Source: %(sources)s")) % {"sources": f"<bdi>{sources}</bdi>"}
    return f"<footer><p>{line}</p></footer>"


def card_letter(index: int) -> str:
    """A, B, ... Z, AA, AB, ...: the label of the index-th card on the sheet."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _quiz_sheet(cards: list[QuizCard], salt: str) -> str:
    """Cards to cut out (title and summary, no date; lettered, in an order that says nothing of the dates),
    then the answer key on a separate page: one possible order, and which cards may swap places."""
    on_sheet = scrambled(cards, salt)
    letter = {card.id: card_letter(index) for index, card in enumerate(on_sheet)}
    items = "\n".join(
        f'<li class="cut-card" data-event="{escape(card.id)}"><span class="card-letter">{letter[card.id]}</span>'
        f'<h3 dir="auto">{escape(card.title)}</h3><p dir="auto">{escape(card.summary)}</p></li>'
        for card in on_sheet
    )
    by_id = {card.id: card for card in cards}
    rows = []
    for position, event_id in enumerate(date_order({card.id: card.interval for card in cards}), start=1):
        card = by_id[event_id]
        either = [
            letter[other.id] for other in cards if other.id != card.id and overlaps(card.interval, other.interval)
        ]
        note = ", ".join(sorted(either, key=lambda x: (len(x), x)))
        rows.append(
            f"<tr><td>{position}</td><td><b>{letter[card.id]}</b></td><td>{escape(card.title)}</td>"
            f"<td><bdi>{escape(card.date_text)}</bdi><br><small>{escape(card.normalised)}</small></td>"
            f"<td>{note}</td></tr>"
        )
    headings = (
        # Translators: the answer key's first column: each event's position in the order ('1', '2'...).
        pgettext("answer key column: position in the order", "#"),
        # Translators: the answer key's column of the cards' letters (A, B, C...).
        _("Card"),
        # Translators: the answer key's column of the events' titles.
        _("Event"),
        # Translators: the answer key's column of each event's date as the source writes it.
        _("Date as written"),
        # Translators: the answer key's last column: the letters of the cards that may swap places with this one.
        _("May swap with"),
    )
    head = "".join(f"<th>{escape(heading)}</th>" for heading in headings)
    # (Messages are taken out of the f-string below: extraction does not look inside one.)
    sheet_title = _("Quiz: put the cards in order")
    # Translators: the instructions of the handout's quiz sheet, whose cards are printed with dashed borders.
    sheet_how = _("Cut along the dashed lines, shuffle, and lay the cards out from the earliest to the latest.")
    key_title = _("Answer key")
    key_note = " ".join(
        (
            _("One possible order."),
            _(
                "Where the source gives only a year or a range, cards whose dates overlap may come in either order, "
                "and both count as right: the last column names them."
            ),
        )
    )
    return f"""<section class="quiz-sheet">
<h2>{escape(sheet_title)}</h2>
<p>{escape(sheet_how)}</p>
<ol class="cut-cards">
{items}
</ol>
</section>
<section class="answer-key">
<h2>{escape(key_title)}</h2>
<p>{escape(key_note)}</p>
<table class="key">
<thead><tr>{head}</tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
</section>"""


def _translated_mark(event) -> str:
    """After a title the collection translated: the quote below it is still the source's own words."""
    if not event.get("translated", False):
        return ""
    return f' <small class="translated">({escape(_("translated"))})</small>'
