"""The ordering quiz as html components: the /quiz page and the lesson file build it here.

The cards show a title and a summary, never a date. The answers (intervals,
dates as written, quotes) travel encoded in `data-answers` and are decoded by
assets/quiz.js only when the student presses Check (see quiz.encode_answers).

The sentences quiz.js writes after the check ("Right.", "Move it up: ...", the score) travel in
`data-text`: JSON of templates in the reader's language, made here from the catalog, whose `{span}`,
`{names}`... quiz.js fills in. Without the attribute, quiz.js writes them in English.
"""

from __future__ import annotations

import json

from dash import html

from timeline.formats.quiz import QuizCard, encode_answers, scrambled
from timeline.i18n import gettext as _
from timeline.i18n import lazy_gettext, ngettext
from timeline.i18n.words import number

# Translators: keep the key names (Tab, Alt+↑, Alt+↓); "Check" is the name of the quiz's button.
HOW_TO = lazy_gettext(
    "Put the events in the order they happened: move a card with its ↑ and ↓ buttons, drag it (on a touch "
    "screen: press its handle ≡, hold, then drag), or focus it (Tab) and press Alt+↑ or Alt+↓. "
    "Then press Check."
)
RULE = lazy_gettext(
    "Where the source gives only a year or a range, two events whose dates overlap may come in either order: "
    "both count as right. The cards marked wrong are the fewest that must move for the whole list to be an "
    "order the sources allow."
)


def _slots(template: str, *names: str) -> str:
    """A translated message with its %(name)s placeholders turned into the {name} slots quiz.js fills."""
    return template % {name: "{" + name + "}" for name in names}


def quiz_text(count: int) -> dict:
    """What quiz.js writes, in the current language, for a quiz of `count` cards (the keys of its ENGLISH)."""
    return {
        # Translators: the quiz's verdict on a card in a possible place.
        "right": _("Right."),
        "rightOverlap": _slots(
            # Translators: the verdict on a card in a possible place whose loose date lets it swap with others:
            # %(span)s is its date in words, as on its own ('2012–2014'; French 'entre 2012 et 2014', 'dans les
            # années 2000'), %(names)s the other cards ('“A” (2013) and “B” (2014)').
            _("Right. The source dates this only to %(span)s, which overlaps %(names)s: either may come first."),
            "span",
            "names",
        ),
        # Translators: the verdict on a card placed too low: %(names)s are the cards it must move above;
        # %(span)s is its date in words, as on its own (French 'entre 2012 et 2014').
        "moveUp": _slots(_("Move it up: the source dates it (%(span)s) before %(names)s."), "span", "names"),
        # Translators: the verdict on a card placed too high: %(names)s are the cards it must move below.
        "moveDown": _slots(_("Move it down: the source dates it (%(span)s) after %(names)s."), "span", "names"),
        "noOrder": _slots(_("Not in a possible order with the cards around it (%(span)s)."), "span"),
        # Translators: the mark on a card after the check.
        "markRight": _("✓ right"),
        # Translators: the mark on a card after the check.
        "markWrong": _("✗ wrong"),
        # Translators: the score after the check: '7 of 8 in a possible order'.
        "score": _slots(_("%(right)s of %(total)s in a possible order"), "right", "total"),
        # Translators: read by a screen reader after a card moves: '“JNIM created” is now 3 of 10.'
        "moved": _slots(_("“%(title)s” is now %(position)s of %(total)s."), "title", "position", "total"),
        # Translators: a card named in a verdict.
        "title": _slots(_("“%(title)s”"), "title"),
        # Translators: a card named in a verdict, with its date: '“Al Murabitun founded” (2013)'.
        "titleSpan": _slots(_("“%(title)s” (%(span)s)"), "title", "span"),
        # Translators: two cards named in a verdict: '“A” and “B”'.
        "two": _slots(_("%(first)s and %(second)s"), "first", "second"),
        # Translators: more than two cards named in a verdict: '“A”, “B” and 3 more'; %(rest)s is '3 more'.
        "three": _slots(_("%(first)s, %(second)s and %(rest)s"), "first", "second", "rest"),
        # Translators: the cards not named in a verdict: '“A”, “B” and 3 more'.
        "more": {str(n): ngettext("%(n)s more", "%(n)s more", n) % {"n": number(n)} for n in range(1, count - 1)},
    }


def quiz_section(title: str, cards: list[QuizCard], salt: str = "") -> html.Section:
    payload, key = encode_answers(cards)
    items = [_card(card) for card in scrambled(cards, salt)]
    return html.Section(
        [
            # Translators: before the lesson's title, as the quiz's heading: 'Put in order: From GSPC to JNIM'.
            html.H1([_("Put in order:") + " ", html.Bdi(title)], className="quiz-title", tabIndex=-1),
            html.P(str(HOW_TO), className="quiz-how"),
            html.P(str(RULE), className="quiz-rule"),
            # Above the cards and sticky: Check and the score stay in view however long the list.
            html.Div(
                [
                    # Translators: the quiz's button that marks the cards (HOW_TO says "press Check").
                    html.Button(_("Check"), className="quiz-check", **{"data-action": "check"}),
                    html.Button(_("Shuffle again"), className="quiz-shuffle", **{"data-action": "shuffle"}),
                    html.P(className="quiz-score", role="status", **{"aria-live": "polite"}),
                ],
                className="quiz-controls",
            ),
            html.Ol(items, className="quiz-cards", **{"aria-label": _("Cards to put in order, earliest first")}),
            # Translators: read by a screen reader after a card moves, until the card's new place is said.
            html.P(_("Moved."), className="quiz-sr", role="status", **{"aria-live": "polite"}),
        ],
        className="quiz",
        **{
            "data-answers": payload,
            "data-key": key,
            "data-text": json.dumps(quiz_text(len(cards)), ensure_ascii=False, separators=(",", ":")),
            "aria-label": _("Ordering quiz"),
        },
    )


def move_buttons(class_name: str) -> html.Div:
    """An item's ↑ and ↓ buttons (assets/reorder.js moves it): one tap each, no drag needed (WCAG 2.5.7)."""
    return html.Div(
        [
            html.Button(
                [html.Span(arrow, **{"aria-hidden": "true"}), html.Span(label, className="sr-only")],
                type="button",
                className="move-button",
                title=label,
                **{"data-action": action},
            )
            for arrow, label, action in (("↑", _("Move up"), "move-up"), ("↓", _("Move down"), "move-down"))
        ],
        className=class_name,
    )


def _card(card: QuizCard) -> html.Li:
    return html.Li(
        [
            # The touch handle: press, hold and drag (touch-action: none here only, so the page still scrolls).
            html.Span("≡", className="quiz-grip", **{"aria-hidden": "true", "data-reorder-handle": "true"}),
            html.Div(
                [
                    html.H2(card.title, className="quiz-card-title", dir="auto"),
                    html.P(card.summary, className="quiz-card-summary", dir="auto"),
                    html.Div(className="quiz-reveal"),  # filled by quiz.js after the check
                ],
                className="quiz-card-body",
            ),
            html.Span(className="quiz-mark", **{"aria-hidden": "true"}),
            move_buttons("quiz-move"),
        ],
        className="quiz-card",
        tabIndex=0,
        draggable="true",
        **{"data-event": card.id, "aria-label": card.title},
    )
