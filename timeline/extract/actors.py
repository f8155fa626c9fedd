"""Who a sentence names: known actors from the collection's glossary (aliases.csv), and guesses.

A known actor is written under its glossary name, so the explorer's actor
filter groups 'NJIM' with 'JNIM'. Anything else that looks like a name (two or
more capitalised words, or an acronym the text defines in brackets) is a
guess, kept as written; draft.py lists the guesses in the row's summary.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from timeline.core.text import fold, words
from timeline.extract.sentences import Sentence
from timeline.load.schema import split_list


@dataclass(frozen=True)
class ActorHit:
    name: str  # glossary name, or the words as written for a guess
    start: int
    end: int
    known: bool


@dataclass
class Glossary:
    names: dict[str, list[str]] = field(default_factory=dict)  # glossary name -> other names
    _pattern: re.Pattern[str] | None = None
    _lookup: dict[str, str] = field(default_factory=dict)

    def variants(self, name: str) -> set[str]:
        """Every name of the actor `name` is one of (itself alone when unknown)."""
        canonical = self.canonical(name)
        if canonical is None:
            return {name}
        return {canonical, *self.names[canonical]}

    def canonical(self, name: str) -> str | None:
        self._compile()
        return self._lookup.get(fold(name))

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[ActorHit]:
        pattern = self._compile()
        if pattern is None:
            return []
        hits = []
        for m in pattern.finditer(text, start, len(text) if end is None else end):
            canonical = self._lookup.get(fold(m.group()))
            if canonical:
                hits.append(ActorHit(canonical, m.start(), m.end(), True))
        return hits

    def _compile(self) -> re.Pattern[str] | None:
        if self._pattern is None and self.names:
            for canonical, others in self.names.items():
                for name in (canonical, *others):
                    self._lookup.setdefault(fold(name), canonical)
            variants = sorted({n for c, o in self.names.items() for n in (c, *o)}, key=len, reverse=True)
            # Acronyms match in capitals only ('AQIM', not 'aqim'); names in any case, and with
            # either apostrophe, since profiles mix ’ and '.
            parts = [_flexible(n) if not n.isupper() else re.escape(n) for n in variants]
            self._pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])")
        return self._pattern


def _flexible(name: str) -> str:
    escaped = re.escape(name)
    escaped = escaped.replace("’", "['’]").replace("'", "['’]").replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]+")
    return f"(?i:{escaped})"


def load_glossary(collection: Path) -> tuple[Glossary, list[str]]:
    """The names a collection knows: aliases.csv, and organisations.csv / people.csv where present.

    Organisations go by their short name ('AQIM'), people by their full name, as
    the curated events write them. Read leniently: a file that cannot be read is
    reported and skipped, since a glossary only helps.
    """
    names: dict[str, list[str]] = {}
    warnings: list[str] = []
    for file, key in (("organisations.csv", "short_name"), ("people.csv", "name"), ("aliases.csv", "name")):
        path = collection / file
        if not path.exists():
            continue
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                rows = list(csv.DictReader(handle))
        except (UnicodeDecodeError, csv.Error) as exc:
            warnings.append(f"{path}: not read as a glossary ({exc})")
            continue
        for row in rows:
            full = (row.get("name") or "").strip()
            label = (row.get(key) or "").strip() or full
            if not label:
                continue
            others = [full, (row.get("short_name") or "").strip(), *split_list(row.get("aliases") or "")]
            group = names.setdefault(label, [])
            group.extend(n for n in others if n and n != label and n not in group)
    return Glossary(names), warnings


# --- guesses ------------------------------------------------------------------------------------

_CONNECTORS = r"(?:al|el|ag|ibn|bin|bint|wal|wa|de|du|da|la|le|van|von|der|of|for|the|in)"
_WORD = r"[A-Z](?:\.|[\w’'-]*)"  # 'Abu', 'al-Annabi', an initial 'A.'; 'Algeria.' ends a run
_RUN = re.compile(rf"(?<![\w’'-]){_WORD}(?:\s+(?:{_CONNECTORS}\s+)*{_WORD})*")
_DEFINED_ACRONYM = re.compile(r"\(([A-Z][A-Z-]{2,9})\)")
# Capitalised words that open sentences or are titles, months, days: never a name on their own.
_NOT_NAMES = words("""The A An In On At By For From To Of And But Or As After Before Since During Between Despite However
    Nevertheless Moreover Furthermore Although Though While When Where Which Who Whose This That These Those
    Its His Her Their Our Other Several Both Under Over Into Some Many Most Also Then Thus Five Four Three Two
    One Six Seven Eight Nine Ten Several First Second Third Last Next Previous In-addition
    January February March April May June July August September October November December Monday Tuesday
    Wednesday Thursday Friday Saturday Sunday Founded Type Country Overview None Online Resources
    Emir EMIR Leader Commander Chief Head""")


def guesses(text: str, sentence: Sentence, taken: list[tuple[int, int]], acronyms: set[str]) -> list[ActorHit]:
    """Capitalised multi-word names and defined acronyms in a sentence, outside spans already explained."""
    hits = []
    for m in _RUN.finditer(text, sentence.start, sentence.end):
        # Words inside a known place or actor are cut out: 'Mali’s Radisson Blu' -> 'Radisson Blu'.
        words = [
            w for w in re.finditer(r"\S+", m.group()) if not _inside(m.start() + w.start(), m.start() + w.end(), taken)
        ]
        for group in _consecutive(words, m.group()):
            hit = _name(group, m.start(), acronyms)
            if hit:
                hits.append(hit)
    return hits


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in spans)


def _consecutive(words: list[re.Match[str]], run: str) -> list[list[re.Match[str]]]:
    groups: list[list[re.Match[str]]] = []
    for word in words:
        if groups and run[groups[-1][-1].end() : word.start()].strip() == "":
            groups[-1].append(word)
        else:
            groups.append([word])
    return groups


def _name(group: list[re.Match[str]], offset: int, acronyms: set[str]) -> ActorHit | None:
    words = [w.group() for w in group]
    spans = [(offset + w.start(), offset + w.end()) for w in group]
    while words and (words[0] in _NOT_NAMES or re.fullmatch(_CONNECTORS, words[0])) and not _glued(words):
        words, spans = words[1:], spans[1:]
    while words and re.fullmatch(_CONNECTORS, words[-1]):
        words, spans = words[:-1], spans[:-1]
    if not words:
        return None
    name = " ".join(words).rstrip(".,;:").removesuffix("’s").removesuffix("'s")
    multiword = len(name.split()) >= 2 or bool(re.search(r"[A-Za-z]-[A-Z]", name))
    if (multiword and not name.isupper()) or name in acronyms:
        return ActorHit(name, spans[0][0], spans[0][0] + len(name), False)
    return None


def _glued(words: list[str]) -> bool:
    return len(words) >= 2 and words[0].lower() in ("al", "el") and words[1][0].isupper()


def defined_acronyms(text: str) -> set[str]:
    """Acronyms a text introduces in brackets: 'US Africa Command (AFRICOM)'."""
    return set(_DEFINED_ACRONYM.findall(text))


# --- the document's subject ---------------------------------------------------------------------


@dataclass(frozen=True)
class Subject:
    title: str  # 'Al-Qaeda in the Islamic Maghreb'
    short: str  # 'AQIM'
    names: frozenset[str]  # every way the text may refer to it, folded
    known: bool = False  # whether `short` is a glossary name

    def named_in(self, text: str) -> bool:
        folded = fold(text)
        return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", folded) for n in self.names)


_GENERIC_REFERENCES = ("the group", "the organisation", "the organization", "the movement", "the network")


def subject(sentences: list[Sentence], glossary: Glossary) -> Subject:
    """What a profile is about: its title line, the names its header gives, the glossary's other names."""
    title = ""
    if sentences and not sentences[0].header and len(sentences[0].text) <= 100 and not sentences[0].text.endswith("."):
        title = sentences[0].text.strip()
    names = {title} if title else set()
    for sentence in sentences[:15]:
        label, _, value = sentence.text.partition(":")
        if sentence.header and re.fullmatch(
            r"(?i)(?:other\s+names?|also\s+known\s+as|aliases|acronyms?|aka)", label.strip()
        ):
            names.update(part.strip() for part in re.split(r"[,;]", value) if part.strip())
    for name in list(names):
        names |= glossary.variants(name)
    canonical = next((glossary.canonical(n) for n in names if glossary.canonical(n)), None)
    acronyms = sorted((n for n in names if n.isupper() and 2 < len(n) < 10), key=len)
    short = canonical or (acronyms[0] if acronyms else title)
    folded = {fold(n) for n in names if n} | set(_GENERIC_REFERENCES)
    return Subject(title or short or "", short or "the group", frozenset(folded), canonical is not None)
