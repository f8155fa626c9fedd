"""Which collection a request is about: one loaded at start-up, or the file this browser tab dropped.

Every page carries its collection's key (`?collection=` in the URL, a store in
the page), and every callback resolves it here. What a page derives from a
collection (search text, passages, slide maps) is built once per collection.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from timeline.load.collection import Collection
from timeline.load.passages import Passages, quote_passages
from timeline.web import upload

T = TypeVar("T")

UPLOADS_KEPT = 4
PAGES_KEPT = 32  # per collection  # parsed uploads kept in server memory; the browser holds the file, so a miss only costs a re-read


class NoUpload(LookupError):
    """The URL asks for an uploaded file, but this browser tab holds none."""


class UnknownCollection(LookupError):
    """The URL names a collection this server does not have."""


class PageCache:
    """Pages built from the same URL are the same page: the last few are kept, ready to send.

    A page is a pure function of its collection and URL, and building the explorer's
    (figures, list, source text) is most of a first visit's server time.
    """

    def __init__(self, size: int = PAGES_KEPT):
        self._pages: OrderedDict[tuple, object] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: tuple, build: Callable[[], object]) -> object:
        with self._lock:
            if key in self._pages:
                self._pages.move_to_end(key)
                return self._pages[key]
        page = build()
        with self._lock:
            self._pages[key] = page
            while len(self._pages) > self._size:
                self._pages.popitem(last=False)
        return page


@dataclass(frozen=True)
class Served:
    key: str
    url_key: str | None  # None for the default collection, so its URLs stay plain
    collection: Collection
    passages: Passages
    upload: upload.Uploaded | None = None
    pages: PageCache = field(default_factory=PageCache, compare=False)
    _derived: dict = field(default_factory=dict, compare=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)

    @classmethod
    def build(cls, key: str, url_key: str | None, collection: Collection, uploaded=None) -> Served:
        return cls(key, url_key, collection, quote_passages(collection), uploaded)

    def derive(self, builder: Callable[[Served], T]) -> T:
        """What a page derives from this collection (`builder(self)`), built once and kept.

        Each page asks for its own data (ExploreData.of, PresentPage.of), so the registry knows no page.
        """
        with self._lock:
            if builder not in self._derived:
                self._derived[builder] = builder(self)
            return self._derived[builder]


class Registry:
    def __init__(self, collections: dict[str, Collection]):
        if not collections:
            raise ValueError("no collection to serve")
        self.default = next(iter(collections))
        self._served = {
            key: Served.build(key, None if key == self.default else key, collection)
            for key, collection in collections.items()
        }
        self._uploads: OrderedDict[tuple, Served] = OrderedDict()
        self._lock = threading.Lock()

    def choices(self) -> list[tuple[str | None, str]]:
        """(url key, title) of each collection loaded at start-up, the default first."""
        return [(served.url_key, served.collection.title) for served in self._served.values()]

    def get(self, key: str | None, uploaded: dict | None = None) -> Served:
        """The collection `key` names (the default when empty); NoUpload or UnknownCollection otherwise."""
        if not key:
            return self._served[self.default]
        if key == upload.KEY:
            if not uploaded or not uploaded.get("text"):
                raise NoUpload(key)
            return self.read_upload(uploaded["name"], uploaded["text"].encode("utf-8"), uploaded.get("base"))
        try:
            return self._served[key]
        except KeyError:
            raise UnknownCollection(key) from None

    def read_upload(self, name: str, raw: bytes, base: str | None) -> Served:
        """An uploaded file as a collection, from the cache when this file was read before; CollectionError if bad."""
        base_served = self._served.get(base or "") or self._served[self.default]
        cache_key = (name, hashlib.sha256(raw).hexdigest(), base_served.key)
        with self._lock:
            if cache_key in self._uploads:
                self._uploads.move_to_end(cache_key)
                return self._uploads[cache_key]
        uploaded = upload.read_upload(name, raw, base_served.collection)
        served = Served.build(upload.KEY, upload.KEY, uploaded.collection, uploaded)
        with self._lock:
            self._uploads[cache_key] = served
            while len(self._uploads) > UPLOADS_KEPT:
                self._uploads.popitem(last=False)
        return served
