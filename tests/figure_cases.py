"""The views and figures whose output is pinned by tests/fixtures/figures.json.gz (tests/test_figure_output.py).

The fixture was recorded from the code of 92ae596, before the figures were built as plain data:

    python tests/figure_cases.py --root /path/to/a/checkout/of/92ae596

Each case builds a view or a figure through the public functions both versions share (compute_view,
timeline_figure, map_figure) and keeps it as the browser receives it: Dash's JSON of the figure, the
list's HTML and the count. `normalised` turns that JSON into plain comparable values (plotly's
typed arrays into lists), so the comparison does not depend on how a figure was built.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FIXTURE = HERE / "fixtures" / "figures.json.gz"
# The generated collections of bench/make_collection.py; the same size and seed give the same files.
GENERATED = (1000, 10000)
SEED = 2024

# name -> (collection, language, search filters as keyword arguments, window, selected)
VIEWS: dict[str, tuple[str, str, dict, list[str] | None, str | None]] = {
    "aqim-en-all": ("aqim", "en", {}, None, None),
    "aqim-fr-all": ("aqim", "fr", {}, None, None),
    "aqim-ar-all": ("aqim", "ar", {}, None, None),
    "aqim-en-mali": ("aqim", "en", {"text": "Mali"}, None, None),
    "aqim-fr-mali": ("aqim", "fr", {"text": "Mali"}, None, None),
    "aqim-en-attacks": ("aqim", "en", {"categories": ("attack",)}, None, None),
    "aqim-en-country-years": ("aqim", "en", {"countries": ("MLI",), "year_from": 2012}, None, None),
    "aqim-en-nothing": ("aqim", "en", {"text": "zzzz-no-such-word"}, None, None),
    "aqim-en-window": ("aqim", "en", {}, ["2011-06-01", "2016-01-01"], None),
    "aqim-en-selected": ("aqim", "en", {}, None, "droukdel-killed"),
    "aqim-ar-selected-span": ("aqim", "ar", {}, None, "french-led-operation-mali"),
    "aqim-en-mali-window-selected": ("aqim", "en", {"text": "Mali"}, ["2012-01-01", "2021-01-01"], "jnim-formed"),
    "n1000-en-all": ("n1000", "en", {}, None, None),
    "n1000-en-leadership": ("n1000", "en", {"categories": ("leadership",)}, None, None),
    "n1000-en-window": ("n1000", "en", {}, ["2005-01-01", "2008-06-30"], None),
    "n1000-en-window-selected": ("n1000", "en", {}, ["2005-01-01", "2008-06-30"], "@first-in-window"),
    "n1000-en-text": ("n1000", "en", {"text": "ambush"}, None, None),
    "n10000-en-all": ("n10000", "en", {}, None, None),
    "n10000-en-window": ("n10000", "en", {}, ["2010-03-01", "2010-09-30"], None),
    "n10000-fr-window-detail": ("n10000", "fr", {}, ["2010-03-01", "2010-04-15"], None),
    "n10000-en-attack-window": ("n10000", "en", {"categories": ("attack",)}, ["2003-01-01", "2006-12-31"], None),
}


def _to_json(value) -> object:
    from dash._utils import to_json

    return json.loads(to_json(value))


def load(name: str, folder: Path):
    from timeline.load.collection import load_collection

    if name == "aqim":
        return load_collection(ROOT / "data" / "aqim")
    sys.path.insert(0, str(ROOT / "bench"))
    import make_collection

    size = int(name.removeprefix("n"))
    target = folder / name
    if not target.exists():
        make_collection.make_collection(size, target, seed=SEED)
    return load_collection(target)


def listing_html(view) -> str:
    """The list as the browser shows it: its HTML (92ae596 sent a component, later code sends the text)."""
    from html import escape

    if hasattr(view, "listing_html"):
        return view.listing_html
    component = view.listing.to_plotly_json()
    text = component["props"]["children"]
    if component["type"] == "Markdown":
        return text
    return f'<p class="{component["props"]["className"]}">{escape(text)}</p>'


def view_record(data, lang: str, filters: dict, window, selected) -> dict:
    from timeline import i18n
    from timeline.query import search
    from timeline.web.pages.explore_view import compute_view

    with i18n.use(lang):
        view = compute_view(data, search.Filters(**filters), window, selected, None)
        return {
            "timeline": _to_json(view.timeline),
            "map": _to_json(view.map),
            "listing": listing_html(view),
            "count": view.count,
            "graph_style": view.graph_style,
        }


def figure_records(aqim) -> dict[str, Callable[[], object]]:
    """Figures drawn outside the explorer's view: the slides' zoomed maps, frames the data never gives."""
    import pandas as pd

    from timeline.figures.map import map_figure
    from timeline.figures.timeline import timeline_figure

    events = aqim.events
    items = events[events["kind"] != "era"]
    ongoing = events[events["id"] == "jnim-formed"].assign(
        start="2017", end="..", open_end=True, precision="range", latest=pd.Timestamp("2026-12-31")
    )
    hostile = events[events["id"].isin(["jnim-formed", "aqim-founded"])].assign(
        title='<b>bold</b> & <a href="javascript:x">link</a>'
    )
    many = pd.concat([items.assign(id=items["id"] + f"-{n}") for n in range(12)]).reset_index(drop=True)
    return {
        "timeline-empty": lambda: timeline_figure(events.iloc[0:0]),
        "map-empty": lambda: map_figure(events.iloc[0:0]),
        "timeline-open-end": lambda: timeline_figure(pd.concat([events[events["id"] != "jnim-formed"], ongoing])),
        "timeline-hostile": lambda: timeline_figure(hostile, selected="jnim-formed"),
        "map-hostile": lambda: map_figure(hostile, selected="aqim-founded"),
        "timeline-many-rows": lambda: timeline_figure(many, selected="jnim-formed-3"),
        "map-slide-focus": lambda: map_figure(
            events[events["id"] == "ouagadougou-attack"], "ouagadougou-attack", focus=[(12.37, -1.53)]
        ),
        "map-slide-all": lambda: map_figure(events, None),
        "map-huge-marks": lambda: map_figure(
            pd.concat([events.assign(id=events["id"] + f"-{n}") for n in range(100)], ignore_index=True),
            selected="jnim-formed-3",
        ),
    }


def resolve_selected(data, lang: str, filters: dict, window, selected):
    """'@first-in-window': the first event the view lists, so a generated collection needs no id written here."""
    if selected != "@first-in-window":
        return selected
    from timeline import i18n
    from timeline.query import search
    from timeline.web.pages.explore_view import events_shown

    with i18n.use(lang):
        shown = events_shown(data, search.Filters(**filters), window, lang)
    return str(shown["id"].iloc[0])


def record_all(folder: Path) -> dict[str, object]:
    """Every case, as the code importable now draws it."""
    from timeline.load.passages import quote_passages
    from timeline.web.pages.explore_data import ExploreData

    collections = {}
    records: dict[str, object] = {}
    for name, (source, lang, filters, window, selected) in VIEWS.items():
        if source not in collections:
            collection = load(source, folder)
            collections[source] = ExploreData.build(collection, quote_passages(collection))
        data = collections[source]
        chosen = resolve_selected(data, lang, filters, window, selected)
        records[name] = {"selected": chosen, **view_record(data, lang, filters, window, chosen)}
    for name, make in figure_records(collections["aqim"].collection).items():
        records[name] = _to_json(make())
    return records


# plotly.py writes numpy arrays as typed arrays ({"dtype": "f8", "bdata": ...}); plotly.js reads both forms.
_DTYPES = {"f8": "<f8", "f4": "<f4", "i1": "i1", "u1": "u1", "i2": "<i2", "u2": "<u2", "i4": "<i4", "u4": "<u4"}


def normalised(value):
    """`value` (parsed JSON) with every typed array as a plain list, recursively."""
    if isinstance(value, dict):
        if set(value) >= {"dtype", "bdata"} and value["dtype"] in _DTYPES:
            array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=_DTYPES[value["dtype"]])
            if "shape" in value:
                array = array.reshape([int(n) for n in str(value["shape"]).split(",")])
            return array.tolist()
        return {key: normalised(item) for key, item in value.items()}
    if isinstance(value, list):
        return [normalised(item) for item in value]
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, required=True, help="the checkout whose timeline package draws")
    parser.add_argument("--out", type=Path, default=FIXTURE)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.root.resolve()))
    import timeline

    print(f"drawing with {Path(timeline.__file__).parent}", file=sys.stderr)
    with tempfile.TemporaryDirectory() as folder:
        records = record_all(Path(folder))
    text = json.dumps(normalised(records), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"{len(records)} cases, {len(text):,} B of JSON, {args.out.stat().st_size:,} B gzipped -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
