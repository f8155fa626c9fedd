"""A grammar of real date phrases and document shapes, for fuzzing `extract` (tests/test_extract_fuzz.py)
and for splicing into the corpus's texts (tests/test_extract_corpus.py), and the check both make of a draft.

The phrases are the forms docs/extract.md says extract reads, and near misses of them (a 31 April, a
year in Arabic-Indic digits, a dash it has never seen); the shapes are what texts are made of: headings,
lists in four markups, paragraphs, empty lines and lines far too long.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import strategies as st

from timeline.extract import ExtractError, extract
from timeline.load.collection import load_collection

STATED = [
    "in 2011", "In March 2018", "on 20 November 2015", "On November 20, 2015", "on 2015-11-20",
    "between 2014 and 2015", "(1991-2002)", "from 2017 to 2020", "in 2011-12", "In the 2000s", "around 2013",
    "c. 1998", "In 2020 and 2021", "in 2016, 2017, and 2018", "in July and August of 2013", "early 2012",
    "in mid-2016", "In late 2019", "in the late 1990s", "in the first half of 2012", "in summer 2014",
    "in winter 2014", "early March 2018", "In the late 19th century", "in the 14th century",
    "early in the 19th century", "the second half of the 20th century", "between the 12th and 15th centuries",
    "in the 15th and 16th centuries", "in the 11th century B.C.", "on 03/04/2015", "Between March and June 2013",
    "About 2005", "In 1066", "by 1999", "during 2008", "from January to March 2012", "until 1991",
    "until around 1500", "by the end of 2023", "in 2023/2024", "in the 1990s and 2000s", "14–15 April 2016",
    "on 1 January 2000", "In 2099", "in 1000", "on 29 February 2016",
]  # fmt: skip
OPEN = [
    "Since 2007", "from 2017 onwards", "(2014–present)", "from 2014 to the present day", "Starting in 2018",
    "ongoing since 2011", "Since independence", "after 2011", "since its establishment", "from 2014-present",
]  # fmt: skip
CLOSING = ["and continued through 2016", "through the end of 2023", "until 1991, when", "lasted until 2002"]
RELATIVE = [
    "Two years later", "the following year", "Five months after Droukdel's death", "within a month",
    "after only a few months", "a year-long transition", "Shortly after Deby was killed in 2021",
    "subsequently", "Following the coup", "on three consecutive days", "The following day", "the next month",
    "later that year", "three years on", "the year after the coup", "by the following month", "a decade later",
    "two weeks earlier", "the previous year", "a month before the election", "in the same year",
    "Three months after Karim's death", "after two years", "a two-month siege", "soon afterwards",
    "In the wake of the attack", "Not long after the group split", "the day before", "20 years later",
]  # fmt: skip
PARTIAL = [
    "on 22 March", "in April", "By 8 February", "January 16", "14–15 April", "July 26–29", "January 17-March 7",
    "on 31 April", "February 29", "in November of the year before", "on 3 May of the following year",
    "By 5 March of that year", "In early June", "at the end of December", "from 3 to 5 October",
    "26 or 28 January", "since April 2012, when",
]  # fmt: skip
VAGUE = ["in recent years", "since then", "several years later", "at that time", "many months later", "to date"]
NOT_DATES = ["1500 fighters", "Resolution 2085", "4,500 soldiers", "route 1999", "12000 people", "£2000",
             "a 2000-strong force"]  # fmt: skip
# What the first cell of a table row holds: a date of any kind, or a month leading the entry.
CELLS = ["1663-02-05", "12 March", "March 2013", "2013", "January", "26 or 28 January", "c. 1998", "", "?"]
PHRASES = STATED + OPEN + CLOSING + RELATIVE + PARTIAL + VAGUE + NOT_DATES

FILLER = [
    "the group attacked a convoy near Gao", "AQIM claimed the kidnapping", "French troops entered Timbuktu",
    "the army retook the town", "Droukdel was killed in northern Mali", "the GSPC was founded",
    "Boko Haram fighters stormed a prison in Bauchi", "talks opened in Algiers", "a coup ousted the president",
    "the UN Security Council adopted a resolution", "killing 16 people", "the MNLA declared independence",
    "Karim was killed in an airstrike", "the election was held", "the attack on the hotel left 20 dead",
    "the rebels withdrew", "US Africa Command (AFRICOM) opened a base", "it spread to Burkina Faso",
    "the Sahel", "Mokhtar Belmokhtar", "JNIM", "the 2012 coup", "a truce", "the war", "the mutiny",
]  # fmt: skip
TITLES = ["Timeline", "History", "Background", "Events", "Chronology of the insurgency", "2012: The north falls"]
YEARS = ["2009", "2010", "2012", "2013", "2013–2014", "1999", "March 2013", "November 2016"]
DASHES = "-–—‒―−‐‑⁃"
# Digits of other scripts: Arabic-Indic, Persian, Devanagari, fullwidth.
DIGITS = {
    "arabic": "٠١٢٣٤٥٦٧٨٩",
    "persian": "۰۱۲۳۴۵۶۷۸۹",
    "devanagari": "०१२३४५६७८९",
    "fullwidth": "０１２３４５６７８９",
}


def _other_digits(text: str, script: str) -> str:
    return text.translate(str.maketrans("0123456789", DIGITS[script]))


@st.composite
def sentences(draw) -> str:
    """A sentence of real filler and date phrases, perhaps in other digits, perhaps with an odd dash."""
    parts = draw(
        st.lists(st.sampled_from(FILLER) | st.sampled_from(PHRASES) | st.sampled_from(PHRASES), min_size=1, max_size=5)
    )
    text = draw(st.sampled_from([", ", " ", "; ", " and "])).join(parts)
    if draw(st.integers(0, 9)) == 0:
        text = _other_digits(text, draw(st.sampled_from(sorted(DIGITS))))
    if draw(st.integers(0, 5)) == 0:
        text = text.replace("-", draw(st.sampled_from(DASHES))).replace("–", draw(st.sampled_from(DASHES)))
    text = text[:1].upper() + text[1:]
    return text + draw(st.sampled_from([".", ".", ".", "", "!", "?", ";", ":", "…", " [1]."]))


@st.composite
def blocks(draw) -> tuple[str, object]:
    """One block of a document: ('heading', words), ('items', [(depth, sentence)]), ('para', [sentences]),
    ('table', [(first cell, sentence)]), ('blank', n) or ('long', line)."""
    kind = draw(st.sampled_from(["heading", "heading", "items", "items", "para", "para", "blank", "long", "table"]))
    if kind == "table":
        return kind, draw(st.lists(st.tuples(st.sampled_from(CELLS), sentences()), min_size=1, max_size=5))
    if kind == "heading":
        return kind, draw(st.sampled_from(YEARS) | st.sampled_from(TITLES) | sentences())
    if kind == "items":
        items = draw(st.lists(st.tuples(st.integers(1, 3), sentences()), min_size=1, max_size=6))
        return kind, [(1, text) if n == 0 else (depth, text) for n, (depth, text) in enumerate(items)]
    if kind == "para":
        return kind, draw(st.lists(sentences(), min_size=1, max_size=5))
    if kind == "blank":
        return kind, draw(st.integers(1, 4))
    # A line with no end in sight: one sentence said over and over, or no full stop in 20,000 characters.
    return kind, draw(sentences()) * draw(st.sampled_from([30, 120])) + draw(st.sampled_from(["", "x" * 20_000]))


def render(blocks: list[tuple[str, object]], markup: str, newline: str = "\n") -> str:
    """The blocks written in `markup`: 'plain', 'markdown', 'wikitext' or 'html'."""
    out: list[str] = []
    for kind, value in blocks:
        if kind == "heading":
            out.append(
                {
                    "plain": f"{value}\n",
                    "markdown": f"## {value}\n",
                    "wikitext": f"== {value} ==\n" if len(str(value)) % 2 else f";{value}\n",
                    "html": f"<h3>{value}</h3>" if len(str(value)) % 2 else f"<p><b>{value}</b></p>",
                }[markup]
            )
        elif kind == "items":
            if markup == "html":
                out.append("<ul>" + "".join(f"<li>{text}</li>" for _, text in value) + "</ul>")
            else:
                bullet = {"plain": lambda d: "  " * (d - 1) + "• ", "markdown": lambda d: "  " * (d - 1) + "- ",
                          "wikitext": lambda d: "*" * d + " "}[markup]  # fmt: skip
                out.append("".join(f"{bullet(depth)}{text}\n" for depth, text in value))
        elif kind == "table":
            out.append(_table(value, markup))
        elif kind == "para":
            out.append(f"<p>{' '.join(value)}</p>" if markup == "html" else " ".join(value) + "\n")
        elif kind == "blank":
            out.append("\n" * value)
        else:
            out.append(f"<p>{value}</p>" if markup == "html" else f"{value}\n")
        if markup != "html":
            out.append("\n")
    return "".join(out).replace("\n", newline)


def _table(rows: list[tuple[str, str]], markup: str) -> str:
    if markup == "wikitext":
        body = "".join(f"|-\n| {cell} || {text}\n" for cell, text in rows)
        return '{| class="wikitable"\n! Date !! Event\n' + body + "|}\n"
    if markup == "html":
        body = "".join(f"<tr><td>{cell}</td><td><p>{text}</p></td></tr>" for cell, text in rows)
        return f"<table><tr><th>Date</th><th>Event</th></tr>{body}</table>"
    return "| Date | Event |\n|---|---|\n" + "".join(f"| {cell} | {text} |\n" for cell, text in rows)


SUFFIX = {"plain": ".txt", "markdown": ".md", "wikitext": ".wiki.txt", "html": ".html"}


@st.composite
def documents(draw) -> tuple[str, str]:
    """(text, file suffix): a document of blocks in one markup, with Unix or Windows line ends."""
    markup = draw(st.sampled_from(sorted(SUFFIX)))
    text = render(draw(st.lists(blocks(), min_size=1, max_size=8)), markup, draw(st.sampled_from(["\n", "\r\n"])))
    return text, SUFFIX[markup]


def check_draft(text: str, name: str) -> None:
    """Extract `text` (saved as `name`): no exception, no sentence lost to an internal error, a draft the
    collection loader accepts, and every quote a verbatim substring of the stored source."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / name
        source.write_text(text, encoding="utf-8", newline="")
        out = Path(tmp) / "draft"
        if not text.strip():  # nothing at all to read: the one refusal (exit 1), and nothing written
            with pytest.raises(ExtractError, match="empty"):
                extract(source, out)
            assert not out.exists()
            return
        report = extract(source, out)
        errors = [f"{u.text!r} (sentence {u.sentence}): {u.reason}" for u in report.undated if u.kind == "error"]
        assert not errors, errors
        assert report.ok, report.validation
        collection = load_collection(out)
        meta = json.loads((out / "collection.json").read_text(encoding="utf-8"))
        with (out / meta["sources"][0]["file"]).open(encoding="utf-8", newline="") as handle:
            stored = handle.read()  # as stored: a Windows text keeps its \r\n
        for quote in collection.events["quote"]:
            assert quote in stored, quote
        assert len(collection.events) == report.rows
