"""A collection -> TimelineJS3 JSON that TimelineJS opens as it is.

Dates keep their precision (a year is {"year": "2007"}, a month adds its
month), eras go to `eras`, each slide's text carries our summary, the quote
and its citation, unique_id is our id and group our category's label.
TimelineJS cannot say '200X', '2020-11~' or "inferred", so each slide also
carries them under a key of its own (OURS), which TimelineJS ignores and
our import reads back: ours -> TimelineJS -> ours keeps every date exactly.
Everything we write into TimelineJS's HTML fields is escaped.
"""

from __future__ import annotations

import csv
import json
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.core.safecsv import restore
from timeline.formats.timelinejs.build import SOURCE_KIND
from timeline.formats.timelinejs.dateparts import Parts, parts_of
from timeline.formats.timelinejs.readjson import OURS
from timeline.i18n.dates import BASIS_WORDS, describe
from timeline.load import schema

if TYPE_CHECKING:
    from timeline.load.collection import Collection, Source


def to_timelinejs(collection: Collection) -> dict:
    """The collection as a TimelineJS3 JSON object (title slide, events, eras)."""
    media = _media(collection.path / "media.csv")
    events, eras = [], []
    for record in collection.events.to_dict("records"):
        slide = _slide(record, collection.sources.get(record["source"]), media.get(record["id"]))
        (eras if record["kind"] == "era" else events).append(slide)
    return {"title": _title(collection), "events": events, "eras": eras, "scale": "human"}


def to_timelinejs_json(collection: Collection) -> str:
    return json.dumps(to_timelinejs(collection), ensure_ascii=False, indent=2) + "\n"


def _title(collection: Collection) -> dict:
    text = _paragraphs(collection.description)
    cited = [s for s in collection.sources.values() if s.kind != SOURCE_KIND]
    if cited:
        text += "<p>Sources: " + "; ".join(_cite(source) for source in cited) + "</p>"
    return {"text": {"headline": _html(collection.title), "text": text}}


def _slide(record: dict, source: Source | None, media: dict | None) -> dict:
    era = record["kind"] == "era"
    start, end = parts_of(record["start"], record["end"], era=era)
    slide: dict = {"unique_id": record["id"], "start_date": _date(start)}
    if end is not None:
        slide["end_date"] = _date(end)
    slide["display_date"] = _html(record["date_text"])
    slide["text"] = {"headline": _html(record["title"]), "text": _body(record, source)}
    slide["group"] = _html(schema.CATEGORIES[record["category"]])
    if media:
        slide["media"] = media
    slide[OURS] = {
        "start": record["start"],
        "end": record["end"],
        "date_basis": record["date_basis"],
        "date_note": record["date_note"],
    }
    return slide


def _date(parts: Parts) -> dict[str, str]:
    # Strings, as in Knight Lab's own examples: every TimelineJS version reads them.
    date = {"year": str(parts.year)}
    if parts.month is not None:
        date["month"] = str(parts.month)
        if parts.day is not None:
            date["day"] = str(parts.day)
    return date


def _body(record: dict, source: Source | None) -> str:
    html = _paragraphs(record["summary"])
    imported = source is not None and source.kind == SOURCE_KIND
    if record["quote"] != record["summary"]:
        html += f"<blockquote>{_html(record['quote'])}</blockquote>"
    if source is not None and not imported:
        # An imported event's source is the TimelineJS text itself: citing it would only repeat it.
        html += f'<p class="citation">— {_cite(source)}</p>'
    if record["date_basis"] != "stated" or record["date_note"]:
        words = str(BASIS_WORDS[record["date_basis"]])
        when = describe(record["start"], record["end"] or None)
        note = f" {_html(record['date_note'])}" if record["date_note"] else ""
        html += f'<p class="date-basis">Date {words}: {_html(when)}.{note}</p>'
    return html


def _cite(source: Source) -> str:
    kind = f", {_html(source.kind)}" if source.kind else ""
    return f"<cite>{_html(source.title)}</cite>{kind}"


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{_html(line)}</p>" for line in text.split("\n") if line.strip())


def _html(text: str) -> str:
    return escape(text, quote=False).replace("\n", "<br>")


def _media(path: Path) -> dict[str, dict]:
    """media.csv, written by an import, back onto its slides; only web addresses."""
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [{key: restore(value or "") for key, value in row.items()} for row in csv.DictReader(handle)]
    media = {}
    for row in rows:
        url = row.get("url", "")
        if row.get("id") and url.lower().startswith(("http://", "https://", "//")):
            media[row["id"]] = {
                "url": url,
                "caption": _html(row.get("caption", "")),
                "credit": _html(row.get("credit", "")),
                **({"thumbnail": row["thumbnail"]} if row.get("thumbnail") else {}),
            }
    return media
