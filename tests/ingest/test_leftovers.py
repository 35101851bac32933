"""What a run leaves behind: problems of files that are gone are forgotten by a clean
rerun; temporary files of a killed run are swept; a link to a folder that holds the library
(``/``, the home folder) is not followed into the whole machine; posts of one export a
second apart stay separate posts."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

from pose_desktop.services import Library
from tests.photos import make_jpeg
from tests.proc import REPO, run_pose

from .instagram_data import export_posts, make_export


def _issue_paths(cat):
    with sqlite3.connect(cat) as conn:
        return sorted(r[0] for r in conn.execute("SELECT path FROM index_issues"))


def test_problems_of_vanished_files_are_forgotten_by_a_clean_rerun(tmp_path):
    root = tmp_path / "p"
    make_jpeg(root / "ok.jpg")
    (root / "broken.jpg").write_bytes(b"\xff\xd8 not really")
    (root / "gone").mkdir()
    (root / "gone" / "also.png").write_bytes(b"junk")
    cat = tmp_path / "c.sqlite"
    assert run_pose("--catalog", str(cat), "-q", "index", str(root)).returncode == 0
    assert len(_issue_paths(cat)) == 2
    (root / "broken.jpg").unlink()
    (root / "gone" / "also.png").unlink()
    assert run_pose("--catalog", str(cat), "-q", "index", str(root)).returncode == 0
    assert _issue_paths(cat) == []


def test_a_link_to_a_folder_holding_the_library_is_not_followed(tmp_path):
    root = tmp_path / "p"
    make_jpeg(root / "a.jpg")
    os.symlink("/", root / "everything")
    os.symlink(tmp_path, root / "up")
    cat = tmp_path / "c.sqlite"
    run = run_pose("--catalog", str(cat), "-q", "index", str(root), timeout=120)
    assert run.returncode == 0, run.stderr
    assert "1 added" in run.stdout and "2 failed" in run.stdout, run.stdout
    with sqlite3.connect(cat) as conn:
        reasons = dict(conn.execute("SELECT path, reason FROM index_issues").fetchall())
    assert all("holds the folder being indexed" in r for r in reasons.values()), reasons


def test_temporary_files_of_a_killed_run_are_swept(tmp_path):
    root = tmp_path / "p"
    for i in range(60):
        make_jpeg(root / f"{i}.jpg", seed=i, size=(1600, 1200))
    cat = tmp_path / "c.sqlite"
    thumbs = tmp_path / "c.thumbs"
    dead = subprocess.Popen(["true"])
    dead.wait()  # a pid that is surely gone
    (thumbs / "ab").mkdir(parents=True)
    stale = thumbs / "ab" / f".abc.jpg.{dead.pid}-1-1.tmp"
    stale.write_bytes(b"half a thumbnail")
    backups = tmp_path / "backups"
    backups.mkdir()
    stale_backup = backups / f".c-20260101-000000.sqlite.{dead.pid}.tmp"
    stale_backup.write_bytes(b"half a backup")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-m", "pose_desktop", "--catalog", str(cat), "-q",
                             "index", str(root)], env=env)
    time.sleep(3)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert run_pose("--catalog", str(cat), "-q", "index", str(root)).returncode == 0
    assert run_pose("--catalog", str(cat), "backup").returncode == 0
    assert not stale.exists() and not stale_backup.exists()
    assert [p for p in tmp_path.rglob("*.tmp")] == []


def test_export_posts_a_second_apart_stay_separate(tmp_path):
    entries, files = export_posts(6, carousel_every=0, video_every=0,
                                  captions={i: f"caption {i}" for i in range(6)})
    for i, e in enumerate(entries):  # six posts within two seconds, no shortcodes
        for m in e["media"]:
            m["creation_timestamp"] = 1_600_000_000 + i // 3
    zpath = make_export(tmp_path / "e.zip", entries, files)
    with Library(tmp_path / "c.sqlite") as lib:
        ev = list(lib.instagram.import_export(zpath))[-1]
        assert ev.posts_added == 6
        assert sorted(p.caption for p in lib.instagram.posts()) == [f"caption {i}" for i in range(6)]
        again = list(lib.instagram.import_export(zpath))[-1]  # a re-import still finds each post
        assert again.posts_added == 0 and len(lib.instagram.posts()) == 6
