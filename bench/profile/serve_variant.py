"""Serve the explorer in-process, optionally with experimental monkeypatches, and time every request.

    python bench/profile/serve_variant.py --port 8123 [--variant base] [--root DIR]

Written against the app of commit 54ffd22 (see NOTES.md); `direct` needs that structure, the other
variants only patch explore.layout's output, figure functions and Dash's resources.

Nothing under timeline/ or assets/ is edited: each variant patches objects in memory before
create_app() runs (or edits the built app). Variants combine with commas, e.g. `cache,direct`.

  base        the app as committed
  nomap       the explorer's #map graph replaced by an empty Div (the page without the map)
  nolineage   the #lineage graph replaced by an empty Div
  notimeline  the #timeline graph replaced by an empty Div
  geo110      the map at resolution 110 (africa_110m.json, 37 KB) instead of 50 (africa_50m.json, 147 KB)
  cache       explore.layout() memoised per search string (the router answers from memory)
  direct      the explorer's layout served inside app.layout (in /_dash-layout); the router callback
              gets prevent_initial_call so the first load needs no _dash-update-component round trip
  fullplotly  assets/vendor/ ignored: dcc.Graph loads Dash's own full plotly.min.js (4.8 MB) lazily
  eager       Dash(eager_loading=True): async chunks (graph, dropdown, plotly) as plain <script> tags
  nocompress  Dash(compress=False)
  nodashtable dash_table's bundle.js left out of the page (the app has no DataTable)
  storefix    the explorer's dcc.Store(id="selected", data=None) and dcc.Store(id="time-window", data=None)
              built without `data` (dcc.Store with data=null sets data=undefined on mount, which fires
              update_views, update_lineage, show_detail and, through the re-rendered list and reader,
              select twice, despite prevent_initial_call); #event-count gets the initial count text
  lazylineage the #lineage graph starts empty; its figure sits in a dcc.Store and an async clientside
              callback hands it over once the map has drawn, so the lineage's draw is off the first-draw path
  regenonly   @babel/polyfill replaced by the only part of it Dash needs: its regenerator-runtime module
              (dcc and the renderer use the global `regeneratorRuntime`; without it dcc throws and the page
              loops), cut out of Dash's own polyfill file and inlined before the scripts (7 KB)
  nativetrim  String.prototype.trim, parseFloat, parseInt (and Number.parseFloat/parseInt) saved in <head>
              before @babel/polyfill loads and put back right after it: core-js 2 replaces all of them
              with slow regex-based versions because U+180E is no longer whitespace (Unicode 6.3)
  norangeslider  the timeline without its range slider (which draws every trace a second time)
  nopolyfill  Dash's @babel/polyfill 7.12.1 (core-js 2) left out of the page: it evaluates for ~100 ms
              and replaces String.prototype.trim with a slow regex version that plotly calls a lot
  prewarm     an inline script after `new DashRenderer()` draws a throw-away date-axis scatter and a
              geo map (same topojson) in an off-screen div as soon as the main thread is free, so
              plotly's one-off first-plot costs and the topojson fetch happen while the router
              callback is on the server
  deferplotly the vendored plotly bundle taken out of the blocking <script> list at the end of
              <body> and put in <head> as <script defer>: it downloads from the start and runs after
              the inline `new DashRenderer()`, i.e. while _dash-layout etc. are in flight

The WSGI app is wrapped so every request's server time (first byte of the request to the end
of the body) and size are kept; GET /__timings returns them as JSON and clears the list.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


PREWARM = """
(function () {
  function warm() {
    if (!window.Plotly) { return setTimeout(warm, 20); }
    var box = document.createElement('div');
    box.style.cssText = 'position:absolute;left:-10000px;top:0;width:800px;height:300px';
    document.body.appendChild(box);
    var a = document.createElement('div'), b = document.createElement('div');
    box.appendChild(a); box.appendChild(b);
    var cfg = {staticPlot: false, topojsonURL: '%(topo)s'};
    Plotly.newPlot(a, [{type: 'scatter', mode: 'markers+lines', x: ['2001-01-01', '2020-06-01'], y: [0, 1],
                        customdata: [['a'], ['b']], hovertemplate: '%%{customdata[0]}<extra></extra>'}],
      {xaxis: {type: 'date', rangeslider: {visible: true}}, shapes: [{type: 'rect', xref: 'x', yref: 'paper',
       x0: '2005-01-01', x1: '2006-01-01', y0: 0, y1: 1}], annotations: [{x: '2005-01-01', y: 1, yref: 'paper',
       text: 'warm', showarrow: false}]}, cfg)
      .then(function () {
        return Plotly.newPlot(b, [{type: 'choropleth', locations: ['MLI'], z: [1], locationmode: 'ISO-3',
                                   showscale: false}, {type: 'scattergeo', lat: [15], lon: [0], mode: 'markers'}],
          {geo: {scope: 'africa', resolution: %(res)s, projection: {type: 'mercator'}}}, cfg);
      })
      .then(function () { Plotly.purge(a); Plotly.purge(b); box.remove(); });
  }
  setTimeout(warm, 0);
})();
"""


LAZY_LINEAGE = """
function (figure) {
  return new Promise(function (resolve) {
    function drawn() {
      return !document.querySelector('#map') || document.querySelector('#map .choroplethlocation, #map .scattergeo');
    }
    (function wait() {
      if (drawn()) { requestAnimationFrame(function () { setTimeout(function () { resolve(figure); }, 0); }); }
      else { setTimeout(wait, 30); }
    })();
  });
}
"""


def regenerator_runtime() -> str:
    """regenerator-runtime (MIT), cut out of the @babel/polyfill 7.12.1 bundle that Dash ships."""
    import re

    import dash

    text = (Path(dash.__file__).parent / "deps" / "polyfill@7.12.1.min.js").read_text()
    end = text.find("},{}],306:[function")
    start = list(re.finditer(r"\],(\d+):\[function\(t,n,r\)\{", text[:end]))[-1].end()
    body = text[start:end]
    assert "regeneratorRuntime=e" in body
    return "(function(){var n={exports:{}};(function(t,n,r){" + body + "})(null,n,n.exports);})();"


def _find_by_id(tree, target: str):
    if getattr(tree, "id", None) == target:
        return tree
    kids = getattr(tree, "children", None)
    for kid in kids if isinstance(kids, (list, tuple)) else [kids]:
        if hasattr(kid, "to_plotly_json"):
            found = _find_by_id(kid, target)
            if found is not None:
                return found
    return None


def _replace_by_id(tree, target: str, make):
    """Replace the component with id `target` in a Dash tree by make(old); returns True if found."""
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
        t0 = time.perf_counter()
        c0 = time.thread_time()
        wall0 = time.time()
        output = ""
        if path.endswith("_dash-update-component"):
            raw = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
            environ["wsgi.input"] = io.BytesIO(raw)
            try:
                req = json.loads(raw)
                output = req.get("output", "")
                changed = req.get("changedPropIds", [])
            except ValueError:
                output, changed = "?", []
        info = {"changed": changed} if output else {}

        def sr(status, headers, exc_info=None):
            info["status"] = status.split()[0]
            info["encoding"] = next((v for k, v in headers if k.lower() == "content-encoding"), "identity")
            return start_response(status, headers, exc_info)

        return self._stream(self.app(environ, sr), t0, c0, wall0, path, output, info)

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


def build(variants: set[str], root: Path):
    sys.path.insert(0, str(root.resolve()))
    from dash import dcc, html

    import timeline.web.app as tapp
    from timeline.figures import map as fmap
    from timeline.load.collection import BUNDLED, load_collection
    from timeline.web.pages import explore

    extra: dict = {}
    if "fullplotly" in variants:
        extra["assets_ignore"] = r"plotly-geo\.min\.js"
    if "deferplotly" in variants:
        extra["assets_ignore"] = r"plotly-geo\.min\.js"
    if "eager" in variants:
        extra["eager_loading"] = True
    if "nocompress" in variants:
        extra["compress"] = False
    if extra:
        real = tapp.Dash

        def patched(*args, **kwargs):
            kwargs.update(extra)
            return real(*args, **kwargs)

        tapp.Dash = patched
    if "nodashtable" in variants:
        import dash.dash as dd

        dd.dash_table._js_dist = []
    if "nopolyfill" in variants or "regenonly" in variants:
        import dash._dash_renderer as dr

        for dep in dr._js_dist_dependencies:
            for key in ("external_url", "relative_package_path"):
                for mode, paths in dep[key].items():
                    dep[key][mode] = [p for p in paths if "polyfill" not in p]
    if "geo110" in variants:
        real_geo = fmap._geo

        def geo(focus):
            g = real_geo(focus)
            g["resolution"] = 110
            return g

        fmap._geo = geo
    if "norangeslider" in variants:
        real_tf = explore.timeline_figure

        def timeline_figure(*args, **kwargs):
            fig = real_tf(*args, **kwargs)
            fig.update_layout(xaxis_rangeslider_visible=False)
            return fig

        explore.timeline_figure = timeline_figure
    real_layout = explore.layout

    def layout(*args, **kwargs):  # any signature: 54ffd22 has (data, search), later trees more arguments
        tree = real_layout(*args, **kwargs)
        if "storefix" in variants:
            for store_id in ("selected", "time-window"):
                _replace_by_id(
                    tree,
                    store_id,
                    lambda old: dcc.Store(
                        id=old.id, **({"data": old.data} if getattr(old, "data", None) is not None else {})
                    ),
                )
            count = _find_by_id(tree, "initial-count")
            _replace_by_id(
                tree,
                "event-count",
                lambda old: html.Span(
                    count.children, id=old.id, className=old.className, role="status", **{"aria-live": "polite"}
                ),
            )
        if "lazylineage" in variants:

            def lazy(old):
                return html.Div(
                    [
                        dcc.Graph(
                            id=old.id,
                            config=old.config,
                            figure={
                                "data": [],
                                "layout": {
                                    "height": old.figure.layout.height,
                                    "xaxis": {"visible": False},
                                    "yaxis": {"visible": False},
                                },
                            },
                        ),
                        dcc.Store(id="lineage-figure", data=old.figure),
                    ]
                )

            assert _replace_by_id(tree, "lineage", lazy)
        for graph_id, flag in (("map", "nomap"), ("lineage", "nolineage"), ("timeline", "notimeline")):
            if flag in variants:
                assert _replace_by_id(tree, graph_id, lambda old, gid=graph_id: html.Div(id=gid)), graph_id
        return tree

    if "cache" in variants:
        uncached, memo = layout, {}

        def layout(*args, **kwargs):
            key = tuple(a or "" if isinstance(a, (str, type(None))) else id(a) for a in (*args, *kwargs.values()))
            if key not in memo:
                memo[key] = uncached(*args, **kwargs)
            return memo[key]

    explore.layout = layout

    collection = load_collection(BUNDLED)
    app = tapp.create_app(collection)

    if "lazylineage" in variants:
        from dash import Input, Output

        app.clientside_callback(
            LAZY_LINEAGE,
            Output("lineage", "figure", allow_duplicate=True),
            Input("lineage-figure", "data"),
            prevent_initial_call="initial_duplicate",
        )
    if "direct" in variants:
        # The data create_app built is inside the router's closure; rebuild it the same way.
        if not hasattr(explore, "ExploreData"):
            raise SystemExit("variant 'direct' is written for the app of commit 54ffd22 (explore.ExploreData)")
        from timeline.load.passages import quote_passages

        data = explore.ExploreData.build(collection, quote_passages(collection))
        app.layout = html.Div(
            [
                dcc.Location(id="url", refresh=False, pathname="/", search=""),
                html.Main(explore.layout(data, ""), id="page", className="page"),
            ],
            className="app",
        )
        for cb in app._callback_list:
            if cb["output"] == "page.children":
                cb["prevent_initial_call"] = True
    if "deferplotly" in variants:
        vendor = app.get_asset_url("vendor/plotly-geo.min.js")
        app.index_string = app.index_string.replace(
            "{%metas%}", '{%metas%}\n<script defer src="' + vendor + '"></script>'
        )
    if "regenonly" in variants:
        app.index_string = app.index_string.replace(
            "{%scripts%}", "<script>" + regenerator_runtime() + "</script>\n{%scripts%}"
        )
    if "nativetrim" in variants:
        app.index_string = app.index_string.replace(
            "{%metas%}", "{%metas%}\n<script>window.__natives = [String.prototype.trim, parseFloat, parseInt];</script>"
        )
        restore = (
            "if(window.__natives){var n=window.__natives;String.prototype.trim=n[0];"
            "window.parseFloat=Number.parseFloat=n[1];window.parseInt=Number.parseInt=n[2];}"
        )
        app.config.external_scripts = [*app.config.external_scripts, {"src": "data:text/javascript," + restore}]
    if "prewarm" in variants:
        res = 110 if "geo110" in variants else 50
        app.index_string = app.index_string.replace(
            "{%renderer%}",
            "{%renderer%}\n<script>" + PREWARM % {"topo": app.get_asset_url("topojson/"), "res": res} + "</script>",
        )
    app.server.wsgi_app = Timings(app.server.wsgi_app)
    return app


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8123)
    parser.add_argument("--variant", default="base")
    parser.add_argument("--root", type=Path, default=HERE.parent.parent)
    args = parser.parse_args()
    variants = {v.strip() for v in args.variant.split(",") if v.strip()} - {"base"}
    app = build(variants, args.root)
    print(f"serving variant {sorted(variants) or ['base']} on http://127.0.0.1:{args.port}/", flush=True)
    app.run(host="127.0.0.1", port=args.port, debug=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
