"""The problems of a dropped file in the reader's language (issue #17): the frame and the message.

A file dropped on the explorer is read inside the request, in the reader's language, so each
problem's message is worded in it; i18n.problems.problem_text words the frame ("line", "field") when
the page lists them. English stays what it was: the same file read in English gives today's messages,
and str(problem) (core's, for the command line) is the English text.
"""

from __future__ import annotations

import base64
import json

import pytest
from helpers import copy_collection, edit_row, row_line

from timeline import i18n
from timeline.core import dates
from timeline.core.problems import CollectionError, Problem
from timeline.i18n.problems import date_error_text, problem_text
from timeline.load.collection import Collection
from timeline.web import upload

NBSP = "\u00a0"
FSI, PDI = "\u2068", "\u2069"  # the isolates around a file name and a field in Arabic text
NAME = "my-events.csv"
SHEET_HEADER = (
    "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,"
    "Media Credit,Media Caption,Media Thumbnail,Type,Group,Background"
)


@pytest.fixture(scope="module")
def dropped(tmp_path_factory) -> tuple[bytes, dict[str, int]]:
    """The bundled events.csv with eight mistakes, one a row, and the line of each edited row."""
    folder = copy_collection(tmp_path_factory.mktemp("dropped"))
    path = folder / "events.csv"
    lines = {"gspc-founded": row_line(path, "gspc-founded")}
    for row_id, old, new in [
        ("mali-coup", ",2012,", ",2012-13,"),  # start: not a date
        ("aqim-founded", ",organisation,AQIM; GSPC", ",war,AQIM; GSPC"),  # category
        ("ouagadougou-attack", ",16,", ",many,"),  # fatalities
        ("jnim-formed", ",2017-03,,", ",2017-03,2016,"),  # end before start
        ("al-murabitun-founded", ",stated,,", ",derived,,"),  # date_note missing
        ("sahel-attacks-intensify", ",mali; sahel,", ",mali; atlantis,"),  # a place not in places.csv
        ("expansion-northern-mali", "including in northern Mali", "including in southern Mali"),  # quote
        ("ansar-al-dine-formed", "ansar-al-dine-formed,", "gspc-founded,"),  # an id used twice (last: it renames)
    ]:
        lines[row_id] = edit_row(path, row_id, old, new)
    return path.read_bytes(), lines


def problems(raw: bytes, base: Collection, lang: str, name: str = NAME) -> list[Problem]:
    with i18n.use(lang), pytest.raises(CollectionError) as excinfo:
        upload.read_upload(name, raw, base)
    return excinfo.value.problems


def shown(found: list[Problem], lang: str) -> list[str]:
    """The problems as the page lists them, in the reader's language."""
    with i18n.use(lang):
        return [problem_text(problem) for problem in found]


def test_in_english_a_dropped_file_gives_todays_messages(aqim, dropped):
    raw, line = dropped
    examples = "2007, 2017-03, 2015-11-20, 200X (a decade), 2020-11~ (about), 2012? (uncertain)"
    categories = "organisation, attack, leadership, state-response, context"
    found = problems(raw, aqim, "en")
    assert shown(found, "en") == [str(problem) for problem in found]  # the page's text is core's str() in English
    assert shown(found, "en") == [
        f"{NAME}, line {line['aqim-founded']}, field 'category': 'war' is not a category; expected one of: {categories}",
        f"{NAME}, line {line['mali-coup']}, field 'start': '2012-13' is not a valid EDTF date (examples: {examples})",
        f"{NAME}, line {line['al-murabitun-founded']}, field 'date_note': "
        "date_basis is 'derived', so date_note must say how the date was reached",
        f"{NAME}, line {line['jnim-formed']}, field 'end': end '2016' is before start '2017-03'",
        f"{NAME}, line {line['ouagadougou-attack']}, field 'fatalities': "
        "'many' is not a whole number of people; leave it empty where the source gives none",
        f"{NAME}, line {line['ansar-al-dine-formed']}, field 'id': "
        f"'gspc-founded' is used already on line {line['gspc-founded']}",
        f"{NAME}, line {line['expansion-northern-mali']}, field 'quote': not found word for word in source "
        "'aqim-profile': its first 157 characters match the source, then the quote has 'southern Mali. In these areas,' "
        "where the source has 'northern Mali. In these areas,'",
        f"{NAME}, line {line['sahel-attacks-intensify']}, field 'places': place 'atlantis' is not in places.csv",
    ]


def test_in_french_every_problem_names_file_line_and_field_in_french(aqim, dropped):
    raw, line = dropped
    english, french = problems(raw, aqim, "en"), problems(raw, aqim, "fr")
    assert [(p.file, p.line, p.field) for p in french] == [(p.file, p.line, p.field) for p in english]
    texts = shown(french, "fr")
    for problem, text, before in zip(french, texts, english, strict=True):
        assert text == f"{NAME}, ligne {problem.line}, champ «{NBSP}{problem.field}{NBSP}»{NBSP}: {problem.message}"
        assert problem.message != before.message  # every message is worded in French
        assert " line " not in text and "field '" not in text
    assert texts[0].endswith(
        f"«{NBSP}war{NBSP}» n’est pas une catégorie{NBSP}; valeurs possibles{NBSP}: "
        "organisation, attack, leadership, state-response, context"
    )
    assert texts[3].endswith(
        f"la date de fin «{NBSP}2016{NBSP}» est antérieure à la date de début «{NBSP}2017-03{NBSP}»"
    )
    assert texts[5].endswith(f"«{NBSP}gspc-founded{NBSP}» est déjà utilisé à la ligne {line['gspc-founded']}")
    assert texts[7].endswith(f"le lieu «{NBSP}atlantis{NBSP}» n’est pas dans places.csv")


def test_in_arabic_every_problem_names_file_line_and_field_in_arabic(aqim, dropped):
    raw, line = dropped
    english, arabic = problems(raw, aqim, "en"), problems(raw, aqim, "ar")
    assert [(p.file, p.line, p.field) for p in arabic] == [(p.file, p.line, p.field) for p in english]
    texts = shown(arabic, "ar")
    for problem, text, before in zip(arabic, texts, english, strict=True):
        assert text == f"{FSI}{NAME}{PDI}، السطر {problem.line}، الحقل «{FSI}{problem.field}{PDI}»: {problem.message}"
        assert problem.message != before.message
        assert "line" not in text and "field" not in text
    assert texts[0].endswith("«war» ليست فئة؛ القيم الممكنة: organisation, attack, leadership, state-response, context")
    assert texts[3].endswith("تاريخ النهاية «2016» يسبق تاريخ البداية «2017-03»")
    assert texts[5].endswith(f"المعرّف «gspc-founded» مستعمل من قبل في السطر {line['gspc-founded']}")


def test_the_frame_is_worded_when_shown_and_the_message_when_found(aqim, dropped):
    raw, _line = dropped
    found_in_french = problems(raw, aqim, "fr")
    text = shown(found_in_french[:1], "en")[0]
    assert text.startswith(f"{NAME}, line ") and ", field 'category': " in text
    assert "n’est pas une catégorie" in text
    with i18n.use("fr"):  # core's str() is the command line's: English, whatever the language
        assert str(found_in_french[0]) == text


@pytest.mark.parametrize(
    ("problem", "english", "french", "arabic"),
    [
        (
            Problem("e.csv", 3, "start", "M"),
            "e.csv, line 3, field 'start': M",
            f"e.csv, ligne 3, champ «{NBSP}start{NBSP}»{NBSP}: M",
            f"{FSI}e.csv{PDI}، السطر 3، الحقل «{FSI}start{PDI}»: M",
        ),
        (
            Problem("e.csv", 3, None, "M"),
            "e.csv, line 3: M",
            f"e.csv, ligne 3{NBSP}: M",
            f"{FSI}e.csv{PDI}، السطر 3: M",
        ),
        (
            Problem("t.json", None, "events[2].start_date", "M"),
            "t.json, field 'events[2].start_date': M",
            f"t.json, champ «{NBSP}events[2].start_date{NBSP}»{NBSP}: M",
            f"{FSI}t.json{PDI}، الحقل «{FSI}events[2].start_date{PDI}»: M",
        ),
        (Problem("e.csv", None, None, "M"), "e.csv: M", f"e.csv{NBSP}: M", f"{FSI}e.csv{PDI}: M"),
    ],
)
def test_each_frame_in_each_language(problem, english, french, arabic):
    assert str(problem) == english
    assert problem_text(problem) == english  # English by default, outside any request
    assert shown([problem], "fr") == [french]
    assert shown([problem], "ar") == [arabic]


@pytest.mark.parametrize(
    ("start", "end", "french"),
    [
        ("2012-13", "", f"«{NBSP}2012-13{NBSP}» n’est pas une date EDTF valide (exemples{NBSP}: 2007, 2017-03, "),
        ("2014/2015", "", f"«{NBSP}2014/2015{NBSP}» est un intervalle{NBSP}; mettez sa première date dans"),
        ("2017-XX", "", f"«{NBSP}2017-XX{NBSP}» a des chiffres non précisés (X)"),
        ("0000", "", f"«{NBSP}0000{NBSP}» est en dehors des années"),
        (
            "2015-02-29",
            "",
            f"«{NBSP}2015-02-29{NBSP}» n’est pas un jour qui existe{NBSP}: février 2015 n’a pas de jour 29",
        ),
        ("..", "", "start ne peut pas être ouvert"),
        ("2017", "2016", f"la date de fin «{NBSP}2016{NBSP}» est antérieure à la date de début «{NBSP}2017{NBSP}»"),
    ],
)
def test_a_date_error_is_worded_from_its_reason_and_is_cores_own_in_english(start, end, french):
    with pytest.raises(dates.DateError) as caught:
        dates.span(start, end)
    assert caught.value.reason
    assert date_error_text(caught.value) == str(caught.value)  # English: core's message, word for word
    with i18n.use("fr"):
        assert date_error_text(caught.value).startswith(french)
    with i18n.use("ar"):
        arabic = date_error_text(caught.value)
    assert arabic != str(caught.value) and any("\u0600" <= char <= "\u06ff" for char in arabic)


def test_a_timelinejs_sheet_names_its_line_and_column_in_french_and_arabic(aqim):
    sheet = f"{SHEET_HEADER}\n2015,,7,,,,,,,Day only,Text,,,,,,,\n2015,4,31,,,,,,,April 31,Text,,,,,,,\n".encode()
    english = shown(problems(sheet, aqim, "en", "sheet.csv"), "en")
    assert english == [
        "sheet.csv, line 2, field 'Month': has a day (7) but no month ('Day only')",
        "sheet.csv, line 3, field 'Day': day 31 is not a day of April 2015 ('April 31')",
    ]
    assert shown(problems(sheet, aqim, "fr", "sheet.csv"), "fr") == [
        f"sheet.csv, ligne 2, champ «{NBSP}Month{NBSP}»{NBSP}: a un jour (7) mais pas de mois ('Day only')",
        f"sheet.csv, ligne 3, champ «{NBSP}Day{NBSP}»{NBSP}: le jour 31 n’existe pas en avril 2015 ('April 31')",
    ]
    assert shown(problems(sheet, aqim, "ar", "sheet.csv"), "ar") == [
        f"{FSI}sheet.csv{PDI}، السطر 2، الحقل «{FSI}Month{PDI}»: فيه يوم (7) دون شهر ('Day only')",
        f"{FSI}sheet.csv{PDI}، السطر 3، الحقل «{FSI}Day{PDI}»: اليوم 31 غير موجود في أفريل 2015 ('April 31')",
    ]


def test_timelinejs_json_problems_in_french(aqim):
    content = json.dumps({"events": [{"start_date": {"year": "x"}}, {"start_date": 5}], "eras": {}}).encode()
    assert shown(problems(content, aqim, "en", "t.json"), "en") == [
        "t.json, field 'eras': expected a list of eras, found a JSON object",
        "t.json, field 'events[0].start_date': year 'x' is not a whole number",
        "t.json, field 'events[1].start_date': expected an object such as {\"year\": 2007}, found number",
    ]
    assert shown(problems(content, aqim, "fr", "t.json"), "fr") == [
        f"t.json, champ «{NBSP}eras{NBSP}»{NBSP}: une liste de périodes était attendue, "
        "mais c’est une valeur JSON de type objet",
        f"t.json, champ «{NBSP}events[0].start_date{NBSP}»{NBSP}: année{NBSP}: «{NBSP}x{NBSP}» n’est pas un nombre entier",
        f"t.json, champ «{NBSP}events[1].start_date{NBSP}»{NBSP}: "
        'un objet comme {"year": 2007} était attendu, mais c’est une valeur de type nombre',
    ]


@pytest.mark.parametrize(
    ("raw", "english", "french"),
    [
        (b"", "the file is empty", "le fichier est vide"),
        (b"\x00\x01binary", "this is a binary file", "c’est un fichier binaire"),
        (b"id,title,start,date_text,date_basis,category,summary,source,quote\n", "no event rows", "aucune ligne"),
    ],
)
def test_a_file_that_cannot_be_read_says_why_in_french(aqim, raw, english, french):
    (problem,) = problems(raw, aqim, "en", "x.csv")
    assert english in str(problem)
    (problem,) = problems(raw, aqim, "fr", "x.csv")
    assert french in shown([problem], "fr")[0]


def test_too_big_a_file_writes_its_size_the_readers_way(aqim):
    raw = b"x" * (upload.MAX_BYTES + 450_000)
    said = {}
    for language in ("en", "fr", "ar"):
        with i18n.use(language), pytest.raises(upload.OverLimit) as excinfo:
            upload.read_upload("big.csv", raw, aqim)
        said[language] = excinfo.value.message
    assert said["en"] == "big.csv is 4.5 MB; the limit is 4 MB."
    assert said["fr"] == f"big.csv fait 4,5 Mo{NBSP}; la limite est de 4 Mo."
    assert said["ar"] == f"حجم {FSI}big.csv{PDI} 4,5 ميغابايت؛ الحد الأقصى 4 ميغابايت."


# --- over HTTP: the callback that receives a dropped file --------------------------------------------------


@pytest.fixture(scope="module")
def client(aqim):
    from timeline.web.app import create_app

    return create_app(aqim).server.test_client()


def _upload_body(client, contents: str, filename: str) -> dict:
    dependencies = client.get("/_dash-dependencies").get_json()
    (dep,) = [d for d in dependencies if "upload-accepted.data" in d["output"] and not d.get("clientside_function")]
    values = {
        ("upload-input", "contents"): contents,
        ("upload-input", "filename"): filename,
        ("collection", "data"): None,
    }

    def items(entries):
        return [{**entry, "value": values[(entry["id"], entry["property"])]} for entry in entries]

    outputs = [
        dict(zip(("id", "property"), part.split(".", 1), strict=True)) for part in dep["output"][2:-2].split("...")
    ]
    return {
        "output": dep["output"],
        "outputs": outputs,
        "inputs": items(dep["inputs"]),
        "state": items(dep["state"]),
        "changedPropIds": ["upload-input.contents"],
    }


def _texts(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    return []


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({}, f"{NAME}, line {{line}}, field 'start': '2012-13' is not a valid EDTF date"),
        (
            {"Accept-Language": "fr-FR,fr;q=0.9"},
            f"{NAME}, ligne {{line}}, champ «{NBSP}start{NBSP}»{NBSP}: «{NBSP}2012-13",
        ),
        (
            {"Referer": "http://localhost/?lang=ar"},
            f"{FSI}{NAME}{PDI}، السطر {{line}}، الحقل «{FSI}start{PDI}»: «2012-13»",
        ),
    ],
)
def test_the_page_lists_a_dropped_files_problems_in_the_readers_language(client, dropped, headers, expected):
    raw, line = dropped
    contents = "data:text/csv;base64," + base64.b64encode(raw).decode()
    response = client.post("/_dash-update-component", json=_upload_body(client, contents, NAME), headers=headers)
    assert response.status_code == 200
    texts = _texts(response.get_json()["response"]["upload-report"])
    assert any(text.startswith(expected.format(line=line["mali-coup"])) for text in texts), texts
