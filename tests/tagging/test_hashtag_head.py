"""The hashtag head and the evidence gates, on real photos with real sessions and catalogs."""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest

from pose_desktop.analysis.picture import PictureAnalyzer
from pose_desktop.analysis.runner import run_analysis
from pose_desktop.inference.hashtag_head import HashtagHead
from pose_desktop.tagging.hashtag_inputs import OBJECT_INPUTS
from pose_desktop.tagging.objects import head_checked
from pose_desktop.tagging.scenes import Fact, PictureFacts
from pose_desktop.tagging.suggest import suggest
from pose_desktop.vocab import reasons
from pose_desktop.vocab.hashtags import BUILTIN_HASHTAGS
from pose_desktop.vocab.reasons import Reason
from tests.photos import make_jpeg

# Real photos of ../shared/datasets/hashtags, chosen by their captions / Instagram hashtag:
COUPLE = "rlnzler__3134387513_ceb75bea0a.jpg"  # "A couple enjoying a bit of nightlife smile for the camera"
THREE = "rlnzler__3084001782_41a848df4e.jpg"  # "A man and a woman read a book while their friend has a drink"
SELFIE = "alecmorgan__028bb72d-235a-44ed-b07c-508f7ab0febd.jpg"  # posted under #selfie, one face
GROUP = "1454841725_4b6e6199e2.jpg"  # captioned/: "a group of young girls smiling", four girls


def test_head_gives_calibrated_probabilities_of_builtin_hashtags():
    head = HashtagHead()
    tags, cut = head.tags, head.thresholds
    assert set(tags) <= set(BUILTIN_HASHTAGS) and len(tags) >= 15
    assert all(0.0 < v < 1.0 for v in cut.values())
    assert head.letterbox == 288  # two views: the crop and the letterboxed photo, side by side
    rng = np.random.default_rng(0)
    p = head.predict(rng.random((3, 2 * 1280), np.float32), rng.random((3, 2 * 2560), np.float32),
                     rng.random((3, len(OBJECT_INPUTS)), np.float32))
    assert p.shape == (3, len(tags)) and ((p >= 0) & (p <= 1)).all()
    assert head.object_inputs == len(OBJECT_INPUTS)


def _seen(result) -> set[str]:
    return {" ".join(line.split()[:2]) for line in result.seen}


def test_couple_selfie_and_group_come_from_the_people_in_real_photos(shared_datasets, library):
    tags_dir = shared_datasets / "hashtags" / "images"
    couple, three, selfie = library.pictures.suggest_files([tags_dir / COUPLE, tags_dir / THREE, tags_dir / SELFIE])
    group = library.pictures.suggest_files([shared_datasets / "captioned" / "images" / GROUP])[0]
    assert "people couple" in _seen(couple) and "people group" not in _seen(couple)
    assert "people couple" not in _seen(three)  # two faces found, but three people
    assert "people group" in _seen(group) and "people couple" not in _seen(group)
    assert "people selfie" in _seen(selfie) and "people couple" not in _seen(selfie)
    # more than two people: never a couple, never a selfie; one face: never a couple
    for r in (three, group):
        assert not {"커플", "셀카"} & {s.tag for s in r.suggestions}, r.suggestions
    assert "커플" not in {s.tag for s in selfie.suggestions}
    s = {s.tag: s for s in couple.suggestions}
    assert "2 people" in s["커플"].because
    assert any(w in {s.tag: s for s in selfie.suggestions}["셀카"].because for w in ("one close face", "one person filling"))


def test_gates_hold_whatever_the_head_says():
    head_says = [Fact("hashtag", t, 0.99, (Reason.of("picture_model", score=0.99),)) for t in ("커플", "셀카", "패션")]
    cut = {"커플": 0.5, "셀카": 0.5, "패션": 0.5}
    alone = suggest(PictureFacts(head_says), thresholds=cut)
    assert not {"커플", "셀카", "패션"} & {s.tag for s in alone}
    two_faces = [Fact("face", "people", 1.0, (Reason.of("faces_found", n=2),)),
                 Fact("face", "couple", 0.75, (Reason.of("two_faces"),))]
    got = {s.tag: s for s in suggest(PictureFacts(head_says + two_faces), thresholds=cut)}
    assert "커플" in got and "셀카" not in got and "패션" in got
    assert reasons.text(got["커플"].because) == "picture model 0.99; two faces of similar size"
    assert reasons.text(got["커플"].because, "ko") == "사진 모델 0.99; 비슷한 크기의 얼굴 두 개"
    # where the detector ran, its people decide: two faces among three people are no couple
    three = [Fact("people", "detected", 1.0, (Reason.of("people_subject", n=3, subject=3),)),
             Fact("people", "subject", 1.0, (Reason.of("people_in_picture", n=3),)),
             Fact("people", "group", 0.8, (Reason.of("people", n=3),))]
    got = {s.tag for s in suggest(PictureFacts(head_says + two_faces + three), thresholds=cut)}
    assert got == {"패션"}


def _analysed_library(library, folder, everything: bool = False):
    list(library.photos.index_folder(folder))
    if everything:  # every registered analyzer: faces and ages too, as the app runs them
        list(library.analysis.analyze())
        return
    list(run_analysis(library.catalog, [PictureAnalyzer()], batch_size=8))


def test_no_season_from_the_file_mtime(tmp_path, library):
    folder = tmp_path / "photos"
    folder.mkdir()
    copied = make_jpeg(folder / "copied.jpg", when=None, seed=1)  # no EXIF date
    dated = make_jpeg(folder / "dated.jpg", when=datetime(2023, 7, 20, 12, 0), seed=2)
    december = datetime(2024, 12, 24, 12, 0).timestamp()
    for p in (copied, dated):
        os.utime(p, (december, december))
    _analysed_library(library, folder)
    for path, season in ((copied, None), (dated, "여름")):
        photo_id = library.photos.resolve(str(path))
        assert library.photos.photo(photo_id).date_source == ("file mtime" if season is None else "exif:DateTimeOriginal")
        for r in (library.pictures.suggest_for_photo(photo_id), library.pictures.suggest_files([path])[0]):
            seasons = {s.tag: s.because for s in r.suggestions if "taken in" in s.because}
            assert seasons == ({} if season is None else {season: "taken in summer"}), r.suggestions
    dropped = library.pictures.suggest_files([make_jpeg(tmp_path / "new.jpg", when=None, seed=3)])[0]
    assert not [s for s in dropped.suggestions if "taken in" in s.because]


@pytest.mark.slow
def test_same_suggestions_by_path_by_id_and_for_a_renamed_copy(shared_datasets, library, tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    src = shared_datasets / "hashtags" / "images"
    for name in (COUPLE, SELFIE):
        shutil.copy(src / name, folder / name)
    _analysed_library(library, folder, everything=True)
    copy = tmp_path / "renamed.jpg"
    shutil.copy(folder / COUPLE, copy)
    for name in (COUPLE, SELFIE):
        photo_id = library.photos.resolve(str(folder / name))
        by_id = library.pictures.suggest_for_photo(photo_id)
        by_path = library.pictures.suggest_files([folder / name])[0]
        assert by_id.suggestions and by_path.suggestions == by_id.suggestions
    assert library.pictures.suggest_files([copy])[0].suggestions == library.pictures.suggest_for_photo(
        library.photos.resolve(str(folder / COUPLE))).suggestions


DOG = "chanakya2734__dog.106.jpg"  # the dogs folder


def test_detector_inputs_reach_the_head(shared_datasets, library):
    """The head's third input is what the detector and the faces found: the picture pass
    feeds it, and the same features with other detections give other probabilities."""
    path = shared_datasets / "hashtags" / "images" / COUPLE
    facts, results, _image = library.pictures.image_analysis(path)
    assert results.get("objects") is not None and len(results["objects"])
    head = HashtagHead()
    picture = next(a for a in library.pictures._fact_analyzers() if a.name == "picture")
    from pose_desktop.tagging.hashtag_inputs import object_inputs
    from pose_desktop.tagging.people_facts import face_box

    x, hashtag_x = picture.views(_image.native)
    mob, cloth = picture.hashtag_features(x[None], None if hashtag_x is None else hashtag_x[None])
    w, h = _image.original_size
    faces = [face_box(*(float(v) for v in f.box[:4]), f.score, None, w, h) for f in results["faces"]]
    seen = head.predict(mob, cloth, object_inputs(results["objects"], faces)[None])[0]
    blind = head.predict(mob, cloth, np.zeros((1, len(OBJECT_INPUTS)), np.float32))[0]
    shown = {f.name: f.score for f in facts.of_kind("hashtag")}
    # the app's facts are the head's answer with the detector's input (scores to 4 places)
    assert shown and all(abs(shown[t] - seen[k]) < 1e-3 for k, t in enumerate(head.tags) if t in shown)
    assert np.abs(seen - blind).max() > 1e-3


def test_benchmark_cache_gives_the_apps_suggestions(shared_datasets, library, tmp_path):
    """benchmarks/hashtag_photos.py keeps what the app's analysis of each photo gave; the
    suggestions rebuilt from the cache are the app's own (``suggest_files``), and a second
    run reads the cache instead of the models."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from hashtag_photos import facts_of, head_inputs, photo_records

    from pose_desktop.tagging.scenes import hashtag_facts

    src = shared_datasets / "hashtags" / "images"
    paths = [src / COUPLE, src / SELFIE, src / DOG]
    first = photo_records(paths, tmp_path / "cache", library)
    cached = list((tmp_path / "cache").glob("photos-*.npz"))
    assert len(cached) == 1
    stamp = cached[0].stat().st_mtime_ns
    again = photo_records(paths, tmp_path / "cache", library)
    assert cached[0].stat().st_mtime_ns == stamp  # nothing new to save: all read from the cache
    for a, b in zip(first, again, strict=True):
        assert a["sha"] == b["sha"] and a["facts"] == b["facts"] and np.allclose(a["mobilenet"], b["mobilenet"])
    head = HashtagHead()
    probs = head.predict(*head_inputs(again, head.crop).arrays())
    app = library.pictures.suggest_files(paths)
    for record, p, got, path in zip(again, probs, app, paths, strict=True):
        facts = PictureFacts.from_json(PictureFacts(hashtag_facts(head.tags, p)).to_json())
        facts.facts = head_checked(facts.facts + facts_of(record).facts)
        rebuilt = suggest(facts, taken=record["taken"] or None, thresholds=head.thresholds)
        assert [s.tag for s in rebuilt] == [s.tag for s in got.suggestions], path.name
