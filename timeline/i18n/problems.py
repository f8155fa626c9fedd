"""Core's problems in the reader's language: the frame of a Problem and the message of a DateError.

core imports no other stage, so what it writes is English: str(problem) is "events.csv, line 3,
field 'start': ..." for the command line and the logs. What a reader is shown goes through here:

    problem_text(problem)   # "events.csv, ligne 3, champ « start » : ...", in the current language
    date_error_text(exc)    # a DateError's message, worded from its `reason` and `values`

A problem's own message is worded where it is found (timeline.load, formats.timelinejs, web.upload),
in the language current then: the reader's, for a file dropped on the explorer. In English both give
exactly what core writes (tests/test_i18n_problems.py holds them to it).
"""

from __future__ import annotations

from babel.support import LazyProxy

from timeline import i18n
from timeline.core.dates import OPEN, DateError
from timeline.core.problems import Problem
from timeline.i18n import gettext as _
from timeline.i18n import lazy_gettext
from timeline.i18n.dates import describe
from timeline.i18n.words import isolated


def problem_text(problem: Problem) -> str:
    """str(problem) in the current language: its file, line and field, then its message."""
    file, field = problem.file, problem.field
    if i18n.direction() == "rtl":
        # A file name and a column are written left to right: each one unit inside Arabic text.
        file, field = isolated(file), isolated(field) if field else field
    values = {"file": file, "line": problem.line, "field": field, "message": problem.message}
    if problem.line is not None and field:
        # Translators: a problem of a file: "events.csv, line 3, field 'start': must not be empty".
        return _("%(file)s, line %(line)s, field '%(field)s': %(message)s") % values
    if problem.line is not None:
        # Translators: a problem of one line of a file: "events.csv, line 3: not valid CSV (...)".
        return _("%(file)s, line %(line)s: %(message)s") % values
    if field:
        # Translators: a problem of one field of a file: "deep.json, field 'events[2].start_date': ...".
        return _("%(file)s, field '%(field)s': %(message)s") % values
    # Translators: a problem of a whole file: "events.csv: the file is empty; ...".
    return _("%(file)s: %(message)s") % values


# Translators: EDTF dates as a file gives them, each with what it means (core.dates.EDTF_EXAMPLES).
EDTF_EXAMPLES = lazy_gettext("2007, 2017-03, 2015-11-20, 200X (a decade), 2020-11~ (about), 2012? (uncertain)")

# A DateError's message by its reason (core.dates); %(date)s is the EDTF text as the file gives it.
DATE_ERRORS: dict[str, LazyProxy] = {
    "not_edtf": lazy_gettext("'%(date)s' is not a valid EDTF date (examples: %(examples)s)"),
    "interval": lazy_gettext("'%(date)s' is an interval; put its first date in 'start' and its last in 'end'"),
    "unplaceable": lazy_gettext(
        "'%(date)s' is an EDTF form this tool cannot place on a timeline (examples: %(examples)s)"
    ),
    "unspecified": lazy_gettext(
        "'%(date)s' has unspecified digits (X) this tool cannot place; give only the known part, "
        "e.g. '2017' for '2017-XX'"
    ),
    "out_of_range": lazy_gettext("'%(date)s' is outside the years this tool can place (1 to 9999)"),
    # Translators: "'2015-02-29' is not a real day: February 2015 has no day 29".
    "not_a_day": lazy_gettext("'%(date)s' is not a real day: %(month)s has no day %(day)s"),
    "open_start": lazy_gettext("start cannot be open ('%(open)s'); give the first date the source states"),
    "end_before_start": lazy_gettext("end '%(end)s' is before start '%(start)s'"),
}


def date_error_text(error: DateError) -> str:
    """The message of a DateError in the current language; its own (English) for a reason not known here."""
    message = DATE_ERRORS.get(error.reason)
    if message is None:
        return str(error)
    values = {"examples": EDTF_EXAMPLES, "open": OPEN, **error.values}
    if error.reason == "not_a_day":
        values["month"] = describe(f"{error.values['year']:04d}-{error.values['month']:02d}")
    return str(message) % values
