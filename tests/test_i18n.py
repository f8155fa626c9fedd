"""timeline.i18n: the current language, the catalogs and their completeness, choosing a language."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.pofile import read_po
from helpers import ROOT

from timeline import i18n
from timeline.i18n import catalog as tool

I18N = ROOT / "timeline" / "i18n"
POT = I18N / "messages.pot"
TRANSLATED = ("fr", "ar")
# Written out here, not taken from the package: a wrong constant there must not move the tests.
CATALOGS = {lang: I18N / "locales" / lang / "LC_MESSAGES" / "messages.po" for lang in TRANSLATED}
NAMED = re.compile(r"%\(\w+\)[#0\- +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")


def read(path: Path, locale: str | None = None):
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def key(message) -> tuple[str | None, str]:
    msgid = message.id[0] if isinstance(message.id, tuple | list) else message.id
    return message.context, msgid


# -- The current language --------------------------------------------------------------------------


def test_languages_and_default():
    assert i18n.LANGUAGES == ("en", "fr", "ar")
    assert i18n.DEFAULT == "en"
    assert i18n.current() == "en"


def test_use_sets_the_language_and_restores_it_even_after_an_exception():
    with i18n.use("fr"):
        assert i18n.current() == "fr"
        with i18n.use("ar"):
            assert i18n.current() == "ar"
        assert i18n.current() == "fr"
    assert i18n.current() == "en"
    with pytest.raises(RuntimeError), i18n.use("ar"):
        raise RuntimeError
    assert i18n.current() == "en"


def test_set_language_and_its_token():
    token = i18n.set_language("ar")
    try:
        assert i18n.current() == "ar"
        assert i18n.gettext("stated in the source") == "مذكور في المصدر"
    finally:
        i18n._LANGUAGE.reset(token)
    assert i18n.current() == "en"


@pytest.mark.parametrize("bad", ["de", "FR", "", "fr-CA"])
def test_an_unknown_language_is_refused_where_code_sets_it(bad):
    with pytest.raises(ValueError, match="unknown language"):
        i18n.set_language(bad)
    with pytest.raises(ValueError, match="unknown language"), i18n.use(bad):
        pass


def test_each_thread_has_its_own_language():
    seen = {}
    ready, done = threading.Event(), threading.Event()

    def reader():
        ready.wait()
        seen["other thread"] = i18n.current()
        done.set()

    thread = threading.Thread(target=reader)
    thread.start()
    with i18n.use("ar"):
        ready.set()
        done.wait(5)
        seen["this thread"] = i18n.current()
    thread.join(5)
    assert seen == {"other thread": "en", "this thread": "ar"}


def test_direction():
    assert i18n.direction("ar") == "rtl"
    assert i18n.direction("fr") == "ltr"
    assert i18n.direction("en") == "ltr"
    assert i18n.direction() == "ltr"
    with i18n.use("ar"):
        assert i18n.direction() == "rtl"


# -- Translating -----------------------------------------------------------------------------------


def test_gettext_per_language_and_english_as_the_msgid():
    assert i18n.gettext("since %(date)s") == "since %(date)s"
    assert i18n._ is i18n.gettext
    with i18n.use("fr"):
        assert i18n.gettext("since %(date)s") == "depuis %(date)s"
        assert i18n._("inferred from context") == "inférée du contexte"
        assert i18n.gettext("No such message") == "No such message"
    with i18n.use("ar"):
        assert i18n.gettext("since %(date)s") == "منذ %(date)s"


def test_pgettext_tells_contexts_apart():
    with i18n.use("fr"):
        assert i18n.pgettext("decade, on its own", "the %(year)ss") == "dans les années %(year)s"
        assert i18n.pgettext("decade, as a noun", "the %(year)ss") == "les années %(year)s"
    assert i18n.pgettext("decade, as a noun", "the %(year)ss") == "the %(year)ss"


def test_lazy_gettext_reads_the_language_current_at_str_time():
    words = i18n.lazy_gettext("stated in the source")
    assert str(words) == "stated in the source"
    with i18n.use("fr"):
        assert str(words) == "indiquée par la source"
        assert f"{words}" == "indiquée par la source"
    with i18n.use("ar"):
        assert str(words) == "مذكور في المصدر"
    assert words == "stated in the source"


def test_translations_are_loaded_once_and_nothing_is_written(tmp_path):
    before = sorted(p.relative_to(I18N) for p in I18N.rglob("*") if "__pycache__" not in p.parts)
    assert i18n.translations("fr") is i18n.translations("fr")
    assert i18n.translations("ar") is not i18n.translations("fr")
    after = sorted(p.relative_to(I18N) for p in I18N.rglob("*") if "__pycache__" not in p.parts)
    assert before == after
    assert not list(I18N.rglob("*.mo"))


AR_HEADER = """\
msgid ""
msgstr ""
"Language: ar\\n"
"Content-Type: text/plain; charset=utf-8\\n"
"Plural-Forms: {plural_forms}\\n"
"""


def write_po(path: Path, body: str, plural_forms: str = i18n.PLURAL_FORMS["ar"]) -> Path:
    path.write_text(AR_HEADER.format(plural_forms=plural_forms) + "\n" + body, encoding="utf-8")
    return path


def test_ngettext_chooses_among_six_arabic_forms(tmp_path):
    forms = ["لا أحداث", "حدث واحد", "حدثان", "%(n)s أحداث", "%(n)s حدثًا", "%(n)s حدث"]
    body = 'msgid "%(n)s event"\nmsgid_plural "%(n)s events"\n' + "".join(
        f'msgstr[{i}] "{text}"\n' for i, text in enumerate(forms)
    )
    translations = i18n.load_catalog(write_po(tmp_path / "ar.po", body))
    chosen = {
        n: translations.ngettext("%(n)s event", "%(n)s events", n) % {"n": n}
        for n in (0, 1, 2, 3, 10, 11, 99, 100, 102, 103)
    }
    assert chosen == {
        0: "لا أحداث",
        1: "حدث واحد",
        2: "حدثان",
        3: "3 أحداث",
        10: "10 أحداث",
        11: "11 حدثًا",
        99: "99 حدثًا",
        100: "100 حدث",
        102: "102 حدث",
        103: "103 أحداث",
    }


def test_ngettext_without_a_translation_falls_back_to_english():
    with i18n.use("ar"):
        assert i18n.ngettext("%(n)s thing", "%(n)s things", 1) == "%(n)s thing"
        assert i18n.ngettext("%(n)s thing", "%(n)s things", 11) == "%(n)s things"


def test_a_plural_form_left_empty_falls_back_to_english_not_to_nothing(tmp_path):
    body = 'msgid "%(n)s event"\nmsgid_plural "%(n)s events"\nmsgstr[0] "%(n)s événement"\nmsgstr[1] ""\n'
    translations = i18n.load_catalog(write_po(tmp_path / "fr.po", body, i18n.PLURAL_FORMS["fr"]))
    assert translations.ngettext("%(n)s event", "%(n)s events", 1) == "%(n)s événement"
    assert translations.ngettext("%(n)s event", "%(n)s events", 5) == "%(n)s events"


def test_fuzzy_entries_are_skipped(tmp_path):
    body = '#, fuzzy\nmsgid "Search"\nmsgstr "Rechercher"\n\nmsgid "Close"\nmsgstr "Fermer"\n'
    translations = i18n.load_catalog(write_po(tmp_path / "fr.po", body, i18n.PLURAL_FORMS["fr"]))
    assert translations.gettext("Search") == "Search"
    assert translations.gettext("Close") == "Fermer"


def cldr_forms(lang: str) -> list[int]:
    """The form index CLDR's rule gives each n, in CLDR's order of categories."""
    rule = Locale.parse(lang).plural_form
    order = [tag for tag in ("zero", "one", "two", "few", "many", "other") if tag in rule.tags or tag == "other"]
    return [order.index(rule(n)) for n in range(10000)]


def test_the_arabic_catalog_carries_cldrs_plural_rule():
    catalog = read(CATALOGS["ar"], "ar")
    assert catalog.num_plurals == 6
    assert catalog.plural_forms == i18n.PLURAL_FORMS["ar"]
    plural = i18n.translations("ar").plural
    assert [plural(n) for n in range(10000)] == cldr_forms("ar")


def test_the_french_catalog_carries_the_gettext_rule_for_french():
    assert read(CATALOGS["fr"], "fr").plural_forms == "nplurals=2; plural=(n > 1);"
    plural = i18n.translations("fr").plural
    assert [plural(n) for n in (0, 1, 2, 1000000)] == [0, 0, 1, 1]


# -- Malformed catalogs ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ('msgid "Search"\nmsgstr Rechercher\n', 8, "not a gettext line"),
        ('msgid "Search\nmsgstr "Rechercher"\n', 7, "not a gettext line"),
        ('msgid "Search"\nmsgstr "Rechercher"\n\nmsgid "Close"\nmsgstring "Fermer"\n', 11, "not a gettext line"),
        (
            'msgid "Search"\nmsgstr "Rechercher"\n\nmsgid "Close"\n\nmsgid "Open"\nmsgstr "Ouvrir"\n',
            10,
            "missing msgstr",
        ),
        (
            'msgid "Search"\nmsgstr "Rechercher"\n\nmsgid "since %(date)s"\nmsgstr "depuis %(jour)s"\n',
            10,
            "placeholder",
        ),
        (
            'msgid "a"\nmsgstr "b"\n\nmsgid "%(n)s event"\nmsgid_plural "%(n)s events"\n'
            'msgstr[0] "%(n)s événement"\nmsgstr[1] "%(n)s événements"\nmsgstr[2] "%(n)s événementss"\n',
            10,
            "more translations than num_plurals",
        ),
    ],
    ids=["unquoted", "unterminated", "unknown keyword", "no msgstr", "unknown placeholder", "too many plural forms"],
)
def test_a_malformed_catalog_names_its_file_and_line(tmp_path, body, line, words):
    path = write_po(tmp_path / "messages.po", body, i18n.PLURAL_FORMS["fr"])
    with pytest.raises(i18n.CatalogError, match=words) as caught:
        i18n.load_catalog(path)
    assert str(caught.value).startswith(f"{path}:{line}: ")
    assert (caught.value.path, caught.value.line) == (path, line)


def test_a_bad_plural_header_names_its_line(tmp_path):
    path = write_po(tmp_path / "messages.po", 'msgid "a"\nmsgstr "b"\n', "nplurals=two; plural=(n > 1);")
    with pytest.raises(i18n.CatalogError, match="header") as caught:
        i18n.load_catalog(path)
    assert str(caught.value).startswith(f"{path}:5: ")


def test_a_catalog_that_is_not_utf8_is_named(tmp_path):
    path = tmp_path / "messages.po"
    path.write_bytes(b'msgid "a"\nmsgstr "\xe9"\n')
    with pytest.raises(i18n.CatalogError, match="UTF-8") as caught:
        i18n.load_catalog(path)
    assert str(path) in str(caught.value)


def test_the_shipped_catalogs_load():
    for lang in TRANSLATED:
        assert i18n.load_catalog(CATALOGS[lang]).gettext("since %(date)s") != "since %(date)s"


# -- Complete catalogs: the guard that keeps them so as strings are marked ---------------------------


def pot_keys() -> set[tuple[str | None, str]]:
    return {key(message) for message in read(POT) if message.id}


def test_the_template_is_up_to_date_with_the_sources(tmp_path):
    fresh = tmp_path / "messages.pot"
    tool.write_template(fresh, ROOT / "timeline")
    extracted = {key(message) for message in read(fresh) if message.id}
    assert extracted, "extraction found no message at all"
    missing, stale = extracted - pot_keys(), pot_keys() - extracted
    assert not missing and not stale, (
        f"messages.pot is behind the code (missing {sorted(missing, key=str)}, stale {sorted(stale, key=str)}): "
        "run `python -m timeline.i18n.catalog update` and translate the new entries"
    )


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_has_a_translation(lang):
    catalog = read(CATALOGS[lang], lang)
    translated = {key(message): message for message in catalog if message.id}
    missing = sorted(pot_keys() - translated.keys(), key=str)
    assert not missing, f"{lang}: not in the catalog (run update): {missing}"
    for wanted in pot_keys():
        message = translated[wanted]
        assert not message.fuzzy, f"{lang}: {wanted} is fuzzy"
        strings = message.string if message.pluralizable else (message.string,)
        assert len(strings) == catalog.num_plurals if message.pluralizable else 1
        assert all(text.strip() for text in strings), f"{lang}: {wanted} has an empty translation"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_placeholders_are_the_msgids(lang):
    catalog = read(CATALOGS[lang], lang)
    # Plural forms chosen for one n only (Arabic's zero, one, two) may say the number in words.
    single = tool.single_value_forms(catalog.plural_forms)
    for message in catalog:
        if not message.id:
            continue
        if message.pluralizable:
            wanted = set(NAMED.findall(message.id[0])) | set(NAMED.findall(message.id[1]))
            for form, text in enumerate(message.string):
                found = set(NAMED.findall(text))
                assert found <= wanted and (form in single or found == wanted), (lang, message.id, form, text)
        else:
            assert set(NAMED.findall(message.string)) == set(NAMED.findall(message.id)), (lang, message.id)


def test_single_value_forms():
    assert tool.single_value_forms(i18n.PLURAL_FORMS["ar"]) == {0, 1, 2}
    assert tool.single_value_forms(i18n.PLURAL_FORMS["fr"]) == set()


def test_the_check_command_finds_nothing_to_do(capsys):
    assert tool.main(["check"]) == 0
    assert capsys.readouterr().out.strip() == "catalogs complete"


def test_extraction_finds_every_marking_function(tmp_path):
    package = tmp_path / "timeline"
    (package / "pages").mkdir(parents=True)
    (package / "pages" / "page.py").write_text(
        "from timeline.i18n import _, gettext, lazy_gettext, ngettext, pgettext\n"
        "TITLE = lazy_gettext('Events')\n"
        "def view(n, name):\n"
        "    # Translators: the search box.\n"
        "    label = _('Search')\n"
        "    close = gettext('Close')\n"
        "    count = ngettext('%(n)s event', '%(n)s events', n)\n"
        "    tab = pgettext('tab', 'Map')\n"
        "    other = gettext(name)  # not a literal: not a message\n"
        "    return label, close, count, tab, other\n",
        encoding="utf-8",
    )
    found = {key(message): message for message in tool.extract(package) if message.id}
    assert set(found) == {(None, "Events"), (None, "Search"), (None, "Close"), (None, "%(n)s event"), ("tab", "Map")}
    assert found[(None, "%(n)s event")].id == ("%(n)s event", "%(n)s events")
    assert found[(None, "Search")].auto_comments == ["the search box."]
    assert found[(None, "Search")].locations == [("timeline/pages/page.py", 5)]


def test_translation_problems_name_what_is_wrong():
    from babel.messages.catalog import Message

    single = {0, 1, 2}
    assert tool.translation_problems(Message("Close", ""), single) == ["'Close' has no translation"]
    assert "fuzzy" in tool.translation_problems(Message("Close", "Fermer", flags=["fuzzy"]), single)[0]
    assert "placeholders" in tool.translation_problems(Message("since %(date)s", "depuis"), single)[0]
    plural = Message(("%(n)s event", "%(n)s events"), ["لا أحداث", "حدث واحد", "حدثان", "%(n)s أحداث", "", "أحداث"])
    assert tool.translation_problems(plural, single) == [
        "'%(n)s event' has no translation for plural form 4",
        "'%(n)s event' form 5 has placeholders [], not ['%(n)s']",
    ]


# -- Choosing a language -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "accept", "expected"),
    [
        ("fr", None, "fr"),
        ("ar", "fr", "ar"),
        ("en", "ar", "en"),
        ("FR", None, "fr"),
        (" Ar ", None, "ar"),
        ("fr-CA", None, "fr"),
        ("fr_CA", "ar", "fr"),
        ("de", "fr", "fr"),
        ("", "ar", "ar"),
        (None, "ar-DZ,ar;q=0.9,fr;q=0.8,en;q=0.5", "ar"),
        (None, "de,fr;q=0.5", "fr"),
        (None, "en;q=0.2, fr-FR;q=0.7, ar;q=0.5", "fr"),
        (None, "fr;q=0.5, ar;q=0.5", "fr"),
        (None, "de, *;q=0.5, fr;q=0.1", "en"),
        (None, "fr;q=0, ar", "ar"),
        (None, "fr;q=0", "en"),
        (None, "FR-be", "fr"),
        (None, "de-DE,de;q=0.9", "en"),
        (None, None, "en"),
        (None, "", "en"),
    ],
)
def test_negotiate(lang, accept, expected):
    assert i18n.negotiate(lang, accept) == expected


GARBAGE = [
    ";;;,,,",
    "fr;q=abc, ar;q=0.3",
    "fr;q=2",
    "fr;q=nan, ar;q=0.1",
    "fr;q=inf",
    "fr;q=-1",
    "ar;q",
    "\x00\xff\u202e",
    "fr" * 5000,
    "x" * 100000 + ",fr",
    ",".join(["de"] * 1000 + ["fr"]),
    "fr-<script>",
    "=;q=1",
    "🙂, ar;q=0.5",
]


@pytest.mark.parametrize("header", GARBAGE)
def test_negotiate_never_raises_on_garbage(header):
    for lang in (header, None, "../../etc", "fr\x00", "<b>"):
        assert i18n.negotiate(lang, header) in i18n.LANGUAGES


def test_negotiate_garbage_means_english_unless_something_readable_remains():
    assert i18n.negotiate("xx-<>", "\x00\x01") == "en"
    assert i18n.negotiate(None, "fr;q=abc, ar;q=0.3") == "ar"  # an unreadable q drops that item only
    assert i18n.negotiate(None, "🙂, ar;q=0.5") == "ar"
    assert i18n.negotiate(123, b"fr") == "en"  # not text: absent
