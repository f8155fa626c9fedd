"""Filters, alias search, the URL state and the explorer's view, as plain functions."""

from __future__ import annotations

import pandas as pd
import pytest

from timeline.core.text import normalise
from timeline.load.collection import load_collection
from timeline.load.passages import quote_passages
from timeline.query import search, urlstate
from timeline.web.pages.explore_data import ExploreData
from timeline.web.pages.explore_view import compute_view, window_from_relayout


@pytest.fixture(scope="module")
def collection():
    return load_collection()


def found(collection, **filters) -> set[str]:
    return set(search.apply(collection.events, search.Filters(**filters), collection.aliases)["id"])


def test_search_is_case_and_accent_insensitive(collection):
    assert "radisson-blu-attack" in found(collection, text="radisson")
    assert found(collection, text="RADISSON") == found(collection, text="radisson")
    assert "droukdel-killed" in found(collection, text="Drouk")


def test_aliases_find_the_same_events(collection):
    jnim = found(collection, text="JNIM")
    assert "jnim-formed" in jnim
    assert found(collection, text="NJIM") == jnim
    assert found(collection, text="Jama'at Nusrat al-Islam wal-Muslimin") == jnim
    aqim = found(collection, text="AQIM")
    assert found(collection, text="al-Qaeda in the Islamic Maghreb") == aqim
    # The GSPC is its own organisation (renamed into AQIM in 2007): its name finds its own events.
    gspc = found(collection, text="GSPC")
    assert "aqim-founded" in gspc and gspc == found(collection, text="Algerian Group for Preaching and Combat")
    assert gspc < aqim  # every GSPC event also names AQIM; not the other way round


def test_all_words_must_match(collection):
    assert found(collection, text="Ouagadougou 2018") == {"ouagadougou-attack"}
    assert found(collection, text="Ouagadougou 1999") == set()


def test_category_country_actor_and_years(collection):
    events = collection.events
    attacks = found(collection, categories=("attack",))
    assert attacks == set(events[events["category"] == "attack"]["id"])
    burkina = found(collection, countries=("BFA",))
    assert "ouagadougou-attack" in burkina and "aqim-founded" not in burkina
    assert found(collection, actors=("Mokhtar Belmokhtar",)) == {"al-murabitun-founded"}
    late = found(collection, year_from=2018)
    assert "droukdel-killed" in late and "aqim-founded" not in late
    # A span counts when it overlaps the years asked for.
    assert "attacks-surge-2017-2020" in late


def test_time_window_keeps_overlapping_events(collection):
    shown = search.in_window(collection.events, pd.Timestamp("2015-06-01"), pd.Timestamp("2015-12-31"))
    assert {"radisson-blu-attack", "sahel-attacks-intensify"} <= set(shown["id"])
    assert "jnim-formed" not in set(shown["id"])


def test_url_state_round_trips():
    filters = search.Filters(
        text="Mali coup",
        categories=("attack", "context"),
        countries=("MLI",),
        actors=("AQIM",),
        year_from=2010,
        year_to=2015,
    )
    query = urlstate.build(filters, "mali-coup")
    assert urlstate.parse(query) == (filters, "mali-coup")
    assert urlstate.build(search.Filters(), None) == ""
    assert urlstate.parse("?from=abc") == (search.Filters(), None)


def test_compute_view_counts_and_window(collection):
    total = len(collection.events)
    data = ExploreData.build(collection, quote_passages(collection))
    view = compute_view(data, search.Filters(categories=("attack",)), None, None)
    attacks = (collection.events["category"] == "attack").sum()
    assert view.count == f"{attacks} of {total} events"
    windowed = compute_view(data, search.Filters(), ["2019-01-01", "2021-01-01"], "droukdel-killed")
    assert windowed.count.endswith("in the zoomed time window")
    assert any((t.get("meta") or {}).get("role") == "selected" for t in windowed.map["data"])


def test_relayout_parsing():
    assert window_from_relayout({"xaxis.range[0]": "2010-01-01", "xaxis.range[1]": "2012-01-01"}) == [
        "2010-01-01",
        "2012-01-01",
    ]
    assert window_from_relayout({"xaxis.range": ["2010", "2012"]}) == ["2010", "2012"]
    assert window_from_relayout({"xaxis.autorange": True}) is None
    with pytest.raises(LookupError):
        window_from_relayout({"dragmode": "pan"})


def test_normalise_drops_every_combining_mark_as_a_per_character_check_would():
    import sys
    import unicodedata

    from timeline.query.search import normalise

    def reference(text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", text.casefold().replace("’", "'").replace("‘", "'"))
        return "".join(ch for ch in decomposed if not unicodedata.combining(ch))

    marks = "".join(chr(c) for c in range(sys.maxunicode + 1) if unicodedata.combining(chr(c)))
    text = "Émir Droukdel’s Ṭāriq Việt ﬁ القاعدة 한국어 " + "a".join(marks)
    assert normalise(text) == reference(text)
    assert normalise("ÉMIR") == "emir"


def test_the_haystack_finds_what_a_test_per_event_finds(collection):
    """One search over all events' text at once answers as `needle in text` per event would."""
    texts = pd.Series(
        ["émir droukdel", "", "mali\x01gao", "bamako mali", "ali", "mal", "x" * 50 + "mali", "الجزائر mali"],
        index=[10, 11, 12, 13, 14, 15, 16, 17],
    )
    hay = search.Haystack(texts)
    for needle in ["mali", "ali", "mal", "m", "émir", "ir dr", "الجزائر", "gao", "\x01", "x" * 51, "i\x00b", "zzz"]:
        assert hay.contains(needle).tolist() == [needle in text for text in texts], needle
    whole = search.haystack(collection.events)
    for word in ["mali", "aqim", "al-qaeda", "2013", "émir", "gspc", "in"]:
        folded = normalise(word)
        naive = [folded in normalise(text) for text in _texts(collection.events)]
        assert whole.contains(folded).tolist() == naive, word


def _texts(events):
    # The searchable text written out again here, so the test does not read it from the code under test.
    for event in events.itertuples():
        places = " ".join(p["name"] for p in event.places)
        yield f"{event.title} {event.summary} {event.quote} {' '.join(event.actors)} {event.date_text} {places}"


def test_a_filter_on_a_part_of_the_collection_reads_the_right_rows(collection):
    hay = search.haystack(collection.events)
    part = collection.events.iloc[::2]
    assert list(search.apply(part, search.Filters(text="mali"), collection.aliases, hay=hay)["id"]) == list(
        search.apply(part, search.Filters(text="mali"), collection.aliases)["id"]
    )


def test_coded_lists_filter_as_a_test_per_event_does(collection):
    """Countries and actors as integer codes pick the events that a test of each event's own list picks."""
    events = collection.events
    hay = search.haystack(events)
    every_country = sorted({code for codes in events["countries"] for code in codes})
    every_actor = sorted({name for names in events["actors"] for name in names})
    asks = [(every_country[:1], ()), (every_country[1:3], ()), ((), every_actor[:2]), (every_country[:1], every_actor)]
    asks += [(("nowhere",), ()), ((), ("nobody", every_actor[-1]))]
    for countries, actors in asks:
        filters = search.Filters(countries=tuple(countries), actors=tuple(actors))
        coded = search.matches(events, filters, hay=hay)
        expected = [
            (not countries or bool(set(countries) & set(row.countries)))
            and (not actors or bool(set(actors) & set(row.actors)))
            for row in events.itertuples()
        ]
        assert coded.tolist() == expected, (countries, actors)
        assert search.matches(events, filters).tolist() == expected  # no haystack: each event's list is read
    assert sum(expected) > 0
