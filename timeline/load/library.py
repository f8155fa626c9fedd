"""The collections one app serves: `--data` names a collection folder, or a folder of them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from timeline.core.problems import CollectionError, Problem
from timeline.load.collection import Collection, load_collection

# The collection name of a dropped file in URLs (?collection=upload), so no collection folder may take it.
# Defined here, where that is enforced, rather than in web/upload.py: loading must not import the web stage.
UPLOAD_KEY = "upload"


def collection_folders(path: Path) -> list[Path]:
    """`path` itself if it is a collection, else its sub-folders that are; CollectionError if neither."""
    if (path / "collection.json").is_file():
        return [path]
    if not path.is_dir():
        raise CollectionError([Problem(str(path), None, None, "not a folder; expected a collection folder")])
    folders = sorted(child for child in path.iterdir() if (child / "collection.json").is_file())
    if not folders:
        raise CollectionError(
            [
                Problem(
                    str(path),
                    None,
                    None,
                    "neither a collection folder (no collection.json) nor a folder of collection folders",
                )
            ]
        )
    return folders


def load_library(path: str | Path, progress: Callable[[str], None] | None = None) -> dict[str, Collection]:
    """Every collection under `path`, by id, in folder order; one CollectionError lists the problems of all."""
    collections: dict[str, Collection] = {}
    problems: list[Problem] = []
    for folder in collection_folders(Path(path)):
        try:
            collection = load_collection(folder, progress)
        except CollectionError as error:
            problems.extend(error.problems)
            continue
        if collection.id == UPLOAD_KEY:
            problems.append(
                Problem(
                    str(folder / "collection.json"),
                    None,
                    "id",
                    f"'{UPLOAD_KEY}' names uploaded files; choose another id",
                )
            )
            continue
        if collection.id in collections:
            other = collections[collection.id].path
            problems.append(
                Problem(
                    str(folder / "collection.json"),
                    None,
                    "id",
                    f"'{collection.id}' is the id of {other} too; each collection needs its own id (it names it in URLs)",
                )
            )
            continue
        collections[collection.id] = collection
    if problems:
        raise CollectionError(problems)
    return collections
