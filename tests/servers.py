"""A real `python -m timeline serve` process on a free loopback port, for HTTP and browser tests."""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`python -m timeline serve` in its own process, as a user starts it."""

    def __init__(self, data: Path | None = None, workers: int = 1):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-m", "timeline", "serve", "--port", str(self.port)]
        if data is not None:
            command += ["--data", str(data)]
        if workers > 1:
            command += ["--workers", str(workers)]
        # A file, not a pipe: the server logs every request, and a pipe nobody reads fills up
        # after some 64 kB and then blocks the server mid-request.
        self.log = tempfile.NamedTemporaryFile(prefix="timeline-server-", suffix=".log", delete=False)  # noqa: SIM115 (outlives __init__; closed in stop)
        self.process = subprocess.Popen(command, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited early:\n{Path(self.log.name).read_text(errors='replace')}")
            try:
                urllib.request.urlopen(self.url + "/", timeout=1).read()
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("server did not answer within 60 s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
        Path(self.log.name).unlink(missing_ok=True)
