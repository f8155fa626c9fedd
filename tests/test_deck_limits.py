"""The most a deck without a lesson shows (formats/deck.py DECK_LIMIT), at the limit and one over: slides,
quiz cards, the lesson file and the handout, through a real server; and a deck's page that does not grow
with slides × events (the strip once per page)."""

from __future__ import annotations

import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from deck_cases import AT, OVER, limit_library
from helpers import ROOT
from servers import Server

from timeline.formats.deck import DECK_LIMIT, build_deck, limit_text
from timeline.load.collection import load_collection
from timeline.load.lesson_model import MAX_SLIDES
from timeline.query.search import Filters


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    return limit_library(tmp_path_factory.mktemp("limits"))


@pytest.fixture(scope="module")
def server(library):
    running = Server(library)
    yield running
    running.stop()


def get(server: Server, path: str, referer: str | None = None) -> str:
    headers = {"Referer": server.url + referer} if referer else {}
    with urllib.request.urlopen(urllib.request.Request(server.url + path, headers=headers), timeout=120) as answer:
        return answer.read().decode("utf-8")


def test_the_deck_limit_is_the_lessons(library) -> None:
    assert DECK_LIMIT == MAX_SLIDES


def test_a_deck_holds_the_limit_and_cuts_one_over_in_date_order(library) -> None:
    at, over = load_collection(library / "at"), load_collection(library / "over")
    assert len(at.events) == AT and len(over.events) == OVER
    deck = build_deck(at)
    assert len(deck.events) == AT and not deck.cut and limit_text(deck) is None
    deck = build_deck(over)
    assert list(deck.events["id"]) == list(over.events["id"][:DECK_LIMIT])
    assert deck.cut and deck.total == OVER
    text = limit_text(deck)
    assert f"{OVER:,}" in text and f"at most {DECK_LIMIT}" in text and "narrow the explorer's view" in text


def test_the_explorers_filters_choose_the_deck(library) -> None:
    over = load_collection(library / "over")
    year = int(over.events["earliest"].dt.year.median())
    deck = build_deck(over, filters=Filters(year_from=year, year_to=year))
    assert 0 < len(deck.events) < DECK_LIMIT and not deck.cut
    assert (deck.events["earliest"].dt.year <= year).all() and (deck.events["latest"].dt.year >= year).all()


def slides_of(page: str) -> set[str]:
    return set(re.findall(r'data-slide="(\d+)"', page))


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_present_at_the_limit_and_one_over(server, lang) -> None:
    at = get(server, f"/present?collection=at&lang={lang}")
    assert len(slides_of(at)) == AT + 1 and "slide-limit" not in at
    over = get(server, f"/present?collection=over&lang={lang}")
    assert len(slides_of(over)) == DECK_LIMIT + 1  # the intro, then the first DECK_LIMIT events
    notice = re.search(r'class="slide-limit"[^>]*>([^<]*)<', over).group(1)
    assert str(DECK_LIMIT) in notice.replace("\u066c", "") or "١٠٠" in notice
    if lang == "en":
        assert "101" in notice and "narrow the explorer's view" in notice
    else:
        assert "narrow the explorer's view" not in notice  # said in the reader's language
    layout = get(server, "/_dash-layout", referer=f"/present?collection=over&lang={lang}")
    assert layout.count('"slide-limit"') == 1


def test_present_with_the_explorers_filters_shows_their_events(server) -> None:
    page = get(server, "/present?collection=over&from=1900&to=1900")
    assert len(slides_of(page)) == 1 and "slide-limit" not in page


def test_quiz_at_the_limit_and_one_over(server) -> None:
    at = get(server, "/quiz?collection=at")
    assert at.count('class="quiz-card"') == AT and "quiz-limit" not in at
    over = get(server, "/quiz?collection=over&cards=500")
    assert over.count('class="quiz-card"') == DECK_LIMIT and "quiz-limit" in over


def test_lesson_file_at_the_limit_and_one_over(server) -> None:
    assert len(slides_of(get(server, "/lesson-file?collection=at"))) == AT + 1
    over = get(server, "/lesson-file?collection=over")
    assert len(slides_of(over)) == DECK_LIMIT + 1 and "slide-limit" in over


@pytest.mark.parametrize("command", ["handout", "bundle"])
def test_the_command_line_says_when_a_deck_is_cut(library, tmp_path, command) -> None:
    for name, cut in (("at", False), ("over", True)):
        out = tmp_path / f"{name}.html"
        done = subprocess.run(
            [sys.executable, "-m", "timeline", command, str(library / name), "--out", str(out)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        assert ("at most 100" in done.stderr and f"{OVER}" in done.stderr) is cut, done.stderr
        assert f"{DECK_LIMIT} events" in done.stdout or f"{DECK_LIMIT} slides" in done.stdout, done.stdout


def test_the_strip_is_once_per_page_not_once_per_slide(server) -> None:
    """The marks of the strip (the collection's and the deck's) come once, whatever the slide count."""
    page = get(server, "/present?collection=over&slide=5")
    assert page.count('class="strip-layer"') == 1
    assert page.count("data-order=") == DECK_LIMIT
    assert page.count('class="slide-strip"') == DECK_LIMIT + 1  # each slide's own axis and mark


def test_the_slides_figures_kept_are_bounded(aqim, monkeypatch) -> None:
    """Any filter in /present's URL makes a new deck: the figures kept for the next visit stay bounded."""
    from timeline.load.passages import quote_passages
    from timeline.web.app import create_app
    from timeline.web.pages import present

    create_app(aqim)  # dash.get_asset_url, used by the map config, needs an app
    monkeypatch.setattr(present, "FIGURES_KEPT", 10)
    page = present.PresentPage(aqim, quote_passages(aqim))
    for year in range(2007, 2021):
        page.layout(f"?from={year}&to={year}")
        assert len(page._figures) <= 10
    page.layout("")  # every event: more slides than are kept, and still all drawn
    assert len(page._figures) <= 10


def test_present_and_quiz_link_to_each_other_with_the_same_filters(server) -> None:
    present = get(server, "/present?collection=over&from=2000&to=2003")
    quiz = get(server, "/quiz?collection=over&from=2000&to=2003")
    assert 'href="/quiz?collection=over&amp;from=2000&amp;to=2003"' in present
    assert 'href="/present?collection=over&amp;from=2000&amp;to=2003"' in quiz


def test_the_lesson_file_of_the_explorers_view_has_its_slides(server) -> None:
    present = get(server, "/present?collection=over&from=2000&to=2003")
    assert 'href="/lesson-file?collection=over&amp;from=2000&amp;to=2003"' in present
    file = get(server, "/lesson-file?collection=over&from=2000&to=2003")
    assert slides_of(file) == slides_of(present) and 2 < len(slides_of(file)) < DECK_LIMIT
