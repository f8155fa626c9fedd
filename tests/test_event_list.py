"""The event list is sent as one block of HTML: every text in it must arrive as text."""

from __future__ import annotations

from html.parser import HTMLParser

from timeline.web.components.event_list import LIMIT, event_list


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "p":
            self.text.append("\n")  # a paragraph is a block: its words do not run into the last one's

    def handle_data(self, data):
        self.text.append(data)


def parsed(component) -> _Tags:
    parser = _Tags()
    parser.feed(component.children)
    return parser


def test_items_carry_their_event_and_selection(aqim):
    tags = parsed(event_list(aqim.events, "jnim-formed")).tags
    items = [attrs for tag, attrs in tags if tag == "a"]
    assert [item["data-event"] for item in items] == list(aqim.events["id"])
    assert [item["data-event"] for item in items if item["aria-current"] == "true"] == ["jnim-formed"]
    assert {tag for tag, _ in tags} <= {"ol", "li", "a", "span", "p"}


def test_items_link_to_their_event_so_the_list_works_without_scripts(aqim):
    default = [attrs["href"] for tag, attrs in parsed(event_list(aqim.events.head(2), None)).tags if tag == "a"]
    assert default == [f"?event={event_id}" for event_id in aqim.events["id"].head(2)]
    linked = parsed(event_list(aqim.events.head(1), None, lambda event_id: f"?q=mali&event={event_id}")).tags
    assert [attrs["href"] for tag, attrs in linked if tag == "a"] == [f"?q=mali&event={aqim.events['id'].iloc[0]}"]


def test_markup_in_the_data_is_escaped(aqim):
    events = aqim.events.head(2).copy()
    events.loc[events.index[0], "title"] = '<img src=x onerror="alert(1)"> & <script>alert(2)</script>'
    events.loc[events.index[1], "id"] = 'x" onclick="alert(3)'
    result = parsed(event_list(events, None))
    assert {tag for tag, _ in result.tags} <= {"ol", "li", "a", "span", "p"}
    assert not any(key.startswith("on") for _, attrs in result.tags for key in attrs)
    assert '<img src=x onerror="alert(1)"> & <script>alert(2)</script>' in "".join(result.text)


def test_a_long_list_says_what_it_leaves_out(aqim):
    import pandas as pd

    many = pd.concat([aqim.events] * 10, ignore_index=True)
    result = parsed(event_list(many, None))
    assert sum(tag == "a" for tag, _ in result.tags) == LIMIT
    assert f"Showing the first {LIMIT:,} of {len(many):,} events" in "".join(result.text)


def test_source_reader_marks_each_quoted_passage_with_its_event(aqim):
    from dash import dcc

    from timeline.load.passages import quote_passages
    from timeline.web.components.source_reader import source_reader

    passages = quote_passages(aqim)
    blocks = source_reader(aqim, passages, "jnim-formed")
    (block,) = [b for b in blocks if isinstance(b, dcc.Markdown)]
    result = parsed(block)
    marked = {attrs["data-event"] for tag, attrs in result.tags if tag == "mark"}
    assert marked <= set(aqim.events["id"]) and "jnim-formed" in marked
    selected = [attrs for tag, attrs in result.tags if tag == "mark" and "selected" in attrs["class"]]
    assert selected and all(attrs["role"] == "button" for attrs in selected)
    anchors = {attrs["id"] for tag, attrs in result.tags if tag == "span" and attrs.get("class") == "anchor"}
    assert "passage-jnim-formed" in anchors
    # The text reads as the source does: its paragraphs' words, in order, nothing added.
    source = next(iter(aqim.sources.values())).text
    shown = " ".join("".join(result.text).split())
    assert len(shown) > 1000 and shown in " ".join(source.split())
