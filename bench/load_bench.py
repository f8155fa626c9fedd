"""`python bench/load_bench.py DIR [DIR ...] [--runs 5] [--cli] [--root REPO]`: time load_collection.

For each collection folder, `--runs` times, a fresh Python process imports
timeline.load.collection and calls load_collection(DIR, progress=...) once: a fresh
process, because dates.parse and other caches would make a second load in the
same process faster than any real start. The stages load_collection reports
(reading sources, reading events.csv, checking events, checking places and
quotes, ...) are timed from one report to the next. With --cli, each run also
times `python -m timeline validate DIR` as a whole (interpreter start and
imports included).

Printed: the load average before and after, then per folder the median, min
and max of each stage and of the total, in seconds. Numbers only; nothing is
asserted. `--root` times another checkout of the project (e.g. an older commit
exported with `git archive`), so before and after can be compared on the same
machine at the same time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Runs in the child process: prints one JSON object with the import time, the stages and the total.
CHILD = r"""
import json, sys, time
started = time.perf_counter()
from timeline.load.collection import load_collection
imported = time.perf_counter()
marks = []
collection = load_collection(sys.argv[1], progress=lambda stage: marks.append((stage, time.perf_counter())))
done = time.perf_counter()
marks.append(("end", done))
stages = [(stage, end - start) for (stage, start), (_, end) in zip(marks, marks[1:])]
print(json.dumps({"import": imported - started, "stages": stages, "load": done - imported,
                  "events": len(collection.events)}))
"""


def _stage_name(stage: str) -> str:
    """'checking 100,000 events' -> 'checking N events', so runs and sizes line up."""
    return re.sub(r"\d[\d,]*", "N", stage)


def one_run(folder: Path, root: Path, cli: bool) -> dict:
    env = {**os.environ, "PYTHONPATH": str(root)}
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder)], cwd=root, env=env, capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        raise SystemExit(f"loading {folder} failed:\n{out.stderr[-3000:]}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if cli:
        started = time.perf_counter()
        validate = subprocess.run(
            [sys.executable, "-m", "timeline", "validate", str(folder)],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        result["cli"] = time.perf_counter() - started
        result["cli_rc"] = validate.returncode
    return result


def _row(name: str, values: list[float]) -> str:
    return f"| {name} | {statistics.median(values):.2f} | {min(values):.2f} | {max(values):.2f} |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path, help="collection folders")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cli", action="store_true", help="also time `python -m timeline validate DIR`")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to time (default: this one)")
    args = parser.parse_args(argv)
    root = args.root.resolve()

    print(f"root {root}; load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for folder in args.folders:
        runs = [one_run(folder.resolve(), root, args.cli) for _ in range(args.runs)]
        stages: dict[str, list[float]] = {}
        for run in runs:
            for stage, seconds in run["stages"]:
                stages.setdefault(_stage_name(stage), []).append(seconds)
        print(f"\n{folder} ({runs[0]['events']:,} events, {args.runs} runs; s)\n")
        print("| stage | median | min | max |\n|---|---|---|---|")
        print(_row("import timeline.load.collection", [run["import"] for run in runs]))
        for stage, values in stages.items():
            print(_row(stage, values))
        print(_row("**load_collection**", [run["load"] for run in runs]))
        if args.cli:
            print(_row("`python -m timeline validate` (whole process)", [run["cli"] for run in runs]))
            codes = sorted({run["cli_rc"] for run in runs})
            if codes != [0]:
                print(f"(validate exit codes: {codes})")
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
