"""plotly.js alone, without Dash: bundle evaluation and each explorer figure's first draw.

    python bench/profile/plotly_isolated.py [--runs 5] [--root DIR] [--configs a,b,...]

Builds the explorer's three figures for the bundled collection with the app's own figure functions
(`--root` checkout), writes them as JSON next to a minimal HTML page with a copy of the plotly bundle
and the topojson, serves that folder on 127.0.0.1, and opens it in a fresh headless Chromium per run
(the flags of bench/browser_bench.py). The page times, with performance.now():

  eval      the <script> of the plotly bundle (mark before and after the tag)
  warm      optional throw-away plot (configs *_warm) to separate plotly's one-off first-plot cost
  T, L, M   Plotly.newPlot of the timeline, lineage and map figures, each until its promise settles
            (the map includes fetching and drawing the topojson)

Configs (comma-separated names):
  geo            vendored plotly-geo.min.js (as the app), order timeline, lineage, map
  geo_warm       same, with a small date-axis scatter plotted (and purged) first
  geo_norange    timeline without its range slider
  geo_110        map at resolution 110 (africa_110m.json) instead of 50
  geo_mapfirst   order map, timeline, lineage
  geo_lean       range slider off, map at 110, and no `template` in any figure (plotly.py embeds its
                 default 7 KB "plotly" template in every figure; plotly.js then applies it per trace)
  geo_lean_static  geo_lean drawn with config staticPlot (no drag/hover layers): what interactivity costs
  full           plotly.min.js 4.8 MB (what dcc.Graph loads without the vendored bundle)
  full_gl        full bundle, the timeline's scatter traces as scattergl
Medians of --runs runs (min, max) are printed per config and step.
"""

from __future__ import annotations

import argparse
import contextlib
import http.server
import json
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from browser_bench import CHROMEDRIVER, CHROMIUM, CHROMIUM_FLAGS, kill_leftovers  # noqa: E402

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>plotly alone</title>
<style>body{font-family:sans-serif;width:1380px} .g{width:1380px}</style></head><body>
<div id="warm" class="g"></div><div id="T" class="g"></div><div id="L" class="g"></div><div id="M" class="g" style="width:600px"></div>
<script>window.__r = {}; window.__r.evalStart = performance.now();</script>
<script src="%(bundle)s"></script>
<script>
window.__r.evalEnd = performance.now();
(async function () {
  const R = window.__r, cfg = %(cfg)s;
  const get = (n) => fetch(n).then((r) => r.json());
  const figs = {T: await get('timeline.json'), L: await get('lineage.json'), M: await get('map.json')};
  R.fetched = performance.now();
  if (cfg.warm) {
    const t = performance.now();
    await Plotly.newPlot('warm', [{type: 'scatter', mode: 'markers', x: ['2001-01-01', '2020-01-01'], y: [0, 1]}],
                         {xaxis: {type: 'date'}, height: 200});
    Plotly.purge('warm');
    R.warm = performance.now() - t;
  }
  for (const k of cfg.order) {
    const f = figs[k];
    const t = performance.now();
    await Plotly.newPlot(k, f.data, f.layout, {displaylogo: false, topojsonURL: 'topojson/', staticPlot: cfg.static});
    R[k] = performance.now() - t;
  }
  R.done = performance.now();
})().catch((e) => { window.__r.error = String(e); });
</script></body></html>
"""

CONFIGS = {
    "geo": {"bundle": "plotly-geo.min.js", "order": ["T", "L", "M"]},
    "geo_warm": {"bundle": "plotly-geo.min.js", "order": ["T", "L", "M"], "warm": True},
    "geo_norange": {"bundle": "plotly-geo.min.js", "order": ["T", "L", "M"], "norange": True},
    "geo_110": {"bundle": "plotly-geo.min.js", "order": ["T", "L", "M"], "res110": True},
    "geo_mapfirst": {"bundle": "plotly-geo.min.js", "order": ["M", "T", "L"]},
    "geo_lean": {
        "bundle": "plotly-geo.min.js",
        "order": ["T", "L", "M"],
        "norange": True,
        "res110": True,
        "notemplate": True,
    },
    "geo_lean_static": {
        "bundle": "plotly-geo.min.js",
        "order": ["T", "L", "M"],
        "norange": True,
        "res110": True,
        "notemplate": True,
        "static": True,
    },
    "full": {"bundle": "plotly.min.js", "order": ["T", "L", "M"]},
    "full_gl": {"bundle": "plotly.min.js", "order": ["T", "L", "M"], "gl": True},
}


def figures(root: Path) -> dict:
    sys.path.insert(0, str(root.resolve()))
    from dash._utils import to_json

    from timeline.load.collection import BUNDLED, load_collection
    from timeline.query.search import Filters
    from timeline.web.app import create_app
    from timeline.web.pages.explore_data import ExploreData
    from timeline.web.pages.explore_view import compute_view, lineage_view
    from timeline.web.pages.registry import Registry

    collection = load_collection(BUNDLED)
    create_app(collection)  # sets Dash's config (get_asset_url) for the layout
    data = Registry({collection.id: collection}).get(None).derive(ExploreData.of)
    view = compute_view(data, Filters(), None, None)
    return {
        "timeline": json.loads(to_json(view.timeline)),
        "lineage": json.loads(to_json(lineage_view(collection, None, None))),
        "map": json.loads(to_json(view.map)),
    }


def prepare(folder: Path, figs: dict, config: dict, root: Path) -> None:
    import plotly

    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(root / "assets" / "vendor" / "plotly-geo.min.js", folder / "plotly-geo.min.js")
    shutil.copy(Path(plotly.__file__).parent / "package_data" / "plotly.min.js", folder / "plotly.min.js")
    shutil.copytree(root / "assets" / "topojson", folder / "topojson", dirs_exist_ok=True)
    figs = json.loads(json.dumps(figs))
    if config.get("norange"):
        figs["timeline"]["layout"]["xaxis"]["rangeslider"] = {"visible": False}
    if config.get("res110"):
        figs["map"]["layout"]["geo"]["resolution"] = 110
    if config.get("gl"):
        for trace in figs["timeline"]["data"]:
            if trace.get("type", "scatter") == "scatter":
                trace["type"] = "scattergl"
    if config.get("notemplate"):
        for fig in figs.values():
            fig["layout"].pop("template", None)
    for name, fig in figs.items():
        (folder / f"{name}.json").write_text(json.dumps(fig))
    cfg = {"order": config["order"], "warm": bool(config.get("warm")), "static": bool(config.get("static"))}
    (folder / "index.html").write_text(PAGE % {"bundle": config["bundle"], "cfg": json.dumps(cfg)})


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path):
    handler = lambda *a, **k: Quiet(*a, directory=str(folder), **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def run_once(url: str) -> dict:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="timeline-plotly-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.get(url)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            r = driver.execute_script("return window.__r")
            if r and ("done" in r or "error" in r):
                return r
            time.sleep(0.1)
        return {"error": "timeout"}
    finally:
        with contextlib.suppress(Exception):
            driver.quit()
        kill_leftovers(profile)
        shutil.rmtree(profile, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--configs", default="geo,geo_warm,geo_norange,geo_110,geo_mapfirst,full,full_gl")
    args = parser.parse_args()
    names = args.configs.split(",")
    figs = figures(args.root)
    sizes = {k: len(json.dumps(v)) for k, v in figs.items()}
    print(f"figure JSON bytes: {sizes}; traces: " + str({k: len(v["data"]) for k, v in figs.items()}))
    results: dict = {n: [] for n in names}
    with tempfile.TemporaryDirectory(prefix="timeline-plotly-") as tmp:
        servers = {}
        try:
            for n in names:
                prepare(Path(tmp) / n, figs, CONFIGS[n], args.root)
                servers[n] = serve(Path(tmp) / n)
            for i in range(args.runs):  # interleaved rounds
                for n in names:
                    port = servers[n].server_address[1]
                    r = run_once(f"http://127.0.0.1:{port}/index.html")
                    results[n].append(r)
                    print(
                        f"round {i + 1} {n}: "
                        + ", ".join(
                            f"{k} {v:.0f}" if isinstance(v, (int, float)) else f"{k} {v}" for k, v in r.items()
                        ),
                        flush=True,
                    )
        finally:
            for s in servers.values():
                s.shutdown()
    print(
        "\n| config | bundle eval ms | warm-up plot ms | timeline ms | lineage ms | map ms | "
        "eval + 3 graphs ms |\n|---|---|---|---|---|---|---|"
    )
    for n in names:
        rs = [r for r in results[n] if "error" not in r]

        def m(f, rs=rs):
            vals = [f(r) for r in rs if f(r) is not None]
            return f"{statistics.median(vals):.0f} ({min(vals):.0f}–{max(vals):.0f})" if vals else "–"

        print(
            f"| {n} | {m(lambda r: r['evalEnd'] - r['evalStart'])} | {m(lambda r: r.get('warm'))} | "
            f"{m(lambda r: r.get('T'))} | {m(lambda r: r.get('L'))} | {m(lambda r: r.get('M'))} | "
            f"{m(lambda r: r['evalEnd'] - r['evalStart'] + r.get('warm', 0) + r['T'] + r['L'] + r['M'])} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
