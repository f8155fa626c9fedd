"""CSV cells that a spreadsheet will not run as formulas, and back.

A cell starting with =, +, -, @, a tab or a carriage return is read as a
formula by Excel, LibreOffice and Google Sheets ("CSV injection"): a title
'=HYPERLINK("http://...")' would become a live link. `neutralise` puts an
apostrophe in front, the spreadsheets' own mark for "this is text".

`restore` undoes it, and the collection loader applies it to every cell, so
an exported file loads back unchanged. Cells that already start with
apostrophes before such a character get one more, so the pair is exact for
every string: restore(neutralise(s)) == s.
"""

from __future__ import annotations

import re

_FORMULA = re.compile(r"^'*[=+\-@\t\r]")


def neutralise(cell: str) -> str:
    return "'" + cell if _FORMULA.match(cell) else cell


def restore(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and _FORMULA.match(cell) else cell
