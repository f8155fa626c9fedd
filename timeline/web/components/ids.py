"""Every component id of the app, in one place (browser tests use them too)."""

URL = "url"
PAGE = "page"
COLLECTION = "collection"  # dcc.Store: the key of the collection the page shows (None: the default one)
UPLOAD = "uploaded-file"  # dcc.Store (sessionStorage): {name, text, base} of the file this tab dropped
UPLOAD_INPUT = "upload-input"  # dcc.Upload on the explorer
UPLOAD_REPORT = "upload-report"
UPLOAD_ACCEPTED = "upload-accepted"  # dcc.Store in the explorer: a file that passed, with where to go
UPLOAD_GOTO = "upload-goto"  # dcc.Store: where to go once the uploaded file is stored
NAV_SINK = "nav-sink"  # dcc.Store written by the clientside navigation; nothing reads it
DOWNLOAD = "download"  # dcc.Download of the filtered events as CSV
DOWNLOAD_JSON_FILE = "download-json-file"  # ... and as JSON
DOWNLOAD_CSV = "download-csv"
DOWNLOAD_JSON = "download-json"

SEARCH = "search"
CATEGORY = "category-filter"
COUNTRY = "country-filter"
ACTOR = "actor-filter"
YEAR_FROM = "year-from"
YEAR_TO = "year-to"
CLEAR = "clear-filters"
FILTERS_TOGGLE = "filters-toggle"  # on a phone, the button that shows the folded filters
FILTERS_MORE = "filters-more"  # the filters it folds
COUNT = "event-count"

TIMELINE = "timeline"
MAP = "map"
EVENT_LIST = "event-list"
EVENT_ITEMS = "event-list-items"  # the list's HTML inside it (dcc.Markdown): a filter sends only its text
DETAIL = "detail"
SOURCE_READER = "source-reader"

SELECTED = "selected"  # dcc.Store: the selected event id
WINDOW = "time-window"  # dcc.Store: the timeline's visible [start, end]
QUERY = "view-query"  # dcc.Store: the view as a query string, copied to the URL in the browser
LEDE = "lede"  # the collection's description under its title
SCREEN = "phone-screen"  # dcc.Store: the phone's width class the timeline is laid out for (web/screen.py), or none

# Playing the chronology through time (web/pages/explore_play.py, assets/play.js).
PLAY_BAR = "play-bar"
PLAY_RANGE = "play-range"  # the moment as a range input: drag it to move through time
PLAY_REQUEST = "play-request"  # dcc.Store: a number play.js raises to ask for the play data of the view
PLAY_DATA = "play-data"  # dcc.Store: that data (figures/play.py), or the URL's moment's at page load
PLAY_SINK = "play-sink"  # dcc.Store the clientside callback that hands the data to play.js writes; nothing reads it


def passage_anchor(event_id: str) -> str:
    return f"passage-{event_id}"


# The present page (/present): one slide per event, navigated in the browser by assets/present.js.
PRESENT = "present"
EXPLORE_PRESENT = "explore-present"  # the explorer's Present link, which carries its filters
PRESENT_SLIDE = "present-slide"  # dcc.Store: index of the slide shown, written by assets/present.js
PRESENT_MAPS = "present-maps"  # dcc.Store: each slide's map graph, drawn once its slide comes near
PRESENT_MAP_BOX = "present-map-box"  # pattern: {"type": PRESENT_MAP_BOX, "index": slide}
PRESENT_PREV = "present-prev"
PRESENT_NEXT = "present-next"
PRESENT_COUNTER = "present-counter"
PRESENT_FULLSCREEN = "present-fullscreen"
PRESENT_EXIT = "present-exit"
PRESENT_DOWNLOAD = "present-download"  # the link to the lesson file (web/lessonfile.py)


def present_map(index: int) -> str:
    """The map graph of slide `index`."""
    return f"present-map-{index}"


# Organisations and people: the lineage chart and the glossary page (/glossary).
LINEAGE = "lineage"  # the lineage chart on the explorer page (figures/lineage.py)
GLOSSARY_LINEAGE = "glossary-lineage"  # the lineage chart on /glossary: its own id, so each page's callbacks stay apart
LINEAGE_SHOW = "lineage-show"  # draws the explorer's lineage chart on demand: it is 60 % of the page's data
LINEAGE_BOX = "lineage-box"  # where that chart goes
EXPLORE_LINEAGE_DETAIL = "explore-lineage-detail"  # under the explorer's lineage chart
LINEAGE_DETAIL = "lineage-detail"  # under the glossary's chart: the source of what was clicked


def org_anchor(org_id: str) -> str:
    """The glossary entry of an organisation: /glossary#org-<id>."""
    return f"org-{org_id}"


def person_anchor(person_id: str) -> str:
    """The glossary entry of a person: /glossary#person-<id>."""
    return f"person-{person_id}"


# A lesson a teacher builds in the browser (/lesson, assets/lesson.js) and the pages that open one from a link.
LESSON_BUILDER = "lesson-builder"
SHARED_PAGE = "shared-page"  # where /present?shared=1 and /quiz?shared=1 put the lesson their link carries
SHARED_ASK = "shared-ask"  # dcc.Store: which page asks; its clientside callback reads the link's #lesson=
SHARED_LINK = "shared-link"  # dcc.Store: the link's lesson (v1.…), sent to the server to be drawn
