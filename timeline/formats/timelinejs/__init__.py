"""TimelineJS in and out: `python -m timeline import` and `export --format timelinejs`.

safetext.py   HTML -> plain text (no tags, no scripts, entities decoded)
dateparts.py  TimelineJS date parts <-> EDTF at the same precision
slides.py     what both readers produce: slides with where each came from
readjson.py   a TimelineJS3 JSON file -> slides
readsheet.py  the TimelineJS Google-Sheets template saved as CSV -> slides
build.py      slides -> our rows, ids, categories, and the imported text as the quoted source
folder.py     the collection folder; tojson.py: a collection -> TimelineJS3 JSON
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from timeline.core.problems import CollectionError, Problem
from timeline.formats import outfolder
from timeline.formats.timelinejs import build, folder, readjson, readsheet
from timeline.formats.timelinejs.slides import Parsed
from timeline.formats.timelinejs.tojson import to_timelinejs, to_timelinejs_json
from timeline.i18n import gettext as _
from timeline.load.csvfile import NotUtf8, decode_utf8

__all__ = [
    "ImportFailed",
    "ImportReport",
    "import_timeline",
    "parse_timeline",
    "read_timeline",
    "to_timelinejs",
    "to_timelinejs_json",
]


class ImportFailed(CollectionError):
    """The file cannot be imported; `problems` lists every problem, each naming the file and its row."""


@dataclass(frozen=True)
class ImportReport:
    file: Path
    out: Path
    format: str
    title: str
    events: int
    eras: int
    unplaced: int
    notes: tuple[str, ...]
    validation: str

    @property
    def ok(self) -> bool:
        return self.validation.startswith("OK")

    def text(self) -> str:
        lines = [
            f"Imported {self.file} ({self.format}) into {self.out}: '{self.title}', "
            f"{self.events} events and {self.eras} eras"
            + (f"; {self.unplaced} kept aside in unplaced.csv" if self.unplaced else "")
            + ".",
            "Every event quotes the TimelineJS file's own text (sources/imported.txt), not an independent source.",
        ]
        lines += [f"  - {note}" for note in self.notes]
        lines.append(f"Check (python -m timeline validate {self.out}): {self.validation}")
        return "\n".join(lines) + "\n"


def read_timeline(path: Path) -> Parsed:
    """A TimelineJS3 JSON file or a TimelineJS sheet saved as CSV -> slides and problems (never raises)."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return _refused(Parsed(name, "unknown"), _("file not found"))
    except IsADirectoryError:
        message = _("is a folder; give a TimelineJS3 .json file or the TimelineJS sheet saved as .csv")
        return _refused(Parsed(name, "unknown"), message)
    return parse_timeline(raw, name, path.suffix)


def parse_timeline(raw: bytes, name: str, suffix: str = "") -> Parsed:
    """TimelineJS3 JSON or sheet bytes (a file, or an upload kept in memory) -> slides and problems."""
    parsed = Parsed(name, "unknown")
    if not raw.strip():
        return _refused(parsed, _("the file is empty"))
    if raw.startswith(b"PK\x03\x04"):
        # Translators: File > Download > .csv are the menus of Google Sheets, in the reader's language there.
        return _refused(parsed, _("this is a zip or Excel file; download the sheet as CSV (File > Download > .csv)"))
    if b"\x00" in raw[:8192]:
        return _refused(parsed, _("this is a binary file, not TimelineJS JSON or CSV text"))
    try:
        text = decode_utf8(raw)
    except NotUtf8 as bad:
        message = _("not UTF-8 text (byte 0x%(byte)s); save or download it as UTF-8") % {"byte": f"{bad.byte:02x}"}
        parsed.problems.append(Problem(name, bad.line, None, message))
        return parsed
    if suffix.lower() == ".json" or text.lstrip()[:1] in ("{", "["):
        return readjson.parse(text, name)
    if suffix.lower() == ".csv" or readsheet.looks_like_sheet(text):
        return readsheet.parse(text, name)
    return _refused(parsed, _("neither TimelineJS3 JSON nor the TimelineJS sheet template saved as CSV"))


def import_timeline(path: Path, out: Path, force: bool = False) -> ImportReport:
    """Write the collection folder `out` from a TimelineJS file; raise ImportFailed, writing nothing, on any problem."""
    refused = folder.refusal(out, force)
    if refused is not None:
        raise ImportFailed([refused])
    parsed = read_timeline(path)
    if parsed.problems:
        raise ImportFailed(parsed.problems)
    draft = build.build(parsed, fallback_title=path.stem)
    if draft.problems:
        raise ImportFailed(draft.problems)
    folder.write(draft, out, path.name)
    report = ImportReport(
        file=path,
        out=out,
        format=parsed.format,
        title=draft.title,
        events=sum(row["kind"] == "event" for row in draft.rows),
        eras=sum(row["kind"] == "era" for row in draft.rows),
        unplaced=len(draft.unplaced),
        notes=tuple(draft.notes),
        validation=outfolder.check_loads(out, "OK, {events} events load"),
    )
    (out / "report.txt").write_text(report.text(), encoding="utf-8")
    return report


def _refused(parsed: Parsed, message: str) -> Parsed:
    parsed.problems.append(Problem(parsed.file, None, None, message))
    return parsed
