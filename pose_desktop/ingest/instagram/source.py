"""The seam every way of bringing posts in plugs into (``PostSource``), and the one engine
that runs any of them (``import_source``).

A source turns what the user gave (a data-export ZIP, an instaloader folder, a profile
name) into posts whose media are files on disk:

- ``check()``: refuse a bad target before anything starts (raises a ``PoseError``);
- ``plan(catalog, ev, cancel)``: find the posts (a profile downloads them first), yielding
  progress on the way; it leaves them in ``items`` and unusable files in ``problems``;
- ``prepare(chunk)``: (records, problems) for a chunk of ``items``, run on a helper thread a
  chunk ahead of the indexer (reading metadata, extracting ZIP members);
- ``size(item)``: how many files an item brings;
- ``close()``: release what ``plan`` opened (always called).

A problem the source met but that should not stop what it found from being imported (a
rate limit half-way through a download) goes in ``deferred``: the engine imports first,
then raises it. ``SOURCES`` in ``ingest/instagram/__init__.py`` lists the sources; the CLI's
``import-*`` commands and the import dialog's choices are made from that list.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from pose_desktop.catalog import store
from pose_desktop.catalog.db import Catalog

from .errors import InstagramError
from .importer import CancelToken, ImportEvent, import_in_chunks, snapshots
from .records import PostRecord


class PostSource:
    """One way posts come in; see the module docstring for the calls the engine makes."""

    name: ClassVar[str] = ""  # `pose import-<name>`
    title: ClassVar[str] = ""  # the choice in the import dialog
    help: ClassVar[str] = ""  # one line for `pose --help`
    target: ClassVar[str] = ""  # what the user gives: `pose import-<name> TARGET`
    target_help: ClassVar[str] = ""
    origin: ClassVar[str] = ""  # how the posts came, as the catalog records it
    first_phase: ClassVar[str] = "reading"

    def __init__(self, path: str | None = None) -> None:
        self.path = path
        self.items: list[Any] = []
        self.problems: list[tuple[str, str]] = []
        self.deferred: InstagramError | None = None

    def start_message(self) -> str:
        return f"Reading {self.path}"

    def check(self) -> None:
        """Refuse a target that cannot work, before anything starts."""

    def plan(self, catalog: Catalog, ev: ImportEvent, cancel: CancelToken) -> Iterator[ImportEvent]:
        """Find the posts: fill ``items`` and ``problems``; yield progress on the way."""
        raise NotImplementedError

    def prepare(self, chunk: list) -> tuple[list[PostRecord], list[tuple[str, str]]]:
        """Records (media on disk) of a chunk of ``items``, and the files they lack."""
        raise NotImplementedError

    def size(self, item: Any) -> int:
        """Files one item brings."""
        raise NotImplementedError

    def close(self) -> None:
        """Release what ``plan`` opened."""


def record_problems(catalog: Catalog, problems: list[tuple[str, str]]) -> None:
    """Note files an import could not use in the catalog's problem list."""
    if problems:
        with catalog.write() as db:
            for path, reason in problems:
                store.record_issue(db, path, reason, "warning")


@snapshots
def import_source(
    catalog: Catalog, source: PostSource, *, thumbs_dir: Path | None = None,
    workers: int | None = None, cancel: CancelToken | None = None,
) -> Iterator[ImportEvent]:
    """Import the posts of ``source``; yields ``ImportEvent``\\ s (the last one has phase
    ``done``). Stop iterating, or set ``cancel``, to cancel: what was linked stays."""
    cancel = cancel or CancelToken()
    source.check()
    start = time.monotonic()
    ev = ImportEvent(source.first_phase, message=source.start_message(), path=source.path)
    yield ev
    try:
        yield from source.plan(catalog, ev, cancel)
        record_problems(catalog, source.problems)
        ev.warnings += len(source.problems)
        yield from import_in_chunks(catalog, source.items, prepare=source.prepare, size=source.size,
                                    source=f"instagram:{source.origin}", progress=ev,
                                    thumbs_dir=thumbs_dir, workers=workers, cancel=cancel)
    finally:
        source.close()
    ev.elapsed = time.monotonic() - start
    if source.deferred is not None:
        source.deferred.imported = ev.posts_added + ev.posts_updated
        raise source.deferred
