"""Phrases that name a time the document must date: relative ones ('two years later', 'five months
after Droukdel's death', 'the following year'), vague ones ('in recent years', never dated), and days or
months without their year ('on 22 March', 'July 26-29'). Found here; resolve.py dates them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from timeline.extract.datewords import (
    COUNT,
    FULL_MONTH,
    MONTH,
    NUMBER_WORDS,
    VAGUE_COUNTS,
    Mention,
    month_number,
    windows,
    with_preposition,
)

# --- days and months without their year ---------------------------------------------------------

_PDAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d,.]\d)"
_SPAN_JOIN = r"\s*(?:-|–|—|to|until|till|through)\s*"
_PARTIAL_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "day-month-day-month",
        re.compile(rf"\b(?P<d>{_PDAY})\s+(?P<mon>{MONTH}){_SPAN_JOIN}(?P<d2>{_PDAY})\s+(?P<mon2>{MONTH})"),
    ),
    (
        "month-day-month-day",
        re.compile(rf"\b(?P<mon>{MONTH})\s+(?P<d>{_PDAY}){_SPAN_JOIN}(?P<mon2>{MONTH})\s+(?P<d2>{_PDAY})\b"),
    ),
    (
        "day-day-month",
        # '26 or 28 January': one of those days, so the span from the first to the last
        re.compile(rf"\b(?P<d>{_PDAY})\s*(?:-|–|—|to|and|or)\s*(?P<d2>{_PDAY})\s+(?:of\s+)?(?P<mon>{MONTH})"),
    ),
    ("month-day-day", re.compile(rf"\b(?P<mon>{MONTH})\s+(?P<d>{_PDAY})\s*(?:-|–|—|to|and|or)\s*(?P<d2>{_PDAY})\b")),
    ("day-month", re.compile(rf"\b(?P<d>{_PDAY})\s+(?:of\s+)?(?P<mon>{MONTH})")),
    ("month-day", re.compile(rf"\b(?P<mon>{MONTH})\s+(?P<d>{_PDAY})\b")),
    (
        "month-month",
        re.compile(
            rf"\b(?:[Ii]n|[Ff]rom|[Bb]etween|[Dd]uring)\s+(?P<mon>{FULL_MONTH}){_SPAN_JOIN}(?P<mon2>{FULL_MONTH})"
        ),
    ),
    # A month that leads a list entry ('January: Tuareg fighters launch a rebellion', '• March – ...').
    ("month-lead", re.compile(rf"(?m)^[ \t]*(?:[-*•·▪‣◦+][ \t]+)?(?P<mon>{FULL_MONTH})(?=[ \t]*[:–—-][ \t])")),
    # A month alone only after a word that makes it a date ('in April', 'By February'): 'May' and 'March' are verbs too.
    (
        "month",
        re.compile(
            rf"\b(?:(?:[Ii]n|[Oo]n|[Bb]y|[Dd]uring|[Tt]hroughout|[Ee]arly|[Ll]ate|[Mm]id-?|[Tt]he\s+(?:end|beginning|start|middle)\s+of)\s+|[Mm]id-)(?P<mon>{FULL_MONTH})"
        ),
    ),
]
_PARTIAL_TRIGGER = re.compile(MONTH)


def partial_mentions(text: str) -> Iterator[Mention]:
    """Days and months written without a year ('on 22 March', 'July 26–29', 'in April'): partial mentions,
    which resolve.py dates from a year the context states. Mentions that overlap a full date are dropped by find."""
    found: list[Mention] = []
    for start, end in windows(text, _PARTIAL_TRIGGER, before=30, after=30):
        for rule, pattern in _PARTIAL_PATTERNS:
            for m in pattern.finditer(text, start, end):
                g = m.groupdict()
                month, month2 = month_number(g["mon"]), month_number(g["mon2"]) if g.get("mon2") else 0
                day = int(re.match(r"\d+", g["d"]).group()) if g.get("d") else 0
                day2 = int(re.match(r"\d+", g["d2"]).group()) if g.get("d2") else 0
                if g.get("d2") and not g.get("mon2"):
                    month2 = month
                if month2 and (month2, day2) <= (month, day):
                    continue
                if rule == "month-lead":
                    a = m.start("mon")
                else:
                    a = m.start() if rule in ("month", "month-month") else with_preposition(text, m.start())
                full_stop = re.search(rf"{FULL_MONTH}\.$", m.group())  # 'on 22 March.': the sentence's end
                b = m.end() - 1 if full_stop else m.end()
                found.append(Mention(a, b, text[a:b], "partial", rule=rule, month=month, day=day,
                                     month2=month2, day2=day2))  # fmt: skip
    return found


# 'in November of the year before', 'on 3 May of the following year': a month of the year before or after the
# context's. Found with the relative phrases, so that 'the previous year' inside it is not one of its own.
_MONTH_OF_YEAR = re.compile(
    rf"\b(?:(?:[Ii]n|[Oo]n|[Bb]y|[Dd]uring|[Uu]ntil)\s+)?(?:(?P<d>{_PDAY})\s+(?:of\s+)?)?(?P<mon>{FULL_MONTH})"
    rf"(?:\s+(?P<d2>{_PDAY}))?,?\s+of\s+(?P<rel>the\s+(?:previous|preceding|following|next)\s+year"
    r"|the\s+year\s+(?:before|after)|that\s+(?:same\s+)?year|the\s+same\s+year)\b"
)


def month_of_year_mentions(text: str, start: int, end: int) -> Iterator[Mention]:
    """Partial mentions whose year is the context's moved by `amount` years (-1, 0 or +1)."""
    for m in _MONTH_OF_YEAR.finditer(text, start, end):
        day = m.group("d") or m.group("d2")
        rel = m.group("rel").lower()
        offset = -1 if re.search(r"previous|preceding|before", rel) else int(bool(re.search(r"follow|next|after", rel)))
        yield Mention(m.start(), m.end(), m.group(), "partial", rule="month-of-year", month=month_number(m.group("mon")),
                      day=int(re.match(r"\d+", day).group()) if day else 0, amount=offset)  # fmt: skip


# --- relative and vague expressions -------------------------------------------------------------

_UNIT = r"(?P<unit>day|week|month|year|decade)s?"
_ANCHOR = r"(?P<anchor>[^,.;:!?()]{2,80})"
_RELATIVE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # 'Five months after Droukdel’s death', 'two years before the election'
    (
        "count-anchor",
        re.compile(rf"\b(?P<n>{COUNT})\s+{_UNIT}\s+(?P<dir>after|before|following|prior\s+to)\s+{_ANCHOR}", re.I),
    ),
    # 'two years later', 'a month earlier', 'three years on'
    (
        "count-later",
        re.compile(
            rf"\b(?P<n>{COUNT})\s+{_UNIT}\s+(?P<dir>later|afterwards|after\s+that|earlier|before\s+that|on)\b", re.I
        ),
    ),
    # 'the following year', 'the next month', 'the previous year'
    (
        "next-unit",
        re.compile(
            r"\b(?:in\s+|by\s+|on\s+)?the\s+(?P<dir>following|next|subsequent|previous|preceding)\s+(?P<unit>year|month|week|day)\b",
            re.I,
        ),
    ),
    # 'the year after the coup'
    (
        "unit-anchor",
        re.compile(rf"\b(?:in\s+|on\s+)?the\s+(?P<unit>year|month|week|day)\s+(?P<dir>after|before)\s+{_ANCHOR}", re.I),
    ),
    # 'within a month': from the date before it to a month after that
    ("within", re.compile(rf"\bwithin\s+(?:(?:only|just|less\s+than|about)\s+)?(?P<n>{COUNT})\s+{_UNIT}\b", re.I)),
    # 'after only a few months', 'after two years': counted from the date before it
    (
        "after-count",
        re.compile(
            rf"\bafter\s+(?:(?:only|just|about|some|nearly|almost)\s+)?(?P<n>{COUNT})\s+{_UNIT}\b(?!\s+(?:of|after|before|following|later|earlier|since))",
            re.I,
        ),
    ),
    # 'a year-long transition', 'a two-month siege': from the date before it, for that long
    (
        "duration",
        re.compile(rf"\b(?P<n>{COUNT}|\d{{1,3}})[\s-]+(?P<unit>day|week|month|year|decade)[\s-]+long\b", re.I),
    ),
    # 'Shortly after DEBY was killed ... in 2021': the date of the clause it follows, approximate
    (
        "soon-after-clause",
        re.compile(r"\b(?:shortly|soon|not\s+long|immediately)\s+after\s+(?P<anchor>[^,.;:!?()]{2,120})", re.I),
    ),
    # 'shortly afterwards', 'subsequently': the date before it, approximate
    (
        "soon-after",
        re.compile(
            r"\b(?:(?:shortly|soon|not\s+long|immediately)\s+(?:afterwards?|thereafter)|subsequently|thereafter)\b",
            re.I,
        ),
    ),
    # 'Following the coup, ...': the date of that event, approximate (only at the start of a clause)
    (
        "after-event",
        re.compile(
            r"\b(?:[Ff]ollowing|[Aa]fter|[Ii]n\s+the\s+(?:wake|aftermath)\s+of)\s+(?P<anchor>(?:the|this|that|these|its|their|his|her)\s+[^,.;:!?()]{2,60})"
        ),
    ),
    # 'on three consecutive days': between the event it follows and the next date the text gives
    (
        "consecutive",
        re.compile(
            rf"\b(?:on|over|for|during)\s+(?P<n>{COUNT})\s+consecutive\s+(?P<unit>day|week|month|year|night)s\b", re.I
        ),
    ),
    # 'Since independence': from that event, not ended
    (
        "since-event",
        re.compile(
            r"\b[Ss]ince\s+(?P<anchor>(?:(?:its|their|the)\s+)?(?:independence|unification|reunification|(?:[a-z-]+\s+)?(?:coup|war|revolution|uprising|invasion|election|agreement|accord|split|merger|collapse|withdrawal|intervention)))\b"
        ),
    ),
    # 'later that year', 'in the same year', 'that month'
    (
        "same-unit",
        re.compile(
            r"\b(?:(?:later|earlier)\s+(?:in\s+)?(?:that|the\s+same)|in\s+(?:that|the\s+same)|that\s+same|the\s+same)\s+(?P<unit>year|month)\b",
            re.I,
        ),
    ),
    # 'since its establishment': from the founding of the document's subject
    (
        "since-founding",
        re.compile(
            r"\bsince\s+(?P<anchor>(?:its|their|the\s+group[’']s|the\s+organi[sz]ation[’']s)\s+(?:establishment|founding|foundation|creation|formation|inception|emergence|birth))\b",
            re.I,
        ),
    ),
]
_VAGUE = re.compile(
    r"\b(?:in\s+recent\s+(?:years|months|decades)|recently|in\s+the\s+past(?:\s+(?:few|several|two|three))?(?:\s+(?:years|decades|months))?"
    r"|(?:over|in|during)\s+the\s+(?:last|past)\s+(?:few\s+|several\s+|two\s+|three\s+)?(?:years|decades|months)"
    r"|for\s+(?:many\s+|several\s+)?(?:years|decades)|nowadays|at\s+present|currently|at\s+(?:that|the)\s+time"
    r"|since\s+then|in\s+the\s+(?:near\s+)?future|to\s+date|in\s+the\s+meantime|once\s+again)\b",
    re.I,
)


def relative_mentions(text: str, start: int, end: int) -> Iterator[Mention]:
    """Relative phrases in text[start:end]: an amount, a unit, a direction and the anchor as written."""
    for rule, pattern in _RELATIVE_PATTERNS:
        for m in pattern.finditer(text, start, end):
            g = m.groupdict()
            unit = (g.get("unit") or "year").lower()
            direction_word = (g.get("dir") or "").lower()
            anchor = (g.get("anchor") or "").strip()
            if rule != "soon-after-clause":  # that anchor is a whole clause, searched for a date
                anchor = _trim_anchor(anchor)
            stop = m.start("anchor") + len(anchor) if g.get("anchor") else m.end()
            written = text[m.start() : stop]
            if rule == "count-anchor" and not anchor:
                continue
            count = re.sub(r"\s+", " ", (g.get("n") or "").lower())
            amount_high = 0
            if count in ("a few", "few"):  # a few: two to four
                amount, amount_high = 2, 4
            elif count in VAGUE_COUNTS:
                yield Mention(m.start(), stop, written, "vague", rule="relative without a number")
                continue
            else:
                amount = (int(count) if count.isdigit() else NUMBER_WORDS.get(count, 1)) if count else 1
            if rule == "after-event" and not _clause_start(text, m.start()):
                continue  # 'the instability following the coup' describes, it does not date
            if rule == "soon-after-clause":
                stop, written = m.start("anchor"), text[m.start() : m.start("anchor")].rstrip()
                stop = m.start() + len(written)
            if rule in ("after-event", "soon-after", "soon-after-clause", "since-event", "consecutive"):
                amount = 0
            direction = -1 if direction_word.startswith(("before", "earlier", "prior", "previous", "preceding")) else 1
            if rule == "same-unit":
                amount, direction = 0, 0
            if rule == "since-founding":
                amount, direction, unit = 0, 0, "year"
            yield Mention(
                m.start(),
                stop,
                written,
                "relative",
                rule=rule,
                amount=amount,
                unit=unit,
                direction=direction,
                anchor=anchor,
                # counted durations are rounded in prose; 'shortly after' and 'following' say no more than after
                approximate=rule
                in (
                    "count-anchor",
                    "count-later",
                    "within",
                    "after-count",
                    "duration",
                    "soon-after",
                    "soon-after-clause",
                    "after-event",
                    "consecutive",
                )
                or amount_high > 0,
                amount_high=amount_high,
            )


def _clause_start(text: str, at: int) -> bool:
    """Whether `at` begins a sentence or a clause (after a comma, a semicolon or a line break)."""
    before = text[max(0, at - 3) : at]
    return at == 0 or bool(re.search(r"(?:[.!?;,:]\s+|\n\s*|^\s*)$", before))


def _trim_anchor(anchor: str) -> str:
    """'Droukdel’s death the group appointed' is cut at the clause's verb or conjunction."""
    anchor = anchor.strip()
    cut = re.search(
        r"\s+(?:the\s+group|it|they|he|she|was|were|had|has|have|is|are|and|when|while|which|who)\b", anchor
    )
    if cut:
        anchor = anchor[: cut.start()]
    return anchor.strip()


def vague_mentions(text: str, start: int, end: int) -> Iterator[Mention]:
    """Phrases of time that no date can honestly be given for ('in recent years'): listed, never dated."""
    for m in _VAGUE.finditer(text, start, end):
        yield Mention(m.start(), m.end(), m.group(), "vague", rule="vague")
