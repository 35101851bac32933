"""Watching library folders for new, changed, moved and deleted photos (watchdog).

The watcher only collects which folders changed; what to do about it (an incremental
rescan of the library folder) is the caller's. Its callback runs on watchdog's thread.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

from pose_desktop.ingest.media import MEDIA_EXTENSIONS

log = logging.getLogger(__name__)

#: The files the indexer reads: only their changes start a rescan.
WATCHED_EXTENSIONS = MEDIA_EXTENSIONS
#: The events asked of the system: a file written and closed (a copy or an edit done, not
#: every write of it), created, deleted, moved, and folders. Opening and reading (the
#: indexer reading every photo) are not even reported.
EVENTS = [FileClosedEvent, FileCreatedEvent, FileDeletedEvent, FileMovedEvent,
          DirCreatedEvent, DirDeletedEvent, DirMovedEvent]


def _is_media(path: str) -> bool:
    name = os.path.basename(path)
    return not name.startswith(".") and os.path.splitext(name)[1].lower() in WATCHED_EXTENSIONS


class _Handler(FileSystemEventHandler):
    def __init__(self, root: str, changed: Callable[[str, str], None]) -> None:
        self.root = root
        self.changed = changed

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return  # reading a file is no change (the indexer itself opens them)
        paths = [event.src_path, getattr(event, "dest_path", "") or ""]
        for p in paths:
            p = os.fsdecode(p)
            if p and (event.is_directory or _is_media(p)):
                self.changed(self.root, p)


class FolderWatcher:
    """Watches folders recursively; calls ``on_change(root, path)`` for each change of a
    photo (or a folder) under one of them, from the watcher's own thread."""

    def __init__(self, on_change: Callable[[str, str], None]) -> None:
        self.on_change = on_change
        self._observer = None
        self._watched: dict[str, object] = {}
        self._lock = threading.Lock()

    def watch(self, folders: list[str]) -> list[str]:
        """Watch exactly these folders (those that exist); returns the ones watched."""
        with self._lock:
            if self._observer is None:
                self._observer = Observer()
                self._observer.daemon = True
                self._observer.start()
            wanted = {os.path.abspath(f) for f in folders if os.path.isdir(f)}
            for root in list(self._watched):
                if root not in wanted:
                    self._observer.unschedule(self._watched.pop(root))
            for root in sorted(wanted - set(self._watched)):
                try:
                    self._watched[root] = self._observer.schedule(
                        _Handler(root, self.on_change), root, recursive=True, event_filter=EVENTS)
                except OSError as exc:  # inotify watch limit, permissions
                    log.warning("cannot watch %s: %s", root, exc)
            return sorted(self._watched)

    def stop(self) -> None:
        """Stop watching (joins the watcher thread)."""
        with self._lock:
            if self._observer is not None:
                self._observer.stop()
                self._observer.join(timeout=5)
                self._observer = None
                self._watched.clear()


__all__ = ["FolderWatcher", "WATCHED_EXTENSIONS"]
