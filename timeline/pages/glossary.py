"""The glossary (/glossary): who is who, under every name, and the sentences that say so.

The lineage chart on top shows how the organisations descend from each other;
clicking a lane, a connector or a tenure shows its source sentence under the
chart. Below, one entry per organisation and per person: other names (marked
where the source itself uses them), dates, roles, a line in our own words, the
quote it rests on, and a link to the explorer filtered to that name's events.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd
from dash import Dash, Input, Output, dcc, html, no_update

from .. import search, sourcetext, urlstate
from ..collection import Collection
from ..components import ids
from ..figures.lineage import clicked_item, lineage_figure
from ..figures.theme import GRAPH_CONFIG
from ..lineage import RELATION_TYPES, words
from .state import PAGE_STATE

if TYPE_CHECKING:
    from .registry import Registry

_ARABIC = re.compile(r"[\u0600-\u06FF]")


def layout(collection: Collection, url_key: str | None = None) -> html.Div:
    header = html.Header(
        [
            html.Div(
                [
                    html.H1("Organisations and people"),
                    html.P(
                        f"Who is who in {collection.title}: every name they go by, how the groups "
                        "descend from each other, and the sentences of the source that say so.",
                        className="lede",
                    ),
                ]
            ),
            html.Nav(
                html.A("← Back to the explorer", href=urlstate.href("/", url_key), className="nav-link"),
                className="top-nav",
            ),
        ],
        className="page-header",
    )
    if collection.organisations.empty and collection.people.empty:
        note = "This collection has no organisations.csv or people.csv, so there is nothing to list yet."
        return html.Div([header, html.P(note, className="empty-note")], className="glossary")
    hay = search.haystack(collection.events)
    return html.Div(
        [
            header,
            html.Section(
                [
                    html.H2("Lineage"),
                    dcc.Graph(
                        id=ids.GLOSSARY_LINEAGE,
                        figure=_figure(collection, None),
                        config=GRAPH_CONFIG,
                        className="lineage-graph",
                    ),
                    html.P(
                        "Click a lane, a connector or a leader's bar to read the sentence it rests on.",
                        className="key",
                    ),
                    html.Div(item_detail(collection, None, url_key), id=ids.LINEAGE_DETAIL, **{"aria-live": "polite"}),
                ],
                className="panel",
                **{"aria-label": "Lineage chart"},
            ),
            html.Section(
                [
                    html.H2("Organisations"),
                    *[_organisation(collection, org, hay, url_key) for org in collection.organisations.itertuples()],
                ],
                className="panel",
                id="organisations",
            ),
            html.Section(
                [
                    html.H2("People"),
                    *[_person(collection, person, hay, url_key) for person in collection.people.itertuples()],
                ],
                className="panel",
                id="people",
            ),
        ],
        className="glossary",
    )


def register(app: Dash, registry: Registry) -> None:
    """A click on the chart selects what was clicked: outlined in the chart, its source shown below."""

    @app.callback(
        Output(ids.LINEAGE_DETAIL, "children"),
        Output(ids.GLOSSARY_LINEAGE, "figure"),
        Input(ids.GLOSSARY_LINEAGE, "clickData"),
        *PAGE_STATE,
        prevent_initial_call=True,
    )
    def select(click, key, uploaded):
        item = clicked_item(click)
        if item is None:
            return no_update, no_update
        served = registry.get(key, uploaded)
        return item_detail(served.collection, item, served.url_key), _figure(served.collection, item[1])


def _figure(collection: Collection, selected: str | None):
    return lineage_figure(
        collection.organisations, collection.relations, collection.roles, selected=selected, people=collection.people
    )


# --- the pieces --------------------------------------------------------------------------------------


def explorer_link(
    collection: Collection, name: str, hay: pd.Series | None = None, url_key: str | None = None
) -> html.A:
    """A link to the explorer searching `name`; search finds its other names too.

    `hay` is search.haystack(collection.events), computed once for a page of many links.
    """
    found = len(search.apply(collection.events, search.Filters(text=name), collection.aliases, hay=hay))
    count = f"{found} event{'s' if found != 1 else ''}"
    href = "/" + urlstate.build(search.Filters(text=name), None, url_key)
    return html.A(f"Events of {name} in the explorer ({count}) →", href=href, className="explore-link")


def _names(collection: Collection, names: list[str]) -> list:
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
            parts.append(html.Span(" (in the source)", className="muted"))
    return parts


def _fact(label: str, value) -> html.Div:
    return html.Div([html.Dt(label), html.Dd(value)], className="fact")


def _quote(collection: Collection, source_id: str, quote: str) -> list:
    source = collection.sources.get(source_id)
    cited = f"{source.title} ({source.kind})" if source and source.kind else (source.title if source else source_id)
    return [html.Blockquote(quote, className="quote"), html.P(f"— {cited}", className="citation")]


def _date(edtf: str, basis: str, text: str, note: str) -> list:
    parts: list = [html.Span(f"{basis}: {words(edtf)}", className=f"basis basis-{basis}"), f" (“{text}”)"]
    if note:
        parts.append(html.Span(f" {note}", className="muted"))
    return parts


def _org_name(collection: Collection, org_id: str) -> html.A:
    orgs = collection.organisations
    name = orgs.loc[orgs["id"] == org_id, "short_name"]
    return html.A(name.iloc[0] if len(name) else org_id, href=f"#{ids.org_anchor(org_id)}")


def _person_name(collection: Collection, person_id: str) -> html.A:
    people = collection.people
    name = people.loc[people["id"] == person_id, "name"]
    return html.A(name.iloc[0] if len(name) else person_id, href=f"#{ids.person_anchor(person_id)}")


def _relation_line(collection: Collection, rel) -> list:
    parts = [
        _org_name(collection, rel.from_org),
        f" {RELATION_TYPES[rel.type].phrase} ",
        _org_name(collection, rel.to_org),
    ]
    if rel.to_person:
        parts += [" (", _person_name(collection, rel.to_person), ")"]
    return [*parts, f", {rel.date_basis}: {words(rel.date)}"]


def _role_line(collection: Collection, role, person_side: bool) -> list:
    who = _org_name(collection, role.organisation) if person_side else _person_name(collection, role.person)
    title = role.title or role.role
    if role.role == "founder":
        when = words(role.start)
    else:
        when = f"{words(role.start) or 'start not given'} – {words(role.end) or 'no end given'}"
    if person_side:
        return [f"{title} of ", who, f", {role.date_basis}: {when}"]
    return [who, f", {title}, {role.date_basis}: {when}"]


def _organisation(collection: Collection, org, hay: pd.Series, url_key: str | None) -> html.Article:
    facts = []
    if org.founded:
        facts.append(_fact("Founded", _date(org.founded, org.founded_basis, org.founded_text, org.founded_note)))
    else:
        facts.append(_fact("Founded", ["not given in the source. ", html.Span(org.founded_note, className="muted")]))
    if org.ended:
        facts.append(_fact("Ended", _date(org.ended, org.ended_basis, org.ended_text, org.ended_note)))
    else:
        facts.append(_fact("Ended", "no end given in the source"))
    roles = collection.roles[collection.roles["organisation"] == org.id]
    if not roles.empty:
        facts.append(_fact("People", html.Ul([html.Li(_role_line(collection, r, False)) for r in roles.itertuples()])))
    rels = collection.relations
    mine = rels[(rels["from_org"] == org.id) | (rels["to_org"] == org.id)]
    if not mine.empty:
        facts.append(_fact("Lineage", html.Ul([html.Li(_relation_line(collection, rel)) for rel in mine.itertuples()])))
    heading = [org.short_name]
    if org.name != org.short_name:
        heading.append(html.Span(f" · {org.name}", className="muted"))
    others = [name for name in (org.name, *org.aliases) if name != org.short_name]
    return html.Article(
        [
            html.H3(heading),
            html.P(["Also: ", *_names(collection, others)], className="aliases") if others else None,
            html.Dl(facts, className="facts"),
            html.P(org.description, className="summary"),
            *_quote(collection, org.source, org.quote),
            html.P(explorer_link(collection, org.short_name, hay, url_key)),
        ],
        id=ids.org_anchor(org.id),
        className="glossary-entry anchor",
    )


def _person(collection: Collection, person, hay: pd.Series, url_key: str | None) -> html.Article:
    roles = collection.roles[collection.roles["person"] == person.id]
    facts = [
        _fact(
            "Roles",
            html.Ul(
                [
                    html.Li([*_role_line(collection, r, True), html.Span(f" {r.date_note}", className="muted")])
                    for r in roles.itertuples()
                ]
            ),
        )
    ]
    others = [name for name in (person.short_name, *person.aliases) if name != person.name]
    return html.Article(
        [
            html.H3(person.name),
            html.P(["Also: ", *_names(collection, others)], className="aliases") if others else None,
            html.Dl(facts if not roles.empty else [], className="facts"),
            html.P(person.description, className="summary"),
            *_quote(collection, person.source, person.quote),
            html.P(explorer_link(collection, person.short_name, hay, url_key)),
        ],
        id=ids.person_anchor(person.id),
        className="glossary-entry anchor",
    )


def item_detail(collection: Collection, item: tuple[str, str] | None, url_key: str | None = None) -> list:
    """What the chart's clicked lane, connector or tenure rests on: a line in our words and the quote."""
    if item is None:
        return [html.P("Nothing selected yet.", className="empty-note")]
    kind, ident = item
    frame = {"organisation": collection.organisations, "relation": collection.relations, "role": collection.roles}
    rows = frame[kind][frame[kind]["id"] == ident]
    if rows.empty:
        return [html.P("Nothing selected yet.", className="empty-note")]
    row = next(rows.itertuples())
    if kind == "organisation":
        head: list = [html.A(row.short_name, href=f"#{ids.org_anchor(row.id)}"), f": {row.description}"]
        extra = [html.P(explorer_link(collection, row.short_name, url_key=url_key))]
    elif kind == "relation":
        head = _relation_line(collection, row) + ([f". {row.summary}"] if row.summary else [])
        extra = [html.P(row.date_note, className="muted")] if row.date_note else []
    else:
        head = [_person_name(collection, row.person), ": ", *_role_line(collection, row, True)]
        extra = [html.P(row.date_note, className="muted")] if row.date_note else []
    return [html.P(head, className="detail-head"), *_quote(collection, row.source, row.quote), *extra]
