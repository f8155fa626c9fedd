"""Where the lineage chart puts things: lanes, tenure rows, the x range, and how wide labels are.

Kept apart from the drawing (figures/lineage.py) so the geometry can be read
and tested on its own. Labels are placed in data units, so their width is
estimated from the x range and a plot width on the small side: an estimate
too wide only costs a little room, one too narrow would let labels overlap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from timeline.load.lineage_dates import is_vague
from timeline.load.vocabulary import RELATION_TYPES

# Vertical layout in y units (one lane step); the figure turns a unit into pixels.
LANE_STEP = 1.0
TENURE_FIRST = 0.5  # from a lane down to its first tenure row
TENURE_STEP = 0.42
AFTER_TENURES = 0.7  # from the last tenure row down to the next lane

LABEL_SIZE = 13
TENURE_LABEL_SIZE = 12
ASSUMED_PLOT_PX = 1000
CHAR_PX = 7.4  # at a 12 px font
GAP_PX = 10
LABEL_GAP_PX = 13  # between a label and the start of its lane: room for a connector's arrow
LEAD_IN_PX = 26  # the dotted stub before a lane or tenure whose start the source does not give
QUESTION_PX = 12  # the '?' at the start of that stub
MIN_BAR_PX = 16  # an open-ended bar starting near the right edge still shows its arrow
EDGE_PX = 7  # open ends stop this short of the right edge, where their arrow would be cut in half


@dataclass(frozen=True)
class Scale:
    """Screen pixels -> days on the x axis."""

    x0: pd.Timestamp
    x1: pd.Timestamp

    def days(self, px: float) -> pd.Timedelta:
        return (self.x1 - self.x0) * (px / ASSUMED_PLOT_PX)

    def text(self, label: str, size: int) -> pd.Timedelta:
        return self.days(len(label) * CHAR_PX * size / 12 + GAP_PX)


@dataclass(frozen=True)
class Bar:
    """One drawn span, a lane or a tenure, with the parts the source leaves uncertain."""

    start: pd.Timestamp
    end: pd.Timestamp
    vague_start: pd.Timestamp | None = None  # solid from here; dotted before (a founding given as a span)
    vague_end: pd.Timestamp | None = None  # dotted after here (an end given as a span)
    unknown_start: bool = False  # the source gives no start: a dotted lead-in and a "?"
    open_end: bool = False  # the source gives no end: runs to the edge with an arrow
    point: bool = False  # a founder: a moment, drawn as a star

    def lead(self, scale: Scale) -> pd.Timedelta:
        """Room taken left of `start` by the lead-in stub and its '?'."""
        return scale.days(LEAD_IN_PX + QUESTION_PX) if self.unknown_start else pd.Timedelta(0)


@dataclass
class _Row:
    items: list[tuple[pd.Timestamp, pd.Timestamp]] = field(default_factory=list)

    def fits(self, first: pd.Timestamp, last: pd.Timestamp) -> bool:
        return all(last < a or first > b for a, b in self.items)


@dataclass(frozen=True)
class Plan:
    """Everything the drawing needs besides the rows themselves."""

    scale: Scale
    at: dict[str, pd.Timestamp]  # relation id -> x of its connector
    lane_bars: dict[str, Bar]
    role_bars: dict[str, Bar]
    lanes: dict[str, float]  # organisation id -> y
    tenure_rows: dict[str, float]  # role id -> y
    names: dict[str, tuple[str, str]]  # person id -> (full name, short name)
    bottom: float


def plan(
    orgs: pd.DataFrame, relations: pd.DataFrame, roles: pd.DataFrame, people: pd.DataFrame | None, x_range
) -> Plan:
    """Lanes top to bottom in file order; each lane's tenures packed into rows below it so none overlap."""
    names = person_names(people)
    at = relation_x(relations)
    scale = Scale(*frame_x(orgs, relations, roles, x_range))
    lane_bars = {org.id: lane_bar(org, relations, at, scale) for org in orgs.itertuples()}
    role_bars = {role.id: role_bar(role, scale) for role in roles.itertuples()}
    lanes: dict[str, float] = {}
    tenure_rows: dict[str, float] = {}
    y = 0.0
    for org in orgs.itertuples():
        lanes[org.id] = y
        rows: list[_Row] = []
        mine = sorted(roles[roles["organisation"] == org.id].itertuples(), key=lambda r: role_bars[r.id].start)
        for role in mine:
            first, last = label_extent(role_bars[role.id], tenure_label(role, names), TENURE_LABEL_SIZE, scale)
            index = next((i for i, row in enumerate(rows) if row.fits(first, last)), len(rows))
            if index == len(rows):
                rows.append(_Row())
            rows[index].items.append((first, last))
            tenure_rows[role.id] = y + TENURE_FIRST + index * TENURE_STEP
        y += TENURE_FIRST + (len(rows) - 1) * TENURE_STEP + AFTER_TENURES if rows else LANE_STEP
    bottom = max([*lanes.values(), *tenure_rows.values()], default=0.0)
    return Plan(scale, at, lane_bars, role_bars, lanes, tenure_rows, names, bottom)


def person_names(people: pd.DataFrame | None) -> dict[str, tuple[str, str]]:
    if people is None or people.empty:
        return {}
    return {row.id: (row.name, row.short_name or row.name) for row in people.itertuples()}


def tenure_label(role, names: dict[str, tuple[str, str]]) -> str:
    return names.get(role.person, (role.person, role.person))[1]


def relation_x(relations: pd.DataFrame) -> dict[str, pd.Timestamp]:
    """Where a connector stands: the middle of its date, as the timeline places a dated point."""
    return {rel.id: rel.date_earliest + (rel.date_latest - rel.date_earliest) / 2 for rel in relations.itertuples()}


def frame_x(orgs, relations, roles, x_range: Sequence | None) -> tuple[pd.Timestamp, pd.Timestamp]:
    if x_range is not None:
        return pd.Timestamp(x_range[0]), pd.Timestamp(x_range[1])
    known = pd.concat(
        [orgs[c] for c in ("founded_earliest", "ended_latest")]
        + [relations[c] for c in ("date_earliest", "date_latest")]
        + [roles[c] for c in ("start_earliest", "start_latest", "end_earliest", "end_latest")]
    ).dropna()
    first, last = known.min(), known.max()
    # The same padding as the events timeline, so both frame the same years by default.
    pad = max((last - first) * 0.03, pd.Timedelta(days=180))
    return first - pad, last + pad


def lane_bar(org, relations: pd.DataFrame, at: dict[str, pd.Timestamp], scale: Scale) -> Bar:
    if org.founded:
        start, unknown = org.founded_earliest, False
    else:
        # No founding date: the lane starts where the organisation first appears in a relation.
        involved = relations[(relations["from_org"] == org.id) | (relations["to_org"] == org.id)]
        first_tie = min((at[rid] for rid in involved["id"]), default=None)
        start, unknown = (first_tie if first_tie is not None else scale.x0 + scale.days(60)), True
    open_end = not org.ended
    return Bar(
        start=start,
        end=_open_end(start, scale) if open_end else org.ended_latest,
        vague_start=org.founded_latest if is_vague(org.founded) else None,
        vague_end=org.ended_earliest if is_vague(org.ended) else None,
        unknown_start=unknown,
        open_end=open_end,
    )


def role_bar(role, scale: Scale) -> Bar:
    if role.role == "founder":
        at = role.start_earliest + (role.start_latest - role.start_earliest) / 2
        return Bar(start=at, end=at, point=True)
    unknown = not role.start
    start = role.end_earliest if unknown else role.start_earliest
    open_end = not role.end
    return Bar(
        start=start,
        end=_open_end(start, scale) if open_end else role.end_latest,
        vague_start=role.start_latest if is_vague(role.start) else None,
        # An end given only as a span (killed some time in 2012-2014) is dotted over that span.
        vague_end=role.end_earliest if is_vague(role.end) else None,
        unknown_start=unknown,
        open_end=open_end,
    )


def _open_end(start: pd.Timestamp, scale: Scale) -> pd.Timestamp:
    return max(scale.x1 - scale.days(EDGE_PX), start + scale.days(MIN_BAR_PX))


def label_extent(bar: Bar, label: str, size: int, scale: Scale) -> tuple[pd.Timestamp, pd.Timestamp]:
    """What a bar and its label (left of its start) take up on the x axis."""
    left = bar.start - bar.lead(scale) - scale.days(LABEL_GAP_PX) - scale.text(label, size)
    return left, bar.end + scale.days(GAP_PX)


def ends(rel, plan: Plan, roles: pd.DataFrame) -> tuple[float, float]:
    """(y where a connector leaves, y where it arrives): a split leaves its parent."""
    kind = RELATION_TYPES[rel.type]
    source, target = (rel.to_org, rel.from_org) if kind.reverse else (rel.from_org, rel.to_org)
    y_source, y_target = plan.lanes[source], plan.lanes[target]
    if rel.to_person:
        # Allegiance to a person lands on that person's tenure bar in the organisation, if drawn.
        held = roles[(roles["person"] == rel.to_person) & (roles["organisation"] == rel.to_org)]
        for role in held.itertuples():
            bar = plan.role_bars[role.id]
            if bar.start <= plan.at[rel.id] <= bar.end:
                y_target = plan.tenure_rows[role.id]
    return y_source, y_target
