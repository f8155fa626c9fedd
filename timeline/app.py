"""create_app(collection) -> Dash: routing, assets and page registration."""

from __future__ import annotations

from pathlib import Path

from dash import Dash, Input, Output, State, dcc, html

from .collection import Collection
from .components import ids
from .pages import explore, glossary, present
from .passages import quote_passages

ASSETS = Path(__file__).resolve().parent.parent / "assets"


def create_app(collection: Collection) -> Dash:
    """The explorer for one validated collection; nothing is read from disk after this."""
    app = Dash(
        __name__,
        assets_folder=str(ASSETS),
        title=f"{collection.title} · Timeline",
        update_title=None,
        serve_locally=True,
        suppress_callback_exceptions=True,
        compress=True,  # gzip: the layout and figures of a large collection shrink several times
    )
    passages = quote_passages(collection)
    explore_data = explore.ExploreData.build(collection, passages)
    app.layout = html.Div(
        [dcc.Location(id=ids.URL, refresh=False), html.Main(id=ids.PAGE, className="page")],
        className="app",
    )
    explore.register(app, explore_data)
    present_page = present.register(app, collection, passages)
    glossary.register(app, collection)

    @app.callback(Output(ids.PAGE, "children"), Input(ids.URL, "pathname"), State(ids.URL, "search"))
    def route(pathname, search):
        if pathname in ("/", "", None):
            return explore.layout(explore_data, search)
        if pathname in ("/present", "/present/"):
            return present_page.layout(search)
        if pathname in ("/glossary", "/glossary/"):
            return glossary.layout(collection)
        return html.Div(
            [
                html.H1("Page not found"),
                html.P(["There is no page ", html.Code(pathname), ". "]),
                html.A("Back to the explorer", href="/"),
            ],
            className="not-found",
        )

    return app
