"""TimelineJS in and out: importing TimelineJS3 JSON and the sheet template, exporting TimelineJS3 JSON,
HTML reduced to safe text, deep time, and CSV cells a spreadsheet will not run as formulas."""

from __future__ import annotations

import csv
import html
import io
import json
import subprocess
from pathlib import Path

import edtf
import pandas as pd
import pytest
from helpers import AQIM, ROOT, copy_collection, edit_row, run_timeline_many

from timeline.cli import main
from timeline.core.safecsv import neutralise, restore
from timeline.formats import export
from timeline.formats.timelinejs import ImportFailed, ImportReport, import_timeline, read_timeline, to_timelinejs
from timeline.formats.timelinejs.dateparts import Parts, parts_of, read_parts, whole_number
from timeline.formats.timelinejs.readjson import OURS
from timeline.formats.timelinejs.safetext import safe_text
from timeline.load.collection import Collection, load_collection

FIXTURES = ROOT / "tests" / "fixtures" / "timelinejs"
BERLIN = FIXTURES / "berlin.json"
SHEET = FIXTURES / "printing-sheet.csv"
DEEP = FIXTURES / "deep-time.json"
SHEET_HEADER = (
    "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,"
    "Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background"
)


def _import(tmp_path_factory: pytest.TempPathFactory, fixture: Path) -> tuple[ImportReport, Collection]:
    out = tmp_path_factory.mktemp("imported") / fixture.stem
    report = import_timeline(fixture, out)
    return report, load_collection(out)


@pytest.fixture(scope="module")
def berlin(tmp_path_factory) -> tuple[ImportReport, Collection]:
    return _import(tmp_path_factory, BERLIN)


@pytest.fixture(scope="module")
def sheet(tmp_path_factory) -> tuple[ImportReport, Collection]:
    return _import(tmp_path_factory, SHEET)


@pytest.fixture(scope="module")
def deep(tmp_path_factory) -> tuple[ImportReport, Collection]:
    return _import(tmp_path_factory, DEEP)


@pytest.fixture(scope="module")
def aqim_timelinejs(aqim: Collection) -> dict:
    return to_timelinejs(aqim)


def _event(collection: Collection, event_id: str) -> pd.Series:
    event = collection.event(event_id)
    assert event is not None, f"no event '{event_id}' in {list(collection.events['id'])}"
    return event


def _files_text(folder: Path) -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(folder.rglob("*")) if path.is_file())


# --- HTML -> safe text -------------------------------------------------------------------------------


def test_scripts_styles_and_attributes_are_dropped_entities_decoded() -> None:
    html = (
        "<p>Before<script>alert('x')</script> after &amp; <b>bold</b></p>"
        '<img src="x" onerror="alert(1)"><a href="javascript:alert(2)" onclick="steal()">link</a>'
        "<style>p {color: red}</style><br>Next&nbsp;line &ldquo;quoted&rdquo;"
    )
    assert safe_text(html) == "Before after & bold\nlink\nNext\xa0line “quoted”".replace("\xa0", " ")


def test_an_unclosed_script_drops_everything_after_it() -> None:
    assert safe_text("Visible<script>alert(1); more words") == "Visible"


@pytest.mark.parametrize(
    ("html_text", "text"),
    [
        ("Caption <img src=x onerror=alert(1)//", "Caption"),  # a tag left open at the end of a cell
        ('<a href="javascript:alert(1)">link</a', "link"),
        ("<<script>script>alert(1)<</script>/script>", ""),  # split tags do not join up again
        ("a <!-- <script>x</script> --> b", "a b"),
        ("AT&T, 1 < 2 and 3 > 2", "AT&T, 1 < 2 and 3 > 2"),  # text a browser shows as it is stays
    ],
)
def test_broken_markup_leaves_no_tag_behind(html_text, text) -> None:
    assert safe_text(html_text) == text


def test_html_white_space_folds_as_a_browser_shows_it() -> None:
    assert safe_text("A line\n  broken   in the\tsource") == "A line broken in the source"
    assert safe_text("<p>One</p>\n\n<p>Two</p>") == "One\nTwo"


def test_text_written_with_entities_stays_characters() -> None:
    # '&lt;b&gt;' is the author writing the characters <b>, not a tag; they stay text, escaped wherever shown.
    assert safe_text("1 &lt; 2 and &lt;b&gt;") == "1 < 2 and <b>"
    assert safe_text(None) == "" and safe_text(2007) == "2007"


# --- date parts -> EDTF -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "number"), [(2007, 2007), ("2007", 2007), (" 2,007 ", 2007), (2007.0, 2007), ("-500", -500), ("", None)]
)
def test_a_part_may_be_a_number_or_a_string(value, number) -> None:
    assert whole_number(value, "year") == (number, None)


@pytest.mark.parametrize("value", ["abc", 2007.5, float("nan"), float("inf"), True, [2007], "9" * 40, "20 07x"])
def test_a_part_that_is_not_a_whole_number_is_refused(value) -> None:
    number, error = whole_number(value, "year")
    assert number is None and error.startswith("year")


def test_parts_keep_their_precision() -> None:
    assert read_parts("2007")[0].edtf == "2007"
    assert read_parts(2017, "3")[0].edtf == "2017-03"
    assert read_parts("2015", 11, "20")[0].edtf == "2015-11-20"
    assert read_parts(-500)[0].edtf == "-0500"
    assert read_parts(-65_000_000)[0].edtf == "Y-65000000"
    for text in ("-0500", "Y-65000000", "0000"):
        edtf.parse_edtf(text)  # the deep-time forms are real EDTF


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ((None, 3), "has a month but no year"),
        ((2015, None, 4), "has a day (4) but no month"),
        ((2015, 13), "month 13 is not a month"),
        ((2015, 2, 29), "day 29 is not a day of February 2015"),
        ((2015, 1, 1, 24), "hour 24"),
    ],
)
def test_impossible_parts_are_refused(parts, message) -> None:
    result, errors = read_parts(*parts)
    assert result is None and message in errors[0]


def test_our_dates_become_timelinejs_parts_at_their_precision() -> None:
    assert parts_of("2007") == (Parts(2007), None)
    assert parts_of("2017-03") == (Parts(2017, 3), None)
    assert parts_of("200X") == (Parts(2000), Parts(2009))
    assert parts_of("2020-11~") == (Parts(2020, 11), None)
    assert parts_of("2007", "2020-06") == (Parts(2007), Parts(2020, 6))
    # TimelineJS drops an end equal to the start and then refuses the era.
    assert parts_of("1991", "", era=True) == (Parts(1991), Parts(1991, 12, 31))


def test_an_open_end_runs_to_the_year_the_collection_is_read() -> None:
    from timeline.core import dates

    assert parts_of("2007", "..") == (Parts(2007), Parts(dates.open_latest_year()))


# --- importing TimelineJS3 JSON ----------------------------------------------------------------------


def test_json_import_validates_with_title_eras_and_events(berlin) -> None:
    report, collection = berlin
    assert report.ok and (report.events, report.eras, report.unplaced) == (6, 2, 0)
    assert collection.title == "Berlin divided, 1945–1990"
    assert collection.description == "From the occupation zones to reunification & after."
    eras = collection.events[collection.events["kind"] == "era"]
    assert sorted(eras["title"]) == ["The Wall stands", "Two German states"]
    meta = json.loads((collection.path / "collection.json").read_text(encoding="utf-8"))
    assert meta["kind"] == "imported" and meta["imported_from"]["format"] == "TimelineJS3 JSON"


def test_json_import_keeps_unique_ids_and_slugs_headlines(berlin) -> None:
    _, collection = berlin
    ids = set(collection.events["id"])
    assert {"reunification", "zones", "berlin-blockade", "construction-of-the-wall-begins"} <= ids
    assert "ich-bin-ein-berliner" in ids  # from “Ich bin ein Berliner”, quotes and all


def test_json_dates_keep_precision_whether_numbers_or_strings(berlin) -> None:
    _, collection = berlin
    speech = _event(collection, "ich-bin-ein-berliner")  # {"year": "1963"}
    assert (speech["start"], speech["precision"]) == ("1963", "year")
    assert (speech["earliest"], speech["latest"]) == (pd.Timestamp("1963-01-01"), pd.Timestamp("1963-12-31"))
    blockade = _event(collection, "berlin-blockade")  # strings "1948"/"06", then numbers 1949/5
    assert (blockade["start"], blockade["end"], blockade["precision"]) == ("1948-06", "1949-05", "range")
    assert _event(collection, "zones")["start"] == "1945-06-05"  # numbers


def test_json_display_dates_become_the_date_as_written(berlin) -> None:
    _, collection = berlin
    assert _event(collection, "berlin-blockade")["date_text"] == "June 1948 – May 1949"
    assert _event(collection, "the-wall-opens")["date_text"] == "The night of 9 November 1989"  # start_date's own
    assert _event(collection, "zones")["date_text"] == "5 June 1945"  # built from the parts
    assert set(collection.events["date_basis"]) == {"stated"}


def test_groups_map_to_categories_and_unknown_groups_stay_visible(berlin) -> None:
    report, collection = berlin
    assert _event(collection, "zones")["category"] == "state-response"  # "state response"
    assert _event(collection, "berlin-blockade")["category"] == "state-response"  # "State-Response"
    wall = _event(collection, "construction-of-the-wall-begins")
    assert (wall["category"], wall["actors"]) == ("context", ["Politics"])
    assert any("'Politics' (2)" in note and "'People' (1)" in note for note in report.notes)
    assert "'Politics' (2)" in report.text()


def test_html_and_scripts_never_reach_the_collection(berlin) -> None:
    _, collection = berlin
    blockade = _event(collection, "berlin-blockade")
    assert blockade["title"] == "Berlin Blockade"
    assert blockade["summary"] == (
        "The Soviet Union blocks the roads and railways to West Berlin.\nThe western Allies supply the city by air."
    )
    everything = _files_text(collection.path)
    for bad in ("<script", "alert(", "onerror", "javascript:", "document.cookie", "<p>", "&amp;", "color: red"):
        assert bad not in everything, bad
    assert _event(collection, "ich-bin-ein-berliner")["summary"] == "Kennedy's speech at Schöneberg town hall."


def test_each_event_quotes_the_imported_text_marked_as_not_independent(berlin) -> None:
    _, collection = berlin
    (source,) = collection.sources.values()
    assert "not an independent source" in source.kind
    assert "not an independent source" in source.note
    for event in collection.events.itertuples():
        assert event.source == source.id and event.quote in source.text


def test_media_are_listed_with_safe_captions(berlin) -> None:
    _, collection = berlin
    rows = list(csv.DictReader((collection.path / "media.csv").open(encoding="utf-8")))
    assert rows == [
        {
            "id": "berlin-blockade",
            "url": "https://example.org/airlift.jpg",
            "caption": "A Douglas C-54 over Tempelhof",
            "credit": "Archive photo",
            "thumbnail": "",
        }
    ]


# --- importing the sheet template --------------------------------------------------------------------


def test_sheet_title_row_anywhere_becomes_the_collection_title(sheet) -> None:
    report, collection = sheet
    assert report.ok and report.format == "TimelineJS sheet (CSV)"
    assert collection.title == "Printing in Europe"
    assert collection.description == "From Gutenberg to the steam press & beyond."
    assert "Printing in Europe" not in set(collection.events["title"])


def test_sheet_rows_in_any_order_year_only_rows_stay_years(sheet) -> None:
    _, collection = sheet
    assert list(collection.events["start"])[:3] == ["1440", "1450", "1455"]  # the file has them out of order
    bible = _event(collection, "gutenberg-bible-printed")
    assert (bible["start"], bible["end"], bible["precision"]) == ("1455", "", "year")  # not 1 January 1455
    assert _event(collection, "aldine-italic-type")["start"] == "1501-03"
    assert _event(collection, "the-first-newspaper")["start"] == "1605"  # ' 1,605 ', as TimelineJS reads it
    era = _event(collection, "the-age-of-incunabula")
    assert (era["kind"], era["start"], era["end"]) == ("era", "1450", "1500")
    assert _event(collection, "caxtons-press-at-westminster")["date_text"] == "Around 1476"


def test_sheet_cells_with_line_breaks_and_html(sheet) -> None:
    _, collection = sheet
    steam = _event(collection, "the-times-printed-by-steam")
    assert steam["summary"] == "A London newspaper is printed on a steam-driven press for the first time."
    assert steam["start"] == "1814-11-29"
    assert (
        _event(collection, "the-first-newspaper")["summary"]
        == "“Relation” appears in Strasbourg.\nIt is printed weekly."
    )
    caxton = _event(collection, "caxtons-press-at-westminster")
    assert caxton["summary"] == "William Caxton sets up the first press in England."
    assert _event(collection, "gutenbergs-press")["summary"] == "A press adapted from wine presses."
    everything = _files_text(collection.path)
    assert "<" not in everything and "alert" not in everything


# --- deep time ---------------------------------------------------------------------------------------


def test_deep_time_does_not_crash_and_names_the_rows_it_cannot_place(deep) -> None:
    report, collection = deep
    assert report.ok and (report.events, report.unplaced) == (1, 3)
    assert list(collection.events["id"]) == ["moon-landing"]
    notes = "\n".join(report.notes)
    assert "events[0] ('Dinosaurs die out'): year -65000000 cannot be placed on the timeline yet" in notes
    assert "events[1] ('Roman Republic founded'): year -500 cannot be placed" in notes
    with (collection.path / "unplaced.csv").open(encoding="utf-8", newline="") as handle:
        kept = {row["id"]: (restore(row["start"]), restore(row["end"])) for row in csv.DictReader(handle)}
    assert kept == {
        "dinosaurs-die-out": ("Y-65000000", ""),
        "roman-republic-founded": ("-0500", ""),
        "the-first-stars": ("Y-13800000000", "Y-13799000000"),
    }
    assert "Dinosaurs die out" in (collection.path / "sources" / "imported.txt").read_text(encoding="utf-8")


# --- exporting TimelineJS3 JSON ----------------------------------------------------------------------


def test_export_keeps_precision_ids_groups_and_eras(aqim_timelinejs) -> None:
    slides = {slide["unique_id"]: slide for slide in aqim_timelinejs["events"]}
    assert slides["aqim-founded"]["start_date"] == {"year": "2007"} and "end_date" not in slides["aqim-founded"]
    assert slides["jnim-formed"]["start_date"] == {"year": "2017", "month": "3"}
    assert slides["droukdel-emir"]["end_date"] == {"year": "2020", "month": "6"}
    assert slides["radisson-blu-attack"]["group"] == "Attack"
    assert slides["jnim-formed"]["display_date"] == "In March 2017"
    (era,) = aqim_timelinejs["eras"]
    assert (era["unique_id"], era["start_date"], era["end_date"]) == (
        "algerian-civil-war",
        {"year": "1991"},
        {"year": "2002"},
    )
    assert aqim_timelinejs["title"]["text"]["headline"] == "Al-Qaeda in the Islamic Maghreb (AQIM)"


def test_export_slide_text_carries_summary_quote_and_citation(aqim: Collection, aqim_timelinejs) -> None:
    slide = next(s for s in aqim_timelinejs["events"] if s["unique_id"] == "annabi-appointed")
    event = _event(aqim, "annabi-appointed")
    text = slide["text"]["text"]
    assert f"<blockquote>{html.escape(event['quote'], quote=False)}</blockquote>" in text
    assert "<cite>Al-Qaeda in the Islamic Maghreb</cite>, organisation profile" in text
    assert "Date derived from a stated date: about November 2020." in text


def test_export_is_what_timelinejs_needs(aqim_timelinejs) -> None:
    slides = aqim_timelinejs["events"] + aqim_timelinejs["eras"]
    ids = [slide["unique_id"] for slide in slides]
    assert len(ids) == len(set(ids))
    for slide in slides:
        assert slide["start_date"]["year"].lstrip("-").isdigit()
        for date in (slide["start_date"], slide.get("end_date", {})):
            assert all(isinstance(value, str) for value in date.values())
    for era in aqim_timelinejs["eras"]:
        assert era["end_date"] != era["start_date"]  # TimelineJS would drop it, then refuse the era
    json.loads(json.dumps(aqim_timelinejs))


def test_export_escapes_our_text_for_timelinejs_html(tmp_path) -> None:
    folder = copy_collection(tmp_path)
    edit_row(folder / "events.csv", "mali-coup", ",Coup d'état in Mali,", ",<script>alert(1)</script> & coup,")
    slide = next(s for s in to_timelinejs(load_collection(folder))["events"] if s["unique_id"] == "mali-coup")
    assert slide["text"]["headline"] == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; coup"


def test_round_trip_ours_timelinejs_ours_keeps_ids_dates_and_titles(
    aqim: Collection, aqim_timelinejs, tmp_path
) -> None:
    path = tmp_path / "aqim.json"
    path.write_text(json.dumps(aqim_timelinejs), encoding="utf-8")
    report = import_timeline(path, tmp_path / "back")
    back = load_collection(tmp_path / "back")
    assert report.ok and back.title == aqim.title
    columns = ["kind", "title", "start", "end", "precision", "earliest", "latest", "approximate", "uncertain"]
    columns += ["date_text", "date_basis", "date_note", "category"]
    ours = aqim.events.set_index("id")[columns].sort_index()
    pd.testing.assert_frame_equal(back.events.set_index("id")[columns].sort_index(), ours)


def test_round_trip_through_timelinejs_alone_keeps_year_and_month_precision(aqim_timelinejs, tmp_path) -> None:
    # A teacher who edits the file in TimelineJS's tools may lose our key: the parts alone still say enough.
    plain = json.loads(json.dumps(aqim_timelinejs))
    for slide in plain["events"] + plain["eras"]:
        del slide[OURS]
    path = tmp_path / "plain.json"
    path.write_text(json.dumps(plain), encoding="utf-8")
    import_timeline(path, tmp_path / "plain")
    back = load_collection(tmp_path / "plain")
    assert (_event(back, "aqim-founded")["start"], _event(back, "aqim-founded")["precision"]) == ("2007", "year")
    assert (_event(back, "jnim-formed")["start"], _event(back, "jnim-formed")["precision"]) == ("2017-03", "month")
    assert (_event(back, "expansion-northern-mali")["start"], _event(back, "expansion-northern-mali")["end"]) == (
        "2000",
        "2009",
    )


def test_edited_dates_win_over_our_key(aqim_timelinejs, tmp_path) -> None:
    edited = json.loads(json.dumps(aqim_timelinejs))
    slide = next(s for s in edited["events"] if s["unique_id"] == "jnim-formed")
    slide["start_date"] = {"year": "2017", "month": "4", "day": "2"}
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(edited), encoding="utf-8")
    import_timeline(path, tmp_path / "edited")
    assert _event(load_collection(tmp_path / "edited"), "jnim-formed")["start"] == "2017-04-02"


def test_timelinejs_ours_timelinejs_keeps_slides_text_and_media(berlin) -> None:
    _, collection = berlin
    again = to_timelinejs(collection)
    original = json.loads(BERLIN.read_text(encoding="utf-8"))
    slides = {slide["unique_id"]: slide for slide in again["events"]}
    assert slides["zones"]["start_date"] == {"year": "1945", "month": "6", "day": "5"}
    assert slides["reunification"]["text"]["text"] == "<p>The two German states become one.</p>"  # no self-citation
    assert slides["berlin-blockade"]["media"]["url"] == original["events"][2]["media"]["url"]
    assert again["title"]["text"]["headline"] == "Berlin divided, 1945–1990"
    assert len(again["events"]) == len(original["events"]) and len(again["eras"]) == len(original["eras"])


# --- CSV cells a spreadsheet would run -----------------------------------------------------------------


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-0500", "@SUM(A1)", "\tx", "'=x", "''@x", "'plain", "", "a=b", "it's"])
def test_neutralise_and_restore_are_exact_inverses(cell) -> None:
    assert restore(neutralise(cell)) == cell
    assert neutralise(cell)[:1] not in ("=", "+", "-", "@", "\t", "\r")


def test_csv_export_neutralises_formulas_and_loads_back_the_same(tmp_path) -> None:
    folder = copy_collection(tmp_path)
    formula = '=HYPERLINK("http://evil.example","click")'
    edit_row(
        folder / "events.csv", "mali-coup", ",Coup d'état in Mali,", f',"{formula.replace(chr(34), chr(34) * 2)}",'
    )
    events = load_collection(folder).events
    assert formula in set(events["title"])
    text = export.to_csv(events)
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(text))}
    assert rows["mali-coup"]["title"] == "'" + formula
    (folder / "events.csv").write_text(text, encoding="utf-8")
    pd.testing.assert_frame_equal(load_collection(folder).events, events)


def test_imported_events_csv_is_neutralised_too(tmp_path) -> None:
    path = tmp_path / "formula.csv"
    path.write_text(f"{SHEET_HEADER}\n2015,,,,,,,,,\"=cmd|'/C calc'!A0\",Text,,,,,,,\n", encoding="utf-8")
    import_timeline(path, tmp_path / "out")
    assert "\n'=cmd" not in (tmp_path / "out" / "events.csv").read_text(encoding="utf-8")
    assert ",'=cmd" in (tmp_path / "out" / "events.csv").read_text(encoding="utf-8")
    assert _event(load_collection(tmp_path / "out"), "cmd-c-calc-a0")["title"] == "=cmd|'/C calc'!A0"


# --- bad input: every problem names the file and the row ---------------------------------------------


def _problems(tmp_path: Path, name: str, content: str | bytes) -> list[str]:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ImportFailed) as failure:
        import_timeline(path, tmp_path / "out")
    assert not (tmp_path / "out").exists()  # nothing written
    problems = [str(problem) for problem in failure.value.problems]
    assert all(str(path) in problem for problem in problems), problems
    return problems


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"events": [\n  {"start_date": {"year": 2000}\n]}', "line 3: not valid JSON"),
        ("[1, 2]", "expected a TimelineJS3 object with an 'events' list; the file holds a JSON list"),
        ('{"title": {"text": {"headline": "T"}}}', "field 'events': missing"),
        ('{"events": []}', "field 'events': the list is empty"),
        ('{"events": {"a": 1}}', "field 'events': expected a list of events"),
        ('{"events": [{"text": {"headline": "No date"}}]}', "field 'events[0].start_date': missing ('No date')"),
        ('{"events": [{"start_date": {"month": 3}}]}', "field 'events[0].start_date': has a month but no year"),
        ('{"events": [{"start_date": {"display_date": "Once"}}]}', "'events[0].start_date': has no year"),
        ('{"events": [{"start_date": {"year": "2015", "month": "13"}}]}', "month 13 is not a month"),
        ('{"events": [{"start_date": {"year": "MMXV"}}]}', "field 'events[0].start_date': year 'MMXV'"),
        ('{"events": [{"start_date": 2015}]}', "expected an object such as"),
        (
            '{"events": [{"start_date": {"year": 2000}}], "eras": [{"start_date": {"year": 1990}}]}',
            "'eras[0].end_date': missing",
        ),
        (
            '{"events": [{"start_date": {"year": 2000}, "end_date": {"year": 1999}}]}',
            "the end (1999) is before the start (2000)",
        ),
        ('{"events": [{"start_date": {"year": NaN}}]}', "year nan is not a whole number"),
        ('{"timeline": {"date": []}}', "TimelineJS 2"),
    ],
)
def test_bad_json_is_refused_naming_the_entry(tmp_path, content, expected) -> None:
    problems = _problems(tmp_path, "bad.json", content)
    assert any(expected in problem for problem in problems), problems


def test_every_bad_json_entry_is_reported_at_once(tmp_path) -> None:
    content = '{"events": [{"start_date": {"year": "x"}}, {"start_date": {"year": 2000}}, {"start_date": {"day": 1}}]}'
    problems = _problems(tmp_path, "bad.json", content)
    assert [p.split(": ", 1)[0].split("field ")[1] for p in problems] == [
        "'events[0].start_date'",
        "'events[2].start_date'",
    ]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (",3,,,,,,,,Month only,Text,,,,,,,", "line 2, field 'Year': has a month but no year"),
        ("2015,4,31,,,,,,,April 31,Text,,,,,,,", "line 2, field 'Day': day 31 is not a day of April 2015"),
        ("2015,,7,,,,,,,Day only,Text,,,,,,,", "line 2, field 'Month': has a day (7) but no month"),
        (",,,,,,,,,No year,Text,,,,,,,", "line 2, field 'Year': is empty ('No year')"),
        ("1500,,,,,,,,,Era,Text,,,,,era,,", "line 2, field 'End Year': is empty ('Era')"),
        ("2015,,,,2014,,,,,Backwards,Text,,,,,,,", "line 2, field 'End Year': the end (2014) is before the start"),
        ("2015,,,,,13,,,,End month,Text,,,,,,,", "line 2, field 'End Year': has a month but no year"),
        ('2015,,,,,,,,,"Unclosed,Text,,,,,,,', "line 2: not valid CSV"),
        ("2015,,,,,,,,,Too many,Text,,,,,,,,,extra", "line 2: row has 20 cells"),
    ],
)
def test_bad_sheet_rows_are_refused_naming_the_line_and_column(tmp_path, rows, expected) -> None:
    problems = _problems(tmp_path, "bad.csv", f"{SHEET_HEADER}\n{rows}\n")
    assert any(expected in problem for problem in problems), problems


def test_a_bad_row_after_a_multi_line_cell_is_named_by_its_own_line(tmp_path) -> None:
    content = f'{SHEET_HEADER}\n1814,,,,,,,,,Steam,"three\nline\ncell",,,,,,,\n,5,,,,,,,,Broken,Text,,,,,,,\n'
    problems = _problems(tmp_path, "bad.csv", content)
    assert any(", line 5, field 'Year'" in problem for problem in problems), problems


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("bad.csv", "Headline,Text\nA,B\n", "line 1, field 'Year': required column"),
        ("bad.csv", "name,count\na,1\n", "not the TimelineJS sheet template"),
        ("bad.csv", f"{SHEET_HEADER}\n,,,,,,,,,Only a title,Text,,,,,title,,\n", "no event rows"),
        ("bad.csv", b"Year,Headline\n2015,Caf\xe9\n", "line 2: not UTF-8 text"),
        ("bad.csv", "", "the file is empty"),
        ("bad.xlsx", b"PK\x03\x04rest-of-a-zip", "download the sheet as CSV"),
        ("bad.bin", b"\x00\x01\x02binary", "binary file"),
        ("notes.txt", "Just some notes\nabout history\n", "neither TimelineJS3 JSON nor"),
    ],
)
def test_files_that_are_not_timelinejs_are_refused(tmp_path, name, content, expected) -> None:
    problems = _problems(tmp_path, name, content)
    assert any(expected in problem for problem in problems), problems


def test_a_missing_file_is_named(tmp_path) -> None:
    parsed = read_timeline(tmp_path / "nope.json")
    assert [str(p) for p in parsed.problems] == [f"{tmp_path / 'nope.json'}: file not found"]


def test_duplicate_unique_ids_and_headlines_get_unique_ids(tmp_path) -> None:
    events = [
        {"unique_id": "same", "start_date": {"year": 2000}, "text": {"headline": "A"}},
        {"unique_id": "same", "start_date": {"year": 2001}, "text": {"headline": "B"}},
        {"start_date": {"year": 2002}, "text": {"headline": "Same"}},
        {"start_date": {"year": 2003}, "text": {"headline": "Same"}},
    ]
    path = tmp_path / "dupes.json"
    path.write_text(json.dumps({"events": events}), encoding="utf-8")
    report = import_timeline(path, tmp_path / "out")
    assert sorted(load_collection(tmp_path / "out").events["id"]) == ["same", "same-2", "same-3", "same-4"]
    assert any("unique_id 'same' is used twice" in note for note in report.notes)


def test_the_out_folder_is_never_written_over_unasked(tmp_path) -> None:
    first = import_timeline(SHEET, tmp_path / "out")
    assert first.ok
    with pytest.raises(ImportFailed, match="not empty"):
        import_timeline(SHEET, tmp_path / "out")
    assert import_timeline(BERLIN, tmp_path / "out", force=True).title.startswith("Berlin")
    assert not (tmp_path / "out" / "unplaced.csv").exists()
    with pytest.raises(ImportFailed, match="only an earlier import"):
        import_timeline(SHEET, copy_collection(tmp_path), force=True)


# --- the command line --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, subprocess.CompletedProcess[str]]:
    """Each command once, side by side (each run spends about a second importing pandas)."""
    base = tmp_path_factory.mktemp("cli")
    bad = base / "bad.csv"
    bad.write_text(f"{SHEET_HEADER}\n,3,,,,,,,,Month only,Text,,,,,,,\n", encoding="utf-8")
    commands = {
        "import": ("import", SHEET, "--out", base / "sheet"),
        "bad": ("import", bad, "--out", base / "bad"),
        "export": ("export", AQIM, "--format", "timelinejs"),
    }
    return dict(zip(commands, run_timeline_many(list(commands.values())), strict=True))


def test_cli_import_writes_a_collection_that_validates(runs, capsys) -> None:
    run = runs["import"]
    assert run.returncode == 0, run.stderr
    assert "6 events and 1 eras" in run.stdout
    out = Path(run.args[run.args.index("--out") + 1])
    assert main(["validate", str(out)]) == 0  # in this process: the import already paid for a subprocess
    assert "OK: 7 events" in capsys.readouterr().out


def test_cli_import_of_a_bad_file_names_file_and_line(runs) -> None:
    run = runs["bad"]
    assert run.returncode == 1 and run.stdout == ""
    assert "Traceback" not in run.stderr
    assert "bad.csv, line 2, field 'Year': has a month but no year" in run.stderr


def test_cli_export_timelinejs_writes_json(runs) -> None:
    run = runs["export"]
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert len(data["events"]) + len(data["eras"]) == len(load_collection(AQIM).events)


def test_cli_export_timelinejs_is_for_events_only(capsys) -> None:
    assert main(["export", str(AQIM), "--format", "timelinejs", "--what", "people"]) == 2
    assert "--what" in capsys.readouterr().err
