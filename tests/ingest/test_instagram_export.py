"""Importing Instagram's data export: ZIP or folder, current and older layouts, mojibake,
missing files, zip safety, and the same post arriving through two paths."""

from __future__ import annotations

import json
import os
import stat
import zipfile
from pathlib import Path

import pytest
import requests

from pose_desktop.catalog import queries
from pose_desktop.ingest.instagram import ExportError, ZipLimits, import_export, managed_root
from pose_desktop.ingest.instagram.export import safe_key

from .instagram_data import (
    export_posts,
    jpeg_bytes,
    make_export,
    make_instaloader_folder,
    mojibake,
)

KOREAN = "오늘은 한강에서 피크닉 🧺 #피크닉 #한강 @jisoo"


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    def refuse(*a, **k):
        raise AssertionError("the export import must not use the network")

    monkeypatch.setattr(requests.Session, "request", refuse)


def test_current_layout_zip_with_korean_mojibake(library, tmp_path):
    entries, files = export_posts(10, captions={0: KOREAN}, exif_every=4)
    raw = json.dumps(entries)
    assert "\\u00ec\\u0098\\u00a4" in raw  # "오" as the export writes it: UTF-8 bytes as \u00XX
    zpath = make_export(tmp_path / "instagram-tester-2024.zip", entries, files, prefix="")
    ev = list(library.instagram.import_export(zpath))[-1]
    assert ev.phase == "done" and ev.posts_added == 10 and ev.failed == 0
    posts = sorted(library.instagram.posts(), key=lambda p: p.posted_at)
    first = posts[0]
    assert first.caption == KOREAN and first.mentions == ["jisoo"]
    assert first.owner == "tester" and first.sources == ["export"] and first.shortcode is None
    photo = library.photos.photo(first.photo_ids[0])
    assert photo.caption == KOREAN and photo.hashtags == ["피크닉", "한강"]
    assert [p.id for p in library.photos.search("한강")] == [photo.id]
    # EXIF kept in the JSON is used (date and place); the post date otherwise
    assert photo.date_source == "instagram:exif" and photo.taken_at == "2019-05-01T12:30:00"
    assert photo.gps is not None and abs(photo.gps[0] - 37.5665) < 1e-6
    other = library.photos.photo(posts[1].photo_ids[0])
    assert other.date_source == "instagram"
    carousel = posts[1]  # i % 5 == 1: three media, caption on the post
    assert len(carousel.photo_ids) == 3 and carousel.caption.startswith("post 1")
    video = posts[3]
    assert [library.photos.photo(p).media_type for p in video.photo_ids] == ["video"]
    # media extracted into the managed folder, nothing else
    extracted = [p for p in (managed_root(library.path) / "exports").rglob("*") if p.is_file()]
    assert extracted and all(p.suffix in (".jpg", ".mp4") for p in extracted)
    assert len(extracted) == len(files)


def test_unpacked_folder_and_2022_layout_with_a_top_folder(library, tmp_path):
    entries, files = export_posts(6)
    root = make_export(tmp_path / "export", entries, files, layout="2022", as_zip=False,
                       prefix="instagram-tester-2022-01-01/")
    before = sorted(p for p in root.rglob("*"))
    ev = list(library.instagram.import_export(root))[-1]
    assert ev.posts_added == 6
    assert sorted(p for p in root.rglob("*")) == before  # read in place, nothing written there
    assert not (managed_root(library.path) / "exports").exists()
    detail = library.photos.photo(library.instagram.posts()[0].photo_ids[0])
    assert detail.files[0].path.startswith(str(root))


def test_old_media_json_layout(library, tmp_path):
    photos = [
        {"caption": mojibake("첫 게시물 #셀카"), "taken_at": "2017-06-01T10:00:00+00:00",
         "path": "photos/201706/a.jpg", "location": "Seoul"},
        {"caption": mojibake("여러 장 #여행"), "taken_at": "2017-07-02T10:00:00+00:00",
         "path": "photos/201707/b1.jpg"},
        {"caption": mojibake("여러 장 #여행"), "taken_at": "2017-07-02T10:00:00+00:00",
         "path": "photos/201707/b2.jpg"},
    ]
    files = {p["path"]: jpeg_bytes(i + 300) for i, p in enumerate(photos)}
    zpath = make_export(tmp_path / "old.zip", {"photos": photos, "videos": []}, files, layout="old")
    ev = list(library.instagram.import_export(zpath))[-1]
    assert ev.posts_added == 2
    posts = sorted(library.instagram.posts(), key=lambda p: p.posted_at)
    assert posts[0].caption == "첫 게시물 #셀카" and posts[0].location == "Seoul"
    assert posts[1].caption == "여러 장 #여행" and len(posts[1].photo_ids) == 2
    assert library.photos.photo(posts[0].photo_ids[0]).taken_at.startswith("2017-06-01")


def test_missing_files_are_reported_and_posts_kept(library, tmp_path):
    entries, files = export_posts(4, carousel_every=0, video_every=0)
    lost = entries[2]["media"][0]["uri"]
    del files[lost]
    zpath = make_export(tmp_path / "partial.zip", entries, files)
    ev = list(library.instagram.import_export(zpath))[-1]
    assert ev.posts_added == 4 and ev.missing_files == 1
    assert any(lost in i.path and "does not contain" in i.reason for i in library.photos.issues())
    assert sorted(len(p.photo_ids) for p in library.instagram.posts()) == [0, 1, 1, 1]


def test_export_without_posts_json(library, tmp_path):
    zpath = tmp_path / "messages-only.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        zf.writestr("messages/inbox/x/message_1.json", "{}")
    with pytest.raises(ExportError, match="JSON format"):
        list(library.instagram.import_export(zpath))


def test_not_a_zip(library, tmp_path):
    bad = tmp_path / "export.zip"
    bad.write_bytes(b"this is not a zip")
    with pytest.raises(ExportError, match="not a readable ZIP"):
        list(library.instagram.import_export(bad))


def test_reimport_same_zip_is_idempotent(library, tmp_path):
    entries, files = export_posts(5)
    zpath = make_export(tmp_path / "e.zip", entries, files)
    list(library.instagram.import_export(zpath))
    stats = library.photos.stats()
    ev = list(library.instagram.import_export(zpath))[-1]
    assert ev.posts_added == 0 and ev.posts_updated == 5
    assert ev.photos_added == 0 and ev.photos_unchanged == len(files)
    assert library.photos.stats() == stats


def test_same_posts_via_instaloader_and_export_are_one(library, tmp_path):
    """A profile downloaded with instaloader and the account's export: one post each."""
    make_instaloader_folder(tmp_path / "il", 6, owner="tester")
    entries, files = export_posts(6)  # same images, same times
    list(library.instagram.import_instaloader(tmp_path / "il"))
    photos_before = library.photos.stats().photos
    ev = list(library.instagram.import_export(make_export(tmp_path / "e.zip", entries, files)))[-1]
    assert ev.posts_added == 0 and ev.posts_updated == 6
    assert len(library.instagram.posts()) == 6 and library.photos.stats().photos == photos_before
    post = next(p for p in library.instagram.posts() if p.shortcode == "C000000001")
    assert post.sources == ["instaloader", "export"] and post.likes == 10
    assert len(post.photo_ids) == 3


@pytest.mark.parametrize("export_first", [False, True])
def test_same_post_with_other_bytes_is_one_photo_per_position(library, tmp_path, export_first):
    """Instagram's export recompresses images: the same post's images differ in bytes from
    instaloader's download. Matched by post and carousel position, they are one photo each."""
    make_instaloader_folder(tmp_path / "il", 6, owner="tester")
    entries, files = export_posts(6, seed0=1000)  # same posts and times, other image bytes
    zpath = make_export(tmp_path / "e.zip", entries, files)
    first, second = ((library.instagram.import_export, zpath), (library.instagram.import_instaloader, tmp_path / "il"))
    if not export_first:
        first, second = second, first
    list(first[0](first[1]))
    before = library.photos.stats()
    ev = list(second[0](second[1]))[-1]
    assert ev.posts_added == 0 and ev.posts_updated == 6
    assert ev.photos_added == 0 and ev.photos_updated == len(files)
    assert library.photos.stats().photos == before.photos == len(files)
    assert len(library.instagram.posts()) == 6
    for post in library.instagram.posts():
        assert post.sources == (["export", "instaloader"] if export_first else ["instaloader", "export"])
        assert len(post.photo_ids) == (3 if post.shortcode == "C000000001" else 1)
        for pid in post.photo_ids:  # each photo has its instaloader file and its export copy
            paths = [f[0] for f in library.catalog.db.execute(
                "SELECT path FROM files WHERE photo_id = ?", [pid])]
            assert len(paths) == 2 and sum("/il/" in p for p in paths) == 1, paths
    orphans = library.catalog.db.execute(
        "SELECT COUNT(*) FROM photo_search WHERE rowid NOT IN (SELECT id FROM photos)").fetchone()[0]
    assert orphans == 0
    db = library.catalog.db  # the tree counts kept by triggers still add up
    assert sorted(queries.tag_tree(db)) == sorted(queries.tag_tree_exact(db))
    assert sorted(queries.date_tree(db)) == sorted(queries.date_tree_exact(db))
    # importing both again changes nothing
    stats = library.photos.stats()
    list(first[0](first[1]))
    ev = list(second[0](second[1]))[-1]
    assert ev.photos_added == 0 and library.photos.stats() == stats


def test_export_first_then_instaloader_adopts_the_shortcode(library, tmp_path):
    entries, files = export_posts(3)
    list(library.instagram.import_export(make_export(tmp_path / "e.zip", entries, files)))
    make_instaloader_folder(tmp_path / "il", 3, owner="tester")
    ev = list(library.instagram.import_instaloader(tmp_path / "il"))[-1]
    assert ev.posts_added == 0
    assert sorted(p.shortcode for p in library.instagram.posts()) == ["C000000000", "C000000001", "C000000002"]


# zip safety -----------------------------------------------------------------------------

def test_safe_member_names():
    assert safe_key("media/posts/a.jpg") == "media/posts/a.jpg"
    assert safe_key("./media//a.jpg") == "media/a.jpg"
    assert safe_key("media\\posts\\a.jpg") == "media/posts/a.jpg"
    for bad in ("../evil.jpg", "media/../../evil.jpg", "/etc/passwd", "C:\\x\\y.jpg", "a\\..\\..\\b.jpg",
                "", "a\x00b"):
        assert safe_key(bad) is None


def test_path_traversal_and_links_are_not_written(library, tmp_path):
    entries, files = export_posts(2, carousel_every=0, video_every=0)
    entries[1]["media"][0]["uri"] = "../../escaped.jpg"
    zpath = make_export(tmp_path / "evil" / "e.zip", entries, files,
                        extra={"../../escaped.jpg": jpeg_bytes(1), "/abs.jpg": jpeg_bytes(2)})
    with zipfile.ZipFile(zpath, "a") as zf:
        link = zipfile.ZipInfo("media/posts/link.jpg")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
    ev = list(library.instagram.import_export(zpath))[-1]
    assert ev.posts_added == 2
    assert not list(tmp_path.rglob("escaped.jpg")) and not Path("/abs.jpg").exists()
    assert not list((managed_root(library.path)).rglob("link.jpg"))
    assert sum("unsafe" in i.reason for i in library.photos.issues()) == 3


def test_zip_bomb_is_refused(library, tmp_path):
    entries, files = export_posts(1, carousel_every=0, video_every=0)
    uri = entries[0]["media"][0]["uri"]
    files[uri] = b"\0" * (8 * 1024 * 1024)  # compresses ~1000:1
    zpath = tmp_path / "bomb.zip"
    with zipfile.ZipFile(zpath, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("your_instagram_activity/content/posts_1.json", json.dumps(entries))
        zf.writestr(uri, files[uri])
    with pytest.raises(ExportError, match="zip bomb"):
        list(library.instagram.import_export(zpath))
    assert not [p for p in managed_root(library.path).rglob("*") if p.is_file()]


def test_member_larger_than_declared_is_refused(library, tmp_path):
    entries, files = export_posts(1, carousel_every=0, video_every=0)
    zpath = make_export(tmp_path / "liar.zip", entries, files)
    uri = entries[0]["media"][0]["uri"]
    data = bytearray(zpath.read_bytes())
    # lower the declared size in the central directory (the local header is ignored by zipfile)
    with zipfile.ZipFile(zpath) as zf:
        info = zf.getinfo(uri)
    cd = data.rfind(b"PK\x01\x02", 0, data.rfind(uri.encode()) + 1)
    size_at = cd + 24
    declared = int.from_bytes(data[size_at:size_at + 4], "little")
    assert declared == info.file_size
    data[size_at:size_at + 4] = (declared // 2).to_bytes(4, "little")
    zpath.write_bytes(bytes(data))
    ev = list(library.instagram.import_export(zpath))[-1]  # zipfile stops at the declared size: CRC error
    assert ev.posts_added == 1 and ev.photos_added == 0
    assert not [p for p in managed_root(library.path).rglob("*") if p.is_file()]
    assert any("damaged in the ZIP" in i.reason for i in library.photos.issues())


def test_limits_on_member_count_and_sizes(library, tmp_path):
    entries, files = export_posts(3, carousel_every=0, video_every=0)
    zpath = make_export(tmp_path / "e.zip", entries, files)
    with pytest.raises(ExportError, match="more than an Instagram export"):
        list(import_export(library.catalog, zpath, limits=ZipLimits(max_members=2)))
    with pytest.raises(ExportError, match="GB"):
        list(import_export(library.catalog, zpath, limits=ZipLimits(max_member_bytes=100)))
    with pytest.raises(ExportError, match="limit"):
        list(import_export(library.catalog, zpath, limits=ZipLimits(max_total_bytes=100)))


def test_cli_import_export(catalog_path, tmp_path, capsys):
    from pose_desktop import cli

    entries, files = export_posts(3)
    zpath = make_export(tmp_path / "e.zip", entries, files)
    assert cli.main(["--catalog", str(catalog_path), "-q", "import-export", str(zpath)]) == 0
    assert "3 posts added" in capsys.readouterr().out
    assert cli.main(["--catalog", str(catalog_path), "-q", "import-export", str(tmp_path / "nope")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert os.path.exists(catalog_path)


def test_large_export_is_imported_in_chunks(library, tmp_path, monkeypatch):
    from pose_desktop.ingest.instagram import importer

    monkeypatch.setattr(importer, "FIRST_CHUNK_FILES", 4)
    entries, files = export_posts(20)
    events = list(library.instagram.import_export(make_export(tmp_path / "big.zip", entries, files)))
    ev = events[-1]
    assert [e.phase for e in events].count("done") == 1
    assert ev.phase == "done" and ev.posts_added == 20 and ev.photos_added == len(files)
    assert ev.posts_found == 20 and ev.videos == 3
    assert len(library.instagram.posts()) == 20 and library.photos.stats().photos == len(files)
    assert sum(p.posted_at.startswith("2020-09-1") for p in library.instagram.posts()) == 20


def test_reels_and_archived_posts_are_posts_too(library, tmp_path):
    entries, files = export_posts(4, carousel_every=0, video_every=0)
    extra = {
        "your_instagram_activity/content/reels.json": json.dumps({"ig_reels_media": [entries[2]]}).encode(),
        "your_instagram_activity/content/archived_posts.json": json.dumps(
            {"ig_archived_post_media": [entries[3]]}).encode(),
    }
    zpath = make_export(tmp_path / "e.zip", entries[:2], files, extra=extra)
    assert list(library.instagram.import_export(zpath))[-1].posts_added == 4
