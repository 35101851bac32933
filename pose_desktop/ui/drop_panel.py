"""Hashtag ideas for photos dropped on the window, or chosen in the library.

Dropped files (or library photos) go to the library's suggestion service on a worker; the
ranked hashtags come back with the reason for each, ticked by default for the confident
ones. "Copy as text" puts ``#강아지 #산책 …`` on the clipboard. For dropped files "Add to
library" indexes them and keeps the ticked hashtags on them; for library photos "Keep
ticked hashtags" adds them at once. Kept hashtags are the user's own: in the hashtag tree,
found by search.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, Qt, Signal
from PySide6.QtGui import QGuiApplication, QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from pose_desktop.services import Library, SuggestionInfo, SuggestResult, shown_percent

from . import i18n
from .i18n import Retranslates
from .thumbnails import load_scaled
from .workers import run_task

_ROOT = QModelIndex()  # the invisible root index (default argument of the model API)

IMAGE_SUFFIXES = {
    ".jpg",
    ".jpeg",
    ".jpe",
    ".png",
    ".webp",
    ".heic",
    ".heif",
    ".gif",
    ".tif",
    ".tiff",
    ".bmp",
}
STRIP_MAX = 8
#: Ideas at least this likely (the hashtag scores are calibrated probabilities) are ticked
#: for the user. At 0.15, a portrait came with #운동 27 % and #음식 16 % ticked: one click on
#: Copy put hashtags on the post that were more likely wrong than right.
TICK_FROM = 0.4


@dataclass
class SuggestionRow:
    """One suggested hashtag as the panel shows it."""

    tag: str
    english: str
    score: float
    reason: str
    checked: bool
    photos: int = 1  # how many of the dropped photos it fits
    of: int = 1  # how many photos were dropped
    rank: float = 0.0  # mean score over all dropped photos (the sort key)
    reasons: list = field(default_factory=list)  # the reasons as data (shown in the UI's language)


def to_row(s: SuggestionInfo, checked: bool) -> SuggestionRow:
    """One suggestion of the pictures service as a row."""
    return SuggestionRow(
        s.tag.lstrip("#"), s.english or "", float(s.score), s.because, checked,
        reasons=list(s.reasons),
    )


def merge_results(results: list[SuggestResult]) -> list[SuggestionRow]:
    """One ranked list from per-file results (``SuggestResult``): a hashtag that fits
    several dropped photos ranks above one that fits a single photo very well."""
    files = [r for r in results if not r.error]
    n = max(1, len(files))
    merged: dict[str, tuple[float, int, SuggestionRow]] = {}
    for r in files:
        for s in r.suggestions:
            row = to_row(s, False)
            total, hits, best = merged.get(row.tag, (0.0, 0, row))
            if row.score > best.score:
                best = row
            merged[row.tag] = (total + row.score, hits + 1, best)
    rows = []
    for tag, (total, hits, best) in merged.items():
        rows.append(
            SuggestionRow(tag, best.english, best.score, best.reason, False, hits, n, total / n,
                          best.reasons)
        )
    rows.sort(key=lambda r: (-r.rank, -r.score, r.tag))
    return rows


def split_dropped(paths: list[str]) -> tuple[list[str], list[str]]:
    """(image files, files left out) among dropped paths: folders are searched one level
    deep; a dropped file whose name is not a photo's is left out (and named to the user),
    files inside a dropped folder that are not photos are passed over quietly."""
    out: list[str] = []
    skipped: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            try:
                names = sorted(os.listdir(p))
            except OSError:
                continue
            out.extend(
                os.path.join(p, n)
                for n in names
                if os.path.splitext(n)[1].lower() in IMAGE_SUFFIXES
            )
        elif os.path.splitext(p)[1].lower() in IMAGE_SUFFIXES and os.path.isfile(p):
            out.append(p)
        else:
            skipped.append(p)
    return out, skipped


def _names(paths: list[str], most: int = 3) -> str:
    """File names (not whole paths) for a message: the first few, then "…"."""
    names = [os.path.basename(p.rstrip("/")) or p for p in paths]
    return ", ".join(names[:most]) + (", …" if len(names) > most else "")


class SuggestionModel(QAbstractTableModel):
    """Checkable table: hashtag, English, confidence, why."""

    COLUMNS = 5

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[SuggestionRow] = []
        self.headers = ("", "", "", "", "")
        # (reasons as data, language) -> text: the reasons in the language in force
        self.render: Callable[[list, str], str] | None = None

    def why(self, r: SuggestionRow) -> str:
        """A row's reasons in the interface language."""
        if r.reasons and self.render is not None:
            return self.render(r.reasons, i18n.current_language())
        return r.reason

    def set_rows(self, rows: list[SuggestionRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def checked_tags(self) -> list[str]:
        return [r.tag for r in self.rows if r.checked]

    def set_all(self, checked: bool) -> None:
        for r in self.rows:
            r.checked = checked
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 0))

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=_ROOT) -> int:
        return self.COLUMNS

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                f"#{r.tag}",
                r.english,
                f"{QLocale().toString(shown_percent(r.score))}%",
                f"{r.photos} / {r.of}",
                self.why(r),
            )[col]
        if role == Qt.ItemDataRole.CheckStateRole and col == 0:
            return Qt.CheckState.Checked if r.checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.why(r)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if index.isValid() and role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
            self.rows[index.row()].checked = Qt.CheckState(value) == Qt.CheckState.Checked
            self.dataChanged.emit(index, index, [role])
            return True
        return False

    def flags(self, index):
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0:
            f |= Qt.ItemFlag.ItemIsUserCheckable
        return f

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None


class DropSuggestionsDialog(Retranslates, QDialog):
    """The suggestions panel for a set of dropped files (non-modal)."""

    #: The user asked to add these files to the library, with these ticked hashtags.
    add_requested = Signal(list, list)
    #: Ticked hashtags were kept on these library photos.
    hashtags_kept = Signal(list, list)
    #: Suggestions arrived (number of rows) or failed (-1).
    suggestions_ready = Signal(int)

    def __init__(self, library: Library, parent=None) -> None:
        super().__init__(parent)
        self.library = library
        self.paths: list[str] = []
        self.photo_ids: list[int] = []  # library photos (instead of dropped files)
        self._task = None
        self._status_key = "idle"
        self._error = ""
        self.skipped: list[str] = []  # dropped files that are not photos
        self.unreadable: list[str] = []  # photos that could not be read
        self.setObjectName("dropSuggestions")
        self.resize(720, 560)
        self.heading = QLabel()
        self.heading.setObjectName("panelTitle")
        self.strip = QHBoxLayout()
        self.strip.setSpacing(6)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.model = SuggestionModel(self)
        self.model.render = library.pictures.reason_text
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        h = self.view.horizontalHeader()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        h.setStretchLastSection(True)
        self.all_button = QPushButton()
        self.none_button = QPushButton()
        self.copy_button = QPushButton()
        self.copy_button.setDefault(True)
        self.add_button = QPushButton()
        self.close_button = QPushButton()
        self.all_button.clicked.connect(lambda: self.model.set_all(True))
        self.none_button.clicked.connect(lambda: self.model.set_all(False))
        self.copy_button.clicked.connect(self.copy_as_text)
        self.add_button.clicked.connect(self._add_or_keep)
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.all_button)
        buttons.addWidget(self.none_button)
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.close_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addLayout(self.strip)
        lay.addWidget(self.status)
        lay.addWidget(self.view, 1)
        lay.addLayout(buttons)
        self.retranslate()

    # language ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Hashtag ideas"))
        self.model.headers = (
            self.tr("Hashtag"),
            self.tr("English"),
            self.tr("Confidence"),
            self.tr("Photos"),
            self.tr("Why"),
        )
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 4)
        if self.model.rows:  # the reasons, in the language now in force
            self.model.dataChanged.emit(self.model.index(0, 4), self.model.index(len(self.model.rows) - 1, 4))
        self.all_button.setText(self.tr("Select all"))
        self.none_button.setText(self.tr("Select none"))
        self.copy_button.setText(self.tr("Copy as text"))
        self.copy_button.setToolTip(self.tr("Copy the ticked hashtags, ready to paste into a post"))
        if self.photo_ids:
            self.add_button.setText(self.tr("Keep ticked hashtags"))
            self.add_button.setToolTip(self.tr("Add the ticked hashtags to these photos"))
        else:
            self.add_button.setText(self.tr("Add to library"))
            self.add_button.setToolTip(
                self.tr("Index these photos, with the ticked hashtags as your own")
            )
        self.close_button.setText(self.tr("Close"))
        n = len(self.photo_ids or self.readable_paths() or self.paths)
        self.heading.setText(self.tr("Hashtag ideas for %n photo(s)", "", n))
        self._show_status()

    def _show_status(self) -> None:
        text = {
            "idle": "",
            "working": self.tr("Looking at the photos…"),
            "none": self.tr(
                "No idea for these photos yet. Add them to the library and run "
                "Analyse; suggestions learn from the hashtags you use."
            ),
            "no_images": self.tr("None of the dropped files is a photo we can read."),
            "unreadable": self.tr(
                "None of these photos could be read: the files are damaged or are not "
                "images. Open them in an image viewer to check, or drop other photos."
            ),
            "error": self.tr("Could not suggest hashtags: %1").replace("%1", self._error),
            "ready": self.tr("Tick the hashtags you like, then Copy as text.")
            if not self.photo_ids
            else self.tr(
                "Tick the hashtags you like, then Keep ticked hashtags (they become your own, "
                "searchable) or Copy as text."
            ),
        }[self._status_key]
        notes = []
        if self.unreadable and self._status_key != "unreadable":
            notes.append(self.tr("Could not read %n file(s) (damaged, or not an image): %1", "",
                                 len(self.unreadable)).replace("%1", _names(self.unreadable)))
        elif self.unreadable:
            notes.append(_names(self.unreadable))
        if self.skipped:
            notes.append(self.tr("Left out, not photos: %1").replace("%1", _names(self.skipped)))
        text = "\n".join(x for x in [text, *notes] if x)
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _set_status(self, key: str) -> None:
        self._status_key = key
        self._show_status()

    # content ----------------------------------------------------------------------------
    def set_photos(self, photo_ids: list[int]) -> None:
        """Show suggestions for library photos (from what the analysis stored; hashtags
        they already have are not suggested again)."""
        if self._task is not None:
            self._task.discard()
        self.photo_ids = list(photo_ids)
        self.paths = []
        self.skipped, self.unreadable = [], []
        self.model.set_rows([])
        self._fill_strip()
        self.retranslate()
        self.add_button.setEnabled(bool(self.photo_ids))
        self.copy_button.setEnabled(False)
        suggest = self.library.pictures.suggest_for_photo
        if not self.photo_ids:
            self._set_status("no_images")
            self.suggestions_ready.emit(-1)
            return
        self._set_status("working")
        ids = list(self.photo_ids)
        self._task = run_task(
            lambda: [suggest(pid) for pid in ids],
            owner=self,
            on_done=self._on_suggestions,
            on_error=self._on_error,
        )

    def readable_paths(self) -> list[str]:
        """The dropped photos, less those that turned out unreadable."""
        bad = set(self.unreadable)
        return [p for p in self.paths if p not in bad]

    def _add_or_keep(self) -> None:
        tags = self.model.checked_tags()
        paths = self.readable_paths()
        if self.photo_ids:
            kept = self.library.photos.keep_hashtags(self.photo_ids, tags) if tags else []
            self.status.setText(
                self.tr("Kept on %n photo(s): %1", "", len(self.photo_ids)).replace(
                    "%1", " ".join(f"#{t}" for t in kept)
                )
            )
            self.status.setVisible(True)
            self.hashtags_kept.emit(list(self.photo_ids), kept)
        else:
            self.add_requested.emit(paths, tags)
            self.status.setText(
                self.tr("Adding %n photo(s) to the library…", "", len(paths))
            )
            self.status.setVisible(True)

    def set_files(self, paths: list[str]) -> None:
        """Show suggestions for these dropped paths (files or folders)."""
        if self._task is not None:
            self._task.discard()
        self.photo_ids = []
        self.paths, self.skipped = split_dropped(paths)
        self.unreadable = []
        self.model.set_rows([])
        self._fill_strip()
        self.retranslate()
        self.add_button.setEnabled(bool(self.paths))  # adding needs no suggestion first
        self.copy_button.setEnabled(False)  # nothing to copy until they come
        if not self.paths:
            self._set_status("no_images")
            self.suggestions_ready.emit(-1)
            return
        self._set_status("working")
        self._task = run_task(
            self.library.pictures.suggest_files,
            list(self.paths),
            owner=self,
            on_done=self._on_suggestions,
            on_error=self._on_error,
        )

    def _on_suggestions(self, results: list[SuggestResult]) -> None:
        rows = merge_results(results or [])
        for i, r in enumerate(rows):
            r.checked = i < 5 and r.rank >= TICK_FROM  # the confident few are ticked for you
        self.model.set_rows(rows)
        failed = [r for r in results or [] if r.error]
        # A damaged file is named in plain words; the decoder's own message is kept for
        # the tooltip (and the log), not shown as the explanation.
        self.unreadable = [r.path for r in failed if r.path] if self.paths else []
        self.status.setToolTip("\n".join(f"{r.path}: {r.error}" for r in failed))
        readable = self.readable_paths()
        self.view.setColumnHidden(3, len(self.photo_ids or readable) < 2)
        if self.unreadable:  # the heading and the strip count the photos the ideas are for
            self._fill_strip()
            self.retranslate()
        self.add_button.setEnabled(bool(self.photo_ids or readable))
        self.copy_button.setEnabled(bool(rows))
        if not rows and failed and len(failed) == len(results):
            if self.paths:
                self._set_status("unreadable")
            else:
                self._error = failed[0].error or ""
                self._set_status("error")
            self.suggestions_ready.emit(-1)
            return
        self._set_status("ready" if rows else "none")
        self.suggestions_ready.emit(len(rows))

    def _on_error(self, message: str) -> None:
        self._error = message
        self._set_status("error")
        self.suggestions_ready.emit(-1)

    def _fill_strip(self) -> None:
        while self.strip.count():
            item = self.strip.takeAt(0)
            if item.widget():
                item.widget().hide()  # gone now, not only when the event loop deletes it
                item.widget().deleteLater()
        paths = self.readable_paths() or self.paths
        shown = [(p, p) for p in paths[:STRIP_MAX]]
        if self.photo_ids:
            shown = [(str(s.thumbnail) if s.thumbnail else "", s.path or "")
                     for s in self.library.photos.summaries(self.photo_ids[:STRIP_MAX])]
        for path, tip in shown:
            label = QLabel()
            label.setFixedSize(84, 84)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setObjectName("stripThumb")
            label.setToolTip(tip)
            image = load_scaled(path, 80) if path else QImage()  # few and small: GUI thread ok
            if image.isNull():
                image = QImage()
            label.setPixmap(QPixmap.fromImage(image))
            self.strip.addWidget(label)
        extra = len(self.photo_ids or paths) - STRIP_MAX
        if extra > 0:
            self.strip.addWidget(QLabel(f"+{extra}"))
        self.strip.addStretch(1)

    def text_to_copy(self) -> str:
        """The ticked hashtags as one line: ``#강아지 #산책``."""
        return " ".join(f"#{t}" for t in self.model.checked_tags())

    def copy_as_text(self) -> None:
        """Put the ticked hashtags on the clipboard."""
        QGuiApplication.clipboard().setText(self.text_to_copy())
        self.status.setText(self.tr("Copied: %1").replace("%1", self.text_to_copy()))
        self.status.setVisible(True)
