"""The interface language over HTTP: ?lang=, Accept-Language, <html lang dir>, and ?lang kept in every link."""

from __future__ import annotations

import re
import urllib.request
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from servers import Server


@pytest.fixture(scope="module")
def server():
    running = Server()
    yield running
    running.stop()


def get(server: Server, path: str, accept_language: str | None = None) -> str:
    request = urllib.request.Request(server.url + path)
    if accept_language is not None:
        request.add_header("Accept-Language", accept_language)
    with urllib.request.urlopen(request, timeout=30) as answer:
        return answer.read().decode("utf-8")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def internal_links(page: str) -> list[str]:
    parser = Links()
    parser.feed(page)
    # Within the app: pages and views, not anchors within the page or assets.
    return [href for href in parser.hrefs if href.startswith(("/", "?")) and not href.startswith("/assets")]


def html_tag(page: str) -> str:
    return re.search(r"<html[^>]*>", page).group(0)


@pytest.mark.parametrize(
    ("query", "header", "lang", "direction"),
    [
        ("", None, "en", "ltr"),
        ("?lang=fr", None, "fr", "ltr"),
        ("?lang=ar", None, "ar", "rtl"),
        ("", "fr-FR,fr;q=0.9,en;q=0.5", "fr", "ltr"),
        ("", "ar-DZ,ar;q=0.9", "ar", "rtl"),
        ("", "de-DE,de;q=0.9", "en", "ltr"),
        ("?lang=en", "ar", "en", "ltr"),  # the URL wins over the browser
        ("?lang=xx", "fr", "fr", "ltr"),  # an unknown ?lang= counts as absent
    ],
)
def test_every_page_says_its_language_and_direction(server, query, header, lang, direction):
    for path in ("/", "/present", "/glossary", "/quiz"):
        page = get(server, path + query, header)
        assert html_tag(page) == f'<html lang="{lang}" dir="{direction}">', path


def test_the_first_response_is_in_the_chosen_language(server):
    french = get(server, "/?lang=fr")
    arabic = get(server, "/?lang=ar")
    english = get(server, "/")
    assert "Effacer tout" in french and "Clear all" not in french
    assert "Clear all" in english
    assert "مسح الكل" in arabic and "Clear all" not in arabic
    # The events' own words stay the source's: the same quote in every language.
    quote = "Droukdel"
    assert quote in french and quote in arabic


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("path", ["/", "/glossary", "/present", "/quiz"])
def test_a_chosen_language_is_kept_in_every_link(server, path, lang):
    page = get(server, f"{path}?lang={lang}")
    links = internal_links(page)
    assert links, "the page has links within the app"
    for href in links:
        assert parse_qs(urlsplit(href).query).get("lang") in (["en"], ["fr"], ["ar"]), f"{href} lost ?lang="
    kept = [href for href in links if parse_qs(urlsplit(href).query).get("lang") == [lang]]
    switcher = [href for href in links if parse_qs(urlsplit(href).query).get("lang") != [lang]]
    assert len(switcher) <= 2, f"only the switcher leads to another language: {switcher}"
    assert kept


def test_a_browser_language_is_carried_into_links_so_a_shared_link_keeps_it(server):
    links = internal_links(get(server, "/", "fr"))
    assert links and all(parse_qs(urlsplit(href).query).get("lang") for href in links), links


def test_english_by_default_leaves_urls_plain(server):
    links = internal_links(get(server, "/"))
    plain = [href for href in links if "lang=" not in href]
    assert plain, "links of an English page with no ?lang= carry none"
    assert len([href for href in links if "lang=" in href]) == 3  # the switcher: en, fr, ar
