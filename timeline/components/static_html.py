"""A Dash layout as plain HTML: the page a reader sees before any script has run.

The first HTTP response carries this rendering of the very components the
Dash renderer will draw a moment later (the same classes, the same event list
markup, graphs as boxes of their final height), so the text paints at once,
the page stays a usable chronology with JavaScript off, and nothing moves when
Dash takes over (assets/style.css hides this copy then; assets/keyboard.js
removes it).

Ids are left out, so nothing in the page is found twice; only the targets of
in-page links keep theirs, and only until the live page is there.
"""

from __future__ import annotations

import re
from html import escape

from dash.development.base_component import Component

# Void elements take no closing tag.
_VOID = {"br", "hr", "img", "input", "col", "wbr", "area", "source", "track"}
# Dash-only props: state the renderer keeps, never HTML attributes.
_SKIP = {"children", "id", "n_clicks", "n_clicks_timestamp", "disable_n_clicks", "loading_state", "setProps"}
_RENAME = {"className": "class", "htmlFor": "for", "accessKey": "accesskey", "tabIndex": "tabindex"}
_NOTHING = {"Store", "Location", "Download", "Interval"}
_CAMEL = re.compile("[A-Z]")


def render(tree: object, anchors: frozenset[str] = frozenset()) -> str:
    """HTML for `tree` (a component, text, a number or a list of them); ids in `anchors` are kept."""
    out: list[str] = []
    _render(tree, anchors, out)
    return "".join(out)


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


def _render(tree: object, anchors: frozenset[str], out: list[str]) -> None:
    if tree is None or isinstance(tree, bool):
        return
    if isinstance(tree, (list, tuple)):
        for item in tree:
            _render(item, anchors, out)
        return
    if not isinstance(tree, Component):
        out.append(escape(str(tree), quote=False))
        return
    kind = tree._type
    if kind in _NOTHING:
        return
    if tree._namespace == "dash_html_components":
        _element(kind.lower(), tree, anchors, out)
    elif kind == "Markdown":
        _markdown(tree, out)
    elif kind == "Graph":
        _graph(tree, out)
    elif kind == "Dropdown":
        _dropdown(tree, out)
    elif kind == "Input":
        _input(tree, out)
    else:  # Upload and the like: their content, in a box with their class
        out.append(f"<div{_attrs({'class': getattr(tree, 'className', None)})}>")
        _render(getattr(tree, "children", None), anchors, out)
        out.append("</div>")


def _element(tag: str, component: Component, anchors: frozenset[str], out: list[str]) -> None:
    props = component.to_plotly_json()["props"]
    attrs: dict[str, object] = {}
    if isinstance(props.get("id"), str) and props["id"] in anchors:
        attrs["id"] = props["id"]
    for name, value in props.items():
        if name in _SKIP or value is None:
            continue
        if name == "style":
            attrs["style"] = _style(value)
        else:
            attrs[_RENAME.get(name, name)] = value
    out.append(f"<{tag}{_attrs(attrs)}>")
    if tag in _VOID:
        return
    _render(props.get("children"), anchors, out)
    out.append(f"</{tag}>")


def _markdown(component: Component, out: list[str]) -> None:
    text = component.children if isinstance(component.children, str) else ""
    # Our Markdown blocks are HTML we built and escaped ourselves (event_list, source_reader).
    body = text if getattr(component, "dangerously_allow_html", False) else f"<p>{escape(text)}</p>"
    out.append(f"<div{_attrs({'class': getattr(component, 'className', None)})}>{body}</div>")


def _graph(component: Component, out: list[str]) -> None:
    figure = getattr(component, "figure", None) or {}
    layout = figure.get("layout", {}) if isinstance(figure, dict) else figure.layout
    height = layout.get("height") if isinstance(layout, dict) else layout.height
    classes = " ".join(
        part for part in ("dash-graph", getattr(component, "className", None), "graph-placeholder") if part
    )
    style = _style({**(getattr(component, "style", None) or {}), "height": f"{height or 450}px"})
    out.append(
        f"<div{_attrs({'class': classes, 'style': style})}>"
        '<p class="graph-note">This chart is drawn by JavaScript; the list has every event.</p></div>'
    )


def _dropdown(component: Component, out: list[str]) -> None:
    value = getattr(component, "value", None)
    chosen = value if isinstance(value, list) else [] if value in (None, "") else [value]
    labels = {option["value"]: option["label"] for option in getattr(component, "options", None) or []}
    shown = ", ".join(str(labels.get(v, v)) for v in chosen) or getattr(component, "placeholder", None) or ""
    out.append(f'<div class="static-dropdown">{escape(shown)}</div>')


def _input(component: Component, out: list[str]) -> None:
    attrs = {
        name: getattr(component, name, None) for name in ("type", "value", "placeholder", "min", "max", "className")
    }
    attrs["class"] = attrs.pop("className")
    out.append(f"<input{_attrs(attrs)}>")


def _style(style: dict) -> str:
    return "; ".join(f"{_kebab(key)}: {value}" for key, value in style.items())


def _kebab(name: str) -> str:
    return _CAMEL.sub(lambda upper: "-" + upper.group(0).lower(), name)


def _attrs(attrs: dict[str, object]) -> str:
    parts = []
    for name, value in attrs.items():
        if value is None or value is False:
            continue
        if value is True:
            parts.append(f" {name}")
        else:
            parts.append(f' {name}="{escape(str(value))}"')
    return "".join(parts)
