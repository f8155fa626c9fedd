"""The language switcher in every page's header: English, Français, العربية.

Each language is named in itself, so a reader finds theirs whatever language the page is in. A choice is a
plain link to the same page and view with `lang` set: the page reloads in that language (and direction),
and works with JavaScript off; assets/keyboard.js only brings the live view's latest filters along.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from dash import html

from timeline import i18n
from timeline.i18n import gettext as _

NAMES = {"en": "English", "fr": "Français", "ar": "العربية"}


def language_href(path: str, search: str | None, lang: str) -> str:
    """The same page and view in `lang`: the query kept, `lang` replaced (after `collection`, as links write it)."""
    pairs = [(key, value) for key, value in parse_qsl((search or "").lstrip("?"), keep_blank_values=False)]
    kept = [(key, value) for key, value in pairs if key != "lang"]
    at = 1 if kept and kept[0][0] == "collection" else 0
    kept.insert(at, ("lang", lang))
    return f"{path}?{urlencode(kept)}"


def language_switch(path: str, search: str | None) -> html.Nav:
    current = i18n.current()
    links = []
    for lang in i18n.LANGUAGES:
        attributes = {"lang": lang, "hrefLang": lang, "className": "lang-choice"}
        if lang == current:
            attributes["aria-current"] = "true"
            attributes["className"] += " current"
        links.append(html.A(NAMES[lang], href=language_href(path, search, lang), **attributes))
    return html.Nav(links, className="lang-switch", **{"aria-label": _("Language")})
