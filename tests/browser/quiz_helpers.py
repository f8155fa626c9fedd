"""Doing the ordering quiz as a student does, by keyboard: shared by the /quiz page and lesson file tests."""

from __future__ import annotations

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys


def card_ids(browser) -> list[str]:
    return browser.js(
        "return Array.from(document.querySelectorAll('.quiz-card'))"
        "  .filter(function (c) { return c.getClientRects().length > 0; })"
        "  .map(function (c) { return c.dataset.event; });"
    )


def results(browser) -> list[str | None]:
    return browser.js(
        "return Array.from(document.querySelectorAll('.quiz-card'))"
        "  .filter(function (c) { return c.getClientRects().length > 0; })"
        "  .map(function (c) { return c.getAttribute('data-result'); });"
    )


def move(browser, event_id: str, key: str, times: int) -> None:
    """Focus the card and press Alt+key `times` times, as a keyboard user does."""
    card = browser.driver.find_element(By.CSS_SELECTOR, f'.quiz-card[data-event="{event_id}"]')
    browser.js("arguments[0].focus();", card)
    for _ in range(times):
        ActionChains(browser.driver).key_down(Keys.ALT).send_keys(key).key_up(Keys.ALT).perform()


def arrange(browser, order: list[str]) -> None:
    """Put the cards in `order` with Alt+ArrowUp only (each card moved up to its place, top first)."""
    for target, event_id in enumerate(order):
        at = card_ids(browser).index(event_id)
        move(browser, event_id, Keys.ARROW_UP, at - target)
        assert card_ids(browser)[target] == event_id
