"""Server-side cost of the explorer, in isolation (no browser, no HTTP server).

    python bench/profile/server_side.py [--data DIR] [--root DIR] [--repeat 7]

Times, for one collection (default: the bundled one; medians and minima of --repeat calls after one warm-up):
  - importing, load_collection and create_app, once each;
  - compute_view (the filter answer: timeline, map, list and count) for every event, for a word
    ("Mali") and for a word no event has, and the two figure functions alone on every event: drawn
    from the collection's per-language drawing (what a filter pays) and afresh (what a new language pays);
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
from collections.abc import Callable
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


def steps(registry, served) -> list[tuple[str, Callable[[], object]]]:
    """(name, call) of each server step timed, for the collection `served` of `registry` (English)."""
    from timeline import i18n
    from timeline.figures.map import map_figure
    from timeline.figures.timeline import timeline_figure
    from timeline.query import search
    from timeline.web.pages import explore_layout
    from timeline.web.pages.explore_data import ExploreData
    from timeline.web.pages.explore_view import compute_view

    data = served.derive(ExploreData.of)
    drawing = data.drawing("en")
    events = drawing.events

    def english(call):
        def run():
            with i18n.use("en"):
                return call()

        return run

    return [
        ("compute_view: every event", english(lambda: compute_view(data, search.Filters(), None, None))),
        ("compute_view: 'Mali'", english(lambda: compute_view(data, search.Filters(text="Mali"), None, None))),
        ("compute_view: no match", english(lambda: compute_view(data, search.Filters(text="zzzqqq"), None, None))),
        # What a filter pays (the collection's drawing made once) and what a new language pays (made afresh).
        ("  timeline_figure(every event, drawn)", lambda: timeline_figure(drawing.rows, drawn=drawing.timeline)),
        ("  map_figure(every event, places)", lambda: map_figure(drawing.rows, places=drawing.places)),
        ("  timeline_figure(every event), afresh", english(lambda: timeline_figure(events))),
        ("  map_figure(every event), afresh", english(lambda: map_figure(events))),
        ("explore layout '' (built afresh)", english(lambda: explore_layout.layout(registry, served, ""))),
    ]


def endpoints(client) -> list[tuple[str, Callable[[dict], object]]]:
    """(name, call with extra headers) of the first visit's requests, through Flask's test client."""
    referrer = {"Referer": "http://localhost/"}
    return [
        ("GET /", lambda headers: client.get("/", headers=headers)),
        ("GET /_dash-layout", lambda headers: client.get("/_dash-layout", headers={**referrer, **headers})),
        ("GET /_dash-dependencies", lambda headers: client.get("/_dash-dependencies", headers=headers)),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", type=Path, default=HERE.parent.parent)
    parser.add_argument("--data", type=Path, help="a collection folder (default: the bundled one)")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.root.resolve()))

    start = time.perf_counter()
    from timeline.load.collection import BUNDLED
    from timeline.load.library import load_library
    from timeline.web.app import create_app
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
    rows = [(name, *timed(fn, args.repeat)) for name, fn in steps(registry, registry.get(None))]
    print("\n| server step | median ms | min ms |\n|---|---|---|")
    for name, median, least in rows:
        print(f"| {name} | {median:.1f} | {least:.1f} |")
    print("\n| endpoint (test client) | median ms (gzip) | bytes | gzip bytes |\n|---|---|---|---|")
    for name, call in endpoints(app.server.test_client()):
        median, _ = timed(lambda call=call: call({"Accept-Encoding": "gzip"}).get_data(), args.repeat)
        raw = call({}).get_data()
        print(f"| {name} | {median:.1f} | {len(raw):,} | {len(gzip.compress(raw, 6)):,} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
