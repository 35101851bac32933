"""The real-face emotion labels (benchmarks/data/emotion_real_faces.csv) key faces the app
finds: each labelled box is a face the faces analyzer (detector + real-face gate, real ONNX
sessions) finds in that photo of ../shared/datasets, and the emotion analyzer gives it one mood
and one emotion that agree."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from pose_desktop.analysis.emotion import EmotionAnalyzer
from pose_desktop.analysis.faces import FaceAnalyzer
from pose_desktop.inference.decode import decode_image
from pose_desktop.inference.face_models import mood_and_emotion
from pose_desktop.vocab.emotion import EMOTIONS, MOOD_OF, MOODS

LABELS = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "emotion_real_faces.csv"


def test_labels_are_well_formed():
    rows = list(csv.DictReader(open(LABELS, encoding="utf-8")))
    assert len(rows) >= 250
    assert sum(r["mood"] in MOODS for r in rows) >= 250
    for r in rows:
        assert r["folder"] in ("faces", "hashtags")
        assert r["mood"] in (*MOODS, "unclear")
        if r["emotion"]:
            assert r["emotion"] in EMOTIONS and MOOD_OF[r["emotion"]] == r["mood"]
        assert int(r["x2"]) > int(r["x1"]) and int(r["y2"]) > int(r["y1"])


def test_labelled_boxes_are_faces_the_app_finds(shared_datasets):
    rows = list(csv.DictReader(open(LABELS, encoding="utf-8")))
    photos = sorted({(r["folder"], r["file"]) for r in rows})[::30]  # a spread of 12 photos
    faces, emotion = FaceAnalyzer(), EmotionAnalyzer()
    for folder, name in photos:
        image = decode_image(shared_datasets / folder / "images" / name, 100_000).image
        found = [f.box for f in faces.detect_and_embed([image])[0]]
        labelled = [r for r in rows if (r["folder"], r["file"]) == (folder, name)]
        assert image.size == (int(labelled[0]["width"]), int(labelled[0]["height"]))
        boxes = [np.array([float(r[k]) for k in ("x1", "y1", "x2", "y2")]) for r in labelled]
        for box in boxes:
            # the file keeps the box rounded to whole pixels
            assert min(np.abs(box - f[:4]).max() for f in found) <= 0.5 + 1e-3, (name, box, found)
        for probs in emotion.classify_faces(image, boxes):
            mood, shown, _ = mood_and_emotion(probs)
            assert MOOD_OF[shown] == mood
