"""The benchmark tools in bench/: generated collections load, and the report helpers format correctly.

No timings are asserted: the benchmarks measure, these tests only check the tools work.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import bench_script
from servers import ROOT

from timeline.load import schema
from timeline.load.collection import load_collection

make_collection = bench_script("make_collection")
browser_bench = bench_script("browser_bench")


def test_generator_writes_known_columns_in_the_schema_order():
    written = make_collection.EVENT_COLUMNS
    assert set(schema.EVENT_REQUIRED) <= set(written) <= set(schema.EVENT_COLUMNS)
    assert list(written) == [column for column in schema.EVENT_COLUMNS if column in written]


@pytest.mark.parametrize("n", [50, 500])
def test_generated_collection_loads_with_every_kind_of_date(tmp_path, n):
    folder = tmp_path / f"n{n}"
    stats = make_collection.make_collection(n, folder)
    collection = load_collection(folder)  # raises CollectionError listing every problem if invalid
    events = collection.events

    assert len(events) == n == stats["events"]
    assert set(events["category"]) == set(schema.CATEGORIES)
    assert (events["kind"] == "era").sum() == stats["eras"] >= 1
    assert {"day", "month", "year", "decade", "range"} <= set(events["precision"].astype(str))
    assert events["approximate"].any()
    assert set(events["date_basis"]) == {"stated", "derived", "inferred"}
    assert (events.loc[events["date_basis"] != "stated", "date_note"] != "").all()
    assert events["fatalities"].notna().any()
    assert events["actors"].map(len).gt(0).any()
    assert events["places"].map(len).gt(0).mean() > 0.9

    with (folder / "events.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    starts = [row["start"] for row in rows]
    assert any("/" in start for start in starts), "ranges written as one 'start/end' cell"
    assert any(row["end"] for row in rows), "ranges written as start + end"
    assert any(start.endswith("X") for start in starts), "decades such as 199X"
    assert all(1990 <= event.year <= 2024 for event in events["earliest"])
    assert all(event.year <= 2024 for event in events["latest"])


def test_quotes_are_spread_over_sources_and_are_sentences_of_them(tmp_path, monkeypatch):
    monkeypatch.setattr(make_collection, "EVENTS_PER_SOURCE", 100)
    folder = tmp_path / "spread"
    make_collection.make_collection(500, folder)
    collection = load_collection(folder)
    assert len(collection.sources) == 5
    assert collection.events["source"].value_counts().tolist() == [100] * 5
    for event in collection.events.head(50).itertuples():
        text = collection.sources[event.source].text
        assert text.count(event.quote) == 1
        assert event.quote.endswith(".")


def test_synthetic_places_lie_in_the_map_frame_and_bundled_ones_are_copied(tmp_path):
    folder = tmp_path / "places"
    make_collection.make_collection(2000, folder)  # large enough for villages too
    with (folder / "places.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with (make_collection.BUNDLED / "places.csv").open(encoding="utf-8", newline="") as handle:
        bundled = list(csv.DictReader(handle))
    assert rows[: len(bundled)] == bundled
    synthetic = [row for row in rows if row["coord_source"].startswith("synthetic")]
    assert len(synthetic) > 30
    for row in synthetic:
        assert -19 <= float(row["lon"]) <= 26 and 3 <= float(row["lat"]) <= 38, row


def test_same_seed_same_files_and_foreign_folders_are_left_alone(tmp_path):
    first, second, other = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    make_collection.make_collection(60, first, seed=7)
    make_collection.make_collection(60, second, seed=7)
    make_collection.make_collection(60, other, seed=8)
    for name in ("events.csv", "places.csv", "collection.json", "sources/chronicle-001.txt"):
        assert (first / name).read_bytes() == (second / name).read_bytes()
    assert (first / "events.csv").read_bytes() != (other / "events.csv").read_bytes()
    assert make_collection.is_current(first, 60, 7) and not make_collection.is_current(first, 60, 8)

    make_collection.make_collection(60, first, seed=7)  # its own earlier output may be replaced
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    with pytest.raises(SystemExit):
        make_collection.make_collection(60, foreign)
    assert (foreign / "notes.txt").read_text() == "keep me"


def test_median_ignores_failed_runs_and_reports_when_all_failed():
    median = browser_bench.median
    assert median([3.0, 1.0, 2.0]) == 2.0
    assert median([1.0, "timeout", 4.0]) == 2.5
    assert median(["timeout", "error"]) == "timeout"
    assert median(["error", "skipped"]) == "error"
    assert median([]) == "skipped"


def test_formatting_ratios_and_sizes():
    assert browser_bench.fmt(1234.5678, 2) == "1,234.57"
    assert browser_bench.fmt(2.0, 1, failed=1) == "2.0 (1 failed)"
    assert browser_bench.fmt("timeout") == "timeout"
    assert browser_bench.ratio(6.0, 2.0) == "×3.0"
    assert browser_bench.ratio("timeout", 2.0) == "–"
    assert browser_bench.ratio(1.0, 0) == "–"
    assert browser_bench.parse_sizes("20, 1000,10k,0.5k") == [20, 1000, 10000, 500]
    with pytest.raises(Exception, match="expected sizes"):
        browser_bench.parse_sizes("0")


def test_markdown_table_has_aligned_columns():
    table = browser_bench.markdown_table(["events", "first draw s"], [["20", "1.00"], ["100,000", "timeout"]])
    lines = table.splitlines()
    assert lines[0] == "| events  | first draw s |"
    assert lines[1] == "|---------|--------------|"
    assert lines[3] == "| 100,000 | timeout      |"
    assert len({len(line) for line in lines}) == 1


def test_summary_rows_give_medians_and_ratios_to_the_first_size():
    keys = [key for _, key, _ in browser_bench.RUN_COLUMNS]
    small = browser_bench.SizeResult("20 (AQIM)", 20, startup=[2.0], rss_mb=100.0)
    small.runs = [dict.fromkeys(keys, 1.0), dict.fromkeys(keys, 3.0)]
    big = browser_bench.SizeResult("1,000", 1000, startup=[4.0], rss_mb=300.0)
    big.runs = [dict.fromkeys(keys, 4.0), {**dict.fromkeys(keys, 8.0), "filter": "timeout"}]
    headers, rows, ratios = browser_bench.summary_rows([small, big])
    assert headers[0] == "events" and headers[-1] == "server RSS MB"
    assert len(headers) == len(rows[0]) == len(ratios[0])
    column = {name: i for i, name in enumerate(headers)}
    assert rows[0][column["first draw s"]] == "2.00"
    assert rows[1][column["first draw s"]] == "6.00"
    assert rows[1][column["filter s"]] == "4.00 (1 failed)"
    assert ratios[1][column["first draw s"]] == "×3.0"
    assert ratios[1][column["server start s"]] == "×2.0"
    assert ratios[1][column["server RSS MB"]] == "×3.0"


# --- bench/peers.py: the pure parts (no npm, no browser) ---------------------------------------------

peers = bench_script("peers")


def _frame():
    import pandas as pd

    return pd.DataFrame(
        {
            "title": ["A <b>bold</b> start", "One day", 'Quote "x" </script>'],
            "earliest": pd.to_datetime(["1991-01-01", "2007-03-04", "2012-01-01"]),
            "latest": pd.to_datetime(["2002-12-31", "2007-03-04", "2012-12-31"]),
        }
    )


def test_peer_events_are_points_or_spans_from_earliest_to_latest():
    events = peers.peer_events(_frame())
    assert events[0] == peers.PeerEvent("A <b>bold</b> start", "1991-01-01", "2002-12-31")
    assert events[1] == peers.PeerEvent("One day", "2007-03-04", None)


def test_peer_pages_draw_the_same_escaped_titles_and_dates():
    events = peers.peer_events(_frame())
    items = peers.vis_items(events)
    assert [item["content"] for item in items] == [
        "A &lt;b&gt;bold&lt;/b&gt; start",
        "One day",
        "Quote &quot;x&quot; &lt;/script&gt;",
    ]
    assert items[1] == {"id": 1, "content": "One day", "start": "2007-03-04"}
    assert items[0]["end"] == "2002-12-31"
    slides = peers.timelinejs_data(events)["events"]
    assert slides[0]["start_date"] == {"year": 1991, "month": 1, "day": 1}
    assert slides[0]["end_date"] == {"year": 2002, "month": 12, "day": 31}
    assert "end_date" not in slides[1]
    assert [s["text"]["headline"] for s in slides] == [item["content"] for item in items]
    for tool in (peers.VIS, peers.TJS):
        page = peers.peer_page(tool, events)
        assert "</script>" not in page.split("<script>", 1)[1].split("</script>", 1)[0]
        assert "node_modules/" in page and "http" not in page.replace("location.href", "")


def test_watch_script_and_watches():
    watches = {**peers.explorer_watches("  Two\nwords "), **peers.peer_watches(peers.VIS, 22)}
    assert watches["text"] == {"text": "Two words"}
    assert watches["graphs"]["all"] == list(peers.EXPLORER_GRAPHS)
    assert watches[peers.VIS] == {"count": [".vis-item-content", 22]}
    script = peers.watch_script(watches)
    assert '"Two words"' in script and "B.watch" in script


def test_peer_summary_gives_medians_ratios_and_skipped_peers():
    text, graphs = peers.key(peers.TEXT, 0), peers.key(peers.GRAPHS, 0)
    small = peers.SizeResult("22 (AQIM)", 20, events=22)
    small.times.update({peers.VIS: [0.2, 0.3, 0.25], peers.TJS: [0.3, "timeout"], text: [1.0, 1.0], graphs: [1.5]})
    big = peers.SizeResult("100,000", 100000, skipped_peers=True)
    big.times.update({text: [1.2], graphs: ["timeout"]})
    headers, rows = peers.summary([small, big])
    assert headers == ["tool (median s)", "22 (AQIM)", "100,000"]
    by_name = {row[0]: row[1:] for row in rows}
    assert by_name["vis-timeline 8.5.4: complete draw"] == ["0.25", "> timeout"]
    assert by_name["TimelineJS 3.9.11: complete draw"] == ["0.30 (1 failed)", "> timeout"]
    assert by_name["**the explorer: graphs**"] == ["1.50", "timeout"]
    assert by_name["the explorer: text / vis-timeline"] == ["4.00", "–"]
    assert by_name["the explorer: graphs / vis-timeline"] == ["6.00", "–"]


def test_several_roots_each_get_rows_and_ratios():
    names = peers.explorer_names([Path("/tmp/before"), Path("/work/wt-bench")])
    assert names == ["before", "wt-bench"]
    assert peers.explorer_names([Path("/a/x"), Path("/b/x")]) == ["1: x", "2: x"]
    assert peers.explorer_names([Path("/a/x")]) == [""]
    result = peers.SizeResult("22 (AQIM)", 20, events=22)
    result.times.update({peers.VIS: [0.5], peers.key(peers.TEXT, 0): [1.0], peers.key(peers.TEXT, 1): [0.25]})
    _, rows = peers.summary([result], names)
    by_name = {row[0]: row[1:] for row in rows}
    assert by_name["**the explorer (before): text**"] == ["1.00"]
    assert by_name["**the explorer (wt-bench): text**"] == ["0.25"]
    assert by_name["the explorer (wt-bench): text / vis-timeline"] == ["0.50"]
    assert by_name["the explorer (before): graphs / vis-timeline"] == ["–"]


def test_installed_version_reads_node_modules(tmp_path):
    package = tmp_path / "node_modules" / "@knight-lab" / "timelinejs"
    package.mkdir(parents=True)
    (package / "package.json").write_text('{"version": "3.9.11"}')
    assert peers.installed_version("@knight-lab/timelinejs", tmp_path) == "3.9.11"
    assert peers.installed_version("vis-timeline", tmp_path) is None


# --- bench/classload.py: the pure parts (no server) ---------------------------------------------------

classload = bench_script("classload")

DEPENDENCIES = [
    {
        "output": "..page.children...collection.data..",
        "inputs": [{"id": "url", "property": "pathname"}],
        "state": [{"id": "url", "property": "search"}],
        "clientside_function": None,
        "prevent_initial_call": False,
    },
    {
        "output": "..count.children...list.children..",
        "inputs": [{"id": "search", "property": "value"}, {"id": "selected", "property": "data"}],
        "state": [{"id": "collection", "property": "data"}],
        "clientside_function": None,
        "prevent_initial_call": True,
    },
    {
        "output": "detail.children",
        "inputs": [{"id": "selected", "property": "data"}],
        "state": [],
        "clientside_function": None,
        "prevent_initial_call": True,
    },
    {
        "output": "url.search",
        "inputs": [{"id": "selected", "property": "data"}],
        "state": [],
        "clientside_function": {"namespace": "x", "function_name": "y"},
        "prevent_initial_call": True,
    },
]


def _component(kind, **props):
    return {"type": kind, "namespace": "dash_html_components", "props": props}


def test_outputs_layout_and_initial_callbacks():
    assert classload.split_outputs("..a.b...c.d@123..") == [("a", "b"), ("c", "d")]
    assert classload.split_outputs("detail.children") == [("detail", "children")]
    layout = _component("Div", children=[_component("Location", id="url"), _component("Main", id="page")])
    props = classload.layout_props(layout, "http://127.0.0.1:5/")
    assert props["url"]["pathname"] == "/" and props["url"]["href"] == "http://127.0.0.1:5/"
    assert [cb["output"] for cb in classload.initial_callbacks(DEPENDENCIES, props, set())] == []  # no 'collection'
    props["collection"] = {}
    first = classload.initial_callbacks(DEPENDENCIES, props, set())
    assert [cb["output"] for cb in first] == ["..page.children...collection.data.."]
    assert classload.initial_callbacks(DEPENDENCIES, props, {first[0]["output"]}) == []


def test_answers_bring_new_components_and_bodies_take_their_values():
    props = classload.layout_props(_component("Div", children=[_component("Main", id="page")]))
    answer = {
        "multi": True,
        "response": {
            "page": {"children": [_component("Input", id="search", value=""), _component("Store", id="selected")]},
            "collection": {"data": "aqim"},
        },
    }
    assert classload.apply_answer(answer, props) == ["page.children", "collection.data"]
    assert props["search"]["value"] == "" and props["collection"]["data"] == "aqim"
    (filter_cb,) = classload.require_callbacks(DEPENDENCIES[:2], "search.value", "filter", "--filter-input")
    body = classload.request_body(filter_cb, props, ["search.value"], {"search.value": "mali"})
    assert body == {
        "output": "..count.children...list.children..",
        "outputs": [{"id": "count", "property": "children"}, {"id": "list", "property": "children"}],
        "inputs": [
            {"id": "search", "property": "value", "value": "mali"},
            {"id": "selected", "property": "data", "value": None},
        ],
        "changedPropIds": ["search.value"],
        "state": [{"id": "collection", "property": "data", "value": "aqim"}],
    }
    (detail,) = [
        cb for cb in classload.triggered_by(DEPENDENCIES, ["selected.data"]) if cb["output"] == "detail.children"
    ]
    assert classload.request_body(detail, props, ["selected.data"], {"selected.data": "e1"})["outputs"] == {
        "id": "detail",
        "property": "children",
    }
    # The clientside callback on selected.data never reaches the server.
    assert len(classload.triggered_by(DEPENDENCIES, ["selected.data"])) == 2


def test_a_missing_callback_stops_with_a_clear_message():
    with pytest.raises(classload.LoadError, match=r"no server callback takes search\.value .*--filter-input"):
        classload.require_callbacks(DEPENDENCIES[2:], "search.value", "filter", "--filter-input")


def test_terms_percentiles_loopback_and_rows():
    terms = classload.search_terms(["AQIM attacks Gao", "French forces attack", "AQIM attacks again", "Mali 2012"])
    assert terms[:2] == ["AQIM", "attacks"] and "mali" not in terms and "forces" in terms
    assert classload.percentile([], 50) is None
    assert classload.percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert classload.percentile(list(range(101)), 95) == 95
    assert classload.check_loopback("http://127.0.0.1:8050") == "http://127.0.0.1:8050/"
    for url in ("http://localhost:8050/", "http://10.0.0.2:8050/", "https://127.0.0.1/"):
        with pytest.raises(classload.LoadError, match="only http://127.0.0.1"):
            classload.check_loopback(url)
    assert classload.EVENT_ID.findall(r"<button data-event=\"gao-attack\">") == ["gao-attack"]
    tally = classload.Tally()
    tally.requests = 40
    tally.steps["filter"] += [0.1, 0.3]
    tally.steps["select"] += [0.2]
    tally.filter_bytes += [(1000, 9000), (3000, 11000)]
    row = classload.class_row(10, tally, 4.0, ("1.00", "2.00"))
    assert len(row) == len(classload.CLASS_HEADERS)
    assert row[:5] == ["10", "40", "10.0", "0", "2"]
    assert row[6:10] == ["200 / 290", "200 / 200", "2,000 / 10,000", "1.00 → 2.00"]
    assert row[5] == "–"


serve_memory = bench_script("serve_memory")


def test_memory_is_read_from_this_process_smaps_rollup():
    values = serve_memory.smaps_rollup(Path("/proc/self/smaps_rollup").read_text())
    assert set(values) == set(serve_memory.FIELDS)
    assert values["Rss"] >= values["Pss"] >= values["Private_Clean"] + values["Private_Dirty"] > 0
    memory = serve_memory.Memory.read(os.getpid(), [])
    assert memory.processes == 1 and memory.rss >= memory.pss >= memory.uss > 0


def test_runs_name_a_checkout_a_variant_and_an_extra_path(tmp_path):
    run = serve_memory.parse_run(f"{tmp_path}:preload+{tmp_path / 'pyarrow-env'}")
    assert (run.root, run.variant, run.extra_path) == (tmp_path, "preload", str(tmp_path / "pyarrow-env"))
    assert run.name == f"{tmp_path.name}:preload+pyarrow-env"
    assert serve_memory.parse_run(".:serve").extra_path == ""
    with pytest.raises(argparse.ArgumentTypeError):
        serve_memory.parse_run(".:forking")
    # `serve --workers 1` is the development server: there is no worker process to wait for.
    assert serve_memory.Server.forks("serve", 1) == 0 and serve_memory.Server.forks("serve", 4) == 4
    assert serve_memory.Server.forks("gunicorn", 1) == 1


def _load_profile(name: str):
    spec = importlib.util.spec_from_file_location(f"profile_{name}", ROOT / "bench" / "profile" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_profile_variants_combine_and_name_their_collection(tmp_path):
    serve_variant = _load_profile("serve_variant")
    assert serve_variant.parse_variant("base") == (set(), None)
    assert serve_variant.parse_variant(f"nomap, noeras,data={tmp_path}") == ({"nomap", "noeras"}, tmp_path)
    with pytest.raises(SystemExit, match="unknown variant 'direct'"):
        serve_variant.parse_variant("direct")  # issue 12's experiment, now the app's own code
    assert _load_profile("waterfall").file_name(f"nomap,data={tmp_path}").count("/") == 0


def test_play_bench_reports_medians_of_what_finished_and_a_column_per_speed():
    play_bench = bench_script("play_bench")
    assert play_bench.median([3.0, "timeout", 1.0, 2.0]) == 2.0
    assert play_bench.median(["timeout", "error"]) == "timeout"
    labels = [label for label, _digits in play_bench.COLUMNS.values()]
    for speed in play_bench.SPEEDS:
        assert f"fps ×{speed}" in labels and f"p95 frame ms ×{speed}" in labels


# bench/profile/*.py: each script's parts that need no browser run here on the bundled collection, so a
# change to the app's signatures breaks a test, not a benchmark someone runs months later.


def test_server_side_profile_steps_and_endpoints_run_on_the_app():
    from timeline.load.collection import BUNDLED
    from timeline.load.library import load_library
    from timeline.web.app import create_app
    from timeline.web.pages.registry import Registry

    server_side = _load_profile("server_side")
    collections = load_library(BUNDLED)
    app = create_app(collections)
    registry = Registry(collections)
    steps = server_side.steps(registry, registry.get(None))
    assert len(steps) == 8
    for name, call in steps:
        result = call()
        if "figure" in name:  # a figure is plain data with traces
            assert result["data"], name
    for name, call in server_side.endpoints(app.server.test_client()):
        assert call({}).status_code == 200, name


def test_plotly_alone_profile_writes_a_page_per_configuration(tmp_path):
    plotly_isolated = _load_profile("plotly_isolated")
    figures = plotly_isolated.figures(ROOT)
    assert set(figures) == {"timeline", "lineage", "map"} and all(fig["data"] for fig in figures.values())
    for name, config in plotly_isolated.CONFIGS.items():
        plotly_isolated.prepare(tmp_path / name, figures, config, ROOT)
        page = (tmp_path / name / "index.html").read_text()
        assert f'src="{config["bundle"]}"' in page and (tmp_path / name / config["bundle"]).exists(), name
        written = {key: json.loads((tmp_path / name / f"{key}.json").read_text()) for key in figures}
        if config.get("notemplate"):
            assert all("template" not in fig["layout"] for fig in written.values())
        if config.get("res110"):
            assert written["map"]["layout"]["geo"]["resolution"] == 110


@pytest.mark.parametrize(
    "variant",
    [
        "base",
        "nomap,notimeline,noeras,nolineage,notranslations,nosource,plotlyfirst,nodashtable",
        "fullplotly,eager,nocompress",
    ],
)
def test_every_profile_variant_still_builds_and_serves_its_first_visit(variant):
    # In its own process: a variant patches the app's modules for as long as the process lives.
    script = ROOT / "bench" / "profile" / "serve_variant.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check", "--variant", variant],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert "/ 200, /_dash-layout 200, /_dash-dependencies 200" in result.stdout


def test_a_recorded_waterfall_run_gives_its_phases_and_a_summary(capsys):
    """tests/fixtures/waterfall_run.json is one real run of `waterfall.py --runs 1 --json` on this app."""
    fixture = ROOT / "tests" / "fixtures" / "waterfall_run.json"
    recorded = json.loads(fixture.read_text())
    phases = _load_profile("waterfall").phases(recorded["runs"]["base"][0])
    # The first draw is when the later of the two graphs has its traces.
    drawn = max(phases["timeline traces present"], phases["map traces present"])
    assert phases["FIRST DRAW (timeline+map)"] >= drawn and phases["html ttfb"] < drawn
    assert _load_profile("summarize").main([str(fixture)]) == 0
    table = capsys.readouterr().out
    assert "| base | 1 |" in table and f"| {phases['FIRST DRAW (timeline+map)']:.0f} |" in table
