"""A short draft title from the clause that holds a date: the editor's starting point, not prose.

'The group was founded in 2007 when the Algerian Group ...' -> 'AQIM was founded';
'... included Al Murabitun, founded in 2013 by Mokhtar Belmokhtar' ->
'Al Murabitun founded by Mokhtar Belmokhtar'. The date itself is taken out,
since the timeline shows it.
"""

from __future__ import annotations

import re

from timeline.extract.actors import Subject
from timeline.extract.datefinder import Mention
from timeline.extract.sentences import Sentence

MAX_WORDS = 10
_BREAK = re.compile(r"[,;:]\s+|\s+[–—]\s+")
_OPENERS = re.compile(
    r"^(?:however|nevertheless|moreover|furthermore|meanwhile|also|and|but|then|thus|so|in addition|"
    r"additionally|subsequently|later|finally|eventually|despite this)\b[\s,]*",
    re.I,
)
_PARTICIPLE = re.compile(
    r"^(?:founded|formed|created|established|launched|set\s+up|based|led|killed|appointed|named)\b"
)
_SUBORDINATE = re.compile(
    r"\s+(?:when|which|who|whom|while|whereas|because|although|though|but|after|before|where|such\s+as)\s"
)
_VERB_FIRST = re.compile(r"^(?:had|has|have|was|were|is|are|would|could)\b")
_NAME_AT_END = re.compile(r"([A-Z][\w’'-]*(?:\s+(?:al|ag|bin|ibn|wal|de|[A-Z][\w’'-]*))*)\s*$")


def draft_title(sentence: Sentence, mention: Mention, subject: Subject, others: list[Mention] = ()) -> str:
    """Title for `mention`; `others` are the sentence's other dates, left out of it too."""
    text = sentence.text
    for other in others:
        a, b = other.start - sentence.start, other.end - sentence.start
        if other is not mention and 0 <= a < b <= len(text):
            text = text[:a] + " " * (b - a) + text[b:]  # blanked, so offsets still hold
    if sentence.header:
        label = text.partition(":")[0].strip()
        return f"{subject.short} {label.lower()} (profile header)"
    start, end = mention.start - sentence.start, mention.end - sentence.start
    segments = _segments(text, start, end)
    here = next(i for i, (a, b) in enumerate(segments) if a <= start < b)
    a, b = segments[here]
    clause = _without(text[a:b], start - a, end - a)
    following = here + 1
    if _word_count(clause) < 3 and following < len(segments):  # 'In March 2017, the group ... was created'
        na, nb = segments[following]
        clause = f"{clause} {text[na:nb]}".strip()
        following += 1
    if _PARTICIPLE.match(clause) and here > 0:  # '..., founded in 2013 by X': whose founding?
        name = _NAME_AT_END.search(text[segments[here - 1][0] : segments[here - 1][1]])
        if name:
            clause = f"{name.group(1)} {clause}"
    elif _VERB_FIRST.match(clause) and here > 0 and _word_count(text[slice(*segments[0])]) <= 4:
        clause = f"{text[slice(*segments[0])]} {clause}"  # 'Droukdel, an Algerian militant, had served ...'
    if following < len(segments) and text[segments[following][0] :].startswith("by "):
        clause = f"{clause} {text[slice(*segments[following])]}"
    return _tidy(clause, subject)


def _segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses between commas and semicolons, never cutting through the date ('November 20, 2015')."""
    cuts = [m for m in _BREAK.finditer(text) if not (start <= m.start() < end)]
    segments, position = [], 0
    for cut in cuts:
        segments.append((position, cut.start()))
        position = cut.end()
    segments.append((position, len(text)))
    return [(a, b) for a, b in segments if b > a] or [(0, len(text))]


def _without(clause: str, start: int, end: int) -> str:
    start, end = max(start, 0), min(end, len(clause))
    return re.sub(r"\s{2,}", " ", (clause[:start] + " " + clause[end:]).replace("( )", "").replace("()", "")).strip()


def _word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _tidy(clause: str, subject: Subject) -> str:
    clause = clause.strip(" ,;:.")
    for _ in range(3):
        clause = _OPENERS.sub("", clause).strip(" ,;:")
    cut = _SUBORDINATE.search(clause)
    if cut and _word_count(clause[: cut.start()]) >= 3:
        clause = clause[: cut.start()]
    # 'The group was founded' -> 'AQIM was founded'; not 'The group Jammat ...', which names another.
    # The name is text, not a template: a title line such as 'C:\\Reports' would be a bad escape.
    clause = re.sub(r"^(?i:the\s+group|the\s+organi[sz]ation)(?=\s+[a-z])", lambda _: subject.short, clause)
    words = clause.split()
    if len(words) > MAX_WORDS:
        clause = " ".join(words[:MAX_WORDS]).rstrip(",;:") + "…"
    clause = re.sub(r"^[\s,;:.]+|[\s,;:.]+$", "", clause)  # \s: a no-break space is blank to the loader too
    return clause[:1].upper() + clause[1:] if clause else "Dated mention"
