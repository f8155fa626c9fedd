"""WSGI entry point for serving a classroom: gunicorn -w 4 timeline.wsgi:server

The collection folder comes from TIMELINE_DATA (default: the bundled AQIM
collection). A broken collection stops the workers at start-up with the list
of problems instead of serving part of the data.
"""

import os

from .app import create_app
from .collection import BUNDLED, load_collection

app = create_app(load_collection(os.environ.get("TIMELINE_DATA", BUNDLED)))
server = app.server
