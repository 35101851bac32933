"""One hostile post never stops an import: deeply nested JSON (a recursion bomb) in an
export's posts_1.json or personal_information.json, or in one instaloader post's .json.xz,
is skipped with a reason; every other post is imported."""

from __future__ import annotations

import json
import lzma

from .instagram_data import export_posts, make_export, make_instaloader_folder

DEPTH = 200_000  # far past Python's recursion limit: 400 kB of brackets


def _nested() -> bytes:
    return b"[" * DEPTH + b"]" * DEPTH


def test_a_nested_posts_file_is_skipped_with_a_reason(library, tmp_path):
    entries, files = export_posts(4, carousel_every=0, video_every=0)
    extra = {"your_instagram_activity/content/posts_2.json": _nested(),
             "personal_information/personal_information/personal_information.json": _nested()}
    zpath = make_export(tmp_path / "e.zip", entries, files, owner=None, extra=extra)
    ev = list(library.instagram.import_export(zpath))[-1]
    assert ev.phase == "done" and ev.posts_added == 4
    reasons = [i.reason for i in library.photos.issues()]
    assert any("posts_2.json" in i.path and "unreadable posts file" in i.reason
               for i in library.photos.issues()), reasons


def test_a_nested_post_in_an_instaloader_folder_is_skipped(library, tmp_path):
    root = tmp_path / "t"
    make_instaloader_folder(root, 3, carousel_every=0, video_every=0)
    bad = sorted(root.glob("*.json.xz"))[0]
    with lzma.open(bad, "wb") as fh:
        fh.write(b'{"node": ' + _nested() + b"}")
    ev = list(library.instagram.import_instaloader(root))[-1]
    assert ev.posts_added == 3  # the nested one still imports from its .txt and file name
    assert any("unreadable instaloader metadata" in i.reason for i in library.photos.issues())


def test_deep_but_parseable_structures_do_not_recurse_later(library, tmp_path):
    """Nesting Python can parse (900 levels) inside a post's fields must not blow up the
    code that walks them afterwards."""
    entries, files = export_posts(2, carousel_every=0, video_every=0)
    deep = {}
    cur = deep
    for _ in range(900):
        cur["x"] = {}
        cur = cur["x"]
    entries[0]["media"][0]["media_metadata"] = deep
    entries[1]["title"] = deep
    zpath = make_export(tmp_path / "e.zip", entries, files)
    json.dumps(entries)  # valid JSON
    ev = list(library.instagram.import_export(zpath))[-1]
    assert ev.phase == "done" and ev.posts_added == 2
