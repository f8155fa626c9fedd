"""`python bench/era_bench.py [--eras 0,134,1000,5000] [--size 2000]`: the explorer's first view when a
collection has many eras (a dropped sheet may mark thousands of rows as eras).

Takes bench/make_collection.py's collection of --size events and marks every k-th event an era, so it has
the asked number; then, in this process, times compute_view for the whole collection (median of --runs,
after one warm-up that fills the per-collection caches as a first request does) and reports the timeline's
shapes, annotations and JSON bytes. Nothing is asserted; run it under `flock /work/heavy.lock`.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
import make_collection  # noqa: E402

from timeline.load.collection import load_collection  # noqa: E402
from timeline.load.passages import quote_passages  # noqa: E402
from timeline.query.search import Filters  # noqa: E402
from timeline.web.pages.explore_data import ExploreData  # noqa: E402
from timeline.web.pages.explore_view import compute_view  # noqa: E402

CACHE = HERE.parent / "build" / "bench" / "collections"


def with_eras(size: int, eras: int) -> Path:
    base = CACHE / f"n{size}-seed{make_collection.DEFAULT_SEED}"
    if not make_collection.is_current(base, size, make_collection.DEFAULT_SEED):
        make_collection.make_collection(size, base)
    folder = CACHE / f"n{size}-eras{eras}"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(base, folder)
    path = folder / "events.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    already = sum(row["kind"] == "era" for row in rows)
    wanted = max(eras - already, 0)
    step = max(len(rows) // wanted, 1) if wanted else 0
    for index, row in enumerate(rows):
        if wanted and row["kind"] != "era" and index % step == 0:
            row["kind"], row["category"] = "era", "context"
            wanted -= 1
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eras", default="0,134,1000,5000")
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", file=sys.stderr)
    print("| eras | events | compute_view ms (median) | first view ms | shapes | annotations | timeline JSON bytes |")
    print("|---|---|---|---|---|---|---|")
    for eras in (int(n) for n in args.eras.split(",")):
        collection = load_collection(with_eras(args.size, eras))
        data = ExploreData.build(collection, quote_passages(collection))
        started = time.perf_counter()
        view = compute_view(data, Filters(), None, None)
        first = time.perf_counter() - started
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            view = compute_view(data, Filters(), None, None)
            times.append(time.perf_counter() - started)
        layout = view.timeline["layout"]
        count = int((collection.events["kind"] == "era").sum())
        size = len(json.dumps(view.timeline, default=str))
        print(
            f"| {count:,} | {len(collection.events):,} | {1000 * statistics.median(times):.0f} | {1000 * first:.0f} "
            f"| {len(layout.get('shapes', []))} | {len(layout.get('annotations', []))} | {size:,} |"
        )
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
