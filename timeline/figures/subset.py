"""A view draws a part of a frame whose marks were made once: which rows of the frame that part is, and
what is kept per row."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

import numpy as np
import pandas as pd

from timeline import i18n

T = TypeVar("T")


def positions(frame: pd.DataFrame, part: pd.DataFrame) -> np.ndarray:
    """Where the rows of `part` are in `frame`, in the order of `part`; only the indexes are read."""
    if part is frame:
        return np.arange(len(frame))
    found = frame.index.get_indexer(part.index)
    if (found < 0).any():
        raise ValueError("these events are not all rows of the frame the figure's marks were made from")
    return found


class PerRow(Generic[T]):
    """A value per row of `frame` (a hover text, a list item), made from the row on first use and kept.

    `make` takes a row as itertuples gives it, in `lang` (the language the frame was made for), so a
    collection of 100,000 events pays only for the rows a reader has seen. Two requests that need the
    same new row at once may both make it: the value is the same.
    """

    def __init__(self, frame: pd.DataFrame, make: Callable[[tuple], T], lang: str) -> None:
        self.frame, self.make, self.lang = frame, make, lang
        self._made: list[T | None] = [None] * len(frame)

    def of(self, rows: np.ndarray) -> list[T]:
        """The values of the rows at `rows` (positions in the frame), in that order."""
        made = self._made
        wanted = rows.tolist()
        missing = [row for row in wanted if made[row] is None]
        if missing:
            with i18n.use(self.lang):
                for row, values in zip(missing, self.frame.iloc[missing].itertuples(), strict=True):
                    made[row] = self.make(values)
        return [made[row] for row in wanted]
