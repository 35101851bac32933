"""The first hour, scripted on a fresh catalog with real photos and the real models:
add a folder → analysis runs by itself → name a person with the People page button →
hashtag ideas for a library photo → keep two hashtags → find the photo by one of them in
Korean → export XMP (with the window still open)."""

from __future__ import annotations

import shutil

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from pose_desktop.cli import main as pose
from pose_desktop.services import Library


def test_first_hour(qtbot, tmp_path, shared_datasets, monkeypatch):
    from pose_desktop.ui import i18n
    from pose_desktop.ui.main_window import MainWindow
    from pose_desktop.ui.workers import wait_for_all

    pics = tmp_path / "Pictures"
    pics.mkdir()
    faces = sorted((shared_datasets / "faces" / "images").glob("Winona_Ryder_*.jpg"))[:4]
    everyday = sorted((shared_datasets / "captioned" / "images").glob("*.jpg"))[:3]
    for f in [*faces, *everyday]:
        shutil.copy(f, pics / f.name)
    lib = Library(tmp_path / "fresh.sqlite", exclusive=True)
    win = MainWindow(lib)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    try:
        assert win.browser.grid_stack.currentWidget() is win.browser.welcome  # a first start
        ended = []
        win.job_ended.connect(lambda title, outcome: ended.append((title, outcome)))
        win.add_folder(str(pics))  # what Add folder… does once the folder is chosen
        qtbot.waitUntil(lambda: ("Analysing photos", "finished") in ended, timeout=300_000)
        assert ended[0] == ("Adding Pictures", "finished")  # nobody pressed Analyse
        assert lib.photos.count() == 7
        qtbot.waitUntil(lambda: not win.browser.tag_hint_wanted, timeout=20_000)  # Tags tab filled in

        # name the person with the People page's button
        win.show_page(1)
        pv = win.people_view
        pv.reload_now()
        qtbot.waitUntil(lambda: pv.groups.rowCount() > 0, timeout=10_000)
        pv.group_view.setCurrentIndex(pv.groups.index(0))
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("위노나", True))
        pv.name_button.click()
        assert any(p.name == "위노나" for p in lib.people.list(include_unnamed=False))

        # hashtag ideas for a photo already in the library; keep two of them
        win.show_page(0)
        # a photo the models give at least two ideas for (the head suggests only what it is
        # confident of, so a plain dog photo may get just #강아지)
        chosen = next(f for f in everyday
                      if len(lib.pictures.suggest_for_photo(
                          lib.photos.resolve(str(pics / f.name))).suggestions) >= 2)
        photo = lib.photos.resolve(str(pics / chosen.name))
        dlg = win.show_ideas_for_selection([photo])
        qtbot.waitUntil(lambda: dlg.model.rowCount() >= 2, timeout=120_000)
        dlg.model.set_all(False)
        for r in (0, 1):
            dlg.model.setData(dlg.model.index(r, 0), Qt.CheckState.Checked.value,
                              Qt.ItemDataRole.CheckStateRole)
        kept_tags = dlg.model.checked_tags()
        with qtbot.waitSignal(dlg.hashtags_kept):
            dlg.add_button.click()
        dlg.close()

        # find it by one of them, with the interface in Korean
        win.set_language("ko")
        win.search.setText(kept_tags[1])
        win.browser.apply_search()
        assert photo in win.grid_model.ids
        assert win.grid_title.text().startswith("검색")

        # export XMP while the window is open (a reading command)
        out = tmp_path / "xmp"
        assert pose(["--catalog", str(lib.path), "export-xmp", "--dest", str(out),
                     "--root", str(pics)]) == 0
        sidecar = (out / f"{chosen.name}.xmp").read_text(encoding="utf-8")
        assert all(t in sidecar for t in kept_tags)
        named = [p for p in (out / f"{f.name}.xmp" for f in faces) if p.exists()]
        assert any("위노나" in p.read_text(encoding="utf-8") for p in named)
    finally:
        i18n.set_language("en")
        for w in list(win.workers):
            w.cancel()
        qtbot.waitUntil(lambda: not win.workers, timeout=30_000)
        win.stop_watching()
        win.close()
        wait_for_all()
        lib.close()
