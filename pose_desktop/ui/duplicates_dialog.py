"""Reviewing duplicates: copies of one shot side by side; keep one, remove the others from
the catalog. Files are never deleted (removed photos can be brought back with Undo)."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pose_desktop.services import Library

from .detail import breakable
from .i18n import Retranslates
from .workers import run_task

CARD_SIDE = 240


def best_copy(details) -> int:
    """Index of the copy to keep by default: the most pixels; then the one dated by the
    camera (EXIF), the earliest (an edited copy is newer); then the largest file."""
    def key(i_d):
        i, d = i_d
        camera = (d.date_source or "").startswith("exif")
        return ((d.width or 0) * (d.height or 0), camera, _negated(d.taken_at), d.size or 0, -i)

    return max(enumerate(details), key=key)[0]


def _negated(taken_at: str | None) -> tuple:
    """Sorts earlier dates higher (None lowest)."""
    if not taken_at:
        return (0,)
    return (1, tuple(-ord(c) for c in taken_at))


class DuplicatesDialog(Retranslates, QDialog):
    """One group of duplicates at a time, side by side, with "keep this one"."""

    #: Photos were removed from the catalog (their ids), to refresh the window.
    photos_removed = Signal(list)
    #: The groups were found (how many).
    groups_found = Signal(int)

    def __init__(self, library: Library, parent=None) -> None:
        super().__init__(parent)
        self.library = library
        self.setObjectName("duplicatesDialog")
        self.groups: list[list[int]] = []
        self.not_comparable = 0  # photos without picture features (not analysed yet)
        self.index = 0
        self.details = []
        self.removed: list[int] = []
        self._task = None
        self._state = "searching"
        self.heading = QLabel()
        self.heading.setObjectName("panelTitle")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.cards = QHBoxLayout()
        self.cards.setSpacing(12)
        strip = QWidget()
        strip.setLayout(self.cards)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(strip)
        self.choice = QButtonGroup(self)
        self.keep_button = QPushButton()
        self.keep_button.setDefault(True)
        self.skip_button = QPushButton()
        self.back_button = QPushButton()
        self.close_button = QPushButton()
        self.keep_button.clicked.connect(self.keep_selected)
        self.skip_button.clicked.connect(lambda: self.show_group(self.index + 1))
        self.back_button.clicked.connect(lambda: self.show_group(self.index - 1))
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.close_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addWidget(self.note)
        lay.addWidget(self.scroll, 1)
        lay.addLayout(buttons)
        self.resize(900, 560)
        self.retranslate()

    # language ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Duplicates"))
        self.keep_button.setText(self.tr("Keep the chosen one, remove the others"))
        self.keep_button.setToolTip(
            self.tr("The others leave the catalog; their files stay where they are")
        )
        self.skip_button.setText(self.tr("Next group"))
        self.back_button.setText(self.tr("Previous"))
        self.close_button.setText(self.tr("Close"))
        self._show_state()
        for i, d in enumerate(self.details):
            self._card_text(i, d)

    def _show_state(self) -> None:
        n = len(self.groups)
        if self._state == "searching":
            self.heading.setText(self.tr("Looking for duplicates…"))
            self.note.setText("")
        elif self._state == "error":
            self.heading.setText(self.tr("Could not look for duplicates"))
            self.note.setText(self._error)
        elif not n:
            self.heading.setText(self.tr("No duplicates"))
            self.note.setText(
                self.tr(
                    "No two photos are copies of one shot. %n photo(s) not analysed yet "
                    "could not be compared: run Analyse first.", "", self.not_comparable
                )
                if self.not_comparable
                else self.tr("No two photos are copies of one shot.")
            )
        elif self.index >= n:
            self.heading.setText(self.tr("All %n group(s) reviewed", "", n))
            self.note.setText(
                self.tr("%n photo(s) removed from the catalog; the files are untouched.", "",
                        len(self.removed))
            )
        else:
            self.heading.setText(
                self.tr("Duplicates %1 of %2").replace("%1", str(self.index + 1)).replace(
                    "%2", str(n)
                )
            )
            self.note.setText(
                self.tr(
                    "These look like copies of one shot. Choose the one to keep; the others "
                    "are removed from the catalog (their files stay, Ctrl+Z in the window "
                    "brings them back)."
                )
            )
        reviewing = self._state == "ready" and self.index < n
        self.keep_button.setEnabled(reviewing)
        self.skip_button.setEnabled(reviewing)
        self.back_button.setEnabled(self._state == "ready" and 0 < self.index <= n)

    # content ----------------------------------------------------------------------------
    def find(self) -> None:
        """Look for groups on a worker (seconds on a large library)."""
        self._state = "searching"
        self._show_state()
        pictures = self.library.pictures
        self._task = run_task(lambda: (pictures.duplicate_groups(), pictures.not_comparable()),
                              owner=self, on_done=self._found, on_error=self._failed)

    def _found(self, result: tuple[list[list[int]], int]) -> None:
        groups, self.not_comparable = result
        self.groups = [list(g) for g in groups]
        self._state = "ready"
        self.groups_found.emit(len(self.groups))
        self.show_group(0)

    def _failed(self, message: str) -> None:
        self._state = "error"
        self._error = message
        self._show_state()

    def _clear_cards(self) -> None:
        for b in self.choice.buttons():
            self.choice.removeButton(b)
        while self.cards.count():
            item = self.cards.takeAt(0)
            if item.widget():
                item.widget().deleteLater()

    def show_group(self, index: int) -> None:
        """Show group ``index`` (past the last: the summary)."""
        self.index = max(0, min(index, len(self.groups)))
        self._clear_cards()
        self.details = []
        if self.index < len(self.groups):
            self.details = [d for d in (self.library.photos.photo(i) for i in self.groups[self.index]) if d]
            best = best_copy(self.details) if self.details else 0
            for i, d in enumerate(self.details):
                self.cards.addWidget(self._card(i, d, i == best))
            self.cards.addStretch(1)
        self._show_state()

    def _card(self, i: int, d, chosen: bool) -> QWidget:
        card = QFrame()
        card.setObjectName("duplicateCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setFixedWidth(CARD_SIDE + 24)
        lay = QVBoxLayout(card)
        image = QLabel()
        image.setFixedSize(CARD_SIDE, CARD_SIDE)
        image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if d.thumbnail and d.thumbnail.exists():
            pix = QPixmap.fromImage(QImage(str(d.thumbnail)))
            image.setPixmap(pix.scaled(CARD_SIDE, CARD_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                                       Qt.TransformationMode.SmoothTransformation))
        radio = QRadioButton()
        radio.setChecked(chosen)
        self.choice.addButton(radio, i)
        facts = QLabel()
        facts.setObjectName("duplicateFacts")
        facts.setWordWrap(True)
        facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        facts.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        lay.addWidget(image)
        lay.addWidget(radio)
        lay.addWidget(facts)
        lay.addStretch(1)
        card.radio, card.facts = radio, facts
        self._card_text(i, d, card)
        return card

    def _card_text(self, i: int, d, card=None) -> None:
        if card is None:
            item = self.cards.itemAt(i)
            card = item.widget() if item else None
            if card is None:
                return
        loc = QLocale()
        card.radio.setText(self.tr("Keep this one"))
        size = loc.formattedDataSize(d.size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)
        dims = f"{d.width} × {d.height}" if d.width and d.height else ""
        path = d.files[0].path if d.files else ""
        lines = [" · ".join(x for x in (dims, size) if x), d.date_label or self.tr("Undated"),
                 breakable(path)]
        card.facts.setText("\n".join(x for x in lines if x))
        card.facts.setToolTip(path)

    def chosen_id(self) -> int | None:
        """The photo chosen to keep in the group shown."""
        i = self.choice.checkedId()
        return self.details[i].id if 0 <= i < len(self.details) else None

    def keep_selected(self) -> list[int]:
        """Remove the other photos of the group from the catalog; show the next group."""
        keep = self.chosen_id()
        if keep is None:
            return []
        others = [d.id for d in self.details if d.id != keep]
        if others:
            self.library.photos.hide_photos(others)
            self.removed.extend(others)
            self.photos_removed.emit(others)
        self.show_group(self.index + 1)
        return others
