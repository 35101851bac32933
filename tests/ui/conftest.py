"""UI test fixtures: one shared offscreen QApplication (pytest-qt's ``qapp``), a library
indexed from generated photos, and a main window over it that is torn down cleanly."""

from __future__ import annotations

import os
from datetime import datetime

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from tests.photos import make_jpeg  # noqa: E402

#: (year, month, day) of the generated photos: 2 in 2023-05, 3 in 2024-02, 1 in 2024-07.
DATES = [(2023, 5, 1), (2023, 5, 20), (2024, 2, 3), (2024, 2, 3), (2024, 2, 28), (2024, 7, 14)]


@pytest.fixture
def library(catalog_path):
    """A ``Library`` on a fresh catalog file, closed only once no pool thread can still be
    reading it (a window a test leaves open is closed by pytest-qt after this teardown)."""
    from pose_desktop.services import Library
    from pose_desktop.ui.workers import wait_for_all

    lib = Library(catalog_path)
    yield lib
    wait_for_all()
    lib.close()


@pytest.fixture
def photo_dir(tmp_path):
    folder = tmp_path / "photos"
    for i, (y, m, d) in enumerate(DATES):
        make_jpeg(folder / f"img_{i}.jpg", when=datetime(y, m, d, 12, i), seed=100 + i)
    return folder


@pytest.fixture
def indexed_library(library, photo_dir):
    """A library with the six generated photos indexed and two of them captioned."""
    list(library.photos.index_folder(photo_dir))
    library.photos.set_caption(
        library.photos.resolve(str(photo_dir / "img_0.jpg")), "Walk in the park #산책 #dog"
    )
    library.photos.set_caption(library.photos.resolve(str(photo_dir / "img_2.jpg")), "Sea! #바다 #산책")
    return library


@pytest.fixture(autouse=True)
def _english(qapp):
    """Every test starts (and ends) in English with the light theme."""
    from pose_desktop.ui import i18n

    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def window(qtbot, indexed_library):
    from pose_desktop.ui.main_window import MainWindow
    from pose_desktop.ui.workers import wait_for_all

    win = MainWindow(indexed_library)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    for w in list(win.workers):
        w.cancel()
    qtbot.waitUntil(lambda: not win.workers, timeout=20_000)
    win.close()  # joins the window's background reads while the catalog is still open
    wait_for_all()
