"""The pieces every stage shares, each written once in core/: EDTF writing, folding, slugs, sentence starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.core import dates, edtf
from timeline.core.text import fold, fold_accents, normalise, sentence_starts, slug
from timeline.extract import markup
from timeline.extract.sentences import split

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (edtf.date(2012), "2012"),
        (edtf.date(2012, 3), "2012-03"),
        (edtf.date(2012, 3, 22), "2012-03-22"),
        (edtf.date(987), "0987"),
        (edtf.date(-500), "-0500"),
        (edtf.date(12345, 6), "Y12345"),
        (edtf.date(2012, 1, approximate=True), "2012-01~"),
        (edtf.date(2012, uncertain=True), "2012?"),
        (edtf.date(2012, approximate=True, uncertain=True), "2012%"),
        (edtf.at_precision(2014, 7, 9, "day"), "2014-07-09"),
        (edtf.at_precision(2014, 7, 9, "month"), "2014-07"),
        (edtf.at_precision(2014, 7, 9, "year", approximate=True), "2014~"),
        (edtf.at_precision(2014, 7, 9, "decade"), "201X"),
        (edtf.at_precision(2014, 7, 9, "century", approximate=True), "20XX~"),
    ],
)
def test_edtf_is_written_at_its_precision(written, expected):
    assert written == expected


@pytest.mark.parametrize(
    ("text", "approximate", "uncertain", "expected"),
    [
        ("2012", True, False, "2012~"),
        ("2012~", True, False, "2012~"),
        ("2012?", True, False, "2012%"),
        ("2012~", False, True, "2012%"),
        ("2012%", True, True, "2012%"),
        ("2012", False, False, "2012"),
        ("", True, True, ""),
        (dates.OPEN, True, False, dates.OPEN),
    ],
)
def test_qualifiers_add_to_those_a_date_has(text, approximate, uncertain, expected):
    assert edtf.qualified(text, approximate=approximate, uncertain=uncertain) == expected


def test_an_end_that_repeats_the_start_is_left_out():
    assert edtf.interval("2012-03", "2012-03") == ("2012-03", "")
    assert edtf.interval("2012", "2014") == ("2012", "2014")
    assert edtf.interval("2007", dates.OPEN) == ("2007", "..")


def test_every_written_form_is_one_the_loader_reads():
    for text in ("2012", "2012-03~", "2012-03-22?", "201X", "20XX~", "2012%"):
        dates.parse(text)


def test_folding_drops_case_and_accents_and_ids_drop_the_rest():
    assert fold_accents("Émir Ṭāriq") == "Emir Tariq"
    assert fold_accents("Tromsø Émir", ascii_only=True) == "Troms Emir"
    assert normalise("Droukdel’s ÉMIR") == "droukdel's emir"
    assert fold("  Bamako \n Région ") == "bamako region"


def test_one_slug_serves_both_id_styles():
    assert slug("Northern Mali") == "northern-mali"
    assert slug("Gutenberg's press of 1450") == "gutenberg-s-press-of-1450"  # extract's ids, as ever
    assert slug("Gutenberg's press of 1450", join_apostrophes=True) == "gutenbergs-press-of-1450"  # the import's
    assert slug("one two three four", words=2) == "one-two"
    assert slug("« »") == "x"
    assert slug("« »", empty="") == ""


def test_sentence_starts_hold_every_start_the_splitter_finds():
    # The quote finder indexes these starts; extract's quotes are whole sentences, so each must be among them.
    texts = [ROOT / "data" / "aqim" / "sources" / "aqim-profile.txt", *sorted((ROOT / "bench" / "corpus").glob("*.*"))]
    for path in texts:
        if path.suffix == ".csv" or path.name == "README.md":
            continue
        raw = path.read_text(encoding="utf-8")
        cleaned = markup.clean(raw, markup.sniff(raw, path.suffix))
        starts = set(sentence_starts(cleaned.text))
        missing = [s.start for s in split(cleaned.text, cleaned.structure) if s.start not in starts]
        assert not missing, (path.name, missing[:5])
