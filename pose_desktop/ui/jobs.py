"""Background jobs of the main window (adding folders, dropped files, analysis, Instagram
import), and the dialogs that start them. Mixed into ``MainWindow`` (its strings are
translated in the ``MainWindow`` context); each action is declared here with
``add_action`` (see ``actions.py``)."""

from __future__ import annotations

import functools
import logging
import os

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog

from pose_desktop.services import IndexEvent

from .actions import Place, add_action
from .folders import FolderChanges, library_folders, start_folder
from .problems import Problem
from .task_bar import TaskProgressWidget
from .workers import GeneratorWorker, run_task

log = logging.getLogger(__name__)


class JobsMixin:
    """Job running of ``MainWindow`` (expects its widgets, ``library`` and ``settings``)."""

    # background jobs ----------------------------------------------------------------------
    def run_job(self, title: str, make_events, on_finished=None, on_cancel=None) -> GeneratorWorker:
        """Run a core generator as a job with progress, ETA and Cancel in the status bar.

        ``on_cancel`` is also called (on the GUI thread) when the user cancels: for work
        that may sit in a long wait between progress events (Instagram's rate limit).
        The same job (same title) is never started twice at once."""
        for running in self.workers:
            if running.title == title and running.running:
                self.statusBar().showMessage(
                    QCoreApplication.translate("MainWindow", "%1 is already running.").replace(
                        "%1", title
                    ),
                    5000,
                )
                return running
        worker = GeneratorWorker(make_events, title, self, on_cancel=on_cancel)
        widget = TaskProgressWidget(worker, title)
        self.tasks_layout.addWidget(widget)
        self.workers.append(worker)

        def progressed(_ev) -> None:
            # New photos (indexing) and new tags (analysis) show up while the job runs;
            # the timer folds the many events into one refresh every couple of seconds.
            self.schedule_refresh()

        def ended(outcome: str, message: str = "") -> None:
            widget.setParent(None)
            widget.deleteLater()
            if worker in self.workers:
                self.workers.remove(worker)
            if outcome == "failed":
                self._job_failed(title, message)
                self.problems_dock.show()
            elif outcome == "cancelled":
                text = QCoreApplication.translate(
                    "MainWindow", "%1 stopped; what was finished is kept."
                ).replace("%1", title)
                if worker.cancel_reason:  # it stopped itself (e.g. a login prompt was cancelled)
                    text = f"{title} — {worker.cancel_reason}"
                self.statusBar().showMessage(text, 8000)
            else:
                self.statusBar().showMessage(
                    QCoreApplication.translate("MainWindow", "%1 finished.").replace("%1", title),
                    5000,
                )
            self.refresh_views_async()
            self.people_view.reload()
            self._update_device_label()  # a job may have loaded the models
            self.browser.show_tag_hint()
            self.job_ended.emit(title, outcome)

        worker.progressed.connect(progressed)
        worker.finished.connect(lambda ev: (ended("finished"), on_finished and on_finished(ev)))
        worker.failed.connect(lambda msg: ended("failed", msg))
        worker.cancelled.connect(lambda: ended("cancelled"))
        worker.start()
        self.browser.show_tag_hint()  # "Analysing your photos…" in the Tags tab
        return worker

    def _job_failed(self, title: str, message: str) -> None:
        """A job or a task failed: a row in Problems and a word in the status bar."""
        self.problems.model.add(Problem("error", title, message))
        self.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "%1 failed; see Problems.").replace("%1", title),
            8000,
        )

    def _job_error(self, title: str):
        """An ``on_error`` for ``run_task``: ``_job_failed`` under ``title``."""
        return functools.partial(self._job_failed, title)

    @add_action(
        "add_folder",
        QT_TRANSLATE_NOOP("MainWindow", "Add folder…"),
        tip=QT_TRANSLATE_NOOP("MainWindow", "Index a folder of photos (it is never changed)"),
        shortcut=QKeySequence.StandardKey.Open,
        icon="folder-open",
        menu=Place("file", 0, 10),
        toolbar=Place("toolbar", 0, 10),
    )
    def add_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, QCoreApplication.translate("MainWindow", "Add a folder of photos"), start_folder()
        )
        if folder:
            self.add_folder(folder)

    def add_folder(self, folder: str) -> GeneratorWorker:
        """Index ``folder`` in the background; the catalog remembers it as a library folder
        (watched, rescanned at start). New photos are then analysed, unless the user
        turned that off."""
        name = os.path.basename(folder.rstrip(os.sep)) or folder
        worker = self.run_job(
            QCoreApplication.translate("MainWindow", "Adding %1").replace("%1", name),
            lambda: self.library.photos.index_folder(folder),
            on_finished=lambda ev: self._after_indexing(ev, name),
        )
        return worker

    _folder_changes: FolderChanges | None = None

    def library_folders(self) -> list[str]:
        """The library's folders (the catalog's, and older ones kept in the settings)."""
        return library_folders(self.settings, self.library)

    def _after_indexing(self, ev, name: str | None = None) -> None:
        if isinstance(ev, IndexEvent) and ev.failed:
            # "finished" alone would hide that something was left out: say what and where
            n = ev.failed  # (pyside6-lupdate reads a plain name as the count, not ev.failed)
            text = QCoreApplication.translate(
                "MainWindow", "%1: %n file(s) or folder(s) could not be read; see Problems.", "", n
            ).replace("%1", name or QCoreApplication.translate("MainWindow", "Adding photos"))
            self.statusBar().showMessage(text, 15000)
        elif isinstance(ev, IndexEvent) and ev.found_nothing:  # "finished" alone: a wrong folder?
            text = QCoreApplication.translate(
                "MainWindow", "%1: no photos or videos in this folder or its subfolders."
            ).replace("%1", name or QCoreApplication.translate("MainWindow", "Adding photos"))
            self.statusBar().showMessage(text, 15000)
        if self._folder_changes is not None:  # a folder just added is watched from now on
            self._watch_in_background(self.library_folders())
        new = ev.added + ev.updated if isinstance(ev, IndexEvent) else 0
        if new and self.settings.get("analyse_automatically"):
            self.start_analysis()

    @add_action(
        "rescan",
        QT_TRANSLATE_NOOP("MainWindow", "Check library folders for changes"),
        tip=QT_TRANSLATE_NOOP("MainWindow", "Index new and changed photos in your library folders (F5)"),
        shortcut=QKeySequence.StandardKey.Refresh,
        icon="view-refresh",
        menu=Place("file", 0, 20),
    )
    def rescan_folders(self) -> list[GeneratorWorker]:
        """Index the library folders again: new and changed files only (F5)."""
        return [self.add_folder(f) for f in self.library_folders() if os.path.isdir(f)]

    def start_watching(self) -> list[str]:
        """Watch the library folders (a change is indexed a few seconds later) and rescan
        them once now, for what changed while the app was closed. Returns the folders
        watched ([] when the user turned watching off or the catalog is read-only)."""
        if not self.settings.get("watch_folders") or self.library.readonly:
            return []
        if self._folder_changes is None:
            self._folder_changes = FolderChanges(parent=self)
            self._folder_changes.folder_changed.connect(self.add_folder)
        self._folder_changes.stopped = False
        folders = [f for f in self.library_folders() if os.path.isdir(f)]
        self._watch_in_background(folders)
        self.rescan_folders()
        return sorted({os.path.abspath(f) for f in folders})

    def _watch_in_background(self, folders: list[str]) -> None:
        """Watch ``folders`` from a worker: setting the watches up walks every folder under
        them (one inotify watch each), which takes a visible moment for a library of
        thousands of folders (0.15 s for 2,000 on a busy machine): not on the GUI thread."""
        run_task(self._folder_changes.watch, folders, owner=self,
                 on_error=lambda message: log.warning("cannot watch the library folders: %s", message))

    def stop_watching(self) -> None:
        """Stop watching the library folders (the window closes)."""
        if self._folder_changes is not None:
            self._folder_changes.stop()

    def add_paths(self, paths: list[str], hashtags: list[str] | None = None) -> GeneratorWorker:
        """Index dropped files (and folders) in the background; ``hashtags`` (ticked in the
        ideas window) are then kept on them as the user's own."""

        def finished(ev) -> None:
            if hashtags:
                ids = [i for i in (self.library.photos.resolve(p) for p in paths) if i is not None]
                if ids:
                    self.library.photos.keep_hashtags(ids, hashtags)
                    self.reload_trees()
            self._after_indexing(ev, QCoreApplication.translate("MainWindow", "Adding dropped photos"))

        return self.run_job(
            QCoreApplication.translate("MainWindow", "Adding dropped photos"),
            lambda: self.library.photos.index_paths(paths),
            on_finished=finished,
        )

    @add_action(
        "analyse",
        QT_TRANSLATE_NOOP("MainWindow", "Analyse"),
        tip=QT_TRANSLATE_NOOP("MainWindow", "Find people, scenes and clothing in the photos"),
        shortcut="Ctrl+Shift+A",
        icon="system-run",
        menu=Place("tools", 0, 10),
        toolbar=Place("toolbar", 0, 30),
    )
    def start_analysis(self, retry_errors: bool = False) -> GeneratorWorker | None:
        """Run the models over photos that have no current results (background job), and
        over those they failed on whose file changed since (Problems lists them; a file
        fixed leaves the list). ``retry_errors`` (Problems' Try again): every failed one."""
        device = self.settings.get("device")

        def events():
            return self.library.analysis.analyze(device=device, retry_errors=retry_errors)

        def refresh_flags(ev) -> None:  # new scene tags may (un)support hashtags
            if ev is None or not getattr(ev, "total", 0):  # "… finished." alone: did it run?
                self.statusBar().showMessage(QCoreApplication.translate(
                    "MainWindow", "Nothing to analyse: every photo has been analysed already.")
                    if not self.problems.model.not_analysed_count() else QCoreApplication.translate(
                    "MainWindow", "Nothing new to analyse. The photos the models could not analyse "
                    "are tried again when their file changes; Problems → Try again tries them now."),
                    8000)
            run_task(
                self.library.pictures.flags,
                refresh=True,
                owner=self,
                on_done=lambda _: self.refresh_views_async(),
                on_error=self._job_error(
                    QCoreApplication.translate("MainWindow", "Checking hashtags")
                ),
            )

        return self.run_job(
            QCoreApplication.translate("MainWindow", "Analysing photos"),
            events,
            on_finished=refresh_flags,
        )

    @add_action(
        "duplicates",
        QT_TRANSLATE_NOOP("MainWindow", "Find duplicates…"),
        tip=QT_TRANSLATE_NOOP("MainWindow", "Copies of one shot side by side: keep one (files are never deleted)"),
        icon="edit-copy",
        menu=Place("tools", 0, 20),
    )
    def open_duplicates(self):
        """The duplicates review (Tools menu): copies side by side, keep one, the others
        leave the catalog (Ctrl+Z brings them back; files are never deleted)."""
        from .duplicates_dialog import DuplicatesDialog

        dialog = DuplicatesDialog(self.library, self)
        dialog.photos_removed.connect(self._duplicates_removed)
        dialog.show()
        dialog.find()
        return dialog

    def _duplicates_removed(self, ids: list[int]) -> None:
        self._removed = list(self._removed) + list(ids)
        self.action_registry.update_enabled()
        self.say_removed(len(ids))

    @add_action(
        "instagram",
        QT_TRANSLATE_NOOP("MainWindow", "Instagram…"),
        tip=QT_TRANSLATE_NOOP("MainWindow", "Import your posts from Instagram"),
        shortcut="Ctrl+I",
        icon="document-import",
        menu=Place("file", 0, 30),
        toolbar=Place("toolbar", 0, 20),
    )
    def open_import_dialog(self) -> None:
        from .import_dialog import InstagramImportDialog

        dialog = InstagramImportDialog(self.library, self)
        if dialog.exec() and dialog.job is not None:
            title, make_events, on_cancel = dialog.job
            self.run_job(title, make_events, on_cancel=on_cancel)

    @add_action(
        "settings",
        QT_TRANSLATE_NOOP("MainWindow", "Settings…"),
        tip=QT_TRANSLATE_NOOP("MainWindow", "Settings"),
        shortcut=(QKeySequence.StandardKey.Preferences, "Ctrl+,"),
        icon="preferences-system",
        menu=Place("file", 1, 10),
        toolbar=Place("toolbar", 2, 10),
    )
    def open_settings(self) -> None:
        from .settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.library, self)
        dialog.language_changed.connect(self.set_language)
        dialog.theme_changed.connect(self.apply_theme)
        dialog.index_requested.connect(self.add_folder)
        dialog.exec()
        self._update_device_label()

    def apply_theme(self, theme: str) -> None:
        from .theme import apply_theme

        self.settings.set("theme", theme)
        apply_theme(QApplication.instance(), theme)
        self.grid.viewport().update()

    def _update_problem_button(self, errors: int, warnings: int) -> None:
        n = errors + warnings
        self.problems_button.setVisible(n > 0)
        self.problems_button.setText(
            QCoreApplication.translate("MainWindow", "⚠ %n problem(s)", "", n)
        )

    def _update_device_label(self) -> None:
        try:
            text = self.library.analysis.device_info()
        except Exception:  # no usable provider: say nothing rather than fail the window
            text = ""
        self.device_label.setText(
            QCoreApplication.translate("MainWindow", "Models run on %1").replace("%1", text)
            if text
            else ""
        )
        self.device_label.setVisible(bool(text))

    @add_action("about", QT_TRANSLATE_NOOP("MainWindow", "About pose"), menu=Place("help", 0, 10))
    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from pose_desktop import __version__
        from pose_desktop.paths import log_dir

        QMessageBox.about(
            self,
            QCoreApplication.translate("MainWindow", "About pose"),
            QCoreApplication.translate(
                "MainWindow",
                "pose %1 — a photo library that stays on your computer.\nCatalog: %2\nLog: %3",
            )
            .replace("%1", __version__)
            .replace("%2", str(self.library.path))
            .replace("%3", str(log_dir())),
        )
