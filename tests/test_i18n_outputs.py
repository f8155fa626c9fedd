"""The handout, the lesson file, the slides and the quiz in French and Arabic (issue #17).

Their interface words come from the catalogs; the events' own text (titles, summaries, quotes, dates as
written, notes) stays the source's English. What French is expected is read from the French catalog, not
written here, so a better translation does not break these tests; a message the catalog has not
translated yet makes them fail, naming it.
"""

from __future__ import annotations

import functools
import json
import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po
from helpers import AQIM, ROOT, run_timeline_many

from timeline import i18n
from timeline.formats.deck import build_deck
from timeline.formats.handout import handout_html
from timeline.formats.quiz import quiz_cards
from timeline.i18n.catalog import KEYWORDS
from timeline.load.collection import Collection
from timeline.load.passages import quote_passages
from timeline.load.translations import translated
from timeline.web.components.quiz import quiz_section, quiz_text
from timeline.web.components.render import to_html
from timeline.web.lessonfile import bundle_html
from timeline.web.pages import quiz as quiz_page

LESSON = "gspc-to-jnim"
QUIZ_JS = ROOT / "assets" / "quiz.js"

# The files whose messages reach the handout, the lesson file, /present and /quiz.
HANDOUT_FILES = ("timeline/formats/handout.py", "timeline/formats/deck.py")
LESSON_FILES = (
    "timeline/web/lessonfile.py",
    "timeline/formats/deck.py",
    "timeline/web/components/slide.py",
    "timeline/web/components/quiz.py",
)
QUIZ_FILES = ("timeline/web/pages/quiz.py", "timeline/web/components/quiz.py")

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


# -- Reading the pages ---------------------------------------------------------------------------------


class Reader(HTMLParser):
    """What a reader gets from a page: its text, its aria-labels and titles, the quiz's data-text and the play's
    data-play-text (not scripts, styles or the encoded answers); and the <html> element's attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.html: dict[str, str | None] = {}
        self.texts: list[dict] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.html = attributes
        if tag in ("script", "style"):
            self._hidden += 1
        for name in ("aria-label", "title"):
            if attributes.get(name):
                self.parts.append(attributes[name])
        if attributes.get("data-text"):
            text = json.loads(attributes["data-text"])
            self.texts.append(text)
            self.parts += [value for value in text.values() if isinstance(value, str)]
            self.parts += text["more"].values()
        if attributes.get("data-play-text"):  # the sentences play.js writes (components/play_bar.py)
            self.parts += json.loads(attributes["data-play-text"]).values()

    def handle_endtag(self, tag) -> None:
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data) -> None:
        if not self._hidden:
            self.parts.append(data)


def read(page: str) -> Reader:
    reader = Reader()
    reader.feed(page)
    reader.close()
    return reader


def folded(text: str) -> str:
    return " ".join(text.split())


def data_strings(collection: Collection) -> list[str]:
    """Every text of the collection shown as it is: the events', the lesson's, the sources'."""
    strings = [collection.title, collection.description]
    for column in ("title", "summary", "quote", "date_text", "date_note", "place_note", "fatalities_text"):
        strings += list(collection.events[column].dropna())
    for places in collection.events["places"]:
        strings += [place["name"] for place in places]
    for actors in collection.events["actors"]:
        strings += list(actors)
    for lesson in collection.lessons.values():
        strings += [lesson.title, lesson.intro, *(slide.notes for slide in lesson.slides)]
    for source in collection.sources.values():
        strings += [source.title, source.kind, source.note or ""]
    return sorted({folded(s) for s in strings if isinstance(s, str) and s.strip()}, key=len, reverse=True)


def interface_text(page: str, collection: Collection) -> str:
    """The page's reader-facing text with every piece of the collection's own text cut out."""
    text = folded(" ".join(read(page).parts))
    for data in data_strings(collection):
        text = text.replace(data, "◊")
    return text


# -- The messages -------------------------------------------------------------------------------------


def messages(files: tuple[str, ...]) -> list[tuple[str | None, tuple[str, ...]]]:
    """(context, (msgid[, msgid_plural])) of every message marked in `files`."""
    found = []
    for name in files:
        for _line, message, _comments, context in extract_from_file("python", ROOT / name, keywords=KEYWORDS):
            found.append((context, message if isinstance(message, tuple) else (message,)))
    return found


@functools.cache
def french_catalog() -> dict[tuple[str | None, str], tuple[str, ...]]:
    """(context, msgid) -> its translated forms, for the entries of the French catalog that are done."""
    with i18n.catalog_path("fr").open("rb") as handle:
        catalog = read_po(handle, locale="fr")
    done = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        msgid = message.id[0] if isinstance(message.id, tuple | list) else message.id
        forms = tuple(message.string) if isinstance(message.string, tuple | list) else (message.string,)
        if all(forms):
            done[(message.context, msgid)] = forms
    return done


def fragments(msgid: str) -> list[str]:
    """The English words of a message between its placeholders: what would show if it were left in English."""
    return [part.strip() for part in PLACEHOLDER.split(msgid) if re.search(r"[A-Za-z]{2,}", part)]


def leftovers(text: str, files: tuple[str, ...]) -> list[str]:
    """The messages of `files` that show in English in `text`, or that the French catalog lacks."""
    french = french_catalog()
    problems = []
    for context, ids in messages(files):
        forms = french.get((context, ids[0]))
        if forms is None:
            problems.append(f"not translated in the French catalog: {ids[0]!r}")
            continue
        for msgid in ids:
            if msgid in forms:
                continue  # the French is the English ('Quiz')
            for fragment in fragments(msgid):
                if re.search(rf"(?<!\w){re.escape(fragment)}(?!\w)", text):
                    problems.append(f"English left in the French page: {fragment!r} (from {msgid!r})")
    return problems


def french(context: str | None, msgid: str) -> str:
    forms = french_catalog().get((context, msgid))
    assert forms, f"the French catalog has no translation for {msgid!r} yet"
    return forms[0]


# -- Fixtures -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def handouts(aqim: Collection) -> dict[str, str]:
    pages = {}
    for lang in i18n.LANGUAGES:
        with i18n.use(lang):
            pages[lang] = handout_html(aqim, LESSON, quiz=True)
    return pages


@pytest.fixture(scope="module")
def lesson_files(aqim: Collection) -> dict[str, str]:
    pages = {}
    for lang in ("fr", "ar"):
        with i18n.use(lang):
            pages[lang] = bundle_html(aqim, LESSON)
    return pages


# -- The language and direction of the files ----------------------------------------------------------


@pytest.mark.parametrize(("lang", "direction"), [("en", "ltr"), ("fr", "ltr"), ("ar", "rtl")])
def test_the_handout_names_its_language_and_direction(handouts, lang, direction):
    assert f'<html lang="{lang}" dir="{direction}">' in handouts[lang]
    assert read(handouts[lang]).html == {"lang": lang, "dir": direction}


@pytest.mark.parametrize(("lang", "direction"), [("fr", "ltr"), ("ar", "rtl")])
def test_the_lesson_file_names_its_language_and_direction(lesson_files, lang, direction):
    assert f'<html lang="{lang}" dir="{direction}">' in lesson_files[lang]
    assert read(lesson_files[lang]).html == {"lang": lang, "dir": direction}


def test_english_is_the_default_and_unchanged(aqim: Collection, handouts):
    assert handout_html(aqim, LESSON, quiz=True) == handouts["en"]
    assert '<html lang="en" dir="ltr">' in handouts["en"]
    for words in ("Answer key", "Quiz: put the cards in order", "May swap with", "How dated:", "paragraph\u00a015"):
        assert words in handouts["en"]


# -- French words in, English interface words out -----------------------------------------------------


def test_the_french_handout_speaks_french(handouts):
    page = handouts["fr"]
    for msgid in ("Answer key", "Quiz: put the cards in order", "Date as written", "May swap with"):
        assert escape(french(None, msgid)) in page, msgid
    assert "mars 2017" in page  # JNIM's date in words, from the date catalog


def test_no_english_interface_words_in_the_french_handout(aqim: Collection, handouts):
    assert leftovers(interface_text(handouts["fr"], aqim), HANDOUT_FILES) == []


def test_the_french_lesson_file_speaks_french(lesson_files):
    reader = read(lesson_files["fr"])
    text = folded(" ".join(reader.parts))
    for msgid in ("Quiz", "Check", "Shuffle again", "Notes:", "Teacher's notes (N)", "← Back to the slides"):
        assert folded(french(None, msgid)) in text, msgid
    assert "mars 2017" in text


def test_no_english_interface_words_in_the_french_lesson_file(aqim: Collection, lesson_files):
    assert leftovers(interface_text(lesson_files["fr"], aqim), LESSON_FILES) == []


def test_no_english_interface_words_in_the_french_quiz_page(aqim: Collection):
    passages = quote_passages(aqim)
    with i18n.use("fr"):
        page = to_html(quiz_page.layout(aqim, passages, f"?lesson={LESSON}", None))
    assert leftovers(interface_text(page, aqim), QUIZ_FILES) == []


def test_the_french_slides_page_and_its_maps(aqim: Collection):
    from timeline.web.app import create_app
    from timeline.web.pages.present import PresentPage

    create_app(aqim)  # dash.get_asset_url, used by the map config, needs an app
    page = PresentPage(aqim, quote_passages(aqim))
    deck = build_deck(aqim, LESSON)
    english = page.figures(deck)
    with i18n.use("fr"):
        french_maps = page.figures(deck)
        root = page.layout(f"?lesson={LESSON}&speaker=1")
        assert page.figures(deck) is french_maps  # kept per language: their hover text is in it
    assert french_maps is not english
    text = interface_text(to_html(root, other=lambda component, children: ""), aqim)
    assert leftovers(text, ("timeline/web/components/slide.py", "timeline/web/pages/present.py")) == []


# -- The events keep their own words -------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_events_keep_the_sources_words(aqim: Collection, handouts, lesson_files, lang):
    deck = build_deck(aqim, LESSON)
    slides = folded(" ".join(read(lesson_files[lang]).parts))
    translations = 0
    for _index, event in deck.events.iterrows():
        # The title and summary are the collection's translation where it gives one; the quote never is.
        title, is_translation = translated(event, "title", lang)
        summary, _summary_translated = translated(event, "summary", lang)
        translations += is_translation
        assert f"“{escape(event['quote'])}”" in handouts[lang]
        assert f'<h2 dir="auto">{escape(title)}' in handouts[lang]
        assert escape(event["date_text"]) in handouts[lang]
        for words in (event["quote"], title, summary, event["date_text"]):
            assert folded(words) in slides
    # The bundled collection translates the lesson's ten titles and summaries into French, none into Arabic.
    assert translations == (len(deck.events) if lang == "fr" else 0)
    # Read the right way round inside a right-to-left page.
    assert 'class="slide-quote" dir="auto"' in lesson_files[lang]
    assert 'class="quiz-card-title" dir="auto"' in lesson_files[lang]


# -- quiz.js's sentences -------------------------------------------------------------------------------


def english_in_quiz_js() -> dict[str, str]:
    """The ENGLISH object of assets/quiz.js: the sentences it writes when the page gives none."""
    block = re.search(r"var ENGLISH = \{(.*?)\n  \};", QUIZ_JS.read_text(encoding="utf-8"), flags=re.DOTALL)
    assert block, "assets/quiz.js has no ENGLISH object"
    return dict(re.findall(r"^\s*(\w+): '((?:[^'\\]|\\.)*)',?$", block.group(1), flags=re.MULTILINE))


def test_the_english_the_page_gives_quiz_js_is_its_own_fallback():
    english = english_in_quiz_js()
    given = quiz_text(10)
    assert set(english) == set(given)
    more = english.pop("more")
    assert all(given["more"][str(n)] == more.replace("{n}", str(n)) for n in range(1, 9))
    assert {key: value for key, value in given.items() if key != "more"} == english


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_quiz_carries_its_sentences_in_the_readers_language(aqim: Collection, lang):
    deck = build_deck(aqim, LESSON)
    cards = quiz_cards(aqim, quote_passages(aqim), deck)
    english = quiz_text(len(cards))
    with i18n.use(lang):
        page = to_html(quiz_section(deck.title, cards, LESSON))
        expected = quiz_text(len(cards))
    [given] = read(page).texts
    assert given == expected
    assert set(given) == set(english)
    assert sorted(given["more"], key=int) == [str(n) for n in range(1, len(cards) - 1)]
    for key, template in english.items():
        if isinstance(template, str):  # quiz.js fills the same {slots} in every language
            assert set(re.findall(r"\{\w+\}", given[key])) == set(re.findall(r"\{\w+\}", template)), key


def test_the_french_quiz_sentences_are_french():
    with i18n.use("fr"):
        text = quiz_text(10)
    assert text["right"] == french(None, "Right.")
    assert text["moveUp"] == french(None, "Move it up: the source dates it (%(span)s) before %(names)s.") % {
        "span": "{span}",
        "names": "{names}",
    }


# -- The command line and the download link ----------------------------------------------------------


def test_the_cli_writes_a_french_handout_and_an_arabic_lesson_file(aqim: Collection, handouts, tmp_path: Path):
    handout, lesson, wrong = tmp_path / "handout-fr.html", tmp_path / "lesson-ar.html", tmp_path / "x.html"
    made_handout, made_lesson, refused = run_timeline_many(
        [
            ("handout", AQIM, "--lesson", LESSON, "--quiz", "--lang", "fr", "--out", handout),
            ("bundle", "--lesson", LESSON, "--lang", "ar", "--out", lesson),
            ("handout", "--lang", "de", "--out", wrong),
        ]
    )
    assert made_handout.returncode == 0, made_handout.stderr
    assert handout.read_text(encoding="utf-8") == handouts["fr"]
    assert made_lesson.returncode == 0, made_lesson.stderr
    assert '<html lang="ar" dir="rtl">' in lesson.read_text(encoding="utf-8")
    assert refused.returncode == 2 and "--lang" in refused.stderr
    assert not wrong.exists()


def test_the_download_link_gives_the_lesson_file_in_the_pages_language(aqim: Collection, lesson_files):
    from timeline.web.app import create_app

    client = create_app(aqim).server.test_client()
    response = client.get(f"/lesson-file?lesson={LESSON}&lang=fr")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == f'attachment; filename="{LESSON}-fr.html"'
    assert response.get_data(as_text=True) == lesson_files["fr"]


def test_a_translated_slide_says_so_and_keeps_the_source_quote(aqim: Collection):
    from timeline.web.app import create_app
    from timeline.web.pages.present import PresentPage

    create_app(aqim)  # dash.get_asset_url, used by the map config, needs an app
    page = PresentPage(aqim, quote_passages(aqim))
    with i18n.use("fr"):
        html = to_html(page.layout(f"?lesson={LESSON}&slide=9"), other=lambda component, children: "")
        deck = build_deck(aqim, LESSON)
    event = deck.events.iloc[8]  # JNIM's creation: the collection gives its title in French
    slide = html[html.index(f'data-event="{event["id"]}"') :]
    slide = slide[: slide.index("</section>")]
    assert escape(event["title_fr"], quote=False) in slide and escape(event["summary_fr"], quote=False) in slide
    assert 'class="badge slide-badge slide-translated">traduit<' in slide
    assert escape(event["quote"], quote=False) in slide  # the source's own words, never translated
