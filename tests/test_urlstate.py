"""The view <-> the URL: every view a user can make comes back from its URL unchanged.

Lists travel as one comma-joined parameter, so names holding commas (and the other characters a
URL gives meaning to) must survive: issue 13, item 7.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.query import urlstate
from timeline.query.search import Filters

AWKWARD = [
    "Ansar Dine, Macina branch",
    ",",
    ",,",
    "a,b",
    "%2C",
    "%25",
    "100%",
    "R&D",
    "a=b",
    "#hash",
    "?q=x",
    "+plus +",
    "Al-Qaïda au Maghreb islamique",
    "القاعدة",
    "名前",
    "emoji 🙂",
    "'quoted' \"double\"",
    "<script>alert(1)</script>",
    "slash/back\\slash",
    " spaced ",
]

# Any text a name or a search might hold (no lone surrogates: they cannot be UTF-8 encoded at all).
_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
_items = st.lists(st.one_of(st.sampled_from(AWKWARD), _text.filter(bool)), max_size=4, unique=True).map(tuple)
_year = st.one_of(st.none(), st.integers(min_value=-9999, max_value=9999))
_ids = st.one_of(st.none(), st.sampled_from(["mali-coup", "a,b", "x&y=z#w"]))


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(st.sampled_from(AWKWARD), _text),
    categories=_items,
    countries=_items,
    actors=_items,
    year_from=_year,
    year_to=_year,
    selected=_ids,
    collection=st.one_of(st.none(), st.sampled_from(["second", "a b", "x&y"])),
)
def test_every_view_comes_back_from_its_url(
    text, categories, countries, actors, year_from, year_to, selected, collection
):
    filters = Filters(text, categories, countries, actors, year_from, year_to)
    query = urlstate.build(filters, selected, collection)
    assert urlstate.parse(query) == (filters, selected)
    assert urlstate.collection(query) == collection


def test_an_actor_with_a_comma_stays_one_actor():
    filters = Filters(actors=("Ansar Dine, Macina branch", "AQIM"))
    query = urlstate.build(filters, None)
    assert query == "?actor=Ansar+Dine%252C+Macina+branch%2CAQIM"
    assert urlstate.parse(query)[0].actors == ("Ansar Dine, Macina branch", "AQIM")


def test_links_made_before_the_escaping_still_open():
    filters, selected = urlstate.parse("?category=attack,leadership&actor=AQIM,JNIM&event=mali-coup")
    assert filters.categories == ("attack", "leadership")
    assert filters.actors == ("AQIM", "JNIM")
    assert selected == "mali-coup"


@settings(max_examples=100, deadline=None)
@given(
    at=st.one_of(st.none(), st.sampled_from(["2012", "2017-03", "200X", "19XX", "-3000/-2901", "0800"])),
    speed=st.sampled_from(urlstate.SPEEDS),
    text=st.one_of(st.sampled_from(AWKWARD), _text),
)
def test_a_play_moment_and_speed_come_back_from_the_url_with_the_view(at, speed, text):
    filters = Filters(text=text)
    query = urlstate.with_play(urlstate.build(filters, None), urlstate.Play(at, speed))
    assert urlstate.play(query) == urlstate.Play(at, speed)
    assert urlstate.parse(query) == (filters, None)


def test_an_unreadable_moment_or_speed_is_left_out():
    assert urlstate.play("?at=<script>&speed=9") == urlstate.Play(None, urlstate.DEFAULT_SPEED)
    assert urlstate.play("?at=2012&speed=nan") == urlstate.Play("2012", urlstate.DEFAULT_SPEED)
    assert urlstate.play("") == urlstate.Play()
    assert urlstate.with_play("", urlstate.Play()) == ""
    assert urlstate.with_play("?q=mali", urlstate.Play("2012", 2.0)) == "?q=mali&at=2012&speed=2"
