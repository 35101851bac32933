"""The pure pre/post-processing functions."""

from __future__ import annotations

import numpy as np

from pose_desktop.inference import transforms as T


def test_similarity_transform_recovers_a_known_one():
    angle, scale, shift = 0.3, 1.7, np.array([5.0, -3.0])
    rot = scale * np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    src = T.ARCFACE_TEMPLATE_112.astype(np.float64)
    dst = src @ rot.T + shift
    m = T.similarity_transform(src, dst)
    assert np.allclose(m[:, :2], rot, atol=1e-4) and np.allclose(m[:, 2], shift, atol=1e-3)


def test_align_face_puts_the_landmarks_on_the_template():
    img = np.zeros((300, 300, 3), np.uint8)
    marks = T.ARCFACE_TEMPLATE_112 * 2 + 40  # a face twice the template size
    for x, y in marks.astype(int):
        img[y - 1 : y + 2, x - 1 : x + 2] = 255
    out = T.align_face(img, marks, 112)
    for x, y in T.ARCFACE_TEMPLATE_112.round().astype(int):
        assert out[y - 1 : y + 2, x - 1 : x + 2].max() > 100


def test_nms_keeps_the_best_of_overlapping_boxes():
    boxes = np.array([[0, 0, 10, 10], [1, 1, 11, 11], [50, 50, 60, 60]], np.float32)
    keep = T.nms(boxes, np.array([0.5, 0.9, 0.7]), 0.5)
    assert keep.tolist() == [1, 2]


def test_crop_patches_pads_outside_the_image():
    img = np.full((20, 20, 3), 200, np.uint8)
    patch = T.crop_patches(img, np.array([[-10, -10, 10, 10]], np.float32), 8)[0]
    assert patch[0, 0].max() == 0 and patch[-1, -1].min() == 200


def test_softmax_and_normalize():
    p = T.softmax(np.array([[1.0, 2.0, 3.0]]))
    assert np.isclose(p.sum(), 1.0) and p.argmax() == 2
    assert np.allclose(np.linalg.norm(T.l2_normalize(np.array([[3.0, 4.0]])), axis=1), 1.0)
