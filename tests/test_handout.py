"""The printable handout: every event of the lesson with its dates, quote and citation, in one standalone file.

Expected text is computed here from the bundled files (the lesson YAML read with
PyYAML, the source split into paragraphs by blank lines), not taken from the
code under test.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from helpers import AQIM, copy_collection, edit_row, run_timeline_many

from timeline.formats.deck import UnknownLesson, build_deck
from timeline.formats.handout import handout_html, write_handout
from timeline.i18n.dates import describe_with_basis
from timeline.load.collection import Collection, load_collection

LESSON = "gspc-to-jnim"
LESSON_EVENTS = [
    slide["event"] if isinstance(slide, dict) else slide
    for slide in yaml.safe_load((AQIM / "lessons" / f"{LESSON}.yaml").read_text(encoding="utf-8"))["slides"]
]
VOID = {"meta", "br", "hr", "img", "input", "link", "wbr", "col", "area", "base", "source"}


def paragraph_number(source_text: str, quote: str) -> int:
    """1-based number of the blank-line-separated paragraph holding the quote's first words."""
    blocks = [block for block in re.split(r"\n\s*\n", source_text) if block.strip()]
    opening = " ".join(quote.split()[:8])
    found = [n for n, block in enumerate(blocks, start=1) if opening in " ".join(block.split())]
    assert len(found) == 1, found
    return found[0]


class Outline(HTMLParser):
    """Tags in document order, and whether every opened tag was closed in order."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.stack: list[str] = []
        self.balanced = True

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.balanced = False


@pytest.fixture(scope="module")
def lesson_html(aqim: Collection) -> str:
    return handout_html(aqim, LESSON)


def test_every_event_of_the_lesson_in_order_with_dates_quote_and_citation(aqim: Collection, lesson_html: str):
    source = aqim.sources["aqim-profile"]
    positions = []
    for event_id in LESSON_EVENTS:
        event = aqim.event(event_id)
        entry = re.search(rf'<li class="entry" id="{event_id}">(.*?)</li>', lesson_html, flags=re.DOTALL)
        assert entry, event_id
        body = entry.group(1)
        assert escape(event["date_text"]) in body
        assert escape(describe_with_basis(event["start"], event["end"], event["date_basis"])) in body
        assert escape(event["title"]) in body
        assert escape(event["summary"]) in body
        assert f"“{escape(event['quote'])}”" in body
        number = paragraph_number(source.text, event["quote"])
        assert re.search(rf"— {re.escape(escape(source.title))} \([^)]*\), paragraph\s{number}<", body), body
        positions.append(entry.start())
    assert positions == sorted(positions)
    assert lesson_html.count('class="entry"') == len(LESSON_EVENTS)


def test_handout_is_standalone_and_well_formed(lesson_html: str):
    outline = Outline()
    outline.feed(lesson_html)
    assert outline.balanced and not outline.stack
    assert not set(outline.tags) & {"script", "link", "img", "iframe", "object", "embed", "button", "input", "form"}
    assert not re.search(r"(src|href)\s*=|url\(|@import|https?://", lesson_html, flags=re.IGNORECASE)
    assert '<meta charset="utf-8">' in lesson_html


def test_entries_do_not_break_across_pages(lesson_html: str):
    print_rules = lesson_html[lesson_html.index("@media print") :]
    entry_rule = re.search(r"\.entry\s*\{([^}]*)\}", print_rules)
    assert entry_rule and "break-inside: avoid" in entry_rule.group(1)


def test_without_a_lesson_every_event_in_date_order(aqim: Collection):
    page = handout_html(aqim)
    ids = re.findall(r'<li class="entry" id="([^"]+)">', page)
    assert ids == list(aqim.events.sort_values(["earliest", "latest", "id"])["id"])
    assert "in date order" in page


def test_unknown_lesson_raises(aqim: Collection, tmp_path: Path):
    out = tmp_path / "x.html"
    with pytest.raises(UnknownLesson) as error:
        write_handout(aqim, out, "no-such-lesson")
    assert LESSON in str(error.value)
    assert not out.exists()


def test_text_from_the_data_is_escaped(tmp_path: Path):
    folder = copy_collection(tmp_path)
    edit_row(folder / "events.csv", "jnim-formed", "JNIM created from four groups", "JNIM <b>created</b> & co")
    page = handout_html(load_collection(folder), LESSON)
    assert "JNIM &lt;b&gt;created&lt;/b&gt; &amp; co" in page
    assert "<b>" not in page


def test_cli_writes_the_handout(tmp_path: Path):
    lesson_out, all_out, missing_out = tmp_path / "lesson.html", tmp_path / "all.html", tmp_path / "none.html"
    lesson, everything, unknown, no_out = run_timeline_many(
        [
            ("handout", "--lesson", LESSON, "--out", lesson_out),
            ("handout", AQIM, "--out", all_out),
            ("handout", "--lesson", "no-such-lesson", "--out", missing_out),
            ("handout", "--lesson", LESSON),
        ]
    )
    assert lesson.returncode == 0, lesson.stderr
    assert str(lesson_out) in lesson.stdout
    page = lesson_out.read_text(encoding="utf-8")
    aqim = load_collection(AQIM)
    for event_id in LESSON_EVENTS:
        assert f"“{escape(aqim.event(event_id)['quote'])}”" in page
    assert page == handout_html(aqim, LESSON)  # the CLI and the library write the same file

    assert everything.returncode == 0, everything.stderr
    assert all_out.read_text(encoding="utf-8").count('class="entry"') == len(aqim.events)

    assert unknown.returncode == 1
    assert "no lesson 'no-such-lesson'" in unknown.stderr and LESSON in unknown.stderr
    assert "Traceback" not in unknown.stderr
    assert not missing_out.exists()

    assert no_out.returncode == 2  # argparse: --out is required
    assert "--out" in no_out.stderr


def test_the_handout_quiz_sheet_has_cards_without_dates_and_a_separate_answer_key():
    collection = load_collection()
    deck = build_deck(collection, LESSON)
    plain = handout_html(collection, LESSON)
    assert '<section class="quiz-sheet">' not in plain
    text = handout_html(collection, LESSON, quiz=True)
    sheet = text.split('<section class="quiz-sheet">')[1].split('<section class="answer-key">')[0]
    key = text.split('<section class="answer-key">')[1]
    assert sorted(re.findall(r'data-event="([^"]+)"', sheet)) == sorted(deck.events["id"])
    for _, event in deck.events.iterrows():
        assert event["date_text"] not in sheet
        assert event["date_text"] in key
    assert ".quiz-sheet, .answer-key { break-before: page;" in text
    # The French-led operation (2012–2014) may swap with Al Murabitun (2013): the key says so.
    operation_row = next(row for row in key.split("<tr>") if "French-led operation reclaims" in row)
    murabitun = re.search(r"<td><b>([A-Z]+)</b></td><td>Al Murabitun", key).group(1)
    assert operation_row.rstrip().split("<td>")[-1].split("</td>")[0].split(", ").count(murabitun) == 1
