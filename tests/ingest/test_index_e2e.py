"""End to end: a real photo tree with good and bad files, indexed, changed, re-indexed."""

from __future__ import annotations

import os
import shutil
import struct
import zlib
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image

from pose_desktop.ingest.media import thumbnail_size
from pose_desktop.services import Library, PhotoFilter
from tests.photos import make_heic, make_jpeg, make_png, tree_digest


def _huge_png(path: Path, w: int = 20000, h: int = 20000) -> None:
    """A tiny PNG whose header claims 400 MP (a decompression-bomb shape)."""
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)
    chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))  # noqa: E731
    data = zlib.compress(b"\x00" * 1000)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", data) + chunk(b"IEND", b""))


def _garbage_exif_jpeg(path: Path) -> None:
    make_jpeg(path, when=None, seed=77, make=None, model=None)
    data = path.read_bytes()
    junk = b"Exif\x00\x00II*\x00\x08\x00\x00\x00" + os.urandom(200) + b"\xff\xff\xff\xff" * 20
    seg = b"\xff\xe1" + struct.pack(">H", len(junk) + 2) + junk
    path.write_bytes(data[:2] + seg + data[2:])


@pytest.fixture
def photo_tree(tmp_path) -> Path:
    root = tmp_path / "Pictures"
    make_jpeg(root / "2019/summer/beach.jpg", when=datetime(2019, 7, 14, 18, 3, 22), seed=1,
              gps=(37.5, 126.9))
    make_jpeg(root / "2019/summer/sunset.jpg", when=datetime(2019, 7, 15, 19, 0, 0), seed=2,
              orientation=6)
    make_jpeg(root / "2020/party.jpg", when=datetime(2020, 12, 24, 21, 0), seed=3,
              digitized_only=True)
    make_jpeg(root / "2020/no_date.jpg", seed=4, make=None, model=None)
    make_png(root / "png/alpha.png", "RGBA", seed=5)
    make_png(root / "png/palette.png", "P", seed=6)
    make_png(root / "png/sixteen.png", "I;16", seed=7)
    Image.new("CMYK", (200, 100), (0, 120, 50, 10)).save(root / "png/cmyk.jpg")
    make_heic(root / "phone/IMG_0001.heic", seed=8)
    make_png(root / "misnamed/actually_png.jpg", "RGB", seed=9)
    (root / "broken").mkdir()
    (root / "broken/zero.jpg").write_bytes(b"")
    (root / "broken/text.png").write_text("hello, I am not an image")
    good = make_jpeg(root / "broken/full.jpg", when=datetime(2018, 1, 1), seed=10, size=(1200, 900)).read_bytes()
    (root / "broken/full.jpg").unlink()
    (root / "broken/truncated.jpg").write_bytes(good[: len(good) // 2])
    _huge_png(root / "broken/bomb.png")
    _garbage_exif_jpeg(root / "broken/garbage_exif.jpg")
    (root / "notes.txt").write_text("not media, ignored")
    long_name = "긴이름_" * 20 + ".jpg"
    make_jpeg(root / "odd" / long_name, when=datetime(2017, 5, 5), seed=11)
    os.symlink("..", root / "odd" / "loop")
    raw_dir = os.fsencode(str(root / "odd"))
    src = make_jpeg(root / "tmp_latin1.jpg", when=datetime(2016, 3, 3), seed=12)
    os.rename(os.fsencode(str(src)), raw_dir + b"/caf\xe9.jpg")
    return root


def _collect(events):
    last = None
    for ev in events:
        last = ev
    return last


def test_index_modify_reindex(photo_tree, library: Library):
    before = tree_digest(photo_tree)
    ev = _collect(library.photos.index_folder(photo_tree))
    assert ev.phase == "done"
    stats = library.photos.stats()
    # 14 media that read: 4 dated/undated JPEGs, 4 PNG-ish, HEIC, misnamed, truncated,
    # bomb (indexed without preview), garbage EXIF, long name, latin-1 name.
    assert stats.photos == 15
    assert ev.added == 15 and ev.failed >= 2
    issues = {Path(i.path).name: i for i in library.photos.issues()}
    assert issues["zero.jpg"].reason == "empty file (0 bytes)"
    assert "not an image" in issues["text.png"].reason
    assert issues["bomb.png"].severity == "warning" and "too large" in issues["bomb.png"].reason
    assert "truncated" in issues["truncated.jpg"].reason or "damaged" in issues["truncated.jpg"].reason
    assert "loop" in issues["loop"].reason
    assert "notes.txt" not in issues

    # dates and their sources
    by_name = {}
    for p in library.photos.page(PhotoFilter(), limit=100):
        by_name[Path(p.path).name] = library.photos.photo(p.id)
    assert by_name["beach.jpg"].taken_at == "2019-07-14T18:03:22"
    assert by_name["beach.jpg"].date_source == "exif:DateTimeOriginal"
    assert by_name["beach.jpg"].gps == pytest.approx((37.5, 126.9), abs=0.01)
    assert by_name["beach.jpg"].camera == "Canon EOS 5D"
    assert by_name["party.jpg"].date_source == "exif:DateTimeDigitized"
    assert by_name["no_date.jpg"].date_source == "folder name:year"  # it sits in 2020/
    assert by_name["no_date.jpg"].date_label == "2020?"
    assert (by_name["sunset.jpg"].width, by_name["sunset.jpg"].height) == (480, 640)
    assert by_name["IMG_0001.heic"].format == "HEIF"
    assert by_name["actually_png.jpg"].format == "PNG"
    assert by_name["café.jpg" if "café.jpg" in by_name else "caf\\xe9.jpg"].taken_at.startswith("2016")
    for name in ("alpha.png", "palette.png", "sixteen.png", "cmyk.jpg", "sunset.jpg", "IMG_0001.heic"):
        thumb = by_name[name].thumbnail
        assert thumb and thumb.exists(), name
        with Image.open(thumb) as t:
            w, h = by_name[name].width, by_name[name].height
            # the shorter side at 256 px (never enlarged), the longer side at most 768
            assert t.size == thumbnail_size(w, h)
            assert min(t.size) == min(256, w, h) or max(t.size) == 768
            assert t.mode == "RGB"
    with Image.open(by_name["sunset.jpg"].thumbnail) as t:  # orientation 6 applied: portrait
        assert t.height > t.width
    assert by_name["bomb.png"].thumbnail is None

    # date tree
    years = {y.year: y for y in library.photos.date_tree()}
    assert years[2019].count == 2 and years[2019].months[0].month == 7
    assert [d.day for d in years[2019].months[0].days] == [15, 14]

    # a user tag, then move + rename + delete
    beach = by_name["beach.jpg"]
    library.photos.add_user_tag([beach.id], "바다 여행")
    (photo_tree / "moved").mkdir()
    shutil.move(photo_tree / "2019/summer/beach.jpg", photo_tree / "moved/renamed_beach.jpg")
    (photo_tree / "2020/party.jpg").unlink()
    shutil.copy(photo_tree / "2019/summer/sunset.jpg", photo_tree / "2020/sunset_copy.jpg")
    ev = _collect(library.photos.index_folder(photo_tree))
    assert ev.added == 0 and ev.updated == 0 and ev.copies == 2 and ev.missing == 2
    moved = library.photos.photo(beach.id)
    assert [t.name for t in moved.tags if t.kind == "user"] == ["바다 여행"]
    assert {Path(f.path).name: f.status for f in moved.files} == {
        "renamed_beach.jpg": "ok", "beach.jpg": "missing"}
    assert moved.status == "ok"
    party = by_name["party.jpg"]
    assert library.photos.photo(party.id).status == "missing"
    assert library.photos.stats().missing == 1 and library.photos.stats().photos == 14
    assert len(library.photos.photo(by_name["sunset.jpg"].id).files) == 2
    assert [p.id for p in library.photos.search("바다")] == [beach.id]

    # originals were never written (the ones we did not move/delete ourselves)
    after = tree_digest(photo_tree)
    for path, digest in before.items():
        if path in after:
            assert after[path] == digest, path


def test_no_change_reindex_reads_nothing(photo_tree, library):
    first = _collect(library.photos.index_folder(photo_tree))
    assert first.failed == 3  # zero.jpg, text.png, the symlink loop
    thumbs = sorted(library.thumbs_dir.rglob("*.jpg"))
    mtimes = [t.stat().st_mtime_ns for t in thumbs]
    ev = _collect(library.photos.index_folder(photo_tree))
    # the files that failed are known and unchanged: listed in Problems, not failed anew
    assert ev.added == 0 and ev.updated == 0 and ev.unchanged == 15 + 3 and ev.failed == 0
    assert len([i for i in library.photos.issues() if i.severity == "error"]) == 3
    assert [t.stat().st_mtime_ns for t in thumbs] == mtimes


def test_reappearing_file_is_no_longer_missing(tmp_path, library):
    root = tmp_path / "p"
    make_jpeg(root / "a.jpg", when=datetime(2020, 1, 1), seed=1)
    _collect(library.photos.index_folder(root))
    (root / "a.jpg").rename(tmp_path / "a.jpg")
    _collect(library.photos.index_folder(root))
    assert library.photos.stats().missing == 1
    (tmp_path / "a.jpg").rename(root / "a.jpg")
    _collect(library.photos.index_folder(root))
    assert library.photos.stats().missing == 0 and library.photos.stats().photos == 1


def test_missing_folder_is_a_clear_failure(tmp_path, library):
    ev = _collect(library.photos.index_folder(tmp_path / "nope"))
    assert ev.failed == 1 and "cannot open the folder" in ev.message


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file; permissions can't be tested")
def test_unreadable_file_and_folder(tmp_path, library):
    root = tmp_path / "p"
    make_jpeg(root / "ok.jpg", seed=1)
    locked = make_jpeg(root / "locked.jpg", seed=2)
    make_jpeg(root / "sub/x.jpg", seed=3)
    locked.chmod(0)
    (root / "sub").chmod(0)
    try:
        _collect(library.photos.index_folder(root))
    finally:
        (root / "sub").chmod(0o755)
        locked.chmod(0o644)
    reasons = {Path(i.path).name: i.reason for i in library.photos.issues()}
    assert "ermission" in reasons["locked.jpg"] and "ermission" in reasons["sub"]


def test_cancel_midway_then_resume_loses_and_doubles_nothing(tmp_path, library):
    root = tmp_path / "many"
    for i in range(150):
        make_jpeg(root / f"{i:03}.jpg", when=datetime(2021, 1 + i % 12, 1), seed=i, size=(320, 240))
    gen = library.photos.index_folder(root, workers=2)
    for ev in gen:
        if ev.phase == "indexing" and ev.done >= 64:
            break
    gen.close()
    partial = library.photos.stats().photos
    assert 64 <= partial < 150
    ev = _collect(library.photos.index_folder(root))
    assert ev.unchanged == partial and ev.added == 150 - partial
    db = library.catalog.db
    assert db.execute("SELECT COUNT(*) FROM photos").fetchone()[0] == 150
    assert db.execute("SELECT COUNT(*) FROM files").fetchone()[0] == 150
