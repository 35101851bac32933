"""SIGKILL the indexer mid-run: the next run completes with no duplicate and no lost photo."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime

import pytest

from tests.photos import make_jpeg

N = 240


@pytest.fixture(scope="module")
def many_photos(tmp_path_factory):
    root = tmp_path_factory.mktemp("kill") / "photos"
    for i in range(N):
        make_jpeg(root / f"d{i % 7}" / f"{i:04}.jpg", when=datetime(2022, 1 + i % 12, 1 + i % 28),
                  seed=i, size=(1024, 768))
    return root


def _count(catalog, sql):
    if not catalog.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{catalog}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:
        return 0


@pytest.mark.parametrize("kill_after", [1, 100])
def test_sigkill_mid_index_then_rerun(tmp_path, many_photos, kill_after):
    catalog = tmp_path / "c.sqlite"
    cmd = [sys.executable, "-m", "pose_desktop", "--catalog", str(catalog), "-q", "index", str(many_photos)]
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if _count(catalog, "SELECT COUNT(*) FROM photos") >= kill_after:
            break
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = _count(catalog, "SELECT COUNT(*) FROM photos")
    assert partial < N, "the indexer finished before it could be killed"

    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(catalog) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) FROM photos").fetchone()[0] == N
        assert conn.execute("SELECT COUNT(DISTINCT hash) FROM photos").fetchone()[0] == N
        assert conn.execute("SELECT COUNT(*) FROM files").fetchone()[0] == N
        assert conn.execute("SELECT COUNT(*) FROM files WHERE status != 'ok'").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM photo_search").fetchone()[0] == N
        assert conn.execute("SELECT COUNT(*) FROM index_issues").fetchone()[0] == 0
