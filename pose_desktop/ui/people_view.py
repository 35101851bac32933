"""The people page: face groups, naming, merging, removing a wrong face, photos of X.

Talks to the library's people service (``library.people``: ``list()``, ``person_faces()``,
``name_person()``, ``merge_people()``, ``reject_face()``, ``photos_of()``, ``face_crop()``),
which returns ``PersonInfo`` / ``FaceInfo``. Face crops are cut by the service on a worker
and cached here.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QImage,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from pose_desktop.services import FaceInfo, Library, PersonInfo, PhotoFilter
from pose_desktop.services.people import PeopleService

from .i18n import Retranslates
from .thumbnails import ThumbnailLoader
from .workers import run_task

_ROOT = QModelIndex()  # the invisible root index (default argument of the model API)

#: The group (or face) object of a row.
ItemRole = Qt.ItemDataRole.UserRole + 1
CROP = 96
MOODS = ("", "positive", "neutral", "negative")


def offered_name(group: PersonInfo) -> str | None:
    """An unnamed group's likely name (the @user its Instagram posts tag), if any."""
    return None if group.name else group.offered_name


class FaceCropCache:
    """Face crops (square, ``CROP`` px) from the people service, cut on a worker."""

    def __init__(self, people: PeopleService, on_ready, owner=None) -> None:
        self.people = people
        self.owner = owner
        self.on_ready = on_ready
        self._cache: OrderedDict[Any, QPixmap] = OrderedDict()
        self._pending: set[Any] = set()

    def get(self, face: FaceInfo | None) -> QPixmap | None:
        if face is None:
            return None
        key = face.id
        pix = self._cache.get(key)
        if pix is not None:
            return pix
        if key not in self._pending:
            self._pending.add(key)
            run_task(
                self._cut,
                face,
                owner=self.owner,
                on_done=lambda img, k=key: self._done(k, img),
                on_error=lambda _m, k=key: self._pending.discard(k),
            )
        return None

    def _cut(self, face: FaceInfo) -> QImage:
        return QImage.fromData(self.people.face_crop(face.id, CROP) or b"")

    def _done(self, key: Any, image: QImage) -> None:
        self._pending.discard(key)
        if not image.isNull():
            self._cache[key] = QPixmap.fromImage(image)
            while len(self._cache) > 800:
                self._cache.popitem(last=False)
        self.on_ready(key)


class FaceListModel(QAbstractListModel):
    """Groups (people) or the faces of one group, with their crops."""

    def __init__(self, crops: FaceCropCache, *, groups: bool, parent=None) -> None:
        super().__init__(parent)
        self.items: list[Any] = []
        self.crops = crops
        self.groups = groups
        self.unnamed = "Unnamed"

    def set_items(self, items: list[Any]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.items)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self.items[index.row()]
        face = item.cover if self.groups else item
        if role == Qt.ItemDataRole.DisplayRole:
            if self.groups:
                return f"{item.name or self.unnamed}  ({item.photo_count})"
            from .detail import emotion_name

            return emotion_name(item.emotion or "")
        if role == Qt.ItemDataRole.DecorationRole:
            return self.crops.get(face)
        if role == ItemRole:
            return item
        if role == Qt.ItemDataRole.ToolTipRole and self.groups:
            return item.name or self.unnamed
        return None

    def refresh_face(self, key: Any) -> None:
        for row, item in enumerate(self.items):
            face = item.cover if self.groups else item
            if face is not None and face.id == key:
                idx = self.index(row)
                self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.DecorationRole])


class FaceDelegate(QStyledItemDelegate):
    """A round face crop with the name underneath."""

    def sizeHint(self, option, index) -> QSize:
        return QSize(CROP + 36, CROP + 34)

    def paint(self, painter: QPainter, option, index) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = option.rect
        pal: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(pal.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(r.adjusted(2, 2, -2, -2), 10, 10)
        circle = QRect(r.x() + (r.width() - CROP) // 2, r.y() + 6, CROP, CROP)
        path = QPainterPath()
        path.addEllipse(circle)
        pix = index.data(Qt.ItemDataRole.DecorationRole)
        if pix is not None and not pix.isNull():
            painter.setClipPath(path)
            painter.drawPixmap(circle, pix)
            painter.setClipping(False)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(128, 128, 128, 70))
            painter.drawPath(path)
        painter.setPen(
            pal.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        )
        text_rect = QRect(r.x() + 4, circle.bottom() + 4, r.width() - 8, 22)
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        painter.drawText(
            text_rect,
            Qt.AlignmentFlag.AlignCenter,
            painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, text_rect.width()),
        )
        painter.restore()


def _face_list() -> QListView:
    v = QListView()
    v.setViewMode(QListView.ViewMode.IconMode)
    v.setResizeMode(QListView.ResizeMode.Adjust)
    v.setMovement(QListView.Movement.Static)
    v.setUniformItemSizes(True)
    v.setSpacing(4)
    v.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    v.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    v.setItemDelegate(FaceDelegate(v))
    return v


class PeopleView(Retranslates, QWidget):
    """People found by the analysis: name a group, merge groups, fix a face, show photos."""

    #: Show these photos in the grid: (filter, title).
    photos_requested = Signal(PhotoFilter, str)
    #: Names or groups changed (trees should reload).
    people_changed = Signal()
    #: The user asked to run the analysis (from the empty page).
    analyse_requested = Signal()
    #: A face was selected: show its photo in the detail panel (photo id).
    photo_selected = Signal(int)

    def __init__(self, library: Library, thumbs: ThumbnailLoader, parent=None) -> None:
        super().__init__(parent)
        self.library = library
        self._task = None
        self.crops = FaceCropCache(library.people, self._crop_ready, self)
        self.groups = FaceListModel(self.crops, groups=True, parent=self)
        self.faces = FaceListModel(self.crops, groups=False, parent=self)
        self.group_view = _face_list()
        self.group_view.setModel(self.groups)
        self.group_view.selectionModel().currentChanged.connect(lambda *_: self._show_faces())
        self.group_view.doubleClicked.connect(lambda _: self.show_photos())
        self.group_view.customContextMenuRequested.connect(self._group_menu)
        self.face_view = _face_list()
        self.face_view.setModel(self.faces)
        self.face_view.customContextMenuRequested.connect(self._face_menu)
        self.face_view.selectionModel().currentChanged.connect(self._on_face)
        self.title = QLabel()
        self.title.setObjectName("gridTitle")
        self.faces_title = QLabel()
        self.name_button = QPushButton()
        self.merge_button = QPushButton()
        self.photos_button = QPushButton()
        # one click names the group after the Instagram user its posts keep tagging
        self.offer_button = QPushButton()
        self.offer_button.setVisible(False)
        self.offer_button.clicked.connect(lambda: self.name_offered())
        self.mood = QComboBox()
        for m in MOODS:
            self.mood.addItem("", m)
        # clicked(bool) would hand its "checked" flag to a slot with an argument: each
        # button and action calls a slot that takes none.
        self.name_button.clicked.connect(lambda: self.ask_name())
        self.merge_button.clicked.connect(lambda: self.merge_selected())
        self.photos_button.clicked.connect(lambda: self.show_photos())
        self.name_action = QAction(self)
        self.name_action.setShortcut(QKeySequence(Qt.Key.Key_F2))
        self.name_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.name_action.triggered.connect(lambda: self.ask_name())
        self.group_view.addAction(self.name_action)
        bar = QHBoxLayout()
        bar.addWidget(self.title, 1)
        bar.addWidget(self.mood)
        for b in (self.offer_button, self.name_button, self.merge_button, self.photos_button):
            bar.addWidget(b)
        lower = QWidget()
        ll = QVBoxLayout(lower)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.faces_title)
        ll.addWidget(self.face_view)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.group_view)
        split.addWidget(lower)
        split.setSizes([400, 220])
        content = QWidget()
        cl = QVBoxLayout(content)
        cl.setContentsMargins(6, 0, 6, 6)
        cl.addLayout(bar)
        cl.addWidget(split, 1)
        self.empty = QLabel()
        self.empty.setObjectName("emptyHint")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.analyse_button = QPushButton()
        self.analyse_button.clicked.connect(self.analyse_requested)
        empty_page = QWidget()
        el = QVBoxLayout(empty_page)
        el.addStretch(1)
        el.addWidget(self.empty)
        el.addWidget(self.analyse_button, 0, Qt.AlignmentFlag.AlignHCenter)
        el.addStretch(2)
        self.stack = QStackedWidget()
        self.stack.addWidget(content)
        self.stack.addWidget(empty_page)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.stack)
        self.retranslate()

    # language ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.groups.unnamed = self.tr("Unnamed")
        self.title.setText(self.tr("People"))
        self.faces_title.setText(self.tr("Faces in this group (right-click a wrong one)"))
        self.name_button.setText(self.tr("Name…"))
        self.name_action.setText(self.tr("Name…"))
        self.merge_button.setText(self.tr("Merge"))
        self.merge_button.setToolTip(self.tr("Select two or more groups of the same person"))
        self.photos_button.setText(self.tr("Show photos"))
        for i, text in enumerate(
            (self.tr("Any mood"), self.tr("Positive"), self.tr("Neutral"), self.tr("Negative"))
        ):
            self.mood.setItemText(i, text)
        self._update_offer()
        self.analyse_button.setText(self.tr("Analyse photos now"))
        self.empty.setText(self.tr("No people yet. Run Analyse to find the faces in your photos."))
        self.groups.layoutChanged.emit()

    # content ----------------------------------------------------------------------------
    def reload(self) -> None:
        """Re-read the groups from the library (on a worker)."""
        if self._task is not None:
            self._task.discard()  # a newer read supersedes one still running
            self._task = None
        self._task = run_task(
            self.library.people.list,
            owner=self,
            on_done=self._set_groups,
            on_error=lambda m: self._set_groups([]),
        )

    def reload_now(self) -> None:
        """Re-read the groups on the GUI thread (after an edit, and in tests)."""
        if self._task is not None:
            self._task.discard()
            self._task = None
        self._set_groups(self.library.people.list())

    def _set_groups(self, groups: list[Any]) -> None:
        current = self.selected_groups()
        keep = current[0].id if current else None
        self.groups.set_items(groups or [])
        self.stack.setCurrentIndex(0 if groups else 1)
        for row, g in enumerate(self.groups.items):
            if g.id == keep:
                self.group_view.setCurrentIndex(self.groups.index(row))
                break
        else:
            self.faces.set_items([])
        self._update_offer()

    def selected_groups(self) -> list[Any]:
        rows = sorted(i.row() for i in self.group_view.selectionModel().selectedIndexes())
        return [self.groups.items[r] for r in rows if r < len(self.groups.items)]

    def _show_faces(self) -> None:
        self._update_offer()
        idx = self.group_view.currentIndex()
        if not idx.isValid():
            self.faces.set_items([])
            return
        self.faces.set_items(self.library.people.person_faces(self.groups.items[idx.row()].id))

    def _on_face(self, current, _previous) -> None:
        if current.isValid() and current.row() < len(self.faces.items):
            self.photo_selected.emit(self.faces.items[current.row()].photo_id)

    def _crop_ready(self, key: Any) -> None:
        self.groups.refresh_face(key)
        self.faces.refresh_face(key)

    # actions ----------------------------------------------------------------------------
    def ask_name(self) -> bool:
        """Ask for the current group's name and give it (the Name… button, F2, the menu)."""
        groups = self.selected_groups()
        if not groups:
            return False
        name, ok = QInputDialog.getText(
            self,
            self.tr("Name this person"),
            self.tr("Name:"),
            text=groups[0].name or offered_name(groups[0]) or "",
        )
        return bool(ok) and self.name_selected(name)

    def name_selected(self, name: str) -> bool:
        """Give the current group the name ``name``."""
        groups = self.selected_groups()
        if not groups or not isinstance(name, str):
            return False
        name = name.strip()
        if not name:
            return False
        self.library.people.name_person(groups[0].id, name)
        self.reload_now()
        self.people_changed.emit()
        return True

    def name_offered(self) -> bool:
        """Name the current group after the @user its posts tag (the offer button)."""
        groups = self.selected_groups()
        offer = offered_name(groups[0]) if groups else None
        return bool(offer) and self.name_selected(offer)

    def _update_offer(self) -> None:
        groups = self.selected_groups()
        offer = offered_name(groups[0]) if len(groups) == 1 else None
        self.offer_button.setVisible(bool(offer))
        if offer:
            self.offer_button.setText(self.tr("Name {name}").format(name=offer))
            self.offer_button.setToolTip(self.tr("Tagged in this group's Instagram posts"))

    def merge_selected(self) -> bool:
        """Merge the selected groups into the first named one (or the first)."""
        groups = self.selected_groups()
        if len(groups) < 2:
            return False
        target = next((g for g in groups if g.name), groups[0])
        others = [g.id for g in groups if g is not target]
        self.library.people.merge_people(others, target.id)
        self.reload_now()
        self.people_changed.emit()
        return True

    def reject_face(self, face: FaceInfo) -> None:
        """'Not this person': take a wrong face out of its group (remembered)."""
        self.library.people.reject_face(face.id)
        self._show_faces()
        self.reload_now()
        self.people_changed.emit()

    def show_photos(self) -> None:
        """Photos of the selected person (or people, together), with the chosen mood."""
        groups = self.selected_groups()
        if not groups:
            return
        names = [g.name for g in groups]
        if all(names):
            ids = list(self.library.people.photos_of(names))
        else:  # unnamed groups: the photos their faces are in
            ids = sorted({f.photo_id for g in groups for f in self.library.people.person_faces(g.id)})
        mood = self.mood.currentData()
        if mood:
            moody = set(self.library.photos.photo_ids(PhotoFilter(tag_kind="mood", tag_name=mood)))
            ids = [i for i in ids if i in moody]
        title = " + ".join(n or self.tr("Unnamed") for n in names)
        self.photos_requested.emit(PhotoFilter(photo_ids=tuple(ids)), title)

    def group_menu(self) -> QMenu:
        """The context menu of the selected groups."""
        menu = QMenu(self)
        menu.addAction(self.name_action)
        if len(self.selected_groups()) > 1:
            menu.addAction(self.tr("Merge"), lambda: self.merge_selected())
        menu.addAction(self.tr("Show photos"), lambda: self.show_photos())
        return menu

    def _group_menu(self, pos) -> None:
        if not self.group_view.indexAt(pos).isValid():
            return
        self.group_menu().exec(self.group_view.viewport().mapToGlobal(pos))

    def _face_menu(self, pos) -> None:
        idx = self.face_view.indexAt(pos)
        if not idx.isValid():
            return
        face = self.faces.items[idx.row()]
        menu = QMenu(self)
        menu.addAction(self.tr("Not this person"), lambda: self.reject_face(face))
        menu.exec(self.face_view.viewport().mapToGlobal(pos))
