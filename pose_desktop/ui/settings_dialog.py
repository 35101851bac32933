"""The settings dialog: library folders, catalog location, device, language, theme."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
)

from pose_desktop.services import Library

from .folders import library_folders, start_folder
from .i18n import Retranslates
from .settings import DEVICES, LANGUAGES, THEMES, Settings

_ROOT = QModelIndex()  # the invisible root index (default argument of the model API)


class FolderListModel(QAbstractListModel):
    """The library folders (a handful of strings)."""

    def __init__(self, folders: list[str], parent=None) -> None:
        super().__init__(parent)
        self.folders = list(folders)

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.folders)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if index.isValid() and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.folders[index.row()]
        return None

    def add(self, folder: str) -> None:
        if folder in self.folders:
            return
        self.beginInsertRows(QModelIndex(), len(self.folders), len(self.folders))
        self.folders.append(folder)
        self.endInsertRows()

    def remove(self, row: int) -> None:
        if 0 <= row < len(self.folders):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.folders[row]
            self.endRemoveRows()


class SettingsDialog(Retranslates, QDialog):
    """Edits ``Settings``; language and theme apply at once, the rest on OK."""

    language_changed = Signal(str)
    theme_changed = Signal(str)
    #: The user asked to index a folder now.
    index_requested = Signal(str)

    def __init__(self, settings: Settings, library: Library | None = None, parent=None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.library = library
        self.setObjectName("settingsDialog")
        self.folders = FolderListModel(library_folders(settings, library), self)
        self.folder_view = QListView()
        self.folder_view.setModel(self.folders)
        self.folder_view.setMaximumHeight(120)
        self.add_folder = QPushButton()
        self.remove_folder = QPushButton()
        self.index_folder = QPushButton()
        self.add_folder.clicked.connect(self._add_folder)
        self.remove_folder.clicked.connect(
            lambda: self.folders.remove(self.folder_view.currentIndex().row())
        )
        self.index_folder.clicked.connect(self._index_now)
        fbuttons = QHBoxLayout()
        for b in (self.add_folder, self.remove_folder, self.index_folder):
            fbuttons.addWidget(b)
        fbuttons.addStretch(1)
        self.folders_box = QGroupBox()
        fl = QVBoxLayout(self.folders_box)
        fl.addWidget(self.folder_view)
        fl.addLayout(fbuttons)
        self.watch = QCheckBox()
        self.watch.setChecked(settings.get("watch_folders"))
        self.auto_analyse = QCheckBox()
        self.auto_analyse.setChecked(settings.get("analyse_automatically"))
        fl.addWidget(self.watch)
        fl.addWidget(self.auto_analyse)

        self.catalog_edit = QLineEdit(
            settings.get("catalog_path") or (str(library.path) if library else "")
        )
        self.catalog_browse = QPushButton()
        self.catalog_browse.clicked.connect(self._browse_catalog)
        self.catalog_note = QLabel()
        self.catalog_note.setWordWrap(True)
        crow = QHBoxLayout()
        crow.addWidget(self.catalog_edit, 1)
        crow.addWidget(self.catalog_browse)

        self.device = QComboBox()
        for d in DEVICES:
            self.device.addItem("", d)
        self.device.setCurrentIndex(DEVICES.index(settings.get("device")))
        self.device.currentIndexChanged.connect(
            lambda _: self.provider_label.setText(self._provider_text())
        )
        self.provider_label = QLabel()
        self.provider_label.setWordWrap(True)
        self.language = QComboBox()
        self.language.addItem("한국어", "ko")
        self.language.addItem("English", "en")
        from .i18n import current_language  # the language on screen, whatever was stored

        self.language.setCurrentIndex(LANGUAGES.index(current_language()))
        self.language.currentIndexChanged.connect(
            lambda _: self.language_changed.emit(self.language.currentData())
        )
        self.theme = QComboBox()
        for t in THEMES:
            self.theme.addItem("", t)
        self.theme.setCurrentIndex(THEMES.index(settings.get("theme")))
        self.theme.currentIndexChanged.connect(
            lambda _: self.theme_changed.emit(self.theme.currentData())
        )

        self.form = QFormLayout()
        self.form.addRow(QLabel(), crow)
        self.form.addRow(QLabel(), self.catalog_note)
        self.form.addRow(QLabel(), self.device)
        self.form.addRow(QLabel(), self.provider_label)
        self.form.addRow(QLabel(), self.language)
        self.form.addRow(QLabel(), self.theme)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.folders_box)
        lay.addLayout(self.form)
        lay.addStretch(1)
        lay.addWidget(self.buttons)
        self.resize(560, 460)
        self.retranslate()

    def _label(self, row: int) -> QLabel:
        return self.form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.folders_box.setTitle(self.tr("Library folders"))
        self.add_folder.setText(self.tr("Add…"))
        self.remove_folder.setText(self.tr("Remove"))
        self.watch.setText(self.tr("Watch these folders: new and changed photos are added by themselves"))
        self.auto_analyse.setText(self.tr("Analyse new photos automatically (people, scenes, clothing)"))
        self.index_folder.setText(self.tr("Index now"))
        self.catalog_browse.setText(self.tr("Choose…"))
        self.catalog_note.setText(
            self.tr("A new catalog location is used the next time pose starts.")
        )
        for row, text in enumerate(
            (
                self.tr("Catalog"),
                "",
                self.tr("Device"),
                "",
                self.tr("Language"),
                self.tr("Appearance"),
            )
        ):
            self._label(row).setText(text)
        for i, text in enumerate(
            (self.tr("Automatic (GPU if available)"), self.tr("CPU"), self.tr("GPU (CUDA)"))
        ):
            self.device.setItemText(i, text)
        for i, text in enumerate((self.tr("Follow the system"), self.tr("Light"), self.tr("Dark"))):
            self.theme.setItemText(i, text)
        self.provider_label.setText(self._provider_text())

    def _provider_text(self) -> str:
        if self.library is None:
            return ""
        info = self.library.analysis.device_info
        try:
            now = self.tr("In use: %1").replace("%1", str(info()))
            chosen = str(info(self.device.currentData()))
        except Exception as exc:  # a GPU request that cannot be met says why
            return str(exc)
        if chosen not in now:
            now += "  →  " + self.tr("after restart: %1").replace("%1", chosen)
        return now

    def _add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Add a folder of photos"), start_folder()
        )
        if folder:
            self.folders.add(folder)

    def _index_now(self) -> None:
        row = self.folder_view.currentIndex().row()
        if 0 <= row < len(self.folders.folders):
            self.index_requested.emit(self.folders.folders[row])

    def _browse_catalog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Catalog file"),
            self.catalog_edit.text(),
            "pose catalog (*.sqlite)",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.catalog_edit.setText(path)

    def accept(self) -> None:
        """Store everything and close."""
        self.settings.set("library_folders", self.folders.folders)
        if self.library is not None and not self.library.readonly:
            self.library.photos.set_library_folders(self.folders.folders)
        self.settings.set("watch_folders", self.watch.isChecked())
        self.settings.set("analyse_automatically", self.auto_analyse.isChecked())
        catalog = self.catalog_edit.text().strip()
        if self.library is None or catalog != str(self.library.path):
            self.settings.set("catalog_path", catalog)
        self.settings.set("device", self.device.currentData())
        self.settings.set("language", self.language.currentData())
        self.settings.set("theme", self.theme.currentData())
        self.settings.sync()
        super().accept()
