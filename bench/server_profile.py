"""`python bench/server_profile.py [--data DIR] [--root DIR] [--word Mali] [--requests 200] [--top 25]`.

Where the server's time for one filter answer goes: the app built as gunicorn builds it
(timeline.web.wsgi), the request the browser sends for a search (derived from the app's
/_dash-dependencies and layout, as bench/classload.py derives it), posted --requests times through
Flask's test client under cProfile: the whole server side (Flask, the request guard, Dash's dispatch,
the callback, Dash's JSON, gzip) without the network.

Printed: the mean time per request without and with the profiler, the share of the profiled time in
the stages named below (cumulative, so nested stages overlap: compute_view holds the figures), and the
functions with the most time of their own. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
# A sibling script, found through the path set just above.
from classload import FILTER_INPUT, HEADERS, UPDATE, layout_props, request_body, require_callbacks  # noqa: E402

# (label, file name ending, function name): the stages whose cumulative time is reported.
STAGES = (
    ("the callback (update_views)", "pages/explore.py", "update_views"),
    ("  compute_view", "pages/explore_view.py", "compute_view"),
    ("    search", "query/search.py", "matches"),
    ("    timeline figure", "figures/timeline.py", "timeline_figure"),
    ("    map figure", "figures/map.py", "map_figure"),
    ("    list", "components/event_list.py", "event_list_html"),
    ("Dash's JSON of the answer", "dash/_utils.py", "to_json"),
    ("gzip", "flask_compress/__init__.py", "after_request"),
    ("the request guard", "web/guard.py", "_check_callback_request"),
)


def stage_times(stats: pstats.Stats) -> dict[str, float]:
    found = dict.fromkeys((label for label, _, _ in STAGES), 0.0)
    for (filename, _line, name), (_cc, _nc, _tt, cumulative, _callers) in stats.stats.items():
        for label, ending, function in STAGES:
            if name == function and filename.replace(os.sep, "/").endswith(ending):
                found[label] = max(found[label], cumulative)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "aqim", help="collection (default data/aqim)")
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout whose explorer runs (default: this one)")
    parser.add_argument("--word", default="Mali", help='the search (default "Mali"; "" for the whole collection)')
    parser.add_argument("--requests", type=int, default=200, help="profiled requests (default 200)")
    parser.add_argument("--top", type=int, default=25, help="functions listed (default 25)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.root.resolve()))
    os.environ["TIMELINE_DATA"] = str(args.data.resolve())
    from timeline.web.wsgi import server  # noqa: PLC0415  (after TIMELINE_DATA and the root are set)

    client = server.test_client()
    dependencies = json.loads(client.get("/_dash-dependencies").data)
    props = layout_props(json.loads(client.get("/_dash-layout").data))
    bodies = [
        request_body(cb, props, [FILTER_INPUT], {FILTER_INPUT: args.word})
        for cb in require_callbacks(dependencies, FILTER_INPUT, "filter", "--word")
    ]

    def one() -> int:
        size = 0
        for body in bodies:
            answer = client.post(UPDATE, data=json.dumps(body), headers=HEADERS)
            if answer.status_code != 200:
                raise SystemExit(f"the filter callback answered {answer.status_code}: {answer.data[:300]!r}")
            size += len(answer.data)
        return size

    size = one()  # the first answer builds what is kept per collection and language
    began = time.perf_counter()
    for _ in range(args.requests):
        one()
    plain = (time.perf_counter() - began) / args.requests
    profile = cProfile.Profile()
    began = time.perf_counter()
    profile.enable()
    for _ in range(args.requests):
        one()
    profile.disable()
    profiled = (time.perf_counter() - began) / args.requests
    stats = pstats.Stats(profile)
    total = stats.total_tt
    print(f"{args.data.name}, search {args.word!r}: {len(bodies)} callback(s), answer {size:,} B gzip")
    print(
        f"per request: {plain * 1000:.2f} ms, {profiled * 1000:.2f} ms under the profiler (load {os.getloadavg()[0]:.2f})"
    )
    print("\nshare of the profiled time (cumulative; nested stages overlap):")
    for label, seconds in stage_times(stats).items():
        print(f"  {label:<32} {seconds / total:6.1%}  {seconds / args.requests * 1000:7.2f} ms")
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(args.top)
    print("\n" + out.getvalue().split("\n", 4)[-1].strip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
