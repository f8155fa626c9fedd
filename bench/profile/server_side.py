"""Server-side cost of the explorer's first load, in isolation (no browser).

    python bench/profile/server_side.py [--root DIR] [--repeat 7]

Times, for the bundled collection (medians of --repeat calls, after one warm-up):
  - explore.layout(data, "") as a whole, and each figure function it calls
  - to_plotly_json + Dash's JSON encoding of the router callback's answer
  - the real HTTP endpoints through Flask's test client (GET /, /_dash-layout,
    /_dash-dependencies, POST /_dash-update-component for the router), raw and gzip sizes
  - the size of each part of the router answer (timeline / lineage / map figures, the rest)

--root: the repository to import `timeline` from (default: this checkout). Nothing is edited.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def med(fn, repeat):
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), min(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", type=Path, default=HERE.parent.parent)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    sys.path.insert(0, str(args.root.resolve()))

    t0 = time.perf_counter()
    from dash._utils import to_json

    from timeline.figures.map import map_figure
    from timeline.figures.timeline import timeline_figure
    from timeline.load.collection import BUNDLED, load_collection
    from timeline.query import search
    from timeline.web.app import create_app
    from timeline.web.pages import explore

    t_import = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    collection = load_collection(BUNDLED)
    t_load = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    app = create_app(collection)
    t_create = (time.perf_counter() - t0) * 1000
    print(
        f"import {t_import:.0f} ms, load_collection {t_load:.0f} ms, create_app {t_create:.0f} ms "
        f"({len(collection.events)} events, root {args.root})"
    )

    from timeline.load.passages import quote_passages

    data = explore.ExploreData.build(collection, quote_passages(collection))
    events = collection.events
    rows = []

    def row(name, fn):
        m, lo = med(fn, args.repeat)
        rows.append((name, m, lo))

    row("explore.layout(data, '') total", lambda: explore.layout(data, ""))
    row("  timeline_figure(all)", lambda: timeline_figure(events, None))
    row("  map_figure(all)", lambda: map_figure(events, None, place_rows=data.place_rows))
    row("  lineage_view(None, None)", lambda: explore.lineage_view(collection, None, None))
    row("  compute_view (timeline+map+list)", lambda: explore.compute_view(data, search.Filters(), None, None))
    row("  filter_bar", lambda: explore.filter_bar(collection, search.Filters()))
    row("  source_reader", lambda: explore.source_reader(collection, data.passages, None))
    row("  detail_panel", lambda: explore.detail_panel(collection, data.passages, None))
    tree = explore.layout(data, "")
    row("to_json(layout tree) (Dash encoder)", lambda: to_json(tree))

    print("\n| server step | median ms | min ms |\n|---|---|---|")
    for name, m, lo in rows:
        print(f"| {name} | {m:.1f} | {lo:.1f} |")

    # Sizes of the pieces of the router answer.
    def size(obj):
        s = to_json(obj)
        return len(s), len(gzip.compress(s.encode(), 6))

    parts = {
        "timeline figure": timeline_figure(events, None),
        "map figure": map_figure(events, None, place_rows=data.place_rows),
        "lineage figure": explore.lineage_view(collection, None, None),
        "source_reader": explore.source_reader(collection, data.passages, None),
        "whole layout tree": tree,
    }
    print("\n| part of router answer | JSON bytes | gzip bytes | traces |\n|---|---|---|---|")
    for name, obj in parts.items():
        raw, gz = size(obj)
        traces = len(obj.data) if hasattr(obj, "data") else ""
        print(f"| {name} | {raw:,} | {gz:,} | {traces} |")

    # Component count of the tree (Dash renderer cost scales with it).
    def count(node):
        n = 1
        kids = getattr(node, "children", None)
        if isinstance(kids, (list, tuple)):
            n += sum(count(k) for k in kids if hasattr(k, "to_plotly_json"))
        elif hasattr(kids, "to_plotly_json"):
            n += count(kids)
        return n

    print(f"\ncomponents in the explorer layout tree: {count(tree)}")

    # The endpoints, through Flask's test client (no network, no browser).
    client = app.server.test_client()
    body = {
        "output": "page.children",
        "outputs": {"id": "page", "property": "children"},
        "inputs": [{"id": "url", "property": "pathname", "value": "/"}],
        "state": [{"id": "url", "property": "search", "value": ""}],
        "changedPropIds": ["url.pathname"],
    }
    endpoints = [
        ("GET /", lambda h: client.get("/", headers=h)),
        ("GET /_dash-layout", lambda h: client.get("/_dash-layout", headers=h)),
        ("GET /_dash-dependencies", lambda h: client.get("/_dash-dependencies", headers=h)),
        (
            "POST /_dash-update-component (router '/')",
            lambda h: client.post("/_dash-update-component", json=body, headers=h),
        ),
    ]
    print("\n| endpoint | median ms (gzip) | median ms (identity) | bytes | gzip bytes |\n|---|---|---|---|---|")
    for name, call in endpoints:
        gz_t, _ = med(lambda call=call: call({"Accept-Encoding": "gzip"}).get_data(), args.repeat)
        id_t, _ = med(lambda call=call: call({}).get_data(), args.repeat)
        raw = call({}).get_data()
        gzd = call({"Accept-Encoding": "gzip"})
        print(
            f"| {name} | {gz_t:.1f} | {id_t:.1f} | {len(raw):,} | {len(gzd.get_data()):,} "
            f"({gzd.headers.get('Content-Encoding', 'identity')}) |"
        )
    resp = json.loads(client.post("/_dash-update-component", json=body).get_data())
    print(f"\nrouter answer keys: {list(resp)}; multi={resp.get('multi')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
