"""Serve the explorer in-process, optionally with experiments patched in, and time every request.

    python bench/profile/serve_variant.py --port 8123 [--variant base] [--root DIR] [--check]

Nothing under timeline/ or assets/ is edited: each variant patches objects in memory before
create_app() runs (or edits the built app). Variants combine with commas, e.g. `nomap,data=DIR`.
The experiments of issue 12 that became the app's own code (the page in `_dash-layout`, Stores
without data, no @babel/polyfill, the lineage drawn on demand, the map at 110 m, no range slider)
are gone from this list; NOTES.md keeps what they measured.

  base          the app as committed, on the bundled collection
  data=DIR      serve DIR (a collection folder or a folder of them) instead of the bundled collection
  nomap         the explorer's #map graph replaced by an empty Div (the page without the map)
  notimeline    the #timeline graph replaced by an empty Div
  noeras        the collection's eras (kind=era) left out: no era bands on the timeline
  nolineage     the collection's organisations, relations, people and roles left out
  notranslations the translated columns (title_fr, ...) emptied: every language shows the source's words
  nosource      the source reader's text left out of the page (an empty reader)
  fullplotly    assets/vendor/ ignored: dcc.Graph loads Dash's own full plotly.min.js (4.8 MB) lazily
  eager         Dash(eager_loading=True): async chunks (graph, dropdown, plotly) as plain <script> tags
  nocompress    Dash(compress=False)
  nodashtable   dash_table's bundle.js left out of the page (the app has no DataTable)
  plotlyfirst   issue 24's experiment: the plain copy in the first response carries each graph's figure
                (data-figure, data-config) and an inline script right after plotly-geo.min.js draws them
                with Plotly.newPlot before Dash's scripts run; the plain copy stays until the live
                page's map has its country shapes. Dash draws both graphs again when it takes over

--check builds the variant, asks it for the page, its layout and its callbacks through Flask's test client,
prints each status and exits (1 if one is not 200) instead of serving: tests/test_bench_tools.py runs every
variant so, so that a change to the app cannot leave an experiment silently broken.

The WSGI app is wrapped so every request's server time (first byte of the request to the end
of the body) and size are kept; GET /__timings returns them as JSON and clears the list.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
VARIANTS = {
    "nomap", "notimeline", "noeras", "nolineage", "notranslations", "nosource",
    "fullplotly", "eager", "nocompress", "nodashtable", "plotlyfirst",
}  # fmt: skip

PLOTLY_TAG = r'<script src="[^"]*/vendor/plotly-geo[^"]*"></script>'
DRAW_FIRST = """<script>(function () {
  var P = window.Plotly; if (!P) { return; }
  document.querySelectorAll('#static-page [data-figure]').forEach(function (el) {
    var figure = JSON.parse(el.getAttribute('data-figure'));
    var config = JSON.parse(el.getAttribute('data-config') || '{}');
    el.textContent = ''; el.style.background = 'none'; el.style.display = 'block';
    P.newPlot(el, figure.data, figure.layout, config);
  });
})();</script>"""
KEEP_COPY = """<style>
#react-entry-point:not(:has(#map .choroplethlocation)):has(.explore) {
  position: absolute; top: 0; left: 0; right: 0; visibility: hidden; }
#react-entry-point:not(:has(#map .choroplethlocation)):has(.explore) ~ #static-page { display: block !important; }
</style>"""


def _replace_by_id(tree, target: str, make) -> bool:
    """Replace the component with id `target` in a Dash tree by make(old); True if found."""
    kids = getattr(tree, "children", None)
    if isinstance(kids, (list, tuple)):
        kids = list(kids)
        for i, kid in enumerate(kids):
            if getattr(kid, "id", None) == target:
                kids[i] = make(kid)
                tree.children = kids
                return True
            if _replace_by_id(kid, target, make):
                return True
    elif kids is not None and hasattr(kids, "to_plotly_json"):
        if getattr(kids, "id", None) == target:
            tree.children = make(kids)
            return True
        return _replace_by_id(kids, target, make)
    return False


class Timings:
    """WSGI middleware: each request's server time (wall and thread CPU), size and Dash output."""

    def __init__(self, app):
        self.app = app
        self.rows: list[dict] = []
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == "/__timings":
            with self.lock:
                body = json.dumps(self.rows).encode()
                self.rows = []
            start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
            return [body]
        t0, c0, wall0 = time.perf_counter(), time.thread_time(), time.time()
        output, changed = "", []
        if path.endswith("_dash-update-component"):
            raw = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
            environ["wsgi.input"] = io.BytesIO(raw)
            try:
                request = json.loads(raw)
                output, changed = request.get("output", ""), request.get("changedPropIds", [])
            except ValueError:
                output = "?"
        info = {"changed": changed} if output else {}

        def respond(status, headers, exc_info=None):
            info["status"] = status.split()[0]
            info["encoding"] = next((v for k, v in headers if k.lower() == "content-encoding"), "identity")
            return start_response(status, headers, exc_info)

        return self._stream(self.app(environ, respond), t0, c0, wall0, path, output, info)

    def _stream(self, body, t0, c0, wall0, path, output, info):
        size = 0
        try:
            for chunk in body:
                size += len(chunk)
                yield chunk
        finally:
            if hasattr(body, "close"):
                body.close()
            with self.lock:
                self.rows.append(
                    {
                        "path": path,
                        "output": output,
                        "ms": (time.perf_counter() - t0) * 1000,
                        "cpu_ms": (time.thread_time() - c0) * 1000,
                        "wall": wall0,
                        "bytes": size,
                        **info,
                    }
                )


def _collections(variants: set[str], data: Path | None) -> dict:
    from timeline.load.collection import BUNDLED
    from timeline.load.library import load_library
    from timeline.load.lineage import empty
    from timeline.load.translations import COLUMNS

    collections = load_library(data or BUNDLED)
    for key, collection in collections.items():
        changes: dict = {}
        events = collection.events
        if "noeras" in variants:
            events = events[events["kind"] != "era"].reset_index(drop=True)
        if "notranslations" in variants:
            events = events.assign(**{column: "" for column in COLUMNS})
        if events is not collection.events:
            changes["events"] = events
        if "nolineage" in variants:
            changes.update({name: empty(name) for name in ("organisations", "relations", "people", "roles")})
        collections[key] = dataclasses.replace(collection, **changes)
    return collections


def build(variants: set[str], root: Path, data: Path | None = None):
    sys.path.insert(0, str(root.resolve()))
    from dash import html

    import timeline.web.app as web_app
    from timeline.web.components import ids
    from timeline.web.pages import explore

    extra: dict = {}
    if "fullplotly" in variants:
        extra["assets_ignore"] = r"plotly-geo\.min\.js"
    if "eager" in variants:
        extra["eager_loading"] = True
    if "nocompress" in variants:
        extra["compress"] = False
    if extra:
        real_init = web_app.TimelineDash.__init__

        def patched_init(self, *args, **kwargs):
            real_init(self, *args, **{**kwargs, **extra})

        web_app.TimelineDash.__init__ = patched_init
    if "nodashtable" in variants:
        import dash.dash as dash_module

        dash_module.dash_table._js_dist = []
    real_layout = explore.layout

    def layout(*args, **kwargs):
        tree = real_layout(*args, **kwargs)
        for graph_id, flag in ((ids.MAP, "nomap"), (ids.TIMELINE, "notimeline")):
            if flag in variants:
                assert _replace_by_id(tree, graph_id, lambda old, gid=graph_id: html.Div(id=gid)), graph_id
        if "nosource" in variants:
            assert _replace_by_id(tree, ids.SOURCE_READER, lambda old: html.Div(id=old.id, className="reader"))
        return tree

    explore.layout = layout
    if "plotlyfirst" in variants:
        _draw_first(web_app)
    app = web_app.create_app(_collections(variants, data))
    app.server.wsgi_app = Timings(app.server.wsgi_app)
    return app


def _draw_first(web_app) -> None:
    """The plotlyfirst variant: figures in the plain copy, drawn by plotly as soon as it is evaluated."""
    import re

    from dash._utils import to_json

    from timeline.web.components import static_html

    real_graph = static_html._graph

    def graph(component):
        html_text = real_graph(component)
        figure = to_json(getattr(component, "figure", None) or {})
        config = to_json(getattr(component, "config", None) or {})
        data = static_html.attribute("data-figure", figure) + static_html.attribute("data-config", config)
        return html_text.replace(">", data + ">", 1)

    static_html._graph = graph
    web_app.INDEX = web_app.INDEX.replace("{%css%}", "{%css%}\n" + KEEP_COPY, 1)
    real_interpolate = web_app.TimelineDash.interpolate_index

    def interpolate_index(self, **kwargs):
        scripts = kwargs.get("scripts", "")
        kwargs["scripts"] = re.sub(PLOTLY_TAG, lambda match: match.group(0) + DRAW_FIRST, scripts, count=1)
        return real_interpolate(self, **kwargs)

    web_app.TimelineDash.interpolate_index = interpolate_index


def parse_variant(text: str) -> tuple[set[str], Path | None]:
    """'nomap,data=DIR' -> ({'nomap'}, DIR); SystemExit naming an unknown variant."""
    variants, data = set(), None
    for part in (p.strip() for p in text.split(",")):
        if part.startswith("data="):
            data = Path(part[len("data=") :]).resolve()
        elif part and part != "base":
            if part not in VARIANTS:
                raise SystemExit(f"unknown variant '{part}'; known: base, data=DIR, {', '.join(sorted(VARIANTS))}")
            variants.add(part)
    return variants, data


CHECKED = ("/", "/_dash-layout", "/_dash-dependencies")


def check(app) -> list[tuple[str, int]]:
    """(path, status) of the first response, the layout and the callbacks, as a browser's first visit asks."""
    client = app.server.test_client()
    return [(path, client.get(path, headers={"Referer": "http://localhost/"}).status_code) for path in CHECKED]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8123)
    parser.add_argument("--variant", default="base")
    parser.add_argument("--root", type=Path, default=HERE.parent.parent)
    parser.add_argument("--check", action="store_true", help="build, request the first visit's URLs, exit")
    args = parser.parse_args(argv)
    variants, data = parse_variant(args.variant)
    app = build(variants, args.root, data)
    if args.check:
        statuses = check(app)
        print(f"variant {args.variant}: " + ", ".join(f"{path} {status}" for path, status in statuses), flush=True)
        return 0 if all(status == 200 for _, status in statuses) else 1
    print(f"serving variant {args.variant} on http://127.0.0.1:{args.port}/", flush=True)
    app.run(host="127.0.0.1", port=args.port, debug=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
