"""A waterfall of the explorer's first load in headless Chromium: where the time to first draw goes.

    python bench/profile/waterfall.py [--variants "base;data=DIR"] [--runs 5] [--root DIR] [--json OUT] [--keep-trace DIR]

Starts bench/profile/serve_variant.py (in-process Dash server that times every request), loads the page
once untimed (warm server), then --runs times in a fresh Chromium (new profile, the flags of
bench/browser_bench.py) with:
  - a probe injected before any page script (CDP Page.addScriptToEvaluateOnNewDocument) that traps
    `window.Plotly = ...` to wrap Plotly.react/newPlot (start, synchronous return, promise settled, per
    graph), watches for each graph's traces (the bench's selectors), records long tasks, paint entries,
    fetches with their Dash output, and `performance.mark`s everything (origin: navigation start);
  - Chromium tracing (chromedriver perfLoggingPrefs.traceCategories) for main-thread work: top-level
    script evaluation per URL (EvaluateScript incl. compile), JS called from tasks per URL (FunctionCall,
    TimerFire, XHR/fetch callbacks), style/layout/paint, GC;
  - Resource Timing for every request (start, first byte, end, bytes on the wire / decoded), and the
    server's own time for each request (from serve_variant's /__timings).

Prints one run per line as it goes, then a table of medians. --json writes every run's raw data.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from browser_bench import CHROMEDRIVER, CHROMIUM, CHROMIUM_FLAGS, kill_leftovers  # noqa: E402

SEL = {
    # The plain copy's graphs count too (plotlyfirst draws them there; its ids are left out).
    "timeline": "#timeline .scatterlayer .trace, #static-page .timeline-graph .scatterlayer .trace",
    "lineage": "#lineage .scatterlayer .trace",
    "map": "#map .choroplethlocation, #map .scatterlayer .trace.scattergeo, #static-page .map-graph .choroplethlocation",
    "page": "#page .explore",
    "count": "#event-count",
}

PROBE = r"""
(() => {
  if (window.__wf) return;
  const S = %(sel)s, NEED = %(need)s, ALL = %(all)s;
  const now = () => performance.now();
  const W = window.__wf = {marks: {}, plotly: [], fetches: [], longtasks: [], graphs: {}};
  performance.mark('__probe');
  // A named busy loop the CPU profile can find: aligns its clock with performance.now().
  (function __wfClockMarker() { const t = performance.now(); W.markerAt = t; while (performance.now() - t < 3) {} })();
  const mark = (name, at) => { if (!(name in W.marks)) W.marks[name] = at === undefined ? now() : at; };
  W.mark = mark;
  // Plotly: trap the global so the calls dcc.Graph makes are timed.
  let P;
  const wrap = (obj, name) => {
    const orig = obj[name];
    if (typeof orig !== 'function' || orig.__wf) return;
    obj[name] = function (gd, ...rest) {
      const el = gd && gd.parentElement ? gd.parentElement.closest('[id]') : null;
      const id = (el && el.id) || (gd && gd.id) || '?';
      const rec = {fn: name, id: id, start: now()};
      W.plotly.push(rec);
      const out = orig.call(this, gd, ...rest);
      rec.sync = now();
      Promise.resolve(out).then(() => { rec.done = now(); }, () => { rec.done = now(); rec.error = true; });
      return out;
    };
    obj[name].__wf = true;
  };
  Object.defineProperty(window, 'Plotly', {
    configurable: true,
    get() { return P; },
    set(v) { P = v; mark('plotly_defined'); if (v) { wrap(v, 'react'); wrap(v, 'newPlot'); } },
  });
  // Dash requests: what each is, when it went out and came back (fetch resolves at headers).
  const fetch0 = window.fetch;
  window.fetch = function (input, init) {
    const url = typeof input === 'string' ? input : input.url;
    let output = '';
    try { if (init && init.body) output = JSON.parse(init.body).output || ''; } catch (e) {}
    const rec = {url: url, output: output, start: now()};
    W.fetches.push(rec);
    return fetch0.apply(this, arguments).then((r) => { rec.headers = now(); return r; });
  };
  new PerformanceObserver((l) => { for (const e of l.getEntries()) W.longtasks.push([e.startTime, e.duration]); })
    .observe({type: 'longtask', buffered: true});
  const watch = () => {
    for (const [name, css] of Object.entries(S)) {
      if (!(name in W.marks) && document.querySelector(css)) {
        if (name !== 'count' || document.querySelector(css).textContent.trim() !== '') mark(name);
      }
    }
    if (!('drawn' in W.marks) && NEED.every((n) => n in W.marks)) mark('drawn');
    if (!('all_graphs' in W.marks) && ALL.every((n) => n in W.marks)) mark('all_graphs');
  };
  new MutationObserver(watch).observe(document, {subtree: true, childList: true, characterData: true});
  const frame = () => { watch(); requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  setInterval(watch, 20);
  document.addEventListener('DOMContentLoaded', () => mark('dcl'));
})();
"""

COLLECT = r"""
const W = window.__wf;
const nav = performance.getEntriesByType('navigation')[0].toJSON();
const res = performance.getEntriesByType('resource').map((e) => ({
  name: e.name, type: e.initiatorType, start: e.startTime, fetchStart: e.fetchStart, reqStart: e.requestStart,
  ttfb: e.responseStart, end: e.responseEnd, transfer: e.transferSize, encoded: e.encodedBodySize,
  decoded: e.decodedBodySize}));
const paint = performance.getEntriesByType('paint').map((e) => [e.name, e.startTime]);
const probe = performance.getEntriesByName('__probe')[0].startTime;
const marker = W.markerAt;
return {nav, res, paint, probe, marker, marks: W.marks, plotly: W.plotly, fetches: W.fetches, longtasks: W.longtasks,
        dom: document.getElementsByTagName('*').length};
"""

TRACE_CATEGORIES = ",".join(
    [
        "devtools.timeline",
        "disabled-by-default-devtools.timeline",
        "v8.execute",
        "blink.user_timing",
        "loading",
    ]
)


def file_name(variant: str) -> str:
    """A variant ('nomap,data=build/x') as part of a file name."""
    return variant.replace(",", "+").replace("/", "_")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, variant: str, root: Path, log_dir: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = open(log_dir / f"server-{file_name(variant)}.log", "w")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [
                sys.executable,
                str(HERE / "serve_variant.py"),
                "--port",
                str(self.port),
                "--variant",
                variant,
                "--root",
                str(root),
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            cwd=str(root),
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: see {self.log.name}")
            with contextlib.suppress(OSError):
                urllib.request.urlopen(self.url, timeout=2).read()
                return
            time.sleep(0.2)
        raise RuntimeError("server did not start")

    def timings(self) -> list[dict]:
        return json.loads(urllib.request.urlopen(self.url + "__timings", timeout=10).read())

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def browser(trace: bool):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="timeline-profile-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    if trace:
        options.add_experimental_option(
            "perfLoggingPrefs", {"enableNetwork": True, "enablePage": False, "traceCategories": TRACE_CATEGORIES}
        )
    try:
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    except BaseException:
        kill_leftovers(profile)
        shutil.rmtree(profile, ignore_errors=True)
        raise
    driver.set_page_load_timeout(120)
    driver.set_script_timeout(120)
    need = [g for g in ("timeline", "map") if g in GRAPHS[0]]
    probe = PROBE % {"sel": json.dumps(SEL), "need": json.dumps(need), "all": json.dumps(sorted(GRAPHS[0]))}
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": probe})
    return driver, profile


def short(url: str) -> str:
    path = url.split("127.0.0.1", 1)[-1]
    path = path.split(":", 1)[-1] if path.startswith(":") else path
    path = path.split("/", 1)[-1] if "/" in path else path
    name = path.split("?")[0].rsplit("/", 1)[-1] or "/"
    for cut in (".v4_4_1", ".v7_4_1"):
        if cut in name:
            name = name.split(cut)[0] + ".js"
    return name


def one_run(server: Server, trace: bool, keep: Path | None, index: int, cpu: Path | None = None) -> dict:
    driver, profile = browser(trace)
    try:
        server.timings()  # clear
        if cpu:
            driver.execute_cdp_cmd("Profiler.enable", {})
            driver.execute_cdp_cmd("Profiler.setSamplingInterval", {"interval": 250})
            driver.execute_cdp_cmd("Profiler.start", {})
        driver.get(server.url)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            marks = driver.execute_script("return window.__wf.marks")
            if "all_graphs" in marks:
                break
            time.sleep(0.1)
        # let late requests (topojson, callbacks after draw) finish
        time.sleep(1.5)
        data = driver.execute_script(COLLECT)
        data["server"] = server.timings()
        if cpu:
            prof = driver.execute_cdp_cmd("Profiler.stop", {})["profile"]
            cpu.mkdir(parents=True, exist_ok=True)
            (cpu / f"run-{index}.cpuprofile").write_text(json.dumps(prof))
            data["cpu"] = cpu_summary(prof, data)
        if trace:
            data["trace"] = trace_summary(driver, data, keep, index)
        return data
    finally:
        try:
            driver.quit()
        finally:
            kill_leftovers(profile)
            shutil.rmtree(profile, ignore_errors=True)


GRAPHS = [{"timeline", "map"}]  # graphs the variant has (the lineage is drawn only on demand); set in main()


def trace_summary(driver, data: dict, keep: Path | None, index: int) -> dict:
    events = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Tracing.dataCollected":
            events.append(message["params"])
    if keep:
        keep.mkdir(parents=True, exist_ok=True)
        (keep / f"trace-{index}.json").write_text(json.dumps({"traceEvents": events}))
    probe = next((e for e in events if e.get("name") == "__probe" and e.get("ph") in ("R", "I", "n", "b", "i")), None)
    if probe is None:
        return {"error": "no __probe mark in trace", "events": len(events)}
    origin = probe["ts"] - data["probe"] * 1000  # trace clock, µs, of navigation start
    pid, tid = probe["pid"], probe["tid"]
    main = [e for e in events if e.get("pid") == pid and e.get("tid") == tid and e.get("ph") == "X"]

    def ms(ts):
        return (ts - origin) / 1000

    out: dict = {"evaluate": defaultdict(float), "js": defaultdict(float), "other": defaultdict(float), "tasks": []}
    # top-level tasks
    tasks = sorted(
        (e for e in main if e["name"] in ("RunTask", "ThreadControllerImpl::RunTask")), key=lambda e: e["ts"]
    )
    for t in tasks:
        out["tasks"].append([ms(t["ts"]), t.get("dur", 0) / 1000])
    for e in main:
        name, dur = e["name"], e.get("dur", 0) / 1000
        args = e.get("args", {}).get("data", {}) or {}
        if name == "EvaluateScript":
            out["evaluate"][short(args.get("url", "")) or "inline"] += dur
            out.setdefault("evaluate_at", {}).setdefault(short(args.get("url", "")) or "inline", [ms(e["ts"]), dur])
        elif name in (
            "FunctionCall",
            "TimerFire",
            "FireAnimationFrame",
            "EventDispatch",
            "XHRReadyStateChange",
            "V8.Execute",
            "RunMicrotasks",
            "v8.run",
        ):
            key = f"{name}:{short(args.get('url', '')) if args.get('url') else ''}"
            out["js"][key] += dur
        elif name in (
            "Layout",
            "UpdateLayoutTree",
            "Paint",
            "PrePaint",
            "Layerize",
            "UpdateLayer",
            "MinorGC",
            "MajorGC",
            "V8.GC_SCAVENGER",
            "ParseHTML",
            "ParseAuthorStyleSheet",
            "v8.compile",
            "v8.parseOnBackground",
            "v8.compileModule",
            "HitTest",
            "ScheduleStyleRecalculation",
            "Commit",
            "CompositeLayers",
        ):
            out["other"][name] += dur
    # Main-thread CPU time (tdur: thread time, robust to other processes taking the CPU) per phase.
    tops = [e for e in tasks if "tdur" in e]
    router = next((f for f in data["fetches"] if "page.children" in f["output"]), None)
    first_react = min((c["start"] for c in data["plotly"]), default=None)
    bounds = [
        ("cpu: nav -> sync scripts done", 0, data["nav"]["domInteractive"]),
        ("cpu: scripts done -> router answer / page", data["nav"]["domInteractive"], data["marks"].get("page", 0)),
        ("cpu: page -> first Plotly.react", data["marks"].get("page", 0), first_react or 0),
        ("cpu: first Plotly.react -> first draw", first_react or 0, data["marks"].get("drawn", 0)),
    ]
    del router
    out["cpu_phases"] = {}
    for name, lo, hi in bounds:
        total = 0.0
        for e in tops:
            s0, s1 = ms(e["ts"]), ms(e["ts"] + e.get("dur", 0))
            if s1 <= lo or s0 >= hi or s1 <= s0:
                continue
            frac = (min(s1, hi) - max(s0, lo)) / (s1 - s0)
            total += e["tdur"] / 1000 * frac
        out["cpu_phases"][name] = total
    out["cpu_to_drawn"] = sum(out["cpu_phases"].values())
    out["busy_to_drawn"] = sum(
        min(d, max(0.0, data["marks"].get("drawn", 1e9) - s))
        for s, d in out["tasks"]
        if s < data["marks"].get("drawn", 1e9)
    )
    out["events"] = len(events)
    return {k: (dict(v) if isinstance(v, defaultdict) else v) for k, v in out.items()}


def cpu_summary(prof: dict, data: dict) -> dict:
    """Self time per script URL (and top functions) from navigation start to first draw, from a V8 CPU profile."""
    nodes = {n["id"]: n for n in prof["nodes"]}
    t = prof["startTime"]
    times = []
    for dt in prof["timeDeltas"]:
        t += dt
        times.append(t)
    marker_us = next(
        (
            times[i]
            for i, sid in enumerate(prof["samples"])
            if nodes[sid]["callFrame"]["functionName"] == "__wfClockMarker"
        ),
        None,
    )
    if marker_us is None:
        return {"error": "marker not sampled"}
    origin = marker_us - data["marker"] * 1000
    windows = {"to_draw": (0, data["marks"].get("drawn", 1e12))}
    plot = [c for c in data["plotly"] if "done" in c]
    out: dict = {}
    for wname, (lo, hi) in windows.items():
        per_url: dict = defaultdict(float)
        per_fn: dict = defaultdict(float)
        for i, sid in enumerate(prof["samples"]):
            at = (times[i] - origin) / 1000
            if not lo <= at < hi:
                continue
            dur = (times[i + 1] - times[i]) / 1000 if i + 1 < len(times) else 0
            cf = nodes[sid]["callFrame"]
            url = short(cf["url"]) if cf["url"] else f"({cf['functionName'] or 'anonymous'})"
            per_url[url] += dur
            per_fn[f"{cf['functionName'] or '(anon)'} {url}:{cf['lineNumber']}:{cf['columnNumber']}"] += dur
        out[wname] = {"url": dict(per_url), "fn": dict(sorted(per_fn.items(), key=lambda kv: -kv[1])[:40])}
    del plot
    return out


def phases(run: dict) -> dict[str, float]:
    """The waterfall of one run, in ms since navigation start (and a few durations)."""
    nav, m = run["nav"], run["marks"]
    res = {short(r["name"]): r for r in run["res"]}
    p: dict[str, float] = {}
    p["html ttfb"] = nav["responseStart"]
    p["html end"] = nav["responseEnd"]
    scripts = [r for r in run["res"] if r["type"] == "script"]
    p["scripts: last downloaded"] = max((r["end"] for r in scripts if "async-" not in r["name"]), default=0)
    p["plotly defined (bundle evaluated)"] = m.get("plotly_defined", float("nan"))
    p["domInteractive (all sync scripts run)"] = nav["domInteractive"]
    p["DOMContentLoaded"] = nav["domContentLoadedEventEnd"]
    fp = dict(run["paint"])
    p["first contentful paint"] = fp.get("first-contentful-paint", float("nan"))
    for key, label in (("_dash-layout", "_dash-layout"), ("_dash-dependencies", "_dash-dependencies")):
        r = res.get(key)
        if r:
            p[f"{label} start"] = r["start"]
            p[f"{label} end"] = r["end"]
    posts = [r for r in run["res"] if "_dash-update-component" in r["name"]]
    router = next((f for f in run["fetches"] if "page.children" in f["output"]), None)
    if router:
        r = next((x for x in posts if abs(x["start"] - router["start"]) < 50), None)
        p["router POST start"] = router["start"]
        if r:
            p["router POST ttfb"] = r["ttfb"]
            p["router POST end"] = r["end"]
    srv = [s for s in run.get("server", []) if "page.children" in s["output"]]
    if srv:
        p["router server ms (dur)"] = srv[0]["ms"]
        p["router server CPU ms (dur)"] = srv[0].get("cpu_ms", float("nan"))
        p["router bytes on wire"] = srv[0]["bytes"]
    for path, label in (("/", "GET /"), ("/_dash-layout", "_dash-layout")):
        served = [s for s in run.get("server", []) if s["path"] == path]
        if served:
            p[f"{label} server ms (dur)"] = served[0]["ms"]
            p[f"{label} bytes on wire"] = served[0]["bytes"]
    p["#page rendered (explore div)"] = m.get("page", float("nan"))
    for name in (
        "plotly-geo.min.js",
        "async-graph.js",
        "async-dropdown.js",
        "plotly.min.js",
        "africa_50m.json",
        "africa_110m.json",
    ):
        r = res.get(name)
        if r:
            p[f"{name} start"] = r["start"]
            p[f"{name} end"] = r["end"]
    for graph in ("timeline", "lineage", "map"):
        calls = [c for c in run["plotly"] if c["id"] == graph]
        if calls:
            c = calls[0]
            p[f"Plotly.react {graph} start"] = c["start"]
            p[f"Plotly.react {graph} sync ms (dur)"] = c["sync"] - c["start"]
            if "done" in c:
                p[f"Plotly.react {graph} settled"] = c["done"]
        if graph in m:
            p[f"{graph} traces present"] = m[graph]
    p["FIRST DRAW (timeline+map)"] = m.get("drawn", float("nan"))
    extra = [s for s in run.get("server", []) if s.get("output") and "page.children" not in s["output"]]
    p["extra callbacks on load: count"] = len(extra)
    p["extra callbacks on load: server CPU ms (dur)"] = sum(s.get("cpu_ms", 0) for s in extra)
    p["all graphs"] = m.get("all_graphs", float("nan"))
    p["#event-count text"] = m.get("count", float("nan"))
    lt = run["longtasks"]
    drawn = m.get("drawn", 1e9)
    p["long tasks before draw: count"] = sum(1 for s, d in lt if s < drawn)
    p["long tasks before draw: total ms (dur)"] = sum(d for s, d in lt if s < drawn)
    p["longest task ms (dur)"] = max((d for s, d in lt if s < drawn), default=0)
    p["requests"] = len(run["res"]) + 1
    p["KB on wire (transferSize)"] = (sum(r["transfer"] for r in run["res"]) + nav["transferSize"]) / 1024
    p["KB decoded"] = (sum(r["decoded"] for r in run["res"]) + nav["decodedBodySize"]) / 1024
    tr = run.get("trace")
    if tr and "evaluate" in tr:
        for url, d in sorted(tr["evaluate"].items(), key=lambda kv: -kv[1]):
            p[f"[main] evaluate {url} (dur)"] = d
        for key, d in sorted(tr["js"].items(), key=lambda kv: -kv[1])[:12]:
            p[f"[main] {key} (dur)"] = d
        for key, d in sorted(tr["other"].items(), key=lambda kv: -kv[1]):
            p[f"[main] {key} (dur)"] = d
        p["[main] busy before first draw (dur)"] = tr["busy_to_drawn"]
        for name, v in tr.get("cpu_phases", {}).items():
            p[f"[main thread CPU] {name} (dur)"] = v
        p["[main thread CPU] total nav -> first draw (dur)"] = tr.get("cpu_to_drawn", float("nan"))
    cpu = run.get("cpu", {}).get("to_draw")
    if cpu:
        for url, d in sorted(cpu["url"].items(), key=lambda kv: -kv[1]):
            if d >= 5:
                p[f"[cpu self, nav->draw] {url} (dur)"] = d
    return p


def median_table(runs: list[dict]) -> list[tuple[str, float, float, float]]:
    keys: list[str] = []
    for r in runs:
        for k in r:
            if k not in keys:
                keys.append(k)
    rows = []
    for k in keys:
        vals = [r[k] for r in runs if k in r and r[k] == r[k]]
        if vals:
            rows.append((k, statistics.median(vals), min(vals), max(vals)))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--variants",
        default="base",
        help="semicolon-separated serve_variant.py variants, e.g. 'base;nomap;cache,direct'; "
        "runs are interleaved round by round so load drift hits all alike",
    )
    parser.add_argument("--runs", type=int, default=5, help="rounds (one run of every variant per round)")
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument(
        "--trace",
        action="store_true",
        help="with Chromium tracing (main-thread attribution; slows the page, so not for timing comparisons)",
    )
    parser.add_argument("--json", type=Path, help="write raw runs here")
    parser.add_argument("--keep-trace", type=Path, help="write each run's trace events (chrome://tracing format) here")
    parser.add_argument(
        "--cpuprofile",
        type=Path,
        help="record a V8 CPU profile per run (written here) and add self time per script to the table",
    )
    parser.add_argument("--full", action="store_true", help="print every phase for every variant (default: base only)")
    args = parser.parse_args()
    variants = [v.strip() for v in args.variants.split(";") if v.strip()]
    load0 = " ".join(f"{x:.2f}" for x in os.getloadavg())
    raw: dict = {v: [] for v in variants}
    table: dict = {v: [] for v in variants}
    loads = []
    with tempfile.TemporaryDirectory(prefix="timeline-profile-") as log_dir:
        servers = {}
        try:
            for v in variants:
                servers[v] = Server(v, args.root, Path(log_dir))
                servers[v].graphs = {g for g in ("timeline", "map") if f"no{g}" not in v}
                GRAPHS[0] = servers[v].graphs
                one_run(servers[v], False, None, 0)  # warm-up, untimed
            for i in range(1, args.runs + 1):
                order = variants[i % len(variants) :] + variants[: i % len(variants)]
                for v in order:
                    GRAPHS[0] = servers[v].graphs
                    cpu = args.cpuprofile / file_name(v) if args.cpuprofile else None
                    run = one_run(servers[v], args.trace, args.keep_trace, i, cpu)
                    run["load1"] = os.getloadavg()[0]
                    loads.append(run["load1"])
                    raw[v].append(run)
                    ph = phases(run)
                    table[v].append(ph)
                    print(
                        f"round {i} {v}: first draw {ph.get('FIRST DRAW (timeline+map)', float('nan')):.0f} ms, "
                        f"_dash-layout server {ph.get('_dash-layout server ms (dur)', float('nan')):.0f} ms, callbacks on load "
                        f"{ph.get('extra callbacks on load: count', float('nan')):.0f}, load {run['load1']:.2f}",
                        flush=True,
                    )
        finally:
            for server in servers.values():
                server.stop()
    print(
        f"\n{args.runs} rounds; load average (1 min) at start {load0}, during runs median "
        f"{statistics.median(loads):.2f} (min {min(loads):.2f}, max {max(loads):.2f}); "
        f"trace {'on' if args.trace else 'off'}\n"
    )
    print(
        "| variant | first draw median ms | min | max | _dash-layout end | _dash-layout server ms | "
        "Plotly.react timeline sync ms | long tasks before draw ms |\n|---|---|---|---|---|---|---|---|"
    )
    for v in variants:
        rows = {k: (m, lo, hi) for k, m, lo, hi in median_table(table[v])}
        fd = rows.get("FIRST DRAW (timeline+map)", (float("nan"),) * 3)
        get = lambda k, rows=rows: rows.get(k, (float("nan"),))[0]  # noqa: E731
        print(
            f"| {v} | {fd[0]:.0f} | {fd[1]:.0f} | {fd[2]:.0f} | {get('_dash-layout end'):.0f} | "
            f"{get('_dash-layout server ms (dur)'):.0f} | {get('Plotly.react timeline sync ms (dur)'):.0f} | "
            f"{get('long tasks before draw: total ms (dur)'):.0f} |"
        )
    for v in variants if args.full else variants[:1]:
        print(f"\nvariant {v}: medians of {args.runs} runs (min, max)\n")
        print("| phase (ms since navigation start unless 'dur') | median | min | max |\n|---|---|---|---|")
        for k, med, lo, hi in median_table(table[v]):
            print(f"| {k} | {med:.0f} | {lo:.0f} | {hi:.0f} |")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"variants": variants, "load": load0, "runs": raw, "phases": table}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
