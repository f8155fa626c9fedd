"""The progress line: silent for quick work, stage by stage for slow work."""

from __future__ import annotations

import io
import time

from timeline.core.progress import Progress


def test_quick_work_prints_nothing():
    out = io.StringIO()
    with Progress("Loading x", stream=out, delay=0.5) as progress:
        progress("reading")
    assert out.getvalue() == ""


def test_slow_work_names_its_stages_and_the_end():
    out = io.StringIO()
    with Progress("Loading x", stream=out, delay=0.1, every=0.05) as progress:
        progress("reading events.csv")
        time.sleep(0.3)
        progress("checking 100,000 events")
        time.sleep(0.3)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Loading x: reading events.csv (")
    assert any(line.startswith("Loading x: checking 100,000 events (") for line in lines)
    assert lines[-1].startswith("Loading x: done in ")
    # A stage is announced once, not on every tick.
    assert sum("checking 100,000 events" in line for line in lines) == 1
