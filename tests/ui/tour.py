"""A new user's tour of the app, in English and Korean: screenshots of every screen on a
real library built from ../shared/datasets, saved to artifacts/screenshots/ (git-ignored)
as ``<lang>_<screen>.png`` (``en_tag_tree.png``, ``ko_tag_tree.png``; the language first,
so these never clash with ``tests.ui.shots``' ``<screen>_<lang>.png`` written by the
screenshots test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.tour [--lang en|ko] [--keep DIR]

The library (in a temp folder, or ``--keep DIR`` to reuse it): ~250 photos of the hashtags
set (Instagram posts, dogs, food, flowers, weddings…, most with an EXIF date, a few with
GPS, some in a folder named ``2023-jeju-trip``), 30 portraits of 5 people, 30 captioned
photos, and bad input (a text file named .jpg, a README named .png, a JPEG cut short).
Indexed and analysed by the services as ``pose index`` / ``pose analyze`` do. Each screen
is also described in a ``.txt`` next to it where it holds text worth reading (the tag tree,
the ideas' reasons). Nothing is copied into the repository.
"""

from __future__ import annotations

import csv
import io
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "artifacts" / "screenshots"
#: hashtags/ sub-collections (source repository/folder) and how many photos of each
TAKE = {
    "AlecMorgan/selfie": 15, "AlecMorgan/babies": 12, "AlecMorgan/travel": 15,
    "AlecMorgan/wedding": 12, "AlecMorgan/fitness": 12, "AlecMorgan/food": 15,
    "chanakya2734/training_set": 25, "RlNZLER/flower_photos-resised_train": 12,
    "mhgan1798/trainDir": 10, "Alibaba-MIIL/Birthday": 10, "food101": 15, "RlNZLER/images": 40,
    "bearpaw": 10,
}
PLACES = [(37.5665, 126.9780), (33.4996, 126.5312), (35.1796, 129.0756)]  # Seoul, Jeju, Busan


def _group(row: dict) -> str:
    origin = row["origin"].split(":", 1)[1] if ":" in row["origin"] else ""
    repo = row["source"].split("/")[0]
    if "food_mnist" in row["source"]:
        return "food101"
    if repo == "bearpaw":
        return "bearpaw"
    return f"{repo}/{origin.split('/')[1]}" if "/" in origin else row["source"]


def _gps(exif, lat: float, lon: float) -> None:
    from PIL import TiffImagePlugin

    def dms(v):
        v = abs(v)
        d, m = int(v), int((v - int(v)) * 60)
        return tuple(TiffImagePlugin.IFDRational(a, b)
                     for a, b in ((d, 1), (m, 1), (round(((v - d) * 60 - m) * 6000), 100)))

    g = exif.get_ifd(0x8825)
    g[1], g[2], g[3], g[4] = "N", dms(lat), "E", dms(lon)


def build_photos(datasets: Path, out: Path, seed: int = 7) -> Path:
    """Write the tour's photo folder (re-saved copies, with EXIF as a phone writes it)."""
    from PIL import Image

    rng = random.Random(seed)
    rows = list(csv.DictReader(open(datasets / "hashtags" / "labels.csv", encoding="utf-8")))
    groups: dict[str, list[dict]] = {}
    for r in rows:
        groups.setdefault(_group(r), []).append(r)
    picked = [r for key, n in TAKE.items() for r in rng.sample(groups.get(key, []), min(n, len(groups.get(key, []))))]
    start, placed = datetime(2022, 4, 2, 9, 0), 0
    for i, r in enumerate(picked):
        sub = out / ("2023-jeju-trip" if i % 11 == 0 else "camera" if i % 3 else "downloads")
        sub.mkdir(parents=True, exist_ok=True)
        with Image.open(datasets / "hashtags" / "images" / r["file"]) as im:
            im = im.convert("RGB")
            if i % 3 == 0:  # downloads and the trip folder: no EXIF date
                im.save(sub / r["file"], "JPEG", quality=88)
                continue
            exif = Image.Exif()
            exif[0x010F], exif[0x0110] = "Samsung", "Galaxy S23"
            when = start + timedelta(days=i * 3, hours=i % 9)
            exif.get_ifd(0x8769)[0x9003] = when.strftime("%Y:%m:%d %H:%M:%S")
            if placed < 12 and i % 2 == 0:
                _gps(exif, *PLACES[placed % 3])
                placed += 1
            im.save(sub / r["file"], "JPEG", quality=88, exif=exif)
    people: dict[str, list[str]] = {}
    for r in csv.DictReader(open(datasets / "faces" / "labels.csv", encoding="utf-8")):
        people.setdefault(r["label"], []).append(r["file"])
    (out / "people").mkdir(exist_ok=True)
    for pi, (_, files) in enumerate(sorted(people.items())[:5]):
        for j, f in enumerate(files[:6]):
            with Image.open(datasets / "faces" / "images" / f) as im:
                exif = Image.Exif()
                exif.get_ifd(0x8769)[0x9003] = datetime(2024, 3 + pi, 1 + j, 12).strftime("%Y:%m:%d %H:%M:%S")
                im.convert("RGB").save(out / "people" / f, "JPEG", quality=90, exif=exif)
    (out / "captioned").mkdir(exist_ok=True)
    for p in rng.sample(sorted((datasets / "captioned" / "images").glob("*.jpg")), 30):
        shutil.copy(p, out / "captioned" / p.name)
    bad = out / "bad"
    bad.mkdir(exist_ok=True)
    (bad / "broken.jpg").write_text("not really a jpeg\n")
    (bad / "notes.md").write_text("# not a photo\n")
    (bad / "readme.png").write_text("# a README named .png\n")
    whole = sorted((datasets / "captioned" / "images").glob("*.jpg"))[0].read_bytes()
    (bad / "truncated.jpg").write_bytes(whole[:20000])
    return out


def build_library(datasets: Path, work: Path):
    """The tour's catalog: photos indexed and analysed (reused when already there)."""
    from pose_desktop.services import Library

    photos = work / "photos"
    if not photos.is_dir():
        build_photos(datasets, photos)
    fresh = not (work / "catalog.sqlite").exists()
    lib = Library(work / "catalog.sqlite")
    if fresh:
        list(lib.photos.index_folder(photos))
        list(lib.analysis.analyze())
    return lib


def small_png(im, path: Path, limit: int = 300_000) -> None:
    """Save a screenshot as a palette PNG of at most ``limit`` bytes where it can (256
    colours, then fewer: text stays sharp, photos get a little coarser)."""
    from PIL import Image

    rgb = im.convert("RGB")
    for colours in (256, 128, 64):
        rgb.quantize(colours, method=Image.Quantize.MEDIANCUT,
                     dither=Image.Dither.NONE).save(path, optimize=True)
        if path.stat().st_size <= limit:
            return


class Tour:
    """Takes the screenshots of one language on an open library."""

    def __init__(self, app, lib, lang: str, out: Path, datasets: Path) -> None:
        self.app, self.lib, self.lang, self.out, self.datasets = app, lib, lang, out, datasets
        self.written: list[Path] = []

    def pump(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.app.processEvents()
            time.sleep(0.01)

    def save(self, widget, name: str, text: str | None = None) -> None:
        from PIL import Image
        from PySide6.QtCore import QBuffer, QIODevice

        path = self.out / f"{self.lang}_{name}.png"
        buf = QBuffer()
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        widget.grab().save(buf, "PNG")
        with Image.open(io.BytesIO(bytes(buf.data()))) as im:
            small_png(im, path)
        self.written.append(path)
        if text is not None:
            path.with_suffix(".txt").write_text(text, encoding="utf-8")

    def wait(self, done, seconds: float = 90) -> None:
        end = time.monotonic() + seconds
        while not done() and time.monotonic() < end:
            self.pump(0.1)
        self.pump(0.3)

    def run(self) -> list[Path]:
        from pose_desktop.services import Library
        from pose_desktop.ui import i18n
        from pose_desktop.ui.main_window import MainWindow
        from pose_desktop.ui.settings import Settings
        from pose_desktop.ui.theme import apply_theme

        apply_theme(self.app, "light")
        i18n.set_language(self.lang)
        self.lib.lang = self.lang
        # first start: the empty library's welcome page
        empty = Library(self.lib.path.parent / f"empty_{self.lang}.sqlite", lang=self.lang)
        win = MainWindow(empty, Settings())
        win.resize(1280, 800)
        win.show()
        self.pump(0.6)
        self.save(win, "welcome")
        # the first folder added, not analysed yet: the Tags tab says what is coming
        first = sorted((self.lib.path.parent / "photos" / "camera").glob("*.jpg"))[:12]
        list(empty.photos.index_paths([str(p) for p in first]))
        win.reload_views()
        win.tree_tabs.setCurrentIndex(1)
        win.thumbs.wait(5000)
        self.pump(0.6)
        self.save(win, "first_run_tags")
        win.close()
        empty.close()
        settings = Settings()
        settings.set("library_folders", [str(self.lib.path.parent / "photos")])
        settings.set("analyse_automatically", False)
        win = MainWindow(self.lib, settings)
        win.resize(1400, 860)
        win.show()
        self.pump(0.8)
        win.thumbs.wait(5000)
        self.pump(0.5)
        self.save(win, "library_grid")
        self._trees(win)
        self._details(win)
        self._drops(win)
        self._people(win)
        self._dialogs(win)
        win.close()
        self.pump(0.3)
        return self.written

    def _trees(self, win) -> None:
        from PySide6.QtCore import QModelIndex

        win.tree_tabs.setCurrentIndex(0)  # the first window, closed on its Tags tab, saved it
        for r in range(win.date_model.rowCount()):
            win.date_view.setExpanded(win.date_model.index(r, 0), True)
        self.pump(0.3)
        self.save(win, "date_tree")
        win.tree_tabs.setCurrentIndex(1)
        model, view, lines = win.tag_model, win.tag_view, []

        def walk(parent, depth):
            for r in range(model.rowCount(parent)):
                index = model.index(r, 0, parent)
                view.setExpanded(index, True)
                lines.append("  " * depth + f"{index.data()}  {model.index(r, 1, parent).data()}")
                walk(index, depth + 1)

        walk(QModelIndex(), 0)
        win.resize(1400, 1150)
        self.pump(0.4)
        self.save(win, "tag_tree", "\n".join(lines) + "\n")
        win.resize(1400, 860)
        win.tree_tabs.setCurrentIndex(2)
        for r in range(win.place_model.rowCount()):
            win.place_view.setExpanded(win.place_model.index(r, 0), True)
        self.pump(0.3)
        self.save(win, "places_tree")
        win.tree_tabs.setCurrentIndex(0)
        win.search.setText("강아지" if self.lang == "ko" else "dog")  # as typed in the box
        win.browser.apply_search()
        self.pump(0.8)
        win.thumbs.wait(3000)
        self.save(win, "search")
        win.search.clear()
        win.browser.apply_search()

    def _pick(self, label: str, source: str) -> int | None:
        rows = {r["file"]: r for r in csv.DictReader(open(self.datasets / "hashtags" / "labels.csv", encoding="utf-8"))}
        for p in sorted((self.lib.path.parent / "photos").rglob("*.jpg")):
            r = rows.get(p.name)
            if r and label in r["labels"].split(";") and source in r["source"]:
                return self.lib.photos.resolve(str(p))
        return None

    def _details(self, win) -> None:
        photos = self.lib.path.parent / "photos"
        picks = {
            "portrait": self.lib.photos.resolve(str(sorted((photos / "people").glob("*.jpg"))[0])),
            "food": self._pick("음식", "food_mnist"),
            "dog": self._pick("강아지", "chanakya"),
            "no_preview": self.lib.photos.resolve(str(photos / "bad" / "truncated.jpg")),
        }
        for name, pid in picks.items():
            if pid is None:
                continue
            win.browser.show_ids([pid], name)
            win.browser.select_first_photo()
            self.pump(1.0)
            win.thumbs.wait(3000)
            self.save(win, f"detail_{name}")
            if name == "no_preview":
                continue
            dlg = win.show_ideas_for_selection([pid])
            self.wait(lambda d=dlg: d.model.rowCount() or d.status.text() not in ("", d.tr("Looking at the photos…")))
            rows = [" | ".join(str(dlg.model.index(r, c).data()) for c in range(dlg.model.columnCount()))
                    for r in range(dlg.model.rowCount())]
            self.save(dlg, f"ideas_{name}", "\n".join([dlg.status.text(), *rows]) + "\n")
            dlg.close()

    def _drops(self, win) -> None:
        images = sorted((self.datasets / "hashtags" / "images").glob("*.jpg"))
        bad = self.lib.path.parent / "photos" / "bad"
        dlg = win.show_drop_suggestions([str(p) for p in images[1500:1503]])
        self.wait(lambda: dlg.model.rowCount() > 0)
        self.save(dlg, "drop_suggestions")
        dlg.close()
        dlg = win.show_drop_suggestions([str(images[1500]), str(bad / "broken.jpg"), str(bad / "notes.md")])
        self.wait(lambda: dlg.model.rowCount() > 0)
        self.save(dlg, "drop_mixed_files", dlg.status.text() + "\n")
        dlg.close()

    def _people(self, win) -> None:
        win.show_page(1)
        pv = win.people_view
        pv.reload_now()
        self.pump(0.5)
        # the first group nobody has named yet (each language's tour names its own)
        unnamed = [r for r in range(pv.groups.rowCount()) if pv.groups.items[r].name is None]
        if unnamed:
            pv.group_view.setCurrentIndex(pv.groups.index(unnamed[0]))
            if pv.faces.rowCount():
                pv.face_view.setCurrentIndex(pv.faces.index(0))  # its photo, faces drawn
            self.pump(1.0)
            win.thumbs.wait(3000)
            self.save(win, "people_page")
            pv.name_selected("민지" if self.lang == "ko" else "Minji")  # naming, as a user would
            self.pump(1.0)
            win.thumbs.wait(3000)
            self.save(win, "people_named")
        win.show_page(0)

    def _dialogs(self, win) -> None:
        from pose_desktop.ui.import_dialog import InstagramImportDialog
        from pose_desktop.ui.settings_dialog import SettingsDialog

        for name, dlg in (("settings", SettingsDialog(win.settings, self.lib, win)),
                          ("instagram_import", InstagramImportDialog(self.lib, win))):
            dlg.show()
            self.pump(0.4)
            self.save(dlg, name)
            dlg.close()
        win.add_folder(str(self.lib.path.parent / "no-such-folder"))
        self.wait(lambda: not win.workers, 20)
        win.reload_views()
        win.problems_dock.show()
        self.pump(0.5)
        self.save(win, "problems")
        win.problems_dock.hide()


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    langs = [argv[argv.index("--lang") + 1]] if "--lang" in argv else ["en", "ko"]
    datasets = Path(os.environ.get("POSE_SHARED", REPO.parent / "shared")) / "datasets"
    work = Path(argv[argv.index("--keep") + 1]) if "--keep" in argv else Path(tempfile.mkdtemp(prefix="pose_tour_"))
    work.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("POSE_DATA_DIR", str(work / "data"))
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    lib = build_library(datasets, work)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        for lang in langs:
            # a fresh settings folder per language: no window state from an earlier run
            os.environ["POSE_CONFIG_DIR"] = str(Path(tempfile.mkdtemp(prefix=f"pose_tour_{lang}_")))
            for p in Tour(app, lib, lang, ARTIFACTS, datasets).run():
                print(p)
    finally:
        from pose_desktop.ui.workers import wait_for_all

        wait_for_all()
        lib.close()
        if "--keep" not in argv:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
