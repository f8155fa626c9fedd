"""The closed lists of values a collection's cells choose from: categories, date bases, relation types.

They are kept apart from the row models that enforce them because the figures, the pages and
the output formats read them too (colours and legends by category, a relation drawn solid or
dashed), and those should not need the models to know the words. docs/collections.md lists them
for the people who write the files.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

# An event's category: the key is what the CSV holds, the value what a legend shows.
CATEGORIES: dict[str, str] = {
    "organisation": "Organisation",
    "attack": "Attack",
    "leadership": "Leadership",
    "state-response": "State response",
    "context": "Context",
}

# How a date was reached: read in the source, worked out from it, or inferred from the context.
Basis = Literal["stated", "derived", "inferred"]
BASES: tuple[str, ...] = get_args(Basis)


@dataclass(frozen=True)
class RelationType:
    phrase: str  # "GSPC renamed into AQIM"
    kind: Literal["lineage", "allegiance"]  # lineage is drawn solid, allegiance dashed
    reverse: bool = False  # drawn from to_org to from_org: a split comes out of its parent


RELATION_TYPES: dict[str, RelationType] = {
    "renamed-into": RelationType("renamed into", "lineage"),
    "split-from": RelationType("split from", "lineage", reverse=True),
    "merged-into": RelationType("merged into", "lineage"),
    "pledged-allegiance-to": RelationType("pledged allegiance to", "allegiance"),
    "loyal-to": RelationType("stayed loyal to", "allegiance"),
    "affiliated-with": RelationType("affiliated with", "allegiance"),
}
