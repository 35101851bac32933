"""What users see of the models is curated: reviewed object names in Korean and English,
no raw ImageNet label in the tree or search, and search by whole words."""

from __future__ import annotations

import csv
import re
import shutil

import numpy as np
import pytest
from PIL import Image

from pose_desktop.analysis.objects import ObjectsAnalyzer
from pose_desktop.analysis.picture import PictureAnalyzer
from pose_desktop.analysis.runner import run_analysis
from pose_desktop.catalog.db import Catalog
from pose_desktop.catalog.queries import fts_query, tag_tree
from pose_desktop.catalog.xmp import photo_xmp
from pose_desktop.inference.detector import COCO_CLASSES
from pose_desktop.inference.imagenet import ImageNetBackbone, imagenet_labels, preprocess_imagenet
from pose_desktop.tagging.objects import detections_of_photos
from pose_desktop.tagging.scenes import stored_facts
from pose_desktop.vocab import labels, reasons
from pose_desktop.vocab import objects as V
from tests.old_catalog import catalog_before

HANGUL = re.compile(r"[\uac00-\ud7a3]")


def test_every_object_that_can_be_tagged_has_korean_and_english_names():
    reachable = set(V.COCO_OBJECTS.values()) | V.imagenet_keys()
    assert reachable <= set(V.NAMES)
    for key in reachable:
        ko, en = labels.tag_label("object", key, "ko"), labels.tag_label("object", key, "en")
        assert HANGUL.search(ko), key
        assert en and en.isascii() and not HANGUL.search(en), key
        assert V.GROUP[key] in V.GROUPS
        assert 0.2 <= V.detector_min(key) <= 1 and 0 < V.imagenet_min(key) <= 1
    # every COCO class is reviewed: shown under a name, or left out on purpose
    assert set(V.COCO_OBJECTS) | set(V.COCO_LEFT_OUT) == set(COCO_CLASSES)
    assert not set(V.COCO_OBJECTS) & set(V.COCO_LEFT_OUT)
    # every reviewed ImageNet label exists (a typo would silently never fire)
    assert set(V.IMAGENET_OBJECTS) <= set(imagenet_labels())


def test_every_label_table_names_its_tags_in_both_languages():
    for kind, table in labels.TABLES.items():
        for name, (ko, en) in table.items():
            assert HANGUL.search(ko), (kind, name)
            assert en and not HANGUL.search(en), (kind, name)


@pytest.mark.parametrize(("text", "query"), [
    ("dog", '("dog" OR "dogs")'),
    ("dogs", '("dogs" OR "dog")'),
    ("Puppies", '("puppies" OR "puppy")'),
    ("glass", '("glass" OR "glasses")'),
    ("dog beach", '("dog" OR "dogs") AND ("beach" OR "beaches")'),
])
def test_english_words_are_matched_whole_in_singular_or_plural(text, query):
    assert fts_query(text) == query


@pytest.fixture
def analysed(shared_datasets, library, tmp_path):
    """Street outfits (the backbone calls them garments such as 'miniskirt' or 'jean'), a dog
    on a beach and other dogs, analysed by the picture and object analyzers."""
    h = shared_datasets / "hashtags"
    with open(h / "labels.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    outfits = [r["file"] for r in rows if r["label_from"].startswith("folder (street outfit")][:6]
    dog_beach = [r["file"] for r in rows if r["captions"]
                 and all(re.search(r"\bdogs?\b", c, re.I) for c in r["captions"].split(" | "))
                 and sum(bool(re.search(r"\bbeach\b", c, re.I)) for c in r["captions"].split(" | ")) >= 4][:2]
    folder = tmp_path / "lib"
    folder.mkdir()
    names = {}
    for i, f in enumerate(outfits + dog_beach):
        # neutral file names: the search must find photos by their tags, not their names
        names[f] = f"photo{i:02d}.jpg"
        shutil.copy(h / "images" / f, folder / names[f])
    list(library.photos.index_folder(folder))
    last = None
    for last in run_analysis(library.catalog, [PictureAnalyzer(), ObjectsAnalyzer()], batch_size=4):  # noqa: B007
        pass
    assert last.failed == 0
    ids = {f: library.photos.resolve(str(folder / n)) for f, n in names.items()}
    return library, ids, outfits, dog_beach, [h / "images" / f for f in outfits + dog_beach]


def test_raw_imagenet_labels_never_reach_the_tree_or_search(analysed):
    lib, ids, outfits, dog_beach, paths = analysed
    tree = {(t.kind, t.name): t for k in lib.photos.tag_tree() for t in k.tags}
    objects = {name for kind, name in tree if kind == "object"}
    assert objects, "the analyzers gave no object tag at all"
    assert objects <= set(V.NAMES)
    for (kind, name), node in tree.items():
        if kind in ("object", "scene", "clothing", "colour"):
            assert node.label != name or name in {en for _, en in labels.TABLES[kind].values()}
    # what the old rule would have shown: raw top-5 labels at >= 0.08
    backbone = ImageNetBackbone()
    probs, _ = backbone.predict(np.stack([preprocess_imagenet(Image.open(p).convert("RGB")) for p in paths]))
    names = imagenet_labels()
    raw = {names[i] for row in probs for i in np.argsort(-row)[:5] if row[i] >= 0.08}
    reviewed = set(V.IMAGENET_OBJECTS)
    unreviewed = {r for r in raw if r not in reviewed and r.lower() not in
                  {w for pair in labels.TABLES.values() for ko, en in pair.values() for w in (en.lower(),)}}
    assert len(unreviewed) >= 3, "the photos no longer provoke raw labels; pick others"
    photo_ids = set(ids.values())
    shown = {(t.name, t.label) for pid in photo_ids for t in lib.photos.photo(pid).tags}
    for label in unreviewed:
        assert not ({p.id for p in lib.photos.search(label)} & photo_ids), label
        assert not any(label in pair for pair in shown), label
    # nor the keywords an XMP export writes
    db = lib.catalog.reader()
    for pid in photo_ids:
        keywords = photo_xmp(db, pid).keywords
        assert {n for k, n in keywords if k == "object"} <= set(V.NAMES)
        assert not {n for _, n in keywords} & unreviewed
        # nor the explanations suggestions and flags give ("because: ..."), which may name
        # animals ("golden retriever 0.82") but no garment or other unreviewed label
        because = " | ".join(reasons.text(f.because) for f in stored_facts(db, pid).facts)
        unnamed = {x for x in unreviewed if names.index(x) >= 398}
        assert not any(re.search(rf"\b{re.escape(x)} \d", because) for x in unnamed), because


def test_search_matches_whole_tag_words_in_both_languages(analysed):
    lib, ids, _outfits, dog_beach, _paths = analysed
    dogs = {ids[f] for f in dog_beach}
    tagged = {pid for pid in dogs if ("object", "dog") in {(t.kind, t.name) for t in lib.photos.photo(pid).tags}}
    assert tagged, "the detector found no dog on the dog photos"
    other = next(pid for pid in ids.values() if pid not in dogs)
    lib.photos.add_user_tag([other], "dogsled")
    found = {p.id for p in lib.photos.search("dog")}
    assert tagged <= found and other not in found
    assert {p.id for p in lib.photos.search("dogs")} == found
    assert other in {p.id for p in lib.photos.search("dogsled")}
    assert tagged <= {p.id for p in lib.photos.search("강아지")}
    assert tagged <= {p.id for p in lib.photos.search("개")}  # the other word for it
    beach = {p.id for p in lib.photos.search("dog beach")}
    assert beach and beach <= found


def test_detections_are_stored_with_the_model_version(analysed):
    lib, ids, _outfits, dog_beach, _paths = analysed
    db = lib.catalog.reader()
    rows = db.execute("SELECT photo_id, model FROM photo_objects").fetchall()
    assert {pid for pid, _ in rows} == set(ids.values())
    assert {m for _, m in rows} == {ObjectsAnalyzer.version.split("+")[0]}
    stored = detections_of_photos(db, list(ids.values()))
    dog = COCO_CLASSES.index("dog")
    assert any(dog in stored[ids[f]].classes for f in dog_beach)
    for det in stored.values():
        assert (det.boxes >= 0).all() and (det.boxes <= 1).all()
        assert (np.diff(det.scores) <= 0).all()
    # a re-run of the analyzer replaces, never duplicates
    with lib.catalog.write() as w:
        w.execute("DELETE FROM analysis_runs WHERE analyzer = 'objects'")
    list(run_analysis(lib.catalog, [ObjectsAnalyzer()], batch_size=4))
    assert db.execute("SELECT count(*) FROM photo_objects").fetchone()[0] == len(ids)
    again = detections_of_photos(db, list(ids.values()))
    for pid, det in stored.items():
        np.testing.assert_allclose(again[pid].scores, det.scores, atol=1e-4)


def test_an_older_catalogs_raw_object_tags_are_removed(tmp_path):
    path = tmp_path / "old.sqlite"
    db = catalog_before(path, "0014_reviewed_object_tags")
    db.execute("INSERT INTO photos (id, hash, size, added_at, updated_at, status, hidden)"
               " VALUES (1, 'h1', 10, 'now', 'now', 'ok', 0)")
    for tid, kind, name in ((1, "object", "brassiere"), (2, "object", "dog"), (3, "scene", "beach"),
                            (4, "user", "brassiere")):
        db.execute("INSERT INTO tags (id, kind, name) VALUES (?, ?, ?)", [tid, kind, name])
        db.execute("INSERT INTO photo_tags (photo_id, tag_id, source, score, added_at)"
                   " VALUES (1, ?, 'picture', 0.3, 'now')", [tid])
    db.conn.close()
    cat = Catalog(path)
    assert sorted(tag_tree(cat.db)) == [("object", "dog", 1), ("scene", "beach", 1), ("user", "brassiere", 1)]
    assert cat.db.execute("SELECT count(*) FROM tags WHERE kind = 'object'").fetchone() == (1,)
    cat.close()
