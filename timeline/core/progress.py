"""A progress line on standard error for loads that take longer than a second.

Quick loads print nothing; slow ones say which stage they are in and how long
it has taken, so a teacher loading a large spreadsheet knows it is working.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO


class Progress:
    """Call it with a stage name; it reports only once `delay` seconds have passed."""

    def __init__(self, label: str, stream: TextIO | None = None, delay: float = 1.0, every: float = 2.0):
        self.label = label
        self.stream = stream or sys.stderr
        self.delay = delay
        self.every = every
        self.stage = "starting"
        self._started = time.monotonic()
        self._shown = ""
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Progress:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._done.set()
        self._thread.join()
        if self._shown:
            self._print(f"{self.label}: done in {time.monotonic() - self._started:.1f} s")

    def __call__(self, stage: str) -> None:
        self.stage = stage

    def _run(self) -> None:
        if self._done.wait(self.delay):
            return
        while True:
            line = f"{self.label}: {self.stage} ({time.monotonic() - self._started:.0f} s)"
            if self.stage != self._shown.partition(" (")[0].partition(": ")[2]:
                self._print(line)
            if self._done.wait(self.every):
                return

    def _print(self, line: str) -> None:
        self._shown = line
        print(line, file=self.stream, flush=True)
