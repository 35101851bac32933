"""The trigger-maintained tree counters always equal the exact aggregates."""

from __future__ import annotations

import random
from datetime import datetime

import pytest

from pose_desktop.catalog import queries, store
from pose_desktop.ingest.indexer import FileHint, index_files
from pose_desktop.ingest.scan import walk_media
from tests.photos import make_jpeg


def _assert_consistent(db):
    assert queries.date_tree(db) == queries.date_tree_exact(db)
    assert sorted(queries.tag_tree(db)) == sorted(queries.tag_tree_exact(db))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_counters_match_exact_aggregates_under_random_edits(tmp_path, library, seed):
    rnd = random.Random(seed)
    root = tmp_path / "p"
    paths = []
    for i in range(16):
        paths.append(make_jpeg(root / f"{i}.jpg", when=datetime(2020, 1 + i % 3, 1 + i % 2),
                               seed=seed * 100 + i, size=(64, 48)))
    hints = {str(p): FileHint(caption=f"#{rnd.choice(['dog', '댕댕이', 'cat', 'sunset'])} #x{i % 3}")
             for i, p in enumerate(paths)}
    list(index_files(library.catalog, walk_media(str(root)), hints=hints, thumbs_dir=library.thumbs_dir))
    db = library.catalog.db
    _assert_consistent(db)
    ids = library.photos.photo_ids()
    for _step in range(60):
        op = rnd.choice(["user", "model", "untag", "hide", "unhide", "merge", "move", "caption"])
        pid = rnd.choice(ids)
        if op == "user":
            library.photos.add_user_tag([pid], rnd.choice(["a", "b"]))
        elif op == "model":
            with library.catalog.write() as w:
                store.set_tags(w, pid, "scene", "model:m@1",
                               [(n, 0.5) for n in rnd.sample(["beach", "dog", "food"], rnd.randint(0, 2))])
                store.add_tag(w, pid, "scene", "beach", "user")  # same tag, second source
        elif op == "untag":
            library.photos.remove_tag([pid], "scene", "beach")
        elif op == "hide":
            library.photos.hide_photos([pid])
        elif op == "unhide":
            library.photos.hide_photos([pid], hidden=False)
        elif op == "merge":
            library.photos.merge_hashtags(rnd.choice(["x0", "x1"]), rnd.choice(["x2", "sunset"]))
        elif op == "caption":
            library.photos.set_caption(pid, f"#{rnd.choice(['cat', 'new', '강아지'])}")
        elif op == "move":  # a file disappears (photo missing) or comes back
            p = rnd.choice(paths)
            gone = p.with_suffix(".gone")
            if p.exists():
                p.rename(gone)
            elif gone.exists():
                gone.rename(p)
            list(library.photos.index_folder(root))
        _assert_consistent(db)
    with library.catalog.write() as w:  # deleting photos outright also keeps counts right
        w.execute("DELETE FROM photos WHERE id IN (?, ?)", ids[:2])
    _assert_consistent(db)
