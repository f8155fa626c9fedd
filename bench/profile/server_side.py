"""Server-side cost of the explorer, in isolation (no browser, no HTTP server).

    python bench/profile/server_side.py [--data DIR] [--root DIR] [--repeat 7]

Times, for one collection (default: the bundled one; medians and minima of --repeat calls after one warm-up):
  - importing, load_collection and create_app, once each;
  - compute_view (the filter answer: timeline, map, list and count) for every event, for a word
    ("Mali") and for a word no event has, and the two figure functions alone on every event;
  - the explorer's layout for the plain URL, built afresh (create_app keeps a built page per URL);
  - the first response and /_dash-layout through Flask's test client (both served from the page cache
    after the first call, as for a real visitor), and their sizes raw and gzipped.

--root: the repository to import `timeline` from (default: this checkout), e.g. a `git archive` of an
older commit, so before and after run the same script. Nothing is edited. Numbers only.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def timed(fn, repeat: int) -> tuple[float, float]:
    """(median, min) in ms of `repeat` calls of fn, after one untimed call."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", type=Path, default=HERE.parent.parent)
    parser.add_argument("--data", type=Path, help="a collection folder (default: the bundled one)")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    sys.path.insert(0, str(args.root.resolve()))

    start = time.perf_counter()
    from timeline.figures.map import map_figure
    from timeline.figures.timeline import timeline_figure
    from timeline.load.collection import BUNDLED
    from timeline.load.library import load_library
    from timeline.query import search
    from timeline.web.app import create_app
    from timeline.web.pages import explore_layout
    from timeline.web.pages.explore_data import ExploreData
    from timeline.web.pages.explore_view import compute_view
    from timeline.web.pages.registry import Registry

    imported = time.perf_counter()
    collections = load_library(args.data or BUNDLED)
    loaded = time.perf_counter()
    app = create_app(collections)
    created = time.perf_counter()
    collection = next(iter(collections.values()))
    import pandas as pd

    text = pd.Series(["x"]).dtype
    print(
        f"{len(collection.events):,} events ({args.data or BUNDLED}); root {args.root}; text columns {text!r}\n"
        f"import {1000 * (imported - start):.0f} ms, load {1000 * (loaded - imported):.0f} ms, "
        f"create_app {1000 * (created - loaded):.0f} ms"
    )

    registry = Registry(collections)
    served = registry.get(None)
    data = served.derive(ExploreData.of)
    events = data.events_in("en")
    steps = [
        ("compute_view: every event", lambda: compute_view(data, search.Filters(), None, None)),
        ("compute_view: 'Mali'", lambda: compute_view(data, search.Filters(text="Mali"), None, None)),
        ("compute_view: no match", lambda: compute_view(data, search.Filters(text="zzzqqq"), None, None)),
        ("  timeline_figure(every event)", lambda: timeline_figure(events)),
        ("  map_figure(every event)", lambda: map_figure(events, None, place_rows=data.place_rows)),
        ("explore layout '' (built afresh)", lambda: explore_layout.layout(registry, served, "")),
    ]
    client = app.server.test_client()
    referrer = {"Referer": "http://localhost/"}
    endpoints = [
        ("GET /", lambda headers: client.get("/", headers=headers)),
        ("GET /_dash-layout", lambda headers: client.get("/_dash-layout", headers={**referrer, **headers})),
        ("GET /_dash-dependencies", lambda headers: client.get("/_dash-dependencies", headers=headers)),
    ]
    rows = [(name, *timed(fn, args.repeat)) for name, fn in steps]
    print("\n| server step | median ms | min ms |\n|---|---|---|")
    for name, median, least in rows:
        print(f"| {name} | {median:.1f} | {least:.1f} |")
    print("\n| endpoint (test client) | median ms (gzip) | bytes | gzip bytes |\n|---|---|---|---|")
    for name, call in endpoints:
        median, _ = timed(lambda call=call: call({"Accept-Encoding": "gzip"}).get_data(), args.repeat)
        raw = call({}).get_data()
        print(f"| {name} | {median:.1f} | {len(raw):,} | {len(gzip.compress(raw, 6)):,} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
