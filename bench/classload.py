"""`python bench/classload.py [--students 10,30,50] [--duration 20] [--loops 200] [--data DIR] [--root DIR] [--out FILE.md]`.

A class on the classroom server, on loopback only: `gunicorn -w 4 timeline.web.wsgi:server` bound to
127.0.0.1 (or --url, which must be a 127.0.0.1 address), then for each class size N simulated
students who all start at once. Each opens the page (GET /, /_dash-layout, /_dash-dependencies and
the callbacks Dash fires on load), then loops with no pause until --duration seconds have passed or
it has done --loops rounds:

  filter   types a search: every server callback that takes the search box's value as an Input
  select   picks an event (one the filter answer lists, else one whose title holds the word):
           every server callback that takes the selected-event store as an Input

Payloads are not hard-coded. They are derived from the running app: /_dash-dependencies says which
callbacks an input change fires and what each one receives, and the layout (/_dash-layout, plus what
the load-time callbacks put in the page) gives the values of their other inputs and states. So they
follow the explorer's callbacks as they change; if no server callback takes the expected input, the
script stops and says so (--filter-input, --select-input name another one). Callbacks a step fires
are sent at once, as the browser does; a step's time runs until the last of them has answered, and
answers that change another server callback's input are followed, as Dash would.

Reported per class size, as a Markdown table: requests, throughput, errors (non-2xx, broken
connections, unreadable answers), p50 and p95 of open, filter and select, the filter answer's size
(bytes on the wire, gzip, and decoded), and the 1-minute load average; then per callback.
"""

from __future__ import annotations

import argparse
import collections
import csv
import gzip
import http.client
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from browser_bench import free_port, markdown_table, publish  # noqa: E402  (a sibling script, found through the path set just above)

BUNDLED = ROOT / "data" / "aqim"
FILTER_INPUT = "search.value"
SELECT_INPUT = "selected.data"
UPDATE = "/_dash-update-component"
LOOPBACK = ("127.0.0.1",)
HEADERS = {"Accept-Encoding": "gzip", "Accept": "application/json", "Content-Type": "application/json"}
EVENT_ID = re.compile(r'data-event=\\*"([^"\\]+)\\*"')  # the list's buttons, as the filter answer carries them


class LoadError(Exception):
    """The app does not have what the load needs: a clear message, no traceback."""


# --- Dash's wire format: dependencies, layout, request bodies (pure; tests/test_bench_tools.py) ---------


def prop_key(component_id, prop: str) -> str:
    return f"{component_id}.{prop}"


def split_outputs(output: str) -> list[tuple[str, str]]:
    """`..a.b...c.d..` (several outputs) or `a.b` -> [(id, property), ...]; '@hash' of allow_duplicate dropped."""
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    outputs = []
    for part in parts:
        component, _, prop = part.rpartition(".")
        outputs.append((component, prop.split("@")[0]))
    return outputs


def is_component(value) -> bool:
    return isinstance(value, dict) and "props" in value and "type" in value


def walk_components(value) -> Iterable[dict]:
    """Every component in a layout (or in a callback's answer), depth first."""
    if is_component(value):
        yield value
        for child in value["props"].values():
            yield from walk_components(child)
    elif isinstance(value, list):
        for item in value:
            yield from walk_components(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from walk_components(item)


def layout_props(layout, base_url: str = "http://127.0.0.1/") -> dict[str, dict]:
    """{component id: its props} for every component with a string id.

    A dcc.Location gets what the browser gives it on mount (pathname '/', the page's URL).
    """
    found: dict[str, dict] = {}
    for component in walk_components(layout):
        component_id = component["props"].get("id")
        if not isinstance(component_id, str):
            continue  # pattern-matching ids are not replayed
        props = dict(component["props"])
        if component["type"] == "Location":
            parsed = urllib.parse.urlsplit(base_url)
            props.setdefault("pathname", parsed.path or "/")
            props.setdefault("search", "")
            props.setdefault("hash", "")
            props.setdefault("href", base_url)
        found[component_id] = props
    return found


def server_callbacks(dependencies: Sequence[dict]) -> list[dict]:
    """The callbacks that run on the server (clientside ones never reach it)."""
    return [cb for cb in dependencies if not cb.get("clientside_function") and not cb.get("no_output")]


def triggered_by(dependencies: Sequence[dict], changed: Iterable[str]) -> list[dict]:
    """Server callbacks with any of the `changed` props ('id.prop') among their Inputs."""
    changed = set(changed)
    return [
        cb
        for cb in server_callbacks(dependencies)
        if any(prop_key(i["id"], i["property"]) in changed for i in cb["inputs"])
    ]


def require_callbacks(dependencies: Sequence[dict], changed: str, what: str, option: str) -> list[dict]:
    """Like triggered_by for one prop, but stops with a message naming what the app has instead."""
    found = triggered_by(dependencies, [changed])
    if found:
        return found
    inputs = sorted({prop_key(i["id"], i["property"]) for cb in server_callbacks(dependencies) for i in cb["inputs"]})
    raise LoadError(
        f"no server callback takes {changed} as an Input, so the {what} step cannot be replayed: the explorer's "
        f"callbacks changed. Inputs of its server callbacks now: {', '.join(inputs) or '(none)'}. "
        f"Name the one to use with {option} ID.PROP."
    )


def initial_callbacks(dependencies: Sequence[dict], props: dict[str, dict], done: set[str]) -> list[dict]:
    """Callbacks Dash fires when the page (or new content) appears: not prevent_initial_call, every
    input and output in the page, not fired yet."""
    present = set(props)
    chosen = []
    for cb in server_callbacks(dependencies):
        if cb.get("prevent_initial_call") or cb["output"] in done:
            continue
        ids = [i["id"] for i in cb["inputs"]] + [component for component, _ in split_outputs(cb["output"])]
        if all(isinstance(i, str) and i in present for i in ids):
            chosen.append(cb)
    return chosen


def request_body(cb: dict, props: dict[str, dict], changed: Iterable[str], values: dict[str, object]) -> dict:
    """The JSON the Dash renderer posts to /_dash-update-component for `cb`.

    Inputs and states take their value from `values` ('id.prop' -> value) if there, else from `props`.
    """

    def value_of(dep: dict):
        key = prop_key(dep["id"], dep["property"])
        if key in values:
            return values[key]
        return props.get(dep["id"], {}).get(dep["property"])

    outputs = [{"id": component, "property": prop} for component, prop in split_outputs(cb["output"])]
    return {
        "output": cb["output"],
        "outputs": outputs if cb["output"].startswith("..") else outputs[0],
        "inputs": [{**dep, "value": value_of(dep)} for dep in cb["inputs"]],
        "changedPropIds": [
            key for key in changed if any(prop_key(i["id"], i["property"]) == key for i in cb["inputs"])
        ],
        "state": [{**dep, "value": value_of(dep)} for dep in cb.get("state", [])],
    }


def apply_answer(answer: dict, props: dict[str, dict]) -> list[str]:
    """Merges a callback's answer into `props` (new components included); returns the props it changed."""
    changed = []
    for component_id, new in (answer.get("response") or {}).items():
        props.setdefault(component_id, {}).update(new)
        changed += [prop_key(component_id, prop) for prop in new]
        for value in new.values():
            props.update({k: v for k, v in layout_props(value).items() if k not in props})
    return changed


def search_terms(titles: Iterable[str], count: int = 30) -> list[str]:
    """The words a class would search for: the most frequent words of 5+ letters in the titles."""
    counts = collections.Counter(
        word.lower() for title in titles for word in re.findall(r"[^\W\d_]{5,}", title) if not word.isupper()
    )
    counts.update(word for title in titles for word in re.findall(r"\b[A-Z]{3,}\b", title))  # AQIM, GSPC
    return [word for word, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:count]]


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated percentile (q in 0..100); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def check_loopback(url: str) -> str:
    """The URL, normalised to end with '/', if its host is 127.0.0.1; anything else is refused."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "http" or parts.hostname not in LOOPBACK:
        raise LoadError(f"only http://127.0.0.1 targets are allowed, not {url!r}")
    return f"http://{parts.netloc}{parts.path.rstrip('/')}/"


# --- HTTP --------------------------------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    seconds: float
    wire: int  # body bytes as received (gzip)
    body: bytes  # decoded
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error and 200 <= self.status < 300


def send(base: str, method: str, path: str, body: dict | None = None, timeout: float = 60) -> Answer:
    """One request on a new connection (gunicorn's sync workers close each one anyway)."""
    parts = urllib.parse.urlsplit(base)
    data = json.dumps(body).encode() if body is not None else None
    began = time.perf_counter()
    try:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        try:
            connection.request(method, parts.path.rstrip("/") + path, body=data, headers=HEADERS)
            response = connection.getresponse()
            raw = response.read()
            status, encoding = response.status, response.getheader("Content-Encoding", "")
        finally:
            connection.close()
        seconds = time.perf_counter() - began
        decoded = gzip.decompress(raw) if encoding == "gzip" else raw
        error = "" if 200 <= status < 300 else f"HTTP {status}"
        return Answer(status, seconds, len(raw), decoded, error)
    except (OSError, http.client.HTTPException, EOFError, gzip.BadGzipFile) as exc:
        return Answer(0, time.perf_counter() - began, 0, b"", f"{type(exc).__name__}: {exc}")


def callback_answer(answer: Answer) -> dict:
    """The JSON of a callback's answer ({} for 204: PreventUpdate); raises ValueError if unreadable."""
    if answer.status == 204 or not answer.body:
        return {}
    parsed = json.loads(answer.body)
    if not isinstance(parsed, dict):
        raise ValueError("not a JSON object")
    return parsed


# --- the app as the browser sees it -------------------------------------------------------------------


@dataclass
class Plan:
    """What opening the page sends, and the page's props afterwards: derived once from the running app."""

    dependencies: list[dict]
    props: dict[str, dict]
    opening: list[dict]  # bodies of the callbacks Dash fires on load, in order
    filter_callbacks: list[dict]
    select_callbacks: list[dict]


def discover(base: str, filter_input: str, select_input: str, log: Callable[[str], None]) -> Plan:
    """Reads the app's dependencies and layout and plays its load-time callbacks once, as Dash would."""

    def get_json(path: str):
        answer = send(base, "GET", path)
        if not answer.ok:
            raise LoadError(f"GET {path}: {answer.error}")
        return json.loads(answer.body)

    dependencies = get_json("/_dash-dependencies")
    props = layout_props(get_json("/_dash-layout"), base)
    opening: list[dict] = []
    done: set[str] = set()
    for _ in range(5):  # new content may bring callbacks of its own
        batch = initial_callbacks(dependencies, props, done)
        if not batch:
            break
        for cb in batch:
            body = request_body(cb, props, [prop_key(i["id"], i["property"]) for i in cb["inputs"]], {})
            answer = send(base, "POST", UPDATE, body)
            if not answer.ok:
                raise LoadError(f"the load-time callback {cb['output']} answered {answer.error}: {answer.body[:300]!r}")
            apply_answer(callback_answer(answer), props)
            opening.append(body)
            done.add(cb["output"])
    filters = require_callbacks(dependencies, filter_input, "filter", "--filter-input")
    selects = require_callbacks(dependencies, select_input, "select", "--select-input")
    for cb in filters + selects:
        missing = [i["id"] for i in cb["inputs"] + cb.get("state", []) if i["id"] not in props]
        if missing:
            log(f"  note: {cb['output']}: {', '.join(sorted(set(missing)))} not in the page after load; sent as null")
    log(f"  on load: {', '.join(b['output'] for b in opening) or 'no callback'}")
    log(f"  filter ({filter_input}) fires: {'; '.join(cb['output'] for cb in filters)}")
    log(f"  select ({select_input}) fires: {'; '.join(cb['output'] for cb in selects)}")
    return Plan(dependencies, props, opening, filters, selects)


def short(output: str) -> str:
    outputs = split_outputs(output)
    name = prop_key(*outputs[0])
    return name if len(outputs) == 1 else f"{name} +{len(outputs) - 1}"


# --- the class -------------------------------------------------------------------------------------------


@dataclass
class Tally:
    """Everything the students of one class size did."""

    steps: dict[str, list[float]] = field(default_factory=lambda: collections.defaultdict(list))
    callbacks: dict[str, list[float]] = field(default_factory=lambda: collections.defaultdict(list))
    callback_bytes: dict[str, list[tuple[int, int]]] = field(default_factory=lambda: collections.defaultdict(list))
    filter_bytes: list[tuple[int, int]] = field(default_factory=list)
    requests: int = 0
    errors: collections.Counter = field(default_factory=collections.Counter)
    error_examples: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def request(self, answer: Answer, what: str) -> None:
        with self.lock:
            self.requests += 1
            if not answer.ok:
                self.errors[what] += 1
                if len(self.error_examples) < 5:
                    self.error_examples.append(f"{what}: {answer.error} {answer.body[:200]!r}")


class Student:
    def __init__(self, number: int, base: str, plan: Plan, terms: list[str], ids: dict[str, list[str]], pool, tally):
        self.base, self.plan, self.pool, self.tally = base, plan, pool, tally
        self.random = random.Random(number)
        self.terms = terms[number % len(terms) :] + terms[: number % len(terms)]
        self.ids = ids
        self.values: dict[str, object] = {}  # this student's props that differ from the plan's

    def open(self) -> None:
        began = time.perf_counter()
        for path in ("/", "/_dash-layout", "/_dash-dependencies"):
            self.tally.request(send(self.base, "GET", path), f"GET {path}")
        for body in self.plan.opening:
            answer = send(self.base, "POST", UPDATE, body)
            self.tally.request(answer, short(body["output"]))
        self.tally.steps["open"].append(time.perf_counter() - began)

    def step(self, name: str, callbacks: list[dict], changed: str, value) -> list[Answer]:
        """Sends every callback `changed` fires, at once, then those their answers trigger; times the lot."""
        self.values[changed] = value
        began = time.perf_counter()
        answers: list[Answer] = []
        batch, changed_now = callbacks, [changed]
        for _depth in range(4):
            bodies = [request_body(cb, self.plan.props, changed_now, self.values) for cb in batch]
            got = list(self.pool.map(lambda body: send(self.base, "POST", UPDATE, body), bodies))
            answers += got
            changed_now = []
            for cb, answer in zip(batch, got, strict=True):
                label = short(cb["output"])
                self.tally.request(answer, label)
                with self.tally.lock:
                    self.tally.callbacks[label].append(answer.seconds)
                    self.tally.callback_bytes[label].append((answer.wire, len(answer.body)))
                if answer.ok:
                    try:
                        changed_now += self._remember(callback_answer(answer))
                    except ValueError as exc:
                        answer.error = f"unreadable answer: {exc}"
                        with self.tally.lock:
                            self.tally.errors[label] += 1
            batch = triggered_by(self.plan.dependencies, changed_now)
            if not batch:
                break
        self.tally.steps[name].append(time.perf_counter() - began)
        return answers

    def _remember(self, answer: dict) -> list[str]:
        changed = []
        for component_id, new in (answer.get("response") or {}).items():
            for prop, value in new.items():
                key = prop_key(component_id, prop)
                changed.append(key)
                if not is_component(value) and not isinstance(value, list | dict):
                    self.values[key] = value  # small values only: figures and lists are never sent back
        return changed

    def run(self, deadline: float, loops: int, filter_input: str, select_input: str) -> None:
        self.open()
        for number in range(loops):
            if time.perf_counter() >= deadline:
                return
            term = self.terms[number % len(self.terms)]
            answers = self.step("filter", self.plan.filter_callbacks, filter_input, term)
            with self.tally.lock:
                self.tally.filter_bytes.append((sum(a.wire for a in answers), sum(len(a.body) for a in answers)))
            listed = [m for a in answers for m in EVENT_ID.findall(a.body.decode("utf-8", "replace"))]
            choices = listed or self.ids.get(term) or self.ids[""]
            self.step("select", self.plan.select_callbacks, select_input, self.random.choice(choices))


def collection_words(folder: Path) -> tuple[list[str], dict[str, list[str]]]:
    """Search terms from the collection's titles, and for each term the ids of events whose title holds it."""
    with (folder / "events.csv").open(encoding="utf-8", newline="") as handle:
        rows = [(row["id"], row["title"]) for row in csv.DictReader(handle)]
    terms = search_terms(title for _, title in rows)
    ids = {term: [i for i, title in rows if term.lower() in title.lower()] for term in terms}
    ids[""] = [i for i, _ in rows]
    return terms, ids


def run_class(base: str, plan: Plan, students: int, args, terms, ids) -> tuple[Tally, float]:
    tally = Tally()
    pool = ThreadPoolExecutor(max_workers=students * 4, thread_name_prefix="callback")
    start = threading.Barrier(students + 1)
    deadline = [0.0]

    def student(number: int) -> None:
        start.wait()
        Student(number, base, plan, terms, ids, pool, tally).run(
            deadline[0], args.loops, args.filter_input, args.select_input
        )

    threads = [threading.Thread(target=student, args=(n,), daemon=True) for n in range(students)]
    for thread in threads:
        thread.start()
    began = time.perf_counter()
    deadline[0] = began + args.duration
    start.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    pool.shutdown()
    return tally, elapsed


# --- the server ----------------------------------------------------------------------------------------


class Gunicorn:
    """`gunicorn -w W -b 127.0.0.1:PORT timeline.web.wsgi:server` run from `root`, on TIMELINE_DATA=data."""

    def __init__(self, root: Path, data: Path, workers: int, timeout: float, log_dir: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log_path = log_dir / "gunicorn.log"
        self.log = self.log_path.open("w")
        command = [sys.executable, "-m", "gunicorn", "-w", str(workers), "-b", f"127.0.0.1:{self.port}"]
        command += ["--chdir", str(root), "timeline.web.wsgi:server"]
        env = {**os.environ, "TIMELINE_DATA": str(data), "PYTHONPATH": str(root)}
        self.process = subprocess.Popen(command, cwd=root, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise LoadError(f"gunicorn exited with {self.process.returncode}:\n{self.output()[-3000:]}")
            if send(self.url, "GET", "/", timeout=5).ok:
                return
            time.sleep(0.2)
        self.stop()
        raise LoadError(f"gunicorn gave no HTTP 200 within {timeout:.0f} s:\n{self.output()[-3000:]}")

    def output(self) -> str:
        self.log.flush()
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


# --- the report ------------------------------------------------------------------------------------------


def ms_pair(values: Sequence[float]) -> str:
    p50, p95 = percentile(values, 50), percentile(values, 95)
    return "–" if p50 is None else f"{p50 * 1000:,.0f} / {p95 * 1000:,.0f}"


def size_pair(pairs: Sequence[tuple[int, int]]) -> str:
    if not pairs:
        return "–"
    return f"{percentile([w for w, _ in pairs], 50):,.0f} / {percentile([d for _, d in pairs], 50):,.0f}"


def class_row(students: int, tally: Tally, elapsed: float, load: tuple[str, str]) -> list[str]:
    errors = sum(tally.errors.values())
    return [
        str(students),
        f"{tally.requests:,}",
        f"{tally.requests / elapsed:,.1f}" if elapsed > 0 else "–",
        f"{errors:,}",
        f"{len(tally.steps['filter']):,}",
        ms_pair(tally.steps["open"]),
        ms_pair(tally.steps["filter"]),
        ms_pair(tally.steps["select"]),
        size_pair(tally.filter_bytes),
        f"{load[0]} → {load[1]}",
    ]


CLASS_HEADERS = [
    "students",
    "requests",
    "req/s",
    "errors",
    "rounds",
    "open p50 / p95 ms",
    "filter p50 / p95 ms",
    "select p50 / p95 ms",
    "filter answer B (gzip / JSON)",
    "load 1-min",
]


def callback_rows(students: int, tally: Tally) -> list[list[str]]:
    return [
        [str(students), label, f"{len(times):,}", ms_pair(times), size_pair(tally.callback_bytes[label])]
        for label, times in sorted(tally.callbacks.items())
    ]


def load1() -> str:
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "?"


def describe(root: Path) -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True)
        return f"{root} at {head.stdout.strip() or '?'}{' + uncommitted changes' if dirty.stdout.strip() else ''}"
    except OSError:
        return str(root)


def parse_counts(text: str) -> list[int]:
    counts = [int(part) for part in text.split(",") if part.strip()]
    if not counts or any(c < 1 for c in counts):
        raise argparse.ArgumentTypeError(f"expected counts such as 10,30,50; got '{text}'")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=parse_counts, default=parse_counts("10,30,50"), help="class sizes (default 10,30,50)")  # fmt: skip
    parser.add_argument("--duration", type=float, default=20, help="seconds each class size runs (default 20)")
    parser.add_argument("--loops", type=int, default=200, help="most filter+select rounds per student (default 200)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument("--data", type=Path, default=BUNDLED, help="collection served (default data/aqim)")
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout whose explorer serves (default: this one)")
    parser.add_argument("--url", help="an explorer already running on http://127.0.0.1:PORT/ (no gunicorn started)")
    parser.add_argument(
        "--filter-input", default=FILTER_INPUT, help=f"the prop a search changes (default {FILTER_INPUT})"
    )
    parser.add_argument("--select-input", default=SELECT_INPUT, help=f"the prop selecting an event changes (default {SELECT_INPUT})")  # fmt: skip
    parser.add_argument("--start-timeout", type=float, default=300, help="cap for gunicorn's start, s (default 300)")
    parser.add_argument("--out", type=Path, help="also write the Markdown report to this file")
    args = parser.parse_args(argv)
    args.root, args.data = args.root.resolve(), args.data.resolve()

    def log(line: str) -> None:
        print(line, flush=True)

    server = None
    try:
        with tempfile.TemporaryDirectory(prefix="timeline-classload-") as log_dir:
            if args.url:
                base = check_loopback(args.url)
            else:
                log(f"gunicorn -w {args.workers} on 127.0.0.1, {describe(args.root)}, TIMELINE_DATA={args.data}")
                server = Gunicorn(args.root, args.data, args.workers, args.start_timeout, Path(log_dir))
                base = check_loopback(server.url)
            plan = discover(base, args.filter_input, args.select_input, log)
            terms, ids = collection_words(args.data)
            log(f"  search terms: {', '.join(terms[:10])}, … ({len(terms)})")
            # Untimed: every worker builds its caches (first pages, first filters) before a class is timed.
            warm, _ = run_class(base, plan, args.workers * 2, argparse.Namespace(**{**vars(args), "duration": 120, "loops": 1}), terms, ids)  # fmt: skip
            if warm.errors:
                raise LoadError(f"the warm-up had errors: {'; '.join(warm.error_examples)}")
            rows, per_callback, examples = [], [], []
            for students in args.students:
                before = load1()
                log(f"\n== {students} students, {args.duration:.0f} s ==")
                tally, elapsed = run_class(base, plan, students, args, terms, ids)
                row = class_row(students, tally, elapsed, (before, load1()))
                log("  " + " | ".join(f"{h}: {c}" for h, c in zip(CLASS_HEADERS, row, strict=True)))
                rows.append(row)
                per_callback += callback_rows(students, tally)
                examples += [f"{students} students: {e}" for e in tally.error_examples]
                time.sleep(3)  # let the queue drain before the next class
    except LoadError as error:
        print(f"classload: {error}", file=sys.stderr)
        return 2
    finally:
        if server is not None:
            server.stop()
    text = "\n".join(
        [
            f"Class load: gunicorn -w {args.workers} on 127.0.0.1 ({'--url ' + args.url if args.url else describe(args.root)}), "
            f"collection {args.data.name}; each class runs {args.duration:.0f} s (at most {args.loops} rounds per student); "
            f"{os.cpu_count()} CPUs shared with the load generator.",
            "A round = a filter (search) then a select, no pause. Times: from sending a step's callbacks to the last answer.",
            "",
            markdown_table(CLASS_HEADERS, rows),
            "",
            "Per callback (p50 / p95 ms; median answer bytes gzip / JSON):",
            "",
            markdown_table(
                ["students", "callback", "requests", "p50 / p95 ms", "answer B (gzip / JSON)"], per_callback
            ),
        ]
        + (["", "Errors (first few):", *(f"- {e}" for e in examples)] if examples else [])
    )
    publish(text, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
