"""Bounded memory whatever the input: decompression bombs are refused from their header on
every decode path, and huge files are hashed in pieces (the real ``pose`` command in a
subprocess; its peak RSS from the kernel, against a normal photo in the same test)."""

from __future__ import annotations

import sqlite3

import pytest

from pose_desktop.errors import IngestError
from pose_desktop.inference.decode import decode_image
from pose_desktop.ingest.indexer import MAX_IN_MEMORY
from pose_desktop.ingest.media import NotAnImageError, probe_and_thumbnail
from tests.photos import make_jpeg, make_png_bomb, make_zero_filled_jpeg
from tests.proc import run_pose

BOMB_SIDE = 20000  # 400 MP: ~390 kB on disk, 400 MB decoded (1.2 GB as RGB)
MARGIN_MB = 150  # what one refused input may cost above a normal photo


@pytest.fixture(scope="module")
def bomb(tmp_path_factory):
    return make_png_bomb(tmp_path_factory.mktemp("bomb") / "bomb.png", BOMB_SIDE)


def _issues(catalog):
    with sqlite3.connect(catalog) as conn:
        return dict(conn.execute("SELECT path, reason FROM index_issues").fetchall())


def test_a_png_bomb_is_refused_from_its_header(bomb, tmp_path):
    with pytest.raises(NotAnImageError, match="too large to decode safely"):
        from pose_desktop.ingest.media import make_thumbnail
        make_thumbnail(bomb.read_bytes())
    info = probe_and_thumbnail(bomb, tmp_path / "t.jpg")  # its EXIF search must not decode it
    assert (info.width, info.height, info.thumbnail_written) == (BOMB_SIDE, BOMB_SIDE, False)
    assert "too large to decode safely" in info.warning
    with pytest.raises(IngestError, match="too large to decode safely"):
        decode_image(bomb)


def test_index_of_a_bomb_stays_small(bomb, tmp_path):
    photos = tmp_path / "photos"
    make_jpeg(photos / "ok" / "a.jpg")
    (photos / "bomb").mkdir()
    (photos / "bomb" / "b.png").write_bytes(bomb.read_bytes())
    control = run_pose("--catalog", str(tmp_path / "c1.sqlite"), "-q", "index", str(photos / "ok"))
    assert control.returncode == 0, control.stderr
    run = run_pose("--catalog", str(tmp_path / "c2.sqlite"), "-q", "index", str(photos / "bomb"))
    assert run.returncode == 0, run.stderr
    assert "1 added" in run.stdout and "1 warnings" in run.stdout
    assert run.peak_rss_mb < control.peak_rss_mb + MARGIN_MB, (run.peak_rss_mb, control.peak_rss_mb)
    (reason,) = _issues(tmp_path / "c2.sqlite").values()
    assert "too large to decode safely" in reason


def test_suggest_and_similar_refuse_a_bomb_with_a_sentence(bomb, tmp_path):
    ok = make_jpeg(tmp_path / "ok.jpg", size=(800, 600))
    cat = str(tmp_path / "c.sqlite")
    control = run_pose("--catalog", cat, "suggest", str(ok))
    assert control.returncode == 0, control.stderr
    run = run_pose("--catalog", cat, "suggest", str(bomb))
    assert "Traceback" not in run.stderr
    assert "too large to decode safely" in run.stdout + run.stderr
    assert run.peak_rss_mb < control.peak_rss_mb + MARGIN_MB, (run.peak_rss_mb, control.peak_rss_mb)
    run = run_pose("--catalog", cat, "similar", str(bomb))
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "too large to decode safely" in run.stderr
    assert run.peak_rss_mb < control.peak_rss_mb + MARGIN_MB, (run.peak_rss_mb, control.peak_rss_mb)


def test_analyze_skips_a_bomb_with_a_reason(bomb, tmp_path):
    photos = tmp_path / "photos"
    make_jpeg(photos / "a.jpg", size=(800, 600))
    (photos / "b.png").write_bytes(bomb.read_bytes())
    cat = str(tmp_path / "c.sqlite")
    assert run_pose("--catalog", cat, "-q", "index", str(photos)).returncode == 0
    control = run_pose("--catalog", str(tmp_path / "c0.sqlite"), "-q", "analyze")
    run = run_pose("--catalog", cat, "-q", "analyze")
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    assert run.peak_rss_mb < max(control.peak_rss_mb, 200) + MARGIN_MB + 200, (run.peak_rss_mb, control.peak_rss_mb)


def test_huge_files_are_hashed_in_pieces(tmp_path):
    """A 400 MB video and a 400 MB zero-filled 'JPEG' (an interrupted download): memory does
    not grow with the file; the JPEG is refused after a bounded header scan."""
    photos = tmp_path / "photos"
    make_jpeg(photos / "ok" / "a.jpg")
    size = 400 * 1024 * 1024
    assert size > MAX_IN_MEMORY * 4
    big = photos / "big"
    big.mkdir()
    with open(big / "clip.mp4", "wb") as fh:
        fh.truncate(size)
    make_zero_filled_jpeg(big / "download.jpg", size)
    control = run_pose("--catalog", str(tmp_path / "c1.sqlite"), "-q", "index", str(photos / "ok"))
    run = run_pose("--catalog", str(tmp_path / "c2.sqlite"), "-q", "index", str(big))
    assert run.returncode == 0, run.stderr
    assert "1 added" in run.stdout and "1 failed" in run.stdout, run.stdout
    assert run.peak_rss_mb < control.peak_rss_mb + MARGIN_MB, (run.peak_rss_mb, control.peak_rss_mb)
    issues = _issues(tmp_path / "c2.sqlite")
    assert "no image header in the first" in issues[str(big / "download.jpg")]
    assert "unreadable video" in issues[str(big / "clip.mp4")]  # a warning: no poster, no date
    with sqlite3.connect(tmp_path / "c2.sqlite") as conn:
        assert conn.execute("SELECT size, media_type FROM photos").fetchone() == (size, "video")


def test_identical_photos_indexed_together_share_a_thumbnail_cleanly(tmp_path):
    """Threads of one process share the pid: copies of one photo read at the same time must
    not write the thumbnail through one temporary name."""
    photos = tmp_path / "photos"
    for i in range(40):
        src = make_jpeg(photos / f"{i:02}a.jpg", seed=i, size=(2000, 1500))
        (photos / f"{i:02}b.jpg").write_bytes(src.read_bytes())
    run = run_pose("--catalog", str(tmp_path / "c.sqlite"), "-q", "index", str(photos))
    assert run.returncode == 0, run.stderr
    assert "40 added, 0 updated" in run.stdout and "0 warnings" in run.stdout, run.stdout
    assert "40 file(s) show a picture the library already has" in run.stdout, run.stdout
    assert _issues(tmp_path / "c.sqlite") == {}
    thumbs = tmp_path / "c.thumbs"
    assert len(list(thumbs.rglob("*.jpg"))) == 40
    assert list(thumbs.rglob("*.tmp")) == []
