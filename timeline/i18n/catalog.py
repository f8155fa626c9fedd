"""Keep the catalogs in step with the code: python -m timeline.i18n.catalog extract|update|check.

extract  timeline/**.py -> timeline/i18n/messages.pot (the English msgids, with their "Translators:" comments)
update   extract, then merge the template into each language's .po: new msgids come in empty (or fuzzy when
         Babel finds a close old one), msgids no longer in the code leave; the Plural-Forms header is set
         to timeline.i18n.PLURAL_FORMS
check    report what keeps a catalog from being complete (exit status 1 if anything):
         the template behind the code; a msgid missing, empty or fuzzy in a language; a translation whose
         %(name)s placeholders differ from its msgid's

Files are rewritten only when their messages change, so an update with nothing new leaves git clean.
"""

from __future__ import annotations

import argparse
import datetime
import gettext as gnu_gettext
import io
import re
import sys
import tomllib
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from timeline.i18n import DEFAULT, LANGUAGES, PLURAL_FORMS, TEMPLATE, catalog_path

PACKAGE = Path(__file__).resolve().parents[1]  # timeline/
ROOT = PACKAGE.parent

# The functions whose string arguments are messages: (1, 2) = singular and plural, (1, "c") = context.
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "lazy_gettext": None,
    "lazy_pgettext": ((1, "c"), 2),
}
COMMENT_TAG = "Translators:"
WIDTH = 100

TRANSLATED = tuple(lang for lang in LANGUAGES if lang != DEFAULT)
LANGUAGE_NAMES = {"fr": "French", "ar": "Arabic"}

TEMPLATE_HEADER = """\
# The interface messages of timeline in English: the template of every language's catalog.
# Written by `python -m timeline.i18n.catalog extract` from timeline/**.py; not edited by hand.
#"""
CATALOG_HEADER = """\
# The interface of timeline in {name}. Translate the empty entries here;
# `python -m timeline.i18n.catalog update` brings in new messages, `check` lists what is missing.
#"""


def _version() -> str:
    pyproject = ROOT / "pyproject.toml"
    return tomllib.loads(pyproject.read_text())["project"]["version"] if pyproject.exists() else "VERSION"


FIELDS = {"project": "timeline", "version": _version()}

# A Python %-placeholder, named or not: %(date)s, %s, %d; '%%' is a percent sign.
PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[#0\- +]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[diouxXeEfFgGcrsa%]")


def placeholders(text: str) -> set[str]:
    """{'%(date)s', ...}: the placeholders a message or translation formats."""
    return {match.group(0) for match in PLACEHOLDER.finditer(text) if match.group(0) != "%%"}


def extract(sources: Path = PACKAGE) -> Catalog:
    """The messages of timeline/**.py, as a template catalog (no translations)."""
    catalog = Catalog(header_comment=TEMPLATE_HEADER, charset="utf-8", **FIELDS)
    found = extract_from_dir(
        sources,
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=(COMMENT_TAG,),
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        location = (Path(sources.name, filename).as_posix(), lineno)
        catalog.add(message, None, [location], auto_comments=comments, context=context)
    return catalog


def keys(catalog: Catalog) -> set[tuple[str | None, str]]:
    """(context, singular msgid) of every message but the header."""
    return {(message.context, _singular(message.id)) for message in catalog if message.id}


def _singular(msgid: str | tuple[str, ...]) -> str:
    return msgid[0] if isinstance(msgid, tuple | list) else msgid


def _render(catalog: Catalog) -> str:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, sort_output=True, include_lineno=False, ignore_obsolete=True)
    return buffer.getvalue().decode("utf-8")


def _without_dates(text: str) -> str:
    return re.sub(r'^"(POT-Creation-Date|PO-Revision-Date): .*"$', "", text, flags=re.MULTILINE)


def _write_if_changed(path: Path, catalog: Catalog) -> bool:
    """Write `catalog` to `path` unless only its dates would change; True if written."""
    text = _render(catalog)
    if path.exists() and _without_dates(path.read_text(encoding="utf-8")) == _without_dates(text):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def write_template(path: Path = TEMPLATE, sources: Path = PACKAGE) -> bool:
    """Extract the sources into the template at `path`; True if it changed."""
    return _write_if_changed(path, extract(sources))


def read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def update(template: Path = TEMPLATE, languages: Iterable[str] = TRANSLATED) -> list[str]:
    """Merge the template into each language's catalog (creating it if need be); the paths written."""
    source = read(template)
    written = []
    for lang in languages:
        path = catalog_path(lang)
        if path.exists():
            catalog = read(path, lang)
        else:
            header = CATALOG_HEADER.format(name=LANGUAGE_NAMES.get(lang, lang))
            catalog = Catalog(locale=lang, header_comment=header, fuzzy=False, charset="utf-8", **FIELDS)
        catalog.update(source)
        headers = dict(catalog.mime_headers)
        headers["Plural-Forms"] = PLURAL_FORMS[lang]
        headers["Language"] = lang
        catalog.mime_headers = list(headers.items())
        catalog.revision_date = datetime.datetime.now(datetime.UTC)
        if _write_if_changed(path, catalog):
            written.append(str(path.relative_to(ROOT)))
    return written


def single_value_forms(plural_forms: str, limit: int = 10000) -> set[int]:
    """The plural forms chosen for one n only (Arabic's zero, one and two): these may leave the number out,
    'حدثان' (two events) rather than '2 حدث'."""
    expression = plural_forms.split("plural=", 1)[1].rstrip().rstrip(";")
    choose = gnu_gettext.c2py(expression)
    counts: dict[int, int] = {}
    for n in range(limit):
        form = choose(n)
        counts[form] = counts.get(form, 0) + 1
    return {form for form, count in counts.items() if count == 1}


def translation_problems(message: Message, single: set[int]) -> list[str]:
    """What keeps one entry of a language's catalog from being used: empty, fuzzy, placeholders."""
    name = repr(_singular(message.id)) + (f" (context {message.context!r})" if message.context else "")
    if message.fuzzy:
        return [f"{name} is fuzzy: check its translation, then remove the fuzzy flag"]
    problems = []
    if message.pluralizable:
        singular, plural = message.id[0], message.id[1]
        wanted = placeholders(singular) | placeholders(plural)
        for form, text in enumerate(message.string):
            if not text:
                problems.append(f"{name} has no translation for plural form {form}")
            elif not placeholders(text) <= wanted or (form not in single and placeholders(text) != wanted):
                problems.append(
                    f"{name} form {form} has placeholders {sorted(placeholders(text))}, not {sorted(wanted)}"
                )
    elif not message.string:
        problems.append(f"{name} has no translation")
    elif placeholders(message.string) != placeholders(message.id):
        problems.append(
            f"{name}: the translation has placeholders {sorted(placeholders(message.string))}, "
            f"not {sorted(placeholders(message.id))}"
        )
    return problems


def check(template: Path = TEMPLATE, sources: Path = PACKAGE, languages: Iterable[str] = TRANSLATED) -> list[str]:
    """Every reason the catalogs are not complete; an empty list when they are."""
    problems = []
    pot = read(template)
    in_code, in_template = keys(extract(sources)), keys(pot)
    for context, msgid in sorted(in_code - in_template, key=str):
        problems.append(
            f"messages.pot lacks {msgid!r} (context {context!r}): run `python -m timeline.i18n.catalog update`"
        )
    for context, msgid in sorted(in_template - in_code, key=str):
        problems.append(f"messages.pot has {msgid!r} (context {context!r}), no longer in the code: run update")
    for lang in languages:
        path = catalog_path(lang)
        if not path.exists():
            problems.append(f"{lang}: no catalog at {path.relative_to(ROOT)}: run update")
            continue
        catalog = read(path, lang)
        where = f"{lang} ({path.relative_to(ROOT)})"
        if catalog.plural_forms != PLURAL_FORMS[lang]:
            problems.append(f"{where}: Plural-Forms is {catalog.plural_forms!r}, not {PLURAL_FORMS[lang]!r}")
        for context, msgid in sorted(in_template - keys(catalog), key=str):
            problems.append(f"{where} lacks {msgid!r} (context {context!r}): run update")
        single = single_value_forms(catalog.plural_forms)
        for message in catalog:
            if message.id and (message.context, _singular(message.id)) in in_template:
                problems.extend(f"{where}: {problem}" for problem in translation_problems(message, single))
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m timeline.i18n.catalog", description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("extract", "update", "check"))
    args = parser.parse_args(argv)
    if args.command in ("extract", "update"):
        changed = write_template()
        print(f"{TEMPLATE.relative_to(ROOT)}: {'written' if changed else 'unchanged'}")
    if args.command == "update":
        written = update()
        for path in written:
            print(f"{path}: written")
        print("Now translate the empty and fuzzy entries, then: python -m timeline.i18n.catalog check")
    if args.command == "check":
        problems = check()
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s)" if problems else "catalogs complete")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
