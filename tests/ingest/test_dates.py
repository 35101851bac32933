"""Honest dates: a folder's name dates the photos inside (marked as a guess, with its
precision), photos with nothing better are undated instead of sitting in the month they
were copied, and a date set by hand is kept over anything indexing finds and goes to XMP."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import datetime

import pytest

from pose_desktop.catalog.dates import date_from_name, date_from_path
from pose_desktop.catalog.db import Catalog
from pose_desktop.cli import main
from pose_desktop.services import Library, PhotoFilter
from tests.old_catalog import catalog_before
from tests.photos import make_jpeg


@pytest.mark.parametrize(("name", "expected"), [
    ("2019-trip", (datetime(2019, 1, 1), "year")),
    ("제주 2019 여름", (datetime(2019, 1, 1), "year")),
    ("2019-07", (datetime(2019, 7, 1), "month")),
    ("2019_07 Jeju", (datetime(2019, 7, 1), "month")),
    ("2019-07-05", (datetime(2019, 7, 5), "day")),
    ("20190705", (datetime(2019, 7, 5), "day")),
    ("2019.07.05 birthday", (datetime(2019, 7, 5), "day")),
    ("IMG_20190705", (datetime(2019, 7, 5), "day")),
    ("user2020", None),  # part of a word
    ("3000-trip", None),
    ("123456789", None),
    ("2019-02-30", (datetime(2019, 2, 1), "month")),  # not a day: the month alone
    ("photos", None),
])
def test_date_from_name(name, expected):
    assert date_from_name(name) == expected


def test_innermost_folder_wins():
    assert date_from_path("/home/me/2018/2019-07 Jeju/a.jpg") == (datetime(2019, 7, 1), "month", "2019-07 Jeju")
    assert date_from_path("/home/me/2018/misc/a.jpg") == (datetime(2018, 1, 1), "year", "2018")
    assert date_from_path("/home/me/misc/a.jpg") is None


def _index(lib, root):
    list(lib.photos.index_folder(root))


def test_folder_dates_undated_branch_and_labels(tmp_path):
    root = tmp_path / "Pictures"
    make_jpeg(root / "2019-trip" / "a.jpg", seed=1)  # no EXIF date in any of these but e
    make_jpeg(root / "2019-07" / "b.jpg", seed=2)
    make_jpeg(root / "20190705" / "c.jpg", seed=3)
    make_jpeg(root / "misc" / "d.jpg", seed=4)
    make_jpeg(root / "2018" / "e.jpg", seed=5, when=datetime(2020, 5, 6, 7, 8, 9))
    with Library(tmp_path / "c.sqlite") as lib:
        _index(lib, root)
        p = {n: lib.photos.photo(lib.photos.resolve(str(f))) for n, f in
             (("a", root / "2019-trip/a.jpg"), ("b", root / "2019-07/b.jpg"),
              ("c", root / "20190705/c.jpg"), ("d", root / "misc/d.jpg"), ("e", root / "2018/e.jpg"))}
        assert [p[k].date_source for k in "abcde"] == [
            "folder name:year", "folder name:month", "folder name:day", "file mtime",
            "exif:DateTimeOriginal"]
        assert [p[k].date_label for k in "abcde"] == [
            "2019?", "2019-07?", "2019-07-05?", "", "2020-05-06 07:08:09"]
        assert [p[k].date_guessed for k in "abcde"] == [True, True, True, True, False]
        tree = {(y.year, m.month, d.day): d.count for y in lib.photos.date_tree() for m in y.months for d in m.days}
        assert tree == {(2019, None, None): 1, (2019, 7, None): 1, (2019, 7, 5): 1,
                        (None, None, None): 1, (2020, 5, 6): 1}
        ids = lambda f: {s.id for s in lib.photos.page(f)}  # noqa: E731
        assert ids(PhotoFilter(undated=True)) == {p["d"].id}
        assert ids(PhotoFilter(year=2019, undated=True)) == {p["a"].id}
        assert ids(PhotoFilter(year=2019, month=7, undated=True)) == {p["b"].id}
        assert ids(PhotoFilter(year=2019)) == {p["a"].id, p["b"].id, p["c"].id}
        summaries = {s.id: s.date_label for s in lib.photos.page()}
        assert summaries[p["d"].id] == "" and summaries[p["a"].id] == "2019?"


def test_set_date_is_kept_and_exported(tmp_path, capsys):
    root = tmp_path / "p"
    photo = make_jpeg(root / "misc" / "d.jpg", seed=4)
    cat = tmp_path / "c.sqlite"
    with Library(cat) as lib:
        _index(lib, root)
    assert main(["--catalog", str(cat), "set-date", "2015-03-04T05:06:07+09:00", str(photo)]) == 0
    assert "1 photo(s) dated 2015-03-04 05:06:07 +09:00" in capsys.readouterr().out
    assert main(["--catalog", str(cat), "set-date", "yesterday", str(photo)]) == 2
    os.utime(photo, (1_000_000_000, 1_000_000_000))  # the file changes: it is read again
    with Library(cat) as lib:
        _index(lib, root)
        d = lib.photos.photo(lib.photos.resolve(str(photo)))
        assert (d.taken_at, d.date_source, d.tz_offset) == ("2015-03-04T05:06:07", "user", "+09:00")
        assert d.date_label == "2015-03-04 05:06:07 +09:00" and not d.date_guessed
        assert [(y.year, y.count) for y in lib.photos.date_tree()] == [(2015, 1)]
    assert main(["--catalog", str(cat), "show", str(photo)]) == 0
    assert "date:     2015-03-04 05:06:07 +09:00  (source: set by you)" in capsys.readouterr().out
    if shutil.which("exiftool") is None:
        pytest.skip("exiftool not installed (Debian package libimage-exiftool-perl)")
    assert main(["--catalog", str(cat), "export-xmp"]) == 0
    out = subprocess.run(["exiftool", "-j", "-XMP-exif:DateTimeOriginal", str(photo) + ".xmp"],
                         capture_output=True, text=True, check=True).stdout
    assert json.loads(out)[0]["DateTimeOriginal"] == "2015:03:04 05:06:07+09:00"


def test_an_older_catalogs_file_time_dates_are_made_honest(tmp_path):
    path = tmp_path / "old.sqlite"
    db = catalog_before(path, "0011_honest_dates")
    for i, (folder, source) in enumerate([("/p/2019-trip", "file mtime"), ("/p/misc", "file mtime"),
                                          ("/p/2017", "exif:DateTimeOriginal")]):
        db.execute(
            "INSERT INTO photos (id, hash, size, taken_at, date_source, year, month, day, added_at,"
            " updated_at) VALUES (?, ?, 1, '2026-12-06T10:00:00', ?, 2026, 12, 6, 'x', 'x')",
            [i + 1, f"h{i}", source])
        db.execute("INSERT INTO files (photo_id, path, size, mtime_ns, seen_at) VALUES (?, ?, 1, 1, 'x')",
                   [i + 1, f"{folder}/x{i}.jpg"])
    db.conn.close()
    cat = Catalog(path)
    rows = cat.db.execute("SELECT id, taken_at, date_source, year, month, day FROM photos ORDER BY id").fetchall()
    assert rows == [
        (1, "2019-01-01T00:00:00", "folder name:year", 2019, None, None),
        (2, "2026-12-06T10:00:00", "file mtime", None, None, None),
        (3, "2026-12-06T10:00:00", "exif:DateTimeOriginal", 2026, 12, 6),
    ]
    assert sorted(cat.db.execute("SELECT year, month, day, n FROM date_counts WHERE n > 0").fetchall(),
                  key=str) == sorted([(2019, 0, 0, 1), (0, 0, 0, 1), (2026, 12, 6, 1)], key=str)
    cat.close()
