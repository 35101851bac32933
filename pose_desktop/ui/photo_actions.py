"""What the user does to photos in the main window: view, remove, tag, reveal, find similar,
and the grid's and tag tree's context menus. Mixed into ``MainWindow`` (its strings are
translated in the ``MainWindow`` context); each action is declared here with
``add_action`` (see ``actions.py``)."""

from __future__ import annotations

import logging
import os
import sys
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, QProcess, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QMenu,
    QVBoxLayout,
)

from pose_desktop.services import PhotoFilter

from .actions import Place, add_action
from .detail import PhotoViewer
from .grid import SummaryRole
from .tree_models import FilterRole, TagRole
from .workers import run_task

log = logging.getLogger(__name__)


class PhotoActionsMixin:
    """Photo actions of ``MainWindow`` (expects its widgets and ``library``)."""

    @add_action(
        "open",
        QT_TRANSLATE_NOOP("MainWindow", "View"),
        icon="zoom-in",
        menu=Place("view", 1, 10),
        context=Place("grid", 0, 10),
    )
    def open_viewer(self) -> None:
        """Show the current photo large (Enter/Space); arrows move, Esc closes. A video
        plays in the system's player instead."""
        pid = self.current_photo_id()
        if pid is None:
            return
        shown = self.detail.photo
        current = shown if shown is not None and shown.id == pid else self.library.photos.photo(pid)
        if current is not None and current.media_type == "video":
            self.play_current()
            return
        if self._viewer is None:
            self._viewer = PhotoViewer(self.library, self)
            self._viewer.step_requested.connect(self._viewer_step)
        self._viewer.show_photo(pid)
        self._viewer.showMaximized() if not self._viewer.isVisible() else None

    @add_action(
        "play",
        QT_TRANSLATE_NOOP("MainWindow", "Play"),
        tip=QT_TRANSLATE_NOOP("MainWindow", "Play the video in the system's player"),
        shortcut="Ctrl+Shift+V",
        icon="media-playback-start",
        menu=Place("view", 1, 20),
        context=Place("grid", 0, 0),
        context_when=lambda photo: photo is not None and photo.media_type == "video",
    )
    def play_current(self) -> None:
        """Play the current video (or open the photo) in the system's own player."""
        path = self._current_file(say_missing=True)
        if path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))

    def _current_file(self, *, say_missing: bool = False) -> str | None:
        """The file of the current photo on disk; None when there is none (the status bar
        says so with ``say_missing``)."""
        pid = self.current_photo_id()
        path = self.library.photos.original_path(pid) if pid is not None else None
        if not path and say_missing:
            self.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "The file is not on this computer right now."),
                5000,
            )
        return path

    def _viewer_step(self, delta: int) -> None:
        row = self.grid.currentIndex().row() + delta
        if 0 <= row < self.grid_model.total():
            self.grid_model.row_of(self.grid_model.ids[row])
            self.grid.setCurrentIndex(self.grid_model.index(row))
            if self._viewer is not None:
                self._viewer.show_photo(self.current_photo_id())

    @add_action(
        "remove",
        QT_TRANSLATE_NOOP("MainWindow", "Remove from catalog"),
        tip=QT_TRANSLATE_NOOP("MainWindow", "The files stay where they are"),
        shortcut=Qt.Key.Key_Delete,
        icon="list-remove",
        menu=Place("edit", 0, 40),
        context=Place("grid", 1, 30),
        scope="grid",
    )
    def remove_selected(self) -> None:
        """Remove the selected photos from the catalog (Delete); the files stay."""
        ids = self.grid.selected_ids()
        if not ids:
            return
        self.library.photos.hide_photos(ids)
        self._removed = ids
        self.action_registry.update_enabled()
        row = self.grid.currentIndex().row()
        self.grid_model.set_ids([i for i in self.grid_model.ids if i not in set(ids)])
        if self.grid_model.rowCount():
            self.grid.setCurrentIndex(
                self.grid_model.index(min(max(row, 0), self.grid_model.rowCount() - 1))
            )
        self.say_removed(len(ids))

    def say_removed(self, n: int) -> None:
        """The status line after photos leave the catalog (Delete, the duplicates review)."""
        self.statusBar().showMessage(
            QCoreApplication.translate(
                "MainWindow",
                "Removed %n photo(s) from the catalog; the files are untouched. Ctrl+Z brings them back.",
                "",
                n,
            ),
            8000,
        )
        self.schedule_refresh()

    @add_action(
        "undo_remove",
        QT_TRANSLATE_NOOP("MainWindow", "Undo remove"),
        shortcut=QKeySequence.StandardKey.Undo,
        icon="edit-undo",
        menu=Place("edit", 0, 50),
        enabled_when=lambda window: bool(window._removed),
    )
    def undo_remove(self) -> None:
        if not self._removed:
            return
        self.library.photos.hide_photos(self._removed, hidden=False)
        self._removed = []
        self.action_registry.update_enabled()
        self.refresh_views_async()

    @add_action(
        "add_tag",
        QT_TRANSLATE_NOOP("MainWindow", "Add tag…"),
        shortcut="Ctrl+T",
        menu=Place("edit", 0, 20),
        context=Place("grid", 1, 10),
    )
    def add_tag_to_selection(self) -> None:
        ids = self.grid.selected_ids()
        if not ids:
            return
        n = len(ids)  # pyside6-lupdate skips a translate() whose count is a call: len(ids)
        name, ok = QInputDialog.getText(
            self,
            QCoreApplication.translate("MainWindow", "Add tag"),
            QCoreApplication.translate("MainWindow", "Tag for %n photo(s):", "", n),
        )
        if ok and name.strip():
            self.library.photos.add_user_tag(ids, name)
            self.reload_trees()
            self.detail.show_photo(self.current_photo_id())

    @add_action(
        "set_date",
        QT_TRANSLATE_NOOP("MainWindow", "Set date…"),
        tip=QT_TRANSLATE_NOOP("MainWindow", "Set the date of the selected photos (kept in the catalog, written to XMP)"),
        shortcut="Ctrl+Shift+D",
        menu=Place("edit", 0, 30),
        context=Place("grid", 1, 20),
    )
    def set_date_of_selection(self) -> None:
        """Ask for a date and give it to the selected photos (Ctrl+Shift+D)."""
        ids = self.grid.selected_ids()
        if not ids:
            return
        current = self.library.photos.photo(ids[0])
        dialog = SetDateDialog(len(ids), current.taken_at if current else None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.library.photos.set_date(ids, dialog.value())
            self.reload_trees()

    @add_action(
        "ideas",
        QT_TRANSLATE_NOOP("MainWindow", "Hashtag ideas…"),
        tip=QT_TRANSLATE_NOOP("MainWindow", "Hashtags that fit the selected photos; keep the ones you like"),
        shortcut="Ctrl+H",
        menu=Place("view", 1, 40),
        context=Place("grid", 0, 50),
    )
    def show_ideas_for_selection(self, photo_ids: list[int] | None = None):
        """Hashtag ideas for the selected library photos (context menu, detail panel, Ctrl+H):
        the same window as for dropped photos; ticked hashtags can be kept on them."""
        ids = photo_ids if photo_ids is not None else self.grid.selected_ids()
        if not ids and self.current_photo_id() is not None:
            ids = [self.current_photo_id()]
        if not ids:
            return None
        dialog = self._ideas_dialog()
        dialog.set_photos(ids)
        dialog.show()
        dialog.raise_()
        return dialog

    def _ideas_dialog(self):
        from .drop_panel import DropSuggestionsDialog

        if self.drop_dialog is None:
            self.drop_dialog = DropSuggestionsDialog(self.library, self)
            self.drop_dialog.add_requested.connect(self.add_paths)
            self.drop_dialog.suggestions_ready.connect(lambda _: self._update_device_label())
            self.drop_dialog.hashtags_kept.connect(self._hashtags_kept)
        return self.drop_dialog

    def _hashtags_kept(self, photo_ids: list[int], _names: list[str]) -> None:
        self.reload_trees()
        if self.current_photo_id() in photo_ids:
            self.detail.show_photo(self.current_photo_id())

    @add_action(
        "copy_path",
        QT_TRANSLATE_NOOP("MainWindow", "Copy file path"),
        shortcut="Ctrl+Shift+C",
        menu=Place("edit", 0, 60),
        context=Place("grid", 0, 30),
    )
    def copy_path(self) -> None:
        path = self._current_file()
        if path:
            QGuiApplication.clipboard().setText(path)

    @add_action(
        "show_file",
        QT_TRANSLATE_NOOP("MainWindow", "Show in file manager"),
        shortcut="Ctrl+Shift+R",
        icon="folder",
        menu=Place("view", 1, 50),
        context=Place("grid", 0, 20),
    )
    def show_in_file_manager(self) -> None:
        """Open the folder holding the current photo, with the file selected if possible."""
        path = self._current_file(say_missing=True)
        if path:
            reveal_in_file_manager(path)

    @add_action(
        "similar",
        QT_TRANSLATE_NOOP("MainWindow", "More like this"),
        shortcut="Ctrl+L",
        menu=Place("view", 1, 30),
        context=Place("grid", 0, 40),
    )
    def more_like_this(self) -> None:
        pid = self.current_photo_id()
        if pid is None:
            return

        def done(result) -> None:
            ids = [pid] + [r.photo_id for r in result if r.photo_id != pid]
            self.browser.show_ids(
                ids, QCoreApplication.translate("MainWindow", "Like the selected photo")
            )

        run_task(
            self.library.pictures.similar,
            pid,
            owner=self,
            on_done=done,
            on_error=self._job_error(QCoreApplication.translate("MainWindow", "More like this")),
        )

    def set_thumbnail_size(self, size: int) -> None:
        size = max(96, min(320, size))
        self.thumbs.set_size(size)
        self.grid.set_cell(size)
        self.settings.set("thumbnail_size", size)

    @add_action(
        "bigger",
        QT_TRANSLATE_NOOP("MainWindow", "Bigger thumbnails"),
        shortcut=QKeySequence.StandardKey.ZoomIn,
        menu=Place("view", 2, 10),
    )
    def bigger_thumbnails(self) -> None:
        """Grid cells one step larger (Ctrl++)."""
        self.set_thumbnail_size(self.thumbs.size + 32)

    @add_action(
        "smaller",
        QT_TRANSLATE_NOOP("MainWindow", "Smaller thumbnails"),
        shortcut=QKeySequence.StandardKey.ZoomOut,
        menu=Place("view", 2, 20),
    )
    def smaller_thumbnails(self) -> None:
        """Grid cells one step smaller (Ctrl+-)."""
        self.set_thumbnail_size(self.thumbs.size - 32)

    def _grid_menu(self, pos) -> None:
        if not self.grid.indexAt(pos).isValid():
            return
        menu = QMenu(self)
        self.action_registry.fill(menu, "grid", item=self.grid.indexAt(pos).data(SummaryRole))
        menu.exec(self.grid.viewport().mapToGlobal(pos))

    def _tag_menu(self, pos) -> None:
        idx = self.tag_view.indexAt(pos)
        tag = self.tag_model.data(idx, TagRole) if idx.isValid() else None
        if not tag:
            return
        kind, name = tag
        menu = QMenu(self)
        menu.addAction(
            QCoreApplication.translate("MainWindow", "Show photos"),
            lambda: self.tag_view.setCurrentIndex(idx),
        )
        if kind == "hashtag":
            menu.addAction(
                QCoreApplication.translate("MainWindow", "Merge into another hashtag…"),
                lambda: self._merge_hashtag(name),
            )
        if kind == "user":
            menu.addAction(
                QCoreApplication.translate("MainWindow", "Remove this tag from all photos"),
                lambda: self._remove_user_tag(name),
            )
        if kind == "flag":
            ids = list(self.tag_model.data(idx, FilterRole).photo_ids or ())
            menu.addAction(
                QCoreApplication.translate("MainWindow", "#%1 is fine for these photos").replace(
                    "%1", name
                ),
                lambda: self._dismiss_flags(ids, name),
            )
        menu.exec(self.tag_view.viewport().mapToGlobal(pos))

    def _merge_hashtag(self, name: str) -> None:
        target, ok = QInputDialog.getText(
            self,
            QCoreApplication.translate("MainWindow", "Merge hashtag"),
            QCoreApplication.translate("MainWindow", "Fold #%1 into which hashtag?").replace(
                "%1", name
            ),
        )
        if ok and target.strip():
            self.library.photos.merge_hashtags(name, target.strip().lstrip("#"))
            self.reload_trees()

    def _dismiss_flags(self, photo_ids: list[int], hashtag: str) -> None:
        for pid in photo_ids:
            self.library.pictures.dismiss_flag(pid, hashtag)
        self.reload_trees()

    def _remove_user_tag(self, name: str) -> None:
        ids = self.library.photos.photo_ids(PhotoFilter(tag_kind="user", tag_name=name))
        self.library.photos.remove_tag(ids, "user", name)
        self.reload_trees()


def reveal_in_file_manager(path: str) -> None:
    """Open the system file manager at ``path`` (selecting the file where supported)."""
    if sys.platform == "darwin":
        QProcess.startDetached("open", ["-R", path])
        return
    if sys.platform.startswith("win"):
        QProcess.startDetached("explorer", ["/select,", os.path.normpath(path)])
        return
    # freedesktop: ask the file manager over D-Bus to select the item; else open the folder.
    uri = QUrl.fromLocalFile(path).toString()
    ok = (
        QProcess.startDetached(
            "dbus-send",
            [
                "--session",
                "--dest=org.freedesktop.FileManager1",
                "--type=method_call",
                "/org/freedesktop/FileManager1",
                "org.freedesktop.FileManager1.ShowItems",
                f"array:string:{uri}",
                "string:",
            ],
        )[0]
        if _has("dbus-send")
        else False
    )
    if not ok:
        QDesktopServices.openUrl(QUrl.fromLocalFile(os.path.dirname(path)))


def _has(program: str) -> bool:
    import shutil

    return shutil.which(program) is not None


class SetDateDialog(QDialog):
    """A date and time for ``n`` photos, starting from ``taken_at`` (ISO) or now."""

    def __init__(self, n: int, taken_at: str | None, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("MainWindow", "Set date"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(QCoreApplication.translate(
            "MainWindow", "Date and time of %n photo(s):", "", n)))
        self.edit = QDateTimeEdit(self)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd HH:mm:ss")
        start = QDateTime.fromString((taken_at or "")[:19], "yyyy-MM-ddTHH:mm:ss")
        self.edit.setDateTime(start if start.isValid() else QDateTime.currentDateTime())
        layout.addWidget(self.edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def value(self) -> datetime:
        """The chosen date and time."""
        return datetime.fromisoformat(self.edit.dateTime().toString("yyyy-MM-ddTHH:mm:ss"))
