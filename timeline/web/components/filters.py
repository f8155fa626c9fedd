"""The filter bar: search, category, country, actor, years, clear-all and the count.

On a phone the filters other than search fold behind one button that says how many are set (assets/style.css
shows them side by side on a wider screen, where the button is hidden; assets/touch.js opens and closes them).
"""

from __future__ import annotations

from dash import dcc, html

from timeline.i18n import gettext as _
from timeline.i18n import lazy_pgettext, ngettext
from timeline.i18n.words import number
from timeline.load.collection import Collection
from timeline.load.schema import CATEGORIES
from timeline.load.vocabulary import category
from timeline.query import search
from timeline.web.components import ids


def country_names(collection: Collection) -> dict[str, str]:
    places = collection.places
    countries = places[places["kind"] == "country"]
    return dict(zip(countries["country"], countries["name"], strict=True))


def filter_bar(collection: Collection, filters: search.Filters, count: str = "") -> html.Div:
    offered = search.options(collection.events)
    names = country_names(collection)
    years = collection.events
    low, high = int(years["earliest"].dt.year.min()), int(years["latest"].dt.year.max())
    return html.Div(
        [
            html.Div(
                [
                    html.Label(
                        [_("Search") + " ", html.Kbd("/", className="kbd")],
                        htmlFor=ids.SEARCH,
                        className="control-label",
                    ),
                    dcc.Input(
                        id=ids.SEARCH,
                        type="search",
                        value=filters.text,
                        placeholder=_("e.g. %(examples)s") % {"examples": "Radisson, JNIM, Mali"},
                        debounce=0.3,
                        className="search-input",
                    ),
                ],
                className="control control-search",
            ),
            html.Button(
                toggle_label(filters),
                id=ids.FILTERS_TOGGLE,
                type="button",
                className="button filters-toggle",
                **{"aria-expanded": "false", "aria-controls": ids.FILTERS_MORE},
            ),
            # A box only on a phone, where it folds; elsewhere its controls sit in the bar's grid (display: contents).
            html.Div(
                [
                    _dropdown(
                        ids.CATEGORY,
                        _("Category"),
                        [{"label": category(k), "value": k} for k in CATEGORIES],
                        filters.categories,
                    ),
                    _dropdown(
                        ids.COUNTRY,
                        _("Country"),
                        [{"label": names.get(c, c), "value": c} for c in offered["countries"]],
                        filters.countries,
                    ),
                    _dropdown(
                        ids.ACTOR, _("Actor"), [{"label": a, "value": a} for a in offered["actors"]], filters.actors
                    ),
                    _year(ids.YEAR_FROM, _("From year"), filters.year_from, low, high, low),
                    _year(ids.YEAR_TO, _("To year"), filters.year_to, low, high, high),
                ],
                id=ids.FILTERS_MORE,
                className="filter-more",
            ),
            html.Div(
                [
                    html.Button(_("Clear all"), id=ids.CLEAR, className="button", n_clicks=0),
                    html.Span(count, id=ids.COUNT, className="count", role="status", **{"aria-live": "polite"}),
                ],
                className="control control-count",
            ),
        ],
        className="filter-bar",
    )


def folded_count(filters: search.Filters) -> int:
    """How many choices the folded filters hold: each category, country and actor chosen, and each year set."""
    years = (filters.year_from, filters.year_to)
    return len(filters.categories) + len(filters.countries) + len(filters.actors) + sum(y is not None for y in years)


def toggle_label(filters: search.Filters) -> str:
    """The phone's "Filters" button: it says how many choices are set behind it."""
    count = folded_count(filters)
    if not count:
        # Translators: the button that shows the filters on a phone, when none is set.
        return _("Filters")
    # Translators: the button that shows the filters on a phone: 'Filters · 2 set' (a category and a country chosen).
    return ngettext("Filters · %(n)s set", "Filters · %(n)s set", count) % {"n": number(count)}


def _year(component_id: str, label: str, value: int | None, low: int, high: int, hint: int) -> html.Div:
    return html.Div(
        [
            html.Label(label, htmlFor=component_id, className="control-label"),
            dcc.Input(
                id=component_id,
                type="number",
                min=low,
                max=high,
                value=value,
                placeholder=str(hint),
                debounce=True,
                className="year-input",
            ),
        ],
        className="control control-year",
    )


# What an empty dropdown says: one message each, since French and Arabic agree it with the noun.
EMPTY = {
    ids.CATEGORY: lazy_pgettext("categories", "All"),
    ids.COUNTRY: lazy_pgettext("countries", "All"),
    ids.ACTOR: lazy_pgettext("actors", "All"),
}


def _dropdown(component_id: str, label: str, options: list[dict], value: tuple[str, ...]) -> html.Div:
    return html.Div(
        [
            html.Label(label, htmlFor=component_id, className="control-label"),
            dcc.Dropdown(
                id=component_id, options=options, value=list(value), multi=True, placeholder=str(EMPTY[component_id])
            ),
        ],
        className="control control-dropdown",
    )
