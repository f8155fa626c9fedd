"""`python bench/peers.py [--sizes 20,1000,10000,100000] [--runs 5] [--peer-max 10000] [--root DIR ...] [--out FILE.md]`.

The explorer's first screen beside two peers, timed by one harness (bench/browser_bench.py's Page,
MarkSink and probe): cold loads, each in a fresh headless Chromium profile, every host but 127.0.0.1
unresolvable, `performance.now()` from navigation start, marks posted by the in-page probe.

  vis-timeline  complete draw   every one of the N items is in the DOM (.vis-item-content)
  TimelineJS    complete draw   every one of the N markers is in the DOM (.tl-timemarker)
  explorer      text            an element whose text is the first event's title is visible
                                (non-zero bounding box, checkVisibility): a static HTML copy counts
  explorer      graphs          #timeline has plotly traces and #map has drawn its country shapes, in the
                                live page or in the plain copy of the first response (#static-page)

All three show the same events: the bundled AQIM collection for size 20, else the synthetic
collection of bench/make_collection.py (cached in build/bench/collections/, as browser_bench.py does),
read with timeline.load.collection.load_collection and drawn by the peers from each event's earliest to
latest day (a point when both are the same day). The peers come from npm (pinned below) into
build/peers/node_modules and are served with their pages from a loopback HTTP server: no CDN.

Tools are interleaved round by round (vis-timeline, TimelineJS, explorer, repeat) so the machine's
noise falls on all of them alike. Medians are printed as one Markdown table with the ratios issue 12
asks for and the 1-minute load average before and after. Above --peer-max events the peers are not
run ("> timeout"). --root times another checkout's explorer on the same collections; given several
times (--root /tmp/before --root .), each is one more explorer in every round: before/after in one run.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import functools
import html
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import browser_bench  # noqa: E402  (a sibling script, found through the path set just above)
from browser_bench import BUNDLED_SIZE, MarkSink, Page, StepFailed, Value, fmt, markdown_table  # noqa: E402

PEER_DIR = ROOT / "build" / "peers"
# npm package -> the exact version installed (bench/README.md names them too).
PEER_PACKAGES = {"vis-timeline": "8.5.4", "@knight-lab/timelinejs": "3.9.11"}
VIS, TJS, TEXT, GRAPHS = "vis-timeline", "TimelineJS", "text", "graphs"

# What "drawn" means for each peer: one element per event.
PEER_ITEM = {VIS: ".vis-item-content", TJS: ".tl-timemarker"}
# The explorer's graphs: plotly traces on the timeline, and the map's country shapes (the choropleth),
# drawn by the live page or in the plain copy of the first response (#static-page: ids left out there).
EXPLORER_GRAPHS = (
    "#timeline .scatterlayer .trace, #static-page .timeline-graph .scatterlayer .trace",
    "#map .choroplethlocation, #static-page .map-graph .choroplethlocation",
)

VIS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>vis-timeline: {n} events</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/node_modules/vis-timeline/styles/vis-timeline-graph2d.min.css">
<script src="/node_modules/vis-timeline/standalone/umd/vis-timeline-graph2d.min.js"></script>
</head><body>
<div id="timeline"></div>
<script>
const ITEMS = {items};
window.timeline = new vis.Timeline(document.getElementById("timeline"), new vis.DataSet(ITEMS), {{}});
</script>
</body></html>
"""

TJS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>TimelineJS: {n} events</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/node_modules/@knight-lab/timelinejs/dist/css/timeline.css">
<script src="/node_modules/@knight-lab/timelinejs/dist/js/timeline.js"></script>
</head><body>
<div id="timeline-embed" style="width: 100%; height: 650px"></div>
<script>
const DATA = {data};
window.timeline = new TL.Timeline("timeline-embed", DATA,
  {{script_path: new URL("/node_modules/@knight-lab/timelinejs/dist/js/", location.href).href}});
</script>
</body></html>
"""

# Added after browser_bench's probe (scripts run in the order added), before any page script.
WATCHES = """
(() => {
  const B = window.__bench;
  if (!B) return;
  const count = (css) => document.querySelectorAll(css).length;
  const all = (list) => list.every((css) => document.querySelector(css) !== null);
  // The first time any element whose text is `title` is visible: a non-zero box, and not hidden by
  // visibility or opacity. Walks text nodes, so a static copy and an SVG label count; a sentence
  // that merely mentions the title (a source passage, the lede) does not.
  const norm = (text) => text.replace(/\\s+/g, ' ').trim();
  const visibleText = (title) => {
    const root = document.body;
    if (!root) return false;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!norm(node.nodeValue).includes(title)) continue;
      const el = node.parentElement;
      if (!el || (norm(node.nodeValue) !== title && norm(el.textContent) !== title)) continue;
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.height > 0
          && (!el.checkVisibility || el.checkVisibility({visibilityProperty: true, opacityProperty: true}))) {
        return true;
      }
    }
    return false;
  };
  const W = %(watches)s;
  for (const [name, spec] of Object.entries(W)) {
    if (spec.count) B.watch(name, () => count(spec.count[0]) >= spec.count[1]);
    if (spec.all) B.watch(name, () => all(spec.all));
    if (spec.text) B.watch(name, () => visibleText(spec.text));
  }
})();
"""


@dataclass(frozen=True)
class PeerEvent:
    title: str
    start: str  # YYYY-MM-DD
    end: str | None  # None: a point in time


@dataclass
class SizeResult:
    label: str
    size: int
    events: int = 0
    # VIS, TJS, and for explorer number i (one per --root): key(TEXT, i), key(GRAPHS, i)
    times: dict[str, list[Value]] = field(default_factory=lambda: collections.defaultdict(list))
    skipped_peers: bool = False
    notes: list[str] = field(default_factory=list)


# --- pure parts (tests/test_bench_tools.py) -----------------------------------------------------------


def peer_events(frame) -> list[PeerEvent]:
    """The collection's events (title, earliest, latest: a load_collection frame) as the peers draw them."""
    events = []
    for title, earliest, latest in zip(frame["title"], frame["earliest"], frame["latest"], strict=True):
        start, end = str(earliest)[:10], str(latest)[:10]
        events.append(PeerEvent(str(title), start, None if end <= start else end))
    return events


def _script_json(value) -> str:
    """JSON safe inside a <script> element (no '</script>', no '<!--')."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")


def vis_items(events: Sequence[PeerEvent]) -> list[dict]:
    """vis-timeline DataSet items; vis-timeline treats `content` as HTML, so titles are escaped."""
    items = []
    for number, event in enumerate(events):
        item = {"id": number, "content": html.escape(event.title), "start": event.start}
        if event.end:
            item["end"] = event.end
        items.append(item)
    return items


def _tjs_date(day: str) -> dict:
    year, month, date = day.split("-")
    return {"year": int(year), "month": int(month), "day": int(date)}


def timelinejs_data(events: Sequence[PeerEvent]) -> dict:
    """TimelineJS's JSON format; its headlines are HTML too."""
    slides = []
    for number, event in enumerate(events):
        slide = {
            "unique_id": f"e{number}",
            "start_date": _tjs_date(event.start),
            "text": {"headline": html.escape(event.title)},
        }
        if event.end:
            slide["end_date"] = _tjs_date(event.end)
        slides.append(slide)
    return {"events": slides}


def peer_page(tool: str, events: Sequence[PeerEvent]) -> str:
    if tool == VIS:
        return VIS_PAGE.format(n=len(events), items=_script_json(vis_items(events)))
    if tool == TJS:
        return TJS_PAGE.format(n=len(events), data=_script_json(timelinejs_data(events)))
    raise ValueError(tool)


def watch_script(watches: dict[str, dict]) -> str:
    """The in-page watches: {name: {"count": [css, n]} | {"all": [css, ...]} | {"text": title}}."""
    return WATCHES % {"watches": _script_json(watches)}


def explorer_watches(title: str) -> dict[str, dict]:
    return {TEXT: {"text": " ".join(title.split())}, GRAPHS: {"all": list(EXPLORER_GRAPHS)}}


def peer_watches(tool: str, n: int) -> dict[str, dict]:
    return {tool: {"count": [PEER_ITEM[tool], n]}}


def median(values: Sequence[Value]) -> Value:
    return browser_bench.median(values)


def quotient(value: Value, base: Value) -> str:
    """'4.00' for value / base; '–' when either is not a number (the issue's targets are plain ratios)."""
    if not isinstance(value, int | float) or not isinstance(base, int | float) or base == 0:
        return "–"
    return f"{value / base:.2f}"


def cell(values: Sequence[Value], skipped: bool = False) -> str:
    """Median in seconds, 'timeout' if every run failed, '> timeout' for a peer not run at this size."""
    if skipped:
        return "> timeout"
    failed = len(values) - sum(isinstance(v, int | float) for v in values)
    numeric = any(isinstance(v, int | float) for v in values)
    return fmt(median(values), 2, failed if numeric else 0)


def key(mark: str, explorer: int) -> str:
    """The times key of explorer number `explorer` (the order of --root) for `mark` (TEXT or GRAPHS)."""
    return f"{mark}#{explorer}"


def summary(results: Sequence[SizeResult], explorers: Sequence[str] = ("",)) -> tuple[list[str], list[list[str]]]:
    """Headers and rows: a row per tool and mark, a column per size, then the two ratios per explorer.

    `explorers` names each --root ('' for a single one: the rows then say just 'the explorer').
    """
    headers = ["tool (median s)", *(r.label for r in results)]
    rows = [
        [f"vis-timeline {PEER_PACKAGES['vis-timeline']}: complete draw", *(cell(r.times[VIS], r.skipped_peers) for r in results)],
        [f"TimelineJS {PEER_PACKAGES['@knight-lab/timelinejs']}: complete draw", *(cell(r.times[TJS], r.skipped_peers) for r in results)],
    ]  # fmt: skip
    ratios = []
    for number, name in enumerate(explorers):
        label = f"the explorer ({name})" if name else "the explorer"
        text, graphs = key(TEXT, number), key(GRAPHS, number)
        rows.append([f"**{label}: text**", *(cell(r.times[text]) for r in results)])
        rows.append([f"**{label}: graphs**", *(cell(r.times[graphs]) for r in results)])
        for mark, what in ((text, "text"), (graphs, "graphs")):
            ratios.append(
                [
                    f"{label}: {what} / vis-timeline",
                    *(quotient(median(r.times[mark]), median(r.times[VIS])) for r in results),
                ]
            )
    return headers, rows + ratios


def load1() -> str:
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "unknown"


# --- the peers: npm packages, pages and a static server ------------------------------------------------


def installed_version(package: str, folder: Path = PEER_DIR) -> str | None:
    try:
        return json.loads((folder / "node_modules" / package / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return None


def ensure_peers(log: Callable[[str], None]) -> None:
    """`npm install --prefix build/peers` the pinned peers unless exactly those versions are there."""
    wanted = [f"{name}@{version}" for name, version in PEER_PACKAGES.items() if installed_version(name) != version]
    if not wanted:
        return
    PEER_DIR.mkdir(parents=True, exist_ok=True)
    # --legacy-peer-deps: the standalone bundles need none of vis-timeline's peer dependencies.
    command = ["npm", "install", "--prefix", str(PEER_DIR), "--no-audit", "--no-fund", "--legacy-peer-deps"]
    command += ["--save-exact", *wanted]
    log(f"  {' '.join(command)}")
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"npm install failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")


class StaticServer:
    """build/peers/ over HTTP on 127.0.0.1 (pages and node_modules), quiet."""

    def __init__(self, folder: Path):
        class Handler(SimpleHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def write_peer_pages(size_label: str, events: Sequence[PeerEvent]) -> dict[str, str]:
    """Writes build/peers/<tool>-<size>.html; returns {tool: path relative to build/peers}."""
    pages = {}
    for tool, stem in ((VIS, "vis-timeline"), (TJS, "timelinejs")):
        name = f"{stem}-{size_label}.html"
        (PEER_DIR / name).write_text(peer_page(tool, events), encoding="utf-8")
        pages[tool] = name
    return pages


def collection_events(folder: Path) -> list[PeerEvent]:
    """The events of a collection folder, read by this checkout's timeline package."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from timeline.load.collection import load_collection

    return peer_events(load_collection(folder).events)


# --- timing --------------------------------------------------------------------------------------------


def timed_load(
    url: str, watches: dict[str, dict], timeout: float, sink: MarkSink, log: Callable[[str], None]
) -> dict[str, Value]:
    """One cold load in a fresh Chromium: seconds from navigation start to each watch's mark."""
    times: dict[str, Value] = dict.fromkeys(watches, "skipped")
    page = Page(timeout, sink)
    try:
        page.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": watch_script(watches)})
        started = time.monotonic()
        try:
            page.driver.get(url)
        except Exception as exc:  # a page still busy at the cap: the marks may still have come
            log(f"    load: {browser_bench._as_failure(exc)}")
        for name, spec in watches.items():
            waited = [spec["count"][0]] if "count" in spec else list(spec.get("all", ()))
            try:
                times[name] = page.mark(name, waited, started) / 1000
            except StepFailed as failed:
                times[name] = failed.status
                log(f"    {name}: {failed.status}: {failed}")
    finally:
        page.quit()
    return times


def first_title(url: str, timeout: float, sink: MarkSink, log: Callable[[str], None]) -> str:
    """The title of the first event of the explorer's list, read after Dash has rendered it (untimed)."""
    item, title_css = browser_bench.SELECTORS["item"], browser_bench.SELECTORS["item_title"]
    page = Page(timeout, sink)
    try:
        page.driver.get(url)
        script = "const t = document.querySelector(arguments[0]); return t ? t.textContent.trim() : '';"
        return page.poll(lambda: page.js(script, f"{item} {title_css}"), f"'{item} {title_css}'")
    except StepFailed as failed:
        raise SystemExit(
            f"could not read the first event's title from {url} ({failed}); if the list's classes changed, "
            "update SELECTORS['item'] / ['item_title'] in bench/browser_bench.py"
        ) from failed
    finally:
        page.quit()


def bench_size(
    size: int, args: argparse.Namespace, sink: MarkSink, statics: StaticServer, log_dir: Path, log: Callable
) -> SizeResult:
    label = f"{size:,}" if size != BUNDLED_SIZE else f"{size} (AQIM)"
    log(f"\n== {label} events ==")
    data = browser_bench.collection_for(size, args.seed, log)
    events = collection_events(data)
    result = SizeResult(label=label, size=size, events=len(events))
    if size == BUNDLED_SIZE:
        result.label = f"{len(events)} (AQIM)"
    result.skipped_peers = size > args.peer_max
    pages = {} if result.skipped_peers else write_peer_pages(str(size), events)
    servers: list[browser_bench.Server] = []
    try:
        titles = []
        for root in args.roots:
            server = browser_bench.Server(data, args.start_timeout, log_dir, root=root)
            servers.append(server)
            log(f"  explorer ({root}) up in {server.startup:.1f} s; reading the first event's title (untimed load)")
            titles.append(first_title(server.url, args.timeout, sink, log))
            log(f"  first event: {titles[-1]!r}")
        gave_up: set[str] = set()  # a tool that hit the cap is not run again at this size
        for number in range(1, args.runs + 1):
            log(f"  round {number}")
            for tool in (VIS, TJS):
                if result.skipped_peers:
                    continue
                if tool in gave_up:
                    result.times[tool].append("timeout")
                    continue
                got = timed_load(
                    f"{statics.url}/{pages[tool]}", peer_watches(tool, len(events)), args.timeout, sink, log
                )
                result.times[tool].append(got[tool])
                if got[tool] == "timeout":
                    gave_up.add(tool)
                log(f"    {tool}: complete draw {fmt(got[tool])}")
            for explorer, (server, title) in enumerate(zip(servers, titles, strict=True)):
                got = timed_load(server.url, explorer_watches(title), args.timeout, sink, log)
                result.times[key(TEXT, explorer)].append(got[TEXT])
                result.times[key(GRAPHS, explorer)].append(got[GRAPHS])
                log(f"    explorer {explorer + 1}: text {fmt(got[TEXT])}, graphs {fmt(got[GRAPHS])}")
        if gave_up:
            result.notes.append(
                f"{result.label}: {', '.join(sorted(gave_up))} hit the {args.timeout:.0f} s cap; later rounds not run"
            )
    finally:
        for server in servers:
            server.stop()
    return result


def report(results: Sequence[SizeResult], args: argparse.Namespace, loads: Iterable[str]) -> str:
    names = explorer_names(args.roots)
    headers, rows = summary(results, names)
    before, after = loads
    described = [f"{name or 'explorer'}: {_describe(root)}" for name, root in zip(names, args.roots, strict=True)]
    lines = [
        f"Peers and the explorer, first screen: median of {args.runs} cold load(s) each, fresh Chromium profile, "
        "interleaved round by round.",
        f"{'; '.join(described)} · {browser_bench._chromium_version()} · {os.cpu_count()} CPUs · "
        f"1-minute load average {before} at the start, {after} at the end",
        "",
        markdown_table(headers, rows),
        "",
        "Targets (issue 12; never asserted): at 20 events text / vis-timeline ≤ 1.0 and graphs / vis-timeline ≤ 2.5; "
        "at 100,000 text ≤ 0.5 s and graphs ≤ 1.5 s.",
    ]
    if any(r.skipped_peers for r in results):
        lines.append(f"`> timeout`: the peers are not run above --peer-max {args.peer_max:,} events.")
    notes = [note for r in results for note in r.notes]
    if notes:
        lines += ["", "Notes:", *(f"- {note}" for note in notes)]
    return "\n".join(lines) + "\n"


def explorer_names(roots: Sequence[Path]) -> list[str]:
    """'' for one explorer; else each root's folder name, numbered if two share one."""
    if len(roots) == 1:
        return [""]
    names = [root.name or str(root) for root in roots]
    return [name if names.count(name) == 1 else f"{number + 1}: {name}" for number, name in enumerate(names)]


def _describe(root: Path) -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True)
        commit = head.stdout.strip() or "unknown"
        return f"{root} at {commit}{' + uncommitted changes' if dirty.stdout.strip() else ''}"
    except OSError:
        return str(root)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=browser_bench.parse_sizes, default=browser_bench.parse_sizes("20,1000,10000,100000"),
                        help="event counts; 20 means the bundled AQIM collection (default 20,1000,10000,100000)")  # fmt: skip
    parser.add_argument("--runs", type=int, default=5, help="cold loads per tool and size (default 5)")
    parser.add_argument("--peer-max", type=int, default=10000, help="largest size the peers are run at (default 10000)")
    parser.add_argument("--root", type=Path, action="append", dest="roots",
                        help="checkout whose explorer is timed (default: this one); repeat to time several, interleaved")  # fmt: skip
    parser.add_argument("--timeout", type=float, default=60, help="cap for each load, s (default 60)")
    parser.add_argument("--start-timeout", type=float, default=600, help="cap for server start-up, s (default 600)")
    parser.add_argument("--seed", type=int, default=browser_bench.make_collection.DEFAULT_SEED)
    parser.add_argument("--out", type=Path, help="also write the Markdown report to this file")
    args = parser.parse_args(argv)
    args.roots = [root.resolve() for root in args.roots or [ROOT]]
    for root in args.roots:
        if not (root / "timeline" / "__main__.py").is_file():
            parser.error(f"--root {root} is not a checkout of the explorer (no timeline/__main__.py)")
    missing = [p for p in (browser_bench.CHROMIUM, browser_bench.CHROMEDRIVER) if not os.path.exists(p)]
    if missing:
        print(f"needs Debian's chromium and chromium-driver; not found: {', '.join(missing)}", file=sys.stderr)
        return 2

    def log(line: str) -> None:
        print(line, flush=True)

    if any(size <= args.peer_max for size in args.sizes):
        ensure_peers(log)
    start_load = load1()
    began = time.perf_counter()
    results = []
    sink, statics = MarkSink(), StaticServer(PEER_DIR if PEER_DIR.is_dir() else ROOT)
    try:
        with tempfile.TemporaryDirectory(prefix="timeline-peers-") as log_dir:
            for size in args.sizes:
                results.append(bench_size(size, args, sink, statics, Path(log_dir), log))
    finally:
        with contextlib.suppress(Exception):
            statics.close()
        sink.close()
    text = report(results, args, (start_load, load1()))
    print(f"\n(total {time.perf_counter() - began:.0f} s)\n")
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
