"""Preferences and window state persist; the language switch changes visible strings."""

from __future__ import annotations

from pose_desktop.ui.settings import Settings


def test_preferences_persist_across_instances(qapp):
    s = Settings()
    s.set("library_folders", ["/photos/a", "/photos/b"])
    s.set("device", "cpu")
    s.set("theme", "dark")
    s.set("thumbnail_size", 200)
    s.sync()
    again = Settings()
    assert again.get("library_folders") == ["/photos/a", "/photos/b"]
    assert again.get("device") == "cpu" and again.get("theme") == "dark"
    assert again.get("thumbnail_size") == 200


def test_bad_stored_values_fall_back_to_defaults(qapp):
    s = Settings()
    s.qsettings.setValue("prefs/device", "tpu")
    s.qsettings.setValue("prefs/thumbnail_size", "big")
    assert s.get("device") == "auto" and s.get("thumbnail_size") == 160


def test_window_geometry_and_splitter_are_remembered(qtbot, indexed_library):
    from pose_desktop.ui.main_window import MainWindow

    win = MainWindow(indexed_library)
    qtbot.addWidget(win)
    win.resize(711, 577)  # the offscreen screen is 800×800
    win.show()
    qtbot.waitExposed(win)
    win.splitter.setSizes([200, 300, 211])
    sizes = win.splitter.sizes()
    win.tree_tabs.setCurrentIndex(1)
    win.close()
    win2 = MainWindow(indexed_library)
    qtbot.addWidget(win2)
    win2.show()
    qtbot.waitExposed(win2)
    assert (win2.width(), win2.height()) == (711, 577)
    assert win2.splitter.sizes() == sizes
    assert win2.tree_tabs.currentIndex() == 1


def test_language_switch_changes_visible_strings(window, qtbot):
    assert window.act_add_folder.text() == "Add folder…"
    assert window.tree_tabs.tabText(0) == "Dates"
    assert window.date_model.index(0, 0).data() == "All photos"
    window.set_language("ko")
    assert window.act_add_folder.text() == "폴더 추가…"
    assert window.tree_tabs.tabText(0) == "날짜"
    assert window.menu_file.title() == "파일(&F)"
    assert window.date_model.index(0, 0).data() == "모든 사진"
    assert window.tag_model.index(0, 0).data() == "해시태그"  # tag kinds from the library
    assert "사진 6장" in window.grid_title.text()
    assert window.settings.get("language") == "ko"
    window.set_language("en")
    assert window.act_add_folder.text() == "Add folder…"
    assert window.tag_model.index(0, 0).data() == "Hashtags"
    assert "6 photos" in window.grid_title.text()


def test_settings_dialog_stores_choices(qtbot, library):
    from pose_desktop.ui.settings_dialog import SettingsDialog

    s = Settings()
    dlg = SettingsDialog(s, library)
    qtbot.addWidget(dlg)
    dlg.folders.add("/photos/new")
    dlg.device.setCurrentIndex(dlg.device.findData("cpu"))
    dlg.theme.setCurrentIndex(dlg.theme.findData("dark"))
    dlg.accept()
    again = Settings()
    assert "/photos/new" in again.get("library_folders")
    assert again.get("device") == "cpu" and again.get("theme") == "dark"


def test_dark_theme_is_applied_and_light_restored(qapp):
    from pose_desktop.ui.theme import apply_theme

    assert apply_theme(qapp, "dark") is True
    assert qapp.palette().window().color().lightness() < 80
    assert apply_theme(qapp, "light") is False
    assert qapp.palette().window().color().lightness() > 180
