"""Collections at the deck limit and one over (formats/deck.py DECK_LIMIT), for HTTP and browser tests."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from helpers import ROOT

from timeline.formats.deck import DECK_LIMIT

sys.path.insert(0, str(ROOT / "bench"))
import make_collection  # noqa: E402  (bench/ is on the path just above)

AT, OVER = DECK_LIMIT, DECK_LIMIT + 1


def limit_library(folder: Path) -> Path:
    """A folder of two generated collections: `at` with DECK_LIMIT events, `over` with one more. The
    generator may add eras, written first, so the rows are cut back to the exact count."""
    for name, size in (("at", AT), ("over", OVER)):
        target = folder / name
        make_collection.make_collection(size, target)
        rows = (target / "events.csv").read_text(encoding="utf-8").splitlines(keepends=True)
        (target / "events.csv").write_text("".join(rows[: size + 1]), encoding="utf-8")
        meta = json.loads((target / "collection.json").read_text(encoding="utf-8"))
        (target / "collection.json").write_text(json.dumps({**meta, "id": name}), encoding="utf-8")
    return folder
