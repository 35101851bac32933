"""What users see of scenes and objects: one group and one name per thing, scores never
shown as certainty, and animals only where the detector can be trusted (issue 21)."""

from __future__ import annotations

import csv
import shutil
from collections import defaultdict

import numpy as np
import pytest
from PIL import Image

from pose_desktop.analysis.objects import ObjectsAnalyzer
from pose_desktop.analysis.picture import PictureAnalyzer
from pose_desktop.analysis.runner import run_analysis
from pose_desktop.catalog.xmp import photo_xmp
from pose_desktop.inference.detector import COCO_CLASSES, ObjectDetector
from pose_desktop.services import Library, shown_percent
from pose_desktop.tagging.objects import object_facts
from pose_desktop.vocab import labels
from pose_desktop.vocab import objects as V
from pose_desktop.vocab.scene_map import SCENE_BY_KEY, SHOWN_ELSEWHERE

ANIMALS = {k for k in V.NAMES if V.GROUP[k] == "animal"}


def test_one_thing_has_one_name_in_each_language_across_groups():
    """The dog was 강아지 as a scene and 개 as an object: every English name of a thing
    (scene, object, clothing) has one Korean name, and every Korean name one English."""
    ko_of: dict[str, set[str]] = defaultdict(set)
    en_of: dict[str, set[str]] = defaultdict(set)
    for kind in labels.THINGS:
        for ko, en in labels.TABLES[kind].values():
            ko_of[en.lower()].add(ko)
            en_of[ko].add(en.lower())
    assert {en: kos for en, kos in ko_of.items() if len(kos) > 1} == {}
    assert {ko: ens for ko, ens in en_of.items() if len(ens) > 1} == {}
    assert labels.tag_label("object", "dog", "ko") == labels.tag_label("scene", "dog", "ko") == "강아지"


def test_scenes_shown_elsewhere_are_things_of_that_group():
    for key, kind in SHOWN_ELSEWHERE.items():
        assert key in SCENE_BY_KEY
        assert kind in ("object", "clothing", "person")
        if kind == "object" and key != "animal":
            assert key in V.NAMES  # the Objects group has it under the same key


def test_a_score_is_never_shown_as_certainty():
    assert [shown_percent(s) for s in (0.9991, 0.995, 1.0, 0.5, 0.004)] == [99, 99, 99, 50, 1]


def _folder(shared_datasets, name: str, n: int):
    if name == "faces":
        d = shared_datasets / "faces"
        rows = list(csv.DictReader(open(d / "labels.csv", encoding="utf-8")))
        return [d / "images" / r["file"] for r in rows[:n]]
    d = shared_datasets / "hashtags"
    rows = list(csv.DictReader(open(d / "labels.csv", encoding="utf-8")))
    return [d / "images" / r["file"] for r in rows if r["label_from"].startswith(f"folder ({name}")][:n]


def test_the_detector_names_no_wrong_animal_on_dogs_and_portraits(shared_datasets):
    """"horse" 0.60 and "cow" 0.54 on dog photos, "cat" 0.45 on a face portrait: the animals
    now pass only their own calibrated cuts (vocab/objects.py, ANIMAL_TARGET_PRECISION)."""
    dogs = _folder(shared_datasets, "dogs", 30)
    faces = _folder(shared_datasets, "faces", 30)
    assert len(dogs) == len(faces) == 30
    det = ObjectDetector()
    wrong_old = wrong_new = found = 0
    for path, is_dog in [(p, True) for p in dogs] + [(p, False) for p in faces]:
        d = det.detect(Image.open(path).convert("RGB"))
        # the old rule: every animal class at the animal group's 0.44
        best: dict[str, float] = {}
        for s, c in zip(d.scores.tolist(), d.classes.tolist(), strict=True):
            key = V.COCO_OBJECTS.get(COCO_CLASSES[c])
            if key in ANIMALS:
                best[key] = max(best.get(key, 0.0), s)
        wrong_old += sum(1 for k, s in best.items() if s >= 0.44 and not (is_dog and k == "dog"))
        shown = {f.name for f in object_facts(d)} & ANIMALS
        wrong_new += len(shown - ({"dog"} if is_dog else set()))
        found += is_dog and "dog" in shown
    assert wrong_old >= 8, "the photos no longer provoke the detector; pick others"
    assert wrong_new <= 2, wrong_new  # two dogs the detector calls "cat" at 0.67 and 0.75
    assert found >= 14  # the dog itself is still found on about half (CV recall 0.59)


@pytest.fixture
def analysed(shared_datasets, tmp_path):
    """Dogs, cats and face portraits analysed by the real picture and object analyzers."""
    folder = tmp_path / "lib"
    folder.mkdir()
    for name in ("dogs", "cats", "faces"):
        for i, p in enumerate(_folder(shared_datasets, name, 4)):
            shutil.copy(p, folder / f"{name}{i}.jpg")
    lib = Library(tmp_path / "c.sqlite")
    list(lib.photos.index_folder(folder))
    last = None
    for last in run_analysis(lib.catalog, [PictureAnalyzer(), ObjectsAnalyzer()], batch_size=4):  # noqa: B007
        pass
    assert last.failed == 0
    yield lib, folder
    lib.close()


def test_each_thing_is_in_one_group_under_one_name(analysed):
    lib, folder = analysed
    tree = {(t.kind, t.name) for k in lib.photos.tag_tree() for t in k.tags}
    assert ("object", "dog") in tree or ("object", "cat") in tree
    assert not {(k, n) for k, n in tree if k == "scene" and n in SHOWN_ELSEWHERE}, tree
    # the stored facts still have the scenes (hashtag and relevance evidence)
    db = lib.catalog.reader()
    pid = lib.photos.resolve(str(folder / "dogs0.jpg"))
    facts = PictureAnalyzer().stored_facts(db, pid)
    assert facts.seen("scene:dog") is not None
    assert not {n for k, n in photo_xmp(db, pid).keywords if n in SHOWN_ELSEWHERE and k == "scene"}
    ko = Library(lib.catalog.path, lang="ko", readonly=True)
    try:
        names = {(t.kind, t.label) for k in ko.photos.tag_tree() for t in k.tags}
        assert ("object", "강아지") in names or ("object", "고양이") in names
        assert ("object", "개") not in names and ("scene", "옷") not in names
        assert {p.id for p in ko.photos.search("강아지")} == {p.id for p in ko.photos.search("dog")}
    finally:
        ko.close()


def test_no_score_is_shown_as_100_percent(analysed):
    """The "100 %" scenes were summed ImageNet probabilities over many labels (animal: 398
    of them, 0.999 on any dog): those scenes are no longer shown, and a shown score is a
    whole percent of at most 99."""
    lib, folder = analysed
    db = lib.catalog.reader()
    scores, certain = [], 0
    for p in sorted(folder.iterdir()):
        pid = lib.photos.resolve(str(p))
        facts = PictureAnalyzer().stored_facts(db, pid)
        certain += any(f.score >= 0.995 for f in facts.of_kind("scene"))
        for t in lib.photos.photo(pid).tags:
            if t.percent is not None:
                scores.append((t.score, t.percent))
    assert certain, "no near-certain scene on these photos; pick others"
    assert scores
    assert all(1 <= pc <= 99 for _, pc in scores)
    assert all(pc == round(s * 100) for s, pc in scores if s < 0.985)
    assert np.isfinite([s for s, _ in scores]).all()
