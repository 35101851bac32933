"""A photo edited in place (rotated, retouched: new bytes at the same path) replaces its
old version: no phantom row left 'ok' with no file, and what the user gave it (tags,
caption, names) stays. A replacement that keeps the name, size and mtime is noticed too."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime

from PIL import Image

from pose_desktop.services import Library, PhotoFilter
from tests.photos import make_jpeg


def _index(lib, root):
    return list(lib.photos.index_folder(root))[-1]


def _rows(cat):
    with sqlite3.connect(cat) as conn:
        return conn.execute("SELECT id, hash, status FROM photos ORDER BY id").fetchall()


def test_a_photo_rotated_in_place_replaces_its_old_version(tmp_path):
    root = tmp_path / "p"
    photo = make_jpeg(root / "cat.jpg", when=datetime(2019, 7, 14, 18, 3, 22), size=(640, 480))
    make_jpeg(root / "other.jpg", when=datetime(2019, 7, 14), seed=5)
    cat = tmp_path / "c.sqlite"
    with Library(cat) as lib:
        _index(lib, root)
        (pid,) = [p.id for p in lib.photos.page(PhotoFilter()) if p.path.endswith("cat.jpg")]
        lib.photos.add_user_tag([pid], "mittens")
        old_hash = lib.photos.photo(pid).hash
    with Image.open(photo) as im:  # rotate in place, as an image viewer does
        exif = im.getexif()
        im.rotate(90, expand=True).save(photo, "JPEG", exif=exif, quality=90)
    with Library(cat) as lib:
        ev = _index(lib, root)
        assert ev.updated == 1 and ev.added == 0
        rows = _rows(cat)
        assert len(rows) == 2 and all(status == "ok" for _, _, status in rows)  # no phantom
        p = lib.photos.photo(pid)  # the same photo, now its new version
        assert p.hash != old_hash and (p.width, p.height) == (480, 640)
        assert [t.label for t in p.tags if t.kind == "user"] == ["mittens"]
        assert lib.photos.stats().photos == 2
        assert [x.id for x in lib.photos.search("mittens")] == [pid]
        assert sum(y.count for y in lib.photos.date_tree()) == 2
        assert p.thumbnail and p.thumbnail.exists()


def test_a_replacement_with_the_same_name_size_and_mtime_is_noticed(tmp_path):
    root = tmp_path / "p"
    a = make_jpeg(root / "a.jpg", seed=1, size=(320, 240))
    cat = tmp_path / "c.sqlite"
    with Library(cat) as lib:
        _index(lib, root)
        (old,) = _rows(cat)
    st = os.stat(a)
    data = bytearray(a.read_bytes())
    data[-10] ^= 0xFF  # other bytes, same length
    a.write_bytes(bytes(data))
    os.utime(a, ns=(st.st_atime_ns, st.st_mtime_ns))  # same mtime too
    assert (os.stat(a).st_size, os.stat(a).st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    with Library(cat) as lib:
        ev = _index(lib, root)
        assert ev.updated == 1 and ev.unchanged == 0
        ((pid, new_hash, status),) = _rows(cat)
        assert pid == old[0] and new_hash != old[1] and status == "ok"


def test_an_edit_that_matches_another_photo_leaves_no_phantom(tmp_path):
    root = tmp_path / "p"
    a = make_jpeg(root / "a.jpg", seed=1)
    b = make_jpeg(root / "b.jpg", seed=2)
    cat = tmp_path / "c.sqlite"
    with Library(cat) as lib:
        _index(lib, root)
    a.write_bytes(b.read_bytes())  # a is now a copy of b
    with Library(cat) as lib:
        _index(lib, root)
        assert lib.photos.stats().photos == 1
        statuses = sorted(s for _, _, s in _rows(cat))
        assert statuses in (["ok"], ["missing", "ok"])
        assert len(lib.photos.page(PhotoFilter())) == 1
