"""The photo browser of the main window: the trees (dates, tags, places), the search box,
the grid and the detail panel, and what keeps them in step: a tree row or a search fills
the grid, the grid's current photo fills the detail panel, a refresh re-reads the trees
and the grid's ids off the GUI thread and keeps what the user had open and selected.

``PhotoBrowser`` owns those widgets; the window places them (trees left, grid centre,
details right, search box in the toolbar) and wires the grid's requests (view, remove,
context menu) to its actions. It talks to ``library.photos`` and ``library.pictures`` only.
Its strings are translated in the ``MainWindow`` context (they were the window's).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from pose_desktop.services import Library, PhotoFilter

from .actions import Place, add_action
from .detail import DetailPanel
from .grid import PhotoGridModel, PhotoGridView, PhotoIdRole
from .problems import read_problems
from .thumbnails import ThumbnailLoader
from .tree_models import (
    DateTreeModel,
    FilterRole,
    NodeTreeModel,
    PlaceTreeModel,
    TagTreeModel,
    build_date_nodes,
    build_place_nodes,
    build_tag_nodes,
    describe_filter,
    key_of,
    month_names,
    shape_of,
)
from .workers import run_task

log = logging.getLogger(__name__)

#: Tag kinds that come from analysing the photos (the Tags tab explains until one shows).
ANALYSIS_KINDS = ("scene", "object", "person", "clothing", "emotion", "colour")

#: While background work adds photos, views refresh at most this often (ms).
REFRESH_INTERVAL_MS = 2000

#: How long typing in the search box waits before searching (ms).
SEARCH_DELAY_MS = 300

#: Tree tabs, in order.
DATES_TAB, TAGS_TAB, PLACES_TAB = 0, 1, 2


class PhotoBrowser(QObject):
    """Trees, search box, grid and detail panel over one ``Library``, kept in step.

    ``analysis_state`` tells whether the analysis runs now and whether it can be started
    (for the Tags tab's hint)."""

    #: The grid now shows what the user asked for (the window shows the Photos page).
    photos_shown = Signal()
    #: The trees and the grid were re-read off the GUI thread; carries the catalog's
    #: problems read in the same pass (``problems.read_problems``: the window's panel).
    refreshed = Signal(object)
    #: The welcome page's and the Tags hint's buttons.
    add_folder_requested = Signal()
    import_requested = Signal()
    analyse_requested = Signal()

    def __init__(
        self,
        library: Library,
        thumbs: ThumbnailLoader,
        parent: QObject | None = None,
        analysis_state: Callable[[], tuple[bool, bool]] = lambda: (False, True),
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.thumbs = thumbs
        self.analysis_state = analysis_state
        self.tag_hint_wanted = False
        self.closing = False
        self._refresh_task = None
        self._refresh_pending = False
        self._build_trees()
        self._build_grid()
        self.detail = DetailPanel(library)
        self.detail.tag_activated.connect(self.select_tag)
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _: self.search_timer.start())
        self.search.returnPressed.connect(self.apply_search)
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setSingleShot(True)
        self.refresh_timer.setInterval(REFRESH_INTERVAL_MS)
        self.refresh_timer.timeout.connect(self.refresh_views_async)

    # building ---------------------------------------------------------------------------
    def _build_trees(self) -> None:
        self.date_model = DateTreeModel(self)
        self.tag_model = TagTreeModel(self)
        self.place_model = PlaceTreeModel(self)
        self.date_view = self._tree(self.date_model)
        self.tag_view = self._tree(self.tag_model)
        self.place_view = self._tree(self.place_model)
        self.tree_tabs = QTabWidget()
        self.tree_tabs.setDocumentMode(True)
        self.tree_tabs.addTab(self.date_view, "")
        self.tree_tabs.addTab(self._tag_page(), "")
        self.tree_tabs.addTab(self._place_page(), "")
        self.tree_tabs.currentChanged.connect(lambda _: self.apply_tree_selection())

    def _tree(self, model: NodeTreeModel) -> QTreeView:
        view = QTreeView()
        view.setModel(model)
        view.setHeaderHidden(True)
        view.setUniformRowHeights(True)
        view.setAnimated(False)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.header().setStretchLastSection(False)
        view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        view.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        view.selectionModel().currentChanged.connect(lambda *_: self.apply_tree_selection())
        return view

    def _tag_page(self) -> QWidget:
        """The Tags tab: the tag tree, and above it, until the photos are analysed, what
        is coming and how to get it."""
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        self.tag_hint = QWidget()
        self.tag_hint.setObjectName("tagHint")
        hl = QVBoxLayout(self.tag_hint)
        hl.setContentsMargins(10, 10, 10, 10)
        self.tag_hint_text = QLabel()
        self.tag_hint_text.setWordWrap(True)
        self.tag_hint_button = QPushButton()
        self.tag_hint_button.clicked.connect(self.analyse_requested)
        hl.addWidget(self.tag_hint_text)
        hl.addWidget(self.tag_hint_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.tag_hint.hide()
        lay.addWidget(self.tag_hint)
        lay.addWidget(self.tag_view, 1)
        return page

    def _place_page(self) -> QWidget:
        """The Places tab: the places tree, or while no photo has a place, why not."""
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        self.place_hint = QLabel()
        self.place_hint.setObjectName("placeHint")
        self.place_hint.setWordWrap(True)
        self.place_hint.setContentsMargins(10, 10, 10, 10)
        self.place_hint.hide()
        lay.addWidget(self.place_hint)
        lay.addWidget(self.place_view, 1)
        lay.addStretch(0)
        return page

    def _build_grid(self) -> None:
        self.grid_model = PhotoGridModel(self.library, self.thumbs, self)
        self.grid = PhotoGridView()
        self.grid.set_cell(self.thumbs.size)
        self.grid.setModel(self.grid_model)
        self.grid.selectionModel().currentChanged.connect(self._on_current_photo)
        self.grid_model.photos_changed.connect(lambda _: self.update_grid_title())
        self.grid_title = QLabel()
        self.grid_title.setObjectName("gridTitle")
        self.welcome = self._welcome_widget()
        self.grid_stack = QStackedWidget()
        self.grid_stack.addWidget(self.grid)
        self.grid_stack.addWidget(self.welcome)
        self.grid_page = QWidget()
        gl = QVBoxLayout(self.grid_page)
        gl.setContentsMargins(0, 0, 0, 0)
        gl.setSpacing(0)
        gl.addWidget(self.grid_title)
        gl.addWidget(self.grid_stack, 1)

    def _welcome_widget(self) -> QWidget:
        w = QWidget()
        w.setObjectName("welcome")
        self.welcome_title = QLabel()
        self.welcome_title.setObjectName("welcomeTitle")
        self.welcome_text = QLabel()
        self.welcome_text.setWordWrap(True)
        self.welcome_add = QPushButton()
        self.welcome_add.clicked.connect(self.add_folder_requested)
        self.welcome_import = QPushButton()
        self.welcome_import.clicked.connect(self.import_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.welcome_add)
        buttons.addWidget(self.welcome_import)
        buttons.addStretch(1)
        # A fixed-width card, so the wrapped text gets the width it needs to lay out.
        card = QWidget()
        card.setFixedWidth(480)
        cl = QVBoxLayout(card)
        cl.setSpacing(12)
        for label in (self.welcome_title, self.welcome_text):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            cl.addWidget(label)
        cl.addLayout(buttons)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        lay = QVBoxLayout(w)
        lay.addStretch(1)
        lay.addLayout(row)
        lay.addStretch(2)
        return w

    # language ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Set the browser's visible strings (again, after a language change)."""
        self.tree_tabs.setTabText(DATES_TAB, QCoreApplication.translate("MainWindow", "Dates"))
        self.tree_tabs.setTabText(TAGS_TAB, QCoreApplication.translate("MainWindow", "Tags"))
        self.tree_tabs.setTabText(PLACES_TAB, QCoreApplication.translate("MainWindow", "Places"))
        self.search.setPlaceholderText(
            QCoreApplication.translate("MainWindow", "Search tags, captions, people (Ctrl+F)")
        )
        self.welcome_title.setText(QCoreApplication.translate("MainWindow", "Welcome to pose"))
        self.welcome_text.setText(
            QCoreApplication.translate(
                "MainWindow",
                "Add a folder of photos or import your Instagram posts. Your files are never "
                "changed. pose then analyses them by itself (people, scenes, clothing); the "
                "Tags tab fills in as it goes. Drop photos on this window any time to get "
                "hashtag ideas.",
            )
        )
        self.welcome_add.setText(QCoreApplication.translate("MainWindow", "Add folder…"))
        self.welcome_import.setText(
            QCoreApplication.translate("MainWindow", "Import from Instagram…")
        )
        self.place_hint.setText(
            QCoreApplication.translate(
                "MainWindow",
                "No places yet. A photo gets its place from its GPS position (phones record "
                "one) or from its Instagram post's location; none of these photos has either.",
            )
        )
        self.show_tag_hint()
        self.update_grid_title()

    def retitle_grid(self) -> None:
        """Name what the grid shows again, in the language now in force."""
        f = self.grid_model.filter
        if self.grid_model.explicit_ids is not None or f is None:
            return
        view, model = self.active_tree()
        idx = view.currentIndex()
        label = ""
        if not f.text and idx.isValid() and model.data(idx, FilterRole) == f:
            label = model.data(idx.siblingAtColumn(0), Qt.ItemDataRole.DisplayRole) or ""
        self.grid_model.title = describe_filter(f, label)

    def show_tag_hint(self, show: bool | None = None) -> None:
        """Say what the Tags tab will hold: analysing now, or press Analyse."""
        if show is not None:
            self.tag_hint_wanted = show
        running, can_start = self.analysis_state()
        if running:
            text = QCoreApplication.translate(
                "MainWindow",
                "Analysing your photos… Scenes, objects, people, clothing and moods appear "
                "here as they are found; hashtags from captions are here already.",
            )
        else:
            text = QCoreApplication.translate(
                "MainWindow",
                "Scenes, objects, people, clothing and moods appear here once the photos "
                "are analysed (on this computer; nothing is uploaded).",
            )
        self.tag_hint_text.setText(text)
        self.tag_hint_button.setText(QCoreApplication.translate("MainWindow", "Analyse now"))
        self.tag_hint_button.setVisible(not running and can_start)
        self.tag_hint.setVisible(self.tag_hint_wanted)

    # loading ----------------------------------------------------------------------------
    def reload_trees(self) -> None:
        """Re-read the trees, keeping expanded branches and the selection."""
        years = self.library.photos.date_tree()
        total = sum(y.count for y in years)
        self._apply_trees(
            build_date_nodes(years, total, month_names()),
            total,
            build_tag_nodes(self.library.photos.tag_tree(), *self._flags_for_tree()),
        )
        self._apply_places(build_place_nodes(self.library.photos.place_tree()))

    def _apply_places(self, nodes) -> None:
        """Swap in the places tree, keeping the selected place."""
        current = key_of(self.place_model, self.place_view.currentIndex())
        self.place_view.selectionModel().blockSignals(True)
        self.place_model.update_roots(nodes)
        placed = self.place_model.rowCount() > 0
        self.place_hint.setVisible(not placed)
        self.place_view.setVisible(placed)  # not an empty white box under the hint
        if current is not None:
            idx = self.place_model.find_key(current)
            if idx.isValid():
                self.place_view.setCurrentIndex(idx)
        self.place_view.selectionModel().blockSignals(False)

    def _apply_trees(self, date_nodes, total, tag_nodes, shapes=(None, None)) -> None:
        """Swap in prebuilt tree nodes, keeping expanded branches and the selection."""
        for view, model, nodes, shape in (
            (self.date_view, self.date_model, date_nodes, shapes[0]),
            (self.tag_view, self.tag_model, tag_nodes, shapes[1]),
        ):
            expanded = self._expanded_keys(view, model)
            current = key_of(model, view.currentIndex())
            view.selectionModel().blockSignals(True)
            if model.update_roots(nodes, shape):  # same shape: counts changed in place
                view.selectionModel().blockSignals(False)
                continue
            for key in expanded:
                idx = model.find_key(key)
                if idx.isValid():
                    view.setExpanded(idx, True)
            if current is not None:
                idx = model.find_key(current)
                if idx.isValid():
                    view.setCurrentIndex(idx)
            view.selectionModel().blockSignals(False)
        if not self.date_view.currentIndex().isValid() and self.date_model.rowCount():
            self.date_view.selectionModel().blockSignals(True)
            self.date_view.setCurrentIndex(self.date_model.index(0, 0))
            self.date_view.selectionModel().blockSignals(False)
            if self.date_model.rowCount() > 1:
                self.date_view.setExpanded(self.date_model.index(1, 0), True)
        has_photos = total > 0
        self.grid_stack.setCurrentIndex(0 if has_photos else 1)
        analysed = any(
            n.key[1] in ANALYSIS_KINDS and n.count for n in tag_nodes if len(n.key) == 2
        )
        self.show_tag_hint(has_photos and not analysed)

    def _flags_for_tree(self) -> tuple[list, str]:
        """Flagged photos (hashtag does not fit the picture) for the tag tree, any thread."""
        try:
            return self.library.pictures.flags(refresh=False), self.library.photos.kind_label("flag")
        except Exception as exc:  # the flag service failing must not hide the tree
            log.warning("flags unavailable: %s", exc)
            return [], ""

    @staticmethod
    def _expanded_keys(view: QTreeView, model: NodeTreeModel) -> list[tuple]:
        keys = []

        def walk(parent: QModelIndex) -> None:
            for r in range(model.rowCount(parent)):
                idx = model.index(r, 0, parent)
                if view.isExpanded(idx):
                    keys.append(key_of(model, idx))
                    walk(idx)

        walk(QModelIndex())
        return keys

    def schedule_refresh(self) -> None:
        """Refresh the views soon (coalesces the many progress events of a job)."""
        if not self.refresh_timer.isActive():
            self.refresh_timer.start()

    def refresh_views_async(self) -> None:
        """Re-query trees and grid ids on a worker; apply them on the GUI thread."""
        if self.closing:
            return
        if self._refresh_task is not None:
            self._refresh_pending = True
            return
        lib, grid, months = self.library, self.grid_model, month_names()
        flag_label = self.library.photos.kind_label("flag")
        flags_of = self._flags_for_tree

        def query():  # on a worker: SQL and building the tree nodes (plain Python)
            years = lib.photos.date_tree()
            total = sum(y.count for y in years)
            flags, _ = flags_of()
            dates = build_date_nodes(years, total, months)
            tags = build_tag_nodes(lib.photos.tag_tree(), flags, flag_label)
            return (
                dates,
                total,
                tags,
                (shape_of(dates), shape_of(tags)),
                grid.query_ids(),
                read_problems(lib),
                build_place_nodes(lib.photos.place_tree()),
            )

        def apply(result) -> None:
            self._refresh_task = None
            date_nodes, total, tag_nodes, shapes, ids, problems, place_nodes = result
            self._apply_trees(date_nodes, total, tag_nodes, shapes)
            self._apply_places(place_nodes)
            current = self.current_photo_id()
            scroll = self.grid.verticalScrollBar().value()
            self.grid_model.set_ids(ids)
            self._restore_current_photo(current)
            self.grid.verticalScrollBar().setValue(scroll)
            self.update_grid_title()
            self.refreshed.emit(problems)
            if self._refresh_pending:
                self._refresh_pending = False
                self.schedule_refresh()

        def failed(message: str) -> None:
            self._refresh_task = None
            log.warning("refresh failed: %s", message)

        self._refresh_task = run_task(query, on_done=apply, on_error=failed, owner=self)

    def stop(self) -> None:
        """The window closes: no more refreshes start."""
        self.closing = True
        self.refresh_timer.stop()

    def discard_refresh(self) -> None:
        """Drop the result of a refresh still under way (the catalog is closing)."""
        if self._refresh_task is not None:
            self._refresh_task.discard()

    def _restore_current_photo(self, current: int | None) -> None:
        if current is None:
            return
        row = self.grid_model.row_of(current)
        if row >= 0:
            sm = self.grid.selectionModel()
            sm.blockSignals(True)
            self.grid.setCurrentIndex(self.grid_model.index(row))
            sm.blockSignals(False)

    # tree → grid ------------------------------------------------------------------------
    def active_tree(self) -> tuple[QTreeView, NodeTreeModel]:
        """The tree of the tab shown, and its model."""
        if self.tree_tabs.currentIndex() == TAGS_TAB:
            return self.tag_view, self.tag_model
        if self.tree_tabs.currentIndex() == PLACES_TAB:
            return self.place_view, self.place_model
        return self.date_view, self.date_model

    def apply_tree_selection(self, force: bool = False) -> None:
        """Fill the grid with the photos of the active tree's current row (unless a
        search is in force; ``force``: also with nothing selected, all photos)."""
        if self.search.text().strip() and not force:
            return
        view, model = self.active_tree()
        idx = view.currentIndex()
        f = model.data(idx, FilterRole) if idx.isValid() else None
        if f is None and not force:
            return
        label = (
            model.data(idx.siblingAtColumn(0), Qt.ItemDataRole.DisplayRole) if idx.isValid() else ""
        )
        f = f or PhotoFilter()
        self.show_filter(f, describe_filter(f, label or ""))

    def show_filter(self, f: PhotoFilter, title: str) -> None:
        """Show the photos matching ``f`` under ``title``, the first one current."""
        self.grid_model.set_filter(f, title)
        self.photos_shown.emit()
        self.select_first_photo()

    def show_ids(self, ids: list[int], title: str) -> None:
        """Show exactly these photos, in this order (the search box is cleared)."""
        self._clear_search_quietly()
        self.grid_model.set_explicit(ids, title)
        self.photos_shown.emit()
        self.select_first_photo()

    def select_first_photo(self) -> None:
        """Make the grid's first photo current (or show no photo's details)."""
        if self.grid_model.rowCount():
            self.grid.setCurrentIndex(self.grid_model.index(0))
        else:
            self.detail.show_photo(None)

    def select_tag(self, kind: str, name: str) -> None:
        """Show the photos with a tag (and select it in the tag tree)."""
        self._clear_search_quietly()
        self.tree_tabs.setCurrentIndex(TAGS_TAB)
        idx = self.tag_model.find_key(("k", kind, name))
        if idx.isValid():
            self.tag_view.setCurrentIndex(idx)
            self.tag_view.scrollTo(idx)
        else:
            f = PhotoFilter(tag_kind=kind, tag_name=name)
            self.grid_model.set_filter(f, f"#{name}" if kind == "hashtag" else name)
            self.select_first_photo()

    def update_grid_title(self) -> None:
        """'What the grid shows · how many photos' above the grid."""
        n = self.grid_model.total()
        count = QCoreApplication.translate("MainWindow", "%n photo(s)", "", n).replace(str(n), QLocale().toString(n), 1)
        title = self.grid_model.title or QCoreApplication.translate("MainWindow", "All photos")
        self.grid_title.setText(f"{title}  ·  {count}")

    # search ------------------------------------------------------------------------------
    @add_action(
        "find",
        QT_TRANSLATE_NOOP("MainWindow", "Find"),
        tip=QT_TRANSLATE_NOOP("MainWindow", "Search tags, hashtags, captions and names"),
        shortcut=QKeySequence.StandardKey.Find,
        icon="edit-find",
        menu=Place("edit", 0, 10),
    )
    def focus_search(self) -> None:
        """Put the cursor in the search box, its text selected (Ctrl+F)."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def apply_search(self) -> None:
        """Fill the grid with what the search box finds (empty: the tree's selection)."""
        self.search_timer.stop()
        text = self.search.text().strip()
        if not text:
            self.apply_tree_selection(force=True)
            return
        f = PhotoFilter(text=text)
        self.show_filter(f, describe_filter(f))

    def _clear_search_quietly(self) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)

    # grid → details ----------------------------------------------------------------------
    def _on_current_photo(self, current: QModelIndex, _previous: QModelIndex) -> None:
        pid = current.data(PhotoIdRole) if current.isValid() else None
        self.detail.show_photo(pid)

    def current_photo_id(self) -> int | None:
        """The grid's current photo, or None."""
        idx = self.grid.currentIndex()
        return idx.data(PhotoIdRole) if idx.isValid() else None
