"""The builder's search (GET /lesson/search) against the real server: the explorer's folding and aliases,
only the first events sent, the count said in the reader's language, and a clear refusal."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest
from servers import Server

from timeline.load.collection import load_collection
from timeline.query import search
from timeline.web.pages.lesson_start import MAX_FOUND, SEARCH_PATH

COLLECTION = load_collection()


@pytest.fixture(scope="module")
def server():
    running = Server()
    yield running
    running.stop()


def ask(server, lang: str = "", **params: str) -> tuple[int, dict]:
    query = urllib.parse.urlencode({**params, **({"lang": lang} if lang else {})})
    try:
        with urllib.request.urlopen(f"{server.url}{SEARCH_PATH}?{query}", timeout=60) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def expected(text: str) -> list[str]:
    return search.apply(COLLECTION.events, search.Filters(text=text), COLLECTION.aliases)["id"].tolist()


def test_a_search_finds_what_the_explorer_finds_with_what_the_builder_shows(server) -> None:
    status, answer = ask(server, q="Mali")
    assert status == 200
    assert answer["found"] == expected("Mali")[:MAX_FOUND] and answer["found"]
    assert set(answer["events"]) == set(answer["found"])
    for event_id in answer["found"]:
        event = COLLECTION.event(event_id)
        card = answer["events"][event_id]
        assert (card["date"], card["title"], card["quote"]) == (event["date_text"], event["title"], event["quote"])
    assert answer["said"] == f"{len(expected('Mali'))} events match “Mali”."


def test_accents_and_case_fold_and_an_alias_finds_its_organisation(server) -> None:
    _, plain = ask(server, q="COUP D'ETAT")
    _, accented = ask(server, q="coup d'état")
    assert plain["found"] == accented["found"] == expected("coup d'état") and plain["found"]
    name, others = next((name, others) for name, others in COLLECTION.aliases.items() if others)
    _, by_alias = ask(server, q=others[0])
    _, by_name = ask(server, q=name)
    assert by_alias["found"] == by_name["found"] and by_alias["found"]


def test_only_the_first_events_are_sent_and_the_count_says_how_many_matched(server) -> None:
    everything = expected("a")
    assert len(everything) > MAX_FOUND  # the bundled collection: a letter most events hold
    _, answer = ask(server, q="a")
    assert answer["found"] == everything[:MAX_FOUND] and len(answer["events"]) == MAX_FOUND
    assert answer["said"] == (
        f"{len(everything)} events match “a”. The first {MAX_FOUND} are shown: add a word to narrow the search."
    )


def test_the_answer_is_in_the_readers_language(server) -> None:
    _, french = ask(server, "fr", q="Mali")
    assert french["said"] == f"{len(expected('Mali'))} événements correspondent à « Mali »."
    fr_event = COLLECTION.event(french["found"][0])
    assert french["events"][french["found"][0]]["title"] == (fr_event.get("title_fr") or fr_event["title"])
    _, none = ask(server, "ar", q="zzzzqqq")
    assert none == {"said": "لا حدث يطابق «zzzzqqq».", "found": [], "events": {}}
    _, empty = ask(server, q="   ")
    assert empty["found"] == [] and empty["said"] == "Type a word to look for."


def test_an_unknown_collection_is_refused_with_a_reason(server) -> None:
    status, answer = ask(server, collection="no-such-collection", q="Mali")
    assert status == 404 and answer["problems"] == ["This server has no such collection."]


@pytest.mark.parametrize("text", ["\x00", "Mali\x00", "a" * 10_000, "((((", "\\", "%", "\u202e\u0645"])
def test_odd_searches_get_an_answer_not_an_error(server, text) -> None:
    status, answer = ask(server, q=text)
    assert status == 200 and set(answer) == {"said", "found", "events"}
    assert answer["found"] == expected(text[:200])[:20]
