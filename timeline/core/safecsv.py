"""CSV cells that a spreadsheet will not run as formulas, and back; the one CSV writer of the tool.

A cell starting with =, +, -, @, a tab or a carriage return is read as a
formula by Excel, LibreOffice and Google Sheets ("CSV injection"): a title
'=HYPERLINK("http://...")' would become a live link. `neutralise` puts an
apostrophe in front, the spreadsheets' own mark for "this is text".

`restore` undoes it, and the collection loader applies it to every cell, so
an exported file loads back unchanged. Cells that already start with
apostrophes before such a character get one more, so the pair is exact for
every string: restore(neutralise(s)) == s.

Every CSV file the tool writes (export, import, extract) goes through
`write_rows` or `csv_text`, so no writer can forget the apostrophe;
tests/test_safecsv.py holds the package to that.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Mapping
from typing import TextIO

_FORMULA = re.compile(r"^'*[=+\-@\t\r]")


def neutralise(cell: str) -> str:
    return "'" + cell if _FORMULA.match(cell) else cell


def restore(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and _FORMULA.match(cell) else cell


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return neutralise(value if isinstance(value, str) else str(value))


def write_rows(handle: TextIO, columns: Iterable[str], rows: Iterable[Mapping[str, object]]) -> None:
    """A header and one line per row (missing cells empty, None and NaN empty), every cell neutralised."""
    columns = list(columns)
    writer = csv.writer(handle, lineterminator="\n")
    # With "\n" line ends the csv module leaves a lone "\r" unquoted, and readers then split the row there:
    # a row holding one is written with every cell quoted.
    quoted = csv.writer(handle, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow([_cell(column) for column in columns])
    for row in rows:
        cells = [_cell(row.get(column, "")) for column in columns]
        (quoted if any("\r" in cell for cell in cells) else writer).writerow(cells)


def csv_text(columns: Iterable[str], rows: Iterable[Mapping[str, object]]) -> str:
    """write_rows into a string."""
    out = io.StringIO()
    write_rows(out, columns, rows)
    return out.getvalue()
