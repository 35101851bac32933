"""Dog or cat, where the models disagree: a library analysed with the detector and the
picture analyzer (real ONNX sessions, a real catalog) shows one animal where the backbone
contradicts the detector, keeps the detector's where the backbone alone is not sure, and
drops the backbone's dog where the hashtag head is sure of a cat (never a real dog's)."""

from __future__ import annotations

import shutil

import pytest

from pose_desktop.analysis import registry
from pose_desktop.analysis.objects import SOURCE, refresh_object_tags
from pose_desktop.analysis.runner import run_analysis
from pose_desktop.catalog import store
from pose_desktop.catalog.analysis import forget_run
from pose_desktop.tagging.scenes import stored_facts

# Folder photos of ../shared/datasets/hashtags (dogs and cats folders)
TORN_DOG = "chanakya2734__dog.4805.jpg"  # the detector: dog 0.47 and cat 0.58; the backbone: dog 1.00
CAT_CALLED_DOG = ("chanakya2734__cat.4736.jpg",  # the detector: dog 0.43; the backbone: cat 0.95
                  "chanakya2734__cat.310.jpg")  # the detector: dog 0.58; the backbone: cat 0.82
CAT_BACKBONE_DOG = "chanakya2734__cat.177.jpg"  # a black cat: the detector cat 0.65, the backbone "dog" 0.99,
# the hashtag head #고양이 0.99
DOG_HEAD_UNSURE = "chanakya2734__dog.533.jpg"  # the backbone dog 0.74; the head #강아지 0.80, #고양이 0.24


@pytest.fixture
def analysed(shared_datasets, library, tmp_path):
    folder = tmp_path / "pets"
    folder.mkdir()
    names = (TORN_DOG, *CAT_CALLED_DOG, CAT_BACKBONE_DOG, DOG_HEAD_UNSURE)
    for name in names:
        shutil.copy(shared_datasets / "hashtags" / "images" / name, folder / name)
    list(library.photos.index_folder(folder))
    last = None
    for last in run_analysis(library.catalog, registry.build(["objects", "picture"]), batch_size=4):  # noqa: B007
        pass
    assert last.done == len(names) and last.failed == 0
    return library, {n: library.photos.resolve(str(folder / n)) for n in names}


def _objects(lib, pid) -> dict[str, set[str]]:
    """source -> object tags of a photo, and "shown": what the detail panel lists."""
    db = lib.catalog.reader()
    out = {src: {name for kind, name, _ in store.source_tags(db, pid, src) if kind == "object"}
           for src in (SOURCE, "picture")}
    out["shown"] = {t.name for t in lib.photos.photo(pid).tags if t.kind == "object"}
    return out


def test_the_backbone_settles_dog_or_cat(analysed):
    lib, ids = analysed
    dog = _objects(lib, ids[TORN_DOG])
    assert "dog" in dog["picture"] and "dog" in dog[SOURCE]  # both models see the dog...
    assert dog["shown"] & {"dog", "cat"} == {"dog"}  # ... and the detector's cat is not shown
    for name in CAT_CALLED_DOG:
        cat = _objects(lib, ids[name])
        assert "cat" in cat["picture"], (name, cat)
        assert cat["shown"] & {"dog", "cat"} == {"cat"}, (name, cat)
    # search: the cats are not found as dogs, the dog not as a cat
    dogs = {p.id for p in lib.photos.search("강아지")}
    cats = {p.id for p in lib.photos.search("cat")}
    assert ids[TORN_DOG] in dogs and ids[TORN_DOG] not in cats
    assert all(ids[n] in cats and ids[n] not in dogs for n in CAT_CALLED_DOG)


def test_the_head_takes_the_backbones_dog_off_a_cat(analysed):
    lib, ids = analysed
    black_cat = _objects(lib, ids[CAT_BACKBONE_DOG])
    facts = stored_facts(lib.catalog.reader(), ids[CAT_BACKBONE_DOG])
    assert any(f.kind == "hashtag" and f.name == "고양이" and f.score >= 0.9 for f in facts.facts)
    assert not black_cat["picture"] & {"dog", "cat"}  # the backbone's "dog" is gone...
    assert black_cat["shown"] & {"dog", "cat"} == {"cat"}  # ... and the detector's cat stays
    # ... as a scene too (the same summed breeds), so no hashtag idea gives "dog" as its reason
    assert "dog" not in {f.name for f in facts.facts if f.kind == "scene"}
    assert "dog" not in {t.name for t in lib.photos.photo(ids[CAT_BACKBONE_DOG]).tags if t.kind == "scene"}
    ideas = lib.pictures.suggest_for_photo(ids[CAT_BACKBONE_DOG])
    assert "dog" not in repr([s.because for s in ideas.suggestions])
    assert ids[CAT_BACKBONE_DOG] not in {p.id for p in lib.photos.search("dog")}
    # a real dog the head is less sure of keeps the backbone's dog
    dog = _objects(lib, ids[DOG_HEAD_UNSURE])
    assert "dog" in dog["picture"] and "dog" in dog["shown"]
    assert ids[DOG_HEAD_UNSURE] in {p.id for p in lib.photos.search("dog")}


def test_the_backbones_dog_alone_does_not_overrule_the_detectors_cat(analysed):
    lib, ids = analysed
    pid = ids[CAT_BACKBONE_DOG]
    with lib.catalog.write() as db:  # the backbone's dog as a catalog made before the head's check stored it
        store.replace_tags(db, "picture", ("object",), {pid: [("object", "dog", 0.99)]})
        refresh_object_tags(db, [pid])
    black_cat = _objects(lib, pid)
    assert "dog" in black_cat["picture"] and "cat" not in black_cat["picture"]
    assert "cat" in black_cat[SOURCE] and "cat" in black_cat["shown"]


def test_the_check_holds_whichever_analyzer_stored_last(analysed):
    lib, ids = analysed
    pid = ids[CAT_CALLED_DOG[0]]
    with lib.catalog.write() as db:  # the backbone's tags gone (as before the picture pass)
        store.replace_tags(db, "picture", ("object",), {pid: []})
        refresh_object_tags(db, [pid])
        assert "dog" in {n for k, n, _ in store.source_tags(db, pid, SOURCE) if k == "object"}
        forget_run(db, pid, "picture")
    # the picture analyzer alone runs again (the detections current): its store checks them
    list(run_analysis(lib.catalog, registry.build(["picture"])))
    assert _objects(lib, pid)["shown"] & {"dog", "cat"} == {"cat"}
    # ... and the detector alone again (the backbone's tags current): its store checks itself
    with lib.catalog.write() as db:
        forget_run(db, pid, "objects")
    list(run_analysis(lib.catalog, registry.build(["objects"])))
    assert _objects(lib, pid)["shown"] & {"dog", "cat"} == {"cat"}
