"""Issue 21: headings rule their section. Under a year heading (or a month-and-year heading) a date without a
year takes the heading's year; a full date mentioned in passing inside one item dates that mention only, and
never becomes the year of the items after it. The same list in plain text, Markdown, wikitext and HTML."""

from __future__ import annotations

import pytest

from timeline.extract import markup
from timeline.extract.actors import Glossary
from timeline.extract.draft import build
from timeline.extract.places import Gazetteer


def draft(text: str):
    cleaned = markup.clean(text, markup.sniff(text))
    return build(cleaned.text, "s", Gazetteer([], offline=True), Glossary(), structure=cleaned.structure)


def dates_of(text: str) -> dict[str, tuple[str, str]]:
    return {row["date_text"]: (row["start"], row["date_basis"]) for row in draft(text).rows}


# The items of 2013; the second recalls March 2012 and 'November of the year before' in passing.
ITEMS_2013 = [
    "January 11 – France launched an operation in the north.",
    "April 3 – A bomb in Gao, like the raid in March 2012, followed the attacks of November of the year before.",
    "November 4 – Rebels attacked Kidal.",
    "December 16 – A second round of elections was held.",
]
ITEMS_2014 = ["May 17 – Fighting broke out in Kidal."]

EXPECTED = {
    "January 11": ("2013-01-11", "derived"),
    "April 3": ("2013-04-03", "derived"),
    "in March 2012": ("2012-03", "stated"),
    "November of the year before": ("2012-11", "derived"),
    "November 4": ("2013-11-04", "derived"),
    "December 16": ("2013-12-16", "derived"),
    "May 17": ("2014-05-17", "derived"),
}


def _lines(before: str, items: list[str], after: str = "") -> str:
    return "".join(f"{before}{item}{after}\n" for item in items)


LISTS = {
    "plain, blank lines": f"Chronology\n\n2013\n\n{_lines('', ITEMS_2013)}\n2014\n\n{_lines('', ITEMS_2014)}",
    "plain, no blank lines": f"Chronology\n\n2013\n{_lines('', ITEMS_2013)}2014\n{_lines('', ITEMS_2014)}",
    "plain, bullets": f"2013\n{_lines('* ', ITEMS_2013)}\n2014:\n{_lines('* ', ITEMS_2014)}",
    "markdown": f"# Chronology\n\n## 2013\n\n{_lines('- ', ITEMS_2013)}\n## 2014\n\n{_lines('- ', ITEMS_2014)}",
    "markdown, bold years": f"**2013**\n\n{_lines('* ', ITEMS_2013)}\n**2014**\n\n{_lines('* ', ITEMS_2014)}",
    "wikitext": f"== Chronology ==\n=== 2013 ===\n{_lines('* ', ITEMS_2013)}=== 2014 ===\n{_lines('* ', ITEMS_2014)}",
    "wikitext, terms": f"== Chronology ==\n;2013\n{_lines('* ', ITEMS_2013)};2014\n{_lines('* ', ITEMS_2014)}",
    "html": f"<h2>Chronology</h2><h3>2013</h3><ul>{_lines('<li>', ITEMS_2013, '</li>')}</ul>"
    f"<h3>2014</h3><ul>{_lines('<li>', ITEMS_2014, '</li>')}</ul>",
    "html, bold paragraphs": f"<p><b>2013</b></p><ul>{_lines('<li>', ITEMS_2013, '</li>')}</ul>"
    f"<p><strong>2014</strong></p><ul>{_lines('<li>', ITEMS_2014, '</li>')}</ul>",
}


@pytest.mark.parametrize("text", LISTS.values(), ids=LISTS.keys())
def test_the_heading_year_rules_every_item_of_its_section(text):
    assert dates_of(text) == EXPECTED


@pytest.mark.parametrize("text", LISTS.values(), ids=LISTS.keys())
def test_year_headings_are_context_not_events(text):
    quotes = [row["quote"] for row in draft(text).rows]
    assert not any(quote.strip(" *:") in ("2013", "2014") for quote in quotes)


def test_a_month_and_year_heading_dates_its_days():
    text = "=== March 2013 ===\n* On 14 March, rebels attacked Kidal, as in May 2012.\n* On 20 March, talks opened.\n"
    assert dates_of(text) == {
        "On 14 March": ("2013-03-14", "derived"),
        "in May 2012": ("2012-05", "stated"),
        "On 20 March": ("2013-03-20", "derived"),
    }


def test_without_headings_a_date_in_passing_is_no_context_for_the_next_item():
    # The list's own dates carry the year on; 'in March 2012' looks back from its item's own date.
    text = (
        "* On 3 April 2013, a bomb hit Gao, as the raid in March 2012 had.\n"
        "* On 4 November, rebels attacked Kidal.\n"
        "* The following month, elections were held.\n"
    )
    assert dates_of(text) == {
        "On 3 April 2013": ("2013-04-03", "stated"),
        "in March 2012": ("2012-03", "stated"),
        "On 4 November": ("2013-11-04", "derived"),
        "The following month": ("2013-12", "derived"),
    }


@pytest.mark.parametrize(
    ("text", "words", "start"),
    [
        ("It fell in 2014. In November of the previous year, talks had failed.", "In November of the previous year",
         "2013-11"),
        ("In March 2012 a raid hit Gao; on 3 May of the following year it was hit again.",
         "on 3 May of the following year", "2013-05-03"),
        ("The town fell in June 2015. By 5 March of that year, fighting had begun.", "By 5 March of that year",
         "2015-03-05"),
    ],
)  # fmt: skip
def test_a_month_of_the_year_before_or_after(text, words, start):
    assert dates_of(text)[words] == (start, "derived")
