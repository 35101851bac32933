"""The people page: face groups, naming, merging, removing a wrong face, photos of X."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from pose_desktop.services import Library, PhotoFilter

from .thumbnails import ThumbnailLoader


class PeopleView(QWidget):
    """Face groups found by the analysis (placeholder until the people service exists)."""

    #: Show these photos in the grid: (filter, title).
    photos_requested = Signal(PhotoFilter, str)
    #: Names or groups changed (trees should reload).
    people_changed = Signal()

    def __init__(self, library: Library, thumbs: ThumbnailLoader, parent=None) -> None:
        super().__init__(parent)
        self.library = library
        self.thumbs = thumbs
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(self.empty)
        self.retranslate()

    def retranslate(self) -> None:
        self.empty.setText(self.tr("No people yet. Run Analyse to find the faces in your photos."))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def reload(self) -> None:
        """Re-read the groups from the library."""
