"""Date expressions -> EDTF, precision and the words as written (timeline/extract/datefinder.py)."""

from __future__ import annotations

import pytest

from timeline.core import dates
from timeline.extract import datefinder


def stated(sentence: str) -> list[datefinder.Mention]:
    return [m for m in datefinder.find(sentence) if m.kind == "stated"]


def only(sentence: str) -> datefinder.Mention:
    found = stated(sentence)
    assert len(found) == 1, [m.text for m in found]
    return found[0]


# (sentence, words as written, EDTF start, EDTF end, precision)
FORMS = [
    ("The uprisings began in 2011, across the region.", "in 2011", "2011", "", "year"),
    ("In March 2018, the group claimed an attack.", "In March 2018", "2018-03", "", "month"),
    ("The hotel was attacked in November 2015.", "in November 2015", "2015-11", "", "month"),
    ("Gunmen struck on 20 November 2015 at dawn.", "on 20 November 2015", "2015-11-20", "", "day"),
    ("Gunmen struck on the 20th of November 2015.", "20th of November 2015", "2015-11-20", "", "day"),
    ("Gunmen struck on November 20, 2015 at dawn.", "on November 20, 2015", "2015-11-20", "", "day"),
    ("Gunmen struck on Nov. 20, 2015.", "on Nov. 20, 2015", "2015-11-20", "", "day"),
    ("The ceasefire was signed on 2015-11-20.", "on 2015-11-20", "2015-11-20", "", "day"),
    ("The ceasefire was signed on 20/11/2015.", "on 20/11/2015", "2015-11-20", "", "day"),
    ("Attacks rose between 2014 and 2015 in Mali.", "between 2014 and 2015", "2014", "2015", "range"),
    ("It was born in the civil war (1991-2002).", "(1991-2002)", "1991", "2002", "range"),
    ("It was born in the civil war (1991–2002).", "(1991–2002)", "1991", "2002", "range"),
    ("The campaign lasted from 2017 to 2020.", "from 2017 to 2020", "2017", "2020", "range"),
    ("Between 2017 and 2020, attacks surged.", "Between 2017 and 2020", "2017", "2020", "range"),
    ("The 2011-12 season of raids began.", "2011-12", "2011", "2012", "range"),
    ("Bombings followed between March and June 2013.", "between March and June 2013", "2013-03", "2013-06", "range"),
    ("It ran from March 2017 to June 2018.", "from March 2017 to June 2018", "2017-03", "2018-06", "range"),
    ("In the 2000s, the group expanded.", "In the 2000s", "200X", "", "decade"),
    ("Smuggling grew in the 1990s and after.", "in the 1990s", "199X", "", "decade"),
    # centuries by the strict rule: the 19th century is 1801 to 1900
    ("Its roots lie in the 19th century.", "in the 19th century", "1801", "1900", "range"),
    ("Founded: 2007", "2007", "2007", "", "year"),
    ("A camp opened around 2013 in the hills.", "around 2013", "2013~", "", "year"),
    ("A camp opened in or around 2013.", "in or around 2013", "2013~", "", "year"),
    ("A camp opened c. 1998 in the hills.", "c. 1998", "1998~", "", "year"),
    ("The split came in early 2012.", "in early 2012", "2012-01~", "2012-04~", "range"),
    ("Talks resumed in mid-2016.", "in mid-2016", "2016-05~", "2016-08~", "range"),
    ("He was captured in late 2019.", "in late 2019", "2019-09~", "2019-12~", "range"),
    ("He was captured at the end of 2019.", "the end of 2019", "2019-09~", "2019-12~", "range"),
    ("Talks failed in the first half of 2012.", "in the first half of 2012", "2012-01", "2012-06", "range"),
    ("The siege began in the summer of 2014.", "in the summer of 2014", "2014-06~", "2014-08~", "range"),
    ("Recruitment peaked in the late 1990s.", "in the late 1990s", "1997~", "1999~", "range"),
    ("The raid came in early March 2018.", "in early March 2018", "2018-03", "", "month"),
]


@pytest.mark.parametrize(("sentence", "written", "start", "end", "precision"), FORMS, ids=[f[1] for f in FORMS])
def test_each_form_gives_its_edtf_and_precision(sentence, written, start, end, precision) -> None:
    mention = only(sentence)
    assert (mention.text, mention.edtf_start, mention.edtf_end) == (written, start, end)
    assert mention.precision == precision
    assert sentence[mention.start : mention.end] == written  # the words as written, where they are
    dates.span(start, end or None)  # the loader accepts every EDTF it writes


def test_a_month_is_never_given_a_day_nor_a_year_a_month() -> None:
    assert only("It happened in March 2018.").edtf_start == "2018-03"
    assert only("It happened in 2011.").edtf_start == "2011"


def test_two_dated_facts_in_one_sentence_are_two_mentions() -> None:
    sentence = "The group was founded in 2007 by veterans of the civil war (1991-2002)."
    assert [(m.edtf_start, m.edtf_end) for m in stated(sentence)] == [("2007", ""), ("1991", "2002")]


@pytest.mark.parametrize(
    "sentence",
    [
        "The group has 1500 fighters.",
        "The council passed Resolution 2085 on the mission.",
        "Around 4,500 soldiers were deployed.",
        "Some 2000 people fled the town.",
        "It cost 2,015 dollars.",
    ],
)
def test_numbers_that_count_or_label_things_are_not_years(sentence) -> None:
    assert stated(sentence) == []


def test_an_ambiguous_numeric_date_keeps_only_its_year() -> None:
    # 03/04/2015 is March or April depending on the country: only the year is certain.
    assert only("The truce of 03/04/2015 held.").edtf_start == "2015"


@pytest.mark.parametrize(
    ("sentence", "written", "rule", "amount", "unit", "direction", "anchor"),
    [
        ("Five months after Droukdel’s death, the group appointed X.", "Five months after Droukdel’s death", "count-anchor", 5, "month", 1, "Droukdel’s death"),
        ("Two years later, the group split.", "Two years later", "count-later", 2, "year", 1, ""),
        ("The following year, the leader was killed.", "The following year", "next-unit", 1, "year", 1, ""),
        ("A year earlier, talks had failed.", "A year earlier", "count-later", 1, "year", -1, ""),
        ("Later that year, the group split.", "Later that year", "same-unit", 0, "year", 0, ""),
        ("He had led it since its establishment.", "since its establishment", "since-founding", 0, "year", 0, "its establishment"),
    ],
)  # fmt: skip
def test_relative_expressions_are_found_with_their_offset(sentence, written, rule, amount, unit, direction, anchor):
    (mention,) = [m for m in datefinder.find(sentence) if m.kind == "relative"]
    assert (mention.text, mention.rule, mention.amount, mention.unit, mention.direction, mention.anchor) == (
        written,
        rule,
        amount,
        unit,
        direction,
        anchor,
    )
    assert mention.edtf_start == ""  # dated only once resolved against the document (resolve.py)


@pytest.mark.parametrize(
    "sentence", ["In recent years, attacks decreased.", "Several years later, it split.", "Since then, it has grown."]
)
def test_vague_expressions_are_undated_mentions(sentence) -> None:
    found = datefinder.find(sentence)
    assert [m.kind for m in found] == ["vague"]
    assert found[0].edtf_start == ""


def test_after_a_year_is_an_open_bound_not_a_date() -> None:
    (mention,) = datefinder.find("After 2011, the group expanded.")
    assert (mention.kind, mention.text) == ("open", "After 2011")
