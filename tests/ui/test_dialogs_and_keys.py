"""Keyboard habits, the viewer, the problems panel and the Instagram import entry point."""

from __future__ import annotations

from PySide6.QtCore import Qt

from pose_desktop.ui.grid import PhotoIdRole
from pose_desktop.ui.workers import GeneratorWorker


def test_enter_opens_the_viewer_and_arrows_step(window, qtbot):
    window.grid.setFocus()
    window.grid.setCurrentIndex(window.grid_model.index(0))
    qtbot.keyClick(window.grid, Qt.Key.Key_Return)
    viewer = window._viewer
    assert viewer is not None and viewer.isVisible()
    first = viewer.photo_id
    qtbot.keyClick(viewer, Qt.Key.Key_Right)
    assert viewer.photo_id != first and window.grid.currentIndex().row() == 1
    qtbot.keyClick(viewer, Qt.Key.Key_Escape)
    assert not viewer.isVisible()


def test_ctrl_f_focuses_search(window, qtbot):
    window.activateWindow()
    window.act_find.trigger()
    assert window.search.hasFocus()


def test_failed_job_is_listed_in_the_problems_panel(window, qtbot):
    def boom():
        yield from ()
        raise OSError("the disk went away")

    with qtbot.waitSignal(window.job_ended, timeout=10_000) as blocker:
        window.run_job("Adding Broken", boom)
    assert blocker.args[1] == "failed"
    model = window.problems.model
    rows = [(model.index(r, 1).data(), model.index(r, 2).data()) for r in range(model.rowCount())]
    assert ("Adding Broken", "OSError: the disk went away") in rows
    assert window.problems_button.isVisible() and "problem" in window.problems_button.text()


def test_instagram_import_dialog_builds_a_cancellable_job(window, qtbot, tmp_path):
    from pose_desktop.ui.import_dialog import InstagramImportDialog

    assert window.act_instagram in window.toolbar.actions()
    assert window.act_instagram in window.menu_file.actions()
    dlg = InstagramImportDialog(window.library, window)
    qtbot.addWidget(dlg)
    dlg.export_path.setText(str(tmp_path / "instagram-export.zip"))
    dlg.r_export.setChecked(True)
    dlg.accept()
    title, make_events, on_cancel = dlg.job
    assert "Instagram" in title and callable(make_events) and callable(on_cancel)


def test_worker_cancel_hook_runs_on_cancel(qtbot):
    called = []

    def slow():
        import time

        for i in range(1000):
            time.sleep(0.01)
            yield i

    w = GeneratorWorker(slow, on_cancel=lambda: called.append(1))
    w.start()
    with qtbot.waitSignal(w.cancelled, timeout=5000):
        w.cancel()
    assert called == [1]


def test_analyse_job_adds_model_tags_to_the_tree_and_detail(window, qtbot):
    assert window.act_analyse.isEnabled()
    with qtbot.waitSignal(window.job_ended, timeout=180_000) as blocker:
        window.start_analysis()
    assert blocker.args[1] == "finished", window.problems.model._session
    qtbot.waitUntil(lambda: window.tag_model.rowCount() > 1, timeout=10_000)
    kinds = [window.tag_model.index(r, 0).data() for r in range(window.tag_model.rowCount())]
    assert "Hashtags" in kinds and len(kinds) >= 2  # plus what the models found
    # "more like this" orders the library by similarity to the current photo
    window.grid.setCurrentIndex(window.grid_model.index(0))
    first = window.current_photo_id()
    window.act_similar.trigger()
    qtbot.waitUntil(lambda: window.grid_model.explicit_ids is not None, timeout=30_000)
    assert window.grid_model.ids[0] == first and window.grid_model.total() >= 2
    assert "Like the selected photo" in window.grid_title.text()


def test_dragging_photos_out_of_the_grid_carries_their_files(window):
    model = window.grid_model
    mime = model.mimeData([model.index(0), model.index(1)])
    paths = [u.toLocalFile() for u in mime.urls()]
    assert len(paths) == 2
    assert all(
        p == window.library.photos.original_path(model.index(i).data(PhotoIdRole))
        for i, p in enumerate(paths)
    )


def test_f5_rescans_the_library_folders(window, qtbot, photo_dir):
    window.settings.set("library_folders", [str(photo_dir)])
    with qtbot.waitSignal(window.job_ended, timeout=30_000) as blocker:
        jobs = window.rescan_folders()
    assert len(jobs) == 1 and blocker.args[1] == "finished"


def test_the_same_job_is_not_started_twice(window, qtbot):
    import time

    from pose_desktop.services import IndexEvent

    def slow():
        for i in range(200):
            time.sleep(0.01)
            yield IndexEvent("indexing", i, 200)

    first = window.run_job("Analysing photos", slow)
    second = window.run_job("Analysing photos", slow)
    assert second is first and window.tasks_layout.count() == 1
    with qtbot.waitSignal(window.job_ended, timeout=10_000):
        first.cancel()
