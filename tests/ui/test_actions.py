"""The action registry on the real main window: every action declared once, in both
languages, with its own id and shortcut, in a menu; triggering it does the real thing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu

from pose_desktop.ui import i18n
from pose_desktop.ui.actions import ActionRegistry, Place, add_action, declared_actions
from pose_desktop.ui.browser import PhotoBrowser
from pose_desktop.ui.grid import SummaryRole
from pose_desktop.ui.main_window import MENUS, MainWindow

HANGUL = re.compile("[\uac00-\ud7a3]")


def _menu_actions(window) -> list[QAction]:
    return [a for m in window.menus.values() for a in m.actions() if not a.isSeparator()]


def _popup(show) -> list[str]:
    """Texts of the context menu ``show()`` opens ('----' for a separator); it is closed."""
    seen: list[list[str]] = []

    def grab() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, grab)
            return
        seen.append(["----" if a.isSeparator() else a.text() for a in menu.actions()])
        menu.close()

    QTimer.singleShot(20, grab)
    show()
    return seen[0]


def test_every_action_has_a_unique_id_and_is_in_a_menu(window):
    reg = window.action_registry
    ids = [spec.id for spec in reg]
    assert len(ids) == len(set(ids)) == len(reg.actions) >= 24
    declared = declared_actions(MainWindow) + declared_actions(PhotoBrowser)
    assert sorted(s.id for s in declared) == sorted(ids)  # each declared exactly once
    in_menus = _menu_actions(window)
    for spec in reg:
        assert reg[spec.id] in in_menus, spec.id
        assert getattr(window, f"act_{spec.id}") is reg[spec.id]
        assert all(p.where in dict(MENUS) or p.where in ("toolbar", "grid") for p in spec.places)


def test_every_action_has_english_and_korean_text(window, qtbot):
    reg = window.action_registry
    english = {spec.id: reg[spec.id].text() for spec in reg}
    tips = {spec.id: reg[spec.id].toolTip() for spec in reg}
    for spec in reg:
        assert english[spec.id] == spec.text and english[spec.id].strip()
        assert not HANGUL.search(english[spec.id]) and tips[spec.id]
    window.set_language("ko")
    try:
        for spec in reg:
            text, tip = reg[spec.id].text(), reg[spec.id].toolTip()
            assert HANGUL.search(text), f"{spec.id}: no Korean text ({text!r})"
            assert HANGUL.search(tip), f"{spec.id}: no Korean tooltip ({tip!r})"
        assert [m.title() for m in window.menus.values()] == [
            "파일(&F)", "편집(&E)", "보기(&V)", "도구(&T)", "도움말(&H)",
        ]
    finally:
        window.set_language("en")
    assert {spec.id: reg[spec.id].text() for spec in reg} == english
    assert {spec.id: reg[spec.id].toolTip() for spec in reg} == tips


def test_every_shortcut_belongs_to_one_action(window):
    reg = window.action_registry
    owner: dict[str, str] = {}
    for spec in reg:
        for seq in reg[spec.id].shortcuts():
            key = seq.toString()
            assert key not in owner, f"{key}: {owner.get(key)} and {spec.id}"
            owner[key] = spec.id
    # and no other action of the window (the People page's, the docks') takes one of them
    for action in window.findChildren(QAction):
        if action in reg.actions.values():
            continue
        for seq in action.shortcuts():
            assert seq.toString() not in owner, (seq.toString(), action.text())
    assert {"Ctrl+F", "Ctrl+H", "Ctrl+1", "Ctrl+2", "Del", "Ctrl+Shift+P"} <= set(owner)


def test_triggering_find_focuses_and_selects_the_search_box(window, qtbot):
    window.search.setText("walk")
    window.grid.setFocus()
    window.action_registry.trigger("find")
    qtbot.waitUntil(lambda: window.focusWidget() is window.search, timeout=2000)
    assert window.search.selectedText() == "walk"


def test_triggering_pages_bigger_and_copy_path(window, qtbot):
    reg = window.action_registry
    reg.trigger("people")
    assert window.pages.currentWidget() is window.people_view
    assert reg["people"].isChecked() and not reg["photos"].isChecked()
    reg.trigger("photos")
    assert window.pages.currentIndex() == 0 and reg["photos"].isChecked()
    size = window.thumbs.size
    reg.trigger("bigger")
    assert window.thumbs.size == size + 32 and window.settings.get("thumbnail_size") == size + 32
    reg.trigger("smaller")
    assert window.thumbs.size == size
    window.grid.setCurrentIndex(window.grid_model.index(2))
    reg.trigger("copy_path")
    path = window.library.photos.original_path(window.current_photo_id())
    assert QGuiApplication.clipboard().text() == path and Path(path).exists()


def test_undo_remove_is_enabled_only_after_a_remove(window):
    reg = window.action_registry
    assert not reg["undo_remove"].isEnabled()
    window.grid.setCurrentIndex(window.grid_model.index(0))
    pid = window.current_photo_id()
    reg.trigger("remove")
    assert pid not in window.library.photos.photo_ids() and window.grid_model.total() == 5
    assert reg["undo_remove"].isEnabled()
    reg.trigger("undo_remove")
    assert pid in window.library.photos.photo_ids()
    assert not reg["undo_remove"].isEnabled()


def test_the_grid_context_menu_comes_from_the_registry(window, qtbot, indexed_library, photo_dir):
    from tests.ingest.test_video import write_video

    window.grid.setCurrentIndex(window.grid_model.index(0))
    pos = window.grid.visualRect(window.grid_model.index(0)).center()
    texts = _popup(lambda: window.grid.customContextMenuRequested.emit(pos))
    assert texts == [
        "View", "Show in file manager", "Copy file path", "More like this", "Hashtag ideas…",
        "----", "Add tag…", "Set date…", "Remove from catalog",
    ]
    video = write_video(photo_dir / "clip.mp4", seconds=1.0)
    list(indexed_library.photos.index_folder(photo_dir))
    window.grid_model.set_ids([indexed_library.photos.resolve(str(video))])
    pos = window.grid.visualRect(window.grid_model.index(0)).center()
    qtbot.waitUntil(lambda: window.grid_model.index(0).data(SummaryRole) is not None)
    texts = _popup(lambda: window.grid.customContextMenuRequested.emit(pos))
    assert texts[0] == "Play" and texts[1:] == [
        "View", "Show in file manager", "Copy file path", "More like this", "Hashtag ideas…",
        "----", "Add tag…", "Set date…", "Remove from catalog",
    ]


def test_menus_and_toolbar_are_built_from_the_registry(window):
    def texts(actions):
        return ["----" if a.isSeparator() else a.text() for a in actions]

    assert [m.title() for m in window.menus.values()] == [
        "&File", "&Edit", "&View", "&Tools", "&Help",
    ]
    assert texts(window.menu_file.actions()) == [
        "Add folder…", "Check library folders for changes", "Instagram…", "----",
        "Settings…", "----", "Quit",
    ]
    assert texts(window.menu_view.actions()) == [
        "Photos", "People", "----", "View", "Play", "More like this", "Hashtag ideas…",
        "Show in file manager", "----", "Bigger thumbnails", "Smaller thumbnails",
        "Problems panel",
    ]
    bar = [a.text() for a in window.toolbar.actions() if a.text()]
    assert bar == ["Add folder…", "Instagram…", "Analyse", "Photos", "People", "Settings…"]
    assert window.toolbar.widgetForAction(window.toolbar.actions()[-2]) is window.search


def test_a_second_action_with_the_same_id_is_refused(qtbot):
    class Clash(QMainWindow):
        @add_action("find", QT_TRANSLATE_NOOP("MainWindow", "Find"), menu=Place("edit", 0, 0))
        def one(self) -> None: ...

        @add_action("find", QT_TRANSLATE_NOOP("MainWindow", "Find"), menu=Place("edit", 0, 1))
        def two(self) -> None: ...

    win = Clash()
    qtbot.addWidget(win)
    with pytest.raises(ValueError, match="find"):
        ActionRegistry(win).collect(win)


def test_language_switch_retranslates_through_the_registry(window):
    i18n.set_language("ko")  # Qt's LanguageChange event alone (no set_language call)
    try:
        QApplication.processEvents()
        assert window.act_add_folder.text() == "폴더 추가…"
        assert window.menu_file.title() != "&File"
    finally:
        i18n.set_language("en")
        QApplication.processEvents()
    assert window.act_add_folder.text() == "Add folder…"
