"""Folder watching (watchdog): photos added, moved or deleted are reported; reading them
(as the indexer does) and files that are not photos are not."""

from __future__ import annotations

import threading
import time

from pose_desktop.ingest.watch import FolderWatcher
from tests.photos import make_jpeg


def _wait(cond, timeout=10.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.05)
    return cond()


def test_changes_to_photos_are_reported_reads_are_not(tmp_path):
    root = tmp_path / "lib"
    make_jpeg(root / "old.jpg", seed=1)
    seen: list[tuple[str, str]] = []
    lock = threading.Lock()

    def changed(r, p):
        with lock:
            seen.append((r, p))

    w = FolderWatcher(changed)
    try:
        assert w.watch([str(root), str(tmp_path / "missing")]) == [str(root)]
        (root / "old.jpg").read_bytes()  # the indexer reading a photo
        (root / "notes.txt").write_text("not a photo")
        time.sleep(1.0)
        assert seen == []
        make_jpeg(root / "sub" / "new.jpg", seed=2)
        assert _wait(lambda: any(p.endswith("new.jpg") for _, p in seen))
        assert all(r == str(root) for r, _ in seen)
        seen.clear()
        (root / "old.jpg").unlink()
        assert _wait(lambda: any(p.endswith("old.jpg") for _, p in seen))
        assert w.watch([]) == []  # unwatched: nothing more is reported
        seen.clear()
        make_jpeg(root / "later.jpg", seed=3)
        time.sleep(1.0)
        assert seen == []
    finally:
        w.stop()
