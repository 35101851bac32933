"""Importing a folder instaloader downloaded into (media + .txt + .json.xz), no network."""

from __future__ import annotations

import json
import lzma
import os
from datetime import datetime
from pathlib import Path

import pytest
import requests

from pose_desktop.errors import IngestError
from pose_desktop.ingest.instagram.folder import plan_instaloader_folder, read_pending
from pose_desktop.ingest.instagram.records import fix_mojibake, post_from_node
from tests.photos import tree_digest

from .instagram_data import jpeg_bytes, make_instaloader_folder, write_post_json


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    def refuse(*a, **k):
        raise AssertionError("the folder import must not use the network")

    monkeypatch.setattr(requests.Session, "request", refuse)


def test_folder_with_json_xz(library, tmp_path):
    root = tmp_path / "tester"
    nodes = make_instaloader_folder(root, 12)
    before = tree_digest(root)
    events = list(library.instagram.import_instaloader(root))
    ev = events[-1]
    assert ev.phase == "done" and ev.failed == 0
    assert ev.posts_added == 12
    assert tree_digest(root) == before  # originals untouched
    posts = {p.shortcode: p for p in library.instagram.posts()}
    assert set(posts) == {n["shortcode"] for n in nodes}
    carousel = posts["C000000001"]  # i % 5 == 1: three images
    assert len(carousel.photo_ids) == 3
    assert carousel.tagged_users == ["pal1"] and carousel.mentions == ["friend1"]
    assert (carousel.likes, carousel.comments) == (10, 2)
    video = posts["C000000003"]  # i % 7 == 3: a video with its poster frame
    assert [library.photos.photo(p).media_type for p in video.photo_ids] == ["video"]
    assert library.photos.photo(video.photo_ids[0]).thumbnail is not None
    # the poster .jpg is the video's preview, not a photo of its own
    stats = library.photos.stats()  # 7 single images, 3 carousels of 3, 2 videos; no posters
    assert (stats.photos, stats.videos, stats.files) == (18, 2, 18)
    photo = library.photos.photo(carousel.photo_ids[0])
    assert photo.caption == "post 1 #일상 #daily1 @friend1"
    assert photo.date_source == "instagram"
    assert {t.name for t in photo.tags if t.kind == "hashtag"} >= {"일상"}


def test_exif_date_wins_over_post_date(library, tmp_path):
    root = tmp_path / "p"
    make_instaloader_folder(root, 1)
    jpg = next(root.glob("*.jpg"))
    jpg.write_bytes(jpeg_bytes(5, exif_when=datetime(2018, 3, 4, 5, 6, 7)))
    list(library.instagram.import_instaloader(root))
    photo = library.photos.photo(library.instagram.posts()[0].photo_ids[0])
    assert photo.taken_at == "2018-03-04T05:06:07" and photo.date_source == "exif:DateTimeOriginal"


def test_folder_without_json_uses_txt_and_file_names(library, tmp_path):
    root = tmp_path / "old"
    make_instaloader_folder(root, 4, write_json=False, carousel_every=0, video_every=0)
    (root / "IMG_0001.jpg").write_bytes(jpeg_bytes(99))  # a loose photo: indexed, no post
    list(library.instagram.import_instaloader(root))
    posts = library.instagram.posts()
    assert len(posts) == 4 and all(p.shortcode is None and p.caption for p in posts)
    assert posts[-1].posted_at.startswith("2020-09-13T12:26:40")
    assert library.photos.stats().photos == 5


def test_iphone_struct_node(tmp_path):
    """Posts downloaded logged in keep the iPhone struct; its fields are read too."""
    node = {"shortcode": "X1", "id": "1", "__typename": "GraphImage", "is_video": False, "date": 1700000000,
            "caption": "hi @Bob #tag", "edge_media_preview_like": {"count": 7}, "comments": 3,
            "iphone_struct": {"code": "X1", "usertags": {"in": [{"user": {"username": "Carol"}}]},
                              "location": {"name": "Busan", "lat": 35.1, "lng": 129.0},
                              "user": {"username": "Owner"}}}
    rec = post_from_node(node, "instaloader")
    assert (rec.shortcode, rec.caption, rec.likes, rec.comments) == ("X1", "hi @Bob #tag", 7, 3)
    assert rec.tagged_users == ["carol"] and rec.mentions == ["bob"] and rec.owner == "owner"
    assert (rec.location, rec.location_lat) == ("Busan", 35.1)


def test_damaged_metadata_is_reported_not_fatal(library, tmp_path):
    root = tmp_path / "dmg"
    make_instaloader_folder(root, 3, carousel_every=0, video_every=0)
    bad = sorted(root.glob("*.json.xz"))[0]
    bad.write_bytes(b"\xfd7zXZ\x00garbage")
    with lzma.open(root / "huge.json.xz", "wb") as fh:  # a decompression bomb in disguise
        fh.write(b"{" + b" " * (40 * 1024 * 1024) + b"}")
    ev = list(library.instagram.import_instaloader(root))[-1]
    assert ev.posts_added == 3  # the damaged one still imports from its .txt and file name
    reasons = [i.reason for i in library.photos.issues()]
    assert sum("unreadable instaloader metadata" in r for r in reasons) == 2


def test_reimport_updates_caption_without_duplicates(library, tmp_path):
    root = tmp_path / "t"
    make_instaloader_folder(root, 5)
    list(library.instagram.import_instaloader(root))
    counts = (library.photos.stats().photos, library.photos.stats().videos, len(library.instagram.posts()))
    # the user edited a caption on Instagram and downloaded again (instaloader rewrites json)
    node = json.loads(lzma.open(sorted(root.glob("*.json.xz"))[0]).read())["node"]
    node["edge_media_to_caption"]["edges"][0]["node"]["text"] = "new words #바다"
    node["edge_media_preview_like"]["count"] = 999
    write_post_json(sorted(root.glob("*.json.xz"))[0].with_suffix("").with_suffix(""), node)
    ev = list(library.instagram.import_instaloader(root))[-1]
    assert ev.posts_added == 0 and ev.photos_added == 0 and ev.photos_unchanged == 7
    assert (library.photos.stats().photos, library.photos.stats().videos, len(library.instagram.posts())) == counts
    post = next(p for p in library.instagram.posts() if p.shortcode == node["shortcode"])
    assert post.caption == "new words #바다" and post.likes == 999
    photo = library.photos.photo(post.photo_ids[0])
    assert photo.caption == "new words #바다" and photo.hashtags == ["바다"]
    assert [p.id for p in library.photos.search("바다")] == [photo.id]


def test_not_a_folder(library, tmp_path):
    with pytest.raises(IngestError):
        list(library.instagram.import_instaloader(tmp_path / "missing"))


def test_a_folder_without_posts_says_so_in_the_users_language(catalog_path, tmp_path, capsys):
    """The wrong folder (empty, or documents) printed '0 posts added, 0 updated …' and exit 0."""
    from pose_desktop import cli

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "notes.md").write_text("# not a post\n")
    assert cli.main(["--catalog", str(catalog_path), "-q", "import-instaloader", str(docs)]) == 1
    assert capsys.readouterr().err.startswith(f"pose: No posts found in {docs}: it has none of the "
                                              "files instaloader writes")
    assert cli.main(["--catalog", str(catalog_path), "--lang", "ko", "-q", "import-instaloader",
                     str(docs)]) == 1
    assert f"pose: {docs}에 게시물이 없습니다: instaloader가 쓰는 파일" in capsys.readouterr().err


def test_a_big_folder_is_planned_post_by_post_from_file_names(tmp_path):
    root = tmp_path / "big"
    root.mkdir()
    for i in range(300):
        for suffix in ("_1.jpg", "_2.jpg", ".txt"):
            (root / f"2020-01-01_00-{i // 60:02d}-{i % 60:02d}_UTC{suffix}").write_bytes(b"x")
    pending, problems = plan_instaloader_folder(str(root))
    posts = [read_pending(p) for p in pending]
    assert len(posts) == 300 and all(len(rec.media) == 2 and problem is None for rec, problem in posts)
    assert not problems and len({rec.posted_at for rec, _ in posts}) == 300


def test_fix_mojibake_leaves_good_text_alone():
    assert fix_mojibake("café") == "café"
    assert fix_mojibake("안녕") == "안녕"
    assert fix_mojibake("안녕".encode().decode("latin-1")) == "안녕"
    assert fix_mojibake("plain") == "plain"


def test_cli_import_instaloader(catalog_path, tmp_path, capsys):
    from pose_desktop import cli

    root = tmp_path / "cli"
    make_instaloader_folder(root, 3)
    assert cli.main(["--catalog", str(catalog_path), "-q", "import-instaloader", str(root)]) == 0
    assert "3 posts added" in capsys.readouterr().out
    assert os.path.exists(catalog_path)


def test_cli_import_instaloader_speaks_korean(catalog_path, tmp_path, capsys):
    """QA: under --lang ko the importer's summary and its phase lines were English."""
    from pose_desktop import cli

    root = tmp_path / "cli"
    make_instaloader_folder(root, 3)
    assert cli.main(["--catalog", str(catalog_path), "--lang", "ko", "import-instaloader", str(root)]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[0] == "게시물 추가 3, 갱신 0; 사진: 추가 5, 갱신 0, 그대로 0, 실패 0"
    assert "게시물을 기록하는 중…" in err
    assert not any(w in out + err for w in ("posts added", "Recording posts", "Reading "))
    assert cli.main(["--catalog", str(catalog_path), "--lang", "en", "-q", "import-instaloader", str(root)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "0 posts added, 3 updated; photos: 0 added, 0 updated, 5 unchanged, 0 failed")


def test_paths_with_odd_names(library, tmp_path):
    root = tmp_path / "with {braces} and 한글"
    make_instaloader_folder(root, 2)
    assert list(library.instagram.import_instaloader(root))[-1].posts_added == 2
    assert Path(library.photos.original_path(library.instagram.posts()[0].photo_ids[0])).exists()


def test_post_node_with_any_json_never_raises():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    keys = ["shortcode", "code", "edge_media_to_caption", "edges", "node", "text", "caption",
            "taken_at_timestamp", "date", "owner", "user", "username", "edge_media_preview_like",
            "count", "comments", "usertags", "in", "iphone_struct", "carousel_media", "location",
            "name", "lat", "lng", "edge_media_to_tagged_user", "edge_sidecar_to_children"]
    values = st.recursive(
        st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=True) | st.text(max_size=5),
        lambda c: st.lists(c, max_size=3) | st.dictionaries(st.sampled_from(keys), c, max_size=5),
        max_leaves=20)

    @settings(max_examples=300, deadline=None, derandomize=True)
    @given(st.dictionaries(st.sampled_from(keys), values, max_size=8))
    def check(node):
        rec = post_from_node(node, "instaloader")
        assert rec.caption is None or isinstance(rec.caption, str)

    check()


def test_cli_show_prints_the_post(catalog_path, tmp_path, capsys):
    from pose_desktop import cli

    root = tmp_path / "show"
    make_instaloader_folder(root, 2)
    cli.main(["--catalog", str(catalog_path), "-q", "import-instaloader", str(root)])
    capsys.readouterr()
    photo = next(root.glob("*_UTC_1.jpg"))
    assert cli.main(["--catalog", str(catalog_path), "show", str(photo)]) == 0
    out = capsys.readouterr().out
    assert "https://www.instagram.com/p/C000000001/" in out and "(10 likes, 2 comments)" in out
    assert "@pal1" in out
    # in Korean, no English word left in the lines ('bytes', 'likes' were)
    assert cli.main(["--catalog", str(catalog_path), "--lang", "ko", "show", str(photo)]) == 0
    out = capsys.readouterr().out
    assert "(좋아요 10, 댓글 2)" in out and "바이트" in out
    assert not any(w in out for w in ("bytes", "likes", "comments")), out


def test_large_folder_is_imported_in_chunks_with_metadata_read_ahead(library, tmp_path, monkeypatch):
    from pose_desktop.ingest.instagram import importer

    monkeypatch.setattr(importer, "FIRST_CHUNK_FILES", 3)
    nodes = make_instaloader_folder(tmp_path / "c", 25)
    events = list(library.instagram.import_instaloader(tmp_path / "c"))
    assert [e.phase for e in events].count("done") == 1
    ev = events[-1]
    assert ev.posts_added == 25 and ev.posts_found == 25 and ev.failed == 0
    assert {p.shortcode for p in library.instagram.posts()} == {n["shortcode"] for n in nodes}
    assert all(p.caption and p.likes == 10 for p in library.instagram.posts())
