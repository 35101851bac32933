"""Screenshots of the app on a small real library (artifacts/screenshots/, git-ignored).

Run directly: ``QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.shots [--lang ko]``
(``--login``: only the Instagram login dialog, no dataset needed);
``test_screenshots.py`` runs it as a test when ../shared/datasets is present.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "artifacts" / "screenshots"


def _pump(app, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


KEYWORDS = {
    "dog": "강아지",
    "puppy": "강아지",
    "beach": "바다",
    "ocean": "바다",
    "wave": "바다",
    "water": "물놀이",
    "child": "아이",
    "girl": "아이",
    "boy": "아이",
    "bike": "자전거",
    "snow": "겨울",
    "street": "거리",
    "city": "도시",
    "grass": "산책",
    "park": "산책",
    "ball": "놀이",
    "food": "맛집",
    "mountain": "산",
    "rock": "등산",
    "climb": "등산",
}


def build_library(images_dir: Path, workdir: Path, n: int = 60):
    """A small real library in a temp folder: ``n`` captioned photos (re-saved there with
    EXIF dates spread over three years; nothing is copied into the repo), indexed, with
    captions and hashtags like an Instagram user's."""
    import csv
    from datetime import datetime, timedelta

    from PIL import Image

    from pose_desktop.services import Library

    captions = {}
    with open(images_dir.parent / "labels.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            captions[row["file"]] = row["captions"].split(" | ")[0].strip(" .")
    src = workdir / "photos"
    src.mkdir(parents=True, exist_ok=True)
    start = datetime(2023, 3, 4, 10, 0)
    for i, p in enumerate(sorted(images_dir.glob("*.jpg"))[:n]):
        target = src / p.name
        if not target.exists():
            with Image.open(p) as im:
                exif = Image.Exif()
                exif[0x010F], exif[0x0110] = "Apple", "iPhone 13"
                when = start + timedelta(days=i * 17, hours=i % 7)
                exif.get_ifd(0x8769)[0x9003] = when.strftime("%Y:%m:%d %H:%M:%S")
                im.save(target, "JPEG", exif=exif, quality=90)
    first = sorted(src.glob("*.jpg"))[0]
    with Image.open(first) as im:  # two copies of one shot, for the duplicates review
        im = im.convert("RGB")
        im.resize((im.width // 2, im.height // 2)).save(src / "copy_small.jpg", quality=80)
        from PIL import ImageEnhance

        ImageEnhance.Brightness(im).enhance(1.12).save(src / "copy_edited.jpg", quality=90)
    faces_dir = images_dir.parent.parent / "faces" / "images"
    if faces_dir.is_dir():  # a few portraits so the people view has groups to show
        people = {}
        for p in sorted(faces_dir.glob("*.jpg")):
            people.setdefault(p.name.rsplit("_", 1)[0], []).append(p)
        for i, (_, photos) in enumerate(sorted(people.items())[:4]):
            for j, p in enumerate(photos[:4]):
                target = src / f"face_{i}_{j}.jpg"
                if not target.exists():
                    with Image.open(p) as im:
                        exif = Image.Exif()
                        when = datetime(2024, 5 + i, 3 + j, 15, 0)
                        exif.get_ifd(0x8769)[0x9003] = when.strftime("%Y:%m:%d %H:%M:%S")
                        im.convert("RGB").save(target, "JPEG", exif=exif, quality=90)
    lib = Library(workdir / "catalog.sqlite")
    list(lib.photos.index_folder(src))
    try:  # scenes, clothing, faces: what the detail panel and trees show
        list(lib.analysis.analyze())
    except Exception as exc:  # screenshots still come out without model results
        print(f"analysis failed: {exc}", file=sys.stderr)
    for p in sorted(src.glob("*.jpg")):
        text = captions.get(p.name, "")
        tags = list(dict.fromkeys(t for w, t in KEYWORDS.items() if w in text.lower()))
        pid = lib.photos.resolve(str(p))
        if pid is not None and text:
            lib.photos.set_caption(pid, text + (" " + " ".join(f"#{t}" for t in tags) if tags else ""))
    return lib, src


def take(app, lib, lang: str, out: Path, drop_files: list[Path]) -> list[Path]:
    """Open the window, wait for thumbnails, save PNGs; returns the files written."""
    from pose_desktop.ui import i18n
    from pose_desktop.ui.main_window import MainWindow
    from pose_desktop.ui.settings import Settings
    from pose_desktop.ui.theme import apply_theme

    out.mkdir(parents=True, exist_ok=True)
    written = []
    for theme in ("light", "dark"):
        apply_theme(app, theme)
        i18n.set_language(lang)
        lib.lang = lang
        settings = Settings()
        settings.set("library_folders", [str(lib.path.parent / "photos")])
        win = MainWindow(lib, settings)
        win.resize(1400, 860)
        win.show()
        _pump(app, 0.5)
        win.thumbs.wait(5000)
        _pump(app, 0.8)
        path = out / f"main_window_{lang}_{theme}.png"
        win.grab().save(str(path))
        written.append(path)
        if theme == "light":  # a job in the status bar: progress, time left, Cancel
            from pose_desktop.services import IndexEvent

            def slow_job():
                for i in range(0, 2000, 40):
                    time.sleep(0.05)
                    yield IndexEvent("indexing", done=i, total=2000)

            worker = win.run_job(win.tr("Adding %1").replace("%1", "Pictures"), slow_job)
            _pump(app, 1.5)
            path = out / f"status_bar_job_{lang}.png"
            bar = win.statusBar()
            bar.grab().save(str(path))
            written.append(path)
            worker.cancel()
            _pump(app, 0.5)
        if theme == "light":
            dlg = win.show_drop_suggestions([str(p) for p in drop_files])
            deadline = time.monotonic() + 60
            while (
                dlg.status.text() == dlg.tr("Looking at the photos…")
                and time.monotonic() < deadline
            ):
                _pump(app, 0.1)
            _pump(app, 0.3)
            path = out / f"drop_suggestions_{lang}.png"
            dlg.grab().save(str(path))
            written.append(path)
            dlg.close()
            # ideas for a photo already in the library (right-click → Hashtag ideas…)
            pid = win.grid_model.ids[0]
            dlg = win.show_ideas_for_selection([pid])
            deadline = time.monotonic() + 60
            while dlg.model.rowCount() == 0 and time.monotonic() < deadline:
                _pump(app, 0.1)
            _pump(app, 0.3)
            path = out / f"ideas_library_photo_{lang}.png"
            dlg.grab().save(str(path))
            written.append(path)
            dlg.close()
            # the duplicates review
            dups = win.open_duplicates()
            deadline = time.monotonic() + 60
            while not dups.groups and time.monotonic() < deadline:
                _pump(app, 0.1)
            _pump(app, 0.5)
            path = out / f"duplicates_{lang}.png"
            dups.grab().save(str(path))
            written.append(path)
            dups.close()
            win.show_page(1)
            _pump(app, 1.0)
            pv = win.people_view
            if pv.groups.rowCount():
                pv.reload_now()
                pv.group_view.setCurrentIndex(pv.groups.index(0))
                if not any(
                    pv.groups.index(r).data().startswith(("Minji", "민지"))
                    for r in range(pv.groups.rowCount())
                ):
                    pv.name_selected("민지" if lang == "ko" else "Minji")  # naming, as a user would
                if pv.faces.rowCount():
                    pv.face_view.setCurrentIndex(pv.faces.index(0))  # its photo, faces drawn
                _pump(app, 1.5)
                win.thumbs.wait(5000)
                _pump(app, 0.5)
            win.thumbs.wait(5000)
            _pump(app, 0.5)
            path = out / f"people_view_{lang}.png"
            win.grab().save(str(path))
            written.append(path)
            win.show_page(0)
            win.reload_trees()
            win.tree_tabs.setCurrentIndex(1)  # the tag tree, its kinds opened
            for r in range(win.tag_model.rowCount()):
                win.tag_view.setExpanded(win.tag_model.index(r, 0), True)
            _pump(app, 0.5)
            path = out / f"tag_tree_{lang}.png"
            win.grab().save(str(path))
            written.append(path)
            win.tree_tabs.setCurrentIndex(0)
            from pose_desktop.ui.import_dialog import InstagramImportDialog
            from pose_desktop.ui.settings_dialog import SettingsDialog

            for name, dlg in (
                ("settings", SettingsDialog(win.settings, lib, win)),
                ("instagram_import", InstagramImportDialog(lib, win)),
            ):
                if name == "instagram_import":
                    _fill_login(dlg)
                dlg.show()
                _pump(app, 0.3)
                path = out / f"{name}_{lang}.png"
                dlg.grab().save(str(path))
                written.append(path)
                dlg.close()
        if theme == "dark":  # the ideas window on dark rows (ticked and unticked boxes)
            dlg = win.show_drop_suggestions([str(p) for p in drop_files])
            deadline = time.monotonic() + 60
            while dlg.model.rowCount() == 0 and time.monotonic() < deadline:
                _pump(app, 0.1)
            _pump(app, 0.3)
            path = out / f"drop_suggestions_{lang}_dark.png"
            dlg.grab().save(str(path))
            written.append(path)
            dlg.close()
        win.close()
        win.deleteLater()
        _pump(app, 0.2)
    # a first start: the empty library's welcome page
    from pose_desktop.services import Library

    empty = Library(lib.path.parent / "empty.sqlite", lang=lang)
    apply_theme(app, "light")
    win = MainWindow(empty, Settings())
    win.resize(1200, 760)
    win.show()
    _pump(app, 0.5)
    path = out / f"welcome_{lang}.png"
    win.grab().save(str(path))
    written.append(path)
    # the first folder added: photos in, not analysed yet; the Tags tab says what is coming
    list(empty.photos.index_paths([str(p) for p in sorted((lib.path.parent / "photos").glob("*.jpg"))[:12]]))
    win.reload_views()
    win.tree_tabs.setCurrentIndex(1)
    win.thumbs.wait(5000)
    _pump(app, 0.8)
    path = out / f"first_run_tags_{lang}.png"
    win.grab().save(str(path))
    written.append(path)
    win.close()
    _pump(app, 0.2)
    empty.close()
    return written


def _fill_login(dlg) -> None:
    """The import dialog as a user logging in would see it: a profile, a username."""
    from pose_desktop.ui.import_dialog import USERNAME

    dlg.profile.setText("my.account")
    dlg.r_profile.setChecked(True)
    dlg.login_kind.button(USERNAME).setChecked(True)
    dlg.username.setText("my.account")


def login_shots(app, lang: str, out: Path) -> list[Path]:
    """The Instagram import dialog's login part (no dataset needed): with a username, with
    a saved login, light and dark."""
    from pose_desktop.services import Library
    from pose_desktop.ui import i18n
    from pose_desktop.ui.import_dialog import SAVED, InstagramImportDialog
    from pose_desktop.ui.theme import apply_theme

    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="pose_login_shots_"))
    written = []
    lib = Library(work / "catalog.sqlite", lang=lang)
    lib.instagram.sessions = lambda: ["my.account", "second.account"]  # as if saved before
    try:
        for theme in ("light", "dark"):
            apply_theme(app, theme)
            i18n.set_language(lang)
            dlg = InstagramImportDialog(lib)
            _fill_login(dlg)
            if theme == "dark":
                dlg.login_kind.button(SAVED).setChecked(True)
            dlg.show()
            _pump(app, 0.3)
            path = out / f"instagram_login_{lang}_{theme}.png"
            dlg.grab().save(str(path))
            written.append(path)
            dlg.close()
            dlg.deleteLater()
            _pump(app, 0.1)
    finally:
        apply_theme(app, "light")
        lib.close()
        shutil.rmtree(work, ignore_errors=True)
    return written


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    lang = "ko" if "--lang" in argv and argv[argv.index("--lang") + 1] == "ko" else "en"
    shared = Path(os.environ.get("POSE_SHARED", REPO.parent / "shared")) / "datasets"
    images = shared / "captioned" / "images"
    work = Path(tempfile.mkdtemp(prefix="pose_shots_"))
    os.environ.setdefault("POSE_CONFIG_DIR", str(work / "config"))
    os.environ.setdefault("POSE_DATA_DIR", str(work / "data"))
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    if "--login" in argv:  # only the Instagram login dialog
        for p in login_shots(app, lang, ARTIFACTS):
            print(p)
        return 0
    lib, _ = build_library(images, work)
    drops = sorted(images.glob("*.jpg"))[200:203]
    try:
        for p in take(app, lib, lang, ARTIFACTS, drops):
            print(p)
    finally:
        lib.close()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
