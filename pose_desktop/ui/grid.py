"""The thumbnail grid: a list model over photo ids, paged lazily, and its painter.

The model holds only the ids of the photos in view (ints: 100k of them are ~1 MB); the
rows exposed to the view grow by ``fetchMore`` as the user scrolls, and summaries are
read a page at a time when a row is first painted. Thumbnails come from a
``ThumbnailLoader`` off the GUI thread; a row repaints when its thumbnail arrives.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QAbstractItemView, QListView, QStyle, QStyledItemDelegate

from pose_desktop.services import Library, PhotoFilter, PhotoSummary

from .thumbnails import ThumbnailLoader
from .workers import run_task

_ROOT = QModelIndex()  # the invisible root index (default argument of the model API)

#: The photo id of a row.
PhotoIdRole = Qt.ItemDataRole.UserRole + 1
#: The ``PhotoSummary`` of a row.
SummaryRole = Qt.ItemDataRole.UserRole + 2

#: Rows exposed per ``fetchMore``.
ROW_PAGE = 600
#: Summaries read per query, and how many such pages stay in memory.
SUMMARY_PAGE = 200
SUMMARY_PAGES_KEPT = 60


class PhotoGridModel(QAbstractListModel):
    """Photos matching a filter (or an explicit id list, e.g. 'more like this')."""

    #: The list of photos changed (new filter or refresh), or its title did: (number of photos).
    photos_changed = Signal(int)

    def __init__(self, library: Library, thumbs: ThumbnailLoader, parent=None) -> None:
        super().__init__(parent)
        self.library = library
        self.thumbs = thumbs
        self.filter: PhotoFilter = PhotoFilter()
        self.explicit_ids: list[int] | None = None
        self.title = ""
        self._ids: list[int] = []
        self._shown = 0
        self._pages: OrderedDict[int, list[PhotoSummary | None]] = OrderedDict()
        self._loading: set[int] = set()
        self._generation = 0  # bumped when the id list changes: late pages are dropped
        self.async_pages = True  # read summaries on a worker (the GUI never waits on SQL)
        self._rows_by_hash: dict[str, int] = {}
        thumbs.thumbnail_loaded.connect(self._on_thumbnail)

    # what is shown ----------------------------------------------------------------------
    def set_filter(self, f: PhotoFilter, title: str = "") -> None:
        """Show the photos matching ``f`` (queried now: ids only, cheap)."""
        self.filter, self.explicit_ids, self.title = f, None, title
        self._show_ids(self.library.photos.photo_ids(f))

    def set_explicit(self, ids: list[int], title: str) -> None:
        """Show exactly these photos in this order (search results, similar photos)."""
        self.filter, self.explicit_ids, self.title = (
            PhotoFilter(photo_ids=tuple(ids)),
            list(ids),
            title,
        )
        self._show_ids(list(ids))

    def _show_ids(self, ids: list[int]) -> None:
        """``set_ids`` under a new title: the title is told even when the photos are the
        same ("dogs" after "dog" finds the same photos, and the grid must not still say "dog")."""
        if ids == self._ids:
            self.photos_changed.emit(len(ids))
        self.set_ids(ids)

    def query_ids(self) -> list[int]:
        """The ids the current view should show now (any thread: used by refreshes)."""
        if self.explicit_ids is not None:
            return list(self.explicit_ids)
        return self.library.photos.photo_ids(self.filter)

    def set_ids(self, ids: list[int]) -> None:
        """Replace the id list; keeps as many rows exposed as before (a refresh does not
        scroll the user back to the top)."""
        if ids == self._ids:
            return
        keep = max(self._shown, ROW_PAGE) if self._ids else ROW_PAGE
        self.beginResetModel()
        self._ids = ids
        self._shown = min(len(ids), keep)
        self._pages.clear()
        self._loading.clear()
        self._generation += 1
        self._rows_by_hash.clear()
        self.endResetModel()
        self.photos_changed.emit(len(ids))

    @property
    def ids(self) -> list[int]:
        """Every id in the current view (not only the rows exposed so far)."""
        return self._ids

    def total(self) -> int:
        """How many photos the view holds."""
        return len(self._ids)

    def row_of(self, photo_id: int) -> int:
        """Row of a photo (exposing it if needed), -1 when absent."""
        try:
            row = self._ids.index(photo_id)
        except ValueError:
            return -1
        while row >= self._shown and self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())
        return row

    # Qt model API -----------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else self._shown

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return not parent.isValid() and self._shown < len(self._ids)

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        if parent.isValid():
            return
        more = min(ROW_PAGE, len(self._ids) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def _read_page(self, ids: list[int]) -> list[PhotoSummary | None]:
        by_id = {s.id: s for s in self.library.photos.summaries(ids)}
        return [by_id.get(i) for i in ids]

    def _store_page(self, page_no: int, page: list[PhotoSummary | None]) -> None:
        self._pages[page_no] = page
        while len(self._pages) > SUMMARY_PAGES_KEPT:
            self._pages.popitem(last=False)

    def summary(self, row: int, wait: bool = True) -> PhotoSummary | None:
        """Summary of a row. Its page is read on first use: now (``wait``) or on a worker,
        returning None until it arrives (the rows are then repainted)."""
        if not 0 <= row < len(self._ids):
            return None
        page_no = row // SUMMARY_PAGE
        page = self._pages.get(page_no)
        if page is None:
            start = page_no * SUMMARY_PAGE
            ids = self._ids[start : start + SUMMARY_PAGE]
            if not wait:
                self._request_page(page_no, ids)
                return None
            page = self._read_page(ids)
            self._store_page(page_no, page)
        else:
            self._pages.move_to_end(page_no)
        return page[row - page_no * SUMMARY_PAGE]

    def _request_page(self, page_no: int, ids: list[int]) -> None:
        if page_no in self._loading:
            return
        self._loading.add(page_no)
        generation = self._generation

        def arrived(page: list[PhotoSummary | None]) -> None:
            if generation != self._generation:
                return
            self._loading.discard(page_no)
            self._store_page(page_no, page)
            first = page_no * SUMMARY_PAGE
            last = min(first + SUMMARY_PAGE, self._shown) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first), self.index(last))

        def failed(_message: str) -> None:
            if generation == self._generation:
                self._loading.discard(page_no)

        run_task(self._read_page, ids, on_done=arrived, on_error=failed, owner=self)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        row = index.row()
        if role == PhotoIdRole:
            return self._ids[row] if row < len(self._ids) else None
        s = self.summary(row, wait=not self.async_pages)
        if s is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return s.date_label
        if role == Qt.ItemDataRole.DecorationRole:
            self._rows_by_hash[s.hash] = row
            return self.thumbs.get(s.hash, s.thumbnail)
        if role == SummaryRole:
            return s
        if role == Qt.ItemDataRole.ToolTipRole:
            return s.path or s.hash
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{s.date_label} {s.path or ''}"
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    def mimeTypes(self) -> list[str]:
        return ["text/uri-list"]

    def mimeData(self, indexes):
        """Dragging photos out of the grid hands their files to other apps (a browser
        upload, a chat, the file manager)."""
        from PySide6.QtCore import QMimeData, QUrl

        paths = []
        for idx in indexes:
            pid = self.data(idx, PhotoIdRole)
            path = self.library.photos.original_path(pid) if pid is not None else None
            if path:
                paths.append(path)
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(p) for p in paths])
        return mime

    def supportedDragActions(self):
        return Qt.DropAction.CopyAction

    def _on_thumbnail(self, photo_hash: str) -> None:
        row = self._rows_by_hash.pop(photo_hash, None)
        if row is not None and row < self._shown:
            idx = self.index(row)
            self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.DecorationRole])


class GridDelegate(QStyledItemDelegate):
    """Paints a cell: the thumbnail fitted in a rounded square, the date beneath."""

    def __init__(self, cell: int = 160, parent=None) -> None:
        super().__init__(parent)
        self.cell = cell
        self.width = cell + 12  # stretched by the view so the columns fill its width

    def sizeHint(self, option, index) -> QSize:
        return QSize(self.width, self.cell + 30)

    def paint(self, painter: QPainter, option, index) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        r: QRect = option.rect
        pal: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        box = QRect(r.x() + (r.width() - self.cell) // 2, r.y() + 6, self.cell, self.cell)
        frame = QRect(box.x() - 4, r.y() + 2, self.cell + 8, r.height() - 4)
        if selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(pal.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(frame, 8, 8)
        pix = index.data(Qt.ItemDataRole.DecorationRole)
        clip = QPainterPath()
        clip.addRoundedRect(box, 6, 6)
        if pix is not None and not pix.isNull():
            size = pix.size().scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(0, 0, size.width(), size.height())
            target.moveCenter(box.center())
            path = QPainterPath()
            path.addRoundedRect(target, 6, 6)
            painter.setClipPath(path)
            painter.drawPixmap(target, pix)
            painter.setClipping(False)
        else:
            base = pal.color(QPalette.ColorRole.AlternateBase)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(base.darker(108) if base.lightness() > 128 else base.lighter(130))
            painter.drawPath(clip)
        s = index.data(SummaryRole)
        if (pix is None or pix.isNull()) and s is not None and s.thumbnail is None:
            # never a thumbnail (a damaged file): say so, not an empty tile that looks
            # like one still loading
            painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(box.adjusted(8, 8, -8, -8),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             QCoreApplication.translate("Grid", "No preview"))
        if s is not None and (s.media_type == "video" or s.status != "ok"):
            badge = (
                QCoreApplication.translate("Grid", "video")
                if s.media_type == "video"
                else QCoreApplication.translate("Grid", "missing")
            )
            fm = painter.fontMetrics()
            w = fm.horizontalAdvance(badge) + 10
            b = QRect(box.right() - w - 4, box.top() + 4, w, fm.height() + 2)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(0, 0, 0, 150))
            painter.drawRoundedRect(b, 4, 4)
            painter.setPen(QPen(QColor("white")))
            painter.drawText(b, Qt.AlignmentFlag.AlignCenter, badge)
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        painter.setPen(
            pal.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        )
        text_rect = QRect(
            frame.x() + 2, box.bottom() + 4, frame.width() - 4, r.bottom() - box.bottom() - 6
        )
        painter.drawText(
            text_rect,
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, text_rect.width()),
        )
        if option.state & QStyle.StateFlag.State_HasFocus and not selected:
            painter.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(frame, 8, 8)
        painter.restore()


class PhotoGridView(QListView):
    """Icon grid with keyboard habits: arrows move, Enter/Space preview, Delete removes."""

    preview_requested = Signal()
    remove_requested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(400)
        self.setSpacing(2)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalScrollBar().setSingleStep(24)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.delegate = GridDelegate(parent=self)
        self.setItemDelegate(self.delegate)

    def set_cell(self, cell: int) -> None:
        """Thumbnail size in pixels; the columns are re-fitted to the width."""
        self.delegate.cell = cell
        self._fit_columns(force=True)

    def _fit_columns(self, force: bool = False) -> None:
        # QListView lays icons out in the widest viewport less a scroll bar, whether or not
        # the bar shows; measuring the viewport itself is off by the bar's width whenever it
        # comes or goes, and the last column wraps (a column short, an empty strip).
        extent = self.style().pixelMetric(
            QStyle.PixelMetric.PM_ScrollBarExtent, None, self.verticalScrollBar()
        )
        avail = self.maximumViewportSize().width() - extent - 2 * self.spacing() - 2
        base = self.delegate.cell + 12
        cols = max(1, avail // (base + self.spacing() * 2))
        width = max(base, avail // cols - self.spacing() * 2)
        if force or width != self.delegate.width:
            self.delegate.width = width
            self.scheduleDelayedItemsLayout()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if (
            key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
            and self.currentIndex().isValid()
        ):
            self.preview_requested.emit()
            return
        if (
            key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self.selectionModel().hasSelection()
        ):
            self.remove_requested.emit()
            return
        super().keyPressEvent(event)

    def selected_ids(self) -> list[int]:
        """Ids of the selected photos, in grid order."""
        rows = sorted(i.row() for i in self.selectionModel().selectedIndexes())
        model = self.model()
        return [model.data(model.index(r), PhotoIdRole) for r in rows]
