"""The main window: trees on the left, the grid in the middle, details on the right."""

from __future__ import annotations

import logging
import sys
import time

from PySide6.QtCore import QEvent, QLocale, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QGuiApplication,
    QIcon,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from pose_desktop.services import Library, PhotoFilter

from . import i18n
from .detail import DetailPanel, PhotoViewer
from .drop_panel import DropSuggestionsDialog
from .grid import PhotoGridModel, PhotoGridView, PhotoIdRole
from .jobs import JobsMixin
from .photo_actions import PhotoActionsMixin, reveal_in_file_manager  # noqa: F401 (re-exported)
from .problems import ProblemsPanel
from .settings import Settings
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
from .workers import GeneratorWorker, run_task, wait_for_all

log = logging.getLogger(__name__)

#: Tag kinds that come from analysing the photos (the Tags tab explains until one shows).
ANALYSIS_KINDS = ("scene", "object", "person", "clothing", "emotion", "colour")

#: While background work adds photos, views refresh at most this often (ms).
REFRESH_INTERVAL_MS = 2000


class MainWindow(PhotoActionsMixin, JobsMixin, QMainWindow):
    """pose_desktop's main window over one ``Library``."""

    #: A background job ended: (title, 'finished' | 'failed' | 'cancelled').
    job_ended = Signal(str, str)
    #: The views were reloaded from the catalog.
    views_refreshed = Signal()

    def __init__(self, library: Library, settings: Settings | None = None, parent=None) -> None:
        super().__init__(parent)
        # Background jobs run Python threads; a short GIL switch interval lets the GUI
        # thread get the interpreter back quickly (smooth scrolling while indexing).
        sys.setswitchinterval(min(sys.getswitchinterval(), 0.001))
        self.library = library
        self.settings = settings or Settings()
        self.workers: list[GeneratorWorker] = []
        self._removed: list[int] = []
        self._refresh_task = None
        self._refresh_pending = False
        self._closing = False
        self._viewer: PhotoViewer | None = None
        self.drop_dialog: DropSuggestionsDialog | None = None
        self.setObjectName("MainWindow")
        self.setAcceptDrops(True)
        self.setWindowIcon(app_icon())
        self.thumbs = ThumbnailLoader(self.settings.get("thumbnail_size"), parent=self)

        self._build_actions()
        self._build_views()
        self._build_menus_and_toolbar()
        self._build_status_bar()
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setSingleShot(True)
        self.refresh_timer.setInterval(REFRESH_INTERVAL_MS)
        self.refresh_timer.timeout.connect(self.refresh_views_async)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(300)
        self.search_timer.timeout.connect(self._apply_search)
        self.retranslate()
        self.reload_views()
        self._restore_state()

    # building ---------------------------------------------------------------------------
    def _action(self, slot, shortcut=None, icon: str | None = None) -> QAction:
        a = QAction(self)
        if shortcut is not None:
            a.setShortcut(QKeySequence(shortcut))
        if icon:
            a.setIcon(QIcon.fromTheme(icon))
        a.triggered.connect(slot)
        self.addAction(a)
        return a

    def _build_actions(self) -> None:
        A = self._action
        self.act_add_folder = A(
            self.add_folder_dialog, QKeySequence.StandardKey.Open, "folder-open"
        )
        self.act_instagram = A(self.open_import_dialog, "Ctrl+I", "document-import")
        self.act_analyse = A(self.start_analysis, "Ctrl+Shift+A", "system-run")
        self.act_settings = A(
            self.open_settings, QKeySequence.StandardKey.Preferences, "preferences-system"
        )
        if self.act_settings.shortcut().isEmpty():
            self.act_settings.setShortcut(QKeySequence("Ctrl+,"))
        self.act_quit = A(self.close, QKeySequence.StandardKey.Quit, "application-exit")
        self.act_find = A(self.focus_search, QKeySequence.StandardKey.Find, "edit-find")
        self.act_add_tag = A(self.add_tag_to_selection, "Ctrl+T")
        self.act_set_date = A(self.set_date_of_selection, "Ctrl+Shift+D")
        self.act_remove = A(self.remove_selected, None, "list-remove")
        self.act_undo_remove = A(self.undo_remove, QKeySequence.StandardKey.Undo, "edit-undo")
        self.act_show_file = A(self.show_in_file_manager, "Ctrl+Shift+R", "folder")
        self.act_copy_path = A(self.copy_path, "Ctrl+Shift+C")
        self.act_open = A(self.open_viewer, None, "zoom-in")
        self.act_play = A(self.play_current, "Ctrl+Shift+V", "media-playback-start")
        self.act_similar = A(self.more_like_this, "Ctrl+L")
        self.act_ideas = A(lambda: self.show_ideas_for_selection(), "Ctrl+H")
        self.act_duplicates = A(self.open_duplicates, None, "edit-copy")
        self.act_photos = A(lambda: self.show_page(0), "Ctrl+1")
        self.act_people = A(lambda: self.show_page(1), "Ctrl+2")
        self.act_photos.setCheckable(True)
        self.act_people.setCheckable(True)
        pages = QActionGroup(self)
        pages.setExclusive(True)
        pages.addAction(self.act_photos)
        pages.addAction(self.act_people)
        self.act_photos.setChecked(True)
        self.act_bigger = A(
            lambda: self.set_thumbnail_size(self.thumbs.size + 32), QKeySequence.StandardKey.ZoomIn
        )
        self.act_smaller = A(
            lambda: self.set_thumbnail_size(self.thumbs.size - 32), QKeySequence.StandardKey.ZoomOut
        )
        self.act_about = A(self.about)
        self.act_rescan = A(self.rescan_folders, QKeySequence.StandardKey.Refresh, "view-refresh")
        self.act_undo_remove.setEnabled(False)

    def _build_views(self) -> None:
        # left: trees
        self.date_model = DateTreeModel(self)
        self.tag_model = TagTreeModel(self)
        self.date_view = self._tree(self.date_model)
        self.tag_view = self._tree(self.tag_model)
        self.tag_view.customContextMenuRequested.connect(self._tag_menu)
        self.place_model = PlaceTreeModel(self)
        self.place_view = self._tree(self.place_model)
        self.tree_tabs = QTabWidget()
        self.tree_tabs.setDocumentMode(True)
        self.tree_tabs.addTab(self.date_view, "")
        self.tree_tabs.addTab(self._tag_page(), "")
        self.tree_tabs.addTab(self.place_view, "")
        self.tree_tabs.currentChanged.connect(lambda _: self._apply_tree_selection())
        # centre: grid (or an empty-library welcome) and the people page
        self.grid_model = PhotoGridModel(self.library, self.thumbs, self)
        self.grid = PhotoGridView()
        self.grid.set_cell(self.thumbs.size)
        self.grid.setModel(self.grid_model)
        self.grid.selectionModel().currentChanged.connect(self._on_current_photo)
        self.grid.doubleClicked.connect(lambda _: self.open_viewer())
        self.grid.preview_requested.connect(self.open_viewer)
        self.grid.remove_requested.connect(self.remove_selected)
        self.grid.customContextMenuRequested.connect(self._grid_menu)
        self.grid_model.photos_changed.connect(lambda _: self._update_grid_title())
        self.grid_title = QLabel()
        self.grid_title.setObjectName("gridTitle")
        self.welcome = self._welcome_widget()
        self.grid_stack = QStackedWidget()
        self.grid_stack.addWidget(self.grid)
        self.grid_stack.addWidget(self.welcome)
        grid_page = QWidget()
        gl = QVBoxLayout(grid_page)
        gl.setContentsMargins(0, 0, 0, 0)
        gl.setSpacing(0)
        gl.addWidget(self.grid_title)
        gl.addWidget(self.grid_stack, 1)
        from .people_view import PeopleView

        self.people_view = PeopleView(self.library, self.thumbs, self)
        self.people_view.photos_requested.connect(self._show_person_photos)
        self.people_view.people_changed.connect(self.reload_trees)
        self.people_view.analyse_requested.connect(self.start_analysis)
        self.people_view.photo_selected.connect(lambda pid: self.detail.show_photo(pid))
        self.pages = QStackedWidget()
        self.pages.addWidget(grid_page)
        self.pages.addWidget(self.people_view)
        # right: details
        self.detail = DetailPanel(self.library)
        self.detail.tag_activated.connect(self.select_tag)
        self.detail.ideas_requested.connect(lambda pid: self.show_ideas_for_selection([pid]))
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.tree_tabs)
        self.splitter.addWidget(self.pages)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([250, 760, 340])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        # bottom: problems
        self.problems = ProblemsPanel()
        self.problems.counts_changed.connect(self._update_problem_button)
        self.problems_dock = QDockWidget(self)
        self.problems_dock.setObjectName("problemsDock")
        self.problems_dock.setWidget(self.problems)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)
        self.problems_dock.hide()
        self.act_problems = self.problems_dock.toggleViewAction()
        self.act_problems.setShortcut(QKeySequence("Ctrl+Shift+P"))

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
        view.selectionModel().currentChanged.connect(lambda *_: self._apply_tree_selection())
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
        self.tag_hint_button.clicked.connect(self.start_analysis)
        hl.addWidget(self.tag_hint_text)
        hl.addWidget(self.tag_hint_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.tag_hint.hide()
        lay.addWidget(self.tag_hint)
        lay.addWidget(self.tag_view, 1)
        return page

    def _show_tag_hint(self, show: bool | None = None) -> None:
        """Say what the Tags tab will hold: analysing now, or press Analyse."""
        if show is not None:
            self._tag_hint_wanted = show
        show = getattr(self, "_tag_hint_wanted", False)
        running = any(w.running and w.title == self.tr("Analysing photos") for w in self.workers)
        if running:
            text = self.tr(
                "Analysing your photos… Scenes, objects, people, clothing and moods appear "
                "here as they are found; hashtags from captions are here already."
            )
        else:
            text = self.tr(
                "Scenes, objects, people, clothing and moods appear here once the photos "
                "are analysed (on this computer; nothing is uploaded)."
            )
        self.tag_hint_text.setText(text)
        self.tag_hint_button.setText(self.tr("Analyse now"))
        self.tag_hint_button.setVisible(not running and self.act_analyse.isEnabled())
        self.tag_hint.setVisible(show)

    def _welcome_widget(self) -> QWidget:
        w = QWidget()
        w.setObjectName("welcome")
        self.welcome_title = QLabel()
        self.welcome_title.setObjectName("welcomeTitle")
        self.welcome_text = QLabel()
        self.welcome_text.setWordWrap(True)
        self.welcome_add = QPushButton()
        self.welcome_add.clicked.connect(self.add_folder_dialog)
        self.welcome_import = QPushButton()
        self.welcome_import.clicked.connect(self.open_import_dialog)
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

    def _build_menus_and_toolbar(self) -> None:
        mb = self.menuBar()
        self.menu_file = mb.addMenu("")
        self.menu_file.addActions([self.act_add_folder, self.act_rescan, self.act_instagram])
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_settings)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        self.menu_edit = mb.addMenu("")
        self.menu_edit.addActions(
            [
                self.act_find,
                self.act_add_tag,
                self.act_set_date,
                self.act_remove,
                self.act_undo_remove,
                self.act_copy_path,
            ]
        )
        self.menu_view = mb.addMenu("")
        self.menu_view.addActions([self.act_photos, self.act_people])
        self.menu_view.addSeparator()
        self.menu_view.addActions(
            [self.act_open, self.act_play, self.act_similar, self.act_ideas, self.act_show_file]
        )
        self.menu_view.addSeparator()
        self.menu_view.addActions([self.act_bigger, self.act_smaller, self.act_problems])
        self.menu_tools = mb.addMenu("")
        self.menu_tools.addActions([self.act_analyse, self.act_duplicates])
        self.menu_help = mb.addMenu("")
        self.menu_help.addAction(self.act_about)

        tb = self.addToolBar("main")
        self.toolbar = tb
        tb.setObjectName("mainToolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tb.addActions([self.act_add_folder, self.act_instagram, self.act_analyse])
        tb.addSeparator()
        tb.addActions([self.act_photos, self.act_people])
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        tb.addWidget(spacer)
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.search.textChanged.connect(lambda _: self.search_timer.start())
        self.search.returnPressed.connect(self._apply_search)
        tb.addWidget(self.search)
        tb.addAction(self.act_settings)

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        self.tasks_box = QWidget()
        self.tasks_layout = QHBoxLayout(self.tasks_box)
        self.tasks_layout.setContentsMargins(0, 0, 0, 0)
        sb.addPermanentWidget(self.tasks_box)
        self.problems_button = QToolButton()
        self.problems_button.setAutoRaise(True)
        self.problems_button.clicked.connect(
            lambda: self.problems_dock.setVisible(not self.problems_dock.isVisible())
        )
        sb.addPermanentWidget(self.problems_button)
        self.device_label = QLabel()
        sb.addPermanentWidget(self.device_label)

    # language ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Set every visible string (called again on a language change)."""
        title = self.tr("Photo library — pose")
        if self.library.readonly:
            title += " " + self.tr("(read-only: open in another window)")
        self.setWindowTitle(title)
        texts = {
            self.act_add_folder: (
                self.tr("Add folder…"),
                self.tr("Index a folder of photos (it is never changed)"),
            ),
            self.act_instagram: (
                self.tr("Instagram…"),
                self.tr("Import your posts from Instagram"),
            ),
            self.act_analyse: (
                self.tr("Analyse"),
                self.tr("Find people, scenes and clothing in the photos"),
            ),
            self.act_settings: (self.tr("Settings…"), self.tr("Settings")),
            self.act_quit: (self.tr("Quit"), None),
            self.act_find: (self.tr("Find"), self.tr("Search tags, hashtags, captions and names")),
            self.act_add_tag: (self.tr("Add tag…"), None),
            self.act_set_date: (
                self.tr("Set date…"),
                self.tr("Set the date of the selected photos (kept in the catalog, written to XMP)"),
            ),
            self.act_remove: (
                self.tr("Remove from catalog"),
                self.tr("The files stay where they are"),
            ),
            self.act_undo_remove: (self.tr("Undo remove"), None),
            self.act_show_file: (self.tr("Show in file manager"), None),
            self.act_copy_path: (self.tr("Copy file path"), None),
            self.act_open: (self.tr("View"), None),
            self.act_play: (self.tr("Play"), self.tr("Play the video in the system's player")),
            self.act_similar: (self.tr("More like this"), None),
            self.act_ideas: (
                self.tr("Hashtag ideas…"),
                self.tr("Hashtags that fit the selected photos; keep the ones you like"),
            ),
            self.act_duplicates: (
                self.tr("Find duplicates…"),
                self.tr("Copies of one shot side by side: keep one (files are never deleted)"),
            ),
            self.act_photos: (self.tr("Photos"), None),
            self.act_people: (self.tr("People"), None),
            self.act_bigger: (self.tr("Bigger thumbnails"), None),
            self.act_smaller: (self.tr("Smaller thumbnails"), None),
            self.act_problems: (self.tr("Problems panel"), None),
            self.act_about: (self.tr("About pose"), None),
            self.act_rescan: (
                self.tr("Check library folders for changes"),
                self.tr("Index new and changed photos in your library folders (F5)"),
            ),
        }
        for action, (text, tip) in texts.items():
            action.setText(text)
            action.setToolTip(tip or text.rstrip("…"))
        self.act_remove.setShortcuts([QKeySequence(Qt.Key.Key_Delete)])
        # Delete acts on the grid only: pressing it in the search box or a tree must not
        # remove the photos selected in the grid.
        self.act_remove.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.removeAction(self.act_remove)
        self.grid.addAction(self.act_remove)
        self.problems_dock.setWindowTitle(self.tr("Problems"))
        self.menu_file.setTitle(self.tr("&File"))
        self.menu_edit.setTitle(self.tr("&Edit"))
        self.menu_view.setTitle(self.tr("&View"))
        self.menu_tools.setTitle(self.tr("&Tools"))
        self.menu_help.setTitle(self.tr("&Help"))
        self.tree_tabs.setTabText(0, self.tr("Dates"))
        self.tree_tabs.setTabText(1, self.tr("Tags"))
        self.tree_tabs.setTabText(2, self.tr("Places"))
        self.search.setPlaceholderText(self.tr("Search tags, captions, people (Ctrl+F)"))
        self.welcome_title.setText(self.tr("Welcome to pose"))
        self.welcome_text.setText(
            self.tr(
                "Add a folder of photos or import your Instagram posts. Your files are never "
                "changed. pose then analyses them by itself (people, scenes, clothing); the "
                "Tags tab fills in as it goes. Drop photos on this window any time to get "
                "hashtag ideas."
            )
        )
        self.welcome_add.setText(self.tr("Add folder…"))
        self.welcome_import.setText(self.tr("Import from Instagram…"))
        self._show_tag_hint()
        self._update_grid_title()
        self._update_problem_button(*self.problems.model.counts())
        self._update_device_label()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_language(self, lang: str) -> None:
        """Switch the interface and the tag names to ``lang`` ('ko' or 'en')."""
        i18n.set_language(lang)
        self.library.lang = lang
        self.settings.set("language", lang)
        self.reload_trees()
        self._retitle_grid()
        self.grid_model.set_ids(list(self.grid_model.ids))
        self.retranslate()

    def _retitle_grid(self) -> None:
        """Name what the grid shows again, in the language now in force."""
        f = self.grid_model.filter
        if self.grid_model.explicit_ids is not None or f is None:
            return
        view, model = self._active_tree()
        idx = view.currentIndex()
        label = ""
        if not f.text and idx.isValid() and model.data(idx, FilterRole) == f:
            label = model.data(idx.siblingAtColumn(0), Qt.ItemDataRole.DisplayRole) or ""
        self.grid_model.title = describe_filter(f, label)

    # loading views ---------------------------------------------------------------------
    def reload_views(self) -> None:
        """Read the trees and the grid from the catalog now (on the GUI thread)."""
        self.reload_trees()
        self._apply_tree_selection(force=True)
        self.problems.model.set_issues(self.library.photos.issues(limit=5000))
        self.people_view.reload()

    def reload_trees(self) -> None:
        """Re-read both trees, keeping expanded branches and the selection."""
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
        self._show_tag_hint(has_photos and not analysed)

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
        if self._closing:
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
                lib.photos.issues(limit=5000),
                build_place_nodes(lib.photos.place_tree()),
            )

        def apply(result) -> None:
            self._refresh_task = None
            date_nodes, total, tag_nodes, shapes, ids, issues, place_nodes = result
            self._apply_trees(date_nodes, total, tag_nodes, shapes)
            self._apply_places(place_nodes)
            current = (
                self.grid.currentIndex().data(PhotoIdRole)
                if self.grid.currentIndex().isValid()
                else None
            )
            selected = set(self.grid.selected_ids())
            scroll = self.grid.verticalScrollBar().value()
            self.grid_model.set_ids(ids)
            self._restore_grid_selection(current, selected)
            self.grid.verticalScrollBar().setValue(scroll)
            self.problems.model.set_issues(issues)
            self._update_grid_title()
            self.views_refreshed.emit()
            if self._refresh_pending:
                self._refresh_pending = False
                self.schedule_refresh()

        def failed(message: str) -> None:
            self._refresh_task = None
            log.warning("refresh failed: %s", message)

        self._refresh_task = run_task(query, on_done=apply, on_error=failed, owner=self)

    def _restore_grid_selection(self, current: int | None, selected: set[int]) -> None:
        if current is None:
            return
        row = self.grid_model.row_of(current)
        if row >= 0:
            sm = self.grid.selectionModel()
            sm.blockSignals(True)
            self.grid.setCurrentIndex(self.grid_model.index(row))
            sm.blockSignals(False)

    # tree → grid ------------------------------------------------------------------------
    def _active_tree(self) -> tuple[QTreeView, NodeTreeModel]:
        if self.tree_tabs.currentIndex() == 1:
            return self.tag_view, self.tag_model
        if self.tree_tabs.currentIndex() == 2:
            return self.place_view, self.place_model
        return self.date_view, self.date_model

    def _apply_tree_selection(self, force: bool = False) -> None:
        if self.search.text().strip() and not force:
            return
        view, model = self._active_tree()
        idx = view.currentIndex()
        f = model.data(idx, FilterRole) if idx.isValid() else None
        if f is None and not force:
            return
        label = (
            model.data(idx.siblingAtColumn(0), Qt.ItemDataRole.DisplayRole) if idx.isValid() else ""
        )
        f = f or PhotoFilter()
        self.grid_model.set_filter(f, describe_filter(f, label or ""))
        self.show_page(0)
        self._select_first_photo()

    def _select_first_photo(self) -> None:
        if self.grid_model.rowCount():
            self.grid.setCurrentIndex(self.grid_model.index(0))
        else:
            self.detail.show_photo(None)

    def select_tag(self, kind: str, name: str) -> None:
        """Show the photos with a tag (and select it in the tag tree)."""
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.tree_tabs.setCurrentIndex(1)
        idx = self.tag_model.find_key(("k", kind, name))
        if idx.isValid():
            self.tag_view.setCurrentIndex(idx)
            self.tag_view.scrollTo(idx)
        else:
            f = PhotoFilter(tag_kind=kind, tag_name=name)
            self.grid_model.set_filter(f, f"#{name}" if kind == "hashtag" else name)
            self._select_first_photo()

    def _update_grid_title(self) -> None:
        n = self.grid_model.total()
        count = self.tr("%n photo(s)", "", n).replace(str(n), QLocale().toString(n), 1)
        title = self.grid_model.title or self.tr("All photos")
        self.grid_title.setText(f"{title}  ·  {count}")

    # search ------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _apply_search(self) -> None:
        self.search_timer.stop()
        text = self.search.text().strip()
        if not text:
            self._apply_tree_selection(force=True)
            return
        f = PhotoFilter(text=text)
        self.grid_model.set_filter(f, describe_filter(f))
        self.show_page(0)
        self._select_first_photo()

    # grid actions ------------------------------------------------------------------------
    def _on_current_photo(self, current: QModelIndex, _previous: QModelIndex) -> None:
        pid = current.data(PhotoIdRole) if current.isValid() else None
        self.detail.show_photo(pid)

    def current_photo_id(self) -> int | None:
        idx = self.grid.currentIndex()
        return idx.data(PhotoIdRole) if idx.isValid() else None

    # pages -------------------------------------------------------------------------------
    def show_page(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self.act_photos.setChecked(page == 0)
        self.act_people.setChecked(page == 1)
        if page == 1:
            self.people_view.reload()
        elif self.detail.photo is None or self.detail.photo.id != self.current_photo_id():
            self.detail.show_photo(self.current_photo_id())  # back from People: the grid's photo

    def _show_person_photos(self, f: PhotoFilter, title: str) -> None:
        self.grid_model.set_filter(f, title)
        self.show_page(0)
        self._select_first_photo()

    # drag and drop -------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        if event.source() is not None:  # our own grid's photos dragged over the window
            event.ignore()
            return
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.show_drop_suggestions(paths)

    def show_drop_suggestions(self, paths: list[str]) -> DropSuggestionsDialog:
        """Open (or reuse) the suggestions panel for dropped files."""
        self._ideas_dialog().set_files(paths)
        self.drop_dialog.show()
        self.drop_dialog.raise_()
        return self.drop_dialog

    # window state -------------------------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self.settings.window_state("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            screen = QGuiApplication.primaryScreen()
            avail = screen.availableGeometry() if screen else None
            if avail is not None:
                self.resize(min(1400, avail.width() - 80), min(860, avail.height() - 80))
        state = self.settings.window_state("state")
        if state is not None:
            self.restoreState(state)
        splitter = self.settings.window_state("splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        tab = self.settings.value("tree_tab")
        if tab is not None:
            self.tree_tabs.setCurrentIndex(int(tab))

    def save_state(self) -> None:
        """Remember geometry, docks, splitter sizes and the tree tab."""
        self.settings.set_window_state("geometry", self.saveGeometry())
        self.settings.set_window_state("state", self.saveState())
        self.settings.set_window_state("splitter", self.splitter.saveState())
        self.settings.set_value("tree_tab", self.tree_tabs.currentIndex())
        self.settings.sync()

    def closeEvent(self, event) -> None:
        self._closing = True
        self.stop_watching()
        self.refresh_timer.stop()
        for w in list(self.workers):
            w.cancel()
        self.save_state()
        deadline = time.monotonic() + 10
        while self.workers and time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.02)
        if self._refresh_task is not None:
            self._refresh_task.discard()
        self._join_background_reads()
        super().closeEvent(event)

    def _join_background_reads(self) -> None:
        """Wait for the reads this window started on the pools (trees, grid pages, the
        people page, previews, thumbnails): whoever closes the window closes the catalog
        next, and a SQLite connection closed under a running query crashes the process.
        Results that arrive meanwhile are delivered (they may ask for more), then joined."""
        for _ in range(3):
            idle = wait_for_all(10_000)
            self.thumbs.wait(10_000)
            QApplication.processEvents()
            if idle and wait_for_all(0):
                return
        log.warning("background work still running after the window closed")


def app_icon() -> QIcon:
    """The application icon from resources/icons."""
    from pose_desktop.paths import resources_dir

    icon = QIcon()
    folder = resources_dir() / "icons"
    for name in (
        "pose.svg",
        "pose-256.png",
        "pose-128.png",
        "pose-64.png",
        "pose-32.png",
        "pose-16.png",
    ):
        p = folder / name
        if p.exists():
            icon.addFile(str(p))
    return icon
