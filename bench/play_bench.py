"""`python bench/play_bench.py [--sizes 20,10000,100000] [--runs 3] [--seconds 6] [--out FILE.md]`.

Frames per second while the explorer plays its chronology through time (issue 25), in headless Chromium.

For each size: the collection browser_bench.py uses (the bundled AQIM one for 20, a cached synthetic one
from make_collection.py otherwise), a real `python -m timeline serve` process, and for each run a fresh
headless Chromium (browser_bench's Page: new profile, every host but 127.0.0.1 unresolvable). In each run
the explorer is loaded, play is pressed, and then, inside the page, every animation frame is timed with
requestAnimationFrame for `--seconds` at each speed, ×1 then ×4 (the fastest), interleaved in one page so
the machine's noise falls on both:

  data ms       pressing play -> the first frame of the play: the one request for the play data, its
                answer and entering the play (hiding the map's traces, adding the play's)
  data kB       that answer's size on the wire (gzip) / its JSON
  fps           frames painted per second while playing (rAF callbacks / elapsed time)
  p95 frame ms  the 95th percentile of the time between frames; long frames: frames over 50 ms
  stop ms       mean time play.js spends drawing one stop (map traces, list, labels), from its own stats

Only frames while the play runs count (it pauses itself at its last stop). The medians of the runs are
printed as one Markdown table; the load average at the start and the end is printed with it. No number
is asserted anywhere: this machine is shared, so compare medians and say the load.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import browser_bench  # noqa: E402  (a sibling script, found through the path set just above)
from browser_bench import BUNDLED_SIZE, MarkSink, Page, StepFailed, Value, fmt, markdown_table  # noqa: E402

SPEEDS = (1, 4)

# Times every animation frame for `ms` while the play runs; answers with what it saw.
FRAMES = """
const [ms, done] = arguments;
const play = window.timelinePlay, button = document.querySelector("[data-action='play']");
const before = Object.assign({}, play.stats());
const times = [];
function frame(t) {
  times.push(t);
  if (t - times[0] < ms && button.getAttribute('aria-pressed') === 'true') { requestAnimationFrame(frame); return; }
  const after = play.stats(), gaps = times.slice(1).map((x, i) => x - times[i]).sort((a, b) => a - b);
  done({frames: gaps.length, elapsed: times[times.length - 1] - times[0],
        p95: gaps.length ? gaps[Math.min(gaps.length - 1, Math.floor(gaps.length * 0.95))] : null,
        long: gaps.filter(g => g > 50).length,
        stops: after.stops - before.stops, drawMs: after.drawMs - before.drawMs,
        at: document.querySelector('.play-bar [data-play-at]').dataset.playAt});
}
requestAnimationFrame(frame);
"""

# Presses play and answers, in ms, when the first stop of the play is drawn; and the play data's size.
PRESS = """
const done = arguments[0];
const t0 = performance.now();
document.querySelector("[data-action='play']").click();
(function wait() {
  if (document.querySelector('.play-bar.play-on') && document.querySelector('.play-bar [data-play-at]').dataset.playAt) {
    const t1 = performance.now();
    const answers = performance.getEntriesByType('resource').filter(e => e.name.includes('_dash-update-component') && e.startTime >= t0);
    const last = answers[answers.length - 1] || {};
    done({ms: t1 - t0, wire: last.transferSize || null, json: last.decodedBodySize || null});
    return;
  }
  setTimeout(wait, 5);
})();
"""


def one_run(url: str, args: argparse.Namespace, sink: MarkSink, log) -> dict[str, Value]:
    run: dict[str, Value] = {}
    page = Page(args.timeout, sink)
    try:
        started = time.monotonic()
        page.driver.get(url)
        page.mark("drawn", [browser_bench.SELECTORS["timeline"], browser_bench.SELECTORS["map"]], started)
        page.wait_idle()
        pressed = page.driver.execute_async_script(PRESS)
        run["data_ms"], run["data_wire_kb"], run["data_json_kb"] = (
            pressed["ms"],
            (pressed["wire"] or 0) / 1000,
            (pressed["json"] or 0) / 1000,
        )
        for speed in SPEEDS:
            page.js(
                "var p = window.timelinePlay.player(); p.setSpeed(arguments[0]);"
                "if (p.k >= p.count() - 2) { p.seek(0, false); } if (!p.playing) { p.play(); }",
                speed,
            )
            seen = page.driver.execute_async_script(FRAMES, args.seconds * 1000)
            elapsed = seen["elapsed"] / 1000
            run[f"fps_{speed}"] = seen["frames"] / elapsed if elapsed else "error"
            run[f"p95_{speed}"] = seen["p95"] if seen["p95"] is not None else "error"
            run[f"long_{speed}"] = seen["long"]
            run[f"stop_ms_{speed}"] = seen["drawMs"] / seen["stops"] if seen["stops"] else "none"
            log(
                f"    ×{speed}: {seen['frames']} frames in {elapsed:.1f} s, {seen['stops']} stops, "
                f"{seen['long']} over 50 ms, reached {seen['at']}"
            )
        return run
    except Exception as exc:  # a WebDriver error or a timeout: the run is reported as failed, the bench goes on
        failed = browser_bench._as_failure(exc)
        log(f"    {failed.status}: {failed}")
        return {key: failed.status for key in COLUMNS}
    finally:
        page.quit()


COLUMNS = {
    "data_ms": ("press → first frame ms", 0),
    "data_wire_kb": ("play data kB (gzip)", 1),
    "data_json_kb": ("play data kB (JSON)", 1),
    **{
        key: (label, digits)
        for speed in SPEEDS
        for key, label, digits in (
            (f"fps_{speed}", f"fps ×{speed}", 1),
            (f"p95_{speed}", f"p95 frame ms ×{speed}", 1),
            (f"long_{speed}", f"frames > 50 ms ×{speed}", 0),
            (f"stop_ms_{speed}", f"ms per stop ×{speed}", 1),
        )
    },
}


def median(values: list[Value]) -> Value:
    numbers = [value for value in values if isinstance(value, (int, float))]
    return statistics.median(numbers) if numbers else (values[0] if values else "skipped")


def bench_size(size: int, args: argparse.Namespace, log_dir: Path, sink: MarkSink, log) -> tuple[str, dict]:
    label = f"{size:,}" if size != BUNDLED_SIZE else f"{size} (AQIM)"
    log(f"\n== {label} events ==")
    server = browser_bench.Server(browser_bench.collection_for(size, args.seed, log), args.start_timeout, log_dir)
    try:
        label = f"{server.events():,}" + (" (AQIM)" if size == BUNDLED_SIZE else "") if server.events() else label
        log(f"  server start {server.startup:.1f} s")
        runs = []
        for number in range(1, args.runs + 1):
            log(f"  run {number}")
            runs.append(one_run(server.url, args, sink, log))
        return label, {key: median([run.get(key, "error") for run in runs]) for key in COLUMNS}
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=browser_bench.parse_sizes, default=browser_bench.parse_sizes("20,10000,100000"))
    parser.add_argument("--runs", type=int, default=3, help="fresh browsers per size (default 3)")
    parser.add_argument("--seconds", type=float, default=6, help="seconds of frames timed at each speed (default 6)")
    parser.add_argument("--timeout", type=float, default=180, help="cap for each browser wait, s (default 180)")
    parser.add_argument("--start-timeout", type=float, default=600, help="cap for server start-up, s (default 600)")
    parser.add_argument("--seed", type=int, default=browser_bench.make_collection.DEFAULT_SEED)
    parser.add_argument("--out", type=Path, help="also write the Markdown report to this file")
    args = parser.parse_args(argv)

    def log(line: str) -> None:
        print(line, flush=True)

    load_before = browser_bench._load()
    rows = []
    sink = MarkSink()
    try:
        with tempfile.TemporaryDirectory(prefix="timeline-play-bench-") as log_dir:
            for size in args.sizes:
                try:
                    label, medians = bench_size(size, args, Path(log_dir), sink, log)
                except StepFailed as failed:
                    label, medians = f"{size:,}", {key: failed.status for key in COLUMNS}
                rows.append([label, *(fmt(medians[key], digits) for key, (_, digits) in COLUMNS.items())])
    finally:
        sink.close()
    report = "\n".join(
        [
            f"Play bench: median of {args.runs} run(s) per size, {args.seconds:g} s of frames at each speed.",
            f"{browser_bench._commit()} · {browser_bench._chromium_version()} · "
            f"load average {load_before} at the start, {browser_bench._load()} at the end",
            "",
            markdown_table(["events", *(label for label, _ in COLUMNS.values())], rows),
        ]
    )
    print("\n" + report)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
