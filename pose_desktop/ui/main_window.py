"""The main window: trees on the left, the grid in the middle, details on the right.

It composes its parts: the photo browser (``browser.py``: trees, search box, grid, detail
panel), the People page, the problems panel and the status bar's jobs; and its actions
(``actions.py``), declared where their features live (``jobs.py``, ``photo_actions.py``,
``browser.py``, and the window's own below). Menus, toolbar and the grid's context menu
are built from the action registry.
"""

from __future__ import annotations

import logging
import sys
import time

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QWidget,
)

from pose_desktop.services import Library

from . import i18n
from .actions import ActionRegistry, Place, add_action
from .browser import ANALYSIS_KINDS, REFRESH_INTERVAL_MS, PhotoBrowser  # noqa: F401
from .detail import PhotoViewer
from .drop_panel import DropSuggestionsDialog
from .i18n import Retranslates
from .jobs import JobsMixin
from .people_view import PeopleView
from .photo_actions import PhotoActionsMixin, reveal_in_file_manager  # noqa: F401 (re-exported)
from .problems import ProblemsPanel, read_problems
from .settings import Settings
from .thumbnails import ThumbnailLoader
from .workers import GeneratorWorker, wait_for_all

log = logging.getLogger(__name__)

#: The menu bar, left to right: (id an action's ``Place`` names, title).
MENUS = (
    ("file", QT_TRANSLATE_NOOP("MainWindow", "&File")),
    ("edit", QT_TRANSLATE_NOOP("MainWindow", "&Edit")),
    ("view", QT_TRANSLATE_NOOP("MainWindow", "&View")),
    ("tools", QT_TRANSLATE_NOOP("MainWindow", "&Tools")),
    ("help", QT_TRANSLATE_NOOP("MainWindow", "&Help")),
)

PHOTOS_PAGE, PEOPLE_PAGE = 0, 1


class MainWindow(Retranslates, PhotoActionsMixin, JobsMixin, QMainWindow):
    """pose_desktop's main window over one ``Library``.

    Each action is a ``QAction`` in ``action_registry`` (also ``act_<id>``, e.g.
    ``act_find``); the browser's widgets are reachable as the window's too (``grid``,
    ``grid_model``, ``search``, ``detail``, the trees)."""

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
        self._viewer: PhotoViewer | None = None
        self.drop_dialog: DropSuggestionsDialog | None = None
        self.setObjectName("MainWindow")
        self.setAcceptDrops(True)
        self.setWindowIcon(app_icon())
        self.thumbs = ThumbnailLoader(self.settings.get("thumbnail_size"), parent=self)

        self._build_views()
        self.action_registry = ActionRegistry(self)
        self.action_registry.collect(self, scopes={"grid": self.grid})
        self.action_registry.collect(self.browser)
        for action_id, action in self.action_registry.actions.items():
            setattr(self, f"act_{action_id}", action)
        self._build_menus_and_toolbar()
        self._build_status_bar()
        self.retranslate()
        self.reload_views()
        self._restore_state()

    # building ---------------------------------------------------------------------------
    def _build_views(self) -> None:
        b = self.browser = PhotoBrowser(
            self.library, self.thumbs, self, analysis_state=self._analysis_state
        )
        # the browser's widgets, by the names the window's actions and callers use
        self.tree_tabs, self.search, self.detail = b.tree_tabs, b.search, b.detail
        self.date_view, self.date_model = b.date_view, b.date_model
        self.tag_view, self.tag_model = b.tag_view, b.tag_model
        self.place_view, self.place_model = b.place_view, b.place_model
        self.grid, self.grid_model, self.grid_title = b.grid, b.grid_model, b.grid_title
        b.photos_shown.connect(lambda: self.show_page(PHOTOS_PAGE))
        b.refreshed.connect(self._refreshed)
        b.add_folder_requested.connect(self.add_folder_dialog)
        b.import_requested.connect(self.open_import_dialog)
        b.analyse_requested.connect(self.start_analysis)
        self.tag_view.customContextMenuRequested.connect(self._tag_menu)
        self.grid.doubleClicked.connect(lambda _: self.open_viewer())
        self.grid.preview_requested.connect(self.open_viewer)
        self.grid.remove_requested.connect(self.remove_selected)
        self.grid.customContextMenuRequested.connect(self._grid_menu)
        self.detail.ideas_requested.connect(lambda pid: self.show_ideas_for_selection([pid]))
        # centre: the grid page and the people page
        self.people_view = PeopleView(self.library, self.thumbs, self)
        self.people_view.photos_requested.connect(b.show_filter)
        self.people_view.people_changed.connect(self.reload_trees)
        # a face just named (or moved) shows its new name on the photo in the detail panel
        self.people_view.people_changed.connect(self.detail.refresh)
        self.people_view.analyse_requested.connect(self.start_analysis)
        self.people_view.photo_selected.connect(lambda pid: self.detail.show_photo(pid))
        self.pages = QStackedWidget()
        self.pages.addWidget(b.grid_page)
        self.pages.addWidget(self.people_view)
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
        self.problems.retry_requested.connect(lambda: self.start_analysis(retry_errors=True))
        self.problems_dock = QDockWidget(self)
        self.problems_dock.setObjectName("problemsDock")
        self.problems_dock.setWidget(self.problems)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)
        self.problems_dock.hide()

    def _build_menus_and_toolbar(self) -> None:
        mb = self.menuBar()
        self.menus = {}
        for menu_id, _title in MENUS:
            menu = self.menus[menu_id] = mb.addMenu("")
            self.action_registry.fill(menu, menu_id)
        self.menu_file, self.menu_edit, self.menu_view = (self.menus[m] for m in ("file", "edit", "view"))
        self.menu_tools, self.menu_help = self.menus["tools"], self.menus["help"]

        tb = self.addToolBar("main")
        self.toolbar = tb
        tb.setObjectName("mainToolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.action_registry.fill(tb, "toolbar", sections=(0, 1))
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        tb.addWidget(spacer)
        tb.addWidget(self.search)
        self.action_registry.fill(tb, "toolbar", sections=(2,))

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

    # the window's own actions -------------------------------------------------------------
    @add_action(
        "quit",
        QT_TRANSLATE_NOOP("MainWindow", "Quit"),
        shortcut=QKeySequence.StandardKey.Quit,
        icon="application-exit",
        menu=Place("file", 2, 10),
    )
    def quit(self) -> None:
        """Close the window (jobs are cancelled, what they finished is kept)."""
        self.close()

    @add_action(
        "photos",
        QT_TRANSLATE_NOOP("MainWindow", "Photos"),
        shortcut="Ctrl+1",
        menu=Place("view", 0, 10),
        toolbar=Place("toolbar", 1, 10),
        checkable=True,
        checked=True,
        group="pages",
    )
    def show_photos_page(self) -> None:
        """The grid of photos (Ctrl+1)."""
        self.show_page(PHOTOS_PAGE)

    @add_action(
        "people",
        QT_TRANSLATE_NOOP("MainWindow", "People"),
        shortcut="Ctrl+2",
        menu=Place("view", 0, 20),
        toolbar=Place("toolbar", 1, 20),
        checkable=True,
        group="pages",
    )
    def show_people_page(self) -> None:
        """The People page (Ctrl+2)."""
        self.show_page(PEOPLE_PAGE)

    @add_action(
        "problems",
        QT_TRANSLATE_NOOP("MainWindow", "Problems panel"),
        shortcut="Ctrl+Shift+P",
        menu=Place("view", 2, 30),
        adopt=True,
    )
    def problems_toggle(self) -> QAction:
        """The problems dock's own show/hide action (checked while it shows)."""
        return self.problems_dock.toggleViewAction()

    # language ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Set every visible string (called again on a language change)."""
        title = self.tr("Photo library — pose")
        if self.library.readonly:
            title += " " + self.tr("(read-only: open in another window)")
        self.setWindowTitle(title)
        # the dock first: its title renames its toggle action, which the registry names
        self.problems_dock.setWindowTitle(self.tr("Problems"))
        self.action_registry.retranslate()
        for menu_id, title in MENUS:
            self.menus[menu_id].setTitle(QCoreApplication.translate("MainWindow", title))
        self.browser.retranslate()
        self._update_problem_button(*self.problems.model.counts())
        self._update_device_label()

    def set_language(self, lang: str) -> None:
        """Switch the interface and the tag names to ``lang`` ('ko' or 'en')."""
        i18n.set_language(lang)
        self.library.lang = lang
        self.settings.set("language", lang)
        self.reload_trees()
        self.problems.model.set_issues(*read_problems(self.library))  # their reasons
        self.browser.retitle_grid()
        self.grid_model.set_ids(list(self.grid_model.ids))
        self.retranslate()

    # loading views ---------------------------------------------------------------------
    def reload_views(self) -> None:
        """Read the trees and the grid from the catalog now (on the GUI thread)."""
        self.reload_trees()
        self.browser.apply_tree_selection(force=True)
        self.problems.model.set_issues(*read_problems(self.library))
        self.people_view.reload()

    def reload_trees(self) -> None:
        """Re-read the trees, keeping expanded branches and the selection."""
        self.browser.reload_trees()

    def schedule_refresh(self) -> None:
        """Refresh the views soon (coalesces the many progress events of a job)."""
        self.browser.schedule_refresh()

    def refresh_views_async(self) -> None:
        """Re-query trees and grid ids on a worker; apply them on the GUI thread."""
        self.browser.refresh_views_async()

    def _refreshed(self, problems) -> None:
        self.problems.model.set_issues(*problems)
        self.views_refreshed.emit()

    def current_photo_id(self) -> int | None:
        """The grid's current photo, or None."""
        return self.browser.current_photo_id()

    def select_tag(self, kind: str, name: str) -> None:
        """Show the photos with a tag (and select it in the tag tree)."""
        self.browser.select_tag(kind, name)

    def _analysis_state(self) -> tuple[bool, bool]:
        """(the analysis runs now, it can be started): for the Tags tab's hint."""
        title = self.tr("Analysing photos")
        running = any(w.running and w.title == title for w in self.workers)
        return running, self.action_registry["analyse"].isEnabled()

    # pages -------------------------------------------------------------------------------
    def show_page(self, page: int) -> None:
        """Show the Photos (0) or the People (1) page."""
        self.pages.setCurrentIndex(page)
        self.act_photos.setChecked(page == PHOTOS_PAGE)
        self.act_people.setChecked(page == PEOPLE_PAGE)
        if page == PEOPLE_PAGE:
            self.people_view.reload()
        elif self.detail.photo is None or self.detail.photo.id != self.current_photo_id():
            self.detail.show_photo(self.current_photo_id())  # back from People: the grid's photo

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
        self.browser.stop()
        self.stop_watching()
        for w in list(self.workers):
            w.cancel()
        self.save_state()
        deadline = time.monotonic() + 10
        while self.workers and time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.02)
        self.browser.discard_refresh()
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
