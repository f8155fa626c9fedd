"""Dash html components -> an HTML string, so one builder serves a Dash page and plain HTML.

The slide and quiz builders return `dash.html` trees; the app sends them to the
browser as Dash layout, and the lesson file (web/lessonfile.py) writes them out with
`to_html`. Every text and attribute value is escaped here, as React escapes
them in the app: event text never becomes markup. Only `dash.html` elements
are rendered unless the caller says how to write the others (static_html.py
does, for the page the app's first response carries); by default anything else
(a dcc.Graph, a Store) is refused, so a builder that needs Dash cannot slip
into the lesson file unnoticed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html import escape

from dash.development.base_component import Component

# Elements with no end tag.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Dash prop names that differ from their HTML attribute.
RENAMED = {"className": "class", "htmlFor": "for"}
# Props that are Dash's own, not attributes.
NOT_ATTRIBUTES = {"children", "n_clicks", "n_clicks_timestamp", "loading_state", "setProps", "disable_n_clicks"}
BOOLEAN = {"disabled", "hidden", "checked", "selected", "readonly", "required", "multiple", "open"}
SAFE_NAME = re.compile(r"^[a-zA-Z][a-zA-Z0-9_:.-]*$")


class NotRenderable(TypeError):
    """A component that is not a plain `dash.html` element."""


def to_html(
    node,
    other: Callable[[Component, Callable], str] | None = None,
    keep_id: Callable[[object], bool] = lambda _id: True,
) -> str:
    """HTML text of a component tree (a component, a string or number, a list of them, or None).

    `other(component, render_children)` writes a component that is not a `dash.html` element (without
    it, such a component is refused); `keep_id(id)` says which ids are written.
    """
    if node is None or node is False:
        return ""
    if isinstance(node, str):
        return escape(node, quote=False)
    if isinstance(node, (int, float)):
        return escape(str(node), quote=False)
    if isinstance(node, (list, tuple)):
        return "".join(to_html(child, other, keep_id) for child in node)
    if not isinstance(node, Component):
        raise NotRenderable(f"cannot render {type(node).__name__}")
    if node._namespace != "dash_html_components":
        if other is None:
            raise NotRenderable(f"{node._namespace}.{node._type} has no static HTML form")
        return other(node, lambda children: to_html(children, other, keep_id))
    tag = node._type.lower()
    props = node.to_plotly_json()["props"]
    attributes = "".join(
        attribute(name, value)
        for name, value in props.items()
        if name not in NOT_ATTRIBUTES and (name != "id" or keep_id(value))
    )
    if tag in VOID:
        return f"<{tag}{attributes}>"
    return f"<{tag}{attributes}>{to_html(props.get('children'), other, keep_id)}</{tag}>"


def attribute(name: str, value) -> str:
    """` name="value"`, escaped, for a Dash prop; empty for None or False."""
    if value is None or value is False:
        return ""
    name = RENAMED.get(name, name)
    if not SAFE_NAME.match(name) or name.lower().startswith("on"):
        raise NotRenderable(f"attribute {name!r} is not allowed")
    if name == "style":
        value = ";".join(f"{_kebab(key)}:{val}" for key, val in value.items())
    elif name == "id" and isinstance(value, dict):
        # As Dash writes a pattern-matching id: JSON with sorted keys.
        value = json.dumps(value, sort_keys=True, separators=(",", ":"))
    elif name in ("href", "src", "action") and str(value).strip().lower().startswith(("javascript:", "vbscript:")):
        raise NotRenderable(f"{name}={value!r} would run code")
    if value is True:
        return f" {name}" if name in BOOLEAN else f' {name}="true"'
    return f' {name}="{escape(str(value), quote=True)}"'


def _kebab(name: str) -> str:
    return re.sub(r"[A-Z]", lambda match: "-" + match.group(0).lower(), name)
