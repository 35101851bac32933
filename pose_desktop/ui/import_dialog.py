"""Import from Instagram: a profile (download), an instaloader folder, or a data export."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)

from pose_desktop.services import Library


class InstagramImportDialog(QDialog):
    """Collects what to import; ``job`` is then (title, make_events) for the main window."""

    def __init__(self, library: Library, parent=None) -> None:
        super().__init__(parent)
        self.library = library
        self.job = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.kind = QButtonGroup(self)
        self.r_profile = QRadioButton()
        self.r_export = QRadioButton()
        self.r_folder = QRadioButton()
        self.profile = QLineEdit()
        self.export_path = QLineEdit()
        self.folder_path = QLineEdit()
        self.export_browse = QPushButton()
        self.folder_browse = QPushButton()
        self.export_browse.clicked.connect(self._pick_export)
        self.folder_browse.clicked.connect(self._pick_folder)
        grid = QGridLayout()
        for row, (radio, edit, browse) in enumerate(
            (
                (self.r_profile, self.profile, None),
                (self.r_export, self.export_path, self.export_browse),
                (self.r_folder, self.folder_path, self.folder_browse),
            )
        ):
            self.kind.addButton(radio, row)
            grid.addWidget(radio, row, 0)
            grid.addWidget(edit, row, 1)
            if browse is not None:
                grid.addWidget(browse, row, 2)
            edit.textEdited.connect(lambda _=None, r=radio: r.setChecked(True))
        self.r_export.setChecked(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addLayout(grid)
        lay.addWidget(self.note)
        lay.addStretch(1)
        lay.addWidget(self.buttons)
        self.resize(620, 280)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import from Instagram"))
        self.intro.setText(
            self.tr(
                "Bring your posts, captions and hashtags into the library. "
                "Nothing is posted or changed on Instagram."
            )
        )
        self.r_profile.setText(self.tr("Profile name"))
        self.r_export.setText(self.tr("Data export (ZIP)"))
        self.r_folder.setText(self.tr("Downloaded folder"))
        self.profile.setPlaceholderText(self.tr("e.g. my.account"))
        self.export_path.setPlaceholderText(
            self.tr("instagram-….zip from Instagram's 'Download your information'")
        )
        self.folder_path.setPlaceholderText(self.tr("a folder made by instaloader"))
        self.export_browse.setText(self.tr("Choose…"))
        self.folder_browse.setText(self.tr("Choose…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Import"))
        available = self._service() is not None
        self.note.setText(
            ""
            if available
            else self.tr("Instagram import is not available in this copy of the app yet.")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(available)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _service(self):
        return getattr(self.library, "import_export", None)

    def _pick_export(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Instagram data export"), "", "ZIP (*.zip)"
        )
        if path:
            self.export_path.setText(path)
            self.r_export.setChecked(True)

    def _pick_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Downloaded Instagram folder"))
        if path:
            self.folder_path.setText(path)
            self.r_folder.setChecked(True)

    def accept(self) -> None:
        """Build the job: (title, make_events, on_cancel) for ``MainWindow.run_job``."""
        if self._service() is None:
            return
        which = self.kind.checkedId()
        value = (self.profile, self.export_path, self.folder_path)[which].text().strip()
        if not value:
            return
        from pose_desktop.services import CancelToken

        lib, token = self.library, CancelToken()
        if which == 0:
            profile = value.lstrip("@")
            make = lambda: lib.import_instagram(profile, cancel=token)  # noqa: E731
            title = self.tr("Importing @%1").replace("%1", profile)
        elif which == 1:
            make = lambda: lib.import_export(value, cancel=token)  # noqa: E731
            title = self.tr("Importing the Instagram export")
        else:
            make = lambda: lib.import_instaloader(value, cancel=token)  # noqa: E731
            title = self.tr("Importing the Instagram folder")
        self.job = (title, make, token.cancel)
        super().accept()
