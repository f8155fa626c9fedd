"""Issue 14's forms, each with its EDTF and basis: timeline lists under year headings (plain text,
Markdown, wikitext, HTML), days and months without a year, open-ended spans, relative phrases,
spans that close an earlier date, several years in one phrase, centuries.

Every date here comes from the text itself; a form the context cannot date is listed as
unresolved, never guessed.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from helpers import ROOT, run_timeline

from timeline.extract import extract, markup
from timeline.extract.actors import Glossary
from timeline.extract.draft import build
from timeline.extract.places import Gazetteer
from timeline.load.collection import load_collection

FIXTURES = ROOT / "tests" / "fixtures" / "extract"


def draft(text: str):
    cleaned = markup.clean(text, markup.sniff(text))
    return build(cleaned.text, "s", Gazetteer([], offline=True), Glossary(), structure=cleaned.structure)


def dates_of(text: str) -> dict[str, tuple[str, str, str]]:
    """date_text -> (start, end, basis) of each draft row."""
    return {row["date_text"]: (row["start"], row["end"], row["date_basis"]) for row in draft(text).rows}


def one(text: str, words: str) -> tuple[str, str, str]:
    found = dates_of(text)
    assert words in found, found
    return found[words]


# --- 1. lists and headings as structure -----------------------------------------------------------

PLAIN_LIST = """Timeline of the insurgency

2009

July 26–29 - Boko Haram uprising, nearly 1,000 people are killed in clashes.
July 30 - Mohammed Yusuf is summarily executed. Abubakar Shekau takes control of the group.

2010

January 17-March 7 - 2010 Jos riots, around 992 people are killed in the city of Jos.
September 7 - Bauchi prison break, 721 inmates are freed.
"""


def test_plain_timeline_list_dates_each_line_with_its_heading_year():
    found = dates_of(PLAIN_LIST)
    assert found["July 26–29"] == ("2009-07-26", "2009-07-29", "derived")
    assert found["July 30"] == ("2009-07-30", "", "derived")
    assert found["January 17-March 7"] == ("2010-01-17", "2010-03-07", "derived")
    assert found["September 7"] == ("2010-09-07", "", "derived")
    # Headings are context, not events; '2010 Jos riots' names the riots the line dates.
    assert set(found) == {"July 26–29", "July 30", "January 17-March 7", "September 7"}


def test_a_dated_line_on_its_own_is_still_an_event_but_a_year_heading_is_not():
    text = "The group was founded in 2007\n\nIt grew.\n\n2016\n\nMarch 3 – An attack.\n"
    assert dates_of(text) == {"in 2007": ("2007", "", "stated"), "March 3": ("2016-03-03", "", "derived")}


def test_derived_list_dates_say_where_the_year_came_from():
    notes = {row["date_text"]: row["date_note"] for row in draft(PLAIN_LIST).rows}
    assert "the year 2009 from the heading '2009'" in notes["July 30"]


@pytest.mark.parametrize(
    "text",
    [
        "### 2016\n\n* March 13–14 – Gunmen attacked a beach resort.\n* March 22 – A strike hit the capital.\n",
        "== 2016 ==\n* March 13–14 – Gunmen attacked a beach resort.\n* March 22 – A strike hit the capital.\n",
        "<h2>2016</h2><ul><li>March 13–14 – Gunmen attacked a beach resort.</li>"
        "<li>March 22 – A strike hit the capital.</li></ul>",
        "2016\n\nMarch 13–14 – Gunmen attacked a beach resort\nMarch 22 – A strike hit the capital\n",
    ],
    ids=["markdown", "wikitext", "html", "plain"],
)
def test_year_heading_and_bullets_in_every_markup(text):
    found = dates_of(text)
    assert found["March 13–14"] == ("2016-03-13", "2016-03-14", "derived")
    assert found["March 22"] == ("2016-03-22", "", "derived")


def test_sub_items_of_a_date_item_are_events_of_that_date():
    text = "## 2016\n\n* November 6:\n  * A convoy was ambushed near Gao.\n  * A prison was stormed in Banamba.\n"
    rows = draft(text).rows
    assert [(r["start"], r["date_basis"], r["quote"]) for r in rows] == [
        ("2016-11-06", "derived", "A convoy was ambushed near Gao."),
        ("2016-11-06", "derived", "A prison was stormed in Banamba."),
    ]


@pytest.mark.parametrize("name", ["sahel-timeline.md", "niger-background.html"])
def test_markup_is_structure_and_quotes_are_verbatim_in_the_stored_copy(tmp_path, name):
    source = FIXTURES / name
    out = tmp_path / "draft"
    report = extract(source, out)
    assert report.ok and report.rows > 0
    meta = json.loads((out / "collection.json").read_text(encoding="utf-8"))
    record = meta["sources"][0]
    stored = (out / record["file"]).read_text(encoding="utf-8")
    assert "cleaned copy" in record["note"] and (out / "sources" / name).read_bytes() == source.read_bytes()
    with (out / "events.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        assert row["quote"] in stored
        assert not re.search(r"\*\*|\]\(|<[a-z/]|^#|\[\d\]|\[\[", row["quote"]), row["quote"]
    load_collection(out)  # validates, quotes found in the stored copy


def test_markdown_fixture_rows(tmp_path):
    extract(FIXTURES / "sahel-timeline.md", tmp_path / "d")
    with (tmp_path / "d" / "events.csv").open(encoding="utf-8", newline="") as handle:
        found = [(r["date_text"], r["start"], r["end"], r["date_basis"]) for r in csv.DictReader(handle)]
    assert found == [
        ("March 13–14", "2016-03-13", "2016-03-14", "derived"),
        ("November 6", "2016-11-06", "", "derived"),
        ("November 6", "2016-11-06", "", "derived"),
        ("March 2", "2017-03-02", "", "derived"),
        ("Since 2017", "2017", "..", "stated"),
        ("March 22", "2018-03-22", "", "derived"),
    ]


def test_wikitext_references_templates_and_links_are_not_text():
    text = (
        "===2014===\n{{main|Chibok schoolgirls kidnapping}}\n"
        "On 14–15 April, Boko Haram kidnapped 276 schoolgirls from [[Chibok]], [[Borno State|Borno]]."
        "<ref>{{Cite web|url=https://example.org/2014/04/15|date=15 April 2014}}</ref>\n"
    )
    rows = draft(text).rows
    assert [(r["start"], r["end"], r["date_basis"]) for r in rows] == [("2014-04-14", "2014-04-15", "derived")]
    assert rows[0]["quote"] == "On 14–15 April, Boko Haram kidnapped 276 schoolgirls from Chibok, Borno."


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("plain words.", ""),
        ("== 2016 ==\ntext", "wikitext"),
        ("<p>One.</p><p>Two.</p>", "html"),
        ("# Title\n\ntext [a](http://x)", "markdown"),
    ],
)
def test_markup_is_sniffed_from_the_text(text, kind):
    assert markup.sniff(text) == kind


# --- 2. days and months without a year -------------------------------------------------------------

MALI = (
    "Tuareg militias rebelled in January 2012. Soldiers overthrew TOURE on 22 March. Mediation returned "
    "power to a civilian administration in April with the appointment of an interim president. "
    "By 8 February, the talks had failed."
)


@pytest.mark.parametrize(
    ("words", "start"),
    [("on 22 March", "2012-03-22"), ("in April", "2012-04")],
)
def test_day_or_month_takes_the_year_of_the_date_before_it(words, start):
    assert one(MALI, words) == (start, "", "derived")


def test_a_month_before_the_one_before_it_is_the_next_year():
    # 'By 8 February' after April 2012: February 2013, and the note says why.
    rows = {r["date_text"]: r for r in draft(MALI).rows}
    assert (rows["By 8 February"]["start"], rows["By 8 February"]["date_basis"]) == ("2013-02-08", "derived")
    assert "plus one year" in rows["By 8 February"]["date_note"]


@pytest.mark.parametrize(
    ("text", "words", "start"),
    [
        ("The offensive began in 2013. On January 11, France intervened.", "On January 11", "2013-01-11"),
        ("In 2013, on January 16, gunmen seized a gas plant.", "on January 16", "2013-01-16"),
        ("The siege ended in 2014.\n\nJanuary 16 – Gunmen seized a gas plant.", "January 16", "2014-01-16"),
    ],
)
def test_year_from_the_same_sentence_or_the_paragraphs_before(text, words, start):
    assert one(text, words) == (start, "", "derived")


def test_without_a_stated_year_a_day_is_unresolved_not_guessed():
    result = draft("Gunmen attacked a hotel on 20 November. Dozens were held.")
    assert result.rows == []
    assert [u.text for u in result.undated] == ["on 20 November"]
    assert "no year is stated" in result.undated[0].reason


def test_no_real_day_is_unresolved():
    result = draft("## 2015\n\n* February 29 – A day that year did not have.\n")
    assert result.rows == [] and "no real date" in result.undated[0].reason


# --- 3. open-ended spans -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "start"),
    [
        ("Since 2007, the group has attacked the south.", "Since 2007", "2007"),
        ("The group has been active since 2006.", "since 2006", "2006"),
        ("Patrols ran from 2017 onwards.", "from 2017 onwards", "2017"),
        ("The war (2014–present) displaced millions.", "(2014–present)", "2014"),
        ("The war, from 2014-present, displaced millions.", "from 2014-present", "2014"),
        ("Starting in 2018, patrols doubled.", "Starting in 2018", "2018"),
        ("Fighting went on from 2014 to the present day.", "from 2014 to the present day", "2014"),
        ("A dispute ongoing since 2011 divides them.", "ongoing since 2011", "2011"),
    ],
)
def test_open_ended_spans_end_in_two_dots(text, words, start):
    assert one(text, words) == (start, "..", "stated")


def test_open_ended_row_loads_with_open_end(tmp_path):
    source = tmp_path / "open.txt"
    source.write_text("Since 2007, the group has attacked the south. It was founded in 2003.\n", encoding="utf-8")
    extract(source, tmp_path / "d")
    events = load_collection(tmp_path / "d").events
    opened = events.set_index("date_text")["open_end"]
    assert bool(opened["Since 2007"]) and not bool(opened["in 2003"])


def test_since_an_event_is_open_from_that_event():
    text = (
        "South Sudan, which gained independence from Sudan in 2011, is the newest country. "
        "When Sudan gained its independence in 1956, the south was promised much.\n\n"
        "Since independence, South Sudan has struggled to form a government."
    )
    assert one(text, "Since independence") == ("2011", "..", "derived")


# --- 4. relative phrases -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "start", "end"),
    [
        ("On 5 April 2012, the MNLA halted. The following day, it declared independence.", "The following day",
         "2012-04-06", ""),
        ("Talks opened in March 2012. The next month, they failed.", "The next month", "2012-04", ""),
        ("An intervention began in January 2013 and within a month the north was retaken.", "within a month",
         "2013-01", "2013-02~"),
        ("The federation was formed in 1960. Senegal withdrew after only a few months.", "after only a few months",
         "1960~", "1961~"),
        ("In 2014, the president resigned. An interim administration led a year-long transition.", "a year-long",
         "2014", "2015~"),
        ("Shortly after DEBY was killed during a rebel incursion in 2021, officers took control.", "Shortly after",
         "2021~", ""),
        ("The army retook Gao in 2013. The rebels subsequently withdrew to the hills.", "subsequently", "2013~", ""),
        ("In 2012, a rebellion led to a military coup. Following the coup, rebels expelled the army.",
         "Following the coup", "2012~", ""),
        ("On 22 March 2012, soldiers staged a coup. After the instability following the coup, three cities fell "
         "on three consecutive days. On 5 April 2012, the offensive stopped.", "on three consecutive days",
         "2012-03~", "2012-04~"),
    ],
)  # fmt: skip
def test_relative_phrases_count_from_the_event_they_follow(text, words, start, end):
    assert one(text, words) == (start, end, "derived")


def test_relative_dates_say_what_they_count_from():
    rows = {r["date_text"]: r for r in draft("Talks opened in March 2012. The next month, they failed.").rows}
    assert "March 2012" in rows["The next month"]["date_note"]


def test_subsequently_in_a_sentence_with_its_own_date_adds_nothing():
    found = dates_of("He stepped down in 2002 and was subsequently elected again in 2007.")
    assert set(found) == {"in 2002", "in 2007"}


def test_relative_phrase_without_an_anchor_is_unresolved():
    result = draft("Following the coup, rebels expelled the army from the north.")
    assert result.rows == []
    assert [u.text for u in result.undated] == ["Following the coup"]


# --- 5. spans that close an earlier date ----------------------------------------------------------


def test_began_and_continued_through_is_one_span():
    assert one(
        "The campaign began in March 2015 and continued through 2016.", "in March 2015 and continued through 2016"
    ) == (
        "2015-03",
        "2016",
        "stated",
    )


@pytest.mark.parametrize(
    ("text", "words", "start", "end"),
    [
        ("In 2015, the coalition began airstrikes. Ground fighting continued through 2016.", "through 2016",
         "2015", "2016"),
        ("The truce formally expired in 2022, yet the parties refrained from fighting through the end of 2023.",
         "through the end of 2023", "2022", "2023"),
    ],
)  # fmt: skip
def test_through_a_date_starts_at_the_date_before_it(text, words, start, end):
    assert one(text, words) == (start, end, "derived")


def test_until_a_date_when_is_that_date():
    assert one("Military rule lasted until 1991, when a coup ended it.", "until 1991") == ("1991", "", "stated")


def test_until_a_date_is_that_date_not_a_span_from_an_unrelated_one():
    text = "Kush gained independence in 1070. Two kingdoms endured until around 1500."
    assert one(text, "until around 1500") == ("1500~", "", "stated")


def test_a_relative_date_equal_to_a_stated_one_is_still_its_own_event():
    text = "Officers staged a coup in 1966 and a countercoup later that year."
    assert dates_of(text) == {"in 1966": ("1966", "", "stated"), "later that year": ("1966", "", "derived")}


# --- 6. several years or months in one phrase -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In 2020 and 2021, fighting continued.", {"In 2020": "2020", "2021": "2021"}),
        ("They attacked the capital in 2016, 2017, and 2018.", {"in 2016": "2016", "2017": "2017", "2018": "2018"}),
        ("An election was held in July and August of 2013.", {"in July": "2013-07", "August of 2013": "2013-08"}),
    ],
)
def test_one_event_per_year_or_month_each_quoting_the_sentence(text, expected):
    rows = draft(text).rows
    assert {r["date_text"]: r["start"] for r in rows} == expected
    assert {r["quote"] for r in rows} == {text}
    assert {r["date_basis"] for r in rows} == {"stated"}


# --- 7. centuries: the strict rule ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "start", "end"),
    [
        ("At its peak in the 14th century, it ruled the Sahel.", "in the 14th century", "1301", "1400"),
        ("Peoples arrived between the 12th and 15th centuries.", "between the 12th and 15th centuries", "1101", "1500"),
        ("In the late 19th century, European states competed.", "In the late 19th century", "1867~", "1900~"),
        ("In the early 20th century, a railway was built.", "In the early 20th century", "1901~", "1933~"),
        ("Kingdoms emerged in the 15th and 16th centuries.", "in the 15th and 16th centuries", "1401", "1600"),
        ("States rose starting around the 9th century.", "around the 9th century", "0801~", "0900~"),
        ("It was founded in the twelfth century.", "in the twelfth century", "1101", "1200"),
        ("Egypt occupied it early in the 19th century.", "early in the 19th century", "1801~", "1833~"),
        ("Wars marked the second half of the 20th century.", "the second half of the 20th century", "1951", "2000"),
        ("It lasted until the middle of the 4th century A.D. and fell.", "until the middle of the 4th century A.D.",
         "0334~", "0366~"),
    ],
)  # fmt: skip
def test_centuries_by_the_strict_rule(text, words, start, end):
    assert one(text, words) == (start, end, "stated")


def test_centuries_and_years_before_the_common_era_are_left_out():
    assert dates_of("The Kingdom of Kush rose by the 11th century B.C. and lasted long.") == {}
    assert dates_of("It was the Kingdom of Kerma (ca. 2500-1500 B.C.) for a long time.") == {}


# --- the corpus texts: every quote is in the stored text, every draft loads ------------------------


@pytest.mark.parametrize(
    "name", sorted(p.name for p in (ROOT / "bench" / "corpus").iterdir() if p.suffix in (".txt", ".html"))
)
def test_corpus_drafts_validate(tmp_path, name):
    report = extract(ROOT / "bench" / "corpus" / name, tmp_path / "d")
    assert report.ok, report.validation
    assert report.validation.startswith("OK")


def test_plain_text_is_stored_as_given(tmp_path):
    source = ROOT / "bench" / "corpus" / "wikipedia-boko-haram-timeline-2015.txt"
    extract(source, tmp_path / "d")
    meta = json.loads((tmp_path / "d" / "collection.json").read_text(encoding="utf-8"))
    assert meta["sources"][0]["note"] == "Copied verbatim by extract."
    assert Path(tmp_path / "d" / meta["sources"][0]["file"]).read_bytes() == source.read_bytes()


def test_cli_takes_html_and_markdown(tmp_path):
    for name in ("niger-background.html", "sahel-timeline.md"):
        out = tmp_path / name
        result = run_timeline("extract", FIXTURES / name, "--out", out)
        assert result.returncode == 0, result.stderr
        assert "markup was read as structure" in result.stdout
        assert "validation:            OK" in result.stdout
