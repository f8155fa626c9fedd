"""create_app(collections) -> Dash: routing, assets and page registration."""

from __future__ import annotations

from pathlib import Path

from dash import Dash, Input, Output, State, ctx, dcc, html, no_update

from . import guard, upload, urlstate
from .collection import Collection
from .components import ids
from .pages import explore, glossary, present
from .pages.registry import NoUpload, Registry, Served, UnknownCollection

ASSETS = Path(__file__).resolve().parent.parent / "assets"


def create_app(collections: Collection | dict[str, Collection]) -> Dash:
    """The explorer for validated collections (the first is the default); nothing is read from disk after this."""
    if isinstance(collections, Collection):
        collections = {collections.id: collections}
    registry = Registry(collections)
    default = registry.get(None).collection
    app = Dash(
        __name__,
        assets_folder=str(ASSETS),
        title=f"{default.title} · Timeline" if len(collections) == 1 else "Timeline explorer",
        update_title=None,
        serve_locally=True,
        suppress_callback_exceptions=True,
        compress=True,  # gzip: the layout and figures of a large collection shrink several times
    )
    app.layout = html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.COLLECTION),
            # The dropped file lives in this tab's sessionStorage, never on the server (see upload.py).
            dcc.Store(id=ids.UPLOAD, storage_type="session"),
            dcc.Store(id=ids.UPLOAD_GOTO),  # where to go once a dropped file is stored
            dcc.Store(id=ids.NAV_SINK),
            html.Main(id=ids.PAGE, className="page"),
        ],
        className="app",
    )
    explore.register(app, registry)
    present.register(app)
    glossary.register(app, registry)

    @app.callback(
        Output(ids.PAGE, "children"),
        Output(ids.COLLECTION, "data"),
        Input(ids.URL, "pathname"),
        Input(ids.UPLOAD, "modified_timestamp"),
        State(ids.URL, "search"),
        State(ids.COLLECTION, "data"),
        State(ids.UPLOAD, "data"),
    )
    def route(pathname, _stamp, search, shown, uploaded):
        key = urlstate.collection(search)
        # The stored file arrives a moment after the page (sessionStorage is read when the store mounts):
        # it matters only to a page that asked for it and has not shown it yet.
        upload_only = ctx.triggered_prop_ids and set(ctx.triggered_prop_ids) == {f"{ids.UPLOAD}.modified_timestamp"}
        if upload_only and shown is not None and (key != upload.KEY or shown == upload.KEY):
            return no_update, no_update
        try:
            served = registry.get(key, uploaded)
        except NoUpload:
            return _no_upload(registry), None
        except UnknownCollection:
            return _unknown_collection(registry, key), None
        return _cached_page(registry, served, pathname, search, uploaded), served.key

    # Every callback request is checked before it runs: a malformed one gets a 4xx, never a 500.
    guard.install(app)
    # Screen readers need the page's language (axe: html-has-lang). A no-op on an index page that sets it already.
    app.index_string = app.index_string.replace("<html>", '<html lang="en">', 1)

    # The first visitor should not wait for the default page to be built.
    _cached_page(registry, registry.get(None), "/", "", None)
    return app


def _cached_page(registry: Registry, served: Served, pathname: str | None, search: str | None, uploaded: dict | None):
    name = (uploaded or {}).get("name")  # the explorer's collection bar names this tab's file
    return served.pages.get(
        (pathname or "/", search or "", name), lambda: _page(registry, served, pathname, search, uploaded)
    )


def _page(registry: Registry, served: Served, pathname: str | None, search: str | None, uploaded: dict | None):
    if pathname in ("/", "", None):
        return explore.layout(registry, served, search, uploaded)
    if pathname in ("/present", "/present/"):
        return served.present.layout(search)
    if pathname in ("/glossary", "/glossary/"):
        return glossary.layout(served.collection, served.url_key)
    return _not_found(pathname, served.url_key)


def _message(title: str, text: list, links: list[html.A]) -> html.Div:
    return html.Div([html.H1(title), html.P(text), html.Ul([html.Li(link) for link in links])], className="not-found")


def _collection_links(registry: Registry) -> list[html.A]:
    return [html.A(title, href=urlstate.href("/", url_key)) for url_key, title in registry.choices()]


def _not_found(pathname: str, url_key: str | None) -> html.Div:
    return _message(
        "Page not found",
        ["There is no page ", html.Code(pathname), "."],
        [html.A("Back to the explorer", href=urlstate.href("/", url_key))],
    )


def _unknown_collection(registry: Registry, key: str) -> html.Div:
    return _message(
        "No such collection",
        ["This server has no collection ", html.Code(key), ". It has:"],
        _collection_links(registry),
    )


def _no_upload(registry: Registry) -> html.Div:
    return _message(
        "No file in this tab",
        "A dropped file stays in the browser tab that received it, and this tab holds none. "
        "Open one of the collections and drop your file again:",
        _collection_links(registry),
    )
