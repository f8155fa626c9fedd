"""Whether a name, where it stands in its sentence, is a place: the words around it can make it part of
an organisation's name ('the Islamic Maghreb', 'Algerian Group for ...'), a state acting ('French
troops'), or one of the words GeoNames lists as towns but prose uses otherwise ('March', 'Police')."""

from __future__ import annotations

import re

from timeline.core.text import fold, words
from timeline.extract import geodata
from timeline.extract.placenames import DIRECTION

# After a demonym, these make it a state acting (an actor) rather than a place.
STATE_WORDS = re.compile(
    r"^(?:-led|-backed|-trained|\s+(?:troops|forces|armed\s+forces|army|military|soldiers|government|authorities|"
    r"embassy|police|navy|air\s+force|airstrikes?|special\s+forces|president|officials|intelligence|gendarmerie|jets?))\b",
    re.I,
)
# Capitalised words that GeoNames lists as cities but prose uses otherwise.
_NOT_CITIES = frozenset(
    fold(w)
    for w in words(
        """March May June August Police Union Victoria Mobile Reading Bath Nice Split Mission Marion Independence
    Liberty Concord Hope Unity Progress Eden Ocean Salvador Florida Santa Sale Delta Asia Africa Europe America Islam
    Islamic Arab Muslim Christian Catholic Sunni Shia Emir Sultan Commander General President Minister Army Guard"""
    )
)
_NOT_PLACES = frozenset(
    w.lower()
    for w in words(
        """The This That These Those His Her Its Their Our January February March April May June July August
    September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday Islam Allah God
    Addition Particular General Response Order Support Light Spite Total Practice Fact Turn Return Contrast Power
    Charge Control Office Exile Prison Jail Custody Power"""
    )
)


def not_a_city(name: str) -> bool:
    """A word GeoNames lists as a town but prose uses otherwise ('March', 'Police', 'Nice')."""
    return fold(name) in _NOT_CITIES


def not_a_place(name: str) -> bool:
    """A name after 'in' or 'city of' that is no place: a pronoun, a month, an abstract noun, an acronym."""
    first = name.split()[0].lower()
    return first in _NOT_PLACES or name.isupper()


def part_of_a_name(text: str, end: int) -> bool:
    """A country or demonym followed by a capitalised non-place word starts an organisation's name."""
    m = re.match(r"\s+(?:for\s+|of\s+)?([A-Z][a-z]+)", text[end : end + 40])
    if not m:
        return False
    word = m.group(1)
    return word not in geodata.countries() and not any(word == r[0].split()[0] for r in geodata.REGIONS)


def inside_a_name(text: str, start: int) -> bool:
    """A place word after a capitalised word mid-sentence is the end of a name: 'the Islamic Maghreb'."""
    m = _WORD_BEFORE.search(text[max(0, start - 40) : start])
    if not m or not m.group("before") or m.group("before") in ".!?:":
        return False  # that word opens the sentence: 'A French-led operation'
    return m.group("word") not in _NAME_OPENERS and not _is_place_word(m.group("word"))


_WORD_BEFORE = re.compile(r"(?:(?P<before>\S)\s+|^\s*)(?P<word>[A-Z][\w’'-]*)\s+$")
_NAME_OPENERS = words("The In And Of For From To At On By Both Across Including Between Despite Under Over")


def _is_place_word(word: str) -> bool:
    return word in geodata.countries() or word in geodata.DEMONYMS or bool(re.fullmatch(DIRECTION, word, re.I))


def in_place_position(text: str, start: int, end: int) -> bool:
    """Whether a name stands where a place does ('in Chad', 'Chad's'): an ambiguous country name
    ('Chad', 'Niger') counts only there."""
    before = text[max(0, start - 12) : start].lower()
    after = text[end : end + 3]
    return bool(re.search(r"\b(?:in|to|from|of|into|across|and|,)\s*$", before) or after.startswith(("’s", "'s")))
