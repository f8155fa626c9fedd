"""A Dash page as plain HTML: the page a reader sees before any script has run.

The first HTTP response carries this rendering of the very components the
Dash renderer will draw a moment later (the same classes, the same event list
markup, graphs as boxes of their final height), so the text paints at once,
the page stays a usable chronology with JavaScript off, and nothing moves when
Dash takes over (assets/style.css swaps the two; assets/static-page.js then
removes this copy).

html elements are written by render.py, as for the lesson file; this module
adds the dcc components a page holds. Ids are left out, so nothing in the page
is found twice; only the targets of in-page links keep theirs, and only until
the live page is there.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from dash.development.base_component import Component

from timeline.web.components.render import attribute, to_html

# State kept by the renderer, nothing to show.
_NOTHING = {"Store", "Location", "Download", "Interval"}


def render(tree: object, anchors: frozenset[str] = frozenset(), styles: dict[str, dict] | None = None) -> str:
    """HTML for `tree` (a component, text, a number or a list of them); ids in `anchors` are kept; `styles`
    adds to the style of the graphs whose ids it names (what only the plain copy needs)."""
    extra = styles or {}

    def dcc_part(component: Component, children: Callable[[object], str]) -> str:
        return _dcc(component, children, extra.get(getattr(component, "id", None), {}))

    return to_html(tree, other=dcc_part, keep_id=lambda value: isinstance(value, str) and value in anchors)


def link_targets(tree: object) -> frozenset[str]:
    """The ids that the tree's own links point at (href="#id")."""
    found: set[str] = set()
    for component in _walk(tree):
        href = getattr(component, "href", None)
        if isinstance(href, str) and href.startswith("#") and len(href) > 1:
            found.add(href[1:])
    return frozenset(found)


def _walk(tree: object):
    if isinstance(tree, (list, tuple)):
        for item in tree:
            yield from _walk(item)
    elif isinstance(tree, Component):
        yield tree
        yield from _walk(getattr(tree, "children", None))


def _dcc(component: Component, children: Callable[[object], str], style: dict) -> str:
    kind = component._type
    if kind in _NOTHING:
        return ""
    if kind == "Markdown":
        return _markdown(component)
    if kind == "Graph":
        return _graph(component, style)
    if kind == "Dropdown":
        return _dropdown(component)
    if kind == "Input":
        return _input(component)
    # Upload and the like: their content, in a box with their class.
    return f"<div{attribute('class', getattr(component, 'className', None))}>{children(component.children)}</div>"


def _markdown(component: Component) -> str:
    text = component.children if isinstance(component.children, str) else ""
    # Our Markdown blocks are HTML we built and escaped ourselves (event_list, source_reader).
    body = text if getattr(component, "dangerously_allow_html", False) else f"<p>{escape(text)}</p>"
    return f"<div{attribute('class', getattr(component, 'className', None))}>{body}</div>"


def _graph(component: Component, extra: dict) -> str:
    figure = getattr(component, "figure", None) or {}
    layout = figure.get("layout", {}) if isinstance(figure, dict) else figure.layout
    height = layout.get("height") if isinstance(layout, dict) else layout.height
    classes = " ".join(
        part for part in ("dash-graph", getattr(component, "className", None), "graph-placeholder") if part
    )
    style = {**(getattr(component, "style", None) or {}), "height": f"{height or 450}px", **extra}
    return (
        f"<div{attribute('class', classes)}{attribute('style', style)}>"
        '<p class="graph-note">This chart is drawn by JavaScript; the list has every event.</p></div>'
    )


def _dropdown(component: Component) -> str:
    value = getattr(component, "value", None)
    chosen = value if isinstance(value, list) else [] if value in (None, "") else [value]
    labels = {option["value"]: option["label"] for option in getattr(component, "options", None) or []}
    shown = ", ".join(str(labels.get(v, v)) for v in chosen) or getattr(component, "placeholder", None) or ""
    return f'<div class="static-dropdown">{escape(shown)}</div>'


def _input(component: Component) -> str:
    props = {name: getattr(component, name, None) for name in ("type", "value", "placeholder", "min", "max")}
    written = "".join(attribute(name, value) for name, value in props.items())
    return f"<input{written}{attribute('class', getattr(component, 'className', None))}>"
