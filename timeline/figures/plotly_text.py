"""Text that goes into a plotly figure: event text is text, never markup.

Plotly renders a subset of HTML in hover templates, labels and annotations
(<b>, <br>, <a href>...) and decodes entities, so every string that comes from
a collection is escaped here before a figure carries it.
"""

from __future__ import annotations

from html import escape

# Average glyph widths in em for a sans-serif UI font (DejaVu Sans, the widest of the usual
# system fonts): the timeline packs its labels with these, so a label never runs into the next.
_NARROW = set("ijlI.,:;'!|()[]{} ")
_SEMI = set('frt-"`/\\')
_WIDE = set("mwMW@%")
LABEL_FONT_PX = 12
# How far text_width_px's upper estimate may overshoot what a browser draws: 'State response', estimated at
# 110 px at 14 px, is drawn 105 px wide in headless Chromium, whole inside the timeline's 112 px margin.
ESTIMATE_SLACK = 1.15


def plotly_text(value: object) -> str:
    """`value` as plotly shows it literally: &, < and > escaped."""
    return escape(str(value), quote=False)


def text_width_px(text: str, font_px: float = LABEL_FONT_PX) -> float:
    """An upper estimate of how wide `text` is drawn, in pixels."""
    em = 0.0
    for char in text:
        if char in _NARROW:
            em += 0.34
        elif char in _SEMI:
            em += 0.45
        elif char in _WIDE:
            em += 0.95
        elif char.isupper() or char.isdigit():
            em += 0.7
        else:
            em += 0.61
    return em * font_px


def shortened(text: str, room_px: float, font_px: float = LABEL_FONT_PX) -> str:
    """`text` cut at a word so that it, and an ellipsis, fit `room_px`; as it is when it fits already."""
    if text_width_px(text, font_px) <= room_px:
        return text
    words = text.split(" ")
    while len(words) > 1 and text_width_px(" ".join(words) + "…", font_px) > room_px:
        words.pop()
    cut = " ".join(words)
    while len(cut) > 1 and text_width_px(cut + "…", font_px) > room_px:
        cut = cut[:-1]  # a single word longer than the room
    return cut.rstrip(" ,;:") + "…"


def fitted_tick(text: str, room_px: float, font_px: float = 14, smallest_px: float = 10) -> str:
    """A tick label that fits `room_px` (a fixed margin): as it is, in a smaller font, or on two lines.

    Category names are longer in French and Arabic ('Réponse de l’État') than in English, and the
    timeline's left margin is fixed so its time axis lines up with the lineage chart's.
    text_width_px is an upper bound (the widest usual font), so a label up to ESTIMATE_SLACK over
    the room still fits on screen: English 'State response' stays as it always was.
    """
    width = text_width_px(text, font_px) / ESTIMATE_SLACK
    if width <= room_px:
        return plotly_text(text)
    size = font_px * room_px / width
    if size >= smallest_px:
        return f'<span style="font-size:{size:.1f}px">{plotly_text(text)}</span>'
    words = text.split(" ")
    if len(words) == 1:
        return f'<span style="font-size:{smallest_px:.1f}px">{plotly_text(text)}</span>'
    half = len(words) // 2  # two lines at the smallest size: split near the middle
    lines = [" ".join(words[:half]), " ".join(words[half:])]
    return f'<span style="font-size:{smallest_px:.1f}px">{"<br>".join(plotly_text(line) for line in lines)}</span>'


def wrapped(text: str, room_px: float, font_px: float = LABEL_FONT_PX) -> str:
    """`text` escaped for plotly, broken into lines (at words) that each fit `room_px`: plotly never wraps."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and text_width_px(f"{lines[-1]} {word}", font_px) <= room_px:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "<br>".join(plotly_text(line) for line in lines)
