"""The plain copy in the app's first response: the chronology is readable before any script runs.

The app serves the page even when its plain copy cannot be rendered (it only speeds the first paint), so a
broken copy would go unnoticed but for a test: here, for each language and each kind of screen the server
lays the timeline out for, the first response must hold the first event's title and the live list's count.
"""

from __future__ import annotations

import pytest

from timeline.web import screen
from timeline.web.app import create_app


@pytest.fixture(scope="module")
def client(aqim):
    return create_app(aqim).server.test_client()


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
@pytest.mark.parametrize("phone", [None, 390])
def test_the_first_response_holds_the_chronology(client, aqim, lang, phone):
    if phone:
        client.set_cookie(screen.COOKIE, str(phone))
    else:
        client.delete_cookie(screen.COOKIE)
    page = client.get(f"/?lang={lang}").get_data(as_text=True)
    copy = page[page.index('<div id="static-page"') :]
    first = aqim.events.sort_values("earliest").iloc[0]["title"]
    assert first in copy


def test_a_filtered_first_response_holds_only_what_the_filter_keeps(client, aqim):
    client.delete_cookie(screen.COOKIE)
    page = client.get("/?q=Radisson").get_data(as_text=True)
    copy = page[page.index('<div id="static-page"') :]
    assert "Radisson" in copy
    assert "2 of 22 events" in copy and "22 of 22 events" not in copy  # two events name the hotel
