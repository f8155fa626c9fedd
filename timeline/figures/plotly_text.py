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
