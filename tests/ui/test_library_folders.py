"""Library folders: kept in the catalog (the CLI's too), picked from Pictures/home, watched
for new photos, rescanned at start, analysed by themselves once added."""

from __future__ import annotations

import os
from datetime import datetime

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog

from pose_desktop.cli import main as pose
from pose_desktop.services import Library
from tests.photos import make_jpeg


def test_folders_indexed_by_the_cli_show_in_settings(qtbot, tmp_path):
    from pose_desktop.ui.settings import Settings
    from pose_desktop.ui.settings_dialog import SettingsDialog

    pics = tmp_path / "Pictures"
    make_jpeg(pics / "a.jpg", seed=1)
    make_jpeg(pics / "trip" / "b.jpg", seed=2)
    cat = tmp_path / "c.sqlite"
    assert pose(["--catalog", str(cat), "-q", "index", str(pics)]) == 0
    assert pose(["--catalog", str(cat), "-q", "index", str(pics / "trip")]) == 0  # inside: covered
    lib = Library(cat)
    try:
        assert lib.photos.library_folders() == [str(pics)]
        dlg = SettingsDialog(Settings(), lib)
        qtbot.addWidget(dlg)
        assert dlg.folders.folders == [str(pics)]
        dlg.folders.remove(0)
        dlg.accept()
        assert lib.photos.library_folders() == []  # removed in Settings: no longer a library folder
    finally:
        lib.close()


def test_folder_picker_starts_in_pictures_or_home(window, monkeypatch):
    asked = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        lambda parent, title, start="", *a, **k: asked.append(start) or "")
    window.add_folder_dialog()
    pictures = QStandardPaths.standardLocations(QStandardPaths.StandardLocation.PicturesLocation)
    expected = next((p for p in pictures if os.path.isdir(p)), os.path.expanduser("~"))
    assert asked == [expected]
    assert asked[0] != os.getcwd()


def test_adding_a_folder_analyses_it_by_itself(window, qtbot, tmp_path):
    titles = []
    window.job_ended.connect(lambda title, outcome: titles.append((title, outcome)))
    more = tmp_path / "more"
    make_jpeg(more / "x.jpg", when=datetime(2022, 1, 1), seed=11)
    window.add_folder(str(more))
    qtbot.waitUntil(lambda: ("Analysing photos", "finished") in titles, timeout=120_000)
    assert titles[0] == ("Adding more", "finished")
    status = window.library.analysis.status()  # the models ran over every photo, the new one too
    assert status and all(sum(v.values()) == 7 for v in status.values()), status
    assert str(more) in window.library.photos.library_folders()


def test_automatic_analysis_can_be_turned_off(window, qtbot, tmp_path):
    window.settings.set("analyse_automatically", False)
    titles = []
    window.job_ended.connect(lambda title, outcome: titles.append(title))
    make_jpeg(tmp_path / "more" / "x.jpg", seed=12)
    window.add_folder(str(tmp_path / "more"))
    qtbot.waitUntil(lambda: titles == ["Adding more"], timeout=60_000)
    qtbot.wait(300)
    assert titles == ["Adding more"] and not window.workers


def test_watched_folders_pick_up_new_photos_and_rescan_at_start(window, qtbot, photo_dir):
    window.settings.set("analyse_automatically", False)
    window.library.photos.add_library_folder(str(photo_dir))
    # changed while the app was closed: found by the rescan at start
    make_jpeg(photo_dir / "while_closed.jpg", when=datetime(2021, 6, 1), seed=21)
    try:
        assert window.start_watching() == [str(photo_dir)]
        qtbot.waitUntil(lambda: window.library.photos.resolve(str(photo_dir / "while_closed.jpg")),
                        timeout=60_000)
        qtbot.waitUntil(lambda: not window.workers, timeout=60_000)
        window._folder_changes.delay_ms = 300
        # a photo copied in while the window is open: indexed a moment later
        make_jpeg(photo_dir / "sub" / "new.jpg", when=datetime(2021, 7, 1), seed=22)
        qtbot.waitUntil(lambda: window.library.photos.resolve(str(photo_dir / "sub" / "new.jpg")),
                        timeout=60_000)
        # a photo deleted: marked missing
        (photo_dir / "img_5.jpg").unlink()
        pid = window.library.photos.resolve(str(photo_dir / "img_5.jpg"))
        qtbot.waitUntil(lambda: window.library.photos.photo(pid).files[0].status != "ok", timeout=60_000)
    finally:
        window.stop_watching()


def test_watching_can_be_turned_off(window, photo_dir):
    window.settings.set("watch_folders", False)
    window.library.photos.add_library_folder(str(photo_dir))
    assert window.start_watching() == []
    assert not window.workers  # no rescan either


def test_watches_are_set_up_off_the_gui_thread(window, qtbot, photo_dir):
    """Setting up the watches walks every folder of the library (thousands take a visible
    moment): a worker does it, the window stays responsive."""
    import threading

    window.settings.set("analyse_automatically", False)
    window.library.photos.add_library_folder(str(photo_dir))
    window.start_watching()  # makes the watcher, schedules the watching
    window.stop_watching()
    changes = window._folder_changes
    real_watch, threads = changes.watcher.watch, []

    def watch(folders):  # the real watcher, noting the thread that calls it
        threads.append(threading.current_thread())
        return real_watch(folders)

    changes.watcher.watch = watch
    try:
        assert window.start_watching() == [str(photo_dir)]
        qtbot.waitUntil(lambda: bool(threads), timeout=10_000)
        assert threading.main_thread() not in threads
        qtbot.waitUntil(lambda: not window.workers, timeout=60_000)
        # the window closing while a watch is under way leaves no watcher running
        window.stop_watching()
        assert changes.watch([str(photo_dir)]) == []
        assert changes.watcher._observer is None
    finally:
        window.stop_watching()
