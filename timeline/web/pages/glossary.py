"""The glossary (/glossary): who is who, under every name, and the sentences that say so.

The lineage chart on top shows how the organisations descend from each other;
clicking a lane, a connector or a tenure shows its source sentence under the
chart. Below, one entry per organisation and per person: other names (marked
where the source itself uses them), dates, roles, a line in our own words, the
quote it rests on, and a link to the explorer filtered to that name's events.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from dash import Dash, Input, Output, dcc, html, no_update

from timeline.figures.lineage import clicked_item, lineage_figure
from timeline.figures.theme import GRAPH_CONFIG
from timeline.i18n import gettext as _
from timeline.load.collection import Collection
from timeline.query import search, urlstate
from timeline.web.components import ids
from timeline.web.components.graph_box import sideways_box
from timeline.web.components.language_switch import language_switch
from timeline.web.components.lineage_text import (
    cited_quote,
    dated,
    explorer_link,
    fact,
    item_detail,
    other_names,
    relation_line,
    role_line,
)
from timeline.web.pages.state import PAGE_STATE

if TYPE_CHECKING:
    from timeline.web.pages.registry import Registry


def layout(collection: Collection, url_key: str | None = None, search_string: str | None = None) -> html.Div:
    header = html.Header(
        [
            html.Div(
                [
                    html.H1(_("Organisations and people")),
                    html.P(
                        _(
                            "Who is who in %(collection)s: every name they go by, how the groups descend from each "
                            "other, and the sentences of the source that say so."
                        )
                        % {"collection": collection.title},
                        className="lede",
                    ),
                ]
            ),
            html.Nav(
                [
                    html.A(_("← Back to the explorer"), href=urlstate.href("/", url_key), className="nav-link"),
                    language_switch("/glossary", search_string),
                ],
                className="top-nav",
            ),
        ],
        className="page-header",
    )
    if collection.organisations.empty and collection.people.empty:
        note = _("This collection has no organisations.csv or people.csv, so there is nothing to list yet.")
        return html.Div([header, html.P(note, className="empty-note")], className="glossary")
    hay = search.haystack(collection.events)
    figure = _figure(collection, None)
    return html.Div(
        [
            header,
            html.Section(
                [
                    html.H2(_("Lineage")),
                    sideways_box(
                        dcc.Graph(
                            id=ids.GLOSSARY_LINEAGE, figure=figure, config=GRAPH_CONFIG, className="lineage-graph"
                        ),
                        figure,
                    ),
                    html.P(
                        _("Click a lane, a connector or a leader's bar to read the sentence it rests on."),
                        className="key",
                    ),
                    html.Div(item_detail(collection, None, url_key), id=ids.LINEAGE_DETAIL, **{"aria-live": "polite"}),
                ],
                className="panel",
                **{"aria-label": _("Lineage chart")},
            ),
            html.Section(
                [
                    html.H2(_("Organisations")),
                    *[_organisation(collection, org, hay, url_key) for org in collection.organisations.itertuples()],
                ],
                className="panel",
                id="organisations",
            ),
            html.Section(
                [
                    html.H2(_("People")),
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
def _organisation(collection: Collection, org, hay: pd.Series, url_key: str | None) -> html.Article:
    facts = []
    if org.founded:
        facts.append(fact(_("Founded"), dated(org.founded, org.founded_basis, org.founded_text, org.founded_note)))
    else:
        facts.append(
            fact(
                _("Founded"),
                [_("not given in the source.") + " ", html.Span(org.founded_note, className="muted")],
            )
        )
    if org.ended:
        facts.append(fact(_("Ended"), dated(org.ended, org.ended_basis, org.ended_text, org.ended_note)))
    else:
        facts.append(fact(_("Ended"), _("no end given in the source")))
    roles = collection.roles[collection.roles["organisation"] == org.id]
    if not roles.empty:
        facts.append(fact(_("People"), html.Ul([html.Li(role_line(collection, r, False)) for r in roles.itertuples()])))
    rels = collection.relations
    mine = rels[(rels["from_org"] == org.id) | (rels["to_org"] == org.id)]
    if not mine.empty:
        facts.append(
            fact(_("Lineage"), html.Ul([html.Li(relation_line(collection, rel)) for rel in mine.itertuples()]))
        )
    heading = [org.short_name]
    if org.name != org.short_name:
        heading.append(html.Span(f" · {org.name}", className="muted"))
    others = [name for name in (org.name, *org.aliases) if name != org.short_name]
    return html.Article(
        [
            html.H3(heading),
            html.P([_("Also:") + " ", *other_names(collection, others)], className="aliases") if others else None,
            html.Dl(facts, className="facts"),
            html.P(org.description, className="summary", dir="auto"),
            *cited_quote(collection, org.source, org.quote),
            html.P(explorer_link(collection, org.short_name, hay, url_key)),
        ],
        id=ids.org_anchor(org.id),
        className="glossary-entry anchor",
    )


def _person(collection: Collection, person, hay: pd.Series, url_key: str | None) -> html.Article:
    roles = collection.roles[collection.roles["person"] == person.id]
    facts = [
        fact(
            _("Roles"),
            html.Ul(
                [
                    html.Li([*role_line(collection, r, True), html.Span(f" {r.date_note}", className="muted")])
                    for r in roles.itertuples()
                ]
            ),
        )
    ]
    others = [name for name in (person.short_name, *person.aliases) if name != person.name]
    return html.Article(
        [
            html.H3(person.name),
            html.P([_("Also:") + " ", *other_names(collection, others)], className="aliases") if others else None,
            html.Dl(facts if not roles.empty else [], className="facts"),
            html.P(person.description, className="summary", dir="auto"),
            *cited_quote(collection, person.source, person.quote),
            html.P(explorer_link(collection, person.short_name, hay, url_key)),
        ],
        id=ids.person_anchor(person.id),
        className="glossary-entry anchor",
    )
