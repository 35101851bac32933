"""Batched catalog writes: model tags replaced as a diff, the user's tags untouched."""

from __future__ import annotations

import pytest

from pose_desktop.catalog import store
from pose_desktop.services import Library
from tests.photos import make_jpeg


@pytest.fixture
def lib(tmp_path):
    for i in range(3):
        make_jpeg(tmp_path / "photos" / f"{i}.jpg", seed=i)
    library = Library(tmp_path / "catalog.sqlite")
    list(library.photos.index_folder(tmp_path / "photos"))
    yield library
    library.close()


def _rows(lib, pid):
    return {
        (name, source): (score, added) for name, source, score, added in lib.catalog.reader().execute(
            "SELECT t.name, pt.source, pt.score, pt.added_at FROM photo_tags pt "
            "JOIN tags t ON t.id = pt.tag_id WHERE pt.photo_id = ? AND t.kind = 'scene'", [pid])
    }


def _count(lib, name):
    row = lib.catalog.reader().execute(
        "SELECT c.n FROM tag_counts c JOIN tags t ON t.id = c.tag_id WHERE t.kind = 'scene' AND t.name = ?",
        [name]).fetchone()
    return row[0] if row else 0


def test_replace_tags_keeps_unchanged_rows_drops_stale_ones_and_leaves_user_tags(lib):
    a, b, c = lib.photos.photo_ids()[:3]
    with lib.catalog.write() as db:
        store.replace_tags(db, "model:m", ["scene", "object"], {
            a: [("scene", "beach", 0.9), ("scene", "sea", 0.5), ("object", "kite", 0.3)],
            b: [("scene", "beach", 0.8)],
        })
        store.add_tag(db, a, "scene", "beach", "user")
        db.execute("UPDATE photo_tags SET added_at = '2020-01-01T00:00:00+00:00' WHERE photo_id = ?", [a])
    assert _count(lib, "beach") == 2 and _count(lib, "sea") == 1

    with lib.catalog.write() as db:  # the model runs again and sees a little differently
        store.replace_tags(db, "model:m", ["scene", "object"], {
            a: [("scene", "beach", 0.7), ("scene", "dog", 0.6)],
            b: [("scene", "beach", 0.8)],
            c: [],
        })
    rows = _rows(lib, a)
    assert rows[("beach", "model:m")] == (0.7, "2020-01-01T00:00:00+00:00")  # updated in place
    assert ("sea", "model:m") not in rows and ("dog", "model:m") in rows
    assert rows[("beach", "user")][1] == "2020-01-01T00:00:00+00:00"  # the user's own, untouched
    kite = lib.catalog.reader().execute(
        "SELECT COUNT(*) FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id WHERE t.name = 'kite'").fetchone()
    assert kite[0] == 0
    assert (_count(lib, "beach"), _count(lib, "sea"), _count(lib, "dog")) == (2, 0, 1)


def test_set_tags_is_replace_tags_for_one_photo_and_kind(lib):
    pid = lib.photos.photo_ids()[0]
    with lib.catalog.write() as db:
        store.set_tags(db, pid, "scene", "model:m", [("forest", 0.4)])
        store.set_tags(db, pid, "scene", "model:m", [("lake", 0.6)])
    assert set(_rows(lib, pid)) == {("lake", "model:m")}
