"""timeline.i18n.dates: dates in words in English (timeline.dates' own words), French and Arabic."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from helpers import AQIM

from timeline import i18n
from timeline.core import dates
from timeline.i18n.dates import BASIS_WORDS, basis_words, describe, describe_with_basis

NBSP = "\u00a0"
EASTERN_DIGITS = re.compile("[\u0660-\u0669\u06f0-\u06f9]")  # Arabic-Indic and Persian digits

with (AQIM / "events.csv").open(encoding="utf-8", newline="") as _handle:
    EVENTS = list(csv.DictReader(_handle))

# Every form the data can take: each precision, the qualifiers, open ends, ranges, start == end.
HAND_CASES = [
    ("2015-11-20", None),
    ("2017-03-01", None),
    ("2017-03", None),
    ("2017", None),
    ("200X", None),
    ("199X", None),
    ("19XX", None),
    ("13XX", None),
    ("20XX", None),
    ("01XX", None),
    ("2020~", None),
    ("2020-11~", None),
    ("2015-11-20~", None),
    ("200X~", None),
    ("19XX~", None),
    ("2012?", None),
    ("2017-03?", None),
    ("200X?", None),
    ("2012%", None),
    ("2007", ".."),
    ("2007~", ".."),
    ("2017-03", ".."),
    ("2015-11-20", ".."),
    ("200X", ".."),
    ("2014", "2015"),
    ("1991", "2002"),
    ("2007", "2020-06"),
    ("2017-03", "2020-06"),
    ("2015-11-20", "2016-01-01"),
    ("199X", "200X"),
    ("18XX", "19XX"),
    ("2014~", "2015?"),
    ("2012?", "2014"),
    ("2014", "2014"),
    ("2014", ""),
    ("0800", None),
    ("0800-03", None),
]


# -- English: the words timeline.core.dates wrote before this module took them over -------------------

# Written by the retired timeline.core.dates.describe / describe_with_basis for every bundled event and hand
# case, with each basis: the English must not change (issue #15: behaviour unchanged).
with (Path(__file__).parent / "fixtures" / "english_dates.csv").open(encoding="utf-8", newline="") as _handle:
    ENGLISH = list(csv.DictReader(_handle))


def test_the_frozen_english_covers_every_bundled_event_and_hand_case():
    frozen = {(row["start"], row["end"]) for row in ENGLISH}
    assert {(event["start"], event["end"]) for event in EVENTS} <= frozen
    assert {(start, end or "") for start, end in HAND_CASES} <= frozen


@pytest.mark.parametrize("row", ENGLISH, ids=[f"{r['start']}/{r['end']}-{r['basis']}" for r in ENGLISH])
def test_english_is_what_it_was(row):
    start, end, basis = row["start"], row["end"] or None, row["basis"]
    assert describe(start, end) == row["words"]
    assert describe(start, end, "en") == row["words"]
    assert describe_with_basis(start, end, basis, "en") == row["with_basis"]


def test_english_examples():
    assert describe("2017-03") == "March 2017"
    assert describe("200X") == "the 2000s"
    assert describe("2020~") == "about 2020"
    assert describe("2014", "2015") == "2014–2015"
    assert describe("2007", "..") == "since 2007"
    assert describe_with_basis("2017-03", None, "stated") == "stated: March 2017"


# -- French ------------------------------------------------------------------------------------------

FRENCH = [
    ("2015-11-20", None, "20 novembre 2015"),
    ("2017-03-01", None, "1er mars 2017"),
    ("2017-03", None, "mars 2017"),
    ("2017", None, "2017"),
    ("200X", None, "dans les années 2000"),
    ("199X", None, "dans les années 1990"),
    ("19XX", None, "au XXe siècle"),
    ("13XX", None, "au XIVe siècle"),
    ("20XX", None, "au XXIe siècle"),
    ("03XX", None, "au IVe siècle"),
    ("2020~", None, "vers 2020"),
    ("2020-11~", None, "vers novembre 2020"),
    ("2015-11-20~", None, "vers le 20 novembre 2015"),
    ("200X~", None, "vers les années 2000"),
    ("19XX~", None, "vers le XXe siècle"),
    ("2012?", None, "2012 (incertain)"),
    ("200X?", None, "dans les années 2000 (incertain)"),
    ("2012%", None, "vers 2012 (incertain)"),
    ("2007", "..", "depuis 2007"),
    ("2007~", "..", "depuis 2007 environ"),
    ("2017-03", "..", "depuis mars 2017"),
    ("2015-11-20", "..", "depuis le 20 novembre 2015"),
    ("200X", "..", "depuis les années 2000"),
    ("19XX", "..", "depuis le XXe siècle"),
    ("2014", "2015", "entre 2014 et 2015"),
    ("2007", "2020-06", "entre 2007 et juin 2020"),
    ("2015-11-20", "2016-01-01", "entre le 20 novembre 2015 et le 1er janvier 2016"),
    ("199X", "200X", "entre les années 1990 et les années 2000"),
    ("18XX", "19XX", "entre le XIXe siècle et le XXe siècle"),
    ("2014~", "2015?", "entre 2014 environ et 2015 (incertain)"),
    ("2014", "2014", "2014"),
]


@pytest.mark.parametrize(("start", "end", "words"), FRENCH)
def test_french(start, end, words):
    assert describe(start, end, "fr") == words
    with i18n.use("fr"):
        assert describe(start, end) == words


FRENCH_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
ARABIC_MONTHS = [
    "جانفي",
    "فيفري",
    "مارس",
    "أفريل",
    "ماي",
    "جوان",
    "جويلية",
    "أوت",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
]


@pytest.mark.parametrize("month", range(1, 13))
def test_month_names(month):
    assert describe(f"2017-{month:02}", lang="fr") == f"{FRENCH_MONTHS[month - 1]} 2017"
    assert describe(f"2017-{month:02}-15", lang="fr") == f"15 {FRENCH_MONTHS[month - 1]} 2017"
    # The names of Algeria and Tunisia (CLDR ar_DZ), not the Middle East's (يناير، فبراير...).
    assert describe(f"2017-{month:02}", lang="ar") == f"{ARABIC_MONTHS[month - 1]} 2017"
    assert describe(f"2017-{month:02}-15", lang="ar") == f"15 {ARABIC_MONTHS[month - 1]} 2017"


def test_french_basis():
    assert describe_with_basis("2017-03", None, "stated", "fr") == f"indiquée{NBSP}: mars 2017"
    assert describe_with_basis("2007", "2020-06", "derived", "fr") == f"déduite{NBSP}: entre 2007 et juin 2020"
    assert describe_with_basis("2012", "2014", "inferred", "fr") == f"inférée{NBSP}: entre 2012 et 2014"
    assert describe_with_basis("200X", None, "stated", "fr") == f"indiquée{NBSP}: dans les années 2000"
    assert describe_with_basis("2012", None, "estimated", "fr") == f"estimated{NBSP}: 2012"


# -- Arabic ------------------------------------------------------------------------------------------

ARABIC = [
    ("2015-11-20", None, "20 نوفمبر 2015"),
    ("2017-03-01", None, "1 مارس 2017"),
    ("2017-03", None, "مارس 2017"),
    ("2020-06", None, "جوان 2020"),
    ("2017", None, "2017"),
    ("200X", None, "في سنوات 2000"),
    ("199X", None, "في سنوات 1990"),
    ("19XX", None, "في القرن العشرين"),
    ("13XX", None, "في القرن الرابع عشر"),
    ("20XX", None, "في القرن الحادي والعشرين"),
    ("10XX", None, "في القرن الحادي عشر"),
    ("09XX", None, "في القرن العاشر"),
    ("2020~", None, "حوالي 2020"),
    ("2020-11~", None, "حوالي نوفمبر 2020"),
    ("200X~", None, "حوالي سنوات 2000"),
    ("2012?", None, "2012 (غير مؤكد)"),
    ("2012%", None, "حوالي 2012 (غير مؤكد)"),
    ("2007", "..", "منذ 2007"),
    ("2007~", "..", "منذ حوالي 2007"),
    ("2017-03", "..", "منذ مارس 2017"),
    ("200X", "..", "منذ سنوات 2000"),
    ("19XX", "..", "منذ القرن العشرين"),
    ("2014", "2015", "بين 2014 و2015"),
    ("2007", "2020-06", "بين 2007 وجوان 2020"),
    ("199X", "200X", "بين سنوات 1990 وسنوات 2000"),
    ("2014~", "2015?", "بين حوالي 2014 و2015 (غير مؤكد)"),
]


@pytest.mark.parametrize(("start", "end", "words"), ARABIC)
def test_arabic(start, end, words):
    assert describe(start, end, "ar") == words
    with i18n.use("ar"):
        assert describe(start, end) == words


def test_arabic_basis():
    assert describe_with_basis("2017-03", None, "stated", "ar") == "مذكور: مارس 2017"
    assert describe_with_basis("2007", "2020-06", "derived", "ar") == "مشتق: بين 2007 وجوان 2020"
    assert describe_with_basis("2012", "2014", "inferred", "ar") == "مستنتج: بين 2012 و2014"


ALL_DATES = [(e["start"], e["end"] or None) for e in EVENTS] + [(start, end) for start, end in HAND_CASES]


@pytest.mark.parametrize(("start", "end"), ALL_DATES)
def test_arabic_has_western_digits_only(start, end):
    words = describe(start, end, "ar")
    assert not EASTERN_DIGITS.search(words), words
    for basis in ("stated", "derived", "inferred"):
        assert not EASTERN_DIGITS.search(describe_with_basis(start, end, basis, "ar"))
    assert re.search("[0-9]", words) or "القرن" in words  # the year in Latin digits, or a century in words


@pytest.mark.parametrize(("start", "end"), ALL_DATES)
def test_french_and_arabic_have_no_english_words(start, end):
    english = re.compile(
        r"\b(about|since|the|uncertain|January|February|March|April|May|June|July|August|"
        r"September|October|November|December|stated|derived|inferred)\b"
    )
    for lang in ("fr", "ar"):
        assert not english.search(describe(start, end, lang))
        for basis in ("stated", "derived", "inferred"):
            assert not english.search(describe_with_basis(start, end, basis, lang))


# -- Basis words -------------------------------------------------------------------------------------


def test_basis_words_in_three_languages():
    assert basis_words("en") == {
        "stated": "stated in the source",
        "derived": "derived from a stated date",
        "inferred": "inferred from context",
    }
    assert basis_words("fr") == {
        "stated": "indiquée par la source",
        "derived": "déduite d’une date indiquée",
        "inferred": "inférée du contexte",
    }
    assert basis_words("ar") == {
        "stated": "مذكور في المصدر",
        "derived": "مشتق من تاريخ مذكور",
        "inferred": "مستنتج من السياق",
    }


def test_basis_words_are_read_in_the_language_current_when_used():
    assert str(BASIS_WORDS["stated"]) == "stated in the source"
    with i18n.use("fr"):
        assert str(BASIS_WORDS["stated"]) == "indiquée par la source"
        assert basis_words() == basis_words("fr")
    assert str(BASIS_WORDS["stated"]) == "stated in the source"


# -- Errors and the language argument -------------------------------------------------------------


@pytest.mark.parametrize("bad", ["2017-13", "2015-02-29", "..", "2014/2015", "nonsense"])
def test_a_bad_date_raises_as_timeline_dates_does(bad):
    with pytest.raises(dates.DateError) as english:
        dates.parse(bad)
    for lang in i18n.LANGUAGES:
        with pytest.raises(dates.DateError) as caught:
            describe(bad, lang=lang)
        assert str(caught.value) == str(english.value)


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unknown language"):
        describe("2017", lang="de")


def test_the_lang_argument_wins_over_the_current_language_and_leaves_it_alone():
    with i18n.use("ar"):
        assert describe("2017-03", lang="fr") == "mars 2017"
        assert describe_with_basis("2017-03", None, "stated", "en") == "stated: March 2017"
        assert i18n.current() == "ar"
