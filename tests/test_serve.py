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


def test_wsgi_entry_point_serves_under_gunicorn():
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "timeline.web.wsgi:server"],
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
