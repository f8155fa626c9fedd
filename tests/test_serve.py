"""Serving over real HTTP: the CLI server, the WSGI entry point under gunicorn, refusals."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from servers import Server, free_port

ROOT = Path(__file__).resolve().parents[1]


def fetch(url: str) -> tuple[int, bytes, dict]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read(), dict(response.headers)


@pytest.fixture(scope="module")
def running():
    server = Server()
    yield server
    server.stop()


def test_server_answers_on_loopback_and_serves_offline_assets(running):
    status, body, _ = fetch(running.url + "/")
    assert status == 200 and b"_dash-config" in body
    assert running.url.startswith("http://127.0.0.1:")
    bodies = {"/": body}
    for asset in ("/assets/topojson/africa_50m.json", "/assets/vendor/plotly-geo.min.js", "/assets/style.css"):
        status, body, _ = fetch(running.url + asset)
        assert status == 200 and len(body) > 100, asset
        bodies[asset] = body
    # Nothing the server sends points the browser at a CDN, not even plotly's default topojsonURL.
    for path, body in bodies.items():
        for marker in (b"cdn.plot.ly", b"unpkg.com", b"jsdelivr", b"fonts.googleapis"):
            assert marker not in body, (path, marker)


def test_server_runs_without_debug_by_default(running):
    _, body, _ = fetch(running.url + "/")
    assert b'"ui":false' in body  # Dash's dev-tools UI is only on in debug mode


def test_broken_collection_is_refused_with_its_problems(tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(ROOT / "data" / "aqim", broken)
    events = broken / "events.csv"
    events.write_text(events.read_text(encoding="utf-8").replace(",2017-03,", ",2017-13,"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "timeline", "serve", "--data", str(broken), "--port", str(free_port())],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    assert "events.csv, line" in result.stderr and "field 'start'" in result.stderr and "2017-13" in result.stderr
    assert "Traceback" not in result.stderr
    assert "Serving" not in result.stdout


# --preload: the app is built once, in gunicorn's arbiter, and its workers share it (docs/serving.md).
@pytest.mark.parametrize("preload", [[], ["--preload"]], ids=["each-worker-loads", "preload"])
def test_wsgi_entry_point_serves_under_gunicorn(preload):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", *preload, "-w", "2", "-b", f"127.0.0.1:{port}", "timeline.web.wsgi:server"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, body, _ = fetch(f"http://127.0.0.1:{port}/_dash-layout")
                break
            except OSError:
                assert process.poll() is None, process.stdout.read()
                assert time.monotonic() < deadline, "gunicorn did not answer"
                time.sleep(0.3)
        assert status == 200 and b'"url"' in body
    finally:
        process.terminate()
        process.wait(timeout=10)


def _private_kb(pid: int) -> int:
    """Memory only this process holds (USS): pages it has written since the fork, or allocated itself."""
    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    fields = dict(line.split(":", 1) for line in rollup.splitlines()[1:])
    return sum(int(fields[name].split()[0]) for name in ("Private_Clean", "Private_Dirty"))


def _resident_kb(pid: int) -> int:
    return int(Path(f"/proc/{pid}/smaps_rollup").read_text().split("Rss:", 1)[1].split()[0])


def _workers_of(pid: int) -> list[int]:
    return [
        int(child) for task in Path(f"/proc/{pid}/task").iterdir() for child in (task / "children").read_text().split()
    ]


@pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(), reason="needs Linux's /proc/PID/smaps_rollup")
def test_workers_share_the_collection_loaded_before_they_fork():
    server = Server(workers=2)
    try:
        deadline = time.monotonic() + 30
        while len(workers := _workers_of(server.process.pid)) < 2:
            assert time.monotonic() < deadline, "the workers did not start"
            time.sleep(0.2)
        for _ in range(6):  # the requests reach both workers
            status, body, _ = fetch(server.url + "/")
            assert status == 200 and b"_dash-config" in body
        # A worker that had loaded the collection itself would hold all of it privately, as much as the
        # process that loaded it has resident; a forked one holds only what it has written since.
        loaded = _resident_kb(server.process.pid)
        for worker in workers:
            assert _private_kb(worker) < loaded / 3, (worker, _private_kb(worker), loaded)
    finally:
        server.stop()
    assert server.process.returncode is not None


@pytest.mark.parametrize(
    ("options", "message"),
    [(["--workers", "0"], "--workers takes 1 or more"), (["--workers", "2", "--debug"], "leave out --workers")],
)
def test_serve_refuses_workers_it_cannot_run(options, message):
    result = subprocess.run(
        [sys.executable, "-m", "timeline", "serve", "--port", str(free_port()), *options],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2 and message in result.stderr


def test_warming_visits_each_language_and_stops_on_a_page_that_fails():
    """warm() makes, before the fork, the requests a first reader in each language makes; a failure stops it."""
    import flask

    from timeline.web.workers import warm

    seen, server = [], flask.Flask("warmed")

    @server.route("/")
    @server.route("/_dash-layout")
    @server.route("/_dash-dependencies")
    def answer():
        seen.append((flask.request.path, flask.request.headers["Accept-Language"]))
        return "{}"

    warm(server)
    assert sorted(seen) == sorted(
        (path, lang) for path in ("/", "/_dash-layout", "/_dash-dependencies") for lang in ("en", "fr", "ar")
    )
    server.view_functions["answer"] = lambda: ("broken", 500)
    with pytest.raises(RuntimeError, match="/ in en answered 500"):
        warm(server)
