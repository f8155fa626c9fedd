"""`python bench/browser_bench.py [--sizes 20,1000,10000,100000] [--runs 3] [--out FILE.md]`.

For each size: a collection (the bundled AQIM one for 20, a cached synthetic
one from bench/make_collection.py otherwise), a real `python -m timeline
serve` process, and for each run a fresh headless Chromium (new profile, every
host but 127.0.0.1 unresolvable, the flags of tests/browser/conftest.py).
Measured per run:

  first draw   navigation start -> #timeline and #map both have plotly traces
  ready        navigation start -> #event-count shows a count (the initial callback is done)
  filter       pointer down on the 'Attack' option -> count changed and the timeline redrawn
  select       pointer down on the first event in the list -> its title in #detail
  first load   bytes over the network until the page is ready and quiet
  JS heap      used V8 heap after load, after a forced GC (CDP Runtime.getHeapUsage)
  DOM nodes    elements in the page after load

and per size: server start-up (process start -> first HTTP 200) and the
server's RSS after the runs. Times are taken inside the page with
performance.now() (origin: navigation start) by a probe injected before any
page script runs, which checks its conditions on every animation frame and
every 20 ms, and posts each mark to a loopback listener of the bench
(navigator.sendBeacon): WebDriver round trips do not count, and a page that
draws and then freezes still reports when it drew. Medians of the runs are
printed as one Markdown table, then ratios to the first size.

The machine this runs on is shared and noisy: compare medians, not single runs.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import make_collection  # noqa: E402  (a sibling script, found through the path set just above)

CHROMIUM = os.environ.get("TIMELINE_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("TIMELINE_CHROMEDRIVER", "/usr/bin/chromedriver")
CACHE = ROOT / "build" / "bench" / "collections"
# --phone 390x664: each browser emulates a phone (a mobile viewport and a touch screen, as tests/browser/
# conftest.py's emulate_phone does). The filter step then fails (the categories are folded on a phone).
PHONE: tuple[int, int] | None = None
BUNDLED_SIZE = 20  # the size label that means "the bundled AQIM collection"

# The same flags as tests/browser/conftest.py (profile added per run): offline apart from 127.0.0.1.
CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1440,1000",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
)

# Every selector the bench depends on, so a timeout can say which one never matched.
SELECTORS = {
    "timeline": "#timeline .scatterlayer .trace",
    "map": "#map .choroplethlocation, #map .scatterlayer .trace.scattergeo",
    "timeline_plot": "#timeline .js-plotly-plot",
    "count": "#event-count",
    "category": "#category-filter",
    "option": "[role=option]",
    "item": ".event-item",
    "item_title": ".item-title",
    "detail_title": "#detail .detail-title",
    "search": "#search",
}
SEARCHES = 4  # words searched per run (the most frequent words of the titles); the run keeps their median
OPTION_TEXT = "Attack"

# Injected with Page.addScriptToEvaluateOnNewDocument, so it runs before Dash and sees the whole load.
PROBE = """
(() => {
  if (window.__bench) return;
  const S = %(selectors)s, SINK = %(sink)s;
  const now = () => performance.now();
  // Each mark is also posted to the bench's listener: it arrives even if the page then freezes
  // for minutes, when WebDriver cannot reach the page at all.
  const post = (name, data) => { try { navigator.sendBeacon(SINK + '/' + name, JSON.stringify(data)); } catch (e) {} };
  const B = window.__bench = {marks: {}, watches: {}, inflight: 0, lastNet: 0, lastPointer: null,
                              afterplot: null, oldPlot: null};
  const has = (css) => document.querySelector(css) !== null;
  const text = (css) => { const e = document.querySelector(css); return e ? e.textContent.trim() : ''; };
  B.has = has; B.text = text;
  // Network activity, so the bench can wait for Dash to go quiet before it clicks.
  const fetch0 = window.fetch;
  window.fetch = function (...args) {
    B.inflight++; B.lastNet = now();
    return fetch0.apply(this, args).finally(() => { B.inflight--; B.lastNet = now(); });
  };
  const send0 = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (...args) {
    B.inflight++; B.lastNet = now();
    this.addEventListener('loadend', () => { B.inflight--; B.lastNet = now(); });
    return send0.apply(this, args);
  };
  // fetch() settles when headers arrive; a resource entry is added when the body has been read.
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (!e.name.startsWith(SINK)) B.lastNet = Math.max(B.lastNet, e.responseEnd);
    }
  }).observe({type: 'resource', buffered: true});
  document.addEventListener('pointerdown', () => { B.lastPointer = now(); }, true);
  // A search is committed by Enter: its keydown starts the search timing, as a pointer down does a click's.
  document.addEventListener('keydown', (e) => { if (e.key === 'Enter') B.lastPointer = now(); }, true);
  B.watch = (name, check) => { delete B.marks[name]; B.watches[name] = check; };
  const tick = () => {
    for (const [name, check] of Object.entries(B.watches)) {
      let ok = false;
      try { ok = check(); } catch (e) { ok = false; }
      if (ok) {
        const at = now();
        B.marks[name] = at; delete B.watches[name];
        post(name, {at: at, pointer: B.lastPointer});
      }
    }
  };
  B.watch('timeline', () => has(S.timeline));
  B.watch('map', () => has(S.map));
  B.watch('drawn', () => has(S.timeline) && has(S.map));
  B.watch('ready', () => text(S.count) !== '');
  // Both loops: rAF is when a frame is painted, the timer covers frames that are not produced.
  const frame = () => { tick(); requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  setInterval(tick, 20);
})();
"""

WAIT_IDLE = """
const [quietMs, timeoutMs, done] = arguments;
const B = window.__bench;
const start = performance.now();
(function poll() {
  const t = performance.now();
  if (B.inflight === 0 && t - B.lastNet >= quietMs) { done(true); return; }
  if (t - start > timeoutMs) { done(false); return; }
  setTimeout(poll, 20);
})();
"""

Value = float | str  # a measurement, or 'timeout' / 'error' / 'skipped'


class StepFailed(Exception):
    """A step gave up; `status` ('timeout' or 'error') is what the table shows for it."""

    def __init__(self, status: str, message: str):
        super().__init__(message)
        self.status = status


@dataclass
class SizeResult:
    label: str
    size: int
    events: int | None = None
    startup: list[Value] = field(default_factory=list)
    runs: list[dict[str, Value]] = field(default_factory=list)
    rss_mb: Value = "skipped"
    peak_rss_mb: Value = "skipped"
    notes: list[str] = field(default_factory=list)


# --- helpers kept free of selenium so tests/test_bench_tools.py can check them --------------------------


def median(values: Sequence[Value]) -> Value:
    """Median of the numeric values; a status when none is numeric ('timeout' wins over 'error' etc.)."""
    numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
    if numbers:
        return statistics.median(numbers)
    for status in ("timeout", "error", "skipped"):
        if status in values:
            return status
    return "skipped"


def fmt(value: Value, digits: int = 2, failed: int = 0) -> str:
    """'1.23', 'timeout', or '1.23 (1 timeout)' when some runs failed."""
    if not isinstance(value, int | float):
        return str(value)
    text = f"{value:,.{digits}f}"
    return f"{text} ({failed} failed)" if failed else text


def ratio(value: Value, base: Value) -> str:
    """'×3.4' of value over base; '–' when either is not a number or base is zero."""
    if not isinstance(value, int | float) or not isinstance(base, int | float) or base == 0:
        return "–"
    return f"×{value / base:,.1f}"


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table, columns padded so it also reads well as plain text."""
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) for i, h in enumerate(headers)]
    lines = ["| " + " | ".join(str(h).ljust(w) for h, w in zip(headers, widths, strict=True)) + " |"]
    lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        lines.append("| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
    return "\n".join(lines)


def publish(text: str, out: Path | None) -> None:
    """Prints a report and, with --out, writes it to that file too."""
    print("\n" + text)
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text + "\n", encoding="utf-8")


def parse_sizes(text: str) -> list[int]:
    """'20,1000,10k,100k' -> [20, 1000, 10000, 100000]."""
    sizes = []
    for part in text.split(","):
        part = part.strip().lower().replace("_", "")
        if not part:
            continue
        scale = 1000 if part.endswith("k") else 1
        sizes.append(int(float(part.rstrip("k")) * scale))
    if not sizes or any(s < 1 for s in sizes):
        raise argparse.ArgumentTypeError(f"expected sizes such as 20,1000,10000; got '{text}'")
    return sizes


# (column header, key in a run's dict, digits)
RUN_COLUMNS = (
    ("first draw s", "first_draw", 2),
    ("ready s", "ready", 2),
    ("filter s", "filter", 2),
    ("select s", "select", 2),
    ("search s", "search", 2),
    ("first load MB", "load_mb", 2),
    ("JS heap MB", "heap_mb", 1),
    ("DOM nodes", "dom_nodes", 0),
)


def summary_rows(results: Sequence[SizeResult]) -> tuple[list[str], list[list[str]], list[list[str]]]:
    """Headers, the medians table's rows and the ratios table's rows (ratios to the first result)."""
    headers = ["events", "server start s", *(c[0] for c in RUN_COLUMNS), "server RSS MB"]
    rows, ratios = [], []
    base = results[0] if results else None
    for result in results:
        cells = [result.label, fmt(median(result.startup), 2, _failed(result.startup))]
        ratio_cells = [result.label, ratio(median(result.startup), median(base.startup))]
        for _, key, digits in RUN_COLUMNS:
            values = [run.get(key, "skipped") for run in result.runs]
            cells.append(fmt(median(values), digits, _failed(values)))
            ratio_cells.append(ratio(median(values), median([run.get(key, "skipped") for run in base.runs])))
        cells.append(fmt(result.rss_mb, 0))
        ratio_cells.append(ratio(result.rss_mb, base.rss_mb))
        rows.append(cells)
        ratios.append(ratio_cells)
    return headers, rows, ratios


def _failed(values: Sequence[Value]) -> int:
    numeric = sum(isinstance(v, int | float) for v in values)
    return len(values) - numeric if numeric else 0


# --- the server ----------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`python -m timeline serve --data DIR --port P`, as tests/servers.py starts it, timed to its first 200.

    `root` is the checkout whose `timeline` package serves (run from there, `-m` imports it first).
    """

    def __init__(self, data: Path, timeout: float, log_dir: Path, root: Path = ROOT):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        # A log file, not a pipe: werkzeug logs every request, and a full pipe would stall the server.
        self.log_path = log_dir / f"server-{self.port}.log"
        self.log = self.log_path.open("w")
        command = [sys.executable, "-m", "timeline", "serve", "--data", str(data), "--port", str(self.port)]
        began = time.perf_counter()
        self.process = subprocess.Popen(command, cwd=root, stdout=self.log, stderr=subprocess.STDOUT)
        self.startup: Value = "timeout"
        deadline = began + timeout
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                lines = self.output().strip().splitlines() or ["(no output)"]
                self.stop()
                print("\n".join(lines[-20:]), file=sys.stderr)
                raise StepFailed("error", f"server exited with {self.process.returncode}: {lines[-1]}")
            try:
                with urllib.request.urlopen(self.url, timeout=5) as response:
                    if response.status == 200:
                        self.startup = time.perf_counter() - began
                        return
            except (OSError, urllib.error.URLError):
                time.sleep(0.05)
        self.stop()
        raise StepFailed("timeout", f"server gave no HTTP 200 within {timeout:.0f} s")

    def output(self) -> str:
        if not self.log.closed:
            self.log.flush()
        return self.log_path.read_text(errors="replace")

    def events(self) -> int | None:
        """The event count the server printed on start ('... (22 events) at http://...')."""
        match = re.search(r"\((\d+) events\)", self.output())
        return int(match.group(1)) if match else None

    def rss_mb(self) -> tuple[Value, Value]:
        """(current, peak) resident memory of the server process, from /proc."""
        try:
            status = Path(f"/proc/{self.process.pid}/status").read_text()
        except OSError:
            return "error", "error"
        kb = {k: int(v.split()[0]) for k, v in re.findall(r"^(VmRSS|VmHWM):\s+(.+)$", status, re.M)}
        return kb.get("VmRSS", 0) / 1024, kb.get("VmHWM", 0) / 1024

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


# --- the browser ---------------------------------------------------------------------------------------


class MarkSink:
    """A loopback HTTP listener the in-page probe posts its marks to (navigator.sendBeacon).

    WebDriver reaches the page through its main thread, so a page that draws and then stays busy
    for minutes cannot answer it; a beacon leaves the page as soon as the mark is taken.
    """

    def __init__(self):
        self.marks: dict[tuple[str, str], dict] = {}
        self.changed = threading.Condition()
        sink = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # the name http.server calls
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                parts = self.path.strip("/").split("/")  # mark/<page token>/<name>
                try:
                    value = json.loads(body)
                except ValueError:
                    value = None
                if len(parts) == 3 and parts[0] == "mark" and isinstance(value, dict):
                    with sink.changed:
                        sink.marks[(parts[1], parts[2])] = value
                        sink.changed.notify_all()
                self.send_response(204)
                self.send_header("Access-Control-Allow-Origin", "*")
                self.end_headers()

            def log_message(self, *args) -> None:  # quiet: one line per mark is noise
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def wait(self, token: str, name: str, until: float) -> dict | None:
        """The mark {at, pointer} of page `token`, or None if it has not come by time.monotonic() `until`."""
        with self.changed:
            while (token, name) not in self.marks:
                remaining = until - time.monotonic()
                if remaining <= 0:
                    return None
                self.changed.wait(min(remaining, 1.0))
            return self.marks[(token, name)]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def kill_leftovers(profile: str) -> int:
    """Kill, by pid, processes whose command line names our private profile folder: Chromium left behind."""
    killed = 0
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            command = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        if f"--user-data-dir={profile}".encode() in command:
            with contextlib.suppress(OSError):
                os.kill(int(proc.name), signal.SIGKILL)
                killed += 1
    return killed


class Page:
    """One fresh headless Chromium with the probe installed; everything is undone by quit()."""

    def __init__(self, timeout: float, sink: MarkSink):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        self.timeout = timeout
        self.sink = sink
        self.profile = tempfile.mkdtemp(prefix="timeline-bench-chromium-")
        self.token = Path(self.profile).name  # unique per page: marks of other runs cannot mix in
        self.beacons = f"{sink.url}/mark/{self.token}"
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for argument in (*CHROMIUM_FLAGS, f"--user-data-dir={self.profile}"):
            options.add_argument(argument)
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
        try:
            self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        except BaseException:  # Ctrl+C included: never leave a browser or a profile behind
            kill_leftovers(self.profile)
            shutil.rmtree(self.profile, ignore_errors=True)
            raise
        # chromedriver gives up on a page whose main thread is busy after the page-load timeout: the cap.
        self.driver.set_page_load_timeout(timeout)
        self.driver.set_script_timeout(timeout)
        # WebDriver's HTTP client would give up after 120 s whatever the cap; let chromedriver's limits act.
        self.client_timeout = timeout + 30
        self.driver.command_executor.client_config.timeout = self.client_timeout
        if PHONE is not None:
            self.driver.execute_cdp_cmd(
                "Emulation.setDeviceMetricsOverride",
                {"width": PHONE[0], "height": PHONE[1], "deviceScaleFactor": 2, "mobile": True},
            )
            self.driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 5})
        probe = PROBE % {"selectors": json.dumps(SELECTORS), "sink": json.dumps(self.beacons)}
        self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": probe})

    def js(self, script: str, *args):
        return self.driver.execute_script(script, *args)

    def mark(self, name: str, waited_for: Sequence[str], started: float, since_click: bool = False) -> float:
        """ms from navigation start (or with `since_click`, from the pointer down) to the probe's mark `name`.

        `started` is time.monotonic() when the step began (navigation or click). The cap counts from
        the navigation start, or with `since_click` from the pointer down; a mark not reached within
        it is StepFailed('timeout') naming the selectors waited for and what each matched.
        """
        got = self.sink.wait(self.token, name, started + self.timeout)
        if got is None:
            raise StepFailed(
                "timeout", f"'{name}' not reached within {self.timeout:.0f} s: {self.diagnose(waited_for)}"
            )
        origin = (got.get("pointer") or 0.0) if since_click else 0.0
        if got["at"] - origin > self.timeout * 1000:
            took = (got["at"] - origin) / 1000
            raise StepFailed("timeout", f"'{name}' reached after {took:.0f} s, over the {self.timeout:.0f} s cap")
        return got["at"] - origin

    def diagnose(self, selectors: Sequence[str]) -> str:
        """How many elements each selector matches now, asked with a short limit: the page may be frozen."""
        config = self.driver.command_executor.client_config
        config.timeout = 15
        try:
            found = self.js(
                "return arguments[0].map(css => [css, document.querySelectorAll(css).length]);", list(selectors)
            )
            return ", ".join(f"'{css}' matched {count}" for css, count in found)
        except Exception:
            return f"the page did not answer within 15 s (main thread busy); waited for {', '.join(selectors)}"
        finally:
            config.timeout = self.client_timeout

    def wait_idle(self, quiet_ms: float = 400) -> None:
        """Until no request has been in flight for `quiet_ms`: Dash has finished its callbacks."""
        deadline = time.monotonic() + self.timeout
        while not self.driver.execute_async_script(WAIT_IDLE, quiet_ms, 2000):
            if time.monotonic() > deadline:
                raise StepFailed("timeout", f"network still busy after {self.timeout:.0f} s")

    def poll(self, find: Callable[[], object], what: str) -> object:
        """Poll a WebDriver lookup (not timed: used only to find what to click)."""
        deadline = time.monotonic() + self.timeout
        error: Exception | None = None
        while time.monotonic() < deadline:
            try:
                found = find()
                if found:
                    return found
            except Exception as exc:  # the DOM may be mid-render; try again
                error = exc
            time.sleep(0.05)
        raise StepFailed("timeout", f"{what} not found within {self.timeout:.0f} s ({error or 'no match'})")

    def loaded_bytes(self) -> int:
        """Bytes received (encoded, as on the wire) for every request finished so far; drains the log."""
        total = 0
        beacons: set[str] = set()  # request ids of the probe's own posts, not part of the page
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            params = message.get("params", {})
            if message["method"] == "Network.requestWillBeSent" and params["request"]["url"].startswith(self.beacons):
                beacons.add(params["requestId"])
            elif message["method"] == "Network.loadingFinished" and params.get("requestId") not in beacons:
                total += int(params.get("encodedDataLength", 0))
        return total

    def heap_mb(self) -> float:
        try:
            self.driver.execute_cdp_cmd("HeapProfiler.collectGarbage", {})
            return self.driver.execute_cdp_cmd("Runtime.getHeapUsage", {})["usedSize"] / 2**20
        except Exception:  # older drivers: fall back to the page's (coarser) figure
            return self.js("return performance.memory ? performance.memory.usedJSHeapSize : 0") / 2**20

    def click(self, element) -> None:
        """A real mouse click; if something covers the element, a DOM click so the run can go on."""
        from selenium.common.exceptions import ElementClickInterceptedException

        try:
            element.click()
        except ElementClickInterceptedException:
            self.js("arguments[0].dispatchEvent(new PointerEvent('pointerdown', {bubbles: true}));", element)
            self.js("arguments[0].click();", element)

    def quit(self) -> None:
        try:
            self.driver.command_executor.client_config.timeout = 30
            self.driver.quit()
        except Exception:  # chromedriver stuck on a frozen page: stop it, the sweep below does the rest
            with contextlib.suppress(Exception):
                self.driver.service.stop()
        finally:
            kill_leftovers(self.profile)
            shutil.rmtree(self.profile, ignore_errors=True)


def one_run(
    url: str, timeout: float, sink: MarkSink, log: Callable[[str], None], words: Sequence[str] = ()
) -> dict[str, Value]:
    """One fresh browser: first load, a category filter, an event selection, searches for `words`."""
    run: dict[str, Value] = {key: "skipped" for _, key, _ in RUN_COLUMNS}
    page = Page(timeout, sink)
    try:
        try:
            started = time.monotonic()
            page.driver.get(url)
            run["first_draw"] = page.mark("drawn", [SELECTORS["timeline"], SELECTORS["map"]], started) / 1000
            run["ready"] = page.mark("ready", [SELECTORS["count"]], started) / 1000
            drawn = {name: page.mark(name, [], started) / 1000 for name in ("timeline", "map")}
            log(f"    drawn: timeline {drawn['timeline']:.2f} s, map {drawn['map']:.2f} s")
            page.wait_idle()
            run["load_mb"] = page.loaded_bytes() / 1e6
            run["heap_mb"] = page.heap_mb()
            run["dom_nodes"] = page.js("return document.getElementsByTagName('*').length")
        except StepFailed as failed:
            _fail(run, ("first_draw", "ready", "load_mb", "heap_mb", "dom_nodes"), failed, log)
            return run  # nothing to interact with
        except Exception as exc:  # a WebDriver error (e.g. page load timeout): report it, keep going
            _fail(run, ("first_draw", "ready", "load_mb", "heap_mb", "dom_nodes"), _as_failure(exc), log)
            return run
        try:
            run["filter"] = _filter(page) / 1000
        except Exception as exc:
            _fail(run, ("filter",), _as_failure(exc), log)
        try:
            run["select"] = _select(page) / 1000
        except Exception as exc:
            _fail(run, ("select",), _as_failure(exc), log)
        if words:
            try:
                took = [_search(page, word) / 1000 for word in words]
                log(f"    search: {', '.join(f'{w} {t:.2f} s' for w, t in zip(words, took, strict=True))}")
                run["search"] = statistics.median(took)
            except Exception as exc:
                _fail(run, ("search",), _as_failure(exc), log)
        return run
    finally:
        page.quit()


def _as_failure(exc: Exception) -> StepFailed:
    if isinstance(exc, StepFailed):
        return exc
    name = type(exc).__name__
    status = "timeout" if "Timeout" in name else "error"
    return StepFailed(status, f"{name}: {str(exc).splitlines()[0] if str(exc) else ''}")


def _fail(run: dict[str, Value], keys: Sequence[str], failed: StepFailed, log: Callable[[str], None]) -> None:
    """The first of `keys` not yet measured gets the status; the ones after it stay 'skipped'."""
    step = next((key for key in keys if run.get(key) == "skipped"), keys[-1])
    run[step] = failed.status
    log(f"    {step}: {failed.status}: {failed}")


def _filter(page: Page) -> float:
    """ms from pressing the 'Attack' option to the new count with the timeline redrawn."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    page.wait_idle()
    before = page.js("return window.__bench.text(arguments[0])", SELECTORS["count"])
    button = page.poll(lambda: page.driver.find_element(By.CSS_SELECTOR, SELECTORS["category"]), SELECTORS["category"])
    page.click(button)
    option = page.poll(
        lambda: next(
            o for o in page.driver.find_elements(By.CSS_SELECTOR, SELECTORS["option"]) if o.text.strip() == OPTION_TEXT
        ),
        f"{SELECTORS['option']} with text '{OPTION_TEXT}' (after clicking {SELECTORS['category']})",
    )
    # plotly fires plotly_afterplot after every draw; a replaced graph element counts as a redraw too.
    page.js(
        """
        const B = window.__bench, S = arguments[0], before = arguments[1];
        B.lastPointer = null; B.afterplot = null;
        B.oldPlot = document.querySelector(S.timeline_plot);
        if (B.oldPlot && B.oldPlot.on) B.oldPlot.on('plotly_afterplot', () => { B.afterplot = performance.now(); });
        B.watch('filtered', () => {
          const plot = document.querySelector(S.timeline_plot);
          const redrawn = (B.afterplot !== null && B.lastPointer !== null && B.afterplot >= B.lastPointer)
                          || (plot !== null && plot !== B.oldPlot);
          return B.lastPointer !== null && B.text(S.count) !== before && B.text(S.count) !== '' && redrawn;
        });
        """,
        SELECTORS,
        before,
    )
    started = time.monotonic()
    page.click(option)
    took = page.mark("filtered", [SELECTORS["count"], SELECTORS["timeline_plot"]], started, since_click=True)
    # Close the open dropdown so it cannot cover the list for the next step; if nothing focused takes
    # keys, the click fallback in Page.click copes.
    with contextlib.suppress(Exception):
        page.driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    return took


def _select(page: Page) -> float:
    """ms from pressing the first event of the list to its title in the detail panel."""
    from selenium.webdriver.common.by import By

    page.wait_idle()
    item = page.poll(lambda: page.driver.find_element(By.CSS_SELECTOR, SELECTORS["item"]), SELECTORS["item"])
    title = page.js(
        "const t = arguments[0].querySelector(arguments[1]); return t ? t.textContent.trim() : '';",
        item,
        SELECTORS["item_title"],
    )
    if not title:
        raise StepFailed("error", f"the first {SELECTORS['item']} has no {SELECTORS['item_title']}")
    page.js(
        """
        const B = window.__bench, css = arguments[0], title = arguments[1];
        B.lastPointer = null;
        B.watch('selected', () => B.lastPointer !== null && B.text(css) === title);
        """,
        SELECTORS["detail_title"],
        title,
    )
    started = time.monotonic()
    page.click(item)
    return page.mark("selected", [SELECTORS["detail_title"]], started, since_click=True)


def _search(page: Page, word: str) -> float:
    """ms from Enter in the search box (holding `word`) to the count showing the new number of events."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    page.wait_idle()
    box = page.poll(lambda: page.driver.find_element(By.CSS_SELECTOR, SELECTORS["search"]), SELECTORS["search"])
    before = page.js("return window.__bench.text(arguments[0])", SELECTORS["count"])
    page.js(
        """
        const B = window.__bench, css = arguments[0], before = arguments[1];
        B.lastPointer = null;
        B.watch('searched', () => B.lastPointer !== null && B.text(css) !== before && B.text(css) !== '');
        """,
        SELECTORS["count"],
        before,
    )
    # Typed in one go, under the box's 0.3 s debounce, so only Enter sends the search.
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(word)
    started = time.monotonic()
    box.send_keys(Keys.ENTER)
    return page.mark("searched", [SELECTORS["count"]], started, since_click=True)


# --- the whole bench -----------------------------------------------------------------------------------


def collection_for(size: int, seed: int, log: Callable[[str], None]) -> Path:
    """The bundled collection for size 20, else a synthetic one, generated once and cached."""
    if size == BUNDLED_SIZE:
        return make_collection.BUNDLED
    folder = CACHE / f"n{size}-seed{seed}"
    if make_collection.is_current(folder, size, seed):
        log(f"  reusing {folder.relative_to(ROOT)}")
    else:
        stats = make_collection.make_collection(size, folder, seed)
        log(f"  generated {folder.relative_to(ROOT)} in {stats['seconds']:.1f} s")
    return folder


def bench_size(
    size: int, args: argparse.Namespace, log_dir: Path, sink: MarkSink, log: Callable[[str], None]
) -> SizeResult:
    label = f"{size:,}" if size != BUNDLED_SIZE else f"{size} (AQIM)"
    result = SizeResult(label=label, size=size)
    log(f"\n== {label} events ==")
    data = collection_for(size, args.seed, log)
    from classload import collection_words  # a sibling script that imports this one: imported when used

    words = collection_words(data)[0][:SEARCHES]
    log(f"  search words: {', '.join(words)}")
    server: Server | None = None
    try:
        # Extra start-ups only measure; the last one stays up for the browser runs.
        for attempt in range(args.startups):
            try:
                server = Server(data, args.start_timeout, log_dir, root=args.root)
            except StepFailed as failed:
                result.startup.append(failed.status)
                result.notes.append(f"{label}: server start {failed.status}: {failed}")
                log(f"  server start: {failed.status}: {failed}")
                return result
            result.startup.append(server.startup)
            log(f"  server start {attempt + 1}: {server.startup:.2f} s")
            if attempt < args.startups - 1:
                server.stop()
        result.events = server.events()
        if result.events is not None and size != BUNDLED_SIZE and result.events != size:
            result.notes.append(f"{label}: the server reports {result.events} events")
        if size == BUNDLED_SIZE and result.events is not None:
            result.label = f"{result.events} (AQIM)"
        if args.warmup:
            # Untimed: the first request of a fresh server pays one-off costs (imports, caches).
            log("  warm-up load")
            try:
                warm = one_run(server.url, args.timeout, sink, log, words)
                result.notes.append(f"{result.label}: warm-up (cold server) first draw {fmt(warm['first_draw'])} s")
            except Exception as exc:
                log(f"    warm-up browser: {_as_failure(exc)}")
        for number in range(1, args.runs + 1):
            log(f"  run {number}")
            try:
                run = one_run(server.url, args.timeout, sink, log, words)
            except Exception as exc:  # the browser itself failed to start: record it, try the next run
                run = {key: "error" for _, key, _ in RUN_COLUMNS}
                log(f"    browser: {_as_failure(exc)}")
            result.runs.append(run)
            shown = ", ".join(f"{key} {fmt(run[key], digits)}" for _, key, digits in RUN_COLUMNS)
            log(f"    {shown}")
        result.rss_mb, result.peak_rss_mb = server.rss_mb()
        log(f"  server RSS {fmt(result.rss_mb, 0)} MB (peak {fmt(result.peak_rss_mb, 0)} MB)")
    finally:
        if server is not None:
            server.stop()
    return result


def report(results: Sequence[SizeResult], args: argparse.Namespace, chromium: str, load: str) -> str:
    headers, rows, ratios = summary_rows(results)
    lines = [
        f"Browser bench: median of {args.runs} run(s) per size, fresh Chromium profile each run; "
        f"server start: median of {args.startups} start(s).",
        f"{_commit()} · Python {platform.python_version()} · {chromium} · {os.cpu_count()} CPUs · "
        f"load average at the start: {load}",
        "",
        markdown_table(headers, rows),
    ]
    if len(results) > 1:
        lines += ["", f"Ratios to {results[0].label}:", "", markdown_table(headers, ratios)]
    notes = [note for result in results for note in result.notes]
    if notes:
        lines += ["", "Notes:", *(f"- {note}" for note in notes)]
    return "\n".join(lines) + "\n"


def _commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True)
        return f"commit {head.stdout.strip()}{' + uncommitted changes' if dirty.stdout.strip() else ''}"
    except OSError:
        return "commit unknown"


def _load() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def _chromium_version() -> str:
    try:
        out = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout
        return out.strip().split(" built")[0] or "Chromium"
    except (OSError, subprocess.SubprocessError):
        return "Chromium (version unknown)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=parse_sizes, default=parse_sizes("20,1000,10000,100000"),
                        help="event counts, comma-separated; 20 means the bundled AQIM collection (default 20,1000,10000,100000)")  # fmt: skip
    parser.add_argument("--runs", type=int, default=3, help="browser runs per size (default 3)")
    parser.add_argument("--startups", type=int, default=1, help="server start-ups timed per size (default 1)")
    parser.add_argument("--warmup", type=int, choices=(0, 1), default=1,
                        help="one untimed page load first, so runs measure a warm server (default 1)")  # fmt: skip
    parser.add_argument("--timeout", type=float, default=120, help="cap for each browser wait, s (default 120)")
    parser.add_argument("--start-timeout", type=float, default=600, help="cap for server start-up, s (default 600)")
    parser.add_argument("--seed", type=int, default=make_collection.DEFAULT_SEED, help="seed of synthetic collections")
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout whose explorer serves (default: this one)")
    parser.add_argument("--out", type=Path, help="also write the Markdown report to this file")
    parser.add_argument("--phone", help="emulate a phone of this size, e.g. 390x664 (the filter step then fails)")
    args = parser.parse_args(argv)
    args.root = args.root.resolve()
    if args.phone:
        global PHONE
        PHONE = tuple(int(part) for part in args.phone.lower().split("x"))
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not shutil.which(path)]
    if missing:
        print(f"needs Debian's chromium and chromium-driver; not found: {', '.join(missing)}", file=sys.stderr)
        return 2

    def log(line: str) -> None:
        print(line, flush=True)

    chromium, load = _chromium_version(), _load()
    results = []
    began = time.perf_counter()
    sink = MarkSink()
    try:
        with tempfile.TemporaryDirectory(prefix="timeline-bench-") as log_dir:
            for size in args.sizes:
                results.append(bench_size(size, args, Path(log_dir), sink, log))
    finally:
        sink.close()
    text = report(results, args, chromium, load)
    print(f"\n(total {time.perf_counter() - began:.0f} s)\n")
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
