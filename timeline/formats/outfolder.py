"""The collection folder a command writes (`extract`, `import`): which --out it may use, and whether the
folder it wrote loads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from timeline.core.problems import CollectionError
from timeline.load.collection import load_collection


def refusal(out: Path, force: bool, replaces: str, keeps: Callable[[Path], str | None]) -> str | None:
    """Why `out` cannot be written, or None when it can.

    An empty or new folder can. One that holds anything can only with --force, and then only when
    `keeps(out)` finds nothing there to protect (it says what, or returns None): each command replaces
    only what it wrote itself. `replaces` names that in the message ('a draft', 'an earlier import').
    """
    if out.exists() and not out.is_dir():
        return "exists and is not a folder; choose another --out"
    if not out.is_dir() or not any(out.iterdir()):
        return None
    if not force:
        return f"the folder is not empty; choose another --out, or add --force to replace {replaces} there"
    return keeps(out)


def check_loads(out: Path, ok: str) -> str:
    """The report's last word on the folder just written: `ok` (where '{events}' is the number of events)
    when it loads as a collection, else the loader's problems, which are this tool's own bug."""
    try:
        collection = load_collection(out)
    except CollectionError as error:
        return f"FAILED, please report this: {error}"
    return ok.format(events=len(collection.events))
