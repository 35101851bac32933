"""Thumbnails for the grid: read from the on-disk JPEG cache off the GUI thread.

The indexer already wrote a small JPEG per photo; here they are decoded (``QImage`` is
safe to use on any thread), scaled to the grid's cell size and kept in a bounded LRU of
``QPixmap``s (made on the GUI thread). Requests are served newest first: the cells the
user is looking at now were requested last, and a fast scroll leaves stale requests to
be dropped rather than decoded.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage, QImageReader, QPixmap

#: Pixmaps kept in memory (a 160 px thumbnail is ~100 KB, so this caps at ~120 MB).
CACHE_ITEMS = 1200
#: Requests waiting beyond this are dropped, oldest first (the user scrolled past them).
MAX_PENDING = 600


class _LoaderSignals(QObject):
    loaded = Signal(str, QImage)


class ThumbnailLoader(QObject):
    """Loads and caches thumbnails; emits ``thumbnail_loaded(hash)`` when one is ready."""

    thumbnail_loaded = Signal(str)

    def __init__(self, size: int = 160, threads: int = 2, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.size = size
        self._cache: OrderedDict[str, QPixmap] = OrderedDict()
        self._missing: set[str] = set()
        self._stack: OrderedDict[str, Path] = OrderedDict()
        self._lock = threading.Lock()
        self._active = 0
        self._threads = threads
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(threads)
        self._signals = _LoaderSignals()
        self._signals.loaded.connect(self._on_loaded)

    def set_size(self, size: int) -> None:
        """Change the cell size; cached pixmaps are dropped."""
        if size != self.size:
            self.size = size
            self._cache.clear()

    def get(self, photo_hash: str, path: Path | None) -> QPixmap | None:
        """The cached pixmap, or None after queueing a load (``thumbnail_loaded`` follows)."""
        pix = self._cache.get(photo_hash)
        if pix is not None:
            self._cache.move_to_end(photo_hash)
            return pix
        if path is None or photo_hash in self._missing:
            return None
        self.request(photo_hash, path)
        return None

    def request(self, photo_hash: str, path: Path) -> None:
        """Queue a load (newest requests are served first)."""
        with self._lock:
            if photo_hash in self._stack:
                self._stack.move_to_end(photo_hash)
            else:
                self._stack[photo_hash] = path
                while len(self._stack) > MAX_PENDING:
                    self._stack.popitem(last=False)
            start = self._active < self._threads
            if start:
                self._active += 1
        if start:
            self._pool.start(_Drain(self))

    def _next(self) -> tuple[str, Path] | None:
        with self._lock:
            if not self._stack:
                self._active -= 1
                return None
            return self._stack.popitem(last=True)

    def _on_loaded(self, photo_hash: str, image: QImage) -> None:
        if image.isNull():
            self._missing.add(photo_hash)
            return
        self._cache[photo_hash] = QPixmap.fromImage(image)
        while len(self._cache) > CACHE_ITEMS:
            self._cache.popitem(last=False)
        self.thumbnail_loaded.emit(photo_hash)

    def wait(self, msecs: int = 10_000) -> bool:
        """Wait until queued loads are done (tests, shutdown)."""
        return self._pool.waitForDone(msecs)

    def clear(self) -> None:
        """Forget everything cached (e.g. after switching catalogs)."""
        with self._lock:
            self._stack.clear()
        self._cache.clear()
        self._missing.clear()


def load_scaled(path: Path, size: int) -> QImage:
    """Decode an image file scaled to fit ``size``×``size`` (any thread)."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    src = reader.size()
    if src.isValid() and (src.width() > size or src.height() > size):
        reader.setScaledSize(src.scaled(QSize(size, size), Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return image


class _Drain(QRunnable):
    """Pool job: decode queued thumbnails, newest first, until the queue is empty."""

    def __init__(self, loader: ThumbnailLoader) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.loader = loader

    def run(self) -> None:
        while True:
            item = self.loader._next()
            if item is None:
                return
            photo_hash, path = item
            image = load_scaled(path, self.loader.size)
            self.loader._signals.loaded.emit(photo_hash, image)
