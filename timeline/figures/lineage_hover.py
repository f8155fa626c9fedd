"""The words of the lineage chart: its key and the hover text of each lane, connector and tenure.

Kept apart from the drawing (lineage.py): these are the chart's sentences, in the reader's language; the
organisations' names, titles and quotes in them are the collection's own.
"""

from __future__ import annotations

import html
import textwrap

import pandas as pd

from timeline.i18n import gettext as _
from timeline.i18n.dates import basis_word
from timeline.load.lineage_dates import words
from timeline.load.vocabulary import RELATION_TYPES, role_title

TENURE_COLOUR = "#a4457f"  # the leadership colour, darkened as in the CSS badges so thin bars stay visible


def key_text() -> str:
    """The chart's key, in the reader's language."""
    first = _(
        "<b>━</b> lane: an organisation's life   ┈ dotted: date given only as a span   "
        "<b>?</b> founding or start not given   ▸ no end given"
    )
    second = _("<b>│</b> renamed / split / merged   ╎ dashed arc: allegiance   %(bar)s leader's tenure   ★ founder") % {
        "bar": f"<span style='color:{TENURE_COLOUR}'>▬</span>"
    }
    return f"{first}<br>{second}"


def _wrap(text: str, width: int = 70) -> str:
    return "<br>".join(html.escape(line, quote=False) for line in textwrap.wrap(text, width))


def _quote(text: str) -> str:
    return f"<i>“{_wrap(text)}”</i>"


def _dated(label: str, edtf: str, basis: str, text: str) -> str:
    # Translators: in a hover: "Founded: 2007 (stated: “in 2007”)"; the last part is the source's own words.
    return _("%(label)s: %(date)s (%(basis)s: “%(text)s”)") % {
        "label": label,
        "date": html.escape(words(edtf)),
        "basis": basis_word(basis),
        "text": html.escape(text),
    }


def org_hover(org) -> str:
    lines = [f"<b>{html.escape(org.short_name)}</b>"]
    if org.name != org.short_name:
        lines[0] += f" · {html.escape(org.name)}"
    if org.founded:
        lines.append(_dated(_("Founded"), org.founded, org.founded_basis, org.founded_text))
    else:
        lines.append(_("Founded: not given in the source (the lane starts at its first dated relation)"))
    if org.ended:
        lines.append(_dated(_("Ended"), org.ended, org.ended_basis, org.ended_text))
    else:
        lines.append(_("End: no end given in the source"))
    lines.append(_wrap(org.description))
    return "<br>".join(lines)


def relation_hover(rel, orgs: pd.DataFrame) -> str:
    phrase = RELATION_TYPES[rel.type].phrase
    head = f"<b>{html.escape(orgs.at[rel.from_org, 'short_name'])} {phrase} {html.escape(orgs.at[rel.to_org, 'short_name'])}</b>"
    lines = [head, _dated(_("Date"), rel.date, rel.date_basis, rel.date_text)]
    if rel.summary:
        lines.append(_wrap(rel.summary))
    lines.append(_quote(rel.quote))
    return "<br>".join(lines)


def role_hover(role, orgs: pd.DataFrame, names: dict[str, tuple[str, str]]) -> str:
    person = names.get(role.person, (role.person, role.person))[0]
    title = role_title(role.title, role.role)
    org = orgs.at[role.organisation, "short_name"]
    start = words(role.start) if role.start else _("start not given")
    end = words(role.end) if role.end else ("" if role.role == "founder" else _("no end given"))
    span = start if role.role == "founder" else f"{start} – {end}"
    # Translators: a leader's tenure: "<b>Droukdel</b>, emir of AQIM"; the title and names are the source's.
    who = _("%(person)s, %(title)s of %(organisation)s") % {
        "person": f"<b>{html.escape(person)}</b>",
        "title": html.escape(title),
        "organisation": html.escape(org),
    }
    lines = [who, f"{span} ({basis_word(role.date_basis)})"]
    if role.date_note:
        lines.append(_wrap(role.date_note))
    lines.append(_quote(role.quote))
    return "<br>".join(lines)
