"""What a curious student can send the real server: every malformed request gets a 4xx or is ignored, never a 500.

One registry of requests (issue 13, item 2): callback inputs of the wrong type, malformed callback
bodies, odd URLs. Callback bodies are built from the server's own /_dash-dependencies, so they
name the callbacks the server really has. After all of them the server still answers, and its
log holds no traceback. The table of answers is written to build/malformed-requests.txt.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from servers import ROOT, Server

from timeline.load.collection import load_collection
from timeline.web import guard
from timeline.web.app import create_app

VIEWS = "timeline.figure"  # the explorer's main callback: filters -> figures, list, count
DETAIL = "detail.children...source-reader.children"
SELECT = "selected.data"
WINDOW = "time-window.data"
LINEAGE = "lineage.figure"  # the explorer's chart; the glossary's is glossary-lineage
GLOSSARY = "lineage-detail.children"
UPLOAD = "upload-accepted.data"
ROUTER = "page.children"
DOWNLOAD = "download.data"
CLEAR = "category-filter.value"
SHARED = "shared-page.children"  # a lesson that came in a link, drawn on /present?shared=1 and /quiz?shared=1

# A valid value for every property a server callback reads.
VALID = {
    ("url", "pathname"): "/",
    ("url", "search"): "",
    ("collection", "data"): None,
    ("uploaded-file", "data"): None,
    ("uploaded-file", "modified_timestamp"): -1,
    ("upload-input", "contents"): None,
    ("upload-input", "filename"): None,
    ("search", "value"): "Mali",
    ("category-filter", "value"): ["attack"],
    ("country-filter", "value"): [],
    ("actor-filter", "value"): [],
    ("year-from", "value"): 2007,
    ("year-to", "value"): None,
    ("clear-filters", "n_clicks"): 1,
    ("download-csv", "n_clicks"): 1,
    ("download-json", "n_clicks"): 1,
    ("time-window", "data"): None,
    ("phone-screen", "data"): None,
    ("selected", "data"): "droukdel-killed",
    ("timeline", "relayoutData"): {"xaxis.autorange": True},
    ("timeline", "clickData"): None,
    ("map", "clickData"): None,
    ("lineage", "clickData"): None,
    ("glossary-lineage", "clickData"): None,
    ("shared-link", "data"): "",
}

BAD = {422}  # refused with a short reason (a JSON body this app does not answer)
NOT_JSON = {400}
FINE = {200, 204}  # answered, or ignored (204: no update)


@dataclass
class Case:
    name: str
    expect: set[int]
    callback: str | None = None  # an output the dependency is found by
    values: dict = field(default_factory=dict)  # (id, prop) -> value, over VALID
    changed: str | None = None  # the changed input, "id.prop" (default: the first input)
    raw: bytes | None = None  # a body sent as it is, instead of a callback body
    edit: object = None  # a function body -> body, to break a well-formed callback body
    path: str = "/_dash-update-component"
    method: str = "POST"
    content_type: str = "application/json"


def _v(component: str, prop: str, value: object) -> dict:
    return {(component, prop): value}


CASES = [
    # --- the search text: a number, a list, an object, null, true, too long --------------------------------
    Case("search: number", BAD, VIEWS, _v("search", "value", 42)),
    Case("search: list", BAD, VIEWS, _v("search", "value", ["a", "b"])),
    Case("search: object", BAD, VIEWS, _v("search", "value", {"a": 1})),
    Case("search: true", BAD, VIEWS, _v("search", "value", True)),
    Case("search: null (an emptied box)", FINE, VIEWS, _v("search", "value", None)),
    Case("search: 200,000 characters", BAD, VIEWS, _v("search", "value", "x" * 200_000)),
    Case("search: <script>", FINE, VIEWS, _v("search", "value", "<script>alert(1)</script>")),
    Case("download with search: number", BAD, DOWNLOAD, _v("search", "value", 7), changed="download-csv.n_clicks"),
    # --- years ---------------------------------------------------------------------------------------------
    Case("year: 'abc'", BAD, VIEWS, _v("year-from", "value", "abc")),
    Case("year: '2010' as text", FINE, VIEWS, _v("year-from", "value", "2010")),
    Case("year: 1.5", BAD, VIEWS, _v("year-to", "value", 1.5)),
    Case("year: 10**20", BAD, VIEWS, _v("year-to", "value", 10**20)),
    Case("year: list", BAD, VIEWS, _v("year-from", "value", [2010])),
    Case("year: true", BAD, VIEWS, _v("year-from", "value", True)),
    Case("year: -500 (no event then)", FINE, VIEWS, _v("year-to", "value", -500)),
    # --- categories, countries, actors -------------------------------------------------------------------
    Case("categories: a string", BAD, VIEWS, _v("category-filter", "value", "attack")),
    Case("categories: number", BAD, VIEWS, _v("category-filter", "value", 5)),
    Case("categories: list of numbers", BAD, VIEWS, _v("category-filter", "value", [1, 2])),
    Case("categories: nested list", BAD, VIEWS, _v("category-filter", "value", [["attack"]])),
    Case("categories: object", BAD, VIEWS, _v("category-filter", "value", {"a": 1})),
    Case("categories: unknown name", FINE, VIEWS, _v("category-filter", "value", ["no-such-category"])),
    Case("countries: a string", BAD, VIEWS, _v("country-filter", "value", "MLI")),
    Case("actors: object", BAD, VIEWS, _v("actor-filter", "value", {"AQIM": True})),
    Case("actors: name with a comma", FINE, VIEWS, _v("actor-filter", "value", ["Ansar Dine, Macina"])),
    # --- the selected event id -----------------------------------------------------------------------------
    Case("selected: list", BAD, DETAIL, _v("selected", "data", ["droukdel-killed"])),
    Case("selected: number", BAD, DETAIL, _v("selected", "data", 5)),
    Case("selected: object", BAD, DETAIL, _v("selected", "data", {"id": 1})),
    Case("selected: unknown id", FINE, DETAIL, _v("selected", "data", "no-such-event")),
    Case("selected: null", FINE, DETAIL, _v("selected", "data", None)),
    Case("selected (views): list", BAD, VIEWS, _v("selected", "data", [1])),
    # --- the time window, clicks, zooms ----------------------------------------------------------------------
    Case("window: 'abc'", BAD, VIEWS, _v("time-window", "data", "abc")),
    Case("window: not dates", BAD, VIEWS, _v("time-window", "data", ["abc", "def"])),
    Case("window: one end", BAD, VIEWS, _v("time-window", "data", ["2010-01-01"])),
    Case("window: dates", FINE, VIEWS, _v("time-window", "data", ["2010-01-01", "2015-12-31"])),
    # --- the phone's width class (web/screen.py) ------------------------------------------------------------
    Case("phone screen: a class", FINE, VIEWS, _v("phone-screen", "data", 390)),
    Case("phone screen: a class as text", FINE, VIEWS, _v("phone-screen", "data", "320")),
    Case("phone screen: not a class", BAD, VIEWS, _v("phone-screen", "data", 391)),
    Case("phone screen: an object", BAD, VIEWS, _v("phone-screen", "data", {"w": 390})),
    Case("phone screen: a huge number", BAD, VIEWS, _v("phone-screen", "data", 1e308)),
    Case("click: a string", BAD, SELECT, _v("timeline", "clickData", "abc"), changed="timeline.clickData"),
    Case("click: points a number", BAD, SELECT, _v("map", "clickData", {"points": 5}), changed="map.clickData"),
    Case(
        "click: customdata a number",
        BAD,
        WINDOW,
        _v("timeline", "clickData", {"points": [{"customdata": 5}]}),
        changed="timeline.clickData",
    ),
    Case(
        "click: on no event",
        FINE,
        SELECT,
        _v("timeline", "clickData", {"points": [{"x": 1}]}),
        changed="timeline.clickData",
    ),
    Case(
        "lineage click: unknown organisation",
        FINE,
        LINEAGE,
        _v("lineage", "clickData", {"points": [{"customdata": ["organisation", "no-such-org"]}]}),
        changed="lineage.clickData",
    ),
    Case(
        "glossary click: unknown relation",
        FINE,
        GLOSSARY,
        _v("glossary-lineage", "clickData", {"points": [{"customdata": ["relation", "nope"]}]}),
    ),
    Case("zoom: one end of the range", BAD, WINDOW, _v("timeline", "relayoutData", {"xaxis.range[0]": "2010"})),
    Case("zoom: range a number", BAD, WINDOW, _v("timeline", "relayoutData", {"xaxis.range": 5})),
    Case("zoom: range not dates", BAD, WINDOW, _v("timeline", "relayoutData", {"xaxis.range": ["a", "b"]})),
    Case("clear: n_clicks 'abc'", BAD, CLEAR, _v("clear-filters", "n_clicks", "abc")),
    # --- the page's collection and this tab's file -------------------------------------------------------------
    Case("collection key: ../..", BAD, DETAIL, _v("collection", "data", "../..")),
    Case("collection key: number", BAD, DETAIL, _v("collection", "data", 5)),
    Case("stored file: a string", BAD, DETAIL, _v("uploaded-file", "data", "abc")),
    Case(
        "stored file: not a collection",
        BAD,
        DETAIL,
        {("collection", "data"): "upload", ("uploaded-file", "data"): {"name": "x.csv", "text": "garbage"}},
    ),
    Case("upload: contents a number", BAD, UPLOAD, _v("upload-input", "contents", 5)),
    Case("upload: unreadable data URL", FINE, UPLOAD, _v("upload-input", "contents", "data:text/csv;base64,!!!")),
    # Over the size limit: answered with the reason in the page's upload report (tests/test_upload_limits.py).
    Case(
        "upload: 6 MB data URL", FINE, UPLOAD, _v("upload-input", "contents", "data:text/csv;base64," + "A" * 8_000_000)
    ),
    Case(
        "stored file: over 4 MB of text",
        BAD,
        DETAIL,
        {("collection", "data"): "upload", ("uploaded-file", "data"): {"name": "x.csv", "text": "x" * 4_000_001}},
    ),
    # --- odd URLs, as the router sees them ---------------------------------------------------------------------
    Case("URL ?from=abc", FINE, ROUTER, _v("url", "search", "?from=abc")),
    Case("URL ?collection=../..", FINE, ROUTER, _v("url", "search", "?collection=../..")),
    Case("URL /present?slide=-1", FINE, ROUTER, {("url", "pathname"): "/present", ("url", "search"): "?slide=-1"}),
    Case("URL ?q= 20,000 characters", FINE, ROUTER, _v("url", "search", "?q=" + "x" * 20_000)),
    Case("URL <script> in parameters", FINE, ROUTER, _v("url", "search", "?q=<script>alert(1)</script>&event=<b>")),
    Case(
        "URL /glossary?collection=upload",
        FINE,
        ROUTER,
        {("url", "pathname"): "/glossary", ("url", "search"): "?collection=upload"},
    ),
    Case("URL pathname a list", BAD, ROUTER, _v("url", "pathname", ["/"])),
    # ... and as the browser first asks for them
    Case("GET /?from=abc", FINE, method="GET", path="/?from=abc&to=xyz"),
    Case("GET /?collection=../..", FINE, method="GET", path="/?collection=../.."),
    Case("GET /present?slide=-1", FINE, method="GET", path="/present?slide=-1&lesson=nope"),
    Case("GET /?q= 20,000 characters", FINE, method="GET", path="/?q=" + "x" * 20_000),
    Case("GET <script> in parameters", FINE, method="GET", path="/?q=%3Cscript%3Ealert(1)%3C/script%3E&event=%3Cb%3E"),
    Case("GET /no-such-page", FINE, method="GET", path="/no-such-page"),
    Case("GET /_dash-layout", FINE, method="GET", path="/_dash-layout"),
    # ... and values at the edges of what the checks allow
    Case("window: far dates", FINE, VIEWS, _v("time-window", "data", ["0001-01-01", "9999-12-31"])),
    Case("window: a date past pandas' range", BAD, VIEWS, _v("time-window", "data", ["2010-01-01", 1e30])),
    Case("year: 9999", FINE, VIEWS, _v("year-from", "value", 9999)),
    Case("selected: 20,000 characters", FINE, DETAIL, _v("selected", "data", "x" * 20_000)),
    Case(
        "lineage click: a kind that is not one",
        FINE,
        LINEAGE,
        _v("lineage", "clickData", {"points": [{"customdata": ["person", "droukdel"]}]}),
        changed="lineage.clickData",
    ),
    # --- a lesson in a link, as the page sends it (the link's end, after #lesson=) ---------------------------------
    Case("shared link: number", BAD, SHARED, _v("shared-link", "data", 5)),
    Case("shared link: object", BAD, SHARED, _v("shared-link", "data", {"title": "x"})),
    Case("shared link: 2,000,000 characters", BAD, SHARED, _v("shared-link", "data", "v1." + "A" * 2_000_000)),
    Case("shared link: 300,000 characters of nothing", FINE, SHARED, _v("shared-link", "data", "v1." + "A" * 300_000)),
    Case("shared link: cut short", FINE, SHARED, _v("shared-link", "data", "v1.q1YqyUksSVWyUipLzSlNVaoFAA")),
    Case("shared link: <script>", FINE, SHARED, _v("shared-link", "data", "<script>alert(1)</script>")),
    Case("shared link: empty, on /quiz", FINE, SHARED, {("shared-link", "data"): "", ("url", "pathname"): "/quiz"}),
    # --- the lesson builder's requests (a lesson in a POST body) ---------------------------------------------------
    Case("lesson check: not JSON", {400}, raw=b"{{{", path="/lesson/check"),
    Case("lesson check: a list", {400}, raw=b"[]", path="/lesson/check"),
    Case("lesson check: nothing to check", {422}, raw=b"{}", path="/lesson/check"),
    Case("lesson check: two lessons", {422}, raw=b'{"link": "v1.", "yaml": "title: x"}', path="/lesson/check"),
    Case("lesson check: yaml a number", {422}, raw=b'{"yaml": 5}', path="/lesson/check"),
    Case("lesson check: unknown collection", {404}, raw=b'{"collection": "../..", "draft": {}}', path="/lesson/check"),
    Case("lesson check: collection a list", {404}, raw=b'{"collection": [1], "draft": {}}', path="/lesson/check"),
    Case("lesson check: draft a string", {200}, raw=b'{"draft": "title: x"}', path="/lesson/check"),
    Case(
        "lesson check: draft nested deep",
        {200},
        raw=b'{"draft": ' + b"[" * 500 + b"]" * 500 + b"}",
        path="/lesson/check",
    ),
    Case("lesson check: nested 100,000 deep", {400}, raw=b"[" * 100_000 + b"]" * 100_000, path="/lesson/check"),
    Case(
        "lesson check: a draft 900 deep",
        {200},
        raw=b'{"draft": ' + b"[" * 900 + b"]" * 900 + b"}",
        path="/lesson/check",
    ),
    Case(
        "lesson check: YAML with a python tag",
        {200},
        raw=b'{"yaml": "!!python/object:os.system x"}',
        path="/lesson/check",
    ),
    Case("lesson check: 4 MB", {413}, raw=b'{"yaml": "' + b"x" * 4_000_000 + b'"}', path="/lesson/check"),
    Case("lesson check: GET (the app's page not found)", {200, 405}, method="GET", path="/lesson/check"),
    Case(
        "lesson YAML: a cut link",
        {422},
        raw=b"link=v1.q1YqyUksSVWyUipLzSlNVaoFAA&collection=",
        path="/lesson/yaml",
        content_type="application/x-www-form-urlencoded",
    ),
    Case("lesson file: no form", {422}, raw=b"", path="/lesson/file", content_type="text/plain"),
    Case(
        "lesson handout: unknown collection",
        {422},
        raw=b"link=v1.&collection=nope",
        path="/lesson/handout",
        content_type="application/x-www-form-urlencoded",
    ),
    # --- malformed bodies --------------------------------------------------------------------------------------
    Case("body {}", BAD, raw=b"{}"),
    Case("body []", BAD, raw=b"[]"),
    Case("body null", BAD, raw=b"null"),
    Case('body "null"', BAD, raw=b'"null"'),
    Case("body 5", BAD, raw=b"5"),
    Case("body not JSON", NOT_JSON, raw=b"{{{ not json"),
    Case("body empty", NOT_JSON, raw=b""),
    Case("body JSON as text/plain", BAD, raw=b"{}", content_type="text/plain"),
    Case("unknown output", BAD, VIEWS, edit=lambda body: {**body, "output": "no-such.children"}),
    Case("a clientside callback's output", BAD, VIEWS, edit=lambda body: {**body, "output": "url.search"}),
    Case("output a list", BAD, VIEWS, edit=lambda body: {**body, "output": ["timeline.figure"]}),
    Case("outputs missing", BAD, DETAIL, edit=lambda body: {k: v for k, v in body.items() if k != "outputs"}),
    Case("inputs missing", BAD, VIEWS, edit=lambda body: {k: v for k, v in body.items() if k != "inputs"}),
    Case("inputs an object", BAD, VIEWS, edit=lambda body: {**body, "inputs": {"search": "x"}}),
    Case("inputs one short", BAD, VIEWS, edit=lambda body: {**body, "inputs": body["inputs"][:-1]}),
    Case("inputs of numbers", BAD, VIEWS, edit=lambda body: {**body, "inputs": [1] * len(body["inputs"])}),
    Case("state missing", BAD, DETAIL, edit=lambda body: {k: v for k, v in body.items() if k != "state"}),
    Case("changedPropIds unknown", BAD, VIEWS, edit=lambda body: {**body, "changedPropIds": ["nope.value"]}),
    Case("changedPropIds a string", BAD, VIEWS, edit=lambda body: {**body, "changedPropIds": "search.value"}),
    Case("GET on the callback route (the page)", {200, 405}, method="GET", raw=b""),
    # --- and well-formed requests still work -------------------------------------------------------------------
    Case("a well-formed filter request", {200}, VIEWS),
    Case("a well-formed selection", {200}, DETAIL),
]


def _parts(key: str) -> list[str]:
    """'..a.b...c.d@hash..' -> ['a.b', 'c.d']: the outputs a dependency names, without duplicate markers."""
    parts = key[2:-2].split("...") if key.startswith("..") else [key]
    return [part.split("@", 1)[0] for part in parts]


def _dependency(dependencies: list[dict], output: str) -> dict:
    """The one server callback with this output among its outputs (several would make the case ambiguous)."""
    wanted = output.split("...")
    found = [
        dep
        for dep in dependencies
        if all(part in _parts(dep["output"]) for part in wanted) and not dep.get("clientside_function")
    ]
    assert len(found) == 1, f"{output}: {[dep['output'] for dep in found]}"
    return found[0]


def _outputs(key: str) -> list[dict] | dict:
    parts = key.strip(".").split("...") if key.startswith("..") else [key]
    outputs = [dict(zip(("id", "property"), part.split(".", 1), strict=True)) for part in parts]
    return outputs if key.startswith("..") else outputs[0]


def callback_body(dependencies: list[dict], output: str, values: dict, changed: str | None) -> dict:
    dep = _dependency(dependencies, output)
    merged = {**VALID, **values}

    def items(entries):
        return [{**entry, "value": merged[(entry["id"], entry["property"])]} for entry in entries]

    first = dep["inputs"][0]
    return {
        "output": dep["output"],
        "outputs": _outputs(dep["output"]),
        "inputs": items(dep["inputs"]),
        "state": items(dep["state"]),
        "changedPropIds": [changed or f"{first['id']}.{first['property']}"],
    }


def _send(url: str, case: Case, dependencies: list[dict]) -> tuple[int, str]:
    if case.raw is not None or case.method == "GET":
        data = case.raw or b""
    else:
        body = callback_body(dependencies, case.callback, case.values, case.changed)
        data = json.dumps(case.edit(body) if case.edit else body).encode()
    request = urllib.request.Request(
        url + case.path,
        data=data if case.method == "POST" else None,
        method=case.method,
        headers={"Content-Type": case.content_type},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


@pytest.fixture(scope="module")
def server():
    running = Server()
    yield running
    running.stop()


def test_no_malformed_request_gets_a_500_and_the_server_keeps_serving(server) -> None:
    with urllib.request.urlopen(server.url + "/_dash-dependencies", timeout=30) as answer:
        dependencies = json.load(answer)
    answers = [(case, *_send(server.url, case, dependencies)) for case in CASES]
    table = "\n".join(f"{code}  {case.name}" for case, code, _ in answers)
    for case, _, text in answers:
        if case.method == "GET":  # an HTML page: what the URL holds never comes back as live markup
            assert "<script>alert" not in text, case.name
    out = ROOT / "build"
    out.mkdir(exist_ok=True)
    (out / "malformed-requests.txt").write_text(f"{len(answers)} requests\n{table}\n", encoding="utf-8")
    wrong = [
        f"{case.name}: {code} (expected {sorted(case.expect)}) {text[:120]}"
        for case, code, text in answers
        if code not in case.expect
    ]
    assert not wrong, "\n".join(wrong)
    assert all(code < 500 for _, code, _ in answers)
    # Still serving: the page, and a filter request as the browser sends it.
    with urllib.request.urlopen(server.url + "/", timeout=30) as answer:
        assert answer.status == 200
    assert _send(server.url, Case("again", {200}, VIEWS), dependencies)[0] == 200
    log = Path(server.log.name).read_text(errors="replace")
    assert "Traceback" not in log, log[-3000:]


# --- the guard itself, in process ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def app():
    return create_app(load_collection())


def test_every_input_of_every_server_callback_has_a_check(app) -> None:
    assert guard.unchecked(app) == []


def test_a_callback_input_without_a_check_is_refused_at_start_up(app, monkeypatch) -> None:
    monkeypatch.delitem(guard.SPEC, ("search", "value"))
    with pytest.raises(ValueError, match="search.value"):
        guard.install(app)


def test_a_new_button_or_graph_is_checked_by_its_property() -> None:
    assert guard.check_for("some-new-button", "n_clicks") is guard.count
    assert guard.check_for("some-new-graph", "clickData") is guard.click
    assert guard.check_for("some-new-store", "data") is None  # a store's data has no one type: declare it in SPEC


def test_a_real_bug_in_a_callback_still_gives_a_500(app, monkeypatch) -> None:
    """The guard answers bad requests; it must not hide our own errors behind a 4xx."""
    from dash import Dash, Input, Output, html

    broken = Dash(__name__)
    broken.layout = html.Div([html.Div(id="search"), html.Div(id="out")])

    @broken.callback(Output("out", "children"), Input("search", "value"))
    def _fails(value):
        raise RuntimeError("a bug of ours")

    guard.install(broken)
    client = broken.server.test_client()
    body = {
        "output": "out.children",
        "outputs": {"id": "out", "property": "children"},
        "inputs": [{"id": "search", "property": "value", "value": "x"}],
        "changedPropIds": ["search.value"],
    }
    assert client.post("/_dash-update-component", json=body).status_code == 500
    assert (
        client.post(
            "/_dash-update-component", json={**body, "inputs": [{"id": "search", "property": "value", "value": 5}]}
        ).status_code
        == 422
    )
