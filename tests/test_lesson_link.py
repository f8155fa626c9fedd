"""A lesson that arrives in a request: the link's encoding, the YAML the builder hands out, and every refusal.

One validator serves lesson files, YAML text and decoded links (load/lessons.py); these tests hold the
link (formats/lessonlink.py) and the written YAML (formats/lessonyaml.py) to reading back exactly what
went in, for any text a teacher may type, in either direction, and to refusing what is not a lesson.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import zlib

import pytest
import yaml
from helpers import copy_collection, run_timeline
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import i18n
from timeline.formats.lessonlink import MAX_PAYLOAD, PREFIX, decode, encode, lesson_data, lesson_from_link
from timeline.formats.lessonyaml import lesson_yaml
from timeline.load.collection import load_collection
from timeline.load.lessons import MAX_NOTES, MAX_SLIDES, Lesson, LessonSlide, lesson_from_data, lesson_from_text

COLLECTION = load_collection()
IDS = set(COLLECTION.events["id"])
SOME = sorted(IDS)[:12]

# Text a teacher may type or paste: markup, YAML's own signs, both directions and the marks between them,
# line and paragraph separators, and words YAML would read as something else than text.
AWKWARD = [
    "<img src=x onerror=alert(1)>",
    "</script><!-- <script>",
    "a & b > c",
    "title: not a key",
    "- not a list",
    "# not a comment",
    "'single' \"double\" \\back\\",
    "null",
    "~",
    "yes",
    "123",
    "2020-01-01",
    "{not: flow}",
    "%(n)s {title}",
    "الجماعة السلفية للدعوة والقتال",
    "English then عربي then English",
    "\u202eright-to-left override\u202c",
    "\u2067isolate\u2069 \u200fmark\u200e",
    "line one\nline two\n\nparagraph",
    "tab\there",
    "trailing spaces  \nnext",
    "sep\u2028line\u2029para\x85next",
    "nul\x00 bell\x07 del\x7f c1\x9b",
    "bom\ufeff",
    "emoji 🧭 and 𝔘",
]
text = st.one_of(st.sampled_from(AWKWARD), st.text(max_size=60), st.text(alphabet="ابتثجحخد \u200f\u202b", max_size=30))


def clean(value: str) -> str:
    # A lesson's texts are read stripped: what is written is the stripped text.
    return value.strip()


@st.composite
def lessons(draw) -> Lesson:
    """A valid lesson of awkward text: a title, maybe an intro and translations, slides with notes."""
    title = clean(draw(text)) or "T"
    events = draw(st.lists(st.sampled_from(SOME), min_size=1, max_size=6, unique=True))
    slides = []
    for event in events:
        notes = clean(draw(text))
        translated = (("notes_ar", clean(draw(text))),) if draw(st.booleans()) else ()
        translated = tuple(pair for pair in translated if pair[1])
        show = draw(st.sampled_from(["map", "lineage"]))
        slides.append(LessonSlide(event, notes, show, translated))
    translated = tuple(pair for pair in (("title_fr", clean(draw(text))),) if pair[1])
    return Lesson("x", title, clean(draw(text)), tuple(slides), "", translated, "aqim")


def same(read: Lesson | None, written: Lesson) -> bool:
    assert read is not None
    return dataclasses.replace(read, id="x", file="") == written


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(lessons())
def test_a_lesson_goes_through_a_link_and_comes_back_the_same(lesson: Lesson) -> None:
    payload = encode(lesson_data(lesson))
    assert payload.startswith(PREFIX)
    assert set(payload[len(PREFIX) :]) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert decode(payload) == lesson_data(lesson)
    read, problems = lesson_from_link(payload, "the link", IDS, "aqim")
    assert problems == []
    assert same(read, lesson)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(lessons(), st.booleans())
def test_the_yaml_written_reads_back_as_the_same_lesson(lesson: Lesson, for_script: bool) -> None:
    written = lesson_yaml(lesson, for_script=for_script)
    read, problems = lesson_from_text(written, "class.yaml", IDS, None, "aqim")
    assert problems == []
    assert same(read, lesson)
    if for_script:
        assert not {"<", ">", "&"} & set(written)


@settings(max_examples=60)
@given(st.dictionaries(st.text(max_size=10), st.one_of(text, st.integers(), st.none(), st.lists(text)), max_size=5))
def test_any_json_object_goes_through_the_encoding_unchanged(data: dict) -> None:
    assert decode(encode(data)) == data


def test_the_browser_form_deflate_raw_and_base64url_without_padding_is_read() -> None:
    """What CompressionStream('deflate-raw') and a base64url writer give, made here with zlib's defaults."""
    data = {"collection": "aqim", "title": "Mali, 2012", "slides": [{"event": "mali-coup", "notes": "Ask why."}]}
    packed = zlib.compressobj(6, zlib.DEFLATED, -15)
    raw = packed.compress(json.dumps(data).encode()) + packed.flush()
    payload = "v1." + base64.urlsafe_b64encode(raw).decode().rstrip("=")
    assert decode(payload) == data
    assert decode("lesson=" + payload) == data  # the fragment as it stands after '#'
    assert decode(payload[:20] + "\n  " + payload[20:]) == data  # a link broken across lines of an e-mail


GOOD = {"collection": "aqim", "title": "Two events", "slides": [{"event": "aqim-founded"}, "jnim-formed"]}


@pytest.mark.parametrize("cut", [1, 2, 5, 10, 20, 40])
def test_a_link_cut_short_is_refused_and_says_so(cut: int) -> None:
    payload = encode(GOOD)
    with pytest.raises(ValueError) as error:
        decode(payload[:-cut])
    assert "cut short" in str(error.value) or "damaged" in str(error.value)


@settings(max_examples=80)
@given(st.data())
def test_no_cut_or_changed_link_is_read_as_another_lesson(data) -> None:
    payload = encode(GOOD)
    at = data.draw(st.integers(min_value=len(PREFIX), max_value=len(payload) - 1))
    if data.draw(st.booleans()):
        broken = payload[:at]
    else:
        new = data.draw(st.sampled_from("AZaz09-_"))
        broken = payload[:at] + new + payload[at + 1 :]
    try:
        read = decode(broken)
    except ValueError as error:
        assert "cut short" in str(error) or "damaged" in str(error) or "no lesson" in str(error)
    else:
        # A changed character can still inflate to JSON: then it is a lesson to validate, never a crash.
        lesson_from_data(read, "the link", IDS, "aqim")


@pytest.mark.parametrize(
    ("payload", "words"),
    [
        pytest.param("", "holds no lesson", id="empty"),
        pytest.param("v2.AAAA", "holds no lesson", id="another-version"),
        pytest.param("v1.!!!!", "damaged", id="not-base64"),
        pytest.param("v1." + base64.urlsafe_b64encode(b"not deflate at all").decode(), "damaged", id="not-deflate"),
        pytest.param("v1." + "A" * (MAX_PAYLOAD + 1), "too long", id="too-long"),
    ],
)
def test_what_is_not_a_link_to_a_lesson_is_refused(payload: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        decode(payload)


def _packed(raw: bytes) -> str:
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    return "v1." + base64.urlsafe_b64encode(deflate.compress(raw) + deflate.flush()).decode().rstrip("=")


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        pytest.param(b"[1, 2]", "holds no lesson", id="a-list"),
        pytest.param(b'{"title": NaN}', "damaged", id="nan"),
        pytest.param(b"\xff\xfe{}", "damaged", id="not-utf8"),
        pytest.param(b'{"title": "' + b"a" * 3_000_000 + b'"}', "too large", id="inflates-too-far"),
        pytest.param(b"[" * 100_000 + b"]" * 100_000, "damaged", id="nested-too-deep-for-json"),
    ],
)
def test_a_link_whose_content_is_not_a_lesson_is_refused(raw: bytes, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        decode(_packed(raw))


def fields(problems) -> list[tuple[int | None, str | None]]:
    return [(problem.line, problem.field) for problem in problems]


def test_a_lesson_in_a_request_has_the_problems_of_a_file_without_lines() -> None:
    data = {
        "collection": "aqim",
        "title": "",
        "slides": [{"event": "aqim-founded", "note": "typo"}, {"event": "jnim-fromed"}, "aqim-founded"],
    }
    lesson, problems = lesson_from_data(data, "your lesson", IDS, "aqim")
    assert lesson is None
    assert fields(problems) == [
        (None, "title"),
        (None, "slides[1].note"),
        (None, "slides[2].event"),
        (None, "slides[3]"),
    ]
    messages = [problem.message for problem in problems]
    assert "did you mean 'jnim-formed'?" in messages[2]
    assert messages[3] == "event 'aqim-founded' is on slide 1 already; each event is one slide"
    # The same lesson as YAML names the same fields, with their lines.
    text = yaml.safe_dump(data, sort_keys=False)
    _lesson, from_text = lesson_from_text(text, "class.yaml", IDS, None, "aqim")
    assert [field for _line, field in fields(from_text)] == [field for _line, field in fields(problems)]
    assert all(line for line, _field in fields(from_text))


def test_limits_a_hundred_slides_and_five_thousand_characters_of_notes() -> None:
    ids = {f"event-{n}" for n in range(MAX_SLIDES + 1)}  # more events than the bundled collection has
    at_most = {"title": "T", "slides": [{"event": f"event-{n}", "notes": "n" * MAX_NOTES} for n in range(MAX_SLIDES)]}
    lesson, problems = lesson_from_data(at_most, "your lesson", ids, "aqim")
    assert problems == [] and lesson is not None and len(lesson.slides) == MAX_SLIDES
    too_many = {"title": "T", "slides": [f"event-{n}" for n in range(MAX_SLIDES + 1)]}
    _lesson, problems = lesson_from_data(too_many, "your lesson", ids, "aqim")
    assert fields(problems) == [(None, "slides")] and "101 slides" in problems[0].message
    too_long = {"title": "T", "intro": "i" * (MAX_NOTES + 1), "slides": [{"event": "mali-coup", "notes": "n" * 5001}]}
    _lesson, problems = lesson_from_data(too_long, "your lesson", IDS, "aqim")
    assert fields(problems) == [(None, "intro"), (None, "slides[1].notes")]
    assert "5,001 characters; at most 5,000 fit here" in problems[1].message


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        pytest.param({**GOOD, "collection": "boko-haram"}, "collection", "made for the collection", id="other"),
        pytest.param({"title": "T", "slides": ["no-such-event"]}, "slides[1]", "unknown event id", id="unknown"),
        pytest.param({"title": "T", "slides": ["a\ud800b"]}, "slides[1]", "broken character", id="surrogate"),
        pytest.param({"title": ["T"], "slides": ["mali-coup"]}, "title", "expected text", id="title-list"),
        pytest.param({"title": "T", "slides": {}}, "slides", "expected a list", id="slides-map"),
        pytest.param({"title": "T", "slides": ["mali-coup"], "script": "x"}, "script", "unknown key", id="key"),
        pytest.param([], None, "not a lesson", id="a-list"),
        pytest.param("title: T", None, "not a lesson", id="a-text"),
    ],
)
def test_every_refusal_of_a_lesson_in_a_request(data, field: str | None, words: str) -> None:
    lesson, problems = lesson_from_data(data, "your lesson", IDS, "aqim")
    assert lesson is None
    assert problems[0].field == field and words in problems[0].message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        pytest.param("!!python/object/apply:os.system ['true']\n", "YAML tags", id="python-tag"),
        pytest.param("title: !!binary aGk=\nslides: [mali-coup]\n", "YAML tags", id="binary"),
        pytest.param("title: T\nslides: !custom [mali-coup]\n", "YAML tags", id="custom"),
        pytest.param("id,title,start\nx,y,2001\n", "not a lesson", id="a-csv"),
        pytest.param("<!DOCTYPE html><html><body>x</body></html>", "not a lesson", id="an-html-page"),
        pytest.param("", "empty", id="empty"),
        pytest.param("title: 'open\nslides: [a]\n", "not valid YAML", id="broken-yaml"),
    ],
)
def test_yaml_that_is_not_a_plain_lesson_is_refused(text: str, words: str) -> None:
    lesson, problems = lesson_from_text(text, "dropped.yaml", IDS, None, "aqim")
    assert lesson is None
    assert words in problems[0].message


def test_data_nested_deeper_than_a_lesson_is_not_one() -> None:
    nested: object = "mali-coup"
    for _ in range(900):
        nested = [nested]
    lesson, problems = lesson_from_data({"title": "T", "slides": nested}, "the link", IDS, "aqim")
    assert lesson is None and "not a lesson" in problems[0].message


def test_an_alias_bomb_is_walked_once() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    bomb += "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    lesson, problems = lesson_from_text(bomb + "title: T\nslides: [mali-coup]\n", "bomb.yaml", IDS, None, "aqim")
    assert lesson is None and {problem.field for problem in problems} == {"a", "b", "c", "d"}


def test_refusals_are_in_the_readers_language() -> None:
    with i18n.use("fr"):
        _lesson, problems = lesson_from_link(encode(GOOD)[:-3], "le lien", IDS, "aqim")
        assert "tronqué" in problems[0].message or "abîmé" in problems[0].message
        _lesson, problems = lesson_from_data({**GOOD, "collection": "x"}, "votre leçon", IDS, "aqim")
        assert problems[0].message == "cette leçon a été faite pour la collection « x », pas pour « aqim »"
    with i18n.use("ar"):
        _lesson, problems = lesson_from_data({"title": "T", "slides": ["nope"]}, "درسك", IDS, "aqim")
        assert problems[0].message.startswith("معرّف حدث غير معروف")


def test_the_id_of_a_lesson_from_a_request_is_made_from_its_title() -> None:
    lesson, _problems = lesson_from_data({"title": "Mali, 2012 to 2013: the north", "slides": ["mali-coup"]}, "l", IDS)
    assert lesson is not None and lesson.id == "mali-2012-to-2013-the-north"
    lesson, _problems = lesson_from_data({"title": "مالي", "slides": ["mali-coup"]}, "l", IDS)
    assert lesson is not None and lesson.id == "lesson"


def test_the_yaml_of_a_lesson_validates_in_a_copy_of_the_collection(tmp_path) -> None:
    notes = "Say <b>this</b> & ask: why?\nThen: مالي."
    data = {"collection": "aqim", "title": "Mali: the north", "slides": [{"event": "mali-coup", "notes": notes}]}
    lesson, problems = lesson_from_data(data, "your lesson", IDS, "aqim")
    assert problems == [] and lesson is not None
    folder = copy_collection(tmp_path)
    (folder / "lessons" / f"{lesson.id}.yaml").write_text(lesson_yaml(lesson), encoding="utf-8")
    run = run_timeline("validate", folder)
    assert run.returncode == 0, run.stderr
    assert "2 lesson(s)" in run.stdout
    assert load_collection(folder).lessons[lesson.id].slides[0].notes == notes


def test_a_lesson_file_for_another_collection_is_refused_by_validate(tmp_path) -> None:
    folder = copy_collection(tmp_path)
    path = folder / "lessons" / "theirs.yaml"
    path.write_text("title: T\ncollection: boko-haram\nslides: [mali-coup]\n", encoding="utf-8")
    run = run_timeline("validate", folder)
    assert run.returncode == 1
    assert f"{path}, line 2, field 'collection': this lesson was made for the collection 'boko-haram'" in run.stderr


def test_a_title_of_the_limit_is_kept_and_one_character_more_is_refused() -> None:
    from timeline.load.lesson_model import MAX_TITLE

    lesson, problems = lesson_from_data({"title": "t" * MAX_TITLE, "slides": ["mali-coup"]}, "your lesson", IDS, "aqim")
    assert problems == [] and lesson is not None and len(lesson.title) == MAX_TITLE
    _lesson, problems = lesson_from_data({"title": "t" * (MAX_TITLE + 1), "slides": ["mali-coup"]}, "y", IDS, "aqim")
    assert fields(problems) == [(None, "title")]
