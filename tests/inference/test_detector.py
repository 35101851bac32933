"""The COCO object detector (models/object_detector.onnx) on real dev photos."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from pose_desktop.inference.decode import decode_image
from pose_desktop.inference.detector import COCO_CLASSES, PERSON, Detections, ObjectDetector

DOG = COCO_CLASSES.index("dog")


@pytest.fixture(scope="module")
def detector() -> ObjectDetector:
    return ObjectDetector()


def _image(shared_datasets, name: str) -> Image.Image:
    return decode_image(shared_datasets / "hashtags" / "images" / name).image


def test_a_dog_photo_finds_a_dog(shared_datasets, detector):
    # "Three dogs in the snow" (Flickr8k), and a photo of the dogs folder
    for name, dogs in (("rlnzler__2340206885_58754a799a.jpg", 3), ("chanakya2734__dog.4205.jpg", 1)):
        det = detector.detect(_image(shared_datasets, name))
        assert det.labels[0] == "dog", name  # the best detection of the photo
        assert det.scores[0] >= 0.45
        assert len(det.of_class(DOG, 0.3)) == dogs, name


def test_a_group_photo_finds_several_people(shared_datasets, detector):
    # "A group of people are walking down a sidewalk beside the beach"
    det = detector.detect(_image(shared_datasets, "rlnzler__260520547_944f9f4c91.jpg"))
    people = det.of_class(PERSON, 0.4)
    assert len(people) >= 3
    assert "person" in det.labels
    # boxes are fractions of the photo, best score first, classes are COCO ids
    assert det.boxes.dtype == np.float32 and det.boxes.shape == (len(det), 4)
    assert (det.boxes >= 0).all() and (det.boxes <= 1).all()
    assert (det.boxes[:, 2] > det.boxes[:, 0]).all() and (det.boxes[:, 3] > det.boxes[:, 1]).all()
    assert (np.diff(det.scores) <= 0).all()
    assert det.classes.min() >= 0 and det.classes.max() < len(COCO_CLASSES)


def test_array_pil_batch_and_prepared_inputs_agree(shared_datasets, detector):
    images = [_image(shared_datasets, n) for n in
              ("rlnzler__260520547_944f9f4c91.jpg", "rlnzler__2340206885_58754a799a.jpg")]
    singles = [detector.detect(img) for img in images]
    batch = detector.detect_batch([np.asarray(img) for img in images],
                                  [None, detector.prepare(images[1])])
    for a, b in zip(singles, batch, strict=True):
        np.testing.assert_array_equal(a.classes, b.classes)
        np.testing.assert_allclose(a.scores, b.scores, atol=1e-5)
        np.testing.assert_allclose(a.boxes, b.boxes, atol=1e-5)


def test_one_object_per_place_and_class(shared_datasets, detector):
    det = detector.detect(_image(shared_datasets, "rlnzler__260520547_944f9f4c91.jpg"))
    for c in set(det.classes.tolist()):
        same = det.of_class(c)
        for i in range(len(same)):
            for j in range(i + 1, len(same)):
                a, b = same.boxes[i], same.boxes[j]
                w = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
                h = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
                inter = w * h
                union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
                assert inter / union <= detector.iou + 1e-6


def test_a_blank_picture_has_nothing(detector):
    det = detector.detect(np.full((300, 500, 3), 128, np.uint8))
    assert isinstance(det, Detections) and len(det) == 0
