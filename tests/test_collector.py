"""The garbage collector is process-wide: a load may pause it at start-up, never inside a request.

An upload is checked on one of a threaded server's request threads; pausing the collector there
paused it for every other request too (issue 13, item 6).
"""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest
from helpers import AQIM

from timeline.load import collection as collection_module
from timeline.load.collection import load_collection
from timeline.web import upload
from timeline.web.pages.registry import Registry

FIXTURES = Path(__file__).parent / "fixtures" / "timelinejs"


class _Recorder:
    """Stands in for the gc module inside timeline.load.collection and records what is asked of it."""

    def __init__(self):
        self.calls: list[str] = []

    def isenabled(self) -> bool:
        return gc.isenabled()

    def disable(self) -> None:
        self.calls.append("disable")

    def enable(self) -> None:
        self.calls.append("enable")


@pytest.fixture
def recorder(monkeypatch) -> _Recorder:
    recording = _Recorder()
    monkeypatch.setattr(collection_module, "gc", recording)
    return recording


def _in_thread(work) -> None:
    errors: list[BaseException] = []

    def run():
        try:
            work()
        except BaseException as error:  # re-raised below, in the test's thread
            errors.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]


def test_a_start_up_load_pauses_the_collector_and_turns_it_back_on(recorder) -> None:
    load_collection(AQIM)
    assert recorder.calls == ["disable", "enable"]


def test_a_load_on_another_thread_leaves_the_collector_alone(recorder) -> None:
    _in_thread(lambda: load_collection(AQIM))
    assert recorder.calls == []


@pytest.mark.parametrize("name", ["events.csv", "berlin.json"])
def test_an_upload_request_leaves_the_collector_alone(recorder, aqim, name) -> None:
    raw = (AQIM / "events.csv").read_bytes() if name == "events.csv" else (FIXTURES / "berlin.json").read_bytes()
    registry = Registry({aqim.id: aqim})
    # On the main thread too: a request may run there (gunicorn's sync worker), and it must not pause it either.
    registry.read_upload(name, raw, None)
    _in_thread(lambda: upload.read_upload(name, raw, aqim))
    assert recorder.calls == []


def test_the_collector_stays_on_while_uploads_run_on_request_threads(aqim) -> None:
    raw = (AQIM / "events.csv").read_bytes()
    seen: list[bool] = []
    done = threading.Event()

    def watch():
        while not done.is_set():
            seen.append(gc.isenabled())

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for _ in range(3):
            _in_thread(lambda: upload.read_upload("events.csv", raw, aqim))
    finally:
        done.set()
        watcher.join()
    assert seen and all(seen)
