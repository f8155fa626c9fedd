"""`python -m timeline extract`: a plain-text source -> a draft collection folder and a report.

reading.py     bytes -> text (UTF-8, UTF-16, or cp1252 with a warning); refuses binary and empty files
markup.py      Markdown, wikitext, HTML -> a cleaned plain text and its headings and list items; plaintext.py
               the structure of plain text (date headings, bullets, date-led entries) and the line kinds they share
sentences.py   sentences with their offsets, so quotes are verbatim substrings
datefinder.py  date expressions -> EDTF, precision, words as written: find() walks the text with
               datewords.py (Mention, month names, years, counts), dategrammar.py (single stated dates),
               datespans.py (ranges, qualifiers, open and closing ends), datephrases.py (relative, vague
               and year-less phrases)
resolve.py     relative dates ('five months after X's death') against the document's own dates, by
               partial.py (days without a year, closing spans), relative.py (counted and anchored phrases),
               anchors.py (which dated event a phrase names), over dated.py's Dated and Document
places.py      gazetteer lookup: the collection's places.csv, then placenames.py (geodata.py's GeoNames,
               regions, demonyms, as Places), with placecontext.py (is this name, where it stands, a place?)
actors.py      glossary names, guessed names, the document's subject
categories.py  transparent keyword rules for a suggested category
titles.py      a short title from the clause holding the date
draft.py       rows from all of that; guard.py keeps a bug in one sentence from losing the document
folder.py      the collection folder; report.py the report
"""

from __future__ import annotations

from pathlib import Path

from timeline.extract import folder, markup
from timeline.extract.actors import Glossary, load_glossary
from timeline.extract.draft import Progress, build
from timeline.extract.places import Gazetteer, load_places
from timeline.extract.reading import ExtractError, read_source
from timeline.extract.report import Report
from timeline.formats import outfolder

__all__ = ["ExtractError", "Report", "default_collection", "default_out", "extract"]

# Loading a draft checks every quote against the source; above this size that is left to `validate`.
SELF_CHECK_LIMIT = 2_000_000


def default_collection(source: Path) -> Path | None:
    """The collection a source sits in (COLLECTION/sources/file.txt), whose places and names are used first."""
    parent = source.resolve().parent
    if parent.name == "sources" and (parent.parent / "collection.json").exists():
        return parent.parent
    return None


def default_out(source: Path) -> Path:
    return Path(f"{source.stem}-draft")


def extract(
    source: Path,
    out: Path,
    collection: Path | None = None,
    force: bool = False,
    progress: Progress | None = None,
    offline_places: bool = True,
) -> Report:
    """Draft a collection from `source` into `out`; raise ExtractError when the input or output is refused."""
    decoded = read_source(source)
    folder.check_out_dir(out, force)
    warnings = list(decoded.warnings)
    own_places: list = []
    glossary = Glossary()
    if collection is not None:
        own_places, problems = load_places(collection)
        glossary, more = load_glossary(collection)
        warnings += [f"gazetteer or glossary row skipped: {p}" for p in problems + more]
    gazetteer = Gazetteer(own_places, offline=offline_places)
    cleaned = markup.clean(decoded.text, markup.sniff(decoded.text, source.suffix))
    if cleaned.kind:
        warnings.append(
            f"the file is {cleaned.kind}: its markup was read as structure and removed; the events quote the "
            "cleaned copy in sources/, and the original is kept beside it"
        )
    draft = build(cleaned.text, folder.source_id(source), gazetteer, glossary, progress, cleaned.structure)
    if progress:
        progress("writing the draft folder")
    folder.write(draft, source, decoded, out, glossary, cleaned)
    report = Report.of(draft, source, out, decoded.encoding, decoded.size, warnings)
    report.validation = _self_check(out, decoded.size)
    (out / "report.txt").write_text(report.text(), encoding="utf-8")
    return report


def _self_check(out: Path, size: int) -> str:
    if size > SELF_CHECK_LIMIT:
        return f"not run for a text this large; run python -m timeline validate {out}"
    return outfolder.check_loads(out, "OK: the folder loads as a collection (python -m timeline validate)")
