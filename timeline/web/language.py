"""Which language each request is served in: `?lang=` in the URL, else the browser's Accept-Language.

A page load names it in its own URL; Dash's later requests (the layout, callbacks) are fetched by that
page, so they carry it in their referrer. Either way the whole request, callbacks included, runs in it.
"""

from __future__ import annotations

import contextlib
from urllib.parse import parse_qs, urlsplit

import flask

from timeline import i18n


def _url_choice() -> str | None:
    request = flask.request
    value = request.args.get("lang")
    if value is None and request.referrer:
        parts = urlsplit(request.referrer)
        if parts.netloc == request.host:
            value = parse_qs(parts.query).get("lang", [None])[0]
    return i18n.chosen(value)


def install(server: flask.Flask) -> None:
    """Every request runs in its reader's language, reset when it ends (a worker thread serves many readers)."""

    @server.before_request
    def _enter() -> None:
        chosen = _url_choice()
        lang = chosen or i18n.negotiate(None, flask.request.headers.get("Accept-Language"))
        # Entered here and closed at teardown: a request's language spans Flask's two hooks.
        language = contextlib.ExitStack()
        language.enter_context(i18n.use(lang, in_url=chosen is not None))
        flask.g.timeline_language = language

    @server.teardown_request
    def _leave(_error: BaseException | None) -> None:
        language = flask.g.pop("timeline_language", None)
        if language is not None:
            language.close()
