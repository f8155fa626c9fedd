"""`python bench/serve_memory.py --data DIR --run ROOT:VARIANT [--run ...] [--workers 1,4] [--rounds 1]`.

How much memory a served collection takes with 1 and with several workers, on loopback only.

Each run starts one server from ROOT (a checkout; `PYTHONPATH=ROOT`, `TIMELINE_DATA=DIR`) as VARIANT says
(`+PATH` puts PATH on PYTHONPATH too: a package tried without installing it, e.g. `pip install --target`):

  gunicorn   gunicorn -w W -b 127.0.0.1:PORT timeline.web.wsgi:server   (the classroom command until issue 24)
  preload    the same with --preload: the app is loaded once, in the arbiter, before the workers fork
  serve      python -m timeline serve --data DIR --port PORT --workers W   (issue 24)

It waits for the first HTTP 200, then until no process of the server has used CPU for a second
(every worker has loaded), and reads /proc/PID/smaps_rollup of the arbiter and each worker:

  RSS  resident pages, counting a page shared by five processes five times
  PSS  each page divided among the processes that share it: the sum over the server is what it takes
  USS  pages only this process has (Private_Clean + Private_Dirty): what one more worker would add

Then a short class (bench/classload.py's students, `--students` of them for `--class-seconds`,
searching and selecting with no pause, at most `--class-loops` rounds each: with a long
`--class-seconds`, every run does the same work however loaded the machine) makes every worker
answer filters, which is when copy-on-write pages get copied, and the memory is read again.
Printed: a Markdown table per moment (idle, after the class) with the totals over the server's
processes, the time to the first 200 and to idle, then PSS ratios of W workers to 1. Numbers only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from browser_bench import free_port, markdown_table  # noqa: E402  (sibling scripts, found through the path set above)
from classload import FILTER_INPUT, SELECT_INPUT, collection_words, discover, run_class, send  # noqa: E402

VARIANTS = {
    "gunicorn": "{python} -m gunicorn -w {workers} -b 127.0.0.1:{port} timeline.web.wsgi:server",
    "preload": "{python} -m gunicorn --preload -w {workers} -b 127.0.0.1:{port} timeline.web.wsgi:server",
    "serve": "{python} -m timeline serve --data {data} --port {port} --workers {workers}",
}
FIELDS = ("Rss", "Pss", "Private_Clean", "Private_Dirty")


def smaps_rollup(text: str) -> dict[str, int]:
    """/proc/PID/smaps_rollup -> {field: kB} for the fields this bench reports."""
    values = {}
    for line in text.splitlines():
        name, _, rest = line.partition(":")
        if name in FIELDS:
            values[name] = int(rest.split()[0])
    return values


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def cpu_ticks(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total


@dataclass
class Memory:
    """Memory of a server's processes, in MB: totals, and the arbiter and median worker apart."""

    processes: int
    rss: float
    pss: float
    uss: float
    arbiter_pss: float
    worker_pss: float
    worker_uss: float

    @classmethod
    def read(cls, arbiter: int, workers: list[int]) -> Memory:
        def one(pid: int) -> dict[str, float]:
            values = smaps_rollup(Path(f"/proc/{pid}/smaps_rollup").read_text())
            uss = values["Private_Clean"] + values["Private_Dirty"]
            return {"rss": values["Rss"] / 1024, "pss": values["Pss"] / 1024, "uss": uss / 1024}

        top, each = one(arbiter), [one(pid) for pid in workers]
        every = [top, *each]
        return cls(
            processes=len(every),
            rss=sum(p["rss"] for p in every),
            pss=sum(p["pss"] for p in every),
            uss=sum(p["uss"] for p in every),
            arbiter_pss=top["pss"],
            worker_pss=statistics.median(p["pss"] for p in each) if each else 0.0,
            worker_uss=statistics.median(p["uss"] for p in each) if each else 0.0,
        )


class Server:
    def __init__(self, run: Run, workers: int, data: Path, log_dir: Path, timeout: float):
        root, variant = run.root, run.variant
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log_path = log_dir / f"{run.name.replace('/', '_')}-{workers}.log"
        self.log = self.log_path.open("w")
        command = VARIANTS[variant].format(python=sys.executable, workers=workers, port=self.port, data=data).split()
        path = os.pathsep.join(part for part in (str(root), run.extra_path, os.environ.get("PYTHONPATH", "")) if part)
        env = {**os.environ, "TIMELINE_DATA": str(data), "PYTHONPATH": path}
        started = time.monotonic()
        self.process = subprocess.Popen(command, cwd=root, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = started + timeout
        while not send(self.url, "GET", "/", timeout=5).ok:
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise SystemExit(f"{' '.join(command)} did not start:\n{self.log_path.read_text()[-3000:]}")
            time.sleep(0.2)
        self.first_200 = time.monotonic() - started
        # Workers load one by one without --preload: wait until they have all been quiet for a second.
        last = -1
        while time.monotonic() < deadline:
            self.workers = children(self.process.pid)
            ticks = cpu_ticks([self.process.pid, *self.workers])
            if ticks == last and len(self.workers) >= self.forks(variant, workers):
                break
            last = ticks
            time.sleep(1.0)
        self.idle = time.monotonic() - started - 1.0

    @staticmethod
    def forks(variant: str, workers: int) -> int:
        """Worker processes to wait for: `serve --workers 1` is the development server, one process."""
        return 0 if variant == "serve" and workers == 1 else workers

    def memory(self) -> Memory:
        self.workers = children(self.process.pid)
        return Memory.read(self.process.pid, self.workers)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def load1() -> str:
    return f"{os.getloadavg()[0]:.2f}"


@dataclass(frozen=True)
class Run:
    root: Path
    variant: str
    extra_path: str = ""  # prepended to PYTHONPATH after ROOT: a package tried without installing it

    @property
    def name(self) -> str:
        return f"{self.root.name}:{self.variant}" + (f"+{Path(self.extra_path).name}" if self.extra_path else "")


def parse_run(text: str) -> Run:
    spec, _, extra = text.partition("+")
    root, _, variant = spec.rpartition(":")
    if variant not in VARIANTS or not root:
        raise argparse.ArgumentTypeError(
            f"expected ROOT:VARIANT[+PATH] with VARIANT one of {', '.join(VARIANTS)}; got '{text}'"
        )
    return Run(Path(root).resolve(), variant, str(Path(extra).resolve()) if extra else "")


HEADERS = [
    "run", "workers", "processes", "first 200 s", "idle s", "RSS MB", "PSS MB", "USS MB",
    "arbiter PSS MB", "worker PSS MB (median)", "worker USS MB (median)",
]  # fmt: skip


def row(name: str, workers: int, server: Server, memory: Memory) -> list[str]:
    return [
        name, str(workers), str(memory.processes), f"{server.first_200:.1f}", f"{server.idle:.1f}",
        f"{memory.rss:,.0f}", f"{memory.pss:,.0f}", f"{memory.uss:,.0f}", f"{memory.arbiter_pss:,.0f}",
        f"{memory.worker_pss:,.0f}", f"{memory.worker_uss:,.0f}",
    ]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the collection served (TIMELINE_DATA)")
    parser.add_argument("--run", type=parse_run, action="append", required=True, help="ROOT:VARIANT, repeatable")
    parser.add_argument("--workers", default="1,4", help="worker counts (default 1,4)")
    parser.add_argument("--rounds", type=int, default=1, help="times each run is repeated, interleaved (default 1)")
    parser.add_argument("--students", type=int, default=8, help="students in the class that exercises the workers")
    parser.add_argument("--class-seconds", type=float, default=15, help="how long that class runs (default 15)")
    parser.add_argument(
        "--class-loops",
        type=int,
        default=10_000,
        help="most filter+select rounds per student: with a long --class-seconds, every run does the same work",
    )
    parser.add_argument("--start-timeout", type=float, default=600)
    args = parser.parse_args(argv)
    counts = [int(n) for n in args.workers.split(",")]
    data = args.data.resolve()
    terms, ids = collection_words(data)
    tables: dict[str, list[list[str]]] = {"idle": [], "after the class": []}
    pss: dict[tuple[str, int, str], list[float]] = {}
    print(f"collection {data}; load average {load1()} at the start", flush=True)
    with tempfile.TemporaryDirectory(prefix="timeline-memory-") as log_dir:
        for _ in range(args.rounds):
            for run in args.run:
                name = run.name
                for workers in counts:
                    server = Server(run, workers, data, Path(log_dir), args.start_timeout)
                    try:
                        idle = server.memory()
                        plan = discover(server.url, FILTER_INPUT, SELECT_INPUT, lambda _line: None)
                        settings = argparse.Namespace(
                            duration=args.class_seconds,
                            loops=args.class_loops,
                            filter_input=FILTER_INPUT,
                            select_input=SELECT_INPUT,
                        )
                        tally, _ = run_class(server.url, plan, args.students, settings, terms, ids)
                        time.sleep(2)
                        after = server.memory()
                    finally:
                        server.stop()
                    errors = sum(tally.errors.values())
                    for moment, memory in (("idle", idle), ("after the class", after)):
                        tables[moment].append(row(name, workers, server, memory))
                        pss.setdefault((name, workers, moment), []).append(memory.pss)
                    print(
                        f"  {name} -w {workers}: idle PSS {idle.pss:,.0f} MB, after {after.pss:,.0f} MB "
                        f"({tally.requests} requests, {errors} errors), load {load1()}",
                        flush=True,
                    )
    for moment, rows in tables.items():
        print(f"\n{moment}:\n\n{markdown_table(HEADERS, rows)}")
    print("\nPSS of the whole server, W workers / 1 worker (medians over rounds):\n")
    ratio_rows = []
    for run in args.run:
        name = run.name
        for moment in tables:
            one = pss.get((name, 1, moment))
            for workers in counts:
                if workers != 1 and one and (name, workers, moment) in pss:
                    ratio = statistics.median(pss[(name, workers, moment)]) / statistics.median(one)
                    ratio_rows.append([name, moment, f"{workers} / 1", f"{ratio:.2f}"])
    print(markdown_table(["run", "moment", "workers", "PSS ratio"], ratio_rows))
    print(f"\nload average {load1()} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
