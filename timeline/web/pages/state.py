"""What every page callback passes to Registry.get: the page's collection key and this tab's dropped file."""

from dash import State

from timeline.web.components import ids

PAGE_STATE = (State(ids.COLLECTION, "data"), State(ids.UPLOAD, "data"))
