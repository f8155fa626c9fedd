"""The ordering quiz as html components: the /quiz page and the lesson file build it here.

The cards show a title and a summary, never a date. The answers (intervals,
dates as written, quotes) travel encoded in `data-answers` and are decoded by
assets/quiz.js only when the student presses Check (see quiz.encode_answers).
"""

from __future__ import annotations

from dash import html

from timeline.formats.quiz import QuizCard, encode_answers, scrambled

HOW_TO = (
    "Put the events in the order they happened: drag a card, or focus it (Tab) and press Alt+↑ or Alt+↓ "
    "to move it. Then press Check."
)
RULE = (
    "Where the source gives only a year or a range, two events whose dates overlap may come in either order: "
    "both count as right. The cards marked wrong are the fewest that must move for the whole list to be an "
    "order the sources allow."
)


def quiz_section(title: str, cards: list[QuizCard], salt: str = "") -> html.Section:
    payload, key = encode_answers(cards)
    items = [_card(card) for card in scrambled(cards, salt)]
    return html.Section(
        [
            html.H1(["Put in order: ", title], className="quiz-title", tabIndex=-1),
            html.P(HOW_TO, className="quiz-how"),
            html.P(RULE, className="quiz-rule"),
            # Above the cards and sticky: Check and the score stay in view however long the list.
            html.Div(
                [
                    html.Button("Check", className="quiz-check", **{"data-action": "check"}),
                    html.Button("Shuffle again", className="quiz-shuffle", **{"data-action": "shuffle"}),
                    html.P(className="quiz-score", role="status", **{"aria-live": "polite"}),
                ],
                className="quiz-controls",
            ),
            html.Ol(items, className="quiz-cards", **{"aria-label": "Cards to put in order, earliest first"}),
            html.P("Moved.", className="quiz-sr", role="status", **{"aria-live": "polite"}),
        ],
        className="quiz",
        **{"data-answers": payload, "data-key": key, "aria-label": "Ordering quiz"},
    )


def _card(card: QuizCard) -> html.Li:
    return html.Li(
        [
            html.Span("≡", className="quiz-grip", **{"aria-hidden": "true"}),
            html.Div(
                [
                    html.H2(card.title, className="quiz-card-title"),
                    html.P(card.summary, className="quiz-card-summary"),
                    html.Div(className="quiz-reveal"),  # filled by quiz.js after the check
                ],
                className="quiz-card-body",
            ),
            html.Span(className="quiz-mark", **{"aria-hidden": "true"}),
        ],
        className="quiz-card",
        tabIndex=0,
        draggable="true",
        **{"data-event": card.id, "aria-label": card.title},
    )
