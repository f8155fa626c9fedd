"""Translated titles and summaries (title_fr, summary_ar, ...): loading, refusing, choosing, exporting (#17).

Files are real events.csv files in temporary copies of the bundled collection, written with the
csv module, so the loader reads them as it reads a teacher's spreadsheet.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from helpers import AQIM, copy_collection

from timeline.core.problems import CollectionError
from timeline.formats import export
from timeline.formats.timelinejs import to_timelinejs_json
from timeline.i18n import DEFAULT
from timeline.i18n import LANGUAGES as INTERFACE
from timeline.load import translations
from timeline.load.collection import Collection, load_collection
from timeline.load.csvfile import Row
from timeline.load.lessons import load_lessons
from timeline.load.schema import EVENT_COLUMNS, EventRow, validate_rows
from timeline.load.translations import translated
from timeline.web.upload import read_upload

LESSON_FR = {
    "aqim-founded": "Fondation d’AQMI à partir du GSPC",
    "jnim-formed": "Création du JNIM à partir de quatre groupes",
}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, rows: list[dict[str, str]], columns: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows({column: row.get(column, "") for column in columns} for row in rows)


def _with_cells(tmp_path: Path, cells: dict[str, dict[str, str]]) -> Path:
    """A copy of the bundled collection whose events.csv has the given cells: {event id: {column: text}}."""
    folder = copy_collection(tmp_path)
    path = folder / "events.csv"
    rows = _rows(path)
    columns = list(rows[0])
    for changes in cells.values():
        columns += [column for column in changes if column not in columns]
    for row in rows:
        row.update(cells.get(row["id"], {}))
    _write(path, rows, columns)
    return folder


def _problems(folder: Path) -> list:
    with pytest.raises(CollectionError) as raised:
        load_collection(folder)
    return raised.value.problems


# --- the columns ---------------------------------------------------------------------------------------


def test_the_columns_follow_the_interface_languages():
    assert translations.LANGUAGES == tuple(lang for lang in INTERFACE if lang != DEFAULT) == ("fr", "ar")
    assert translations.COLUMNS == ("title_fr", "summary_fr", "title_ar", "summary_ar")
    assert set(translations.COLUMNS) <= set(EventRow.model_fields)
    assert not any(name.startswith("quote_") for name in EventRow.model_fields)


def test_valid_translated_columns_load(tmp_path):
    folder = _with_cells(
        tmp_path,
        {
            "aqim-founded": {"title_ar": "تأسيس تنظيم القاعدة في بلاد المغرب الإسلامي", "summary_ar": "  ملخص.  "},
            "mali-coup": {"title_fr": "'=Coup d’État au Mali"},  # the spreadsheet apostrophe, as for title
        },
    )
    events = load_collection(folder).events.set_index("id")
    assert events.loc["aqim-founded", "title_ar"] == "تأسيس تنظيم القاعدة في بلاد المغرب الإسلامي"
    assert events.loc["aqim-founded", "summary_ar"] == "ملخص."  # stripped, as summary is
    assert events.loc["mali-coup", "title_fr"] == "=Coup d’État au Mali"
    assert events.loc["gspc-founded", "title_ar"] == ""  # an empty cell: no translation
    assert events.loc["aqim-founded", "title_fr"] == LESSON_FR["aqim-founded"]  # the bundled columns stay


def test_a_file_without_translated_columns_loads_them_empty(tmp_path):
    folder = copy_collection(tmp_path)
    path = folder / "events.csv"
    _write(path, _rows(path), list(EVENT_COLUMNS))
    events = load_collection(folder).events
    for name in translations.COLUMNS:
        assert events[name].tolist() == [""] * len(events)


@pytest.mark.parametrize("column", ["quote_fr", "quote_ar", "quote_de"])
def test_a_translated_quote_is_refused_naming_file_and_column(tmp_path, column):
    folder = _with_cells(tmp_path, {"aqim-founded": {column: "Le groupe a été fondé en 2007."}})
    [problem] = _problems(folder)
    assert problem.file == str(folder / "events.csv")
    assert (problem.line, problem.field) == (1, column)
    assert "quote is never translated" in problem.message
    assert "source's own words" in problem.message


@pytest.mark.parametrize("column", ["title_xx", "summary_de", "title_en"])
def test_a_language_the_interface_does_not_have_is_refused(tmp_path, column):
    folder = _with_cells(tmp_path, {"aqim-founded": {column: "Text"}})
    [problem] = _problems(folder)
    assert (problem.file, problem.line, problem.field) == (str(folder / "events.csv"), 1, column)
    assert "title_fr, summary_fr, title_ar, summary_ar" in problem.message
    assert "unknown column (known columns" not in problem.message


@pytest.mark.parametrize(
    ("column", "expected"),
    [
        ("date_text_fr", "only title and summary can be translated"),
        ("title_FR", "lower case: title_fr"),
        ("colour", "unknown column (known columns"),  # not a translation: the general message
        ("titre_fr", "unknown column (known columns"),
    ],
)
def test_other_unknown_columns_say_what_to_do(tmp_path, column, expected):
    folder = _with_cells(tmp_path, {"aqim-founded": {column: "x"}})
    [problem] = _problems(folder)
    assert (problem.line, problem.field) == (1, column)
    assert expected in problem.message


def test_a_dropped_file_with_a_translated_quote_is_refused_alike(aqim: Collection):
    header = ",".join([*EVENT_COLUMNS, "quote_fr"])
    raw = (header + "\n").encode("utf-8")
    with pytest.raises(CollectionError) as raised:
        read_upload("mine.csv", raw, aqim)
    [problem] = raised.value.problems
    assert (problem.file, problem.line, problem.field) == ("mine.csv", 1, "quote_fr")
    assert "quote is never translated" in problem.message


# --- a translation is text like its field ----------------------------------------------------------------


def _event(**cells: str) -> dict[str, str]:
    base = {"id": "e", "title": "T", "start": "2020", "date_text": "in 2020", "date_basis": "stated",
            "category": "attack", "summary": "S.", "source": "src", "quote": "Q."}  # fmt: skip
    return {**base, **cells}


@pytest.mark.parametrize(
    "value",
    ["x\ud800", "Two\nlines", "  padded  ", '\'=HYPERLINK("x")', "\tTabbed", "ends with a unit separator\x1c"],
)
@pytest.mark.parametrize(("field", "translation"), [("title", "title_fr"), ("summary", "summary_ar")])
def test_a_translation_is_checked_as_its_field_is(field, translation, value):
    """What the title (or summary) cell does with a value, its translation does too: refused, or kept as the same text."""
    as_field, field_problems = validate_rows(EventRow, [Row(2, _event(**{field: value}))], "events.csv")
    as_translation, problems = validate_rows(EventRow, [Row(2, _event(**{translation: value}))], "events.csv")
    assert [(p.line, p.message) for p in problems] == [(p.line, p.message) for p in field_problems]
    assert {p.field for p in problems} <= {translation}
    if as_field:
        assert as_translation[0][1].model_dump()[translation] == as_field[0][1].model_dump()[field]
    else:
        assert as_translation == [] and problems


def test_a_lone_surrogate_in_a_translated_title_is_refused_like_the_title():
    _, problems = validate_rows(EventRow, [Row(7, _event(title_fr="x\ud800"))], "events.csv")
    assert [(p.file, p.line, p.field) for p in problems] == [("events.csv", 7, "title_fr")]


def test_a_translation_may_be_empty_where_its_field_may_not():
    good, problems = validate_rows(EventRow, [Row(2, _event(title_fr="   "))], "events.csv")
    assert problems == [] and good[0][1].title_fr == ""
    _, problems = validate_rows(EventRow, [Row(2, _event(title="   "))], "events.csv")
    assert [(p.field, p.message) for p in problems] == [("title", "must not be empty")]


def test_a_title_with_a_line_break_fares_as_a_translated_title_in_a_file(tmp_path):
    # In a real file, read by csvfile and the column-wise checks: the same outcome either way.
    outcomes = []
    for column in ("title", "title_fr"):
        folder = _with_cells(tmp_path / column, {"aqim-founded": {column: "Fondation d’AQMI\nà partir du GSPC"}})
        try:
            outcomes.append(load_collection(folder).events.set_index("id").loc["aqim-founded", column])
        except CollectionError as error:
            outcomes.append([(problem.line, problem.message) for problem in error.problems])
    assert outcomes[0] == outcomes[1]


# --- the bundled lesson in French ------------------------------------------------------------------------


def test_the_bundled_lesson_has_its_ten_events_in_french(aqim: Collection):
    events = aqim.events
    french = events[events["title_fr"] != ""]
    assert len(french) == 10
    lesson_events = {event_id for lesson in aqim.lessons.values() for event_id in lesson.event_ids}
    assert set(french["id"]) == lesson_events
    assert (french["summary_fr"] != "").all()
    assert (events.loc[events["title_fr"] == "", "summary_fr"] == "").all()
    assert (events[["title_ar", "summary_ar"]] == "").all().all()
    by_id = french.set_index("id")
    for event_id, title in LESSON_FR.items():
        assert by_id.loc[event_id, "title_fr"] == title


def test_the_french_columns_are_in_the_bundled_file_as_written():
    rows = _rows(AQIM / "events.csv")
    assert list(rows[0])[-2:] == ["title_fr", "summary_fr"]
    assert sum(1 for row in rows if row["title_fr"]) == 10
    lesson = load_lessons(AQIM, None, [])
    assert {row["id"] for row in rows if row["title_fr"]} == set(next(iter(lesson.values())).event_ids)


# --- translated(): the text to show ----------------------------------------------------------------------


def test_translated_gives_the_translation_when_there_is_one(aqim: Collection):
    event = aqim.event("jnim-formed")
    assert translated(event, "title", "fr") == ("Création du JNIM à partir de quatre groupes", True)
    assert translated(event, "summary", "fr") == (event["summary_fr"], True)
    assert translated(event, "title", "ar") == ("JNIM created from four groups", False)
    assert translated(event, "title", "en") == (event["title"], False)
    assert translated(event, "title", None) == (event["title"], False)
    assert translated(event, "title", "de") == (event["title"], False)
    assert translated(event, "quote", "fr") == (event["quote"], False)  # the quote is never translated
    untranslated = aqim.event("gspc-founded")
    assert translated(untranslated, "title", "fr") == (untranslated["title"], False)


def test_translated_takes_a_dict_and_a_frame_without_the_columns():
    assert translated({"title": "T", "title_fr": "Titre"}, "title", "fr") == ("Titre", True)
    assert translated({"title": "T", "title_fr": ""}, "title", "fr") == ("T", False)
    assert translated({"title": "T"}, "title", "fr") == ("T", False)
    assert translated({"title": "T", "title_fr": float("nan")}, "title", "fr") == ("T", False)
    frame = pd.DataFrame({"title": ["A", "B"]}, index=[5, 9])
    text, given = translated(frame, "title", "fr")
    assert text.tolist() == ["A", "B"] and given.tolist() == [False, False]
    assert list(text.index) == list(given.index) == [5, 9]


def test_translated_over_the_events_frame(aqim: Collection):
    text, given = translated(aqim.events, "title", "fr")
    assert given.sum() == 10
    assert text[given].tolist() == aqim.events.loc[given, "title_fr"].tolist()
    assert text[~given].tolist() == aqim.events.loc[~given, "title"].tolist()
    assert text.index.equals(aqim.events.index)
    text, given = translated(aqim.events, "summary", "ar")
    assert not given.any() and text.equals(aqim.events["summary"])


# --- export ----------------------------------------------------------------------------------------------


def test_the_events_export_round_trips_the_translations(aqim: Collection, tmp_path):
    folder = copy_collection(tmp_path)
    text = export.to_csv(aqim.events)
    header = next(csv.reader(io.StringIO(text)))
    assert header == [*EVENT_COLUMNS, "title_fr", "summary_fr"]  # only the translations the collection has
    (folder / "events.csv").write_text(text, encoding="utf-8")
    again = load_collection(folder).events
    pd.testing.assert_frame_equal(again, aqim.events)
    assert (again["title_fr"] != "").sum() == 10


def test_an_untranslated_collection_exports_as_before(aqim: Collection):
    events = aqim.events.drop(columns=list(translations.COLUMNS))
    assert next(csv.reader(io.StringIO(export.to_csv(events)))) == list(EVENT_COLUMNS)
    assert not any(name in record for record in export.to_records(events) for name in translations.COLUMNS)


def test_the_json_export_carries_the_translations(aqim: Collection):
    records = {record["id"]: record for record in json.loads(export.to_json(aqim.events))}
    assert records["jnim-formed"]["title_fr"] == LESSON_FR["jnim-formed"]
    assert records["jnim-formed"]["summary_fr"]
    assert records["gspc-founded"]["title_fr"] is None
    assert "title_ar" not in records["jnim-formed"]


def test_the_timelinejs_export_leaves_the_translations_out(aqim: Collection):
    text = to_timelinejs_json(aqim)
    assert LESSON_FR["jnim-formed"] not in text
    assert "title_fr" not in text
    headlines = [slide["text"]["headline"] for slide in json.loads(text)["events"]]
    assert "JNIM created from four groups" in headlines
