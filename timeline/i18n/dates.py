"""Dates in words, in English, French and Arabic: the one home of describe and describe_with_basis.

EDTF stays the data (timeline.core.dates reads it); this module only words it. The English is what the
tool has always written ('March 2017', 'the 2000s', 'about 2020', '2014–2015', 'since 2007',
'stated: March 2017'); tests/fixtures/english_dates.csv holds it for every date of the bundled collection. The phrases are catalog messages (msgid "about %(date)s",
French "vers %(date)s"); month names come from Babel's CLDR data; nothing here writes a month by hand.

A date has two forms in French and Arabic, where English has one:
- on its own, as the whole answer to "when?": 'dans les années 2000', 'au XXe siècle', '20 novembre 2015';
- as a noun inside a phrase (after since, about, between): 'depuis les années 2000', 'vers le 20 novembre 2015',
  'entre 2014 environ et 2015'.
The catalog tells them apart by message context ("decade, on its own" / "decade, as a noun"...).

French. 'mars 2017', '20 novembre 2015' and '1er mars 2017' (the first of a month is an ordinal in French),
'vers 2020', 'entre 2014 et 2015', 'depuis 2007', '(incertain)', and 'indiquée : mars 2017' with a
no-break space before the colon as French typography wants. Decades: 'dans les années 2000'. Centuries
('19XX', the years 1900-1999) are 'au XXe siècle' on their own and 'le XXe siècle' in a phrase: Roman
numerals, the form of French schoolbooks; 'les années 1900' would read as the decade 1900-1909. The strict
XXe siècle runs 1901-2000, a year off the source's century, which is far below the precision it gave.

Arabic. CLDR's ar_DZ (Algeria), whose month names are the ones used in Algeria and Tunisia:
جانفي فيفري مارس أفريل ماي جوان جويلية أوت سبتمبر أكتوبر نوفمبر ديسمبر (ar_TN has the same; Morocco's
ar_MA and the Middle East's ar differ). Digits are Western (0-9), as the region's press prints them and as
CLDR's default numbering for ar_DZ is: 'مارس 2017', '20 نوفمبر 2015'. Phrases: 'حوالي 2020', 'منذ 2007',
'بين 2014 و2015' (و joined to the next word, as Arabic writes it), '(غير مؤكد)'. Decades are
'في سنوات 2000' ('سنوات 2000' in a phrase): the Maghreb press's form, the counterpart of 'les années 2000',
and exact for EDTF's 200X (2000-2009), where 'العقد الأول من القرن' is ambiguous (2000-2009 or 2001-2010)
and the word forms ('التسعينيات') exist for some decades only. Centuries: 'في القرن العشرين' with the
ordinal in words, as it is written in print.

Neither CLDR nor gettext knows how a century is numbered in a language (1900s, XXe, العشرين), so
_CENTURIES does that in code; an unknown language gets the English form.
"""

from __future__ import annotations

import functools

from babel.dates import get_month_names
from babel.support import LazyProxy

from timeline import i18n
from timeline.core.dates import OPEN, parse
from timeline.i18n import gettext, lazy_gettext, pgettext

# How the source gives an event's date (the `date_basis` column), in words.
BASIS_WORDS: dict[str, LazyProxy] = {
    # Translators: the source states the event's date.
    "stated": lazy_gettext("stated in the source"),
    # Translators: the date is worked out from another date the source states (an emir 'since 2007').
    "derived": lazy_gettext("derived from a stated date"),
    # Translators: the source gives no date; it is read from the paragraph around the event.
    "inferred": lazy_gettext("inferred from context"),
}

# 'stated: March 2017': the short word for the basis before the date.
_BASIS_LABELS: dict[str, LazyProxy] = {
    # Translators: before a date in words: 'stated: March 2017' (the source gives this date).
    "stated": lazy_gettext("stated: %(date)s"),
    # Translators: 'derived: 2007–June 2020' (worked out from a date the source gives).
    "derived": lazy_gettext("derived: %(date)s"),
    # Translators: 'inferred: 2012–2014' (the source gives no date; read from the text around it).
    "inferred": lazy_gettext("inferred: %(date)s"),
}


def basis_words(lang: str | None = None) -> dict[str, str]:
    """BASIS_WORDS as plain strings in one language (default: the current one), e.g. for a Dash component."""
    with i18n.use(lang or i18n.current()):
        return {basis: str(words) for basis, words in BASIS_WORDS.items()}


def describe(start: str, end: str | None = None, lang: str | None = None) -> str:
    """Words for a date at its own precision in `lang` (default: the current language); raises DateError
    where timeline.core.dates.parse does. English: 'March 2017', 'the 2000s', '2014–2015', 'about November 2020',
    'since 2007'; French: 'mars 2017', 'dans les années 2000', 'entre 2014 et 2015', 'vers novembre 2020',
    'depuis 2007'; Arabic: 'مارس 2017', 'في سنوات 2000', 'بين 2014 و2015', 'حوالي نوفمبر 2020', 'منذ 2007'."""
    if not end or end == start:
        end = None
    return _describe(start, end, lang or i18n.current())


def as_noun(text: str, lang: str | None = None) -> str:
    """One EDTF date (no span) in words as a noun, the form a phrase takes: 'the 2000s', 'les années 2000',
    'March 2017', '2012'. A play's moments are named so ('9 events by the 2000s')."""
    return _noun(text, lang or i18n.current())


@functools.lru_cache(maxsize=4096)
def _noun(text: str, lang: str) -> str:
    with i18n.use(lang):
        return _one(text, lang, within=True)


def describe_with_basis(start: str, end: str | None, basis: str, lang: str | None = None) -> str:
    """'stated: March 2017', 'indiquée : mars 2017', 'مذكور: مارس 2017'; another basis is given as it is."""
    lang = lang or i18n.current()
    return with_basis(describe(start, end, lang), basis, lang)


# The basis on its own, after a date: '2007 (stated)'.
_BASIS_SHORT: dict[str, LazyProxy] = {
    # Translators: the basis alone, in brackets after a date: "2007 (stated)".
    "stated": lazy_gettext("stated"),
    "derived": lazy_gettext("derived"),
    "inferred": lazy_gettext("inferred"),
}


def basis_word(basis: str) -> str:
    """'stated', 'derived', 'inferred' in the current language; another basis as the data gives it."""
    return i18n.word_for(_BASIS_SHORT, basis)


def with_basis(words: str, basis: str, lang: str | None = None) -> str:
    """A date already in words, after its basis: 'stated: some time in 1991–2002'."""
    lang = lang or i18n.current()
    with i18n.use(lang):
        label = _BASIS_LABELS.get(basis)
        if label is None:
            # Translators: a date basis this tool does not know, shown as the data gives it: 'estimated: 2012'.
            return gettext("%(basis)s: %(date)s") % {"basis": basis, "date": words}
        return label % {"date": words}


@functools.lru_cache(maxsize=65536)
def _describe(start: str, end: str | None, lang: str) -> str:
    with i18n.use(lang):
        if end == OPEN:
            # Translators: an event that has not ended: 'since 2007', 'since March 2017'.
            return gettext("since %(date)s") % {"date": _one(start, lang, within=True)}
        if end is not None:
            # Translators: a span of dates: '2014–2015', 'March 2017–June 2020'.
            return gettext("%(start)s–%(end)s") % {
                "start": _one(start, lang, within=True),
                "end": _one(end, lang, within=True),
            }
        return _one(start, lang, within=False)


def _one(text: str, lang: str, within: bool) -> str:
    """One EDTF date in words: on its own, or as a noun inside a phrase (`within`: after since/between)."""
    date = parse(text)
    core = text.rstrip("~?%")
    year = core.split("-")[0] if not core.startswith("-") else "-" + core[1:].split("-")[0]
    noun = within or date.approximate  # 'about' takes the noun: 'vers les années 2000'
    if date.precision == "decade":
        if noun:
            # Translators: a decade inside a phrase: 'since the 2000s', 'about the 2000s'. French: 'les années 2000'.
            words = pgettext("decade, as a noun", "the %(year)ss")
        else:
            # Translators: a decade as the whole answer to "when?". French: 'dans les années 2000'.
            words = pgettext("decade, on its own", "the %(year)ss")
        words %= {"year": year[:-1] + "0"}
    elif date.precision == "century":
        if noun:
            # Translators: %(century)s is written the language's way: 1900s, XXe, العشرين. French: 'le %(century)s siècle'.
            words = pgettext("century, as a noun", "the %(century)s")
        else:
            # Translators: a century as the whole answer to "when?". French: 'au %(century)s siècle'.
            words = pgettext("century, on its own", "the %(century)s")
        words %= {"century": _CENTURIES.get(lang, _CENTURIES["en"])(year[:-2] + "00")}
    elif date.precision == "year":
        words = year
    elif date.precision == "month":
        month = get_month_names("wide", "stand-alone", locale=i18n.locale(lang))[date.earliest.month]
        # Translators: 'March 2017'; the month's name comes from CLDR.
        words = pgettext("month and year", "%(month)s %(year)s") % {"month": month, "year": date.earliest.year}
    else:
        month = get_month_names("wide", "format", locale=i18n.locale(lang))[date.earliest.month]
        # Translators: the first day of a month, before its name: '1 March 2017'. French: '1er'.
        day = pgettext("first day of a month", "1") if date.earliest.day == 1 else str(date.earliest.day)
        values = {"day": day, "month": month, "year": date.earliest.year}
        if noun:
            # Translators: a day inside a phrase: 'since 20 November 2015'. French: 'le 20 novembre 2015'.
            words = pgettext("day, as a noun", "%(day)s %(month)s %(year)s") % values
        else:
            # Translators: a day as the whole answer to "when?": '20 November 2015'.
            words = pgettext("day, on its own", "%(day)s %(month)s %(year)s") % values
    if date.approximate:
        if within:
            # Translators: an approximate date inside a phrase: 'since about 2007', 'about 2014–2015'.
            # French puts it after: 'depuis 2007 environ', 'entre 2014 environ et 2015'.
            words = pgettext("about, inside a phrase", "about %(date)s") % {"date": words}
        else:
            # Translators: an approximate date on its own: 'about 2020', 'about November 2020'.
            words = gettext("about %(date)s") % {"date": words}
    if date.uncertain:
        # Translators: a date the source gives with doubt (EDTF '2012?'): '2012 (uncertain)'.
        words = gettext("%(date)s (uncertain)") % {"date": words}
    return words


def _roman(number: int) -> str:
    numerals = ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    words = ""
    for value, numeral in numerals:
        count, number = divmod(number, value)
        words += numeral * count
    return words


def _french_century(first_year: str) -> str:
    """'1900' (the EDTF century 19XX) -> 'XXe': 'le XXe siècle'."""
    number = int(first_year) // 100 + 1
    return "Ier" if number == 1 else f"{_roman(number)}e"


_AR_UNITS = ("", "الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع")
_AR_TENS = ("", "العاشر", "العشرين", "الثلاثين", "الأربعين", "الخمسين", "الستين", "السبعين", "الثمانين", "التسعين")


def _arabic_century(first_year: str) -> str:
    """'1900' (the EDTF century 19XX) -> 'العشرين': 'القرن العشرين'. The ordinal of القرن, masculine,
    in the form print uses after it: الحادي عشر، العشرين، الحادي والعشرين."""
    number = int(first_year) // 100 + 1
    if number == 100:
        return "المئة"
    tens, units = divmod(number, 10)
    if tens == 0:
        return _AR_UNITS[units]
    if tens == 1:
        return _AR_TENS[1] if units == 0 else f"{'الحادي' if units == 1 else _AR_UNITS[units]} عشر"
    if units == 0:
        return _AR_TENS[tens]
    return f"{'الحادي' if units == 1 else _AR_UNITS[units]} و{_AR_TENS[tens]}"


_CENTURIES = {
    "en": lambda first_year: f"{first_year}s",  # 'the 1900s' (and 'the 0100s'), as the English has always said it
    "fr": _french_century,
    "ar": _arabic_century,
}
