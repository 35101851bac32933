"""The services facade over a real catalog: trees, tags, merges, search, hiding."""

from __future__ import annotations

from datetime import datetime

from pose_desktop.catalog import store
from pose_desktop.ingest.indexer import FileHint, index_files
from pose_desktop.ingest.scan import walk_media
from pose_desktop.services import Library, PhotoFilter
from tests.photos import make_jpeg


def _index_with_captions(library: Library, root, captions: dict[str, str]):
    hints = {str(root / n): FileHint(caption=c, source="instaloader") for n, c in captions.items()}
    list(index_files(library.catalog, walk_media(str(root)), hints=hints, thumbs_dir=library.thumbs_dir))


def test_hashtag_tree_merges_and_korean_english_labels(tmp_path, library):
    root = tmp_path / "insta"
    for i, name in enumerate(["a.jpg", "b.jpg", "c.jpg", "d.jpg"]):
        make_jpeg(root / name, when=datetime(2021, 5, i + 1), seed=i)
    _index_with_captions(library, root, {
        "a.jpg": "산책 #댕댕이 #멍스타그램 #노을",
        "b.jpg": "walk #puppy #sunset",
        "c.jpg": "#고양이 #냥스타그램",
        "d.jpg": "#강아지 #노을스타그램",
    })
    tree = {k.kind: k for k in library.photos.tag_tree()}
    tags = {t.name: t.count for t in tree["hashtag"].tags}
    assert tags["강아지"] == 3 and tags["고양이"] == 1
    assert tags["노을"] == 1 and tags["sunset"] == 1 and "노을스타그램" in tags

    library.photos.merge_hashtags("sunset", "노을")
    library.photos.merge_hashtags("노을스타그램", "노을")
    tags = {t.name: t.count for t in library.photos.tag_tree()[0].tags}
    assert tags["노을"] == 3 and "sunset" not in tags and "노을스타그램" not in tags
    assert library.photos.hashtag_merges() == {"sunset": "노을", "노을스타그램": "노을"}
    assert len(library.photos.search("sunset")) == 1 and len(library.photos.search("노을")) == 3

    # merges persist: a newly indexed photo with the variant lands on the canonical tag
    make_jpeg(root / "e.jpg", when=datetime(2021, 6, 1), seed=9)
    _index_with_captions(library, root, {"e.jpg": "#Sunset again"})
    tags = {t.name: t.count for t in library.photos.tag_tree()[0].tags}
    assert tags["노을"] == 4

    en = {t.name: t.label for t in library.photos.tag_tree()[0].tags}
    assert en["강아지"] == "dog"
    ko = Library(library.path, lang="ko")
    assert {t.name: t.label for t in ko.photos.tag_tree()[0].tags}["강아지"] == "강아지"
    assert ko.photos.tag_tree()[0].label == "해시태그"
    ko.close()

    # search finds by English name, Korean variant, caption word
    assert len(library.photos.search("dog")) == 3
    assert len(library.photos.search("댕댕이")) == 3
    assert len(library.photos.search("walk")) == 1


def test_tag_tree_kinds_grid_filters_and_hiding(tmp_path, library):
    root = tmp_path / "p"
    for i in range(6):
        make_jpeg(root / f"{i}.jpg", when=datetime(2020 + i % 2, 3 + i % 3, 1), seed=i)
    list(library.photos.index_folder(root))
    ids = library.photos.photo_ids()
    assert len(ids) == 6
    with library.catalog.write() as db:
        store.set_tags(db, ids[0], "scene", "model:test@1", [("beach", 0.9), ("sea", 0.7)])
        store.set_tags(db, ids[1], "scene", "model:test@1", [("beach", 0.8)])
        store.add_tag(db, ids[1], "person", "지민", "user")
    tree = {k.kind: {t.name: t.count for t in k.tags} for k in library.photos.tag_tree()}
    assert tree == {"person": {"지민": 1}, "scene": {"beach": 2, "sea": 1}}
    beach = library.photos.page(PhotoFilter(tag_kind="scene", tag_name="beach"))
    assert {p.id for p in beach} == {ids[0], ids[1]}

    # a model re-run replaces its own tags but never the user's
    with library.catalog.write() as db:
        store.set_tags(db, ids[1], "scene", "model:test@1", [("forest", 0.6)])
    tree = {k.kind: {t.name: t.count for t in k.tags} for k in library.photos.tag_tree()}
    assert tree["scene"] == {"beach": 1, "forest": 1, "sea": 1} and tree["person"] == {"지민": 1}

    march_2020 = library.photos.page(PhotoFilter(year=2020, month=3))
    assert len(march_2020) == 1 and march_2020[0].taken_at.startswith("2020-03")
    assert library.photos.count(PhotoFilter(year=2021)) == 3

    library.photos.hide_photos([ids[0]])
    assert library.photos.count() == 5
    for _ in library.photos.index_folder(root):  # re-index does not bring it back
        pass
    assert library.photos.count() == 5 and library.photos.stats().hidden == 1
    library.photos.hide_photos([ids[0]], hidden=False)
    assert library.photos.count() == 6


def test_show_resolves_id_hash_prefix_and_path(tmp_path, library):
    root = tmp_path / "p"
    path = make_jpeg(root / "x.jpg", when=datetime(2020, 1, 1), seed=1)
    list(library.photos.index_folder(root))
    pid = library.photos.photo_ids()[0]
    h = library.photos.photo(pid).hash
    assert library.photos.resolve(str(pid)) == pid
    assert library.photos.resolve(h[:10]) == pid
    assert library.photos.resolve(str(path)) == pid
    assert library.photos.resolve("nothing-here") is None
    assert library.photos.original_path(pid) == str(path)
