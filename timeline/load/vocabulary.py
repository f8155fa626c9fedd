"""The closed lists of values a collection's cells choose from: categories, date bases, relation types.

They are kept apart from the row models that enforce them because the figures, the pages and
the output formats read them too (colours and legends by category, a relation drawn solid or
dashed), and those should not need the models to know the words. docs/collections.md lists them
for the people who write the files.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from babel.support import LazyProxy

from timeline.i18n import gettext as _
from timeline.i18n import lazy_gettext, word_for

# An event's category: the key is what the CSV holds, the value what a legend shows, in the reader's
# language when it is made a str (timeline.i18n.words.category does).
CATEGORIES: dict[str, LazyProxy] = {
    "organisation": lazy_gettext("Organisation"),
    "attack": lazy_gettext("Attack"),
    "leadership": lazy_gettext("Leadership"),
    "state-response": lazy_gettext("State response"),
    "context": lazy_gettext("Context"),
}


def category(key: str) -> str:
    """'Attack' for `attack`, in the reader's language; a key the vocabulary does not know, as it is."""
    return word_for(CATEGORIES, key)


# The kinds of place in a collection's places.csv.
PLACE_KINDS = {
    "country": lazy_gettext("country"),
    "region": lazy_gettext("region"),
    "city": lazy_gettext("city"),
    "site": lazy_gettext("site"),
}


def place_kind(kind: str) -> str:
    return word_for(PLACE_KINDS, kind)


def place_words(name: str, kind: str, added: bool = False) -> str:
    """'Gao (city)', and for a place the editors added: 'Gao (city, added: not named in the source)'."""
    if added:
        return _("%(place)s (%(kind)s, added: not named in the source)") % {"place": name, "kind": place_kind(kind)}
    return _("%(place)s (%(kind)s)") % {"place": name, "kind": place_kind(kind)}


# A person's role in an organisation (roles.csv), shown when the source gives no title of its own.
ROLES: dict[str, LazyProxy] = {
    "founder": lazy_gettext("founder"),
    "leader": lazy_gettext("leader"),
    "commander": lazy_gettext("commander"),
}


def role_title(title: str, role: str) -> str:
    """The title the source gives ('emir'), else the role in the reader's language ('leader')."""
    return title or word_for(ROLES, role)


# How a date was reached: read in the source, worked out from it, or inferred from the context.
Basis = Literal["stated", "derived", "inferred"]
BASES: tuple[str, ...] = get_args(Basis)


@dataclass(frozen=True)
class RelationType:
    phrase: LazyProxy  # "GSPC renamed into AQIM", in the reader's language when made a str
    kind: Literal["lineage", "allegiance"]  # lineage is drawn solid, allegiance dashed
    reverse: bool = False  # drawn from to_org to from_org: a split comes out of its parent


RELATION_TYPES: dict[str, RelationType] = {
    # Translators: between two organisations' names: "GSPC renamed into AQIM".
    "renamed-into": RelationType(lazy_gettext("renamed into"), "lineage"),
    "split-from": RelationType(lazy_gettext("split from"), "lineage", reverse=True),
    "merged-into": RelationType(lazy_gettext("merged into"), "lineage"),
    "pledged-allegiance-to": RelationType(lazy_gettext("pledged allegiance to"), "allegiance"),
    "loyal-to": RelationType(lazy_gettext("stayed loyal to"), "allegiance"),
    "affiliated-with": RelationType(lazy_gettext("affiliated with"), "allegiance"),
}
