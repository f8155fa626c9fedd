"""One sentence's bug costs that sentence, never the document.

Resolving dates (resolve.py) and drafting rows (draft.py) are the two passes that work one sentence
at a time; each runs a sentence's work through `guarded`, so an exception raised by any rule becomes
an entry of the report (the sentence, the phrase, the exception's message) and the next sentence goes
on. The passes over the whole text (markup, sentences, finding date phrases) have no sentence to
blame; the fuzz tests (tests/test_extract_fuzz.py, tests/test_extract_corpus.py) keep them from raising.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class InternalError:
    """What `guarded` returns instead of a result when the work raised."""

    message: str


def guarded(work: Callable[[], T]) -> T | InternalError:
    """`work()`, or the exception it raised as an InternalError whose message a report can show."""
    try:
        return work()
    except Exception as exc:  # any bug in one sentence's rules; KeyboardInterrupt and SystemExit still stop
        return InternalError(f"internal error in extract, please report it ({type(exc).__name__}: {exc})")
