from __future__ import annotations

import os

import pytest
from helpers import AQIM
from hypothesis import settings

from timeline.load.collection import Collection, load_collection

# Property tests run the same examples on every run, with no time limit per example: on a shared 2-core machine a
# slow example is load, not a bug, and a red CI must mean a real failure. HYPOTHESIS_PROFILE=search looks further.
settings.register_profile("repeatable", derandomize=True, deadline=None)
settings.register_profile("search", deadline=None, max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture(scope="session")
def aqim() -> Collection:
    """The bundled collection, loaded once: every test here only reads it."""
    return load_collection(AQIM)
