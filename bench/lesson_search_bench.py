"""`python bench/lesson_search_bench.py DIR [--runs 7]`: the builder's search (GET /lesson/search) on a collection.

Times web/pages/lesson_start.search_answer, what one search costs the server after the collection's haystack
is built (the explorer builds the same one), for a few queries interleaved run by run: a rare word, a common
one, an alias, one that matches nothing. Prints the median and the slowest of each, and the size of the JSON
answer beside that of every event's id, date and title (what shipping the collection to the browser would
send instead). Run it under the heavy-job lock: `flock /work/heavy.lock python bench/lesson_search_bench.py …`.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timeline import i18n  # noqa: E402
from timeline.load.collection import load_collection  # noqa: E402
from timeline.web.pages.explore_data import ExploreData  # noqa: E402
from timeline.web.pages.lesson_start import search_answer  # noqa: E402
from timeline.web.pages.registry import Served  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    collection = load_collection(args.folder)
    served = Served.build("bench", None, collection)
    started = time.perf_counter()
    served.derive(ExploreData.of)
    print(f"{len(collection.events)} events; haystack and explorer data built in {time.perf_counter() - started:.2f} s")
    alias = next((others[0] for others in collection.aliases.values() if others), "aqim")
    queries = {"rare word": "Radisson", "common word": "attack", "alias": alias, "nothing": "zzzzqqq"}
    times: dict[str, list[float]] = {name: [] for name in queries}
    sizes = {}
    with i18n.use("en"):
        for _run in range(args.runs):
            for name, text in queries.items():
                started = time.perf_counter()
                answer = search_answer(served, text)
                times[name].append(time.perf_counter() - started)
                sizes[name] = (len(json.dumps(answer, ensure_ascii=False).encode()), answer["said"])
    everything = collection.events[["id", "date_text", "title"]].to_dict("records")
    whole = len(json.dumps(everything, ensure_ascii=False).encode())
    print(f"load average {os.getloadavg()[0]:.2f}; {args.runs} runs, queries interleaved")
    for name, text in queries.items():
        ms = [t * 1000 for t in times[name]]
        print(
            f"{name:12} {text!r:14} median {statistics.median(ms):7.1f} ms  max {max(ms):7.1f} ms  "
            f"answer {sizes[name][0]:>7,} bytes  ({sizes[name][1]})"
        )
    print(f"every event's id, date and title as JSON: {whole:,} bytes")


if __name__ == "__main__":
    main()
