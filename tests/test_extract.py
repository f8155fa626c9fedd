"""`python -m timeline extract`: the draft of a profile, its quality on AQIM, a second profile, bad input."""

from __future__ import annotations

import csv
import importlib.util
import shutil
import sys
import time
from pathlib import Path

import pytest
from helpers import AQIM, ROOT, copy_collection, run_timeline

from timeline.extract import ExtractError, extract
from timeline.extract.places import Gazetteer
from timeline.extract.sentences import split
from timeline.load.collection import load_collection

SOURCE = AQIM / "sources" / "aqim-profile.txt"

# A second profile, written for these tests: another group, another region, other date forms.
BSF_PROFILE = """Bangsa Sulu Front

Other Names: BSF, Sulu Liberation Front

Established: 1998

Type: Armed separatist group


Overview

The Bangsa Sulu Front (BSF) is an armed separatist group active in the southern Philippines, mainly on Mindanao and the Sulu islands.


History

The group was established in 1998 by Datu Hamid Karim, a former teacher from Zamboanga. In the late 1990s, it recruited fighters across western Mindanao. Around 2005, the BSF opened a training camp near the village of Tubig Dakula.

On 12 March 2009, BSF gunmen attacked a ferry terminal in Zamboanga, killing 23 people. Two years later, the group kidnapped foreign tourists from a resort in Malaysia's Sabah state. The Filipino army launched an offensive against the group on September 4, 2011. The following year, Karim was killed in an airstrike.

Three months after Karim's death, the group named Nur Salim as its new leader. Salim had led the BSF's urban cells since its founding. Between March and June 2013 the group carried out a series of bombings in Manila. A ceasefire signed on 2014-06-21 collapsed in early 2015. From 2016 to 2018, Filipino troops and the BSF fought for control of Marawi. In mid-2017 the siege of Marawi displaced tens of thousands of residents. In late 2019, Salim was captured in Jolo.

In recent years, the group has lost most of its territory, and several factions have pledged allegiance to the Islamic State.
"""


def rows(folder: Path) -> list[dict[str, str]]:
    with (folder / "events.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def by_date_text(folder: Path) -> dict[str, dict[str, str]]:
    return {row["date_text"]: row for row in rows(folder)}


@pytest.fixture(scope="module")
def aqim_draft(tmp_path_factory) -> tuple[Path, object]:
    """The CLI's draft of the bundled profile, made once for the module."""
    out = tmp_path_factory.mktemp("extract") / "aqim-draft"
    run = run_timeline("extract", SOURCE, "--out", out)
    assert run.returncode == 0, run.stderr
    return out, run


@pytest.fixture(scope="module")
def bsf_draft(tmp_path_factory) -> tuple[Path, object]:
    folder = tmp_path_factory.mktemp("bsf")
    source = folder / "bsf-profile.txt"
    source.write_text(BSF_PROFILE, encoding="utf-8")
    report = extract(source, folder / "draft")
    return folder / "draft", report


# --- the AQIM profile ---------------------------------------------------------------------------


def test_the_aqim_draft_validates(aqim_draft) -> None:
    out, run = aqim_draft
    check = run_timeline("validate", out)
    assert check.returncode == 0, check.stderr
    assert "OK: 17 events" in check.stdout


def test_the_report_is_printed_and_saved(aqim_draft) -> None:
    out, run = aqim_draft
    for words in (
        "sentences read:        55",
        "dated mentions found:  17",
        "undated mentions:      1",
        "places found:",
    ):
        assert words in run.stdout
    assert "'in recent years' (sentence 18): vague" in run.stdout
    assert (out / "report.txt").read_text(encoding="utf-8").startswith("Draft collection")
    assert (out / "sources" / "aqim-profile.txt").read_bytes() == SOURCE.read_bytes()


def test_every_row_is_a_draft_quoting_its_sentence_word_for_word(aqim_draft) -> None:
    out, _ = aqim_draft
    text = SOURCE.read_text(encoding="utf-8")
    sentences = {s.text for s in split(text)}
    for row in rows(out):
        assert row["status"] == "draft"
        assert row["quote"] in text  # verbatim: no re-spacing, no re-joining
        assert row["quote"] in sentences  # a whole sentence
        assert row["date_basis"] in ("stated", "derived")
        assert row["date_basis"] == "stated" or row["date_note"]
        assert len(row["title"].split()) <= 11


def test_a_sentence_with_two_dated_facts_gives_two_rows(aqim_draft) -> None:
    out, _ = aqim_draft
    founding = [r for r in rows(out) if r["quote"].startswith("The group was founded in 2007")]
    assert sorted((r["start"], r["end"]) for r in founding) == [("1991", "2002"), ("2007", "")]


def test_relative_dates_are_resolved_against_the_dates_of_the_document(aqim_draft) -> None:
    drafted = by_date_text(aqim_draft[0])
    annabi = drafted["Five months after Droukdel’s death"]
    assert (annabi["start"], annabi["end"], annabi["date_basis"]) == ("2020-11~", "", "derived")
    assert "'in June 2020'" in annabi["date_note"] and "plus five months" in annabi["date_note"]
    tenure = drafted["since its establishment"]
    assert (tenure["start"], tenure["end"], tenure["date_basis"]) == ("2007", "2020-06", "derived")
    assert "Founded: 2007" in tenure["date_note"] and "in June 2020" in tenure["date_note"]


def test_places_actors_and_categories_are_suggested(aqim_draft) -> None:
    drafted = by_date_text(aqim_draft[0])
    ouagadougou = drafted["In March 2018"]
    assert ouagadougou["places"].split("; ") == ["ouagadougou", "burkina-faso"]
    assert (ouagadougou["category"], ouagadougou["fatalities"]) == ("attack", "16")
    assert "France (from 'French embassy')" in ouagadougou["summary"]  # a state acting, not a place
    killed = drafted["in June 2020"]
    assert {"mali", "talhandak"} <= set(killed["places"].split("; "))
    assert killed["category"] == "leadership"
    assert "US Africa Command" in killed["actors"]  # a guess, and 'Africa' in it is no place
    assert "africa" not in killed["places"].split("; ")
    assert "guessed" in killed["summary"]
    jnim = drafted["In March 2017"]
    assert "JNIM" in jnim["actors"].split("; ")  # 'NJIM' in the text, the glossary's name in the draft


def test_quality_on_the_aqim_profile_meets_the_targets() -> None:
    spec = importlib.util.spec_from_file_location("extract_quality", ROOT / "bench" / "extract_quality.py")
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # its dataclasses look their module up there
    spec.loader.exec_module(bench)
    quality = bench.measure(use_collection=False)
    assert quality.recall >= 0.95, quality.missed
    assert quality.accuracy >= 0.95, quality.wrong_dates
    assert quality.precision >= 0.95, quality.false_rows


# --- a second, different profile ----------------------------------------------------------------


def test_a_second_profile_gets_its_own_dates(bsf_draft) -> None:
    drafted = by_date_text(bsf_draft[0])
    expected = {
        "Established: 1998": ("1998", "", "stated"),
        "in 1998": ("1998", "", "stated"),
        "In the late 1990s": ("1997~", "1999~", "stated"),
        "Around 2005": ("2005~", "", "stated"),
        "On 12 March 2009": ("2009-03-12", "", "stated"),
        "Two years later": ("2011~", "", "derived"),
        "on September 4, 2011": ("2011-09-04", "", "stated"),
        "The following year": ("2012", "", "derived"),
        "Three months after Karim's death": ("2012~", "2013~", "derived"),
        "since its founding": ("1998", "2019-12~", "derived"),
        "Between March and June 2013": ("2013-03", "2013-06", "stated"),
        "on 2014-06-21": ("2014-06-21", "", "stated"),
        "in early 2015": ("2015-01~", "2015-04~", "stated"),
        "From 2016 to 2018": ("2016", "2018", "stated"),
        "In mid-2017": ("2017-05~", "2017-08~", "stated"),
        "In late 2019": ("2019-09~", "2019-12~", "stated"),
    }
    assert {k: (r["start"], r["end"], r["date_basis"]) for k, r in drafted.items()} == expected


def test_a_second_profile_places_and_undated_mentions(bsf_draft) -> None:
    folder, report = bsf_draft
    drafted = by_date_text(folder)
    assert drafted["On 12 March 2009"]["places"] == "zamboanga"
    assert drafted["Between March and June 2013"]["places"] == "manila"
    assert "malaysia" in drafted["Two years later"]["places"]
    assert "Philippines" in drafted["From 2016 to 2018"]["actors"]  # 'Filipino troops': a state acting
    assert "Tubig Dakula" in drafted["Around 2005"]["place_note"]
    assert report.unknown_places == {"Tubig Dakula": 10}
    assert [u.text for u in report.undated] == ["In recent years"]
    assert drafted["Three months after Karim's death"]["category"] == "leadership"
    assert load_collection(folder).events.shape[0] == 16


def test_gazetteer_finds_demonyms_regions_and_countries_of_another_region() -> None:
    gazetteer = Gazetteer()
    text = "Kenyan troops crossed into southern Somalia and reached Mogadishu; Somali clans in the Horn of Africa fled."
    gazetteer.prepare(text)
    scan = gazetteer.scan(text)
    assert [h.place.id for h in scan.places] == ["southern-somalia", "mogadishu", "somalia", "horn-of-africa"]
    assert scan.states == [("Kenya", "Kenyan troops")]
    southern = scan.places[0].place
    assert southern.kind == "region" and southern.country == "SOM" and "approximate" in southern.coord_source


# --- bad input ----------------------------------------------------------------------------------


def test_an_empty_file_is_refused(tmp_path) -> None:
    source = tmp_path / "empty.txt"
    source.write_text("  \n", encoding="utf-8")
    run = run_timeline("extract", source, "--out", tmp_path / "out")
    assert run.returncode == 1
    assert "empty" in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "out").exists()


def test_a_binary_file_is_refused(tmp_path) -> None:
    source = tmp_path / "photo.txt"
    source.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(ExtractError, match="binary"):
        extract(source, tmp_path / "out")
    noisy = tmp_path / "noise.txt"
    noisy.write_bytes(bytes(b for b in range(1, 256) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)) * 40)
    with pytest.raises(ExtractError, match="binary"):
        extract(noisy, tmp_path / "out2")


def test_windows_1252_text_is_decoded_with_a_warning(tmp_path) -> None:
    source = tmp_path / "profile.txt"
    source.write_bytes("The group’s café opened in March 2018 in Bamako, Mali.\n".encode("cp1252"))
    run = run_timeline("extract", source, "--out", tmp_path / "out")
    assert run.returncode == 0, run.stderr
    assert "Windows-1252" in run.stdout
    copy = (tmp_path / "out" / "sources" / "profile.txt").read_text(encoding="utf-8")
    assert "group’s café" in copy
    assert rows(tmp_path / "out")[0]["start"] == "2018-03"
    assert load_collection(tmp_path / "out").events.shape[0] == 1


def test_utf16_with_a_byte_order_mark_is_read(tmp_path) -> None:
    source = tmp_path / "notepad.txt"
    source.write_bytes("The group was founded in 2007 in Algeria.\n".encode("utf-16"))  # BOM first
    report = extract(source, tmp_path / "out")
    assert (report.encoding, report.rows) == ("utf-16", 1)
    assert rows(tmp_path / "out")[0]["places"] == "algeria"


def test_a_text_without_dates_gives_an_empty_draft_that_validates(tmp_path) -> None:
    source = tmp_path / "undated.txt"
    source.write_text("The group operates in Mali.\n\nIt has many fighters.\n", encoding="utf-8")
    run = run_timeline("extract", source, "--out", tmp_path / "out")
    assert run.returncode == 0, run.stderr
    assert "no dated mentions found" in run.stdout
    assert (tmp_path / "out" / "events.csv").read_text(encoding="utf-8").count("\n") == 1  # the header only
    assert load_collection(tmp_path / "out").events.empty


def test_a_10_mb_text_finishes_in_seconds_with_progress_on_stderr(tmp_path) -> None:
    filler = (
        "Entry {n} of the chronicle says that the situation in the region remained fragile. "
        "Officials reported that markets were open and that roads to the north were passable. "
    ) * 12
    parts, size, n = [], 0, 0
    while size < 10_000_000:
        paragraph = filler.format(n=n) + f"In March {1990 + n % 30}, militants attacked a post in Mali.\n\n"
        parts.append(paragraph)
        size += len(paragraph)
        n += 1
    source = tmp_path / "big.txt"
    source.write_text("".join(parts), encoding="utf-8")
    began = time.perf_counter()
    run = run_timeline("extract", source, "--out", tmp_path / "out")
    elapsed = time.perf_counter() - began
    assert run.returncode == 0, run.stderr
    assert "extract: drafting rows" in run.stderr  # progress for long input
    assert f"draft rows:            {n:,}" in run.stdout
    assert elapsed < 90, f"{elapsed:.0f} s"  # about 8 s on the 2-core development machine


def test_an_existing_folder_is_not_written_over(tmp_path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    run = run_timeline("extract", SOURCE, "--out", out)
    assert run.returncode == 1 and "not empty" in run.stderr
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_force_replaces_a_draft_but_never_curated_events(tmp_path) -> None:
    source = tmp_path / "bsf.txt"
    source.write_text(BSF_PROFILE, encoding="utf-8")
    extract(source, tmp_path / "draft")
    extract(source, tmp_path / "draft", force=True)  # a draft may be drafted again
    curated = copy_collection(tmp_path)
    before = (curated / "events.csv").read_bytes()
    with pytest.raises(ExtractError, match="not drafts"):
        extract(source, curated, force=True)
    assert (curated / "events.csv").read_bytes() == before
    shutil.rmtree(curated)
