"""Which dated event a phrase names: for 'Droukdel's death', the dated sentence that says he was killed.

An event word ('death') stands for the verbs that report it ('killed', 'died', ...); among the dated
sentences with such a verb, one naming the person (by any name the glossary gives) wins, then one in
the same paragraph, then one before the phrase. No match leaves the phrase undated, never guessed.
"""

from __future__ import annotations

import functools
import re

from timeline.core import dates
from timeline.core.text import fold
from timeline.extract import datefinder
from timeline.extract.dated import Dated, Document, Unresolved, cite, derived
from timeline.extract.datewords import Mention
from timeline.extract.sentences import Sentence

# Event words -> the verbs and nouns that report such an event.
EVENT_WORDS: list[tuple[str, str]] = [
    (r"death|killing|assassination|execution|demise", r"killed|died|death|dead|assassinat\w*|executed|slain|killing"),
    (
        r"establishment|founding|foundation|creation|formation|inception|emergence|birth|launch",
        r"found(?:ed|ing)|establish(?:ed|ment)|creat(?:ed|ion)|form(?:ed|ation)|emerged|set\s+up|launched",
    ),
    (r"arrest|capture|detention", r"arrest(?:ed)?|captur(?:ed|e)|detained"),
    (r"coup", r"coup"),
    (r"election", r"elect(?:ed|ion)"),
    (r"attack|bombing|assault|raid|siege|massacre|shooting", r"attack\w*|bomb\w*|assault|raid|siege|massacre|shooting"),
    (r"appointment|nomination|succession", r"appointed|named|succeeded"),
    (r"withdrawal|departure|exit", r"withdr\w*|left|departed"),
    (r"merger|union", r"merg\w*|united|combined|created"),
    (r"release", r"releas\w*|freed"),
    (r"invasion|intervention|operation", r"invad\w*|invasion|interven\w*|operation"),
    (r"split|schism", r"split|splinter\w*|broke\s+away"),
    (r"fall|collapse", r"fell|fall|collapse\w*"),
    (r"uprisings?|revolution", r"uprisings?|revolution"),
    (r"independence|secession", r"independen\w*|seceded|secession"),
    (r"unification|reunification", r"unifi\w*|reunifi\w*"),
    (r"war|conflict|fighting", r"war|conflict|fighting|rebellion"),
    (r"agreement|accord|treaty", r"agreement|accord|treaty|signed"),
]
_END_OF_TENURE = r"killed|died|death|assassinat\w*|executed|arrested|captured|ousted|replaced|resigned|stepped\s+down"
_TENURE = re.compile(r"\bhad\s+(?:served|led|headed|been|ruled|commanded|run)\b", re.I)


def event_anchor(
    mention: Mention, sentence: Sentence, dated: list[Dated], document: Document
) -> tuple[Dated | None, str]:
    """The dated event the mention's anchor names ('Droukdel’s death') and the words a note cites it by;
    (None, '') when the document dates no such event."""
    anchor_text = mention.anchor
    inner = [m for m in datefinder.find(anchor_text) if m.kind == "stated"]
    if inner:  # 'two years after the 2012 coup': the anchor carries its own date
        m = inner[0]
        fake = Dated(m, sentence, m.edtf_start, m.edtf_end, "stated")
        return fake, f"the date in the anchor itself, '{m.text}'"
    noun, name = _parse_anchor(anchor_text)
    if noun is None:
        return None, ""
    verbs = _verbs_for(noun)
    names = _names(name, document)
    found = _best(
        mention, sentence, dated, verbs, names, document.paragraphs, named=name is not None, about_subject=name == "its"
    )
    if found is None:
        return None, ""
    return found, f"'{anchor_text}' taken to be the event {cite(found)}"


def named_event(
    mention: Mention,
    anchor_text: str,
    sentence: Sentence,
    dated: list[Dated],
    document: Document,
) -> tuple[Dated | None, str]:
    """The dated event a phrase names ('the coup', 'independence'), preferring one that names who the
    sentence is about ('Since independence, South Sudan ...')."""
    inner = [m for m in datefinder.find(anchor_text) if m.kind == "stated"]
    if inner:  # 'after the 2012 coup'
        m = inner[0]
        return Dated(m, sentence, m.edtf_start, m.edtf_end, "stated"), f"the date in '{anchor_text}' itself"
    noun, name = _parse_anchor(anchor_text)
    if noun is None:
        match = re.fullmatch(r"\s*([a-z]+)\s*", anchor_text)
        noun = match.group(1) if match else None
    if noun is None:
        return None, ""
    names = _names(name, document) if name else _sentence_names(sentence.text, mention)
    stated = [d for d in dated if d.basis == "stated"]  # an event the text dates, before one dated by rule
    found = _best(mention, sentence, stated, _verbs_for(noun), names, document.paragraphs, named=False) or _best(
        mention, sentence, dated, _verbs_for(noun), names, document.paragraphs, named=False
    )
    if found is None or found.end == dates.OPEN:
        return None, ""
    return found, f"'{anchor_text}' taken to be the event {cite(found)}"


def _sentence_names(text: str, mention: Mention) -> list[str]:
    """Capitalised names of a sentence other than its first word and the mention's own words."""
    names = set()
    for m in re.finditer(r"(?<!^)(?<![.!?]\s)\b[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*", text):
        if m.group() not in mention.text:
            names.add(fold(m.group()))
    return sorted(names)


def _parse_anchor(anchor: str) -> tuple[str | None, str | None]:
    """'Droukdel’s death' -> ('death', 'Droukdel'); 'the death of X' -> ('death', 'X'); 'its founding' -> ('founding', 'its')."""
    m = re.match(r"(?P<name>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)[’']s?\s+(?P<noun>[a-z]+)", anchor)
    if m:
        return m.group("noun"), m.group("name")
    m = re.match(r"(?:the\s+)?(?P<noun>[a-z]+)\s+of\s+(?P<name>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)", anchor)
    if m:
        return m.group("noun"), m.group("name")
    m = re.match(
        r"(?P<who>its|their|his|her|the\s+group[’']s|the\s+organi[sz]ation[’']s)\s+(?P<noun>[a-z]+)", anchor, re.I
    )
    if m:
        who = m.group("who").lower()
        return m.group("noun"), "its" if who in ("its", "their") or "group" in who or "organi" in who else None
    m = re.match(r"(?:the|a|an)\s+(?:[a-z-]+\s+)?(?P<noun>[a-z]+)\b", anchor)
    if m:
        return m.group("noun"), None
    return None, None


def _verbs_for(noun: str) -> re.Pattern[str]:
    for nouns, verbs in EVENT_WORDS:
        if re.fullmatch(nouns, noun, re.I):
            return re.compile(rf"\b(?:{verbs})\b", re.I)
    return re.compile(rf"\b{re.escape(noun[:5])}\w*", re.I)  # an event word we have no list for: its stem


def _names(name: str | None, document: Document) -> list[str]:
    if name is None:
        return []
    if name == "its":
        return sorted(document.subject.names)
    variants = document.glossary.variants(name)
    canonical = document.glossary.canonical(name)
    if canonical is None:  # 'Droukdel' alone also finds 'Abdelmalek Droukdel'
        variants |= {name.split()[-1]}
    return sorted(fold(v) for v in variants)


def _best(
    mention: Mention,
    sentence: Sentence,
    dated: list[Dated],
    verbs: re.Pattern[str],
    names: list[str],
    paragraphs: dict[int, str],
    named: bool,
    about_subject: bool = False,
) -> Dated | None:
    scored = []
    for candidate in dated:
        if candidate.mention is mention or candidate.mention.start == mention.start:
            continue
        source = candidate.sentence.text
        if candidate.sentence.header:
            if not _has(verbs, source.partition(":")[0]):
                continue
            # A fact line at the top of a profile describes the profile's subject.
            name_score = 3 if about_subject else 0
        else:
            if not _verb_outside_date(candidate, verbs):
                continue  # 'Three months after Karim's death' dates another event, not the death
            name_score = 0
            if names:
                if _mentions_any(source, names):
                    name_score = 2
                elif candidate.sentence.paragraph == sentence.paragraph and _mentions_any(
                    paragraphs.get(sentence.paragraph, ""), names
                ):
                    name_score = 1  # named elsewhere in the paragraph: 'the Emir of AQIM' ... 'Droukdel'
        if named and name_score == 0:
            continue
        same_paragraph = candidate.sentence.paragraph == sentence.paragraph
        before = candidate.mention.end <= mention.start
        distance = abs(candidate.sentence.index - sentence.index)
        closeness = _verb_distance(source, candidate, verbs)
        scored.append(((name_score, same_paragraph, before, -distance, -closeness), candidate))
    return max(scored, key=lambda s: s[0])[1] if scored else None


@functools.lru_cache(maxsize=65536)
def _has(pattern: re.Pattern[str], text: str) -> bool:
    # The same sentences are candidates for many relative dates near them.
    return pattern.search(text) is not None


def _verb_outside_date(candidate: Dated, verbs: re.Pattern[str]) -> bool:
    if not _has(verbs, candidate.sentence.text):
        return False
    offset = candidate.sentence.start
    a, b = candidate.mention.start - offset, candidate.mention.end - offset
    return any(m.end() <= a or m.start() >= b for m in verbs.finditer(candidate.sentence.text))


def _mentions_any(text: str, names: list[str]) -> bool:
    return _has(_names_pattern(tuple(names)), fold(text))


@functools.lru_cache(maxsize=256)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True) if n)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)" if alternatives else r"(?!)")


def _verb_distance(source: str, candidate: Dated, verbs: re.Pattern[str]) -> int:
    """Characters between the date and the nearest event verb: 'founded in 2007' beats 'founded during ... (1991-2002)'."""
    offset = candidate.sentence.start
    a, b = candidate.mention.start - offset, candidate.mention.end - offset
    return min((max(a - m.end(), m.start() - b, 0) for m in verbs.finditer(source)), default=10_000)


def since_founding(mention: Mention, sentence: Sentence, dated: list[Dated], document: Document) -> Dated | Unresolved:
    """'since its establishment': from the subject's founding; where the sentence tells of a tenure ('had
    served ...'), to the end of it the document dates."""
    verbs = _verbs_for("founding")
    founding = _best(
        mention, sentence, dated, verbs, sorted(document.subject.names), document.paragraphs, True, about_subject=True
    )
    if founding is None:
        return Unresolved(mention, sentence, f"no founding date found in the document for '{mention.anchor}'")
    start = founding.start
    note = f"Start: {document.subject.short}'s founding, {cite(founding)}"
    end = ""
    if _TENURE.search(sentence.text):
        person = _sentence_subject(sentence.text)
        if person:
            ended = _best(
                mention,
                sentence,
                dated,
                re.compile(rf"\b(?:{_END_OF_TENURE})\b", re.I),
                _names(person, document),
                document.paragraphs,
                named=True,
            )
            if ended is not None and ended.start != start:
                end = ended.end or ended.start
                note += f". End: {person}'s death or removal, taken to be the event {cite(ended)}"
        if not end:
            note += ". The tenure's end is not found in the text"
    return derived(mention, sentence, start, end, note)


def _sentence_subject(text: str) -> str | None:
    """'Droukdel, an Algerian militant, had served ...' -> 'Droukdel'."""
    m = re.match(
        r"\s*(?:[A-Z][a-z]+\s+){0,2}?([A-Z][\w’'-]+(?:\s+(?:al|ag|bin|ibn|[A-Z][\w’'-]+))*)\s*(?:,|had\b)", text
    )
    return m.group(1) if m else None
