"""The hashtag head's third input: what the COCO detector and the faces found in a photo,
as a fixed-length vector (``OBJECT_INPUTS`` names its columns).

People counts and sizes (persons scoring >= ``PERSON_MIN``; "subject" persons cover
``SUBJECT_AREA`` of the photo or ``SUBJECT_HEIGHT`` of its height), faces (score >=
``FACE_MIN_SCORE``), three simple layout flags (two subject persons of comparable size;
three or more people or faces; one close face or one person filling the photo) and the
best score of each key COCO class (``tagging.objects.key_object_scores``). Counts are
capped at ``MAX_COUNT`` and scaled to 0..1.

These are the head's own definitions, fixed at what models/hashtag_head.onnx was trained
on: the suggester's people rules (``tagging.objects.people_layout``, whose thresholds are
tuned for the 셀카 / 커플 gates) may change without retraining the head. The same function
serves the training (models/build_hashtag_head.py), the picture analyzer (the head runs
there) and the quality benchmark, so the head sees the same numbers everywhere. Face ages
are left out: measured as extra columns (children, adults, the youngest and the largest
face's age) they moved the head's cross-validated top-1 by +0.04 points over three network
seeds (models/MODELS.md, hashtag_head), and the picture analyzer would have to wait for
``face_age``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from pose_desktop.inference.detector import PERSON, Detections
from pose_desktop.tagging.objects import KEY_CLASSES, key_object_scores
from pose_desktop.tagging.people_facts import FaceBox

LAYOUT_INPUTS = ("people", "subject_people", "largest_person_area", "largest_person_height",
                 "people_area", "faces", "largest_face_area", "couple", "group", "selfie")
OBJECT_INPUTS: tuple[str, ...] = LAYOUT_INPUTS + tuple(f"max_{c.replace(' ', '_')}" for c in KEY_CLASSES)
MAX_COUNT = 5
PERSON_MIN = 0.4
SUBJECT_AREA = 0.05
SUBJECT_HEIGHT = 0.4
PAIR_RATIO = 0.3
CLOSE_FACE_AREA = 0.04
FILLING_PERSON_AREA = 0.5
FACE_MIN_SCORE = 0.9


def _layout(det: Detections | None, faces: Sequence[FaceBox] | None) -> list[float]:
    faces = [f for f in (faces or []) if f.score >= FACE_MIN_SCORE]
    n_faces = len(faces)
    largest_face = max((f.area for f in faces), default=0.0)
    people = subject_people = 0
    largest_area = largest_height = people_area = 0.0
    couple = group = selfie = False
    if det is not None and len(det):
        persons = det.of_class(PERSON, PERSON_MIN)
        b = persons.boxes
        areas = np.clip(b[:, 2] - b[:, 0], 0, 1) * np.clip(b[:, 3] - b[:, 1], 0, 1)
        heights = np.clip(b[:, 3] - b[:, 1], 0, 1)
        subject = (areas >= SUBJECT_AREA) | (heights >= SUBJECT_HEIGHT)
        people, subject_people = len(persons), int(subject.sum())
        largest_area, largest_height = float(areas.max(initial=0.0)), float(heights.max(initial=0.0))
        people_area = float(min(1.0, areas.sum()))
        if subject_people == 2:
            a, s = sorted(areas[subject], reverse=True)
            couple = bool(s >= PAIR_RATIO * a and not (areas[~subject] >= s).any())
        group = subject_people >= 3
    group = group or n_faces >= 3
    if faces:
        selfie = n_faces == 1 and largest_face >= CLOSE_FACE_AREA and subject_people <= 1
    else:
        selfie = people == 1 and largest_area >= FILLING_PERSON_AREA
    return [min(people, MAX_COUNT) / MAX_COUNT, min(subject_people, MAX_COUNT) / MAX_COUNT,
            largest_area, largest_height, people_area, min(n_faces, MAX_COUNT) / MAX_COUNT,
            largest_face, float(couple), float(group), float(selfie)]


def object_inputs(det: Detections | None, faces: Sequence[FaceBox] | None) -> np.ndarray:
    """(len(OBJECT_INPUTS),) float32 for one photo; zeros where the detector and the faces
    did not run."""
    return np.concatenate([np.asarray(_layout(det, faces), np.float32), key_object_scores(det)]).astype(np.float32)
