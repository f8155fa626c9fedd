"""Checks of the lineage files across rows and files.

References must resolve, dated rows must fall within their organisation's life, and no name
may stand for two organisations or people.
"""

from __future__ import annotations

import pandas as pd

from timeline.core.problems import Problem
from timeline.core.text import normalise
from timeline.load.lineage_dates import bounds, overlap, words
from timeline.load.lineage_models import OrganisationRow, RoleRow
from timeline.load.schema import RowModel
from timeline.load.vocabulary import RELATION_TYPES

Life = tuple[pd.Timestamp | None, pd.Timestamp | None]  # None: the source gives no founding / no end


def life(org: OrganisationRow) -> Life:
    """Earliest possible founding and latest possible end of an organisation."""
    return (bounds(org.founded)[0] if org.founded else None, bounds(org.ended)[1] if org.ended else None)


def _outside(span: tuple[pd.Timestamp, pd.Timestamp], org: OrganisationRow) -> str | None:
    """Why a dated span cannot fall within an organisation's life, or None if it can."""
    first, last = life(org)
    if first is not None and span[1] < first:
        return f"is before '{org.id}' was founded ({words(org.founded)})"
    if last is not None and span[0] > last:
        return f"is after '{org.id}' ended ({words(org.ended)})"
    return None


def role_span(role: RoleRow) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The days a role may cover: an empty start or end leaves that side open."""
    if role.role == "founder" and role.start:
        return bounds(role.start)
    start = bounds(role.start)[0] if role.start else pd.Timestamp.min
    end = bounds(role.end)[1] if role.end else pd.Timestamp.max
    return start, end


def references(good: dict[str, list[tuple[int, RowModel]]], labels: dict[str, str]) -> list[Problem]:
    orgs = {model.id: model for _, model in good["organisations"]}
    people = {model.id for _, model in good["people"]}
    roles = [model for _, model in good["roles"]]
    found = []

    def org_missing(label: str, line: int, field: str, org_id: str) -> bool:
        if org_id in orgs:
            return False
        found.append(Problem(label, line, field, f"organisation '{org_id}' is not in organisations.csv"))
        return True

    label = labels["relations"]
    for line, rel in good["relations"]:
        span = bounds(rel.date)
        for field in ("from_org", "to_org"):
            org_id = getattr(rel, field)
            if not org_missing(label, line, field, org_id) and (why := _outside(span, orgs[org_id])):
                found.append(Problem(label, line, "date", f"'{rel.date}' ({RELATION_TYPES[rel.type].phrase}) {why}"))
        if rel.to_person and rel.to_person not in people:
            found.append(Problem(label, line, "to_person", f"person '{rel.to_person}' is not in people.csv"))
        elif rel.to_person and not any(
            role.person == rel.to_person and role.organisation == rel.to_org and overlap(role_span(role), span)
            for role in roles
        ):
            found.append(
                Problem(
                    label,
                    line,
                    "to_person",
                    f"'{rel.to_person}' holds no role in '{rel.to_org}' on {words(rel.date)} (see roles.csv)",
                )
            )
    label = labels["roles"]
    for line, role in good["roles"]:
        if role.person not in people:
            found.append(Problem(label, line, "person", f"person '{role.person}' is not in people.csv"))
        if not org_missing(label, line, "organisation", role.organisation):
            found.extend(
                Problem(label, line, field, why) for field, why in _role_outside(role, orgs[role.organisation])
            )
    return found


def _role_outside(role: RoleRow, org: OrganisationRow) -> list[tuple[str, str]]:
    """A role must begin within its organisation's life and end before the organisation did."""
    first, last = life(org)
    found = []
    if role.start:
        start = bounds(role.start)
        if first is not None and start[1] < first:
            found.append(("start", f"the role starts before '{org.id}' was founded ({words(org.founded)})"))
        if last is not None and start[0] > last:
            found.append(("start", f"the role starts after '{org.id}' ended ({words(org.ended)})"))
    if role.end and last is not None and bounds(role.end)[0] > last:
        found.append(("end", f"the role ends after '{org.id}' ended ({words(org.ended)})"))
    if role.end and not role.start and first is not None and bounds(role.end)[1] < first:
        found.append(("end", f"the role ends before '{org.id}' was founded ({words(org.founded)})"))
    return found


def alias_clashes(good: dict[str, list[tuple[int, RowModel]]], labels: dict[str, str]) -> list[Problem]:
    """A name given to two organisations or people would make search mix them up."""
    owner: dict[str, tuple[str, str, int]] = {}  # normalised name -> (id, file, line)
    found = []
    for kind in ("organisations", "people"):
        for line, model in good[kind]:
            for field, names in (
                ("name", [model.name]),
                ("short_name", [model.short_name]),
                ("aliases", model.aliases),
            ):
                for name in names:
                    key = normalise(name)
                    if not key:
                        continue
                    other = owner.setdefault(key, (model.id, labels[kind], line))
                    if other[0] != model.id:
                        found.append(
                            Problem(
                                labels[kind],
                                line,
                                field,
                                f"'{name}' names '{other[0]}' too ({other[1]}, line {other[2]}); "
                                "search could not tell them apart",
                            )
                        )
    return found
