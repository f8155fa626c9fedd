"""Markdown, wikitext and HTML -> plain text and its structure (headings, list items).

Markup is structure, not text: `### 2016`, `== 2016 ==` and `<h2>2016</h2>` are
headings whose year dates the list below them; `* March 13 – ...`, `** ...` and
`<li>` are list items; links, bold and italics keep only their words;
references, templates, comments, images and scripts are dropped. The result is
a cleaned copy of the source: extract stores it in the draft's `sources/` (and
says so in the source record), so every quote is a verbatim substring of the
stored text, and no quote holds a `[[`, a `**` or a `<p>`.

Plain text is not changed; its structure (a line that is only `2016`, lines
that begin with a bullet or with a date such as `March 22 –`) is found by
plaintext.py, whose kinds of line (a date heading, a date-led entry) the
readers here share, and the text is stored as given.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from timeline.extract.plaintext import DATE_LEAD, Structure, date_heading, plain_structure

KINDS = ("markdown", "wikitext", "html")


@dataclass(frozen=True)
class Block:
    kind: str  # 'heading', 'item', 'line' (a line of a paragraph), 'break' (a paragraph ends)
    text: str = ""
    level: int = 0  # heading level (1 = a title) or list depth (1 = top)


@dataclass(frozen=True)
class Cleaned:
    text: str
    kind: str  # one of KINDS, or '' for plain text (then `text` is the source as given)
    structure: Structure


def sniff(text: str, suffix: str = "") -> str:
    """The markup a source is written in ('' for plain text): by its file suffix, else by what it holds."""
    suffix = suffix.lower()
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "markdown"
    if suffix in (".wiki", ".mediawiki"):
        return "wikitext"
    sample = text[:200_000]
    if len(re.findall(r"(?m)^={2,6}[^=\n]+={2,6}[ \t]*$", sample)) >= 1 or re.search(
        r"\[\[[^\]\n]+\]\]|\{\{[^}\n]+\}\}|<ref[ >]", sample
    ):
        return "wikitext"
    tags = re.findall(r"<(?:p|br|div|h[1-6]|li|ul|ol|span|a|table|section|article)\b[^>]*>", sample, re.I)
    if len(tags) >= 2:
        return "html"
    if re.search(r"(?m)^#{1,6}[ \t]+\S", sample) or re.search(r"\[[^\]\n]+\]\([^)\s]+\)", sample):
        return "markdown"
    return ""


def clean(text: str, kind: str) -> Cleaned:
    """The plain text and structure of a source in `kind` markup ('' = plain text, returned as it is)."""
    if not kind:
        return Cleaned(text, "", plain_structure(text))
    blocks = {"markdown": _markdown, "wikitext": _wikitext, "html": _html}[kind](text)
    return _join(blocks, kind)


def _join(blocks: list[Block], kind: str) -> Cleaned:
    """Blocks -> text: headings and paragraphs apart by blank lines, list items one a line."""
    parts: list[str] = []
    structure = Structure()
    length = 0
    previous = "break"

    def add(piece: str) -> None:
        nonlocal length
        parts.append(piece)
        length += len(piece)

    for block in blocks:
        if block.kind == "break":
            previous = "break"
            continue
        words = " ".join(block.text.split())
        if not words:
            continue
        if block.kind == "line" and date_heading(words):  # '<p><b>2013</b></p>', a bold '2013' in wikitext
            block = Block("heading", words, 6)
        if length:
            same_paragraph = block.kind == previous and block.kind in ("line", "item")
            add("\n" if same_paragraph else "\n\n")
        if block.kind == "item":
            add("  " * (block.level - 1))
        start = length
        add(words)
        if block.kind == "heading":
            structure.headings.append((start, length, block.level))
        elif block.kind == "item":
            structure.items.append((start, length, block.level))
        previous = block.kind if block.kind != "heading" else "break"
    return Cleaned("".join(parts) + "\n", kind, structure)


# --- Markdown -------------------------------------------------------------------------------------

_MD_HEADING = re.compile(r"[ \t]{0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*")
_MD_ITEM = re.compile(r"([ \t]*)(?:[*+-]|\d{1,3}[.)])[ \t]+(.*)")
_MD_SETEXT = re.compile(r"[ \t]{0,3}(=+|-+)[ \t]*")


def _markdown(text: str) -> list[Block]:
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    blocks: list[Block] = []
    lines = text.splitlines()
    fenced = False
    for number, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            blocks.append(Block("break"))
            continue
        if fenced or not line.strip():
            blocks.append(Block("break"))
            continue
        following = lines[number + 1] if number + 1 < len(lines) else ""
        if _MD_SETEXT.fullmatch(line) and blocks and blocks[-1].kind == "heading":
            continue
        heading = _MD_HEADING.fullmatch(line)
        if heading:
            blocks.append(Block("heading", _md_inline(heading.group(2)), len(heading.group(1))))
            continue
        if _MD_SETEXT.fullmatch(following) and not _MD_ITEM.fullmatch(line) and line.strip():
            level = 1 if following.strip().startswith("=") else 2
            blocks.append(Block("heading", _md_inline(line), level))
            continue
        item = _MD_ITEM.fullmatch(line)
        if item and not re.fullmatch(r"\s*[-*_](?:\s*[-*_]){2,}\s*", line):  # not a rule (---, ***)
            depth = 1 + len(item.group(1).expandtabs(4)) // 2
            blocks.append(Block("item", _md_inline(item.group(2)), depth))
            continue
        if re.fullmatch(r"\s*[-*_](?:\s*[-*_]){2,}\s*", line):
            blocks.append(Block("break"))
            continue
        bold = re.fullmatch(r"\s*(\*\*|__)(.+?)\1\s*", line)
        if bold and _blank(lines, number - 1) and _blank(lines, number + 1):  # a bold line on its own: a heading
            blocks.append(Block("heading", _md_inline(bold.group(2)), 6))
            continue
        if DATE_LEAD.match(line):  # 'March 22 – ...' at a line's start: an entry of a list, not wrapped prose
            blocks.append(Block("item", _md_inline(line), 1))
            continue
        body = re.sub(r"^\s*>+\s?", "", line)
        if blocks and blocks[-1].kind == "item" and line[:1] in " \t":  # an item's continuation line
            last = blocks.pop()
            blocks.append(Block("item", last.text + " " + _md_inline(body), last.level))
            continue
        blocks.append(Block("line", _md_inline(body)))
    return _paragraph_lines(blocks)


def _blank(lines: list[str], number: int) -> bool:
    return number < 0 or number >= len(lines) or not lines[number].strip()


def _md_inline(text: str) -> str:
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", "", text)  # images
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # [words](link)
    text = re.sub(r"\[([^\]]+)\]\[[^\]]*\]", r"\1", text)  # [words][ref]
    text = re.sub(r"`([^`]*)`", r"\1", text)
    text = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])", r"\1", text)
    text = re.sub(r"(?<![\w])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w])", r"\1", text)
    text = re.sub(r"~~(.+?)~~", r"\1", text)
    text = re.sub(r"<[^>\n]+>", "", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!])", r"\1", text)
    return html.unescape(text)


def _paragraph_lines(blocks: list[Block]) -> list[Block]:
    """Consecutive lines of a paragraph are one block (hard-wrapped prose joins)."""
    joined: list[Block] = []
    for block in blocks:
        if block.kind == "line" and joined and joined[-1].kind == "line":
            joined[-1] = Block("line", joined[-1].text + " " + block.text)
        else:
            joined.append(block)
    return joined


# --- wikitext -------------------------------------------------------------------------------------

_DROP = "\x00"  # where markup was removed; a line left with only these was markup, not a paragraph break


def _wikitext(text: str) -> list[Block]:
    text = re.sub(r"<!--.*?-->", _DROP, text, flags=re.S)
    text = re.sub(r"<ref[^>/]*/>", _DROP, text, flags=re.I)
    text = re.sub(r"<ref[^>]*>.*?</ref>", _DROP, text, flags=re.I | re.S)
    previous = None
    while previous != text:  # templates nest: remove the innermost first
        previous = text
        text = re.sub(r"\{\{[^{}]*\}\}", _DROP, text)
        text = re.sub(r"\{\|[^{}]*?\|\}", _wiki_table, text, flags=re.S)
    previous = None
    while previous != text:  # links nest inside file captions: the innermost first
        previous = text
        text = re.sub(r"\[\[([^\[\]]*)\]\]", _wiki_link, text)
    text = re.sub(r"\[(?:https?:)?//[^\s\]]+\s+([^\]]+)\]", r"\1", text)
    text = re.sub(r"\[(?:https?:)?//[^\s\]]+\]", _DROP, text)
    text = re.sub(r"'''''|'''|''", "", text)
    text = re.sub(r"__[A-Z]+__", _DROP, text)
    text = re.sub(r"</?(?:small|big|span|div|center|sup|sub|u|s|b|i|nowiki|br ?/?)[^>]*>", " ", text, flags=re.I)
    blocks: list[Block] = []
    for line in text.splitlines():
        stripped = line.replace(_DROP, "").strip()
        if not stripped:
            if _DROP not in line:
                blocks.append(Block("break"))
            continue
        line = line.replace(_DROP, "")
        heading = re.fullmatch(r"\s*(={1,6})\s*(.*?)\s*\1\s*", line)
        if heading:
            blocks.append(Block("heading", html.unescape(heading.group(2)), len(heading.group(1))))
            continue
        term = re.fullmatch(r"\s*;\s*([^:]*?)\s*", line)
        if term and date_heading(term.group(1)):  # ';2013': a definition term heading the list below it
            blocks.append(Block("heading", html.unescape(term.group(1)), 6))
            continue
        item = re.fullmatch(r"\s*([*#:;]+)\s*(.*)", line)
        if item:
            blocks.append(Block("item", html.unescape(item.group(2)), len(item.group(1))))
            continue
        bullet = re.fullmatch(r"([ \t]*)[-•][ \t]+(.*)", line)  # a copy's rendering of '*' items: '- ...', '  - ...'
        if bullet:
            blocks.append(Block("item", html.unescape(bullet.group(2)), 1 + len(bullet.group(1).expandtabs(4)) // 2))
            continue
        if DATE_LEAD.match(line):  # 'March 22 – ...' at a line's start: an entry of a list
            blocks.append(Block("item", html.unescape(line), 1))
            continue
        blocks.append(Block("line", html.unescape(line.strip())))
    return _paragraph_lines(blocks)


def _wiki_table(match: re.Match[str]) -> str:
    """A table's rows as list items, their cells joined by ' | ' ('1663-02-05 | Charlevoix | 7.0'), so that a
    date in one cell and the event in the next are one entry; the header row is a line of its own."""
    table = re.sub(r"\[\[([^\[\]]*)\]\]", _wiki_link, match.group())  # a link's '|' is not a cell's
    rows: list[tuple[bool, list[str]]] = []
    for line in table.splitlines()[1:]:  # the first line holds '{|' and the table's attributes
        line = line.strip()
        if line.startswith(("|-", "|}")) or not line:
            rows.append((False, []))
        elif line.startswith(("|", "!")):
            header = line.startswith("!")
            if line.startswith("|+"):
                header, line = True, line[1:]
            if not rows or (rows[-1][1] and rows[-1][0] != header):
                rows.append((header, []))
            cells = re.split(r"!!|\|\|" if header else r"\|\|", line[1:])
            rows[-1] = (header, rows[-1][1] + [_cell_text(cell) for cell in cells])
        elif rows and rows[-1][1]:  # a cell's text running on to the next line
            rows[-1][1][-1] += " " + _cell_text(line)
    lines = []
    for header, cells in rows:
        words = " | ".join(c for c in cells if c)
        if words:
            lines.append(words if header else f"* {words}")
    return "\n" + "\n".join(lines) + "\n\n"


def _cell_text(cell: str) -> str:
    attributes, bar, content = cell.partition("|")
    words = content if bar and "=" in attributes else cell  # 'style="..." | words': the attributes, then the words
    return " ".join(words.replace(_DROP, " ").split())


def _wiki_link(match: re.Match[str]) -> str:
    inner = match.group(1)
    target, _, label = inner.partition("|")
    if re.match(r"\s*(?:File|Image|Category|Media)\s*:", target, re.I):
        return _DROP
    if re.match(r"\s*[a-z]{2,3}(?:-[a-z]+)?\s*:", target):  # interlanguage links
        return _DROP
    return (label or target).strip()


# --- HTML -----------------------------------------------------------------------------------------

_BLOCK_TAGS = {"p", "div", "section", "article", "header", "footer", "main", "aside", "blockquote", "pre", "table",
               "tr", "td", "th", "dd", "dt", "dl", "figure", "figcaption", "address", "nav"}  # fmt: skip
_SKIP_TAGS = {"script", "style", "noscript", "template", "head", "title", "svg", "math", "button", "select"}


class _HtmlBlocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.kind = "line"
        self.level = 0
        self.lists = 0
        self.skip = 0
        self.sup: list[str] | None = None
        self.breaks = 0
        self.row = False  # inside a table row: its cells are one item, joined by ' | '

    def flush(self, then: str = "break") -> None:
        text = " ".join("".join(self.buffer).split())
        if text:
            self.blocks.append(Block(self.kind, text, self.level))
        self.buffer = []
        if then == "break":
            self.blocks.append(Block("break"))
        self.kind, self.level = ("item", self.lists) if self.lists and then != "break" else ("line", 0)

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP_TAGS:
            self.skip += 1
            return
        if self.row and (tag in _BLOCK_TAGS or tag == "br") and tag not in ("tr", "table"):
            if tag in ("td", "th") and "".join(self.buffer).strip():
                self.buffer.append(" | ")
            self.buffer.append(" ")
            return
        if tag == "tr":
            self.flush("line")
            self.row, self.kind, self.level = True, "item", max(1, self.lists)
            return
        if tag == "br":
            self.breaks += 1
            self.flush("break" if self.breaks >= 2 else "line")
            return
        self.breaks = 0
        if tag == "sup":
            self.sup = []
        elif re.fullmatch(r"h[1-6]", tag):
            self.flush()
            self.kind, self.level = "heading", int(tag[1])
        elif tag in ("ul", "ol"):
            self.flush("line" if self.lists else "break")
            self.lists += 1
        elif tag == "li":
            self.flush("line")
            self.kind, self.level = "item", max(1, self.lists)
        elif tag in _BLOCK_TAGS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
            return
        if tag == "sup":
            text = "".join(self.sup or [])
            self.sup = None
            if not re.fullmatch(r"\s*\[[^\]]{0,12}\]\s*", text):  # a citation mark such as [1] is dropped
                self.buffer.append(text)
        elif tag == "tr" or (tag == "table" and self.row):
            self.flush("line")
            self.row = False
            if tag == "table":
                self.flush()
        elif self.row and tag in _BLOCK_TAGS:
            return  # the end of a cell: the row goes on
        elif re.fullmatch(r"h[1-6]", tag) or tag in _BLOCK_TAGS:
            self.flush()
        elif tag in ("ul", "ol"):
            self.flush("line")
            self.lists = max(0, self.lists - 1)
            if not self.lists:
                self.blocks.append(Block("break"))
        elif tag == "li":
            self.flush("line")

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if data.strip():
            self.breaks = 0
        (self.sup if self.sup is not None else self.buffer).append(data)


def _html(text: str) -> list[Block]:
    parser = _HtmlBlocks()
    parser.feed(re.sub(r"<!--.*?-->", "", text, flags=re.S))
    parser.close()
    parser.flush()
    return parser.blocks
