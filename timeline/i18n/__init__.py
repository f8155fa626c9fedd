"""The interface in English, French and Arabic (issue #17): catalogs, the current language, choosing one.

Use::

    from timeline import i18n
    from timeline.i18n import _, lazy_gettext, ngettext

    lang = i18n.negotiate(request.args.get("lang"), request.headers.get("Accept-Language"))
    with i18n.use(lang):  # per request or callback: see "The current language" below
        label = _("Search")
        count = ngettext("%(n)s event", "%(n)s events", n) % {"n": n}
        html_attrs = {"lang": lang, "dir": i18n.direction(lang)}

    TITLE = lazy_gettext("Events")  # module level: str(TITLE) gives the language current at that moment

Dash cannot serialise a lazy string: pass ``str(TITLE)`` to a component, not ``TITLE``.

Catalogs. English is the source language: a msgid is the English text, and English needs no catalog.
French and Arabic are gettext catalogs kept in the repository, ``locales/<lang>/LC_MESSAGES/messages.po``,
made from the template ``messages.pot``. They are compiled in memory the first time a language is used
(read_po -> write_mo into a buffer -> babel.support.Translations), once per process, so there is no build
step and nothing is written at run time. Fuzzy entries are skipped (the English text shows) and a
malformed catalog raises CatalogError naming its file and line.

Workflow, after marking strings with ``_``, ``gettext``, ``ngettext``, ``pgettext`` or ``lazy_gettext``
(string literals only, so extraction can read them)::

    python -m timeline.i18n.catalog update   # timeline/**.py -> messages.pot -> fr and ar .po (new entries empty)

then fill the empty and fuzzy entries of both .po files (remove the ``#, fuzzy`` line once checked), and
``python -m timeline.i18n.catalog check``, which tests/test_i18n.py also runs, until it reports nothing.

Arabic plural forms. Arabic has six (zero, one, two, few = 3-10, many = 11-99, other = 100-102, ...);
the catalog header carries the CLDR rule in that order. Babel 2.18 writes a rule with "many" and
"other" swapped (python-babel/babel#816), so ``catalog update`` writes PLURAL_FORMS["ar"] instead, and a
test compares it with Babel's CLDR rule, ``Locale("ar").plural_form``, for every n up to 10000.

The current language lives in a ContextVar: each thread and each asyncio task sees its own. Prefer
``with use(lang):`` around the work of one request to ``set_language(lang)``: a server thread that
serves several requests in turn (gunicorn's sync workers) would otherwise carry one reader's language
into the next request.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import io
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import LazyProxy, NullTranslations, Translations

LANGUAGES = ("en", "fr", "ar")
DEFAULT = "en"

# The CLDR locale each language's dates and direction come from. Arabic: Algeria's, whose month names
# (جانفي فيفري مارس ...) are those of Algeria and Tunisia, written with Latin digits: see timeline.i18n.dates.
CLDR_LOCALES = {"en": "en", "fr": "fr", "ar": "ar_DZ"}

HERE = Path(__file__).resolve().parent
LOCALES_DIR = HERE / "locales"
TEMPLATE = HERE / "messages.pot"
DOMAIN = "messages"

# The Plural-Forms header of each catalog, in CLDR's order of categories.
PLURAL_FORMS = {
    "fr": "nplurals=2; plural=(n > 1);",
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);",
}

_LANGUAGE: contextvars.ContextVar[str] = contextvars.ContextVar("timeline_language", default=DEFAULT)
# Whether the reader chose the language in the URL (?lang=): then every link carries it, even English.
_IN_URL: contextvars.ContextVar[bool] = contextvars.ContextVar("timeline_language_in_url", default=False)


class CatalogError(ValueError):
    """A .po catalog that cannot be used: the message names the file and the line."""

    def __init__(self, path: Path | str, line: int | None, problem: str) -> None:
        self.path, self.line, self.problem = Path(path), line, problem
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {problem}")


def _checked(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: expected one of {', '.join(LANGUAGES)}")
    return lang


def current() -> str:
    """The language of the interface now: 'en', 'fr' or 'ar'."""
    return _LANGUAGE.get()


def set_language(lang: str) -> contextvars.Token:
    """Make `lang` current in this context; the token returned can undo it (`_LANGUAGE.reset`). See use()."""
    return _LANGUAGE.set(_checked(lang))


@contextlib.contextmanager
def use(lang: str, in_url: bool = False) -> Iterator[str]:
    """`with use("fr"):` - French inside the block, the previous language after it, even on an exception.

    `in_url`: the reader chose it in the URL, so the links written inside the block keep it (url_language).
    """
    token = _LANGUAGE.set(_checked(lang))
    url_token = _IN_URL.set(in_url)
    try:
        yield lang
    finally:
        _IN_URL.reset(url_token)
        _LANGUAGE.reset(token)


def url_language() -> str | None:
    """The `lang` a link written now should carry: a language the URL chose, or any but the default.

    A reader whose browser asks for French gets links with ?lang=fr, so a link they share opens in French;
    English from the browser's preference leaves URLs plain.
    """
    lang = _LANGUAGE.get()
    return lang if _IN_URL.get() or lang != DEFAULT else None


def locale(lang: str | None = None) -> Locale:
    """The Babel Locale for a language (default: the current one), for formatting numbers or dates."""
    return _locale(_checked(lang or current()))


@functools.cache
def _locale(lang: str) -> Locale:
    return Locale.parse(CLDR_LOCALES[lang])


def direction(lang: str | None = None) -> str:
    """'rtl' for Arabic, 'ltr' otherwise: the value of <html dir>. Default: the current language."""
    return "rtl" if locale(lang).text_direction == "rtl" else "ltr"


def catalog_path(lang: str) -> Path:
    """Where the .po catalog of a language is kept (English has none: its msgids are the text)."""
    return LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def translations(lang: str) -> NullTranslations:
    """The compiled catalog of a language, loaded once per process; English: the msgids themselves."""
    if _checked(lang) == DEFAULT:
        return NullTranslations()
    return load_catalog(catalog_path(lang))


# One line of a .po file: a comment, a keyword and its quoted string, or a quoted continuation.
_PO_LINE = re.compile(r'^\s*(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*$')


def load_catalog(path: Path | str) -> Translations:
    """Compile one .po file in memory, skipping fuzzy entries; CatalogError names the file and line of a mistake.

    Babel's reader passes over some mistakes (an unquoted or unterminated string loses its entry
    without a word), so every line is first checked for the shape gettext gives it.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogError(path, None, f"cannot be read as UTF-8 text ({exc})") from exc
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if line.strip() and not line.lstrip().startswith("#") and not _PO_LINE.match(line):
            raise CatalogError(path, number, f"not a gettext line (keyword and quoted string expected): {line!r}")
    try:
        catalog = read_po(io.StringIO(text), abort_invalid=True)
    except PoFileError as exc:
        raise CatalogError(path, exc.lineno + 1, f"{str(exc).rsplit(' on ', 1)[0]}: {exc.line.strip()!r}") from exc
    except ValueError as exc:  # the header: Plural-Forms with a count that is not a number
        raise CatalogError(path, _header_line(lines), f"bad header ({exc})") from exc
    for message, errors in catalog.check():
        if errors and not message.fuzzy:
            raise CatalogError(path, message.lineno, f"{errors[0]} in the entry for {message.id!r}")
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    try:
        return Translations(fp=buffer, domain=DOMAIN)
    except (ValueError, SyntaxError) as exc:  # gettext's reading of the Plural-Forms expression
        raise CatalogError(path, _header_line(lines), f"bad Plural-Forms header ({exc})") from exc


def _header_line(lines: list[str]) -> int | None:
    return next((n for n, line in enumerate(lines, start=1) if "Plural-Forms" in line), None)


def gettext(message: str) -> str:
    """`message` (English) in the current language; the English itself when the catalog has no translation."""
    return translations(current()).gettext(message)


_ = gettext


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for `n` in the current language (Arabic has six); format it yourself: `% {"n": n}`."""
    return translations(current()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """gettext for an English text that needs different words in another language depending on `context`."""
    return translations(current()).pgettext(context, message)


def lazy_gettext(message: str) -> LazyProxy:
    """gettext at str() time, not now: for module-level constants, read in whichever language is current then."""
    return LazyProxy(gettext, message, enable_cache=False)


def word_for(words: Mapping[str, object], key: str) -> str:
    """The word `words` (lazy messages by key) gives `key` in the current language; a key it lacks, as it is."""
    word = words.get(key)
    return str(word) if word is not None else key


def lazy_pgettext(context: str, message: str) -> LazyProxy:
    """pgettext at str() time: a module-level constant whose words depend on `context` in other languages."""
    return LazyProxy(pgettext, context, message, enable_cache=False)


# -- Choosing a language -------------------------------------------------------------------------

_TAG = re.compile(r"^(?:[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8})*|\*)$")
_MAX_HEADER = 4096  # a real Accept-Language is a few dozen characters; anything longer is cut here
_MAX_ITEMS = 32


def _language_of(tag: str) -> str | None:
    """'fr-CA' -> 'fr'; None when the primary subtag is not one of LANGUAGES."""
    primary = tag.strip().replace("_", "-").split("-", 1)[0].lower()
    return primary if primary in LANGUAGES else None


def _accepted(header: str) -> list[str]:
    """Accept-Language's tags, most wanted first (RFC 9110: q from 0 to 1, 1 by default, 0 = not wanted)."""
    ranked = []
    for position, item in enumerate(header[:_MAX_HEADER].split(",")[:_MAX_ITEMS]):
        tag, *params = (part.strip() for part in item.split(";"))
        if not _TAG.match(tag):
            continue
        quality = 1.0
        for param in params:
            name, _sep, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = -1.0
        if 0 < quality <= 1:  # also drops nan and a q that is not a number
            ranked.append((-quality, position, tag))
    return [tag for _q, _p, tag in sorted(ranked)]


def chosen(lang_param: str | None) -> str | None:
    """The language a `?lang=` value names ('fr', 'AR', 'fr-CA' -> 'fr'), or None for none or garbage."""
    if isinstance(lang_param, str) and len(lang_param) <= 64 and _TAG.match(lang_param.strip()):
        return _language_of(lang_param)
    return None


def negotiate(lang_param: str | None, accept_language: str | None) -> str:
    """The interface language: a valid `?lang=` (fr, AR, fr-CA...), else the best of Accept-Language, else English.

    Never raises: anything unreadable counts as absent.
    """
    lang = chosen(lang_param)
    if lang:
        return lang
    if isinstance(accept_language, str):
        for tag in _accepted(accept_language):
            if tag == "*":
                return DEFAULT
            lang = _language_of(tag)
            if lang:
                return lang
    return DEFAULT


__all__ = [
    "CLDR_LOCALES",
    "DEFAULT",
    "LANGUAGES",
    "PLURAL_FORMS",
    "CatalogError",
    "_",
    "catalog_path",
    "chosen",
    "current",
    "direction",
    "gettext",
    "lazy_gettext",
    "lazy_pgettext",
    "load_catalog",
    "locale",
    "negotiate",
    "ngettext",
    "pgettext",
    "set_language",
    "translations",
    "url_language",
    "use",
    "word_for",
]
