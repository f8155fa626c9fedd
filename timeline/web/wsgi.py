"""WSGI entry point for serving a classroom: gunicorn -w 4 timeline.web.wsgi:server

The collection folder (or folder of collections) comes from TIMELINE_DATA (default: the bundled AQIM
collection). A broken collection stops the workers at start-up with the list
of problems instead of serving part of the data.
"""

import os

from timeline.load.collection import BUNDLED
from timeline.load.library import load_library
from timeline.web.app import create_app
from timeline.web.workers import share_with_workers, warm

app = create_app(load_library(os.environ.get("TIMELINE_DATA", BUNDLED)))
server = app.server
# Under `gunicorn --preload` this runs once, before the workers fork, and they share the collection
# and the pages and figures its first readers would otherwise build in each worker.
warm(server)
share_with_workers()
