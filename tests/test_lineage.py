"""Organisations, relations, people and roles: the bundled data, bad input, export, the chart and the glossary.

The data checks read the CSV files with the csv module and the source with
plain Python, so they do not lean on the loader they check.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from timeline.core.problems import CollectionError
from timeline.figures.lineage import clicked_item, lineage_figure
from timeline.formats import lineage_export
from timeline.load import lineage
from timeline.load.collection import load_collection
from timeline.load.schema import split_list
from timeline.query import search
from timeline.web.components.lineage_text import item_detail
from timeline.web.pages import glossary

ROOT = Path(__file__).resolve().parents[1]
AQIM = ROOT / "data" / "aqim"
SOURCE = re.sub(r"\s+", " ", (AQIM / "sources" / "aqim-profile.txt").read_text(encoding="utf-8"))
FILES = ("organisations.csv", "relations.csv", "people.csv", "roles.csv")


def rows(name: str, folder: Path = AQIM) -> list[dict[str, str]]:
    with open(folder / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def by_id(name: str) -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in rows(name)}


@pytest.fixture(scope="module")
def aqim():
    return load_collection(AQIM)


# --- the bundled data ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", FILES)
def test_every_row_quotes_the_source_word_for_word(name):
    for row in rows(name):
        quote = re.sub(r"\s+", " ", row["quote"]).strip()
        assert quote, f"{name} {row['id']}: no quote"
        assert quote in SOURCE, f"{name} {row['id']}: quote not in the source: {quote[:60]}"
        assert row["source"] == "aqim-profile"


def test_every_referenced_organisation_and_person_exists():
    orgs, people = set(by_id("organisations.csv")), set(by_id("people.csv"))
    for rel in rows("relations.csv"):
        assert {rel["from_org"], rel["to_org"]} <= orgs, rel["id"]
        assert rel["to_person"] in people | {""}, rel["id"]
    for role in rows("roles.csv"):
        assert role["person"] in people and role["organisation"] in orgs, role["id"]


def test_relation_dates_fall_within_the_lives_of_both_organisations(aqim):
    orgs = aqim.organisations.set_index("id")
    for rel in aqim.relations.itertuples():
        for org_id in (rel.from_org, rel.to_org):
            org = orgs.loc[org_id]
            assert pd.isna(org.founded_earliest) or rel.date_latest >= org.founded_earliest, (rel.id, org_id)
            assert pd.isna(org.ended_latest) or rel.date_earliest <= org.ended_latest, (rel.id, org_id)


def test_the_lineage_the_source_tells():
    orgs, rels, roles = by_id("organisations.csv"), by_id("relations.csv"), by_id("roles.csv")
    assert orgs["gspc"]["short_name"] == "GSPC" and orgs["gspc"]["ended"] == "2007"
    assert {"NJIM", "Jammat Nusrat Al Islam Wal Muslimeen"} <= set(split_list(orgs["jnim"]["aliases"]))
    assert "القاعدة في المغرب الإسلامي" in orgs["aqim"]["aliases"]
    # No founding date in the source: left empty, and the note says so.
    assert orgs["katiba-macina"]["founded"] == "" and "no founding date" in orgs["katiba-macina"]["founded_note"]
    assert [o for o in orgs if orgs[o]["ended"]] == ["gspc"]  # every other organisation is open-ended
    rename = [r for r in rels.values() if r["type"] == "renamed-into"]
    assert [(r["from_org"], r["to_org"], r["date"]) for r in rename] == [("gspc", "aqim", "2007")]
    merged = {r["from_org"] for r in rels.values() if r["type"] == "merged-into" and r["to_org"] == "jnim"}
    assert merged == {"al-murabitun", "ansar-al-dine", "katiba-macina", "aqim"}
    assert all(r["date"] == "2017-03" for r in rels.values() if r["type"] == "merged-into")
    pledge = rels["jnim-pledges-to-droukdel"]
    assert (pledge["type"], pledge["to_org"], pledge["to_person"], pledge["date"]) == (
        "pledged-allegiance-to",
        "aqim",
        "droukdel",
        "2017-03",
    )
    splits = {r["from_org"]: r["date"] for r in rels.values() if r["type"] == "split-from"}
    assert splits == {"ansar-al-dine": "2012", "al-murabitun": "2013"}
    droukdel = roles["droukdel-emir-of-aqim"]
    assert (droukdel["start"], droukdel["end"], droukdel["date_basis"]) == ("2007", "2020-06", "derived")
    assert roles["ag-ghali-leads-jnim"]["start"] == "2017-03" and roles["ag-ghali-leads-jnim"]["end"] == ""
    assert roles["al-annabi-leads-aqim"]["start"] == "2020-11~"


def test_undated_deaths_and_appointments_are_dated_as_in_events_csv():
    events = by_id("events.csv")
    roles = by_id("roles.csv")
    killed = events["abu-zaid-killed"]
    assert roles["abu-zaid-commands-in-sahel"]["end"] == f"{killed['start']}/{killed['end']}"
    assert roles["abu-zaid-commands-in-sahel"]["date_basis"] == killed["date_basis"] == "inferred"
    assert roles["abu-zaid-commands-in-sahel"]["start"] == ""
    assert roles["al-annabi-leads-aqim"]["start"] == events["annabi-appointed"]["start"]


def test_search_finds_each_organisation_under_its_other_names(aqim):
    def found(text: str) -> set[str]:
        return set(search.apply(aqim.events, search.Filters(text=text), aqim.aliases)["id"])

    assert found("NJIM") == found("JNIM") == found("Jama'at Nusrat al-Islam wal-Muslimin")
    gspc = found("GSPC")
    assert {"gspc-founded", "aqim-founded"} <= gspc
    assert gspc == found("Algerian Group for Preaching and Combat") == found("Salafist Group for Preaching and Combat")
    assert gspc < found("AQIM")  # the GSPC's events all name AQIM, its successor; not the other way round
    assert found("AQIM") == found("al-Qaeda in the Islamic Maghreb")
    assert {"al-murabitun-founded", "jnim-formed"} <= found("Al Mourabitoun")
    assert "droukdel-killed" in found("Droukdal")


def test_aliases_csv_still_works_for_collections_without_organisations(tmp_path):
    folder = Path(shutil.copytree(AQIM, tmp_path / "plain"))
    for name in FILES:
        (folder / name).unlink()
    (folder / "aliases.csv").write_text("name,aliases\nJNIM,NJIM\n", encoding="utf-8")
    plain = load_collection(folder)
    assert plain.aliases == {"JNIM": ["NJIM"]}
    assert plain.organisations.empty and list(plain.organisations.columns)[:2] == ["id", "name"]
    assert plain.relations.empty and plain.people.empty and plain.roles.empty


# --- bad input -------------------------------------------------------------------------------------


def edit_cell(path: Path, row_id: str, column: str, value: str) -> int:
    """Set one cell as a spreadsheet would; return the row's line (these files have no line breaks in cells)."""
    table = rows(path.name, path.parent)
    index = next(i for i, row in enumerate(table) if row["id"] == row_id)
    table[index][column] = value
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    return index + 2


def problems_after(tmp_path: Path, name: str, row_id: str, column: str, value: str):
    folder = Path(shutil.copytree(AQIM, tmp_path / "aqim"))
    line = edit_cell(folder / name, row_id, column, value)
    with pytest.raises(CollectionError) as raised:
        load_collection(folder)
    return str(folder / name), line, raised.value.problems


BAD = [
    (
        "relations.csv",
        "aqim-joins-jnim",
        "from_org",
        "aqmi",
        "from_org",
        "organisation 'aqmi' is not in organisations.csv",
    ),
    (
        "relations.csv",
        "gspc-becomes-aqim",
        "quote",
        "The group was founded in 2008 when",
        "quote",
        "not found word for word",
    ),
    ("relations.csv", "aqim-joins-jnim", "date", "2017-13", "date", "'2017-13' is not a valid EDTF date"),
    ("relations.csv", "aqim-joins-jnim", "date", "2016", "date", "is before 'jnim' was founded (March 2017)"),
    ("relations.csv", "gspc-becomes-aqim", "date", "2009", "date", "is after 'gspc' ended (2007)"),
    ("relations.csv", "aqim-joins-jnim", "type", "absorbed-by", "type", "is not a relation type"),
    ("relations.csv", "jnim-pledges-to-droukdel", "to_person", "belmokhtar", "to_person", "holds no role in 'aqim'"),
    ("relations.csv", "jnim-pledges-to-droukdel", "to_person", "bin-laden", "to_person", "not in people.csv"),
    ("relations.csv", "ansar-al-dine-loyal", "date_note", "", "date_note", "date_basis is 'inferred'"),
    ("organisations.csv", "jnim", "founded", "2017-3", "founded", "not a valid EDTF date"),
    ("organisations.csv", "katiba-macina", "founded_note", "", "founded_note", "source gives no founding date"),
    ("organisations.csv", "gspc", "ended", "1990", "ended", "is before the founding date"),
    ("organisations.csv", "jnim", "aliases", "NJIM; Ansar Dine", "aliases", "'Ansar Dine' names 'ansar-al-dine' too"),
    ("organisations.csv", "aqim", "founded_basis", "", "founded_basis", "must be stated, derived or inferred"),
    ("roles.csv", "droukdel-emir-of-aqim", "person", "droukdal", "person", "person 'droukdal' is not in people.csv"),
    ("roles.csv", "ag-ghali-leads-jnim", "start", "2015", "start", "the role starts before 'jnim' was founded"),
    ("roles.csv", "belmokhtar-founds-al-murabitun", "end", "2015", "end", "a founder role marks the founding"),
    ("roles.csv", "droukdel-emir-of-aqim", "end", "2006", "end", "is before start '2007'"),
    ("roles.csv", "al-annabi-leads-aqim", "role", "emir", "role", "expected 'founder', 'leader' or 'commander'"),
    ("people.csv", "abu-zaid", "quote", "Abu Zaid was killed.", "quote", "not found word for word"),
    ("people.csv", "belmokhtar", "id", "droukdel", "id", "'droukdel' is used already on line 2"),
]


@pytest.mark.parametrize(("name", "row_id", "column", "value", "field", "message"), BAD)
def test_bad_cell_is_reported_with_file_line_and_field(tmp_path, name, row_id, column, value, field, message):
    file, line, problems = problems_after(tmp_path, name, row_id, column, value)
    hits = [p for p in problems if p.file == file and p.line == line and p.field == field and message in p.message]
    assert hits, f"expected {file}, line {line}, field '{field}': {message}; got:\n" + "\n".join(map(str, problems))


def test_a_missing_organisations_file_makes_every_reference_a_problem(tmp_path):
    folder = Path(shutil.copytree(AQIM, tmp_path / "aqim"))
    (folder / "organisations.csv").unlink()
    with pytest.raises(CollectionError) as raised:
        load_collection(folder)
    lines = {(p.line, p.field) for p in raised.value.problems if p.file.endswith("relations.csv")}
    assert (2, "from_org") in lines and (2, "to_org") in lines


def test_validate_prints_the_problem_with_file_line_and_field(tmp_path):
    folder = Path(shutil.copytree(AQIM, tmp_path / "aqim"))
    line = edit_cell(folder / "relations.csv", "katiba-macina-joins-jnim", "to_org", "jnmi")
    run = subprocess.run(
        [sys.executable, "-m", "timeline", "validate", str(folder)], cwd=ROOT, capture_output=True, text=True
    )
    assert run.returncode == 1
    assert f"{folder / 'relations.csv'}, line {line}, field 'to_org': organisation 'jnmi'" in run.stderr


# --- export ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["organisations", "relations", "people", "roles"])
def test_csv_export_loads_again_to_the_same_rows(aqim, tmp_path, kind):
    folder = Path(shutil.copytree(AQIM, tmp_path / "aqim"))
    (folder / lineage.FILES[kind]).write_text(lineage_export.to_csv(getattr(aqim, kind), kind), encoding="utf-8")
    pd.testing.assert_frame_equal(getattr(load_collection(folder), kind), getattr(aqim, kind))


def test_json_export_through_the_cli():
    run = subprocess.run(
        [sys.executable, "-m", "timeline", "export", "--what", "people", "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    people = {person["id"]: person for person in json.loads(run.stdout)}
    droukdel = people["droukdel"]
    assert droukdel["roles"][0]["start"] == "2007" and droukdel["roles"][0]["end_latest"] == "2020-06-30"
    relations = lineage_export.to_records(load_collection(AQIM).relations, "relations")
    pledge = next(r for r in relations if r["id"] == "jnim-pledges-to-droukdel")
    assert pledge["kind"] == "allegiance" and pledge["date_earliest"] == "2017-03-01"
    assert next(r for r in relations if r["id"] == "gspc-becomes-aqim")["to_person"] is None


# --- the lineage chart -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def chart(aqim) -> dict:
    return lineage_figure(aqim.organisations, aqim.relations, aqim.roles, people=aqim.people).to_dict()


def traces(chart: dict, role: str) -> list[dict]:
    return [t for t in chart["data"] if t["meta"]["role"] == role]


def lane_y(chart: dict) -> dict[str, float]:
    return {t["meta"]["organisation"]: t["y"][0] for t in traces(chart, "lane")}


def connector(chart: dict, relation_id: str) -> dict:
    (found,) = [t for t in traces(chart, "connector") if t["meta"]["relation"] == relation_id]
    return found


def test_one_lane_per_organisation_in_file_order_on_a_date_axis(aqim, chart):
    ys = lane_y(chart)
    assert list(ys) == list(aqim.organisations["id"])
    assert list(ys.values()) == sorted(ys.values()) and len(set(ys.values())) == len(ys)
    assert chart["layout"]["xaxis"]["type"] == "date"
    first, last = (pd.Timestamp(x) for x in chart["layout"]["xaxis"]["range"])
    assert first.year == 1990 and last.year == 2021  # the years the events timeline spans


def test_every_trace_can_be_routed_by_its_meta_and_customdata(chart):
    for trace in chart["data"]:
        assert trace["meta"]["role"]
        kinds = {point[0] for point in trace["customdata"]}
        assert kinds <= {"organisation", "relation", "role"}, trace["meta"]


def test_gspc_is_renamed_into_aqim_in_2007(chart):
    rename = connector(chart, "gspc-becomes-aqim")
    assert rename["meta"]["type"] == "renamed-into" and rename["line"]["dash"] == "solid"
    assert {pd.Timestamp(x).year for x in rename["x"]} == {2007}
    ys = lane_y(chart)
    assert (rename["y"][0], rename["y"][-1]) == (ys["gspc"], ys["aqim"])
    assert rename["customdata"][0][:2] == ["relation", "gspc-becomes-aqim"]


def test_four_organisations_merge_into_jnim_in_march_2017(chart):
    ys = lane_y(chart)
    merged = [t for t in traces(chart, "connector") if t["meta"]["type"] == "merged-into"]
    assert {t["meta"]["from"] for t in merged} == {"al-murabitun", "ansar-al-dine", "katiba-macina", "aqim"}
    for trace in merged:
        assert trace["line"]["dash"] == "solid"
        assert {pd.Timestamp(x).strftime("%Y-%m") for x in trace["x"]} == {"2017-03"}
        assert trace["y"][-1] == ys["jnim"] and trace["y"][0] == ys[trace["meta"]["from"]]


def test_allegiance_is_dashed_and_lands_on_droukdels_tenure(chart):
    pledge = connector(chart, "jnim-pledges-to-droukdel")
    assert pledge["line"]["dash"] == "dash" and pledge["meta"]["kind"] == "allegiance"
    (tenure,) = [t for t in traces(chart, "tenure") if t["meta"]["tenure"] == "droukdel-emir-of-aqim"]
    assert pledge["y"][0] == lane_y(chart)["jnim"] and pledge["y"][-1] == tenure["y"][0]
    # An arc, not a straight line, so the merger connector of the same date cannot hide it.
    assert len({x for x in pledge["x"]}) > 2
    lineage_kinds = {t["meta"]["kind"]: t["line"]["dash"] for t in traces(chart, "connector")}
    assert lineage_kinds == {"lineage": "solid", "allegiance": "dash"}


def test_open_ended_lanes_run_to_the_right_edge_with_an_arrow(aqim, chart):
    right = pd.Timestamp(chart["layout"]["xaxis"]["range"][1])
    open_ends = {t["meta"]["organisation"]: t for t in traces(chart, "lane-open-end")}
    assert set(open_ends) == set(aqim.organisations["id"]) - {"gspc"}
    for trace in open_ends.values():
        assert trace["marker"]["symbol"] == "triangle-right"
        assert right - pd.Timestamp(trace["x"][-1]) < pd.Timedelta(days=365)
        assert "no end given" in trace["customdata"][0][2]
    (gspc,) = [t for t in traces(chart, "lane") if t["meta"]["organisation"] == "gspc"]
    assert not gspc["meta"]["open_end"] and pd.Timestamp(gspc["x"][-1]) == pd.Timestamp("2007-12-31")
    # Founded "during the civil war (1991-2002)": dotted over those years.
    (vague,) = [t for t in traces(chart, "lane-uncertain") if t["meta"]["organisation"] == "gspc"]
    assert (pd.Timestamp(vague["x"][0]).year, pd.Timestamp(vague["x"][-1]).year) == (1991, 2002)


def test_unknown_founding_starts_at_the_first_relation_and_is_marked(chart):
    unknown = {t["meta"]["organisation"]: t for t in traces(chart, "lane-unknown-start")}
    assert set(unknown) == {"al-qaeda", "katiba-macina"}
    (katiba,) = [t for t in traces(chart, "lane") if t["meta"]["organisation"] == "katiba-macina"]
    joins = connector(chart, "katiba-macina-joins-jnim")
    assert katiba["x"][0] == joins["x"][0] and not katiba["meta"]["start_known"]
    assert "?" in unknown["katiba-macina"]["text"][0]


def test_tenures_sit_under_their_lane_without_overlapping(chart):
    ys = lane_y(chart)
    tenures = traces(chart, "tenure") + traces(chart, "founder")
    assert {t["meta"]["tenure"] for t in tenures} == set(by_id("roles.csv"))
    lanes = sorted(ys.values())
    for trace in tenures:
        own = ys[trace["meta"]["organisation"]]
        below = next((y for y in lanes if y > own), float("inf"))
        assert own < trace["y"][0] < below
    rows: dict[float, list[tuple[str, str]]] = {}
    for trace in traces(chart, "tenure"):
        rows.setdefault(trace["y"][0], []).append((min(trace["x"]), max(trace["x"])))
    for spans in rows.values():
        spans.sort()
        assert all(a[1] < b[0] for a, b in zip(spans, spans[1:], strict=False)), spans


def test_tenure_hover_gives_the_span_and_the_source_sentence(chart):
    (droukdel,) = [t for t in traces(chart, "tenure") if t["meta"]["tenure"] == "droukdel-emir-of-aqim"]
    hover = droukdel["customdata"][0][2]
    assert "Abdelmalek Droukdel" in hover and "2007 – June 2020" in hover
    assert "had served as the EMIR of AQIM since its" in hover.replace("<br>", " ")
    labels = [t["text"][0] for t in traces(chart, "tenure-label")]
    assert "Droukdel" in labels and "al-Annabi" in labels


def test_x_range_selection_and_clicks():
    aqim = load_collection(AQIM)
    figure = lineage_figure(
        aqim.organisations, aqim.relations, aqim.roles, selected="aqim-joins-jnim", x_range=["2000-01-01", "2025-01-01"]
    ).to_dict()
    assert [pd.Timestamp(x) for x in figure["layout"]["xaxis"]["range"]] == [pd.Timestamp("2000"), pd.Timestamp("2025")]
    (ai,) = [t for t in traces(figure, "lane-open-end") if t["meta"]["organisation"] == "aqim"]
    assert pd.Timestamp(ai["x"][-1]).year == 2024
    (selected,) = traces(figure, "selected")
    assert selected["meta"]["id"] == "aqim-joins-jnim"
    click = {"points": [{"customdata": ["relation", "aqim-joins-jnim", "<b>…</b>"]}]}
    assert clicked_item(click) == ("relation", "aqim-joins-jnim")
    assert clicked_item(None) is None and clicked_item({"points": [{}]}) is None
    assert clicked_item({"points": [{"customdata": ["selected", "x", ""]}]}) is None


def test_no_organisations_gives_a_message_not_an_error():
    figure = lineage_figure(lineage.empty("organisations"), lineage.empty("relations"), lineage.empty("roles"))
    assert figure.data == () and "No organisations" in figure.layout.annotations[0].text


# --- the glossary ----------------------------------------------------------------------------------


def find(component, predicate) -> list:
    """Every component of a Dash tree for which predicate(component) holds."""
    found = [component] if predicate(component) else []
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if hasattr(child, "to_plotly_json"):
            found += find(child, predicate)
    return found


def text_of(component) -> str:
    if isinstance(component, str | int | float):
        return str(component)
    children = getattr(component, "children", None)
    parts = children if isinstance(children, list | tuple) else [children]
    return "".join(text_of(part) for part in parts if part is not None)


def test_glossary_lists_every_organisation_and_person_with_names_quotes_and_a_link(aqim):
    page = glossary.layout(aqim)
    entries = {c.id: c for c in find(page, lambda c: getattr(c, "className", "") == "glossary-entry anchor")}
    assert set(entries) == {f"org-{i}" for i in aqim.organisations["id"]} | {f"person-{i}" for i in aqim.people["id"]}
    jnim = text_of(entries["org-jnim"])
    assert "NJIM (in the source)" in jnim and "Jama'at Nusrat al-Islam wal-Muslimin" in jnim
    assert (
        "Group for the Support of Islam and Muslims" in jnim
        and "Group for the Support of Islam and Muslims (" not in jnim
    )
    assert "pledged allegiance to AQIM (Abdelmalek Droukdel)" in jnim
    assert "pledged allegiance to AQIM’s leader Abdelmalek Droukdel." in jnim  # the quote
    (link,) = find(entries["org-jnim"], lambda c: getattr(c, "className", "") == "explore-link")
    assert link.href == "/?q=JNIM"
    count = len(search.apply(aqim.events, search.Filters(text="JNIM"), aqim.aliases))
    assert f"({count} events)" in link.children
    katiba = text_of(entries["org-katiba-macina"])
    assert "not given in the source" in katiba


def test_glossary_detail_of_a_clicked_connector_quotes_its_source(aqim):
    detail = "".join(text_of(part) for part in item_detail(aqim, ("relation", "gspc-becomes-aqim")))
    assert "GSPC renamed into AQIM" in detail and "embraced Al-Qaeda’s global militant doctrine." in detail
    tenure = "".join(text_of(part) for part in item_detail(aqim, ("role", "abu-zaid-commands-in-sahel")))
    assert "start not given" in tenure and "2012–2014" in tenure
    assert "Nothing selected" in text_of(item_detail(aqim, ("relation", "no-such-id"))[0])
