"""Several worker processes serving one app that was loaded once, before they fork.

A class needs more than one process (a filter of a large collection keeps one busy for a
tenth of a second), but each process that loads a collection of its own holds a copy of
it: 100,000 events took 550 MB per worker. Loaded before the fork, the collection's pages
are shared by every worker for as long as no worker writes to them (docs/serving.md).
"""

from __future__ import annotations

import gc

from flask import Flask

from timeline import i18n


def share_with_workers() -> None:
    """Make what is alive now last, untouched, for the rest of the process and in every fork of it.

    The cyclic collector writes into the header of every container object it looks at, and
    each write copies a whole page of the parent's memory into the worker that made it:
    after a few requests, every worker had copied most of the collection. Frozen objects are
    never looked at again (they live as long as the app anyway). Collecting first leaves no
    garbage of the load frozen in with them.
    """
    gc.collect()
    gc.freeze()


def warm(server: Flask) -> None:
    """Build now, once, what each worker would otherwise build for itself on its first requests.

    The first visit in each language builds the page and its plain copy, the figures' per-language
    drawing (hover texts, dates in words, list items) and Dash's own tables of callbacks and scripts.
    Built after the fork, each worker would hold its own copy; built here, they all share this one.
    Real requests through Flask's test client, so what is built is what a reader's visit builds.
    """
    client = server.test_client()
    for lang in i18n.LANGUAGES:
        headers = {"Accept-Language": lang, "Referer": "http://localhost/"}  # the layout is the referrer's page
        for path in ("/", "/_dash-layout", "/_dash-dependencies"):
            status = client.get(path, headers=headers).status_code
            if status != 200:  # a page that cannot be built should stop the start, not greet the first reader
                raise RuntimeError(f"{path} in {lang} answered {status} before the workers started")


def serve(server: Flask, host: str, port: int, workers: int) -> None:
    """Run `server` under gunicorn with `workers` sync workers forked from this process, until stopped."""
    from gunicorn.app.base import BaseApplication

    class Classroom(BaseApplication):
        def load_config(self) -> None:
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("preload_app", True)  # the app is already built: the workers inherit it

        def load(self) -> Flask:
            return server

    warm(server)
    share_with_workers()
    Classroom().run()
