"""What every page callback passes to Registry.get: the page's collection key and this tab's dropped file;
and the explorer's filter controls, which every callback that works on the events in view reads."""

from dash import State

from timeline.web.components import ids

PAGE_STATE = (State(ids.COLLECTION, "data"), State(ids.UPLOAD, "data"))

# (component id, property) of each filter, in the order explore_view.filters_from_controls takes them.
FILTER_CONTROLS = (
    (ids.SEARCH, "value"),
    (ids.CATEGORY, "value"),
    (ids.COUNTRY, "value"),
    (ids.ACTOR, "value"),
    (ids.YEAR_FROM, "value"),
    (ids.YEAR_TO, "value"),
)
