"""Korean compound hashtags are found by their parts (syllable bigrams in FTS5), English
words match whole words (tests/tagging/test_object_vocab.py has plurals), and an older
catalog's search rows are carried over."""

from __future__ import annotations

from datetime import datetime

from pose_desktop.catalog import store
from pose_desktop.catalog.db import Catalog
from pose_desktop.catalog.fts import grams_of, word_query
from pose_desktop.services import Library
from tests.old_catalog import catalog_before
from tests.photos import make_jpeg

POSTS = {
    "jeju.jpg": ["제주여행", "sunset"],
    "gangnam.jpg": ["강남맛집"],
    "cafe.jpg": ["오션뷰카페", "dogsled"],
    "plain.jpg": ["여행", "카페"],
    "other.jpg": ["운동"],
}


def _library(tmp_path) -> tuple[Library, dict[str, int]]:
    root = tmp_path / "p"
    for i, name in enumerate(POSTS):
        make_jpeg(root / name, when=datetime(2021, 1, i + 1), seed=i, size=(64, 48))
    lib = Library(tmp_path / "c.sqlite")
    list(lib.photos.index_folder(root))
    ids = {name: lib.photos.resolve(str(root / name)) for name in POSTS}
    with lib.catalog.write() as db:
        for name, tags in POSTS.items():
            store.apply_hashtags(db, ids[name], tags)
        store.refresh_search(db, ids.values())
    return lib, ids


def _found(lib: Library, text: str, ids: dict[str, int]) -> set[str]:
    by_id = {v: k for k, v in ids.items()}
    return {by_id[p.id] for p in lib.photos.search(text)}


def test_compounds_are_found_by_their_parts(tmp_path):
    lib, ids = _library(tmp_path)
    assert _found(lib, "여행", ids) == {"jeju.jpg", "plain.jpg"}
    assert _found(lib, "맛집", ids) == {"gangnam.jpg"}
    assert _found(lib, "카페", ids) == {"cafe.jpg", "plain.jpg"}
    assert _found(lib, "#오션뷰", ids) == {"cafe.jpg"}
    assert _found(lib, "주여행", ids) == {"jeju.jpg"}  # a three-syllable piece, in order
    assert _found(lib, "행여", ids) == set()  # syllables out of order are not a match
    assert _found(lib, "제주 sunset", ids) == {"jeju.jpg"}  # every word must match
    # English matches whole words: dog is not dogsled
    assert _found(lib, "sunset", ids) == {"jeju.jpg"}
    assert _found(lib, "sun", ids) == set()
    assert _found(lib, "dogs", ids) == set()
    assert _found(lib, "dogsled", ids) == {"cafe.jpg"}
    lib.close()


def test_grams_and_queries():
    assert grams_of("#제주여행 with 강아지 and 꽃") == "제주 주여 여행 강아 아지"
    assert grams_of("여행 sunset") == ""  # two-syllable words are whole already
    assert word_query("sun") == '("sun" OR "suns")'
    assert word_query("여행") == '(text : "여행"* OR grams : "여행")'
    assert word_query('a"b') == '"a""b"*'


def test_an_older_catalogs_search_rows_get_their_bigrams(tmp_path):
    path = tmp_path / "old.sqlite"
    db = catalog_before(path, "0010_search_bigrams")
    db.execute("INSERT INTO photo_search (rowid, text) VALUES (7, '바다 #제주여행 sunset')")
    db.conn.close()
    cat = Catalog(path)
    assert cat.db.execute("SELECT rowid, text, grams FROM photo_search").fetchall() == [
        (7, "바다 #제주여행 sunset", "제주 주여 여행")]
    hit = cat.db.execute("SELECT rowid FROM photo_search WHERE photo_search MATCH ?",
                         [word_query("여행")]).fetchall()
    assert hit == [(7,)]
    cat.close()


def test_a_search_page_walks_the_date_index_and_stops(tmp_path):
    """A page of a text search alone reads photos newest first through the date index,
    testing each against the matches (so a common word does not sort every match); the
    page is the newest matches in order, the same as the full id list starts with, and a
    search within a month keeps its own plan and answer."""
    lib, ids = _library(tmp_path)
    from pose_desktop.catalog import queries
    from pose_desktop.services import PhotoFilter

    db = lib.catalog.reader()
    where, params = queries._filter_sql(PhotoFilter(text="여행"), newest_first=True)
    plan = " ".join(r[3] for r in db.execute(
        f"EXPLAIN QUERY PLAN SELECT p.id FROM photos p WHERE {where}"
        " ORDER BY p.taken_at DESC, p.id DESC LIMIT 200", params))
    assert "USING INDEX idx_photos_taken" in plan and "TEMP B-TREE" not in plan, plan
    for text in ("여행", "sunset", "카페", "운동"):
        page = [p.id for p in lib.photos.search(text, limit=2)]
        assert page == lib.photos.photo_ids(PhotoFilter(text=text))[:2], text
    assert [p.id for p in lib.photos.search("여행")] == [ids["plain.jpg"], ids["jeju.jpg"]]
    assert [p.id for p in lib.photos.page(PhotoFilter(text="여행", year=2021, month=1))] == [
        ids["plain.jpg"], ids["jeju.jpg"]]
    assert lib.photos.count(PhotoFilter(text="카페")) == 2
    lib.close()


def test_one_thing_is_found_by_either_korean_name(tmp_path):
    """The dog is 강아지 as a scene (evidence only now) and as an object (it was 개): either
    word finds both, as 'dog' does. Colours stay apart: 주황 (orange, the colour) does not
    find the fruit."""
    lib, ids = _library(tmp_path)
    with lib.catalog.write() as db:
        store.set_tags(db, ids["jeju.jpg"], "object", "objects", [("dog", 0.9)])
        store.set_tags(db, ids["gangnam.jpg"], "scene", "picture", [("dog", 0.8)])
        store.set_tags(db, ids["cafe.jpg"], "object", "objects", [("orange", 0.9)])
        store.refresh_search(db, ids.values())
    dogs = {ids["jeju.jpg"], ids["gangnam.jpg"]}
    for word in ("dog", "강아지", "개"):
        assert {p.id for p in lib.photos.search(word)} == dogs, word
    assert ids["cafe.jpg"] not in {p.id for p in lib.photos.search("주황")}
    # a catalog whose search rows were written before 0019: opened again after the
    # upgrade, its search text is written again
    with lib.catalog.write() as db:
        db.execute("UPDATE photo_search SET text = 'dog', grams = '' WHERE rowid = ?", [ids["jeju.jpg"]])
        db.execute("DELETE FROM _migrations WHERE name = '0019_one_thing_two_korean_names'")
    assert ids["jeju.jpg"] not in {p.id for p in lib.photos.search("강아지")}
    lib.close()
    lib = Library(tmp_path / "c.sqlite")
    assert {p.id for p in lib.photos.search("강아지")} == dogs
    lib.close()


def test_pets_are_found_by_everyday_words(tmp_path):
    """A dog is found by puppy / puppies / 멍멍이 / 댕댕이, a cat by kitten / kittens / 냥이;
    whole words still: 'pup' finds nothing, and a kitten search finds no dog. A catalog
    whose search rows predate those words gets them when opened again."""
    lib, ids = _library(tmp_path)
    with lib.catalog.write() as db:
        store.set_tags(db, ids["jeju.jpg"], "object", "objects", [("dog", 0.9)])
        store.set_tags(db, ids["other.jpg"], "object", "objects", [("cat", 0.9)])
        store.refresh_search(db, ids.values())
    for word in ("puppy", "puppies", "Puppy", "멍멍이", "댕댕이", "doggy"):
        assert _found(lib, word, ids) == {"jeju.jpg"}, word
    for word in ("kitten", "kittens", "냥이", "야옹이", "kitty"):
        assert _found(lib, word, ids) == {"other.jpg"}, word
    assert _found(lib, "pup", ids) == set()
    with lib.catalog.write() as db:
        db.execute("UPDATE photo_search SET text = 'dog', grams = '' WHERE rowid = ?", [ids["jeju.jpg"]])
        db.execute("DELETE FROM _migrations WHERE name = '0023_pet_search_words'")
    assert _found(lib, "puppy", ids) == set()
    lib.close()
    lib = Library(tmp_path / "c.sqlite")
    assert _found(lib, "puppy", ids) == {"jeju.jpg"}
    lib.close()
