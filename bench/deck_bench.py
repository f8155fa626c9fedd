"""`python bench/deck_bench.py [--sizes 20,2000,20000,100000] [--pages present,quiz,lesson-file] [--root DIR ...]`.

What a student's click on /present, /quiz or the lesson file costs the server on a large collection:
the time to build the answer, its size, and the memory the build takes (issue: a 2,000-event /present took
1,012 s, 646 MB and 11 GB).

Each (root, size, page) runs in a fresh Python process: it loads the collection (the bundled one for 20,
else bench/make_collection.py's, cached in build/bench/collections/ as browser_bench.py keeps them), builds
the app as `serve` does, resets the process's peak memory (/proc/self/clear_refs), then asks for the page
through Flask's test client as a browser does on its first visit: for /present and /quiz the HTML (which
carries the page's plain copy) and /_dash-layout (the page for Dash); for the lesson file, /lesson-file.
Reported per page: seconds to answer both, bytes (raw and gzip -6, which flask-compress sends), the peak
resident memory during those requests (VmHWM) and how much it grew over the memory before them.

A run is stopped when it passes --max-seconds or its resident memory passes --max-mb (the before
figures at 2,000 events), and reported as "> cap". Roots are interleaved, run by run. Nothing is asserted.
Run it under the heavy-job lock: `flock /work/heavy.lock python bench/deck_bench.py ...`.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import make_collection  # noqa: E402  (a sibling script, found through the path set just above)

CACHE = ROOT / "build" / "bench" / "collections"
PAGES = {"present": "/present", "quiz": "/quiz", "lesson-file": "/lesson-file"}

CHILD = r"""
import gzip, json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from timeline.load.collection import load_collection
from timeline.web.app import create_app

def status(name):
    for line in open("/proc/self/status"):
        if line.startswith(name + ":"):
            return int(line.split()[1]) / 1024

collection = load_collection(Path(sys.argv[2]))
client = create_app(collection).server.test_client()
path = sys.argv[3]
before = status("VmRSS")
with open("/proc/self/clear_refs", "w") as reset:
    reset.write("5")  # the peak (VmHWM) starts again from here
started = time.perf_counter()
bodies = [client.get(path).data]
if path != "/lesson-file":
    bodies.append(client.get("/_dash-layout", headers={"Referer": "http://localhost" + path}).data)
seconds = time.perf_counter() - started
print(json.dumps({
    "seconds": seconds,
    "bytes": sum(len(body) for body in bodies),
    "gzip": sum(len(gzip.compress(body, 6)) for body in bodies),
    "peak_mb": status("VmHWM"),
    "grew_mb": status("VmHWM") - before,
    "events": len(collection.events),
}))
"""


def collection_for(size: int, seed: int) -> Path:
    if size == 20:
        return make_collection.BUNDLED
    folder = CACHE / f"n{size}-seed{seed}"
    if not make_collection.is_current(folder, size, seed):
        make_collection.make_collection(size, folder, seed)
    return folder


def rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def one_run(root: Path, data: Path, path: str, max_seconds: float, max_mb: float) -> dict:
    """One page in a fresh process, stopped at the caps; the loading of the collection is not timed."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(root), str(data), path],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=root,
    )
    started, peak = time.monotonic(), 0.0
    while child.poll() is None:
        peak = max(peak, rss_mb(child.pid))
        elapsed = time.monotonic() - started
        if peak > max_mb or elapsed > max_seconds:
            child.kill()
            child.wait()
            return {"capped": f"> cap ({elapsed:.0f} s, {peak:,.0f} MB)"}
        time.sleep(0.2)
    out, err = child.communicate()
    if child.returncode != 0:
        return {"capped": f"failed: {err.strip().splitlines()[-1] if err.strip() else child.returncode}"}
    return json.loads(out.strip().splitlines()[-1])


def cell(runs: list[dict], key: str, fmt: str) -> str:
    done = [run[key] for run in runs if key in run]
    if not done:
        return runs[0].get("capped", "?") if key == "seconds" else "–"
    return fmt.format(statistics.median(done))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20,2000,20000,100000", help="event counts; 20 is the bundled collection")
    parser.add_argument("--pages", default="present,quiz,lesson-file", help=f"of {', '.join(PAGES)}")
    parser.add_argument("--root", type=Path, action="append", help="checkout to measure (repeatable; default: this)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--max-seconds", type=float, default=300)
    parser.add_argument("--max-mb", type=float, default=4000)
    parser.add_argument("--seed", type=int, default=make_collection.DEFAULT_SEED)
    parser.add_argument("--out", type=Path, help="also write the Markdown table here")
    args = parser.parse_args(argv)
    roots = [root.resolve() for root in args.root or [ROOT]]
    sizes = [int(size.replace("k", "000")) for size in args.sizes.split(",")]
    pages = args.pages.split(",")
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average at the start: {load}", file=sys.stderr)
    lines = [
        "| root | events | page | seconds | bytes (raw / gzip) | peak MB (grew by) |",
        "|---|---|---|---|---|---|",
    ]
    for size in sizes:
        data = collection_for(size, args.seed)
        for page in pages:
            results: dict[Path, list[dict]] = {root: [] for root in roots}
            capped: set[Path] = set()
            for _run in range(args.runs):
                for root in roots:
                    if root in capped:  # a capped run is not tried again
                        continue
                    result = one_run(root, data, PAGES[page], args.max_seconds, args.max_mb)
                    results[root].append(result)
                    print(f"  {root.name} {size} {page}: {result}", file=sys.stderr, flush=True)
                    if "capped" in result:
                        capped.add(root)
            for root in roots:
                runs = results[root]
                size_cell = f"{cell(runs, 'bytes', '{:,.0f}')} / {cell(runs, 'gzip', '{:,.0f}')}"
                memory = f"{cell(runs, 'peak_mb', '{:,.0f}')} ({cell(runs, 'grew_mb', '{:,.0f}')})"
                lines.append(
                    f"| {root.name} | {size:,} | {page} | {cell(runs, 'seconds', '{:.2f}')} | {size_cell} | {memory} |"
                )
    lines.append("")
    lines.append(f"load average: {load} at the start, {' '.join(f'{x:.2f}' for x in os.getloadavg())} at the end")
    report = "\n".join(lines)
    print(report)
    if args.out:
        args.out.write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
