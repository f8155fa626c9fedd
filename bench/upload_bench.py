"""`python bench/upload_bench.py [--rows 20000] [--bytes 4000000] [--runs 3] [--kinds timelinejs,events]`.

Dropping a file on the explorer, timed until the page shows it, and where that time goes. The files come
from bench/make_sheets.py (a TimelineJS sheet and an events.csv, each of --rows rows and exactly --bytes
bytes). Each run, kinds interleaved, has a fresh `python -m timeline serve` (the server keeps a few parsed
files, so a second drop on the same server would not parse) and a fresh headless Chromium with the flags
of tests/browser/conftest.py; the file is chosen through the upload box's file input, as a person does.

Browser, from the performance log's network events (Chromium's own clock) and a poll of the page:

  read        the file chosen -> the upload request sent (FileReader, the data URL, Dash's JSON body)
  upload      that request sent -> its answer's headers (the body sent, the server reading the file)
  answer      headers -> body received
  reopen      the answer -> the page /?collection=upload requested (the tab stores the file; page opens)
  scripts     that request -> the router's request sent (page scripts, the store read back)
  build       the router's request sent -> its answer received (the server builds the page)
  draw        that answer -> the timeline's points on screen
  total       the file chosen -> the timeline's points on screen and the count written

Server, in a fresh Python process per run, on the same file (each stage as the upload callback runs it):

  json, decode  the request body parsed, the data URL decoded
  parse         TimelineJS slides / the rows of an events.csv
  validate      the rest of read_upload: building rows and checking them as a collection is checked
  store         sizing the file as the tab stores it (upload.for_tab)
  layout        the explorer page of the dropped file, as the router builds it (figures, list, source) and
                writes it as JSON (page_mb: its size)

Medians of the runs are printed, with the load average. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import browser_bench  # noqa: E402  (sibling scripts, found through the path set just above)
import make_sheets  # noqa: E402

ROOT = HERE.parent
BROWSER_STAGES = ("read", "upload", "answer", "reopen", "scripts", "build", "draw", "total")
SERVER_STAGES = ("json", "decode", "parse", "validate", "store", "layout")
CALLBACK = "/_dash-update-component"

# Run in a fresh process (`--server-stages FILE`): module caches must not carry over from one run to the next.
SERVER_SCRIPT = """
import base64, json, sys, time
from plotly.io.json import to_json_plotly
from timeline.load.collection import load_collection
from timeline.web import app as web_app, upload
from timeline.web.pages.registry import Registry

path = sys.argv[1]
name = path.rsplit("/", 1)[-1]
raw = open(path, "rb").read()
collections = {"aqim": load_collection()}
web_app.create_app(collections)  # the page needs Dash's configuration (asset URLs)
registry = Registry(collections)
body = json.dumps({"inputs": [{"value": "data:text/csv;base64," + base64.b64encode(raw).decode()}]})
times, parse_time = {}, []

def timed(function):
    def run(*args, **kwargs):
        began = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            parse_time.append(time.perf_counter() - began)
    return run

upload.parse_timeline = timed(upload.parse_timeline)
upload.parse_event_rows = timed(upload.parse_event_rows)
t0 = time.perf_counter()
contents = json.loads(body)["inputs"][0]["value"]
t1 = time.perf_counter()
name, raw = upload.decode_data_url(contents, name)
t2 = time.perf_counter()
served = registry.read_upload(name, raw, None)
t3 = time.perf_counter()
stored = upload.for_tab(name, raw, None)
t4 = time.perf_counter()
page = web_app._cached_page(registry, served, "/", "?collection=upload", stored)
answer = to_json_plotly(page)
t5 = time.perf_counter()
parse = sum(parse_time)
print(json.dumps({"json": t1 - t0, "decode": t2 - t1, "parse": parse, "validate": t3 - t2 - parse,
                  "store": t4 - t3, "layout": t5 - t4, "events": len(served.collection.events),
                  "page_mb": len(answer) / 1e6}))
"""


def server_stages(path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", SERVER_SCRIPT, str(path)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _network(driver) -> list[dict]:
    """The performance log's network and page events since the last call: (method, params)."""
    return [json.loads(entry["message"])["message"] for entry in driver.get_log("performance")]


def browser_run(path: Path, timeout: float) -> dict[str, float]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    log_dir = Path(tempfile.mkdtemp(prefix="upload-bench-"))
    server = browser_bench.Server(browser_bench.make_collection.BUNDLED, timeout, log_dir)
    options = webdriver.ChromeOptions()
    options.binary_location = browser_bench.CHROMIUM
    profile = tempfile.mkdtemp(prefix="timeline-bench-chromium-")
    for argument in (*browser_bench.CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(browser_bench.CHROMEDRIVER), options=options)
    try:
        driver.set_page_load_timeout(timeout)
        driver.get(server.url)
        _wait(driver, "return document.querySelectorAll('#timeline .scatterlayer .point').length > 0", timeout)
        _wait(driver, "return document.querySelector('[data-dash-is-loading=\"true\"]') === null", timeout)
        driver.find_element(By.CSS_SELECTOR, ".upload-box summary").click()
        events = _network(driver)
        chosen = time.time()
        driver.find_element(By.CSS_SELECTOR, "#upload-input input[type=file]").send_keys(str(path))
        drawn_js = (
            "return location.search.indexOf('collection=upload') >= 0"
            " && document.querySelectorAll('#timeline .scatterlayer .point').length > 0"
            " && (document.getElementById('event-count') || {}).textContent > ''"
        )
        _wait(driver, drawn_js, timeout, poll=0.02)
        drawn = time.time()
        events = _network(driver)
    finally:
        driver.quit()
        server.stop()
    return _phases(events, chosen, drawn)


def _wait(driver, script: str, timeout: float, poll: float = 0.1) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if driver.execute_script(script):
                return
        except Exception:  # the page is navigating; ask again
            pass
        time.sleep(poll)
    raise TimeoutError(f"not true within {timeout:.0f} s: {script}")


def _phases(events: list[dict], chosen: float, drawn: float) -> dict[str, float]:
    """Seconds per stage, from the requests' wall times and Chromium's monotonic timestamps."""
    sent, received, finished = {}, {}, {}
    order = []
    for event in events:
        method, params = event["method"], event["params"]
        if method == "Network.requestWillBeSent":
            sent[params["requestId"]] = (params["wallTime"], params["timestamp"], params["request"]["url"])
            order.append(params["requestId"])
        elif method == "Network.responseReceived":
            received[params["requestId"]] = params["timestamp"]
        elif method == "Network.loadingFinished":
            finished[params["requestId"]] = params["timestamp"]
    callbacks = [rid for rid in order if sent[rid][2].split("?")[0].endswith(CALLBACK)]
    reopened = next(rid for rid in order if "collection=upload" in sent[rid][2] and CALLBACK not in sent[rid][2])
    upload = callbacks[0]
    router = next(rid for rid in callbacks if order.index(rid) > order.index(reopened))

    def wall(rid: str, stamp: float) -> float:  # a monotonic timestamp as wall time, through its request
        return sent[rid][0] + (stamp - sent[rid][1])

    return {
        "read": sent[upload][0] - chosen,
        "upload": received[upload] - sent[upload][1],
        "answer": finished[upload] - received[upload],
        "reopen": sent[reopened][0] - wall(upload, finished[upload]),
        "scripts": sent[router][0] - sent[reopened][0],
        "build": finished[router] - sent[router][1],
        "draw": drawn - wall(router, finished[router]),
        "total": drawn - chosen,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--bytes", type=int, default=4_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--kinds", default=",".join(make_sheets.KINDS))
    parser.add_argument("--timeout", type=float, default=180)
    parser.add_argument("--no-browser", action="store_true", help="only the server's stages")
    args = parser.parse_args(argv)
    kinds = [kind.strip() for kind in args.kinds.split(",") if kind.strip()]
    folder = Path(tempfile.mkdtemp(prefix="upload-bench-files-"))
    files = {}
    for kind in kinds:
        files[kind] = folder / f"{kind}-{args.rows}.csv"
        files[kind].write_bytes(make_sheets.make(kind, args.rows, args.bytes))
    load_before = browser_bench._load()
    results: dict[str, dict[str, list[float]]] = {kind: {} for kind in kinds}
    for run in range(args.runs):
        for kind in kinds:  # interleaved: a change in the machine's load falls on both kinds alike
            measured = server_stages(files[kind])
            if not args.no_browser:
                measured.update(browser_run(files[kind], args.timeout))
            for key, value in measured.items():
                results[kind].setdefault(key, []).append(value)
            print(f"run {run + 1} {kind}: " + ", ".join(f"{k} {v:.2f}" for k, v in measured.items()), flush=True)
    print(
        f"\n{args.rows:,} rows, {args.bytes:,} bytes; {args.runs} runs; {browser_bench._commit()}; "
        f"load average before {load_before}, after {browser_bench._load()}\n"
    )
    stages = [*SERVER_STAGES] + ([] if args.no_browser else [*BROWSER_STAGES])
    rows = []
    for stage in stages:
        cells = [stage]
        for kind in kinds:
            values = results[kind].get(stage, [])
            cells.append(browser_bench.fmt(browser_bench.median(values)) if values else "–")
        rows.append(cells)
    print("median seconds (server stages in a fresh process; browser stages against a fresh server)")
    print(browser_bench.markdown_table(["stage", *kinds], rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
