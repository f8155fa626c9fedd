"""The organisations, people and relations of a collection in words: the pieces of /glossary, and the
explanation under a lineage chart wherever one is drawn (the glossary and the explorer)."""

from __future__ import annotations

import re

import pandas as pd
from dash import html

from timeline.i18n import gettext as _
from timeline.i18n import ngettext
from timeline.i18n.dates import with_basis
from timeline.i18n.words import number
from timeline.load import sourcetext
from timeline.load.collection import Collection
from timeline.load.lineage_dates import words
from timeline.load.vocabulary import RELATION_TYPES, role_title
from timeline.query import search, urlstate
from timeline.web.components import ids

_ARABIC = re.compile(r"[\u0600-\u06FF]")


def explorer_link(
    collection: Collection, name: str, hay: pd.Series | None = None, url_key: str | None = None
) -> html.A:
    """A link to the explorer searching `name`; search finds its other names too.

    `hay` is search.haystack(collection.events), computed once for a page of many links.
    """
    found = len(search.apply(collection.events, search.Filters(text=name), collection.aliases, hay=hay))
    href = "/" + urlstate.build(search.Filters(text=name), None, url_key)
    text = ngettext(
        "Events of %(name)s in the explorer (%(n)s event) →",
        "Events of %(name)s in the explorer (%(n)s events) →",
        found,
    ) % {"name": name, "n": number(found)}
    return html.A(text, href=href, className="explore-link")


def other_names(collection: Collection, names: list[str]) -> list:
    """Other names, each marked when the source itself writes it so."""
    texts = [sourcetext.fold(source.text) for source in collection.sources.values()]
    parts: list = []
    for name in names:
        if parts:
            parts.append(", ")
        arabic = {"lang": "ar", "dir": "rtl"} if _ARABIC.search(name) else {}
        parts.append(html.Span(name, className="alias", **arabic))
        # Whole words only: 'AQIM' is in "AQIM’s", but 'Al Qaeda' must not match inside a longer name.
        written = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
        if any(written.search(text) for text in texts):
            parts.append(html.Span(" " + _("(in the source)"), className="muted"))
    return parts


def fact(label: str, value) -> html.Div:
    return html.Div([html.Dt(label), html.Dd(value)], className="fact")


def cited_quote(collection: Collection, source_id: str, quote: str) -> list:
    source = collection.sources.get(source_id)
    cited = f"{source.title} ({source.kind})" if source and source.kind else (source.title if source else source_id)
    return [
        html.Blockquote(quote, className="quote", dir="auto"),
        html.P(f"— {cited}", className="citation", dir="auto"),
    ]


def dated(edtf: str, basis: str, text: str, note: str) -> list:
    parts: list = [
        html.Span(with_basis(words(edtf), basis), className=f"basis basis-{basis}"),
        " (“",
        html.Bdi(text),
        "”)",
    ]
    if note:
        parts.append(html.Span(f" {note}", className="muted"))
    return parts


def org_name(collection: Collection, org_id: str) -> html.A:
    orgs = collection.organisations
    name = orgs.loc[orgs["id"] == org_id, "short_name"]
    return html.A(name.iloc[0] if len(name) else org_id, href=f"#{ids.org_anchor(org_id)}")


def person_name(collection: Collection, person_id: str) -> html.A:
    people = collection.people
    name = people.loc[people["id"] == person_id, "name"]
    return html.A(name.iloc[0] if len(name) else person_id, href=f"#{ids.person_anchor(person_id)}")


def relation_line(collection: Collection, rel) -> list:
    parts = [
        org_name(collection, rel.from_org),
        f" {RELATION_TYPES[rel.type].phrase} ",
        org_name(collection, rel.to_org),
    ]
    if rel.to_person:
        parts += [" (", person_name(collection, rel.to_person), ")"]
    return [*parts, ", " + with_basis(words(rel.date), rel.date_basis)]


def role_line(collection: Collection, role, person_side: bool) -> list:
    who = org_name(collection, role.organisation) if person_side else person_name(collection, role.person)
    title = role_title(role.title, role.role)
    if role.role == "founder":
        when = words(role.start)
    else:
        when = f"{words(role.start) or _('start not given')} – {words(role.end) or _('no end given')}"
    dated_when = with_basis(when, role.date_basis)
    if person_side:
        # The organisation is a link: the sentence is cut where it goes.
        sentence = _(
            # Translators: "emir of AQIM, stated: 2004 – June 2020"; %(title)s is the role as the source gives it.
            # Keep %(organisation)s exactly once: the organisation's name is a link put there.
            "%(title)s of %(organisation)s, %(when)s"
        )
        before, _org, after = (sentence % {"title": title, "when": dated_when, "organisation": "\0"}).partition("\0")
        return [before, who, after]
    return [who, f", {title}, {dated_when}"]


def item_detail(collection: Collection, item: tuple[str, str] | None, url_key: str | None = None) -> list:
    """What the chart's clicked lane, connector or tenure rests on: a line in our words and the quote."""
    if item is None:
        return [html.P(_("Nothing selected yet."), className="empty-note")]
    kind, ident = item
    frame = {"organisation": collection.organisations, "relation": collection.relations, "role": collection.roles}
    rows = frame[kind][frame[kind]["id"] == ident]
    if rows.empty:
        return [html.P(_("Nothing selected yet."), className="empty-note")]
    row = next(rows.itertuples())
    if kind == "organisation":
        head: list = [html.A(row.short_name, href=f"#{ids.org_anchor(row.id)}"), f": {row.description}"]
        extra = [html.P(explorer_link(collection, row.short_name, url_key=url_key))]
    elif kind == "relation":
        head = relation_line(collection, row) + ([f". {row.summary}"] if row.summary else [])
        extra = [html.P(row.date_note, className="muted")] if row.date_note else []
    else:
        head = [person_name(collection, row.person), ": ", *role_line(collection, row, True)]
        extra = [html.P(row.date_note, className="muted")] if row.date_note else []
    return [html.P(head, className="detail-head"), *cited_quote(collection, row.source, row.quote), *extra]
