"""People layout and the hashtag head's object inputs from the real detector (and face
detector) on real photos."""

from __future__ import annotations

import numpy as np
import pytest

from pose_desktop.inference.decode import decode_image
from pose_desktop.inference.detector import Detections, ObjectDetector
from pose_desktop.inference.face_models import FaceDetector
from pose_desktop.tagging.hashtag_inputs import (
    LAYOUT_INPUTS,
    MAX_COUNT,
    OBJECT_INPUTS,
    object_inputs,
)
from pose_desktop.tagging.objects import KEY_CLASSES, describe_objects, people_layout
from pose_desktop.tagging.people_facts import FaceBox


@pytest.fixture(scope="module")
def detector() -> ObjectDetector:
    return ObjectDetector()


def _detect(detector, shared_datasets, name: str) -> Detections:
    return detector.detect(decode_image(shared_datasets / "hashtags" / "images" / name).image)


def _faces(image) -> list[FaceBox]:
    arr = np.asarray(image)
    h, w = arr.shape[:2]
    return [FaceBox(float((d.box[2] - d.box[0]) * (d.box[3] - d.box[1])) / (w * h), d.score)
            for d in FaceDetector().detect(arr)]


def test_a_man_and_a_woman_are_a_couple(shared_datasets, detector):
    # "A bearded man and a woman in a dress holding a cup ."
    lay = people_layout(_detect(detector, shared_datasets, "rlnzler__3084010872_cbc3ea8239.jpg"))
    assert lay.couple and not lay.group and not lay.selfie
    assert lay.subject_people == 2
    assert lay.because and lay.because[0].text().startswith("2 people")


def test_a_family_of_nine_is_a_group_not_a_couple(shared_datasets, detector):
    # "A family of nine people , including four children , pose in front of a brick fireplace"
    lay = people_layout(_detect(detector, shared_datasets, "rlnzler__3197891333_b1b0fd1702.jpg"))
    assert lay.group and not lay.couple
    assert lay.people >= 6


def test_three_dogs_have_no_people_layout(shared_datasets, detector):
    det = _detect(detector, shared_datasets, "rlnzler__2340206885_58754a799a.jpg")
    lay = people_layout(det)
    assert not (lay.couple or lay.group or lay.selfie)
    assert describe_objects(det)[0].startswith("dog ")


def test_one_close_face_is_a_selfie_and_faces_decide_it(shared_datasets, detector):
    image = decode_image(shared_datasets / "faces" / "images" / "Andre_Agassi_0001.jpg").image
    faces = _faces(image)
    det = detector.detect(image)
    assert people_layout(det, faces).selfie
    # the same person boxes with two more faces as large: a group, not a selfie
    more = faces + [FaceBox(0.3, 0.99), FaceBox(0.3, 0.99)]
    lay = people_layout(det, more)
    assert lay.group and not lay.selfie and lay.faces == 3
    # ... but two tiny faces far behind are passers-by: still a selfie, no group
    lay = people_layout(det, faces + [FaceBox(0.001, 0.99), FaceBox(0.001, 0.99)])
    assert lay.selfie and not lay.group and lay.faces == 3


def test_the_heads_object_inputs_have_fixed_named_columns(shared_datasets, detector):
    det = _detect(detector, shared_datasets, "rlnzler__3084010872_cbc3ea8239.jpg")
    v = object_inputs(det, None)
    assert v.dtype == np.float32 and v.shape == (len(OBJECT_INPUTS),)
    named = dict(zip(OBJECT_INPUTS, v.tolist(), strict=True))
    assert named["couple"] == 1.0 and named["subject_people"] == pytest.approx(2 / MAX_COUNT)
    assert 0 < named["largest_person_area"] <= 1
    assert len(OBJECT_INPUTS) == len(LAYOUT_INPUTS) + len(KEY_CLASSES)
    empty = object_inputs(None, None)
    assert empty.shape == v.shape and not empty.any()
    dogs = object_inputs(_detect(detector, shared_datasets, "rlnzler__2340206885_58754a799a.jpg"), None)
    assert dict(zip(OBJECT_INPUTS, dogs.tolist(), strict=True))["max_dog"] >= 0.5
