"""Writing an imported timeline as a collection folder that `python -m timeline validate` accepts."""

from __future__ import annotations

import json
from pathlib import Path

from timeline.core.problems import Problem
from timeline.core.safecsv import write_rows
from timeline.core.text import slug
from timeline.formats import outfolder
from timeline.formats.timelinejs.build import SOURCE_FILE, SOURCE_ID, SOURCE_KIND, Draft
from timeline.load.schema import EVENT_COLUMNS, PLACE_REQUIRED

# What an import writes; only these are replaced by --force, and only in a folder an import wrote.
FILES = ("collection.json", "events.csv", "places.csv", "unplaced.csv", "media.csv", "report.txt", SOURCE_FILE)
MEDIA_COLUMNS = ("id", "url", "caption", "credit", "thumbnail")


def refusal(out: Path, force: bool) -> Problem | None:
    """Why `out` cannot be written, or None: never over a file, a curated collection or anything unasked."""
    refused = outfolder.refusal(out, force, "an earlier import", _not_imported)
    return None if refused is None else Problem(str(out), None, None, refused)


def _not_imported(out: Path) -> str | None:
    try:
        kind = json.loads((out / "collection.json").read_text(encoding="utf-8")).get("kind")
    except (OSError, ValueError, AttributeError):
        kind = None
    return None if kind == "imported" else "--force replaces only an earlier import, and this folder is not one"


def write(draft: Draft, out: Path, source_name: str) -> None:
    for name in FILES:
        (out / name).unlink(missing_ok=True)
    (out / "sources").mkdir(parents=True, exist_ok=True)
    (out / SOURCE_FILE).write_text(draft.source_text, encoding="utf-8", newline="\n")
    meta = {
        "id": slug(out.resolve().name, join_apostrophes=True, empty="imported"),
        "title": draft.title,
        "description": draft.description,
        "kind": "imported",
        "imported_from": {"file": source_name, "format": draft.parsed.format},
        "sources": [source_entry(draft, source_name)],
    }
    (out / "collection.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    _csv(out / "events.csv", EVENT_COLUMNS, draft.rows)
    _csv(out / "places.csv", PLACE_REQUIRED, [])  # TimelineJS has no places; the loader wants the gazetteer
    if draft.unplaced:
        _csv(out / "unplaced.csv", EVENT_COLUMNS, draft.unplaced)
    if draft.media:
        _csv(out / "media.csv", MEDIA_COLUMNS, draft.media)


def source_entry(draft: Draft, source_name: str) -> dict[str, str]:
    """The imported text as the collection's one source, described as what it is: the timeline's own words."""
    return {
        "id": SOURCE_ID,
        "title": f"{draft.title} (TimelineJS file {source_name})",
        "kind": SOURCE_KIND,
        "file": SOURCE_FILE,
        "note": (
            f"The headline and text of each slide of {source_name}, reduced to plain text when it was "
            "imported. It is the timeline's own wording, not an independent source: "
            "a quote from it shows what the timeline said, not what a historical source says."
        ),
    }


def _csv(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    # Imported text is anyone's: a slide starting with '=' must not run as a formula when the file is opened.
    with path.open("w", encoding="utf-8", newline="") as handle:
        write_rows(handle, columns, rows)
