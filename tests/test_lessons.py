"""Lesson files: the bundled lesson, and every mistake a teacher can make, reported with file, line and field.

Each case writes a real YAML file into a real copy of the bundled collection
and loads the whole folder, as `python -m timeline validate` does.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import AQIM, copy_collection, edit_row, problem_lines, run_timeline

from timeline import i18n
from timeline.core.problems import CollectionError, Problem
from timeline.formats.deck import build_deck
from timeline.load.collection import Collection, load_collection

LESSON = "gspc-to-jnim"

GOOD = """\
title: Two events
intro: A short lesson.
slides:
  - event: aqim-founded
    notes: Start here.
  - jnim-formed
"""


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the `occurrence`-th line containing `needle`, counted here from the text itself."""
    found = [number for number, line in enumerate(text.split("\n"), start=1) if needle in line]
    assert len(found) >= occurrence, f"'{needle}' is not in the text {occurrence} time(s)"
    return found[occurrence - 1]


def with_lesson(tmp_path: Path, text: str, name: str = "class.yaml") -> tuple[Path, Path]:
    """A copy of the bundled collection with one more lesson file; (folder, lesson file)."""
    folder = copy_collection(tmp_path)
    path = folder / "lessons" / name
    path.write_text(text, encoding="utf-8")
    return folder, path


def problems_of(folder: Path) -> list[Problem]:
    with pytest.raises(CollectionError) as error:
        load_collection(folder)
    return error.value.problems


def only_problem(folder: Path) -> Problem:
    problems = problems_of(folder)
    assert len(problems) == 1, problems
    return problems[0]


def test_the_bundled_lesson_loads_with_its_events_in_order(aqim: Collection) -> None:
    lesson = aqim.lessons[LESSON]
    assert lesson.title == "From GSPC to JNIM: 2007–2020"
    assert lesson.intro
    assert 8 <= len(lesson.slides) <= 10
    assert set(lesson.event_ids) <= set(aqim.events["id"])
    assert len(set(lesson.event_ids)) == len(lesson.event_ids)
    assert all(slide.notes for slide in lesson.slides)
    assert lesson.file.endswith(str(Path("lessons") / f"{LESSON}.yaml"))
    years = [aqim.event(event_id)["earliest"].year for event_id in lesson.event_ids]
    assert min(years) <= 2007 and max(years) == 2020


def test_a_good_lesson_in_both_slide_forms(tmp_path: Path) -> None:
    folder, _ = with_lesson(tmp_path, GOOD)
    lesson = load_collection(folder).lessons["class"]  # the id is the file name
    assert lesson.title == "Two events"
    assert lesson.event_ids == ["aqim-founded", "jnim-formed"]
    assert [slide.notes for slide in lesson.slides] == ["Start here.", ""]


def test_id_in_the_file_wins_over_the_file_name_and_yml_is_read(tmp_path: Path) -> None:
    folder, _ = with_lesson(tmp_path, "id: my-lesson\n" + GOOD, name="Lesson One.yml")
    assert "my-lesson" in load_collection(folder).lessons


def test_unknown_event_names_file_line_and_field(tmp_path: Path) -> None:
    text = GOOD + "  - event: no-such-event\n    notes: gone\n"
    folder, path = with_lesson(tmp_path, text)
    problem = only_problem(folder)
    line = line_of(text, "no-such-event")
    assert (problem.file, problem.line, problem.field) == (str(path), line, "slides[3].event")
    assert str(problem).startswith(f"{path}, line {line}, field 'slides[3].event': unknown event id 'no-such-event'")


def test_unknown_event_in_the_short_form_and_a_near_miss(tmp_path: Path) -> None:
    text = GOOD + "  - jnim-fromed\n"
    folder, path = with_lesson(tmp_path, text)
    problem = only_problem(folder)
    assert (problem.line, problem.field) == (line_of(text, "jnim-fromed"), "slides[3]")
    assert "did you mean 'jnim-formed'?" in problem.message


def test_duplicate_event_points_at_the_second_one(tmp_path: Path) -> None:
    text = GOOD + "  - event: aqim-founded\n"
    folder, _ = with_lesson(tmp_path, text)
    problem = only_problem(folder)
    assert (problem.line, problem.field) == (line_of(text, "aqim-founded", 2), "slides[3].event")
    assert f"line {line_of(text, 'aqim-founded')}" in problem.message


@pytest.mark.parametrize(
    ("text", "needle", "field", "words"),
    [
        pytest.param("intro: no title\nslides:\n  - aqim-founded\n", None, "title", "needs a title", id="no-title"),
        pytest.param('title: ""\nslides:\n  - aqim-founded\n', "title", "title", "needs a title", id="empty-title"),
        pytest.param("title: T\nslides: []\n", "slides", "slides", "empty", id="empty-slides"),
        pytest.param("title: T\nslides:\n", "slides", "slides", "needs 'slides:'", id="blank-slides"),
        pytest.param("title: T\nintro: x\n", None, "slides", "needs 'slides:'", id="no-slides"),
        pytest.param("title: T\nslides: aqim-founded\n", "slides", "slides", "expected a list", id="slides-not-list"),
        pytest.param("title: [a, b]\nslides:\n  - aqim-founded\n", "title", "title", "expected text", id="title-list"),
        pytest.param(
            "title: T\nslides:\n  - event: aqim-founded\n    note: typo\n",
            "note:",
            "slides[1].note",
            "unknown key 'note'",
            id="unknown-key",
        ),
        pytest.param("title: T\ntitle: U\nslides:\n  - aqim-founded\n", "U", "title", "given twice", id="repeated-key"),
        pytest.param("title: T\nslides:\n  - notes: x\n", "notes", "slides[1].event", "needs the id", id="no-event"),
        pytest.param("title: T\nslides:\n  - [a, b]\n", "[a, b]", "slides[1]", "expected an event id", id="nested"),
        pytest.param("- aqim-founded\n", "aqim-founded", None, "at the top level", id="top-is-list"),
    ],
)
def test_shape_problems(tmp_path: Path, text: str, needle: str | None, field: str | None, words: str) -> None:
    folder, path = with_lesson(tmp_path, text)
    problem = only_problem(folder)
    expected_line = line_of(text, needle) if needle else None
    assert (problem.file, problem.line, problem.field) == (str(path), expected_line, field)
    assert words in problem.message


@pytest.mark.parametrize(
    ("text", "bad_line", "words"),
    [
        pytest.param("title: T\nslides:\n  - aqim-founded\n\t- jnim-formed\n", 4, "'\\t'", id="tab"),
        pytest.param(
            "title: From GSPC: to JNIM\nslides:\n  - aqim-founded\n", 1, "Put the text in quotes", id="colon-in-text"
        ),
        pytest.param("title: 'T\nslides:\n  - aqim-founded\n", 4, "opened on line 1", id="unclosed-quote"),
        pytest.param("title: T\nslides: [aqim-founded\nintro: x\n", 3, "opened on line 2", id="unclosed-bracket"),
    ],
)
def test_yaml_syntax_errors_name_their_line(tmp_path: Path, text: str, bad_line: int, words: str) -> None:
    folder, path = with_lesson(tmp_path, text)
    problem = only_problem(folder)
    assert (problem.file, problem.line) == (str(path), bad_line)
    assert problem.message.startswith("not valid YAML")
    assert words in problem.message


@pytest.mark.parametrize(
    ("content", "words"),
    [
        pytest.param(b"", "empty", id="empty"),
        pytest.param(b"title: caf\xe9\nslides:\n  - aqim-founded\n", "not UTF-8", id="latin-1"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes, words: str) -> None:
    folder = copy_collection(tmp_path)
    path = folder / "lessons" / "bad.yaml"
    path.write_bytes(content)
    problem = only_problem(folder)
    assert problem.file == str(path)
    assert words in problem.message


def test_file_name_that_is_not_an_id(tmp_path: Path) -> None:
    folder, path = with_lesson(tmp_path, GOOD, name="My Lesson.yaml")
    problem = only_problem(folder)
    assert problem.file == str(path)
    assert "'My Lesson' is not a valid lesson id" in problem.message
    assert "set 'id:'" in problem.message


def test_two_files_with_one_id(tmp_path: Path) -> None:
    folder, _ = with_lesson(tmp_path, f"id: {LESSON}\n" + GOOD)
    problem = only_problem(folder)
    assert problem.field == "id"
    assert f"'{LESSON}' is used already" in problem.message


def test_every_problem_of_every_file_at_once(tmp_path: Path) -> None:
    # While events.csv has a broken row, lesson ids are not checked against it: the bundled lesson naming
    # jnim-formed (and 'nope' here) would otherwise be reported for a problem that lies in events.csv.
    text = "intro: x\nslides:\n  - event: nope\n  - aqim-founded\n  - aqim-founded\n"
    folder, path = with_lesson(tmp_path, text)
    (folder / "lessons" / "other.yaml").write_text("title: T\nslides: []\n", encoding="utf-8")
    csv_line = edit_row(folder / "events.csv", "jnim-formed", ",2017-03,", ",2017-13,")
    where = {(Path(p.file).name, p.line, p.field) for p in problems_of(folder)}
    assert where == {
        ("events.csv", csv_line, "start"),
        ("class.yaml", None, "title"),
        ("class.yaml", 5, "slides[3]"),
        ("other.yaml", 2, "slides"),
    }


def test_a_collection_without_lessons_is_fine(tmp_path: Path) -> None:
    folder = copy_collection(tmp_path)
    for path in (folder / "lessons").iterdir():
        path.unlink()
    (folder / "lessons").rmdir()
    assert load_collection(folder).lessons == {}


def test_validate_command_reports_lesson_problems(tmp_path: Path) -> None:
    text = GOOD + "  - event: foo\n"
    folder, path = with_lesson(tmp_path, text)
    run = run_timeline("validate", folder)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert problem_lines(run.stderr, path, line_of(text, "foo"), "slides[3].event"), run.stderr
    assert "unknown event id 'foo'" in run.stderr


def test_validate_command_counts_the_bundled_lesson() -> None:
    run = run_timeline("validate", AQIM)
    assert run.returncode == 0, run.stderr
    assert "1 lesson(s)" in run.stdout


TRANSLATED = """\
title: Two events
title_fr: Deux événements
intro: A short lesson.
intro_ar: درس قصير.
slides:
  - event: aqim-founded
    notes: Start here.
    notes_fr: Commencer ici.
  - event: jnim-formed
    notes: Then this.
    notes_fr: "  "
"""


def test_a_teacher_may_give_the_lesson_again_in_french_or_arabic(tmp_path: Path) -> None:
    folder, _ = with_lesson(tmp_path, TRANSLATED)
    lesson = load_collection(folder).lessons["class"]
    assert lesson.text_in("title", "fr") == "Deux événements"
    assert lesson.text_in("title", "ar") == "Two events"  # no Arabic title: the teacher's own
    assert lesson.text_in("intro", "ar") == "درس قصير."
    first, second = lesson.slides
    assert first.notes_in("fr") == "Commencer ici." and first.notes_in("en") == "Start here."
    assert second.notes_in("fr") == "Then this."  # a blank translation leaves the notes as written
    with i18n.use("fr"):
        deck = build_deck(load_collection(folder), "class")
    assert (deck.title, deck.intro, deck.notes) == (
        "Deux événements",
        "A short lesson.",
        ("Commencer ici.", "Then this."),
    )


def test_a_translation_into_a_language_the_interface_lacks_is_refused(tmp_path: Path) -> None:
    text = GOOD.replace("intro: A short lesson.", "intro: A short lesson.\ntitle_de: Zwei Ereignisse")
    folder, _ = with_lesson(tmp_path, text)
    problem = only_problem(folder)
    assert (problem.line, problem.field) == (line_of(text, "title_de"), "title_de")
    assert "unknown key 'title_de'" in problem.message and "title_fr" in problem.message


def test_the_bundled_lesson_speaks_french(aqim: Collection) -> None:
    with i18n.use("fr"):
        deck = build_deck(aqim, LESSON)
    assert deck.title.startswith("Du GSPC au JNIM")
    assert all(
        notes and notes != english for notes, english in zip(deck.notes, build_deck(aqim, LESSON).notes, strict=True)
    )
