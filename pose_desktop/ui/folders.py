"""Library folders as the window sees them, and where a folder picker starts."""

from __future__ import annotations

import os

from PySide6.QtCore import QObject, QStandardPaths, QTimer, Signal


def start_folder() -> str:
    """Where "Add folder…" opens: the user's Pictures folder, else their home folder
    (never the program's own folder, the dialog's default)."""
    for location in (QStandardPaths.StandardLocation.PicturesLocation,
                     QStandardPaths.StandardLocation.HomeLocation):
        for path in QStandardPaths.standardLocations(location):
            if path and os.path.isdir(path):
                return path
    return os.path.expanduser("~")


def library_folders(settings, library) -> list[str]:
    """The library's folders: those the catalog knows (the app's and ``pose index``'s)
    and any this computer's settings still list from before the catalog kept them."""
    known = library.photos.library_folders()
    return list(dict.fromkeys([*known, *settings.get("library_folders")]))


class FolderChanges(QObject):
    """Watches the library folders and says, on the GUI thread and a few seconds after the
    last change, which library folder has new, changed, moved or deleted photos."""

    #: A library folder changed (debounced): rescan it.
    folder_changed = Signal(str)
    _seen = Signal(str)  # from watchdog's thread; queued to the GUI thread

    def __init__(self, delay_ms: int = 3000, parent=None) -> None:
        super().__init__(parent)
        from pose_desktop.services import folder_watcher

        self.delay_ms = delay_ms
        self._timers: dict[str, QTimer] = {}
        self._seen.connect(self._debounce)
        self.watcher = folder_watcher(lambda root, _path: self._seen.emit(root))

    stopped = False  # set by stop(): a watch() still running on a worker then undoes itself

    def watch(self, folders: list[str]) -> list[str]:
        """Watch these folders (replacing the previous set); returns those watched. Any
        thread (the window calls it from a worker)."""
        if self.stopped:
            return []
        watched = self.watcher.watch(folders)
        if self.stopped:  # the window closed meanwhile: no watcher thread outlives it
            self.watcher.stop()
            return []
        return watched

    def stop(self) -> None:
        """Stop watching and forget pending changes."""
        self.stopped = True
        self.watcher.stop()
        for t in self._timers.values():
            t.stop()
        self._timers.clear()

    def _debounce(self, root: str) -> None:
        timer = self._timers.get(root)
        if timer is None:
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.setInterval(self.delay_ms)
            timer.timeout.connect(lambda r=root: self.folder_changed.emit(r))
            self._timers[root] = timer
        timer.start()  # restarts: a copy of 500 photos gives one rescan, after it ends
