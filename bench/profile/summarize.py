"""Summarise waterfall.py --json files: per variant, medians and the paired difference to `base`.

    python bench/profile/summarize.py build/profile/batchA.json [more.json ...]

Runs of different variants in the same round ran back to back (interleaved), so the per-round
difference to base cancels most of the machine's load drift; its median is the column "Δ vs base".
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

KEYS = [
    ("FIRST DRAW (timeline+map)", "first draw"),
    ("all graphs", "all graphs"),
    ("#event-count text", "count shown"),
    ("domInteractive (all sync scripts run)", "scripts run"),
    ("_dash-layout server ms (dur)", "_dash-layout server"),
    ("#page rendered (explore div)", "page rendered"),
    ("Plotly.react timeline start", "1st Plotly.react"),
    ("Plotly.react timeline sync ms (dur)", "timeline react sync"),
    ("Plotly.react lineage sync ms (dur)", "lineage react sync"),
    ("long tasks before draw: total ms (dur)", "long tasks ms"),
    ("[main thread CPU] total nav -> first draw (dur)", "main-thread CPU to draw"),
    ("[main thread CPU] cpu: nav -> sync scripts done (dur)", "CPU: scripts"),
    ("[main thread CPU] cpu: scripts done -> router answer / page (dur)", "CPU: ->page"),
    ("[main thread CPU] cpu: page -> first Plotly.react (dur)", "CPU: page->react"),
    ("[main thread CPU] cpu: first Plotly.react -> first draw (dur)", "CPU: plotly draws"),
    ("extra callbacks on load: server CPU ms (dur)", "extra cb server CPU"),
]


def med(values):
    values = [v for v in values if v == v]
    return statistics.median(values) if values else float("nan")


def main(paths: list[str]) -> int:
    for path in paths:
        data = json.loads(Path(path).read_text())
        phases = data["phases"]
        runs = data["runs"]
        variants = data["variants"]
        loads = [r.get("load1", float("nan")) for v in variants for r in runs[v]]
        n = min(len(phases[v]) for v in variants)
        print(
            f"\n{path}: {n} rounds, load average (1 min) during runs: median {med(loads):.1f}, "
            f"range {min(loads):.1f}–{max(loads):.1f}\n"
        )
        base = phases.get("base")
        keys = [(k, label) for k, label in KEYS if any(k in r for v in variants for r in phases[v])]
        head = [
            "variant",
            "n",
            *(label for _, label in keys),
            "Δ first draw vs base (paired median)",
            "Δ main-thread CPU vs base",
            "extra callbacks",
        ]
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for v in variants:
            rows = phases[v]
            cells = [v, str(len(rows))]
            for key, _ in keys:
                cells.append(f"{med([r.get(key, float('nan')) for r in rows]):.0f}")
            for key in ("FIRST DRAW (timeline+map)", "[main thread CPU] total nav -> first draw (dur)"):
                if base and v != "base":
                    diffs = [
                        r.get(key, float("nan")) - b.get(key, float("nan")) for r, b in zip(rows, base, strict=False)
                    ]
                    cells.append(f"{med(diffs):+.0f}")
                else:
                    cells.append("")
            extra = med(
                [sum(1 for s in r["server"] if s.get("output") and "page.children" not in s["output"]) for r in runs[v]]
            )
            cells.append(f"{extra:.0f}")
            print("| " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
