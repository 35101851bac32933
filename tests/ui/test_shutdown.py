"""Closing the window while its background reads of the catalog still run.

A read started by the window (here the people page's list of groups, a real
``services.people`` query on a real catalog) may still be running on a pool thread when
the window is closed. Closing must wait for it: the app (and the test fixtures) close the
catalog right after the window, and a SQLite connection closed under a running query
crashes the process.
"""

from __future__ import annotations

import threading
import time


def test_closing_the_window_waits_for_its_catalog_reads(qtbot, indexed_library, monkeypatch):
    from pose_desktop.ui.main_window import MainWindow

    lib = indexed_library
    real_people = lib.people.list
    started = threading.Event()
    release = threading.Event()
    finished: list[float] = []

    def people_after_a_delay(**kw):
        """The real query, held back until the window has been asked to close."""
        started.set()
        release.wait(10)
        time.sleep(0.2)  # still reading while closeEvent runs
        out = real_people(**kw)
        finished.append(time.monotonic())
        return out

    monkeypatch.setattr(lib.people, "list", people_after_a_delay)
    win = MainWindow(lib)  # the people page reads its groups on a worker at once
    qtbot.addWidget(win)
    win.show()
    win.show_page(1)
    assert started.wait(10), "the people page never read its groups"
    release.set()
    win.close()
    closed_at = time.monotonic()
    # every read the window started had ended before close() returned ...
    assert finished and max(finished) <= closed_at
    # ... so the catalog can be closed now, with no thread left inside it
    lib.close()


def test_opening_and_closing_windows_then_the_catalog_repeatedly(qtbot, catalog_path, photo_dir):
    """Open a window (its first trees, grid and people reads go to the pool), close it at
    once and close the catalog: the path the test fixtures and ``pose --self-test`` take."""
    from pose_desktop.services import Library
    from pose_desktop.ui.main_window import MainWindow

    with Library(catalog_path) as lib:
        list(lib.photos.index_folder(photo_dir))
    for _ in range(5):
        lib = Library(catalog_path)
        win = MainWindow(lib)
        qtbot.addWidget(win)
        win.show()
        win.show_page(1)
        win.close()
        lib.close()
    with Library(catalog_path) as lib:  # the catalog is intact after all that
        assert len(lib.photos.photo_ids()) == 6
