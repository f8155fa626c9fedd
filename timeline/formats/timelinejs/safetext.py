"""HTML from a TimelineJS file -> plain text that is safe wherever the app shows it.

TimelineJS headlines and texts are HTML written by anyone who can edit the
sheet. We keep the words and nothing else: no tags, no attributes (so no
onerror= or javascript: links), and no content of elements that hold code
rather than text; what is left of markup the parser could not close goes
too. Entities are decoded, so '&amp;' is '&' again; text that only *looks*
like a tag because it was written with entities ('&lt;b&gt;') stays as those
characters, which every place we show text escapes.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

# Content that is code or never shown: dropped whole, not turned into text.
_DROPPED = frozenset({"script", "style", "template", "noscript", "iframe", "object", "svg", "math", "head"})
# Elements that start a new line where a browser would.
_BLOCKS = frozenset(
    {"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
     "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
     "tr", "ul"}
)  # fmt: skip
_SPACE = re.compile(r"\s+")
# What is left of markup the parser could not close ('<img src=x onerror=...' at the end of a cell).
_LEFTOVER = re.compile(r"<[A-Za-z/!?][^>]*(?:>|\Z)")
_WRITTEN_LT = "\x00"  # a '<' the author wrote as an entity, kept apart from leftover markup until the end
_LT_ENTITY = re.compile(r"&(?:lt;?|#0*60(?![0-9]);?|#[xX]0*3[cC](?![0-9a-fA-F]);?)", re.IGNORECASE)


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.dropping = 0  # depth inside dropped elements

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _DROPPED:
            self.dropping += 1
        elif tag in _BLOCKS:
            self.pieces.append("\n")

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        # '<script/>' opens nothing; '<br/>' still breaks the line.
        if tag in _BLOCKS:
            self.pieces.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            self.dropping = max(0, self.dropping - 1)
        elif tag in _BLOCKS:
            self.pieces.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            # HTML folds white space, line breaks included: the text reads as TimelineJS shows it.
            self.pieces.append(_SPACE.sub(" ", data))


def safe_text(value: object) -> str:
    """HTML (or plain text, or a number) -> plain text: lines of words, no markup, no control characters."""
    if value is None:
        return ""
    text = str(value).replace(_WRITTEN_LT, "")
    if "<" in text or "&" in text:
        parser = _TextOnly()
        parser.feed(_LT_ENTITY.sub(_WRITTEN_LT, text))
        parser.close()  # an unclosed <script> swallows the rest: dropped, never shown
        text = _LEFTOVER.sub("", "".join(parser.pieces)).replace(_WRITTEN_LT, "<")
    else:
        # No tag and no entity: the parser would hand the whole text to handle_data at once. Most cells of a
        # large sheet are such, and skipping the parser halves the time an upload of 20,000 rows takes to read.
        text = _SPACE.sub(" ", text)
    if not text.replace("\n", "").isprintable():  # no character of category C is printable
        text = "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch)[0] != "C")
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def one_line(value: object) -> str:
    """safe_text on one line, for headlines, groups and dates."""
    return " ".join(safe_text(value).split())
