"""The explorer page's layout: header, filters, timeline and map side by side, list, detail and source."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dash import dcc, get_asset_url, html

from timeline.figures.theme import GRAPH_CONFIG
from timeline.i18n import gettext as _
from timeline.load.collection import Collection
from timeline.query import urlstate
from timeline.web.components import ids
from timeline.web.components.collection_bar import collection_bar
from timeline.web.components.detail import detail_panel
from timeline.web.components.downloads import event_downloads, figure_downloads
from timeline.web.components.filters import filter_bar
from timeline.web.components.language_switch import language_switch
from timeline.web.components.source_reader import source_reader
from timeline.web.pages.explore_data import ExploreData
from timeline.web.pages.explore_play import play_section
from timeline.web.pages.explore_view import compute_view, lineage_view

if TYPE_CHECKING:
    from timeline.web.pages.registry import Registry, Served


def layout(registry: Registry, served: Served, search_string: str | None, uploaded: dict | None = None) -> html.Div:
    data, url_key = served.derive(ExploreData.of), served.url_key
    collection, passages = data.collection, data.passages
    filters, selected = urlstate.parse(search_string)
    if selected is not None and collection.event(selected) is None:
        selected = None
    view = compute_view(data, filters, None, selected, url_key)
    return html.Div(
        [
            html.Header(
                [
                    html.Div(
                        [
                            html.H1(collection.title),
                            html.P(_lede(collection), className="lede"),
                        ]
                    ),
                    html.Div(
                        [
                            html.Nav(
                                [
                                    html.A(
                                        _("Present"),
                                        href=urlstate.href("/present", url_key),
                                        className="nav-link",
                                        title=_("Step through events as slides"),
                                    ),
                                    *(
                                        []
                                        if collection.organisations.empty
                                        else [
                                            html.A(
                                                _("Glossary"),
                                                href=urlstate.href("/glossary", url_key),
                                                className="nav-link",
                                                title=_("Organisations and people"),
                                            )
                                        ]
                                    ),
                                    html.A(_("Source text"), href="#source", className="nav-link"),
                                    language_switch("/", search_string),
                                ],
                                className="top-nav",
                                **{"aria-label": _("Pages")},
                            ),
                            collection_bar(registry.choices(), served, uploaded),
                        ],
                        className="header-side",
                    ),
                ],
                className="page-header",
            ),
            filter_bar(collection, filters, view.count),
            html.Div(
                [
                    html.Section(
                        [
                            dcc.Graph(
                                id=ids.TIMELINE,
                                figure=view.timeline,
                                config=GRAPH_CONFIG,
                                className="timeline-graph",
                                style=view.graph_style,
                            ),
                            play_section(data, filters, search_string),
                            html.P(
                                [
                                    html.Span("● ", className="key-dot"),
                                    _("month or day") + "  ",
                                    html.Span("▬ ", className="key-bar"),
                                    _("year, decade or span") + "  ",
                                    *(
                                        [html.Span("▸ ", className="key-bar"), _("still going") + "  "]
                                        if collection.events["open_end"].any()
                                        else []
                                    ),
                                    html.Span("┅ ○ ", className="key-inferred"),
                                    _("inferred date") + "  ",
                                    html.Span("▇ ", className="key-era"),
                                    _("era · drag to zoom, double-click to reset"),
                                ],
                                className="key",
                            ),
                            figure_downloads(ids.TIMELINE, "timeline"),
                        ],
                        className="panel timeline-panel",
                        **{"aria-label": _("Timeline")},
                    ),
                    html.Section(
                        [
                            dcc.Graph(
                                id=ids.MAP,
                                figure=view.map,
                                config={**GRAPH_CONFIG, "topojsonURL": get_asset_url("topojson/")},
                                className="map-graph",
                                style=view.graph_style,
                            ),
                            html.P(
                                _(
                                    "● city  ◍ region  ○ country  ◆ place added by the editors  "
                                    "❷ several events: click to list them"
                                ),
                                className="key",
                            ),
                            figure_downloads(ids.MAP, "map"),
                        ],
                        className="panel map-panel",
                        **{"aria-label": _("Map")},
                    ),
                ],
                className="views",
            ),
            html.Div(
                [
                    html.Section(
                        [
                            html.H2(_("Events")),
                            html.Div(view.listing, id=ids.EVENT_LIST, className="event-list"),
                            event_downloads(),
                        ],
                        className="panel list-panel",
                        **{"aria-label": _("Event list")},
                    ),
                    html.Section(
                        detail_panel(collection, passages, selected),
                        id=ids.DETAIL,
                        className="panel detail-panel",
                        **{"aria-label": _("Event detail"), "aria-live": "polite"},
                    ),
                ],
                className="grid",
            ),
            *_lineage_section(collection),
            html.Section(
                [
                    html.H2(_("Source text")),
                    html.P(
                        _(
                            "Highlighted passages became events; click one to select its event. "
                            "Everything not highlighted was left out of the timeline."
                        ),
                        className="muted",
                    ),
                    html.Div(source_reader(collection, passages, selected), id=ids.SOURCE_READER, className="reader"),
                ],
                id="source",
                className="panel source-panel",
            ),
            # A Store given data=None sets it again when it mounts, and Dash takes that for a change:
            # five callbacks ran on every page load and redrew all three graphs (bench/profile/NOTES.md).
            dcc.Store(id=ids.SELECTED, **({"data": selected} if selected else {})),
            dcc.Store(id=ids.WINDOW),
            # The view's query string. update_views writes it here, inside the page, not to the URL:
            # a callback with an output outside a page the router inserted runs when the page arrives.
            dcc.Store(id=ids.QUERY),
        ],
        className="explore",
    )


def _lede(collection: Collection) -> list:
    if collection.kind == "imported":
        return [
            collection.description,
            " ",
            html.Strong(_("No independent source:") + " ", className="no-source"),
            _("each event quotes the imported timeline's own text."),
        ]
    titles = ", ".join(source.title for source in collection.sources.values())
    return [collection.description, " ", _("Every event quotes its source:") + " ", html.Em(titles), "."]


def _lineage_section(collection: Collection) -> list:
    if collection.organisations.empty:
        return []  # the lineage callbacks wait for components that never come: Dash leaves them idle
    return [
        html.Section(
            [
                html.H2(_("Organisations and leaders")),
                html.P(
                    _("How the groups were renamed, split and merged, and who led them, on the timeline's time axis."),
                    className="muted",
                ),
                # Drawn on demand: the chart is most of the page's data and a third of its drawing time,
                # and it sits below the first screen (issue 12).
                html.Button(_("Show the chart"), id=ids.LINEAGE_SHOW, n_clicks=0, className="button"),
                html.Div(id=ids.LINEAGE_BOX),
                html.Div(id=ids.EXPLORE_LINEAGE_DETAIL, className="lineage-detail", **{"aria-live": "polite"}),
            ],
            className="panel lineage-panel",
            **{"aria-label": _("Organisations and leaders")},
        )
    ]


def lineage_chart(collection: Collection, window: list[str] | None) -> list:
    """The explorer's lineage chart, its key and its downloads, as shown when asked for."""
    return [
        dcc.Graph(id=ids.LINEAGE, figure=lineage_view(collection, window, None), config=GRAPH_CONFIG),
        html.P(
            _(
                "Solid connectors: renamed, split, merged. Dashed: allegiance. Thin bars: leaders. "
                "Click an organisation to see its events; click a connector or a leader for the source sentence."
            ),
            className="key",
        ),
        figure_downloads(ids.LINEAGE, "lineage"),
    ]
