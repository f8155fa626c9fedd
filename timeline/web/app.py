"""create_app(collections) -> Dash: routing, assets and page registration."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import flask
from dash import Dash, Input, Output, State, ctx, dcc, html, no_update

from timeline import i18n
from timeline.i18n import _
from timeline.load.collection import Collection
from timeline.query import urlstate
from timeline.web import guard, language, screen, upload
from timeline.web.components import ids, static_html
from timeline.web.components.message import message_page
from timeline.web.pages import explore, glossary, lesson_builder, lesson_routes, present, quiz, shared
from timeline.web.pages.registry import NoUpload, Registry, Served, UnknownCollection

ASSETS = Path(__file__).resolve().parents[2] / "assets"

# Dash's @babel/polyfill (core-js 2) replaces parseFloat, parseInt and String.prototype.trim with slow
# versions that plotly calls constantly (~0.2-0.3 s of the first draw, bench/profile/NOTES.md); of all
# it holds, Dash's renderer and dcc need only regenerator-runtime, vendored in assets/vendor/.
_POLYFILL = re.compile(r'<script src="[^"]*/deps/polyfill@[^"]*"></script>\n?')

INDEX = """<!DOCTYPE html>
<html lang="{%lang%}" dir="{%dir%}">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
        <style>{%screen_css%}</style>
        <script>{%screen_js%}</script>
        <noscript><style>
            /* Without scripts the page is its chronology: nothing that needs a script takes room. */
            .views, .filter-bar, .downloads, .upload-box, #lineage-show { display: none; }
        </style></noscript>
    </head>
    <body>
        {%app_entry%}
        <footer>
            {%config%}
            {%scripts%}
            {%renderer%}
        </footer>
    </body>
</html>"""


class TimelineDash(Dash):
    """Dash whose first response carries the requested page as plain HTML, readable before any script runs."""

    def __init__(self, *args, static_page=None, collection_title: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._static_page = static_page
        self._collection_title = collection_title  # one collection served: its title heads every tab

    def interpolate_index(self, **kwargs):
        kwargs["scripts"] = _POLYFILL.sub("", kwargs.get("scripts", ""))
        kwargs["title"] = self._page_title()
        if self._static_page is not None and flask.has_request_context():
            search = flask.request.query_string.decode("utf-8", "replace")
            try:
                static = self._static_page(flask.request.path, f"?{search}" if search else "")
            except Exception:  # the plain copy only speeds the first paint: the live page must still come
                self.logger.exception("could not render %s as plain HTML", flask.request.full_path)
                static = ""
            # Beside the mount point, not inside it: React would wipe it and flash "Loading...".
            kwargs["app_entry"] = kwargs.get("app_entry", "") + f'<div id="static-page" class="app">{static}</div>'
        lang = i18n.current()
        page = super().interpolate_index(**kwargs)
        page = page.replace("{%screen_css%}", screen.style_sheet(), 1).replace("{%screen_js%}", screen.head_script(), 1)
        return page.replace("{%lang%}", lang, 1).replace("{%dir%}", i18n.direction(lang), 1)

    def _page_title(self) -> str:
        return (
            _("%(title)s · Timeline") % {"title": self._collection_title}
            if self._collection_title
            else _("Timeline explorer")
        )


def create_app(collections: Collection | dict[str, Collection]) -> Dash:
    """The explorer for validated collections (the first is the default); nothing is read from disk after this."""
    if isinstance(collections, Collection):
        collections = {collections.id: collections}
    registry = Registry(collections)
    default = registry.get(None).collection
    app = TimelineDash(
        __name__,
        static_page=lambda path, search: _static_page(registry, path, search),
        assets_folder=str(ASSETS),
        collection_title=default.title if len(collections) == 1 else None,
        update_title=None,
        serve_locally=True,
        suppress_callback_exceptions=True,
        compress=True,  # gzip: the layout and figures of a large collection shrink several times
    )
    app.index_string = INDEX
    language.install(app.server)
    # The layout is the page the URL asks for, built (or taken from the cache) when the browser asks for it,
    # so no router round trip stands between the scripts and the first draw.
    app.layout = lambda: _shell(registry, _page_url())
    explore.register(app, registry)
    present.register(app)
    present.register_download(app, registry)
    glossary.register(app, registry)
    shared.register(app, registry)
    lesson_routes.register(app, registry)

    @app.callback(
        Output(ids.PAGE, "children"),
        Output(ids.COLLECTION, "data"),
        Input(ids.URL, "pathname"),
        Input(ids.UPLOAD, "modified_timestamp"),
        State(ids.URL, "search"),
        State(ids.COLLECTION, "data"),
        State(ids.UPLOAD, "data"),
        prevent_initial_call=True,  # the layout arrives with its page; this serves later navigation
    )
    def route(pathname, _stamp, search, shown, uploaded):
        key = urlstate.collection(search)
        # The stored file arrives a moment after the page (sessionStorage is read when the store mounts):
        # it matters to a page that asked for it and has not shown it yet, and to the explorer of a tab that
        # holds one, whose collection bar names it (the layout was built without it). Any other page stays:
        # rebuilt, /present would lose the slide a teacher has moved to.
        upload_only = ctx.triggered_prop_ids and set(ctx.triggered_prop_ids) == {f"{ids.UPLOAD}.modified_timestamp"}
        names_file = bool(uploaded and uploaded.get("name")) and pathname in ("/", "", None)
        if upload_only and shown is not None and (shown == upload.KEY or (key != upload.KEY and not names_file)):
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

    # The first visitor should not wait for the default page to be built.
    _cached_page(registry, registry.get(None), "/", "", None)
    return app


def _page_url() -> tuple[str, str, str] | None:
    """(path, query string, whole URL) of the page whose scripts ask for the layout, from the referrer."""
    referrer = flask.request.referrer if flask.has_request_context() else None
    if not referrer:
        return None
    parts = urlsplit(referrer)
    if parts.netloc != flask.request.host:
        return None
    return parts.path or "/", f"?{parts.query}" if parts.query else "", referrer.split("#", 1)[0]


def _served(registry: Registry, search: str) -> Served | None:
    """The collection a URL names, or None where the server cannot build its page (unknown, or a tab's file)."""
    try:
        return registry.get(urlstate.collection(search))
    except (NoUpload, UnknownCollection):
        return None


def _shell(registry: Registry, url: tuple[str, str, str] | None) -> html.Div:
    """The app around the page `url` names; with no URL or a page only the browser can build, the router builds it."""
    page, key, location = None, None, {}
    served = _served(registry, url[1]) if url is not None else None
    if served is not None:
        pathname, search, href = url
        page, key = _cached_page(registry, served, pathname, search, None), served.key
        # With every prop given, dcc.Location does not report the URL on mount, so the router stays idle.
        location = {"pathname": pathname, "search": search, "hash": "", "href": href}
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False, **location),
            dcc.Store(id=ids.COLLECTION, **({"data": key} if key else {})),
            # The dropped file lives in this tab's sessionStorage, never on the server (see upload.py).
            dcc.Store(id=ids.UPLOAD, storage_type="session"),
            dcc.Store(id=ids.UPLOAD_GOTO),  # where to go once a dropped file is stored
            dcc.Store(id=ids.NAV_SINK),
            html.Main(page, id=ids.PAGE, className="page"),
        ],
        className="app",
    )


def _static_page(registry: Registry, pathname: str, search: str) -> str:
    """The page at this URL as plain HTML; empty for a page only the browser can build (a dropped file)."""
    served = _served(registry, search)
    if served is None:
        key = urlstate.collection(search)
        # The router shows the unknown collection's page too; a dropped file is only in the browser, so its
        # page says it is coming: a large file takes the router a few seconds, and a blank page says nothing.
        page = _opening_upload() if key == upload.KEY else _unknown_collection(registry, key)
        return static_html.render(html.Main(page, className="page"))

    def build() -> str:
        # Built for no screen in particular: a phone's timeline takes its class's height from the style sheet.
        page = _cached_page(registry, served, pathname, search, None, phone=None)
        heights = explore.phone_heights(served, search) if pathname in ("/", "", None) else {}
        styles = {ids.TIMELINE: screen.height_variables(heights)}
        return static_html.render(html.Main(page, className="page"), static_html.link_targets(page), styles)

    return served.pages.get(("static", pathname or "/", search or "", i18n.current()), build)


_THIS_SCREEN = object()


def _cached_page(
    registry: Registry,
    served: Served,
    pathname: str | None,
    search: str | None,
    uploaded: dict | None,
    phone: int | None | object = _THIS_SCREEN,
):
    """The page, built once per URL, language and (for the explorer) phone screen class: the request's own
    (screen.current()) unless `phone` is given."""
    name = (uploaded or {}).get("name")  # the explorer's collection bar names this tab's file
    explorer = pathname in ("/", "", None)
    phone = (screen.current() if phone is _THIS_SCREEN else phone) if explorer else None
    return served.pages.get(
        (pathname or "/", search or "", name, i18n.current(), *((phone,) if phone else ())),
        lambda: _page(registry, served, pathname, search, uploaded, phone),
    )


def _page(
    registry: Registry,
    served: Served,
    pathname: str | None,
    search: str | None,
    uploaded: dict | None,
    phone: int | None = None,
):
    if pathname in ("/", "", None):
        return explore.layout(registry, served, search, uploaded, phone)
    if pathname in ("/present", "/present/"):
        return shared.placeholder("present") if shared.is_shared(search) else _present_page(served, search)
    if pathname in ("/quiz", "/quiz/"):
        if shared.is_shared(search):
            return shared.placeholder("quiz")
        return quiz.layout(served.collection, served.passages, search, served.url_key)
    if pathname in ("/lesson", "/lesson/"):
        return lesson_builder.layout(served, search)
    if pathname in ("/glossary", "/glossary/"):
        return glossary.layout(served.collection, served.url_key, search)
    return _not_found(pathname, served.url_key)


def _present_page(served: Served, search: str | None):
    return served.derive(present.PresentPage.of).layout(search)


def _collection_links(registry: Registry) -> list[html.A]:
    return [html.A(title, href=urlstate.href("/", url_key)) for url_key, title in registry.choices()]


def _not_found(pathname: str, url_key: str | None) -> html.Div:
    before, after = _("There is no page %(page)s.").split("%(page)s")
    return message_page(
        _("Page not found"),
        [before, html.Code(pathname), after],
        [html.A(_("Back to the explorer"), href=urlstate.href("/", url_key))],
    )


def _unknown_collection(registry: Registry, key: str) -> html.Div:
    before, after = _("This server has no collection %(collection)s. It has:").split("%(collection)s")
    return message_page(_("No such collection"), [before, html.Code(key), after], _collection_links(registry))


def _opening_upload() -> html.P:
    return html.P(_("Opening the file kept in this browser tab…"), className="muted opening-upload")


def _no_upload(registry: Registry) -> html.Div:
    return message_page(
        _("No file in this tab"),
        _(
            "A dropped file stays in the browser tab that received it, and this tab holds none. "
            "Open one of the collections and drop your file again:"
        ),
        _collection_links(registry),
    )
