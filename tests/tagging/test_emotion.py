"""Emotion per face: the 7 classes, the three moods, the photo's mood."""

from __future__ import annotations

import csv

import numpy as np

from pose_desktop.analysis.emotion import EmotionAnalyzer
from pose_desktop.analysis.faces import FaceAnalyzer
from pose_desktop.inference.decode import decode_image
from pose_desktop.inference.face_models import fold_mood, mood_and_emotion
from pose_desktop.tagging.emotion import FaceEmotion, photo_mood
from pose_desktop.tagging.people import FaceRecord
from pose_desktop.vocab.emotion import EMOTIONS


def test_fold_mood_sums_the_groups():
    p = np.zeros(7)
    p[EMOTIONS.index("surprise")] = 0.3
    p[EMOTIONS.index("happy")] = 0.25
    p[EMOTIONS.index("sad")] = 0.45  # argmax is sad, but positive has more in total
    mood, sums = fold_mood(p)
    assert mood == "positive" and abs(sums["negative"] - 0.45) < 1e-6


def test_a_face_never_gets_a_contradictory_mood_and_emotion():
    """Laughing kids once read "happy" with a negative mood: happy 0.4 was the argmax, but
    angry + disgust + sad summed to 0.55. Mood and emotion are decided together: the emotion
    whose probability plus its mood's sum is largest (happy 0.4 + 0.4 beats angry 0.2 + 0.55),
    and that emotion's mood."""
    p = np.zeros(7)
    p[EMOTIONS.index("happy")] = 0.40
    p[EMOTIONS.index("angry")] = 0.20
    p[EMOTIONS.index("disgust")] = 0.20
    p[EMOTIONS.index("sad")] = 0.15
    p[EMOTIONS.index("neutral")] = 0.05
    mood, emotion, sums = mood_and_emotion(p)
    assert (mood, emotion) == ("positive", "happy") and abs(sums["negative"] - 0.55) < 1e-6
    # a clear group still wins over a slightly stronger lone emotion of another mood
    p = np.zeros(7)
    p[EMOTIONS.index("happy")] = 0.30
    p[EMOTIONS.index("angry")] = 0.25
    p[EMOTIONS.index("sad")] = 0.25
    p[EMOTIONS.index("disgust")] = 0.20
    assert mood_and_emotion(p)[:2] == ("negative", "angry")
    rng = np.random.default_rng(0)
    from pose_desktop.vocab.emotion import MOOD_OF
    for _ in range(500):
        mood, emotion, _ = mood_and_emotion(rng.dirichlet(np.ones(7) * 0.5))
        assert MOOD_OF[emotion] == mood


def test_a_photo_mood_never_contradicts_its_only_face():
    """sad 0.45 against surprise 0.3 + happy 0.25: the face reads sad / negative although the
    positive sum is larger, and a photo with only that face is negative too."""
    p = np.zeros(7)
    p[EMOTIONS.index("surprise")] = 0.3
    p[EMOTIONS.index("happy")] = 0.25
    p[EMOTIONS.index("sad")] = 0.45
    mood, emotion, sums = mood_and_emotion(p)
    assert (mood, emotion) == ("negative", "sad")
    face = FaceRecord(np.zeros(4), np.zeros((5, 2)), 1.0, 0.8, None)
    assert photo_mood([FaceEmotion(face, {}, emotion, mood, sums)]) == ("negative", 0.45)


def test_photo_mood_weights_faces_by_quality():
    def fe(q, mood):
        scores = {m: 0.0 for m in ("positive", "neutral", "negative")}
        scores[mood] = 1.0
        face = FaceRecord(np.zeros(4), np.zeros((5, 2)), 1.0, q, None)
        return FaceEmotion(face, {}, "happy", mood, scores)

    assert photo_mood([fe(0.9, "positive"), fe(0.2, "negative")])[0] == "positive"
    assert photo_mood([]) is None


def test_smiling_faces_read_as_positive_better_than_fer(shared_datasets):
    folder = shared_datasets / "emotion"
    with open(folder / "labels.csv", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["label"] in ("happiness", "sadness", "anger")]
    rows = rows[::6][:24]
    faces, ours, fer = FaceAnalyzer(), EmotionAnalyzer(), EmotionAnalyzer(baseline=True)
    right_ours = right_fer = 0
    for r in rows:
        img = decode_image(folder / "images" / r["file"]).pixels
        found = faces.detect_and_embed([img])[0]
        h, w = img.shape[:2]
        box, marks = (found[0].box, found[0].landmarks) if found else (np.array([0, 0, w, h], np.float32), None)
        want = "positive" if r["label"] == "happiness" else "negative"
        right_ours += fold_mood(ours.classify_faces(img, [box], [marks])[0])[0] == want
        right_fer += fold_mood(fer.classify_faces(img, [box], [marks])[0])[0] == want
    assert right_ours >= right_fer and right_ours >= 0.7 * len(rows)


def _dev_faces(shared_datasets, n):
    folder = shared_datasets / "emotion"
    with open(folder / "labels.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))[::29][:n]
    return [decode_image(folder / "images" / r["file"]).pixels for r in rows]


def test_the_head_reads_both_crops_and_is_mirror_symmetric(shared_datasets):
    """emotion.onnx takes fer's grey 64 px crop and face-api's RGB 112 px crop and averages
    each face with its mirror image: a mirrored photo reads the same."""
    model = EmotionAnalyzer().model
    images = _dev_faces(shared_datasets, 6)
    boxes = [np.array([0, 0, im.shape[1], im.shape[0]], np.float32) for im in images]
    crops = [model.crop(im, b) for im, b in zip(images, boxes, strict=True)]
    assert crops[0][0].shape == (64, 64) and crops[0][1].shape == (112, 112, 3)
    assert crops[0][1].dtype == np.uint8
    probs = model.classify(crops)
    assert probs.shape == (6, len(EMOTIONS))
    np.testing.assert_allclose(probs.sum(1), 1.0, atol=1e-5)
    mirrored = model.classify([model.crop(np.ascontiguousarray(im[:, ::-1]), b)
                               for im, b in zip(images, boxes, strict=True)])
    np.testing.assert_allclose(mirrored, probs, atol=2e-3)
    # the RGB crop matters: another face's RGB crop beside the same grey crop changes the result
    swapped = model.classify([(g, crops[(k + 1) % 6][1]) for k, (g, _) in enumerate(crops)])
    assert np.abs(swapped - probs).max() > 0.05


def test_the_head_gives_the_same_probabilities_in_any_batch_size(shared_datasets):
    model = EmotionAnalyzer().model
    images = _dev_faces(shared_datasets, 7)
    crops = [model.crop(im, np.array([0, 0, im.shape[1], im.shape[0]], np.float32)) for im in images]
    whole = model.classify(crops)
    model.batch_size = 3  # 3 + 3 + 1
    np.testing.assert_allclose(model.classify(crops), whole, atol=1e-5)


def test_shown_scores_are_the_calibrated_probabilities_with_the_same_decision(shared_datasets):
    """The head's probabilities are a little under-confident; the scores stored
    and shown are them to ``score_power``, renormalised: same largest class, sharper, and the
    mood and emotion decided on the probabilities. fer's scores are its probabilities."""
    from pose_desktop.analysis.runner import analyze_image

    folder = shared_datasets / "emotion"
    with open(folder / "labels.csv", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["label"] == "happiness"][:3]
    faces, emotion = FaceAnalyzer(), EmotionAnalyzer()
    assert emotion.model.score_power > 1
    checked = 0
    for r in rows:
        image = decode_image(folder / "images" / r["file"])
        results, failed = analyze_image(image, [faces, emotion])
        assert not failed
        for fe in results["emotion"]:
            box = fe.face.box * image.scale
            probs = emotion.classify_faces(image.image, [box])[0]
            shown = emotion.model.calibrate(probs)
            np.testing.assert_allclose([fe.scores[e] for e in EMOTIONS], shown, atol=1e-5)
            assert abs(shown.sum() - 1) < 1e-5 and shown.argmax() == probs.argmax()
            assert shown.max() > probs.max()
            assert (fe.mood, fe.emotion) == mood_and_emotion(probs)[:2]
            assert abs(sum(fe.mood_scores.values()) - 1) < 1e-5
            checked += 1
    assert checked >= 2
    fer = EmotionAnalyzer(baseline=True).model
    p = np.array([0.1, 0.05, 0.05, 0.5, 0.1, 0.1, 0.1], np.float32)
    np.testing.assert_allclose(fer.calibrate(p), p, atol=1e-6)


def test_a_photos_emotion_tags_nest_under_its_mood(tmp_path):
    """The tag tree counted more photos under an emotion than under its mood (emotions were
    tagged per face, the mood once per photo): a photo is tagged only with the emotions of
    the faces that share its mood, so every emotion's count is at most its mood's."""
    from datetime import datetime

    from pose_desktop.catalog.analysis import PhotoRef
    from pose_desktop.catalog.queries import PhotoFilter
    from pose_desktop.services import Library
    from tests.photos import make_jpeg

    def fe(quality, emotion, mood, score):
        sums = {m: 0.0 for m in ("positive", "neutral", "negative")}
        sums[mood] = score
        face = FaceRecord(np.zeros(4), np.zeros((5, 2)), 1.0, quality, None)
        return FaceEmotion(face, {e: (score if e == emotion else 0.0) for e in EMOTIONS}, emotion, mood, sums)

    root = tmp_path / "pics"
    for k in range(2):
        make_jpeg(root / f"{k}.jpg", when=datetime(2020, 1, 1 + k), seed=k)
    with Library(tmp_path / "c.sqlite") as lib:
        list(lib.photos.index_folder(str(root)))
        ids = [lib.photos.resolve(str(root / f"{k}.jpg")) for k in range(2)]
        analyzer = EmotionAnalyzer()
        with lib.catalog.write() as db:
            # a wedding: three smiles and one face read as sad; a sad photo with a neutral face
            analyzer.store(db, PhotoRef(ids[0], "", ""), [fe(0.9, "happy", "positive", 0.8)] * 3
                           + [fe(0.3, "sad", "negative", 0.6)])
            analyzer.store(db, PhotoRef(ids[1], "", ""), [fe(0.9, "sad", "negative", 0.7),
                                                          fe(0.2, "neutral", "neutral", 0.5)])

        def tagged(kind, name):
            return set(lib.photos.photo_ids(PhotoFilter(tag_kind=kind, tag_name=name)))

        assert tagged("mood", "positive") == {ids[0]} and tagged("emotion", "happy") == {ids[0]}
        assert tagged("mood", "negative") == {ids[1]} and tagged("emotion", "sad") == {ids[1]}
        assert tagged("emotion", "neutral") == set() and tagged("mood", "neutral") == set()
        tree = {t.name: t for kind in lib.photos.tag_tree(("mood", "emotion")) for t in kind.tags}
        assert [(e.name, e.count) for e in tree["positive"].children] == [("happy", 1)]
        for mood in tree.values():
            assert all(e.count <= mood.count for e in mood.children), mood
