"""First draw on repeat visits: the same Chromium profile loads the page several times in a row.

    python bench/profile/repeat_visits.py [--variants "base;nomap"] [--browsers 3] [--visits 4]

bench/browser_bench.py (and waterfall.py) always use a fresh profile: a first visit, no HTTP cache and
no V8 code cache. A returning reader has both. For each variant (a bench/profile/serve_variant.py
server), --browsers fresh Chromiums each navigate --visits times to the page (the probe of
waterfall.py measures every load); printed: median first draw per visit number.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import waterfall as wf  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--variants", default="base")
    parser.add_argument("--browsers", type=int, default=3)
    parser.add_argument("--visits", type=int, default=4)
    parser.add_argument("--root", type=Path, default=wf.ROOT)
    args = parser.parse_args()
    variants = [v for v in args.variants.split(";") if v]
    results: dict = {v: [[] for _ in range(args.visits)] for v in variants}
    with tempfile.TemporaryDirectory(prefix="timeline-repeat-") as log_dir:
        servers = {}
        try:
            for v in variants:
                servers[v] = wf.Server(v, args.root, Path(log_dir))
                wf.GRAPHS[0] = {g for g in ("timeline", "lineage", "map") if f"no{g}" not in v}
                wf.one_run(servers[v], False, None, 0)  # warm server
            for b in range(args.browsers):
                for v in variants:
                    wf.GRAPHS[0] = {g for g in ("timeline", "lineage", "map") if f"no{g}" not in v}
                    driver, profile = wf.browser(False)
                    try:
                        for visit in range(args.visits):
                            driver.get(servers[v].url)
                            deadline = time.monotonic() + 60
                            marks = {}
                            while time.monotonic() < deadline:
                                marks = driver.execute_script("return window.__wf && window.__wf.marks") or {}
                                if "all_graphs" in marks:
                                    break
                                time.sleep(0.05)
                            time.sleep(1.0)  # let the page settle before the next navigation
                            results[v][visit].append(marks.get("drawn", float("nan")))
                            print(
                                f"browser {b + 1} {v} visit {visit + 1}: first draw {marks.get('drawn', float('nan')):.0f} ms",
                                flush=True,
                            )
                    finally:
                        with contextlib.suppress(Exception):
                            driver.quit()
                        wf.kill_leftovers(profile)
                        shutil.rmtree(profile, ignore_errors=True)
        finally:
            for s in servers.values():
                s.stop()
    print("\n| variant | " + " | ".join(f"visit {i + 1}" for i in range(args.visits)) + " |")
    print("|---|" + "---|" * args.visits)
    for v in variants:
        cells = [f"{statistics.median(x):.0f}" if x else "–" for x in results[v]]
        print(f"| {v} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
