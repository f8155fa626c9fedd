"""Writing a draft as a collection folder that `python -m timeline validate` accepts."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from timeline.core.safecsv import write_rows
from timeline.core.text import slug
from timeline.extract.actors import Glossary
from timeline.extract.draft import Draft
from timeline.extract.markup import Cleaned
from timeline.extract.places import PLACE_COLUMNS
from timeline.extract.reading import ExtractError, SourceText
from timeline.formats import outfolder
from timeline.load.schema import EVENT_COLUMNS


def check_out_dir(out: Path, force: bool) -> None:
    """Refuse to write over a folder that holds anything, unless told to (and never over curated events)."""
    refused = outfolder.refusal(out, force, "a draft", _curated)
    if refused is not None:
        raise ExtractError(f"{out}: {refused}")


def _curated(out: Path) -> str | None:
    # --force replaces a draft; a curated collection is never written over.
    events = out / "events.csv"
    if not events.exists():
        return None
    try:
        with events.open(encoding="utf-8-sig", newline="") as handle:
            curated = [row for row in csv.DictReader(handle) if (row.get("status") or "").strip() != "draft"]
    except (UnicodeDecodeError, csv.Error):
        curated = [{}]
    return "its events.csv has events that are not drafts; extract does not write over them" if curated else None


def write(
    draft: Draft, source: Path, decoded: SourceText, out: Path, glossary: Glossary, cleaned: Cleaned | None = None
) -> None:
    """The draft folder. A source in markup is stored as the cleaned copy its quotes come from, with the
    original beside it; plain text is copied as it is."""
    (out / "sources").mkdir(parents=True, exist_ok=True)
    marked = cleaned is not None and bool(cleaned.kind)
    if marked:
        copy = out / "sources" / cleaned_name(source)
        copy.write_text(cleaned.text, encoding="utf-8", newline="")
        _copy_as_given(source, decoded, out / "sources" / source.name)
        note = (
            f"A cleaned copy of {source.name} ({cleaned.kind}), made by extract: its markup (headings, list marks, "
            "links, emphasis, references, templates, tags) was read as structure and removed, so the quotes are "
            f"verbatim substrings of this text. The original is sources/{source.name}"
            + ("." if decoded.encoding == "utf-8" else f", as read from {decoded.encoding}.")
        )
    else:
        copy = out / "sources" / (source.name if source.suffix.lower() == ".txt" else source.name + ".txt")
        _copy_as_given(source, decoded, copy)
        note = "Copied verbatim by extract" + (
            "." if decoded.encoding == "utf-8" else f", converted from {decoded.encoding} to UTF-8."
        )
    title = draft.subject.title or source.stem  # a text without a title line
    meta = {
        "id": slug(out.name),
        "title": f"{title} (draft)",
        "description": f"Drafted by `python -m timeline extract` from {source.name}. "
        "Every event has status 'draft': review it before use.",
        "sources": [
            {
                "id": source_id(source),
                "title": title,
                "kind": "text",
                "file": f"sources/{copy.name}",
                "note": note,
            }
        ],
    }
    (out / "collection.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    _csv(out / "events.csv", EVENT_COLUMNS, draft.rows)
    _csv(out / "places.csv", PLACE_COLUMNS, [draft.places[k].row() for k in sorted(draft.places)])
    used = draft.actors_known
    aliases = [{"name": n, "aliases": "; ".join(o)} for n, o in glossary.names.items() if n in used and o]
    if aliases:
        _csv(out / "aliases.csv", ("name", "aliases"), aliases)
    elif (out / "aliases.csv").exists():
        (out / "aliases.csv").unlink()  # an earlier draft's glossary would not match this one


def cleaned_name(source: Path) -> str:
    """'page.html' -> 'page.txt'; 'notes.wiki.txt' -> 'notes.wiki.cleaned.txt' (the original keeps its name)."""
    return source.stem + (".cleaned.txt" if source.suffix.lower() == ".txt" else ".txt")


def _copy_as_given(source: Path, decoded: SourceText, copy: Path) -> None:
    if decoded.encoding == "utf-8":
        shutil.copyfile(source, copy)  # byte for byte: a plain text's quotes are substrings of exactly this
    else:
        copy.write_text(decoded.text, encoding="utf-8", newline="")


def source_id(source: Path) -> str:
    return slug(source.stem)


def _csv(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    # A draft quotes a text nobody checked: a sentence starting with '=' must not run as a formula.
    with path.open("w", encoding="utf-8", newline="") as handle:
        write_rows(handle, columns, rows)
