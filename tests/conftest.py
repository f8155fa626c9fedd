from __future__ import annotations

import pytest
from helpers import AQIM

from timeline.load.collection import Collection, load_collection


@pytest.fixture(scope="session")
def aqim() -> Collection:
    """The bundled collection, loaded once: every test here only reads it."""
    return load_collection(AQIM)
