"""Fault injection: SIGKILL the indexer and the Instagram importer at random points.

After each kill the same command runs again to completion; the catalog must then be
intact (integrity_check), hold every photo and post exactly once, and keep what the user
had done before (their tags, hashtag merges, people's names).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime

import pytest

from pose_desktop.services import Library
from tests.ingest.instagram_data import make_instaloader_folder
from tests.photos import make_jpeg

N_PHOTOS = 160
N_POSTS = 120


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    base = tmp_path_factory.mktemp("faults")
    photos = base / "photos"
    for i in range(N_PHOTOS):
        make_jpeg(photos / f"{i % 9}" / f"{i:04}.jpg", when=datetime(2021, 1 + i % 12, 1 + i % 27),
                  seed=5000 + i, size=(800, 600))
    insta = base / "insta"
    make_instaloader_folder(insta, N_POSTS, image_size=(640, 480), seed0=90_000)
    seed_dir = base / "seed"
    make_jpeg(seed_dir / "family.jpg", when=datetime(2019, 5, 5), seed=1)
    return {"photos": photos, "insta": insta, "seed": seed_dir}


def _prepare(catalog, sources):
    lib = Library(catalog)
    list(lib.photos.index_folder(sources["seed"]))
    pid = lib.photos.photo_ids()[0]
    lib.photos.add_user_tag([pid], "우리 가족")
    lib.photos.set_caption(pid, "#sunset at home")
    lib.photos.merge_hashtags("sunset", "노을")
    with lib.catalog.write() as db:
        person = db.execute(
            "INSERT INTO persons (name, created_at, updated_at) VALUES ('엄마', 'x', 'x')").lastrowid
        db.execute(
            "INSERT INTO faces (photo_id, x1, y1, x2, y2, landmarks, score, quality, model, person_id,"
            " assigned_by, created_at) VALUES (?, .1, .1, .3, .3, '[]', .99, 1, 'm', ?, 'user', 'x')",
            [pid, person])
    lib.close()
    return pid


def _count(catalog, sql):
    try:
        with sqlite3.connect(f"file:{catalog}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def _kill_at_random(cmd, catalog, rnd, watch_sql, limit):
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    target = rnd.randint(0, limit - 1)
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and proc.poll() is None:
        if _count(catalog, watch_sql) >= target:
            break
        time.sleep(0.003)
    killed = proc.poll() is None
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return killed


def _check_consistent(catalog, pid):
    with sqlite3.connect(catalog) as conn:
        q = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        assert q("PRAGMA integrity_check") == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert q("SELECT COUNT(*) - COUNT(DISTINCT hash) FROM photos") == 0
        assert q("SELECT COUNT(*) - COUNT(DISTINCT path) FROM files") == 0
        assert q("SELECT COUNT(*) FROM files WHERE photo_id NOT IN (SELECT id FROM photos)") == 0
        user_tags = conn.execute(
            "SELECT t.name FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id"
            " WHERE pt.photo_id = ? AND t.kind = 'user'", [pid]).fetchall()
        assert user_tags == [("우리 가족",)]
        assert conn.execute("SELECT variant, canonical FROM hashtag_merges").fetchall() == [("sunset", "노을")]
        assert conn.execute(
            "SELECT p.name FROM faces f JOIN persons p ON p.id = f.person_id WHERE f.photo_id = ?",
            [pid]).fetchall() == [("엄마",)]
        # the trigger-kept tree counters survived the kill too
        from pose_desktop.catalog import queries

        assert queries.date_tree(conn) == queries.date_tree_exact(conn)
        assert sorted(queries.tag_tree(conn)) == sorted(queries.tag_tree_exact(conn))


@pytest.mark.parametrize("seed", [11, 22, 33])
def test_kill_indexer_and_importer_at_random_points(tmp_path, sources, seed):
    rnd = random.Random(seed)
    catalog = tmp_path / "c.sqlite"
    pid = _prepare(catalog, sources)
    base = [sys.executable, "-m", "pose_desktop", "--catalog", str(catalog), "-q"]

    killed = _kill_at_random([*base, "index", str(sources["photos"])], catalog, rnd,
                             "SELECT COUNT(*) FROM photos", N_PHOTOS)
    assert killed, "the indexer finished before the kill"
    assert _count(catalog, "SELECT COUNT(*) FROM photos") == N_PHOTOS + 1
    _check_consistent(catalog, pid)

    killed = _kill_at_random([*base, "import-instaloader", str(sources["insta"])], catalog, rnd,
                             "SELECT COUNT(*) FROM posts", N_POSTS)
    assert killed, "the importer finished before the kill"
    assert _count(catalog, "SELECT COUNT(*) FROM posts") == N_POSTS
    assert _count(catalog, "SELECT COUNT(*) - COUNT(DISTINCT shortcode) FROM posts") == 0
    media = _count(catalog, "SELECT COUNT(*) FROM post_media")
    assert media == _count(catalog, "SELECT COUNT(DISTINCT post_id || '/' || photo_id) FROM post_media")
    _check_consistent(catalog, pid)


@pytest.mark.parametrize("seed", [5, 6])
def test_kill_analyser_at_random_points(tmp_path, shared_datasets, seed):
    rnd = random.Random(seed)
    photos = tmp_path / "faces"
    photos.mkdir()
    for f in sorted((shared_datasets / "faces" / "images").glob("*.jpg"))[:24]:
        (photos / f.name).write_bytes(f.read_bytes())
    catalog = tmp_path / "c.sqlite"
    lib = Library(catalog)
    list(lib.photos.index_folder(photos))
    lib.photos.merge_hashtags("sunset", "노을")
    lib.close()
    n = _count(catalog, "SELECT COUNT(*) FROM photos")
    base = [sys.executable, "-m", "pose_desktop", "--catalog", str(catalog), "-q"]
    killed = _kill_at_random([*base, "analyze"], catalog, rnd,
                             "SELECT COUNT(DISTINCT photo_id) FROM analysis_runs", n)
    assert killed, "the analyser finished before the kill"
    with sqlite3.connect(catalog) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        analyzers = {r[0] for r in conn.execute("SELECT DISTINCT analyzer FROM analysis_runs")}
        runs = conn.execute("SELECT COUNT(*) FROM analysis_runs").fetchone()[0]
        assert runs == n * len(analyzers)  # every photo analysed once by each analyzer
        assert conn.execute("SELECT COUNT(*) FROM faces").fetchone()[0] >= n * 0.9
        dupes = conn.execute(
            "SELECT COUNT(*) FROM (SELECT photo_id, x1, y1 FROM faces GROUP BY photo_id, x1, y1"
            " HAVING COUNT(*) > 1)").fetchone()[0]
        assert dupes == 0
        assert conn.execute("SELECT variant, canonical FROM hashtag_merges").fetchall() == [("sunset", "노을")]
        from pose_desktop.catalog import queries

        assert sorted(queries.tag_tree(conn)) == sorted(queries.tag_tree_exact(conn))
